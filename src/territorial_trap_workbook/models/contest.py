"""Chapter 10 — economic crippling: a contest success function fed into chapter 1's bargaining range.

Sources
-------
* Tullock, G. (1980). Efficient Rent Seeking. In J. M. Buchanan, R. D. Tollison and G. Tullock (eds.),
  *Toward a Theory of the Rent-Seeking Society*, 97–112. College Station: Texas A&M University Press.
  The ratio ("lottery") form: a side that puts effort m_i into a contest wins with probability
  m_i^r / Σ_j m_j^r.
* Hirshleifer, J. (1989). Conflict and Rent-Seeking Success Functions: Ratio vs. Difference Models of
  Relative Success. *Public Choice* 63(2), 101–112. doi:10.1007/BF00153394. Compares the ratio form (success
  depends on the *ratio* of efforts; r is the "decisiveness" or mass-effect parameter) with the logistic
  *difference* form, which Hirshleifer finds closer to military experience. His objection to the ratio form
  concerns *chosen* efforts: a side that puts in zero effort wins with probability zero, so some effort always
  pays, and neither one-sided submission nor two-sided peace can be a Cournot equilibrium; in the difference
  form zero effort still leaves a positive chance, so both can be. The book's efforts are given, not chosen, so
  the objection does not apply directly (but the model cannot show a side choosing to give up). The book uses
  the ratio form for its simplicity and its axioms (Skaperdas 1996), and says so.
* Skaperdas, S. (1996). Contest Success Functions. *Economic Theory* 7(2), 283–290. Axioms under which the
  ratio form is the contest success function.
* Chapter 1 (``models.bargaining``: Fearon 1995; Rubinstein 1982; Binmore, Shaked & Sutton 1989), imported,
  not rewritten: the war-outcome probability that the contest produces becomes p in Fearon's range.

The teaching model (our composition)
------------------------------------
Units: Ukraine's pre-war annual economy is Y = 100 (a normalisation, not a parameter), so aid A and Russia's
war effort m_R are read as "per cent of Ukraine's pre-war annual GDP". "Pre-war" means 2021, the last year
before the full-scale invasion; 2021 GDP was about US$200 bn (data package), so one unit is about US$2 bn.

τ is a share of the output Ukraine *keeps*, Y·(1 − s), i.e. of its wartime economy. That is why SIPRI's
military burden (spending in 2024 over GDP in 2024, a wartime GDP) can serve as its default. It is not a
share of pre-war output: the same 2024 spending, US$64.7 bn, is about 32 % of 2021 GDP.

1. Ukraine's war effort. Without the east, Ukraine keeps ``Y − ΔY_east = Y (1 − s)`` where s is the east's
   share of the economy. It turns a share τ of what it keeps into war effort and adds aid A::

       m_U = τ · Y · (1 − s) + A,          m_U(with the east) = τ · Y + A.

2. Contest. Ukraine prevails with probability (Tullock ratio form, decisiveness r)::

       p_U = m_U^r / (m_U^r + m_R^r) = 1 / (1 + (m_R / m_U)^r).

   The second form is how it is computed (no overflow, no 0/0: m_U ≥ τ_min · Y · (1 − s_max) > 0 and
   m_R ≥ 1 by the declaration). p_U lies strictly between 0 and 1 and depends on efforts only through
   their ratio (homogeneous of degree 0).

3. Into chapter 1. Russia's expected share of the disputed value if fighting goes on is p = 1 − p_U, so
   Fearon's range is [p − c_R, p + c_U] ∩ [0, 1]. The chapter calls ``bargaining.solve`` with that p, the
   chapter's c_R, c_U and demand d, chapter 1's default patience (δ_R = δ_U = 0.9) and *no* walk-out
   (w = 0, so the outside option never binds and the deal is the Rubinstein split of the range). This
   isolates the one channel the chapter is about: the war outcome p.

Derivations (ours)
------------------
* Compensating aid. p_U depends on m_U only, so losing the east leaves p_U unchanged iff m_U is unchanged:
  ``A_comp = τ · Y · s`` extra aid (exact, for every r and every m_R). Losing the east lowers p_U unless
  aid rises by exactly this much. That the offset does not involve m_R is an identity of the additive form
  (aid and own output are perfect substitutes in m_U), not an empirical finding. It holds whenever Ukraine's
  side enters the contest through one total m_U and m_R does not move with the loss: with imperfect
  substitutes (a unit of aid worth θ < 1 of own output) the offset is larger, τ·Y·s/θ, but still free of m_R;
  it involves m_R once losing the east changes Russia's effort too (captured output turned into Russian war
  effort, say).
* Marginal effect of aid: ∂p_U/∂A = r · p_U (1 − p_U) / m_U > 0.
* Aid dependence: the share of Ukraine's war effort that aid pays for, ``A / m_U`` ∈ [0, 1).
* Aid at which Russia's demand stops being acceptable. Ukraine accepts d iff d ≤ p + c_U = 1 − p_U + c_U,
  i.e. iff p_U ≤ q with q = 1 + c_U − d ∈ [0, 1.5].
  - q ≥ 1: p_U < 1 always, so the demand is acceptable at any aid: threshold = None (never).
  - q < 1: p_U > q ⇔ m_U > m_R · (q / (1 − q))^(1/r) ⇔ A > A_d with
    ``A_d = m_R · (q / (1 − q))^(1/r) − τ Y (1 − s)``. The demand is acceptable iff A ≤ A_d: at A = A_d
    it sits exactly at Ukraine's limit, any more aid puts it beyond. A_d < 0 means the demand is beyond the
    limit even with no aid at all; A_d may also exceed the slider range of A. Either way the number is
    returned as it is (finite), for the reader to compare with the range.

Assumptions (stated, not hidden): efforts are given, not chosen in equilibrium (no best responses, so no
rent dissipation result); the east's output counts in full and is not partly replaced by other regions; aid
is as fungible as domestic output; one contest decides the war. All parameters are illustrative except where
the declaration says otherwise.

Corners. τ ≥ 0.05 and s ≤ 0.4 keep m_U ≥ 3 > 0, m_R ≥ 1 and r ∈ [0.25, 3], so no 0/0, no overflow, p_U
strictly inside (0, 1); every call returns finite numbers in range.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Param, ParamSpace, whole_number
from . import bargaining

Y = 100.0
"""Ukraine's pre-war annual economy: the unit in which aid and Russia's effort are measured."""

PARAMS = ParamSpace(
    (
        Param("east_share", "Share of Ukraine's economy in the east", "share of pre-war GDP", 0.0, 0.4, 0.01,
              0.2, "The part of Ukraine's pre-war (2021) output that losing the four regions removes (ΔY_east / Y), "
              "a share of GDP, not of industrial output. The chapter derives its range from the regional "
              "GDP rows of the data package (economy table).",
              symbol="s"),
        Param("tau", "Share of output turned into war effort", "share of output", 0.05, 0.6, 0.01, 0.34,
              "Taxation and mobilisation rate τ: the share of the output Ukraine still has, Y·(1 − s), that "
              "goes to war. The default is SIPRI's 2024 military burden, 2024 spending over 2024 GDP: a share "
              "of wartime output, which is what τ multiplies here (the chapter also gives the same spending "
              "as a share of 2021 GDP).", symbol="τ", illustrative=False),
        Param("aid", "Western aid", "% of Ukraine's pre-war GDP per year", 0.0, 60.0, 1.0, 20.0,
              "External aid A that adds to Ukraine's war effort. One unit is a hundredth of 2021 GDP; the chapter's "
              "calibration note converts the Kiel Institute's aid allocations into these units.", symbol="A"),
        Param("m_R", "Russia's war effort", "% of Ukraine's pre-war GDP per year", 1.0, 150.0, 1.0, 60.0,
              "What Russia puts into the war, in the same unit. The default is below SIPRI's estimate of "
              "Russia's whole 2024 military budget in these units (see the chapter's calibration note), since "
              "not all of it goes to this war (illustrative).", symbol="m_R"),
        Param("r", "Decisiveness of the contest", "exponent", 0.25, 3.0, 0.05, 1.0,
              "Tullock's r: 1 is the plain ratio; above 1 the larger effort wins more surely.", symbol="r"),
        bargaining.PARAMS["c_R"],
        bargaining.PARAMS["c_U"],
        bargaining.PARAMS["demand"],
    )
)


def _unit(v: dict[str, float], east_lost: bool) -> float:
    kept = Y * (1.0 - v["east_share"]) if east_lost else Y
    return v["tau"] * kept + v["aid"]


def _csf(m_U: float, m_R: float, r: float) -> float:
    return 1.0 / (1.0 + (m_R / m_U) ** r)


def ukraine_effort(**params: float) -> float:
    """Ukraine's war effort m_U = τ · Y · (1 − s) + A (the east lost)."""
    return _unit(PARAMS.validate(params), east_lost=True)


