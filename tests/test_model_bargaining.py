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
def test_walkout_worth_less_than_russias_share_as_responder_changes_nothing(v):
    b = bargaining.solve(**v)
    assume(v["walkout"] <= b.threshold)
    assert b.deal == pytest.approx(b.inside)
    assert not b.walkout_binds


@given(params_of(SPACE))
def test_binding_walkout_sets_the_deal_by_the_exact_formula_or_ends_talks(v):
    b = bargaining.solve(**v)
    assume(v["walkout"] > b.threshold)
    if v["walkout"] <= b.upper:
        assert b.deal == pytest.approx((1 - v["delta_U"]) * b.upper + v["delta_U"] * v["walkout"])
    else:
        assert b.deal is None


@given(value_of(SPACE["delta_R"]), value_of(SPACE["delta_U"]), value_of(SPACE["delta_U"]))
def test_a_more_patient_responder_gets_more(d1, d2a, d2b):
    lo, hi = sorted((d2a, d2b))
    assert bargaining.rubinstein_share(d1, hi) <= bargaining.rubinstein_share(d1, lo) + 1e-12


# --------------------------------------------------------------- the exact game with an outside option (issue 11)
def backward_induction(lower, upper, d_R, d_U, w, rounds=4000):
    """An independent solver: finite-horizon backward induction of the alternating-offers game.

    Russia proposes in even rounds, Ukraine in odd ones; each round without agreement pays both the war's
    per-round value (so fighting for ever is worth ``lower`` / ``1 − upper``); Russia may take w and end the
    talks whenever it moves. After the last round the war goes on for ever. Returns Russia's value at round 0,
    or None when Russia walks out at once. The finite-horizon equilibrium converges to the infinite one.
    """
    war_R, war_U = lower, 1.0 - upper
    R, U = war_R, war_U  # continuation values after the last round
    walked = False
    for t in reversed(range(rounds)):
        wait_R = (1 - d_R) * war_R + d_R * R
        wait_U = (1 - d_U) * war_U + d_U * U
        if t % 2 == 0:  # Russia proposes: the best acceptable offer, waiting, or walking out
            offer = 1.0 - wait_U
            options = [(offer, 1.0 - offer, False), (wait_R, wait_U, False), (w, war_U, True)]
            R, U, walked = max(options, key=lambda o: o[0])
        else:  # Ukraine proposes: Russia's price is the larger of walking out and waiting
            price = max(w, wait_R)
            refuse_U = war_U if w >= wait_R else wait_U
            if 1.0 - price >= refuse_U:
                R, U, walked = price, 1.0 - price, False
            else:
                R, U, walked = (w, war_U, True) if w >= wait_R else (wait_R, wait_U, False)
    return None if walked else R


@pytest.mark.parametrize("p,c_R,c_U,d_R,d_U,w", [
    (0.6, 0.1, 0.15, 0.9, 0.9, 0.4),   # defaults: the walk-out never binds
    (0.6, 0.1, 0.15, 0.9, 0.9, 0.7),   # binds
    (0.6, 0.1, 0.15, 0.9, 0.9, 0.62),  # just above the threshold 0.618
    (0.5, 0.5, 0.3, 0.5, 0.5, 0.5),    # issue 11's check case: 0.65 exact, 0.533 in the limit
    (0.3, 0.2, 0.4, 0.7, 0.95, 0.6),
    (0.8, 0.05, 0.1, 0.99, 0.2, 0.85),
    (0.6, 0.1, 0.15, 0.9, 0.9, 0.8),   # beyond Ukraine's limit: Russia walks out
])
def test_exact_deal_matches_backward_induction(p, c_R, c_U, d_R, d_U, w):
    """Osborne & Rubinstein (1990, ch. 3), Binmore, Shaked & Sutton (1989): the closed form of the game with
    the war as impasse payoff and Russia's walk-out as outside option equals a brute-force solution."""
    b = bargaining.solve(p=p, c_R=c_R, c_U=c_U, delta_R=d_R, delta_U=d_U, walkout=w)
    brute = backward_induction(b.lower, b.upper, d_R, d_U, w)
    if brute is None:
        assert b.deal is None
    else:
        assert b.deal == pytest.approx(brute, abs=1e-9)


