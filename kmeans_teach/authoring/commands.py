"""The command lines of the instructor's tools (dispatched from kmeans_teach/__main__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._validation import keywords_checked
from ._words import (
    DEFAULT_NOTEBOOKS,
    EXERCISES_COMMAND,
    GRADING_COMMAND,
    NORMALISE_COMMAND,
    ORPHANED,
    RELEASE_COMMAND,
)
from .generation import HandEditedNotebookError, generate_exercises
from .normalising import normalise_notebooks
from .notebook_io import NotebookWriteError, _show


def _has_nbformat(command: str) -> bool:
    """Whether nbformat can be imported; if not, say how to get it (no traceback)."""
    try:
        import nbformat  # noqa: F401
    except ModuleNotFoundError:
        print(
            f"error: `{command}` needs the nbformat package, which is not installed in this"
            f" Python ({sys.executable}). Install it with `pip install nbformat`, or use the"
            " course's environment: `python3 run.py test` makes .venv with everything.",
            file=sys.stderr,
        )
        return False
    return True


def _parse_args(parser: argparse.ArgumentParser, argv: list[str]):
    """Parsed arguments, or the exit code when argparse has already answered (--help, errors)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


@keywords_checked
def exercises_main(argv: list[str]) -> int:
    """``python -m kmeans_teach exercises [--check | --force] [--notebooks DIR]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``exercises``.

    Returns
    -------
    int
        0 when all is well; 1 when ``--check`` finds a problem, a hand-edited notebook stops
        generation, or an orphaned notebook is left; 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog=EXERCISES_COMMAND,
        description=(
            "Generate the students' exercise notebooks, notebooks/NN_name.ipynb, from the lesson"
            " sources with answers, notebooks/solutions/NN_name.ipynb. See CONTRIBUTING.md."
        ),
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the student notebooks that are missing, stale or orphaned",
    )
    mode.add_argument(
        "--force", action="store_true", help="overwrite student notebooks edited by hand"
    )
    parser.add_argument(
        "--notebooks",
        metavar="DIR",
        default=DEFAULT_NOTEBOOKS,
        help="the folder of the student notebooks (default: notebooks)",
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    if not _has_nbformat(EXERCISES_COMMAND):
        return 1
    try:
        lines = generate_exercises(args.notebooks, force=args.force, check=args.check)
    except (FileNotFoundError, ValueError, HandEditedNotebookError, NotebookWriteError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.check:
        if lines:
            print("\n".join(lines))
            return 1
        print(
            f"Student notebooks in {_show(Path(args.notebooks))}/ are in sync with their sources."
        )
        return 0
    print("\n".join(lines))
    return 1 if any(line.startswith(ORPHANED) for line in lines) else 0


def _where(paths: list[str]) -> str:
    return ", ".join(_show(Path(p)) + ("/" if Path(p).is_dir() else "") for p in paths)


@keywords_checked
def normalise_main(argv: list[str]) -> int:
    """``python -m kmeans_teach normalise [--check] [PATH ...]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``normalise``: notebook files or folders (default: notebooks).

    Returns
    -------
    int
        0 when all is well (including after rewriting files); 1 when ``--check`` finds a file
        that is not normalised, or a path is missing or not a notebook; 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog=NORMALISE_COMMAND,
        description=(
            "Store notebooks without outputs (except cells tagged keep_output), execution counts"
            " and editor metadata, so that diffs show only what a person wrote."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="notebooks, or folders searched for them (default: notebooks)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; list the files not normalised"
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    paths = args.paths or [DEFAULT_NOTEBOOKS]
    if not _has_nbformat(NORMALISE_COMMAND):
        return 1
    try:
        changed = normalise_notebooks(paths, check=args.check)
    except (FileNotFoundError, ValueError, NotebookWriteError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.check:
        if changed:
            command = " ".join([NORMALISE_COMMAND, *args.paths])
            print("These notebooks are not stored normalised (outputs, counts or editor metadata):")
            print("\n".join(f"  {_show(path)}" for path in changed))
            print(f"To fix, run: {command}")
            return 1
        print(f"All notebooks in {_where(paths)} are stored normalised.")
        return 0
    for path in changed:
        print(f"normalised {_show(path)}")
    if not changed:
        print(f"All notebooks in {_where(paths)} were already normalised.")
    return 0


@keywords_checked
def release_main(argv: list[str]) -> int:
    """``python -m kmeans_teach release DIR [--answers 03,05] [--course PATH] [--skip-checks]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``release``.

    Returns
    -------
    int
        0 when the release was written (or was already up to date); 1 when it was refused
        (nothing was written); 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog=RELEASE_COMMAND,
        description=(
            "Write (the first time) or update the students' copy of the course in DIR, a git"
            " repository that nbgitpuller, Binder or a hub pulls from: one commit per release,"
            " no answers unless published, and the exact package its notebooks need."
            " See docs/teaching-a-class.md."
        ),
    )
    parser.add_argument(
        "target", metavar="DIR", help="the release folder (new, empty, or a release)"
    )
    parser.add_argument(
        "--answers",
        metavar="NN,NN",
        default="",
        help="also publish the model answers of these lessons (e.g. 03,05), as"
        " NN_name_answers.ipynb next to each; answers published before stay published",
    )
    parser.add_argument(
        "--course",
        metavar="PATH",
        default=".",
        help="the course's repository, which holds notebooks/solutions/ (default: .)",
    )
    parser.add_argument(
        "--skip-checks",
        action="store_true",
        help="do not run the model answers against their checks first (a few minutes saved;"
        " the release then says so)",
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    if not _has_nbformat(RELEASE_COMMAND):
        return 1
    from .release import ReleaseError, _previous_record, release

    answers = [item for item in args.answers.replace(" ", ",").split(",") if item]
    try:
        # The release folder is checked before the minutes of running the lessons.
        _previous_record(Path(args.target).expanduser().absolute())
        if not args.skip_checks:
            print(
                "Running every lesson source with its checks asserted (a few minutes)...",
                flush=True,
            )
        report = release(
            args.target, course=args.course, answers=answers, check_answers=not args.skip_checks
        )
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


@keywords_checked
def grading_main(argv: list[str]) -> int:
    """``python -m kmeans_teach grading DIR [--lessons 01,03] [--course PATH]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``grading``.

    Returns
    -------
    int
        0 when the export was written; 1 when it was refused (nothing was written); 2 for bad
        arguments.
    """
    parser = argparse.ArgumentParser(
        prog=GRADING_COMMAND,
        description=(
            "Write (or update) an nbgrader course in DIR, made from the lesson sources: one"
            " assignment per lesson, source/lessonNN/, with the answers as solution cells and"
            " the checks as autograded test cells; then run nbgrader from DIR."
            " See docs/grading.md."
        ),
    )
    parser.add_argument(
        "target", metavar="DIR", help="the export folder (new, empty, or an earlier export)"
    )
    parser.add_argument(
        "--lessons",
        metavar="NN,NN",
        default=None,
        help="export only these lessons (e.g. 01,03; default: every lesson); an update"
        " replaces source/ as a whole, so name every lesson you grade",
    )
    parser.add_argument(
        "--course",
        metavar="PATH",
        default=".",
        help="the course's repository, which holds notebooks/solutions/ (default: .)",
    )
    args = _parse_args(parser, argv)
    if isinstance(args, int):
        return args
    if not _has_nbformat(GRADING_COMMAND):
        return 1
    from .grading import GradingExportError, export_grading

    lessons = None
    if args.lessons is not None:
        lessons = [item for item in args.lessons.replace(" ", ",").split(",") if item]
    try:
        lines = export_grading(args.target, lessons=lessons, course=args.course)
    except GradingExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
