"""Pictures of k-means: one palette, and one way to draw a step, an elbow, an inertia trace.

Every view in the project (the notebooks' figures, the explorer, the
animations) draws through this module, so a cluster has the same colour and
marker everywhere. The views create their artists once and then update them
in place (``show``), and a figure made by ``frame_figure`` redraws only the
artists a step changes: that is what makes scrubbing and animation cheap.

Nothing here changes matplotlib's global settings; ``projector_style()``
returns settings to use with ``matplotlib.pyplot.rc_context`` when you want
large type for a projector.
"""

from __future__ import annotations

import contextlib
import functools
import numbers

import numpy as np

from ._contrast import blended, darkened
from ._geometry import nearest_centroid
from ._regions import voronoi_cells
from ._validation import (
    check_data,
    check_flag,
    check_metric,
    check_number,
    check_whole_number,
    keywords_checked,
)

#: Cluster colours: Paul Tol's colour-blind-safe "muted" scheme, then black.
PALETTE = (
    "#332288",  # indigo
    "#CC6677",  # rose
    "#117733",  # green
    "#DDCC77",  # sand
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#000000",  # black
)
#: Cluster markers, so clusters stay apart in grey scale and for every reader.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "<", ">")
#: How the inertia trace draws each kind of step: (phase, marker, legend name, filled).
#: Assign and update steps differ in shape and fill, so a student sees that both lower the
#: objective; the start (drawn only when it has an objective, i.e. after a random partition)
#: is a diamond, since the lessons call the filled circles assign steps.
TRACE_MARKERS = (
    ("init", "D", "start", True),
    ("assign", "o", "after assign", True),
    ("update", "s", "after update", False),
)
#: Points before their first assignment.
UNASSIGNED = "#AAAAAA"
#: How strongly each centroid's region is tinted with its cluster's colour, over white: light,
#: so that the points on it keep their contrast.
REGION_ALPHA = 0.13
#: The regions' tints as the eye sees them: each cluster's colour at REGION_ALPHA over white.
REGION_TINTS = tuple(blended(colour, REGION_ALPHA) for colour in PALETTE)
#: The contrast of every marker's outline against white. Some fills are pale (sand is 1.6:1
#: against white), so every point is drawn with an outline in a darker shade of its own colour:
#: 4.5:1 against white leaves more than 3:1 against every region's tint (WCAG 1.4.11 asks 3:1
#: of what a picture needs to be understood), and the shade keeps the cluster's hue, while the
#: markers' shapes keep the clusters apart for every reader and on a grey-scale projector.
EDGE_CONTRAST = 4.5
#: Each cluster's outline (see EDGE_CONTRAST); the dark colours are their own outline.
EDGES = tuple(darkened(colour, EDGE_CONTRAST) for colour in PALETTE)
#: The outline of the points not assigned yet.
UNASSIGNED_EDGE = darkened(UNASSIGNED, EDGE_CONTRAST)
#: Width of the points' outline, in points (matplotlib's unit; the explorer draws 1.2 px).
POINT_EDGE_WIDTH = 0.9
CENTROID_SIZE = 420
POINT_SIZE = 28


@keywords_checked
def cluster_colour(j):
    """Colour of cluster j (0-based); the palette repeats after 10 clusters."""
    return PALETTE[j % len(PALETTE)]


@keywords_checked
def cluster_edge(j):
    """Outline of cluster j's markers (0-based): its colour, darkened (see EDGE_CONTRAST)."""
    return EDGES[j % len(EDGES)]


@keywords_checked
def cluster_marker(j):
    """Marker of cluster j (0-based)."""
    return MARKERS[j % len(MARKERS)]


@keywords_checked
def projector_style(scale=1.6):
    """Matplotlib settings for a projector: bigger type and thicker lines.

    Use it for a block of cells or a whole notebook; nothing changes until you
    ask for it:

    >>> import matplotlib.pyplot as plt
    >>> with plt.rc_context(projector_style()):
    ...     pass  # draw here

    Parameters
    ----------
    scale : float, default 1.6
        How many times matplotlib's default sizes, between 0.25 and 10.

    Returns
    -------
    dict
        rcParams: font sizes, line widths and marker sizes.
    """
    scale = check_number(scale, "scale", low=0.25, high=10)
    base = 10 * scale
    return {
        "font.size": base,
        "axes.titlesize": base * 1.15,
        "axes.labelsize": base,
        "xtick.labelsize": base * 0.9,
        "ytick.labelsize": base * 0.9,
        "legend.fontsize": base * 0.85,
        "lines.linewidth": 1.5 * scale,
        "lines.markersize": 6 * scale,
    }


