"""The explorer's kernel side: the run it sends, the requests it answers, what it keeps and frees.

The page (static/explorer.js, bundled from static/src/) is tested in a real browser
(tests/browser/test_explorer.py). Here the widget is driven as the page drives it: by the
messages the page sends (``{"type": "choose", ...}``), and by reading the state it receives.
"""

import json
import re

import numpy as np
import pytest
from ipywidgets.widgets import widget as widget_module
from ipywidgets.widgets.widget import _remove_buffers

import kmeans_teach
from kmeans_teach import _views, datasets, explorer, kmeans_steps, plotting
from kmeans_teach._validation import INITS
from kmeans_teach.plotting import MARKERS, PALETTE, run_statuses

# Four distinct points among six rows: K = 5 or more is impossible.
FEW_DISTINCT = np.array([[0, 0], [0, 0], [1, 1], [1, 1], [4, 0], [5, 5]], dtype=float)


@pytest.fixture
def explore():
    """kmeans_teach.explore, closing every widget it made after the test."""
    made = []

    def make(*args, **kwargs):
        widget = kmeans_teach.explore(*args, **kwargs)
        made.append(widget)
        return widget

    yield make
    for widget in made:
        widget.close()


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
    monkeypatch.setattr(_views, "elbow_curve", counting("elbow_curve", kmeans_teach.elbow_curve))
    return counts


def live_models():
    """The widget models the kernel holds (each one a comm to the page)."""
    return set(widget_module._instances)


def page_asks(widget, **choice):
    """What the page sends when a control changes (see static/explorer.js, Explorer.ask)."""
    widget._on_page_message(widget, {"type": "choose", **choice}, [])


def decoded(run):
    """The run message's arrays, read back as the page reads them."""

    def array(name, dtype, shape=None):
        values = np.frombuffer(run[name], dtype=dtype)
        return values if shape is None else values.reshape(shape)

    n, k, n_steps = run["n"], run["k"], run["n_steps"]
    rows = array("label_rows", "u1").reshape(-1, n)
    row_of = array("label_row", "<i2")
    return {
        "points": array("points", "<f8", (n, 2)),
        "centroids": array("centroids", "<f8", (n_steps, k, 2)),
        "phase": array("phase", "u1"),
        "iteration": array("iteration", "<u2"),
        "inertia": array("inertia", "<f8"),
        "n_changed": array("n_changed", "<i4"),
        "reseeded": array("reseeded", "u1", (n_steps, k)),
        "labels": [None if row < 0 else rows[row] for row in row_of],
    }


def assert_message_is_the_run(run, X, steps):
    got = decoded(run)
    assert run["n_steps"] == len(steps)
    np.testing.assert_array_equal(got["points"], X[:, :2])
    phases = {"init": 0, "assign": 1, "update": 2}
    for i, step in enumerate(steps):
        np.testing.assert_array_equal(got["centroids"][i], step.centroids[:, :2])
        assert got["phase"][i] == phases[step.phase]
        assert got["iteration"][i] == step.iteration
        np.testing.assert_equal(got["inertia"][i], step.inertia)
        assert got["n_changed"][i] == step.n_changed
        assert set(np.flatnonzero(got["reseeded"][i])) == set(step.reseeded)
        if step.labels is None:
            assert got["labels"][i] is None
        else:
            np.testing.assert_array_equal(got["labels"][i], step.labels)
    assert run["status"] == run_statuses(steps, run["metric"])


# --------------------------------------------------------------------------------------------
# What explore() returns and sends


def test_explore_returns_one_anywidget(explore):
    import anywidget

    before = live_models()
    widget = explore("blobs", k=3, seed=1)
    assert isinstance(widget, anywidget.AnyWidget)
    # The widget and the layout every DOM widget has: no child widgets, one renderer.
    assert live_models() - before == {widget.model_id, widget.layout.model_id}
    # The front end's one bundle (kmeans_teach/static/src/ built by esbuild), whose default
    # export holds the render function anywidget calls.
    assert widget._esm == (explorer.STATIC / "explorer.js").read_text(encoding="utf-8")
    assert "as default" in widget._esm and "function render(" in widget._esm


