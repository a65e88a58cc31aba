"""Each centroid's euclidean region as a polygon, so a figure draws its edges where they are.

A centroid's region (its Voronoi cell) is the part of the plot nearer to it than to any other
centroid: the plot's box cut by the line half-way between it and each other centroid, a
convex polygon. The explorer draws its regions the same way (static/src/regions.js).
"""

from __future__ import annotations

import numpy as np


def _cut(polygon, normal, middle):
    """The part of the convex `polygon` (list of corners) where normal · (p - middle) <= 0."""
    kept = []
    for p, q in zip(polygon, polygon[1:] + polygon[:1]):
        fp = float(np.dot(normal, p - middle))
        fq = float(np.dot(normal, q - middle))
        if fp <= 0:
            kept.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            kept.append(p + fp / (fp - fq) * (q - p))
    return kept


def voronoi_cells(centroids, xlim, ylim):
    """Each centroid's euclidean region inside the box ``xlim`` x ``ylim``.

    Parameters
    ----------
    centroids : ndarray of shape (k, 2)
    xlim, ylim : tuple of float
        The box, (low, high) in each column.

    Returns
    -------
    list of ndarray of shape (m, 2)
        The corners of each region in order, m >= 3; m = 0 for a centroid that stands where
        an earlier one stands (a point as near to both belongs to the lower number, as in
        ``kmeans_steps``).
    """
    # Worked out relative to the box's corner, so that data far from zero loses no digits.
    corner = np.array([xlim[0], ylim[0]], dtype=float)
    width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]
    box = [np.array(p, dtype=float) for p in ((0, 0), (width, 0), (width, height), (0, height))]
    at = np.asarray(centroids, dtype=float) - corner
    cells = []
    for j, own in enumerate(at):
        cell = box
        for i, other in enumerate(at):
            if i == j or not cell:
                continue
            if np.array_equal(other, own):
                if i < j:
                    cell = []  # both in one place: the region is the first one's
                continue
            # Nearer to j than to i: on j's side of the perpendicular bisector of the two.
            cell = _cut(cell, other - own, (other + own) / 2)
        cells.append(np.array(cell).reshape(-1, 2) + corner)
    return cells
