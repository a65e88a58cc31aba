"""The student release: what it holds, what it never holds, and that bad input changes nothing.

`python -m kmeans_teach release DIR` (kmeans_teach/authoring/release.py) writes the students'
copy of the course into a git repository, one commit per release. These tests make releases of
the course itself (or of a copy an instructor edits) in temporary folders. Whether an update
reaches students without losing their work is tests/test_release_updates.py; the release on a
real hub is tests/hub/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kmeans_teach.authoring.release import ReleaseError, release
from kmeans_teach.authoring.wheel import build_wheel, package_folder
from tests.test_environment import repo2docker_dockerfile

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "solutions"
LESSONS = sorted(path.name for path in SOURCES.glob("[0-9][0-9]_*.ipynb"))
HAND_WRITTEN = ["index.ipynb", "cheat_sheet.ipynb", "explorer.ipynb", "animations.ipynb"]


def git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repository, capture_output=True, text=True, check=True
    ).stdout


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the .git folder included), as bytes: to prove nothing changed."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_course(destination: Path) -> Path:
    """A copy of what a release reads from the course, for a test to edit as an instructor."""
    shutil.copytree(NOTEBOOKS, destination / "notebooks", ignore=shutil.ignore_patterns(".ipynb*"))
    shutil.copy(ROOT / "environment.yml", destination / "environment.yml")
    shutil.copytree(ROOT / "binder", destination / "binder", symlinks=True)
    shutil.copytree(ROOT / "jupyter-config", destination / "jupyter-config")
    return destination


def read_nb(path: Path):
    return nbformat.read(path, as_version=4)


def edit_cell(path: Path, cell_id: str, change) -> None:
    """Edit one cell of a notebook file in place, as an instructor's editor would save it."""
    nb = read_nb(path)
    cell = next(cell for cell in nb.cells if cell.id == cell_id)
    cell.source = change(cell.source)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def first_release(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("release") / "course"
    release(target, course=ROOT, check_answers=False)
    return target


# --- what a release holds ------------------------------------------------------------------


def test_a_release_holds_the_student_course_and_what_an_image_needs(first_release):
    files = {path for path in snapshot(first_release) if not path.startswith(".git/")}
    notebooks = {f"notebooks/{name}" for name in LESSONS + HAND_WRITTEN}
    assert notebooks <= files, f"missing: {sorted(notebooks - files)}"
    record = json.loads((first_release / "course-release.json").read_text())
    assert record["release"] == 1
    wheel = record["wheel"]
    assert re.fullmatch(r"wheels/kmeans_teach-\d+\.\d+\.\d+\+[0-9a-f]{12}-py3-none-any\.whl", wheel)
    others = {
        "README.md",
        "requirements.txt",
        ".gitignore",
        "binder/environment.yml",
        "binder/postBuild",
        "binder/start",
        "jupyter-config/labconfig/default_setting_overrides.json",
        "course-release.json",
        wheel,
    }
    assert others <= files, f"missing: {sorted(others - files)}"
    assert os.access(first_release / "binder" / "postBuild", os.X_OK)
    assert wheel in (first_release / "binder" / "postBuild").read_text()
    assert f"./{wheel}[lab]" in (first_release / "requirements.txt").read_text().split("\n")
    # Nothing else: no instructor files, no answers, no tests, no package source.
    extra = files - notebooks - others
    assert extra == set(), f"the release holds files it should not: {sorted(extra)}"
    assert git(first_release, "status", "--porcelain") == ""
    assert len(git(first_release, "log", "--format=%H").split()) == 1


def test_a_release_carries_no_merge_rule_that_keeps_a_students_whole_old_file(first_release):
    assert not (first_release / ".gitattributes").exists()
    for path in first_release.rglob(".gitattributes"):
        assert "merge" not in path.read_text(), f"{path} sets a merge rule"


def test_released_notebooks_are_stored_as_jupyters_own_save_writes_them(first_release):
    # Otherwise a student's first save rewrites every line, and their whole file wins a merge.
    for path in (first_release / "notebooks").glob("*.ipynb"):
        nb = read_nb(path)
        nbformat.validate(nb)
        assert path.read_text(encoding="utf-8") == nbformat.writes(nb) + "\n", path.name
        assert "kmeans_teach" not in nb.metadata, f"{path.name} carries the instructor's record"


def answer_lines_of(source: Path) -> set[str]:
    """The lines of a lesson source's answers, found independently of the release's own rail."""
    lines = set()
    for cell in read_nb(source).cells:
        text = cell.source.split("\n")
        if "solution" in cell.metadata.get("tags", []):
            lines.update(text)
        elif cell.cell_type == "code" and "# SOLUTION" in [line.strip() for line in text]:
            lines.update(text[[line.strip() for line in text].index("# SOLUTION") + 1 :])
    return {line.strip() for line in lines}


def lines_students_see_anyway() -> set[str]:
    """Every line of the generated student notebooks outside their folded model answers."""
    seen = set()
    for name in LESSONS:
        for cell in read_nb(NOTEBOOKS / name).cells:
            if "model_answer" not in cell.metadata.get("tags", []):
                seen.update(line.strip() for line in cell.source.split("\n"))
    return seen


def released_lines(path: Path) -> set[str]:
    if path.suffix != ".ipynb":
        return {line.strip() for line in path.read_text(encoding="utf-8").split("\n")}
    lines = set()
    for cell in read_nb(path).cells:
        texts = [cell.source]
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts += [v for v in output.get("data", {}).values() if isinstance(v, str)]
        for text in texts:
            lines.update(line.strip() for line in text.split("\n"))
    return lines


def test_no_line_of_any_answer_reaches_a_release(first_release):
    seen = lines_students_see_anyway()
    secrets = {
        name: {line for line in answer_lines_of(SOURCES / name) if len(line) >= 8} - seen
        for name in LESSONS
    }
    assert sum(map(len, secrets.values())) > 100, "the answers were not found"
    for path in first_release.rglob("*"):
        if ".git" in path.parts or not path.is_file() or path.suffix == ".whl":
            continue
        found = released_lines(path)
        for name, lines in secrets.items():
            assert not (lines & found), f"{path.name} holds lines of {name}'s answers"
        assert "Model answer (open it" not in path.read_text(encoding="utf-8"), path.name
    assert not any("solutions" in path.parts for path in first_release.rglob("*"))


def test_the_release_refuses_a_notebook_that_holds_a_line_of_an_answer(tmp_path):
    course = copy_course(tmp_path / "course")
    leaked = sorted(line for line in answer_lines_of(SOURCES / LESSONS[2]) if len(line) > 20)[0]
    index = course / "notebooks" / "index.ipynb"
    nb = read_nb(index)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"A hint:\n\n    {leaked}"))
    nbformat.write(nb, index)
    target = tmp_path / "release"
    with pytest.raises(ReleaseError, match="line of an answer") as refused:
        release(target, course=course, check_answers=False)
    assert "notebooks/index.ipynb" in str(refused.value) and leaked in str(refused.value)
    assert not target.exists()


