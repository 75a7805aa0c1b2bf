"""Chapter 2 figures: the two win-sets on the line of splits, and the deal as Russia's legal rigidity rises."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import winsets
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

ROWS = {"russia": 4, "ukraine": 3, "overlap": 2, "pieces": 1}
CURVE_STEPS = 50  # Russian rigidity 0, 0.02, ..., 1 on the leverage figure


def _fmt(x: float | None) -> str:
    return "none" if x is None else f"{x:.2f}"


def draw(v: Mapping[str, float]) -> Frame:
    w = winsets.solve(**v)
    overlap_x = rounded([w.r_R, w.r_U]) if w.overlap else []
    deal_x = [] if w.deal is None else [rounded(w.deal)]
    whole_x = [] if w.whole_deal is None else [rounded(w.whole_deal)]
    traces = [
        dict(type="scatter", x=rounded([w.r_R, 1.0]), y=[ROWS["russia"]] * 2, mode="lines",
             name="Russia's win-set (x ≥ r_R)", line=dict(color=RUSSIA, width=12),
             hovertemplate="Russia can ratify x ≥ %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([0.0, w.r_U]), y=[ROWS["ukraine"]] * 2, mode="lines",
             name="Ukraine's win-set (x ≤ r_U)", line=dict(color=UKRAINE, width=12),
             hovertemplate="Ukraine can ratify x ≤ %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=overlap_x, y=[ROWS["overlap"]] * len(overlap_x), mode="lines",
             name="Overlap (possible deals)", line=dict(color=PALETTE["green"], width=12),
             hovertemplate="overlap edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=deal_x, y=[ROWS["overlap"]] * len(deal_x), mode="markers",
             name="Deal if land were divisible", marker=dict(symbol="diamond", size=16, color=PALETTE["black"]),
             hovertemplate="divisible deal %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded(w.splits), y=[ROWS["pieces"]] * len(w.splits), mode="markers",
             name="Whole-piece splits", marker=dict(symbol="circle-open", size=11, color=NEUTRAL,
                                                    line=dict(width=2)),
             hovertemplate="split %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded(w.feasible), y=[ROWS["pieces"]] * len(w.feasible), mode="markers",
             name="Whole-piece splits both can ratify", marker=dict(symbol="circle", size=11,
                                                                    color=PALETTE["green"]),
             hovertemplate="feasible split %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=whole_x, y=[ROWS["pieces"]] * len(whole_x), mode="markers",
             name="Whole-piece deal", marker=dict(symbol="diamond-open", size=20, color=PALETTE["black"],
                                                  line=dict(width=3)),
             hovertemplate="whole-piece deal %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([w.floor, w.floor]), y=[0.5, 4.5], mode="lines",
             name="Russia's floor without the clause (p − c_R)", line=dict(color=RUSSIA, dash="dot", width=2),
             hovertemplate="strategic floor %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([w.limit, w.limit]), y=[0.5, 4.5], mode="lines",
             name="Ukraine's limit without law (p + c_U)", line=dict(color=UKRAINE, dash="dot", width=2),
             hovertemplate="strategic limit %{x:.2f}<extra></extra>"),
    ]
    return Frame(traces=traces, readout=readout(v, w))


def readout(v: Mapping[str, float], w) -> str:
    if not w.overlap:
        return (f"Russia can ratify nothing below {w.r_R:.2f} and Ukraine nothing above {w.r_U:.2f}: no settlement "
                f"can be ratified by both.")
    text = (f"Both can ratify a split giving Russia from {w.r_R:.2f} to {w.r_U:.2f}; with divisible land the deal "
            f"gives Russia {w.deal:.2f}.")
    pieces = int(v["pieces"])
    if w.whole_deal is None:
        return f"{text} With {pieces} whole piece{'s' if pieces > 1 else ''}, no split falls in that overlap."
    return f"{text} With {pieces} whole piece{'s' if pieces > 1 else ''}, the deal gives Russia {w.whole_deal:.2f}."


def summary(v: Mapping[str, float]) -> dict[str, str]:
    w = winsets.solve(**v)
    return {
        "Win-sets (Russia ≥, Ukraine ≤)": f"{w.r_R:.2f}, {w.r_U:.2f}",
        "Deal, divisible": _fmt(w.deal),
        "Deal, whole pieces": _fmt(w.whole_deal),
        "Breaking rigidity λ_R*": "never" if w.breaking_rigidity is None else f"{w.breaking_rigidity:.2f}",
    }


WINSETS = ExplorerSpec(
    key="winsets",
    space=winsets.PARAMS,
    draw=draw,
    layout=base_layout(
        "Share of the disputed value going to Russia (0 = none, 1 = all four regions)", "",
        xaxis=dict(range=[-0.03, 1.03]),
        yaxis=dict(range=[0.4, 4.6], tickvals=list(ROWS.values()),
                   ticktext=["Russia can ratify", "Ukraine can ratify", "Overlap and deal", "Whole pieces"],
                   showgrid=False),
        height=560,
        margin=dict(l=140, r=30, t=10, b=60),
    ),
    main=("rigidity_R", "rigidity_U", "pieces", "c_U"),
    title="What each side can ratify, where the two overlap, and the deal with divisible land or whole pieces",
    try_this=(
        "Set Ukraine's rigidity to 0 and the number of pieces to 12. Move Russia's rigidity up: how much does the "
        "deal move before it disappears?",
        "Set the pieces to 1 (the four regions as one block). For which rigidities does any deal survive?",
    ),
    caption=("Two-level win-sets: what each side's constitution lets it ratify, the overlap, and the deals "
             "with divisible land and with whole pieces (illustrative parameters)."),
    alt_text=("A horizontal line of possible splits from 0 to 1. A red bar shows the splits Russia can ratify, "
              "from r_R up to 1; a blue bar those Ukraine can ratify, from 0 up to r_U; a green bar their "
              "overlap with a black diamond at the divisible deal. A bottom row of circles marks the splits "
              "possible with whole pieces, filled green where both sides can ratify them, with an open diamond "
              "at the whole-piece deal. Dotted lines show where the win-sets would end without legal limits."),
    summary=summary,
)


# ---------------------------------------------------------------------------------------------------------
# Second figure: leverage and breakdown as Russia's legal rigidity rises
# ---------------------------------------------------------------------------------------------------------

def draw_leverage(v: Mapping[str, float]) -> Frame:
    grid = [i / CURVE_STEPS for i in range(CURVE_STEPS + 1)]
    curve = winsets.deal_curve(grid, **v)
    here = winsets.solve(**v)
    lam_star = here.breaking_rigidity
    star_x = [] if lam_star is None else [rounded(lam_star)] * 2
    traces = [
        dict(type="scatter", x=rounded(grid), y=rounded([c for c, _ in curve]), mode="lines",
             name="Deal if land were divisible", line=dict(color=PALETTE["black"], width=3),
             connectgaps=False, hovertemplate="λ_R %{x:.2f}: deal %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded(grid), y=rounded([d for _, d in curve]), mode="markers",
             name="Deal with whole pieces", marker=dict(symbol="circle", size=7, color=PALETTE["green"]),
             hovertemplate="λ_R %{x:.2f}: whole-piece deal %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0.0, 1.0], y=rounded([here.r_U, here.r_U]), mode="lines",
             name="Most Ukraine can ratify (r_U)", line=dict(color=UKRAINE, dash="dash", width=2),
             hovertemplate="Ukraine's limit %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0.0, 1.0], y=rounded([here.floor, 1.0]), mode="lines",
             name="Least Russia can ratify (r_R)", line=dict(color=RUSSIA, dash="dot", width=2),
             hovertemplate="Russia's minimum %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=star_x, y=[0.0, 1.0][: len(star_x)], mode="lines",
             name="Breaking point λ_R*", line=dict(color=NEUTRAL, dash="dashdot", width=2),
             hovertemplate="breaking point %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(v["rigidity_R"])], y=[rounded(here.deal if here.deal is not None else 0.0)],
             mode="markers", name="Current rigidity",
             marker=dict(symbol="x" if here.deal is None else "diamond", size=15, color=PALETTE["orange"]),
             hovertemplate="current λ_R %{x:.2f}<extra></extra>"),
    ]
    return Frame(traces=traces, readout=readout_leverage(v, here))


def readout_leverage(v: Mapping[str, float], here) -> str:
    lam = v["rigidity_R"]
    now = (f"At a Russian rigidity of {lam:.2f} the deal gives Russia {here.deal:.2f}." if here.deal is not None
           else f"At a Russian rigidity of {lam:.2f} there is no deal both sides can ratify.")
    if here.breaking_rigidity is None:
        return f"{now} No rigidity breaks the talks here."
    if here.r_U < here.floor:
        return f"{now} Even without a Russian clause the win-sets do not overlap."
    return f"{now} Above {here.breaking_rigidity:.2f} the win-sets stop overlapping and the talks break."


LEVERAGE = ExplorerSpec(
    key="winsets-leverage",
    space=winsets.PARAMS,
    draw=draw_leverage,
    layout=base_layout(
        "Legal rigidity in Russia λ_R (0 = no clause, 1 = all four regions or nothing)",
        "Share going to Russia",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.02, 1.05], dtick=0.1),
        height=520,
    ),
    main=("rigidity_R", "rigidity_U", "pieces", "c_U"),
    title="How the deal moves as Russia's law ties its hands, up to the point where the talks break",
    try_this=(
        "Raise Ukraine's cost of continuing the war. The breaking point moves right: a Ukraine that suffers more "
        "from the war leaves more room for a Russian clause to pay off.",
        "Move the number of pieces and watch the green dots: a whole-piece deal exists, if at all, only on a "
        "first stretch that ends at or before the breaking point.",
    ),
    caption=("Tying hands: the deal rises with Russia's legal rigidity until the win-sets stop overlapping "
             "(illustrative parameters)."),
    alt_text=("A line chart. The horizontal axis is Russia's legal rigidity from 0 to 1, the vertical axis the "
              "share going to Russia. A black line shows the divisible deal rising with rigidity and ending at "
              "the breaking point, marked by a vertical dash-dot line; green dots show the whole-piece deal, "
              "which exists, if at all, only on a first stretch ending at or before the breaking point. "
              "A dashed blue line marks the most Ukraine can ratify and a "
              "dotted red line the least Russia can ratify. An orange marker shows the current rigidity "
              "(a cross when there is no deal)."),
    summary=summary,
)

EXPLORERS = [WINSETS, LEVERAGE]
