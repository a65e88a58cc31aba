"""The live explorer: a k-means run drawn in the browser, new runs computed in the kernel.

``explore()`` returns one widget (an anywidget). The kernel runs
:func:`kmeans_teach.kmeans_steps`, the project's one k-means, when the data
set, K, the seed, the start or the metric changes, keeps the run, and sends it
to the page once, every array as a binary buffer (``_views.run_message``). The
page (``static/explorer.js``, the renderer the HTML player uses too) draws any
step of it by itself: stepping, scrubbing, Play and the centroids' glide need
no kernel, so they answer within a frame.

What the page asks for arrives as a message (``{"type": "choose", ...}``:
the new data set, data seed, K, seed, start, metric, or the starting centroids
placed with the mouse or the keys). Whatever it holds, the answer is a new run or a sentence in the
page's status line, never a traceback: the page cannot show one.

Saved with its widget state, a notebook shows the explorer with its run after
the kernel has gone (the state holds the run and the renderer).
"""

from __future__ import annotations

import collections
import itertools
import math
import numbers
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from . import datasets
from ._validation import INITS, METRICS, check_flag, check_metric, keywords_checked
from ._views import (
    ELBOW_K_MAX,
    GIVEN_START,
    YOUR_DATA,
    Run,
    data_set_elbow,
    elbow_message,
    lesson_data_seed,
    load_drawn_data,
    run_message,
)
from .plotting import EDGES, MARKERS, PALETTE, REGION_ALPHA, UNASSIGNED, UNASSIGNED_EDGE, _limits
from .steps import kmeans_steps

__all__ = ["ExplorerWidget", "explore"]

STATIC = Path(__file__).parent / "static"
#: The K slider's range: the Ks of the elbow curve, one palette colour and marker each.
K_MIN, K_MAX = 1, min(ELBOW_K_MAX, len(PALETTE))
SEED_MAX = 2**31 - 1
#: Runs kept per explorer (a run of 10,000 points takes a few hundred kB).
RUN_CACHE_SIZE = 64
#: The start the page offers for placing the centroids by clicks ("I'll choose").
CHOOSE = "choose"
#: What the page's choice may name, and what it means in the messages.
CHOICE_NAMES = {
    "data": "data set",
    "data_seed": "data seed",
    "k": "K",
    "seed": "seed",
    "init": "start",
    "metric": "metric",
}


@keywords_checked
def explore(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    backend=None,
    lecture=False,
    metric="euclidean",
    data_seed=None,
):
    """Step through a k-means run: scatter, inertia trace and elbow curve, with controls.

    The explorer is drawn in the browser. Click it (or reach it with Tab), then
    → or Page Down steps forward (a presenter's clicker sends those), ← or
    Page Up back, Space plays and pauses, Home and End go to the first and the
    last step. "I'll choose" as the start places the first centroids with
    clicks on the picture (or the keys), as many as K is to be, then "Start the
    run"; at the start step a centroid can be dragged, and the run starts again
    from where it is let go. A click on the elbow curve chooses K. "New data"
    draws the data set again from another data seed, which the page shows and
    takes typed in, so the same data can be shown again.

    Parameters
    ----------
    data : str, array-like of shape (n, d), pandas.DataFrame or drawdata.ScatterWidget, \
default "article"
        A data set name (one of :func:`kmeans_teach.datasets.names`, which the
        data set menu then offers), your own numeric data, or a drawing made
        with drawdata's ``ScatterWidget`` (its x and y). k-means runs on all
        numeric columns; two of them are drawn.
    k : int, default 4
        Number of clusters, 1 to 10 (and at most the number of distinct points).
    seed : int, default 2021
        Seed of the start (0 to 2**31 - 1): the same seed gives the same run.
    init : {"k-means++", "random-partition", "forgy", "farthest-point"}, default "k-means++"
        How the first centroids are chosen (the page also offers "I'll choose").
    columns : sequence of two column names or positions, optional
        The two columns to draw; the first two by default. For a data set name
        they are used for that data set (and for others in the menu that have
        them).
    backend : None
        Kept so that older notebooks still run: the explorer always draws in
        the browser. Any other value is refused with a message.
    lecture : bool, default False
        Lecture mode: type, controls, markers and lines 1.6 times larger, for a
        projector (the page has a switch for it too).
    metric : {"euclidean", "manhattan"}, default "euclidean"
        Straight-line distance (k-means) or city-block distance (k-medians).
    data_seed : int, optional
        The seed a data set name is generated with (0 to 2**31 - 1); by default
        the one the lessons use, so the explorer shows the lessons' points. The
        title names any other. A data set chosen from the menu is loaded with
        this one too; the page's "New data" and data seed box choose another.

    Returns
    -------
    ExplorerWidget
        One widget; display it (the last line of a cell) to see it.

    Raises
    ------
    TypeError, ValueError
        For a bad argument, with a message that names it.

    Examples
    --------
    >>> widget = explore("blobs", k=3, seed=1)
    >>> widget.run["k"], widget.steps[0].phase
    (3, 'init')
    >>> widget.choose(k=5)
    True
    >>> widget.close()
    """
    if backend is not None:
        raise ValueError(
            f"backend={backend!r}: the explorer now draws in the browser and has no backend "
            "to choose; leave backend out."
        )
    k = _check_k(k)
    seed = _check_seed(seed)
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}.")
    metric = check_metric(metric)
    check_flag(lecture, "lecture")
    return ExplorerWidget(
        data,
        k=k,
        seed=seed,
        init=init,
        metric=metric,
        columns=columns,
        data_seed=data_seed,
        lecture=lecture,
    )


