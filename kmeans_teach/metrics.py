"""How good is a clustering? Inertia, within-cluster variation, silhouette, the elbow.

- inertia: the k-means objective, the sum of squared distances from each
  point to its centroid.
- within_cluster_variation: the article's W(C_k), the sum of squared
  distances over all pairs of points in a cluster, divided by its size. It is
  exactly twice the cluster's sum of squared distances to its mean, so
  minimising inertia and minimising the total W are the same problem.
- silhouette: for each point, how much closer it is to its own cluster than to
  the next nearest one (from -1, wrong cluster, to 1, well placed).
- elbow_curve / find_elbow: inertia against k, and the k where the curve bends.

Every measure gives the same answer for the same points in other units or
moved elsewhere: the arithmetic is done on the data divided by a power of two
when its values are extreme (see _geometry.unit_exponent), the silhouette on
centred data, and the results are given in the data's units. Labels given as
a pandas Series are matched to the rows of a DataFrame by its index.
"""

from __future__ import annotations

import collections.abc
import math
import numbers

import numpy as np
import pandas as pd

from ._geometry import from_unit_scale, point_costs, row_chunks, to_unit_scale, unit_exponent
from ._validation import (
    INITS,
    check_data,
    check_k,
    check_label_limit,
    check_labels,
    check_metric,
    check_number,
    check_seed,
    check_whole_number,
    frame_index,
    keywords_checked,
)
from .steps import kmeans


@keywords_checked
def inertia(X, labels, centroids, *, metric="euclidean"):
    """The k-means objective: each point's cost to its own centroid, summed.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,), or pandas.Series
        Cluster of each point, in 0 .. k-1. A Series given with a DataFrame X
        is matched to its rows by index.
    centroids : array-like of shape (k, d)
    metric : {"euclidean", "manhattan"}, default "euclidean"
        Squared Euclidean distances (k-means) or L1 distances (k-medians).

    Returns
    -------
    float

    Examples
    --------
    >>> inertia([[0.0, 0.0], [2.0, 0.0]], [0, 0], [[1.0, 0.0]])
    2.0
    """
    index = frame_index(X)
    X = check_data(X)
    centroids = check_data(centroids, name="centroids")
    if centroids.shape[1] != X.shape[1]:
        raise ValueError(f"centroids have {centroids.shape[1]} columns but X has {X.shape[1]}.")
    labels = check_labels(labels, X.shape[0], index=index)
    check_label_limit(labels, centroids.shape[0], f"{centroids.shape[0]} centroids")
    metric = check_metric(metric)
    exponent = unit_exponent(X, centroids)
    costs = point_costs(
        to_unit_scale(X, exponent), to_unit_scale(centroids, exponent), labels, metric
    )
    return from_unit_scale(costs.sum(), exponent, _cost_power(metric))


def _cost_power(metric):
    """How a cost scales with the data: squared distances by its square, L1 by itself."""
    return 2 if metric == "euclidean" else 1


@keywords_checked
def within_cluster_variation(X, labels=None):
    """The article's within-cluster variation W(C_k), computed from its definition.

    W(C_k) = 1/|C_k| * sum over all ordered pairs (i, i') in C_k of
    sum over features j of (x_ij - x_i'j)^2.

    It equals 2 * (sum of squared distances of the cluster's points to their
    mean); the pairwise form is computed here on purpose, so the identity can
    be checked rather than assumed. The cost grows with the square of the
    cluster size (fine for teaching-sized data).

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,), or pandas.Series, optional
        Cluster of each point (a Series given with a DataFrame X is matched to
        its rows by index). Without labels, X is one cluster.

    Returns
    -------
    float, or ndarray of shape (labels.max() + 1,)
        W of the single cluster, or W of every cluster (0 for an empty one).

    Raises
    ------
    ValueError
        Labels that are not one per row, negative, missing, or larger than
        the number of points allows (n points fill at most n clusters).

    Examples
    --------
    >>> within_cluster_variation([[0.0], [2.0]])  # pairs (0,2) and (2,0): (4 + 4) / 2
    4.0
    """
    index = frame_index(X)
    X = check_data(X)
    n = X.shape[0]
    if labels is not None:
        labels = check_labels(labels, n, index=index)
        check_label_limit(labels, n, f"{n} points in X, so at most {n} clusters (0 to {n - 1})")
    exponent = unit_exponent(X)
    X = to_unit_scale(X, exponent)
    if labels is None:
        return from_unit_scale(_pairwise_variation(X), exponent, 2)
    # Sorted by cluster, each cluster's points are one block of rows: one pass, not one per label.
    sizes = np.bincount(labels)
    clusters = np.split(X[np.argsort(labels, kind="stable")], np.cumsum(sizes)[:-1])
    return from_unit_scale(np.array([_pairwise_variation(c) for c in clusters]), exponent, 2)


