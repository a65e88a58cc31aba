"""The course on a real JupyterHub, as a class meets it: nbgitpuller links, a lesson, an update.

A release of the course (``kmeans_teach.authoring.release``) is made in a temporary folder
and served, as a ``file://`` git repository, to a JupyterHub on 127.0.0.1 whose single-user
servers import the release's own wheel (see ``hubdriver.py``). Two students log in through
the hub's form and open the course's nbgitpuller link; lesson 3, with its explorer, runs in a
student's kernel; then an update is released while a student has edited a lesson, and the
link brings the update without losing the edit.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse

import nbformat
import pytest
from harness import LANGUAGE_INFO

from kmeans_teach.authoring.links import nbgitpuller_link

from .kernels import run_notebook, shut_down
from .student import Student

pytestmark = pytest.mark.hub

STUDENTS = ("ada", "grace")
TARGET = "kmeans-course"  # the folder in each student's home that receives the release
LESSON = "notebooks/03_lloyds_algorithm.ipynb"
LANDING = "notebooks/index.ipynb"
# The update: a sentence of lesson 3 that the instructor rewrites between two releases.
OLD_SENTENCE = "Lloyd's algorithm takes a shortcut."
NEW_SENTENCE = "Lloyd's algorithm (Stuart Lloyd, 1957) takes a shortcut."
# The student's edit: their own answer to the lesson's first exercise.
EXERCISE_START = "def assign_step(X, centroids):"
STUDENT_ANSWER = (
    "def assign_step(X, centroids):\n"
    "    # my answer: the distance to every centroid, then the nearest\n"
    "    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
    "    return distances.argmin(axis=1)"
)
LAB_CONFIG = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.DOTALL
)
# What the kernel says about itself after the lesson: the package it imported and its folder.
REPORT_CODE = (
    "import importlib.metadata, os, kmeans_teach\n"
    "print(kmeans_teach.__version__, importlib.metadata.version('kmeans_teach'))\n"
    "print(kmeans_teach.__file__)\n"
    "print(os.getcwd())"
)


def link(hub, released) -> str:
    # The link an instructor prints with `python -m kmeans_teach link`.
    return nbgitpuller_link(
        hub.url, released.target.as_uri(), branch="main", folder=TARGET, notebook=LANDING
    )


def git_head(folder) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


def released_notebooks(released) -> list[str]:
    return sorted(path.name for path in (released.target / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def students(hub):
    """Each student logged in through the hub's login form."""
    logged_in = {}
    for name in STUDENTS:
        student = Student(hub.url, name, hub.password)
        student.log_in()
        logged_in[name] = student
    return logged_in


@pytest.fixture(scope="module")
def first_visits(hub, released, students):
    """Each student opens the course's link once: the hub starts their server, they pull."""
    return {name: student.open(link(hub, released)) for name, student in students.items()}


def test_each_student_gets_the_release_and_lands_on_the_index(hub, released, first_visits):
    wanted = released_notebooks(released)
    assert len(wanted) >= 15, wanted  # index, cheat sheet, explorer, animations, 11 lessons
    for name, visit in first_visits.items():
        assert visit.spawned, f"{name}'s server was already running: {visit.urls}"
        assert visit.pull_finished, visit.events
        final = urllib.parse.urlsplit(visit.final_url)
        assert final.path == f"/user/{name}/lab/tree/{TARGET}/{LANDING}", visit.urls
        assert visit.final_status == 200, hub.log_tail()
        home = hub.home(name) / TARGET
        got = sorted(path.name for path in (home / "notebooks").glob("*.ipynb"))
        assert got == wanted, f"{name}'s home holds {got}"
        assert git_head(home) == released.commit
        record = json.loads((home / "course-release.json").read_text(encoding="utf-8"))
        assert record["package_version"] == released.version


def page_config(html: str) -> dict:
    """The configuration JupyterLab's page carries (what it opens, for whom)."""
    found = LAB_CONFIG.search(html)
    assert found, "the page is not JupyterLab's:\n" + html[:1000]
    return json.loads(found[1])


def test_the_landing_page_is_jupyterlab_opening_the_index(students, first_visits):
    for name, student in students.items():
        page = student.session.get(first_visits[name].final_url, timeout=30)
        config = page_config(page.text)
        assert config["appName"] == "JupyterLab"
        assert config["treePath"] == f"{TARGET}/{LANDING}"
        assert config["baseUrl"] == f"/user/{name}/"
        model = student.server_api("GET", f"/contents/{TARGET}/{LANDING}?content=0")
        assert model["type"] == "notebook"


