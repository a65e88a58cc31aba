"""Reading the explorer's regions pixel by pixel, and what each pixel should be.

The scatter's regions canvas holds each centroid's region in its cluster's tint
(plotting.PALETTE at plotting.REGION_ALPHA over white). These helpers read the device pixels
around a point of the data and check each against the centroid nearest the pixel's centre,
worked out here: a pixel more than a device pixel from an euclidean region's edge, and every
manhattan pixel, must show its nearest centroid's tint.
"""

from __future__ import annotations

import numpy as np

from kmeans_teach import plotting

#: The regions canvas's device pixels in a square around a point of the data: each pixel's
#: centre in data units and its colour, and the canvas's device pixels per data unit.
REGION_PIXELS_JS = """(root, [x, y, half]) => {
  const explorer = root.ktExplorer;
  const map = explorer.scatterMap;
  const canvas = root.querySelector('canvas.kt-regions');
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const col = Math.round(map.x(x) * ratio);
  const row = Math.round(map.y(y) * ratio);
  const left = Math.max(0, col - half);
  const top = Math.max(0, row - half);
  const width = Math.min(canvas.width, col + half) - left;
  const height = Math.min(canvas.height, row + half) - top;
  const data = canvas.getContext('2d').getImageData(left, top, width, height).data;
  const pixels = [];
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = (r * width + c) * 4;
      pixels.push([map.dataX((left + c + 0.5) / ratio), map.dataY((top + r + 0.5) / ratio),
                   data[i], data[i + 1], data[i + 2], data[i + 3]]);
    }
  }
  const perUnit = [(map.x(1) - map.x(0)) * ratio, (map.y(0) - map.y(1)) * ratio];
  return {ratio, perUnit, pixels};
}"""


def tints():
    """Each region's colour as it looks: its cluster's colour at REGION_ALPHA over white."""
    alpha = plotting.REGION_ALPHA
    return np.array(
        [
            [alpha * int(colour[i : i + 2], 16) + (1 - alpha) * 255 for i in (1, 3, 5)]
            for colour in plotting.PALETTE
        ]
    )


def region_pixels(root, around, half=14):
    """The regions canvas's pixels within `half` device pixels of the data point `around`."""
    found = root.evaluate(REGION_PIXELS_JS, [float(around[0]), float(around[1]), half])
    pixels = np.array(found["pixels"], dtype=float)
    rgb, alpha = pixels[:, 2:5], pixels[:, 5:6] / 255
    seen = alpha * rgb + (1 - alpha) * 255  # as the pixel looks on the white page
    return pixels[:, :2], seen, np.array(found["perUnit"]), found["ratio"]


def boundary_point(centroids, metric):
    """A point half-way between two centroids that lies on the edge of their two regions."""
    order = 1 if metric == "manhattan" else 2
    k = len(centroids)
    for i in range(k):
        for j in range(i + 1, k):
            middle = (centroids[i] + centroids[j]) / 2
            distances = np.linalg.norm(centroids - middle, ord=order, axis=1)
            if np.all(np.delete(distances, [i, j]) > distances[i] * 1.2 + 1e-9):
                return middle, (i, j)
    raise AssertionError(f"no two of the centroids {centroids.tolist()} share a region edge")


def assert_regions_are_true_around(root, centroids, metric, around):
    """Every pixel near `around` shows its nearest centroid's tint: every manhattan pixel, and
    every euclidean pixel more than one device pixel from a region's edge (the pixels on an
    edge are shared by two regions and blend them). Returns the clusters seen there."""
    centres, seen, per_unit, _ = region_pixels(root, around)
    palette = tints()
    if metric == "manhattan":
        distances = np.abs(centres[:, None, :] - centroids[None, :, :]).sum(axis=2)
    else:
        distances = ((centres[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argmin(distances, axis=1)  # the lower number on a tie, as kmeans_steps
    if metric == "manhattan":
        ranked = np.sort(distances, axis=1)
        judged = ranked[:, 1] - ranked[:, 0] > 1e-9  # a pixel on an exact tie could go either way
    else:
        # Distance in device pixels to the nearest bisector between its centroid and another.
        gaps = []
        for j in range(len(centroids)):
            normal = centroids[j] - centroids[nearest]  # (n, 2)
            middle = (centroids[j] + centroids[nearest]) / 2
            value = ((centres - middle) * normal).sum(axis=1)
            scale = np.linalg.norm(normal / per_unit, axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                gap = np.where(scale > 0, np.abs(value) / scale, np.inf)
            gaps.append(gap)
        judged = np.min(gaps, axis=0) > 1.0
    expected = palette[nearest % len(palette)]
    wrong = judged & (np.abs(seen - expected).max(axis=1) > 2.5)
    assert not wrong.any(), (
        f"{wrong.sum()} of {judged.sum()} {metric} region pixels near {list(around)} show "
        f"another colour than their nearest centroid's tint, e.g. at {centres[wrong][:3].tolist()}:"
        f" {seen[wrong][:3].round().tolist()} instead of {expected[wrong][:3].round().tolist()}"
    )
    return set(nearest[judged].tolist())
