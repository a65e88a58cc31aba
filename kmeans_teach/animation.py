"""Views of a k-means run that need no running kernel, and their command line.

- :func:`save_html` (:mod:`kmeans_teach.player`) writes ONE web page, the player: the
  explorer's renderer inlined with runs computed beforehand, so K and the seed still change
  with no kernel and no network (:func:`player_page`, :func:`show_player`);
- :func:`save_gif` (:mod:`kmeans_teach.gif`) writes a GIF for slide software that takes only
  pictures, :func:`describe_gif` its text, and :func:`animate` is the same frames as a
  matplotlib ``FuncAnimation``.

Each view lives in its own module; this one keeps their names importable from one place
(``from kmeans_teach.animation import save_gif, save_html``) and holds the command line,
``python -m kmeans_teach animate --help``, which writes either.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import datasets
from ._offline import FORMATS, output_path
from ._validation import INITS, METRICS, keywords_checked
from .gif import FIGSIZE, _check_gif_options, _save_gif, animate, describe_gif, save_gif
from .player import player_page, save_html, show_player
from .plotting import PALETTE

__all__ = [
    "FIGSIZE",
    "animate",
    "animate_main",
    "describe_gif",
    "player_page",
    "save_gif",
    "save_html",
    "show_player",
]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line instead of argparse's usage + exit
        raise _UsageError(message)


def _parser():
    epilog = (
        "data sets: " + ", ".join(datasets.names()) + "\n"
        "inits:     " + ", ".join(INITS) + "\n\n"
        "examples:\n"
        "  python -m kmeans_teach animate --data article --k 4 -o kmeans.gif\n"
        "  python -m kmeans_teach animate --data iris --columns 'petal length (cm)' "
        "'petal width (cm)' --k 3 -o iris.html\n"
        "      (k-means clusters iris on all 4 columns; the two petal columns are drawn)"
    )
    parser = _Parser(
        prog="python -m kmeans_teach animate",
        description=(
            "Write a k-means run for a lecture: a web page with the explorer's player (.html: "
            "opens from disk with no network; the keys and a presenter's clicker step it; K and "
            "the seed change among the runs it holds), or a GIF for slides (.gif)."
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", default="article", help="data set name (default: article)")
    parser.add_argument(
        "--k",
        type=int,
        default=4,
        help=f"number of clusters, at most {len(PALETTE)}: one colour and marker each (default: 4)",
    )
    parser.add_argument(
        "--init", default="k-means++", choices=INITS, help="initialisation (default: k-means++)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2021,
        help="the run seed: seeds only the start of k-means, not the data; a data set name "
        "always gives the same data (default: 2021)",
    )
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        metavar="SEED",
        help="html: the run seeds the page holds (default: --seed and the two after it)",
    )
    parser.add_argument(
        "--metric",
        default="euclidean",
        choices=METRICS,
        help="distance: euclidean (k-means) or manhattan (k-medians) (default: euclidean)",
    )
    parser.add_argument(
        "--columns",
        nargs=2,
        metavar=("X", "Y"),
        help="the two columns to draw (default: the first two); they choose only the "
        "picture: k-means always uses every numeric column",
    )
    parser.add_argument(
        "--no-elbow", dest="elbow", action="store_false", help="leave out the elbow curve"
    )
    parser.add_argument(
        "--fps",
        type=float,
        help="steps per second when it plays, from 0.01 to 50 (default: 1.5 for a GIF, 2 for html)",
    )
    parser.add_argument("--dpi", type=float, help="gif: resolution (default: 80)")
    parser.add_argument(
        "--lecture",
        action="store_true",
        help="large type and thick lines, for a projector (html: opens in lecture mode)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="gif or html (default: from the suffix of -o, else gif)",
    )
    parser.add_argument(
        "-o",
        "--output",
        help="file to write, ending in .gif or .html (default: kmeans-DATA-kK.gif); "
        "an existing file is replaced only if it is an animation written by this command, "
        "or with --force",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file whatever it holds"
    )
    return parser


def _output_and_format(output, fmt):
    """The path to write and its format, from -o and --format."""
    if output is None:
        return None, fmt or "gif"
    path = Path(output)
    by_suffix = next((f for f, s in FORMATS.items() if path.suffix.lower() in s), None)
    if fmt is None:
        if by_suffix is None:
            raise ValueError(
                f"Cannot tell the format of {output!r}: end it in .gif or .html, or give --format."
            )
        return path, by_suffix
    if by_suffix is None and not path.suffix:
        return path.with_suffix(FORMATS[fmt][0]), fmt
    if by_suffix != fmt:
        raise ValueError(f"--format {fmt} does not match the output name {output!r}.")
    return path, fmt


@keywords_checked
def animate_main(argv):
    """``python -m kmeans_teach animate ...``: write a GIF or HTML animation; 0 or 2 on error."""
    parser = _parser()
    path = None
    try:
        options = parser.parse_args(argv)
    except _UsageError as error:
        print(f"{parser.prog}: error: {error} (see --help)", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help has been printed
        return done.code if isinstance(done.code, int) else 0

    try:
        path, fmt = _output_and_format(options.output, options.format)
        if fmt == "gif":
            _check_gif_options(
                1.5 if options.fps is None else options.fps,
                80 if options.dpi is None else options.dpi,
                options.lecture,
                options.elbow,
                option_prefix="--",
            )
        if path is None:
            path = Path(f"kmeans-{options.data}-k{options.k}{FORMATS[fmt][0]}")
        path = output_path(path, FORMATS[fmt], f"--format {fmt}", options.force, "--force")
        run_options = dict(
            k=options.k,
            seed=options.seed,
            init=options.init,
            columns=options.columns,
            elbow=options.elbow,
            metric=options.metric,
        )
        if fmt == "gif":
            if options.seeds is not None:
                raise ValueError("--seeds is for an html page; a GIF shows one run (--seed).")
            fps = 1.5 if options.fps is None else options.fps
            dpi = 80 if options.dpi is None else options.dpi
            n_frames = _save_gif(path, options.data, fps, dpi, options.lecture, **run_options)
            done = f"{n_frames} frames"
        else:
            if options.dpi is not None:
                raise ValueError("--dpi is for a GIF; the html player draws at the screen's size.")
            save_html(
                path,
                options.data,
                seeds=options.seeds,
                fps=2 if options.fps is None else options.fps,
                lecture=options.lecture,
                overwrite=True,  # checked above, with --force
                **run_options,
            )
            done = "the player; open it in a browser"
    except (ValueError, TypeError, OSError) as error:
        message = " ".join(str(error).split())  # always one line
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted; {path} was not written.", file=sys.stderr)
        return 130
    print(f"Wrote {path} ({done}).")
    return 0
