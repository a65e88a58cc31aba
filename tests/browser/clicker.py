"""The clicker after the mouse, as the browser tests of JupyterLab, Voilà and the player check it.

A lecturer uses a control with the mouse, then steps the run with a presenter's clicker (Page
Down and Page Up) or the keys. :func:`use_with_the_mouse` does the first as the mouse does it
(a click on a slider's track, a choice from a menu's open list, a click on a button);
:func:`assert_the_keys_act_on_the_run` checks the second: Page Down and Page Up step exactly
one step, End and Home jump, → and ← step, Space plays and pauses, and none of them changes the
run, K, the data set, the speed, lecture mode or the table view. Steps are read from the explorer's
``data-step`` attribute (see labdriver.STATE_JS).
"""

from __future__ import annotations

#: Every control a lecturer may touch with the mouse, by its name attribute.
EVERY_CONTROL = (
    "data",
    "data-seed",
    "new-data",
    "k",
    "seed",
    "new-seed",
    "init",
    "metric",
    "lecture",
    "first",
    "back",
    "play",
    "forward",
    "last",
    "speed",
    "step",
    "table",
)
#: The player holds one data set, start and distance: those menus are disabled there, and it
#: has no data seed to change (its runs are computed beforehand, on one data set).
PLAYER_CONTROLS = tuple(
    name
    for name in EVERY_CONTROL
    if name not in ("data", "data-seed", "new-data", "init", "metric")
)

STEP_TIMEOUT = 10  # seconds for a step to be shown (it takes one frame; the machine may be busy)
RUN_TIMEOUT = 30  # seconds for a new run (the kernel computes it)

#: What the keys must leave as they were: the run and the controls that choose it.
SETTINGS_JS = """(root) => ({run: root.dataset.run,
  k: root.querySelector('[name=k]').value, data: root.querySelector('[name=data]').value,
  speed: root.querySelector('[name=speed]').value,
  lecture: root.querySelector('[name=lecture]').checked,
  table: root.querySelector('[name=table]').getAttribute('aria-pressed')})"""
PLAYING_JS = "(root) => root.querySelector('[name=play]').dataset.playing === 'true'"
FOCUS_INSIDE_JS = "(root) => root.contains(root.getRootNode().activeElement)"
#: The focus indicator of the element that has the focus: its outline and its box shadow.
FOCUS_RING_JS = """(root) => {
  const focused = root.getRootNode().activeElement;
  const style = getComputedStyle(focused);
  return {isRoot: focused === root, outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow};
}"""


def last_step(explorer) -> int:
    return explorer.root.evaluate("root => root.ktExplorer.run.nSteps - 1")


def show_step(explorer, index: int) -> None:
    """Set the stage for a button: show step `index` (the page's own call, not a key)."""
    explorer.root.evaluate("(root, index) => root.ktExplorer.show(index)", index)
    explorer.wait_for_step(index, STEP_TIMEOUT)


def choose_from_menu(explorer, name: str) -> None:
    """Open a menu with the mouse and choose the option next to the chosen one.

    The browser's open list takes the keys that move in it and choose (the page never sees
    them, as it never sees the mouse's choice), so they stand in for a click on an option.
    """
    menu = explorer.control(name)
    options = menu.evaluate("menu => [...menu.options].map((option) => option.value)")
    at = options.index(menu.input_value())
    # Never "I'll choose" (it waits for clicks on the picture), never past either end.
    down = at + 1 < len(options) and options[at + 1] != "choose"
    menu.click()
    explorer.page.keyboard.press("ArrowDown" if down else "ArrowUp")
    explorer.page.keyboard.press("Enter")


def click_slider_at(explorer, name: str, fraction: float) -> None:
    box = explorer.control(name).bounding_box()
    explorer.page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)


