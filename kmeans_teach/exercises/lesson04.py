"""The checks of lesson 4, initialisation: k-means++ probabilities and seeding."""

from __future__ import annotations

import numpy as np

from .._geometry import cost_matrix, nearest_centroid
from ..init import _plusplus_picks
from ._feedback import (
    RIGHT,
    RTOL,
    WRONG,
    _Case,
    _compare_floats,
    _Exercise,
    _fmt,
    _num,
    _percent,
    _raised_text,
    _read_array,
    _rng,
    _run,
    _Unreadable,
    _Verdict,
)

__all__ = ["check_plusplus_probabilities", "check_plusplus_seeds"]


ON_A_CHOSEN_CENTROID_HINT = (
    "a point that sits on a chosen centroid (in 'duplicate points', two copies of each) "
    "has D(x) = 0, so it must get probability 0."
)
PLUSPLUS_RULE_HINT = (
    "the rule: D(x)² is the squared straight-line (Euclidean) distance from x to the "
    "NEAREST chosen centroid, and the probabilities are these D(x)² divided by their total."
)


def check_plusplus_probabilities(func):
    """Check the lesson 4 exercise: the k-means++ probabilities of the next pick.

    Given the centroids chosen so far, the next one is drawn from the points
    with probability proportional to D(x)², the squared Euclidean distance
    from x to the NEAREST chosen centroid (normalised to sum to 1). These are
    the probabilities ``kmeans_teach.init`` draws from; one case is taken
    straight from ``kmeans_plusplus_picks``.

    Parameters
    ----------
    func : callable ``func(X, chosen) -> probabilities``
        ``X`` is an ndarray of shape (n, d), ``chosen`` of shape (m, d) with
        m >= 1; ``probabilities`` must have shape (n,) and sum to 1.

    Returns
    -------
    Feedback
        Also printed: the cases (one chosen, three chosen, the draws of
        kmeans_plusplus_picks, duplicate points), what came back, and a hint.
    """

    def squared(c):
        return cost_matrix(c.inputs["X"], c.inputs["chosen"], "euclidean")

    def normalised(weights):
        return weights / weights.sum()

    def judge(case, answer):
        got = _read_array(answer)
        verdict = _compare_floats(got, case.expected)
        if verdict.ok or got.shape != case.expected.shape:
            return verdict
        total = float(np.asarray(got, dtype=float).sum())
        if not np.isclose(total, 1.0, rtol=RTOL):
            return _Verdict(False, f"{verdict.detail} (yours add up to {_num(total)}, not 1)")
        # Points on a chosen centroid are the special case; name it only if it is the slip.
        on_chosen = squared(case).min(axis=1) == 0
        if np.any(np.asarray(got, dtype=float)[on_chosen] != 0):
            return _Verdict(False, verdict.detail, ON_A_CHOSEN_CENTROID_HINT)
        return _Verdict(False, verdict.detail, PLUSPLUS_RULE_HINT)

    X_one = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [4.0, 4.0], [5.0, 5.0]])
    X_three = np.round(10 * _rng(6).uniform(size=(10, 2)), 1)
    X_picks = _rng(7).normal(size=(12, 2)) * [3.0, 1.0]
    picks = list(_plusplus_picks(X_picks, 3, _rng(8), "euclidean"))
    X_duplicates = np.array(
        [[0.0, 0.0], [0.0, 0.0], [3.0, 0.0], [3.0, 0.0], [1.0, 1.0], [6.0, 1.0]]
    )
    inputs = (
        ("one centroid chosen", X_one, X_one[[0]], None, {}),
        ("three centroids chosen", X_three, X_three[[0, 4, 7]], None, {}),
        (
            "the draws of kmeans_plusplus_picks",
            X_picks,
            np.array([pick.centroid for pick in picks[:2]]),
            picks[2].probabilities,
            {},
        ),
        (
            "duplicate points",
            X_duplicates,
            np.array([[0.0, 0.0], [3.0, 0.0]]),
            None,
            {},
        ),
    )
    cases = tuple(
        _Case(
            name,
            {"X": X, "chosen": chosen},
            np.array(expected) if expected is not None else _plusplus_reference(X, chosen),
            **extra,
        )
        for name, X, chosen, expected, extra in inputs
    )
    variants = (
        (
            lambda c: squared(c).min(axis=1),
            "these are the weights D(x)², not yet probabilities: divide them by their "
            "total so they add up to 1.",
        ),
        (
            lambda c: normalised(np.sqrt(squared(c).min(axis=1))),
            "the weights are plain distances D(x); k-means++ weights by SQUARED distances, D(x)².",
        ),
        (
            lambda c: np.sqrt(squared(c).min(axis=1)),
            "these are plain distances D(x): square them (D(x)²) and divide by their "
            "total so they add up to 1.",
        ),
        (
            lambda c: normalised(squared(c)[:, 0]),
            "you used the distance to the FIRST chosen centroid only: use the NEAREST "
            "chosen centroid (the minimum over all chosen).",
        ),
        (
            lambda c: normalised(squared(c)[:, -1]),
            "you used the distance to the LAST chosen centroid only: use the NEAREST "
            "chosen centroid (the minimum over all chosen).",
        ),
        (
            lambda c: normalised(squared(c).max(axis=1)),
            "you used the distance to the FARTHEST chosen centroid (max instead of min?).",
        ),
        (
            lambda c: normalised(squared(c).sum(axis=1)),
            "you added up the squared distances to ALL chosen centroids: use only the "
            "nearest one (the minimum).",
        ),
        (
            lambda c: np.full(c.inputs["X"].shape[0], 1.0 / c.inputs["X"].shape[0]),
            "every point got the same probability 1/n: that is the rule for the FIRST "
            "pick only; later picks weight each point by D(x)².",
        ),
    )
    return _run(
        _Exercise("k-means++ probabilities", "func(X, chosen)", cases, judge, variants),
        func,
    )


