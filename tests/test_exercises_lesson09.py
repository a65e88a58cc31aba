"""Lesson 9's check, check_minibatch_step: right answers in the usual styles, and a battery of
typical wrong answers, each refused with the hint that names its mistake (said once)."""

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics import pairwise_distances_argmin

from kmeans_teach.exercises import check_minibatch_step
from kmeans_teach.exercises._feedback import FRESH
from kmeans_teach.exercises.lesson09 import _minibatch_step


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def nearest(centroids, batch):
    return ((batch[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def formula(centroids, counts, batch):
    labels = nearest(centroids, batch)
    k = len(centroids)
    got = np.bincount(labels, minlength=k)
    new_counts = counts + got
    sums = np.zeros(centroids.shape)
    np.add.at(sums, labels, batch)
    new = centroids.astype(float).copy()
    has = got > 0
    new[has] = (counts[has, None] * centroids[has] + sums[has]) / new_counts[has, None]
    return new, new_counts


def per_point_loop(centroids, counts, batch):
    """Sculley's loop: assign the whole batch first, then one small move per point."""
    labels = nearest(centroids, batch)
    centroids, counts = centroids.copy(), counts.copy()
    for x, j in zip(batch, labels):
        counts[j] += 1
        centroids[j] += (x - centroids[j]) / counts[j]
    return centroids, counts


def per_centroid_loop(centroids, counts, batch):
    labels = pairwise_distances_argmin(batch, centroids)
    new, new_counts = [], []
    for j, c in enumerate(centroids):
        mine = batch[labels == j]
        total = counts[j] + len(mine)
        new.append(c if len(mine) == 0 else (counts[j] * c + mine.sum(axis=0)) / total)
        new_counts.append(total)
    return new, new_counts  # lists are fine


def float32_answer(centroids, counts, batch):
    new, new_counts = formula(centroids, counts, batch)
    return new.astype(np.float32), new_counts.astype(float)


def scipy_cdist(centroids, counts, batch):
    labels = cdist(batch, centroids).argmin(axis=1)
    new = centroids.copy()
    new_counts = counts.copy()
    for j in np.unique(labels):
        mine = batch[labels == j]
        new_counts[j] += len(mine)
        new[j] = centroids[j] + (mine - centroids[j]).sum(axis=0) / new_counts[j]
    return np.array(new), np.array(new_counts)


RIGHT_ANSWERS = {
    "the formula, vectorised": formula,
    "a loop over the points (Sculley)": per_point_loop,
    "a loop over the centroids, lists": per_centroid_loop,
    "float32 centroids, float counts": float32_answer,
    "scipy's cdist, a step from the old centroid": scipy_cdist,
}


@pytest.mark.parametrize("answer", RIGHT_ANSWERS.values(), ids=RIGHT_ANSWERS.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(check_minibatch_step, answer, capsys)
    assert feedback.passed, text


def batch_means(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for j in np.unique(labels):
        new[j] = batch[labels == j].mean(axis=0)
    return new, counts + np.bincount(labels, minlength=len(centroids))


def old_as_one(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for j in np.unique(labels):
        mine = batch[labels == j]
        new[j] = (centroids[j] + mine.sum(axis=0)) / (1 + len(mine))
    return new, counts + np.bincount(labels, minlength=len(centroids))


def half_way(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for j in np.unique(labels):
        new[j] = (centroids[j] + batch[labels == j].mean(axis=0)) / 2
    return new, counts + np.bincount(labels, minlength=len(centroids))


def farthest(centroids, counts, batch):
    labels = ((batch[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmax(axis=1)
    centroids, counts = centroids.copy(), counts.copy()
    for x, j in zip(batch, labels):
        counts[j] += 1
        centroids[j] += (x - centroids[j]) / counts[j]
    return centroids, counts


def manhattan(centroids, counts, batch):
    labels = np.abs(batch[:, None, :] - centroids[None, :, :]).sum(axis=2).argmin(axis=1)
    centroids, counts = centroids.copy(), counts.copy()
    for x, j in zip(batch, labels):
        counts[j] += 1
        centroids[j] += (x - centroids[j]) / counts[j]
    return centroids, counts


def online(centroids, counts, batch):
    centroids, counts = centroids.copy(), counts.copy()
    for x in batch:
        j = int(((centroids - x) ** 2).sum(axis=1).argmin())
        counts[j] += 1
        centroids[j] += (x - centroids[j]) / counts[j]
    return centroids, counts


def step_before_count(centroids, counts, batch):
    labels = nearest(centroids, batch)
    centroids, counts = centroids.copy(), counts.astype(float)
    for x, j in zip(batch, labels):
        centroids[j] += (x - centroids[j]) / counts[j]
        counts[j] += 1
    return centroids, counts


def nan_for_unvisited(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new_counts = counts + np.bincount(labels, minlength=len(centroids))
    sums = np.zeros(centroids.shape)
    np.add.at(sums, labels, batch)
    return (counts[:, None] * centroids + sums) / new_counts[:, None], new_counts


def counts_not_updated(centroids, counts, batch):
    return formula(centroids, counts, batch)[0], counts


def counts_of_the_batch_only(centroids, counts, batch):
    new, _ = formula(centroids, counts, batch)
    return new, np.bincount(nearest(centroids, batch), minlength=len(centroids))


def centroids_only(centroids, counts, batch):
    return formula(centroids, counts, batch)[0]


def swapped(centroids, counts, batch):
    new, new_counts = formula(centroids, counts, batch)
    return new_counts, new


def in_place(centroids, counts, batch):
    new, new_counts = formula(centroids, counts, batch)
    centroids[:] = new
    counts[:] = new_counts
    return centroids, counts


WRONG_ANSWERS = [
    pytest.param(batch_means, "mean of its batch points alone", id="batch-means"),
    pytest.param(old_as_one, "as ONE point", id="old-centroid-as-one-point"),
    pytest.param(half_way, "half way to its batch mean", id="half-way"),
    pytest.param(farthest, "FARTHEST centroid", id="argmax"),
    pytest.param(manhattan, "Manhattan distance", id="manhattan"),
    pytest.param(online, "as already moved by the points before it", id="online-assignment"),
    pytest.param(step_before_count, "count BEFORE the point was added", id="step-before-count"),
    pytest.param(nan_for_unvisited, "0 / 0 = NaN", id="nan-for-a-centroid-without-points"),
    pytest.param(counts_not_updated, "add to each count the number", id="counts-not-updated"),
    pytest.param(counts_of_the_batch_only, "not the batch's alone", id="batch-counts-only"),
    pytest.param(centroids_only, "return new_centroids, new_counts", id="centroids-only"),
    pytest.param(swapped, "return the centroids first", id="pair-swapped"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_ANSWERS)
def test_typical_wrong_answers_fail_with_the_hint_that_names_them(answer, hint, capsys):
    feedback, text = run(check_minibatch_step, answer, capsys)
    assert not feedback.passed
    assert feedback.attempted
    assert hint in text
    assert text.count(hint) == 1, "a hint is said once, however many cases it explains"


def counts_added_in_place(centroids, counts, batch):
    new, new_counts = formula(centroids, counts, batch)
    counts += new_counts - counts  # the caller's counts grow too
    return new, counts


def loop_without_copies(centroids, counts, batch):
    # Sculley's loop on the arrays it was given, not on copies.
    labels = nearest(centroids, batch)
    for x, j in zip(batch, labels):
        counts[j] += 1
        centroids[j] += (x - centroids[j]) / counts[j]
    return centroids, counts


@pytest.mark.parametrize(
    ("answer", "changed"),
    [
        (in_place, "centroids"),
        (counts_added_in_place, "counts"),
        (loop_without_copies, "centroids"),
    ],
    ids=["both-in-place", "counts-in-place", "loop-without-copies"],
)
def test_an_answer_that_changes_its_arguments_is_refused(answer, changed, capsys):
    # The lesson asks to work on copies, and lesson 6's check refuses a changed df alike.
    feedback, text = run(check_minibatch_step, answer, capsys)
    assert feedback.attempted and not feedback.passed
    assert "but your function changes what it is given" in text
    assert f"changed its argument {changed} in place" in text
    assert f"work on a copy ({changed} = {changed}.copy())" in text


def divided_by_old_count(centroids, counts, batch):
    labels = nearest(centroids, batch)
    got = np.bincount(labels, minlength=len(centroids))
    sums = np.zeros(centroids.shape)
    np.add.at(sums, labels, batch)
    new = centroids.copy()
    has = got > 0
    new[has] = (counts[has, None] * centroids[has] + sums[has]) / counts[has, None]
    return new, counts + got


def step_divided_by_old_count(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for j in np.unique(labels):
        mine = batch[labels == j]
        new[j] = centroids[j] + (mine - centroids[j]).sum(axis=0) / counts[j]
    return new, counts + np.bincount(labels, minlength=len(centroids))


def fixed_rate_per_point(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for x, j in zip(batch, labels):
        new[j] += 0.1 * (x - new[j])
    return new, counts + np.bincount(labels, minlength=len(centroids))


def fixed_rate_to_the_mean(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new = centroids.copy()
    for j in np.unique(labels):
        new[j] += 0.05 * (batch[labels == j].mean(axis=0) - new[j])
    return new, counts + np.bincount(labels, minlength=len(centroids))


def cast_to_int(centroids, counts, batch):
    new, new_counts = formula(centroids, counts, batch)
    return new.astype(int), new_counts


def integer_copy(centroids, counts, batch):
    labels = nearest(centroids, batch)
    new, counts = np.array(centroids, dtype=int), counts.copy()
    for x, j in zip(batch, labels):
        counts[j] += 1
        new[j] = new[j] + (x - new[j]) / counts[j]
    return new, counts


ONE_HINT_ONLY = [
    pytest.param(divided_by_old_count, "divided by the OLD count", id="old-count"),
    pytest.param(step_divided_by_old_count, "divided by the OLD count", id="old-count-step"),
    pytest.param(fixed_rate_per_point, "fixed learning rate", id="fixed-rate-per-point"),
    pytest.param(fixed_rate_to_the_mean, "fixed learning rate", id="fixed-rate-to-the-mean"),
    pytest.param(cast_to_int, "your centroids are whole numbers", id="astype-int"),
    pytest.param(integer_copy, "your centroids are whole numbers", id="integer-copy"),
    pytest.param(counts_not_updated, "add to each count the number", id="counts-not-updated"),
    pytest.param(counts_of_the_batch_only, "not the batch's alone", id="batch-counts-only"),
]


@pytest.mark.parametrize(("answer", "hint"), ONE_HINT_ONLY)
def test_a_slip_gets_the_one_hint_that_fits_and_no_other(answer, hint, capsys):
    # Not the hints of mistakes the student did not make: a centroid without points,
    # assigning the batch first, a NaN.
    feedback, text = run(check_minibatch_step, answer, capsys)
    assert feedback.attempted and not feedback.passed
    assert hint in text
    assert text.count("Hint:") == 1, text


def test_a_table_of_the_fixed_cases_fails_on_the_fresh_case(capsys):
    table = {}

    def record(centroids, counts, batch):
        table[batch.tobytes()] = formula(centroids, counts, batch)
        return table[batch.tobytes()]

    check_minibatch_step(record)
    capsys.readouterr()

    def look_up(centroids, counts, batch):
        return table.get(batch.tobytes(), (centroids, counts))

    feedback, text = run(check_minibatch_step, look_up, capsys)
    assert not feedback.passed
    assert f"✗ {FRESH}" in text


def test_the_fresh_case_differs_from_call_to_call(capsys):
    seen = []

    def record(centroids, counts, batch):
        seen.append(batch.copy())
        return formula(centroids, counts, batch)

    check_minibatch_step(record)
    check_minibatch_step(record)
    capsys.readouterr()
    fresh_first, fresh_second = seen[6], seen[13]
    assert fresh_first.shape != fresh_second.shape or not np.allclose(fresh_first, fresh_second)


def test_the_stub_is_not_attempted_yet(capsys):
    def minibatch_step(centroids, counts, batch):
        raise NotImplementedError("exercise not attempted yet")

    feedback, text = run(check_minibatch_step, minibatch_step, capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


def test_the_placeholder_is_not_attempted_yet(capsys):
    feedback, text = run(check_minibatch_step, ..., capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


@pytest.mark.parametrize(
    "error", [ZeroDivisionError("division by zero"), IndexError("index 3"), SystemExit(1)]
)
def test_errors_in_the_students_code_are_reported_not_raised(error, capsys):
    def broken(centroids, counts, batch):
        raise error

    feedback, text = run(check_minibatch_step, broken, capsys)
    assert not feedback.passed
    assert f"your function raised {type(error).__name__}" in text


def test_the_reference_is_the_running_mean_of_every_point_given():
    """Feeding all points one batch at a time from counts 0 ends at the plain means."""
    rng = np.random.default_rng(0)
    centroids = np.array([[0.0, 0.0], [10.0, 0.0]])
    points = np.vstack([rng.normal(size=(30, 2)), rng.normal(size=(30, 2)) + [10.0, 0.0]])
    counts = np.zeros(2, dtype=int)
    for batch in np.array_split(rng.permutation(points), 6):
        # the groups are far apart, so every point goes to its own group's centroid
        centroids, counts = _minibatch_step(centroids, counts, batch)
    assert counts.tolist() == [30, 30]
    np.testing.assert_allclose(centroids, [points[:30].mean(axis=0), points[30:].mean(axis=0)])


def test_the_reference_makes_scikit_learns_mini_batch_steps():
    rng = np.random.default_rng(1)
    start = rng.normal(scale=3.0, size=(4, 3))
    batches = [rng.normal(scale=3.0, size=(50, 3)) for _ in range(3)]
    model = MiniBatchKMeans(4, init=start, n_init=1, reassignment_ratio=0.0)
    centroids, counts = start, np.zeros(4, dtype=int)
    for batch in batches:
        model.partial_fit(batch)
        centroids, counts = _minibatch_step(centroids, counts, batch)
        np.testing.assert_allclose(model.cluster_centers_, centroids, rtol=1e-10)


@pytest.mark.parametrize("returned", [None, "labels", {"a": 1}, [[1, 2], [3]], object()], ids=repr)
def test_an_odd_return_value_is_a_wrong_answer_not_a_crash(returned, capsys):
    feedback, text = run(check_minibatch_step, lambda *args: returned, capsys)
    assert feedback.attempted and not feedback.passed
    assert "✗" in text


def test_a_wrong_signature_is_reported_with_the_call(capsys):
    def answer(a, b, c, d, e):  # one argument too many
        return a

    feedback, text = run(check_minibatch_step, answer, capsys)
    assert not feedback.passed
    assert "your function raised TypeError" in text
    assert "your function is called as answer(" in text
