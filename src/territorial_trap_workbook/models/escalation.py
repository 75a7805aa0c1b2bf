"""Chapter 12 — escalation when talks collapse: the risk–return trade-off under private information.

Sources
-------
* Fearon, J. D. (1995). Rationalist Explanations for War. *International Organization* 49(3), 379–414 — the
  section on private information and incentives to misrepresent: a state that does not know how much the
  other side would pay to avoid war faces a trade-off between a better deal and a higher risk of war, and its
  best offer leaves a positive chance of war.
* Powell, R. (1999). *In the Shadow of Power: States and Strategies in International Politics*. Princeton, NJ:
  Princeton University Press — the risk–return trade-off in take-it-or-leave-it bargaining under asymmetric
  information (chapter 3, where the book sets out its bargaining model). [Chapter number confirmed only from
  a secondary summary of the book, not from the book itself.]

The teaching model (the textbook special case with a uniform cost)
------------------------------------------------------------------
Side A (Russia) makes a take-it-or-leave-it demand x ∈ [0, 1], the share of the disputed value it keeps.
Side B (Ukraine) accepts or fights. A wins a war with probability p; war costs A c_A (known to both) and B
c_B, which only B knows. A believes c_B is uniform on [0, c̄] (c̄ > 0 measures how uncertain A is).

B accepts x iff its share 1 − x is at least its war payoff 1 − p − c_B, i.e. iff c_B ≥ x − p. Write y = x − p
(the demand's premium over A's expected share of a war). Then

    P(war | x) = P(c_B < y) = 0            for y ≤ 0,
                             = y / c̄        for 0 ≤ y ≤ c̄,
                             = 1            for y ≥ c̄.

A's expected payoff on 0 ≤ y ≤ c̄ is

    U(x) = x · (1 − y/c̄) + (p − c_A) · y/c̄  =  p + y − (y² + c_A y)/c̄.

Demanding less than p (y < 0) is accepted for sure but gives U = x < p = U(p); demanding more than p + c̄
gives war for sure, U = p − c_A < U(p). So A's best demand lies in [p, p + c̄]. There U is a downward parabola
in y with U'(y) = 1 − (2y + c_A)/c̄, zero at y = (c̄ − c_A)/2. Hence the interior optimum

    x* = p + (c̄ − c_A)/2,        P(war) = (c̄ − c_A) / (2 c̄),

and the chance of war does not depend on p: moving the balance of power moves the demand one-for-one but leaves
the gamble unchanged. Check: p = .5, c_A = .1, c̄ = .3 → x* = .6, P(war) = 1/3.

It rises with A's uncertainty, dP/dc̄ = c_A/(2c̄²) ≥ 0, and falls with A's own cost, dP/dc_A = −1/(2c̄) < 0.
At the optimum U(x*) = p + (c̄ − c_A)²/(4c̄): A gains from the gamble exactly the premium it expects over p.

Corners (solved, not excluded)
------------------------------
1. c_A ≥ c̄: U'(y) ≤ 0 on [0, c̄], so the optimum is the corner y = 0: A demands x* = p, which every type of B
   accepts, and P(war) = 0. (The interior formula would give a negative chance.) In general
   y* = max(0, (c̄ − c_A)/2).
2. x* > 1: a demand above the whole value is meaningless. U is concave in y, so the best feasible demand is
   the constrained corner x* = 1, i.e. y* = 1 − p, with P(war) = (1 − p)/c̄ (≤ 1 because then
   1 − p < (c̄ − c_A)/2 ≤ c̄). The chance of war is independent of p only while p ≤ 1 − (c̄ − c_A)/2;
   :func:`p_independence_limit` returns that bound.
3. c̄ = 0 (no uncertainty) would divide by zero: the declaration starts c̄ at 0.01. With complete information
   A would demand p + c_B exactly and there would be no war — the limit of the formula as c_A → c̄.

Extension used by the capstone (chapter 13): law and audience
------------------------------------------------------------
The same gamble with three additions taken from earlier chapters (our composition; see
:func:`constrained_demand`):

* Russia's demand cannot go below a floor f (chapter 2's ratifiable minimum r_R: a constitution that lists the
  regions rules out signing for less).
* Ukraine's ratifiable limit is chapter 2's r_U = (1 − λ_U)·min(1, p + c_B): its constitution pulls what it can
  sign towards ceding nothing. B accepts x iff x ≤ (1 − λ_U)·min(1, p + c_B).
* Settling for less than the public demand (all four regions, x = 1) costs the leader at home (chapter 8).
  Chapter 8's audience cost a is what a full climb-down (x = 0) costs; a partial one costs in proportion to what
  is given up, a·(1 − x). The cost is paid only if the demand is accepted (a refused demand means war, not a
  climb-down). So an accepted demand x is worth V(x) = x − a(1 − x) = (1 + a)x − a to Russia.

With ℓ_lo = (1 − λ_U)p (the limit of the least resolved Ukraine) and ℓ_hi = (1 − λ_U)·min(1, p + c̄),

    P(war | x) = 0 for x ≤ ℓ_lo,   1 for x > ℓ_hi,   (x/(1 − λ_U) − p)/c̄ in between

(in between requires λ_U < 1 and x ≤ 1 − λ_U, so x/(1 − λ_U) ≤ 1 and the min is not binding). Russia's expected
payoff is U(x) = (1 − P(war | x))·V(x) + P(war | x)·w with w = p − c_R. On the middle piece, with k = 1/(1 − λ_U),
U is a concave quadratic (its x² coefficient is −k(1 + a)/c̄) and

    U'(x) = (1 + a)(1 − (kx − p)/c̄) − (k/c̄)((1 + a)x − a − w) = 0
    ⇔  x_c = (c̄ + p)/(2k) + (a + w)/(2(1 + a))  =  (1 − λ_U)(c̄ + p)/2 + (p − c_R + a)/(2(1 + a)),

which is x* of the base model when λ_U = a = 0. With a = 0 the chance of war there is
(c̄ − p + k(p − c_R))/(2c̄): with λ_U > 0 it depends on p and rises with Ukraine's legal rigidity whenever p > c_R.
x_c rises with a (because w < 1), so a higher audience cost means a harder demand and more risk of war.
U is increasing below ℓ_lo (U = V(x)) and constant (= w) above ℓ_hi, so the best demand is among the candidates
{f, ℓ_lo, x_c clipped to the middle piece, ℓ_hi, 1} restricted to [f, 1]; the function evaluates U at each and
takes the best (the lowest demand among ties). No grid, no approximation, and every corner (λ_U = 1: Ukraine can
sign nothing but x = 0; f above ℓ_hi: war is certain) is covered by the same candidate list. With f = 0,
λ_U = 0, a = 0 it returns exactly :func:`optimal_demand`'s answer.

Every public function validates its inputs against :data:`PARAMS` and returns finite values with
0 ≤ P(war) ≤ 1 and 0 ≤ x* ≤ 1.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..params import Param, ParamSpace, number_list
from . import audience, bargaining, winsets

PARAMS = ParamSpace(
    (
        # Chapter 1's p and c_R (c_A in the literature), declared there; p defaults to the catalogue's 0.5.
        replace(bargaining.PARAMS["p"], default=0.5),
        bargaining.PARAMS["c_R"],
        Param("c_bar", "Highest possible Ukrainian cost of war", "share of disputed value", 0.01, 0.6, 0.01, 0.3,
              "Russia believes Ukraine's cost of war is somewhere between 0 and this value, all equally likely: "
              "the wider the interval, the less Russia knows about Ukraine's resolve.", symbol="c̄"),
    )
)


@dataclass(frozen=True)
class RiskReturn:
    """Russia's best demand and what follows from it."""

    demand: float          # x*
    premium: float         # y* = x* − p
    p_war: float           # chance the demand is refused and war follows
    payoff: float          # Russia's expected payoff U(x*)
    corner: str            # "interior", "no-gamble" (c_R ≥ c̄) or "cap" (x* capped at 1)

    @property
    def p_settle(self) -> float:
        return 1.0 - self.p_war


