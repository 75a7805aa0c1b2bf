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

Every public function validates its inputs against :data:`PARAMS` and returns finite values with
0 ≤ P(war) ≤ 1 and 0 ≤ x* ≤ 1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Param, ParameterError, ParamSpace, _short_repr

PARAMS = ParamSpace(
    (
        Param("p", "Russia's chance of winning a war", "probability", 0.0, 1.0, 0.05, 0.5,
              "Russia's expected share of the disputed value if the war goes on (chapter 1's p).", symbol="p"),
        Param("c_R", "Russia's cost of war", "share of disputed value", 0.0, 0.5, 0.01, 0.1,
              "Russia's cost of fighting on, known to both sides (c_A in the literature).", symbol="c_R"),
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
    try:
        x = np.asarray(demands, dtype=float)
    except (TypeError, ValueError):
        x = np.array([np.nan])
    if x.ndim != 1 or x.size == 0 or not np.all(np.isfinite(x)) or np.any(x < 0.0) or np.any(x > 1.0):
        raise ParameterError(f"demands must be a non-empty list of finite numbers from 0 to 1; got {_short_repr(demands)}")
    y = x - v["p"]
    risk = np.clip(y / v["c_bar"], 0.0, 1.0)
    payoff = x * (1.0 - risk) + (v["p"] - v["c_R"]) * risk
    return {"demand": x, "p_war": risk, "payoff": payoff}
