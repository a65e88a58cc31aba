"""The exercise checks: right answers pass, typical slips are named, errors are caught."""

import collections
import copy
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from kmeans_teach import datasets
from kmeans_teach.exercises import (
    Feedback,
    check_anomaly_scores,
    check_assign_step,
    check_cluster_sizes,
    check_elbow_choice,
    check_kmeans_algorithm,
    check_kmeans_loop,
    check_matched_accuracy,
    check_minibatch_step,
    check_plusplus_probabilities,
    check_plusplus_seeds,
    check_responsibilities,
    check_standardise,
    check_update_step,
    check_within_cluster_variation,
)
from kmeans_teach.exercises._feedback import WIDTH
from kmeans_teach.exercises.lesson04 import _plusplus_reference
from kmeans_teach.init import _plusplus_picks
from kmeans_teach.metrics import elbow_curve, find_elbow
from kmeans_teach.steps import kmeans


def run(check, answer, capsys, *args):
    """Call a check; return its Feedback and the printed text with whitespace collapsed."""
    feedback = check(answer, *args)
    printed = capsys.readouterr().out
    return feedback, " ".join(printed.split())


# --------------------------------------------------------------------------
# Student answers, right and wrong
# --------------------------------------------------------------------------


def squared_distances(X, centroids):
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)


def variation(points):
    points = np.asarray(points)
    return squared_distances(points, points).sum() / len(points)


def assign(X, centroids):
    return squared_distances(X, centroids).argmin(axis=1)


def update(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(k)])


def plusplus(X, chosen):
    weights = squared_distances(X, chosen).min(axis=1)
    return weights / weights.sum()


def seeding(X, k, seed, *, rng_for=np.random.default_rng, first_uniform=True):
    """k-means++ seeding as lesson 4 asks for it (the keywords make wrong variants)."""
    rng, n = rng_for(seed), len(X)
    picked = [int(rng.choice(n, p=np.full(n, 1 / n)) if first_uniform else rng.integers(n))]
    while len(picked) < k:
        picked.append(int(rng.choice(n, p=plusplus(X, X[picked]))))
    return np.array(picked)


def lloyd(X, initial_centroids):
    centroids, labels = np.array(initial_centroids, dtype=float), None
    while True:
        new_labels = assign(X, centroids)
        if labels is not None and np.array_equal(new_labels, labels):
            return labels, centroids
        labels = new_labels
        centroids = update(X, labels, len(centroids))


def standardise(frame):
    return (frame - frame.mean()) / frame.std(ddof=0)


def anomaly_scores(X, labels, centroids):
    return np.sqrt(((X - centroids[labels]) ** 2).sum(axis=1))


def kmeans_algorithm(df, K):
    from sklearn.cluster import KMeans

    model = KMeans(n_clusters=K, max_iter=300, random_state=2021, n_init=10).fit(df)
    centroids = pd.DataFrame(model.cluster_centers_, columns=["X", "Y"])
    return df.assign(labels=model.labels_), centroids


