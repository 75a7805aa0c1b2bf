"""Every learning objective of a chapter is assessed by at least one exercise.

The objectives are the numbered items of the page's ``{admonition} Learning objectives``; an exercise names the
objectives it assesses in its question cell's metadata, ``workbook.objectives: [1, 3]`` (see
``exercises.authoring``). Chapters not yet revised are listed in ``tests/revision_pending.py``."""
import re
from pathlib import Path

import nbformat
import pytest

from revision_pending import chapter_params
from territorial_trap_workbook.exercises.authoring import ExerciseMetadataError, exercise_metadata

ROOT = Path(__file__).resolve().parents[1]


def objective_numbers(page: Path) -> list[int]:
    nb = nbformat.read(page, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    block = re.search(r"```\{admonition\} Learning objectives\n(.*?)^```", text, re.S | re.M)
    assert block, f"{page.name} has no {{admonition}} Learning objectives"
    return [int(n) for n in re.findall(r"^(\d+)\.\s", block.group(1), re.M)]


def objective_problems(objectives: list[int], exercises: list[dict]) -> list[str]:
    problems = []
    covered = {}
    for e in exercises:
        named = e.get("objectives")
        if not named:
            problems.append(f"exercise {e['id']} names no objective: add \"objectives\": [..] to its question "
                            f"cell's workbook metadata (it assesses: {e['assesses']})")
            continue
        for n in named:
            if n not in objectives:
                problems.append(f"exercise {e['id']} names objective {n}, but the chapter's objectives are "
                                f"{', '.join(map(str, objectives))}")
            covered.setdefault(n, []).append(e["id"])
    problems += [f"objective {n} is assessed by no exercise" for n in objectives if n not in covered]
    return problems


@pytest.mark.parametrize("chapter", chapter_params("objectives"))
def test_every_objective_is_assessed(chapter):
    objectives = objective_numbers(ROOT / "book" / f"{chapter.stem}.ipynb")
    exercises = exercise_metadata(ROOT / "solutions" / f"{chapter.stem}.ipynb")
    problems = objective_problems(objectives, exercises)
    assert not problems, f"chapter {chapter.number}:\n" + "\n".join(problems)


def test_the_check_fails_on_an_unassessed_objective_and_a_stray_number():
    ex = [{"id": "1.1", "assesses": "a", "objectives": [1, 2]}, {"id": "1.2", "assesses": "b", "objectives": [5]},
          {"id": "1.3", "assesses": "c"}]
    problems = objective_problems([1, 2, 3], ex)
    assert any("objective 3 is assessed by no exercise" in p for p in problems)
    assert any("exercise 1.2 names objective 5" in p for p in problems)
    assert any("exercise 1.3 names no objective" in p for p in problems)
    assert objective_problems([1, 2], ex[:1]) == []


@pytest.mark.parametrize("objectives", [[], [0], [True], ["1"], [1, 1], 1, [10]])
def test_objectives_metadata_is_validated(tmp_path, objectives):
    entry = {"exercise": "1.1", "kind": "compute", "assesses": "x", "minutes": 5, "objectives": objectives}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("q", metadata={"workbook": entry})])
    path = tmp_path / "01-bad.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(ExerciseMetadataError, match=r"workbook.objectives must be a non-empty list"):
        exercise_metadata(path)


def test_objectives_metadata_is_read():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("q", metadata={"workbook": {
        "exercise": "1.1", "kind": "compute", "assesses": "x", "minutes": 5, "objectives": [3, 1]}})])
    assert exercise_metadata(nb)[0]["objectives"] == [1, 3]
