"""Set up the course in a local virtual environment, then open it or test it.

    python3 run.py lab  [jupyter lab options]   open the lessons in JupyterLab
    python3 run.py test [pytest options]        run every test (package, notebooks, environment)

The first run creates .venv next to this file and installs the package with what the
command needs (``pip install -e ".[lab]"`` or ``".[test]"``). Later runs reinstall only when
pyproject.toml has changed. Standard library only, so it runs on a fresh Python 3.10+.
"""

import sys

# Checked before anything else, so that an old Python gets a sentence rather than a traceback
# (ruff assumes 3.10+ for the package, but this script is exactly what meets older Pythons).
if sys.version_info < (3, 10):  # noqa: UP036
    sys.exit(
        "This course needs Python 3.10 or newer; this is Python "
        + ".".join(str(part) for part in sys.version_info[:3])
        + ".\nInstall a newer Python (https://www.python.org/downloads/) and run it with that,"
        + " for example: python3.11 run.py lab"
    )

import hashlib
import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYPROJECT = ROOT / "pyproject.toml"
# Records what the last successful install was made from (see needs_install).
STAMP = VENV / "kmeans-teach-install.json"
LANDING_NOTEBOOK = "notebooks/index.ipynb"
# The course's JupyterLab defaults, one file for every JupyterLab the course starts: run.py lab
# puts its folder on JUPYTER_CONFIG_PATH, binder/postBuild (and the student release's) copies it
# into the environment's etc/jupyter/labconfig. A notebook is saved with its widget state (so
# the explorer shows its run after the kernel has gone), and no news pop-up covers the lesson.
# They are defaults: a user's own settings still win.
LAB_CONFIG = ROOT / "jupyter-config"
LAB_SETTINGS = LAB_CONFIG / "labconfig" / "default_setting_overrides.json"
PYTEST_NO_TESTS_COLLECTED = 5

USAGE = f"""\
usage: python3 run.py lab  [jupyter lab options]
       python3 run.py test [pytest options]

  lab    Open the lessons in JupyterLab, starting at {LANDING_NOTEBOOK}.
         Anything after `lab` goes to `jupyter lab` (e.g. --no-browser, --port 8899).
  test   Run the whole test suite with pytest: package doctests, unit and property tests,
         the notebooks (nbval) and the environment checks. Anything after `test` goes to
         pytest (e.g. -x, -q, -k elbow, tests/test_environment.py). The exit code is
         pytest's; "no tests collected" counts as a failure.

Both commands first make sure .venv (next to run.py) exists and holds the package with what
the command needs: `pip install -e ".[lab]"` or `".[test]"`. This happens on the first run
(a few minutes) and again only when pyproject.toml changes. Delete .venv to start afresh.
"""