def minibatch_step(centroids, counts, batch):
    squared = ((batch[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = squared.argmin(axis=1)
    new_counts = counts + np.bincount(labels, minlength=len(centroids))
    sums = np.zeros_like(centroids, dtype=float)
    np.add.at(sums, labels, batch)
    new_centroids = np.array(centroids, dtype=float)
    got = new_counts > counts
    new_centroids[got] = (counts[got, None] * centroids[got] + sums[got]) / new_counts[got, None]
    return new_centroids, new_counts


def responsibilities(X, weights, means, covariances):
    densities = np.column_stack(
        [
            weight
            * np.exp(-np.einsum("nd,nd->n", (X - mean) @ np.linalg.inv(cov), X - mean) / 2)
            / np.sqrt((2 * np.pi) ** X.shape[1] * np.linalg.det(cov))
            for weight, mean, cov in zip(weights, means, covariances)
        ]
    )
    return densities / densities.sum(axis=1, keepdims=True)


def matched_accuracy(labels, truth):
    from scipy.optimize import linear_sum_assignment

    table = pd.crosstab(np.asarray(labels), np.asarray(truth)).to_numpy()
    rows, cols = linear_sum_assignment(table, maximize=True)
    return table[rows, cols].sum() / len(labels)


def stub(*args):
    raise NotImplementedError("exercise not attempted yet")


FUNCTION_CHECKS = [
    check_cluster_sizes,
    check_within_cluster_variation,
    check_assign_step,
    check_update_step,
    check_plusplus_probabilities,
    check_plusplus_seeds,
    check_kmeans_loop,
    check_standardise,
    check_anomaly_scores,
    check_kmeans_algorithm,
    check_minibatch_step,
    check_responsibilities,
    check_matched_accuracy,
]
# The checks of a value (a word list, two counts, a chosen K), not of a function.
VALUE_CHECKS = ["check_task_kinds", "check_distance_counts", "check_elbow_choice"]

RIGHT_ANSWERS = [
    (check_cluster_sizes, lambda labels, k: np.bincount(labels, minlength=k)),
    (check_within_cluster_variation, variation),
    (check_assign_step, assign),
    (check_update_step, update),
    (check_plusplus_probabilities, plusplus),
    (check_plusplus_seeds, seeding),
    (check_kmeans_loop, lloyd),
    (check_standardise, standardise),
    (check_anomaly_scores, anomaly_scores),
    (check_kmeans_algorithm, kmeans_algorithm),
    (check_minibatch_step, minibatch_step),
    (check_responsibilities, responsibilities),
    (check_matched_accuracy, matched_accuracy),
]


def ids(checks):
    return [check.__name__.removeprefix("check_") for check in checks]


# --------------------------------------------------------------------------
# What every check does
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("check", "answer"), RIGHT_ANSWERS, ids=ids(c for c, _ in RIGHT_ANSWERS))
def test_a_right_answer_passes_and_says_so(check, answer, capsys):
    feedback, text = run(check, answer, capsys)
    assert feedback.passed and feedback.attempted
    assert "Well done!" in text
    assert "✗" not in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
def test_the_stub_is_not_attempted_yet_and_does_not_fail(check, capsys):
    feedback, text = run(check, stub, capsys)
    assert not feedback.attempted and not feedback.passed
    assert "not attempted yet — replace the stub with your code" in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
@pytest.mark.parametrize("placeholder", [..., None])
def test_a_placeholder_is_not_attempted_yet(check, placeholder, capsys):
    feedback, text = run(check, placeholder, capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
def test_an_error_in_the_students_code_is_reported_not_raised(check, capsys):
    def broken(*args):
        return 1 / 0

    feedback, text = run(check, broken, capsys)
    assert feedback.attempted and not feedback.passed
    assert "your function raised ZeroDivisionError: division by zero on case '" in text
    assert "Hint:" in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
def test_a_wrong_signature_is_reported_with_the_call(check, capsys):
    def answer(a, b, c, d, e, f, g):  # no check calls with seven arguments
        return a

    feedback, text = run(check, answer, capsys)
    assert not feedback.passed
    assert "your function raised TypeError" in text
    assert "your function is called as answer(" in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
@pytest.mark.parametrize("returned", [None, "labels", {"a": 1}, [[1, 2], [3]], object()], ids=repr)
def test_an_odd_return_value_is_a_wrong_answer_not_a_crash(check, returned, capsys):
    feedback, text = run(check, lambda *args: returned, capsys)
    assert feedback.attempted and not feedback.passed
    assert "✗" in text


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=ids(FUNCTION_CHECKS))
def test_forgetting_return_is_named(check, capsys):
    def answer(*args):
        args[0] + 0  # computes something, returns nothing

    _, text = run(check, answer, capsys)
    assert "returned None" in text
    assert "forget" in text


def test_passing_the_result_instead_of_the_function_is_explained(capsys):
    feedback, text = run(check_within_cluster_variation, 3.0, capsys)
    assert feedback.attempted and not feedback.passed
    assert "needs your function itself" in text


def test_a_function_that_changes_its_input_is_noted(capsys):
    def in_place(frame):
        for column in frame:
            frame[column] = (frame[column] - frame[column].mean()) / frame[column].std(ddof=0)
        return frame

    feedback, text = run(check_standardise, in_place, capsys)
    assert feedback.passed
    assert "changed its argument frame in place" in text


def test_feedback_repr_is_one_line_and_the_messages_are_what_was_printed(capsys):
    feedback, text = run(check_assign_step, assign, capsys)
    assert repr(feedback) == "Feedback(passed=True)"
    assert " ".join(str(feedback).split()) == text
    assert repr(Feedback(passed=False, attempted=False)) == "Feedback(attempted=False)"


def test_feedback_is_not_echoed_by_a_notebook():
    # IPython calls _ipython_display_ instead of showing the repr; it shows nothing.
    assert Feedback(passed=True, attempted=True)._ipython_display_() is None


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (check_assign_step, lambda X, c: squared_distances(X, c).argmax(axis=1)),
        (check_update_step, lambda X, labels, k: update(X, labels, k).T),
        (check_standardise, lambda frame: frame - frame.mean()),
    ],
)
def test_printed_lines_are_short(check, answer, capsys):
    check(answer)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= WIDTH


