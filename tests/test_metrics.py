"""Measures: inertia, the article's within-cluster variation, silhouette, the elbow."""

import numpy as np
import pandas as pd
import pytest

from kmeans_teach import (
    elbow_curve,
    find_elbow,
    inertia,
    kmeans,
    silhouette_samples,
    silhouette_score,
    within_cluster_variation,
)


def blobs(k, seed=0, n=100, spread=0.5):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(k, 2))
    return np.concatenate([rng.normal(c, spread, size=(n, 2)) for c in centres])


def test_inertia_is_the_sum_of_squared_distances_to_own_centroid():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 1.0]])
    assert inertia(X, [0, 0, 1], [[1.0, 0.0], [10.0, 0.0]]) == pytest.approx(1 + 1 + 1)


def test_inertia_with_manhattan_sums_l1_distances():
    X = np.array([[0.0, 0.0], [3.0, 4.0]])
    assert inertia(X, [0, 0], [[0.0, 0.0]], metric="manhattan") == pytest.approx(7.0)


def test_inertia_agrees_with_the_last_step():
    X = blobs(3)
    last = kmeans(X, 3, seed=0)
    assert inertia(X, last.labels, last.centroids) == pytest.approx(last.inertia)


def test_within_cluster_variation_follows_the_pairwise_definition():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    pairs = sum(((a - b) ** 2).sum() for a in points for b in points)
    assert within_cluster_variation(points) == pytest.approx(pairs / 3)


@pytest.mark.parametrize("seed", range(5))
def test_within_cluster_variation_is_twice_the_squared_distances_to_the_centroid(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(int(rng.integers(2, 60)), int(rng.integers(1, 5))))
    to_centroid = ((X - X.mean(axis=0)) ** 2).sum()
    assert within_cluster_variation(X) == pytest.approx(2 * to_centroid, rel=1e-10)


def test_within_cluster_variation_per_cluster_sums_to_twice_the_inertia_at_the_means():
    X = blobs(3)
    last = kmeans(X, 3, seed=1)
    per_cluster = within_cluster_variation(X, last.labels)
    assert per_cluster.shape == (3,)
    assert per_cluster.sum() == pytest.approx(2 * last.inertia, rel=1e-9)


def test_within_cluster_variation_of_an_empty_cluster_is_zero():
    X = np.array([[0.0], [1.0], [5.0]])
    np.testing.assert_allclose(within_cluster_variation(X, [0, 0, 2]), [1.0, 0.0, 0.0])


sklearn_metrics = pytest.importorskip("sklearn.metrics", reason="scikit-learn is a test dependency")


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_silhouette_samples_match_sklearn(metric):
    X = blobs(4, spread=2.0, n=60)
    labels = kmeans(X, 4, seed=0).labels
    np.testing.assert_allclose(
        silhouette_samples(X, labels, metric=metric),
        sklearn_metrics.silhouette_samples(X, labels, metric=metric),
        rtol=1e-7,
        atol=1e-9,
    )


def test_silhouette_of_a_singleton_cluster_is_zero_like_sklearn():
    X = np.array([[0.0], [0.1], [0.2], [5.0]])
    labels = np.array([0, 0, 0, 1])
    scores = silhouette_samples(X, labels)
    assert scores[3] == 0.0
    np.testing.assert_allclose(scores, sklearn_metrics.silhouette_samples(X, labels))


