"""Lesson 11's check, the matched accuracy: right answers in every style pass, slips are named."""

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linear_sum_assignment

from kmeans_teach.exercises import check_matched_accuracy
from kmeans_teach.exercises.lesson11 import _fresh_case, _inputs


def run(answer, capsys):
    """Call the check; return its Feedback and the printed text with whitespace collapsed."""
    feedback = check_matched_accuracy(answer)
    return feedback, " ".join(capsys.readouterr().out.split())


# --------------------------------------------------------------------------
# Right answers, in the styles students write them
# --------------------------------------------------------------------------


def with_crosstab(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / len(labels)


def with_negated_table(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum()) / len(truth)


def with_numpy_counts(labels, truth):
    clusters, rows = np.unique(labels, return_inverse=True)
    classes, cols = np.unique(truth, return_inverse=True)
    table = np.zeros((len(clusters), len(classes)), dtype=int)
    np.add.at(table, (rows, cols), 1)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / len(labels)


def with_loops_and_permutations(labels, truth):
    # Every one-to-one pairing tried (fine for the few clusters of the cases).
    clusters, classes = sorted(set(labels.tolist())), sorted(set(truth.tolist()))
    counts = {(c, d): 0 for c in clusters for d in classes}
    for c, d in zip(labels.tolist(), truth.tolist()):
        counts[c, d] += 1
    if len(clusters) <= len(classes):
        pairings = (zip(clusters, p) for p in itertools.permutations(classes, len(clusters)))
    else:
        pairings = (zip(p, classes) for p in itertools.permutations(clusters, len(classes)))
    best = max(sum(counts[pair] for pair in pairing) for pairing in pairings)
    return best / len(labels)


def with_lists(labels, truth):
    return with_crosstab(list(labels), list(truth))


def as_percent_then_divided(labels, truth):
    return round(100 * with_crosstab(labels, truth), 12) / 100


def as_float32(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return np.float32(table[rows, cols].sum()) / np.float32(len(labels))


@pytest.mark.parametrize(
    "answer",
    [
        with_crosstab,
        with_negated_table,
        with_numpy_counts,
        with_loops_and_permutations,
        with_lists,
        as_percent_then_divided,
        as_float32,
    ],
)
def test_a_right_answer_passes(answer, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.passed and feedback.attempted
    assert "Well done!" in text
    assert "✗" not in text
    assert "Hint" not in text and "Note" not in text


# --------------------------------------------------------------------------
# Typical wrong answers, each named by its hint
# --------------------------------------------------------------------------


def no_matching(labels, truth):
    return np.mean(labels == truth)


def diagonal_as_it_stands(labels, truth):
    return np.trace(pd.crosstab(labels, truth).to_numpy()) / len(labels)


def purity(labels, truth):
    return pd.crosstab(labels, truth).max(axis=1).sum() / len(labels)


def each_class_its_cluster(labels, truth):
    return pd.crosstab(labels, truth).max(axis=0).sum() / len(labels)


def greedy(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy().astype(float)
    total = 0.0
    for _ in range(min(table.shape)):
        i, j = np.unravel_index(table.argmax(), table.shape)
        total += table[i, j]
        table[i, :] = table[:, j] = -1
    return total / len(labels)


def minimised(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table)
    return table[rows, cols].sum() / len(labels)


def divided_by_paired_clusters(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / table[rows].sum()


def mean_of_cluster_shares(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return np.mean(table[rows, cols] / table[rows].sum(axis=1))


def percentage(labels, truth):
    return 100 * with_crosstab(labels, truth)


def count(labels, truth):
    return with_crosstab(labels, truth) * len(labels)


def square_table(labels, truth):
    # Assumes the classes are numbered 0 .. k-1 like the clusters.
    k = labels.max() + 1
    table = np.zeros((k, k), dtype=int)
    for c, d in zip(labels, truth):
        table[c, d] += 1
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / len(labels)


def with_the_pairing(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / len(labels), dict(zip(rows, cols))


def per_pair(labels, truth):
    table = pd.crosstab(labels, truth).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols] / len(labels)


def iloc_sum(labels, truth):
    # .iloc with two index arrays picks the whole sub-table; .sum() gives its column sums.
    table = pd.crosstab(labels, truth)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table.iloc[rows, cols].sum() / len(labels)


def iloc_sum_of_all(labels, truth):
    table = pd.crosstab(labels, truth)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table.iloc[rows, cols].to_numpy().sum() / len(labels)


WRONG_ANSWERS = [
    (iloc_sum, "table.iloc[rows, cols] (like table.loc) picks the whole sub-table"),
    (iloc_sum_of_all, "table.iloc[rows, cols] (like table.loc) picks the whole sub-table"),
    (no_matching, "you compared the cluster numbers with the classes directly"),
    (diagonal_as_it_stands, "you added up the table's diagonal as it stands"),
    (purity, "you named each cluster after its most common class"),
    (each_class_its_cluster, "you gave each class its most common cluster"),
    (greedy, "you paired greedily, the largest cell first"),
    (minimised, "the pairing that agrees on the FEWEST points"),
    (divided_by_paired_clusters, "you divided by the points of the paired clusters only"),
    (mean_of_cluster_shares, "you averaged the clusters' shares"),
    (percentage, "that is a percentage"),
    (count, "that is the NUMBER of matched points"),
    (with_the_pairing, "return only the share of matched points"),
    (per_pair, "return one number for the whole labelling"),
]


@pytest.mark.parametrize(
    ("answer", "phrase"), WRONG_ANSWERS, ids=[answer.__name__ for answer, _ in WRONG_ANSWERS]
)
def test_a_typical_wrong_answer_fails_with_the_hint_that_names_it(answer, phrase, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.attempted and not feedback.passed
    assert phrase in text


def test_a_wrong_float32_answer_still_fails(capsys):
    # The float32 tolerance holds 7 digits, not a different pairing or count.
    def matched_accuracy(labels, truth):
        return np.float32(purity(labels, truth))

    feedback, text = run(matched_accuracy, capsys)
    assert feedback.attempted and not feedback.passed
    assert "you named each cluster after its most common class" in text


def test_a_float32_answer_one_point_off_fails(capsys):
    def matched_accuracy(labels, truth):
        return np.float32(as_float32(labels, truth) - np.float32(1) / len(labels))

    feedback, _ = run(matched_accuracy, capsys)
    assert feedback.attempted and not feedback.passed


def test_a_wrong_answer_gets_one_hint_only(capsys):
    # The slip is recognised over all the cases, so no other slip's hint is added.
    _, text = run(purity, capsys)
    assert text.count("Hint:") == 1


@pytest.mark.parametrize("answer", [iloc_sum, iloc_sum_of_all], ids=lambda a: a.__name__)
def test_the_whole_sub_table_gets_that_hint_alone(answer, capsys):
    _, text = run(answer, capsys)
    assert text.count("Hint:") == 1, text


def test_a_table_assumed_square_is_told_about_names_and_sizes_not_another_slip(capsys):
    feedback, text = run(square_table, capsys)
    assert not feedback.passed
    assert "the classes may have any names" in text
    assert "fewer clusters than classes" in text
    # Right on the cases it could read, so no typical slip may be blamed.
    assert "you divided by" not in text
    assert "you named each cluster" not in text


def test_the_stub_is_not_attempted(capsys):
    def matched_accuracy(labels, truth):
        raise NotImplementedError("exercise not attempted yet")

    feedback, text = run(matched_accuracy, capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


@pytest.mark.parametrize("placeholder", [..., None])
def test_a_placeholder_is_not_attempted(placeholder, capsys):
    feedback, text = run(placeholder, capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


@pytest.mark.parametrize("returned", [None, "0.8", {"a": 1}, [[1, 2], [3]], object()], ids=repr)
def test_an_odd_return_value_is_a_wrong_answer_not_a_crash(returned, capsys):
    feedback, text = run(lambda labels, truth: returned, capsys)
    assert feedback.attempted and not feedback.passed
    assert "✗" in text


def test_forgetting_return_is_named(capsys):
    def matched_accuracy(labels, truth):
        pd.crosstab(labels, truth)  # computes something, returns nothing

    _, text = run(matched_accuracy, capsys)
    assert "returned None" in text and "forget" in text


def test_a_wrong_signature_is_reported_with_the_call(capsys):
    def matched_accuracy(labels):
        return 1.0

    feedback, text = run(matched_accuracy, capsys)
    assert not feedback.passed
    assert "your function is called as matched_accuracy(labels, truth)" in text


def test_an_error_is_reported_not_raised(capsys):
    feedback, text = run(lambda labels, truth: 1 / 0, capsys)
    assert feedback.attempted and not feedback.passed
    assert "your function raised ZeroDivisionError" in text


# --------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------


def test_one_case_is_new_at_every_call():
    drawn = [_inputs()[-1][1:3] for _ in range(5)]
    assert len({(labels.tobytes(), truth.tobytes()) for labels, truth in drawn}) > 1


def test_a_table_of_the_fixed_answers_fails(capsys):
    fixed = {
        (labels.tobytes(), truth.tobytes()): with_crosstab(labels, truth)
        for _, labels, truth, _ in _inputs()[:-1]
    }

    def lookup(labels, truth):
        return fixed.get((labels.tobytes(), truth.tobytes()), 0.5)

    feedback, text = run(lookup, capsys)
    assert not feedback.passed
    assert "✗ a random case (new at every call)" in text


@pytest.mark.parametrize("seed", range(20))
def test_the_fresh_case_is_a_proper_labelling(seed):
    labels, truth = _fresh_case(np.random.default_rng(seed))
    assert labels.shape == truth.shape and 40 <= len(labels) <= 80
    assert labels.min() >= 0 and 3 <= len(np.unique(truth)) <= 6
    assert set(np.unique(truth)) <= set(range(10))


def test_the_fixed_cases_cover_more_and_fewer_clusters_and_unusual_names():
    shapes = {
        name: (len(np.unique(labels)), len(np.unique(truth)))
        for name, labels, truth, _ in _inputs()[:-1]
    }
    assert any(k > classes for k, classes in shapes.values())
    assert any(k < classes for k, classes in shapes.values())
    named = [truth for _, _, truth, _ in _inputs()[:-1]]
    assert any(not set(np.unique(t)) <= set(range(len(np.unique(t)))) for t in named)


def test_greedy_and_best_differ_on_the_case_named_for_it():
    name, labels, truth, _ = _inputs()[1]
    assert name == "a greedy pairing is not the best"
    assert greedy(labels, truth) < with_crosstab(labels, truth)
