"""The one notebook call: a live explorer where a kernel runs, a static explorer everywhere else.

Both travel in one output bundle: Jupyter renders the widget view (live sliders), the book renders the
plotly JSON (plotly-native sliders); neither ever shows a text dump of a widget.
"""
from __future__ import annotations

from IPython.display import HTML, Markdown, display

from .live import LiveExplorer
from .spec import ExplorerSpec
from .static import figure_json, static_figure, values_table_html

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def explorer_bundle(spec: ExplorerSpec, live: bool = True) -> tuple[dict, LiveExplorer | None]:
    bundle = {
        PLOTLY_MIME: figure_json(static_figure(spec)),
        "text/plain": f"Explorer: {spec.caption}",
    }
    explorer = None
    if live:
        explorer = LiveExplorer(spec)
        view = explorer.widget._repr_mimebundle_()
        if view and WIDGET_MIME in view:
            bundle[WIDGET_MIME] = view[WIDGET_MIME]
    return bundle, explorer


def show(spec: ExplorerSpec, live: bool = True) -> None:
    """Display the explorer, its caption and its table of values (returns nothing, so no repr is printed)."""
    bundle, explorer = explorer_bundle(spec, live=live)
    display(bundle, raw=True)
    static_note = ", ".join(spec.space[n].label for n in spec.main)
    display(Markdown(
        f"**Figure — {spec.caption}** {spec.alt_text} "
        f"*In the printed or static book each slider ({static_note}) moves one parameter with every other "
        f"parameter at its default; in Jupyter every parameter has a live slider.*"
    ))
    display(HTML(values_table_html(spec)))
