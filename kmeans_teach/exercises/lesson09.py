"""The checks of lesson 9, k-means at scale: one mini-batch step."""

from __future__ import annotations

import numpy as np

from .._geometry import cost_matrix
from .._validation import keywords_checked
from ._feedback import (
    FRESH,
    _Case,
    _compare_floats,
    _Exercise,
    _fmt,
    _fresh_rng,
    _read_array,
    _run,
    _Unreadable,
    _Verdict,
)

__all__ = ["check_minibatch_step"]

NAN_HINT = (
    "a centroid that got no batch point stays where it was, even with count 0 (there the "
    "formula gives 0 / 0 = NaN): update only the centroids that got points."
)
STAYS_HINT = "a centroid that got no batch point keeps its place and its count."
ASSIGN_FIRST_HINT = (
    "assign the whole batch FIRST, with the centroids as they are at the start of the "
    "step; only then move them."
)
OLD_COUNT_HINT = (
    "you divided by the OLD count, counts[j]: the new centroid is the mean of the old "
    "counts[j] points and the batch points it got, so divide by new_counts[j] = counts[j] + "
    "the batch points it got (on the first batch the old count is 0)."
)
FIXED_RATE_HINT = (
    "you moved each centroid by a fixed learning rate: in mini-batch k-means the rate is "
    "1 / new_counts[j], so that it shrinks as the centroid is given more points and each "
    "centroid stays the mean of every point it was given."
)
INT_HINT = (
    "your centroids are whole numbers: an integer array (np.array(..., dtype=int), "
    ".astype(int), or a copy of the integer counts) drops the fractions. Keep the centroids "
    "floats: centroids.astype(float) or np.array(centroids, dtype=float)."
)


def _labels(centroids, batch, metric="euclidean", farthest=False):
    costs = cost_matrix(batch, centroids, metric)
    return costs.argmax(axis=1) if farthest else costs.argmin(axis=1)


def _batch_sums(centroids, batch, labels):
    """Per centroid: how many batch points it got, shape (k,), and their sum, shape (k, d)."""
    k = len(centroids)
    sums = np.zeros(np.shape(centroids), dtype=float)
    np.add.at(sums, labels, batch)
    return np.bincount(labels, minlength=k), sums


def _minibatch_step(centroids, counts, batch, labels=None):
    """The reference: each centroid becomes the mean of every point it was ever given.

    Returns the new centroids, shape (k, d), and the new counts, shape (k,).
    """
    labels = _labels(centroids, batch) if labels is None else labels
    got, sums = _batch_sums(centroids, batch, labels)
    new_counts = counts + got
    new = np.array(centroids, dtype=float)
    has = got > 0  # a centroid that got no point stays, whatever its count
    new[has] = (counts[has, None] * centroids[has] + sums[has]) / new_counts[has, None]
    return new, new_counts


def _batch_means(centroids, counts, batch):
    # the slip: a Lloyd update on the batch alone, forgetting what the centroid learned before
    got, sums = _batch_sums(centroids, batch, _labels(centroids, batch))
    new = np.array(centroids, dtype=float)
    has = got > 0
    new[has] = sums[has] / got[has, None]
    return new


def _old_counts_as_one(centroids, counts, batch):
    # the slip: the old centroid weighs as one point, not counts[j]
    got, sums = _batch_sums(centroids, batch, _labels(centroids, batch))
    new = np.array(centroids, dtype=float)
    has = got > 0
    new[has] = (centroids[has] + sums[has]) / (1 + got[has, None])
    return new


def _half_way(centroids, counts, batch):
    # the slip: a fixed step half way to the batch mean
    return (np.array(centroids, dtype=float) + _batch_means(centroids, counts, batch)) / 2


def _online(centroids, counts, batch, *, old_count_step=False):
    # The slips of a loop over the batch: each point assigned to the centroids as moved by
    # the points before it (online k-means), or each step divided by the count before it.
    centroids = np.array(centroids, dtype=float)
    counts = np.array(counts, dtype=float)
    for x in batch:
        j = int(((centroids - x) ** 2).sum(axis=1).argmin())
        if old_count_step:
            centroids[j] += (x - centroids[j]) / counts[j]
            counts[j] += 1
        else:
            counts[j] += 1
            centroids[j] += (x - centroids[j]) / counts[j]
    return centroids


