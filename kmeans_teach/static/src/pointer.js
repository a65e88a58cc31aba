/**
 * The mouse (or a finger, or a pen) on the pictures: placing the starting centroids one
 * click at a time ("I'll choose"), dragging a start centroid to a new place, and choosing
 * K with a click on the elbow curve.
 *
 * Each of these ends in a choice of run (`explorer.choose`), which the host answers: the
 * page never computes a clustering itself. The keys have the same on the scatter
 * (placing.js), through the same two functions, so both start the same run.
 */

import { dropCentroid, placeCentroid } from "./placing.js";
import { centroidAt } from "./run.js";

/** Listen to the pointer on `explorer`'s scatter and elbow; `on` adds a listener it removes. */
export function listenToThePointer(explorer, on) {
  const { overlay, elbow } = explorer.el;
  on(overlay, "pointerdown", (event) => pointerDown(explorer, event));
  on(overlay, "pointermove", (event) => pointerMove(explorer, event));
  on(overlay, "pointerup", (event) => pointerUp(explorer, event));
  on(overlay, "pointercancel", () => explorer.cancelDrag());
  on(elbow, "click", (event) => {
    const k = elbowK(explorer, event);
    if (k != null && k !== explorer.run.k) {
      explorer.el.k.value = String(k);
      explorer.choose({ k });
    }
  });
  on(elbow, "pointermove", (event) => {
    elbow.style.cursor = elbowK(explorer, event) == null ? "default" : "pointer";
  });
}

function elbowK(explorer, event) {
  const { kMin, kMax } = explorer.host.choices;
  return explorer.elbowPanel.kAt(event, explorer.elbow, kMin, kMax);
}

/** The start centroid under a pointer event (at the start step, where moving is offered). */
function centroidUnder(explorer, event) {
  if (!explorer.host.choices.place || explorer.index !== 0 || explorer.placing) return null;
  return explorer.scatter.startCentroidAt(event, explorer.run);
}

function pointerDown(explorer, event) {
  // A click on the picture gives the explorer the keys (a clicker steps it next): the
  // explorer itself, not the picture, which the focus reaches only from the keyboard.
  event.preventDefault();
  explorer.root.focus({ preventScroll: true });
  if (explorer.placing) {
    const at = explorer.scatter.dataAt(event);
    if (!at) {
      explorer.refuse("Click inside the plot to place a centroid.", { keepControls: false });
      return;
    }
    explorer.clearMessage();
    placeCentroid(explorer, at);
    return;
  }
  const j = centroidUnder(explorer, event);
  if (j != null) {
    explorer.el.overlay.setPointerCapture?.(event.pointerId);
    explorer.dragging = { j, at: centroidAt(explorer.run, 0, j) };
    explorer.dirty();
  }
}

function pointerMove(explorer, event) {
  if (explorer.dragging && !explorer.dragging.keyboard) {
    const at = explorer.scatter.dataAt(event);
    if (at) explorer.dragging.at = at;
    explorer.dirty();
    return;
  }
  const over = explorer.placing || centroidUnder(explorer, event) != null;
  explorer.el.overlay.style.cursor = explorer.placing ? "crosshair" : over ? "grab" : "default";
}

/** A dragged centroid let go: the run starts again from the start with it where it was let go. */
function pointerUp(explorer, event) {
  if (!explorer.dragging || explorer.dragging.keyboard) return;
  const at = explorer.scatter.dataAt(event);
  if (at) explorer.dragging.at = at;
  dropCentroid(explorer);
}
