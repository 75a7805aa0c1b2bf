"""Chapter 13 capstone: the chain of earlier chapters' models (attrition → contest → bargaining, audience,
winsets → escalation) re-derived step by step from the imported modules."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territorial_trap_workbook.models import (attrition, audience, bargaining, capstone, contest, escalation,
                                              winsets)
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of

SPACE = capstone.PARAMS


def test_declarations_are_reused_not_retyped():
    """The capstone declares no range twice: its sliders are the earlier chapters' own Params."""
    assert SPACE["aid"] is contest.PARAMS["aid"]
    assert SPACE["aid_fatigue"] is attrition.PARAMS["aid_fatigue"]
    q, w = SPACE["rigidity_R"], winsets.PARAMS["rigidity_R"]  # same range; meaning says it pulls from L_a here
    assert (q.lo, q.hi, q.step, q.default) == (w.lo, w.hi, w.step, w.default) and "L_a" in q.meaning
    assert SPACE["c_R"] is bargaining.PARAMS["c_R"]
    assert (SPACE["a"].lo, SPACE["a"].hi) == (audience.PARAMS["a"].lo, audience.PARAMS["a"].hi)
    assert (SPACE["c_bar"].lo, SPACE["c_bar"].hi) == (escalation.PARAMS["c_bar"].lo, escalation.PARAMS["c_bar"].hi)


def test_defaults_step_by_step():
    """Capstone at its defaults, each step recomputed by hand from the chapters' closed forms:
    aid 20·0.99¹² (chapter 3), Tullock p_U = m_U/(m_U + m_R) with m_U = 0.34·100·0.8 + A_T (chapter 10),
    audience floor (p − c_R + a)/(1 + a) (chapter 8 in chapter 1's terms), chapter 2's pulls."""
    s = capstone.solve()
    A_T = 20 * 0.99 ** 12
    assert s.aid_now == pytest.approx(A_T)
    m_U = 0.34 * 100 * 0.8 + A_T
    p = 1 - m_U / (m_U + 60)
    assert s.p == pytest.approx(p)
    assert (s.lower, s.upper) == pytest.approx((p - 0.1, p + 0.15))
    L_a = (p - 0.1 + 0.3) / 1.3
    assert s.floor_audience == pytest.approx(L_a)
    assert s.r_R == pytest.approx(0.8 * L_a + 0.2)
    assert s.r_U == pytest.approx(0.9 * (p + 0.15))
    assert not s.overlap and s.deal is None
    assert round(s.p, 2) == 0.57 and round(-s.gap, 2) == 0.03


def test_chance_of_war_is_chapter_twelves_extension():
    """The chance of war is escalation.constrained_demand with step 5's floor r_R (one Russian floor in both
    steps), Ukraine's pull and the audience cost (Fearon 1995; Powell 1999; Fearon 1994)."""
    s = capstone.solve()
    g = escalation.constrained_demand(p=s.p, c_R=0.1, c_bar=0.3, floor=s.r_R, rigidity_U=0.1, a=0.3)
    assert (s.demand, s.p_war) == pytest.approx((g.demand, g.p_war))


@settings(max_examples=60, deadline=None)
@given(v=st.fixed_dictionaries({q.name: (st.integers(int(q.lo), int(q.hi)) if q.integer
                                         else st.floats(q.lo, q.hi)) for q in capstone.PARAMS.params}))
def test_russias_demand_never_below_its_ratifiable_floor(v):
    """Steps 5 and 6 use one floor: Russia's best demand is never below r_R (a review found it below step 5's
    floor in most of the box when step 6 used chapter 2's floor)."""
    s = capstone.solve(**v)
    assert s.demand >= s.r_R - 1e-12
    assert capstone.separate_floor(**v) <= s.r_R + 1e-12  # "the compounded floor is never lower"


