"""Course updates reach every student and lose nothing: nbgitpuller's own pull, property-tested.

Students get the release (kmeans_teach/authoring/release.py) through nbgitpuller links: the
first click clones it, every later click commits the student's changes and merges the newest
release into them with ``git merge -Xours``. These tests run nbgitpuller's own ``GitPuller``
on local repositories (a ``file://`` URL, so the clone is shallow as on a hub): release v1 of a
copy of the course, a student clones it and works in it, the instructor changes the course and
releases v2, the student pulls again, and every notebook is compared cell by cell with v1, the
student's copy and v2.
"""

from __future__ import annotations

import base64
import copy
import difflib
import json
import re
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from harness import LANGUAGE_INFO
from hypothesis import event, given, note, settings
from hypothesis import strategies as st
from nbformat import v4
from nbgitpuller.pull import GitPuller

from kmeans_teach.authoring._words import ANSWER_STUB, CODE_STUB, MERGE_CONFLICT
from kmeans_teach.authoring.release import release

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "solutions"
LESSONS = sorted(path.name for path in SOURCES.glob("[0-9][0-9]_*.ipynb"))
# The notebooks an instructor changes: the eleven lessons (through their sources) and the index.
CHANGED = [*LESSONS, "index.ipynb"]
RELEASED = [*CHANGED, "cheat_sheet.ipynb", "explorer.ipynb", "animations.ipynb"]
NEW_LESSON = "12_a_new_lesson.ipynb"
# A code cell that draws a figure.
FIGURE = re.compile(r"\bplt\.|\bfig\b|\bdraw|\.plot\(|subplots")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# A real 1x1 PNG: what a figure's output holds is base64 text on one line.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000005000148af9c1e0000000049454e44ae426082"
    )
).decode()


# --------------------------------------------------------------------------------------------
# The class: a release repository, a student's folder, nbgitpuller between them


def copy_course(destination: Path) -> Path:
    """What a release reads from the course, for a test to edit as an instructor."""
    shutil.copytree(NOTEBOOKS, destination / "notebooks", ignore=shutil.ignore_patterns(".ipynb*"))
    shutil.copy(ROOT / "environment.yml", destination / "environment.yml")
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    shutil.copytree(ROOT / "binder", destination / "binder", symlinks=True)
    shutil.copytree(ROOT / "jupyter-config", destination / "jupyter-config")
    return destination


def pull(release_dir: Path, student_dir: Path) -> list[str]:
    """One click on the nbgitpuller link: nbgitpuller's own code, run to its end."""
    puller = GitPuller(f"file://{release_dir}", str(student_dir), branch="main")
    return list(puller.pull())


def read(path: Path):
    return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)


def save(nb, path: Path) -> None:
    """Save as JupyterLab does: its kernel's metadata, then jupyter_server's nbformat.write."""
    nb.metadata["kernelspec"] = copy.deepcopy(KERNELSPEC)
    nb.metadata["language_info"] = copy.deepcopy(LANGUAGE_INFO)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def first_release(tmp_path_factory):
    """v1: the course released once (copied for each example, which then changes it)."""
    folder = tmp_path_factory.mktemp("v1")
    course = copy_course(folder / "course")
    release(folder / "release", course=course, check_answers=False)
    return folder


# --------------------------------------------------------------------------------------------
# What a student does, and what an instructor does


@dataclass(frozen=True)
class Action:
    """One thing a student or the instructor does in one notebook.

    `notebook` picks one of the scenario's notebooks, `at` a cell (or the gap before it) near
    the scenario's focus in that notebook, so that the student's and the instructor's changes
    often meet, which is where a line merge goes wrong if it ever does.
    """

    # A student opens, runs, answers, edits or adds; an instructor adds an exercise, edits a
    # sentence or a figure, removes a cell, or adds a new lesson.
    kind: str
    notebook: int = 0
    at: int = 0
    text: tuple[str, ...] = ()
    mode: str = "append"
    count: int = 1
    code: bool = True
    ran: bool = False


@dataclass(frozen=True)
class Scenario:
    """The notebooks a scenario works in, where in each, and what each side does.

    `deleted` are the notebooks the student deletes after working (perhaps in them).
    """

    notebooks: tuple[str, ...]
    focus: tuple[float, ...]
    student: tuple[Action, ...]
    instructor: tuple[Action, ...]
    deleted: tuple[str, ...] = ()


# Lines a student or instructor writes: some that recur everywhere (a blank line, a return),
# which give git's line diff the most room to align things wrongly, and some of their own.
COMMON_LINES = ["", "    return labels", "plt.show()", "import numpy as np"]
line = st.one_of(
    st.sampled_from(COMMON_LINES),
    st.from_regex(r"[a-z]{3,8}( [a-z]{2,8}){0,4}[.]?", fullmatch=True),
)
text = st.lists(line, min_size=1, max_size=4).map(tuple)
which = st.integers(0, 2)
near = st.integers(-2, 2)
edit_mode = st.sampled_from(["append", "replace", "insert"])

