"""The checks of lesson 1, what clustering is for: kinds of problem, the sizes of clusters."""

from __future__ import annotations

import dataclasses

import numpy as np

from .._validation import keywords_checked
from ._feedback import (
    FRESH,
    RIGHT,
    WRONG,
    _attempted,
    _Case,
    _Exercise,
    _fmt,
    _fresh_rng,
    _read_array,
    _report,
    _rng,
    _run,
    _Unreadable,
    _Verdict,
)

__all__ = ["check_cluster_sizes", "check_task_kinds"]


BINCOUNT_NOTE = "numpy does this in one call: np.bincount(labels, minlength=k)"


def _fresh_labels():
    rng = _fresh_rng()
    k = int(rng.integers(3, 8))
    sizes = rng.integers(0, 30, size=k)
    labels = rng.permutation(np.repeat(np.arange(k), sizes))
    return FRESH, labels, k


@keywords_checked
def check_cluster_sizes(func):
    """Check the lesson 1 exercise: the number of points in each cluster.

    Parameters
    ----------
    func : callable ``func(labels, k) -> sizes``
        ``labels`` is an integer ndarray of shape (n,) with values 0 .. k-1;
        ``sizes`` must have shape (k,), entry j the number of labels equal to
        j (0 for an empty cluster).

    Returns
    -------
    Feedback
        Also printed: the cases (six points, empty clusters, k = 1, very
        unequal sizes, 200 points, and labels drawn afresh on every call, so
        that no table of answers passes), what came back, and a hint.
    """

    def judge(case, answer):
        if isinstance(answer, dict):  # e.g. collections.Counter(labels)
            raise _Unreadable(
                f"you returned a {type(answer).__name__}, not an array",
                "return an array with one entry per cluster, e.g. counted into "
                "np.zeros(k, dtype=int) (a dict has no entry for an empty cluster).",
            )
        got, expected = _read_array(answer), case.expected
        if got.shape != expected.shape:
            return _Verdict(
                False,
                f"expected {expected.size} sizes, one per cluster, got shape {got.shape}",
                "an empty cluster gets a 0, so the answer always has k entries: "
                "np.bincount(labels) stops at the largest label unless you pass "
                "minlength=k, and np.unique(labels, return_counts=True) leaves empty "
                "clusters out.",
            )
        if np.array_equal(got, expected):
            return _Verdict(True, _fmt(expected))
        if sorted(got.tolist()) == sorted(expected.tolist()):
            return _Verdict(
                False,
                f"expected {_fmt(expected)}, got {_fmt(got)}: the right sizes in the wrong order",
                "entry j must be the size of cluster j.",
            )
        return _Verdict(False, f"expected {_fmt(expected)}, got {_fmt(got)}")

    inputs = (
        ("six points in three clusters", np.array([0, 1, 1, 2, 2, 2]), 3),
        ("clusters 1 and 3 empty", np.array([0, 0, 2, 2, 2]), 4),
        ("k = 1", np.zeros(4, dtype=int), 1),
        (
            "unequal sizes, the last cluster empty",
            np.repeat(np.arange(5), [40, 3, 1, 12, 0]),
            5,
        ),
        ("200 points in 5 clusters", _rng(9).integers(5, size=200), 5),
        _fresh_labels(),
    )
    cases = tuple(
        _Case(name, {"labels": labels, "k": k}, np.bincount(labels, minlength=k))
        for name, labels, k in inputs
    )
    # Said once the 200 points are counted right: the one-call way, for later.
    cases = (*cases[:-2], dataclasses.replace(cases[-2], note=BINCOUNT_NOTE), cases[-1])
    variants = (
        (
            lambda c: np.roll(c.expected, -1),
            "entry j holds the size of cluster j + 1: labels start at 0, so cluster 0 is "
            "entry 0 (did you count into sizes[label - 1]?).",
        ),
        (
            lambda c: np.append(c.expected[1:], 0),
            "entry j holds the size of cluster j + 1 and the last entry is always 0: the "
            "clusters are numbered 0 .. k-1, so count j over range(k), not range(1, k + 1).",
        ),
        (
            lambda c: np.full(c.expected.shape, c.expected.sum()),
            "every entry is the number of all points: count only the labels equal to j.",
        ),
        (
            lambda c: np.sort(c.expected),
            "these are the sizes sorted from small to large: entry j must be the size of "
            "cluster j, in the order of the labels.",
        ),
        (
            lambda c: np.sort(c.expected)[::-1],
            "these are the sizes sorted from large to small (as value_counts() gives "
            "them): entry j must be the size of cluster j; .sort_index() puts them in order.",
        ),
        (
            lambda c: c.expected / c.expected.sum(),
            "these are the shares of the points (they add up to 1); the exercise asks for "
            "the counts.",
        ),
    )
    return _run(
        _Exercise(
            "Cluster sizes",
            "func(labels, k)",
            cases,
            judge,
            variants,
            given="labels is a numpy array of whole numbers and k a whole number",
        ),
        func,
    )


