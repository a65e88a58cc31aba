"""Pytest set-up for the whole repository (package doctests, tests/ and notebooks/).

Prints, at the end of a run, how long each notebook took to execute, so the
course's total run time is visible in every test report (not a timed assert:
machines are noisy).

Every notebook cell that nbval executes also fails when one of its outputs shows a picture
without a text alternative, or a table with an empty header cell (see
kmeans_teach.figures.output_problems): the outputs are checked as they arrive, so no notebook
runs twice.
"""

import collections

import pytest

_notebook_seconds = collections.defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::")[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # nbval keeps the outputs of the cell it has just run in `test_outputs`; other tests
    # have no such attribute.
    outputs = getattr(item, "test_outputs", None)
    if outputs:
        from kmeans_teach.figures import output_problems

        problems = [problem for output in outputs for problem in output_problems(output)]
        if problems:
            pytest.fail(
                f"{item.name} (id {getattr(item, 'cell', {}).get('id', '?')}) shows what a"
                " screen reader cannot read:\n  " + "\n  ".join(problems),
                pytrace=False,
            )
    return result


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