def test_silhouette_accepts_labels_that_are_not_consecutive():
    X = blobs(2, n=20)
    labels = np.repeat([3, 7], 20)
    np.testing.assert_allclose(silhouette_samples(X, labels), silhouette_samples(X, labels // 7))


def test_silhouette_score_is_the_mean_and_sampling_is_seeded():
    X = blobs(3, n=100)
    labels = kmeans(X, 3, seed=0).labels
    assert silhouette_score(X, labels) == pytest.approx(sklearn_metrics.silhouette_score(X, labels))
    a = silhouette_score(X, labels, sample_size=50, seed=3)
    assert a == silhouette_score(X, labels, sample_size=50, seed=3)
    assert abs(a - silhouette_score(X, labels)) < 0.1


def test_silhouette_needs_two_to_n_minus_one_clusters():
    X = blobs(2, n=5)
    with pytest.raises(ValueError, match="between 2 and n - 1"):
        silhouette_samples(X, np.zeros(10, dtype=int))
    with pytest.raises(ValueError, match="between 2 and n - 1"):
        silhouette_samples(X, np.arange(10))


def test_elbow_curve_has_one_row_per_k_with_spread_and_silhouette():
    curve = elbow_curve(blobs(3), range(1, 7), n_init=4, seed=0)
    assert list(curve.columns) == [
        "k",
        "inertia",
        "inertia_mean",
        "inertia_std",
        "inertia_worst",
        "silhouette",
    ]
    assert curve["k"].tolist() == [1, 2, 3, 4, 5, 6]
    assert np.isnan(curve["silhouette"].iloc[0])
    assert curve["silhouette"].iloc[1:].notna().all()
    assert (curve["inertia"] <= curve["inertia_mean"] + 1e-9).all()
    assert (curve["inertia_mean"] <= curve["inertia_worst"] + 1e-9).all()
    assert (curve["inertia_std"] >= 0).all()


def test_elbow_curve_best_inertia_is_the_best_of_the_runs():
    X = blobs(5, spread=2.0)
    curve = elbow_curve(X, [5], n_init=6, seed=0, init="forgy")
    rng = np.random.default_rng(0)
    # The same seeded stream, run by hand.
    runs = [kmeans(X, 5, init="forgy", seed=rng).inertia for _ in range(6)]
    assert curve["inertia"].iloc[0] == pytest.approx(min(runs))
    assert curve["inertia_worst"].iloc[0] == pytest.approx(max(runs))


def test_elbow_curve_is_reproducible_with_a_seed():
    X = blobs(4, spread=2.0)
    pd.testing.assert_frame_equal(
        elbow_curve(X, seed=5, n_init=3), elbow_curve(X, seed=5, n_init=3)
    )


def test_elbow_curve_shows_spread_when_starts_matter():
    X = blobs(6, spread=1.0)
    curve = elbow_curve(X, [6], n_init=10, seed=0, init="forgy")
    assert curve["inertia_std"].iloc[0] > 0


def test_elbow_curve_inertia_matches_sklearn_best_of_n_init_within_a_percent():
    cluster = pytest.importorskip("sklearn.cluster")
    X = blobs(4)
    curve = elbow_curve(X, range(1, 7), n_init=10, seed=0)
    for k, ours in zip(curve["k"], curve["inertia"]):
        theirs = cluster.KMeans(k, n_init=10, random_state=0).fit(X).inertia_
        assert ours == pytest.approx(theirs, rel=0.01)


@pytest.mark.parametrize("true_k", [2, 3, 4, 5])
def test_find_elbow_finds_the_number_of_well_separated_blobs(true_k):
    curve = elbow_curve(blobs(true_k, seed=1), range(1, 11), n_init=5, seed=0)
    assert find_elbow(curve) == true_k


@pytest.mark.parametrize("seed", range(3))
def test_find_elbow_says_none_for_uniform_noise(seed):
    X = np.random.default_rng(seed).uniform(0, 10, size=(400, 2))
    assert find_elbow(elbow_curve(X, range(1, 11), n_init=5, seed=0)) is None


def test_find_elbow_says_none_for_a_straight_line_or_a_rising_curve():
    flat = pd.DataFrame({"k": range(1, 8), "inertia": np.linspace(100, 40, 7)})
    assert find_elbow(flat) is None
    rising = pd.DataFrame({"k": range(1, 8), "inertia": np.linspace(40, 100, 7)})
    assert find_elbow(rising) is None


def test_find_elbow_on_a_hand_made_sharp_bend():
    curve = pd.DataFrame({"k": range(1, 8), "inertia": [1000, 400, 100, 95, 90, 86, 83]})
    assert find_elbow(curve) == 3


def test_find_elbow_refuses_what_is_not_a_curve():
    with pytest.raises(TypeError, match="columns 'k' and 'inertia'"):
        find_elbow([1, 2, 3])
    with pytest.raises(ValueError, match="at least 3"):
        find_elbow(pd.DataFrame({"k": [1, 2], "inertia": [2.0, 1.0]}))
    with pytest.raises(ValueError, match="consecutive"):
        find_elbow(pd.DataFrame({"k": [1, 2, 4], "inertia": [3.0, 2.0, 1.0]}))


def test_find_elbow_refuses_missing_inertias_instead_of_answering_none():
    curve = pd.DataFrame({"k": range(1, 6), "inertia": [100.0, 20.0, np.nan, 15.0, np.inf]})
    with pytest.raises(ValueError, match="2 of them are NaN or infinite, at k = 3, 5"):
        find_elbow(curve)


def test_find_elbow_refuses_negative_inertias_and_columns_that_are_not_numbers():
    negative = pd.DataFrame({"k": range(1, 5), "inertia": [-1.0, -2.0, -3.0, -4.0]})
    with pytest.raises(ValueError, match="cannot be negative.*k = 1, 2, 3, 4"):
        find_elbow(negative)
    text_k = pd.DataFrame({"k": ["1", "2", "3"], "inertia": [3.0, 2.0, 1.0]})
    with pytest.raises(TypeError, match="'k' column must hold numbers"):
        find_elbow(text_k)
    text_inertia = pd.DataFrame({"k": [1, 2, 3], "inertia": ["3", "2", "1"]})
    with pytest.raises(TypeError, match="'inertia' column must hold numbers"):
        find_elbow(text_inertia)
    fractional_k = pd.DataFrame({"k": [1.5, 2.5, 3.5], "inertia": [3.0, 2.0, 1.0]})
    with pytest.raises(ValueError, match="whole numbers of clusters"):
        find_elbow(fractional_k)


def test_find_elbow_accepts_whole_numbers_stored_as_floats():
    curve = pd.DataFrame({"k": np.arange(1.0, 8.0), "inertia": [1000, 400, 100, 95, 90, 86, 83]})
    assert find_elbow(curve) == 3


@pytest.mark.parametrize(
    ("min_ratio", "error", "message"),
    [
        ("a", TypeError, "min_ratio must be a number >= 0, got 'a'"),
        (True, TypeError, "min_ratio must be a number >= 0"),
        (-1, ValueError, "min_ratio must be a number >= 0, got -1"),
        (float("nan"), ValueError, "min_ratio must be a number >= 0"),
        (float("inf"), ValueError, "min_ratio must be a number >= 0"),
    ],
)
def test_find_elbow_refuses_a_bad_min_ratio(min_ratio, error, message):
    curve = pd.DataFrame({"k": range(1, 8), "inertia": [1000, 400, 100, 95, 90, 86, 83]})
    with pytest.raises(error, match=message):
        find_elbow(curve, min_ratio=min_ratio)
