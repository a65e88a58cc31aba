"""Every figure with its text: show_figure, readable tables, and what the standard figures say.

The standard figures describe themselves from their data, so each kind has a test that its
text follows the data: other data, other words.
"""

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from kmeans_teach import datasets, elbow_curve, find_elbow, kmeans, kmeans_steps
from kmeans_teach.figure_text import (
    FigureText,
    describe_elbow,
    describe_frame,
    describe_run,
    describe_silhouette,
    describe_step,
    describe_trace,
)
from kmeans_teach.figures import (
    TABLE_SUMMARY,
    alt_problem,
    figure_output,
    image_output_problems,
    output_problems,
    show_figure,
    table_html,
    table_output_problems,
)
from kmeans_teach.metrics import silhouette_samples
from kmeans_teach.plotting import (
    ElbowView,
    InertiaTraceView,
    SilhouetteView,
    StepView,
    TrajectoryFigure,
)

ROOT = Path(__file__).resolve().parents[1]
X = datasets.load("blobs", n=90, seed=0).to_numpy()
ALT = "Three round groups of points, each in its own colour; the stars sit in their middles."


@pytest.fixture(scope="module")
def steps():
    return list(kmeans_steps(X, 3, init="random-partition", seed=0))


@pytest.fixture(scope="module")
def curve():
    return elbow_curve(X, range(1, 7), n_init=3, seed=0)


def small_figure():
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [1, 0])
    return fig


def gif_bytes():
    from PIL import Image

    with io.BytesIO() as buffer:
        Image.new("P", (7, 5)).save(buffer, format="GIF")
        return buffer.getvalue()


def same(text, other):
    """Two FigureTexts say the same (a dataclass == cannot compare their tables)."""
    return (text.alt, text.caption) == (other.alt, other.caption) and text.table.equals(other.table)


class Headers:
    """The text of every header cell of some HTML."""

    def __init__(self, page):
        from html.parser import HTMLParser

        cells, inside = [], []

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag == "th":
                    inside.append("")

            def handle_data(self, data):
                if inside:
                    inside[-1] += data

            def handle_endtag(self, tag):
                if tag == "th":
                    cells.append(inside.pop().strip())

        Parser().feed(page)
        self.cells = cells


# --------------------------------------------------------------------------- show_figure


def test_a_figure_is_shown_as_a_figure_element_whose_image_has_the_alt_text():
    data, _ = figure_output(small_figure(), ALT, caption="The groups do not touch.")
    page = data["text/html"]
    assert page.startswith("<figure") and page.endswith("</figure>")
    assert f'alt="{ALT}"' in page
    assert "<figcaption>The groups do not touch.</figcaption>" in page
    assert f'src="data:image/png;base64,{data["image/png"]}"' in page


def test_other_front_ends_get_the_picture_and_the_alt_text_as_plain_text():
    data, metadata = figure_output(small_figure(), ALT)
    picture = base64.b64decode(data["image/png"])
    assert picture.startswith(b"\x89PNG")
    assert data["text/plain"] == ALT
    assert metadata["image/png"]["width"] > 0 and metadata["image/png"]["height"] > 0


def test_the_alt_text_is_escaped_in_the_html():
    data, _ = figure_output(small_figure(), 'Inertia "falls" <fast> & then slowly')
    assert 'alt="Inertia &quot;falls&quot; &lt;fast&gt; &amp; then slowly"' in data["text/html"]


def test_showing_a_figure_closes_it_so_the_inline_backend_does_not_show_it_again():
    fig = small_figure()
    assert fig.number in plt.get_fignums()
    show_figure(fig, ALT)
    assert fig.number not in plt.get_fignums()


@pytest.mark.parametrize(
    "alt", ["", "   ", "\n", "elbow.png", "figures/step3", "step_03", "Figure 1", "image", "plot 2"]
)
def test_an_empty_alt_or_one_that_is_a_file_name_or_a_placeholder_is_refused(alt):
    with pytest.raises(ValueError, match="say what the figure shows"):
        figure_output(small_figure(), alt)


def test_an_alt_that_is_not_text_is_refused():
    with pytest.raises(TypeError, match="must be a str"):
        figure_output(small_figure(), None)


def test_a_refused_alt_shows_nothing(capsys):
    with pytest.raises(ValueError):
        show_figure(small_figure(), "fig.png")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("alt", ["K = 4", "Elbow curve of the blobs", "Inertia falls: 1.5 to 0.2"])
