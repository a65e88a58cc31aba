"""The landing notebook and every notebook with a widget, run in a real JupyterLab.

Each is opened in headless Chromium and run with Run > Run All Cells. Then every code cell
must have an execution count, no output may show an error (a traceback, "Error displaying
widget", "model not found", a widget left at "Loading widget...", or a widget shown as its
text fallback such as "VBox(...)"), and the widgets the notebook makes must be on the page as
widgets: the explorer as its controls over an ipympl canvas with a figure on it, the frame
stack as its player over the picture of a step.
"""

from __future__ import annotations

import re

import pytest

from .labdriver import ExplorerView, log_entries, output_problems

pytestmark = pytest.mark.browser

START = re.compile(r"^Start · ")
STATUS = re.compile(r"^(Start|Iteration \d+) · ")

#: notebook -> what it must show: explorers, frame stacks, jshtml players, (static) images.
NOTEBOOKS = {
    "notebooks/index.ipynb": {"explorers": 0, "frame_stacks": 0, "players": 0, "images": 1},
    "notebooks/explorer.ipynb": {"explorers": 2, "frame_stacks": 0, "players": 0, "images": 0},
    "notebooks/animations.ipynb": {"explorers": 0, "frame_stacks": 1, "players": 1, "images": 1},
    "notebooks/03_lloyds_algorithm.ipynb": {
        "explorers": 1,
        "frame_stacks": 0,
        "players": 0,
        "images": 2,
    },
}

FRAME_STACKS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output > .widget-vbox')]
    .filter(box => box.querySelector('.widget-play') && box.querySelector('img.widget-image'))
    .map(box => box.querySelector('img.widget-image').naturalWidth)"""
#: matplotlib's to_jshtml() player: its <img> shows the current frame once its script ran.
PLAYERS_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="text/html"] .animation img')]
    .map(img => img.naturalWidth)"""
IMAGES_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type^="image/"] img')].map(img => img.naturalWidth)"""


@pytest.mark.parametrize("path", list(NOTEBOOKS), ids=lambda path: path.split("/")[-1])
def test_notebook_runs_in_jupyterlab_without_errors_and_shows_its_widgets(run_notebook, path):
    page = run_notebook(path)
    wanted = NOTEBOOKS[path]
    if wanted["explorers"] or wanted["frame_stacks"]:
        # Widgets render after their cell has run: give them time to leave "Loading widget...".
        page.wait_for_function(
            "() => !document.querySelector('.jp-NotebookPanel').innerText"
            ".includes('Loading widget...')",
            timeout=30_000,
        )

    problems = output_problems(page)
    assert not problems, f"{path}:\n" + "\n".join(problems)
    assert log_entries(page) == 0, f"{path}: JupyterLab's log console has entries"

    explorers = ExplorerView.all_in(page)
    assert len(explorers) == wanted["explorers"], f"{path} shows {len(explorers)} explorers"
    for number, explorer in enumerate(explorers, 1):
        explorer.root.scroll_into_view_if_needed()
        fingerprint = explorer.fingerprint()
        assert fingerprint["inked"] > 500, f"explorer {number}'s canvas is blank: {fingerprint}"
        # (test_explorer.py may have moved this page's explorer on: any step's status will do.)
        assert STATUS.search(explorer.status()), f"status line: {explorer.status()!r}"

    stacks = page.evaluate(FRAME_STACKS_JS)
    assert len(stacks) == wanted["frame_stacks"], f"{path} shows {len(stacks)} frame stacks"
    assert all(width > 0 for width in stacks), f"a frame stack shows no picture: {stacks}"

    players = page.evaluate(PLAYERS_JS)
    assert len(players) == wanted["players"], f"{path} shows {len(players)} jshtml players"
    assert all(width > 0 for width in players), f"a jshtml player shows no frame: {players}"

    images = page.evaluate(IMAGES_JS)
    assert len(images) >= wanted["images"] and all(width > 0 for width in images), (
        f"{path} shows {len(images)} images (widths {images}), wanted {wanted['images']}"
    )


def test_lesson_3_explorer_steps_forward(run_notebook):
    page = run_notebook("notebooks/03_lloyds_algorithm.ipynb")
    (explorer,) = ExplorerView.all_in(page)
    explorer.root.scroll_into_view_if_needed()
    before = explorer.fingerprint()
    explorer.button("Step forward ▶").click()
    explorer.wait_for_new_frame(before)
    from playwright.sync_api import expect

    expect(explorer.status_line).to_have_text(re.compile(r"^Iteration 1 · assign · "))
    assert explorer.readout("Step") == 1
    assert log_entries(page) == 0
