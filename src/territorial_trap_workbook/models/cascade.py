"""Chapter 7 — precedent as a threshold cascade (Granovetter 1978), applied to the territorial-integrity norm.

Sources
-------
* Granovetter, M. (1978). Threshold Models of Collective Behavior. *American Journal of Sociology* 83(6),
  1420–1443. Each actor has a threshold: the number of others it must see acting before it acts too. The
  final number of actors follows from the whole distribution of thresholds, and a tiny change in one
  threshold can change the outcome completely. His two examples are re-derived in the tests: 100 actors with
  thresholds 0, 1, …, 99 all end up acting; raise the threshold-1 actor to 2 and only the first acts. With
  normally distributed thresholds (mean 25, N = 100) the final number jumps from a handful to everyone as the
  standard deviation passes about 12.2.
* Teaching use (ours): the "actors" are states with a territorial grievance; a state "acts" (tries a border
  change by force) once it has seen enough others get away with it. A recognised annexation lowers every
  threshold by ``shift`` (what acting costs falls for everyone). The territorial-integrity norm and its record
  are discussed in the chapter from Zacher, M. W. (2001), The Territorial Integrity Norm: International
  Boundaries and the Use of Force, *International Organization* 55(2), 215–250, and Altman, D. (2020), The
  Evolution of Territorial Conquest After 1945 and the Limits of the Territorial Integrity Norm,
  *International Organization* 74(3), 490–522; they supply no parameter here, so every parameter below is
  illustrative.
* Verification: Granovetter's journal, volume, issue (May 1978) and pages were confirmed from a JSTOR cover
  page; his two examples were re-computed here (tests), not copied. The paper's own figure for the jump is
  "about 12.2" in the research notes; the continuous map computed here jumps at σ ≈ 12.22.

Three versions, each function says which it implements
-----------------------------------------------------
1. **Discrete, explicit thresholds** (:func:`discrete_cascade`): a list of thresholds, one per actor. Start
   with r = 0 actors acting; each round r ← #{i : θ_i ≤ r}; stop when r no longer changes. Because the
   count is non-decreasing in r, the sequence rises monotonically to the smallest fixed point; it takes at
   most N rounds. :func:`uniform_example` builds Granovetter's 0..N−1 list with one threshold changed.
2. **Continuous normal map** (:func:`equilibrium`, :func:`iterate`): N = 100 actors, thresholds normal with
   mean m − shift and standard deviation σ (in actors), treated as a continuous mass:

       r ← F(r) = N · Φ((r − (m − shift)) / σ),   starting from r = 0.

   F is increasing, so iteration from 0 climbs to the *smallest* fixed point r* of F (F(r*) = r*). Iterating
   converges very slowly near the tipping σ (a near-tangency), so :func:`equilibrium` computes r* directly:
   g(r) = F(r) − r is convex for r < m' and concave for r > m' (m' = m − shift), g(0) > 0 and g(N) ≤ 0.
   On the convex part g has its minimum where F'(r) = 1, i.e. φ(z) = σ/N, z = −√(2 ln(N / (σ√(2π))));
   if g is ≤ 0 there, r* is the first root on [0, r_min], where g is decreasing; otherwise r* is the single
   root on the concave part. Both roots are found by bisection to 1e-10.
   Check values: σ = 12 → r* ≈ 4.0; σ = 12.3 → r* ≈ 100 (≥ 99.99).
3. **Discrete normal** (:func:`discrete_normal_cascade`): the same distribution as whole actors — actor i has
   threshold m' + σ·Φ⁻¹((i + ½)/N), i = 0..N−1 (evenly spaced quantiles, deterministic, no random draw) —
   run through version 1. Its tipping point differs from the continuous map's (e.g. no actor has a negative
   threshold exactly at zero mass); the chapter compares the two.

Arguments left out take the declared defaults (mean 25, σ 10, shift 1: one recognised annexation
lowering every threshold by one actor); pass ``shift=0`` for Granovetter's own examples. The default σ = 10
sits well below the tipping spread on purpose (about 11.6 with the default shift): an earlier default of
σ = 12 sat just past it, so the first picture a reader saw was the catastrophe, framed by the default rather
than by anything known about states. Nobody has measured these thresholds; the chapter reports over what range
of σ and shift each headline holds (:func:`critical_sigma`, :func:`critical_shift`).

Corners: σ is declared ≥ 1 (σ → 0 makes Φ a step; every threshold equal); thresholds below zero mean an
actor acts unprompted, which the normal allows and which is what starts a cascade. All results lie in [0, N].
"""
from __future__ import annotations

import math
import numbers
from statistics import NormalDist
from typing import Sequence

import numpy as np

from ..params import Param, ParameterError, ParamSpace, _short_repr, number_list, whole_number

