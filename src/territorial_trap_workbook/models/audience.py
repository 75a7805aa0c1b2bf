"""Chapter 8 — audience costs: a leader who has gone public pays for climbing down.

Sources
-------
* Fearon, J. D. (1994). Domestic Political Audiences and the Escalation of International Disputes.
  *American Political Science Review* 88(3), 577–592. A leader who makes a public threat and then backs down
  pays a cost at home (the audience cost). Because backing down is then costlier, the threat says more about
  the leader's resolve, and the other side is more likely to give way; but once committed, a leader with high
  audience costs is also less able to step back, so a crisis in which the other side holds firm is likelier to
  end in war. Fearon's own model is a continuous-time war of attrition; the book uses its own
  one-shot simplification of the same idea below (the derivations are ours).
* Weeks, J. L. (2008). Autocratic Audience Costs: Regime Type and Signaling Resolve. *International
  Organization* 62(1), 35–64. Audience costs are not limited to democracies: in many autocracies an elite
  (party, military, security services) can punish a leader who backs down. In the chapter, a is the cost
  that the security and military elite can impose.

The teaching model (a one-shot crisis game; the derivations are ours)
--------------------------------------------------------------------
Russia has made a public demand (the ultimatum). The stake is worth 1 to each side; p is Russia's expected
share of it if the crisis turns into war (as in chapter 1).

1. Ukraine (with its backers) either concedes the demand or resists.
2. If Ukraine resists, Russia either stands firm (war: payoff p − c) or backs down (payoff −a, the audience
   cost; the status quo is normalised to 0).

Russia's cost of war c is its private information; Ukraine believes c is uniform on [0, c̄].

*Russia's choice.* Russia stands firm iff p − c > −a, i.e. iff c < p + a. Hence the credibility of the threat
(the probability Russia stands firm when resisted) is

    q = P(c < p + a) = min(1, (p + a) / c̄),        and P(back down | resisted) = 1 − q.

*Ukraine's choice.* Ukraine's payoffs: concede → 0 (the stake is lost); resist and Russia backs down → 1 (the
stake is kept); resist and war → (1 − p) − c_U, with c_U Ukraine's cost of war. Resisting is worth
1 − q (p + c_U), so Ukraine resists iff q (p + c_U) < 1, i.e. iff c_U < 1/q − p. Ukraine's cost is private
to Ukraine's own leadership and, seen from outside, uniform on [0, ū], so

    r = P(resist) = min(1, max(0, (1/q − p) / ū)),     with r = 1 when q = 0 (an empty threat is always resisted).

Since q ≤ 1 and p ≤ 1, 1/q − p ≥ 0: the max(0, ·) never binds; it is kept as a guard.

*Outcomes* (they sum to one):

    P(Ukraine concedes) = 1 − r,    P(war) = r · q,    P(Russia backs down) = r · (1 − q).

Raising a makes backing down rarer (q rises) and makes Ukraine concede more often (r falls). The chance of war
r·q can rise or fall with a: the two effects pull in opposite directions — this is the double edge of audience
costs the chapter discusses.

*Where the chance of war peaks.* While q ≤ 1/(p + ū) every Ukrainian type resists (r = 1), so P(war) = q rises
with a. Beyond that point r = (1/q − p)/ū and P(war) = (1 − p q)/ū falls as q rises. So P(war), as a function
of q, peaks at q* = min(1, 1/(p + ū)), i.e. at the audience cost a* = q*·c̄ − p, where P(war) = q*. Within the
declared range of a the peak is at a* clipped to [0, 1] (at a = 0 if even a costless retreat already gives
q > q*; at a = 1 if a* lies beyond the range).

Corners. c̄ and ū are declared strictly positive (lo = 0.05), so no division by zero. q = 0 happens only when
p = a = 0; it is solved (r = 1, so war has probability 0 and Russia always backs down when resisted). All
results lie in [0, 1]; nothing is excluded by a joint condition.

Assumptions to keep in view: one round, no second offer; the stake is the same to both sides; costs are
independent and uniform; the threat has already been made (the model does not ask why Russia went public).
All four parameters are illustrative: none is taken from a measurement.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSpace, whole_number

PARAMS = ParamSpace(
    (
        Param("p", "Russia's expected share if the crisis turns to war", "share of the stake", 0.0, 1.0, 0.05, 0.6,
              "What Russia expects to hold by fighting on, as in chapter 1.", symbol="p"),
        Param("a", "Audience cost of backing down", "share of the stake", 0.0, 1.0, 0.05, 0.2,
              "What the leader loses at home (elite and public standing) by retreating after a public demand.",
              symbol="a"),
        Param("c_bar", "Highest possible Russian cost of war", "share of the stake", 0.05, 1.5, 0.05, 1.0,
              "Outsiders believe Russia's cost of war is anywhere from 0 to this value, all equally likely.",
              symbol="c̄"),
        Param("u_bar", "Highest possible Ukrainian cost of war", "share of the stake", 0.05, 1.5, 0.05, 0.8,
              "Ukraine's cost of war is seen as anywhere from 0 to this value, all equally likely.",
              symbol="ū"),
    )
)

#: Russia's realised cost of war, for the complete-information decision rule (declared once, here).
COST = Param("c", "Russia's cost of war (one realised value)", "share of the stake", 0.0, 1.5, 0.05, 0.8,
             "The cost Russia actually faces, known to Russia only.", symbol="c")

#: The credibility of a threat, when passed in directly to :func:`resist_probability`.
CREDIBILITY = Param("q", "Credibility of the threat", "probability", 0.0, 1.0, 0.01, 0.8,
                    "The probability that Russia stands firm if Ukraine resists.", symbol="q")


def stands_firm(p: float, a: float, c: float) -> bool:
    """Fearon's condition: a resisted leader stands firm iff p − c > −a (war beats the audience cost)."""
    v = PARAMS.validate(p=p, a=a)
    cost = COST.check(c)
    return v["p"] - cost > -v["a"]


