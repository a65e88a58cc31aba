"""The drawing views: they check what they are given, and draw what the lessons say they draw."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kmeans_teach import datasets, elbow_curve, kmeans_steps, plotting
from kmeans_teach.plotting import (
    ElbowView,
    InertiaTraceView,
    StepView,
    TrajectoryFigure,
    frame_figure,
    projector_style,
    run_statuses,
    step_status,
)

X = datasets.load("blobs", n=60, seed=0).to_numpy()


def new_axes():
    return Figure().add_subplot()


@pytest.fixture(scope="module")
def steps():
    return list(kmeans_steps(X, 3, init="random-partition", seed=0))


def wcag_luminance(rgb):
    """WCAG 2.1's relative luminance of red, green, blue from 0 to 1."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def wcag_contrast(first, second):
    lighter, darker = sorted([wcag_luminance(first), wcag_luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def region_tints():
    """Every region as it is drawn: its cluster's colour at REGION_ALPHA over white."""
    from matplotlib.colors import to_rgb

    alpha = plotting.REGION_ALPHA
    return [tuple(alpha * c + (1 - alpha) for c in to_rgb(p)) for p in plotting.PALETTE]


def test_every_marker_reaches_3_to_1_against_white_and_every_region():
    # WCAG 1.4.11: a point must stand out from the white plot and from any region it sits in
    # (after an update a point may lie in another cluster's region), by its outline.
    view = StepView(new_axes(), X, len(plotting.PALETTE))
    backgrounds = [(1.0, 1.0, 1.0), *region_tints()]
    for scatter in [view.unassigned, *view.clusters]:
        name = scatter.get_label()
        assert scatter.get_linewidths()[0] > 0, f"{name} has no outline"
        edge = scatter.get_edgecolor()[0]
        worst = min(wcag_contrast(edge, background) for background in backgrounds)
        assert worst >= 3, f"{name}'s outline reaches only {worst:.2f}:1"
    # The explorer draws with the same colours (tests/test_explorer.py checks it is sent them).
    assert len(plotting.EDGES) == len(plotting.PALETTE)


def test_a_pale_clusters_points_are_drawn_with_a_dark_outline():
    # Four points, one per cluster, far apart: cluster 4 is sand, 1.6:1 against white.
    points = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
    figure = Figure(figsize=(4, 4), dpi=100)
    ax = figure.add_subplot()
    view = StepView(ax, points, 4, regions=False)
    assigned = [step for step in kmeans_steps(points, 4, init=points) if step.phase == "assign"]
    view.show(assigned[0])
    view.centroids.set_visible(False)  # only the points, not the large centroids over them
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3] / 255
    x, y = ax.transData.transform(points[3])
    row, col = int(round(pixels.shape[0] - y)), int(round(x))
    around = pixels[row - 6 : row + 7, col - 6 : col + 7].reshape(-1, 3)
    darkest = min(around, key=wcag_luminance)
    assert wcag_contrast(darkest, (1, 1, 1)) >= 3, "the sand point does not stand out from white"


def test_every_silhouette_blade_is_outlined_in_its_clusters_darker_shade():
    from matplotlib.colors import to_hex
    from matplotlib.patches import StepPatch

    from kmeans_teach.metrics import silhouette_samples

    labels = np.arange(len(X)) % 5  # five clusters: the fourth is pale sand
    ax = new_axes()
    plotting.SilhouetteView(ax, silhouette_samples(X, labels), labels)
    outlines = [to_hex(p.get_edgecolor()).upper() for p in ax.patches if isinstance(p, StepPatch)]
    assert outlines == [plotting.cluster_edge(j) for j in range(5)]
    for colour in outlines:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        assert wcag_contrast(rgb, (1.0, 1.0, 1.0)) >= 3, f"{colour} is pale on white"


def test_euclidean_regions_are_polygons_with_their_edges_on_the_bisectors():
    from matplotlib.path import Path

    from kmeans_teach._regions import voronoi_cells

    rng = np.random.default_rng(5)
    centroids = rng.uniform(-3, 3, size=(6, 2)) + 1e6  # far from zero: no digit may be lost
    centroids[5] = centroids[2]  # two in one place: the region is the first one's
    xlim, ylim = (1e6 - 4, 1e6 + 4), (1e6 - 3, 1e6 + 5)
    cells = voronoi_cells(centroids, xlim, ylim)
    assert len(cells[5]) == 0

    def area(cell):
        x, y = (cell - cell[0]).T
        return 0.5 * abs((x * np.roll(y, -1) - np.roll(x, -1) * y).sum())

    assert sum(area(cell) for cell in cells if len(cell)) == pytest.approx(8 * 8)  # a tiling
    points = np.column_stack([rng.uniform(*xlim, 2000), rng.uniform(*ylim, 2000)])
    nearest = np.argmin(((points[:, None] - centroids[None]) ** 2).sum(axis=2), axis=1)
    for j, cell in enumerate(cells):
        if len(cell):
            inside = Path(cell).contains_points(points)
            np.testing.assert_array_equal(inside, nearest == j)
    # The figure draws these polygons (for a run whose centroids are all apart).
    view = StepView(new_axes(), points, 5)
    step = next(kmeans_steps(points, 5, init=centroids[:5]))
    view.show(step)
    for cell, path in zip(
        voronoi_cells(step.centroids, view.xlim, view.ylim), view.regions.get_paths()
    ):
        np.testing.assert_allclose(path.vertices[: len(cell)], cell)


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
        (lambda: StepView(new_axes(), X, 2.5), TypeError, "k must be a whole number"),
        (lambda: StepView(None, X, 3), TypeError, "ax must be a matplotlib Axes"),
        (lambda: StepView(new_axes(), X, 3, regions="no"), TypeError, "regions must be True"),
        (lambda: StepView(new_axes(), X, 3, colour="red"), TypeError, "valid keyword.*metric"),
        (lambda: StepView(new_axes(), X, 3, labels=("x",)), ValueError, "names the two axes"),
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
    # Four steps: the axis runs from -0.5 to 3.5, where matplotlib's own ticks go by 0.5.
    ax = new_axes()
    InertiaTraceView(ax, steps[:4]).show(3)
    ax.figure.canvas.draw()
    ticks = [tick for tick in ax.get_xticks() if -0.5 <= tick <= 3.5]
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


@pytest.fixture(scope="module")
def forgy_steps():
    # A Forgy start has centroids but no labels yet, so no inertia: nothing to ring.
    return list(kmeans_steps(X, 3, init="forgy", seed=0))


def legend_names(ax):
    return [text.get_text() for text in ax.get_legend().texts if text.get_visible()]


def test_inertia_trace_names_the_ring_only_while_it_marks_a_step(steps, forgy_steps):
    ax = new_axes()
    trace = InertiaTraceView(ax, steps)
    assert legend_names(ax) == ["start", "after assign", "after update"]  # a still picture
    trace.show(2)
    assert legend_names(ax)[-1] == "this step"
    ax = new_axes()
    trace = InertiaTraceView(ax, forgy_steps)
    trace.show(0)  # the start has no objective: no ring
    assert len(trace.current.get_xdata()) == 0
    assert legend_names(ax) == ["after assign", "after update"]
    trace.show(1)
    assert legend_names(ax) == ["after assign", "after update", "this step"]


def test_quick_frames_show_and_hide_the_rings_legend_row_as_a_full_draw_does(forgy_steps):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = frame_figure(figsize=(8, 4), dpi=40)
    FigureCanvasAgg(fig)
    view = TrajectoryFigure(fig, X, forgy_steps, status_in_title=False)  # the row, not the text
    fig.changing = view.changing_artists()
    order = (0, 1, 0, 2)  # the background is drawn for step 0, with no ring and no row
    quick = []
    for index in order:
        view.show(index)
        fig.canvas.draw()
        quick.append(np.asarray(fig.canvas.buffer_rgba()).astype(int))
    fig.changing = ()  # from now on, every draw is a full one
    for index, pixels in zip(order, quick):
        view.show(index)
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        difference = np.abs(pixels - full).max(axis=2)
        # at most a trace of anti-aliasing where a spine meets the shaded regions
        assert difference.max() <= 3 and np.count_nonzero(difference) <= 20, index
        assert (pixels == full).all(axis=2)[:, int(fig.bbox.width) // 2 :].all(), index  # the trace


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"metric": "L1"}, "Unknown metric 'L1'"),
        ({"metric": "Euclidean"}, "Unknown metric 'Euclidean'"),
        ({"steps": []}, "steps is empty"),
        ({"steps": [1, 2]}, "steps\\[0\\] must be a Step"),
        ({"status_in_title": "no"}, "status_in_title must be True or False"),
        ({"regions": 1}, "regions must be True or False"),
        ({"title": 3}, "title must be a str"),
        ({"labels": "xy"}, "labels names the two axes"),
        ({"curve": pd.DataFrame({"inertia": [1.0]})}, "curve has no column 'k', 'inertia_worst'"),
        ({"curve": [1, 2]}, "curve must be a DataFrame"),
        ({"elbow": 0, "curve": "curve"}, "elbow must be a whole number >= 1"),
        ({"elbow": "3", "curve": "curve"}, "elbow must be a whole number"),
    ],
)
def test_trajectory_figure_refuses_bad_input_before_drawing_anything(steps, options, message):
    fig = Figure()
    arguments = {"steps": steps, **options}
    if isinstance(arguments.get("curve"), str):
        arguments["curve"] = elbow_curve(X, range(1, 4), n_init=1, seed=0)
    with pytest.raises((TypeError, ValueError), match=message):
        TrajectoryFigure(fig, X, arguments.pop("steps"), **arguments)
    assert not fig.axes


