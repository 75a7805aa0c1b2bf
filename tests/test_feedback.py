"""Feedback checks: one tested message per status, precision as the question states it, and no input ever
produces a traceback."""
from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from territorial_trap_workbook.exercises import answer_key
from territorial_trap_workbook.exercises import feedback as fbm
from territorial_trap_workbook.exercises.feedback import (
    STATUSES, Feedback, check, check_bool, check_choice, check_interval, check_number, check_sequence, judge,
    set_mode,
)
from territorial_trap_workbook.exercises.parts import Part
from territorial_trap_workbook.exercises.precision import Precision


@pytest.fixture(autouse=True)
def _report_mode(monkeypatch):
    monkeypatch.delenv(fbm.MODE_ENV, raising=False)
    monkeypatch.delenv(answer_key.KEY_ENV, raising=False)
    set_mode(None)
    fbm.forget_tries()
    yield
    set_mode(None)
    fbm.forget_tries()


def num(answer, expected=0.25):
    return check_number(answer, expected, name="1.2", hint="Subtract the lower end from the upper end.")


# ------------------------------------------------------------------------------------- messages
def test_right_message_is_exact():
    fb = num(0.25)
    assert fb.status == "right" and fb.ok
    assert repr(fb) == "✅ Exercise 1.2: right."
    assert str(fb) == repr(fb)


@pytest.mark.parametrize("missing", [None, ...])
def test_not_answered_message_is_exact(missing):
    fb = num(missing)
    assert fb.status == "not answered"
    assert repr(fb) == "⏳ Exercise 1.2: not answered yet — replace `None` with your answer."


def test_wrong_type_names_given_and_expected_types():
    fb = num("0.25")
    assert fb.status == "wrong type"
    assert "a string ('0.25')" in fb.message and "a number is expected" in fb.message
    assert "Hint" not in repr(fb)


@pytest.mark.parametrize("answer, words", [
    (True, "True/False"), (np.bool_(False), "True/False"), (1 + 2j, "complex"), (np.complex128(1j), "complex"),
    ([0.25], "list with 1 item"), ((0.2, 0.3), "tuple with 2 items"), ({"a": 1}, "dict"),
    (np.array([0.25, 0.5]), "array of shape (2,)"), (Decimal("0.25"), "Decimal"), (b"0.25", "bytes"),
])
def test_wrong_type_for_non_numbers(answer, words):
    fb = num(answer)
    assert fb.status == "wrong type", fb
    assert words in fb.message


@pytest.mark.parametrize("answer", [math.nan, math.inf, -math.inf, np.float64("nan"), np.float32("inf"), 10**400])
def test_not_finite(answer):
    fb = num(answer)
    assert fb.status == "not finite"
    assert repr(fb).startswith("⚠️ Exercise 1.2: not a usable number — ")


def test_wrong_value_carries_hint_and_direction():
    fb = num(0.3)
    assert fb.status == "wrong"
    assert repr(fb) == ("❌ Exercise 1.2: not right yet — your answer 0.3 is too high.\n"
                        "Hint: Subtract the lower end from the upper end.")
    assert "too low" in num(0.1).message


@pytest.mark.parametrize("answer", [0.25, np.float64(0.25), np.float32(0.25), Fraction(1, 4), np.array(0.25),
                                    0.2500001])
def test_number_like_answers_are_accepted(answer):
    assert num(answer).status == "right"


def test_integers_are_numbers():
    assert check_number(np.int64(3), 3, name="1.1").status == "right"
    assert check_number(3, 3.0, name="1.1").status == "right"


def test_unusable_names_the_failed_step():
    class BadFloat(float):
        def __float__(self):
            raise RuntimeError("no")

    fb = num(BadFloat(0.25))
    assert fb.status == "unusable"
    assert repr(fb) == ("⚠️ Exercise 1.2: unusable answer — converting your answer to a number failed "
                        "(RuntimeError). Assign a plain value.")


def test_markdown_repr():
    assert num(0.25)._repr_markdown_() == "✅ **Exercise 1.2:** right."
    assert "*Hint:* Subtract" in num(0.3)._repr_markdown_()


