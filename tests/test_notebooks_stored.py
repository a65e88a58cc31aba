"""The notebooks in the repository are stored as the authoring tools write them.

- Every notebook under notebooks/ is normalised: no outputs (except cells tagged keep_output),
  no execution counts, no editor metadata. Fix: python -m kmeans_teach normalise
- Every student notebook notebooks/NN_name.ipynb is what notebooks/solutions/NN_name.ipynb
  generates, and has such a source. Fix: python -m kmeans_teach exercises
"""

from pathlib import Path

import pytest

from kmeans_teach.authoring import generate_exercises, normalise_notebooks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

needs_notebooks = pytest.mark.skipif(not NOTEBOOKS.is_dir(), reason="no notebooks/ folder yet")


@pytest.fixture(autouse=True)
def from_the_repository_root(monkeypatch):
    # The messages then name files and commands as the reader types them at the root.
    monkeypatch.chdir(ROOT)


@needs_notebooks
def test_every_notebook_is_stored_normalised():
    unnormalised = normalise_notebooks(NOTEBOOKS, check=True)
    assert not unnormalised, (
        "These notebooks are stored with outputs, execution counts or editor metadata:\n"
        + "\n".join(f"  {path.relative_to(ROOT).as_posix()}" for path in unnormalised)
        + "\nTo fix, run: python -m kmeans_teach normalise"
    )


@needs_notebooks
def test_student_notebooks_are_in_sync_with_their_sources():
    problems = generate_exercises(NOTEBOOKS, check=True)
    assert not problems, "\n".join(problems)


def test_no_pre_commit_hook_lets_ruff_change_a_generated_notebook():
    import re

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    student = "notebooks/03_lloyds_algorithm.ipynb"
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            if not hook["id"].startswith("ruff"):
                continue
            changes_files = hook["id"] == "ruff-format" and "--check" not in hook.get("args", [])
            changes_files |= hook["id"] == "ruff-check" and "--fix" in hook.get("args", [])
            selected = re.search(hook.get("files", ""), student) and not (
                hook.get("exclude") and re.search(hook["exclude"], student)
            )
            assert not (changes_files and selected), hook


def test_git_keeps_student_notebooks_whole_on_a_merge():
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "notebooks/[0-9][0-9]_*.ipynb merge=binary linguist-generated=true" in rules
