"""Start JupyterLab and headless Chromium, and drive notebooks in them (browser tests, benchmark).

Used by ``tests/browser/conftest.py`` and by ``benchmarks/bench_browser.py``. Nothing here
imports Playwright at import time, so the module imports (and its doctests pass) where the
browser tools are missing; :func:`find_chromium` and :func:`launch_chromium` say what is.

The JupyterLab it starts is a throw-away one: it listens on 127.0.0.1 on a free port with a
random token, serves a temporary root folder, and keeps its configuration, user settings,
runtime files and notebook signatures in a temporary folder (the lab extensions of ipywidgets
and anywidget are still found in the environment's own ``share/jupyter``). No news, no update
check, no browser opened by the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from harness import call_api, descendants, end, log_tail, signal_group

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"

#: Where Debian and Ubuntu put Chromium; then these names on PATH.
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ENV = "KMEANS_TEACH_CHROMIUM"
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or point "
    f"{CHROMIUM_ENV} at a Chromium or Chrome executable"
)
CHROMIUM_ARGS = (
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)

START_TIMEOUT = 60  # seconds for JupyterLab to answer
#: User settings of the throw-away JupyterLab: no news or update pop-ups, every cell kept in
#: the page (no virtual scrolling, so every output is in the DOM and drawn), and no autosave.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(what: str) -> None:
    """Skip the test because a tool it needs is missing; under CI=true, fail it instead."""
    import pytest

    if in_ci():
        pytest.fail(f"{what} (under CI=true this is a failure, not a skip)", pytrace=False)
    pytest.skip(what)


def find_chromium() -> str | None:
    """The Chromium to drive: $KMEANS_TEACH_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted:
        found = shutil.which(wanted)
        return found if found else None
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A JupyterLab server started as a subprocess (its own process group) by :meth:`start`."""

    def __init__(self, root: Path, home: Path, *, extra_args: tuple[str, ...] = ()):
        self.root, self.home = Path(root), Path(home)
        self.extra_args = tuple(extra_args)
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / "jupyterlab.log"
        self.process: subprocess.Popen | None = None
        self._log = None

    # -- environment ---------------------------------------------------------------------------

    @property
    def environ(self) -> dict[str, str]:
        """The server's environment: config, settings, runtime and signatures kept in home."""
        environ = dict(os.environ)
        # Tests run under MPLBACKEND=Agg; a student's kernel does not (matplotlib-inline).
        environ.pop("MPLBACKEND", None)
        environ.update(
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_DATA_DIR=str(self.home / "data"),  # the venv's share/jupyter stays in the path
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(self.home / "config" / "lab" / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "config" / "lab" / "workspaces"),
            IPYTHONDIR=str(self.home / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        bin_dir = str(Path(sys.executable).parent)
        environ["PATH"] = bin_dir + os.pathsep + environ.get("PATH", "")
        return environ

    def _write_settings(self) -> None:
        settings = self.home / "config" / "lab" / "user-settings"
        for name, values in USER_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2), encoding="utf-8")
        for folder in ("data", "runtime", "ipython", "config/lab/workspaces"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)

    # -- start and stop ------------------------------------------------------------------------

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",  # no look-ups on PyPI
            "--ServerApp.terminals_enabled=False",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            *self.extra_args,
        ]

    def start(self, timeout: float = START_TIMEOUT) -> Lab:
        self._write_settings()
        self._log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.root,
            env=self.environ,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one in stop()
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with code {self.process.returncode} before it answered:\n"
                    + self.log_tail()
                )
            with contextlib.suppress(OSError, ValueError):
                if self.api("GET", "/api/status", timeout=2) is not None:
                    return self
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n" + self.log_tail())

    def stop(self) -> None:
        """Shut the kernels down, then end the server's process group (and any kernel left)."""
        process = self.process
        if process is None:
            return
        self.process = None
        try:
            if process.poll() is None:
                with contextlib.suppress(Exception):
                    for kernel in self.api("GET", "/api/kernels", timeout=5) or []:
                        self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=10)
            children = descendants(process.pid)
            signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                signal_group(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            # Kernels run in sessions of their own (jupyter_client starts them so), so the
            # group signal does not reach one that the shutdown above missed.
            end(children, grace=0)
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)

    # -- REST API ------------------------------------------------------------------------------

    def api(self, method: str, path: str, body=None, timeout: float = 10):
        """Call the server's REST API; the decoded JSON answer (None for an empty one)."""
        return call_api(self.url + path, self.token, method, body, timeout)

    def sessions(self, path: str | None = None) -> list[dict]:
        sessions = self.api("GET", "/api/sessions") or []
        return [s for s in sessions if path is None or s.get("path") == path]

    def lab_url(self, path: str) -> str:
        """The URL that opens `path` (relative to the root) in a fresh JupyterLab workspace."""
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"


