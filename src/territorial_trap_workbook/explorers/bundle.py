"""The one notebook call: a live explorer where a kernel runs, a reference to the static explorer everywhere else.

One output bundle carries both:

* the live widget view (Jupyter and Voila render it: every parameter has a slider);
* ``application/vnd.territorial-trap.explorer+json``: only the explorer's key and figure number. The book's
  MIME renderer (``book.plotly_mime``) builds the static figure, its caption and its table of values from the
  installed package when the book is built, so the committed notebook stores a few bytes per figure instead of
  every precomputed state (and nothing that depends on the plotly version);
* ``text/plain``: what a reader of the bare notebook file or a terminal sees.
"""
from __future__ import annotations

from IPython.display import display

from .live import LiveExplorer
from .spec import ExplorerSpec

EXPLORER_MIME = "application/vnd.territorial-trap.explorer+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def reference(spec: ExplorerSpec, number: str | None = None) -> dict:
    ref = {"explorer": spec.key}
    if number is not None:
        ref["number"] = str(number)
    return ref


def explorer_bundle(spec: ExplorerSpec, number: str | None = None,
                    live: bool = True) -> tuple[dict, LiveExplorer | None]:
    label = f"Figure {number}. " if number else "Figure: "
    bundle = {
        EXPLORER_MIME: reference(spec, number),
        "text/plain": f"{label}{spec.caption} (an interactive explorer: run this notebook in Jupyter, or "
                      f"read the book, to move its sliders)",
    }
    explorer = None
    if live:
        explorer = LiveExplorer(spec, number=number)
        view = explorer.widget._repr_mimebundle_()
        if view and WIDGET_MIME in view:
            bundle[WIDGET_MIME] = view[WIDGET_MIME]
    return bundle, explorer


def show(spec: ExplorerSpec, number: str | None = None, live: bool = True) -> None:
    """Display the explorer (returns nothing, so no repr is printed). ``number`` is the figure's number in its
    chapter ("7.1"), which the text refers to."""
    bundle, _ = explorer_bundle(spec, number=number, live=live)
    display(bundle, raw=True)
