"""The instructor guide is read from the solution notebooks' metadata: every chapter's plan is complete."""
import re
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises.authoring import exercise_metadata
from territorial_trap_workbook.guide import GuideError, instructor_guide, teaching_metadata

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_lesson_plan_fills_fifty_minutes_without_gaps(path):
    plan = teaching_metadata(path)["lesson_plan"]
    spans = [tuple(int(x) for x in re.match(r"(\d+)\s*[–-]\s*(\d+) min", t).groups()) for t, _ in plan]
    assert spans[0][0] == 0 and spans[-1][1] == 50
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), spans


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_four_to_six_exercises_of_at_least_three_kinds(path):
    exercises = exercise_metadata(path)
    assert 4 <= len(exercises) <= 6
    assert len({e["kind"] for e in exercises}) >= 3


def test_guide_lists_every_exercise():
    guide = instructor_guide(ROOT / "solutions")
    for path in SOLUTIONS:
        for exercise in exercise_metadata(path):
            assert f"| {exercise['id']} | {exercise['kind']} |" in guide


def test_missing_teaching_metadata_is_named(tmp_path):
    nb = nbformat.v4.new_notebook()
    path = tmp_path / "01-x.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(GuideError, match="01-x.ipynb: notebook metadata lacks workbook.teaching"):
        teaching_metadata(path)
