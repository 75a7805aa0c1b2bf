"""Explorers: one declaration, one figure builder, two ways to move the sliders.

``show(spec)`` is the one call a notebook makes: live ipywidgets sliders in Jupyter, plotly-native sliders
over precomputed frames in the static book.
"""
from .spec import ExplorerSpec, Frame
from .show import show

__all__ = ["ExplorerSpec", "Frame", "show"]