STUDENT = st.one_of(
    st.builds(Action, kind=st.just("open"), notebook=which),
    st.builds(Action, kind=st.just("run"), notebook=which, at=near, count=st.integers(1, 4)),
    st.builds(Action, kind=st.just("answer"), notebook=which, at=st.integers(0, 5), text=text),
    st.builds(Action, kind=st.just("edit"), notebook=which, at=near, text=text, mode=edit_mode),
    st.builds(
        Action,
        kind=st.just("add"),
        notebook=which,
        at=near,
        text=text,
        code=st.booleans(),
        ran=st.booleans(),
    ),
)
INSTRUCTOR = st.one_of(
    st.builds(
        Action, kind=st.just("exercise"), notebook=which, at=near, text=text, code=st.booleans()
    ),
    st.builds(Action, kind=st.just("sentence"), notebook=which, at=near, text=text, mode=edit_mode),
    st.builds(Action, kind=st.just("figure"), notebook=which, at=near, text=text, mode=edit_mode),
    st.builds(Action, kind=st.just("remove"), notebook=which, at=near),
    st.builds(Action, kind=st.just("new_lesson"), text=text),
)
SCENARIOS = st.builds(
    Scenario,
    notebooks=st.lists(st.sampled_from(CHANGED), min_size=1, max_size=2, unique=True).map(tuple),
    focus=st.lists(st.floats(0, 1), min_size=2, max_size=2).map(tuple),
    student=st.lists(STUDENT, min_size=1, max_size=5).map(tuple),
    instructor=st.lists(INSTRUCTOR, min_size=1, max_size=3).map(tuple),
    deleted=st.lists(st.sampled_from(RELEASED), max_size=1).map(tuple),
)


def _position(scenario: Scenario, action: Action, ids: list[str], gap: bool = False) -> int:
    """The index near the focus that `action` acts at, among `ids` (or the gaps between them)."""
    size = len(ids) + (1 if gap else 0)
    focus = scenario.focus[action.notebook % len(scenario.notebooks)]
    return min(max(int(focus * size) + action.at, 0), size - 1)


def _nearest(ids: list[str], start: int, fitting: set[str]) -> str | None:
    """The id in `fitting` closest to position `start` of `ids`, looking down first, then up."""
    for distance in range(len(ids)):
        for index in (start + distance, start - distance):
            if 0 <= index < len(ids) and ids[index] in fitting:
                return ids[index]
    return None


def _edited(source: str, action: Action) -> str:
    """A text after an edit: lines appended, the first line replaced, or lines put in the middle."""
    old = source.split("\n")
    new = list(action.text)
    if action.mode == "append":
        result = old + new
    elif action.mode == "replace":
        result = new + old[1:]
    else:
        middle = len(old) // 2
        result = old[:middle] + new + old[middle:]
    return "\n".join(result)


def _outputs(count: int, words: tuple[str, ...]):
    """What running a cell leaves: printed text, a figure (PNG), and the cell's value."""
    return [
        v4.new_output("stream", name="stdout", text="".join(f"{word}\n" for word in words)),
        v4.new_output(
            "display_data",
            data={"image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>"},
            metadata={},
        ),
        v4.new_output("execute_result", data={"text/plain": str(count)}, execution_count=count),
    ]


# --- the student ------------------------------------------------------------------------------


def act_as_student(scenario: Scenario, folder: Path) -> list[str]:
    """Apply the scenario's student actions to their copy of the course; say what was done."""
    done = []
    counters: dict[str, int] = {}
    for action in scenario.student:
        name = scenario.notebooks[action.notebook % len(scenario.notebooks)]
        path = folder / "notebooks" / name
        nb = read(path)
        ids = [cell.id for cell in nb.cells]
        cells = {cell.id: cell for cell in nb.cells}
        if action.kind == "open":
            done.append(f"student opens and saves {name}")
        elif action.kind == "run":
            start = _position(scenario, action, ids)
            code = [i for i in ids[start:] if cells[i].cell_type == "code"][: action.count]
            for cell_id in code:
                counters[name] = counters.get(name, 0) + 1
                cells[cell_id].execution_count = counters[name]
                cells[cell_id].outputs = _outputs(counters[name], ("ran", cell_id))
            done.append(f"student runs {name} {code}")
        elif action.kind == "answer":
            stubs = [
                i
                for i in ids
                if CODE_STUB in cells[i].source or cells[i].source.strip() == ANSWER_STUB
            ]
            if not stubs:
                continue
            cell = cells[stubs[action.at % len(stubs)]]
            stub = CODE_STUB if cell.cell_type == "code" else ANSWER_STUB
            before = cell.source.split(stub)[0]
            indent = before.split("\n")[-1]
            cell.source = before + ("\n" + indent).join(action.text)
            done.append(f"student answers {name} {cell.id}")
        elif action.kind == "edit":
            start = _position(scenario, action, ids)
            texts = {
                i
                for i in ids
                if cells[i].cell_type == "markdown" and ANSWER_STUB not in cells[i].source
            }
            cell_id = _nearest(ids, start, texts)
            if cell_id is None:
                continue
            cells[cell_id].source = _edited(cells[cell_id].source, action)
            done.append(f"student edits {name} {cell_id} ({action.mode})")
        elif action.kind == "add":
            where = _position(scenario, action, ids, gap=True)
            if action.code:
                cell = v4.new_code_cell("\n".join(action.text), id=str(uuid.uuid4()))
                if action.ran:
                    counters[name] = counters.get(name, 0) + 1
                    cell.execution_count = counters[name]
                    cell.outputs = _outputs(counters[name], action.text)
            else:
                cell = v4.new_markdown_cell("\n".join(action.text), id=str(uuid.uuid4()))
            nb.cells.insert(where, cell)
            after = ids[where - 1] if where else "the top"
            done.append(f"student adds {cell.cell_type} {cell.id} to {name} after {after}")
        save(nb, path)
    for name in scenario.deleted:
        (folder / "notebooks" / name).unlink()
        done.append(f"student deletes {name}")
    return done


