"""The views that need no kernel: animate, save_gif / save_html, frame_stack and the command line.

Every view shows one frame per step of kmeans_steps. The runs are small (the article data, K = 3,
a seed that converges in 8 steps) and drawn at low resolution, so the file stays fast.
"""

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops

from kmeans_teach import datasets, kmeans_steps
from kmeans_teach.__main__ import main
from kmeans_teach._validation import INITS
from kmeans_teach.animation import FIGSIZE, animate, frame_stack, save_gif, save_html
from kmeans_teach.plotting import PALETTE, step_status

ROOT = Path(__file__).resolve().parents[1]
K, SEED, DPI = 3, 11, 40
DATA = datasets.load("article")  # what animate("article") draws, as the explorer does
N_STEPS = len(list(kmeans_steps(DATA, K, seed=SEED)))
FAST = {"k": K, "seed": SEED, "dpi": DPI}  # options for every view in this file
CLI_FAST = ["--data", "article", "--k", str(K), "--seed", str(SEED), "--dpi", str(DPI)]


def gif_frames(path):
    """The frames of a GIF file, as RGB images."""
    with Image.open(path) as gif:
        frames = []
        for index in range(gif.n_frames):
            gif.seek(index)
            frames.append(gif.convert("RGB"))
        return frames


def test_the_test_run_is_short_but_has_several_iterations():
    assert 6 <= N_STEPS <= 12


def test_animate_is_in_the_package_and_importing_it_needs_no_widgets():
    import kmeans_teach

    assert kmeans_teach.animate is animate
    code = "import sys, kmeans_teach.animation; print('ipywidgets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# ---------------------------------------------------------------- animate


def test_animation_has_one_frame_per_step():
    anim = animate(DATA, elbow=False, **FAST)
    assert list(anim.new_saved_frame_seq()) == list(range(N_STEPS))
    html = anim.to_jshtml()
    assert html.count('"data:image/png;base64,') == N_STEPS


def test_animation_frames_match_the_steps_for_a_name_an_array_and_a_dataframe():
    for data in ("article", DATA, DATA.to_numpy()):
        anim = animate(data, elbow=False, **FAST)
        assert anim._save_count == N_STEPS
        anim._draw_was_started = True  # not rendered on purpose: no "deleted unrendered" warning


def test_animation_figure_is_off_pyplot_and_explorer_sized():
    import matplotlib.pyplot as plt

    open_before = plt.get_fignums()
    anim = animate(DATA, **FAST)
    anim._draw_was_started = True
    assert plt.get_fignums() == open_before  # nothing for a notebook to show by itself
    assert tuple(anim._fig.get_size_inches()) == pytest.approx(FIGSIZE)
    assert len(anim._fig.axes) == 3  # scatter, inertia trace, elbow curve


def test_animation_without_elbow_has_two_panels():
    anim = animate(DATA, elbow=False, **FAST)
    anim._draw_was_started = True
    assert len(anim._fig.axes) == 2


def test_columns_choose_what_is_drawn_and_kmeans_uses_every_column():
    iris = datasets.load("iris")
    columns = ["petal length (cm)", "petal width (cm)"]
    anim = animate(iris, columns=columns, elbow=False, **FAST)
    anim._draw_was_started = True
    assert anim._save_count == len(list(kmeans_steps(iris, K, seed=SEED)))
    scatter = anim._fig.axes[0]
    assert (scatter.get_xlabel(), scatter.get_ylabel()) == tuple(columns)
    assert "k-means used all 4 columns; two are drawn" in scatter.get_title()
    assert len(scatter.images) == 0  # regions in the plane would not be the clusters' regions


def test_columns_can_be_positions():
    anim = animate(DATA.to_numpy()[:, ::-1], columns=[-1, 0], elbow=False, **FAST)
    anim._draw_was_started = True
    scatter = anim._fig.axes[0]
    assert (scatter.get_xlabel(), scatter.get_ylabel()) == ("column 1", "column 0")


def test_non_numeric_columns_are_left_out_and_cannot_be_drawn():
    table = DATA.assign(colour="red")
    anim = animate(table, elbow=False, **FAST)
    anim._draw_was_started = True
    assert anim._save_count == N_STEPS
    with pytest.raises(ValueError, match="'colour' is not numeric"):
        animate(table, columns=["X", "colour"])


