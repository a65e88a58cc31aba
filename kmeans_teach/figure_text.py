"""What the package's standard figures say to a reader who cannot see them, from their data.

Each of the package's figures (a step of a run, the inertia trace, the elbow curve, a
silhouette plot, a frame of an animation and the animation as a whole) has a function here
that describes it from the same data it is drawn from, so the words cannot disagree with the
picture: what is drawn, and the numbers that matter. The views of :mod:`kmeans_teach.plotting`
call them from their ``describe()`` methods, which know what the view shows.

A description is a :class:`FigureText`: a short ``alt`` text (what the figure shows and what to
notice), a longer ``caption`` and a ``table`` of the numbers drawn. Show a figure with its text
through :func:`kmeans_teach.figures.show_figure`::

    view = StepView(ax, X, 3)
    view.show(steps[-1])
    show_figure(fig, view.describe())
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from ._validation import keywords_checked
from .plotting import (
    _check_elbow_input,
    _checked_drawn_data,
    _checked_steps,
    objective_name,
    step_status,
)

__all__ = [
    "FigureText",
    "describe_elbow",
    "describe_frame",
    "describe_run",
    "describe_silhouette",
    "describe_step",
    "describe_trace",
]


@dataclasses.dataclass(frozen=True)
class FigureText:
    """The text of one figure: a short alternative, a longer caption, the numbers as a table.

    Attributes
    ----------
    alt : str
        What the figure shows and what to notice, in a sentence or three: the ``alt`` of the
        picture, read by a screen reader in its place.
    caption : str or None, default None
        The longer description, shown under the picture to every reader.
    table : pandas.DataFrame or None, default None
        The numbers the figure draws, for a reader who wants them exactly.
    """

    alt: str
    caption: str | None = None
    table: object = None


FigureText.__init__ = keywords_checked(FigureText.__init__)  # unknown keywords are listed


# --------------------------------------------------------------------------- words and numbers


def _number(value, digits=3):
    """`value` with about `digits` significant digits, and no e-notation for everyday sizes."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= 15 or magnitude < -4:
        return f"{value:.{digits - 1}e}"
    written = f"{value:,.{max(0, digits - 1 - magnitude)}f}"
    return written.rstrip("0").rstrip(".") if "." in written else written


def _inertia(value):
    """An inertia as the status lines write it (one decimal, thousands separated)."""
    return f"{float(value):,.1f}"


def _point(xy):
    return "(" + ", ".join(_number(v) for v in xy) + ")"