@keywords_checked
def objective_name(metric="euclidean"):
    """What a run minimises, in words: "inertia" (k-means) or "total distance" (k-medians).

    A k-medians run (``metric="manhattan"``) minimises the sum of plain L1 distances, which is
    no inertia (a sum of squared distances). The page says the same (static/src/description.js,
    ``objectiveName``).
    """
    return "total distance" if check_metric(metric) == "manhattan" else "inertia"


@keywords_checked
def step_status(step, *, total_iterations=None, metric="euclidean", last=False):
    """One line that says what a step did, for a status bar or a title.

    The objective is named for the run's ``metric`` (:func:`objective_name`). The last step
    of a run says why the run ended, once and briefly (a projector's status column is
    narrow): "no point changed cluster: converged", or "converged: the last update moved the
    centroids less than tol" (after which one closing assignment ends the run); or, when
    ``last`` and the run did not converge, that it stopped at ``max_iter``. The converged
    step's iteration number is the count of iterations (``total_iterations``, when given,
    replaces it there; every other step keeps its own).

    Examples
    --------
    "Iteration 3 · assign · 17 points changed cluster · inertia 412.7"
    "Iteration 7 · assign · no point changed cluster: converged · inertia 403.2"
    """
    objective = objective_name(metric)
    if step.phase == "init":
        if step.labels is None:
            text = "Start · centroids chosen · no point assigned yet"
        else:
            text = f"Start · random partition · {objective} {step.inertia:,.1f}"
    elif step.phase == "assign":
        # total_iterations counts the run's iterations on its closing line only, as it did when
        # that line said "converged after N iterations".
        last_count = step.converged and total_iterations is not None
        iteration = total_iterations if last_count else step.iteration
        if step.converged and step.n_changed == 0:
            moved = "no point changed cluster: converged"
        elif step.n_changed == 1:
            moved = "1 point changed cluster"
        else:
            moved = f"{step.n_changed:,} points changed cluster"
        text = f"Iteration {iteration} · assign · {moved} · {objective} {step.inertia:,.1f}"
    else:
        # Step.shift is the squared straight-line movement whatever the metric (the
        # tolerance rule is scikit-learn's, on squares), so a k-medians run says so.
        shift = "squared shift" if metric == "euclidean" else "squared straight-line shift"
        text = (
            f"Iteration {step.iteration} · update · centroids moved "
            f"(total {shift} {step.shift:,.3g}) · {objective} {step.inertia:,.1f}"
        )
        if step.reseeded:
            names = ", ".join(str(c + 1) for c in step.reseeded)
            text += f" · re-seeded empty cluster(s) {names}"
    if step.converged:
        if not (step.phase == "assign" and step.n_changed == 0):  # else said above
            text += " · converged: the last update moved the centroids less than tol"
    elif last and step.phase == "assign" and step.iteration > 1:
        # Only max_iter ends a run that has not converged; its closing assignment is
        # numbered one past it (see kmeans_steps).
        n = step.iteration - 1
        text += f" · stopped at max_iter ({n} iteration{'s' if n != 1 else ''}), not converged"
    return text


@keywords_checked
def run_statuses(steps, metric="euclidean"):
    """The status line of every step of a run (:func:`step_status`), the last one told so."""
    return [
        step_status(step, metric=metric, last=index == len(steps) - 1)
        for index, step in enumerate(steps)
    ]


def _limits(values, margin=0.06):
    low, high = float(np.min(values)), float(np.max(values))
    pad = (high - low) * margin or 0.5
    return low - pad, high + pad


