"""What the students of a class receive, notebook by notebook, and the rail that keeps answers out.

A release holds, for each lesson ``notebooks/solutions/NN_name.ipynb``, its student notebook
without the folded model answers (an instructor publishes answers after a deadline, as
separate ``NN_name_answers.ipynb`` files), and the notebooks written by hand (the index, the
cheat sheet, the explorer and animations notebooks). Every released notebook that uses the
package starts with a folded cell that checks the package is the version the release was made
with, and otherwise stops with one sentence saying what to tell the instructor: a hub whose
image is older than its notebooks never shows a student an ImportError.

A hand-written cell whose text is only true in the instructor's repository (the index names
``notebooks/solutions/``, say) carries the text students get instead in its metadata, under
``release_text``; the release puts that text in its place.

:func:`answer_leaks` is the rail: no line of any answer may appear in a released file, except
in the answers file of its own lesson once published.

A released notebook is stored as Jupyter's own save writes it, and without execution counts,
so that a student's copy, which nbgitpuller merges with each new release line by line, differs
from the release only in the lines the student changed (docs/updates.md).
"""

from __future__ import annotations

import json
import re

from ._words import (
    HEADER_ID,
    METADATA_KEY,
    MODEL_ANSWER_TAG,
    RELEASE_TEXT_KEY,
    SOLUTION_MARKER,
    SOLUTION_TAG,
)
from .normalising import normalise
from .notebook_io import _as_text, _text
from .student import student_version

VERSION_CELL_ID = "course-version"
ANSWERS_SUFFIX = "_answers"
# A line shorter than this (``return x``, ``else:``, ``)``) is too common to call a leak.
SHORTEST_ANSWER_LINE = 8
# A cell uses the package if it imports it.
USES_PACKAGE = re.compile(r"^\s*(from|import)\s+kmeans_teach\b", re.MULTILINE)

_VERSION_CHECK = """\
# This course release needs the package kmeans_teach {version}. If the server has another
# version, this cell stops the lesson here with one sentence instead of an error further down.
import importlib.metadata

NEEDED = "{version}"
try:
    HAVE = importlib.metadata.version("kmeans_teach")
except importlib.metadata.PackageNotFoundError:
    HAVE = "no kmeans_teach at all"
if HAVE != NEEDED:

    class WrongCourseVersion(Exception):
        def _render_traceback_(self):  # IPython shows this instead of a traceback
            return [str(self)]

    raise WrongCourseVersion(
        f"This lesson needs kmeans_teach {{NEEDED}}, but this server has {{HAVE}}: tell your "
        "instructor that the hub's image must be rebuilt from the course's latest release."
    )"""


def version_check_cell(version: str):
    """The folded first code cell of a released notebook: it stops at a package mismatch.

    The check reads the installed distribution's version (``importlib.metadata``), which every
    version of the package has, and imports nothing from the package itself, so it works with
    an older package too, where a newer lesson would fail at its first ``import``.

    Parameters
    ----------
    version : str
        The version the release's notebooks need, e.g. ``"0.1.0+3f2a9c1d0e4b"``.

    Returns
    -------
    nbformat.NotebookNode
        A code cell with the id ``course-version``, its input folded in JupyterLab.
    """
    import nbformat

    return nbformat.v4.new_code_cell(
        _VERSION_CHECK.format(version=version),
        id=VERSION_CELL_ID,
        metadata={"jupyter": {"source_hidden": True}},
    )


def released_lesson(source_nb, version: str):
    """The student notebook of a lesson as released: no model answers, the version check first.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode
        The lesson source, with its answers.
    version : str
        The package version the release needs.

    Returns
    -------
    nbformat.NotebookNode
        Normalised, without execution counts; its cells are those of
        :func:`~kmeans_teach.authoring.student_version` without the cells tagged
        ``model_answer``, in the same order with the same ids.
    """
    nb = student_version(source_nb)
    nb["cells"] = [
        cell for cell in nb["cells"] if MODEL_ANSWER_TAG not in cell["metadata"].get("tags", [])
    ]
    return _for_students(nb, version)