def win_probability(**params: float) -> float:
    """Ukraine's probability of prevailing, p_U = m_U^r / (m_U^r + m_R^r), with the east lost."""
    v = PARAMS.validate(params)
    return _csf(_unit(v, True), v["m_R"], v["r"])


def compensating_aid(**params: float) -> float:
    """Extra aid that exactly offsets the loss of the east: τ · Y · s."""
    v = PARAMS.validate(params)
    return v["tau"] * Y * v["east_share"]


def demand_threshold_aid(**params: float) -> float | None:
    """A_d: Russia's demand is acceptable to Ukraine iff aid A ≤ A_d (None: acceptable at any aid;
    negative: beyond Ukraine's limit even with no aid)."""
    v = PARAMS.validate(params)
    q = 1.0 + v["c_U"] - v["demand"]
    if q >= 1.0:
        return None
    needed = v["m_R"] * (q / (1.0 - q)) ** (1.0 / v["r"])
    return needed - v["tau"] * Y * (1.0 - v["east_share"])


@dataclass(frozen=True)
class Contest:
    """Everything chapter 10 reads off the model for one set of parameters."""

    m_U: float
    m_U_with_east: float
    p_U: float
    p_U_with_east: float
    compensating_aid: float
    aid_share: float
    demand_threshold_aid: float | None
    bargain: bargaining.Bargain

    @property
    def p_R(self) -> float:
        """Russia's expected share if fighting goes on: chapter 1's p."""
        return 1.0 - self.p_U

    @property
    def p_U_drop(self) -> float:
        """How much losing the east lowers Ukraine's chance, at unchanged aid."""
        return self.p_U_with_east - self.p_U


