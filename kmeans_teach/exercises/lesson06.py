"""The checks of lesson 6, k-means in scikit-learn: the article's function, corrected."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import datasets
from ._feedback import (
    RIGHT,
    WRONG,
    _not_attempted,
    _raised_text,
    _report,
    _stub_that_raised,
    _waits_for,
)

__all__ = ["check_kmeans_algorithm"]

#: The K the check tries: the article's 4, and 3 so that a function fixed at 4 shows.
KMEANS_ALGORITHM_KS = (4, 3)


def check_kmeans_algorithm(func):
    """Check the lesson 6 exercise: the article's ``kmeans_algorithm(df, K)``, corrected.

    The function fits scikit-learn's ``KMeans`` with K clusters, k-means++ starts,
    ``max_iter=300``, ``random_state=2021`` and ``n_init=10`` on the table ``df`` (columns
    ``X`` and ``Y``) and returns a copy of ``df`` with a ``"labels"`` column and a DataFrame
    of the K centroids with columns ``"X"`` and ``"Y"``, leaving ``df`` unchanged. It runs on
    the article's data (``datasets.load("article", seed=2021)``) for K = 4 and K = 3 and is
    compared with scikit-learn's model fitted with those settings.

    Parameters
    ----------
    func : callable ``func(df, K) -> (labeled, centroids)``
        ``df`` is a pandas DataFrame of shape (n, 2), ``K`` an int.

    Returns
    -------
    Feedback
        Also printed: what is right and wrong for each K, with hints.
    """
    title = "The corrected kmeans_algorithm"
    if func is ... or func is None:
        return _not_attempted(title)
    from sklearn.cluster import KMeans  # only when the check runs: importing stays light

    data = datasets.load("article", seed=2021)
    messages, passed = [], True
    for K in KMEANS_ALGORITHM_KS:
        given = data.copy()
        try:
            result = func(given, K)
        except NotImplementedError as error:
            stub = _stub_that_raised(error, func)
            if stub in (None, getattr(func, "__name__", None)):
                return _not_attempted(title)
            return _waits_for(title, stub)
        except (Exception, SystemExit) as error:  # the student's bug: reported, never raised
            messages += [
                f"  {WRONG} with K = {K} {_raised_text(error)}",
                "    Hint: run its lines one by one in a cell of their own to find the bad one.",
            ]
            passed = False
            break
        reference = KMeans(n_clusters=K, max_iter=300, random_state=2021, n_init=10).fit(data)
        try:
            lines = _judge(result, given, data, K, reference)
        except Exception as error:  # an answer so unexpected that judging it failed
            lines = [(False, f"could not read the result ({type(error).__name__}: {error})", "")]
        messages.append(f"  K = {K}:")
        for ok, what, hint in lines:
            messages.append(f"    {RIGHT if ok else WRONG} {what}")
            if not ok and hint:
                messages.append(f"      Hint: {hint}")
        passed = passed and all(ok for ok, _, _ in lines)
    head = f"{title}: {'all right. Well done!' if passed else 'not quite yet.'}"
    return _report([head, *messages], passed=passed)


def _judge(result, given, data, K, reference):
    """A list of (ok, what was checked, hint when it is wrong)."""
    if not (isinstance(result, tuple) and len(result) == 2):
        return [
            (
                False,
                f"it returns two things, got {type(result).__name__}",
                "return labeled, centroids (a tuple of two DataFrames).",
            )
        ]
    labeled, centres = result
    lines = [
        (
            given.equals(data) and list(given.columns) == ["X", "Y"],
            "the df you were given is unchanged",
            "work on a new table (df.assign(labels=...) or df.copy()), not on df itself.",
        )
    ]
    has_labels = isinstance(labeled, pd.DataFrame) and "labels" in labeled.columns
    lines.append(
        (
            has_labels,
            'the first result is a DataFrame with a "labels" column',
            'add the labels as a column named "labels": labeled["labels"] = model.labels_',
        )
    )
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
