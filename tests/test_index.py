"""notebooks/index.ipynb is the table of contents and the plan of the course.

Every link in it must lead somewhere; every lesson is linked in order, with its time (the one the
lesson states at its top, which is the one the stated rule gives) and whether it is core or
optional; the times add up to the totals it states; the tools, the prerequisites, the model
answers and the references are there.
"""

import re
from pathlib import Path

import nbformat
import pytest

from kmeans_teach import authoring
from kmeans_teach.authoring.lesson_time import ROUND_TO, TIME_RULE, lesson_work

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(?:#[^)]*)?\)")
# A row of the learning path: | 3 | [title](03_name.ipynb) | 40 min | core | goals |
PATH_ROW = re.compile(
    r"^\|\s*(?P<number>\d+)\s*\|(?P<title>[^|]+)\|\s*(?P<minutes>\d+) min\s*\|"
    r"\s*(?P<kind>core|optional)\s*\|(?P<goals>[^|]+)\|\s*$",
    re.MULTILINE,
)
# How a lesson states its time at its top: "About 40 minutes", "**Time:** about 30 minutes".
LESSON_TIME = re.compile(r"\b[Aa]bout (\d+) minutes")


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def index_text():
    return markdown(nbformat.read(NOTEBOOKS / "index.ipynb", as_version=4))


def index_links():
    return LINK.findall(index_text())


def lessons():
    return sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def section(title):
    """The text of the index from the heading '## title' to the next '## ' heading."""
    text = index_text()
    start = text.find(f"## {title}")
    assert start >= 0, f"index.ipynb has no section '## {title}'"
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def path_rows():
    rows = list(PATH_ROW.finditer(section("The learning path")))
    assert rows, "the learning path has no rows like '| 3 | [title](03_x.ipynb) | 40 min | core |'"
    return rows


def stated_minutes(lesson):
    """The time a lesson states at its top (its source's first cell), or None."""
    source = NOTEBOOKS / "solutions" / lesson
    top = nbformat.read(source if source.exists() else NOTEBOOKS / lesson, as_version=4)
    for cell in top.cells[:3]:  # a generated notebook opens with a generated-from line
        found = LESSON_TIME.search(cell.source)
        if cell.cell_type == "markdown" and found:
            return int(found.group(1))
    return None


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def test_every_notebook_link_in_the_index_exists():
    missing = [link for link in index_links() if not (NOTEBOOKS / link).is_file()]
    assert not missing, f"index.ipynb links to notebooks that do not exist: {missing}"


def test_every_lesson_is_linked_from_the_index_in_order():
    linked = [link for link in index_links() if re.match(r"\d\d_", link)]
    assert linked == lessons(), (
        "The index must link every lesson, in order. "
        f"Lessons: {lessons()}; linked from index.ipynb: {linked}"
    )


@pytest.mark.parametrize("tool", ["explorer.ipynb", "animations.ipynb", "cheat_sheet.ipynb"])
def test_the_tools_beside_the_lessons_are_linked(tool):
    assert tool in LINK.findall(section("Tools to keep open beside the lessons"))


def test_the_cheat_sheet_is_written_by_hand_not_a_lesson():
    assert (NOTEBOOKS / "cheat_sheet.ipynb").is_file()
    assert not (NOTEBOOKS / "solutions" / "cheat_sheet.ipynb").exists()
    sheet = markdown(nbformat.read(NOTEBOOKS / "cheat_sheet.ipynb", as_version=4))
    for topic in [
        "## The algorithm",
        "## The objective",
        "## Starting centroids",
        "## Choosing K",
        "## When k-means fails",
        "## The scikit-learn calls",
    ]:
        assert topic in sheet, f"the cheat sheet has no section '{topic}'"


# --------------------------------------------------------------------------
# The learning path: every lesson, its time, core or optional, and the totals
# --------------------------------------------------------------------------


def test_the_path_has_one_row_per_lesson_numbered_in_order():
    numbers = [int(row["number"]) for row in path_rows()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= len(lessons())


def test_every_lesson_is_linked_from_its_own_row():
    for row in path_rows():
        lesson = [name for name in lessons() if int(name[:2]) == int(row["number"])]
        if lesson:  # a lesson that exists must be linked where its row is
            assert LINK.findall(row["title"]) == lesson, row.group(0)


def test_every_lesson_has_a_time_and_says_whether_it_is_core():
    for row in path_rows():
        assert int(row["minutes"]) > 0, row.group(0)
        assert row["kind"] in ("core", "optional"), row.group(0)
        assert len(row["goals"].strip()) > 20, f"no objectives in {row.group(0)!r}"


def test_each_time_in_the_path_is_the_one_its_lesson_states_at_its_top():
    by_number = {int(row["number"]): int(row["minutes"]) for row in path_rows()}
    for lesson in lessons():
        stated = stated_minutes(lesson)
        assert stated is not None, f"{lesson} does not say 'About N minutes' at its top"
        assert by_number[int(lesson[:2])] == stated, (
            f"the index gives {lesson} {by_number[int(lesson[:2])]} minutes; "
            f"the lesson says {stated}"
        )


def test_the_index_shows_the_rule_the_times_are_estimated_by():
    assert TIME_RULE in " ".join(section("The learning path").split())


@pytest.mark.parametrize("lesson", lessons())
def test_every_lesson_states_the_time_the_rule_gives(lesson):
    # Within a rounding: a lesson near a boundary may keep its time while it changes a little.
    work = lesson_work(nbformat.read(NOTEBOOKS / "solutions" / lesson, as_version=4))
    stated = stated_minutes(lesson)
    assert stated % ROUND_TO == 0 and abs(stated - work.minutes) <= ROUND_TO / 2 + 1, (
        f"{lesson} says 'About {stated} minutes', but the rule of the index ({TIME_RULE}) gives"
        f" {work.minutes:.0f} minutes for its {work.words} words, {work.code_lines} lines of code"
        f" and {work.exercises} exercises: state"
        f" {ROUND_TO * round(work.minutes / ROUND_TO)} minutes there and in the index"
    )


def test_the_plan_of_sittings_gives_the_range_of_the_lessons_times():
    times = [int(row["minutes"]) for row in path_rows()]
    plan = re.search(r"each from (\d+) to (\d+) minutes long", section("The learning path"))
    assert plan, "the plan of sittings states no 'each from N to M minutes long'"
    assert (int(plan[1]), int(plan[2])) == (min(times), max(times))


def test_the_times_add_up_to_the_totals_the_index_states():
    text = section("The learning path")
    rows = path_rows()
    total = sum(int(row["minutes"]) for row in rows)
    core = sum(int(row["minutes"]) for row in rows if row["kind"] == "core")
    stated_total = re.search(r"\*\*Total: about (\d+) minutes\*\* \((\d+) h (\d+) min\)", text)
    assert stated_total, "the learning path states no 'Total: about N minutes (H h M min)'"
    assert int(stated_total[1]) == total
    assert int(stated_total[2]) * 60 + int(stated_total[3]) == total
    stated_core = re.search(r"\*\*about\s+(\d+) minutes\*\* \((\d+) h (\d+) min\)", text)
    assert stated_core, "the core lessons' time is not stated"
    assert int(stated_core[1]) == core
    assert int(stated_core[2]) * 60 + int(stated_core[3]) == core


def test_the_core_lessons_come_first_and_some_are_optional():
    kinds = [row["kind"] for row in path_rows()]
    assert "core" in kinds and "optional" in kinds
    first_optional = kinds.index("optional")
    assert "core" not in kinds[first_optional:], "a core lesson follows an optional one"


# --------------------------------------------------------------------------
# Prerequisites, model answers, references
# --------------------------------------------------------------------------


def test_the_prerequisites_name_python_numpy_and_maths():
    text = section("Before you start")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    oldest = re.search(r'^requires-python\s*=\s*">=\s*([\d.]+)"', pyproject, re.MULTILINE)[1]
    assert f"**Python:** {oldest} or newer" in text
    assert "**numpy:**" in text and "**Maths:**" in text


def test_the_prerequisites_name_the_matrix_notation_of_lesson_10_which_explains_it():
    prerequisites = section("Before you start")
    for notation in ("Σ⁻¹", "det Σ", "transpose"):
        assert notation in prerequisites, f"the prerequisites do not mention {notation}"
    lesson = markdown(nbformat.read(NOTEBOOKS / "solutions" / "10_gaussian_mixtures.ipynb", 4))
    for word in ("**transpose**", "**inverse**", "**determinant**", "**identity**"):
        assert word in lesson, f"lesson 10 uses Σ⁻¹, det Σ and transposes but never explains {word}"


def test_the_index_says_where_the_model_answers_are_and_how_to_use_them():
    text = " ".join(section("Exercises and model answers").split())
    assert authoring.MODEL_ANSWER_SUMMARY in text
    assert "notebooks/solutions/" in text
    assert "Try first" in text


@pytest.mark.parametrize(
    "reference",
    [
        ("Aslanyan", "K-Means Clustering", "Machine Learning Engineering Handbook"),
        ("Lloyd (1982)", "Least squares quantization in PCM", "28(2), 129–137"),
        ("Arthur and Sergei Vassilvitskii (2007)", "careful seeding", "1027–1035"),
        ("Elkan (2003)", "triangle inequality", "147–153"),
        ("Sculley (2010)", "Web-scale k-means clustering", "1177–1178"),
        ("Vassilvitskii (2012)", "Scalable k-means++", "5(7), 622–633"),
        ("Rousseeuw (1987)", "Silhouettes", "20, 53–65"),
        ("Raghavan (2011)", "kneedle", "166–171"),
    ],
    ids=lambda reference: reference[0].split()[0],
)
def test_the_references_are_there_with_their_details(reference):
    text = " ".join(section("References").split())
    for part in reference:
        assert part in text, f"the references lack {part!r}"
