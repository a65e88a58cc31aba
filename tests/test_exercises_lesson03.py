"""Lesson 3's checks (assign, update, the loop): right answers in the usual styles, and a
battery of typical wrong answers, each refused with the hint that names its mistake."""

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.metrics import pairwise_distances_argmin

from kmeans_teach.exercises import check_assign_step, check_kmeans_loop, check_update_step


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def squared(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)


def assign(X, C):
    return squared(X, C).argmin(axis=1)


def assign_loops(X, C):
    labels = []
    for x in X:
        distances = [sum((a - b) ** 2 for a, b in zip(x, c)) for c in C]
        labels.append(distances.index(min(distances)))
    return labels


def update(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(k)])


def update_add_at(X, labels, k):
    sums = np.zeros((k, X.shape[1]))
    np.add.at(sums, labels, X)
    return sums / np.bincount(labels, minlength=k)[:, None]


def update_one_hot(X, labels, k):
    one_hot = np.eye(k)[labels]
    return (one_hot.T @ X) / one_hot.sum(axis=0)[:, None]


def loop(X, initial, max_iter=100):
    centroids = np.asarray(initial, dtype=float)
    labels = assign(X, centroids)
    for _ in range(max_iter):
        centroids = update(X, labels, len(initial))
        new = assign(X, centroids)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels, centroids


def loop_with_tol(X, initial, tol=1e-4):
    # The usual convergence test on the centroids' move instead of on the labels.
    centroids = np.asarray(initial, dtype=float)
    for _ in range(300):
        labels = assign(X, centroids)
        new = update(X, labels, len(initial))
        moved = np.linalg.norm(new - centroids)
        centroids = new
        if moved < tol:
            break
    return labels, centroids


def loop_with_sklearns_tol(X, initial, tol=1e-4):
    # scikit-learn's rule: the total squared move against the mean variance of the features.
    centroids = np.asarray(initial, dtype=float)
    while True:
        labels = assign(X, centroids)
        new = update(X, labels, len(initial))
        shift = ((new - centroids) ** 2).sum()
        centroids = new
        if shift <= tol * X.var(axis=0).mean():
            return labels, centroids


def loop_with_allclose(X, initial):
    centroids = np.asarray(initial, dtype=float)
    while True:
        labels = assign(X, centroids)
        new = update(X, labels, len(initial))
        if np.allclose(new, centroids):
            return labels, new
        centroids = new


def loop_sklearn(X, initial):
    from sklearn.cluster import KMeans

    model = KMeans(len(initial), init=initial, n_init=1, tol=0, algorithm="lloyd").fit(X)
    return model.labels_, model.cluster_centers_


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (check_assign_step, assign),
        (check_assign_step, assign_loops),
        (check_assign_step, lambda X, C: cdist(X, C).argmin(axis=1)),
        (check_assign_step, lambda X, C: pairwise_distances_argmin(X, C)),
        (check_update_step, update),
        (check_update_step, update_add_at),
        (check_update_step, update_one_hot),
        (check_update_step, lambda X, labels, k: update(X, labels, k).astype(np.float32)),
        (check_update_step, lambda X, labels, k: update(X, labels, k).tolist()),
        (check_kmeans_loop, loop),
        (check_kmeans_loop, loop_sklearn),
        (check_kmeans_loop, loop_with_tol),
        (check_kmeans_loop, loop_with_sklearns_tol),
        (check_kmeans_loop, loop_with_allclose),
    ],
    ids=[
        "assign-broadcasting",
        "assign-loops",
        "assign-scipy",
        "assign-sklearn",
        "update-comprehension",
        "update-add-at",
        "update-one-hot",
        "update-float32",
        "update-lists",
        "loop",
        "loop-sklearn",
        "loop-tol-1e-4",
        "loop-sklearns-tol",
        "loop-allclose",
    ],
)
def test_right_answers_pass(check, answer, capsys):
    feedback, text = run(check, answer, capsys)
    assert feedback.passed, text


ASSIGN_WRONG = [
    pytest.param(lambda X, C: squared(X, C).argmax(axis=1), "FARTHEST", id="argmax"),
    pytest.param(lambda X, C: assign(X, C) + 1, "labels start at 1", id="from-1"),
    pytest.param(lambda X, C: squared(X, C).min(axis=1), "use argmin instead of min", id="min"),
    pytest.param(lambda X, C: squared(X, C).argmin(axis=0), "one label per centroid", id="axis0"),
    pytest.param(
        lambda X, C: np.abs(X[:, None] - C[None]).sum(axis=2).argmin(axis=1),
        "Manhattan",
        id="manhattan",
    ),
    pytest.param(
        lambda X, C: (X[:, None] - C[None]).sum(axis=2).argmin(axis=1),
        "signed differences",
        id="signed-difference",
    ),
    pytest.param(
        lambda X, C: squared(X[:, :2], C[:, :2]).argmin(axis=1),
        "only the first two columns",
        id="two-columns",
    ),
    pytest.param(lambda X, C: np.sqrt(squared(X, C)), "shape (n, k)", id="the-distances"),
]


