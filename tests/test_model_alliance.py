"""Chapter 4 model: alliance burden-sharing (Olson & Zeckhauser 1966; Bergstrom, Blume & Varian 1986) and a
wedge offered to one ally (our formalisation of Crawford 2011)."""
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import alliance
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = alliance.PARAMS
US, EU, FRONT = alliance.MEMBERS


def test_olson_zeckhauser_catalogue_check_one_contributor():
    """Olson–Zeckhauser with the Bergstrom–Blume–Varian Cobb-Douglas form: a = 0.2, resources 100/20/10 →
    only the largest member contributes and X = 0.2·100/(0.2 + 0.8) = 20."""
    p = alliance.contributions((100, 20, 10), 0.2)
    assert p.contributors == (US,)
    assert p.total == pytest.approx(20.0)
    assert p.contributions == pytest.approx((20.0, 0.0, 0.0))


def test_common_weight_closed_form_with_two_contributors():
    """Bergstrom–Blume–Varian (1986), Cobb-Douglas: X = a·Y_k/(a + k(1 − a)); a = 0.3, 100/80/10 gives k = 2,
    X = 0.3·180/1.7, and the third stays out because (1 − a)X/a ≥ 10."""
    a = 0.3
    p = alliance.contributions((100, 80, 10), a)
    x_total = a * 180 / (a + 2 * (1 - a))
    assert p.contributors == (US, EU)
    assert p.total == pytest.approx(x_total)
    assert p.contributions[0] == pytest.approx(100 - (1 - a) / a * x_total)
    assert p.contributions[1] == pytest.approx(80 - (1 - a) / a * x_total)
    assert 10 <= (1 - a) * x_total / a


def test_heterogeneous_weights_closed_form():
    """Equation (1) of the module (BBV with member-specific Cobb-Douglas weights): X = Y_C/(1 + Σ_C b_i),
    b_i = (1 − a_i)/a_i, at the chapter defaults where all three members give."""
    p = alliance.provision()
    b = [(1 - a) / a for a in p.weights]
    assert p.contributors == alliance.MEMBERS
    assert p.total == pytest.approx(sum(p.incomes) / (1 + sum(b)))
    for y, bi, x in zip(p.incomes, b, p.contributions):
        assert x == pytest.approx(y - bi * p.total)


def test_frontline_gives_most_relative_to_resources_at_the_defaults():
    """Olson–Zeckhauser predict the large member gives the largest share; a higher weight near the threat
    (our a_F) reverses that, as the donor data (share of GDP) do."""
    shares = alliance.provision().shares_of_resources
    assert shares[2] > shares[0] > shares[1]
    equal = alliance.provision(a_us=0.3, a_europe=0.3, a_front=0.3).shares_of_resources
    assert equal[0] >= equal[1] >= equal[2]


def test_wedge_on_a_free_rider_costs_only_the_exit_cost():
    """Our wedge (after Crawford 2011): a member that gives nothing loses no support by leaving, so s0 = 0 and
    s* = k·y; the coalition's support is unchanged."""
    w = alliance.wedge(a_us=0.2, a_europe=0.2, a_front=0.2, y_us=100, y_europe=20, y_front=10, target=FRONT)
    assert w.burden_shift == 0.0 and w.critical_side == pytest.approx(w.exit_cost * 10) and w.support_lost == 0.0


def test_wedge_catalogue_numbers_by_hand():
    """Wedge on the U.S. in the catalogue case a = 0.2, 100/20/10, k = 0: inside X = 20, U.S. keeps 80; outside,
    Europe alone gives X' = 0.2·20 = 4; s* = exp((0.8 ln 80 + 0.2 ln 20 − 0.2 ln 4)/0.8) − 100."""
    w = alliance.wedge(a_us=0.2, a_europe=0.2, a_front=0.2, y_us=100, y_europe=20, y_front=10, exit_cost=0)
    assert w.outside.total == pytest.approx(4.0)
    expected = math.exp((0.8 * math.log(80) + 0.2 * math.log(20) - 0.2 * math.log(4)) / 0.8) - 100
    assert w.critical_side == pytest.approx(expected)
    assert w.critical_side == pytest.approx(80 * 5 ** 0.25 - 100)  # = 80·(20/4)^{a/(1−a)} − 100 ≈ 19.63
    assert w.support_lost == pytest.approx(16.0)


