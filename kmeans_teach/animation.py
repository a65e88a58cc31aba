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
  saved, it keeps working in JupyterLab after the kernel is shut down, and in
  an HTML export (``jupyter nbconvert --to html``) whose page can load the
  widget renderer (nbconvert's page fetches it from a public CDN). A notebook
  opened with "No Kernel" from the start shows no widgets at all: JupyterLab
  makes its widget manager only for a notebook with a kernel.

From the command line: ``python -m kmeans_teach animate --help``.

The views make the same choices as the explorer (``kmeans_teach.explorer``),
through the same code (``kmeans_teach._views``), so that a lecturer's live
demo and a GIF of it agree: a data set name is loaded as the explorer loads
it, k-means runs on every numeric column and two are drawn, and the elbow
curve is the data set's own (K = 1 to 10, five starts each, seed 0), whatever
the run's seed.

The drawing happens on figures that pyplot never sees (a ``Figure`` with an
Agg canvas), so building a view displays no stray static figure in a notebook
and changes no global matplotlib state. ipywidgets is imported only by
:func:`frame_stack`.
"""

from __future__ import annotations

import argparse
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
from ._validation import INITS, check_flag
from ._views import FIGSIZE, Run, data_set_elbow, load_drawn_data, trajectory_figure
from .plotting import PALETTE, frame_figure, projector_style, step_status
from .steps import kmeans_steps

__all__ = ["FIGSIZE", "animate", "animate_main", "frame_stack", "save_gif", "save_html"]

#: Colours kept in a frame-stack PNG: plenty for 10 clusters with their tints
#: and the anti-aliased edges, and it makes each frame about 3 times smaller.
PNG_COLOURS = 128
#: What each writer writes, and the file name endings it takes.
_FORMATS = {"gif": (".gif",), "html": (".html", ".htm")}
#: Written into every GIF (as its comment) and web page (as its generator), so that a file
#: this module wrote can be replaced by a new run, and any other file is left alone.
SIGNATURE = "kmeans_teach animation"


# --------------------------------------------------------------------------- the run


def _prepare(data, *, k, seed, init, columns, elbow):
    """Check the options, load the data, run k-means and (optionally) the elbow curve."""
    data = load_drawn_data(data, columns)
    # kmeans_steps checks k, init and seed when it is called, with its own clear errors.
    steps = kmeans_steps(data.X, k, init=init, seed=seed)
    if k > len(PALETTE):
        # Beyond the palette, colours and markers repeat: clusters 11 and 1 would look the same.
        raise ValueError(
            f"k must be at most {len(PALETTE)} in an animation, got {k}: the pictures have "
            f"{len(PALETTE)} colours and markers, so more clusters could not be told apart."
        )
    steps = list(steps)
    curve, chosen = data_set_elbow(data.X) if elbow else (None, None)
    return Run.from_steps(data, steps, seed=seed, init=init, curve=curve, elbow=chosen)


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
    fig.changing = view.changing_artists()  # from now on, a frame draws only these
    view.show(0)
    return fig, view


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
    lecture=False,
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
        Show it in a notebook with ``IPython.display.HTML(anim.to_jshtml())``,
        or save it with
        ``anim.save("run.gif", writer=matplotlib.animation.PillowWriter(fps=2))``
        (:func:`save_gif` is faster). It has one frame per step.

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
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
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
    path = Path(path).expanduser()
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
    return f"<meta name='generator' content='{SIGNATURE}'>".encode() in start


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
    # The frames are kept in memory and `path` is written once, at the end: nothing else
    # is written, and a failure half way leaves no half-written file.
    frames[0].save(
        path,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=duration,
        loop=0,
        comment=SIGNATURE.encode(),
    )
    return len(frames)


def _write_html(run, path, fps, dpi, lecture):
    anim = _animation(run, 1000 / fps, dpi, lecture)
    player = anim.to_jshtml(fps=fps)  # renders in a temporary folder of its own
    title = " ".join(run.title.split("\n"))
    page = (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta name='generator' content='{SIGNATURE}'>\n"
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
    lecture=False,
    overwrite=False,
):
    """Write the animation of a k-means run as a GIF (with Pillow) and return its path.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write; it must end in ``.gif``, and its folder must exist
        (``~`` stands for your home folder). It is the only file written. If
        it exists, it is replaced only when it is an animation that
        kmeans_teach wrote (so running a cell again renews it), or when
        ``overwrite`` is true.
    data, k, seed, init, columns, elbow
        As for :func:`animate` (``seed`` is the run seed, not the data's).
    fps : float, default 1.5
        Frames per second. The last frame stays four times as long, and then
        the GIF starts again.
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
        For a bad path (suffix, missing folder) and every option
        :func:`animate` rejects.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_gif(pathlib.Path(folder) / "blobs.gif", "blobs", k=4, seed=1, dpi=40)
    ...     path.name
    'blobs.gif'
    """
    options = dict(k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    return _save("gif", path, data, fps, dpi, lecture, overwrite, options)


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
    lecture=False,
    overwrite=False,
):
    """Write the animation as a self-contained web page (``to_jshtml``) and return its path.

    Takes the same options as :func:`save_gif` (``lecture`` and ``overwrite``
    included); ``path`` must end in ``.html`` or ``.htm``. The page needs no
    server and nothing from the network: the frames are embedded as PNG images.

    Returns
    -------
    pathlib.Path
    """
    options = dict(k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    return _save("html", path, data, fps, dpi, lecture, overwrite, options)


def _save(fmt, path, data, fps, dpi, lecture, overwrite, options):
    """save_gif and save_html: check the path, write the animation there, return the path."""
    path = _output_path(path, _FORMATS[fmt], f"save_{fmt}", overwrite)
    _write(fmt, path, fps, dpi, data, lecture=lecture, **options)
    return path


def _write(fmt, path, fps, dpi, data, *, option_prefix="", lecture=False, **options):
    """Check fps and dpi, run k-means on `data` and write its animation; the number of frames.

    ``options`` (k, seed, init, columns, elbow) go to :func:`_prepare`; an
    error names fps and dpi with ``option_prefix`` ("--" on the command line).
    """
    _check_positive(fps, f"{option_prefix}fps")
    _check_positive(dpi, f"{option_prefix}dpi")
    check_flag(lecture, "lecture")
    run = _prepare(data, **options)
    write = _write_gif if fmt == "gif" else _write_html
    return write(run, path, fps, dpi, lecture)


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
    lecture=False,
):
    """Every frame of a k-means run pre-rendered, browsed with a slider: no kernel needed.

    Each step becomes one page of an ``ipywidgets.Stack``: the picture (a PNG
    in an ``ipywidgets.Image``) with its status line under it. A ``Play``
    button and an ``IntSlider`` choose the page through links made in the
    browser (``ipywidgets.jslink``), not in Python. So once the notebook is
    saved with its widget state (JupyterLab: Settings > Save Widget State
    Automatically), the panel still plays in JupyterLab after the kernel is
    shut down, and in an exported HTML page viewed online (the page loads the
    widget renderer from a public CDN). The PNGs live in that widget
    state, which is why they are small (low dpi, 128 colours).

    Parameters
    ----------
    data, k, seed, init, columns, elbow
        As for :func:`animate` (``seed`` is the run seed, not the data's).
    interval : float, default 700
        Milliseconds between frames when the play button runs.
    dpi : float, default 70
        Resolution of the frames (70 gives 875 x 392 pixels, about 20 kB each).
    lecture : bool, default False
        Large type for a projector, as for :func:`animate`.

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
    check_flag(lecture, "lecture")
    run = _prepare(data, k=k, seed=seed, init=init, columns=columns, elbow=elbow)
    n = len(run.steps)
    fig, view = _figure(run, dpi, lecture)
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
            "Write an animation of a k-means run, one frame per step, for slides: a GIF, "
            "or a web page with a player (play, pause, step)."
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
        "--columns",
        nargs=2,
        metavar=("X", "Y"),
        help="the two columns to draw (default: the first two); they choose only the "
        "picture: k-means always uses every numeric column",
    )
    parser.add_argument(
        "--no-elbow", dest="elbow", action="store_false", help="leave out the elbow curve"
    )
    parser.add_argument("--fps", type=float, default=1.5, help="frames per second (default: 1.5)")
    parser.add_argument("--dpi", type=float, default=80, help="resolution (default: 80)")
    parser.add_argument(
        "--lecture", action="store_true", help="large type and thick lines, for a projector"
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
            path = Path(f"kmeans-{options.data}-k{options.k}{_FORMATS[fmt][0]}")
        path = _output_path(path, _FORMATS[fmt], f"--format {fmt}", options.force, "--force")
        n_frames = _write(
            fmt,
            path,
            options.fps,
            options.dpi,
            options.data,
            option_prefix="--",
            lecture=options.lecture,
            k=options.k,
            seed=options.seed,
            init=options.init,
            columns=options.columns,
            elbow=options.elbow,
        )
    except (ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # always one line
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2
    print(f"Wrote {path} ({n_frames} frames).")
    return 0