class StepView:
    """A scatter of the data coloured by cluster, updated in place for each step.

    Draws the points (grey before the first assignment, then in their
    cluster's colour and marker, each with its darker outline, see
    ``EDGE_CONTRAST``), the centroids as large stars, the regions of the
    current centroids lightly shaded (euclidean ones as exact polygons, their
    Voronoi cells; manhattan ones on a fine grid), an arrow from each
    centroid's old to its new position on an update step, and a ring around
    the points that just changed cluster on an assign step.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (n, 2)
        The two columns to draw (the data k-means ran on, or two of its columns).
    k : int
        Number of clusters.
    labels : tuple of str, default ("x", "y")
        Axis labels (with units where the data has them).
    metric : {"euclidean", "manhattan"}, default "euclidean"
        Shapes the shaded regions.
    regions : bool, default True
        Shade each centroid's region.

    Raises
    ------
    ValueError
        When X is not (n, 2), k is not a whole number >= 1, labels does not
        name two axes or metric is unknown; :meth:`show` raises it for a step
        whose centroids are not (k, 2) or whose labels are not one per row of X.
    """

    @keywords_checked
    def __init__(self, ax, X, k, *, labels=("x", "y"), metric="euclidean", regions=True):
        _check_axes(ax)
        X = _checked_drawn_data(X)
        k = check_whole_number(k, "k", low=1)
        _check_axis_labels(labels)
        regions = check_flag(regions, "regions")
        self.ax, self.X, self.k, self.metric = ax, X, k, check_metric(metric)
        self.axis_labels = tuple(labels)
        self.step = self.previous = None  # what show() drew last, for describe()
        self.xlim, self.ylim = _limits(self.X[:, 0]), _limits(self.X[:, 1])
        ax.set_xlim(*self.xlim)
        ax.set_ylim(*self.ylim)
        ax.set_aspect("equal", adjustable="box")  # distances must look like distances
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])

        self.regions = None
        if regions and self.metric == "euclidean":
            # Polygons (_regions.py): the regions' edges where they truly are, at any size.
            from matplotlib.collections import PolyCollection

            self.regions = PolyCollection(
                [],
                facecolors=[REGION_TINTS[j % len(REGION_TINTS)] for j in range(self.k)],
                # An edge of the region's own colour closes the hairline seam that two
                # antialiased neighbours would leave between them.
                edgecolors="face",
                linewidths=0.3,
                zorder=0,
            )
            ax.add_collection(self.regions, autolim=False)
        elif regions:
            # Manhattan regions have bent edges: each cell of a fine grid takes its nearest.
            gx = np.linspace(*self.xlim, 160)
            gy = np.linspace(*self.ylim, 160)
            self._grid = np.column_stack([a.ravel() for a in np.meshgrid(gx, gy)])
            self.regions = ax.imshow(
                np.zeros((gy.size, gx.size, 4)),
                extent=(*self.xlim, *self.ylim),
                origin="lower",
                interpolation="nearest",
                zorder=0,
            )
            self._region_colours = np.array(
                [_rgba(cluster_colour(j), REGION_ALPHA) for j in range(self.k)]
            )

        self.unassigned = ax.scatter(
            [],
            [],
            s=POINT_SIZE,
            c=UNASSIGNED,
            marker="o",
            edgecolors=UNASSIGNED_EDGE,
            linewidths=POINT_EDGE_WIDTH,
            zorder=2,
            label="not assigned yet",
        )
        self.clusters = [
            ax.scatter(
                [],
                [],
                s=POINT_SIZE,
                facecolors=cluster_colour(j),
                edgecolors=cluster_edge(j),
                marker=cluster_marker(j),
                linewidths=POINT_EDGE_WIDTH,
                zorder=2,
                label=f"cluster {j + 1}",
            )
            for j in range(self.k)
        ]
        self.changed = ax.scatter(
            [],
            [],
            s=POINT_SIZE * 4,
            facecolors="none",
            edgecolors="black",
            linewidths=1.2,
            zorder=3,
            label="changed cluster",
        )
        self.arrows = ax.quiver(
            np.zeros(self.k),
            np.zeros(self.k),
            np.zeros(self.k),
            np.zeros(self.k),
            angles="xy",
            scale_units="xy",
            scale=1,
            width=0.006,
            color="black",
            zorder=4,
        )
        self.centroids = ax.scatter(
            np.zeros(self.k),
            np.zeros(self.k),
            s=CENTROID_SIZE,
            marker="*",
            c=[cluster_colour(j) for j in range(self.k)],
            edgecolors="black",
            linewidths=1.5,
            zorder=5,
            label="centroid",
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, frameon=False)

    @keywords_checked
    def show(self, step, previous=None):
        """Draw `step`; `previous` (the step before it) adds the arrows and rings."""
        self._check_step(step, "step")
        if previous is not None:
            self._check_step(previous, "previous")
        self.step, self.previous = step, previous
        labels = step.labels
        empty = np.empty((0, 2))
        if labels is None:
            self.unassigned.set_offsets(self.X)
            for scatter in self.clusters:
                scatter.set_offsets(empty)
        else:
            self.unassigned.set_offsets(empty)
            for j, scatter in enumerate(self.clusters):
                scatter.set_offsets(self.X[labels == j])

        just_changed = empty
        if step.phase == "assign" and previous is not None and previous.labels is not None:
            just_changed = self.X[labels != previous.labels]
        self.changed.set_offsets(just_changed)

        self.centroids.set_offsets(step.centroids)
        moved = step.phase == "update" and previous is not None
        self.arrows.set_visible(moved)
        if moved:
            start = previous.centroids
            self.arrows.set_offsets(start)
            self.arrows.set_UVC(*(step.centroids - start).T)

        if self.metric == "euclidean" and self.regions is not None:
            cells = voronoi_cells(step.centroids, self.xlim, self.ylim)
            # A centroid standing on an earlier one has no region: an empty triangle holds its
            # place, so the colours stay with their clusters.
            corner = np.array([[self.xlim[0], self.ylim[0]]] * 3)
            self.regions.set_verts([cell if len(cell) else corner for cell in cells])
        elif self.regions is not None:
            nearest, _ = nearest_centroid(
                self._grid, np.asarray(step.centroids, dtype=float), self.metric
            )
            image = self._region_colours[nearest].reshape(*self.regions.get_array().shape[:2], 4)
            self.regions.set_data(image)

    def describe(self):
        """The text of what the view shows now: a :class:`.figure_text.FigureText`.

        Says how many points there are in which clusters, where the centroids are, what
        changed on this step and the inertia (see :func:`.figure_text.describe_step`).
        """
        from .figure_text import describe_step

        if self.step is None:
            raise ValueError("The view shows no step yet: call show(step) first.")
        return describe_step(
            self.X,
            self.step,
            self.previous,
            labels=self.axis_labels,
            regions=self.regions is not None,
            metric=self.metric,
        )

    def _check_step(self, step, name):
        # A step from another run would otherwise fail deep inside numpy or matplotlib.
        _check_is_step(step, name)
        shape = np.shape(step.centroids)
        if shape != (self.k, 2):
            raise ValueError(
                f"{name} has centroids of shape {shape}, but this view draws k={self.k} "
                "clusters in two columns: shape (k, 2). Is it a step of another run, or of "
                "data with more columns (then pass its centroids in the two drawn columns)?"
            )
        if step.labels is not None and len(step.labels) != self.X.shape[0]:
            raise ValueError(
                f"{name} labels {len(step.labels)} points, but this view draws "
                f"{self.X.shape[0]}: it is a step of a run on other data."
            )


