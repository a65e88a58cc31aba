"""Student notebooks are generated from lesson sources; every notebook is stored normalised."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from kmeans_teach.authoring import (
    ANSWER_STUB,
    CODE_STUB,
    FigureTextError,
    HandEditedNotebookError,
    MarkerError,
    NotebookWriteError,
    exercises_main,
    figure_problems,
    generate_exercises,
    marker_problems,
    normalise,
    normalise_main,
    normalise_notebooks,
    student_version,
)
from kmeans_teach.authoring.rails import exercise_problems

FIX_COMMAND = "python -m kmeans_teach exercises"

TOP_LEVEL_MARKER = "X = make_points()\nk = 3\n# SOLUTION\nlabels = assign(X, k)\nprint(labels)"
INDENTED_MARKER = (
    "def centre(points):\n"
    '    """The mean of the points."""\n'
    "    # SOLUTION\n"
    "    total = points.sum(axis=0)\n"
    "    return total / len(points)"
)


def code_output(text="4"):
    return v4.new_output("execute_result", data={"text/plain": text}, execution_count=7)


def lesson_source():
    """A small lesson source with every kind of answer, and cells left as they are."""
    cells = [
        v4.new_markdown_cell("# Centroids\n\nThe centre of a cluster.", id="intro"),
        v4.new_code_cell(
            "import numpy as np", id="setup", execution_count=1, outputs=[code_output()]
        ),
        v4.new_markdown_cell(
            "## Exercise\n\nFind the centre.", id="question", metadata={"tags": ["exercise"]}
        ),
        v4.new_code_cell(
            "answer = np.mean([1, 2, 3])",
            id="whole-answer",
            metadata={"tags": ["solution", "graded"]},
            execution_count=2,
            outputs=[code_output("2.0")],
        ),
        v4.new_code_cell(TOP_LEVEL_MARKER, id="top-marker", execution_count=3),
        v4.new_code_cell(INDENTED_MARKER, id="indented-marker"),
        v4.new_markdown_cell(
            "Because the mean minimises the squared distances.",
            id="written-answer",
            metadata={"tags": ["solution"]},
        ),
        v4.new_markdown_cell("## Afterwards", id="afterwards"),
        v4.new_code_cell(
            "draw_figure()",
            id="kept-figure",
            metadata={"tags": ["keep_output"]},
            execution_count=4,
            outputs=[code_output("<Figure>")],
        ),
        v4.new_code_cell("print('no answer here')", id="plain", metadata={"tags": ["extra"]}),
    ]
    return v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python", "version": "3.11.4", "mimetype": "text/x-python"},
        },
    )


def cell(nb, cell_id):
    (found,) = [c for c in nb.cells if c.id == cell_id]
    return found


def write(path, nb):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def read(path):
    return nbformat.read(str(path), as_version=4)


@pytest.fixture
def course(tmp_path):
    """A notebooks folder with one lesson source, nothing generated yet."""
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / "01_centroids.ipynb", lesson_source())
    return notebooks


def snapshot(folder):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# --- student_version: what becomes of each cell -------------------------------------------


def test_code_cell_tagged_solution_becomes_the_code_stub():
    student = student_version(lesson_source())
    assert cell(student, "whole-answer").source == CODE_STUB == "# Your code here"


def test_markdown_cell_tagged_solution_becomes_the_answer_stub():
    student = student_version(lesson_source())
    assert cell(student, "written-answer").source == ANSWER_STUB == "*Your answer here.*"


def test_top_level_marker_keeps_the_lines_before_it_and_replaces_the_rest_with_the_stub():
    student = student_version(lesson_source())
    assert cell(student, "top-marker").source == "X = make_points()\nk = 3\n# Your code here"


def test_indented_marker_stub_is_indented_and_raises_not_implemented():
    student = student_version(lesson_source())
    assert cell(student, "indented-marker").source == (
        "def centre(points):\n"
        '    """The mean of the points."""\n'
        "    # Your code here\n"
        '    raise NotImplementedError("exercise not attempted yet")'
    )


def test_indented_stub_tells_the_checks_that_the_exercise_was_not_attempted():
    namespace = {}
    exec(cell(student_version(lesson_source()), "indented-marker").source, namespace)
    with pytest.raises(NotImplementedError, match="not attempted yet"):
        namespace["centre"]([[0.0, 1.0]])


def test_marker_must_be_the_whole_line_and_is_case_sensitive():
    source = v4.new_notebook(
        cells=[v4.new_code_cell("x = 1  # SOLUTION\n# solution\ny = 2  # Solution below")]
    )
    assert student_version(source).cells[0].source == source.cells[0].source


def test_marker_with_tab_indentation_keeps_the_tab():
    source = v4.new_notebook(cells=[v4.new_code_cell("def f():\n\t# SOLUTION\n\treturn 1")])
    assert student_version(source).cells[0].source == (
        'def f():\n\t# Your code here\n\traise NotImplementedError("exercise not attempted yet")'
    )


def test_solution_tag_is_removed_and_other_tags_are_kept():
    student = student_version(lesson_source())
    assert cell(student, "whole-answer").metadata.tags == ["graded"]
    assert "tags" not in cell(student, "written-answer").metadata
    assert cell(student, "plain").metadata.tags == ["extra"]


def test_cells_without_answers_are_copied_exactly_apart_from_outputs():
    source = lesson_source()
    student = student_version(source)
    for cell_id in ("intro", "plain", "setup"):
        expected = dict(cell(source, cell_id), outputs=[]) if cell_id == "setup" else None
        expected = expected or cell(source, cell_id)
        if "execution_count" in expected:
            expected["execution_count"] = None
        assert json.dumps(cell(student, cell_id), sort_keys=True) == json.dumps(
            expected, sort_keys=True
        )


def test_cell_order_and_ids_are_those_of_the_source():
    source = lesson_source()
    student = student_version(source).cells
    kept = [c.id for c in student if "model_answer" not in c.metadata.get("tags", [])]
    assert kept == [c.id for c in source.cells]


def test_student_version_has_no_outputs_and_no_execution_counts_except_kept_figures():
    student = student_version(lesson_source())
    for c in student.cells:
        if c.cell_type == "code" and c.id != "kept-figure":
            assert c.outputs == [] and c.execution_count is None
    assert cell(student, "kept-figure").outputs[0].data == {"text/plain": "<Figure>"}


def test_answer_outputs_are_dropped_even_from_cells_tagged_keep_output():
    source = v4.new_notebook(
        cells=[
            v4.new_code_cell(
                "print(42)",
                metadata={"tags": ["solution", "keep_output"]},
                outputs=[code_output("42")],
            )
        ]
    )
    assert student_version(source).cells[0].outputs == []
    assert student_version(source).cells[0].execution_count is None


def test_student_version_does_not_modify_the_source():
    source = lesson_source()
    before = json.dumps(source, sort_keys=True)
    student_version(source)
    assert json.dumps(source, sort_keys=True) == before


def test_student_code_cells_are_valid_python():
    for c in student_version(lesson_source()).cells:
        if c.cell_type == "code":
            compile(c.source, c.id, "exec")


# --- generate_exercises: files, determinism, hand edits, check ---------------------------


def test_generation_writes_each_student_notebook_next_to_the_solutions_folder(course):
    lines = generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    assert cell(student, "whole-answer").source == CODE_STUB
    assert any("01_centroids.ipynb" in line for line in lines)


def test_generated_notebook_records_its_source_and_its_cells(course):
    generate_exercises(course)
    record = read(course / "01_centroids.ipynb").metadata["kmeans_teach"]
    assert record["generated_from"] == "solutions/01_centroids.ipynb"
    assert set(record) == {"generated_from", "source_sha256", "cells_sha256"}
    assert all(len(record[key]) == 64 for key in ("source_sha256", "cells_sha256"))


def test_generated_notebook_is_written_the_way_jupyter_writes_it(course):
    generate_exercises(course)
    text = (course / "01_centroids.ipynb").read_bytes().decode("utf-8")
    assert text == nbformat.writes(read(course / "01_centroids.ipynb")) + "\n"
    assert "\r" not in text and text.startswith('{\n "cells": [\n')
    nbformat.validate(read(course / "01_centroids.ipynb"))


def test_generation_is_idempotent(course):
    generate_exercises(course)
    first = (course / "01_centroids.ipynb").read_bytes()
    lines = generate_exercises(course)
    assert (course / "01_centroids.ipynb").read_bytes() == first
    assert not any(line.startswith("wrote") for line in lines)


def test_generation_is_deterministic_across_folders(tmp_path):
    made = []
    for name in ("a", "b"):
        notebooks = tmp_path / name / "notebooks"
        write(notebooks / "solutions" / "01_centroids.ipynb", lesson_source())
        generate_exercises(notebooks)
        made.append((notebooks / "01_centroids.ipynb").read_bytes())
    assert made[0] == made[1]


def test_generation_never_writes_into_the_solutions_folder(course):
    solutions = course / "solutions"
    before = snapshot(solutions)
    generate_exercises(course)
    generate_exercises(course, force=True)
    assert snapshot(solutions) == before


def test_generation_with_no_sources_writes_nothing_and_reports_it(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    lines = generate_exercises(notebooks)
    assert list(notebooks.iterdir()) == []
    assert "nothing to generate" in lines[-1]
    assert generate_exercises(notebooks, check=True) == []


def test_missing_notebooks_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks folder"):
        generate_exercises(tmp_path / "nowhere")


def test_an_edited_source_regenerates_its_student_notebook(course):
    generate_exercises(course)
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "plain").source = "print('a new line of the lesson')"
    write(course / "solutions" / "01_centroids.ipynb", source)
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    assert cell(student, "plain").source == "print('a new line of the lesson')"


def edit_student_by_hand(course):
    student = read(course / "01_centroids.ipynb")
    cell(student, "whole-answer").source = "answer = 2.0  # typed into the student notebook"
    write(course / "01_centroids.ipynb", student)


def edit_source(course):
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "intro").source += "\n\nOne more sentence."
    write(course / "solutions" / "01_centroids.ipynb", source)


def test_refuses_to_overwrite_a_student_notebook_edited_by_hand(course):
    generate_exercises(course)
    edit_student_by_hand(course)
    edit_source(course)
    edited = (course / "01_centroids.ipynb").read_bytes()
    with pytest.raises(HandEditedNotebookError) as refusal:
        generate_exercises(course)
    message = str(refusal.value)
    assert "01_centroids.ipynb" in message
    assert "solutions/01_centroids.ipynb" in message
    assert "--force" in message
    assert (course / "01_centroids.ipynb").read_bytes() == edited


def test_refuses_even_when_only_the_student_notebook_changed(course):
    generate_exercises(course)
    edit_student_by_hand(course)
    with pytest.raises(HandEditedNotebookError, match="01_centroids.ipynb"):
        generate_exercises(course)


def test_refusal_writes_no_student_notebook_at_all(course):
    write(course / "solutions" / "02_elbow.ipynb", lesson_source())
    generate_exercises(course)
    edit_student_by_hand(course)
    (course / "02_elbow.ipynb").unlink()
    with pytest.raises(HandEditedNotebookError):
        generate_exercises(course)
    assert not (course / "02_elbow.ipynb").exists()


def test_refuses_a_student_notebook_made_by_hand_without_a_generation_record(course):
    write(course / "01_centroids.ipynb", v4.new_notebook(cells=[v4.new_code_cell("x = 1")]))
    with pytest.raises(HandEditedNotebookError, match="made by hand"):
        generate_exercises(course)


def test_force_overwrites_and_discards_the_hand_edits(course):
    generate_exercises(course)
    edit_student_by_hand(course)
    lines = generate_exercises(course, force=True)
    assert cell(read(course / "01_centroids.ipynb"), "whole-answer").source == CODE_STUB
    assert any("hand edits discarded" in line for line in lines)


def test_running_a_student_notebook_is_not_a_hand_edit(course):
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    for number, c in enumerate(student.cells):
        if c.cell_type == "code":
            c.execution_count = number
            c.outputs = [code_output()]
            c.metadata["execution"] = {"iopub.status.busy": "2024-01-01T00:00:00Z"}
    write(course / "01_centroids.ipynb", student)
    edit_source(course)
    generate_exercises(course)
    assert generate_exercises(course, check=True) == []


def test_check_reports_missing_stale_and_orphaned_notebooks_with_the_fix_command(course):
    write(course / "solutions" / "02_elbow.ipynb", lesson_source())
    generate_exercises(course)
    edit_source(course)  # 01 is now stale
    (course / "02_elbow.ipynb").unlink()  # 02 is missing
    write(course / "03_old.ipynb", v4.new_notebook())  # 03 has no source
    write(course / "index.ipynb", v4.new_notebook())  # written by hand: not a problem
    report = "\n".join(generate_exercises(course, check=True))
    assert "stale:" in report and "01_centroids.ipynb" in report
    assert "missing:" in report and "02_elbow.ipynb" in report
    assert "orphaned:" in report and "03_old.ipynb" in report
    assert "index.ipynb" not in report
    assert FIX_COMMAND in report


def test_notebooks_not_named_like_lessons_are_hand_written_not_orphaned(course):
    generate_exercises(course)
    write(course / "index.ipynb", v4.new_notebook())
    write(course / "explorer.ipynb", v4.new_notebook())
    assert generate_exercises(course, check=True) == []


def test_a_generated_notebook_whose_source_is_gone_is_orphaned(course):
    write(course / "solutions" / "extras.ipynb", lesson_source())
    generate_exercises(course)
    (course / "solutions" / "extras.ipynb").unlink()
    report = "\n".join(generate_exercises(course, check=True))
    assert "orphaned:" in report and "extras.ipynb" in report


def test_check_says_when_a_stale_notebook_was_edited_by_hand(course):
    generate_exercises(course)
    edit_student_by_hand(course)
    report = "\n".join(generate_exercises(course, check=True))
    assert "edited by hand" in report and "--force" in report
    # The advice must work: plain regeneration would refuse this notebook.
    assert "To fix, run:" not in report
    assert "make the same edits in the sources" in report
    assert "or discard the hand edits with:" in report and "exercises --force" in report


def fix_a_typo(path):
    """Change the (unanswered) cell "plain" of a notebook, as an instructor fixes a typo."""
    nb = read(path)
    cell(nb, "plain").source = "print('the typo fixed')"
    write(path, nb)


def test_a_hand_edit_carried_into_the_source_as_advised_then_generates(course, capsys):
    generate_exercises(course)
    fix_a_typo(course / "01_centroids.ipynb")  # in the student notebook, by hand
    assert exercises_main(["--check", "--notebooks", str(course)]) == 1
    assert "make the same edits in the sources" in capsys.readouterr().out
    # Follow the first piece of advice: the same edit in the source, then plain generation.
    fix_a_typo(course / "solutions" / "01_centroids.ipynb")
    assert exercises_main(["--check", "--notebooks", str(course)]) == 1
    assert "edited by hand" not in capsys.readouterr().out  # nothing would be lost now
    assert exercises_main(["--notebooks", str(course)]) == 0
    assert cell(read(course / "01_centroids.ipynb"), "plain").source == "print('the typo fixed')"
    assert generate_exercises(course, check=True) == []


def test_a_hand_edit_not_yet_in_the_source_is_still_refused(course):
    generate_exercises(course)
    fix_a_typo(course / "01_centroids.ipynb")
    edit_source(course)  # a different edit in the source: the typo fix would be lost
    with pytest.raises(HandEditedNotebookError, match="edited by hand"):
        generate_exercises(course)


def test_a_notebook_made_by_hand_exactly_as_generated_cells_is_not_refused(course):
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    del student.metadata["kmeans_teach"]  # same cells, no record: nothing to lose
    write(course / "01_centroids.ipynb", student)
    generate_exercises(course)
    assert "kmeans_teach" in read(course / "01_centroids.ipynb").metadata


def test_the_notebooks_folder_may_start_with_a_tilde(course, monkeypatch):
    monkeypatch.setenv("HOME", str(course.parent))
    tilde = f"~/{course.name}"
    generate_exercises(tilde)
    assert (course / "01_centroids.ipynb").exists()
    assert generate_exercises(tilde, check=True) == []
    assert normalise_notebooks(f"{tilde}/01_centroids.ipynb", check=True) == []


def test_check_writes_nothing(course):
    before = snapshot(course)
    generate_exercises(course, check=True)
    assert snapshot(course) == before


def test_check_is_empty_when_everything_is_in_sync(course):
    generate_exercises(course)
    write(course / "index.ipynb", v4.new_notebook())
    assert generate_exercises(course, check=True) == []


def test_exercises_command_check_exits_non_zero_and_prints_the_fix(course, capsys):
    assert exercises_main(["--check", "--notebooks", str(course)]) == 1
    out = capsys.readouterr().out
    assert "missing:" in out and "01_centroids.ipynb" in out and FIX_COMMAND in out


def test_exercises_command_generates_then_check_passes(course, capsys):
    assert exercises_main(["--notebooks", str(course)]) == 0
    assert exercises_main(["--check", "--notebooks", str(course)]) == 0
    assert "in sync" in capsys.readouterr().out


def test_exercises_command_refusal_exits_non_zero_naming_the_file(course, capsys):
    generate_exercises(course)
    edit_student_by_hand(course)
    assert exercises_main(["--notebooks", str(course)]) == 1
    assert "01_centroids.ipynb" in capsys.readouterr().err
    assert exercises_main(["--force", "--notebooks", str(course)]) == 0


def test_exercises_command_fails_while_an_orphaned_notebook_is_left(course, capsys):
    write(course / "03_old.ipynb", v4.new_notebook())
    assert exercises_main(["--notebooks", str(course)]) == 1
    assert "orphaned:" in capsys.readouterr().out


def test_exercises_command_rejects_check_with_force(course, capsys):
    assert exercises_main(["--check", "--force", "--notebooks", str(course)]) == 2


# --- normalise ------------------------------------------------------------------------------


def noisy_notebook():
    nb = lesson_source()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for c in nb.cells:
        c.metadata.update(collapsed=False, scrolled=True, ExecuteTime={"end_time": "x"})
        if c.cell_type == "code":
            c.metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00Z"}
    return nb


def test_normalise_keeps_outputs_only_in_cells_tagged_keep_output():
    nb = normalise(noisy_notebook())
    assert cell(nb, "kept-figure").outputs[0].data == {"text/plain": "<Figure>"}
    assert cell(nb, "setup").outputs == []
    assert cell(nb, "whole-answer").outputs == []


def test_normalise_removes_the_execution_count_of_every_cell_without_kept_outputs():
    nb = normalise(noisy_notebook())
    for c in nb.cells:
        if c.cell_type == "code" and c.id != "kept-figure":
            assert c.execution_count is None


def test_kept_outputs_get_the_execution_count_of_a_clean_run_from_the_top():
    # nbval fails a cell with outputs and no execution count ("Unrun reference cell has
    # outputs"); the count of a top-to-bottom run is deterministic and what Jupyter shows.
    kept = cell(normalise(noisy_notebook()), "kept-figure")
    assert kept.execution_count == 5  # the fifth code cell
    assert kept.outputs[0].execution_count == 5


def test_a_kept_output_cell_without_outputs_has_no_execution_count():
    nb = v4.new_notebook(
        cells=[v4.new_code_cell("x = 1", metadata={"tags": ["keep_output"]}, execution_count=9)]
    )
    assert normalise(nb).cells[0].execution_count is None


def test_normalise_removes_editor_metadata_but_keeps_tags():
    nb = normalise(noisy_notebook())
    for c in nb.cells:
        assert not {"execution", "collapsed", "scrolled", "ExecuteTime"} & set(c.metadata)
    assert cell(nb, "kept-figure").metadata.tags == ["keep_output"]


def test_normalise_keeps_the_kernelspec_and_only_the_language_name():
    nb = normalise(noisy_notebook())
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.language_info == {"name": "python"}


def test_normalise_is_idempotent():
    once = normalise(noisy_notebook())
    assert nbformat.writes(normalise(once)) == nbformat.writes(once)


def test_normalise_gives_old_notebooks_the_same_cell_ids_every_time():
    old = {
        "nbformat": 4,
        "nbformat_minor": 4,
        "metadata": {},
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# A", "\n", "b"]}],
    }
    first, second = normalise(old), normalise(old)
    assert first.nbformat_minor == 5
    assert first.cells[0].id == second.cells[0].id
    assert first.cells[0].source == "# A\nb"


def test_normalising_files_rewrites_them_once_and_then_leaves_them_alone(tmp_path):
    path = write(tmp_path / "notebooks" / "01_centroids.ipynb", noisy_notebook())
    assert normalise_notebooks(tmp_path / "notebooks") == [path]
    first = path.read_bytes()
    assert normalise_notebooks(tmp_path / "notebooks") == []
    assert path.read_bytes() == first


def test_normalising_skips_checkpoints(tmp_path):
    write(tmp_path / "notebooks" / ".ipynb_checkpoints" / "01-checkpoint.ipynb", noisy_notebook())
    assert normalise_notebooks(tmp_path / "notebooks") == []


def test_normalise_check_exits_non_zero_for_an_unnormalised_notebook(tmp_path, capsys):
    path = write(tmp_path / "01_centroids.ipynb", noisy_notebook())
    before = path.read_bytes()
    assert normalise_main(["--check", str(path)]) == 1
    assert "01_centroids.ipynb" in capsys.readouterr().out
    assert path.read_bytes() == before
    assert normalise_main([str(path)]) == 0
    assert normalise_main(["--check", str(path)]) == 0


def test_normalise_command_reports_a_missing_path(tmp_path, capsys):
    assert normalise_main([str(tmp_path / "missing.ipynb")]) == 1
    assert "missing.ipynb" in capsys.readouterr().err


@pytest.mark.slow
def test_nbval_accepts_a_normalised_cell_whose_output_it_checks(tmp_path):
    nb = v4.new_notebook(
        cells=[
            v4.new_code_cell("x = 21"),
            v4.new_code_cell(
                "x * 2",
                metadata={"tags": ["keep_output", "nbval-check-output"]},
                execution_count=12,
                outputs=[code_output("42")],
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    path = tmp_path / "checked.ipynb"
    path.write_text(nbformat.writes(normalise(nb)) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["--nbval-lax", "--nbval-current-env", "--rootdir", str(tmp_path), str(path)]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_generated_student_notebook_is_already_normalised(course):
    generate_exercises(course)
    assert normalise_notebooks(course / "01_centroids.ipynb", check=True) == []


# --- the package stays light ----------------------------------------------------------------


def test_importing_the_authoring_module_does_not_import_nbformat():
    code = "import sys, kmeans_teach.authoring; print('nbformat' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- answers marked in a way that would publish them: refused, with the exact fix ---------


def source_with(code_or_cell):
    nb = lesson_source()
    extra = code_or_cell if isinstance(code_or_cell, dict) else v4.new_code_cell(code_or_cell)
    extra.id = "suspect"
    nb.cells.append(extra)
    return nb


@pytest.mark.parametrize(
    "line",
    ["#SOLUTION", "# solution", "# SOLUTION:", "## SOLUTION", "x = 1  # SOLUTION", "# Solution"],
)
def test_a_near_miss_marker_is_refused_naming_notebook_cell_and_the_marker_to_use(
    tmp_path, line, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / "01_centroids.ipynb", source_with(f"x = 0\n{line}\ny = 2"))
    before = snapshot(notebooks)
    with pytest.raises(MarkerError) as refused:
        generate_exercises(notebooks)
    message = str(refused.value)
    assert "notebooks/solutions/01_centroids.ipynb, cell 11 (id suspect)" in message
    assert repr(line.strip()) in message and "'# SOLUTION'" in message
    assert snapshot(notebooks) == before  # nothing written


@pytest.mark.parametrize("tag", ["Solution", "SOLUTION", "solutions"])
def test_a_near_miss_tag_is_refused_naming_the_tag_to_use(tmp_path, tag):
    nb = source_with(v4.new_code_cell("answer = 42", metadata={"tags": [tag]}))
    problems = marker_problems(nb, "lesson.ipynb")
    assert problems == [
        f"lesson.ipynb, cell 11 (id suspect): the tag {tag!r} is not the solution tag; use"
        " exactly 'solution' (lower case, singular)"
    ]


def test_a_marker_inside_a_string_is_refused_because_the_cut_would_not_compile():
    code = 'text = """\n# SOLUTION\n"""\nprint(text)'
    (problem,) = marker_problems(source_with(code), "lesson.ipynb")
    assert "does not compile" in problem and "inside a string" in problem


