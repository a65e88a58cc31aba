"""``python -m kmeans_teach release DIR``: the student copy of the course, one commit per release.

The instructor's repository (lesson sources with answers, the package, the tests) is not what
students receive. :func:`release` writes the student release into ``DIR``, a git repository
that nbgitpuller, Binder or a hub pulls from:

``notebooks/``
    the student notebooks of every lesson (without model answers), the index, the cheat sheet,
    the explorer and animations notebooks; and ``NN_name_answers.ipynb`` for each lesson whose
    answers the instructor has published (``--answers``). Published answers stay published.
``wheels/kmeans_teach-<version>-py3-none-any.whl``
    the exact package the notebooks need (:mod:`.wheel`); every released notebook checks for
    that version in its first cell.
``binder/``
    what Binder (repo2docker) reads: the course's environment and a ``postBuild`` that installs
    that wheel, so a Binder image matches its notebooks, and installs the course's JupyterLab
    defaults.
``jupyter-config/labconfig/default_setting_overrides.json``
    those defaults (the course's own file): notebooks saved with their widget state, no news
    pop-up.
``requirements.txt``
    the same for a hub's image: ``pip install -r requirements.txt`` in the release folder.
``README.md``, ``.gitignore``, ``course-release.json``
    for students; JupyterLab's checkpoints kept out of git; the release's record (its number,
    the package version, the files it wrote, the answers published).

The first release makes ``DIR`` (or fills an empty folder); each later one is one commit on
top of the last, so that students' pulls merge. A release that would change nothing makes no
commit. There is no merge rule (``.gitattributes``) in a release: nbgitpuller's merge keeps a
student's version of a cell they changed and brings every other change.

Before anything is written, everything is checked: ``DIR`` is new, empty, or a release with
nothing uncommitted; the lessons named in ``answers`` exist; the sources mark their answers
correctly; every model answer passes its check (each lesson source is run, its checks turned
into asserts); and no line of any answer is in a released file outside its published answers.
The commit is made in a temporary clone next to ``DIR`` and only then brought into ``DIR``
(a fast-forward), so a failure part way leaves ``DIR`` exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ._words import LESSON_NAME, SOURCES_FOLDER, lesson_number
from .markers import marker_problems
from .normalising import normalise
from .notebook_io import _parse, _read_text, _show
from .release_notebooks import (
    answer_leaks,
    answer_lines,
    answers_name,
    notebook_bytes,
    released_answers,
    released_lesson,
    released_notebook,
    unreachable_changes,
)
from .wheel import build_wheel, package_folder

RECORD = "course-release.json"
WHEELS = "wheels"
#: The course's JupyterLab defaults, one file (read by run.py; installed by binder/postBuild).
LAB_SETTINGS = "jupyter-config/labconfig/default_setting_overrides.json"
# The notebooks written by hand that a release carries, besides the lessons.
HAND_WRITTEN = ("index.ipynb", "cheat_sheet.ipynb", "explorer.ipynb", "animations.ipynb")
BRANCH = "main"
# Used for the commit only when git has no identity configured for the instructor.
FALLBACK_IDENTITY = {
    "GIT_AUTHOR_NAME": "kmeans-teach release",
    "GIT_AUTHOR_EMAIL": "release@kmeans-teach.invalid",
    "GIT_COMMITTER_NAME": "kmeans-teach release",
    "GIT_COMMITTER_EMAIL": "release@kmeans-teach.invalid",
}


class ReleaseError(ValueError):
    """The release cannot be made; nothing was written. The message says why and what to do."""


@dataclass
class ReleaseReport:
    """What a release did.

    Attributes
    ----------
    target : pathlib.Path
        The release folder.
    number : int
        The release's number (1 for the first); unchanged when nothing changed.
    version : str
        The package version the notebooks need.
    wheel : str
        The wheel's path inside the release.
    commit : str or None
        The new commit's hash, or None when the release was already up to date.
    changed : list of str
        The files added, changed or removed, relative to the release folder.
    package_changed : bool
        Whether the package version differs from the previous release's (or it is the first).
    answers : list of str
        The lessons whose answers are published (two-digit numbers).
    answers_checked : bool
        Whether every model answer was run against its check.
    warnings : list of str
        Changes that will not reach students who ran the cell below them (see
        :func:`~kmeans_teach.authoring.release_notebooks.unreachable_changes`).
    """

    target: Path
    number: int
    version: str
    wheel: str
    commit: str | None
    changed: list[str] = field(default_factory=list)
    package_changed: bool = True
    answers: list[str] = field(default_factory=list)
    answers_checked: bool = True
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report for the instructor, ending with the steps that make students get it."""
        where = _show(self.target)
        if self.commit is None:
            return [
                f"{where} is already up to date (release {self.number}, kmeans_teach"
                f" {self.version}): nothing to commit."
            ]
        lines = [
            f"Released the course to {where}: release {self.number}, commit {self.commit[:10]}.",
            f"  Changed: {len(self.changed)} files"
            + (f" ({', '.join(self.changed[:8])}{', ...' if len(self.changed) > 8 else ''})"),
            f"  The notebooks need kmeans_teach {self.version} ({self.wheel}).",
        ]
        if self.answers:
            lines.append(f"  Model answers published for lessons {', '.join(self.answers)}.")
        if not self.answers_checked:
            lines.append("  The model answers were NOT run against their checks (--skip-checks).")
        if self.warnings:
            lines += [
                "",
                "Warning: these changes will not reach every student (docs/updates.md); change them"
                " as each says and release again, or tell the class to take a fresh copy:",
                *(f"  {warning}" for warning in self.warnings),
            ]
        lines += ["", "Next steps:"]
        step = 1
        lines.append(
            f"  {step}. Publish it where students pull from: git -C {where} push"
            " (the first time, add the remote: git -C DIR remote add origin URL)."
        )
        step += 1
        if self.package_changed:
            lines.append(
                f"  {step}. The package changed: rebuild the hub's image from this release (or run"
                f" `pip install -r requirements.txt` in it on a Littlest JupyterHub) BEFORE"
                " students pull, or their lessons stop at the first cell with a sentence that"
                " asks for the new image. Binder rebuilds by itself."
            )
        else:
            lines.append(f"  {step}. The package is unchanged: the hub's image needs no rebuild.")
        step += 1
        lines.append(
            f"  {step}. Students open their nbgitpuller link again: their edits are kept, every"
            " other change arrives (docs/teaching-a-class.md)."
        )
        return lines


