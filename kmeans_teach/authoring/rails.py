"""The rails that need a whole lesson: every exercise declares its answer, and no answer leaks.

An exercise is declared by the cell that states it, tagged ``exercise``. It runs up to the
next cell tagged ``exercise`` that opens with a heading, or the next ``#`` or ``##`` heading;
its cells are the question (tagged ``exercise``, in as many cells as it takes: given code, what
the check does), its answers (tagged ``solution``, or code with a ``# SOLUTION`` line) and its
check cells (a ``check_*`` call). :func:`exercise_problems` refuses an exercise with no marked
answer, any other cell in it (an answer whose tag or marker was forgotten or misspelt), an
answer outside every exercise, and a tag or a one-word comment within two typing slips of a
known tag or of the marker. :func:`leak_problems` refuses a student notebook that shows a line
of an answer anywhere outside the answer's folded model answer.

Every message names the notebook and the cell by :func:`~._words.cell_name`: its number in
that notebook, from 1, and its id, which a student notebook shares with its source.
"""

from __future__ import annotations

import re

from ._words import (
    CHECK_CALL,
    EXERCISE_TAG,
    HEADER_ID,
    KNOWN_TAGS,
    MODEL_ANSWER_TAG,
    NEAR_MISS_MARKER,
    ONE_WORD_COMMENT,
    SOLUTION_MARKER,
    SOLUTION_TAG,
    cell_name,
)
from .markers import _answer_of
from .notebook_io import _text

#: A markdown cell that opens a part of the lesson (``#`` or ``##``): it ends an exercise.
_PART_HEADING = re.compile(r"^#{1,2}\s")
#: The word of the marker, to compare a one-word comment with.
_MARKER_WORD = SOLUTION_MARKER.lstrip("# ").casefold()


