"""Chapter 12 model: the talks → ceasefire → frozen conflict → offensive chain (Kemeny & Snell 1960;
Grinstead & Snell 1997, ch. 11) re-derived by first-step analysis and flow balance."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from territorial_trap_workbook.models import transitions
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of

SPACE = transitions.PARAMS
NAMES = dict(a="talks_ceasefire", b="talks_offensive", f="ceasefire_frozen", e="ceasefire_offensive",
             g="frozen_offensive", h="frozen_talks", r="offensive_talks")


def _first_step(v):
    """Expected months to absorption by solving the three first-step equations by substitution."""
    a, b, f, e, g, h = (v[NAMES[k]] for k in "abfegh")
    # t_F = (1 + h t_T)/(g + h); t_C = (1 + f t_F)/(f + e); t_T = (1 + a t_C)/(a + b)
    # write t_C = c0 + c1 t_T, then solve t_T.
    f0, f1 = 1 / (g + h), h / (g + h)
    c0, c1 = (1 + f * f0) / (f + e), f * f1 / (f + e)
    tT = (1 + a * c0) / (a + b - a * c1)
    return {"talks": tT, "ceasefire": c0 + c1 * tT, "frozen": f0 + f1 * tT}


def _flow_balance(v):
    a, b, f, e, g, h, r = (v[NAMES[k]] for k in "abfeghr")
    T = 1.0
    C = a / (f + e) * T
    F = f / (g + h) * C
    # π_O = (q_TO π_T + q_CO π_C + q_FO π_F)/q_OT; everything multiplied by q_OT so that q_OT = 0 needs no case
    rT, rC, rF, O = r * T, r * C, r * F, b * T + e * C + g * F
    s = rT + rC + rF + O
    return {"talks": rT / s, "ceasefire": rC / s, "frozen": rF / s, "offensive": O / s}


def test_geometric_wait_when_talks_only_end_in_an_offensive():
    """Absorbing chain (Grinstead & Snell 1997, ch. 11): with q_TC = 0 the wait from talks is geometric, 1/q_TO;
    q_TO = 0.05 → 20 months; chance within 12 months 1 − 0.95¹²."""
    o = transitions.outlook(talks_ceasefire=0.0, talks_offensive=0.05, horizon=12)
    assert o.months_to_offensive["talks"] == pytest.approx(20.0)
    assert o.p_within == pytest.approx(1 - 0.95 ** 12)
    assert o.routes["talks"] == pytest.approx(1.0)


def test_defaults_match_first_step_analysis():
    """Fundamental matrix N·1 (Kemeny & Snell 1960) equals the first-step equations at the defaults:
    t_T = 30.17, t_C = 35.26, t_F = 35.84 months."""
    v = SPACE.defaults()
    got = transitions.expected_months(**v)
    want = _first_step(v)
    for s in want:
        assert got[s] == pytest.approx(want[s])
    assert [round(got[s], 2) for s in ("talks", "ceasefire", "frozen")] == [30.17, 35.26, 35.84]


def test_simple_chain_by_hand():
    """First-step analysis without returns to talks (q_FT = 0): t_F = 1/q_FO, t_C = (1 + q_CF t_F)/(q_CF + q_CO),
    t_T = (1 + q_TC t_C)/(q_TC + q_TO). With .1/.05/.1/.03/.02: t_F = 50, t_C = 6/.13, t_T = (1 + .1 t_C)/.15."""
    o = transitions.expected_months(frozen_talks=0.0)
    assert o["frozen"] == pytest.approx(50.0)
    assert o["ceasefire"] == pytest.approx(6 / 0.13)
    assert o["talks"] == pytest.approx((1 + 0.1 * 6 / 0.13) / 0.15)


def test_long_run_shares_match_flow_balance_at_defaults():
    """Stationary distribution (Grinstead & Snell 1997, ch. 11) equals the flow-balance closed form."""
    v = SPACE.defaults()
    got, want = transitions.long_run_shares(**v), _flow_balance(v)
    for s in transitions.STATES:
        assert got[s] == pytest.approx(want[s])


def test_offensive_absorbing_when_it_never_gives_way_to_talks():
    """q_OT = 0: the offensive is absorbing and its long-run share is 1."""
    shares = transitions.long_run_shares(offensive_talks=0.0)
    assert shares["offensive"] == pytest.approx(1.0)


def test_routes_at_defaults():
    """Absorption by route: N[T, s]·q_sO, summing to 1 (Kemeny & Snell 1960)."""
    v = SPACE.defaults()
    t = _first_step(v)
    o = transitions.outlook(**v)
    P = transitions.matrix(**v)
    N = np.linalg.inv(np.eye(3) - P[:3, :3])
    assert sum(o.routes.values()) == pytest.approx(1.0)
    assert o.routes["talks"] == pytest.approx(N[0, 0] * 0.05)
    assert N[0].sum() == pytest.approx(t["talks"])


@given(params_of(SPACE))
def test_everything_valid_for_every_declared_parameter_set(v):
    P = transitions.matrix(**v)
    assert np.all(P >= 0) and np.allclose(P.sum(axis=1), 1.0)
    o = transitions.outlook(**v)
    for s, t in o.months_to_offensive.items():
        assert 1.0 - 1e-9 <= t <= 100.0 + 1e-6
    assert 0.0 <= o.p_within <= 1.0
    assert sum(o.routes.values()) == pytest.approx(1.0)
    assert all(0.0 <= x <= 1.0 for x in o.routes.values())
    assert sum(o.long_run.values()) == pytest.approx(1.0)
    assert all(0.0 <= x <= 1.0 for x in o.long_run.values())
    want = _first_step(v)
    for s in want:
        assert o.months_to_offensive[s] == pytest.approx(want[s], rel=1e-7)
    flows = _flow_balance(v)
    for s in flows:
        assert o.long_run[s] == pytest.approx(flows[s], abs=1e-9)


@given(params_of(SPACE), st.floats(0, 0.5))
def test_likelier_collapse_of_talks_means_a_shorter_wait(v, extra):
    """The article's claim as a model property: raising q_TO never lengthens the expected wait from talks and
    never lowers the chance of an offensive within the horizon."""
    higher = {**v, "talks_offensive": min(0.5, v["talks_offensive"] + extra)}
    a, b = transitions.outlook(**v), transitions.outlook(**higher)
    assert b.months_to_offensive["talks"] <= a.months_to_offensive["talks"] + 1e-9
    assert b.p_within >= a.p_within - 1e-12


@given(params_of(SPACE))
def test_chance_within_horizon_grows_with_the_horizon(v):
    path = transitions.paths(60, **v)["offensive"]
    assert np.all(np.diff(path) >= -1e-12)
    assert path[int(v["horizon"])] == pytest.approx(transitions.outlook(**v).p_within)


@given(params_of(SPACE))
def test_paths_are_distributions(v):
    path = transitions.paths(36, **v)
    total = sum(path[s] for s in transitions.STATES)
    assert np.allclose(total, 1.0)


@given(st.sampled_from(SPACE.names), st.data())
def test_bad_values_raise_parameter_error_naming_the_parameter(name, data):
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        transitions.outlook(**{name: bad})


@given(bad_value_of(transitions.MONTHS))
def test_bad_path_length_raises_parameter_error(months):
    with pytest.raises(ParameterError, match="months"):
        transitions.paths(months)


def test_wait_bounded_by_declaration():
    """The declared lower bound 0.01 on every escalation probability keeps every wait at most 100 months."""
    slow = dict(talks_offensive=0.01, ceasefire_offensive=0.01, frozen_offensive=0.01,
                talks_ceasefire=0.5, ceasefire_frozen=0.5, frozen_talks=0.5)
    t = transitions.expected_months(**slow)
    assert all(math.isfinite(x) and x == pytest.approx(100.0) for x in t.values())


def test_a_ceasefire_postpones_the_offensive_exactly_when_it_is_further_from_one():
    """Kemeny–Snell fundamental matrix: ∂t_T/∂q_TC = N[T,T]·(t_C − t_T), so a likelier ceasefire lengthens the
    wait from talks iff t_C > t_T. Checked against a finite difference on random points of the declared box; at
    the defaults it postpones, with q_CO = 0.10 (other defaults) it no longer does (issue 11, ch 12)."""
    import numpy as np
    rng = np.random.default_rng(12)
    checked = 0
    for _ in range(2000):
        v = {p.name: float(rng.uniform(p.lo, p.hi)) for p in transitions.PARAMS if p.name != "horizon"}
        if v["talks_ceasefire"] > 0.49:
            continue
        a = transitions.expected_months(**v)
        if abs(a["ceasefire"] - a["talks"]) < 1e-6:
            continue
        b = transitions.expected_months(**{**v, "talks_ceasefire": v["talks_ceasefire"] + 1e-6})
        assert (b["talks"] > a["talks"]) == transitions.ceasefire_postpones(**v)
        checked += 1
    assert checked > 1500
    assert transitions.ceasefire_postpones()
    assert not transitions.ceasefire_postpones(ceasefire_offensive=0.10)
    assert transitions.ceasefire_postpones(ceasefire_offensive=0.09)


def test_no_parameter_claims_to_model_re_arming():
    """Review r11 of ch 12, defect 2: the chain has no strength variable, so it shows only *when* a pause ends in
    an offensive, never re-arming. The chapter maps the article's "pause to re-arm" to one parameter only (a
    ceasefire that breaks down fast, q_CO, in the text); the parameter table, printed in the chapter, must not
    gloss another parameter (q_FO used to say "the pause used to re-arm") as that pause."""
    glossed = [p.name for p in transitions.PARAMS if "rearm" in p.meaning.lower().replace("-", "")]
    assert glossed == []
