"""The self-study edition's exercise notebooks: the student's notebook plus self-marking of written answers.

Generated at book-build time from a solution notebook (never committed): ``make_self_study`` starts from the
ordinary exercise notebook (``generator.make_exercise``: solutions stubbed, rubric cells dropped) and

* turns each written answer's markdown cell into a code cell holding the answer as text,
  ``answer_10_3_text = \"\"\" \"\"\"``, followed by a ``self_mark("10.3", answer_10_3_text)`` cell: the kernel
  cannot read markdown, so the answer has to be a string for ``self_mark`` to see that it was written;
* says "answer cell" where the question said "markdown cell", and its intro (the cell tagged ``notebook-intro``)
  says how written answers are self-marked (``intro.exercise_intro`` for the self-study audience);
* adds, after the first code cell (the set-up), a cell whose source is folded that loads the chapter's rubrics
  as one encoded string (``rubrics.encode``): the rubrics travel with the notebook but stay out of sight until
  an answer is written (``self_mark``). Model answers never enter this notebook.

Each written answer needs exactly one rubric cell after it in the same exercise, and an exercise has at most
one written answer; anything else is refused with a ``GeneratorError`` naming the notebook and exercise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import nbformat

from .generator import GeneratorError, _source, cells_hash, make_exercise
from .intro import exercise_intro, is_intro
from .rubrics import Rubric, RubricError, encode, parse_rubric
from .self_mark import text_variable

SETUP_ID = "self-mark-setup"
MARKDOWN_CELL = re.compile(r"markdown(\s+)cell(\s+)below")


@dataclass
class WrittenAnswer:
    exercise: str
    cell_id: str
    question_id: str | None
    rubric: Rubric | None = None


def _meta(cell: Any) -> dict:
    return cell.get("metadata") or {}


def is_written(cell: Any) -> bool:
    nbg = _meta(cell).get("nbgrader") or {}
    return bool(nbg.get("grade")) and bool(nbg.get("solution"))


def is_rubric(cell: Any) -> bool:
    return "rubric" in (_meta(cell).get("tags") or [])


def written_answers(solution: Any, where: str) -> list[WrittenAnswer]:
    """Each written answer of a solution notebook with its exercise and parsed rubric."""
    out: list[WrittenAnswer] = []
    exercise, question = None, None
    for i, cell in enumerate(solution.cells):
        wb = _meta(cell).get("workbook")
        if isinstance(wb, dict) and isinstance(wb.get("exercise"), str):
            exercise, question = wb["exercise"], cell.get("id")
        at = f"{where}: cell {i}"
        if is_written(cell):
            if exercise is None:
                raise GeneratorError(f"{at}: a written answer before the first exercise")
            if out and out[-1].exercise == exercise:
                raise GeneratorError(f"{at}: exercise {exercise} has a second written answer; the self-study "
                                     "edition marks one written answer per exercise (split the exercise)")
            if cell.cell_type != "markdown":
                raise GeneratorError(f"{at}: the written answer of exercise {exercise} must be a markdown cell")
            out.append(WrittenAnswer(exercise, cell.get("id") or f"cell-{i}", question))
        elif is_rubric(cell):
            owner = out[-1] if out and out[-1].exercise == exercise else None
            if owner is None or owner.rubric is not None:
                raise GeneratorError(f"{at}: a rubric with no written answer before it in exercise {exercise}")
            try:
                owner.rubric = parse_rubric(_source(cell), exercise, at)
            except RubricError as exc:
                raise GeneratorError(str(exc)) from None
    for w in out:
        if w.rubric is None:
            raise GeneratorError(f"{where}: the written answer of exercise {w.exercise} has no rubric cell")
    return out


def _answer_cell(written: WrittenAnswer, stub: str) -> Any:
    """The code cell a learner writes their answer in (text outside the solution region kept as comments)."""
    lines = [line for line in stub.split("\n") if line.strip() and line.strip() != "*Write your answer here.*"]
    comments = [f"# {line}" for line in lines]
    source = "\n".join([*comments,
                        "# Write your answer here, between the triple quotes. Run this cell, then the self_mark "
                        "cell below it.",
                        f'{text_variable(written.exercise)} = """', "", '"""'])
    cell = nbformat.v4.new_code_cell(source)
    cell["id"] = written.cell_id
    return cell


def _self_mark_cell(written: WrittenAnswer) -> Any:
    cell = nbformat.v4.new_code_cell(f'self_mark("{written.exercise}", {text_variable(written.exercise)})')
    cell["id"] = f"{written.cell_id}-self-mark"
    return cell


def _setup_cell(rubrics: list[Rubric]) -> Any:
    source = ("# Self-marking of written answers. The rubrics are encoded so that they stay out of sight until\n"
              "# you have written an answer: self_mark shows them then.\n"
              "from territorial_trap_workbook.exercises.self_mark import load_rubrics, self_mark\n"
              f'load_rubrics("{encode(rubrics)}")')
    cell = nbformat.v4.new_code_cell(source, metadata={"jupyter": {"source_hidden": True}})
    cell["id"] = SETUP_ID
    return cell


def make_self_study(solution: Any, generated_from: str) -> Any:
    """The self-study exercise notebook for a solution notebook (pure function; see the module docstring)."""
    written = written_answers(solution, generated_from)
    notebook = make_exercise(solution, generated_from)
    by_cell = {w.cell_id: w for w in written}
    intros = {(c.get("id") or f"cell-{i}"): _source(c) for i, c in enumerate(solution.cells) if is_intro(c)}
    questions = {w.question_id for w in written}
    cells: list[Any] = []
    for cell in notebook.cells:
        if cell.get("id") in by_cell:
            w = by_cell[cell["id"]]
            cells += [_answer_cell(w, _source(cell)), _self_mark_cell(w)]
            continue
        if cell.get("id") in questions and cell.cell_type == "markdown":
            cell.source = MARKDOWN_CELL.sub(r"answer\1cell\2below", _source(cell))
        if is_intro(cell) and cell.get("id") in intros:
            cell.source = exercise_intro(intros[cell["id"]], generated_from, audience="self-study")
        cells.append(cell)
    if written:
        first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), -1)
        cells.insert(first_code + 1, _setup_cell([w.rubric for w in written]))
    notebook.cells = cells
    wb = dict(notebook.metadata.get("workbook") or {})
    wb["edition"] = "self-study"
    wb["source_hash"] = cells_hash(cells)
    notebook.metadata["workbook"] = wb
    return notebook
