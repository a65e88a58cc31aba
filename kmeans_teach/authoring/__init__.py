"""Tools for instructors: student notebooks, notebooks stored clean, the student release, grading.

Each job is a function and a command (``python -m kmeans_teach --help``), in a module of its own:

``python -m kmeans_teach exercises`` (:func:`generate_exercises`, :func:`exercises_main`)
    Make every student notebook ``notebooks/NN_name.ipynb`` from its lesson source
    ``notebooks/solutions/NN_name.ipynb``, which holds the answers (:func:`student_version`).
    ``--check`` only reports the student notebooks that are missing, stale or orphaned.
``python -m kmeans_teach normalise`` (:func:`normalise_notebooks`, :func:`normalise_main`)
    Store every notebook under ``notebooks/`` without outputs and execution counts (except in
    cells tagged ``keep_output``), so that diffs show only what a person wrote
    (:func:`normalise`). ``--check`` only reports.
``python -m kmeans_teach grading DIR`` (:func:`export_grading`, :func:`grading_main`)
    Write an nbgrader course source into ``DIR``: one assignment per lesson,
    ``source/lessonNN/NN_name.ipynb``, whose answers are nbgrader solution cells, written
    answers graded by hand, and check cells locked, autograded test cells that assert that
    each check passes (:func:`grading_version`); with ``nbgrader_config.py`` and a README of
    the nbgrader commands. The course's own notebooks still only give feedback.

Marking answers in a lesson source
----------------------------------
- A code cell tagged ``solution`` becomes ``# Your code here`` in the student notebook; a
  markdown cell tagged ``solution`` (a written answer) becomes ``*Your answer here.*``.
- In any other code cell, a line that is only the comment ``# SOLUTION`` cuts the cell: the
  lines above it are kept exactly, the marker and every line below it become
  ``# Your code here`` at the marker's indentation. An indented marker (in a function body)
  adds ``raise NotImplementedError("exercise not attempted yet")``, which the ``check_*``
  functions of :mod:`kmeans_teach.exercises` report as "not attempted yet".

Everything else is copied as it is: the same cells in the same order with the same ids, tags
(except ``solution``) and metadata, so a student notebook's diff is as small as its source's.
Generation adds a first cell saying where the notebook comes from, and after every answer that
no ``check_*`` call judges (a written answer, or code with no check call before the next
heading) a folded model answer, a markdown cell tagged ``model_answer``. A marker or tag that
is almost right (``#SOLUTION``, ``# solution:``, ``x = 1  # SOLUTION``, the tag ``Solution``),
a marker inside a string, or a check call in the hidden part is refused by
:func:`marker_problems`, naming the notebook, the cell and the marker to use. So is a figure
that would reach students without a text alternative (a cell that calls ``plt.show()``, or draws
and never calls ``show_figure``): :func:`figure_problems` names the notebook, the cell and what to
do.
Every exercise declares its answer: the cell that states it is tagged ``exercise``, and
:func:`~kmeans_teach.authoring.rails.exercise_problems` refuses an exercise with no marked
answer, a cell in an exercise that is neither its question, an answer nor a check (a forgotten
or misspelt tag or marker), and a tag two typing slips from a known one; generation also
refuses a student notebook that would show a line of an answer anywhere
(:func:`~kmeans_teach.authoring.rails.leak_problems`). Messages name a cell as ``cell N (id
ID)``: its place in the notebook named, from 1, and its id, the same in source and student
notebook.
Notebooks in ``notebooks/`` not named like a lesson (``index.ipynb``, ...) are written by hand
and have no source; generation leaves them alone.

Hand edits are never lost silently
----------------------------------
A student notebook is generated, so an edit made in it would be lost at the next generation.
To catch that, each student notebook records in its metadata where it came from and a
fingerprint of its own cells, as they were generated::

    "kmeans_teach": {
        "generated_from": "solutions/NN_name.ipynb",
        "source_sha256": "<sha256 of the normalised source notebook, as written>",
        "cells_sha256": "<sha256 of the student notebook's cell types, texts and metadata>"
    }

Before overwriting a student notebook, :func:`generate_exercises` recomputes the fingerprint of
its cells. If it no longer matches the record (someone edited the cells by hand), or there is
no record (someone made the file by hand), it refuses, names the file and writes nothing:
make the same edit in the source in ``notebooks/solutions/`` and generate again (a notebook
whose cells are already what its source generates loses nothing, so it is overwritten), or
pass ``--force`` to discard the hand edits. The refusal shows what differs, cell by cell.
Running a student notebook and saving it, or folding a cell, is not an edit (outputs and the
metadata editors write on their own are left out of the fingerprint). A student notebook with
merge-conflict markers is regenerated without ``--force``: it is generated, so the merged
source makes it again.

Files are written safely: every notebook is read, and every target checked (writable, in a
writable folder, not a dangling link), before any is written; each is written to a temporary
file in its folder and renamed into place, so a failure leaves the old file as it was, and an
error names the files already written.
``source_sha256`` tells ``--check`` whether the source changed since the last generation.

Only ``nbformat`` and the standard library are used, and ``nbformat`` is imported only when a
function needs it, so importing :mod:`kmeans_teach` stays light.
"""

from ._words import (
    ANSWER_STUB,
    CODE_STUB,
    KEEP_OUTPUT_TAG,
    METADATA_KEY,
    MODEL_ANSWER_SUMMARY,
    MODEL_ANSWER_TAG,
    NOT_ATTEMPTED_STUB,
    SOLUTION_MARKER,
    SOLUTION_TAG,
)
from .commands import exercises_main, grading_main, normalise_main, release_main
from .generation import HandEditedNotebookError, generate_exercises
from .grading import GradingExportError, export_grading, grading_version
from .markers import FigureTextError, MarkerError, figure_problems, marker_problems
from .normalising import normalise, normalise_notebooks
from .notebook_io import NotebookWriteError
from .student import student_version

__all__ = [
    "ANSWER_STUB",
    "CODE_STUB",
    "KEEP_OUTPUT_TAG",
    "METADATA_KEY",
    "MODEL_ANSWER_SUMMARY",
    "MODEL_ANSWER_TAG",
    "NOT_ATTEMPTED_STUB",
    "SOLUTION_MARKER",
    "SOLUTION_TAG",
    "GradingExportError",
    "HandEditedNotebookError",
    "FigureTextError",
    "MarkerError",
    "NotebookWriteError",
    "exercises_main",
    "export_grading",
    "figure_problems",
    "generate_exercises",
    "grading_main",
    "grading_version",
    "marker_problems",
    "normalise",
    "normalise_main",
    "normalise_notebooks",
    "release_main",
    "student_version",
]
