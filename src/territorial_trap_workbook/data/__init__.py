"""Sourced evidence tables for the workbook (CSV files shipped with the package) and their validating loader.

    from territorial_trap_workbook.data import load, sources, evidence, table_for_chapter, evidence_table_html
    load("control")            # validated DataFrame
    table_for_chapter(1)       # reader-facing table with source and date columns
    evidence_table_html(1)     # the same table as finished HTML: sources as named links, fits a phone

Every figure is data read in a cited public source (see ``sources.csv``); illustrative parameters live in
the models. See :mod:`territorial_trap_workbook.data.loader` for the file layouts and checks.
"""

from .display import evidence_table_html
from .loader import (
    CHAPTER_EVIDENCE,
    EVIDENCE_COLUMNS,
    TABLES,
    DataError,
    evidence,
    load,
    sources,
    table_for_chapter,
    us_share_of_allocations,
)

__all__ = [
    "CHAPTER_EVIDENCE",
    "EVIDENCE_COLUMNS",
    "TABLES",
    "DataError",
    "evidence",
    "evidence_table_html",
    "load",
    "sources",
    "table_for_chapter",
    "us_share_of_allocations",
]
