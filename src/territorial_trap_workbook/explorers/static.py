"""The static explorer: plotly-native sliders over precomputed states, for pages with no kernel.

A page has no kernel, so every state a reader can reach is computed when the book is built. The reachable
states are

* the *pair*: every combination of the explorer's two leading parameters (``spec.pair``), on a grid of at most
  ``PAIR_STEPS`` values each, every other parameter at its default;
* each other slider on its own: its grid of at most ``SINGLE_STEPS`` values, every other parameter at its default.

Each state is one plotly frame named by the slider positions (``"3,10,0"``), carrying its read-out sentence as
``layout.meta.readout``. The sliders do not animate by themselves (``method: "skip"``); a small script
(``book/assets/explorer.js``) listens to every slider move and shows the frame of the positions the sliders now
show. When that combination was not precomputed, the script first moves the other sliders back to their
defaults, so what the sliders show is always the state drawn.

The layout stacks the sliders under the plot at a laptop's width; ``layout.meta.workbook.geometry`` gives the page
script what it needs to fit the figure to a narrower screen (wrapping long labels and titles, growing the height).
"""
from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

from ..params import ParameterError
from .spec import ExplorerSpec, slider_label

PAIR_STEPS = 11
SINGLE_STEPS = 21
#: Vertical room (px) of one slider with a one-line label, and of the x axis (tick labels and a one-line title)
#: between the plot and the first slider.
SLIDER_HEIGHT = 75
AXIS_BLOCK = 75
#: Room above the plot before the legend claims its own (plotly grows the top margin to fit the legend).
TOP_MARGIN = 10


@dataclass(frozen=True)
class StaticPlan:
    """What the static explorer precomputes: one grid per slider and the reachable position vectors."""

    sliders: tuple[str, ...]
    grids: dict[str, tuple[float, ...]]
    defaults: tuple[int, ...]
    pair: tuple[int, int] | None
    states: dict[tuple[int, ...], dict[str, float]]  # position vector -> validated parameter set

    def values(self, position: tuple[int, ...]) -> dict[str, float]:
        return {name: self.grids[name][i] for name, i in zip(self.sliders, position)}


def state_name(position: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in position)


def plan(spec: ExplorerSpec) -> StaticPlan:
    sliders = tuple(spec.main)
    pair_names = tuple(spec.pair) if len(sliders) >= 2 else ()
    grids = {
        name: tuple(float(v) for v in spec.space[name].grid(PAIR_STEPS if name in pair_names else SINGLE_STEPS))
        for name in sliders
    }
    defaults = tuple(_index_of(grids[n], spec.space[n].default) for n in sliders)
    base = spec.space.defaults()

    candidates: list[tuple[int, ...]] = []
    pair = None
    if pair_names:
        pair = (sliders.index(pair_names[0]), sliders.index(pair_names[1]))
        a, b = pair
        for i, j in itertools.product(range(len(grids[sliders[a]])), range(len(grids[sliders[b]]))):
            position = list(defaults)
            position[a], position[b] = i, j
            candidates.append(tuple(position))
    for k, name in enumerate(sliders):
        for i in range(len(grids[name])):
            position = list(defaults)
            position[k] = i
            candidates.append(tuple(position))

    states: dict[tuple[int, ...], dict[str, float]] = {}
    for position in candidates:
        if position in states:
            continue
        values = {name: grids[name][i] for name, i in zip(sliders, position)}
        try:
            states[position] = spec.space.validate({**base, **values})
        except ParameterError:
            continue  # a joint condition excludes this combination: it is simply not reachable
    if defaults not in states:
        raise ValueError(f"{spec.key}: the default parameters are not a valid state")
    return StaticPlan(sliders, grids, defaults, pair, states)


def _index_of(grid: tuple[float, ...], value: float) -> int:
    for i, v in enumerate(grid):
        if abs(v - value) < 1e-9:
            return i
    raise ValueError(f"default {value} is not on its slider grid {grid}")


def _label(value: float) -> str:
    return f"{value:g}"


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    """``{"title.text": t}`` → ``{"title": {"text": t}}``: the layout form plotly.js frames take."""
    out: dict[str, Any] = {}
    for path, value in flat.items():
        node = out
        *parents, leaf = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return out


def _strip_constants(frames: list[dict[str, Any]], base: list[dict[str, Any]]) -> None:
    """Drop from every frame the trace properties that are the same in every state.

    plotly.js merges a frame's traces into the figure's, so a property that never changes (an x grid, a
    colour, a name) need only be in the figure itself. Trace property sets must agree between states, or a
    property left out of one frame would keep another state's value.
    """
    for index, trace in enumerate(base):
        keys = set(trace)
        for frame in frames:
            if set(frame["data"][index]) != keys:
                raise ValueError(f"trace {index} has different properties in different states; "
                                 "a figure builder must return the same properties in every state")
        constant = [k for k in keys if k != "type" and all(f["data"][index][k] == trace[k] for f in frames)]
        for frame in frames:
            for key in constant:
                del frame["data"][index][key]


