"""The exercises are proved by their own checks, without running whole notebooks again.

nbval runs every notebook, but a check that prints ✗ raises nothing, so nbval cannot see a
wrong model answer. These tests run only what the checks need, in this process: each lesson's
first code cell (its imports), the cells with checked answers, and the cells that call a
``check_*`` of :mod:`kmeans_teach.exercises`. Every check in a lesson source must pass; in a
student notebook every check must say "not attempted yet", also when it runs before the
student's cell; and no line of an answer may reach a student notebook outside its folded
model answer.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

import kmeans_teach.exercises as exercises
from kmeans_teach import authoring
from kmeans_teach.authoring._words import cell_name
from kmeans_teach.authoring.markers import _answer_of
from kmeans_teach.authoring.rails import exercise_problems, leak_problems
from kmeans_teach.authoring.student import _checked_later

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = sorted((NOTEBOOKS / "solutions").glob("[0-9][0-9]_*.ipynb"))
CHECK_NAMES = [name for name in exercises.__all__ if name.startswith("check_")]
CHECK_CALL = re.compile(r"\b(" + "|".join(CHECK_NAMES) + r")\s*\(")


def shown(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def lesson_id(path):
    return path.stem


def read(path):
    return nbformat.read(str(path), as_version=4)


def code_cells(nb):
    return [
        (number, cell) for number, cell in enumerate(nb.cells, start=1) if cell.cell_type == "code"
    ]


def check_cells(nb):
    return [(number, cell) for number, cell in code_cells(nb) if CHECK_CALL.search(cell.source)]


def checked_answer_ids(source):
    """Ids of the source cells whose answers a check judges."""
    cells = source.cells
    return {
        cell.id
        for index, cell in enumerate(cells)
        if _answer_of(cell) is not None
        and cell.cell_type == "code"
        and _checked_later(cells, index)
    }


@pytest.fixture
def recorded(monkeypatch):
    """Every Feedback that a check returns, with the check's name, in order."""
    found = []
    for name in CHECK_NAMES:
        check = getattr(exercises, name)

        def recording(*args, _check=check, _name=name, **kwargs):
            feedback = _check(*args, **kwargs)
            found.append((_name, feedback))
            return feedback

        monkeypatch.setattr(exercises, name, recording)
    return found


def run_cells(nb, cells, path, namespace, recorded, capsys):
    """Execute cells in namespace; return, per check cell run, its name and Feedbacks."""
    results = []
    for number, cell in cells:
        before = len(recorded)
        code = compile(cell.source, f"{shown(path)} {cell_name(number, cell)}", "exec")
        exec(code, namespace)  # noqa: S102 (the course's own notebooks)
        capsys.readouterr()
        if CHECK_CALL.search(cell.source):
            results.append((cell_name(number, cell), recorded[before:]))
    return results


def first_code_cell(nb):
    return code_cells(nb)[:1]


def title(feedback):
    return feedback.messages[0].split(":")[0] if feedback.messages else "?"


def failing_checks(source_path, recorded, capsys):
    """What fails when a lesson source's checks run on its answers: one text per failure."""
    source = read(source_path)
    wanted = checked_answer_ids(source)
    cells = [
        (number, cell)
        for number, cell in code_cells(source)
        if number == first_code_cell(source)[0][0]
        or cell.id in wanted
        or CHECK_CALL.search(cell.source)
    ]
    failures = []
    for where, feedbacks in run_cells(source, cells, source_path, {}, recorded, capsys):
        if not feedbacks:
            failures.append(f"{where} calls no check")
        for name, feedback in feedbacks:
            if not feedback.passed:
                failures.append(
                    f"exercise '{title(feedback)}' ({name}, {where}) does not pass:\n    "
                    + "\n    ".join(feedback.messages)
                )
    return failures


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_every_check_in_a_lesson_source_passes(source_path, recorded, capsys, monkeypatch):
    monkeypatch.chdir(source_path.parent)
    failures = failing_checks(source_path, recorded, capsys)
    assert not failures, f"lesson {shown(source_path)}:\n  " + "\n  ".join(failures)