def test_feedback_rejects_unknown_status():
    with pytest.raises(ValueError):
        Feedback("1.1", "maybe", "x")


# ------------------------------------------------------------------------------------- other checks
def choice(answer):
    return check_choice(answer, "upper", name="1.3", options=["lower", "upper"], hint="Look at p + c_U.")


def test_choice_statuses():
    assert choice("  UPPER ").status == "right"
    assert choice("lower").status == "wrong" and "Hint: Look at p + c_U." in repr(choice("lower"))
    off = choice("middle")
    assert off.status == "wrong" and "is not one of the options 'lower', 'upper'" in off.message
    assert choice(None).status == "not answered" and "'lower', 'upper'" in choice(None).message
    assert choice("   ").status == "not answered"
    assert choice(1).status == "wrong type" and "in quotes" in choice(1).message


def test_bool_statuses():
    b = lambda a: check_bool(a, True, name="2.1", hint="h")  # noqa: E731
    assert b(True).status == "right" and b(np.bool_(True)).status == "right"
    assert b(False).status == "wrong"
    assert b(None).status == "not answered"
    for not_bool in ("yes", "True", 1, 1.0):
        assert b(not_bool).status == "wrong type", not_bool


def interval(answer, lo=0.5, hi=0.75):
    return check_interval(answer, lo, hi, name="1.4", hint="From p − c_R to p + c_U.")


def test_interval_statuses():
    assert interval((0.5, 0.75)).status == "right"
    assert interval([0.5, 0.75]).status == "right"
    assert interval(np.array([0.5, 0.75])).status == "right"
    assert interval((0.5, 0.8)).message == "not right yet — the upper end is off."
    assert interval((0.4, 0.8)).message == "not right yet — the lower and the upper ends are off."
    assert "above the upper end" in interval((0.8, 0.5)).message
    assert interval(()).status == "wrong"
    assert interval(None).status == "not answered"
    assert "has 3 items" in interval((1, 2, 3)).message
    assert interval(0.5).status == "wrong type"
    assert interval((0.5, "0.75")).status == "wrong type" and "the upper end is a string" in interval((0.5, "0.75")).message
    assert interval((math.nan, 0.75)).status == "not finite"


@pytest.mark.parametrize("empty", [(), [], "empty", "No deal", " none "])
def test_empty_interval(empty):
    assert interval(empty, None, None).status == "right"
    assert "should be empty" in interval((0.5, 0.75), None, None).message


def test_sequence_statuses():
    s = lambda a: check_sequence(a, [1, 2, 3], name="3.1", hint="h")  # noqa: E731
    assert s([1, 2, 3]).status == "right" and s(np.array([1.0, 2.0, 3.0])).status == "right"
    assert s([1, 2, 4]).message == "not right yet — item 2 is off (counting from 0)."
    assert "has 2 items; 3 are expected" in s([1, 2]).message
    assert s([1, "2", 3]).status == "wrong type"
    assert s([1, math.inf, 3]).status == "not finite"
    assert s("123").status == "wrong type"
    assert s(None).status == "not answered"


@pytest.mark.parametrize("call", [
    lambda: check_number(0.1, "0.25", name="1.1"),
    lambda: check_number(0.1, math.nan, name="1.1"),
    lambda: check_number(0.1, 0.2, name=""),
    lambda: check_choice("a", "c", name="1.1", options=["a", "b"]),
    lambda: check_choice("a", "a", name="1.1", options="ab"),
    lambda: check_interval((0, 1), 0.0, None, name="1.1"),
    lambda: check_interval((0, 1), 1.0, 0.0, name="1.1"),
    lambda: check_bool(True, 1, name="1.1"),
    lambda: check_number(0.1, 0.0, name="1.1", precision={"sig_figs": 3}),  # 0 has no significant figures
    lambda: check_number(0.1, 0.2, name="1.1", precision={"sig_figs": 3, "decimals": 2}),
])
def test_author_mistakes_raise_at_once(call):
    with pytest.raises(ValueError):
        call()


