"""Feedback checks for exercise notebooks: any answer gets a short message and a hint, never a traceback.

A notebook cell ends with a check call, and the cell shows one line of feedback::

    from territorial_trap_workbook.exercises.feedback import check_number
    check_number(answer_1_1, expected=deal.upper - deal.lower, name="1.1",
                 hint="The range runs from p − c_R to p + c_U.")

shows ``✅ Exercise 1.1: right.`` or ``⏳ Exercise 1.1: not answered yet — replace `None` with your answer.``

Statuses (``Feedback.status``):

* ``"not answered"`` — the answer is ``None`` or ``...`` (the stub the exercise notebook starts with);
* ``"wrong type"`` — e.g. a string or a list where a number is expected (the message names both types);
* ``"not finite"`` — NaN or ±infinity (or an integer too large to be a float);
* ``"wrong"`` — a usable answer with the wrong value; the message carries the hint;
* ``"right"``;
* ``"unusable"`` — the answer misbehaves when read (its ``__float__``, ``__len__``, … raise); the message
  names the step that failed.

The text is deterministic (no ids, addresses or times), so notebooks with committed outputs compare
strictly under nbval. Mistakes of the *author* (an expected value that is not a finite number, an expected
choice that is not among the options) raise ``ValueError`` at once: the solution notebook's test run catches
them before a student sees the notebook.

Two switches, both read at each call:

* autograder mode — ``WORKBOOK_FEEDBACK=raise`` in the environment, or ``set_mode("raise")``: a result that
  is not right raises ``AssertionError`` with the message (nbgrader then marks the test cell as failed);
* result log — ``WORKBOOK_FEEDBACK_LOG=/path/file.jsonl``: every check appends one JSON line
  ``{"exercise", "status", "message", "hint", "check"}``. ``workbook check`` (see ``grading``) reads it, so
  results are collected even when a check is not the last line of its cell or the kernel dies later on.
"""
from __future__ import annotations

import json
import math
import numbers
import os
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = [
    "STATUSES",
    "Feedback",
    "check_number",
    "check_choice",
    "check_bool",
    "check_interval",
    "check_sequence",
    "set_mode",
    "get_mode",
    "MODE_ENV",
    "LOG_ENV",
]

STATUSES = ("not answered", "wrong type", "not finite", "wrong", "right", "unusable")
MODE_ENV = "WORKBOOK_FEEDBACK"
LOG_ENV = "WORKBOOK_FEEDBACK_LOG"
MODES = ("report", "raise")

_ICONS = {
    "not answered": "⏳",
    "wrong type": "⚠️",
    "not finite": "⚠️",
    "wrong": "❌",
    "right": "✅",
    "unusable": "⚠️",
}

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
        if self.status == "wrong" and self.hint:
            line += f"\nHint: {self.hint}"
        return line

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def _repr_markdown_(self) -> str:
        line = f"{_ICONS[self.status]} **Exercise {self.name}:** {self.message}"
        if self.status == "wrong" and self.hint:
            line += f"  \n*Hint:* {self.hint}"
        return line

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


# --------------------------------------------------------------------------------------------- modes
def set_mode(mode: str | None) -> None:
    """``"report"`` (show feedback), ``"raise"`` (raise AssertionError unless right) or ``None`` (use env)."""
    global _mode
    if mode is not None and mode not in MODES:
        raise ValueError(f"mode must be one of {MODES} or None, not {mode!r}")
    _mode = mode


def get_mode() -> str:
    if _mode is not None:
        return _mode
    return "raise" if os.environ.get(MODE_ENV, "").strip().lower() == "raise" else "report"


def _finish(fb: Feedback, check: str) -> Feedback:
    path = os.environ.get(LOG_ENV)
    if path:
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({**fb.to_dict(), "exercise": fb.name, "check": check}, sort_keys=True) + "\n")
        except OSError:
            pass  # the log is a convenience for the grader; the student still sees the feedback
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


def _close(x: float, e: float, rel_tol: float, abs_tol: float) -> bool:
    return math.isclose(x, e, rel_tol=rel_tol, abs_tol=abs_tol)


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string like '1.2', not {name!r}")
    return name.strip()


_NOT_ANSWERED = "not answered yet — replace `None` with your answer."


# ---------------------------------------------------------------------------------------------- checks
def check_number(answer: Any, expected: float, *, name: str, hint: str = "",
                 rel_tol: float = 1e-3, abs_tol: float = 1e-6) -> Feedback:
    """Check a single real number (``bool`` is not a number here)."""
    name = _check_name(name)
    e = _author_number(expected, "expected")
    return _finish(_number_feedback(answer, e, name, hint, rel_tol, abs_tol), "number")


def _number_feedback(answer: Any, e: float, name: str, hint: str, rel_tol: float, abs_tol: float) -> Feedback:
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
    if _close(x, e, rel_tol, abs_tol):
        return Feedback(name, "right", "right.", hint)
    direction = "too high" if x > e else "too low"
    return Feedback(name, "wrong", f"not right yet — your answer {_fmt(x)} is {direction}.", hint)


def _norm(text: str) -> str:
    return " ".join(str.split(str.casefold(text)))


