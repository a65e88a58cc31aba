"""The checks of lesson 3, Lloyd's algorithm: the two half steps and the loop."""

from __future__ import annotations

import numpy as np

from .._geometry import cluster_means, cost_matrix, nearest_centroid
from .._validation import keywords_checked
from ..steps import kmeans_steps
from ._feedback import (
    FLOAT_LABELS_HINT,
    FRESH,
    RTOL,
    _atol,
    _Case,
    _compare_floats,
    _Exercise,
    _fresh_rng,
    _read_array,
    _read_labels,
    _rng,
    _run,
    _same,
    _Unreadable,
    _Verdict,
)

__all__ = ["check_assign_step", "check_kmeans_loop", "check_update_step"]


@keywords_checked
def check_assign_step(func):
    """Check the lesson 3 exercise: the assignment step.

    The student's function gives every point the index of its nearest
    centroid (Euclidean distance), as the assign step of ``kmeans_steps``
    does. When a point is equally far from two centroids either index is
    accepted (``kmeans_steps``, like ``np.argmin``, takes the lowest).

    Parameters
    ----------
    func : callable ``func(X, centroids) -> labels``
        ``X`` is an ndarray of shape (n, d), ``centroids`` of shape (k, d);
        ``labels`` must be integers of shape (n,), each in 0 .. k-1.

    Returns
    -------
    Feedback
        Also printed: the cases (two groups, three centroids in 3-D where the
        third column decides, unequal clusters in 4-D, a tie, a point where
        straight-line and along-the-axes distances disagree, k = 1, and data
        drawn afresh on every call), what came back, and a hint about the
        likely mistake.
    """

    def distances(case, square=True):
        costs = cost_matrix(case.inputs["X"], case.inputs["centroids"], "euclidean")
        return costs if square else np.sqrt(costs)

    def judge(case, answer):
        X, centroids = case.inputs["X"], case.inputs["centroids"]
        labels, as_floats = _read_labels(answer, X.shape[0], centroids.shape[0])
        costs = distances(case)
        best = costs.min(axis=1)
        mine = costs[np.arange(X.shape[0]), labels]
        wrong = ~np.isclose(mine, best, rtol=RTOL, atol=_atol(best))
        if wrong.any():
            i = int(np.flatnonzero(wrong)[0])
            detail = (
                f"{int(wrong.sum())} of {wrong.size} points are not at their nearest centroid; "
                f"point {i}: expected {case.expected[i]}, got {labels[i]}"
            )
            return _Verdict(False, detail + (f" (and {as_floats})" if as_floats else ""))
        if as_floats:
            return _Verdict(False, f"the right clusters, but {as_floats}", FLOAT_LABELS_HINT)
        return _Verdict(True)

    X_tie = np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 0.0], [2.0, 3.0]])
    inputs = (
        (
            "two groups",
            {
                "X": np.array(
                    [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [9.0, 9.0], [10.0, 9.0], [9.0, 10.0]]
                ),
                "centroids": np.array([[1.0, 1.0], [8.0, 8.0]]),
            },
            {},
        ),
        (
            # Points 0 and 2 are nearer centroid 1 in the first two columns alone, but the
            # third column puts them nearer centroid 0: code that drops a column shows.
            "three centroids in 3-D (the third column decides)",
            {
                "X": np.array(
                    [
                        [0.9, 0.0, 0.5],
                        [0.2, 0.1, 7.5],
                        [4.8, 5.2, 0.4],
                        [0.1, -0.2, 0.3],
                        [5.1, 4.9, -6.0],
                        [1.2, 0.1, 8.4],
                    ]
                ),
                "centroids": np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 8.0], [5.0, 5.0, -6.0]]),
            },
            {},
        ),
        (
            "unequal clusters in 4-D",
            {
                "X": np.concatenate(
                    [
                        _rng(2).normal(0.0, 1.0, size=(14, 4)),
                        _rng(3).normal(6.0, 0.3, size=(2, 4)),
                        _rng(4).normal([0.0, 6.0, 0.0, -6.0], 2.0, size=(5, 4)),
                    ]
                ),
                "centroids": np.array(
                    [[0.0, 0.0, 0.0, 0.0], [6.0, 6.0, 6.0, 6.0], [0.0, 6.0, 0.0, -6.0]]
                ),
            },
            {},
        ),
        (
            "a tie",
            {"X": X_tie, "centroids": np.array([[0.0, 0.0], [4.0, 0.0]])},
            {
                "note": "points 1 and 3 are equally far from centroids 0 and 1, so either "
                "label is right there (kmeans_steps, like np.argmin, takes the lowest index)",
                "hint": "on a tie any of the nearest centroids is right, but it must be "
                "one of the nearest.",
                "diagnostic": False,
            },
        ),
        (
            # (0, 0) is nearer (3, 3) in a straight line (4.24 against 5), but nearer
            # (5, 0) along the axes (5 against 6): only the Euclidean distance is right.
            "straight line, not along the axes",
            {
                "X": np.array([[0.0, 0.0], [8.0, 8.0], [6.0, -1.0]]),
                "centroids": np.array([[3.0, 3.0], [5.0, 0.0]]),
            },
            {},
        ),
        (
            "k = 1",
            {"X": _rng(4).normal(size=(5, 2)), "centroids": np.array([[0.5, 0.5]])},
            {
                "hint": "with a single centroid every point gets label 0: does your code "
                "assume at least two centroids?"
            },
        ),
        (FRESH, _fresh_assign_case(), {}),
    )
    cases = tuple(
        _Case(
            name,
            args,
            nearest_centroid(args["X"], args["centroids"], "euclidean")[0].astype(np.int64),
            **extra,
        )
        for name, args, extra in inputs
    )
    variants = (
        (
            lambda c: distances(c).argmax(axis=1),
            "points went to their FARTHEST centroid (argmax instead of argmin?).",
        ),
        (
            lambda c: c.expected + 1,
            "the labels start at 1: Python counts from 0, so the first centroid is cluster 0.",
        ),
        (
            lambda c: distances(c, square=False),
            "you returned the distance from every point to every centroid, shape (n, k); "
            "the label is the index of the smallest in each row: argmin(axis=1).",
        ),
        (
            lambda c: distances(c),
            "you returned the squared distance from every point to every centroid, shape "
            "(n, k); the label is the index of the smallest in each row: argmin(axis=1).",
        ),
        (
            lambda c: distances(c, square=False).min(axis=1),
            "you returned each point's distance to its nearest centroid, not WHICH "
            "centroid that is: use argmin instead of min.",
        ),
        (
            lambda c: distances(c).min(axis=1),
            "you returned each point's squared distance to its nearest centroid, not "
            "WHICH centroid that is: use argmin instead of min.",
        ),
        (
            lambda c: distances(c).argmin(axis=0),
            "you returned one label per centroid (the nearest POINT to each centroid): "
            "take argmin along axis=1, over the centroids.",
        ),
        (
            lambda c: (
                (c.inputs["X"][:, None, :] - c.inputs["centroids"][None, :, :])
                .sum(axis=2)
                .argmin(axis=1)
            ),
            "you added up the signed differences x - c: a negative difference then cancels a "
            "positive one. Square each difference before adding them up.",
        ),
        (
            lambda c: cost_matrix(
                c.inputs["X"][:, :2], c.inputs["centroids"][:, :2], "euclidean"
            ).argmin(axis=1),
            "your code uses only the first two columns; the distance adds up the squared "
            "differences over ALL the features (the sum over the last axis of the whole "
            "difference).",
        ),
        (
            lambda c: cost_matrix(c.inputs["X"], c.inputs["centroids"], "manhattan").argmin(axis=1),
            "you measured the distance along the axes (|dx| + |dy|, the Manhattan distance); "
            "the assign step uses the straight-line (Euclidean) distance, "
            "sqrt(dx**2 + dy**2), or its square.",
        ),
    )
    return _run(
        _Exercise("Assignment step", "func(X, centroids)", cases, judge, variants),
        func,
    )