def test_the_run_sent_is_every_step_of_kmeans_steps(explore):
    widget = explore("blobs", k=4, seed=3, init="random-partition")
    X = datasets.load("blobs", seed=0).to_numpy()
    steps = list(kmeans_steps(X, 4, seed=3, init="random-partition"))
    assert_message_is_the_run(widget.run, X, steps)
    assert widget.steps[-1].converged


def test_a_manhattan_run_s_status_lines_say_total_distance_and_why_it_ended(explore):
    widget = explore("blobs", k=4, seed=3, metric="manhattan")
    statuses = widget.run["status"]
    assert not any("inertia" in status for status in statuses), statuses
    assert "total distance" in statuses[-1]
    # And why it ended: no point changed, or the last update's move under tol.
    assert re.search(
        r"no point changed cluster: converged|converged: the last update", statuses[-1]
    )


def test_labels_are_sent_once_per_distinct_labelling(explore):
    widget = explore("article", k=4, seed=2021)
    rows = np.frombuffer(widget.run["label_rows"], dtype="u1").reshape(-1, widget.run["n"])
    assigns = sum(step.phase == "assign" for step in widget.steps)
    # An update step keeps its assign step's labels, and the last assign changes none.
    assert len(rows) == assigns - 1


def test_every_array_reaches_the_page_as_a_binary_buffer(explore):
    widget = explore("blobs", k=4, seed=1)
    state, paths, buffers = _remove_buffers(widget.get_state())
    sent = {tuple(path) for path in paths}
    for name in ("points", "centroids", "inertia", "label_rows", "label_row", "phase"):
        assert ("run", name) in sent
    for name in ("k", "best", "worst"):
        assert ("elbow", name) in sent
    # What is left in JSON is text and a few whole numbers: no list of floats.
    text = json.dumps({key: value for key, value in state.items() if key not in ("_esm", "_css")})
    assert len(text) < 5_000
    assert not any(
        isinstance(value, list) and len(value) > 4 and isinstance(value[0], float)
        for value in [*state["run"].values(), *state["elbow"].values()]
    )
    assert all(isinstance(buffer, (bytes, memoryview)) for buffer in buffers)


def test_the_palette_and_markers_come_from_plotting(explore):
    widget = explore("blobs", k=2, seed=1)
    assert widget.palette == list(PALETTE)
    assert widget.markers == list(MARKERS)
    # The outlines, the unassigned points and the regions' tint too: the page draws as figures do.
    assert widget.edges == list(plotting.EDGES)
    assert widget.unassigned == [plotting.UNASSIGNED, plotting.UNASSIGNED_EDGE]
    assert widget.region_alpha == plotting.REGION_ALPHA


def test_the_article_data_is_the_lessons_and_the_title_says_another_data_seed(explore):
    widget = explore("article", k=4, seed=2021)
    lessons = list(kmeans_steps(datasets.load("article", seed=2021), 4, seed=2021))
    assert widget.steps[-1].inertia == pytest.approx(lessons[-1].inertia)
    assert widget.run["title"] == "article · K = 4 · k-means++ start · seed 2021"
    other = explore("article", k=4, seed=2021, data_seed=0)
    assert other.run["title"].endswith("· data seed 0")
    assert other.steps[-1].inertia != pytest.approx(lessons[-1].inertia)


def test_the_elbow_curve_is_the_data_sets(explore):
    widget = explore("blobs", k=4, seed=1)
    curve, elbow = _views.data_set_elbow(datasets.load("blobs", seed=0).to_numpy())
    np.testing.assert_array_equal(np.frombuffer(widget.elbow["k"], "<i4"), curve["k"])
    np.testing.assert_array_equal(np.frombuffer(widget.elbow["best"], "<f8"), curve["inertia"])
    assert widget.elbow["elbow"] == elbow


def test_the_page_is_offered_every_data_set_k_1_to_10_every_start_and_ill_choose(explore):
    choices = explore("blobs", k=2).choices
    assert choices["data"] == datasets.names()
    assert choices["inits"] == [*INITS, "choose"]
    assert (choices["kMin"], choices["kMax"]) == (1, 10)
    assert choices["metrics"] == ["euclidean", "manhattan"]
    assert choices["place"] is True
    assert choices["dataSeedMax"] == explorer.SEED_MAX  # "New data" and the data seed box


