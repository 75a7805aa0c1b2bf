"""Feedback checks for exercise notebooks: any answer gets a short message and a hint, never a traceback.

A student's check cell names the exercise part and the answer, nothing else::

    check("10.1a", answer_10_1a)

shows ``✅ Exercise 10.1a: right.`` or ``⏳ Exercise 10.1a: not answered yet — replace `None` with your answer.``
The part's type, precision and hint come from the solution notebook (see ``parts``); its expected value comes
from the answer key installed with the package (``answer_key``). That is for practice only: a student who reads
the package can find the key. Grades are computed by ``workbook check`` (``grading``), which takes the answers
out of the kernel as plain data and judges them with expected values from the teacher's solution notebooks.

Statuses (``Feedback.status``):

* ``"not answered"`` — the answer is ``None`` or ``...`` (the stub the exercise notebook starts with);
* ``"wrong type"`` — e.g. a string or a list where a number is expected (the message names both types);
* ``"not finite"`` — NaN or ±infinity (or an integer too large to be a float);
* ``"close"`` — a number that would be right at the precision the question asks for, but is not given at it
  (e.g. 0.94 for 0.9351 at 3 significant figures): the message asks for that precision;
* ``"wrong"`` — a usable answer with the wrong value; the message carries the hint;
* ``"right"``;
* ``"unusable"`` — the answer misbehaves when read (its ``__float__``, ``__len__``, … raise); the message
  names the step that failed;
* ``"already marked"`` — only from ``check`` on a True/False or multiple-choice part (see below).

Predictions are marked once. A True/False or multiple-choice part could otherwise be answered by trying the
options in its check cell until it says "right". So ``check`` marks the *first* usable answer to such a part
(True/False, or one of the options) in the running notebook, and remembers it: run again with that answer, the
check says the same; a different answer after a ❌ is not marked (status ``"already marked"``, with the number
of answers tried and the hint), so the options cannot be eliminated one by one. For a True/False part the ❌
itself leaves one value; the message says so, and asks for the reason rather than a flip. After a ✅ nothing is
left to reveal and every answer is marked. A missing, mistyped or unknown-option answer is not a try. The
memory lives in the kernel (restarting it starts again) and is off in autograder mode. Grades never use it:
``judge`` (what ``workbook check`` uses) has no memory and marks the answer handed in.

The text is deterministic (no ids, addresses or times), so notebooks with committed outputs compare
strictly under nbval. Mistakes of the *author* (an expected value that is not a finite number, an expected
choice that is not among the options) raise ``ValueError`` at once: the solution notebook's test run catches
them before a student sees the notebook. An unknown part raises too in autograder mode; in report mode it gets an
``"unknown part"`` message instead, since a student meets it only with a notebook from another version of the
workbook, which is no fault of theirs (the generator refuses a check cell that names no declared part).

Autograder mode (for nbgrader): ``WORKBOOK_FEEDBACK=raise`` in the environment makes a result that is not right
raise ``AssertionError``, so nbgrader marks the test cell as failed. ``set_mode("raise")`` does the same from
code; ``set_mode("report")`` cannot switch off a ``raise`` set in the environment (the environment always wins).
This only stops the obvious; nbgrader runs its tests inside the student's kernel, where a determined student
can change anything — graded courses use ``workbook check``.
"""
from __future__ import annotations

import math
import numbers
import os
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from .parts import Part
from .precision import CLOSE, RIGHT, Precision

__all__ = [
    "STATUSES",
    "Feedback",
    "check",
    "judge",
    "check_number",
    "check_choice",
    "check_bool",
    "check_interval",
    "check_sequence",
    "set_mode",
    "get_mode",
    "MODE_ENV",
    "PREDICTIONS",
    "forget_tries",
]

STATUSES = ("not answered", "wrong type", "not finite", "close", "wrong", "right", "unusable", "already marked",
            "unknown part")
MODE_ENV = "WORKBOOK_FEEDBACK"
MODES = ("report", "raise")
DEFAULT_PRECISION = Precision("sig_figs", 3)

_ICONS = {
    "not answered": "⏳",
    "wrong type": "⚠️",
    "not finite": "⚠️",
    "close": "🔸",
    "wrong": "❌",
    "right": "✅",
    "unusable": "⚠️",
    "already marked": "🔒",
    "unknown part": "⚠️",
}
# Statuses whose line carries the hint.
_WITH_HINT = ("wrong", "already marked")

