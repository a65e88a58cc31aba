"""What a view of a k-means run shows: the data, its two drawn columns, the elbow curve, a title.

The explorer (``explorer.py``) and the kernel-free views (``animation.py``)
both show a run through these functions, so that a lecturer's live demo and a
GIF of it agree: a data set name is loaded the same way, k-means runs on every
numeric column and two are drawn, the elbow curve is the data set's own
(whatever the run's seed), and the title says the same.
"""

from __future__ import annotations

import dataclasses
import numbers

import numpy as np

from . import datasets
from ._validation import check_data, count_distinct_rows
from .metrics import elbow_curve, find_elbow
from .plotting import TrajectoryFigure

#: Size of every view, in inches: three panels side by side, which fit a 1280 x 720
#: projector with the explorer's block of controls above them.
FIGSIZE = (12.5, 5.6)
#: The name a view gives an array or DataFrame passed to it.
YOUR_DATA = "your data"
#: The elbow curve: K = 1 ... ELBOW_K_MAX, ELBOW_N_INIT starts each (their spread shows how
#: much the start matters). It belongs to the data set, not to the run: it has its own seed.
ELBOW_K_MAX, ELBOW_N_INIT, ELBOW_SEED = 10, 5, 0
#: The elbow curve's silhouette is not drawn; it is averaged over a sample this big.
ELBOW_SILHOUETTE_SAMPLE = 300


# --------------------------------------------------------------------------- the data


@dataclasses.dataclass(frozen=True, eq=False)
class DrawnData:
    """One data set as a view uses it: every numeric column for k-means, two of them drawn."""

    name: str  # a registry name or YOUR_DATA
    X: np.ndarray  # (n, d): what k-means runs on
    columns: tuple  # positions of the two drawn columns in X
    axis_labels: tuple  # their names

    @property
    def drawn(self):
        """The two drawn columns, an (n, 2) array."""
        return self.X[:, list(self.columns)]

    @property
    def regions_meaningful(self):
        # The shaded regions are the centroids' cells in the plane; they are
        # what k-means used only when the plane is the whole space.
        return self.X.shape[1] == 2


def load_drawn_data(data, columns=None):
    """The DrawnData of a data set name, an array or a DataFrame (see :func:`drawn_data`)."""
    if isinstance(data, str):
        check_data_name(data)
        return drawn_data(datasets.load(data), columns, name=data)
    return drawn_data(data, columns)


def drawn_data(data, columns=None, *, name=YOUR_DATA):
    """Check the data and the two columns to draw; k-means gets every numeric column.

    Parameters
    ----------
    data : array-like of shape (n, d) or pandas.DataFrame
        A DataFrame's non-numeric columns are left out.
    columns : sequence of two column names or positions, optional
        The two columns to draw; the first two numeric ones by default.
    name : str, default YOUR_DATA
    """
    if hasattr(data, "dtypes") and hasattr(data, "columns"):  # a pandas DataFrame
        names = list(data.columns)
        numeric = [i for i, t in enumerate(data.dtypes) if getattr(t, "kind", "O") in "biuf"]
        _check_two_columns(len(numeric))
        X = check_data(data.iloc[:, numeric], name="data")
        labels = [str(names[i]) for i in numeric]
        drawn = (0, 1)
        if columns is not None:
            positions = _resolve_columns(columns, names)
            for position in positions:
                if position not in numeric:
                    raise ValueError(
                        f"Column {names[position]!r} is not numeric; k-means runs on the "
                        f"numeric columns: {', '.join(labels)}."
                    )
            drawn = tuple(numeric.index(position) for position in positions)
    else:
        if data is None or isinstance(data, (numbers.Number, bytes)):
            raise TypeError(f"data must be a data set name, an array or a DataFrame, got {data!r}.")
        X = check_data(data, name="data")
        _check_two_columns(X.shape[1])
        labels = [f"column {i}" for i in range(X.shape[1])]
        drawn = _resolve_columns(columns, list(range(X.shape[1])))
    return DrawnData(name, X, drawn, (labels[drawn[0]], labels[drawn[1]]))


def check_data_name(name):
    if name not in datasets.names():
        raise ValueError(
            f"Unknown data set {name!r}; choose one of: {', '.join(datasets.names())}, "
            "or pass an array or a DataFrame."
        )


def _check_two_columns(d):
    if d < 2:
        raise ValueError(
            f"data has {d} numeric column(s); the picture draws two (x and y), "
            "so it needs at least 2."
        )


