"""The rails that keep answers out of student notebooks: how an answer is marked, and refusals.

A code cell tagged ``solution`` is an answer; in any other code cell, a line that is only the
comment ``# SOLUTION`` starts one. A marker or tag that is almost right (``#SOLUTION``,
``# solution:``, ``x = 1  # SOLUTION``, the tag ``Solution``), a marker inside a string, or a
check call in the hidden part is refused by :func:`marker_problems`, naming the notebook, the
cell and the marker to use: generation never guesses.

A figure must reach students with its text alternative, through
``kmeans_teach.figures.show_figure``: :func:`figure_problems` refuses a cell that calls
``plt.show()``, draws a figure and never calls ``show_figure``, or leaves a figure as its last
value.
"""

from __future__ import annotations

from .._validation import keywords_checked
from ._words import (
    CHECK_CALL,
    CODE_STUB,
    NEAR_MISS_MARKER,
    NOT_ATTEMPTED_STUB,
    SOLUTION_MARKER,
    SOLUTION_TAG,
    TRAILING_MARKER,
    cell_name,
)
from .notebook_io import _text


class MarkerError(ValueError):
    """A lesson source marks an answer in a way generation would get wrong (see the docstring)."""


def _answer_of(cell) -> str | None:
    """The part of a source cell that the student does not see, or None if it has none."""
    source = cell["source"]
    if SOLUTION_TAG in cell["metadata"].get("tags", []):
        return source
    if cell["cell_type"] != "code":
        return None
    lines = source.split("\n")
    for number, line in enumerate(lines):
        if line.strip() == SOLUTION_MARKER:
            # The whole cell without the marker: the answer reads in its context.
            return "\n".join(lines[:number] + lines[number + 1 :])
    return None


@keywords_checked
def marker_problems(source_nb, name: str) -> list[str]:
    """What in a lesson source generation would get wrong: one sentence per problem.

    Refused: a tag that is almost ``solution`` (``Solution``, ``SOLUTION``, ``solutions``); a
    line that is almost the marker (``#SOLUTION``, ``# solution``, ``# SOLUTION:``,
    ``## SOLUTION``) or ends with it after code (``x = 1  # SOLUTION``); a marker inside a
    string, or any marker that leaves code that does not compile; a ``check_*`` call in the
    part that the student does not see (it would vanish from the student notebook).

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source.
    name : str
        How to name the notebook in the messages.

    Returns
    -------
    list of str
        Empty when generation can be trusted with this source.
    """
    problems = []
    for number, cell in enumerate(source_nb["cells"], start=1):
        where = f"{name}, {cell_name(number, cell)}"
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in tags:
            if tag != SOLUTION_TAG and tag.strip().casefold() in ("solution", "solutions"):
                problems.append(
                    f"{where}: the tag {tag!r} is not the solution tag; use exactly"
                    f" {SOLUTION_TAG!r} (lower case, singular)"
                )
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") != "code":
            continue
        lines = source.split("\n")
        for line in lines:
            stripped = line.strip()
            if stripped == SOLUTION_MARKER:
                continue
            if NEAR_MISS_MARKER.match(line) or TRAILING_MARKER.fullmatch(stripped):
                problems.append(
                    f"{where}: the line {stripped!r} is not the solution marker; the marker is"
                    f" a line that holds only {SOLUTION_MARKER!r} (the answer starts on the"
                    " next line)"
                )
        if SOLUTION_TAG in tags:
            hidden = source
        else:
            marker_line = next(
                (i for i, line in enumerate(lines) if line.strip() == SOLUTION_MARKER), None
            )
            hidden = "\n".join(lines[marker_line:]) if marker_line is not None else ""
            cut = _cut_at_marker(source)
            if cut is not None and _compiles(source) and not _compiles(cut):
                problems.append(
                    f"{where}: cutting at {SOLUTION_MARKER!r} leaves code that does not compile"
                    " (is the marker inside a string or a bracket?); put the marker on a line"
                    " of its own, outside any string, where the answer starts"
                )
        if CHECK_CALL.search(hidden):
            problems.append(
                f"{where}: a check call is part of the answer, so the student notebook would"
                " lose it; move the check into a cell of its own after the exercise"
            )
    return problems


