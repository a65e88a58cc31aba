"""Lesson 4's checks (the k-means++ probabilities and seeding): right answers in the usual
styles, and batteries of typical wrong answers, each refused with the hint that names it."""

import math

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.cluster import kmeans_plusplus
from sklearn.metrics.pairwise import euclidean_distances

from kmeans_teach.exercises import check_plusplus_probabilities, check_plusplus_seeds
from kmeans_teach.exercises.lesson04 import _seeding_data


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def squared(X, chosen):
    return ((X[:, None, :] - chosen[None, :, :]) ** 2).sum(axis=2)


def plusplus(X, chosen):
    nearest = squared(X, chosen).min(axis=1)
    return nearest / nearest.sum()


def plusplus_loops(X, chosen):
    weights = [min(sum((a - b) ** 2 for a, b in zip(x, c)) for c in chosen) for x in X]
    total = sum(weights)
    return [w / total for w in weights]


@pytest.mark.parametrize(
    "answer",
    [
        plusplus,
        plusplus_loops,
        lambda X, chosen: (lambda d: d / d.sum())(cdist(X, chosen, "sqeuclidean").min(axis=1)),
        lambda X, chosen: (lambda d: d / d.sum())(
            euclidean_distances(X, chosen, squared=True).min(axis=1)
        ),
        lambda X, chosen: plusplus(X, chosen).astype(np.float32),
    ],
    ids=["broadcasting", "loops", "scipy", "sklearn", "float32"],
)
def test_right_probabilities_pass(answer, capsys):
    feedback, text = run(check_plusplus_probabilities, answer, capsys)
    assert feedback.passed, text


def powered(power):
    def probabilities(X, chosen):
        weights = squared(X, chosen).min(axis=1) ** power
        return weights / weights.sum()

    return probabilities


PROBABILITIES_WRONG = [
    pytest.param(lambda X, c: squared(X, c).min(axis=1), "not yet probabilities", id="weights"),
    pytest.param(powered(0.5), "plain distances D(x); k-means++", id="D"),
    pytest.param(powered(1.5), "D(x)³", id="D3"),
    pytest.param(powered(2.0), "D(x)⁴", id="D4"),
    pytest.param(lambda X, c: plusplus(X, c[:1]), "FIRST chosen", id="first-only"),
    pytest.param(
        lambda X, c: (lambda d: d / d.sum())(squared(X, c).max(axis=1)), "FARTHEST", id="max"
    ),
    pytest.param(
        lambda X, c: (lambda d: d / d.sum())(squared(X, c).sum(axis=1)), "ALL chosen", id="sum"
    ),
    pytest.param(lambda X, c: np.full(len(X), 1 / len(X)), "FIRST pick only", id="uniform"),
    pytest.param(lambda X, c: plusplus(X[:, :2], c[:, :2]), "first two columns", id="2-columns"),
]


@pytest.mark.parametrize(("answer", "phrase"), PROBABILITIES_WRONG)
def test_wrong_probabilities_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(check_plusplus_probabilities, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
    assert "should have shape" not in text


def seeding(rule):
    """A seeding that draws its first pick uniformly and every later one by `rule`."""

    def seeds(X, k, seed):
        rng = np.random.default_rng(seed)
        n = len(X)
        picked = [int(rng.choice(n, p=np.full(n, 1 / n)))]
        while len(picked) < k:
            d2 = squared(X, X[picked]).min(axis=1)
            picked.append(rule(X, d2, rng, picked))
        return np.array(picked)

    return seeds


def by_power(power):
    def rule(X, d2, rng, picked):
        weights = d2**power
        return int(rng.choice(len(X), p=weights / weights.sum()))

    return rule


def farthest(X, d2, rng, picked):
    return int(np.argmax(d2))


def farthest_after_a_random_second(X, d2, rng, picked):
    return by_power(1.0)(X, d2, rng, picked) if len(picked) == 1 else farthest(X, d2, rng, picked)


def greedy(X, d2, rng, picked):
    candidates = rng.choice(len(X), size=2 + int(math.log(4)), p=d2 / d2.sum())
    costs = [np.minimum(d2, ((X - X[c]) ** 2).sum(axis=1)).sum() for c in candidates]
    return int(candidates[int(np.argmin(costs))])


def forgy(X, k, seed):
    return np.random.default_rng(seed).choice(len(X), size=k, replace=False)


def unseeded(X, k, seed):
    return seeding(by_power(1.0))(X, k, np.random.default_rng().integers(10**9))


def sklearn_greedy(X, k, seed):
    return kmeans_plusplus(X, k, random_state=seed)[1]


def sklearn_plain(X, k, seed):
    return kmeans_plusplus(X, k, random_state=seed, n_local_trials=1)[1]


def cumulative_sums(X, k, seed):
    # The same rule, drawn from another random stream: uniform numbers and cumulative sums.
    rng = np.random.default_rng(seed)
    picked = [int(rng.integers(len(X)))]
    while len(picked) < k:
        d2 = squared(X, X[picked]).min(axis=1)
        picked.append(int(np.searchsorted(np.cumsum(d2) / d2.sum(), rng.random())))
    return np.array(picked)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (seeding(by_power(1.0)), "the same picks as kmeans_plusplus_picks for all 500 seeds"),
        (cumulative_sums, "drawn like k-means++"),
        (sklearn_plain, "drawn like k-means++"),
    ],
    ids=["as-the-lesson-says", "another-random-stream", "sklearn-one-trial"],
)
def test_right_seedings_pass(answer, phrase, capsys):
    feedback, text = run(check_plusplus_seeds, answer, capsys)
    assert feedback.passed, text
    assert phrase in text


SEEDING_WRONG = [
    pytest.param(forgy, "Forgy", id="uniform"),
    pytest.param(seeding(by_power(0.5)), "plain distances D(x) instead", id="D"),
    pytest.param(seeding(by_power(1.5)), "D(x)³ instead", id="D3"),
    pytest.param(seeding(by_power(2.0)), "D(x)⁴ instead", id="D4"),
    pytest.param(seeding(farthest), "farthest-point rule", id="farthest"),
    pytest.param(seeding(farthest_after_a_random_second), "farthest-point rule", id="far-2"),
    pytest.param(seeding(greedy), "the greedy variant", id="greedy"),
    pytest.param(sklearn_greedy, "the greedy variant", id="sklearn-greedy"),
    pytest.param(unseeded, "the same seed must give the same picks", id="unseeded"),
    pytest.param(
        lambda X, k, seed: np.zeros(k, dtype=int), "can never be drawn again", id="repeats"
    ),
]


@pytest.mark.parametrize(("answer", "phrase"), SEEDING_WRONG)
def test_wrong_seedings_fail_with_the_rule_they_use_named(answer, phrase, capsys):
    feedback, text = run(check_plusplus_seeds, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text


@pytest.mark.parametrize(
    "otherwise",
    [lambda X, k, seed: np.arange(k), forgy],
    ids=["first-rows-otherwise", "forgy-otherwise"],
)
def test_a_table_of_answers_for_known_seeds_fails(otherwise, capsys):
    # The picks of a right seeding for seeds 0 .. 999 (the check once used 0 .. 499), replayed
    # from a table; any other seed gets something else. The check's seeds are drawn afresh.
    X = _seeding_data()
    table = {seed: seeding(by_power(1.0))(X, 4, seed) for seed in range(1000)}

    def replay(X, k, seed):
        return table[seed] if seed in table else otherwise(X, k, seed)

    feedback, text = run(check_plusplus_seeds, replay, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert "over 500 seeds; |z| > 5" in text
