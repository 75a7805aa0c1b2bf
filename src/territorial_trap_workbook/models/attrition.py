"""Chapter 3 — "time is on our side": the war of attrition, and a resolve-budget simulation with fatigue.

Sources
-------
* Maynard Smith, J. (1974). The Theory of Games and the Evolution of Animal Conflicts. *Journal of
  Theoretical Biology* 47(1), 209–221. Symmetric war of attrition, prize V, cost c per unit of time: no pure
  strategy is stable; the stable mixed strategy persists for an exponentially distributed time with mean V/c,
  so P(still in at t) = exp(−c·t/V).
* Bishop, D. T. and Cannings, C. (1978). A Generalized War of Attrition. *Journal of Theoretical Biology*
  70(1), 85–124.
* Hammerstein, P. and Parker, G. A. (1982). The Asymmetric War of Attrition. *Journal of Theoretical Biology*
  96(4), 647–682 [abstract read; volume and pages as catalogued, not checked against the journal]. With contest
  costs accruing at rates K_A, K_B and resource values V_A, V_B, and roles assessed with rare mistakes, the
  "optimal assessor" strategy is the unique ESS: persist in the role with the higher V/K, retreat in the other
  (part 4 below).
* Hendricks, K., Weiss, A. and Wilson, C. (1988). The War of Attrition in Continuous Time with Complete
  Information. *International Economic Review* 29(4), 663–680 (JSTOR 2526827): with complete information the
  game has many equilibria, among them pure ones in which either side (the stronger too) concedes at once and a
  stationary mixed equilibrium in which each side concedes at a constant hazard rate that keeps the *other*
  side indifferent (part 4, the caution). Kornhauser, Rubinstein and Wilson (1989), *Economica* 56(221), 15–24:
  adding small probabilities of "irrational" types can select a unique equilibrium in which the weaker (more
  impatient) side concedes at once; which side that is depends on the irrational types assumed.
* Krishna, V. and Morgan, J. (1997). An Analysis of the War of Attrition and the All-Pay Auction. *Journal of
  Economic Theory* 72(2), 343–362: the war of attrition with privately known values; symmetric equilibrium
  quitting times for independent values are the integral derived below (also in Krishna's *Auction Theory*).

1. Private values (closed form)
-------------------------------
Each side privately knows how much it values winning, v ∈ [0, 1), drawn uniformly and independently
(F(v) = v); holding out costs c per unit of time; the side that holds out longer wins the prize v and both pay
for the time elapsed. In a symmetric equilibrium each side quits at time t(v), increasing in v. A side with
value v that behaves as if its value were x gets

    U(x) = ∫_0^x (v − t(y)) f(y) dy − t(x)·(1 − F(x))   (per unit cost; divide times by c otherwise).

The first-order condition at x = v is v f(v) − t'(v)(1 − F(v)) = 0, so t'(v) = v f(v)/(1 − F(v)) and with
t(0) = 0 and the uniform distribution

    t(v) = (1/c)·∫_0^v x/(1 − x) dx = (1/c)·(−v − ln(1 − v)).

Check: t(0.5) = −0.5 + ln 2 = 0.1931 (c = 1). The side with the lower value concedes first, at t(min(v_R, v_U));
the stronger side's value is never revealed. Corner: t(v) → ∞ as v → 1, so the declaration caps values at
0.99; v = 0 gives t = 0 (concede at once). Equal values concede together (a tie, reported as such).

2. The symmetric mixed strategy (Maynard Smith)
----------------------------------------------
With a known common prize V > 0 and cost c, persistence is exponential with mean V/c. V = 0 is solved, not
excluded: the prize is worthless, persistence is 0 (survival 1 at t = 0, 0 after).

3. A teaching simulation of resolve budgets (our construction, not an equilibrium)
-------------------------------------------------------------------------------
Each side starts with a resolve budget B_i (manpower, money and public support lumped into one number, in
abstract "resolve units"; all parameters illustrative). Time runs in whole months t = 0, 1, ..., 120. In month
j (j = 0, 1, ...) side i pays a cost that grows with fatigue,

    k_i(j) = k_i·(1 + f_i)^j,

and Ukraine receives Western aid that shrinks as donors tire, a(j) = a·(1 − g)^j. Russia's cost is net of its
own war production. Budgets follow

    B_R(t) = B_R − Σ_{j<t} k_R(1 + f_R)^j,        B_U(t) = B_U − Σ_{j<t} [k_U(1 + f_U)^j − a(1 − g)^j].

A side concedes when its budget reaches zero; the exact concession time is read off the straight line between
the last month with a positive budget and the first without (linear interpolation), so it moves smoothly with
the sliders. The side with the earlier time concedes first; equal times are a tie; no crossing by month 120
means nobody concedes within the horizon (reported as ``None``). No randomness.

Closed form without aid (used as a test): Σ_{j<t} k(1 + f)^j = k((1 + f)^t − 1)/f, so the budget reaches zero
at T = ln(1 + f·B/k)/ln(1 + f) (T = B/k when f = 0), and the first month with a budget ≤ 0 is ⌈T⌉. A side with
k = 0 and no aid never concedes. Every output is finite for every allowed input; no joint corner needs
excluding.

4. Separate values and costs with complete information (Hammerstein–Parker)
-------------------------------------------------------------------------
Each side i ∈ {R, U} values winning at V_i > 0 and pays c_i > 0 per unit of time while the contest lasts; both
know all four numbers. Holding out until t costs side i c_i·t, so the most it would ever pay for the prize is
V_i, i.e. it would hold out at most V_i/c_i units of time. The side with the smaller V_i/c_i is the weaker
one: the assessor ESS (Hammerstein and Parker 1982) has it concede at once (t = 0), and the stronger side
wins without paying anything. Equal ratios are a tie (no assessor prediction). Unlike part 1, costs are
separate, so a lower c_R raises Russia's ratio and can change who concedes: Russia wins iff
c_R < c*_R = V_R·c_U/V_U (the break-even cost, :func:`breakeven_cost_R`).

Caution (other equilibria): the complete-information game has many equilibria (Hendricks, Weiss and Wilson
1988): either side conceding at once is one, the stronger side included; the stationary mixed equilibrium
computed here is another. Side i concedes at the constant hazard h_i that makes side j indifferent
between conceding now and a moment later: h_i·V_j = c_j, so h_R = c_U/V_U and h_U = c_R/V_R. The contest
lasts an exponential time with mean 1/(h_R + h_U), and Russia concedes first with probability
h_R/(h_R + h_U). Its comparative statics run against intuition: a lower c_R lowers Ukraine's hazard and so
makes Russia *more* likely to concede first. The book presents the assessor rule as the prediction (it is the
ESS when roles are assessed with rare mistakes) and reports the mixed equilibrium so a reader sees that the
answer depends on the equilibrium chosen. Declared ranges keep every V_i and c_i positive, so no ratio
divides by zero.

What the simulation leaves out: strategy. The budgets run down mechanically; nobody chooses to concede early
on learning the other is stronger, which the equilibrium of part 1 says a rational side would do — persistent
fighting there comes from private information, not from budgets.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..params import Param, ParameterError, ParamSpace
from ._search import bisect_change, first_change

HORIZON = 120  # months

# ---------------------------------------------------------------------------------------------------------
# Part 1 and 2: equilibrium of the war of attrition
# ---------------------------------------------------------------------------------------------------------

EQUILIBRIUM_PARAMS = ParamSpace(
    (
        Param("v_R", "Value of winning to Russia", "fraction of the highest possible value", 0.0, 0.99, 0.01, 0.7,
              "How much Russia privately values holding out to the end (values near 1 = near-unlimited).",
              symbol="v_R"),
        Param("v_U", "Value of winning to Ukraine", "fraction of the highest possible value", 0.0, 0.99, 0.01, 0.8,
              "How much Ukraine privately values holding out to the end.", symbol="v_U"),
        Param("cost", "Cost of holding out", "value per unit of time", 0.2, 5.0, 0.1, 1.0,
              "What each unit of time at war costs either side, in the same units as the values.", symbol="c"),
    )
)


TIME = Param("t", "Time", "units of time", 0.0, 1000.0, 0.1, 1.0, "Elapsed time since the contest began.")


@dataclass(frozen=True)
class Contest:
    """Private-value war of attrition: both quitting times and who concedes first.

    t(v) is strictly increasing, so the lower value concedes first; the comparison is made on the values
    (two tiny values can round to the same time)."""

    v_R: float
    v_U: float
    t_R: float
    t_U: float

    @property
    def first(self) -> str:
        if self.v_R == self.v_U:
            return "tie"
        return "Russia" if self.v_R < self.v_U else "Ukraine"

    @property
    def duration(self) -> float:
        return min(self.t_R, self.t_U)


def _t(v: float, c: float) -> float:
    return (-v - math.log1p(-v)) / c


def concession_time(v: float, cost: float = 1.0) -> float:
    """t(v) = (−v − ln(1 − v))/c: when a side with private value v quits in the symmetric equilibrium."""
    value = EQUILIBRIUM_PARAMS["v_R"].check(v, "v")
    c = EQUILIBRIUM_PARAMS["cost"].check(cost, "cost")
    return max(0.0, _t(value, c))


def contest(**params: float) -> Contest:
    """The private-value war of attrition for Russia's and Ukraine's values (defaults otherwise)."""
    v = EQUILIBRIUM_PARAMS.validate(params)
    return Contest(v["v_R"], v["v_U"], max(0.0, _t(v["v_R"], v["cost"])), max(0.0, _t(v["v_U"], v["cost"])))


def mixed_persistence(t: float, value: float, cost: float = 1.0) -> float:
    """Maynard Smith's symmetric war of attrition: probability a side is still in at time t, exp(−c t/V)."""
    time = TIME.check(t, "t")
    V = EQUILIBRIUM_PARAMS["v_R"].check(value, "value")
    c = EQUILIBRIUM_PARAMS["cost"].check(cost, "cost")
    if V == 0.0:
        return 1.0 if time == 0.0 else 0.0
    return math.exp(-c * time / V)


