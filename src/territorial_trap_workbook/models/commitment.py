"""Chapter 5 — the commitment problem under shifting power (two-period teaching form).

Sources
-------
* Powell, R. (2006). War as a Commitment Problem. *International Organization* 60(1), 169–203.
  Large, rapid shifts in the distribution of power can lead to war even with complete information: the
  rising side cannot credibly promise not to use tomorrow the power it will then have, so the declining side
  may prefer to fight while it is still strong. Powell's general model is infinite-horizon; the two-period
  form below is our own teaching normalisation of that mechanism, not an equation copied from the article.
* Fearon, J. D. (1995). Rationalist Explanations for War. *International Organization* 49(3), 379–414
  (commitment problems, preventive war, bargaining over objects that are sources of future power).
* Chadefaux, T. (2011). Bargaining over power: when do shifts in power lead to war? *International Theory*
  3(2), 228–253. Counterpoint: if the sides can bargain over the
  sources of power themselves, the shift, and so the war, can be avoided.

The teaching model (our derivation)
-----------------------------------
Two sides, D (declining: in chapter 5 Ukraine, whose strength falls if it cedes the land bridge and the
strategic depth of the four regions; in chapter 9 whichever side the other out-arms during a ceasefire) and R
(rising). In each of two periods they divide a prize worth 1. Period 2 is discounted by δ ∈ [0, 1].

* Period 1. D would win a war with probability p1. War is decisive and lasts: the winner holds the prize in
  both periods. D pays a one-off cost c_D (in units of one period's prize). D's value of fighting now is
      W_D = (1 + δ)·p1 − c_D.
* Period 2. Power has shifted: D would win with probability p2. We normalise the period-2 settlement to the
  new balance of power, x2 = p2. (This is the midpoint of the period-2 bargaining range
  [p2 − c_D, p2 + c_R] when the costs are equal; neither side then wants war in period 2.)
* In period 1, R offers D a share x1 ∈ [0, 1] of the first prize. D accepts iff x1 + δ·p2 ≥ W_D, i.e. iff
  x1 ≥ x_lo = (1 + δ)·p1 − c_D − δ·p2. R, whose war value is W_R = (1 + δ)(1 − p1) − c_R (it pays its own
  one-off cost c_R), prefers the deal iff (1 − x1) + δ(1 − p2) ≥ W_R, i.e. iff x1 ≤ x_hi = x_lo + c_D + c_R.
  Without the limits on x1 the deals [x_lo, x_hi] always exist (war destroys c_D + c_R). The obstacle is that
  no one can give more than the whole prize today or less than nothing, and no one can promise tomorrow more
  than the new balance p2 gives (that promise would not be credible once the shift has happened).

Peace therefore fails in exactly two ways (the model is two-sided):

    D fights preventively iff x_lo > 1:   p1 − c_D + δ·(p1 − p2) > 1             (D's war condition)
    R fights preventively iff x_hi < 0:   (1 − p1) − c_R + δ·(p2 − p1) > 1       (R's war condition)

Only the side whose chance falls can meet its condition (each needs its own shift to be positive, since its
chance now is at most 1 and its cost is at least 0), and the two cannot hold at once (adding them gives
1 − c_D − c_R > 2). So with p2 < p1 only D can fight; with p2 > p1 — D *gains* — only R can, and an earlier
version of this module, which looked at D alone, reported "peace" there (issue 11). When the offer D needs
is negative (x_lo < 0), R offers 0 and keeps everything today; R still prefers that to war unless its own
condition holds.

Below, "war index" is D's left-hand side and "the other side's war index" is R's.

We call the left side the *war index*; it is exactly the first-period share x1* that D would need (before
clamping at 0), so the condition reads "D needs more than the whole prize today". Check values: p1 = 0.7, p2 = 0.1, δ = 0.9, c_D = 0.05 gives
0.65 + 0.54 = 1.19 > 1 (war); p1 = 0.5 with the rest unchanged gives 0.45 + 0.36 = 0.81 (no war).

Equivalently, for δ > 0 war occurs iff the shift p1 − p2 exceeds the critical shift
    s* = (1 − p1 + c_D) / δ,
so iff p2 < p1 − s* (the *p2 threshold*). Shifts are at most 1, so when s* > 1 (i.e. 1 − p1 + c_D > δ) no
possible shift produces war and the module reports no critical shift and no threshold (``None``). This covers
δ = 0, where the future does not count and the index is p1 − c_D ≤ 1, and tiny δ, where s* would be huge.

A different normalisation of period 2 changes the constant, not the mechanism: if R captures the whole
period-2 surplus (x2 = p2 − c_D), D's condition becomes p1 − (1 − δ)·c_D + δ·(p1 − p2) > 1, so war is a
little more likely, and a case near the threshold can change its verdict. The book states the normalisation
used here and, for its default case, how far the verdict is from the threshold.

A stationary (infinite-horizon) version
---------------------------------------
Powell's model runs forever. Keep everything else and let the game last for ever: a one-off shift from p1 to
p2 after the first period, the settlement x = p2 in every later period, a decisive and permanent war, a
one-off cost. The module reports D's stationary index (p1 − δ·p2)/(1 − δ) − c_D and R's mirror image; a side
fights when its index exceeds 1 (δ < 1). The derivation is Exercise 5.6 of chapter 5 (worked in the solution
notebook, not here). A declining side that is *weak* today can then fight: with p1 = 0.15, p2 = 0, δ = 0.9,
c_D = 0.1 the stationary index is 1.4 (war) while the two-period index is 0.185. The two-period statement
"a commitment problem needs a declining side that is currently strong" is an artefact of the short horizon.
At δ = 1 the stationary values are infinite; the module reports the stationary index as ``None`` there.

Corners. Every value in the declared ranges is solved: p2 ≥ p1 (D is not declining) is allowed; it lowers
D's index and raises R's; δ = 0 and δ = 1 are allowed; costs of zero are allowed. Nothing divides by zero except the
critical shift, which is reported as ``None`` whenever it would exceed 1 (so also at δ = 0).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Param, ParamSpace

PARAMS = ParamSpace(
    (
        Param("p1", "Declining side's chance of winning now", "probability", 0.0, 1.0, 0.05, 0.7,
              "The chance that the side whose power is about to fall (chapter 5: Ukraine) would win a war "
              "fought today.", symbol="p₁"),
        Param("p2", "Its chance of winning after the shift", "probability", 0.0, 1.0, 0.05, 0.45,
              "The same chance once power has shifted (after ceding territory, or after the other side "
              "re-arms).", symbol="p₂"),
        Param("delta", "Weight on the future", "discount factor", 0.0, 1.0, 0.05, 0.9,
              "How much the second period counts relative to the first (0: not at all, 1: equally).",
              symbol="δ"),
        Param("c_D", "Declining side's cost of war", "share of one period's prize", 0.0, 0.5, 0.01, 0.1,
              "What fighting costs the declining side, in units of one period's prize.", symbol="c_D"),
        Param("c_R", "Other side's cost of war", "share of one period's prize", 0.0, 0.5, 0.01, 0.1,
              "What fighting costs the other (in chapter 5: the rising) side, in units of one period's prize.",
              symbol="c_R"),
    )
)


@dataclass(frozen=True)
class Commitment:
    """Everything the commitment model reads off one parameter set (see the module docstring)."""

    p1: float
    p2: float
    delta: float
    c_D: float
    war_index: float
    """p1 − c_D + δ(p1 − p2): war iff above 1."""
    war: bool
    shift: float
    """p1 − p2 (negative if the declining side in fact gains power)."""
    critical_shift: float | None
    """(1 − p1 + c_D)/δ: the smallest shift that produces war; None when no shift of at most 1 does."""
    p2_threshold: float | None
    """p1 − critical_shift, in [−1, 1]: war iff p2 is below it (if negative, no p2 in [0, 1] produces war)."""
    war_value: float
    """(1 + δ)p1 − c_D: the declining side's value of fighting now."""
    offer_needed: float
    """The first-period share the declining side needs to accept peace, max(0, (1 + δ)p1 − c_D − δ p2)."""
    c_R: float = 0.1
    war_index_other: float = 0.0
    """(1 − p1) − c_R + δ(p2 − p1): the other side fights preventively iff above 1."""
    war_by: str | None = None
    """"declining" (D fights), "other" (R fights) or None (peace is possible)."""
    offer_ceiling: float = 1.0
    """The largest first-period share to D the other side accepts, (1 + δ)p1 − δ p2 + c_R."""
    stationary_index: float | None = None
    """(p1 − δ p2)/(1 − δ) − c_D, D's index in the stationary infinite-horizon version (None at δ = 1)."""
    stationary_index_other: float | None = None
    """((1 − p1) − δ(1 − p2))/(1 − δ) − c_R, the other side's stationary index (None at δ = 1)."""
    stationary_war: bool = False
    """War in the stationary version (at δ = 1: iff power shifts at all)."""

    @property
    def margin(self) -> float:
        """How far the index is above (positive) or below (negative) the war threshold of 1."""
        return self.war_index - 1.0

    @property
    def verdict(self) -> str:
        if self.war_by == "declining":
            return ("War: the declining side needs more than the whole prize today to accept the shift "
                    f"(it needs {self.offer_needed:.2f} of 1).")
        if self.war_by == "other":
            return ("War: the power shift favours the first side, and the other side would need more than the "
                    "whole prize today to accept it, so it fights first.")
        return f"Peace is possible: an offer of {self.offer_needed:.2f} today buys it."


