"""Chapter 8 figure: how the audience cost of backing down moves credibility and the three ways a crisis ends."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import audience
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

N_GRID = 41  # audience costs drawn along the x axis (0 to 1 in steps of 0.025)


def draw(v: Mapping[str, float]) -> Frame:
    c = audience.curves(N_GRID, **v)
    s = audience.solve(**v)
    a = v["a"]
    x = rounded(c["a"])
    traces = [
        dict(type="scatter", x=x, y=rounded(c["credibility"]), mode="lines",
             name="Credibility q = P(Russia stands firm if resisted)",
             line=dict(color=NEUTRAL, dash="dash", width=2),
             hovertemplate="a = %{x:.2f}: credibility %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=x, y=rounded(c["war"]), mode="lines", name="P(war)",
             line=dict(color=PALETTE["black"], width=3),
             hovertemplate="a = %{x:.2f}: P(war) %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=x, y=rounded(c["concede"]), mode="lines", name="P(Ukraine concedes)",
             line=dict(color=UKRAINE, width=3),
             hovertemplate="a = %{x:.2f}: P(Ukraine concedes) %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=x, y=rounded(c["russia_backs_down"]), mode="lines", name="P(Russia backs down)",
             line=dict(color=RUSSIA, width=3),
             hovertemplate="a = %{x:.2f}: P(Russia backs down) %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([a, a]), y=[0.0, 1.0], mode="lines", name="Current audience cost",
             line=dict(color=PALETTE["orange"], width=2, dash="dot"), hoverinfo="skip"),
        dict(type="scatter", x=rounded([a, a, a]), y=rounded([s.war, s.concede, s.russia_backs_down]),
             mode="markers", name="Outcomes at the current a", showlegend=False,
             marker=dict(size=11, color=[PALETTE["black"], UKRAINE, RUSSIA], line=dict(width=1, color="white")),
             hovertemplate="%{y:.2f}<extra></extra>"),
    ]
    readout = (f"With an audience cost of {a:.2f}, Ukraine believes Russia will stand firm with probability "
               f"{s.credibility:.2f}. The crisis ends in war with probability {s.war:.2f}, Ukraine concedes with "
               f"{s.concede:.2f} and Russia backs down with {s.russia_backs_down:.2f}.")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    s = audience.solve(**v)
    return {
        "Credibility q": f"{s.credibility:.2f}",
        "P(Ukraine concedes)": f"{s.concede:.2f}",
        "P(war)": f"{s.war:.2f}",
        "P(Russia backs down)": f"{s.russia_backs_down:.2f}",
    }


EXPLORER = ExplorerSpec(
    key="audience",
    space=audience.PARAMS,
    draw=draw,
    layout=base_layout(
        "Audience cost of backing down, a", "Probability",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.02, 1.02], dtick=0.2),
        height=500,
    ),
    main=("a", "p", "c_bar", "u_bar"),
    title="How the cost of backing down changes whether a crisis ends in war, a concession or a climb-down",
    try_this=(
        "Move the audience cost from 0 to 1 and watch the black line (war) rise, peak and fall while the "
        "vermillion line (climb-down) drops to zero. At which audience cost does credibility reach 1?",
        "Raise Russia's expected share of a war. Credibility is higher at every audience cost wherever it is below 1, "
        "and the peak of the war curve moves left (or stays put): audience costs raise the risk of war over a "
        "narrower range.",
        "Raise the highest possible Russian cost of war (more uncertainty about what Russia can bear). "
        "Credibility falls at every audience cost wherever it is below 1, and the peak of the war curve moves "
        "right (or stays put).",
    ),
    caption=("Audience costs in a one-shot crisis: credibility and the chances of concession, war and "
             "climb-down (all parameters illustrative)."),
    alt_text=("Line chart with the audience cost a from 0 to 1 on the horizontal axis and probability on the "
              "vertical axis. A dashed grey line shows the credibility of Russia's threat, which rises with a "
              "until it reaches 1. A blue line shows the chance that Ukraine concedes, which rises with "
              "credibility; a vermillion line shows the chance that Russia backs down, which falls to zero; a "
              "black line shows the chance of war. A dotted orange vertical line and three dots mark the "
              "current value of a."),
    summary=summary,
)
