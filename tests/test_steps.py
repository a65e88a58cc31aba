"""kmeans_steps: the step contract of DESIGN.md, and agreement with scikit-learn."""

import numpy as np
import pandas as pd
import pytest

from kmeans_teach import kmeans, kmeans_steps
from kmeans_teach._geometry import cluster_means, cluster_medians

INITS = ["random-partition", "forgy", "k-means++", "farthest-point"]


def blobs(seed=0, n_per=100, centres=((0, 0), (6, 6), (0, 7), (8, 0)), scale=1.0):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(c, scale, size=(n_per, len(c))) for c in centres])


def phases(steps):
    return [s.phase for s in steps]


# --- order and shape of the trajectory ---------------------------------------------


@pytest.mark.parametrize("init", INITS)
def test_trajectory_is_init_then_alternating_assign_update_ending_on_assign(init):
    steps = list(kmeans_steps(blobs(), 4, init=init, seed=3))
    assert steps[0].phase == "init" and steps[0].iteration == 0
    body = phases(steps[1:])
    assert body[::2] == ["assign"] * len(body[::2])
    assert body[1::2] == ["update"] * len(body[1::2])
    assert steps[-1].phase == "assign"


def test_iteration_counts_assign_update_pairs():
    steps = list(kmeans_steps(blobs(), 4, seed=1))
    for assign, update in zip(steps[1::2], steps[2::2]):
        assert assign.iteration == update.iteration
    assert [s.iteration for s in steps[1::2]] == list(range(1, len(steps[1::2]) + 1))


def test_only_random_partition_init_has_labels():
    X = blobs()
    first = {init: next(iter(kmeans_steps(X, 4, init=init, seed=0))) for init in INITS}
    assert first["random-partition"].labels is not None
    assert np.isfinite(first["random-partition"].inertia)
    for init in ("forgy", "k-means++", "farthest-point"):
        assert first[init].labels is None
        assert np.isnan(first[init].inertia)


def test_random_partition_init_centroids_are_the_means_of_its_random_labels():
    X = blobs()
    init = next(iter(kmeans_steps(X, 4, init="random-partition", seed=5)))
    np.testing.assert_allclose(init.centroids, cluster_means(X, init.labels, 4))
    assert np.bincount(init.labels, minlength=4).min() >= 1


def test_last_step_converged_and_no_label_changes():
    steps = list(kmeans_steps(blobs(), 4, seed=2, tol=0))
    assert steps[-1].converged
    assert steps[-1].n_changed == 0
    assert not any(s.converged for s in steps[:-1])


def test_max_iter_bounds_pairs_and_closing_assign_follows():
    X = blobs(scale=3.0)
    steps = list(kmeans_steps(X, 8, init="random-partition", seed=0, max_iter=2, tol=0))
    assert len([s for s in steps if s.phase == "update"]) == 2
    last = steps[-1]
    assert last.phase == "assign" and last.iteration == 3
    assert last.converged == (last.n_changed == 0)


def test_tol_stop_is_followed_by_a_closing_assign_that_is_converged():
    steps = list(kmeans_steps(blobs(), 4, seed=0, tol=10.0))
    assert steps[-2].phase == "update"
    assert steps[-1].phase == "assign" and steps[-1].converged
    assert steps[-1].iteration == steps[-2].iteration + 1


def test_first_assignment_counts_every_point_as_changed():
    X = blobs()
    steps = list(kmeans_steps(X, 4, init="forgy", seed=0))
    assert steps[1].n_changed == X.shape[0]


def test_update_shift_is_total_squared_centroid_movement():
    steps = list(kmeans_steps(blobs(), 4, seed=0))
    for before, update in zip(steps[1::2], steps[2::2]):
        expected = ((update.centroids - before.centroids) ** 2).sum()
        assert update.shift == pytest.approx(expected)


# --- immutability -------------------------------------------------------------------


def test_step_arrays_are_read_only_and_cannot_be_made_writable():
    steps = list(kmeans_steps(blobs(), 4, seed=0))
    for step in steps[1:]:
        for array in (step.centroids, step.labels):
            assert not array.flags.writeable
            with pytest.raises(ValueError):
                array[0] = 1
            with pytest.raises(ValueError):
                array.flags.writeable = True


def test_steps_do_not_share_memory_with_the_callers_data():
    X = blobs()
    init = X[:4].copy()
    steps = list(kmeans_steps(X, 4, init=init))
    for step in steps:
        assert not np.shares_memory(step.centroids, X)
        assert not np.shares_memory(step.centroids, init)
    X[:] = 0.0
    init[:] = 0.0
    assert steps[0].centroids.any()


def test_input_data_is_not_modified():
    X = blobs()
    original = X.copy()
    list(kmeans_steps(X, 4, seed=0, init="random-partition"))
    np.testing.assert_array_equal(X, original)


def test_dataframe_input_gives_the_same_trajectory_as_its_array():
    X = blobs()
    frame = pd.DataFrame(X, columns=["a", "b"])
    a = kmeans(X, 4, seed=7)
    b = kmeans(frame, 4, seed=7)
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_array_equal(a.centroids, b.centroids)


