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
Generation adds a first cell saying where the notebook comes from, and after every answer that
no ``check_*`` call judges (a written answer, or code with no check call before the next
heading) a folded model answer, a markdown cell tagged ``model_answer``. A marker or tag that
is almost right (``#SOLUTION``, ``# solution:``, ``x = 1  # SOLUTION``, the tag ``Solution``),
a marker inside a string, or a check call in the hidden part is refused by
:func:`marker_problems`, naming the notebook, the cell and the marker to use.
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

from __future__ import annotations

import argparse
import copy
import difflib
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ._files import write_replacing

SOLUTION_TAG = "solution"
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
MERGE_CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)

SOURCES_FOLDER = "solutions"
DEFAULT_NOTEBOOKS = "notebooks"
# Lessons are named NN_name.ipynb. Other notebooks in notebooks/ (index.ipynb, ...) are
# written by hand and have no source, unless they carry a generation record.
LESSON_NAME = re.compile(r"\d\d_.+\.ipynb")
CHECKPOINTS = ".ipynb_checkpoints"

METADATA_KEY = "kmeans_teach"
# Per-cell metadata that editors write as a side effect of running or viewing a notebook.
NOISY_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")
# Cell metadata that records only how a cell is shown (folded or not): not part of the
# fingerprint, so folding a cell in JupyterLab is not an edit.
VIEW_CELL_METADATA = ("jupyter",)
# The output of a widget points at the notebook's widget state, which normalising drops.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

EXERCISES_COMMAND = "python -m kmeans_teach exercises"
NORMALISE_COMMAND = "python -m kmeans_teach normalise"
ORPHANED = "orphaned:"


class MarkerError(ValueError):
    """A lesson source marks an answer in a way generation would get wrong (see the docstring)."""


class NotebookWriteError(OSError):
    """Notebooks could not all be written; the message says which files did change.

    Attributes
    ----------
    written : list of pathlib.Path
        The files that were written completely before the failure.
    """

    def __init__(self, message: str, written: list[Path]):
        super().__init__(message)
        self.written = written

    def __str__(self):
        return self.args[0]


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
            cell["outputs"] = [kept for kept in map(_without_widget_view, cell["outputs"]) if kept]
            count = code_cells if cell.get("outputs") else None
            cell["execution_count"] = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    _give_cells_ids(nb["cells"])
    return nb


def _without_widget_view(output):
    """An output without its widget view (whose state normalising drops), or None if empty."""
    data = output.get("data")
    if not isinstance(data, dict) or WIDGET_VIEW not in data:
        return output
    del data[WIDGET_VIEW]
    # What is left is the text a kernel-free reader sees, e.g. "Explorer(...)": keep it if any.
    return output if data else None


def student_version(source_nb):
    """Return the student notebook made from a lesson source: answers replaced by stubs.

    The source is normalised first (see :func:`normalise`). Then

    - a code cell tagged ``solution`` becomes ``# Your code here``, a markdown cell tagged
      ``solution`` becomes ``*Your answer here.*``, and the ``solution`` tag is removed;
    - in other code cells, a line that is only ``# SOLUTION`` (any indentation) and every line
      after it become ``# Your code here`` at the marker's indentation, followed, if the marker
      is indented, by ``raise NotImplementedError("exercise not attempted yet")``;
    - cells that lost an answer lose their outputs too (even if tagged ``keep_output``);
    - an answer no check can judge (a written answer, or code with no ``check_*`` call in the
      cells after it, up to the next heading) is followed by a markdown cell tagged
      ``model_answer``: the answer of the source, folded in a ``<details>`` block that the
      student opens after trying (:data:`MODEL_ANSWER_SUMMARY`);
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
    # A source copied from a student notebook must not pass on that notebook's record, nor
    # its header line and model answers (they are made again below).
    nb["metadata"].pop(METADATA_KEY, None)
    nb["cells"] = [cell for cell in nb["cells"] if not _is_generated(cell)]
    cells = []
    for index, cell in enumerate(nb["cells"]):
        cells.append(cell)
        answer = _answer_of(cell)
        tags = cell["metadata"].get("tags", [])
        if answer is not None and not _checked_later(nb["cells"], index):
            cells.append(_model_answer(cell, answer))
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
    nb["cells"] = cells
    return nb


def _is_generated(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.get("id") == HEADER_ID or MODEL_ANSWER_TAG in tags


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


def _checked_later(cells, index: int) -> bool:
    """Whether a check judges the answer in cells[index]: a check call before the next heading."""
    for cell in cells[index + 1 :]:
        if cell["cell_type"] == "markdown" and cell["source"].lstrip().startswith("#"):
            return False
        if cell["cell_type"] == "code" and CHECK_CALL.search(cell["source"]):
            return True
    return False


def _model_answer(cell, answer: str):
    """The folded model answer that follows a student's answer cell."""
    import nbformat

    answer = answer.strip("\n")
    body = f"```python\n{answer}\n```" if cell["cell_type"] == "code" else answer
    text = f"<details><summary>{MODEL_ANSWER_SUMMARY}</summary>\n\n{body}\n\n</details>"
    return nbformat.v4.new_markdown_cell(
        text, id=f"{cell['id']}-answer"[-64:], metadata={"tags": [MODEL_ANSWER_TAG]}
    )


