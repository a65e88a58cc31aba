"""The checks of lesson 4, initialisation: k-means++ probabilities and seeding."""

from __future__ import annotations

import numpy as np

from .._geometry import cost_matrix, nearest_centroid
from .._validation import keywords_checked
from ..init import _plusplus_picks
from ._feedback import (
    FRESH,
    RIGHT,
    RTOL,
    WRONG,
    _Case,
    _compare_floats,
    _Exercise,
    _fmt,
    _fresh_rng,
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


@keywords_checked
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
        kmeans_plusplus_picks, duplicate points, unequal groups in 3-D, and
        data in 3 to 5 dimensions drawn afresh on every call), what came back,
        and a hint.
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
    X_unequal = _seeding_data() * [1.0, 1.0, 3.0]
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
        # Unequal groups in 3-D, where the third column changes which chosen one is nearest.
        ("unequal groups in 3-D", X_unequal, X_unequal[[0, 30, 36]], None, {}),
        (FRESH, *_fresh_probabilities_case(), None, {}),
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
            lambda c: normalised(squared(c).min(axis=1) ** 2),
            "the weights are D(x)⁴ (you squared the squared distances); k-means++ weights by "
            "D(x)², the squared distance itself.",
        ),
        (
            lambda c: normalised(squared(c).min(axis=1) ** 1.5),
            "the weights are D(x)³; k-means++ weights by D(x)², the squared distance.",
        ),
        (
            lambda c: normalised(
                cost_matrix(c.inputs["X"][:, :2], c.inputs["chosen"][:, :2], "euclidean").min(
                    axis=1
                )
            ),
            "your code uses only the first two columns; D(x)² adds up the squared "
            "differences over ALL the features.",
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


def _fresh_probabilities_case():
    rng = _fresh_rng()
    n, d, m = int(rng.integers(8, 30)), int(rng.integers(3, 6)), int(rng.integers(1, 4))
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d)
    return X, X[rng.choice(n, size=m, replace=False)]


def _plusplus_reference(X, chosen):
    """Probability of each point to be drawn next: its cost to the nearest chosen, normalised."""
    cost_to_nearest = nearest_centroid(X, chosen, "euclidean")[1]
    return cost_to_nearest / cost_to_nearest.sum()


#: How many seeds check_plusplus_seeds runs a seeding on, to test how its picks fall. The
#: seeds are drawn afresh on every call, so a table of answers for known seeds cannot pass.
SEEDING_TRIALS = 500

#: The two-sided cut-off of the seeding test's z-score. A seeding that draws by D(x)² is
#: refused with probability P(|Z| > 5) ≈ 5.7e-7 (normal approximation), about once in
#: 1.7 million checks; on the check's data and 500 seeds the closest wrong rules (D³,
#: scikit-learn's greedy start) score about 10 and 9, so they fail all but never.
SEEDING_Z = 5.0

#: How the wrong seeding rules are named in the feedback, by the key of _rule_probabilities.
SEEDING_RULES = {
    "D2": "D(x)², the k-means++ rule",
    "uniform": "a uniform draw among the points not chosen yet (Forgy's start)",
    "D": "plain distances D(x) instead of D(x)²",
    "D3": "D(x)³ instead of D(x)²",
    "D4": "D(x)⁴ instead of D(x)²",
    "greedy": "the greedy variant (several candidates drawn by D(x)², the one that lowers "
    "the inertia most kept, as scikit-learn does)",
}


def _seeding_data():
    """Five groups of unequal sizes (25, 12, 6, 4, 3 points) in 3-D, near enough to overlap."""
    rng = _rng(21)
    sizes = (25, 12, 6, 4, 3)
    centres = rng.normal(scale=4.0, size=(len(sizes), 3))
    return np.concatenate([rng.normal(c, 1.0, size=(s, 3)) for c, s in zip(centres, sizes)])


