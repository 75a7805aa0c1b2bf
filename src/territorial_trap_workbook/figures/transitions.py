"""Chapter 12 figure: the talks → ceasefire → frozen conflict → offensive chain.

Left: starting from talks, the chance of being in each state month by month, with the offensive absorbing (its
band is the chance an offensive has begun). Right: the long-run share of months in each state when an offensive
can give way to new talks.
"""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import transitions
from .style import PALETTE, RUSSIA, base_layout, rounded

MONTHS = 60
COLOURS = {"talks": PALETTE["blue"], "ceasefire": PALETTE["green"], "frozen": PALETTE["sky"], "offensive": RUSSIA}
BAR_LABELS = {"talks": "Talks", "ceasefire": "Ceasefire", "frozen": "Frozen conflict", "offensive": "Offensive"}
# The bar panel is narrow beside the chain (a laptop) and has four bars across a phone: labels break.
BAR_TICKS = [BAR_LABELS[s] for s in transitions.STATES]
BAR_TICKS_BROKEN = ["Talks", "Cease-<br>fire", "Frozen<br>conflict", "Offen-<br>sive"]
ORDER = ("offensive", "frozen", "ceasefire", "talks")  # stacked from the bottom up


def draw(v: Mapping[str, float]) -> Frame:
    path = transitions.paths(MONTHS, **v)
    o = transitions.outlook(**v)
    # Every second month is enough for the stacked areas and halves the stored figure.
    month = rounded(path["month"])[::2]
    h = v["horizon"]
    traces = [
        dict(type="scatter", x=month, y=rounded(path[s])[::2], mode="lines", stackgroup="states",
             name=transitions.LABELS[s], line=dict(color=COLOURS[s], width=1), fillcolor=COLOURS[s],
             hovertemplate=f"month %{{x}}: {transitions.LABELS[s].lower()} %{{y:.2f}}<extra></extra>")
        for s in ORDER
    ]
    traces += [
        dict(type="scatter", x=rounded([h, h]), y=[0.0, 1.0], mode="lines", name="Horizon",
             line=dict(color=PALETTE["black"], width=2, dash="dash"), hoverinfo="skip"),
        dict(type="scatter", x=[rounded(h)], y=[rounded(o.p_within)], mode="markers",
             name="Chance of an offensive by the horizon", showlegend=False,
             marker=dict(size=11, color=PALETTE["black"], line=dict(width=1, color="white")),
             hovertemplate="by month %{x}: %{y:.2f}<extra></extra>"),
        dict(type="bar", x=[BAR_LABELS[s] for s in transitions.STATES],
             y=rounded([o.long_run[s] for s in transitions.STATES]), xaxis="x2", yaxis="y2",
             name="Long-run share of months", showlegend=False,
             marker=dict(color=[COLOURS[s] for s in transitions.STATES]),
             hovertemplate="%{y:.2f} of months<extra></extra>"),
    ]
    t = o.months_to_offensive
    readout = (f"Starting from talks, an offensive begins within {h:g} months with probability {o.p_within:.2f}, "
               f"after {t['talks']:.0f} months on average. In the long run {o.long_run['offensive']:.0%} of months "
               f"are spent in an offensive.")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    o = transitions.outlook(**v)
    t = o.months_to_offensive
    return {
        f"Offensive within {v['horizon']:g} months (from talks)": f"{o.p_within:.2f}",
        "Expected months to an offensive (talks / ceasefire / frozen)":
            f"{t['talks']:.1f} / {t['ceasefire']:.1f} / {t['frozen']:.1f}",
        "Offensive launched from talks / ceasefire / frozen":
            f"{o.routes['talks']:.2f} / {o.routes['ceasefire']:.2f} / {o.routes['frozen']:.2f}",
        "Long-run share of months in talks / ceasefire / frozen / offensive":
            " / ".join(f"{o.long_run[s]:.2f}" for s in transitions.STATES),
    }


EXPLORER = ExplorerSpec(
    key="transitions",
    space=transitions.PARAMS,
    draw=draw,
    layout=base_layout(
        "Months from the start of talks", "Chance of being in each state",
        xaxis=dict(domain=[0.0, 0.62], range=[0, MONTHS]),
        yaxis=dict(range=[0, 1.0], dtick=0.2),
        xaxis2=dict(domain=[0.72, 1.0], anchor="y2", tickfont=dict(size=12), tickvals=BAR_TICKS,
                    ticktext=BAR_TICKS_BROKEN),
        yaxis2=dict(range=[0, 1.0], dtick=0.2, anchor="x2", title=dict(text="Long-run share of months")),
        height=500,
    ),
    main=("talks_offensive", "talks_ceasefire", "frozen_offensive", "offensive_talks"),
    # On a phone the two panels stack: the chain on top, the long-run shares under it.
    narrow={"xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 1.0], "xaxis2.domain": [0.0, 1.0],
            "yaxis2.domain": [0.0, 0.3]},
    narrow_plot=600,
    title="From talks to a renewed offensive: the chance of each state month by month, and in the long run",
    try_this=(
        "Raise the chance of moving from talks to an offensive and watch the blue band of talks drain faster into "
        "the vermillion one.",
        "Set the chance of moving from an offensive back to talks to zero: the long-run share of offensive jumps "
        "to 1, because an offensive then never ends in the model. Is that a claim the article makes, or an "
        "assumption you would reject?",
    ),
    caption=("A four-state chain from talks to a renewed offensive: month-by-month chances starting from talks, "
             "and long-run shares (all transition probabilities illustrative)."),
    alt_text=("Two panels. Left: a stacked area chart over 60 months starting from talks; the bands are talks "
              "(blue), ceasefire (green), frozen conflict (light blue) and, at the bottom, offensive (vermillion), "
              "whose band grows as the chance that an offensive has begun accumulates. A dashed vertical line "
              "marks the horizon, with a dot at the chance of an offensive by then. Right: a bar chart of the "
              "long-run share of months spent in each of the four states."),
    summary=summary,
)
