"""Lesson 8's check, check_anomaly_scores: right answers in the usual styles, and a battery
of typical wrong answers, each refused with the hint that names its mistake (said once)."""

import numpy as np
import pytest

from kmeans_teach.exercises import check_anomaly_scores


def run(answer, capsys):
    feedback = check_anomaly_scores(answer)
    return feedback, " ".join(capsys.readouterr().out.split())


def own(X, labels, centroids):
    return np.sqrt(((X - centroids[labels]) ** 2).sum(axis=1))


def loops(X, labels, centroids):
    return [
        sum((a - b) ** 2 for a, b in zip(x, centroids[label])) ** 0.5 for x, label in zip(X, labels)
    ]


RIGHT = {
    "broadcasting": own,
    "loops": loops,
    "np.linalg.norm": lambda X, labels, c: np.linalg.norm(X - c[labels], axis=1),
    "float32": lambda X, labels, c: own(X, labels, c).astype(np.float32),
}


@pytest.mark.parametrize("answer", RIGHT.values(), ids=RIGHT.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.passed, text


def to_all(X, centroids):
    return np.sqrt(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2))


WRONG = [
    pytest.param(lambda X, labels, c: own(X, labels, c) ** 2, "take the square root", id="squared"),
    pytest.param(lambda X, labels, c: to_all(X, c).min(axis=1), "NEAREST centroid", id="nearest"),
    pytest.param(
        lambda X, labels, c: np.sqrt(((X - X.mean(axis=0)) ** 2).sum(axis=1)),
        "mean of ALL the data",
        id="to-the-mean",
    ),
    pytest.param(
        lambda X, labels, c: np.abs(X - c[labels]).sum(axis=1), "Manhattan", id="manhattan"
    ),
    pytest.param(lambda X, labels, c: to_all(X, c), "shape (n, k)", id="all-distances"),
    pytest.param(
        lambda X, labels, c: own(X[:, :2], labels, c[:, :2]), "first two columns", id="2-columns"
    ),
    pytest.param(lambda X, labels, c: own(X, labels, c)[:3], "one value per point", id="short"),
    pytest.param(lambda X, labels, c: own(X, labels, c).tolist()[::-1], "cases right", id="rev"),
]


@pytest.mark.parametrize(("answer", "phrase"), WRONG)
def test_wrong_answers_fail_with_their_hint_said_once(answer, phrase, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
