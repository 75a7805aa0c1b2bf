"""Chapter 12 model: the risk–return trade-off under private information (Fearon 1995; Powell 1999) re-derived."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import escalation
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = escalation.PARAMS


def test_catalogue_check_values():
    """Risk–return (Fearon 1995; Powell 1999): p = .5, c_A = .1, c̄ = .3 → x* = p + (c̄ − c_A)/2 = .6 and
    P(war) = (c̄ − c_A)/(2c̄) = 1/3."""
    r = escalation.optimal_demand(p=0.5, c_R=0.1, c_bar=0.3)
    assert r.demand == pytest.approx(0.6)
    assert r.p_war == pytest.approx(1 / 3)
    assert r.corner == "interior"


@pytest.mark.parametrize("p", [0.0, 0.1, 0.25, 0.5, 0.7, 0.9])
def test_chance_of_war_is_the_same_for_any_p_in_the_valid_range(p):
    """Risk–return (Fearon 1995; Powell 1999): with c_A = .1, c̄ = .3 the chance of war is 1/3 for every
    p ≤ 1 − (c̄ − c_A)/2 = 0.9, and the demand moves one-for-one with p."""
    assert escalation.p_independence_limit(p=p, c_R=0.1, c_bar=0.3) == pytest.approx(0.9)
    r = escalation.optimal_demand(p=p, c_R=0.1, c_bar=0.3)
    assert r.p_war == pytest.approx(1 / 3)
    assert r.demand == pytest.approx(p + 0.1)


def test_payoff_at_the_optimum_closed_form():
    """Risk–return (Fearon 1995): U(x*) = p + (c̄ − c_A)²/(4c̄); at p = .5, c_A = .1, c̄ = .3 that is .5 + .04/1.2."""
    r = escalation.optimal_demand(p=0.5, c_R=0.1, c_bar=0.3)
    assert r.payoff == pytest.approx(0.5 + 0.04 / 1.2)


def test_optimum_is_the_maximum_of_the_payoff_curve():
    """Risk–return (Powell 1999): a fine grid search over demands finds the same x* as the closed form."""
    grid = np.linspace(0, 1, 100001)
    for v in [dict(p=0.5, c_R=0.1, c_bar=0.3), dict(p=0.2, c_R=0.0, c_bar=0.6), dict(p=0.95, c_R=0.0, c_bar=0.4),
              dict(p=0.3, c_R=0.4, c_bar=0.2)]:
        c = escalation.demand_curve(grid, **v)
        r = escalation.optimal_demand(**v)
        assert grid[np.argmax(c["payoff"])] == pytest.approx(r.demand, abs=2e-5)
        assert c["payoff"].max() == pytest.approx(r.payoff, abs=1e-9)


def test_corner_own_cost_above_uncertainty_means_no_gamble():
    """Risk–return corner c_A ≥ c̄ (solved): U'(y) ≤ 0 on [0, c̄], so Russia demands p and war never follows."""
    r = escalation.optimal_demand(p=0.4, c_R=0.35, c_bar=0.3)
    assert (r.demand, r.p_war, r.corner) == (pytest.approx(0.4), 0.0, "no-gamble")
    r = escalation.optimal_demand(p=0.4, c_R=0.3, c_bar=0.3)
    assert r.p_war == 0.0 and r.demand == pytest.approx(0.4)


def test_corner_demand_capped_at_the_whole_value():
    """Risk–return corner x* > 1 (solved): p = .9, c_A = 0, c̄ = .6 → interior x* = 1.2 is capped at 1 and
    P(war) = (1 − p)/c̄ = 1/6, below the interior 1/2."""
    r = escalation.optimal_demand(p=0.9, c_R=0.0, c_bar=0.6)
    assert r.corner == "cap"
    assert r.demand == 1.0
    assert r.p_war == pytest.approx(0.1 / 0.6)


def test_demand_curve_pieces():
    """Risk–return (Fearon 1995): P(war | x) is 0 up to p, (x − p)/c̄ on [p, p + c̄], then 1; the payoff is p − c_A
    once war is certain."""
    c = escalation.demand_curve([0.2, 0.5, 0.65, 0.8, 1.0], p=0.5, c_R=0.1, c_bar=0.3)
    assert list(c["p_war"]) == pytest.approx([0, 0, 0.5, 1, 1])
    assert list(c["payoff"]) == pytest.approx([0.2, 0.5, 0.65 * 0.5 + 0.4 * 0.5, 0.4, 0.4])


