"""Nothing silent: data at any scale, measures that do not drift, refusals that say why."""

import time
import warnings

import numpy as np
import pandas as pd
import pytest

from kmeans_teach import (
    datasets,
    elbow_curve,
    find_elbow,
    inertia,
    kmeans,
    kmeans_plusplus_picks,
    kmeans_steps,
    silhouette_samples,
    silhouette_score,
    within_cluster_variation,
)
from kmeans_teach.plotting import projector_style

INITS = ("k-means++", "forgy", "random-partition", "farthest-point")
BLOBS = datasets.load("blobs", seed=0).to_numpy()


@pytest.fixture(autouse=True)
def warnings_are_errors():
    # "No RuntimeWarning spam": any warning numpy gives fails the test.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- data at any finite scale -------------------------------------------------------


@pytest.mark.parametrize("scale", [1e-170, 1e155, 1e307, 1e-300])
@pytest.mark.parametrize("init", INITS)
def test_data_at_an_extreme_scale_gives_the_unit_scale_clustering(init, scale):
    unit = list(kmeans_steps(BLOBS, 4, init=init, seed=0))
    scaled = list(kmeans_steps(BLOBS * scale, 4, init=init, seed=0))
    assert len(scaled) == len(unit)
    for a, b in zip(unit, scaled):
        assert (a.phase, a.n_changed, a.converged) == (b.phase, b.n_changed, b.converged)
        if a.labels is not None:
            np.testing.assert_array_equal(b.labels, a.labels)
        np.testing.assert_allclose(b.centroids, a.centroids * scale, rtol=1e-12)
        # In the data's units; beyond float64 the nearest number it has (inf or 0).
        assert b.inertia == pytest.approx(a.inertia * scale * scale, rel=1e-9, nan_ok=True)
    assert np.unique(scaled[-1].labels).size == 4  # not one cluster with inertia 0


def test_scaling_by_a_power_of_two_changes_no_digit():
    for power in (-700, -3, 0, 5, 700):
        scaled = list(kmeans_steps(np.ldexp(BLOBS, power), 4, seed=1))
        for a, b in zip(kmeans_steps(BLOBS, 4, seed=1), scaled):
            np.testing.assert_array_equal(np.ldexp(a.centroids, power), b.centroids)


@pytest.mark.parametrize("size", [1e10, 1.1e50, 1e118, 1e300])
@pytest.mark.parametrize("init", INITS)
def test_a_constant_column_far_from_zero_changes_nothing(init, size):
    # A column of 1e50s: its mean can be off in the last digit, a "distance" of 1e34.
    zero = np.column_stack([np.zeros(len(BLOBS)), BLOBS[:, 0]])
    far = np.column_stack([np.full(len(BLOBS), size), BLOBS[:, 0]])
    np.testing.assert_array_equal(
        kmeans(far, 4, init=init, seed=0).labels, kmeans(zero, 4, init=init, seed=0).labels
    )


def test_a_tiny_column_beside_a_constant_one_is_still_clustered():
    X = np.column_stack([np.ones(len(BLOBS)), BLOBS[:, 0] * 1e-170])
    zero = np.column_stack([np.zeros(len(BLOBS)), BLOBS[:, 0]])
    np.testing.assert_array_equal(kmeans(X, 4, seed=0).labels, kmeans(zero, 4, seed=0).labels)


def test_k_means_plus_plus_draws_the_same_points_at_any_scale():
    unit = [pick.index for pick in kmeans_plusplus_picks(BLOBS, 4, seed=3)]
    for scale in (1e-170, 1e155, 1e307):
        picks = list(kmeans_plusplus_picks(BLOBS * scale, 4, seed=3))
        assert [pick.index for pick in picks] == unit
        assert all(np.isfinite(pick.probabilities).all() for pick in picks)
        np.testing.assert_array_equal(picks[1].centroid, BLOBS[unit[1]] * scale)


