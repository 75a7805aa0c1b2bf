"""The live explorer: ipywidgets sliders updating one ``go.FigureWidget`` in place."""
from __future__ import annotations

import html
from typing import Mapping

import ipywidgets as widgets
import plotly.graph_objects as go

from ..params import Param, ParameterError
from .spec import ExplorerSpec, slider_label


def _slider(param: Param, value: float) -> widgets.Widget:
    # The whole label, never cut off: the description takes the room it needs and the slider the rest.
    common = dict(
        value=value, min=param.lo, max=param.hi, step=param.step, description=slider_label(param),
        continuous_update=True, style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="52em"),
    )
    if param.integer:
        return widgets.IntSlider(**{**common, "value": int(value)})
    decimals = max(0, -int(f"{param.step:e}".split("e")[1]))
    return widgets.FloatSlider(readout_format=f".{decimals}f", **common)


class LiveExplorer:
    """Sliders for every declared parameter; each move recomputes the model and patches the figure.

    Laid out as in the book: the title, the sliders, the read-out (what the state drawn shows, in words), the
    figure, its numbered caption and the things to try."""

    def __init__(self, spec: ExplorerSpec, values: Mapping[str, float] | None = None, number: str | None = None):
        self.spec = spec
        self.values = spec.space.validate(values or {})
        self._shown = spec.draw(self.values)
        self.figure = go.FigureWidget(spec.figure(self.values))
        self.title = widgets.HTML(value=f"<strong>{html.escape(spec.title)}</strong>")
        self.status = widgets.HTML(value=self._status_html(self._shown))
        self.sliders = {name: _slider(spec.space[name], self.values[name]) for name in spec.sliders}
        for name, slider in self.sliders.items():
            slider.observe(self._on_change, names="value")
        label = f"Figure {html.escape(str(number))}." if number else "Figure."
        self.caption = widgets.HTML(value=f"<b>{label}</b> {html.escape(spec.caption)}")
        parts = [self.title, *self.sliders.values(), self.status, self.figure, self.caption]
        if spec.try_this:
            items = "".join(f"<li>{html.escape(t)}</li>" for t in spec.try_this)
            parts.append(widgets.HTML(value=f"<b>Things to try</b><ul>{items}</ul>"))
        self.widget = widgets.VBox(parts)

    @staticmethod
    def _status_html(frame) -> str:
        return f'<p class="explorer-readout" aria-live="polite">{html.escape(frame.readout)}</p>'

    def _on_change(self, change) -> None:
        candidate = {**self.values, **{n: s.value for n, s in self.sliders.items()}}
        try:
            self.update(candidate)
        except ParameterError as err:  # a joint condition excludes this corner: say so, keep the last figure
            self.status.value = f"<b>Not allowed:</b> {html.escape(str(err))}"

    def update(self, values: Mapping[str, float]) -> None:
        """Recompute and patch the existing figure in place (no new figure per move)."""
        checked = self.spec.space.validate(values)
        frame = self.spec.draw(checked)
        # Only values that changed are sent, through plotly's restyle/relayout path: property-by-property
        # validation, not the model, would otherwise dominate the cost of a move.
        with self.figure.batch_update():
            for index, (new, old) in enumerate(zip(frame.traces, self._shown.traces)):
                before = _flat(old)
                changed = {k: val for k, val in _flat(new).items() if before.get(k) != val}
                if changed:
                    self.figure.plotly_restyle({k: [val] for k, val in changed.items()}, [index])
            before = _flat(self._shown.layout)
            layout = {k: val for k, val in _flat(frame.layout).items() if before.get(k) != val}
            if layout:
                self.figure.plotly_relayout(layout)
        self._shown = frame
        self.values = checked
        self.status.value = self._status_html(frame)


def _flat(tree: Mapping, prefix: str = "") -> dict:
    """``{"marker": {"color": c}}`` → ``{"marker.color": c}``: the dotted paths restyle and relayout take."""
    out = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, path + "."))
        else:
            out[path] = value
    return out