def test_separate_floor_is_the_alternative_reading():
    """Taking the audience cost and the law as separate hurdles, Russia's floor is max(L_a, chapter 2's legal
    floor); it is never above the compounded r_R, and at the defaults it opens a range (r_U − 0.5937 ≈ 0.056)."""
    s = capstone.solve()
    law_floor, _ = winsets.ratification_limits(s.p, 0.1, 0.15, 0.2, 0.1)
    alt = capstone.separate_floor()
    assert alt == pytest.approx(max(s.floor_audience, law_floor))
    assert alt <= s.r_R and alt < s.r_U < s.r_R
    assert round(s.r_U - alt, 3) == 0.056


def test_without_law_and_audience_the_capstone_is_chapter_one():
    """λ_R = λ_U = a = 0: the ratifiable range is chapter 1's range and the deal its Rubinstein split (Fearon 1995;
    Rubinstein 1982); the chance of war is chapter 12's closed form (c̄ − c_A)/(2c̄)."""
    s = capstone.solve(rigidity_R=0.0, rigidity_U=0.0, a=0.0)
    assert (s.r_R, s.r_U) == pytest.approx((s.lower, s.upper))
    b = bargaining.solve(p=s.p, c_R=0.1, c_U=0.15, walkout=0.0)
    assert s.deal == pytest.approx(b.inside)
    assert s.p_war == pytest.approx((0.3 - 0.1) / 0.6)


@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 1))
def test_audience_floor_matches_fearons_condition_at_full_climb_down(p, c, a):
    """Chapter 8 (Fearon 1994): the leader stands firm rather than back down fully iff p − c + a > 0; the
    capstone's floor (p − c + a)/(1 + a) is positive exactly then."""
    floor = capstone.audience_floor(p, c, a)
    assert floor == pytest.approx(min(1.0, max(0.0, (p - c + a) / (1 + a))))
    assert (floor > 0) == audience.stands_firm(p, a, c)


def test_audience_floor_worked_example():
    """Capstone step 4 (Fearon 1994 in chapter 1's terms): p = .6, c_R = .1, a = .25 → (0.75)/(1.25) = 0.6;
    a = 0 gives chapter 1's floor p − c_R = 0.5."""
    assert capstone.audience_floor(0.6, 0.1, 0.25) == pytest.approx(0.6)
    assert capstone.audience_floor(0.6, 0.1, 0.0) == pytest.approx(0.5)
    with pytest.raises(ParameterError, match="a = 2"):
        capstone.audience_floor(0.6, 0.1, 2)


def test_levers_each_open_the_default_stalemate_except_aid_fatigue():
    """At the defaults no ratifiable settlement exists; setting aside either constitution or the audience cost
    opens one; removing aid fatigue does not (it lowers p, which moves both limits)."""
    lev = capstone.levers()
    assert not lev["As set"].overlap
    opened = {k: v.overlap for k, v in lev.items()}
    assert opened["Russia's constitution set aside (λ_R = 0)"]
    assert opened["Ukraine's constitution set aside (λ_U = 0)"]
    assert opened["No audience cost for the Kremlin (a = 0)"]
    assert not opened["No aid fatigue (g = 0)"]


@given(params_of(SPACE))
def test_every_scenario_is_valid(v):
    s = capstone.solve(**v)
    for x in (s.aid_now, s.p, s.lower, s.upper, s.floor_audience, s.r_R, s.r_U, s.demand, s.p_war):
        assert math.isfinite(x)
    assert 0 < s.p < 1
    assert 0 <= s.lower <= s.upper <= 1 and 0 <= s.r_R <= 1 and 0 <= s.r_U <= 1
    assert 0 <= s.p_war <= 1 and 0 <= s.demand <= 1
    assert (s.deal is None) == (not s.overlap)
    if s.deal is not None:
        assert s.r_R - 1e-12 <= s.deal <= s.r_U + 1e-12
    assert s.r_R >= s.lower - 1e-12  # law and audience never lower Russia's floor
    assert s.r_U <= s.upper + 1e-12  # Ukraine's law never raises its limit


@given(params_of(SPACE), st.floats(0, 1))
def test_more_russian_legal_rigidity_never_opens_a_range(v, extra):
    """Chapter 2 (Putnam 1988): raising λ_R raises Russia's floor; an absent overlap never reappears."""
    higher = {**v, "rigidity_R": min(1.0, v["rigidity_R"] + extra)}
    a, b = capstone.solve(**v), capstone.solve(**higher)
    assert b.r_R >= a.r_R - 1e-12
    assert b.gap <= a.gap + 1e-12


