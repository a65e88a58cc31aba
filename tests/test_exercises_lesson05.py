"""Lesson 5's check, check_elbow_choice: the K read off a curve. Right choices pass; a battery
of typical wrong answers is refused, each with the hint that names its mistake."""

import numpy as np
import pytest

from kmeans_teach.exercises import check_elbow_choice


def run(k, data_name, capsys):
    feedback = check_elbow_choice(k, data_name)
    return feedback, " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("k", "data_name"),
    [
        (4, "blobs"),
        (np.int64(4), "blobs"),
        ("4", "blobs"),
        (4.0, "blobs"),
        (3, "iris"),
        (2, "iris"),
        (5, "customers"),
    ],
)
def test_right_choices_pass(k, data_name, capsys):
    feedback, text = run(k, data_name, capsys)
    assert feedback.passed, text


WRONG = [
    pytest.param(5, "blobs", "past the elbow every extra cluster buys little", id="one-past"),
    pytest.param(3, "blobs", "not the one before", id="one-short"),
    pytest.param(1, "blobs", "K = 1 says the data have no groups at all", id="k-1"),
    pytest.param(8, "blobs", "how much each extra cluster lowers the inertia", id="far-off"),
    pytest.param(10**30, "blobs", "the curve runs from K = 1 to K = 10", id="huge"),
    pytest.param(float("inf"), "blobs", "the curve runs from K = 1 to K = 10", id="inf"),
    pytest.param(3.5, "iris", "round to the K you mean", id="fraction"),
    pytest.param("three", "iris", "as digits, without quotes", id="a-word"),
    pytest.param(True, "iris", "not True or False", id="a-bool"),
    pytest.param([3], "iris", "got a list", id="a-list"),
    pytest.param(0, "iris", "the curve runs from K = 1 to K = 10", id="zero"),
    pytest.param(8, "iris", "outside that range", id="outside-the-range"),
]


@pytest.mark.parametrize(("k", "data_name", "phrase"), WRONG)
def test_wrong_choices_fail_with_the_hint_that_names_them(k, data_name, phrase, capsys):
    feedback, text = run(k, data_name, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert text.count(phrase) == 1, text
    assert "Traceback" not in text


def test_not_answered_yet_is_not_attempted(capsys):
    feedback, text = run(..., "iris", capsys)
    assert not feedback.attempted and "not attempted yet" in text