def test_a_check_call_under_the_marker_is_refused():
    code = "def f(x):\n    # SOLUTION\n    return x\n\n\ncheck_f(f)"
    (problem,) = marker_problems(source_with(code), "lesson.ipynb")
    assert "check call" in problem and "cell of its own" in problem


def test_a_check_call_in_a_cell_tagged_solution_is_refused():
    nb = source_with(v4.new_code_cell("k = 3\ncheck_k(k)", metadata={"tags": ["solution"]}))
    (problem,) = marker_problems(nb, "lesson.ipynb")
    assert "check call" in problem


def test_the_lesson_sources_mark_their_answers_correctly():
    for source in sorted(Path("notebooks/solutions").glob("*.ipynb")):
        assert marker_problems(read(source), source.name) == []


# --- figures without a text alternative: refused, with what to do -------------------------

DRAWN = "import matplotlib.pyplot as plt\n\nfig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\n"
SHOWN = DRAWN + 'show_figure(fig, alt="A line falling from 1 to 0.")'


def test_a_lesson_figure_shown_with_plt_show_is_refused_by_generation_naming_cell_and_fix(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / "01_centroids.ipynb", source_with(DRAWN + "plt.show()"))
    before = snapshot(notebooks)
    with pytest.raises(FigureTextError) as refused:
        generate_exercises(notebooks)
    message = str(refused.value)
    assert "notebooks/solutions/01_centroids.ipynb, cell 11 (id suspect)" in message
    assert "plt.show()" in message and "show_figure(fig, alt=...)" in message
    assert "CONTRIBUTING.md" in message
    assert snapshot(notebooks) == before  # nothing written


