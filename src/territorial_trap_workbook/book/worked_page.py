"""A chapter's worked-solutions page for the self-study edition, written from its solution notebook.

The page (MyST markdown, generated at staging) shows every exercise as the learner's notebook asks it, and
after each exercise one dropdown, closed until the reader opens it, "Show the worked solution to exercise N.k",
holding:

* the solution's code (the answer cells, nbgrader markers removed; check cells left out: they only compare)
  and, when the answer key knows the notebook, each part's result at the precision its question asks for
  (``results``, from the key ``workbook exercises`` writes from the solutions);
* the model answer of each written answer and its marking rubric, so a reader can mark their own work.

Nothing else of the solution notebook reaches the page: not its notebook metadata (the lesson plan,
discussion prompts and misconceptions are the instructor guide's), not its outputs.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

from ..chapters import Chapter
from ..exercises.markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, _source

INTRO_TAG = "notebook-intro"


def _meta(cell: Any) -> dict:
    return cell.get("metadata") or {}


def _nbgrader(cell: Any) -> dict:
    nbg = _meta(cell).get("nbgrader") or {}
    return nbg if isinstance(nbg, dict) else {}


def _exercise(cell: Any) -> str | None:
    wb = _meta(cell).get("workbook")
    return wb["exercise"] if isinstance(wb, dict) and isinstance(wb.get("exercise"), str) else None


def _solution_only(cell: Any) -> bool:
    tags = _meta(cell).get("tags") or []
    wb = _meta(cell).get("workbook")
    return "rubric" in tags or "solution-only" in tags or bool(isinstance(wb, dict) and wb.get("solution_only"))


def without_markers(source: str) -> str:
    """The cell's text with the solution markers removed and hidden tests dropped."""
    out, hidden = [], False
    for line in source.split("\n"):
        s = line.strip()
        if s == BEGIN_HIDDEN:
            hidden = True
        elif s == END_HIDDEN:
            hidden = False
        elif not hidden and s not in (BEGIN_SOLUTION, END_SOLUTION):
            out.append(line)
    return "\n".join(out).strip("\n")


def _fence(text: str, char: str, least: int) -> str:
    """A fence longer than any run of ``char`` in ``text``, so the text cannot close it."""
    runs = [len(m) for m in re.findall(re.escape(char) + "+", text)]
    return char * max(least, max(runs, default=0) + 1)


def code_block(code: str) -> str:
    fence = _fence(code, "`", 3)
    return f"{fence}python\n{code}\n{fence}"


def dropdown(title: str, body: str) -> str:
    fence = _fence(body, ":", 4)
    return f"{fence}{{dropdown}} {title}\n{body}\n{fence}"


def _classify(cell: Any) -> str:
    """``question`` (shown as the learner sees it), ``solution`` (inside the dropdown) or ``skip``."""
    nbg = _nbgrader(cell)
    if _solution_only(cell) or nbg.get("solution"):
        return "solution"
    if cell.get("cell_type") == "code" and nbg.get("grade"):
        return "skip"  # a check cell: it compares, it does not solve
    if cell.get("cell_type") in ("code", "markdown"):
        return "question"
    return "skip"


def _render(cell: Any) -> str:
    text = without_markers(_source(cell))
    return code_block(text) if cell.get("cell_type") == "code" else text


def _number(value: Any, precision: dict | None) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)
    kind, n = next(iter((precision or {"sig_figs": 4}).items()))
    if kind == "decimals":
        return f"{value:.{int(n)}f}"
    if kind == "whole":
        return f"{round(value):d}"
    if kind == "sig_figs":  # keep the trailing zeros the precision asks for: 0.690, not 0.69
        return f"{value:#.{int(n)}g}".rstrip(".")
    return f"{value:.4g}"


def show_value(spec: dict) -> str:
    """A part's expected value as the learner would write it, rounded as the question asks."""
    value, precision = spec["expected"], spec.get("precision")
    if spec["type"] in ("interval", "sequence") and isinstance(value, list):
        if spec["type"] == "interval" and not value:
            return "`()` (empty)"
        shown = ", ".join(_number(v, precision) for v in value)
        return f"`({shown})`" if spec["type"] == "interval" else f"`[{shown}]`"
    shown = _number(value, precision) if spec["type"] == "number" else repr(value)
    return f"`{shown}`"


