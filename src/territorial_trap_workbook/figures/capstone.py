"""Chapter 13 figure: the stalemate of wills — the ratifiable range after law and audience costs, Russia's
gamble, and which single change would open a range.

Top: the line of possible splits, with chapter 1's range, the ratifiable range (green if the two sides' limits
overlap, a vermillion gap if they do not), p and Russia's best demand. Bottom: for the scenario as set and with
each lever moved alone, the width of the ratifiable range (negative: the gap) and the chance of war.
"""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import capstone
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

ROWS = {"chapter1": 3, "ratifiable": 2, "demand": 1}


def _two_lines(label: str) -> str:
    """A category label on two lines of about equal length (on a phone its width is taken from the plot's)."""
    words = label.split(" ")
    if len(words) < 2:
        return label
    cut = min(range(1, len(words)), key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    return " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])


SHORT = {"As set": "As set", **{k: _two_lines(k.split(" (")[0]) for k in capstone.LEVERS}}


def draw(v: Mapping[str, float]) -> Frame:
    lev = capstone.levers(**v)
    s = lev["As set"]
    names = list(SHORT.values())
    ok = s.overlap
    m = v["months"]
    traces = [
        dict(type="scatter", x=rounded([s.lower, s.upper]), y=[ROWS["chapter1"]] * 2, mode="lines",
             name="Chapter 1's range (no law, no audience)", line=dict(color=NEUTRAL, width=10),
             hovertemplate="edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([s.r_R, s.r_U]) if ok else [], y=[ROWS["ratifiable"]] * (2 if ok else 0),
             mode="lines", name="Ratifiable range", line=dict(color=PALETTE["green"], width=14),
             hovertemplate="edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=[] if ok else rounded([s.r_U, s.r_R]), y=[] if ok else [ROWS["ratifiable"]] * 2,
             mode="lines", name="Gap: no ratifiable settlement", line=dict(color=RUSSIA, width=4, dash="dot"),
             hovertemplate="edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([s.r_R, s.r_U, s.p, s.demand]),
             y=[ROWS["ratifiable"], ROWS["ratifiable"], ROWS["demand"], ROWS["demand"]], mode="markers",
             name="Floor r_R ▶, limit r_U ◀, p ●, best demand ◆", showlegend=False,
             text=["Russia's floor", "Ukraine's limit", "p", "Russia's best demand"],
             marker=dict(symbol=["triangle-right", "triangle-left", "circle", "diamond"], size=15,
                         color=[RUSSIA, UKRAINE, PALETTE["black"], PALETTE["orange"]]),
             hovertemplate="%{text}: %{x:.2f}<extra></extra>"),
        dict(type="bar", orientation="h", y=names, x=rounded([o.gap for o in lev.values()]), xaxis="x2",
             yaxis="y2", name="Width of the ratifiable range (negative: gap)",
             marker=dict(color=[PALETTE["green"] if o.overlap else RUSSIA for o in lev.values()]),
             hovertemplate="%{y}: range width %{x:.3f}<extra></extra>"),
        dict(type="scatter", mode="markers", y=names, x=rounded([o.p_war for o in lev.values()]), xaxis="x2",
             yaxis="y2", name="Chance of war", marker=dict(symbol="diamond", size=12, color=PALETTE["black"]),
             hovertemplate="%{y}: chance of war %{x:.2f}<extra></extra>"),
    ]
    verdict = (f"both sides can ratify a split giving Russia from {s.r_R:.2f} to {s.r_U:.2f}" if ok
               else f"Russia's floor lies {-s.gap:.2f} above Ukraine's limit, so no settlement can be ratified")
    readout = (f"In month {m:g}, Russia expects {s.p:.2f} of the disputed value from fighting and {verdict}. "
               f"Russia's best demand is {s.demand:.2f}; the chance of war is {s.p_war:.2f}.")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    s = capstone.solve(**v)
    return {
        "Russia's expected share of a war p": f"{s.p:.2f}",
        "Ratifiable range": f"{s.r_R:.2f} to {s.r_U:.2f}" if s.overlap else f"none (gap {-s.gap:.2f})",
        "Russia's best demand": f"{s.demand:.2f}",
        "Chance of war": f"{s.p_war:.2f}",
    }


EXPLORER = ExplorerSpec(
    key="capstone",
    space=capstone.PARAMS,
    draw=draw,
    layout=base_layout(
        "Share of the disputed value going to Russia", "",
        xaxis=dict(range=[-0.02, 1.02], anchor="y"),
        yaxis=dict(domain=[0.6, 1.0], range=[0.4, 3.6], tickvals=list(ROWS.values()), automargin=True,
                   ticktext=["Chapter 1's range", "Ratifiable range", "p ● / best demand ◆"], showgrid=False),
        xaxis2=dict(anchor="y2", range=[-0.3, 1.0],
                    title=dict(text="Width of the ratifiable range (bars; negative = gap) / chance of war (◆)")),
        yaxis2=dict(domain=[0.0, 0.4], anchor="x2", autorange="reversed", automargin=True, showgrid=False),
        height=720,
    ),
    main=("a", "rigidity_R", "aid", "months"),
    title="Whether any settlement can be ratified, Russia's gamble, and which single change would open a range",
    try_this=(
        "Move the audience cost. Watch Russia's floor and the chance of war move together.",
        "Move aid from 0 to 60 and follow both triangles: which moves faster?",
        "Set Russia's legal rigidity to 1. Which bar in the bottom panel still shows a range, and what happens to "
        "the chance of war?",
        "Move the months slider. With the default laws the gap narrows slowly as aid fades, without closing; in "
        "Jupyter, raise aid fatigue as well and watch it close.",
    ),
    caption=("The stalemate of wills: aid, aid fatigue, audience costs and both constitutions combined into the "
             "ratifiable range and the chance of war (all parameters illustrative)."),
    alt_text=("Two panels. Top: a horizontal line of possible splits from 0 to 1 with three rows: a grey bar for "
              "chapter 1's bargaining range; on the middle row either a green bar for the range both sides can "
              "ratify, or a dotted vermillion gap when Russia's floor (vermillion triangle) lies above Ukraine's "
              "limit (blue triangle); on the bottom row a black dot for p and an orange diamond for Russia's best "
              "demand. Bottom: five horizontal bars, one for the scenario as set and one for each single change "
              "(either constitution set aside, no audience cost, no aid fatigue): green bars to the right of zero "
              "give the width of the ratifiable range, vermillion bars to the left the size of the gap; a black "
              "diamond on each row gives the chance of war."),
    summary=summary,
)
