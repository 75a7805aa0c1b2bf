"""Chapter 9 — talks as a weapon: bargaining while fighting (a two-round screening model).

Sources
-------
* Wagner, R. H. (2000). Bargaining and War. *American Journal of Political Science* 44(3), 469–484: war is
  part of a bargaining process, not its end; fighting and negotiating go on together, and what happens on the
  battlefield and at the table tells each side about the other.
* Slantchev, B. L. (2003). The Principle of Convergence in Wartime Negotiations. *American Political Science
  Review* 97(4), 621–632, doi:10.1017/S0003055403000911: offers made and rejected during a war carry
  information (in his model, more than battlefield outcomes); fighting stops being useful once it has no more
  information to reveal.
* Powell, R. (2004). Bargaining and Learning While Fighting. *American Journal of Political Science* 48(2),
  344–361, doi:10.1111/j.0092-5853.2004.00074.x: an uninformed side makes offers while fighting; a rejected
  offer screens out the weaker types, so demands fall over time and the war lasts until the informed side's
  type has been revealed (when the uncertainty is about costs).

The teaching model (our simplification of that mechanism; not an equation copied from the papers)
-------------------------------------------------------------------------------------------------
Russia (R) and the coalition C (Ukraine and its backers) divide a prize worth 1; x is Russia's share. Russia
would win a war fought to the end with probability p. The coalition's cost of a round of fighting is private:
it is *resolute* (cost c_L) with probability q and *fatigued* (cost c_H > c_L) otherwise. Russia's cost of a
round is c_R. A settlement is permanent; a settlement one round later is worth δ times as much.

Round 2. One round of fighting reveals the coalition's type (Slantchev's and Powell's point that battles carry
information, taken to its limit), so round 2 is Fearon's take-it-or-leave-it game with full information: a type
with cost c accepts x iff 1 − x ≥ 1 − p − c, so Russia asks x₂(c) = min(1, p + c) and it is accepted.

Round 1 (talks during the war). Russia demands x₁. Rejecting costs the coalition a round (c) and it then gets
δ(1 − x₂(c)), so a type with cost c accepts iff x₁ ≤ A(c) = 1 + c − δ·max(0, 1 − p − c). With A_L = A(c_L) <
A_H = A(c_H), Russia has three kinds of demand:

* *settle now* — x₁ = X_L = min(1, A_L): both types accept.
* *probe* — x₁ = X_H = min(1, A_H): only the fatigued accepts; the resolute rejects, fights a round and settles
  at x₂(c_L). Russia's expected payoff is (1 − q)·X_H + q·Y with Y = δ·min(1, p + c_L) − c_R.
* *fight first* — a demand nobody accepts, worth −c_R + δ·E[x₂] to Russia: dominated by the probe (X_H exceeds
  δ·x₂(c_H) − c_R), so never chosen and not offered by the module.

Russia probes iff (1 − q)·X_H + q·Y > X_L, i.e. iff q < q*, where

    q* = (X_H − X_L) / (X_H − Y),  and, when nothing is clamped (p + c_H ≤ 1 and (1 + δ)·c_H ≤ δ(1 − p)),
    q* = (1 + δ)(c_H − c_L) / (1 − δ + c_R + c_H + δ(c_H − c_L))        (independent of p).

X_H − Y ≥ X_L − Y ≥ 1 − δ + c_R > 0 on the declared ranges (c_R > 0), so q* is always defined and lies in
[0, 1). Ties (q = q*) settle now.

What the model says. While Russia believes the coalition resolute with probability below q*, its demand at the
table is a *probe*: a price only a fatigued coalition would pay. A fatigued coalition pays it at once; a
resolute one rejects, fighting goes on for a round, and the next demand is lower by X_H − x₂(c_L). Fighting
continues (with probability q) only when Russia thought the coalition probably fatigued and it was not; the
chance of another round of war, q·1[q < q*], is largest just below q* and zero above it.

Assumptions: two types and two rounds; a round of fighting reveals the coalition's type but does not move the
odds p; Russia's own resolve is known; settlements are kept (the commitment problem is part 3 of chapter 9).
Every parameter is illustrative.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Param, ParamSpace


def _costs_ordered(v) -> str | None:
    if not v["c_H"] > v["c_L"]:
        return (f"c_H = {v['c_H']!r} must be above c_L = {v['c_L']!r} (the fatigued coalition's cost of a "
                "round is higher than the resolute's)")
    return None


PARAMS = ParamSpace(
    (
        Param("p", "Russia's chance of winning a war fought to the end", "probability", 0.0, 1.0, 0.05, 0.5,
              "The balance of strength if the war were fought to a decision.", symbol="p"),
        Param("c_L", "Round cost of a resolute coalition", "share of the prize", 0.0, 0.3, 0.01, 0.05,
              "What another round of fighting costs a coalition whose publics and budgets hold up.",
              symbol="c_L"),
        Param("c_H", "Round cost of a fatigued coalition", "share of the prize", 0.01, 0.5, 0.01, 0.2,
              "What another round of fighting costs a coalition short of money, arms or patience.",
              symbol="c_H"),
        Param("c_R", "Russia's round cost", "share of the prize", 0.01, 0.3, 0.01, 0.1,
              "What another round of fighting costs Russia.", symbol="c_R"),
        Param("delta", "Weight on a settlement one round later", "discount factor", 0.5, 1.0, 0.05, 0.9,
              "How much a settlement reached after another round is worth compared with one reached now.",
              symbol="δ"),
        Param("q", "Russia's belief that the coalition is resolute", "probability", 0.0, 1.0, 0.05, 0.3,
              "How likely Moscow thinks it is that the coalition will hold; low q means Moscow sees cracks.",
              symbol="q"),
    ),
    constraint=_costs_ordered,
    constraint_doc="c_H must be above c_L.",
)


@dataclass(frozen=True)
class Talks:
    """What chapter 9 reads off the model for one parameter set."""

    probe: bool
    """True when Russia's first demand is a probe that only a fatigued coalition accepts."""
    q_star: float
    """Russia probes iff its belief q that the coalition is resolute is below q*."""
    first_demand: float
    """Russia's demand during the fighting (round 1)."""
    second_demand: float | None
    """The demand after a rejection, min(1, p + c_L), or None when the first demand is accepted by both types."""
    settle_now_demand: float
    """A_L clamped at 1: the highest demand both types accept at once."""
    probe_demand: float
    """A_H clamped at 1: the highest demand a fatigued coalition accepts at once."""
    p_fighting_continues: float
    """The probability that the first demand is rejected and fighting goes on for a round (q if probing)."""
    russia_value: float
    """Russia's expected payoff from its best first demand."""

    @property
    def demand_drop(self) -> float:
        """How much Russia's demand falls after a rejection (0 when it does not probe)."""
        return 0.0 if self.second_demand is None else self.first_demand - self.second_demand


