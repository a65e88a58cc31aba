/**
 * The live explorer's host: an anywidget model (kmeans_teach/explorer.py), whose kernel
 * sends the run and answers a request for another with a new run or a message.
 */

import { Explorer } from "./explorer.js";
import { ownThePage } from "./keys.js";

/** The host an Explorer reads from and asks, over `model` (anywidget's). */
function widgetHost(model) {
  const handlers = new Map();
  return {
    choices: model.get("choices"),
    get: (name) => model.get(name),
    on(name, callback) {
      const handler = () => callback();
      handlers.set(callback, handler);
      model.on(`change:${name}`, handler);
    },
    off(name, callback) {
      model.off(`change:${name}`, handlers.get(callback));
    },
    set(name, value) {
      model.set(name, value);
      model.save_changes();
    },
    request(choice) {
      model.send({ type: "choose", ...choice });
    },
  };
}

/** anywidget's entry point: draw the explorer in `el`; the cleanup it returns removes it. */
export function render({ model, el }) {
  const explorer = new Explorer(el, widgetHost(model));
  el.ktExplorer = explorer; // for the browser tests and benchmarks
  // In Voilà the page is the explorers' own (no notebook takes keys): they have the keys from
  // the start. In JupyterLab the notebook's keys stay the notebook's until the explorer is used.
  const ownPage = document.body?.dataset.voila !== undefined;
  const release = ownPage ? ownThePage(explorer) : () => {};
  return () => {
    release();
    explorer.destroy();
  };
}
