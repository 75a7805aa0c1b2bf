"""Chapter 7 model: Granovetter's (1978) threshold cascade, discrete and continuous, re-derived."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from territorial_trap_workbook.models import cascade
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = cascade.PARAMS
thresholds = st.lists(st.integers(0, 60), min_size=1, max_size=60)


# --- Granovetter's worked examples ------------------------------------------------------------------------


def test_defaults_come_from_the_declaration():
    """Arguments left out take the declared defaults (mean 25, σ 10, shift 1), typed once."""
    d = cascade.PARAMS.defaults()
    assert cascade.equilibrium() == cascade.equilibrium(d["mean"], d["sigma"], d["shift"])
    assert cascade.uniform_example() == 100


def test_uniform_thresholds_all_join():
    """Granovetter (1978), discrete version: 100 actors with thresholds 0..99 all end up acting."""
    assert cascade.discrete_cascade(list(range(100))) == 100
    assert cascade.uniform_example(100, 1) == 100


def test_raising_the_threshold_one_actor_to_two_stops_the_cascade_at_one():
    """Granovetter (1978), discrete version: raise the threshold-1 actor to 2 and only the instigator acts."""
    assert cascade.uniform_example(100, 2) == 1
    assert cascade.cascade_path([0, 2, *range(2, 100)]) == [0, 1]


def test_normal_thresholds_sigma_12_gives_about_four():
    """Granovetter (1978), continuous normal map r ← 100·Φ((r − 25)/σ) from 0: σ = 12 stops at about 4."""
    r = cascade.equilibrium(mean=25, sigma=12, shift=0)
    assert r == pytest.approx(4.02, abs=0.01)
    assert round(r) == 4


def test_normal_thresholds_sigma_12_3_gives_everyone():
    """Granovetter (1978), continuous normal map: σ = 12.3 → about 100 (everyone)."""
    assert cascade.equilibrium(mean=25, sigma=12.3, shift=0) > 99.99


def test_the_jump_lies_near_sigma_12_2():
    """Granovetter (1978): the outcome of the continuous map jumps near σ ≈ 12.2."""
    crit = cascade.critical_sigma(mean=25, shift=0)
    assert 12.2 < crit < 12.25
    assert cascade.equilibrium(25, crit - 0.01, 0) < 10 and cascade.equilibrium(25, crit + 0.01, 0) > 99


def test_no_jump_is_reported_where_the_count_rises_smoothly():
    """Continuous map at mean − shift = 50: F(50) = 50 for every σ, and the low fixed point rises *smoothly*
    into 50 as σ passes N/√(2π) ≈ 39.89 (a pitchfork, not a saddle-node). There is no tipping point, so
    critical_sigma must say None (it used to report 39.895 as a jump, issue 11)."""
    assert cascade.critical_sigma(mean=50, shift=0) is None
    assert cascade.critical_sigma(mean=51, shift=1) is None
    # just below 50 the crossing is still a genuine jump, and the reported σ brackets it
    crit = cascade.critical_sigma(mean=49, shift=0)
    assert crit is not None
    assert cascade.equilibrium(49, crit + 1e-6, 0) - cascade.equilibrium(49, crit - 1e-6, 0) > cascade.JUMP_MIN


@given(value_of(SPACE["mean"]), value_of(SPACE["shift"]))
def test_a_reported_tipping_sigma_is_a_jump(mean, shift):
    """Continuous map: wherever critical_sigma reports a σ, the final count changes by at least JUMP_MIN actors
    across it and crosses N/2 there."""
    crit = cascade.critical_sigma(mean=mean, shift=shift)
    if crit is None:
        return
    lo, hi = max(1.0, crit - 1e-6), min(40.0, crit + 1e-6)
    a, b = cascade.equilibrium(mean, lo, shift), cascade.equilibrium(mean, hi, shift)
    assert abs(b - a) >= cascade.JUMP_MIN
    assert min(a, b) < cascade.N_ACTORS / 2 <= max(a, b)


def test_critical_shift_at_the_defaults():
    """Continuous map, mean 25: at σ = 12 a drop of about 0.34 actor tips the cascade (12 is just below the
    no-recognition tipping spread 12.22); at the default σ = 10 it takes a drop of about 3.55."""
    assert cascade.critical_shift(sigma=12) == pytest.approx(0.3429, abs=1e-3)
    s = cascade.critical_shift()
    assert s == pytest.approx(3.554, abs=1e-3)
    assert cascade.equilibrium(shift=s - 0.01) < 5 and cascade.equilibrium(shift=s + 0.01) > 99
    assert cascade.critical_shift(sigma=12.3) == 0.0          # already tipped with no drop
    assert cascade.critical_shift(mean=100, sigma=1) is None  # no drop in 0..20 tips it


@given(value_of(SPACE["mean"]), value_of(SPACE["sigma"]))
def test_critical_shift_is_where_the_count_jumps(mean, sigma):
    """Continuous map: below the reported drop the count is under N/2, above it at least N/2."""
    s = cascade.critical_shift(mean=mean, sigma=sigma)
    if s is None or s == 0.0:
        return
    assert cascade.equilibrium(mean, sigma, max(0.0, s - 1e-6)) < cascade.N_ACTORS / 2
    assert cascade.equilibrium(mean, sigma, min(20.0, s + 1e-6)) >= cascade.N_ACTORS / 2


def test_iteration_from_zero_reaches_the_computed_fixed_point():
    """Continuous map: iterating from 0 climbs monotonically to the smallest fixed point."""
    for sigma in (5.0, 12.0, 12.3, 20.0):
        path = cascade.iterate(mean=25, sigma=sigma, shift=0, steps=400)
        assert all(b >= a - 1e-12 for a, b in zip(path, path[1:]))
        assert path[-1] == pytest.approx(cascade.equilibrium(25, sigma, 0), abs=1e-6)


def test_whole_actors_differ_from_the_continuous_map():
    """Discrete-normal version (100 whole actors at normal quantiles): at σ = 12.3 the continuous map tips to
    everyone, the whole-actor version does not yet — the module's two versions give different numbers."""
    assert cascade.discrete_normal_cascade(25, 12.3, 0) < 10 < cascade.equilibrium(25, 12.3, 0)
    assert cascade.discrete_normal_cascade(25, 14, 0) == 100


