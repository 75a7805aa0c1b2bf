"""Explorers: one declaration, one figure builder, two ways to move the sliders.

``show(spec)`` is the one call a notebook makes: live ipywidgets sliders in Jupyter, plotly-native sliders
over precomputed states in the static book. ``show`` is imported on first use, so that figure builders, which
import ``explorers.spec``, do not load the Jupyter widget stack. ``show_evidence(chapter)`` does the same for a
chapter's evidence table (``explorers.evidence``).
"""
from .spec import ExplorerSpec, Frame

__all__ = ["ExplorerSpec", "Frame", "show", "show_evidence"]


def __getattr__(name):
    if name == "show":
        from .bundle import show

        return show
    if name == "show_evidence":
        from .evidence import show_evidence

        return show_evidence
    raise AttributeError(name)
