"""nbgrader support: keep rubrics (and any solution-only cell) out of nbgrader's student version.

nbgrader knows nothing of the ``rubric`` tag, so its ``generate_assignment`` would release those cells to
students as they are. ``ClearRubric`` is an nbconvert preprocessor that drops every cell ``workbook
exercises`` drops (``authoring.is_solution_only``), and refuses what the exercise generator refuses (a
near-miss marker, a tag ``Rubric``, an attachment in a solution cell: ``markers.cell_problem``), since
nbgrader would release those too. ``configure(c)`` puts it first in nbgrader's pipeline, before nbgrader
records the source cells; ``deploy/nbgrader/nbgrader_config.py`` is a course configuration that does so.
"""
from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from .authoring import is_solution_only
from .markers import cell_problem

QUALNAME = f"{__name__}.ClearRubric"


class RubricCellError(ValueError):
    """A solution notebook cannot be released through nbgrader without leaking (the message names the cell)."""


class ClearRubric(Preprocessor):
    """Remove solution-only cells (tag ``rubric`` or ``solution-only``, ``workbook.solution_only: true``)."""

    enabled = Bool(True, help="on unless a configuration turns it off (nbconvert's default is off)").tag(config=True)

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        where = (resources.get("metadata") or {}).get("name") or "notebook"
        kept = []
        for i, cell in enumerate(nb.cells):
            problem = cell_problem(cell)
            if problem:
                raise RubricCellError(f"{where}: cell {i} (id {cell.get('id', '?')}): {problem}")
            if not is_solution_only(cell):
                kept.append(cell)
                continue
            flags = (cell.get("metadata", {}).get("nbgrader") or {})
            if any(flags.get(k) for k in ("grade", "solution", "task")):
                raise RubricCellError(
                    f"{where}: cell {i} (id {cell.get('id', '?')}) is solution-only but nbgrader grades it; "
                    "a rubric cell carries no nbgrader grade, solution or task flag")
        nb.cells = kept
        return nb, resources


def configure(c: Any) -> None:
    """Add ``ClearRubric`` at the front of nbgrader's ``generate_assignment`` pipeline in config ``c``."""
    from nbgrader.converters import GenerateAssignment

    current = c.GenerateAssignment.get("preprocessors") or GenerateAssignment.class_traits()["preprocessors"].default()
    c.GenerateAssignment.preprocessors = [QUALNAME, *[p for p in current if p not in (QUALNAME, ClearRubric)]]