# ------------------------------------------------------------------------------------- modes and log
def test_raise_mode_by_function_and_env(monkeypatch):
    set_mode("raise")
    assert num(0.25).ok
    with pytest.raises(AssertionError, match="Exercise 1.2: not right yet"):
        num(0.3)
    with pytest.raises(AssertionError, match="not answered"):
        num(None)
    set_mode(None)
    assert num(0.3).status == "wrong"
    monkeypatch.setenv(fbm.MODE_ENV, "raise")
    with pytest.raises(AssertionError):
        num("x")
    with pytest.raises(ValueError):
        set_mode("loud")


def test_environment_raise_wins_over_set_mode_report(monkeypatch):
    """nbgrader's autograder sets WORKBOOK_FEEDBACK=raise; one `set_mode("report")` line in an answer cell must
    not turn its failing tests into passes."""
    monkeypatch.setenv(fbm.MODE_ENV, "raise")
    set_mode("report")
    with pytest.raises(AssertionError):
        num(0.3)


def test_raise_read_at_import_survives_unsetting_the_variable(monkeypatch):
    monkeypatch.setattr(fbm, "_RAISE_AT_IMPORT", True)
    monkeypatch.delenv(fbm.MODE_ENV, raising=False)
    set_mode("report")
    with pytest.raises(AssertionError):
        num(0.3)


# ------------------------------------------------------------------------------------- precision
def test_close_asks_for_the_precision_instead_of_too_high():
    """The issue's case: 0.94 for 0.9351, with the question asking for 3 significant figures."""
    fb = check_number(0.94, 0.9351, name="3.1", hint="h", precision={"sig_figs": 3})
    assert fb.status == "close" and not fb.ok
    assert repr(fb) == "🔸 Exercise 3.1: close — give your answer to 3 significant figures (yours is 0.94)."
    assert check_number(0.935, 0.9351, name="3.1", precision={"sig_figs": 3}).ok
    assert check_number(0.9351, 0.9351, name="3.1", precision={"sig_figs": 3}).ok
    assert check_number(0.8, 0.9351, name="3.1", precision={"sig_figs": 3}).message.endswith("too low.")


def test_close_for_interval_and_sequence_ends():
    fb = check_interval((0.47, 0.75), 0.4712, 0.7504, name="1.1", precision={"sig_figs": 3})
    assert fb.status == "close" and fb.message == "close — give both ends to 3 significant figures."
    fb = check_sequence([25.9, 5.88], [25.8824, 5.8824], name="4.1", precision={"decimals": 2})
    assert fb.status == "close" and "every item to 2 decimal places" in fb.message
    assert check_sequence([25.5, 5.88], [25.8824, 5.8824], name="4.1", precision={"decimals": 2}).status == "wrong"


def test_precision_of_a_reading_and_of_a_count():
    within = {"within": 0.03}
    assert check_number(0.55, 0.5714, name="5.4", precision=within).ok
    assert check_number(0.61, 0.5714, name="5.4", precision=within).message.endswith("too high.")
    whole = {"whole": True}
    assert check_number(7, 7, name="7.1", precision=whole).ok and check_number(7.0, 7, name="7.1", precision=whole).ok
    assert check_number(6, 7, name="7.1", precision=whole).status == "wrong"


# ------------------------------------------------------------------------------------- check by part
def _key_file(tmp_path, parts):
    path = tmp_path / "key.json"
    path.write_text(json.dumps({"format": 1, "notebooks": {"x.ipynb": {"inputs": "", "parts": parts}}}))
    return path


def test_check_takes_type_hint_precision_and_expected_value_from_the_key(monkeypatch, tmp_path):
    spec = {"part": "97.1a", "answer": "answer_97_1a", "type": "number", "precision": {"sig_figs": 3},
            "hint": "Divide.", "points": 1, "expected": 0.40476}
    monkeypatch.setenv(answer_key.KEY_ENV, str(_key_file(tmp_path, [spec])))
    assert check("97.1a", 0.405).ok
    assert check("97.1a", 0.4).status == "close"
    assert repr(check("97.1a", 0.5)) == "❌ Exercise 97.1a: not right yet — your answer 0.5 is too high.\nHint: Divide."
    assert check("97.1a", None).status == "not answered"


