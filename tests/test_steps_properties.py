"""Properties of every k-means trajectory, over many generated data sets (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans_teach import kmeans_steps
from kmeans_teach._geometry import cluster_centres, cost_matrix

INITS = ["random-partition", "forgy", "k-means++", "farthest-point"]


@st.composite
def runs(draw):
    """Data (with repeated points now and then), a valid k, an init, a metric and a seed."""
    n = draw(st.integers(1, 40))
    d = draw(st.integers(1, 3))
    # Values on a coarse grid make ties and duplicate points common: the hard cases.
    X = draw(arrays(np.float64, (n, d), elements=st.integers(-20, 20).map(lambda v: v / 2)))
    distinct = np.unique(X, axis=0).shape[0]
    k = draw(st.integers(1, distinct))
    return {
        "X": X,
        "k": k,
        "init": draw(st.sampled_from(INITS)),
        "metric": draw(st.sampled_from(["euclidean", "manhattan"])),
        "seed": draw(st.integers(0, 2**32 - 1)),
        "tol": draw(st.sampled_from([0.0, 1e-4])),
    }


def trajectory(run):
    return list(
        kmeans_steps(
            run["X"],
            run["k"],
            init=run["init"],
            seed=run["seed"],
            metric=run["metric"],
            tol=run["tol"],
        )
    )


@settings(max_examples=150, deadline=None)
@given(runs())
def test_inertia_never_increases(run):
    inertias = [s.inertia for s in trajectory(run) if s.labels is not None]
    for before, after in zip(inertias, inertias[1:]):
        assert after <= before + 1e-9 * max(1.0, abs(before))


@settings(max_examples=150, deadline=None)
@given(runs())
def test_every_assign_step_gives_each_point_its_nearest_centroid(run):
    for step in trajectory(run):
        if step.phase == "assign":
            costs = cost_matrix(run["X"], step.centroids, run["metric"])
            own = costs[np.arange(len(step.labels)), step.labels]
            np.testing.assert_allclose(own, costs.min(axis=1), rtol=1e-12, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(runs())
def test_every_update_step_moves_centroids_to_the_cluster_centres(run):
    for step in trajectory(run):
        if step.phase == "update":
            expected = cluster_centres(run["X"], step.labels, run["k"], run["metric"])
            np.testing.assert_allclose(step.centroids, expected, rtol=1e-12, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(runs())
def test_every_labelled_step_has_no_empty_cluster_after_update(run):
    for step in trajectory(run):
        if step.phase == "update":
            assert np.bincount(step.labels, minlength=run["k"]).min() >= 1
            assert np.isfinite(step.centroids).all()


@settings(max_examples=100, deadline=None)
@given(runs())
def test_same_seed_gives_the_same_trajectory(run):
    first, second = trajectory(run), trajectory(run)
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert (a.phase, a.iteration, a.n_changed, a.reseeded, a.converged) == (
            b.phase,
            b.iteration,
            b.n_changed,
            b.reseeded,
            b.converged,
        )
        np.testing.assert_array_equal(a.centroids, b.centroids)
        if a.labels is None:
            assert b.labels is None
        else:
            np.testing.assert_array_equal(a.labels, b.labels)


@settings(max_examples=100, deadline=None)
@given(runs())
def test_last_labels_belong_to_last_centroids(run):
    last = trajectory(run)[-1]
    costs = cost_matrix(run["X"], last.centroids, run["metric"])
    own = costs[np.arange(len(last.labels)), last.labels]
    np.testing.assert_allclose(own, costs.min(axis=1), rtol=1e-12, atol=1e-12)
    assert last.inertia == np.float64(own.sum()) or abs(last.inertia - own.sum()) <= 1e-9 * max(
        1, own.sum()
    )


@settings(max_examples=60, deadline=None)
@given(runs())
def test_k_of_one_and_k_of_all_distinct_points_work(run):
    X = run["X"]
    distinct = np.unique(X, axis=0).shape[0]
    for k in {1, distinct}:
        last = list(kmeans_steps(X, k, init=run["init"], seed=run["seed"], metric=run["metric"]))[
            -1
        ]
        assert last.converged
        if k == distinct:
            assert last.inertia <= 1e-9
