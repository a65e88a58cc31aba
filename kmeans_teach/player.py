"""The player: ONE web page that shows a data set's k-means runs with no kernel.

:func:`save_html` writes it; :func:`player_page` is its text and :func:`show_player` shows it
in a notebook's output. The explorer's renderer (``static/explorer.js`` and its CSS, the same
the live explorer draws with) is inlined with runs computed beforehand (by default K = 1 to 10
and three seeds for one data set), so K and the seed still change with no kernel and no
network. It opens from disk (file://) in any modern browser, makes no network request, takes
the explorer's keys (a presenter's clicker steps it), holds its last frame and fits any
window: for a USB stick, or a slide. For a picture that slide software takes, see
:mod:`kmeans_teach.gif`.
"""

from __future__ import annotations

import base64
import html
import json
import numbers
from pathlib import Path

from ._files import write_replacing
from ._offline import FORMATS, SIGNATURE, check_fps, check_k_in_palette, output_path
from ._validation import INITS, check_flag, check_metric, count_distinct_rows, keywords_checked
from ._views import Run, data_set_elbow, elbow_message, load_drawn_data, run_message
from .plotting import EDGES, MARKERS, PALETTE, REGION_ALPHA, UNASSIGNED, UNASSIGNED_EDGE
from .steps import kmeans_steps

__all__ = ["player_page", "save_html", "show_player"]

STATIC = Path(__file__).parent / "static"
#: The player's speeds (static/src/controls.js, SPEEDS); fps chooses the nearest.
PLAYER_SPEEDS = (0.5, 1, 2, 4, 8)
#: A page holds at most this many runs (the article data with 30 runs is about 0.3 MB).
PLAYER_MAX_RUNS = 200
#: How many seeds a page holds by default: the run's seed and the next ones.
PLAYER_SEEDS = 3


@keywords_checked
def save_html(
    path,
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    ks=None,
    seeds=None,
    fps=2,
    lecture=False,
    overwrite=False,
):
    """Write the self-contained HTML player of a data set's runs and return its path.

    One file: the explorer's renderer and its style inlined, and every run it
    can show computed now. It opens from disk (file://) in any modern browser
    with no network, and makes no network request. It takes the explorer's
    keys (→ / Page Down step forward, ← / Page Up back, Space plays, Home and
    End), holds its last frame and fits its window. K and the seed change
    among the runs it holds; another run needs Python (:func:`kmeans_teach.explore`).

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write; it must end in ``.html`` or ``.htm``. Written whole or
        not at all, and an existing file is replaced only as :func:`kmeans_teach.gif.save_gif` does.
    data, columns, metric, data_seed
        As for :func:`kmeans_teach.gif.animate`.
    k : int, default 4
        The K shown first.
    seed : int, default 2021
        The run seed shown first.
    init : str, default "k-means++"
        The start method of every run.
    elbow : bool, default True
        Show the data set's elbow curve (a click on it chooses K).
    ks : sequence of int, optional
        The Ks the page holds; by default 1 to 10 (fewer if the data have fewer
        distinct points). Must include ``k``.
    seeds : sequence of int, optional
        The run seeds the page holds; by default ``seed`` and the two after it.
        Must include ``seed``.
    fps : float, default 2
        Steps per second when it plays (the nearest of 0.5, 1, 2, 4, 8; the page
        can change it).
    lecture : bool, default False
        Open in lecture mode (large type and controls; the page has a switch).
    overwrite : bool, default False
        Replace ``path`` even if it is some other file.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileExistsError, ValueError, TypeError
        As for :func:`kmeans_teach.gif.save_gif`, and for Ks or seeds that are not whole numbers
        or leave out ``k`` or ``seed``, or more than 200 runs in all.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = pathlib.Path(folder) / "blobs.html"
    ...     path = save_html(page, "blobs", k=3, seed=1, ks=[3, 4], seeds=[1])
    ...     path.read_text(encoding="utf-8").count("<script")
    2
    """
    _check_player_options(k, fps, lecture, elbow)
    path = output_path(path, FORMATS["html"], "save_html", overwrite)
    page = player_page(
        data,
        k=k,
        seed=seed,
        init=init,
        columns=columns,
        elbow=elbow,
        metric=metric,
        data_seed=data_seed,
        ks=ks,
        seeds=seeds,
        fps=fps,
        lecture=lecture,
    )
    write_replacing(path, lambda temporary: temporary.write_text(page, encoding="utf-8"))
    return path