def test_students_index_does_not_send_them_to_the_instructors_files(first_release):
    text = "\n".join(cell.source for cell in read_nb(first_release / "notebooks/index.ipynb").cells)
    assert "solutions/" not in text and "run.py" not in text
    assert "_answers.ipynb" in text, "the index does not say where published answers appear"


# --- the package and the notebooks move together --------------------------------------------


def test_the_wheel_is_reproducible_and_its_version_names_its_content(tmp_path):
    first, second = build_wheel(), build_wheel()
    assert first.data == second.data and first.version == second.version
    changed = tmp_path / "kmeans_teach"
    shutil.copytree(package_folder(), changed, ignore=shutil.ignore_patterns("__pycache__"))
    (changed / "steps.py").write_text((changed / "steps.py").read_text() + "\n# changed\n")
    other = build_wheel(changed, ROOT / "pyproject.toml")
    assert other.version != first.version
    assert other.version.split("+")[0] == first.version.split("+")[0]
    with zipfile.ZipFile(__import__("io").BytesIO(first.data)) as archive:
        names = archive.namelist()
        init = archive.read("kmeans_teach/__init__.py").decode()
        metadata = archive.read(f"kmeans_teach-{first.version}.dist-info/METADATA").decode()
    assert f'__version__ = "{first.version}"' in init
    assert "kmeans_teach/static/explorer.js" in names and "kmeans_teach/data/iris.csv" in names
    assert not any("__pycache__" in name or "solutions" in name for name in names)
    assert "Requires-Dist: numpy>=1.24" in metadata
    assert 'Requires-Dist: scikit-learn>=1.3; extra == "lab"' in metadata
    assert "Provides-Extra: lab" in metadata.split("\n")


