"""Tools for instructors: the students' exercise notebooks, and notebooks stored clean.

Two jobs, each a function and a command (``python -m kmeans_teach --help``):

``python -m kmeans_teach exercises`` (:func:`generate_exercises`, :func:`exercises_main`)
    Make every student notebook ``notebooks/NN_name.ipynb`` from its lesson source
    ``notebooks/solutions/NN_name.ipynb``, which holds the answers (:func:`student_version`).
    ``--check`` only reports the student notebooks that are missing, stale or orphaned.
``python -m kmeans_teach normalise`` (:func:`normalise_notebooks`, :func:`normalise_main`)
    Store every notebook under ``notebooks/`` without outputs and execution counts (except in
    cells tagged ``keep_output``), so that diffs show only what a person wrote
    (:func:`normalise`). ``--check`` only reports.

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
        "cells_sha256": "<sha256 of the student notebook's cell types and texts>"
    }

Before overwriting a student notebook, :func:`generate_exercises` recomputes the fingerprint of
its cells. If it no longer matches the record (someone edited the cells by hand), or there is
no record (someone made the file by hand), it refuses, names the file and writes nothing:
make the same edit in the source in ``notebooks/solutions/`` and generate again (a notebook
whose cells are already what its source generates loses nothing, so it is overwritten), or
pass ``--force`` to discard the hand edits. Running a student notebook and saving it changes
no cell text, so it is not an edit.
``source_sha256`` tells ``--check`` whether the source changed since the last generation.

Only ``nbformat`` and the standard library are used, and ``nbformat`` is imported only when a
function needs it, so importing :mod:`kmeans_teach` stays light.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SOLUTION_TAG = "solution"
KEEP_OUTPUT_TAG = "keep_output"
SOLUTION_MARKER = "# SOLUTION"
CODE_STUB = "# Your code here"
NOT_ATTEMPTED_STUB = 'raise NotImplementedError("exercise not attempted yet")'
ANSWER_STUB = "*Your answer here.*"

SOURCES_FOLDER = "solutions"
DEFAULT_NOTEBOOKS = "notebooks"
# Lessons are named NN_name.ipynb. Other notebooks in notebooks/ (index.ipynb, ...) are
# written by hand and have no source, unless they carry a generation record.
LESSON_NAME = re.compile(r"\d\d_.+\.ipynb")
CHECKPOINTS = ".ipynb_checkpoints"

METADATA_KEY = "kmeans_teach"
# Per-cell metadata that editors write as a side effect of running or viewing a notebook.
NOISY_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")

EXERCISES_COMMAND = "python -m kmeans_teach exercises"
NORMALISE_COMMAND = "python -m kmeans_teach normalise"
ORPHANED = "orphaned:"


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


# --------------------------------------------------------------------------------------------
# One notebook in memory


def normalise(nb):
    """Return a copy of a notebook as it is stored: no outputs, no execution counts, no noise.

    - Code cells lose their outputs and execution counts, except cells tagged ``keep_output``,
      which keep their outputs (a result the reader should see without a kernel, or a number
      nbval checks). Such a cell, if it has outputs, gets the execution count of a clean run
      from the top (its position among the code cells, counting from 1), in the cell and in
      its ``execute_result``: nbval fails a cell that has outputs but no execution count
      ("Unrun reference cell has outputs"), and a count fixed by position keeps diffs quiet.
    - Cells lose the metadata that editors write on their own (``execution``, ``collapsed``,
      ``scrolled``, ``ExecuteTime``); tags and any other metadata stay.
    - The notebook loses its ``widgets`` state; it keeps ``kernelspec`` and keeps only the
      ``name`` of ``language_info``.
    - Cell sources become single strings; a notebook older than format 4.5 is raised to 4.5,
      and any cell without an id gets one made from its position and text (never a random one,
      so normalising is deterministic).

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        A notebook in format 4. It is not modified.

    Returns
    -------
    nbformat.NotebookNode
        The normalised copy. Normalising it again changes nothing.
    """
    import nbformat

    nb = nbformat.from_dict(copy.deepcopy(dict(nb)))
    metadata = nb.setdefault("metadata", nbformat.NotebookNode())
    metadata.pop("widgets", None)
    language_info = metadata.get("language_info")
    if isinstance(language_info, dict):
        if "name" in language_info:
            metadata["language_info"] = nbformat.NotebookNode(name=language_info["name"])
        else:
            del metadata["language_info"]
    if nb.get("nbformat") == 4 and nb.get("nbformat_minor", 0) < 5:
        nb["nbformat_minor"] = 5  # the first minor version with cell ids

    code_cells = 0
    for cell in nb.setdefault("cells", []):
        cell_metadata = cell.setdefault("metadata", nbformat.NotebookNode())
        for key in NOISY_CELL_METADATA:
            cell_metadata.pop(key, None)
        cell["source"] = _text(cell.get("source", ""))
        if cell.get("cell_type") == "code":
            code_cells += 1
            if KEEP_OUTPUT_TAG not in cell_metadata.get("tags", []):
                cell["outputs"] = []
            count = code_cells if cell.get("outputs") else None
            cell["execution_count"] = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    _give_cells_ids(nb["cells"])
    return nb


def student_version(source_nb):
    """Return the student notebook made from a lesson source: answers replaced by stubs.

    The source is normalised first (see :func:`normalise`). Then

    - a code cell tagged ``solution`` becomes ``# Your code here``, a markdown cell tagged
      ``solution`` becomes ``*Your answer here.*``, and the ``solution`` tag is removed;
    - in other code cells, a line that is only ``# SOLUTION`` (any indentation) and every line
      after it become ``# Your code here`` at the marker's indentation, followed, if the marker
      is indented, by ``raise NotImplementedError("exercise not attempted yet")``;
    - cells that lost an answer lose their outputs too (even if tagged ``keep_output``);
    - every other cell, the order, the cell ids and the metadata are those of the source.

    The generation record (see the module docstring) is added by :func:`generate_exercises`,
    which knows the file names; this function only transforms the notebook.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source, with answers, in format 4. It is not modified.

    Returns
    -------
    nbformat.NotebookNode
        The student notebook. The same source always gives the same notebook.

    Examples
    --------
    >>> from nbformat import v4
    >>> source = v4.new_notebook(cells=[
    ...     v4.new_code_cell("def centre(points):\\n    # SOLUTION\\n    return points.mean(0)"),
    ... ])
    >>> print(student_version(source).cells[0].source)
    def centre(points):
        # Your code here
        raise NotImplementedError("exercise not attempted yet")
    """
    nb = normalise(source_nb)
    # A source copied from a student notebook must not pass on that notebook's record.
    nb["metadata"].pop(METADATA_KEY, None)
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        if SOLUTION_TAG in tags:
            remaining = [tag for tag in tags if tag != SOLUTION_TAG]
            if remaining:
                cell["metadata"]["tags"] = remaining
            else:
                del cell["metadata"]["tags"]
            if cell["cell_type"] == "code":
                cell["source"] = CODE_STUB
                cell["outputs"] = []
                cell["execution_count"] = None
            else:
                cell["source"] = ANSWER_STUB
                cell.pop("attachments", None)  # pictures of the answer go with it
        elif cell["cell_type"] == "code":
            cut = _cut_at_marker(cell["source"])
            if cut is not None:
                cell["source"] = cut
                cell["outputs"] = []
                cell["execution_count"] = None
    return nb


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


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _give_cells_ids(cells) -> None:
    """Give every cell without an id one derived from its position and text (deterministic)."""
    taken = {cell.get("id") for cell in cells}
    for index, cell in enumerate(cells):
        if cell.get("id"):
            continue
        attempt = 0
        while True:
            seed = f"{index}\n{attempt}\n{cell.get('cell_type')}\n{cell.get('source', '')}"
            candidate = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8]
            if candidate not in taken:
                break
            attempt += 1
        cell["id"] = candidate
        taken.add(candidate)


def _cells_sha256(nb) -> str:
    """Fingerprint of what a person edits in a notebook: the cells' types and texts, in order."""
    cells = [[cell.get("cell_type"), _text(cell.get("source", ""))] for cell in nb["cells"]]
    return _sha256(json.dumps(cells, ensure_ascii=False))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Notebook files


