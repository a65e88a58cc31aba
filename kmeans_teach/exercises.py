"""Feedback on the course's exercises: one ``check_*`` function per exercise.

A student writes a function (or types a value) in a lesson and passes it to
its check. The check runs it on a few small, fixed cases, compares the answer
with the project's own code (``kmeans_steps``, ``kmeans_teach.metrics``,
``kmeans_teach.init``), and prints what is right, what is wrong and a hint
about the likely mistake. It never raises because of the student's code.

By lesson:

- Lesson 1, cluster sizes: :func:`check_cluster_sizes`
- Lesson 2, within-cluster variation: :func:`check_within_cluster_variation`
- Lesson 3, Lloyd's algorithm: :func:`check_assign_step`,
  :func:`check_update_step` and the capstone :func:`check_kmeans_loop`
- Lesson 4, k-means++: :func:`check_plusplus_probabilities` and the optional
  :func:`check_plusplus_seeds`
- Lesson 5, choosing K: :func:`check_elbow_choice`
- Lesson 7, scaling: :func:`check_standardise`
- Lesson 8, anomalies: :func:`check_anomaly_scores`

Every check prints its feedback and returns a :class:`Feedback`. In a notebook
the returned value is not echoed (the printed text says it all); in plain
Python its repr is one line, such as ``Feedback(passed=True)``.

>>> def assign(X, centroids):
...     distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
...     return distances.argmax(axis=1)  # a typical slip
>>> feedback = check_assign_step(assign)  # doctest: +ELLIPSIS
Assignment step: 1 of 5 cases right.
  ✗ two groups: 6 of 6 points are not at their nearest centroid; point 0:
    expected 0, got 1
...
  Hint: points went to their FARTHEST centroid (argmax instead of argmin?).
...
>>> feedback
Feedback(passed=False)
"""

from __future__ import annotations

import copy
import dataclasses
import numbers
import textwrap
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from . import datasets
from ._geometry import cluster_means, cost_matrix, nearest_centroid, point_costs
from .init import _plusplus_picks
from .metrics import elbow_curve, find_elbow, within_cluster_variation
from .steps import kmeans, kmeans_steps

__all__ = [
    "Feedback",
    "check_anomaly_scores",
    "check_assign_step",
    "check_cluster_sizes",
    "check_elbow_choice",
    "check_kmeans_loop",
    "check_plusplus_probabilities",
    "check_plusplus_seeds",
    "check_standardise",
    "check_update_step",
    "check_within_cluster_variation",
]

#: Floats are compared with this relative tolerance (and the same, times the
#: size of the expected values, as an absolute one, so zeros compare too).
RTOL = 1e-8

#: A best silhouette below this means weak structure that could be an artefact
#: (Kaufman and Rousseeuw, 1990), so on a curve without an elbow K = 1 ("no real
#: groups") is defensible too.
WEAK_SILHOUETTE = 0.5

#: Printed lines are wrapped at this width, narrow enough for a notebook.
WIDTH = 80

#: Inputs of a failing case are shown when no array in it has more rows.
SHOW_INPUTS_UP_TO = 8

RIGHT, WRONG = "✓", "✗"


# --------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Feedback:
    """What a check found; its messages have been printed already.

    Attributes
    ----------
    passed : bool
        True when every case was right.
    attempted : bool
        False while the exercise is still the stub (or ``...``).
    messages : tuple of str
        The printed lines, unwrapped.
    """

    passed: bool
    attempted: bool
    messages: tuple[str, ...] = ()

    def __repr__(self):
        if not self.attempted:
            return "Feedback(attempted=False)"
        return f"Feedback(passed={self.passed})"

    def __str__(self):
        return "\n".join(self.messages)

    def _ipython_display_(self):
        # The check has printed its messages; echoing the result in the
        # notebook would only repeat them (or add a puzzling extra line).
        pass


def _report(messages, *, passed, attempted=True):
    for message in messages:
        print(_wrap(message))
    return Feedback(passed=passed, attempted=attempted, messages=tuple(messages))


