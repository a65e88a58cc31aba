"""The nbgitpuller link an instructor sends to a class (python -m kmeans_teach link)."""

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from kmeans_teach.authoring.links import nbgitpuller_link


def test_the_link_names_the_release_the_folder_and_the_index_for_nbgitpuller():
    link = nbgitpuller_link(
        "https://example.edu/jupyter/", "https://github.com/t/kmeans-course", branch="week3"
    )
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "example.edu")
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {
        "repo": ["https://github.com/t/kmeans-course"],
        "branch": ["week3"],
        "urlpath": ["lab/tree/kmeans-course/notebooks/index.ipynb"],
        "targetpath": ["kmeans-course"],
    }


@pytest.mark.parametrize(
    ("hub", "folder", "message"),
    [
        ("hub.example.edu", "kmeans-course", "must be an http"),
        ("https://hub.example.edu", "/etc", "plain path"),
        ("https://hub.example.edu", "../other", "plain path"),
    ],
)
def test_a_bad_hub_or_folder_is_refused_with_a_sentence(hub, folder, message):
    with pytest.raises(ValueError, match=message):
        nbgitpuller_link(hub, "https://github.com/t/kmeans-course", folder=folder)


def test_the_command_prints_the_link_or_a_sentence():
    command = [sys.executable, "-m", "kmeans_teach", "link", "--repo", "https://g/t/c"]
    done = subprocess.run([*command, "--hub", "https://h"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("https://h/hub/user-redirect/git-pull?")
    refused = subprocess.run([*command, "--hub", "h"], capture_output=True, text=True)
    assert refused.returncode == 1 and refused.stderr.startswith("error: The hub must be")


def test_the_binder_link_builds_the_github_repository_and_opens_the_index():
    from kmeans_teach.authoring.links import binder_link

    link = binder_link("https://github.com/t/kmeans-course.git/", branch="week 3")
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("mybinder.org", "/v2/gh/t/kmeans-course/week%203")
    assert parse_qs(parts.query) == {"labpath": ["notebooks/index.ipynb"]}


@pytest.mark.parametrize(
    "repo",
    ["https://gitlab.com/t/c", "github.com/t/c", "https://github.com/t", "http://github.com/t/c"],
)
def test_a_binder_link_of_anything_but_a_github_repository_is_refused(repo):
    from kmeans_teach.authoring.links import binder_link

    with pytest.raises(ValueError, match="public GitHub repository"):
        binder_link(repo)


def test_the_command_prints_the_binder_link_and_needs_a_hub_or_binder():
    command = [sys.executable, "-m", "kmeans_teach", "link", "--repo", "https://github.com/t/c"]
    done = subprocess.run([*command, "--binder"], capture_output=True, text=True)
    assert done.returncode == 0
    assert (
        done.stdout.strip() == "https://mybinder.org/v2/gh/t/c/main?labpath=notebooks%2Findex.ipynb"
    )
    neither = subprocess.run(command, capture_output=True, text=True)
    assert neither.returncode != 0 and "--hub" in neither.stderr and "--binder" in neither.stderr