def say(message: str) -> None:
    print(f"run.py: {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_environ(**extra: str) -> dict[str, str]:
    """The environment of a shell where .venv is activated (so `!pip` in a notebook hits it)."""
    environ = dict(os.environ)
    environ.pop("PYTHONHOME", None)
    environ["VIRTUAL_ENV"] = str(VENV)
    environ["PATH"] = str(venv_python().parent) + os.pathsep + environ.get("PATH", "")
    environ.update(extra)
    return environ


def run(command: list[str], **environ: str) -> int:
    """Run a command from the repository root in the .venv environment; return its exit code."""
    process = subprocess.Popen(command, cwd=ROOT, env=venv_environ(**environ))
    # Ctrl-C belongs to the child (JupyterLab asks, then shuts its kernels down cleanly);
    # if this script took it too, it would kill JupyterLab half-way.
    previous_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return process.wait()
    finally:
        signal.signal(signal.SIGINT, previous_handler)


def create_venv() -> None:
    say("Setting up .venv (first run only, a few minutes)...")
    clear = ["--clear"] if VENV.exists() else []  # a .venv without a Python is broken
    code = subprocess.call([sys.executable, "-m", "venv", *clear, str(VENV)])
    if code != 0 or not venv_python().exists():
        sys.exit(
            f"run.py: could not create {VENV} with {sys.executable} -m venv.\n"
            "On Debian or Ubuntu install the venv module first: sudo apt install python3-venv"
        )
    say("Upgrading pip in .venv...")
    pip_code = run(
        [str(venv_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
    )
    if pip_code != 0:
        sys.exit("run.py: upgrading pip in .venv failed (see pip's message above).")


def pyproject_hash() -> str:
    return hashlib.sha256(PYPROJECT.read_bytes()).hexdigest()


def read_stamp() -> dict:
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


# Extras that hold every requirement of other extras (pyproject.toml's `test` lists all of
# `lab` and `class`; tests/test_environment.py checks it), so `lab` after `test` installs
# nothing: a lecturer who ran the tests at home can open the lessons where there is no network.
INCLUDED_EXTRAS = {"test": ("lab", "class")}


def needs_install(extra: str, stamp: dict) -> bool:
    """True unless the last install was made from this pyproject.toml and covered `extra`."""
    same_pyproject = stamp.get("pyproject_sha256") == pyproject_hash()
    installed = set(stamp.get("extras", []))
    for bigger in list(installed):
        installed.update(INCLUDED_EXTRAS.get(bigger, ()))
    return not (same_pyproject and extra in installed)


def ensure_installed(extra: str) -> None:
    """Make .venv hold the package with `extra`, installing only when something changed."""
    if not venv_python().exists():
        create_venv()
    stamp = read_stamp()
    if not needs_install(extra, stamp):
        return
    # Keep what an earlier command installed (lab after test, or after an edit of pyproject.toml).
    extras = sorted(set(stamp.get("extras", [])) | {extra})
    target = f".[{','.join(extras)}]"
    if stamp:
        say(f"pyproject.toml or the extras changed: installing -e {target} into .venv...")
    else:
        say(f"Installing -e {target} into .venv...")
    code = run(
        [
            str(venv_python()),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            target,
        ]
    )
    if code != 0:
        sys.exit(f"run.py: pip install -e {target} failed (see pip's message above).")
    STAMP.write_text(
        json.dumps({"pyproject_sha256": pyproject_hash(), "extras": extras}, indent=2) + "\n",
        encoding="utf-8",
    )
    say(".venv is ready.")


def running_as_root() -> bool:
    """True under the root account of Linux or macOS (a container, a fresh cloud machine)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(arguments: list[str]) -> list[str]:
    """The `jupyter lab` command line for `arguments`, with --allow-root when run as root."""
    command = [str(venv_python()), "-m", "jupyter", "lab", LANDING_NOTEBOOK, *arguments]
    if running_as_root() and "--allow-root" not in arguments:
        say(
            "Running as root, so passing --allow-root: JupyterLab refuses to start as root "
            "without it (as an ordinary user, run.py does not pass it)."
        )
        command.append("--allow-root")
    return command


def lab_environ() -> dict[str, str]:
    """What `jupyter lab` gets on top of .venv's environment: the course's settings folder."""
    paths = os.environ.get("JUPYTER_CONFIG_PATH", "")
    return {"JUPYTER_CONFIG_PATH": os.pathsep.join(filter(None, [str(LAB_CONFIG), paths]))}


def command_lab(arguments: list[str]) -> int:
    ensure_installed("lab")
    say(f"Starting JupyterLab on {LANDING_NOTEBOOK} (Ctrl-C twice to stop)...")
    return run(lab_command(arguments), **lab_environ())


PACKAGE_LOCK = ROOT / "package-lock.json"
NODE_TOOLS = ROOT / "node_modules"
NODE_STAMP = NODE_TOOLS / "kmeans-teach-install.json"


def ensure_node_tools() -> None:
    """Install the tests' npm tools (package.json: Biome, esbuild, the hub's proxy) if npm is here.

    Only when package-lock.json changed since the last install. Without npm the test that
    needs it says how to get it (and fails under CI=true).
    """
    npm = shutil.which("npm")
    if npm is None or not PACKAGE_LOCK.exists():
        return
    wanted = hashlib.sha256(PACKAGE_LOCK.read_bytes()).hexdigest()
    try:
        if json.loads(NODE_STAMP.read_text(encoding="utf-8")).get("lock_sha256") == wanted:
            return
    except (OSError, ValueError, AttributeError):
        pass
    say("Installing the tests' tools from npm into node_modules (npm ci)...")
    code = subprocess.call([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT)
    if code != 0:
        sys.exit("run.py: npm ci failed (see npm's message above).")
    NODE_STAMP.write_text(json.dumps({"lock_sha256": wanted}) + "\n", encoding="utf-8")


def command_test(arguments: list[str]) -> int:
    ensure_installed("test")
    ensure_node_tools()
    say("Running pytest...")
    # Agg: no window may open during tests, and figures must not depend on the machine's GUI.
    code = run([str(venv_python()), "-m", "pytest", *arguments], MPLBACKEND="Agg")
    if code == PYTEST_NO_TESTS_COLLECTED:
        say("pytest collected no tests: the test suite or its configuration is broken.")
    return code


COMMANDS = {"lab": command_lab, "test": command_test}


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0
    if not argv:
        print(USAGE, end="", file=sys.stderr)
        return 2
    command, arguments = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"run.py: unknown command {command!r}\n", file=sys.stderr)
        print(USAGE, end="", file=sys.stderr)
        return 2
    return COMMANDS[command](arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