# Strings that mean "the interval is empty / there is no deal" in check_interval.
EMPTY_WORDS = ("empty", "no deal", "none")

_mode: str | None = None


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check. ``str()``/``repr()`` give the line shown under the cell."""

    name: str
    status: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown feedback status {self.status!r}; expected one of {STATUSES}")

    @property
    def ok(self) -> bool:
        return self.status == "right"

    @property
    def text(self) -> str:
        line = f"{_ICONS[self.status]} Exercise {self.name}: {self.message}"
        if self.status in _WITH_HINT and self.hint:
            line += f"\nHint: {self.hint}"
        return line

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def _repr_markdown_(self) -> str:
        line = f"{_ICONS[self.status]} **Exercise {self.name}:** {self.message}"
        if self.status in _WITH_HINT and self.hint:
            line += f"  \n*Hint:* {self.hint}"
        return line

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


# --------------------------------------------------------------------------------------------- modes
def _env_says_raise(value: str | None) -> bool:
    return (value or "").strip().lower() == "raise"


# Read once at import too: an answer cell that later deletes the variable does not switch autograder mode off.
_RAISE_AT_IMPORT = _env_says_raise(os.environ.get(MODE_ENV))


def set_mode(mode: str | None) -> None:
    """``"raise"`` (raise AssertionError unless right), ``"report"`` (show feedback) or ``None`` (use env).

    ``WORKBOOK_FEEDBACK=raise`` in the environment wins over ``set_mode("report")``."""
    global _mode
    if mode is not None and mode not in MODES:
        raise ValueError(f"mode must be one of {MODES} or None, not {mode!r}")
    _mode = mode


def get_mode() -> str:
    if _RAISE_AT_IMPORT or _env_says_raise(os.environ.get(MODE_ENV)):
        return "raise"
    return _mode or "report"


def _finish(fb: Feedback) -> Feedback:
    if get_mode() == "raise" and not fb.ok:
        raise AssertionError(fb.text)
    return fb


# ------------------------------------------------------------------------------------------ helpers
class _Unusable(Exception):
    """Internal: reading the answer failed at a named step."""

    def __init__(self, step: str, exc: BaseException):
        super().__init__(step)
        self.step = step
        self.exc_name = _type_name_of_exception(exc)


def _type_name_of_exception(exc: BaseException) -> str:
    try:
        return type(exc).__name__
    except Exception:  # pragma: no cover - a type without a name
        return "an error"


def _is_missing(answer: Any) -> bool:
    return answer is None or answer is Ellipsis


def _type_name(answer: Any) -> str:
    try:
        return str(type(answer).__name__)
    except Exception:  # pragma: no cover
        return "object"


def _describe(answer: Any) -> str:
    """A short, deterministic description of what was given (never calls the answer's own methods)."""
    try:
        return _describe_unsafe(answer)
    except Exception:
        return "a value of an unusual type"


def _describe_unsafe(answer: Any) -> str:
    t = type(answer)
    if t is str or issubclass(t, str):
        text = str.__str__(answer)
        shown = text if len(text) <= 30 else text[:27] + "..."
        return f"a string ({shown!r})"
    if t is bool or t is np.bool_:
        return f"the True/False value {bool(answer)}"
    if issubclass(t, np.ndarray):
        try:
            shape = tuple(int(n) for n in answer.shape)
        except Exception:
            shape = "?"
        return f"a numpy array of shape {shape}"
    if issubclass(t, complex) or issubclass(t, np.complexfloating):
        return "a complex number"
    if issubclass(t, (list, tuple, set, frozenset, dict)):
        try:
            n = t.__len__(answer) if t in (list, tuple, set, frozenset, dict) else None
        except Exception:
            n = None
        size = f" with {n} item{'s' if n != 1 else ''}" if n is not None else ""
        return f"a {t.__name__}{size}"
    return f"a value of type {_type_name(answer)}"


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _is_boolish(t: type) -> bool:
    return t is bool or t is np.bool_


def _to_float(answer: Any, what: str) -> float:
    """Convert a real number to float; raise _WrongType / _Unusable / _NotFinite with a reason."""
    try:
        t = type(answer)
        if _is_boolish(t):
            raise _WrongType(f"{what} is {_describe(answer)}; a number is expected (True/False is not a number here)")
        if issubclass(t, np.ndarray):
            if answer.ndim != 0 or answer.dtype.kind not in "iuf":
                raise _WrongType(f"{what} is {_describe(answer)}; a single number is expected")
        elif issubclass(t, (complex, np.complexfloating)):
            raise _WrongType(f"{what} is a complex number; a real number is expected")
        elif not issubclass(t, numbers.Real):
            raise _WrongType(f"{what} is {_describe(answer)}; a number is expected, like 0.25 (no quotes)")
    except (_WrongType, _Unusable):
        raise
    except Exception as exc:
        raise _Unusable("finding out what kind of value it is", exc) from None
    try:
        x = float(answer)
    except OverflowError:
        raise _NotFinite(f"{what} is too large to be compared") from None
    except Exception as exc:
        raise _Unusable(f"converting {what} to a number", exc) from None
    if type(x) is not float:  # pragma: no cover - float() always gives a float
        raise _Unusable(f"converting {what} to a number", TypeError())
    if not math.isfinite(x):
        raise _NotFinite(f"{what} is {_fmt(x)}; a finite number is expected")
    return x


class _WrongType(Exception):
    pass


class _NotFinite(Exception):
    pass


def _unusable(name: str, err: _Unusable, hint: str) -> Feedback:
    return Feedback(name, "unusable",
                    f"unusable answer — {err.step} failed ({err.exc_name}). Assign a plain value.", hint)


def _author_number(value: Any, what: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise ValueError(f"{what} must be a real number, not {type(value).__name__}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{what} must be finite, not {x}")
    return x


def _precision(precision: Precision | dict | None) -> Precision:
    if precision is None:
        return DEFAULT_PRECISION
    if isinstance(precision, Precision):
        return precision
    return Precision.from_spec(precision)


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string like '1.2', not {name!r}")
    return name.strip()


_NOT_ANSWERED = "not answered yet — replace `None` with your answer."


# ---------------------------------------------------------------------------------------------- checks
def check_number(answer: Any, expected: float, *, name: str, hint: str = "",
                 precision: Precision | dict | None = None) -> Feedback:
    """Check a single real number (``bool`` is not a number here) at ``precision`` (3 significant figures)."""
    name = _check_name(name)
    prec = _precision(precision)
    e = _author_number(expected, "expected")
    prec.check_expected(e)
    return _finish(_number_feedback(answer, e, name, hint, prec))


def _number_feedback(answer: Any, e: float, name: str, hint: str, prec: Precision) -> Feedback:
    if _is_missing(answer):
        return Feedback(name, "not answered", _NOT_ANSWERED, hint)
    try:
        x = _to_float(answer, "your answer")
    except _WrongType as w:
        return Feedback(name, "wrong type", f"wrong type — {w}.", hint)
    except _NotFinite as n:
        return Feedback(name, "not finite", f"not a usable number — {n}.", hint)
    except _Unusable as u:
        return _unusable(name, u, hint)
    verdict = prec.verdict(x, e)
    if verdict == RIGHT:
        return Feedback(name, "right", "right.", hint)
    if verdict == CLOSE:
        return Feedback(name, "close", f"close — give your answer {prec.phrase} (yours is {_fmt(x)}).", hint)
    return Feedback(name, "wrong", f"not right yet — your answer {_fmt(x)} is {verdict}.", hint)


def _norm(text: str) -> str:
    return " ".join(str.split(str.casefold(text)))


def _author_options(options: Any, expected: Any) -> list[str]:
    if isinstance(options, str) or not options or not all(isinstance(o, str) for o in options):
        raise ValueError("options must be a non-empty list of strings")
    if not isinstance(expected, str) or _norm(expected) not in [_norm(o) for o in options]:
        raise ValueError(f"expected {expected!r} is not among the options {list(options)}")
    return list(options)


def check_choice(answer: Any, expected: str, *, name: str, options: Sequence[str], hint: str = "") -> Feedback:
    """Check a choice among ``options`` (a string; case and spacing do not matter)."""
    name = _check_name(name)
    return _finish(_choice_feedback(answer, expected, name, _author_options(options, expected), hint))


def _choice_feedback(answer: Any, expected: str, name: str, options: list[str], hint: str) -> Feedback:
    listing = ", ".join(f"'{o}'" for o in options)
    if _is_missing(answer):
        return Feedback(name, "not answered", f"not answered yet — replace `None` with one of {listing}.", hint)
    try:
        is_str = issubclass(type(answer), str)
    except Exception as exc:
        return _unusable(name, _Unusable("finding out what kind of value it is", exc), hint)
    if not is_str:
        return Feedback(name, "wrong type", f"wrong type — your answer is {_describe(answer)}; one of {listing} "
                                            "(in quotes) is expected.", hint)
    try:
        given = _norm(answer)
    except Exception as exc:
        return _unusable(name, _Unusable("reading your text", exc), hint)
    if given == "":
        return Feedback(name, "not answered", f"not answered yet — write one of {listing}.", hint)
    if given not in [_norm(o) for o in options]:
        return Feedback(name, "wrong", f"not right yet — {_describe(answer)} is not one of the options {listing}.",
                        hint)
    if given == _norm(expected):
        return Feedback(name, "right", "right.", hint)
    return Feedback(name, "wrong", "not right yet.", hint)


def check_bool(answer: Any, expected: bool, *, name: str, hint: str = "") -> Feedback:
    """Check a True/False answer (``True``/``False`` or a numpy bool; not 0/1, not "yes")."""
    name = _check_name(name)
    if not isinstance(expected, (bool, np.bool_)):
        raise ValueError(f"expected must be True or False, not {expected!r}")
    return _finish(_bool_feedback(answer, bool(expected), name, hint))


def _bool_feedback(answer: Any, expected: bool, name: str, hint: str) -> Feedback:
    if _is_missing(answer):
        return Feedback(name, "not answered", "not answered yet — replace `None` with True or False.", hint)
    if not _is_boolish(type(answer)):
        return Feedback(name, "wrong type", f"wrong type — your answer is {_describe(answer)}; True or False "
                                            "(no quotes) is expected.", hint)
    value = bool(answer)  # a bool or numpy bool: its truth value cannot be redefined
    if value == expected:
        return Feedback(name, "right", "right.", hint)
    return Feedback(name, "wrong", f"not right yet — {value} is not the answer.", hint)


def _is_empty_answer(answer: Any) -> bool:
    t = type(answer)
    if t in (tuple, list) and t.__len__(answer) == 0:
        return True
    if issubclass(t, str):
        return _norm(answer) in EMPTY_WORDS
    return False


def _pair(answer: Any) -> tuple[Any, Any]:
    """Return the two items of a (lo, hi) pair or raise _WrongType / _Unusable."""
    try:
        t = type(answer)
        if issubclass(t, np.ndarray):
            if answer.ndim != 1 or answer.shape[0] != 2:
                raise _WrongType(f"your answer is {_describe(answer)}; a pair (lower, upper) is expected")
            return answer[0], answer[1]
        if not issubclass(t, (tuple, list)):
            raise _WrongType(f"your answer is {_describe(answer)}; a pair (lower, upper) is expected")
        n = len(answer)
    except (_WrongType, _Unusable):
        raise
    except Exception as exc:
        raise _Unusable("reading your pair", exc) from None
    if n != 2:
        raise _WrongType(f"your answer has {n} item{'s' if n != 1 else ''}; a pair (lower, upper) is expected")
    try:
        lo, hi = answer[0], answer[1]
    except Exception as exc:
        raise _Unusable("reading your pair", exc) from None
    return lo, hi


def _author_interval(expected_lo: Any, expected_hi: Any) -> tuple[float, float] | None:
    if (expected_lo is None) != (expected_hi is None):
        raise ValueError("expected_lo and expected_hi must both be numbers or both be None (empty)")
    if expected_lo is None:
        return None
    elo = _author_number(expected_lo, "expected_lo")
    ehi = _author_number(expected_hi, "expected_hi")
    if elo > ehi:
        raise ValueError(f"expected_lo {elo} is above expected_hi {ehi}")
    return elo, ehi


def check_interval(answer: Any, expected_lo: float | None, expected_hi: float | None, *, name: str,
                   hint: str = "", precision: Precision | dict | None = None) -> Feedback:
    """Check an interval given as a pair ``(lo, hi)``, each end at ``precision``.

    An empty interval ("no deal") is answered with ``()`` or the string ``"empty"`` / ``"no deal"``;
    ``None`` still means "not answered". Pass ``expected_lo = expected_hi = None`` when the right answer
    is the empty interval.
    """
    name = _check_name(name)
    prec = _precision(precision)
    expected = _author_interval(expected_lo, expected_hi)
    for e in expected or ():
        prec.check_expected(e)
    return _finish(_interval_feedback(answer, expected, name, hint, prec))


def _verdicts(values: list[float], expected: list[float], prec: Precision) -> list[str]:
    return [prec.verdict(x, e) for x, e in zip(values, expected)]


def _interval_feedback(answer, expected, name, hint, prec: Precision) -> Feedback:
    if _is_missing(answer):
        return Feedback(name, "not answered",
                        "not answered yet — replace `None` with a pair (lower, upper), or `()` if it is empty.",
                        hint)
    try:
        empty = _is_empty_answer(answer)
    except Exception as exc:
        return _unusable(name, _Unusable("reading your answer", exc), hint)
    if empty:
        if expected is None:
            return Feedback(name, "right", "right.", hint)
        return Feedback(name, "wrong", "not right yet — the interval is not empty.", hint)
    try:
        lo_raw, hi_raw = _pair(answer)
        lo = _to_float(lo_raw, "the lower end")
        hi = _to_float(hi_raw, "the upper end")
    except _WrongType as w:
        return Feedback(name, "wrong type", f"wrong type — {w}.", hint)
    except _NotFinite as n:
        return Feedback(name, "not finite", f"not a usable number — {n}.", hint)
    except _Unusable as u:
        return _unusable(name, u, hint)
    if lo > hi:
        return Feedback(name, "wrong",
                        f"not right yet — the lower end {_fmt(lo)} is above the upper end {_fmt(hi)}.", hint)
    if expected is None:
        return Feedback(name, "wrong", "not right yet — the interval should be empty: write `()`.", hint)
    verdicts = _verdicts([lo, hi], list(expected), prec)
    if all(v == RIGHT for v in verdicts):
        return Feedback(name, "right", "right.", hint)
    if all(v in (RIGHT, CLOSE) for v in verdicts):
        return Feedback(name, "close", f"close — give both ends {prec.phrase}.", hint)
    bad = [label for label, v in zip(("lower", "upper"), verdicts) if v not in (RIGHT, CLOSE)]
    return Feedback(name, "wrong", f"not right yet — the {' and the '.join(bad)} end{'s are' if len(bad) == 2 else ' is'} off.",
                    hint)


def check_sequence(answer: Any, expected: Iterable[float], *, name: str, hint: str = "",
                   precision: Precision | dict | None = None) -> Feedback:
    """Check a list (or tuple / 1-d array) of numbers, item by item, each at ``precision``."""
    name = _check_name(name)
    prec = _precision(precision)
    exp = [_author_number(e, f"expected[{i}]") for i, e in enumerate(expected)]
    for e in exp:
        prec.check_expected(e)
    return _finish(_sequence_feedback(answer, exp, name, hint, prec))


def _sequence_feedback(answer, exp, name, hint, prec: Precision) -> Feedback:
    if _is_missing(answer):
        return Feedback(name, "not answered", "not answered yet — replace `None` with a list of numbers.", hint)
    try:
        t = type(answer)
        if issubclass(t, np.ndarray):
            if answer.ndim != 1:
                return Feedback(name, "wrong type",
                                f"wrong type — your answer is {_describe(answer)}; a flat list of numbers is expected.",
                                hint)
        elif not issubclass(t, (list, tuple)):
            return Feedback(name, "wrong type",
                            f"wrong type — your answer is {_describe(answer)}; a list of numbers is expected.", hint)
        n = len(answer)
    except Exception as exc:
        return _unusable(name, _Unusable("reading your list", exc), hint)
    if n != len(exp):
        return Feedback(name, "wrong",
                        f"not right yet — your list has {n} item{'s' if n != 1 else ''}; {len(exp)} are expected.",
                        hint)
    values: list[float] = []
    for i in range(n):
        try:
            item = answer[i]
        except Exception as exc:
            return _unusable(name, _Unusable(f"reading item {i}", exc), hint)
        try:
            values.append(_to_float(item, f"item {i}"))
        except _WrongType as w:
            return Feedback(name, "wrong type", f"wrong type — {w}.", hint)
        except _NotFinite as nf:
            return Feedback(name, "not finite", f"not a usable number — {nf}.", hint)
        except _Unusable as u:
            return _unusable(name, u, hint)
    verdicts = _verdicts(values, exp, prec)
    if all(v == RIGHT for v in verdicts):
        return Feedback(name, "right", "right.", hint)
    if all(v in (RIGHT, CLOSE) for v in verdicts):
        return Feedback(name, "close", f"close — give every item {prec.phrase}.", hint)
    wrong = [i for i, v in enumerate(verdicts) if v not in (RIGHT, CLOSE)]
    shown = ", ".join(str(i) for i in wrong[:5]) + (", ..." if len(wrong) > 5 else "")
    return Feedback(name, "wrong", f"not right yet — item{'s' if len(wrong) > 1 else ''} {shown} "
                                   f"{'are' if len(wrong) > 1 else 'is'} off (counting from 0).", hint)


# ------------------------------------------------------------------------------------------ by part
_EXPECTED_KIND = {
    "number": "a number, like 0.25 (no quotes)",
    "bool": "True or False (no quotes)",
    "choice": "one of the options, in quotes",
    "interval": "a pair (lower, upper), or () if it is empty",
    "sequence": "a list of numbers",
}


def judge(answer: Any, part: Part, expected: Any) -> Feedback:
    """The feedback for ``answer`` to ``part`` whose exact value is ``expected`` (no mode, no side effects).

    ``expected`` is plain data as the solution computed it: a number, True/False, an option, a pair
    ``[lo, hi]`` (or ``[]`` / ``None`` for an empty interval), or a list of numbers."""
    name, hint, kind = part.part, part.hint, part.type
    if kind == "number":
        e = _author_number(expected, f"the expected value of {name}")
        part.precision.check_expected(e)
        return _number_feedback(answer, e, name, hint, part.precision)
    if kind == "bool":
        if not isinstance(expected, (bool, np.bool_)):
            raise ValueError(f"the expected value of {name} must be True or False, not {expected!r}")
        return _bool_feedback(answer, bool(expected), name, hint)
    if kind == "choice":
        return _choice_feedback(answer, expected, name, _author_options(part.options, expected), hint)
    if kind == "interval":
        if expected is None or (isinstance(expected, (list, tuple)) and len(expected) == 0):
            pair = None
        elif isinstance(expected, (list, tuple)) and len(expected) == 2:
            pair = _author_interval(*expected)
        else:
            raise ValueError(f"the expected value of {name} must be a pair or empty, not {expected!r}")
        for e in pair or ():
            part.precision.check_expected(e)
        return _interval_feedback(answer, pair, name, hint, part.precision)
    if not isinstance(expected, (list, tuple)):
        raise ValueError(f"the expected value of {name} must be a list of numbers, not {expected!r}")
    exp = [_author_number(e, f"the expected value of {name}[{i}]") for i, e in enumerate(expected)]
    for e in exp:
        part.precision.check_expected(e)
    return _sequence_feedback(answer, exp, name, hint, part.precision)


def wrong_type(part: Part, description: str) -> Feedback:
    """The feedback for an answer the grader could not take out of the kernel as plain data."""
    return Feedback(part.part, "wrong type",
                    f"wrong type — your answer is {description}; {_EXPECTED_KIND[part.type]} is expected.",
                    part.hint)


def check(part: str, answer: Any) -> Feedback:
    """Check the answer to one exercise part, e.g. ``check("10.1a", answer_10_1a)``.

    A True/False or multiple-choice part is marked on its first usable answer only (see the module docstring)."""
    from .answer_key import lookup  # the key is read on first use, not when the notebook imports this module

    try:
        spec, expected = lookup(part)
    except ValueError:
        if get_mode() == "raise":
            raise
        return _unknown_part(part)
    fb = judge(answer, spec, expected)
    if spec.type in PREDICTIONS and get_mode() == "report":
        fb = _marked_once(spec, answer, fb)
    return _finish(fb)


def _unknown_part(part: Any) -> Feedback:
    """A practice check names a part the installed key does not have: a notebook from another version of the
    workbook (the teacher updated the package, or the student kept last term's copy). A student must not meet a
    traceback for that, nor lose the answer: say what happened and what to do. The author's own mistakes still
    raise in autograder mode and in the solution notebooks' test runs (``WORKBOOK_FEEDBACK=raise``)."""
    from .answer_key import KEY_ENV, KEY_FILE, _index

    name = part if isinstance(part, str) else repr(part)
    message = (f"the installed workbook has no practice check for part {name}, so this answer was not checked "
               "here. This notebook probably comes from another version of the workbook; your answer stays in "
               "the notebook and your teacher's grading does not use this check. Ask your teacher for the "
               "current exercise notebook.")
    exercise = name.rstrip("abcdefghijklmnopqrstuvwxyz") if isinstance(part, str) else ""
    same = sorted(p for p in _index(os.environ.get(KEY_ENV) or str(KEY_FILE))
                  if exercise and p.rstrip("abcdefghijklmnopqrstuvwxyz") == exercise)
    if same:
        message += f" The installed key's parts of exercise {exercise}: {', '.join(same)}."
    return Feedback(name, "unknown part", message)


# ------------------------------------------------------------------------------- predictions, marked once
PREDICTIONS = ("bool", "choice")


@dataclass
class _Tries:
    """What ``check`` has marked for one True/False or multiple-choice part in this kernel."""

    first: Any  # the first usable answer: a bool, or an option as normalised by _norm
    first_right: bool
    first_feedback: Feedback
    tried: list = field(default_factory=list)  # every usable answer, first included, without repeats


_tries: dict[str, _Tries] = {}


def forget_tries() -> None:
    """Forget which predictions ``check`` has marked (what restarting the kernel does)."""
    _tries.clear()


def _usable_prediction(spec: Part, answer: Any, fb: Feedback) -> tuple[bool, Any]:
    """``(True, key)`` when ``answer`` is a try: True/False, or one of the options; else ``(False, None)``."""
    if fb.status not in ("right", "wrong"):
        return False, None
    try:
        if spec.type == "bool":
            return (True, bool(answer)) if _is_boolish(type(answer)) else (False, None)
        given = _norm(answer)
        return (True, given) if given in [_norm(o) for o in spec.options] else (False, None)
    except Exception:
        return False, None


def _shown(spec: Part, key: Any) -> str:
    if spec.type == "bool":
        return str(key)
    for option in spec.options:
        if _norm(option) == key:
            return f"'{option}'"
    return repr(key)  # pragma: no cover - key is always an option


def _marked_once(spec: Part, answer: Any, fb: Feedback) -> Feedback:
    usable, key = _usable_prediction(spec, answer, fb)
    if not usable:
        return fb  # not answered, wrong type, not an option: not a try
    record = _tries.get(spec.part)
    if record is None:
        if fb.status == "wrong":
            if spec.type == "bool":
                message = (f"not right — {key} is not the answer, so {not key} is. Before you change it, work "
                           "out why: a flipped answer is not marked here.")
            else:
                message = (f"not right — {_shown(spec, key)} is not the answer. This check marks a prediction "
                           "once: work out which option is right, and why, before you change it; a different "
                           "option is not marked here.")
            fb = Feedback(fb.name, "wrong", message, fb.hint)
        _tries[spec.part] = _Tries(key, fb.status == "right", fb, [key])
        return fb
    if key not in record.tried:
        record.tried.append(key)
    if record.first_right or key == record.first:
        return record.first_feedback if key == record.first else fb
    n = len(record.tried)
    if spec.type == "bool":
        message = (f"already marked — your first answer, {_shown(spec, record.first)}, was not right, so this one "
                   "is not marked: the flip only repeats what the ❌ told you. Make sure you can say why.")
    else:
        message = (f"already marked — your first answer, {_shown(spec, record.first)}, was not right; a "
                   f"prediction is marked once, so {_shown(spec, key)} is not marked here ({n} of "
                   f"{len(spec.options)} options tried). Whatever your notebook holds is marked when it is "
                   "checked.")
    return Feedback(fb.name, "already marked", message, fb.hint)