def test_the_package_exports_every_lesson_modules_checks_and_nothing_else():
    import importlib
    import pkgutil

    import kmeans_teach.exercises as package

    found = ["Feedback"]
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("lesson"):
            lesson = importlib.import_module(f"kmeans_teach.exercises.{module.name}")
            assert all(name.startswith("check_") for name in lesson.__all__), module.name
            found += lesson.__all__
    assert sorted(package.__all__) == sorted(found)
    assert all(callable(getattr(package, name)) for name in package.__all__)


def test_every_check_is_in_the_shared_lists_of_function_or_value_checks():
    import kmeans_teach.exercises as package

    checks = {name for name in package.__all__ if name.startswith("check_")}
    listed = {check.__name__ for check in FUNCTION_CHECKS} | set(VALUE_CHECKS)
    assert checks == listed, (
        f"not in FUNCTION_CHECKS or VALUE_CHECKS: {sorted(checks - listed)};"
        f" listed but not exported: {sorted(listed - checks)}"
    )
    assert {check.__name__ for check, _ in RIGHT_ANSWERS} == {
        check.__name__ for check in FUNCTION_CHECKS
    }, "every function check needs a right answer in RIGHT_ANSWERS"


def test_importing_the_checks_does_not_import_scikit_learn():
    code = "import sys, kmeans_teach.exercises; print('sklearn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --------------------------------------------------------------------------
# Lesson 2: within-cluster variation
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda p: variation(p) * len(p), "forgot to divide by |C|"),
        (lambda p: variation(p) / len(p), "not by |C|²"),
        (lambda p: variation(p) / 2, "half of W"),
        (
            lambda p: np.sqrt(squared_distances(p, p)).sum() / len(p),
            "you used plain distances",
        ),
        (
            lambda p: 2 * ((p - p.mean(axis=0)) ** 2).sum(axis=0),
            "not over the features",
        ),
    ],
    ids=["no 1/|C|", "1/|C|^2", "pairs once", "unsquared", "per feature"],
)
def test_within_cluster_variation_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_within_cluster_variation, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_within_cluster_variation_shows_expected_and_got(capsys):
    _, text = run(check_within_cluster_variation, lambda p: variation(p) * len(p), capsys)
    assert "three points in 2-D: expected 6.66667, got 20" in text
    assert "✓ a cluster of one point (W = 0)" in text


# --------------------------------------------------------------------------
# Lesson 1: cluster sizes
# --------------------------------------------------------------------------


def counted_from_one(labels, k):
    sizes = np.zeros(k, dtype=int)
    for label in labels:
        sizes[label - 1] += 1  # the slip: cluster 0 lands in the last entry
    return sizes


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (counted_from_one, "did you count into sizes[label - 1]?"),
        (lambda labels, k: collections.Counter(labels.tolist()), "you returned a Counter"),
        (
            lambda labels, k: np.unique(labels, return_counts=True)[1],
            "leaves empty clusters out",
        ),
        (lambda labels, k: np.full(k, len(labels)), "count only the labels equal to j"),
        (lambda labels, k: np.bincount(labels, minlength=k)[::-1], "the wrong order"),
    ],
    ids=["from 1", "Counter", "np.unique", "all points", "reversed"],
)
def test_cluster_sizes_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_cluster_sizes, answer, capsys)
    assert feedback.attempted and not feedback.passed
    assert phrase in text


def test_cluster_sizes_right_answer_learns_the_one_call_way(capsys):
    _, text = run(check_cluster_sizes, counted_from_one, capsys)
    assert "np.bincount" not in text  # not given away before it is solved
    _, text = run(check_cluster_sizes, lambda labels, k: np.bincount(labels, minlength=k), capsys)
    assert "numpy does this in one call: np.bincount(labels, minlength=k)" in text