def results(key: dict | None, notebook: str) -> dict[str, list[str]]:
    """Lines saying each part's result, by answer variable, from the answer key's entry for ``notebook``."""
    entry = ((key or {}).get("notebooks") or {}).get(notebook) or {}
    out: dict[str, list[str]] = {}
    for spec in entry.get("parts", []):
        precision = spec.get("precision")
        phrase = ""
        if precision:
            from ..exercises.precision import Precision

            phrase = f", {Precision.from_spec(precision).phrase}"
        out.setdefault(spec["answer"], []).append(
            f"- `{spec['answer']}` = {show_value(spec)} (part {spec['part']}{phrase})")
    return out


def _result_lines(cell: Any, found: dict[str, list[str]]) -> list[str]:
    """The results of the answers an answer cell declares (its ``workbook.parts``)."""
    wb = _meta(cell).get("workbook")
    parts = wb.get("parts") if isinstance(wb, dict) and isinstance(wb.get("parts"), list) else []
    return [line for p in parts if isinstance(p, dict) for line in found.get(p.get("answer"), [])]


def _solution_body(cells: Sequence[Any], found: dict[str, list[str]]) -> str:
    parts = []
    for cell in cells:
        text = _render(cell)
        if not text.strip():
            continue
        if cell.get("cell_type") == "code":
            parts.append(text)
            lines = _result_lines(cell, found)
            if lines:
                parts.append("**Result.**\n\n" + "\n".join(lines))
        elif "rubric" in (_meta(cell).get("tags") or []):  # a rubric cell names itself ("**Rubric (2 points).**")
            parts.append(text if text.lstrip().startswith("**Rubric") else f"**Marking rubric.** {text}")
        elif _nbgrader(cell).get("grade"):
            parts.append(f"**Model answer.** {text}")
        else:
            parts.append(text)
    return "\n\n".join(parts)


def worked_page(solution: Any, chapter: Chapter, *, solution_download: str, exercise_download: str,
                key: dict | None = None) -> str:
    """The MyST markdown of ``chapter``'s worked-solutions page. ``solution_download`` and
    ``exercise_download`` are the notebooks' paths relative to the page; ``key`` is the answer key (its
    entry ``<stem>.ipynb`` gives the results shown under the code)."""
    found = results(key, f"{chapter.stem}.ipynb")
    sections: list[tuple[str | None, list[Any]]] = [(None, [])]
    for cell in solution.cells:
        ex = _exercise(cell)
        if ex is not None:
            sections.append((ex, []))
        sections[-1][1].append(cell)
    if len(sections) == 1:
        raise ValueError(f"the solution notebook of chapter {chapter.number} declares no exercise")

    sol_name, ex_name = solution_download.rsplit("/", 1)[-1], exercise_download.rsplit("/", 1)[-1]
    out = [f"# Chapter {chapter.number} — worked solutions",
           "",
           f"The exercises of [chapter {chapter.number}, *{chapter.title}*](../{chapter.stem}.ipynb), each "
           "followed by its worked solution, folded until you open it. Try each exercise in the exercise notebook "
           f"({{download}}`{ex_name} <{exercise_download}>`) before you look: the checks there tell you whether a "
           "computed answer is right, and once you have written an answer the notebook shows its rubric. Written "
           "answers come here with a model answer and the marking rubric, so that you can mark your own work. "
           f"The whole solution notebook: {{download}}`{sol_name} <{solution_download}>`."]
    setup = [c for c in sections[0][1] if c.get("cell_type") == "code" and without_markers(_source(c)).strip()]
    if setup:
        out += ["", "## Set-up", "", "The notebook starts with:", "", *(_render(c) for c in setup)]
    for ex, cells in sections[1:]:
        question = [c for c in cells if _classify(c) == "question"]
        solution_cells = [c for c in cells if _classify(c) == "solution"]
        out += ["", *("\n" + _render(c) for c in question if _render(c).strip())]
        if solution_cells:
            out += ["", dropdown(f"Show the worked solution to exercise {ex}", _solution_body(solution_cells, found))]
    return "\n".join(out).strip() + "\n"