@pytest.fixture(scope="module")
def installed_wheel(first_release, tmp_path_factory) -> tuple[Path, str]:
    """The release's wheel installed by pip into a folder of its own (put first on PYTHONPATH)."""
    record = json.loads((first_release / "course-release.json").read_text())
    folder = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(folder),
            str(first_release / record["wheel"]),
        ],
        check=True,
    )
    return folder, record["package_version"]


def run_notebook(path: Path, pythonpath: Path | None = None, cells: int | None = None):
    nb = read_nb(path)
    if cells is not None:
        nb.cells = nb.cells[:cells]
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env=env, stderr=subprocess.DEVNULL)
    return nb


def test_with_another_package_version_a_lesson_stops_at_its_first_cell_with_one_sentence(
    first_release, installed_wheel
):
    _, needed = installed_wheel
    lesson = first_release / "notebooks" / LESSONS[2]
    nb = read_nb(lesson)
    assert nb.cells[0].id == "course-version"
    nb.cells = nb.cells[:4]
    # This Python's kmeans_teach is the instructor's (0.1.0), not the release's (0.1.0+...):
    # the hub's image is older than its notebooks. Run All goes on after an error here only
    # because allow_errors is set, to show that nothing later ran into an ImportError.
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(lesson.parent)}},
    )
    client.execute(stderr=subprocess.DEVNULL)
    outputs = nb.cells[0].outputs
    assert [output.output_type for output in outputs] == ["error"]
    (sentence,) = outputs[0].traceback  # one line: no traceback
    assert sentence.startswith(f"This lesson needs kmeans_teach {needed}, but this server has")
    assert sentence.endswith("must be rebuilt from the course's latest release.")
    assert "instructor" in sentence


def test_with_the_released_package_a_lesson_with_the_explorer_runs_top_to_bottom(
    first_release, installed_wheel
):
    folder, needed = installed_wheel
    nb = run_notebook(first_release / "notebooks" / "explorer.ipynb", pythonpath=folder)
    assert nb.cells[0].id == "course-version" and nb.cells[0].outputs == []
    probe = run_notebook_code("import kmeans_teach; print(kmeans_teach.__version__)", folder)
    assert probe == needed


def run_notebook_code(code: str, pythonpath: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("bash") is None, reason="postBuild is a bash script")
def test_the_release_binder_installs_the_course_lab_settings(first_release, tmp_path):
    settings = "jupyter-config/labconfig/default_setting_overrides.json"
    assert (first_release / settings).read_bytes() == (ROOT / settings).read_bytes()
    python = tmp_path / "bin" / "python"  # installs nothing: only the settings are looked at
    python.parent.mkdir()
    python.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    python.chmod(0o755)
    prefix = tmp_path / "notebook-env"
    environ = {**os.environ, "NB_PYTHON_PREFIX": str(prefix)}
    environ["PATH"] = f"{python.parent}{os.pathsep}{environ['PATH']}"
    subprocess.run(["bash", "binder/postBuild"], cwd=first_release, env=environ, check=True)
    installed = prefix / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"
    assert installed.read_bytes() == (ROOT / settings).read_bytes()


