"""Tests for kmeans_teach.datasets: the one registry of data sets."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmeans_teach import datasets

REPO = Path(__file__).resolve().parents[1]

GROUPS = {
    "article": 4,
    "blobs": 4,
    "anisotropic": 3,
    "unequal-variances": 3,
    "uneven-sizes": 3,
    "rings": 2,
    "moons": 2,
    "smiley": 4,
    "packed-circles": 6,
    "gaussian-mixture": None,  # drawn from the seed: 2 to 8
    "uniform": 1,
    "customers": 5,
    "iris": 3,
}
#: The most groups a table can have: n must be at least this.
MOST_GROUPS = {name: 8 if groups is None else groups for name, groups in GROUPS.items()}
NAMES = list(GROUPS)
GENERATED = [name for name in NAMES if name != "iris"]
TABLE = datasets.describe().set_index("name")


def test_names_lists_the_data_sets_in_teaching_order():
    assert datasets.names() == NAMES


def test_describe_has_one_row_per_data_set_with_name_description_size_and_columns():
    table = datasets.describe()
    assert list(table.columns) == ["name", "description", "default n", "columns", "groups"]
    assert list(table["name"]) == NAMES
    assert table.set_index("name")["groups"].to_dict() == {
        name: "2 to 8" if groups is None else str(groups) for name, groups in GROUPS.items()
    }
    assert table["description"].str.len().gt(10).all()
    assert TABLE.loc["article", "default n"] == 300
    assert TABLE.loc["iris", "default n"] == 150


@pytest.mark.parametrize("name", NAMES)
def test_every_data_set_loads_numeric_columns_without_nan(name):
    df = datasets.load(name)
    assert isinstance(df, pd.DataFrame)
    assert all(pd.api.types.is_numeric_dtype(dtype) for dtype in df.dtypes)
    assert not df.isna().any().any()


@pytest.mark.parametrize("name", NAMES)
def test_every_data_set_has_its_default_rows_and_declared_columns(name):
    df = datasets.load(name)
    assert len(df) == TABLE.loc[name, "default n"]
    assert ", ".join(df.columns) == TABLE.loc[name, "columns"]
    assert isinstance(df.index, pd.RangeIndex)


@pytest.mark.parametrize("name", NAMES)
def test_attrs_hold_the_name_and_description(name):
    df = datasets.load(name)
    assert df.attrs["name"] == name
    assert df.attrs["description"] == TABLE.loc[name, "description"]


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(GENERATED), n=st.integers(1, 2000))
def test_n_gives_exactly_n_rows(name, n):
    n = max(n, MOST_GROUPS[name])
    df, truth = datasets.load(name, n=n, return_truth=True)
    assert len(df) == len(truth) == n


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from([g for g in GENERATED if g != "article"]), n=st.integers(1, 500))
def test_every_group_gets_a_row_even_at_the_smallest_n(name, n):
    n = max(n, MOST_GROUPS[name])
    _, truth = datasets.load(name, n=n, return_truth=True)
    # a random number of groups is the seed's, whatever n is: the default n has as many
    groups = GROUPS[name] or datasets.load(name, return_truth=True)[1].nunique()
    assert sorted(truth.unique()) == list(range(groups))


def test_group_sizes_follow_the_proportions_and_add_up_to_n():
    _, truth = datasets.load("uneven-sizes", n=400, return_truth=True)
    assert truth.value_counts().sort_index().tolist() == [300, 80, 20]
    _, truth = datasets.load("blobs", n=403, return_truth=True)
    assert sorted(truth.value_counts().tolist()) == [100, 101, 101, 101]


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_an_identical_frame(name):
    pd.testing.assert_frame_equal(datasets.load(name, seed=7), datasets.load(name, seed=7))


@pytest.mark.parametrize("name", GENERATED)
def test_different_seeds_give_different_frames(name):
    assert not datasets.load(name, seed=1).equals(datasets.load(name, seed=2))


def test_a_generator_seed_gives_the_same_data_as_its_int_seed():
    from_generator = datasets.load("moons", seed=np.random.default_rng(5))
    pd.testing.assert_frame_equal(from_generator, datasets.load("moons", seed=5))


def test_loading_leaves_the_global_random_state_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the legacy global state)
    datasets.load("blobs", seed=None)
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_generated_rows_come_in_random_order_not_sorted_by_group():
    _, truth = datasets.load("blobs", return_truth=True)
    assert not truth.is_monotonic_increasing


def test_article_has_columns_x_and_y_and_300_rows():
    df = datasets.load("article")
    assert list(df.columns) == ["X", "Y"]
    assert len(df) == 300


def test_article_x_is_a_whole_number_from_0_to_3():
    x = datasets.load("article")["X"]
    assert pd.api.types.is_integer_dtype(x)
    assert set(x) == {0, 1, 2, 3}


def test_article_y_lies_in_0_to_10():
    y = datasets.load("article")["Y"]
    assert y.min() >= 0
    assert y.max() < 10


def test_article_truth_is_x():
    df, truth = datasets.load("article", return_truth=True)
    assert truth.tolist() == df["X"].tolist()


def test_iris_matches_scikit_learn_exactly():
    sklearn_datasets = pytest.importorskip("sklearn.datasets")
    bunch = sklearn_datasets.load_iris()
    df, truth = datasets.load("iris", return_truth=True)
    assert len(df) == 150
    assert list(df.columns) == list(bunch.feature_names)
    np.testing.assert_array_equal(df.to_numpy(), bunch.data)
    np.testing.assert_array_equal(truth.to_numpy(), bunch.target)


def test_iris_accepts_its_own_size_as_n():
    assert len(datasets.load("iris", n=150)) == 150


def test_uniform_truth_is_all_zero():
    _, truth = datasets.load("uniform", return_truth=True)
    assert (truth == 0).all()


def test_packed_circles_are_round_groups_of_different_sizes_that_do_not_overlap():
    df, truth = datasets.load("packed-circles", seed=4, n=6000, return_truth=True)
    points = df.to_numpy()
    assert ((points >= 0) & (points <= 10)).all()  # packed in a 10 x 10 square
    centres, radii = [], []
    for group in range(6):
        own = points[truth.to_numpy() == group]
        # a disc's centre is the middle of its extent, its radius the farthest point from it
        centre = (own.min(axis=0) + own.max(axis=0)) / 2
        distance = np.linalg.norm(own - centre, axis=1)
        centres.append(centre)
        radii.append(distance.max())
        # evenly spread over the disc: half of the points within radius / sqrt(2)
        assert 0.4 < np.mean(distance < distance.max() / np.sqrt(2)) < 0.6
    centres, radii = np.array(centres), np.array(radii)
    assert radii.max() <= 2.0 + 1e-9 and radii.max() > 1.3 * radii.min()
    for i in range(6):
        for j in range(i):
            assert np.linalg.norm(centres[i] - centres[j]) > radii[i] + radii[j]
    # as many points per circle as its area holds
    sizes = truth.value_counts().sort_index().to_numpy()
    np.testing.assert_allclose(sizes / sizes.sum(), radii**2 / np.sum(radii**2), atol=0.02)


def test_packed_circles_sit_elsewhere_with_another_seed_but_not_with_another_n():
    def circle_centres(seed, n):
        df, truth = datasets.load("packed-circles", seed=seed, n=n, return_truth=True)
        grouped = df.groupby(truth.to_numpy())
        return ((grouped.min() + grouped.max()) / 2).to_numpy()

    np.testing.assert_allclose(circle_centres(1, 3000), circle_centres(1, 6000), atol=0.15)
    assert np.abs(circle_centres(1, 3000) - circle_centres(2, 3000)).max() > 1


def test_the_gaussian_mixture_draws_2_to_8_groups_from_the_seed_and_n_does_not_change_it():
    counts = [
        datasets.load("gaussian-mixture", seed=seed, return_truth=True)[1].nunique()
        for seed in range(200)
    ]
    assert set(counts) == set(range(2, 9))
    for seed in range(5):
        _, small = datasets.load("gaussian-mixture", seed=seed, n=50, return_truth=True)
        assert small.nunique() == counts[seed]


def test_the_gaussian_mixture_has_random_centres_spreads_and_sizes():
    df, truth = datasets.load("gaussian-mixture", seed=7, n=20_000, return_truth=True)
    grouped = df.groupby(truth.to_numpy())
    spreads = grouped.std().mean(axis=1)
    assert spreads.between(0.4, 2.2).all() and spreads.max() > 1.3 * spreads.min()
    sizes = truth.value_counts()
    assert sizes.max() > 1.3 * sizes.min()
    centres = grouped.mean().to_numpy()
    other, other_truth = datasets.load("gaussian-mixture", seed=8, return_truth=True)
    other_centres = other.groupby(other_truth.to_numpy()).mean().to_numpy()
    assert centres.shape != other_centres.shape or not np.allclose(centres, other_centres, atol=1)


def test_n_below_the_most_groups_of_the_gaussian_mixture_raises_value_error():
    with pytest.raises(ValueError, match=r"n=7 is too small.*2 to 8 groups, so it needs n >= 8"):
        datasets.load("gaussian-mixture", n=7)


def test_customers_columns_have_plausible_values():
    df = datasets.load("customers", seed=3, n=2000)
    income = df["annual income (k$)"]
    score = df["spending score (1-100)"]
    visits = df["visits per month"]
    assert income.between(15, 140).all()
    assert score.between(1, 100).all()
    assert (score == score.round()).all()
    assert (visits >= 0).all()
    assert np.allclose(visits, visits.round(1))
    assert income.std() > 5 * visits.std()  # on purpose: a lesson standardises them


@pytest.mark.parametrize("name", NAMES)
def test_return_truth_gives_a_series_aligned_with_the_frame(name):
    df, truth = datasets.load(name, return_truth=True)
    assert isinstance(truth, pd.Series)
    assert truth.name == "truth"
    assert pd.api.types.is_integer_dtype(truth)
    assert truth.index.equals(df.index)
    if GROUPS[name] is None:
        assert 2 <= truth.nunique() <= 8
    else:
        assert truth.nunique() == GROUPS[name]


def test_unknown_name_raises_value_error_listing_the_valid_names():
    with pytest.raises(ValueError, match=r"Unknown data set 'blob'.*article, blobs"):
        datasets.load("blob")


def test_a_name_that_is_not_a_string_raises_value_error():
    with pytest.raises(ValueError, match="Unknown data set"):
        datasets.load(["blobs"])


@pytest.mark.parametrize("n", [2.5, 10.0, "100", True])
def test_n_that_is_not_a_whole_number_raises_type_error(n):
    with pytest.raises(TypeError, match="n must be a whole number"):
        datasets.load("blobs", n=n)


@pytest.mark.parametrize("n", [0, -5, 10**12])
def test_n_outside_its_range_raises_value_error(n):
    with pytest.raises(ValueError, match="n must be a whole number between 1 and 10000000"):
        datasets.load("blobs", n=n)


@pytest.mark.parametrize("flag", ["no", "yes", 1, 0, None])
def test_return_truth_must_be_true_or_false(flag):
    # Any non-empty string is true to Python: "no" must not give the truth.
    with pytest.raises(TypeError, match="return_truth must be True or False"):
        datasets.load("blobs", return_truth=flag)


def test_an_unknown_keyword_lists_the_valid_ones():
    with pytest.raises(
        TypeError, match=r"'size'.*valid keyword arguments are: name, seed, n, return_truth"
    ):
        datasets.load("blobs", size=10)


def test_n_below_the_number_of_groups_raises_value_error():
    with pytest.raises(ValueError, match=r"n=3 is too small for 'blobs'.*4 groups"):
        datasets.load("blobs", n=3)


@pytest.mark.parametrize("n", [100, 150.0])
def test_n_for_iris_raises_value_error_about_its_fixed_size(n):
    with pytest.raises(ValueError, match="iris has a fixed 150 rows"):
        datasets.load("iris", n=n)


@pytest.mark.parametrize("name", ["blobs", "iris"])
def test_a_seed_of_the_wrong_type_raises_type_error(name):
    with pytest.raises(TypeError, match="seed must be an int"):
        datasets.load(name, seed="42")


def test_a_negative_seed_raises_value_error():
    with pytest.raises(ValueError, match="seed must be a non-negative int"):
        datasets.load("blobs", seed=-1)


def test_importing_datasets_does_not_import_sklearn():
    code = "import kmeans_teach.datasets, sys; assert 'sklearn' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
