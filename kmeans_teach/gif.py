"""The GIF of a k-means run, for slide software that takes only pictures.

- :func:`save_gif` writes a GIF drawn by matplotlib, one frame per step, and
  :func:`describe_gif` gives its text alternative (from the same steps);
- :func:`animate` is the same frames as a matplotlib ``FuncAnimation``.

The frames show the explorer's picture through the same code (``kmeans_teach._views``), so
that a lecturer's live demo and a GIF of it agree: the data coloured by cluster with the
centroids, the objective after every half step, and the data set's elbow curve (K = 1 to 10,
five starts each, seed 0), whatever the run's seed.

The GIF is drawn on figures that pyplot never sees (a ``Figure`` with an Agg canvas), so
building one displays no stray static figure in a notebook and changes no global matplotlib
state. For the interactive page, see :mod:`kmeans_teach.player`.
"""

from __future__ import annotations

import functools

import numpy as np

from ._files import write_replacing
from ._offline import (
    FORMATS,
    SIGNATURE,
    check_fps,
    check_positive,
    output_path,
    prepare,
)
from ._validation import check_flag, keywords_checked
from ._views import FIGSIZE, trajectory_figure
from .plotting import frame_figure, projector_style, run_statuses

__all__ = ["FIGSIZE", "animate", "describe_gif", "save_gif"]


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
    statuses = run_statuses(run.steps, run.metric)
    longest = max(range(len(run.steps)), key=lambda i: len(statuses[i]))
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
        :func:`kmeans_teach.player.save_html`.

    Raises
    ------
    ValueError, TypeError
        For an unknown data set (the message lists them), a bad column (the
        message lists the columns), k above the palette's 10 colours and
        markers (clusters could not be told apart), and every bad option
        ``kmeans_steps`` rejects, with its message.
    """
    check_positive(interval, "interval")
    check_positive(dpi, "dpi")
    check_flag(lecture, "lecture")
    run = prepare(
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

    For slide software that takes only pictures; :func:`kmeans_teach.player.save_html` writes the
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
    path = output_path(path, FORMATS["gif"], "save_gif", overwrite)
    options = dict(k=k, seed=seed, init=init, columns=columns, elbow=elbow, metric=metric)
    _save_gif(path, data, fps, dpi, lecture, data_seed=data_seed, **options)
    return path


def _check_gif_options(fps, dpi, lecture, elbow, option_prefix=""):
    """Checked before the path, so that a bad option is named before anything else."""
    check_fps(fps, f"{option_prefix}fps")
    check_positive(dpi, f"{option_prefix}dpi")
    check_flag(lecture, "lecture")
    check_flag(elbow, "elbow")


def _save_gif(path, data, fps, dpi, lecture, **options):
    """Run k-means on `data` and write its GIF to `path` (checked); the number of frames."""
    run = prepare(data, **options)
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

    run = prepare(
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
        metric=run.metric,
    )