def test_a_part_the_installed_key_lacks_gets_a_message_not_a_traceback(monkeypatch, tmp_path):
    """A student's notebook from another version of the workbook names a part the installed key does not have
    (chapter 1's 1.2 became 1.2a-c): the practice check answers with what happened and what to do, keeps the
    answer, and still raises in autograder mode, where the author's mistakes must surface."""
    spec = {"part": "97.1a", "answer": "answer_97_1a", "type": "number", "precision": {"sig_figs": 3},
            "hint": "Divide.", "points": 1, "expected": 0.40476}
    monkeypatch.setenv(answer_key.KEY_ENV, str(_key_file(tmp_path, [spec])))
    for part in ("97.9", "1.2", "", None, 97.1):
        fb = check(part, 0.4)
        assert fb.status == "unknown part" and not fb.ok, part
        assert "not checked here" in fb.text and "another version of the workbook" in fb.text
        assert "Traceback" not in fb.text and fb.text.startswith("⚠️ Exercise ")
    assert check("97.1", 0.4).text.endswith("The installed key's parts of exercise 97.1: 97.1a.")
    monkeypatch.setenv(fbm.MODE_ENV, "raise")
    with pytest.raises(ValueError, match="unknown exercise part '97.9'"):
        check("97.9", 0.4)


# ------------------------------------------------------------------- predictions are marked once (issue 12)
PREDICTION_PARTS = [
    {"part": "97.2a", "answer": "answer_97_2a", "type": "bool", "hint": "Compare the two indices.", "points": 1,
     "expected": True},
    {"part": "97.2b", "answer": "answer_97_2b", "type": "choice", "options": ["rises", "falls", "stays"],
     "hint": "Watch the numerator.", "points": 1, "expected": "stays"},
    {"part": "97.2c", "answer": "answer_97_2c", "type": "number", "precision": {"sig_figs": 3}, "hint": "Divide.",
     "points": 1, "expected": 0.40476},
]


@pytest.fixture
def prediction_key(monkeypatch, tmp_path):
    monkeypatch.setenv(answer_key.KEY_ENV, str(_key_file(tmp_path, PREDICTION_PARTS)))


def test_a_true_false_part_cannot_be_passed_by_flipping(prediction_key):
    first = check("97.2a", False)
    assert first.status == "wrong"
    assert "False is not the answer, so True is" in first.message  # the ❌ says what it reveals, not silently
    assert "a flipped answer is not marked here" in first.message and "Hint: Compare" in repr(first)
    flipped = check("97.2a", True)
    assert not flipped.ok and flipped.status == "already marked" and "right" not in flipped.message.replace(
        "not right", "")
    assert "your first answer, False, was not right" in flipped.message and "Hint: Compare" in repr(flipped)
    assert check("97.2a", np.bool_(True)).status == "already marked"
    assert repr(check("97.2a", False)) == repr(first)  # the first answer again: the same words
    assert flipped.status in STATUSES and len(repr(flipped)) < 400


def test_a_choice_cannot_be_found_by_trying_the_options(prediction_key):
    first = check("97.2b", "rises")
    assert first.status == "wrong" and "'rises' is not the answer" in first.message
    falls, stays = check("97.2b", "falls"), check("97.2b", " STAYS ")
    assert falls.status == stays.status == "already marked"  # the right option looks like any other
    assert falls.message.replace("'falls'", "X").replace("2 of", "n of") == \
        stays.message.replace("'stays'", "X").replace("3 of", "n of")
    assert "(3 of 3 options tried)" in stays.message
    assert check("97.2b", "rises").status == "wrong"


def test_what_is_not_a_try_does_not_use_up_the_first_answer(prediction_key):
    assert check("97.2a", None).status == "not answered"
    assert check("97.2a", "True").status == "wrong type"
    assert check("97.2a", 1).status == "wrong type"
    assert check("97.2a", True).ok  # still marked: nothing before was a try
    assert check("97.2b", "up").status == "wrong" and "not one of the options" in check("97.2b", "up").message
    assert check("97.2b", 3).status == "wrong type"
    assert check("97.2b", "stays").ok