def test_defaults_the_us_stays_then_leaves_when_the_offer_rises():
    """Wedge after Crawford (2011), our formalisation: at the defaults the U.S. stays; an offer above s* detaches it."""
    w = alliance.wedge()
    assert not w.leaves
    assert alliance.wedge(side=math.ceil(w.critical_side) + 1).leaves


def test_unknown_target_is_a_parameter_error():
    """Wedge after Crawford (2011): a target that is not a coalition member is a ParameterError."""
    with pytest.raises(ParameterError, match="target"):
        alliance.wedge(target="China")
    with pytest.raises(ParameterError, match="target"):
        alliance.wedge(target=3)


def test_incomes_must_be_three_numbers():
    """Olson–Zeckhauser (1966) with the BBV (1986) closed form: the common-weight helper needs three valid resource levels."""
    with pytest.raises(ParameterError, match="incomes"):
        alliance.contributions((100, 20), 0.2)
    with pytest.raises(ParameterError, match="y_europe"):
        alliance.contributions((100, float("nan"), 10), 0.2)


@given(params_of(SPACE))
def test_equilibrium_is_a_nash_equilibrium(v):
    """BBV (1986): contributors satisfy the first-order condition, non-contributors would not give at X."""
    p = alliance.provision(**v)
    assert p.total > 0 and math.isfinite(p.total)
    for y, a, x in zip(p.incomes, p.weights, p.contributions):
        b = (1 - a) / a
        assert 0.0 <= x <= y
        if x > 0:
            assert y - x == pytest.approx(b * p.total, rel=1e-9, abs=1e-9)
        else:
            assert a * y / (1 - a) <= p.total * (1 + 1e-12)
    assert sum(p.contributions) == pytest.approx(p.total)


@given(params_of(SPACE), st.sampled_from(alliance.MEMBERS))
def test_wedge_is_finite_and_consistent(v, target):
    """Wedge after Crawford (2011) on the BBV (1986) equilibrium: finite for every member and declared input; 'leaves' agrees with the utility comparison."""
    w = alliance.wedge(target=target, **v)
    for value in (w.utility_in, w.utility_out, w.critical_side, w.burden_shift, w.support_lost):
        assert math.isfinite(value)
    assert w.outside.total > 0
    assert w.support_lost >= -1e-9
    if abs(w.side - w.critical_side) > 1e-6:
        assert w.leaves == (w.utility_out > w.utility_in)


@given(params_of(SPACE))
def test_others_crowd_in_but_do_not_fully_replace_the_leaver(v):
    """BBV (1986) neutrality and partial crowding: when the U.S. leaves, nobody gives less, total falls."""
    w = alliance.wedge(**v)
    assert w.outside.total <= w.inside.total + 1e-9
    for m in (EU, FRONT):
        before = w.inside.contributions[alliance.MEMBERS.index(m)]
        assert w.outside_contribution(m) >= before - 1e-9


@given(params_of(SPACE), st.floats(0, 0.9))
def test_a_higher_weight_never_lowers_total_support(v, extra):
    """Bergstrom, Blume & Varian (1986): a member valuing the public good more never lowers total provision."""
    for name in ("a_us", "a_europe", "a_front"):
        raised = min(SPACE[name].hi, v[name] + extra)
        assert alliance.provision(**{**v, name: raised}).total >= alliance.provision(**v).total - 1e-9


@given(params_of(SPACE), st.floats(0, 0.4))
def test_a_higher_exit_cost_raises_the_price_one_for_one(v, extra):
    """s* = k·y + s0: raising k by Δ raises the U.S. price by Δ·y_US and changes nothing else."""
    k = min(SPACE["exit_cost"].hi, v["exit_cost"] + extra)
    a, b = alliance.wedge(**v), alliance.wedge(**{**v, "exit_cost": k})
    tolerance = 1e-9 + 1e-12 * abs(a.critical_side)  # s0 can be huge when a_US is near 1: float spacing
    assert b.critical_side - a.critical_side == pytest.approx((k - v["exit_cost"]) * v["y_us"], abs=tolerance)
    assert b.burden_shift == a.burden_shift


