"""Lesson 2's check, check_within_cluster_variation: right answers in the usual styles, and a
battery of typical wrong answers, each refused with the hint that names its mistake."""

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from kmeans_teach.exercises import check_distance_counts, check_within_cluster_variation


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def pairwise(points):
    return ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2).sum()


def loops(points):
    total = 0.0
    for a in points:
        for b in points:
            total += sum((x - y) ** 2 for x, y in zip(a, b))
    return total / len(points)


RIGHT_ANSWERS = {
    "loops": loops,
    "broadcasting": lambda points: pairwise(points) / len(points),
    "through the centroid": lambda points: 2 * ((points - points.mean(axis=0)) ** 2).sum(),
    "scipy pdist": lambda points: 2 * (pdist(points, "sqeuclidean").sum()) / len(points),
    "a float32 answer": lambda points: np.float32(pairwise(points) / len(points)),
    "a one-element list": lambda points: [pairwise(points) / len(points)],
}


@pytest.mark.parametrize("answer", RIGHT_ANSWERS.values(), ids=RIGHT_ANSWERS.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(check_within_cluster_variation, answer, capsys)
    assert feedback.passed, text


def manhattan(points):
    return np.abs(points[:, None, :] - points[None, :, :]).sum() / len(points)


WRONG_ANSWERS = [
    pytest.param(lambda p: pairwise(p), "forgot to divide by |C|", id="no-division"),
    pytest.param(lambda p: pairwise(p) / len(p) ** 2, "not by |C|²", id="by-m-squared"),
    pytest.param(lambda p: pairwise(p) / len(p) / 2, "ORDERED pairs", id="half"),
    pytest.param(manhattan, "Manhattan", id="manhattan"),
    pytest.param(lambda p: pairwise(p) / (len(p) - 1), "|C| - 1", id="by-m-minus-1"),
    pytest.param(
        lambda p: np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(axis=2)).sum() / len(p),
        "plain distances",
        id="unsquared-distances",
    ),
    pytest.param(
        lambda p: 2 * ((p - p.mean(axis=0)) ** 2).sum(axis=0),
        "add up the columns too",
        id="per-feature",
    ),
    pytest.param(
        lambda p: ((p - p.mean(axis=0)) ** 2).sum() / len(p), "a variance", id="a-variance"
    ),
    pytest.param(lambda p: pairwise(p[:, :2]) / len(p), "cases right", id="two-columns-only"),
]


@pytest.mark.parametrize(("answer", "phrase"), WRONG_ANSWERS)
def test_typical_wrong_answers_fail_with_the_hint_that_names_them(answer, phrase, capsys):
    feedback, text = run(check_within_cluster_variation, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text


# --------------------------------------------------------------------------
# Exercise (b): how many squared distances each form adds up
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairwise", "centroid"),
    [(1000 * 1000, 1000), (1_000_000, 1000.0), ("1,000,000", "1000"), (np.int64(10**6), 1000)],
    ids=["products", "float", "strings", "numpy"],
)
def test_right_counts_pass(pairwise, centroid, capsys):
    feedback = check_distance_counts(pairwise, centroid)
    text = " ".join(capsys.readouterr().out.split())
    assert feedback.passed, text


def test_leaving_out_each_point_with_itself_passes_with_a_note(capsys):
    feedback = check_distance_counts(999_000, 1000)
    assert feedback.passed
    assert "those distances are 0" in capsys.readouterr().out


COUNTS_WRONG = [
    pytest.param(499_500, 1000, "counts each pair once", id="unordered-pairs"),
    pytest.param(500_000, 1000, "counts each pair once", id="half"),
    pytest.param(1000, 1000, "the centroid form's count", id="pairwise-per-point"),
    pytest.param(10**9, 1000, "not |C|³", id="cubed"),
    pytest.param(10**6, 10**6, "does not pair the points", id="centroid-pairs"),
    pytest.param(10**6, 1, "not one in all", id="centroid-once"),
    pytest.param("a million", 1000, "must be a whole number", id="words"),
    pytest.param(10**6, 1000.5, "must be a whole number", id="fraction"),
    pytest.param(2000, 1000, "|C| × |C| terms", id="other"),
]


@pytest.mark.parametrize(("pairwise", "centroid", "phrase"), COUNTS_WRONG)
def test_wrong_counts_fail_with_their_hint(pairwise, centroid, phrase, capsys):
    feedback = check_distance_counts(pairwise, centroid)
    text = " ".join(capsys.readouterr().out.split())
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