def _wrap(message):
    indent = message[: len(message) - len(message.lstrip(" "))]
    return textwrap.fill(
        message,
        width=WIDTH,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _attempted(answer):
    """False for the placeholders of an exercise not done yet: ``...`` and None."""
    return answer is not Ellipsis and answer is not None


def _stub_that_raised(error, func):
    """The name of the student's function whose stub raised `error`, or None if it is `func`.

    The innermost frame of the traceback is where the error was raised. If it
    is another function of the student's (same notebook globals as ``func``),
    that is an earlier exercise's stub which ``func`` calls; a library's own
    NotImplementedError counts as ``func``'s, as before.
    """
    traceback = error.__traceback__
    if traceback is None:
        return None
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    frame = traceback.tb_frame
    if frame.f_globals is not getattr(func, "__globals__", None):
        return None
    return frame.f_code.co_name


def _waits_for(title, stub):
    """Feedback when the student's function calls another exercise's stub, still unwritten."""
    return _report(
        [
            f"{title}: not checked yet — your function calls {stub}(), which still raises "
            f"NotImplementedError. Finish the exercise on {stub}() first, then run this cell "
            "again."
        ],
        passed=False,
        attempted=False,
    )


def _not_attempted(title, *, value=False):
    what = "the ... with your answer, a whole number" if value else "the stub with your code"
    return _report(
        [f"{title}: not attempted yet — replace {what}, then run this cell again."],
        passed=False,
        attempted=False,
    )


# --------------------------------------------------------------------------
# The machinery shared by the function exercises
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Case:
    """One fixed input, with the reference answer."""

    name: str
    inputs: dict  # argument name -> value, in the order of the call
    expected: object
    hint: str | None = None  # the likely mistake when this case alone goes wrong
    note: str | None = None  # said when this case is right (e.g. how ties count)
    diagnostic: bool = True  # used to recognise a typical wrong answer


@dataclasses.dataclass(frozen=True)
class _Verdict:
    ok: bool
    detail: str | None = None  # what is wrong; when ok, a remark worth making
    hint: str | None = None


@dataclasses.dataclass(frozen=True)
class _Exercise:
    title: str
    call: str  # how the student's function is called, e.g. "func(X, centroids)"
    cases: tuple
    judge: Callable  # (case, answer) -> _Verdict
    variants: tuple = ()  # (case -> the typical wrong answer, what went wrong)
    read: Callable = None  # answer -> comparable value, for matching variants
    given: str = "X and the other arrays are numpy arrays"  # what the arguments are
    # func -> (ok, lines, hint): a test of how func behaves over many calls, run once
    # every case is right (a random method's picks are judged by how they fall).
    behaviour: Callable = None


class _Unreadable(Exception):
    """The answer cannot be read as what the exercise asks for."""

    def __init__(self, detail, hint):
        super().__init__(detail)
        self.detail = detail
        self.hint = hint


@dataclasses.dataclass(frozen=True)
class _Raised:
    error: Exception


def _run(exercise, func):
    """Run func on every case of exercise, print the feedback, return a Feedback."""
    title = exercise.title
    if not _attempted(func):
        return _not_attempted(title)
    if not callable(func):
        return _report(
            [
                f"{title}: this check needs your function itself, not what it returns "
                f"(got a {type(func).__name__}).",
                f"  Hint: pass the function by its name alone, with no brackets after it "
                f"(it is called as {exercise.call} for you).",
            ],
            passed=False,
        )

    # Call the function by its own name in the feedback: "assign(X, centroids)".
    name = getattr(func, "__name__", "")
    if name.isidentifier():
        exercise = dataclasses.replace(exercise, call=name + exercise.call[len("func") :])
    # Warnings from the student's code or from comparing odd answers would
    # bury the feedback; the feedback says what went wrong.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _run_cases(exercise, func)


def _run_cases(exercise, func):
    title = exercise.title
    answers, changed_inputs = [], []
    for index, case in enumerate(exercise.cases):
        arguments = copy.deepcopy(tuple(case.inputs.values()))
        try:
            answer = func(*arguments)
        except NotImplementedError as error:
            stub = _stub_that_raised(error, func)
            if index == 0 and stub in (None, getattr(func, "__name__", None)):
                return _not_attempted(title)
            if index == 0:
                return _waits_for(title, stub)
            answer = _Raised(error)
        except Exception as error:  # the student's bug: reported, never raised
            answer = _Raised(error)
        answers.append(answer)
        for name, before, after in zip(case.inputs, case.inputs.values(), arguments):
            if not _same_input(before, after) and name not in changed_inputs:
                changed_inputs.append(name)

    lines, n_right, first_failure = [], 0, None
    error_hints, answer_hints = [], []
    raised = {}  # error text -> the cases it was raised on
    for case, answer in zip(exercise.cases, answers):
        if isinstance(answer, _Raised):
            first_failure = first_failure or case
            error_text = _raised_text(answer.error)
            if error_text in raised:  # the same error again: name the case only
                raised[error_text].append(case.name)
                continue
            raised[error_text] = [case.name]
            lines.append(f"  {WRONG} {error_text} on case '{case.name}'")
            error_hints += [_exception_hint(answer.error, exercise), case.hint]
            continue
        verdict = _judge(exercise, case, answer)
        if verdict.ok:
            n_right += 1
            remark = "; ".join(r for r in (verdict.detail, case.note) if r)
            lines.append(f"  {RIGHT} {case.name}" + (f": {remark}" if remark else ""))
        else:
            lines.append(f"  {WRONG} {case.name}: {verdict.detail}")
            answer_hints.append(verdict.hint or case.hint)
            first_failure = first_failure or case

    for names in raised.values():
        if len(names) > 1:
            others = ", ".join(f"'{name}'" for name in names[1:])
            lines.append(f"  {WRONG} the same error on {_plural('case', len(names) - 1)} {others}")

    n_cases = len(exercise.cases)
    passed = n_right == n_cases
    if passed and exercise.behaviour is not None:
        passed, more, hint = exercise.behaviour(func)
        lines += more
        answer_hints += [hint]
        if not passed:
            head = f"{title}: all {n_cases} cases right, but not how it behaves over many calls."
    if passed:
        head = f"{title}: all {n_cases} cases right. Well done!"
    elif n_right < n_cases:
        head = f"{title}: {n_right} of {n_cases} cases right."
        typical = _recognise(exercise, answers)
        if typical is not None:  # one known slip explains every wrong answer
            answer_hints = [typical]
    hints = error_hints + answer_hints
    messages = [head, *lines]
    messages += [f"  Hint: {hint}" for hint in _unique(hints)]
    if first_failure is not None and _small(first_failure):
        messages.append(f"  Try case '{first_failure.name}' by hand:")
        messages += [f"    {line}" for line in _show_inputs(first_failure)]
    for name in changed_inputs:
        messages.append(
            f"  Note: your function changed its argument {name} in place; work on a copy "
            f"({name} = {name}.copy()) so the caller's data stay as they were."
        )
    return _report(messages, passed=passed)


def _judge(exercise, case, answer):
    try:
        return exercise.judge(case, answer)
    except _Unreadable as problem:
        return _Verdict(False, problem.detail, problem.hint)
    except Exception:  # an answer too odd to compare is still only a wrong answer
        return _Verdict(
            False,
            f"could not compare what your function returned (a {type(answer).__name__}) "
            "with the expected answer",
            f"your function is called as {exercise.call}; return what the exercise asks for.",
        )


def _recognise(exercise, answers):
    """The hint of the typical wrong answer that all the readable answers match, if any."""
    read = exercise.read or _read_array
    compared = []
    for case, answer in zip(exercise.cases, answers):
        if isinstance(answer, _Raised) or not case.diagnostic:
            continue
        try:
            compared.append((case, read(answer)))
        except Exception:
            continue
    if not compared:
        return None
    for variant, hint in exercise.variants:
        try:
            if all(_same(value, variant(case)) for case, value in compared):
                return hint
        except Exception:
            continue
    return None


def _same(a, b):
    """Whether two answers agree: equal shapes and values within RTOL (NaN equals NaN)."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (
            isinstance(a, tuple)
            and isinstance(b, tuple)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b))
        )
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=_atol(b), equal_nan=True))


def _same_input(before, after):
    if isinstance(before, pd.DataFrame):
        return isinstance(after, pd.DataFrame) and before.equals(after)
    try:
        return bool(np.array_equal(np.asarray(before), np.asarray(after), equal_nan=True))
    except Exception:
        return False


def _unique(items):
    seen = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _raised_text(error):
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if len(message) > 120:
        message = message[:117] + "..."
    return f"your function raised {type(error).__name__}: {message}"


def _exception_hint(error, exercise):
    text, call = str(error), exercise.call
    if isinstance(error, TypeError) and "argument" in text:
        return f"your function is called as {call}: it must take exactly these arguments."
    if isinstance(error, NameError):
        return (
            "a name is not defined. Inside your function use its own arguments "
            "(not the notebook's variables), and check the spelling."
        )
    if isinstance(error, ValueError) and "broadcast" in text:
        return (
            "two arrays have shapes that do not fit together: print the .shape "
            "of each just before the failing line."
        )
    if isinstance(error, IndexError):
        return (
            "an index is out of range: print the .shape of the array you index "
            "and the indices you use."
        )
    if isinstance(error, KeyError):
        return "frame[name] needs a column name; for positions use .iloc or .to_numpy()."
    if isinstance(error, AttributeError):
        return (
            f"your function is called as {call}, and {exercise.given}: check the "
            "attribute named in the message."
        )
    if isinstance(error, NotImplementedError):
        return "part of your function still raises NotImplementedError: finish that part."
    if isinstance(error, ZeroDivisionError):
        return "a division by zero: a cluster of one point or k = 1 are easy to forget."
    return "the message names the problem: run your function on this case by hand."


# --------------------------------------------------------------------------
# Reading and comparing answers
# --------------------------------------------------------------------------


def _read_array(answer):
    """The answer as a numeric array, or _Unreadable saying what came back instead."""
    if answer is None:
        raise _Unreadable(
            "your function returned None",
            "did you forget the `return` line at the end of your function?",
        )
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        answer = answer.to_numpy()
    try:
        array = np.asarray(answer)
    except Exception:
        array = np.asarray(None)
    if array.dtype.kind not in "biuf":
        raise _Unreadable(
            f"expected numbers, got a {type(answer).__name__} that is not an array of numbers",
            "return a numpy array (or a list) of numbers.",
        )
    return array


def _atol(expected):
    scale = float(np.nanmax(np.abs(expected))) if np.size(expected) else 0.0
    return RTOL * max(1.0, scale if np.isfinite(scale) else 1.0)


def _close(got, expected):
    """Elementwise closeness within RTOL; NaN is never close."""
    return np.isclose(got, expected, rtol=RTOL, atol=_atol(expected))


def _shape_text(shape):
    return "one number" if shape == () else f"shape {shape}"


def _shape_hint(got, expected, what):
    if expected == ():
        return "return one number: add everything up (.sum() with no axis)."
    if len(got) == 2 and got == expected[::-1]:
        return f"your result looks transposed: one row per {what}, shape {expected} (try .T)."
    if int(np.prod(got)) == int(np.prod(expected)):
        return f"the numbers may be right, but the shape should be {expected} (.ravel()?)."
    return f"the result should have shape {expected}."


def _compare_floats(got, expected, *, row="point"):
    """A verdict on a float answer against the expected float array."""
    got = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    if got.size == 1 and expected.shape == ():
        got = got.reshape(())
    if got.shape != expected.shape:
        return _Verdict(
            False,
            f"expected {_shape_text(expected.shape)}, got {_shape_text(got.shape)}",
            _shape_hint(got.shape, expected.shape, row),
        )
    bad = ~_close(got, expected)
    if not bad.any():
        return _Verdict(True)
    if expected.ndim == 0:
        return _Verdict(False, f"expected {_num(expected)}, got {_num(got)}")
    rows_bad = bad if bad.ndim == 1 else bad.any(axis=tuple(range(1, bad.ndim)))
    i = int(np.flatnonzero(rows_bad)[0])
    detail = (
        f"{int(rows_bad.sum())} of {rows_bad.size} {_plural(row, rows_bad.size)} "
        f"{'differs' if rows_bad.sum() == 1 else 'differ'}; "
        f"{row} {i}: expected {_fmt(expected[i])}, got {_fmt(got[i])}"
    )
    if np.isnan(got).any() and not np.isnan(expected).any():
        return _Verdict(False, detail + " (NaN)", "a NaN comes from an empty mean or 0 / 0.")
    return _Verdict(False, detail)


def _read_labels(answer, n, k):
    """Integer labels of shape (n,), each in 0 .. k-1, or _Unreadable.

    Returns the labels and a remark when they came as whole-number floats
    (which is still wrong: ``centroids[labels]`` needs integers).
    """
    labels = _read_array(answer)
    if labels.shape != (n,):
        raise _Unreadable(
            f"expected labels of shape ({n},), got {_shape_text(labels.shape)}",
            "one label per point (as many as X has rows), each the index of a centroid.",
        )
    as_floats = None
    if labels.dtype.kind == "b":
        raise _Unreadable(
            "the labels are True/False",
            "labels are centroid indices 0 .. k-1 (integers), not booleans.",
        )
    if labels.dtype.kind == "f":
        whole = labels == np.round(labels)
        if not whole.all() or labels.min() < 0 or labels.max() >= k:
            i = int(np.flatnonzero(~whole)[0]) if not whole.all() else int(np.argmax(labels))
            raise _Unreadable(
                f"expected integer labels (centroid indices), got floats such as {_num(labels[i])}",
                "those look like distances: the label is WHICH centroid is nearest (argmin).",
            )
        as_floats = f"labels are floats ({labels.dtype}); they must be integers"
        labels = labels.astype(np.int64)
    outside = (labels < 0) | (labels >= k)
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        raise _Unreadable(
            f"point {i} has label {labels[i]}, but the centroids are numbered 0 .. {k - 1}",
            f"labels are centroid indices, from 0 to k - 1 = {k - 1}.",
        )
    return labels, as_floats


FLOAT_LABELS_HINT = (
    "np.argmin gives integers; if you fill an array of labels, make it with "
    "dtype=int (centroids[labels] and np.bincount need integer labels)."
)


def _num(value):
    return f"{float(value):.6g}"


def _fmt(value, limit=8):
    """A short one-line text for a number or a small array: [[0, 1.5], [2, 3]]."""
    array = np.asarray(value)
    if array.ndim == 0:
        if array.dtype.kind == "f":
            return f"{float(array):.4g}"
        return str(array.item())
    items = [_fmt(item, limit) for item in array]
    if len(items) > limit:
        items = [*items[:3], "...", *items[-2:]]
    return "[" + ", ".join(items) + "]"


def _plural(word, count):
    return word if count == 1 else word + "s"


def _small(case):
    return all(
        np.ndim(value) == 0 or len(value) <= SHOW_INPUTS_UP_TO for value in case.inputs.values()
    )


def _show_inputs(case):
    """One line per argument of a case."""
    shown = []
    for name, value in case.inputs.items():
        if isinstance(value, pd.DataFrame):
            shown.append(f"{name} = pd.DataFrame({_fmt_frame(value)})")
        else:
            shown.append(f"{name} = {_fmt(value)}")
    return shown


def _fmt_frame(frame):
    return "{" + ", ".join(f"{str(c)!r}: {_fmt(frame[c].to_numpy())}" for c in frame) + "}"


def _rng(seed):
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------
# Lesson 1: what clustering is for
# --------------------------------------------------------------------------


BINCOUNT_NOTE = "numpy does this in one call: np.bincount(labels, minlength=k)"


def check_cluster_sizes(func):
    """Check the lesson 1 exercise: the number of points in each cluster.

    Parameters
    ----------
    func : callable ``func(labels, k) -> sizes``
        ``labels`` is an integer ndarray of shape (n,) with values 0 .. k-1;
        ``sizes`` must have shape (k,), entry j the number of labels equal to
        j (0 for an empty cluster).

    Returns
    -------
    Feedback
        Also printed: the cases (six points, empty clusters, k = 1, 200
        points), what came back, and a hint.
    """

    def judge(case, answer):
        if isinstance(answer, dict):  # e.g. collections.Counter(labels)
            raise _Unreadable(
                f"you returned a {type(answer).__name__}, not an array",
                "return an array with one entry per cluster, e.g. counted into "
                "np.zeros(k, dtype=int) (a dict has no entry for an empty cluster).",
            )
        got, expected = _read_array(answer), case.expected
        if got.shape != expected.shape:
            return _Verdict(
                False,
                f"expected {expected.size} sizes, one per cluster, got shape {got.shape}",
                "an empty cluster gets a 0, so the answer always has k entries "
                "(np.unique(labels, return_counts=True) leaves empty clusters out).",
            )
        if np.array_equal(got, expected):
            return _Verdict(True, _fmt(expected))
        if sorted(got.tolist()) == sorted(expected.tolist()):
            return _Verdict(
                False,
                f"expected {_fmt(expected)}, got {_fmt(got)}: the right sizes in the wrong order",
                "entry j must be the size of cluster j.",
            )
        return _Verdict(False, f"expected {_fmt(expected)}, got {_fmt(got)}")

    inputs = (
        ("six points in three clusters", np.array([0, 1, 1, 2, 2, 2]), 3),
        ("clusters 1 and 3 empty", np.array([0, 0, 2, 2, 2]), 4),
        ("k = 1", np.zeros(4, dtype=int), 1),
        ("200 points in 5 clusters", _rng(9).integers(5, size=200), 5),
    )
    cases = tuple(
        _Case(name, {"labels": labels, "k": k}, np.bincount(labels, minlength=k))
        for name, labels, k in inputs
    )
    # Said once the last case is right: the one-call way, for later.
    cases = (*cases[:-1], dataclasses.replace(cases[-1], note=BINCOUNT_NOTE))
    variants = (
        (
            lambda c: np.roll(c.expected, -1),
            "entry j holds the size of cluster j + 1: labels start at 0, so cluster 0 is "
            "entry 0 (did you count into sizes[label - 1]?).",
        ),
        (
            lambda c: np.full(c.expected.shape, c.expected.sum()),
            "every entry is the number of all points: count only the labels equal to j.",
        ),
    )
    return _run(
        _Exercise(
            "Cluster sizes",
            "func(labels, k)",
            cases,
            judge,
            variants,
            given="labels is a numpy array of whole numbers and k a whole number",
        ),
        func,
    )


# --------------------------------------------------------------------------
# Lesson 2: the within-cluster variation
# --------------------------------------------------------------------------


def check_within_cluster_variation(func):
    """Check the lesson 2 exercise: the within-cluster variation W(C) of one cluster.

    The student's function takes the points of ONE cluster and returns the
    article's W(C): the sum of squared Euclidean distances over all ordered
    pairs (i, i') of points, divided by the number of points |C|. (It equals
    twice the sum of squared distances to the cluster's mean.)

    Parameters
    ----------
    func : callable ``func(points) -> float``
        ``points`` is an ndarray of shape (m, d); the answer is one number.

    Returns
    -------
    Feedback
        Also printed: the cases (three points, one point, twenty random points
        in 3-D), what came back, and a hint about the likely mistake.
    """

    def pairwise(points, square=True):
        differences = points[:, None, :] - points[None, :, :]
        squared = (differences**2).sum(axis=2)
        return squared.sum() if square else np.sqrt(squared).sum()

    def size(case):
        return case.inputs["points"].shape[0]

    def judge(case, answer):
        return _compare_floats(_read_array(answer), case.expected, row="value")

    inputs = (
        ("three points in 2-D", np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]]), None),
        (
            "a cluster of one point (W = 0)",
            np.array([[3.0, -1.0]]),
            "a single point has no pairs of different points, so W = 0.",
        ),
        ("twenty random points in 3-D", _rng(1).normal(size=(20, 3)), None),
    )
    cases = tuple(
        _Case(name, {"points": points}, within_cluster_variation(points), hint)
        for name, points, hint in inputs
    )
    variants = (
        (
            lambda c: size(c) * c.expected,
            "that is |C| times W: you forgot to divide by |C|, the number of points.",
        ),
        (
            lambda c: c.expected / size(c),
            "that is W / |C|: divide the sum over the pairs by |C|, not by |C|² "
            "(the number of pairs).",
        ),
        (
            lambda c: c.expected / 2,
            "that is half of W: the sum runs over ORDERED pairs, so (i, i') and "
            "(i', i) both count (or you took the squared distances to the mean: "
            "W is twice their sum).",
        ),
        (
            lambda c: c.expected / (2 * size(c)),
            "that is the mean squared distance to the centre (a variance); W is "
            "twice the SUM of the squared distances to the mean.",
        ),
        (
            lambda c: pairwise(c.inputs["points"], square=False) / size(c),
            "you used plain distances; W adds up SQUARED distances: "
            "the sum over features j of (x_ij - x_i'j)**2.",
        ),
        (
            lambda c: pairwise(c.inputs["points"], square=False) / size(c) / 2,
            "you used plain distances (W adds up SQUARED ones) and counted each pair once.",
        ),
        (
            lambda c: 2 * ((c.inputs["points"] - c.inputs["points"].mean(axis=0)) ** 2).sum(axis=0),
            "you summed over the points but not over the features: W is one number, "
            "so add up the columns too.",
        ),
    )
    return _run(
        _Exercise(
            "Within-cluster variation W(C)",
            "func(points)",
            cases,
            judge,
            variants,
            given="points is a numpy array of shape (m, d)",
        ),
        func,
    )


# --------------------------------------------------------------------------
# Lesson 3: the two half steps and the loop
# --------------------------------------------------------------------------


def check_assign_step(func):
    """Check the lesson 3 exercise: the assignment step.

    The student's function gives every point the index of its nearest
    centroid (Euclidean distance), as the assign step of ``kmeans_steps``
    does. When a point is equally far from two centroids either index is
    accepted (``kmeans_steps``, like ``np.argmin``, takes the lowest).

    Parameters
    ----------
    func : callable ``func(X, centroids) -> labels``
        ``X`` is an ndarray of shape (n, d), ``centroids`` of shape (k, d);
        ``labels`` must be integers of shape (n,), each in 0 .. k-1.

    Returns
    -------
    Feedback
        Also printed: the cases (two groups, three centroids in 3-D, a tie, a
        point where straight-line and along-the-axes distances disagree, k = 1),
        what came back, and a hint about the likely mistake.
    """

    def distances(case, square=True):
        costs = cost_matrix(case.inputs["X"], case.inputs["centroids"], "euclidean")
        return costs if square else np.sqrt(costs)

    def judge(case, answer):
        X, centroids = case.inputs["X"], case.inputs["centroids"]
        labels, as_floats = _read_labels(answer, X.shape[0], centroids.shape[0])
        costs = distances(case)
        best = costs.min(axis=1)
        mine = costs[np.arange(X.shape[0]), labels]
        wrong = ~np.isclose(mine, best, rtol=RTOL, atol=_atol(best))
        if wrong.any():
            i = int(np.flatnonzero(wrong)[0])
            detail = (
                f"{int(wrong.sum())} of {wrong.size} points are not at their nearest centroid; "
                f"point {i}: expected {case.expected[i]}, got {labels[i]}"
            )
            return _Verdict(False, detail + (f" (and {as_floats})" if as_floats else ""))
        if as_floats:
            return _Verdict(False, f"the right clusters, but {as_floats}", FLOAT_LABELS_HINT)
        return _Verdict(True)

    X_tie = np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 0.0], [2.0, 3.0]])
    inputs = (
        (
            "two groups",
            {
                "X": np.array(
                    [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [9.0, 9.0], [10.0, 9.0], [9.0, 10.0]]
                ),
                "centroids": np.array([[1.0, 1.0], [8.0, 8.0]]),
            },
            {},
        ),
        (
            "three centroids in 3-D",
            {"X": 3 * _rng(2).normal(size=(12, 3)), "centroids": 3 * _rng(3).normal(size=(3, 3))},
            {},
        ),
        (
            "a tie",
            {"X": X_tie, "centroids": np.array([[0.0, 0.0], [4.0, 0.0]])},
            {
                "note": "points 1 and 3 are equally far from centroids 0 and 1, so either "
                "label is right there (kmeans_steps, like np.argmin, takes the lowest index)",
                "hint": "on a tie any of the nearest centroids is right, but it must be "
                "one of the nearest.",
                "diagnostic": False,
            },
        ),
        (
            # (0, 0) is nearer (3, 3) in a straight line (4.24 against 5), but nearer
            # (5, 0) along the axes (5 against 6): only the Euclidean distance is right.
            "straight line, not along the axes",
            {
                "X": np.array([[0.0, 0.0], [8.0, 8.0], [6.0, -1.0]]),
                "centroids": np.array([[3.0, 3.0], [5.0, 0.0]]),
            },
            {},
        ),
        (
            "k = 1",
            {"X": _rng(4).normal(size=(5, 2)), "centroids": np.array([[0.5, 0.5]])},
            {
                "hint": "with a single centroid every point gets label 0: does your code "
                "assume at least two centroids?"
            },
        ),
    )
    cases = tuple(
        _Case(
            name,
            args,
            nearest_centroid(args["X"], args["centroids"], "euclidean")[0].astype(np.int64),
            **extra,
        )
        for name, args, extra in inputs
    )
    variants = (
        (
            lambda c: distances(c).argmax(axis=1),
            "points went to their FARTHEST centroid (argmax instead of argmin?).",
        ),
        (
            lambda c: c.expected + 1,
            "the labels start at 1: Python counts from 0, so the first centroid is cluster 0.",
        ),
        (
            lambda c: distances(c, square=False),
            "you returned the distance from every point to every centroid, shape (n, k); "
            "the label is the index of the smallest in each row: argmin(axis=1).",
        ),
        (
            lambda c: distances(c),
            "you returned the squared distance from every point to every centroid, shape "
            "(n, k); the label is the index of the smallest in each row: argmin(axis=1).",
        ),
        (
            lambda c: distances(c, square=False).min(axis=1),
            "you returned each point's distance to its nearest centroid, not WHICH "
            "centroid that is: use argmin instead of min.",
        ),
        (
            lambda c: distances(c).min(axis=1),
            "you returned each point's squared distance to its nearest centroid, not "
            "WHICH centroid that is: use argmin instead of min.",
        ),
        (
            lambda c: distances(c).argmin(axis=0),
            "you returned one label per centroid (the nearest POINT to each centroid): "
            "take argmin along axis=1, over the centroids.",
        ),
        (
            lambda c: cost_matrix(c.inputs["X"], c.inputs["centroids"], "manhattan").argmin(axis=1),
            "you measured the distance along the axes (|dx| + |dy|, the Manhattan distance); "
            "the assign step uses the straight-line (Euclidean) distance, "
            "sqrt(dx**2 + dy**2), or its square.",
        ),
    )
    return _run(
        _Exercise("Assignment step", "func(X, centroids)", cases, judge, variants),
        func,
    )


def check_update_step(func):
    """Check the lesson 3 exercise: the update step.

    The student's function moves every centroid to the mean of the points
    assigned to it. Every cluster in the cases has at least one point: an
    empty cluster has no mean, and ``kmeans_steps`` re-seeds it instead (at
    the point farthest from its centroid), which is beyond this exercise.

    Parameters
    ----------
    func : callable ``func(X, labels, k) -> centroids``
        ``X`` is an ndarray of shape (n, d), ``labels`` integers of shape (n,)
        in 0 .. k-1, ``k`` an int; ``centroids`` must have shape (k, d), row j
        the mean of ``X[labels == j]``.

    Returns
    -------
    Feedback
        Also printed: the cases (three clusters in 2-D, two clusters in 3-D, a
        cluster of one point), what came back, and a hint.
    """

    def medians(c):
        X, labels, k = c.inputs["X"], c.inputs["labels"], c.inputs["k"]
        return np.array([np.median(X[labels == j], axis=0) for j in range(k)])

    def sums(c):
        X, labels, k = c.inputs["X"], c.inputs["labels"], c.inputs["k"]
        return np.array([X[labels == j].sum(axis=0) for j in range(k)])

    def judge(case, answer):
        verdict = _compare_floats(_read_array(answer), case.expected, row="centroid")
        if not verdict.ok and "NaN" in (verdict.detail or ""):
            return _Verdict(
                False,
                verdict.detail,
                "a NaN centroid is the mean of an empty selection: does j run over "
                "range(k), and is the mask labels == j?",
            )
        return verdict

    X3 = np.array(
        [[0.0, 0.0], [5.0, 5.0], [9.0, 0.0], [1.0, 0.0], [6.0, 5.0], [9.0, 1.0], [0.0, 4.0]]
        + [[5.0, 8.0], [12.0, 0.0]]
    )
    X_single = np.array([[0.0, 0.0], [2.0, 1.0], [5.0, 5.0], [6.0, 5.0], [5.0, 7.0], [-4.0, 9.0]])
    inputs = (
        # The labels interleave, so code that assumes sorted clusters shows.
        ("three clusters in 2-D", X3, np.array([0, 1, 2, 0, 1, 2, 0, 1, 2]), 3, None),
        (
            "two clusters in 3-D",
            _rng(5).normal(size=(10, 3)),
            np.array([0, 1, 1, 0, 0, 1, 0, 0, 1, 1]),
            2,
            None,
        ),
        (
            "a cluster of one point",
            X_single,
            np.array([0, 0, 1, 1, 1, 2]),
            3,
            "the mean of a cluster of one point is that point.",
        ),
    )
    cases = tuple(
        _Case(name, {"X": X, "labels": labels, "k": k}, cluster_means(X, labels, k), hint)
        for name, X, labels, k, hint in inputs
    )
    variants = (
        (
            lambda c: np.tile(c.inputs["X"].mean(axis=0), (c.inputs["k"], 1)),
            "every centroid is the mean of ALL points — average each cluster "
            "separately (X[labels == j]).",
        ),
        (lambda c: c.expected.T, "your result is transposed: shape (d, k) instead of (k, d)."),
        (
            medians,
            "these are medians (that is k-medians); k-means moves each centroid to the "
            "MEAN of its cluster.",
        ),
        (sums, "these are the SUMS of each cluster: divide by the cluster's size (.mean)."),
        (
            lambda c: np.vstack([c.expected[1:], np.full((1, c.expected.shape[1]), np.nan)]),
            "centroid j holds the mean of cluster j + 1: let j run over range(k), "
            "which starts at 0.",
        ),
    )
    return _run(
        _Exercise("Update step", "func(X, labels, k)", cases, judge, variants),
        func,
    )


def check_kmeans_loop(func):
    """Check the lesson 3 capstone: Lloyd's loop, run to convergence.

    The student's function repeats assign and update from the given
    centroids until no label changes, and returns the final labels and
    centroids. They must equal the last step of
    ``kmeans_steps(X, k, init=initial_centroids, tol=0)``. (A loop that never
    ends cannot be checked: interrupt the kernel.)

    Parameters
    ----------
    func : callable ``func(X, initial_centroids) -> (labels, centroids)``
        ``X`` is an ndarray of shape (n, d), ``initial_centroids`` of shape
        (k, d); return integer labels of shape (n,) and centroids of shape
        (k, d), in that order.

    Returns
    -------
    Feedback
        Also printed: the cases (four points, three groups from a poor start,
        k = 1, duplicate points), what came back, and a hint.
    """

    def read(answer):
        if answer is None:
            raise _Unreadable(
                "your function returned None",
                "did you forget `return labels, centroids` at the end?",
            )
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            what = (
                f"a {type(answer).__name__} of length {len(answer)}"
                if isinstance(answer, (tuple, list))
                else f"a single {type(answer).__name__}"
            )
            raise _Unreadable(
                f"expected a pair (labels, centroids), got {what}",
                "end your function with `return labels, centroids`.",
            )
        return _read_array(answer[0]), _read_array(answer[1])

    def judge(case, answer):
        X, initial = case.inputs["X"], case.inputs["initial_centroids"]
        labels, centroids = read(answer)
        n, k = X.shape[0], initial.shape[0]
        if labels.ndim == 2 and centroids.ndim == 1:
            raise _Unreadable(
                "the pair looks swapped: (centroids, labels)",
                "return labels first, then centroids: `return labels, centroids`.",
            )
        labels, as_floats = _read_labels(labels, n, k)
        expected_labels, expected_centroids, trajectory = case.expected
        centroid_verdict = _compare_floats(centroids, expected_centroids, row="centroid")
        if np.array_equal(labels, expected_labels) and centroid_verdict.ok:
            if as_floats:
                return _Verdict(False, f"the right result, but {as_floats}", FLOAT_LABELS_HINT)
            return _Verdict(True)
        for iteration, (step_labels, step_centroids) in enumerate(trajectory[:-1], start=1):
            if np.array_equal(labels, step_labels) and _same(centroids, step_centroids):
                return _Verdict(
                    False,
                    f"that is the state after iteration {iteration}, but this case needs "
                    f"{len(trajectory)} iterations before an assignment changes no label",
                    "your loop stops too early: repeat assign + update until an "
                    "assignment changes no label.",
                )
        if not np.array_equal(labels, expected_labels):
            wrong = labels != expected_labels
            i = int(np.flatnonzero(wrong)[0])
            return _Verdict(
                False,
                f"{int(wrong.sum())} of {n} labels differ; point {i}: "
                f"expected {expected_labels[i]}, got {labels[i]}",
            )
        return _Verdict(
            False,
            f"the labels are right, but the centroids are not: {centroid_verdict.detail}",
            "return the centroids of the last update (the means of the final clusters).",
        )

    def reference(X, initial):
        steps = list(kmeans_steps(X, initial.shape[0], init=initial, tol=0))
        trajectory = [
            (step.labels.astype(np.int64), step.centroids)
            for step in steps
            if step.phase == "update"
        ]
        last = steps[-1]
        return last.labels.astype(np.int64), last.centroids, trajectory

    rng = _rng(9)
    X_three = np.concatenate(
        [rng.normal(centre, 1.0, size=(6, 2)) for centre in ([0.0, 0.0], [6.0, 0.0], [3.0, 5.0])]
    )
    X_four = np.array([[0.0, 0.0], [0.0, 1.0], [9.0, 0.0], [9.0, 1.0]])
    X_one = _rng(10).normal(size=(6, 2))
    X_duplicates = np.array(
        [[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [2.0, 1.0], [8.0, 8.0], [8.0, 9.0]]
    )
    inputs = (
        ("four points, two clusters", X_four, np.array([[0.0, 0.0], [1.0, 0.0]]), None),
        ("three groups from a poor start", X_three, X_three[[0, 1, 2]], None),
        (
            "k = 1",
            X_one,
            np.array([[5.0, 5.0]]),
            "with one centroid all points form one cluster and the centroid is their mean.",
        ),
        (
            "duplicate points",
            X_duplicates,
            np.array([[1.0, 1.0], [2.0, 1.0]]),
            "repeated points are ordinary points: each counts once in its cluster's mean.",
        ),
    )
    cases = tuple(
        _Case(name, {"X": X, "initial_centroids": initial}, reference(X, initial), hint)
        for name, X, initial, hint in inputs
    )

    def after_one_iteration(c):
        X, initial = c.inputs["X"], c.inputs["initial_centroids"]
        labels = nearest_centroid(X, initial, "euclidean")[0]
        return labels, cluster_means(X, labels, initial.shape[0])

    variants = (
        (
            after_one_iteration,
            "your function stops after ONE iteration (one assign + update): repeat "
            "both until an assignment changes no label.",
        ),
        (
            lambda c: (
                nearest_centroid(c.inputs["X"], c.inputs["initial_centroids"], "euclidean")[0],
                c.inputs["initial_centroids"],
            ),
            "you returned the first assignment and the initial centroids: the "
            "centroids never moved. Update them (the means) and repeat.",
        ),
        (
            lambda c: (c.expected[0], c.inputs["initial_centroids"]),
            "the labels are right, but you returned the INITIAL centroids: return "
            "the ones your loop computed.",
        ),
    )
    return _run(
        _Exercise(
            "The k-means loop",
            "func(X, initial_centroids)",
            cases,
            judge,
            variants,
            read=read,
        ),
        func,
    )


# --------------------------------------------------------------------------
# Lesson 4: k-means++
# --------------------------------------------------------------------------


ON_A_CHOSEN_CENTROID_HINT = (
    "a point that sits on a chosen centroid (in 'duplicate points', two copies of each) "
    "has D(x) = 0, so it must get probability 0."
)
PLUSPLUS_RULE_HINT = (
    "the rule: D(x)² is the squared straight-line (Euclidean) distance from x to the "
    "NEAREST chosen centroid, and the probabilities are these D(x)² divided by their total."
)


def check_plusplus_probabilities(func):
    """Check the lesson 4 exercise: the k-means++ probabilities of the next pick.

    Given the centroids chosen so far, the next one is drawn from the points
    with probability proportional to D(x)², the squared Euclidean distance
    from x to the NEAREST chosen centroid (normalised to sum to 1). These are
    the probabilities ``kmeans_teach.init`` draws from; one case is taken
    straight from ``kmeans_plusplus_picks``.

    Parameters
    ----------
    func : callable ``func(X, chosen) -> probabilities``
        ``X`` is an ndarray of shape (n, d), ``chosen`` of shape (m, d) with
        m >= 1; ``probabilities`` must have shape (n,) and sum to 1.

    Returns
    -------
    Feedback
        Also printed: the cases (one chosen, three chosen, the draws of
        kmeans_plusplus_picks, duplicate points), what came back, and a hint.
    """

    def squared(c):
        return cost_matrix(c.inputs["X"], c.inputs["chosen"], "euclidean")

    def normalised(weights):
        return weights / weights.sum()

    def judge(case, answer):
        got = _read_array(answer)
        verdict = _compare_floats(got, case.expected)
        if verdict.ok or got.shape != case.expected.shape:
            return verdict
        total = float(np.asarray(got, dtype=float).sum())
        if not np.isclose(total, 1.0, rtol=RTOL):
            return _Verdict(False, f"{verdict.detail} (yours add up to {_num(total)}, not 1)")
        # Points on a chosen centroid are the special case; name it only if it is the slip.
        on_chosen = squared(case).min(axis=1) == 0
        if np.any(np.asarray(got, dtype=float)[on_chosen] != 0):
            return _Verdict(False, verdict.detail, ON_A_CHOSEN_CENTROID_HINT)
        return _Verdict(False, verdict.detail, PLUSPLUS_RULE_HINT)

    X_one = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [4.0, 4.0], [5.0, 5.0]])
    X_three = np.round(10 * _rng(6).uniform(size=(10, 2)), 1)
    X_picks = _rng(7).normal(size=(12, 2)) * [3.0, 1.0]
    picks = list(_plusplus_picks(X_picks, 3, _rng(8), "euclidean"))
    X_duplicates = np.array(
        [[0.0, 0.0], [0.0, 0.0], [3.0, 0.0], [3.0, 0.0], [1.0, 1.0], [6.0, 1.0]]
    )
    inputs = (
        ("one centroid chosen", X_one, X_one[[0]], None, {}),
        ("three centroids chosen", X_three, X_three[[0, 4, 7]], None, {}),
        (
            "the draws of kmeans_plusplus_picks",
            X_picks,
            np.array([pick.centroid for pick in picks[:2]]),
            picks[2].probabilities,
            {},
        ),
        (
            "duplicate points",
            X_duplicates,
            np.array([[0.0, 0.0], [3.0, 0.0]]),
            None,
            {},
        ),
    )
    cases = tuple(
        _Case(
            name,
            {"X": X, "chosen": chosen},
            np.array(expected) if expected is not None else _plusplus_reference(X, chosen),
            **extra,
        )
        for name, X, chosen, expected, extra in inputs
    )
    variants = (
        (
            lambda c: squared(c).min(axis=1),
            "these are the weights D(x)², not yet probabilities: divide them by their "
            "total so they add up to 1.",
        ),
        (
            lambda c: normalised(np.sqrt(squared(c).min(axis=1))),
            "the weights are plain distances D(x); k-means++ weights by SQUARED distances, D(x)².",
        ),
        (
            lambda c: np.sqrt(squared(c).min(axis=1)),
            "these are plain distances D(x): square them (D(x)²) and divide by their "
            "total so they add up to 1.",
        ),
        (
            lambda c: normalised(squared(c)[:, 0]),
            "you used the distance to the FIRST chosen centroid only: use the NEAREST "
            "chosen centroid (the minimum over all chosen).",
        ),
        (
            lambda c: normalised(squared(c)[:, -1]),
            "you used the distance to the LAST chosen centroid only: use the NEAREST "
            "chosen centroid (the minimum over all chosen).",
        ),
        (
            lambda c: normalised(squared(c).max(axis=1)),
            "you used the distance to the FARTHEST chosen centroid (max instead of min?).",
        ),
        (
            lambda c: normalised(squared(c).sum(axis=1)),
            "you added up the squared distances to ALL chosen centroids: use only the "
            "nearest one (the minimum).",
        ),
        (
            lambda c: np.full(c.inputs["X"].shape[0], 1.0 / c.inputs["X"].shape[0]),
            "every point got the same probability 1/n: that is the rule for the FIRST "
            "pick only; later picks weight each point by D(x)².",
        ),
    )
    return _run(
        _Exercise("k-means++ probabilities", "func(X, chosen)", cases, judge, variants),
        func,
    )


def _plusplus_reference(X, chosen):
    """Probability of each point to be drawn next: its cost to the nearest chosen, normalised."""
    cost_to_nearest = nearest_centroid(X, chosen, "euclidean")[1]
    return cost_to_nearest / cost_to_nearest.sum()


#: Seeds on which check_plusplus_seeds runs a seeding, to see how it behaves.
SEEDING_TRIALS = 200


def check_plusplus_seeds(func):
    """Check the lesson 4 optional exercise: k-means++ seeding, one pick at a time.

    The data are four tight, far-apart groups of 20 points, k = 4. On seeds 0,
    1 and 2 the answer must be 4 distinct row numbers. Drawn as the lesson says
    (every pick with ``rng.choice(n, p=...)``), they are exactly the picks of
    ``kmeans_plusplus_picks``. Drawn another way they are still accepted if
    they behave like k-means++ over 200 seeds: the same picks for the same
    seed, later picks that are random (not always the farthest point), and all
    four groups hit about as often as ``kmeans_plusplus_picks`` hits them (a
    uniform draw, Forgy's, manages it about one time in ten).

    Parameters
    ----------
    func : callable ``func(X, k, seed) -> row numbers``
        ``X`` is an ndarray of shape (n, d); return integers of shape (k,).

    Returns
    -------
    Feedback
        Also printed: the three seeds, what came back, how the picks fall
        over 200 seeds, and a hint.
    """
    k, per_group = 4, 20
    corners = np.array([[-10.0, -10.0], [-10.0, 10.0], [10.0, -10.0], [10.0, 10.0]])
    groups = np.repeat(np.arange(k), per_group)
    X = corners[groups] + _rng(20).normal(scale=1.0, size=(k * per_group, 2))

    def reference(seed):
        draws = _plusplus_picks(X, k, np.random.default_rng(seed), "euclidean")
        return np.array([pick.index for pick in draws])

    def judge(case, answer):
        picks = _read_picks(answer, X.shape[0], k)
        if picks.tolist() == case.expected.tolist():
            return _Verdict(True, "the same picks as kmeans_plusplus_picks")
        return _Verdict(True)

    cases = tuple(
        _Case(f"seed {seed}", {"X": X, "k": k, "seed": seed}, reference(seed), diagnostic=False)
        for seed in range(3)
    )

    def behaviour(func):
        return _seeding_behaviour(func, X, k, groups, reference)

    return _run(
        _Exercise(
            "k-means++ seeding",
            "func(X, k, seed)",
            cases,
            judge,
            given="X is a numpy array, k and seed whole numbers",
            behaviour=behaviour,
        ),
        func,
    )


def _read_picks(answer, n, k):
    """The answer as k distinct row numbers of X, or _Unreadable saying what is wrong."""
    picks = _read_array(answer)
    if picks.shape != (k,) or picks.dtype.kind not in "iu":
        raise _Unreadable(
            f"expected {k} integer row numbers, got {_fmt(answer)}",
            f"return the row numbers of the picks, e.g. np.array(picked): shape ({k},), integers.",
        )
    if len(set(picks.tolist())) != k or picks.min() < 0 or picks.max() >= n:
        raise _Unreadable(
            f"the row numbers must be {k} different rows of X (0 to {n - 1}), got {picks.tolist()}",
            "a chosen point has D(x) = 0, so it can never be drawn again.",
        )
    return picks


def _seeding_behaviour(func, X, k, groups, reference):
    """How func's picks fall over SEEDING_TRIALS seeds: (ok, lines, hint)."""
    answers = []
    for seed in [*range(SEEDING_TRIALS), 0]:  # seed 0 twice: the same seed, the same picks
        try:
            answers.append(_read_picks(func(X.copy(), k, seed), X.shape[0], k))
        except _Unreadable as problem:
            return False, [f"  {WRONG} seed {seed}: {problem.detail}"], problem.hint
        except Exception as error:  # the student's bug: reported, never raised
            line = f"  {WRONG} {_raised_text(error)} on seed {seed}"
            return False, [line], "the message names the problem: run your function with it."
    answers, again = answers[:-1], answers[-1]
    if again.tolist() != answers[0].tolist():
        return (
            False,
            [f"  {WRONG} seed 0 gave {answers[0].tolist()}, then {again.tolist()}"],
            "make every draw with rng = np.random.default_rng(seed), not np.random: the "
            "same seed must give the same picks.",
        )
    expected = [reference(seed) for seed in range(SEEDING_TRIALS)]
    if all(a.tolist() == e.tolist() for a, e in zip(answers, expected)):
        return True, [f"  {RIGHT} the same picks as kmeans_plusplus_picks for all 200 seeds"], None

    def farthest_from_first(picks):
        return int(np.argmax(((X - X[picks[0]]) ** 2).sum(axis=1))) == picks[1]

    if all(farthest_from_first(picks) for picks in answers):
        return (
            False,
            [f"  {WRONG} the second pick is always the point farthest from the first"],
            "that is the farthest-point rule. k-means++ draws each next point at random, "
            "with probability proportional to D(x)²: far points are likely, not certain.",
        )
    yours = np.mean([np.unique(groups[picks]).size == k for picks in answers])
    theirs = np.mean([np.unique(groups[picks]).size == k for picks in expected])
    rates = (
        f"the picks hit all four groups for {_percent(yours)} of {SEEDING_TRIALS} seeds, "
        f"kmeans_plusplus_picks' for {_percent(theirs)}"
    )
    if yours < theirs - 0.25:
        return (
            False,
            [f"  {WRONG} {rates}: far points are not favoured enough"],
            "draw every pick after the first with the probabilities of exercise 1, "
            "rng.choice(n, p=plusplus_probabilities(X, X[picked])), not uniformly.",
        )
    return (
        True,
        [
            f"  {RIGHT} {rates}: they behave like k-means++, though they are not the same "
            "draws. To match kmeans_plusplus_picks exactly, draw every pick, the first one "
            "too, with rng.choice(n, p=...) from rng = np.random.default_rng(seed)."
        ],
        None,
    )


# --------------------------------------------------------------------------
# Lesson 5: choosing K
# --------------------------------------------------------------------------


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
                "  Hint: type just the number, e.g. k = 3.",
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


def _read_k(k, inertia):
    """k as an int on the curve, or None."""
    if isinstance(k, str):
        k = k.strip()
        if not k.isdigit():
            return None
        k = int(k)
    if isinstance(k, bool) or not isinstance(k, numbers.Real) or not np.isfinite(k):
        return None
    if k != int(k):
        return None
    return int(k) if int(k) in inertia else None


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


def _percent(share):
    return f"{100 * share:.0f}%"


def _ordinal(j):
    return f"{j}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(j if j < 20 else j % 10, 'th') }"


# --------------------------------------------------------------------------
# Lesson 7: scaling
# --------------------------------------------------------------------------


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
        customers, one integer column with repeats), what came back, and a hint.
    """

    def values(c):
        return c.inputs["frame"].to_numpy(dtype=float)

    def judge(case, answer):
        got = np.asarray(_read_array(answer), dtype=float)
        verdict = _compare_floats(got, case.expected, row="row")
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


def _zscores(X, ddof=0):
    """Every column of X (n, d) minus its mean, divided by its standard deviation."""
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=ddof)


# --------------------------------------------------------------------------
# Lesson 8: anomalies
# --------------------------------------------------------------------------


def check_anomaly_scores(func):
    """Check the lesson 8 exercise: each point's distance to its OWN centroid.

    The anomaly score of a point is the Euclidean distance to the centroid of
    the cluster its label names (``centroids[labels]``). Squared distances
    are not: they rank the points the same way, but the lesson's thresholds
    are distances in the units of the data. One case
    uses labels that are not the nearest centroid, as after the centroids of
    a model have moved: there "own" and "nearest" differ.

    Parameters
    ----------
    func : callable ``func(X, labels, centroids) -> scores``
        ``X`` is an ndarray of shape (n, d), ``labels`` integers of shape (n,),
        ``centroids`` of shape (k, d); ``scores`` must have shape (n,).

    Returns
    -------
    Feedback
        Also printed: the cases (after convergence, labels that are not the
        nearest, a cluster of one point), what came back, and a hint.
    """

    def own(c):
        return point_costs(c.inputs["X"], c.inputs["centroids"], c.inputs["labels"], "euclidean")

    def to_all(c):
        return cost_matrix(c.inputs["X"], c.inputs["centroids"], "euclidean")

    def judge(case, answer):
        got = _read_array(answer)
        verdict = _compare_floats(got, case.expected)
        if verdict.ok:
            return verdict
        if _same(got, own(case)):
            return _Verdict(
                False,
                "these are SQUARED distances",
                "take the square root (np.sqrt): squared distances rank the points the same "
                "way, but a score, and a threshold on it, is a distance in the units of the data.",
            )
        # Name a point alone in its cluster only when it is the one slip: right elsewhere.
        sizes = np.bincount(case.inputs["labels"], minlength=len(case.inputs["centroids"]))
        alone = sizes[case.inputs["labels"]] == 1
        if (
            got.shape == case.expected.shape
            and _close(got[~alone], case.expected[~alone]).all()
            and np.any(got[alone] != 0)
        ):
            return _Verdict(
                False,
                verdict.detail,
                "a point alone in its cluster IS its centroid: its score is 0.",
            )
        return verdict

    rng = _rng(11)
    X_two = np.concatenate(
        [rng.normal([0.0, 0.0], 1.0, size=(5, 2)), rng.normal([8.0, 3.0], 1.0, size=(5, 2))]
    )
    X_two[4] = [3.5, 2.5]  # a point on the way between the groups: a likely anomaly
    fit = kmeans(X_two, 2, init=X_two[[0, 5]], tol=0)
    X_moved = np.array([[0.0, 0.0], [1.0, 1.0], [4.0, 0.0], [6.0, 1.0], [9.0, 0.0], [5.0, 5.0]])
    X_single = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 8.0], [-6.0, 7.0]])
    single_labels = np.array([0, 0, 0, 1, 1, 2])
    inputs = (
        ("after convergence", X_two, fit.labels.astype(np.int64), np.array(fit.centroids), None),
        (
            "labels that are not the nearest centroid",
            X_moved,
            np.array([0, 0, 1, 0, 1, 0]),  # points 2, 3 and 5 are nearer the other centroid
            np.array([[0.0, 0.0], [9.0, 0.0]]),
            "use each point's OWN centroid, centroids[labels], even when another one is nearer.",
        ),
        (
            "a cluster of one point",
            X_single,
            single_labels,
            cluster_means(X_single, single_labels, 3),
            None,
        ),
    )
    cases = tuple(
        _Case(
            name,
            {"X": X, "labels": labels, "centroids": centroids},
            np.sqrt(point_costs(X, centroids, labels, "euclidean")),
            hint,
        )
        for name, X, labels, centroids, hint in inputs
    )
    nearest_hint = (
        "you measured the distance to the NEAREST centroid; the score is the distance "
        "to the point's OWN centroid, centroids[labels]. After convergence the two "
        "agree, which is why one case uses labels that are not the nearest."
    )
    variants = (
        (lambda c: np.sqrt(to_all(c).min(axis=1)), nearest_hint),
        (lambda c: to_all(c).min(axis=1), nearest_hint),
        (
            lambda c: np.sqrt(((c.inputs["X"] - c.inputs["X"].mean(axis=0)) ** 2).sum(axis=1)),
            "you measured the distance to the mean of ALL the data; the score is the "
            "distance to the point's own centroid, centroids[labels].",
        ),
        (
            lambda c: point_costs(
                c.inputs["X"], c.inputs["centroids"], c.inputs["labels"], "manhattan"
            ),
            "that is the Manhattan distance (sum of absolute differences); use the "
            "Euclidean one: the square root of the sum of squares.",
        ),
        (
            lambda c: np.sqrt(to_all(c)),
            "you returned the distance from every point to every centroid, shape (n, k); "
            "keep only each point's own centroid, centroids[labels].",
        ),
    )
    return _run(
        _Exercise("Anomaly scores", "func(X, labels, centroids)", cases, judge, variants),
        func,
    )
