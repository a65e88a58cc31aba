"""The grading export: the lessons as an nbgrader course, proven with nbgrader's own commands.

`python -m kmeans_teach grading DIR` (kmeans_teach/authoring/grading.py) writes an nbgrader
course source made from the lesson sources. The first tests read what the export writes and
what it refuses; the slow ones run nbgrader itself on an export of the course, as an instructor
would: generate_assignment, submissions from three students (the model answers, wrong
answers, blank answers), autograde, manual grading of a written answer, export to CSV.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from kmeans_teach.__main__ import main
from kmeans_teach.authoring import (
    GradingExportError,
    MarkerError,
    export_grading,
    grading_version,
)
from kmeans_teach.authoring import grading as grading_module
from kmeans_teach.authoring.checks import asserting_checks, check_calls

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks" / "solutions"
LESSONS = sorted(path.name for path in SOURCES.glob("[0-9][0-9]_*.ipynb"))
NBGRADER = Path(sys.executable).parent / "nbgrader"
NBGRADER_OWN = ("release", "submitted", "autograded", "feedback", "gradebook.db")

# The lessons graded end to end: every checked exercise of these gets a right, a wrong and a
# blank answer (they run in about 5 s each).
GRADED = ("01", "02", "03", "04")
# A wrong answer for every checked exercise of GRADED, by the id of its answer cell: each is
# a typical slip that the exercise's check rejects. A checked exercise missing here fails
# test_every_checked_exercise_of_the_graded_lessons_has_a_wrong_answer.
WRONG = {
    # Lesson 1: the second task is classification, not clustering; sizes all 1.
    "b45d79c0": 'task_kinds = ["clustering", "clustering", "regression"]',
    "c20": "def cluster_sizes(labels, k):\n    return np.ones(k, dtype=int)",
    # Lesson 2: half of W (the centroid form without its factor 2); 1000 pairs, not 1000**2.
    "c36": "def within_variation(points):\n"
    "    return float(((points - points.mean(axis=0)) ** 2).sum())",
    "6b84c556": "pairwise_count = 1000\ncentroid_count = 1000",
    # Lesson 3: the farthest centroid; the first k points; no iterations at all.
    "425173c7": "def assign_step(X, centroids):\n"
    "    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmax(axis=1)",
    "090b091c": "def update_step(X, labels, k):\n    return X[:k].astype(float)",
    "6a3a8021": "def kmeans_loop(X, initial_centroids, max_iter=100):\n"
    "    centroids = np.asarray(initial_centroids, dtype=float)\n"
    "    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
    "    return distances.argmin(axis=1), centroids",
    # Lesson 4: uniform chances; the first k rows.
    "d1954c99": "def plusplus_probabilities(X, chosen):\n    return np.full(len(X), 1 / len(X))",
    "1abc3261": "def plusplus_seeds(X, k, seed):\n    return np.arange(k)",
}
STUDENTS = ("model", "wrong_blank", "blank_wrong")


def snapshot(folder: Path) -> dict[str, object]:
    """Every file and folder under `folder` (hidden ones too) with its mode, to prove no change."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): (
            path.read_bytes() if path.is_file() else "folder",
            path.stat().st_mode,
        )
        for path in sorted(folder.rglob("*"))
    }


def small_course(destination: Path, *lessons: str) -> Path:
    """A course holding copies of some lesson sources, for a test to edit as an instructor."""
    folder = destination / "notebooks" / "solutions"
    folder.mkdir(parents=True)
    for name in lessons:
        shutil.copy(SOURCES / name, folder / name)
    return destination


def read(path: Path):
    return nbformat.read(path, as_version=4)


def grading(cell) -> dict:
    return cell["metadata"]["nbgrader"]


