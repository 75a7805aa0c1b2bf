"""What an explorer is made of: a parameter space, a draw function and the words around the figure."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import plotly.graph_objects as go

from ..params import Param, ParamSpace


@dataclass(frozen=True)
class Frame:
    """One state of a figure: the full list of traces (same count and order for every state), the layout keys
    that change with the parameters (annotations, shapes) and the read-out: one or two plain sentences saying
    what this state shows, in words a student understands ("Russia's floor is 0.50 and Ukraine's limit 0.75:
    the deal gives Russia 0.63."). Static frames carry it as ``layout.meta.readout``."""

    traces: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)
    readout: str = ""


#: Source syntax that must not reach a reader through the words of an explorer (they are shown as plain text in
#: the book, the live explorer and the classroom dashboard, always escaped): maths delimiters, MyST roles, HTML.
_NOT_PLAIN = re.compile(r"[$`{}\\]|<[a-z/]")


def slider_label(param: Param) -> str:
    """How a slider names its parameter: "Label (unit)", or "Label, unit" when the unit has brackets of its own
    (never nested brackets)."""
    if not param.unit:
        return param.label
    if "(" in param.unit or "(" in param.label:
        return f"{param.label}, {param.unit}"
    return f"{param.label} ({param.unit})"


def plain_text_problem(text: str) -> str | None:
    """Why ``text`` is not plain text a reader can see as it is (``None`` when it is)."""
    match = _NOT_PLAIN.search(text)
    return None if match is None else f"contains {match.group(0)!r}"


@dataclass(frozen=True)
class ExplorerSpec:
    """Binds a model's declaration to its figure.

    ``draw`` maps validated parameters to a :class:`Frame`. ``summary`` maps validated parameters to the few
    numbers a reader should see change (they fill the accessible table of the static explorer).
    ``main`` names the parameters that get a static slider (the live explorer has a slider for all).
    ``title`` says in words what the figure shows (it does not change with the sliders: the read-out of each
    :class:`Frame` does); ``try_this`` lists things a reader can try with the sliders, shown under the figure in
    the book and in the classroom dashboard. Both are plain text (Unicode symbols, no maths markup).
    """

    key: str
    space: ParamSpace
    draw: Callable[[Mapping[str, float]], Frame]
    layout: dict[str, Any]
    main: tuple[str, ...]
    caption: str
    alt_text: str
    summary: Callable[[Mapping[str, float]], dict[str, Any]]
    title: str = ""
    try_this: tuple[str, ...] = ()
    live_params: tuple[str, ...] | None = None
    #: The two static sliders a reader can combine in the book (default: the first two of ``main``).
    pair: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        unknown = [m for m in (*self.main, *(self.live_params or ())) if m not in self.space.names]
        if unknown:
            raise ValueError(f"{self.key}: slider parameters {unknown} are not declared in the space")
        if not self.title.strip():
            raise ValueError(f"{self.key}: an explorer needs a title saying in words what its figure shows")
        for text in (self.title, self.caption, *self.try_this):
            problem = plain_text_problem(text)
            if problem:
                raise ValueError(f"{self.key}: {text[:60]!r} {problem}; titles, captions and things to try are "
                                 "shown as plain text")
        if self.pair is None and len(self.main) >= 2:
            object.__setattr__(self, "pair", tuple(self.main[:2]))
        if self.pair is not None and (len(self.pair) != 2 or not set(self.pair) <= set(self.main)
                                      or self.pair[0] == self.pair[1]):
            raise ValueError(f"{self.key}: pair {self.pair} must be two different parameters of main {self.main}")

    @property
    def sliders(self) -> tuple[str, ...]:
        return self.live_params or tuple(self.space.names)

    def frame(self, values: Mapping[str, Any] | None = None) -> Frame:
        return self.draw(self.space.validate(values or {}))

    def figure(self, values: Mapping[str, Any] | None = None) -> go.Figure:
        """The full figure for one parameter set (the figure builder both explorers share). The title and the
        read-out are not drawn inside the plot, where they cannot wrap on a narrow screen: the book and the
        live explorer show them above it (``layout.meta`` carries them for any other use)."""
        frame = self.frame(values)
        fig = go.Figure(data=frame.traces, layout=self.layout)
        fig.update_layout(frame.layout)
        fig.update_layout(meta={"alt": self.alt_text, "title": self.title, "readout": frame.readout})
        return fig


def figure_dict(spec: ExplorerSpec, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The figure as plain JSON: the layout through plotly (template, axes), the traces exactly as ``draw``
    returned them (plain lists, so frames built from ``draw`` compare equal to the figure's own traces)."""
    import plotly.io as pio

    fig = spec.figure(values)
    out = json.loads(pio.to_json(fig, validate=False))
    out["data"] = json.loads(json.dumps(spec.frame(values).traces))
    return out
