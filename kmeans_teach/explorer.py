"""The step-through explorer: controls -> one cached run -> the picture.

``explore()`` returns one ipywidgets widget. Its controls choose a run of
k-means (the data set, K, the seed and the start method); the run is computed
once, by :func:`kmeans_teach.kmeans_steps`, and kept. Everything else (the step
slider, the step buttons, Play) only picks a step from the kept list and
redraws it through :class:`kmeans_teach.plotting.TrajectoryFigure`, the same
picture the animations draw. Nothing re-runs k-means per frame.

Where the picture goes (``backend``):

- ``"ipympl"``: the figure's canvas is itself a widget (interactive, and the
  elbow curve can be clicked to choose K). Each frame updates the artists in
  place and asks the front end for a redraw (``draw_idle``); the front end
  then asks the kernel for the new pixels.
- ``"image"``: an ``ipywidgets.Image`` that gets a PNG per frame. It needs no
  front-end extension, so it also works where ipympl is missing.

Either way, the parts of the figure that stay the same for a run (axes, ticks,
legends, the inertia line, the elbow curve) are rendered once and their pixels
kept, so a frame only draws what the step changed: a tenth of the time of a
full render.
- ``None`` (the default) picks ipympl when it is installed and the code runs in
  a Jupyter kernel, and the image otherwise (scripts, tests).

The figure is made without pyplot, so re-running a cell never piles up figures
in pyplot's list, and nothing is shown twice.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import html
import importlib.util
import io
import itertools
import numbers
import sys
import warnings

import ipywidgets as widgets
import numpy as np

from . import datasets
from ._validation import INITS, check_data, count_distinct_rows
from .metrics import elbow_curve, find_elbow
from .plotting import TrajectoryFigure, projector_style
from .steps import kmeans_steps

__all__ = ["Explorer", "ExplorerWidget", "explore"]

#: The K slider's range, and the K of the elbow curve.
K_MIN, K_MAX = 1, 10
#: Starts per K on the elbow curve (its spread shows how much the start matters).
ELBOW_N_INIT = 5
#: The elbow curve belongs to the data set, not to the run, so it has a seed of its own.
ELBOW_SEED = 0
#: The elbow curve's silhouette is not drawn; it is averaged over a sample this big.
ELBOW_SILHOUETTE_SAMPLE = 300
SEED_MAX = 2**31 - 1
#: Fits a 1280 x 720 projector with a compact block of controls above it.
FIGSIZE = (12.5, 5.6)
DPI = 100
#: What the data set menu shows for an array or DataFrame given to explore().
YOUR_DATA = "your data"
BACKENDS = ("ipympl", "image")
#: Runs kept per explorer (a run of 10,000 points with int8 labels takes a few hundred kB).
RUN_CACHE_SIZE = 64
_FIGURE_NUMBERS = itertools.count(1)


def explore(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    backend=None,
    lecture=False,
):
    """Step through a k-means run: scatter, inertia trace and elbow curve, with controls.

    Parameters
    ----------
    data : str, array-like of shape (n, d) or pandas.DataFrame, default "article"
        A data set name (one of :func:`kmeans_teach.datasets.names`, which the
        data set menu then offers), or your own numeric data. k-means runs on
        all numeric columns; two of them are drawn.
    k : int, default 4
        Number of clusters, 1 to 10 (and at most the number of distinct points).
    seed : int, default 2021
        Seed of the start (0 to 2**31 - 1): the same seed gives the same run.
    init : {"k-means++", "random-partition", "forgy", "farthest-point"}, default "k-means++"
        How the first centroids are chosen.
    columns : sequence of two column names or positions, optional
        The two columns to draw; the first two by default. For a data set name
        they are used for that data set (and for others in the menu that have
        them).
    backend : {None, "ipympl", "image"}, default None
        Where the figure is drawn (see the module's description). None picks
        ipympl in a Jupyter kernel where it is installed, the image otherwise.
    lecture : bool, default False
        Large type for a projector (:func:`kmeans_teach.plotting.projector_style`).

    Returns
    -------
    ExplorerWidget
        An ``ipywidgets.VBox``; its ``explorer`` attribute is the :class:`Explorer`,
        which holds the controls, the figure and the kept runs.

    Raises
    ------
    TypeError, ValueError
        For a bad argument, with a message that names it.

    Examples
    --------
    >>> widget = explore("blobs", k=3, seed=1, backend="image")
    >>> explorer = widget.explorer
    >>> explorer.step_slider.value = 1  # the first assignment
    >>> explorer.status_line.value.startswith("Iteration 1 · assign")
    True
    >>> widget.close()
    """
    k = _check_k(k)
    seed = _check_seed(seed)
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}.")
    backend = _choose_backend(backend)
    if not isinstance(lecture, bool):
        raise TypeError(f"lecture must be True or False, got {lecture!r}.")
    explorer = Explorer(
        data, k=k, seed=seed, init=init, columns=columns, backend=backend, lecture=lecture
    )
    return explorer.widget


class ExplorerWidget(widgets.VBox):
    """The explorer as one widget: a VBox of controls, status line, message area and figure.

    Attributes
    ----------
    explorer : Explorer
        The controls, the figure and the kept runs.
    """

    def __init__(self, explorer, **kwargs):
        super().__init__(**kwargs)
        self.explorer = explorer

    def close(self):
        """Close every part of the explorer, its figure included."""
        self.explorer.close()
        super().close()


@dataclasses.dataclass(frozen=True, eq=False)
class _Data:
    """One data set as the explorer uses it."""

    name: str  # a registry name or YOUR_DATA
    X: np.ndarray  # (n, d): what k-means runs on
    columns: tuple  # positions of the two drawn columns in X
    axis_labels: tuple  # their names

    @property
    def drawn(self):
        return self.X[:, list(self.columns)]

    @property
    def regions_meaningful(self):
        # The shaded regions are the centroids' cells in the plane; they are
        # what k-means used only when the plane is the whole space.
        return self.X.shape[1] == 2


@dataclasses.dataclass(frozen=True, eq=False)
class _Run:
    """One k-means run, kept: the steps as yielded, and as drawn in the two columns."""

    data: _Data
    k: int
    seed: int
    init: str
    steps: list
    drawn: list
    curve: object  # pandas.DataFrame: the data set's elbow curve
    elbow: int | None


class Explorer:
    """The explorer's parts and state; made by :func:`explore`, which returns ``.widget``.

    Attributes
    ----------
    widget : ExplorerWidget
        What a notebook displays.
    data_menu, k_slider, seed_box, init_menu : ipywidgets controls
        Choose the run. Changing one computes that run once (then keeps it)
        and shows its first step.
    play, speed_slider, step_slider, back_button, forward_button : ipywidgets controls
        Choose the step shown; they only pick from the kept run.
    status_line : ipywidgets.Label
        What the step shown did (:func:`kmeans_teach.plotting.step_status`).
    message_area : ipywidgets.HTML
        Why a choice was refused (empty when all is well).
    figure_widget : ipympl Canvas or ipywidgets.Image
        The picture.
    fig : matplotlib.figure.Figure
    view : kmeans_teach.plotting.TrajectoryFigure
        The picture's artists: ``view.scatter`` (StepView), ``view.trace``,
        ``view.elbow``.
    run : object
        The run shown, with ``steps``, ``k``, ``seed``, ``init``, the data set's
        elbow ``curve`` and its ``elbow``.
    backend : {"ipympl", "image"}
    quick_frames : bool, default True
        Render a frame by drawing only the artists a step changes over kept
        pixels of the rest; False renders the whole figure for every frame.
    """

    def __init__(self, data, *, k, seed, init, columns, backend, lecture):
        self.backend, self.lecture = backend, lecture
        self._columns = columns
        self._own_data = not isinstance(data, str)  # an array or DataFrame: no menu
        self._data_sets = {}  # name -> _Data
        self._curves = {}  # data set name -> (elbow curve, elbow)
        self._runs = collections.OrderedDict()  # (data, k, seed, init) -> _Run, newest last
        self._layouts = {}  # data set name -> axes positions found by constrained layout
        self._quiet = False  # True while the explorer sets its own controls
        self._background = None  # (what it shows, the figure's pixels without the steps)
        self._generation = 0
        self.view = None
        #: Draw a frame as only the artists a step changes (see _draw_frame); False
        #: makes every frame a full render of the figure.
        self.quick_frames = True

        if isinstance(data, str):
            _check_data_name(data)
            name = data
            # Bad columns are an error at the call (for other data sets in the menu, the
            # columns fall back to the first two).
            self._data_sets[name] = _prepare_data(datasets.load(name), columns, name=name)
        else:
            name = YOUR_DATA
            self._data_sets[name] = _prepare_data(data, columns)
        # Compute the first run before making any widget: a bad argument raises here.
        run = self._run_for(name, k, seed, init)
        self._state = {"data": name, "k": k, "seed": seed, "init": init}

        self._make_controls(run)
        self.fig, self.figure_widget = self._make_figure()
        self.widget = ExplorerWidget(
            self,
            children=[
                widgets.HBox([self.data_menu, self.k_slider, self.seed_box, self.init_menu]),
                widgets.HBox(
                    [
                        self.play,
                        self.speed_slider,
                        self.back_button,
                        self.step_slider,
                        self.forward_button,
                    ]
                ),
                self.status_line,
                self.message_area,
                self.figure_widget,
            ],
            layout=widgets.Layout(width="fit-content", max_width="100%"),
        )
        self._show_run(run)

    # ----------------------------------------------------------------------------------------
    # Controls

    def _make_controls(self, run):
        wide = {"description_width": "initial"}
        user = self._own_data
        self.data_menu = widgets.Dropdown(
            options=[YOUR_DATA] if user else datasets.names(),
            value=self._state["data"],
            description="Data set",
            tooltip=(
                "The data you passed to explore()"
                if user
                else "Which points to cluster (kmeans_teach.datasets.describe() lists them)"
            ),
            disabled=user,
            style=wide,
            layout=widgets.Layout(width="250px"),
        )
        self.k_slider = widgets.IntSlider(
            value=run.k,
            min=K_MIN,
            max=K_MAX,
            description="Clusters K",
            tooltip="How many clusters k-means looks for",
            continuous_update=False,  # one run when the slider is let go, not one per tick
            style=wide,
            layout=widgets.Layout(width="310px"),
        )
        self.seed_box = widgets.BoundedIntText(
            value=run.seed,
            min=0,
            max=SEED_MAX,
            description="Random seed",
            tooltip="Picks the random start: the same seed always gives the same run",
            style=wide,
            layout=widgets.Layout(width="200px"),
        )
        self.init_menu = widgets.Dropdown(
            options=list(INITS),
            value=run.init,
            description="Start method",
            tooltip="How the first centroids are chosen",
            style=wide,
            layout=widgets.Layout(width="270px"),
        )
        last = len(run.steps) - 1
        self.play = widgets.Play(
            value=0,
            min=0,
            max=last,
            interval=500,
            description="Play",
            tooltip="Play the run, one step after another",
            show_repeat=False,
        )
        self.speed_slider = widgets.IntSlider(
            value=2,
            min=1,
            max=10,
            description="Speed (steps/s)",
            tooltip="How many steps Play shows per second",
            style=wide,
            layout=widgets.Layout(width="260px"),
        )
        self.back_button = widgets.Button(
            description="◀ Step back",
            tooltip="Show the step before this one",
            layout=widgets.Layout(width="120px"),
        )
        self.step_slider = widgets.IntSlider(
            value=0,
            min=0,
            max=last,
            description="Step",
            tooltip="Which step of the run to show: 0 is the start, then assign, update, ...",
            style=wide,
            layout=widgets.Layout(width="420px"),
        )
        self.forward_button = widgets.Button(
            description="Step forward ▶",
            tooltip="Show the next step",
            layout=widgets.Layout(width="130px"),
        )
        self.status_line = widgets.Label(
            value="",
            tooltip="What the step shown just did",
            style={"font_size": "22px" if self.lecture else "17px", "font_weight": "bold"},
        )
        self.message_area = widgets.HTML(value="", tooltip="Why a choice was not taken")

        # Play moves the step slider; the slider draws. Linked in Python, so it also
        # works where no front end runs (tests, nbval).
        self._play_link = widgets.link((self.play, "value"), (self.step_slider, "value"))
        self.speed_slider.observe(self._on_speed, "value")
        self._on_speed({"new": self.speed_slider.value})
        self.step_slider.observe(self._on_step, "value")
        self.back_button.on_click(lambda _: self._move(-1))
        self.forward_button.on_click(lambda _: self._move(+1))
        for control, key in (
            (self.data_menu, "data"),
            (self.k_slider, "k"),
            (self.seed_box, "seed"),
            (self.init_menu, "init"),
        ):
            control.observe(self._on_choice(key), "value")

    def _on_choice(self, key):
        def handler(change):
            if not self._quiet:
                self.choose(**{key: change["new"]})

        return handler

    def _on_speed(self, change):
        self.play.interval = int(round(1000 / change["new"]))

    def _on_step(self, change):
        if not self._quiet:
            self._render(change["new"])

    def _move(self, by):
        self.step_slider.value = min(max(self.step_slider.value + by, 0), self.step_slider.max)

    @contextlib.contextmanager
    def _setting_controls(self):
        """Set controls without their observers acting on it."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    # ----------------------------------------------------------------------------------------
    # Runs: computed once per (data, k, seed, init), then only indexed

    def choose(self, **change):
        """Show the run with some of data, k, seed, init changed, from its first step.

        The same as moving the controls. A choice that k-means refuses (a K
        larger than the number of distinct points, say) is not taken: the
        message area says why and the controls go back to the run shown.

        Returns
        -------
        bool
            Whether the choice was taken.
        """
        wanted = {**self._state, **change}
        try:
            run = self._run_for(wanted["data"], wanted["k"], wanted["seed"], wanted["init"])
        except (ValueError, TypeError) as error:
            self._refuse(change, error)
            return False
        self._state = wanted
        self.message_area.value = ""
        self._show_run(run)
        return True

    def _refuse(self, change, error):
        what = ", ".join(f"{_CONTROL_NAMES[key]} = {value}" for key, value in change.items())
        shown = self.run
        self.message_area.value = (
            '<div style="color:#882255; font-size:1.1em">'
            f"<b>⚠ Not changed to {html.escape(what)}:</b> {html.escape(str(error))} "
            f"Still showing {html.escape(shown.data.name)} with K = {shown.k}, "
            f"seed {shown.seed}, {html.escape(shown.init)}.</div>"
        )
        with self._setting_controls():
            self._set_choice_controls(shown)

    def _run_for(self, name, k, seed, init):
        key = (name, k, seed, init)
        if key in self._runs:
            self._runs.move_to_end(key)
            return self._runs[key]
        data = self._data_set(name)
        # Raises ValueError for a K the data cannot have (before any work is done).
        steps = list(kmeans_steps(data.X, k, init=init, seed=seed))
        curve, elbow = self._elbow_for(data)
        run = _Run(data, k, seed, init, steps, _drawn_steps(steps, data), curve, elbow)
        self._runs[key] = run
        if len(self._runs) > RUN_CACHE_SIZE:
            self._runs.popitem(last=False)
        return run

    def _data_set(self, name):
        if name not in self._data_sets:
            frame = datasets.load(name)
            try:
                data = _prepare_data(frame, self._columns, name=name)
            except (TypeError, ValueError):  # this data set lacks the columns asked for
                data = _prepare_data(frame, None, name=name)
            self._data_sets[name] = data
        return self._data_sets[name]

    def _elbow_for(self, data):
        if data.name not in self._curves:
            ks = range(K_MIN, min(K_MAX, count_distinct_rows(data.X)) + 1)
            options = {"n_init": ELBOW_N_INIT, "seed": ELBOW_SEED}
            try:
                # The picture shows no silhouette, so a small sample of it is enough (the
                # full one takes most of the time from 2,000 points on).
                curve = elbow_curve(
                    data.X, ks, silhouette_sample_size=ELBOW_SILHOUETTE_SAMPLE, **options
                )
            except ValueError:
                # A sample that missed a tiny cluster has too few clusters for a silhouette.
                curve = elbow_curve(data.X, ks, silhouette_sample_size=None, **options)
            elbow = find_elbow(curve) if len(ks) >= 3 else None
            self._curves[data.name] = (curve, elbow)
        return self._curves[data.name]

    @property
    def steps(self):
        """The steps of the run shown, as kmeans_steps yielded them."""
        return self.run.steps

    @property
    def index(self):
        """The index of the step shown."""
        return self.step_slider.value

    @property
    def step(self):
        """The step shown."""
        return self.run.steps[self.index]

    # ----------------------------------------------------------------------------------------
    # The picture

    def _make_figure(self):
        from matplotlib.figure import Figure

        # No pyplot: the figure lives as long as the widget, and pyplot's list of
        # figures (and its display hooks) never see it.
        fig = Figure(figsize=FIGSIZE, dpi=DPI)
        if self.backend == "ipympl":
            from ipympl.backend_nbagg import Canvas, FigureManager

            canvas = Canvas(fig)
            with warnings.catch_warnings():
                # ipympl's toolbar passes traitlets an argument it deprecates; not ours to fix.
                warnings.filterwarnings("ignore", category=DeprecationWarning, module="traitlets")
                FigureManager(canvas, next(_FIGURE_NUMBERS))  # numbers the (hidden) header
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.resizable = False
            canvas.mpl_connect("button_press_event", self._on_click)
            # The front end answers draw_idle() with a "draw" request; this answers it.
            canvas.handle_draw = self._handle_draw_request
            return fig, canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        width, height = (round(size * DPI) for size in FIGSIZE)
        image = widgets.Image(
            format="png",
            tooltip="The run, drawn as a picture",
            layout=widgets.Layout(width=f"{width}px", max_width="100%", height="auto"),
        )
        return fig, image

    def _style(self):
        if not self.lecture:
            return contextlib.nullcontext()
        import matplotlib

        return matplotlib.rc_context(projector_style())

    def _show_run(self, run):
        """Draw a new run from scratch and show its first step."""
        self.run = run
        fig = self.fig
        with self._style():
            fig.clear()
            view = TrajectoryFigure(
                fig,
                run.data.drawn,
                run.drawn,
                run.curve,
                elbow=run.elbow,
                labels=run.data.axis_labels,
                title=self._title(run),
            )
            if not run.data.regions_meaningful and view.scatter.regions is not None:
                view.scatter.regions.remove()
                view.scatter.regions = None
            if self.lecture:
                size = projector_style()["xtick.labelsize"]
                for ax in fig.axes:
                    ax.tick_params(labelsize=size)
            if self.backend == "ipympl" and view.elbow is not None:
                view.elbow.ax.set_title("Elbow curve · click a K to choose it")
            # The status has its own line above the figure, so the scatter's title
            # names the run and stays the same for all its steps.
            view.scatter.ax.set_title(self._title(run), fontsize="medium")
            self._lay_out(run.data.name)
            self._fit_titles()
        self._title_size = view.scatter.ax.title.get_fontsize()
        self.view = view
        self._generation += 1  # the kept background pixels belong to the previous run
        with self._setting_controls():
            self._set_choice_controls(run)
            self._set_step_controls(len(run.steps))
        self._render(0)

    def _lay_out(self, name):
        # Constrained layout is slow (a tenth of a second); the panels sit in the
        # same places for every run of a data set, so it runs once per data set.
        if name not in self._layouts:
            self.fig.set_layout_engine("constrained")
            self.fig.get_layout_engine().execute(self.fig)
            self.fig.set_layout_engine("none")  # frozen: frames never move the panels
            self._layouts[name] = [ax.get_position(original=True) for ax in self.fig.axes]
        for ax, position in zip(self.fig.axes, self._layouts[name]):
            ax.set_position(position)

    def _fit_titles(self):
        # Layout engines give titles no width (a long one would squeeze its panel), so
        # with large type a title can run past its panel or off the figure: shrink it.
        renderer = self.fig.canvas.get_renderer()
        right_edge = self.fig.bbox.width - 2
        for ax in self.fig.axes:
            slot = ax.get_position(original=True).transformed(self.fig.transFigure)
            for _ in range(8):
                box = ax.title.get_window_extent(renderer)
                if box.width <= 1.1 * slot.width and box.x1 <= right_edge:
                    break
                ax.title.set_fontsize(0.9 * ax.title.get_fontsize())

    def _set_choice_controls(self, run):
        self.data_menu.value = run.data.name
        self.k_slider.value = run.k
        self.seed_box.value = run.seed
        self.init_menu.value = run.init

    def _set_step_controls(self, n_steps):
        # Back to the first step first, then the new range (a shorter run would
        # otherwise clamp the value on the way).
        self.play.value = 0
        self.step_slider.value = 0
        self.play.max = n_steps - 1
        self.step_slider.max = n_steps - 1

    def _title(self, run):
        title = f"{run.data.name} · K = {run.k} · {run.init} start · seed {run.seed}"
        d = run.data.X.shape[1]
        if d > 2:
            title += f"\n(k-means used all {d} columns; two are drawn)"
        return title

    def _render(self, index):
        """Show step `index` of the run: update the artists in place, then draw."""
        view = self.view
        view.show(index)
        # show() writes the status into the title; it has its own line above the figure.
        view.scatter.ax.set_title(self._title(self.run), fontsize=self._title_size)
        self.status_line.value = view.status
        self.back_button.disabled = index <= 0
        self.forward_button.disabled = index >= len(view.steps) - 1
        if self.backend == "ipympl":
            self.fig.canvas.draw_idle()
        else:
            self.figure_widget.value = self._frame_png()

    def _changing_artists(self):
        """The artists a step changes, in the order a full draw paints them."""
        scatter = self.view.scatter
        regions = [] if scatter.regions is None else [scatter.regions]
        return [
            *regions,
            scatter.unassigned,
            *scatter.clusters,
            *scatter.ax.spines.values(),  # drawn over the points, under rings and stars
            scatter.changed,
            scatter.arrows,
            scatter.centroids,
            self.view.trace.current,
        ]

    def _draw_frame(self):
        """Render the step shown into the canvas's pixels, drawing only what a step changes.

        The figure without the changing artists (axes, ticks, legends, the inertia
        line, the elbow curve) is rendered once and its pixels kept; each frame
        starts from a copy of them and draws the changing artists on top. The
        kept pixels are rendered again whenever they may be stale: a new run,
        another figure size or dpi (ipympl on a high-resolution screen), or
        axis limits moved by ipympl's zoom and pan.
        """
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = self.fig.canvas
        artists = self._changing_artists()
        key = (
            self._generation,
            tuple(self.fig.bbox.bounds),
            tuple((*ax.get_xlim(), *ax.get_ylim()) for ax in self.fig.axes),
        )
        if self._background is None or self._background[0] != key:
            visible = [artist.get_visible() for artist in artists]
            for artist in artists:
                artist.set_visible(False)
            try:
                with self._style():
                    # Agg's own draw: ipympl's would also send this half-drawn picture.
                    FigureCanvasAgg.draw(canvas)
            finally:
                for artist, was_visible in zip(artists, visible):
                    artist.set_visible(was_visible)
            self._background = (key, canvas.copy_from_bbox(self.fig.bbox))
        canvas.restore_region(self._background[1])
        for artist in artists:
            if artist.get_visible():
                artist.axes.draw_artist(artist)

    def _frame_png(self):
        """The step shown as PNG bytes (the image backend)."""
        from PIL import Image

        if self.quick_frames:
            self._draw_frame()
        else:
            with self._style():
                self.fig.canvas.draw()
        with io.BytesIO() as png:
            # zlib's fastest level: about 100 kB a frame, in a third of the default's time.
            pixels = np.asarray(self.fig.canvas.buffer_rgba())
            Image.fromarray(pixels).save(png, format="png", compress_level=1)
            return png.getvalue()

    def _handle_draw_request(self, event):
        """ipympl: render the frame the front end asked for (after draw_idle), then send it.

        The same as ipympl's own handler (a full render, then the changed
        pixels to the front end), except that the render draws only the
        changing artists when ``quick_frames`` is on.
        """
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = self.fig.canvas
        canvas._png_is_old = True  # what ipympl's draw() sets: the pixels sent are stale
        try:
            if self.quick_frames and self.view is not None:
                self._draw_frame()
            else:
                FigureCanvasAgg.draw(canvas)
        finally:
            canvas.manager.refresh_all()

    def _on_click(self, event):
        """A click on the elbow curve chooses the nearest K."""
        view = self.view
        if view is None or view.elbow is None or event.inaxes is not view.elbow.ax:
            return
        toolbar = getattr(event.canvas, "toolbar", None)
        if event.xdata is None or event.button != 1 or str(getattr(toolbar, "mode", "")):
            return  # not a plain left click (the toolbar may be zooming or panning)
        ks = view.elbow.curve["k"].to_numpy()
        self.k_slider.value = int(ks[np.argmin(np.abs(ks - event.xdata))])

    def close(self):
        """Close the widgets (the figure goes with them). Closing twice does nothing."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        self._play_link.unlink()
        parts = [*self.widget.children[:2], *self.widget.children[0].children]
        parts += [*self.widget.children[1].children, *self.widget.children[2:]]
        toolbar = getattr(self.figure_widget, "toolbar", None)  # ipympl's toolbar widget
        for part in [*parts, *([toolbar] if toolbar is not None else [])]:
            part.close()


_CONTROL_NAMES = {"data": "data set", "k": "K", "seed": "seed", "init": "start method"}


def _drawn_steps(steps, data):
    """The steps with their centroids in the two drawn columns (the same steps for 2-D data)."""
    if data.columns == (0, 1) and data.X.shape[1] == 2:
        return steps
    chosen = list(data.columns)
    return [dataclasses.replace(step, centroids=step.centroids[:, chosen]) for step in steps]


# --------------------------------------------------------------------------------------------
# Checks at the call


def _check_k(k):
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be a whole number from {K_MIN} to {K_MAX}, got {k!r}.")
    if not K_MIN <= k <= K_MAX:
        raise ValueError(f"k must be from {K_MIN} to {K_MAX} (the K slider's range), got {k}.")
    return int(k)


def _check_seed(seed):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"seed must be a whole number from 0 to {SEED_MAX}, got {seed!r}: "
            "the explorer shows it in its seed box, so it cannot be None or a Generator."
        )
    if not 0 <= seed <= SEED_MAX:
        raise ValueError(f"seed must be from 0 to {SEED_MAX}, got {seed}.")
    return int(seed)


def _check_data_name(name):
    if name not in datasets.names():
        raise ValueError(
            f"Unknown data set {name!r}; choose one of: {', '.join(datasets.names())}, "
            "or pass an array or a DataFrame."
        )


def _choose_backend(backend):
    if backend is None or backend == "auto":
        has_ipympl = importlib.util.find_spec("ipympl") is not None
        return "ipympl" if has_ipympl and _in_kernel() else "image"
    if backend not in BACKENDS:
        raise ValueError(
            f"Unknown backend {backend!r}; choose None (automatic), 'ipympl' or 'image'."
        )
    if backend == "ipympl" and importlib.util.find_spec("ipympl") is None:
        raise ValueError(
            "backend='ipympl' needs the ipympl package (pip install ipympl); "
            "backend='image' works without it."
        )
    return backend


def _in_kernel():
    """True inside a Jupyter kernel (where a widget has a front end to talk to)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def _prepare_data(data, columns, *, name=YOUR_DATA):
    """Check the data and the two columns to draw; k-means gets every numeric column."""
    if hasattr(data, "dtypes") and hasattr(data, "columns"):  # a pandas DataFrame
        names = list(data.columns)
        numeric = [i for i, t in enumerate(data.dtypes) if getattr(t, "kind", "O") in "biuf"]
        _check_two_columns(len(numeric))
        X = check_data(data.iloc[:, numeric], name="data")
        labels = [str(names[i]) for i in numeric]
        drawn = (0, 1)
        if columns is not None:
            positions = _resolve_columns(columns, names)
            for position in positions:
                if position not in numeric:
                    raise ValueError(
                        f"column {names[position]!r} is not numeric; k-means runs on the "
                        f"numeric columns: {', '.join(labels)}."
                    )
            drawn = tuple(numeric.index(position) for position in positions)
    else:
        if data is None or isinstance(data, (numbers.Number, bytes)):
            raise TypeError(f"data must be a data set name, an array or a DataFrame, got {data!r}.")
        X = check_data(data, name="data")
        _check_two_columns(X.shape[1])
        labels = [f"column {i}" for i in range(X.shape[1])]
        drawn = _resolve_columns(columns, list(range(X.shape[1])))
    return _Data(name, X, drawn, (labels[drawn[0]], labels[drawn[1]]))


def _check_two_columns(d):
    if d < 2:
        raise ValueError(
            f"data has {d} numeric column(s); the explorer draws two, so it needs at least 2."
        )


def _resolve_columns(columns, names):
    """Positions (i, j) of two columns given by name or position; (0, 1) for None."""
    if columns is None:
        return (0, 1)
    if isinstance(columns, (str, bytes)):
        raise TypeError(
            f"columns must be two column names or positions, got the string {columns!r}."
        )
    try:
        columns = list(columns)
    except TypeError:
        raise TypeError(
            f"columns must be two column names or positions, got {columns!r}."
        ) from None
    if len(columns) != 2:
        raise ValueError(f"columns must name exactly two columns, got {len(columns)}: {columns!r}.")
    positions = []
    for column in columns:
        is_position = isinstance(column, numbers.Integral) and not isinstance(
            column, (bool, np.bool_)
        )
        if not isinstance(column, (bool, np.bool_)) and column in names:
            positions.append(names.index(column))
        elif is_position:
            if not -len(names) <= column < len(names):
                raise ValueError(
                    f"column position {column} is out of range: the data has {len(names)} columns."
                )
            positions.append(int(column) % len(names))
        else:
            raise ValueError(
                f"Unknown column {column!r}; the columns are: {', '.join(map(repr, names))}."
            )
    if positions[0] == positions[1]:
        raise ValueError(f"columns must be two different columns, got {columns!r}.")
    return tuple(positions)
