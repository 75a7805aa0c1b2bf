"""Chapter 4 — alliance burden-sharing (Olson–Zeckhauser) and a wedge offered to one ally.

Sources
-------
* Olson, M. and Zeckhauser, R. (1966). An Economic Theory of Alliances. *The Review of Economics and
  Statistics* 48(3), 266–279. Deterrence/defence is a public good among allies; the large member carries a
  disproportionate share of the burden and the small members free-ride ("exploitation of the great by the
  small").
* Bergstrom, T., Blume, L. and Varian, H. (1986). On the Private Provision of Public Goods. *Journal of Public
  Economics* 29(1), 25–49. The voluntary-contribution (Nash) equilibrium exists and is unique; with
  Cobb-Douglas preferences it has the closed form used below.
* Crawford, T. W. (2011). Preventing Enemy Coalitions: How Wedge Strategies Shape Power Politics.
  *International Security* 35(4), 155–189. A verbal theory of wedge strategies (selective accommodation of
  one member of a hostile coalition). The wedge below is our own small formalisation, not Crawford's.

The burden-sharing model (Bergstrom–Blume–Varian with Cobb-Douglas utility)
--------------------------------------------------------------------------
Three supporters of Ukraine: the United States, the large European economies, and the frontline small states
(Nordic, Baltic, Polish). Member i has resources y_i, gives x_i ≥ 0, and values Ukraine's defence
X = Σ x_j, a public good among them:

    U_i = (1 − a_i)·ln(y_i − x_i) + a_i·ln X,   0 < a_i < 1.

Each member has its own weight a_i (a_US, a_E, a_F): members nearer the threat may value Ukraine's
defence more. Given the others' gifts, i's first-order condition is
(1 − a_i)/(y_i − x_i) = a_i/X, i.e. y_i − x_i = b_i·X with b_i = (1 − a_i)/a_i. Summing over the set C of
contributors, X = Y_C − X·Σ_C b_i, so

    X = Y_C / (1 + Σ_{i∈C} b_i),     x_i = y_i − b_i·X for i ∈ C,            (1)

and a member contributes iff its *stand-alone level* r_i = y_i/b_i = a_i·y_i/(1 − a_i) exceeds X (at x_i = 0
its marginal gain a_i/X beats the marginal loss (1 − a_i)/y_i). With a common weight a and k contributors,
(1) becomes the textbook X = a·Y_k/(a + k(1 − a)), and i contributes iff y_i > (1 − a)·X/a.
Check (catalogue): a = 0.2, resources 100, 20, 10 → the largest alone gives, X = 0.2·100/1 = 20, and the
others stay out because (1 − a)X/a = 80 exceeds 20 and 10.

Solving (1). Sort members by r_i, largest first, and add them one at a time while the next r exceeds the
current X. Each new X is a weighted mean of the old X and the newcomer's r (weights 1 + Σ b and b), so it
rises but stays below every included r: the set found is consistent, and by Bergstrom–Blume–Varian it is the
unique equilibrium. The richest member (largest r) always contributes, so X > 0 and every logarithm is finite.

The wedge (our own formalisation)
---------------------------------
Russia offers one member (by default the U.S.) a side-payoff s from a separate settlement (sanctions relief,
trade, a deal on other issues), in the same resource units. Leaving also costs the leaver a share k of its
resources (exit cost: reputation, the credibility of its other commitments, domestic backlash). Accepting means
leaving the coalition: the member gives nothing, keeps (1 − k)·y + s, and the remaining members re-optimise by (1)
among themselves, giving X' ≤ X (they partly make up for the leaver: crowding-in). The member leaves iff

    (1 − a)·ln((1 − k)·y + s) + a·ln X'  >  U_in  (its equilibrium utility inside).

Solving for s, the smallest side-payoff that buys the exit is

    s* = k·y + s0,   s0 = exp((U_in − a·ln X')/(1 − a)) − y,

where s0 is the *burden-shifting term*: what the member would need if leaving cost nothing. A member that
gave nothing (a free rider) has X' = X and s0 = 0: the wedge is cheapest where it matters least. s0 is often
negative: a large contributor would gain from leaving even unpaid, because the others crowd in; at such
values only the exit cost keeps it in. How far this reaches depends on the numbers: ``unpaid_exit_window`` finds,
by bisection, the U.S. weights and European resources for which s0 < 0 (at the opening values about
0.19 < a_US < 0.48 and y_E > 33.4). "Leaving" means committing to give nothing: a leaver that re-optimised
outside could give again (at the opening values the U.S. stand-alone level 33.3 exceeds X' = 23.7). (This is a one-shot comparison of two equilibria; repeated play,
alliance reputation and any value of the coalition beyond Ukraine are outside it, and k stands in for them.)

Corners. a_i = 0 or 1 would make a logarithm's weight vanish (0·ln 0) and are excluded by the declared
ranges (0.05 to 0.95). Resources are at least 1 and k is at most 0.4, so (1 − k)·y + s ≥ 0.6 > 0; X' > 0 because the member with the largest stand-alone level always gives. Every value
in the declared ranges is solved; no joint condition is needed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..params import Param, ParameterError, ParamSpace

MEMBERS = ("United States", "Large European economies", "Frontline small states")
_INCOME_KEYS = ("y_us", "y_europe", "y_front")

PARAMS = ParamSpace(
    (
        Param("a_us", "U.S. weight on Ukraine's defence", "utility weight, 0–1", 0.05, 0.95, 0.05, 0.25,
              "How much the U.S. values Ukraine's defence against other uses of its resources.",
              symbol="a_US"),
        Param("a_europe", "Large Europeans' weight on Ukraine's defence", "utility weight, 0–1",
              0.05, 0.95, 0.05, 0.3,
              "The same weight for the large European economies taken together.", symbol="a_E"),
        Param("a_front", "Frontline states' weight on Ukraine's defence", "utility weight, 0–1",
              0.05, 0.95, 0.05, 0.8,
              "The same weight for the frontline small states, which sit nearest the threat.", symbol="a_F"),
        Param("y_us", "U.S. resources", "index", 50, 100, 1, 100,
              "Resources the U.S. could put to any use (index; the default sets the U.S. to 100).",
              symbol="y_US"),
        Param("y_europe", "Large European economies' resources", "index", 1, 100, 1, 75,
              "Resources of the large European economies taken together, same index.", symbol="y_E"),
        Param("y_front", "Frontline small states' resources", "index", 1, 100, 1, 10,
              "Resources of the Nordic, Baltic and Polish supporters taken together, same index.",
              symbol="y_F"),
        Param("side", "Side-payoff offered for a separate settlement", "index", 0, 50, 1, 5,
              "What a separate deal with Russia would be worth to the targeted member (the U.S. unless "
              "stated), in the same resource units.", symbol="s"),
        Param("exit_cost", "Cost of leaving the coalition", "share of the leaver's resources", 0.0, 0.4, 0.01,
              0.2, "What leaving costs the leaver besides the lost support for Ukraine: reputation, "
              "credibility of other commitments, domestic backlash.", symbol="k"),
    )
)

_WEIGHT_KEYS = ("a_us", "a_europe", "a_front")


@dataclass(frozen=True)
class Provision:
    """The voluntary-contribution equilibrium among a set of members."""

    members: tuple[str, ...]
    incomes: tuple[float, ...]
    weights: tuple[float, ...]
    contributions: tuple[float, ...]
    total: float

    @property
    def contributors(self) -> tuple[str, ...]:
        return tuple(m for m, x in zip(self.members, self.contributions) if x > 0.0)

    @property
    def shares_of_resources(self) -> tuple[float, ...]:
        """Each member's gift as a share of its resources (the "share of GDP" of the data tables)."""
        return tuple(x / y for x, y in zip(self.contributions, self.incomes))

    def utility(self, member: str) -> float:
        i = self.members.index(member)
        a = self.weights[i]
        return (1.0 - a) * math.log(self.incomes[i] - self.contributions[i]) + a * math.log(self.total)


