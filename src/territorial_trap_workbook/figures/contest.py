"""Chapter 10 figure: Ukraine's chance against aid, with and without the east, and what it does to the range.

Top panel: Ukraine's probability of prevailing p_U along the aid axis, with the east kept (dashed) and lost
(solid); a circle marks the current aid, a diamond the aid that exactly offsets the loss of the east.
Bottom panel: chapter 1's bargaining range (Russia's share) along the same axis, Russia's demand, and the
current aid.
"""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import contest
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

N_POINTS = 31


def draw(v: Mapping[str, float]) -> Frame:
    s = contest.solve(**v)
    c = contest.curve(n=N_POINTS, **v)
    aid = v["aid"]
    restored = aid + s.compensating_aid
    comp_x = [rounded(restored)] if restored <= contest.PARAMS["aid"].hi else []
    comp_y = [rounded(s.p_U_with_east)] if comp_x else []
    aid_hi = contest.PARAMS["aid"].hi
    traces = [
        dict(type="scatter", x=rounded(c["aid"]), y=rounded(c["p_U_with_east"]), mode="lines",
             name="Ukraine's chance, east kept", line=dict(color=UKRAINE, dash="dash", width=2),
             xaxis="x", yaxis="y", hovertemplate="aid %{x:.0f}: p_U %{y:.2f} (east kept)<extra></extra>"),
        dict(type="scatter", x=rounded(c["aid"]), y=rounded(c["p_U"]), mode="lines",
             name="Ukraine's chance, east lost", line=dict(color=UKRAINE, width=3),
             xaxis="x", yaxis="y", hovertemplate="aid %{x:.0f}: p_U %{y:.2f} (east lost)<extra></extra>"),
        dict(type="scatter", x=[rounded(aid)], y=[rounded(s.p_U)], mode="markers", name="Current aid",
             marker=dict(symbol="circle", size=12, color=PALETTE["black"]), xaxis="x", yaxis="y",
             hovertemplate="current aid %{x:.0f}: p_U %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=comp_x, y=comp_y, mode="markers", name="Aid that offsets the lost east",
             marker=dict(symbol="diamond", size=13, color=PALETTE["orange"]), xaxis="x", yaxis="y",
             hovertemplate="offsetting aid %{x:.1f}<extra></extra>"),
        dict(type="scatter", x=rounded(c["aid"]), y=rounded(c["lower"]), mode="lines",
             name="Russia's floor p − c_R", line=dict(color=NEUTRAL, dash="dot", width=2),
             xaxis="x2", yaxis="y2", hovertemplate="aid %{x:.0f}: floor %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded(c["aid"]), y=rounded(c["upper"]), mode="lines", fill="tonexty",
             fillcolor="rgba(0,158,115,0.25)", name="Bargaining range (Ukraine's limit on top)",
             line=dict(color=PALETTE["green"], width=2), xaxis="x2", yaxis="y2",
             hovertemplate="aid %{x:.0f}: Ukraine's limit %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, aid_hi], y=rounded([v["demand"], v["demand"]]), mode="lines",
             name="Russia's demand", line=dict(color=RUSSIA, dash="dash", width=2), xaxis="x2", yaxis="y2",
             hovertemplate="demand %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(aid)] * 2, y=rounded([s.bargain.lower, s.bargain.upper]),
             mode="lines+markers", name="Range at current aid",
             line=dict(color=PALETTE["black"], width=3), marker=dict(size=7, color=PALETTE["black"]),
             xaxis="x2", yaxis="y2", hovertemplate="range edge %{y:.2f}<extra></extra>"),
    ]
    verdict = "within Ukraine's limit" if s.bargain.demand_acceptable else "beyond Ukraine's limit"
    # three decimals: exercise 10.3 subtracts the two chances, and two-decimal readings could be off by 0.01
    readout = (f"Without the east Ukraine's chance of prevailing is {s.p_U:.3f} (with it, {s.p_U_with_east:.3f}); "
               f"{s.compensating_aid:.1f} more aid would make up the loss. Russia's demand of {v['demand']:.2f} is "
               f"{verdict}.")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    s = contest.solve(**v)
    threshold = s.demand_threshold_aid
    return {
        "Ukraine's chance (east lost / kept)": f"{s.p_U:.2f} / {s.p_U_with_east:.2f}",
        "Aid that offsets the lost east": f"{s.compensating_aid:.1f}",
        "Share of Ukraine's effort paid by aid": f"{s.aid_share:.2f}",
        "Range (Russia's share)": f"{s.bargain.lower:.2f} to {s.bargain.upper:.2f}",
        "Demand acceptable while aid is at most": (
            "any aid" if threshold is None else "no aid level" if threshold < 0 else f"{threshold:.1f}"),
    }


_AID_TITLE = "Western aid (% of Ukraine's pre-war GDP per year)"


EXPLORER = ExplorerSpec(
    key="contest",
    space=contest.PARAMS,
    draw=draw,
    layout=base_layout(
        "", "Ukraine's chance p_U",
        height=690,
        xaxis=dict(range=[0, 60], anchor="y", matches="x2", showticklabels=False),
        yaxis=dict(domain=[0.56, 1.0], range=[0, 1], dtick=0.2),
        xaxis2=dict(range=[0, 60], anchor="y2", title=dict(text=_AID_TITLE)),
        yaxis2=dict(domain=[0.0, 0.44], range=[0, 1.02], dtick=0.2,
                    title=dict(text="Russia's share")),
    ),
    main=("east_share", "aid", "m_R"),
    title="Ukraine's chance of prevailing as aid grows, with and without the east, and what it does to the range",
    try_this=(
        "Start from the data: set the east's share to 0.1 or 0.15, either side of the range the chapter's GDP rows "
        "allow (about 0.12 to 0.13). The default, 0.2, is an upper case.",
        "Move the east's share. The gap between the two curves, and the distance from circle to diamond, grow "
        "with it; nothing else in the top panel changes shape.",
        "Move Russia's war effort. Both curves shift down and the bargaining band shifts up, but the "
        "circle-to-diamond distance stays fixed: the offsetting-aid formula at work.",
        "In Jupyter, lower the demand until the red line enters the band, then raise aid and watch the band fall "
        "past it.",
    ),
    caption=("Ukraine's chance of prevailing against Western aid, with and without the east, and the "
             "bargaining range it implies (illustrative parameters; the default mobilisation rate is SIPRI's "
             "2024 figure)."),
    alt_text=("Two panels sharing a horizontal axis of Western aid from 0 to 60 per cent of Ukraine's pre-war "
              "GDP. Top: two rising blue curves give Ukraine's chance of prevailing with the east kept (dashed, "
              "higher) and lost (solid); a black circle marks the current aid and an orange diamond the larger "
              "aid that restores the chance Ukraine had with the east. Bottom: a green band, falling as aid "
              "rises, is the bargaining range of Russia's share; a red dashed line is Russia's demand and a "
              "black vertical segment the range at the current aid."),
    summary=summary,
)
