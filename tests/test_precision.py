"""Precision: what a question asks for, stated in words, and which answers meet it."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territorial_trap_workbook.exercises.precision import CLOSE, HIGH, LOW, RIGHT, Precision, PrecisionError

SIG3 = Precision("sig_figs", 3)


@pytest.mark.parametrize("spec, phrase", [
    ({"sig_figs": 3}, "to 3 significant figures"), ({"sig_figs": 1}, "to 1 significant figure"),
    ({"decimals": 2}, "to 2 decimal places"), ({"decimals": 1}, "to 1 decimal place"),
    ({"within": 0.03}, "to within 0.03"), ({"within": 1}, "to within 1"), ({"whole": True}, "as a whole number"),
])
def test_phrases_and_round_trip(spec, phrase):
    prec = Precision.from_spec(spec)
    assert prec.phrase == phrase
    assert Precision.from_spec(prec.to_spec()) == prec


@pytest.mark.parametrize("spec", [
    None, 3, {}, {"sig_figs": 0}, {"sig_figs": 2.5}, {"sig_figs": True}, {"decimals": -1}, {"within": 0},
    {"within": float("nan")}, {"within": "0.1"}, {"whole": 1}, {"sig_figs": 3, "decimals": 2}, {"digits": 3},
])
def test_malformed_precision_is_refused(spec):
    with pytest.raises(PrecisionError):
        Precision.from_spec(spec)


@pytest.mark.parametrize("x, verdict", [
    (0.935, RIGHT), (0.9351, RIGHT), (0.93549, RIGHT),  # correctly rounded, or more precise
    (0.94, CLOSE),  # rounded to 2 significant figures
    (0.936, RIGHT), (0.934, LOW),  # 0.9358 -> 0.936; 0.934 is neither a rounding nor a cut
    (0.93, CLOSE),  # cut to 2 significant figures
    (0.92, LOW), (0.9, LOW), (1.0, HIGH), (0.3, LOW),
])
def test_three_significant_figures(x, verdict):
    e = 0.9351 if x not in (0.936, 0.934) else 0.9358
    assert SIG3.verdict(x, e) == verdict


def test_cut_instead_of_rounded_is_close():
    assert SIG3.verdict(0.935, 0.9358) == CLOSE


def test_decimals_and_negative_values():
    two = Precision("decimals", 2)
    assert two.verdict(-0.12, -0.1211) == RIGHT
    assert two.verdict(-0.1, -0.1211) == CLOSE
    assert two.verdict(-0.2, -0.1211) == LOW


def test_zero_has_no_significant_figures():
    with pytest.raises(PrecisionError, match="decimal places"):
        SIG3.verdict(0.0, 0.0)


@given(e=st.floats(1e-6, 1e6) | st.floats(-1e6, -1e-6), n=st.integers(1, 6))
def test_the_correctly_rounded_answer_is_always_right(e, n):
    prec = Precision("sig_figs", n)
    rounded = float(f"{e:.{n}g}")
    assert prec.verdict(rounded, e) == RIGHT
    assert prec.verdict(e, e) == RIGHT


@given(x=st.floats(allow_nan=False, allow_infinity=False), e=st.floats(-1e9, 1e9).filter(lambda v: abs(v) > 1e-9))
def test_any_finite_answer_gets_a_verdict(x, e):
    assert SIG3.verdict(x, e) in (RIGHT, CLOSE, HIGH, LOW)
