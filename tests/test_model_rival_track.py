"""Chapter 11 model — a rival peace track as Russia's outside option (Binmore, Shaked & Sutton 1989,
through chapter 1's Fearon–Rubinstein bargain; forum shopping after Busch 2007) — re-derived."""
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import bargaining, rival_track
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of

SPACE = rival_track.PARAMS
PUBLIC = (rival_track.solve, rival_track.walkout_value, rival_track.binding_threshold,
          rival_track.collapse_threshold, rival_track.curve)
INSIDE = 0.5 + (0.1 / 0.19) * 0.25  # chapter 1 defaults: range [0.5, 0.75], Rubinstein share 0.1/0.19
THRESHOLD = 0.1 * 0.5 + 0.9 * INSIDE  # Russia's share as responder, (1 − δ_R)·lower + δ_R·inside


def test_defaults_worked_example():
    """Defaults p = .6, c_R = .1, c_U = .15, δ = .9, g = .4, v_G = .85, k = .05:
    w = .4·.85 + .6·.5 − .05 = .59 < threshold = .1·.5 + .9·.632 = .618 → the rival track changes nothing;
    g* = (.618 − .5 + .05)/(.85 − .5), g** = (.75 − .5 + .05)/(.85 − .5) = 6/7."""
    s = rival_track.solve()
    assert s.walkout == pytest.approx(0.59)
    assert s.inside == pytest.approx(INSIDE)
    assert not s.binds and s.deal == pytest.approx(INSIDE)
    assert s.g_binds == pytest.approx((THRESHOLD - 0.5 + 0.05) / 0.35)
    assert s.g_collapse == pytest.approx(6 / 7)


def test_binding_and_collapsing_worked_examples():
    """Chapter 1's exact game: g = .8 → w = .68 + .1 − .05 = .73 ∈ (threshold, upper] → deal =
    (1 − δ_U)·upper + δ_U·w = .075 + .657 = .732; g = 1 → w = .80 > upper = .75 → no deal."""
    s = rival_track.solve(g=0.8)
    assert s.binds and s.deal == pytest.approx(0.732) and s.gain == pytest.approx(0.732 - INSIDE)
    assert rival_track.solve(g=1.0).deal is None


def test_a_weak_rival_track_never_matters():
    """v_G − k ≤ threshold: no chance g makes the rival track bind (threshold None)."""
    assert rival_track.binding_threshold(v_G=0.6) is None
    for g in (0.0, 0.5, 1.0):
        s = rival_track.solve(v_G=0.6, g=g)
        assert not s.binds and s.deal == pytest.approx(INSIDE)


def test_inside_share_is_chapter_ones():
    """The inside share is chapter 1's deal with no walk-out (module imported, not rewritten)."""
    assert rival_track.solve().inside == pytest.approx(bargaining.solve(walkout=0.0).deal)
    for name in ("p", "c_R", "c_U", "delta_R", "delta_U"):
        assert SPACE[name] is bargaining.PARAMS[name]


def test_negative_war_value_is_clipped_harmlessly():
    """p − c_R < 0 (p = 0, c_R = .5): w_raw < 0 is clipped to 0, which is below every deal."""
    s = rival_track.solve(p=0.0, c_R=0.5, g=0.0)
    assert s.walkout == 0.0 and not s.binds


def test_perfect_patience_corner_is_excluded():
    with pytest.raises(ParameterError, match="delta_R"):
        rival_track.solve(delta_R=1.0)


# --- property tests ------------------------------------------------------------------------------------

@given(params_of(SPACE))
def test_solution_is_always_valid(v):
    s = rival_track.solve(**v)
    assert 0 <= s.lower <= s.inside <= s.upper <= 1
    assert 0 <= s.walkout <= 1 and math.isfinite(s.walkout)
    if s.deal is not None:
        assert s.inside - 1e-12 <= s.deal <= s.upper + 1e-12
    for t in (s.g_binds, s.g_collapse):
        assert t is None or 0 <= t < 1
    if s.g_binds is not None and s.g_collapse is not None:
        assert s.g_binds <= s.g_collapse + 1e-12


@given(params_of(SPACE))
def test_walkout_closed_form(v):
    """w = max(0, g·v_G + (1 − g)·max(0, p − c_R) − k): war valued as chapter 1 values it."""
    expected = max(0.0, v["g"] * v["v_G"] + (1 - v["g"]) * max(0.0, v["p"] - v["c_R"]) - v["k"])
    assert rival_track.walkout_value(**v) == pytest.approx(expected, abs=1e-12)


@given(params_of(SPACE))
def test_outside_option_principle(v):
    """Chapter 1's exact game (Binmore, Shaked & Sutton 1989; Osborne & Rubinstein 1990): an option worth no
    more than Russia's share as responder changes nothing; a better one sets the deal at
    (1 − δ_U)·upper + δ_U·w, or ends the talks if Ukraine would rather fight."""
    s = rival_track.solve(**v)
    threshold = (1 - v["delta_R"]) * s.lower + v["delta_R"] * s.inside
    if s.walkout <= threshold:
        assert s.deal == pytest.approx(s.inside) and not s.binds
    elif s.walkout <= s.upper:
        assert s.deal == pytest.approx((1 - v["delta_U"]) * s.upper + v["delta_U"] * s.walkout) and s.binds
    else:
        assert s.deal is None


