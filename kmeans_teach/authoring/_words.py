"""The words of the trade: the tags, markers, stubs, names and metadata keys every part shares.

The other modules of :mod:`kmeans_teach.authoring` import from this one and it imports none of
them, so the parts never import each other in a circle.
"""

from __future__ import annotations

import re

SOLUTION_TAG = "solution"
# The cell that states an exercise (its question); an answer must follow it (see rails.py).
EXERCISE_TAG = "exercise"
MODEL_ANSWER_TAG = "model_answer"
KEEP_OUTPUT_TAG = "keep_output"
SOLUTION_MARKER = "# SOLUTION"
CODE_STUB = "# Your code here"
NOT_ATTEMPTED_STUB = 'raise NotImplementedError("exercise not attempted yet")'
ANSWER_STUB = "*Your answer here.*"
MODEL_ANSWER_SUMMARY = "Model answer (open it after you have tried)"
HEADER_ID = "generated-from"
# A call of a check (check_assign_step(...)), in the source of a cell.
CHECK_CALL = re.compile(r"\bcheck_\w+\s*\(")
# Lines that look like a solution marker but are not exactly one: refused, never guessed at.
NEAR_MISS_MARKER = re.compile(r"^\s*#+\s*solutions?\b", re.IGNORECASE)
TRAILING_MARKER = re.compile(r"\S.*#+\s*solutions?\s*:?\s*$", re.IGNORECASE)
# A comment line of one word (a would-be marker), to compare with the marker's word.
ONE_WORD_COMMENT = re.compile(r"^\s*#+\s*([A-Za-z]+)\s*:?\s*$")
MERGE_CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)

SOURCES_FOLDER = "solutions"
DEFAULT_NOTEBOOKS = "notebooks"
# Lessons are named NN_name.ipynb. Other notebooks in notebooks/ (index.ipynb, ...) are
# written by hand and have no source, unless they carry a generation record.
LESSON_NAME = re.compile(r"\d\d_.+\.ipynb")


def lesson_number(item) -> str:
    """The two-digit number a user means by "03", "3" or "03_lloyds_algorithm" (else the text).

    Whether such a lesson exists is for the caller to say, in its own words.
    """
    text = str(item).strip()
    number = text[:2] if text[:2].isdigit() and text[2:3] in ("", "_") else text
    return f"0{number}" if number.isdigit() and len(number) == 1 else number


def cell_name(number: int, cell) -> str:
    """How every message names a cell: its number in its notebook, from 1, and its id.

    A student notebook has more cells than its source (the first line, the model answers), so
    the same cell has another number there; its id is the same in both.
    """
    return f"cell {number} (id {cell.get('id', '?')})"


CHECKPOINTS = ".ipynb_checkpoints"

METADATA_KEY = "kmeans_teach"
# The tags the lessons use; a tag within two typing slips of one of them is refused.
KNOWN_TAGS = ("solution", "exercise", "keep_output", "nbval-check-output", "model_answer")
# Per-cell metadata that editors write as a side effect of running or viewing a notebook.
NOISY_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")
# Cell metadata that records only how a cell is shown (folded or not): not part of the
# fingerprint, so folding a cell in JupyterLab is not an edit.
VIEW_CELL_METADATA = ("jupyter",)
# The output of a widget points at the notebook's widget state, which normalising drops.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

EXERCISES_COMMAND = "python -m kmeans_teach exercises"
NORMALISE_COMMAND = "python -m kmeans_teach normalise"
GRADING_COMMAND = "python -m kmeans_teach grading"
ORPHANED = "orphaned:"

# A hand-written cell's text for the student release, where its own text is only true in the
# instructor's repository (kmeans_teach/authoring/release_notebooks.py).
RELEASE_TEXT_KEY = "release_text"
RELEASE_COMMAND = "python -m kmeans_teach release"