@pytest.mark.parametrize("index", [999, -999, len(X)])
def test_showing_a_step_the_run_does_not_have_names_the_range(steps, index):
    figure = TrajectoryFigure(Figure(), X, steps)
    with pytest.raises(ValueError, match=f"index must be between 0 and {len(steps) - 1}"):
        figure.show(index)
    with pytest.raises(ValueError, match="index must be between 0"):
        InertiaTraceView(new_axes(), steps).show(index)


def test_showing_a_step_accepts_numpy_and_negative_indices(steps):
    figure = TrajectoryFigure(Figure(), X, steps)
    figure.show(np.int64(1))
    figure.show(-1)
    assert figure.status.startswith(f"Iteration {steps[-1].iteration}")
    with pytest.raises(TypeError, match="index must be a whole number"):
        figure.show(1.0)


def test_step_view_refuses_what_is_not_a_step():
    with pytest.raises(TypeError, match="step must be a Step"):
        StepView(new_axes(), X, 3).show("step")


@pytest.mark.parametrize("scale", [-1, 0, 0.1, 11, float("nan")])
def test_projector_style_refuses_a_scale_out_of_range(scale):
    with pytest.raises(ValueError, match="scale must be a number between 0.25 and 10"):
        projector_style(scale)


def test_projector_style_refuses_what_is_not_a_number():
    with pytest.raises(TypeError, match="scale must be a number"):
        projector_style("2")
    assert projector_style(2)["font.size"] == 20