N_ACTORS = 100          # the continuous and discrete-normal versions use Granovetter's N = 100
MAX_ACTORS = 10_000     # longest threshold list discrete_cascade accepts
_TOL = 1e-10


class _Default:
    """Marks an argument left out: it takes the declared default (None is refused like any bad value)."""

    def __repr__(self) -> str:
        return "<declared default>"


DEFAULT = _Default()

PARAMS = ParamSpace(
    (
        Param("mean", "Average threshold", "actors out of 100 seen acting first", 0.0, 100.0, 1.0, 25.0,
              "How many others a typical state must see change a border by force before it tries.",
              symbol="m"),
        Param("sigma", "Spread of thresholds", "standard deviation, in actors", 1.0, 40.0, 0.1, 10.0,
              "How much states differ in their thresholds.", symbol="σ"),
        Param("shift", "Threshold drop after a recognised annexation", "actors", 0.0, 20.0, 0.5, 1.0,
              "How far recognising one annexation lowers every state's threshold.", symbol="s"),
    )
)

UNIFORM_PARAMS = ParamSpace(
    (
        Param("n", "Number of actors", "actors", 2, 1000, 1, 100,
              "Actors with thresholds 0, 1, …, n − 1 (Granovetter's first example).", symbol="N",
              integer=True),
        Param("second", "Threshold of the actor that originally had threshold 1", "actors", 0, 1000, 1, 1,
              "Raise it to 2 and the cascade stops after the first actor.", symbol="θ₁", integer=True),
    )
)

# The argument r of response(): how many actors are seen acting (validation only, not a slider).
_ACTING = Param("r", "Actors seen acting", "actors", 0.0, float(N_ACTORS), 1.0, 0.0,
                "How many actors a state has seen act.")


# ----------------------------------------------------------------------------------------------------------
# Version 1: discrete, explicit thresholds
# ----------------------------------------------------------------------------------------------------------


def _check_thresholds(thresholds) -> list[float]:
    allowed = f"a list of 1 to {MAX_ACTORS} finite numbers, each ≥ 0"
    if isinstance(thresholds, np.ndarray) and thresholds.ndim == 1:
        thresholds = thresholds.tolist()
    if isinstance(thresholds, (str, bytes)) or not isinstance(thresholds, Sequence):  # a dict or a set is not
        raise ParameterError(f"thresholds = {_short_repr(thresholds)} is not a list; allowed: {allowed}")
    try:
        items = list(thresholds)
    except TypeError as err:  # e.g. a 0-d array
        raise ParameterError(f"thresholds = {_short_repr(thresholds)} is not a list; allowed: {allowed}") from err
    if not 1 <= len(items) <= MAX_ACTORS:
        raise ParameterError(f"thresholds has {len(items)} entries; allowed: {allowed}")
    out = []
    for i, t in enumerate(items):
        if isinstance(t, bool) or not isinstance(t, numbers.Real):
            raise ParameterError(f"thresholds[{i}] = {_short_repr(t)} is of type {type(t).__name__}; "
                                 f"allowed: {allowed}")
        try:
            t = float(t)
        except (OverflowError, ValueError):  # 10**400: beyond any float
            raise ParameterError(f"thresholds[{i}] = {_short_repr(t)} is not allowed; allowed: {allowed}") from None
        if not math.isfinite(t) or t < 0:
            raise ParameterError(f"thresholds[{i}] = {t!r} is not allowed; allowed: {allowed}")
        out.append(t)
    return out


def cascade_path(thresholds) -> list[int]:
    """Discrete version: the number acting after each round, from 0 to the final count (inclusive)."""
    ths = sorted(_check_thresholds(thresholds))
    path = [0]
    while True:
        r = path[-1]
        nxt = _count_at_most(ths, r)
        if nxt == r:
            return path
        path.append(nxt)


def _count_at_most(sorted_ths: list[float], r: float) -> int:
    lo, hi = 0, len(sorted_ths)
    while lo < hi:  # bisect_right without importing bisect's key handling
        mid = (lo + hi) // 2
        if sorted_ths[mid] <= r:
            lo = mid + 1
        else:
            hi = mid
    return lo


def discrete_cascade(thresholds) -> int:
    """Discrete version: how many actors end up acting, starting from none."""
    return cascade_path(thresholds)[-1]


def uniform_example(n: int = DEFAULT, second: int = DEFAULT) -> int:
    """Discrete version, Granovetter's first example: thresholds 0..n−1 with the threshold-1 actor set to
    ``second``. ``uniform_example(100, 1) == 100``; ``uniform_example(100, 2) == 1``."""
    v = UNIFORM_PARAMS.validate({k: x for k, x in dict(n=n, second=second).items() if x is not DEFAULT})
    ths = list(range(v["n"]))
    ths[1] = v["second"]
    return discrete_cascade(ths)