def test_your_data_is_the_only_data_set_offered(explore):
    widget = explore(FEW_DISTINCT, k=2, seed=0)
    assert widget.choices["data"] == ["your data"]
    assert "dataSeedMax" not in widget.choices  # it has no data seed: no "New data"
    assert widget.run["data_seed"] is None
    page_asks(widget, data="blobs")
    assert "no data set 'blobs'" in widget.message["text"]


# --------------------------------------------------------------------------------------------
# New data: the data set drawn again from another data seed


def every_choice(widget, **change):
    """What the page sends for a change: every choice of the run shown, with `change` made."""
    run = widget.run
    choice = {"data": run["data_name"], "data_seed": run["data_seed"], "k": run["k"]}
    choice |= {"seed": run["seed"], "init": run["init"], "metric": run["metric"]}
    return {**choice, **change}


def test_new_data_is_the_data_set_loaded_from_the_data_seed_the_page_sends(explore):
    widget = explore("blobs", k=3, seed=1)
    first = widget.run
    assert first["data_seed"] == 0  # the lessons' data seed of blobs
    page_asks(widget, **every_choice(widget, data_seed=7))
    X = datasets.load("blobs", seed=7).to_numpy()
    assert_message_is_the_run(widget.run, X, list(kmeans_steps(X, 3, seed=1)))
    assert widget.run["data_seed"] == 7
    assert widget.run["title"] == "blobs · K = 3 · k-means++ start · seed 1 · data seed 7"
    assert widget.run["key"] != first["key"]  # another run to the page, which keys by it
    # The data seed typed in again shows the same data again.
    page_asks(widget, **every_choice(widget, data_seed=0))
    assert widget.run["key"] == first["key"]
    np.testing.assert_array_equal(decoded(widget.run)["points"], decoded(first)["points"])


def test_new_data_has_its_own_elbow_curve_and_each_is_computed_once(explore, calls):
    widget = explore("blobs", k=3, seed=1)
    page_asks(widget, **every_choice(widget, data_seed=7))
    sent = widget.elbow
    page_asks(widget, **every_choice(widget, data_seed=0))
    page_asks(widget, **every_choice(widget, data_seed=7))
    assert calls["elbow_curve"] == 2
    assert calls["kmeans_steps"] == 2
    curve, elbow = _views.data_set_elbow(datasets.load("blobs", seed=7).to_numpy())
    np.testing.assert_array_equal(np.frombuffer(sent["best"], "<f8"), curve["inertia"])
    assert (sent["data_seed"], sent["elbow"]) == (7, elbow)


def test_a_data_set_from_the_menu_comes_with_the_explorers_data_seed(explore):
    widget = explore("blobs", k=3, seed=1)
    page_asks(widget, **every_choice(widget, data_seed=7))
    page_asks(widget, **every_choice(widget, data="moons", data_seed=None))
    assert widget.run["data_seed"] == 0
    assert widget.choose(data="article") is True  # from Python, no data seed: the lessons'
    assert widget.run["data_seed"] == 2021
    chosen = explore("blobs", k=3, seed=1, data_seed=5)
    assert chosen.choose(data="moons") is True  # the data seed explore() was given
    assert chosen.run["data_seed"] == 5
    assert chosen.run["title"].endswith("· data seed 5")


def test_the_new_data_are_kmeans_of_every_new_data_set(explore):
    widget = explore("packed-circles", k=6, seed=3)
    for data_seed in (1, 2):
        page_asks(widget, **every_choice(widget, data="gaussian-mixture", data_seed=data_seed))
        X = datasets.load("gaussian-mixture", seed=data_seed).to_numpy()
        assert_message_is_the_run(widget.run, X, list(kmeans_steps(X, 6, seed=3)))


@pytest.mark.parametrize(
    ("data", "data_seed", "words"),
    [
        ("blobs", -1, "data seed must be from 0"),
        ("blobs", 2**40, "data seed must be from 0"),
        ("blobs", "seven", "data seed must be a whole number"),
        ("blobs", 2.5, "data seed must be a whole number"),
        ("iris", 3, "iris is a fixed table: no data seed changes it"),
        (FEW_DISTINCT, 3, "your own data has no data seed"),
    ],
)
def test_a_data_seed_that_cannot_be_used_is_refused_in_a_message(explore, data, data_seed, words):
    widget = explore(data, k=2, seed=0)
    shown = widget.run
    page_asks(widget, **every_choice(widget, data_seed=data_seed))
    assert words in widget.message["text"]
    assert "Not changed to data seed" in widget.message["text"]
    assert widget.run is shown


