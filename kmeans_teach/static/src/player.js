/**
 * The self-contained player's host (kmeans_teach/player.py): every run it can show was
 * computed beforehand and is in the page, so it works from a file with no network and no
 * kernel. A run it does not hold is refused in words.
 */

import { Explorer } from "./explorer.js";
import { ownThePage } from "./keys.js";

/** Mount the player in `root`, from `page` (the JSON player.py writes into the page). */
export function mountPlayer(root, page) {
  const settings = { ...page.settings };
  const listeners = {};
  const host = {
    choices: page.choices,
    get: (name) => settings[name],
    on(name, callback) {
      listeners[name] ??= new Set();
      listeners[name].add(callback);
    },
    off(name, callback) {
      listeners[name]?.delete(callback);
    },
    set(name, value) {
      settings[name] = value;
    },
    request(choice) {
      const key = runKey(page.data, choice);
      const run = page.runs[key];
      // Answered after this frame, as a kernel would.
      setTimeout(() => {
        if (run) {
          settings.run = { ...page.data, ...run };
          for (const callback of listeners.run ?? []) callback();
        } else {
          settings.message = { text: page.missing };
          for (const callback of listeners.message ?? []) callback();
        }
      });
    },
  };
  // The data set's points are in the page once; each run holds the rest.
  settings.run = { ...page.data, ...page.runs[page.first] };
  settings.elbow = page.elbow;
  const explorer = new Explorer(root, host);
  root.ktExplorer = explorer;
  // The page is the player's own: it has the keys on load, and after a click beside it.
  ownThePage(explorer);
  return explorer;
}

/** The key of a run in the player: its data set, K, seed, start and metric. */
export function runKey(data, { k, seed, init, metric }) {
  return `${data.data_name}|${k}|${seed}|${init}|${metric}`;
}