def test_short_real_descriptions_are_accepted(alt):
    assert alt_problem(alt) is None


def test_a_figure_text_brings_its_caption_and_its_table_folded_under_the_figure():
    table = pd.DataFrame({"points": [30, 60]}, index=pd.Index([1, 2], name="cluster"))
    text = FigureText("Two clusters of 30 and 60 points.", "Cluster 2 is twice as big.", table)
    data, _ = figure_output(small_figure(), text, caption="Look at the sizes.")
    page = data["text/html"]
    assert "<figcaption>Look at the sizes. Cluster 2 is twice as big." in page
    assert f"<details><summary>{TABLE_SUMMARY}</summary>" in page
    assert Headers(page).cells == ["cluster", "points", "1", "2"]


def test_a_gif_is_shown_as_a_gif_from_its_bytes_or_its_path(tmp_path):
    picture = gif_bytes()
    path = tmp_path / "run.gif"
    path.write_bytes(picture)
    for figure in (picture, path, str(path)):
        data, metadata = figure_output(figure, ALT)
        assert data["image/gif"] == base64.b64encode(picture).decode()
        assert 'src="data:image/gif;base64,' in data["text/html"]
        assert metadata == {"image/gif": {"width": 7, "height": 5}}


def test_what_is_not_a_figure_or_a_picture_is_refused():
    with pytest.raises(TypeError, match="matplotlib Figure"):
        figure_output([1, 2], ALT)
    with pytest.raises(ValueError, match="PNG and GIF"):
        figure_output(b"not a picture", ALT)


def test_outside_ipython_the_text_is_printed(capsys):
    show_figure(small_figure(), ALT, caption="The caption.")
    assert capsys.readouterr().out == f"{ALT}\nThe caption.\n"


def test_a_figure_pyplot_does_not_know_is_shown_too():
    data, _ = figure_output(Figure(figsize=(1, 1)), ALT)
    assert "image/png" in data


def test_importing_the_figures_module_imports_neither_ipython_nor_pyplot():
    code = (
        "import json, sys\n"
        "import kmeans_teach, kmeans_teach.figures, kmeans_teach.figure_text\n"
        "print(json.dumps(sorted(m for m in ('IPython', 'matplotlib.pyplot') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert json.loads(result.stdout) == []


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": [1, 2], "b": [3, 4]}),
        pd.DataFrame({"a": [1, 2]}, index=pd.Index([5, 6], name="cluster")),
        pd.crosstab(pd.Series([0, 1, 1], name="cluster"), pd.Series([3, 3, 8], name="digit")),
        pd.DataFrame({"a": [1, 2]}, index=pd.MultiIndex.from_tuples([(1, "x"), (2, "y")])),
        pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")])),
    ],
    ids=["unnamed rows", "named rows", "crosstab", "two levels of rows", "two levels of columns"],
)
def test_every_header_cell_of_a_table_has_text(frame):
    headers = Headers(table_html(frame)).cells
    assert headers and all(headers), headers


def test_the_corner_header_names_the_row_labels_and_the_columns():
    assert Headers(table_html(pd.DataFrame({"a": [1]}))).cells[0] == "row"
    named = pd.DataFrame({"a": [1]}, index=pd.Index([1], name="cluster"))
    assert Headers(table_html(named)).cells[0] == "cluster"
    both = pd.crosstab(pd.Series([0], name="cluster"), pd.Series([3], name="digit"))
    assert Headers(table_html(both)).cells[0] == "cluster (rows) / digit (columns)"


def test_a_table_shows_the_values_pandas_shows():
    frame = pd.DataFrame({"inertia": [412.75, 3.5]}, index=pd.Index([1, 2], name="K"))
    assert "412.75" in table_html(frame) and frame.equals(frame)  # and frame is left as it was


# --------------------------------------------------------------------------- checking outputs


def test_a_picture_without_html_beside_it_is_a_problem():
    (problem,) = image_output_problems({"output_type": "display_data", "data": {"image/png": ""}})
    assert "image/png" in problem and "show_figure" in problem


def test_the_output_of_show_figure_has_no_problem():
    data, metadata = figure_output(small_figure(), ALT)
    assert image_output_problems({"data": data, "metadata": metadata}) == []


