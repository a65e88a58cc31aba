"""The views that need no kernel: the HTML player (save_html), the GIF (save_gif, animate), the CLI.

The GIF shows one frame per step of kmeans_steps; the player holds every step of every run it
offers. The runs are small (the article data, K = 3, a seed that converges in 10 steps) and the
GIFs are drawn at low resolution, so the file stays fast. The player in a browser is tested in
tests/browser/test_player.py.
"""

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
from kmeans_teach.animation import FIGSIZE, animate, save_gif, save_html
from kmeans_teach.plotting import PALETTE, run_statuses

ROOT = Path(__file__).resolve().parents[1]
K, SEED, DPI = 3, 9, 40
DATA = datasets.load("article", seed=2021)  # what animate("article") draws, as the lessons do
N_STEPS = len(list(kmeans_steps(DATA, K, seed=SEED)))
FAST = {"k": K, "seed": SEED, "dpi": DPI}  # options for every GIF in this file
PLAYER_FAST = {"k": K, "seed": SEED, "ks": [K, K + 1], "seeds": [SEED]}  # and for every page
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
    assert "k-means used all 4 columns; two are drawn" in anim._fig._suptitle.get_text()
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

    widget = explore(name, k=K, seed=SEED)
    try:
        explorer_run = widget.shown
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
    from kmeans_teach._offline import prepare as _prepare
    from kmeans_teach.gif import _figure, _frames

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
    from kmeans_teach._offline import prepare as _prepare
    from kmeans_teach.gif import _figure

    run = _prepare(DATA, k=K, seed=SEED, init="k-means++", columns=None, elbow=False)
    fig, view = _figure(run, DPI, lecture=True)
    first = fig._suptitle.get_fontsize()
    view.show(len(run.steps) - 1)  # as every later frame is made, outside the style
    assert fig._suptitle.get_fontsize() == first >= 14


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
    suffix, options = (".gif", FAST) if save is save_gif else (".html", PLAYER_FAST)
    path = save(tmp_path / f"run{suffix}", DATA, elbow=False, **options)
    first = path.read_bytes()
    save(path, DATA, elbow=False, **{**options, "k": K + 1})  # its own file: renewed
    assert path.read_bytes() != first

    mine = tmp_path / f"notes{suffix}"
    mine.write_bytes(b"my lecture notes")
    with pytest.raises(FileExistsError, match=r"notes.*not an animation.*overwrite=True"):
        save(mine, DATA, elbow=False, **options)
    assert mine.read_bytes() == b"my lecture notes"
    save(mine, DATA, elbow=False, overwrite=True, **options)
    assert mine.read_bytes() != b"my lecture notes"


def test_save_gif_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert save_gif("~/run.gif", DATA, elbow=False, **FAST) == tmp_path / "run.gif"
    assert (tmp_path / "run.gif").is_file()


def test_save_html_writes_one_page_and_nothing_else(tmp_path):
    page = save_html(tmp_path / "run.html", DATA, **PLAYER_FAST).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
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
    cli = ["--data", "article", "--k", str(K), "--seed", str(SEED), "--seeds", str(SEED)]
    assert main(["animate", *cli, "--no-elbow", "-o", str(path)]) == 0
    runs = player_runs(path.read_text(encoding="utf-8"))
    assert sorted(run["k"] for run in runs.values()) == list(range(1, 11))


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
    cli = CLI_FAST if name.endswith(".gif") else [*CLI_FAST[:-2], "--seeds", str(SEED)]
    assert main(["animate", *cli, "--no-elbow", "-o", str(mine)]) == 2
    line = one_error_line(capsys)
    assert "already exists" in line and "--force" in line
    assert mine.read_bytes() == b"my own notes"
    assert main(["animate", *cli, "--no-elbow", "-o", str(mine), "--force"]) == 0
    assert mine.read_bytes() != b"my own notes"
    # Its own animation it renews without --force: running the command again just works.
    assert main(["animate", *cli, "--no-elbow", "--k", str(K + 1), "-o", str(mine)]) == 0


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
    for view in (animate, save_gif, save_html):
        doc = " ".join(view.__doc__.split())
        assert "run seed" in doc, view.__name__
        assert "seed of the data" not in doc.lower(), view.__name__


