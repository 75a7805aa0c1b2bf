"""Chapter 11 — power brokers: a rival peace track as Russia's outside option, extending chapter 1.

Sources
-------
* Binmore, K., Shaked, A. and Sutton, J. (1989). An Outside Option Experiment. *Quarterly Journal of
  Economics* 104(4), 753–770. The outside-option principle: an option to leave changes the bargain only if it
  is worth more than the share the player obtains inside the talks; then the player gets the option's value.
* Fearon, J. D. (1995). Rationalist Explanations for War. *International Organization* 49(3), 379–414.
  The bargaining range [p − c_R, p + c_U].
* Rubinstein, A. (1982). Perfect Equilibrium in a Bargaining Model. *Econometrica* 50(1), 97–109.
  The split inside the range.
* Busch, M. L. (2007). Overlapping Institutions, Forum Shopping, and Dispute Settlement in International
  Trade. *International Organization* 61(4), 735–761. Forum shopping: where institutions overlap, a party
  chooses the forum that serves it best; here the forums are two peace tracks.
* All of Fearon, Rubinstein and Binmore–Shaked–Sutton come in through chapter 1's module
  ``models.bargaining``, which this module imports and does not rewrite.

The teaching model (our composition)
------------------------------------
Russia weighs the U.S.-led talks against a rival track (a Chinese, Brazilian or wider "Global South"
initiative). Shares are of the disputed value going to Russia, as in chapter 1.

1. Inside the U.S.-led talks Russia obtains chapter 1's Rubinstein split of Fearon's range,
   ``inside = lower + share · (upper − lower)`` (``bargaining.solve``).
2. Walking out to the rival track is a lottery. With probability g the rival track takes off and gives
   Russia a value v_G (territory it keeps plus whatever third-party endorsement is worth to it, in
   share-equivalents). With probability 1 − g it does not, and Russia is back to fighting, which chapter 1
   values at m = max(0, p − c_R), the lower end of its range (``bargaining.solve``'s ``lower``). Leaving also
   costs k (relations with Washington, a stronger Western coalition)::

       w_raw = g · v_G + (1 − g) · m − k,        w = max(0, w_raw).

   (Review r2 of chapter 11: the failure branch used p − c_R unclipped, so for p < c_R war was valued below
   chapter 1's own value; at p = 0.3, c_R = 0.5, v_G = 0.5, g = 0.5, k = 0 that gave w = 0.15, which does not
   bind, where valuing war as chapter 1 does gives w = 0.25, which binds.)

   The clip at 0 changes nothing: chapter 1 declares w on [0, 1], and any w ≤ 0 is below every possible
   deal, so it never binds — exactly as w_raw would not. w_raw ≤ max(v_G, m) ≤ 1, so no upper clip is needed.
3. The value w is chapter 1's walk-out value, and chapter 1's exact alternating-offers equilibrium with an
   outside option applies (``bargaining.solve``): the walk-out changes nothing while w ≤ threshold (Russia's
   share when Ukraine proposes, ``(1 − δ_R)·lower + δ_R·inside``); for threshold < w ≤ upper the deal is
   ``(1 − δ_U)·upper + δ_U·w``; for w > upper there is no deal (Ukraine would rather fight than concede more
   than p + c_U). In the patient limit (δ → 1) this is the textbook ``max(inside, w)``.

Derivations (ours)
------------------
* The rival track matters only if it beats Russia's share as responder: binds ⇔ w > threshold
  (threshold = (1 − δ_R)·lower + δ_R·inside, which lies between lower and inside).
* w_raw is linear in g, from w(0) = m − k (≤ lower ≤ threshold: a track that never takes off never
  binds) to w(1) = v_G − k. Hence
  - if v_G − k ≤ threshold, the rival track never binds, for any g (threshold None);
  - otherwise it binds exactly when g > g* with
    ``g* = (threshold − m + k) / (v_G − m)`` ∈ [0, 1), with m = max(0, p − c_R).
    (The denominator is positive: v_G − m > threshold + k − m ≥ 0.)
* Likewise talks collapse (no deal) exactly when g > g** with
  ``g** = (upper − m + k) / (v_G − m)`` if v_G − k > upper, and never otherwise.
  g* ≤ g** because threshold ≤ upper.
* Between g* and g** Russia's share rises with w at rate δ_U: ∂deal/∂g = δ_U·(v_G − m).
* How g* moves (chapter 11's sentences, checked in tests/statics/ch11.py). With m = p − c_R (Russia's war
  value where it is not negative): when the range is not clipped (0 ≤ p − c_R and p + c_U ≤ 1),
  g* = (δ_R·share·(c_R + c_U) + k) / (v_G − m). Then g* rises with k and with c_U and falls with v_G; with v_G
  fixed it rises with p (the denominator shrinks). Moving c_R moves numerator and denominator together:
  ∂g*/∂c_R has the sign of δ_R·share − g*, so g* rises with c_R while g* < δ_R·share (at the defaults) and
  falls above it. "A lower war value lowers g*" therefore holds for a lower p, not for a higher c_R.

Assumptions (stated, not hidden): the rival track's value v_G is what Russia expects from it, not a deal
Ukraine has signed — the model does not ask whether Ukraine would accept it; g and v_G are independent of the
U.S. talks; one walk-out decision, no repeated forum switching; patience at the chapter's values.
All rival-track parameters are illustrative.

Corners. δ_R = δ_U = 1 is excluded by chapter 1's declaration (reused here). p − c_R < 0 is allowed: then
lower = 0, war is worth m = 0 (as in chapter 1), and w_raw may be negative (clipped as above). g* and g** are finite whenever defined.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Param, ParamSpace
from . import bargaining

PARAMS = ParamSpace(
    (
        bargaining.PARAMS["p"],
        bargaining.PARAMS["c_R"],
        bargaining.PARAMS["c_U"],
        bargaining.PARAMS["delta_R"],
        bargaining.PARAMS["delta_U"],
        Param("g", "Chance the rival track takes off", "probability", 0.0, 1.0, 0.05, 0.4,
              "How likely a China-, Brazil- or 'Global South'-led process convenes and delivers something "
              "if the U.S.-led talks end.", symbol="g"),
        Param("v_G", "Rival track's value to Russia", "share of disputed value", 0.0, 1.0, 0.05, 0.85,
              "What Russia expects from the rival track if it takes off: territory kept plus the value of "
              "third-party endorsement, in share-equivalents.", symbol="v_G"),
        Param("k", "Russia's cost of leaving the U.S. track", "share of disputed value", 0.0, 0.5, 0.01, 0.05,
              "Damage to relations with Washington and a firmer Western coalition, in share-equivalents.",
              symbol="k"),
    )
)


def walkout_value(**params: float) -> float:
    """w = max(0, g · v_G + (1 − g) · max(0, p − c_R) − k): the rival track as Russia's outside option."""
    v = PARAMS.validate(params)
    return _walkout(v, v["g"])


