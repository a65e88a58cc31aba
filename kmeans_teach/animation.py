"""Views of a k-means run that need no running kernel: the HTML player and the GIF.

- :func:`save_html` writes ONE web page, the player: the explorer's renderer
  (``static/explorer.js`` and its CSS, the same the live explorer draws with)
  inlined, with runs computed beforehand (by default K = 1 to 10 and three
  seeds for one data set), so K and the seed still change with no kernel and no
  network. It opens from disk (file://) in any modern browser, makes no network
  request, takes the explorer's keys (a presenter's clicker steps it), holds its
  last frame and fits any window: for a USB stick, or a slide.
- :func:`save_gif` writes a GIF drawn by matplotlib, for slide software that
  takes only pictures; :func:`animate` is the same frames as a matplotlib
  ``FuncAnimation``.

From the command line: ``python -m kmeans_teach animate --help``.

The views make the same choices as the explorer (``kmeans_teach.explorer``),
through the same code (``kmeans_teach._views``), so that a lecturer's live
demo and a GIF of it agree: a data set name is loaded as the explorer loads
it (with the lessons' data seed), k-means runs on every numeric column and two
are drawn, and the elbow curve is the data set's own (K = 1 to 10, five starts
each, seed 0), whatever the run's seed.

The GIF is drawn on figures that pyplot never sees (a ``Figure`` with an Agg
canvas), so building a view displays no stray static figure in a notebook and
changes no global matplotlib state. Every file is written to a temporary file
first and renamed into place when complete (``_files.write_replacing``).
"""

from __future__ import annotations

import argparse
import base64
import functools
import html
import json
import math
import numbers
import os
import sys
from pathlib import Path

import numpy as np

from . import datasets
from ._files import check_writable_target, write_replacing
from ._validation import (
    INITS,
    METRICS,
    check_flag,
    check_metric,
    count_distinct_rows,
    keywords_checked,
)
from ._views import (
    FIGSIZE,
    Run,
    data_set_elbow,
    elbow_message,
    load_drawn_data,
    run_message,
    trajectory_figure,
)
from .plotting import MARKERS, PALETTE, frame_figure, projector_style, step_status
from .steps import kmeans_steps

__all__ = [
    "FIGSIZE",
    "animate",
    "animate_main",
    "describe_gif",
    "player_page",
    "save_gif",
    "save_html",
    "show_player",
]

STATIC = Path(__file__).parent / "static"
#: What each writer writes, and the file name endings it takes.
_FORMATS = {"gif": (".gif",), "html": (".html", ".htm")}
#: Written into every GIF (as its comment) and web page (as its generator), so that a file
#: this module wrote can be replaced by a new run, and any other file is left alone.
SIGNATURE = "kmeans_teach animation"
#: Frames per second a GIF can have: browsers show at most 50, and a GIF frame lasts at
#: most 655 s (its delay is 16 bits of hundredths of a second; the last frame stays 4 times).
FPS_RANGE = (0.01, 50.0)
#: The player's speeds (static/explorer.js, SPEEDS); fps chooses the nearest.
PLAYER_SPEEDS = (0.5, 1, 2, 4, 8)
#: A page holds at most this many runs (the article data with 30 runs is about 0.3 MB).
PLAYER_MAX_RUNS = 200
#: How many seeds a page holds by default: the run's seed and the next ones.
PLAYER_SEEDS = 3


# --------------------------------------------------------------------------- the run


def _prepare(data, *, k, seed, init, columns, elbow, metric="euclidean", data_seed=None):
    """Check the options, load the data, run k-means and (optionally) the elbow curve."""
    check_flag(elbow, "elbow")
    data = load_drawn_data(data, columns, data_seed=data_seed)
    # kmeans_steps checks k, init, seed and metric when it is called, with its own clear errors.
    steps = kmeans_steps(data.X, k, init=init, seed=seed, metric=metric)
    _check_k_in_palette(k)
    steps = list(steps)
    curve, chosen = data_set_elbow(data.X) if elbow else (None, None)
    return Run.from_steps(
        data, steps, seed=seed, init=init, curve=curve, elbow=chosen, metric=metric
    )


def _check_k_in_palette(k):
    if k > len(PALETTE):
        # Beyond the palette, colours and markers repeat: clusters 11 and 1 would look the same.
        raise ValueError(
            f"k must be at most {len(PALETTE)} in an animation, got {k}: the pictures have "
            f"{len(PALETTE)} colours and markers, so more clusters could not be told apart."
        )