class ExplorerWidget(anywidget.AnyWidget):
    """The explorer: one run of k-means drawn in the browser, and the controls to change it.

    Made by :func:`explore`. The traits are what the page and the kernel share:
    ``run`` (the run shown, see ``_views.run_message``, with the data seed
    ``data_seed``: None for your own data and Iris), ``elbow`` (its data
    set's elbow curve), ``step_index`` (the step the page shows), ``lecture``,
    ``speed`` (steps per second when playing) and ``message`` (why the last
    choice was refused); ``palette``, ``markers``, ``edges`` (the markers'
    outlines), ``unassigned`` (fill and outline) and ``region_alpha`` are
    plotting.py's, so the page draws as the figures do.
    """

    _esm = STATIC / "explorer.js"
    _css = STATIC / "explorer.css"

    palette = traitlets.List(list(PALETTE)).tag(sync=True)
    markers = traitlets.List(list(MARKERS)).tag(sync=True)
    edges = traitlets.List(list(EDGES)).tag(sync=True)
    unassigned = traitlets.List([UNASSIGNED, UNASSIGNED_EDGE]).tag(sync=True)
    region_alpha = traitlets.Float(REGION_ALPHA).tag(sync=True)
    choices = traitlets.Dict().tag(sync=True)
    run = traitlets.Dict().tag(sync=True)
    elbow = traitlets.Dict().tag(sync=True)
    step_index = traitlets.Int(0).tag(sync=True)
    speed = traitlets.Float(2.0).tag(sync=True)
    lecture = traitlets.Bool(False).tag(sync=True)
    message = traitlets.Dict().tag(sync=True)

    def __init__(self, data, *, k, seed, init, metric, columns, data_seed, lecture):
        self._columns = columns
        self._data_seed = data_seed  # None: each data set's lesson seed
        self._data_sets = {}  # (name, data seed) -> _views.DrawnData
        self._curves = {}  # (data set name, data seed) -> (elbow curve, elbow)
        self._runs = collections.OrderedDict()  # run key -> Run, newest last
        self._serials = itertools.count(1)
        first = load_drawn_data(data, columns, data_seed=data_seed)
        self._own_data = not isinstance(data, str)
        self._data_sets[first.name, first.seed] = first
        # The first run before the widget exists: a bad argument raises here, at the call.
        shown = self._run_for(first.name, first.seed, k, seed, init, metric)
        super().__init__(
            choices={
                "data": [YOUR_DATA] if self._own_data else list(datasets.names()),
                "inits": [*INITS, CHOOSE],
                "metrics": list(METRICS),
                "kMin": K_MIN,
                "kMax": K_MAX,
                "seedMax": SEED_MAX,
                # your own data has no data seed: the page offers no "New data" for it
                **({} if self._own_data else {"dataSeedMax": SEED_MAX}),
                "place": True,
            },
            lecture=lecture,
        )
        self._show(shown)
        self.on_msg(self._on_page_message)

    # ------------------------------------------------------------------------------ the run

    @property
    def shown(self):
        """The run shown (a ``_views.Run``: its data, steps, seed, start and metric)."""
        return self._shown

    @property
    def steps(self):
        """The steps of the run shown, as kmeans_steps yielded them."""
        return self._shown.steps

    @property
    def step(self):
        """The step the page shows."""
        return self._shown.steps[min(self.step_index, len(self._shown.steps) - 1)]

    @property
    def kept_runs(self):
        """How many runs the explorer keeps (at most RUN_CACHE_SIZE)."""
        return len(self._runs)

    def choose(self, **change):
        """Show another run, as the page's controls do, from its first step.

        Parameters
        ----------
        **change
            Any of ``data`` (a data set name), ``data_seed`` (the seed the data
            set is generated with; None, or a new ``data`` without it, for the
            explorer's own), ``k``, ``seed``, ``init`` (a start method, or
            "given" with ``centroids``), ``metric`` and ``centroids`` (K
            starting centroids in the two drawn columns, shape (k, 2)).

        Returns
        -------
        bool
            Whether the run changed; if not, ``message`` says why (as the page does).

        Raises
        ------
        TypeError
            For a keyword that is not one of those above (nothing else raises:
            a value k-means cannot use is refused in ``message``).
        """
        unknown = sorted(set(change) - {*CHOICE_NAMES, "centroids"})
        if unknown:
            raise TypeError(
                f"choose() got unknown keyword(s) {', '.join(unknown)}; it takes: "
                f"{', '.join([*CHOICE_NAMES, 'centroids'])}."
            )
        return self._choose(change)

    def _shown_choice(self):
        """The data set, data seed, K, seed, start and metric of the run shown."""
        shown = self._shown
        return {
            "data": shown.data.name,
            "data_seed": shown.data.seed,
            "k": shown.k,
            "seed": shown.seed,
            "init": shown.init_name,
            "metric": shown.metric,
        }

    def _choose(self, change):
        wanted = {**self._shown_choice(), "centroids": None, **change}
        if "data" in change and "data_seed" not in change:
            wanted["data_seed"] = None  # a data set from the menu: with the explorer's seed
        try:
            choice = self._checked_choice(wanted)
            run = self._run_for(*choice)
        except (TypeError, ValueError) as error:
            self._refuse(change, error)
            return False
        self._show(run)
        return True

    def _on_page_message(self, _widget, content, _buffers):
        """A request from the page. Nothing it holds may raise: the page shows no tracebacks."""
        try:
            if not isinstance(content, dict) or content.get("type") != "choose":
                return
            change = {key: content[key] for key in (*CHOICE_NAMES, "centroids") if key in content}
            self._choose(change)
        except Exception as error:  # noqa: BLE001 - whatever went wrong, the page says so
            self._say(f"That did not work ({type(error).__name__}: {error}); nothing changed.")

    def _checked_choice(self, wanted):
        """(data, data seed, k, seed, init, metric) from what was asked, or a ValueError."""
        name = wanted["data"]
        if name not in self.choices["data"]:
            raise ValueError(f"there is no data set {name!r} here.")
        data_seed = self._check_data_seed(name, wanted["data_seed"])
        k = _check_k(wanted["k"])
        seed = _check_seed(wanted["seed"])
        metric = check_metric(wanted["metric"])
        init = wanted["init"]
        if init == CHOOSE:
            init = GIVEN_START
        if init == GIVEN_START:
            init = self._given_start(self._data_set(name, data_seed), k, wanted["centroids"])
        elif init not in INITS:
            raise ValueError(
                f"there is no start method {init!r}; choose one of {', '.join(INITS)}."
            )
        return name, data_seed, k, seed, init, metric

    def _check_data_seed(self, name, data_seed):
        """The data seed data set `name` is loaded with (None: your own data's, which has none)."""
        if self._own_data:
            if data_seed is not None:
                raise ValueError("your own data has no data seed: only a data set has one.")
            return None
        if data_seed is None:
            return self._data_seed if self._data_seed is not None else lesson_data_seed(name)
        data_seed = _check_seed(data_seed, "data seed")
        if datasets._is_fixed(name) and data_seed != self._check_data_seed(name, None):
            raise ValueError(f"{name} is a fixed table: no data seed changes it.")
        return data_seed

    def _given_start(self, data, k, centroids):
        """The (k, d) starting centroids from K points in the two drawn columns of `data`."""
        shown = self._shown
        if centroids is None:
            if shown.init_name == GIVEN_START and shown.k == k and shown.data is data:
                return shown.steps[0].centroids  # the same start, with another metric or seed
            raise ValueError(f"place {k} centroids on the picture first.")
        try:
            placed = np.array(centroids, dtype=float)
        except (TypeError, ValueError):
            raise ValueError("the centroids placed are not pairs of numbers.") from None
        if placed.shape != (k, 2):
            raise ValueError(
                f"K = {k} needs {k} centroids, each an (x, y) pair; got {placed.shape}."
            )
        drawn = data.drawn
        (x0, x1), (y0, y1) = _limits(drawn[:, 0]), _limits(drawn[:, 1])
        inside = (
            np.isfinite(placed).all(axis=1)
            & (placed[:, 0] >= x0)
            & (placed[:, 0] <= x1)
            & (placed[:, 1] >= y0)
            & (placed[:, 1] <= y1)
        )
        if not inside.all():
            j = int(np.flatnonzero(~inside)[0])
            raise ValueError(
                f"centroid {j + 1} is outside the data's range "
                f"(x from {x0:.3g} to {x1:.3g}, y from {y0:.3g} to {y1:.3g})."
            )
        # In more than two columns, the columns not drawn start at the data's mean (or where
        # the shown start has them, when a centroid of it was dragged).
        if shown.data is data and shown.k == k:
            start = np.array(shown.steps[0].centroids, dtype=float)
        else:
            start = np.tile(data.X.mean(axis=0), (k, 1))
        start[:, list(data.columns)] = placed
        return start

    def _refuse(self, change, error):
        shown, now = self._shown, self._shown_choice()
        # The page sends every choice; the message names those that would have changed.
        what = ", ".join(
            f"{CHOICE_NAMES[key]} {value}"
            for key, value in change.items()
            if key in CHOICE_NAMES and value != now[key]
        )
        self._say(
            f"Not changed{' to ' + what if what else ''}: {error} "
            f"Still showing {shown.data.name}, K = {shown.k}, "
            f"{'chosen' if shown.init_name == GIVEN_START else shown.init_name} start."
        )

    def _say(self, text):
        # A serial number, so that the same refusal twice still reaches the page.
        self.message = {"text": " ".join(str(text).split()), "serial": next(self._serials)}

    def _run_for(self, name, data_seed, k, seed, init, metric):
        start = init if isinstance(init, str) else np.asarray(init, dtype=float).tobytes()
        key = (name, data_seed, k, seed, start, metric)
        if key in self._runs:  # a run seen before: no k-means, and it becomes the newest
            self._runs.move_to_end(key)
            return self._runs[key]
        data = self._data_set(name, data_seed)
        # Raises ValueError for a K the data cannot have, before any work is done.
        steps = list(kmeans_steps(data.X, k, init=init, seed=seed, metric=metric))
        curve, elbow = self._elbow_for(data)
        run = Run.from_steps(
            data, steps, seed=seed, init=init, curve=curve, elbow=elbow, metric=metric
        )
        self._runs[key] = run
        while len(self._runs) > RUN_CACHE_SIZE:
            self._runs.popitem(last=False)
        return run

    def _data_set(self, name, data_seed):
        if (name, data_seed) not in self._data_sets:
            try:
                data = load_drawn_data(name, self._columns, data_seed=data_seed)
            except (TypeError, ValueError):  # this data set lacks the columns asked for
                data = load_drawn_data(name, None, data_seed=data_seed)
            self._data_sets[name, data_seed] = data
        return self._data_sets[name, data_seed]

    def _elbow_for(self, data):
        key = (data.name, data.seed)
        if key not in self._curves:
            self._curves[key] = data_set_elbow(data.X)
        return self._curves[key]

    def _show(self, run):
        self._shown = run
        curve, elbow = self._elbow_for(run.data)
        # One message for all three, so the page draws the new run with its own elbow curve.
        data_seed = _offered_data_seed(run.data)
        message = run_message(run)
        message["data_seed"] = data_seed
        if run.data.seed_note:  # the same run on other data is another run to the page
            message["key"] += f"|data seed {run.data.seed}"
        with self.hold_sync():
            self.step_index = 0
            self.run = message
            if (self.elbow.get("data_name"), self.elbow.get("data_seed")) != (
                run.data.name,
                data_seed,
            ):
                self.elbow = {**elbow_message(run.data.name, curve, elbow), "data_seed": data_seed}
            self.message = {}

    def close(self):
        """Close the widget (and its layout) and let go of every kept run and data set."""
        # A widget refused in __init__ (a bad argument) is closed too, by ipywidgets' __del__,
        # before it has any of these: nothing of it to let go of then.
        for kept in ("_runs", "_curves", "_data_sets"):
            getattr(self, kept, {}).clear()
        layout = self.layout
        super().close()
        layout.close()