def test_the_exercises_command_refuses_a_figure_without_text_and_exits_non_zero(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / "01_centroids.ipynb", source_with(DRAWN + "plt.show()"))
    assert exercises_main(["--notebooks", str(notebooks)]) == 1
    error = capsys.readouterr().err
    assert "01_centroids.ipynb, cell 11" in error and "text alternative" in error


def test_a_cell_that_draws_but_never_calls_show_figure_is_refused():
    (problem,) = figure_problems(source_with(DRAWN), "lesson.ipynb")
    assert problem.startswith("lesson.ipynb, cell 11 (id suspect): it draws a figure")
    assert "plt.subplots()" in problem and "show_figure" in problem


def test_a_figure_left_as_the_cells_last_value_is_refused():
    problems = figure_problems(source_with(DRAWN + "fig"), "lesson.ipynb")
    assert any("last value" in problem for problem in problems)
    plotted = source_with("import matplotlib.pyplot as plt\nplt.plot([1, 2])")
    problems = figure_problems(plotted, "lesson.ipynb")
    assert any("last value" in problem for problem in problems)


@pytest.mark.parametrize(
    "code",
    [
        "from matplotlib import pyplot as pp\nfig = pp.figure()\npp.show()",
        "import matplotlib.pyplot as mp\nmp.hist([1, 2, 2])",
        "frame.plot.scatter(x='a', y='b')",
        "view = StepView(ax, X, 3)\nview.show(step)",
    ],
    ids=["pyplot as pp", "pyplot as mp", "pandas plot", "a package view"],
)
def test_drawing_under_any_name_is_recognised(code):
    assert figure_problems(source_with(code), "lesson.ipynb")