def _slips(a: str, b: str) -> int:
    """The typing slips between two words: letters left out, added, changed or swapped."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if previous2 is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _near(word: str, target: str) -> bool:
    """Whether word is target mistyped: not equal, but within two slips (ignoring case)."""
    return word != target and _slips(word.casefold(), target) <= 2


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _is_generated(cell) -> bool:
    return cell.get("id") == HEADER_ID or MODEL_ANSWER_TAG in _tags(cell)


def _opens_a_part(cell) -> bool:
    return cell.get("cell_type") == "markdown" and bool(
        _PART_HEADING.match(_text(cell.get("source", "")).lstrip())
    )


def _opens_with_a_heading(cell) -> bool:
    return cell.get("cell_type") == "markdown" and _text(cell.get("source", "")).lstrip()[:1] == "#"


def _is_check(cell) -> bool:
    return cell.get("cell_type") == "code" and bool(CHECK_CALL.search(_text(cell["source"])))


def _has_answer(cell) -> bool:
    cell = {**cell, "source": _text(cell.get("source", ""))}
    cell.setdefault("metadata", {})
    return _answer_of(cell) is not None


def exercise_problems(source_nb, name: str) -> list[str]:
    """What in a lesson source would let an answer reach students unmarked: one sentence each.

    Refused: a tag within two typing slips of a known tag (``soluton``, ``exercize``); a
    comment line of one word within two slips of the marker (``# SOLUTOIN``); an exercise
    (see the module docstring) with no marked answer; a cell of an exercise that is neither
    its question, an answer nor a check (an answer whose tag or marker was forgotten, or text
    that belongs to the question: tag it ``exercise`` too); an answer outside every exercise.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source.
    name : str
        How to name the notebook in the messages.

    Returns
    -------
    list of str
        Empty when every exercise declares its answer and every answer has its exercise.
    """
    problems = []
    cells = list(enumerate(source_nb["cells"], start=1))
    for number, cell in cells:
        where = f"{name}, {cell_name(number, cell)}"
        for tag in _tags(cell):
            if tag.strip().casefold() in ("solution", "solutions"):
                continue  # a wrong case or plural: marker_problems names it already
            near = [known for known in KNOWN_TAGS if tag not in KNOWN_TAGS and _near(tag, known)]
            if near:
                problems.append(
                    f"{where}: the tag {tag!r} is not a tag the lessons use; did you mean"
                    f" {near[0]!r}? (tags are exact: {', '.join(KNOWN_TAGS)})"
                )
        if cell.get("cell_type") == "code":
            for line in _text(cell.get("source", "")).split("\n"):
                word = ONE_WORD_COMMENT.match(line)
                if NEAR_MISS_MARKER.match(line):
                    continue  # "# solution", "#SOLUTION": marker_problems names it already
                if word and _near(word[1], _MARKER_WORD):
                    problems.append(
                        f"{where}: the line {line.strip()!r} is not the solution marker; the"
                        f" marker is a line that holds only {SOLUTION_MARKER!r}"
                    )

    exercise = None  # (number, cell) of the exercise being read, and whether it has an answer
    answered = False

    def close():
        if exercise is not None and not answered:
            number, cell = exercise
            problems.append(
                f"{name}, {cell_name(number, cell)}: this exercise has no marked answer before"
                " the next exercise heading or part of the lesson; tag its answer cell"
                f" {SOLUTION_TAG!r} or start the answer with a line {SOLUTION_MARKER!r}"
            )

    for number, cell in cells:
        if _is_generated(cell):
            continue
        where = f"{name}, {cell_name(number, cell)}"
        if EXERCISE_TAG in _tags(cell):
            if _has_answer(cell):
                problems.append(
                    f"{where}: a cell that states an exercise (tag {EXERCISE_TAG!r}) cannot"
                    " also be its answer; put the answer in a cell of its own"
                )
            if exercise is None or _opens_with_a_heading(cell):
                close()
                exercise, answered = (number, cell), False
            continue  # else more of the same question (given code, what the check does)
        if _opens_a_part(cell):
            close()
            exercise = None
        if _has_answer(cell):
            if exercise is None:
                problems.append(
                    f"{where}: this answer belongs to no exercise; tag the cell that states"
                    f" its exercise {EXERCISE_TAG!r}"
                )
            answered = True
        elif exercise is not None and not _is_check(cell):
            ex_number, ex_cell = exercise
            problems.append(
                f"{where}: it is in the exercise of {cell_name(ex_number, ex_cell)} but is"
                f" neither tagged {EXERCISE_TAG!r} (the question), an answer (tag"
                f" {SOLUTION_TAG!r}, or a line {SOLUTION_MARKER!r})"
                " nor a check call; if it is part of the question, tag it"
                f" {EXERCISE_TAG!r} as well"
            )
    close()
    return problems


def _hidden_lines(cell) -> list[str]:
    """The lines of a source cell that the student does not see (its answer)."""
    source = _text(cell.get("source", ""))
    if SOLUTION_TAG in _tags(cell):
        return source.split("\n")
    lines = source.split("\n")
    for index, line in enumerate(lines):
        if line.strip() == SOLUTION_MARKER:
            return lines[index + 1 :]
    return []


def _telling(line: str) -> bool:
    """Whether a line can give an answer away: not blank, not a comment, not only brackets."""
    line = line.strip()
    return bool(line) and not line.startswith("#") and any(c.isalnum() for c in line)


def leak_problems(source_nb, student_nb, name: str) -> list[str]:
    """The lines of an answer that a student notebook shows outside its folded model answer.

    A line of an answer counts wherever it appears in the student notebook (in the question,
    in a written cell, in code), except in the code cells that come before the source's first
    exercise: the lesson's own code, which an answer may well reuse.

    Parameters
    ----------
    source_nb, student_nb : nbformat.NotebookNode or dict
        The lesson source and the student notebook made from it.
    name : str
        How to name the student notebook in the messages.

    Returns
    -------
    list of str
        One sentence per leaked line, naming the student notebook's cell and the source's.
    """
    answers = {}  # stripped line -> the source cell whose answer holds it
    taught = set()
    seen_exercise = False
    for number, cell in enumerate(source_nb["cells"], start=1):
        if _is_generated(cell):
            continue
        seen_exercise = seen_exercise or EXERCISE_TAG in _tags(cell)
        hidden = _hidden_lines(cell)
        for line in hidden:
            if _telling(line):
                answers.setdefault(line.strip(), cell_name(number, cell))
        if cell.get("cell_type") == "code" and not seen_exercise and not hidden:
            taught.update(line.strip() for line in _text(cell.get("source", "")).split("\n"))
    problems = []
    for number, cell in enumerate(student_nb["cells"], start=1):
        if MODEL_ANSWER_TAG in _tags(cell):
            continue
        for line in _text(cell.get("source", "")).split("\n"):
            line = line.strip()
            if line in answers and line not in taught:
                problems.append(
                    f"{name}, {cell_name(number, cell)} shows {line!r}, a line of the answer in"
                    f" the source's {answers[line]}; take it out of the question, or mark it as"
                    " part of the answer"
                )
    return problems