# --- empty clusters -----------------------------------------------------------------


def test_empty_cluster_is_reseeded_at_the_point_farthest_from_its_centroid():
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    # Centroid 2 is far from everything: nobody joins it at the first assignment.
    steps = list(kmeans_steps(X, 3, init=[[0.5], [10.5], [100.0]], tol=0))
    update = steps[2]
    assert update.phase == "update" and update.reseeded == (2,)
    # Point 2 (at 2.0) is the farthest from its centroid (0.5): it seeds cluster 2.
    assert update.labels[2] == 2
    np.testing.assert_allclose(update.centroids[:, 0], [0.5, 10.5, 2.0])
    assert not np.isnan(update.centroids).any()
    assert update.n_changed == 1


def test_reseeding_never_empties_another_cluster():
    X = np.array([[0.0], [0.1], [0.2], [5.0]])
    # The lone point at 5.0 is the farthest from its centroid (8.0), but taking it
    # would empty cluster 1; the next farthest point (0.0, the first of a tie) moves.
    steps = list(kmeans_steps(X, 3, init=[[0.1], [8.0], [50.0]], tol=0))
    update = steps[2]
    assert update.reseeded == (2,)
    assert update.labels.tolist() == [2, 0, 0, 1]
    assert np.bincount(update.labels, minlength=3).min() >= 1


# --- k-medians ----------------------------------------------------------------------


def test_manhattan_update_moves_centroids_to_coordinate_wise_medians():
    X = blobs(seed=4)
    steps = list(kmeans_steps(X, 4, seed=0, metric="manhattan"))
    for update in steps[2::2]:
        np.testing.assert_allclose(update.centroids, cluster_medians(X, update.labels, 4))


def test_manhattan_inertia_is_sum_of_l1_distances():
    X = blobs(seed=4)
    last = kmeans(X, 4, seed=0, metric="manhattan")
    expected = np.abs(X - last.centroids[last.labels]).sum()
    assert last.inertia == pytest.approx(expected)


def test_cluster_medians_match_numpy_median_for_odd_and_even_sizes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(11, 3))
    labels = np.array([0] * 4 + [1] * 5 + [2] * 2)
    rng.shuffle(labels)
    expected = np.array([np.median(X[labels == c], axis=0) for c in range(3)])
    np.testing.assert_allclose(cluster_medians(X, labels, 3), expected)


# --- edge cases ---------------------------------------------------------------------


@pytest.mark.parametrize("init", INITS)
def test_k_equal_one_puts_every_point_in_one_cluster_at_the_mean(init):
    X = blobs()
    last = kmeans(X, 1, init=init, seed=0)
    assert set(last.labels.tolist()) == {0}
    np.testing.assert_allclose(last.centroids[0], X.mean(axis=0))


@pytest.mark.parametrize("init", INITS)
def test_k_equal_n_gives_each_point_its_own_cluster_and_zero_inertia(init):
    X = blobs(n_per=5)
    last = kmeans(X, X.shape[0], init=init, seed=0)
    assert sorted(last.labels.tolist()) == list(range(X.shape[0]))
    assert last.inertia == pytest.approx(0.0, abs=1e-12)


def test_duplicate_points_are_fine_when_k_fits_the_distinct_points():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]), 10, axis=0)
    for init in INITS:
        last = kmeans(X, 3, init=init, seed=0)
        assert last.inertia == pytest.approx(0.0)


def test_labels_do_not_wrap_in_arithmetic():
    # numpy keeps an array's dtype in arithmetic with a Python number: int8 labels
    # times 50 would give -106 for cluster 3.
    last = kmeans(blobs(), 4, seed=0)
    assert (last.labels * 50).max() == 150
    assert (last.labels * 1000 + 7).max() == 3007
    assert last.labels.max() * 1000 == 3000
    assert last.labels.sum() == np.asarray(last.labels, dtype=np.int64).sum()


@pytest.mark.parametrize("k", [1, 2, 33, 34, 40_000])
def test_labels_hold_a_thousand_times_the_largest_label(k):
    from kmeans_teach._geometry import label_dtype

    assert np.iinfo(label_dtype(k)).max >= 1000 * (k - 1)
    assert label_dtype(k).itemsize <= (2 if k <= 33 else 4)


def test_steps_with_unchanged_labels_share_one_array():
    # What keeps a long trajectory small: labels are stored once for every run of
    # steps that leaves them as they are.
    steps = list(kmeans_steps(blobs(), 4, seed=0))
    for before, after in zip(steps, steps[1:]):
        if after.labels is not None and before.labels is not None and after.n_changed == 0:
            assert np.shares_memory(after.labels, before.labels)
    assert steps[-1].n_changed == 0 and np.shares_memory(steps[-1].labels, steps[-2].labels)


# --- agreement with scikit-learn ----------------------------------------------------

sklearn_cluster = pytest.importorskip("sklearn.cluster", reason="scikit-learn is a test dependency")