def _wrapped(line, width):
    """`line` broken at " · " (or spaces) into lines of at most `width` characters."""
    import textwrap

    parts, lines = line.split(" · "), []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, width) or [""])
    return "\n".join(lines)


def _checked_drawn_data(X):
    X = check_data(X)
    if X.shape[1] != 2:
        raise ValueError(
            f"StepView draws two columns, but X has {X.shape[1]}. Pass the two to draw "
            "(e.g. X[:, [0, 1]] or data[['a', 'b']]), and steps whose centroids are in "
            "those columns; with regions=False, as the plane's regions are not the clusters'."
        )
    return X


def _check_elbow_input(curve, elbow):
    from .metrics import check_curve

    check_curve(curve, ("k", "inertia", "inertia_worst"))
    check_whole_number(elbow, "elbow", low=1, none_allowed=True)


def _check_axes(ax):
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes (e.g. from plt.subplots()), got {type(ax).__name__}."
        )


def _check_axis_labels(labels):
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__") or len(labels) != 2:
        raise ValueError(
            f"labels names the two axes, e.g. ('x', 'y') or list(data.columns); got {labels!r}."
        )


def _check_is_step(step, name):
    from .steps import Step

    if not isinstance(step, Step):
        raise TypeError(f"{name} must be a Step (from kmeans_steps), got {type(step).__name__}.")


