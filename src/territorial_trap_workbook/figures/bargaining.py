"""Chapter 1 figure: the bargaining range on the line of possible splits, with demand, deal and walk-out."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import bargaining
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

ROWS = {"range": 4, "deal": 3, "walkout": 2, "demand": 1}


def draw(v: Mapping[str, float]) -> Frame:
    b = bargaining.solve(**v)
    deal_x = [] if b.deal is None else [rounded(b.deal)]
    traces = [
        dict(type="scatter", x=rounded([b.lower, b.upper]), y=[ROWS["range"]] * 2, mode="lines+markers",
             name="Bargaining range", line=dict(color=PALETTE["green"], width=14),
             marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=PALETTE["green"])),
             hovertemplate="range edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=deal_x, y=[ROWS["deal"]] * len(deal_x), mode="markers", name="Deal",
             marker=dict(symbol="diamond", size=16, color=PALETTE["black"]),
             hovertemplate="deal %{x:.3f}<extra></extra>"),
        dict(type="scatter", x=[rounded(v["walkout"])], y=[ROWS["walkout"]], mode="markers",
             name="Russia's walk-out value", marker=dict(symbol="square", size=14, color=PALETTE["orange"]),
             hovertemplate="walk-out %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(v["demand"])], y=[ROWS["demand"]], mode="markers",
             name="Russia's demand", marker=dict(symbol="triangle-up", size=16, color=RUSSIA),
             hovertemplate="demand %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([b.upper, b.upper]), y=[0.5, 4.5], mode="lines",
             name="Ukraine's limit p + c_U", line=dict(color=UKRAINE, dash="dash", width=2),
             hovertemplate="Ukraine's limit %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([b.lower, b.lower]), y=[0.5, 4.5], mode="lines",
             name="Russia's floor p − c_R", line=dict(color=NEUTRAL, dash="dot", width=2),
             hovertemplate="Russia's floor %{x:.2f}<extra></extra>"),
    ]
    return Frame(traces=traces, readout=readout(v, b))


def readout(v: Mapping[str, float], b: bargaining.Bargain) -> str:
    start = f"Any split giving Russia from {b.lower:.2f} to {b.upper:.2f} beats fighting for both sides."
    if b.deal is None:
        deal = (f"Russia's walk-out value ({v['walkout']:.2f}) is more than Ukraine would ever give, so there is "
                f"no deal.")
    elif b.walkout_binds:
        deal = (f"The deal gives Russia {b.deal:.3f}: its walk-out value is worth more than the "
                f"{b.threshold:.3f} it would get when Ukraine makes the offer, so it sets the price.")
    else:
        deal = f"The deal gives Russia {b.deal:.3f}."
    verdict = "within Ukraine's limit: Ukraine accepts it" if b.demand_acceptable else (
        "beyond Ukraine's limit: Ukraine refuses it")
    return f"{start} {deal} Russia's demand of {v['demand']:.2f} is {verdict}."


def summary(v: Mapping[str, float]) -> dict[str, str]:
    b = bargaining.solve(**v)
    return {
        "Range (Russia's share)": f"{b.lower:.2f} to {b.upper:.2f}",
        "Deal": "none" if b.deal is None else f"{b.deal:.2f}",
        "Walk-out binds": "yes" if b.walkout_binds else "no",
        "Demand acceptable to Ukraine": "yes" if b.demand_acceptable else "no",
    }


EXPLORER = ExplorerSpec(
    key="bargaining",
    space=bargaining.PARAMS,
    draw=draw,
    layout=base_layout(
        "Share of the disputed value going to Russia", "",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[0.4, 4.6], tickvals=list(ROWS.values()),
                   ticktext=["Bargaining range", "Deal", "Walk-out value", "Demand"], showgrid=False),
    ),
    main=("p", "c_U", "walkout", "demand"),
    title="Which splits both sides prefer to fighting, the deal, and Russia's demand",
    caption="The bargaining range, the deal and Russia's ultimatum (illustrative parameters).",
    try_this=(
        "Push Ukraine's cost of continuing the war up until the dashed line reaches the demand. How large must "
        "that cost be for a demand of 1 to become acceptable when Russia's expected share is 0.6?",
        "Slide the walk-out value from 0 to 1. The deal does not move until the walk-out value passes what "
        "Russia would get when Ukraine makes the offer (a little below the deal); then the deal rises with it, "
        "a little more slowly, and disappears once the walk-out value passes Ukraine's limit.",
        "Set Russia's expected share to 0.9. Ukraine's limit reaches 1, so even a demand for all four regions "
        "is accepted, while a walk-out now has to be worth nearly the whole prize to move the deal: when the "
        "battlefield already favours Russia, the ultimatum asks for little more than fighting would bring.",
    ),
    alt_text=("A horizontal line of possible splits from 0 to 1. A green bar marks the bargaining range from "
              "Russia's floor p − c_R to Ukraine's limit p + c_U; a diamond marks the deal, a square Russia's "
              "walk-out value and a triangle Russia's demand."),
    summary=summary,
)
