"""Shared by the grading tests: submissions built from the fixture solution's exercise notebook."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises.generator import make_exercise
from territorial_trap_workbook.exercises.sandbox import find_bwrap, sandbox_problem

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"
RIGHT = {"a1-1": "width_1_1 = 0.25", "a1-2": "end_1_2 = ' Upper'",
         "a1-3": "range_1_3 = (0.5, 0.75)\nempty_1_3 = False", "w1-4": "War destroys value."}
WRONG = {"a1-1": "width_1_1 = 0.3", "a1-2": "end_1_2 = 'lower'",
         "a1-3": "range_1_3 = (0.4, 0.9)\nempty_1_3 = True"}

needs_sandbox = pytest.mark.skipif(
    sandbox_problem(find_bwrap()) is not None and not os.environ.get("WORKBOOK_REQUIRE_SANDBOX"),
    reason=f"no sandbox: {sandbox_problem(find_bwrap())}")


def exercise_notebook() -> nbformat.NotebookNode:
    sol = nbformat.read(str(FIXTURES / "01-fixture.ipynb"), as_version=4)
    return make_exercise(sol, "solutions/01-fixture.ipynb")


def submit(folder: Path, answers: dict[str, str], *, name: str = "01-fixture.ipynb", edit=None) -> Path:
    nb = exercise_notebook()
    for cell in nb.cells:
        if cell.id in answers:
            cell.source = answers[cell.id]
    if edit:
        edit(nb)
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / name))
    return folder / name
