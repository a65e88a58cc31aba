"""`voila notebooks/explorer.ipynb`: the explorer as a full-screen app, with no code cells.

Voilà (in the lab extra) runs the notebook in a kernel of its own and shows its outputs only.
The tests start it on 127.0.0.1 with a throw-away configuration (as the JupyterLab of the other
browser tests), open it once in headless Chromium and step the explorers with the keys: the
page is the explorers' own, so the first has the keys on load, and a presenter's clicker steps
the run after any control was used with the mouse. axe-core audits the page.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request

import pytest

from .a11y import assert_accessible
from .clicker import (
    EVERY_CONTROL,
    assert_enter_on_last_keeps_the_keys_in_the_explorer,
    assert_the_keys_act_on_the_run,
    restore_the_view,
    use_with_the_mouse,
)
from .conftest import new_page
from .labdriver import ROOT, ExplorerView, Lab, free_port, skip_or_fail
from .screen import FULLSCREEN_JS, OUTSIDE_JS, WHILE_STEPPING, WINDOWED_JS

pytestmark = pytest.mark.browser

START_TIMEOUT = 90  # seconds: Voilà runs the whole notebook before it answers


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà serving notebooks/explorer.ipynb; its URL."""
    pytest.importorskip("voila", reason="Voilà is in the lab extra: pip install -e '.[lab]'")
    home = tmp_path_factory.mktemp("voila")
    settings = Lab(ROOT, home)  # only for its environment: config, data and runtime in `home`
    settings._write_settings()
    port = free_port()
    log = (home / "voila.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "notebooks/explorer.ipynb",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
        ],
        cwd=ROOT,
        env=settings.environ,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                skip_or_fail(f"Voilà exited early: {(home / 'voila.log').read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(url, timeout=2):
                    break
            time.sleep(0.5)
        else:
            pytest.fail("Voilà did not answer within 90 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def voila_page(voila, browser):
    """The Voilà page, opened once for this module's tests (each run of it starts a kernel)."""
    page = new_page(browser)
    page.goto(voila, timeout=120_000)
    page.wait_for_selector(".kt-explorer[data-frame]", timeout=120_000)
    yield page
    page.context.close()


@pytest.fixture
def first_explorer(voila_page):
    """The page's first explorer, at its first step with the keys, as a lecturer leaves it."""
    explorer = ExplorerView.all_in(voila_page)[0]
    explorer.root.scroll_into_view_if_needed()
    explorer.focus()
    voila_page.keyboard.press("Home")
    explorer.wait_for_step(0)
    return explorer


def test_voila_shows_the_explorers_and_no_code_and_the_keys_step_from_the_start(voila_page):
    page = voila_page
    text = page.locator("body").inner_text()
    assert "import kmeans_teach" not in text and "kmeans_teach.explore(" not in text
    explorers = ExplorerView.all_in(page)
    assert len(explorers) == 2
    first = explorers[0]
    assert first.state()["run"] == "article|4|2021|k-means++|euclidean"
    # The explorer has the keys on load: a clicker steps it before anyone clicks it. (It takes
    # them at the first animation frame after it is in the page, which may come just after
    # its first picture: waited for, not assumed.)
    page.wait_for_function(
        "root => document.activeElement === root", arg=first.root.element_handle(), timeout=10_000
    )
    page.keyboard.press("PageDown")
    assert first.wait_for_step(1)["status"].startswith("Iteration 1 · assign")
    found = first.overflow(page.viewport_size["width"])
    assert not found["beyond"] and not found["cut"], found


def test_a_click_beside_the_explorers_leaves_the_keys_with_the_one_used_last(voila_page):
    first, second = ExplorerView.all_in(voila_page)
    second.root.scroll_into_view_if_needed()
    second.focus()
    voila_page.keyboard.press("Home")
    second.wait_for_step(0)
    voila_page.mouse.click(2, 2)  # on the page, beside the explorers
    assert voila_page.evaluate("() => document.activeElement === document.body")
    step = first.state()["step"]
    voila_page.keyboard.press("PageDown")
    second.wait_for_step(1)
    assert first.state()["step"] == step


@pytest.mark.parametrize("control", EVERY_CONTROL)
def test_after_the_mouse_on_any_control_the_clicker_steps_the_run(first_explorer, control):
    try:
        use_with_the_mouse(first_explorer, control)
        assert_the_keys_act_on_the_run(first_explorer)
    finally:
        restore_the_view(first_explorer)


def test_enter_on_last_leaves_the_keys_and_a_visible_focus_in_the_explorer(first_explorer):
    assert_enter_on_last_keeps_the_keys_in_the_explorer(first_explorer)


def test_axe_core_finds_no_violation_of_the_course_on_the_voila_page(voila_page, first_explorer):
    # The whole page is audited; what Voilà's own page causes is listed, not counted.
    assert_accessible(voila_page, where="Voilà, start")
    first_explorer.control("table").click()
    voila_page.keyboard.press("PageDown")
    first_explorer.wait_for_step(1)
    try:
        assert_accessible(voila_page, where="Voilà, step 1 with the tables")
    finally:
        restore_the_view(first_explorer)


def test_at_1920x1080_the_picture_fills_the_screen_and_f_shows_it_alone(voila_page):
    page = voila_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    try:
        explorer = ExplorerView.all_in(page)[0]  # the article data: tall
        page.wait_for_timeout(300)  # laid out again for the new window
        explorer.root.evaluate("root => root.scrollIntoView({block: 'start'})")
        screen = {"left": 0, "top": 0, "right": 1920, "bottom": 1080}
        outside = page.evaluate(
            OUTSIDE_JS, [explorer.root.element_handle(), WHILE_STEPPING, screen]
        )
        assert not outside, outside
        scatter = explorer.root.locator(".kt-points").bounding_box()
        assert scatter["height"] >= 0.6 * 1080, scatter  # it was a 249-pixel strip
        explorer.focus()
        page.keyboard.press("f")
        page.wait_for_function(FULLSCREEN_JS, arg=explorer.root.element_handle())
        page.keyboard.press("Escape")
        page.wait_for_function(WINDOWED_JS, arg=explorer.root.element_handle())
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
