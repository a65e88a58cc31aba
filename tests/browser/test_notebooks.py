"""The landing notebook and every notebook with a widget, run in a real JupyterLab.

Each is opened in headless Chromium and run with Run > Run All Cells. Then every code cell
must have an execution count, no output may show an error (a traceback, "Error displaying
widget", "model not found", a widget left at "Loading widget...", or a widget shown as its
text fallback such as "VBox(...)"), and the widgets the notebook makes must be on the page as
widgets: the explorer with its controls and its picture drawn, the player (in an output frame)
with its first step drawn.
"""

from __future__ import annotations

import re

import pytest

from .labdriver import ExplorerView, log_entries, output_problems

pytestmark = pytest.mark.browser

STATUS = re.compile(r"^(Start|Iteration \d+) · ")

#: notebook -> what it must show: explorers, players (save_html's page in an output frame),
#: (static) images.
NOTEBOOKS = {
    "notebooks/index.ipynb": {"explorers": 0, "players": 0, "images": 1},
    "notebooks/explorer.ipynb": {"explorers": 2, "players": 0, "images": 0},
    "notebooks/animations.ipynb": {"explorers": 0, "players": 1, "images": 1},
    "notebooks/03_lloyds_algorithm.ipynb": {"explorers": 1, "players": 0, "images": 2},
}

#: The players shown in outputs: each frame's explorer, once it has drawn a frame.
PLAYERS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output iframe')]
    .map(frame => Boolean(frame.contentDocument?.querySelector('.kt-explorer[data-frame]')))"""
# Every picture in an output: a figure is shown as HTML (a <figure> with its alt text, from
# kmeans_teach.figures.show_figure), so not only outputs of an image/* type are counted.
IMAGES_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
    .map(img => ({width: img.naturalWidth, alt: img.getAttribute('alt') || ''}))"""


@pytest.mark.parametrize("path", list(NOTEBOOKS), ids=lambda path: path.split("/")[-1])
def test_notebook_runs_in_jupyterlab_without_errors_and_shows_its_widgets(run_notebook, path):
    page = run_notebook(path)
    wanted = NOTEBOOKS[path]
    if wanted["explorers"]:
        # Widgets render after their cell has run: give them time to leave "Loading widget...".
        page.wait_for_function(
            "() => !document.querySelector('.jp-NotebookPanel').innerText"
            ".includes('Loading widget...')",
            timeout=30_000,
        )
        page.wait_for_function(
            f"() => document.querySelectorAll('.kt-explorer[data-frame]').length "
            f">= {wanted['explorers']}",
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
        assert fingerprint["inked"] > 100, f"explorer {number}'s scatter is blank: {fingerprint}"
        # (test_explorer.py may have moved this page's explorer on: any step's status will do.)
        status = explorer.state()["status"]
        assert STATUS.search(status), f"status line: {status!r}"

    if wanted["players"]:
        page.wait_for_function(f"() => ({PLAYERS_JS})().filter(Boolean).length >= 1")
    players = page.evaluate(PLAYERS_JS)
    assert len(players) == wanted["players"] and all(players), f"{path}: players {players}"

    images = page.evaluate(IMAGES_JS)
    assert len(images) >= wanted["images"] and all(image["width"] > 0 for image in images), (
        f"{path} shows {len(images)} images ({images}), wanted {wanted['images']}"
    )
    assert all(image["alt"].strip() for image in images), f"{path}: a picture without alt text"


def test_lesson_3_explorer_replays_the_lessons_run_and_steps_forward(run_notebook):
    page = run_notebook("notebooks/03_lloyds_algorithm.ipynb")
    (explorer,) = ExplorerView.all_in(page)
    explorer.root.scroll_into_view_if_needed()
    assert explorer.state()["run"].startswith("your data|3|6|random-partition|")
    explorer.focus()
    page.keyboard.press("ArrowRight")
    assert explorer.wait_for_step(1)["status"].startswith("Iteration 1 · assign · ")
    assert log_entries(page) == 0
