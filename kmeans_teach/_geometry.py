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


#: Labels are stored in a dtype that holds this many times the largest label.
LABEL_HEADROOM = 1000


@functools.cache
def label_dtype(k):
    """The integer dtype of the labels 0 .. k-1: the smallest that holds 1000 times k - 1.

    numpy keeps an array's dtype in arithmetic with a Python number, so labels
    stored as int8 wrap (``labels * 50`` gives -106 for cluster 3). With room
    for a thousand times the largest label, ordinary arithmetic on cluster
    indices gives the right numbers: int16 up to k = 33, then int32. That is
    half the memory of int32 in a trajectory that keeps the labels of every
    step (and int32 labels, twice as many bytes to write and keep, make a
    run of 10,000 points about a seventh slower).
    """
    for dtype in (np.int16, np.int32):
        if (k - 1) * LABEL_HEADROOM <= np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


#: Data whose values and spread are within 2**±SAFE_EXPONENT (about 1e±120) is used as it
#: is: the squares of its differences and their sums stay far inside float64.
SAFE_EXPONENT = 400
#: Scaled data keeps its values below 2**LARGEST_SCALED_EXPONENT, so that sums of a billion
#: of them stay finite.
LARGEST_SCALED_EXPONENT = 900


def unit_exponent(*arrays):
    """The power of two e to divide data by, so that its arithmetic stays inside float64.

    k-means squares differences between points. For data near 1e200 those
    squares overflow, and for data whose points differ by 1e-200 they vanish
    (even when the values themselves are near 1, in another column). Divided
    by 2**e (``to_unit_scale``), the widest column of the data spans less
    than 1: no digit changes, so a run gives exactly the labels it gives at
    unit scale, and every result is scaled back at the end. Data of ordinary
    size needs none of this: e is then 0.

    Parameters
    ----------
    *arrays : ndarray of shape (m, d)
        The data (and centroids, if any), all with the same d columns.

    Returns
    -------
    int
    """
    extremes = [column_extremes(a) for a in arrays]
    high = np.max([a_high for a_high, _ in extremes], axis=0)
    low = np.min([a_low for _, a_low in extremes], axis=0)
    largest = max(float(high.max()), -float(low.min()))
    if largest == 0:
        return 0
    magnitude = int(np.frexp(largest)[1])
    half_spread = float(np.max(0.5 * high - 0.5 * low))  # halves: 1e308 - -1e308 overflows
    spread_exponent = int(np.frexp(half_spread)[1]) + 1 if half_spread > 0 else magnitude
    if abs(spread_exponent) <= SAFE_EXPONENT and magnitude <= SAFE_EXPONENT:
        return 0
    return max(spread_exponent, magnitude - LARGEST_SCALED_EXPONENT)


def column_extremes(a):
    """The largest and the smallest value of each column of a (m, d): two arrays (d,)."""
    if a.flags.f_contiguous or a.shape[1] > 16:
        return a.max(axis=0), a.min(axis=0)
    # Row by row, numpy's reduction over a few columns pays a fixed cost per row (it is
    # a hundred times slower than this): one strided pass per column instead.
    return np.array([c.max() for c in a.T]), np.array([c.min() for c in a.T])


def working_copy(X):
    """A centred copy of X stored column by column, and the offset that was subtracted.

    The offset is the mean of each column, or a constant column's own value,
    so that such a column becomes exactly 0 (a mean of equal numbers can be
    off in its last digit, which a column of 1e50s would turn into a
    distance that swamps every other column). Fortran order makes sums over
    the points read memory in order.

    Returns
    -------
    X : ndarray of shape (n, d), Fortran order
    offset : ndarray of shape (d,)
    """
    working = np.array(X, dtype=np.float64, order="F", copy=True)
    offset = working.mean(axis=0)
    high, low = column_extremes(working)
    constant = high == low
    offset[constant] = working[0, constant]
    working -= offset
    return working, offset


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
