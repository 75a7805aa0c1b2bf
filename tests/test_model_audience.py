"""Chapter 8 model (audience costs: Fearon 1994; Weeks 2008) re-derived from its closed forms."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import audience
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = audience.PARAMS


def test_fearon_condition_stand_firm_iff_war_beats_the_audience_cost():
    """Fearon (1994), one-shot form: stand firm iff p − c > −a. p = .5, c = .8: a = .2 → back down
    (−.3 < −.2); a = .4 → stand firm (−.3 > −.4)."""
    assert not audience.stands_firm(0.5, 0.2, 0.8)
    assert audience.stands_firm(0.5, 0.4, 0.8)


def test_without_audience_cost_only_low_cost_leaders_stand_firm():
    """Fearon (1994): with a = 0 the leader fights only when war itself pays (c < p)."""
    assert audience.stands_firm(0.5, 0.0, 0.4)
    assert not audience.stands_firm(0.5, 0.0, 0.6)


def test_default_worked_example():
    """Chapter 8 worked example (Fearon 1994 crisis game, our closed forms): p = .6, a = .2, c̄ = 1, ū = .8 →
    q = .8, r = (1/.8 − .6)/.8 = .8125, P(war) = .65, P(concede) = .1875, P(back down) = .1625."""
    s = audience.solve(p=0.6, a=0.2, c_bar=1.0, u_bar=0.8)
    assert s.credibility == pytest.approx(0.8)
    assert s.resist == pytest.approx(0.8125)
    assert s.war == pytest.approx(0.65)
    assert s.concede == pytest.approx(0.1875)
    assert s.russia_backs_down == pytest.approx(0.1625)
    assert s.threshold == pytest.approx(0.8)


def test_credibility_is_capped_at_one():
    """Fearon (1994) crisis game: q = min(1, (p + a)/c̄); p = .6, a = .6, c̄ = 1 → q = 1, never backs down."""
    s = audience.solve(p=0.6, a=0.6, c_bar=1.0, u_bar=0.8)
    assert s.credibility == 1.0 and s.russia_backs_down == 0.0
    assert s.resist == pytest.approx(0.5)  # (1 − .6)/.8


def test_empty_threat_corner_is_solved_not_divided_by_zero():
    """Fearon (1994) crisis game corner: p = a = 0 → q = 0; Ukraine always resists and Russia always backs down."""
    s = audience.solve(p=0.0, a=0.0)
    assert s.credibility == 0.0 and s.resist == 1.0 and s.war == 0.0 and s.russia_backs_down == 1.0
    assert audience.resist_probability(0.0, 0.5, 0.8) == 1.0


def test_audience_costs_cut_both_ways_on_war():
    """Chapter 8 claim (Fearon 1994): raising a can raise the chance of war (.6 → .6125 from a = 0 to .25 at
    the defaults) and then lower it (.5 at a = .5), because Ukraine concedes more as credibility rises."""
    assert audience.solve(a=0.0).war == pytest.approx(0.6)
    assert audience.solve(a=0.25).war == pytest.approx(0.85 * (1 / 0.85 - 0.6) / 0.8)
    assert audience.solve(a=0.25).war > audience.solve(a=0.0).war
    assert audience.solve(a=0.5).war == pytest.approx(0.5)


def test_war_peaks_where_ukraine_stops_resisting_for_sure():
    """Chapter 8 closed form (Fearon 1994 crisis game): P(war) peaks at q* = 1/(p + ū), a* = q*c̄ − p. Defaults:
    q* = 1/1.4, a* = 1/1.4 − 0.6 = 0.1143, peak P(war) = 0.7143."""
    a_star, war = audience.war_peak(0.6, 1.0, 0.8)
    assert a_star == pytest.approx(1 / 1.4 - 0.6)
    assert war == pytest.approx(1 / 1.4)
    assert round(a_star, 4) == 0.1143 and round(war, 4) == 0.7143


def test_war_peak_corners_are_clipped_to_the_declared_range():
    """If p + ū ≤ 1 the chance of war rises all the way (peak at q* = 1); if a costless retreat already gives
    q > q*, the peak is at a = 0."""
    a_star, war = audience.war_peak(0.2, 1.5, 0.3)  # q* = 1 needs a = 1.3 > 1: clipped to 1
    assert a_star == 1.0 and war == pytest.approx(audience.solve(p=0.2, a=1.0, c_bar=1.5, u_bar=0.3).war)
    a_star, war = audience.war_peak(0.9, 0.5, 1.0)  # q(0) = 1 > q* = 1/1.9
    assert a_star == 0.0 and war == pytest.approx(audience.solve(p=0.9, a=0.0, c_bar=0.5, u_bar=1.0).war)


@given(params_of(SPACE))
def test_war_peak_is_the_highest_point_of_the_curve(v):
    """The closed-form peak is at least as high as every point of a fine grid of audience costs."""
    a_star, war = audience.war_peak(v["p"], v["c_bar"], v["u_bar"])
    assert 0.0 <= a_star <= 1.0 and 0.0 <= war <= 1.0
    grid = audience.curves(201, **v)
    assert war >= float(grid["war"].max()) - 1e-9


def test_curves_match_solve_at_every_grid_point():
    """The vectorised curves give the same numbers as the scalar solution (one formula, two uses)."""
    c = audience.curves(11, p=0.4, c_bar=0.7, u_bar=0.5)
    for i, a in enumerate(c["a"]):
        s = audience.solve(p=0.4, a=float(a), c_bar=0.7, u_bar=0.5)
        assert c["credibility"][i] == pytest.approx(s.credibility)
        assert c["war"][i] == pytest.approx(s.war)
        assert c["concede"][i] == pytest.approx(s.concede)
        assert c["russia_backs_down"][i] == pytest.approx(s.russia_backs_down)


@pytest.mark.parametrize("n", [1, 402, 2.5, "41", None, True])
def test_curves_refuse_bad_grid_sizes(n):
    with pytest.raises(ParameterError, match="n = "):
        audience.curves(n)


@given(params_of(SPACE))
def test_outcomes_are_probabilities_that_sum_to_one(v):
    """Every parameter set in the declared ranges (corners included) gives valid probabilities."""
    s = audience.solve(**v)
    for value in (s.credibility, s.back_down, s.resist, s.concede, s.war, s.russia_backs_down):
        assert math.isfinite(value) and 0.0 <= value <= 1.0
    assert s.concede + s.war + s.russia_backs_down == pytest.approx(1.0)


@given(params_of(SPACE), value_of(SPACE["a"]))
def test_higher_audience_cost_means_more_credibility_fewer_climb_downs_more_concessions(v, a2):
    """Fearon (1994): higher audience costs make backing down less likely and the threat more credible,
    so the other side gives way at least as often."""
    lo, hi = sorted((v["a"], a2))
    s_lo, s_hi = audience.solve(**{**v, "a": lo}), audience.solve(**{**v, "a": hi})
    assert s_hi.credibility >= s_lo.credibility - 1e-12
    assert s_hi.back_down <= s_lo.back_down + 1e-12
    assert s_hi.russia_backs_down <= s_lo.russia_backs_down + 1e-12
    assert s_hi.concede >= s_lo.concede - 1e-12


@given(params_of(SPACE), value_of(SPACE["c_bar"]))
def test_a_wider_range_of_possible_russian_costs_lowers_credibility(v, c2):
    lo, hi = sorted((v["c_bar"], c2))
    assert audience.solve(**{**v, "c_bar": hi}).credibility <= audience.solve(**{**v, "c_bar": lo}).credibility + 1e-12


@given(params_of(SPACE), value_of(audience.COST))
def test_credibility_is_the_share_of_cost_types_that_stand_firm(v, c):
    """Fearon (1994) crisis game: q is the uniform probability over c in [0, c̄] of p − c > −a, so a cost
    type stands firm exactly when it lies below q·c̄ (while q < 1)."""
    assume(c <= v["c_bar"])
    q = audience.solve(**v).credibility
    assume(abs(c - q * v["c_bar"]) > 1e-9)
    firm = audience.stands_firm(v["p"], v["a"], c)
    assert firm == (v["p"] - c > -v["a"])
    if q < 1.0:
        assert firm == (c < q * v["c_bar"])


@given(params_of(SPACE), st.sampled_from(SPACE.names), st.data())
def test_bad_values_raise_parameter_error_naming_the_parameter(v, name, data):
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        audience.solve(**{**v, name: bad})
    with pytest.raises(ParameterError, match=name):
        audience.curves(11, **{**v, name: bad})


@given(st.data())
def test_public_helpers_refuse_bad_values(data):
    with pytest.raises(ParameterError, match="c = "):
        audience.stands_firm(0.5, 0.2, data.draw(bad_value_of(audience.COST)))
    with pytest.raises(ParameterError, match="q = "):
        audience.resist_probability(data.draw(bad_value_of(audience.CREDIBILITY)), 0.5, 0.8)


def test_unknown_parameter_is_refused():
    with pytest.raises(ParameterError, match="unknown"):
        audience.solve(audience_cost=0.3)


@given(params_of(SPACE))
def test_curves_are_finite(v):
    c = audience.curves(21, **v)
    for key in ("credibility", "concede", "war", "russia_backs_down"):
        assert np.all(np.isfinite(c[key])) and np.all((c[key] >= 0) & (c[key] <= 1))
