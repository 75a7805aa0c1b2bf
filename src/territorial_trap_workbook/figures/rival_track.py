"""Chapter 11 figure: the rival track's value to Russia against the chance it takes off, and the deal."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import rival_track
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded


def draw(v: Mapping[str, float]) -> Frame:
    s = rival_track.solve(**v)
    c = rival_track.curve(**v)
    gs = rounded(c["g"])
    g = v["g"]
    g_star = [] if s.g_binds is None else rounded([s.g_binds, s.g_binds])
    traces = [
        dict(type="scatter", x=[0, 1], y=rounded([s.lower, s.lower]), mode="lines",
             name="Russia's floor p − c_R", line=dict(color=NEUTRAL, dash="dot", width=2),
             hovertemplate="floor %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, 1], y=rounded([s.upper, s.upper]), mode="lines", fill="tonexty",
             fillcolor="rgba(0,158,115,0.18)", name="Ukraine's limit p + c_U (range shaded)",
             line=dict(color=UKRAINE, dash="dash", width=2), hovertemplate="Ukraine's limit %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, 1], y=rounded([s.inside, s.inside]), mode="lines",
             name="Russia's share inside U.S.-led talks", line=dict(color=PALETTE["green"], width=2),
             hovertemplate="inside share %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, 1], y=rounded([s.threshold, s.threshold]), mode="lines",
             name="Russia's share as responder",
             line=dict(color=PALETTE["green"], width=1.5, dash="dot"),
             hovertemplate="binds above %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=gs, y=rounded(c["walkout"]), mode="lines", name="Value of the rival track w",
             line=dict(color=PALETTE["orange"], width=3),
             hovertemplate="g %{x:.2f}: rival track worth %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=gs, y=rounded(c["deal"]), mode="lines", name="Deal (gap: talks collapse)",
             line=dict(color=PALETTE["black"], width=5), connectgaps=False,
             hovertemplate="g %{x:.2f}: deal %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=g_star, y=[0, 1] if g_star else [], mode="lines",
             name="g*: the rival track starts to bind", line=dict(color=RUSSIA, dash="dashdot", width=2),
             hovertemplate="g* %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(g)], y=[rounded(s.walkout)], mode="markers",
             name="Current chance g", marker=dict(symbol="square", size=13, color=PALETTE["orange"],
                                                 line=dict(width=1, color="#000")),
             hovertemplate="current g %{x:.2f}: w %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[] if s.deal is None else [rounded(g)],
             y=[] if s.deal is None else [rounded(s.deal)], mode="markers", name="Current deal",
             marker=dict(symbol="diamond", size=15, color=PALETTE["black"]),
             hovertemplate="deal %{y:.2f}<extra></extra>"),
    ]
    if s.deal is None:
        deal = "The rival track is worth more than Ukraine would ever give, so the talks collapse."
    elif s.binds:
        deal = f"The rival track sets the price: the deal gives Russia {s.deal:.2f}."
    else:
        deal = f"The rival track does not bind: the deal gives Russia {s.deal:.2f}, its share inside the talks."
    star = ("At no chance of take-off does it bind." if s.g_binds is None
            else f"It binds once its chance of taking off passes {s.g_binds:.2f}.")
    readout = (f"Inside the U.S.-led talks Russia would get {s.inside:.2f}; the rival track is worth "
               f"{s.walkout:.2f} to it. {deal} {star}")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    s = rival_track.solve(**v)
    return {
        "Russia's share inside the talks": f"{s.inside:.2f}",
        "Value of the rival track": f"{s.walkout:.2f}",
        "Deal": "none (talks collapse)" if s.deal is None else f"{s.deal:.2f}",
        "Rival track binds above g": "never" if s.g_binds is None else f"{s.g_binds:.2f}",
    }



EXPLORER = ExplorerSpec(
    key="rival_track",
    space=rival_track.PARAMS,
    draw=draw,
    layout=base_layout(
        "Chance the rival track takes off if the U.S.-led talks end (g)",
        "Share of the disputed value going to Russia",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.02, 1.02], dtick=0.1),
        height=600,
    ),
    main=("g", "v_G", "k", "p"),
    title="A rival peace track as Russia's outside option: when it moves the deal, and when it ends the talks",
    try_this=(
        "Lower the rival track's value until the orange line never crosses the dotted green one. From then on "
        "the rival track is irrelevant however likely it is.",
        "Raise Russia's cost of leaving the U.S. track. The whole orange line moves down and the point where the "
        "rival track starts to bind moves right.",
        "Move Russia's expected share from fighting. The band and the green line move with it, and so does the "
        "threshold: watch how it behaves when the share is high.",
    ),
    caption=("A rival peace track as Russia's outside option: it moves the deal only once it is worth more than "
             "Russia could get in the U.S.-led talks when Ukraine makes the offer (illustrative parameters)."),
    alt_text=("A chart with the chance that a rival track takes off on the horizontal axis and Russia's share on "
              "the vertical axis. A shaded band between Russia's floor and Ukraine's limit is the bargaining "
              "range; a green horizontal line is Russia's share inside the U.S.-led talks and a dotted green line "
              "just below it the level above which the rival track binds; a rising orange line is the rival "
              "track's value to Russia. The thick black deal line stays on the green line until the orange "
              "line crosses the dotted one at g*, then rises less steeply than the orange line, and stops "
              "where the orange line passes Ukraine's limit (the talks collapse)."),
    summary=summary,
)