def _premium(v: dict) -> tuple[float, str]:
    y = max(0.0, (v["c_bar"] - v["c_R"]) / 2.0)
    if y == 0.0:
        return 0.0, "no-gamble"
    if v["p"] + y > 1.0:
        return 1.0 - v["p"], "cap"
    return y, "interior"


def _war_chance(y: float, c_bar: float) -> float:
    return float(min(1.0, max(0.0, y / c_bar)))


def optimal_demand(**params: float) -> RiskReturn:
    """Russia's best take-it-or-leave-it demand under uncertainty about Ukraine's cost of war."""
    v = PARAMS.validate(params)
    y, corner = _premium(v)
    p_war = _war_chance(y, v["c_bar"])
    demand = min(1.0, v["p"] + y)
    payoff = demand * (1.0 - p_war) + (v["p"] - v["c_R"]) * p_war
    return RiskReturn(demand=demand, premium=demand - v["p"], p_war=p_war, payoff=payoff, corner=corner)


def war_probability(**params: float) -> float:
    """P(war) at Russia's best demand: (c̄ − c_R)/(2c̄) in the interior, 0 or (1 − p)/c̄ at the corners."""
    return optimal_demand(**params).p_war


def p_independence_limit(**params: float) -> float:
    """The largest p for which the chance of war is (c̄ − c_R)/(2c̄) whatever p is: 1 − max(0, (c̄ − c_R)/2)."""
    v = PARAMS.validate(params)
    return 1.0 - max(0.0, (v["c_bar"] - v["c_R"]) / 2.0)


