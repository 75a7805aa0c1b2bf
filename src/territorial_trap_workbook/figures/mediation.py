"""Chapter 6 figures: (1) when a biased mediator's advice is believed; (2) leverage in chapter 1's range."""
from __future__ import annotations

from typing import Mapping

from ..explorers.spec import ExplorerSpec, Frame
from ..models import mediation
from .style import NEUTRAL, PALETTE, RUSSIA, UKRAINE, base_layout, rounded

SWEEP_POINTS = 41


# ----------------------------------------------------------------------------------------------------------
# 1. Credibility against the mediator's bias
# ----------------------------------------------------------------------------------------------------------


def draw(v: Mapping[str, float]) -> Frame:
    m = mediation.solve(**v)
    ws, wars, values = mediation.sweep_bias(v, n=SWEEP_POINTS)
    if m.w_min is not None and m.w_min not in ws:  # put the step exactly at w_min
        at = mediation.solve(**{**v, "w": m.w_min})
        i = sum(1 for w in ws if w < m.w_min)
        ws, wars, values = (ws[:i] + [m.w_min] + ws[i:], wars[:i] + [at.p_war] + wars[i:],
                            values[:i] + [at.ukraine_value] + values[i:])
    w_min = [] if m.w_min is None else [rounded(m.w_min)] * 2
    traces = [
        dict(type="scatter", x=rounded(ws), y=rounded(wars), mode="lines", name="P(war)",
             line=dict(color=RUSSIA, width=3, shape="hv"),
             hovertemplate="bias %{x:.2f}: P(war) %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded(ws), y=rounded(values), mode="lines", name="Ukraine's expected share",
             line=dict(color=UKRAINE, width=3, shape="hv"),
             hovertemplate="bias %{x:.2f}: Ukraine's share %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=[0, 1], y=rounded([m.p_war_without] * 2), mode="lines",
             name="P(war), no credible advice", line=dict(color=NEUTRAL, dash="dot", width=2),
             hovertemplate="no advice: P(war) %{y:.2f}<extra></extra>"),
        dict(type="scatter", x=w_min, y=[0, 1][: len(w_min)], mode="lines",
             name="w_min", line=dict(color=PALETTE["green"], dash="dash", width=2),
             hovertemplate="w_min %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([v["w"], v["w"]]), y=rounded([m.p_war, m.ukraine_value]),
             mode="markers", name="Current w", marker=dict(symbol="circle", size=12, color=PALETTE["black"]),
             hovertemplate="current: %{y:.2f}<extra></extra>"),
    ]
    if m.w_min is None:
        where = "No bias makes the mediator's advice credible."
    else:
        where = f"The mediator's advice is credible once its weight on Ukraine is at least {m.w_min:.2f}."
    if m.credible is None:
        now = f"At a weight of {v['w']:.2f} there is nothing to advise: both offers coincide and no war can occur"
    else:
        now = f"At a weight of {v['w']:.2f} the advice is {'credible' if m.credible else 'not credible'}"
    if m.credible and not m.decisive:
        now += " but changes nothing"
    readout = (f"{where} {now}: the chance of war is {m.p_war:.2f} (with no credible advice, "
               f"{m.p_war_without:.2f}).")
    return Frame(traces=traces, readout=readout)


def summary(v: Mapping[str, float]) -> dict[str, str]:
    m = mediation.solve(**v)
    return {
        "Least credible bias w_min": "none" if m.w_min is None else f"{m.w_min:.2f}",
        "Advice believed and decisive": "yes" if m.informative else "no",
        "P(war)": f"{m.p_war:.2f}",
        "P(war) with no credible advice": f"{m.p_war_without:.2f}",
    }


MEDIATION_EXPLORER = ExplorerSpec(
    key="mediation",
    space=mediation.PARAMS,
    draw=draw,
    layout=base_layout(
        "Mediator's weight on Ukraine w (0.5 = even-handed)",
        "Probability / share of the value",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[-0.02, 1.02], dtick=0.1),
    ),
    main=("accuracy", "k", "q", "w"),
    title="When a biased mediator's advice is believed, and what it does to the risk of war",
    try_this=(
        "Lower the accuracy towards 0.5. The step moves right and then disappears: advice based on poor "
        "information is credible only from a very partisan mediator, and then not at all.",
        "Raise the mediator's own cost of war. The step moves right: its fear of war erodes its credibility.",
        "Set the prior that Russia is resolved to 0.6: the red line now steps up at the dashed line instead of "
        "down, because credible advice lets a Ukraine that would otherwise be generous hold firm, and that adds "
        "risk.",
    ),
    caption=("When a biased mediator's advice is believed, and what it does to the risk of war "
             "(all parameters illustrative)."),
    alt_text=("A chart with the mediator's weight on Ukraine from 0 to 1 on the horizontal axis. A red step line "
              "shows the probability of war and a blue step line Ukraine's expected share of the disputed "
              "value. Both step at a dashed green line, the least bias at which the mediator's advice is "
              "credible; to its right the probability of war falls below the dotted grey level it has with no "
              "credible advice. A black dot marks the current bias."),
    summary=summary,
)


