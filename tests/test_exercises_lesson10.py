"""Lesson 10's check, check_responsibilities: right answers in the usual styles, and a battery
of typical wrong answers, each refused with the hint that names its mistake (said once)."""

import numpy as np
import pytest
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.mixture import GaussianMixture

from kmeans_teach import datasets
from kmeans_teach.exercises import check_responsibilities
from kmeans_teach.exercises._feedback import FRESH
from kmeans_teach.exercises.lesson10 import _responsibilities


def run(check, answer, capsys, *args):
    feedback = check(answer, *args)
    return feedback, " ".join(capsys.readouterr().out.split())


def scipy_pdf(X, weights, means, covariances):
    densities = np.column_stack(
        [w * multivariate_normal(m, c).pdf(X) for w, m, c in zip(weights, means, covariances)]
    )
    return densities / densities.sum(axis=1, keepdims=True)


def by_the_formula(X, weights, means, covariances):
    n, d = X.shape
    out = np.empty((n, len(weights)))
    for j in range(len(weights)):
        centred = X - means[j]
        squared = np.sum(centred @ np.linalg.inv(covariances[j]) * centred, axis=1)
        out[:, j] = weights[j] * np.exp(-squared / 2) / np.sqrt(np.linalg.det(covariances[j]))
    return out / out.sum(axis=1, keepdims=True)


def in_logs(X, weights, means, covariances):
    logs = []
    for w, m, c in zip(weights, means, covariances):
        centred = (X - m).T
        squared = np.sum(centred * np.linalg.solve(c, centred), axis=0)
        logs.append(np.log(w) - squared / 2 - np.linalg.slogdet(c)[1] / 2)
    logs = np.column_stack(logs)
    return np.exp(logs - logsumexp(logs, axis=1, keepdims=True))


def point_by_point(X, weights, means, covariances):
    rows = []
    for x in X:
        row = [
            w * multivariate_normal.pdf(x, mean=m, cov=c)
            for w, m, c in zip(weights, means, covariances)
        ]
        rows.append([value / sum(row) for value in row])
    return rows  # a list of lists is fine


def with_cholesky(X, weights, means, covariances):
    logs = []
    for w, m, c in zip(weights, means, covariances):
        lower = np.linalg.cholesky(c)
        z = np.linalg.solve(lower, (X - m).T)
        logs.append(np.log(w) - (z**2).sum(axis=0) / 2 - np.log(np.diag(lower)).sum())
    logs = np.column_stack(logs)
    r = np.exp(logs - logs.max(axis=1, keepdims=True))
    return (r / r.sum(axis=1, keepdims=True)).astype(np.float32)


RIGHT_ANSWERS = {
    "scipy's multivariate_normal": scipy_pdf,
    "the formula with inv and det": by_the_formula,
    "in logarithms with solve": in_logs,
    "point by point, lists": point_by_point,
    "Cholesky, float32": with_cholesky,
}


@pytest.mark.parametrize("answer", RIGHT_ANSWERS.values(), ids=RIGHT_ANSWERS.keys())
def test_right_answers_pass(answer, capsys):
    feedback, text = run(check_responsibilities, answer, capsys)
    assert feedback.passed, text


def weighted(X, weights, means, covariances):
    return np.column_stack(
        [w * multivariate_normal(m, c).pdf(X) for w, m, c in zip(weights, means, covariances)]
    )


def no_weights(X, weights, means, covariances):
    return scipy_pdf(X, np.ones(len(weights)), means, covariances)


def by_columns(X, weights, means, covariances):
    densities = weighted(X, weights, means, covariances)
    return densities / densities.sum(axis=0, keepdims=True)


def round_bells(X, weights, means, covariances):
    identity = [np.eye(X.shape[1])] * len(weights)
    return scipy_pdf(X, weights, means, identity)


def covariance_not_inverse(X, weights, means, covariances):
    out = []
    for w, m, c in zip(weights, means, covariances):
        centred = X - m
        squared = np.sum(centred @ c * centred, axis=1)
        out.append(w * np.exp(-squared / 2) / np.sqrt(np.linalg.det(c)))
    out = np.column_stack(out)
    return out / out.sum(axis=1, keepdims=True)


def no_determinant(X, weights, means, covariances):
    out = []
    for w, m, c in zip(weights, means, covariances):
        centred = X - m
        out.append(w * np.exp(-np.sum(centred @ np.linalg.inv(c) * centred, axis=1) / 2))
    out = np.column_stack(out)
    return out / out.sum(axis=1, keepdims=True)


def determinant_not_root(X, weights, means, covariances):
    out = []
    for w, m, c in zip(weights, means, covariances):
        centred = X - m
        squared = np.sum(centred @ np.linalg.inv(c) * centred, axis=1)
        out.append(w * np.exp(-squared / 2) / np.linalg.det(c))
    out = np.column_stack(out)
    return out / out.sum(axis=1, keepdims=True)


def no_half(X, weights, means, covariances):
    out = []
    for w, m, c in zip(weights, means, covariances):
        centred = X - m
        squared = np.sum(centred @ np.linalg.inv(c) * centred, axis=1)
        out.append(w * np.exp(-squared) / np.sqrt(np.linalg.det(c)))
    out = np.column_stack(out)
    return out / out.sum(axis=1, keepdims=True)


def hard(X, weights, means, covariances):
    r = scipy_pdf(X, weights, means, covariances)
    return np.eye(r.shape[1])[r.argmax(axis=1)]


def logarithms(X, weights, means, covariances):
    return np.log(scipy_pdf(X, weights, means, covariances))


