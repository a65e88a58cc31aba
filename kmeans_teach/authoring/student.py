"""One student notebook made from its lesson source, in memory: answers replaced by stubs."""

from __future__ import annotations

from .._validation import keywords_checked
from ._words import (
    ANSWER_STUB,
    CHECK_CALL,
    CODE_STUB,
    EXERCISES_COMMAND,
    HEADER_ID,
    METADATA_KEY,
    MODEL_ANSWER_SUMMARY,
    MODEL_ANSWER_TAG,
    SOLUTION_TAG,
    SOURCES_FOLDER,
)
from .markers import _answer_of, _cut_at_marker
from .normalising import normalise


@keywords_checked
def student_version(source_nb):
    """Return the student notebook made from a lesson source: answers replaced by stubs.

    The source is normalised first (see :func:`normalise`). Then

    - a code cell tagged ``solution`` becomes ``# Your code here``, a markdown cell tagged
      ``solution`` becomes ``*Your answer here.*``, and the ``solution`` tag is removed;
    - in other code cells, a line that is only ``# SOLUTION`` (any indentation) and every line
      after it become ``# Your code here`` at the marker's indentation, followed, if the marker
      is indented, by ``raise NotImplementedError("exercise not attempted yet")``;
    - cells that lost an answer lose their outputs too (even if tagged ``keep_output``);
    - an answer no check can judge (a written answer, or code with no ``check_*`` call in the
      cells after it, up to the next heading) is followed by a markdown cell tagged
      ``model_answer``: the answer of the source, folded in a ``<details>`` block that the
      student opens after trying (:data:`MODEL_ANSWER_SUMMARY`);
    - every other cell, the order, the cell ids and the metadata are those of the source.

    The generation record (see the module docstring) is added by :func:`generate_exercises`,
    which knows the file names; this function only transforms the notebook.

    Parameters
    ----------
    source_nb : nbformat.NotebookNode or dict
        The lesson source, with answers, in format 4. It is not modified.

    Returns
    -------
    nbformat.NotebookNode
        The student notebook. The same source always gives the same notebook.

    Examples
    --------
    >>> from nbformat import v4
    >>> source = v4.new_notebook(cells=[
    ...     v4.new_code_cell("def centre(points):\\n    # SOLUTION\\n    return points.mean(0)"),
    ... ])
    >>> print(student_version(source).cells[0].source)
    def centre(points):
        # Your code here
        raise NotImplementedError("exercise not attempted yet")
    """
    nb = normalise(source_nb)
    # A source copied from a student notebook must not pass on that notebook's record, nor
    # its header line and model answers (they are made again below).
    nb["metadata"].pop(METADATA_KEY, None)
    nb["cells"] = [cell for cell in nb["cells"] if not _is_generated(cell)]
    cells = []
    for index, cell in enumerate(nb["cells"]):
        cells.append(cell)
        answer = _answer_of(cell)
        tags = cell["metadata"].get("tags", [])
        if answer is not None and not _checked_later(nb["cells"], index):
            cells.append(_model_answer(cell, answer))
        if SOLUTION_TAG in tags:
            remaining = [tag for tag in tags if tag != SOLUTION_TAG]
            if remaining:
                cell["metadata"]["tags"] = remaining
            else:
                del cell["metadata"]["tags"]
            if cell["cell_type"] == "code":
                cell["source"] = CODE_STUB
                cell["outputs"] = []
                cell["execution_count"] = None
            else:
                cell["source"] = ANSWER_STUB
                cell.pop("attachments", None)  # pictures of the answer go with it
        elif cell["cell_type"] == "code":
            cut = _cut_at_marker(cell["source"])
            if cut is not None:
                cell["source"] = cut
                cell["outputs"] = []
                cell["execution_count"] = None
    nb["cells"] = cells
    return nb


def _is_generated(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.get("id") == HEADER_ID or MODEL_ANSWER_TAG in tags


def _checked_later(cells, index: int) -> bool:
    """Whether a check judges the answer in cells[index]: a check call before the next heading."""
    for cell in cells[index + 1 :]:
        if cell["cell_type"] == "markdown" and cell["source"].lstrip().startswith("#"):
            return False
        if cell["cell_type"] == "code" and CHECK_CALL.search(cell["source"]):
            return True
    return False


def _model_answer(cell, answer: str):
    """The folded model answer that follows a student's answer cell."""
    import nbformat

    answer = answer.strip("\n")
    body = f"```python\n{answer}\n```" if cell["cell_type"] == "code" else answer
    text = f"<details><summary>{MODEL_ANSWER_SUMMARY}</summary>\n\n{body}\n\n</details>"
    return nbformat.v4.new_markdown_cell(
        text, id=f"{cell['id']}-answer"[-64:], metadata={"tags": [MODEL_ANSWER_TAG]}
    )


def _header(source_name: str):
    """The first cell of a student notebook: where it comes from."""
    import nbformat

    text = (
        f"*Generated from `{SOURCES_FOLDER}/{source_name}` by `{EXERCISES_COMMAND}`: to change"
        " this lesson, edit that file, not this one.*"
    )
    return nbformat.v4.new_markdown_cell(text, id=HEADER_ID)