def use_with_the_mouse(explorer, name: str) -> None:
    """Use control `name` as a lecturer does with the mouse, and wait for what it does."""
    page, control = explorer.page, explorer.control(name)
    old = explorer.state()["run"]
    if name in ("data", "init", "metric"):
        choose_from_menu(explorer, name)
        explorer.wait_for_new_run(old, RUN_TIMEOUT)
    elif name == "speed":
        speed = control.input_value()
        choose_from_menu(explorer, name)
        page.wait_for_function(
            "([menu, speed]) => menu.value !== speed", arg=[control.element_handle(), speed]
        )
    elif name == "k":
        low, high = int(control.get_attribute("min")), int(control.get_attribute("max"))
        # Far from the K shown, so the click surely changes it.
        upper = int(control.input_value()) <= (low + high) / 2
        click_slider_at(explorer, name, 0.85 if upper else 0.15)
        explorer.wait_for_new_run(old, RUN_TIMEOUT)
    elif name == "step":
        click_slider_at(explorer, name, 0.5)
        explorer.wait_for("state.step > 0", STEP_TIMEOUT)
    elif name == "seed":
        control.click()
        if control.evaluate("box => box.readOnly"):
            return  # the player's seeds change with "New seed" only
        page.keyboard.press("Control+A")
        page.keyboard.type(str(int(explorer.run()["key"].split("|")[2]) + 1))
        page.keyboard.press("Enter")
        explorer.wait_for_new_run(old, RUN_TIMEOUT)
    elif name == "data-seed":
        control.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(str(int(control.input_value()) + 1))
        page.keyboard.press("Enter")
        explorer.wait_for_new_run(old, RUN_TIMEOUT)
    elif name in ("new-seed", "new-data"):
        control.click()
        explorer.wait_for_new_run(old, RUN_TIMEOUT)
    elif name == "lecture":
        lecture = control.is_checked()
        control.click()
        page.wait_for_function(
            "([root, on]) => root.classList.contains('kt-lecture') === on",
            arg=[explorer.root.element_handle(), not lecture],
        )
    elif name == "table":
        pressed = control.get_attribute("aria-pressed")
        control.click()
        page.wait_for_function(
            "([button, pressed]) => button.getAttribute('aria-pressed') !== pressed",
            arg=[control.element_handle(), pressed],
        )
    elif name == "play":
        control.click()  # plays
        control.click()  # pauses
        wait_until_paused(explorer)
    else:
        # The step buttons, each clicked where it disables itself (the focus must not be lost).
        last = last_step(explorer)
        start, end = {"first": (1, 0), "back": (1, 0), "forward": (last - 1, last)}.get(
            name, (0, last)
        )
        show_step(explorer, start)
        control.click()
        explorer.wait_for_step(end, STEP_TIMEOUT)
        assert control.is_disabled(), f"{name} should disable itself at step {end}"


def restore_the_view(explorer) -> None:
    """Lecture mode off and the tables closed, as the next test expects the explorer."""
    if explorer.control("lecture").is_checked():
        explorer.control("lecture").uncheck()
    if explorer.control("table").get_attribute("aria-pressed") == "true":
        explorer.control("table").click()


def wait_until_paused(explorer) -> None:
    explorer.page.wait_for_function(
        f"(root) => !({PLAYING_JS})(root)", arg=explorer.root.element_handle()
    )


def press_and_wait(explorer, key: str, step: int) -> None:
    explorer.page.keyboard.press(key)
    explorer.wait_for_step(step, STEP_TIMEOUT)


def assert_the_keys_act_on_the_run(explorer) -> None:
    """Page Down/Up step exactly one step, End/Home jump, →/← step, Space plays and pauses."""
    root = explorer.root
    before = root.evaluate(SETTINGS_JS)
    last = last_step(explorer)
    step = explorer.state()["step"]
    if step < last:
        press_and_wait(explorer, "PageDown", step + 1)
        press_and_wait(explorer, "PageUp", step)
    else:
        press_and_wait(explorer, "PageUp", step - 1)
        press_and_wait(explorer, "PageDown", step)
    press_and_wait(explorer, "End", last)
    press_and_wait(explorer, "Home", 0)
    press_and_wait(explorer, "ArrowRight", 1)
    press_and_wait(explorer, "ArrowLeft", 0)
    explorer.page.keyboard.press(" ")
    # Playing: the Play button is pressed, or (on a busy machine) the run has moved on already.
    explorer.page.wait_for_function(
        f"(root) => ({PLAYING_JS})(root) || Number(root.dataset.step) > 0",
        arg=root.element_handle(),
    )
    explorer.page.keyboard.press(" ")
    wait_until_paused(explorer)
    assert root.evaluate(SETTINGS_JS) == before, "the keys changed the run or its controls"
    assert root.evaluate(FOCUS_INSIDE_JS), "the focus left the explorer"


def assert_the_explorer_shows_a_focus_ring(explorer) -> None:
    """The explorer has the focus and shows an outline (which forced-colours mode keeps)."""
    ring = explorer.root.evaluate(FOCUS_RING_JS)
    assert ring["isRoot"], "the explorer itself should have the focus"
    assert ring["outlineStyle"] not in ("none", "hidden") and ring["outlineWidth"] >= 2, ring
    page = explorer.page
    page.emulate_media(forced_colors="active")
    try:
        forced = explorer.root.evaluate(FOCUS_RING_JS)
        assert forced["outlineStyle"] not in ("none", "hidden"), forced
        assert forced["outlineWidth"] >= 2, forced
    finally:
        page.emulate_media(forced_colors="none")


def assert_enter_on_last_keeps_the_keys_in_the_explorer(explorer) -> None:
    """Enter on Last (reached from the keyboard) disables it: the explorer takes the focus."""
    page = explorer.page
    last = last_step(explorer)
    show_step(explorer, 0)
    explorer.control("forward").focus()
    page.keyboard.press("Tab")  # from Next to Last, as someone at the keyboard does
    assert explorer.control("last").evaluate("button => button === document.activeElement")
    page.keyboard.press("Enter")
    explorer.wait_for_step(last, STEP_TIMEOUT)
    assert explorer.control("last").is_disabled()
    assert explorer.root.evaluate(FOCUS_INSIDE_JS), "the focus fell out of the explorer"
    assert_the_explorer_shows_a_focus_ring(explorer)
    press_and_wait(explorer, "PageUp", last - 1)
    press_and_wait(explorer, "ArrowLeft", last - 2)
    press_and_wait(explorer, "End", last)
