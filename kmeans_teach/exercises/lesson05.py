"""The checks of lesson 5, choosing K: reading an elbow curve."""

from __future__ import annotations

import numbers

import numpy as np

from .. import datasets
from .._validation import keywords_checked
from ..metrics import elbow_curve, find_elbow
from ._feedback import RIGHT, WRONG, _attempted, _not_attempted, _percent, _report

__all__ = ["check_elbow_choice"]


#: A best silhouette below this means weak structure that could be an artefact
#: (Kaufman and Rousseeuw, 1990), so on a curve without an elbow K = 1 ("no real
#: groups") is defensible too.
WEAK_SILHOUETTE = 0.5


@keywords_checked
def check_elbow_choice(k, data_name):
    """Check the lesson 5 exercise: the K a student reads off an elbow curve.

    The curve is ``elbow_curve(datasets.load(data_name, seed=0), range(1, 11),
    n_init=5, seed=0)``, as in the lesson. When ``find_elbow`` finds a clear
    elbow, only that K is accepted (and a K one off is explained). When it
    finds none, the check says so: every K near the bend of the curve (and
    near the best silhouette) is defensible.

    Parameters
    ----------
    k : int
        The K the student chose, from 1 to 10. ``...`` means not answered yet.
    data_name : str
        A name from ``kmeans_teach.datasets.names()``.

    Returns
    -------
    Feedback

    Raises
    ------
    ValueError
        For an unknown data_name (the lesson's mistake, not the student's).
    """
    title = f"Choosing K for '{data_name}'"
    if not _attempted(k):
        return _not_attempted(title, value=True)
    curve = elbow_curve(datasets.load(data_name, seed=0), range(1, 11), n_init=5, seed=0)
    inertia = dict(zip(curve["k"].astype(int), curve["inertia"]))
    choice = _read_k(k, inertia)
    if choice is None:
        return _report(
            [
                f"{title}: K must be a whole number from 1 to 10 (the K on the curve), got {k!r}.",
                f"  Hint: {_unreadable_k_hint(k)}",
            ],
            passed=False,
        )

    # The share of the inertia that the j-th cluster removes: big before the elbow, small after.
    drop = {j: 1.0 - inertia[j] / inertia[j - 1] for j in list(inertia)[1:]}
    drops = ", ".join(f"{j}: {_percent(share)}" for j, share in drop.items())
    table = f"how much each extra cluster lowers the inertia (K: drop) — {drops}."
    elbow = find_elbow(curve)

    if elbow is not None:
        into = (
            f"going from {elbow - 1} to {elbow} clusters lowers the inertia "
            f"by {_percent(drop[elbow])}"
        )
        after = (
            f"going on to {elbow + 1} only by {_percent(drop[elbow + 1])}"
            if elbow + 1 in drop
            else "and there the curve ends"
        )
        if choice == elbow:
            return _report(
                [
                    f"{title}: right.",
                    f"  {RIGHT} K = {choice} is where the curve bends: {into}, {after}.",
                ],
                passed=True,
            )
        if choice == elbow + 1:
            line = (
                f"  {WRONG} K = {choice} is one past the elbow: the {_ordinal(choice)} "
                f"cluster lowers the inertia by only {_percent(drop[choice])}, after "
                f"{_percent(drop[elbow])} for the {_ordinal(elbow)}."
            )
            hint = "past the elbow every extra cluster buys little: choose where the curve bends."
        elif choice == elbow - 1:
            line = (
                f"  {WRONG} K = {choice} is one short of the elbow: the {_ordinal(elbow)} "
                f"cluster still lowers the inertia by {_percent(drop[elbow])}; only after "
                "it does the curve flatten."
            )
            hint = "choose the K after which the curve flattens, not the one before."
        else:
            line = f"  {WRONG} K = {choice} is not where this curve bends."
            hint = "the elbow is the K after which extra clusters stop paying off; " + table
            if choice == 1:
                hint = (
                    "K = 1 says the data have no groups at all, but the inertia still falls "
                    f"steeply up to K = {elbow}; " + table
                )
        return _report([f"{title}: not quite.", line, f"  Hint: {hint}"], passed=False)

    low, high = _defensible_range(curve)
    best = curve.loc[curve["silhouette"].idxmax()]
    best_k, best_score = int(best["k"]), float(best["silhouette"])
    silhouette = f"look at the silhouette too: it is highest at K = {best_k} ({best_score:.2f})."
    no_elbow = f"this curve has no clear elbow: any K from {low} to {high} is defensible"
    if low <= choice <= high:
        return _report(
            [f"{title}: a fair choice.", f"  {RIGHT} K = {choice}: {no_elbow}; {silhouette}"],
            passed=True,
        )
    if choice == 1 and best_score < WEAK_SILHOUETTE:
        return _report(
            [
                f"{title}: a fair choice.",
                f"  {RIGHT} K = 1 (no real groups): {no_elbow}, and so is K = 1, because "
                f"the best silhouette is only {best_score:.2f} (at K = {best_k}): below "
                f"{WEAK_SILHOUETTE}, any structure is weak and could be an artefact.",
            ],
            passed=True,
        )
    line = f"  {WRONG} K = {choice}: {no_elbow}, and {choice} is outside that range."
    if choice == 1:
        line += (
            f" K = 1 says there are no groups, yet the silhouette reaches {best_score:.2f} "
            f"at K = {best_k}: real structure."
        )
    return _report(
        [f"{title}: not quite.", line, f"  Hint: {silhouette} And {table}"],
        passed=False,
    )


def _unreadable_k_hint(k):
    """What to type instead of an answer that is not a K on the curve."""
    if isinstance(k, str):
        return "type the number as digits, without quotes: k = 3, not k = 'three'."
    if isinstance(k, (bool, np.bool_)):
        return "K is a number of clusters, not True or False: k = 3, for example."
    if isinstance(k, numbers.Real) and np.isfinite(float(k)) and float(k) != round(float(k)):
        return "K counts clusters, so it is a whole number: round to the K you mean."
    if isinstance(k, numbers.Real):
        return "the curve runs from K = 1 to K = 10: choose one of those."
    return f"type one number, e.g. k = 3 (got a {type(k).__name__})."


def _read_k(k, inertia):
    """k as an int on the curve, or None."""
    if isinstance(k, str):
        k = k.strip()
        if not k.isdigit():
            return None
        k = int(k)
    if isinstance(k, (bool, np.bool_)):
        return None
    if isinstance(k, numbers.Integral):  # any size: 10**30 is just not on the curve
        return int(k) if int(k) in inertia else None
    if not isinstance(k, numbers.Real):
        return None
    value = float(k)
    if not np.isfinite(value) or value != round(value):
        return None
    return int(value) if int(value) in inertia else None


def _defensible_range(curve):
    """The K around the bend of a curve without a clear elbow.

    The bend is the kneedle point (find_elbow without its clarity test); one K
    either side is defensible, stretched to the best silhouette when that is
    within two of the bend (beyond that the silhouette is telling another story).
    """
    ks = curve["k"].astype(int)
    bend = find_elbow(curve, min_ratio=0.0)
    if bend is None:
        return max(2, int(ks.min())), int(ks.max())
    low, high = max(2, bend - 1), min(int(ks.max()), bend + 1)
    best = int(curve.loc[curve["silhouette"].idxmax(), "k"])
    if abs(best - bend) <= 2:
        low, high = min(low, best), max(high, best)
    return low, high


def _ordinal(j):
    return f"{j}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(j if j < 20 else j % 10, 'th') }"
