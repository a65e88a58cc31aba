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