@pytest.mark.parametrize(
    "code",
    [
        SHOWN,
        "def draw(curve):\n    fig, ax = plt.subplots()\n    view = ElbowView(ax, curve)\n"
        "    show_figure(fig, view.describe())\n\n\ndraw(curve)",
        "draw(curve)  # a helper that shows its figure with its text",
        'code = "plt.scatter(x, y)\\nplt.show()"  # a string, not a figure',
        "handles = [plt.Line2D([], [], marker='o')]",
    ],
    ids=["shown", "a helper that shows", "calling a helper", "in a string", "a legend handle"],
)
def test_figures_shown_with_their_text_and_code_that_draws_nothing_pass(code):
    assert figure_problems(source_with(code), "lesson.ipynb") == []


def test_the_lesson_sources_show_every_figure_with_its_text():
    for source in sorted(Path("notebooks/solutions").glob("*.ipynb")):
        assert figure_problems(read(source), source.name) == []


# --- model answers, and the line that says where a student notebook comes from ------------


def test_a_written_answer_is_followed_by_its_model_answer_folded():
    student = student_version(lesson_source())
    ids = [c.id for c in student.cells]
    model = student.cells[ids.index("written-answer") + 1]
    assert model.cell_type == "markdown" and model.metadata["tags"] == ["model_answer"]
    assert model.source == (
        "<details><summary>Model answer (open it after you have tried)</summary>\n\n"
        "Because the mean minimises the squared distances.\n\n</details>"
    )


