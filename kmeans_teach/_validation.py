"""Checks at the public boundary: every bad input gets an error that names the problem.

The public functions call these first and then work on clean input, so the
algorithm code itself (steps.py, init.py) can stay as short as the lesson's
pseudocode.
"""

from __future__ import annotations

import collections.abc
import difflib
import functools
import inspect
import math
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
    refuse_what_is_not_data(X, name)
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


def refuse_what_is_not_data(value, name):
    """Raise a TypeError for inputs that numpy would turn into the wrong array.

    A masked array would be clustered with its mask ignored (the hidden values
    counted as data), a scipy sparse matrix becomes a 0-d array of objects,
    and a generator is used up by the first look at it. Each message says what
    to pass instead.
    """
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array, and clustering would ignore its mask. Pass a plain "
            f"array of the rows to use, e.g. {name}.data[~np.ma.getmaskarray({name}).any(axis=1)]."
        )
    if type(value).__module__.startswith("scipy.sparse"):
        raise TypeError(
            f"{name} is a scipy sparse matrix; pass a dense array instead ({name}.toarray())."
        )
    if isinstance(value, (collections.abc.Iterator, collections.abc.Set, collections.abc.Mapping)):
        raise TypeError(
            f"{name} is a {type(value).__name__}, which has no fixed order of rows to read "
            f"twice; pass a list or an array of its rows instead (np.array(list({name})))."
        )


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
        raise ValueError(f"k={k} is larger than the number of points in X ({n}).")
    if not has_at_least_distinct_rows(X, k):
        n_distinct = count_distinct_rows(X)
        raise ValueError(
            f"k={k} is larger than the number of distinct points in X ({n_distinct}): "
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
    if init is None or isinstance(init, (bool, numbers.Number)):
        raise TypeError(
            f"init must be one of {', '.join(INITS)} or a (k, d) array of initial centroids, "
            f"got {init!r}."
        )
    refuse_what_is_not_data(init, "init")
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
    return check_whole_number(max_iter, "max_iter", low=1)


def check_tol(tol):
    return check_number(tol, "tol", low=0)


def check_whole_number(value, name, *, low, high=None, none_allowed=False):
    """Return value as an int if it is a whole number in [low, high] (None too if allowed).

    True and False are refused (they are numbers to Python, not to a reader),
    and so are floats such as 3.0 and text such as "3".
    """
    if value is None and none_allowed:
        return None
    limits = f">= {low}" if high is None else f"between {low} and {high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number {limits}"
            f"{' or None' if none_allowed else ''}, got {value!r} ({type(value).__name__})."
        )
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be a whole number {limits}, got {value}.")
    return int(value)


def check_number(value, name, *, low, high=None):
    """Return value as a float if it is a finite real number in [low, high]."""
    limits = f">= {low}" if high is None else f"between {low} and {high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number {limits}, got {value!r} ({type(value).__name__})."
        )
    given = value
    try:
        value = float(value)
    except OverflowError:  # a Python int beyond float64, such as 10**400
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a number {limits}, not NaN or infinite; got {given!r}.")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be a number {limits}, got {given!r}.")
    return value


