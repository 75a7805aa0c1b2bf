"""Chapter 3 figures: equilibrium concession times in the war of attrition, and the resolve-budget simulation."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import attrition
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

V_GRID = [i / 100 for i in range(100)]  # 0 .. 0.99


def _fmt_time(t: float | None, unit: str = "") -> str:
    return "not within the horizon" if t is None else f"{t:.2f}{unit}"


# ---------------------------------------------------------------------------------------------------------
# Equilibrium: t(v) = (−v − ln(1 − v))/c
# ---------------------------------------------------------------------------------------------------------

def draw_equilibrium(v: Mapping[str, float]) -> Frame:
    c = attrition.contest(**v)
    curve = [attrition.concession_time(x, v["cost"]) for x in V_GRID]
    traces = [
        dict(type="scatter", x=V_GRID, y=rounded(curve), mode="lines", name="Equilibrium quitting time t(v)",
             line=dict(color=NEUTRAL, width=3), hovertemplate="value %{x:.2f}: quits at %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(v["v_R"])], y=[rounded(c.t_R)], mode="markers", name="Russia",
             marker=dict(symbol="square", size=14, color=RUSSIA),
             hovertemplate="Russia: value %{x:.2f}, would quit at %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(v["v_U"])], y=[rounded(c.t_U)], mode="markers", name="Ukraine",
             marker=dict(symbol="circle", size=14, color=UKRAINE),
             hovertemplate="Ukraine: value %{x:.2f}, would quit at %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0.0, 0.99], y=rounded([c.duration, c.duration]), mode="lines",
             name="The war ends (first concession)", line=dict(color=PALETTE["black"], dash="dash", width=2),
             hovertemplate="ends at %{y:.2f}<extra></extra>"),
    ]
    who = {"tie": "Both concede together", "Russia": "Russia concedes first", "Ukraine": "Ukraine concedes first"}
    readout = (f"Russia would hold out until time {c.t_R:.2f} and Ukraine until {c.t_U:.2f}. "
               f"{who[c.first]}: the war ends at time {c.duration:.2f}.")
    return Frame(traces=traces, readout=readout)


def summary_equilibrium(v: Mapping[str, float]) -> dict[str, str]:
    c = attrition.contest(**v)
    return {
        "Russia would quit at": f"{c.t_R:.2f}",
        "Ukraine would quit at": f"{c.t_U:.2f}",
        "First to concede": c.first,
        "Length of the war": f"{c.duration:.2f}",
    }


EQUILIBRIUM = ExplorerSpec(
    key="attrition-equilibrium",
    space=attrition.EQUILIBRIUM_PARAMS,
    draw=draw_equilibrium,
    layout=base_layout(
        "Value of winning, privately known", "Time at which the side quits",
        xaxis=dict(range=[-0.01, 1.0]),
        yaxis=dict(rangemode="tozero"),
    ),
    main=("v_R", "v_U", "cost"),
    title="How long each side holds out in a war of attrition, and who gives up first",
    try_this=(
        "Move the cost of holding out from 0.2 to 5. Does the order of concession ever change?",
        "Give both sides the same value of winning. What happens to the length of the war?",
    ),
    caption=("The war of attrition with private values: each side's equilibrium quitting time, and who "
             "concedes first (illustrative values)."),
    alt_text=("A rising curve shows the equilibrium quitting time t(v) = (−v − ln(1 − v))/c against the value "
              "of winning, flat near 0 and climbing steeply as the value approaches 1. A red square marks "
              "Russia's value and quitting time, a blue circle Ukraine's; a dashed horizontal line marks when "
              "the war ends, at the lower of the two quitting times."),
    summary=summary_equilibrium,
)


# ---------------------------------------------------------------------------------------------------------
# Simulation: resolve budgets month by month
# ---------------------------------------------------------------------------------------------------------

def _until_exhausted(path) -> list[float | None]:
    """The budget up to the first month at or below zero; blank afterwards (the side has conceded)."""
    out, done = [], False
    for b in path:
        out.append(None if done else b)
        done = done or b <= 0.0
    return out


def draw_budgets(v: Mapping[str, float]) -> Frame:
    s = attrition.simulate(**v)
    # Every second month: the curves look the same and the stored figure (21 frames per slider) halves.
    months = list(s.months)[::2]
    conceded_R = [] if s.t_R is None else [rounded(s.t_R)]
    conceded_U = [] if s.t_U is None else [rounded(s.t_U)]
    traces = [
        dict(type="scatter", x=months, y=rounded(_until_exhausted(s.budget_R))[::2], mode="lines", name="Russia's resolve budget",
             line=dict(color=RUSSIA, width=3), hovertemplate="month %{x}: %{y:.1f}<extra>Russia</extra>"),
        dict(type="scatter", x=months, y=rounded(_until_exhausted(s.budget_U))[::2], mode="lines", name="Ukraine's resolve budget",
             line=dict(color=UKRAINE, width=3), hovertemplate="month %{x}: %{y:.1f}<extra>Ukraine</extra>"),
        dict(type="scatter", x=months, y=rounded(s.aid)[::2], mode="lines", name="Western aid per month (right axis)",
             yaxis="y2", line=dict(color=PALETTE["green"], dash="dot", width=2),
             hovertemplate="month %{x}: aid %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=conceded_R, y=[0.0] * len(conceded_R), mode="markers", name="Russia concedes",
             marker=dict(symbol="x", size=16, color=RUSSIA, line=dict(width=2)),
             hovertemplate="Russia concedes at month %{x:.1f}<extra></extra>"),
        dict(type="scatter", x=conceded_U, y=[0.0] * len(conceded_U), mode="markers", name="Ukraine concedes",
             marker=dict(symbol="x", size=16, color=UKRAINE, line=dict(width=2)),
             hovertemplate="Ukraine concedes at month %{x:.1f}<extra></extra>"),
    ]
    if s.first is None:
        readout = f"Neither side runs out of resolve within {attrition.HORIZON} months."
    elif s.first == "tie":
        readout = f"Both sides run out of resolve together, in month {s.end:.0f}."
    else:
        other = "Russia" if s.first == "Ukraine" else "Ukraine"
        readout = f"{s.first} runs out of resolve first, in month {s.end:.0f}, and concedes; {other} holds out."
    return Frame(traces=traces, readout=readout)


def summary_budgets(v: Mapping[str, float]) -> dict[str, str]:
    s = attrition.simulate(**v)
    return {
        "Russia runs out (month)": _fmt_time(s.t_R),
        "Ukraine runs out (month)": _fmt_time(s.t_U),
        "First to concede": "nobody" if s.first is None else s.first,
    }


BUDGETS = ExplorerSpec(
    key="attrition-budgets",
    space=attrition.PARAMS,
    draw=draw_budgets,
    layout=base_layout(
        "Month of war", "Resolve units",
        xaxis=dict(range=[0, attrition.HORIZON], dtick=12),
        yaxis=dict(rangemode="tozero", zeroline=True, zerolinecolor="#444"),
        yaxis2=dict(overlaying="y", side="right", rangemode="tozero", showgrid=False,
                    title=dict(text="Aid per month"), linecolor="#444", ticks="outside"),
        margin=dict(l=70, r=80, t=10, b=60),
    ),
    main=("aid", "aid_fatigue", "cost_R", "fatigue_R"),
    title="Two resolve budgets drained month by month, and the month each side runs out",
    try_this=(
        "From the opening values, lower aid fatigue step by step: at which slider step does Russia run out first? "
        "(The exact threshold lies between two steps; the chapter gives it.) Put it back, then raise Russia's "
        "monthly cost instead: how far must it move to do the same?",
        "Set Russia's fatigue rate to 0. Does aid still decide the outcome, or only delay it?",
    ),
    caption=("A teaching simulation, not an equilibrium: resolve budgets drained by monthly costs that grow "
             "with fatigue, with Western aid that shrinks as donors tire (illustrative parameters)."),
    alt_text=("A line chart over 120 months. A red line shows Russia's resolve budget and a blue line "
              "Ukraine's, both falling as monthly costs grow; a dotted green line, read on the right-hand axis, shows "
              "Western aid per month shrinking over time. A cross on the zero line marks the month in which each side runs out; the "
              "sentence above the plot names the side that concedes first and when."),
    summary=summary_budgets,
)

EXPLORERS = [EQUILIBRIUM, BUDGETS]
