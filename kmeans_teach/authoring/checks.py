"""Check calls that fail: what a lesson's ``check_*(...)`` line becomes where a result must count.

In the course's own notebooks a check prints its feedback and returns a
:class:`~kmeans_teach.exercises.Feedback`; it never raises, so a student reads the hint rather
than a traceback. Where a result must count (the release verifying that every model answer
passes its check, and the grading export's autograded test cells), each top-level call
``check_x(...)`` is rewritten as ``assert check_x(...).passed, "..."``: the feedback is still
printed, and the cell fails when the check does not pass. The rest of the cell, and the call's
own text, are kept exactly.
"""

from __future__ import annotations

import ast

from ._words import CHECK_CALL


def check_calls(source: str) -> list[str]:
    """The names of the checks a cell calls as statements of their own, in order.

    Parameters
    ----------
    source : str
        The text of a code cell.

    Returns
    -------
    list of str
        For example ``["check_assign_step"]``; empty when the cell calls no check (or is not
        valid Python: IPython magics are blanked first).
    """
    return [name for name, _ in _check_statements(source)]


def asserting_checks(source: str, *, reimport: bool = False) -> str:
    """The cell with every check call that stands alone turned into an assert on its result.

    Parameters
    ----------
    source : str
        The text of a code cell, e.g. ``'check_assign_step(globals().get("assign_step", ...))'``.
    reimport : bool, default False
        Start the cell with an import of the checks it calls from
        :mod:`kmeans_teach.exercises`, so that a name a student's cell above bound to something
        else (``def check_assign_step(f): ...``) is the course's check again when it counts.

    Returns
    -------
    str
        The same text, where each such call reads
        ``assert check_x(...).passed, "check_x did not pass: its feedback is printed above"``.
        A cell with no check call is returned unchanged.

    Examples
    --------
    >>> print(asserting_checks("from m import check_a\\n\\ncheck_a(answer)"))
    from m import check_a
    <BLANKLINE>
    assert check_a(answer).passed, "check_a did not pass: its feedback is printed above"
    """
    lines = source.split("\n")
    statements = _check_statements(source)
    # From the last call to the first, so that earlier positions stay valid.
    for name, node in reversed(statements):
        first, last = node.lineno - 1, node.end_lineno - 1
        end = lines[last]
        lines[last] = (
            end[: node.end_col_offset]
            + f'.passed, "{name} did not pass: its feedback is printed above"'
            + end[node.end_col_offset :]
        )
        start = lines[first]
        lines[first] = start[: node.col_offset] + "assert " + start[node.col_offset :]
    if reimport and statements:
        names = ", ".join(dict.fromkeys(name for name, _ in statements))
        lines.insert(0, f"from kmeans_teach.exercises import {names}  # the course's own checks")
    return "\n".join(lines)


def _check_statements(source: str) -> list[tuple[str, ast.Call]]:
    """(name, call) for each statement of the cell that is only a call of a ``check_*``."""
    if not CHECK_CALL.search(source):
        return []
    # IPython's magics and shell escapes are not Python: blank them, keeping line numbers.
    blanked = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
    )
    try:
        tree = ast.parse(blanked)
    except SyntaxError:
        return []
    found = []
    for statement in tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id.startswith("check_")
        ):
            found.append((call.func.id, call))
    return found