def release(
    target: str | os.PathLike,
    *,
    course: str | os.PathLike = ".",
    answers: tuple[str, ...] | list[str] = (),
    check_answers: bool = True,
) -> ReleaseReport:
    """Write (the first time) or update the student release of the course in `target`.

    Parameters
    ----------
    target : str or path-like
        The release folder: new, empty, or a release made by this function with nothing
        uncommitted (``~`` stands for your home folder).
    course : str or path-like, default "."
        The instructor's repository: it holds ``notebooks/solutions/``.
    answers : sequence of str, default ()
        Lessons whose model answers to publish, by number (``"03"`` or ``"3"``), on top of those
        published before.
    check_answers : bool, default True
        Run every lesson source with its checks turned into asserts (a few minutes) and refuse
        the release if a model answer does not pass its check.

    Returns
    -------
    ReleaseReport
        What was released; ``.lines()`` says it, with the next steps.

    Raises
    ------
    ReleaseError
        With nothing written, for any of the problems listed in the module docstring.
    """
    target = Path(target).expanduser().absolute()
    course = Path(course).expanduser().absolute()
    # Everything that can be refused is checked before anything is written.
    previous = _previous_record(target)
    sources = _read_sources(course)
    published = sorted(set(previous.get("answers", [])) | set(_lesson_numbers(answers, sources)))
    if check_answers:
        from .answer_check import failing_answers

        failures = failing_answers(course / "notebooks" / SOURCES_FOLDER, sources)
        if failures:
            raise ReleaseError(
                "Not releasing: these model answers do not pass their checks (fix the lesson"
                " sources, then release again):\n" + "\n".join(f"  {line}" for line in failures)
            )
    wheel = build_wheel(package_folder())
    files = _release_files(course, sources, wheel, published)
    leaks = answer_leaks(files, answer_lines(sources))
    if leaks:
        raise ReleaseError(
            "Not releasing: a line of an answer would reach the students:\n"
            + "\n".join(f"  {line}" for line in leaks)
        )
    warnings = [
        warning
        for path, data in files.items()
        if path.endswith(".ipynb") and (old := _committed(target, path, previous)) is not None
        for warning in unreachable_changes(old, data, path)
    ]
    number = previous.get("release", 0) + 1
    record = {
        "release": number,
        "package_version": wheel.version,
        "wheel": f"{WHEELS}/{wheel.filename}",
        "answers": published,
        "files": sorted([*files, RECORD]),
    }
    record_bytes = (json.dumps(record, indent=1) + "\n").encode("utf-8")
    commit, changed = _commit(
        target, files, record_bytes, previous, number, wheel.version, published
    )
    return ReleaseReport(
        target=target,
        number=number if commit else previous.get("release", number),
        version=wheel.version,
        wheel=record["wheel"],
        commit=commit,
        changed=changed,
        package_changed=previous.get("package_version") != wheel.version,
        answers=published,
        answers_checked=check_answers,
        warnings=warnings if commit else [],
    )


