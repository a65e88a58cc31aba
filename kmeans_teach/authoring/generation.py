"""``python -m kmeans_teach exercises``: every student notebook generated from its lesson source.

Each ``notebooks/solutions/NN_name.ipynb`` gives ``notebooks/NN_name.ipynb``
(:func:`kmeans_teach.authoring.student_version`), with a generation record in its metadata.
A student notebook edited by hand is never overwritten silently (see the package docstring,
"Hand edits are never lost silently").
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .._validation import keywords_checked
from ._words import (
    DEFAULT_NOTEBOOKS,
    EXERCISES_COMMAND,
    LESSON_NAME,
    MERGE_CONFLICT,
    METADATA_KEY,
    NOISY_CELL_METADATA,
    ORPHANED,
    SOURCES_FOLDER,
    VIEW_CELL_METADATA,
    cell_name,
)
from .markers import FigureTextError, MarkerError, figure_problems, marker_problems
from .normalising import normalise
from .notebook_io import _as_text, _parse, _read_text, _sha256, _show, _text, _write_all
from .rails import exercise_problems, leak_problems
from .student import _header, student_version


class HandEditedNotebookError(RuntimeError):
    """A student notebook was edited by hand, so generating it again would lose the edits.

    Attributes
    ----------
    paths : list of pathlib.Path
        The student notebooks that were not overwritten.
    """

    def __init__(self, message: str, paths: list[Path]):
        super().__init__(message)
        self.paths = paths


def _cells_sha256(nb) -> str:
    """Fingerprint of what a person edits in a notebook: the cells' types, texts and metadata.

    Metadata that editors write on their own (:data:`NOISY_CELL_METADATA`) or that records
    only whether a cell is folded (:data:`VIEW_CELL_METADATA`) is left out, so running a
    notebook, or folding a cell, is not an edit; a tag added by hand is.
    """
    cells = []
    for cell in nb["cells"]:
        metadata = {
            key: value
            for key, value in cell.get("metadata", {}).items()
            if key not in NOISY_CELL_METADATA + VIEW_CELL_METADATA
        }
        cells.append([cell.get("cell_type"), _text(cell.get("source", "")), metadata])
    return _sha256(json.dumps(cells, ensure_ascii=False, sort_keys=True))


def _cells_sha256_v1(nb) -> str:
    """The first fingerprint (types and texts only), still accepted in older records."""
    cells = [[cell.get("cell_type"), _text(cell.get("source", ""))] for cell in nb["cells"]]
    return _sha256(json.dumps(cells, ensure_ascii=False))


@dataclass
class _Student:
    path: Path
    source: Path | None
    status: str  # "in sync", "missing", "stale" or "orphaned"
    expected: str | None = None  # the text generation writes
    source_changed: bool = False
    hand_edit: str | None = None  # why the existing file counts as edited by hand
    changes: list[str] | None = None  # the hand edits, cell by cell
    conflicted: bool = False  # the file holds a merge conflict (it is regenerated)


def _expected_text(source_path: Path, source_text: str) -> str:
    if MERGE_CONFLICT.search(source_text):
        raise ValueError(
            f"{_show(source_path)} has an unresolved merge conflict (lines starting with"
            " <<<<<<<, ======= or >>>>>>>): resolve it in the source first, then generate"
        )
    source = _parse(source_text, source_path)
    problems = marker_problems(source, _show(source_path))
    problems += exercise_problems(source, _show(source_path))
    if problems:
        raise MarkerError(
            "Not generating: the answers are marked in a way that would publish them or lose"
            " cells:\n" + "\n".join(f"  {problem}" for problem in problems)
        )
    problems = figure_problems(source, _show(source_path))
    if problems:
        raise FigureTextError(
            "Not generating: a figure would reach students without a text alternative:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    nb = student_version(source)
    nb["cells"].insert(0, _header(source_path.name))
    student_path = source_path.parent.parent / source_path.name
    problems = leak_problems(source, nb, _show(student_path))
    if problems:
        raise MarkerError(
            "Not generating: the student notebook would show a line of an answer:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    nb["metadata"][METADATA_KEY] = {
        "generated_from": f"{SOURCES_FOLDER}/{source_path.name}",
        "source_sha256": _sha256(_as_text(normalise(source))),
        "cells_sha256": _cells_sha256(nb),
    }
    return _as_text(nb)


def _recorded(text: str, path: Path) -> dict | None:
    """The generation record of an existing student notebook, if it has a readable one."""
    try:
        record = _parse(text, path)["metadata"].get(METADATA_KEY)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "generated_from" in record else None


def _hand_edit(text: str, path: Path, expected_cells_sha256: str) -> str | None:
    """Why overwriting an existing student notebook would lose a hand edit, or None.

    A notebook whose cells are already those its source generates loses nothing when it is
    regenerated, whatever its record says: that is how a hand edit looks once the instructor
    has carried it into the source, as the refusal asks, and regenerating must then work.
    """
    try:
        nb = _parse(text, path)
    except ValueError as error:
        return f"cannot be read as a notebook ({error.__cause__})"
    cells = _cells_sha256(nb)
    if cells == expected_cells_sha256:
        return None
    record = nb["metadata"].get(METADATA_KEY)
    if not isinstance(record, dict) or "cells_sha256" not in record:
        return "has no record of being generated, so it was made by hand"
    if record["cells_sha256"] not in (cells, _cells_sha256_v1(nb)):
        return "was edited by hand after it was generated"
    return None


def _cell_changes(text: str, path: Path, expected: str, limit: int = 12) -> list[str]:
    """How an existing student notebook differs from what its source generates, cell by cell."""
    try:
        old, new = _parse(text, path)["cells"], json.loads(expected)["cells"]
    except (ValueError, KeyError):
        return []
    ids = [cell.get("id") for cell in new]
    lines = []
    for number, cell in enumerate(old, start=1):
        where = cell_name(number, cell)
        if cell.get("id") not in ids:
            lines.append(f"{where}: not in what the source generates (added by hand?)")
            continue
        wanted = new[ids.index(cell.get("id"))]
        if _text(cell.get("source", "")) != _text(wanted.get("source", "")):
            diff = difflib.unified_diff(
                _text(wanted.get("source", "")).splitlines(),
                _text(cell.get("source", "")).splitlines(),
                lineterm="",
                n=0,
            )
            changed = [line for line in diff if line[:1] in "+-" and line[:3] not in "+++---"]
            lines.append(
                f"{where}: " + " | ".join(changed[:4]) + (" ..." if len(changed) > 4 else "")
            )
        else:
            mine = {
                k: v for k, v in cell.get("metadata", {}).items() if k not in NOISY_CELL_METADATA
            }
            theirs = {
                k: v for k, v in wanted.get("metadata", {}).items() if k not in NOISY_CELL_METADATA
            }
            if mine != theirs:
                lines.append(f"{where}: metadata {mine} (the source gives {theirs})")
    present = {cell.get("id") for cell in old}
    for number, cell in enumerate(new, start=1):
        if cell.get("id") not in present:
            lines.append(f"{cell_name(number, cell)}: generated, missing here")
    return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])


def _survey(folder: Path) -> list[_Student]:
    """What generation would do to each student notebook in `folder`."""
    sources_folder = folder / SOURCES_FOLDER
    sources = sorted(sources_folder.glob("*.ipynb")) if sources_folder.is_dir() else []
    students = []
    for source in sources:
        source_text = _read_text(source)
        expected = _expected_text(source, source_text)
        path = folder / source.name
        if not path.exists():
            students.append(_Student(path, source, "missing", expected))
            continue
        text = _read_text(path)
        if text == expected:
            students.append(_Student(path, source, "in sync", expected))
            continue
        if MERGE_CONFLICT.search(text):
            # Generated files are never merged by hand: the merged source makes them again.
            students.append(_Student(path, source, "stale", expected, conflicted=True))
            continue
        record = _recorded(text, path) or {}
        wanted = json.loads(expected)["metadata"][METADATA_KEY]
        hand_edit = _hand_edit(text, path, wanted["cells_sha256"])
        students.append(
            _Student(
                path,
                source,
                "stale",
                expected,
                source_changed=record.get("source_sha256") != wanted["source_sha256"],
                hand_edit=hand_edit,
                changes=_cell_changes(text, path, expected) if hand_edit else None,
            )
        )
    names = {source.name for source in sources}
    for path in sorted(folder.glob("*.ipynb")):
        if path.name in names:
            continue
        if LESSON_NAME.fullmatch(path.name) or _recorded(_read_text(path), path) is not None:
            students.append(_Student(path, None, "orphaned"))
    return students


def _exercises_command(folder: Path, *options: str) -> str:
    words = [EXERCISES_COMMAND, *options]
    if folder.resolve() != (Path.cwd() / DEFAULT_NOTEBOOKS).resolve():
        words.append(f"--notebooks {_show(folder)}")
    return " ".join(words)


def _orphan_line(student: _Student) -> str:
    source = _show(student.path.parent / SOURCES_FOLDER / student.path.name)
    return (
        f"{ORPHANED} {_show(student.path)} has no source {source}"
        " (move it there if it is a lesson source, or delete it)"
    )


@keywords_checked
def generate_exercises(
    notebooks_dir: str | os.PathLike = DEFAULT_NOTEBOOKS,
    *,
    force: bool = False,
    check: bool = False,
) -> list[str]:
    """Generate every student notebook from its lesson source, or check that they are in sync.

    Each ``<notebooks_dir>/solutions/NN_name.ipynb`` gives ``<notebooks_dir>/NN_name.ipynb``
    (see :func:`student_version`), with a generation record in its metadata (see the module
    docstring). A file is written only when its text changes, so generating twice leaves the
    same bytes. Nothing is ever written into ``solutions/``.

    Parameters
    ----------
    notebooks_dir : str or path-like, default "notebooks"
        The folder of the student notebooks (``~`` stands for your home folder); the sources
        are in its ``solutions`` subfolder (none there is fine: there is nothing to generate).
    force : bool, default False
        Overwrite student notebooks even if they were edited by hand, discarding the edits.
        Without it, a hand-edited notebook is still overwritten once its source generates the
        same cells (the edit was carried into the source, so nothing is lost).
    check : bool, default False
        Write nothing; report every student notebook that is missing, stale (differs from
        what its source generates) or orphaned (a lesson ``NN_name.ipynb``, or a notebook
        with a generation record, that has no source; other notebooks, such as
        ``index.ipynb``, are written by hand and not checked).

    Returns
    -------
    list of str
        Report lines. With ``check=True``: the problems, then the command that fixes them,
        or an empty list when everything is in sync. Otherwise: one line per file written,
        one per orphaned notebook (starting with ``"orphaned:"``), and a summary.

    Raises
    ------
    FileNotFoundError
        If `notebooks_dir` is not a folder.
    ValueError
        If a source notebook cannot be read (:class:`MarkerError` if it marks an answer in a
        way that would publish it or lose a cell, has an exercise without a marked answer or
        a student notebook would show a line of an answer, :class:`FigureTextError` if it draws a
        figure that would have no text alternative).
    NotebookWriteError
        If a student notebook cannot be written: checked for all before any is written.
    HandEditedNotebookError
        Unless `force` or `check`: if a student notebook that would change was edited by hand
        (or made by hand). Then nothing at all is written.
    """
    folder = Path(notebooks_dir).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"There is no notebooks folder {_show(folder)}/: run this from the repository root,"
            " or name the folder with --notebooks DIR."
        )
    students = _survey(folder)
    if check:
        return _check_report(folder, students)

    to_write = [student for student in students if student.status in ("missing", "stale")]
    edited = [student for student in to_write if student.hand_edit]
    if edited and not force:
        raise HandEditedNotebookError(_refusal(folder, edited), [s.path for s in edited])
    _write_all({student.path: student.expected for student in to_write}, "generated")
    lines = []
    for student in to_write:
        note = " (hand edits discarded)" if student.hand_edit else ""
        if student.conflicted:
            note = " (it had a merge conflict; git add it to mark the conflict resolved)"
        lines.append(f"wrote {_show(student.path)} from {_show(student.source)}{note}")
    lines.extend(_orphan_line(student) for student in students if student.status == "orphaned")
    generated = [student for student in students if student.source is not None]
    if not generated:
        lines.append(
            f"No lesson sources in {_show(folder / SOURCES_FOLDER)}/: nothing to generate."
        )
    else:
        lines.append(
            f"{len(generated)} student notebooks: {len(to_write)} written,"
            f" {len(generated) - len(to_write)} already up to date."
        )
    return lines


def _check_report(folder: Path, students: list[_Student]) -> list[str]:
    lines = []
    for student in students:
        path, source = _show(student.path), student.source and _show(student.source)
        if student.status == "missing":
            lines.append(f"missing:  {path} (its source {source} has not been generated)")
        elif student.status == "stale" and student.conflicted:
            lines.append(
                f"conflict: {path} holds a merge conflict; it is generated, so do not merge it"
                f" by hand: resolve {source} if it conflicts too, then regenerate"
            )
        elif student.status == "stale":
            if student.source_changed:
                line = f"stale:    {path} ({source} changed since it was generated)"
            else:
                line = f"stale:    {path} (differs from what {source} generates)"
            if student.hand_edit:
                line += f"; it {student.hand_edit}, so regenerating it needs --force"
            lines.append(line)
            lines += [f"            {change}" for change in student.changes or []]
        elif student.status == "orphaned":
            lines.append(_orphan_line(student))
    if lines:
        lines = [f"  {line}" for line in lines]
        lines.insert(0, f"Student notebooks out of sync with {_show(folder / SOURCES_FOLDER)}/:")
        edited = [s for s in students if s.status == "stale" and s.hand_edit]
        if edited:
            # Plain regeneration would refuse: say both ways out, as the refusal itself does.
            lines += [
                "To fix, make the same edits in the sources"
                f" ({', '.join(_show(s.source) for s in edited)}), then run:"
                f" {_exercises_command(folder)}",
                f"or discard the hand edits with: {_exercises_command(folder, '--force')}",
            ]
        else:
            lines.append(f"To fix, run: {_exercises_command(folder)}")
    return lines


def _refusal(folder: Path, edited: list[_Student]) -> str:
    lines = ["Not overwriting student notebooks that were edited by hand (nothing was written):"]
    for student in edited:
        lines.append(f"  {_show(student.path)} {student.hand_edit}; what differs, cell by cell:")
        lines += [f"    {change}" for change in student.changes or []]
    lines += [
        f"Student notebooks are generated from {_show(folder / SOURCES_FOLDER)}/. Make the same"
        f" change in the source ({', '.join(_show(s.source) for s in edited)}), then run"
        f" {_exercises_command(folder)}",
        f"or discard the hand edits with: {_exercises_command(folder, '--force')}",
        "If a tool made the change (ruff --fix, a formatter), there is nothing to carry over:"
        " use --force (the pre-commit hooks keep ruff off generated notebooks).",
    ]
    return "\n".join(lines)
