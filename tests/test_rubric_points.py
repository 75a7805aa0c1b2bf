"""A written answer's nbgrader points equal its rubric's heading total (review r6 of chapter 1, defect 6).

A marker follows the rubric; nbgrader and ``workbook check`` cap the cell at its ``points``. If the two disagree,
a marker can award marks the gradebook drops, and self-study totals differ from the gradebook's."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.exercises.rubrics import parse_rubric

SOLUTIONS = sorted((PROJECT_ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))


def _written_and_rubrics(path: Path):
    """(exercise, nbgrader points of the written cell, rubric text) for each written answer of a solution notebook."""
    nb = nbformat.read(path, as_version=4)
    exercise = None
    pending = None  # (exercise, points) of a written cell waiting for its rubric
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        if "exercise" in meta.get("workbook", {}):
            exercise = meta["workbook"]["exercise"]
        grader = meta.get("nbgrader", {})
        if cell.cell_type == "markdown" and grader.get("solution") and grader.get("grade"):
            pending = (exercise, grader.get("points"))
        elif cell.cell_type == "markdown" and "rubric" in meta.get("tags", []) and pending is not None:
            yield pending[0], pending[1], cell.source
            pending = None


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_written_points_equal_rubric_total(path):
    pairs = list(_written_and_rubrics(path))
    assert pairs, f"{path.name}: no written answer with a rubric found"
    wrong = [(ex, pts, parse_rubric(text, ex).total) for ex, pts, text in pairs
             if parse_rubric(text, ex).total != pts]
    assert not wrong, f"{path.name}: written answers whose nbgrader points differ from the rubric (exercise, points, rubric): {wrong}"