def _checked_steps(steps):
    """steps as a list of Steps of one run, or a clear error."""
    if isinstance(steps, (str, bytes)) or not hasattr(steps, "__iter__"):
        raise TypeError(f"steps must be the list of kmeans_steps(...), got {type(steps).__name__}.")
    steps = list(steps)
    if not steps:
        raise ValueError("steps is empty; pass the list of kmeans_steps(...) to draw.")
    for i, step in enumerate(steps):
        _check_is_step(step, f"steps[{i}]")
    if len({np.shape(step.centroids) for step in steps}) > 1:
        raise ValueError("steps mixes runs: their centroids have different shapes.")
    return steps


def _checked_index(index, n):
    """index as an int in range(-n, n) (a step of a run of n steps), or a clear error."""
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise TypeError(f"index must be a whole number (a step), got {index!r}.")
    if not -n <= index < n:
        raise ValueError(
            f"index must be between 0 and {n - 1} (the run has {n} steps), got {index}."
        )
    return int(index) % n


def _rgba(colour, alpha):
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def _ring(ax, size, **options):
    """An empty ring marker (a Line2D with no point yet) that marks where the run is."""
    (ring,) = ax.plot(
        [],
        [],
        marker="o",
        markersize=size,
        markerfacecolor="none",
        markeredgecolor="#CC6677",
        markeredgewidth=2.5,
        linestyle="none",
        **options,
    )
    return ring


class InertiaTraceView:
    """The objective after every half step, with the current step marked.

    Each kind of step has its marker (see ``TRACE_MARKERS``). :meth:`show`
    rings one step; the legend names the ring ("this step") only while it
    marks a point, so a still picture of the whole run has no such entry.

    Parameters
    ----------
    ax : matplotlib Axes
    steps : list of Step
        The run (from kmeans_steps), every step kept.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The run's distance, which names the objective on the y axis (:func:`objective_name`).
    """

    @keywords_checked
    def __init__(self, ax, steps, *, metric="euclidean"):
        _check_axes(ax)
        self.ax = ax
        self.steps = _checked_steps(steps)
        self.metric = check_metric(metric)
        self.index = None  # the step show() rings, for describe()
        index = np.arange(len(self.steps))
        inertia = np.array([s.inertia for s in self.steps])
        phases = np.array([s.phase for s in self.steps])
        ax.plot(index, inertia, color="0.55", linewidth=1.2, zorder=1)
        handles = []
        for phase, marker, name, filled in TRACE_MARKERS:
            chosen = (phases == phase) & np.isfinite(inertia)
            if chosen.any():
                handles.append(
                    ax.scatter(
                        index[chosen],
                        inertia[chosen],
                        marker=marker,
                        s=30,
                        zorder=2,
                        label=name,
                        facecolors="0.25" if filled else "white",
                        edgecolors="0.25",
                    )
                )
        self.current = _ring(ax, 13, label="this step", zorder=3)
        #: The ring's legend row (its handle and its text), shown only while the ring marks
        #: a step. The row keeps its place in the legend when hidden, so the other rows never
        #: move, and a frame can draw it over the kept background (see
        #: TrajectoryFigure.changing_artists).
        self.current_entry = ()
        if handles:  # else nothing has an objective yet: no point, no ring, no legend
            legend = ax.legend(
                handles=[*handles, self.current], loc="upper right", fontsize="small", frameon=False
            )
            self.current_entry = (legend.legend_handles[-1], legend.texts[-1])
            self._mark_entry(False)
        ax.set_xlabel("step (init, assign, update, ...)")
        ax.set_ylabel(objective_name(self.metric))
        ax.set_title("The objective after every half step")
        ax.set_xlim(-0.5, max(len(self.steps) - 0.5, 1.5))
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # steps are counted: no 2.5

    @keywords_checked
    def show(self, index):
        """Ring step `index`; a step with no objective (a start with no labels) gets no ring."""
        index = _checked_index(index, len(self.steps))
        self.index = index
        value = self.steps[index].inertia
        marked = bool(np.isfinite(value))
        if marked:
            self.current.set_data([index], [value])
        else:
            self.current.set_data([], [])
        self._mark_entry(marked)

    def _mark_entry(self, visible):
        for artist in self.current_entry:
            artist.set_visible(visible)

    def describe(self):
        """The text of the trace and its ring (see :func:`.figure_text.describe_trace`)."""
        from .figure_text import describe_trace

        return describe_trace(self.steps, self.index, metric=self.metric)