def _pairwise_variation(points):
    size = points.shape[0]
    if size == 0:
        return 0.0
    total = 0.0
    for rows in row_chunks(size, 8 * size * points.shape[1]):
        differences = points[rows, None, :] - points[None, :, :]
        total += float(np.sum(differences**2))
    return total / size


@keywords_checked
def silhouette_samples(X, labels, *, metric="euclidean"):
    """Silhouette of every point.

    For point i with mean distance a to the other points of its cluster and
    mean distance b to the points of the nearest other cluster, the silhouette
    is (b - a) / max(a, b): near 1 when i sits well inside its cluster, near 0
    on a border, negative when another cluster would suit it better. A point
    alone in its cluster gets 0.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,), or pandas.Series
        Needs at least 2 and at most n - 1 distinct clusters. A Series given
        with a DataFrame X is matched to its rows by index.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The (plain, not squared) distance between points.

    Returns
    -------
    ndarray of shape (n,)
    """
    X, codes = _silhouette_input(X, labels, metric)
    return _silhouettes(X, codes, np.arange(X.shape[0]), metric)


@keywords_checked
def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, seed=None):
    """Mean silhouette over the points (or over a seeded random sample of them).

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,), or pandas.Series
        Cluster of each point (a Series given with a DataFrame X is matched to
        its rows by index).
    metric : {"euclidean", "manhattan"}, default "euclidean"
    sample_size : int, optional
        Average the silhouettes of this many points, drawn without
        replacement (each measured against every point, so a small cluster
        counts even when no point of it is drawn). The silhouette of all n
        points costs n^2 distances, a sample of m points m * n. None, or a
        size of n or more, uses every point.
    seed : int, numpy.random.Generator or None, default None
        Draws the sample; unused without sample_size.

    Returns
    -------
    float
    """
    X, codes = _silhouette_input(X, labels, metric)
    sample_size = check_whole_number(sample_size, "sample_size", low=2, none_allowed=True)
    rng = check_seed(seed)
    points = np.arange(X.shape[0])
    if sample_size is not None and sample_size < X.shape[0]:
        points = np.sort(rng.choice(X.shape[0], size=sample_size, replace=False))
    return float(np.mean(_silhouettes(X, codes, points, metric)))


def _silhouette_input(X, labels, metric):
    """Checked data (centred, at unit scale: see the module's docstring) and cluster codes."""
    index = frame_index(X)
    X = check_data(X)
    labels = check_labels(labels, X.shape[0], index=index)
    check_metric(metric)
    _, codes = np.unique(labels, return_inverse=True)
    n_clusters = int(codes.max()) + 1
    if not 2 <= n_clusters <= X.shape[0] - 1:
        raise ValueError(
            f"The silhouette needs between 2 and n - 1 = {X.shape[0] - 1} clusters; "
            f"the labels have {n_clusters}."
        )
    # The silhouette is a ratio of distances: neither moving nor rescaling the data changes it,
    # but the distances keep their digits only near the origin and within float64's range.
    X = to_unit_scale(X, unit_exponent(X))
    X -= X.mean(axis=0)
    return to_unit_scale(X, unit_exponent(X)), codes


def _silhouettes(X, codes, points, metric):
    """The silhouette of each of the rows ``points`` of X, measured against every row."""
    n = X.shape[0]
    n_clusters = int(codes.max()) + 1
    one_hot = np.zeros((n, n_clusters))
    one_hot[np.arange(n), codes] = 1.0
    sizes = one_hot.sum(axis=0)
    scores = np.empty(points.size)
    for part in row_chunks(points.size, 8 * n * (1 if metric == "euclidean" else X.shape[1])):
        rows = points[part]
        # Sum of distances from each point in the chunk to every cluster: (m, n_clusters).
        sums = _distances(X[rows], X, metric) @ one_hot
        own = codes[rows]
        own_size = sizes[own]
        with np.errstate(invalid="ignore", divide="ignore"):
            a = sums[np.arange(own.size), own] / (own_size - 1)
            mean_to_others = sums / sizes
        mean_to_others[np.arange(own.size), own] = np.inf
        b = mean_to_others.min(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (b - a) / np.maximum(a, b)
        scores[part] = np.where(own_size > 1, np.nan_to_num(s), 0.0)
    return scores


def _distances(A, B, metric):
    """Plain distances between the rows of A (m, d) and B (n, d): (m, n)."""
    if metric == "manhattan":
        return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)
    squared = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
    return np.sqrt(np.maximum(squared, 0.0))


