"""The arithmetic helpers give exactly what the plain numpy they stand in for gives."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans_teach._geometry import FEW_CENTROIDS, lowest_rows, nearest_centroid, row_totals


@st.composite
def score_tables(draw):
    # Small whole numbers: many ties, which must go to the lowest row as with argmin.
    k = draw(st.integers(1, FEW_CENTROIDS + 8))  # both sides of the switch to argmin
    m = draw(st.integers(1, 60))
    return draw(arrays(np.float64, (k, m), elements=st.integers(-3, 3).map(float)))


@settings(max_examples=200, deadline=None)
@given(score_tables())
def test_lowest_rows_is_argmin_and_min_over_the_rows(scores):
    labels, lowest = lowest_rows(scores, np.int8)
    np.testing.assert_array_equal(labels, scores.argmin(axis=0))
    np.testing.assert_array_equal(lowest, scores.min(axis=0))
    assert labels.dtype == np.int8


def test_row_totals_is_the_sum_of_each_row():
    values = np.random.default_rng(0).normal(size=(500, 7))
    np.testing.assert_allclose(row_totals(values), values.sum(axis=1), rtol=1e-12)


def test_nearest_centroid_costs_are_the_same_with_and_without_the_shortcut():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(2000, 3))
    X -= X.mean(axis=0)  # the shortcut is for centred data
    centroids = rng.normal(size=(6, 3))
    direct_labels, direct = nearest_centroid(X, centroids, "euclidean")
    short_labels, short = nearest_centroid(X, centroids, "euclidean", np.einsum("nd,nd->n", X, X))
    np.testing.assert_array_equal(short_labels, direct_labels)
    np.testing.assert_allclose(short, direct, rtol=1e-9, atol=1e-12)
    assert (short >= 0).all()