def test_a_table_no_seed_changes_offers_no_data_seed(explore):
    widget = explore("iris", k=3, seed=0)
    assert widget.run["data_seed"] is None  # the page's New data is disabled for it
    page_asks(widget, **every_choice(widget))  # what the page sends for it: still iris
    assert widget.run["data_name"] == "iris" and not widget.message


def test_data_with_more_than_two_columns_draws_the_two_chosen(explore):
    iris = datasets.load("iris")
    widget = explore(iris, k=3, seed=0, columns=["petal length (cm)", "petal width (cm)"])
    assert widget.run["axis_labels"] == ["petal length (cm)", "petal width (cm)"]
    assert widget.run["regions"] is False  # the plane's regions are not the clusters'
    assert "all 4 columns" in widget.run["note"]
    X = iris.to_numpy()
    got = decoded(widget.run)
    np.testing.assert_array_equal(got["points"], X[:, [2, 3]])
    np.testing.assert_array_equal(got["centroids"][-1], widget.steps[-1].centroids[:, [2, 3]])


def test_a_drawing_from_drawdata_is_clustered_on_its_x_and_y(explore):
    drawdata = pytest.importorskip("drawdata")
    points = [
        {"x": float(x), "y": float(y), "color": "#1f77b4", "label": "a"}
        for x, y in [(0, 0), (1, 0), (0, 1), (9, 9), (10, 9), (9, 10)]
    ]
    drawing = drawdata.ScatterWidget(data=points)
    widget = explore(drawing, k=2, seed=0)
    np.testing.assert_array_equal(decoded(widget.run)["points"][:, 0], [0, 1, 0, 9, 10, 9])
    assert sorted(np.bincount(widget.steps[-1].labels)) == [3, 3]
    with pytest.raises(ValueError, match="draw some points"):
        explore(drawdata.ScatterWidget(), k=2)


# --------------------------------------------------------------------------------------------
# What the page asks for


@pytest.mark.parametrize(
    "choice, expected",
    [
        ({"k": 5}, {"k": 5}),
        ({"seed": 9}, {"seed": 9}),
        ({"init": "forgy"}, {"init": "forgy"}),
        ({"metric": "manhattan"}, {"metric": "manhattan"}),
        ({"data": "moons"}, {"data_name": "moons"}),
        ({"k": 3.0}, {"k": 3}),  # what a page sends for a whole number
    ],
)
def test_a_choice_from_the_page_sends_that_run_from_its_first_step(explore, choice, expected):
    widget = explore("blobs", k=4, seed=1)
    widget.step_index = 3
    page_asks(widget, **choice)
    for key, value in expected.items():
        assert widget.run[key] == value
    assert widget.step_index == 0
    assert widget.message == {}
    wanted = {"data": "blobs", "k": 4, "seed": 1, "init": "k-means++", "metric": "euclidean"}
    wanted.update(choice)
    X = datasets.load(wanted.pop("data"), seed=0).to_numpy()
    steps = list(kmeans_steps(X, int(wanted.pop("k")), **wanted))
    assert_message_is_the_run(widget.run, X, steps)


def test_centroids_placed_by_clicks_start_the_run_from_exactly_those(explore):
    widget = explore("blobs", k=4, seed=1)
    placed = [[-5.0, 5.0], [5.0, 5.0], [-5.0, -5.0], [5.0, -5.0]]
    page_asks(widget, k=4, init="given", centroids=placed)
    assert widget.message == {}
    assert widget.run["init"] == "given"
    assert "chosen start" in widget.run["title"]
    X = datasets.load("blobs", seed=0).to_numpy()
    assert_message_is_the_run(widget.run, X, list(kmeans_steps(X, 4, init=np.array(placed))))


def test_a_given_start_is_kept_when_the_metric_or_seed_changes(explore):
    widget = explore("blobs", k=2, seed=1)
    placed = [[-5.0, 5.0], [5.0, -5.0]]
    page_asks(widget, init="given", centroids=placed)
    page_asks(widget, init="given", metric="manhattan")
    assert widget.message == {}
    np.testing.assert_array_equal(widget.steps[0].centroids, placed)
    assert widget.run["metric"] == "manhattan"