def test_the_init_step_shows_the_observations_an_init_picks_exactly():
    X = BLOBS + 1e6  # centred in the run, where the rows are no longer the observations
    for init in ("k-means++", "forgy", "farthest-point"):
        first = next(iter(kmeans_steps(X, 4, init=init, seed=0)))
        assert all((X == centroid).all(axis=1).any() for centroid in first.centroids)


def test_rows_that_differ_below_what_a_square_can_show_do_not_break_k_means_plus_plus():
    X = np.array([[1.0, 0.0], [1.0, 1e-170], [1.0, 2e-170]])
    for init in INITS:
        last = kmeans(X, 3, init=init, seed=0)
        assert sorted(last.labels.tolist()) == [0, 1, 2]


@pytest.mark.parametrize("init", INITS)
def test_points_told_apart_only_below_what_float64_keeps_at_their_scale_still_run(init):
    # At the scale of 1e300, 1e-300 and 0 are the same number: k = 3 leaves a cluster empty
    # (as for the same data at unit scale), but nothing fails.
    last = kmeans(np.array([[1e300], [1e-300], [0.0]]), 3, init=init, seed=0)
    assert last.labels[0] != last.labels[1] == last.labels[2]


def test_nothing_is_raised_at_the_first_step_that_could_be_raised_at_the_call():
    for scale in (1e-300, 1e300):
        steps = kmeans_steps(BLOBS * scale, 4, seed=0)  # the call checks ...
        assert list(steps)  # ... and the steps then come without an error
    with pytest.raises(ValueError, match="init has centroids as large as 1e\\+300"):
        kmeans_steps(BLOBS, 2, init=[[1e300, 0.0], [0.0, 0.0]])  # at the call


# --- measures that do not drift ------------------------------------------------------


@pytest.fixture(scope="module")
def random_points():
    X = np.random.default_rng(0).normal(size=(50, 3))
    return X, kmeans(X, 3, seed=0).labels


def test_the_silhouette_does_not_change_when_the_data_moves(random_points):
    X, labels = random_points
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    expected = sklearn_metrics.silhouette_score(X, labels)
    assert silhouette_score(X, labels) == pytest.approx(expected, rel=1e-9)
    # 1e8 away the values keep 8 of their 16 digits: the answer keeps about as many.
    assert silhouette_score(X + 1e8, labels) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("scale", [1e-200, 1e-5, 1e5, 1e200])
def test_every_measure_follows_the_data_into_other_units(random_points, scale):
    X, labels = random_points
    centroids = kmeans(X, 3, seed=0).centroids
    assert silhouette_score(X * scale, labels) == pytest.approx(silhouette_score(X, labels))
    np.testing.assert_allclose(
        silhouette_samples(X * scale, labels), silhouette_samples(X, labels), atol=1e-12
    )
    assert inertia(X * scale, labels, centroids * scale) == pytest.approx(
        inertia(X, labels, centroids) * scale * scale, rel=1e-12
    )
    with np.errstate(over="ignore"):  # the expected squares of 1e200: inf
        expected = within_cluster_variation(X, labels) * scale * scale
    np.testing.assert_allclose(within_cluster_variation(X * scale, labels), expected, rtol=1e-12)
    assert inertia(X * scale, labels, centroids * scale, metric="manhattan") == pytest.approx(
        inertia(X, labels, centroids, metric="manhattan") * scale, rel=1e-12
    )


def test_measures_do_not_change_when_the_data_is_shifted(random_points):
    X, labels = random_points
    centroids = kmeans(X, 3, seed=0).centroids
    shift = np.array([1e6, -2e6, 5e5])
    assert inertia(X + shift, labels, centroids + shift) == pytest.approx(
        inertia(X, labels, centroids), rel=1e-6
    )
    np.testing.assert_allclose(
        within_cluster_variation(X + shift, labels), within_cluster_variation(X, labels), rtol=1e-6
    )


