"""Chapter 2 — legal rigidity: two-level win-sets and indivisible territory.

Sources
-------
* Putnam, R. D. (1988). Diplomacy and Domestic Politics: The Logic of Two-Level Games. *International
  Organization* 42(3), 427–460. A negotiator can sign only what the domestic level will ratify (the
  "win-set"); an agreement is possible only where the two win-sets overlap, and a smaller win-set at home
  can be a bargaining advantage abroad.
* Iida, K. (1993). When and How Do Domestic Constraints Matter? Two-Level Games with Uncertainty. *Journal of
  Conflict Resolution* 37(3), 403–426 (formalises Putnam; under complete information a domestic constraint may
  add bargaining power without making ratification fail).
* Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 2 ("An Essay on
  Bargaining"): the power to bind oneself.
* Fearon, J. D. (1995). Rationalist Explanations for War. *International Organization* 49(3), 379–414, on
  issue indivisibility (and why side-payments and linkage usually make issues divisible), and
  Powell, R. (2006). War as a Commitment Problem. *International Organization* 60(1), 169–203, who argues that
  indivisibility is at bottom a commitment problem.
  The strategic floor and limit, and the Rubinstein split, are chapter 1's model (``models.bargaining``),
  imported, not rewritten.

The teaching model (our composition)
-----------------------------------
x ∈ [0, 1] is the share of the disputed value (the four claimed regions) that a settlement gives Russia, as in
chapter 1. Without any law, Russia accepts x ≥ L = max(0, p − c_R) and Ukraine accepts x ≤ U = min(1, p + c_U)
(chapter 1's bargaining range).

1. Legal rigidity as a pull on the win-sets. A constitutional clause with weight λ_R ∈ [0, 1] pulls Russia's
   ratifiable minimum from its strategic floor towards "all four regions" (x = 1):

       r_R = (1 − λ_R)·L + λ_R·1.

   Ukraine's constitution (territory indivisible, change only by referendum, no amendment under martial law)
   pulls its ratifiable maximum with weight λ_U towards "no ceded territory" (x = 0):

       r_U = (1 − λ_U)·U.

   Russia's win-set is [r_R, 1], Ukraine's is [0, r_U]; both stay inside [0, 1] for every allowed value, so
   there is no corner to exclude. λ = 1 is a clause that admits nothing but its own maximal reading.
2. A deal exists iff r_R ≤ r_U (Putnam's overlap). The continuous deal splits the overlap as in chapter 1,
   with Russia proposing first: x_c = r_R + s·(r_U − r_R), s = (1 − δ_U)/(1 − δ_R δ_U).
3. Tying hands. While an overlap remains, x_c = (1 − s)·r_R + s·r_U rises with λ_R (dx_c/dλ_R =
   (1 − s)(1 − L) ≥ 0): the clause buys leverage. Setting r_R = r_U gives the breaking point

       λ_R* = (r_U − L)/(1 − L)   for L < 1 and r_U ≥ L,

   with a deal for every λ_R ≤ λ_R* and none above. Corners, solved, with one convention throughout:
   ``None`` means "no clause breaks the deal" and is returned exactly when r_U = 1 (Ukraine can ratify
   everything, so r_R ≤ 1 = r_U at every λ_R; this covers L < 1 and L = 1 alike); if r_U < L there is no
   deal even without a clause (λ_R* = 0, reported as 0 together with ``overlap = False``); if L = 1
   (p = 1, c_R = 0) and r_U < 1 there is none at any λ_R (λ_R* = 0). For r_U < 1 the formula's value is
   below 1, so a number is always a rigidity a clause can actually have.
4. Indivisibility. If the disputed value comes in n equal all-or-nothing pieces (n = 4: each oblast whole),
   only the splits k/n, k = 0..n, can be signed. A whole-piece deal exists iff some k/n lies in
   [r_R, r_U]; so a non-empty continuous overlap narrower than 1/n can contain no feasible split at all.
   For unequal pieces (e.g. oblasts weighted by area) the feasible splits are all subset sums of the
   normalised weights (:func:`whole_region_splits`).
   Assumption (ours, a teaching simplification, not an equilibrium of a discrete bargaining game): when
   several whole-piece splits lie in the overlap, the one nearest to the continuous deal x_c is signed; a tie
   goes to the first proposer, Russia (the larger split). Side-payments, lotteries or linked issues would
   make the split divisible again (Fearon 1995) — the model's n → ∞ limit.

Everything is deterministic; every public function validates its inputs and raises
:class:`~territorial_trap_workbook.params.ParameterError` for a value of the wrong type, not finite, or out
of the declared range.
"""
from __future__ import annotations