def test_elbow_view_refuses_a_curve_without_k_and_a_bad_k():
    curve = elbow_curve(X, range(1, 4), n_init=1, seed=0)
    with pytest.raises(ValueError, match="curve has no column 'k'"):
        ElbowView(new_axes(), curve.drop(columns="k"))
    view = ElbowView(new_axes(), curve, elbow=2)
    with pytest.raises(TypeError, match="k must be a whole number"):
        view.show("2")


# --------------------------------------------------------------------------- words of a run


def test_a_manhattan_run_names_its_objective_total_distance_not_inertia():
    steps = list(kmeans_steps(X, 3, init="random-partition", seed=0, metric="manhattan"))
    statuses = run_statuses(steps, "manhattan")
    assert not any("inertia" in status for status in statuses), statuses
    assert all("total distance" in status for status in statuses)
    updates = [status for step, status in zip(steps, statuses) if step.phase == "update"]
    # Step.shift is the squared straight-line movement, for every metric: said so.
    assert updates and all("squared straight-line shift" in status for status in updates)
    assert all("inertia" in status for status in run_statuses(steps[:1], "euclidean"))


def test_a_manhattan_run_s_trace_and_its_text_name_the_total_distance():
    steps = list(kmeans_steps(X, 3, init="random-partition", seed=0, metric="manhattan"))
    trace = InertiaTraceView(new_axes(), steps, metric="manhattan")
    trace.show(2)
    assert trace.ax.get_ylabel() == "total distance"
    text = trace.describe()
    assert "inertia" not in text.alt and "total distance" in text.alt
    assert "total distance" in text.table.columns
    fig = TrajectoryFigure(Figure(figsize=(12, 5)), X[:, :2], steps, metric="manhattan")
    fig.show(len(steps) - 1)
    assert "inertia" not in fig.status and "inertia" not in fig.describe().alt


def test_the_last_status_says_no_point_changed_when_that_ended_the_run():
    steps = list(kmeans_steps(X, 3, seed=0, tol=0))
    assert steps[-1].converged and steps[-1].n_changed == 0
    last = run_statuses(steps)[-1]
    # Said once: the closing assignment's count is the reason ("0 points changed" is not).
    assert last.startswith(
        f"Iteration {steps[-1].iteration} · assign · no point changed cluster: converged · "
    ), last
    assert "0 points" not in last and last.count("converged") == 1, last
    # total_iterations counts the run on its closing line alone.
    assert step_status(steps[-1], total_iterations=99).startswith("Iteration 99 · assign")
    assert step_status(steps[1], total_iterations=99).startswith("Iteration 1 · assign")


def test_the_last_status_says_the_centroids_moved_less_than_tol_when_that_ended_the_run():
    # A coarse tolerance ends runs while points still change cluster: find one that does.
    for seed in range(50):
        steps = list(kmeans_steps(X, 4, init="random-partition", seed=seed, tol=0.5))
        if steps[-1].n_changed > 0:
            break
    else:
        pytest.fail("no run with tol=0.5 ended with points still changing cluster")
    assert steps[-1].converged
    status = run_statuses(steps)[-1]
    assert "point" in status and "changed cluster" in status
    assert status.endswith(" · converged: the last update moved the centroids less than tol")


def test_the_last_status_says_max_iter_stopped_a_run_that_did_not_converge():
    steps = list(kmeans_steps(X, 3, init="random-partition", seed=0, max_iter=1, tol=0))
    assert not steps[-1].converged
    statuses = run_statuses(steps)
    assert statuses[-1].endswith("stopped at max_iter (1 iteration), not converged")
    assert not any("max_iter" in status or "converged" in status for status in statuses[:-1])
