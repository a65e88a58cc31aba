/**
 * The keys: a presenter's clicker and the keyboard act on the run, whatever was touched last.
 *
 * A clicker sends Page Down and Page Up (some send the arrows, Space, Home or End). A
 * lecturer who has just moved the K slider, chosen a data set or ticked Lecture mode with
 * the mouse still means the run when they press the clicker, so these keys act on the run
 * from anywhere in the explorer. A few stay with the focused control, each for someone who
 * is at the keyboard working that control:
 *
 *   key            stays with the focused control when it is
 *   Page Up/Down   never (a clicker's keys always step the run)
 *   Home, End, F   a text field being typed in (they move the caret, or type)
 *   Space          a text field being typed in; a button or a checkbox reached with Tab
 *   ← →            a text field being typed in; a slider or a menu reached with Tab;
 *                  a slider being dragged with the mouse
 *   any other key  always (↑ ↓ move a slider or a menu, Enter presses a button)
 *
 * While starting centroids are placed ("I'll choose") or one is picked up at the start step
 * (with its number), the four arrows and Enter are the crosshair's instead of the run's
 * (placing.js says how); Page Up/Down, Home, End and Space still act on the run.
 *
 * "Reached with Tab" means focused without the mouse: someone moving through the controls
 * from the keyboard is working the control they stopped on. A control touched with the
 * mouse has done its change when the mouse lets go (a menu's open list takes every key
 * itself while it is open; the page sees none of them). The seed box is typed in until
 * Enter, which makes the change, or Esc, which puts the run's seed back: both give the keys
 * back to the run.
 *
 * And focus never falls out of the explorer: a step button that disables itself (Next or
 * Last at the last step) hands the focus to the explorer, which shows a ring while it has
 * the keys. On a page that is the explorer's own (the player, Voilà) the explorer has the
 * keys from the start, and keeps them after a click on the page beside it.
 */

export const KEY_SHORTCUTS = "ArrowLeft ArrowRight PageUp PageDown Space Home End F";

/** What each key does to the run. */
const ACTIONS = {
  ArrowRight: (explorer) => explorer.step(+1),
  PageDown: (explorer) => explorer.step(+1),
  ArrowLeft: (explorer) => explorer.step(-1),
  PageUp: (explorer) => explorer.step(-1),
  " ": (explorer) => explorer.togglePlay(),
  Home: (explorer) => explorer.showFirst(),
  End: (explorer) => explorer.showLast(),
  Escape: (explorer) => {
    explorer.cancel();
    explorer.leaveFullscreen(); // where the browser leaves Esc to the page
  },
  f: (explorer) => explorer.toggleFullscreen(),
  F: (explorer) => explorer.toggleFullscreen(),
};

/** The control an event's target is, or belongs to (a click on its label), or null. */
function controlOf(target) {
  const control = target.closest?.("input, select, button, textarea");
  return control ?? target.closest?.("label")?.control ?? null;
}

/** A field that takes typing: its own keys (Space, arrows, Home, End) edit the text. */
function isTextField(control) {
  if (control.readOnly || control.disabled) return false;
  if (control.tagName === "TEXTAREA") return true;
  return control.tagName === "INPUT" && /^(text|number|search)$/.test(control.type);
}

/** Whether `key` stays with `owner`, the control being worked from the keyboard. */
function keptByControl(key, owner, dragged) {
  if (key === "PageUp" || key === "PageDown") return false;
  if (owner && isTextField(owner)) return key !== "Escape";
  const arrow = key === "ArrowLeft" || key === "ArrowRight";
  if (arrow && dragged) return true;
  if (!owner) return false;
  if (key === " ") return owner.tagName === "BUTTON" || owner.type === "checkbox";
  if (arrow) return owner.type === "range" || owner.tagName === "SELECT";
  return false;
}

export class Keys {
  constructor(explorer) {
    this.explorer = explorer;
    this.owner = null; // the control that keeps its own keys (reached with Tab, or typed in)
    this.pointer = false; // a pointer is down: a focus now comes from the mouse
    this.dragged = null; // the slider being dragged with the mouse
  }