def mean_persistence(value: float, cost: float = 1.0) -> float:
    """Mean persistence V/c of Maynard Smith's mixed strategy (0 for a worthless prize)."""
    V = EQUILIBRIUM_PARAMS["v_R"].check(value, "value")
    c = EQUILIBRIUM_PARAMS["cost"].check(cost, "cost")
    return V / c



# ---------------------------------------------------------------------------------------------------------
# Part 3: resolve-budget simulation
# ---------------------------------------------------------------------------------------------------------

PARAMS = ParamSpace(
    (
        Param("budget_R", "Russia's resolve budget", "resolve units", 10.0, 200.0, 5.0, 100.0,
              "Manpower, money and public support Russia can spend before it must settle, lumped together.",
              symbol="B_R"),
        Param("cost_R", "Russia's monthly cost", "resolve units per month", 0.0, 10.0, 0.1, 1.5,
              "What a month of war drains from Russia's budget, net of its own war production.", symbol="k_R"),
        Param("fatigue_R", "Russia's fatigue rate", "growth of the monthly cost per month", 0.0, 0.05, 0.001,
              0.005, "How much faster the cost bites each month as war-weariness sets in (0.01 = 1 % a month).",
              symbol="f_R"),
        Param("budget_U", "Ukraine's resolve budget", "resolve units", 10.0, 200.0, 5.0, 80.0,
              "Ukraine's manpower, money and public support, lumped together.", symbol="B_U"),
        Param("cost_U", "Ukraine's monthly cost", "resolve units per month", 0.0, 10.0, 0.1, 2.5,
              "What a month of war drains from Ukraine's budget before aid.", symbol="k_U"),
        Param("fatigue_U", "Ukraine's fatigue rate", "growth of the monthly cost per month", 0.0, 0.05, 0.001,
              0.005, "How much faster Ukraine's cost bites each month.", symbol="f_U"),
        Param("aid", "Western aid at the start", "resolve units per month", 0.0, 10.0, 0.1, 1.6,
              "What Western aid adds to Ukraine's budget in the first month.", symbol="a"),
        Param("aid_fatigue", "Western aid fatigue", "share of aid lost per month", 0.0, 0.1, 0.002, 0.01,
              "How fast donors' aid shrinks (0.01 = aid falls 1 % a month).", symbol="g"),
    )
)


