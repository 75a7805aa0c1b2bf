"""Chapter 1 model (Fearon 1995; Rubinstein 1982; Binmore, Shaked & Sutton 1989) re-derived."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import bargaining
from territorial_trap_workbook.params import ParameterError

from strategies import params_of, value_of

SPACE = bargaining.PARAMS


def test_rubinstein_share_at_point_nine_is_0_526():
    """Rubinstein (1982): (1 − δ2)/(1 − δ1δ2) = 0.1/0.19 at δ = 0.9."""
    assert bargaining.rubinstein_share(0.9, 0.9) == pytest.approx(0.1 / 0.19)
    assert round(bargaining.rubinstein_share(0.9, 0.9), 3) == 0.526


def test_fearon_range_closed_form():
    """Fearon (1995): the range is [p − c_A, p + c_B]."""
    assert bargaining.bargaining_range(0.6, 0.1, 0.15) == pytest.approx((0.5, 0.75))


def test_perfect_patience_corner_is_excluded_by_the_declaration():
    with pytest.raises(ParameterError, match=r"delta_R = 1\.0 is out of range"):
        bargaining.solve(delta_R=1.0, delta_U=1.0)


@given(params_of(SPACE))
def test_solution_is_always_valid(v):
    b = bargaining.solve(**v)
    assert 0.0 <= b.lower <= b.upper <= 1.0
    assert 0.0 <= b.share <= 1.0
    assert b.lower - 1e-12 <= b.inside <= b.upper + 1e-12
    if b.deal is not None:
        assert b.lower - 1e-12 <= b.deal <= b.upper + 1e-12


@given(params_of(SPACE), st.floats(0, 0.5), st.floats(0, 0.5))
def test_range_widens_as_either_cost_rises(v, extra_R, extra_U):
    lo, hi = bargaining.bargaining_range(v["p"], v["c_R"], v["c_U"])
    c_R, c_U = min(0.5, v["c_R"] + extra_R), min(0.5, v["c_U"] + extra_U)
    lo2, hi2 = bargaining.bargaining_range(v["p"], c_R, c_U)
    assert lo2 <= lo and hi2 >= hi


@given(params_of(SPACE))
def test_demand_above_ukraines_limit_leaves_no_acceptable_deal(v):
    limit = min(1.0, v["p"] + v["c_U"])
    assume(v["demand"] > limit)
    assert not bargaining.solve(**v).demand_acceptable


@given(params_of(SPACE))
def test_walkout_worth_less_than_inside_share_changes_nothing(v):
    b = bargaining.solve(**v)
    assume(v["walkout"] <= b.inside)
    assert b.deal == pytest.approx(b.inside)
    assert not b.walkout_binds


@given(params_of(SPACE))
def test_binding_walkout_moves_the_deal_exactly_to_its_value_or_ends_talks(v):
    b = bargaining.solve(**v)
    assume(v["walkout"] > b.inside)
    if v["walkout"] <= b.upper:
        assert b.deal == pytest.approx(v["walkout"])
    else:
        assert b.deal is None


@given(value_of(SPACE["delta_R"]), value_of(SPACE["delta_U"]), value_of(SPACE["delta_U"]))
def test_a_more_patient_responder_gets_more(d1, d2a, d2b):
    lo, hi = sorted((d2a, d2b))
    assert bargaining.rubinstein_share(d1, hi) <= bargaining.rubinstein_share(d1, lo) + 1e-12
