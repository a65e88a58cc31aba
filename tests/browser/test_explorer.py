"""The explorer in a real JupyterLab, used as a lecturer and a student use it.

The explorer draws in the browser (kmeans_teach/static/explorer.js). These tests open notebooks
in headless Chromium with JupyterLab's side panel open, at the sizes of a projector, and use the
explorer with the mouse and the keys. What the page holds is read from the explorer's element
(its ``data-step`` / ``data-run`` attributes and the run it decoded), and compared with
``kmeans_steps`` run here.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from kmeans_teach import datasets, kmeans_steps

from .a11y import assert_accessible
from .clicker import (
    EVERY_CONTROL,
    PLAYING_JS,
    assert_enter_on_last_keeps_the_keys_in_the_explorer,
    assert_the_explorer_shows_a_focus_ring,
    assert_the_keys_act_on_the_run,
    restore_the_view,
    use_with_the_mouse,
)
from .conftest import new_page
from .labdriver import ExplorerView, log_entries, open_notebook, output_problems, run_all_cells
from .regions import assert_regions_are_true_around, boundary_point
from .screen import (
    CLIENT_BOX_JS,
    FULLSCREEN_JS,
    NOTEBOOK_SCROLLER,
    OUTSIDE_JS,
    TEXT_SIZES_JS,
    WHILE_STEPPING,
    WINDOWED_JS,
)
from .words import listen_to_the_live_region, said

pytestmark = pytest.mark.browser

#: The sizes a lecture is projected at: the commonest projector, and an older one.
PROJECTORS = {"1280x720": (1280, 720), "1024x768": (1024, 768)}
#: A notebook of explorers for these tests, written into the lab's root.
TEST_NOTEBOOK = "explorer_under_test.ipynb"
CELLS = [
    "import numpy as np\nimport kmeans_teach",
    'kmeans_teach.explore("blobs", k=3, seed=1)',
    # Four distinct points among six rows: K = 5 or more is impossible.
    "few = np.array([[0, 0], [0, 0], [1, 1], [1, 1], [4, 0], [5, 5]], dtype=float)\n"
    "kmeans_teach.explore(few, k=2, seed=0)",
]
BLOBS = datasets.load("blobs", seed=0).to_numpy()


def write_notebook(lab, path, cells):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, lab.root / path)
    return path


@pytest.fixture(scope="module")
def under_test(browser, lab):
    """The test notebook, run once in a 1280x800 page: (page, blobs explorer, few-points one)."""
    write_notebook(lab, TEST_NOTEBOOK, CELLS)
    page = new_page(browser)
    open_notebook(page, lab, TEST_NOTEBOOK)
    run_all_cells(page)
    # Both explorers drawn (each widget renders when its output arrives).
    page.wait_for_function(
        "() => document.querySelectorAll('.kt-explorer[data-frame]').length === 2",
        timeout=30_000,
    )
    blobs, few = ExplorerView.all_in(page)
    yield page, blobs, few
    page.context.close()


@pytest.fixture
def blobs(under_test):
    """The blobs explorer, back at the run the cell made and its first step."""
    page, explorer, _ = under_test
    first = "blobs|3|1|k-means++|euclidean"
    if explorer.state()["run"] != first:  # an earlier test chose another run: ask for it
        explorer.root.evaluate(
            "root => root.ktExplorer.choose("
            "{k: 3, seed: 1, init: 'k-means++', data: 'blobs', metric: 'euclidean'})"
        )
        explorer.wait_for(f"state.run === {json.dumps(first)}")
    explorer.root.scroll_into_view_if_needed()
    explorer.focus()
    page.keyboard.press("Home")
    explorer.wait_for_step(0)
    return explorer


def steps_of(explorer_run):
    """The page's run as arrays: centroids (n_steps, k, 2) and labels."""
    k = explorer_run["k"]
    centroids = np.array([step["centroids"] for step in explorer_run["steps"]]).reshape(-1, k, 2)
    return centroids, [step["labels"] for step in explorer_run["steps"]]


def assert_page_run_is(explorer_run, X, steps):
    centroids, labels = steps_of(explorer_run)
    assert len(labels) == len(steps)
    for i, step in enumerate(steps):
        np.testing.assert_array_equal(centroids[i], step.centroids)
        if step.labels is None:
            assert labels[i] is None
        else:
            np.testing.assert_array_equal(labels[i], step.labels)


# --------------------------------------------------------------------------------------------
# It fits a projector, with JupyterLab's side panel open


