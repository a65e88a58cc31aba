"""Start a real, throw-away JupyterHub on 127.0.0.1 (hub tests and the hub benchmark).

Used by ``tests/hub/conftest.py`` and by ``benchmarks/bench_hub.py``. The hub is the one a
class meets, made small: JupyterHub with ``configurable-http-proxy`` (from npm, in
``node_modules``), a shared-password login, and one single-user server per student started
with this environment's ``jupyterhub-singleuser`` (JupyterLab, with nbgitpuller as a server
extension). Everything lives in one temporary folder: the hub's database, cookie secret and
log, the proxy's pid file, and every student's home folder (``home/<name>``).

The single-user servers import the package from a folder given as ``package_dir`` (a release's
wheel installed with ``pip install --no-deps --target``), put first on their ``PYTHONPATH``,
so that a kernel's ``kmeans_teach`` is the release's own, as on a hub whose image was built
from the release.

Every process is stopped by its id: the hub is started in a process group of its own, and
:meth:`Hub.stop` ends that group and then every process the hub started (the proxy, the
single-user servers and their kernels, each of which runs in a session of its own).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from harness import call_api, descendants, end, log_tail, signal_group

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROXY_ENV = "KMEANS_TEACH_HTTP_PROXY"
PROXY_HINT = (
    "install Node.js with npm, then run `npm ci` in the repository (python3 run.py test does it"
    " when npm is there), which puts configurable-http-proxy in node_modules/.bin; or point "
    f"{PROXY_ENV} at a configurable-http-proxy executable"
)
HUB_HINT = (
    "install the course's instructor tools into this Python: "
    'pip install -e ".[test]" (or ".[class]"), which brings jupyterhub and nbgitpuller'
)
START_TIMEOUT = 60  # seconds for the hub (and its proxy) to answer
SPAWN_TIMEOUT = 120  # seconds for a single-user server to start (ten at once on two cores)
HARNESS_SERVICE = "course-harness"

#: Settings of every single-user server: JupyterLab as the default UI and nothing fetched
#: from the network (no news, no update check, no extension manager looking at PyPI).
SINGLEUSER_CONFIG = {
    "ServerApp": {"ip": "127.0.0.1", "open_browser": False, "terminals_enabled": False},
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
}
#: The hub's configuration; {placeholders} are filled in by :meth:`Hub.write_config`.
CONFIG_TEMPLATE = """\
# A throw-away JupyterHub for the course's hub tests (tests/hub/hubdriver.py writes this).
c = get_config()  # noqa: F821