def test_code_without_a_check_gets_a_model_answer_in_a_python_block():
    student = student_version(lesson_source())
    ids = [c.id for c in student.cells]
    model = student.cells[ids.index("top-marker") + 1]
    assert "```python\nX = make_points()\nk = 3\nlabels = assign(X, k)\nprint(labels)\n```" in (
        model.source
    )


def test_code_judged_by_a_check_gets_no_model_answer():
    nb = lesson_source()
    nb.cells.insert(6, v4.new_code_cell("check_centre(centre)", id="the-check"))
    student = student_version(nb)
    ids = [c.id for c in student.cells]
    assert ids[ids.index("indented-marker") + 1] == "the-check"


def test_model_answers_copied_into_a_source_are_not_doubled():
    once = student_version(lesson_source())
    copied = lesson_source()
    copied.cells += [c for c in once.cells if "model_answer" in c.metadata.get("tags", [])]
    assert student_version(copied).cells == once.cells


def test_a_student_notebook_opens_with_the_line_naming_its_source(course):
    generate_exercises(course)
    first = read(course / "01_centroids.ipynb").cells[0]
    assert first.cell_type == "markdown"
    assert "Generated from `solutions/01_centroids.ipynb`" in first.source
    assert "edit that file, not this one" in first.source


# --- hand edits: metadata is protected, the refusal shows what changed ---------------------