@dataclass(frozen=True)
class Wedge:
    """The coalition with and without the targeted member, and the price of splitting it off."""

    target: str
    inside: Provision
    outside: Provision
    side: float
    utility_in: float
    utility_out: float
    exit_cost: float
    """k, as a share of the target's resources."""
    burden_shift: float
    """s0: the side-payoff needed if leaving cost nothing (0 for a free rider; often negative)."""

    @property
    def critical_side(self) -> float:
        """s* = k·y + s0: the smallest side-payoff for which the target leaves (negative: it leaves unpaid)."""
        return self.exit_cost * self.inside.incomes[self.inside.members.index(self.target)] + self.burden_shift

    @property
    def leaves(self) -> bool:
        return self.side > self.critical_side

    @property
    def support_lost(self) -> float:
        """X − X': how much support for Ukraine falls when the target leaves (≥ 0)."""
        return self.inside.total - self.outside.total

    def outside_contribution(self, member: str) -> float:
        """A member's gift after the target has left (0 for the target itself)."""
        if member == self.target:
            return 0.0
        return self.outside.contributions[self.outside.members.index(member)]


def _equilibrium(members: tuple[str, ...], incomes: tuple[float, ...], weights: tuple[float, ...]) -> Provision:
    """Equation (1) of the module docstring, for already validated values."""
    b = [(1.0 - a) / a for a in weights]
    stand_alone = [y / bi for y, bi in zip(incomes, b)]
    order = sorted(range(len(members)), key=lambda i: -stand_alone[i])
    chosen = [order[0]]
    total = incomes[order[0]] / (1.0 + b[order[0]])
    for i in order[1:]:
        if stand_alone[i] <= total:
            break
        chosen.append(i)
        total = sum(incomes[j] for j in chosen) / (1.0 + sum(b[j] for j in chosen))
    gifts = [0.0] * len(members)
    for i in chosen:
        # y_i − b_i X ≥ 0 holds because X < r_i; max() only guards the last bit of rounding
        gifts[i] = min(incomes[i], max(0.0, incomes[i] - b[i] * total))
    return Provision(members, incomes, weights, tuple(gifts), total)