def _plusplus_reference(X, chosen):
    """Probability of each point to be drawn next: its cost to the nearest chosen, normalised."""
    cost_to_nearest = nearest_centroid(X, chosen, "euclidean")[1]
    return cost_to_nearest / cost_to_nearest.sum()


#: Seeds on which check_plusplus_seeds runs a seeding, to see how it behaves.
SEEDING_TRIALS = 200


def check_plusplus_seeds(func):
    """Check the lesson 4 optional exercise: k-means++ seeding, one pick at a time.

    The data are four tight, far-apart groups of 20 points, k = 4. On seeds 0,
    1 and 2 the answer must be 4 distinct row numbers. Drawn as the lesson says
    (every pick with ``rng.choice(n, p=...)``), they are exactly the picks of
    ``kmeans_plusplus_picks``. Drawn another way they are still accepted if
    they behave like k-means++ over 200 seeds: the same picks for the same
    seed, later picks that are random (not always the farthest point), and all
    four groups hit about as often as ``kmeans_plusplus_picks`` hits them (a
    uniform draw, Forgy's, manages it about one time in ten).

    Parameters
    ----------
    func : callable ``func(X, k, seed) -> row numbers``
        ``X`` is an ndarray of shape (n, d); return integers of shape (k,).

    Returns
    -------
    Feedback
        Also printed: the three seeds, what came back, how the picks fall
        over 200 seeds, and a hint.
    """
    k, per_group = 4, 20
    corners = np.array([[-10.0, -10.0], [-10.0, 10.0], [10.0, -10.0], [10.0, 10.0]])
    groups = np.repeat(np.arange(k), per_group)
    X = corners[groups] + _rng(20).normal(scale=1.0, size=(k * per_group, 2))

    def reference(seed):
        draws = _plusplus_picks(X, k, np.random.default_rng(seed), "euclidean")
        return np.array([pick.index for pick in draws])

    def judge(case, answer):
        picks = _read_picks(answer, X.shape[0], k)
        if picks.tolist() == case.expected.tolist():
            return _Verdict(True, "the same picks as kmeans_plusplus_picks")
        return _Verdict(True)

    cases = tuple(
        _Case(f"seed {seed}", {"X": X, "k": k, "seed": seed}, reference(seed), diagnostic=False)
        for seed in range(3)
    )

    def behaviour(func):
        return _seeding_behaviour(func, X, k, groups, reference)

    return _run(
        _Exercise(
            "k-means++ seeding",
            "func(X, k, seed)",
            cases,
            judge,
            given="X is a numpy array, k and seed whole numbers",
            behaviour=behaviour,
        ),
        func,
    )