def _fresh_assign_case():
    rng = _fresh_rng()
    n, k, d = int(rng.integers(8, 25)), int(rng.integers(2, 6)), int(rng.integers(3, 6))
    return {"X": rng.normal(size=(n, d)) * 3, "centroids": rng.normal(size=(k, d)) * 3}


@keywords_checked
def check_update_step(func):
    """Check the lesson 3 exercise: the update step.

    The student's function moves every centroid to the mean of the points
    assigned to it. Every cluster in the cases has at least one point: an
    empty cluster has no mean, and ``kmeans_steps`` re-seeds it instead (at
    the point farthest from its centroid), which is beyond this exercise.

    Parameters
    ----------
    func : callable ``func(X, labels, k) -> centroids``
        ``X`` is an ndarray of shape (n, d), ``labels`` integers of shape (n,)
        in 0 .. k-1, ``k`` an int; ``centroids`` must have shape (k, d), row j
        the mean of ``X[labels == j]``.

    Returns
    -------
    Feedback
        Also printed: the cases (three clusters in 2-D, two clusters in 3-D, a
        cluster of one point, unequal clusters in 4-D, and data drawn afresh on
        every call), what came back, and a hint.
    """

    def medians(c):
        X, labels, k = c.inputs["X"], c.inputs["labels"], c.inputs["k"]
        return np.array([np.median(X[labels == j], axis=0) for j in range(k)])

    def sums(c):
        X, labels, k = c.inputs["X"], c.inputs["labels"], c.inputs["k"]
        return np.array([X[labels == j].sum(axis=0) for j in range(k)])

    def judge(case, answer):
        got = _read_array(answer)
        X, labels, k = case.inputs["X"], case.inputs["labels"], case.inputs["k"]
        sizes = set(np.bincount(labels, minlength=k).tolist())
        if (
            got.ndim == 2
            and got.shape[0] == k
            and got.shape[1] != X.shape[1]
            and sizes == {got.shape[1]}
        ):
            return _Verdict(
                False,
                f"expected shape {case.expected.shape}, got shape {got.shape}: one value per "
                "point of each cluster",
                "you averaged over axis=1, each point's coordinates; a centroid averages the "
                "points of its cluster, over axis=0.",
            )
        verdict = _compare_floats(got, case.expected, row="centroid")
        if not verdict.ok and "NaN" in (verdict.detail or ""):
            return _Verdict(
                False,
                verdict.detail,
                "a NaN centroid is the mean of an empty selection: does j run over "
                "range(k), and is the mask labels == j?",
            )
        return verdict

    X3 = np.array(
        [[0.0, 0.0], [5.0, 5.0], [9.0, 0.0], [1.0, 0.0], [6.0, 5.0], [9.0, 1.0], [0.0, 4.0]]
        + [[5.0, 8.0], [12.0, 0.0]]
    )
    X_single = np.array([[0.0, 0.0], [2.0, 1.0], [5.0, 5.0], [6.0, 5.0], [5.0, 7.0], [-4.0, 9.0]])
    inputs = (
        # The labels interleave, so code that assumes sorted clusters shows.
        ("three clusters in 2-D", X3, np.array([0, 1, 2, 0, 1, 2, 0, 1, 2]), 3, None),
        (
            "two clusters in 3-D",
            _rng(5).normal(size=(10, 3)),
            np.array([0, 1, 1, 0, 0, 1, 0, 0, 1, 1]),
            2,
            None,
        ),
        (
            "a cluster of one point",
            X_single,
            np.array([0, 0, 1, 1, 1, 2]),
            3,
            "the mean of a cluster of one point is that point.",
        ),
        (
            "unequal clusters in 4-D",
            _rng(6).normal(size=(17, 4)) * [1.0, 4.0, 0.5, 2.0],
            np.array([2, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]),
            3,
            None,
        ),
        (FRESH, *_fresh_update_case(), None),
    )
    cases = tuple(
        _Case(name, {"X": X, "labels": labels, "k": k}, cluster_means(X, labels, k), hint)
        for name, X, labels, k, hint in inputs
    )
    variants = (
        (
            lambda c: np.tile(c.inputs["X"].mean(axis=0), (c.inputs["k"], 1)),
            "every centroid is the mean of ALL points — average each cluster "
            "separately (X[labels == j]).",
        ),
        (lambda c: c.expected.T, "your result is transposed: shape (d, k) instead of (k, d)."),
        (
            medians,
            "these are medians (that is k-medians); k-means moves each centroid to the "
            "MEAN of its cluster.",
        ),
        (sums, "these are the SUMS of each cluster: divide by the cluster's size (.mean)."),
        (
            lambda c: np.vstack([c.expected[1:], np.full((1, c.expected.shape[1]), np.nan)]),
            "centroid j holds the mean of cluster j + 1: let j run over range(k), "
            "which starts at 0.",
        ),
        (
            lambda c: sums(c) / len(c.inputs["X"]),
            "you divided each cluster's sum by the number of ALL points; divide by the "
            "size of that cluster (or use .mean(axis=0) on X[labels == j]).",
        ),
        (
            lambda c: c.expected[:, :2],
            "your result has only the first two columns; a centroid has one coordinate "
            "per feature, as many as X has columns.",
        ),
    )
    return _run(
        _Exercise("Update step", "func(X, labels, k)", cases, judge, variants),
        func,
    )


