"""``python -m kmeans_teach grading DIR``: the lessons as an nbgrader course, to grade a class.

:func:`export_grading` writes an nbgrader *course source* into ``DIR``, made from the lesson
sources ``notebooks/solutions/NN_name.ipynb`` (:func:`grading_version`):

``source/lessonNN/NN_name.ipynb``
    one nbgrader assignment per lesson, with the answers marked the way nbgrader reads them;
``nbgrader_config.py``
    the course id, and a per-cell time limit that fits the lessons (nbgrader reads this file
    from the folder it is run in, so every nbgrader command runs from ``DIR``);
``README.md``
    the nbgrader commands, in order;
``.kmeans_teach-grading``
    the mark of an export (a small JSON record), so that a later export knows it may replace it.

What nbgrader writes there itself (``release/``, ``submitted/``, ``autograded/``,
``feedback/``, ``gradebook.db``, exported grades) is never touched.

How a lesson source becomes an assignment
-----------------------------------------
- An answer becomes an nbgrader *solution cell*, its hidden part between ``### BEGIN
  SOLUTION`` and ``### END SOLUTION``, which ``nbgrader generate_assignment`` replaces by
  nbgrader's stub. A code cell tagged ``solution`` is hidden whole; in another code cell the
  lines after the ``# SOLUTION`` marker are hidden (the marker line is dropped, the delimiters
  take its indentation), as in the course's own student notebooks.
- A written answer (a markdown cell tagged ``solution``) becomes a manually graded solution
  cell worth :data:`WRITTEN_POINTS` points, the model answer between the delimiters, for
  formgrader to show beside the student's.
- A cell that calls ``check_*(...)`` as a statement becomes a locked, autograded *test cell*
  worth :data:`POINTS_PER_CHECK` point per check it calls, all or nothing: each call becomes
  ``assert check_x(...).passed, "..."`` (:func:`~kmeans_teach.authoring.checks.asserting_checks`),
  so the cell fails when a check does not pass, and still prints the check's feedback.
- Every other cell is locked (read-only): nbgrader restores its text when it autogrades.

Every grade id is made from the cell id (``test-``, ``written-``, ``answer-`` or ``cell-``
and the id), so it stays the same from one export to the next.

Safety
------
Everything is checked before anything is written: the lessons named exist, the sources mark
their answers correctly (:func:`~kmeans_teach.authoring.marker_problems`) and hold nothing
nbgrader would misread, and ``DIR`` is new, an empty folder, or an earlier export, writable,
in a folder that exists. A new export is built in a temporary folder next to ``DIR`` and
renamed into place; an update is built in a temporary folder inside ``DIR``, then its
``source/`` replaces the old one as a whole and its files replace theirs, each by a rename
(undone if a later one fails), so a failure leaves ``DIR`` as it was.
``nbgrader_config.py`` edited since the last export is kept as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .._validation import keywords_checked
from ._words import (
    DEFAULT_NOTEBOOKS,
    GRADING_COMMAND,
    LESSON_NAME,
    METADATA_KEY,
    SOLUTION_MARKER,
    SOLUTION_TAG,
    SOURCES_FOLDER,
    cell_name,
    lesson_number,
)
from .checks import asserting_checks, check_calls
from .markers import MarkerError, _answer_of, marker_problems
from .normalising import normalise
from .notebook_io import _as_text, _parse, _read_text, _sha256, _show, _text
from .student import _is_generated

#: nbgrader's course id, written to ``nbgrader_config.py``.
COURSE_ID = "kmeans-teach"
#: Points of an autograded test cell, per check it calls (the cell is all or nothing).
POINTS_PER_CHECK = 1
#: Points of a written answer, graded by hand in formgrader (so half credit is a whole point).
WRITTEN_POINTS = 2
#: The file that marks a folder as an export made by this module.
EXPORT_MARK = ".kmeans_teach-grading"
SOURCE_FOLDER = "source"
CONFIG_FILE = "nbgrader_config.py"
README_FILE = "README.md"
BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
# nbgrader acts on these words wherever they stand in a cell (a comment, a sentence), so a
# source that holds them would have lines cut or refused by generate_assignment.
NBGRADER_DELIMITERS = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN HIDDEN TESTS",
    "END HIDDEN TESTS",
    "BEGIN MARK SCHEME",
    "END MARK SCHEME",
)
# The slowest cell of any lesson takes about 3 s on a laptop; nbgrader's default limit of 30 s
# per cell leaves little room on a grading machine busy with a whole class, and a student's
# endless loop must still stop.
CELL_TIMEOUT = 120


class GradingExportError(ValueError):
    """The export cannot be made; nothing was written. The message says why and what to do."""


@keywords_checked
def grading_version(source_nb):
    """Return the nbgrader assignment made from a lesson source: answers marked for nbgrader.

    The source is normalised first (see :func:`~kmeans_teach.authoring.normalise`); a header
    cell or folded model answers copied from a student notebook are dropped. Then every cell
    gets nbgrader's metadata (``metadata.nbgrader``, schema 3), as the module docstring says:
    answers become solution cells with their hidden part between ``### BEGIN SOLUTION`` and
    ``### END SOLUTION``, written answers are graded by hand, check cells become locked
    autograded test cells, and every other cell is locked. Answer cells lose their outputs;
    the ``solution`` tag is removed. Order, ids and other metadata stay those of the source.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source, with answers, in format 4. It is not modified.

    Returns
    -------
    nbformat.NotebookNode
        The assignment's source notebook. The same source always gives the same notebook.

    Raises
    ------
    MarkerError
        If the source marks an answer in a way that would publish it or lose a cell
        (:func:`~kmeans_teach.authoring.marker_problems`), or holds something nbgrader would
        misread (:func:`grading_problems`).

    Examples
    --------
    >>> from nbformat import v4
    >>> source = v4.new_notebook(cells=[
    ...     v4.new_code_cell("def centre(points):\\n    # SOLUTION\\n    return points.mean(0)"),
    ...     v4.new_code_cell("check_centre(centre)"),
    ... ])
    >>> assignment = grading_version(source)
    >>> print(assignment.cells[0].source)
    def centre(points):
        ### BEGIN SOLUTION
        return points.mean(0)
        ### END SOLUTION
    >>> print(assignment.cells[1].source)
    from kmeans_teach.exercises import check_centre  # the course's own checks
    assert check_centre(centre).passed, "check_centre did not pass: its feedback is printed above"
    >>> assignment.cells[1].metadata.nbgrader["points"]
    1
    """
    problems = marker_problems(source_nb, "the notebook") + grading_problems(
        source_nb, "the notebook"
    )
    if problems:
        raise MarkerError("\n".join(problems))
    return _assignment(source_nb)


def grading_problems(source_nb, name: str) -> list[str]:
    """What in a lesson source nbgrader would get wrong: one sentence per problem.

    Refused, besides what :func:`~kmeans_teach.authoring.marker_problems` refuses: a cell
    holding one of nbgrader's own delimiters (``BEGIN SOLUTION``, ``END HIDDEN TESTS``, ...),
    which nbgrader acts on wherever it stands; a cell that both holds an answer and calls a
    check (nbgrader's test cells cannot be answered); a written answer with attachments
    (nbgrader would hand its pictures to the students).

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source.
    name : str
        How to name the notebook in the messages.

    Returns
    -------
    list of str
        Empty when the export can be trusted with this source.
    """
    problems = []
    for number, cell in enumerate(source_nb["cells"], start=1):
        where = f"{name}, {cell_name(number, cell)}"
        source = _text(cell.get("source", ""))
        found = [word for word in NBGRADER_DELIMITERS if word in source]
        if found:
            problems.append(
                f"{where}: it holds {found[0]!r}, which nbgrader reads as its own marker"
                " wherever it stands; reword it"
            )
        answer = _answer_of({"metadata": {}, **cell, "source": source})
        if answer is None:
            continue
        if cell.get("cell_type") == "code" and check_calls(source):
            problems.append(
                f"{where}: it holds an answer and calls a check; an autograded test cell"
                " cannot be answered, so move the check into a cell of its own after the"
                " exercise"
            )
        if cell.get("cell_type") != "code" and cell.get("attachments"):
            problems.append(
                f"{where}: the written answer holds pictures (attachments), which nbgrader"
                " would hand to the students; link a picture instead, or describe it in words"
            )
    return problems


def _assignment(source_nb):
    """The nbgrader assignment of a source already checked (see :func:`grading_version`)."""
    nb = normalise(source_nb)
    nb["metadata"].pop(METADATA_KEY, None)
    # Model answers copied from a student notebook would reach the students through nbgrader.
    nb["cells"] = [cell for cell in nb["cells"] if not _is_generated(cell)]
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        if SOLUTION_TAG in tags:
            remaining = [tag for tag in tags if tag != SOLUTION_TAG]
            if remaining:
                cell["metadata"]["tags"] = remaining
            else:
                del cell["metadata"]["tags"]
            cell["source"] = _wrapped(cell["source"].split("\n"), "")
            if cell["cell_type"] == "code":
                _forget_outputs(cell)
                cell["metadata"]["nbgrader"] = _nbgrader(cell, "answer", solution=True)
            else:
                cell["metadata"]["nbgrader"] = _nbgrader(
                    cell, "written", solution=True, points=WRITTEN_POINTS
                )
        elif cell["cell_type"] == "code" and _answer_of(cell) is not None:
            lines = cell["source"].split("\n")
            at = next(i for i, line in enumerate(lines) if line.strip() == SOLUTION_MARKER)
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
            cell["source"] = "\n".join(lines[:at] + [_wrapped(lines[at + 1 :], indent)])
            _forget_outputs(cell)
            cell["metadata"]["nbgrader"] = _nbgrader(cell, "answer", solution=True)
        elif cell["cell_type"] == "code" and check_calls(cell["source"]):
            points = POINTS_PER_CHECK * len(check_calls(cell["source"]))
            # Imported again in the test cell: a student's cell cannot stand in for the check.
            cell["source"] = asserting_checks(cell["source"], reimport=True)
            cell["metadata"]["nbgrader"] = _nbgrader(cell, "test", locked=True, points=points)
        else:
            cell["metadata"]["nbgrader"] = _nbgrader(cell, "cell", locked=True)
    return nb


def _wrapped(lines: list[str], indent: str) -> str:
    """The answer's lines between nbgrader's delimiters, at the marker's indentation."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]  # a trailing blank line is not part of the answer
    return "\n".join([indent + BEGIN_SOLUTION, *lines, indent + END_SOLUTION])


def _forget_outputs(cell) -> None:
    # An answer's output can show the answer; nbgrader clears outputs too, but the source
    # that instructors open should not depend on it.
    cell["outputs"] = []
    cell["execution_count"] = None


def _nbgrader(cell, role: str, *, solution=False, locked=False, points=None) -> dict:
    """nbgrader's cell metadata (schema 3), with a grade id made from the cell's id."""
    metadata = {
        "grade": points is not None,
        "grade_id": f"{role}-{cell['id']}",
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        metadata["points"] = points
    return metadata


# --------------------------------------------------------------------------------------------
# The export folder


@keywords_checked
def export_grading(
    target: str | os.PathLike,
    *,
    lessons: list[str] | tuple[str, ...] | None = None,
    course: str | os.PathLike = ".",
) -> list[str]:
    """Write (or update) the nbgrader course source of the lessons in `target`.

    Parameters
    ----------
    target : str or path-like
        The export folder: new, empty, or an earlier export (``~`` stands for your home
        folder). Its parent folder must exist.
    lessons : sequence of str or None, default None
        The lessons to export, by number (``"03"``, ``"3"`` or ``"03_lloyds_algorithm"``);
        None exports every lesson. An update replaces ``source/`` as a whole, so a lesson
        exported before and not named again leaves ``source/`` (nbgrader's own folders and
        gradebook keep its submissions and grades).
    course : str or path-like, default "."
        The instructor's repository: it holds ``notebooks/solutions/``.

    Returns
    -------
    list of str
        Report lines: what was written, the points of each lesson, and the nbgrader commands
        to run next.

    Raises
    ------
    GradingExportError
        With nothing written: an unknown lesson, a source that cannot be read or marks its
        answers wrongly, or a `target` that is not new, empty or an earlier export, or cannot
        be written (see the module docstring).
    """
    target = Path(target).expanduser().absolute()
    course = Path(course).expanduser().absolute()
    # Everything that can be refused is checked before anything is written, the export
    # folder first, before any notebook is read.
    previous = _previous_export(target)
    sources = _chosen_sources(course, lessons)
    files: dict[str, str] = {}
    lines = []
    for name, nb in sources.items():
        assignment = _assignment(nb)
        path = f"{SOURCE_FOLDER}/lesson{name[:2]}/{name}"
        files[path] = _as_text(assignment)
        lines.append(f"wrote {_show(target / path)} ({_points(assignment)})")
    config = _CONFIG.format(command=GRADING_COMMAND, course_id=COURSE_ID, timeout=CELL_TIMEOUT)
    kept_config = _config_edited(target, previous, config)
    if kept_config:
        lines.append(
            f"kept {_show(target / CONFIG_FILE)}: it was edited after the last export (delete it"
            " and export again to get the export's own)"
        )
    else:
        files[CONFIG_FILE] = config
        lines.append(f"wrote {_show(target / CONFIG_FILE)} (course id {COURSE_ID!r})")
    numbers = [f"lesson{name[:2]}" for name in sources]
    files[README_FILE] = _README.format(
        command=GRADING_COMMAND,
        assignments=", ".join(numbers),
        first=numbers[0],
        check_points=_count(POINTS_PER_CHECK, "point"),
        written_points=_count(WRITTEN_POINTS, "point"),
    )
    record = {
        "made_by": GRADING_COMMAND,
        "assignments": numbers,
        "nbgrader_config_sha256": previous.get("nbgrader_config_sha256")
        if kept_config
        else _sha256(config),
    }
    files[EXPORT_MARK] = json.dumps(record, indent=1) + "\n"
    gone = sorted(set(previous.get("assignments", [])) - set(numbers))
    if target.exists() and previous:
        _update(target, files)
    else:
        _create(target, files)
    if gone:
        lines.append(
            f"left {_show(target / SOURCE_FOLDER)}/: {', '.join(gone)} (not named this time;"
            " its submissions and grades stay in nbgrader's folders and gradebook)"
        )
    lines += [
        "",
        f"Next, from {_show(target)}/ (see its README.md):",
        f"  nbgrader generate_assignment {numbers[0]}   (the student version, in release/)",
        f"  nbgrader autograde {numbers[0]}             (after collecting the submissions)",
        "  nbgrader formgrader                     (written answers, by hand)",
        "  nbgrader export                         (grades.csv)",
    ]
    return lines


def _points(nb) -> str:
    tests = written = 0
    for cell in nb["cells"]:
        grading = cell["metadata"]["nbgrader"]
        if grading["grade"] and grading["solution"]:
            written += grading["points"]
        elif grading["grade"]:
            tests += grading["points"]
    return f"{_count(tests, 'point')} autograded, {_count(written, 'point')} for written answers"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _chosen_sources(course: Path, lessons) -> dict[str, object]:
    """The lesson sources to export, by file name, checked; refuses unknown lessons."""
    folder = course / DEFAULT_NOTEBOOKS / SOURCES_FOLDER
    if not folder.is_dir():
        raise GradingExportError(
            f"There are no lesson sources in {_show(folder)}/: run this in the course's"
            " repository, or name it with --course PATH."
        )
    paths: dict[str, Path] = {}
    for path in sorted(folder.glob("*.ipynb")):
        if not LESSON_NAME.fullmatch(path.name):
            continue
        if path.name[:2] in paths:
            # Both would be assignment lessonNN: nbgrader would grade them as one.
            raise GradingExportError(
                f"Two lesson sources have the number {path.name[:2]}:"
                f" {_show(paths[path.name[:2]])} and {_show(path)}; renumber one."
            )
        paths[path.name[:2]] = path
    if not paths:
        raise GradingExportError(f"There are no lesson sources NN_name.ipynb in {_show(folder)}/.")
    chosen = sorted(paths if lessons is None else _lesson_numbers(lessons, paths))
    sources = {}
    problems = []
    for number in chosen:
        path = paths[number]
        try:
            nb = _parse(_read_text(path), path)
        except (ValueError, OSError) as error:
            raise GradingExportError(str(error)) from error
        problems += marker_problems(nb, _show(path)) + grading_problems(nb, _show(path))
        sources[path.name] = nb
    if problems:
        raise GradingExportError(
            "Not exporting: the answers are marked in a way that nbgrader would get wrong"
            " (nothing was written):\n" + "\n".join(f"  {problem}" for problem in problems)
        )
    return sources


def _lesson_numbers(asked, paths: dict[str, Path]) -> list[str]:
    """Two-digit lesson numbers from "03", "3" or "03_lloyds_algorithm", each once, in order."""
    numbers = []
    for item in asked:
        number = lesson_number(item)
        if number not in paths:
            known = ", ".join(f"{n} ({path.stem})" for n, path in paths.items())
            raise GradingExportError(
                f"There is no lesson {item!r} to export (nothing was written); the lessons are"
                f" {known}."
            )
        if number not in numbers:
            numbers.append(number)
    if not numbers:
        raise GradingExportError("No lesson was named; name some (e.g. --lessons 01,03).")
    return numbers


def _previous_export(target: Path) -> dict:
    """The record of the export in `target`, {} for a new or empty folder; refuses the rest."""
    if target.is_symlink() and not target.exists():
        raise GradingExportError(f"{_show(target)} is a link to a folder that does not exist.")
    parent = target.parent
    if not target.exists():
        if not parent.is_dir():
            what = "is a file, not a folder" if parent.exists() else "does not exist"
            raise GradingExportError(
                f"Cannot export to {_show(target)}: its folder {_show(parent)}/ {what}."
            )
        if not _writable(parent):
            raise GradingExportError(
                f"Cannot export to {_show(target)}: its folder {_show(parent)}/ is read-only."
            )
        return {}
    if not target.is_dir():
        raise GradingExportError(f"Cannot export to {_show(target)}: it is a file, not a folder.")
    if not any(target.iterdir()):
        if not _writable(parent) or not _writable(target):
            raise GradingExportError(
                f"Cannot export to {_show(target)}: it (or its folder {_show(parent)}/) is"
                " read-only."
            )
        return {}
    mark = target / EXPORT_MARK
    if not mark.is_file():
        raise GradingExportError(
            f"{_show(target)}/ is not a grading export (it has no {EXPORT_MARK} file) and is not"
            " empty: exporting there could overwrite other files. Name a new or empty folder,"
            " or an earlier export."
        )
    # Everything an update renames must allow it: the folder, the old source/ (a folder moved
    # to another folder rewrites its own "..") and the files that are replaced.
    blocked = [
        path
        for path in (
            target,
            *(target / name for name in (SOURCE_FOLDER, CONFIG_FILE, README_FILE, EXPORT_MARK)),
        )
        if (path.exists() or path.is_symlink()) and not _writable(path)
    ]
    if blocked:
        raise GradingExportError(
            f"Cannot update the export in {_show(target)}: "
            + ", ".join(_show(path) for path in blocked)
            + (" is" if len(blocked) == 1 else " are")
            + " read-only."
        )
    try:
        record = json.loads(mark.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        record = None
    # An unreadable record still marks an export; only what it remembers is lost.
    return record if isinstance(record, dict) else {"made_by": GRADING_COMMAND}


def _writable(path: Path) -> bool:
    # os.access also says no for a file or folder made immutable (chattr +i), even to root.
    mode = os.W_OK | os.X_OK if path.is_dir() else os.W_OK
    return os.access(path, mode)


def _config_edited(target: Path, previous: dict, config: str) -> bool:
    """Whether `target` holds an nbgrader_config.py edited since the export wrote it."""
    path = target / CONFIG_FILE
    if not previous or not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # not ours to judge, so not ours to overwrite
    return text != config and _sha256(text) != previous.get("nbgrader_config_sha256")


def _write_files(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so that the line ends are "\n" on every system.
        path.write_bytes(text.encode("utf-8"))


def _new_folder(parent: Path, prefix: str) -> Path:
    """A temporary folder in `parent`, with the mode a new folder gets (mkdtemp's is private)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, suffix=".part", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


def _create(target: Path, files: dict[str, str]) -> None:
    """A new export: built next to `target`, then renamed to it (onto an empty folder too)."""
    try:
        building = _new_folder(target.parent, f".{target.name}.")
    except OSError as error:
        raise GradingExportError(
            f"Cannot export to {_show(target)} ({error.strerror or error}); nothing was written."
        ) from error
    try:
        _write_files(building, files)
        os.replace(building, target)
    except OSError as error:
        raise GradingExportError(
            f"Cannot export to {_show(target)} ({error.strerror or error}); nothing was written."
        ) from error
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _update(target: Path, files: dict[str, str]) -> None:
    """An earlier export updated: its source/ and files replaced, each by a rename, or none.

    The new ones are built in a temporary folder inside `target` (same file system, so each
    replacement is one rename); each old one is moved into that folder first, and moved back
    if a later rename fails. nbgrader's own folders are never named, so never touched.
    """
    try:
        building = _new_folder(target, f"{EXPORT_MARK}.")
    except OSError as error:
        raise GradingExportError(
            f"Cannot update {_show(target)} ({error.strerror or error}); nothing was changed."
        ) from error
    new, old = building / "new", building / "old"
    moved_out: list[str] = []  # old ones now in `old`
    moved_in: list[str] = []  # new ones now in `target`
    try:
        _write_files(new, files)
        old.mkdir()
        # The mark last: an update interrupted before it still has the previous record.
        names = [name for name in files if "/" not in name and name != EXPORT_MARK]
        for name in [SOURCE_FOLDER, *names, EXPORT_MARK]:
            if (target / name).exists() or (target / name).is_symlink():
                os.rename(target / name, old / name)
                moved_out.append(name)
            os.rename(new / name, target / name)
            moved_in.append(name)
    except BaseException as error:
        for name in reversed(moved_in):
            with contextlib.suppress(OSError):
                os.rename(target / name, new / name)
        for name in reversed(moved_out):
            with contextlib.suppress(OSError):
                os.rename(old / name, target / name)
        if isinstance(error, OSError):
            raise GradingExportError(
                f"Cannot update {_show(target)} ({error.strerror or error}); it is as it was."
            ) from error
        raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


_CONFIG = """\
# nbgrader's settings for grading the k-means course, written by `{command}`.
# nbgrader reads this file from the folder it runs in: run every nbgrader command here.
# An export leaves this file as it is once you have edited it.
c = get_config()  # noqa: F821 (nbgrader defines get_config when it reads this file)

c.CourseDirectory.course_id = "{course_id}"

# Seconds one cell may run when nbgrader autogrades (its default is 30). The slowest cell of
# any lesson takes a few seconds; the margin is for a busy grading machine.
c.Execute.timeout = {timeout}
"""

_README = """\
# Grading the k-means course with nbgrader

Written by `{command}` from the course's lesson sources: one nbgrader assignment per
lesson ({assignments}), in `source/`. Run every command below from this folder (nbgrader reads
`nbgrader_config.py` here), with the Python environment that has nbgrader and the course's
package `kmeans_teach` activated. The course's `docs/grading.md` says more.

1. `nbgrader generate_assignment {first}`: the student version, without answers, in
   `release/{first}/`. Hand it out (nbgrader's exchange, or a shared folder).
2. `nbgrader collect {first}` (with nbgrader's exchange), or place each submission yourself as
   `submitted/<student id>/{first}/<notebook>.ipynb`.
3. `nbgrader autograde {first}`: each check is worth {check_points}, given when it passes.
4. `nbgrader formgrader`: grade the written answers ({written_points} each) by hand.
5. `nbgrader export`: every student's scores, in `grades.csv`.

Exporting again replaces `source/` as a whole, this README, and `nbgrader_config.py` unless you
have edited it. It never touches `release/`, `submitted/`, `autograded/`, `feedback/` or
`gradebook.db`. After an export that changed a lesson, run
`nbgrader generate_assignment --force` for it before you hand it out.
"""
