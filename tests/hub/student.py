"""A student at a hub, over HTTP: log in, open an nbgitpuller link, call their server's API.

What a browser does, done with ``requests`` (cookies kept, redirects followed): the hub's login
form; the link, through ``/hub/user-redirect/`` to the student's server, which the hub starts
if it is not running (the "Launch server" link, then the pending page until it is ready);
nbgitpuller's page, whose script pulls through the event stream at ``git-pull/api`` and then
goes on to the page the link names. Each step reads what the hub or server sent, so a changed
page makes this fail loudly rather than pass by guessing.
"""

from __future__ import annotations

import html
import json
import re
import time
import urllib.parse
from dataclasses import dataclass, field

import requests

PULL_TIMEOUT = 120  # seconds for nbgitpuller's pull (ten at once on two cores)
REQUEST_TIMEOUT = 60
XSRF_FIELD = re.compile(r'name="_xsrf"\s+value="([^"]*)"')
BODY_DATA = re.compile(r'data-([a-z][a-z-]*)="([^"]*)"')
SPAWN_LINK = re.compile(r'href="([^"]*/hub/spawn/[^"]*)"')


class StudentError(RuntimeError):
    """A step of a student's visit did not go as a browser's would."""


@dataclass
class Visit:
    """What opening a link did: the pages on the way, nbgitpuller's events, where it ended."""

    final_url: str = ""
    final_status: int = 0
    urls: list[str] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    spawned: bool = False  # whether the hub started the server on the way
    seconds: float = 0.0

    @property
    def pull_finished(self) -> bool:
        return bool(self.events) and self.events[-1].get("phase") == "finished"

    def pull_output(self) -> str:
        return "".join(event.get("output", "") for event in self.events)


class Student:
    """One student with a browser's cookie jar, at the hub at `hub_url`."""

    def __init__(self, hub_url: str, name: str, password: str):
        self.hub_url, self.name, self.password = hub_url, name, password
        self.session = requests.Session()

    @property
    def server_url(self) -> str:
        return f"{self.hub_url}/user/{self.name}/"

    # -- the hub ---------------------------------------------------------------------------

    def log_in(self) -> None:
        """Fill in the hub's login form (with its XSRF field) and send it."""
        form = self.session.get(f"{self.hub_url}/hub/login", timeout=REQUEST_TIMEOUT)
        form.raise_for_status()
        found = XSRF_FIELD.search(form.text)
        if found is None:
            raise StudentError("the hub's login page has no _xsrf field:\n" + form.text[:2000])
        answer = self.session.post(
            f"{self.hub_url}/hub/login?next=%2Fhub%2Fhome",
            data={"_xsrf": found.group(1), "username": self.name, "password": self.password},
            timeout=REQUEST_TIMEOUT,
        )
        answer.raise_for_status()
        if not urllib.parse.urlsplit(answer.url).path.endswith("/hub/home"):
            raise StudentError(f"logging in as {self.name} ended at {answer.url}, not the home")

    def open(self, link: str, timeout: float = PULL_TIMEOUT + 120) -> Visit:
        """Open an nbgitpuller link as a browser does, to the page it finally shows.

        Parameters
        ----------
        link : str
            The link (see :func:`kmeans_teach.authoring.links.nbgitpuller_link`).
        timeout : float
            Seconds for the whole visit: the server's start, the pull, the last page.

        Returns
        -------
        Visit
        """
        visit = Visit()
        start = time.monotonic()
        deadline = start + timeout
        response = self._get(link, visit)
        while True:
            if time.monotonic() > deadline:
                raise StudentError(f"opening {link} took more than {timeout:.0f} s: {visit.urls}")
            path = urllib.parse.urlsplit(response.url).path
            if response.status_code == 424:
                # "Server not running": the page's Launch button is a link to /hub/spawn.
                found = SPAWN_LINK.search(response.text)
                if found is None:
                    raise StudentError("the hub's server-not-running page has no spawn link")
                response = self._get(urllib.parse.urljoin(response.url, found[1]), visit)
            elif "/hub/spawn-pending/" in path and response.status_code == 200:
                # The pending page's script waits for the server; the same URL redirects
                # onwards once it is ready.
                time.sleep(0.5)
                response = self._get(response.url, visit)
            elif path.endswith("/git-pull") and 'id="status-panel-title"' in response.text:
                target = self._pull(response, visit, deadline)
                response = self._get(target, visit)
                break
            else:
                raise StudentError(
                    f"opening {link} stopped at {response.url} ({response.status_code}), "
                    f"not at nbgitpuller's page:\n{response.text[:1500]}"
                )
        visit.final_url, visit.final_status = response.url, response.status_code
        visit.seconds = time.monotonic() - start
        return visit

    def _get(self, url: str, visit: Visit):
        response = self.session.get(url, timeout=REQUEST_TIMEOUT)
        for step in [*response.history, response]:
            if not visit.urls or visit.urls[-1] != step.url:  # the pending page once
                visit.urls.append(step.url)
            if "/hub/spawn-pending/" in urllib.parse.urlsplit(step.url).path:
                visit.spawned = True  # the hub was starting the server on the way
        return response

    def _pull(self, page, visit: Visit, deadline: float) -> str:
        """Do what nbgitpuller's page script does: read the event stream, then go on."""
        found = BODY_DATA.findall(page.text)
        data = {key: urllib.parse.unquote(html.unescape(value)) for key, value in found}
        base_url = data["base-url"]
        params = {"_xsrf": data.get("xsrf", ""), "repo": data["repo"]}
        params["targetpath"] = data["targetpath"]
        for key in ("depth", "branch", "backup"):
            if key in data:
                params[key] = data[key]
        api = urllib.parse.urljoin(page.url, f"{base_url}git-pull/api")
        with self.session.get(
            api, params=params, stream=True, timeout=max(1, deadline - time.monotonic())
        ) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[len("data:") :].strip())
                visit.events.append(event)
                if event.get("phase") in ("finished", "error"):
                    break
        if not visit.pull_finished:
            last = visit.events[-1] if visit.events else {}
            raise StudentError(
                f"nbgitpuller's pull for {self.name} did not finish: {last.get('message')}\n"
                + visit.pull_output()
                + str(last.get("output", ""))
            )
        return urllib.parse.urljoin(page.url, base_url + data["path"])

    # -- the student's server ----------------------------------------------------------------

    def server_cookie(self, name: str) -> str | None:
        """The value of the cookie `name` that the student's server set (not the hub's)."""
        prefix = f"/user/{self.name}"
        for cookie in self.session.cookies:
            if cookie.name == name and cookie.path.startswith(prefix):
                return cookie.value
        return None

    def server_api(self, method: str, path: str, body=None, timeout: float = REQUEST_TIMEOUT):
        """Call the student's server's REST API (``/user/<name>/api<path>``) with the cookie.

        Like JupyterLab: the cookie from the hub's login, and the ``_xsrf`` cookie the server
        set, sent back as a header.
        """
        headers = {"X-XSRFToken": self.server_cookie("_xsrf") or ""}
        response = self.session.request(
            method, f"{self.server_url}api{path}", json=body, headers=headers, timeout=timeout
        )
        response.raise_for_status()
        return response.json() if response.content.strip() else None