def _fresh_update_case():
    rng = _fresh_rng()
    k, d = int(rng.integers(2, 6)), int(rng.integers(3, 6))
    # Every cluster gets at least one point (an empty one has no mean); sizes differ.
    labels = rng.permutation(
        np.concatenate([np.arange(k), rng.integers(k, size=rng.integers(5, 20))])
    )
    return rng.normal(size=(labels.size, d)) * 2, labels, k


def _fresh_loop_case():
    """Fresh 3-D data and a start from which Lloyd's loop never empties a cluster."""
    rng = _fresh_rng()
    while True:
        sizes = rng.integers(3, 15, size=3)
        centres = rng.normal(scale=4.0, size=(3, 3))
        X = np.concatenate([rng.normal(c, 1.0, size=(s, 3)) for c, s in zip(centres, sizes)])
        initial = X[rng.choice(len(X), size=3, replace=False)]
        # An emptied cluster is re-seeded by kmeans_steps, which the exercise leaves out.
        if not any(step.reseeded for step in kmeans_steps(X, 3, init=initial, tol=0)):
            return X, initial


def _article_case():
    """The article run of the index: its data and k-means++ start (14 iterations, small moves).

    The last ten updates move the centroids by 0.02 to 0.2 in all, so a loop of a fixed
    number of rounds or a shift test as coarse as 0.5 ends it with other labels.
    """
    from .. import datasets  # the registry; imported here so that the checks stay light

    X = datasets.load("article", seed=2021).to_numpy(dtype=float)
    start = next(iter(kmeans_steps(X, 4, init="k-means++", seed=2021)))
    return X, start.centroids