def test_no_uncertainty_corner_is_excluded_by_the_declaration():
    with pytest.raises(ParameterError, match=r"c_bar = 0\.0 is out of range"):
        escalation.optimal_demand(c_bar=0.0)


@given(params_of(SPACE))
def test_result_always_valid(v):
    """Every parameter set in the declared ranges (corners included) gives a finite demand and a chance in [0, 1]."""
    r = escalation.optimal_demand(**v)
    for x in (r.demand, r.p_war, r.payoff, r.premium):
        assert math.isfinite(x)
    assert 0.0 <= r.p_war <= 1.0
    assert v["p"] - 1e-12 <= r.demand <= 1.0
    assert r.payoff >= v["p"] - 1e-12  # gambling never leaves Russia worse off than demanding p


@given(params_of(SPACE))
def test_interior_formula_where_it_applies(v):
    """Risk–return (Fearon 1995; Powell 1999): inside the valid range P(war) = (c̄ − c_A)/(2c̄), whatever p is."""
    assume(v["c_R"] < v["c_bar"] and v["p"] <= escalation.p_independence_limit(**v))
    r = escalation.optimal_demand(**v)
    assert r.p_war == pytest.approx((v["c_bar"] - v["c_R"]) / (2 * v["c_bar"]))
    assert r.demand == pytest.approx(v["p"] + (v["c_bar"] - v["c_R"]) / 2)


@given(params_of(SPACE), st.floats(0, 0.6))
def test_more_uncertainty_never_lowers_the_chance_of_war_in_the_interior(v, extra):
    """dP/dc̄ = c_A/(2c̄²) ≥ 0 when the interior formula applies."""
    wider = min(0.6, v["c_bar"] + extra)
    assume(v["p"] <= escalation.p_independence_limit(**{**v, "c_bar": wider}))
    assert escalation.war_probability(**{**v, "c_bar": wider}) >= escalation.war_probability(**v) - 1e-12


@given(params_of(SPACE), st.floats(0, 0.5))
def test_higher_own_cost_never_raises_the_chance_of_war(v, extra):
    """dP/dc_A = −1/(2c̄) < 0 in the interior; at the cap, raising c_A can only bring the optimum back inside."""
    higher = min(0.5, v["c_R"] + extra)
    assert escalation.war_probability(**{**v, "c_R": higher}) <= escalation.war_probability(**v) + 1e-12


@given(st.sampled_from(SPACE.names), st.data())
def test_bad_values_raise_parameter_error_naming_the_parameter(name, data):
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        escalation.optimal_demand(**{name: bad})
    with pytest.raises(ParameterError, match=name):
        escalation.p_independence_limit(**{name: bad})


@given(st.one_of(st.none(), st.text(max_size=3), st.lists(st.floats(), max_size=3),
                 st.lists(st.floats(-2, 3), min_size=1, max_size=3)))
def test_demand_curve_refuses_bad_demands_or_answers_validly(demands):
    try:
        c = escalation.demand_curve(demands)
    except ParameterError:
        return
    assert np.all((c["p_war"] >= 0) & (c["p_war"] <= 1))
    assert np.all(np.isfinite(c["payoff"]))


@given(value_of(SPACE["p"]))
def test_demand_curve_matches_optimum_at_x_star(p):
    r = escalation.optimal_demand(p=p)
    c = escalation.demand_curve([r.demand], p=p)
    assert c["p_war"][0] == pytest.approx(r.p_war) and c["payoff"][0] == pytest.approx(r.payoff)


# ---------------------------------------------------------------- the capstone's extension (law and audience)
EXT = escalation.EXTENDED


@given(params_of(SPACE))
def test_extension_reduces_to_the_base_model(v):
    """Risk–return (Fearon 1995; Powell 1999): with no floor, no Ukrainian legal pull and no audience cost the
    extension returns exactly the closed form x* = p + (c̄ − c_A)/2 (or its solved corners)."""
    base = escalation.optimal_demand(**v)
    ext = escalation.constrained_demand(**v)
    assert ext.demand == pytest.approx(base.demand, abs=1e-12)
    assert ext.p_war == pytest.approx(base.p_war, abs=1e-12)
    assert ext.payoff == pytest.approx(base.payoff, abs=1e-12)


