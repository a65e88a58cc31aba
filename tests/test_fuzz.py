"""Fuzzing the public functions: every failure is a ValueError or TypeError naming its argument.

Each test starts from a call that works, puts an arbitrary value (hypothesis draws it:
numbers of every size, text, arrays of any shape and content, masked and sparse arrays,
generators, tables) in place of one argument, and calls. The call either works, and then
so does everything it returns (a run's steps come without an error or a warning), or it
raises a ValueError or a TypeError whose message names the argument that was changed.
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

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

X = datasets.load("blobs", n=12, seed=0).to_numpy()
LABELS = np.arange(12) % 3
CENTROIDS = np.array([X[LABELS == j].mean(axis=0) for j in range(3)])
CURVE = pd.DataFrame({"k": range(1, 6), "inertia": [100.0, 30.0, 5.0, 4.0, 3.5]})

#: A call that works for every public function of the package's core, by keyword.
CALLS = {
    "kmeans_steps": (
        kmeans_steps,
        {"X": X, "k": 3, "init": "k-means++", "seed": 0, "max_iter": 20, "tol": 1e-4},
    ),
    "kmeans": (kmeans, {"X": X, "k": 3, "init": "forgy", "seed": 0, "metric": "manhattan"}),
    "kmeans_plusplus_picks": (
        kmeans_plusplus_picks,
        {"X": X, "k": 3, "seed": 0, "metric": "euclidean"},
    ),
    "inertia": (inertia, {"X": X, "labels": LABELS, "centroids": CENTROIDS, "metric": "euclidean"}),
    "within_cluster_variation": (within_cluster_variation, {"X": X, "labels": LABELS}),
    "silhouette_samples": (silhouette_samples, {"X": X, "labels": LABELS, "metric": "manhattan"}),
    "silhouette_score": (
        silhouette_score,
        {"X": X, "labels": LABELS, "sample_size": 6, "seed": 0},
    ),
    "elbow_curve": (
        elbow_curve,
        {
            "X": X,
            "ks": [1, 2, 3],
            "init": "random-partition",
            "n_init": 2,
            "seed": 0,
            "silhouette_sample_size": 8,
        },
    ),
    "find_elbow": (find_elbow, {"curve": CURVE, "min_ratio": 2.0}),
    "datasets.load": (
        datasets.load,
        {"name": "moons", "seed": 0, "n": 10, "return_truth": True},
    ),
    "datasets.load_image": (datasets.load_image, {"name": "hopper"}),
    "projector_style": (projector_style, {"scale": 1.6}),
}

finite = st.floats(allow_nan=False, allow_infinity=False)
anything_numeric = st.floats(allow_nan=True, allow_infinity=True)

#: Values of every kind a caller might pass by mistake (and a few right ones).
ARBITRARY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20),
    st.sampled_from([-(10**30), 2**63, 10**30, 10**400]),
    anything_numeric,
    st.complex_numbers(allow_nan=True),
    st.text(max_size=6),
    st.sampled_from(["3", "k-means++", "forgy", "manhattan", "blobs", "no", "yes", ""]),
    st.binary(max_size=3),
    st.lists(anything_numeric, max_size=5),
    st.lists(st.lists(st.integers(-3, 3), min_size=2, max_size=2), max_size=6),
    st.lists(st.lists(finite, min_size=2, max_size=2), min_size=1, max_size=6),
    arrays(
        st.sampled_from([np.float64, np.float32, np.int8, np.int64, np.uint64, np.bool_]),
        array_shapes(min_dims=0, max_dims=3, max_side=5),
    ),
    arrays(np.float64, st.tuples(st.integers(1, 12), st.just(2)), elements=finite),
    arrays(np.int64, st.just((12,)), elements=st.integers(-2, 14)),
    st.builds(lambda scale: X * scale, st.sampled_from([1e-300, 1e-170, 1e155, 1e300])),
    st.builds(lambda: np.ma.masked_array(X, mask=X > 0)),
    st.builds(lambda: iter(X.tolist())),
    st.builds(lambda: (row for row in X)),
    st.builds(lambda: {"a": 1}),
    st.builds(lambda: {1.0, 2.0}),
    st.builds(lambda: pd.DataFrame(X, columns=["a", "b"])),
    st.builds(lambda: pd.DataFrame({"a": ["x"] * 12, "b": range(12)})),
    st.builds(lambda: pd.Series(LABELS, dtype="Int64").where(LABELS > 0)),
    st.builds(lambda: pd.Series(LABELS, index=range(5, 17))),
    st.builds(lambda: pd.DataFrame({"k": [0, 1, 2], "inertia": [3.0, 2.0, 1.0]})),
    st.builds(lambda: pd.DataFrame({"k": [1, 2, 3], "inertia": [3.0, np.nan, -1.0]})),
    st.builds(lambda: np.random.default_rng(1)),
    st.builds(lambda: np.random.RandomState(1)),
    st.builds(object),
)


def sparse_matrix():
    from scipy import sparse

    return sparse.csr_matrix(X)


def _check_call(function, arguments, name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning spam either
        try:
            result = function(**arguments)
        except (ValueError, TypeError) as error:
            message = str(error)
            assert re.search(rf"\b{re.escape(name)}\b", message), (
                f"{type(error).__name__} does not name {name!r}: {message}"
            )
            return
        if hasattr(result, "__next__"):  # a generator of steps or picks
            for _ in result:  # nothing may be raised here that the call could raise
                pass


@pytest.mark.parametrize(
    ("function_name", "name"),
    [(f, a) for f, (_, arguments) in CALLS.items() for a in arguments],
    ids=lambda v: v,
)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(value=ARBITRARY)
def test_every_failure_is_a_value_or_type_error_naming_the_argument(function_name, name, value):
    function, arguments = CALLS[function_name]
    _check_call(function, {**arguments, name: value}, name)


@pytest.mark.parametrize(
    ("function_name", "name"),
    [(f, a) for f, (_, arguments) in CALLS.items() for a in arguments if a in ("X", "labels")],
    ids=lambda v: v,
)
def test_a_sparse_matrix_anywhere_is_refused_by_name(function_name, name):
    pytest.importorskip("scipy")
    function, arguments = CALLS[function_name]
    with pytest.raises(TypeError, match=rf"{name} is a scipy sparse matrix"):
        function(**{**arguments, name: sparse_matrix()})


def test_the_good_calls_work():
    # Each fuzzed call starts from these, so they must work as they are.
    for function, arguments in CALLS.values():
        _check_call(function, arguments, "")


@settings(max_examples=60, deadline=None)
@given(
    points=arrays(
        np.float64,
        st.tuples(st.integers(3, 30), st.integers(1, 3)),
        elements=st.one_of(
            st.floats(-1e308, 1e308, allow_nan=False, allow_subnormal=True),
            st.sampled_from([0.0, 1.0, 1e-300, -1e-300, 5e-324, 1e300, -1.7e308, 1.7e308]),
        ),
    ),
    k=st.integers(1, 4),
    init=st.sampled_from(["k-means++", "forgy", "random-partition", "farthest-point"]),
    metric=st.sampled_from(["euclidean", "manhattan"]),
)
def test_any_finite_data_runs_to_the_end_without_an_error_or_a_warning(points, k, init, metric):
    # Values anywhere in float64, mixed: the run either refuses at the call or finishes.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            steps = kmeans_steps(points, k, init=init, seed=0, metric=metric)
        except ValueError as error:
            assert "distinct points" in str(error) or "number of points" in str(error)
            return
        steps = list(steps)
    last = steps[-1]
    assert last.phase == "assign" and last.labels.min() >= 0 and last.labels.max() < k
    assert np.isfinite(last.centroids).all()
    assert not np.isnan(last.inertia)
