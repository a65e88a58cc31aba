"""Checks at the public boundary: every bad input gets an error that names the problem.

The public functions call these first and then work on clean input, so the
algorithm code itself (steps.py, init.py) can stay as short as the lesson's
pseudocode.
"""

from __future__ import annotations

import numbers

import numpy as np

INITS = ("random-partition", "forgy", "k-means++", "farthest-point")
METRICS = ("euclidean", "manhattan")


def check_data(X, *, name="X"):
    """Return X as a float64 array of shape (n, d), or raise a clear error.

    Parameters
    ----------
    X : array-like or pandas.DataFrame of shape (n, d)
        Numeric data, one row per observation.
    name : str, default "X"
        What to call the data in error messages.

    Returns
    -------
    ndarray of shape (n, d), dtype float64, C-contiguous
        A new array: later changes to it never reach the caller's data.
    """
    if hasattr(X, "dtypes") and hasattr(X, "columns"):  # a pandas DataFrame
        bad = [str(c) for c, t in X.dtypes.items() if not _is_numeric_dtype(t)]
        if bad:
            raise TypeError(
                f"{name} has non-numeric columns: {', '.join(map(repr, bad))}. "
                "Drop them or encode them as numbers first."
            )
        values = X.to_numpy(dtype=float, na_value=np.nan)
    else:
        try:
            values = np.asarray(X)
        except Exception as error:  # ragged lists and other odd inputs
            raise TypeError(f"{name} cannot be read as an array: {error}") from None
        if values.dtype == object or not (
            np.issubdtype(values.dtype, np.number) or values.dtype == bool
        ):
            raise TypeError(f"{name} must hold numbers, got values of type {values.dtype}.")
        if np.issubdtype(values.dtype, np.complexfloating):
            raise TypeError(f"{name} must hold real numbers, not complex ones.")
    if values.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (one row per observation, one column per feature); "
            f"got an array of shape {values.shape}. "
            "For a single feature use X.reshape(-1, 1)."
        )
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(
            f"{name} is empty (shape {values.shape}); it needs at least one row and one column."
        )
    values = np.array(values, dtype=np.float64, order="C", copy=True)
    if not np.isfinite(values).all():  # one quick pass; the rows are only sought on failure
        bad_rows = np.flatnonzero(~np.isfinite(values).all(axis=1))
        raise ValueError(
            f"{name} has NaN or infinite values in {bad_rows.size} row(s) "
            f"(the first is row {bad_rows[0]}). Drop or fill them before clustering."
        )
    return values


def _is_numeric_dtype(dtype):
    kind = getattr(dtype, "kind", "O")
    return kind in "biuf"


def check_k(k, X):
    """Return k as an int, checking it is a whole number between 1 and the distinct points of X."""
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be a whole number >= 1, got {k!r} ({type(k).__name__}).")
    k = int(k)
    if k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k}.")
    n = X.shape[0]
    if k > n:
        raise ValueError(f"k={k} is larger than the number of points ({n}).")
    if not has_at_least_distinct_rows(X, k):
        n_distinct = count_distinct_rows(X)
        raise ValueError(
            f"k={k} is larger than the number of distinct points ({n_distinct}): "
            "some clusters would have to be empty. Choose k <= "
            f"{n_distinct}."
        )
    return k


def count_distinct_rows(X):
    """Number of distinct rows of X, a float64 array of shape (n, d)."""
    # Adding 0.0 turns -0.0 into 0.0, so equal values also have equal bytes;
    # comparing each row as one block of bytes is much faster than unique(axis=0).
    rows = np.ascontiguousarray(X + 0.0)
    return int(np.unique(rows.view(np.dtype((np.void, rows.itemsize * rows.shape[1])))).size)


def has_at_least_distinct_rows(X, k):
    """True when X has at least k distinct rows.

    Looks at a small head of X first, so the common case (plenty of distinct
    points) costs almost nothing even for a million rows.
    """
    head = X[: 10 * k + 10]
    if count_distinct_rows(head) >= k:
        return True
    return head.shape[0] < X.shape[0] and count_distinct_rows(X) >= k


def check_seed(seed):
    """Return a numpy Generator for seed (an int, a Generator or None)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"seed must be an int, a numpy Generator or None, got {seed!r} ({type(seed).__name__})."
        )
    if seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed}.")
    return np.random.default_rng(int(seed))


def check_flag(value, name):
    """Return value if it is True or False (not 1, "yes" or None)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return value


def check_metric(metric):
    """Return metric if it is one of METRICS."""
    if not isinstance(metric, str) or metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}; choose one of: {', '.join(METRICS)}.")
    return metric


def check_init(init, k, X):
    """Return init as a method name or a (k, d) float64 array of its own."""
    if isinstance(init, str):
        if init not in INITS:
            raise ValueError(
                f"Unknown init {init!r}; choose one of: {', '.join(INITS)}, "
                "or pass a (k, d) array of initial centroids."
            )
        return init
    try:
        centroids = np.array(init, dtype=np.float64, order="C", copy=True)
    except (TypeError, ValueError):
        raise TypeError(
            f"init must be one of {', '.join(INITS)} or a (k, d) array of numbers, got {init!r}."
        ) from None
    expected = (k, X.shape[1])
    if centroids.shape != expected:
        raise ValueError(
            f"init array has shape {centroids.shape}, but k={k} clusters in "
            f"{X.shape[1]}-D data need shape {expected}."
        )
    if not np.isfinite(centroids).all():
        raise ValueError("init array has NaN or infinite values; every centroid must be finite.")
    return centroids


def check_max_iter(max_iter):
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral):
        raise TypeError(f"max_iter must be a whole number >= 1, got {max_iter!r}.")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter}.")
    return int(max_iter)


def check_tol(tol):
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real):
        raise TypeError(f"tol must be a number >= 0, got {tol!r}.")
    if not np.isfinite(tol) or tol < 0:
        raise ValueError(f"tol must be a finite number >= 0, got {tol}.")
    return float(tol)