  /** Listen to the explorer's keys, focus and pointer; `on` adds a listener it removes. */
  listen(on) {
    const root = this.explorer.root;
    const view = root.ownerDocument.defaultView;
    on(root, "pointerdown", (event) => this.pointerDown(event), { capture: true });
    for (const type of ["pointerup", "pointercancel"]) {
      on(view, type, () => this.pointerUp(), { capture: true });
    }
    // Any key means the keyboard is in use: the focus a Tab brings is not the mouse's (a
    // menu's open list may have kept the mouse's "up" from the page). A slider held by the
    // mouse is still held: it lets go with the pointer.
    on(
      view,
      "keydown",
      () => {
        this.pointer = false;
      },
      { capture: true },
    );
    on(root, "focusin", (event) => this.focusIn(event));
    on(root, "focusout", (event) => {
      if (event.target === this.owner) this.owner = null;
    });
    on(root, "keydown", (event) => this.onKey(event));
  }

  pointerDown(event) {
    this.pointer = true;
    const control = controlOf(event.target);
    if (control?.type === "range") this.dragged = control;
    // The mouse takes over a control the keyboard was working: its change ends with the mouse.
    if (control && control === this.owner && !isTextField(control)) this.owner = null;
  }

  pointerUp() {
    this.pointer = false;
    this.dragged = null;
  }

  focusIn(event) {
    const control = controlOf(event.target);
    const keyboard = !this.pointer;
    this.owner = control && (keyboard || isTextField(control)) ? control : null;
  }

  /** Act on a key pressed inside the explorer (or, on the explorer's own page, beside it). */
  onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const explorer = this.explorer;
    const owner = this.owner;
    if (event.key === "Enter" && owner && isTextField(owner)) {
      // The seed is typed: the change is made as the field lets go of the focus.
      event.stopPropagation();
      this.giveKeysToTheRun();
      return;
    }
    const typing = owner && isTextField(owner);
    if (!typing && !this.dragged && explorer.run && explorer.crosshair.onKey(event, owner)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (keptByControl(event.key, owner, this.dragged) || !(event.key in ACTIONS)) {
      // Keys typed into a control are the control's, and never reach the notebook around
      // it, whose shortcuts would take them from the control.
      if (controlOf(event.target)) event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (event.key === "Escape" && owner && isTextField(owner)) {
      explorer.syncChoiceControls(); // the run's own values back in the boxes
      this.giveKeysToTheRun();
      return;
    }
    if (explorer.run) ACTIONS[event.key](explorer);
  }

  /** The explorer itself takes the focus (and the keys), showing its ring. */
  giveKeysToTheRun() {
    this.owner = null;
    this.explorer.root.focus({ preventScroll: true });
  }
}

/**
 * On a page that is the explorer's own (the player, Voilà), the explorer has the keys on
 * load (unless something else already has them), and keys pressed with nothing focused (a
 * click on the page beside it) go to the explorer used last. Returns the cleanup.
 */
export function ownThePage(explorer) {
  const doc = explorer.root.ownerDocument;
  // Kept on the document, not in this module: a notebook page may load this module once
  // per widget, and the page's keys must still go to one explorer only.
  let page = doc.kmeansTeachExplorers;
  if (!page) {
    page = { explorers: new Set(), last: null };
    doc.kmeansTeachExplorers = page;
    doc.addEventListener("keydown", (event) => {
      const nothingFocused = event.target === doc.body || event.target === doc.documentElement;
      const explorer = page.last ?? [...page.explorers][0];
      if (nothingFocused && explorer) explorer.keys.onKey(event);
    });
  }
  page.explorers.add(explorer);
  const used = () => {
    page.last = explorer;
  };
  explorer.root.addEventListener("focusin", used);
  takeTheKeysOnLoad(explorer, doc);
  return () => {
    page.explorers.delete(explorer);
    if (page.last === explorer) page.last = null;
    explorer.root.removeEventListener("focusin", used);
  };
}

/** Focus the explorer once it is in the page, if nothing else has the focus by then. */
function takeTheKeysOnLoad(explorer, doc, tries = 60) {
  const root = explorer.root;
  if (root.isConnected) {
    const active = doc.activeElement;
    if (!active || active === doc.body || active === doc.documentElement) {
      root.focus({ preventScroll: true });
    }
    return;
  }
  // A widget is drawn before its output is put in the page: wait for it (about a second).
  if (tries > 0) requestAnimationFrame(() => takeTheKeysOnLoad(explorer, doc, tries - 1));
}
