"""What a view of a k-means run shows: the data, its two drawn columns, the elbow curve, a title.

The explorer (``explorer.py``) and the kernel-free views (``player.py``, ``gif.py``)
both show a run through these functions, so that a lecturer's live demo, the
HTML player and a GIF of it agree: a data set name is loaded the same way (with
the data seed the lessons use), k-means runs on every numeric column and two
are drawn, the elbow curve is the data set's own (whatever the run's seed), and
the title says the same.

:func:`run_message` and :func:`elbow_message` are what the browser renderer
(``static/explorer.js``) receives: every number as a little-endian binary
array, never as a JSON list of floats.
"""

from __future__ import annotations

import dataclasses
import hashlib
import numbers

import numpy as np

from . import datasets
from ._validation import check_data, count_distinct_rows
from .metrics import elbow_curve, find_elbow
from .plotting import TrajectoryFigure, _limits, run_statuses

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
#: The data seed each data set is loaded with when a view names it: the one the lessons use,
#: so that the explorer, the player and the lessons show the same points (0 for the others).
LESSON_DATA_SEEDS = {"article": 2021}
#: The start of a run whose first centroids were given (placed by clicks, or dragged).
GIVEN_START = "given"


# --------------------------------------------------------------------------- the data


@dataclasses.dataclass(frozen=True, eq=False)
class DrawnData:
    """One data set as a view uses it: every numeric column for k-means, two of them drawn."""

    name: str  # a registry name or YOUR_DATA
    X: np.ndarray  # (n, d): what k-means runs on
    columns: tuple  # positions of the two drawn columns in X
    axis_labels: tuple  # their names
    seed: int | None = None  # the data seed of a registry data set; None for your own data

    @property
    def seed_note(self):
        """ " · data seed N" when the data seed is not the one the lessons use, else ""."""
        if self.seed is None or self.seed == lesson_data_seed(self.name):
            return ""
        return f" · data seed {self.seed}"

    @property
    def drawn(self):
        """The two drawn columns, an (n, 2) array."""
        return self.X[:, list(self.columns)]

    @property
    def regions_meaningful(self):
        # The shaded regions are the centroids' cells in the plane; they are
        # what k-means used only when the plane is the whole space.
        return self.X.shape[1] == 2


def lesson_data_seed(name):
    """The data seed the lessons load data set `name` with (see LESSON_DATA_SEEDS)."""
    return LESSON_DATA_SEEDS.get(name, 0)


def load_drawn_data(data, columns=None, *, data_seed=None):
    """The DrawnData of a data set name, an array, a DataFrame or a drawing.

    Parameters
    ----------
    data : str, array-like of shape (n, d), pandas.DataFrame or drawdata.ScatterWidget
        A registry name is loaded with `data_seed`; a drawing (anything with a
        ``data_as_pandas`` DataFrame, as drawdata's widget has) gives its x and y.
    columns : sequence of two column names or positions, optional
        See :func:`drawn_data`.
    data_seed : int, optional
        The seed a registry data set is generated with; by default the one the
        lessons use (:func:`lesson_data_seed`). Only for a data set name.
    """
    if isinstance(data, str):
        check_data_name(data)
        if data_seed is None:
            data_seed = lesson_data_seed(data)
        elif isinstance(data_seed, bool) or not isinstance(data_seed, numbers.Integral):
            raise TypeError(f"data_seed must be a whole number, got {data_seed!r}.")
        frame = datasets.load(data, seed=int(data_seed))
        return dataclasses.replace(drawn_data(frame, columns, name=data), seed=int(data_seed))
    if data_seed is not None:
        raise ValueError("data_seed is only for a data set name: your own data has no seed.")
    if hasattr(data, "data_as_pandas"):  # a drawing, e.g. drawdata.ScatterWidget()
        frame = data.data_as_pandas
        if len(frame) == 0 or not {"x", "y"} <= set(frame.columns):
            raise ValueError(
                "The drawing holds no points yet: draw some points, then call explore again."
            )
        return drawn_data(frame[["x", "y"]], columns)
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
    metric: str = "euclidean"

    @classmethod
    def from_steps(cls, data, steps, *, seed, init, curve=None, elbow=None, metric="euclidean"):
        """The Run of `steps`, which kmeans_steps yielded for ``data.X``."""
        k = steps[0].centroids.shape[0]
        drawn = drawn_steps(steps, data)
        return cls(data, k, seed, init, steps, drawn, curve, elbow, metric)

    @property
    def init_name(self):
        """The start method's name: an init name, or GIVEN_START for given centroids."""
        return self.init if isinstance(self.init, str) else GIVEN_START

    @property
    def title(self):
        """Names the data set, K, the start, the seed (when it is a number) and the metric."""
        start = f"{self.init} start" if isinstance(self.init, str) else "chosen start"
        title = f"{self.data.name} · K = {self.k} · {start}"
        if isinstance(self.seed, numbers.Integral) and not isinstance(self.seed, bool):
            title += f" · seed {self.seed}"
        if self.metric != "euclidean":
            title += f" · {self.metric}"
        title += self.data.seed_note
        if self.note:
            title += f"\n({self.note})"
        return title

    @property
    def note(self):
        """What the picture cannot show: k-means used more columns than the two drawn."""
        d = self.data.X.shape[1]
        return f"k-means used all {d} columns; two are drawn" if d > 2 else ""

    @property
    def key(self):
        """Names the run among the others of its data set (data, K, seed, start, metric)."""
        key = f"{self.data.name}|{self.k}|{self.seed}|{self.init_name}|{self.metric}"
        if self.init_name == GIVEN_START:  # two given starts are two runs
            start = np.ascontiguousarray(self.steps[0].centroids, dtype="<f8").tobytes()
            key += "|" + hashlib.sha1(start).hexdigest()[:12]
        return key