def _read_picks(answer, n, k):
    """The answer as k distinct row numbers of X, or _Unreadable saying what is wrong."""
    picks = _read_array(answer)
    if picks.shape != (k,) or picks.dtype.kind not in "iu":
        raise _Unreadable(
            f"expected {k} integer row numbers, got {_fmt(answer)}",
            f"return the row numbers of the picks, e.g. np.array(picked): shape ({k},), integers.",
        )
    if len(set(picks.tolist())) != k or picks.min() < 0 or picks.max() >= n:
        raise _Unreadable(
            f"the row numbers must be {k} different rows of X (0 to {n - 1}), got {picks.tolist()}",
            "a chosen point has D(x) = 0, so it can never be drawn again.",
        )
    return picks


def _seeding_behaviour(func, X, k, groups, reference):
    """How func's picks fall over SEEDING_TRIALS seeds: (ok, lines, hint)."""
    answers = []
    for seed in [*range(SEEDING_TRIALS), 0]:  # seed 0 twice: the same seed, the same picks
        try:
            answers.append(_read_picks(func(X.copy(), k, seed), X.shape[0], k))
        except _Unreadable as problem:
            return False, [f"  {WRONG} seed {seed}: {problem.detail}"], problem.hint
        except Exception as error:  # the student's bug: reported, never raised
            line = f"  {WRONG} {_raised_text(error)} on seed {seed}"
            return False, [line], "the message names the problem: run your function with it."
    answers, again = answers[:-1], answers[-1]
    if again.tolist() != answers[0].tolist():
        return (
            False,
            [f"  {WRONG} seed 0 gave {answers[0].tolist()}, then {again.tolist()}"],
            "make every draw with rng = np.random.default_rng(seed), not np.random: the "
            "same seed must give the same picks.",
        )
    expected = [reference(seed) for seed in range(SEEDING_TRIALS)]
    if all(a.tolist() == e.tolist() for a, e in zip(answers, expected)):
        return True, [f"  {RIGHT} the same picks as kmeans_plusplus_picks for all 200 seeds"], None

    def farthest_from_first(picks):
        return int(np.argmax(((X - X[picks[0]]) ** 2).sum(axis=1))) == picks[1]

    if all(farthest_from_first(picks) for picks in answers):
        return (
            False,
            [f"  {WRONG} the second pick is always the point farthest from the first"],
            "that is the farthest-point rule. k-means++ draws each next point at random, "
            "with probability proportional to D(x)²: far points are likely, not certain.",
        )
    yours = np.mean([np.unique(groups[picks]).size == k for picks in answers])
    theirs = np.mean([np.unique(groups[picks]).size == k for picks in expected])
    rates = (
        f"the picks hit all four groups for {_percent(yours)} of {SEEDING_TRIALS} seeds, "
        f"kmeans_plusplus_picks' for {_percent(theirs)}"
    )
    if yours < theirs - 0.25:
        return (
            False,
            [f"  {WRONG} {rates}: far points are not favoured enough"],
            "draw every pick after the first with the probabilities of exercise 1, "
            "rng.choice(n, p=plusplus_probabilities(X, X[picked])), not uniformly.",
        )
    return (
        True,
        [
            f"  {RIGHT} {rates}: they behave like k-means++, though they are not the same "
            "draws. To match kmeans_plusplus_picks exactly, draw every pick, the first one "
            "too, with rng.choice(n, p=...) from rng = np.random.default_rng(seed)."
        ],
        None,
    )