def test_unknown_data_set_lists_the_names():
    with pytest.raises(ValueError, match="Unknown data set 'nope'") as error:
        animate("nope")
    assert all(name in str(error.value) for name in datasets.names())


def test_unknown_column_is_named_with_the_columns_there_are():
    with pytest.raises(ValueError, match="'petal'") as error:
        animate("iris", columns=["petal", "sepal width (cm)"])
    assert "'sepal length (cm)'" in str(error.value)


@pytest.mark.parametrize(
    ("columns", "error"),
    [
        (["X"], ValueError),
        ("XY", TypeError),
        (["X", "X"], ValueError),
        (["X", "Y", "X"], ValueError),
    ],
    ids=["one", "string", "twice", "three"],
)
def test_columns_must_be_two_different_columns(columns, error):
    with pytest.raises(error, match="columns must name"):
        animate(DATA, columns=columns)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"k": 0}, "k must be a whole number >= 1, got 0"),
        ({"k": 301}, "larger than the number of points"),
        ({"init": "best"}, "Unknown init 'best'"),
        ({"seed": -1}, "seed must be a non-negative int"),
        ({"interval": 0}, "interval must be a positive number"),
    ],
)
def test_bad_options_get_the_errors_of_kmeans_steps(options, error):
    with pytest.raises(ValueError, match=error):
        animate(DATA, **options)


# blobs has more points than the elbow curve's silhouette sample, which draws from its seed.
@pytest.mark.parametrize("name", ["article", "blobs"])
def test_animation_shows_the_explorers_run_and_elbow_curve(name):
    from kmeans_teach import explore

    widget = explore(name, k=K, seed=SEED, backend="image")
    try:
        explorer_run = widget.explorer.run
        anim = animate(name, **FAST)
        anim._draw_was_started = True
        trace, elbow = anim._fig.axes[1:]
        inertia = [step.inertia for step in explorer_run.steps]
        drawn = trace.lines[0].get_ydata()
        np.testing.assert_allclose(drawn, inertia, equal_nan=True)
        ks, best = elbow.lines[0].get_data()
        assert list(ks) == list(explorer_run.curve["k"])
        np.testing.assert_allclose(best, explorer_run.curve["inertia"])
    finally:
        widget.close()


def test_incremental_frames_are_the_full_drawings():
    from kmeans_teach.animation import _figure, _frames, _prepare

    for columns in (None, ["petal length (cm)", "petal width (cm)"]):
        data = DATA if columns is None else datasets.load("iris")
        elbow = columns is None
        run = _prepare(data, k=K, seed=SEED, init="k-means++", columns=columns, elbow=elbow)
        fig, view = _figure(run, DPI)
        frames = list(_frames(fig, view, len(run.steps)))
        fig.changing = ()  # from now on, every draw is a full one
        for index in (0, 1, 2, len(run.steps) - 1):  # start, assign, update, last
            view.show(index)
            fig.canvas.draw()
            full = np.asarray(fig.canvas.buffer_rgba()).astype(int)
            difference = np.abs(frames[index].astype(int) - full).max(axis=2)
            # at most a trace of anti-aliasing where a spine meets the shaded regions
            assert difference.max() <= 3 and np.count_nonzero(difference) <= 20


def test_the_animation_draws_each_frame_once_and_incrementally():
    anim = animate(DATA, **FAST)
    fig = anim._fig
    full_draws = []
    fig.canvas.mpl_connect("draw_event", full_draws.append)  # a full draw ends with this event
    html = anim.to_jshtml()
    assert html.count('"data:image/png;base64,') == N_STEPS
    assert len(full_draws) == 1  # the background; every frame after it only adds its artists