def test_a_tag_added_by_hand_to_a_student_cell_is_an_edit(course):
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    cell(student, "plain").metadata["tags"].append("my-own-tag")
    write(course / "01_centroids.ipynb", student)
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "intro").source += " More."
    write(course / "solutions" / "01_centroids.ipynb", source)
    with pytest.raises(HandEditedNotebookError) as refused:
        generate_exercises(course)
    assert "my-own-tag" in str(refused.value)


def test_folding_a_cell_is_not_an_edit(course):
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    cell(student, "plain").metadata["jupyter"] = {"source_hidden": True}
    write(course / "01_centroids.ipynb", student)
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "intro").source += " More."
    write(course / "solutions" / "01_centroids.ipynb", source)
    generate_exercises(course)  # no refusal


def test_the_refusal_shows_the_changed_line_of_each_cell(course):
    generate_exercises(course)
    student = read(course / "01_centroids.ipynb")
    cell(student, "plain").source = "print('edited')"
    write(course / "01_centroids.ipynb", student)
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "intro").source += " More."
    write(course / "solutions" / "01_centroids.ipynb", source)
    with pytest.raises(HandEditedNotebookError) as refused:
        generate_exercises(course)
    message = str(refused.value)
    assert "(id plain): -print('no answer here') | +print('edited')" in message
    assert "ruff --fix" in message


def test_a_merge_conflict_in_a_student_notebook_is_recognised_and_regenerated(course):
    generate_exercises(course)
    path = course / "01_centroids.ipynb"
    text = path.read_text()
    conflicted = text.replace(
        '"cells_sha256": ', '<<<<<<< HEAD\n"cells_sha256": "x",\n=======\n"cells_sha256": ', 1
    ).replace('"generated_from"', '>>>>>>> other\n"generated_from"', 1)
    path.write_text(conflicted)
    (report,) = generate_exercises(course, check=True)[1:2]
    assert report.startswith("  conflict: ") and "do not merge it by hand" in report
    lines = generate_exercises(course)
    assert "merge conflict" in lines[0]
    assert path.read_text() == text