def _header(source_name: str):
    """The first cell of a student notebook: where it comes from."""
    import nbformat

    text = (
        f"*Generated from `{SOURCES_FOLDER}/{source_name}` by `{EXERCISES_COMMAND}`: to change"
        " this lesson, edit that file, not this one.*"
    )
    return nbformat.v4.new_markdown_cell(text, id=HEADER_ID)


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
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{_show(path)} cannot be read as a notebook: it is not UTF-8 text (byte"
            f" {error.start} is {error.object[error.start : error.start + 1]!r}); a notebook"
            " is JSON in UTF-8, so restore the file from version control"
        ) from error
    except PermissionError as error:
        raise NotebookWriteError(f"{_show(path)} cannot be read: permission denied", []) from error


def _as_text(nb) -> str:
    """The notebook as Jupyter writes it: nbformat's JSON (indent 1) and a final newline."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def _write_text(path: Path, text: str) -> None:
    """Write a file completely or not at all (``_files.write_replacing``).

    A failure or Ctrl-C while writing leaves the old file exactly as it was and no
    half-written file under the real name. The new file keeps the old one's permissions.
    """
    # Bytes, so that the line ends are "\n" on every system and the files are identical.
    data = text.encode("utf-8")
    write_replacing(path, lambda temporary: temporary.write_bytes(data))


def _unwritable(path: Path) -> str | None:
    """Why `path` cannot be (re)written, or None: checked before anything is written."""
    folder = path.parent
    if not folder.is_dir():
        return f"its folder {_show(folder)}/ does not exist"
    if path.is_symlink() and not path.exists():
        return "it is a link to a file that does not exist"
    if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
        return "it is read-only (make it writable, e.g. chmod u+w, then run this again)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {_show(folder)}/ is read-only"
    return None


def _write_all(texts: dict[Path, str], done: str) -> list[Path]:
    """Write every file of `texts`, having checked them all first; return those written.

    Raises NotebookWriteError, writing nothing, when any target cannot be written; and if a
    write still fails half-way, the error names the files that were already written.
    """
    problems = [f"  {_show(path)}: {why}" for path in texts if (why := _unwritable(path))]
    if problems:
        raise NotebookWriteError(
            "Nothing was written, because these notebooks cannot be written:\n"
            + "\n".join(problems),
            [],
        )
    written: list[Path] = []
    for path, text in texts.items():
        try:
            _write_text(path, text)
        except OSError as error:
            reason = error.strerror or str(error)
            changed = ", ".join(_show(p) for p in written) or "none"
            left = ", ".join(_show(p) for p in texts if p not in written)
            raise NotebookWriteError(
                f"Could not write {_show(path)} ({reason}); it is unchanged. Already {done}"
                f" (complete): {changed}. Not written: {left}.",
                written,
            ) from error
        written.append(path)
    return written


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
    if problems:
        raise MarkerError(
            "Not generating: the answers are marked in a way that would publish them or lose"
            " cells:\n" + "\n".join(f"  {problem}" for problem in problems)
        )
    nb = student_version(source)
    nb["cells"].insert(0, _header(source_path.name))
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
        where = f"cell {number} (id {cell.get('id', '?')})"
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
            lines.append(f"cell {number} (id {cell.get('id')}): generated, missing here")
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
        way that would publish it or lose a cell).
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
        If a file is not a readable notebook (then nothing is written).
    NotebookWriteError
        If a file cannot be written: checked for all before any is written.
    """
    # Every file is read and normalised before any is written: an unreadable notebook stops the
    # run with nothing changed.
    texts = {}
    for path in _notebook_files(paths):
        text = _read_text(path)
        wanted = _as_text(normalise(_parse(text, path)))
        if text != wanted:
            texts[path] = wanted
    if not check:
        _write_all(texts, "normalised")
    return list(texts)


# --------------------------------------------------------------------------------------------
# Command lines (called by kmeans_teach/__main__.py)


def _has_nbformat(command: str) -> bool:
    """Whether nbformat can be imported; if not, say how to get it (no traceback)."""
    try:
        import nbformat  # noqa: F401
    except ModuleNotFoundError:
        print(
            f"error: `{command}` needs the nbformat package, which is not installed in this"
            f" Python ({sys.executable}). Install it with `pip install nbformat`, or use the"
            " course's environment: `python3 run.py test` makes .venv with everything.",
            file=sys.stderr,
        )
        return False
    return True


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
    if not _has_nbformat(EXERCISES_COMMAND):
        return 1
    try:
        lines = generate_exercises(args.notebooks, force=args.force, check=args.check)
    except (FileNotFoundError, ValueError, HandEditedNotebookError, NotebookWriteError) as error:
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
    if not _has_nbformat(NORMALISE_COMMAND):
        return 1
    try:
        changed = normalise_notebooks(paths, check=args.check)
    except (FileNotFoundError, ValueError, NotebookWriteError) as error:
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
