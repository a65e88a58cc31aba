"""K-means, one step at a time.

This is the only k-means in the project. Every picture, animation and
exercise check is a view over the steps this generator yields.

The algorithm (Lloyd's), in words::

    choose k starting centroids (or a random partition and its means)
    repeat:
        assign:  every point joins the cluster of its nearest centroid
                 -> stop if no point changed cluster
        update:  every centroid moves to the mean of its cluster
                 -> if the centroids barely moved, assign once more and stop

Both half steps can only lower the objective (the sum of squared distances of
points to their centroids), which is why the loop must end.
"""

from __future__ import annotations

import collections
import dataclasses
from dataclasses import dataclass

import numpy as np

from ._geometry import (
    cluster_centres,
    cluster_sizes,
    from_unit_scale,
    nearest_centroid,
    point_costs,
    to_unit_scale,
    unit_exponent,
    working_copy,
)
from ._validation import (
    check_data,
    check_init,
    check_k,
    check_max_iter,
    check_metric,
    check_seed,
    check_tol,
    keywords_checked,
)
from .init import initial_centroids


@dataclass(frozen=True, eq=False)
class Step:
    """One moment of a k-means run.

    Attributes
    ----------
    phase : {"init", "assign", "update"}
        What just happened.
    iteration : int
        0 for the init step, then 1, 2, ... (one per assign + update pair).
    centroids : ndarray of shape (k, d)
        The centroids after this step.
    labels : ndarray of shape (n,) or None
        Each point's cluster after this step, 0 .. k-1; None before the first
        assignment. The dtype is int16 up to k = 33 (int32 beyond), which
        holds a thousand times any label: arithmetic such as ``labels * 50``
        does not wrap.
    inertia : float
        The objective for these labels and centroids: the sum of squared
        distances (euclidean) or of L1 distances (manhattan) from each point to
        its centroid, in the units of the data. NaN when labels is None. (For
        data whose squared distances are beyond float64, near 1e155 or
        1e-155, it is inf or 0: the nearest number float64 has.)
    n_changed : int
        Points whose cluster differs from the previous step (every point at
        the first assignment; on an update step, the points moved by
        re-seeding an empty cluster).
    shift : float or None
        On an update step: the total squared distance the centroids moved.
    reseeded : tuple of int
        Clusters that were empty and got re-seeded on this update step.
    converged : bool
        True only on the last step of a run that converged.

    Notes
    -----
    The arrays are read-only, so no step can be changed by accident. A step
    whose labels are those of the step before (an update step that re-seeded
    nothing, the assign step that ends a converged run) shares that step's
    labels array, which halves the memory a whole trajectory of a large data
    set needs.
    """

    phase: str
    iteration: int
    centroids: np.ndarray
    labels: np.ndarray | None
    inertia: float
    n_changed: int = 0
    shift: float | None = None
    reseeded: tuple = ()
    converged: bool = False

    def __repr__(self):
        return (
            f"Step(phase={self.phase!r}, iteration={self.iteration}, "
            f"inertia={self.inertia:.6g}, n_changed={self.n_changed}, "
            f"shift={self.shift}, reseeded={self.reseeded}, converged={self.converged})"
        )


Step.__init__ = keywords_checked(Step.__init__)  # Step(phaze=...) lists the fields


@keywords_checked
def kmeans_steps(
    X,
    k,
    *,
    init="k-means++",
    seed=None,
    max_iter=300,
    tol=1e-4,
    metric="euclidean",
):
    """Run k-means and yield every step: init, then assign, update, assign, ...

    Parameters
    ----------
    X : array-like or pandas.DataFrame of shape (n, d)
        Numeric data, one row per observation. It is copied, never changed.
    k : int
        Number of clusters, 1 <= k <= number of distinct rows of X.
    init : str or array-like of shape (k, d), default "k-means++"
        How to start: "k-means++", "random-partition", "forgy" or
        "farthest-point" (see kmeans_teach.init), or the starting centroids.
    seed : int, numpy.random.Generator or None, default None
        Source of randomness for the init and nothing else. The same int gives
        the same trajectory on every machine.
    max_iter : int, default 300
        Most assign + update pairs to run. If it is reached, one closing
        assign step still follows, so the last labels belong to the last
        centroids.
    tol : float, default 1e-4
        Stop when an update moves the centroids by a total squared distance of
        at most ``tol`` times the mean variance of the features
        (scikit-learn's rule); one closing assign step follows. With tol=0 the
        run stops only when no point changes cluster (or nothing moves).
    metric : {"euclidean", "manhattan"}, default "euclidean"
        "manhattan" gives k-medians: L1 assignment and coordinate-wise median
        update.

    Yields
    ------
    Step
        One per phase; see Step. The last step has ``converged=True`` when the
        run converged before max_iter.

    Raises
    ------
    TypeError, ValueError
        For bad input, with a message that names the problem. They are
        raised when kmeans_steps is called, before the first step.

    Notes
    -----
    Data of any finite scale gives the clustering the same data gives at unit
    scale: when its values or their differences are extreme (beyond about
    1e120 or below 1e-120, where squares leave float64), the run divides X by
    a power of two, which changes no digit, and shows every step in the units
    of X again.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [9.0, 0.0], [9.0, 1.0]]
    >>> steps = list(kmeans_steps(X, 2, init=[[0.0, 0.0], [1.0, 0.0]]))
    >>> [(s.phase, s.iteration, s.n_changed) for s in steps]
    [('init', 0, 0), ('assign', 1, 4), ('update', 1, 0), ('assign', 2, 0)]
    >>> steps[-1].labels.tolist(), steps[-1].centroids.tolist(), steps[-1].converged
    ([0, 0, 1, 1], [[0.0, 0.5], [9.0, 0.5]], True)

    A poor start ends in a poor answer (a local optimum): the clusters split
    top from bottom instead of left from right, with 81 times the inertia.

    >>> bad = kmeans(X, 2, init=[[0.0, 0.0], [0.0, 1.0]])
    >>> bad.labels.tolist(), bad.inertia, steps[-1].inertia
    ([0, 1, 0, 1], 81.0, 1.0)
    """
    X = check_data(X)
    k = check_k(k, X)
    init = check_init(init, k, X)
    rng = check_seed(seed)
    max_iter = check_max_iter(max_iter)
    tol = check_tol(tol)
    metric = check_metric(metric)
    # Checking happens above, when the function is called; the steps are
    # produced lazily by the generators below. The run keeps its data column by
    # column (Fortran order), so that sums over the points read memory in order.
    X = np.asfortranarray(X)
    exponent = _run_exponent(X, init)
    X = to_unit_scale(X, exponent)
    if not isinstance(init, str):
        init = to_unit_scale(init, exponent)
    steps = _lloyd(X, k, init, rng, max_iter, tol, metric)
    return _in_units_of_data(steps, exponent, metric) if exponent else steps