@pytest.mark.parametrize("view", ["animate", "save_gif", "save_html"])
def test_k_above_the_palette_is_refused_because_clusters_could_not_be_told_apart(tmp_path, view):
    calls = {
        "animate": lambda: animate("smiley", k=len(PALETTE) + 4, dpi=DPI),
        "save_gif": lambda: save_gif(tmp_path / "s.gif", "smiley", k=len(PALETTE) + 4, dpi=DPI),
        "save_html": lambda: save_html(tmp_path / "s.html", "smiley", k=len(PALETTE) + 4),
    }
    with pytest.raises(ValueError, match=r"at most 10 .* got 14: .* could not be told apart"):
        calls[view]()
    assert list(tmp_path.iterdir()) == []
    anim = animate("smiley", k=len(PALETTE), elbow=False, dpi=DPI)  # the palette's size is fine
    anim._draw_was_started = True  # not rendered on purpose: no "deleted unrendered" warning


# ---------------------------------------------------------------- the HTML player


def player_data(page):
    """The runs, data and settings a player page holds (its JSON script element)."""
    start = page.index('<script type="application/json" id="kmeans-teach-runs">')
    text = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return json.loads(text)


def player_runs(page):
    return player_data(page)["runs"]


def decoded_run(data, run):
    """A run of a page as the page reads it: base64 text back to arrays."""
    import base64

    def array(value, dtype):
        return np.frombuffer(base64.b64decode(value), dtype=dtype)

    n, k, n_steps = data["n"], run["k"], run["n_steps"]
    rows = array(run["label_rows"], "u1").reshape(-1, n)
    return {
        "points": array(data["points"], "<f8").reshape(n, 2),
        "centroids": array(run["centroids"], "<f8").reshape(n_steps, k, 2),
        "inertia": array(run["inertia"], "<f8"),
        "labels": [None if r < 0 else rows[r] for r in array(run["label_row"], "<i2")],
    }


@pytest.fixture(scope="module")
def player(tmp_path_factory):
    path = tmp_path_factory.mktemp("player") / "article.html"
    return save_html(path, "article", k=4, seed=2021).read_text(encoding="utf-8")


def test_the_player_holds_k_1_to_10_and_three_seeds_and_opens_on_the_run_asked_for(player):
    page = player_data(player)
    keys = {(run["k"], run["seed"]) for run in page["runs"].values()}
    assert keys == {(k, seed) for k in range(1, 11) for seed in (2021, 2022, 2023)}
    assert page["first"] == "article|4|2021|k-means++|euclidean"
    assert page["choices"]["seeds"] == [2021, 2022, 2023]
    assert page["choices"]["place"] is False  # placing a start needs Python


def test_every_run_in_the_player_is_kmeans_steps_on_the_lessons_data(player):
    page = player_data(player)
    X = datasets.load("article", seed=2021).to_numpy()
    for key in ("article|4|2021|k-means++|euclidean", "article|7|2023|k-means++|euclidean"):
        run = page["runs"][key]
        got = decoded_run(page["data"], run)
        steps = list(kmeans_steps(X, run["k"], seed=run["seed"]))
        np.testing.assert_array_equal(got["points"], X)
        assert len(got["labels"]) == len(steps)
        for i, step in enumerate(steps):
            np.testing.assert_array_equal(got["centroids"][i], step.centroids)
            np.testing.assert_equal(got["inertia"][i], step.inertia)
            if step.labels is not None:
                np.testing.assert_array_equal(got["labels"][i], step.labels)
        assert run["status"] == run_statuses(steps, run["metric"])


