"""Every figure with its text: the one way the course shows a figure, and readable tables.

:func:`show_figure` shows a matplotlib figure (or a PNG or GIF file) with its text
alternative: a ``text/html`` output, a ``<figure>`` whose ``<img>`` carries the ``alt`` text
and whose ``<figcaption>`` holds the caption and, folded, the figure's numbers as a table.
JupyterLab, Voilà and ``jupyter nbconvert --to html`` show that; other front ends find the
``image/png`` beside it, with the alt text as ``text/plain``. The figure is closed, so the
inline backend does not show it a second time without its text.

::

    fig, ax = plt.subplots()
    view = ElbowView(ax, curve, elbow=find_elbow(curve))
    show_figure(fig, view.describe())                      # the view describes itself
    show_figure(fig, alt="The inertia falls ...", caption="...", table=curve)  # your own words

:func:`accessible_tables` makes every pandas table shown afterwards name the column of its
row labels, which a screen reader announces with each row (pandas leaves that header cell
empty). :func:`output_problems` finds the pictures of a notebook's outputs that have no text
alternative and the tables with empty header cells; the test suite runs it on every cell of
every notebook it executes.

Nothing here is imported by ``import kmeans_teach``, and IPython is imported only when a figure
or a table is shown.
"""

from __future__ import annotations

import base64
import html
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from ._validation import keywords_checked
from .figure_text import FigureText

__all__ = [
    "FigureText",
    "accessible_tables",
    "alt_problem",
    "check_alt",
    "figure_output",
    "image_output_problems",
    "output_problems",
    "show_figure",
    "table_output_problems",
    "table_html",
]

#: The picture formats a figure may come as, by the first bytes of the file.
_FORMATS = {b"\x89PNG\r\n\x1a\n": "image/png", b"GIF87a": "image/gif", b"GIF89a": "image/gif"}
#: A whole alt text that is a file name: "elbow.png", "figures/step_3.gif".
_FILE_NAME = re.compile(
    r"\S*\.(png|jpe?g|gif|svg|webp|bmp|tiff?|pdf|eps|ipynb)|\S*[/\\]\S*|\S*_\S*", re.IGNORECASE
)
#: A whole alt text that only says "a picture is here": "Figure 1", "image", "plot_2".
_PLACEHOLDER = re.compile(
    r"(alt( text)?|chart|fig(ure)?|graph(ic)?|image|img|output|photo|pic(ture)?|placeholder"
    r"|plot|screenshot|untitled)?[\s_\-.:#]*\d*",
    re.IGNORECASE,
)
#: What a folded table of a figure's numbers is called.
TABLE_SUMMARY = "The numbers in the figure, as a table"
#: The header over row labels that have no name of their own.
ROW_HEADER = "row"


# --------------------------------------------------------------------------- the alt text


@keywords_checked
def alt_problem(alt):
    """Why `alt` cannot be the text alternative of a figure, or None when it can.

    Refused: anything but a string, an empty or blank string, and a string that is a file
    name (``"elbow.png"``, ``"figures/step3"``, ``"step_3"``) or a placeholder (``"Figure 1"``,
    ``"image"``, ``"plot"``), which tell a reader nothing about the picture.

    Parameters
    ----------
    alt : object

    Returns
    -------
    str or None
        One sentence saying what is wrong, or None.

    Examples
    --------
    >>> alt_problem("Inertia against K: it falls steeply to K = 4, then slowly.") is None
    True
    >>> alt_problem("elbow.png")
    "the alt text 'elbow.png' is a file name; say what the figure shows and what to notice"
    """
    if not isinstance(alt, str):
        return f"the alt text must be a str, got {type(alt).__name__}"
    text = alt.strip()
    if not text:
        return "the alt text is empty; say what the figure shows and what to notice"
    if _PLACEHOLDER.fullmatch(text):
        return (
            f"the alt text {alt!r} is a placeholder, not a description; say what the figure"
            " shows and what to notice"
        )
    if _FILE_NAME.fullmatch(text):
        return f"the alt text {alt!r} is a file name; say what the figure shows and what to notice"
    return None


@keywords_checked
def check_alt(alt):
    """Return `alt` stripped, or raise a clear error if it is no text alternative.

    Raises
    ------
    TypeError
        When `alt` is not a string.
    ValueError
        When it is empty, a file name or a placeholder (see :func:`alt_problem`).
    """
    problem = alt_problem(alt)
    if problem is None:
        return alt.strip()
    raise (TypeError if not isinstance(alt, str) else ValueError)(
        problem[0].upper() + problem[1:] + " (see CONTRIBUTING.md, 'Figures and their text')."
    )


# --------------------------------------------------------------------------- showing a figure


