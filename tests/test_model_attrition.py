"""Chapter 3 model: the war of attrition (Maynard Smith 1974; Krishna & Morgan 1997) and the resolve-budget
simulation with fatigue, re-derived."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate

from territorial_trap_workbook.models import attrition
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

EQ = attrition.EQUILIBRIUM_PARAMS
SIM = attrition.PARAMS
INF = float("inf")


def _or_inf(t):
    return INF if t is None else t


def test_private_value_concession_time_at_one_half():
    """Private-value war of attrition, values U[0,1], cost 1 (catalogue check): t(0.5) = ln 2 − 0.5 = 0.1931."""
    assert attrition.concession_time(0.5) == pytest.approx(math.log(2) - 0.5)
    assert round(attrition.concession_time(0.5), 4) == 0.1931


@pytest.mark.parametrize("v", [0.1, 0.5, 0.9, 0.99])
def test_concession_time_is_the_integral_of_the_hazard_condition(v):
    """Krishna & Morgan (1997): t(v) = ∫_0^v x f(x)/(1 − F(x)) dx, here ∫_0^v x/(1 − x) dx."""
    numeric, _ = integrate.quad(lambda x: x / (1.0 - x), 0.0, v)
    assert attrition.concession_time(v) == pytest.approx(numeric, rel=1e-9)


@pytest.mark.parametrize("v", [0.3, 0.5, 0.8])
def test_quitting_at_t_of_v_is_a_best_response(v):
    """Equilibrium check: against an opponent who quits at t(y), a side of value v does best by behaving as
    type x = v: U(x) = ∫_0^x (v − t(y)) dy − t(x)(1 − x) peaks at x = v."""
    def payoff(x):
        win, _ = integrate.quad(lambda y: v - attrition.concession_time(y), 0.0, x)
        return win - attrition.concession_time(x) * (1.0 - x)

    xs = [i / 200 for i in range(199)]
    best = max(xs, key=payoff)
    assert best == pytest.approx(v, abs=0.005)


@given(value_of(EQ["v_R"]), value_of(EQ["cost"]))
def test_cost_scales_time_inversely(v, c):
    """t(v; c) = t(v; 1)/c: doubling the cost of holding out halves every quitting time."""
    assert attrition.concession_time(v, c) == pytest.approx(attrition.concession_time(v, 1.0) / c, abs=1e-12)


def test_lower_value_concedes_first_worked_example():
    """v_R = .7, v_U = .8, c = 1: Russia quits at −.7 + ln(1/.3) ≈ 0.504, before Ukraine (≈ 0.809)."""
    c = attrition.contest(v_R=0.7, v_U=0.8, cost=1.0)
    assert c.t_R == pytest.approx(-0.7 - math.log(0.3))
    assert c.t_U == pytest.approx(-0.8 - math.log(0.2))
    assert c.first == "Russia" and c.duration == pytest.approx(c.t_R)
    assert attrition.contest(v_R=0.6, v_U=0.6).first == "tie"


@given(params_of(EQ))
def test_contest_always_valid_and_the_lower_value_concedes(v):
    c = attrition.contest(**v)
    assert math.isfinite(c.t_R) and math.isfinite(c.t_U) and c.t_R >= 0 and c.t_U >= 0
    if v["v_R"] < v["v_U"]:
        assert c.first == "Russia"
    elif v["v_U"] < v["v_R"]:
        assert c.first == "Ukraine"
    assert c.duration == min(c.t_R, c.t_U)


@given(value_of(EQ["v_R"]), value_of(EQ["v_R"]), value_of(EQ["cost"]))
def test_concession_time_rises_with_value(a, b, c):
    lo, hi = sorted((a, b))
    assert attrition.concession_time(lo, c) <= attrition.concession_time(hi, c) + 1e-15


def test_maynard_smith_mixed_strategy():
    """Maynard Smith (1974): persistence is exponential with mean V/c; survival at the mean is 1/e."""
    assert attrition.mean_persistence(0.8, 2.0) == pytest.approx(0.4)
    assert attrition.mixed_persistence(0.4, 0.8, 2.0) == pytest.approx(math.exp(-1))
    assert attrition.mixed_persistence(0.0, 0.8, 2.0) == 1.0
    # numerically: the mean of the survival curve is its integral
    mean, _ = integrate.quad(lambda t: attrition.mixed_persistence(t, 0.8, 2.0), 0, 50)
    assert mean == pytest.approx(0.4, rel=1e-6)


def test_worthless_prize_corner_is_solved():
    """V = 0: no persistence (mean 0; survival 1 at t = 0 and 0 afterwards), never a division by zero."""
    assert attrition.mean_persistence(0.0) == 0.0
    assert attrition.mixed_persistence(0.0, 0.0) == 1.0
    assert attrition.mixed_persistence(0.5, 0.0) == 0.0
    assert attrition.concession_time(0.0) == 0.0


def test_value_of_one_is_excluded_by_the_declaration():
    """t(v) → ∞ as v → 1: the declaration caps values at 0.99."""
    with pytest.raises(ParameterError, match=r"v = 1\.0 is out of range"):
        attrition.concession_time(1.0)


# --- resolve-budget simulation -----------------------------------------------------------------------------

@pytest.mark.parametrize("B,k,f", [(100, 1.5, 0.005), (80, 2.5, 0.02), (200, 0.7, 0.0), (100, 3.0, 0.0), (10, 9.3, 0.05),
                                   (150, 0.3, 0.04)])
def test_simulation_matches_the_closed_form_without_aid(B, k, f):
    """Cost k(1 + f)^j in month j: the budget first reaches zero in month ⌈T⌉, T = ln(1 + fB/k)/ln(1 + f)."""
    T = attrition.exhaustion_time(B, k, f)
    s = attrition.simulate(budget_R=B, cost_R=k, fatigue_R=f)
    if T > attrition.HORIZON:
        assert s.t_R is None
        return
    first_month = next(t for t, b in enumerate(s.budget_R) if b <= 0)
    assert first_month == math.ceil(T - 1e-9)
    assert first_month - 1 < s.t_R <= first_month
    if f == 0:
        assert s.t_R == pytest.approx(B / k)  # linear budget: interpolation is exact


def test_closed_form_budget_path():
    """B(t) = B − k((1 + f)^t − 1)/f, month by month."""
    B, k, f = 100.0, 1.5, 0.01
    path_R, _ = attrition.budgets(budget_R=B, cost_R=k, fatigue_R=f)
    for t in (0, 1, 12, 60, 120):
        assert path_R[t] == pytest.approx(B - k * ((1 + f) ** t - 1) / f)


def test_no_cost_means_no_concession():
    assert attrition.exhaustion_time(100, 0.0, 0.03) is None
    assert attrition.exhaustion_time(10, 2.2250738585e-313, 0.0) is None
    s = attrition.simulate(cost_R=0.0, cost_U=0.0)
    assert s.t_R is None and s.t_U is None and s.first is None and s.end is None


def test_aid_path_and_ukraine_budget_formula():
    """B_U(t) = B_U − Σ_{j<t} [k_U(1 + f_U)^j − a(1 − g)^j]."""
    v = dict(budget_U=80.0, cost_U=2.5, fatigue_U=0.005, aid=1.6, aid_fatigue=0.01)
    s = attrition.simulate(**v)
    for t in (0, 1, 24, 100):
        expected = v["budget_U"] - sum(v["cost_U"] * 1.005 ** j - v["aid"] * 0.99 ** j for j in range(t))
        assert s.budget_U[t] == pytest.approx(expected)
        assert s.aid[t] == pytest.approx(1.6 * 0.99 ** t)


def test_default_state_and_aid_fatigue_reverse_the_order():
    """Illustrative opening state: with aid shrinking 1 % a month Ukraine runs out first; with steady aid
    Russia does — the article's 'time is on Russia's side' hinges on donor fatigue in this model."""
    assert attrition.simulate().first == "Ukraine"
    assert attrition.simulate(aid_fatigue=0.0).first == "Russia"


@given(params_of(SIM))
def test_simulation_always_valid(v):
    s = attrition.simulate(**v)
    assert len(s.months) == len(s.budget_R) == len(s.budget_U) == len(s.aid) == attrition.HORIZON + 1
    assert all(math.isfinite(b) for b in (*s.budget_R, *s.budget_U, *s.aid))
    for t in (s.t_R, s.t_U):
        assert t is None or 0.0 < t <= attrition.HORIZON
    assert s.first in (None, "Russia", "Ukraine", "tie")
    if s.end is not None:
        assert s.end == min(_or_inf(s.t_R), _or_inf(s.t_U))


MONOTONE = [  # (parameter, side affected, +1 if raising it makes that side last longer, −1 if shorter)
    ("budget_R", "t_R", +1), ("cost_R", "t_R", -1), ("fatigue_R", "t_R", -1),
    ("budget_U", "t_U", +1), ("cost_U", "t_U", -1), ("fatigue_U", "t_U", -1),
    ("aid", "t_U", +1), ("aid_fatigue", "t_U", -1),
]


@pytest.mark.parametrize("name,side,sign", MONOTONE)
@given(v=params_of(SIM), data=st.data())
def test_each_parameter_moves_the_concession_time_the_right_way(name, side, sign, v, data):
    other = data.draw(value_of(SIM[name]))
    lo, hi = sorted((v[name], other))
    t_lo = _or_inf(getattr(attrition.simulate(**{**v, name: lo}), side))
    t_hi = _or_inf(getattr(attrition.simulate(**{**v, name: hi}), side))
    if sign > 0:
        assert t_hi >= t_lo - 1e-9
    else:
        assert t_hi <= t_lo + 1e-9


@given(st.sampled_from(SIM.names), st.data())
def test_bad_simulation_values_raise_parameter_error(name, data):
    bad = data.draw(bad_value_of(SIM[name]))
    with pytest.raises(ParameterError, match=name):
        attrition.simulate(**{name: bad})
    with pytest.raises(ParameterError, match=name):
        attrition.budgets(**{name: bad})


@given(st.sampled_from(EQ.names), st.data())
def test_bad_equilibrium_values_raise_parameter_error(name, data):
    bad = data.draw(bad_value_of(EQ[name]))
    with pytest.raises(ParameterError, match=name):
        attrition.contest(**{name: bad})
    kwargs = {"v": 0.5, "cost": 1.0}
    if name == "cost":
        kwargs["cost"] = bad
    else:
        kwargs["v"] = bad
    with pytest.raises(ParameterError, match="allowed"):
        attrition.concession_time(**kwargs)
    with pytest.raises(ParameterError, match="allowed"):
        attrition.mean_persistence(kwargs["v"], kwargs["cost"])
    with pytest.raises(ParameterError, match="allowed"):
        attrition.mixed_persistence(1.0, kwargs["v"], kwargs["cost"])


@given(st.data())
def test_bad_times_and_closed_form_inputs_raise_parameter_error(data):
    with pytest.raises(ParameterError, match="allowed"):
        attrition.mixed_persistence(data.draw(bad_value_of(attrition.TIME)), 0.5)
    name = data.draw(st.sampled_from(["budget_R", "cost_R", "fatigue_R"]))
    args = {"budget": 100.0, "cost": 1.0, "fatigue": 0.01}
    args[{"budget_R": "budget", "cost_R": "cost", "fatigue_R": "fatigue"}[name]] = data.draw(bad_value_of(SIM[name]))
    spelled = {"budget_R": "budget", "cost_R": "cost", "fatigue_R": "fatigue"}[name]
    with pytest.raises(ParameterError, match=rf"^{spelled} = "):  # the caller's name, not the declaration's
        attrition.exhaustion_time(**args)


@given(params_of(SIM))
def test_closed_form_is_finite_or_none(v):
    """Never inf or NaN: a subnormal cost counts as 'never', like a zero cost."""
    T = attrition.exhaustion_time(v["budget_R"], v["cost_R"], v["fatigue_R"])
    assert T is None or (math.isfinite(T) and T > 0)


# ------------------------------------------------------------------------- part 4: Hammerstein–Parker
ASYM = attrition.ASYMMETRIC_PARAMS


def test_assessor_rule_worked_example_and_a_cheaper_war_flips_it():
    """Hammerstein & Parker (1982): the side with the lower V/c retreats. Defaults V_R 0.7, V_U 0.8, costs 1:
    ratios 0.7 < 0.8, Russia concedes; break-even c*_R = 0.7·1/0.8 = 0.875; at c_R = 0.8 Russia's ratio is
    0.875 > 0.8 and Ukraine concedes — separate costs can change who concedes (issue 14, ch 3)."""
    a = attrition.asymmetric()
    assert (a.ratio_R, a.ratio_U, a.first) == (pytest.approx(0.7), pytest.approx(0.8), "Russia")
    assert attrition.breakeven_cost_R() == pytest.approx(0.875)
    assert attrition.asymmetric(c_R=0.8).first == "Ukraine"
    assert attrition.asymmetric(V_R=0.8, V_U=0.8).first == "tie"


@given(params_of(ASYM))
def test_assessor_verdict_is_the_breakeven_comparison(v):
    """Russia concedes iff c_R > V_R·c_U/V_U (the same comparison as V_R/c_R < V_U/c_U); the stronger side's
    maximal holding time V/c exceeds the weaker's."""
    a = attrition.asymmetric(**v)
    star = attrition.breakeven_cost_R(**v)
    if not math.isclose(v["c_R"], star, rel_tol=1e-9):
        assert a.first == ("Russia" if v["c_R"] > star else "Ukraine")


