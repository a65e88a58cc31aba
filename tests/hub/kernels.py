"""Run a notebook's code cells in a student's kernel on the hub, as JupyterLab does.

A session is made through the server's REST API (``POST /api/sessions`` with the notebook's
path, so the kernel starts in the notebook's folder), and each code cell is sent as an
``execute_request`` over the kernel's websocket (``/api/kernels/<id>/channels``, Jupyter's
JSON messages), with the student's cookies. A cell's run ends with its ``execute_reply``
and the kernel's return to idle; its errors are what the kernel sent as ``error`` messages.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

CELL_TIMEOUT = 180  # seconds for one cell (ten students at once on two cores)


@dataclass
class CellRun:
    """One code cell's run: its place among the notebook's cells, what it printed, its error."""

    index: int
    source: str
    status: str = ""
    error: str = ""
    stdout: str = ""
    seconds: float = 0.0


@dataclass
class NotebookRun:
    """Every code cell's run, in order, and the kernel that ran them."""

    path: str
    kernel_id: str
    cells: list[CellRun] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[CellRun]:
        return [cell for cell in self.cells if cell.status != "ok"]

    def describe_errors(self) -> str:
        return "\n\n".join(
            f"cell {cell.index} ({cell.status}):\n{cell.source[:300]}\n-> {cell.error}"
            for cell in self.errors
        )


class KernelChannel:
    """The websocket of one kernel, on a student's server, with the student's cookies."""

    def __init__(self, student, kernel_id: str, timeout: float = CELL_TIMEOUT):
        import websocket  # websocket-client, a dependency of jupyter_server

        self.session_id = uuid.uuid4().hex
        url = student.server_url.replace("http://", "ws://", 1)
        url += f"api/kernels/{kernel_id}/channels?session_id={self.session_id}"
        cookie = "; ".join(f"{c.name}={c.value}" for c in student.session.cookies)
        self.socket = websocket.create_connection(url, cookie=cookie, timeout=timeout)
        self.username = student.name

    def close(self) -> None:
        self.socket.close()

    def __enter__(self) -> KernelChannel:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _receive(self) -> dict:
        from jupyter_server.services.kernels.connection.base import deserialize_binary_message

        frame = self.socket.recv()
        if isinstance(frame, bytes):  # a message with binary buffers (a widget's data)
            return deserialize_binary_message(frame)
        return json.loads(frame)

    def execute(self, code: str, index: int = 0) -> CellRun:
        """Run `code`; wait for its reply and for the kernel to be idle again."""
        msg_id = uuid.uuid4().hex
        self.socket.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": self.username,
                        "session": self.session_id,
                        "date": datetime.now(timezone.utc).isoformat(),
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        run = CellRun(index=index, source=code)
        start = time.monotonic()
        replied = idle = False
        errors = []
        while not (replied and idle):
            message = self._receive()
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["header"]["msg_type"], message.get("content", {})
            if kind == "execute_reply":
                replied, run.status = True, content.get("status", "")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "error":
                errors.append(f"{content.get('ename')}: {content.get('evalue')}")
            elif kind == "stream" and content.get("name") == "stdout":
                run.stdout += content.get("text", "")
        run.seconds = time.monotonic() - start
        run.error = "\n".join(errors)
        if errors and run.status == "ok":
            run.status = "error"  # an error shown without failing the cell still counts
        return run


def code_cells(notebook: dict) -> list[tuple[int, str]]:
    """(index among all cells, source) of each code cell of a notebook's JSON model."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            source = cell["source"]
            found.append((index, "".join(source) if isinstance(source, list) else source))
    return found


def start_kernel(student, path: str) -> str:
    """Open a notebook's session, as JupyterLab does: its kernel starts in the notebook's folder."""
    session = student.server_api(
        "POST",
        "/sessions",
        {
            "path": path,
            "name": path.rsplit("/", 1)[-1],
            "type": "notebook",
            "kernel": {"name": "python3"},
        },
    )
    return session["kernel"]["id"]


def run_notebook(student, path: str, *, then: tuple[str, ...] = (), stop_on_error=True):
    """Run every code cell of the notebook at `path` (relative to the server's root).

    Parameters
    ----------
    student : Student
        A logged-in student whose server is running.
    path : str
        The notebook's path in the student's home folder.
    then : tuple of str
        Code run after the notebook's cells, in the same kernel (index -1).
    stop_on_error : bool
        Stop at the first cell that fails (the later ones would only fail after it).

    Returns
    -------
    NotebookRun
        The kernel is left running (the benchmark measures it); shut it down with
        :func:`shut_down`.
    """
    model = student.server_api("GET", f"/contents/{path}?content=1&type=notebook")
    start = time.monotonic()
    kernel_id = start_kernel(student, path)
    run = NotebookRun(path=path, kernel_id=kernel_id)
    cells = code_cells(model["content"]) + [(-1, code) for code in then]
    with KernelChannel(student, kernel_id) as channel:
        for index, source in cells:
            cell = channel.execute(source, index)
            run.cells.append(cell)
            if stop_on_error and cell.status != "ok":
                break
    run.seconds = time.monotonic() - start
    return run


def shut_down(student, kernel_id: str) -> None:
    """Close the notebook's session and its kernel, as closing the notebook in JupyterLab does."""
    sessions = [s for s in student.server_api("GET", "/sessions") if s["kernel"]["id"] == kernel_id]
    for session in sessions:
        student.server_api("DELETE", f"/sessions/{session['id']}")
    if not sessions:
        student.server_api("DELETE", f"/kernels/{kernel_id}")
