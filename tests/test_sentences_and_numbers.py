"""Every number a lesson's sentence states about a computed result is one the tests compare.

A sentence such as "the mini-batch's inertia is 5 % above Lloyd's" or "ARI 0.67" is true only
while the cell behind it prints that number. So every percentage and every decimal number in
the text of a lesson (and of the index) must be printed, at the precision the sentence gives,
by a cell of the same notebook tagged ``nbval-check-output``, whose stored output nbval compares
with a fresh run: a change of data, seed or library that moves the number fails the suite
instead of leaving the sentence wrong. A claim without a number ("above Lloyd's at every n")
is an ``assert`` in a code cell next to it (CONTRIBUTING.md, "Sentences and numbers").

Not results, and so not looked at: numbers in code, in maths, in a folded ``<details>`` block
or under the "Check yourself" heading (a question's own data and its worked answer), version
numbers and DOIs, and inputs (a number the lesson's code holds as a literal, such as a
percentile; for a percentage, also its share ``p / 100`` or its complement ``100 - p``). A
written answer (a markdown cell tagged ``solution``) states what the student's own run gives,
and is not looked at either. Nor are whole numbers (a lesson is full of K = 4 and 10 starts):
a count a sentence states is printed by a checked cell all the same, by the rule.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHECKED = "nbval-check-output"

# A stated percentage ("5 %", "12.5 percent") or decimal ("0.67", "493.5"), not part of a
# longer token (a version "1.2.3", a name "x1.5", a LaTeX subscript).
PERCENTAGE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s?(?:%|percent\b)")
DECIMAL = re.compile(r"(?<![\w.,])(\d+\.\d+)(?![\w.]*\d)(?!\s?(?:%|percent\b))")
VERSION = re.compile(
    r"(?:versions?|Python)[\s:*]+[\d.]+(?:\s*(?:,|and|or|to)\s*[\d.]+)*", re.IGNORECASE
)
DOI = re.compile(r"doi:\S+", re.IGNORECASE)
NOT_PROSE = [
    re.compile(r"<details>.*?</details>", re.DOTALL),  # self-check answers, model answers
    re.compile(r"```.*?```", re.DOTALL),
    re.compile(r"`[^`]*`"),
    re.compile(r"\$\$.*?\$\$", re.DOTALL),
    re.compile(r"\$[^$]*\$"),
]
OUTPUT_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?")
CODE_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?")


def notebooks():
    lessons = sorted((NOTEBOOKS / "solutions").glob("[0-9][0-9]_*.ipynb"))
    return [*lessons, NOTEBOOKS / "index.ipynb"]


def prose_cells(nb):
    """The markdown cells' text a student reads as the lesson's claims, cell by cell."""
    in_check_yourself = False
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        kept = []
        for line in cell.source.splitlines():
            if line.startswith("## "):  # a section: "Check yourself" holds questions' own data
                in_check_yourself = line.strip() == "## Check yourself"
            if not in_check_yourself:
                kept.append(line)
        if "solution" in cell.metadata.get("tags", []):
            continue
        text = "\n".join(kept)
        for pattern in [*NOT_PROSE, VERSION, DOI]:
            text = pattern.sub(" ", text)
        yield number, cell, text


def stated_numbers(text):
    """(the number as written, is it a percentage) for every number a sentence states."""
    for match in PERCENTAGE.finditer(text):
        yield match[1], True
    for match in DECIMAL.finditer(text):
        yield match[1], False


def checked_outputs(nb):
    """Every number printed by a cell whose stored output nbval compares."""
    numbers = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECKED in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
                numbers += [float(n.replace(",", "")) for n in OUTPUT_NUMBER.findall(text)]
    return numbers


def code_literals(nb):
    """Every number the notebook's code holds as a literal: the lesson's inputs."""
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    return {float(n) for n in CODE_NUMBER.findall(code)}


def unchecked_numbers(nb):
    """One line per stated number that no compared output prints and no input holds."""
    printed, inputs = checked_outputs(nb), code_literals(nb)
    problems = []
    for number, cell, text in prose_cells(nb):
        for written, percentage in stated_numbers(text):
            value = float(written)
            places = len(written.partition(".")[2])
            as_printed = [value, value / 100] if percentage else [value]
            if any(round(y, places) == value for y in printed) or any(
                round(100 * y, places) == value for y in printed if percentage
            ):
                continue
            as_inputs = [*as_printed, 100 - value] if percentage else as_printed
            if any(x in inputs for x in as_inputs):
                continue
            shown = f"{written} %" if percentage else written
            problems.append(f"cell {number} ({cell.get('id')}): {shown}")
    return problems


@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_every_number_a_sentence_states_is_printed_by_a_cell_the_tests_compare(path):
    problems = unchecked_numbers(nbformat.read(path, as_version=4))
    assert not problems, (
        f"{path.name} states numbers that no cell tagged {CHECKED!r} prints (with its output"
        " stored), so a change that moves them would leave the sentence wrong. Print each from"
        " a checked cell, or say it without the number:\n  " + "\n  ".join(problems)
    )


def _lesson(cells):
    return nbformat.v4.new_notebook(cells=cells)


def _checked(source, output):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["keep_output", CHECKED]})
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": output})]
    return cell


def test_a_number_no_checked_cell_prints_is_named_with_its_cell():
    lesson = _lesson(
        [
            _checked("round(score, 2)", "0.67"),
            nbformat.v4.new_code_cell("print(round(other, 2))"),  # printed, but not compared
            nbformat.v4.new_markdown_cell("An ARI of 0.67, and 18 % above, and 0.74."),
        ]
    )
    problems = unchecked_numbers(lesson)
    assert [p.split(": ")[1] for p in problems] == ["18 %", "0.74"]
    assert problems[0].startswith("cell 2 (")


def test_a_percentage_matches_a_printed_share_or_percent_at_the_precision_stated():
    lesson = _lesson(
        [
            _checked("shares", "{'kept': 0.7912, 'lost': 18, 'rate': 4.68}"),
            nbformat.v4.new_markdown_cell("79 % kept, 18 % lost, a rate of 4.7, about 5 %."),
        ]
    )
    assert unchecked_numbers(lesson) == []
    lesson.cells[1].source = "80 % kept"  # 0.7912 is 79 %, not 80 %
    assert len(unchecked_numbers(lesson)) == 1


def test_inputs_versions_maths_code_and_self_check_answers_are_not_results():
    lesson = _lesson(
        [
            nbformat.v4.new_code_cell("threshold = np.percentile(scores, 97.5)\nsigma = 1.5"),
            nbformat.v4.new_markdown_cell(
                "Flag the top 2.5 %, with σ = 1.5; scikit-learn versions 1.2 and 1.3 warned;"
                " $\\ln 2 \\approx 0.69$; `round(x, 0.5)`.\n\n"
                "<details><summary>Answer</summary>\n\nIt is 0.33.\n</details>"
            ),
            nbformat.v4.new_markdown_cell("## Check yourself\n\n(a) 0.33 (b) 0.67"),
            nbformat.v4.new_markdown_cell("(c) 0.25\n\n## Summary\n\nAn ARI of 0.74."),
        ]
    )
    assert [p.split(": ")[1] for p in unchecked_numbers(lesson)] == ["0.74"]