import itertools
import math
import numbers
from dataclasses import dataclass
from typing import Sequence

from ..params import Param, ParameterError, ParamSpace, number_list
from .bargaining import PARAMS as BARGAINING_PARAMS
from .bargaining import bargaining_range, rubinstein_share

TOL = 1e-12
MAX_REGIONS = 12

PARAMS = ParamSpace(
    (
        BARGAINING_PARAMS["p"],
        BARGAINING_PARAMS["c_R"],
        BARGAINING_PARAMS["c_U"],
        Param("rigidity_R", "Legal rigidity in Russia", "weight from 0 to 1", 0.0, 1.0, 0.05, 0.2,
              "How far Russia's constitutional clause pulls the least it can ratify from its strategic floor "
              "p − c_R towards all four regions (1 = nothing short of everything).", symbol="λ_R"),
        Param("rigidity_U", "Legal rigidity in Ukraine", "weight from 0 to 1", 0.0, 1.0, 0.05, 0.1,
              "How far Ukraine's constitution (Arts. 2, 73, 157) pulls the most it can ratify from its "
              "strategic limit p + c_U towards no ceded territory (1 = nothing at all).", symbol="λ_U"),
        Param("pieces", "Indivisible pieces", "count", 1, 12, 1, 4,
              "The disputed value comes in this many equal all-or-nothing pieces (4 = each oblast whole).",
              symbol="n", integer=True),
        BARGAINING_PARAMS["delta_R"],
        BARGAINING_PARAMS["delta_U"],
    )
)


@dataclass(frozen=True)
class WinSets:
    """What chapter 2 reads off the model for one parameter set."""

    floor: float              # L: Russia's strategic floor, no law
    limit: float              # U: Ukraine's strategic limit, no law
    r_R: float                # least Russia can ratify
    r_U: float                # most Ukraine can ratify
    share: float              # Rubinstein share of the first proposer (Russia)
    deal: float | None        # continuous deal, None if the win-sets do not overlap
    splits: tuple[float, ...]          # whole-piece splits k/n
    feasible: tuple[float, ...]        # those inside the overlap
    whole_deal: float | None           # the whole-piece deal, None if no split fits
    breaking_rigidity: float | None    # λ_R*, None if no clause breaks the deal

    @property
    def overlap(self) -> bool:
        return self.deal is not None

    @property
    def width(self) -> float:
        """Width of the overlap of the two win-sets (0 if they do not overlap)."""
        return max(0.0, self.r_U - self.r_R)

    @property
    def verdict(self) -> str:
        if not self.overlap:
            return "No deal: the two win-sets do not overlap."
        if self.whole_deal is None:
            return "A divisible deal exists, but no whole-piece split fits inside the overlap."
        return "A deal exists, also with whole pieces."


# ---------------------------------------------------------------------------------------------------------
# Unvalidated kernels (called only after validation)
# ---------------------------------------------------------------------------------------------------------

def _limits(L: float, U: float, lam_R: float, lam_U: float) -> tuple[float, float]:
    r_R = min(1.0, (1.0 - lam_R) * L + lam_R)
    r_U = max(0.0, (1.0 - lam_U) * U)
    return r_R, r_U


def _breaking(L: float, r_U: float) -> float | None:
    # One meaning of None everywhere: no clause in [0, 1] breaks the deal. That is exactly the case r_U ≥ 1
    # (r_R ≤ 1 always), whether or not L = 1; the formula would give 1.0 there when L < 1, which read as
    # "breaks above 1", a clause that does not exist.
    if r_U >= 1.0 - TOL:
        return None
    if L >= 1.0 - TOL or r_U < L:
        return 0.0
    return (r_U - L) / (1.0 - L)


def _pick(feasible: Sequence[float], target: float) -> float | None:
    if not feasible:
        return None
    # nearest to the continuous deal; on a tie the larger split (the first proposer's preference)
    return min(feasible, key=lambda x: (round(abs(x - target), 12), -x))


def _equal_splits(n: int) -> tuple[float, ...]:
    return tuple(k / n for k in range(n + 1))


def _inside(splits: Sequence[float], r_R: float, r_U: float) -> tuple[float, ...]:
    if r_R > r_U + TOL:
        return ()
    return tuple(x for x in splits if r_R - TOL <= x <= r_U + TOL)