# --------------------------------------------------------------------------
# Lesson 3: assign, update, the loop
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda X, c: squared_distances(X, c).argmax(axis=1), "FARTHEST centroid (argmax"),
        (lambda X, c: np.sqrt(squared_distances(X, c)), "distance from every point to every"),
        (lambda X, c: squared_distances(X, c).min(axis=1), "not WHICH centroid"),
        (lambda X, c: assign(X, c).astype(float), "labels are floats"),
        (lambda X, c: assign(X, c) + 1, "the labels start at 1"),
        (lambda X, c: assign(X, c)[:-1], "expected labels of shape"),
        (
            lambda X, c: np.abs(X[:, None, :] - c[None, :, :]).sum(axis=2).argmin(axis=1),
            "the Manhattan distance",
        ),
    ],
    ids=[
        "argmax",
        "distance matrix",
        "min distances",
        "float labels",
        "from 1",
        "too short",
        "manhattan",
    ],
)
def test_assign_step_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_assign_step, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_assign_step_accepts_any_nearest_centroid_on_a_tie(capsys):
    def last_of_the_nearest(X, centroids):
        distances = squared_distances(X, centroids)
        return distances.shape[1] - 1 - distances[:, ::-1].argmin(axis=1)

    feedback, text = run(check_assign_step, last_of_the_nearest, capsys)
    assert feedback.passed
    assert "either label is right" in text


def test_assign_step_that_assumes_two_centroids_fails_only_k_equals_1(capsys):
    def assumes_two(X, centroids):
        distances = squared_distances(X, centroids)
        distances[:, 1]  # there is no second centroid when k = 1
        return distances.argmin(axis=1)

    feedback, text = run(check_assign_step, assumes_two, capsys)
    assert not feedback.passed
    assert "6 of 7 cases right" in text
    assert "your function raised IndexError" in text
    assert "on case 'k = 1'" in text
    assert "assume at least two centroids" in text


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda X, labels, k: np.tile(X.mean(axis=0), (k, 1)), "mean of ALL points"),
        (
            lambda X, labels, k: np.array([np.median(X[labels == j], axis=0) for j in range(k)]),
            "these are medians",
        ),
        (lambda X, labels, k: update(X, labels, k).T, "transposed"),
        (
            lambda X, labels, k: np.array([X[labels == j].sum(axis=0) for j in range(k)]),
            "SUMS of each cluster",
        ),
        (
            lambda X, labels, k: np.array([X[labels == j].mean(axis=0) for j in range(1, k + 1)]),
            "let j run over range(k)",
        ),
    ],
    ids=["global mean", "medians", "transposed", "sums", "off by one"],
)
def test_update_step_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_update_step, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def one_iteration(X, initial_centroids):
    labels = assign(X, initial_centroids)
    return labels, update(X, labels, len(initial_centroids))


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (one_iteration, "stops after ONE iteration"),
        (lambda X, c: (lloyd(X, c)[0], c), "INITIAL centroids"),
        (lambda X, c: lloyd(X, c)[::-1], "looks swapped"),
        (lambda X, c: lloyd(X, c)[0], "expected a pair (labels, centroids)"),
    ],
    ids=["one iteration", "initial centroids", "swapped", "labels only"],
)
def test_kmeans_loop_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_kmeans_loop, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_kmeans_loop_that_stops_after_two_iterations_is_told_it_stops_too_early(capsys):
    def two_iterations(X, centroids):
        for _ in range(2):
            labels = assign(X, centroids)
            centroids = update(X, labels, len(centroids))
        return labels, centroids

    feedback, text = run(check_kmeans_loop, two_iterations, capsys)
    assert not feedback.passed
    assert "that is the state after iteration 2" in text
    assert "stops too early" in text


# --------------------------------------------------------------------------
# Lesson 4: k-means++
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_plusplus_reference_equals_the_probabilities_kmeans_plusplus_picks_draws_from(seed):
    X = np.random.default_rng(seed).normal(size=(30, 3))
    picks = list(_plusplus_picks(X, 4, np.random.default_rng(seed), "euclidean"))
    for m in range(1, 4):
        chosen = np.array([pick.centroid for pick in picks[:m]])
        np.testing.assert_allclose(
            _plusplus_reference(X, chosen), picks[m].probabilities, rtol=1e-12
        )


