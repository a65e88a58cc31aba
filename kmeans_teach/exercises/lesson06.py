"""The checks of lesson 6, k-means in scikit-learn: the article's function, corrected."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import datasets
from .._validation import keywords_checked
from ._feedback import FRESH, _Case, _Exercise, _fresh_rng, _run, _Unreadable, _Verdict

__all__ = ["check_kmeans_algorithm"]

#: The K the check tries: the article's 4, and 3 so that a function fixed at 4 shows.
KMEANS_ALGORITHM_KS = (4, 3)


@keywords_checked
def check_kmeans_algorithm(func):
    """Check the lesson 6 exercise: the article's ``kmeans_algorithm(df, K)``, corrected.

    The function fits scikit-learn's ``KMeans`` with K clusters, k-means++ starts,
    ``max_iter=300``, ``random_state=2021`` and ``n_init=10`` on the table ``df`` (columns
    ``X`` and ``Y``) and returns a copy of ``df`` with a ``"labels"`` column and a DataFrame
    of the K centroids with columns ``"X"`` and ``"Y"``, leaving ``df`` unchanged. It runs on
    the article's data (``datasets.load("article", seed=2021)``) for K = 4 and K = 3, and on
    a table of the same kind drawn afresh on every call for K = 5, and is compared with
    scikit-learn's model fitted with those settings. (scikit-learn is imported
    only when the check runs.)

    Parameters
    ----------
    func : callable ``func(df, K) -> (labeled, centroids)``
        ``df`` is a pandas DataFrame of shape (n, 2), ``K`` an int.

    Returns
    -------
    Feedback
        Also printed: for each K what is right and wrong, with a hint. A pair returned
        the wrong way round, ``(centroids, labeled)``, is named as swapped.
    """
    from sklearn.cluster import KMeans

    data = datasets.load("article", seed=2021)
    # The same kind of table drawn afresh on every call: no stored answer fits it.
    fresh = datasets.load("article", seed=int(_fresh_rng().integers(10**9)))
    tables = [(f"the article's data, K = {K}", data, K) for K in KMEANS_ALGORITHM_KS]
    tables.append((f"{FRESH}, K = 5", fresh, 5))
    cases = tuple(
        _Case(
            name,
            {"df": table, "K": K},
            KMeans(n_clusters=K, max_iter=300, random_state=2021, n_init=10).fit(table),
            diagnostic=False,
        )
        for name, table, K in tables
    )

    def judge(case, answer):
        failed = [(what, hint) for ok, what, hint in _judge(answer, case) if not ok]
        if not failed:
            return _Verdict(True)
        return _Verdict(False, "; ".join(f"not so: {what}" for what, _ in failed), failed[0][1])

    exercise = _Exercise(
        "The corrected kmeans_algorithm",
        "func(df, K)",
        cases,
        judge,
        given="df is a pandas DataFrame and K a whole number",
        keep_inputs=True,  # the exercise asks to leave df unchanged
    )
    return _run(exercise, func)


def _judge(result, case):
    """A list of (ok, what was checked, hint when it is wrong)."""
    data, K, reference = case.inputs["df"], case.inputs["K"], case.expected
    if result is None:
        raise _Unreadable(
            "your function returned None",
            "did you forget `return labeled, centroids` at the end?",
        )
    if not (isinstance(result, tuple) and len(result) == 2):
        raise _Unreadable(
            f"it should return two things, got a {type(result).__name__}",
            "return labeled, centroids (a tuple of two DataFrames).",
        )
    labeled, centres = result
    if _swapped(labeled, centres, len(data), K):
        # Said as such: the count of rows of the second result is not a slip about K.
        raise _Unreadable(
            "the pair looks swapped: (centroids, labeled)",
            "return the labeled table first, then the centroids: `return labeled, centroids`.",
        )
    clusters = getattr(centres, "shape", (K,))[0]
    if clusters != K:
        return [
            (
                False,
                f"there are {K} centroids (got {clusters})",
                "use the argument K (n_clusters=K), not a fixed number of clusters.",
            )
        ]
    has_labels = isinstance(labeled, pd.DataFrame) and "labels" in labeled.columns
    lines = [
        (
            has_labels,
            'the first result is a DataFrame with a "labels" column',
            'add the labels as a column named "labels": labeled["labels"] = model.labels_',
        )
    ]
    if not has_labels:
        return lines
    labels = labeled["labels"].to_numpy()
    lines.append(
        (
            len(labeled) == len(data),
            f"it has one row per point ({len(data)})",
            "keep every row of df: add a column, do not filter or aggregate.",
        )
    )
    whole = np.issubdtype(labels.dtype, np.integer)
    in_range = whole and len(labels) == len(data) and labels.min() >= 0 and labels.max() < K
    lines.append(
        (
            bool(in_range),
            f"the labels are whole numbers from 0 to {K - 1}",
            "use model.labels_ as it is (no + 1, no text), from a model with n_clusters=K.",
        )
    )
    good_centres = (
        isinstance(centres, pd.DataFrame)
        and centres.shape == (K, 2)
        and list(centres.columns) == ["X", "Y"]
    )
    lines.append(
        (
            good_centres,
            f'the centroids are a DataFrame of shape ({K}, 2) with columns "X" and "Y"',
            'pd.DataFrame(model.cluster_centers_, columns=["X", "Y"]), and use K, not 4.',
        )
    )
    if in_range and good_centres:
        same = np.array_equal(labels, reference.labels_) and np.allclose(
            centres.to_numpy(dtype=float), reference.cluster_centers_
        )
        lines.append(
            (
                same,
                "the labels and centroids are those of KMeans(n_clusters=K, max_iter=300, "
                "random_state=2021, n_init=10) fitted on both columns",
                "fit on df (both X and Y) with n_clusters=K, n_init=10 and random_state=2021, "
                "and take the labels and the centroids from the same fitted model.",
            )
        )
    return lines


def _has_labels(table):
    return isinstance(table, pd.DataFrame) and "labels" in table.columns


def _rows(value):
    shape = getattr(value, "shape", None)
    return shape[0] if shape else None


def _swapped(first, second, n, K):
    """Whether the pair came as (centroids, labeled): the table of points second."""
    if _has_labels(second) and not _has_labels(first):
        return True
    return n != K and _rows(first) == K and _rows(second) == n