def test_the_hubs_example_dockerfile_copies_only_what_a_release_holds(first_release):
    # docs/hub/Dockerfile is built in a release's folder (it cannot be built here): each file it
    # copies must be there, the course's JupyterLab defaults among them.
    dockerfile = (ROOT / "docs" / "hub" / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    sources = [
        part
        for line in joined.splitlines()
        if line.startswith("COPY ")
        for part in line.split()[1:-1]
        if not part.startswith("--")
    ]
    assert "jupyter-config/labconfig/default_setting_overrides.json" in sources, sources
    for source in sources:
        assert (first_release / source).exists(), f"it copies {source}, not in a release"


def test_binder_builds_the_release_with_its_own_wheel(first_release, tmp_path):
    dockerfile = repo2docker_dockerfile(first_release, tmp_path)
    assert re.search(r"env update .*--file \"?binder/environment\.yml", dockerfile)
    assert re.search(r"^RUN \./binder/postBuild$", dockerfile, re.MULTILINE)


# --- one commit per release; answers after a deadline ----------------------------------------


def test_each_release_is_one_commit_on_top_of_the_last_and_a_release_without_change_makes_none(
    tmp_path,
):
    course = copy_course(tmp_path / "course")
    target = tmp_path / "release"
    first = release(target, course=course, check_answers=False)
    assert first.number == 1 and first.commit and first.package_changed
    lesson = course / "notebooks" / "solutions" / LESSONS[4]
    heading = next(cell.id for cell in read_nb(lesson).cells if cell.cell_type == "markdown")
    edit_cell(lesson, heading, lambda text: text + "\n\nA sentence added in week 3.")
    second = release(target, course=course, check_answers=False)
    assert second.number == 2 and not second.package_changed
    assert sorted(second.changed) == sorted([f"notebooks/{LESSONS[4]}", "course-release.json"])
    commits = git(target, "log", "--format=%H %P").split("\n")[:2]
    assert commits[0].split()[1] == first.commit, "release 2 is not on top of release 1"
    released = read_nb(target / "notebooks" / LESSONS[4])
    assert any("A sentence added in week 3." in cell.source for cell in released.cells)
    third = release(target, course=course, check_answers=False)
    assert third.commit is None and third.number == 2
    assert "already up to date" in third.lines()[0]
    assert len(git(target, "log", "--format=%H").split()) == 2


def test_answers_are_published_per_lesson_as_files_of_their_own_and_stay_published(tmp_path):
    course = copy_course(tmp_path / "course")
    target = tmp_path / "release"
    release(target, course=course, check_answers=False)
    before = snapshot(target)
    report = release(target, course=course, answers=["3"], check_answers=False)
    answers = f"notebooks/{LESSONS[2][:-6]}_answers.ipynb"
    assert sorted(report.changed) == sorted([answers, "course-release.json"])
    after = snapshot(target)
    for path in before:
        if not path.startswith(".git/") and path != "course-release.json":
            assert after[path] == before[path], f"{path} changed when answers were published"
    published = released_lines(target / answers)
    assert answer_lines_of(SOURCES / LESSONS[2]) - {""} <= published
    assert report.answers == ["03"]
    # A later release, without --answers, keeps them (students may have opened them already).
    edit_cell(
        course / "notebooks" / "solutions" / LESSONS[0],
        read_nb(course / "notebooks" / "solutions" / LESSONS[0]).cells[0].id,
        lambda text: text + "\n\nEdited.",
    )
    later = release(target, course=course, check_answers=False)
    assert (target / answers).exists() and later.answers == ["03"]
    # No other lesson's answers are in it.
    for name in LESSONS[3:]:
        lines = {line for line in answer_lines_of(SOURCES / name) if len(line) >= 8}
        assert not (lines - lines_students_see_anyway()) & published, name


# --- bad input: a clear error, and DIR exactly as it was -------------------------------------


def make_folder_with_other_files(path: Path) -> None:
    path.mkdir()
    (path / "thesis.tex").write_text("my thesis")


def make_other_repository(path: Path) -> None:
    path.mkdir()
    (path / "README.md").write_text("another project")
    git(path, "init", "--quiet")
    git(path, "add", "README.md")
    git(path, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "--quiet", "-m", "x")


def make_file(path: Path) -> None:
    path.write_text("not a folder")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (make_folder_with_other_files, "is not a course release: it holds other files"),
        (make_other_repository, "is a git repository but not a course release"),
        (make_file, "it is a file, not a folder"),
    ],
    ids=["folder with other files", "another git repository", "a file"],
)
def test_a_release_refuses_a_target_that_is_not_its_own_and_changes_nothing(
    tmp_path, make, message
):
    target = tmp_path / "target"
    make(target)
    before = snapshot(target) if target.is_dir() else target.read_bytes()
    with pytest.raises(ReleaseError, match=message):
        release(target, course=ROOT, check_answers=False)
    assert (snapshot(target) if target.is_dir() else target.read_bytes()) == before