@given(params_of(SPACE))
def test_binds_exactly_above_the_threshold(v):
    """Our derivation: binds ⇔ g > g* = (threshold − m + k)/(v_G − m), m = max(0, p − c_R)."""
    s = rival_track.solve(**v)
    if s.g_binds is None:
        assert not s.binds
    else:
        assume(abs(v["g"] - s.g_binds) > 1e-9)
        assert s.binds == (v["g"] > s.g_binds)


@given(params_of(SPACE))
def test_collapses_exactly_above_the_second_threshold(v):
    """Our derivation: no deal ⇔ g > g** = (upper − m + k)/(v_G − m), m = max(0, p − c_R)."""
    s = rival_track.solve(**v)
    if s.g_collapse is None:
        assert s.deal is not None
    else:
        assume(abs(v["g"] - s.g_collapse) > 1e-9)
        assert (s.deal is None) == (v["g"] > s.g_collapse)


@given(params_of(SPACE), st.floats(0, 1))
def test_a_likelier_rival_track_never_lowers_the_walkout_value_when_it_beats_war(v, extra):
    """∂w/∂g = v_G − max(0, p − c_R): the option grows with g whenever the rival track is better than war."""
    assume(v["v_G"] >= max(0.0, v["p"] - v["c_R"]))
    g2 = min(1.0, v["g"] + extra)
    assert rival_track.walkout_value(**{**v, "g": g2}) >= rival_track.walkout_value(**v) - 1e-12


@given(params_of(SPACE), st.floats(0, 0.5))
def test_a_costlier_exit_never_raises_russias_deal(v, extra):
    s = rival_track.solve(**v)
    s2 = rival_track.solve(**{**v, "k": min(0.5, v["k"] + extra)})
    assume(s.deal is not None and s2.deal is not None)
    assert s2.deal <= s.deal + 1e-12


@given(params_of(SPACE))
def test_curve_matches_solve(v):
    """The figure's curve is the model on the g grid (no second implementation)."""
    c = rival_track.curve(**v)
    assert c["g"][0] == 0 and c["g"][-1] == 1
    for g, w, deal in list(zip(c["g"], c["walkout"], c["deal"]))[::5]:
        s = rival_track.solve(**{**v, "g": g})
        assert w == pytest.approx(s.walkout)
        assert (deal is None) == (s.deal is None)
        if deal is not None:
            assert deal == pytest.approx(s.deal)


@pytest.mark.parametrize("fn", PUBLIC, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", SPACE.names)
@given(data=st.data())
def test_every_public_function_refuses_bad_values(fn, name, data):
    """Out of range, NaN, inf, wrong type → ParameterError naming the parameter — never another exception."""
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        fn(**{name: bad})


def test_a_higher_cost_of_war_can_move_the_threshold_either_way():
    """The chapter's sentence: c_R lowers Russia's war value but widens the range, so g* can rise or fall
    (∂g*/∂c_R has the sign of δ_R·share − g*)."""
    up = [rival_track.binding_threshold(c_R=c, k=0.0, v_G=0.95) for c in (0.05, 0.1)]  # g* < δ_R·share
    assert up[1] > up[0]
    down = [rival_track.binding_threshold(c_R=c, k=0.3, v_G=0.95) for c in (0.05, 0.1)]  # g* > δ_R·share
    assert down[1] < down[0]


def test_threshold_is_constant_when_the_forum_value_tracks_the_battlefield():
    """Model: rival_track. g* = (y − (p − c_R) + k)/(v_G − (p − c_R)); y − p does not depend on p (the whole
    range shifts with p), so with v_G = p + 0.28 both numerator and denominator are constant: g* ≈ 0.443 for
    every p where the range is interior (the chapter's exercise 11.2)."""
    values = [rival_track.binding_threshold(p=p, v_G=round(p + 0.28, 10)) for p in (0.5, 0.55, 0.6, 0.66, 0.7)]
    assert max(values) - min(values) < 1e-9
    assert values[0] == pytest.approx(0.4432, abs=1e-4)


def test_war_is_valued_as_chapter_1_values_it_when_p_is_below_c_R():
    """Model: rival_track, review r2 of chapter 11 (defect 7). With p < c_R chapter 1 values Russia's war at
    max(0, p − c_R) = 0 (the range's lower end), so the failed-track branch is worth 0, not p − c_R < 0:
    at p = 0.3, c_R = 0.5, v_G = 0.5, g = 0.5, k = 0 the walk-out value is 0.5·0.5 = 0.25 (not 0.15), which is
    above Russia's share as responder and so binds."""
    v = dict(p=0.3, c_R=0.5, v_G=0.5, g=0.5, k=0.0)
    s = rival_track.solve(**v)
    assert s.lower == 0.0
    assert s.walkout == pytest.approx(0.25)
    assert s.walkout > s.threshold and s.binds
    # g* from the closed form with m = 0: (threshold + k)/v_G
    assert s.g_binds == pytest.approx(s.threshold / 0.5)