def test_a_start_placed_in_two_of_four_columns_takes_the_rest_from_the_data(explore):
    iris = datasets.load("iris")
    widget = explore(iris, k=2, seed=0)
    page_asks(widget, init="given", centroids=[[5.0, 3.0], [7.0, 3.2]], k=2)
    assert widget.message == {}
    start = widget.steps[0].centroids
    np.testing.assert_array_equal(start[:, :2], [[5.0, 3.0], [7.0, 3.2]])
    # Not dragged from a start of the same K (the shown start was k-means++ with K = 2), so the
    # columns not drawn come from where the shown start had them.
    np.testing.assert_array_equal(start[:, 2:], widget.steps[0].centroids[:, 2:])


def test_a_dragged_centroid_restarts_the_run_with_the_others_where_they_were(explore):
    widget = explore("blobs", k=3, seed=1)
    start = widget.steps[0].centroids.copy()
    moved = start.copy()
    moved[1] = [0.5, 0.5]
    page_asks(widget, init="given", centroids=moved.tolist(), moved=1)
    np.testing.assert_array_equal(widget.steps[0].centroids, moved)
    assert widget.steps[0].centroids[0].tolist() == start[0].tolist()


@pytest.mark.parametrize(
    "choice, words",
    [
        ({"k": 5}, "distinct points"),
        ({"k": 11}, "from 1 to 10"),
        ({"k": "two"}, "whole number"),
        ({"seed": -1}, "seed must be from 0"),
        ({"seed": 2**40}, "seed must be from 0"),
        ({"seed": None}, "whole number"),
        ({"init": "kmeans"}, "no start method 'kmeans'"),
        ({"metric": "cosine"}, "Unknown metric"),
        ({"data": "nope"}, "no data set 'nope'"),
        ({"init": "given"}, "place 2 centroids"),
        ({"init": "given", "centroids": [[0, 0]]}, "needs 2 centroids"),
        ({"init": "given", "centroids": [[0, 0], [100, 0]]}, "centroid 2 is outside"),
        ({"init": "given", "centroids": [[0, 0], ["a", 0]]}, "not pairs of numbers"),
        ({"init": "given", "centroids": [[0, 0], [float("nan"), 0]]}, "outside"),
    ],
)
def test_a_choice_kmeans_cannot_use_is_refused_in_a_message_and_nothing_changes(
    explore, choice, words
):
    widget = explore(FEW_DISTINCT, k=2, seed=0)
    shown = widget.run
    page_asks(widget, **choice)
    assert words in widget.message["text"]
    assert "Still showing your data, K = 2" in widget.message["text"]
    assert widget.run is shown


def test_the_same_refusal_twice_reaches_the_page_twice(explore):
    widget = explore(FEW_DISTINCT, k=2, seed=0)
    page_asks(widget, k=5)
    first = widget.message
    page_asks(widget, k=5)
    assert widget.message["text"] == first["text"]
    assert widget.message["serial"] > first["serial"]


@pytest.mark.parametrize(
    "content", [None, "choose", {"type": "choose", "k": [1, 2]}, {"type": "other"}, {}]
)
def test_nothing_the_page_sends_raises(explore, content):
    widget = explore(FEW_DISTINCT, k=2, seed=0)
    widget._on_page_message(widget, content, [])  # no exception reaches the kernel's log
    assert widget.run["k"] == 2


def test_an_unexpected_error_while_computing_becomes_a_message(explore, monkeypatch):
    widget = explore(FEW_DISTINCT, k=2)

    def broken(*args, **kwargs):
        raise RuntimeError("something odd")

    monkeypatch.setattr(explorer, "kmeans_steps", broken)
    page_asks(widget, seed=3)
    assert "something odd" in widget.message["text"]
    assert widget.run["seed"] == 2021


def test_choose_from_python_does_what_the_page_does_and_names_unknown_keywords(explore):
    widget = explore("blobs", k=4, seed=1)
    assert widget.choose(k=3, seed=2) is True
    assert (widget.run["k"], widget.run["seed"]) == (3, 2)
    assert widget.choose(k=99) is False
    assert "from 1 to 10" in widget.message["text"]
    with pytest.raises(
        TypeError, match=r"unknown keyword\(s\) K; it takes: data, data_seed, k, seed"
    ):
        widget.choose(K=5)


