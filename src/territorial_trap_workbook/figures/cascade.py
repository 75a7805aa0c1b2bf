"""Chapter 7 figures (continuous normal-threshold map of Granovetter 1978):
(1) the response curve F(r) against the diagonal, before and after a recognised annexation;
(2) the final number acting against the spread σ, with the tipping point."""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import cascade
from .style import NEUTRAL, PALETTE, RUSSIA, base_layout, rounded

R_GRID = [float(r) for r in range(0, cascade.N_ACTORS + 1, 2)]          # 51 points
SIGMA_GRID = [1.0 + 0.5 * i for i in range(79)]                          # 1 to 40 in steps of 0.5


def _curve(mean: float, sigma: float, shift: float) -> list[float]:
    return [cascade.response(r, mean=mean, sigma=sigma, shift=shift) for r in R_GRID]


def draw(v: Mapping[str, float]) -> Frame:
    m, s, sh = v["mean"], v["sigma"], v["shift"]
    base_eq = cascade.equilibrium(mean=m, sigma=s, shift=0.0)
    eq = cascade.equilibrium(mean=m, sigma=s, shift=sh)
    traces = [
        dict(type="scatter", x=R_GRID, y=rounded(_curve(m, s, 0.0)), mode="lines",
             name="F(r), no recognition", line=dict(color=NEUTRAL, width=2, dash="dash"),
             hovertemplate="seen %{x:.0f} → %{y:.1f} act<extra></extra>"),
        dict(type="scatter", x=R_GRID, y=rounded(_curve(m, s, sh)), mode="lines",
             name="F(r), after recognition", line=dict(color=RUSSIA, width=3),
             hovertemplate="seen %{x:.0f} → %{y:.1f} act<extra></extra>"),
        dict(type="scatter", x=[0, cascade.N_ACTORS], y=[0, cascade.N_ACTORS], mode="lines",
             name="F(r) = r", line=dict(color=PALETTE["black"], width=1, dash="dot"),
             hoverinfo="skip"),
        dict(type="scatter", x=rounded([base_eq, eq]), y=rounded([base_eq, eq]), mode="markers",
             name="Cascade stops",
             marker=dict(symbol=["circle-open", "circle"], size=14, color=[NEUTRAL, RUSSIA],
                         line=dict(width=2, color=[NEUTRAL, RUSSIA])),
             hovertemplate="stops at %{x:.1f}<extra></extra>"),
    ]
    if sh == 0:
        readout = f"With no recognised annexation the cascade stops when {base_eq:.0f} of 100 states have acted."
    else:
        readout = (f"Without recognition the cascade stops when {base_eq:.0f} of 100 states have acted; after a "
                   f"recognised annexation lowers every threshold by {sh:g}, it stops at {eq:.0f}.")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    base_eq = cascade.equilibrium(mean=v["mean"], sigma=v["sigma"], shift=0.0)
    eq = cascade.equilibrium(mean=v["mean"], sigma=v["sigma"], shift=v["shift"])
    return {
        "Acting, no recognition": f"{base_eq:.1f}",
        "Acting, after recognition": f"{eq:.1f}",
        "Whole actors after recognition (discrete version)": str(cascade.discrete_normal_cascade(v["mean"], v["sigma"], v["shift"])),
    }


MAP_EXPLORER = ExplorerSpec(
    key="cascade",
    space=cascade.PARAMS,
    draw=draw,
    layout=base_layout(
        "States seen acting so far, r (of 100)", "States that would then act, F(r)",
        xaxis=dict(range=[0, 100]),
        yaxis=dict(range=[0, 102], dtick=10),
    ),
    main=("sigma", "shift", "mean"),
    title="How many states act once they see others act, before and after a recognised annexation",
    try_this=(
        "Set the threshold drop to 0 and move the spread of thresholds across 12: the grey curve's lower bend "
        "lifts off the diagonal and the circle jumps to the top right.",
        "With a spread of 10, find the smallest drop that tips the cascade.",
        "Raise the average threshold. The whole curve slides right; a larger drop is needed for the same effect.",
    ),
    caption=("Granovetter's threshold map for norm erosion: the cascade stops where the response curve first "
             "meets the diagonal (continuous version, N = 100; all parameters illustrative)."),
    alt_text=("A square chart. The horizontal axis is how many of 100 states have been seen changing a border "
              "by force; the vertical axis how many would then act. A dashed grey S-curve is the response with "
              "no recognised annexation, a red S-curve the response after one lowers every threshold, and a "
              "dotted diagonal marks where the two counts are equal. Circles mark the first crossing of each "
              "curve with the diagonal: where the cascade stops."),
    summary=summary,
)