@given(params_of(SPACE), st.floats(0, 1))
def test_higher_audience_cost_never_lowers_russias_floor(v, extra):
    """Chapter 8 in the capstone: (p − c_R + a)/(1 + a) rises with a because p − c_R < 1."""
    higher = {**v, "a": min(1.0, v["a"] + extra)}
    assert capstone.solve(**higher).r_R >= capstone.solve(**v).r_R - 1e-12


@given(params_of(SPACE))
def test_over_time_matches_solve(v):
    t = capstone.over_time(12, **v)
    for i, m in enumerate(t["month"]):
        s = capstone.solve(**{**v, "months": int(m)})
        assert t["p"][i] == pytest.approx(s.p) and t["p_war"][i] == pytest.approx(s.p_war)


@given(st.sampled_from(SPACE.names), st.data())
def test_bad_values_raise_parameter_error_naming_the_parameter(name, data):
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        capstone.solve(**{name: bad})
    with pytest.raises(ParameterError, match=name):
        capstone.levers(**{name: bad})


@given(bad_value_of(capstone.Param("step", "", "", 1, 48, 1, 4, "", integer=True)))
def test_bad_step_raises_parameter_error(step):
    with pytest.raises(ParameterError, match="step"):
        capstone.over_time(step)


@pytest.mark.parametrize("name", ["a", "rigidity_R", "rigidity_U", "c_R", "c_U", "m_R", "aid"])
def test_deadlock_edge_is_where_the_gap_changes_sign(name):
    """deadlock_edge (chapter 13's 'how much rests on the defaults'): at the returned value the ratifiable width
    r_U − r_R is zero, and just inside it the walls are crossed as at the defaults, just beyond they are not."""
    x = capstone.deadlock_edge(name)
    d = SPACE.defaults()[name]
    assert x is not None and SPACE[name].lo <= x <= SPACE[name].hi
    assert capstone.solve(**{name: x}).gap == pytest.approx(0.0, abs=1e-9)
    inside, beyond = x + 1e-6 * (d - x) / abs(d - x), x - 1e-6 * (d - x) / abs(d - x)
    assert capstone.solve(**{name: inside}).gap < 0 < capstone.solve(**{name: beyond}).gap


@pytest.mark.parametrize("name", ["aid_fatigue", "months", "c_bar"])
def test_deadlock_edge_is_none_where_no_value_opens_a_range(name):
    """A full scan of the declared range at a fine grid: the gap never changes sign, and the function says None."""
    q = SPACE[name]
    xs = [q.lo + (q.hi - q.lo) * i / 200 for i in range(201)]
    if q.integer:
        xs = sorted({round(x) for x in xs})
    assert all(capstone.solve(**{name: x}).gap < 0 for x in xs)
    assert capstone.deadlock_edge(name) is None


def test_deadlock_edge_from_an_open_range_finds_where_it_closes():
    """Starting where a range exists (a = 0), the edge is the same crossing point, approached from the other side."""
    assert capstone.deadlock_edge("a", a=0.0) == pytest.approx(capstone.deadlock_edge("a"), abs=1e-9)


def test_deadlock_edge_refuses_an_unknown_parameter():
    with pytest.raises(ParameterError, match="parameter"):
        capstone.deadlock_edge("delta")


def test_deadlock_share_recounts_the_same_draws():
    """deadlock_share re-derived: the same generator, seed and order of draws (PARAMS order, months whole),
    counted by hand."""
    import numpy as np
    rng = np.random.default_rng(5)
    crossed = 0
    for _ in range(40):
        v = {}
        for q in SPACE.params:
            v[q.name] = int(rng.integers(int(q.lo), int(q.hi) + 1)) if q.integer else float(rng.uniform(q.lo, q.hi))
        crossed += capstone.solve(**v).gap < 0
    assert capstone.deadlock_share(draws=40, seed=5) == crossed / 40
    assert 0.0 <= capstone.deadlock_share(draws=7, seed=1) <= 1.0