def check_choice(answer: Any, expected: str, *, name: str, options: Sequence[str], hint: str = "") -> Feedback:
    """Check a choice among ``options`` (a string; case and spacing do not matter)."""
    name = _check_name(name)
    if isinstance(options, str) or not options or not all(isinstance(o, str) for o in options):
        raise ValueError("options must be a non-empty list of strings")
    normed = [_norm(o) for o in options]
    if not isinstance(expected, str) or _norm(expected) not in normed:
        raise ValueError(f"expected {expected!r} is not among the options {list(options)}")
    listing = ", ".join(f"'{o}'" for o in options)
    fb: Feedback
    if _is_missing(answer):
        fb = Feedback(name, "not answered",
                      f"not answered yet — replace `None` with one of {listing}.", hint)
    else:
        try:
            is_str = issubclass(type(answer), str)
        except Exception as exc:
            is_str = None
            fb = _unusable(name, _Unusable("finding out what kind of value it is", exc), hint)
        if is_str is False:
            fb = Feedback(name, "wrong type",
                          f"wrong type — your answer is {_describe(answer)}; one of {listing} "
                          "(in quotes) is expected.", hint)
        elif is_str:
            try:
                given = _norm(answer)
            except Exception as exc:
                given = None
                fb = _unusable(name, _Unusable("reading your text", exc), hint)
            if given is not None:
                if given == "":
                    fb = Feedback(name, "not answered",
                                  f"not answered yet — write one of {listing}.", hint)
                elif given not in normed:
                    fb = Feedback(name, "wrong",
                                  f"not right yet — {_describe(answer)} is not one of the options {listing}.",
                                  hint)
                elif given == _norm(expected):
                    fb = Feedback(name, "right", "right.", hint)
                else:
                    fb = Feedback(name, "wrong", "not right yet.", hint)
    return _finish(fb, "choice")


def check_bool(answer: Any, expected: bool, *, name: str, hint: str = "") -> Feedback:
    """Check a True/False answer (``True``/``False`` or a numpy bool; not 0/1, not "yes")."""
    name = _check_name(name)
    if not isinstance(expected, (bool, np.bool_)):
        raise ValueError(f"expected must be True or False, not {expected!r}")
    if _is_missing(answer):
        fb = Feedback(name, "not answered", "not answered yet — replace `None` with True or False.", hint)
    else:
        try:
            t = type(answer)
            value = bool(answer) if _is_boolish(t) else None
        except Exception as exc:  # pragma: no cover - bool of a bool cannot fail
            return _finish(_unusable(name, _Unusable("reading your answer", exc), hint), "bool")
        if value is None:
            fb = Feedback(name, "wrong type",
                          f"wrong type — your answer is {_describe(answer)}; True or False "
                          "(no quotes) is expected.", hint)
        elif value == bool(expected):
            fb = Feedback(name, "right", "right.", hint)
        else:
            fb = Feedback(name, "wrong", f"not right yet — {value} is not the answer.", hint)
    return _finish(fb, "bool")


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


def check_interval(answer: Any, expected_lo: float | None, expected_hi: float | None, *, name: str,
                   hint: str = "", rel_tol: float = 1e-3, abs_tol: float = 1e-6) -> Feedback:
    """Check an interval given as a pair ``(lo, hi)``.

    An empty interval ("no deal") is answered with ``()`` or the string ``"empty"`` / ``"no deal"``;
    ``None`` still means "not answered". Pass ``expected_lo = expected_hi = None`` when the right answer
    is the empty interval.
    """
    name = _check_name(name)
    if (expected_lo is None) != (expected_hi is None):
        raise ValueError("expected_lo and expected_hi must both be numbers or both be None (empty)")
    expect_empty = expected_lo is None
    if not expect_empty:
        elo = _author_number(expected_lo, "expected_lo")
        ehi = _author_number(expected_hi, "expected_hi")
        if elo > ehi:
            raise ValueError(f"expected_lo {elo} is above expected_hi {ehi}")
    return _finish(_interval_feedback(answer, None if expect_empty else (elo, ehi), name, hint,
                                      rel_tol, abs_tol), "interval")


def _interval_feedback(answer, expected, name, hint, rel_tol, abs_tol) -> Feedback:
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
    elo, ehi = expected
    bad = [label for label, x, e in (("lower", lo, elo), ("upper", hi, ehi)) if not _close(x, e, rel_tol, abs_tol)]
    if not bad:
        return Feedback(name, "right", "right.", hint)
    return Feedback(name, "wrong", f"not right yet — the {' and the '.join(bad)} end{'s are' if len(bad) == 2 else ' is'} off.",
                    hint)


def check_sequence(answer: Any, expected: Iterable[float], *, name: str, hint: str = "",
                   rel_tol: float = 1e-3, abs_tol: float = 1e-6) -> Feedback:
    """Check a list (or tuple / 1-d array) of numbers, item by item."""
    name = _check_name(name)
    exp = [_author_number(e, f"expected[{i}]") for i, e in enumerate(expected)]
    return _finish(_sequence_feedback(answer, exp, name, hint, rel_tol, abs_tol), "sequence")


def _sequence_feedback(answer, exp, name, hint, rel_tol, abs_tol) -> Feedback:
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
    wrong: list[int] = []
    for i in range(n):
        try:
            item = answer[i]
        except Exception as exc:
            return _unusable(name, _Unusable(f"reading item {i}", exc), hint)
        try:
            x = _to_float(item, f"item {i}")
        except _WrongType as w:
            return Feedback(name, "wrong type", f"wrong type — {w}.", hint)
        except _NotFinite as nf:
            return Feedback(name, "not finite", f"not a usable number — {nf}.", hint)
        except _Unusable as u:
            return _unusable(name, u, hint)
        if not _close(x, exp[i], rel_tol, abs_tol):
            wrong.append(i)
    if not wrong:
        return Feedback(name, "right", "right.", hint)
    shown = ", ".join(str(i) for i in wrong[:5]) + (", ..." if len(wrong) > 5 else "")
    return Feedback(name, "wrong", f"not right yet — item{'s' if len(wrong) > 1 else ''} {shown} "
                                   f"{'are' if len(wrong) > 1 else 'is'} off (counting from 0).", hint)