def war_index(p1: float, p2: float, delta: float, c_D: float) -> float:
    """p1 − c_D + δ(p1 − p2); war iff it exceeds 1 (validated)."""
    v = PARAMS.validate(p1=p1, p2=p2, delta=delta, c_D=c_D)
    return v["p1"] - v["c_D"] + v["delta"] * (v["p1"] - v["p2"])


def war_index_other(p1: float, p2: float, delta: float, c_R: float) -> float:
    """(1 − p1) − c_R + δ(p2 − p1): the other side's index; it fights preventively iff above 1 (validated)."""
    v = PARAMS.validate(p1=p1, p2=p2, delta=delta, c_R=c_R)
    return (1.0 - v["p1"]) - v["c_R"] + v["delta"] * (v["p2"] - v["p1"])


def stationary_index(p1: float, p2: float, delta: float, c_D: float) -> float | None:
    """(p1 − δ p2)/(1 − δ) − c_D: D's index in the stationary infinite-horizon version; None at δ = 1."""
    v = PARAMS.validate(p1=p1, p2=p2, delta=delta, c_D=c_D)
    if v["delta"] >= 1.0:
        return None
    return (v["p1"] - v["delta"] * v["p2"]) / (1.0 - v["delta"]) - v["c_D"]


class _Unset:
    def __repr__(self) -> str:
        return "<declared default>"


