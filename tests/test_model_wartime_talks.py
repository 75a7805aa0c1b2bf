"""Chapter 9, part 1: talks as a weapon — bargaining while fighting (our two-round screening form of the
mechanism in Wagner 2000, Slantchev 2003 and Powell 2004), re-derived by brute force and from its closed forms."""
import itertools

import numpy as np
import pytest
from hypothesis import given, settings

from territorial_trap_workbook.models import wartime_talks as wt
from territorial_trap_workbook.params import ParameterError

from strategies import params_of

P = wt.PARAMS


def _brute_force(p, c_L, c_H, c_R, delta, q, n=20001):
    """Russia's best first demand found by trying every demand on a grid, with each type's reply computed from
    its own payoffs (round 2 under full information: x2(c) = min(1, p + c)). Returns (value, P(rejection))."""
    x1 = np.linspace(0.0, 1.0, n)
    total = np.zeros_like(x1)
    rejected = np.zeros_like(x1)
    for c, prob in ((c_L, q), (c_H, 1.0 - q)):
        x2 = min(1.0, p + c)
        accepts = 1.0 - x1 >= -c + delta * (1.0 - x2) - 1e-12
        total += prob * np.where(accepts, x1, -c_R + delta * x2)
        rejected += prob * ~accepts
    best = int(np.argmax(total))
    return total[best], rejected[best]


@pytest.mark.parametrize("q", [0.0, 0.1, 0.3, 0.5, 0.6, 0.9, 1.0])
def test_defaults_against_brute_force(q):
    """Two-round screening (Powell 2004's mechanism): the module's best demand is worth what the best demand on
    a grid of 20,001 demands is worth (to within the grid step), and fighting continues with the same chance."""
    v = {**P.defaults(), "q": q}
    talks = wt.solve(**v)
    value, rejected = _brute_force(**v)
    assert talks.russia_value == pytest.approx(value, abs=1e-4)
    assert talks.p_fighting_continues == pytest.approx(rejected, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(params_of(P).filter(lambda v: v["c_H"] > v["c_L"]))
def test_any_parameters_against_brute_force(v):
    """Everywhere on the declared ranges (clamped corners included), the closed-form choice is the best."""
    talks = wt.solve(**v)
    value, _ = _brute_force(**v, n=4001)
    assert talks.russia_value == pytest.approx(value, abs=3e-4)
    assert talks.russia_value >= value - 1e-12
    assert 0.0 <= talks.q_star < 1.0


def test_default_numbers():
    """Defaults p = 0.5, c_L = 0.05, c_H = 0.2, c_R = 0.1, δ = 0.9, q = 0.3: A_L = 1.05 − 0.9·0.45 = 0.645;
    A_H = 1.2 − 0.9·0.3 = 0.93; Y = 0.9·0.55 − 0.1 = 0.395; q* = 0.285/0.535 = 0.5327; Russia probes."""
    talks = wt.solve()
    assert talks.settle_now_demand == pytest.approx(0.645)
    assert talks.probe_demand == pytest.approx(0.93)
    assert talks.q_star == pytest.approx(0.285 / 0.535)
    assert talks.probe and talks.first_demand == pytest.approx(0.93)
    assert talks.second_demand == pytest.approx(0.55)
    assert talks.demand_drop == pytest.approx(0.38)
    assert talks.p_fighting_continues == pytest.approx(0.3)
    assert talks.russia_value == pytest.approx(0.7 * 0.93 + 0.3 * 0.395)


def test_unclamped_threshold_closed_form_and_independent_of_p():
    """Where nothing is clamped, q* = (1 + δ)(c_H − c_L)/(1 − δ + c_R + c_H + δ(c_H − c_L)), whatever p."""
    checked = 0
    for p, c_L, c_H, c_R, d in itertools.product(
            np.linspace(0, 0.8, 9), [0, 0.05, 0.1], [0.02, 0.1, 0.2, 0.3], [0.01, 0.1, 0.3], [0.5, 0.75, 1.0]):
        if c_H <= c_L or p + c_H > 1 or (1 + d) * c_H > d * (1 - p):
            continue
        g = c_H - c_L
        expected = (1 + d) * g / (1 - d + c_R + c_H + d * g)
        assert wt.probe_threshold(p=p, c_L=c_L, c_H=c_H, c_R=c_R, delta=d) == pytest.approx(expected)
        checked += 1
    assert checked > 100


def test_probe_only_below_threshold_and_the_chance_of_fighting_peaks_just_below_it():
    """Russia probes iff q < q*; the chance that fighting continues is q below q* and 0 above it."""
    q_star = wt.probe_threshold()
    below = wt.solve(q=q_star - 1e-9)
    above = wt.solve(q=min(1.0, q_star + 1e-9))
    assert below.probe and below.p_fighting_continues == pytest.approx(q_star)
    assert not above.probe and above.p_fighting_continues == 0.0
    assert not wt.solve(q=q_star).probe  # ties settle now


def test_a_rejection_lowers_the_demand_whenever_russia_probes():
    """After a rejection the demand falls: X_H > min(1, p + c_L) on the whole grid where Russia probes."""
    for v in _grid():
        t = wt.solve(**v)
        if t.probe:
            assert t.first_demand > t.second_demand


def _grid(n=6):
    for vals in itertools.product(*(P[name].grid(n) for name in P.names)):
        v = dict(zip(P.names, vals))
        if v["c_H"] > v["c_L"]:
            yield v


def test_costs_must_be_ordered_and_bad_values_are_named():
    with pytest.raises(ParameterError, match="c_H"):
        wt.solve(c_L=0.2, c_H=0.2)
    with pytest.raises(ParameterError, match="q"):
        wt.solve(q=1.5)
    with pytest.raises(ParameterError, match="delta"):
        wt.probe_threshold(delta=0.2)


@pytest.mark.parametrize("c_H, delta", [(0.2, 0.9), (0.1, 0.7), (0.05, 0.95)])
def test_probe_cap_p_is_where_the_probe_demand_reaches_the_whole_prize(c_H, delta):
    """Chapter 9 glues this p as the end of q*'s independence of p (review r15, defect 12)."""
    base = dict(c_L=0.01, c_H=c_H, delta=delta)
    cap = wt.probe_cap_p(**base)
    assert 0 < cap < 1
    below = wt.limits(**base, p=cap - 1e-6)[1]
    above = wt.limits(**base, p=cap + 1e-6)[1]
    assert below < 1.0 and above == 1.0
    # below the cap (and with p + c_H <= 1), q* is the same at any p
    assert wt.probe_threshold(**base, p=cap - 1e-6) == pytest.approx(wt.probe_threshold(**base, p=0.05))