def normalised(weights):
    return weights / weights.sum()


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda X, c: normalised(np.sqrt(squared_distances(X, c).min(axis=1))), "SQUARED"),
        (lambda X, c: squared_distances(X, c).min(axis=1), "so they add up to 1"),
        (lambda X, c: normalised(squared_distances(X, c)[:, 0]), "FIRST chosen centroid only"),
        (lambda X, c: normalised(squared_distances(X, c)[:, -1]), "LAST chosen centroid only"),
        (lambda X, c: normalised(squared_distances(X, c).max(axis=1)), "FARTHEST chosen"),
        (lambda X, c: np.full(len(X), 1 / len(X)), "the rule for the FIRST pick only"),
    ],
    ids=["unsquared", "not normalised", "first only", "last only", "farthest", "uniform"],
)
def test_plusplus_probabilities_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_plusplus_probabilities, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_plusplus_duplicate_hint_only_when_points_on_a_chosen_centroid_get_weight(capsys):
    def manhattan(X, chosen):
        weights = np.abs(X[:, None, :] - chosen[None, :, :]).sum(axis=2).min(axis=1) ** 2
        return weights / weights.sum()  # 0 on the chosen centroids, wrong elsewhere

    feedback, text = run(check_plusplus_probabilities, manhattan, capsys)
    assert not feedback.passed
    assert "must get probability 0" not in text
    assert "squared straight-line (Euclidean) distance" in text

    def forgets_the_duplicates(X, chosen):
        weights = squared_distances(X, chosen).min(axis=1) + 0.5
        return weights / weights.sum()

    _, text = run(check_plusplus_probabilities, forgets_the_duplicates, capsys)
    assert "must get probability 0" in text


def test_plusplus_seeds_drawn_another_way_pass_if_they_behave_like_kmeans_plusplus(capsys):
    def other_draws(X, k, seed):
        return seeding(X, k, seed, first_uniform=False)  # rng.integers for the first pick

    feedback, text = run(check_plusplus_seeds, other_draws, capsys)
    assert feedback.passed
    assert "drawn like k-means++, though not the same draws" in text


def uniform_picks(X, k, seed):
    return np.random.default_rng(seed).choice(len(X), size=k, replace=False)


def farthest_picks(X, k, seed):
    picked = [int(np.random.default_rng(seed).integers(len(X)))]
    while len(picked) < k:
        picked.append(int(squared_distances(X, X[picked]).min(axis=1).argmax()))
    return np.array(picked)


def unseeded_picks(X, k, seed):
    return seeding(X, k, seed, rng_for=lambda seed: np.random.default_rng())


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (uniform_picks, "Forgy"),
        (farthest_picks, "farthest-point rule"),
        (unseeded_picks, "the same seed must give the same picks"),
        (lambda X, k, seed: np.array([0, 0, 1, 2]), "must be 4 different rows of X"),
        (lambda X, k, seed: np.arange(k) * 1.0, "expected 4 integer row numbers"),
    ],
    ids=["uniform (Forgy)", "farthest point", "unseeded", "repeated rows", "floats"],
)
def test_plusplus_seeds_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_plusplus_seeds, answer, capsys)
    assert feedback.attempted and not feedback.passed
    assert phrase in text


def test_plusplus_seeds_calling_an_unwritten_probabilities_stub_says_which(capsys):
    def plusplus_probabilities(X, chosen):
        raise NotImplementedError

    def plusplus_seeds(X, k, seed):
        rng = np.random.default_rng(seed)
        picked = [int(rng.integers(len(X)))]
        while len(picked) < k:
            picked.append(int(rng.choice(len(X), p=plusplus_probabilities(X, X[picked]))))
        return np.array(picked)

    feedback, text = run(check_plusplus_seeds, plusplus_seeds, capsys)
    assert not feedback.attempted
    assert "calls plusplus_probabilities(), which still raises NotImplementedError" in text


def test_plusplus_probabilities_that_do_not_sum_to_one_say_what_they_sum_to(capsys):
    _, text = run(check_plusplus_probabilities, lambda X, c: 2 * plusplus(X, c), capsys)
    assert "(yours add up to 2, not 1)" in text


def test_a_loop_that_calls_an_unwritten_stub_names_that_exercise(capsys):
    def update_step(X, labels, k):
        raise NotImplementedError  # the student has not done this exercise yet

    def kmeans_loop(X, initial_centroids):
        labels = assign(X, initial_centroids)
        return labels, update_step(X, labels, len(initial_centroids))

    feedback, text = run(check_kmeans_loop, kmeans_loop, capsys)
    assert not feedback.passed and not feedback.attempted
    assert "your function calls update_step(), which still raises NotImplementedError" in text
    assert "Finish the exercise on update_step() first" in text
    assert "replace the stub" not in text


