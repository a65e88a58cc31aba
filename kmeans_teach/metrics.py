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
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from ._geometry import point_costs, row_chunks
from ._validation import INITS, check_data, check_k, check_metric, check_seed
from .steps import kmeans


def inertia(X, labels, centroids, *, metric="euclidean"):
    """The k-means objective: each point's cost to its own centroid, summed.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,)
        Cluster of each point, in 0 .. k-1.
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
    X = check_data(X)
    centroids = check_data(centroids, name="centroids")
    if centroids.shape[1] != X.shape[1]:
        raise ValueError(f"centroids have {centroids.shape[1]} columns but X has {X.shape[1]}.")
    labels = _check_labels(labels, X.shape[0])
    if labels.max() >= centroids.shape[0]:
        raise ValueError(
            f"labels go up to {labels.max()} but there are only {centroids.shape[0]} centroids."
        )
    return float(point_costs(X, centroids, labels, check_metric(metric)).sum())


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
    labels : array-like of int, shape (n,), optional
        Cluster of each point. Without labels, X is one cluster.

    Returns
    -------
    float, or ndarray of shape (labels.max() + 1,)
        W of the single cluster, or W of every cluster (0 for an empty one).

    Examples
    --------
    >>> within_cluster_variation([[0.0], [2.0]])  # pairs (0,2) and (2,0): (4 + 4) / 2
    4.0
    """
    X = check_data(X)
    if labels is None:
        return _pairwise_variation(X)
    labels = _check_labels(labels, X.shape[0])
    return np.array([_pairwise_variation(X[labels == c]) for c in range(int(labels.max()) + 1)])


