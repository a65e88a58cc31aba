"""Every model answer passes its check: each lesson source run with its checks turned into asserts.

A check prints its feedback and never raises (:mod:`kmeans_teach.exercises`), so a lesson
source that runs to the end says nothing about whether its answers are right. Here each source
is run in a fresh kernel with every check call rewritten as an assert on its result
(:func:`~kmeans_teach.authoring.checks.asserting_checks`), from the folder of the notebooks
(as a student runs it), and a check that does not pass is reported with the feedback it
printed. The release refuses to publish while any is reported.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .checks import asserting_checks, check_calls
from .normalising import normalise

# Seconds one cell may take before the run is called a failure (the slowest lesson cells take
# a few seconds on a laptop).
CELL_TIMEOUT = 600


def failing_answers(sources_folder: Path, sources: dict[str, object]) -> list[str]:
    """Run each lesson source with its checks asserted; one line per lesson that fails.

    Parameters
    ----------
    sources_folder : pathlib.Path
        The folder of the lesson sources (``notebooks/solutions``); the notebooks run from its
        parent, the folder students run the lessons from.
    sources : dict of str to nbformat.NotebookNode
        The lesson sources by file name.

    Returns
    -------
    list of str
        Empty when every model answer passes every check and every cell runs; otherwise, for
        each failing lesson, the cell, the check and the feedback it printed.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    failures = []
    for name, source in sources.items():
        nb = normalise(source)
        checked = False
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and check_calls(cell["source"]):
                cell["source"] = asserting_checks(cell["source"])
                checked = True
        if not checked:
            continue
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(Path(sources_folder).parent)}},
        )
        try:
            # The kernel's own start-up warnings are not the instructor's business.
            client.execute(stderr=subprocess.DEVNULL)
        except CellExecutionError as error:
            failures.append(f"{name}: {_failure(nb, error)}")
    return failures


def _failure(nb, error) -> str:
    """The failing cell's id, what it printed and the error, on one line each."""
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                printed = "".join(
                    o.get("text", "") for o in cell["outputs"] if o.get("name") == "stdout"
                ).strip()
                lines = [f"cell {cell.get('id')}: {output.get('ename')}: {output.get('evalue')}"]
                lines += [f"    {line}" for line in printed.splitlines()[:12]]
                return "\n".join(lines)
    return str(error).strip().splitlines()[-1]
