"""A "read the figure" exercise must be doable in Jupyter: the book's static figure offers only a grid of slider
states, so every exercise that is of kind `read-figure` or asks the student to set a figure's sliders comes with a
given (read-only, non-answer) code cell right after its question that draws the chapter's live explorer, and the
question tells the student to use it. Checked in the solutions and in the generated exercise notebooks."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.explorers.registry import all_explorers

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
SLIDERS = re.compile(r"\bsliders?\b|\bexplorer\b|\bhover\b", re.IGNORECASE)
SHOW = re.compile(r"^show\((?P<name>[A-Za-z_][A-Za-z_0-9]*(?:\[\d+\])?), number=\"(?P<num>\d+\.\d+)\"\)$", re.M)


def _needs_explorer(meta: dict, text: str) -> bool:
    return meta.get("kind") == "read-figure" or bool(SLIDERS.search(text))


def _exercises(nb):
    """(exercise id, question cell, the cells up to the next exercise's question)."""
    starts = [i for i, c in enumerate(nb.cells)
              if isinstance(c.metadata.get("workbook"), dict) and "exercise" in c.metadata["workbook"]]
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(nb.cells)
        yield nb.cells[i].metadata["workbook"]["exercise"], nb.cells[i], nb.cells[i + 1:end]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_read_figure_exercises_give_a_live_explorer_cell(path):
    nb = nbformat.read(path, as_version=4)
    for ex, question, rest in _exercises(nb):
        if not _needs_explorer(question.metadata["workbook"], question.source):
            continue
        first = rest[0] if rest else None
        assert first is not None and first.cell_type == "code", \
            f"{ex}: the cell after the question must be the given live-explorer code cell"
        src = first.source
        assert "### BEGIN SOLUTION" not in src and "answer_" not in src, f"{ex}: the explorer cell is not an answer"
        nbg = first.metadata.get("nbgrader", {})
        assert nbg.get("locked") is True and not nbg.get("solution") and not nbg.get("grade"), \
            f"{ex}: the explorer cell must be read-only (nbgrader role 'readonly')"
        assert "from territorial_trap_workbook.explorers import show" in src, f"{ex}: import show"
        m = SHOW.search(src)
        assert m, f"{ex}: the explorer cell must call show(<EXPLORER>, number=\"N.M\")"
        assert re.search(rf"^from territorial_trap_workbook\.figures\.\w+ import .*\b{re.escape(m['name'].split('[')[0])}\b",
                         src, re.M), f"{ex}: the explorer cell must import {m['name']} from the chapter's figures"
        assert m["num"].split(".")[0] == ex.split(".")[0], f"{ex}: the explorer must be one of this chapter's figures"
        assert f"Figure {m['num']}" in question.source, f"{ex}: the question must name Figure {m['num']}"
        assert "In Jupyter" in question.source and "live" in question.source, \
            f"{ex}: the question must tell the student to use the live explorer cell"


def test_the_explorer_cells_draw_registered_explorers():
    """Every given explorer cell runs: its import resolves to a registered explorer (no kernel needed)."""
    keys = set(all_explorers())
    found = 0
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "live-explorer" in cell.metadata.get("tags", []):
                shown: list = []
                ns: dict = {}
                exec(cell.source.replace("from territorial_trap_workbook.explorers import show\n", ""),  # noqa: S102
                     {**ns, "show": lambda spec, number=None: shown.append(spec)})
                assert len(shown) == 1 and shown[0].key in keys, f"{path.name}: {cell.source}"
                found += 1
    assert found > 0
