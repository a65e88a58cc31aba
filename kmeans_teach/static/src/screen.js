/**
 * The explorer on its screen: how large everything is drawn (lecture mode's scale), the
 * panels fitted to the room the screen leaves (layout.js says how they share it), and
 * full screen (the explorer alone, filling a projector).
 *
 * The room is the notebook's visible area in JupyterLab, the window in Voila and the
 * player, the screen in full screen. A new width, a window resized, full screen entered or
 * left, the rarer choices unfolded, or a status line a line longer: the panels fit again.
 */

import { panelSizes } from "./layout.js";

/**
 * Everything (type, controls, markers, lines) grows by this much in lecture mode on a
 * screen 1280 CSS pixels wide (or wider): the controls' 15 px type and the canvases' 14 px
 * become 21.75 px and 20.3 px, over the 20 px the back row of a lecture room needs.
 */
const LECTURE_SCALE = 1.45;
const LECTURE_WIDTH = 1280;
/**
 * A narrower screen (an older 1024 x 768 projector) fills the same wall with fewer pixels:
 * the same type on the wall takes fewer of them. The scale shrinks with the screen's width,
 * to no less than this, so that picture, status, steps and trace still fit one screen.
 */
const LECTURE_SCALE_LEAST = 1.2;

/** The scale of everything: 1, or lecture mode's for a screen `screenWidth` wide. */
export function scaleFor(lecture, screenWidth) {
  if (!lecture) return 1;
  return Math.max(LECTURE_SCALE_LEAST, LECTURE_SCALE * Math.min(1, screenWidth / LECTURE_WIDTH));
}

export class Screen {
  constructor(explorer) {
    this.explorer = explorer;
    this.laidOutWidth = null; // the explorer's width at the last fit
    this.statusHeight = null; // the status line's height at the last fit
    this.scatterKey = null; // the scatter's size and scale at the last fit
    this.chartKey = null; // the trace's and the elbow curve's, likewise
    this.sizes = null; // the last fit's layout (layout.js), and its scale
    this.room = null; // the room the last fit had
    const doc = explorer.root.ownerDocument;
    const button = explorer.el.fullscreen;
    if (!(doc.fullscreenEnabled ?? doc.webkitFullscreenEnabled)) {
      // In a frame that may not fill the screen (an embedding page's choice).
      button.disabled = true;
      button.title = "This page does not let the explorer fill the screen";
    }
  }

  /** Listen for what changes the room; `on` adds a listener, `cleanups` end the rest. */
  listen(on, cleanups) {
    const explorer = this.explorer;
    const el = explorer.el;
    const doc = explorer.root.ownerDocument;
    on(el.fullscreen, "click", () => this.toggleFullscreen());
    // The disclosure of the rarer choices opens or closes: the picture fits what is left.
    on(el.more, "toggle", () => this.fit());
    on(doc, "fullscreenchange", () => this.changed());
    on(doc, "webkitfullscreenchange", () => this.changed());
    on(doc.defaultView, "resize", () => this.fit());
    // A new width (a side panel opened) fits the panels again; a new height alone does not:
    // the explorer's own height follows from the fit.
    const resized = new ResizeObserver(() => {
      if (explorer.root.clientWidth !== this.laidOutWidth) this.fit();
    });
    resized.observe(explorer.root);
    // The status line grows a line or loses one: the trace under it takes what is left.
    const status = new ResizeObserver(() => {
      if (el.statusArea.offsetHeight !== this.statusHeight) this.fit({ keepLayout: true });
    });
    status.observe(el.statusArea);
    cleanups.push(() => resized.disconnect());
    cleanups.push(() => status.disconnect());
  }