def transposed(X, weights, means, covariances):
    return scipy_pdf(X, weights, means, covariances).T


def diagonal_only(X, weights, means, covariances):
    return scipy_pdf(X, weights, means, [np.diag(np.diag(c)) for c in covariances])


def squared_entries(X, weights, means, covariances):
    return scipy_pdf(X, weights, means, [c**2 for c in covariances])


def squared_matrices(X, weights, means, covariances):
    return by_the_formula(X, weights, means, [c @ c for c in covariances])


WRONG_ANSWERS = [
    pytest.param(diagonal_only, "you kept only the diagonal", id="diagonal-only"),
    pytest.param(squared_entries, "you squared the covariances entry by entry", id="sigma**2"),
    pytest.param(squared_matrices, "you used Sigma @ Sigma", id="sigma@sigma"),
    pytest.param(weighted, "divide each row by its sum", id="not-normalised"),
    pytest.param(no_weights, "you left out the weights", id="no-weights"),
    pytest.param(by_columns, "you divided each COLUMN by its sum", id="normalised-by-column"),
    pytest.param(round_bells, "you left out the covariances", id="no-covariances"),
    pytest.param(covariance_not_inverse, "needs the INVERSE covariance", id="not-inverted"),
    pytest.param(no_determinant, "1 / sqrt(det Sigma_j)", id="no-determinant"),
    pytest.param(determinant_not_root, "not 1 / det Sigma", id="determinant-not-square-root"),
    pytest.param(no_half, "the 1/2 is missing", id="no-half"),
    pytest.param(hard, "HARD assignment", id="hard-assignment"),
    pytest.param(logarithms, "logarithms of the responsibilities", id="log-responsibilities"),
    pytest.param(transposed, "looks transposed", id="transposed"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_ANSWERS)
def test_typical_wrong_answers_fail_with_the_hint_that_names_them(answer, hint, capsys):
    feedback, text = run(check_responsibilities, answer, capsys)
    assert not feedback.passed
    assert feedback.attempted
    assert hint in text
    assert text.count(hint) == 1, "a hint is said once, however many cases it explains"


@pytest.mark.parametrize(
    "answer", [diagonal_only, squared_entries, squared_matrices], ids=lambda a: a.__name__
)
def test_a_slip_in_the_covariances_gets_its_own_hint_alone(answer, capsys):
    feedback, text = run(check_responsibilities, answer, capsys)
    assert not feedback.passed
    assert text.count("Hint:") == 1, text


def test_rows_that_do_not_add_up_to_one_are_named(capsys):
    _, text = run(check_responsibilities, weighted, capsys)
    assert "not 1)" in text


def test_a_table_of_the_fixed_cases_fails_on_the_fresh_case(capsys):
    table = {}

    def record(X, weights, means, covariances):
        table[X.tobytes()] = scipy_pdf(X, weights, means, covariances)
        return table[X.tobytes()]

    check_responsibilities(record)
    capsys.readouterr()

    def look_up(X, weights, means, covariances):
        return table.get(X.tobytes(), np.full((len(X), len(weights)), 1 / len(weights)))

    feedback, text = run(check_responsibilities, look_up, capsys)
    assert not feedback.passed
    assert f"✗ {FRESH}" in text


def test_the_fresh_case_differs_from_call_to_call(capsys):
    seen = []

    def record(X, weights, means, covariances):
        seen.append(X.copy())
        return scipy_pdf(X, weights, means, covariances)

    check_responsibilities(record)
    check_responsibilities(record)
    capsys.readouterr()
    first, second = seen[3], seen[7]
    assert first.shape != second.shape or not np.allclose(first, second)


def test_the_stub_is_not_attempted_yet(capsys):
    def responsibilities(X, weights, means, covariances):
        raise NotImplementedError("exercise not attempted yet")

    feedback, text = run(check_responsibilities, responsibilities, capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


def test_the_placeholder_is_not_attempted_yet(capsys):
    feedback, text = run(check_responsibilities, ..., capsys)
    assert not feedback.attempted
    assert "not attempted yet" in text


@pytest.mark.parametrize(
    "error",
    [np.linalg.LinAlgError("Singular matrix"), ValueError("shapes (5,2) and (3,3)"), SystemExit(1)],
)
def test_errors_in_the_students_code_are_reported_not_raised(error, capsys):
    def broken(X, weights, means, covariances):
        raise error

    feedback, text = run(check_responsibilities, broken, capsys)
    assert not feedback.passed
    assert f"your function raised {type(error).__name__}" in text


def test_the_reference_is_scikit_learns_predict_proba():
    data = datasets.load("anisotropic", seed=0).to_numpy()
    mixture = GaussianMixture(3, covariance_type="full", random_state=0).fit(data)
    ours = _responsibilities(data, mixture.weights_, mixture.means_, mixture.covariances_)
    np.testing.assert_allclose(ours, mixture.predict_proba(data), rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("returned", [None, "labels", {"a": 1}, [[1, 2], [3]], object()], ids=repr)
def test_an_odd_return_value_is_a_wrong_answer_not_a_crash(returned, capsys):
    feedback, text = run(check_responsibilities, lambda *args: returned, capsys)
    assert feedback.attempted and not feedback.passed
    assert "✗" in text


def test_a_wrong_signature_is_reported_with_the_call(capsys):
    def answer(a, b, c, d, e):  # one argument too many
        return a

    feedback, text = run(check_responsibilities, answer, capsys)
    assert not feedback.passed
    assert "your function raised TypeError" in text
    assert "your function is called as answer(" in text
