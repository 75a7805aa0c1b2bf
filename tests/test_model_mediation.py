"""Chapter 6 model: a biased mediator's credibility (after Kydd 2003) and leverage in chapter 1's model
(Fearon 1995; Rubinstein 1982), re-derived by hand."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territorial_trap_workbook.models import bargaining, mediation
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of

SPACE = mediation.PARAMS
LEV = mediation.LEVERAGE_PARAMS


def _repair(v):
    """Move a draw inside the joint condition (no filtering, so hypothesis never runs short of examples)."""
    v = dict(v)
    if "c_irr" in v and v["c_irr"] <= v["c_res"]:
        lo, hi = sorted((v["c_res"], v["c_irr"]))
        if hi - lo < 0.01:
            lo, hi = (lo, lo + 0.01) if lo <= 0.49 else (0.49, 0.5)
        v["c_res"], v["c_irr"] = lo, hi
    if "aid" in v:
        v["aid"] = min(v["aid"], v["p"])
        v["sanctions"] = min(v["sanctions"], 0.5 - v["c_R"])
    return v


def valid(space):
    """Declared ranges, moved inside the joint condition (so the draw is a valid call)."""
    return params_of(space).map(_repair)


# --- worked examples --------------------------------------------------------------------------------------


def test_worked_example_defaults():
    """Mediation model (after Kydd 2003): with p=.6, c_U=.15, c_res=.05, c_irr=.3 the offers are .55 and .30,
    G=.25, L=.20, Ukraine's threshold 5/9; q=.5, a=.8 give beliefs .2 and .8; w_min = .22/.36 = 11/18."""
    m = mediation.solve()
    assert (m.r_hi, m.r_lo) == pytest.approx((0.55, 0.30))
    assert (m.gain, m.loss) == pytest.approx((0.25, 0.20))
    assert m.ukraine_threshold == pytest.approx(5 / 9)
    assert (m.mu_weak, m.mu_strong) == pytest.approx((0.2, 0.8))
    assert m.w_min == pytest.approx(11 / 18)
    assert m.credible and m.decisive
    # credible advice: war only when the signal wrongly said "irresolute"
    assert m.p_war == pytest.approx(0.5 * 0.2)
    assert m.p_war_without == pytest.approx(0.5)        # q < 5/9: on its prior Ukraine is firm
    assert m.ukraine_value == pytest.approx(0.4 * 0.7 + 0.1 * 0.25 + 0.5 * 0.45)
    assert m.ukraine_value_without == pytest.approx(0.475)


def test_even_handed_peace_loving_mediator_is_not_credible():
    """Kydd (2003): a mediator that only wants peace (w = ½, k > 0) cannot credibly say "stand firm"."""
    m = mediation.solve(w=0.5, k=0.1)
    assert m.decisive and not m.credible
    assert m.p_war == m.p_war_without


def test_perfect_information_needs_only_a_lean_towards_the_advised_side():
    """With an accurate signal (a = 1) the belief after "irresolute" is 0, so w_min = ½ (derived in the
    module)."""
    m = mediation.solve(accuracy=1.0)
    assert m.mu_weak == 0 and m.mu_strong == 1
    assert m.w_min == pytest.approx(0.5)
    assert mediation.solve(accuracy=1.0, w=0.45).credible is False
    assert mediation.solve(accuracy=1.0, w=0.5).credible is True


def test_posteriors_by_bayes_rule():
    """Bayes' rule: q = .3, a = .9 → μ_w = .03/.66, μ_s = .27/.34."""
    weak, strong = mediation.posteriors(0.3, 0.9)
    assert weak == pytest.approx(0.03 / 0.66)
    assert strong == pytest.approx(0.27 / 0.34)


def test_leverage_closed_form_shift():
    """Leverage in chapter 1's model (Fearon 1995; Rubinstein 1982): away from the clips the deal moves by
    −Δp − (1 − s)Δc, with s = 0.1/0.19 at δ = 0.9."""
    lev = mediation.apply_leverage(aid=0.1, sanctions=0.1)
    s = 0.1 / 0.19
    assert lev.deal_shift == pytest.approx(-0.1 - (1 - s) * 0.1)
    assert lev.before.deal == pytest.approx(bargaining.solve().deal)


def test_aid_can_end_the_talks_by_making_the_walkout_bind():
    """Chapter 1's outside-option logic: aid lowers Ukraine's limit p + c_U; once it falls below Russia's
    walk-out value there is no deal (p = .6, c_U = .15, walk-out .7, aid .1 → limit .65 < .7). Before the aid
    the walk-out binds and chapter 1's exact game gives (1 − δ_U)·.75 + δ_U·.7 = .705."""
    lev = mediation.apply_leverage(walkout=0.7, aid=0.1, sanctions=0.0)
    assert lev.before.deal == pytest.approx(0.705)
    assert lev.after.deal is None and lev.talks_collapse


