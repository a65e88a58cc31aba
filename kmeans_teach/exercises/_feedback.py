"""The machinery shared by every exercise check: results, cases, verdicts, reading answers, hints.

A check (in ``lessonNN.py``) describes its exercise as an :class:`_Exercise`:
the fixed and fresh :class:`_Case` inputs with their reference answers, a
``judge`` that turns one answer into a :class:`_Verdict`, and the typical
wrong answers (``variants``) whose hints name the slip. :func:`_run` calls the
student's function on every case, never lets the student's code raise,
prints the feedback and returns a :class:`Feedback`.
"""

from __future__ import annotations

import copy
import dataclasses
import textwrap
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from .._validation import keywords_checked

#: Floats are compared with this relative tolerance (and the same, times the
#: size of the expected values, as an absolute one, so zeros compare too).
RTOL = 1e-8

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


Feedback.__init__ = keywords_checked(Feedback.__init__)  # unknown keywords are listed


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
    # Whether changing an argument in place makes the answer wrong (not just worth a note).
    keep_inputs: bool = False
    # What a case can tell when only `behaviour` judges the answer (a random method: one
    # call can only be well-formed, not right). Its cases then get a "·", not a ✓.
    cases_check_only: str | None = None


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
        except (Exception, SystemExit) as error:  # the student's bug: reported, never raised
            answer = _Raised(error)
        answers.append(answer)
        for name, before, after in zip(case.inputs, case.inputs.values(), arguments):
            if not _same_input(before, after) and name not in changed_inputs:
                changed_inputs.append(name)

    # Each line of feedback with the hints that explain it, said under it (and only once).
    entries, n_right, first_failure = [], 0, None
    raised = {}  # error text -> the cases it was raised on
    wrong_answers = []  # the entries of wrong (not raised) answers, for a typical slip's hint
    for case, answer in zip(exercise.cases, answers):
        if isinstance(answer, _Raised):
            first_failure = first_failure or case
            error_text = _raised_text(answer.error)
            if error_text in raised:  # the same error again: name the case only
                raised[error_text].append(case.name)
                continue
            raised[error_text] = [case.name]
            hints = [_exception_hint(answer.error, exercise), case.hint]
            entries.append([f"  {WRONG} {error_text} on case '{case.name}'", hints])
            continue
        verdict = _judge(exercise, case, answer)
        if verdict.ok:
            n_right += 1
            remark = "; ".join(r for r in (verdict.detail, case.note) if r)
            mark = "·" if exercise.cases_check_only and not verdict.detail else RIGHT
            remark = remark or exercise.cases_check_only or ""
            entries.append([f"  {mark} {case.name}" + (f": {remark}" if remark else ""), []])
        else:
            entries.append(
                [f"  {WRONG} {case.name}: {verdict.detail}", [verdict.hint or case.hint]]
            )
            wrong_answers.append(entries[-1])
            first_failure = first_failure or case

    for names in raised.values():
        if len(names) > 1:
            others = ", ".join(f"'{name}'" for name in names[1:])
            line = f"  {WRONG} the same error on {_plural('case', len(names) - 1)} {others}"
            entries.append([line, []])

    n_cases = len(exercise.cases)
    passed = n_right == n_cases and not (exercise.keep_inputs and changed_inputs)
    if passed and exercise.behaviour is not None:
        passed, more, hint = exercise.behaviour(func)
        entries += [[line, []] for line in more]
        if entries and hint:
            entries[-1][1].append(hint)
        if not passed and exercise.cases_check_only:
            head = f"{title}: well-formed answers, but not how it behaves over many calls."
        elif not passed:
            head = f"{title}: all {n_cases} cases right, but not how it behaves over many calls."
    if passed and exercise.cases_check_only:
        head = f"{title}: well-formed answers that behave as they should. Well done!"
    elif passed:
        head = f"{title}: all {n_cases} cases right. Well done!"
    elif n_right == n_cases and changed_inputs:
        head = f"{title}: all {n_cases} cases right, but your function changes what it is given."
    elif n_right < n_cases:
        head = f"{title}: {n_right} of {n_cases} cases right."
        typical = _recognise(exercise, answers)
        if typical is not None and wrong_answers:  # one known slip explains every wrong answer
            for entry in wrong_answers:
                entry[1] = []
            wrong_answers[0][1] = [typical]
    messages, said = [head], set()
    for line, hints in entries:
        messages.append(line)
        for hint in hints:
            if hint and hint not in said:
                messages.append(f"    Hint: {hint}")
                said.add(hint)
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
        # A variant returns None on a case where the slip's result cannot be told (say, a
        # start that empties a cluster); it must then match all of at least two other cases.
        try:
            predicted = [(value, variant(case)) for case, value in compared]
        except Exception:
            continue
        predicted = [(value, guess) for value, guess in predicted if guess is not None]
        enough = len(predicted) >= min(2, len(compared))
        if enough and all(_same(value, guess) for value, guess in predicted):
            return hint
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
    rtol = _rtol(a)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    atol = _atol(b) * rtol / RTOL
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


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


