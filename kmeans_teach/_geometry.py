"""The arithmetic under k-means: distances to centroids and cluster centres.

Everything here is vectorised over points and works through X in chunks of
rows, so the temporary arrays stay a few megabytes even for a million points.
On large inputs the chunks of the assignment, the costliest part, are shared
among the machine's cores. The functions assume checked input (see
_validation.py).
"""

from __future__ import annotations

import functools
import os

import numpy as np

#: Temporary arrays are kept below this many bytes (a chunk of rows at a time).
CHUNK_BYTES = 2 * 2**20  # small enough to stay in cache, large enough to amortise calls


@functools.cache
def label_dtype(k):
    """The integer dtype of the labels 0 .. k-1: int32 (as scikit-learn's), int64 for huge k.

    numpy keeps the dtype of an array in arithmetic with a Python number, so
    labels stored as int8 would wrap (``labels * 50`` holding -106 for 150).
    int32 holds any ordinary arithmetic on cluster indices and takes half the
    memory of int64 in a trajectory that keeps the labels of every step.
    """
    if k - 1 <= np.iinfo(np.int32).max:
        return np.dtype(np.int32)
    return np.dtype(np.int64)


#: Data whose largest value is between 2**-SAFE_EXPONENT and 2**SAFE_EXPONENT (about 1e-120
#: to 1e120) is used as it is: its squares and their sums stay far inside float64.
SAFE_EXPONENT = 400


def unit_exponent(*arrays):
    """The power of two e to divide data by, so that its squares stay inside float64.

    Dividing by 2**e (``to_unit_scale``) changes no digit, so a run on the
    divided data gives exactly the labels it would give at unit scale, and
    its squares can neither overflow (data near 1e300) nor vanish (data near
    1e-300); every result is scaled back at the end. Data of ordinary size
    (largest value within 2**±SAFE_EXPONENT) needs none of this: e is 0.
    Otherwise e brings the largest value of the arrays below 1.
    """
    largest = max(max(float(a.max()), -float(a.min())) for a in arrays)
    if largest == 0:
        return 0
    exponent = int(np.frexp(largest)[1])
    return exponent if abs(exponent) > SAFE_EXPONENT else 0


def to_unit_scale(X, exponent):
    """X divided by 2**exponent (exactly): a new array, or X itself when exponent is 0."""
    if exponent == 0:
        return X
    if abs(exponent) <= 1000:  # 2**-exponent is a float: a product is quicker than ldexp
        return X * 2.0**-exponent
    return np.ldexp(X, -exponent)


def from_unit_scale(values, exponent, power=1):
    """values (or a number) times 2**(power * exponent), in the caller's units.

    A result beyond float64 (a squared distance of data near 1e200) becomes
    inf, and one below it becomes 0, quietly: these are the nearest numbers
    float64 has, and the labels and centroids do not depend on them.
    """
    with np.errstate(over="ignore", under="ignore"):
        scaled = np.ldexp(values, power * exponent)
    return float(scaled) if np.ndim(scaled) == 0 else scaled