# --- the instructor ---------------------------------------------------------------------------


def _source_path(course: Path, name: str) -> Path:
    if name in LESSONS:
        return course / "notebooks" / "solutions" / name
    return course / "notebooks" / name


def _is_answer(cell) -> bool:
    return "solution" in cell.metadata.get("tags", []) or "# SOLUTION" in cell.source


def act_as_instructor(scenario: Scenario, course: Path, released: Path) -> list[str]:
    """Apply the scenario's instructor actions to the course's sources; say what was done.

    Positions are found in the released v1 notebook (the student's coordinates) and carried to
    the source by cell id: a released cell has its source cell's id.
    """
    done = []
    exercises = 0
    for action in scenario.instructor:
        if action.kind == "new_lesson":
            path = course / "notebooks" / "solutions" / NEW_LESSON
            if path.exists():
                continue
            nb = v4.new_notebook(
                cells=[
                    v4.new_markdown_cell("# Lesson 12 · A new lesson\n\n" + " ".join(action.text)),
                    v4.new_code_cell("import numpy as np\n\nfrom kmeans_teach import datasets"),
                    v4.new_markdown_cell("### Exercise 1: the mean\n\nWrite `mean(X)`."),
                    v4.new_code_cell(
                        'def mean(X):\n    """The mean of the rows."""\n    # SOLUTION\n'
                        "    return np.asarray(X).mean(axis=0)"
                    ),
                    v4.new_code_cell('check_mean(globals().get("mean", ...))'),
                ],
                metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
            )
            nbformat.write(nb, path)
            done.append(f"instructor adds {NEW_LESSON}")
            continue
        name = scenario.notebooks[action.notebook % len(scenario.notebooks)]
        ids = [cell.id for cell in read(released / "notebooks" / name).cells]
        path = _source_path(course, name)
        nb = read(path)
        cells = {cell.id: cell for cell in nb.cells}
        index = {cell.id: number for number, cell in enumerate(nb.cells)}
        if action.kind == "exercise":
            where = _position(scenario, action, ids, gap=True)
            # Before the released cell at `where` (the version check has no source: the top).
            position = index.get(ids[where], 0) if where < len(ids) else len(nb.cells)
            exercises += 1
            function = f"new_exercise_{exercises}"
            prompt = v4.new_markdown_cell(
                f"### A new exercise\n\nWrite `{function}()`: " + " ".join(action.text)
            )
            answer = v4.new_code_cell(
                f'def {function}():\n    """What it returns."""\n    # SOLUTION\n    return 42'
            )
            check = v4.new_code_cell(f'check_{function}(globals().get("{function}", ...))')
            if name not in LESSONS:  # the index has no exercises: a new paragraph and a figure
                answer = v4.new_code_cell("\n".join(action.text))
                check = v4.new_markdown_cell("More about it.")
            new = [answer, check, prompt] if action.code else [prompt, answer, check]
            nb.cells[position:position] = new
            before = ids[where] if where < len(ids) else "the end"
            done.append(f"instructor adds {[c.id for c in new]} to {name} before {before}")
        elif action.kind in ("sentence", "figure"):
            start = _position(scenario, action, ids)
            wanted = "markdown" if action.kind == "sentence" else "code"
            fitting = {
                i
                for i in ids
                if i in cells
                and cells[i].cell_type == wanted
                and not _is_answer(cells[i])
                and "check_" not in cells[i].source
            }
            # A changed figure: a cell that draws one, where the notebook has any.
            figures = {i for i in fitting if FIGURE.search(cells[i].source)}
            if action.kind == "figure" and figures:
                fitting = figures
            cell_id = _nearest(ids, start, fitting)
            if cell_id is None:
                continue
            cells[cell_id].source = _edited(cells[cell_id].source, action)
            done.append(f"instructor edits {name} {cell_id} ({action.mode})")
        elif action.kind == "remove":
            cell_id = ids[_position(scenario, action, ids)]
            if cell_id not in cells:
                continue
            nb.cells.remove(cells[cell_id])
            done.append(f"instructor removes {name} {cell_id}")
        nbformat.write(nb, path)
    return done


