"""Chapter 9 model (ceasefire durability after Fortna 2003/2004; re-arming through Powell 2006's commitment
problem, chapter 5's module) re-derived from its closed forms."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import ceasefire, commitment
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SURV = ceasefire.SURVIVAL
REARM = ceasefire.REARM

# ------------------------------------------------------------------ part 1: survival closed forms


def test_exponential_case_survival_and_median():
    """Weibull survival with k = 1 (exponential), λ = 0.1, no measures: S(10) = e^{−1} = 0.3679 and the median
    is 10·ln 2 = 6.931 years (the illustrative form of Fortna's hazard analysis)."""
    p = dict(lam=0.1, k=1.0, n_measures=0)
    assert ceasefire.survival(10, **p) == pytest.approx(math.exp(-1))
    assert round(ceasefire.survival(10, **p), 4) == 0.3679
    assert ceasefire.median_duration(**p) == pytest.approx(10 * math.log(2))
    assert round(ceasefire.median_duration(**p), 3) == 6.931


def test_two_protective_measures_scale_the_hazard_by_e_to_minus_one():
    """Fortna (2003) direction, illustrative size: n = 2 measures with β = −0.5 multiply the hazard by e^{−1};
    with λ = 0.1, k = 1: S(10) = exp(−e^{−1}) = 0.6922 and the median rises to 10·ln 2·e = 18.84 years."""
    p = dict(lam=0.1, k=1.0, n_measures=2, beta=-0.5)
    d = ceasefire.durability(horizon=10, **p)
    assert d.hazard_ratio == pytest.approx(math.exp(-1))
    assert d.survival == pytest.approx(math.exp(-math.exp(-1)))
    assert round(d.survival, 4) == 0.6922
    assert d.survival_none == pytest.approx(math.exp(-1))
    assert d.median == pytest.approx(10 * math.log(2) * math.e)
    assert round(d.median, 2) == 18.84


def test_shape_half_median():
    """Weibull median (ln 2·e^{−βn})^{1/k}/λ: k = 0.5, λ = 0.1, n = 0 → (ln 2)²/0.1 = 4.805 years; S(10) = e^{−1}."""
    p = dict(lam=0.1, k=0.5, n_measures=0)
    assert ceasefire.median_duration(**p) == pytest.approx(math.log(2) ** 2 / 0.1)
    assert ceasefire.survival(10, **p) == pytest.approx(math.exp(-1))
    assert ceasefire.survival(ceasefire.median_duration(**p), **p) == pytest.approx(0.5)


def test_constant_hazard_gives_the_same_risk_every_year():
    """Exponential case: the risk in any year is 1 − e^{−λ} = 0.0952 for λ = 0.1, and h(t) = λ."""
    p = dict(lam=0.1, k=1.0, n_measures=0)
    for year in (1, 5, 30):
        assert ceasefire.risk_in_year(year, **p) == pytest.approx(1 - math.exp(-0.1))
    assert ceasefire.hazard(3.0, **p) == pytest.approx(0.1)


def test_default_worked_example():
    """Chapter 9 defaults (illustrative): λ = .03, k = .6, n = 1, β = −.4, horizon 10 →
    S(10) = exp(−0.3^0.6·e^{−0.4}); without measures exp(−0.3^0.6)."""
    d = ceasefire.durability()
    assert d.survival == pytest.approx(math.exp(-(0.3 ** 0.6) * math.exp(-0.4)))
    assert d.survival_none == pytest.approx(math.exp(-(0.3 ** 0.6)))
    assert d.breakdown == pytest.approx(1 - d.survival)
    assert d.first_year_risk == pytest.approx(1 - math.exp(-(0.03 ** 0.6) * math.exp(-0.4)))


def test_survival_starts_at_one_for_every_shape():
    """S(0) = 1 because (λ·0)^k = 0 for k > 0 (no 0^k trouble at the smallest declared k)."""
    for k in (0.3, 1.0, 2.0):
        assert ceasefire.survival(0.0, k=k) == 1.0


def test_hazard_at_zero_is_excluded_not_infinite():
    """h(t) = kλ^k t^{k−1}e^{βn} is infinite at t = 0 for k < 1: the declaration starts t at 0.05."""
    with pytest.raises(ParameterError, match=r"t = 0\.0 is out of range"):
        ceasefire.hazard(0.0, k=0.5)
    assert math.isfinite(ceasefire.hazard(0.05, k=0.3))


def test_extreme_corner_is_finite():
    """Slowest breakdown the declaration allows: median finite (about 2·10⁷ years); fastest: S underflows to 0
    but the yearly risk is still a probability."""
    slow = dict(lam=0.01, k=0.3, n_measures=4, beta=-1.0)
    assert math.isfinite(ceasefire.median_duration(**slow)) and ceasefire.median_duration(**slow) < 3e7
    fast = dict(lam=0.5, k=2.0, n_measures=4, beta=0.5)
    assert ceasefire.survival(60, **fast) == 0.0
    assert ceasefire.risk_in_year(60, **fast) == 1.0


@given(params_of(SURV), value_of(ceasefire.TIME), value_of(ceasefire.TIME))
def test_survival_is_a_falling_probability(v, t1, t2):
    lo, hi = sorted((t1, t2))
    s_lo, s_hi = ceasefire.survival(lo, **v), ceasefire.survival(hi, **v)
    assert 0.0 <= s_hi <= s_lo <= 1.0


@given(params_of(SURV), value_of(SURV["n_measures"]))
def test_protective_measures_lengthen_peace(v, n2):
    """Fortna (2003): with β < 0 each added measure raises survival at every horizon and the median."""
    assume(v["beta"] < 0)
    lo, hi = sorted((v["n_measures"], n2))
    a, b = ceasefire.durability(**{**v, "n_measures": lo}), ceasefire.durability(**{**v, "n_measures": hi})
    assert b.survival >= a.survival - 1e-12
    assert b.median >= a.median * (1 - 1e-12)


@given(params_of(SURV))
def test_shape_below_one_means_the_early_years_are_the_most_dangerous(v):
    """Weibull with k < 1: the yearly risk falls as the ceasefire ages; with k > 1 it rises."""
    r1, r5 = ceasefire.risk_in_year(1, **v), ceasefire.risk_in_year(5, **v)
    if v["k"] < 1:
        assert r1 >= r5 - 1e-12
    elif v["k"] > 1:
        assert r1 <= r5 + 1e-12


@given(params_of(SURV), st.floats(0.1, 50))
def test_hazard_is_the_slope_of_the_cumulative_hazard(v, t):
    eps = 1e-5 * t
    slope = (ceasefire.cumulative_hazard(t + eps, **v) - ceasefire.cumulative_hazard(t - eps, **v)) / (2 * eps)
    assert ceasefire.hazard(t, **v) == pytest.approx(slope, rel=1e-4, abs=1e-9)


@given(params_of(SURV))
def test_every_part_1_result_is_valid(v):
    d = ceasefire.durability(**v)
    for p in (d.survival, d.survival_none, d.first_year_risk, d.horizon_year_risk, d.breakdown):
        assert math.isfinite(p) and 0.0 <= p <= 1.0
    assert math.isfinite(d.median) and d.median > 0 and d.hazard_ratio > 0
    c = ceasefire.survival_curve(31, **v)
    assert np.all(np.isfinite(c["survival"])) and np.all((c["survival"] >= 0) & (c["survival"] <= 1))
    assert np.all(np.diff(c["survival"]) <= 1e-15)


# ------------------------------------------------------------------ part 2: re-arming (chapter 5 imported)


def test_the_commitment_model_is_imported_not_rewritten():
    """Chapter 9 extends chapter 5 (Powell 2006): the same parameter declarations, the same war condition."""
    assert REARM["delta"] is commitment.PARAMS["delta"]
    assert REARM["c_D"] is commitment.PARAMS["c_D"]


def test_odds_are_multiplied_by_the_growth_gap():
    """Ratio contest form (Tullock 1980): p = .5, Russia re-arms 0.1 a year faster for 10 years → odds × e^{−1},
    p_U = e^{−1}/(1 + e^{−1}) = 0.2689."""
    after = ceasefire.balance_after(0.5, 0.15, 0.05, 10)
    assert after == pytest.approx(math.exp(-1) / (1 + math.exp(-1)))
    assert round(after, 4) == 0.2689


def test_equal_rearming_changes_nothing():
    s = ceasefire.pause(p_U=0.7, g_R=0.1, g_U=0.1, pause=20)
    assert s.p_U_after == pytest.approx(0.7) and s.commitment.shift == pytest.approx(0.0)
    assert s.longest_stable_pause is None and not s.war


def test_powell_check_values_through_the_pause():
    """Chapter 5's check (Powell 2006, two-period form): p1 = .7, p2 = .1, δ = .9, c_D = .05 → index 1.19, war.
    Reached here as a pause in which Russia out-arms Ukraine by 0.3 a year for T = ln(21)/0.3 years."""
    T = math.log(21) / 0.3  # odds 7/3 → 1/9: factor 1/21
    s = ceasefire.pause(p_U=0.7, g_R=0.3, g_U=0.0, pause=T, delta=0.9, c_D=0.05)
    assert s.p_U_after == pytest.approx(0.1)
    assert s.declining == "Ukraine"
    assert s.war_index == pytest.approx(1.19)
    assert s.war


def test_longest_stable_pause_closed_form():
    """T* = ln[p1(1 − θ)/(θ(1 − p1))]/g with θ = p1 − (1 − p1 + c_D)/δ: p_U = .75, g_R − g_U = .2, δ = .9,
    c_D = .1 → θ = 0.3611, T* = 8.346 years; war just after T*, none just before."""
    p = dict(p_U=0.75, g_R=0.25, g_U=0.05, delta=0.9, c_D=0.1)
    theta = 0.75 - 0.35 / 0.9
    t_star = ceasefire.longest_stable_pause(**p)
    assert t_star == pytest.approx(math.log(0.75 * (1 - theta) / (theta * 0.25)) / 0.2)
    assert round(t_star, 3) == 8.346
    assert not ceasefire.pause(pause=t_star - 0.01, **p).war
    assert ceasefire.pause(pause=t_star + 0.01, **p).war


def test_russia_is_the_declining_side_when_ukraine_rearms_faster():
    s = ceasefire.pause(p_U=0.2, g_R=0.05, g_U=0.25, pause=10, delta=0.9, c_D=0.1)
    assert s.declining == "Russia"
    assert s.commitment.p1 == pytest.approx(0.8)
    assert s.commitment.p2 == pytest.approx(1 - s.p_U_after)


def test_default_pause_is_stable_but_moves_the_next_bargain():
    """Chapter 9 defaults (illustrative): p_U = .4, Russia re-arms .07 a year faster for 5 years: no war (a weak
    declining side cannot gain by fighting now), but Russia's expected share rises from .6."""
    s = ceasefire.pause()
    assert not s.war and s.longest_stable_pause is None
    expected = 0.4 * math.exp(-0.35) / (0.4 * math.exp(-0.35) + 0.6)
    assert s.p_U_after == pytest.approx(expected)
    assert s.russia_share_after > 0.6


@given(params_of(REARM))
def test_every_part_2_result_is_valid(v):
    s = ceasefire.pause(**v)
    assert 0.0 <= s.p_U_after <= 1.0 and math.isfinite(s.war_index)
    assert s.declining in ("Ukraine", "Russia")
    if s.longest_stable_pause is not None:
        assert math.isfinite(s.longest_stable_pause) and s.longest_stable_pause >= 0.0
    c = ceasefire.pause_curve(21, **v)
    assert np.all(np.isfinite(c["war_index"])) and np.all((c["p_U_after"] >= 0) & (c["p_U_after"] <= 1))


@given(params_of(REARM))
def test_war_exactly_when_the_pause_is_longer_than_t_star(v):
    """Our closed form for T* agrees with chapter 5's condition evaluated at the chosen pause."""
    s = ceasefire.pause(**v)
    t_star = s.longest_stable_pause
    if t_star is None:
        assert not s.war
    else:
        assume(abs(v["pause"] - t_star) > 1e-6)
        assert s.war == (v["pause"] > t_star)


@given(params_of(REARM), value_of(REARM["pause"]))
def test_a_longer_pause_widens_the_gap(v, T2):
    """The side that re-arms faster gains more the longer the pause lasts (monotone in T)."""
    lo, hi = sorted((v["pause"], T2))
    a, b = ceasefire.pause(**{**v, "pause": lo}), ceasefire.pause(**{**v, "pause": hi})
    if v["g_R"] > v["g_U"]:
        assert b.p_U_after <= a.p_U_after + 1e-12
    elif v["g_U"] > v["g_R"]:
        assert b.p_U_after >= a.p_U_after - 1e-12
    assert b.war_index >= a.war_index - 1e-12


# ------------------------------------------------------------------ refusals


@given(params_of(SURV), st.sampled_from(SURV.names), st.data())
def test_bad_survival_values_raise_parameter_error(v, name, data):
    bad = data.draw(bad_value_of(SURV[name]))
    for call in (ceasefire.durability, lambda **kw: ceasefire.survival_curve(11, **kw),
                 ceasefire.median_duration, lambda **kw: ceasefire.survival(1.0, **kw)):
        with pytest.raises(ParameterError, match=name):
            call(**{**v, name: bad})


@given(params_of(REARM), st.sampled_from(REARM.names), st.data())
def test_bad_rearm_values_raise_parameter_error(v, name, data):
    bad = data.draw(bad_value_of(REARM[name]))
    for call in (ceasefire.pause, ceasefire.longest_stable_pause, lambda **kw: ceasefire.pause_curve(11, **kw)):
        with pytest.raises(ParameterError, match=name):
            call(**{**v, name: bad})


@given(st.data())
def test_time_arguments_are_checked(data):
    with pytest.raises(ParameterError, match="t = "):
        ceasefire.survival(data.draw(bad_value_of(ceasefire.TIME)))
    with pytest.raises(ParameterError, match="t = "):
        ceasefire.hazard(data.draw(bad_value_of(ceasefire.HAZARD_TIME)))
    with pytest.raises(ParameterError, match="year = "):
        ceasefire.risk_in_year(data.draw(bad_value_of(ceasefire.YEAR)))


@pytest.mark.parametrize("n", [1, 10_000, 3.5, None, True])
def test_curve_sizes_are_checked(n):
    with pytest.raises(ParameterError):
        ceasefire.survival_curve(n)
    with pytest.raises(ParameterError):
        ceasefire.pause_curve(n)


def test_stationary_index_exceeds_two_period_by_the_repeated_shift():
    """ceasefire.pause with commitment (Powell 2006; chapter 5's two forms): the stationary war index exceeds the
    two-period index by exactly δ²(p1 − p2)/(1 − δ), so by at least zero whenever the declining side loses ground
    (p1 ≥ p2) — the gap behind chapter 9's 'the two forms disagree at the defaults'."""
    for p_U in (0.2, 0.4, 0.6):
        for g_R, g_U in ((0.1, 0.05), (0.25, 0.05), (0.05, 0.25)):
            for T in (1.0, 5.0, 10.0):
                c = ceasefire.pause(p_U=p_U, g_R=g_R, g_U=g_U, pause=T).commitment
                if c.stationary_index is None:
                    continue
                gap = c.delta ** 2 * (c.p1 - c.p2) / (1 - c.delta)
                assert c.stationary_index - c.war_index == pytest.approx(gap, abs=1e-9)
                assert c.stationary_index >= c.war_index - 1e-12


def _verdicts(**kw):
    """(two-period war, stationary war) along a grid of pauses from 0.5 to 20 years."""
    out = []
    for T in np.linspace(0.5, 20.0, 40):
        c = ceasefire.pause(**kw, pause=float(T)).commitment
        out.append((float(T), c.war, (c.stationary_index or 0.0) > 1.0))
    return out


def test_where_the_two_forms_agree_on_short_and_long_pauses():
    """ceasefire.pause with commitment (Powell 2006; chapter 5's two forms), the level claim of chapter 9's 'What
    the model shows': at the defaults short pauses are stable in both forms and longer ones split them (the
    two-period form never gives war, since p_U ≤ (1 + c_D)/(1 + δ); the stationary form gives war from about 4.8
    years on); where Ukraine starts strong (Example 6: p_U 0.75, g_R 0.25, g_U 0.05) both forms give war for long
    pauses (two-period beyond T* ≈ 8.35 years, stationary from about 1 year)."""
    for T, two, stat in _verdicts():
        assert not two
        assert stat == (T > 4.84), T
    t_star = ceasefire.longest_stable_pause(p_U=0.75, g_R=0.25, g_U=0.05)
    assert t_star == pytest.approx(5 * math.log(5.308), rel=1e-3)
    for T, two, stat in _verdicts(p_U=0.75, g_R=0.25, g_U=0.05):
        assert two == (T > t_star), T
        if T >= 1.0:
            assert stat, T
