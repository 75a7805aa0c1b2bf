"""The book's one look: a colour-blind-safe palette, a small template, rounding for stable JSON."""
from __future__ import annotations

from typing import Iterable

import numpy as np
import plotly.graph_objects as go

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#777777",
}
RUSSIA = PALETTE["vermillion"]
UKRAINE = PALETTE["blue"]
NEUTRAL = PALETTE["grey"]

# A small explicit template: plotly would otherwise embed its large default template in every figure's JSON.
TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family="Arial, Helvetica, sans-serif", size=14, color="#222222"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")],
        xaxis=dict(showgrid=True, gridcolor="#e5e5e5", zeroline=False, linecolor="#444", ticks="outside",
                   automargin=True),
        yaxis=dict(showgrid=True, gridcolor="#e5e5e5", zeroline=False, linecolor="#444", ticks="outside",
                   automargin=True),
        # Above the plot: a narrow screen wraps the entries onto more rows, and
        # plotly grows the top margin to hold them (the title and read-out are HTML above the figure).
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        margin=dict(l=70, r=30, t=10, b=60),
        hoverlabel=dict(font_size=13),
    )
)


def rounded(values: Iterable[float] | float | None, digits: int = 6):
    """Plain Python floats rounded to ``digits`` places: stable JSON across machines and no base64 arrays."""
    if values is None:
        return None
    if np.isscalar(values):
        return round(float(values), digits)
    return [None if v is None else round(float(v), digits) for v in values]


def base_layout(x_title: str, y_title: str, **extra) -> dict:
    """The shared layout: axis titles given once; ``extra`` adds to it (axis settings are merged into the axes,
    so an axis title need not be repeated there). There is no plotly title: an explorer's title and read-out
    are HTML above the plot, where a narrow screen can wrap them."""
    layout = dict(template=TEMPLATE, height=460)
    for axis, text in (("xaxis", x_title), ("yaxis", y_title)):
        layout[axis] = {**({"title": dict(text=text)} if text else {}), **extra.pop(axis, {})}
    layout.update(extra)
    return layout
