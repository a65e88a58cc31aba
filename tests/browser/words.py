"""What the explorer says, read as a screen reader finds it, and checked against ``kmeans_steps``.

The explorer tells each step three ways besides the picture: the scatter's long description
(``aria-describedby`` of the picture), the table view, and the live region, which speaks once
per action. These helpers read them from the page (the explorer's own markup, see
kmeans_teach/static/src/controls.js) and compare the clusters they name with a step of
``kmeans_steps`` computed here: its size (the points labelled so) and its centroid, to the
decimals the page rounds to (about three significant digits of the plot's range).
"""

from __future__ import annotations

import math
import re

import numpy as np

from kmeans_teach.plotting import MARKERS

#: What each of plotting.py's markers is called in words.
MARKER_NAMES = {
    "o": "circle",
    "s": "square",
    "^": "triangle",
    "D": "diamond",
    "v": "down triangle",
    "P": "plus",
    "X": "cross",
    "h": "hexagon",
    "<": "left triangle",
    ">": "right triangle",
}

#: The scatter's long description: the text of the element its aria-describedby names.
DESCRIPTION_JS = """(root) => {
  const picture = root.querySelector('.kt-overlay');
  const ids = (picture.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  return ids.map((id) => root.ownerDocument.getElementById(id).textContent).join(' ');
}"""
#: Every table of the table view: its caption, its header cells (with scope) and its rows.
TABLES_JS = """(root) => [...root.querySelectorAll('.kt-tables table')].map((table) => ({
  caption: table.caption ? table.caption.textContent : '',
  hidden: table.hidden || table.closest('[hidden]') !== null,
  headers: [...table.tHead.rows[0].cells].map((cell) =>
    ({tag: cell.tagName, scope: cell.getAttribute('scope'), text: cell.textContent})),
  rows: [...table.tBodies[0].rows].map((row) => ({
    current: row.getAttribute('aria-current'),
    cells: [...row.cells].map((cell) =>
      ({tag: cell.tagName, scope: cell.getAttribute('scope'), text: cell.textContent})),
  })),
}))"""
#: Start recording what the live region says (every change of its text, in order).
LISTEN_JS = """(root) => {
  const region = root.querySelector('.kt-announcer');
  root.ktSaid = [];
  root.ktSayer?.disconnect();
  root.ktSayer = new MutationObserver(() => root.ktSaid.push(region.textContent.trim()));
  root.ktSayer.observe(region, {childList: true, characterData: true, subtree: true});
}"""
#: The status line's text at every change, recorded with what the live region says.
WATCH_STATUS_JS = """(root) => {
  const status = root.querySelector('.kt-status');
  root.ktStatuses = [];
  root.ktStatusWatch?.disconnect();
  root.ktStatusWatch = new MutationObserver(() => root.ktStatuses.push(status.textContent));
  root.ktStatusWatch.observe(status, {childList: true, characterData: true, subtree: true});
}"""


def decimals_for(span: float) -> int:
    """The decimals the page rounds a value of a plot `span` wide to (description.js)."""
    return min(6, max(0, 2 - math.floor(math.log10(span))))


def description(explorer) -> str:
    return explorer.root.evaluate(DESCRIPTION_JS)


def tables(explorer) -> list[dict]:
    return explorer.root.evaluate(TABLES_JS)


def listen_to_the_live_region(explorer) -> None:
    """From now on, record every change of the live region's text (see :func:`said`)."""
    explorer.root.evaluate(LISTEN_JS)


def said(explorer) -> list[str]:
    """What the live region said since :func:`listen_to_the_live_region`, in order."""
    return explorer.root.evaluate("(root) => root.ktSaid")


def cluster_pattern(axis_labels) -> re.Pattern:
    """One cluster's sentence in the description, naming the two drawn columns."""
    across, up = (re.escape(label) for label in axis_labels)
    return re.compile(
        r"Cluster (?P<j>\d+) \((?P<marker>[a-z ]+)\): "
        r"(?:(?P<size>empty|[\d,]+) ?(?:points?)?(?: \((?P<change>[^)]*)\))?, )?"
        r"(?:centroid moved (?P<moved>[\d.]+) to |centroid at "
        r"|re-seeded at a far point, )"
        rf"{across} (?P<x>-?[\d.]+), {up} (?P<y>-?[\d.]+)\."
    )


def expected_clusters(step, k: int) -> tuple[list | None, np.ndarray]:
    """The sizes (None before any assignment) and centroids (k, 2) of a kmeans_steps step."""
    sizes = None if step.labels is None else np.bincount(step.labels, minlength=k).tolist()
    return sizes, np.asarray(step.centroids)


def assert_words_tell_the_step(explorer, index: int, step, run: dict) -> None:
    """The description and the cluster table at step `index` say what `step` holds.

    `run` is what ``ExplorerView.run()`` reads (its K, limits and axis labels are used).
    """
    markers = [MARKER_NAMES[marker] for marker in MARKERS]
    k = run["k"]
    x0, x1, y0, y1 = run["limits"]
    tolerance = [0.5 * 10 ** -decimals_for(x1 - x0) + 1e-9, 0.5 * 10 ** -decimals_for(y1 - y0)]
    tolerance[1] += 1e-9
    sizes, centroids = expected_clusters(step, k)
    last = len(run["steps"]) - 1

    text = description(explorer)
    assert text.startswith(f"Step {index} of {last}, {step.phase}: "), text
    found = list(cluster_pattern(run["axis_labels"]).finditer(text))
    assert [int(m["j"]) for m in found] == list(range(1, k + 1)), text
    for j, match in enumerate(found):
        assert match["marker"] == markers[j], (j, match[0])
        if sizes is None:
            assert match["size"] is None, match[0]
        else:
            said_size = 0 if match["size"] == "empty" else int(match["size"].replace(",", ""))
            assert said_size == sizes[j], (j, match[0], sizes)
        place = np.array([float(match["x"]), float(match["y"])])
        assert np.all(np.abs(place - centroids[j]) <= tolerance), (j, match[0], centroids[j])

    clusters = tables(explorer)[0]
    assert clusters["caption"] == f"Clusters at step {index} of {last} ({step.phase})"
    assert all(h["tag"] == "TH" and h["scope"] == "col" for h in clusters["headers"])
    names = [h["text"] for h in clusters["headers"]]
    assert names[:5] == ["Cluster", "Marker", "Points", "Joined", "Left"], names
    assert len(clusters["rows"]) == k
    for j, row in enumerate(clusters["rows"]):
        cells = [cell["text"] for cell in row["cells"]]
        assert row["cells"][0]["tag"] == "TH" and row["cells"][0]["scope"] == "row"
        assert cells[0] == str(j + 1) and cells[1] == markers[j], cells
        if sizes is None:
            assert cells[2] == "–", cells
        else:
            assert int(cells[2].replace(",", "")) == sizes[j], (cells, sizes)
        place = np.array([float(cells[5]), float(cells[6])])
        assert np.all(np.abs(place - centroids[j]) <= tolerance), (cells, centroids[j])
