"""The drawing views: they check what they are given, and draw what the lessons say they draw."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from kmeans_teach import datasets, kmeans_steps
from kmeans_teach.plotting import InertiaTraceView, StepView

X = datasets.load("blobs", n=60, seed=0).to_numpy()


def new_axes():
    return Figure().add_subplot()


@pytest.fixture(scope="module")
def steps():
    return list(kmeans_steps(X, 3, init="random-partition", seed=0))


def test_step_view_draws_a_run_it_is_given(steps):
    view = StepView(new_axes(), X, 3)
    for previous, step in zip(steps, steps[1:]):
        view.show(step, previous)
    assert sum(len(cluster.get_offsets()) for cluster in view.clusters) == len(X)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: StepView(new_axes(), np.ones((5, 3)), 2), ValueError, "draws two columns.*has 3"),
        (lambda: StepView(new_axes(), np.ones(5), 2), ValueError, "must be 2-D"),
        (lambda: StepView(new_axes(), [["a", "b"]], 1), TypeError, "must hold numbers"),
        (lambda: StepView(new_axes(), X, 0), ValueError, "k must be a whole number >= 1"),
        (lambda: StepView(new_axes(), X, 2.5), ValueError, "k must be a whole number"),
        (lambda: StepView(new_axes(), X, 3, metric="L1"), ValueError, "Unknown metric 'L1'"),
        (
            lambda: StepView(new_axes(), X, 3, metric="Euclidean"),
            ValueError,
            "Unknown metric 'Euclidean'",
        ),
    ],
)
def test_step_view_refuses_what_it_cannot_draw(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_step_view_refuses_a_step_of_another_run(steps):
    with pytest.raises(ValueError, match=r"centroids of shape \(3, 2\).*k=4"):
        StepView(new_axes(), X, 4).show(steps[-1])
    with pytest.raises(ValueError, match="labels 60 points, but this view draws 59"):
        StepView(new_axes(), X[:-1], 3).show(steps[-1])
    wider = list(kmeans_steps(np.column_stack([X, X[:, 0]]), 3, seed=0))
    with pytest.raises(ValueError, match=r"shape \(3, 3\).*more columns"):
        StepView(new_axes(), X, 3).show(wider[-1])


def test_inertia_trace_counts_steps_in_whole_numbers(steps):
    ax = new_axes()
    InertiaTraceView(ax, steps[:5]).show(4)
    ax.figure.canvas.draw()
    ticks = [tick for tick in ax.get_xticks() if -0.5 <= tick <= 4.5]
    assert ticks and all(float(tick).is_integer() for tick in ticks), ticks


def test_inertia_trace_gives_the_start_its_own_marker(steps):
    ax = new_axes()
    InertiaTraceView(ax, steps)
    handles, names = ax.get_legend_handles_labels()
    markers = {
        name: handle.get_paths()[0].vertices.round(3).tobytes()
        for handle, name in zip(handles, names)
        if name in ("start", "after assign", "after update")
    }
    assert len(markers) == 3 and len(set(markers.values())) == 3
