"""``python -m kmeans_teach link``: the one link that hands the course release to a class.

A student who opens an nbgitpuller link on the class's JupyterHub gets their own copy of the
release (the first time: a clone) or the latest release merged into their copy (every later
time), and lands on the course's index in JupyterLab. The link names the hub, the release's
git repository and branch, the folder the copy goes into (``targetpath``, in the student's
home folder) and the page to open (``urlpath``).
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import quote, urlencode, urlsplit

LINK_COMMAND = "python -m kmeans_teach link"
LANDING = "notebooks/index.ipynb"
DEFAULT_FOLDER = "kmeans-course"


def nbgitpuller_link(
    hub: str,
    repo: str,
    *,
    branch: str = "main",
    folder: str = DEFAULT_FOLDER,
    notebook: str = LANDING,
) -> str:
    """The nbgitpuller link that gives a student the release and opens its index in JupyterLab.

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``"https://hub.example.edu"`` (with its base URL if it has one,
        e.g. ``"https://example.edu/jupyter"``).
    repo : str
        The release's git repository as the hub's servers reach it, e.g.
        ``"https://github.com/teacher/kmeans-course"``.
    branch : str, default "main"
        The release's branch.
    folder : str, default "kmeans-course"
        The folder, in each student's home folder, that holds their copy.
    notebook : str, default "notebooks/index.ipynb"
        The notebook to open, inside the release.

    Returns
    -------
    str
        ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/...&targetpath=...``

    Raises
    ------
    ValueError
        If the hub is not an http(s) address, or the folder is not a plain relative path.

    Examples
    --------
    >>> print(nbgitpuller_link("https://hub.example.edu", "https://github.com/t/kmeans-course"))
    https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Ft%2Fkmeans-course&branch=main&urlpath=lab%2Ftree%2Fkmeans-course%2Fnotebooks%2Findex.ipynb&targetpath=kmeans-course
    """
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"The hub must be an http(s) address such as https://hub.example.edu, not {hub!r}."
        )
    if not repo.strip():
        raise ValueError("The release's git repository is missing: give its address with --repo.")
    if not folder or folder.startswith(("/", "~")) or ".." in folder.split("/"):
        raise ValueError(
            f"The folder must be a plain path inside the student's home folder, not {folder!r}."
        )
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "urlpath": f"lab/tree/{folder}/{notebook}",
            "targetpath": folder,
        },
        quote_via=quote,
        safe="",
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def link_main(argv: list[str]) -> int:
    """``python -m kmeans_teach link --hub URL --repo URL [--branch B] [--folder F]``."""
    parser = argparse.ArgumentParser(
        prog=LINK_COMMAND,
        description=(
            "Print the nbgitpuller link to send to a class: it gives each student their own copy"
            " of the course release on the hub (or the latest release merged into it) and opens"
            " the course's index. See docs/teaching-a-class.md."
        ),
    )
    parser.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.example.edu"
    )
    parser.add_argument(
        "--repo", required=True, help="the release's git repository, as the hub reaches it"
    )
    parser.add_argument("--branch", default="main", help="the release's branch (default: main)")
    parser.add_argument(
        "--folder",
        default=DEFAULT_FOLDER,
        help=f"the folder in each student's home that holds their copy (default: {DEFAULT_FOLDER})",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        print(nbgitpuller_link(args.hub, args.repo, branch=args.branch, folder=args.folder))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
