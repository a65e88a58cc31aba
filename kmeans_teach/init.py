"""Where k-means starts: the four initialisations.

- "random-partition": every observation gets a random cluster; the centroids
  are the means of those random clusters (the article's Step 1).
- "forgy": k distinct observations, chosen at random, are the centroids.
- "k-means++": the first centroid is a random observation; each next one is
  drawn with probability proportional to a point's current cost (its squared
  distance to the nearest centroid so far), so far-away points are likely.
- "farthest-point": the first centroid is a random observation; each next one
  is the point farthest from every centroid chosen so far (no randomness after
  the first pick, and very sensitive to outliers).

`kmeans_plusplus_picks` exposes the k-means++ draws one at a time, with the
probabilities each was drawn from, so a lesson can show the sampling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._geometry import (
    cluster_centres,
    costs_to_point,
    label_dtype,
    to_unit_scale,
    unit_exponent,
    working_copy,
)
from ._validation import check_data, check_k, check_metric, check_seed, keywords_checked


@dataclass(frozen=True, eq=False)
class PlusPlusPick:
    """One draw of k-means++ seeding.

    Attributes
    ----------
    index : int
        Row of X that became the new centroid.
    centroid : ndarray of shape (d,)
        That row's coordinates.
    probabilities : ndarray of shape (n,)
        The probability every point had of being drawn at this pick (uniform
        for the first pick, proportional to the current cost afterwards).
    """

    index: int
    centroid: np.ndarray
    probabilities: np.ndarray


PlusPlusPick.__init__ = keywords_checked(PlusPlusPick.__init__)  # unknown fields are listed


@keywords_checked
def kmeans_plusplus_picks(X, k, *, seed=None, metric="euclidean"):
    """Yield the k draws of k-means++ seeding, each with its probabilities.

    This is the plain D² sampling of Arthur and Vassilvitskii (2007).
    scikit-learn uses a "greedy" variant that tries several candidates per
    pick and keeps the best, so its seeds differ from these.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n, d)
    k : int
        Number of centroids to draw, 1 <= k <= number of distinct points.
    seed : int, numpy.random.Generator or None, default None
    metric : {"euclidean", "manhattan"}, default "euclidean"
        The cost a point is weighted by: squared Euclidean distance, or L1
        distance for k-medians.

    Yields
    ------
    PlusPlusPick
        One per centroid, in the order they are drawn.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [10.0, 0.0]]
    >>> picks = list(kmeans_plusplus_picks(X, 2, seed=0))
    >>> picks[0].probabilities.round(2).tolist()  # the first pick: any point
    [0.33, 0.33, 0.33]
    >>> picks[0].index, picks[1].probabilities.round(2).tolist()  # then far points
    (1, [0.01, 0.0, 0.99])
    """
    X = check_data(X)
    k = check_k(k, X)
    metric = check_metric(metric)
    rng = check_seed(seed)
    # The costs are worked out as kmeans_steps works them out: on centred data at unit
    # scale (see _geometry.working_copy), so that data near 1e200 or 1e-200, or far from
    # the origin, draws the same points as the same data near 1.
    working, _ = working_copy(to_unit_scale(X, unit_exponent(X)))
    return _plusplus_picks(working, k, rng, metric, rows=X)


def _plusplus_picks(X, k, rng, metric, rows=None):
    """The draws on X; each pick's centroid is the row of ``rows`` (default X) drawn."""
    rows = X if rows is None else rows
    n = X.shape[0]
    probabilities = np.full(n, 1.0 / n)  # the first centroid: any point, equally likely
    closest_cost = np.full(n, np.inf)
    chosen = np.zeros(n, dtype=bool)
    for pick in range(k):
        if pick > 0:
            # The chance of each point is its cost to the nearest centroid so far.
            total = closest_cost.sum()
            if total > 0:
                probabilities = closest_cost / total
            else:
                # Rows that differ by less than a square can show (1 and 1 + 1e-170) all
                # cost 0: then any row not drawn yet, equally likely.
                probabilities = (~chosen) / np.count_nonzero(~chosen)
        index = int(rng.choice(n, p=probabilities))
        chosen[index] = True
        yield PlusPlusPick(index, rows[index].copy(), _read_only(probabilities))
        closest_cost = np.minimum(closest_cost, costs_to_point(X, X[index], metric))


@keywords_checked
def kmeans_plusplus(X, k, rng, metric):
    """Centroids drawn by k-means++ seeding, shape (k, d)."""
    return X[plusplus_rows(X, k, rng, metric)]


@keywords_checked
def plusplus_rows(X, k, rng, metric):
    """The rows of X that k-means++ seeding draws, shape (k,)."""
    return np.array([pick.index for pick in _plusplus_picks(X, k, rng, metric)])


@keywords_checked
def forgy_rows(X, k, rng):
    """k rows of distinct observations, chosen at random, shape (k,)."""
    rows = rng.choice(X.shape[0], size=k, replace=False)
    if np.unique(X[rows], axis=0).shape[0] == k:
        return rows
    # Repeated rows were drawn: choose among the distinct rows (the first of each) instead.
    _, first = np.unique(X, axis=0, return_index=True)
    if first.size < k:
        # Rows that differ only below what float64 keeps next to much larger values (1e-300
        # and 0 beside 1e300, divided by 2**997): any k rows, as the run can tell no more.
        return rng.choice(X.shape[0], size=k, replace=False)
    return first[rng.choice(first.size, size=k, replace=False)]


@keywords_checked
def farthest_point_rows(X, k, rng, metric):
    """A random first row, then each time the row farthest from all chosen; shape (k,)."""
    rows = [int(rng.integers(X.shape[0]))]
    closest_cost = costs_to_point(X, X[rows[0]], metric)
    for _ in range(1, k):
        rows.append(int(np.argmax(closest_cost)))
        closest_cost = np.minimum(closest_cost, costs_to_point(X, X[rows[-1]], metric))
    return np.array(rows)


@keywords_checked
def random_partition(X, k, rng, metric):
    """Random labels with every cluster non-empty, and their centres.

    Returns
    -------
    centroids : ndarray of shape (k, d)
    labels : ndarray of shape (n,)
    """
    n = X.shape[0]
    labels = rng.integers(0, k, size=n).astype(label_dtype(k))
    # With few points a random draw can leave a cluster empty, and an empty
    # cluster has no mean; give the first k points of a shuffle one cluster each.
    labels[rng.permutation(n)[:k]] = np.arange(k)
    centroids = cluster_centres(X, labels, k, metric)
    return centroids, labels


@keywords_checked
def initial_centroids(X, k, init, rng, metric, points=None):
    """Where a checked init starts: centroids (k, d), labels (n,) or None, rows (k,) or None.

    ``rows`` are the rows of X the centroids are (for Forgy, k-means++ and
    farthest point), so that a caller can show the observations themselves.
    X may be a centred copy of the data; ``points`` (default X) are the data
    as given, which Forgy uses to tell distinct observations apart.
    """
    if not isinstance(init, str):
        return init.copy(), None, None
    if init == "random-partition":
        return (*random_partition(X, k, rng, metric), None)
    if init == "forgy":
        rows = forgy_rows(X if points is None else points, k, rng)
    elif init == "k-means++":
        rows = plusplus_rows(X, k, rng, metric)
    else:
        rows = farthest_point_rows(X, k, rng, metric)
    return X[rows], None, rows


def _read_only(array):
    view = array.view()
    array.flags.writeable = False
    return view