def released_notebook(nb, version: str):
    """A notebook written by hand (the index, ...) as released.

    Cells with a ``release_text`` in their metadata get that text; a notebook that uses the
    package gets the version check as its first cell.
    """
    nb = normalise(nb)
    for cell in nb["cells"]:
        replacement = cell["metadata"].pop(RELEASE_TEXT_KEY, None)
        if replacement is not None:
            cell["source"] = _text(replacement)
    return _for_students(nb, version)


def released_answers(source_nb, lesson_name: str, version: str):
    """The model answers of a lesson, published as ``NN_name_answers.ipynb`` next to it.

    The lesson source with every answer in place, after a first cell that says what the file is.
    """
    import nbformat

    nb = normalise(source_nb)
    nb["cells"] = [cell for cell in nb["cells"] if not _generated(cell)]
    title = nbformat.v4.new_markdown_cell(
        f"**Model answers of `{lesson_name}`.** This is the lesson with every exercise"
        " answered. Compare your reasoning with it, not only the result: a different route to"
        " the same conclusion is right. Your own notebook is not changed.",
        id="model-answers",
    )
    nb["cells"].insert(0, title)
    return _for_students(nb, version)


def _generated(cell) -> bool:
    return cell.get("id") == HEADER_ID or MODEL_ANSWER_TAG in cell["metadata"].get("tags", [])


def _for_students(nb, version: str):
    """Drop the instructor's records, add the version check, normalise, drop the counts."""
    nb["metadata"].pop(METADATA_KEY, None)
    nb["cells"] = [cell for cell in nb["cells"] if cell.get("id") != HEADER_ID]
    for cell in nb["cells"]:
        cell["metadata"].pop(RELEASE_TEXT_KEY, None)
    if any(
        cell["cell_type"] == "code" and USES_PACKAGE.search(_text(cell["source"]))
        for cell in nb["cells"]
    ):
        nb["cells"].insert(0, version_check_cell(version))
    return _without_execution_counts(normalise(nb))


def _without_execution_counts(nb):
    """The notebook with no execution count anywhere, kept outputs included.

    Normalising gives a cell with kept outputs the count of a clean run from the top (its
    position among the code cells), which the instructor's tests need. In a release that
    count would change in every later such cell whenever the instructor adds or removes a
    code cell above it, and a student's copy merges each change: the count is the line that a
    student's run of the cell changes too, and the line next to where new cells above it go,
    so git makes the two changes one conflict, which the student's side wins, and the new
    cells are lost (tests/test_release_updates.py). Without a count (null, as nbformat allows
    for any cell and any result), a kept output changes only when the instructor changes it.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A normalised notebook; it is changed in place.

    Returns
    -------
    nbformat.NotebookNode
        The same notebook. JupyterLab shows its kept outputs with an empty prompt, ``[ ]:``.
    """
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = None
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = None
    return nb


def answers_name(lesson_name: str) -> str:
    """``03_lloyds_algorithm.ipynb`` -> ``03_lloyds_algorithm_answers.ipynb``."""
    stem = lesson_name.removesuffix(".ipynb")
    return f"{stem}{ANSWERS_SUFFIX}.ipynb"


# --------------------------------------------------------------------------------------------
# The rail: no line of an answer in what students receive


def answer_lines(sources: dict[str, object]) -> dict[str, set[str]]:
    """The lines of each lesson's answers that appear nowhere else in the lesson sources.

    Parameters
    ----------
    sources : dict of str to nbformat.NotebookNode
        The lesson sources by file name.

    Returns
    -------
    dict of str to set of str
        For each lesson, its answers' lines (stripped, at least
        :data:`SHORTEST_ANSWER_LINE` characters long) that no source shows outside an
        answer: ``import numpy as np`` in an answer is not a secret when the lesson imports it
        too.
    """
    hidden: dict[str, set[str]] = {}
    shown: set[str] = set()
    for name, nb in sources.items():
        hidden[name] = set()
        for cell in nb["cells"]:
            lines = _text(cell.get("source", "")).split("\n")
            tags = cell.get("metadata", {}).get("tags", [])
            if SOLUTION_TAG in tags:
                answer, visible = lines, []
            else:
                cut = next(
                    (i for i, line in enumerate(lines) if line.strip() == SOLUTION_MARKER), None
                )
                if cell.get("cell_type") != "code" or cut is None:
                    answer, visible = [], lines
                else:
                    answer, visible = lines[cut + 1 :], lines[:cut]
            hidden[name].update(line.strip() for line in answer)
            shown.update(line.strip() for line in visible)
    return {
        name: {line for line in lines if len(line) >= SHORTEST_ANSWER_LINE and line not in shown}
        for name, lines in hidden.items()
    }