def demand_curve(demands, **params: float) -> dict[str, np.ndarray]:
    """For each possible demand x in ``demands`` (values in [0, 1]): P(war | x) and Russia's expected payoff.

    This is the trade-off itself: a higher demand returns more if accepted and risks war more often.
    """
    v = PARAMS.validate(params)
    x = _demands(demands)
    y = x - v["p"]
    risk = np.clip(y / v["c_bar"], 0.0, 1.0)
    payoff = x * (1.0 - risk) + (v["p"] - v["c_R"]) * risk
    return {"demand": x, "p_war": risk, "payoff": payoff}


_DEMAND = Param("demand", "Russia's demand", "share of disputed value", 0.0, 1.0, 0.01, 0.5,
               "A share Russia could demand.")


def _demands(demands) -> np.ndarray:
    """A list (or 1-D array) of demands, each a number from 0 to 1 (not a bool, not a string)."""
    return np.asarray(number_list(demands, "demands", _DEMAND, 1, 10_000_000), dtype=float)


EXTENDED = ParamSpace(
    PARAMS.params
    + (
        Param("floor", "Least Russia may demand", "share of disputed value", 0.0, 1.0, 0.01, 0.0,
              "Russia cannot sign for less than this (chapter 2's ratifiable minimum r_R).", symbol="f"),
        replace(winsets.PARAMS["rigidity_U"], default=0.0),
        replace(audience.PARAMS["a"], default=0.0,
                meaning="What the Russian leader loses at home by settling for nothing; settling for a share x "
                        "costs a·(1 − x)."),
    )
)


def _war_given(x: np.ndarray, v: dict) -> np.ndarray:
    lam = v["rigidity_U"]
    lo = (1.0 - lam) * v["p"]
    hi = (1.0 - lam) * min(1.0, v["p"] + v["c_bar"])
    out = np.where(x > hi, 1.0, 0.0)
    mid = (x > lo) & (x <= hi)
    if np.any(mid):  # only reachable with λ_U < 1
        out = np.where(mid, np.clip((x / (1.0 - lam) - v["p"]) / v["c_bar"], 0.0, 1.0), out)
    return out


def _payoff(x: np.ndarray, war: np.ndarray, v: dict) -> np.ndarray:
    accepted = (1.0 + v["a"]) * x - v["a"]
    return accepted * (1.0 - war) + (v["p"] - v["c_R"]) * war


def constrained_demand(**params: float) -> RiskReturn:
    """Russia's best demand with a legal floor, Ukraine's legal pull λ_U and an audience cost for asking less
    than everything (the capstone's extension; parameters in :data:`EXTENDED`)."""
    v = EXTENDED.validate(params)
    lam, p = v["rigidity_U"], v["p"]
    lo = (1.0 - lam) * p
    hi = (1.0 - lam) * min(1.0, p + v["c_bar"])
    cands = [v["floor"], lo, hi, 1.0]
    if lam < 1.0:
        x_c = (1.0 - lam) * (v["c_bar"] + p) / 2.0 + (p - v["c_R"] + v["a"]) / (2.0 * (1.0 + v["a"]))
        cands.append(min(max(x_c, lo), hi))
    x = np.array(sorted({min(1.0, max(v["floor"], c)) for c in cands}))
    war = _war_given(x, v)
    pay = _payoff(x, war, v)
    best = int(np.argmax(pay >= pay.max() - 1e-12))  # the lowest demand among (near-)ties
    demand, p_war = float(x[best]), float(war[best])
    if v["floor"] > 0.0 and demand <= v["floor"] + 1e-12 and demand < 1.0:
        corner = "floor"
    elif lam < 1.0 and lo < demand < hi:
        corner = "interior"
    else:
        corner = "edge"
    return RiskReturn(demand=demand, premium=demand - p, p_war=p_war, payoff=float(pay[best]), corner=corner)


def constrained_curve(demands, **params: float) -> dict[str, np.ndarray]:
    """P(war | x) and Russia's expected payoff (audience cost included) for each demand, ignoring the floor."""
    v = EXTENDED.validate(params)
    x = _demands(demands)
    war = _war_given(x, v)
    return {"demand": x, "p_war": war, "payoff": _payoff(x, war, v)}
