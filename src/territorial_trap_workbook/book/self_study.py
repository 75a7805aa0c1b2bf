"""Staging of the self-study edition: the student edition plus solutions that open only when asked for.

``stage_self_study`` runs after the student-edition staging (``build.stage_book``) and adds, for every chapter:

* ``exercises/NN-name.ipynb`` — replaced by the self-study exercise notebook, generated here from the solution
  (``exercises.self_study``: written answers as text with ``self_mark``, rubrics encoded; never committed);
* ``solutions/NN-name-solutions.ipynb`` — the solution notebook as a download (its own name, so it does not
  overwrite the exercise notebook in a downloads folder), without the nbgrader markers and without the
  teaching metadata (lesson plan, prompts, misconceptions: instructor material);
* ``book/worked-solutions/NN-name.md`` — the worked-solutions page (``worked_page``), one dropdown per
  exercise, with each computed part's result from the installed answer key;
* in the chapter's *Practice* section, right after the exercise download, two items: the solution notebook's
  download and a link to the worked-solutions page. They are added to the staged copy, so chapters carry no
  edition-specific text for them; a chapter without the exercise download line stops the build.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Sequence

import nbformat

from ..chapters import Chapter
from ..exercises.answer_key import KEY_FILE, read_key_file
from ..exercises.generator import GeneratorError, render
from ..exercises.self_study import make_self_study
from .worked_page import without_markers, worked_page

WORKED_DIR = "worked-solutions"
SOLUTION_SUFFIX = "-solutions"
TEACHING_METADATA = ("teaching",)


class SelfStudyError(ValueError):
    """The self-study edition cannot be staged (a chapter or solution notebook lacks what it needs)."""


def solution_download(solution: Any) -> Any:
    """The solution notebook as a learner downloads it: markers and teaching metadata removed."""
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if cell.get("cell_type") in ("code", "markdown"):
            src = cell.get("source", "")
            cell["source"] = without_markers("".join(src) if isinstance(src, list) else src)
    wb = nb.metadata.get("workbook")
    if isinstance(wb, dict):
        nb.metadata["workbook"] = {k: v for k, v in wb.items() if k not in TEACHING_METADATA}
    return nb


def practice_items(chapter: Chapter) -> list[str]:
    name = f"{chapter.stem}{SOLUTION_SUFFIX}.ipynb"
    return [f"* Solution notebook: {{download}}`{name} <../solutions/{name}>` — every exercise worked out, with the "
            "model answers and marking rubrics of the written answers.",
            f"* Worked solutions: [each exercise with its solution, shown when you ask for it]"
            f"({WORKED_DIR}/{chapter.stem}.md).",
            ]


def add_practice_links(source: str, chapter: Chapter) -> str | None:
    """``source`` with the self-study items after the exercise download's list item or paragraph; None if the
    download is not in it."""
    target = f"<../exercises/{chapter.stem}.ipynb>"
    lines = source.split("\n")
    at = next((i for i, line in enumerate(lines) if target in line), None)
    if at is None:
        return None
    bullet = re.match(r"\s*[*-]\s", lines[at]) is not None
    end = at + 1
    while end < len(lines) and lines[end].strip() and (lines[end][:1].isspace() or not bullet) \
            and not lines[end].lstrip().startswith(("```", ":::")) and not re.match(r"\s*[*-]\s", lines[end]):
        end += 1
    items = practice_items(chapter)
    insert = items if bullet else ["", *items, ""]
    return "\n".join(lines[:end] + insert + lines[end:])


def link_chapter(path: Path, chapter: Chapter) -> None:
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            changed = add_practice_links(cell.source, chapter)
            if changed is not None:
                cell.source = changed
                nbformat.write(nb, str(path))
                return
    raise SelfStudyError(f"{path.name}: no exercise download `<../exercises/{chapter.stem}.ipynb>` in its "
                         "markdown; the self-study edition puts the solution links after it (CONTRIBUTING.md, "
                         "Practice section)")


def stage_self_study(project_root: Path, stage: Path, book: Path, chapters: Sequence[Chapter]) -> list[str]:
    """Write the self-study additions into a staged student edition; return the worked pages (toc entries)."""
    (stage / "solutions").mkdir(exist_ok=True)
    (book / WORKED_DIR).mkdir(exist_ok=True)
    pages = []
    key = read_key_file(KEY_FILE)  # kept in step with solutions/ by `workbook exercises` (and its tests)
    for chapter in chapters:
        source = project_root / "solutions" / f"{chapter.stem}.ipynb"
        if not source.is_file():
            raise SelfStudyError(f"the self-study edition needs the solution notebook {source}")
        solution = nbformat.read(str(source), as_version=4)
        where = f"solutions/{source.name}"
        try:
            notebook = make_self_study(solution, where)
        except GeneratorError as exc:
            raise SelfStudyError(str(exc)) from None
        (stage / "exercises" / source.name).write_text(render(notebook), encoding="utf-8")
        download = f"{chapter.stem}{SOLUTION_SUFFIX}.ipynb"
        (stage / "solutions" / download).write_text(render(solution_download(solution)), encoding="utf-8")
        try:
            page = worked_page(solution, chapter, solution_download=f"../../solutions/{download}",
                               exercise_download=f"../../exercises/{source.name}", key=key)
        except ValueError as exc:
            raise SelfStudyError(f"{where}: {exc}") from None
        (book / WORKED_DIR / f"{chapter.stem}.md").write_text(page, encoding="utf-8")
        link_chapter(book / f"{chapter.stem}.ipynb", chapter)
        pages.append(f"{WORKED_DIR}/{chapter.stem}")
    return pages