def test_a_release_refuses_a_missing_folder_an_unknown_lesson_and_uncommitted_changes(
    first_release, tmp_path
):
    with pytest.raises(ReleaseError, match="does not exist"):
        release(tmp_path / "no" / "such" / "folder", course=ROOT, check_answers=False)
    before = snapshot(first_release)
    with pytest.raises(ReleaseError, match=r"no lesson '42'.*01, 02, 03"):
        release(first_release, course=ROOT, answers=["3", "42"], check_answers=False)
    assert snapshot(first_release) == before
    readme = first_release / "README.md"
    readme.write_text(readme.read_text() + "\nedited in the release by hand\n")
    try:
        before = snapshot(first_release)
        with pytest.raises(ReleaseError, match="changes that are not committed"):
            release(first_release, course=ROOT, check_answers=False)
        assert snapshot(first_release) == before
    finally:
        git(first_release, "checkout", "--", "README.md")


def test_a_release_refuses_a_read_only_target_and_changes_nothing(tmp_path):
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed, and root ignores read-only permissions")
    target = tmp_path / "release"
    release(target, course=ROOT, check_answers=False)
    course = copy_course(tmp_path / "course")
    edit_cell(
        course / "notebooks" / "index.ipynb",
        read_nb(course / "notebooks" / "index.ipynb").cells[0].id,
        lambda text: text + " Edited.",
    )
    before = snapshot(target)
    made = subprocess.run(["chattr", "+i", str(target)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"this file system does not take chattr +i: {made.stderr.strip()}")
    try:
        with pytest.raises(ReleaseError, match="read-only"):
            release(target, course=course, check_answers=False)
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)
    assert snapshot(target) == before


def test_a_failure_half_way_leaves_the_release_as_it_was_and_no_temporary_folder(
    tmp_path, monkeypatch
):
    course = copy_course(tmp_path / "course")
    target = tmp_path / "release"
    release(target, course=course, check_answers=False)
    edit_cell(
        course / "notebooks" / "index.ipynb",
        read_nb(course / "notebooks" / "index.ipynb").cells[0].id,
        lambda text: text + " Edited.",
    )
    before = snapshot(target)
    real_write = Path.write_bytes
    written = []

    def failing_write(path, data):
        written.append(path)
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="No space left"):
        release(target, course=course, check_answers=False)
    monkeypatch.undo()
    assert len(written) == 5
    assert snapshot(target) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["course", "release"]


# --- every model answer passes its check before anything is released ------------------------


