"""Lesson 7's check, check_standardise: right answers in the usual styles (pandas, numpy,
scikit-learn, columns in another order), and a battery of typical wrong answers."""

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import StandardScaler

from kmeans_teach.exercises import check_standardise


def run(answer, capsys):
    feedback = check_standardise(answer)
    return feedback, " ".join(capsys.readouterr().out.split())


RIGHT = {
    "pandas": lambda frame: (frame - frame.mean()) / frame.std(ddof=0),
    "pandas, ddof=1": lambda frame: (frame - frame.mean()) / frame.std(),
    "numpy": lambda frame: (
        (frame.to_numpy() - frame.to_numpy().mean(axis=0)) / frame.to_numpy().std(axis=0)
    ),
    "StandardScaler": lambda frame: pd.DataFrame(
        StandardScaler().fit_transform(frame), columns=frame.columns
    ),
    "columns in another order": lambda frame: ((frame - frame.mean()) / frame.std(ddof=0))[
        frame.columns[::-1]
    ],
    "a column at a time": lambda frame: pd.DataFrame(
        {c: (frame[c] - frame[c].mean()) / frame[c].std(ddof=0) for c in frame}
    ),
    "float32": lambda frame: ((frame - frame.mean()) / frame.std(ddof=0)).astype(np.float32),
}


@pytest.mark.parametrize("answer", RIGHT.values(), ids=RIGHT.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.passed, text


WRONG = [
    pytest.param(
        lambda f: f.sub(f.mean(axis=1), axis=0).div(f.std(axis=1, ddof=0), axis=0),
        "standardised each ROW",
        id="rows",
    ),
    pytest.param(lambda f: (f - f.min()) / (f.max() - f.min()), "min-max", id="min-max"),
    pytest.param(lambda f: f / f.std(ddof=0), "did not subtract the mean", id="no-mean"),
    pytest.param(lambda f: f - f.mean(), "did not divide", id="no-division"),
    pytest.param(lambda f: (f - f.mean()) / f.var(ddof=0), "divided by the variance", id="var"),
    pytest.param(
        lambda f: (f - f.to_numpy().mean()) / f.to_numpy().std(), "whole table", id="global"
    ),
    pytest.param(lambda f: None, "forget the `return`", id="no-return"),
    pytest.param(
        lambda f: ((f - f.mean()) / f.std(ddof=0)).iloc[:, :1],
        "(n, d), the shape of the table",
        id="one-column",
    ),
]


@pytest.mark.parametrize(("answer", "phrase"), WRONG)
def test_wrong_answers_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text


def test_sys_exit_in_the_students_function_is_feedback(capsys):
    import sys

    feedback, text = run(lambda frame: sys.exit(1), capsys)
    assert not feedback.passed and "called exit() or sys.exit()" in text
