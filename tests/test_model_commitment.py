"""Chapter 5 model: the commitment problem under shifting power (Powell 2006), two-period teaching form."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territorial_trap_workbook.models import commitment
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = commitment.PARAMS


def test_catalogue_check_war_case():
    """Powell (2006), two-period form: p1=.7, p2=.1, δ=.9, c_D=.05 → index 0.65 + 0.54 = 1.19 > 1, war."""
    r = commitment.war_condition(0.7, 0.1, 0.9, 0.05)
    assert r.war_index == pytest.approx(1.19)
    assert r.war


def test_catalogue_check_peace_case():
    """Powell (2006), two-period form: p1=.5, p2=.1, δ=.9, c_D=.05 → index 0.45 + 0.36 = 0.81, no war."""
    r = commitment.war_condition(0.5, 0.1, 0.9, 0.05)
    assert r.war_index == pytest.approx(0.81)
    assert not r.war
    assert r.offer_needed == pytest.approx(0.81)


def test_war_index_is_the_offer_the_declining_side_needs():
    """Derivation in the module docstring: x1* = (1+δ)p1 − c_D − δ p2 equals p1 − c_D + δ(p1 − p2)."""
    r = commitment.war_condition(0.6, 0.3, 0.8, 0.1)
    assert r.war_value == pytest.approx(1.8 * 0.6 - 0.1)
    assert r.offer_needed == pytest.approx(r.war_value - 0.8 * 0.3) == pytest.approx(r.war_index)


def test_tiny_discount_factor_gives_no_threshold_not_infinity():
    """Corner: δ → 0 would make (1 − p1 + c_D)/δ explode; the model reports None instead of inf."""
    r = commitment.war_condition(0.0, 0.0, 1e-300, 0.0)
    assert r.critical_shift is None and r.p2_threshold is None and not r.war


def test_critical_shift_closed_form():
    """Powell (2006), two-period form: war iff p1 − p2 > (1 − p1 + c_D)/δ; at p1=.7, δ=.9, c_D=.05, s* = 0.35/0.9."""
    r = commitment.war_condition(0.7, 0.1, 0.9, 0.05)
    assert r.critical_shift == pytest.approx(0.35 / 0.9)
    assert r.p2_threshold == pytest.approx(0.7 - 0.35 / 0.9)


def test_no_discounting_of_the_future_means_no_commitment_problem():
    """δ = 0 (corner, solved): the future is worthless, the index is p1 − c_D ≤ 1, no threshold reported."""
    r = commitment.war_condition(1.0, 0.0, 0.0, 0.0)
    assert not r.war and r.critical_shift is None and r.p2_threshold is None


def test_keyword_solve_uses_defaults():
    """Two-period commitment model (Powell 2006): the keyword form solves the declared defaults."""
    d = SPACE.defaults()
    assert commitment.solve() == commitment.war_condition(d["p1"], d["p2"], d["delta"], d["c_D"])


@given(params_of(SPACE))
def test_war_iff_index_above_one_and_iff_p2_below_threshold(v):
    """The three statements of the war condition in the docstring agree everywhere in the declared ranges."""
    r = commitment.war_condition(**v)
    d_fights = r.war_by == "declining"
    assert d_fights == (r.war_index > 1.0)
    assert d_fights == (r.offer_needed > 1.0)
    if r.p2_threshold is not None and abs(v["p2"] - r.p2_threshold) > 1e-9:
        assert d_fights == (v["p2"] < r.p2_threshold)
    if r.critical_shift is not None and abs(r.shift - r.critical_shift) > 1e-9:
        assert d_fights == (r.shift > r.critical_shift)
    assert r.war == (r.war_index > 1.0 or r.war_index_other > 1.0)


@given(params_of(SPACE))
def test_results_are_finite_and_in_range(v):
    """Two-period commitment model (Powell 2006): every declared input gives finite, in-range results, including δ = 0 and tiny δ (no inf threshold)."""
    r = commitment.war_condition(**v)
    for value in (r.war_index, r.war_value, r.offer_needed, r.shift):
        assert math.isfinite(value)
    assert -1.0 <= r.shift <= 1.0
    assert 0.0 <= r.offer_needed <= 2.0
    assert -1.5 <= r.war_index <= 2.0
    if r.critical_shift is not None:
        assert 0.0 <= r.critical_shift <= 1.0
        assert -1.0 <= r.p2_threshold <= 1.0
    else:
        assert r.p2_threshold is None and r.war_by != "declining"


@given(params_of(SPACE), st.floats(0, 1))
def test_a_larger_shift_never_makes_war_less_likely(v, cut):
    """Powell (2006): larger shifts in power raise the war index (lower p2 → higher index)."""
    lower_p2 = v["p2"] * cut
    a = commitment.war_condition(**v)
    b = commitment.war_condition(**{**v, "p2": lower_p2})
    assert b.war_index >= a.war_index - 1e-12
    assert b.war_by == "declining" or a.war_by != "declining"


@given(params_of(SPACE), st.floats(0, 1))
def test_higher_costs_of_war_never_make_war_more_likely(v, extra):
    """Two-period commitment model (Powell 2006; Fearon 1995): a costlier war lowers the war index."""
    c = min(SPACE["c_D"].hi, v["c_D"] + extra)
    assert commitment.war_condition(**{**v, "c_D": c}).war_index <= commitment.war_condition(**v).war_index + 1e-12


@given(params_of(SPACE))
def test_without_a_shift_there_is_no_war(v):
    """No shift (p2 = p1): both indices are at most 1 — the commitment problem needs a shift."""
    r = commitment.war_condition(**{**v, "p2": v["p1"]})
    assert not r.war


@given(params_of(SPACE))
def test_the_side_that_gains_never_fights_and_both_never_do(v):
    """Two-sided model: with p2 ≥ p1 the first side gains and never fights; with p2 ≤ p1 the other side never
    does; the two war conditions never hold together (their sum is 1 − c_D − c_R ≤ 1 < 2)."""
    r = commitment.war_condition(**v)
    if v["p2"] >= v["p1"]:
        assert r.war_by != "declining" and r.war_index <= 1.0
    if v["p2"] <= v["p1"]:
        assert r.war_by != "other" and r.war_index_other <= 1.0
    assert not (r.war_index > 1.0 and r.war_index_other > 1.0)
    assert r.offer_ceiling - (r.war_value - r.delta * r.p2) == pytest.approx(r.c_D + r.c_R)


def test_a_rising_first_side_provokes_the_other_sides_preventive_war():
    """Issue 11: with p2 > p1 the one-sided module said 'Peace is possible' where the other side, now the
    declining one, fights preventively. p1 = 0.3, p2 = 0.9, δ = 0.9, c_R = 0.1: its index is
    0.7 − 0.1 + 0.9·0.6 = 1.14 > 1."""
    r = commitment.war_condition(0.3, 0.9, 0.9, 0.1, c_R=0.1)
    assert r.war_index_other == pytest.approx(1.14)
    assert r.war and r.war_by == "other" and "Peace" not in r.verdict


def test_stationary_version_gives_war_for_a_side_that_is_weak_today():
    """Issue 14: in the stationary (infinite-horizon) version, p1 = 0.15, p2 = 0, δ = 0.9, c_D = 0.1 gives
    0.15/0.1 − 0.1 = 1.4 > 1 (war), while the two-period index is 0.185."""
    r = commitment.war_condition(0.15, 0.0, 0.9, 0.1)
    assert r.stationary_index == pytest.approx(1.4)
    assert r.stationary_war and not r.war
    assert r.war_index == pytest.approx(0.185)
    assert commitment.stationary_index(0.15, 0.0, 0.9, 0.1) == pytest.approx(1.4)
    assert commitment.stationary_index(0.15, 0.0, 1.0, 0.1) is None


@given(params_of(SPACE))
def test_stationary_critical_shift_is_one_minus_delta_times_the_two_period_one(v):
    """Stationary version: D fights iff p1 − p2 > (1 − δ)(1 − p1 + c_D)/δ, i.e. (1 − δ)·s*."""
    r = commitment.war_condition(**v)
    if r.stationary_index is None or v["delta"] == 0.0:
        return
    crit = (1 - v["delta"]) * (1 - v["p1"] + v["c_D"]) / v["delta"]
    if abs(r.shift - crit) > 1e-9:
        assert (r.stationary_index > 1.0) == (r.shift > crit)


@pytest.mark.parametrize("name", SPACE.names)
@given(data=st.data())
def test_every_bad_input_raises_parameter_error(name, data):
    """Two-period commitment model (Powell 2006): out-of-range, non-finite or wrongly typed inputs raise ParameterError naming the parameter."""
    bad = data.draw(bad_value_of(SPACE[name]))
    args = {**SPACE.defaults(), name: bad}
    with pytest.raises(ParameterError) as err:
        commitment.war_condition(**args)
    assert name in str(err.value)
    with pytest.raises(ParameterError):
        commitment.solve(**{name: bad})
    if name != "c_R":
        with pytest.raises(ParameterError):
            commitment.war_index(**{k: args[k] for k in ("p1", "p2", "delta", "c_D")})


@given(params_of(SPACE), st.floats(0, 1))
def test_fatigue_that_lowers_both_chances_alike_lowers_both_indices_by_that_amount(v, share):
    """Chapter 5 (Moscow's bet on Western fatigue): lowering p1 and p2 by the same d lowers the two-period index
    (1 + δ)p1 − δp2 − c_D and the stationary index (p1 − δp2)/(1 − δ) − c_D by exactly d."""
    d = share * min(v["p1"], v["p2"])
    a = commitment.war_condition(**v)
    b = commitment.war_condition(**{**v, "p1": v["p1"] - d, "p2": v["p2"] - d})
    assert b.war_index == pytest.approx(a.war_index - d, abs=1e-9)
    if a.stationary_index is not None:
        assert b.stationary_index == pytest.approx(a.stationary_index - d, abs=1e-7)


@given(params_of(SPACE), st.floats(0.01, 1), st.floats(0, 5))
def test_fatigue_raises_the_index_only_if_p2_falls_more_than_the_critical_ratio(v, share, k):
    """Lower p1 by d and p2 by k·d: the two-period index rises iff k > (1 + δ)/δ, the stationary one iff k > 1/δ."""
    if v["delta"] == 0.0:
        return
    d = share * min(v["p1"], v["p2"] / k if k > 0 else 1.0)
    if d <= 1e-3:
        return
    a = commitment.war_condition(**v)
    b = commitment.war_condition(**{**v, "p1": v["p1"] - d, "p2": max(0.0, v["p2"] - k * d)})
    two, stat = (1 + v["delta"]) / v["delta"], 1 / v["delta"]
    if abs(k - two) > 1e-3:
        assert (b.war_index > a.war_index) == (k > two)
    if a.stationary_index is not None and v["delta"] < 0.99 and abs(k - stat) > 1e-3:
        assert (b.stationary_index > a.stationary_index) == (k > stat)


def test_figure_readout_says_rises_when_the_first_sides_chance_rises():
    """Exercise 5.3's case (p1 0.4 -> p2 0.85): the chance rises, so the read-out must not say 'falls' and must give
    the other side's index, the one that decides (review ch5 r10, defect 3)."""
    from territorial_trap_workbook.figures.commitment import draw, summary
    v = {**commitment.PARAMS.defaults(), "p1": 0.4, "p2": 0.85, "delta": 0.9, "c_R": 0.1}
    text = draw(v).readout
    other = commitment.war_condition(0.4, 0.85, 0.9, v["c_D"], 0.1).war_index_other
    assert "falls" not in text and "rises from 0.40 now to 0.85" in text, text
    assert f"{other:.3f}" in text, text
    # the values table names the two indices Exercises 5.3 and 5.6 ask students to derive without their formulas
    assert not any("c_R" in k or "(1 − δ)" in k for k in summary(v)), list(summary(v))