@dataclass(frozen=True)
class Crisis:
    """What chapter 8 reads off the model for one set of parameters."""

    credibility: float        # q: P(Russia stands firm | Ukraine resists)
    back_down: float          # 1 − q: P(Russia backs down | Ukraine resists)
    resist: float             # r: P(Ukraine resists)
    concede: float            # 1 − r
    war: float                # r · q
    russia_backs_down: float  # r · (1 − q)
    threshold: float          # p + a: Russia stands firm iff its cost is below this

    @property
    def outcomes(self) -> dict[str, float]:
        return {"Ukraine concedes": self.concede, "War": self.war, "Russia backs down": self.russia_backs_down}


def _q(p, a, c_bar):
    """Credibility, vectorised over validated inputs (the one place the formula is written)."""
    return np.minimum(1.0, (np.asarray(p, float) + np.asarray(a, float)) / c_bar)


def _r(q, p, u_bar):
    """Resistance probability, vectorised: r = min(1, (1 − p q)/(q ū)), written without dividing by a small q
    (r = 1 wherever the numerator reaches the denominator, which covers q = 0)."""
    q = np.asarray(q, float)
    num, den = 1.0 - p * q, q * u_bar
    full = num >= den
    r = np.divide(num, den, out=np.ones_like(q), where=~full)
    return np.clip(np.where(full, 1.0, r), 0.0, 1.0)


def credibility(p: float, a: float, c_bar: float) -> float:
    """q = min(1, (p + a)/c̄): the probability Russia stands firm when resisted."""
    v = PARAMS.validate(p=p, a=a, c_bar=c_bar)
    return float(_q(v["p"], v["a"], v["c_bar"]))


def resist_probability(q: float, p: float, u_bar: float) -> float:
    """r = min(1, (1/q − p)/ū): the probability Ukraine resists a threat of credibility q (1 if q = 0)."""
    q = CREDIBILITY.check(q)
    v = PARAMS.validate(p=p, u_bar=u_bar)
    return float(_r(q, v["p"], v["u_bar"]))


def solve(**params: float) -> Crisis:
    """Solve the crisis game; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    q = credibility(v["p"], v["a"], v["c_bar"])
    r = resist_probability(q, v["p"], v["u_bar"])
    return Crisis(
        credibility=q,
        back_down=1.0 - q,
        resist=r,
        concede=1.0 - r,
        war=r * q,
        russia_backs_down=r * (1.0 - q),
        threshold=v["p"] + v["a"],
    )


def war_peak(p: float, c_bar: float, u_bar: float) -> tuple[float, float]:
    """(a*, P(war) at a*): the audience cost in [0, 1] at which the chance of war is highest, and that chance.

    q* = min(1, 1/(p + ū)); a* = q*·c̄ − p clipped to the declared range of a (see the module docstring).
    """
    v = PARAMS.validate(p=p, c_bar=c_bar, u_bar=u_bar)
    q_star = min(1.0, 1.0 / (v["p"] + v["u_bar"]))
    a_lo, a_hi = PARAMS["a"].lo, PARAMS["a"].hi
    a_star = min(a_hi, max(a_lo, q_star * v["c_bar"] - v["p"]))
    return a_star, solve(p=v["p"], a=a_star, c_bar=v["c_bar"], u_bar=v["u_bar"]).war


def curves(n: int = 41, **params: float) -> dict[str, np.ndarray]:
    """The outcome probabilities along ``n`` audience costs from 0 to the declared maximum.

    The other parameters are held at the given (or default) values; the given ``a`` plays no part in the grid.
    """
    n = whole_number(n, "n", 2, 401)
    v = PARAMS.validate(params)
    grid = np.linspace(PARAMS["a"].lo, PARAMS["a"].hi, n)
    q = _q(v["p"], grid, v["c_bar"])
    r = _r(q, v["p"], v["u_bar"])
    return {"a": grid, "credibility": q, "concede": 1.0 - r, "war": r * q, "russia_backs_down": r * (1.0 - q)}