# --------------------------------------------------------------------------------------------
# What it keeps, and frees


def test_each_run_is_computed_once_and_kept(explore, calls):
    widget = explore("blobs", k=4, seed=1)
    assert calls["kmeans_steps"] == 1
    page_asks(widget, k=3)
    page_asks(widget, seed=2)
    page_asks(widget, init="forgy")
    assert calls["kmeans_steps"] == 4
    page_asks(widget, k=4, seed=1, init="k-means++")  # seen before: from the kept runs
    assert calls["kmeans_steps"] == 4
    assert widget.kept_runs == 4


def test_the_kept_runs_are_bounded(explore, monkeypatch):
    monkeypatch.setattr(explorer, "RUN_CACHE_SIZE", 3)
    widget = explore("blobs", k=2, seed=1)
    for seed in range(2, 8):
        page_asks(widget, seed=seed)
    assert widget.kept_runs == 3


def test_the_elbow_curve_is_computed_and_sent_once_per_data_set(explore, calls):
    widget = explore("article", k=4)
    assert calls["elbow_curve"] == 1
    sent = widget.elbow
    page_asks(widget, k=2)
    page_asks(widget, seed=9)
    assert calls["elbow_curve"] == 1
    assert widget.elbow is sent
    page_asks(widget, data="blobs")
    page_asks(widget, data="article")
    page_asks(widget, data="blobs")
    assert calls["elbow_curve"] == 2
    assert widget.elbow["data_name"] == "blobs"


def test_close_frees_every_kept_run_and_leaves_no_widget_model(explore):
    before = live_models()
    widget = kmeans_teach.explore("blobs", k=2, seed=1)
    page_asks(widget, k=3)
    widget.close()
    assert widget.kept_runs == 0
    assert widget.comm is None
    assert live_models() == before


def test_every_data_set_in_the_menu_can_be_shown(explore):
    widget = explore("article", k=3)
    for name in datasets.names():
        page_asks(widget, data=name)
        assert widget.message == {}, name
        assert widget.run["data_name"] == name


def test_a_data_set_without_the_columns_asked_for_draws_its_first_two(explore):
    widget = explore("customers", k=3, columns=("annual income (k$)", "visits per month"))
    assert widget.run["axis_labels"][1] == "visits per month"
    page_asks(widget, data="blobs")
    assert widget.run["axis_labels"] == ["x", "y"]


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
        ((), {"metric": "cosine"}, ValueError, "metric"),
        ((), {"columns": "XY"}, TypeError, "columns"),
        ((), {"columns": ("X",)}, ValueError, "exactly two"),
        ((), {"columns": ("X", "Z")}, ValueError, "Unknown column 'Z'"),
        ((), {"columns": ("X", "X")}, ValueError, "two different"),
        ((), {"columns": (0, 5)}, ValueError, "out of range"),
        ((), {"backend": "ipympl"}, ValueError, "draws in the browser"),
        ((), {"lecture": "yes"}, TypeError, "lecture"),
        ((), {"data_seed": "one"}, TypeError, "data_seed"),
        ((FEW_DISTINCT,), {"data_seed": 1}, ValueError, "data_seed is only for"),
        ((FEW_DISTINCT,), {"k": 5}, ValueError, "distinct points"),
        ((FEW_DISTINCT[:, :1],), {"k": 2}, ValueError, "at least 2"),
        (([["a", "b"]],), {"k": 1}, TypeError, "numbers"),
        ((None,), {}, TypeError, "data"),
    ],
)
def test_bad_arguments_raise_a_clear_error_at_the_call(explore, args, kwargs, error, words):
    before = live_models()
    with pytest.raises(error, match=words):
        explore(*args, **kwargs)
    assert live_models() == before  # nothing half made


def test_a_non_numeric_column_cannot_be_drawn(explore):
    frame = datasets.load("iris")
    frame["species"] = "?"
    with pytest.raises(ValueError, match="not numeric"):
        explore(frame, k=3, columns=("species", 0))


def test_lecture_mode_is_sent_to_the_page(explore):
    assert explore("blobs", k=2, lecture=True).lecture is True
    assert explore("blobs", k=2).lecture is False