# ----------------------------------------------------------------------------------------------------------
# Version 2: the continuous normal map
# ----------------------------------------------------------------------------------------------------------

_STD = NormalDist()


def _given(**kwargs) -> dict:
    """Validated parameters: arguments left out take the declared defaults (no default typed twice)."""
    return PARAMS.validate({k: v for k, v in kwargs.items() if v is not DEFAULT})


_SQRT2 = math.sqrt(2.0)
_erfc = np.frompyfunc(math.erfc, 1, 1)  # math.erfc over an array (object dtype: cast the result to float)


def _F(r: float, m: float, sigma: float) -> float:
    # N·Φ(z) written with erfc (the same function as NormalDist().cdf, a few times faster)
    return N_ACTORS * 0.5 * math.erfc(-(r - m) / (sigma * _SQRT2))


def _bisect(g, lo: float, hi: float) -> float:
    """A root of g on [lo, hi] with g(lo) > 0 ≥ g(hi)."""
    for _ in range(200):
        if hi - lo <= _TOL:
            break
        mid = 0.5 * (lo + hi)
        if g(mid) > 0:
            lo = mid
        else:
            hi = mid
    return hi


def _equilibrium(m: float, sigma: float) -> float:
    def g(r: float) -> float:
        return _F(r, m, sigma) - r

    n = float(N_ACTORS)
    if g(n) > 0:  # cannot happen mathematically (Φ < 1); guard against rounding
        return n
    convex_end = min(max(m, 0.0), n)
    peak = n / (sigma * math.sqrt(2 * math.pi))     # the largest slope of F
    if convex_end > 0 and peak > 1:
        z = -math.sqrt(2 * math.log(peak))          # F'(r) = 1 on the rising, convex side
        r_min = min(max(m + sigma * z, 0.0), convex_end)
        if g(r_min) <= 0:
            return _bisect(g, 0.0, r_min)
        return _bisect(g, r_min, n)                 # no root before r_min; g > 0 up to the concave part
    return _bisect(g, 0.0, n)                       # g decreasing (peak ≤ 1) or entirely concave


def equilibrium(mean: float = DEFAULT, sigma: float = DEFAULT,
                shift: float = DEFAULT) -> float:
    """Continuous-map version: the final number acting (of N = 100), the smallest fixed point of
    r ← 100·Φ((r − (mean − shift))/σ), which iteration from r = 0 reaches."""
    v = _given(mean=mean, sigma=sigma, shift=shift)
    return _equilibrium(v["mean"] - v["shift"], v["sigma"])


def equilibria(sigmas, mean: float = DEFAULT, shift: float = DEFAULT) -> list[float]:
    """Continuous-map version, vectorised over σ: :func:`equilibrium` for each σ in ``sigmas`` (same method,
    numpy arrays; used by the figures so a slider move stays fast)."""
    v = _given(mean=mean, shift=shift)
    sig = np.array(number_list(sigmas, "sigmas", PARAMS["sigma"], 1, 1000), dtype=float)
    m = v["mean"] - v["shift"]
    n = float(N_ACTORS)

    def g(r):
        return n * 0.5 * _erfc(-(r - m) / (sig * _SQRT2)).astype(float) - r

    convex_end = min(max(m, 0.0), n)
    peak = n / (sig * math.sqrt(2 * math.pi))
    lo = np.zeros_like(sig)
    hi = np.full_like(sig, n)
    if convex_end > 0:
        has_min = peak > 1
        z = -np.sqrt(2 * np.log(np.where(has_min, peak, 1.0)))
        r_min = np.clip(m + sig * z, 0.0, convex_end)
        first = has_min & (g(r_min) <= 0)
        hi = np.where(first, r_min, hi)
        lo = np.where(has_min & ~first, r_min, lo)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        up = g(mid) > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    return [float(x) for x in np.clip(hi, 0.0, n)]


def response(r: float, mean: float = DEFAULT, sigma: float = DEFAULT,
             shift: float = DEFAULT) -> float:
    """Continuous-map version: F(r), how many would act having seen r act."""
    v = _given(mean=mean, sigma=sigma, shift=shift)
    r = _ACTING.check(r, "r")
    return _F(r, v["mean"] - v["shift"], v["sigma"])


def iterate(mean: float = DEFAULT, sigma: float = DEFAULT, shift: float = DEFAULT,
            steps: int = 20) -> list[float]:
    """Continuous-map version: r_0 = 0, r_1, …, r_steps of the map (for cobweb figures)."""
    v = _given(mean=mean, sigma=sigma, shift=shift)
    steps = whole_number(steps, "steps", 0, 10_000)
    m = v["mean"] - v["shift"]
    path = [0.0]
    for _ in range(steps):
        path.append(_F(path[-1], m, v["sigma"]))
    return path


