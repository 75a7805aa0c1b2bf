"""Conventions for solution notebooks: what each exercise assesses, and nbgrader cell metadata.

Exercise metadata lives on the exercise's *question cell* (usually the markdown cell that asks it)::

    "metadata": {"workbook": {"exercise": "1.2", "kind": "compute",
                              "assesses": "reading the bargaining range off the two reservation points",
                              "minutes": 5, "objectives": [1]}}

``objectives`` lists the numbers of the chapter's learning objectives the exercise assesses (optional while a
chapter is being revised; ``tests/test_objectives_assessed.py`` requires every objective to have an exercise).
``kind`` is one of ``KINDS``. The id is ``<chapter>.<number>`` with an optional letter (``1.2``, ``3.4b``);
its parts (``10.1a``, ``10.1b`` or the id itself) are declared on the answer cells (see ``parts``). ``exercise_metadata(path)`` reads and
validates the entries (the instructor guide and ``workbook check`` read them through it).

Cells marked "solution only" — tag ``rubric`` or ``solution-only``, or metadata
``workbook.solution_only: true`` — carry model answers and marking rubrics; the exercise generator drops them.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

KINDS = ("compute", "read-figure", "predict-check", "question-source", "extend")
SOLUTION_ONLY_TAGS = ("rubric", "solution-only")
EXERCISE_ID = re.compile(r"^\d+\.\d+[a-z]?$")
NBGRADER_ROLES = ("answer", "check", "written", "task", "readonly")
MAX_OBJECTIVE = 9


class ExerciseMetadataError(ValueError):
    """A solution or exercise notebook has a malformed ``workbook`` exercise entry."""


def is_solution_only(cell: Any) -> bool:
    meta = cell.get("metadata", {}) or {}
    tags = meta.get("tags", []) or []
    wb = meta.get("workbook", {}) or {}
    return any(t in SOLUTION_ONLY_TAGS for t in tags) or bool(isinstance(wb, dict) and wb.get("solution_only"))


def exercise_cell_metadata(exercise: str, kind: str, assesses: str, minutes: int,
                           objectives: list[int] | None = None) -> dict[str, Any]:
    """The ``workbook`` metadata for a question cell (validated)."""
    entry: dict[str, Any] = {"exercise": exercise, "kind": kind, "assesses": assesses, "minutes": minutes}
    if objectives is not None:
        entry["objectives"] = list(objectives)
    _validate_entry(entry, "<new cell>", 0)
    return {"workbook": entry}


def _validate_entry(entry: Any, where: str, index: int) -> dict[str, Any]:
    def fail(field: str, problem: str) -> ExerciseMetadataError:
        return ExerciseMetadataError(f"{where}: cell {index}: workbook.{field} {problem}")

    if not isinstance(entry, dict):
        raise ExerciseMetadataError(f"{where}: cell {index}: workbook metadata must be a mapping")
    ex = entry.get("exercise")
    if not isinstance(ex, str) or not EXERCISE_ID.match(ex):
        raise fail("exercise", f"must be an id like '1.2' or '3.4b', not {ex!r}")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)}; got {kind!r} (exercise {ex})")
    assesses = entry.get("assesses")
    if not isinstance(assesses, str) or not assesses.strip():
        raise fail("assesses", f"must say in words what exercise {ex} assesses")
    minutes = entry.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 240:
        raise fail("minutes", f"must be a whole number of minutes between 1 and 240 (exercise {ex}), not {minutes!r}")
    unknown = sorted(set(entry) - {"exercise", "kind", "assesses", "minutes", "objectives", "solution_only"})
    if unknown:
        raise fail(unknown[0], f"is not a known field (exercise {ex}); known: exercise, kind, assesses, minutes, "
                               "objectives")
    out = {"id": ex, "kind": kind, "assesses": assesses.strip(), "minutes": minutes}
    if "objectives" in entry:
        objectives = entry["objectives"]
        if (not isinstance(objectives, list) or not objectives
                or any(isinstance(o, bool) or not isinstance(o, int) or not 1 <= o <= MAX_OBJECTIVE for o in objectives)
                or len(set(objectives)) != len(objectives)):
            raise fail("objectives", f"must be a non-empty list of distinct objective numbers from 1 to "
                                     f"{MAX_OBJECTIVE}, like [1, 3] (exercise {ex}), not {objectives!r}")
        out["objectives"] = sorted(objectives)
    return out


def exercise_metadata(notebook: str | Path | nbformat.NotebookNode) -> list[dict[str, Any]]:
    """The exercises of a notebook, in order: ``[{id, kind, assesses, minutes, cell_id}]`` (and ``objectives``
    where the exercise names them).

    Raises ``ExerciseMetadataError`` naming the notebook, the cell and the field when an entry is malformed
    or an id is used twice.
    """
    if isinstance(notebook, (str, Path)):
        where = str(notebook)
        nb = nbformat.read(str(notebook), as_version=4)
    else:
        where = "<notebook>"
        nb = notebook
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        wb = cell.get("metadata", {}).get("workbook")
        if wb is None or (isinstance(wb, dict) and "exercise" not in wb and set(wb) <= {"solution_only", "parts"}):
            continue
        entry = _validate_entry(wb, where, i)
        if entry["id"] in seen:
            raise ExerciseMetadataError(
                f"{where}: cell {i}: workbook.exercise {entry['id']!r} already used by cell {seen[entry['id']]}")
        seen[entry["id"]] = i
        entry["cell_id"] = cell.get("id")
        out.append(entry)
    return out


def nbgrader_metadata(grade_id: str, role: str, points: float = 0) -> dict[str, Any]:
    """nbgrader (schema 3) cell metadata, to put under ``cell.metadata["nbgrader"]``.

    Roles:

    * ``"answer"`` — a code cell with the student's answer between ``### BEGIN/END SOLUTION`` (not graded
      itself; its check cell is);
    * ``"check"`` — an autograded, locked code cell that calls the feedback check (``points`` > 0);
    * ``"written"`` — a manually graded answer (markdown or code) with a model answer between the markers;
    * ``"task"`` — a manually graded markdown task description;
    * ``"readonly"`` — a locked cell students cannot change.
    """
    if role not in NBGRADER_ROLES:
        raise ValueError(f"role must be one of {NBGRADER_ROLES}, not {role!r}")
    if not isinstance(grade_id, str) or not re.match(r"^[A-Za-z0-9_.-]+$", grade_id):
        raise ValueError(f"grade_id must be letters, digits, '_', '-' or '.', not {grade_id!r}")
    flags = {
        "answer": dict(grade=False, solution=True, locked=False, task=False),
        "check": dict(grade=True, solution=False, locked=True, task=False),
        "written": dict(grade=True, solution=True, locked=False, task=False),
        "task": dict(grade=False, solution=False, locked=True, task=True),
        "readonly": dict(grade=False, solution=False, locked=True, task=False),
    }[role]
    meta: dict[str, Any] = {**flags, "grade_id": grade_id, "schema_version": 3}
    if flags["grade"] or flags["task"]:
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
            raise ValueError(f"a {role!r} cell needs points > 0, not {points!r}")
        meta["points"] = points
    return meta