# ----------------------------------------------------------------------------------------------------------
# 2. Leverage: chapter 1's range before and after aid and sanctions
# ----------------------------------------------------------------------------------------------------------

ROWS = {"before": 2, "after": 1}


def draw_leverage(v: Mapping[str, float]) -> Frame:
    lev = mediation.apply_leverage(**v)
    b, a = lev.before, lev.after
    deal_b = [] if b.deal is None else [rounded(b.deal)]
    deal_a = [] if a.deal is None else [rounded(a.deal)]
    traces = [
        dict(type="scatter", x=rounded([b.lower, b.upper]), y=[ROWS["before"]] * 2, mode="lines+markers",
             name="Range before", line=dict(color=NEUTRAL, width=14),
             marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=NEUTRAL)),
             hovertemplate="before: edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([a.lower, a.upper]), y=[ROWS["after"]] * 2, mode="lines+markers",
             name="Range after", line=dict(color=PALETTE["green"], width=14),
             marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=PALETTE["green"])),
             hovertemplate="after: edge %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=deal_b + deal_a, y=([ROWS["before"]] * len(deal_b)) + ([ROWS["after"]] * len(deal_a)),
             mode="markers", name="Deal", marker=dict(symbol="diamond", size=16, color=PALETTE["black"]),
             hovertemplate="deal %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([v["walkout"]] * 2), y=[0.5, 2.5], mode="lines",
             name="Walk-out value", line=dict(color=PALETTE["orange"], dash="dash", width=3),
             hovertemplate="walk-out %{x:.2f}<extra></extra>"),
        dict(type="scatter", x=rounded([v["demand"]] * 2), y=[0.5, 2.5], mode="lines",
             name="Demand", line=dict(color=RUSSIA, dash="dot", width=2),
             hovertemplate="demand %{x:.2f}<extra></extra>"),
    ]
    return Frame(traces=traces, readout=readout_leverage(v, lev))


def readout_leverage(v: Mapping[str, float], lev) -> str:
    start = (f"Aid lowers Russia's expected share from {v['p']:.2f} to {lev.p_after:.2f}; sanctions raise its cost "
             f"of war from {v['c_R']:.2f} to {lev.c_R_after:.2f}.")
    b, a = lev.before, lev.after
    if lev.talks_collapse:
        return f"{start} Russia's walk-out value now beats Ukraine's new limit: the talks collapse."
    if b.deal is None or a.deal is None:
        return f"{start} There is no deal {'before' if b.deal is None else 'after'} the leverage."
    return f"{start} The deal moves from {b.deal:.2f} to {a.deal:.2f}."


def _fmt_deal(x: float | None) -> str:
    return "none" if x is None else f"{x:.2f}"


def summary_leverage(v: Mapping[str, float]) -> dict[str, str]:
    lev = mediation.apply_leverage(**v)
    return {
        "Deal before": _fmt_deal(lev.before.deal),
        "Deal after": _fmt_deal(lev.after.deal),
        "Ukraine's limit after": f"{lev.after.upper:.2f}",
        "Talks collapse": "yes" if lev.talks_collapse else "no",
    }


LEVERAGE_EXPLORER = ExplorerSpec(
    key="leverage",
    space=mediation.LEVERAGE_PARAMS,
    draw=draw_leverage,
    layout=base_layout(
        "Share of the disputed value going to Russia", "",
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(range=[0.4, 2.6], tickvals=list(ROWS.values()),
                   ticktext=["Before leverage", "After aid and sanctions"], showgrid=False),
    ),
    main=("aid", "sanctions", "walkout"),
    title="Leverage as moving chapter 1's range: aid and sanctions shift the range and the deal",
    try_this=(
        "Move aid and sanctions by the same amount and compare how far the diamond moves.",
        "Set the walk-out value to 0.7 and raise aid step by step: watch for the moment the lower diamond "
        "disappears.",
    ),
    caption=("Leverage as moving chapter 1's parameters: aid lowers p, sanctions raise c_R "
             "(illustrative parameters)."),
    alt_text=("Two horizontal bars on the line of possible splits from 0 to 1: the grey bar is chapter 1's "
              "bargaining range before leverage, the green bar the range after aid lowers Russia's expected "
              "share and sanctions raise its cost of war. Black diamonds mark the deal in each case; an orange "
              "dashed line marks Russia's walk-out value and a red dotted line its demand."),
    summary=summary_leverage,
)

EXPLORERS = [MEDIATION_EXPLORER, LEVERAGE_EXPLORER]
