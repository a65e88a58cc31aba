"""What a room sees of the explorer on one screen, as the browser tests measure it.

A lecturer steps a run in front of a room: the status line, the picture, the step controls and
the inertia trace must be on the screen together, and every text large enough for the back
row. These are read from the page: boxes against the visible area (the notebook's scroller in
JupyterLab, the window in the player and Voila), the computed size of every text, and the
smallest type each canvas drew (its ``data-font-min``).
"""

from __future__ import annotations

#: What a room must see together while stepping: the status line, the picture, the step
#: controls and the inertia trace.
WHILE_STEPPING = {
    "status line": ".kt-status",
    "scatter": ".kt-points",
    "First": "[name=first]",
    "Back": "[name=back]",
    "Play": "[name=play]",
    "Next": "[name=forward]",
    "Last": "[name=last]",
    "scrubber": "[name=step]",
    "step counter": ".kt-counter",
    "trace": ".kt-trace canvas",
}
#: JupyterLab's notebook scroller: its visible area is what the room sees.
NOTEBOOK_SCROLLER = ".jp-NotebookPanel .jp-WindowedPanel-outer"
#: What lies outside the box `bound` ({left, top, right, bottom}) of `selectors` in `root`.
OUTSIDE_JS = """([root, selectors, bound]) => {
  const outside = {};
  for (const [name, selector] of Object.entries(selectors)) {
    const box = root.querySelector(selector).getBoundingClientRect();
    if (box.width === 0 || box.height === 0) { outside[name] = 'not shown'; continue; }
    if (box.left < bound.left - 0.5 || box.right > bound.right + 0.5
        || box.top < bound.top - 0.5 || box.bottom > bound.bottom + 0.5) {
      outside[name] = [box.left, box.top, box.right, box.bottom].map(Math.round);
    }
  }
  return outside;
}"""
#: The visible area of an element that scrolls: its client box, in the page.
CLIENT_BOX_JS = """(e) => { const box = e.getBoundingClientRect();
  const top = box.top + e.clientTop, left = box.left + e.clientLeft;
  return {left, top, right: left + e.clientWidth, bottom: top + e.clientHeight}; }"""
#: Every text the explorer shows and its size: elements with text of their own (and the
#: controls, whose text is their value), and the smallest type drawn on each canvas.
TEXT_SIZES_JS = """(root) => {
  const texts = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.closest('[hidden], .kt-visually-hidden, .kt-scatter-caption, option')) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if (element.closest('details:not([open])') && !element.closest('summary')) continue;
    const own = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (!own && !element.matches('input:not([type=range]):not([type=checkbox]), select, button'))
      continue;
    texts.push([element.tagName + '.' + element.className + ' ' + element.textContent.trim()
      .slice(0, 30), parseFloat(getComputedStyle(element).fontSize)]);
  }
  const canvases = {};
  for (const canvas of root.querySelectorAll('canvas')) {
    if (canvas.getBoundingClientRect().width === 0 || !canvas.dataset.fontMin) continue;
    canvases[canvas.className || canvas.closest('figure').className] = {
      font: Number(canvas.dataset.fontMin), ticks: canvas.dataset.ticks};
  }
  return {texts, canvases};
}"""
#: Whether the explorer `root` is the page's full-screen element.
FULLSCREEN_JS = (
    "(root) => document.fullscreenElement === root"
    " && root.querySelector('[name=fullscreen]').getAttribute('aria-pressed') === 'true'"
)
#: Out of full screen, and the button says so (it changes on the event that follows).
WINDOWED_JS = (
    "(root) => document.fullscreenElement === null"
    " && root.querySelector('[name=fullscreen]').getAttribute('aria-pressed') === 'false'"
)