def test_after_a_right_prediction_every_answer_is_marked(prediction_key):
    assert check("97.2a", True).ok
    assert check("97.2a", False).status == "wrong"
    assert check("97.2a", True).ok
    assert check("97.2b", "stays").ok and check("97.2b", "falls").status == "wrong" and check("97.2b", "stays").ok


def test_each_part_has_its_own_memory_and_numbers_are_retried_freely(prediction_key):
    assert check("97.2a", False).status == "wrong"
    assert check("97.2b", "stays").ok  # a wrong 97.2a does not touch 97.2b
    assert check("97.2c", 0.5).status == "wrong" and check("97.2c", 0.405).ok  # a number is not guessed
    fbm.forget_tries()  # what restarting the kernel does
    assert check("97.2a", True).ok


def test_autograder_mode_keeps_no_memory(prediction_key, monkeypatch):
    assert check("97.2a", False).status == "wrong"
    monkeypatch.setenv(fbm.MODE_ENV, "raise")
    assert check("97.2a", True).ok  # nbgrader runs each check once, in a fresh kernel: marked as before
    with pytest.raises(AssertionError, match="not right yet — False is not the answer"):
        check("97.2a", False)


def test_grading_judges_the_answer_handed_in_whatever_the_checks_said(prediction_key):
    """``workbook check`` judges with ``judge`` in the grader process: no memory of the practice checks."""
    from territorial_trap_workbook.exercises.grading import NotebookReport, SolutionKey, judge_run

    assert check("97.2a", False).status == "wrong" and check("97.2a", True).status == "already marked"
    assert check("97.2b", "rises").status == "wrong" and check("97.2b", "stays").status == "already marked"
    for spec in PREDICTION_PARTS[:2]:
        part = Part.from_spec({k: v for k, v in spec.items() if k != "expected"})
        assert judge(spec["expected"], part, spec["expected"]).ok
    parts = {s["part"]: (Part.from_spec({k: v for k, v in s.items() if k != "expected"}), s["expected"])
             for s in PREDICTION_PARTS}
    nonce = "WORKBOOK-ANSWERS-" + "1" * 32 + ":"
    line = nonce + json.dumps({"answer_97_2a": {"value": True}, "answer_97_2b": {"value": "stays"},
                               "answer_97_2c": {"value": 0.405}})
    report = NotebookReport(path=__import__("pathlib").Path("x.ipynb"), student="s")
    judge_run(report, SolutionKey("x.ipynb", parts, []),
              {"run": "ok", "detail": "", "cell_errors": [], "timed_out": False, "extraction": line}, nonce)
    assert {pid: r.status for pid, r in report.items.items()} == {"97.2a": "right", "97.2b": "right",
                                                                  "97.2c": "right"}
    assert report.points == 3


def test_installed_key_covers_a_real_part():
    part, expected = answer_key.lookup("10.1a")
    assert part.answer == "answer_10_1a" and part.type == "number"
    assert check("10.1a", expected).ok
    assert check("10.1a", "0.4").status == "wrong type"


# ------------------------------------------------------------------------------------- hostile inputs
class Hostile:
    """Every dunder a check might touch raises."""

    def _boom(self, *a, **k):
        raise RuntimeError("hostile")

    __eq__ = __ne__ = __lt__ = __gt__ = __float__ = __int__ = __index__ = __complex__ = _boom
    __repr__ = __str__ = __format__ = __bool__ = __len__ = __iter__ = __getitem__ = __hash__ = _boom


class HostileClass:
    @property
    def __class__(self):
        raise RuntimeError("no class")


class HostileReal(float):
    def __float__(self):
        raise ZeroDivisionError

    def __repr__(self):
        raise RuntimeError


class HostileList(list):
    def __len__(self):
        raise RuntimeError

    def __getitem__(self, i):
        raise RuntimeError


class HostileStr(str):
    def casefold(self):
        raise RuntimeError

    def split(self, *a):
        raise RuntimeError

    def __str__(self):
        raise RuntimeError