def _resolve_columns(columns, names):
    """Positions (i, j) of two columns given by name or position; (0, 1) for None."""
    if columns is None:
        return (0, 1)
    if isinstance(columns, (str, bytes)) or not hasattr(columns, "__iter__"):
        raise TypeError(
            f"columns must name exactly two columns (names or positions), got {columns!r}."
        )
    columns = list(columns)
    if len(columns) != 2:
        raise ValueError(f"columns must name exactly two columns, got {len(columns)}: {columns!r}.")
    positions = []
    for column in columns:
        is_flag = isinstance(column, (bool, np.bool_))
        if not is_flag and column in names:
            positions.append(names.index(column))
        elif not is_flag and isinstance(column, numbers.Integral):
            if not -len(names) <= column < len(names):
                raise ValueError(
                    f"Column position {column} is out of range: the data has {len(names)} columns."
                )
            positions.append(int(column) % len(names))
        else:
            raise ValueError(
                f"Unknown column {column!r}; the columns are: {', '.join(map(repr, names))}."
            )
    if positions[0] == positions[1]:
        raise ValueError(f"columns must name two different columns, got {columns!r}.")
    return tuple(positions)


# --------------------------------------------------------------------------- the elbow


def data_set_elbow(X):
    """The elbow curve of a data set (K = 1 to 10, 5 starts each, seed 0) and its elbow.

    Returns
    -------
    curve : pandas.DataFrame
        From :func:`kmeans_teach.elbow_curve`; K stops at the number of distinct points.
    elbow : int or None
        From :func:`kmeans_teach.find_elbow`; None with fewer than three Ks.
    """
    ks = range(1, min(ELBOW_K_MAX, count_distinct_rows(X)) + 1)
    options = {"n_init": ELBOW_N_INIT, "seed": ELBOW_SEED}
    try:
        # The picture shows no silhouette, so a small sample of it is enough (the
        # full one takes most of the time from 2,000 points on).
        curve = elbow_curve(X, ks, silhouette_sample_size=ELBOW_SILHOUETTE_SAMPLE, **options)
    except ValueError:
        # A sample that missed a tiny cluster has too few clusters for a silhouette.
        curve = elbow_curve(X, ks, silhouette_sample_size=None, **options)
    return curve, find_elbow(curve) if len(ks) >= 3 else None


# --------------------------------------------------------------------------- the run


@dataclasses.dataclass(frozen=True, eq=False)
class Run:
    """One k-means run, kept: the steps as yielded, and as drawn in the two columns."""

    data: DrawnData
    k: int
    seed: object  # an int, or whatever else kmeans_steps takes (a Generator, None)
    init: object  # an init name, or the starting centroids
    steps: list  # as kmeans_steps yielded them
    drawn: list  # the same steps, their centroids in the two drawn columns
    curve: object  # pandas.DataFrame: the data set's elbow curve, or None
    elbow: int | None

    @classmethod
    def from_steps(cls, data, steps, *, seed, init, curve=None, elbow=None):
        """The Run of `steps`, which kmeans_steps yielded for ``data.X``."""
        k = steps[0].centroids.shape[0]
        return cls(data, k, seed, init, steps, drawn_steps(steps, data), curve, elbow)

    @property
    def title(self):
        """Names the data set, K, the start and the seed (when it is a number)."""
        start = f"{self.init} start" if isinstance(self.init, str) else "given start"
        title = f"{self.data.name} · K = {self.k} · {start}"
        if isinstance(self.seed, numbers.Integral) and not isinstance(self.seed, bool):
            title += f" · seed {self.seed}"
        d = self.data.X.shape[1]
        if d > 2:
            title += f"\n(k-means used all {d} columns; two are drawn)"
        return title


def drawn_steps(steps, data):
    """The steps with their centroids in the two drawn columns (the same steps for 2-D data)."""
    if data.columns == (0, 1) and data.X.shape[1] == 2:
        return steps
    chosen = list(data.columns)
    return [dataclasses.replace(step, centroids=step.centroids[:, chosen]) for step in steps]


def trajectory_figure(fig, run, *, status_in_title=True):
    """Draw `run` into the empty figure `fig`: its :class:`TrajectoryFigure`."""
    return TrajectoryFigure(
        fig,
        run.data.drawn,
        run.drawn,
        run.curve,
        elbow=run.elbow,
        labels=run.data.axis_labels,
        title=run.title,
        # In more than two dimensions the regions in the plane are not the clusters' regions.
        regions=run.data.regions_meaningful,
        status_in_title=status_in_title,
    )
