"""The static explorer: plotly-native sliders over precomputed frames, for pages with no kernel.

One slider per main parameter; moving one shows the model with that parameter at the slider's value and
every other parameter at its default (the caption says so). Frames are named ``"<param>=<value>"``.
"""
from __future__ import annotations

import html
import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from ..params import ParameterError
from .spec import ExplorerSpec

SLIDER_HEIGHT = 75


def grid_states(spec: ExplorerSpec) -> list[tuple[str, float, dict[str, float]]]:
    """Every (parameter, value, full validated parameter set) the static sliders show."""
    defaults = spec.space.defaults()
    states = []
    for name in spec.main:
        for value in spec.space[name].grid():
            try:
                checked = spec.space.validate({**defaults, name: float(value)})
            except ParameterError:
                continue  # a joint condition excludes this point; the slider simply has no step there
            states.append((name, float(value), checked))
    return states


def _label(value: float) -> str:
    return f"{value:g}"


def static_figure(spec: ExplorerSpec) -> go.Figure:
    fig = spec.figure(spec.space.defaults())
    frames, sliders = [], []
    states = grid_states(spec)
    for row, name in enumerate(spec.main):
        param = spec.space[name]
        steps, active = [], 0
        for pname, value, checked in states:
            if pname != name:
                continue
            frame_name = f"{name}={_label(value)}"
            frame = spec.draw(checked)
            frames.append(go.Frame(name=frame_name, data=frame.traces, layout=frame.layout))
            if abs(value - param.default) < 1e-9:
                active = len(steps)
            steps.append(dict(
                method="animate", label=_label(value),
                args=[[frame_name], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                     "transition": {"duration": 0}}],
            ))
        sliders.append(dict(
            active=active, steps=steps, x=0.0, len=1.0, y=0, yanchor="top",
            pad=dict(t=75 + row * SLIDER_HEIGHT, b=10),
            currentvalue=dict(prefix=f"{param.label} ({param.unit}): ", font=dict(size=13)),
            name=name,
        ))
    fig.frames = frames
    height = fig.layout.height or 460
    fig.update_layout(sliders=sliders, height=height + 40 + SLIDER_HEIGHT * len(spec.main),
                      margin=dict(b=110 + SLIDER_HEIGHT * len(spec.main)))
    return fig


def values_table_html(spec: ExplorerSpec) -> str:
    """The static explorer's numbers as a plain HTML table: a keyboard- and screen-reader-friendly twin."""
    rows = []
    for name, value, checked in grid_states(spec):
        summary = spec.summary(checked)
        rows.append((spec.space[name].label, _label(value), summary))
    if not rows:
        return ""
    columns = list(rows[0][2])
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in ["Slider moved", "Value", *columns])
    body = "".join(
        "<tr><th scope='row'>" + html.escape(label) + "</th><td>" + value + "</td>"
        + "".join(f"<td>{html.escape(str(s[c]))}</td>" for c in columns) + "</tr>"
        for label, value, s in rows
    )
    return (
        f"<details class='explorer-values'><summary>Table of the values behind this figure "
        f"({len(rows)} rows)</summary><table><caption>{html.escape(spec.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON (the ``application/vnd.plotly.v1+json`` payload)."""
    return json.loads(pio.to_json(fig, validate=False))
