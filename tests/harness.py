"""What the test harnesses share: the servers they start and what JupyterLab writes.

The browser tests start JupyterLab (``browser/labdriver.py``) and the hub tests JupyterHub
(``hub/hubdriver.py``); both end a server by its process group, then any process it started
that the group signal missed, read its log, and call its REST API with a token. The update
tests and the hub tests both save notebooks as JupyterLab does (``LANGUAGE_INFO``).

Imported as the top-level module ``harness``: pytest puts ``tests/`` on the path, and the
benchmarks that reuse the drivers put it there themselves.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import urllib.request
from pathlib import Path

#: What JupyterLab writes into a notebook's metadata when it saves one with a Python kernel.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": ".".join(map(str, sys.version_info[:3])),
}


def signal_group(pid: int, sig: int) -> None:
    """Send `sig` to the process group `pid` leads; nothing if it is gone already."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def process_tree(pid: int) -> list:
    """The process `pid` and every descendant (psutil Processes); empty if it is gone."""
    import psutil  # jupyter_server's and ipykernel's dependency, so it is there

    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    return []


def descendants(pid: int) -> list:
    """Every process started, directly or not, by `pid` (psutil Processes)."""
    return process_tree(pid)[1:]


def end(processes: list, grace: float = 5) -> None:
    """SIGTERM, then SIGKILL, exactly these processes (psutil checks each is still the same).

    Kernels and single-user servers run in sessions of their own, so a signal to a server's
    group does not reach one that the server's own clean-up missed: they are ended one by one.
    """
    import psutil

    alive = [p for p in processes if p.is_running()]
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(alive, timeout=grace)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=grace)


def log_tail(path: Path, lines: int = 40) -> str:
    """The last `lines` lines of a server's log file (empty if it cannot be read)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def call_api(url: str, token: str, method: str, body=None, timeout: float = 10):
    """Call a Jupyter REST endpoint with `token`; the decoded JSON answer (None if empty)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode()
    return json.loads(text) if text.strip() else None