GENERIC_ERROR_HINT = "the message names the problem: run your function on this case by hand."


def _exception_hint(error, exercise):
    """A sentence naming the likely cause of an exception raised by the student's code."""
    text, call = str(error), exercise.call
    if isinstance(error, SystemExit):
        return (
            "your function called exit() or sys.exit(), which would stop the whole program: "
            "return the answer instead."
        )
    if isinstance(error, ValueError) and "inhomogeneous" in text:
        return (
            "the pieces you put into one array have different lengths. Averaging or summing "
            "over axis=1 works along each point's coordinates; over the points of a group is "
            "axis=0."
        )
    if isinstance(error, TypeError) and "NoneType" in text:
        return "a value is None: does every function you call end with a `return` line?"
    if isinstance(error, TypeError) and ("list" in text or "tuple" in text):
        return (
            f"{exercise.given}: a list has no arithmetic of its own. Turn lists you build "
            "into arrays (np.array(...)) before computing with them."
        )
    if isinstance(error, (OverflowError, MemoryError)):
        return "a number or an array grew far too large: does a loop run more often than you meant?"
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
    return GENERIC_ERROR_HINT


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


def _close(got, expected, rtol=RTOL):
    """Elementwise closeness within rtol (the absolute tolerance scaled alike); NaN never is."""
    return np.isclose(got, expected, rtol=rtol, atol=_atol(expected) * rtol / RTOL)


def _shape_text(shape):
    return "one number" if shape == () else f"shape {shape}"


#: How each kind of answer is shaped, in the letters of the exercises (the same words on every
#: case, so the hint is said once however many cases it explains).
SHAPES = {
    "point": "(n,), one value per point (n = len(X))",
    "value": "one number",
    "centroid": "(k, d), one row per centroid and one column per feature",
    "row": "(n, d), the shape of the table it was given",
}


def _shape_hint(got, expected, what):
    shape = SHAPES.get(what, "the one the exercise asks for")
    if expected == ():
        return "return one number: add everything up (.sum() with no axis)."
    if len(got) == 2 and got == expected[::-1]:
        return f"your result looks transposed: the shape should be {shape} (try .T)."
    if len(got) == len(expected) == 2 and got[0] == expected[0] and got[1] < expected[1]:
        return (
            f"your result has fewer columns than the data has features: the shape should be "
            f"{shape}. Does your code use only some of the columns (such as X[:, :2])?"
        )
    if int(np.prod(got)) == int(np.prod(expected)):
        return f"the numbers may be right, but the shape should be {shape} (.ravel()?)."
    return f"the shape should be {shape}."


def _rtol(got):
    """The relative tolerance an answer can meet: RTOL, or looser for float32 and float16.

    A float32 answer carries about 7 significant digits, so comparing it at float64's
    precision would refuse right answers with identical-looking numbers.
    """
    dtype = np.asarray(got).dtype
    if dtype.kind == "f" and dtype.itemsize < 8:
        return max(RTOL, 100 * float(np.finfo(dtype).eps))
    return RTOL


def _compare_floats(got, expected, *, row="point"):
    """A verdict on a float answer against the expected float array."""
    rtol = _rtol(got)
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
    bad = ~_close(got, expected, rtol)
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


def _percent(share):
    return f"{100 * share:.0f}%"


def _rng(seed):
    return np.random.default_rng(seed)


#: The name of the case that every check makes afresh on every call.
FRESH = "new random data (different on every run)"


def _fresh_rng():
    """A generator seeded from the operating system: the check's case that no table can know.

    Every check has one case drawn anew on every call, so that an answer which looks up the
    fixed cases fails. (Its inputs are shown, as any case's, when it goes wrong.)
    """
    return np.random.default_rng()