@dataclass(frozen=True)
class Attrition:
    """The simulated budgets month by month and the concession times (None = not within the horizon)."""

    months: tuple[int, ...]
    budget_R: tuple[float, ...]
    budget_U: tuple[float, ...]
    aid: tuple[float, ...]
    t_R: float | None
    t_U: float | None

    @property
    def first(self) -> str | None:
        """"Russia", "Ukraine", "tie", or None when nobody concedes within the horizon."""
        if self.t_R is None and self.t_U is None:
            return None
        if self.t_U is None or (self.t_R is not None and self.t_R < self.t_U - 1e-9):
            return "Russia"
        if self.t_R is None or self.t_U < self.t_R - 1e-9:
            return "Ukraine"
        return "tie"

    @property
    def end(self) -> float | None:
        """When the first side concedes (None if nobody does within the horizon)."""
        times = [t for t in (self.t_R, self.t_U) if t is not None]
        return min(times) if times else None


def _path(budget: float, cost: float, fatigue: float, aid: float, aid_fatigue: float) -> list[float]:
    out = [budget]
    b = budget
    for j in range(HORIZON):
        b = b - cost * (1.0 + fatigue) ** j + aid * (1.0 - aid_fatigue) ** j
        out.append(b)
    return out


def _crossing(path: list[float]) -> float | None:
    for t in range(1, len(path)):
        if path[t] <= 0.0:
            before, after = path[t - 1], path[t]
            return (t - 1) + before / (before - after)  # before > 0 >= after, so the fraction is in (0, 1]
    return None