def test_the_player_inlines_the_renderer_and_asks_the_network_for_nothing(player):
    script = (ROOT / "kmeans_teach" / "static" / "explorer.js").read_text(encoding="utf-8")
    style = (ROOT / "kmeans_teach" / "static" / "explorer.css").read_text(encoding="utf-8")
    assert script in player and style in player
    for reference in ("http://", "https://", " src=", '<link rel="stylesheet', "@import"):
        assert reference not in player


def test_the_player_of_the_article_data_is_at_most_1_mb(player):
    assert len(player.encode("utf-8")) <= 1_000_000


def test_the_player_page_cannot_be_cut_short_by_text_in_the_data(tmp_path):
    frame = DATA.rename(columns={"X": "</script><b>", "Y": "y"})
    page = save_html(tmp_path / "odd.html", frame, **PLAYER_FAST).read_text(encoding="utf-8")
    assert page.count("</script>") == 2  # the JSON and the module, each closed once
    assert player_data(page)["data"]["axis_labels"][0] == "</script><b>"


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"ks": [2, 3]}, ValueError, "ks must include 4"),
        ({"seeds": [1, 2]}, ValueError, "seeds must include 2021"),
        ({"ks": "123"}, TypeError, "ks must be a list"),
        ({"seeds": [2021, 1.5]}, TypeError, "whole numbers"),
        ({"seeds": range(2021, 2300)}, ValueError, "at most 200"),
        ({"fps": 0}, ValueError, "fps"),
        ({"fps": 1e6}, ValueError, "fps must be from"),
        ({"lecture": "yes"}, TypeError, "lecture"),
        ({"elbow": "no"}, TypeError, "elbow"),
        ({"init": "best"}, ValueError, "Unknown init"),
        ({"metric": "cosine"}, ValueError, "metric"),
        ({"overwrite": "no"}, TypeError, "overwrite"),
    ],
)
def test_bad_player_options_are_refused_before_anything_is_written(tmp_path, options, error, words):
    with pytest.raises(error, match=words):
        save_html(tmp_path / "p.html", "article", **options)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- safe writes


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_gif_leaves_the_old_file_and_no_other(
    tmp_path, monkeypatch, failure
):
    old = save_gif(tmp_path / "run.gif", DATA, elbow=False, **FAST)
    before = old.read_bytes()

    def failing_save(self, fp, *args, **kwargs):
        Path(fp).write_bytes(b"GIF89a half")  # half written, then it fails
        raise failure

    monkeypatch.setattr(Image.Image, "save", failing_save)
    with pytest.raises(type(failure)):
        save_gif(old, DATA, elbow=False, k=K + 1, seed=SEED, dpi=DPI)
    assert old.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["run.gif"]


def test_a_failed_page_leaves_the_old_page(tmp_path, monkeypatch):
    old = save_html(tmp_path / "run.html", DATA, **PLAYER_FAST)
    before = old.read_bytes()

    def failing_write(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", failing_write)
    with pytest.raises(OSError, match="disk full"):
        save_html(old, DATA, **{**PLAYER_FAST, "k": K + 1})
    assert old.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["run.html"]


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"fps": 0.001}, ValueError, "fps must be from 0.01 to 50"),
        ({"fps": 500}, ValueError, "fps must be from 0.01 to 50"),
        ({"overwrite": "no"}, TypeError, "overwrite must be True or False"),
        ({"elbow": "no"}, TypeError, "elbow must be True or False"),
        ({"dpi": 0}, ValueError, "dpi must be a positive number"),
    ],
)
def test_bad_gif_options_are_refused_before_anything_is_written(tmp_path, options, error, words):
    mine = tmp_path / "essay.gif"
    mine.write_bytes(b"not a GIF at all")
    with pytest.raises(error, match=words):
        save_gif(mine, DATA, **{**FAST, **options})
    assert mine.read_bytes() == b"not a GIF at all"
    assert [p.name for p in tmp_path.iterdir()] == ["essay.gif"]