@pytest.mark.parametrize(
    "page, problem",
    [
        ('<img src="data:image/png;base64,AA">', "no alt text"),
        ('<img src="x.png" alt="x.png">', "file name"),
        ('<p>text</p><img alt="" src="y">', "empty"),
    ],
)
def test_html_pictures_without_a_real_alt_text_are_problems(page, problem):
    (found,) = image_output_problems({"data": {"text/html": page}})
    assert problem in found


def test_a_pandas_table_with_its_empty_corner_is_a_problem_and_a_labelled_one_is_not():
    frame = pd.DataFrame({"a": [1, 2]})
    (problem,) = table_output_problems({"data": {"text/html": frame._repr_html_()}})
    assert "1 empty header cell" in problem and "accessible_tables()" in problem
    assert output_problems({"data": {"text/html": table_html(frame)}}) == []


def test_outputs_without_pictures_have_no_problem():
    assert image_output_problems({"output_type": "stream", "text": "hello"}) == []
    assert image_output_problems({"data": {"text/html": "<table></table>"}}) == []


# --------------------------------------------------------------------------- a step


def test_a_step_says_how_many_points_each_cluster_has_and_where_its_centroid_is(steps):
    final = steps[-1]
    text = describe_step(X, final)
    sizes = np.bincount(final.labels, minlength=3)
    for j in range(3):
        assert f"cluster {j + 1} has {sizes[j]} points" in text.alt
    assert text.table["points"].tolist() == sizes.tolist()
    assert np.allclose(text.table.iloc[:, 1:3].to_numpy(), final.centroids, atol=1e-3)
    assert "converged" in text.alt


def test_the_text_of_a_step_changes_with_the_step_and_with_the_data(steps):
    texts = {describe_step(X, step, previous).alt for previous, step in zip(steps, steps[1:])}
    assert len(texts) == len(steps) - 1
    other = list(kmeans_steps(X[:60], 3, init="random-partition", seed=0))
    assert describe_step(X[:60], other[-1]).alt != describe_step(X, steps[-1]).alt


def test_a_step_before_any_assignment_says_no_point_has_a_cluster_yet():
    start = next(kmeans_steps(X, 3, init="forgy", seed=0))
    assert "no point is in a cluster yet" in describe_step(X, start).alt


def test_an_assign_step_counts_the_ringed_points_and_an_update_names_the_longest_move(steps):
    assign = next(i for i, s in enumerate(steps) if s.phase == "assign" and i > 1)
    changed = int(np.sum(steps[assign].labels != steps[assign - 1].labels))
    assert (
        f"{changed} points just changed cluster"
        in describe_step(X, steps[assign], steps[assign - 1]).alt
    )
    assert "the longest" in describe_step(X, steps[assign + 1], steps[assign]).alt


def test_the_step_view_describes_the_step_it_shows(steps):
    view = StepView(Figure().add_subplot(), X, 3)
    with pytest.raises(ValueError, match="show"):
        view.describe()
    view.show(steps[3], steps[2])
    assert same(view.describe(), describe_step(X, steps[3], steps[2]))


# --------------------------------------------------------------------------- the inertia trace


def test_the_trace_says_where_the_inertia_starts_and_ends_and_that_it_never_rises(steps):
    text = describe_trace(steps)
    assert f"{steps[0].inertia:,.1f}" in text.alt and f"{steps[-1].inertia:,.1f}" in text.alt
    assert "never rising" in text.alt
    assert text.table["inertia"].tolist() == [round(s.inertia, 3) for s in steps]


def test_the_text_of_a_trace_changes_with_the_run_and_the_ring(steps):
    other = list(kmeans_steps(X, 3, init="random-partition", seed=1))
    assert describe_trace(other).alt != describe_trace(steps).alt
    assert describe_trace(steps, 2).alt != describe_trace(steps, 3).alt
    view = InertiaTraceView(Figure().add_subplot(), steps)
    view.show(2)
    assert view.describe().alt == describe_trace(steps, 2).alt


# --------------------------------------------------------------------------- the elbow curve


def test_the_elbow_text_names_the_marked_elbow_and_its_drops(curve):
    elbow = find_elbow(curve)
    text = describe_elbow(curve, elbow)
    assert f"marks the elbow at K = {elbow}" in text.alt
    assert text.table.index.tolist() == curve["k"].tolist()


