"""The checks of lesson 2, the objective: the within-cluster variation W(C)."""

from __future__ import annotations

import numpy as np

from ..metrics import within_cluster_variation
from ._feedback import FRESH, _Case, _compare_floats, _Exercise, _fresh_rng, _read_array, _rng, _run

__all__ = ["check_within_cluster_variation"]


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