def answer_leaks(files: dict[str, bytes], answers: dict[str, set[str]]) -> list[str]:
    """Every line of an answer found in a released file, one sentence each.

    Parameters
    ----------
    files : dict of str to bytes
        The release's files by path. Notebooks are searched cell by cell (their texts and
        outputs), other text files line by line; binary files (the wheel) are not searched.
    answers : dict of str to set of str
        :func:`answer_lines`. A lesson's lines may appear in its own published answers file.

    Returns
    -------
    list of str
        Empty when no answer leaks.
    """
    problems = []
    for path, data in files.items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # the wheel: the package, which the course publishes anyway
        lines = _searchable_lines(path, text)
        for lesson, secret in answers.items():
            if path.endswith("/" + answers_name(lesson)):
                continue
            for line in sorted(secret & lines):
                problems.append(f"{path} holds a line of an answer of {lesson}: {line!r}")
    return problems


def _searchable_lines(path: str, text: str) -> set[str]:
    if not path.endswith(".ipynb"):
        return {line.strip() for line in text.split("\n")}
    lines: set[str] = set()
    for cell in json.loads(text).get("cells", []):
        pieces = [_text(cell.get("source", ""))]
        for output in cell.get("outputs", []):
            pieces.append(_text(output.get("text", "")))
            for value in output.get("data", {}).values():
                pieces.append(value if isinstance(value, str) else _text(value))
        for piece in pieces:
            if isinstance(piece, str):
                lines.update(line.strip() for line in piece.split("\n"))
    return lines


def notebook_bytes(nb) -> bytes:
    """A notebook as Jupyter's own save writes it (so a student's first save changes no line)."""
    return _as_text(nb).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Changes a student's merge cannot bring


def unreachable_changes(old: bytes, new: bytes, name: str) -> list[str]:
    """The changes from `old` to `new` that do not reach a student who ran the cell below them.

    Every code cell's stored text starts with the same lines, and the execution count a
    student's run writes is one of them, so git's line merge takes two changes as one where
    new cells that start with a code cell go right above a code cell, or a code cell is taken
    out right above one: a student who ran the cell below keeps their side, and the new cells
    never arrive, or the removed cell stays (docs/updates.md, cases 1 and 3;
    tests/test_release_updates.py proves both). Starting new material with a text cell, or
    emptying a cell instead of removing it, reaches everyone.

    Parameters
    ----------
    old, new : bytes
        The notebook as the previous release and this one store it.
    name : str
        The notebook's path in the release, for the messages.

    Returns
    -------
    list of str
        One sentence per such change; empty when every change reaches every student.
    """
    before = [(cell["id"], cell["cell_type"]) for cell in json.loads(old)["cells"]]
    after = [(cell["id"], cell["cell_type"]) for cell in json.loads(new)["cells"]]
    kept_before = {cell_id for cell_id, _ in after}
    known = {cell_id for cell_id, _ in before}
    problems = []
    # New cells: each run of cells that were not there before, and the old cell right below it.
    index = 0
    while index < len(after):
        if after[index][0] in known:
            index += 1
            continue
        start = index
        while index < len(after) and after[index][0] not in known:
            index += 1
        below = after[index] if index < len(after) else None
        if after[start][1] == "code" and below is not None and below[1] == "code":
            problems.append(
                f"{name}: the new cells from {after[start][0]} start with a code cell right above"
                f" the code cell {below[0]}, so they will not reach students who ran that cell;"
                " start them with a text cell"
            )
    # Removed cells: a code cell taken out right above a code cell that stays.
    for position, (cell_id, kind) in enumerate(before):
        if cell_id in kept_before or kind != "code":
            continue
        below = next((cell for cell in before[position + 1 :] if cell[0] in kept_before), None)
        if below is not None and below[1] == "code" and before[position + 1] == below:
            problems.append(
                f"{name}: the code cell {cell_id}, taken out right above the code cell"
                f" {below[0]}, will stay with students who ran that cell; empty it instead"
                " (and take it out at the start of next term)"
            )
    return problems