@keywords_checked
def show_figure(figure, alt, *, caption=None, table=None):
    """Show a figure with its text alternative, and close it.

    Parameters
    ----------
    figure : matplotlib.figure.Figure, bytes or path
        The figure, or the bytes or path of a PNG or GIF (such as an animation's GIF).
    alt : str or FigureText
        What the figure shows and what to notice, in a sentence or three: a screen reader reads
        it in place of the picture. A :class:`FigureText` (a view's ``describe()``) brings its
        own caption and table as well.
    caption : str or None, default None
        Longer detail, shown under the figure to every reader. With a FigureText, it comes
        first, before the FigureText's own caption.
    table : pandas.DataFrame or None, default None
        The numbers the figure draws, folded under the caption for a reader who wants them
        exactly; it replaces a FigureText's own table.

    Raises
    ------
    TypeError, ValueError
        For an alt text that is empty, a file name or a placeholder (nothing is shown), a
        caption that is not text, and a figure that is none of the above.

    Notes
    -----
    In JupyterLab, Voilà and an HTML export the output is a ``<figure>`` with the picture's
    ``alt`` and its ``<figcaption>``; other front ends show the ``image/png`` (or
    ``image/gif``) beside it. Outside IPython (in a script) nothing can be shown, so the alt
    text and the caption are printed.
    """
    data, metadata = figure_output(figure, alt, caption=caption, table=table)
    _close(figure)
    shell = _shell()
    if shell is None:
        print(data["text/plain"])
        if caption is not None or getattr(alt, "caption", None):
            print(_caption_of(alt, caption))
        return
    from IPython.display import display

    display(data, raw=True, metadata=metadata)


@keywords_checked
def figure_output(figure, alt, *, caption=None, table=None):
    """The output :func:`show_figure` displays: its data (by MIME type) and metadata.

    Parameters
    ----------
    figure, alt, caption, table
        As for :func:`show_figure`.

    Returns
    -------
    data : dict
        ``text/html`` (the ``<figure>``), the picture's MIME type (``image/png`` or
        ``image/gif``, base64) and ``text/plain`` (the alt text).
    metadata : dict
        The picture's width and height in pixels, under its MIME type.
    """
    if isinstance(alt, FigureText):
        text_caption, text_table = _caption_of(alt, caption), alt.table if table is None else table
        alt = alt.alt
    else:
        text_caption, text_table = caption, table
    alt = check_alt(alt)
    if text_caption is not None and not isinstance(text_caption, str):
        raise TypeError(f"caption must be a str or None, got {type(text_caption).__name__}.")
    picture, mime = _picture(figure)
    encoded = base64.b64encode(picture).decode("ascii")
    size = _size(picture, mime)
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    parts = [
        '<figure class="kmeans-teach-figure" style="margin: 0 0 0.5em 0">',
        f'<img src="data:{mime};base64,{encoded}" alt="{html.escape(alt)}"{dimensions}'
        ' style="max-width: 100%; height: auto">',
    ]
    below = []
    if text_caption:
        below.append(html.escape(text_caption.strip()).replace("\n", "<br>"))
    if text_table is not None:
        below.append(
            f"<details><summary>{TABLE_SUMMARY}</summary>{table_html(text_table)}</details>"
        )
    if below:
        parts.append("<figcaption>" + "\n".join(below) + "</figcaption>")
    parts.append("</figure>")
    data = {"text/html": "\n".join(parts), mime: encoded, "text/plain": alt}
    metadata = {mime: {"width": size[0], "height": size[1]}} if size else {}
    return data, metadata


def _caption_of(alt, caption):
    """The lesson's caption first, then the one a FigureText brings."""
    own = getattr(alt, "caption", None)
    return " ".join(part.strip() for part in (caption, own) if part) or None


def _picture(figure):
    """The figure as image bytes, and their MIME type."""
    if isinstance(figure, (bytes, bytearray, memoryview)):
        picture = bytes(figure)
    elif isinstance(figure, (str, os.PathLike)):
        picture = Path(figure).expanduser().read_bytes()
    elif hasattr(figure, "savefig") and hasattr(figure, "dpi"):
        import io

        with io.BytesIO() as buffer:
            # As the inline backend draws a figure: at its own resolution, cropped to what is
            # drawn, on its own face colour.
            figure.savefig(
                buffer,
                format="png",
                dpi=figure.dpi,
                bbox_inches="tight",
                facecolor=figure.get_facecolor(),
                edgecolor=figure.get_edgecolor(),
            )
            return buffer.getvalue(), "image/png"
    else:
        raise TypeError(
            "show_figure shows a matplotlib Figure (fig from plt.subplots()), or the bytes or "
            f"path of a PNG or GIF; got {type(figure).__name__}."
        )
    for start, mime in _FORMATS.items():
        if picture.startswith(start):
            return picture, mime
    raise ValueError("show_figure shows PNG and GIF pictures; these bytes are neither.")


def _size(picture, mime):
    """(width, height) in pixels, read from the picture's header."""
    if mime == "image/png" and len(picture) >= 24:
        return int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big")
    if mime == "image/gif" and len(picture) >= 10:
        return int.from_bytes(picture[6:8], "little"), int.from_bytes(picture[8:10], "little")
    return None


