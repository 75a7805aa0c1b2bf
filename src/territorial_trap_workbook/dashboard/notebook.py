"""The dashboard notebook of one or more chapters: which explorers a chapter shows, and the cells that show them.

A chapter's explorers, and their figure numbers, are read from its executed page in ``book/`` (the outputs a
``show(spec, number=...)`` cell stores), so the dashboard shows exactly the figures the book does, in its order.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

from ..chapters import CHAPTERS, Chapter
from ..explorers.bundle import EXPLORER_MIME


class DashboardError(ValueError):
    """A chapter that does not exist, or a chapter page with no explorer to show."""


def chapter_named(name: str) -> Chapter:
    """The chapter called ``name``: its stem (``07-precedent``), its number (``7``, ``07``) or its slug."""
    text = str(name).strip()
    for chapter in CHAPTERS:
        if text in (chapter.stem, chapter.slug, str(chapter.number), f"{chapter.number:02d}"):
            return chapter
    raise DashboardError(f"no chapter named {text!r}; allowed: all, or one of "
                         f"{', '.join(c.stem for c in CHAPTERS)} (or its number)")


def chapters_named(names: list[str]) -> list[Chapter]:
    if not names:
        raise DashboardError("name a chapter (e.g. 07-precedent or 7), several, or all")
    if "all" in names:
        return list(CHAPTERS)
    chosen = [chapter_named(n) for n in names]
    return [c for i, c in enumerate(chosen) if c not in chosen[:i]]  # each chapter once, in the order asked


def explorers_of(chapter: Chapter, book: Path) -> list[tuple[str, str | None]]:
    """``(explorer key, figure number)`` of every explorer the chapter's page shows, in order."""
    page = book / f"{chapter.stem}.ipynb"
    if not page.is_file():
        raise DashboardError(f"{page} does not exist")
    found = []
    for cell in nbformat.read(page, as_version=4).cells:
        for output in cell.get("outputs", []):
            ref = output.get("data", {}).get(EXPLORER_MIME)
            if isinstance(ref, str):
                ref = json.loads(ref)
            if isinstance(ref, dict) and ref.get("explorer"):
                found.append((ref["explorer"], ref.get("number")))
    if not found:
        raise DashboardError(f"{page.name} stores no explorer output: run `workbook execute {page}` first")
    return found


def dashboard_notebook(chapters: list[Chapter], book: Path) -> nbformat.NotebookNode:
    """A notebook with a heading per chapter and one code cell per explorer (Voila strips the code)."""
    from ..explorers.registry import all_explorers

    known = all_explorers()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells.append(nbformat.v4.new_code_cell("from territorial_trap_workbook.dashboard import present"))
    for chapter in chapters:
        nb.cells.append(nbformat.v4.new_markdown_cell(f"# Chapter {chapter.number}. {chapter.title}"))
        for key, number in explorers_of(chapter, book):
            if key not in known:
                raise DashboardError(f"{chapter.stem} shows the explorer {key!r}, which the installed package "
                                     f"does not define")
            nb.cells.append(nbformat.v4.new_code_cell(f"present({key!r}, {number!r})"))
    return nb


def write_dashboard(chapters: list[Chapter], book: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = chapters[0].stem if len(chapters) == 1 else (
        "all-chapters" if len(chapters) == len(CHAPTERS) else "-".join(f"{c.number:02d}" for c in chapters))
    path = folder / f"{name}.ipynb"
    nbformat.write(dashboard_notebook(chapters, book), path)
    return path