def test_extension_interior_with_ukrainian_legal_pull():
    """Extension (our derivation on Fearon 1995/Putnam 1988): p = .5, c_A = .1, c̄ = .3, λ_U = .2 →
    x_c = 0.8·0.8/2 + 0.4/2 = 0.52 and P(war) = (c̄ − p + k(p − c_A))/(2c̄) with k = 1.25, i.e. 0.5."""
    r = escalation.constrained_demand(p=0.5, c_R=0.1, c_bar=0.3, rigidity_U=0.2)
    assert r.demand == pytest.approx(0.52)
    assert r.p_war == pytest.approx((0.3 - 0.5 + 1.25 * 0.4) / 0.6)
    assert r.p_war == pytest.approx(0.5)


def test_extension_interior_with_audience_cost():
    """Extension (our derivation on Fearon 1994/1995): an accepted x is worth (1 + a)x − a; with p = .5, c_A = .1,
    c̄ = .3, a = .2: x_c = 0.4 + 0.6/2.4 = 0.65 and P(war) = 0.15/0.3 = 0.5."""
    r = escalation.constrained_demand(p=0.5, c_R=0.1, c_bar=0.3, a=0.2)
    assert r.demand == pytest.approx(0.65)
    assert r.p_war == pytest.approx(0.5)


def test_extension_binding_floor():
    """A legal floor above x* is binding: with f = .7 (p = .5, c̄ = .3) Russia demands .7 and P(war) = .2/.3."""
    r = escalation.constrained_demand(p=0.5, c_R=0.1, c_bar=0.3, floor=0.7)
    assert (r.demand, r.corner) == (pytest.approx(0.7), "floor")
    assert r.p_war == pytest.approx(2 / 3)


def test_extension_ukraine_can_sign_nothing():
    """Corner λ_U = 1 (solved): Ukraine can ratify only x = 0, so Russia either demands nothing (payoff −a) or
    fights (p − c_A); with p = .5, c_A = .1 it fights."""
    r = escalation.constrained_demand(p=0.5, c_R=0.1, c_bar=0.3, rigidity_U=1.0)
    assert r.p_war == 1.0 and r.payoff == pytest.approx(0.4)
    r = escalation.constrained_demand(p=0.05, c_R=0.5, c_bar=0.3, rigidity_U=1.0)
    assert r.p_war == 0.0 and r.demand == 0.0


def test_ukraines_limit_is_chapter_twos():
    """The extension's acceptance rule uses chapter 2's r_U = (1 − λ_U)·min(1, p + c_U) (Putnam 1988 win-sets):
    a Ukraine with cost c accepts x exactly when x ≤ winsets' r_U."""
    from territorial_trap_workbook.models import winsets
    p, lam, c_bar = 0.6, 0.3, 0.5
    for c in np.linspace(0, 0.5, 11):
        _, r_U = winsets.ratification_limits(p, 0.1, float(c), 0.0, lam)
        # P(war | x) at x slightly below / above r_U brackets c's position in [0, c̄]
        below = escalation.constrained_curve([max(0.0, r_U - 1e-9)], p=p, c_R=0.1, c_bar=c_bar, rigidity_U=lam)
        if r_U < (1 - lam) * min(1.0, p + c_bar):
            assert below["p_war"][0] == pytest.approx(min(1.0, c / c_bar), abs=1e-6)


@given(params_of(EXT))
def test_extension_always_valid_and_optimal(v):
    """For every declared parameter set (corners included) the answer is valid and no demand in [f, 1] on a fine
    grid does better (the candidate list is exhaustive)."""
    r = escalation.constrained_demand(**v)
    assert 0.0 <= r.p_war <= 1.0 and math.isfinite(r.payoff)
    assert v["floor"] - 1e-12 <= r.demand <= 1.0
    grid = np.linspace(v["floor"], 1.0, 2001)
    c = escalation.constrained_curve(grid, **v)
    assert c["payoff"].max() <= r.payoff + 1e-9


@given(params_of(EXT), st.floats(0, 1))
def test_higher_audience_cost_never_softens_the_demand(v, extra):
    """Extension: x_c rises with a (w < 1); with the same floor and pull the best demand never falls."""
    higher = {**v, "a": min(1.0, v["a"] + extra)}
    assert escalation.constrained_demand(**higher).demand >= escalation.constrained_demand(**v).demand - 1e-9


@given(st.sampled_from(EXT.names), st.data())
def test_extension_bad_values_raise_parameter_error(name, data):
    bad = data.draw(bad_value_of(EXT[name]))
    with pytest.raises(ParameterError, match=name):
        escalation.constrained_demand(**{name: bad})