class DeepRecursion:
    def __float__(self):
        return self.__float__()


def _recursive_list():
    lst: list = []
    lst.append(lst)
    return lst


HOSTILES = [Hostile(), HostileClass(), HostileReal(0.25), HostileList([1, 2]), HostileStr("upper"), DeepRecursion(),
            _recursive_list(), [_recursive_list(), _recursive_list()], np.zeros(2_000_000), np.zeros((2, 2)),
            np.array(["a", "b"]), np.array(0.25, dtype=object), np.float64("nan"), np.int8(3), np.bool_(True),
            np.complex64(1), 10**400, -(10**400), Decimal("NaN"), Fraction(1, 3), object(), type, print, ..., None,
            float("nan"), frozenset({1}), range(2), b"\xff", bytearray(2), memoryview(b"ab")]

answers = st.recursive(
    st.one_of(st.integers(0, len(HOSTILES) - 1).map(lambda i: HOSTILES[i]), st.none(), st.booleans(), st.integers(), st.floats(),
              st.complex_numbers(), st.text(max_size=50), st.binary(max_size=10), st.fractions(),
              st.decimals(allow_nan=True)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.tuples(children, children),
                               st.lists(children, max_size=3).map(tuple)),
    max_leaves=6,
)

PARTS = {kind: Part(f"1.{i}", f"answer_1_{i}", kind, "h", 1, None if kind in ("bool", "choice") else prec,
                    ("lower", "upper") if kind == "choice" else ())
         for i, (kind, prec) in enumerate([("number", Precision("decimals", 2)), ("bool", None), ("choice", None),
                                           ("interval", Precision("within", 0.01)),
                                           ("sequence", Precision("whole", 1))])}

CHECKS = [
    lambda a: check_number(a, 0.25, name="1.1", hint="h"),
    lambda a: judge(a, PARTS["number"], 0.25),
    lambda a: judge(a, PARTS["bool"], True),
    lambda a: judge(a, PARTS["choice"], "lower"),
    lambda a: judge(a, PARTS["interval"], [0.5, 0.75]),
    lambda a: judge(a, PARTS["interval"], []),
    lambda a: judge(a, PARTS["sequence"], [1, 2]),
    lambda a: check_choice(a, "upper", name="1.2", options=["lower", "upper"], hint="h"),
    lambda a: check_bool(a, False, name="1.3", hint="h"),
    lambda a: check_interval(a, 0.5, 0.75, name="1.4", hint="h"),
    lambda a: check_interval(a, None, None, name="1.5", hint="h"),
    lambda a: check_sequence(a, [0.25, 0.5], name="1.6", hint="h"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, which=st.integers(0, len(CHECKS) - 1))
def test_no_check_ever_raises_on_any_answer(answer, which):
    fb = CHECKS[which](answer)
    assert isinstance(fb, Feedback)
    assert fb.status in STATUSES
    text = repr(fb)
    assert text == repr(fb) == str(fb)  # deterministic
    assert len(text) < 400 and "0x" not in text  # short, and no memory addresses
    assert isinstance(fb._repr_markdown_(), str)


@pytest.mark.parametrize("index", range(len(HOSTILES)), ids=[f"{i}-{type(h).__name__}" for i, h in enumerate(HOSTILES)])
@pytest.mark.parametrize("which", range(len(CHECKS)))
def test_each_hostile_answer_gets_a_status(index, which):
    fb = CHECKS[which](HOSTILES[index])
    assert fb.status in STATUSES


def test_hostile_answers_get_specific_statuses():
    assert num(Hostile()).status == "wrong type"
    assert num(HostileReal(0.25)).status == "unusable"
    assert num(DeepRecursion()).status == "wrong type"
    assert interval(HostileList([1, 2])).status == "unusable"
    assert "reading your pair failed (RuntimeError)" in interval(HostileList([1, 2])).message
    assert choice(HostileStr("upper")).status == "right"  # the str's own methods are never called
    assert num(np.zeros(2_000_000)).status == "wrong type"
    assert interval(_recursive_list()).status == "wrong type"