def _long_run_case():
    """3-D groups of 71, 68, 26 and 26 points that overlap: 20 iterations of small moves."""
    rng = _rng(122)
    sizes = rng.integers(15, 80, size=4)
    centres = rng.normal(scale=2.0, size=(4, 3))
    X = np.concatenate([rng.normal(c, 1.0, size=(s, 3)) for c, s in zip(centres, sizes)])
    X = X.round(2)
    return X, X[rng.choice(len(X), 4, replace=False)]


STOPS_EARLY_HINT = (
    "your loop stops too early, before it has converged: a fixed number of rounds "
    "(for _ in range(10)) or a test of the centroids' move as coarse as 0.5 ends it while "
    "labels still change. Test for convergence: stop when an assignment changes no label "
    "(or when the centroids move by less than a small tol, such as 1e-4)."
)


@keywords_checked
def check_kmeans_loop(func):
    """Check the lesson 3 capstone: Lloyd's loop, run to convergence.

    The student's function repeats assign and update from the given
    centroids until no label changes, and returns the final labels and
    centroids. They must equal the last step of
    ``kmeans_steps(X, k, init=initial_centroids, tol=0)``. (A loop that never
    ends cannot be checked: interrupt the kernel.)

    Parameters
    ----------
    func : callable ``func(X, initial_centroids) -> (labels, centroids)``
        ``X`` is an ndarray of shape (n, d), ``initial_centroids`` of shape
        (k, d); return integer labels of shape (n,) and centroids of shape
        (k, d), in that order.

    Returns
    -------
    Feedback
        Also printed: the cases (four points, three groups from a poor start,
        unequal groups in 3-D, the article run of the index, overlapping
        unequal groups in 3-D, k = 1, duplicate points, and data drawn afresh
        on every call), what came back, and a hint.

    Notes
    -----
    The article run (14 iterations) and the overlapping 3-D groups (20
    iterations) end with many small moves: a loop with no convergence test
    (a fixed ``range(10)``) or with a coarse one (stop when the centroids
    move by less than 0.5) stops with other labels and is told so; a usual
    tol such as 1e-4 reaches the same end as "no label changes".
    """

    def read(answer):
        if answer is None:
            raise _Unreadable(
                "your function returned None",
                "did you forget `return labels, centroids` at the end?",
            )
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            what = (
                f"a {type(answer).__name__} of length {len(answer)}"
                if isinstance(answer, (tuple, list))
                else f"a single {type(answer).__name__}"
            )
            raise _Unreadable(
                f"expected a pair (labels, centroids), got {what}",
                "end your function with `return labels, centroids`.",
            )
        return _read_array(answer[0]), _read_array(answer[1])

    def judge(case, answer):
        X, initial = case.inputs["X"], case.inputs["initial_centroids"]
        labels, centroids = read(answer)
        n, k = X.shape[0], initial.shape[0]
        if labels.ndim == 2 and centroids.ndim == 1:
            raise _Unreadable(
                "the pair looks swapped: (centroids, labels)",
                "return labels first, then centroids: `return labels, centroids`.",
            )
        labels, as_floats = _read_labels(labels, n, k)
        expected_labels, expected_centroids, trajectory = case.expected
        centroid_verdict = _compare_floats(centroids, expected_centroids, row="centroid")
        if np.array_equal(labels, expected_labels) and centroid_verdict.ok:
            if as_floats:
                return _Verdict(False, f"the right result, but {as_floats}", FLOAT_LABELS_HINT)
            return _Verdict(True)
        for iteration, (step_labels, step_centroids) in enumerate(trajectory[:-1], start=1):
            if np.array_equal(labels, step_labels) and _same(centroids, step_centroids):
                return _Verdict(
                    False,
                    f"that is the state after iteration {iteration}, but this case needs "
                    f"{len(trajectory)} iterations before an assignment changes no label",
                    STOPS_EARLY_HINT,
                )
        # A loop that assigns after its last update returns the labels of one iteration
        # and the centroids of the one before: a state of the run all the same.
        for iteration, (_, step_centroids) in enumerate(trajectory[:-1], start=1):
            step_labels = trajectory[iteration][0]
            if np.array_equal(labels, step_labels) and _same(centroids, step_centroids):
                return _Verdict(
                    False,
                    f"those are the centroids after iteration {iteration}, but this case "
                    f"needs {len(trajectory)} iterations before an assignment changes no "
                    "label",
                    STOPS_EARLY_HINT,
                )
        if not np.array_equal(labels, expected_labels):
            wrong = labels != expected_labels
            i = int(np.flatnonzero(wrong)[0])
            return _Verdict(
                False,
                f"{int(wrong.sum())} of {n} labels differ; point {i}: "
                f"expected {expected_labels[i]}, got {labels[i]}",
            )
        return _Verdict(
            False,
            f"the labels are right, but the centroids are not: {centroid_verdict.detail}",
            "return the centroids of the last update (the means of the final clusters).",
        )

    def reference(X, initial):
        steps = list(kmeans_steps(X, initial.shape[0], init=initial, tol=0))
        trajectory = [
            (step.labels.astype(np.int64), step.centroids)
            for step in steps
            if step.phase == "update"
        ]
        last = steps[-1]
        return last.labels.astype(np.int64), last.centroids, trajectory

    rng = _rng(9)
    X_three = np.concatenate(
        [rng.normal(centre, 1.0, size=(6, 2)) for centre in ([0.0, 0.0], [6.0, 0.0], [3.0, 5.0])]
    )
    X_four = np.array([[0.0, 0.0], [0.0, 1.0], [9.0, 0.0], [9.0, 1.0]])
    X_one = _rng(10).normal(size=(6, 2))
    X_unequal = np.concatenate(
        [
            _rng(11).normal([0.0, 0.0, 0.0], 1.0, size=(16, 3)),
            _rng(12).normal([5.0, 5.0, 0.0], 0.5, size=(3, 3)),
            _rng(13).normal([0.0, 6.0, 6.0], 1.5, size=(7, 3)),
        ]
    )
    X_duplicates = np.array(
        [[2.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [8.0, 8.0], [8.0, 9.0]]
    )
    inputs = (
        ("four points, two clusters", X_four, np.array([[0.0, 0.0], [1.0, 0.0]]), None),
        # All three starts in the first group (not X[:3]: code that starts from the first
        # rows instead of initial_centroids must show).
        ("three groups from a poor start", X_three, X_three[[1, 3, 5]], None),
        ("unequal groups in 3-D", X_unequal, X_unequal[[5, 2, 20]], None),
        # Runs that need many iterations and end with small moves, so that a loop without
        # a convergence test (a fixed range, a coarse shift rule) shows.
        ("the article run of the index (14 iterations)", *_article_case(), None),
        ("overlapping unequal groups in 3-D (20 iterations)", *_long_run_case(), None),
        (
            "k = 1",
            X_one,
            np.array([[5.0, 5.0]]),
            "with one centroid all points form one cluster and the centroid is their mean.",
        ),
        (
            "duplicate points",
            X_duplicates,
            np.array([[1.0, 1.0], [2.0, 1.0]]),
            "repeated points are ordinary points: each counts once in its cluster's mean.",
        ),
        (FRESH, *_fresh_loop_case(), None),
    )
    cases = tuple(
        _Case(name, {"X": X, "initial_centroids": initial}, reference(X, initial), hint)
        for name, X, initial, hint in inputs
    )

    def after_one_iteration(c):
        X, initial = c.inputs["X"], c.inputs["initial_centroids"]
        labels = nearest_centroid(X, initial, "euclidean")[0]
        return labels, cluster_means(X, labels, initial.shape[0])

    def from_first_rows(c):
        X, k = c.inputs["X"], c.inputs["initial_centroids"].shape[0]
        if np.unique(X[:k], axis=0).shape[0] < k or any(
            step.reseeded for step in kmeans_steps(X, k, init=X[:k], tol=0)
        ):
            return None  # kmeans_steps re-seeds an emptied cluster; a plain loop does not
        return reference(X, X[:k])[:2]

    variants = (
        (
            from_first_rows,
            "your loop ignores initial_centroids and starts from the first rows of X: "
            "start from the centroids the function is given.",
        ),
        (
            after_one_iteration,
            "your function stops after ONE iteration (one assign + update): repeat "
            "both until an assignment changes no label.",
        ),
        (
            lambda c: (
                nearest_centroid(c.inputs["X"], c.inputs["initial_centroids"], "euclidean")[0],
                c.inputs["initial_centroids"],
            ),
            "you returned the first assignment and the initial centroids: the "
            "centroids never moved. Update them (the means) and repeat.",
        ),
        (
            lambda c: (c.expected[0], c.inputs["initial_centroids"]),
            "the labels are right, but you returned the INITIAL centroids: return "
            "the ones your loop computed.",
        ),
    )
    return _run(
        _Exercise(
            "The k-means loop",
            "func(X, initial_centroids)",
            cases,
            judge,
            variants,
            read=read,
        ),
        func,
    )
