"""Reading notebook files, and writing them safely: all checked first, each through a rename.

Every notebook is read, and every target checked (writable, in a writable folder, not a
dangling link), before any is written; each is written to a temporary file in its folder and
renamed into place (:func:`kmeans_teach._files.write_replacing`), so a failure leaves the old
file as it was, and an error names the files already written.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .._files import write_replacing


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


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
