"""Chapter 5 figure: where a shift in power makes war the declining side's best reply.

The plane of (p1, p2): the declining side's chance of winning now and after the shift. The shaded region is
where the war condition p1 − c_D + δ(p1 − p2) > 1 holds; its edge is the line p2 = p1 − (1 − p1 + c_D)/δ.
The current parameters are a point, joined by a vertical segment to the no-shift diagonal p2 = p1.
"""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import commitment
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

_SQUARE = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))


def _war_region(delta: float, c_D: float, other: bool = False, c_R: float = 0.0) -> list[tuple[float, float]]:
    """Clip the unit square to the half-plane (1 + δ)p1 − δ p2 > 1 + c_D where the declining side fights, or
    (other=True) to −(1 + δ)p1 + δ p2 > c_R where the other side does (one Sutherland–Hodgman pass)."""

    def side(pt: tuple[float, float]) -> float:
        if other:
            return -(1.0 + delta) * pt[0] + delta * pt[1] - c_R
        return (1.0 + delta) * pt[0] - delta * pt[1] - (1.0 + c_D)

    out: list[tuple[float, float]] = []
    for i, cur in enumerate(_SQUARE):
        prev = _SQUARE[i - 1]
        s_cur, s_prev = side(cur), side(prev)
        if s_cur > 0:
            if s_prev <= 0 and s_prev != s_cur:
                t = s_prev / (s_prev - s_cur)
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            out.append(cur)
        elif s_prev > 0:
            t = s_prev / (s_prev - s_cur)
            out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
    return out


def _boundary(delta: float, c_D: float) -> tuple[list[float], list[float]]:
    """The part of the edge p2 = ((1 + δ)p1 − 1 − c_D)/δ inside the unit square (empty if none)."""
    if delta <= 0.0:
        return [], []
    lo_p1 = (1.0 + c_D) / (1.0 + delta)  # where the edge meets p2 = 0
    hi_p1 = (1.0 + c_D + delta) / (1.0 + delta)  # where it meets p2 = 1
    xs = [lo_p1, min(1.0, hi_p1)]
    if xs[0] > 1.0:
        return [], []
    ys = [((1.0 + delta) * x - 1.0 - c_D) / delta for x in xs]
    return rounded(xs), rounded(ys)


def _stationary_boundary(delta: float, c_D: float) -> tuple[list[float], list[float]]:
    """The stationary edge p2 = (p1 − (1 − δ)(1 + c_D))/δ, i.e. p1 − (1 − δ)s*, inside the unit square."""
    if delta <= 0.0 or delta >= 1.0:
        return [], []
    lo_p1 = (1.0 - delta) * (1.0 + c_D)  # where it meets p2 = 0
    if lo_p1 > 1.0:
        return [], []
    xs = [lo_p1, 1.0]
    ys = [min(1.0, (x - (1.0 - delta) * (1.0 + c_D)) / delta) for x in xs]
    return rounded(xs), rounded(ys)