@pytest.mark.parametrize("V_R,V_U,c_R,c_U", [(0.7, 0.8, 1.0, 1.0), (1.5, 0.4, 0.3, 2.0), (0.2, 1.9, 2.5, 0.1)])
def test_mixed_equilibrium_hazard_keeps_the_other_side_indifferent(V_R, V_U, c_R, c_U):
    """Hendricks, Weiss & Wilson (1988), re-derived: if Russia concedes at constant hazard h_R = c_U/V_U,
    Ukraine's payoff from planning to quit at T, ∫_0^T (V_U − c_U t) h_R e^{−h_R t} dt − c_U T e^{−h_R T},
    is the same (zero) for every T; likewise for Ukraine's hazard and Russia."""
    a = attrition.asymmetric(V_R=V_R, V_U=V_U, c_R=c_R, c_U=c_U)

    def payoff(V, c, h, T):
        inner, _ = integrate.quad(lambda t: (V - c * t) * h * math.exp(-h * t), 0.0, T)
        return inner - c * T * math.exp(-h * T)

    for T in (0.1, 1.0, 5.0):
        assert payoff(V_U, c_U, a.hazard_R, T) == pytest.approx(0.0, abs=1e-9)
        assert payoff(V_R, c_R, a.hazard_U, T) == pytest.approx(0.0, abs=1e-9)
    # a wrong hazard breaks indifference (the test can fail)
    assert abs(payoff(V_U, c_U, 2 * a.hazard_R, 5.0) - payoff(V_U, c_U, 2 * a.hazard_R, 0.1)) > 1e-3
    assert a.mixed_p_russia_first == pytest.approx(a.hazard_R / (a.hazard_R + a.hazard_U))
    assert a.mixed_mean_duration == pytest.approx(1 / (c_U / V_U + c_R / V_R))