def solve(**params: float) -> Contest:
    """Solve the chapter 10 model; unspecified parameters take their defaults."""
    v = PARAMS.validate(params)
    m_U, m_U_east = _unit(v, True), _unit(v, False)
    p_U = _csf(m_U, v["m_R"], v["r"])
    b = bargaining.solve(p=1.0 - p_U, c_R=v["c_R"], c_U=v["c_U"], demand=v["demand"], walkout=0.0)
    return Contest(
        m_U=m_U,
        m_U_with_east=m_U_east,
        p_U=p_U,
        p_U_with_east=_csf(m_U_east, v["m_R"], v["r"]),
        compensating_aid=v["tau"] * Y * v["east_share"],
        aid_share=v["aid"] / m_U,
        demand_threshold_aid=demand_threshold_aid(**v),
        bargain=b,
    )


def curve(n: int = 61, **params: float) -> dict[str, list[float]]:
    """p_U and the bargaining range edges along the declared aid range (the figure's x-axis).

    ``n`` (number of points) is a drawing choice, checked to be a whole number from 2 to 401.
    """
    n = whole_number(n, "n", 2, 401)
    v = PARAMS.validate(params)
    lo, hi = PARAMS["aid"].lo, PARAMS["aid"].hi
    aids = [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    out: dict[str, list[float]] = {"aid": aids, "p_U": [], "p_U_with_east": [], "lower": [], "upper": []}
    for a in aids:
        w = {**v, "aid": a}
        p_U = _csf(_unit(w, True), v["m_R"], v["r"])
        out["p_U"].append(p_U)
        out["p_U_with_east"].append(_csf(_unit(w, False), v["m_R"], v["r"]))
        lower, upper = bargaining.bargaining_range(1.0 - p_U, v["c_R"], v["c_U"])
        out["lower"].append(lower)
        out["upper"].append(upper)
    return out


__all__ = [
    "PARAMS", "Y", "Contest", "solve", "ukraine_effort", "win_probability", "compensating_aid",
    "demand_threshold_aid", "curve",
]