# --------------------------------------------------------------------------------------------
# What is checked first


def _previous_record(target: Path) -> dict:
    """The record of the release in `target`, {} for a new or empty folder; refuses the rest."""
    if target.is_symlink() and not target.exists():
        raise ReleaseError(f"{_show(target)} is a link to a folder that does not exist.")
    if not target.exists():
        parent = target.parent
        if not parent.is_dir():
            what = "is a file, not a folder" if parent.exists() else "does not exist"
            raise ReleaseError(
                f"Cannot release to {_show(target)}: its folder {_show(parent)}/ {what}."
            )
        if not os.access(parent, os.W_OK | os.X_OK):
            raise ReleaseError(
                f"Cannot release to {_show(target)}: its folder {_show(parent)}/ is read-only."
            )
        return {}
    if not target.is_dir():
        raise ReleaseError(f"Cannot release to {_show(target)}: it is a file, not a folder.")
    if not os.access(target, os.W_OK | os.X_OK) or not os.access(target.parent, os.W_OK):
        raise ReleaseError(
            f"Cannot release to {_show(target)}: it (or its folder) is read-only; the release is"
            " prepared next to it and then brought in."
        )
    entries = list(target.iterdir())
    if not entries:
        return {}
    record_path = target / RECORD
    if not (target / ".git").exists():
        raise ReleaseError(
            f"{_show(target)} is not a course release: it holds other files and is not a git"
            " repository. Name a new or empty folder, or an earlier release."
        )
    if not record_path.is_file() or not _tracked(target, RECORD):
        raise ReleaseError(
            f"{_show(target)} is a git repository but not a course release (it has no committed"
            f" {RECORD}): releasing there would mix the course into another project. Name a"
            " new or empty folder, or an earlier release."
        )
    dirty = _git(target, "status", "--porcelain", "--untracked-files=no").strip()
    if dirty:
        raise ReleaseError(
            f"{_show(target)} has changes that are not committed:\n{dirty}\nA release is made"
            " only from the course's sources; commit or discard those changes first."
        )
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        int(record["release"])
    except (ValueError, KeyError, TypeError) as error:
        raise ReleaseError(
            f"{_show(record_path)} cannot be read ({error}): restore it from git"
            f" (git -C {_show(target)} checkout -- {RECORD})."
        ) from error
    return record