def _close(figure):
    # A pyplot figure left open would be drawn again at the end of the cell by the inline
    # backend, without its text. A figure pyplot does not know is left alone.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and hasattr(figure, "savefig"):
        pyplot.close(figure)


def _shell():
    if "IPython" not in sys.modules:
        return None
    from IPython import get_ipython

    return get_ipython()


# --------------------------------------------------------------------------- tables


@keywords_checked
def table_html(frame):
    """A pandas table as HTML in which every header cell has text.

    pandas leaves the header cell above the row labels empty (and with named row labels adds
    a second header row of empty cells), and a screen reader then has nothing to announce for
    that column. Here it holds the row labels' name (``cluster``, or ``cluster (rows) / digit
    (columns)`` when the columns are named too), or "row" for unnamed labels; everything else
    is as pandas shows it.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    str
    """
    labelled = _labelled(frame)
    shown = labelled._repr_html_()
    return shown if shown is not None else labelled.to_html()


def _labelled(frame):
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(frame).__name__}.")
    if frame.index.nlevels > 1:
        frame = frame.reset_index()  # each level becomes a column with its name as header
    if frame.columns.nlevels > 1:
        frame = frame.set_axis([" · ".join(map(str, c)) for c in frame.columns], axis=1)
    rows, columns = frame.index.name, frame.columns.name
    if rows not in (None, "") and columns not in (None, ""):
        header = f"{rows} (rows) / {columns} (columns)"
    else:
        header = next((str(n) for n in (rows, columns) if n not in (None, "")), ROW_HEADER)
    # The columns' name is what pandas writes into that corner, in the one header row.
    return frame.rename_axis(index=None, columns=header)


@keywords_checked
def accessible_tables():
    """Show every pandas table from now on with a header over its row labels.

    Call it once, near the top of a notebook. It changes how this kernel shows DataFrames in
    HTML (see :func:`table_html`), nothing else; the plain text is pandas' own.
    """
    shell = _shell()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


# --------------------------------------------------------------------------- checking outputs


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts = []  # the alt of every <img>, None where it has none
        self.headers = []  # the text of every <th>
        self._header = None

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))
        elif tag == "th":
            self._header = ""

    def handle_data(self, data):
        if self._header is not None:
            self._header += data

    def handle_endtag(self, tag):
        if tag == "th" and self._header is not None:
            self.headers.append(self._header.strip())
            self._header = None


def _parsed(output):
    page = (output.get("data") or {}).get("text/html")
    parser = _Images()
    if page is not None:
        parser.feed("".join(page) if isinstance(page, list) else page)
        parser.close()
    return parser


@keywords_checked
def output_problems(output):
    """Everything in a notebook output that a screen reader cannot read: pictures and tables.

    The problems of :func:`image_output_problems` and :func:`table_output_problems`.
    """
    return image_output_problems(output) + table_output_problems(output)


@keywords_checked
def table_output_problems(output):
    """The tables of a notebook output that have header cells with no text.

    A screen reader announces a table's headers with its cells; an empty one announces
    nothing (axe-core: "empty-table-header"). pandas leaves the cell above row labels empty,
    unless :func:`accessible_tables` was called.

    Parameters
    ----------
    output : dict
        One output of a notebook cell, as nbformat stores it.

    Returns
    -------
    list of str
    """
    empty = sum(1 for header in _parsed(output).headers if not header)
    if not empty:
        return []
    return [
        f"a table has {empty} empty header cell{'s' if empty > 1 else ''} (pandas leaves the"
        " one above unnamed row labels empty); call kmeans_teach.figures.accessible_tables() in"
        " the notebook's import cell, or name the row labels"
    ]


@keywords_checked
def image_output_problems(output):
    """What keeps a reader who cannot see the pictures of a notebook output from reading them.

    Every picture in the output must have a text alternative: an ``image/*`` output needs a
    ``text/html`` beside it (as :func:`show_figure` makes) whose ``<img>`` carry alt texts,
    and each such alt text must pass :func:`alt_problem`.

    Parameters
    ----------
    output : dict
        One output of a notebook cell, as nbformat stores it (``output_type``, ``data``).

    Returns
    -------
    list of str
        Empty when every picture has its text.
    """
    data = output.get("data") or {}
    problems = []
    alts = _parsed(output).alts
    if alts:
        for alt in alts:
            if alt is None:
                problems.append("an <img> in the HTML output has no alt text")
            elif (problem := alt_problem(alt)) is not None:
                problems.append(problem)
    pictures = sorted(key for key in data if key.startswith("image/"))
    if pictures and not alts:
        problems.append(
            f"a picture ({', '.join(pictures)}) is shown with no text alternative (by"
            " plt.show(), display(fig), IPython's Image or a figure left as the cell's last"
            " value?); show it with kmeans_teach.figures.show_figure(fig, alt=...)"
        )
    return problems
