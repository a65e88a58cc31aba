/**
 * The starting centroids, placed ("I'll choose") or moved (at the start step) with the
 * pointer or with the keys. Both end in the same request for a run, `explorer.choose`
 * with `init: "given"` and the centroids, which the kernel answers with
 * `kmeans_steps(init=those centroids)`: a centroid placed with the keys starts the very
 * run a click at the same place starts.
 *
 * "I'll choose" places as many centroids as K is to be: each click (or Enter) places one
 * more, up to the K slider's largest, and "Start the run" (or S) starts the run from them
 * with K the number placed.
 *
 * The keys, the twin of the mouse on the scatter:
 *
 *   while placing ("I'll choose")  ← → ↑ ↓ move a crosshair over the picture (with Shift
 *                                  ten times as far); Enter places a centroid where it is;
 *                                  Backspace takes the last one back; S starts the run
 *                                  from those placed; Esc cancels
 *   at the start step              1 … 9 (0 for the tenth) pick that centroid up; then
 *                                  ← → ↑ ↓ move it, Enter starts the run from where it is,
 *                                  Esc puts it back
 *
 * How placing takes the arrows: while centroids are being placed or one is picked up, the
 * four arrows move the crosshair instead of stepping the run, wherever the focus is in the
 * explorer, except on a slider or a menu reached with Tab, which keeps its arrows as it
 * always does (keys.js): Enter there brings the focus to the picture. Page Up/Down, Home,
 * End and Space still act on the run, as a clicker's keys always do, and so end the placing.
 * Every move of the crosshair is spoken (its two coordinates) and shown in the status line.
 */

import { pointText } from "./description.js";
import { centroidAt } from "./run.js";

/** How a crosshair key moves it: [across, up], in steps. */
const ARROWS = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};
/** Shift with an arrow moves the crosshair this many steps. */
const BIG_STEP = 10;

/**
 * Place one more starting centroid at `at` ([x, y]). Returns false, and says why, when K
 * would be more than the K slider allows.
 */
export function placeCentroid(explorer, at) {
  const placing = explorer.placing;
  if (placing.centroids.length >= placing.max) {
    explorer.refuse(
      `K is at most ${placing.max}: start the run from these (S), or take one back (Backspace).`,
      { keepControls: false },
    );
    return false;
  }
  placing.centroids.push(at);
  explorer.dirty();
  return true;
}

/**
 * Let go of the start centroid being moved: the run starts again from the start with it
 * where it is. Returns false when it is back where it was (nothing to ask for).
 */
export function dropCentroid(explorer) {
  const { j, at } = explorer.dragging;
  explorer.dragging = null;
  const run = explorer.run;
  const [x0, y0] = centroidAt(run, 0, j);
  if (at[0] === x0 && at[1] === y0) {
    explorer.dirty();
    return false;
  }
  const centroids = [];
  for (let i = 0; i < run.k; i++) centroids.push(i === j ? at : centroidAt(run, 0, i));
  explorer.choose({ init: "given", centroids, moved: j });
  return true;
}

/** A round step (1, 2 or 5 times a power of ten) near `raw`. */
function roundStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const best = [1, 2, 5, 10].reduce((a, b) =>
    Math.abs(b * power - raw) < Math.abs(a * power - raw) ? b : a,
  );
  return best * power;
}

/** The keyboard's crosshair on the scatter, and the keys that place and move centroids. */
export class Crosshair {
  constructor(explorer) {
    this.explorer = explorer;
    this.at = [0, 0]; // where it is, in the data's units
    this.step = 1; // how far an arrow moves it
    this.used = false; // moved or brought up with the keys: drawn, and said in the status
  }

  /**
   * A new run: the crosshair starts in the middle of the plot and moves in round steps of
   * about a hundredth of it, so the places it stops at are read out as short numbers.
   */
  reset(run) {
    const [x0, x1, y0, y1] = run.limits;
    this.limits = run.limits;
    this.step = roundStep(Math.max(x1 - x0, y1 - y0) / 100 || 1);
    this.at = [this.snap((x0 + x1) / 2), this.snap((y0 + y1) / 2)];
    this.used = false;
  }

  snap(value) {
    // Through the decimal text, so 0.1 + 0.2 is 0.3 and the crosshair says what it holds.
    return Number((Math.round(value / this.step) * this.step).toPrecision(12));
  }

  /** Where the crosshair is to be drawn ([x, y]), or null when the keys are not placing. */
  get shown() {
    const explorer = this.explorer;
    if (explorer.dragging?.keyboard) return explorer.dragging.at;
    return explorer.placing && this.used ? this.at : null;
  }

