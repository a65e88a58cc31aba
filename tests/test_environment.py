"""The environment around the package: pyproject.toml, environment.yml, binder/, README, CI.

These files describe the same set of dependencies and the same two commands in several places;
the tests below fail as soon as one place drifts from the others.
"""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
ENVIRONMENT_YML = ROOT / "environment.yml"
BINDER = ROOT / "binder"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"

# conda-forge names that differ from the PyPI names in pyproject.toml. matplotlib-base is
# matplotlib without the Qt GUI, which a notebook never uses.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
# environment.yml may list these although pyproject.toml does not: the interpreter and the
# installer that adds the package itself.
CONDA_ONLY = {"python", "pip"}

REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)   # distribution name
        \s*(?:\[[^\]]*\])?                         # extras, if any
        \s*(?P<spec>[^#;]*?)\s*(?:[#;].*)?$        # version specifier, then marker or comment
    """,
    re.VERBOSE,
)


def normalise(name: str) -> str:
    """PEP 503 name: case and the separators - _ . do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bound(spec: str) -> str | None:
    """The version after `>=` in a specifier such as ">=1.24,<3", or None if there is none."""
    match = re.search(r">=\s*([0-9][0-9A-Za-z.]*)", spec)
    return match.group(1) if match else None


def parse_requirements(lines: list[str]) -> dict[str, str | None]:
    """{normalised name: lower bound} of requirement strings (PEP 508 or conda match specs)."""
    parsed = {}
    for line in lines:
        match = REQUIREMENT.match(line)
        assert match, f"cannot read the requirement {line!r}"
        parsed[normalise(match["name"])] = lower_bound(match["spec"])
    return parsed


def load_pyproject() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        pytest.skip("reading pyproject.toml needs tomllib, which comes with Python 3.11+")
    with PYPROJECT.open("rb") as file:
        return tomllib.load(file)


def load_environment_yml(path: Path = ENVIRONMENT_YML) -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML reads environment.yml: pip install pyyaml")
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def pyproject_runtime_and_lab() -> dict[str, str | None]:
    project = load_pyproject()["project"]
    return parse_requirements(project["dependencies"] + project["optional-dependencies"]["lab"])


def environment_yml_dependencies() -> dict[str, str | None]:
    """{PyPI name: lower bound} of the conda dependencies (the python and pip entries included)."""
    entries = [dep for dep in load_environment_yml()["dependencies"] if isinstance(dep, str)]
    return {
        CONDA_TO_PYPI.get(name, name): bound for name, bound in parse_requirements(entries).items()
    }


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


# --- pyproject.toml and environment.yml agree ------------------------------------------------


def test_environment_yml_lists_every_runtime_and_lab_dependency_with_the_same_lower_bound():
    wanted = pyproject_runtime_and_lab()
    listed = environment_yml_dependencies()
    differences = [
        f"{name}: pyproject.toml says >={bound}, environment.yml "
        + (f"says >={listed[name]}" if name in listed else "does not list it")
        for name, bound in sorted(wanted.items())
        if listed.get(name, "missing") != bound
    ]
    assert not differences, "environment.yml is out of step with pyproject.toml:\n" + "\n".join(
        differences
    )


def test_environment_yml_lists_nothing_that_pyproject_toml_does_not():
    extra = sorted(set(environment_yml_dependencies()) - set(pyproject_runtime_and_lab()))
    extra = [name for name in extra if name not in CONDA_ONLY]
    assert not extra, (
        f"environment.yml lists {extra}, which are not runtime or `lab` dependencies in "
        "pyproject.toml (add them there too, or remove them)"
    )


def test_environment_yml_python_floor_matches_requires_python():
    requires_python = load_pyproject()["project"]["requires-python"]
    python_floor = environment_yml_dependencies().get("python", "missing")
    assert python_floor == lower_bound(requires_python), (
        f"environment.yml has python>={python_floor}, "
        f"pyproject.toml has requires-python {requires_python!r}"
    )


def test_environment_yml_uses_conda_forge_only():
    channels = load_environment_yml().get("channels")
    assert channels == ["conda-forge"], f"environment.yml channels are {channels}"


def test_environment_yml_is_named_kmeans_teach():
    name = load_environment_yml().get("name")
    assert name == "kmeans-teach", f"environment.yml names the environment {name!r}"


def test_every_environment_yml_dependency_says_why_it_is_there():
    lines = ENVIRONMENT_YML.read_text(encoding="utf-8").splitlines()
    start = lines.index("dependencies:") + 1
    uncommented = [
        line.strip()
        for line in lines[start:]
        if line.lstrip().startswith("- ") and " # " not in line
    ]
    assert not uncommented, f"these environment.yml lines need a `# why` comment: {uncommented}"


def test_test_extra_contains_every_lab_dependency():
    extras = load_pyproject()["project"]["optional-dependencies"]
    lab, test = parse_requirements(extras["lab"]), parse_requirements(extras["test"])
    missing = {name: bound for name, bound in lab.items() if test.get(name, "missing") != bound}
    assert not missing, (
        f"the `test` extra lacks these `lab` requirements (or their bound): {missing}"
    )


def load_run_py():
    """run.py as a module (it runs nothing when imported)."""
    spec = importlib.util.spec_from_file_location("run_py", ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_py_included_extras_really_include_their_requirements():
    extras = load_pyproject()["project"]["optional-dependencies"]
    for bigger, smaller_ones in load_run_py().INCLUDED_EXTRAS.items():
        for smaller in smaller_ones:
            have = parse_requirements(extras[bigger])
            missing = {
                name: bound
                for name, bound in parse_requirements(extras[smaller]).items()
                if have.get(name, "missing") != bound
            }
            assert not missing, f"run.py says `{bigger}` includes `{smaller}`, but lacks {missing}"


def test_run_py_lab_after_test_installs_nothing_so_it_starts_offline():
    run_py = load_run_py()
    this_pyproject = run_py.pyproject_hash()
    after_test = {"pyproject_sha256": this_pyproject, "extras": ["test"]}
    assert not run_py.needs_install("lab", after_test)
    assert not run_py.needs_install("test", after_test)
    after_lab = {"pyproject_sha256": this_pyproject, "extras": ["lab"]}
    assert run_py.needs_install("test", after_lab), "`test` needs more than `lab` installed"
    edited = {"pyproject_sha256": "an older pyproject.toml", "extras": ["lab", "test"]}
    assert run_py.needs_install("lab", edited), "an edited pyproject.toml must reinstall"
    assert run_py.needs_install("lab", {}), "a .venv with no record must install"


def test_run_py_lab_passes_allow_root_as_root_and_says_why(monkeypatch, capsys):
    run_py = load_run_py()
    monkeypatch.setattr(run_py.os, "geteuid", lambda: 0, raising=False)
    command = run_py.lab_command(["--no-browser"])
    assert command[-2:] == ["--no-browser", "--allow-root"]
    said = capsys.readouterr().out
    assert said.count("\n") == 1 and "--allow-root" in said and "root" in said
    assert run_py.lab_command(["--allow-root"]).count("--allow-root") == 1  # never twice


def test_run_py_lab_passes_no_allow_root_as_an_ordinary_user(monkeypatch, capsys):
    run_py = load_run_py()
    monkeypatch.setattr(run_py.os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in run_py.lab_command(["--no-browser"])
    assert capsys.readouterr().out == ""


def test_readme_says_what_run_py_lab_does_as_root():
    assert "--allow-root" in README.read_text(encoding="utf-8")


# --- the course's JupyterLab settings ---------------------------------------------------------

LAB_SETTINGS = ROOT / "jupyter-config" / "labconfig" / "default_setting_overrides.json"
WIDGETS_PLUGIN = "@jupyter-widgets/jupyterlab-manager:plugin"
NEWS_PLUGIN = "@jupyterlab/apputils-extension:notification"


def lab_defaults(environ: dict[str, str], home: Path) -> dict:
    """The setting defaults JupyterLab's server reads with `environ` (its own code, no server)."""
    code = (
        "import json, sys\n"
        "from jupyterlab_server.settings_utils import _get_overrides\n"
        "overrides, error = _get_overrides(sys.argv[1])\n"
        "assert not error, error\n"
        "print(json.dumps(overrides))"
    )
    environ = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),  # no settings of the machine's user
        "JUPYTER_PLATFORM_DIRS": "1",
        **environ,
    }
    empty = home / "app-settings"
    empty.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", code, str(empty)],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_course_lab_settings_save_widget_state_and_fetch_no_news():
    settings = json.loads(LAB_SETTINGS.read_text(encoding="utf-8"))
    assert settings[WIDGETS_PLUGIN] == {"saveState": True}
    assert settings[NEWS_PLUGIN] == {"fetchNews": "false", "checkForUpdates": False}


def test_run_py_lab_gives_jupyterlab_the_course_settings(tmp_path):
    pytest.importorskip("jupyterlab_server")
    run_py = load_run_py()
    assert lab_defaults({}, tmp_path).get(WIDGETS_PLUGIN, {}).get("saveState") is not True
    defaults = lab_defaults(run_py.lab_environ(), tmp_path)
    assert defaults[WIDGETS_PLUGIN]["saveState"] is True
    assert defaults[NEWS_PLUGIN] == {"fetchNews": "false", "checkForUpdates": False}


def run_post_build(script: Path, repository: Path, prefix: Path, home: Path) -> None:
    """Run a postBuild as repo2docker would, with a `python` that installs nothing."""
    tools = home / "bin"
    tools.mkdir()
    (tools / "python").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (tools / "python").chmod(0o755)
    environ = {**os.environ, "NB_PYTHON_PREFIX": str(prefix)}
    environ["PATH"] = f"{tools}{os.pathsep}{environ['PATH']}"
    subprocess.run(["bash", str(script)], cwd=repository, env=environ, check=True)


@pytest.mark.skipif(shutil.which("bash") is None, reason="postBuild is a bash script")
def test_binder_postbuild_installs_the_course_lab_settings_where_jupyterlab_reads_them(tmp_path):
    pytest.importorskip("jupyterlab_server")
    prefix = tmp_path / "srv" / "conda" / "envs" / "notebook"
    run_post_build(BINDER / "postBuild", ROOT, prefix, tmp_path)
    installed = prefix / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"
    assert installed.read_bytes() == LAB_SETTINGS.read_bytes()
    # The server's environment's etc/jupyter is on its config path (as sys.prefix/etc/jupyter).
    defaults = lab_defaults({"JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter")}, tmp_path)
    assert defaults[WIDGETS_PLUGIN]["saveState"] is True


# --- binder/ ------------------------------------------------------------------------------------


def test_binder_environment_yml_has_the_same_content_as_environment_yml():
    binder_copy = BINDER / "environment.yml"
    assert binder_copy.exists(), "binder/environment.yml is missing (ln -s ../environment.yml)"
    same = binder_copy.read_text(encoding="utf-8") == ENVIRONMENT_YML.read_text(encoding="utf-8")
    assert same, "binder/environment.yml differs from environment.yml (symlink it instead)"


def is_executable(path: Path) -> bool:
    """Executable on disk and, once committed, in git's index (which is what Binder sees)."""
    if os.name != "nt" and not os.stat(path).st_mode & 0o111:
        return False
    if shutil.which("git") is None:
        return True
    staged = subprocess.run(
        ["git", "ls-files", "--stage", "--", str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    return not staged or staged[0] == "100755"  # untracked: the file system decides


def test_binder_postbuild_starts_with_a_shebang_and_stops_at_the_first_error():
    text = (BINDER / "postBuild").read_text(encoding="utf-8")
    assert text.startswith("#!"), f"binder/postBuild starts with {text.splitlines()[0]!r}"
    assert re.search(r"^set -euo pipefail$", text, re.MULTILINE), (
        "binder/postBuild lacks a `set -euo pipefail` line, so a failing step would be ignored"
    )


def test_binder_postbuild_is_executable():
    assert is_executable(BINDER / "postBuild"), "binder/postBuild is not executable (chmod +x)"


def test_binder_start_is_executable():
    assert is_executable(BINDER / "start"), "binder/start is not executable (chmod +x)"


def test_binder_start_caps_omp_threads_and_ends_by_exec_of_the_command():
    lines = [line.strip() for line in (BINDER / "start").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert any(re.match(r"(export\s+)?OMP_NUM_THREADS=", line) for line in commands), (
        "binder/start does not set OMP_NUM_THREADS"
    )
    assert commands[-1] == 'exec "$@"', f'binder/start ends with {commands[-1]!r}, not exec "$@"'


# --- what Binder would build (repo2docker, no Docker needed) -----------------------------------


@pytest.fixture(scope="module")
def binder_dockerfile(tmp_path_factory) -> str:
    """The Dockerfile repo2docker would build for this repository, as it prints it."""
    return repo2docker_dockerfile(ROOT, tmp_path_factory.mktemp("repo2docker"))


def repo2docker_dockerfile(repository: Path, workdir: Path) -> str:
    """The Dockerfile repo2docker would build for `repository` (its dry run, no Docker)."""
    if importlib.util.find_spec("repo2docker") is None:
        message = (
            "jupyter-repo2docker is not installed, so what Binder would build is not checked "
            '(pip install jupyter-repo2docker, or pip install -e ".[test]")'
        )
        if in_ci():
            pytest.fail(message + "; under CI=true this is a failure")
        pytest.skip(message)
    command = [
        sys.executable,
        "-m",
        "repo2docker",
        "--no-build",  # print the Dockerfile instead of building it: no Docker daemon needed
        "--debug",
        "--user-id",
        "1000",
        "--user-name",
        "jovyan",
        str(repository),
    ]
    # An empty working folder: repo2docker reads a repo2docker_config.py from there if present.
    result = subprocess.run(
        command,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"`{' '.join(command)}` failed with exit code {result.returncode}:\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def test_binder_installs_binder_environment_yml_with_the_conda_build_pack(binder_dockerfile):
    assert re.search(r"env update .*--file \"?binder/environment\.yml", binder_dockerfile), (
        "repo2docker's Dockerfile does not run `mamba env update --file binder/environment.yml`"
        " (the conda build pack); it printed:\n" + binder_dockerfile[-3000:]
    )


def test_binder_runs_binder_postbuild(binder_dockerfile):
    assert re.search(r"^RUN \./binder/postBuild$", binder_dockerfile, re.MULTILINE), (
        "repo2docker's Dockerfile does not RUN ./binder/postBuild; it printed:\n"
        + binder_dockerfile[-3000:]
    )


def test_binder_uses_binder_start_as_entrypoint(binder_dockerfile):
    assert re.search(r"R2D_ENTRYPOINT=\"?\$\{REPO_DIR\}/binder/start", binder_dockerfile), (
        "repo2docker's Dockerfile does not set binder/start as the entrypoint; it printed:\n"
        + binder_dockerfile[-3000:]
    )


# --- README and CI ------------------------------------------------------------------------------


def readme_quick_start_commands() -> list[str]:
    """The command lines in the code blocks of the README's "Quick start" section."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)(?=^#{1,3} )", text, re.MULTILINE | re.DOTALL)
    assert section, "README.md has no `## Quick start` section followed by another heading"
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", section[1], re.MULTILINE | re.DOTALL)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_readme_quick_start_is_exactly_the_two_commands():
    commands = readme_quick_start_commands()
    assert commands == ["python3 run.py lab", "python3 run.py test"], (
        f"README.md's Quick start commands are {commands}"
    )


def test_ci_runs_the_readme_test_command():
    readme_test_command = next(
        (command for command in readme_quick_start_commands() if command.split()[-1] == "test"),
        None,
    )
    assert readme_test_command, "README.md's Quick start has no test command"
    ci_commands = [
        line.strip()
        for line in CI_RUN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert readme_test_command in ci_commands, (
        f".ci/run does not run the README's test command {readme_test_command!r}; "
        f"its commands are {ci_commands}"
    )


# --- importing the package changes nothing ------------------------------------------------------


def run_python(code: str) -> str:
    """Run `code` in a fresh interpreter from the repository root; return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, f"the check itself failed:\n{result.stderr[-3000:]}"
    return result.stdout


def test_importing_kmeans_teach_imports_neither_sklearn_nor_ipywidgets():
    printed = run_python(
        "import json, sys\n"
        "import kmeans_teach\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules}\n"
        "                        & {'sklearn', 'ipywidgets'})))\n"
    )
    imported = json.loads(printed)
    assert not imported, f"`import kmeans_teach` imported {imported}"


def test_importing_kmeans_teach_leaves_matplotlib_rcparams_unchanged():
    # dict.copy reads the stored values without resolving the backend (which imports pyplot).
    printed = run_python(
        "import json\n"
        "import matplotlib\n"
        "before = {key: repr(value) for key, value in dict.copy(matplotlib.rcParams).items()}\n"
        "import kmeans_teach\n"
        "after = {key: repr(value) for key, value in dict.copy(matplotlib.rcParams).items()}\n"
        "print(json.dumps({key: [before.get(key), after.get(key)]\n"
        "                  for key in sorted(before.keys() | after.keys())\n"
        "                  if before.get(key) != after.get(key)}))\n"
    )
    changed = json.loads(printed)
    assert not changed, "`import kmeans_teach` changed rcParams (key: [before, after]): " + str(
        changed
    )
