"""The evidence table as a reader sees it: finished HTML for a chapter's notebook output.

``DataFrame.to_html`` printed every address as text (a long URL in its own column, clipped on a phone) and
internal source ids in the notes. Here each source is a link named by its publisher and title, a source id in
a note becomes a link named by its publisher, the unit joins the value, and the table sits in a box that
scrolls sideways, so a phone shows the page at its own width. The box is focusable and labelled (a keyboard
user can scroll it). The book's stylesheet (``book/assets/workbook-pages.css``) sets column widths, keeps
the first column in view while scrolling and shows the cue on narrow screens; without that stylesheet
(JupyterLab, Voila) the table still scrolls and the cue stays hidden.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from .loader import sources, table_for_chapter

COLUMNS = ("Item", "Value", "Refers to", "Source", "Kind", "Note")
CUE = "Scroll the table sideways to see every column."
UNIT_SIGNS = {"km2": "km²"}


def _link(url: str, text: str) -> str:
    if not url:
        return html.escape(text)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _value(value: str, unit: str) -> str:
    if not value:
        return ""
    unit = UNIT_SIGNS.get(unit, unit)
    return html.escape(f"{value} {unit}" if unit else value)


def _source(rec: dict) -> str:
    """The original publisher's document (a link when its address is known) and, on a line of its own, the copy
    actually read when that was not the original."""
    cell = _link(rec["Address"], rec["Source"])
    if rec.get("Copy read"):
        cell += "<br>Copy read: " + _link(rec.get("Copy address", ""), rec["Copy read"])
    return cell


def _note(note: str, by_id: dict[str, tuple[str, str]], ids: re.Pattern | None) -> str:
    text = html.escape(note)
    if ids is None:
        return text
    return ids.sub(lambda m: _link(*by_id[m.group(0)]), text)


def _rows(frame: pd.DataFrame, folder: str | Path | None) -> list[str]:
    src = sources(folder)
    by_id = {r.source_id: (r.url, r.publisher) for r in src.itertuples()}
    # Longest ids first, so an id that is the prefix of another never takes its place.
    names = sorted(by_id, key=len, reverse=True)
    ids = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    rows = []
    for rec in frame.to_dict("records"):
        cells = [
            html.escape(rec["Item"]),
            _value(rec["Value"], rec["Unit"]),
            html.escape(rec["Refers to"]),
            _source(rec),
            html.escape(rec["Kind"]),
            _note(rec["Note"], by_id, ids),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return rows


def evidence_table_html(table: int | pd.DataFrame, folder: str | Path | None = None,
                        label: str = "Evidence table") -> str:
    """Finished HTML of an evidence table: a chapter number (its :func:`table_for_chapter`) or a frame from
    :func:`~territorial_trap_workbook.data.evidence` / :func:`table_for_chapter`."""
    if isinstance(table, pd.DataFrame):
        frame = table
    elif isinstance(table, int) and not isinstance(table, bool):
        frame = table_for_chapter(table, folder)
    else:
        raise TypeError(f"evidence_table_html takes a chapter number or an evidence frame, not {type(table).__name__}")
    missing = [c for c in ("Item", "Value", "Unit", "Refers to", "Source", "Address", "Kind", "Note")
               if c not in frame.columns]
    if missing:
        raise ValueError(f"not an evidence frame: columns {missing} are missing (use evidence() or table_for_chapter())")
    head = "".join(f'<th scope="col">{c}</th>' for c in COLUMNS)
    body = "\n".join(_rows(frame.fillna(""), folder))
    return (
        '<div class="workbook-evidence">\n'
        f'<p class="workbook-evidence-cue" style="display:none">{CUE}</p>\n'
        f'<div class="workbook-evidence-scroll" role="region" aria-label="{html.escape(label, quote=True)}" '
        'tabindex="0" style="overflow-x:auto;max-width:100%">\n'
        f'<table class="workbook-evidence-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n'
        "</table>\n</div>\n</div>"
    )