class ElbowView:
    """Inertia against K, with its spread over several starts, the elbow and the current K."""

    @keywords_checked
    def __init__(self, ax, curve, *, elbow=None):
        _check_axes(ax)
        _check_elbow_input(curve, elbow)
        self.ax, self.curve, self.elbow, self.k = ax, curve, elbow, None
        k = curve["k"].to_numpy()
        best = curve["inertia"].to_numpy()
        ax.fill_between(
            k,
            best,
            curve["inertia_worst"].to_numpy(),
            color="#88CCEE",
            alpha=0.45,
            linewidth=0,
            label="best to worst start",
        )
        ax.plot(k, best, marker="o", color="#332288", label="best of the starts")
        if elbow is None:
            ax.text(0.97, 0.95, "no clear elbow", transform=ax.transAxes, ha="right", va="top")
        else:
            ax.axvline(
                elbow, color="#117733", linestyle=":", linewidth=2, label=f"elbow: K = {elbow}"
            )
        self.current = _ring(ax, 15, label="current K")
        ax.set_xticks(k)
        ax.set_xlabel("K, the number of clusters")
        ax.set_ylabel("inertia")
        ax.set_title("Elbow curve")
        ax.legend(loc="upper right", fontsize="small", frameon=False, bbox_to_anchor=(1.0, 0.88))

    @keywords_checked
    def show(self, k):
        """Ring the curve at k (nothing when the curve has no such k)."""
        k = check_whole_number(k, "k", low=1)
        rows = self.curve[self.curve["k"] == k]
        self.k = None if rows.empty else k
        if rows.empty:
            self.current.set_data([], [])
        else:
            self.current.set_data([k], [rows["inertia"].iloc[0]])

    def describe(self):
        """The text of the curve, its elbow and its ring (see figure_text.describe_elbow)."""
        from .figure_text import describe_elbow

        return describe_elbow(self.curve, self.elbow, self.k)