def _old_count_step(centroids, counts, batch):
    # the step of each point divided by the count BEFORE it was added, points assigned first
    labels = _labels(centroids, batch)
    new = np.array(centroids, dtype=float)
    seen = np.array(counts, dtype=float)
    for x, j in zip(batch, labels):
        new[j] += (x - new[j]) / seen[j]
        seen[j] += 1
    return new


def _divided_by_old_count(centroids, counts, batch):
    """The centroids of the two ways to divide by the old count, and None where it is 0.

    ``(counts[j] * c_j + sums) / counts[j]`` and ``c_j + (sums - got * c_j) / counts[j]``.
    """
    got, sums = _batch_sums(centroids, batch, _labels(centroids, batch))
    has = got > 0
    if (counts[has] == 0).any():  # a division by zero: which inf or NaN comes out varies
        return None
    whole, step = np.array(centroids, dtype=float), np.array(centroids, dtype=float)
    whole[has] = (counts[has, None] * centroids[has] + sums[has]) / counts[has, None]
    step[has] = centroids[has] + (sums[has] - got[has, None] * centroids[has]) / counts[has, None]
    return whole, step


def _fixed_rate_fits(centroids, batch, got):
    """Whether got is a step at one fixed rate towards the batch points, in either style.

    Either each centroid moves by ``eta * (batch mean - c_j)``, or it makes one move of
    ``eta * (x - c_j)`` per batch point, in the batch's order; eta is fitted to the answer.
    """
    from scipy.optimize import minimize_scalar  # only when an answer is wrong

    labels = _labels(centroids, batch)
    has = np.bincount(labels, minlength=len(centroids)) > 0

    def per_mean(eta):
        new = np.array(centroids, dtype=float)
        for j in np.flatnonzero(has):
            new[j] += eta * (batch[labels == j].mean(axis=0) - new[j])
        return new

    def per_point(eta):
        new = np.array(centroids, dtype=float)
        for x, j in zip(batch, labels):
            new[j] += eta * (x - new[j])
        return new

    for step in (per_mean, per_point):
        fit = minimize_scalar(
            lambda eta: float(((step(eta) - got) ** 2).sum()),  # noqa: B023 (used at once)
            bounds=(1e-6, 1.0),
            method="bounded",
            options={"xatol": 1e-12},
        )
        if np.allclose(step(fit.x), got, rtol=1e-6, atol=1e-6):
            return True
    return False


def _slip_hint(case, centroids):
    """The one hint that fits these wrong centroids on this case, or None.

    Each is said only when the answer shows the slip, so a student is never told about a
    mistake they did not make.
    """
    old, counts, batch = case.inputs["centroids"], case.inputs["counts"], case.inputs["batch"]
    if centroids.shape != old.shape:
        return None
    if centroids.dtype.kind in "iu":
        return INT_HINT
    got = np.asarray(centroids, dtype=float)
    has = np.bincount(_labels(old, batch), minlength=len(old)) > 0
    if not np.isfinite(got[~has]).all():
        return NAN_HINT
    if not np.allclose(got[~has], old[~has], rtol=1e-6, atol=1e-9):
        return STAYS_HINT
    finite = np.isfinite(got).all()
    divided = _divided_by_old_count(old, counts, batch)
    if (counts[has] == 0).any() and not finite:
        return OLD_COUNT_HINT  # only a division by the old count gives inf here
    if divided is not None and any(np.allclose(got, way) for way in divided):
        return OLD_COUNT_HINT
    if not finite:
        return NAN_HINT
    expected = case.expected[0]
    online = _online(old, counts, batch)
    if not np.allclose(online, expected) and np.allclose(got, online):
        return ASSIGN_FIRST_HINT
    if _fixed_rate_fits(old, batch, got):
        return FIXED_RATE_HINT
    return None


def _read_pair(answer, k, d):
    """The answer as (centroids, counts) arrays, or _Unreadable naming what came back."""
    if answer is None:
        raise _Unreadable(
            "your function returned None",
            "did you forget the `return new_centroids, new_counts` line at the end?",
        )
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        shape = np.shape(answer) if not isinstance(answer, (tuple, list)) else None
        if shape == (k, d):
            raise _Unreadable(
                "you returned only the centroids",
                "return both, as a pair: `return new_centroids, new_counts`.",
            )
        raise _Unreadable(
            f"expected a pair (new_centroids, new_counts), got a {type(answer).__name__}",
            "return both, as a pair: `return new_centroids, new_counts`.",
        )
    centroids, counts = (_read_array(part) for part in answer)
    if centroids.shape == (k,) and counts.shape == (k, d):
        raise _Unreadable(
            "the pair is the wrong way round: counts first, centroids second",
            "return the centroids first: `return new_centroids, new_counts`.",
        )
    return centroids, counts