def _listed(items):
    """'a', 'a and b', 'a, b and c'."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count, word, plural=None):
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _percent(share):
    """A share as a percentage: whole percents, or one decimal below 10 %."""
    share = 100 * float(share)
    return f"{share:.0f} %" if abs(share) >= 10 or share == 0 else f"{share:.1f} %"


def _table(columns, index, name):
    import pandas as pd

    return pd.DataFrame(columns, index=pd.Index(index, name=name))


# --------------------------------------------------------------------------- a step


@keywords_checked
def describe_step(X, step, previous=None, *, labels=("x", "y"), regions=True, metric="euclidean"):
    """Describe a step of a run drawn as a scatter (what ``plotting.StepView`` draws).

    Parameters
    ----------
    X : array-like of shape (n, 2)
        The two drawn columns.
    step : Step
        The step drawn, its centroids in the two drawn columns.
    previous : Step or None, default None
        The step before it: with it, an assign step rings the points that changed cluster and
        an update step draws the centroids' moves as arrows.
    labels : tuple of str, default ("x", "y")
        The two axes' names.
    regions : bool, default True
        Whether the centroids' regions are shaded.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The run's distance, which names its objective (inertia or total distance).

    Returns
    -------
    FigureText
        ``table`` has one row per cluster (index ``cluster``, 1 to k): its points, its
        centroid's two coordinates and, on an update step, how far the centroid moved.

    Examples
    --------
    >>> from kmeans_teach import kmeans
    >>> X = [[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [5.0, 1.0]]
    >>> print(describe_step(X, kmeans(X, 2, seed=0)).alt)  # doctest: +NORMALIZE_WHITESPACE
    Scatter plot of 4 points (x across, y up) in 2 clusters, each cluster with its own colour
    and marker and its centroid as a star: cluster 1 has 2 points around (5, 0.5) and cluster 2
    has 2 points around (0, 0.5). Inertia 1.0; the run has converged.
    """
    X = _checked_drawn_data(X)
    (step,) = _checked_steps([step])
    if previous is not None:
        (step, previous) = _checked_steps([step, previous])
    centroids = np.asarray(step.centroids, dtype=float)
    k = centroids.shape[0]
    what = f"Scatter plot of {_plural(len(X), 'point')} ({labels[0]} across, {labels[1]} up)"
    columns = {
        f"centroid {labels[0]}": centroids[:, 0].round(3),
        f"centroid {labels[1]}": centroids[:, 1].round(3),
    }
    if step.labels is None:
        alt = (
            f"{what}, all grey: no point is in a cluster yet. The {k} starting centroids are"
            f" stars at {_listed(_point(c) for c in centroids)}."
        )
        caption = f"{step_status(step, metric=metric)}."
    else:
        sizes = np.bincount(np.asarray(step.labels), minlength=k)
        clusters = _listed(
            f"cluster {j + 1} has {_plural(int(sizes[j]), 'point')} around {_point(c)}"
            for j, c in enumerate(centroids)
        )
        alt = (
            f"{what} in {k} clusters, each cluster with its own colour and marker and its"
            f" centroid as a star: {clusters}."
        )
        if step.phase == "init":
            alt += " The start: every point was given a random cluster."
        alt += " " + _what_changed(X, step, previous, objective_name(metric))
        caption = f"{step_status(step, metric=metric)}."
        columns = {"points": sizes, **columns}
    if step.phase == "update" and previous is not None:
        moves = np.linalg.norm(centroids - np.asarray(previous.centroids, dtype=float), axis=1)
        columns["moved by"] = moves.round(3)
    if regions:
        caption += " The lightly shaded regions show which centroid is nearest to each spot."
    table = _table(columns, range(1, k + 1), "cluster")
    return FigureText(alt.strip(), caption, table)


def _what_changed(X, step, previous, objective):
    """What the rings or arrows of a step show, its `objective`, and whether the run ended."""
    words = ""
    if step.phase == "assign" and previous is not None and previous.labels is not None:
        changed = int(np.sum(np.asarray(step.labels) != np.asarray(previous.labels)))
        words = (
            f"{_plural(changed, 'point')} just changed cluster (ringed). "
            if changed
            else "No point changed cluster. "
        )
    elif step.phase == "update" and previous is not None:
        moves = np.linalg.norm(
            np.asarray(step.centroids, dtype=float) - np.asarray(previous.centroids, dtype=float),
            axis=1,
        )
        farthest = int(np.argmax(moves))
        words = (
            "Arrows show each centroid's move to the mean of its cluster; the longest,"
            f" cluster {farthest + 1}'s, is {_number(moves[farthest])}. "
        )
    words += f"{objective.capitalize()} {_inertia(step.inertia)}"
    if step.reseeded:
        words += f"; empty cluster(s) {_listed(c + 1 for c in step.reseeded)} re-seeded"
    if step.converged:
        words += "; the run has converged"
    return words + "."


# --------------------------------------------------------------------------- the inertia trace


@keywords_checked
def describe_trace(steps, index=None, *, metric="euclidean"):
    """Describe the objective after every step of a run (what ``InertiaTraceView`` draws).

    Parameters
    ----------
    steps : list of Step
        The run, every step kept.
    index : int or None, default None
        The step the trace rings (None: a still picture of the whole run, no ring).
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The run's distance, which names its objective (:func:`.plotting.objective_name`).

    Returns
    -------
    FigureText
        ``table`` has one row per step (index ``step``, from 0): phase, iteration, the
        objective (a column named for it) and its drop from the step before.
    """
    steps = _checked_steps(steps)
    objective = objective_name(metric)
    inertia = np.array([s.inertia for s in steps], dtype=float)
    shown = np.flatnonzero(np.isfinite(inertia))
    if shown.size == 0:
        return FigureText(
            f"An empty {objective} trace: none of the {len(steps)} steps has an objective yet."
        )
    first, last = shown[0], shown[-1]
    drops = -np.diff(inertia)
    alt = (
        f"Line chart of the {objective} after each of the {len(steps)} steps of a run (the start,"
        f" then assign and update in turn), from {_inertia(inertia[first])} at step {first}"
        f" to {_inertia(inertia[last])} at step {last}"
    )
    rises = [int(i) + 1 for i in np.flatnonzero(drops < -1e-9 * max(1.0, abs(inertia[first])))]
    alt += (
        f": it rises at step {_listed(rises)}."
        if rises
        else ", never rising: every step lowers it or leaves it."
    )
    if np.isfinite(drops).any():
        biggest = int(np.nanargmax(np.where(np.isfinite(drops), drops, -np.inf))) + 1
        share = drops[biggest - 1] / (inertia[first] - inertia[last] or 1.0)
        alt += (
            f" The largest drop, {_number(drops[biggest - 1])} ({_percent(share)} of the whole"
            f" fall), comes at step {biggest}, {_step_name(steps[biggest])}."
        )
    final = steps[-1]
    alt += (
        f" The run converged after {_plural(final.iteration, 'iteration')}."
        if final.converged
        else f" The run stopped after {_plural(final.iteration, 'iteration')} without converging."
    )
    if index is not None:
        index = int(index) % len(steps)
        if np.isfinite(inertia[index]):
            alt += (
                f" A ring marks step {index}, {_step_name(steps[index])}, at {objective}"
                f" {_inertia(inertia[index])}."
            )
    caption = (
        "Filled circles mark assign steps and open squares update steps"
        + (", a diamond the start (a random partition)" if np.isfinite(inertia[0]) else "")
        + "; the line joins them in order."
    )
    table = _table(
        {
            "phase": [s.phase for s in steps],
            "iteration": [s.iteration for s in steps],
            objective: inertia.round(3),
            "drop": np.concatenate([[np.nan], drops]).round(3),
        },
        range(len(steps)),
        "step",
    )
    return FigureText(alt, caption, table)


def _step_name(step):
    if step.phase == "init":
        return "the start"
    return f"the {step.phase} of iteration {step.iteration}"


# --------------------------------------------------------------------------- the elbow curve


@keywords_checked
def describe_elbow(curve, elbow=None, current=None):
    """Describe an elbow curve (what :class:`~kmeans_teach.plotting.ElbowView` draws).

    Says where the curve goes, how wide the band of the starts is, which elbow the figure
    marks (or that it marks none), where the curve bends most (the candidate
    :func:`~kmeans_teach.find_elbow` looks at) and how sharply.

    Parameters
    ----------
    curve : pandas.DataFrame
        From :func:`~kmeans_teach.elbow_curve`: columns ``k``, ``inertia`` and
        ``inertia_worst``.
    elbow : int or None, default None
        The elbow the figure marks (from ``find_elbow``); None: the figure says "no clear
        elbow".
    current : int or None, default None
        The K the figure rings.

    Returns
    -------
    FigureText
        ``table`` has one row per K (index ``K``): the best and the worst start's inertia and
        the share of the inertia that the K-th cluster removes.
    """
    from .metrics import find_elbow

    _check_elbow_input(curve, elbow)
    curve = curve.sort_values("k")
    ks = curve["k"].to_numpy().astype(int)
    best = curve["inertia"].to_numpy(dtype=float)
    worst = curve["inertia_worst"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        removed = np.concatenate([[np.nan], 1 - best[1:] / best[:-1]])
        spread = np.where(best > 0, worst / best - 1, 0.0)
    alt = (
        f"Elbow curve: the inertia of the best start for each K from {ks[0]} to {ks[-1]},"
        f" falling from {_inertia(best[0])} to {_inertia(best[-1])}, with a shaded band up to"
        " the worst start."
    )
    try:
        bend = find_elbow(curve, min_ratio=0)
    except ValueError:  # fewer than three consecutive K: no bend to speak of
        bend = None
    where = {k: i for i, k in enumerate(ks)}
    if elbow is not None:
        alt += f" A dotted line marks the elbow at K = {elbow}" + (
            f": going to K = {elbow} removes {_percent(removed[where[elbow]])} of the inertia"
            f" left, going on to K = {elbow + 1} only {_percent(removed[where[elbow] + 1])}."
            if elbow in where and 0 < where[elbow] < len(ks) - 1
            else "."
        )
    else:
        alt += " The chart says no clear elbow"
        if bend is not None:
            i = where[bend]
            alt += (
                f": it bends most at K = {bend}, but going to K = {bend} removes"
                f" {_percent(removed[i])} of the inertia left and going on to K = {bend + 1}"
                f" still {_percent(removed[i + 1])}, not a sharp enough change to call an elbow."
            )
        else:
            alt += "."
    wide = int(np.argmax(spread))
    caption = "The band shows how much the start matters: " + (
        f"it is widest at K = {ks[wide]}, where the worst start ends"
        f" {_percent(spread[wide])} above the best."
        if spread[wide] > 1e-6
        else "every start ends at the same inertia, for every K."
    )
    if current is not None:
        alt += f" A ring marks K = {current}."
    table = _table(
        {
            "inertia (best start)": best.round(3),
            "inertia (worst start)": worst.round(3),
            "share removed by the K-th cluster": removed.round(3),
        },
        ks,
        "K",
    )
    return FigureText(alt, caption, table)


# --------------------------------------------------------------------------- silhouettes


@keywords_checked
def describe_silhouette(scores, labels):
    """Describe a silhouette plot (what :class:`~kmeans_teach.plotting.SilhouetteView` draws).

    Parameters
    ----------
    scores : array-like of shape (n,)
        Every point's silhouette (from :func:`~kmeans_teach.silhouette_samples`).
    labels : array-like of shape (n,)
        Every point's cluster, 0 to k - 1.

    Returns
    -------
    FigureText
        ``table`` has one row per cluster (index ``cluster``, 1 to k): its points, their mean,
        lowest and highest silhouette, and how many are below 0.
    """
    scores, labels = _checked_silhouettes(scores, labels)
    k = int(labels.max()) + 1
    rows = []
    for j in range(k):
        mine = scores[labels == j]
        rows.append((mine.size, mine.mean() if mine.size else np.nan, mine, int(np.sum(mine < 0))))
    means = np.array([row[1] for row in rows])
    weakest = int(np.nanargmin(means))
    negative = int(np.sum(scores < 0))
    alt = (
        f"Silhouette plot of {_plural(scores.size, 'point')} in {k} clusters: each point's"
        " silhouette is a horizontal bar, sorted within its cluster, so each cluster is a blade;"
        f" the dashed line is the mean, {scores.mean():.2f}. Cluster means: "
        + _listed(f"{j + 1}: {means[j]:.2f} ({_plural(rows[j][0], 'point')})" for j in range(k))
        + f". The weakest is cluster {weakest + 1}; "
        + (
            f"{_plural(negative, 'point')} {'is' if negative == 1 else 'are'} below 0."
            if negative
            else "no point is below 0."
        )
    )
    caption = (
        "A silhouette near 1: the point sits well inside its cluster; near 0: on a border;"
        " below 0: nearer to another cluster than to its own."
    )
    table = _table(
        {
            "points": [row[0] for row in rows],
            "mean silhouette": means.round(3),
            "lowest": [row[2].min().round(3) if row[0] else np.nan for row in rows],
            "highest": [row[2].max().round(3) if row[0] else np.nan for row in rows],
            "below 0": [row[3] for row in rows],
        },
        range(1, k + 1),
        "cluster",
    )
    return FigureText(alt, caption, table)


def _checked_silhouettes(scores, labels):
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels)
    if scores.ndim != 1 or labels.shape != scores.shape or scores.size == 0:
        raise ValueError(
            "scores and labels must be two 1-D arrays of the same length, one entry per point; "
            f"got shapes {scores.shape} and {labels.shape}."
        )
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0:
        raise ValueError("labels must be whole numbers 0 to k - 1, one cluster per point.")
    if not np.all(np.isfinite(scores)) or np.any(np.abs(scores) > 1):
        raise ValueError("Every silhouette is a number from -1 to 1; scores holds others.")
    return scores, labels


# --------------------------------------------------------------------------- frames and runs


@keywords_checked
def describe_frame(
    X, steps, index, *, labels=("x", "y"), title="", curve=None, elbow=None, metric="euclidean"
):
    """Describe one frame of a run's picture (what ``TrajectoryFigure`` draws at step `index`).

    The frame has the scatter of the step (left), the inertia trace with the step ringed, and
    the elbow curve with the run's K ringed (right, when there is a curve).

    Parameters
    ----------
    X : array-like of shape (n, 2)
        The two drawn columns.
    steps : list of Step
        The run, its centroids in the two drawn columns.
    index : int
        The step drawn (0 is the start, -1 the last).
    labels : tuple of str, default ("x", "y")
        The scatter's axis names.
    title : str, default ""
        The run's title (data set, K, start, seed).
    curve : pandas.DataFrame or None, default None
        The elbow curve drawn beside, if any.
    elbow : int or None, default None
        The elbow marked on it.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The run's distance, which names its objective (:func:`.plotting.objective_name`).

    Returns
    -------
    FigureText
        ``alt`` names the step and the scatter; ``caption`` the trace and the curve; ``table``
        is the scatter's (one row per cluster).
    """
    steps = _checked_steps(steps)
    index = int(index) % len(steps)
    previous = steps[index - 1] if index > 0 else None
    step = describe_step(X, steps[index], previous, labels=labels, metric=metric)
    trace = describe_trace(steps, index, metric=metric)
    heading = " ".join(title.split()) + ". " if title else ""
    status = step_status(steps[index], metric=metric, last=index == len(steps) - 1)
    alt = f"{heading}{status}. Left: {step.alt}"
    caption = f"{step.caption} Right: {trace.alt}"
    if curve is not None:
        k = np.asarray(steps[0].centroids).shape[0]
        caption += " Below it: " + describe_elbow(curve, elbow, current=k).alt
    return FigureText(alt, caption, step.table)


@keywords_checked
def describe_run(
    X, steps, *, labels=("x", "y"), title="", curve=None, elbow=None, metric="euclidean"
):
    """Describe a whole run shown one frame per step (the GIF of :mod:`kmeans_teach.animation`).

    Parameters
    ----------
    X, steps, labels, title, curve, elbow, metric
        As for :func:`describe_frame`.

    Returns
    -------
    FigureText
        ``alt`` says what the animation shows and how the run goes, ``caption`` what each
        frame's status line says, and ``table`` has one row per frame (index ``frame``, from
        1): phase, iteration, points that changed cluster and the objective (inertia, or total
        distance for a manhattan run).
    """
    import pandas as pd

    X = _checked_drawn_data(X)
    steps = _checked_steps(steps)
    objective = objective_name(metric)
    final = steps[-1]
    k = np.asarray(final.centroids).shape[0]
    inertia = np.array([s.inertia for s in steps], dtype=float)
    finite = inertia[np.isfinite(inertia)]
    heading = " ".join(title.split()) if title else f"K = {k}"
    panels = f"the {objective} after every step" + (
        ", and the elbow curve of the data" if curve is not None else ""
    )
    ending = (
        f"converges after {_plural(final.iteration, 'iteration')}"
        if final.converged
        else f"stops after {_plural(final.iteration, 'iteration')} without converging"
    )
    sizes = np.bincount(np.asarray(final.labels), minlength=k)
    alt = (
        f"Animation of k-means, one frame per step ({len(steps)} frames, then it starts again):"
        f" {heading}. Left, {_plural(len(X), 'point')} take their clusters' colours and markers"
        f" while the {k} centroids (stars) move; right, {panels}. The run {ending}; the {objective}"
        f" falls from {_inertia(finite[0])} to {_inertia(finite[-1])}, and the final clusters"
        f" hold {_listed(int(s) for s in sizes)} points."
    )
    caption = ""
    if curve is not None:
        caption = describe_elbow(curve, elbow, current=k).alt + " "
    caption += "The frames: " + " ".join(
        f"{number}. {step_status(step, metric=metric, last=number == len(steps))}."
        for number, step in enumerate(steps, start=1)
    )
    table = _table(
        {
            "phase": [s.phase for s in steps],
            "iteration": [s.iteration for s in steps],
            "points that changed cluster": pd.array(
                [s.n_changed if s.phase == "assign" else None for s in steps], dtype="Int64"
            ),
            objective: inertia.round(3),
        },
        range(1, len(steps) + 1),
        "frame",
    )
    return FigureText(alt, caption, table)