@pytest.mark.parametrize("name", SPACE.names)
@given(data=st.data())
def test_every_bad_input_raises_parameter_error(name, data):
    """Olson–Zeckhauser / BBV burden-sharing and the wedge: bad inputs raise ParameterError naming the parameter."""
    bad = data.draw(bad_value_of(SPACE[name]))
    for fn in (alliance.provision, alliance.wedge):
        with pytest.raises(ParameterError) as err:
            fn(**{name: bad})
        assert name in str(err.value)


def test_unpaid_exit_window_edges_re_derived_by_hand():
    """Model: alliance (the book's wedge on Bergstrom–Blume–Varian). At the opening values the U.S. starts to give
    where its stand-alone level a·y/(1 − a) reaches the others' total without it,
    X' = (75 + 10)/(1 + 7/3 + 1/4) = 23.72, so a = X'/(y + X') = 0.1917; s0 < 0 just inside each edge and not
    outside it."""
    d = alliance.PARAMS.defaults()
    w = alliance.unpaid_exit_window()
    x_out = (d["y_europe"] + d["y_front"]) / (1 + (1 - d["a_europe"]) / d["a_europe"] + (1 - d["a_front"]) / d["a_front"])
    assert w.a_us_gives == pytest.approx(x_out / (d["y_us"] + x_out), abs=1e-9)
    assert w.a_us_gives == pytest.approx(0.1917, abs=1e-4)
    assert w.a_us_stays == pytest.approx(0.4813, abs=1e-3)
    assert w.y_europe_min == pytest.approx(33.42, abs=0.01)
    eps = 1e-3
    assert alliance.wedge(a_us=w.a_us_gives - eps).burden_shift == 0.0
    assert alliance.wedge(a_us=w.a_us_gives + eps).burden_shift < 0
    assert alliance.wedge(a_us=w.a_us_stays - eps).burden_shift < 0
    assert alliance.wedge(a_us=w.a_us_stays + eps).burden_shift > 0
    assert alliance.wedge(y_europe=w.y_europe_min - 0.01).burden_shift > 0
    assert alliance.wedge(y_europe=w.y_europe_min + 0.01).burden_shift < 0


def test_unpaid_exit_window_holds_across_it():
    """Model: alliance. Between the edges, s0 < 0 at every grid point (the chapter's 'window' sentence)."""
    w = alliance.unpaid_exit_window()
    for i in range(1, 40):
        a = w.a_us_gives + (w.a_us_stays - w.a_us_gives) * i / 40
        assert alliance.wedge(a_us=a).burden_shift < 0, a
    for i in range(1, 40):
        y = w.y_europe_min + (100 - w.y_europe_min) * i / 40
        assert alliance.wedge(y_europe=y).burden_shift < 0, y


def test_unpaid_exit_window_refuses_values_where_s0_is_not_negative():
    """Model: alliance. Outside the region the window is undefined: a clear ParameterError naming the values."""
    with pytest.raises(ParameterError, match="a_us = 0.6"):
        alliance.unpaid_exit_window(a_us=0.6)


def test_in_the_window_only_the_exit_cost_keeps_the_us_in():
    """Model: alliance (the book's wedge). Review r11, defect 3: across the U.S.-weight window (other opening
    values) s0 < 0, so with k = 0 the U.S. would leave unpaid, yet at the opening k the price s* = k·y + s0 stays
    positive, so unpaid it stays. The U.S. is not the largest contributor across the whole window (at a_us = 0.20 it
    gives 2.4 against Europe's 18.1), which is why the chapter names the U.S. rather than 'the largest contributor'."""
    w = alliance.unpaid_exit_window()
    for i in range(1, 40):
        a = w.a_us_gives + (w.a_us_stays - w.a_us_gives) * i / 40
        assert alliance.wedge(a_us=a, exit_cost=0).critical_side < 0, a
        assert alliance.wedge(a_us=a).critical_side > 0, a
    low = alliance.wedge(a_us=0.20).inside.contributions
    assert low[0] < low[1]
