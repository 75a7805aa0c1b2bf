"""Chapter 13 — the stalemate of wills: the earlier chapters' models chained into one scenario.

Sources
-------
Nothing new is modelled here: every step calls an earlier chapter's module, which carries the citations.

* Chapter 3 (:mod:`.attrition`; Maynard Smith 1974 and a resolve-budget simulation): aid shrinks as donors
  tire, a(t) = a·(1 − g)^t — the capstone reads the aid path from ``attrition.simulate``.
* Chapter 10 (:mod:`.contest`; Tullock 1980; Hirshleifer 1989; Skaperdas 1996): aid and Russia's war effort
  give Ukraine's chance of prevailing p_U (the east lost), so Russia's expected share of a war is p = 1 − p_U.
* Chapter 1 (:mod:`.bargaining`; Fearon 1995; Rubinstein 1982): the range [p − c_R, p + c_U] and the
  Rubinstein split of whatever range remains.
* Chapter 8 (:mod:`.audience`; Fearon 1994; Weeks 2008): the Russian leader pays an audience cost for
  settling for less than the public demand (all four regions): a for a full climb-down, a·(1 − x) for a
  settlement that gives Russia x.
* Chapter 2 (:mod:`.winsets`; Putnam 1988; Iida 1993): each constitution pulls what its side can ratify —
  Russia's minimum towards all four regions with weight λ_R, Ukraine's maximum towards ceding nothing with λ_U.
* Chapter 12 (:mod:`.escalation`; Fearon 1995; Powell 1999): Russia's best demand when it does not know
  Ukraine's cost of war (uniform on [0, c̄]), with the law and the audience cost added
  (``escalation.constrained_demand``).

The chain (our composition; every parameter illustrative)
--------------------------------------------------------
1. Aid at the moment of the settlement attempt, ``months`` from now: A_T = A·(1 − g)^T (chapter 3's path,
   read from ``attrition.simulate`` with a unit starting aid and rescaled to A).
2. p = 1 − contest.win_probability(aid = A_T, m_R = m_R), the other chapter 10 parameters at their defaults
   (the east counted as lost, as in chapter 10's headline case).
3. Chapter 1's range without law or audience: [max(0, p − c_R), min(1, p + c_U)] (``bargaining_range``).
4. Russia's floor with the audience cost: signing x is worth x − a(1 − x) to the leader, fighting on p − c_R,
   so he signs only if (1 + a)x ≥ p − c_R + a. With x in [0, 1] the audience-adjusted floor is
   L_a = min(1, max(0, (p − c_R + a)/(1 + a))) (x = 1 is always signable: it costs nothing at home and
   1 ≥ p − c_R). At x = 0 this is exactly Fearon's (1994) condition in chapter 8,
   ``audience.stands_firm(p, a, c_R)``: the leader refuses to back down fully iff p − c_R + a > 0 (a test
   checks the match). With a = 0 it is chapter 1's floor.
5. The ratifiable limits (chapter 2, ``winsets.ratification_limits``): Russia's minimum r_R is chapter 2's pull
   applied to L_a (the function is called with p = L_a and c_R = 0, so its strategic floor is L_a); Ukraine's
   maximum r_U is chapter 2's with the actual p, c_U and λ_U. A settlement both sides can ratify exists iff
   r_R ≤ r_U; the deal is then chapter 1's Rubinstein split of [r_R, r_U] with chapter 1's default patience.
6. The chance of war (chapter 12 extended): Russia, unsure of Ukraine's cost, picks its best demand given the
   same floor r_R as step 5 (it cannot ratify less), Ukraine's legal pull λ_U and the audience cost a (which also
   enters Russia's payoff); the chance that Ukraine refuses is the chance of war.

One floor in both steps, and a choice that matters. Step 5 *compounds* the two Russian commitments: the law pulls
the least Russia can ratify up from the audience-adjusted floor L_a, not from chapter 2's strategic floor p − c_R.
The alternative reading treats them as two separate hurdles, so Russia's floor would be the larger of L_a and
chapter 2's legal floor (1 − λ_R)(p − c_R) + λ_R (:func:`separate_floor`). The compounded floor is never lower,
and at the defaults the choice decides the verdict: compounded, the walls cross; separate, a range opens. The
chapter says so.

Steps 5 and 6 answer different questions: 5 asks whether a ratifiable settlement exists when Ukraine's cost is
c_U; 6 asks how large a gamble Russia takes when it only knows that cost lies between 0 and c̄ (c̄ = 2·c_U, the
default, centres Russia's belief on the true value).

:func:`deadlock_edge` finds, for one parameter with the others held, the value where the walls stop (or start)
crossing — how far a verdict at given settings is from its edge; :func:`deadlock_share` draws parameter sets
uniformly from the declared box (fixed seed) and reports the share with no ratifiable range (r_R > r_U).

:func:`levers` re-solves the scenario with one lever at a time moved to its most permissive value (no legal
rigidity on one side, no audience cost, no aid fatigue): which single change would open a ratifiable range.

Corners. All are handled by the imported modules' declarations and corner rules (contest keeps p strictly
inside (0, 1); the extension of chapter 12 covers λ_U = 1 and floors above Ukraine's highest limit). L_a is
clipped to [0, 1] before it is passed on. Every public function validates its inputs against :data:`PARAMS`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..params import Param, ParameterError, ParamSpace, whole_number
from ._search import bisect_change, first_change
from . import attrition, audience, bargaining, contest, escalation, winsets

PATIENCE = bargaining.PARAMS["delta_R"].default  # chapter 1's default patience for both sides

PARAMS = ParamSpace(
    (
        contest.PARAMS["aid"],
        attrition.PARAMS["aid_fatigue"],
        Param("months", "Months until the settlement attempt", "months", 0, 48, 1, 12,
              "How long aid fatigue runs before the two sides try to settle.", symbol="T", integer=True),
        contest.PARAMS["m_R"],
        replace(audience.PARAMS["a"], default=0.3,
                meaning="What the Russian leader loses at home by settling for nothing; settling for a share x "
                        "costs a·(1 − x)."),
        replace(winsets.PARAMS["rigidity_R"],
                meaning="How far Russia's constitutional clause pulls the least it can ratify from the leader's "
                        "audience-adjusted floor L_a towards all four regions (1 = nothing short of everything)."),
        winsets.PARAMS["rigidity_U"],
        bargaining.PARAMS["c_R"],
        bargaining.PARAMS["c_U"],
        replace(escalation.PARAMS["c_bar"],
                meaning="Russia believes Ukraine's cost of war lies between 0 and this value (0.3 = twice "
                        "the default c_U, so Russia's belief is centred on the truth)."),
    )
)

_FLOOR = ParamSpace((bargaining.PARAMS["p"], PARAMS["c_R"], PARAMS["a"]))

LEVERS = {
    "Russia's constitution set aside (λ_R = 0)": {"rigidity_R": 0.0},
    "Ukraine's constitution set aside (λ_U = 0)": {"rigidity_U": 0.0},
    "No audience cost for the Kremlin (a = 0)": {"a": 0.0},
    "No aid fatigue (g = 0)": {"aid_fatigue": 0.0},
}


@dataclass(frozen=True)
class Scenario:
    """Everything the capstone reads off the chain for one set of parameters."""

    aid_now: float            # A_T
    p: float                  # Russia's expected share of a war
    lower: float              # chapter 1's range without law or audience
    upper: float
    floor_audience: float     # L_a
    r_R: float                # least Russia can ratify (law + audience)
    r_U: float                # most Ukraine can ratify (law)
    deal: float | None        # Rubinstein split of [r_R, r_U], None if no overlap
    demand: float             # Russia's best demand under uncertainty (chapter 12 extended)
    p_war: float              # chance that demand is refused
    corner: str

    @property
    def overlap(self) -> bool:
        return self.r_R <= self.r_U

    @property
    def gap(self) -> float:
        """r_U − r_R: the width of the ratifiable range (negative: how far apart the two sides are)."""
        return self.r_U - self.r_R


def audience_floor(p: float, c_R: float, a: float) -> float:
    """L_a = min(1, max(0, (p − c_R + a)/(1 + a))): the least the Russian leader signs when settling for x costs
    him a·(1 − x) at home (step 4; chapter 1's floor when a = 0)."""
    v = _FLOOR.validate(p=p, c_R=c_R, a=a)
    return min(1.0, max(0.0, (v["p"] - v["c_R"] + v["a"]) / (1.0 + v["a"])))


def separate_floor(**params: float) -> float:
    """The alternative to step 5's compounding: Russia's floor as the larger of the audience-adjusted floor L_a and
    chapter 2's legal floor (1 − λ_R)(p − c_R) + λ_R, the two commitments taken as separate hurdles. Never above
    :attr:`Scenario.r_R` (the law's pull is applied to a floor at least p − c_R)."""
    v = PARAMS.validate(params)
    s = _solve(v, _aid_factor(int(v["months"]), v["aid_fatigue"]))
    law_floor, _ = winsets.ratification_limits(s.p, v["c_R"], v["c_U"], v["rigidity_R"], v["rigidity_U"])
    return max(s.floor_audience, law_floor)


def _aid_factor(months: int, aid_fatigue: float) -> float:
    return attrition.simulate(aid=1.0, aid_fatigue=aid_fatigue).aid[months]


def _solve(v: dict, factor: float) -> Scenario:
    aid_now = v["aid"] * factor
    p = 1.0 - contest.win_probability(aid=aid_now, m_R=v["m_R"])
    lower, upper = bargaining.bargaining_range(p, v["c_R"], v["c_U"])
    floor_a = audience_floor(p, v["c_R"], v["a"])
    r_R, _ = winsets.ratification_limits(floor_a, 0.0, 0.0, v["rigidity_R"], v["rigidity_U"])
    _, r_U = winsets.ratification_limits(p, v["c_R"], v["c_U"], v["rigidity_R"], v["rigidity_U"])
    deal = None
    if r_R <= r_U:
        deal = r_R + bargaining.rubinstein_share(PATIENCE, PATIENCE) * (r_U - r_R)
    g = escalation.constrained_demand(p=p, c_R=v["c_R"], c_bar=v["c_bar"], floor=r_R,
                                      rigidity_U=v["rigidity_U"], a=v["a"])
    return Scenario(aid_now=aid_now, p=p, lower=lower, upper=upper, floor_audience=floor_a, r_R=r_R, r_U=r_U,
                    deal=deal, demand=g.demand, p_war=g.p_war, corner=g.corner)


def solve(**params: float) -> Scenario:
    """Run the chain once; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    return _solve(v, _aid_factor(int(v["months"]), v["aid_fatigue"]))


def over_time(step: int = 4, **params: float) -> dict[str, np.ndarray]:
    """The scenario at months 0, step, 2·step, …, 48 (other parameters fixed): how fatigue moves it."""
    v = PARAMS.validate(params)
    step = Param("step", "Step", "months", 1, 48, 1, 4, "Spacing of the time grid.", integer=True).check(step)
    path = attrition.simulate(aid=1.0, aid_fatigue=v["aid_fatigue"]).aid
    months = list(range(0, int(PARAMS["months"].hi) + 1, step))
    rows = [_solve(v, path[m]) for m in months]
    return {
        "month": np.array(months, dtype=float),
        "p": np.array([s.p for s in rows]),
        "r_R": np.array([s.r_R for s in rows]),
        "r_U": np.array([s.r_U for s in rows]),
        "p_war": np.array([s.p_war for s in rows]),
    }


def levers(**params: float) -> dict[str, Scenario]:
    """The scenario as it is, and with each single lever moved to its most permissive value."""
    v = PARAMS.validate(params)
    out = {"As set": solve(**v)}
    for label, change in LEVERS.items():
        out[label] = solve(**{**v, **change})
    return out


def deadlock_edge(parameter: str, **params: float) -> float | None:
    """The value of ``parameter`` nearest to its current value at which the gap r_U − r_R changes sign, the other
    parameters held (defaults unless given); ``None`` if the sign is the same over the whole declared range.

    The declared range is scanned at its slider step on each side of the current value (nearest first), then the
    first change of sign is bisected to machine precision. ``months`` is whole: its edge is the first month on
    the other side.
    """
    if not isinstance(parameter, str) or parameter not in PARAMS.names:
        raise ParameterError(f"parameter = {parameter!r} is not a parameter of the chain; allowed: one of "
                             f"{', '.join(PARAMS.names)}")
    v = PARAMS.validate(params)
    q = PARAMS[parameter]
    x0 = float(v[parameter])

    def crossed(x: float) -> bool:
        return solve(**{**v, parameter: x}).gap < 0

    side = crossed(x0)

    def changed(x: float) -> bool:
        return crossed(float(x)) != side

    grid = np.arange(q.lo, q.hi + q.step / 2, q.step)
    grid = np.clip(grid, q.lo, q.hi)
    candidates = [b for b in (first_change(changed, x0, (float(x) for x in ends))
                              for ends in (grid[grid > x0], grid[grid < x0][::-1])) if b is not None]
    if not candidates:
        return None
    inner, outer = min(candidates, key=lambda c: abs(c[1] - x0))
    if q.integer:
        return outer
    inner, outer = bisect_change(changed, inner, outer, iterations=60)
    return (inner + outer) / 2


def deadlock_share(draws: int = 2000, seed: int = 13) -> float:
    """The share of ``draws`` parameter sets, drawn uniformly and independently from every declared range
    (``months`` as a whole number; NumPy's default generator with ``seed``), that leave no ratifiable range."""
    draws = whole_number(draws, "draws", 1, 100_000)
    seed = whole_number(seed, "seed", 0, 2**32 - 1)
    rng = np.random.default_rng(seed)
    crossed = 0
    for _ in range(draws):
        v = {q.name: (int(rng.integers(int(q.lo), int(q.hi) + 1)) if q.integer else float(rng.uniform(q.lo, q.hi)))
             for q in PARAMS.params}
        crossed += solve(**v).gap < 0
    return crossed / draws
