"""Every data set of the course, in one registry.

Each data set is either generated with numpy from an explicit seed or shipped
inside the package (Iris), so nothing is fetched from the network and the same
``(name, seed, n)`` gives the same table on every machine.

>>> from kmeans_teach import datasets
>>> datasets.names()[:3]
['article', 'blobs', 'anisotropic']
>>> df, truth = datasets.load("blobs", seed=1, return_truth=True)
>>> df.shape, truth.nunique()
((400, 2), 4)
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from ._validation import check_flag, check_seed, check_whole_number, keywords_checked

__all__ = ["describe", "load", "names"]


@dataclass(frozen=True)
class DataSet:
    """One entry of the registry.

    Attributes
    ----------
    name, description : str
        The name ``load`` takes, and one sentence a student understands.
    columns : tuple of str
        The column names of the table ``load`` returns.
    default_n : int
        Number of rows when ``n`` is None.
    n_groups : int or tuple of two ints
        Number of generating groups, or for a data set whose number of groups is
        drawn from the seed, the (lowest, highest) it can be; ``n`` must be at
        least the highest, so that every group gets a row.
    make : callable ``(rng, n) -> (columns, truth)``
        ``columns`` holds one 1-D array of length n per column; ``truth`` is an
        int array of shape (n,) with the generating group of each row.
    fixed : bool, default False
        True for a shipped table whose size cannot change (Iris).
    """

    name: str
    description: str
    columns: tuple[str, ...]
    default_n: int
    n_groups: int | tuple[int, int]
    make: Callable
    fixed: bool = False

    @property
    def most_groups(self):
        """The most generating groups a table of this data set can have."""
        return self.n_groups[1] if isinstance(self.n_groups, tuple) else self.n_groups

    @property
    def groups_text(self):
        """The number of groups as a person reads it: "4", or "2 to 8" when drawn from the seed."""
        if isinstance(self.n_groups, tuple):
            return f"{self.n_groups[0]} to {self.n_groups[1]}"
        return str(self.n_groups)


def _split(n, weights):
    """Split n rows into groups sized in proportion to weights; sizes add up to exactly n."""
    share = n * np.asarray(weights, dtype=float) / np.sum(weights)
    sizes = np.floor(share).astype(int)
    # the rows lost to rounding go to the groups that lost the most
    sizes[np.argsort(sizes - share, kind="stable")[: n - sizes.sum()]] += 1
    # a group with no row at all would make the truth lie about the number of groups
    while (sizes == 0).any():
        sizes[np.argmax(sizes)] -= 1
        sizes[np.argmin(sizes)] += 1
    return sizes


def _gaussian_groups(rng, n, centres, stds, weights=None):
    """Round Gaussian groups around centres (k, 2); returns points (n, 2) and truth (n,)."""
    sizes = _split(n, np.ones(len(centres)) if weights is None else weights)
    truth = np.repeat(np.arange(len(centres)), sizes)
    noise = rng.normal(size=(n, 2)) * np.asarray(stds, dtype=float)[truth, None]
    return np.asarray(centres, dtype=float)[truth] + noise, truth


def _on_circle(angle, radius, centre=(0.0, 0.0)):
    return np.column_stack([np.cos(angle), np.sin(angle)]) * radius + centre


_REGISTRY = {}  # name -> DataSet, in the order the lessons meet them


def _register(name, description, *, n_groups, columns=("x", "y"), default_n=400, fixed=False):
    """Add the decorated generator to the registry under name."""

    def add(make):
        _REGISTRY[name] = DataSet(name, description, columns, default_n, n_groups, make, fixed)
        return make

    return add


@_register(
    "article",
    "The example from the course's article: X is a whole number 0 to 3, "
    "Y a random number between 0 and 10.",
    n_groups=4,
    columns=("X", "Y"),
    default_n=300,
)
def _article(rng, n):
    x = rng.integers(0, 4, size=n)
    return (x, rng.uniform(0, 10, size=n)), x


@_register("blobs", "Four round, well-separated groups: the easy case for k-means.", n_groups=4)
def _blobs(rng, n):
    points, truth = _gaussian_groups(rng, n, [(-5, 5), (5, 6), (-4, -5), (6, -4)], [1, 1, 1, 1])
    return points.T, truth


@_register("anisotropic", "Three groups stretched and tilted into long ellipses.", n_groups=3)
def _anisotropic(rng, n):
    points, truth = _gaussian_groups(rng, n, np.zeros((3, 2)), [1.5, 1.5, 1.5])
    # a shear plus a stretch turns round groups into long tilted ones, then they sit side by side
    centres = np.array([(-1.8, -0.6), (0.0, 0.6), (1.8, 0.6)])
    return (points @ [[0.6, -0.64], [-0.41, 0.85]] + centres[truth]).T, truth


@_register(
    "unequal-variances",
    "Three groups, one tight, one medium and one widely spread.",
    n_groups=3,
)
def _unequal_variances(rng, n):
    points, truth = _gaussian_groups(rng, n, [(-6, 0), (-1, 1), (7, 0)], [0.5, 1.5, 3])
    return points.T, truth


@_register("uneven-sizes", "Three groups holding 75 %, 20 % and 5 % of the points.", n_groups=3)
def _uneven_sizes(rng, n):
    centres = [(0, 0), (7, 3), (6, -4)]
    points, truth = _gaussian_groups(rng, n, centres, [1.5, 1, 0.8], weights=[75, 20, 5])
    return points.T, truth


@_register("rings", "Two noisy circles, one inside the other.", n_groups=2)
def _rings(rng, n):
    truth = np.repeat([0, 1], _split(n, [1, 1]))
    angle = rng.uniform(0, 2 * np.pi, size=n)
    radius = np.array([1.0, 2.5])[truth, None]
    return (_on_circle(angle, radius) + rng.normal(scale=0.1, size=(n, 2))).T, truth


@_register("moons", "Two interleaved noisy half circles.", n_groups=2)
def _moons(rng, n):
    truth = np.repeat([0, 1], _split(n, [1, 1]))
    upper = _on_circle(rng.uniform(0, np.pi, size=n), 1.0)
    # the lower moon is the upper one turned upside down and slid into its gap
    points = np.where(truth[:, None] == 0, upper, (1.0, 0.5) - upper)
    return (points + rng.normal(scale=0.1, size=(n, 2))).T, truth


@_register(
    "smiley",
    "A smiley face: the outline, two eyes and a mouth.",
    n_groups=4,
    default_n=500,
)
def _smiley(rng, n):
    truth = np.repeat([0, 1, 2, 3], _split(n, [50, 10, 10, 30]))
    # draw every row on every part of the face, then keep the part its group says
    parts = np.stack(
        [
            _on_circle(rng.uniform(0, 2 * np.pi, size=n), 5.0),
            rng.normal(loc=(-1.8, 1.8), scale=0.35, size=(n, 2)),
            rng.normal(loc=(1.8, 1.8), scale=0.35, size=(n, 2)),
            _on_circle(rng.uniform(1.2 * np.pi, 1.8 * np.pi, size=n), 3.0),
        ]
    )
    points = parts[truth, np.arange(n)]
    return (points + rng.normal(scale=0.1, size=(n, 2))).T, truth


#: Packed circles: how many, in a square this wide, with radii drawn from this range, and at
#: least this gap between two circles (so that no point lies in two of them).
_CIRCLES, _CIRCLE_SQUARE, _CIRCLE_RADII, _CIRCLE_GAP = 6, 10.0, (0.8, 2.0), 0.25


def _pack_circles(rng, count, square, radii, gap):
    """Centres (count, 2) and radii (count,) of circles inside the square that do not touch.

    The largest are placed first, each at a random place where it fits; a circle that finds no
    such place in 200 tries is made a little smaller and tried again, so packing always ends.
    """
    radius = np.sort(rng.uniform(*radii, size=count))[::-1]
    centres = np.empty((count, 2))
    for i in range(count):
        while True:
            tries = rng.uniform(radius[i], square - radius[i], size=(200, 2))
            apart = np.linalg.norm(tries[:, None] - centres[None, :i], axis=2)
            fits = (apart >= radius[None, :i] + radius[i] + gap).all(axis=1)
            if fits.any():
                centres[i] = tries[np.argmax(fits)]
                break
            radius[i] *= 0.9
    return centres, radius


@_register(
    "packed-circles",
    f"{_CIRCLES} round groups of evenly spread points, of different sizes, packed in a square "
    "without touching.",
    n_groups=_CIRCLES,
    default_n=600,
)
def _packed_circles(rng, n):
    centres, radius = _pack_circles(rng, _CIRCLES, _CIRCLE_SQUARE, _CIRCLE_RADII, _CIRCLE_GAP)
    # as many points per circle as its area holds: the same density everywhere
    truth = np.repeat(np.arange(_CIRCLES), _split(n, radius**2))
    # evenly spread over a disc: the square root, or the points would crowd the centre
    distance = radius[truth] * np.sqrt(rng.uniform(size=n))
    points = _on_circle(rng.uniform(0, 2 * np.pi, size=n), distance[:, None], centres[truth])
    return points.T, truth


#: A Gaussian mixture: the number of groups is drawn from this range, their centres from this
#: square, their spreads (standard deviations) and weights from these ranges.
_MIXTURE_GROUPS, _MIXTURE_SQUARE = (2, 8), 20.0
_MIXTURE_SPREADS, _MIXTURE_WEIGHTS = (0.5, 2.0), (1.0, 4.0)
#: Random places tried for each centre (more: the groups further apart).
_MIXTURE_TRIES = 4


@_register(
    "gaussian-mixture",
    f"A random number ({_MIXTURE_GROUPS[0]} to {_MIXTURE_GROUPS[1]}) of round Gaussian groups "
    "with random centres, spreads and sizes, all drawn from the seed.",
    n_groups=_MIXTURE_GROUPS,
)
def _gaussian_mixture(rng, n):
    # the number of groups is drawn first, so n does not change it (only the seed does)
    count = int(rng.integers(_MIXTURE_GROUPS[0], _MIXTURE_GROUPS[1] + 1))
    # of a few random places, each centre takes the one farthest from those before it, so
    # that two groups seldom sit on top of each other (spreads may still make them overlap)
    centres = rng.uniform(0, _MIXTURE_SQUARE, size=(1, 2))
    for _ in range(count - 1):
        tries = rng.uniform(0, _MIXTURE_SQUARE, size=(_MIXTURE_TRIES, 2))
        nearest = np.linalg.norm(tries[:, None] - centres[None], axis=2).min(axis=1)
        centres = np.vstack([centres, tries[np.argmax(nearest)]])
    stds = rng.uniform(*_MIXTURE_SPREADS, size=count)
    weights = rng.uniform(*_MIXTURE_WEIGHTS, size=count)
    points, truth = _gaussian_groups(rng, n, centres, stds, weights)
    return points.T, truth


@_register("uniform", "Points spread evenly over a square, with no groups at all.", n_groups=1)
def _uniform(rng, n):
    return rng.uniform(0, 10, size=(n, 2)).T, np.zeros(n, dtype=int)


# mean (income k$, score, visits) of five plausible segments:
# careful, carefree, average, big spenders, thrifty well-off
_SEGMENTS = np.array(
    [
        [26, 20, 2.0],
        [26, 80, 6.0],
        [55, 50, 4.0],
        [92, 82, 8.0],
        [92, 17, 1.5],
    ]
)
_SEGMENT_SPREAD = np.array([8, 8, 1.0])


@_register(
    "customers",
    "Made-up shop customers: income, spending score and visits per month, "
    "measured on very different scales.",
    n_groups=5,
    columns=("annual income (k$)", "spending score (1-100)", "visits per month"),
    default_n=200,
)
def _customers(rng, n):
    truth = np.repeat(np.arange(5), _split(n, [12, 12, 40, 18, 18]))
    values = _SEGMENTS[truth] + rng.normal(size=(n, 3)) * _SEGMENT_SPREAD
    # round and clip like a real table: whole k$, a 1-100 score, visits never negative
    income = np.clip(np.round(values[:, 0]), 15, 140).astype(int)
    score = np.clip(np.round(values[:, 1]), 1, 100).astype(int)
    visits = np.clip(np.round(values[:, 2], 1), 0, None)
    return (income, score, visits), truth


_IRIS_COLUMNS = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")
_IRIS_SPECIES = ("setosa", "versicolor", "virginica")


@_register(
    "iris",
    "Fisher's 1936 measurements of 150 iris flowers of three species.",
    n_groups=3,
    columns=_IRIS_COLUMNS,
    default_n=150,
    fixed=True,
)
def _iris(rng, n):
    # shipped with the package (public domain), so it loads offline and from an installed copy
    with (resources.files(__package__) / "data" / "iris.csv").open("r") as file:
        table = pd.read_csv(file)
    species = pd.Categorical(table["species"], categories=_IRIS_SPECIES).codes
    return [table[c].to_numpy(dtype=float) for c in _IRIS_COLUMNS], species.astype(int)


@keywords_checked
def names():
    """List the names of all data sets, in teaching order.

    Returns
    -------
    list of str
    """
    return list(_REGISTRY)


@keywords_checked
def describe():
    """Tabulate the data sets, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns "name", "description", "default n" (int), "columns" (the
        column names, joined by ", ") and "groups" (the number of generating
        groups as text: "4", or "2 to 8" for a data set whose number of groups
        is drawn from the seed; ``load(..., return_truth=True)`` tells how many
        a table has), one row per data set in teaching order.
    """
    return pd.DataFrame(
        {
            "name": [d.name for d in _REGISTRY.values()],
            "description": [d.description for d in _REGISTRY.values()],
            "default n": [d.default_n for d in _REGISTRY.values()],
            "columns": [", ".join(d.columns) for d in _REGISTRY.values()],
            "groups": [d.groups_text for d in _REGISTRY.values()],
        }
    )


@keywords_checked
def load(name, *, seed=0, n=None, return_truth=False):
    """Load a data set as a table.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    seed : int, numpy.random.Generator or None, default 0
        Where the randomness comes from; the same seed gives the same table on
        every machine. None gives different data on every call.
    n : int or None, default None
        Number of rows; None for the data set's default size (see
        :func:`describe`). Must be at least the number of groups (for a
        random number of groups, the most it can be). Iris has a fixed 150 rows.
    return_truth : bool, default False
        Also return the group each row was generated from.

    Returns
    -------
    df : pandas.DataFrame of shape (n, d)
        Numeric columns named in :func:`describe`; ``df.attrs`` holds "name"
        and "description". Generated rows come in random order.
    truth : pandas.Series of shape (n,), int
        Only when ``return_truth`` is True: the generating group of each row,
        0, 1, ... (Iris: 0 setosa, 1 versicolor, 2 virginica), named "truth".
        Every group has at least one row, so ``truth.nunique()`` is the number
        of groups, also where the seed draws it ("gaussian-mixture").

    Raises
    ------
    ValueError
        Unknown name; n below the number of groups; n given for Iris.
    TypeError
        n is not a whole number, seed is not an int, Generator or None, or
        return_truth is not True or False.
    """
    if not isinstance(name, str) or name not in _REGISTRY:
        raise ValueError(
            f"Unknown data set {name!r}: the name must be one of: {', '.join(_REGISTRY)}."
        )
    data = _REGISTRY[name]
    rng = check_seed(seed)
    n = _check_n(n, data)
    return_truth = check_flag(return_truth, "return_truth")
    columns, truth = data.make(rng, n)
    df = pd.DataFrame(dict(zip(data.columns, columns)))
    truth = pd.Series(np.asarray(truth, dtype=np.int64), name="truth")
    if not data.fixed:
        # rows sorted by group would give the answer away (and real data is not sorted)
        order = rng.permutation(n)
        df = df.iloc[order].reset_index(drop=True)
        truth = truth.iloc[order].reset_index(drop=True)
    df.attrs["name"] = data.name
    df.attrs["description"] = data.description
    return (df, truth) if return_truth else df


#: The most rows a generated data set can have (a few hundred MB of float64 columns).
MAX_ROWS = 10_000_000


def _is_fixed(name):
    """Whether data set `name` (one of :func:`names`) is a shipped table no seed changes (Iris)."""
    return _REGISTRY[name].fixed


def _check_n(n, data):
    if data.fixed:
        if n is not None and not (isinstance(n, numbers.Integral) and n == data.default_n):
            raise ValueError(
                f"{data.name} has a fixed {data.default_n} rows; leave n=None (got n={n!r})."
            )
        return data.default_n
    if n is None:
        return data.default_n
    n = check_whole_number(n, "n", low=1, high=MAX_ROWS)
    if n < data.most_groups:
        raise ValueError(
            f"n={n} is too small for {data.name!r}: it has {data.groups_text} groups, "
            f"so it needs n >= {data.most_groups}."
        )
    return int(n)


#: Pictures shipped in kmeans_teach/data/, by the name load_image takes.
_IMAGES = {"hopper": "hopper.png"}


@keywords_checked
def load_image(name="hopper"):
    """Load a picture shipped with the package, as an array of RGB pixels.

    The lessons use it for colour quantisation: every pixel is a point in RGB
    space. "hopper" is the official US Navy portrait of Rear Admiral Grace
    Hopper (1984), a work of the US government and so in the public domain.
    It is the sample photo matplotlib ships (``grace_hopper.jpg``), reduced to
    160 x 188 pixels and stored as a PNG, so it loads offline.

    Parameters
    ----------
    name : str, default "hopper"
        The picture to load; the only one so far is "hopper".

    Returns
    -------
    ndarray of shape (height, width, 3), dtype uint8
        Red, green and blue of every pixel, 0 to 255, the top row first.

    Raises
    ------
    ValueError
        Unknown name.

    Examples
    --------
    >>> image = load_image("hopper")
    >>> image.shape, image.dtype
    ((188, 160, 3), dtype('uint8'))
    """
    if not isinstance(name, str) or name not in _IMAGES:
        raise ValueError(
            f"Unknown image {name!r}: the name must be a picture shipped with the package; "
            f"choose one of: {', '.join(_IMAGES)}."
        )
    # Pillow comes with matplotlib, a dependency of the package; imported only when needed.
    from PIL import Image

    with (resources.files(__package__) / "data" / _IMAGES[name]).open("rb") as file:
        with Image.open(file) as picture:
            return np.asarray(picture.convert("RGB"), dtype=np.uint8).copy()