def test_lesson_3_runs_with_the_releases_package(hub, released, students, first_visits):
    student = students[STUDENTS[0]]
    run = run_notebook(student, f"{TARGET}/{LESSON}", then=(REPORT_CODE,))
    try:
        assert not run.errors, run.describe_errors()
        model = json.loads((released.target / LESSON).read_text(encoding="utf-8"))
        code_cells = sum(cell["cell_type"] == "code" for cell in model["cells"])
        assert len(run.cells) == code_cells + 1, "not every code cell ran"
        first = run.cells[0]
        assert "NEEDED = " in first.source and first.status == "ok", first
        explorer_cells = [cell for cell in run.cells if "kmeans_teach.explore(" in cell.source]
        assert explorer_cells, "lesson 3 no longer shows the explorer"
        version_line, file_line, cwd_line = run.cells[-1].stdout.splitlines()
        assert version_line == f"{released.version} {released.version}"
        assert file_line.startswith(str(hub.package_dir)), file_line
        assert cwd_line == str(hub.home(student.name) / TARGET / "notebooks")
    finally:
        shut_down(student, run.kernel_id)


def test_the_version_check_stops_a_lesson_on_another_version(students, first_visits):
    """The first cell's check is real: with another version needed, it stops with a sentence."""
    student = students[STUDENTS[0]]
    lesson = student.server_api("GET", f"/contents/{TARGET}/{LESSON}?content=1")["content"]
    check = "".join(lesson["cells"][0]["source"])
    needed = check.split('NEEDED = "', 1)[1].split('"', 1)[0]
    from .kernels import KernelChannel, start_kernel

    kernel_id = start_kernel(student, f"{TARGET}/{LESSON}")
    try:
        with KernelChannel(student, kernel_id) as channel:
            passed = channel.execute(check)
            stopped = channel.execute(check.replace(needed, "0.0.0+another"))
    finally:
        shut_down(student, kernel_id)
    assert passed.status == "ok", passed.error
    assert stopped.status == "error"
    assert "WrongCourseVersion" in stopped.error and "rebuilt" in stopped.error, stopped.error


def edit_like_jupyterlab(student, path: str) -> None:
    """The student ran the lesson, wrote their own answer and saved, as JupyterLab saves."""
    model = student.server_api("GET", f"/contents/{path}?content=1&type=notebook")
    notebook = model["content"]
    count = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            count += 1
            cell["execution_count"] = count
        source = "".join(cell["source"])
        if source.startswith(EXERCISE_START):
            cell["source"] = STUDENT_ANSWER
    notebook["metadata"]["language_info"] = dict(LANGUAGE_INFO)
    # PUT of the whole model is how JupyterLab saves; the server writes it with nbformat.
    student.server_api(
        "PUT", f"/contents/{path}", {"type": "notebook", "format": "json", "content": notebook}
    )


def cell_sources(path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)  # raises if the merge left an invalid notebook
    return [cell.source for cell in notebook.cells]


def test_an_update_arrives_and_keeps_the_students_edit(hub, course, released, students):
    from kmeans_teach.authoring.release import release

    editor, other = (students[name] for name in STUDENTS)
    edited = hub.home(editor.name) / TARGET / LESSON
    edit_like_jupyterlab(editor, f"{TARGET}/{LESSON}")
    assert STUDENT_ANSWER in cell_sources(edited)

    source = course / "notebooks" / "solutions" / LESSON.rsplit("/", 1)[-1]
    text = source.read_text(encoding="utf-8")
    assert text.count(OLD_SENTENCE) == 1, "the sentence this test changes is gone from lesson 3"
    source.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    update = release(released.target, course=course, check_answers=False)
    assert update.commit and update.number == released.number + 1, update.lines()
    # The package is the same, so the hub's image needs no rebuild (a change to kmeans_teach/
    # while this test runs would make a new version, which the hub does not have).
    assert update.version == released.version, "the package changed during the test"
    assert f"notebooks/{LESSON.rsplit('/', 1)[-1]}" in update.changed

    for student in (editor, other):
        visit = student.open(link(hub, released))
        assert not visit.spawned and visit.pull_finished, visit.events
        assert urllib.parse.urlsplit(visit.final_url).path.endswith(f"/{TARGET}/{LANDING}")
        assert visit.final_status == 200

    mine = cell_sources(edited)
    assert any(NEW_SENTENCE in cell for cell in mine), "the update did not reach the edited lesson"
    assert not any(OLD_SENTENCE in cell for cell in mine)
    assert STUDENT_ANSWER in mine, "the student's answer was lost in the pull"
    # The student who changed nothing has the release exactly as it is.
    theirs = hub.home(other.name) / TARGET / LESSON
    assert theirs.read_bytes() == (released.target / LESSON).read_bytes()
    assert git_head(hub.home(other.name) / TARGET) == update.commit
