"""Notebooks stored clean: no outputs, no execution counts, no editor noise.

``python -m kmeans_teach normalise`` (:func:`normalise_notebooks`) stores every notebook under
``notebooks/`` without outputs and execution counts (except in cells tagged ``keep_output``),
so that diffs show only what a person wrote (:func:`normalise`). ``--check`` only reports.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .._validation import keywords_checked
from ._words import (
    CHECKPOINTS,
    DEFAULT_NOTEBOOKS,
    KEEP_OUTPUT_TAG,
    NOISY_CELL_METADATA,
    WIDGET_VIEW,
)
from .notebook_io import _as_text, _parse, _read_text, _show, _text, _write_all


@keywords_checked
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


@keywords_checked
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
