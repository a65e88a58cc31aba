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
  place, renders, and sends the changed pixels to the front end at once.
- ``"image"``: an ``ipywidgets.Image`` that gets a PNG per frame. It needs no
  front-end extension, so it also works where ipympl is missing.
- ``None`` (the default) picks ipympl when it is installed and the code runs in
  a Jupyter kernel, and the image otherwise (scripts, tests).

Either way, the parts of the figure that stay the same for a run (axes, ticks,
legends, the inertia line, the elbow curve) are rendered once and their pixels
kept, so a frame only draws what the step changed: a tenth of the time of a
full render (:func:`kmeans_teach.plotting.frame_figure`, as in the animations).

The figure is made without pyplot, so re-running a cell never piles up figures
in pyplot's list, and nothing is shown twice.
"""

from __future__ import annotations

import collections
import contextlib
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
from ._validation import INITS, check_flag
from ._views import (
    ELBOW_K_MAX,
    FIGSIZE,
    YOUR_DATA,
    Run,
    data_set_elbow,
    drawn_data,
    load_drawn_data,
    trajectory_figure,
)
from .plotting import frame_figure, projector_style
from .steps import kmeans_steps

__all__ = ["Explorer", "ExplorerWidget", "explore"]

#: The K slider's range: the Ks of the elbow curve.
K_MIN, K_MAX = 1, ELBOW_K_MAX
SEED_MAX = 2**31 - 1
DPI = 100
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
    check_flag(lecture, "lecture")
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
        Made by :func:`kmeans_teach.plotting.frame_figure`.
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
        self._data_sets = {}  # name -> _views.DrawnData
        self._curves = {}  # data set name -> (elbow curve, elbow)
        self._runs = collections.OrderedDict()  # (data, k, seed, init) -> _views.Run, newest last
        self._layouts = {}  # data set name -> axes positions found by constrained layout
        self._quiet = False  # True while the explorer sets its own controls
        self.view = None
        self._quick_frames = True
        self._front_end_drawn = False  # ipympl: has the front end asked for a picture yet?

        # Bad columns are an error at the call (for other data sets in the menu, the
        # columns fall back to the first two).
        first = load_drawn_data(data, columns)
        name = first.name
        self._data_sets[name] = first
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
        user = self._own_data
        self.data_menu = _control(
            widgets.Dropdown,
            "Data set",
            "The data you passed to explore()"
            if user
            else "Which points to cluster (kmeans_teach.datasets.describe() lists them)",
            "250px",
            options=[YOUR_DATA] if user else datasets.names(),
            value=self._state["data"],
            disabled=user,
        )
        self.k_slider = _control(
            widgets.IntSlider,
            "Clusters K",
            "How many clusters k-means looks for",
            "310px",
            value=run.k,
            min=K_MIN,
            max=K_MAX,
            continuous_update=False,  # one run when the slider is let go, not one per tick
        )
        self.seed_box = _control(
            widgets.BoundedIntText,
            "Random seed",
            "Picks the random start: the same seed always gives the same run",
            "200px",
            value=run.seed,
            min=0,
            max=SEED_MAX,
        )
        self.init_menu = _control(
            widgets.Dropdown,
            "Start method",
            "How the first centroids are chosen",
            "270px",
            options=list(INITS),
            value=run.init,
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
        self.speed_slider = _control(
            widgets.IntSlider,
            "Speed (steps/s)",
            "How many steps Play shows per second",
            "260px",
            value=2,
            min=1,
            max=10,
        )
        self.back_button = widgets.Button(
            description="◀ Step back",
            tooltip="Show the step before this one",
            layout=widgets.Layout(width="120px"),
        )
        self.step_slider = _control(
            widgets.IntSlider,
            "Step",
            "Which step of the run to show: 0 is the start, then assign, update, ...",
            "420px",
            value=0,
            min=0,
            max=last,
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
        run = Run.from_steps(data, steps, seed=seed, init=init, curve=curve, elbow=elbow)
        self._runs[key] = run
        if len(self._runs) > RUN_CACHE_SIZE:
            self._runs.popitem(last=False)
        return run

    def _data_set(self, name):
        if name not in self._data_sets:
            frame = datasets.load(name)
            try:
                data = drawn_data(frame, self._columns, name=name)
            except (TypeError, ValueError):  # this data set lacks the columns asked for
                data = drawn_data(frame, None, name=name)
            self._data_sets[name] = data
        return self._data_sets[name]

    def _elbow_for(self, data):
        if data.name not in self._curves:
            self._curves[data.name] = data_set_elbow(data.X)
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
        # No pyplot: the figure lives as long as the widget, and pyplot's list of
        # figures (and its display hooks) never see it.
        fig = frame_figure(figsize=FIGSIZE, dpi=DPI)
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
            # The front end asks for a picture of its own (on display, after a resize).
            canvas.handle_draw = self._handle_draw_request
            return fig, canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        width, height = (round(size * DPI) for size in FIGSIZE)
        # No tooltip: ipywidgets 8.1's front end fails to draw an Image that has one
        # (its tooltip code reads a description, which an Image lacks).
        image = widgets.Image(
            format="png",
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
            # The status has its own line above the figure, so the scatter's title
            # names the run and stays the same for all its steps.
            view = trajectory_figure(fig, run, status_in_title=False)
            if self.lecture:
                size = projector_style()["xtick.labelsize"]
                for ax in fig.axes:
                    ax.tick_params(labelsize=size)
            if self.backend == "ipympl" and view.elbow is not None:
                view.elbow.ax.set_title("Elbow curve · click a K to choose it")
            self._lay_out(run.data.name)
            self._fit_titles()
        self.view = view
        self._set_changing_artists()  # fig.clear() forgot the old run's, and its kept pixels
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

    def _render(self, index):
        """Show step `index` of the run: update the artists in place, then draw."""
        view = self.view
        view.show(index)
        self.status_line.value = view.status
        self.back_button.disabled = index <= 0
        self.forward_button.disabled = index >= len(view.steps) - 1
        if self.backend == "ipympl" and self._front_end_drawn:
            # draw() renders and sends the new pixels at once; draw_idle() would first
            # ask the front end to ask back for them, a round trip more per frame.
            with self._style():
                self.fig.canvas.draw()
        elif self.backend == "ipympl":
            # Until the front end has asked for a picture, it may not be shown or sized
            # yet: let it ask when it is ready.
            self.fig.canvas.draw_idle()
        else:
            self.figure_widget.value = self._frame_png()

    @property
    def quick_frames(self):
        """Whether a frame draws only the artists a step changes (see the class's description)."""
        return self._quick_frames

    @quick_frames.setter
    def quick_frames(self, on):
        self._quick_frames = bool(on)
        self._set_changing_artists()

    def _set_changing_artists(self):
        if self.view is not None:
            # An empty list makes every draw of the figure a full one.
            self.fig.changing = self.view.changing_artists() if self._quick_frames else ()

    def _frame_png(self):
        """The step shown as PNG bytes (the image backend)."""
        from PIL import Image

        with self._style():
            self.fig.canvas.draw()
        with io.BytesIO() as png:
            # zlib's fastest level: about 100 kB a frame, in a third of the default's time.
            pixels = np.asarray(self.fig.canvas.buffer_rgba())
            Image.fromarray(pixels).save(png, format="png", compress_level=1)
            return png.getvalue()

    def _handle_draw_request(self, event):
        """ipympl: render the frame the front end asked for, then send it.

        ipympl's own handler (a render, then the changed pixels to the front
        end), with the lecture style in force while the figure draws.
        """
        self._front_end_drawn = True
        with self._style():
            self.fig.canvas.draw()

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


def _control(widget_class, description, tooltip, width, **options):
    """A control with a label (never cut short), a tooltip and a width in pixels."""
    return widget_class(
        description=description,
        tooltip=tooltip,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
        **options,
    )


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
