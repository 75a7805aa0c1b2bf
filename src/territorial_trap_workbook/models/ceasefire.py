"""Chapter 9 — a frozen conflict: how long a ceasefire lasts, and re-arming during the pause.

Sources
-------
* Fortna, V. P. (2003). Scraps of Paper? Agreements and the Durability of Peace. *International Organization*
  57(2), 337–372. Hazard (survival) analysis of peace after interstate wars that ended between 1946 and 1997:
  controlling for the baseline prospects of peace, stronger agreements last longer; demilitarised zones,
  explicit third-party guarantees, peacekeeping and joint commissions for resolving disputes lengthen peace.
* Fortna, V. P. (2004). *Peace Time: Cease-Fire Agreements and the Durability of Peace*. Princeton, NJ:
  Princeton University Press. The book-length version of the same argument and data.
* Powell, R. (2006). War as a Commitment Problem. *International Organization* 60(1), 169–203 — through the
  chapter 5 module :mod:`territorial_trap_workbook.models.commitment`, imported here, not rewritten.
* Tullock, G. (1980). Efficient Rent Seeking. In J. M. Buchanan, R. D. Tollison and G. Tullock (eds.),
  *Toward a Theory of the Rent-Seeking Society*, 97–112. College Station: Texas A&M University Press — the ratio
  form of the contest success function used for the balance of military strength.

Fortna's coefficients were NOT retrieved for this project. Every number in part 1 is therefore set by the
reader and labelled illustrative; the model shows the *shape* of her finding (stronger agreement → lower hazard
→ longer peace), not her estimates.

Part 1 — ceasefire survival (chapter 9, part 2; a Weibull proportional-hazards model)
-----------------------------------------------------------------------------------------------
Let T be the time (years) until fighting resumes. With scale λ > 0, shape k > 0, and an agreement that includes
n of the four strength measures Fortna studies, each multiplying the hazard by e^β (β < 0 protects):

    cumulative hazard   H(t) = (λ t)^k · e^{β n}
    survival            S(t) = P(T > t) = exp(−H(t))
    hazard              h(t) = H'(t) = k λ^k t^{k−1} e^{β n}          (t > 0)
    median duration     t_½ solves H(t) = ln 2:  t_½ = (ln 2 · e^{−β n})^{1/k} / λ
    risk in year y      P(y − 1 < T ≤ y | T > y − 1) = 1 − exp(−[H(y) − H(y − 1)])

k < 1 makes the hazard fall as a ceasefire ages (the early months are the most dangerous); k = 1 is a constant
hazard (the exponential model); k > 1 a rising one. The hazard ratio e^{β n} does not depend on t: that is the
proportional-hazards assumption. Reducing the four measures to a count n with one common β is our
simplification (Fortna estimates measures separately and with controls).

Corners. λ, k are declared strictly positive. At t = 0, H = 0 and S = 1 for every k (0^k = 0 for k > 0). The
hazard at t = 0 is infinite when k < 1, so :func:`hazard` is declared only for t ≥ 0.05 years. The yearly risk is
computed from the difference of cumulative hazards, never as a ratio of survivals, so it stays defined when S
underflows to 0. The median is finite on the declared ranges (at most about 2·10⁷ years at the extreme corner).

Part 2 — re-arming during the pause (chapter 9, part 3; our composition with chapter 5)
--------------------------------------------------------------------
At the ceasefire Ukraine would win a renewed war with probability p_U. Military strength follows the ratio
contest success function p_U = m_U/(m_U + m_R). During a pause of length T years Russia's strength grows at
rate g_R and Ukraine's at g_U (continuous compounding): m_i(T) = m_i(0)·e^{g_i T}. Then the odds of Ukraine
winning are multiplied by e^{(g_U − g_R) T}, which gives

    p_U(T) = p_U e^{(g_U − g_R) T} / (p_U e^{(g_U − g_R) T} + 1 − p_U),

with no division by zero on [0, 1] (the denominator is positive) and p_U(T) = p_U when p_U is 0 or 1.

The side that re-arms more slowly is the *declining* side of chapter 5's model. If g_R > g_U it is Ukraine,
with p1 = p_U and p2 = p_U(T); if g_U > g_R it is Russia, with p1 = 1 − p_U and p2 = 1 − p_U(T); if the rates
are equal nothing shifts (Ukraine is reported, shift 0). Chapter 5's condition (imported) then says whether
the pause can be a stable bargain: war iff p1 − c_D + δ (p1 − p2) > 1, i.e. the declining side prefers to
fight now rather than accept a pause that lets the other side out-arm it.

*Longest stable pause.* With g = |g_R − g_U| > 0 and chapter 5's p2 threshold θ = p1 − (1 − p1 + c_D)/δ, war
iff p2(T) < θ. Solving p1 e^{−gT}/(p1 e^{−gT} + 1 − p1) = θ for T gives

    T* = ln[ p1 (1 − θ) / (θ (1 − p1)) ] / g,

and war iff T > T*. T* does not exist (no pause length produces war; reported as ``None``) when g = 0, when
chapter 5 reports no threshold, when θ ≤ 0, or when p1 is 0 or 1 (then p2 = p1 and the war index is at most 1).
On the remaining set 0 < θ ≤ p1 < 1, so T* ≥ 0 is finite. If T* = 0 even the shortest pause is unstable.

Assumptions: strength grows at constant rates; nothing else changes the balance (no aid shocks, no
mobilisation limits); the declining side compares fighting now with the shifted balance after the pause
exactly as in chapter 5's two-period model; the pause length T is fixed in advance. All part 2 parameters are
illustrative. Even when no war follows, the shift matters: 1 − p_U(T) is Russia's expected share of a renewed
war, i.e. chapter 1's p in the next round of bargaining, so a pause in which Russia out-arms Ukraine moves the
next bargaining range toward Russia.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSpace, whole_number
from . import commitment

# ---------------------------------------------------------------- part 1: survival
SURVIVAL = ParamSpace(
    (
        Param("lam", "Baseline breakdown rate", "per year", 0.01, 0.5, 0.01, 0.03,
              "Scale of the risk that fighting resumes, for an agreement with none of the four measures.",
              symbol="λ"),
        Param("k", "Shape of the risk over time", "dimensionless", 0.3, 2.0, 0.05, 0.6,
              "Below 1: the risk falls as the ceasefire ages; 1: constant; above 1: the risk rises.", symbol="k"),
        Param("n_measures", "Strength measures in the agreement", "count, 0 to 4", 0, 4, 1, 1,
              "How many of: demilitarised zone, third-party guarantee, peacekeepers, joint commission.",
              symbol="n", integer=True),
        Param("beta", "Effect of each measure on the log hazard", "log hazard ratio per measure", -1.0, 0.5,
              0.05, -0.4,
              "Negative: each measure lowers the risk by the factor e^β (Fortna's sign, not her estimate).",
              symbol="β"),
        Param("horizon", "Horizon", "years", 1, 30, 1, 10,
              "The time at which the chance that the ceasefire still holds is read off.", symbol="t"),
    )
)

#: A point in time for :func:`survival` and :func:`cumulative_hazard`.
TIME = Param("t", "Time since the ceasefire", "years", 0.0, 60.0, 0.5, 10.0,
             "Years since the ceasefire began.", symbol="t")
#: A point in time for :func:`hazard` (which is infinite at t = 0 when k < 1, so 0 is excluded).
HAZARD_TIME = Param("t", "Time since the ceasefire", "years", 0.05, 60.0, 0.05, 1.0,
                    "Years since the ceasefire began (strictly after it began).", symbol="t")
#: A whole year for :func:`risk_in_year`.
YEAR = Param("year", "Year of the ceasefire", "year (1 = the first)", 1, 60, 1, 1,
             "Which year of the ceasefire: 1 is the first twelve months.", integer=True)

T_MAX = 30.0  # the figures draw survival from 0 to 30 years


def _H(t, lam: float, k: float, n: int, beta: float):
    """Cumulative hazard, vectorised over t ≥ 0 (the one place the formula is written)."""
    return np.power(lam * np.asarray(t, float), k) * math.exp(beta * n)


def cumulative_hazard(t: float, **params: float) -> float:
    """H(t) = (λt)^k e^{βn}."""
    v = SURVIVAL.validate(params)
    return float(_H(TIME.check(t), v["lam"], v["k"], v["n_measures"], v["beta"]))


def survival(t: float, **params: float) -> float:
    """S(t) = exp(−(λt)^k e^{βn}): the probability the ceasefire still holds after t years."""
    v = SURVIVAL.validate(params)
    return float(np.exp(-_H(TIME.check(t), v["lam"], v["k"], v["n_measures"], v["beta"])))


def hazard(t: float, **params: float) -> float:
    """h(t) = k λ^k t^{k−1} e^{βn}: the instantaneous breakdown rate at t (declared for t ≥ 0.05)."""
    v = SURVIVAL.validate(params)
    t = HAZARD_TIME.check(t)
    return v["k"] * v["lam"] ** v["k"] * t ** (v["k"] - 1.0) * math.exp(v["beta"] * v["n_measures"])


def median_duration(**params: float) -> float:
    """t_½ = (ln 2 · e^{−βn})^{1/k} / λ: half of such ceasefires break down before this many years."""
    v = SURVIVAL.validate(params)
    return (math.log(2.0) * math.exp(-v["beta"] * v["n_measures"])) ** (1.0 / v["k"]) / v["lam"]


def risk_in_year(year: int, **params: float) -> float:
    """P(fighting resumes during year y | the ceasefire held until its start) = 1 − exp(−[H(y) − H(y − 1)])."""
    v = SURVIVAL.validate(params)
    y = YEAR.check(year)
    h = _H(np.array([y - 1.0, float(y)]), v["lam"], v["k"], v["n_measures"], v["beta"])
    return float(-np.expm1(-(h[1] - h[0])))


@dataclass(frozen=True)
class Durability:
    """What chapter 9 reads off part 1 for one parameter set."""

    hazard_ratio: float      # e^{βn}: the agreement's risk relative to one with no measures
    survival: float          # S(horizon)
    survival_none: float     # S(horizon) with no measures (n = 0), for comparison
    median: float            # t_½ in years
    median_none: float       # t_½ with no measures
    first_year_risk: float   # risk in year 1
    horizon_year_risk: float  # risk in the last year before the horizon

    @property
    def breakdown(self) -> float:
        """P(fighting has resumed by the horizon) = 1 − S(horizon)."""
        return 1.0 - self.survival


def durability(**params: float) -> Durability:
    """Solve part 1; unspecified parameters take their declared defaults."""
    v = SURVIVAL.validate(params)
    none = {**v, "n_measures": 0}
    return Durability(
        hazard_ratio=math.exp(v["beta"] * v["n_measures"]),
        survival=survival(v["horizon"], **v),
        survival_none=survival(v["horizon"], **none),
        median=median_duration(**v),
        median_none=median_duration(**none),
        first_year_risk=risk_in_year(1, **v),
        horizon_year_risk=risk_in_year(int(v["horizon"]), **v),
    )


def survival_curve(n_points: int = 61, **params: float) -> dict[str, np.ndarray]:
    """S(t) on ``n_points`` times from 0 to 30 years, for the given agreement and for one with no measures."""
    n_points = whole_number(n_points, "n_points", 2, 601)
    v = SURVIVAL.validate(params)
    t = np.linspace(0.0, T_MAX, n_points)
    return {
        "t": t,
        "survival": np.exp(-_H(t, v["lam"], v["k"], v["n_measures"], v["beta"])),
        "survival_none": np.exp(-_H(t, v["lam"], v["k"], 0, v["beta"])),
    }


# ---------------------------------------------------------------- part 2: re-arming during the pause
REARM = ParamSpace(
    (
        Param("p_U", "Ukraine's chance of winning a renewed war at the ceasefire", "probability", 0.0, 1.0,
              0.05, 0.4, "The balance of strength on the day the guns fall silent.", symbol="p_U"),
        Param("g_R", "Russia's re-arming rate", "growth of military strength per year", 0.0, 0.3, 0.01, 0.12,
              "How fast Russia's usable military strength grows during the pause.", symbol="g_R"),
        Param("g_U", "Ukraine's re-arming rate", "growth of military strength per year", 0.0, 0.3, 0.01, 0.05,
              "How fast Ukraine's usable military strength grows (own output plus aid).", symbol="g_U"),
        Param("pause", "Length of the pause", "years", 0.0, 20.0, 0.5, 5.0,
              "How long the ceasefire lasts before either side could resume fighting.", symbol="T"),
        commitment.PARAMS["delta"],
        commitment.PARAMS["c_D"],
    )
)


def balance_after(p_U: float, g_R: float, g_U: float, pause: float) -> float:
    """Ukraine's chance of winning after the pause: odds multiplied by e^{(g_U − g_R)T} (ratio contest form)."""
    v = REARM.validate(p_U=p_U, g_R=g_R, g_U=g_U, pause=pause)
    return float(_balance(v["p_U"], v["g_U"] - v["g_R"], v["pause"]))