def _parse(text: str, path: Path):
    """A notebook from its text, without nbformat's habit of inventing random cell ids."""
    import nbformat

    try:
        nb = nbformat.reader.reads(text)
        return nbformat.convert(nb, 4)
    except Exception as error:  # json, nbformat and key errors all mean the same here
        raise ValueError(f"{_show(path)} cannot be read as a notebook: {error}") from error


def _read(path: Path):
    return _parse(_read_text(path), path)


def _read_text(path: Path) -> str:
    # Universal newlines: a Windows checkout with CRLF line ends reads the same as the original.
    return path.read_text(encoding="utf-8")


def _as_text(nb) -> str:
    """The notebook as Jupyter writes it: nbformat's JSON (indent 1) and a final newline."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def _write_text(path: Path, text: str) -> None:
    # Bytes, so that the line ends are "\n" on every system and the files are identical.
    path.write_bytes(text.encode("utf-8"))


def _show(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when it is inside it."""
    path = Path(path)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
    return path.as_posix()


# --------------------------------------------------------------------------------------------
# Student notebooks from their sources


@dataclass
class _Student:
    path: Path
    source: Path | None
    status: str  # "in sync", "missing", "stale" or "orphaned"
    expected: str | None = None  # the text generation writes
    source_changed: bool = False
    hand_edit: str | None = None  # why the existing file counts as edited by hand