def test_a_merge_conflict_in_a_source_is_named(course):
    path = course / "solutions" / "01_centroids.ipynb"
    path.write_text("<<<<<<< HEAD\n" + path.read_text())
    with pytest.raises(ValueError, match="01_centroids.ipynb has an unresolved merge conflict"):
        generate_exercises(course)


# --- writing safely -----------------------------------------------------------------------


def test_a_read_only_student_notebook_stops_generation_before_anything_is_written(course):
    generate_exercises(course)
    path = course / "01_centroids.ipynb"
    path.chmod(0o444)
    source = read(course / "solutions" / "01_centroids.ipynb")
    cell(source, "intro").source += " More."
    write(course / "solutions" / "01_centroids.ipynb", source)
    before = snapshot(course)
    with pytest.raises(NotebookWriteError, match="01_centroids.ipynb: it is read-only"):
        generate_exercises(course)
    assert snapshot(course) == before


def test_the_command_says_a_read_only_file_in_a_sentence(course, capsys, monkeypatch):
    monkeypatch.chdir(course.parent)
    generate_exercises(course)
    (course / "01_centroids.ipynb").chmod(0o444)
    assert normalise_main(["notebooks"]) == 0  # nothing to change: nothing to refuse
    nb = read(course / "01_centroids.ipynb")
    cell(nb, "setup").outputs = [code_output()]
    (course / "01_centroids.ipynb").chmod(0o644)
    write(course / "01_centroids.ipynb", nb)
    (course / "01_centroids.ipynb").chmod(0o444)
    capsys.readouterr()
    assert normalise_main(["notebooks"]) == 1
    error = capsys.readouterr().err
    assert "Nothing was written" in error and "read-only" in error
    assert "Traceback" not in error


def test_a_failed_write_names_the_files_already_written(tmp_path, monkeypatch):

    paths = []
    for name in ("a.ipynb", "b.ipynb", "c.ipynb"):
        nb = lesson_source()
        nb.cells[1].outputs = [code_output()]
        paths.append(write(tmp_path / name, nb))
    real_replace = os.replace

    def failing_replace(source, target):
        if str(target).endswith("b.ipynb"):
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    before = paths[1].read_bytes()
    with pytest.raises(NotebookWriteError) as stopped:
        normalise_notebooks(tmp_path)
    message = str(stopped.value)
    assert "Could not write" in message and "b.ipynb (Permission denied)" in message
    assert re.search(
        r"Already normalised \(complete\): \S*/a\.ipynb\. Not written: \S*/b\.ipynb,"
        r" \S*/c\.ipynb\.$",
        message,
    )
    assert paths[1].read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_invalid_notebook_in_the_middle_changes_no_file_and_is_named(tmp_path):
    first = lesson_source()
    first.cells[1].outputs = [code_output()]
    write(tmp_path / "a.ipynb", first)
    (tmp_path / "b.ipynb").write_text("{not json")
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match="b.ipynb cannot be read as a notebook"):
        normalise_notebooks(tmp_path)
    assert snapshot(tmp_path) == before


def test_a_source_that_is_not_utf8_is_named(course):
    (course / "solutions" / "01_centroids.ipynb").write_bytes(b'{"cells": "\xff\xfe"}')
    with pytest.raises(ValueError, match="01_centroids.ipynb cannot be read.*not UTF-8"):
        generate_exercises(course)