def _solve(v: dict, splits: Sequence[float] | None = None) -> WinSets:
    L, U = bargaining_range(v["p"], v["c_R"], v["c_U"])
    r_R, r_U = _limits(L, U, v["rigidity_R"], v["rigidity_U"])
    s = rubinstein_share(v["delta_R"], v["delta_U"])
    deal = None if r_R > r_U + TOL else min(max(r_R + s * max(0.0, r_U - r_R), 0.0), 1.0)
    splits = _equal_splits(v["pieces"]) if splits is None else tuple(splits)
    feasible = _inside(splits, r_R, r_U)
    whole = None if deal is None else _pick(feasible, deal)
    return WinSets(L, U, r_R, r_U, s, deal, splits, feasible, whole, _breaking(L, r_U))


# ---------------------------------------------------------------------------------------------------------
# Public functions (validate every call)
# ---------------------------------------------------------------------------------------------------------

def ratification_limits(p: float, c_R: float, c_U: float, rigidity_R: float,
                        rigidity_U: float) -> tuple[float, float]:
    """(r_R, r_U): the least Russia and the most Ukraine can ratify, given both constitutions."""
    v = PARAMS.validate(p=p, c_R=c_R, c_U=c_U, rigidity_R=rigidity_R, rigidity_U=rigidity_U)
    L, U = bargaining_range(v["p"], v["c_R"], v["c_U"])
    return _limits(L, U, v["rigidity_R"], v["rigidity_U"])


def breaking_rigidity(p: float, c_R: float, c_U: float, rigidity_U: float = 0.0) -> float | None:
    """λ_R*: the largest Russian legal rigidity that still leaves an overlap (None if none ever breaks it)."""
    v = PARAMS.validate(p=p, c_R=c_R, c_U=c_U, rigidity_U=rigidity_U)
    L, U = bargaining_range(v["p"], v["c_R"], v["c_U"])
    _, r_U = _limits(L, U, 0.0, v["rigidity_U"])
    return _breaking(L, r_U)


def whole_region_splits(weights: Sequence[float]) -> tuple[float, ...]:
    """Every share Russia can receive when each region goes whole to one side.

    ``weights`` are the regions' values in any common unit (area, population, output); 1 to 12 finite,
    non-negative numbers with a positive sum. Returns the sorted distinct subset sums divided by the total.
    """
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise ParameterError(f"weights = {weights!r:.40} is not a sequence; allowed: 1 to {MAX_REGIONS} "
                             "finite non-negative numbers with a positive sum")
    if not 1 <= len(weights) <= MAX_REGIONS:
        raise ParameterError(f"weights has {len(weights)} entries; allowed: 1 to {MAX_REGIONS}")
    clean = []
    for i, w in enumerate(weights):
        try:
            ok = not isinstance(w, bool) and isinstance(w, numbers.Real) and math.isfinite(float(w)) and w >= 0
        except (OverflowError, ValueError):  # 10**400: beyond any float
            ok = False
        if not ok:
            raise ParameterError(f"weights[{i}] = {w!r:.40}; allowed: a finite number from 0 upwards")
        clean.append(float(w))
    try:
        total = math.fsum(clean)
    except OverflowError:
        raise ParameterError("weights sum beyond the largest float; allowed: finite numbers with a finite "
                             "sum") from None
    if not total > 0:
        raise ParameterError("weights sum to 0; allowed: at least one positive weight")
    sums = {0.0, 1.0}
    for r in range(1, len(clean)):
        for combo in itertools.combinations(clean, r):
            sums.add(round(math.fsum(combo) / total, 12))
    return tuple(sorted(sums))


def solve(weights: Sequence[float] | None = None, **params: float) -> WinSets:
    """Solve the chapter 2 model; unspecified parameters take their defaults.

    With ``weights`` the whole-piece splits are those of :func:`whole_region_splits` (unequal regions) and
    the ``pieces`` parameter is ignored; without, the value comes in ``pieces`` equal pieces.
    """
    v = PARAMS.validate(params)
    splits = None if weights is None else whole_region_splits(weights)
    return _solve(v, splits)


def deal_curve(rigidities: Sequence[float], **params: float) -> list[tuple[float | None, float | None]]:
    """(continuous deal, whole-piece deal) for each Russian legal rigidity in ``rigidities``.

    The other parameters are validated once; every rigidity value is checked against its declaration.
    """
    v = PARAMS.validate(params)
    out = []
    for lam in number_list(rigidities, "rigidities", PARAMS["rigidity_R"], 1, 10_000):
        w = _solve({**v, "rigidity_R": lam})
        out.append((w.deal, w.whole_deal))
    return out
