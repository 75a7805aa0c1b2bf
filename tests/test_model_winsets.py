"""Chapter 2 model: Putnam's (1988) two-level win-sets with legal rigidity, and indivisible territory, re-derived."""
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territorial_trap_workbook.models import bargaining, winsets
from territorial_trap_workbook.params import ParameterError

from strategies import bad_value_of, params_of, value_of

SPACE = winsets.PARAMS
AREAS = [26517, 26684, 27183, 28461]  # Donetsk, Luhansk, Zaporizhzhia, Kherson, km² (regions.csv)


def test_without_law_the_win_sets_are_chapter_1s_range():
    """Putnam (1988) with no domestic constraint reduces to Fearon's (1995) range [p − c_R, p + c_U]."""
    for p, c_R, c_U in [(0.6, 0.1, 0.15), (0.05, 0.3, 0.0), (1.0, 0.0, 0.5)]:
        assert winsets.ratification_limits(p, c_R, c_U, 0.0, 0.0) == pytest.approx(
            bargaining.bargaining_range(p, c_R, c_U))


def test_clause_formula_and_breaking_point_worked_example():
    """Putnam (1988) overlap, our pull form r_R = (1 − λ)L + λ: p=.6, c_R=.1, c_U=.15 → L=.5, U=.75, λ* = .5."""
    assert winsets.ratification_limits(0.6, 0.1, 0.15, 0.4, 0.0) == pytest.approx((0.7, 0.75))
    assert winsets.ratification_limits(0.6, 0.1, 0.15, 0.0, 0.2) == pytest.approx((0.5, 0.6))
    assert winsets.breaking_rigidity(0.6, 0.1, 0.15) == pytest.approx(0.5)
    assert winsets.breaking_rigidity(0.6, 0.1, 0.15, rigidity_U=0.2) == pytest.approx(0.2)


def test_tying_hands_moves_the_deal_then_kills_it():
    """Schelling (1960) / Putnam (1988): a tighter Russian win-set raises the deal while an overlap remains.

    Rubinstein split s = 0.1/0.19 at δ = 0.9: λ=0 → .5 + .25s; λ=.4 → .7 + .05s; λ=.6 → no deal.
    """
    base = dict(p=0.6, c_R=0.1, c_U=0.15, rigidity_U=0.0, delta_R=0.9, delta_U=0.9)
    s = 0.1 / 0.19
    assert winsets.solve(rigidity_R=0.0, **base).deal == pytest.approx(0.5 + 0.25 * s)
    assert winsets.solve(rigidity_R=0.4, **base).deal == pytest.approx(0.7 + 0.05 * s)
    assert winsets.solve(rigidity_R=0.5, **base).deal == pytest.approx(0.75)
    assert winsets.solve(rigidity_R=0.51, **base).deal is None  # r_R = .755 misses r_U = .75 by a hair
    none = winsets.solve(rigidity_R=0.6, **base)
    assert none.deal is None and not none.overlap and none.width == 0.0


def test_indivisible_oblasts_can_leave_no_deal_inside_a_non_empty_range():
    """Indivisibility (Fearon 1995; Powell 2006): overlap [.6, .7] holds no multiple of 1/4, but .6 and .7
    are whole splits when the value comes in 10 pieces."""
    base = dict(p=0.6, c_R=0.1, c_U=0.1, rigidity_R=0.2, rigidity_U=0.0)
    quarters = winsets.solve(pieces=4, **base)
    assert quarters.r_R == pytest.approx(0.6) and quarters.r_U == pytest.approx(0.7)
    assert quarters.deal is not None and quarters.feasible == () and quarters.whole_deal is None
    tenths = winsets.solve(pieces=10, **base)
    assert tenths.feasible == pytest.approx((0.6, 0.7))
    assert tenths.whole_deal in tenths.feasible


def test_default_state_shows_the_indivisibility_gap():
    """The chapter's opening state (illustrative): a divisible deal exists, no whole-oblast deal does."""
    w = winsets.solve()
    assert w.overlap and w.whole_deal is None
    assert "no whole-piece split" in w.verdict


def test_whole_piece_deal_is_the_feasible_split_nearest_the_divisible_deal_ties_to_russia():
    """Our documented rule: nearest to the continuous deal; a tie goes to the first proposer (larger x)."""
    # overlap [.5, .75] with s chosen so the divisible deal is 0.625, midway between .5 and .75
    w = winsets.solve(p=0.6, c_R=0.1, c_U=0.15, rigidity_R=0.0, rigidity_U=0.0, pieces=4,
                      delta_R=0.0, delta_U=0.5)
    assert w.share == pytest.approx(0.5) and w.deal == pytest.approx(0.625)
    assert w.whole_deal == pytest.approx(0.75)
    w2 = winsets.solve(p=0.6, c_R=0.1, c_U=0.15, rigidity_R=0.0, rigidity_U=0.0, pieces=4,
                       delta_R=0.0, delta_U=0.8)
    assert w2.deal < 0.625 and w2.whole_deal == pytest.approx(0.5)


