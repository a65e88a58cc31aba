/**
 * The keys: what a presenter's clicker and a keyboard do to the run.
 */

/** Act on a key pressed inside the explorer. */
export function onKey(explorer, event) {
  const target = event.target;
  const tag = target.tagName;
  // Keys typed into a control are the control's (a slider's arrows move that slider), and
  // never reach the notebook around it, whose shortcuts would take them from the control.
  const ownKey = tag === "BUTTON" && (event.key === " " || event.key === "Enter");
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || ownKey) {
    event.stopPropagation();
    return;
  }
  const actions = {
    ArrowRight: () => explorer.step(+1),
    PageDown: () => explorer.step(+1),
    ArrowLeft: () => explorer.step(-1),
    PageUp: () => explorer.step(-1),
    " ": () => explorer.togglePlay(),
    Home: () => explorer.show(0),
    End: () => explorer.showLast(),
    Escape: () => explorer.cancel(),
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  event.stopPropagation();
  action();
}
