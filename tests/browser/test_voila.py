"""`voila notebooks/explorer.ipynb`: the explorer as a full-screen app, with no code cells.

Voilà (in the lab extra) runs the notebook in a kernel of its own and shows its outputs only.
The test starts it on 127.0.0.1 with a throw-away configuration (as the JupyterLab of the other
browser tests), opens it in headless Chromium and steps the first explorer with the keys.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request

import pytest

from .labdriver import ROOT, ExplorerView, Lab, free_port, skip_or_fail

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


def test_voila_shows_the_explorers_and_no_code_and_the_keys_step(voila, page):
    page.goto(voila, timeout=120_000)
    page.wait_for_selector(".kt-explorer[data-frame]", timeout=120_000)
    text = page.locator("body").inner_text()
    assert "import kmeans_teach" not in text and "kmeans_teach.explore(" not in text
    explorers = ExplorerView.all_in(page)
    assert len(explorers) == 2
    first = explorers[0]
    assert first.state()["run"] == "article|4|2021|k-means++|euclidean"
    first.focus()
    page.keyboard.press("PageDown")
    assert first.wait_for_step(1)["status"].startswith("Iteration 1 · assign")
    found = first.overflow(page.viewport_size["width"])
    assert not found["beyond"] and not found["cut"], found