def test_whole_oblast_splits_by_area():
    """All-or-nothing oblasts weighted by area: 2^4 = 16 distinct subset sums, symmetric around 1/2."""
    splits = winsets.whole_region_splits(AREAS)
    assert len(splits) == 16 and splits[0] == 0.0 and splits[-1] == 1.0
    for x, y in zip(splits, reversed(splits)):
        assert x + y == pytest.approx(1.0)
    assert splits[1] == pytest.approx(26517 / sum(AREAS))
    w = winsets.solve(weights=AREAS, p=0.6, c_R=0.1, c_U=0.15, rigidity_R=0.0, rigidity_U=0.0)
    assert set(w.feasible) == {x for x in splits if 0.5 <= x <= 0.75}


def test_perfectly_certain_victory_corner_is_solved():
    """L = 1 (p = 1, c_R = 0): the clause changes nothing; with r_U = 1 no clause breaks the deal (None)."""
    w = winsets.solve(p=1.0, c_R=0.0, c_U=0.0, rigidity_R=1.0, rigidity_U=0.0)
    assert w.deal == pytest.approx(1.0) and w.breaking_rigidity is None
    w2 = winsets.solve(p=1.0, c_R=0.0, c_U=0.0, rigidity_R=0.0, rigidity_U=0.3)
    assert w2.deal is None and w2.breaking_rigidity == 0.0


def test_never_breaks_is_none_in_every_corner():
    """winsets (ch. 2): "no clause breaks the deal" has one spelling, None, whenever r_U = 1 — with L < 1
    (p + c_U ≥ 1, no Ukrainian law; the closed form would give 1.0) as with L = 1 — and a deal exists at every
    λ_R there, including λ_R = 1. Issue 11 found 1.0 in the first corner and None in the second."""
    for params in ({"p": 0.9, "c_R": 0.1, "c_U": 0.2}, {"p": 1.0, "c_R": 0.0, "c_U": 0.0},
                   {"p": 0.85, "c_R": 0.3, "c_U": 0.15}):
        assert winsets.breaking_rigidity(**params) is None, params
        for lam in (0.0, 0.5, 1.0):
            w = winsets.solve(**params, rigidity_R=lam, rigidity_U=0.0)
            assert w.breaking_rigidity is None and w.overlap, (params, lam)


@given(params_of(SPACE))
def test_a_numeric_breaking_point_is_a_clause_that_exists_and_breaks(v):
    """A number λ_R* < 1 is returned exactly when some clause in [0, 1] leaves no deal: the full clause
    λ_R = 1 then has no overlap."""
    w = winsets.solve(**v)
    lam = w.breaking_rigidity
    full = winsets.solve(**{**v, "rigidity_R": 1.0})
    if lam is None:
        assert full.overlap
    else:
        assert 0.0 <= lam < 1.0 and not full.overlap


def test_no_deal_even_without_a_clause_reports_zero_breaking_point():
    """r_U < L: the win-sets do not overlap even at λ_R = 0 (λ_R* = 0, overlap False)."""
    w = winsets.solve(p=0.6, c_R=0.0, c_U=0.1, rigidity_R=0.0, rigidity_U=0.5)
    assert w.r_U < w.floor and w.breaking_rigidity == 0.0 and w.deal is None


@given(params_of(SPACE))
def test_every_result_is_valid(v):
    """Every allowed parameter set gives finite results inside [0, 1]; the deals lie in the overlap."""
    w = winsets.solve(**v)
    for x in (w.floor, w.limit, w.r_R, w.r_U, w.share):
        assert math.isfinite(x) and 0.0 <= x <= 1.0
    assert w.floor <= w.r_R and w.r_U <= w.limit
    assert len(w.splits) == v["pieces"] + 1
    if w.deal is not None:
        assert w.r_R - 1e-9 <= w.deal <= w.r_U + 1e-9
    if w.whole_deal is not None:
        assert w.deal is not None and w.whole_deal in w.feasible
    for x in w.feasible:
        assert w.r_R - 1e-9 <= x <= w.r_U + 1e-9
    lam = w.breaking_rigidity
    assert lam is None or 0.0 <= lam <= 1.0