def open_projected(browser, lab, size: str, notebook: str):
    """A page at a projector's size, with the file browser open, showing `notebook` run."""
    width, height = PROJECTORS[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_notebook(page, lab, notebook)
    run_all_cells(page)
    page.wait_for_selector(".kt-explorer[data-frame]", timeout=30_000)
    assert page.locator(".jp-FileBrowser").is_visible(), "the side panel should be open"
    return context, page


@pytest.fixture(scope="module", params=list(PROJECTORS))
def projected(request, browser, lab):
    """notebooks/explorer.ipynb run at a projector's size with the file browser open."""
    context, page = open_projected(browser, lab, request.param, "notebooks/explorer.ipynb")
    yield page
    context.close()


def assert_fits(page, explorer):
    output = explorer.root.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')]")
    right = output.bounding_box()["x"] + output.bounding_box()["width"]
    found = explorer.overflow(right)
    assert not found["beyond"], f"parts beyond the output area's right edge: {found['beyond']}"
    assert not found["cut"], f"controls cut short: {found['cut']}"
    assert found["scrollWidth"] <= found["clientWidth"], found
    for selector, least in (
        (".kt-points", 150),
        (".kt-trace canvas", 110),
        (".kt-elbow canvas", 110),
    ):
        box = explorer.root.locator(selector).bounding_box()
        assert box["width"] > 150 and box["height"] > least, (selector, box)
        assert box["x"] + box["width"] <= right + 0.5, (selector, box, right)
    notebook = page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first
    assert notebook.evaluate("e => e.scrollWidth <= e.clientWidth"), "the notebook scrolls sideways"


def test_every_panel_and_control_fits_at_projector_sizes(projected):
    for explorer in ExplorerView.all_in(projected):
        explorer.root.scroll_into_view_if_needed()
        assert_fits(projected, explorer)
        # And with the rarer choices unfolded.
        explorer.root.evaluate("root => { root.querySelector('details').open = true; }")
        projected.wait_for_timeout(200)
        assert_fits(projected, explorer)
        explorer.root.evaluate("root => { root.querySelector('details').open = false; }")
    assert not output_problems(projected)


def test_lecture_mode_scales_the_controls_and_the_picture_and_still_fits(projected):
    explorer = ExplorerView.all_in(projected)[0]
    explorer.root.scroll_into_view_if_needed()

    def sizes():
        return explorer.root.evaluate(
            """root => ({font: parseFloat(getComputedStyle(root.querySelector('button')).fontSize),
                height: root.querySelector('button').getBoundingClientRect().height,
                canvas: root.querySelector('.kt-points').getBoundingClientRect().height})"""
        )

    plain = sizes()
    explorer.control("lecture").check()
    explorer.wait_for("state.frame > 0")
    projected.wait_for_function(
        "root => root.classList.contains('kt-lecture')", arg=explorer.root.element_handle()
    )
    large = sizes()
    scale = float(explorer.root.evaluate("root => root.style.getPropertyValue('--kt-scale')"))
    try:
        # 1.45 on a 1280-pixel projector; less on a narrower one, as large on the wall.
        width = projected.viewport_size["width"]
        assert scale == pytest.approx(max(1.2, 1.45 * min(1, width / 1280)))
        assert large["font"] == pytest.approx(scale * plain["font"], rel=0.02)
        assert large["height"] >= 0.95 * scale * plain["height"]
        # Larger type and controls leave the picture a little less of the screen, no more.
        assert large["canvas"] >= 0.8 * plain["canvas"]
        assert_fits(projected, explorer)
    finally:
        explorer.control("lecture").uncheck()


def set_lecture(page, explorer, on: bool) -> None:
    """Lecture mode on or off, as the checkbox sets it, and wait for the new layout."""
    lecture = explorer.control("lecture")
    if lecture.is_checked() != on:
        lecture.click()
    page.wait_for_function(
        "([root, on]) => root.classList.contains('kt-lecture') === on",
        arg=[explorer.root.element_handle(), on],
    )
    page.wait_for_timeout(200)  # the layout's frame, drawn


def top_into_view(page, explorer) -> None:
    explorer.root.evaluate("root => root.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)


@pytest.mark.parametrize("lecture", [False, True], ids=["default", "lecture"])
def test_status_picture_step_controls_and_trace_are_on_screen_together(projected, lecture):
    assert_on_screen_together_while_stepping(projected, lecture)


@pytest.mark.parametrize("size", list(PROJECTORS))
def test_lesson_3s_explorer_is_on_one_screen_in_both_modes(browser, lab, size):
    # The lesson's own explorer, below its figures (its lecture mode was 1,963 px tall).
    context, page = open_projected(browser, lab, size, "notebooks/03_lloyds_algorithm.ipynb")
    try:
        for lecture in (False, True):
            assert_on_screen_together_while_stepping(page, lecture)
    finally:
        context.close()


def assert_on_screen_together_while_stepping(page, lecture: bool) -> None:
    """Status, picture, step controls and trace inside the notebook's visible area."""
    visible = page.locator(NOTEBOOK_SCROLLER).first.evaluate(CLIENT_BOX_JS)
    try:
        for explorer in ExplorerView.all_in(page):  # a tall data set, and blobs
            set_lecture(page, explorer, lecture)
            top_into_view(page, explorer)
            visible = page.locator(NOTEBOOK_SCROLLER).first.evaluate(CLIENT_BOX_JS)
            last = explorer.root.evaluate("root => root.ktExplorer.run.nSteps - 1")
            for step in (0, 1, 2, last):  # the status line differs at each
                explorer.root.evaluate("(root, step) => root.ktExplorer.show(step)", step)
                explorer.wait_for_step(step)
                outside = page.evaluate(
                    OUTSIDE_JS, [explorer.root.element_handle(), WHILE_STEPPING, visible]
                )
                assert not outside, (
                    f"at step {step}, off the notebook's visible area {visible}: {outside}"
                )
            assert_fits(page, explorer)
    finally:
        for explorer in ExplorerView.all_in(page):
            set_lecture(page, explorer, False)


@pytest.mark.parametrize("lecture", [False, True], ids=["default", "lecture"])
def test_no_text_is_too_small_for_the_back_row(projected, lecture):
    page = projected
    # Lecture mode's 20 px on a 1280-pixel projector is as large on the wall as 16 px on a
    # 1024-pixel one: the minimum is for the wall.
    wall = min(1, page.viewport_size["width"] / 1280)
    smallest_control, smallest_canvas = (20 * wall, 20 * wall) if lecture else (15, 14)
    try:
        for explorer in ExplorerView.all_in(page):
            set_lecture(page, explorer, lecture)
            explorer.root.evaluate("root => root.querySelector('details').open = true")
            page.wait_for_timeout(200)
            sizes = explorer.root.evaluate(TEXT_SIZES_JS)
            assert len(sizes["texts"]) > 20, sizes
            small = [(what, size) for what, size in sizes["texts"] if size < smallest_control]
            assert not small, f"text under {smallest_control} px: {small}"
            canvases = sizes["canvases"]
            assert {"kt-points", "kt-panel kt-trace"} <= set(canvases), canvases
            small = {name: c["font"] for name, c in canvases.items() if c["font"] < smallest_canvas}
            assert not small, f"type under {smallest_canvas} px on the canvases: {small}"
            # The scatter keeps its tick labels on both axes, in lecture mode too.
            x_ticks, y_ticks = map(int, canvases["kt-points"]["ticks"].split())
            assert x_ticks >= 2 and y_ticks >= 2, canvases["kt-points"]
            explorer.root.evaluate("root => root.querySelector('details').open = false")
    finally:
        for explorer in ExplorerView.all_in(page):
            set_lecture(page, explorer, False)


#: The panels' areas after a layout for data of the aspect `aspect` (height / width), the
#: data's range changed in the page and put back (layout.js is what is tested).
LAYOUT_FOR_ASPECT_JS = """(root, aspect) => {
  const explorer = root.ktExplorer;
  const limits = explorer.run.limits;
  explorer.run.limits = [0, 10, 0, 10 * aspect];
  explorer.layout();
  const area = (selector) => {
    const box = root.querySelector(selector).getBoundingClientRect();
    return box.width * box.height;
  };
  const box = explorer.scatterMap.box;
  const result = {scatter: area('.kt-points'), trace: area('.kt-trace canvas'),
    elbow: area('.kt-elbow canvas'), plotAspect: box.h / box.w, layout: root.dataset.layout};
  explorer.run.limits = limits;
  explorer.layout();
  return result;
}"""


@pytest.mark.parametrize("aspect", [0.15, 0.5, 1, 2.5, 6])
def test_the_scatter_is_the_largest_panel_whatever_the_datas_shape(projected, aspect):
    explorer = ExplorerView.all_in(projected)[0]
    sizes = explorer.root.evaluate(LAYOUT_FOR_ASPECT_JS, aspect)
    assert sizes["scatter"] > sizes["trace"] and sizes["scatter"] > sizes["elbow"], sizes
    assert sizes["plotAspect"] == pytest.approx(aspect, rel=0.03), sizes  # equal aspect stays


def scatter_area(explorer) -> float:
    box = explorer.root.locator(".kt-points").bounding_box()
    return box["width"] * box["height"]


def test_full_screen_shows_the_explorer_alone_and_the_picture_grows(projected):
    page = projected
    explorer = ExplorerView.all_in(page)[1]  # blobs
    top_into_view(page, explorer)
    before = scatter_area(explorer)
    button = explorer.control("fullscreen")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_function(FULLSCREEN_JS, arg=explorer.root.element_handle())
    page.wait_for_function(
        "([root, before]) => { const b = root.querySelector('.kt-points')"
        ".getBoundingClientRect(); return b.width * b.height > before; }",
        arg=[explorer.root.element_handle(), before * 1.05],
    )
    assert button.get_attribute("aria-pressed") == "true"
    root = explorer.root.bounding_box()
    viewport = page.viewport_size
    assert root["width"] == pytest.approx(viewport["width"], abs=1), root
    assert root["height"] == pytest.approx(viewport["height"], abs=1), root
    # The room sees everything it needs on the screen.
    screen = {"left": 0, "top": 0, "right": viewport["width"], "bottom": viewport["height"]}
    outside = page.evaluate(OUTSIDE_JS, [explorer.root.element_handle(), WHILE_STEPPING, screen])
    assert not outside, outside
    explorer.root.evaluate("root => root.ktExplorer.show(0)")
    page.keyboard.press("PageDown")  # the clicker still steps the run
    explorer.wait_for_step(1)
    button.click()  # the button again leaves
    page.wait_for_function(WINDOWED_JS, arg=explorer.root.element_handle())
    assert button.get_attribute("aria-pressed") == "false"
    page.wait_for_function(
        "([root, before]) => { const b = root.querySelector('.kt-points')"
        ".getBoundingClientRect(); return Math.abs(b.width * b.height - before) < 1; }",
        arg=[explorer.root.element_handle(), before],
    )


def test_the_f_key_enters_full_screen_and_esc_leaves(projected):
    page = projected
    explorer = ExplorerView.all_in(page)[1]
    assert page.evaluate("() => document.fullscreenElement") is None
    top_into_view(page, explorer)
    explorer.focus()
    page.keyboard.press("f")
    page.wait_for_function(FULLSCREEN_JS, arg=explorer.root.element_handle())
    page.keyboard.press("Escape")
    page.wait_for_function(WINDOWED_JS, arg=explorer.root.element_handle())
    # A text field being typed in keeps its F: a seed has no letters, but the key is the box's.
    seed = explorer.control("seed")
    seed.click()
    page.keyboard.press("f")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.fullscreenElement") is None
    page.keyboard.press("Escape")
    explorer.root.evaluate("root => { root.querySelector('details').open = false; }")


# --------------------------------------------------------------------------------------------
# Keys: what a presenter's clicker sends


def test_arrows_and_page_keys_step_home_and_end_jump(under_test, blobs):
    page = under_test[0]
    active = page.evaluate(
        "() => document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')"
        "?.getAttribute('data-windowed-list-index')"
    )
    last = len(blobs.run()["steps"]) - 1
    for key, step in [("ArrowRight", 1), ("PageDown", 2), ("PageUp", 1), ("ArrowLeft", 0)]:
        page.keyboard.press(key)
        assert blobs.wait_for_step(step)["step"] == step, key
    page.keyboard.press("End")
    assert blobs.wait_for_step(last)["counter"] == f"Step {last} / {last} · assign"
    page.keyboard.press("Home")
    blobs.wait_for_step(0)
    # The keys were the explorer's: JupyterLab did not move to another cell.
    assert active == page.evaluate(
        "() => document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')"
        "?.getAttribute('data-windowed-list-index')"
    )


def test_the_controls_take_their_own_keys_inside_jupyterlab(under_test, blobs):
    old = blobs.state()["run"]
    blobs.control("k").press("ArrowRight")  # the K slider, moved with the keyboard
    blobs.wait_for_new_run(old)
    assert blobs.run()["k"] == 4
    old = blobs.state()["run"]
    blobs.control("metric").press("ArrowDown")  # the distance menu, likewise
    blobs.wait_for_new_run(old)
    assert blobs.run()["key"].endswith("|manhattan")


def test_space_plays_to_the_last_step_and_holds_it(under_test, blobs):
    page = under_test[0]
    blobs.control("speed").select_option("8")
    blobs.focus()
    page.keyboard.press(" ")
    last = len(blobs.run()["steps"]) - 1
    blobs.wait_for_step(last, timeout=20)
    page.wait_for_timeout(600)
    assert blobs.state()["step"] == last
    assert blobs.control("play").text_content().strip() == "▶ Play"
    blobs.control("speed").select_option("2")


def test_the_explorer_shows_a_focus_ring_when_it_has_the_keys(under_test, blobs):
    assert_the_explorer_shows_a_focus_ring(blobs)


@pytest.mark.parametrize("control", EVERY_CONTROL)
def test_after_the_mouse_on_any_control_the_clicker_steps_the_run(under_test, blobs, control):
    notebook = under_test[0].locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first
    try:
        use_with_the_mouse(blobs, control)
        scrolled = notebook.evaluate("e => e.scrollTop")
        assert_the_keys_act_on_the_run(blobs)
        # Page Down and Space were the run's: the notebook did not scroll.
        assert notebook.evaluate("e => e.scrollTop") == scrolled
    finally:
        restore_the_view(blobs)


def test_enter_on_last_leaves_the_keys_and_a_visible_focus_in_the_explorer(under_test, blobs):
    assert_enter_on_last_keeps_the_keys_in_the_explorer(blobs)


def test_the_seed_box_keeps_space_and_the_arrows_while_it_is_typed_in(under_test, blobs):
    page = under_test[0]
    seed = blobs.control("seed")
    seed.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("ArrowLeft")  # the caret, between 1 and 2
    page.keyboard.type("3")
    page.keyboard.press("Home")
    page.keyboard.type("4")
    page.keyboard.press(" ")
    assert seed.input_value() == "4132"
    assert blobs.state()["step"] == 0 and not blobs.root.evaluate(PLAYING_JS)
    old = blobs.state()["run"]
    page.keyboard.press("Enter")  # the seed is chosen; the keys go back to the run
    blobs.wait_for_new_run(old)
    assert blobs.run()["key"] == "blobs|3|4132|k-means++|euclidean"
    assert_the_keys_act_on_the_run(blobs)


def test_the_words_and_tables_change_in_the_same_frame_as_the_picture(under_test, blobs):
    page = under_test[0]
    blobs.control("table").click()
    blobs.focus()
    # Sample the status line, the picture's description, the cluster table's caption and the
    # points' pixels at every animation frame around two steps.
    page.evaluate(
        """(root) => {
          const canvases = [...root.querySelectorAll('.kt-layers canvas')];
          window.ktSamples = [];
          const sample = () => {
            let hash = 0;
            for (const canvas of canvases) {
              const context = canvas.getContext('2d');
              const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
            }
            const words = ['.kt-status', '.kt-description', '.kt-tables caption']
              .map((selector) => root.querySelector(selector).textContent);
            window.ktSamples.push([words, hash]);
            if (window.ktSamples.length < 90) requestAnimationFrame(sample);
          };
          requestAnimationFrame(sample);
        }""",
        blobs.root.element_handle(),
    )
    page.wait_for_function("() => window.ktSamples.length >= 3")  # sampling before the press
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.ktSamples.length >= 90", timeout=20_000)
    samples = page.evaluate("() => window.ktSamples")
    restore_the_view(blobs)
    # For each frame: which of the status, description and caption changed, and the picture.
    changes = [
        ([b != a for b, a in zip(before[0], after[0])], before[1] != after[1])
        for before, after in zip(samples, samples[1:])
    ]
    status_changes = [i for i, (words, _) in enumerate(changes) if words[0]]
    assert len(status_changes) == 2, samples
    for i, (words, picture) in enumerate(changes):
        if any(words):
            assert all(words), f"at frame {i} only some of the words changed: {samples[i : i + 2]}"
            assert picture, f"the words changed at frame {i} without the picture"


def test_an_update_step_glides_and_reduced_motion_jumps(under_test, blobs):
    page = under_test[0]

    def frames_for_one_update():
        blobs.focus()
        page.keyboard.press("Home")
        blobs.wait_for_step(0)
        page.keyboard.press("ArrowRight")  # assign
        before = blobs.wait_for_step(1)["frame"]
        page.keyboard.press("ArrowRight")  # update: the centroids move
        blobs.wait_for_step(2)
        page.wait_for_timeout(600)
        return blobs.state()["frame"] - before

    assert frames_for_one_update() >= 6  # about 300 ms of frames
    page.emulate_media(reduced_motion="reduce")
    try:
        assert frames_for_one_update() <= 2  # one frame: the centroids are where they go
    finally:
        page.emulate_media(reduced_motion="no-preference")


# --------------------------------------------------------------------------------------------
# Seen from the back row: true region edges, no centroid hidden under another


def test_euclidean_region_edges_are_within_a_device_pixel_of_the_bisector(under_test, blobs):
    page = under_test[0]
    run = blobs.run()
    page.keyboard.press("End")
    blobs.wait_for_step(len(run["steps"]) - 1)
    page.wait_for_timeout(600)  # the centroids have glided to their last places
    centroids = np.array(run["steps"][-1]["centroids"]).reshape(-1, 2)
    around, pair = boundary_point(centroids, "euclidean")
    # Pixels of both regions, each its centroid's tint up to a device pixel from the edge
    # (5-px blocks put pixels up to 5 px from it in the other region's tint).
    assert set(pair) <= assert_regions_are_true_around(blobs.root, centroids, "euclidean", around)


#: Where each centroid stands on the scatter (CSS pixels) and where it and its number are drawn.
CENTROIDS_DRAWN_JS = """(root, centroids) => {
  const scatter = root.ktExplorer.scatter;
  const map = root.ktExplorer.scatterMap;
  return {scale: scatter.scale, places: centroids.map(([x, y]) => [map.x(x), map.y(y)]),
          drawn: scatter.centroidsDrawn};
}"""


# K = 3 as in class; K = 6 and 10, seeds whose groups of called-out centroids would meet.
@pytest.mark.parametrize(("k", "seed"), [(3, 1), (6, 0), (6, 3), (10, 0), (10, 3), (10, 7)])
def test_centroids_that_overlap_at_a_random_partition_start_each_show_their_number(
    under_test, blobs, k, seed
):
    old = blobs.state()["run"]
    blobs.root.evaluate(
        f"root => root.ktExplorer.choose({{init: 'random-partition', k: {k}, seed: {seed}}})"
    )
    blobs.wait_for_new_run(old)
    blobs.wait_for_step(0)
    run = blobs.run()
    assert (run["init"], run["k"]) == ("random-partition", k)
    start = np.array(run["steps"][0]["centroids"]).reshape(-1, 2)
    found = blobs.root.evaluate(CENTROIDS_DRAWN_JS, start.tolist())
    radius = 11 * found["scale"]  # a centroid's marker
    places = np.array(found["places"])
    apart = np.linalg.norm(places[:, None] - places[None, :], axis=2)
    assert (apart[np.triu_indices(k, 1)] < 2 * radius).any(), "nothing overlaps here"
    drawn = found["drawn"]
    assert [centroid["j"] for centroid in drawn] == list(range(k))
    # Every centroid is drawn where it truly is ...
    np.testing.assert_allclose([[c["x"], c["y"]] for c in drawn], places, atol=1e-6)
    # ... and every number is on a marker that no other covers: those that would overlap
    # are called out, set apart around their group with a leader line to their place.
    numbered = np.array(
        [
            [c["callout"]["x"], c["callout"]["y"]] if c["callout"] else [c["x"], c["y"]]
            for c in drawn
        ]
    )
    apart = np.linalg.norm(numbered[:, None] - numbered[None, :], axis=2)
    assert apart[np.triu_indices(k, 1)].min() >= 2 * radius, numbered
    for c, place in zip(drawn, places):
        if not c["callout"]:  # only a centroid that overlaps no other keeps its number on it
            others = np.delete(places, c["j"], axis=0)
            assert np.linalg.norm(others - place, axis=1).min() >= 2 * radius


# --------------------------------------------------------------------------------------------
# The mouse: "I'll choose", dragging the start, the elbow curve


def test_ill_choose_places_k_centroids_by_clicks_and_runs_from_exactly_those(under_test, blobs):
    page = under_test[0]
    old = blobs.state()["run"]
    blobs.control("init").select_option("choose")
    blobs.wait_for("state.status.includes('click on the picture to place centroid 1')")
    for x, y in [(-6.0, 5.0), (6.0, 5.0), (0.0, -6.0)]:
        page.mouse.click(*blobs.client_point(x, y))
    blobs.wait_for("state.status.includes('3 placed, K = 3')")
    blobs.control("start-placed").click()  # the start is asked for: K is the number placed
    blobs.wait_for_new_run(old)
    run = blobs.run()
    assert run["init"] == "given"
    start = np.array(run["steps"][0]["centroids"]).reshape(3, 2)
    # Where the clicks landed, to the pixel (a pixel is far less than 0.1 here).
    np.testing.assert_allclose(start, [(-6.0, 5.0), (6.0, 5.0), (0.0, -6.0)], atol=0.1)
    assert_page_run_is(run, BLOBS, list(kmeans_steps(BLOBS, 3, init=start)))
    assert blobs.control("init").input_value() == "choose"


TRACE_JS = """root => {
  const canvas = root.querySelector('.kt-trace canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let line = 0;  // opaque pixels of the trace's grey line (#8c8c8c); words are drawn in ink
  for (let i = 0; i < pixels.length; i += 4) {
    const grey = pixels[i] === 140 && pixels[i + 1] === 140 && pixels[i + 2] === 140;
    if (grey && pixels[i + 3] === 255) line++;
  }
  return {
    line,
    shows: canvas.dataset.shows,
    label: canvas.getAttribute('aria-label'),
    rows: root.querySelectorAll('.kt-trace-table tbody tr').length,
  };
}"""


def test_while_centroids_are_placed_the_trace_is_empty_and_says_why(under_test, blobs):
    blobs.control("table").click()  # the tables too (written only while shown)
    blobs.wait_for("root.querySelectorAll('.kt-trace-table tbody tr').length > 0")
    before = blobs.root.evaluate(TRACE_JS)
    assert before["shows"] == "the run" and before["line"] > 0 and before["rows"] > 0, before
    blobs.control("init").select_option("choose")
    blobs.wait_for("state.status.includes('click on the picture to place centroid 1')")
    during = blobs.root.evaluate(TRACE_JS)
    try:
        # The run shown before is not the one being made: no line of it, no row of it.
        assert during["shows"] == "nothing yet" and during["line"] == 0, during
        assert "place every centroid first" in during["label"] and during["rows"] == 0, during
    finally:
        blobs.root.evaluate("root => root.ktExplorer.cancel()")
    blobs.wait_for("!state.status.includes('click on the picture')")
    after = blobs.root.evaluate(TRACE_JS)
    blobs.control("table").click()
    assert after["rows"] == before["rows"] and after["shows"] == "the run", after


def test_dragging_a_start_centroid_restarts_the_run_from_where_it_is_let_go(under_test, blobs):
    page = under_test[0]
    run = blobs.run()
    start = np.array(run["steps"][0]["centroids"]).reshape(3, 2)
    page.mouse.move(*blobs.client_point(*start[0]))
    target = blobs.client_point(1.0, 1.0)
    page.mouse.down()
    # The picture stays put under the pointer when the press changes the status line
    # (it moved 4 px once, and the drop landed 0.18 away from where it was aimed).
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    np.testing.assert_allclose(blobs.client_point(1.0, 1.0), target, atol=0.5)
    page.mouse.move(*target, steps=6)
    page.mouse.up()
    blobs.wait_for_new_run(run["key"])
    moved = blobs.run()
    new_start = np.array(moved["steps"][0]["centroids"]).reshape(3, 2)
    np.testing.assert_allclose(new_start[0], (1.0, 1.0), atol=0.1)
    np.testing.assert_array_equal(new_start[1:], start[1:])
    assert_page_run_is(moved, BLOBS, list(kmeans_steps(BLOBS, 3, init=new_start)))


# --------------------------------------------------------------------------------------------
# Without a mouse: "I'll choose" and moving a start centroid from the keyboard


def crosshair(explorer) -> dict:
    """The keyboard's crosshair: where it is ([x, y]) and how far an arrow moves it."""
    return explorer.root.evaluate(
        "root => ({at: root.ktExplorer.crosshair.at, step: root.ktExplorer.crosshair.step})"
    )


def test_ill_choose_places_every_centroid_from_the_keyboard_as_clicks_would(under_test, blobs):
    page = under_test[0]
    old = blobs.state()["run"]
    init = blobs.control("init")
    init.focus()  # reached from the keyboard: the menu keeps its arrows, Enter leaves it
    init.select_option("choose")
    blobs.wait_for('state.status.startsWith("I\'ll choose")')
    listen_to_the_live_region(blobs)
    page.keyboard.press("Enter")  # the crosshair comes up on the picture, which has the focus
    assert page.evaluate("() => document.activeElement.classList.contains('kt-overlay')")
    centre, step = np.array(crosshair(blobs)["at"]), crosshair(blobs)["step"]
    # Each centroid from where the last was placed: arrows one step, with Shift ten.
    moves = [
        (["ArrowLeft"] * 3 + ["Shift+ArrowUp"], (-3, 10)),
        (["Shift+ArrowRight"] * 2, (17, 10)),
        (["Shift+ArrowDown"] * 2 + ["ArrowLeft"] * 2, (15, -10)),
    ]
    placed = []
    for keys, offset in moves:
        for key in keys:
            page.keyboard.press(key)
        at = crosshair(blobs)["at"]
        np.testing.assert_allclose(at, centre + np.array(offset) * step, atol=1e-9)
        blobs.wait_for("state.status.includes('crosshair at x ') && state.frame > 0")
        placed.append(at)
        page.keyboard.press("Enter")
    page.keyboard.press("s")  # starts the run from the three placed
    blobs.wait_for_new_run(old)
    run = blobs.run()
    assert run["init"] == "given"
    start = np.array(run["steps"][0]["centroids"]).reshape(3, 2)
    np.testing.assert_array_equal(start, placed)  # exactly where the crosshair was
    # The run asked of the kernel is kmeans_steps from those centroids: every step of it,
    # so the final labels and centroids too.
    assert_page_run_is(run, BLOBS, list(kmeans_steps(BLOBS, 3, init=start)))
    assert init.input_value() == "choose"
    spoken = said(blobs)
    assert spoken[0].startswith("Crosshair at x ") and "Enter places" in spoken[0], spoken
    assert [line for line in spoken if " placed at " in line][-1].startswith("Centroid 3 placed")
    assert said(blobs)[-1].startswith("New run: blobs · K = 3 · chosen start"), said(blobs)


def test_ill_choose_with_k_at_3_runs_k_4_from_4_centroids_placed(under_test, blobs):
    page = under_test[0]
    old = blobs.state()["run"]
    assert blobs.control("k").input_value() == "3"
    blobs.control("init").select_option("choose")
    clicks = [(-6.0, 5.0), (6.0, 5.0), (0.0, -6.0), (5.0, -4.0)]
    for x, y in clicks:
        page.mouse.click(*blobs.client_point(x, y))
    assert blobs.state()["run"] == old  # a fourth centroid, not a run from three
    blobs.wait_for("state.status.includes('4 placed, K = 4')")
    start_button = blobs.control("start-placed")
    start_button.focus()
    page.keyboard.press("Enter")  # the button, from the keyboard
    blobs.wait_for_new_run(old)
    run = blobs.run()
    assert (run["k"], run["init"]) == (4, "given")
    start = np.array(run["steps"][0]["centroids"]).reshape(4, 2)
    np.testing.assert_allclose(start, clicks, atol=0.1)
    assert_page_run_is(run, BLOBS, list(kmeans_steps(BLOBS, 4, init=start)))
    assert blobs.control("k").input_value() == "4"  # the K slider shows the K placed
    assert start_button.is_hidden()
    # The button went with the placing: the explorer has the focus, and the clicker steps.
    page.keyboard.press("PageDown")
    blobs.wait_for_step(1)


def test_ill_choose_starts_nothing_before_a_centroid_is_placed_and_esc_cancels(under_test, blobs):
    page = under_test[0]
    old = blobs.state()["run"]
    blobs.control("init").select_option("choose")
    blobs.control("start-placed").click()
    blobs.wait_for("state.message.includes('Place a centroid on the picture first')")
    page.mouse.click(*blobs.client_point(0.0, 0.0))
    blobs.wait_for("state.status.includes('1 placed, K = 1')")
    blobs.focus()
    page.keyboard.press("Escape")
    blobs.wait_for('!state.status.startsWith("I\'ll choose")')
    assert blobs.state()["run"] == old
    assert blobs.control("init").input_value() == "k-means++"
    assert blobs.control("start-placed").is_hidden()


def test_a_start_centroid_chosen_by_its_number_is_moved_with_the_keys(under_test, blobs):
    page = under_test[0]
    run = blobs.run()
    start = np.array(run["steps"][0]["centroids"]).reshape(3, 2)
    listen_to_the_live_region(blobs)
    page.keyboard.press("2")
    blobs.wait_for("state.status.startsWith('Moving centroid 2 with the keys')")
    step = crosshair(blobs)["step"]
    for key in ["ArrowRight"] * 4 + ["ArrowDown"] * 2:
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    blobs.wait_for_new_run(run["key"])
    moved = blobs.run()
    new_start = np.array(moved["steps"][0]["centroids"]).reshape(3, 2)
    np.testing.assert_allclose(new_start[1], start[1] + [4 * step, -2 * step], atol=1e-9)
    np.testing.assert_array_equal(new_start[[0, 2]], start[[0, 2]])
    assert_page_run_is(moved, BLOBS, list(kmeans_steps(BLOBS, 3, init=new_start)))
    spoken = said(blobs)
    assert spoken[0].startswith("Centroid 2 picked up at x "), spoken
    assert any(line.startswith("Centroid 2 let go at x ") for line in spoken), spoken


def test_a_start_centroid_picked_up_and_esc_leaves_the_run_as_it_was(under_test, blobs):
    page = under_test[0]
    run = blobs.state()["run"]
    page.keyboard.press("1")
    blobs.wait_for("state.status.startsWith('Moving centroid 1 with the keys')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    state = blobs.wait_for("!state.status.startsWith('Moving')")
    assert state["run"] == run
    page.keyboard.press("PageDown")  # the clicker steps the run again
    blobs.wait_for_step(1)


def test_a_click_on_the_elbow_curve_chooses_k(under_test, blobs):
    old = blobs.state()["run"]
    canvas = blobs.root.locator(".kt-elbow canvas")
    canvas.scroll_into_view_if_needed()  # it may be one scroll below the trace
    box = canvas.bounding_box()
    x = blobs.root.evaluate(
        """root => {
          const map = root.ktExplorer.elbowMap;
          return root.querySelector('.kt-elbow canvas').getBoundingClientRect().left + map.x(6);
        }"""
    )
    blobs.page.mouse.click(x, box["y"] + box["height"] / 2)
    blobs.wait_for_new_run(old)
    assert blobs.run()["k"] == 6
    assert blobs.control("k").input_value() == "6"


# --------------------------------------------------------------------------------------------
# New data: another data seed, shown and settable, so the same data can be shown again


def page_points(explorer):
    """The points the page draws, (n, 2)."""
    return np.array(
        explorer.root.evaluate("root => Array.from(root.ktExplorer.run.points)")
    ).reshape(-1, 2)


def test_new_data_draws_the_data_set_from_a_new_data_seed_which_typed_in_shows_it_again(
    under_test, blobs
):
    page = under_test[0]
    first = blobs.run()
    data_seed = blobs.control("data-seed")
    assert data_seed.input_value() == "0"
    assert data_seed.evaluate("box => box.labels[0].textContent.trim()") == "Data seed"
    listen_to_the_live_region(blobs)
    new_data = blobs.control("new-data")
    new_data.focus()
    page.keyboard.press("Enter")  # from the keyboard, as from the mouse
    blobs.wait_for_new_run(first["key"])
    seed = int(data_seed.input_value())
    assert seed != 0
    X = datasets.load("blobs", seed=seed).to_numpy()
    run = blobs.run()
    np.testing.assert_array_equal(page_points(blobs), X)  # the points of that data seed
    assert_page_run_is(run, X, list(kmeans_steps(X, 3, seed=1)))
    caption = blobs.root.locator(".kt-scatter-caption").inner_text()
    assert caption.endswith(f"· data seed {seed}"), caption
    assert said(blobs)[-1].startswith("New run: blobs · K = 3"), said(blobs)
    assert said(blobs)[-1].split(".")[0].endswith(f"data seed {seed}"), said(blobs)
    # The data seed typed in again: the same data again.
    data_seed.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    page.keyboard.press("Enter")
    blobs.wait_for(f"state.run === {json.dumps(first['key'])}")
    np.testing.assert_array_equal(page_points(blobs), BLOBS)


# --------------------------------------------------------------------------------------------
# What the kernel cannot use is said in the status line


# --------------------------------------------------------------------------------------------
# axe-core on the explorer's output


def test_axe_core_finds_no_violation_in_the_explorers_output(under_test, blobs):
    page = under_test[0]
    output = blobs.root.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')]")
    try:
        assert_accessible(page, output, where="JupyterLab, the explorer's output, start")
        blobs.control("table").click()
        for step in (1, 2, 3):
            page.keyboard.press("PageDown")
            blobs.wait_for_step(step)
        assert_accessible(page, output, where="JupyterLab, step 3 with the tables")
        blobs.control("lecture").check()
        blobs.wait_for("state.frame > 0")
        assert_accessible(page, output, where="JupyterLab, lecture mode with the tables")
        restore_the_view(blobs)
        init = blobs.control("init")
        init.focus()
        init.select_option("choose")
        page.keyboard.press("Enter")
        page.keyboard.press("ArrowUp")
        blobs.wait_for("state.status.includes('crosshair at')")
        assert_accessible(page, output, where="JupyterLab, placing centroids with the keys")
        page.keyboard.press("Escape")
    finally:
        restore_the_view(blobs)


def test_a_k_the_data_cannot_have_is_refused_in_the_status_line(under_test):
    page, _, few = under_test
    few.root.scroll_into_view_if_needed()
    old = few.state()["run"]
    few.control("k").fill("6")  # as a drag of the slider ends: input, then change
    state = few.wait_for("state.message !== ''")
    assert re.search(r"Not changed to K 6: .*distinct points", state["message"]), state
    assert state["run"] == old
    assert few.control("k").input_value() == "2"  # the control shows the run shown again
    assert log_entries(page) == 0 and not output_problems(page)


def test_a_click_outside_the_plot_while_placing_is_refused_and_nothing_is_sent(under_test):
    page, _, few = under_test
    few.root.scroll_into_view_if_needed()
    few.control("init").select_option("choose")
    # "Start the run" has come up among the controls, which may have moved the picture down.
    overlay = few.root.locator(".kt-overlay")
    overlay.scroll_into_view_if_needed()
    box = overlay.bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + box["height"] - 3)  # in the tick labels' margin
    few.wait_for("state.message.includes('Click inside the plot')")
    page.keyboard.press("Escape")
    assert few.control("init").input_value() == "k-means++"