def _expected_text(source_path: Path, source_text: str) -> str:
    source = _parse(source_text, source_path)
    nb = student_version(source)
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
    if record["cells_sha256"] != cells:
        return "was edited by hand after it was generated"
    return None


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
        record = _recorded(text, path) or {}
        wanted = json.loads(expected)["metadata"][METADATA_KEY]
        students.append(
            _Student(
                path,
                source,
                "stale",
                expected,
                source_changed=record.get("source_sha256") != wanted["source_sha256"],
                hand_edit=_hand_edit(text, path, wanted["cells_sha256"]),
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
        If a source notebook cannot be read.
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
    lines = []
    for student in to_write:
        _write_text(student.path, student.expected)
        note = " (hand edits discarded)" if student.hand_edit else ""
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
        elif student.status == "stale":
            if student.source_changed:
                line = f"stale:    {path} ({source} changed since it was generated)"
            else:
                line = f"stale:    {path} (differs from what {source} generates)"
            if student.hand_edit:
                line += f"; it {student.hand_edit}, so regenerating it needs --force"
            lines.append(line)
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
        lines.append(f"  {_show(student.path)} {student.hand_edit}")
    lines += [
        f"Student notebooks are generated from {_show(folder / SOURCES_FOLDER)}/. Make the same"
        f" change in the source ({', '.join(_show(s.source) for s in edited)}), then run"
        f" {_exercises_command(folder)}",
        f"or discard the hand edits with: {_exercises_command(folder, '--force')}",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Normalising notebook files


def _notebook_files(paths) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = sorted(path.rglob("*.ipynb"))
            files.extend(file for file in found if CHECKPOINTS not in file.parts)
        elif path.is_file():
            if path.suffix != ".ipynb":
                raise ValueError(f"{_show(path)} is not a notebook (.ipynb)")
            if CHECKPOINTS not in path.parts:
                files.append(path)
        else:
            raise FileNotFoundError(f"There is no notebook or folder {_show(path)}")
    return list(dict.fromkeys(files))  # each file once, in the order given


def normalise_notebooks(
    paths: str | os.PathLike | Iterable[str | os.PathLike] = DEFAULT_NOTEBOOKS,
    *,
    check: bool = False,
) -> list[Path]:
    """Normalise notebook files in place (see :func:`normalise`), or check that they are.

    Parameters
    ----------
    paths : str, path-like, or iterable of them, default "notebooks"
        Notebook files, or folders searched recursively for ``*.ipynb`` (``~`` stands for
        your home folder); anything inside an ``.ipynb_checkpoints`` folder is skipped.
    check : bool, default False
        Write nothing; only report which files are not stored normalised.

    Returns
    -------
    list of pathlib.Path
        The files that were rewritten (with ``check=True``: that would be). A file is
        normalised when its text is exactly what normalising writes (nbformat's JSON, indent
        1, final newline; line ends do not matter).

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    ValueError
        If a file is not a readable notebook.
    """
    changed = []
    for path in _notebook_files(paths):
        text = _read_text(path)
        wanted = _as_text(normalise(_parse(text, path)))
        if text != wanted:
            changed.append(path)
            if not check:
                _write_text(path, wanted)
    return changed


# --------------------------------------------------------------------------------------------
# Command lines (called by kmeans_teach/__main__.py)


def _parse_args(parser: argparse.ArgumentParser, argv: list[str]):
    """Parsed arguments, or the exit code when argparse has already answered (--help, errors)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


def exercises_main(argv: list[str]) -> int:
    """``python -m kmeans_teach exercises [--check | --force] [--notebooks DIR]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``exercises``.

    Returns
    -------
    int
        0 when all is well; 1 when ``--check`` finds a problem, a hand-edited notebook stops
        generation, or an orphaned notebook is left; 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog=EXERCISES_COMMAND,
        description=(
            "Generate the students' exercise notebooks, notebooks/NN_name.ipynb, from the lesson"
            " sources with answers, notebooks/solutions/NN_name.ipynb. See CONTRIBUTING.md."
        ),
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the student notebooks that are missing, stale or orphaned",
    )
    mode.add_argument(
        "--force", action="store_true", help="overwrite student notebooks edited by hand"
    )
    parser.add_argument(
        "--notebooks",
        metavar="DIR",
        default=DEFAULT_NOTEBOOKS,
        help="the folder of the student notebooks (default: notebooks)",
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    try:
        lines = generate_exercises(args.notebooks, force=args.force, check=args.check)
    except (FileNotFoundError, ValueError, HandEditedNotebookError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.check:
        if lines:
            print("\n".join(lines))
            return 1
        print(
            f"Student notebooks in {_show(Path(args.notebooks))}/ are in sync with their sources."
        )
        return 0
    print("\n".join(lines))
    return 1 if any(line.startswith(ORPHANED) for line in lines) else 0


def _where(paths: list[str]) -> str:
    return ", ".join(_show(Path(p)) + ("/" if Path(p).is_dir() else "") for p in paths)


def normalise_main(argv: list[str]) -> int:
    """``python -m kmeans_teach normalise [--check] [PATH ...]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``normalise``: notebook files or folders (default: notebooks).

    Returns
    -------
    int
        0 when all is well (including after rewriting files); 1 when ``--check`` finds a file
        that is not normalised, or a path is missing or not a notebook; 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog=NORMALISE_COMMAND,
        description=(
            "Store notebooks without outputs (except cells tagged keep_output), execution counts"
            " and editor metadata, so that diffs show only what a person wrote."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="notebooks, or folders searched for them (default: notebooks)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; list the files not normalised"
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    paths = args.paths or [DEFAULT_NOTEBOOKS]
    try:
        changed = normalise_notebooks(paths, check=args.check)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.check:
        if changed:
            command = " ".join([NORMALISE_COMMAND, *args.paths])
            print("These notebooks are not stored normalised (outputs, counts or editor metadata):")
            print("\n".join(f"  {_show(path)}" for path in changed))
            print(f"To fix, run: {command}")
            return 1
        print(f"All notebooks in {_where(paths)} are stored normalised.")
        return 0
    for path in changed:
        print(f"normalised {_show(path)}")
    if not changed:
        print(f"All notebooks in {_where(paths)} were already normalised.")
    return 0