#: The three tasks of exercise (a), in order, with what each is and why any other kind is wrong.
TASKS = (
    (
        "the listeners' groups",
        "clustering",
        {
            "classification": "nobody knows the groups in advance, so there are no labels to "
            "learn from: that rules out classification.",
            "regression": "there is no number to predict: the groups themselves are to be found.",
        },
    ),
    (
        "the loans",
        "classification",
        {
            "clustering": "every past loan comes with its answer (repaid or defaulted): "
            "learning from known answers is supervised, not clustering.",
            "regression": "the answer is one of two categories (repaid or defaulted), not a "
            "number on a scale.",
        },
    ),
    (
        "the electricity use",
        "regression",
        {
            "clustering": "the past bills give the answer to learn from, a known number: "
            "supervised, not clustering.",
            "classification": "kWh is a number on a scale, not one of a few categories.",
        },
    ),
)
TASK_KINDS = ("clustering", "classification", "regression")


def _task_kind(word):
    """'clustering', 'classification' or 'regression' for a word meaning one of them, or None."""
    if not isinstance(word, str):
        return None
    word = word.strip().lower()
    for kind, stem in (
        ("clustering", "cluster"),
        ("classification", "classif"),
        ("regression", "regress"),
    ):
        if word.startswith(stem):
            return kind
    return None


@keywords_checked
def check_task_kinds(kinds):
    """Check the lesson 1 exercise (a): which kind of problem each of the three tasks is.

    Parameters
    ----------
    kinds : list of str
        One word per task, in the order of the exercise: "clustering", "classification" or
        "regression" (any case; "cluster", "classify", "regress" are read the same). ``...``
        means not answered yet.

    Returns
    -------
    Feedback
        Also printed: a ✓ or ✗ per task, with why a wrong kind is wrong.
    """
    title = "Clustering or not?"
    if not _attempted(kinds):
        return _report(
            [
                f"{title}: not attempted yet — put your three answers in the list, then run "
                "this cell again."
            ],
            passed=False,
            attempted=False,
        )
    words = "each 'clustering', 'classification' or 'regression'"
    if isinstance(kinds, str) or not isinstance(kinds, (list, tuple)) or len(kinds) != 3:
        got = f"a {type(kinds).__name__}" + (
            f" of {len(kinds)}" if isinstance(kinds, (list, tuple)) else ""
        )
        return _report(
            [
                f"{title}: expected a list of three answers, one per task, got {got}.",
                f"  Hint: write them in the order of the tasks, {words}: "
                "task_kinds = [..., ..., ...].",
            ],
            passed=False,
        )
    read = [_task_kind(word) for word in kinds]
    if None in read:
        odd = kinds[read.index(None)]
        return _report(
            [
                f"{title}: {odd!r} is not one of the three kinds.",
                f"  Hint: answer with words, {words}.",
            ],
            passed=False,
        )
    lines, right = [], 0
    for number, ((task, expected, why), kind) in enumerate(zip(TASKS, read), start=1):
        if kind == expected:
            right += 1
            lines.append(f"  {RIGHT} task {number} ({task}): {kind}")
        else:
            reason = why[kind][:1].upper() + why[kind][1:]
            lines.append(f"  {WRONG} task {number} ({task}): not {kind}. {reason}")
    if right == 3:
        head = f"{title}: all three right. Well done! Now write a one-line reason for each."
    else:
        head = f"{title}: {right} of 3 right."
    return _report([head, *lines], passed=right == 3)