def test_a_rewritten_notebook_keeps_its_permissions(tmp_path):
    nb = lesson_source()
    nb.cells[1].outputs = [code_output()]
    path = write(tmp_path / "a.ipynb", nb)
    path.chmod(0o640)
    normalise_notebooks(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_normalise_without_nbformat_says_how_to_get_it():
    code = (
        "import sys; sys.modules['nbformat'] = None\n"
        "from kmeans_teach.__main__ import main; sys.exit(main(['normalise', '--check']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "needs the nbformat package" in result.stderr and "Traceback" not in result.stderr


def test_normalising_drops_the_widget_view_of_a_kept_output_with_the_widget_state():
    nb = lesson_source()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    kept = cell(nb, "kept-figure")
    kept.outputs = [
        v4.new_output(
            "display_data",
            data={"text/plain": "Explorer()", "application/vnd.jupyter.widget-view+json": view},
        ),
        v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": view}),
    ]
    outputs = cell(normalise(nb), "kept-figure").outputs
    assert [output.data for output in outputs] == [{"text/plain": "Explorer()"}]


def test_a_linked_notebook_is_rewritten_through_its_link(tmp_path):
    nb = lesson_source()
    cell(nb, "setup").outputs = [code_output()]
    target = write(tmp_path / "real" / "a.ipynb", nb)
    (tmp_path / "notebooks").mkdir()
    link = tmp_path / "notebooks" / "a.ipynb"
    link.symlink_to(target)
    normalise_notebooks(tmp_path / "notebooks")
    assert link.is_symlink()
    assert cell(read(target), "setup").outputs == []


# --- every exercise declares its answer; no answer line reaches a student notebook --------
# The five ways that once reached the student notebook with every test passing, each tried on
# a copy of lesson 8's source: generation refuses them, naming the notebook and the cell by
# its number and id (the id is the same in the source and the student notebook).

LESSON_8 = Path(__file__).resolve().parents[1] / "notebooks/solutions/08_applications.ipynb"


def lesson_8_with(change):
    nb = read(LESSON_8)
    change(nb, {c.id: c for c in nb.cells})
    return nb


def misspelt_marker_in_unchecked_code(nb, cells):
    cells["ae3f7a59"].source = cells["ae3f7a59"].source.replace("# SOLUTION", "# SOLUTOIN")


def misspelt_tag_on_a_written_answer(nb, cells):
    cells["3d254b17"].metadata["tags"] = ["soluton"]


def forgotten_tag_on_a_written_answer(nb, cells):
    del cells["3d254b17"].metadata["tags"]


def answer_line_pasted_into_the_question(nb, cells):
    cells["d1a69fee"].source += "\n\n    return np.sqrt((differences**2).sum(axis=1))"


def answer_typed_in_an_untagged_markdown_cell(nb, cells):
    typed = v4.new_markdown_cell("*Answer.* Flag the scores above three times the median.")
    typed.id = "typed"
    nb.cells.insert(nb.cells.index(cells["3d254b17"]) + 1, typed)


LEAKS = [
    pytest.param(
        misspelt_marker_in_unchecked_code,
        "solutions/08_applications.ipynb, cell 49 (id ae3f7a59): the line '# SOLUTOIN' is not"
        " the solution marker",
        id="misspelt-marker",
    ),
    pytest.param(
        misspelt_tag_on_a_written_answer,
        "solutions/08_applications.ipynb, cell 51 (id 3d254b17): the tag 'soluton' is not a tag"
        " the lessons use; did you mean 'solution'?",
        id="misspelt-tag",
    ),
    pytest.param(
        forgotten_tag_on_a_written_answer,
        "solutions/08_applications.ipynb, cell 51 (id 3d254b17): it is in the exercise of cell"
        " 50 (id c64a50f1) but is neither tagged 'exercise'",
        id="forgotten-tag",
    ),
    pytest.param(
        answer_line_pasted_into_the_question,
        "notebooks/08_applications.ipynb, cell 46 (id d1a69fee) shows 'return"
        " np.sqrt((differences**2).sum(axis=1))', a line of the answer in the source's cell 46"
        " (id 512ee175)",
        id="pasted-answer-line",
    ),
    pytest.param(
        answer_typed_in_an_untagged_markdown_cell,
        "solutions/08_applications.ipynb, cell 52 (id typed): it is in the exercise of cell 50"
        " (id c64a50f1) but is neither tagged 'exercise'",
        id="untagged-written-answer",
    ),
]


@pytest.mark.parametrize(("change", "named"), LEAKS)
def test_a_way_to_leak_an_answer_is_refused_by_generation_naming_the_cell(
    change, named, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / LESSON_8.name, lesson_8_with(change))
    before = snapshot(notebooks)
    with pytest.raises(MarkerError) as refused:
        generate_exercises(notebooks)
    assert named in str(refused.value)
    assert snapshot(notebooks) == before  # nothing written


def test_lesson_8_unchanged_generates_so_the_refusals_are_the_changes(tmp_path):
    notebooks = tmp_path / "notebooks"
    write(notebooks / "solutions" / LESSON_8.name, lesson_8_with(lambda nb, cells: None))
    generate_exercises(notebooks)
    assert (notebooks / LESSON_8.name).exists()


def test_an_exercise_without_a_marked_answer_is_refused_naming_its_cell():
    def unmarked(nb, cells):
        cells["ae3f7a59"].source = cells["ae3f7a59"].source.replace("# SOLUTION\n", "")
        cells["3d254b17"].metadata["tags"] = ["exercise"]  # now part of the question

    problems = exercise_problems(lesson_8_with(unmarked), "08.ipynb")
    assert (
        "08.ipynb, cell 50 (id c64a50f1): this exercise has no marked answer before the next"
        " exercise heading or part of the lesson"
    ) in "\n".join(problems)


def test_an_answer_outside_every_exercise_is_refused():
    nb = lesson_source()
    nb.cells.append(v4.new_markdown_cell("Because.", id="loose", metadata={"tags": ["solution"]}))
    (problem,) = exercise_problems(nb, "lesson.ipynb")
    assert problem.startswith("lesson.ipynb, cell 11 (id loose): this answer belongs to no")


@pytest.mark.parametrize(
    ("tag", "meant"),
    [("soluton", "solution"), ("exercize", "exercise"), ("keep-output", "keep_output")],
)
def test_a_tag_two_slips_from_a_known_tag_is_refused_on_any_cell(tag, meant):
    nb = lesson_source()
    cell(nb, "intro").metadata["tags"] = [tag]
    (problem,) = exercise_problems(nb, "lesson.ipynb")
    assert problem.startswith(f"lesson.ipynb, cell 1 (id intro): the tag {tag!r}")
    assert f"did you mean {meant!r}?" in problem


@pytest.mark.parametrize("line", ["# SOLUTOIN", "# SOLTION", "#  SOULTION:"])
def test_a_misspelt_marker_is_refused_in_any_code_cell(line):
    nb = lesson_source()
    cell(nb, "plain").source = f"{line}\nprint('no answer here')"
    problems = exercise_problems(nb, "lesson.ipynb")
    assert problems == [
        f"lesson.ipynb, cell 10 (id plain): the line {line.strip()!r} is not the solution"
        " marker; the marker is a line that holds only '# SOLUTION'"
    ]


def test_a_question_in_several_cells_with_given_code_and_a_note_on_the_check_is_fine():
    nb = lesson_source()
    more = v4.new_code_cell("points = np.ones((3, 2))", metadata={"tags": ["exercise"]})
    more.id = "given"
    nb.cells.insert(3, more)
    assert exercise_problems(nb, "lesson.ipynb") == []