def test_sanctions_alone_never_move_ukraines_limit():
    """Fearon's range: sanctions raise c_R, which moves only the lower edge p − c_R."""
    lev = mediation.apply_leverage(aid=0.0, sanctions=0.2)
    assert lev.after.upper == lev.before.upper
    assert lev.after.lower == pytest.approx(lev.before.lower - 0.2)


# --- corners and validation -------------------------------------------------------------------------------


def test_types_must_be_ordered():
    """Mediation model (after Kydd 2003): the joint corner c_irr ≤ c_res is excluded by the declaration."""
    with pytest.raises(ParameterError, match="c_irr = 0.05 must exceed c_res = 0.05"):
        mediation.solve(c_res=0.05, c_irr=0.05)


def test_leverage_corners_are_excluded():
    """Leverage in chapter 1's model (Fearon 1995): aid > p and c_R + sanctions > 0.5 are refused."""
    with pytest.raises(ParameterError, match="aid = 0.3 exceeds p = 0.2"):
        mediation.apply_leverage(p=0.2, aid=0.3)
    with pytest.raises(ParameterError, match="exceeds 0.5"):
        mediation.apply_leverage(c_R=0.4, sanctions=0.2)


def test_zero_war_costs_corner_is_solved():
    """G + L = 0 (p = 0, c_U = 0): Ukraine is indifferent; threshold set to 0, no NaN."""
    m = mediation.solve(p=0.0, c_U=0.0)
    assert m.ukraine_threshold == 0.0 and not m.decisive
    assert all(math.isfinite(x) for x in (m.p_war, m.ukraine_value, m.mediator_threshold))


@pytest.mark.parametrize("name", SPACE.names)
@given(data=st.data())
def test_bad_values_raise_parameter_error(name, data):
    """Mediation model (after Kydd 2003): out-of-range, non-finite or mistyped values raise ParameterError
    naming the parameter."""
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        mediation.solve(**{name: bad})


@pytest.mark.parametrize("name", ["aid", "sanctions"])
@given(data=st.data())
def test_bad_leverage_values_raise_parameter_error(name, data):
    """Leverage model (Fearon 1995 range): bad lever values raise ParameterError naming the parameter."""
    bad = data.draw(bad_value_of(LEV[name]))
    with pytest.raises(ParameterError, match=name):
        mediation.apply_leverage(**{name: bad})


def test_sweep_rejects_bad_n():
    """Mediation model (after Kydd 2003): the bias sweep refuses a bad number of points."""
    for n in (1, 500, 2.5, True, "9"):
        with pytest.raises(ParameterError, match="n = "):
            mediation.sweep_bias({}, n=n)


# --- properties -------------------------------------------------------------------------------------------


@given(params_of(SPACE))
def test_every_call_returns_a_valid_result_or_parameter_error(v):
    """Any declared-range draw, including the joint corner c_irr ≤ c_res: valid result or ParameterError."""
    try:
        m = mediation.solve(**v)
    except ParameterError:
        assert v["c_irr"] <= v["c_res"]
        return
    for x in (m.mu_weak, m.mu_strong, m.ukraine_threshold, m.mediator_threshold, m.p_war, m.p_war_without):
        assert math.isfinite(x) and 0.0 <= x <= 1.0
    assert math.isfinite(m.ukraine_value) and math.isfinite(m.ukraine_value_without)
    assert m.w_min is None or 0.5 <= m.w_min <= 1.0


@given(valid(SPACE))
def test_bayes_moves_beliefs_in_the_right_direction(v):
    """Mediation model (after Kydd 2003), Bayes' rule: μ_w ≤ q ≤ μ_s for every declared parameter set."""
    m = mediation.solve(**v)
    assert m.mu_weak <= v["q"] + 1e-12 <= m.mu_strong + 2e-12


@given(valid(SPACE))
def test_mediator_is_never_more_eager_to_fight_than_ukraine(v):
    """The lemma behind the credibility condition: μ_M ≤ μ_U."""
    m = mediation.solve(**v)
    assert m.mediator_threshold <= m.ukraine_threshold + 1e-12


@given(valid(SPACE))
def test_credibility_is_exactly_w_at_least_w_min(v):
    """The closed form w_min agrees with the incentive check whenever advice would matter."""
    m = mediation.solve(**v)
    if not m.decisive:
        return
    if m.w_min is None:
        assert not m.credible
    elif abs(v["w"] - m.w_min) > 1e-9:
        assert m.credible == (v["w"] > m.w_min)


@given(valid(SPACE), st.floats(0, 1))
def test_more_bias_towards_ukraine_never_destroys_credibility(v, w2):
    """Mediation model (after Kydd 2003): the credible biases form an interval [w_min, 1]."""
    m1 = mediation.solve(**v)
    if not (m1.decisive and m1.credible and w2 >= v["w"]):
        return
    assert mediation.solve(**{**v, "w": w2}).credible