def _war(v: dict[str, float]) -> float:
    """Russia's value of fighting on, as chapter 1 values it: the lower end of the range, max(0, p − c_R)."""
    return max(0.0, v["p"] - v["c_R"])


def _walkout(v: dict[str, float], g: float) -> float:
    war = _war(v)
    return max(0.0, g * v["v_G"] + (1.0 - g) * war - v["k"])


def _threshold(v: dict[str, float], level: float) -> float | None:
    """Smallest g beyond which w exceeds ``level`` (None if it never does)."""
    war = _war(v)
    if v["v_G"] - v["k"] <= level:
        return None
    g = (level - war + v["k"]) / (v["v_G"] - war)
    # Rounding can put a threshold that lies just inside (0, 1) exactly on an end: keep it in range.
    if g >= 1.0:
        return None
    return max(0.0, g)


@dataclass(frozen=True)
class RivalTrack:
    """Everything chapter 11 reads off the model for one set of parameters."""

    inside: float
    lower: float
    upper: float
    threshold: float
    walkout: float
    binds: bool
    deal: float | None
    g_binds: float | None
    g_collapse: float | None

    @property
    def gain(self) -> float | None:
        """What the rival track adds to Russia's share (None when the talks collapse)."""
        return None if self.deal is None else self.deal - self.inside

    @property
    def verdict(self) -> str:
        if self.deal is None:
            return "The rival track beats anything Ukraine would accept: the U.S.-led talks collapse."
        if self.binds:
            return "The rival track is worth more than Russia could get as responder in the talks: it moves the deal up."
        return "The rival track is worth less than Russia's share inside the talks: it changes nothing."


def solve(**params: float) -> RivalTrack:
    """Solve the chapter 11 model; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    w = _walkout(v, v["g"])
    b = bargaining.solve(p=v["p"], c_R=v["c_R"], c_U=v["c_U"], delta_R=v["delta_R"], delta_U=v["delta_U"],
                         walkout=w)
    return RivalTrack(
        inside=b.inside,
        lower=b.lower,
        upper=b.upper,
        threshold=b.threshold,
        walkout=w,
        binds=b.walkout_binds,
        deal=b.deal,
        g_binds=_threshold(v, b.threshold),
        g_collapse=_threshold(v, b.upper),
    )


def binding_threshold(**params: float) -> float | None:
    """g*: the rival track moves the deal iff g > g* (None: it never does, for any g)."""
    return solve(**params).g_binds


def collapse_threshold(**params: float) -> float | None:
    """g**: the U.S.-led talks collapse iff g > g** (None: they never do, for any g)."""
    return solve(**params).g_collapse


def curve(**params: float) -> dict[str, list]:
    """Walk-out value and deal along the declared range of g, on the declared slider grid of g."""
    v = PARAMS.validate(params)
    b = bargaining.solve(p=v["p"], c_R=v["c_R"], c_U=v["c_U"], delta_R=v["delta_R"], delta_U=v["delta_U"],
                         walkout=0.0)
    param = PARAMS["g"]
    n = int(round((param.hi - param.lo) / param.step)) + 1
    gs = [param.lo + (param.hi - param.lo) * i / (n - 1) for i in range(n)]
    ws = [_walkout(v, g) for g in gs]
    deals = [bargaining._deal_with_option(b.lower, b.upper, v["delta_R"], v["delta_U"], w) for w in ws]
    return {"g": gs, "walkout": ws, "deal": deals}


__all__ = ["PARAMS", "RivalTrack", "solve", "walkout_value", "binding_threshold", "collapse_threshold",
           "curve"]