@keywords_checked
def check_minibatch_step(func):
    """Check the lesson 9 exercise: one step of mini-batch k-means.

    The student's function assigns every point of the batch to its nearest
    centroid (the centroids as they are at the start of the step), adds to
    each count the number of batch points its centroid got, and makes each
    centroid the mean of all the points it has ever been given:
    ``(counts[j] * c_j + sum of its batch points) / new_counts[j]``. A centroid
    that got no batch point stays where it was.

    Parameters
    ----------
    func : callable ``func(centroids, counts, batch) -> (new_centroids, new_counts)``
        ``centroids`` is an ndarray of shape (k, d), ``counts`` integers of
        shape (k,) (the points each centroid has been given so far) and
        ``batch`` an ndarray of shape (b, d). The answer is a pair: the new
        centroids, shape (k, d), and the new counts, shape (k,).

    Returns
    -------
    Feedback
        Also printed: the cases (2-D with counts so far, 3-D where one centroid
        gets no point, a centroid never given a point, two points where the
        order would matter, one where the straight-line and the city-block
        nearest differ, the first batch, and a batch drawn afresh on every
        call), what came back, and the one hint that fits the mistake the
        answer shows (none when no known slip fits): the old centroid weighed
        as one point or forgotten, a division by the old count, a fixed
        learning rate, integer centroids, a centroid without points moved or
        NaN, the batch assigned point by point, and the counts.

    Notes
    -----
    The lesson asks to work on copies: a function that changes the
    centroids or counts it is given is refused even when its answers are
    right, as lesson 6's check refuses a changed ``df``.
    """

    def judge(case, answer):
        expected_centroids, expected_counts = case.expected
        k, d = expected_centroids.shape
        centroids, counts = _read_pair(answer, k, d)
        verdict = _compare_floats(centroids, expected_centroids, row="centroid")
        if not verdict.ok:
            return _Verdict(False, verdict.detail, _slip_hint(case, centroids) or verdict.hint)
        old = case.inputs["counts"]
        if counts.shape != (k,):
            return _Verdict(
                False,
                f"the centroids are right, but the counts have shape {counts.shape}, not ({k},)",
                "new_counts has one entry per centroid: counts + the batch points it got.",
            )
        if np.array_equal(counts, expected_counts):
            return _Verdict(True)
        got = expected_counts - old
        if np.array_equal(old, got) and np.array_equal(counts, old):
            # Either slip gives these counts; the other cases tell which it is.
            hint = None
        elif np.array_equal(counts, old):
            hint = "add to each count the number of batch points its centroid got."
        elif np.array_equal(counts, got):
            hint = (
                "new_counts is the old count PLUS the batch's points "
                "(counts + np.bincount(labels, minlength=k)), not the batch's alone."
            )
        else:
            hint = "new_counts[j] = counts[j] + the number of batch points nearest to centroid j."
        return _Verdict(
            False,
            f"the centroids are right, but the counts are not: expected "
            f"{_fmt(expected_counts)}, got {_fmt(counts)}",
            hint,
        )

    def read(answer):
        # Typical slips are recognised by the centroids they give.
        centroids, _ = answer
        return _read_array(centroids)

    def inputs(c):
        return c.inputs["centroids"], c.inputs["counts"], c.inputs["batch"]

    cases = []
    for name, centroids, counts, batch, hint in (
        (
            "2-D, counts so far [3, 5]",
            [[0.0, 0.0], [6.0, 0.0]],
            [3, 5],
            [[1.0, 1.0], [5.0, -1.0], [7.0, 1.0], [0.5, -0.5]],
            None,
        ),
        (
            "3-D, one centroid gets no point",
            [[0.0, 0.0, 0.0], [4.0, 1.0, 0.0], [0.0, 8.0, 8.0]],
            [10, 1, 4],
            [
                [0.5, 0.2, -0.3],
                [3.5, 1.5, 0.5],
                [-0.4, 0.6, 0.1],
                [4.6, 0.4, -0.2],
                [1.2, -0.8, 0.3],
                [3.9, 2.0, 1.0],
            ],
            None,  # (the hints of the slips these cases reveal come from _slip_hint)
        ),
        (
            "a centroid never given a point gets none now",
            [[-5.0, 0.0], [0.0, 0.0], [5.0, 0.0]],
            [0, 2, 7],
            [[0.4, 0.3], [-0.6, 0.2], [4.2, -0.5], [5.5, 0.8], [6.1, -0.1]],
            None,
        ),
        (
            "two points where the order would matter",
            [[0.0, 0.0], [4.0, 0.0]],
            [1, 1],
            [[1.9, 0.0], [2.1, 0.0]],
            None,
        ),
        (
            "a point nearer in a straight line than in city blocks",
            [[0.0, 0.0], [3.2, 1.2]],
            [2, 2],
            [[2.0, 0.0], [-0.5, 0.3], [3.5, 1.0]],
            None,
        ),
        (
            "the first batch (all counts 0)",
            [[0.0, 0.0], [3.0, 3.0], [-3.0, 3.0]],
            [0, 0, 0],
            [[0.5, -0.5], [2.5, 3.5], [3.5, 2.0], [-0.2, 0.4], [-2.0, 4.0], [0.1, 0.3]],
            None,
        ),
    ):
        centroids, counts, batch = (
            np.array(centroids, dtype=float),
            np.array(counts),
            np.array(batch, dtype=float),
        )
        cases.append(
            _Case(
                name,
                {"centroids": centroids, "counts": counts, "batch": batch},
                _minibatch_step(centroids, counts, batch),
                hint,
            )
        )
    rng = _fresh_rng()
    k, d = int(rng.integers(3, 6)), int(rng.integers(2, 5))
    centroids = rng.normal(scale=4.0, size=(k, d))
    counts = rng.integers(1, 20, size=k)
    near = centroids[rng.integers(0, k, size=int(rng.integers(10, 30)))]
    batch = near + rng.normal(scale=1.5, size=near.shape)  # points around random centroids
    cases.append(
        _Case(
            FRESH,
            {"centroids": centroids, "counts": counts, "batch": batch},
            _minibatch_step(centroids, counts, batch),
        )
    )

    variants = (
        (
            lambda c: _batch_means(*inputs(c)),
            "you moved each centroid to the mean of its batch points alone (a Lloyd update on "
            "the batch): the old centroid stands for counts[j] earlier points, so the new one is "
            "(counts[j] * c_j + sum of its batch points) / new_counts[j].",
        ),
        (
            lambda c: _old_counts_as_one(*inputs(c)),
            "you weighed the old centroid as ONE point: it stands for counts[j] points, "
            "(counts[j] * c_j + sum of its batch points) / new_counts[j].",
        ),
        (
            lambda c: _half_way(*inputs(c)),
            "you moved each centroid half way to its batch mean: the step must shrink as the "
            "count grows, so that each centroid is the mean of all the points it was given.",
        ),
        (
            lambda c: _minibatch_step(
                *inputs(c), labels=_labels(c.inputs["centroids"], c.inputs["batch"], farthest=True)
            )[0],
            "points went to their FARTHEST centroid (argmax instead of argmin?).",
        ),
        (
            lambda c: _minibatch_step(
                *inputs(c), labels=_labels(c.inputs["centroids"], c.inputs["batch"], "manhattan")
            )[0],
            "you assigned with the Manhattan distance (sum of absolute differences); k-means "
            "uses the straight-line (Euclidean) distance.",
        ),
        (
            lambda c: _online(*inputs(c)),
            "you assigned each point to the centroids as already moved by the points before "
            "it: assign the whole batch first, with the centroids as they are at the start of "
            "the step, then move them.",
        ),
        (
            lambda c: _old_count_step(*inputs(c)),
            "each move was divided by the count BEFORE the point was added: add the point to "
            "the count first, then move by (x - c_j) / counts[j].",
        ),
    )
    exercise = _Exercise(
        "One mini-batch step",
        "func(centroids, counts, batch)",
        tuple(cases),
        judge,
        variants,
        read=read,
        given="centroids and batch are float arrays and counts an integer array",
        # The lesson asks to work on copies: a step that changes the caller's centroids or
        # counts is refused, as lesson 6's check refuses a changed df.
        keep_inputs=True,
    )
    return _run(exercise, func)