def check_labels(labels, n, *, index=None, name="labels"):
    """Return labels as an intp array of shape (n,): cluster indices 0, 1, ...

    Parameters
    ----------
    labels : array-like of int, shape (n,), or pandas.Series
        Cluster of each point.
    n : int
        Number of points (rows of X).
    index : pandas.Index or None, default None
        The index of X when X is a DataFrame. A Series of labels is then
        matched to the rows by its index (so a shuffled table keeps its
        labels); a Series whose index holds other rows is refused.
    name : str, default "labels"

    Raises
    ------
    TypeError
        Labels that are not whole numbers (floats, text, True/False).
    ValueError
        Wrong length, missing values (NaN, or pandas' NA in a nullable
        Int64 column), negative labels, or labels too large to index with.
    """
    refuse_what_is_not_data(labels, name)
    if labels is None:
        raise TypeError(f"{name} must be an array of cluster indices, one per row, got None.")
    if hasattr(labels, "columns"):
        raise TypeError(
            f"{name} is a table ({type(labels).__name__}); pass one of its columns, one label "
            "per row, e.g. table['cluster']."
        )
    if hasattr(labels, "index") and hasattr(labels, "isna"):  # a pandas Series
        labels = _aligned_series(labels, index, name)
        missing = labels.isna().to_numpy()
        if missing.any():
            raise ValueError(
                f"{name} has {missing.sum()} missing value(s) (the first at row "
                f"{np.flatnonzero(missing)[0]}); every point needs a cluster."
            )
        # A nullable Int64 column with no NA left converts to plain int64.
        labels = labels.to_numpy(dtype=getattr(labels.dtype, "numpy_dtype", None))
    try:
        labels = np.asarray(labels)
    except Exception as error:  # ragged lists and other odd inputs
        raise TypeError(f"{name} cannot be read as an array: {error}") from None
    if labels.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), one per row of X; got {labels.shape}.")
    if not np.issubdtype(labels.dtype, np.integer):
        hint = ""
        if np.issubdtype(labels.dtype, np.floating):
            hint = (
                " NaN marks a missing label, and every point needs one."
                if np.isnan(labels).any()
                else f" Whole numbers stored as floats convert with {name}.astype(int)."
            )
        raise TypeError(
            f"{name} must be whole numbers (cluster indices 0, 1, ...), got dtype "
            f"{labels.dtype}.{hint}"
        )
    if labels.min() < 0:
        raise ValueError(f"{name} must be >= 0 (cluster indices); the smallest is {labels.min()}.")
    if labels.max() > np.iinfo(np.intp).max:  # uint64 labels from 2**63 on would wrap
        raise ValueError(f"{name} go up to {labels.max()}, too large to be a cluster index.")
    return labels.astype(np.intp)


def check_label_limit(labels, limit, what):
    """Raise a ValueError unless every label is below limit ("k centroids", "n points" ...)."""
    top = int(labels.max())
    if top >= limit:
        raise ValueError(f"labels go up to {top}, but there are only {what}.")


def _aligned_series(labels, index, name):
    """The Series labels in the order of index (X's rows), or an error when they differ."""
    if index is None or labels.index.equals(index):
        return labels
    if (
        len(labels.index) == len(index)
        and index.is_unique
        and labels.index.is_unique
        and set(labels.index) == set(index)
    ):
        return labels.reindex(index)
    raise ValueError(
        f"{name} is a Series whose index does not match X's: they label different rows. "
        f"Pass labels for the rows of X (e.g. {name}.loc[X.index]), or pass {name}.to_numpy() "
        "to match them by position."
    )


def frame_index(X):
    """The index of X if it is a pandas DataFrame (to align labels to), else None."""
    if hasattr(X, "dtypes") and hasattr(X, "columns") and hasattr(X, "index"):
        return X.index
    return None


def keywords_checked(function):
    """Make an unknown keyword argument a TypeError that lists the valid ones.

    Python's own error says only "got an unexpected keyword argument"; a
    student who typed ``seeds=`` or ``K=`` should also see what the function
    does take, and the nearest name. The check costs one set difference per
    call. Works for functions and for methods (``self`` is not listed).
    """
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return function  # it takes any keyword: nothing to check
    valid = [
        p.name
        for p in parameters
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in ("self", "cls")
    ]
    accepted = frozenset(valid)
    qualname = function.__qualname__
    shown = qualname.removesuffix(".__init__")

    @functools.wraps(function)
    def checked(*args, **kwargs):
        unknown = kwargs.keys() - accepted
        if unknown:
            raise TypeError(_unknown_keywords_message(shown, sorted(unknown), valid))
        return function(*args, **kwargs)

    return checked


#: scikit-learn's names for what the package calls otherwise: a habit worth pointing out.
SCIKIT_LEARN_NAMES = {"random_state": "seed", "n_clusters": "k", "max_iterations": "max_iter"}


def _unknown_keywords_message(function_name, unknown, valid):
    words = ", ".join(map(repr, unknown))
    message = f"{function_name}() got an unexpected keyword argument {words}"
    habit = SCIKIT_LEARN_NAMES.get(unknown[0])
    if habit in valid:
        return (
            message + f" (scikit-learn's {unknown[0]}= is {habit}= here); the valid keyword"
            f" arguments are: {', '.join(valid)}."
        )
    close = difflib.get_close_matches(unknown[0], valid, n=1)
    if not close:  # K for k, Seed for seed
        close = [v for v in valid if v.lower() == unknown[0].lower()]
    if close:
        message += f" (did you mean {close[0]!r}?)"
    return message + f"; the valid keyword arguments are: {', '.join(valid)}."