c.JupyterHub.bind_url = {public_url!r}
c.JupyterHub.hub_bind_url = {hub_url!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid_file!r}
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret_file!r}
c.JupyterHub.pid_file = {hub_pid_file!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Any student name, with one password (random, per hub).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allow_all = True

# Each student's server runs here as this user, with a home folder of its own.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {singleuser_args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = {spawn_timeout!r}
c.Spawner.http_timeout = {spawn_timeout!r}
c.JupyterHub.concurrent_spawn_limit = 0

# The test harness reads the servers' process ids and makes tokens (admin scopes).
c.JupyterHub.services = [{{"name": {service!r}, "api_token": {service_token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "course-harness",
        "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "list:users"],
        "services": [{service!r}],
    }}
]
"""


class HubError(RuntimeError):
    """The hub did not start or answer as expected (the message ends with its log)."""


def find_proxy() -> str | None:
    """configurable-http-proxy: $KMEANS_TEACH_HTTP_PROXY, node_modules/.bin, or on PATH."""
    wanted = os.environ.get(PROXY_ENV)
    if wanted:
        return shutil.which(wanted)
    local = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    if os.access(local, os.X_OK):
        return str(local)
    return shutil.which("configurable-http-proxy")


def find_singleuser() -> str | None:
    """This environment's ``jupyterhub-singleuser`` (None if jupyterhub is not installed)."""
    path = BIN / "jupyterhub-singleuser"
    return str(path) if os.access(path, os.X_OK) else None


def missing_tools() -> str | None:
    """What is missing to start a hub, as a sentence that says how to install it; else None."""
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError as error:
        return f"the hub tests need jupyterhub and nbgitpuller ({error}): {HUB_HINT}"
    if find_singleuser() is None:
        return f"the hub tests need jupyterhub-singleuser next to {sys.executable}: {HUB_HINT}"
    if shutil.which("git") is None:
        return "the hub tests need git (nbgitpuller pulls with it): install git"
    if find_proxy() is None:
        return f"the hub tests need configurable-http-proxy, which was not found: {PROXY_HINT}"
    if shutil.which("node") is None:
        return f"the hub tests need Node.js to run configurable-http-proxy: {PROXY_HINT}"
    return None


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def install_package(wheel: Path, target: Path) -> Path:
    """``pip install --no-deps --target`` a wheel into `target` (a folder for PYTHONPATH)."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--no-index", "--no-compile", "--target", str(target), str(wheel)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise HubError(f"pip could not install {wheel.name}:\n{result.stdout}{result.stderr}")
    return Path(target)


class Hub:
    """A JupyterHub started as a subprocess (its own process group) by :meth:`start`.

    Parameters
    ----------
    base : Path
        The temporary folder that holds everything of this hub (created if needed).
    package_dir : Path, optional
        A folder put first on the single-user servers' ``PYTHONPATH`` (the release's wheel,
        installed with :func:`install_package`).
    environment : dict, optional
        More environment variables for the single-user servers.
    """

    def __init__(self, base: Path, *, package_dir: Path | None = None, environment=None):
        self.base = Path(base)
        self.package_dir = None if package_dir is None else Path(package_dir)
        self.extra_environment = dict(environment or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(16)
        self.service_token = secrets.token_hex(32)
        self.log_path = self.base / "jupyterhub.log"
        self.process: subprocess.Popen | None = None
        self._log = None

    # -- configuration ---------------------------------------------------------------------

    def home(self, name: str) -> Path:
        """A student's home folder (the root of their single-user server)."""
        return self.base / "home" / name

    def singleuser_environment(self) -> dict[str, str]:
        """The environment of every single-user server (JupyterHub passes on nothing else)."""
        path = [str(BIN), os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")]
        environment = {
            "PATH": os.pathsep.join(path),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "JUPYTER_CONFIG_DIR": str(self.base / "singleuser-config"),
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYTHONUNBUFFERED": "1",
        }
        if self.package_dir is not None:
            environment["PYTHONPATH"] = str(self.package_dir)
        environment.update(self.extra_environment)
        return environment

    def write_config(self) -> Path:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "home").mkdir(exist_ok=True)
        config_dir = self.base / "singleuser-config"
        config_dir.mkdir(exist_ok=True)
        (config_dir / "jupyter_server_config.json").write_text(
            json.dumps(SINGLEUSER_CONFIG, indent=2), encoding="utf-8"
        )
        # jupyter_server refuses to run as root unless told; CI runs as root.
        root = hasattr(os, "geteuid") and os.geteuid() == 0
        text = CONFIG_TEMPLATE.format(
            public_url=self.url,
            hub_url=f"http://127.0.0.1:{free_port()}",
            proxy_api_url=f"http://127.0.0.1:{free_port()}",
            proxy=find_proxy(),
            proxy_pid_file=str(self.base / "proxy.pid"),
            proxy_token=secrets.token_hex(32),
            db_url=f"sqlite:///{self.base / 'jupyterhub.sqlite'}",
            cookie_secret_file=str(self.base / "jupyterhub_cookie_secret"),
            hub_pid_file=str(self.base / "jupyterhub.pid"),
            password=self.password,
            home_template=str(self.base / "home" / "{username}"),
            singleuser=find_singleuser(),
            singleuser_args=["--allow-root"] if root else [],
            environment=self.singleuser_environment(),
            spawn_timeout=SPAWN_TIMEOUT,
            service=HARNESS_SERVICE,
            service_token=self.service_token,
        )
        path = self.base / "jupyterhub_config.py"
        path.write_text(text, encoding="utf-8")
        return path

    # -- start and stop --------------------------------------------------------------------

    def start(self, timeout: float = START_TIMEOUT) -> Hub:
        config = self.write_config()
        environ = dict(os.environ)
        environ["PATH"] = str(BIN) + os.pathsep + environ.get("PATH", "")
        environ.pop("PYTHONPATH", None)  # the hub itself runs on this environment only
        self._log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.base,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended as one in stop()
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(
                    f"JupyterHub exited with code {self.process.returncode} before it "
                    "answered:\n" + self.log_tail()
                )
            with contextlib.suppress(OSError, ValueError):
                # Through the proxy: the hub and its proxy both answer.
                if self.api("GET", "/", timeout=2) is not None:
                    return self
            time.sleep(0.25)
        raise HubError(f"JupyterHub did not answer within {timeout:.0f} s:\n" + self.log_tail())

    def stop(self) -> None:
        """Stop the servers through the hub, then end the hub's group and every child left."""
        process = self.process
        if process is None:
            return
        self.process = None
        try:
            children = descendants(process.pid)
            if process.poll() is None:
                # SIGTERM: the hub stops every single-user server (cleanup_servers) and its
                # proxy before it exits.
                signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    signal_group(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            # Single-user servers and kernels run in sessions of their own, so the group
            # signal does not reach one that the hub's clean-up missed.
            end(children)
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)

    # -- the hub's REST API, as the harness service (an admin) ------------------------------

    def api(self, method: str, path: str, body=None, timeout: float = 10):
        """Call ``/hub/api<path>`` with the harness's token; the decoded JSON answer."""
        return call_api(f"{self.url}/hub/api{path}", self.service_token, method, body, timeout)

    def server_pid(self, name: str) -> int | None:
        """The process id of a student's single-user server (from its spawner's state)."""
        try:
            user = self.api("GET", f"/users/{name}")
        except urllib.error.HTTPError:
            return None
        server = (user.get("servers") or {}).get("")
        if not server:
            return None
        return (server.get("state") or {}).get("pid")

    def user_token(self, name: str, note: str = "hub tests") -> str:
        """A new API token of a student (what JupyterLab's cookie stands for)."""
        answer = self.api("POST", f"/users/{name}/tokens", {"note": note, "expires_in": 3600})
        return answer["token"]