def drawn_steps(steps, data):
    """The steps with their centroids in the two drawn columns (the same steps for 2-D data)."""
    if data.columns == (0, 1) and data.X.shape[1] == 2:
        return steps
    chosen = list(data.columns)
    return [dataclasses.replace(step, centroids=step.centroids[:, chosen]) for step in steps]


# --------------------------------------------------------------------------- for the browser

#: How the browser renderer numbers the phases (static/explorer.js, PHASES).
PHASE_CODES = {"init": 0, "assign": 1, "update": 2}


def _binary(values, dtype):
    """`values` as the bytes of a little-endian array of `dtype` (a buffer of the message)."""
    return np.ascontiguousarray(values, dtype=dtype).tobytes()


def run_message(run):
    """What the browser renderer needs to draw every step of `run`, as one dict.

    Parameters
    ----------
    run : Run
        With K at most 254 (one byte per label).

    Returns
    -------
    dict
        Text and whole numbers as themselves; every array as the bytes of a
        little-endian array: ``points`` (n, 2) float64 (the drawn columns),
        ``centroids`` (n_steps, k, 2) float64, ``phase`` (n_steps,) uint8 (see
        PHASE_CODES), ``iteration`` uint16, ``inertia`` float64 (NaN where none),
        ``n_changed`` int32 (-1 where none), ``reseeded`` (n_steps, k) uint8
        flags, and the labels: ``label_rows`` (r, n) uint8, one row per distinct
        labelling in a row of steps, ``label_row`` (n_steps,) int16, the row of
        each step (-1 before the first assignment).
    """
    steps, data = run.steps, run.data
    rows, row_of = [], []
    for step in steps:
        if step.labels is None:
            row_of.append(-1)
            continue
        if not rows or not np.array_equal(rows[-1], step.labels):
            rows.append(np.asarray(step.labels))
        row_of.append(len(rows) - 1)
    n = data.X.shape[0]
    label_rows = np.stack(rows) if rows else np.empty((0, n), dtype=np.uint8)
    reseeded = np.zeros((len(steps), run.k), dtype=np.uint8)
    for i, step in enumerate(steps):
        reseeded[i, list(step.reseeded)] = 1
    drawn = data.drawn
    return {
        "key": run.key,
        "title": run.title.replace("\n", " "),
        "note": run.note,
        "data_name": data.name,
        "k": run.k,
        "n": n,
        "n_steps": len(steps),
        "seed": run.seed if isinstance(run.seed, numbers.Integral) else None,
        "init": run.init_name,
        "metric": run.metric,
        "axis_labels": [str(label) for label in data.axis_labels],
        "regions": data.regions_meaningful,
        "limits": [*_limits(drawn[:, 0]), *_limits(drawn[:, 1])],
        "status": run_statuses(steps, run.metric),
        "points": _binary(drawn, "<f8"),
        "centroids": _binary(np.stack([step.centroids for step in run.drawn]), "<f8"),
        "phase": _binary([PHASE_CODES[step.phase] for step in steps], "u1"),
        "iteration": _binary([step.iteration for step in steps], "<u2"),
        "inertia": _binary([step.inertia for step in steps], "<f8"),
        "n_changed": _binary(
            [-1 if step.n_changed is None else step.n_changed for step in steps], "<i4"
        ),
        "reseeded": _binary(reseeded, "u1"),
        "label_rows": _binary(label_rows, "u1"),
        "label_row": _binary(row_of, "<i2"),
    }


def elbow_message(name, curve, elbow):
    """The elbow curve of data set `name` for the browser: K, best and worst inertia, the elbow."""
    return {
        "data_name": name,
        "k": _binary(curve["k"].to_numpy(), "<i4"),
        "best": _binary(curve["inertia"].to_numpy(), "<f8"),
        "worst": _binary(curve["inertia_worst"].to_numpy(), "<f8"),
        "elbow": None if elbow is None else int(elbow),
    }


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
        metric=run.metric,
        # In more than two dimensions the regions in the plane are not the clusters' regions.
        regions=run.data.regions_meaningful,
        status_in_title=status_in_title,
    )