def one_lesson_course(tmp_path: Path, lesson: str) -> Path:
    """A course with one lesson source (and the hand-written notebooks), to run quickly."""
    course = copy_course(tmp_path / "course")
    for path in (course / "notebooks" / "solutions").glob("*.ipynb"):
        if path.name != lesson:
            path.unlink()
    return course


@pytest.mark.slow
def test_a_model_answer_that_fails_its_check_stops_the_release_naming_the_check(tmp_path):
    lesson = LESSONS[0]
    course = one_lesson_course(tmp_path, lesson)
    source = course / "notebooks" / "solutions" / lesson
    release(tmp_path / "good", course=course)  # the course's own answers pass their checks
    answer = next(
        cell
        for cell in read_nb(source).cells
        if cell.cell_type == "code" and "def cluster_sizes" in cell.source
    )
    edit_cell(source, answer.id, lambda text: text.replace("sizes[label] += 1", "sizes[label] = 1"))
    target = tmp_path / "release"
    with pytest.raises(ReleaseError, match="do not pass their checks") as refused:
        release(target, course=course)
    message = str(refused.value)
    assert lesson in message and "check_cluster_sizes did not pass" in message
    assert "✗" in message, "the check's own feedback is not shown"
    assert not target.exists()


def test_the_command_prints_the_next_steps_and_refuses_bad_options_with_a_sentence(tmp_path):
    target = tmp_path / "release"
    command = [sys.executable, "-m", "kmeans_teach", "release", str(target), "--skip-checks"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Released the course" in done.stdout and "Next steps:" in done.stdout
    assert "rebuild the hub's image" in done.stdout and "nbgitpuller link" in done.stdout
    before = snapshot(target)
    refused = subprocess.run(
        [*command, "--answers", "03,x"], cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: There is no lesson 'x'") and "Traceback" not in (
        refused.stderr
    )
    assert snapshot(target) == before


# --- the release warns about the changes a student's merge cannot bring ----------------------


def code_cell_below_a_code_cell(nb) -> int:
    """The position of the first code cell whose cell above is a code cell too."""
    return next(
        index
        for index in range(1, len(nb.cells))
        if nb.cells[index].cell_type == "code" and nb.cells[index - 1].cell_type == "code"
    )


@pytest.mark.parametrize("first", ["code", "markdown"])
def test_new_cells_that_start_with_code_right_above_a_code_cell_are_warned_about(tmp_path, first):
    course = copy_course(tmp_path / "course")
    target = tmp_path / "release"
    release(target, course=course, check_answers=False)
    lesson = course / "notebooks" / "solutions" / LESSONS[2]
    nb = read_nb(lesson)
    below = code_cell_below_a_code_cell(nb)
    new_cells = [nbformat.v4.new_code_cell("print('new')", id="new-code")]
    if first == "markdown":
        new_cells.insert(0, nbformat.v4.new_markdown_cell("What the new code does.", id="new-text"))
    nb.cells[below:below] = new_cells
    nbformat.write(nb, lesson)
    report = release(target, course=course, check_answers=False)
    if first == "code":
        (warning,) = report.warnings
        assert f"notebooks/{LESSONS[2]}" in warning and "new-code" in warning
        assert nb.cells[below + 1].id in warning and "start them with a text cell" in warning
        assert any(line.startswith("Warning:") for line in report.lines())
    else:
        assert report.warnings == []


def test_a_code_cell_taken_out_right_above_a_code_cell_is_warned_about(tmp_path):
    course = copy_course(tmp_path / "course")
    target = tmp_path / "release"
    release(target, course=course, check_answers=False)
    lesson = course / "notebooks" / "solutions" / LESSONS[2]
    nb = read_nb(lesson)
    below = code_cell_below_a_code_cell(nb)
    removed = nb.cells.pop(below - 1)
    nbformat.write(nb, lesson)
    report = release(target, course=course, check_answers=False)
    (warning,) = report.warnings
    assert removed.id in warning and nb.cells[below - 1].id in warning
    assert "empty it instead" in warning