# --------------------------------------------------------------------------------------------
# What must hold after the second pull


def merged_text(base: str, mine: str, new: str) -> str:
    """A cell's text merged on its own, line by line, the student's lines winning a conflict."""
    with tempfile.TemporaryDirectory() as temporary:
        paths = []
        for label, value in (("mine", mine), ("base", base), ("new", new)):
            path = Path(temporary) / label
            path.write_text(value, encoding="utf-8")
            paths.append(str(path))
        return subprocess.run(
            ["git", "merge-file", "-p", "--ours", *paths], capture_output=True, text=True
        ).stdout


def _places(ids: list[str], others: list[str]) -> dict[str, int]:
    """For each cell of `others` not in `ids`: the place in `ids` it stands at (0: the top).

    Place g is the gap before ``ids[g]``: after the last cell of `ids` above it in `others`.
    """
    index = {cell_id: number for number, cell_id in enumerate(ids)}
    places, last = {}, -1
    for cell_id in others:
        if cell_id in index:
            last = index[cell_id]
        else:
            places[cell_id] = last + 1
    return places


def stretches(marked: set[int]) -> list[tuple[int, int]]:
    """Runs of marked positions in the sequence place 0, cell 0, place 1, cell 1, ...

    Position 2g is place g (the gap before cell g), 2i + 1 is cell i. Two marked cells with
    only an unmarked place between them are one stretch: git's diff slides a change over the
    lines that close one cell and open the next, so their changes can become one.
    """
    runs: list[tuple[int, int]] = []
    for position in sorted(marked):
        if runs and (position == runs[-1][1] + 1 or (position == runs[-1][1] + 2 and position % 2)):
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