def _compiles(source: str) -> bool:
    # IPython's magics and shell escapes are not Python: blank them out first.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")]
    try:
        compile("\n".join(lines), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


def _cut_at_marker(source: str) -> str | None:
    """The source with the first ``# SOLUTION`` line and all after it replaced by the stub."""
    lines = source.split("\n")
    for number, line in enumerate(lines):
        if line.strip() == SOLUTION_MARKER:
            indent = line[: len(line) - len(line.lstrip())]
            stub = [indent + CODE_STUB]
            if indent:
                stub.append(indent + NOT_ATTEMPTED_STUB)
            return "\n".join(lines[:number] + stub)
    return None


class FigureTextError(MarkerError):
    """A lesson source draws a figure that would reach students without a text alternative."""


#: pyplot functions that make or draw on a figure (what the inline backend would then show).
_DRAWING = frozenset(
    "axes bar barh boxplot contour contourf errorbar figimage figure fill fill_between"
    " fill_betweenx gca gcf hexbin hist hist2d imshow loglog matshow pcolor pcolormesh pie plot"
    " quiver scatter semilogx semilogy stackplot stem step subplot subplot_mosaic subplots"
    " violinplot".split()
)
#: pyplot functions that return a new figure, so a name bound to their result is a figure.
_NEW_FIGURE = frozenset({"figure", "subplots", "subplot_mosaic"})
#: The package's views: a cell that makes one draws a figure.
_VIEWS = frozenset(
    {"StepView", "InertiaTraceView", "ElbowView", "SilhouetteView", "TrajectoryFigure"}
)
SHOW_FUNCTION = "show_figure"
_HOW = (
    f"show it with {SHOW_FUNCTION}(fig, alt=...) from kmeans_teach.figures (a view's"
    f" describe(), or an alt text written in the lesson; see CONTRIBUTING.md, 'Figures and their"
    " text')"
)


@keywords_checked
def figure_problems(source_nb, name: str) -> list[str]:
    """The figures of a lesson source that would reach students without a text alternative.

    Refused, in a code cell: a call of ``plt.show()`` (pyplot's, under any name it is
    imported as), which shows the figure as a bare picture; a cell that draws a figure (a
    pyplot drawing call such as ``plt.subplots``, pandas' ``.plot.<kind>(...)`` or one of the
    package's views) but never calls ``show_figure``; and a figure left as the cell's last
    value, which the notebook would show as a bare picture too. Each sentence names the
    notebook, the cell and what to do.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source.
    name : str
        How to name the notebook in the messages.

    Returns
    -------
    list of str
        Empty when every figure the source draws goes through ``show_figure``.
    """
    import ast

    cells = [cell for cell in source_nb["cells"] if cell.get("cell_type") == "code"]
    trees = {}
    for cell in cells:
        try:
            trees[id(cell)] = ast.parse(_python_of(_text(cell.get("source", ""))))
        except SyntaxError:
            continue  # not Python the check can read (marker_problems names a broken cut)
    pyplot = {"plt"} | {
        alias.asname or alias.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
        if (isinstance(node, ast.Import) and alias.name == "matplotlib.pyplot" and alias.asname)
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "matplotlib"
            and alias.name == "pyplot"
        )
    }
    problems = []
    for number, cell in enumerate(source_nb["cells"], start=1):
        tree = trees.get(id(cell))
        if tree is None:
            continue
        where = f"{name}, {cell_name(number, cell)}"
        problems += [
            f"{where}: {problem}; {_HOW}" for problem in _cell_figure_problems(tree, pyplot)
        ]
    return problems


def _cell_figure_problems(tree, pyplot) -> list[str]:
    import ast

    def pyplot_call(node, names=None):
        function = node.func if isinstance(node, ast.Call) else None
        return (
            isinstance(function, ast.Attribute)
            and isinstance(function.value, ast.Name)
            and function.value.id in pyplot
            and (names is None or function.attr in names)
        )

    def called(node):
        function = node.func
        return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")

    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    problems = []
    if any(pyplot_call(node, {"show"}) for node in calls):
        problems.append("plt.show() shows the figure as a bare picture, with no text alternative")
    draws = next(
        (
            f"{node.func.value.id}.{node.func.attr}()"
            for node in calls
            if pyplot_call(node, _DRAWING)
        ),
        None,
    ) or next(
        (
            f"{called(node)}()"
            for node in calls
            if called(node) in _VIEWS
            or (
                isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "plot"
            )
        ),
        None,
    )
    shown = any(called(node) == SHOW_FUNCTION for node in calls)
    if draws and not shown:
        problems.append(f"it draws a figure ({draws}) but never calls {SHOW_FUNCTION}")
    figures = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and pyplot_call(node.value, _NEW_FIGURE)
        for target in [
            node.targets[0].elts[0]
            if isinstance(node.targets[0], (ast.Tuple, ast.List))
            else node.targets[0]
        ]
        if isinstance(target, ast.Name)
    }
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and (
        (isinstance(last.value, ast.Name) and last.value.id in figures)
        or pyplot_call(last.value, _DRAWING)
    ):
        problems.append("it leaves a figure as the cell's last value, shown as a bare picture")
    return problems


def _python_of(source: str) -> str:
    # IPython's magics and shell escapes are not Python: blank them out first.
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
    )
