"""The checks of lesson 10, k-means and Gaussian mixtures: the responsibilities (E-step)."""

from __future__ import annotations

import numpy as np

from .._validation import keywords_checked
from ._feedback import (
    FRESH,
    _Case,
    _close,
    _compare_floats,
    _Exercise,
    _fresh_rng,
    _read_array,
    _rng,
    _rtol,
    _run,
    _Verdict,
)

__all__ = ["check_responsibilities"]


def _log_densities(X, means, covariances, *, inverse=True, half=True, determinant=True):
    """log N(x_i | mu_j, Sigma_j) up to the constant -d/2 log(2 pi), shape (n, k).

    The keywords make the typical slips: the covariance used in place of its
    inverse, the 1/2 of the exponent left out, the determinant left out.
    """
    columns = []
    for mean, covariance in zip(means, covariances):
        centred = X - mean
        matrix = np.linalg.inv(covariance) if inverse else covariance
        squared = np.einsum("nd,de,ne->n", centred, matrix, centred)
        log_det = np.linalg.slogdet(covariance)[1] if determinant else 0.0
        columns.append(-(squared / 2 if half else squared) - log_det / 2)
    return np.column_stack(columns)


def _normalised(log_weighted):
    """Rows of exp(log_weighted) divided by their sums, computed without underflow."""
    shifted = log_weighted - log_weighted.max(axis=1, keepdims=True)
    weighted = np.exp(shifted)
    return weighted / weighted.sum(axis=1, keepdims=True)


def _responsibilities(X, weights, means, covariances, **slips):
    """The reference E-step: r_ij = w_j N(x_i | mu_j, Sigma_j) / sum over l, shape (n, k).

    Worked out in logarithms, as scikit-learn's GaussianMixture.predict_proba
    does, so that no density underflows to 0.
    """
    return _normalised(np.log(weights) + _log_densities(X, means, covariances, **slips))


def _weighted_densities(X, weights, means, covariances):
    # the slip: the weighted densities, never divided by their row sums
    d = X.shape[1]
    log = np.log(weights) + _log_densities(X, means, covariances)
    return np.exp(log) / np.sqrt((2 * np.pi) ** d)


def _square_determinant(X, weights, means, covariances):
    # the slip: 1 / det(Sigma) in place of 1 / sqrt(det(Sigma))
    log_det = np.array([np.linalg.slogdet(c)[1] for c in covariances])
    log = np.log(weights) + _log_densities(X, means, covariances) - log_det / 2
    return _normalised(log)


def _diagonals(covariances):
    # the slip: only the variances kept, as if the features were uncorrelated
    return np.array([np.diag(np.diag(covariance)) for covariance in covariances])


def _matrix_squares(covariances):
    # the slip: Sigma @ Sigma, as if Sigma held standard deviations
    return np.array([covariance @ covariance for covariance in covariances])