def _read_sources(course: Path) -> dict[str, object]:
    folder = course / "notebooks" / SOURCES_FOLDER
    if not folder.is_dir():
        raise ReleaseError(
            f"There are no lesson sources in {_show(folder)}/: run this in the course's"
            " repository, or name it with --course PATH."
        )
    sources = {}
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        if not LESSON_NAME.fullmatch(path.name):
            continue
        try:
            nb = _parse(_read_text(path), path)
        except (ValueError, OSError) as error:
            raise ReleaseError(str(error)) from error
        problems += marker_problems(nb, _show(path))
        sources[path.name] = nb
    if problems:
        raise ReleaseError(
            "Not releasing: the answers are marked in a way that would publish them:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    if not sources:
        raise ReleaseError(f"There are no lesson sources NN_name.ipynb in {_show(folder)}/.")
    return sources


def _lesson_numbers(asked, sources: dict[str, object]) -> list[str]:
    """Two-digit lesson numbers from "03", "3" or "03_lloyds_algorithm"; refuses unknown ones."""
    known = {name[:2]: name for name in sources}
    numbers = []
    for item in asked:
        number = lesson_number(item)
        if number not in known:
            raise ReleaseError(
                f"There is no lesson {item!r} to publish the answers of; the lessons are"
                f" {', '.join(sorted(known))}."
            )
        numbers.append(number)
    return numbers


# --------------------------------------------------------------------------------------------
# What a release holds


def _release_files(course: Path, sources, wheel, published: list[str]) -> dict[str, bytes]:
    """Every file of the release (path inside it: bytes), except its record."""
    files: dict[str, bytes] = {}
    for name, source in sources.items():
        files[f"notebooks/{name}"] = notebook_bytes(released_lesson(source, wheel.version))
        if name[:2] in published:
            files[f"notebooks/{answers_name(name)}"] = notebook_bytes(
                released_answers(source, name, wheel.version)
            )
    for name in HAND_WRITTEN:
        path = course / "notebooks" / name
        if not path.is_file():
            raise ReleaseError(f"The course has no {_show(path)}, which every release carries.")
        nb = normalise(_parse(_read_text(path), path))
        files[f"notebooks/{name}"] = notebook_bytes(released_notebook(nb, wheel.version))
    wheel_path = f"{WHEELS}/{wheel.filename}"
    files[wheel_path] = wheel.data
    environment = course / "environment.yml"
    if not environment.is_file():
        raise ReleaseError(f"The course has no {_show(environment)}, which Binder builds from.")
    files["binder/environment.yml"] = environment.read_bytes()
    post_build = _POST_BUILD.format(wheel=wheel_path)
    settings = course / LAB_SETTINGS
    if settings.is_file():  # the course's JupyterLab defaults, as run.py and binder/ use them
        files[LAB_SETTINGS] = settings.read_bytes()
        post_build += _INSTALL_LAB_SETTINGS.format(settings=LAB_SETTINGS)
    files["binder/postBuild"] = post_build.encode()
    start = course / "binder" / "start"
    if start.is_file():
        files["binder/start"] = start.read_bytes()
    files["requirements.txt"] = _REQUIREMENTS.format(wheel=wheel_path).encode()
    files[".gitignore"] = b".ipynb_checkpoints/\n__pycache__/\n"
    files["README.md"] = _README.format(version=wheel.version).encode()
    return files


_POST_BUILD = """\
#!/bin/bash
# Binder (repo2docker) runs this once, after installing binder/environment.yml: it installs
# the exact package these notebooks were released with.
set -euo pipefail
python -m pip install --no-deps --no-cache-dir {wheel}
"""

# The course's JupyterLab defaults (widget state saved, no news pop-up), where the server
# reads them: etc/jupyter/labconfig of the environment it runs from (see binder/postBuild).
_INSTALL_LAB_SETTINGS = """\
install -D -m 644 {settings} \\
    "${{NB_PYTHON_PREFIX}}/etc/jupyter/labconfig/default_setting_overrides.json"
"""

_REQUIREMENTS = """\
# What a hub's image (or a Littlest JupyterHub's user environment) needs for this release:
# run `pip install -r requirements.txt` in this folder. The wheel is the exact package the
# notebooks were released with; [lab] brings JupyterLab, scikit-learn and the rest.
./{wheel}[lab]
# nbgitpuller hands the release to students through links.
nbgitpuller>=1.2
"""

_README = """\
# k-means, one step at a time: your copy of the course

This folder is the course as your instructor released it. Start with
`notebooks/index.ipynb`: it lists the eleven lessons and how long each takes. Every lesson
runs top to bottom; the exercises are in the lessons, each followed by a cell that checks your
answer and says what to fix.

## Getting updates

Your instructor may update the course during the term (a new exercise, a corrected
sentence). To get an update, open the course link you were given again. What you wrote is
never lost:

- every line you wrote stays, and cells you added stay where you put them, with your outputs;
- every notebook you did not change becomes the new version, and a notebook you deleted
  comes back, new;
- in a notebook you worked in, changes to cells you did not touch arrive.

Where you and your instructor changed the same place, your version stays and theirs does not
arrive, with no message. That happens where you changed, ran or added cells right at the
place they changed: new cells that start with a code cell right above a code cell you ran,
new cells exactly where you added your own, a cell taken out that you changed or ran, and
several changes next to a cell you worked in.

To get the new version of a lesson (when your instructor says it changed, or it looks wrong
after an update), rename your notebook (for example to `03_lloyds_algorithm_mine.ipynb`) and
open the link again: the lesson comes back exactly as released, and your renamed copy stays
as it is.

## Model answers

After a deadline your instructor may publish the model answers of a lesson, as
`NN_name_answers.ipynb` next to it. Try first: recognising an answer is much easier than
producing it.

## If a lesson stops at its first cell

The first cell of each lesson checks that the server has the version of the course's package
these notebooks need (kmeans_teach {version}). If it says the server has another version,
tell your instructor: the server must be updated, and nothing is wrong with your work.
"""


# --------------------------------------------------------------------------------------------
# Git


def _commit(target: Path, files, record: bytes, previous: dict, number, version, answers):
    """Commit `files` and the `record` as the next release in a clone beside `target`, then
    fast-forward `target` to it.

    Returns (the commit's hash, or None when no file but the record would change; the changed
    paths).
    """
    work_parent = Path(tempfile.mkdtemp(prefix=f".{target.name}.release-", dir=target.parent))
    work = work_parent / "work"
    try:
        if previous:
            _git(target.parent, "clone", "--quiet", "--no-hardlinks", str(target), str(work))
        else:
            work.mkdir()
            _git(work, "init", "--quiet", f"--initial-branch={BRANCH}")
        # Files an earlier release wrote and this one does not are removed; files the
        # instructor added to the release by hand are left alone.
        for old in previous.get("files", []):
            if old not in files and old != RECORD and (work / old).is_file():
                (work / old).unlink()
        for path, data in files.items():
            destination = work / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            if path in ("binder/postBuild", "binder/start"):
                destination.chmod(0o755)
        _git(work, "add", "--all")
        # The record always changes (its number): a release is made only if something else does.
        if not _git(work, "diff", "--cached", "--name-only").split():
            return None, []
        (work / RECORD).write_bytes(record)
        _git(work, "add", RECORD)
        changed = _git(work, "diff", "--cached", "--name-only").split()
        message = f"Release {number}: kmeans_teach {version}"
        if answers:
            message += f"; model answers of lessons {', '.join(answers)}"
        _git(work, "commit", "--quiet", "-m", message, identity=True)
        commit = _git(work, "rev-parse", "HEAD").strip()
        if previous:
            # The only step that touches the release folder: a fast-forward to a finished
            # commit, which git makes file by file only after checking it can.
            _git(target, "fetch", "--quiet", str(work), "HEAD")
            _git(target, "merge", "--quiet", "--ff-only", "FETCH_HEAD")
        elif target.exists():
            target.rmdir()  # empty (checked): the finished release takes its place
            os.rename(work, target)
        else:
            os.rename(work, target)
        return commit, changed
    finally:
        shutil.rmtree(work_parent, ignore_errors=True)


def _committed(target: Path, path: str, previous: dict) -> bytes | None:
    """The file as the previous release committed it, or None (a first release, a new file)."""
    if not previous or path not in previous.get("files", []):
        return None
    result = subprocess.run(
        ["git", "show", f"HEAD:{path}"], cwd=target, capture_output=True, check=False
    )
    return result.stdout if result.returncode == 0 else None


def _tracked(repository: Path, path: str) -> bool:
    try:
        return bool(_git(repository, "ls-files", "--", path).strip())
    except ReleaseError:
        return False


def _git(repository: Path, *args: str, identity: bool = False) -> str:
    environ = dict(os.environ)
    if identity and not _has_identity(repository):
        environ.update(FALLBACK_IDENTITY)
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=repository,
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )
    except FileNotFoundError as error:
        raise ReleaseError("A release is a git repository, and git is not installed.") from error
    if result.returncode != 0:
        raise ReleaseError(
            f"git {' '.join(args)} failed in {_show(repository)}: {result.stderr.strip()}"
        )
    return result.stdout


def _has_identity(repository: Path) -> bool:
    found = subprocess.run(
        ["git", "config", "user.email"], cwd=repository, capture_output=True, text=True
    )
    return found.returncode == 0 and bool(found.stdout.strip())
