"""Views of a k-means run that need no running kernel: an HTML animation, a GIF, a frame stack.

All three show the explorer's picture (``plotting.TrajectoryFigure``: the
scatter, the inertia trace and the elbow curve), one frame per step of
``kmeans_steps``, with the status of the step above the scatter. The run is
computed once; the frames only redraw it.

- :func:`animate` returns a matplotlib ``FuncAnimation``. Its ``to_jshtml()``
  is a self-contained player (play, pause, step, speed) that keeps working in
  a saved notebook, on nbviewer and in an exported HTML page.
- :func:`save_gif` writes a GIF, for slides and anything that shows images;
  :func:`save_html` writes the ``to_jshtml`` player as a web page.
- :func:`frame_stack` returns an ipywidgets panel: every frame pre-rendered
  as a PNG, one shown at a time, chosen by a slider and a play button that are
  linked in the browser (``jslink``). Once the notebook's widget state is
  saved, it works in JupyterLab and on nbviewer with no kernel at all.

From the command line: ``python -m kmeans_teach animate --help``.

The views make the same choices as the explorer (``kmeans_teach.explorer``),
so that a lecturer's live demo and a GIF of it agree: a data set name is
loaded as the explorer loads it, k-means runs on every numeric column and two
are drawn, and the elbow curve is the data set's own (K = 1 to 10, five starts
each, seed 0), whatever the run's seed.

The drawing happens on figures that pyplot never sees (a ``Figure`` with an
Agg canvas), so building a view displays no stray static figure in a notebook
and changes no global matplotlib state. ipywidgets is imported only by
:func:`frame_stack`.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import html
import io
import math
import numbers
import os
import sys
from pathlib import Path

import numpy as np

from . import datasets
from ._validation import INITS, check_data, count_distinct_rows
from .metrics import elbow_curve, find_elbow
from .plotting import TrajectoryFigure, step_status
from .steps import kmeans_steps

__all__ = ["FIGSIZE", "animate", "animate_main", "frame_stack", "save_gif", "save_html"]

#: Size of every view, in inches: the explorer's three panels side by side.
FIGSIZE = (12.5, 5.6)
#: The elbow curve: K = 1 ... ELBOW_K_MAX, ELBOW_N_INIT starts each, its own seed.
#: The same as the explorer's, so both show the same curve for a data set.
ELBOW_K_MAX, ELBOW_N_INIT, ELBOW_SEED = 10, 5, 0
#: Colours kept in a frame-stack PNG: plenty for 10 clusters with their tints
#: and the anti-aliased edges, and it makes each frame about 3 times smaller.
PNG_COLOURS = 128
YOUR_DATA = "your data"


# --------------------------------------------------------------------------- the run


@dataclasses.dataclass(frozen=True, eq=False)
class _Run:
    """One k-means run, ready to draw: everything a frame needs, computed once."""

    drawn: np.ndarray  # (n, 2): the two columns drawn
    steps: list  # as kmeans_steps yielded them
    shown: list  # the same steps, their centroids in the two drawn columns
    curve: object  # pandas.DataFrame from elbow_curve, or None
    elbow: int | None
    labels: tuple  # axis labels of the scatter
    title: str
    regions: bool  # shade the centroids' regions (only true to the run for 2-D data)


def _prepare(data, *, k, seed, init, columns, elbow):
    """Check the options, load the data, run k-means and (optionally) the elbow curve."""
    name, X, drawn, labels = _data(data, columns)
    # kmeans_steps checks k, init and seed, with its own clear errors.
    steps = list(kmeans_steps(X, k, init=init, seed=seed))
    k = steps[0].centroids.shape[0]
    shown = steps
    if drawn != (0, 1) or X.shape[1] != 2:
        shown = [dataclasses.replace(s, centroids=s.centroids[:, list(drawn)]) for s in steps]
    curve, chosen = None, None
    if elbow:
        ks = range(1, min(ELBOW_K_MAX, count_distinct_rows(X)) + 1)
        curve = elbow_curve(X, ks, n_init=ELBOW_N_INIT, seed=ELBOW_SEED)
        chosen = find_elbow(curve) if len(ks) >= 3 else None
    start = f"{init} start" if isinstance(init, str) else "given start"
    title = f"{name} · K = {k} · {start}"
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        title += f" · seed {seed}"
    if X.shape[1] > 2:
        title += f"\n(k-means used all {X.shape[1]} columns; two are drawn)"
    return _Run(X[:, list(drawn)], steps, shown, curve, chosen, labels, title, X.shape[1] == 2)


def _data(data, columns):
    """(name, X, drawn, labels): the data k-means runs on, and the two columns drawn.

    X holds every numeric column (a DataFrame's other columns are left out);
    drawn is the positions of the two drawn columns in X, labels their names.
    """
    if isinstance(data, str):
        # An unknown name: load's error lists the names.
        name, data = data, datasets.load(data)
    else:
        name = YOUR_DATA
    if hasattr(data, "dtypes") and hasattr(data, "columns"):  # a pandas DataFrame
        names = list(data.columns)
        numeric = [i for i, t in enumerate(data.dtypes) if getattr(t, "kind", "O") in "biuf"]
        _check_two_columns(len(numeric))
        X = check_data(data.iloc[:, numeric], name="data")
        drawn = (0, 1)
        if columns is not None:
            positions = _resolve_columns(columns, names)
            for position in positions:
                if position not in numeric:
                    raise ValueError(
                        f"Column {names[position]!r} is not numeric; k-means runs on the "
                        f"numeric columns: {', '.join(str(names[i]) for i in numeric)}."
                    )
            drawn = tuple(numeric.index(position) for position in positions)
        labels = tuple(str(names[numeric[i]]) for i in drawn)
    else:
        X = check_data(data, name="data")
        _check_two_columns(X.shape[1])
        drawn = _resolve_columns(columns, list(range(X.shape[1])))
        labels = tuple(f"column {i}" for i in drawn)
    return name, X, drawn, labels


def _check_two_columns(d):
    if d < 2:
        raise ValueError(f"data has {d} numeric column(s); the picture needs two (x and y).")


def _resolve_columns(columns, names):
    """Positions (i, j) of two columns given by name or position; (0, 1) for None."""
    if columns is None:
        return (0, 1)
    if isinstance(columns, (str, bytes)) or not hasattr(columns, "__iter__"):
        raise TypeError(
            f"columns must name exactly two columns (names or positions), got {columns!r}."
        )
    columns = list(columns)
    if len(columns) != 2:
        raise ValueError(f"columns must name exactly two columns, got {len(columns)}: {columns!r}.")
    positions = []
    for column in columns:
        is_flag = isinstance(column, (bool, np.bool_))
        if not is_flag and column in names:
            positions.append(names.index(column))
        elif not is_flag and isinstance(column, numbers.Integral):
            if not -len(names) <= column < len(names):
                raise ValueError(
                    f"Column position {column} is out of range: the data has {len(names)} columns."
                )
            positions.append(int(column) % len(names))
        else:
            raise ValueError(
                f"Unknown column {column!r}; the data has: {', '.join(map(repr, names))}."
            )
    if positions[0] == positions[1]:
        raise ValueError(f"columns must name two different columns, got {columns!r}.")
    return tuple(positions)


# --------------------------------------------------------------------------- drawing


@functools.cache
def _frame_classes():
    """The figure and canvas classes of the views (made once, when matplotlib is first needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.figure import Figure

    class FrameFigure(Figure):
        """A figure that redraws only the artists a step changes.

        Most of a full draw is text that is the same in every frame (ticks,
        labels, legends, the elbow curve). Once ``changing`` names the artists
        a step changes, the first draw paints everything else and keeps those
        pixels (the background); every draw then starts from a copy of the
        background and paints the changing artists on top, in the order a
        full draw paints them. The pixels are those of a full draw
        (tests/test_animation.py checks it), at a fraction of the cost, and it
        works for every way a frame is made: ``canvas.draw()``, ``savefig``,
        and so ``FuncAnimation.save`` and ``to_jshtml``.

        The background is drawn again when the size, resolution or face colour
        changes, and after ``forget_background()``, which the animation calls
        before each save, so changes made to the figure between saves show.
        """

        changing = ()

        def forget_background(self):
            self._background = None

        def draw(self, renderer):
            if (
                not self.changing
                or not isinstance(renderer, RendererAgg)
                or "draw_path" in vars(renderer)  # a dry run that only measures (tight bbox)
            ):
                return super().draw(renderer)
            key = (renderer.width, renderer.height, self.dpi, tuple(self.get_facecolor()))
            background = getattr(self, "_background", None)
            if background is None or background[0] != key:
                with _left_out(self.changing):
                    super().draw(renderer)
                background = self._background = (key, renderer.copy_from_bbox(self.bbox))
            renderer.restore_region(background[1])
            for artist in self.changing:
                artist.draw(renderer)  # an invisible artist draws nothing
            self.stale = False

    class FrameCanvas(FigureCanvasAgg):
        """An Agg canvas that draws only when a frame is made, never "when idle".

        An animation asks for a redraw after every frame, for a window to
        show; off screen that would draw every frame twice.
        """

        def draw_idle(self, *args, **kwargs):
            pass

    return FrameFigure, FrameCanvas


@contextlib.contextmanager
def _left_out(artists):
    """Leave `artists` out of the drawings made inside the block.

    A text is emptied rather than hidden: an axes places its title from the
    title's size, and a hidden text measures as an empty box at the origin,
    which would send the title off the top of the figure.
    """
    from matplotlib.text import Text

    saved = []
    for artist in artists:
        if isinstance(artist, Text):
            saved.append(artist.get_text())
            artist.set_text("")
        else:
            saved.append(artist.get_visible())
            artist.set_visible(False)
    try:
        yield
    finally:
        for artist, value in zip(artists, saved):
            if isinstance(artist, Text):
                artist.set_text(value)
            else:
                artist.set_visible(value)


def _figure(run, dpi):
    """An off-screen figure showing `run` at step 0, and its TrajectoryFigure."""
    from matplotlib import rc_context

    figure_class, canvas_class = _frame_classes()
    # Not pyplot: a notebook never shows this figure by itself, and no global state changes.
    fig = figure_class(figsize=FIGSIZE, dpi=dpi, layout="constrained")
    canvas_class(fig)
    view = TrajectoryFigure(
        fig, run.drawn, run.shown, run.curve, elbow=run.elbow, labels=run.labels, title=run.title
    )
    if not run.regions and view.scatter.regions is not None:
        # In more than two dimensions the regions in the plane are not the clusters' regions.
        view.scatter.regions.remove()
        view.scatter.regions = None
    # Lay the panels out once, for the step with the longest status line, and then freeze
    # the layout: recomputed for every frame, it would make the panels jump (and every
    # frame would cost two draws). No engine at all, not "none", which keeps a placeholder
    # that savefig still lays out for; the rc settings only stop None meaning "the default".
    longest = max(range(len(run.steps)), key=lambda i: len(step_status(run.steps[i])))
    view.show(longest)
    fig.canvas.draw()
    with rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    fig.changing = _changing_artists(view)
    view.show(0)
    return fig, view


def _changing_artists(view):
    """The artists a step changes, in the order a full draw paints them (as the explorer's)."""
    scatter = view.scatter
    regions = [] if scatter.regions is None else [scatter.regions]
    return [
        *regions,
        scatter.unassigned,
        *scatter.clusters,
        *scatter.ax.spines.values(),  # drawn over the points, under rings and stars
        scatter.changed,
        scatter.arrows,
        scatter.centroids,
        scatter.ax.title,  # the status line
        view.trace.current,
    ]


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


def animate(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    interval=700,
    dpi=80,
):
    """A matplotlib animation of a k-means run, one frame per step.

    The frames show the explorer's picture: the data coloured by cluster with
    the centroids, the inertia after every half step, and the elbow curve,
    with what the step did written above the scatter.

    Parameters
    ----------
    data : str, pandas.DataFrame or array-like of shape (n, d), default "article"
        A data set name (see ``kmeans_teach.datasets.names()``; loaded as
        ``datasets.load(name)`` does, as in the explorer), or your own numeric
        data. k-means runs on every numeric column.
    k : int, default 4
        Number of clusters.
    seed : int, numpy.random.Generator or None, default 2021
        Seed of the start: the same seed gives the same animation.
    init : str or array-like of shape (k, d), default "k-means++"
        One of ``"random-partition"``, ``"forgy"``, ``"k-means++"``,
        ``"farthest-point"``, or the starting centroids.
    columns : sequence of two column names or positions, optional
        The two columns to draw; the first two by default. With more than two
        columns the regions are not shaded (in the plane they are not the
        clusters' regions) and the title says that two columns are drawn.
    elbow : bool, default True
        Add the data set's elbow curve (K = 1 to 10, five starts each, seed 0:
        the explorer's) as a third panel.
    interval : float, default 700
        Milliseconds between frames when played.
    dpi : float, default 80
        Resolution of the frames (the figure is 12.5 x 5.6 inches, so 80 dpi
        gives 1000 x 448 pixels).

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Show it in a notebook with ``IPython.display.HTML(anim.to_jshtml())``,
        or save it with
        ``anim.save("run.gif", writer=matplotlib.animation.PillowWriter(fps=2))``
        (:func:`save_gif` is faster). It has one frame per step.

    Raises
    ------
    ValueError, TypeError
        For an unknown data set (the message lists them), a bad column (the
        message lists the columns), and every bad option ``kmeans_steps``
        rejects, with its message.
    """
    _check_positive(interval, "interval")
    _check_positive(dpi, "dpi")
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    return _animation(run, interval, dpi)


def _animation(run, interval, dpi):
    from matplotlib.animation import FuncAnimation

    fig, view = _figure(run, dpi)

    def first_frame():  # before every save or run: see FrameFigure
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


def _output_path(path, suffixes, writer):
    """`path` as a Path whose suffix is one of `suffixes`, in a folder that can be written to."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or Path), got {path!r}.")
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ValueError(
            f"{writer} writes {'/'.join(suffixes)} files, but {str(path)!r} ends in "
            f"{path.suffix or 'no suffix'}; name the file {path.stem}{suffixes[0]}."
        )
    folder = path.parent
    if path.is_dir():
        raise ValueError(f"Cannot write {str(path)!r}: it is a folder.")
    if not folder.is_dir():
        raise ValueError(f"Cannot write {str(path)!r}: the folder {str(folder)!r} does not exist.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(f"Cannot write {str(path)!r}: permission denied.")
    return path


def _write_gif(run, path, fps, dpi):
    from PIL import Image

    fig, view = _figure(run, dpi)
    # Each frame gets its own 256-colour palette, as a GIF frame can have.
    frames = [
        Image.fromarray(pixels).convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE)
        for pixels in _frames(fig, view, len(run.steps))
    ]
    duration = [round(1000 / fps)] * len(frames)
    duration[-1] *= 4  # a pause on the converged picture before the loop starts again
    # The frames are kept in memory and `path` is written once, at the end: nothing else
    # is written, and a failure half way leaves no half-written file.
    frames[0].save(
        path, format="GIF", save_all=True, append_images=frames[1:], duration=duration, loop=0
    )
    return len(frames)


def _write_html(run, path, fps, dpi):
    anim = _animation(run, 1000 / fps, dpi)
    player = anim.to_jshtml(fps=fps)  # renders in a temporary folder of its own
    title = " ".join(run.title.split("\n"))
    page = (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"<h1 style='font-family: sans-serif; font-size: 1.2em'>{html.escape(title)}</h1>\n"
        f"{player}\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return len(run.steps)


def save_gif(
    path,
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    fps=1.5,
    dpi=80,
):
    """Write the animation of a k-means run as a GIF (with Pillow) and return its path.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write; it must end in ``.gif``, and its folder must exist.
        It is the only file written (it is replaced if it exists).
    data, k, seed, init, columns, elbow
        As for :func:`animate`.
    fps : float, default 1.5
        Frames per second. The last frame stays four times as long, and then
        the GIF starts again.
    dpi : float, default 80
        Resolution (80 makes a 1000 x 448 pixel GIF).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_gif(pathlib.Path(folder) / "blobs.gif", "blobs", k=4, seed=1, dpi=40)
    ...     path.name
    'blobs.gif'
    """
    path = _output_path(path, (".gif",), "save_gif")
    _check_positive(fps, "fps")
    _check_positive(dpi, "dpi")
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    _write_gif(run, path, fps, dpi)
    return path


def save_html(
    path,
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    fps=1.5,
    dpi=80,
):
    """Write the animation as a self-contained web page (``to_jshtml``) and return its path.

    Takes the same options as :func:`save_gif`; ``path`` must end in
    ``.html`` or ``.htm``. The page needs no server and nothing from the
    network: the frames are embedded as PNG images.

    Returns
    -------
    pathlib.Path
    """
    path = _output_path(path, (".html", ".htm"), "save_html")
    _check_positive(fps, "fps")
    _check_positive(dpi, "dpi")
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    _write_html(run, path, fps, dpi)
    return path


# --------------------------------------------------------------------------- frame stack


def _render_pngs(fig, view, n):
    """Every frame as a small PNG, cut to a palette of PNG_COLOURS colours.

    The palette makes each frame about 3 times smaller than matplotlib's own
    PNG, with no visible change (matplotlib needs Pillow, so it is there).
    """
    from PIL import Image

    pngs = []
    for pixels in _frames(fig, view, n):
        with io.BytesIO() as png:
            image = Image.fromarray(pixels).convert("RGB").quantize(colors=PNG_COLOURS)
            image.save(png, format="png", optimize=True)
            pngs.append(png.getvalue())
    return pngs


def frame_stack(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    interval=700,
    dpi=70,
):
    """Every frame of a k-means run pre-rendered, browsed with a slider: no kernel needed.

    Each step becomes one page of an ``ipywidgets.Stack``: the picture (a PNG
    in an ``ipywidgets.Image``) with its status line under it. A ``Play``
    button and an ``IntSlider`` choose the page through links made in the
    browser (``ipywidgets.jslink``), not in Python. So once the notebook is
    saved with its widget state (JupyterLab: Settings > Save Widget State
    Automatically), the panel still plays in JupyterLab with no kernel, on
    nbviewer and in an exported HTML page. The PNGs live in that widget
    state, which is why they are small (low dpi, 128 colours).

    Parameters
    ----------
    data, k, seed, init, columns, elbow
        As for :func:`animate`.
    interval : float, default 700
        Milliseconds between frames when the play button runs.
    dpi : float, default 70
        Resolution of the frames (70 gives 875 x 392 pixels, about 20 kB each).

    Returns
    -------
    ipywidgets.VBox
        The controls above the stack. For tests and for your own layouts it
        also carries ``.play``, ``.slider``, ``.stack``, ``.images``,
        ``.captions`` and ``.links`` (the two ``jslink`` objects: play to
        slider, slider to stack).
    """
    import ipywidgets as widgets

    _check_positive(interval, "interval")
    _check_positive(dpi, "dpi")
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    n = len(run.steps)
    fig, view = _figure(run, dpi)
    pngs = _render_pngs(fig, view, n)

    images = [
        widgets.Image(value=png, format="png", layout=widgets.Layout(max_width="100%"))
        for png in pngs
    ]
    captions = [
        widgets.HTML(
            f"<b>Step {i} of {n - 1}</b> &middot; {html.escape(step_status(step))}",
            layout=widgets.Layout(margin="0 0 0 3em"),
        )
        for i, step in enumerate(run.steps)
    ]
    stack = widgets.Stack(
        [widgets.VBox([image, caption]) for image, caption in zip(images, captions)],
        selected_index=0,
    )
    play = widgets.Play(
        value=0, min=0, max=n - 1, step=1, interval=int(interval), description="Play"
    )
    slider = widgets.IntSlider(
        value=0,
        min=0,
        max=n - 1,
        step=1,
        description="Step",
        continuous_update=True,
        layout=widgets.Layout(width="32em"),
    )
    # Links made in the browser, stored with the widget state: they work without a kernel.
    links = (
        widgets.jslink((play, "value"), (slider, "value")),
        widgets.jslink((slider, "value"), (stack, "selected_index")),
    )
    heading = "<br>".join(html.escape(line) for line in run.title.split("\n"))
    panel = widgets.VBox([widgets.HTML(f"<b>{heading}</b>"), widgets.HBox([play, slider]), stack])
    panel.play, panel.slider, panel.stack = play, slider, stack
    panel.images, panel.captions, panel.links = images, captions, links
    return panel


# --------------------------------------------------------------------------- command line

_FORMATS = {"gif": (".gif",), "html": (".html", ".htm")}


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
        "'petal width (cm)' --k 3 -o iris.html"
    )
    parser = _Parser(
        prog="python -m kmeans_teach animate",
        description=(
            "Write an animation of a k-means run, one frame per step, for slides: a GIF, "
            "or a web page with a player (play, pause, step)."
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", default="article", help="data set name (default: article)")
    parser.add_argument("--k", type=int, default=4, help="number of clusters (default: 4)")
    parser.add_argument(
        "--init", default="k-means++", choices=INITS, help="initialisation (default: k-means++)"
    )
    parser.add_argument(
        "--seed", type=int, default=2021, help="seeds the data and the run (default: 2021)"
    )
    parser.add_argument(
        "--columns",
        nargs=2,
        metavar=("X", "Y"),
        help="the two columns to draw and cluster (default: the first two)",
    )
    parser.add_argument(
        "--no-elbow", dest="elbow", action="store_false", help="leave out the elbow curve"
    )
    parser.add_argument("--fps", type=float, default=1.5, help="frames per second (default: 1.5)")
    parser.add_argument("--dpi", type=float, default=80, help="resolution (default: 80)")
    parser.add_argument(
        "--format",
        choices=sorted(_FORMATS),
        help="gif or html (default: from the suffix of -o, else gif)",
    )
    parser.add_argument(
        "-o",
        "--output",
        help="file to write, ending in .gif or .html "
        "(default: kmeans-DATA-kK.gif, never replacing an existing file)",
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


def animate_main(argv):
    """``python -m kmeans_teach animate ...``: write a GIF or HTML animation; 0 or 2 on error."""
    parser = _parser()
    try:
        options = parser.parse_args(argv)
    except _UsageError as error:
        print(f"{parser.prog}: error: {error} (see --help)", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help has been printed
        return done.code if isinstance(done.code, int) else 0

    try:
        path, fmt = _output_and_format(options.output, options.format)
        if path is None:
            # A name the user did not give must not replace a file they have.
            path = Path(f"kmeans-{options.data}-k{options.k}{_FORMATS[fmt][0]}")
            if path.exists():
                raise ValueError(f"{path} already exists; name the output with -o to replace it.")
        path = _output_path(path, _FORMATS[fmt], f"--format {fmt}")
        _check_positive(options.fps, "--fps")
        _check_positive(options.dpi, "--dpi")
        run = _prepare(
            options.data,
            k=options.k,
            seed=options.seed,
            init=options.init,
            columns=options.columns,
            elbow=options.elbow,
        )
        write = _write_gif if fmt == "gif" else _write_html
        n_frames = write(run, path, options.fps, options.dpi)
    except (ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # always one line
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2
    print(f"Wrote {path} ({n_frames} frames).")
    return 0