@keywords_checked
def check_responsibilities(func):
    """Check the lesson 10 exercise: the responsibilities of a Gaussian mixture.

    The responsibility r_ij is the probability that point i was made by
    component j: ``w_j N(x_i | mu_j, Sigma_j)`` divided by the same summed
    over all components, so that every row adds up to 1. The reference is
    computed in logarithms, as ``GaussianMixture.predict_proba`` computes it.

    Parameters
    ----------
    func : callable ``func(X, weights, means, covariances) -> ndarray``
        ``X`` has shape (n, d), ``weights`` shape (k,) (adding up to 1),
        ``means`` shape (k, d) and ``covariances`` shape (k, d, d); the answer
        must have shape (n, k).

    Returns
    -------
    Feedback
        Also printed: the cases (two round components, unequal weights and
        tilted covariances, three components in 3-D, and a mixture drawn
        afresh on every call), what came back, and a hint about the likely
        mistake.
    """

    def judge(case, answer):
        got = _read_array(answer)
        expected = case.expected
        n, k = expected.shape
        if got.shape == (k, n) and n != k:
            return _Verdict(
                False,
                f"expected shape ({n}, {k}), got {got.shape}",
                "your result looks transposed: one row per point and one column per "
                "component, shape (n, k) (try .T).",
            )
        if got.shape != (n, k):
            return _Verdict(
                False,
                f"expected shape ({n}, {k}), got {got.shape}",
                "return an (n, k) array: one row per point, one column per component.",
            )
        verdict = _compare_floats(got, expected)
        if verdict.ok:
            return verdict
        sums = np.asarray(got, dtype=float).sum(axis=1)
        if not _close(sums, np.ones(n), _rtol(got)).all() and np.isfinite(sums).all():
            return _Verdict(
                False,
                verdict.detail + f" (rows add up to {sums.min():.3g} .. {sums.max():.3g}, not 1)",
                None,
            )
        return verdict

    def inputs(c):
        return c.inputs["X"], c.inputs["weights"], c.inputs["means"], c.inputs["covariances"]

    def rotated(angle, lengths):
        turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        return turn @ np.diag(lengths) @ turn.T

    fixed = _rng(10)
    three_d = np.array(
        [
            np.diag([1.0, 0.5, 2.0]),
            [[2.0, 0.6, 0.0], [0.6, 1.0, 0.3], [0.0, 0.3, 0.5]],
            [[0.4, 0.0, 0.1], [0.0, 1.5, 0.0], [0.1, 0.0, 1.0]],
        ]
    )
    mixtures = [
        (
            "two round components, equal weights",
            np.array([[0.0, 0.0], [1.0, 0.5], [2.0, 0.0], [3.5, 1.0], [-1.0, 2.0]]),
            np.array([0.5, 0.5]),
            np.array([[0.0, 0.0], [3.0, 0.0]]),
            np.array([np.eye(2), np.eye(2)]),
        ),
        (
            "unequal weights and tilted covariances",
            np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0], [3.0, 0.5], [-1.0, -1.5], [1.5, 0.0]]),
            np.array([0.7, 0.3]),
            np.array([[0.0, 0.0], [2.5, 0.5]]),
            np.array([rotated(0.6, [3.0, 0.3]), rotated(-0.3, [0.5, 0.8])]),
        ),
        (
            "three components in 3-D",
            fixed.normal(scale=1.5, size=(7, 3)),
            np.array([0.2, 0.5, 0.3]),
            np.array([[0.0, 0.0, 0.0], [2.0, 1.0, -1.0], [-1.0, 2.0, 1.0]]),
            three_d,
        ),
    ]
    rng = _fresh_rng()
    k, d = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    means = rng.normal(scale=2.0, size=(k, d))
    shapes = rng.normal(size=(k, d, d))
    covariances = shapes @ shapes.transpose(0, 2, 1) + 0.5 * np.eye(d)  # symmetric, invertible
    points = means[rng.integers(0, k, size=int(rng.integers(6, 15)))]
    points = points + rng.normal(size=points.shape)
    mixtures.append((FRESH, points, rng.dirichlet(np.full(k, 2.0)), means, covariances))

    cases = tuple(
        _Case(
            name,
            {"X": X, "weights": weights, "means": means, "covariances": covariances},
            _responsibilities(X, weights, means, covariances),
        )
        for name, X, weights, means, covariances in mixtures
    )
    variants = (
        (
            lambda c: _weighted_densities(*inputs(c)),
            "these are the weighted densities w_j N(x_i | mu_j, Sigma_j): divide each row by its "
            "sum (over the components, axis=1) so that it adds up to 1.",
        ),
        (
            lambda c: _responsibilities(
                c.inputs["X"], np.ones(len(c.inputs["weights"])), *inputs(c)[2:]
            ),
            "you left out the weights: multiply each component's density by its weight w_j "
            "before dividing by the row sum.",
        ),
        (
            lambda c: (lambda w: w / w.sum(axis=0, keepdims=True))(_weighted_densities(*inputs(c))),
            "you divided each COLUMN by its sum; the responsibilities of one POINT (a row) must "
            "add up to 1: sum over the components, axis=1.",
        ),
        (
            lambda c: _responsibilities(
                c.inputs["X"],
                c.inputs["weights"],
                c.inputs["means"],
                np.array([np.eye(c.inputs["X"].shape[1])] * len(c.inputs["weights"])),
            ),
            "you left out the covariances (as if every component were a round bell of spread "
            "1): the exponent is -(x - mu)^T Sigma^-1 (x - mu) / 2, and the factor "
            "1 / sqrt(det Sigma) belongs in front.",
        ),
        (
            lambda c: _responsibilities(*inputs(c)[:3], _diagonals(c.inputs["covariances"])),
            "you kept only the diagonal of each covariance (the variances of the features): "
            "the covariances off the diagonal tilt the bell, so Sigma^-1 and det Sigma take "
            "the whole matrix.",
        ),
        (
            lambda c: _responsibilities(*inputs(c)[:3], c.inputs["covariances"] ** 2),
            "you squared the covariances entry by entry (Sigma ** 2): Sigma holds variances "
            "already, squared spreads, so it goes into Sigma^-1 and det Sigma as it is.",
        ),
        (
            lambda c: _responsibilities(*inputs(c)[:3], _matrix_squares(c.inputs["covariances"])),
            "you used Sigma @ Sigma, the square of each covariance: Sigma holds variances "
            "already, squared spreads, so it goes into Sigma^-1 and det Sigma as it is.",
        ),
        (
            lambda c: _responsibilities(*inputs(c), inverse=False),
            "the exponent needs the INVERSE covariance, (x - mu)^T Sigma^-1 (x - mu): use "
            "np.linalg.inv(Sigma) or np.linalg.solve(Sigma, x - mu).",
        ),
        (
            lambda c: _responsibilities(*inputs(c), determinant=False),
            "you left out the factor 1 / sqrt(det Sigma_j): it differs from component to "
            "component, so it does not cancel (only (2 pi)^(d/2) does).",
        ),
        (
            lambda c: _square_determinant(*inputs(c)),
            "the factor in front is 1 / sqrt(det Sigma), not 1 / det Sigma.",
        ),
        (
            lambda c: _responsibilities(*inputs(c), half=False),
            "the exponent of a normal density is -(x - mu)^T Sigma^-1 (x - mu) / 2: the 1/2 "
            "is missing.",
        ),
        (
            lambda c: np.eye(len(c.inputs["weights"]))[c.expected.argmax(axis=1)],
            "that is a HARD assignment (1 for the most likely component, 0 for the others), "
            "as in k-means: the responsibilities are the probabilities themselves.",
        ),
        (
            lambda c: np.log(c.expected),
            "these are the logarithms of the responsibilities: take np.exp, then divide each "
            "row by its sum.",
        ),
    )
    exercise = _Exercise(
        "Responsibilities",
        "func(X, weights, means, covariances)",
        cases,
        judge,
        variants,
    )
    return _run(exercise, func)
