"""Fixtures of the hub tests: a student release, and a throw-away JupyterHub that serves it.

Both are made once per module and removed at its end, also when a test fails: the hub's
process group and every process it started (proxy, single-user servers, kernels) are ended
by their ids. A failed test's report ends with the hub's log. A missing JupyterHub,
nbgitpuller, git, Node.js or configurable-http-proxy skips these tests with a message that
says how to install it; under CI=true it is a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.labdriver import skip_or_fail

from .hubdriver import ROOT, Hub, install_package, missing_tools

RUNNING_HUBS: list[Hub] = []  # the module's hub while it runs (see the `hub` fixture)

# What a release is made from besides the package (kmeans_teach.authoring.release reads these).
COURSE_FILES = ("notebooks", "environment.yml", "binder/start", "jupyter-config")


@pytest.fixture(scope="module")
def hub_tools() -> None:
    missing = missing_tools()
    if missing:
        skip_or_fail(missing)


def copy_course(target: Path) -> Path:
    """A copy of the course's sources, to change a lesson in without touching the repository."""
    for name in COURSE_FILES:
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            shutil.copy2(source, copy)
    return target


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return copy_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def released(tmp_path_factory, course):
    """The student release of the course copy, in a new git repository; its report."""
    from kmeans_teach.authoring.release import release

    target = tmp_path_factory.mktemp("release") / "kmeans-course"
    # The model answers are run against their checks by the release's own tests; here only
    # what students receive matters.
    report = release(target, course=course, check_answers=False)
    assert report.commit, report.lines()
    return report


@pytest.fixture(scope="module")
def hub(hub_tools, tmp_path_factory, released):
    """JupyterHub on 127.0.0.1 whose servers import the release's own wheel."""
    base = tmp_path_factory.mktemp("hub")
    package = install_package(released.target / released.wheel, base / "package")
    server = Hub(base, package_dir=package)
    RUNNING_HUBS.append(server)
    try:
        server.start()
        yield server
    finally:
        RUNNING_HUBS.remove(server)
        server.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed hub test's report ends with the end of the hub's log (servers' logs are in it)."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and RUNNING_HUBS:
        hub = RUNNING_HUBS[-1]
        report.sections.append((f"hub log ({hub.log_path})", hub.log_tail(60)))
