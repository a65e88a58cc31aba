"""Every notebook reads well with a screen reader: headings in order, links that say where.

A screen reader lists a page's headings to move around it, and its links out of their
context, so a skipped level or a link called "here" leaves the reader lost. (Pictures and
tables are checked on the executed outputs: see conftest.py and kmeans_teach.figures.)
"""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.rglob("*.ipynb"))
# Link texts that say nothing about where they lead.
VAGUE = {"here", "click here", "this", "this link", "link", "more", "read more", "see here"}
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(")


def markdown_lines(path):
    """Every line of the notebook's markdown cells outside code blocks, with its cell's id."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in cell.source.split("\n"):
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced:
                yield cell.get("id"), line


def headings(path):
    found = []
    for cell_id, line in markdown_lines(path):
        if match := re.match(r"(#{1,6})\s+\S", line):
            found.append((len(match.group(1)), cell_id, line.strip()))
        found += [(int(level), cell_id, line.strip()) for level in re.findall(r"<h([1-6])", line)]
    return found


def named(path):
    return str(path.relative_to(NOTEBOOKS))


@pytest.mark.parametrize("path", ALL, ids=named)
def test_a_notebook_has_one_title_first_and_headings_that_never_skip_a_level(path):
    levels = headings(path)
    assert levels, f"{named(path)} has no heading at all"
    assert [level for level, _, _ in levels].count(1) == 1, f"{named(path)}: one # title, please"
    assert levels[0][0] == 1, f"{named(path)}: the first heading must be the # title"
    for (before, _, _), (level, cell_id, line) in zip(levels, levels[1:]):
        assert level <= before + 1, (
            f"{named(path)}, cell {cell_id}: {line!r} skips a level after a level {before}"
        )


@pytest.mark.parametrize("path", ALL, ids=named)
def test_every_link_text_says_where_it_goes(path):
    for cell_id, line in markdown_lines(path):
        for text, target in LINK.findall(line):
            assert text.strip(), f"{named(path)}, cell {cell_id}: a link to {target} has no text"
            assert text.strip().strip("*_").lower() not in VAGUE, (
                f"{named(path)}, cell {cell_id}: the link text {text!r} does not say where"
                f" {target} leads; name the place instead"
            )


@pytest.mark.parametrize("path", ALL, ids=named)
def test_every_picture_in_markdown_has_alt_text(path):
    for cell_id, line in markdown_lines(path):
        for alt in IMAGE.findall(line):
            assert alt.strip(), f"{named(path)}, cell {cell_id}: a picture has no alt text"
        for tag in re.findall(r"<img\b[^>]*>", line):
            assert re.search(r'\balt="[^"]+"', tag), (
                f"{named(path)}, cell {cell_id}: {tag} has no alt text"
            )