  /**
   * Act on a key pressed in the explorer, if it is one of the crosshair's now; `owner` is
   * the control that keeps its own keys (see keys.js), or null. Returns true when it acted.
   */
  onKey(event, owner) {
    const explorer = this.explorer;
    if (!explorer.run) return false;
    const key = event.key;
    const arrowsKept = owner && (owner.type === "range" || owner.tagName === "SELECT");
    const moving = explorer.placing || explorer.dragging?.keyboard;
    if (moving && key in ARROWS && !arrowsKept) {
      const [across, up] = ARROWS[key];
      this.move(across, up, event.shiftKey ? BIG_STEP : 1);
      return true;
    }
    if (moving && key === "Enter" && (!owner || owner === explorer.el.init)) {
      if (explorer.placing) this.enterWhilePlacing(owner);
      else this.drop();
      return true;
    }
    if (explorer.placing && key === "Backspace" && !owner) {
      this.takeBack();
      return true;
    }
    if (explorer.placing && (key === "s" || key === "S") && !owner) {
      explorer.startPlaced();
      return true;
    }
    const digit = /^[0-9]$/.test(key) ? (Number(key) + 9) % 10 : null; // "1" is 0, "0" is 9
    if (digit !== null && !owner && this.canPick(digit)) {
      this.pick(digit);
      return true;
    }
    return false;
  }

  /** Whether start centroid `j` can be picked up now (the start step, where moving is offered). */
  canPick(j) {
    const explorer = this.explorer;
    return (
      explorer.host.choices.place && explorer.index === 0 && !explorer.placing && j < explorer.run.k
    );
  }

  move(across, up, steps) {
    const explorer = this.explorer;
    const [x0, x1, y0, y1] = this.limits;
    const dragging = explorer.dragging?.keyboard;
    const from = dragging ? explorer.dragging.at : this.at;
    // Only the column the arrow moves along changes. The crosshair stays on its round grid;
    // a picked-up centroid moves by whole steps from where it was.
    const go = (value, by) => (by === 0 ? value : dragging ? value + by : this.snap(value + by));
    const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
    const at = [
      clamp(go(from[0], across * steps * this.step), x0, x1),
      clamp(go(from[1], up * steps * this.step), y0, y1),
    ];
    if (explorer.dragging?.keyboard) {
      explorer.dragging.at = at;
      explorer.say(`Centroid ${explorer.dragging.j + 1} at ${pointText(explorer.run, at)}`);
    } else {
      this.at = at;
      this.used = true;
      explorer.say(`Crosshair at ${pointText(explorer.run, at)}`);
    }
    explorer.dirty();
  }

  /**
   * Enter while placing: from the start menu (or before the crosshair is up) it brings the
   * crosshair up on the picture and gives the picture the focus; then it places a centroid.
   */
  enterWhilePlacing(owner) {
    const explorer = this.explorer;
    if (owner || !this.used) {
      this.used = true;
      explorer.el.overlay.focus({ preventScroll: true });
      explorer.say(
        `Crosshair at ${pointText(explorer.run, this.at)}: the arrow keys move it, ` +
          "Shift with them ten times as far, Enter places a centroid there",
      );
      explorer.dirty();
      return;
    }
    const at = [...this.at];
    if (!placeCentroid(explorer, at)) return;
    const k = explorer.placing.centroids.length;
    explorer.say(
      `Centroid ${k} placed at ${pointText(explorer.run, at)}: K = ${k}. ` +
        (k < explorer.placing.max ? "Enter places another, " : "") +
        "S starts the run.",
    );
  }

  takeBack() {
    const explorer = this.explorer;
    const taken = explorer.placing.centroids.pop();
    if (taken) this.at = taken;
    explorer.say(
      taken
        ? `Centroid ${explorer.placing.centroids.length + 1} taken back`
        : "No centroid placed yet",
    );
    explorer.dirty();
  }

  /** Pick start centroid `j` up: the arrows move it now. */
  pick(j) {
    const explorer = this.explorer;
    const at = centroidAt(explorer.run, 0, j);
    explorer.dragging = { j, at, keyboard: true };
    explorer.say(
      `Centroid ${j + 1} picked up at ${pointText(explorer.run, at)}: the arrow keys move it, ` +
        "Enter starts the run from where it is, Esc puts it back",
    );
    explorer.dirty();
  }

  drop() {
    const explorer = this.explorer;
    const { j, at } = explorer.dragging;
    const where = pointText(explorer.run, at);
    const moved = dropCentroid(explorer);
    explorer.say(
      moved
        ? `Centroid ${j + 1} let go at ${where}: computing the run from there`
        : `Centroid ${j + 1} put back where it was`,
    );
  }
}
