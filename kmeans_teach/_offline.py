"""What the two kernel-free views (the player, :mod:`kmeans_teach.player`, and the GIF,
:mod:`kmeans_teach.gif`) share: the run they show, the checks of their options, and the file
they write.

A data set name is loaded as the explorer loads it (``_views.load_drawn_data``), k-means runs
on every numeric column, and at most ten clusters are shown (one colour and marker each). A
file is written to a temporary file first and renamed into place when complete
(``_files.write_replacing``); an existing file is replaced only when this package wrote it
(its signature) or the caller says so.
"""

from __future__ import annotations

import math
import numbers
import os
from pathlib import Path

from ._files import check_writable_target
from ._validation import check_flag
from ._views import Run, data_set_elbow, load_drawn_data
from .plotting import PALETTE
from .steps import kmeans_steps

#: What each writer writes, and the file name endings it takes.
FORMATS = {"gif": (".gif",), "html": (".html", ".htm")}
#: Written into every GIF (as its comment) and web page (as its generator), so that a file
#: this package wrote can be replaced by a new run, and any other file is left alone.
SIGNATURE = "kmeans_teach animation"
#: Frames per second a GIF can have: browsers show at most 50, and a GIF frame lasts at
#: most 655 s (its delay is 16 bits of hundredths of a second; the last frame stays 4 times).
FPS_RANGE = (0.01, 50.0)


def prepare(data, *, k, seed, init, columns, elbow, metric="euclidean", data_seed=None):
    """Check the options, load the data, run k-means and (optionally) the elbow curve."""
    check_flag(elbow, "elbow")
    data = load_drawn_data(data, columns, data_seed=data_seed)
    # kmeans_steps checks k, init, seed and metric when it is called, with its own clear errors.
    steps = kmeans_steps(data.X, k, init=init, seed=seed, metric=metric)
    check_k_in_palette(k)
    steps = list(steps)
    curve, chosen = data_set_elbow(data.X) if elbow else (None, None)
    return Run.from_steps(
        data, steps, seed=seed, init=init, curve=curve, elbow=chosen, metric=metric
    )


def check_k_in_palette(k):
    """Refuse more clusters than the palette has colours and markers."""
    if k > len(PALETTE):
        # Beyond the palette, colours and markers repeat: clusters 11 and 1 would look the same.
        raise ValueError(
            f"k must be at most {len(PALETTE)} in an animation, got {k}: the pictures have "
            f"{len(PALETTE)} colours and markers, so more clusters could not be told apart."
        )


def check_positive(value, name):
    """`value`, if it is a positive finite number; else a TypeError or ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {value!r}.")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}.")
    return value


def check_fps(fps, name="fps"):
    """`fps`, if a GIF or the player can have that many frames per second."""
    check_positive(fps, name)
    low, high = FPS_RANGE
    if not low <= fps <= high:
        raise ValueError(f"{name} must be from {low} to {high:g} frames per second, got {fps!r}.")
    return fps


def output_path(path, suffixes, writer, overwrite, force_option="overwrite=True"):
    """`path` as a Path whose suffix is one of `suffixes`, in a folder that can be written to.

    An existing file is replaced only when this package wrote it (an earlier
    animation: re-running a cell or a command just renews it) or when
    ``overwrite`` is true; anything else there may be someone's work.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or Path), got {path!r}.")
    check_flag(overwrite, force_option.split("=")[0].lstrip("-"))
    path = Path(path).expanduser()
    if path.suffix.lower() not in suffixes:
        raise ValueError(
            f"{writer} writes {'/'.join(suffixes)} files, but {str(path)!r} ends in "
            f"{path.suffix or 'no suffix'}; name the file {path.stem}{suffixes[0]}."
        )
    check_writable_target(path)
    if path.exists() and not overwrite and not is_our_animation(path):
        raise FileExistsError(
            f"{str(path)!r} already exists and is not an animation written by kmeans_teach; "
            f"name another file, or give {force_option} to replace it."
        )
    return path


def is_our_animation(path):
    """True if the file at `path` is a GIF or web page that this package wrote."""
    try:
        with open(path, "rb") as file:
            start = file.read(64 * 1024)
    except OSError:
        return False
    if start.startswith(b"GIF8"):
        from PIL import Image

        try:
            with Image.open(path) as image:
                return image.info.get("comment") == SIGNATURE.encode()
        except OSError:  # not a GIF Pillow can read after all
            return False
    return f'<meta name="generator" content="{SIGNATURE}">'.encode() in start