def provision(**params: float) -> Provision:
    """Burden-sharing equilibrium of the three supporters (unspecified parameters take their defaults)."""
    v = PARAMS.validate(params)
    return _equilibrium(MEMBERS, tuple(v[k] for k in _INCOME_KEYS), tuple(v[k] for k in _WEIGHT_KEYS))


def contributions(incomes: tuple[float, float, float], a: float) -> Provision:
    """The textbook common-weight case: three members with resources ``incomes`` and one weight ``a``."""
    if not isinstance(incomes, (tuple, list)) or len(incomes) != 3:
        raise ParameterError(f"incomes = {incomes!r:.40} must be three numbers, one per member {MEMBERS}")
    return provision(**dict(zip(_WEIGHT_KEYS, (a, a, a))), **dict(zip(_INCOME_KEYS, incomes)))


def wedge(target: str = MEMBERS[0], **params: float) -> Wedge:
    """Offer ``target`` the side-payoff ``side`` to leave; compare its utility inside and outside."""
    v = PARAMS.validate(params)
    if not isinstance(target, str) or target not in MEMBERS:
        raise ParameterError(f"target = {target!r:.40} is not a member; allowed: one of {list(MEMBERS)}")
    inside = _equilibrium(MEMBERS, tuple(v[k] for k in _INCOME_KEYS), tuple(v[k] for k in _WEIGHT_KEYS))
    t = MEMBERS.index(target)
    keep = [i for i in range(len(MEMBERS)) if i != t]
    outside = _equilibrium(tuple(MEMBERS[i] for i in keep), tuple(inside.incomes[i] for i in keep),
                           tuple(inside.weights[i] for i in keep))
    a, y = inside.weights[t], inside.incomes[t]
    u_in = inside.utility(target)
    s, k = v["side"], v["exit_cost"]
    u_out = (1.0 - a) * math.log((1.0 - k) * y + s) + a * math.log(outside.total)
    if inside.contributions[t] == 0.0:
        s0 = 0.0  # a free rider: X' = X exactly, so it is indifferent at s = k·y
    else:
        s0 = math.exp((u_in - a * math.log(outside.total)) / (1.0 - a)) - y
    return Wedge(target, inside, outside, s, u_in, u_out, k, s0)


def leave_utility(side: float, **params: float) -> float:
    """The U.S. utility after leaving for side-payoff ``side``, other parameters as given (validated)."""
    return wedge(**{**params, "side": side}).utility_out


@dataclass(frozen=True)
class UnpaidExitWindow:
    """Where the U.S. burden-shifting term s0 is negative (it would leave unpaid if leaving cost nothing),
    moving one parameter at a time with the others as given."""

    a_us_gives: float
    """The U.S. weight above which the U.S. contributes at all (below it s0 = 0)."""
    a_us_stays: float
    """The U.S. weight above which s0 ≥ 0 again (it values the lost support enough to stay unpaid)."""
    y_europe_min: float
    """The large Europeans' resources above which s0 < 0 (they are rich enough to crowd in)."""


def _switch(condition, lo: float, hi: float, steps: int = 60) -> float:
    """Bisection: the point in [lo, hi] where ``condition`` turns from False (at lo) to True (at hi)."""
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if condition(mid) else (mid, hi)
    return hi


def unpaid_exit_window(**params: float) -> UnpaidExitWindow:
    """The edges of the region where the U.S. term s0 < 0, found by bisection on the model.

    a_us is swept between the declared lower end and the given a_us for where the U.S. starts to give, and
    between the given a_us and the declared upper end for where s0 turns non-negative; y_europe is swept over its
    declared range. The given values must have s0 < 0 (the edges bracket them); otherwise ParameterError."""
    v = PARAMS.validate(params)
    if wedge(**v).burden_shift >= 0:
        raise ParameterError(f"s0 = {wedge(**v).burden_shift:.3g} ≥ 0 at these values (a_us = {v['a_us']:g}, "
                             f"y_europe = {v['y_europe']:g}); the window is defined only where s0 < 0")
    rest = {k: x for k, x in v.items() if k != "a_us"}
    gives = _switch(lambda a: wedge(a_us=a, **rest).inside.contributions[0] > 1e-12, PARAMS["a_us"].lo, v["a_us"])
    stays = _switch(lambda a: wedge(a_us=a, **rest).burden_shift >= 0, v["a_us"], PARAMS["a_us"].hi)
    rest = {k: x for k, x in v.items() if k != "y_europe"}
    y_min = _switch(lambda y: wedge(y_europe=y, **rest).burden_shift < 0, PARAMS["y_europe"].lo, v["y_europe"])
    return UnpaidExitWindow(gives, stays, y_min)