def test_a_wrong_model_answer_fails_naming_the_exercise_and_the_checks_message(
    tmp_path, recorded, capsys
):
    source = read(NOTEBOOKS / "solutions" / "03_lloyds_algorithm.ipynb")
    (answer,) = [c for c in source.cells if c.source.startswith("def assign_step")]
    answer.source = answer.source.replace("argmin", "argmax")
    path = tmp_path / "03_lloyds_algorithm.ipynb"
    nbformat.write(source, str(path))
    # The loop uses assign_step too, so it fails as well: the first failure is the exercise's.
    failure = failing_checks(path, recorded, capsys)[0]
    assert failure.startswith("exercise 'Assignment step' (check_assign_step, cell ")
    assert "argmax instead of argmin" in failure


def student_of(source_path):
    path = NOTEBOOKS / source_path.name
    if not path.exists():
        pytest.fail(f"{shown(path)} is missing: run python -m kmeans_teach exercises")
    return path


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_every_check_in_a_student_notebook_says_not_attempted_yet(
    source_path, recorded, capsys, monkeypatch
):
    path = student_of(source_path)
    monkeypatch.chdir(path.parent)
    student = read(path)
    stubbed = {cell.id for cell in student.cells if authoring.CODE_STUB in cell.source}
    cells = [
        (number, cell)
        for number, cell in code_cells(student)
        if number == first_code_cell(student)[0][0]
        or cell.id in stubbed
        or CHECK_CALL.search(cell.source)
    ]
    problems = []
    for where, feedbacks in run_cells(student, cells, path, {}, recorded, capsys):
        for name, feedback in feedbacks:
            if feedback.attempted or "not attempted yet" not in str(feedback):
                problems.append(f"{name} in {where}: {feedback.messages[:1]}")
    assert not problems, (
        f"{shown(path)}: these checks judged an answer the student has not written"
        " (is an answer left unmarked in the source?):\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_a_check_run_before_the_students_cell_says_not_attempted_yet(
    source_path, recorded, capsys, monkeypatch
):
    path = student_of(source_path)
    monkeypatch.chdir(path.parent)
    student = read(path)
    setup = first_code_cell(student)
    for number, cell in check_cells(student):
        namespace = {}
        try:
            run_cells(student, setup + [(number, cell)], path, namespace, recorded, capsys)
        except Exception as error:
            pytest.fail(
                f"{shown(path)} {cell_name(number, cell)}, run before the exercise: "
                f"{type(error).__name__}: {error}"
            )
        assert all(not feedback.attempted for _, feedback in recorded)


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_no_line_of_an_answer_reaches_the_student_notebook_outside_its_model_answer(source_path):
    # The stored student notebook, not only what generation makes: a hand edit could leak too.
    path = student_of(source_path)
    leaked = leak_problems(read(source_path), read(path), str(shown(path)))
    assert not leaked, "answers shown to students:\n  " + "\n  ".join(leaked)


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_every_exercise_in_a_lesson_source_declares_its_answer(source_path):
    assert exercise_problems(read(source_path), str(shown(source_path))) == []


GLOBALS_GET = re.compile(r"globals\(\)\.get\(\s*[\"'](\w+)[\"']")


def names_bound(source):
    """The names a cell's code binds anywhere (assignments, defs, imports, loop targets)."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


@pytest.mark.parametrize("source_path", SOURCES, ids=lesson_id)
def test_only_the_answer_cell_binds_the_name_its_check_reads(source_path):
    # A check reads the student's answer with globals().get("name", ...): if another cell of
    # the lesson binds that name, a check run before the student's cell judges that value
    # instead of saying "not attempted yet".
    source = read(source_path)
    answers = {cell.id for cell in source.cells if _answer_of(cell) is not None}
    path = student_of(source_path)
    student = read(path)
    wanted = {name for _, cell in check_cells(student) for name in GLOBALS_GET.findall(cell.source)}
    clashes = [
        f"{shown(path)} {cell_name(number, cell)} binds {name!r}, the name a check reads"
        for number, cell in code_cells(student)
        if cell.id not in answers
        for name in sorted(names_bound(cell.source) & wanted)
    ]
    assert not clashes, "\n".join(clashes)
