"""Lesson 1's check, check_cluster_sizes: right answers in the usual styles, and a battery of
typical wrong answers, each refused with the hint that names its mistake (said once)."""

import collections

import numpy as np
import pandas as pd
import pytest

from kmeans_teach.exercises import check_cluster_sizes, check_task_kinds


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def loop(labels, k):
    sizes = np.zeros(k, dtype=int)
    for label in labels:
        sizes[label] += 1
    return sizes


RIGHT_ANSWERS = {
    "a loop": loop,
    "np.bincount": lambda labels, k: np.bincount(labels, minlength=k),
    "a list of sums": lambda labels, k: [int(np.sum(labels == j)) for j in range(k)],
    "a Counter read in order": lambda labels, k: [
        collections.Counter(labels.tolist())[j] for j in range(k)
    ],
    "pandas value_counts": lambda labels, k: (
        pd.Series(labels).value_counts().reindex(range(k), fill_value=0).to_numpy()
    ),
}


@pytest.mark.parametrize("answer", RIGHT_ANSWERS.values(), ids=RIGHT_ANSWERS.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(check_cluster_sizes, answer, capsys)
    assert feedback.passed, text


KNOWN = {
    ((0, 1, 1, 2, 2, 2), 3): [1, 2, 3],
    ((0, 0, 2, 2, 2), 4): [2, 0, 3, 0],
    ((0, 0, 0, 0), 1): [4],
}


def lookup_table(labels, k):
    return KNOWN.get((tuple(labels.tolist()), k), [0] * k)


def one_based(labels, k):
    # The clusters counted as 1 .. k: cluster 0 is never counted, "cluster k" always 0.
    return np.array([np.sum(labels == j) for j in range(1, k + 1)])


WRONG_ANSWERS = [
    pytest.param(
        lambda labels, k: np.bincount(labels),
        "unless you pass minlength=k",
        id="bincount-no-minlength",
    ),
    pytest.param(
        lambda labels, k: np.unique(labels, return_counts=True)[1],
        "leaves empty clusters out",
        id="np.unique",
    ),
    pytest.param(
        lambda labels, k: collections.Counter(labels.tolist()),
        "a dict has no entry for an empty cluster",
        id="a-Counter",
    ),
    pytest.param(
        lambda labels, k: np.roll(np.bincount(labels, minlength=k), -1),
        "sizes[label - 1]",
        id="counting-from-1",
    ),
    pytest.param(
        lambda labels, k: np.full(k, len(labels)), "count only the labels equal to j", id="all"
    ),
    pytest.param(
        lambda labels, k: np.sort(np.bincount(labels, minlength=k))[::-1],
        "value_counts()",
        id="value_counts-order",
    ),
    pytest.param(
        lambda labels, k: np.bincount(labels, minlength=k) / len(labels),
        "shares of the points",
        id="shares",
    ),
    pytest.param(lookup_table, "cases right", id="a-table-of-the-fixed-cases"),
    pytest.param(one_based, "not range(1, k + 1)", id="range-from-1"),
]


def test_counting_over_range_from_1_gets_that_hint_alone(capsys):
    feedback, text = run(check_cluster_sizes, one_based, capsys)
    assert not feedback.passed
    assert text.count("Hint:") == 1, text
    assert "sizes[label - 1]" not in text  # the other off-by-one, a slip not made here


@pytest.mark.parametrize(("answer", "phrase"), WRONG_ANSWERS)
def test_typical_wrong_answers_fail_with_the_hint_that_names_them(answer, phrase, capsys):
    feedback, text = run(check_cluster_sizes, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text  # said once


def test_a_table_of_the_fixed_cases_fails_on_the_case_made_afresh(capsys):
    feedback, text = run(check_cluster_sizes, lookup_table, capsys)
    assert not feedback.passed
    assert "✗ new random data (different on every run)" in text


# --------------------------------------------------------------------------
# Exercise (a): clustering, classification or regression
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kinds",
    [
        ["clustering", "classification", "regression"],
        ("Clustering", "Classification", "Regression"),
        ["cluster", "classify", "regress"],
        [" clustering ", "classification", "regression"],
    ],
    ids=["words", "capitals-tuple", "stems", "spaces"],
)
def test_the_right_kinds_pass(kinds, capsys):
    feedback = check_task_kinds(kinds)
    text = " ".join(capsys.readouterr().out.split())
    assert feedback.passed, text


KINDS_WRONG = [
    pytest.param(["clustering"] * 3, "learning from known answers is supervised", id="all"),
    pytest.param(
        ["clustering", "regression", "classification"], "not one of a few categories", id="swap"
    ),
    pytest.param(
        ["classification", "classification", "regression"], "no labels to learn from", id="1"
    ),
    pytest.param(["regression", "classification", "regression"], "no number to predict", id="r"),
    pytest.param("clustering", "expected a list of three answers", id="a-string"),
    pytest.param(["clustering", "classification"], "got a list of 2", id="two-answers"),
    pytest.param(["clustering", "supervised", "regression"], "'supervised' is not one", id="x"),
    pytest.param([1, 2, 3], "is not one of the three kinds", id="numbers"),
]


@pytest.mark.parametrize(("kinds", "phrase"), KINDS_WRONG)
def test_wrong_kinds_fail_saying_why(kinds, phrase, capsys):
    feedback = check_task_kinds(kinds)
    text = " ".join(capsys.readouterr().out.split())
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text


def test_kinds_not_given_yet_are_not_attempted(capsys):
    feedback = check_task_kinds(...)
    assert not feedback.attempted and "not attempted yet" in capsys.readouterr().out