def test_a_library_not_implemented_error_is_not_taken_for_another_exercise(capsys):
    def kmeans_loop(X, initial_centroids):
        import logging

        logging.Handler().emit(None)  # raises NotImplementedError inside the library
        return assign(X, initial_centroids), initial_centroids

    feedback, text = run(check_kmeans_loop, kmeans_loop, capsys)
    assert not feedback.passed
    assert "Finish the exercise on" not in text and "emit" not in text


# --------------------------------------------------------------------------
# Lesson 5: the elbow
# --------------------------------------------------------------------------


def elbow_of(name):
    return find_elbow(elbow_curve(datasets.load(name, seed=0), range(1, 11), n_init=5, seed=0))


@pytest.fixture(scope="module")
def blobs_elbow():
    elbow = elbow_of("blobs")
    assert elbow is not None, "the blobs curve should have a clear elbow"
    return elbow


def test_elbow_choice_at_the_elbow_passes(blobs_elbow, capsys):
    feedback, text = run(check_elbow_choice, blobs_elbow, capsys, "blobs")
    assert feedback.passed
    assert f"K = {blobs_elbow} is where the curve bends" in text


def test_elbow_choice_one_past_the_elbow_is_explained(blobs_elbow, capsys):
    feedback, text = run(check_elbow_choice, blobs_elbow + 1, capsys, "blobs")
    assert not feedback.passed
    assert "one past the elbow" in text


def test_elbow_choice_one_short_of_the_elbow_is_explained(blobs_elbow, capsys):
    feedback, text = run(check_elbow_choice, blobs_elbow - 1, capsys, "blobs")
    assert not feedback.passed
    assert "one short of the elbow" in text


def test_elbow_choice_far_off_shows_how_much_each_cluster_helps(blobs_elbow, capsys):
    feedback, text = run(check_elbow_choice, 9, capsys, "blobs")
    assert not feedback.passed
    assert "how much each extra cluster lowers the inertia" in text


def test_elbow_choice_without_a_clear_elbow_says_so_honestly(capsys):
    assert elbow_of("uniform") is None
    feedback, text = run(check_elbow_choice, 4, capsys, "uniform")
    assert feedback.passed
    assert "this curve has no clear elbow: any K from" in text
    assert "look at the silhouette too" in text
    feedback, text = run(check_elbow_choice, 9, capsys, "uniform")
    assert not feedback.passed
    assert "outside that range" in text


def test_elbow_choice_placeholder_is_not_attempted(capsys):
    feedback, text = run(check_elbow_choice, ..., capsys, "blobs")
    assert not feedback.attempted
    assert "not attempted yet — replace the ... with your answer, a whole number" in text


@pytest.mark.parametrize("k", [4.5, 0, 11, "four", True, float("nan")])
def test_elbow_choice_that_is_not_a_k_on_the_curve_is_explained(k, capsys):
    feedback, text = run(check_elbow_choice, k, capsys, "blobs")
    assert feedback.attempted and not feedback.passed
    assert "K must be a whole number from 1 to 10" in text


def test_elbow_choice_with_an_unknown_data_set_is_the_lessons_error():
    with pytest.raises(ValueError, match="Unknown data set"):
        check_elbow_choice(3, "no such data")


# --------------------------------------------------------------------------
# Lesson 7: standardising
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (
            lambda f: f.sub(f.mean(axis=1), axis=0).div(f.std(axis=1, ddof=0), axis=0),
            "you standardised each ROW",
        ),
        (lambda f: (f - f.min()) / (f.max() - f.min()), "min-max scaling"),
        (lambda f: f / f.std(ddof=0), "did not subtract the mean"),
        (lambda f: f - f.mean(), "did not divide by the standard deviation"),
        (lambda f: (f - f.to_numpy().mean()) / f.to_numpy().std(), "one mean and one std"),
    ],
    ids=["rows", "min-max", "no mean", "no std", "whole table"],
)
def test_standardise_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_standardise, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_standardise_accepts_the_sample_std_with_a_note(capsys):
    feedback, text = run(check_standardise, lambda f: (f - f.mean()) / f.std(), capsys)
    assert feedback.passed
    assert "ddof=1" in text


def test_standardise_accepts_an_array(capsys):
    feedback, _ = run(check_standardise, lambda f: standardise(f).to_numpy(), capsys)
    assert feedback.passed


