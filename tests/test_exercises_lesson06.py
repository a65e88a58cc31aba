"""Lesson 6's check, check_kmeans_algorithm: the article's function, corrected. The right
answer passes; a battery of typical wrong answers is refused, each with its hint."""

import pandas as pd
import pytest
from sklearn.cluster import KMeans

from kmeans_teach.exercises import check_kmeans_algorithm


def run(answer, capsys):
    feedback = check_kmeans_algorithm(answer)
    return feedback, " ".join(capsys.readouterr().out.split())


def model(df, K, **changes):
    settings = dict(n_clusters=K, init="k-means++", max_iter=300, random_state=2021, n_init=10)
    return KMeans(**{**settings, **changes}).fit(df)


def corrected(df, K):
    fitted = model(df, K)
    labeled = df.assign(labels=fitted.labels_)
    return labeled, pd.DataFrame(fitted.cluster_centers_, columns=["X", "Y"])


def test_the_corrected_function_passes(capsys):
    feedback, text = run(corrected, capsys)
    assert feedback.passed, text


def in_place(df, K):
    fitted = model(df, K)
    df["labels"] = fitted.labels_
    return df, pd.DataFrame(fitted.cluster_centers_, columns=["X", "Y"])


def fixed_at_4(df, K):
    return corrected(df, 4)


def one_start(df, K):
    fitted = model(df, K, n_init=1, random_state=0)
    return df.assign(labels=fitted.labels_), pd.DataFrame(
        fitted.cluster_centers_, columns=["X", "Y"]
    )


def from_one(df, K):
    labeled, centres = corrected(df, K)
    return labeled.assign(labels=labeled["labels"] + 1), centres


def array_centroids(df, K):
    labeled, centres = corrected(df, K)
    return labeled, centres.to_numpy()


def only_the_table(df, K):
    return corrected(df, K)[0]


def raises(df, K):
    return d  # noqa: F821 (the article's own slip: `return d`)


def swapped(df, K):
    labeled, centres = corrected(df, K)
    return centres, labeled


def swapped_arrays(df, K):
    fitted = model(df, K)
    return fitted.cluster_centers_, df.assign(labels=fitted.labels_)


WRONG = [
    pytest.param(in_place, "changed its argument df in place", id="changes-df"),
    pytest.param(swapped, "the pair looks swapped", id="swapped"),
    pytest.param(swapped_arrays, "the pair looks swapped", id="swapped-arrays"),
    pytest.param(fixed_at_4, "use the argument K (n_clusters=K)", id="fixed-at-4"),
    pytest.param(one_start, "n_init=10 and random_state=2021", id="one-start"),
    pytest.param(from_one, "no + 1", id="labels-from-1"),
    pytest.param(array_centroids, 'columns=["X", "Y"]', id="array-centroids"),
    pytest.param(only_the_table, "a tuple of two DataFrames", id="one-result"),
    pytest.param(raises, "NameError", id="name-error"),
]


@pytest.mark.parametrize(("answer", "phrase"), WRONG)
def test_wrong_answers_fail_with_their_hint(answer, phrase, capsys):
    feedback, text = run(answer, capsys)
    assert feedback.attempted and not feedback.passed, text
    assert phrase in text, text


@pytest.mark.parametrize("answer", [swapped, swapped_arrays], ids=["frames", "array-first"])
def test_a_swapped_pair_is_named_not_taken_for_a_slip_about_K(answer, capsys):
    _, text = run(answer, capsys)
    assert "return the labeled table first, then the centroids" in text
    assert "use the argument K" not in text and "use K, not 4" not in text


def test_the_stub_is_not_attempted_yet(capsys):
    def kmeans_algorithm(df, K):
        raise NotImplementedError("exercise not attempted yet")

    feedback, text = run(kmeans_algorithm, capsys)
    assert not feedback.attempted and "not attempted yet" in text
    feedback, text = run(..., capsys)
    assert not feedback.attempted