def sklearn_cases():
    rng = np.random.default_rng(11)
    yield "blobs", blobs(seed=1), 4
    yield "overlapping", blobs(seed=2, scale=3.0), 5
    yield "uniform-3d", rng.uniform(0, 10, size=(500, 3)), 6
    yield "wide", rng.normal(size=(300, 10)), 3
    yield "single-cluster", rng.normal(size=(50, 2)), 1


@pytest.mark.parametrize(
    ("name", "X", "k"), list(sklearn_cases()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_tol_zero_matches_sklearn_lloyd_to_1e9(name, X, k):
    init = X[np.random.default_rng(0).choice(X.shape[0], size=k, replace=False)]
    ours = kmeans(X, k, init=init, tol=0)
    theirs = sklearn_cluster.KMeans(k, init=init, n_init=1, tol=0, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(ours.labels, theirs.labels_)
    np.testing.assert_allclose(ours.centroids, theirs.cluster_centers_, rtol=0, atol=1e-9)
    assert ours.inertia == pytest.approx(theirs.inertia_, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("name", "X", "k"), list(sklearn_cases()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_default_tol_stops_where_sklearn_stops(name, X, k):
    init = X[np.random.default_rng(1).choice(X.shape[0], size=k, replace=False)]
    steps = list(kmeans_steps(X, k, init=init))
    theirs = sklearn_cluster.KMeans(k, init=init, n_init=1, algorithm="lloyd").fit(X)
    updates = [s for s in steps if s.phase == "update"]
    # scikit-learn counts its last pass, whose update changes nothing, when no label moved.
    strict = (
        steps[-1].n_changed == 0
        and steps[-1].iteration == len(updates) + 1
        and (not updates or updates[-1].shift > 1e-4 * np.mean(np.var(X, axis=0)))
    )
    assert theirs.n_iter_ == len(updates) + (1 if strict else 0)
    np.testing.assert_array_equal(steps[-1].labels, theirs.labels_)
    np.testing.assert_allclose(steps[-1].centroids, theirs.cluster_centers_, rtol=0, atol=1e-9)


def test_max_iter_matches_sklearn_when_it_is_reached():
    X = blobs(seed=3, scale=3.0)
    init = X[:6].copy()
    ours = kmeans(X, 6, init=init, tol=0, max_iter=3)
    theirs = sklearn_cluster.KMeans(
        6, init=init, n_init=1, tol=0, max_iter=3, algorithm="lloyd"
    ).fit(X)
    np.testing.assert_array_equal(ours.labels, theirs.labels_)
    np.testing.assert_allclose(ours.centroids, theirs.cluster_centers_, rtol=0, atol=1e-9)


# --- work shared among threads ------------------------------------------------------


def test_threaded_chunks_give_exactly_the_steps_of_one_thread(monkeypatch):
    from kmeans_teach import _geometry

    X = np.concatenate([blobs(seed=5, n_per=500), blobs(seed=6, n_per=500)[:, ::-1] * 3])
    X = np.column_stack([X, X[:, :1] ** 2, X.sum(axis=1), X[:, 1] * 0.5, -X[:, 0]])  # d = 6
    monkeypatch.setattr(_geometry, "CHUNK_BYTES", 2048)  # many small chunks
    monkeypatch.setattr(_geometry, "worker_count", lambda: 2)
    monkeypatch.setattr(_geometry, "PARALLEL_MIN_ROWS", 10**9)
    alone = list(kmeans_steps(X, 5, seed=0))
    monkeypatch.setattr(_geometry, "PARALLEL_MIN_ROWS", 1)
    shared = list(kmeans_steps(X, 5, seed=0))
    assert len(alone) == len(shared)
    for a, b in zip(alone, shared):
        np.testing.assert_array_equal(a.centroids, b.centroids)
        np.testing.assert_array_equal(a.labels, b.labels)
        assert a.inertia == b.inertia or (np.isnan(a.inertia) and np.isnan(b.inertia))


def test_worker_count_respects_omp_num_threads(monkeypatch):
    from kmeans_teach._geometry import worker_count

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert worker_count() == 1
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert worker_count() >= 1


# --- numbers far from the origin ----------------------------------------------------


def test_data_far_from_the_origin_runs_like_the_same_data_near_it():
    # Measurement units can put every point far from 0 (incomes, coordinates in metres):
    # the run must not lose digits to it. Shifting the data shifts the centroids and
    # changes neither the labels nor the objective.
    X = blobs(seed=4, scale=2.0)
    far = np.array([1e6, -3e6])
    init = X[[0, 100, 200, 300]]
    near_steps = list(kmeans_steps(X, 4, init=init, tol=0))
    far_steps = list(kmeans_steps(X + far, 4, init=init + far, tol=0))
    assert len(far_steps) == len(near_steps)
    for near, shifted in zip(near_steps[1:], far_steps[1:]):
        np.testing.assert_array_equal(shifted.labels, near.labels)
        np.testing.assert_allclose(shifted.centroids - far, near.centroids, rtol=0, atol=1e-8)
        assert shifted.inertia == pytest.approx(near.inertia, rel=1e-8)