def check_notebook(
    name: str,
    base: bytes | None,
    mine: bytes | None,
    new: bytes,
    got: bytes,
    seen: list[str] | None = None,
):
    """Every promise of an update for one notebook: what is broken after the pull, if anything.

    Parameters
    ----------
    name : str
        The notebook's file name, for the messages.
    base, mine, new, got : bytes or None
        The notebook in release v1 (None: new in v2), in the student's copy before the second
        pull (None: they deleted it), in release v2, and in the student's copy after it.
    seen : list of str, optional
        Gets one line per stretch of the instructor's changes: what kind, and whether it was
        checked or the student worked there (for hypothesis's statistics).

    Returns
    -------
    list of str
        One sentence per broken promise; empty when all hold. The promises:

        - the file is JSON, a valid notebook with unique cell ids, with no conflict marker;
        - a notebook the student deleted or did not change, and a new one, is v2's, byte for
          byte;
        - every cell the student added keeps their text and outputs; every cell whose text
          they changed keeps their text, or, where the instructor changed its text too, gets
          the cell's own line merge (:func:`merged_text`); in one the instructor removed,
          every line the student wrote is still there, in one cell, in order; every cell they
          ran keeps their outputs and count;
        - the cells are in the student's order and in v2's; the metadata is the student's;
        - a cell neither of them changed is v2's, whatever the release stores in it;
        - the instructor's changes arrive, stretch by stretch (:func:`stretches`), except
          where git's line merge sees the student's change as the same change: new cells at
          one place arrive unless the student added cells there too, or the first new cell is
          code and the cell below is a code cell the student ran; a removed cell goes unless
          the student changed or ran it, added a cell next to it, or it is code and the
          student ran the code cell below it; a changed text always arrives (into a cell the
          student ran, too); several changes in a row arrive unless the student changed, ran
          or added a cell among them or right next to them (the cell or place just above or
          below). The tests after the property test show what happens in those cases.
    """
    if (mine is None or base is None or mine == base) and got == new:
        return []  # deleted by the student, new upstream, or untouched: v2's, as promised
    text_ = got.decode("utf-8")
    if MERGE_CONFLICT.search(text_):
        return [f"{name}: merge conflict markers"]
    try:
        json.loads(text_)
    except ValueError as error:
        return [f"{name}: not JSON after the pull ({error})"]
    nb = nbformat.reads(text_, as_version=4)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        return [f"{name}: not a valid notebook ({error.message})"]
    ids = [cell.id for cell in nb.cells]
    if len(set(ids)) != len(ids):
        return [f"{name}: duplicate cell ids"]
    if mine is None or base is None or mine == base:
        return [f"{name}: not v2, byte for byte"]
    problems = []
    v1, student, v2 = (nbformat.reads(x.decode(), as_version=4) for x in (base, mine, new))
    b, o, t, m = (_cells(x) for x in (v1, student, v2, nb))
    order = [cell.id for cell in v1.cells]
    size = len(order)
    # Where each side changed v1, as positions: place g (the gap before cell g) is 2g, cell i
    # is 2i + 1. The instructor's changes are what they wrote: a cell's text (or type, or
    # metadata), a removed cell, new cells. Whatever else differs in v2 (a stored execution
    # count, say) is the release's doing and must arrive like any untouched cell.
    added = _places(order, [c.id for c in student.cells])
    new_cells = _places(order, [c.id for c in v2.cells])
    by_student = {2 * i + 1 for i, c in enumerate(order) if o[c] != b[c]}
    by_student |= {2 * g for g in added.values()}
    by_instructor = {2 * i + 1 for i, c in enumerate(order) if _written(t.get(c)) != _written(b[c])}
    by_instructor |= {2 * g for g in new_cells.values()}

    def ran(index: int) -> bool:
        """Whether the student ran v1's cell `index` (changing its execution count line)."""
        if not 0 <= index < size:
            return False
        cell_id = order[index]
        return o[cell_id].get("execution_count") != b[cell_id].get("execution_count")

    def is_code(index: int) -> bool:
        return 0 <= index < size and b[order[index]].cell_type == "code"

    for start, end in stretches(by_instructor):
        if start == end and start % 2 == 0:
            # New cells at one place: git slides them over the opening lines they share with
            # the cell below ("{", its type, a null count): a code cell's count is the third.
            place = start // 2
            first = next(c for c in v2.cells if new_cells.get(c.id) == place)
            blocked = start in by_student or (
                first.cell_type == "code" and is_code(place) and ran(place)
            )
            kind = "new cells"
        elif start == end:
            index = start // 2
            cell_id = order[index]
            kind = "a changed text" if cell_id in t else "a removed cell"
            if cell_id in t:
                blocked = False  # a changed text: merged line by line within the cell, below
            else:
                # A removed cell: its deletion slides over the opening lines of the cell below.
                blocked = bool(by_student & {start - 1, start, start + 1}) or (
                    is_code(index) and is_code(index + 1) and ran(index + 1)
                )
        else:
            # Changes in neighbouring cells can become one change in git's diff: they arrive
            # whole when the student worked nowhere in them nor in the cell above or below.
            low = start - 2 if start % 2 else start - 1
            high = end + 2 if end % 2 else end + 1
            blocked = bool(by_student & set(range(low, high + 1)))
            kind = "several changes"
        if seen is not None:
            seen.append(f"{kind}: {'the student worked there' if blocked else 'checked'}")
        if blocked:
            continue  # where git's merge cannot deliver this: tests below show what happens
        for position in range(start, end + 1):
            changed = [order[position // 2]] if position % 2 else []
            changed += [c for c, g in new_cells.items() if 2 * g == position]
            for cell_id in changed:
                if cell_id not in t:
                    if cell_id in m:
                        problems.append(f"{name}: removed upstream, {cell_id} is still there")
                elif cell_id not in m:
                    problems.append(f"{name}: v2's {cell_id} did not arrive")
                elif cell_id not in b or o[cell_id] == b[cell_id]:
                    if m[cell_id] != t[cell_id]:
                        problems.append(f"{name}: v2's {cell_id} did not arrive as it is")
                elif o[cell_id].source == b[cell_id].source:
                    # Run by the student: the new text arrives, their outputs stay (below).
                    if m[cell_id].source != t[cell_id].source:
                        problems.append(f"{name}: v2's text of {cell_id} did not arrive")
    for i, cell_id in enumerate(order):
        if 2 * i + 1 not in by_student | by_instructor and m.get(cell_id) != t[cell_id]:
            problems.append(f"{name}: {cell_id}, which the student did not touch, is not v2's")
    for cell_id, cell in o.items():
        old = b.get(cell_id)
        if cell_id not in m:
            if old is None:
                problems.append(f"{name}: the student's cell {cell_id} is gone")
            elif old.source != cell.source:
                # Removed upstream, and new cells put in its place: git may pair it with a new
                # cell of the same type, which then holds the new cell's first lines and the
                # rest of the student's. Every line the student wrote must still be there.
                written = _written_lines(old.source, cell.source)
                if cell_id in t or not any(_holds(c.source, written) for c in nb.cells):
                    problems.append(f"{name}: the student's lines in {cell_id} are gone")
            continue
        if old is None or old.source != cell.source:
            wanted = cell.source
            if old is not None and cell_id in t and t[cell_id].source != old.source:
                wanted = merged_text(old.source, cell.source, t[cell_id].source)
            if m[cell_id].source != wanted:
                problems.append(f"{name}: the student's text of {cell_id} is not kept")
        if cell.get("outputs") != (old or {}).get("outputs") and (
            m[cell_id].outputs != cell.outputs or m[cell_id].execution_count != cell.execution_count
        ):
            problems.append(f"{name}: the student's outputs of {cell_id} are gone")
    for side, cells_ in (("student's", student.cells), ("v2's", v2.cells)):
        mine_order = [c.id for c in cells_ if c.id in m]
        if [c for c in ids if c in set(mine_order)] != mine_order:
            problems.append(f"{name}: cells not in the {side} order")
    if nb.metadata != student.metadata:
        problems.append(f"{name}: the notebook's metadata is not the student's")
    return problems


def _written_lines(old: str, new: str) -> list[str]:
    """The lines of `new` that are not lines of `old` (what a person wrote), in order."""
    matcher = difflib.SequenceMatcher(a=old.split("\n"), b=new.split("\n"), autojunk=False)
    lines = new.split("\n")
    return [
        line
        for tag, _, _, start, end in matcher.get_opcodes()
        if tag in ("insert", "replace")
        for line in lines[start:end]
    ]


def _holds(text: str, lines: list[str]) -> bool:
    """Whether `lines` are lines of `text`, in this order."""
    remaining = iter(text.split("\n"))
    return all(line in remaining for line in lines)


def _written(cell):
    """What a person writes in a cell (its type, text and metadata); None for no cell."""
    return None if cell is None else (cell.cell_type, cell.source, cell.metadata)


def _cells(nb) -> dict:
    return {cell.id: cell for cell in nb.cells}


@pytest.mark.slow
# Each example releases, clones, works, releases and pulls (about a second on an idle machine):
# 60 of them keep this file near a minute and a half; every run draws new ones.
@settings(max_examples=60, deadline=None)
@given(scenario=SCENARIOS)
def test_an_update_keeps_every_student_edit_and_brings_every_other_change(first_release, scenario):
    """Every promise of :func:`check_notebook`, for every notebook, after a random update.

    The student works in one or two notebooks (the same ones the instructor changes, near the
    same cells, so their changes meet): opens them, runs cells, answers exercises, edits text,
    adds cells of their own, and may delete a notebook. The instructor adds exercises, edits
    sentences and figures, removes cells and adds a lesson. Outputs: a cell the student ran
    keeps their outputs and count after the pull, even where v2 changed its code.
    """
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        course = folder / "course"
        shutil.copytree(first_release / "course", course)
        shutil.copytree(first_release / "release", folder / "release")
        releases = folder / "release"
        student = folder / "student"
        pull(releases, student)
        assert (student / ".git" / "shallow").is_file(), "not a shallow clone, as on a hub"
        v1 = {p.name: p.read_bytes() for p in (releases / "notebooks").glob("*.ipynb")}
        for line in act_as_student(scenario, student):
            note(line)
        mine = {p.name: p.read_bytes() for p in (student / "notebooks").glob("*.ipynb")}
        for line in act_as_instructor(scenario, course, releases):
            note(line)
        release(releases, course=course, check_answers=False)
        v2 = {p.name: p.read_bytes() for p in (releases / "notebooks").glob("*.ipynb")}
        pull(releases, student)
        got = {p.name: p.read_bytes() for p in (student / "notebooks").glob("*.ipynb")}
        problems, seen = [], []
        assert set(got) >= set(v2), "a notebook of v2 is missing"
        for name in sorted(v2):
            problems += check_notebook(
                name, v1.get(name), mine.get(name), v2[name], got[name], seen
            )
        for line in seen:
            event(line)
        if problems:
            for name in sorted({p.split(":")[0] for p in problems}):
                if name in v1 and name in mine:
                    note(_diff(v1[name], mine[name], v2[name], folder))
        assert not problems, "\n".join(problems)


def _diff(base: bytes, mine: bytes, new: bytes, folder: Path) -> str:
    """git merge-file's view of a notebook's merge (conflicts shown, none resolved)."""
    files = []
    for label, data in (("mine", mine), ("base", base), ("new", new)):
        path = folder / f"merge-{label}"
        path.write_bytes(data)
        files.append(str(path))
    shown = subprocess.run(
        ["git", "merge-file", "-p", "--diff3", *files], capture_output=True, text=True
    ).stdout
    # Only the conflicts and a little around them.
    out, keep = [], 0
    lines_ = shown.split("\n")
    for number, text_line in enumerate(lines_):
        if text_line.startswith("<<<<<<<"):
            out.append("...")
            out.extend(lines_[max(0, number - 8) : number])
            keep = 1
        if keep:
            out.append(text_line)
            if text_line.startswith(">>>>>>>"):
                out.extend(lines_[number + 1 : number + 8])
                keep = 0
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# The cases a line merge cannot deliver, one by one: what the student gets


@dataclass
class Update:
    """One lesson through one update: v1, the student's copy before and after, and v2."""

    v1: dict
    mine: dict
    v2: dict
    got: dict
    order: list[str]
    folder: Path

    @property
    def new_ids(self) -> list[str]:
        return [cell_id for cell_id in self.v2 if cell_id not in self.v1]


def update_lesson(first_release, folder: Path, lesson: str, student, instructor) -> Update:
    """Release v1, the student's `student(nb)` and save, the instructor's `instructor(nb)` on
    the lesson's source, release v2, pull: the lesson at each stage, cells by id."""
    course, releases, home = folder / "course", folder / "release", folder / "student"
    shutil.copytree(first_release / "course", course)
    shutil.copytree(first_release / "release", releases)
    pull(releases, home)
    path = home / "notebooks" / lesson
    v1 = read(path)
    nb = read(path)
    student(nb)
    save(nb, path)
    mine = read(path)
    source = _source_path(course, lesson)
    nb = read(source)
    instructor(nb)
    nbformat.write(nb, source)
    release(releases, course=course, check_answers=False)
    pull(releases, home)
    got = read(path)
    nbformat.validate(got)
    return Update(
        _cells(v1),
        _cells(mine),
        _cells(read(releases / "notebooks" / lesson)),
        _cells(got),
        [cell.id for cell in got.cells],
        home,
    )


def run_every_cell(nb) -> None:
    """A student runs the lesson top to bottom: a count and outputs in every code cell.

    They ran one cell twice on the way, as students do, so their counts are not the cells'
    positions among the code cells.
    """
    count = 1
    for cell in nb.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = _outputs(count, ("ran",))


def insert_before(cell_id: str, *cells):
    """An instructor's edit: `cells` inserted right above the source cell `cell_id`."""

    def edit(nb):
        index = next(i for i, cell in enumerate(nb.cells) if cell.id == cell_id)
        nb.cells[index:index] = cells

    return edit


def remove(cell_id: str):
    def edit(nb):
        nb.cells = [cell for cell in nb.cells if cell.id != cell_id]

    return edit


FAILS = "07_when_kmeans_fails.ipynb"


@dataclass
class Places:
    """Cells of a released lesson where the cases below happen, found by what they are."""

    title: str  # the first text cell of several lines
    above_kept: str  # a text cell right above `kept`
    kept: str  # a code cell with stored outputs (its result, shown without a run)
    stub: str  # an exercise's code cell (two code cells in a row: this and `check`)
    check: str  # the cell that checks it


@pytest.fixture(scope="module")
def places(first_release) -> Places:
    cells = read(first_release / "release" / "notebooks" / FAILS).cells
    pairs = list(zip(cells, cells[1:]))
    above, kept = next(
        (a, b)
        for a, b in pairs
        if a.cell_type == "markdown" and "keep_output" in b.metadata.get("tags", [])
    )
    stub, check = next(
        (a, b)
        for a, b in pairs
        if a.cell_type == b.cell_type == "code" and CODE_STUB in a.source and "check_" in b.source
    )
    title = next(c for c in cells if c.cell_type == "markdown" and c.source.count("\n") >= 4)
    return Places(title.id, above.id, kept.id, stub.id, check.id)


def new_exercise():
    return (
        v4.new_markdown_cell("### Exercise 0: one more\n\nWrite `one_more()`."),
        v4.new_code_cell('def one_more():\n    """One."""\n    # SOLUTION\n    return 1'),
        v4.new_code_cell('check_one_more(globals().get("one_more", ...))'),
    )


def test_a_new_exercise_above_a_cell_the_student_ran_arrives(first_release, places, tmp_path):
    # The cell below has stored outputs. Had the release stored their execution count (its
    # position), the two new code cells above would change it, next to the line the student's
    # run changed, and git would have made that one conflict and dropped the exercise.
    update = update_lesson(
        first_release, tmp_path, FAILS, run_every_cell, insert_before(places.kept, *new_exercise())
    )
    assert len(update.new_ids) == 3
    for cell_id, cell in update.v2.items():
        assert update.got[cell_id].source == cell.source
    assert update.order == [cell_id for cell_id in update.v2]
    kept = places.kept
    assert update.got[kept].outputs == update.mine[kept].outputs  # the student's run
    assert update.v2[kept].execution_count is None
    assert all(o.get("execution_count", None) is None for o in update.v2[kept].outputs)


def test_new_cells_that_start_with_code_right_above_code_the_student_ran_do_not_arrive(
    first_release, places, tmp_path
):
    """The limit of git's line merge that no way of storing notebooks removes.

    Every code cell opens with the same three lines (``{``, its type, ``"execution_count":
    null``); git's diff slides new code cells over the opening of the code cell below them, so
    that the change ends next to that cell's count, the line a student's run changes. Git
    makes the two one conflict, ``-Xours`` gives it to the student, and the new cells are not
    in their copy; nothing says so. Starting the new cells with a markdown cell (as an exercise
    does, with its question) avoids it: the test above.
    """
    hint = v4.new_code_cell("# A hint: the mean of each column, then the spread.\nframe.mean()")
    update = update_lesson(
        first_release, tmp_path, FAILS, run_every_cell, insert_before(places.check, hint)
    )
    assert hint.id in update.v2 and hint.id not in update.got
    # What the student has: their own notebook, runs included, as if there were no new cell.
    assert update.got == update.mine
    # And the remedy: rename the lesson, click the link again.
    fresh_copy(update.folder, FAILS)


def fresh_copy(home: Path, lesson: str) -> None:
    """Rename the student's lesson and pull again: v2 as released, and the renamed copy kept."""
    path = home / "notebooks" / lesson
    mine = path.read_bytes()
    renamed = path.with_name(path.stem + "_mine.ipynb")
    path.rename(renamed)
    pull(home.parent / "release", home)
    assert path.read_bytes() == (home.parent / "release" / "notebooks" / lesson).read_bytes()
    assert renamed.read_bytes() == mine


def run_only(cell_id: str):
    """A student's edit: they run one cell (the check of an exercise they have not done)."""

    def edit(nb):
        cell = next(cell for cell in nb.cells if cell.id == cell_id)
        cell.execution_count = 1
        cell.outputs = _outputs(1, ("not attempted yet",))

    return edit


def test_a_removed_code_cell_right_above_code_the_student_ran_stays(
    first_release, places, tmp_path
):
    # The same opening lines: the removal slides down to the count of the cell below.
    stub = places.stub
    update = update_lesson(first_release, tmp_path, FAILS, run_only(places.check), remove(stub))
    assert stub not in update.v2
    assert update.got == update.mine
    assert update.got[stub] == update.v1[stub]
    # A markdown cell above it goes: its opening differs from a code cell's at the second line.
    update = update_lesson(
        first_release, tmp_path / "markdown", FAILS, run_every_cell, remove(places.above_kept)
    )
    assert places.above_kept not in update.got
    assert update.order == [cell_id for cell_id in update.v2]


def test_where_student_and_instructor_add_cells_at_the_same_place_the_students_are_kept(
    first_release, places, tmp_path
):
    mine = v4.new_markdown_cell("My notes on this.", id=str(uuid.uuid4()))

    def add_own_cell(nb):
        index = next(i for i, cell in enumerate(nb.cells) if cell.id == places.kept)
        nb.cells.insert(index, mine)

    exercise = insert_before(places.kept, *new_exercise())
    update = update_lesson(first_release, tmp_path, FAILS, add_own_cell, exercise)
    assert update.got[mine.id].source == mine.source
    assert not set(update.new_ids) & set(update.got)
    assert update.got == update.mine
    fresh_copy(update.folder, FAILS)


def test_a_removed_cell_next_to_a_cell_the_student_added_can_stay(first_release, places, tmp_path):
    # The student's note slides over the removed cell's opening ("{", "markdown"), into the
    # lines the removal takes: one conflict, which the student's side wins, removed cell and all.
    mine = v4.new_markdown_cell("My note on the five scores.", id=str(uuid.uuid4()))

    def add_own_cell(nb):
        index = next(i for i, cell in enumerate(nb.cells) if cell.id == removed)
        nb.cells.insert(index, mine)

    removed = places.above_kept
    update = update_lesson(first_release, tmp_path, FAILS, add_own_cell, remove(removed))
    assert removed not in update.v2
    assert update.got[removed] == update.v1[removed]
    assert update.got[mine.id].source == mine.source


def test_a_cell_both_changed_keeps_the_students_lines_and_the_instructors_others(
    first_release, places, tmp_path
):
    title = places.title

    def student_edits(nb):
        cell = next(cell for cell in nb.cells if cell.id == title)
        lines = cell.source.split("\n")
        cell.source = "\n".join(["# My lesson 7", *lines[1:-1], lines[-1] + " (Read twice.)"])

    def instructor_edits(nb):
        cell = next(cell for cell in nb.cells if cell.id == title)
        lines = cell.source.split("\n")
        middle = len(lines) // 2
        lines[0] = "# Lesson 7 · Where k-means goes wrong"  # the line the student changed too
        lines[middle] = "A new sentence in the middle."
        cell.source = "\n".join(lines)

    update = update_lesson(first_release, tmp_path, FAILS, student_edits, instructor_edits)
    got = update.got[title].source.split("\n")
    v2 = update.v2[title].source.split("\n")
    mine = update.mine[title].source.split("\n")
    middle = len(v2) // 2
    assert got[0] == "# My lesson 7"  # the same line: the student's wins
    assert got[middle] == "A new sentence in the middle."  # another line: the instructor's
    assert got[-1] == mine[-1]
    assert got == mine[:middle] + v2[middle : middle + 1] + mine[middle + 1 :]


def test_a_students_own_notebook_is_kept_and_renamed_when_a_release_brings_its_name(
    first_release, tmp_path
):
    course, releases, home = tmp_path / "course", tmp_path / "release", tmp_path / "student"
    shutil.copytree(first_release / "course", course)
    shutil.copytree(first_release / "release", releases)
    pull(releases, home)
    own = home / "notebooks" / "my_notes.ipynb"
    same_name = home / "notebooks" / NEW_LESSON
    for path in (own, same_name):
        save(v4.new_notebook(cells=[v4.new_markdown_cell(f"Mine: {path.name}")]), path)
    mine = {path: path.read_bytes() for path in (own, same_name)}
    act_as_instructor(
        Scenario(("index.ipynb",), (0.5,), (), (Action("new_lesson", text=("New.",)),)),
        course,
        releases,
    )
    release(releases, course=course, check_answers=False)
    lines = pull(releases, home)
    assert own.read_bytes() == mine[own]
    assert same_name.read_bytes() == (releases / "notebooks" / NEW_LESSON).read_bytes()
    # nbgitpuller put the date and time into the name of the student's file before the pull.
    renamed = sorted(same_name.parent.glob("12_a_new_lesson__*.ipynb"))
    assert len(renamed) == 1 and renamed[0].read_bytes() == mine[same_name]
    assert any("to avoid conflict with upstream" in line for line in lines)
