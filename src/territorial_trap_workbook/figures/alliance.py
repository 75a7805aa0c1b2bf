"""Chapter 4 figures: who carries the burden of supporting Ukraine, and the price of splitting off the U.S.

Two explorers on the same declaration: bars of each supporter's gift with and without the U.S. in the
coalition, and the U.S. comparison of staying with leaving as the side-payoff grows.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from ..explorers.spec import ExplorerSpec, Frame
from ..models import alliance
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

US = alliance.MEMBERS[0]
# Horizontal bars: the category names sit beside the bars, unrotated, at every width (on a phone, rotated names
# under vertical bars ran into the first slider), and each bar's label has the room to its right at full size.
CATEGORIES = ["United States", "Large European<br>economies", "Frontline<br>small states", "Total<br>support X"]
SIDE_GRID = np.linspace(alliance.PARAMS["side"].lo, alliance.PARAMS["side"].hi, 26)


def draw_burden(v: Mapping[str, float]) -> Frame:
    w = alliance.wedge(**v)
    inside = list(w.inside.contributions) + [w.inside.total]
    outside = [w.outside_contribution(m) for m in alliance.MEMBERS] + [w.outside.total]
    share_text = [f"{s:.0%}" for s in w.inside.shares_of_resources] + [""]
    traces = [
        dict(type="bar", orientation="h", y=CATEGORIES, x=rounded(inside), name="U.S. in the coalition",
             marker=dict(color=UKRAINE), text=share_text, textposition="outside", constraintext="none",
             cliponaxis=False, textfont=dict(size=13),
             hovertemplate="%{y}: %{x:.1f}<extra>U.S. in</extra>"),
        dict(type="bar", orientation="h", y=CATEGORIES, x=rounded(outside), name="After the U.S. leaves",
             marker=dict(color=PALETTE["orange"]),
             hovertemplate="%{y}: %{x:.1f}<extra>U.S. out</extra>"),
    ]
    readout = (f"Total support for Ukraine is {w.inside.total:.1f} with the U.S. in the coalition and "
               f"{w.outside.total:.1f} after it leaves, {w.support_lost:.1f} less.")
    return Frame(traces=traces, readout=readout)


def draw_wedge(v: Mapping[str, float]) -> Frame:
    w = alliance.wedge(**v)
    leave = [alliance.leave_utility(float(s), **{k: x for k, x in v.items() if k != "side"}) for s in SIDE_GRID]
    s_star = w.critical_side
    lo, hi = alliance.PARAMS["side"].lo, alliance.PARAMS["side"].hi
    star_x = [rounded(s_star)] * 2 if lo <= s_star <= hi else []
    all_y = leave + [w.utility_in]
    y_span = [min(all_y), max(all_y)]
    traces = [
        dict(type="scatter", x=rounded([lo, hi]), y=rounded([w.utility_in] * 2), mode="lines",
             name="U.S. utility if it stays", line=dict(color=UKRAINE, width=3),
             hovertemplate="stay %{y:.3f}<extra></extra>"),
        dict(type="scatter", x=rounded(SIDE_GRID), y=rounded(leave), mode="lines",
             name="U.S. utility if it leaves", line=dict(color=RUSSIA, width=3),
             hovertemplate="side-payoff %{x:.0f}: leave %{y:.3f}<extra></extra>"),
        dict(type="scatter", x=star_x, y=rounded(y_span[: len(star_x)]), mode="lines",
             name="Price of the split s*", line=dict(color=NEUTRAL, width=2, dash="dash"),
             hovertemplate="s* = %{x:.1f}<extra></extra>"),
        dict(type="scatter", x=[rounded(w.side)], y=[rounded(w.utility_out)], mode="markers",
             name="Offer on the table", marker=dict(symbol="diamond", size=15, color=PALETTE["black"]),
             hovertemplate="offer %{x:.0f}<extra></extra>"),
    ]
    if s_star < lo:
        price = "The U.S. would gain from leaving even unpaid."
    else:
        price = f"A side-payoff above {s_star:.1f} would buy the U.S. out of the coalition."
    verdict = "so the U.S. leaves" if w.leaves else "so the U.S. stays"
    readout = f"{price} The offer on the table is {w.side:.0f}, {verdict}."
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    w = alliance.wedge(**v)
    return {
        "Support X with the U.S.": f"{w.inside.total:.1f}",
        "Support X' without it": f"{w.outside.total:.1f}",
        "Price of the split s*": f"{w.critical_side:.1f}",
        "U.S. leaves at this offer": "yes" if w.leaves else "no",
    }


EXPLORERS = [
    ExplorerSpec(
        key="alliance-burden",
        space=alliance.PARAMS,
        draw=draw_burden,
        layout=base_layout(
            "Gift (resource index); the % is the gift's share of the giver's resources", "",
            barmode="group", xaxis=dict(rangemode="tozero"), yaxis=dict(autorange="reversed"),
        ),
        main=("a_us", "a_front", "y_europe"),
        title="What each of Ukraine's supporters gives, with the U.S. in the coalition and after it leaves",
        try_this=(
            "Lower the frontline states' weight towards the others'. At what point do the frontline states stop "
            "giving?",
            "Raise the large Europeans' resources. The orange total creeps towards the blue one: the richer the "
            "remaining partners, the less the U.S. exit costs Ukraine.",
        ),
        caption=("Burden-sharing among Ukraine's supporters with and without the U.S. "
                 "(Olson–Zeckhauser; Bergstrom–Blume–Varian closed form; illustrative parameters)."),
        alt_text=("A horizontal grouped bar chart. For the United States, the large European economies, the "
                  "frontline small states and the total, a blue bar shows the gift when the U.S. is in the "
                  "coalition (labelled with the gift as a share of resources) and an orange bar the gift after "
                  "the U.S. leaves: the Europeans give more, the total falls."),
        summary=summary,
    ),
    ExplorerSpec(
        key="alliance-wedge",
        space=alliance.PARAMS,
        draw=draw_wedge,
        layout=base_layout(
            "Side-payoff from a separate settlement (index)", "U.S. utility (log units)",
            xaxis=dict(range=[-1, 51]),
        ),
        main=("side", "exit_cost", "a_us", "y_europe"),
        title="The U.S. choice: staying in the coalition or taking a side-payoff to leave",
        try_this=(
            "Set the cost of leaving to zero. The crossing moves to the left of the axis: the U.S. would leave "
            "unpaid.",
            "Raise the large Europeans' resources from their opening value and watch the price of the split "
            "rise: a richer Europe already gives more while the U.S. is in, so the U.S. gives less and saves "
            "less by leaving.",
        ),
        caption=("The wedge: the U.S. compares staying in the coalition with taking a separate deal "
                 "(our formalisation after Crawford 2011; illustrative parameters)."),
        alt_text=("A line chart with the side-payoff on the horizontal axis. A flat blue line is the U.S. "
                  "utility if it stays; a rising red-orange curve its utility if it leaves and takes the "
                  "side-payoff. A dashed vertical line marks the price s* where the curves cross, and a "
                  "diamond marks the offer on the table."),
        summary=summary,
    ),
]
