"""``python -m kmeans_teach link``: the one link that hands the course release to a class.

A student who opens an nbgitpuller link on the class's JupyterHub gets their own copy of the
release (the first time: a clone) or the latest release merged into their copy (every later
time), and lands on the course's index in JupyterLab. The link names the hub, the release's
git repository and branch, the folder the copy goes into (``targetpath``, in the student's
home folder) and the page to open (``urlpath``).

For a try-out with nothing installed, ``--binder`` prints instead the Binder link of a public
GitHub repository that holds the course (or a release of it): Binder builds it from its
``binder/`` folder and opens the same index.
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


def binder_link(repo: str, *, branch: str = "main", notebook: str = LANDING) -> str:
    """The Binder link that builds a public GitHub repository of the course and opens its index.

    Parameters
    ----------
    repo : str
        The repository's address on GitHub, e.g. ``"https://github.com/teacher/kmeans-course"``
        (a trailing ``.git`` or ``/`` is allowed).
    branch : str, default "main"
        The branch Binder builds.
    notebook : str, default "notebooks/index.ipynb"
        The notebook to open.

    Returns
    -------
    str
        ``https://mybinder.org/v2/gh/<account>/<name>/<branch>?labpath=<notebook>``

    Raises
    ------
    ValueError
        If the address is not that of a repository on github.com.

    Examples
    --------
    >>> print(binder_link("https://github.com/t/kmeans-course"))
    https://mybinder.org/v2/gh/t/kmeans-course/main?labpath=notebooks%2Findex.ipynb
    """
    parts = urlsplit(repo.strip())
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.netloc != "github.com" or len(path) != 2 or "" in path:
        raise ValueError(
            "Binder builds a public GitHub repository: give its address, such as"
            f" https://github.com/ACCOUNT/NAME, not {repo!r}."
        )
    if not branch.strip():
        raise ValueError("The branch is missing: give the branch Binder should build.")
    account, name = path
    return (
        f"https://mybinder.org/v2/gh/{account}/{name}/{quote(branch, safe='')}"
        f"?labpath={quote(notebook, safe='')}"
    )


def link_main(argv: list[str]) -> int:
    """``python -m kmeans_teach link --hub URL --repo URL [--branch B] [--folder F]``."""
    parser = argparse.ArgumentParser(
        prog=LINK_COMMAND,
        description=(
            "Print the nbgitpuller link to send to a class: it gives each student their own copy"
            " of the course release on the hub (or the latest release merged into it) and opens"
            " the course's index. With --binder instead of --hub, print the Binder link of a"
            " public GitHub repository of the course. See docs/teaching-a-class.md."
        ),
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--hub", help="the hub's address, e.g. https://hub.example.edu")
    where.add_argument(
        "--binder",
        action="store_true",
        help="print the Binder link of --repo (a public GitHub repository) instead",
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
        if args.binder:
            print(binder_link(args.repo, branch=args.branch))
        else:
            print(nbgitpuller_link(args.hub, args.repo, branch=args.branch, folder=args.folder))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