def _balance(p_U: float, g_diff: float, pause):
    growth = np.exp(g_diff * np.asarray(pause, float))
    # clipped: rounding can put the ratio a few ulps outside [0, 1]
    return np.clip(p_U * growth / (p_U * growth + 1.0 - p_U), 0.0, 1.0)


@dataclass(frozen=True)
class Pause:
    """What chapter 9 reads off part 2: the balance after the pause and chapter 5's verdict on it."""

    p_U_after: float
    declining: str                    # "Ukraine" or "Russia" (Ukraine when the rates are equal)
    commitment: commitment.Commitment  # chapter 5's solution for the declining side
    longest_stable_pause: float | None  # T*: war iff pause > T*; None if no pause length produces war

    @property
    def war(self) -> bool:
        return self.commitment.war

    @property
    def war_index(self) -> float:
        return self.commitment.war_index

    @property
    def russia_share_after(self) -> float:
        """1 − p_U(T): Russia's expected share if war resumed after the pause — chapter 1's p for the next
        round of bargaining."""
        return 1.0 - self.p_U_after


def _declining(v) -> tuple[str, float, float]:
    """(declining side, its p1, its p2)."""
    after = float(_balance(v["p_U"], v["g_U"] - v["g_R"], v["pause"]))
    if v["g_U"] > v["g_R"]:
        return "Russia", 1.0 - v["p_U"], 1.0 - after
    return "Ukraine", v["p_U"], after