@keywords_checked
def check_plusplus_seeds(func):
    """Check the lesson 4 optional exercise: k-means++ seeding, one pick at a time.

    The data are 50 points in 3-D, in five groups of unequal sizes, and k = 4. On seeds 0, 1,
    2 and one seed drawn afresh on every call, the answer must be 4 distinct row numbers.
    Drawn as the lesson says (every pick with ``rng.choice(n, p=...)``), they are exactly the
    picks of ``kmeans_plusplus_picks``. Drawn another way they are judged by how they fall
    over 500 seeds: the same picks for the same seed, and every pick after the first drawn
    with probability D(x)² / ΣD(x)² given the picks before it. That is tested with the
    z-score of log D(x)² of the picks (the score test against D(x)^a for other a), two-sided
    at |Z| > 5, on 500 seeds drawn afresh on every call (so that a table of answers for
    known seeds cannot pass), and the verdict does not depend on luck: whichever seeds are
    drawn, a right seeding is refused about once in 1.7 million checks (:data:`SEEDING_Z`).
    A refused seeding is named by the rule its picks fit best: uniform, D, D³, D⁴, farthest
    point or greedy.

    Parameters
    ----------
    func : callable ``func(X, k, seed) -> row numbers``
        ``X`` is an ndarray of shape (n, d); return integers of shape (k,).

    Returns
    -------
    Feedback
        Also printed: the seeds, what came back, how the picks fall over 500 seeds drawn
        afresh on every call, and a hint.
    """
    k = 4
    X = _seeding_data()

    def reference(seed):
        draws = _plusplus_picks(X, k, np.random.default_rng(seed), "euclidean")
        return np.array([pick.index for pick in draws])

    def judge(case, answer):
        picks = _read_picks(answer, X.shape[0], k)
        if picks.tolist() == case.expected.tolist():
            return _Verdict(True, "the same picks as kmeans_plusplus_picks")
        return _Verdict(True)

    fresh_seed = int(_fresh_rng().integers(10**6, 10**9))
    cases = tuple(
        _Case(name, {"X": X, "k": k, "seed": seed}, reference(seed), diagnostic=False)
        for name, seed in [
            *((f"seed {s}", s) for s in range(3)),
            (f"seed {fresh_seed}, drawn anew on every run", fresh_seed),
        ]
    )

    def behaviour(func):
        # Drawn afresh, like the fresh case: the z-test's false-reject rate is the same on
        # any seeds, while a table of answers for known seeds now meets seeds it lacks.
        seeds = _fresh_rng().choice(10**9, size=SEEDING_TRIALS, replace=False)
        return _seeding_behaviour(func, X, k, reference, [int(seed) for seed in seeds])

    return _run(
        _Exercise(
            "k-means++ seeding",
            "func(X, k, seed)",
            cases,
            judge,
            given="X is a numpy array, k and seed whole numbers",
            behaviour=behaviour,
            cases_check_only="4 different rows of X",
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


def _rule_probabilities(X, d2):
    """The probability of every point to be picked next under each rule, given D(x)² (n,)."""
    chosen = d2 == 0
    rules = {}
    for name, power in (("uniform", 0.0), ("D", 0.5), ("D2", 1.0), ("D3", 1.5), ("D4", 2.0)):
        weights = np.where(chosen, 0.0, d2**power)
        rules[name] = weights / weights.sum()
    # Greedy: L candidates drawn by D², the one leaving the smallest total cost kept. The
    # best of L draws is point j when all L fall on points no better than j, but not all
    # on points worse than j.
    p, L = rules["D2"], 2 + int(np.log(4))
    cost_after = np.array([np.minimum(d2, ((X - x) ** 2).sum(axis=1)).sum() for x in X])
    no_better = np.array([p[cost_after >= c].sum() for c in cost_after])
    worse = np.array([p[cost_after > c].sum() for c in cost_after])
    rules["greedy"] = np.where(chosen, 0.0, no_better**L - worse**L)
    return rules


def _seeding_test(X, all_picks):
    """The z-score of log D² of the picks after the first, and the log-likelihood per rule."""
    total, variance = 0.0, 0.0
    loglik = dict.fromkeys(SEEDING_RULES, 0.0)
    farthest = later_farthest = 0
    for picks in all_picks:
        for m in range(1, len(picks)):
            d2 = cost_matrix(X, X[picks[:m]], "euclidean").min(axis=1)
            d2 = np.where(np.isin(np.arange(len(X)), picks[:m]), 0.0, d2)
            p = d2 / d2.sum()
            g = np.log(np.where(d2 > 0, d2, 1.0))
            mean = float((p * g).sum())
            total += g[picks[m]] - mean
            variance += float((p * g * g).sum()) - mean**2
            for name, q in _rule_probabilities(X, d2).items():
                loglik[name] += float(np.log(max(q[picks[m]], 1e-300)))
            is_farthest = int(picks[m] == int(np.argmax(d2)))
            farthest += is_farthest
            later_farthest += is_farthest if m >= 2 else 0
    steps = sum(len(picks) - 1 for picks in all_picks)
    later = sum(max(len(picks) - 2, 0) for picks in all_picks)
    shares = (farthest / steps, later_farthest / later if later else 0.0)
    return total / np.sqrt(variance), loglik, shares


def _seeding_behaviour(func, X, k, reference, seeds):
    """How func's picks fall over the given seeds: (ok, lines, hint)."""
    answers = []
    for seed in [*seeds, seeds[0]]:  # the first seed twice: the same seed, the same picks
        try:
            answers.append(_read_picks(func(X.copy(), k, seed), X.shape[0], k))
        except _Unreadable as problem:
            return False, [f"  {WRONG} seed {seed}: {problem.detail}"], problem.hint
        except (Exception, SystemExit) as error:  # the student's bug: reported, never raised
            line = f"  {WRONG} {_raised_text(error)} on seed {seed}"
            return False, [line], "the message names the problem: run your function with it."
    answers, again = answers[:-1], answers[-1]
    if again.tolist() != answers[0].tolist():
        return (
            False,
            [f"  {WRONG} seed {seeds[0]} gave {answers[0].tolist()}, then {again.tolist()}"],
            "make every draw with rng = np.random.default_rng(seed), not np.random: the "
            "same seed must give the same picks.",
        )
    if all(a.tolist() == reference(seed).tolist() for seed, a in zip(seeds, answers)):
        line = f"  {RIGHT} the same picks as kmeans_plusplus_picks for all {len(seeds)} seeds"
        return True, [line], None

    z, loglik, (share_farthest, share_later) = _seeding_test(X, answers)
    fits = f"the picks after the first give z = {z:.1f} against the D(x)² rule"
    trials = len(seeds)
    if abs(z) <= SEEDING_Z:
        return (
            True,
            [
                f"  {RIGHT} {fits} over {trials} seeds (|z| ≤ {SEEDING_Z:g}): they are "
                "drawn like k-means++, though not the same draws. To match "
                "kmeans_plusplus_picks exactly, draw every pick, the first one too, with "
                "rng.choice(n, p=...) from rng = np.random.default_rng(seed)."
            ],
            None,
        )
    line = f"  {WRONG} {fits} over {trials} seeds; |z| > {SEEDING_Z:g} "
    line += "(a right seeding goes that far about once in 1.7 million checks)"
    if share_farthest >= 0.9:
        return (
            False,
            [line],
            f"{_percent(share_farthest)} of your picks after the first are the point farthest "
            "from those chosen: that is the farthest-point rule. k-means++ draws each next "
            "point at random, with probability proportional to D(x)²: far points are likely, "
            "not certain.",
        )
    if share_later >= 0.9:
        return (
            False,
            [line],
            f"from the third pick on, {_percent(share_later)} of your picks are the point "
            "farthest from those chosen: that is the farthest-point rule. k-means++ draws "
            "every pick after the first at random, with probability proportional to D(x)².",
        )
    best = max(loglik, key=loglik.get)
    if best == "D2":
        hint = (
            "draw every pick after the first with the probabilities of exercise 1, "
            "rng.choice(n, p=plusplus_probabilities(X, X[picked]))."
        )
    else:
        hint = (
            f"your picks fit {SEEDING_RULES[best]} best. k-means++ draws every pick after "
            "the first with probability D(x)² / ΣD(x)²: "
            "rng.choice(n, p=plusplus_probabilities(X, X[picked]))."
        )
    return False, [line], hint