def row_chunks(n, bytes_per_row):
    """Slices over range(n) whose temporaries each stay under CHUNK_BYTES."""
    size = max(1, CHUNK_BYTES // max(1, int(bytes_per_row)))
    return [slice(start, min(n, start + size)) for start in range(0, n, size)]


#: From this many rows on, the assignment is shared among several threads.
PARALLEL_MIN_ROWS = 20_000


def worker_count():
    """Threads for large inputs: the usable cores, at most OMP_NUM_THREADS when it is set."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        cores = os.cpu_count() or 1
    cap = os.environ.get("OMP_NUM_THREADS", "")
    if cap.isdigit() and int(cap) > 0:
        cores = min(cores, int(cap))
    return max(1, min(cores, 8))


@functools.cache
def _thread_pool(workers):
    # Made on first use, so importing the package starts no threads.
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(workers, thread_name_prefix="kmeans_teach")


@functools.cache
def _blas_threads():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def for_each_chunk(chunks, work, n_rows):
    """Call work(rows) for every slice in chunks; on several threads when n_rows is large.

    numpy lets go of the interpreter lock inside its loops, so threads that
    each handle their own rows really run at the same time. Meanwhile the
    BLAS library is held to one thread: its own threads gain nothing on these
    thin matrix products and compete with ours (scikit-learn's k-means does the
    same). Each call of work must write only to its own rows.
    """
    if n_rows < PARALLEL_MIN_ROWS:
        # Small data: one thread, and no limit to set (setting it costs more than it saves).
        for rows in chunks:
            work(rows)
        return
    workers = worker_count()
    with _blas_threads().limit(limits=1, user_api="blas"):
        if workers == 1 or len(chunks) == 1:
            for rows in chunks:
                work(rows)
        else:
            for _ in _thread_pool(workers).map(work, chunks):  # iterating re-raises errors
                pass


def cost_matrix(X, centroids, metric):
    """Cost of every point to every centroid, shape (n, k).

    The cost is the squared Euclidean distance for "euclidean" and the L1
    (Manhattan) distance for "manhattan": the term each point adds to the
    objective. Only for small X: it holds the whole (n, k) matrix.
    """
    if metric == "euclidean":
        diff = X[:, None, :] - centroids[None, :, :]
        return np.einsum("nkd,nkd->nk", diff, diff)
    return np.abs(X[:, None, :] - centroids[None, :, :]).sum(axis=2)


def _own_costs(points, centroids, labels, metric):
    # np.take is several times faster than fancy indexing for this gather.
    diff = points - np.take(centroids, labels, axis=0)
    if metric == "euclidean":
        np.square(diff, out=diff)
    else:
        np.abs(diff, out=diff)
    return row_totals(diff)


def row_totals(values):
    """The sum of each row of values (m, d), shape (m,).

    The same as ``values.sum(axis=1)``, which pays a fixed cost per row (most
    of its time when rows are short, as points in the plane are); a product
    with a vector of ones sums every row in one fast pass.
    """
    return values @ np.ones(values.shape[1])


def point_costs(X, centroids, labels, metric):
    """Cost of each point to its own centroid, shape (n,)."""
    costs = np.empty(X.shape[0])
    for rows in row_chunks(X.shape[0], 8 * X.shape[1]):
        costs[rows] = _own_costs(X[rows], centroids, labels[rows], metric)
    return costs


def costs_to_point(X, point, metric):
    """Cost of every row of X to one point, shape (n,)."""
    return point_costs(X, point[None, :], np.zeros(X.shape[0], dtype=np.int8), metric)


def nearest_centroid(X, centroids, metric, squared_lengths=None):
    """Index of each point's nearest centroid and the cost to it.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    centroids : ndarray of shape (k, d)
    metric : {"euclidean", "manhattan"}
    squared_lengths : ndarray of shape (n,), optional
        Each point's squared distance to the origin, |x|^2 (euclidean only).
        When given, the costs come from the same matrix product that picks
        the labels, instead of a second pass over the points. Pass it only
        for centred data (mean at the origin), where that shortcut keeps its
        digits (see steps.py).

    Returns
    -------
    labels : ndarray of shape (n,), small integer dtype
        Ties go to the lowest centroid index. (Two distances that are equal
        on paper can differ in their last digit once rounded; then the
        smaller one wins, as in any floating-point k-means.)
    costs : ndarray of shape (n,)
        Each point's cost to its chosen centroid.
    """
    n, d = X.shape
    k = centroids.shape[0]
    labels = np.empty(n, dtype=label_dtype(k))
    costs = np.empty(n)
    # |x - c|^2 = |x|^2 - 2 x.c + |c|^2, and |x|^2 is the same for every c,
    # so the nearest centroid minimises |c|^2 / 2 - x.c: one matrix product.
    half_sq_norms = 0.5 * np.einsum("kd,kd->k", centroids, centroids)[:, None]

    def assign_rows(rows):
        # Scores are laid out one row per centroid, shape (k, m): see lowest_rows.
        if metric == "euclidean":
            scores = centroids @ X[rows].T
            np.subtract(half_sq_norms, scores, out=scores)  # in place: no second (k, m) array
        else:
            scores = np.abs(centroids[:, None, :] - X[None, rows, :]).sum(axis=2)
        nearest, lowest = lowest_rows(scores, None)  # int8 for few centroids:
        labels[rows] = nearest  # widened here, in the one copy it takes anyway
        if squared_lengths is not None:
            # |x - c|^2 = |x|^2 + 2 (|c|^2 / 2 - x.c); never below 0, whatever the rounding.
            # (Worked out in place in lowest, which is ours: no temporary arrays.)
            lowest *= 2.0
            lowest += squared_lengths[rows]
            np.maximum(lowest, 0.0, out=costs[rows])
        elif metric == "euclidean":
            # Far from the origin the shortcut loses digits: measure the differences.
            costs[rows] = _own_costs(X[rows], centroids, nearest, metric)
        else:
            costs[rows] = lowest

    for_each_chunk(row_chunks(n, 8 * k * (d if metric == "manhattan" else 1)), assign_rows, n)
    return labels, costs


#: Up to this many centroids, lowest_rows finds the minimum one centroid at a time.
FEW_CENTROIDS = 32


def lowest_rows(scores, dtype=np.intp):
    """For each column of scores (k, m), the row of its smallest entry, and that entry.

    The same as ``scores.argmin(axis=0)`` and ``scores.min(axis=0)``; ties go
    to the lowest row. But numpy's argmin pays a fixed cost for every column,
    which is most of its time when the columns are short (a few centroids) and
    there are many of them (points). So with few centroids we take the minimum
    over the rows first (one fast pass), then go through the rows once more: a
    loop over the k centroids, never over the points.

    Returns
    -------
    labels : ndarray of shape (m,), dtype ``dtype``
        (None: the dtype it was found in, int8 up to FEW_CENTROIDS rows, else intp)
    lowest : ndarray of shape (m,)
    """
    k = scores.shape[0]
    lowest = np.minimum.reduce(scores, axis=0)
    if k > FEW_CENTROIDS:
        labels = scores.argmin(axis=0)
        return (labels if dtype is None else labels.astype(dtype, copy=False)), lowest
    # A column's label is the number of rows it passes before the first one
    # that reaches its minimum (so ties go to the lowest row, as with argmin).
    # The count fits in int8 (k <= FEW_CENTROIDS), and adding the True/False
    # flags as int8 ones and zeros is quicker than adding booleans.
    labels = np.zeros(scores.shape[1], dtype=np.int8)
    searching = np.ones(scores.shape[1], dtype=bool)
    for row in scores[:-1]:
        searching &= row != lowest
        labels += searching.view(np.int8)
    return (labels if dtype is None else labels.astype(dtype, copy=False)), lowest


def cluster_sizes(labels, k):
    """Number of points in each cluster, shape (k,)."""
    return np.bincount(labels, minlength=k)


def cluster_centres(X, labels, k, metric, sizes=None):
    """Mean (euclidean) or coordinate-wise median (manhattan) of each cluster.

    Returns an array of shape (k, d); rows of empty clusters are NaN (the
    caller re-seeds them). ``sizes`` (cluster_sizes of labels) saves a count
    when the caller has it already.
    """
    if sizes is None:
        sizes = cluster_sizes(labels, k)
    if metric == "euclidean":
        return cluster_means(X, labels, k, sizes)
    return cluster_medians(X, labels, k, sizes)


def cluster_means(X, labels, k, sizes=None):
    """Mean of each cluster, shape (k, d); NaN rows for empty clusters."""
    if sizes is None:
        sizes = cluster_sizes(labels, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        return cluster_sums(X, labels, k) / sizes[:, None]


def cluster_sums(X, labels, k):
    """Sum of the points of each cluster, shape (k, d)."""
    if X.shape[1] <= 4:
        # Few features: one weighted count per feature is the fastest (with the
        # labels converted once to the integer type bincount works in).
        labels = labels.astype(np.intp, copy=False)
        return np.column_stack([np.bincount(labels, weights=column, minlength=k) for column in X.T])
    # Many features: multiply by the 0/1 membership matrix (k, m), a chunk at a time.
    clusters = np.arange(k)[:, None]
    parts = {}

    def add_rows(rows):
        parts[rows.start] = (clusters == labels[rows]).astype(np.float64) @ X[rows]

    for_each_chunk(row_chunks(X.shape[0], 8 * k), add_rows, X.shape[0])
    # Added in the order of the rows, so the result does not depend on thread timing.
    return np.sum([parts[start] for start in sorted(parts)], axis=0)


def cluster_medians(X, labels, k, sizes=None):
    """Coordinate-wise median of each cluster, shape (k, d); NaN rows for empty clusters."""
    if sizes is None:
        sizes = cluster_sizes(labels, k)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    nonempty = sizes > 0
    lower = starts[nonempty] + (sizes[nonempty] - 1) // 2
    upper = starts[nonempty] + sizes[nonempty] // 2
    medians = np.full((k, X.shape[1]), np.nan)
    for j, column in enumerate(X.T):
        # Sort by cluster, then by value: each cluster's values are then a
        # sorted run, and its median sits in the middle of the run.
        ordered = column[np.lexsort((column, labels))]
        medians[nonempty, j] = 0.5 * (ordered[lower] + ordered[upper])
    return medians