@keywords_checked
def elbow_curve(
    X,
    ks=range(1, 11),
    *,
    init="k-means++",
    n_init=10,
    seed=None,
    metric="euclidean",
    silhouette_sample_size=2000,
):
    """Inertia against k, with its spread over several runs, and the silhouette.

    Each k is run n_init times from different random starts (one seeded
    stream feeds them all, so the table is reproducible). The best run is the
    one k-means would keep; the spread shows how much the start matters.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    ks : iterable of int, default range(1, 11)
        The numbers of clusters to try, each 1 <= k <= distinct points.
    init : str, default "k-means++"
        One of the initialisation names of kmeans_steps ("k-means++",
        "random-partition", "forgy", "farthest-point"); not an array, since
        each k needs starting centroids of its own.
    n_init : int, default 10
        Runs per k.
    seed : int, numpy.random.Generator or None, default None
    metric : {"euclidean", "manhattan"}, default "euclidean"
    silhouette_sample_size : int or None, default 2000
        The silhouette of the best run is averaged over at most this many
        points (a seeded sample, each point measured against all; see
        silhouette_score); None uses every point.

    Returns
    -------
    pandas.DataFrame
        One row per k, columns: ``k``; ``inertia`` (best run); ``inertia_mean``,
        ``inertia_std`` and ``inertia_worst`` over the runs; ``silhouette``
        (mean silhouette of the best run, NaN for k = 1 where it is undefined).

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [5.0, 1.0]]
    >>> elbow_curve(X, [1, 2], n_init=2, seed=0)["inertia"].round(2).tolist()
    [26.0, 1.0]
    """
    X = check_data(X)
    ks = _check_ks(ks, X)
    n_init = check_whole_number(n_init, "n_init", low=1, high=1000)
    silhouette_sample_size = check_whole_number(
        silhouette_sample_size, "silhouette_sample_size", low=2, none_allowed=True
    )
    if not isinstance(init, str):
        # One array of starting centroids cannot serve several k: a name is needed.
        raise TypeError(
            f"elbow_curve needs an init name (one of: {', '.join(INITS)}), because it runs "
            f"several values of k; got a {type(init).__name__}."
        )
    if init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}.")
    metric = check_metric(metric)
    rng = check_seed(seed)
    # The runs are compared at unit scale (exactly: a power of two), where no inertia
    # overflows to inf or vanishes to 0; the table gives them in the data's units.
    exponent = unit_exponent(X)
    X = to_unit_scale(X, exponent)

    rows = []
    for k in ks:
        runs = [kmeans(X, k, init=init, seed=rng, metric=metric) for _ in range(n_init)]
        inertias = np.array([run.inertia for run in runs])
        best = runs[int(np.argmin(inertias))]
        silhouette = np.nan
        if 2 <= k < X.shape[0] and np.unique(best.labels).size >= 2:
            silhouette = silhouette_score(
                X, best.labels, metric=metric, sample_size=silhouette_sample_size, seed=rng
            )
        rows.append(
            {
                "k": k,
                "inertia": inertias.min(),
                "inertia_mean": inertias.mean(),
                "inertia_std": inertias.std(),
                "inertia_worst": inertias.max(),
                "silhouette": silhouette,
            }
        )
    curve = pd.DataFrame(rows)
    for column in ("inertia", "inertia_mean", "inertia_std", "inertia_worst"):
        curve[column] = from_unit_scale(curve[column].to_numpy(), exponent, _cost_power(metric))
    return curve


def _check_ks(ks, X):
    wrong = TypeError(f"ks must be an iterable of whole numbers, such as range(1, 11); got {ks!r}.")
    if isinstance(ks, (str, bytes)) or not isinstance(ks, collections.abc.Iterable):
        raise wrong
    try:
        ks = list(ks)
    except TypeError:  # iterable in name only, such as a 0-d array
        raise wrong from None
    if not ks:
        raise ValueError("ks is empty; give at least one number of clusters, e.g. range(1, 11).")
    for k in ks:
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
            raise ValueError(f"Every k must be a whole number >= 1; got {k!r} in ks.")
    if len(set(ks)) != len(ks):
        raise ValueError(f"ks has repeated values: {ks}.")
    try:
        check_k(max(ks), X)
    except ValueError as error:
        raise ValueError(f"ks goes up to {max(ks)}, too many clusters: {error}") from None
    return sorted(int(k) for k in ks)


#: How much sharper the fall into the elbow must be than the fall after it.
CLEAR_ELBOW_RATIO = 4.0


