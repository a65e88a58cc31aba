"""Every bad input gets a clear error that names the problem, before any work starts."""

import numpy as np
import pandas as pd
import pytest

from kmeans_teach import elbow_curve, inertia, kmeans_plusplus_picks, kmeans_steps

GOOD = np.arange(20.0).reshape(10, 2)


@pytest.mark.parametrize(
    ("X", "error", "message"),
    [
        (np.empty((0, 2)), ValueError, "empty"),
        (np.empty((3, 0)), ValueError, "empty"),
        (np.arange(5.0), ValueError, "must be 2-D.*reshape"),
        (np.zeros((2, 2, 2)), ValueError, "must be 2-D"),
        ([[1.0, np.nan], [2.0, 3.0], [np.inf, 1.0]], ValueError, "NaN or infinite values in 2 row"),
        ([["a", "b"], ["c", "d"]], TypeError, "must hold numbers"),
        ([[1.0, 2.0], [3.0]], TypeError, "cannot be read as an array"),
        (np.ones((3, 2), dtype=complex), TypeError, "real numbers"),
    ],
)
def test_bad_data_is_refused_with_a_message_naming_the_problem(X, error, message):
    with pytest.raises(error, match=message):
        kmeans_steps(X, 1)


def test_non_numeric_dataframe_columns_are_named():
    frame = pd.DataFrame(
        {"income": [1.0, 2.0], "city": ["Oslo", "Rome"], "when": pd.to_datetime(["2020", "2021"])}
    )
    with pytest.raises(TypeError, match="non-numeric columns: 'city', 'when'"):
        kmeans_steps(frame, 1)


def test_missing_values_in_a_dataframe_are_counted_by_row():
    frame = pd.DataFrame({"a": [1.0, None, 3.0], "b": [1.0, 2.0, None]})
    with pytest.raises(ValueError, match="2 row"):
        kmeans_steps(frame, 1)


@pytest.mark.parametrize(
    ("k", "error", "message"),
    [
        (0, ValueError, "whole number >= 1"),
        (-2, ValueError, "whole number >= 1"),
        (2.5, TypeError, "whole number >= 1, got 2.5"),
        ("3", TypeError, "whole number"),
        (True, TypeError, "whole number"),
        (None, TypeError, "whole number"),
        (11, ValueError, "larger than the number of points in X \\(10\\)"),
    ],
)
def test_bad_k_is_refused(k, error, message):
    with pytest.raises(error, match=message):
        kmeans_steps(GOOD, k)


def test_k_larger_than_the_distinct_points_is_refused_and_says_how_many():
    X = np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0)
    with pytest.raises(ValueError, match="distinct points in X \\(2\\)"):
        kmeans_steps(X, 3)


def test_distinct_point_check_looks_beyond_the_first_rows():
    X = np.zeros((5000, 2))
    X[-1] = 1.0  # the only other distinct point is at the very end
    kmeans_steps(X, 2)
    with pytest.raises(ValueError, match="distinct points in X \\(2\\)"):
        kmeans_steps(X, 3)


def test_numpy_integer_k_is_accepted():
    assert list(kmeans_steps(GOOD, np.int64(2), seed=0))[-1].centroids.shape == (2, 2)


@pytest.mark.parametrize("init", ["kmeans++", "random", "", "K-MEANS++"])
def test_unknown_init_lists_the_valid_ones(init):
    with pytest.raises(ValueError, match="random-partition, forgy, k-means\\+\\+, farthest-point"):
        kmeans_steps(GOOD, 2, init=init)


def test_init_array_of_the_wrong_shape_says_the_expected_shape():
    with pytest.raises(ValueError, match="shape \\(3, 2\\).*need shape \\(2, 2\\)"):
        kmeans_steps(GOOD, 2, init=np.zeros((3, 2)))
    with pytest.raises(ValueError, match="need shape \\(2, 2\\)"):
        kmeans_steps(GOOD, 2, init=np.zeros((2, 3)))


def test_init_array_with_nan_is_refused():
    with pytest.raises(ValueError, match="init array has NaN or infinite"):
        kmeans_steps(GOOD, 2, init=[[0.0, np.nan], [1.0, 1.0]])


def test_init_that_is_neither_name_nor_numbers_is_refused():
    with pytest.raises(TypeError, match="init must be one of"):
        kmeans_steps(GOOD, 2, init=[["a", "b"], ["c", "d"]])


@pytest.mark.parametrize("metric", ["l1", "cosine", None])
def test_unknown_metric_lists_the_valid_ones(metric):
    with pytest.raises(ValueError, match="euclidean, manhattan"):
        kmeans_steps(GOOD, 2, metric=metric)


@pytest.mark.parametrize(
    ("max_iter", "error"), [(0, ValueError), (-1, ValueError), (2.0, TypeError), (None, TypeError)]
)
def test_max_iter_below_one_is_refused(max_iter, error):
    with pytest.raises(error, match="max_iter"):
        kmeans_steps(GOOD, 2, max_iter=max_iter)


@pytest.mark.parametrize(
    ("tol", "error"),
    [(-1e-4, ValueError), (np.nan, ValueError), (np.inf, ValueError), ("0", TypeError)],
)
def test_negative_or_non_finite_tol_is_refused(tol, error):
    with pytest.raises(error, match="tol"):
        kmeans_steps(GOOD, 2, tol=tol)


@pytest.mark.parametrize(
    ("seed", "error"),
    [
        (1.5, TypeError),
        ("42", TypeError),
        (np.random.RandomState(0), TypeError),
        (True, TypeError),
        (-1, ValueError),
    ],
)
def test_bad_seed_is_refused_naming_what_is_allowed(seed, error):
    with pytest.raises(error, match="seed must be"):
        kmeans_steps(GOOD, 2, seed=seed)


def test_good_seeds_are_an_int_a_generator_or_none():
    for seed in (0, np.int32(3), np.random.default_rng(1), None):
        kmeans_steps(GOOD, 2, seed=seed)


def test_errors_are_raised_when_called_not_when_first_iterated():
    with pytest.raises(ValueError):
        kmeans_steps(GOOD, 0)  # no next() needed


def test_kmeans_plusplus_picks_checks_its_input_too():
    with pytest.raises(ValueError, match="larger than the number of points"):
        kmeans_plusplus_picks(GOOD, 11)


def test_inertia_checks_labels_and_centroids():
    with pytest.raises(ValueError, match="labels must have shape \\(10,\\)"):
        inertia(GOOD, [0, 1], [[0.0, 0.0]])
    with pytest.raises(ValueError, match="only 1 centroids"):
        inertia(GOOD, np.arange(10) % 2, [[0.0, 0.0]])
    with pytest.raises(TypeError, match="whole numbers"):
        inertia(GOOD, np.zeros(10), [[0.0, 0.0]])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ks": []}, "ks is empty"),
        ({"ks": [1, 2, 2]}, "repeated"),
        ({"ks": [0, 1]}, "whole number >= 1"),
        ({"ks": [1, 20]}, "larger than the number of points"),
        ({"n_init": 0}, "n_init"),
        ({"init": "nope"}, "Unknown init"),
        ({"init": None}, "needs an init name.*got a NoneType"),
        ({"init": [[0.0, 0.0]]}, "needs an init name.*several values of k"),
    ],
)
def test_elbow_curve_refuses_bad_options(options, message):
    with pytest.raises((TypeError, ValueError), match=message):
        elbow_curve(GOOD, **options)
