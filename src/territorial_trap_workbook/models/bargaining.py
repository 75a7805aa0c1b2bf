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
  is worth more than what the player would get in the talks without it; then it sets the player's price.
* Osborne, M. J. and Rubinstein, A. (1990). *Bargaining and Markets*. San Diego: Academic Press, ch. 3
  (alternating offers; the section on outside options). The exact subgame-perfect equilibrium with an
  outside option for one player, used in step 3 below.

The teaching model (our composition of the three)
-------------------------------------------------
Side A is Russia, side B is Ukraine; x is the share of the disputed value (the four claimed regions) that
the settlement gives Russia.

1. Bargaining range: Russia accepts x ≥ p − c_R, Ukraine accepts x ≤ p + c_U. Intersected with [0, 1]:
   ``lower = max(0, p − c_R)``, ``upper = min(1, p + c_U)``. With non-negative costs it is never empty.
2. Talks while the war goes on. Russia and Ukraine alternate offers, Russia first. Until they agree the
   war continues: each round of delay gives each side one round's worth of the war, so that fighting for
   ever is worth ``lower`` to Russia and ``1 − upper`` to Ukraine (the war is the *impasse* payoff received
   during the talks, Binmore, Rubinstein & Wolinsky's "inside option", not a one-off exit). δ_R and δ_U are
   the weights each side puts on the next round. The unique subgame-perfect equilibrium is Rubinstein's split
   of the surplus of the range: with ``share = (1 − δ_U) / (1 − δ_R δ_U)``,
   ``inside = lower + share · (upper − lower)`` (Russia's share when it proposes) and
   ``threshold = lower + δ_R · share · (upper − lower) = (1 − δ_R)·lower + δ_R·inside``
   (Russia's share when Ukraine proposes).
   Derivation: Ukraine is indifferent between Russia's offer and waiting one round,
   ``1 − inside = (1 − δ_U)(1 − upper) + δ_U (1 − threshold)``; Russia likewise,
   ``threshold = (1 − δ_R) lower + δ_R inside``. Solving the two gives the formulas above.
3. Walk-out (outside option, exact). Russia, and only Russia, may end the talks at any point at which it is
   to move, taking w (a share-equivalent, once and for all); Ukraine then fights on, worth 1 − upper.
   The exact equilibrium (Osborne & Rubinstein 1990; Binmore, Shaked & Sutton 1989):

   * ``w ≤ threshold``: the option is never used and changes nothing; deal = inside.
   * ``threshold < w ≤ upper``: the option binds. When Ukraine proposes it must offer Russia exactly w;
     anticipating that, Russia's own first offer is ``deal = (1 − δ_U)·upper + δ_U·w``.
     (Ukraine indifferent: 1 − deal = (1 − δ_U)(1 − upper) + δ_U (1 − w).)
   * ``w > upper``: Ukraine would rather let Russia walk out than give it w, so Russia leaves at once:
     no deal.

   The deal is continuous in w: it equals inside at w = threshold and upper at w = upper. It rises with w
   at rate δ_U while the option binds.
4. The patient limit. As both discount factors approach 1 (rounds become short), threshold → inside and
   deal → max(inside, w): the textbook statement of the outside-option principle ("the deal moves to
   exactly w"). ``patient_deal`` applies that rule, max(inside, w), at the declared discount factors (inside is
   the exact split at those δs), so it is the patient-limit *rule*, not the δ → 1 limit itself; the book teaches
   the exact values and the rule as the limit. With δ_R = δ_U = 0.5, p = 0.5, c_R = 0.5, c_U = 0.3 and w = 0.5
   the exact deal is 0.65 while the patient-limit rule applied at these discount factors gives 0.533 (issue 11's
   check value); the true limit, both δs rising to 1 together, is 0.50 (the share tends to 1/2, inside to the
   middle of the range [0, 0.8], 0.40, and the deal to max(0.40, 0.5)).
5. The ultimatum: Russia demands d. Ukraine accepts only if ``d ≤ upper``.

Why war is an impasse payoff and the walk-out an outside option. Binmore, Shaked & Sutton warn that treating
an outside option as a disagreement point is naive. The model does not do that: the war goes on *while* the
parties talk (Russia and Ukraine have fought throughout every round of talks since 2022), so its payoffs
accrue during delay and enter as the impasse point; the walk-out ends the talks for good and enters as an
outside option. Had the war been treated like the walk-out (an outside option on the whole prize rather than the impasse),
the exact game on the whole prize [0, 1] (p = c_R = c_U = 0.5) with Russia's war payoff p − c_R = 0.5 at the
defaults as its option gives Russia 0.550 (the option binds; Ukraine's own war payoff at the defaults, 1 − p − c_U = 0.25, would
not), where the limit rule would say max(Rubinstein's share 0.526, 0.5) = 0.526, instead of 0.632; the chapter
says which reading it takes and why.

Corners. δ_R = δ_U = 1 makes the Rubinstein share 0/0; the declaration excludes it by capping both discount
factors at 0.99 (patience can be made as high as a reader likes short of perfectly patient). Costs of zero
are allowed: the range then shrinks to the single point p, and the deal is p (or none if w > p). When
p − c_R < 0 the range is clipped at 0 and Russia's impasse payoff is taken as 0.
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
    threshold: float
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


#: Floating-point slack: a walk-out equal to the threshold up to rounding does not bind (the deal is the same).
_EPS = 1e-12


def _walkout_threshold(lower: float, upper: float, delta_R: float, delta_U: float) -> float:
    """Russia's share when Ukraine proposes: a walk-out value above it moves the deal (exact game)."""
    share = rubinstein_share(delta_R, delta_U)
    return lower + delta_R * share * (upper - lower)


def _deal_with_option(lower: float, upper: float, delta_R: float, delta_U: float, w: float) -> float | None:
    """The exact equilibrium deal when Russia can walk out for w (None: Russia walks out)."""
    if w > upper:
        return None
    share = rubinstein_share(delta_R, delta_U)
    inside = lower + share * (upper - lower)
    if w <= _walkout_threshold(lower, upper, delta_R, delta_U) + _EPS:
        return inside
    return (1.0 - delta_U) * upper + delta_U * w


def solve(**params: float) -> Bargain:
    """Solve the chapter 1 model exactly; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    lower, upper = bargaining_range(v["p"], v["c_R"], v["c_U"])
    share = rubinstein_share(v["delta_R"], v["delta_U"])
    inside = lower + share * (upper - lower)
    threshold = _walkout_threshold(lower, upper, v["delta_R"], v["delta_U"])
    w = v["walkout"]
    deal = _deal_with_option(lower, upper, v["delta_R"], v["delta_U"], w)
    return Bargain(
        lower=lower,
        upper=upper,
        share=share,
        inside=inside,
        threshold=threshold,
        walkout_binds=w > threshold + _EPS,
        deal=deal,
        demand_acceptable=v["demand"] <= upper,
    )


def patient_deal(**params: float) -> float | None:
    """The patient-limit rule of the walk-out, max(inside, w), applied at the declared δs; None if w > upper.

    This is the textbook outside-option principle; ``solve`` gives the exact deal for the declared
    discount factors. The rule keeps the declared ``inside`` (the exact split at the given δs), so it is not the
    δ → 1 limit itself: with both δs rising to 1 together, inside tends to the middle of the range and the deal
    to max(middle, w) (e.g. 0.533 from this rule at δ = 0.5 against a true limit of 0.50 in issue 11's case).
    """
    v = PARAMS.validate(params)
    b = solve(**v)
    w = v["walkout"]
    return None if w > b.upper else max(b.inside, w)