def test_a_link_to_nowhere_is_refused_before_any_drawing(tmp_path):
    link = tmp_path / "run.gif"
    link.symlink_to(tmp_path / "missing" / "run.gif")
    with pytest.raises(ValueError, match="link to .* which does not exist"):
        save_gif(link, DATA, **FAST)


def test_a_gif_through_a_link_replaces_the_file_the_link_leads_to(tmp_path):
    target = save_gif(tmp_path / "real.gif", DATA, elbow=False, **FAST)
    link = tmp_path / "link.gif"
    link.symlink_to(target)
    save_gif(link, DATA, elbow=False, **{**FAST, "k": K + 1})
    assert link.is_symlink()
    with Image.open(target) as image:
        assert image.n_frames == len(list(kmeans_steps(DATA, K + 1, seed=SEED)))


def test_the_cli_says_so_when_interrupted_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    from kmeans_teach import gif

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gif, "_write_gif", interrupted)
    path = tmp_path / "run0.gif"
    assert main(["animate", *CLI_FAST, "-o", str(path)]) == 130
    assert "interrupted" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_the_cli_refuses_a_tiny_fps_in_one_line(tmp_path, capsys):
    assert main(["animate", *CLI_FAST, "--fps", "0.001", "-o", str(tmp_path / "slow.gif")]) == 2
    assert "--fps must be from 0.01 to 50" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- GIF captions


@pytest.mark.parametrize("lecture", [False, True], ids=["plain", "lecture"])
def test_every_gif_caption_fits_the_figure_and_runs_over_no_panel_title(lecture):
    from kmeans_teach._offline import prepare as _prepare
    from kmeans_teach.gif import _figure

    # A run with long status lines: it re-seeds, and the title has a second line.
    run = _prepare(
        datasets.load("iris"), k=4, seed=SEED, init="k-means++", columns=None, elbow=True
    )
    fig, view = _figure(run, DPI, lecture=lecture)
    renderer = fig.canvas.get_renderer()
    for index in range(len(run.steps)):
        view.show(index)
        fig.canvas.draw()
        caption = fig._suptitle.get_window_extent(renderer)
        assert caption.x0 >= 0 and caption.x1 <= fig.bbox.width, index
        assert caption.y1 <= fig.bbox.height, index
        for ax in fig.axes:
            title = ax.title.get_window_extent(renderer)
            if ax.title.get_text():
                assert not caption.overlaps(title), (index, ax.title.get_text())
                # and no panel title is cut off at the edge of the picture
                assert title.x0 >= 0 and title.x1 <= fig.bbox.width, ax.title.get_text()
            assert caption.y0 >= ax.get_window_extent(renderer).y1 - 1, index


def test_the_player_and_the_gif_are_modules_of_their_own_and_animation_keeps_their_names():
    from kmeans_teach import animation, gif, player

    for name in ("animate", "describe_gif", "save_gif", "FIGSIZE"):
        assert getattr(animation, name) is getattr(gif, name)
    for name in ("player_page", "save_html", "show_player"):
        assert getattr(animation, name) is getattr(player, name)
    assert not hasattr(gif, "save_html") and not hasattr(player, "save_gif")
    for module in (animation, gif, player):
        lines = Path(module.__file__).read_text(encoding="utf-8").count("\n")
        assert lines < 450, f"{module.__name__} has {lines} lines: one job each, kept small"


def test_the_player_in_a_notebook_is_a_titled_frame_shown_without_a_warning(recwarn):
    from kmeans_teach.animation import show_player

    shown = show_player("article", height=300, **PLAYER_FAST)
    assert not [str(w.message) for w in recwarn], "IPython warned about the player's HTML"
    assert '<iframe srcdoc="' in shown.data and 'title="k-means player"' in shown.data