@given(params_of(ASYM), value_of(ASYM["c_R"]))
def test_cheaper_war_for_russia_helps_it_under_the_assessor_rule_but_not_in_the_mixed_equilibrium(v, other):
    """A lower c_R never turns a Russian win into a Russian concession under the assessor rule; in the mixed
    equilibrium a lower c_R makes Russia *more* likely to concede first (its rival's hazard c_R/V_R falls)."""
    lo, hi = sorted((v["c_R"], other))
    cheap, dear = attrition.asymmetric(**{**v, "c_R": lo}), attrition.asymmetric(**{**v, "c_R": hi})
    if dear.first == "Ukraine":
        assert cheap.first == "Ukraine"
    assert cheap.mixed_p_russia_first >= dear.mixed_p_russia_first - 1e-12


@given(st.sampled_from(ASYM.names), st.data())
def test_bad_asymmetric_values_raise_parameter_error(name, data):
    bad = data.draw(bad_value_of(ASYM[name]))
    with pytest.raises(ParameterError, match=name):
        attrition.asymmetric(**{name: bad})
    with pytest.raises(ParameterError, match=name):
        attrition.breakeven_cost_R(**{name: bad})


@pytest.mark.parametrize("name", SIM.names)
def test_verdict_flip_is_where_the_verdict_changes(name):
    """verdict_flip: just short of the returned value the default verdict holds, just past it it does not."""
    d = SIM.defaults()
    x = attrition.verdict_flip(name)
    assert x is not None
    here = attrition.simulate().first
    eps = 1e-6 * (SIM[name].hi - SIM[name].lo)
    towards = 1 if x > d[name] else -1
    assert attrition.simulate(**{name: x - towards * eps}).first == here
    assert attrition.simulate(**{name: x + towards * eps}).first != here


