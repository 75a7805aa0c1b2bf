"""The first cell of an exercise notebook: its own title and what the notebook does for a student.

A solution notebook opens with a markdown cell tagged ``notebook-intro`` whose first line is its title,
``# Chapter 1 — The ultimatum: solutions``, followed by a note for teachers. Copied as it was, that cell told
every student they held "solutions" and that written answers "are compared with the model answer" -- nothing
in a student's notebook does that. The generator replaces the tagged cell with :func:`exercise_intro`: the
title with ``exercises`` for ``solutions`` and a text that says what the checks do and who reads written
answers. An intro cell whose title does not end in ``: solutions`` is refused, naming the notebook.
"""
from __future__ import annotations

from typing import Any

INTRO_TAG = "notebook-intro"
SOLUTION_SUFFIX = ": solutions"
EXERCISE_SUFFIX = ": exercises"

_HOW = """Run the cells from the top. For each exercise:

* **Computed answers.** Replace `None` in the answer cell with your answer, then run the check cell below
  it. The check says at once whether the answer is right and, if it is not, gives a hint; try a number as
  often as you like. A True/False or multiple-choice answer is a prediction: its check marks your first
  answer only (trying the options one by one would teach nothing), so decide, and know why, before you run
  it. The checks are for practice; in a graded course your teacher may run them again when marking.
"""
WRITTEN = {
    # The graded class: nothing in the notebook reads a written answer.
    "student": """* **Written answers.** Write them in the cells marked *Write your answer here.* No check reads
  them: your teacher reads and marks them.
""",
    # The self-study edition's notebooks (generated at build time) show a rubric once an answer is written.
    "self-study": """* **Written answers.** Write each one between the triple quotes of its answer cell (marked
  *Write your answer here*), run that cell, then the `self_mark` cell below it. Nothing reads or judges your
  text: once you have written an answer, `self_mark` shows the rubric's points to mark it yourself, and
  `self_mark(..., points=[...])` records your mark. The book's self-study edition has the worked solutions.
""",
}


def is_intro(cell: Any) -> bool:
    tags = (cell.get("metadata") or {}).get("tags") or []
    return cell.get("cell_type") == "markdown" and INTRO_TAG in tags


def exercise_intro(solution_source: str, where: str, audience: str = "student") -> str:
    """The exercise notebook's intro for a solution notebook's intro cell (see the module docstring)."""
    if audience not in WRITTEN:
        raise ValueError(f"audience must be one of {', '.join(WRITTEN)}, not {audience!r}")
    first = solution_source.split("\n", 1)[0].strip()
    if not (first.startswith("# ") and first.endswith(SOLUTION_SUFFIX)):
        raise ValueError(f"{where}: the cell tagged {INTRO_TAG!r} must start with a title like "
                         f"'# Chapter 1 — The ultimatum{SOLUTION_SUFFIX}', not {first[:80]!r}")
    title = first[: -len(SOLUTION_SUFFIX)] + EXERCISE_SUFFIX
    return f"{title}\n\n{_HOW}{WRITTEN[audience]}".rstrip("\n")