def budgets(**params: float) -> tuple[list[float], list[float]]:
    """Russia's and Ukraine's budgets for months 0..120 (defaults for unspecified parameters)."""
    v = PARAMS.validate(params)
    return (_path(v["budget_R"], v["cost_R"], v["fatigue_R"], 0.0, 0.0),
            _path(v["budget_U"], v["cost_U"], v["fatigue_U"], v["aid"], v["aid_fatigue"]))


def simulate(**params: float) -> Attrition:
    """Run the resolve-budget simulation; who concedes first, and when."""
    v = PARAMS.validate(params)
    path_R = _path(v["budget_R"], v["cost_R"], v["fatigue_R"], 0.0, 0.0)
    path_U = _path(v["budget_U"], v["cost_U"], v["fatigue_U"], v["aid"], v["aid_fatigue"])
    aid = [v["aid"] * (1.0 - v["aid_fatigue"]) ** j for j in range(HORIZON + 1)]
    return Attrition(tuple(range(HORIZON + 1)), tuple(path_R), tuple(path_U), tuple(aid),
                     _crossing(path_R), _crossing(path_U))


def exhaustion_time(budget: float, cost: float, fatigue: float) -> float | None:
    """Closed form without aid: T = ln(1 + f·B/k)/ln(1 + f) (B/k if f = 0).

    None means never: k = 0, or k so small (below about 1e-300) that T overflows a float.

    Uses Russia's declarations for the ranges (the two sides' declarations are identical).
    """
    B = PARAMS["budget_R"].check(budget, "budget")
    k = PARAMS["cost_R"].check(cost, "cost")
    f = PARAMS["fatigue_R"].check(fatigue, "fatigue")
    if k == 0.0:
        return None
    T = B / k if f == 0.0 else math.log1p(f * B / k) / math.log1p(f)
    return T if math.isfinite(T) else None  # a cost so small that T overflows: never, as with k = 0


# ---------------------------------------------------------------------------------------------------------
# Part 4: separate values and costs, complete information (Hammerstein–Parker; Hendricks–Weiss–Wilson)
# ---------------------------------------------------------------------------------------------------------

ASYMMETRIC_PARAMS = ParamSpace(
    (
        Param("V_R", "Value of winning to Russia", "value units", 0.1, 2.0, 0.05, 0.7,
              "What winning the contest is worth to Russia (the four regions, in Russia's own eyes).",
              symbol="V_R"),
        Param("V_U", "Value of winning to Ukraine", "value units", 0.1, 2.0, 0.05, 0.8,
              "What winning the contest is worth to Ukraine, in the same units.", symbol="V_U"),
        Param("c_R", "Russia's cost of holding out", "value units per unit of time", 0.1, 3.0, 0.05, 1.0,
              "What each unit of time at war costs Russia, net of its war production.", symbol="c_R"),
        Param("c_U", "Ukraine's cost of holding out", "value units per unit of time", 0.1, 3.0, 0.05, 1.0,
              "What each unit of time at war costs Ukraine, net of aid.", symbol="c_U"),
    )
)


