"""The instructor guide, generated from the solution notebooks' own metadata (nothing typed twice).

Each solution notebook carries, in its notebook metadata, ``workbook.teaching`` with a ``lesson_plan`` (a list
of ``[time, activity]`` pairs adding up to a 50-minute lesson), ``discussion_prompts`` and ``misconceptions``;
each exercise's question cell carries ``workbook.exercise`` metadata (see ``exercises.authoring``).
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .chapters import CHAPTERS
from .exercises.authoring import exercise_metadata

TEACHING_FIELDS = ("lesson_plan", "discussion_prompts", "misconceptions")


class GuideError(ValueError):
    """A solution notebook lacks the teaching metadata the guide needs."""


def teaching_metadata(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    teaching = nb.metadata.get("workbook", {}).get("teaching")
    if not isinstance(teaching, dict):
        raise GuideError(f"{path}: notebook metadata lacks workbook.teaching")
    missing = [f for f in TEACHING_FIELDS if not teaching.get(f)]
    if missing:
        raise GuideError(f"{path}: workbook.teaching lacks {', '.join(missing)}")
    for i, row in enumerate(teaching["lesson_plan"]):
        if not (isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row)):
            raise GuideError(f"{path}: workbook.teaching.lesson_plan[{i}] must be [time, activity]")
    return teaching


def _objectives(entry: dict) -> str:
    numbers = entry.get("objectives")
    if not numbers:
        return ""
    return f" (objective{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))})"


def chapter_section(chapter, path: Path) -> str:
    teaching = teaching_metadata(path)
    lines = [f"## Chapter {chapter.number}: {chapter.title}", "", "### A 50-minute lesson", "",
             "| Time | Activity |", "|---|---|"]
    lines += [f"| {t} | {a} |" for t, a in teaching["lesson_plan"]]
    lines += ["", "### Discussion prompts", ""] + [f"- {p}" for p in teaching["discussion_prompts"]]
    lines += ["", "### Common misconceptions", ""] + [f"- {m}" for m in teaching["misconceptions"]]
    lines += ["", "### What each exercise assesses", "", "| Exercise | Kind | Assesses | Minutes |",
              "|---|---|---|---|"]
    lines += [f"| {e['id']} | {e['kind']} | {e['assesses']}{_objectives(e)} | {e['minutes']} |"
              for e in exercise_metadata(path)]
    return "\n".join(lines)


def instructor_guide(solutions: Path) -> str:
    """The guide's Markdown: one section per chapter that has a solution notebook."""
    sections = [chapter_section(c, solutions / f"{c.stem}.ipynb")
                for c in CHAPTERS if (solutions / f"{c.stem}.ipynb").exists()]
    intro = ("# Instructor guide\n\nThis guide is generated from the solution notebooks: the lesson plans, "
             "prompts and misconceptions are stored with each notebook, and the table of what each exercise "
             "assesses is read from the exercises' own metadata. Solutions follow the guide in this edition.\n")
    return intro + "\n\n" + "\n\n".join(sections) + "\n"
