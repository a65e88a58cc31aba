"""The checks of lesson 2, the objective: the within-cluster variation W(C) and its cost."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import keywords_checked
from ..metrics import within_cluster_variation
from ._feedback import (
    FRESH,
    RIGHT,
    WRONG,
    _attempted,
    _Case,
    _compare_floats,
    _Exercise,
    _fresh_rng,
    _not_attempted,
    _read_array,
    _report,
    _rng,
    _run,
)

__all__ = ["check_distance_counts", "check_within_cluster_variation"]


@keywords_checked
def check_within_cluster_variation(func):
    """Check the lesson 2 exercise: the within-cluster variation W(C) of one cluster.

    The student's function takes the points of ONE cluster and returns the
    article's W(C): the sum of squared Euclidean distances over all ordered
    pairs (i, i') of points, divided by the number of points |C|. (It equals
    twice the sum of squared distances to the cluster's mean.)

    Parameters
    ----------
    func : callable ``func(points) -> float``
        ``points`` is an ndarray of shape (m, d); the answer is one number.

    Returns
    -------
    Feedback
        Also printed: the cases (three points, one point, twenty random points
        in 3-D, and points in 4-D drawn afresh on every call), what came back,
        and a hint about the likely mistake.
    """

    def pairwise(points, square=True):
        differences = points[:, None, :] - points[None, :, :]
        squared = (differences**2).sum(axis=2)
        return squared.sum() if square else np.sqrt(squared).sum()

    def manhattan(points):
        return np.abs(points[:, None, :] - points[None, :, :]).sum()

    def size(case):
        return case.inputs["points"].shape[0]

    def judge(case, answer):
        return _compare_floats(_read_array(answer), case.expected, row="value")

    inputs = (
        ("three points in 2-D", np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]]), None),
        (
            "a cluster of one point (W = 0)",
            np.array([[3.0, -1.0]]),
            "a single point has no pairs of different points, so W = 0.",
        ),
        ("twenty random points in 3-D", _rng(1).normal(size=(20, 3)), None),
        (
            FRESH,
            _fresh_rng().normal(size=(int(_fresh_rng().integers(5, 16)), 4)) * [1.0, 3.0, 0.5, 2.0],
            None,
        ),
    )
    cases = tuple(
        _Case(name, {"points": points}, within_cluster_variation(points), hint)
        for name, points, hint in inputs
    )
    variants = (
        (
            lambda c: size(c) * c.expected,
            "that is |C| times W: you forgot to divide by |C|, the number of points.",
        ),
        (
            lambda c: c.expected / size(c),
            "that is W / |C|: divide the sum over the pairs by |C|, not by |C|² "
            "(the number of pairs).",
        ),
        (
            lambda c: c.expected / 2,
            "that is half of W: the sum runs over ORDERED pairs, so (i, i') and "
            "(i', i) both count (or you took the squared distances to the mean: "
            "W is twice their sum).",
        ),
        (
            lambda c: c.expected / (2 * size(c)),
            "that is the mean squared distance to the centre (a variance); W is "
            "twice the SUM of the squared distances to the mean.",
        ),
        (
            lambda c: pairwise(c.inputs["points"], square=False) / size(c),
            "you used plain distances; W adds up SQUARED distances: "
            "the sum over features j of (x_ij - x_i'j)**2.",
        ),
        (
            lambda c: pairwise(c.inputs["points"], square=False) / size(c) / 2,
            "you used plain distances (W adds up SQUARED ones) and counted each pair once.",
        ),
        (
            lambda c: manhattan(c.inputs["points"]) / size(c),
            "you added up absolute differences |x_ij - x_i'j| (the Manhattan distance); W "
            "adds up SQUARED differences, (x_ij - x_i'j)**2.",
        ),
        (
            lambda c: pairwise(c.inputs["points"]) / (size(c) - 1),
            "you divided by |C| - 1, as a sample variance does; W divides the sum over the "
            "pairs by |C|, the number of points.",
        ),
        (
            lambda c: pairwise(c.inputs["points"]) / (size(c) * (size(c) - 1)),
            "you divided by the number of pairs of different points, |C|(|C| - 1); W divides "
            "the sum over the pairs by |C|.",
        ),
        (
            lambda c: 2 * ((c.inputs["points"] - c.inputs["points"].mean(axis=0)) ** 2).sum(axis=0),
            "you summed over the points but not over the features: W is one number, "
            "so add up the columns too.",
        ),
    )
    return _run(
        _Exercise(
            "Within-cluster variation W(C)",
            "func(points)",
            cases,
            judge,
            variants,
            given="points is a numpy array of shape (m, d)",
        ),
        func,
    )


#: Exercise (b): the points of the cluster whose two forms of W are counted.
COUNTED_POINTS = 1000


def _count(value):
    """A whole number from an int, an integral float or digits with separators; else None."""
    if isinstance(value, str):
        digits = value.strip().replace(",", "").replace("_", "").replace(" ", "")
        return int(digits) if digits.isdigit() else None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    value = float(value)
    return int(value) if np.isfinite(value) and value == round(value) else None


@keywords_checked
def check_distance_counts(pairwise, centroid):
    """Check the lesson 2 exercise (b): how many squared distances each form of W adds up.

    For a cluster of 1,000 points the pairwise form adds up one squared distance per ordered
    pair, 1000 × 1000 = 1,000,000 (999,000 without each point with itself is accepted too:
    those distances are 0); the centroid form adds up one per point, 1,000, after computing
    the mean once.

    Parameters
    ----------
    pairwise, centroid : int
        The two counts. ``...`` means not answered yet.

    Returns
    -------
    Feedback
        Also printed: a ✓ or ✗ per count, with a hint for the usual slips.
    """
    title = "Counting the squared distances"
    if not (_attempted(pairwise) and _attempted(centroid)):
        return _not_attempted(title, value=True)
    m = COUNTED_POINTS
    counts = {"pairwise": _count(pairwise), "centroid": _count(centroid)}
    given = {"pairwise": pairwise, "centroid": centroid}
    for name, count in counts.items():
        if count is None:
            return _report(
                [
                    f"{title}: the {name} count must be a whole number, got {given[name]!r}.",
                    "  Hint: type the number itself (1_000 or 1000 both work in Python), or "
                    "the product that gives it.",
                ],
                passed=False,
            )
    lines, passed = [], True
    pairs = counts["pairwise"]
    if pairs == m * m:
        lines.append(f"  {RIGHT} pairwise form: {m} × {m} = {m * m:,} ordered pairs")
    elif pairs == m * (m - 1):
        lines.append(
            f"  {RIGHT} pairwise form: {pairs:,}, the ordered pairs of different points (with "
            f"each point and itself too it is {m * m:,}; those distances are 0, so W is the same)"
        )
    else:
        passed = False
        hint = "the sum runs over every i and every i', each from 1 to |C|: |C| × |C| terms."
        if pairs in (m * (m - 1) // 2, m * m // 2):
            hint = (
                "that counts each pair once; W's sum runs over ORDERED pairs, so (i, i') and "
                "(i', i) are both there."
            )
        elif pairs == m:
            hint = (
                "that is one per point, the centroid form's count; the pairwise form takes "
                "every point with every point."
            )
        elif pairs == m**3:
            hint = "a pair is two points, so |C| × |C|, not |C|³."
        lines.append(f"  {WRONG} pairwise form: not {pairs:,}.")
        lines.append(f"    Hint: {hint}")
    if counts["centroid"] == m:
        lines.append(f"  {RIGHT} centroid form: one squared distance per point, {m:,}")
    else:
        passed = False
        got = counts["centroid"]
        hint = "after the mean is computed once, each point adds one squared distance to it."
        if got == m * m:
            hint = (
                "the centroid form does not pair the points: it computes the mean once, then "
                "one squared distance per point."
            )
        elif got in (1, 2):
            hint = "one squared distance for EACH point (to the mean), not one in all."
        lines.append(f"  {WRONG} centroid form: not {got:,}.")
        lines.append(f"    Hint: {hint}")
    head = f"{title}: {'right. Well done!' if passed else 'not quite.'}"
    if passed:
        lines.append(
            f"  The pairwise form does about {m} times the work, and its work grows like "
            "|C|² instead of |C|."
        )
    return _report([head, *lines], passed=passed)