@keywords_checked
def kmeans(X, k, *, init="k-means++", seed=None, max_iter=300, tol=1e-4, metric="euclidean"):
    """The last step of a k-means run: its final centroids, labels and inertia.

    Takes the same arguments as kmeans_steps and keeps only the last step.

    Returns
    -------
    Step
    """
    steps = kmeans_steps(X, k, init=init, seed=seed, max_iter=max_iter, tol=tol, metric=metric)
    # A deque of length one keeps only the newest step as the generator runs.
    return collections.deque(steps, maxlen=1)[0]


#: Initial centroids this many powers of two beyond the data (about 1e150 times) are refused.
FARTHEST_INIT_EXPONENT = 500


def _run_exponent(X, init):
    """The power of two the run divides X (and initial centroids) by: see unit_exponent."""
    if isinstance(init, str):
        return unit_exponent(X)
    data_top, init_top = np.abs(X).max(), np.abs(init).max()
    if data_top > 0 and np.frexp(init_top)[1] - np.frexp(data_top)[1] > FARTHEST_INIT_EXPONENT:
        # At the scale of such centroids every point of X would sit at the same spot.
        raise ValueError(
            f"init has centroids as large as {init_top:.3g}, more than 1e150 times the "
            f"largest value of X ({data_top:.3g}); start from centroids near the data."
        )
    return unit_exponent(X, init)


def _in_units_of_data(steps, exponent, metric):
    """The steps of a run on X / 2**exponent, shown in the units of X."""
    power = 2 if metric == "euclidean" else 1  # squared distances, or plain L1 distances
    for step in steps:
        yield dataclasses.replace(
            step,
            centroids=_frozen(from_unit_scale(step.centroids, exponent)),
            inertia=from_unit_scale(step.inertia, exponent, power),
            shift=None if step.shift is None else from_unit_scale(step.shift, exponent, 2),
        )


