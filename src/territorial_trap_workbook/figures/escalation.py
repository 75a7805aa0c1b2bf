"""Chapter 12 figure: the risk–return trade-off — for every demand Russia could make, the chance that Ukraine
refuses and war follows, and Russia's expected payoff; the best demand is where the payoff peaks."""
from __future__ import annotations

from typing import Mapping

import numpy as np

from ..explorers.spec import ExplorerSpec, Frame
from ..models import escalation
from .style import NEUTRAL, PALETTE, RUSSIA, base_layout, rounded

DEMANDS = np.linspace(0.0, 1.0, 101)

_CORNER = {
    "interior": "",
    "no-gamble": " Russia's cost of war is at least the highest Ukrainian cost, so it does not gamble.",
    "cap": " The best demand is the whole disputed value.",
}


def draw(v: Mapping[str, float]) -> Frame:
    curve = escalation.demand_curve(DEMANDS, **v)
    r = escalation.optimal_demand(**v)
    x = rounded(curve["demand"])
    traces = [
        dict(type="scatter", x=x, y=rounded(curve["p_war"]), mode="lines", name="Chance Ukraine refuses (war)",
             line=dict(color=RUSSIA, width=3),
             hovertemplate="demand %{x:.2f}: chance of war %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=x, y=rounded(curve["payoff"]), mode="lines", name="Russia's expected payoff",
             line=dict(color=PALETTE["black"], width=3),
             hovertemplate="demand %{x:.2f}: expected payoff %{y:.3f}<extra></extra>"),
        dict(type="scatter", x=rounded([v["p"], v["p"]]), y=[-0.5, 1.05], mode="lines",
             name="p: Russia's expected share of a war", line=dict(color=NEUTRAL, width=2, dash="dot"),
             hoverinfo="skip"),
        dict(type="scatter", x=rounded([r.demand, r.demand]), y=[-0.5, 1.05], mode="lines",
             name="Best demand x*", line=dict(color=PALETTE["orange"], width=2, dash="dash"), hoverinfo="skip"),
        dict(type="scatter", x=rounded([r.demand, r.demand]), y=rounded([r.p_war, r.payoff]), mode="markers",
             name="At the best demand", showlegend=False,
             marker=dict(size=12, color=[RUSSIA, PALETTE["black"]], line=dict(width=1, color="white")),
             hovertemplate="%{y:.3f}<extra></extra>"),
    ]
    readout = (f"Russia's best demand is {r.demand:.2f} of the disputed value. Ukraine refuses it, and war "
               f"follows, with probability {r.p_war:.2f}; Russia's expected payoff is {r.payoff:.3f}."
               f"{_CORNER[r.corner]}")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    r = escalation.optimal_demand(**v)
    return {
        "Best demand x*": f"{r.demand:.2f}",
        "Chance of war at x*": f"{r.p_war:.3f}",
        "Russia's expected payoff": f"{r.payoff:.3f}",
        "Chance of war independent of p up to p =": f"{escalation.p_independence_limit(**v):.2f}",
    }


EXPLORER = ExplorerSpec(
    key="escalation",
    space=escalation.PARAMS,
    draw=draw,
    layout=base_layout(
        "Russia's demand (share of the disputed value)", "Chance of war / Russia's expected payoff",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.52, 1.07], dtick=0.25),
        height=480,
    ),
    main=("c_bar", "c_R", "p"),
    title="Russia's risk-return trade-off: the more it demands, the likelier a refusal and war",
    try_this=(
        "Move Russia's expected share of a war. The whole picture slides sideways but the dot on the vermillion "
        "line stays at the same height, until the best demand hits 1.",
        "Move the highest possible Ukrainian cost down towards Russia's cost. The payoff curve flattens into a "
        "corner and the gamble disappears.",
    ),
    caption=("The risk–return trade-off: Russia's best demand when it does not know Ukraine's cost of war "
             "(illustrative parameters)."),
    alt_text=("Line chart with Russia's demand from 0 to 1 on the horizontal axis. A vermillion line shows the "
              "chance that Ukraine refuses and war follows: zero up to Russia's expected share of a war p (a "
              "dotted grey vertical line), then rising in a straight line to one. A black line shows Russia's "
              "expected payoff, which rises, peaks and falls back to p minus Russia's cost. A dashed orange "
              "vertical line marks the best demand, with dots for the chance of war and the payoff there."),
    summary=summary,
)