def static_figure_json(spec: ExplorerSpec) -> dict[str, Any]:
    """The figure as plain JSON for plotly.js: data and layout of the default state, every reachable state as
    a frame, one slider per main parameter, and ``layout.meta.workbook`` telling the page script the slider
    grid (which frames exist, the default positions, the pair)."""
    from .spec import figure_dict

    the_plan = plan(spec)
    figure = figure_dict(spec, the_plan.states[the_plan.defaults])
    frames = []
    for position, values in the_plan.states.items():
        frame = spec.draw(values)
        frames.append({"name": state_name(position), "data": json.loads(json.dumps(frame.traces)),
                       "layout": {**_nested(frame.layout), "meta": {"readout": frame.readout}}})
    _strip_constants(frames, figure["data"])

    sliders = []
    for row, name in enumerate(the_plan.sliders):
        steps = [{"method": "skip", "label": _label(v), "value": repr(v), "args": []}
                 for v in the_plan.grids[name]]
        sliders.append(dict(
            active=the_plan.defaults[row], steps=steps, x=0.0, len=1.0, y=0, yanchor="top",
            pad=dict(t=AXIS_BLOCK + row * SLIDER_HEIGHT, b=10),
            currentvalue=dict(prefix=f"{slider_label(spec.space[name])}: ", font=dict(size=13)),
            name=name,
        ))
    layout = figure["layout"]
    # ``height`` in a figure builder's layout is the figure without sliders as it was designed with a title
    # band on top; the plot keeps that room, minus the band, and the legend adds its own above it.
    plot_height = (layout.get("height") or 460) - 200 + 40
    bottom = AXIS_BLOCK + SLIDER_HEIGHT * len(the_plan.sliders) + 35
    layout.pop("title", None)
    margin = layout.setdefault("margin", {})
    margin.update(t=TOP_MARGIN, b=bottom)
    layout.update(sliders=sliders, height=TOP_MARGIN + plot_height + bottom)
    layout.setdefault("meta", {})["workbook"] = {
        "explorer": spec.key,
        "defaults": list(the_plan.defaults),
        "pair": list(the_plan.pair) if the_plan.pair else None,
        "geometry": {"plot": plot_height, "axis": AXIS_BLOCK, "slider": SLIDER_HEIGHT, "top": TOP_MARGIN,
                     "labels": [slider_label(spec.space[n]) for n in the_plan.sliders],
                     **_axis_titles(layout)},
    }
    figure["frames"] = frames
    return figure


def _axis_titles(layout: dict[str, Any]) -> dict[str, Any]:
    """Each axis title (the page script wraps them to the axis length) and which x axes have theirs in the
    bottom margin, above the first slider (those anchored to a y axis that starts at the bottom)."""
    titles = {name: axis["title"]["text"] for name, axis in layout.items()
              if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict)
              and ((axis.get("title") or {}).get("text") or "").strip()}

    def starts_at_bottom(x_name: str) -> bool:
        anchor = layout[x_name].get("anchor", "y")
        y_axis = layout.get("yaxis" + anchor[1:], {}) if anchor.startswith("y") else {}
        return (y_axis.get("domain") or [0, 1])[0] == 0

    return {"axisTitles": titles, "bottomAxes": [n for n in titles if n.startswith("x") and starts_at_bottom(n)]}


def values_table_html(spec: ExplorerSpec, caption: str | None = None) -> str:
    """Every state the static sliders reach, as a plain HTML table: a keyboard- and screen-reader-friendly
    twin of the figure."""
    the_plan = plan(spec)
    labels = [spec.space[n].label for n in the_plan.sliders]
    rows = []
    for position, values in sorted(the_plan.states.items()):
        summary = spec.summary(values)
        rows.append(([_label(v) for v in the_plan.values(position).values()], summary))
    columns = list(rows[0][1])
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in [*labels, *columns])
    body = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in slider_values)
        + "".join(f"<td>{html.escape(str(s[c]))}</td>" for c in columns) + "</tr>"
        for slider_values, s in rows
    )
    return (
        f"<details class='explorer-values'><summary>Table of the values behind this figure "
        f"({len(rows)} states)</summary><div class='explorer-values-scroll'><table>"
        f"<caption>{html.escape(caption or spec.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
    )
