"""The self-contained HTML player, opened from disk (file://) with the network off.

``save_html`` writes one page: the explorer's renderer inlined, with the runs for K = 1 to 10
and three seeds. Here it is opened as a lecturer opens it from a USB stick: as a file, every
network request refused and counted, at the sizes of a projector and of a small window. A
presenter's clicker sends Page Down and Page Up. A screen reader's user gets each step in
words (the picture's description, the tables, one sentence per step taken), and axe-core
audits the page.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from kmeans_teach import datasets, kmeans_steps
from kmeans_teach.animation import save_html

from .a11y import PAGE_RULES, assert_accessible
from .clicker import (
    PLAYER_CONTROLS,
    assert_enter_on_last_keeps_the_keys_in_the_explorer,
    assert_the_keys_act_on_the_run,
    use_with_the_mouse,
    wait_until_paused,
)
from .labdriver import ExplorerView
from .regions import assert_regions_are_true_around, boundary_point
from .screen import FULLSCREEN_JS, OUTSIDE_JS, TEXT_SIZES_JS, WHILE_STEPPING, WINDOWED_JS
from .words import (
    WATCH_STATUS_JS,
    assert_words_tell_the_step,
    description,
    listen_to_the_live_region,
    said,
    tables,
)

pytestmark = pytest.mark.browser

WINDOWS = {
    "1280x720": (1280, 720),
    "1024x768": (1024, 768),
    "800x600": (800, 600),
    "1920x1080": (1920, 1080),
}


@pytest.fixture(scope="module")
def player_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("usb-stick")
    return save_html(folder / "kmeans.html", "article", k=4, seed=2021)


@pytest.fixture
def offline(browser, player_file, request):
    """The player opened from its file in a page that may reach nothing: (page, requests)."""
    width, height = WINDOWS[getattr(request, "param", "1280x720")]
    context = browser.new_context(viewport={"width": width, "height": height})
    requests = []
    # Every request is refused; the page's own file is the one answered.
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url == player_file.as_uri() else route.abort()
        ),
    )
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(player_file.as_uri())
    page.wait_for_selector(".kt-explorer[data-frame]")
    yield page, requests
    assert not errors, f"the page raised: {errors}"
    context.close()


def test_the_player_asks_the_network_for_nothing(offline, player_file):
    page, requests = offline
    explorer = ExplorerView.all_in(page)[0]
    page.keyboard.press("PageDown")
    explorer.wait_for_step(1)
    page.wait_for_timeout(300)
    assert requests == [player_file.as_uri()], f"requests besides the page itself: {requests}"


def test_a_clicker_steps_it_and_it_says_which_step_of_how_many(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    assert page.evaluate("() => document.activeElement.classList.contains('kt-explorer')")
    last = len(explorer.run()["steps"]) - 1
    for _ in range(5):
        page.keyboard.press("PageDown")
    state = explorer.wait_for_step(5)
    assert state["counter"] == f"Step 5 / {last} · assign"
    assert re.match(r"Iteration 3 · assign · ", state["status"])
    page.keyboard.press("PageUp")
    assert explorer.wait_for_step(4)["counter"] == f"Step 4 / {last} · update"


def test_a_click_elsewhere_leaves_the_keys_with_the_player(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    page.mouse.click(5, page.viewport_size["height"] - 5)  # on the page, below the player
    page.keyboard.press("ArrowRight")
    explorer.wait_for_step(1)


@pytest.mark.parametrize("control", PLAYER_CONTROLS)
def test_after_the_mouse_on_any_control_the_clicker_steps_the_run(offline, control):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    use_with_the_mouse(explorer, control)
    assert_the_keys_act_on_the_run(explorer)


def test_a_slider_held_with_the_mouse_keeps_its_arrows_until_it_is_let_go(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    old = explorer.state()["run"]
    box = explorer.control("k").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2)
    page.mouse.down()  # the slider is held: K follows the mouse (or the arrows), no run yet
    held = int(explorer.control("k").input_value())
    page.keyboard.press("ArrowRight")
    assert int(explorer.control("k").input_value()) == held + 1
    assert explorer.state()["step"] == 0
    page.mouse.up()  # let go: the change is done, K = held + 1 is asked for
    explorer.wait_for_new_run(old)
    assert explorer.run()["k"] == held + 1
    page.keyboard.press("ArrowRight")  # now the run's
    explorer.wait_for_step(1)
    assert explorer.control("k").input_value() == str(held + 1)


def test_enter_on_last_leaves_the_keys_and_a_visible_focus_in_the_player(offline):
    page, _ = offline
    assert_enter_on_last_keeps_the_keys_in_the_explorer(ExplorerView.all_in(page)[0])


def test_play_runs_to_the_end_and_holds_the_last_frame(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    explorer.control("speed").select_option("8")
    explorer.focus()
    page.keyboard.press(" ")
    last = len(explorer.run()["steps"]) - 1
    explorer.wait_for_step(last, timeout=30)
    page.wait_for_timeout(800)
    assert explorer.state()["step"] == last
    assert explorer.control("play").text_content().strip() == "▶ Play"


@pytest.mark.parametrize("offline", list(WINDOWS), indirect=True)
def test_it_fits_the_window_and_never_scrolls_sideways(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    found = explorer.overflow(page.viewport_size["width"])
    assert not found["beyond"] and not found["cut"], found
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("lecture", [False, True], ids=["default", "lecture"])
@pytest.mark.parametrize("offline", ["1280x720", "1024x768", "1920x1080"], indirect=True)
def test_picture_status_steps_and_trace_are_on_one_screen_and_fill_it(offline, lecture):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    if lecture:
        explorer.control("lecture").check()
        page.wait_for_function("() => document.querySelector('.kt-lecture')")
        page.wait_for_timeout(200)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    explorer.root.evaluate("root => root.scrollIntoView({block: 'start'})")
    screen = {"left": 0, "top": 0, "right": width, "bottom": height}
    outside = page.evaluate(OUTSIDE_JS, [explorer.root.element_handle(), WHILE_STEPPING, screen])
    assert not outside, f"off the {width}x{height} window: {outside}"
    # The article data are tall: the picture takes the screen's height (it was a 249-pixel
    # strip at 1920x1080), and the charts beside it the width.
    scatter = explorer.root.locator(".kt-points").bounding_box()
    assert scatter["height"] >= 0.6 * height, scatter
    charts = explorer.root.locator(".kt-charts").bounding_box()
    assert charts["x"] + charts["width"] >= 0.75 * width, charts
    sizes = explorer.root.evaluate(TEXT_SIZES_JS)
    if lecture:
        wall = min(1, width / 1280)  # as large on the wall as 20 px on a 1280-pixel screen
        drawn = [(name, canvas["font"]) for name, canvas in sizes["canvases"].items()]
        small = [(what, size) for what, size in sizes["texts"] + drawn if size < 20 * wall]
        assert not small, small


def test_full_screen_from_the_button_or_f_in_the_player(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    before = explorer.root.locator(".kt-points").bounding_box()
    page.keyboard.press("f")  # the explorer has the keys on load
    page.wait_for_function(FULLSCREEN_JS, arg=explorer.root.element_handle())
    page.keyboard.press("PageDown")
    explorer.wait_for_step(1)
    page.keyboard.press("Escape")
    page.wait_for_function(WINDOWED_JS, arg=explorer.root.element_handle())
    explorer.control("fullscreen").click()
    page.wait_for_function(FULLSCREEN_JS, arg=explorer.root.element_handle())
    assert explorer.control("fullscreen").get_attribute("aria-pressed") == "true"
    page.wait_for_timeout(200)
    during = explorer.root.locator(".kt-points").bounding_box()
    assert during["height"] >= before["height"] - 1, (before, during)
    explorer.control("fullscreen").click()
    page.wait_for_function(WINDOWED_JS, arg=explorer.root.element_handle())
    assert explorer.control("fullscreen").get_attribute("aria-pressed") == "false"


def test_k_and_the_seed_change_among_the_runs_it_holds_with_no_kernel(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    old = explorer.state()["run"]
    explorer.control("k").fill("6")  # as a drag of the slider ends: input, then change
    explorer.wait_for_new_run(old)
    run = explorer.run()
    X = datasets.load("article", seed=2021).to_numpy()
    steps = list(kmeans_steps(X, 6, seed=2021))
    assert run["k"] == 6 and len(run["steps"]) == len(steps)
    np.testing.assert_array_equal(
        np.array(run["steps"][-1]["centroids"]).reshape(6, 2), steps[-1].centroids
    )
    explorer.control("new-seed").click()
    assert explorer.wait_for_new_run(run["key"])["run"] == "article|6|2022|k-means++|euclidean"
    assert explorer.control("seed").input_value() == "2022"


def test_a_run_it_does_not_hold_is_refused_in_words(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    explorer.root.evaluate("root => root.ktExplorer.choose({seed: 7})")
    state = explorer.wait_for("state.message !== ''")
    assert "other runs need Python" in state["message"]
    assert state["run"] == "article|4|2021|k-means++|euclidean"
    assert explorer.control("init").is_disabled()  # one start method in this page


def test_an_empty_cluster_and_its_re_seeded_centroid_are_drawn_not_only_written(browser, tmp_path):
    # A random partition of the article data into 8: one cluster is empty after the first
    # assignment, and its centroid is re-seeded at the next update.
    path = save_html(
        tmp_path / "reseed.html", "article", k=8, seed=0, init="random-partition", ks=[8], seeds=[0]
    )
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".kt-explorer[data-frame]")
        explorer = ExplorerView.all_in(page)[0]
        steps = explorer.run()["steps"]
        assert steps[2]["phase"] == "update"
        page.keyboard.press("ArrowRight")
        explorer.wait_for_step(1)
        marks = page.get_attribute(".kt-explorer", "data-marks")
        empty = re.findall(r"empty cluster (\d+)", marks)
        assert empty and marks == ", ".join(f"empty cluster {j}" for j in empty), marks
        page.keyboard.press("ArrowRight")
        state = explorer.wait_for_step(2)
        assert page.get_attribute(".kt-explorer", "data-marks") == ", ".join(
            f"re-seeded {j}" for j in empty
        )
        assert f"re-seeded empty cluster(s) {', '.join(empty)}" in state["status"]
        # The words say what the picture marks: from the same data, so they cannot disagree.
        text = description(explorer)
        for j in empty:
            sentence = re.search(rf"Cluster {j} \([a-z ]+\): ([^.]*re-seeded at a far point)", text)
            assert sentence, text
        explorer.control("table").click()
        notes = [row["cells"][-1]["text"] for row in tables(explorer)[0]["rows"]]
        assert [str(j + 1) for j, note in enumerate(notes) if note == "re-seeded"] == empty
    finally:
        page.close()


# --------------------------------------------------------------------------------------------
# Without sight: the words of each step, the tables, the live region; audited by axe-core

ARTICLE = datasets.load("article", seed=2021).to_numpy()


def test_the_description_and_the_tables_tell_each_step_as_kmeans_steps_has_it(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    steps = list(kmeans_steps(ARTICLE, 4, seed=2021))
    run = explorer.run()
    last = len(steps) - 1
    assert len(run["steps"]) == len(steps)
    explorer.control("table").click()
    assert explorer.control("table").get_attribute("aria-pressed") == "true"
    seen = set()
    for index in (0, 1, 2, 5, last):
        explorer.root.evaluate("(root, index) => root.ktExplorer.show(index)", index)
        explorer.wait_for_step(index)
        assert_words_tell_the_step(explorer, index, steps[index], run)
        seen.add(description(explorer))
        trace, elbow = tables(explorer)[1:]
        current = [row["cells"][0]["text"] for row in trace["rows"] if row["current"]]
        assert current == [f"{index} (this step)"], current
        assert trace["caption"].endswith(f"(this step: {index} of {last})")
        headers = [h["text"] for h in trace["headers"]]
        assert headers[:4] == ["Step", "Phase", "Iteration", "Inertia"], headers
    assert len(seen) == 5, "the description did not change with the step"
    # The trace as numbers: every step's inertia, as the kernel's steps have it (to 0.1).
    for step, row in zip(steps, tables(explorer)[1]["rows"]):
        value = row["cells"][3]["text"]
        if np.isnan(step.inertia):
            assert value == "–"
        else:
            assert float(value.replace(",", "")) == pytest.approx(step.inertia, abs=0.051)
    # The elbow curve as numbers: one row per K, the run's K marked as the current one.
    elbow = tables(explorer)[2]
    assert [row["cells"][0]["text"] for row in elbow["rows"]] == [str(k) for k in range(1, 11)]
    assert [row["cells"][0]["text"] for row in elbow["rows"] if row["current"]] == ["4"]
    assert elbow["caption"].startswith("Elbow curve")
    explorer.control("table").click()
    assert all(table["hidden"] for table in tables(explorer))


def test_the_live_region_says_each_step_taken_once(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    steps = list(kmeans_steps(ARTICLE, 4, seed=2021))
    last = len(steps) - 1
    listen_to_the_live_region(explorer)
    for index in (1, 2, 3):
        page.keyboard.press("PageDown")
        explorer.wait_for_step(index)
    page.keyboard.press("End")
    explorer.wait_for_step(last)
    explorer.control("first").click()
    explorer.wait_for_step(0)
    status = explorer.root.evaluate("root => root.ktExplorer.run.status")
    assert said(explorer) == [
        f"Step {index} of {last}: {status[index]}" for index in (1, 2, 3, last, 0)
    ]
    # The status line changes with every step drawn, so it is no live region.
    assert explorer.root.locator("[aria-live]").count() == 1
    assert explorer.root.locator(".kt-status").evaluate("e => e.closest('[aria-live]')") is None


def test_play_is_quiet_until_a_pause_then_says_where_it_paused(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    explorer.control("speed").select_option("2")  # slow: the pause comes long before the end
    explorer.focus()
    listen_to_the_live_region(explorer)
    explorer.root.evaluate(WATCH_STATUS_JS)
    page.keyboard.press(" ")
    explorer.wait_for("state.step >= 3", timeout=20)
    assert said(explorer) == [], "the live region spoke during Play"
    page.keyboard.press(" ")
    wait_until_paused(explorer)
    index = explorer.state()["step"]
    last = len(explorer.run()["steps"]) - 1
    status = explorer.root.evaluate(f"r => r.ktExplorer.run.status[{index}]")
    assert said(explorer) == [f"Paused at step {index} of {last}: {status}"]
    # Meanwhile the status line went through the steps (it is not spoken).
    assert len(explorer.root.evaluate("r => r.ktStatuses")) >= 3
    # Played to the end, it pauses at the last step and says so, once.
    explorer.control("speed").select_option("8")
    explorer.focus()
    listen_to_the_live_region(explorer)
    page.keyboard.press(" ")
    explorer.wait_for_step(last, timeout=30)
    page.wait_for_function(
        "(root) => root.ktSaid.length > 0", arg=explorer.root.element_handle(), timeout=5_000
    )
    status = explorer.root.evaluate(f"r => r.ktExplorer.run.status[{last}]")
    assert said(explorer) == [f"Paused at step {last} of {last}: {status}"]


def test_a_manhattan_run_is_told_in_total_distance_not_inertia(browser, tmp_path):
    path = save_html(
        tmp_path / "medians.html", "article", k=3, seed=1, metric="manhattan", ks=[3], seeds=[1]
    )
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".kt-explorer[data-frame]")
        explorer = ExplorerView.all_in(page)[0]
        explorer.control("table").click()
        page.keyboard.press("End")
        trace = tables(explorer)[1]
        assert trace["caption"].startswith("The total distance after every half step")
        assert [h["text"] for h in trace["headers"]][3] == "Total distance"
        name = explorer.root.locator(".kt-trace canvas").get_attribute("aria-label")
        assert name.startswith("Trace of the total distance") and "inertia" not in name
    finally:
        page.close()


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_region_edges_are_true_on_a_screen_of_two_device_pixels_a_pixel(browser, tmp_path, metric):
    path = save_html(tmp_path / "regions.html", "blobs", k=4, seed=1, metric=metric, ks=[4])
    context = browser.new_context(viewport={"width": 1280, "height": 720}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".kt-explorer[data-frame]")
        explorer = ExplorerView.all_in(page)[0]
        run = explorer.run()
        explorer.focus()
        page.keyboard.press("End")
        explorer.wait_for_step(len(run["steps"]) - 1)
        page.wait_for_timeout(600)  # the centroids have glided to their last places
        ratio = explorer.root.evaluate(
            "root => root.querySelector('canvas.kt-regions').width"
            " / root.querySelector('canvas.kt-regions').getBoundingClientRect().width"
        )
        assert ratio == pytest.approx(2, abs=0.01)
        centroids = np.array(run["steps"][-1]["centroids"]).reshape(-1, 2)
        around, pair = boundary_point(centroids, metric)
        # Manhattan regions pixel-exact; euclidean ones true beyond a device pixel from an edge.
        seen = assert_regions_are_true_around(explorer.root, centroids, metric, around)
        assert set(pair) <= seen
    finally:
        context.close()


@pytest.mark.parametrize("lecture", [False, True], ids=["default", "lecture"])
def test_axe_core_finds_no_violation_in_the_player(offline, lecture):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    mode = "lecture mode" if lecture else "default mode"
    if lecture:
        explorer.control("lecture").check()
        explorer.wait_for("state.frame > 0")
    # The whole page is the course's; a page of its own also needs a main landmark and a heading.
    check = dict(own="html", extra_rules=PAGE_RULES)
    assert_accessible(page, where=f"player, start, {mode}", **check)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    explorer.wait_for_step(2)
    explorer.control("table").click()
    assert_accessible(page, where=f"player, step 2 with the tables, {mode}", **check)
    page.keyboard.press("End")
    explorer.wait_for_step(len(explorer.run()["steps"]) - 1)
    explorer.root.evaluate("root => root.ktExplorer.choose({seed: 7})")  # refused in words
    explorer.wait_for("state.message !== ''")
    assert_accessible(page, where=f"player, last step, a choice refused, {mode}", **check)


# --------------------------------------------------------------------------------------------
# Smaller faults: a run that never comes, disabled menus


BUSY_JS = """root => {
  const message = root.querySelector('.kt-message');
  return {
    busy: root.classList.contains('kt-busy'),
    mark: getComputedStyle(root.querySelector('.kt-status'), '::after').content,
    message: message.hidden ? '' : message.textContent,
  };
}"""


def test_the_busy_mark_goes_when_the_page_says_python_did_not_answer(offline):
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    page.clock.install()  # the 15 s wait for an answer passes at once, and only when told
    # A host that never answers, as a kernel that has died.
    explorer.root.evaluate("root => { root.ktExplorer.host.request = () => {}; }")
    explorer.root.evaluate("root => root.ktExplorer.choose({seed: 2022})")
    waiting = explorer.root.evaluate(BUSY_JS)
    assert waiting["busy"] and "computing the new run" in waiting["mark"], waiting
    page.clock.run_for(16_000)
    given_up = explorer.root.evaluate(BUSY_JS)
    assert "No answer from Python" in given_up["message"], given_up
    assert not given_up["busy"] and "computing" not in given_up["mark"], given_up


def test_a_disabled_menu_looks_unlike_an_enabled_one(offline):
    # Checked in Chromium: Playwright drives no stock Firefox here. The page's own rules give
    # every menu its colours, so a disabled one must be given its own look, or (in Firefox)
    # it looks like any other.
    page, _ = offline
    explorer = ExplorerView.all_in(page)[0]
    look = """el => { const style = getComputedStyle(el);
      return [style.color, style.backgroundColor, style.borderTopStyle]; }"""
    disabled = explorer.control("data")  # the player holds one data set: shown, disabled
    enabled = explorer.control("speed")
    assert disabled.is_disabled() and enabled.is_enabled()
    disabled_look, enabled_look = disabled.evaluate(look), enabled.evaluate(look)
    assert all(a != b for a, b in zip(disabled_look, enabled_look)), (disabled_look, enabled_look)