ExplorerWidget.__init__ = keywords_checked(ExplorerWidget.__init__)  # unknown keywords are listed


def _offered_data_seed(data):
    """The data seed the page shows for `data`: None for your own data and a fixed table."""
    if data.seed is None or datasets._is_fixed(data.name):
        return None
    return data.seed


# --------------------------------------------------------------------------------- checks


def _check_k(k):
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        if isinstance(k, float) and math.isfinite(k) and k == int(k):
            k = int(k)  # what a page sends for a whole number
        else:
            raise TypeError(f"k must be a whole number from {K_MIN} to {K_MAX}, got {k!r}.")
    if not K_MIN <= k <= K_MAX:
        raise ValueError(f"k must be from {K_MIN} to {K_MAX} (the K slider's range), got {k}.")
    return int(k)


def _check_seed(seed, what="seed"):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        if isinstance(seed, float) and math.isfinite(seed) and seed == int(seed):
            seed = int(seed)
        else:
            raise TypeError(
                f"{what} must be a whole number from 0 to {SEED_MAX}, got {seed!r}: "
                f"the explorer shows it in its {what} box, so it cannot be None or a Generator."
            )
    if not 0 <= seed <= SEED_MAX:
        raise ValueError(f"{what} must be from 0 to {SEED_MAX}, got {seed}.")
    return int(seed)