@keywords_checked
def find_elbow(curve, *, min_ratio=CLEAR_ELBOW_RATIO):
    """The k where the inertia curve bends, or None when it has no clear elbow.

    The candidate is the kneedle point: with k and inertia both scaled to
    [0, 1], the point of the curve farthest below the straight line (the
    chord) from its first to its last point.

    A smooth curve, such as the one of data with no clusters, has a "farthest
    point" too, so the candidate must also pass a test: the relative drop in
    inertia into the candidate, log(I[k-1] / I[k]), must be at least
    ``min_ratio`` times the relative drop after it, log(I[k] / I[k+1]). At a
    real elbow adding the k-th cluster pays off much more than adding the next
    one; on uniform noise, each new cluster pays off almost as much as the
    last.

    Parameters
    ----------
    curve : pandas.DataFrame
        From elbow_curve: columns ``k`` and ``inertia``, at least three rows
        with consecutive k.
    min_ratio : float, default 4.0
        How many times bigger the drop into the elbow must be; 0 skips this
        test and returns the kneedle candidate whenever there is one.

    Returns
    -------
    int or None

    Raises
    ------
    TypeError
        When curve is not such a DataFrame, or min_ratio is not a number.
    ValueError
        When min_ratio is negative or not finite, or an inertia is NaN,
        infinite or negative (a run that failed should not pass for "no elbow").
    """
    check_curve(curve)
    min_ratio = check_number(min_ratio, "min_ratio", low=0)
    curve = curve.sort_values("k")
    ks = curve["k"].to_numpy()
    values = curve["inertia"].to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"The curve's inertia must be finite numbers; {bad.sum()} of them are NaN or "
            f"infinite, at k = {', '.join(str(k) for k in ks[bad])}."
        )
    if (values < 0).any():
        # A sum of distances cannot be negative: the log scale below would fail quietly.
        raise ValueError(
            "The curve's inertia is a sum of distances and cannot be negative; it is negative at "
            f"k = {', '.join(str(k) for k in ks[values < 0])}."
        )
    if ks.size < 3:
        raise ValueError(f"An elbow needs at least 3 values of k; the curve has {ks.size}.")
    ks = ks.astype(np.int64)
    if not np.all(np.diff(ks) == 1):
        raise ValueError("The curve's k must be consecutive values, such as 1, 2, ..., 10.")
    if values[0] <= values[-1]:
        return None  # the curve does not fall: nothing to bend

    # Inertia falls by factors, not by amounts: on a log scale a big early
    # drop does not hide a later, sharper bend. (Logs of the values, never
    # their ratios, which would overflow for inertias near 1e300 and 1e-300.)
    exact_logs = np.full(values.shape, -np.inf)
    exact_logs[values > 0] = np.log(values[values > 0])
    logs = np.maximum(exact_logs, exact_logs[0] + math.log(1e-12))
    if logs[0] <= logs[-1]:
        return None  # a fall too small to show in a logarithm
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (logs - logs[-1]) / (logs[0] - logs[-1])
    below_chord = (1.0 - x) - y
    candidate = int(np.argmax(below_chord))
    if candidate in (0, ks.size - 1) or below_chord[candidate] <= 0:
        return None

    here, after = values[candidate : candidate + 2]
    if here <= 0:  # the candidate already fits perfectly: a sharp elbow
        return int(ks[candidate])
    drop_into = exact_logs[candidate - 1] - exact_logs[candidate]
    drop_after = exact_logs[candidate] - exact_logs[candidate + 1] if after > 0 else math.inf
    if drop_into >= min_ratio * drop_after:
        return int(ks[candidate])
    return None


#: The largest k a curve may name (beyond it, k is no longer a whole number in float64).
MAX_K = 10**15


@keywords_checked
def check_curve(curve, columns=("k", "inertia")):
    """Raise a clear error unless curve is a table like elbow_curve's, with these columns.

    Its k must be whole numbers >= 1 (floats such as 3.0 are fine) and every
    column numbers (text such as "3" would sort as text).
    """
    named = ", ".join(map(repr, columns[:-1])) + f" and {columns[-1]!r}"
    if not isinstance(curve, pd.DataFrame):
        raise TypeError(
            f"curve must be a DataFrame with columns {named} (see elbow_curve); "
            f"got a {type(curve).__name__}."
        )
    missing = [c for c in columns if c not in curve.columns]
    if missing:
        raise ValueError(
            f"curve has no column {', '.join(map(repr, missing))}; it needs columns {named} "
            "(see elbow_curve)."
        )
    for column in columns:
        values = curve[column]
        if (
            isinstance(values, pd.DataFrame)  # a repeated column name
            or pd.api.types.is_bool_dtype(values)
            or not pd.api.types.is_numeric_dtype(values)
        ):
            raise TypeError(f"The curve's {column!r} column must hold numbers.")
    ks = curve["k"].to_numpy(dtype=float, na_value=np.nan)
    if not np.all(np.isfinite(ks) & (ks == np.round(ks)) & (ks >= 1) & (ks <= MAX_K)):
        raise ValueError(
            f"The curve's 'k' column must hold whole numbers of clusters, 1 <= k <= {MAX_K:.0e}."
        )