def test_recognition_lowers_thresholds_and_tips_the_cascade():
    """Teaching use: at σ = 12 a recognised annexation lowering every threshold by 1 flips ~4 into ~100."""
    assert cascade.equilibrium(25, 12, shift=0) < 5
    assert cascade.equilibrium(25, 12, shift=1) > 99


def test_vectorised_equilibria_agree_with_scalar():
    """Granovetter (1978), continuous map: the vectorised solver used by the figures equals the scalar one."""
    sigmas = [1.0 + 0.5 * i for i in range(79)]
    got = cascade.equilibria(sigmas, 25, 2.0)
    want = [cascade.equilibrium(25, s, 2.0) for s in sigmas]
    assert got == pytest.approx(want, abs=1e-8)


# --- validation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SPACE.names)
@given(data=st.data())
def test_bad_values_raise_parameter_error(name, data):
    """Granovetter (1978) cascade model: bad mean, σ or shift values raise ParameterError naming the parameter
    in every public function."""
    bad = data.draw(bad_value_of(SPACE[name]))
    for call in (cascade.equilibrium, cascade.iterate, cascade.normal_thresholds, cascade.discrete_normal_cascade):
        with pytest.raises(ParameterError, match=name):
            call(**{name: bad})


@pytest.mark.parametrize("bad", [
    [], "0123", None, 5, [0, -1], [0, float("nan")], [0, math.inf], [0, "1"], [True], [None],
    np.array(3.0), list(range(cascade.MAX_ACTORS + 1)),
])
def test_bad_threshold_lists_raise_parameter_error(bad):
    """Granovetter (1978), discrete version: malformed threshold lists raise ParameterError."""
    with pytest.raises(ParameterError, match="thresholds"):
        cascade.discrete_cascade(bad)


@pytest.mark.parametrize("kwargs", [dict(n=1), dict(n=2.5), dict(second=-1), dict(second=1001), dict(n="100")])
def test_uniform_example_validates(kwargs):
    """Granovetter (1978), discrete uniform example: bad n or threshold raise ParameterError."""
    with pytest.raises(ParameterError):
        cascade.uniform_example(**kwargs)


