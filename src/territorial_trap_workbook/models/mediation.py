"""Chapter 6 — a biased mediator's credibility, and leverage as moving chapter 1's parameters.

Sources
-------
* Kydd, A. (2003). Which Side Are You On? Bias, Credibility, and Mediation. *American Journal of Political
  Science* 47(4), 597–611. A mediator who knows something one party does not can pass it on credibly only if
  the mediator would not gain from misreporting it. A mediator that only wants peace is tempted to say "the
  other side is resolved, give way", so its advice carries no information; a mediator biased towards the side
  it advises is believed when it advises that side to give way, because it would have said "stand firm" had
  that been safe. (Journal, volume, issue and pages confirmed in two independent bibliographies. The paper
  itself was not read in full here: the summary of its argument follows the research notes and secondary
  accounts, and the formalisation below is ours, written in Kydd's spirit, not a reproduction of his model.)
* Fearon, J. D. (1995), via :mod:`.bargaining`: the bargaining range [p − c_R, p + c_U] of chapter 1.

Part 1 — the mediation model (our simplification, derived here)
----------------------------------------------------------------
Ukraine must choose what share x of the disputed value to offer Russia. Russia is *resolved* (a low cost of
war c_res) with prior probability q, otherwise *irresolute* (a higher cost c_irr > c_res). By chapter 1 a
Russia with cost c accepts any x ≥ max(0, p − c), so the two reservation values are

    r_hi = max(0, p − c_res)        (resolved Russia's floor)
    r_lo = max(0, p − c_irr) ≤ r_hi (irresolute Russia's floor).

Ukraine has two sensible offers: *generous*, x = r_hi, which either type accepts, and *firm*, x = r_lo, which
only the irresolute type accepts (the resolved type fights: Ukraine then gets 1 − p − c_U and Russia
p − c_res). With belief μ that Russia is resolved, being firm instead of generous gains G = r_hi − r_lo when
Russia is irresolute and loses L = (1 − r_hi) − (1 − p − c_U) = p + c_U − r_hi when it is resolved, so

    Ukraine is firm  ⇔  (1 − μ)·G > μ·L  ⇔  μ < μ_U = G / (G + L).

The mediator (the United States) learns a signal about Russia's type that is right with probability a
(its accuracy). After the signal "irresolute" and "resolved" Bayes' rule gives

    μ_w = q(1 − a) / (q(1 − a) + (1 − q)a),     μ_s = q·a / (q·a + (1 − q)(1 − a)),

with μ_w ≤ q ≤ μ_s. The mediator's payoff weighs Ukraine's share by w (its bias: ½ is even-handed, 1 is
fully on Ukraine's side) and Russia's by 1 − w, and it bears its own cost k if war breaks out. Comparing the
two Ukrainian offers at belief μ (the Russian-cost terms cancel because the resolved type's war payoff
p − c_res equals its floor when p ≥ c_res; when p < c_res the floor is 0 > p − c_res and the mediator's loss
from war is larger still, see ``_mediator_gain``):

    mediator prefers "firm"  ⇔  (1 − μ)(2w − 1)·G > μ·(w·L + k + (1 − w)·e),   e = r_hi − (p − c_res) ≥ 0.

Credibility. Honest advice ("stand firm" after the signal irresolute, "be generous" after resolved) is an
equilibrium iff the mediator, after each signal, prefers the offer it advises (ties resolved in favour of
honesty). After "resolved" this always holds whenever Ukraine would act on it (the mediator is never more
eager for a fight than Ukraine: μ_M ≤ μ_U, tested); the binding condition is the signal "irresolute":

    (1 − μ_w)(2w − 1)G ≥ μ_w (wL + k + (1 − w)e).

The left side minus the right is linear in w with slope S = 2(1 − μ_w)G − μ_w(L − e), so the credible
biases form an interval [w_min, 1] (or nothing):

    w_min = ((1 − μ_w)G + μ_w(k + e)) / S   if S > 0 and the result is ≤ 1, otherwise no bias is enough.

Because 2·((1 − μ_w)G + μ_w(k + e)) − S = μ_w(2k + e + L) ≥ 0, w_min ≥ ½ always: the mediator must lean
towards the side it advises. (When G = 0 advice cannot change Ukraine's offer and w_min is reported as None.)

With a perfectly accurate signal (a = 1, μ_w = 0) this is w ≥ ½: any lean towards Ukraine suffices. An
even-handed mediator that dislikes war (w = ½, k > 0) is never credible with a noisy signal: it would urge
Ukraine to give way after either signal, so its "give way" carries no information — Kydd's point (a mediator
is believed when it advises concession only if it leans towards the side it advises).

Advice matters only if it changes Ukraine's choice (μ_w < μ_U ≤ μ_s). Outcome:
* credible and decisive advice: war happens only when the signal said "irresolute" but Russia was resolved,
  P(war) = q(1 − a);
* otherwise Ukraine acts on its prior: firm if q < μ_U (P(war) = q), generous otherwise (P(war) = 0).

When G = 0 (p ≤ c_res) both offers coincide and no war can occur; ``credible`` is then None ("the question
does not arise"), not False.

Corners (all solved, none excluded): G + L = 0 (p = 0 and c_U = 0) makes Ukraine indifferent; μ_U is then
set to 0 (ties go to the generous offer). G = 0 (p ≤ c_res) makes advice irrelevant. q is declared in
[0.05, 0.95] so both signals have positive probability for every accuracy in [0.5, 1]. The joint condition
c_irr > c_res is required (otherwise "resolved" would not mean more resolved) and enforced by the declaration.

Part 2 — leverage as moving chapter 1's parameters
---------------------------------------------------
Aid that strengthens Ukraine lowers Russia's expected share from fighting, p → p − Δp; sanctions raise
Russia's cost of war, c_R → c_R + Δc. Chapter 1's model (:func:`.bargaining.solve`, imported, not copied) is
solved before and after. Away from the clipping at 0 and 1, chapter 1's inside deal is
x = p − (1 − s)c_R + s·c_U (s the Rubinstein share), so

    Δx = −Δp − (1 − s)·Δc,

aid moves the deal one for one, sanctions only by the responder's part (1 − s) of the extra cost. Both lower
Ukraine's limit p + c_U only if they lower p: aid can push Russia's walk-out value above Ukraine's limit and
end the talks (the leverage paradox the chapter discusses). Joint corners excluded by the declaration:
p − Δp < 0 and c_R + Δc > 0.5 (the top of chapter 1's declared cost range).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..params import Param, ParameterError, ParamSpace, _short_repr, whole_number
from . import bargaining
from .bargaining import Bargain

# ----------------------------------------------------------------------------------------------------------
# Part 1: mediation
# ----------------------------------------------------------------------------------------------------------


def _types_ordered(v) -> str | None:
    if not v["c_irr"] > v["c_res"]:
        return (f"c_irr = {v['c_irr']!r} must exceed c_res = {v['c_res']!r}: the irresolute Russia must find "
                f"war costlier than the resolved one")
    return None


PARAMS = ParamSpace(
    (
        bargaining.PARAMS["p"],
        bargaining.PARAMS["c_U"],
        Param("c_res", "Resolved Russia's cost of war", "share of disputed value", 0.0, 0.5, 0.01, 0.05,
              "War cost of a Russia that is ready to keep fighting.", symbol="c_res"),
        Param("c_irr", "Irresolute Russia's cost of war", "share of disputed value", 0.0, 0.5, 0.01, 0.3,
              "War cost of a Russia that would rather settle.", symbol="c_irr"),
        Param("q", "Prior that Russia is resolved", "probability", 0.05, 0.95, 0.05, 0.5,
              "Ukraine's belief, before any advice, that Russia is the resolved type.", symbol="q"),
        Param("accuracy", "Accuracy of the mediator's information", "probability", 0.5, 1.0, 0.05, 0.8,
              "Chance that the mediator's signal about Russia's type is right (0.5 = worthless).", symbol="a"),
        Param("w", "Mediator's weight on Ukraine", "weight", 0.0, 1.0, 0.05, 0.7,
              "0.5 is even-handed; 1 means the mediator cares only about Ukraine's share.", symbol="w"),
        Param("k", "Mediator's own cost of war", "share of disputed value", 0.0, 0.5, 0.01, 0.1,
              "What renewed war costs the mediator itself (aid, escalation risk, attention).", symbol="k"),
    ),
    constraint=_types_ordered,
    constraint_doc="the irresolute type's cost c_irr must exceed the resolved type's cost c_res.",
)


@dataclass(frozen=True)
class Mediation:
    """Everything chapter 6 reads off the mediation model for one parameter set."""

    r_hi: float            # generous offer: resolved Russia's floor
    r_lo: float            # firm offer: irresolute Russia's floor
    gain: float            # G
    loss: float            # L
    mu_weak: float         # belief after the signal "irresolute"
    mu_strong: float       # belief after the signal "resolved"
    ukraine_threshold: float   # μ_U
    mediator_threshold: float  # μ_M at the current bias
    w_min: float | None    # least credible bias (None: no bias in [0, 1] is enough)
    credible: bool | None  # None: the question does not arise (G = 0: both offers coincide, no war can occur)
    decisive: bool         # the two messages would lead Ukraine to different offers
    p_war: float
    p_war_without: float
    ukraine_value: float
    ukraine_value_without: float

    @property
    def informative(self) -> bool:
        """Advice is both believed and changes what Ukraine does."""
        return self.credible and self.decisive

    @property
    def verdict(self) -> str:
        if self.credible is None:
            return "No war can occur: both offers are the same, so there is no advice to believe or doubt."
        if not self.decisive:
            return "Advice would not change Ukraine's offer: the mediator's information is irrelevant."
        if self.credible:
            return "Credible: Ukraine follows the mediator's advice."
        return "Not credible: the mediator would urge concession even when Russia is bluffing."


def posteriors(q: float, accuracy: float) -> tuple[float, float]:
    """Bayes' rule: the belief that Russia is resolved after the signals "irresolute" and "resolved"."""
    q = PARAMS["q"].check(q)
    a = PARAMS["accuracy"].check(accuracy)
    return _posteriors(q, a)


