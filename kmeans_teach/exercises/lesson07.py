"""The checks of lesson 7, when k-means fails: standardising the columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import datasets
from .._validation import keywords_checked
from ._feedback import (
    FRESH,
    _Case,
    _compare_floats,
    _Exercise,
    _fresh_rng,
    _read_array,
    _run,
    _same,
    _Verdict,
)

__all__ = ["check_standardise"]


@keywords_checked
def check_standardise(func):
    """Check the lesson 7 exercise: standardising every column to z-scores.

    Each column becomes (value - column mean) / column standard deviation, so
    every feature has mean 0 and standard deviation 1 and none dominates the
    distances just because of its unit. The population standard deviation
    (ddof=0, numpy's default and scikit-learn's StandardScaler) is expected;
    the sample one (ddof=1, pandas' default) is accepted with a note.

    Parameters
    ----------
    func : callable ``func(frame) -> DataFrame or ndarray``
        ``frame`` is a pandas DataFrame of numeric columns, shape (n, d); the
        answer must have the same shape (a DataFrame keeps the column names).

    Returns
    -------
    Feedback
        Also printed: the cases (two columns on different scales, twelve
        customers in three columns, one integer column with repeats, four
        columns drawn afresh on every call), what came back, and a hint. A
        DataFrame whose columns come back in another order is read by name.
    """

    def values(c):
        return c.inputs["frame"].to_numpy(dtype=float)

    def judge(case, answer):
        columns = list(case.inputs["frame"].columns)
        if (
            isinstance(answer, pd.DataFrame)
            and list(answer.columns) != columns
            and sorted(map(str, answer.columns)) == sorted(map(str, columns))
        ):
            # The same columns in another order: a DataFrame is read by name, not position.
            answer = answer[columns]
        got = _read_array(answer)  # its own dtype: a float32 answer is compared as float32
        verdict = _compare_floats(got, case.expected, row="row")
        got = np.asarray(got, dtype=float)
        remarks = []
        if isinstance(answer, pd.DataFrame) and list(answer.columns) != list(
            case.inputs["frame"].columns
        ):
            remarks.append("keep the column names (the answer's columns differ)")
        if not verdict.ok and _same(got, _zscores(values(case), ddof=1)):
            remarks.insert(
                0,
                "you used the sample standard deviation (ddof=1, pandas' default); the "
                "lesson uses ddof=0 (numpy's default, like StandardScaler) — both are fine",
            )
            return _Verdict(True, "; ".join(remarks))
        if verdict.ok:
            return _Verdict(True, "; ".join(remarks) or None)
        return verdict

    def per_row(c, ddof):
        X = values(c)
        return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, ddof=ddof, keepdims=True)

    def min_max(c):
        X = values(c)
        return (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))

    frames = (
        (
            "two columns on different scales",
            pd.DataFrame(
                {
                    "income (k$)": [21, 35, 48, 80, 120, 64],
                    "visits per month": [1.0, 4.5, 2.0, 8.0, 5.5, 3.0],
                }
            ),
        ),
        ("twelve customers", datasets.load("customers", seed=0, n=12)),
        ("one integer column with repeats", pd.DataFrame({"age": [18, 25, 25, 40, 62, 33]})),
        (FRESH, _fresh_frame()),
    )
    cases = tuple(
        _Case(name, {"frame": frame}, _zscores(frame.to_numpy(dtype=float)))
        for name, frame in frames
    )
    rows_hint = (
        "you standardised each ROW; standardise each COLUMN (feature): its mean "
        "and std over the rows, axis=0."
    )
    no_mean_hint = (
        "you divided by the standard deviation but did not subtract the mean first: "
        "(x - mean) / std."
    )
    variants = (
        (lambda c: per_row(c, 0), rows_hint),
        (lambda c: per_row(c, 1), rows_hint),
        (
            min_max,
            "that is min-max scaling (every column from 0 to 1); z-scores are (x - mean) / std.",
        ),
        (lambda c: values(c) / values(c).std(axis=0), no_mean_hint),
        (lambda c: values(c) / values(c).std(axis=0, ddof=1), no_mean_hint),
        (
            lambda c: values(c) - values(c).mean(axis=0),
            "you subtracted the mean but did not divide by the standard deviation.",
        ),
        (
            lambda c: (values(c) - values(c).mean(axis=0)) / values(c).var(axis=0),
            "you divided by the variance; divide by the standard deviation (its square root).",
        ),
        (
            lambda c: (values(c) - values(c).mean()) / values(c).std(),
            "you used one mean and one std for the whole table; each column needs its own.",
        ),
    )
    exercise = _Exercise(
        "Standardising the columns",
        "func(frame)",
        cases,
        judge,
        variants,
        given="frame is a pandas DataFrame",
    )
    return _run(exercise, func)


def _fresh_frame():
    """Four columns on scales from 0.01 to 1000, drawn anew on every call."""
    rng = _fresh_rng()
    n = int(rng.integers(6, 20))
    scales = {"metres": 1000.0, "grams": 5.0, "ratio": 0.01, "count": 40.0}
    return pd.DataFrame(
        {name: rng.normal(scale, scale / 3, size=n).round(3) for name, scale in scales.items()}
    )


def _zscores(X, ddof=0):
    """Every column of X (n, d) minus its mean, divided by its standard deviation."""
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=ddof)