# --------------------------------------------------------------------------
# Lesson 8: anomaly scores
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda X, labels, c: np.sqrt(squared_distances(X, c).min(axis=1)), "NEAREST centroid"),
        (
            lambda X, labels, c: np.sqrt(((X - X.mean(axis=0)) ** 2).sum(axis=1)),
            "mean of ALL the data",
        ),
        (lambda X, labels, c: np.abs(X - c[labels]).sum(axis=1), "Manhattan distance"),
    ],
    ids=["nearest", "global mean", "manhattan"],
)
def test_anomaly_scores_names_the_slip(answer, phrase, capsys):
    feedback, text = run(check_anomaly_scores, answer, capsys)
    assert not feedback.passed
    assert phrase in text


def test_anomaly_scores_to_the_nearest_centroid_fail_only_where_labels_are_not_nearest(capsys):
    _, text = run(
        check_anomaly_scores,
        lambda X, labels, c: np.sqrt(squared_distances(X, c).min(axis=1)),
        capsys,
    )
    assert "✓ after convergence" in text
    assert "✗ labels that are not the nearest centroid" in text


def test_anomaly_scores_refuse_squared_distances_and_say_take_the_root(capsys):
    # Lesson 8 goes on to compare the scores with distances: squared ones would disagree.
    feedback, text = run(
        check_anomaly_scores, lambda X, labels, c: anomaly_scores(X, labels, c) ** 2, capsys
    )
    assert feedback.attempted and not feedback.passed
    assert "these are SQUARED distances" in text
    assert "take the square root (np.sqrt)" in text


@pytest.mark.parametrize(
    "answer",
    [
        lambda X, labels, c: np.abs(X - c[labels]).max(axis=1),  # Chebyshev: 0 when alone
        lambda X, labels, c: -anomaly_scores(X, labels, c),
        lambda X, labels, c: np.sort(anomaly_scores(X, labels, c)),
    ],
    ids=["chebyshev", "negated", "sorted"],
)
def test_anomaly_scores_name_a_lone_point_only_when_it_is_the_slip(answer, capsys):
    feedback, text = run(check_anomaly_scores, answer, capsys)
    assert not feedback.passed
    assert "a point alone in its cluster IS its centroid" not in text


def test_anomaly_scores_name_a_lone_point_with_a_nonzero_score(capsys):
    def lone_point_forgotten(X, labels, c):
        scores = anomaly_scores(X, labels, c)
        alone = np.bincount(labels)[labels] == 1
        scores[alone] = 1.0  # e.g. a special case written for it, and written wrong
        return scores

    feedback, text = run(check_anomaly_scores, lone_point_forgotten, capsys)
    assert not feedback.passed
    assert "a point alone in its cluster IS its centroid: its score is 0." in text


def test_anomaly_scores_accept_a_list(capsys):
    feedback, _ = run(
        check_anomaly_scores, lambda X, labels, c: list(anomaly_scores(X, labels, c)), capsys
    )
    assert feedback.passed


def test_a_dataframe_answer_to_an_array_exercise_is_read_as_its_values(capsys):
    feedback, _ = run(
        check_update_step, lambda X, labels, k: pd.DataFrame(update(X, labels, k)), capsys
    )
    assert feedback.passed


# --------------------------------------------------------------------------
# Every function check draws a case afresh, and tries data of 3 or more columns
# --------------------------------------------------------------------------

# Checks whose inputs hold no data matrix (labels only), and the lesson 6 exercise, which is
# defined on a table of the two columns X and Y.
NO_WIDE_DATA = {"check_cluster_sizes", "check_matched_accuracy", "check_kmeans_algorithm"}


def inputs_of_one_check(check, answer, capsys):
    """Every argument tuple the check passes to a right answer, in order."""
    calls = []

    def recording(*args):
        calls.append(copy.deepcopy(args))
        return answer(*args)

    check(recording)
    capsys.readouterr()
    return calls


def same_inputs(first, second) -> bool:
    if len(first) != len(second):
        return False
    for a, b in zip(first, second):
        if isinstance(a, (pd.DataFrame, pd.Series)):
            if not (type(a) is type(b) and a.equals(b)):
                return False
        elif isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            if np.shape(a) != np.shape(b) or not np.array_equal(a, b, equal_nan=True):
                return False
        elif a != b:
            return False
    return True


@pytest.mark.parametrize(("check", "answer"), RIGHT_ANSWERS, ids=ids(c for c, _ in RIGHT_ANSWERS))
def test_every_function_check_draws_a_case_afresh_on_every_call(check, answer, capsys):
    # A check whose cases are all fixed can be passed by a table of its answers.
    first = inputs_of_one_check(check, answer, capsys)
    second = inputs_of_one_check(check, answer, capsys)
    assert len(first) != len(second) or not all(same_inputs(a, b) for a, b in zip(first, second)), (
        f"{check.__name__} called the answer with the same inputs twice: no case is drawn afresh"
    )


