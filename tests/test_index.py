"""notebooks/index.ipynb is the table of contents: every link in it must lead somewhere."""

import re
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(?:#[^)]*)?\)")


def index_links():
    index = nbformat.read(NOTEBOOKS / "index.ipynb", as_version=4)
    text = "\n".join(c.source for c in index.cells if c.cell_type == "markdown")
    return LINK.findall(text)


def test_every_notebook_link_in_the_index_exists():
    missing = [link for link in index_links() if not (NOTEBOOKS / link).is_file()]
    assert not missing, f"index.ipynb links to notebooks that do not exist: {missing}"


def test_every_lesson_is_linked_from_the_index_in_order():
    lessons = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    linked = [link for link in index_links() if re.match(r"\d\d_", link)]
    assert linked == lessons, (
        "The index must link every lesson, in order. "
        f"Lessons: {lessons}; linked from index.ipynb: {linked}"
    )