def _posteriors(q: float, a: float) -> tuple[float, float]:
    weak = q * (1 - a) / (q * (1 - a) + (1 - q) * a)          # denominators > 0: q in (0,1), a ≥ 0.5
    strong = q * a / (q * a + (1 - q) * (1 - a))
    return weak, strong


def _offers(v) -> tuple[float, float, float, float, float]:
    r_hi = bargaining.bargaining_range(v["p"], v["c_res"], v["c_U"])[0]
    r_lo = bargaining.bargaining_range(v["p"], v["c_irr"], v["c_U"])[0]
    gain = r_hi - r_lo
    loss = v["p"] + v["c_U"] - r_hi
    excess = r_hi - (v["p"] - v["c_res"])       # > 0 only when p < c_res (resolved floor clipped at 0)
    return r_hi, r_lo, gain, loss, excess


def _ukraine_threshold(gain: float, loss: float) -> float:
    return gain / (gain + loss) if gain + loss > 0 else 0.0


def _mediator_gain(mu: float, w: float, k: float, gain: float, loss: float, excess: float) -> float:
    """Mediator's payoff from Ukraine being firm minus being generous, at belief ``mu``.

    Irresolute Russia (prob. 1 − μ): firm gives Ukraine G more and Russia G less → (2w − 1)G.
    Resolved Russia (prob. μ): firm means war; Ukraine loses L, Russia loses e = r_hi − (p − c_res), the
    mediator pays k → −(wL + (1 − w)e + k).
    """
    return (1 - mu) * (2 * w - 1) * gain - mu * (w * loss + (1 - w) * excess + k)


