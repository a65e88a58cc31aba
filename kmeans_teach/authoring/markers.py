"""The rails that keep answers out of student notebooks: how an answer is marked, and refusals.

A code cell tagged ``solution`` is an answer; in any other code cell, a line that is only the
comment ``# SOLUTION`` starts one. A marker or tag that is almost right (``#SOLUTION``,
``# solution:``, ``x = 1  # SOLUTION``, the tag ``Solution``), a marker inside a string, or a
check call in the hidden part is refused by :func:`marker_problems`, naming the notebook, the
cell and the marker to use: generation never guesses.
"""

from __future__ import annotations

from ._words import (
    CHECK_CALL,
    CODE_STUB,
    NEAR_MISS_MARKER,
    NOT_ATTEMPTED_STUB,
    SOLUTION_MARKER,
    SOLUTION_TAG,
    TRAILING_MARKER,
)
from .notebook_io import _text


class MarkerError(ValueError):
    """A lesson source marks an answer in a way generation would get wrong (see the docstring)."""


def _answer_of(cell) -> str | None:
    """The part of a source cell that the student does not see, or None if it has none."""
    source = cell["source"]
    if SOLUTION_TAG in cell["metadata"].get("tags", []):
        return source
    if cell["cell_type"] != "code":
        return None
    lines = source.split("\n")
    for number, line in enumerate(lines):
        if line.strip() == SOLUTION_MARKER:
            # The whole cell without the marker: the answer reads in its context.
            return "\n".join(lines[:number] + lines[number + 1 :])
    return None


def marker_problems(source_nb, name: str) -> list[str]:
    """What in a lesson source generation would get wrong: one sentence per problem.

    Refused: a tag that is almost ``solution`` (``Solution``, ``SOLUTION``, ``solutions``); a
    line that is almost the marker (``#SOLUTION``, ``# solution``, ``# SOLUTION:``,
    ``## SOLUTION``) or ends with it after code (``x = 1  # SOLUTION``); a marker inside a
    string, or any marker that leaves code that does not compile; a ``check_*`` call in the
    part that the student does not see (it would vanish from the student notebook).

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source.
    name : str
        How to name the notebook in the messages.

    Returns
    -------
    list of str
        Empty when generation can be trusted with this source.
    """
    problems = []
    for number, cell in enumerate(source_nb["cells"], start=1):
        where = f"{name}, cell {number} (id {cell.get('id', '?')})"
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in tags:
            if tag != SOLUTION_TAG and tag.strip().casefold() in ("solution", "solutions"):
                problems.append(
                    f"{where}: the tag {tag!r} is not the solution tag; use exactly"
                    f" {SOLUTION_TAG!r} (lower case, singular)"
                )
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") != "code":
            continue
        lines = source.split("\n")
        for line in lines:
            stripped = line.strip()
            if stripped == SOLUTION_MARKER:
                continue
            if NEAR_MISS_MARKER.match(line) or TRAILING_MARKER.fullmatch(stripped):
                problems.append(
                    f"{where}: the line {stripped!r} is not the solution marker; the marker is"
                    f" a line that holds only {SOLUTION_MARKER!r} (the answer starts on the"
                    " next line)"
                )
        if SOLUTION_TAG in tags:
            hidden = source
        else:
            marker_line = next(
                (i for i, line in enumerate(lines) if line.strip() == SOLUTION_MARKER), None
            )
            hidden = "\n".join(lines[marker_line:]) if marker_line is not None else ""
            cut = _cut_at_marker(source)
            if cut is not None and _compiles(source) and not _compiles(cut):
                problems.append(
                    f"{where}: cutting at {SOLUTION_MARKER!r} leaves code that does not compile"
                    " (is the marker inside a string or a bracket?); put the marker on a line"
                    " of its own, outside any string, where the answer starts"
                )
        if CHECK_CALL.search(hidden):
            problems.append(
                f"{where}: a check call is part of the answer, so the student notebook would"
                " lose it; move the check into a cell of its own after the exercise"
            )
    return problems


def _compiles(source: str) -> bool:
    # IPython's magics and shell escapes are not Python: blank them out first.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")]
    try:
        compile("\n".join(lines), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


def _cut_at_marker(source: str) -> str | None:
    """The source with the first ``# SOLUTION`` line and all after it replaced by the stub."""
    lines = source.split("\n")
    for number, line in enumerate(lines):
        if line.strip() == SOLUTION_MARKER:
            indent = line[: len(line) - len(line.lstrip())]
            stub = [indent + CODE_STUB]
            if indent:
                stub.append(indent + NOT_ATTEMPTED_STUB)
            return "\n".join(lines[:number] + stub)
    return None