def longest_stable_pause(**params: float) -> float | None:
    """T* = ln[p1(1 − θ)/(θ(1 − p1))]/|g_R − g_U|, or None when no pause length leads to war."""
    v = REARM.validate(params)
    g = abs(v["g_R"] - v["g_U"])
    _, p1, _ = _declining(v)
    if g == 0.0 or p1 <= 0.0 or p1 >= 1.0:
        return None
    threshold = commitment.war_condition(p1, p1, v["delta"], v["c_D"]).p2_threshold
    if threshold is None or threshold <= 0.0:
        return None
    longest = max(0.0, math.log(p1 * (1.0 - threshold) / (threshold * (1.0 - p1))) / g)
    # A growth gap so small that the division overflows means no pause of any finite length leads to war.
    return longest if math.isfinite(longest) else None


def pause(**params: float) -> Pause:
    """Solve part 2; unspecified parameters take their declared defaults."""
    v = REARM.validate(params)
    side, p1, p2 = _declining(v)
    solved = commitment.war_condition(p1, min(1.0, max(0.0, p2)), v["delta"], v["c_D"])
    return Pause(
        p_U_after=float(_balance(v["p_U"], v["g_U"] - v["g_R"], v["pause"])),
        declining=side,
        commitment=solved,
        longest_stable_pause=longest_stable_pause(**v),
    )