#: smallest change in the final count, across a bracket narrower than 1e-7, that counts as a jump (actors)
JUMP_MIN = 1.0


def _switch(count, a: float, b: float) -> tuple[float, float]:
    """Bisect [a, b] on "count(x) ≥ N/2" (which differs at the two ends) down to a bracket narrower than 1e-7."""
    big_a = count(a) >= N_ACTORS / 2
    while b - a > 1e-7:
        mid = 0.5 * (a + b)
        if (count(mid) >= N_ACTORS / 2) == big_a:
            a = mid
        else:
            b = mid
    return a, b


def critical_sigma(mean: float = DEFAULT, shift: float = DEFAULT, lo: float = DEFAULT,
                   hi: float = DEFAULT) -> float | None:
    """Continuous-map version: the spread σ in [lo, hi] (default: the declared range of σ) at which the final
    number *jumps* across N/2 (from a handful to nearly everyone, or back); ``None`` if there is no such jump
    inside [lo, hi].

    Found by bisection on "final number ≥ N/2", then checked: across the final bracket (narrower than 1e-7)
    the final number must change by at least ``JUMP_MIN`` actors. Where it crosses N/2 continuously — at
    mean − shift = 50 the low fixed point rises smoothly into the middle one as σ passes N/√(2π) — there is
    no tipping point and the answer is ``None`` (it used to report that smooth crossing as a jump). The final
    number need not be monotone in σ for every mean; the bisection returns a switch point between a σ below
    N/2 and one above it.
    """
    lo = PARAMS["sigma"].lo if lo is DEFAULT else PARAMS["sigma"].check(lo, "lo")
    hi = PARAMS["sigma"].hi if hi is DEFAULT else PARAMS["sigma"].check(hi, "hi")
    v = _given(mean=mean, shift=shift)
    if not lo < hi:
        raise ParameterError(f"lo = {lo!r} must be below hi = {hi!r}; allowed: 1 ≤ lo < hi ≤ 40")
    m = v["mean"] - v["shift"]

    def count(sig: float) -> float:
        return _equilibrium(m, sig)

    if (count(lo) >= N_ACTORS / 2) == (count(hi) >= N_ACTORS / 2):
        return None
    a, b = _switch(count, lo, hi)
    if abs(count(b) - count(a)) < JUMP_MIN:
        return None                                   # a smooth crossing, not a tipping point
    return 0.5 * (a + b)


def critical_shift(mean: float = DEFAULT, sigma: float = DEFAULT) -> float | None:
    """Continuous-map version: the smallest threshold drop (shift, within its declared range 0–20) at which the
    final number jumps to N/2 or more; ``0.0`` if it is already there with no drop; ``None`` if no drop in the
    declared range gets it there, or if it gets there smoothly rather than by a jump.

    The final number never falls as the shift grows (lower thresholds raise F everywhere, so the smallest fixed
    point cannot fall), so bisection on "final number ≥ N/2" finds the one switch.
    """
    v = _given(mean=mean, sigma=sigma)
    lo, hi = PARAMS["shift"].lo, PARAMS["shift"].hi

    def count(s: float) -> float:
        return _equilibrium(v["mean"] - s, v["sigma"])

    if count(lo) >= N_ACTORS / 2:
        return 0.0
    if count(hi) < N_ACTORS / 2:
        return None
    a, b = _switch(count, lo, hi)
    if abs(count(b) - count(a)) < JUMP_MIN:
        return None
    return 0.5 * (a + b)


# ----------------------------------------------------------------------------------------------------------
# Version 3: the same normal distribution as whole actors
# ----------------------------------------------------------------------------------------------------------


def normal_thresholds(mean: float = DEFAULT, sigma: float = DEFAULT,
                      shift: float = DEFAULT) -> list[float]:
    """Discrete-normal version: 100 thresholds at evenly spaced normal quantiles, negatives set to 0
    (an actor with a negative threshold acts unprompted, exactly like one with threshold 0)."""
    v = _given(mean=mean, sigma=sigma, shift=shift)
    m = v["mean"] - v["shift"]
    return [max(0.0, m + v["sigma"] * _STD.inv_cdf((i + 0.5) / N_ACTORS)) for i in range(N_ACTORS)]


def discrete_normal_cascade(mean: float = DEFAULT, sigma: float = DEFAULT,
                            shift: float = DEFAULT) -> int:
    """Discrete-normal version: how many of the 100 whole actors end up acting."""
    return discrete_cascade(normal_thresholds(mean=mean, sigma=sigma, shift=shift))
