"""Chapter 12 — from talks to a renewed offensive: a four-state Markov chain.

Sources
-------
* Kemeny, J. G. and Snell, J. L. (1960). *Finite Markov Chains*. Princeton, NJ: D. Van Nostrand — absorbing
  chains, the fundamental matrix N = (I − Q)⁻¹ and expected times to absorption.
* Grinstead, C. M. and Snell, J. L. (1997). *Introduction to Probability*, 2nd rev. ed. Providence, RI:
  American Mathematical Society, chapter 11 (Markov chains) — the same results in textbook form: N·1 is the
  vector of expected numbers of steps before absorption, N·R the absorption probabilities, and an ergodic
  chain's long-run shares solve π P = π, Σ π = 1.

No source estimates these transition probabilities for the war in Ukraine: every parameter is illustrative,
and the model is a bookkeeping device for the article's sequence (talks → ceasefire → frozen conflict →
renewed offensive), not a forecast.

The chain (our construction)
----------------------------
One step is one month. The political situation is in one of four states: T (talks under way), C (a ceasefire
holds), F (a frozen conflict: the ceasefire has hardened into a line with no settlement) and O (a renewed
offensive). Each month it moves with these probabilities (the rest of each row is the chance of staying):

    from T:  to C with q_TC (talks produce a ceasefire),      to O with q_TO (talks collapse into an offensive)
    from C:  to F with q_CF (the ceasefire freezes),          to O with q_CO (the ceasefire breaks down)
    from F:  to O with q_FO (the pause ends in an offensive), to T with q_FT (talks resume)
    from O:  to T with q_OT (the offensive gives way to new talks)

Every probability is declared in [0, 0.5], so each row's two exits sum to at most 1 and every row of P is a
probability distribution — no joint constraint is needed. The three escalation probabilities q_TO, q_CO, q_FO
are declared from 0.01, so from every non-offensive state an offensive is possible within a month.

1. Expected time to escalation (O treated as absorbing, q_OT ignored). Q is the 3×3 block of P among T, C, F.
   The fundamental matrix N = (I − Q)⁻¹ gives the expected number of months spent in each state before the
   offensive, and t = N·1 the expected months until the offensive begins, counting the starting month (a
   first-step analysis gives the same numbers):

       (q_TC + q_TO) t_T = 1 + q_TC t_C,
       (q_CF + q_CO) t_C = 1 + q_CF t_F,
       (q_FO + q_FT) t_F = 1 + q_FT t_T.

   Because each row of Q sums to at most 0.99, I − Q is invertible (‖Q‖∞ ≤ 0.99) and every t is finite, at
   most 100 months. With q_TC = 0 the wait from talks is geometric: t_T = 1/q_TO.
2. Where the offensive comes from. Starting in talks, the chance that the offensive is launched from state s is
   N[T, s]·q_sO (expected months in s times the monthly chance of escalating from s); the three sum to 1.
3. Chance the offensive has begun within h months from talks: the O-entry of e_T·Pʰ with O absorbing.
4. Long-run shares (q_OT in play). Balance of flows gives, with π_T as the unit,

       π_C = q_TC/(q_CF + q_CO) · π_T,   π_F = q_CF/(q_FO + q_FT) · π_C,
       q_OT π_O = q_TO π_T + q_CO π_C + q_FO π_F,

   then normalise to Σ π = 1. Every state reaches O, so there is exactly one closed class and the shares are
   unique; with q_OT = 0 the offensive is absorbing and its long-run share is 1 (the formula's π_O = ∞ limit;
   the module solves the linear system π(P − I) = 0, Σ π = 1 directly and so needs no special case).

5. Does a ceasefire postpone the offensive? Raising q_TC moves probability from "talks go on" to "talks produce
   a ceasefire". Differentiating t = (I − Q)⁻¹·1 gives ∂t_T/∂q_TC = N[T, T]·(t_C − t_T), and N[T, T] ≥ 1, so a
   likelier ceasefire lengthens the wait from talks if and only if an offensive is further away from a
   ceasefire than from talks, t_C > t_T (:func:`ceasefire_postpones`). It fails when an offensive comes
   sooner from a ceasefire than from talks — a ceasefire that breaks down fast (with the other defaults, from
   about q_CO = 0.093; not simply when q_CO > q_TO, since ceasefires can also freeze). That high-q_CO case is the
   chapter's one reading of the article's "pause to re-arm", and it captures only the timing: no state of the
   chain records strength, so re-arming itself is not modelled (chapter 9's ``ceasefire.REARM`` models it).

Assumptions: the chance of moving depends only on the current state, not on how long the state has lasted or
on what came before (the Markov property — chapter 9's ceasefire hazard relaxes exactly this); probabilities
do not change over time; one month is long enough that at most one transition happens in it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSpace

STATES = ("talks", "ceasefire", "frozen", "offensive")
LABELS = {"talks": "Talks", "ceasefire": "Ceasefire", "frozen": "Frozen conflict", "offensive": "Offensive"}


def _q(name: str, label: str, lo: float, default: float, meaning: str, symbol: str) -> Param:
    return Param(name, label, "probability per month", lo, 0.5, 0.01, default, meaning, symbol=symbol)


PARAMS = ParamSpace(
    (
        _q("talks_ceasefire", "Talks → ceasefire", 0.0, 0.10,
           "Monthly chance that talks produce a ceasefire.", "q_TC"),
        _q("talks_offensive", "Talks → offensive", 0.01, 0.05,
           "Monthly chance that talks collapse into a renewed offensive.", "q_TO"),
        _q("ceasefire_frozen", "Ceasefire → frozen conflict", 0.0, 0.10,
           "Monthly chance that a ceasefire hardens into a frozen line with no settlement.", "q_CF"),
        _q("ceasefire_offensive", "Ceasefire → offensive", 0.01, 0.03,
           "Monthly chance that a ceasefire breaks down into an offensive.", "q_CO"),
        _q("frozen_offensive", "Frozen conflict → offensive", 0.01, 0.02,
           "Monthly chance that a frozen conflict ends in an offensive.", "q_FO"),
        _q("frozen_talks", "Frozen conflict → talks", 0.0, 0.05,
           "Monthly chance that talks resume from a frozen conflict.", "q_FT"),
        _q("offensive_talks", "Offensive → talks", 0.0, 0.10,
           "Monthly chance that an offensive gives way to new talks (used only for the long-run shares).",
           "q_OT"),
        Param("horizon", "Horizon", "months", 1, 60, 1, 12,
              "How far ahead the chance of an offensive is measured.", symbol="h", integer=True),
    )
)

MONTHS = Param("months", "Length of the path", "months", 1, 240, 1, 36, "How many months :func:`paths` covers.",
               integer=True)


def matrix(**params: float) -> np.ndarray:
    """The 4×4 transition matrix P (rows: from, columns: to, in the order of :data:`STATES`)."""
    v = PARAMS.validate(params)
    return _matrix(v)


def _matrix(v: dict) -> np.ndarray:
    a, b = v["talks_ceasefire"], v["talks_offensive"]
    f, e = v["ceasefire_frozen"], v["ceasefire_offensive"]
    g, h = v["frozen_offensive"], v["frozen_talks"]
    r = v["offensive_talks"]
    return np.array(
        [
            [1.0 - a - b, a, 0.0, b],
            [0.0, 1.0 - f - e, f, e],
            [h, 0.0, 1.0 - g - h, g],
            [r, 0.0, 0.0, 1.0 - r],
        ]
    )


def _absorbing(P: np.ndarray) -> np.ndarray:
    A = P.copy()
    A[3] = [0.0, 0.0, 0.0, 1.0]
    return A


def _fundamental(P: np.ndarray) -> np.ndarray:
    Q = P[:3, :3]
    return np.linalg.inv(np.eye(3) - Q)


def _stationary(P: np.ndarray) -> np.ndarray:
    M = np.vstack([(P - np.eye(4)).T, np.ones(4)])
    rhs = np.array([0.0, 0.0, 0.0, 0.0, 1.0])
    pi = np.linalg.lstsq(M, rhs, rcond=None)[0]
    pi = np.clip(pi, 0.0, None)
    return pi / pi.sum()


@dataclass(frozen=True)
class Outlook:
    """What chapter 12 reads off the chain for one set of parameters."""

    months_to_offensive: dict[str, float]   # expected months until the offensive, from talks/ceasefire/frozen
    routes: dict[str, float]                # from talks: chance the offensive is launched from each state
    p_within: float                         # from talks: chance the offensive has begun within the horizon
    long_run: dict[str, float]              # long-run share of months in each state (q_OT in play)


def outlook(**params: float) -> Outlook:
    v = PARAMS.validate(params)
    P = _matrix(v)
    N = _fundamental(P)
    t = N.sum(axis=1)
    exits = P[:3, 3]
    routes = N[0] * exits
    routes = np.clip(routes / routes.sum(), 0.0, 1.0)  # sums to 1 up to rounding; normalised and kept in [0, 1]
    A = _absorbing(P)
    p_within = float(np.linalg.matrix_power(A, int(v["horizon"]))[0, 3])
    pi = _stationary(P)
    return Outlook(
        months_to_offensive={s: float(t[i]) for i, s in enumerate(STATES[:3])},
        routes={s: float(routes[i]) for i, s in enumerate(STATES[:3])},
        p_within=min(1.0, max(0.0, p_within)),
        long_run={s: float(pi[i]) for i, s in enumerate(STATES)},
    )


def expected_months(**params: float) -> dict[str, float]:
    """Expected months until an offensive begins, from each non-offensive state (N·1)."""
    return outlook(**params).months_to_offensive


def ceasefire_postpones(**params: float) -> bool:
    """True iff a likelier ceasefire (higher q_TC) lengthens the expected wait for an offensive from talks,
    i.e. iff t_C > t_T (see the module docstring, item 5)."""
    t = outlook(**params).months_to_offensive
    return t["ceasefire"] > t["talks"]


def long_run_shares(**params: float) -> dict[str, float]:
    """Long-run share of months spent in each state (the stationary distribution)."""
    return outlook(**params).long_run


def paths(months: int, **params: float) -> dict[str, np.ndarray]:
    """Starting in talks, the chance of being in each state at months 0..months, with the offensive absorbing:
    ``offensive`` is then the chance that an offensive has begun by that month."""
    v = PARAMS.validate(params)
    months = MONTHS.check(months)
    A = _absorbing(_matrix(v))
    out = np.empty((months + 1, 4))
    out[0] = [1.0, 0.0, 0.0, 0.0]
    for k in range(months):
        out[k + 1] = out[k] @ A
    out = np.clip(out, 0.0, 1.0)
    return {"month": np.arange(months + 1, dtype=float), **{s: out[:, i] for i, s in enumerate(STATES)}}