def pause_curve(n_points: int = 41, **params: float) -> dict[str, np.ndarray]:
    """Along pause lengths 0 to 20 years: Ukraine's chance after the pause and the declining side's war index,
    in chapter 5's two-period form (``war_index``) and its stationary form (``stationary_index``)."""
    n_points = whole_number(n_points, "n_points", 2, 401)
    v = REARM.validate(params)
    T = np.linspace(REARM["pause"].lo, REARM["pause"].hi, n_points)
    after = _balance(v["p_U"], v["g_U"] - v["g_R"], T)
    if v["g_U"] > v["g_R"]:
        p1, p2 = 1.0 - v["p_U"], 1.0 - after
    else:
        p1, p2 = v["p_U"], after
    # chapter 5's index, p1 − c_D + δ(p1 − p2), evaluated through its own function at each point
    index = np.array([commitment.war_index(p1, float(min(1.0, max(0.0, q))), v["delta"], v["c_D"]) for q in p2])
    # the same side's index in chapter 5's stationary (infinite-horizon) form; NaN where δ = 1 leaves it undefined
    st = [commitment.stationary_index(p1, float(min(1.0, max(0.0, q))), v["delta"], v["c_D"]) for q in p2]
    stationary = np.array([np.nan if x is None else x for x in st])
    return {"pause": T, "p_U_after": after, "war_index": index, "stationary_index": stationary}
