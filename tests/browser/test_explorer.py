"""The explorer in a real JupyterLab, driven as a student drives it: keyboard and clicks.

notebooks/explorer.ipynb is opened and run (Run All Cells); the tests use its first explorer
(the article's data, K = 4, seed 2021) and move its controls: the K slider, Play, the step
buttons. A screenshot of the explorer after the first change of K is kept in
test-artifacts/explorer-after-k-change.png.
"""

from __future__ import annotations

import re
import time

import pytest

from .labdriver import ARTIFACTS, ExplorerView, log_entries, output_problems

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/explorer.ipynb"
START = re.compile(r"^Start · ")
CONVERGED = re.compile(r"· converged after \d+ iterations?$")


@pytest.fixture(scope="module")
def explorer(run_notebook):
    page = run_notebook(NOTEBOOK)
    explorers = ExplorerView.all_in(page)
    assert len(explorers) == 2, f"{NOTEBOOK} shows {len(explorers)} explorers, not 2"
    view = explorers[0]
    view.root.scroll_into_view_if_needed()
    return view


def expect_text(locator, pattern, timeout=30):
    from playwright.sync_api import expect

    expect(locator).to_have_text(pattern, timeout=timeout * 1000)


def assert_nothing_logged(view):
    entries = log_entries(view.page)
    assert entries == 0, (
        f"JupyterLab's log console has {entries} entries: an explorer callback printed or raised "
        "(open View > Show Log Console in the failure screenshot's notebook to read them)"
    )


def test_explorer_draws_its_figure_on_an_ipympl_canvas(explorer):
    fingerprint = explorer.fingerprint()
    assert (fingerprint["width"], fingerprint["height"]) == (1250, 560), fingerprint
    assert fingerprint["inked"] > 500, f"the explorer's canvas is (nearly) blank: {fingerprint}"
    assert explorer.readout("Clusters K") == 4
    assert explorer.readout("Step") == 0
    assert START.search(explorer.status()), explorer.status()


def test_k_slider_redraws_the_figure_and_restarts_the_status_line(explorer):
    # Two steps in, so that the new run's first step shows in the status line too.
    forward = explorer.button("Step forward ▶")
    for expected_step in (1, 2):
        before = explorer.fingerprint()
        forward.click()
        expect_text(explorer.slider("Step").locator(".widget-readout"), str(expected_step))
        explorer.wait_for_new_frame(before)
    expect_text(explorer.status_line, re.compile(r"^Iteration 1 · update · "))
    k_before = explorer.readout("Clusters K")
    frame_before, status_before = explorer.fingerprint(), explorer.status()

    explorer.press("Clusters K", "ArrowRight")

    expect_text(explorer.slider("Clusters K").locator(".widget-readout"), str(k_before + 1))
    expect_text(explorer.status_line, START)
    frame_after = explorer.wait_for_new_frame(frame_before)
    assert explorer.status() != status_before
    assert explorer.readout("Step") == 0, "a new K did not restart the run at step 0"
    assert frame_after["inked"] > 500
    ARTIFACTS.mkdir(exist_ok=True)
    explorer.root.screenshot(path=str(ARTIFACTS / "explorer-after-k-change.png"))
    assert_nothing_logged(explorer)


def test_play_runs_the_steps_and_stops_at_convergence(explorer):
    explorer.press("Speed (steps/s)", "End")  # 10 steps a second
    expect_text(explorer.slider("Speed (steps/s)").locator(".widget-readout"), "10")
    explorer.press("Step", "Home")
    expect_text(explorer.slider("Step").locator(".widget-readout"), "0")
    last = explorer.maximum("Step")
    assert last > 3, f"a run of only {last + 1} steps is too short to watch"

    explorer.play_button.click()
    seen, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline:
        step = explorer.readout("Step")
        if not seen or seen[-1] != step:
            seen.append(step)
        if step == last and CONVERGED.search(explorer.status()):
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"Play did not reach step {last} in 60 s; steps seen: {seen}")

    assert seen == sorted(seen) and len(seen) > 2, f"Play showed the steps {seen}"
    time.sleep(1.0)  # Play has stopped: a second later the last step is still shown
    assert explorer.readout("Step") == last
    assert CONVERGED.search(explorer.status()), explorer.status()
    assert explorer.play_button.locator("i.fa-play").count() == 1, "Play still shows pause"
    assert_nothing_logged(explorer)


def test_step_back_shows_the_step_before(explorer):
    explorer.press("Step", "End")
    last = explorer.maximum("Step")
    expect_text(explorer.slider("Step").locator(".widget-readout"), str(last))
    expect_text(explorer.status_line, CONVERGED)
    before = explorer.fingerprint()

    explorer.button("◀ Step back").click()

    expect_text(explorer.slider("Step").locator(".widget-readout"), str(last - 1))
    explorer.wait_for_new_frame(before)
    status = explorer.status()
    assert not CONVERGED.search(status), f"one step back still says {status!r}"
    # A converged run ends with an assignment; the step before it is an update.
    assert re.match(r"^Iteration \d+ · update · ", status), status
    assert_nothing_logged(explorer)


# --- the image backend (the explorer's fallback where ipympl is missing) -------------------------

IMAGE_NOTEBOOK = "image_backend.ipynb"
IMAGE_SOURCE = (
    'import kmeans_teach\n\nkmeans_teach.explore("article", k=4, seed=2021, backend="image")'
)


def test_image_backend_shows_its_picture_and_redraws_on_a_new_k(lab, run_notebook):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(IMAGE_SOURCE)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, lab.root / IMAGE_NOTEBOOK)
    page = run_notebook(IMAGE_NOTEBOOK)
    page.wait_for_function(
        "() => !document.querySelector('.jp-NotebookPanel').innerText.includes('Loading widget...')"
    )
    problems = output_problems(page)
    assert not problems, "\n".join(problems)  # the expected failure, today

    root = page.locator(".jp-OutputArea-output > .widget-vbox").first
    view = ExplorerView(root)
    image = root.locator("img.widget-image")
    expect_text(view.status_line, START)
    before = image.get_attribute("src")
    view.press("Clusters K", "ArrowRight")
    expect_text(view.slider("Clusters K").locator(".widget-readout"), "5")
    page.wait_for_function(
        "([image, before]) => image.src !== before && image.complete && image.naturalWidth > 0",
        arg=[image.element_handle(), before],
    )
    assert_nothing_logged(view)
