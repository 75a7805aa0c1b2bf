"""What an explorer is made of: a parameter space, a draw function and the words around the figure."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import plotly.graph_objects as go

from ..params import ParamSpace


@dataclass(frozen=True)
class Frame:
    """One state of a figure: the full list of traces (same count and order for every state) and the
    layout keys that change with the parameters (title, annotations, shapes)."""

    traces: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExplorerSpec:
    """Binds a model's declaration to its figure.

    ``draw`` maps validated parameters to a :class:`Frame`. ``summary`` maps validated parameters to the few
    numbers a reader should see change (they fill the accessible table of the static explorer).
    ``main`` names the parameters that get a static slider (the live explorer has a slider for all).
    """

    key: str
    space: ParamSpace
    draw: Callable[[Mapping[str, float]], Frame]
    layout: dict[str, Any]
    main: tuple[str, ...]
    caption: str
    alt_text: str
    summary: Callable[[Mapping[str, float]], dict[str, Any]]
    live_params: tuple[str, ...] | None = None
    #: The two static sliders a reader can combine in the book (default: the first two of ``main``).
    pair: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        unknown = [m for m in (*self.main, *(self.live_params or ())) if m not in self.space.names]
        if unknown:
            raise ValueError(f"{self.key}: slider parameters {unknown} are not declared in the space")
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
        """The full figure for one parameter set (the figure builder both explorers share)."""
        frame = self.frame(values)
        fig = go.Figure(data=frame.traces, layout=self.layout)
        fig.update_layout(frame.layout)
        fig.update_layout(meta={"alt": self.alt_text})
        return fig


def figure_dict(spec: ExplorerSpec, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The figure as plain JSON: the layout through plotly (template, axes), the traces exactly as ``draw``
    returned them (plain lists, so frames built from ``draw`` compare equal to the figure's own traces)."""
    import plotly.io as pio

    fig = spec.figure(values)
    out = json.loads(pio.to_json(fig, validate=False))
    out["data"] = json.loads(json.dumps(spec.frame(values).traces))
    return out
