"""Writing a file so that a failure never leaves it half-written: a temporary file, then a rename.

Every file the package writes goes through :func:`write_replacing`: the new
content goes to a temporary file in the same folder, which is renamed onto the
real name only once it is complete. A failure, or Ctrl-C, part way leaves the
old file exactly as it was, and nothing half-written under the real name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def check_writable_target(path):
    """Raise ValueError, naming `path`, if a file could not be written there.

    Checked before any work starts: the folder exists and can be written to,
    the path is not a folder, and it is not a link that leads nowhere.
    """
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise ValueError(
            f"Cannot write {str(path)!r}: it is a link to {os.readlink(path)!r}, which does "
            "not exist. Remove the link or name another file."
        )
    if path.is_dir():
        raise ValueError(f"Cannot write {str(path)!r}: it is a folder.")
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise ValueError(f"Cannot write {str(path)!r}: the folder {str(folder)!r} {what}.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(f"Cannot write {str(path)!r}: permission denied.")


def write_replacing(path, write):
    """Write a file with ``write(temporary_path)``, then rename it onto `path`.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write (through a link, the file the link leads to).
    write : callable
        Called with the temporary file's path (in the same folder); it writes
        the whole content there.

    Returns
    -------
    pathlib.Path
        `path`.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    os.close(handle)
    try:
        write(Path(temporary))
        # mkstemp makes the file private to its owner; give it the mode a new file gets
        # (or the mode of the file it replaces).
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def _mode_for(path):
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