def limits(**params: float) -> tuple[float, float, float]:
    """(X_L, X_H, Y): the settle-now demand, the probe demand (both clamped at 1) and Russia's payoff from a
    resolute coalition that rejects and settles after one round, δ·min(1, p + c_L) − c_R."""
    v = PARAMS.validate(params)
    p, d = v["p"], v["delta"]
    x_l = min(1.0, 1.0 + v["c_L"] - d * max(0.0, 1.0 - p - v["c_L"]))
    x_h = min(1.0, 1.0 + v["c_H"] - d * max(0.0, 1.0 - p - v["c_H"]))
    y = d * min(1.0, p + v["c_L"]) - v["c_R"]
    return x_l, x_h, y


def probe_cap_p(**params: float) -> float:
    """The p at which the probe demand reaches the whole prize, 1 − (1 + δ)·c_H/δ: below it nothing is clamped
    (when p + c_H ≤ 1 too) and q* does not depend on p; above it X_H = 1 and probing gains less."""
    v = PARAMS.validate(params)
    return 1.0 - (1.0 + v["delta"]) * v["c_H"] / v["delta"]


def probe_threshold(**params: float) -> float:
    """q* = (X_H − X_L)/(X_H − Y): Russia probes iff q < q*."""
    x_l, x_h, y = limits(**params)
    return (x_h - x_l) / (x_h - y)


def solve(**params: float) -> Talks:
    """Solve the two-round game; unspecified parameters take their declared defaults."""
    v = PARAMS.validate(params)
    x_l, x_h, y = limits(**v)
    q_star = (x_h - x_l) / (x_h - y)
    probe_value = (1.0 - v["q"]) * x_h + v["q"] * y
    probe = v["q"] < q_star
    return Talks(
        probe=probe,
        q_star=q_star,
        first_demand=x_h if probe else x_l,
        second_demand=min(1.0, v["p"] + v["c_L"]) if probe else None,
        settle_now_demand=x_l,
        probe_demand=x_h,
        p_fighting_continues=v["q"] if probe else 0.0,
        russia_value=probe_value if probe else x_l,
    )
