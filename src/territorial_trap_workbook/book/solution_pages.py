"""The instructor edition's solution pages: solution notebooks without nbgrader's marker lines.

nbgrader needs ``### BEGIN SOLUTION`` / ``### END SOLUTION`` (and the hidden-test pair) in the source notebooks,
and the downloadable copies keep them. On a web page they are noise: in a markdown cell ``### …`` is a heading,
so every written answer added two headings to the page and its contents list. The staged copy that Sphinx
renders drops the marker lines; in markdown the start of a model answer gets a visible label instead, so a
reader still sees where the question ends and the answer begins.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from ..exercises.generator import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION

MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)
MODEL_ANSWER_LABEL = "**Model answer.**"


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def page_source(source: str, cell_type: str) -> str:
    """A cell's source with every marker line removed (a markdown answer's start labelled)."""
    out = []
    for line in source.split("\n"):
        marker = line.strip()
        if marker not in MARKERS:
            out.append(line)
        elif cell_type == "markdown" and marker == BEGIN_SOLUTION:
            out.extend([MODEL_ANSWER_LABEL, ""])
    while out and not out[0].strip():  # a code cell that began with a marker would start with a blank line
        out.pop(0)
    return "\n".join(out)


def write_solution_page(solution: Path, target: Path) -> None:
    """Write the page copy of one solution notebook (outputs and metadata kept)."""
    nb = nbformat.read(str(solution), as_version=4)
    for cell in nb.cells:
        if cell.cell_type in ("code", "markdown"):
            cell.source = page_source(_source(cell), cell.cell_type)
    nbformat.write(nb, str(target))