@keywords_checked
def player_page(
    data="article",
    *,
    k=4,
    seed=2021,
    init="k-means++",
    columns=None,
    elbow=True,
    metric="euclidean",
    data_seed=None,
    ks=None,
    seeds=None,
    fps=2,
    lecture=False,
):
    """The HTML player as text (what :func:`save_html` writes; the same options)."""
    _check_player_options(k, fps, lecture, elbow)
    metric = check_metric(metric)
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}.")
    drawn = load_drawn_data(data, columns, data_seed=data_seed)
    distinct = count_distinct_rows(drawn.X)
    ks = _whole_numbers(ks, "ks", range(1, min(len(PALETTE), distinct) + 1), must_hold=k)
    seeds = _whole_numbers(seeds, "seeds", range(seed, seed + PLAYER_SEEDS), must_hold=seed)
    for value in ks:
        check_k_in_palette(value)
    if len(ks) * len(seeds) > PLAYER_MAX_RUNS:
        raise ValueError(
            f"{len(ks)} Ks times {len(seeds)} seeds is {len(ks) * len(seeds)} runs; a page "
            f"holds at most {PLAYER_MAX_RUNS}: give fewer ks or seeds."
        )
    curve, chosen = data_set_elbow(drawn.X) if elbow else (None, None)
    runs = {}
    for each_k in ks:
        for each_seed in seeds:
            # kmeans_steps checks k against the data (and everything else) with its own errors.
            steps = list(kmeans_steps(drawn.X, each_k, init=init, seed=each_seed, metric=metric))
            run = Run.from_steps(drawn, steps, seed=each_seed, init=init, metric=metric)
            message = _base64(run_message(run))
            runs[run.key] = _without_data(message)
            if (each_k, each_seed) == (k, seed):
                first, first_message = run, message
    page = {
        "data": {key: first_message[key] for key in _DATA_KEYS},
        "runs": runs,
        "first": first.key,
        "elbow": _base64(elbow_message(drawn.name, curve, chosen)) if elbow else {},
        "settings": {
            "palette": list(PALETTE),
            "markers": list(MARKERS),
            "edges": list(EDGES),
            "unassigned": [UNASSIGNED, UNASSIGNED_EDGE],
            "region_alpha": REGION_ALPHA,
            "lecture": lecture,
            "speed": min(PLAYER_SPEEDS, key=lambda speed: abs(speed - fps)),
            "step_index": 0,
        },
        "choices": {
            "data": [drawn.name],
            "inits": [init],
            "metrics": [metric],
            "kMin": min(ks),
            "kMax": max(ks),
            "seeds": seeds,
            "seedMax": max(seeds),
            "place": False,
        },
        "missing": (
            f"This page holds the runs for K = {_ranges(ks)} with seeds "
            f"{', '.join(map(str, seeds))} ({init} start): other runs need Python "
            "(kmeans_teach.explore)."
        ),
    }
    title = first.title.replace("\n", " ")
    return _PAGE.format(
        title=html.escape(title),
        # The page's heading, for a screen reader (the explorer shows the run's title).
        heading=html.escape(f"k-means, step by step ({drawn.name})"),
        signature=SIGNATURE,
        css=(STATIC / "explorer.css").read_text(encoding="utf-8"),
        # "</" could end the script element early; JSON allows "<\/" for it.
        page=json.dumps(page, separators=(",", ":")).replace("</", "<\\/"),
        script=(STATIC / "explorer.js").read_text(encoding="utf-8"),
    )


@keywords_checked
def show_player(data="article", *, height=820, **options):
    """The HTML player in a notebook's output: the page of :func:`player_page` in a frame.

    Parameters
    ----------
    data, **options
        As for :func:`save_html` (except ``path`` and ``overwrite``).
    height : int, default 820
        The frame's height in pixels (its width is the output's).

    Returns
    -------
    IPython.display.HTML
        Display it (the last line of a cell). It is the cell's output, so a notebook saved
        with its outputs plays it with no kernel.
    """
    from IPython.display import HTML

    if isinstance(height, bool) or not isinstance(height, numbers.Integral) or height < 200:
        raise ValueError(f"height must be a whole number of pixels, at least 200, got {height!r}.")
    page = player_page(data, **options)
    # The page travels inside the frame (srcdoc), so it needs no file and no server, which
    # IPython's IFrame (a src address) cannot do. The frame sits in a <div>: HTML made of a bare
    # <iframe> makes IPython print "Consider using IPython.display.IFrame instead".
    return HTML(
        '<div class="kmeans-teach-player">'
        f'<iframe srcdoc="{html.escape(page, quote=True)}" title="k-means player" '
        f'style="width: 100%; height: {int(height)}px; border: 0"></iframe></div>'
    )


def _check_player_options(k, fps, lecture, elbow):
    """The options of a page that are checked before anything else (the path included)."""
    check_k_in_palette(k)
    check_fps(fps)
    check_flag(lecture, "lecture")
    check_flag(elbow, "elbow")


#: What every run of a page shares (its data set's points), kept once in the page.
_DATA_KEYS = ("data_name", "n", "points", "axis_labels", "regions", "limits", "note")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{signature}">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
body {{ margin: 0; padding: 8px; background: #fff; }}
{css}
</style>
</head>
<body>
<main>
<h1 class="kt-visually-hidden">{heading}</h1>
<div id="kmeans-teach-player"></div>
</main>
<script type="application/json" id="kmeans-teach-runs">{page}</script>
<script type="module">
{script}
const page = JSON.parse(document.getElementById("kmeans-teach-runs").textContent);
// The player has the keys on load, and keeps them after a click beside it (static/src/keys.js).
mountPlayer(document.getElementById("kmeans-teach-player"), page);
</script>
</body>
</html>
"""


def _base64(message):
    """A message with its binary arrays as base64 text (a page holds text, not buffers)."""
    return {
        key: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
        for key, value in message.items()
    }


def _without_data(message):
    return {key: value for key, value in message.items() if key not in _DATA_KEYS}


def _whole_numbers(values, name, default, *, must_hold):
    """`values` (or `default`) as a sorted list of distinct whole numbers that holds `must_hold`."""
    if values is None:
        values = default
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a list of whole numbers, got {values!r}.")
    values = list(values)
    for value in values:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must hold whole numbers, got {value!r}.")
    values = sorted({int(value) for value in values})
    if must_hold not in values:
        raise ValueError(f"{name} must include {must_hold} (the run shown first), got {values}.")
    return values


def _ranges(values):
    """[1, 2, 3, 5] as "1–3, 5"."""
    parts, start = [], values[0]
    for before, after in zip(values, [*values[1:], None]):
        if after != before + 1:
            parts.append(str(start) if start == before else f"{start}–{before}")
            start = after
    return ", ".join(parts)