# --------------------------------------------------------------------------- drawing


@functools.cache
def _frame_canvas_class():
    """An Agg canvas that draws only when a frame is made, never "when idle".

    An animation asks for a redraw after every frame, for a window to show;
    off screen that would draw every frame twice.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class FrameCanvas(FigureCanvasAgg):
        def draw_idle(self, *args, **kwargs):
            pass

    return FrameCanvas


def _figure(run, dpi, lecture=False):
    """An off-screen figure showing `run` at step 0, and its TrajectoryFigure.

    With ``lecture``, the projector style (large type, thick lines) is in
    force while the figure is built and whenever it draws.
    """
    from matplotlib import rc_context

    style = projector_style() if lecture else {}
    with rc_context(style):
        return _styled_figure(run, dpi, style)


def _styled_figure(run, dpi, style):
    from matplotlib import rc_context

    # Not pyplot: a notebook never shows this figure by itself, and no global state changes.
    fig = frame_figure(figsize=FIGSIZE, dpi=dpi, layout="constrained")
    fig.style = style
    _frame_canvas_class()(fig)
    view = trajectory_figure(fig, run)
    # Lay the panels out once, for the step with the longest status line, and then freeze
    # the layout: recomputed for every frame, it would make the panels jump (and every
    # frame would cost two draws). No engine at all, not "none", which keeps a placeholder
    # that savefig still lays out for; the rc settings only stop None meaning "the default".
    longest = max(range(len(run.steps)), key=lambda i: len(step_status(run.steps[i])))
    view.show(longest)
    fig.canvas.draw()
    with rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    _fit_panel_titles(fig)
    fig.changing = view.changing_artists()  # from now on, a frame draws only these
    view.show(0)
    return fig, view


def _fit_panel_titles(fig):
    """Shrink a panel title that runs past the figure's edge or far over its neighbour.

    Layout engines give titles no width (a long one would squeeze its panel), so with
    large type a title can be cut off at the edge of the picture.
    """
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        slot = ax.get_position().transformed(fig.transFigure)
        for _ in range(12):
            box = ax.title.get_window_extent(renderer)
            if box.width <= 1.15 * slot.width and box.x0 >= 1 and box.x1 <= fig.bbox.width - 1:
                break
            ax.title.set_fontsize(0.92 * ax.title.get_fontsize())


def _frames(fig, view, n):
    """Yield the pixels of every frame, an (h, w, 4) uint8 array."""
    fig.forget_background()
    for index in range(n):
        view.show(index)
        fig.canvas.draw()
        yield np.asarray(fig.canvas.buffer_rgba()).copy()


def _check_positive(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {value!r}.")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}.")
    return value


@keywords_checked
def animate(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    interval=700,
    dpi=80,
    lecture=False,
):
    """A matplotlib animation of a k-means run, one frame per step (the GIF's frames).

    The frames show the explorer's picture: the data coloured by cluster with
    the centroids, the inertia after every half step, and the elbow curve,
    with what the step did written above the scatter.

    Parameters
    ----------
    data : str, pandas.DataFrame or array-like of shape (n, d), default "article"
        A data set name (see ``kmeans_teach.datasets.names()``; loaded with the
        data seed the lessons use, as in the explorer), or your own numeric
        data. k-means runs on every numeric column.
    k : int, default 4
        Number of clusters, at most 10 (the palette's colours and markers).
    seed : int, numpy.random.Generator or None, default 2021
        The run seed: it seeds only the start of k-means (the initialisation),
        never the data, since a data set name always gives the same data. The
        same seed gives the same animation.
    init : str or array-like of shape (k, d), default "k-means++"
        One of ``"random-partition"``, ``"forgy"``, ``"k-means++"``,
        ``"farthest-point"``, or the starting centroids.
    columns : sequence of two column names or positions, optional
        The two columns to draw; the first two by default. They choose only
        what is drawn: k-means still uses every numeric column. With more than
        two columns the regions are not shaded (in the plane they are not the
        clusters' regions) and the title says that two columns are drawn.
    elbow : bool, default True
        Add the data set's elbow curve (K = 1 to 10, five starts each, seed 0:
        the explorer's) as a third panel.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        Straight-line distance (k-means) or city-block distance (k-medians).
    data_seed : int, optional
        The seed a data set name is generated with; by default the lessons' one
        (the title names any other). Only for a data set name.
    interval : float, default 700
        Milliseconds between frames when played.
    dpi : float, default 80
        Resolution of the frames (the figure is 12.5 x 5.6 inches, so 80 dpi
        gives 1000 x 448 pixels).
    lecture : bool, default False
        Large type and thick lines for a projector
        (:func:`kmeans_teach.plotting.projector_style`), as in
        ``explore(..., lecture=True)``. More dpi only adds pixels; this makes
        the text bigger against the picture.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        One frame per step; save it with
        ``anim.save("run.mp4")`` (with ffmpeg) or as a GIF with :func:`save_gif`
        (faster). For a player that steps with keys and needs no kernel, use
        :func:`save_html`.

    Raises
    ------
    ValueError, TypeError
        For an unknown data set (the message lists them), a bad column (the
        message lists the columns), k above the palette's 10 colours and
        markers (clusters could not be told apart), and every bad option
        ``kmeans_steps`` rejects, with its message.
    """
    _check_positive(interval, "interval")
    _check_positive(dpi, "dpi")
    check_flag(lecture, "lecture")
    run = _prepare(
        data,
        k=k,
        seed=seed,
        init=init,
        columns=columns,
        elbow=elbow,
        metric=metric,
        data_seed=data_seed,
    )
    return _animation(run, interval, dpi, lecture)


def _animation(run, interval, dpi, lecture=False):
    from matplotlib.animation import FuncAnimation

    fig, view = _figure(run, dpi, lecture)

    def first_frame():  # before every save or run: see plotting.frame_figure
        # A fresh background, so changes made to the figure between saves show.
        fig.forget_background()
        view.show(0)

    return FuncAnimation(
        fig,
        view.show,
        frames=range(len(run.steps)),
        init_func=first_frame,
        interval=interval,
        repeat_delay=3 * interval,  # a pause on the converged picture before it starts again
        blit=False,
        cache_frame_data=False,
    )


# --------------------------------------------------------------------------- files


def _output_path(path, suffixes, writer, overwrite, force_option="overwrite=True"):
    """`path` as a Path whose suffix is one of `suffixes`, in a folder that can be written to.

    An existing file is replaced only when this module wrote it (an earlier
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
    if path.exists() and not overwrite and not _is_our_animation(path):
        raise FileExistsError(
            f"{str(path)!r} already exists and is not an animation written by kmeans_teach; "
            f"name another file, or give {force_option} to replace it."
        )
    return path


def _is_our_animation(path):
    """True if the file at `path` is a GIF or web page that this module wrote."""
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


def _check_fps(fps, name="fps"):
    _check_positive(fps, name)
    low, high = FPS_RANGE
    if not low <= fps <= high:
        raise ValueError(f"{name} must be from {low} to {high:g} frames per second, got {fps!r}.")
    return fps


def _write_gif(run, path, fps, dpi, lecture):
    from PIL import Image

    fig, view = _figure(run, dpi, lecture)
    # Each frame gets its own 256-colour palette, as a GIF frame can have.
    frames = [
        Image.fromarray(pixels).convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE)
        for pixels in _frames(fig, view, len(run.steps))
    ]
    duration = [round(1000 / fps)] * len(frames)
    duration[-1] *= 4  # a pause on the converged picture before the loop starts again

    def write(temporary):
        frames[0].save(
            temporary,
            format="GIF",
            save_all=True,
            append_images=frames[1:],
            duration=duration,
            loop=0,
            comment=SIGNATURE.encode(),
        )

    write_replacing(path, write)
    return len(frames)


@keywords_checked
def save_gif(
    path,
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    fps=1.5,
    dpi=80,
    lecture=False,
    overwrite=False,
):
    """Write the animation of a k-means run as a GIF (with Pillow) and return its path.

    For slide software that takes only pictures; :func:`save_html` writes the
    interactive player.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write; it must end in ``.gif``, and its folder must exist
        (``~`` stands for your home folder). It is the only file written, and
        it is written whole or not at all: a failure leaves an earlier file as
        it was. If it exists, it is replaced only when it is an animation that
        kmeans_teach wrote (so running a cell again renews it), or when
        ``overwrite`` is true.
    data, k, seed, init, columns, elbow, metric, data_seed
        As for :func:`animate` (``seed`` is the run seed, not the data's).
    fps : float, default 1.5
        Frames per second, from 0.01 to 50. The last frame stays four times as
        long, and then the GIF starts again.
    dpi : float, default 80
        Resolution (80 makes a 1000 x 448 pixel GIF).
    lecture : bool, default False
        Large type for a projector, as for :func:`animate`.
    overwrite : bool, default False
        Replace ``path`` even if it is some other file.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError
        If ``path`` exists, is not an animation that kmeans_teach wrote, and
        ``overwrite`` is false; nothing is written.
    ValueError, TypeError
        For a bad path (suffix, missing folder, a link to nowhere) and every
        option :func:`animate` rejects, before any work is done.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_gif(pathlib.Path(folder) / "blobs.gif", "blobs", k=4, seed=1, dpi=40)
    ...     path.name
    'blobs.gif'
    """
    _check_gif_options(fps, dpi, lecture, elbow)
    path = _output_path(path, _FORMATS["gif"], "save_gif", overwrite)
    options = dict(k=k, seed=seed, init=init, columns=columns, elbow=elbow, metric=metric)
    _save_gif(path, data, fps, dpi, lecture, data_seed=data_seed, **options)
    return path


def _check_gif_options(fps, dpi, lecture, elbow, option_prefix=""):
    """Checked before the path, so that a bad option is named before anything else."""
    _check_fps(fps, f"{option_prefix}fps")
    _check_positive(dpi, f"{option_prefix}dpi")
    check_flag(lecture, "lecture")
    check_flag(elbow, "elbow")


def _save_gif(path, data, fps, dpi, lecture, **options):
    """Run k-means on `data` and write its GIF to `path` (checked); the number of frames."""
    run = _prepare(data, **options)
    return _write_gif(run, path, fps, dpi, lecture)


@keywords_checked
def describe_gif(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
):
    """The text of the GIF that :func:`save_gif` writes with the same options.

    The run is computed again from the same options (it is seeded, so it is the same run),
    and described from its steps: what the frames show, how the run goes, and each frame's
    status line (see :func:`kmeans_teach.figure_text.describe_run`). Show the GIF with it::

        show_figure(save_gif(path, "blobs", k=4), describe_gif("blobs", k=4))

    Parameters
    ----------
    data, k, seed, init, columns, elbow, metric, data_seed
        As for :func:`save_gif`.

    Returns
    -------
    kmeans_teach.figure_text.FigureText
    """
    from .figure_text import describe_run

    run = _prepare(
        data,
        k=k,
        seed=seed,
        init=init,
        columns=columns,
        elbow=elbow,
        metric=metric,
        data_seed=data_seed,
    )
    return describe_run(
        run.data.drawn,
        run.drawn,
        labels=run.data.axis_labels,
        title=run.title,
        curve=run.curve,
        elbow=run.elbow,
    )


# --------------------------------------------------------------------------- the HTML player


@keywords_checked
def save_html(
    path,
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    ks=None,
    seeds=None,
    fps=2,
    lecture=False,
    overwrite=False,
):
    """Write the self-contained HTML player of a data set's runs and return its path.

    One file: the explorer's renderer and its style inlined, and every run it
    can show computed now. It opens from disk (file://) in any modern browser
    with no network, and makes no network request. It takes the explorer's
    keys (→ / Page Down step forward, ← / Page Up back, Space plays, Home and
    End), holds its last frame and fits its window. K and the seed change
    among the runs it holds; another run needs Python (:func:`kmeans_teach.explore`).

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write; it must end in ``.html`` or ``.htm``. Written whole or
        not at all, and an existing file is replaced only as :func:`save_gif` does.
    data, columns, metric, data_seed
        As for :func:`animate`.
    k : int, default 4
        The K shown first.
    seed : int, default 2021
        The run seed shown first.
    init : str, default "k-means++"
        The start method of every run.
    elbow : bool, default True
        Show the data set's elbow curve (a click on it chooses K).
    ks : sequence of int, optional
        The Ks the page holds; by default 1 to 10 (fewer if the data have fewer
        distinct points). Must include ``k``.
    seeds : sequence of int, optional
        The run seeds the page holds; by default ``seed`` and the two after it.
        Must include ``seed``.
    fps : float, default 2
        Steps per second when it plays (the nearest of 0.5, 1, 2, 4, 8; the page
        can change it).
    lecture : bool, default False
        Open in lecture mode (large type and controls; the page has a switch).
    overwrite : bool, default False
        Replace ``path`` even if it is some other file.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError, ValueError, TypeError
        As for :func:`save_gif`, and for Ks or seeds that are not whole numbers
        or leave out ``k`` or ``seed``, or more than 200 runs in all.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = pathlib.Path(folder) / "blobs.html"
    ...     path = save_html(page, "blobs", k=3, seed=1, ks=[3, 4], seeds=[1])
    ...     path.read_text(encoding="utf-8").count("<script")
    2
    """
    _check_player_options(k, fps, lecture, elbow)
    path = _output_path(path, _FORMATS["html"], "save_html", overwrite)
    page = player_page(
        data,
        k=k,
        seed=seed,
        init=init,
        columns=columns,
        elbow=elbow,
        metric=metric,
        data_seed=data_seed,
        ks=ks,
        seeds=seeds,
        fps=fps,
        lecture=lecture,
    )
    write_replacing(path, lambda temporary: temporary.write_text(page, encoding="utf-8"))
    return path


@keywords_checked
def player_page(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    ks=None,
    seeds=None,
    fps=2,
    lecture=False,
):
    """The HTML player as text (what :func:`save_html` writes; the same options)."""
    _check_player_options(k, fps, lecture, elbow)
    metric = check_metric(metric)
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}.")
    drawn = load_drawn_data(data, columns, data_seed=data_seed)
    distinct = count_distinct_rows(drawn.X)
    ks = _whole_numbers(ks, "ks", range(1, min(len(PALETTE), distinct) + 1), must_hold=k)
    seeds = _whole_numbers(seeds, "seeds", range(seed, seed + PLAYER_SEEDS), must_hold=seed)
    for value in ks:
        _check_k_in_palette(value)
    if len(ks) * len(seeds) > PLAYER_MAX_RUNS:
        raise ValueError(
            f"{len(ks)} Ks times {len(seeds)} seeds is {len(ks) * len(seeds)} runs; a page "
            f"holds at most {PLAYER_MAX_RUNS}: give fewer ks or seeds."
        )
    curve, chosen = data_set_elbow(drawn.X) if elbow else (None, None)
    runs = {}
    for each_k in ks:
        for each_seed in seeds:
            # kmeans_steps checks k against the data (and everything else) with its own errors.
            steps = list(kmeans_steps(drawn.X, each_k, init=init, seed=each_seed, metric=metric))
            run = Run.from_steps(drawn, steps, seed=each_seed, init=init, metric=metric)
            message = _base64(run_message(run))
            runs[run.key] = _without_data(message)
            if (each_k, each_seed) == (k, seed):
                first, first_message = run, message
    page = {
        "data": {key: first_message[key] for key in _DATA_KEYS},
        "runs": runs,
        "first": first.key,
        "elbow": _base64(elbow_message(drawn.name, curve, chosen)) if elbow else {},
        "settings": {
            "palette": list(PALETTE),
            "markers": list(MARKERS),
            "lecture": lecture,
            "speed": min(PLAYER_SPEEDS, key=lambda speed: abs(speed - fps)),
            "step_index": 0,
        },
        "choices": {
            "data": [drawn.name],
            "inits": [init],
            "metrics": [metric],
            "kMin": min(ks),
            "kMax": max(ks),
            "seeds": seeds,
            "seedMax": max(seeds),
            "place": False,
        },
        "missing": (
            f"This page holds the runs for K = {_ranges(ks)} with seeds "
            f"{', '.join(map(str, seeds))} ({init} start): other runs need Python "
            "(kmeans_teach.explore)."
        ),
    }
    title = first.title.replace("\n", " ")
    return _PAGE.format(
        title=html.escape(title),
        # The page's heading, for a screen reader (the explorer shows the run's title).
        heading=html.escape(f"k-means, step by step ({drawn.name})"),
        signature=SIGNATURE,
        css=(STATIC / "explorer.css").read_text(encoding="utf-8"),
        # "</" could end the script element early; JSON allows "<\/" for it.
        page=json.dumps(page, separators=(",", ":")).replace("</", "<\\/"),
        script=(STATIC / "explorer.js").read_text(encoding="utf-8"),
    )


@keywords_checked
def show_player(data="article", *, height=820, **options):
    """The HTML player in a notebook's output: the page of :func:`player_page` in a frame.

    Parameters
    ----------
    data, **options
        As for :func:`save_html` (except ``path`` and ``overwrite``).
    height : int, default 820
        The frame's height in pixels (its width is the output's).

    Returns
    -------
    IPython.display.HTML
        Display it (the last line of a cell). It is the cell's output, so a notebook saved
        with its outputs plays it with no kernel.
    """
    from IPython.display import HTML

    if isinstance(height, bool) or not isinstance(height, numbers.Integral) or height < 200:
        raise ValueError(f"height must be a whole number of pixels, at least 200, got {height!r}.")
    page = player_page(data, **options)
    return HTML(
        f'<iframe srcdoc="{html.escape(page, quote=True)}" title="k-means player" '
        f'style="width: 100%; height: {int(height)}px; border: 0"></iframe>'
    )


def _check_player_options(k, fps, lecture, elbow):
    """The options of a page that are checked before anything else (the path included)."""
    _check_k_in_palette(k)
    _check_fps(fps)
    check_flag(lecture, "lecture")
    check_flag(elbow, "elbow")


#: What every run of a page shares (its data set's points), kept once in the page.
_DATA_KEYS = ("data_name", "n", "points", "axis_labels", "regions", "limits", "note")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{signature}">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
body {{ margin: 0; padding: 8px; background: #fff; }}
{css}
</style>
</head>
<body>
<main>
<h1 class="kt-visually-hidden">{heading}</h1>
<div id="kmeans-teach-player"></div>
</main>
<script type="application/json" id="kmeans-teach-runs">{page}</script>
<script type="module">
{script}
const page = JSON.parse(document.getElementById("kmeans-teach-runs").textContent);
// The player has the keys on load, and keeps them after a click beside it (static/src/keys.js).
mountPlayer(document.getElementById("kmeans-teach-player"), page);
</script>
</body>
</html>
"""


def _base64(message):
    """A message with its binary arrays as base64 text (a page holds text, not buffers)."""
    return {
        key: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
        for key, value in message.items()
    }


def _without_data(message):
    return {key: value for key, value in message.items() if key not in _DATA_KEYS}


def _whole_numbers(values, name, default, *, must_hold):
    """`values` (or `default`) as a sorted list of distinct whole numbers that holds `must_hold`."""
    if values is None:
        values = default
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a list of whole numbers, got {values!r}.")
    values = list(values)
    for value in values:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must hold whole numbers, got {value!r}.")
    values = sorted({int(value) for value in values})
    if must_hold not in values:
        raise ValueError(f"{name} must include {must_hold} (the run shown first), got {values}.")
    return values


def _ranges(values):
    """[1, 2, 3, 5] as "1–3, 5"."""
    parts, start = [], values[0]
    for before, after in zip(values, [*values[1:], None]):
        if after != before + 1:
            parts.append(str(start) if start == before else f"{start}–{before}")
            start = after
    return ", ".join(parts)


# --------------------------------------------------------------------------- command line


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line instead of argparse's usage + exit
        raise _UsageError(message)


def _parser():
    epilog = (
        "data sets: " + ", ".join(datasets.names()) + "\n"
        "inits:     " + ", ".join(INITS) + "\n\n"
        "examples:\n"
        "  python -m kmeans_teach animate --data article --k 4 -o kmeans.gif\n"
        "  python -m kmeans_teach animate --data iris --columns 'petal length (cm)' "
        "'petal width (cm)' --k 3 -o iris.html\n"
        "      (k-means clusters iris on all 4 columns; the two petal columns are drawn)"
    )
    parser = _Parser(
        prog="python -m kmeans_teach animate",
        description=(
            "Write a k-means run for a lecture: a web page with the explorer's player (.html: "
            "opens from disk with no network; the keys and a presenter's clicker step it; K and "
            "the seed change among the runs it holds), or a GIF for slides (.gif)."
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", default="article", help="data set name (default: article)")
    parser.add_argument(
        "--k",
        type=int,
        default=4,
        help=f"number of clusters, at most {len(PALETTE)}: one colour and marker each (default: 4)",
    )
    parser.add_argument(
        "--init", default="k-means++", choices=INITS, help="initialisation (default: k-means++)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2021,
        help="the run seed: seeds only the start of k-means, not the data; a data set name "
        "always gives the same data (default: 2021)",
    )
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        metavar="SEED",
        help="html: the run seeds the page holds (default: --seed and the two after it)",
    )
    parser.add_argument(
        "--metric",
        default="euclidean",
        choices=METRICS,
        help="distance: euclidean (k-means) or manhattan (k-medians) (default: euclidean)",
    )
    parser.add_argument(
        "--columns",
        nargs=2,
        metavar=("X", "Y"),
        help="the two columns to draw (default: the first two); they choose only the "
        "picture: k-means always uses every numeric column",
    )
    parser.add_argument(
        "--no-elbow", dest="elbow", action="store_false", help="leave out the elbow curve"
    )
    parser.add_argument(
        "--fps",
        type=float,
        help="steps per second when it plays, from 0.01 to 50 (default: 1.5 for a GIF, 2 for html)",
    )
    parser.add_argument("--dpi", type=float, help="gif: resolution (default: 80)")
    parser.add_argument(
        "--lecture",
        action="store_true",
        help="large type and thick lines, for a projector (html: opens in lecture mode)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(_FORMATS),
        help="gif or html (default: from the suffix of -o, else gif)",
    )
    parser.add_argument(
        "-o",
        "--output",
        help="file to write, ending in .gif or .html (default: kmeans-DATA-kK.gif); "
        "an existing file is replaced only if it is an animation written by this command, "
        "or with --force",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file whatever it holds"
    )
    return parser


def _output_and_format(output, fmt):
    """The path to write and its format, from -o and --format."""
    if output is None:
        return None, fmt or "gif"
    path = Path(output)
    by_suffix = next((f for f, s in _FORMATS.items() if path.suffix.lower() in s), None)
    if fmt is None:
        if by_suffix is None:
            raise ValueError(
                f"Cannot tell the format of {output!r}: end it in .gif or .html, or give --format."
            )
        return path, by_suffix
    if by_suffix is None and not path.suffix:
        return path.with_suffix(_FORMATS[fmt][0]), fmt
    if by_suffix != fmt:
        raise ValueError(f"--format {fmt} does not match the output name {output!r}.")
    return path, fmt


@keywords_checked
def animate_main(argv):
    """``python -m kmeans_teach animate ...``: write a GIF or HTML animation; 0 or 2 on error."""
    parser = _parser()
    path = None
    try:
        options = parser.parse_args(argv)
    except _UsageError as error:
        print(f"{parser.prog}: error: {error} (see --help)", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help has been printed
        return done.code if isinstance(done.code, int) else 0

    try:
        path, fmt = _output_and_format(options.output, options.format)
        if fmt == "gif":
            _check_gif_options(
                1.5 if options.fps is None else options.fps,
                80 if options.dpi is None else options.dpi,
                options.lecture,
                options.elbow,
                option_prefix="--",
            )
        if path is None:
            path = Path(f"kmeans-{options.data}-k{options.k}{_FORMATS[fmt][0]}")
        path = _output_path(path, _FORMATS[fmt], f"--format {fmt}", options.force, "--force")
        run_options = dict(
            k=options.k,
            seed=options.seed,
            init=options.init,
            columns=options.columns,
            elbow=options.elbow,
            metric=options.metric,
        )
        if fmt == "gif":
            if options.seeds is not None:
                raise ValueError("--seeds is for an html page; a GIF shows one run (--seed).")
            fps = 1.5 if options.fps is None else options.fps
            dpi = 80 if options.dpi is None else options.dpi
            n_frames = _save_gif(path, options.data, fps, dpi, options.lecture, **run_options)
            done = f"{n_frames} frames"
        else:
            if options.dpi is not None:
                raise ValueError("--dpi is for a GIF; the html player draws at the screen's size.")
            save_html(
                path,
                options.data,
                seeds=options.seeds,
                fps=2 if options.fps is None else options.fps,
                lecture=options.lecture,
                overwrite=True,  # checked above, with --force
                **run_options,
            )
            done = "the player; open it in a browser"
    except (ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # always one line
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted; {path} was not written.", file=sys.stderr)
        return 130
    print(f"Wrote {path} ({done}).")
    return 0