  /**
   * Size the panels to the room the explorer has: its width, and the height of the screen
   * (the notebook's visible area) below the run's controls. With `keepLayout`, the kind of
   * layout chosen last is sized again (a status line grew: the trace takes what is left).
   */
  fit({ keepLayout = false } = {}) {
    const explorer = this.explorer;
    const { el, root, run } = explorer;
    const scale = scaleFor(explorer.lecture, root.ownerDocument.defaultView.innerWidth);
    if (scale !== explorer.scale) {
      explorer.scale = scale;
      root.style.setProperty("--kt-scale", String(scale));
    }
    if (!run) return;
    const padding = 8 * scale;
    const width = Math.floor(root.clientWidth - 2 * padding);
    if (width <= 0) return;
    this.laidOutWidth = root.clientWidth;
    const above = el.panels.getBoundingClientRect().top - root.getBoundingClientRect().top;
    // A few pixels to spare, so that rounding never makes the notebook scroll by one.
    const height = Math.floor(screenHeight(root) - above - padding - 4);
    // The same room as at the last fit (a new run of the same data): the same layout.
    const room = `${width}x${height}@${scale}|${run.limits}`;
    if (!keepLayout && room === this.room) {
      explorer.dirty();
      return;
    }
    this.room = room;
    const side = el.side;
    // Each width measured once: every measure makes the browser lay the page out.
    const measured = new Map();
    const fixedHeight = (sideW) => {
      if (!measured.has(sideW)) {
        side.style.width = `${sideW}px`;
        const top = el.charts.getBoundingClientRect().top - side.getBoundingClientRect().top;
        measured.set(sideW, top);
      }
      return measured.get(sideW);
    };
    const caption = el.tracePanel.querySelector("figcaption").getBoundingClientRect().height;
    const sizes = panelSizes({
      width,
      height,
      limits: run.limits,
      scale,
      fixedHeight,
      caption: caption + 0.2 * 15 * scale, // and its margin (explorer.css)
      keep: keepLayout && this.sizes?.scale === scale ? this.sizes : null,
    });
    this.sizes = { ...sizes, scale };
    root.dataset.layout = sizes.mode;
    side.style.width = `${sizes.sideW}px`;
    const scatterKey = `${sizes.scatterW}x${sizes.scatterH}@${scale}|${run.limits}`;
    if (scatterKey !== this.scatterKey) {
      // Sized anew only when its size changes: the points are drawn again at a new size.
      this.scatterKey = scatterKey;
      explorer.scatter.resize(sizes.scatterW, sizes.scatterH, scale, run.limits);
    }
    const chartKey = `${sizes.chartW}x${sizes.chartH}@${scale}`;
    if (chartKey !== this.chartKey) {
      this.chartKey = chartKey;
      explorer.trace.resize(sizes.chartW, sizes.chartH, scale);
      explorer.elbowPanel.resize(sizes.chartW, sizes.chartH, scale);
      el.tracePanel.style.width = `${sizes.chartW}px`;
      el.elbowPanel.style.width = `${sizes.chartW}px`;
    }
    this.statusHeight = el.statusArea.offsetHeight;
    explorer.laidOut = true;
    explorer.dirty();
  }

  /** Whether the explorer fills the screen now. */
  get full() {
    const doc = this.explorer.root.ownerDocument;
    return (doc.fullscreenElement ?? doc.webkitFullscreenElement) === this.explorer.root;
  }

  /** The explorer alone, filling the screen (the button, or F); again, or Esc, leaves. */
  toggleFullscreen() {
    const explorer = this.explorer;
    const root = explorer.root;
    if (this.leaveFullscreen()) return;
    const enter = root.requestFullscreen ?? root.webkitRequestFullscreen;
    if (!enter) {
      explorer.refuse("This browser cannot show the explorer full screen here.");
      return;
    }
    enter
      .call(root)
      ?.catch?.(() => explorer.refuse("The browser did not let the explorer fill the screen."));
  }

  /** Leave full screen if the explorer fills it; whether it did. */
  leaveFullscreen() {
    if (!this.full) return false;
    const doc = this.explorer.root.ownerDocument;
    (doc.exitFullscreen ?? doc.webkitExitFullscreen)?.call(doc);
    return true;
  }

  /** Full screen entered or left: the button says which, and the panels fit the new room. */
  changed() {
    const explorer = this.explorer;
    const full = this.full;
    explorer.el.fullscreen.setAttribute("aria-pressed", String(full));
    this.fit();
    // The keys stay with the explorer, in full screen and after it.
    const doc = explorer.root.ownerDocument;
    if (!explorer.root.contains(doc.activeElement)) explorer.keys.giveKeysToTheRun();
  }
}

/**
 * How tall the explorer may be to fit the screen: the notebook's visible area (the closest
 * ancestor that scrolls it) in JupyterLab, the screen in full screen, else the window.
 */
export function screenHeight(root) {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  if (doc.fullscreenElement === root) return root.clientHeight;
  const own = root.getBoundingClientRect().height;
  for (let at = parentOf(root); at && at !== doc.body && at !== doc.documentElement; ) {
    const overflow = view.getComputedStyle(at).overflowY;
    // A wrapper as high as the explorer (an output area that may scroll sideways) is no
    // screen: the notebook's scroller is higher than the explorer, or scrolls it.
    const scrolls = at.scrollHeight > at.clientHeight + 1;
    const higher = at.clientHeight > own + 0.2 * view.innerHeight;
    if ((overflow === "auto" || overflow === "scroll") && (scrolls || higher)) {
      return Math.min(at.clientHeight, view.innerHeight);
    }
    at = parentOf(at);
  }
  // A page that opens with the explorer at its top (the player) shows it whole on load,
  // with the page's margin under it as over it.
  const top = root.getBoundingClientRect().top + view.scrollY;
  return view.innerHeight - (top < 0.1 * view.innerHeight ? 2 * Math.max(0, top) : 0);
}

function parentOf(element) {
  return element.parentElement ?? element.getRootNode()?.host ?? null;
}