def _lloyd(X, k, init, rng, max_iter, tol, metric):
    # Like scikit-learn, work on centred data: the mean of X moved to the origin
    # (every step adds it back to the centroids it shows). Distances do not
    # change, but the matrix-product shortcut that picks the nearest centroids
    # then keeps its digits, so it gives the costs as well.
    points = X  # the data as given, for the observations an init picks
    X, offset = working_copy(points)

    centroids, labels, rows = initial_centroids(
        X, k, init if isinstance(init, str) else init - offset, rng, metric, points=points
    )
    if rows is not None:  # observations themselves, not their centred copies
        shown = points[rows]
    else:
        shown = init if labels is None else centroids + offset
    inertia = np.nan if labels is None else point_costs(X, centroids, labels, metric).sum()
    yield _step("init", 0, shown, labels, inertia, n_changed=0)
    del points, shown

    squared_lengths = np.einsum("nd,nd->n", X, X)  # |x|^2 of every point
    shortcut = squared_lengths if metric == "euclidean" else None

    # scikit-learn's tolerance, relative to the spread of the data: tol times
    # the mean variance of the features (for centred data, the mean square).
    # (In Python floats: a tol of 1e300 gives inf, which stops after one update, unwarned.)
    shift_tolerance = tol * float(squared_lengths.sum() / X.size)

    iteration = 0
    while iteration < max_iter:
        iteration += 1

        # Assign: every point joins the cluster of its nearest centroid.
        new_labels, costs = nearest_centroid(X, centroids, metric, shortcut)
        n_changed = _count_changes(labels, new_labels)
        labels = new_labels if n_changed else labels  # unchanged labels: share the array
        if n_changed == 0:  # nothing moved: the run has converged
            yield _step(
                "assign",
                iteration,
                centroids + offset,
                labels,
                costs.sum(),
                n_changed,
                converged=True,
            )
            return
        assign_inertia = costs.sum()
        yield _step("assign", iteration, centroids + offset, labels, assign_inertia, n_changed)

        # Update: every centroid moves to the centre (mean or median) of its cluster.
        old_centroids = centroids
        sizes = cluster_sizes(labels, k)
        centroids, moved_labels, reseeded = _update_centroids(
            X, labels, sizes, old_centroids, metric
        )
        shift = float(((centroids - old_centroids) ** 2).sum())
        n_moved = _count_changes(labels, moved_labels)
        labels = moved_labels
        inertia = _inertia_after_update(
            X, labels, sizes, centroids, old_centroids, assign_inertia, metric, reseeded
        )
        yield _step(
            "update", iteration, centroids + offset, labels, inertia, n_moved, shift, reseeded
        )

        if shift <= shift_tolerance:  # the centroids have (almost) stopped moving
            break

    # A closing assignment, so the last labels belong to the last centroids.
    new_labels, costs = nearest_centroid(X, centroids, metric, shortcut)
    n_changed = _count_changes(labels, new_labels)
    converged = shift <= shift_tolerance or n_changed == 0
    yield _step(
        "assign",
        iteration + 1,
        centroids + offset,
        new_labels if n_changed else labels,
        costs.sum(),
        n_changed,
        converged=converged,
    )


def _update_centroids(X, labels, sizes, old_centroids, metric):
    """Move each centroid to its cluster's centre, re-seeding empty clusters.

    An empty cluster has no mean. Like scikit-learn, we give it the point that
    is farthest from its own (old) centroid: that point is the worst served,
    so moving it lowers the objective the most. The point leaves its old
    cluster (never emptying it) and that cluster's centre is recomputed.
    ``sizes`` holds the number of points of each cluster under ``labels``.

    Returns
    -------
    centroids : ndarray of shape (k, d)
    labels : ndarray of shape (n,)
        The same array as given unless a point was moved to an empty cluster.
    reseeded : tuple of int
    """
    k = old_centroids.shape[0]
    empty = np.flatnonzero(sizes == 0)
    if empty.size == 0:
        return cluster_centres(X, labels, k, metric, sizes), labels, ()

    labels = labels.copy()
    costs = point_costs(X, old_centroids, labels, metric)
    # The loop runs once per empty cluster (a handful), not once per point.
    for cluster, point in zip(empty, _farthest_movable_points(costs, labels, sizes, empty.size)):
        labels[point] = cluster
    return cluster_centres(X, labels, k, metric), labels, tuple(int(c) for c in empty)


def _inertia_after_update(
    X, labels, sizes, centroids, old_centroids, assign_inertia, metric, reseeded
):
    """The objective after an update step.

    For k-means there is a shortcut: moving a centroid from c to its cluster's
    mean m lowers that cluster's sum of squared distances by exactly
    size * |m - c|^2 (the cross terms cancel because the points average to m).
    So the update step's inertia needs no pass over the points (``sizes``, the
    cluster sizes the update used, is all it takes). Medians and re-seeded
    clusters have no such identity, and are measured directly.
    """
    if metric != "euclidean" or reseeded:
        return point_costs(X, centroids, labels, metric).sum()
    decrease = float(sizes @ ((centroids - old_centroids) ** 2).sum(axis=1))
    return max(0.0, assign_inertia - decrease)


def _farthest_movable_points(costs, labels, sizes, how_many):
    """The how_many points farthest from their centroids whose clusters keep a member."""
    sizes = sizes.copy()
    chosen = []
    for point in np.argsort(-costs, kind="stable"):
        if sizes[labels[point]] > 1:
            sizes[labels[point]] -= 1
            chosen.append(int(point))
            if len(chosen) == how_many:
                break
    return chosen


def _count_changes(old_labels, new_labels):
    if old_labels is None:
        return int(new_labels.size)
    if old_labels is new_labels:
        return 0
    return int(np.count_nonzero(old_labels != new_labels))


def _step(
    phase,
    iteration,
    centroids,
    labels,
    inertia,
    n_changed,
    shift=None,
    reseeded=(),
    converged=False,
):
    return Step(
        phase=phase,
        iteration=iteration,
        centroids=_frozen(np.array(centroids, copy=True)),
        labels=None if labels is None else _frozen(labels),
        inertia=float(inertia),
        n_changed=int(n_changed),
        shift=shift,
        reseeded=tuple(reseeded),
        converged=converged,
    )


def _frozen(array):
    """A read-only view of array, which is made read-only itself (copied first if it is a view).

    A view of a read-only array cannot be made writable again, so a Step's
    arrays stay as they were even when one array serves two steps.
    """
    if array.base is not None:
        array = array.copy()
    array.flags.writeable = False
    return array.view()
