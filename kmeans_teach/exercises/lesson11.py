"""The checks of lesson 11, real data: matching clusters with known classes."""

from __future__ import annotations

import numpy as np

from .._validation import keywords_checked
from ._feedback import (
    _Case,
    _close,
    _Exercise,
    _num,
    _read_array,
    _rtol,
    _run,
    _Unreadable,
    _Verdict,
)

__all__ = ["check_matched_accuracy"]


#: The slip of table.iloc[rows, cols]: pandas picks every row with every column.
SUBTABLE_HINT = (
    "table.iloc[rows, cols] (like table.loc) picks the whole sub-table, every one of those "
    "rows with every one of those columns, not the paired cells: take the cells pair by "
    "pair from the array, table.to_numpy()[rows, cols], then add them up."
)


@keywords_checked
def check_matched_accuracy(func):
    """Check the lesson 11 exercise: the share of points matched to their own class.

    Clusters are paired one to one with the true classes so that the pairs
    hold as many points as possible (the best matching of the confusion
    table, as ``scipy.optimize.linear_sum_assignment(table, maximize=True)``
    finds it); the answer is the number of points in the matched cells
    divided by the number of points. A cluster or a class left without a
    partner (when there are more clusters than classes, or fewer) counts its
    points as wrong.

    Parameters
    ----------
    func : callable ``func(labels, truth) -> float``
        ``labels`` is an integer ndarray of shape (n,), the cluster of each
        point; ``truth`` an integer ndarray of shape (n,), the class of each
        point, whose names need not be 0 .. k-1. The answer is one number from
        0 to 1.

    Returns
    -------
    Feedback
        Also printed: the cases (clusters numbered unlike the classes, a
        pairing where the greedy choice is not the best, classes named 3 and
        8 with three clusters, three classes with two clusters, and a random
        case made afresh at every call), what came back, and a hint.

    Notes
    -----
    The last case is drawn from an unseeded generator on purpose, so that a
    table of the fixed cases' answers cannot pass; the feedback on it differs
    from call to call. A float32 answer is compared at the float32 tolerance that
    every check uses, so its 7 digits are enough.
    """

    def judge(case, answer):
        if isinstance(answer, (tuple, dict)):
            raise _Unreadable(
                f"expected one number, got a {type(answer).__name__}",
                "return only the share of matched points, one number from 0 to 1 "
                "(not the pairing as well).",
            )
        got = _read_array(answer)
        if got.size != 1 and _column_sums_of_the_subtable(got, case):
            raise _Unreadable(
                f"expected one number, got an array of shape {got.shape}",
                SUBTABLE_HINT,
            )
        if got.size != 1:
            raise _Unreadable(
                f"expected one number, got an array of shape {got.shape}",
                "return one number for the whole labelling: add up the matched cells of the "
                "table, then divide by the number of points.",
            )
        # A float32 answer carries about 7 digits: it is compared at the shared float32
        # tolerance, as every check compares floats, not at float64's.
        rtol = _rtol(got)
        got = float(got.reshape(()))
        expected, n = case.expected, len(case.inputs["labels"])
        if _near(got, expected, rtol):
            return _Verdict(True)
        detail = f"expected {_num(expected)}, got {_num(got)}"
        if expected > 0 and _near(got, 100 * expected, rtol):
            return _Verdict(
                False,
                detail,
                "that is a percentage; return a share from 0 to 1 (leave out the * 100).",
            )
        if _near(got, n * expected, rtol):
            return _Verdict(
                False,
                detail,
                "that is the NUMBER of matched points; divide it by the number of points, "
                "len(labels).",
            )
        return _Verdict(False, detail)

    cases = tuple(
        _Case(
            name,
            {"labels": labels, "truth": truth},
            _best(_table(labels, truth)) / len(labels),
            hint,
        )
        for name, labels, truth, hint in _inputs()
    )

    def table(c):
        return _table(c.inputs["labels"], c.inputs["truth"])

    def n(c):
        return len(c.inputs["labels"])

    variants = (
        (
            lambda c: float(np.mean(c.inputs["labels"] == c.inputs["truth"])),
            "you compared the cluster numbers with the classes directly (labels == truth); "
            "cluster numbers are arbitrary names: pair each cluster with a class first, "
            "then count the points of the matched pairs.",
        ),
        (
            lambda c: _trace(table(c)) / n(c),
            "you added up the table's diagonal as it stands, but its rows and columns are "
            "in no particular order: find the best one-to-one pairing first "
            "(linear_sum_assignment), then add up the paired cells.",
        ),
        (
            lambda c: table(c).max(axis=1).sum() / n(c),
            "you named each cluster after its most common class, so two clusters can "
            "share a class (that is the purity); the pairing must be one to one: "
            "linear_sum_assignment(table, maximize=True).",
        ),
        (
            lambda c: table(c).max(axis=0).sum() / n(c),
            "you gave each class its most common cluster, so two classes can share a "
            "cluster; the pairing must be one to one: "
            "linear_sum_assignment(table, maximize=True).",
        ),
        (
            lambda c: float(_subtable(table(c)).sum()) / n(c),
            SUBTABLE_HINT,
        ),
        (
            lambda c: _greedy(table(c)) / n(c),
            "you paired greedily, the largest cell first; that is not always the best "
            "pairing overall (see the case 'a greedy pairing is not the best'): "
            "linear_sum_assignment finds the best one.",
        ),
        (
            lambda c: _fewest(table(c)) / n(c),
            "you found the pairing that agrees on the FEWEST points: "
            "linear_sum_assignment minimises unless you pass maximize=True (or the "
            "table with its signs turned, -table).",
        ),
        (
            lambda c: _best(table(c)) / _paired_rows(table(c)).sum(),
            "you divided by the points of the paired clusters only; the points of a "
            "cluster left without a class count as wrong: divide by all the points, "
            "len(labels).",
        ),
        (
            lambda c: float(np.mean(_paired(table(c)) / _paired_rows(table(c)).sum(axis=1))),
            "you averaged the clusters' shares; the matched accuracy counts points: add "
            "up the paired cells, then divide by the number of points.",
        ),
        (
            lambda c: 100 * c.expected,
            "that is a percentage; return a share from 0 to 1 (leave out the * 100).",
        ),
        (
            lambda c: c.expected * n(c),
            "that is the NUMBER of matched points; divide it by the number of points, len(labels).",
        ),
    )
    exercise = _Exercise(
        "Matched accuracy",
        "func(labels, truth)",
        cases,
        judge,
        variants,
        given="labels and truth are numpy arrays of integers",
    )
    return _run(exercise, func)


