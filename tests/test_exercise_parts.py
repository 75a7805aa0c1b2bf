"""The workbook's own exercise parts: check cells name the part and answer only, each numeric question states its
precision in the words the feedback uses, no hint gives the result away, and the installed key is up to date."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises.answer_key import KEY_FILE, read_key_file
from territorial_trap_workbook.exercises.parts import check_call, is_check_cell, read_parts
from territorial_trap_workbook.exercises.solution_key import stale_notebooks

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
KEY = {spec["part"]: spec for entry in (read_key_file(KEY_FILE) or {}).get("notebooks", {}).values()
       for spec in entry["parts"]}


def _question_cells(nb):
    """Exercise id -> the text of its question cell."""
    return {c.metadata["workbook"]["exercise"]: c.source for c in nb.cells
            if isinstance(c.metadata.get("workbook"), dict) and "exercise" in c.metadata["workbook"]}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_numeric_questions_state_the_precision_the_check_uses(path):
    nb = nbformat.read(path, as_version=4)
    questions = _question_cells(nb)
    for part in read_parts(nb, str(path)).parts:
        if part.precision is not None:
            text = " ".join(questions[part.exercise].split())
            assert part.precision.phrase in text, f"{part.part}: the question must say '{part.precision.phrase}'"
            assert f"`{part.answer}`" in text


def _renderings(value) -> set[str]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value == 0:
        return set()
    return {f"{value:.{n}g}" for n in (2, 3, 4)} | {f"{value:.2f}"}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_no_hint_gives_the_result(path):
    for part in read_parts(nbformat.read(path, as_version=4), str(path)).parts:
        expected = KEY[part.part]["expected"]
        values = expected if isinstance(expected, list) else [expected]
        numbers = set(re.findall(r"\d+(?:\.\d+)?", part.hint))
        for value in values:
            shown = {r.lstrip("-") for r in _renderings(value)} & numbers
            assert not shown, f"{part.part}: the hint shows the result {shown}"


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_students_check_cells_hold_only_the_call(path):
    nb = nbformat.read(path, as_version=4)
    checks = [c for c in nb.cells if is_check_cell(c)]
    assert checks
    for cell in checks:
        part, name = check_call(cell.source)
        assert cell.source == f'check("{part}", {name})'


def test_installed_key_is_up_to_date_with_the_solutions():
    assert stale_notebooks(ROOT / "solutions", KEY_FILE) == []
    doc = json.loads(KEY_FILE.read_text(encoding="utf-8"))
    parts = {p.part for s in SOLUTIONS for p in read_parts(nbformat.read(s, as_version=4), str(s)).parts}
    assert set(KEY) == parts and len(doc["notebooks"]) == len(SOLUTIONS)