def font_sizes(fig):
    """The sizes of every visible text in fig that is not empty (titles, labels, ticks, legends)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return [
        text.get_fontsize()
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]


# Only the first frame's figure is looked at; the animations are never played.
@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering anything")
def test_lecture_makes_every_text_larger_and_changes_no_global_setting():
    import matplotlib

    before = dict(matplotlib.rcParams)
    plain = font_sizes(animate(DATA, elbow=False, **FAST)._fig)
    large = font_sizes(animate(DATA, elbow=False, lecture=True, **FAST)._fig)
    assert min(large) >= 1.4 * min(plain) and max(large) >= 1.4 * max(plain)
    assert dict(matplotlib.rcParams) == before


def test_lecture_type_stays_large_in_every_frame():
    from kmeans_teach.animation import _figure, _prepare

    run = _prepare(DATA, k=K, seed=SEED, init="k-means++", columns=None, elbow=False)
    fig, view = _figure(run, DPI, lecture=True)
    first = view.scatter.ax.title.get_fontsize()
    view.show(len(run.steps) - 1)  # as every later frame is made, outside the style
    assert view.scatter.ax.title.get_fontsize() == first >= 14


def test_lecture_reaches_gifs_and_the_command_line(tmp_path):
    plain = save_gif(tmp_path / "plain.gif", "article", elbow=False, **FAST)
    large = save_gif(tmp_path / "large.gif", "article", elbow=False, lecture=True, **FAST)
    with Image.open(plain) as a, Image.open(large) as b:
        assert a.size == b.size
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None
    path = tmp_path / "cli.gif"
    assert main(["animate", *CLI_FAST, "--no-elbow", "--lecture", "-o", str(path)]) == 0
    with Image.open(path) as c, Image.open(large) as b:
        assert ImageChops.difference(c.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_lecture_must_be_true_or_false():
    with pytest.raises(TypeError, match="lecture must be True or False"):
        animate(DATA, lecture="yes", **FAST)


# ---------------------------------------------------------------- save_gif and save_html


@pytest.fixture(scope="module")
def gif(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gif")
    return save_gif(folder / "run.gif", "article", **FAST)


def test_save_gif_returns_the_path_it_wrote(gif):
    assert gif.name == "run.gif" and gif.is_file()


def test_save_gif_writes_one_frame_per_step(gif):
    with Image.open(gif) as image:
        assert image.format == "GIF"
        assert image.n_frames == N_STEPS
        assert image.info.get("loop") == 0  # plays on repeat


def test_gif_frames_all_differ(gif):
    frames = gif_frames(gif)
    for before, after in zip(frames, frames[1:]):
        assert ImageChops.difference(before, after).getbbox() is not None


def test_save_gif_writes_no_other_file(gif):
    assert [p.name for p in gif.parent.iterdir()] == ["run.gif"]


def test_save_gif_wants_a_gif_suffix(tmp_path):
    with pytest.raises(
        ValueError, match=r"save_gif writes \.gif files.*run\.png.*name the file run\.gif"
    ):
        save_gif(tmp_path / "run.png", **FAST)
    assert list(tmp_path.iterdir()) == []


def test_save_gif_names_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        save_gif(tmp_path / "missing" / "run.gif", **FAST)


@pytest.mark.parametrize("save", [save_gif, save_html], ids=["gif", "html"])
def test_saving_again_renews_an_animation_but_leaves_any_other_file_alone(tmp_path, save):
    suffix = ".gif" if save is save_gif else ".html"
    path = save(tmp_path / f"run{suffix}", DATA, elbow=False, **FAST)
    first = path.read_bytes()
    save(path, DATA, elbow=False, k=K + 1, seed=SEED, dpi=DPI)  # its own file: renewed
    assert path.read_bytes() != first

    mine = tmp_path / f"notes{suffix}"
    mine.write_bytes(b"my lecture notes")
    with pytest.raises(FileExistsError, match=r"notes.*not an animation.*overwrite=True"):
        save(mine, DATA, elbow=False, **FAST)
    assert mine.read_bytes() == b"my lecture notes"
    save(mine, DATA, elbow=False, overwrite=True, **FAST)
    assert mine.read_bytes() != b"my lecture notes"


def test_save_gif_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert save_gif("~/run.gif", DATA, elbow=False, **FAST) == tmp_path / "run.gif"
    assert (tmp_path / "run.gif").is_file()


def test_save_html_writes_a_page_with_one_image_per_step(tmp_path):
    page = save_html(tmp_path / "run.html", DATA, elbow=False, **FAST).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('"data:image/png;base64,') == N_STEPS
    assert [p.name for p in tmp_path.iterdir()] == ["run.html"]


# ---------------------------------------------------------------- command line


def test_cli_writes_a_gif_and_says_so(tmp_path, capsys):
    path = tmp_path / "x.gif"
    assert main(["animate", *CLI_FAST, "--no-elbow", "-o", str(path)]) == 0
    with Image.open(path) as image:
        assert image.n_frames == N_STEPS
    out = capsys.readouterr().out
    assert str(path) in out and f"{N_STEPS} frames" in out


def test_cli_runs_as_a_module(tmp_path):
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "kmeans_teach", "animate", *CLI_FAST, "-o", "tmp/x.gif"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote tmp/x.gif ({N_STEPS} frames)."
    with Image.open(tmp_path / "tmp" / "x.gif") as image:
        assert image.n_frames == N_STEPS


def test_cli_writes_an_html_page_for_an_html_suffix(tmp_path):
    path = tmp_path / "x.html"
    assert main(["animate", *CLI_FAST, "--no-elbow", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8").count('"data:image/png;base64,') == N_STEPS


def test_cli_help_lists_data_sets_and_inits(capsys):
    assert main(["animate", "--help"]) == 0
    out = capsys.readouterr().out
    for name in [*datasets.names(), *INITS]:
        assert name in out


def one_error_line(capsys):
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_cli_unknown_data_set_names_the_valid_ones(tmp_path, capsys):
    path = tmp_path / "x.gif"
    assert main(["animate", "--data", "nope", "-o", str(path)]) == 2
    line = one_error_line(capsys)
    assert "'nope'" in line and all(name in line for name in datasets.names())
    assert not path.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--k", "0"], "k must be a whole number"),
        (["--k", "11"], "k must be at most 10 in an animation"),
        (["--data", "smiley", "--k", "14"], "got 14: the pictures have 10 colours and markers"),
        (["--k", "four"], "invalid int value: 'four'"),
        (["--init", "best"], "invalid choice: 'best'"),
        (["--columns", "X", "Z"], "Unknown column 'Z'"),
        (["--fps", "0"], "--fps must be a positive number"),
        (["--format", "html"], "does not match"),
    ],
)
def test_cli_bad_options_give_one_line_and_exit_code_2(tmp_path, capsys, arguments, message):
    path = tmp_path / "x.gif"
    assert main(["animate", "-o", str(path), *arguments]) == 2
    assert message in one_error_line(capsys)
    assert not path.exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("x.png", "Cannot tell the format"),
        ("missing/x.gif", "the folder"),
    ],
)
def test_cli_unusable_output_gives_one_line_and_exit_code_2(tmp_path, capsys, output, message):
    assert main(["animate", "-o", str(tmp_path / output)]) == 2
    assert message in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_cli_will_not_write_over_a_folder(tmp_path, capsys):
    (tmp_path / "x.gif").mkdir()
    assert main(["animate", "-o", str(tmp_path / "x.gif")]) == 2
    assert "it is a folder" in one_error_line(capsys)


def test_cli_default_name_never_replaces_a_file_it_did_not_write(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / f"kmeans-article-k{K}.gif"
    mine.write_bytes(b"my own file")
    assert main(["animate", *CLI_FAST]) == 2
    assert "already exists" in one_error_line(capsys)
    assert mine.read_bytes() == b"my own file"


@pytest.mark.parametrize("name", ["mine.html", "mine.gif"])
def test_cli_output_never_replaces_a_file_it_did_not_write_without_force(tmp_path, capsys, name):
    mine = tmp_path / name
    mine.write_bytes(b"my own notes")
    assert main(["animate", *CLI_FAST, "--no-elbow", "-o", str(mine)]) == 2
    line = one_error_line(capsys)
    assert "already exists" in line and "--force" in line
    assert mine.read_bytes() == b"my own notes"
    assert main(["animate", *CLI_FAST, "--no-elbow", "-o", str(mine), "--force"]) == 0
    assert mine.read_bytes() != b"my own notes"
    # Its own animation it renews without --force: running the command again just works.
    assert main(["animate", *CLI_FAST, "--no-elbow", "--k", str(K + 1), "-o", str(mine)]) == 0


def test_cli_help_says_the_seed_is_the_runs_and_k_means_uses_every_column(capsys):
    assert main(["animate", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--seed SEED the run seed: seeds only the start of k-means, not the data" in text
    assert "seeds the data and" not in text
    assert "--columns X Y the two columns to draw" in text
    assert "k-means always uses every numeric column" in text
    assert "draw and cluster" not in text
    # The example that picks two iris columns says k-means still clusters on all four.
    assert "k-means clusters iris on all 4 columns" in text


def test_the_docstrings_call_the_seed_the_run_seed():
    # save_html's docstring sends its reader to save_gif's parameters.
    for view in (animate, save_gif, frame_stack):
        doc = " ".join(view.__doc__.split())
        assert "run seed" in doc, view.__name__
        assert "seed of the data" not in doc.lower(), view.__name__


@pytest.mark.parametrize("view", ["animate", "save_gif", "frame_stack"])
def test_k_above_the_palette_is_refused_because_clusters_could_not_be_told_apart(tmp_path, view):
    calls = {
        "animate": lambda: animate("smiley", k=len(PALETTE) + 4, dpi=DPI),
        "save_gif": lambda: save_gif(tmp_path / "s.gif", "smiley", k=len(PALETTE) + 4, dpi=DPI),
        "frame_stack": lambda: frame_stack("smiley", k=len(PALETTE) + 4, dpi=DPI),
    }
    with pytest.raises(ValueError, match=r"at most 10 .* got 14: .* could not be told apart"):
        calls[view]()
    assert list(tmp_path.iterdir()) == []
    anim = animate("smiley", k=len(PALETTE), elbow=False, dpi=DPI)  # the palette's size is fine
    anim._draw_was_started = True  # not rendered on purpose: no "deleted unrendered" warning


# ---------------------------------------------------------------- frame_stack


@pytest.fixture(scope="module")
def stack():
    return frame_stack(DATA, **FAST)


def test_frame_stack_has_one_png_image_per_step(stack):
    assert len(stack.images) == len(stack.stack.children) == N_STEPS
    sizes = set()
    for image in stack.images:
        assert image.format == "png"
        assert bytes(image.value).startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(bytes(image.value))) as png:
            png.load()
            sizes.add(png.size)
    assert sizes == {(round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))}


def test_frame_stack_pages_differ_and_are_small(stack):
    values = [bytes(image.value) for image in stack.images]
    assert len(set(values)) == N_STEPS
    assert max(map(len, values)) < 30_000  # they live in the notebook's widget state


def test_frame_stack_captions_are_the_step_status(stack):
    run = list(kmeans_steps(DATA, K, seed=SEED))
    for caption, step in zip(stack.captions, run):
        assert step_status(step) in caption.value.replace("&middot;", "·")


def test_frame_stack_controls_cover_every_step(stack):
    assert (stack.slider.min, stack.slider.max, stack.slider.value) == (0, N_STEPS - 1, 0)
    assert (stack.play.min, stack.play.max) == (0, N_STEPS - 1)
    assert stack.stack.selected_index == 0


def test_frame_stack_links_play_slider_and_stack_in_the_browser(stack):
    from ipywidgets.widgets.widget_link import Link

    play_link, stack_link = stack.links
    for link in stack.links:
        assert type(link) is Link  # jslink, not a Python-side traitlets link
        assert link._model_name == "LinkModel"
    assert play_link.source == (stack.play, "value")
    assert play_link.target == (stack.slider, "value")
    assert stack_link.source == (stack.slider, "value")
    assert stack_link.target == (stack.stack, "selected_index")


def test_frame_stack_state_can_be_saved_with_its_links(stack):
    from ipywidgets.embed import dependency_state, embed_data

    data = embed_data(views=[stack], state=dependency_state([stack], drop_defaults=True))
    text = json.dumps(data)  # what a notebook stores: plain JSON
    state = json.loads(text)["manager_state"]["state"]
    models = [entry["model_name"] for entry in state.values()]
    assert models.count("ImageModel") == N_STEPS
    assert models.count("LinkModel") == 2
    assert models.count("StackModel") == 1
    saved_links = [e["state"] for e in state.values() if e["model_name"] == "LinkModel"]
    ends = {(tuple(link["source"]), tuple(link["target"])) for link in saved_links}
    ref = "IPY_MODEL_{}".format
    assert ends == {
        ((ref(stack.play.model_id), "value"), (ref(stack.slider.model_id), "value")),
        ((ref(stack.slider.model_id), "value"), (ref(stack.stack.model_id), "selected_index")),
    }
    # each image travels with its PNG bytes (as base64 buffers), so no kernel is needed
    images = [key for key, e in state.items() if e["model_name"] == "ImageModel"]
    assert all(state[key].get("buffers") for key in images)


def test_frame_stack_rejects_what_animate_rejects():
    with pytest.raises(ValueError, match="Unknown data set"):
        frame_stack("nope")
    with pytest.raises(ValueError, match="dpi must be a positive number"):
        frame_stack(DATA, dpi=-1)


def test_the_same_options_give_the_same_frames(stack):
    again = frame_stack(DATA, **FAST)
    assert [bytes(i.value) for i in again.images] == [bytes(i.value) for i in stack.images]
    assert [c.value for c in again.captions] == [c.value for c in stack.captions]
