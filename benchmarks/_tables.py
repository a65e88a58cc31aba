"""The benchmarks' tables, printed as Markdown that the README and the guide take as they are."""

from __future__ import annotations


def markdown_table(header, rows, right):
    """A Markdown table whose columns are padded to line up in a terminal too.

    Parameters
    ----------
    header : sequence of str
        The column names.
    rows : sequence of sequences
        The cells, row by row (shown with ``str``).
    right : sequence of bool
        For each column, whether it is aligned right (numbers) rather than left.

    Returns
    -------
    str
        The header, the rule that sets the alignment, and one line per row.
    """
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = [
            str(cell).rjust(width) if flush else str(cell).ljust(width)
            for cell, width, flush in zip(cells, widths, right)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (width - 1) + (":" if flush else "-") for width, flush in zip(widths, right)]
    return "\n".join([line(header), line(rule), *(line(cells) for cells in rows)])