@lru_cache(maxsize=256)
def _sweep(mean: float, shift: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
    base = tuple(cascade.equilibria(SIGMA_GRID, mean=mean, shift=0.0))
    moved = tuple(cascade.equilibria(SIGMA_GRID, mean=mean, shift=shift))
    return base, moved


@lru_cache(maxsize=256)
def _critical(mean: float, shift: float) -> float | None:
    return cascade.critical_sigma(mean=mean, shift=shift)


def draw_sigma(v: Mapping[str, float]) -> Frame:
    m, s, sh = v["mean"], v["sigma"], v["shift"]
    base, moved = _sweep(m, sh)
    eq = cascade.equilibrium(mean=m, sigma=s, shift=sh)
    crit = _critical(m, sh)
    crit_x = [] if crit is None else [rounded(crit)] * 2
    traces = [
        dict(type="scatter", x=SIGMA_GRID, y=rounded(base), mode="lines", name="No recognition",
             line=dict(color=NEUTRAL, width=2, dash="dash"),
             hovertemplate="σ %{x:.1f}: %{y:.1f} act<extra></extra>"),
        dict(type="scatter", x=SIGMA_GRID, y=rounded(moved), mode="lines", name="After recognition",
             line=dict(color=RUSSIA, width=3),
             hovertemplate="σ %{x:.1f}: %{y:.1f} act<extra></extra>"),
        dict(type="scatter", x=crit_x, y=[0, 100][: len(crit_x)], mode="lines",
             name="Tipping σ", line=dict(color=PALETTE["green"], dash="dot", width=2),
             hovertemplate="tipping σ %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(s)], y=[rounded(eq)], mode="markers", name="Current σ",
             marker=dict(size=12, color=PALETTE["black"]),
             hovertemplate="σ %{x:.1f}: %{y:.1f} act<extra></extra>"),
    ]
    crit0 = _critical(m, 0.0)
    before = "no spread from 1 to 40" if crit0 is None else f"a spread above {crit0:.2f}"
    after = "no spread from 1 to 40" if crit is None else f"a spread above {crit:.2f}"
    readout = (f"Without recognition, {before} tips the cascade; with thresholds lowered by {sh:g}, {after}. "
               f"At a spread of {s:g}, {eq:.0f} of 100 states end up acting.")
    return Frame(traces=traces, readout=readout)


def summary_sigma(v: Mapping[str, float]) -> dict[str, str]:
    crit0 = _critical(v["mean"], 0.0)
    crit = _critical(v["mean"], v["shift"])
    return {
        "Tipping σ, no recognition": "none" if crit0 is None else f"{crit0:.2f}",
        "Tipping σ, after recognition": "none" if crit is None else f"{crit:.2f}",
        "Acting at current σ": f"{cascade.equilibrium(v['mean'], v['sigma'], v['shift']):.1f}",
    }


SIGMA_EXPLORER = ExplorerSpec(
    key="cascade-sigma",
    space=cascade.PARAMS,
    draw=draw_sigma,
    layout=base_layout(
        "Spread of thresholds σ (actors)", "States acting in the end (of 100)",
        xaxis=dict(range=[0, 41]),
        yaxis=dict(range=[-2, 102], dtick=10),
    ),
    main=("shift", "mean"),
    title="How many states end up acting as the spread of their thresholds grows",
    try_this=(
        "Compare the red and grey lines as the threshold drop grows. With the average threshold at 25, "
        "recognition does not change whether there is a tipping point; it moves it to a less varied population, "
        "one that was previously safe. At an average of 50 there is no jump without a drop at all.",
    ),
    caption=("How many states end up acting as the spread of thresholds grows, with and without a recognised "
             "annexation (continuous version, N = 100; all parameters illustrative)."),
    alt_text=("A line chart with the spread of thresholds from 1 to 40 on the horizontal axis and the number of "
              "states (of 100) acting in the end on the vertical axis. A dashed grey line (no recognition) and a "
              "red line (after a recognised annexation lowers thresholds) stay near zero, then jump to almost "
              "100 at a tipping spread, marked by a dotted green line; the red line jumps earlier. A black dot "
              "marks the current spread."),
    summary=summary_sigma,
)

EXPLORERS = [MAP_EXPLORER, SIGMA_EXPLORER]