_UNSET = _Unset()


def war_condition(p1: float, p2: float, delta: float, c_D: float, c_R: float = _UNSET) -> Commitment:
    """Solve the two-period commitment model for one parameter set, for both sides (all arguments validated;
    ``c_R`` left out takes its declared default)."""
    given = dict(p1=p1, p2=p2, delta=delta, c_D=c_D)
    if c_R is not _UNSET:
        given["c_R"] = c_R
    v = PARAMS.validate(given)
    p1, p2, delta, c_D, c_R = v["p1"], v["p2"], v["delta"], v["c_D"], v["c_R"]
    index = p1 - c_D + delta * (p1 - p2)
    index_other = (1.0 - p1) - c_R + delta * (p2 - p1)
    war_by = "declining" if index > 1.0 else "other" if index_other > 1.0 else None
    if delta < 1.0:
        st = (p1 - delta * p2) / (1.0 - delta) - c_D
        st_other = ((1.0 - p1) - delta * (1.0 - p2)) / (1.0 - delta) - c_R
        st_war = st > 1.0 or st_other > 1.0
    else:
        st = st_other = None
        st_war = p1 != p2
    numerator = 1.0 - p1 + c_D  # ≥ 0 on the declared ranges
    if delta > 0.0 and numerator <= delta:  # some shift of at most 1 produces war
        critical: float | None = numerator / delta
        threshold: float | None = p1 - critical
    else:  # no possible shift produces war (includes δ = 0): no threshold, never an inf
        critical = None
        threshold = None
    war_value = (1.0 + delta) * p1 - c_D
    return Commitment(
        p1=p1, p2=p2, delta=delta, c_D=c_D,
        war_index=index,
        war=war_by is not None,
        shift=p1 - p2,
        critical_shift=critical,
        p2_threshold=threshold,
        war_value=war_value,
        offer_needed=max(0.0, war_value - delta * p2),
        c_R=c_R,
        war_index_other=index_other,
        war_by=war_by,
        offer_ceiling=(1.0 + delta) * p1 - delta * p2 + c_R,
        stationary_index=st,
        stationary_index_other=st_other,
        stationary_war=st_war,
    )


def solve(**params: float) -> Commitment:
    """Keyword form of :func:`war_condition`; unspecified parameters take their declared defaults."""
    v = PARAMS.validate(params)
    return war_condition(v["p1"], v["p2"], v["delta"], v["c_D"], v["c_R"])