@pytest.mark.parametrize(("answer", "phrase"), ASSIGN_WRONG)
def test_assign_wrong_answers_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(check_assign_step, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
    assert "on a tie any" not in text, text


def medians(X, labels, k):
    return np.array([np.median(X[labels == j], axis=0) for j in range(k)])


UPDATE_WRONG = [
    pytest.param(
        lambda X, labels, k: np.tile(X.mean(axis=0), (k, 1)), "mean of ALL points", id="all"
    ),
    pytest.param(lambda X, labels, k: update(X, labels, k).T, "transposed", id="transposed"),
    pytest.param(medians, "these are medians", id="medians"),
    pytest.param(
        lambda X, labels, k: np.array([X[labels == j].sum(axis=0) for j in range(k)]),
        "SUMS",
        id="sums",
    ),
    pytest.param(
        lambda X, labels, k: np.array([X[labels == j].mean(axis=1) for j in range(k)]),
        "you averaged over axis=1",
        id="mean-axis-1",
    ),
    pytest.param(
        lambda X, labels, k: np.array([X[labels == j].sum(axis=0) for j in range(k)]) / len(X),
        "number of ALL points",
        id="divided-by-n",
    ),
    pytest.param(
        lambda X, labels, k: update(X, labels, k)[:, :2], "first two columns", id="two-columns"
    ),
    pytest.param(
        lambda X, labels, k: np.array([X[labels == j + 1].mean(axis=0) for j in range(k)]),
        "cluster j + 1",
        id="off-by-one",
    ),
]


@pytest.mark.parametrize(("answer", "phrase"), UPDATE_WRONG)
def test_update_wrong_answers_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(check_update_step, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
    assert "Traceback" not in text


def one_iteration(X, initial):
    labels = assign(X, initial)
    return labels, update(X, labels, len(initial))


def two_iterations(X, initial):
    centroids = initial
    for _ in range(2):
        labels = assign(X, centroids)
        centroids = update(X, labels, len(initial))
    return labels, centroids


def from_first_rows(X, initial):
    return loop(X, X[: len(initial)])


def fixed_rounds(rounds):
    """A loop with no convergence test: a fixed number of assign + update rounds."""

    def kmeans_loop(X, initial):
        centroids = np.asarray(initial, dtype=float)
        for _ in range(rounds):
            labels = assign(X, centroids)
            centroids = update(X, labels, len(initial))
        return labels, centroids

    return kmeans_loop


def fixed_rounds_assigned_last(X, initial):
    # Updates first and assigns after: the labels are one round ahead of the centroids.
    centroids = np.asarray(initial, dtype=float)
    labels = assign(X, centroids)
    for _ in range(10):
        centroids = update(X, labels, len(initial))
        labels = assign(X, centroids)
    return labels, centroids


def coarse_shift(X, initial):
    # Stops once the centroids move by less than 0.5 in all: long before convergence.
    return loop_with_tol(X, initial, tol=0.5)


def never_moves(X, initial):
    return assign(X, initial), initial


def swapped(X, initial):
    labels, centroids = loop(X, initial)
    return centroids, labels


def labels_only(X, initial):
    return loop(X, initial)[0]


LOOP_WRONG = [
    pytest.param(one_iteration, "stops after ONE iteration", id="one-iteration"),
    pytest.param(two_iterations, "stops too early", id="two-iterations"),
    pytest.param(from_first_rows, "ignores initial_centroids", id="ignores-the-start"),
    pytest.param(fixed_rounds(10), "stops too early, before it has converged", id="range-10"),
    pytest.param(fixed_rounds(4), "stops too early, before it has converged", id="range-4"),
    pytest.param(
        fixed_rounds_assigned_last, "stops too early, before it has converged", id="range-10-b"
    ),
    pytest.param(coarse_shift, "stops too early, before it has converged", id="shift-0.5"),
    pytest.param(never_moves, "never moved", id="never-moves"),
    pytest.param(swapped, "labels first, then centroids", id="swapped"),
    pytest.param(labels_only, "return labels, centroids", id="labels-only"),
    pytest.param(
        lambda X, initial: (loop(X, initial)[0], initial), "INITIAL centroids", id="initial-back"
    ),
]


@pytest.mark.parametrize(("answer", "phrase"), LOOP_WRONG)
def test_loop_wrong_answers_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(check_kmeans_loop, answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
    assert "repeated points are ordinary points" not in text, text