def test_without_an_elbow_the_text_says_so_and_where_the_curve_bends_most():
    article = datasets.load("article", seed=2021)
    curve = elbow_curve(article, range(1, 8), n_init=3, seed=0)
    text = describe_elbow(curve, None)
    assert "no clear elbow" in text.alt
    assert f"bends most at K = {find_elbow(curve, min_ratio=0)}" in text.alt


def test_the_text_of_an_elbow_curve_changes_with_the_curve_and_the_ring(curve):
    uniform = elbow_curve(datasets.load("uniform", n=90, seed=0), range(1, 7), n_init=3, seed=0)
    assert (
        describe_elbow(uniform, find_elbow(uniform)).alt
        != describe_elbow(curve, find_elbow(curve)).alt
    )
    view = ElbowView(Figure().add_subplot(), curve, elbow=find_elbow(curve))
    view.show(2)
    assert "A ring marks K = 2." in view.describe().alt
    view.show(5)
    assert "A ring marks K = 5." in view.describe().alt


# --------------------------------------------------------------------------- silhouettes


def test_the_silhouette_text_gives_the_mean_and_each_clusters_mean():
    labels = kmeans(X, 3, seed=0).labels
    scores = silhouette_samples(X, labels)
    text = describe_silhouette(scores, labels)
    assert f"the mean, {scores.mean():.2f}" in text.alt
    for j in range(3):
        assert f"{j + 1}: {scores[labels == j].mean():.2f}" in text.alt


def test_the_text_of_a_silhouette_plot_changes_with_the_clustering():
    texts = set()
    for k in (2, 3, 4):
        labels = kmeans(X, k, seed=0).labels
        view = SilhouetteView(Figure().add_subplot(), silhouette_samples(X, labels), labels)
        texts.add(view.describe().alt)
    assert len(texts) == 3


def test_a_silhouette_plot_refuses_scores_that_are_no_silhouettes():
    with pytest.raises(ValueError, match="-1 to 1"):
        describe_silhouette([0.5, 2.0], [0, 1])
    with pytest.raises(ValueError, match="same length"):
        describe_silhouette([0.5], [0, 1])


# --------------------------------------------------------------------------- frames and the GIF


def test_the_text_of_a_frame_changes_with_the_step_it_shows(steps, curve):
    fig = Figure(figsize=(12.5, 5.6))
    view = TrajectoryFigure(fig, X, steps, curve, elbow=find_elbow(curve), title="blobs · K = 3")
    view.show(1)
    first = view.describe()
    view.show(-1)
    last = view.describe()
    assert first.alt != last.alt
    assert first.alt.startswith("blobs · K = 3. Iteration 1 · assign")
    expected = describe_frame(
        X, steps, -1, title="blobs · K = 3", curve=curve, elbow=find_elbow(curve)
    )
    assert same(last, expected)


def test_the_text_of_a_run_counts_its_frames_and_changes_with_the_run(steps):
    text = describe_run(X, steps, title="blobs · K = 3")
    assert f"({len(steps)} frames" in text.alt
    assert text.table.index.tolist() == list(range(1, len(steps) + 1))
    other = list(kmeans_steps(X, 3, init="random-partition", seed=1))
    assert describe_run(X, other, title="blobs · K = 3").alt != text.alt


def test_the_gifs_text_is_that_of_the_run_the_gif_shows():
    from kmeans_teach.animation import describe_gif

    text = describe_gif("blobs", k=3, seed=1, elbow=False)
    steps = list(kmeans_steps(datasets.load("blobs", seed=0), 3, seed=1))
    assert f"({len(steps)} frames" in text.alt
    assert f"{steps[-1].inertia:,.1f}" in text.alt
    assert describe_gif("blobs", k=4, seed=1, elbow=False).alt != text.alt


# --------------------------------------------------------------------------- in the front ends


@pytest.mark.slow
def test_an_html_export_carries_the_alt_text_and_the_caption(tmp_path):
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    code = (
        "import matplotlib.pyplot as plt\n"
        "from kmeans_teach.figures import show_figure\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([0, 1], [1, 0])\n"
        f"show_figure(fig, {ALT!r}, caption='A falling line.')"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    (output,) = nb.cells[0].outputs  # one figure: the inline backend showed no second copy
    assert image_output_problems(output) == []
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    assert f'alt="{ALT}"' in page
    assert "<figcaption>A falling line.</figcaption>" in page
