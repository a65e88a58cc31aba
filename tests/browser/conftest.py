"""Fixtures of the browser tests: a throw-away JupyterLab, headless Chromium, run notebooks.

Everything is started once per test session and stopped at its end, also when a test fails:
the JupyterLab server (its process group, and any kernel it leaves), the browser and
Playwright. A missing Chromium or Playwright skips these tests with a message that says how
to install them; under CI=true it is a failure instead.

A failed test leaves a screenshot of every open page in test-artifacts/failures/.
"""

from __future__ import annotations

import re
import shutil

import pytest

from .a11y import host_findings_report
from .labdriver import (
    ARTIFACTS,
    INSTALL_HINT,
    Lab,
    copy_notebooks,
    find_chromium,
    launch_chromium,
    open_notebook,
    run_all_cells,
    skip_or_fail,
)

VIEWPORT = {"width": 1280, "height": 800}  # a lecturer's laptop; the explorer fits any width
NOTEBOOK_RUN_TIMEOUT = 120  # seconds for Run All Cells


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = find_chromium()
    if path is None:
        skip_or_fail(f"the browser tests need Chromium, and none was found: {INSTALL_HINT}")
    return path


@pytest.fixture(scope="session")
def playwright(chromium_executable):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail(
            "the browser tests need Playwright for Python: "
            'pip install -e ".[test]" (or pip install playwright)'
        )
    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()


@pytest.fixture(scope="session")
def browser(playwright, chromium_executable):
    browser = launch_chromium(playwright, chromium_executable)
    OPEN_BROWSERS.append(browser)
    try:
        yield browser
    finally:
        OPEN_BROWSERS.remove(browser)
        browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory, browser):
    """JupyterLab on 127.0.0.1 serving a temporary root that holds a copy of notebooks/."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    root.mkdir()
    copy_notebooks(root)
    server = Lab(root, base / "home")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


class RunNotebooks:
    """Each notebook opened in its own page and run once (Run All Cells), kept for the session."""

    def __init__(self, browser, lab):
        self.browser, self.lab = browser, lab
        self._pages = {}  # path -> page, or the exception its run raised

    def __call__(self, path: str):
        if path not in self._pages:
            page = new_page(self.browser)
            try:
                open_notebook(page, self.lab, path)
                prompts = run_all_cells(page, timeout=NOTEBOOK_RUN_TIMEOUT)
                not_run = [i + 1 for i, p in enumerate(prompts) if not re.match(r"^\[\d+\]:$", p)]
                assert not not_run, (
                    f"{path}: after Run All Cells, code cells {not_run} have no execution "
                    f"count (prompts: {prompts})"
                )
                self._pages[path] = page
            except BaseException as error:
                self._pages[path] = error
                raise
        kept = self._pages[path]
        if isinstance(kept, BaseException):
            pytest.fail(f"running {path} failed earlier in this session: {kept}", pytrace=False)
        return kept

    def close(self):
        for kept in self._pages.values():
            if not isinstance(kept, BaseException):
                kept.context.close()


@pytest.fixture(scope="session")
def run_notebook(browser, lab):
    """run_notebook("notebooks/explorer.ipynb") -> the page where it was opened and run."""
    notebooks = RunNotebooks(browser, lab)
    try:
        yield notebooks
    finally:
        notebooks.close()


@pytest.fixture
def page(browser):
    """A fresh page of its own for one test."""
    page = new_page(browser)
    try:
        yield page
    finally:
        page.context.close()


# --- a screenshot of every open page when a test fails ------------------------------------------

OPEN_BROWSERS = []  # the session's browser while it runs (see the `browser` fixture)
FAILURE_SCREENSHOTS: list[str] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # At the end of the call, before any fixture is torn down: every page is still open.
    if report.when == "call" and report.failed and OPEN_BROWSERS:
        screenshot_every_page(OPEN_BROWSERS[0], re.sub(r"[^\w.-]+", "_", item.name))


def screenshot_every_page(browser, name: str) -> None:
    folder = ARTIFACTS / "failures"
    if not FAILURE_SCREENSHOTS:  # the first failure of this session: forget older ones
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    FAILURE_SCREENSHOTS.append(name)
    pages = [page for context in browser.contexts for page in context.pages]
    for number, page in enumerate(pages, 1):
        try:
            page.screenshot(path=str(folder / f"{name}-{number}.png"))
        except Exception:  # a closed or crashed page has nothing to show
            pass


# --- what axe-core found in JupyterLab's and Voilà's own markup ----------------------------------


def pytest_terminal_summary(terminalreporter):
    """List the violations the hosts cause (tests/browser/a11y.py): listed, never counted."""
    for line in host_findings_report():
        terminalreporter.write_line(line)