@dataclass(frozen=True)
class Asymmetric:
    """The asymmetric war of attrition with complete information, for one set of values and costs."""

    V_R: float
    V_U: float
    c_R: float
    c_U: float

    @property
    def ratio_R(self) -> float:
        """V_R/c_R: the longest Russia would hold out for the prize."""
        return self.V_R / self.c_R

    @property
    def ratio_U(self) -> float:
        """V_U/c_U: the longest Ukraine would hold out for the prize."""
        return self.V_U / self.c_U

    @property
    def first(self) -> str:
        """Who concedes (at once) under the assessor ESS: the side with the lower V/c; "tie" if equal."""
        if math.isclose(self.ratio_R, self.ratio_U, rel_tol=1e-12):
            return "tie"
        return "Russia" if self.ratio_R < self.ratio_U else "Ukraine"

    @property
    def hazard_R(self) -> float:
        """Mixed equilibrium: Russia's constant concession rate, c_U/V_U (keeps Ukraine indifferent)."""
        return self.c_U / self.V_U

    @property
    def hazard_U(self) -> float:
        """Mixed equilibrium: Ukraine's constant concession rate, c_R/V_R (keeps Russia indifferent)."""
        return self.c_R / self.V_R

    @property
    def mixed_p_russia_first(self) -> float:
        """Mixed equilibrium: probability that Russia concedes first, h_R/(h_R + h_U)."""
        return self.hazard_R / (self.hazard_R + self.hazard_U)

    @property
    def mixed_mean_duration(self) -> float:
        """Mixed equilibrium: mean length of the contest, 1/(h_R + h_U)."""
        return 1.0 / (self.hazard_R + self.hazard_U)


def asymmetric(**params: float) -> Asymmetric:
    """Hammerstein–Parker's asymmetric war of attrition (defaults for unspecified parameters)."""
    v = ASYMMETRIC_PARAMS.validate(params)
    return Asymmetric(v["V_R"], v["V_U"], v["c_R"], v["c_U"])


def breakeven_cost_R(**params: float) -> float:
    """c*_R = V_R·c_U/V_U: Russia wins under the assessor rule iff its cost rate is below this.

    ``c_R``, if given, is validated and ignored (the break-even does not depend on it). The value may lie
    outside c_R's declared range: then no allowed cost changes the winner."""
    v = ASYMMETRIC_PARAMS.validate(params)
    return v["V_R"] * v["c_U"] / v["V_U"]


def verdict_flip(name: str, **params: float) -> float | None:
    """Where the simulation's verdict changes when only ``name`` moves: the value of that parameter nearest
    its current one (defaults otherwise) at which ``simulate(...).first`` differs from the current verdict.

    Searched on a fine scan of the declared range on each side (400 steps), then refined by bisection to
    about 1e-12 of the range; ``None`` if the verdict is the same over the whole declared range. Used to say
    how far each illustrative default sits from a reversal (issue 14: the slider step made 0.22 % a month read
    as 0.4 %)."""
    if not isinstance(name, str) or name not in PARAMS.names:
        raise ParameterError(f"name = {name!r:.40}; allowed: one of {', '.join(PARAMS.names)}")
    v = PARAMS.validate(params)
    p = PARAMS[name]
    here = simulate(**v).first

    def verdict(x: float) -> str | None:
        return simulate(**{**v, name: x}).first

    def changed(x: float) -> bool:
        return verdict(x) != here

    found = []
    for end in (p.lo, p.hi):
        start = v[name]
        if start == end:
            continue
        scan = (end if i == 400 else min(max(start + (end - start) * i / 400, p.lo), p.hi) for i in range(1, 401))
        bracket = first_change(changed, start, scan)
        if bracket is not None:
            found.append(bisect_change(changed, *bracket, iterations=80, tol=1e-12 * (p.hi - p.lo))[1])
    if not found:
        return None
    return min(found, key=lambda x: abs(x - v[name]))