@pytest.mark.parametrize(
    ("check", "answer"),
    [(c, a) for c, a in RIGHT_ANSWERS if c.__name__ not in NO_WIDE_DATA],
    ids=ids(c for c, _ in RIGHT_ANSWERS if c.__name__ not in NO_WIDE_DATA),
)
def test_every_check_of_data_tries_three_or_more_columns(check, answer, capsys):
    # Code written for the plotted two columns (x, y) often breaks in more dimensions.
    widths = [
        np.shape(value)[1]
        for args in inputs_of_one_check(check, answer, capsys)
        for value in args
        if isinstance(value, (np.ndarray, pd.DataFrame)) and np.ndim(value) == 2
    ]
    assert max(widths, default=0) >= 3, f"{check.__name__} only tries data of {widths} columns"


# Checks with no clusters in their inputs: one cluster's points (the within-cluster variation)
# and a table of features to standardise.
NO_CLUSTERS = {"check_within_cluster_variation", "check_standardise"}


def cluster_sizes_of_a_call(args):
    """The sizes of the clusters in one call's inputs, or None when they hold no clusters.

    Labels (an integer vector as long as the data, or alone) are counted; data with centres
    (centroids, chosen seeds, means: a smaller matrix of the same width) are counted by the
    nearest centre; data with a whole k are clustered by the package's k-means.
    """
    arrays = [a.to_numpy() if isinstance(a, pd.DataFrame) else a for a in args]
    matrices = [a for a in arrays if isinstance(a, np.ndarray) and a.ndim == 2]
    data = max(matrices, key=len, default=None)
    for vector in arrays:
        if not (isinstance(vector, np.ndarray) and vector.ndim == 1 and vector.dtype.kind in "iu"):
            continue
        if data is None or len(vector) == len(data):
            return np.bincount(vector)
    if data is None:
        return None
    for centres in matrices:
        if centres is not data and centres.shape[1] == data.shape[1] and len(centres) < len(data):
            distances = ((data[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
            return np.bincount(distances.argmin(axis=1), minlength=len(centres))
    k = next((a for a in arrays if isinstance(a, int) and not isinstance(a, bool)), None)
    if k is not None and 1 < k <= len(data):
        return np.bincount(kmeans(data, k, seed=0).labels, minlength=k)
    return None


def unequal(sizes):
    """Whether the largest cluster holds at least one and a half times the points of the smallest.

    (Half again, not twice: the article's data of lesson 6, which the exercise is about, splits
    into clusters of 52 to 98 points.)
    """
    return sizes is not None and len(sizes) > 1 and sizes.max() >= 1.5 * sizes.min()


def test_the_rule_for_unequal_clusters_tells_equal_from_unequal():
    two_equal = np.array([[0.0, 0.0], [0.0, 1.0], [9.0, 0.0], [9.0, 1.0]])
    centres = np.array([[0.0, 0.5], [9.0, 0.5]])
    assert not unequal(cluster_sizes_of_a_call((two_equal, centres)))
    assert not unequal(cluster_sizes_of_a_call((np.array([0, 1, 0, 1, 2, 2]), 3)))
    assert not unequal(cluster_sizes_of_a_call((np.array([0, 1, 0, 1, 0, 1, 0]), 2)))
    assert unequal(cluster_sizes_of_a_call((np.array([0, 0, 0, 1]), 2)))
    assert unequal(cluster_sizes_of_a_call((two_equal[[0, 1, 2]], centres)))


@pytest.mark.parametrize(
    ("check", "answer"),
    [(c, a) for c, a in RIGHT_ANSWERS if c.__name__ not in NO_CLUSTERS],
    ids=ids(c for c, _ in RIGHT_ANSWERS if c.__name__ not in NO_CLUSTERS),
)
def test_every_check_of_clusters_tries_clusters_of_unequal_sizes(check, answer, capsys):
    # Equal clusters hide the slips of one size for all (n / k, a mean of the means).
    calls = inputs_of_one_check(check, answer, capsys)
    sizes = (cluster_sizes_of_a_call(args) for args in calls)
    assert any(unequal(s) for s in sizes), (
        f"{check.__name__} has no case whose largest cluster holds 1.5 times the points of its "
        "smallest"
    )