class SilhouetteView:
    """A silhouette plot: every point's silhouette as a bar, one blade per cluster.

    The points of each cluster are drawn together, sorted, in the cluster's colour and
    outlined in its darker shade (``cluster_edge``), with a gap between the clusters; a
    dashed line marks the mean (the silhouette score). A long, thick blade is a good
    cluster; a short one, or bars below 0, a doubtful one.

    Parameters
    ----------
    ax : matplotlib Axes
    scores : array-like of shape (n,)
        Every point's silhouette (from :func:`~kmeans_teach.silhouette_samples`).
    labels : array-like of shape (n,)
        Every point's cluster, 0 to k - 1.
    title : str, default "Silhouette plot"
    """

    @keywords_checked
    def __init__(self, ax, scores, labels, *, title="Silhouette plot"):
        from .figure_text import _checked_silhouettes

        _check_axes(ax)
        self.ax = ax
        self.scores, self.labels = _checked_silhouettes(scores, labels)
        bottom, middles, names = 0, [], []
        gap = max(2, self.scores.size // 30)  # between the blades
        for j in range(int(self.labels.max()) + 1):
            blade = np.sort(self.scores[self.labels == j])
            ax.barh(bottom + np.arange(blade.size), blade, height=1.0, color=cluster_colour(j))
            # The blade's outline in the cluster's darker shade: a pale blade stands out too.
            edges = bottom - 0.5 + np.arange(blade.size + 1)
            ax.stairs(blade, edges, orientation="horizontal", baseline=0, color=cluster_edge(j))
            middles.append(bottom + blade.size / 2)
            names.append(f"cluster {j + 1}\n({blade.size} points)")
            bottom += blade.size + gap
        mean = self.scores.mean()
        ax.axvline(mean, color="black", linestyle="--", label=f"mean {mean:.2f}")
        ax.set_yticks(middles, names)
        ax.set_xlim(min(-0.1, self.scores.min() - 0.05), 1.0)
        ax.set_xlabel("silhouette s(i)")
        ax.set_ylabel("points, sorted within each cluster")
        ax.set_title(title)
        ax.legend(loc="lower right")

    def describe(self):
        """The text of the plot (see :func:`.figure_text.describe_silhouette`)."""
        from .figure_text import describe_silhouette

        return describe_silhouette(self.scores, self.labels)


class TrajectoryFigure:
    """The whole picture of one run: the scatter, the inertia trace and the elbow curve.

    The explorer and the animations both draw through this class, so what a
    lecturer projects live and what a GIF shows are the same picture.

    Parameters
    ----------
    fig : matplotlib Figure
        An empty figure; the three panels are laid out in it.
    X : ndarray of shape (n, 2)
        The two columns to draw.
    steps : list of Step
        The run (from kmeans_steps), every step kept.
    curve : pandas.DataFrame or None
        The elbow curve (from elbow_curve); None leaves that panel out.
    elbow : int or None
        The chosen elbow (from find_elbow), marked on the curve.
    labels : tuple of str
        Axis labels for the scatter.
    title : str
        Names the data set and K, shown above the scatter's status line.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        Shapes the shaded regions (see :class:`StepView`).
    regions : bool, default True
        Shade each centroid's region (see :class:`StepView`).
    status_in_title : bool, default True
        Write what the step did (``status``) under the title; False keeps the
        title the same for every step (for a view that shows the status elsewhere).
    """

    @keywords_checked
    def __init__(
        self,
        fig,
        X,
        steps,
        curve=None,
        *,
        elbow=None,
        labels=("x", "y"),
        title="",
        metric="euclidean",
        regions=True,
        status_in_title=True,
    ):
        # Checked before any panel is added, so a bad call leaves the figure empty.
        from matplotlib.figure import FigureBase

        if not isinstance(fig, FigureBase):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}.")
        X = _checked_drawn_data(X)
        self.fig, self.steps, self.title = fig, _checked_steps(steps), title
        metric = check_metric(metric)
        _check_axis_labels(labels)
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, got {type(title).__name__}.")
        check_flag(regions, "regions")
        self.status_in_title = check_flag(status_in_title, "status_in_title")
        if curve is not None:
            _check_elbow_input(curve, elbow)
        k = self.steps[0].centroids.shape[0]
        grid = fig.add_gridspec(2, 2, width_ratios=(1.55, 1.0))
        self.scatter = StepView(
            fig.add_subplot(grid[:, 0]), X, k, labels=labels, metric=metric, regions=regions
        )
        self.trace = InertiaTraceView(
            fig.add_subplot(grid[0, 1] if curve is not None else grid[:, 1]),
            self.steps,
            metric=metric,
        )
        self.elbow = None
        if curve is not None:
            self.elbow = ElbowView(fig.add_subplot(grid[1, 1]), curve, elbow=elbow)
            self.elbow.show(k)
        self.status = ""
        self.index = None  # the step show() drew last, for describe()
        # "medium" in points now, under the style the figure is made in: a relative size
        # set again in show() would follow whatever style is in force then, so the status
        # line of a projector-style animation would shrink after its first frame.
        from matplotlib.font_manager import FontProperties

        self._title_size = FontProperties(size="medium").get_size_in_points()
        # How many characters fit on a line of the figure's title. An average character
        # is about 0.55 em wide in the sans-serif fonts matplotlib uses; 0.62 leaves room.
        width_points = fig.get_figwidth() * 72
        self._title_chars = max(20, int(width_points / (0.62 * self._title_size)))
        if status_in_title:
            self.fig.suptitle("", fontsize=self._title_size)  # written by show()
        else:
            self.scatter.ax.set_title(title, fontsize=self._title_size)

    @keywords_checked
    def show(self, index):
        """Draw step `index` of the run (0 is the init step, -1 the last)."""
        index = _checked_index(index, len(self.steps))
        self.index = index
        step = self.steps[index]
        previous = self.steps[index - 1] if index > 0 else None
        self.scatter.show(step, previous)
        self.trace.show(index)
        self.status = step_status(step, metric=self.trace.metric, last=index == len(self.steps) - 1)
        if self.status_in_title:
            # Above all the panels (a figure title), wrapped to the figure's width: the
            # status line of a long step never runs off the figure or over a panel's title.
            lines = [*self.title.split("\n"), self.status] if self.title else [self.status]
            self.fig.suptitle(
                "\n".join(_wrapped(line, self._title_chars) for line in lines),
                fontsize=self._title_size,
            )

    def describe(self):
        """The text of the frame shown now (see :func:`.figure_text.describe_frame`)."""
        from .figure_text import describe_frame

        if self.index is None:
            raise ValueError("The figure shows no step yet: call show(index) first.")
        return describe_frame(
            self.scatter.X,
            self.steps,
            self.index,
            labels=self.scatter.axis_labels,
            title=self.title,
            curve=None if self.elbow is None else self.elbow.curve,
            elbow=None if self.elbow is None else self.elbow.elbow,
            metric=self.trace.metric,
        )

    def changing_artists(self):
        """The artists a step changes, in the order a full draw paints them.

        What :func:`frame_figure` draws for a frame over the kept pixels of the rest.
        """
        scatter = self.scatter
        return [
            *([] if scatter.regions is None else [scatter.regions]),
            scatter.unassigned,
            *scatter.clusters,
            *scatter.ax.spines.values(),  # drawn over the points, under rings and stars
            scatter.changed,
            scatter.arrows,
            scatter.centroids,
            *([self.fig._suptitle] if self.status_in_title else []),  # the status line
            self.trace.current,
            *self.trace.current_entry,  # its legend row comes and goes with it
        ]