@given(params_of(SPACE))
def test_deal_exists_exactly_up_to_the_breaking_point(v):
    """Putnam overlap r_R ≤ r_U ⇔ λ_R ≤ λ_R* (checked away from the boundary)."""
    w = winsets.solve(**v)
    lam = w.breaking_rigidity
    if lam is None:
        assert w.overlap
        return
    assume(abs(v["rigidity_R"] - lam) > 1e-9)
    assert w.overlap == (v["rigidity_R"] < lam)


@given(params_of(SPACE), value_of(SPACE["rigidity_R"]))
def test_more_rigidity_raises_the_deal_until_it_breaks(v, other):
    """Tying hands: with an overlap at both levels, the higher rigidity gives Russia at least as much; an
    overlap at the higher level implies one at the lower."""
    lo, hi = sorted((v["rigidity_R"], other))
    a, b = winsets.solve(**{**v, "rigidity_R": lo}), winsets.solve(**{**v, "rigidity_R": hi})
    if b.overlap:
        assert a.overlap and b.deal >= a.deal - 1e-12
    assert b.width <= a.width + 1e-12


@given(params_of(SPACE), value_of(SPACE["rigidity_U"]))
def test_ukrainian_rigidity_shrinks_the_overlap_and_lowers_the_deal(v, other):
    lo, hi = sorted((v["rigidity_U"], other))
    a, b = winsets.solve(**{**v, "rigidity_U": lo}), winsets.solve(**{**v, "rigidity_U": hi})
    assert b.r_U <= a.r_U + 1e-12 and b.width <= a.width + 1e-12
    if b.overlap:
        assert a.overlap and b.deal <= a.deal + 1e-12


@given(params_of(SPACE), st.integers(1, 3))
def test_finer_pieces_never_remove_a_feasible_split(v, factor):
    """If n divides m, every split k/n is also a split of m pieces, so refining can only add options."""
    n = v["pieces"]
    assume(n * factor <= SPACE["pieces"].hi)
    coarse = winsets.solve(**v)
    fine = winsets.solve(**{**v, "pieces": n * factor})
    for x in coarse.feasible:
        assert any(abs(x - y) < 1e-9 for y in fine.feasible)


@given(params_of(SPACE))
def test_deal_curve_matches_solve(v):
    grid = [0.0, 0.25, 0.5, 0.75, 1.0]
    rest = {k: val for k, val in v.items() if k != "rigidity_R"}
    for lam, (deal, whole) in zip(grid, winsets.deal_curve(grid, **rest)):
        w = winsets.solve(**rest, rigidity_R=lam)
        assert deal == w.deal and whole == w.whole_deal


@given(st.sampled_from(SPACE.names), st.data())
def test_bad_values_raise_parameter_error_naming_the_parameter(name, data):
    """Out of range, NaN, inf or the wrong type → ParameterError naming parameter and allowed range."""
    bad = data.draw(bad_value_of(SPACE[name]))
    with pytest.raises(ParameterError, match=name):
        winsets.solve(**{name: bad})
    with pytest.raises(ParameterError, match="allowed"):
        winsets.deal_curve([0.5], **{name: bad})
    if name in ("p", "c_R", "c_U", "rigidity_R", "rigidity_U"):
        args = {**{k: SPACE[k].default for k in ("p", "c_R", "c_U", "rigidity_R", "rigidity_U")}, name: bad}
        with pytest.raises(ParameterError, match=name):
            winsets.ratification_limits(**args)


@given(st.data())
def test_bad_rigidities_in_the_curve_raise_parameter_error(data):
    bad = data.draw(bad_value_of(SPACE["rigidity_R"]))
    with pytest.raises(ParameterError, match=r"rigidities(\[1\])? "):
        winsets.deal_curve([0.0, bad])


@pytest.mark.parametrize("weights", [[], [1.0] * 13, [0.0, 0.0], [1.0, -1.0], [1.0, float("nan")],
                                     [1.0, float("inf")], "1234", None, 5, [1.0, "2"], [True, 1.0]])
def test_bad_weights_raise_parameter_error(weights):
    with pytest.raises(ParameterError):
        winsets.whole_region_splits(weights)


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=6))
def test_weight_splits_always_valid(weights):
    assume(sum(weights) > 0)
    splits = winsets.whole_region_splits(weights)
    assert splits[0] == 0.0 and splits[-1] == 1.0
    assert all(0.0 <= x <= 1.0 for x in splits) and list(splits) == sorted(splits)