def _mediator_threshold(w: float, k: float, gain: float, loss: float, excess: float) -> float:
    top = (2 * w - 1) * gain
    if top <= 0:
        return 0.0
    return top / (top + w * loss + (1 - w) * excess + k)


def _w_min(mu: float, k: float, gain: float, loss: float, excess: float) -> float | None:
    # f(w) = (1-μ)(2w-1)G − μ(wL + (1-w)e + k) = w·S − [(1-μ)G + μ(k + e)],  S = 2(1-μ)G − μ(L − e)
    if gain <= 0:
        return None          # advice cannot change Ukraine's offer: no threshold to report
    slope = 2 * (1 - mu) * gain - mu * (loss - excess)
    const = (1 - mu) * gain + mu * (k + excess)
    if slope <= 0:
        return 0.0 if const <= 0 else None
    w = const / slope
    if w > 1:
        return None
    return max(0.0, w)


def _solve(v) -> Mediation:
    r_hi, r_lo, gain, loss, excess = _offers(v)
    mu_w, mu_s = _posteriors(v["q"], v["accuracy"])
    w, k, q, a = v["w"], v["k"], v["q"], v["accuracy"]
    mu_u = _ukraine_threshold(gain, loss)
    firm_weak = (1 - mu_w) * gain > mu_w * loss
    firm_strong = (1 - mu_s) * gain > mu_s * loss
    decisive = firm_weak and not firm_strong
    if gain <= 0:
        # p ≤ c_res: both types' floors are 0, the firm and the generous offer coincide and every offer is
        # accepted — no war can occur, so there is no advice whose credibility could be judged (issue 11).
        credible = None
    else:
        credible = (_mediator_gain(mu_w, w, k, gain, loss, excess) >= 0
                    and _mediator_gain(mu_s, w, k, gain, loss, excess) <= 0)

    firm, generous, war = 1 - r_lo, 1 - r_hi, 1 - v["p"] - v["c_U"]
    # Without (credible) advice Ukraine acts on its prior.
    prior_firm = (1 - q) * gain > q * loss
    p_war_without = q if prior_firm else 0.0
    value_without = (1 - q) * firm + q * war if prior_firm else generous
    if credible and decisive:
        p_war = q * (1 - a)
        value = (1 - q) * a * firm + q * (1 - a) * war + (q * a + (1 - q) * (1 - a)) * generous
    else:
        p_war, value = p_war_without, value_without
    return Mediation(
        r_hi=r_hi, r_lo=r_lo, gain=gain, loss=loss, mu_weak=mu_w, mu_strong=mu_s,
        ukraine_threshold=mu_u, mediator_threshold=_mediator_threshold(w, k, gain, loss, excess),
        w_min=_w_min(mu_w, k, gain, loss, excess), credible=credible, decisive=decisive,
        p_war=p_war, p_war_without=p_war_without, ukraine_value=value, ukraine_value_without=value_without,
    )