def _inputs():
    """(name, labels, truth, hint) of every case; the last is new at every call."""
    fresh_labels, fresh_truth = _fresh_case(np.random.default_rng())
    return (
        (
            "clusters numbered the other way",
            np.array([1, 1, 1, 0, 0, 0]),
            np.array([0, 0, 0, 1, 1, 0]),
            None,
        ),
        (
            "a greedy pairing is not the best",
            # Table [[5, 4], [4, 0], [0, 1]]: the largest cell (5) first gives 5 + 1 = 6 points,
            # the best pairing 4 + 4 = 8 (and the third cluster has no class left).
            np.array([0] * 9 + [1] * 4 + [2]),
            np.array([0] * 5 + [1] * 4 + [0] * 4 + [1]),
            None,
        ),
        (
            "classes named 3 and 8, three clusters",
            np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]),
            np.array([3, 3, 3, 3, 3, 3, 3, 8, 8, 8, 8, 8]),
            "the classes may have any names and there may be more clusters than classes: "
            "count with pd.crosstab(labels, truth), whose table need not be square, and "
            "linear_sum_assignment takes such a table as it is.",
        ),
        (
            "classes named 1, 4 and 7, two clusters",
            np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]),
            np.array([1, 1, 1, 1, 1, 4, 4, 4, 4, 7, 7, 7]),
            "there may be fewer clusters than classes: a class left without a cluster "
            "counts its points as wrong (pd.crosstab(labels, truth) and "
            "linear_sum_assignment handle a table with more columns than rows).",
        ),
        ("a random case (new at every call)", fresh_labels, fresh_truth, None),
    )


def _fresh_case(rng):
    """Labels and truth of a random case: 3 to 6 classes named by digits, noisy clusters."""
    n_classes = int(rng.integers(3, 7))
    names = rng.choice(10, size=n_classes, replace=False)
    n = int(rng.integers(40, 81))
    classes = rng.integers(n_classes, size=n)
    k = n_classes + int(rng.integers(-1, 2))  # one cluster fewer, as many, or one more
    cluster_of_class = rng.permutation(max(k, n_classes))[:n_classes] % k
    labels = cluster_of_class[classes]
    noisy = rng.random(n) < 0.3
    labels[noisy] = rng.integers(k, size=int(noisy.sum()))
    return labels.astype(np.int64), names[classes]


def _table(labels, truth):
    """The confusion table (clusters x classes) of counts, both sorted as np.unique sorts."""
    _, rows = np.unique(np.asarray(labels), return_inverse=True)
    names, cols = np.unique(np.asarray(truth), return_inverse=True)
    table = np.zeros((rows.max() + 1, len(names)), dtype=np.int64)
    np.add.at(table, (rows.ravel(), cols.ravel()), 1)
    return table


def _pairs(table):
    """The best one-to-one pairing of rows with columns (rows, columns)."""
    # scipy comes with scikit-learn, which lesson 11 uses; imported here so that
    # importing the checks stays light.
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment(table, maximize=True)


def _paired(table):
    return table[_pairs(table)]


def _best(table):
    """The largest number of points a one-to-one pairing can hold."""
    return float(_paired(table).sum())


def _fewest(table):
    """The smallest number of points a one-to-one pairing can hold (the slip of minimising)."""
    return -_best(-table)


def _paired_rows(table):
    """The rows (clusters) that the best pairing gives a class."""
    return table[_pairs(table)[0]]


def _trace(table):
    return float(np.trace(table))


def _subtable(table):
    """Every cell of the paired rows and columns (the slip of table.iloc[rows, cols])."""
    rows, cols = _pairs(table)
    return table[np.ix_(rows, cols)]


def _column_sums_of_the_subtable(got, case):
    """Whether got is the sub-table's column sums over n (table.iloc[rows, cols].sum() / n)."""
    sums = _subtable(_table(case.inputs["labels"], case.inputs["truth"])).sum(axis=0)
    n = len(case.inputs["labels"])
    return got.shape == sums.shape and bool(np.all(_close(got, sums / n, _rtol(got))))


def _greedy(table):
    """Points held by the pairing that takes the largest remaining cell first."""
    table = table.astype(float)
    total = 0.0
    for _ in range(min(table.shape)):
        i, j = np.unravel_index(np.argmax(table), table.shape)
        total += table[i, j]
        table[i, :] = table[:, j] = -np.inf
    return total


def _near(got, expected, rtol):
    """Whether got is expected within rtol (the shared rule: looser for a float32 answer)."""
    return bool(_close(got, expected, rtol))