def test_verdict_flip_matches_issue_14_and_not_the_slider_step():
    """Issue 14: with the other defaults, aid fatigue must fall to about 0.22 % a month (not 0.4 %, the slider
    step), Russia's cost rise by about 16 %, Ukraine's fall by about 10 %, aid rise by about 23 %."""
    d = SIM.defaults()
    assert attrition.verdict_flip("aid_fatigue") == pytest.approx(0.00224, abs=2e-5)
    assert attrition.verdict_flip("cost_R") / d["cost_R"] - 1 == pytest.approx(0.158, abs=0.002)
    assert attrition.verdict_flip("cost_U") / d["cost_U"] - 1 == pytest.approx(-0.098, abs=0.002)
    assert attrition.verdict_flip("aid") / d["aid"] - 1 == pytest.approx(0.231, abs=0.002)
    with pytest.raises(ParameterError, match="name"):
        attrition.verdict_flip("budget")


def test_shared_search_helper_finds_a_known_switch():
    """models/_search.py (used by attrition.verdict_flip and capstone.deadlock_edge): the scan brackets the
    first point past a known switch at x = 0.3 and bisection narrows it onto 0.3 from both sides."""
    from territorial_trap_workbook.models._search import bisect_change, first_change

    def changed(x):
        return x >= 0.3

    assert first_change(changed, 0.0, [0.1, 0.2, 0.4, 0.5]) == (0.2, 0.4)
    assert first_change(changed, 0.0, [0.1, 0.2]) is None
    inner, outer = bisect_change(changed, 0.2, 0.4, iterations=80, tol=1e-12)
    assert inner < 0.3 <= outer and outer - inner <= 1e-12
    changed_exact = lambda x: x >= 0.375  # noqa: E731  (binary fractions: the halvings are exact)
    assert bisect_change(changed_exact, 0.25, 0.5, iterations=3) == (0.34375, 0.375)