def draw(v: Mapping[str, float]) -> Frame:
    r = commitment.war_condition(v["p1"], v["p2"], v["delta"], v["c_D"], v.get("c_R", commitment.PARAMS["c_R"].default))
    region = _war_region(r.delta, r.c_D)
    rx = [pt[0] for pt in region] + ([region[0][0]] if region else [])
    ry = [pt[1] for pt in region] + ([region[0][1]] if region else [])
    other = _war_region(r.delta, r.c_D, other=True, c_R=r.c_R)
    ox = [pt[0] for pt in other] + ([other[0][0]] if other else [])
    oy = [pt[1] for pt in other] + ([other[0][1]] if other else [])
    bx, by = _boundary(r.delta, r.c_D)
    sx, sy = _stationary_boundary(r.delta, r.c_D)
    traces = [
        dict(type="scatter", x=rounded(rx), y=rounded(ry), mode="lines", fill="toself",
             fillcolor="rgba(213, 94, 0, 0.18)", line=dict(color=RUSSIA, width=0),
             name="War region", hoverinfo="skip"),
        dict(type="scatter", x=rounded(ox), y=rounded(oy), mode="lines", fill="toself",
             fillcolor="rgba(120, 120, 120, 0.22)", line=dict(color=NEUTRAL, width=0),
             name="Other side fights first", hoverinfo="skip"),
        dict(type="scatter", x=bx, y=by, mode="lines", name="Edge of the war region",
             line=dict(color=RUSSIA, width=2, dash="dash"), hovertemplate="edge p₁ %{x:.2f}, p₂ %{y:.2f}"
             "<extra></extra>"),
        dict(type="scatter", x=sx, y=sy, mode="lines", name="Edge in the stationary version",
             line=dict(color=PALETTE["black"], width=1.5, dash="dashdot"),
             hovertemplate="stationary edge p₁ %{x:.2f}, p₂ %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, 1], y=[0, 1], mode="lines", name="No shift (p₂ = p₁)",
             line=dict(color=NEUTRAL, width=1.5, dash="dot"), hoverinfo="skip"),
        dict(type="scatter", x=rounded([r.p1, r.p1]), y=rounded([r.p1, r.p2]), mode="lines",
             name="Shift p₁ − p₂", line=dict(color=PALETTE["black"], width=2),
             hovertemplate="shift from %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[rounded(r.p1)], y=[rounded(r.p2)], mode="markers", name="Current case",
             marker=dict(symbol="circle", size=15, color=RUSSIA if r.war else UKRAINE,
                         line=dict(color=PALETTE["black"], width=1)),
             hovertemplate="p₁ %{x:.2f}, p₂ %{y:.2f}<extra></extra>"),
    ]
    if r.war_by == "other":
        readout = (f"The first side's chance of winning rises from {r.p1:.2f} now to {r.p2:.2f}: the other side is "
                   f"the declining one, its war index is {r.war_index_other:.3f}, above 1, so it prefers war now.")
    elif r.p2 > r.p1:
        # a rise for the first side makes the other side the declining one: its index is the one that decides
        readout = (f"The first side's chance of winning rises from {r.p1:.2f} now to {r.p2:.2f}: the other side is "
                   f"the declining one, its war index is {r.war_index_other:.3f}, not above 1, so peace is possible.")
    else:
        verdict = ("above 1, so it prefers war now" if r.war else "not above 1, so peace is possible")
        readout = (f"The declining side's chance of winning falls from {r.p1:.2f} now to {r.p2:.2f} after the "
                   f"shift. Its war index is {r.war_index:.3f}, {verdict}.")
        if r.stationary_index is not None:
            readout += (f" In the stationary version its index is {r.stationary_index:.3f}: "
                        + ("war." if r.stationary_index > 1.0 else "peace is possible."))
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    r = commitment.war_condition(v["p1"], v["p2"], v["delta"], v["c_D"], v.get("c_R", commitment.PARAMS["c_R"].default))
    return {
        "War index p₁ − c_D + δ(p₁ − p₂)": f"{r.war_index:.3f}",
        # no formula in these two labels: the other side's condition is Exercise 5.3's and the stationary
        # index Exercise 5.6's to derive
        "Other side's war index": f"{r.war_index_other:.2f}",
        "Index in the stationary version": ("not defined (δ = 1)" if r.stationary_index is None
                                            else f"{r.stationary_index:.2f}"),
        "Outcome": ("war (declining side)" if r.war_by == "declining" else
                    "war (other side)" if r.war_by == "other" else "peace possible"),
        "Shift p₁ − p₂": f"{r.shift:.2f}",
        "Smallest shift that brings war": "none possible" if r.critical_shift is None else f"{r.critical_shift:.2f}",
    }


EXPLORER = ExplorerSpec(
    key="commitment",
    space=commitment.PARAMS,
    draw=draw,
    layout=base_layout(
        "p₁: declining side's chance of winning now", "p₂: its chance after the shift",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.02, 1.02], dtick=0.1),
        height=560,
    ),
    main=("p2", "p1", "delta", "c_D"),
    title="Where a coming shift in power makes war now the declining side's best choice",
    try_this=(
        "Lower the weight on the future. The shaded region shrinks towards the bottom-right corner and "
        "disappears when the future counts for little.",
        "Raise the declining side's cost of war. The dashed edge moves right: costly war protects peace.",
        "Move its chance of winning now below one half. In this two-period form no chance after the shift reaches "
        "the red region; the chapter shows why that changes when the future lasts longer.",
        "Raise its chance after the shift above its chance now. The first side now gains, and in the grey "
        "region at the top left the other side fights first.",
    ),
    caption=("Shifting power and the commitment problem: where one side prefers war now "
             "(a two-period teaching form of the mechanism in Powell 2006, with the stationary version's edge dash-dotted; "
             "illustrative parameters)."),
    alt_text=("A square plot with the declining side's chance of winning now on the horizontal axis and its "
              "chance after the shift on the vertical axis. A shaded region in the lower right, bounded by a "
              "dashed line, marks where the declining side fights; a grey region in the upper left marks where the other side "
              "fights first because the shift favours the first side; a dotted diagonal marks no shift; a dash-dotted "
              "line marks the edge of the war region in the stationary version, further left and higher. A dot shows the current "
              "case, joined by a vertical segment to the diagonal; the dot is blue when peace is possible and "
              "red-orange when the war condition holds."),
    summary=summary,
)