@pytest.mark.parametrize("scale", [1e-170, 1e155])
def test_the_elbow_curve_compares_its_runs_at_unit_scale(scale):
    unit = elbow_curve(BLOBS, range(1, 5), n_init=3, seed=0)
    scaled = elbow_curve(BLOBS * scale, range(1, 5), n_init=3, seed=0)
    np.testing.assert_allclose(scaled["silhouette"], unit["silhouette"], rtol=1e-9)
    # Squared distances near 1e310 or 1e-340 are beyond float64: inf and 0 are its nearest.
    np.testing.assert_allclose(scaled["inertia"], unit["inertia"] * scale * scale, rtol=1e-9)


def test_labels_in_a_series_follow_the_index_of_the_data():
    df, truth = datasets.load("blobs", seed=1, return_truth=True)
    shuffled = df.sample(frac=1, random_state=0)
    expected = silhouette_score(df, truth)
    assert expected > 0.8
    assert silhouette_score(shuffled, truth) == pytest.approx(expected, rel=1e-9)
    centroids = df.groupby(truth).mean().to_numpy()
    assert inertia(shuffled, truth, centroids) == pytest.approx(inertia(df, truth, centroids))


def test_labels_in_a_series_with_other_rows_are_refused():
    df, truth = datasets.load("blobs", seed=1, return_truth=True)
    other = truth.set_axis(truth.index + 1000)
    with pytest.raises(ValueError, match="labels is a Series whose index does not match X's"):
        silhouette_score(df, other)
    # Given as plain numbers, the labels go by position.
    assert silhouette_score(df, other.to_numpy()) == pytest.approx(silhouette_score(df, truth))


@pytest.mark.parametrize(
    ("labels", "error", "message"),
    [
        (pd.Series([0, 1, None, 1], dtype="Int64"), ValueError, "labels has 1 missing value"),
        ([0.0, 1.0, np.nan, 1.0], TypeError, "NaN marks a missing label"),
        ([0.0, 1.0, 0.0, 1.0], TypeError, r"labels.astype\(int\)"),
        ([0, -1, 0, 1], ValueError, "labels must be >= 0.*smallest is -1"),
        (["a", "b", "a", "b"], TypeError, "whole numbers"),
        ([True, False, True, False], TypeError, "whole numbers"),
        ([0, 1, 0], ValueError, r"labels must have shape \(4,\)"),
        (None, TypeError, "labels must be an array of cluster indices"),
        (np.array([0, 1, 2**63, 1], dtype=np.uint64), ValueError, "too large to be a cluster"),
    ],
)
def test_labels_are_checked_with_a_message_that_names_the_problem(labels, error, message):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [6.0, 5.0]])
    with pytest.raises(error, match=message):
        silhouette_score(X, labels)


def test_nullable_integer_labels_without_missing_values_are_fine():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [6.0, 5.0]])
    labels = pd.Series([0, 0, 1, 1], dtype="Int64")
    assert silhouette_score(X, labels) == pytest.approx(silhouette_score(X, [0, 0, 1, 1]))


def test_a_label_far_beyond_the_points_is_refused_at_once():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    start = time.perf_counter()
    with pytest.raises(ValueError, match="labels go up to 1000000000, but there are only 4 points"):
        within_cluster_variation(X, [0, 0, 1, 10**9])
    assert time.perf_counter() - start < 1.0


def test_uint64_labels_beyond_any_index_are_refused():
    X = np.zeros((3, 2))
    labels = np.array([0, 1, 2**63], dtype=np.uint64)
    with pytest.raises(ValueError, match="labels go up to 9223372036854775808, too large"):
        inertia(X, labels, np.zeros((2, 2)))


@pytest.mark.parametrize("seed", range(4))
def test_the_elbow_curve_of_data_with_a_far_outlier_never_fails(seed):
    # The silhouette's 2,000-point sample can miss the outlier's one-point cluster; each
    # sampled point is measured against every point, so the cluster still counts.
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(size=(5000, 2)), [[1e6, 1e6]]])
    curve = elbow_curve(X, range(1, 4), n_init=1, seed=seed)
    assert np.isfinite(curve["silhouette"][1:]).all()