def copy_notebooks(root: Path) -> Path:
    """Copy the course's notebooks folder into `root` (the lab works on copies only)."""
    target = Path(root) / "notebooks"
    shutil.copytree(NOTEBOOKS, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


# ------------------------------------------------------------------------------------------
# The browser


def launch_chromium(playwright, executable: str):
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )


# ------------------------------------------------------------------------------------------
# Notebooks in the page

#: A JupyterLab code cell's prompt once it has run ("[12]:"), while queued or running ("[*]:").
RAN = re.compile(r"^\[\d+\]:$")
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => /\\| Idle$/.test(item.textContent.trim()))"""
PROMPTS_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')]
    .map(cell => cell.querySelector('.jp-InputPrompt').textContent.trim())"""
#: What is wrong in the outputs of the notebook in the page, one line per problem.
PROBLEMS_JS = r"""() => {
  const problems = [];
  const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')];
  const widgetRepr = /^\w*(Box|Stack|Play|Slider|Image|HTML|Label|Canvas|Widget)\(/;
  cells.forEach((cell, index) => {
    const prompt = cell.querySelector('.jp-InputPrompt').textContent.trim();
    const where = `code cell ${index + 1} ${prompt}`;
    for (const output of cell.querySelectorAll('.jp-OutputArea-output')) {
      const mime = output.getAttribute('data-mime-type') || '';
      const text = (output.innerText || '').trim();
      const line = text.split('\n').filter(Boolean).slice(-1)[0] || '';
      if (mime === 'application/vnd.jupyter.stderr' && /Traceback|\w+Error\b/.test(text)) {
        problems.push(`${where} shows an error: ${line}`);
      }
      const broken = /Error displaying widget|[Mm]odel not found|Failed to create view for/;
      if (broken.test(text) || /Click to show javascript error/.test(text)) {
        problems.push(`${where} cannot display a widget: ${line}`);
      }
      if (mime === 'text/plain' && widgetRepr.test(text)) {
        problems.push(`${where} shows a widget as text, not as a widget: ${text.slice(0, 80)}`);
      }
      if (/^Loading widget\.\.\.$/.test(text)) {
        problems.push(`${where} still says "Loading widget...": the widget never rendered`);
      }
    }
  });
  return problems;
}"""
#: The count of entries in JupyterLab's log console (errors and output of widget callbacks).
LOG_ENTRIES_JS = r"""() => {
  const item = document.querySelector('.jp-StatusBar-Item [title*="log entr"]');
  const match = item && /(\d+) log entr/.exec(item.getAttribute('title'));
  return match ? Number(match[1]) : 0;
}"""


def open_notebook(page, lab: Lab, path: str, *, kernel: bool = True, timeout: float = 60):
    """Open `path` in a fresh JupyterLab workspace; with `kernel`, wait until it is idle."""
    page.goto(lab.lab_url(path), timeout=timeout * 1000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout * 1000)
    if kernel:
        page.wait_for_function(KERNEL_IDLE_JS, timeout=timeout * 1000)


def run_all_cells(page, *, timeout: float = 120) -> list[str]:
    """Run > Run All Cells; wait until no cell is queued or running. Returns the prompts.

    JupyterLab ignores a Run All that comes before the notebook's kernel connection is
    complete (the cells stay "[ ]"), so it is tried again if no cell starts.
    """
    for _ in range(3):
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        try:
            page.wait_for_function(
                f"() => ({PROMPTS_JS})().some(prompt => prompt !== '[ ]:')", timeout=10_000
            )
            break
        except Exception:  # Playwright's TimeoutError: try once more
            page.keyboard.press("Escape")
    else:
        raise RuntimeError("Run > Run All Cells started no cell, three times")
    page.wait_for_function(
        f"() => !({PROMPTS_JS})().includes('[*]:') && ({KERNEL_IDLE_JS})()",
        timeout=timeout * 1000,
    )
    return page.evaluate(PROMPTS_JS)


def output_problems(page) -> list[str]:
    return page.evaluate(PROBLEMS_JS)


def log_entries(page) -> int:
    return page.evaluate(LOG_ENTRIES_JS)


# ------------------------------------------------------------------------------------------
# The explorer in the page (kmeans_teach/static/explorer.js), in JupyterLab or in the player