def solve(**params: float) -> Mediation:
    """Solve the mediation model; unspecified parameters take their defaults."""
    return _solve(PARAMS.validate(params))


def credible_bias_threshold(**params: float) -> float | None:
    """The least weight on Ukraine at which "stand firm" advice is credible (``None``: none suffices).

    The current value of ``w`` is validated but does not enter the result.
    """
    return solve(**params).w_min


def sweep_bias(values, n: int = 41) -> tuple[list[float], list[float], list[float]]:
    """P(war) and Ukraine's expected share for ``n`` evenly spaced biases w in [0, 1] (others from values)."""
    if values is not None and not isinstance(values, Mapping):
        raise ParameterError(f"values = {_short_repr(values)} is of type {type(values).__name__}; allowed: a "
                             f"mapping of parameter names to numbers, names from {PARAMS.names}")
    try:
        v = PARAMS.validate(values)
    except ParameterError as err:
        raise ParameterError(f"values: {err}") from None
    n = whole_number(n, "n", 2, 201)
    ws = [i / (n - 1) for i in range(n)]
    wars, values_ = [], []
    for w in ws:
        m = _solve({**v, "w": w})
        wars.append(m.p_war)
        values_.append(m.ukraine_value)
    return ws, wars, values_


# ----------------------------------------------------------------------------------------------------------
# Part 2: leverage in chapter 1's model
# ----------------------------------------------------------------------------------------------------------


def _leverage_fits(v) -> str | None:
    if v["p"] - v["aid"] < 0:
        return (f"aid = {v['aid']!r} exceeds p = {v['p']!r}: Russia's expected share cannot fall below 0 "
                f"(allowed: aid ≤ p)")
    if v["c_R"] + v["sanctions"] > 0.5:
        return (f"c_R + sanctions = {v['c_R']!r} + {v['sanctions']!r} exceeds 0.5, the top of chapter 1's cost "
                f"range (allowed: sanctions ≤ 0.5 − c_R)")
    return None


LEVERAGE_PARAMS = ParamSpace(
    (
        *bargaining.PARAMS.params,
        Param("aid", "Aid effect on the battlefield", "share of disputed value", 0.0, 0.3, 0.01, 0.1,
              "How much Western aid lowers what Russia can expect to take by fighting (p falls by this).",
              symbol="Δp"),
        Param("sanctions", "Sanctions effect on Russia's cost", "share of disputed value", 0.0, 0.3, 0.01, 0.1,
              "How much sanctions raise Russia's cost of continuing the war (c_R rises by this).",
              symbol="Δc"),
    ),
    constraint=_leverage_fits,
    constraint_doc="aid may not exceed p, and c_R + sanctions may not exceed 0.5 (chapter 1's cost range).",
)


@dataclass(frozen=True)
class Leverage:
    before: Bargain
    after: Bargain
    p_after: float
    c_R_after: float

    @property
    def deal_shift(self) -> float | None:
        """Change in Russia's share from the deal (None if either side has no deal)."""
        if self.before.deal is None or self.after.deal is None:
            return None
        return self.after.deal - self.before.deal

    @property
    def talks_collapse(self) -> bool:
        """Leverage turned a deal into no deal (the walk-out now beats Ukraine's limit)."""
        return self.before.deal is not None and self.after.deal is None


def apply_leverage(**params: float) -> Leverage:
    """Solve chapter 1's model before and after aid (p − Δp) and sanctions (c_R + Δc)."""
    v = LEVERAGE_PARAMS.validate(params)
    base = {name: v[name] for name in bargaining.PARAMS.names}
    shifted = {**base, "p": v["p"] - v["aid"], "c_R": v["c_R"] + v["sanctions"]}
    return Leverage(before=bargaining.solve(**base), after=bargaining.solve(**shifted),
                    p_after=shifted["p"], c_R_after=shifted["c_R"])
