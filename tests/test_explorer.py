"""The explorer: controls choose a run, computed once; the picture shows the step chosen.

The tests drive the widgets as a student would (set a slider, click a button) and look at what
is drawn: the scatter's artists, the marks on the inertia trace and the elbow curve, the status
line and the message area. They run without a front end, where the explorer draws PNG images
(backend "image"); the ipympl canvas is made headless too, where a test needs it.
"""

import io

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from PIL import Image

import kmeans_teach
from kmeans_teach import _views, datasets, explorer, kmeans_steps
from kmeans_teach._validation import INITS
from kmeans_teach.plotting import PALETTE, UNASSIGNED, projector_style, step_status

# Four distinct points among six rows: K = 5 or more is impossible.
FEW_DISTINCT = np.array([[0, 0], [0, 0], [1, 1], [1, 1], [4, 0], [5, 5]], dtype=float)


@pytest.fixture
def explore():
    """kmeans_teach.explore, closing every widget and figure it made after the test."""
    made = []

    def make(*args, **kwargs):
        widget = kmeans_teach.explore(*args, **kwargs)
        made.append(widget)
        return widget.explorer

    yield make
    for widget in made:
        widget.close()
    plt.close("all")


@pytest.fixture
def calls(monkeypatch):
    """Counts the calls of kmeans_steps and elbow_curve made by the explorer."""
    counts = {"kmeans_steps": 0, "elbow_curve": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(explorer, "kmeans_steps", counting("kmeans_steps", kmeans_steps))
    # The elbow curve is the data set's, computed in kmeans_teach._views (shared with animation).
    monkeypatch.setattr(_views, "elbow_curve", counting("elbow_curve", kmeans_teach.elbow_curve))
    return counts


def offsets(collection):
    return np.asarray(collection.get_offsets(), dtype=float)


def assert_draws(ex, index):
    """The picture, status line and step controls show step `index` of the run."""
    step = ex.run.drawn[index]
    X = ex.run.data.drawn
    scatter = ex.view.scatter
    assert ex.step_slider.value == index
    if step.labels is None:
        np.testing.assert_array_equal(offsets(scatter.unassigned), X)
        for cluster in scatter.clusters:
            assert offsets(cluster).shape[0] == 0
    else:
        assert offsets(scatter.unassigned).shape[0] == 0
        for j, cluster in enumerate(scatter.clusters):
            np.testing.assert_array_equal(offsets(cluster), X[step.labels == j])
    np.testing.assert_allclose(offsets(scatter.centroids), step.centroids)
    assert ex.status_line.value == step_status(ex.run.steps[index])
    marked = list(ex.view.trace.current.get_xdata())
    assert marked == ([index] if np.isfinite(step.inertia) else [])


# --------------------------------------------------------------------------------------------
# What explore() returns


def test_explore_returns_one_vbox_that_holds_its_explorer(explore):
    ex = explore()
    assert isinstance(ex.widget, widgets.VBox)
    assert ex.widget.explorer is ex
    assert ex.figure_widget in ex.widget.children
    assert ex.status_line in ex.widget.children
    assert ex.message_area in ex.widget.children


def test_without_a_kernel_the_figure_is_a_png_image(explore):
    ex = explore(k=3)
    assert ex.backend == "image"
    assert isinstance(ex.figure_widget, widgets.Image)
    assert bytes(ex.figure_widget.value).startswith(b"\x89PNG")


def test_in_a_kernel_with_ipympl_the_figure_is_the_ipympl_canvas(explore, monkeypatch):
    pytest.importorskip("ipympl")
    monkeypatch.setattr(explorer, "_in_kernel", lambda: True)
    ex = explore(k=3)
    assert ex.backend == "ipympl"
    assert ex.figure_widget is ex.fig.canvas
    assert isinstance(ex.fig.canvas, widgets.DOMWidget)


def test_making_explorers_leaves_no_pyplot_figure_behind(explore):
    before = plt.get_fignums()
    explore(k=2)
    explore(k=2, backend="image")
    assert plt.get_fignums() == before


def test_every_control_has_a_label_and_a_tooltip(explore):
    ex = explore()
    controls = {
        ex.data_menu: "Data set",
        ex.k_slider: "Clusters K",
        ex.seed_box: "Random seed",
        ex.init_menu: "Start method",
        ex.play: "Play",
        ex.speed_slider: "Speed",
        ex.step_slider: "Step",
        ex.back_button: "Step back",
        ex.forward_button: "Step forward",
    }
    for control, label in controls.items():
        assert label in control.description
        assert control.tooltip


def test_the_controls_offer_the_registry_k_from_1_to_10_and_the_four_starts(explore):
    ex = explore("blobs", k=3, seed=7, init="forgy")
    assert list(ex.data_menu.options) == datasets.names()
    assert ex.data_menu.value == "blobs"
    assert (ex.k_slider.min, ex.k_slider.max, ex.k_slider.value) == (1, 10, 3)
    assert ex.seed_box.value == 7
    assert list(ex.init_menu.options) == list(INITS)
    assert ex.init_menu.value == "forgy"


def test_your_data_is_named_in_a_disabled_menu(explore):
    ex = explore(FEW_DISTINCT, k=2)
    assert list(ex.data_menu.options) == ["your data"]
    assert ex.data_menu.disabled


# --------------------------------------------------------------------------------------------
# What is drawn


def test_it_opens_on_the_first_step_of_the_run(explore):
    ex = explore("article", k=4, seed=2021)
    assert ex.index == 0
    assert_draws(ex, 0)
    expected = list(kmeans_steps(datasets.load("article"), 4, seed=2021))
    assert len(ex.steps) == len(expected)
    np.testing.assert_array_equal(ex.steps[-1].labels, expected[-1].labels)


def test_the_scatter_shows_each_steps_labels_and_centroids(explore):
    ex = explore("blobs", k=4, seed=3, init="random-partition")
    for index in range(len(ex.steps)):
        ex.step_slider.value = index
        assert_draws(ex, index)


def test_clusters_keep_their_palette_colour_and_unassigned_points_are_grey(explore):
    ex = explore("article", k=4)
    scatter = ex.view.scatter
    for j, cluster in enumerate(scatter.clusters):
        assert tuple(cluster.get_facecolor()[0]) == to_rgba(PALETTE[j])
    assert tuple(scatter.unassigned.get_facecolor()[0]) == to_rgba(UNASSIGNED)
    centroid_colours = [tuple(c) for c in scatter.centroids.get_facecolor()]
    assert centroid_colours == [to_rgba(PALETTE[j]) for j in range(4)]


def test_the_status_line_says_what_the_step_did_and_when_it_converged(explore):
    ex = explore("blobs", k=4, seed=3)
    ex.step_slider.value = 1
    assert ex.status_line.value == step_status(ex.steps[1])
    assert ex.status_line.value.startswith("Iteration 1 · assign")
    ex.step_slider.value = ex.step_slider.max
    assert ex.status_line.value == step_status(ex.steps[-1])
    assert "converged after" in ex.status_line.value


def test_the_elbow_mark_sits_at_the_current_k(explore):
    ex = explore("blobs", k=4)
    curve = ex.run.curve.set_index("k")["inertia"]
    for k in (4, 2, 7):
        ex.k_slider.value = k
        x, y = ex.view.elbow.current.get_data()
        assert list(x) == [k]
        assert list(y) == pytest.approx([curve[k]])


def test_the_elbow_curve_spans_k_1_to_10_with_5_starts_each(explore, monkeypatch):
    seen = {}

    def spy(X, ks, **options):
        seen.update(ks=list(ks), **options)
        return kmeans_teach.elbow_curve(X, ks, **options)

    monkeypatch.setattr(_views, "elbow_curve", spy)
    ex = explore("blobs", k=4)
    assert seen["ks"] == list(range(1, 11))
    assert seen["n_init"] == 5
    assert ex.run.curve["k"].tolist() == list(range(1, 11))
    assert ex.run.elbow == kmeans_teach.find_elbow(ex.run.curve)


def test_the_png_frame_is_the_same_picture_as_a_full_redraw(explore):
    # The image backend draws only the changing artists over a kept background.
    ex = explore("blobs", k=4, seed=3)
    ex.step_slider.value = 3  # an update step: arrows, shading, stars
    quick = np.asarray(Image.open(io.BytesIO(ex.figure_widget.value)), dtype=int)
    ex.fig.canvas.draw()
    full = np.asarray(ex.fig.canvas.buffer_rgba(), dtype=int)
    assert quick.shape == full.shape
    assert np.abs(quick - full).mean() < 0.5


def test_every_step_gives_a_new_frame(explore):
    ex = explore("blobs", k=4, seed=3)
    frames = set()
    for index in range(len(ex.steps)):
        ex.step_slider.value = index
        frames.add(bytes(ex.figure_widget.value))
    assert len(frames) == len(ex.steps)


def test_the_figure_fits_a_1280_by_720_projector(explore):
    ex = explore()
    width, height = ex.fig.get_size_inches() * ex.fig.dpi
    assert width <= 1280 and height <= 600


def test_lecture_mode_uses_projector_type(explore):
    ex = explore("blobs", k=3, lecture=True)
    size = projector_style()["xtick.labelsize"]
    ex.fig.canvas.draw()
    for ax in ex.fig.axes:
        assert ax.get_xticklabels()[0].get_fontsize() == pytest.approx(size)


def test_data_with_more_than_two_columns_draws_the_chosen_two(explore):
    frame = datasets.load("iris")
    frame["species"] = "?"  # not numeric: left out of k-means
    ex = explore(frame, k=3, seed=0, columns=("petal length (cm)", "petal width (cm)"))
    numeric = frame.drop(columns="species")
    expected = list(kmeans_steps(numeric, 3, seed=0))
    np.testing.assert_allclose(ex.steps[-1].centroids, expected[-1].centroids)
    np.testing.assert_array_equal(ex.run.data.drawn, numeric.to_numpy()[:, [2, 3]])
    ex.step_slider.value = ex.step_slider.max
    np.testing.assert_allclose(offsets(ex.view.scatter.centroids), ex.steps[-1].centroids[:, 2:])
    assert_draws(ex, ex.step_slider.max)
    assert ex.view.scatter.regions is None  # cells in 2 of 4 dimensions would mislead
    assert ex.view.scatter.ax.get_xlabel() == "petal length (cm)"


# --------------------------------------------------------------------------------------------
# Moving through the run


def test_step_buttons_move_one_step_and_stop_at_the_ends(explore):
    ex = explore("blobs", k=4, seed=3)
    assert ex.back_button.disabled
    ex.forward_button.click()
    ex.forward_button.click()
    assert_draws(ex, 2)
    ex.back_button.click()
    assert_draws(ex, 1)
    ex.back_button.click()
    ex.back_button.click()  # already at the start: stays
    assert_draws(ex, 0)
    ex.step_slider.value = ex.step_slider.max
    assert ex.forward_button.disabled
    ex.forward_button.click()
    assert ex.index == len(ex.steps) - 1


def test_play_is_linked_to_the_step_slider(explore):
    ex = explore("blobs", k=4, seed=3)
    assert (ex.play.min, ex.play.max) == (ex.step_slider.min, ex.step_slider.max)
    ex.play.value = 3
    assert_draws(ex, 3)
    ex.step_slider.value = 1
    assert ex.play.value == 1


def test_speed_sets_how_often_play_moves(explore):
    ex = explore(FEW_DISTINCT, k=2)
    ex.speed_slider.value = 4
    assert ex.play.interval == 250


# --------------------------------------------------------------------------------------------
# Choosing a run


@pytest.mark.parametrize(
    "control, value",
    [("k_slider", 3), ("seed_box", 5), ("init_menu", "farthest-point"), ("data_menu", "blobs")],
)
def test_a_new_choice_shows_that_run_from_its_first_step(explore, control, value):
    ex = explore("article", k=4, seed=2021)
    ex.step_slider.value = 5
    getattr(ex, control).value = value
    run = ex.run
    expected = list(kmeans_steps(datasets.load(run.data.name), run.k, seed=run.seed, init=run.init))
    assert (run.k, run.seed, run.init, run.data.name) == (
        ex.k_slider.value,
        ex.seed_box.value,
        ex.init_menu.value,
        ex.data_menu.value,
    )
    assert len(ex.steps) == len(expected)
    np.testing.assert_array_equal(ex.steps[-1].labels, expected[-1].labels)
    assert ex.step_slider.max == ex.play.max == len(expected) - 1
    assert len(ex.view.scatter.clusters) == run.k
    assert_draws(ex, 0)


def test_each_run_is_computed_once_and_scrubbing_computes_nothing(explore, calls):
    ex = explore("blobs", k=4, seed=1)
    assert calls["kmeans_steps"] == 1
    for index in range(len(ex.steps)):
        ex.step_slider.value = index
    ex.play.value = 0
    ex.forward_button.click()
    ex.back_button.click()
    assert calls["kmeans_steps"] == 1

    ex.k_slider.value = 3
    ex.seed_box.value = 2
    ex.init_menu.value = "forgy"
    assert calls["kmeans_steps"] == 4
    # Back to combinations seen before: taken from the cache.
    ex.init_menu.value = "k-means++"
    ex.seed_box.value = 1
    ex.k_slider.value = 4
    assert calls["kmeans_steps"] == 4
    assert (ex.run.k, ex.run.seed, ex.run.init) == (4, 1, "k-means++")
    ex.seed_box.value = 8  # a new one
    assert calls["kmeans_steps"] == 5


def test_the_elbow_curve_is_computed_once_per_data_set(explore, calls):
    ex = explore("article", k=4)
    assert calls["elbow_curve"] == 1
    ex.k_slider.value = 2
    ex.seed_box.value = 9
    ex.init_menu.value = "forgy"
    assert calls["elbow_curve"] == 1
    ex.data_menu.value = "blobs"
    assert calls["elbow_curve"] == 2
    ex.data_menu.value = "article"
    ex.data_menu.value = "blobs"
    assert calls["elbow_curve"] == 2


def test_a_k_larger_than_the_distinct_points_is_refused_with_a_message(explore):
    ex = explore(FEW_DISTINCT, k=2, seed=0)
    ex.step_slider.value = 1
    shown = ex.run
    ex.k_slider.value = 5  # only 4 distinct points: no traceback, a message
    assert "distinct points" in ex.message_area.value
    assert "K = 5" in ex.message_area.value
    assert ex.k_slider.value == 2
    assert ex.run is shown
    assert len(ex.view.scatter.clusters) == 2
    assert_draws(ex, 1)
    ex.k_slider.value = 4  # a valid choice clears the message
    assert ex.message_area.value == ""
    assert ex.run.k == 4


def test_any_error_of_kmeans_steps_becomes_a_message(explore, monkeypatch):
    ex = explore(FEW_DISTINCT, k=2)

    def broken(*args, **kwargs):
        raise TypeError("something odd")

    monkeypatch.setattr(explorer, "kmeans_steps", broken)
    assert ex.choose(seed=3) is False
    assert "something odd" in ex.message_area.value
    assert ex.seed_box.value == ex.run.seed


def test_clicking_a_k_on_the_elbow_curve_selects_it(explore):
    pytest.importorskip("ipympl")
    ex = explore("blobs", k=4, backend="ipympl")
    ex.fig.canvas.draw()
    ax = ex.view.elbow.ax
    inertia = ex.run.curve.set_index("k")["inertia"]
    x, y = ax.transData.transform((6.8, inertia[7]))  # near K = 7
    ex.fig.canvas.callbacks.process(
        "button_press_event", MouseEvent("button_press_event", ex.fig.canvas, x, y, button=1)
    )
    assert ex.k_slider.value == 7
    assert ex.run.k == 7
    assert list(ex.view.elbow.current.get_xdata()) == [7]


def test_ipympl_frames_update_in_place_and_send_one_picture_without_a_round_trip(
    explore, monkeypatch
):
    pytest.importorskip("ipympl")
    ex = explore("blobs", k=4, backend="ipympl")
    requests, sent = [], []
    monkeypatch.setattr(ex.fig.canvas, "draw_idle", lambda: requests.append(1))
    monkeypatch.setattr(ex.fig.canvas, "send_binary", sent.append)
    ex.fig.canvas.handle_event({"type": "draw"})  # the front end shows the figure
    sent.clear()
    scatter = ex.view.scatter
    ex.forward_button.click()
    assert ex.view.scatter is scatter  # the same artists, updated
    assert_draws(ex, 1)
    assert len(sent) == 1  # the new pixels go to the front end at once...
    assert requests == []  # ...without asking it to ask for them


def full_render(ex):
    """The figure's pixels from a plain full render."""
    FigureCanvasAgg.draw(ex.fig.canvas)
    return np.asarray(ex.fig.canvas.buffer_rgba(), dtype=int)


def test_ipympl_waits_for_the_front_end_to_ask_before_sending_pictures(explore, monkeypatch):
    pytest.importorskip("ipympl")
    ex = explore("blobs", k=4, backend="ipympl")
    requests, sent = [], []
    monkeypatch.setattr(ex.fig.canvas, "draw_idle", lambda: requests.append(1))
    monkeypatch.setattr(ex.fig.canvas, "send_binary", sent.append)
    ex.forward_button.click()  # not shown yet: only ask for a redraw
    assert (len(requests), len(sent)) == (1, 0)


def test_ipympl_answers_a_draw_request_with_the_same_picture_as_a_full_render(explore):
    pytest.importorskip("ipympl")
    ex = explore("blobs", k=4, seed=3, backend="ipympl")
    canvas = ex.fig.canvas
    sent = []
    canvas.send_binary = sent.append  # what would go to the front end
    canvas.handle_event({"type": "draw"})  # the front end shows the figure
    sent.clear()
    for index in (2, 3):
        ex.step_slider.value = index  # draws and sends the frame
        canvas.handle_event({"type": "draw"})  # a front end's own request (e.g. after a resize)
        quick = np.asarray(canvas.buffer_rgba(), dtype=int)
        assert np.abs(quick - full_render(ex)).mean() < 0.5
    assert len(sent) == 4


def test_ipympl_renders_everything_again_after_a_zoom(explore):
    pytest.importorskip("ipympl")
    ex = explore("blobs", k=4, seed=3, backend="ipympl")
    canvas = ex.fig.canvas
    canvas.handle_event({"type": "draw"})
    ex.view.elbow.ax.set_xlim(2, 6)  # what the toolbar's zoom does
    canvas.handle_event({"type": "draw"})
    quick = np.asarray(canvas.buffer_rgba(), dtype=int)
    assert np.abs(quick - full_render(ex)).mean() < 0.5


def test_every_data_set_in_the_menu_can_be_shown(explore):
    ex = explore("article", k=3)
    for name in datasets.names():
        ex.data_menu.value = name
        assert ex.message_area.value == ""
        assert ex.run.data.name == name
        assert_draws(ex, 0)


def test_a_data_set_without_the_columns_asked_for_draws_its_first_two(explore):
    ex = explore("customers", k=3, columns=("annual income (k$)", "visits per month"))
    assert ex.view.scatter.ax.get_ylabel() == "visits per month"
    ex.data_menu.value = "blobs"
    assert (ex.view.scatter.ax.get_xlabel(), ex.view.scatter.ax.get_ylabel()) == ("x", "y")


# --------------------------------------------------------------------------------------------
# Bad arguments to explore() itself


@pytest.mark.parametrize(
    "args, kwargs, error, words",
    [
        (("no such data",), {}, ValueError, "Unknown data set"),
        ((), {"init": "kmeans"}, ValueError, "Unknown init"),
        ((), {"k": 0}, ValueError, "from 1 to 10"),
        ((), {"k": 11}, ValueError, "from 1 to 10"),
        ((), {"k": 2.5}, TypeError, "whole number"),
        ((), {"k": True}, TypeError, "whole number"),
        ((), {"seed": -1}, ValueError, "seed"),
        ((), {"seed": None}, TypeError, "seed"),
        ((), {"columns": "XY"}, TypeError, "columns"),
        ((), {"columns": ("X",)}, ValueError, "exactly two"),
        ((), {"columns": ("X", "Z")}, ValueError, "Unknown column 'Z'"),
        ((), {"columns": ("X", "X")}, ValueError, "two different"),
        ((), {"columns": (0, 5)}, ValueError, "out of range"),
        ((), {"backend": "svg"}, ValueError, "backend"),
        ((), {"lecture": "yes"}, TypeError, "lecture"),
        ((FEW_DISTINCT,), {"k": 5}, ValueError, "distinct points"),
        ((FEW_DISTINCT[:, :1],), {"k": 2}, ValueError, "at least 2"),
        (([["a", "b"]],), {"k": 1}, TypeError, "numbers"),
        ((None,), {}, TypeError, "data"),
    ],
)
def test_bad_arguments_raise_a_clear_error_at_the_call(explore, args, kwargs, error, words):
    with pytest.raises(error, match=words):
        explore(*args, **kwargs)


def test_a_non_numeric_column_cannot_be_drawn(explore):
    frame = datasets.load("iris")
    frame["species"] = "?"
    with pytest.raises(ValueError, match="not numeric"):
        explore(frame, k=3, columns=("species", 0))
