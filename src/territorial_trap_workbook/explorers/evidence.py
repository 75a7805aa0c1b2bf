"""A chapter's evidence table in a notebook: a reference the book renders when it is built, a live table in Jupyter.

``show_evidence(3)`` displays one output bundle, as ``show`` does for a figure:

* ``application/vnd.territorial-trap.evidence+json``: only the chapter number. The book's MIME plugin
  (``book.evidence_mime``) renders ``data.evidence_table_html(chapter)`` from the installed package when the book
  is built, so a chapter page always shows the current rows, and the committed notebook stores a few bytes
  instead of tens of kilobytes of HTML (chapter 3's 48 rows were 40 kB: the notebook passed the 100 kB limit);
* the live view, an ``ipywidgets.HTML`` holding the same table, which Jupyter shows; ``workbook execute`` drops
  widget views from the stored outputs and nbval does not compare them (their model ids are random);
* ``text/plain``: what a reader of the bare notebook file sees.
"""
from __future__ import annotations

from IPython.display import display

EVIDENCE_MIME = "application/vnd.territorial-trap.evidence+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def table_chapters() -> list[int]:
    from ..data.loader import CHAPTER_EVIDENCE

    return sorted(CHAPTER_EVIDENCE)


def is_table_chapter(chapter: object) -> bool:
    """A chapter number with an evidence table (``True`` and ``3.0`` are not chapter numbers)."""
    return isinstance(chapter, int) and not isinstance(chapter, bool) and chapter in table_chapters()


def evidence_bundle(chapter: int, live: bool = True) -> dict:
    from ..data import evidence_table_html

    if not is_table_chapter(chapter):
        raise ValueError(f"show_evidence takes a chapter number, one of {table_chapters()}; got {chapter!r}")
    table = evidence_table_html(chapter)  # raises on bad rows now, not at the book's build
    bundle = {EVIDENCE_MIME: {"chapter": chapter},
              "text/plain": f"Evidence table for chapter {chapter} (each row with its source and date: read it in "
                            f"the book, or run this notebook in Jupyter)"}
    if live:
        import ipywidgets

        view = ipywidgets.HTML(value=table)._repr_mimebundle_()
        if view and WIDGET_MIME in view:
            bundle[WIDGET_MIME] = view[WIDGET_MIME]
    return bundle


def show_evidence(chapter: int, live: bool = True) -> None:
    """Display chapter ``chapter``'s evidence table (returns nothing, so no repr is printed)."""
    display(evidence_bundle(chapter, live=live), raw=True)
