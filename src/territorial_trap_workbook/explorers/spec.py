"""What an explorer is made of: a parameter space, a draw function and the words around the figure."""
from __future__ import annotations

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

    def __post_init__(self) -> None:
        unknown = [m for m in (*self.main, *(self.live_params or ())) if m not in self.space.names]
        if unknown:
            raise ValueError(f"{self.key}: slider parameters {unknown} are not declared in the space")

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