@given(valid(SPACE), st.floats(0, 0.5))
def test_a_mediator_that_dreads_war_more_needs_more_bias(v, k2):
    """Mediation model (after Kydd 2003): w_min never falls as the mediator's own cost of war k rises."""
    m1, m2 = mediation.solve(**v), mediation.solve(**{**v, "k": k2})
    if m1.w_min is None or k2 < v["k"]:
        return
    assert m2.w_min is None or m2.w_min >= m1.w_min - 1e-12


@given(valid(SPACE))
def test_credible_advice_never_hurts_ukraine_but_can_raise_the_risk_of_war(v):
    """Value of information: following credible advice is at least as good for Ukraine as its prior choice.
    The risk of war falls if Ukraine would have been firm anyway, and rises (from 0 to q(1 − a)) if it would
    have been generous: credible advice emboldens as well as restrains."""
    m = mediation.solve(**v)
    assert m.ukraine_value >= m.ukraine_value_without - 1e-12
    if m.informative:
        assert m.p_war == pytest.approx(v["q"] * (1 - v["accuracy"]))
        if m.p_war_without > 0:
            assert m.p_war <= m.p_war_without + 1e-12
        else:
            assert m.p_war >= 0.0


@given(valid(LEV))
def test_leverage_never_raises_russias_deal(v):
    """Lower p and higher c_R move chapter 1's deal towards Ukraine (or end the talks)."""
    lev = mediation.apply_leverage(**v)
    if lev.deal_shift is not None:
        assert lev.deal_shift <= 1e-12
    assert lev.after.upper <= lev.before.upper + 1e-12
    assert lev.after.lower <= lev.before.lower + 1e-12


@given(params_of(LEV))
def test_leverage_returns_valid_result_or_parameter_error(v):
    """Leverage in chapter 1's model (Fearon 1995; Rubinstein 1982): any declared draw gives a valid range and
    deal, or ParameterError at an excluded corner."""
    try:
        lev = mediation.apply_leverage(**v)
    except ParameterError:
        assert v["aid"] > v["p"] or v["c_R"] + v["sanctions"] > 0.5
        return
    for b in (lev.before, lev.after):
        assert 0.0 <= b.lower <= b.upper <= 1.0
        assert b.deal is None or b.lower - 1e-12 <= b.deal <= b.upper + 1e-12


@given(valid(LEV))
def test_leverage_shift_matches_the_closed_form_inside_the_range(v):
    """Δx = −Δp − (1 − s)Δc when no edge is clipped and the walk-out does not bind before or after."""
    lev = mediation.apply_leverage(**v)
    b, a = lev.before, lev.after
    if not (v["p"] - v["c_R"] - v["aid"] - v["sanctions"] >= 0 and v["p"] + v["c_U"] <= 1):
        return
    if b.walkout_binds or a.walkout_binds or b.deal is None or a.deal is None:
        return
    assert lev.deal_shift == pytest.approx(-v["aid"] - (1 - b.share) * v["sanctions"], abs=1e-9)


@given(valid(SPACE))
def test_credibility_matches_an_independent_incentive_check(v):
    """Mediation model (after Kydd 2003), re-derived from payoffs: honest advice is an equilibrium iff the
    mediator (weights w on Ukraine, 1 − w on Russia, own war cost k) weakly prefers the advised offer after
    each signal. Payoffs are computed here from chapter 1's floors, not from the module's formulas."""
    m = mediation.solve(**v)
    p, c_u, w, k = v["p"], v["c_U"], v["w"], v["k"]
    r_hi, r_lo = max(0.0, p - v["c_res"]), max(0.0, p - v["c_irr"])

    def mediator(offer_firm, resolved):
        if offer_firm and resolved:  # war
            return w * (1 - p - c_u) + (1 - w) * (p - v["c_res"]) - k
        x = r_lo if offer_firm else r_hi
        return w * (1 - x) + (1 - w) * x

    def prefers_firm_margin(mu):
        return (mu * mediator(True, True) + (1 - mu) * mediator(True, False)
                - mu * mediator(False, True) - (1 - mu) * mediator(False, False))

    honest = prefers_firm_margin(m.mu_weak) >= -1e-12 and prefers_firm_margin(m.mu_strong) <= 1e-12
    margins = (abs(prefers_firm_margin(m.mu_weak)), abs(prefers_firm_margin(m.mu_strong)))
    if r_hi - r_lo <= 0:  # both offers coincide: no war can occur, credibility does not arise (None)
        assert m.credible is None
    elif min(margins) > 1e-9:  # away from exact ties
        assert m.credible == honest


@given(valid(SPACE))
def test_credibility_is_not_judged_where_no_war_can_occur(v):
    """Issue 11: with p ≤ c_res both offers are 0 (more generally, whenever the firm and the generous offer
    coincide), every offer is accepted and war is impossible; the model reports credible = None (the question
    does not arise), never False."""
    m = mediation.solve(**v)
    if v["p"] <= v["c_res"]:
        assert m.gain == 0
    if m.gain == 0:
        assert m.gain == 0 and m.p_war == 0 and m.p_war_without == 0
        assert m.credible is None and not m.informative
        assert "No war can occur" in m.verdict
    else:
        assert m.credible in (True, False)