@contextlib.contextmanager
def immutable(path: Path):
    """`path` made immutable (chattr +i), which stops even root from writing; undone after."""
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {made.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """An export of every lesson of the course, read (never changed) by the tests."""
    target = tmp_path_factory.mktemp("export") / "grading"
    export_grading(target, course=ROOT)
    return target


@pytest.fixture
def small_export(tmp_path) -> Path:
    """An export of lessons 01 and 03 of a copy of the course, for a test to change."""
    course = small_course(tmp_path / "course", LESSONS[0], LESSONS[2])
    target = tmp_path / "grading"
    export_grading(target, course=course)
    return target


def lesson_source():
    """A small lesson source with every kind of answer, a check cell and plain cells."""
    cells = [
        v4.new_markdown_cell("# Centres\n\nThe centre of a cluster.", id="intro"),
        v4.new_code_cell("import numpy as np", id="setup"),
        v4.new_code_cell(
            "def centre(points):\n"
            '    """The mean of the points."""\n'
            "    # SOLUTION\n"
            "    total = points.sum(axis=0)\n"
            "    return total / len(points)\n",
            id="indented-marker",
        ),
        v4.new_code_cell(
            "from checks import check_a, check_b\n\ncheck_a(centre)\ncheck_b(centre)",
            id="two-checks",
        ),
        v4.new_code_cell(
            "points = np.ones((3, 2))\n# SOLUTION\nanswer = centre(points)",
            id="top-marker",
            execution_count=3,
            outputs=[v4.new_output("stream", name="stdout", text="[1. 1.]\n")],
        ),
        v4.new_code_cell(
            "answer = 42",
            id="whole-answer",
            metadata={"tags": ["solution", "exercise"]},
            execution_count=4,
            outputs=[v4.new_output("stream", name="stdout", text="42\n")],
        ),
        v4.new_markdown_cell(
            "Because the mean minimises the squared distances.",
            id="written",
            metadata={"tags": ["solution"]},
        ),
        v4.new_code_cell("print('no answer here')", id="plain"),
    ]
    return v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


def cell_of(nb, cell_id: str):
    return next(cell for cell in nb.cells if cell.id == cell_id)


# --------------------------------------------------------------------------------------------
# What an export holds


def test_each_lesson_becomes_one_assignment_with_config_readme_and_mark(exported):
    assert sorted(p.relative_to(exported).as_posix() for p in exported.rglob("*.ipynb")) == [
        f"source/lesson{name[:2]}/{name}" for name in LESSONS
    ]
    config = (exported / "nbgrader_config.py").read_text()
    assert 'c.CourseDirectory.course_id = "kmeans-teach"' in config
    assert "c.Execute.timeout = 120" in config
    readme = (exported / "README.md").read_text()
    for command in ("generate_assignment", "autograde", "formgrader", "export"):
        assert f"nbgrader {command}" in readme
    record = json.loads((exported / ".kmeans_teach-grading").read_text())
    assert record["assignments"] == [f"lesson{name[:2]}" for name in LESSONS]


def test_a_function_body_answer_is_wrapped_at_the_markers_indentation_without_the_marker():
    cell = cell_of(grading_version(lesson_source()), "indented-marker")
    assert cell.source == (
        "def centre(points):\n"
        '    """The mean of the points."""\n'
        "    ### BEGIN SOLUTION\n"
        "    total = points.sum(axis=0)\n"
        "    return total / len(points)\n"
        "    ### END SOLUTION"
    )
    assert grading(cell) == {
        "grade": False,
        "grade_id": "answer-indented-marker",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }


def test_a_top_level_marker_keeps_the_lines_above_and_wraps_the_rest_without_outputs():
    cell = cell_of(grading_version(lesson_source()), "top-marker")
    assert cell.source == (
        "points = np.ones((3, 2))\n### BEGIN SOLUTION\nanswer = centre(points)\n### END SOLUTION"
    )
    assert cell.outputs == [] and cell.execution_count is None
    assert grading(cell)["solution"] and not grading(cell)["grade"]


def test_a_code_cell_tagged_solution_is_wrapped_whole_and_loses_the_tag():
    cell = cell_of(grading_version(lesson_source()), "whole-answer")
    assert cell.source == "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"
    assert cell.metadata["tags"] == ["exercise"]
    assert cell.outputs == []
    assert grading(cell)["solution"] and not grading(cell)["locked"]


def test_a_written_answer_becomes_a_manually_graded_markdown_solution_cell():
    cell = cell_of(grading_version(lesson_source()), "written")
    assert cell.source == (
        "### BEGIN SOLUTION\nBecause the mean minimises the squared distances.\n### END SOLUTION"
    )
    assert "tags" not in cell.metadata
    assert grading(cell) == {
        "grade": True,
        "grade_id": "written-written",
        "locked": False,
        "points": 2,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }


def test_a_check_cell_becomes_a_locked_autograded_test_worth_a_point_per_check():
    source = lesson_source()
    cell = cell_of(grading_version(source), "two-checks")
    assert cell.source == asserting_checks(cell_of(source, "two-checks").source, reimport=True)
    assert 'assert check_a(centre).passed, "check_a did not pass' in cell.source
    assert 'assert check_b(centre).passed, "check_b did not pass' in cell.source
    assert grading(cell) == {
        "grade": True,
        "grade_id": "test-two-checks",
        "locked": True,
        "points": 2,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }


def test_every_other_cell_of_every_lesson_is_locked_with_a_grade_id_from_its_cell_id(exported):
    for name in LESSONS:
        source = read(SOURCES / name)
        assignment = read(exported / "source" / f"lesson{name[:2]}" / name)
        assert [cell.id for cell in assignment.cells] == [cell.id for cell in source.cells]
        for cell, original in zip(assignment.cells, source.cells):
            meta = grading(cell)
            if meta["solution"]:
                continue
            if cell.cell_type == "code" and check_calls(original.source):
                assert meta["grade_id"] == f"test-{cell.id}" and meta["locked"]
                assert cell.source == asserting_checks(original.source, reimport=True)
                assert meta["points"] == len(check_calls(original.source))
            else:
                assert meta == {
                    "grade": False,
                    "grade_id": f"cell-{cell.id}",
                    "locked": True,
                    "schema_version": 3,
                    "solution": False,
                    "task": False,
                }, f"{name}, cell {cell.id}"
                assert cell.source == original.source


def test_grade_ids_are_unique_and_the_same_at_every_export(exported, tmp_path):
    again = tmp_path / "again"
    export_grading(again, course=ROOT)
    for name in LESSONS:
        path = Path("source") / f"lesson{name[:2]}" / name
        ids = [grading(cell)["grade_id"] for cell in read(exported / path).cells]
        assert len(ids) == len(set(ids))
        assert (again / path).read_bytes() == (exported / path).read_bytes()


def test_model_answers_copied_from_a_student_notebook_are_left_out():
    source = lesson_source()
    source.cells.insert(
        3,
        v4.new_markdown_cell(
            "<details><summary>Model answer</summary>\n\nreturn total / len(points)\n</details>",
            id="centre-answer",
            metadata={"tags": ["model_answer"]},
        ),
    )
    assert "centre-answer" not in [cell.id for cell in grading_version(source).cells]


def test_nbgraders_own_delimiters_in_a_source_are_refused():
    source = lesson_source()
    source.cells[0].source = "Solutions go between ### BEGIN SOLUTION and ### END SOLUTION."
    with pytest.raises(MarkerError, match="'BEGIN SOLUTION', which nbgrader reads"):
        grading_version(source)


def test_an_answer_cell_that_also_calls_a_check_is_refused():
    source = lesson_source()
    source.cells[2].source = "check_a(centre)\n# SOLUTION\nanswer = 1"
    with pytest.raises(MarkerError, match="holds an answer and calls a check"):
        grading_version(source)


def test_the_course_notebooks_are_unchanged_by_an_export(tmp_path):
    before = snapshot(ROOT / "notebooks")
    export_grading(tmp_path / "grading", course=ROOT, lessons=["01", "05"])
    assert snapshot(ROOT / "notebooks") == before


# --------------------------------------------------------------------------------------------
# Updating an export


def test_an_update_replaces_source_whole_and_never_touches_nbgraders_own_files(small_export):
    for name in NBGRADER_OWN:
        path = small_export / name
        if name.endswith(".db"):
            path.write_bytes(b"SQLite format 3\x00 the instructor's grades")
        else:
            (path / "ada" / "lesson01").mkdir(parents=True)
            (path / "ada" / "lesson01" / "work.ipynb").write_text("{}")
    (small_export / "source" / "lesson03" / "notes.txt").write_text("stale")
    theirs = {name: snapshot(small_export / name) for name in NBGRADER_OWN[:-1]}
    database = (small_export / "gradebook.db").read_bytes()
    course = small_course(small_export.parent / "course2", LESSONS[0])

    lines = export_grading(small_export, course=course)

    assert sorted(p.name for p in (small_export / "source").iterdir()) == ["lesson01"]
    assert any("left" in line and "lesson03" in line for line in lines)
    assert {name: snapshot(small_export / name) for name in NBGRADER_OWN[:-1]} == theirs
    assert (small_export / "gradebook.db").read_bytes() == database
    # Nothing of the update's own is left behind.
    assert sorted(p.name for p in small_export.iterdir()) == sorted(
        [".kmeans_teach-grading", "README.md", "nbgrader_config.py", "source", *NBGRADER_OWN]
    )


def test_an_nbgrader_config_edited_by_hand_is_kept_by_an_update(small_export):
    config = small_export / "nbgrader_config.py"
    edited = config.read_text() + 'c.CourseDirectory.course_id = "stats-101"\n'
    config.write_text(edited)
    lines = export_grading(small_export, course=small_export.parent / "course")
    assert config.read_text() == edited
    assert any(line.startswith("kept") and "nbgrader_config.py" in line for line in lines)


def test_an_nbgrader_config_not_edited_is_rewritten_by_an_update(small_export):
    config = small_export / "nbgrader_config.py"
    written = config.read_text()
    config.write_text("# an older export's settings\n")
    record = json.loads((small_export / ".kmeans_teach-grading").read_text())
    record["nbgrader_config_sha256"] = grading_module._sha256("# an older export's settings\n")
    (small_export / ".kmeans_teach-grading").write_text(json.dumps(record))
    export_grading(small_export, course=small_export.parent / "course")
    assert config.read_text() == written


def test_an_empty_folder_is_filled(tmp_path):
    target = tmp_path / "grading"
    target.mkdir()
    export_grading(target, course=small_course(tmp_path / "course", LESSONS[0]))
    assert (target / "source" / "lesson01" / LESSONS[0]).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_failure_half_way_through_an_update_leaves_the_export_as_it_was(
    small_export, monkeypatch
):
    before = snapshot(small_export)
    renames = []
    real_rename = os.rename

    def rename_failing_at_the_fourth(source, destination):
        renames.append(source)
        if len(renames) == 4:  # source/ is swapped; the config is moved out, not yet in
            raise OSError(28, "No space left on device")
        real_rename(source, destination)

    monkeypatch.setattr(grading_module.os, "rename", rename_failing_at_the_fourth)
    with pytest.raises(GradingExportError, match="No space left on device.*as it was"):
        export_grading(small_export, course=small_export.parent / "course", lessons=["1"])
    monkeypatch.undo()
    # The fourth rename (the new config into place) failed; the others were undone.
    assert Path(renames[3]).parts[-2:] == ("new", "nbgrader_config.py")
    assert snapshot(small_export) == before


def test_a_failure_while_creating_leaves_no_folder_behind(tmp_path, monkeypatch):
    course = small_course(tmp_path / "course", LESSONS[0])

    def failing_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(grading_module.os, "replace", failing_replace)
    with pytest.raises(GradingExportError, match="nothing was written"):
        export_grading(tmp_path / "grading", course=course)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


# --------------------------------------------------------------------------------------------
# Bad input: a clear error, and DIR as it was


def test_an_unknown_lesson_is_refused_naming_the_known_ones(small_export):
    before = snapshot(small_export)
    with pytest.raises(GradingExportError) as refusal:
        export_grading(small_export, course=small_export.parent / "course", lessons=["01", "12"])
    message = str(refusal.value)
    assert "There is no lesson '12'" in message
    assert "01 (01_what_clustering_is_for), 03 (03_lloyds_algorithm)" in message
    assert snapshot(small_export) == before


def test_lessons_are_named_with_or_without_the_leading_zero_or_by_file_name(tmp_path):
    target = tmp_path / "grading"
    export_grading(target, course=ROOT, lessons=["3", "01", "04_initialisation", "03"])
    assert sorted(p.name for p in (target / "source").iterdir()) == [
        "lesson01",
        "lesson03",
        "lesson04",
    ]


def test_a_folder_that_is_not_an_export_is_refused_and_left_as_it_was(tmp_path):
    target = tmp_path / "course-notes"
    (target / "source").mkdir(parents=True)
    (target / "nbgrader_config.py").write_text("c = get_config()\n")
    before = snapshot(target)
    with pytest.raises(GradingExportError, match="is not a grading export.*Name a new or empty"):
        export_grading(target, course=ROOT, lessons=["01"])
    assert snapshot(target) == before


def test_a_file_in_place_of_the_folder_is_refused(tmp_path):
    target = tmp_path / "grading"
    target.write_text("notes")
    with pytest.raises(GradingExportError, match="it is a file, not a folder"):
        export_grading(target, course=ROOT, lessons=["01"])
    assert target.read_text() == "notes"


def test_a_source_with_a_wrong_marker_is_refused_and_the_export_is_left_as_it_was(small_export):
    course = small_export.parent / "course"
    path = course / "notebooks" / "solutions" / LESSONS[2]
    nb = read(path)
    cell = next(cell for cell in nb.cells if "    # SOLUTION\n" in cell.source)
    cell.source = cell.source.replace("    # SOLUTION\n", "    #SOLUTION\n", 1)
    nbformat.write(nb, path)
    before = snapshot(small_export)
    with pytest.raises(GradingExportError) as refusal:
        export_grading(small_export, course=course)
    message = str(refusal.value)
    assert "nothing was written" in message
    assert "03_lloyds_algorithm.ipynb, cell" in message and "'#SOLUTION'" in message
    assert snapshot(small_export) == before


def test_a_missing_parent_folder_is_refused(tmp_path):
    with pytest.raises(GradingExportError, match="its folder .*nowhere/ does not exist"):
        export_grading(tmp_path / "nowhere" / "grading", course=ROOT, lessons=["01"])
    assert not (tmp_path / "nowhere").exists()


def test_a_read_only_parent_folder_is_refused_and_nothing_is_written(tmp_path):
    parent = tmp_path / "shared"
    parent.mkdir()
    with immutable(parent):
        with pytest.raises(GradingExportError, match="shared/ is read-only"):
            export_grading(parent / "grading", course=ROOT, lessons=["01"])
        assert list(parent.iterdir()) == []


def test_a_read_only_export_is_refused_and_left_as_it_was(small_export):
    before = snapshot(small_export)
    with immutable(small_export):
        with pytest.raises(GradingExportError, match="Cannot update the export.*read-only"):
            export_grading(small_export, course=small_export.parent / "course")
    assert snapshot(small_export) == before


def test_two_sources_with_the_same_number_are_refused(tmp_path):
    course = small_course(tmp_path / "course", LESSONS[0])
    shutil.copy(SOURCES / LESSONS[0], course / "notebooks" / "solutions" / "01_a_copy.ipynb")
    with pytest.raises(GradingExportError, match="Two lesson sources have the number 01"):
        export_grading(tmp_path / "grading", course=course)
    assert not (tmp_path / "grading").exists()


def test_a_missing_course_is_a_clear_error(tmp_path):
    with pytest.raises(GradingExportError, match="no lesson sources in .*--course PATH"):
        export_grading(tmp_path / "grading", course=tmp_path)


# --------------------------------------------------------------------------------------------
# The command


def test_the_command_writes_the_export_and_says_what_to_run_next(tmp_path, capsys):
    target = tmp_path / "grading"
    code = main(["grading", str(target), "--lessons", "01, 02", "--course", str(ROOT)])
    out = capsys.readouterr().out
    assert code == 0
    assert sorted(p.name for p in (target / "source").iterdir()) == ["lesson01", "lesson02"]
    assert "2 points autograded, 2 points for written answers" in out
    assert "nbgrader generate_assignment lesson01" in out


def test_the_command_prints_a_refusal_as_an_error_and_exits_1(tmp_path, capsys):
    code = main(["grading", str(tmp_path / "grading"), "--lessons", "99", "--course", str(ROOT)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: There is no lesson '99'")
    assert not (tmp_path / "grading").exists()


# --------------------------------------------------------------------------------------------
# nbgrader itself: generate_assignment, autograde, manual grading, export


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run an nbgrader command from the export's folder, as an instructor does."""
    environ = dict(os.environ)
    # nbgrader starts alembic by name when it makes the gradebook: the environment's bin first.
    environ["PATH"] = f"{NBGRADER.parent}{os.pathsep}{environ.get('PATH', '')}"
    # No settings of the machine's own Jupyter: only the export's nbgrader_config.py.
    environ["JUPYTER_CONFIG_DIR"] = str(course / ".jupyter-config")
    done = subprocess.run(
        [str(NBGRADER), *args, "--log-level=WARN"],
        cwd=course,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def answer_cells(nb) -> list:
    return [cell for cell in nb.cells if grading(cell)["solution"]]


def checked_answers(nb) -> list[tuple[str, str]]:
    """(answer cell id, grade id of the test cell that judges it), in order."""
    pairs = []
    answer = None
    for cell in nb.cells:
        meta = grading(cell)
        if meta["solution"] and cell.cell_type == "code":
            answer = cell.id
        elif meta["grade"] and not meta["solution"] and answer is not None:
            pairs.append((answer, meta["grade_id"]))
            answer = None
    return pairs


def without_delimiters(source: str) -> str:
    return "\n".join(
        line for line in source.split("\n") if "### " not in line or "SOLUTION" not in line
    )


def submission(release_nb, source_nb, student: str):
    """What a student hands in: the released notebook, its answer cells written (or not)."""
    nb = copy.deepcopy(release_nb)
    checked = [answer for answer, _ in checked_answers(source_nb)]
    for cell in answer_cells(nb):
        if student == "model":
            cell.source = without_delimiters(cell_of(source_nb, cell.id).source)
        elif cell.id in checked:
            # Every other checked exercise wrong, the rest left as released (blank).
            first = 0 if student == "wrong_blank" else 1
            if checked.index(cell.id) % 2 == first:
                cell.source = WRONG[cell.id]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """An export of the course taken through nbgrader, with three students' submissions.

    Every lesson's student version is generated; lessons GRADED get submissions from the
    student "model" (every answer as in the lesson source), "wrong_blank" and "blank_wrong"
    (every other checked exercise wrong, the others left blank, and the other way round).
    Then autograde, a written answer graded by hand as in formgrader, and export to CSV.
    """
    from nbgrader.api import Gradebook

    course = tmp_path_factory.mktemp("nbgrader") / "grading"
    export_grading(course, course=ROOT)
    nbgrader(course, "generate_assignment", "lesson*")
    for name in LESSONS:
        if name[:2] not in GRADED:
            continue
        lesson = f"lesson{name[:2]}"
        released = read(course / "release" / lesson / name)
        source = read(course / "source" / lesson / name)
        for student in STUDENTS:
            folder = course / "submitted" / student / lesson
            folder.mkdir(parents=True)
            nbformat.write(submission(released, source, student), folder / name)
    nbgrader(course, "autograde", "lesson*")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "kmeans-teach") as gradebook:
        # Formgrader's part, for the model student's written answer of lesson 01.
        grade = gradebook.find_grade("written-c18", LESSONS[0][:-6], "lesson01", "model")
        grade.manual_score = 2
        gradebook.db.commit()
    nbgrader(course, "export")
    scores, waiting = {}, {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "kmeans-teach") as gradebook:
        for name in LESSONS:
            if name[:2] not in GRADED:
                continue
            for student in STUDENTS:
                notebook = gradebook.find_submission_notebook(
                    name[:-6], f"lesson{name[:2]}", student
                )
                for grade in notebook.grades:
                    scores[name[:2], student, grade.name] = (grade.score, grade.max_score)
                    waiting[name[:2], student, grade.name] = grade.needs_manual_grade
    with open(course / "grades.csv", newline="") as table:
        totals = {(row["assignment"], row["student_id"]): row for row in csv.DictReader(table)}
    return {"course": course, "scores": scores, "waiting": waiting, "totals": totals}


def test_every_checked_exercise_of_the_graded_lessons_has_a_wrong_answer(exported):
    for name in LESSONS:
        if name[:2] in GRADED:
            nb = read(exported / "source" / f"lesson{name[:2]}" / name)
            answers = [answer for answer, _ in checked_answers(nb)]
            assert answers and set(answers) <= set(WRONG), name
    assert sum(
        len(checked_answers(read(exported / "source" / f"lesson{n[:2]}" / n)))
        for n in LESSONS
        if n[:2] in GRADED
    ) == len(WRONG)


@pytest.mark.slow
def test_nbgraders_student_version_holds_no_line_of_any_answer(graded):
    for name in LESSONS:
        source = read(SOURCES / name)
        shown, hidden = set(), set()
        for cell in source.cells:
            lines = cell.source.split("\n")
            if "solution" in cell.metadata.get("tags", []):
                hidden.update(lines)
            elif cell.cell_type == "code" and "# SOLUTION" in [line.strip() for line in lines]:
                at = [line.strip() for line in lines].index("# SOLUTION")
                hidden.update(lines[at + 1 :])
                shown.update(lines[:at])
            else:
                shown.update(lines)
        secret = {line.strip() for line in hidden} - {line.strip() for line in shown} - {""}
        assert secret, name
        released = read(graded["course"] / "release" / f"lesson{name[:2]}" / name)
        pieces = [cell.source for cell in released.cells]
        pieces += [
            output.get("text", "") for cell in released.cells for output in cell.get("outputs", [])
        ]
        text = {line.strip() for piece in pieces for line in piece.split("\n")}
        assert secret & text == set(), name


@pytest.mark.slow
def test_nbgraders_student_version_locks_every_cell_but_the_answers(graded):
    for name in LESSONS:
        source = read(SOURCES / name)
        released = read(graded["course"] / "release" / f"lesson{name[:2]}" / name)
        answers = {
            cell.id
            for cell in source.cells
            if "solution" in cell.metadata.get("tags", [])
            or any(line.strip() == "# SOLUTION" for line in cell.source.split("\n"))
        }
        for cell in released.cells:
            if cell.id in answers:
                assert grading(cell)["solution"] and "editable" not in cell.metadata
            else:
                assert cell.metadata["editable"] is False, f"{name}, cell {cell.id}"
                assert cell.metadata["deletable"] is False
                assert grading(cell)["locked"] or grading(cell)["grade"]


def judged(graded, lesson: str) -> list[tuple[str, str]]:
    name = next(n for n in LESSONS if n.startswith(lesson))
    return checked_answers(read(graded["course"] / "source" / f"lesson{lesson}" / name))


@pytest.mark.slow
@pytest.mark.parametrize("lesson", GRADED)
def test_model_answers_earn_every_test_cells_points(graded, lesson):
    for _, test in judged(graded, lesson):
        score, points = graded["scores"][lesson, "model", test]
        assert points >= 1 and score == points, test


def who_answered(kind: str, index: int) -> str:
    """The student whose answer to the index-th checked exercise is `kind` ("wrong", "blank")."""
    wrong_first = index % 2 == 0
    return "wrong_blank" if (kind == "wrong") == wrong_first else "blank_wrong"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wrong", "blank"])
@pytest.mark.parametrize("lesson", GRADED)
def test_wrong_and_blank_answers_earn_no_points_and_fail_on_their_check(graded, lesson, kind):
    name = next(n for n in LESSONS if n.startswith(lesson))
    for index, (answer, test) in enumerate(judged(graded, lesson)):
        student = who_answered(kind, index)
        submitted = read(graded["course"] / "submitted" / student / f"lesson{lesson}" / name)
        text = cell_of(submitted, answer).source
        assert (text == WRONG[answer]) == (kind == "wrong"), (student, answer)
        assert ("raise NotImplementedError()" in text) == (kind == "blank"), (student, answer)
        score, points = graded["scores"][lesson, student, test]
        assert points >= 1 and score == 0, (student, test)
        autograded = read(graded["course"] / "autograded" / student / f"lesson{lesson}" / name)
        cell = cell_of(autograded, test.removeprefix("test-"))
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert [e.ename for e in errors] == ["AssertionError"], (student, test)
        assert "did not pass" in errors[0].evalue
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert printed.strip(), f"{student}, {test}: the check printed no feedback"


@pytest.mark.slow
def test_a_written_answer_waits_for_a_grade_by_hand_and_an_unanswered_one_gets_none(graded):
    # Lesson 02's written answer: the model student's waits for formgrader; a blank gets 0.
    assert graded["waiting"]["02", "model", "written-c39"] is True
    assert graded["scores"]["02", "model", "written-c39"] == (0.0, 2.0)
    for student in ("wrong_blank", "blank_wrong"):
        assert graded["waiting"]["02", student, "written-c39"] is False
        assert graded["scores"]["02", student, "written-c39"] == (0.0, 2.0)
    # Lesson 01's, graded by hand as formgrader does, counts.
    assert graded["scores"]["01", "model", "written-c18"] == (2.0, 2.0)


# Points in grades.csv: the checks autograded, and lesson 01's written answer of the model
# student graded by hand (2 points); lesson 02's is not graded yet.
TOTALS = {
    ("lesson01", "model"): (4.0, 4.0),
    ("lesson02", "model"): (2.0, 4.0),
    ("lesson03", "model"): (3.0, 3.0),
    ("lesson04", "model"): (2.0, 2.0),
}


@pytest.mark.slow
def test_exported_grades_add_up_the_autograded_and_hand_given_points(graded):
    expected = {}
    for lesson in GRADED:
        maximum = TOTALS[f"lesson{lesson}", "model"][1]
        expected[f"lesson{lesson}", "model"] = TOTALS[f"lesson{lesson}", "model"]
        expected[f"lesson{lesson}", "wrong_blank"] = (0.0, maximum)
        expected[f"lesson{lesson}", "blank_wrong"] = (0.0, maximum)
    # nbgrader lists every assignment for every student (0 where nothing was submitted).
    found = {
        key: (float(row["score"]), float(row["max_score"]))
        for key, row in graded["totals"].items()
        if key[0][-2:] in GRADED
    }
    assert found == expected


def test_a_student_cell_that_rebinds_a_checks_name_does_not_pass_the_test_cell():
    # In the student's kernel a cell above may define check_cluster_sizes to always pass; the
    # test cell imports the course's check again, so the wrong answer still fails.
    lesson = next(SOURCES.glob("01_*.ipynb"))
    source = nbformat.read(lesson, as_version=4)
    test_cell = next(
        cell
        for cell in grading_version(source).cells
        if "check_cluster_sizes(" in cell.source and "assert" in cell.source
    )
    namespace = {}
    exec(
        "import numpy as np\n"
        "def cluster_sizes(labels, k):\n    return np.zeros(k, dtype=int)\n"
        "class _Passed:\n    passed = True\n"
        "def check_cluster_sizes(function):\n    return _Passed()\n",
        namespace,
    )
    with pytest.raises(AssertionError, match="check_cluster_sizes did not pass"):
        exec(test_cell.source, namespace)