def test_a_sampled_silhouette_measures_its_points_against_every_point():
    X = BLOBS
    labels = kmeans(X, 4, seed=0).labels
    every = silhouette_samples(X, labels)
    rng = np.random.default_rng(5)
    chosen = np.sort(rng.choice(len(X), size=50, replace=False))
    sampled = silhouette_score(X, labels, sample_size=50, seed=5)
    assert sampled == pytest.approx(every[chosen].mean(), rel=1e-12)


# --- refusing what is not data -------------------------------------------------------


def generator_of_rows():
    return (row for row in BLOBS[:10])


def not_data_cases():
    sparse = pytest.importorskip("scipy.sparse")
    yield "masked array", np.ma.masked_array(BLOBS[:10], mask=BLOBS[:10] > 5), "mask"
    yield "sparse matrix", sparse.csr_matrix(BLOBS[:10]), r"toarray\(\)"
    yield "sparse array", sparse.csr_array(BLOBS[:10]), r"toarray\(\)"
    yield "generator", generator_of_rows(), r"np.array\(list\(X\)\)"
    yield "iterator", iter(BLOBS[:10].tolist()), r"np.array\(list\(X\)\)"
    yield "set", {1.0, 2.0}, "list or an array of its rows"


@pytest.mark.parametrize(("name", "X", "message"), list(not_data_cases()), ids=lambda v: "")
def test_what_is_not_data_is_refused_saying_what_to_pass(name, X, message):
    with pytest.raises(TypeError, match=message):
        kmeans_steps(X, 2)


def test_masked_or_sparse_labels_and_centroids_are_refused_too():
    sparse = pytest.importorskip("scipy.sparse")
    X = BLOBS[:4]
    with pytest.raises(TypeError, match="labels is a masked array"):
        inertia(X, np.ma.masked_array([0, 0, 1, 1], mask=[0, 1, 0, 0]), X[:2])
    with pytest.raises(TypeError, match="centroids is a scipy sparse matrix"):
        inertia(X, [0, 0, 1, 1], sparse.csr_matrix(X[:2]))
    with pytest.raises(TypeError, match="init is a masked array"):
        kmeans_steps(X, 2, init=np.ma.masked_array(X[:2]))


@pytest.mark.parametrize("init", [None, 3, True, 2.5])
def test_an_init_that_is_neither_a_name_nor_centroids_is_refused(init):
    with pytest.raises(TypeError, match="init must be one of .* or a \\(k, d\\) array"):
        kmeans_steps(BLOBS, 2, init=init)


@pytest.mark.parametrize(
    ("sample_size", "error"),
    [("3", TypeError), (2.5, TypeError), (1, ValueError), (True, TypeError)],
)
def test_a_bad_sample_size_is_refused(sample_size, error):
    labels = kmeans(BLOBS, 3, seed=0).labels
    with pytest.raises(error, match="sample_size must be a whole number >= 2"):
        silhouette_score(BLOBS, labels, sample_size=sample_size)


@pytest.mark.parametrize(
    ("curve", "error", "message"),
    [
        (pd.DataFrame({"k": [0, 1, 2], "inertia": [3.0, 2.0, 1.0]}), ValueError, "1 <= k"),
        (pd.DataFrame({"k": [-1, 0, 1]}).assign(inertia=1.0), ValueError, "1 <= k"),
        (pd.DataFrame({"inertia": [3.0, 2.0, 1.0]}), ValueError, "curve has no column 'k'"),
        (pd.DataFrame({"k": [1, 2, 3]}), ValueError, "curve has no column 'inertia'"),
        (pd.DataFrame({"k": [1e30, 2e30, 3e30], "inertia": 1.0}), ValueError, "k <= 1e\\+15"),
    ],
)
def test_a_curve_that_is_not_an_elbow_curve_is_refused(curve, error, message):
    with pytest.raises(error, match=message):
        find_elbow(curve)