def test_issue_11_check_value_exact_versus_patient_limit():
    """δ = 0.5, w = 0.5 on the range [0, 0.8]: exact 0.65, the patient-limit rule at these δs 0.533 (issue 11),
    and the true limit (both δs rising to 1 together) 0.50 = max(middle of the range 0.40, w)."""
    v = dict(p=0.5, c_R=0.5, c_U=0.3, delta_R=0.5, delta_U=0.5, walkout=0.5)
    assert bargaining.solve(**v).deal == pytest.approx(0.65)
    assert bargaining.patient_deal(**v) == pytest.approx(1.6 / 3)
    lower, upper = bargaining.bargaining_range(0.5, 0.5, 0.3)
    deals = [(1 - d) * upper + d * 0.5 for d in (0.9, 0.99, 0.999, 0.9999)]  # binds: w > threshold → 0.4
    assert bargaining.solve(**{**v, "delta_R": 0.99, "delta_U": 0.99}).deal == pytest.approx(deals[1])
    assert abs(deals[-1] - max((lower + upper) / 2, 0.5)) < 1e-3
    assert bargaining.solve(**{**v, "delta_R": 0.99, "delta_U": 0.99}).inside == pytest.approx(0.4, abs=3e-3)


@given(value_of(SPACE["delta_R"]), value_of(SPACE["delta_U"]))
def test_first_proposer_takes_more_than_half_when_at_least_as_patient(d_R, d_U):
    """Rubinstein (1982): s > 1/2 ⇔ δ_U(2 − δ_R) < 1, true whenever δ_U ≤ δ_R < 1 (chapter 1, "Where it
    supports the article"); the converse fails: a less patient proposer may still take more than half."""
    s = bargaining.rubinstein_share(d_R, d_U)
    assert (s > 0.5) == (d_U * (2 - d_R) < 1) or abs(d_U * (2 - d_R) - 1) < 1e-9
    if d_U <= d_R:
        assert s > 0.5
    assert bargaining.rubinstein_share(0.5, 0.6) > 0.5          # less patient proposer, still above half
    assert bargaining.rubinstein_share(0.9, 0.905) == pytest.approx(0.512, abs=5e-4)


def test_war_as_outside_option_would_give_the_plain_rubinstein_share():
    """The alternative the chapter rejects: war as an option on the whole prize gives 0.526, not 0.632."""
    assert bargaining.rubinstein_share(0.9, 0.9) == pytest.approx(0.526, abs=5e-4)
    assert bargaining.solve().inside == pytest.approx(0.632, abs=5e-4)


@given(params_of(SPACE))
def test_exact_deal_is_continuous_and_between_inside_and_upper(v):
    b = bargaining.solve(**v)
    if b.deal is not None:
        assert b.inside - 1e-12 <= b.deal <= b.upper + 1e-12
    at_threshold = bargaining._deal_with_option(b.lower, b.upper, v["delta_R"], v["delta_U"], b.threshold)
    assert at_threshold == pytest.approx(b.inside)
    at_upper = bargaining._deal_with_option(b.lower, b.upper, v["delta_R"], v["delta_U"], b.upper)
    assert at_upper == pytest.approx(b.upper)


@given(params_of(SPACE), st.floats(0, 1))
def test_deal_never_falls_as_the_walkout_value_rises(v, w2):
    """Comparative statics: raising w never lowers Russia's deal (while a deal exists)."""
    lo_w, hi_w = sorted((v["walkout"], w2))
    a = bargaining.solve(**{**v, "walkout": lo_w})
    b = bargaining.solve(**{**v, "walkout": hi_w})
    if b.deal is not None:
        assert a.deal is not None and b.deal >= a.deal - 1e-12


def test_patient_limit_is_the_limit_of_the_exact_deal():
    """As both discount factors approach 1 (shorter rounds), the exact deal approaches max(inside, w)."""
    lower, upper = bargaining.bargaining_range(0.6, 0.1, 0.15)
    gaps = []
    for d in (0.9, 0.99, 0.999, 0.9999):
        share = (1 - d) / (1 - d * d)
        inside = lower + share * (upper - lower)
        exact = (1 - d) * upper + d * 0.7  # binds for every d here (0.7 > threshold)
        assert exact == pytest.approx(bargaining._deal_with_option(lower, upper, min(d, 0.99), min(d, 0.99), 0.7)
                                      if d <= 0.99 else exact)
        gaps.append(abs(exact - max(inside, 0.7)))
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 1e-3


@given(params_of(SPACE))
def test_walkout_binds_exactly_above_russias_share_as_responder(v):
    b = bargaining.solve(**v)
    assert b.threshold == pytest.approx((1 - v["delta_R"]) * b.lower + v["delta_R"] * b.inside)
    assert b.walkout_binds == (v["walkout"] > b.threshold + bargaining._EPS)
    assert b.lower - 1e-12 <= b.threshold <= b.inside + 1e-12
