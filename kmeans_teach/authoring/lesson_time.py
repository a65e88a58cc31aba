"""How long a lesson takes, estimated from its source by one stated rule.

The time a lesson states at its top ("About 45 minutes") and the index's learning path are
not guesses: they come from the lesson's reading, its code and its exercises, at the rates
below. :data:`TIME_RULE` is the rule in words, as the index shows it; the tests recompute every
lesson's time and compare it with the one it states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._words import SOLUTION_MARKER, SOLUTION_TAG

WORDS_PER_MINUTE = 200  # an ordinary reading speed; the maths and the pictures slow it, the
# already familiar parts speed it up
SECONDS_PER_CODE_LINE = 3  # to read a line and see what it does when the cell runs
MINUTES_PER_EXERCISE = 10  # a function to write and check, or a written answer to think out
ROUND_TO = 5  # minutes: the times are estimates, so they are stated to the nearest 5

TIME_RULE = (
    f"reading at {WORDS_PER_MINUTE} words a minute, {SECONDS_PER_CODE_LINE} seconds for every"
    f" line of code (to read it and run it) and {MINUTES_PER_EXERCISE} minutes for every"
    f" exercise, rounded to the nearest {ROUND_TO} minutes"
)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class LessonWork:
    """What a student does in a lesson: the words to read, the code to run, the exercises."""

    words: int
    code_lines: int
    exercises: int

    @property
    def minutes(self) -> float:
        """The time this work takes at the rates of :data:`TIME_RULE`, before rounding."""
        return (
            self.words / WORDS_PER_MINUTE
            + self.code_lines * SECONDS_PER_CODE_LINE / 60
            + self.exercises * MINUTES_PER_EXERCISE
        )


def lesson_work(source_nb) -> LessonWork:
    """Count the words of a lesson source's text, its lines of code and its exercises.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        A lesson source (``notebooks/solutions/NN_name.ipynb``), with its answers marked.

    Returns
    -------
    LessonWork
        Words of the markdown cells, non-blank lines of the code cells, and exercises: cells
        tagged ``solution`` and code cells cut by a ``# SOLUTION`` line.
    """
    words = code_lines = exercises = 0
    for cell in source_nb["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        answer = SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "markdown":
            words += len(_WORD.findall(text))
        elif cell["cell_type"] == "code":
            lines = [line for line in text.splitlines() if line.strip()]
            code_lines += len(lines)
            answer = answer or any(line.strip() == SOLUTION_MARKER for line in lines)
        exercises += answer
    return LessonWork(words, code_lines, exercises)


def lesson_minutes(source_nb) -> int:
    """The time a lesson takes by :data:`TIME_RULE`: its work, rounded to the nearest 5 minutes.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("word " * 2000)])
    >>> lesson_minutes(nb)
    10
    """
    minutes = lesson_work(source_nb).minutes
    return max(ROUND_TO, ROUND_TO * round(minutes / ROUND_TO))
