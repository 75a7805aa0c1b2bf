"""Evidence tables in the book: the HTML for an ``application/vnd.territorial-trap.evidence+json`` reference
(see ``explorers.evidence``), rendered from the installed package's data when the book is built. The book's one
MIME plugin (``plotly_mime.PlotlyMimeRenderer``) hands these references here."""
from __future__ import annotations

import html
import json
from typing import Any

from ..explorers.evidence import EVIDENCE_MIME, is_table_chapter, table_chapters  # one definition of each


def evidence_html(ref: Any, renderer: Any) -> str:
    from ..data import evidence_table_html

    if isinstance(ref, (str, bytes)):
        ref = json.loads(ref)
    chapter = ref.get("chapter") if isinstance(ref, dict) else None
    if not is_table_chapter(chapter):
        # a warning, so `-W` builds fail on it
        renderer.logger.warning(f"a notebook output names the evidence table of chapter {chapter!r}; the installed "
                                f"package has tables for chapters {table_chapters()}",
                                subtype="evidence_unknown")
        return f"<p>(Missing evidence table: no chapter {html.escape(str(chapter))}.)</p>"
    return evidence_table_html(chapter)