# --------------------------------------------------------------------------- quick frames


def frame_figure(**options):
    """A matplotlib Figure that draws a frame as only the artists a step changes.

    Made without pyplot (attach a canvas, e.g. ``FigureCanvasAgg(fig)``);
    ``options`` go to ``matplotlib.figure.Figure``. Set its ``changing`` to the
    artists a step changes (:meth:`TrajectoryFigure.changing_artists`). Most
    of a full draw is text that is the same in every frame (ticks, labels,
    legends, the elbow curve), so the first draw paints everything else and
    keeps those pixels (the background); every draw then starts from a copy of
    the background and paints the changing artists on top, in the order a
    full draw paints them. The pixels are those of a full draw (the tests
    check it), at a fraction of the cost, and it works for every way a frame
    is made: ``canvas.draw()``, ``savefig``, ``FuncAnimation.save``, ipympl's
    answer to ``draw_idle``.

    The background is drawn again when the size, resolution, face colour or
    an axis range (a zoom or pan) changes, after ``clear()``, and after
    ``forget_background()`` (for any other change to what is kept). With
    ``changing`` empty (the default) every draw is a full one.

    Its ``style`` (a dict of matplotlib rc settings, such as
    :func:`projector_style`; empty by default) is in force during every draw,
    however the draw is asked for.
    """
    return _frame_figure_class()(**options)


@functools.cache
def _frame_figure_class():
    # Made when first needed: importing this module does not import matplotlib.
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure

    class FrameFigure(Figure):
        """See :func:`frame_figure`."""

        changing = ()
        style = {}
        _background = None

        def forget_background(self):
            self._background = None

        def clear(self, keep_observers=False):
            self.changing = ()  # the artists are gone
            self.forget_background()
            super().clear(keep_observers)

        def draw(self, renderer):
            if self.style:
                from matplotlib import rc_context

                with rc_context(self.style):
                    return self._draw_frame(renderer)
            return self._draw_frame(renderer)

        def _draw_frame(self, renderer):
            if (
                not self.changing
                or not isinstance(renderer, RendererAgg)
                or "draw_path" in vars(renderer)  # a dry run that only measures (tight bbox)
            ):
                return super().draw(renderer)
            key = (
                renderer.width,
                renderer.height,
                self.dpi,
                tuple(self.get_facecolor()),
                tuple((*ax.get_xlim(), *ax.get_ylim()) for ax in self.axes),
            )
            if self._background is None or self._background[0] != key:
                with _left_out(self.changing):
                    super().draw(renderer)
                self._background = (key, renderer.copy_from_bbox(self.bbox))
            renderer.restore_region(self._background[1])
            for artist in self.changing:
                artist.draw(renderer)  # an invisible artist draws nothing
            self.stale = False

    return FrameFigure


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
