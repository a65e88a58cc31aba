"""Pytest set-up for the whole repository (package doctests, tests/ and notebooks/).

Prints, at the end of a run, how long each notebook took to execute, so the
course's total run time is visible in every test report (not a timed assert:
machines are noisy).
"""

import collections

_notebook_seconds = collections.defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::")[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _notebook_seconds:
        return
    terminalreporter.section("notebook run times")
    for path, seconds in sorted(_notebook_seconds.items()):
        terminalreporter.write_line(f"{seconds:7.1f} s  {path}")
    lessons = sum(s for p, s in _notebook_seconds.items() if "/solutions/" not in p)
    terminalreporter.write_line(
        f"{sum(_notebook_seconds.values()):7.1f} s  in all ({lessons:.1f} s for the notebooks "
        "students open, solutions not counted)"
    )