@pytest.mark.parametrize("kwargs", [dict(r=-1), dict(r=101), dict(r=math.nan), dict(r="3"), dict(r=True)])
def test_response_validates_r(kwargs):
    """Granovetter (1978), continuous map: the response F(r) refuses r outside [0, N]."""
    with pytest.raises(ParameterError, match="r = "):
        cascade.response(**kwargs)


def test_other_arguments_validate():
    """Granovetter (1978) cascade model: steps, σ lists and the σ bracket are validated."""
    with pytest.raises(ParameterError, match="steps"):
        cascade.iterate(steps=-1)
    with pytest.raises(ParameterError, match="sigmas"):
        cascade.equilibria([], 25)
    with pytest.raises(ParameterError, match="sigma"):
        cascade.equilibria([0.5], 25)
    with pytest.raises(ParameterError, match="lo = 20"):
        cascade.critical_sigma(lo=20, hi=10)


# --- properties -------------------------------------------------------------------------------------------


@given(params_of(SPACE))
def test_equilibrium_is_the_smallest_fixed_point(v):
    """Continuous map: F(r*) = r*, and F(r) > r on a grid of [0, r*) (no earlier fixed point)."""
    r = cascade.equilibrium(**v)
    assert math.isfinite(r) and 0.0 <= r <= cascade.N_ACTORS
    m, s = v["mean"] - v["shift"], v["sigma"]
    F = lambda x: cascade.N_ACTORS * 0.5 * math.erfc(-(x - m) / (s * math.sqrt(2)))  # noqa: E731
    assert F(r) == pytest.approx(r, abs=1e-6)
    for x in np.linspace(0, r, 50)[:-1]:
        assert F(x) > x - 1e-9


@given(params_of(SPACE), st.floats(0, 20))
def test_a_bigger_threshold_drop_never_shrinks_the_cascade(v, extra):
    """Lower thresholds can only add actors: the final number is non-decreasing in the shift."""
    shift2 = min(20.0, v["shift"] + extra)
    assert cascade.equilibrium(**{**v, "shift": shift2}) >= cascade.equilibrium(**v) - 1e-8


@given(params_of(SPACE), value_of(SPACE["mean"]))
def test_a_higher_mean_threshold_never_grows_the_cascade(v, mean2):
    """Granovetter (1978), continuous map: raising every threshold never adds actors."""
    lo, hi = sorted((v["mean"], mean2))
    assert cascade.equilibrium(**{**v, "mean": hi}) <= cascade.equilibrium(**{**v, "mean": lo}) + 1e-8


@given(params_of(SPACE))
def test_discrete_normal_is_a_whole_number_in_range(v):
    """Granovetter (1978), discrete-normal version: the count is a whole number between 0 and 100."""
    n = cascade.discrete_normal_cascade(**v)
    assert isinstance(n, int) and 0 <= n <= cascade.N_ACTORS


@given(thresholds)
def test_discrete_result_is_a_fixed_point(ths):
    """Discrete version: the final count r satisfies #{θ ≤ r} = r, and the path rises strictly."""
    r = cascade.discrete_cascade(ths)
    assert sum(t <= r for t in ths) == r
    path = cascade.cascade_path(ths)
    assert path[0] == 0 and all(b > a for a, b in zip(path, path[1:]))


@given(thresholds, st.data())
def test_raising_any_threshold_never_adds_actors(ths, data):
    """Discrete version: the count is monotone in every threshold (Granovetter's fragility runs one way)."""
    i = data.draw(st.integers(0, len(ths) - 1))
    raised = list(ths)
    raised[i] += data.draw(st.integers(0, 10))
    assert cascade.discrete_cascade(raised) <= cascade.discrete_cascade(ths)


@given(st.integers(2, 1000), st.integers(0, 1000))
def test_uniform_example_closed_form(n, second):
    """Discrete version: thresholds 0..n−1 with the second set to t → everyone if t ≤ 1, else only one."""
    assert cascade.uniform_example(n, second) == (n if second <= 1 else 1)