def test_whole_piece_deal_exists_only_on_a_first_stretch_of_rigidity():
    """winsets (the book's composition of Putnam 1988 and Schelling 1960): as λ_R rises with everything else fixed,
    the overlap [r_R, r_U] shrinks from the left only, so the set of λ_R with a whole-piece deal is one initial
    stretch [0, λ_whole] that ends at or before the breaking point (chapter 2, Figure 2.2)."""
    import itertools
    rigidities = [i / 50 for i in range(51)]
    for p, c_R, c_U, lam_U, n in itertools.product((0.3, 0.5, 0.6, 0.8), (0.0, 0.1, 0.3), (0.05, 0.15, 0.4),
                                                   (0.0, 0.1, 0.4), (2, 3, 4, 6, 7)):
        has = [winsets.solve(p=p, c_R=c_R, c_U=c_U, rigidity_U=lam_U, rigidity_R=lam, pieces=n).whole_deal
               is not None for lam in rigidities]
        stretch = has.index(False) if False in has else len(has)
        assert not any(has[stretch:]), (p, c_R, c_U, lam_U, n)
        brk = winsets.breaking_rigidity(p=p, c_R=c_R, c_U=c_U, rigidity_U=lam_U)
        if stretch and brk is not None:
            assert rigidities[stretch - 1] <= brk + 1e-9


# Chapter 2's atlas rows (regions.csv, source_id ukrcensus_don/luh/zap and cius_kherson): Donetsk, Luhansk,
# Zaporizhzhia, Kherson.
ATLAS_AREAS = [26500, 26700, 27200, 28461]            # km²
ATLAS_PEOPLE = [4100300, 2121300, 1638500, 1001600]   # residents (2021, 2021, 2022, 2022)


def test_example_5_area_cannot_carry_the_opening_deal_but_population_can():
    """Chapter 2, Example 5: near-equal areas give splits bunched at the quarters, none inside the opening overlap
    [0.600, 0.675]; population weights give Donetsk + Zaporizhzhia = 5,738,800 / 8,861,700 ≈ 0.648 inside it."""
    assert winsets.solve(weights=ATLAS_AREAS).whole_deal is None
    w = winsets.solve(weights=ATLAS_PEOPLE)
    assert w.r_R <= w.whole_deal <= w.r_U
    assert w.whole_deal == pytest.approx((4100300 + 1638500) / sum(ATLAS_PEOPLE))


def test_atlas_rows_are_the_ones_chapter_2_uses():
    from territorial_trap_workbook.data import load
    regions = load("regions")
    ids = {"Donetsk": "ukrcensus_don", "Luhansk": "ukrcensus_luh", "Zaporizhzhia": "ukrcensus_zap",
           "Kherson": "cius_kherson"}
    for measure, want in (("area", ATLAS_AREAS), ("population", ATLAS_PEOPLE)):
        got = [float(regions[(regions.entity == n) & (regions.measure == measure) & (regions.source_id == s)]
                     .value.iloc[0]) for n, s in ids.items()]
        assert got == want


def _gap_share(models):
    with_deal = [w for w in models if w.overlap]
    return len(with_deal) / len(models), sum(w.whole_deal is None for w in with_deal) / len(with_deal)


def test_share_without_a_whole_quarter_split_does_not_depend_on_the_sampling():
    """Chapter 2, "How much of this is the defaults?": the glued share (uniform draws over the declared box, seed 1)
    must not be an artefact of the method. Another seed and a grid of cell midpoints (off the quarter lattice)
    agree within a few points, and all say close to half, not the third a 0.1-step grid gave."""
    import itertools
    import random
    names = ("p", "c_R", "c_U", "rigidity_R", "rigidity_U")
    box = {k: (SPACE[k].lo, SPACE[k].hi) for k in names}

    def draws(seed, n=20_000):
        rng = random.Random(seed)
        return [winsets.solve(**{k: rng.uniform(lo, hi) for k, (lo, hi) in box.items()}) for _ in range(n)]

    def mids(k, m):
        lo, hi = box[k]
        return [lo + (hi - lo) * (i + 0.5) / m for i in range(m)]

    # cell counts with no common step, so that L = p - c_R and U = p + c_U do not fall on a lattice through the
    # quarters (midpoints of 10 and 5 cells would: L and U on multiples of 0.1 again)
    grid = [winsets.solve(**dict(zip(names, v)))
            for v in itertools.product(mids("p", 11), mids("c_R", 7), mids("c_U", 5), mids("rigidity_R", 9),
                                       mids("rigidity_U", 8))]
    div1, gap1 = _gap_share(draws(1))
    div2, gap2 = _gap_share(draws(2))
    divg, gapg = _gap_share(grid)
    assert abs(gap1 - gap2) < 0.03 and abs(gap1 - gapg) < 0.05, (gap1, gap2, gapg)
    assert abs(div1 - div2) < 0.02 and abs(div1 - divg) < 0.03, (div1, div2, divg)
    assert 0.40 < gap1 < 0.55
