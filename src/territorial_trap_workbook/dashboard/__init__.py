"""The classroom dashboard: a chapter's explorers, and nothing else, served by Voila for a teacher to project.

``workbook dashboard 07-precedent`` (what ``make voila CHAPTER=07-precedent`` runs) writes a small notebook with one
cell per explorer of the chapter -- each shows its title, live sliders, read-out, figure, numbered caption and
things to try -- and serves it with Voila: sources stripped, no browser opened, a template that loads nothing from
outside the server. ``present`` is what those cells call.
"""
from __future__ import annotations


def present(key: str, number: str | None = None) -> None:
    """Show the explorer ``key`` live, numbered as in the book (a dashboard cell's one line)."""
    from ..explorers.bundle import show
    from ..explorers.registry import all_explorers

    show(all_explorers()[key], number=number)