#: A fingerprint of a canvas's pixels (FNV-1a over the RGBA bytes), to tell frames apart.
CANVAS_FINGERPRINT_JS = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619);
  let inked = 0;
  for (let i = 3; i < data.length; i += 4 * 13) if (data[i] > 0) inked++;
  return {hash: (hash >>> 0).toString(16), width: canvas.width, height: canvas.height, inked};
}"""
#: What the explorer shows: its step, frame count, run and layout, from the root's data set.
STATE_JS = """(root) => ({step: Number(root.dataset.step), frame: Number(root.dataset.frame),
  run: root.dataset.run, layout: root.dataset.layout,
  status: root.querySelector('.kt-status').textContent,
  message: root.querySelector('.kt-message').hidden ? ''
    : root.querySelector('.kt-message').textContent,
  counter: root.querySelector('.kt-counter').textContent})"""
#: The page coordinates of a point (x, y) of the data on the explorer's scatter.
CLIENT_POINT_JS = """(root, [x, y]) => {
  const explorer = root.ktExplorer;
  const rect = root.querySelector('.kt-overlay').getBoundingClientRect();
  return [rect.left + explorer.scatterMap.x(x), rect.top + explorer.scatterMap.y(y)];
}"""
#: The run the page holds, as plain lists: every step's centroids and labels, and more.
RUN_JS = """(root) => {
  const run = root.ktExplorer.run;
  const steps = [];
  for (let i = 0; i < run.nSteps; i++) {
    const row = run.labelRow[i];
    steps.push({
      phase: ['init', 'assign', 'update'][run.phase[i]],
      centroids: Array.from(run.centroids.subarray(i * run.k * 2, (i + 1) * run.k * 2)),
      labels: row < 0 ? null : Array.from(run.labelRows.subarray(row * run.n, (row + 1) * run.n)),
      inertia: run.inertia[i],
    });
  }
  return {key: run.key, k: run.k, init: run.init, data: run.data, limits: run.limits,
          axis_labels: run.axisLabels, metric: run.metric, steps};
}"""
#: Everything inside the explorer that lies beyond the right edge of `bound` (the output area
#: in JupyterLab, the window in the player), or is cut short: a control whose text needs more
#: room than it has.
OVERFLOW_JS = """(root, right) => {
  const beyond = [];
  // Not shown (in a closed disclosure, laid out but never drawn): nothing to see, or cut.
  const hidden = (element) => element.checkVisibility && !element.checkVisibility();
  for (const element of root.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if ((box.width === 0 && box.height === 0) || hidden(element)) continue;
    if (box.right > right + 0.5) beyond.push(`${element.tagName}.${element.className}`);
  }
  const cut = [];
  for (const element of root.querySelectorAll('button, select, label, .kt-counter, .kt-status')) {
    if (hidden(element)) continue;
    if (element.scrollWidth > element.clientWidth + 1) cut.push(element.textContent.trim());
  }
  return {beyond, cut, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth};
}"""


class ExplorerView:
    """One explorer in the page: its controls by name, what it shows, and points on its scatter."""

    def __init__(self, root):
        self.root = root  # a Playwright Locator: the explorer's .kt-explorer element
        self.page = root.page

    @classmethod
    def all_in(cls, page):
        roots = page.locator(".kt-explorer")
        return [cls(roots.nth(i)) for i in range(roots.count())]

    def control(self, name: str):
        """A control by its name: data, k, seed, new-seed, init, metric, lecture, fullscreen,
        table, first, back, play, forward, last, speed, step.

        The rarer choices (data, seed, new-seed, init, metric) are folded in a disclosure:
        it is opened first, as a lecturer opens it to reach them.
        """
        control = self.root.locator(f"[name='{name}']")
        control.evaluate("c => { const more = c.closest('details'); if (more) more.open = true; }")
        return control

    @property
    def status_line(self):
        return self.root.locator(".kt-status")

    def state(self) -> dict:
        return self.root.evaluate(STATE_JS)

    def run(self) -> dict:
        return self.root.evaluate(RUN_JS)

    def fingerprint(self, layer: str = "points") -> dict:
        return self.root.locator(f"canvas.kt-{layer}").evaluate(CANVAS_FINGERPRINT_JS)

    def focus(self) -> None:
        """Give the explorer the keys, as a lecturer does: a click on its title."""
        self.root.locator(".kt-title").click()

    def wait_for(self, condition: str, timeout: float = 30) -> dict:
        """Wait until `condition`, a JavaScript expression of `state`, holds; the state."""
        self.page.wait_for_function(
            f"(root) => {{ const state = ({STATE_JS})(root); return {condition}; }}",
            arg=self.root.element_handle(),
            polling="raf",
            timeout=timeout * 1000,
        )
        return self.state()

    def wait_for_step(self, step: int, timeout: float = 30) -> dict:
        return self.wait_for(f"state.step === {int(step)}", timeout)

    def wait_for_new_run(self, old_key: str, timeout: float = 30) -> dict:
        return self.wait_for(f"state.run !== {json.dumps(old_key)}", timeout)

    def client_point(self, x: float, y: float) -> tuple[float, float]:
        return tuple(self.root.evaluate(CLIENT_POINT_JS, [x, y]))

    def overflow(self, right: float) -> dict:
        return self.root.evaluate(OVERFLOW_JS, right)
