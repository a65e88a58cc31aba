"""The checks of lesson 8, applications: anomaly scores."""

from __future__ import annotations

import numpy as np

from .._geometry import cluster_means, cost_matrix, point_costs
from .._validation import keywords_checked
from ..steps import kmeans
from ._feedback import (
    FRESH,
    _Case,
    _close,
    _compare_floats,
    _Exercise,
    _fresh_rng,
    _read_array,
    _rng,
    _run,
    _same,
    _Verdict,
)

__all__ = ["check_anomaly_scores"]


def _fresh_anomaly_case():
    rng = _fresh_rng()
    n, d, k = int(rng.integers(8, 25)), int(rng.integers(3, 6)), int(rng.integers(2, 5))
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 4.0, size=d)
    labels = rng.integers(k, size=n)
    labels[:k] = np.arange(k)  # every cluster has a point
    # Centroids a little off the means, as for new data scored with an older model.
    centroids = cluster_means(X, labels, k) + rng.normal(scale=0.5, size=(k, d))
    return X, labels, centroids


@keywords_checked
def check_anomaly_scores(func):
    """Check the lesson 8 exercise: each point's distance to its OWN centroid.

    The anomaly score of a point is the Euclidean distance to the centroid of
    the cluster its label names (``centroids[labels]``). Squared distances
    are not: they rank the points the same way, but the lesson's thresholds
    are distances in the units of the data. One case
    uses labels that are not the nearest centroid, as after the centroids of
    a model have moved: there "own" and "nearest" differ.

    Parameters
    ----------
    func : callable ``func(X, labels, centroids) -> scores``
        ``X`` is an ndarray of shape (n, d), ``labels`` integers of shape (n,),
        ``centroids`` of shape (k, d); ``scores`` must have shape (n,).

    Returns
    -------
    Feedback
        Also printed: the cases (after convergence, labels that are not the
        nearest, a cluster of one point, unequal clusters in 3-D, and data in 3
        to 5 dimensions drawn afresh on every call), what came back, and a hint.
    """

    def own(c):
        return point_costs(c.inputs["X"], c.inputs["centroids"], c.inputs["labels"], "euclidean")

    def to_all(c):
        return cost_matrix(c.inputs["X"], c.inputs["centroids"], "euclidean")

    def judge(case, answer):
        got = _read_array(answer)
        verdict = _compare_floats(got, case.expected)
        if verdict.ok:
            return verdict
        if _same(got, own(case)):
            return _Verdict(
                False,
                "these are SQUARED distances",
                "take the square root (np.sqrt): squared distances rank the points the same "
                "way, but a score, and a threshold on it, is a distance in the units of the data.",
            )
        # Name a point alone in its cluster only when it is the one slip: right elsewhere.
        sizes = np.bincount(case.inputs["labels"], minlength=len(case.inputs["centroids"]))
        alone = sizes[case.inputs["labels"]] == 1
        if (
            got.shape == case.expected.shape
            and _close(got[~alone], case.expected[~alone]).all()
            and np.any(got[alone] != 0)
        ):
            return _Verdict(
                False,
                verdict.detail,
                "a point alone in its cluster IS its centroid: its score is 0.",
            )
        return verdict

    rng = _rng(11)
    X_two = np.concatenate(
        [rng.normal([0.0, 0.0], 1.0, size=(5, 2)), rng.normal([8.0, 3.0], 1.0, size=(5, 2))]
    )
    X_two[4] = [3.5, 2.5]  # a point on the way between the groups: a likely anomaly
    fit = kmeans(X_two, 2, init=X_two[[0, 5]], tol=0)
    X_moved = np.array([[0.0, 0.0], [1.0, 1.0], [4.0, 0.0], [6.0, 1.0], [9.0, 0.0], [5.0, 5.0]])
    X_single = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 8.0], [-6.0, 7.0]])
    single_labels = np.array([0, 0, 0, 1, 1, 2])
    # The third column carries most of the spread: code that drops it shows.
    X_three = _rng(12).normal(size=(15, 3)) * [1.0, 0.5, 6.0]
    three_labels = np.array([0] * 9 + [1] * 4 + [2] * 2)
    inputs = (
        ("after convergence", X_two, fit.labels.astype(np.int64), np.array(fit.centroids), None),
        (
            "labels that are not the nearest centroid",
            X_moved,
            np.array([0, 0, 1, 0, 1, 0]),  # points 2, 3 and 5 are nearer the other centroid
            np.array([[0.0, 0.0], [9.0, 0.0]]),
            "use each point's OWN centroid, centroids[labels], even when another one is nearer.",
        ),
        (
            "a cluster of one point",
            X_single,
            single_labels,
            cluster_means(X_single, single_labels, 3),
            None,
        ),
        (
            "unequal clusters in 3-D",
            X_three,
            three_labels,
            cluster_means(X_three, three_labels, 3),
            None,
        ),
        (FRESH, *_fresh_anomaly_case(), None),
    )
    cases = tuple(
        _Case(
            name,
            {"X": X, "labels": labels, "centroids": centroids},
            np.sqrt(point_costs(X, centroids, labels, "euclidean")),
            hint,
        )
        for name, X, labels, centroids, hint in inputs
    )
    nearest_hint = (
        "you measured the distance to the NEAREST centroid; the score is the distance "
        "to the point's OWN centroid, centroids[labels]. After convergence the two "
        "agree, which is why one case uses labels that are not the nearest."
    )
    variants = (
        (
            lambda c: np.sqrt(
                point_costs(
                    c.inputs["X"][:, :2],
                    c.inputs["centroids"][:, :2],
                    c.inputs["labels"],
                    "euclidean",
                )
            ),
            "your code uses only the first two columns; the distance adds up the squared "
            "differences over ALL the features before the square root.",
        ),
        (lambda c: np.sqrt(to_all(c).min(axis=1)), nearest_hint),
        (lambda c: to_all(c).min(axis=1), nearest_hint),
        (
            lambda c: np.sqrt(((c.inputs["X"] - c.inputs["X"].mean(axis=0)) ** 2).sum(axis=1)),
            "you measured the distance to the mean of ALL the data; the score is the "
            "distance to the point's own centroid, centroids[labels].",
        ),
        (
            lambda c: point_costs(
                c.inputs["X"], c.inputs["centroids"], c.inputs["labels"], "manhattan"
            ),
            "that is the Manhattan distance (sum of absolute differences); use the "
            "Euclidean one: the square root of the sum of squares.",
        ),
        (
            lambda c: np.sqrt(to_all(c)),
            "you returned the distance from every point to every centroid, shape (n, k); "
            "keep only each point's own centroid, centroids[labels].",
        ),
    )
    return _run(
        _Exercise("Anomaly scores", "func(X, labels, centroids)", cases, judge, variants),
        func,
    )