def _pairwise_variation(points):
    size = points.shape[0]
    if size == 0:
        return 0.0
    total = 0.0
    for rows in row_chunks(size, 8 * size * points.shape[1]):
        differences = points[rows, None, :] - points[None, :, :]
        total += float(np.sum(differences**2))
    return total / size


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
    labels : array-like of int, shape (n,)
        Needs at least 2 and at most n - 1 distinct clusters.
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The (plain, not squared) distance between points.

    Returns
    -------
    ndarray of shape (n,)
    """
    X = check_data(X)
    labels = _check_labels(labels, X.shape[0])
    metric = check_metric(metric)
    _, codes = np.unique(labels, return_inverse=True)
    n_clusters = int(codes.max()) + 1
    if not 2 <= n_clusters <= X.shape[0] - 1:
        raise ValueError(
            f"The silhouette needs between 2 and n - 1 = {X.shape[0] - 1} clusters; "
            f"the labels have {n_clusters}."
        )
    one_hot = np.zeros((X.shape[0], n_clusters))
    one_hot[np.arange(X.shape[0]), codes] = 1.0
    sizes = one_hot.sum(axis=0)
    scores = np.empty(X.shape[0])
    for rows in row_chunks(
        X.shape[0], 8 * X.shape[0] * (1 if metric == "euclidean" else X.shape[1])
    ):
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
        scores[rows] = np.where(own_size > 1, np.nan_to_num(s), 0.0)
    return scores


def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, seed=None):
    """Mean silhouette over the points (or over a seeded random sample of them).

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    labels : array-like of int, shape (n,)
    metric : {"euclidean", "manhattan"}, default "euclidean"
    sample_size : int, optional
        Average over this many points drawn without replacement (the
        silhouette costs n^2 distances, so large data is sampled).
    seed : int, numpy.random.Generator or None, default None
        Draws the sample; unused without sample_size.

    Returns
    -------
    float
    """
    X = check_data(X)
    labels = _check_labels(labels, X.shape[0])
    if sample_size is not None and sample_size < X.shape[0]:
        if (
            isinstance(sample_size, bool)
            or not isinstance(sample_size, numbers.Integral)
            or sample_size < 2
        ):
            raise ValueError(f"sample_size must be a whole number >= 2, got {sample_size!r}.")
        chosen = check_seed(seed).choice(X.shape[0], size=int(sample_size), replace=False)
        X, labels = X[chosen], labels[chosen]
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))


def _distances(A, B, metric):
    """Plain distances between the rows of A (m, d) and B (n, d): (m, n)."""
    if metric == "manhattan":
        return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)
    squared = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
    return np.sqrt(np.maximum(squared, 0.0))


def _check_labels(labels, n):
    labels = np.asarray(labels)
    if labels.shape != (n,):
        raise ValueError(f"labels must have shape ({n},), one per row of X; got {labels.shape}.")
    if not np.issubdtype(labels.dtype, np.integer):
        raise TypeError(
            f"labels must be whole numbers (cluster indices), got dtype {labels.dtype}."
        )
    if labels.min() < 0:
        raise ValueError("labels must be >= 0 (cluster indices).")
    return labels.astype(np.intp, copy=False)


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
        points (a seeded sample); None uses every point.

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
    if isinstance(n_init, bool) or not isinstance(n_init, numbers.Integral) or n_init < 1:
        raise ValueError(f"n_init must be a whole number >= 1, got {n_init!r}.")
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

    rows = []
    for k in ks:
        runs = [kmeans(X, k, init=init, seed=rng, metric=metric) for _ in range(int(n_init))]
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
    return pd.DataFrame(rows)


def _check_ks(ks, X):
    try:
        ks = list(ks)
    except TypeError:
        raise TypeError(f"ks must be an iterable of whole numbers, got {ks!r}.") from None
    if not ks:
        raise ValueError("ks is empty; give at least one number of clusters, e.g. range(1, 11).")
    for k in ks:
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
            raise ValueError(f"Every k must be a whole number >= 1; got {k!r} in ks.")
    if len(set(ks)) != len(ks):
        raise ValueError(f"ks has repeated values: {ks}.")
    check_k(max(ks), X)
    return sorted(int(k) for k in ks)


#: How much sharper the fall into the elbow must be than the fall after it.
CLEAR_ELBOW_RATIO = 4.0


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
    if not isinstance(curve, pd.DataFrame) or not {"k", "inertia"} <= set(curve.columns):
        raise TypeError(
            "curve must be a DataFrame with columns 'k' and 'inertia' (see elbow_curve)."
        )
    if isinstance(min_ratio, bool) or not isinstance(min_ratio, numbers.Real):
        raise TypeError(f"min_ratio must be a number >= 0, got {min_ratio!r}.")
    if not (math.isfinite(min_ratio) and min_ratio >= 0):
        raise ValueError(f"min_ratio must be a number >= 0, got {min_ratio!r}.")
    for column in ("k", "inertia"):
        # Text such as "3" would pass a conversion to float, and sort as text.
        if pd.api.types.is_bool_dtype(curve[column]) or not pd.api.types.is_numeric_dtype(
            curve[column]
        ):
            raise TypeError(f"The curve's {column!r} column must hold numbers.")
    curve = curve.sort_values("k")
    ks = curve["k"].to_numpy()
    values = curve["inertia"].to_numpy(dtype=float)
    if not np.all(np.isfinite(ks) & (ks == np.round(ks))):
        raise ValueError("The curve's 'k' column must hold whole numbers of clusters.")
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
    if not np.all(np.diff(ks) == 1):
        raise ValueError("find_elbow needs consecutive values of k, such as 1, 2, ..., 10.")
    if values[0] <= values[-1]:
        return None  # the curve does not fall: nothing to bend

    # Inertia falls by factors, not by amounts: on a log scale a big early
    # drop does not hide a later, sharper bend.
    logs = np.log(np.maximum(values, values[0] * 1e-12))
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (logs - logs[-1]) / (logs[0] - logs[-1])
    below_chord = (1.0 - x) - y
    candidate = int(np.argmax(below_chord))
    if candidate in (0, ks.size - 1) or below_chord[candidate] <= 0:
        return None

    before, here, after = values[candidate - 1 : candidate + 2]
    if here <= 0:  # the candidate already fits perfectly: a sharp elbow
        return int(ks[candidate])
    drop_into = math.log(before / here)
    drop_after = math.log(here / after) if after > 0 else math.inf
    if drop_into >= min_ratio * drop_after:
        return int(ks[candidate])
    return None