def test_find_elbow_works_on_inertias_near_the_ends_of_float64():
    curve = pd.DataFrame({"k": range(1, 8), "inertia": [1000, 400, 100, 95, 90, 86, 83]})
    for scale in (1e-300, 1.0, 1e300):
        scaled = curve.assign(inertia=curve["inertia"] * scale)
        assert find_elbow(scaled) == find_elbow(curve) == 3


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: elbow_curve(BLOBS, n_init=10**30), "n_init must be a whole number between 1"),
        (lambda: elbow_curve(BLOBS, silhouette_sample_size="all"), "silhouette_sample_size"),
        (lambda: elbow_curve(BLOBS, ks=[1, 2, 10**30]), "ks goes up to"),
        (lambda: elbow_curve(BLOBS, ks="123"), "ks must be an iterable of whole numbers"),
        (lambda: kmeans_steps(BLOBS, 2, tol=10**400), "tol must be a number >= 0"),
        (lambda: kmeans_steps(BLOBS, 2, max_iter=0), "max_iter must be a whole number >= 1"),
        (lambda: find_elbow(pd.DataFrame(), min_ratio=10**400), "curve has no column"),
        (lambda: datasets.load("blobs", n=10**12), "n must be a whole number between 1"),
        (lambda: datasets.load("blobs", return_truth="no"), "return_truth must be True or False"),
        (lambda: projector_style(-1), "scale must be a number between 0.25 and 10"),
    ],
)
def test_every_numeric_and_true_false_option_is_checked_against_its_range(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


# --- unknown keyword arguments ---------------------------------------------------------


def public_calls():
    X, labels = BLOBS[:20], np.arange(20) % 2
    curve = pd.DataFrame({"k": [1, 2, 3], "inertia": [3.0, 2.0, 1.0]})
    yield kmeans_steps, (X, 2), "seeds", "seed"
    yield kmeans, (X, 2), "K", "k"
    yield kmeans_plusplus_picks, (X, 2), "random_state", None
    yield inertia, (X, labels, X[:2]), "metrics", "metric"
    yield within_cluster_variation, (X,), "label", "labels"
    yield silhouette_samples, (X, labels), "distance", None
    yield silhouette_score, (X, labels), "samplesize", "sample_size"
    yield elbow_curve, (X,), "k", "ks"
    yield find_elbow, (curve,), "ratio", "min_ratio"
    yield datasets.load, ("blobs",), "size", None
    yield datasets.names, (), "sorted", None
    yield datasets.describe, (), "verbose", None
    yield datasets.load_image, (), "picture", None
    yield projector_style, (), "size", None


@pytest.mark.parametrize(
    ("function", "arguments", "wrong", "meant"), list(public_calls()), ids=lambda v: ""
)
def test_an_unknown_keyword_is_a_type_error_listing_the_valid_ones(
    function, arguments, wrong, meant
):
    with pytest.raises(TypeError) as error:
        function(*arguments, **{wrong: 1})
    message = str(error.value)
    assert f"unexpected keyword argument '{wrong}'" in message
    assert "the valid keyword arguments are:" in message
    if meant is not None:
        assert f"did you mean '{meant}'?" in message


def test_the_valid_keywords_are_listed_in_the_order_of_the_signature():
    with pytest.raises(TypeError, match="are: X, k, init, seed, max_iter, tol, metric\\.$"):
        kmeans_steps(BLOBS, 2, seeds=1)


def test_methods_list_their_keywords_without_self():
    from matplotlib.figure import Figure

    from kmeans_teach.plotting import StepView

    with pytest.raises(TypeError, match=r"StepView\(\) got .*'colour'.*are: ax, X, k, labels"):
        StepView(Figure().add_subplot(), BLOBS, 4, colour="red")
    view = StepView(Figure().add_subplot(), BLOBS, 4)
    with pytest.raises(TypeError, match=r"StepView.show\(\) got .*: step, previous\."):
        view.show(step=None, before=None)


def test_the_step_records_list_their_fields_too():
    from kmeans_teach import Step
    from kmeans_teach.init import PlusPlusPick

    with pytest.raises(TypeError, match=r"Step\(\) got .*'phaze'.*did you mean 'phase'"):
        Step(phaze="init", iteration=0, centroids=np.zeros((1, 2)), labels=None, inertia=0.0)
    with pytest.raises(TypeError, match=r"PlusPlusPick\(\) got .*: index, centroid"):
        PlusPlusPick(0, np.zeros(2), np.ones(1), weight=1)


# Every public callable of the package, found by walking it: its __all__ and each public
# module's __all__ (or its public functions and classes when it has none).
# frame_figure passes its options to matplotlib's Figure, which names a wrong one itself;
# exceptions are raised by the package, not called by its users.
NOT_WALKED = {"kmeans_teach.plotting.frame_figure"}


def public_callables():
    import importlib
    import inspect
    import pkgutil

    import kmeans_teach

    modules = ["kmeans_teach"] + [
        f"kmeans_teach.{module.name}"
        for module in pkgutil.iter_modules(kmeans_teach.__path__)
        if not module.name.startswith("_")
    ]
    found = {}
    for name in modules:
        module = importlib.import_module(name)
        names = getattr(module, "__all__", None) or [
            key
            for key, value in vars(module).items()
            if not key.startswith("_")
            and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__
        ]
        for key in names:
            value = getattr(module, key)
            if inspect.ismodule(value) or not callable(value):
                continue
            if inspect.isclass(value) and issubclass(value, BaseException):
                continue
            where = f"{name}.{key}"
            if where not in NOT_WALKED:
                found.setdefault(id(value), (where, value))
    return sorted(found.values(), key=lambda item: item[0])


PUBLIC = public_callables()


def test_the_walk_finds_the_package_its_checks_and_its_authoring_commands():
    names = {where for where, _ in PUBLIC}
    assert {"kmeans_teach.kmeans_steps", "kmeans_teach.exercises.check_assign_step"} <= names
    assert "kmeans_teach.authoring.generate_exercises" in names
    assert len(PUBLIC) > 60


@pytest.mark.parametrize("wrong", ["no_such_option", "random_state"])
@pytest.mark.parametrize(("where", "function"), PUBLIC, ids=[where for where, _ in PUBLIC])
def test_every_public_callable_names_an_unknown_keyword_and_lists_the_valid_ones(
    where, function, wrong
):
    # Checked before any other argument: called with nothing else, the keyword is the error.
    with pytest.raises(TypeError) as error:
        function(**{wrong: 1})
    message = str(error.value)
    assert f"unexpected keyword argument '{wrong}'" in message, f"{where}: {message}"
    assert "the valid keyword arguments are:" in message, f"{where}: {message}"


@pytest.mark.parametrize(
    "function", [kmeans_steps, kmeans, datasets.load, elbow_curve], ids=lambda f: f.__name__
)
def test_scikit_learns_random_state_is_pointed_to_seed(function):
    with pytest.raises(TypeError, match=r"scikit-learn's random_state= is seed= here"):
        function(random_state=0)


# --- the command line checks where it writes before any work -----------------------------


def test_release_checks_its_folder_before_running_the_lessons(tmp_path, capsys):
    from kmeans_teach.authoring import release_main

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    # A course that does not exist: reading it would be the first work, so the folder's error
    # shows that the folder was checked first.
    status = release_main([str(blocked / "release"), "--course", str(tmp_path / "no-course")])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Cannot release to" in err and "is a file, not a folder" in err
    assert "Running every lesson" not in out


def test_grading_checks_its_folder_before_reading_the_lessons(tmp_path, capsys):
    from kmeans_teach.authoring import grading_main

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    status = grading_main([str(blocked / "export"), "--course", str(tmp_path / "no-course")])
    err = capsys.readouterr().err
    assert status == 1
    assert "Cannot export to" in err and "is a file, not a folder" in err


def test_animate_checks_its_output_before_running_k_means(tmp_path, capsys, monkeypatch):
    from kmeans_teach import animation

    def no_work(*args, **kwargs):
        raise AssertionError("k-means ran before the output path was checked")

    monkeypatch.setattr(animation, "kmeans_steps", no_work, raising=False)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert animation.animate_main(["--output", str(blocked / "run.gif")]) != 0
    err = capsys.readouterr().err
    assert "Cannot write" in err and "is a file, not a folder" in err
