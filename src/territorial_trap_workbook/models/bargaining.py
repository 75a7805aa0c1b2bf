"""Chapter 1 — the bargaining range with a walk-out outside option.

Sources
-------
* Fearon, J. D. (1995). Rationalist Explanations for War. *International Organization* 49(3), 379–414.
  With a divisible issue x in [0, 1], a war that side A wins with probability p, and costs of war c_A, c_B,
  both sides prefer every split in [p − c_A, p + c_B] to fighting.
* Rubinstein, A. (1982). Perfect Equilibrium in a Bargaining Model. *Econometrica* 50(1), 97–109.
  With alternating offers and discount factors δ1 (proposer) and δ2 (responder) the first proposer's share of
  the surplus is (1 − δ2) / (1 − δ1 δ2).
* Binmore, K., Shaked, A. and Sutton, J. (1989). An Outside Option Experiment. *Quarterly Journal of
  Economics* 104(4), 753–770. The outside-option principle: an option to walk out changes the deal only if it
  is worth more than what the player gets inside the talks; then the player gets exactly the option's value.

The teaching model (our composition of the three)
-------------------------------------------------
Side A is Russia, side B is Ukraine; x is the share of the disputed value (the four claimed regions) that
the settlement gives Russia.

1. Bargaining range: Russia accepts x ≥ p − c_R, Ukraine accepts x ≤ p + c_U. Intersected with [0, 1]:
   ``lower = max(0, p − c_R)``, ``upper = min(1, p + c_U)``. With non-negative costs it is never empty.
2. Deal inside the talks: Russia proposes first and Rubinstein's split divides the surplus of the range,
   ``share = (1 − δ_U) / (1 − δ_R δ_U)``, ``inside = lower + share · (upper − lower)``.
3. Walk-out threat: leaving the U.S.-led talks is worth w to Russia (a share-equivalent). By the
   outside-option principle the deal is ``max(inside, w)`` if ``w ≤ upper``; if ``w > upper`` no deal that
   Ukraine prefers to fighting beats the walk-out, so there is no deal.
4. The ultimatum: Russia demands d. Ukraine accepts only if ``d ≤ upper``.

Corners. δ_R = δ_U = 1 makes the Rubinstein share 0/0; the declaration excludes it by capping both discount
factors at 0.99 (patience can be made as high as a reader likes short of perfectly patient). Costs of zero
are allowed: the range then shrinks to the single point p, and the deal is p.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Param, ParamSpace

PARAMS = ParamSpace(
    (
        Param("p", "Russia's expected share if fighting goes on", "share of disputed value", 0.0, 1.0, 0.05, 0.6,
              "What Russia expects to hold of the four regions by fighting rather than settling.", symbol="p"),
        Param("c_R", "Russia's cost of continuing the war", "share of disputed value", 0.0, 0.5, 0.01, 0.1,
              "Losses, money and risk of more war, in units of the disputed value.", symbol="c_R"),
        Param("c_U", "Ukraine's cost of continuing the war", "share of disputed value", 0.0, 0.5, 0.01, 0.15,
              "Ukraine's losses of more war, in the same units.", symbol="c_U"),
        Param("delta_R", "Russia's patience", "discount factor per round", 0.0, 0.99, 0.01, 0.9,
              "How much Russia values a deal one round later (1 would be perfectly patient).", symbol="δ_R"),
        Param("delta_U", "Ukraine's patience", "discount factor per round", 0.0, 0.99, 0.01, 0.9,
              "How much Ukraine values a deal one round later.", symbol="δ_U"),
        Param("demand", "Russia's demand", "share of disputed value", 0.0, 1.0, 0.05, 1.0,
              "The share Russia insists on; 1 means recognition of all four regions.", symbol="d"),
        Param("walkout", "Russia's walk-out value", "share of disputed value", 0.0, 1.0, 0.05, 0.4,
              "What leaving the U.S.-led talks is worth to Russia.", symbol="w"),
    )
)


def rubinstein_share(delta_proposer: float, delta_responder: float) -> float:
    """The first proposer's share of the surplus in Rubinstein's alternating-offers game."""
    d1 = PARAMS["delta_R"].check(delta_proposer, "delta_proposer")
    d2 = PARAMS["delta_U"].check(delta_responder, "delta_responder")
    return (1.0 - d2) / (1.0 - d1 * d2)


@dataclass(frozen=True)
class Bargain:
    """Everything chapter 1 reads off the model for one set of parameters."""

    lower: float
    upper: float
    share: float
    inside: float
    walkout_binds: bool
    deal: float | None
    demand_acceptable: bool

    @property
    def width(self) -> float:
        return self.upper - self.lower

    @property
    def verdict(self) -> str:
        if self.deal is None:
            return "No deal: the walk-out value lies beyond what Ukraine would accept."
        if not self.demand_acceptable:
            return "The demand lies beyond Ukraine's limit: no deal on those terms."
        return "The demand lies inside the range: Ukraine prefers it to fighting."


def bargaining_range(p: float, c_R: float, c_U: float) -> tuple[float, float]:
    """Fearon's range of splits both sides prefer to war, intersected with [0, 1]."""
    v = PARAMS.validate(p=p, c_R=c_R, c_U=c_U)
    return max(0.0, v["p"] - v["c_R"]), min(1.0, v["p"] + v["c_U"])


def solve(**params: float) -> Bargain:
    """Solve the chapter 1 model; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    lower, upper = bargaining_range(v["p"], v["c_R"], v["c_U"])
    share = rubinstein_share(v["delta_R"], v["delta_U"])
    inside = lower + share * (upper - lower)
    w = v["walkout"]
    if w > upper:
        deal = None
    else:
        deal = max(inside, w)
    return Bargain(
        lower=lower,
        upper=upper,
        share=share,
        inside=inside,
        walkout_binds=w > inside,
        deal=deal,
        demand_acceptable=v["demand"] <= upper,
    )
