"""What the exercise generator must understand exactly, or refuse: solution markers, solution-only tags,
attachments, and the names a solution region binds.

A near miss is worse than an error: ``#### BEGIN SOLUTION`` or a cell tagged ``Rubric`` is not recognised,
so the text it was meant to hide would be copied to every student. ``cell_problem`` finds such cells before
anything is generated; the generator refuses them, naming the notebook, the cell and the line.
"""
from __future__ import annotations

import ast
import re
import textwrap
from typing import Any

from .authoring import SOLUTION_ONLY_TAGS

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)

# Anything an author may have meant as a marker: any case, any number of '#', any spacing, nbgrader's
# mark-scheme delimiters (which the generator does not implement), anywhere on the line.
_LOOKS_LIKE_MARKER = re.compile(
    r"\b(begin|end)[\s_-]*(solutions?|hidden[\s_-]*tests?|mark[\s_-]*schemes?)\b", re.IGNORECASE)
_SOLUTION_ONLY_KEY = "solution_only"


def _norm(word: str) -> str:
    return re.sub(r"[\s_-]+", "-", word.strip().lower())


_SOLUTION_ONLY_SPELLINGS = {_norm(t) for t in SOLUTION_ONLY_TAGS} | {_norm(t) + "s" for t in SOLUTION_ONLY_TAGS}


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _marker_problem(source: str) -> str | None:
    for lineno, line in enumerate(source.split("\n"), 1):
        s = line.strip()
        match = None if s in MARKERS else _LOOKS_LIKE_MARKER.search(s)
        if match is None:
            continue
        if match.group(2).lower().startswith("mark"):
            return (f"line {lineno}: {s!r}: mark-scheme regions are not supported; put the marking notes in a "
                    "markdown cell of their own tagged 'rubric'")
        want = next((m for m in MARKERS if _norm(m.strip("# ")) == _norm(match.group(0))), None)
        fix = f"write {want!r} exactly" if want else f"use one of {', '.join(map(repr, MARKERS))}"
        return (f"line {lineno}: {s!r} looks like a solution marker but is not one, so the text it should hide "
                f"would reach students; {fix}, alone on its line")
    return None


def _tag_problem(meta: dict) -> str | None:
    for tag in meta.get("tags", None) or []:
        if isinstance(tag, str) and tag not in SOLUTION_ONLY_TAGS and _norm(tag) in _SOLUTION_ONLY_SPELLINGS:
            return (f"tag {tag!r} is not recognised, so the cell would reach students; "
                    f"use {' or '.join(map(repr, SOLUTION_ONLY_TAGS))} exactly")
    wb = meta.get("workbook")
    if isinstance(wb, dict):
        for key, value in wb.items():
            if key != _SOLUTION_ONLY_KEY and _norm(key) == _norm(_SOLUTION_ONLY_KEY):
                return f"workbook.{key} is not recognised; spell it workbook.{_SOLUTION_ONLY_KEY}"
        if _SOLUTION_ONLY_KEY in wb and not isinstance(wb[_SOLUTION_ONLY_KEY], bool):
            return f"workbook.{_SOLUTION_ONLY_KEY} must be true or false, not {wb[_SOLUTION_ONLY_KEY]!r}"
    return None


def cell_problem(cell: Any) -> str | None:
    """Why this solution-notebook cell cannot be turned into an exercise cell safely, or None."""
    meta = cell.get("metadata", {}) or {}
    problem = _tag_problem(meta)
    if problem:
        return problem
    source = _source(cell)
    problem = _marker_problem(source)
    if problem:
        return problem
    nbgrader = meta.get("nbgrader") or {}
    has_solution = any(line.strip() in MARKERS for line in source.split("\n")) or bool(
        isinstance(nbgrader, dict) and nbgrader.get("solution"))
    if not has_solution:
        return None
    if cell.get("cell_type") not in ("code", "markdown"):
        return (f"a {cell.get('cell_type')} cell cannot hold a solution (it is copied as it is); "
                "use a code or markdown cell")
    if cell.get("attachments"):
        names = ", ".join(sorted(cell["attachments"]))
        return (f"attachment(s) {names} in a cell with a solution would be copied to students; put a figure "
                "students may see in a cell of its own, and keep solution figures out of the notebook's attachments")
    return None


def bound_names(code: str) -> list[str]:
    """Names a solution region binds in its own scope, in order, without repeats: assignment targets
    (tuples included), ``def``, ``class``, ``import``, ``for`` and ``with ... as`` targets, including those in
    ``if``/``for``/``while``/``with``/``try`` blocks; [] if the region does not parse."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []

    def add(name: str) -> None:
        if name not in names:
            names.append(name)

    def target(node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            add(node.id)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for elt in node.elts:
                target(elt)
        elif isinstance(node, ast.Starred):
            target(node.value)

    def block(stmts: list[ast.stmt]) -> None:
        for stmt in stmts:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                add(stmt.name)
            elif isinstance(stmt, ast.Assign):
                for t in stmt.targets:
                    target(t)
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                target(stmt.target)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for alias in stmt.names:
                    if alias.name != "*":
                        add(alias.asname or alias.name.split(".")[0])
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                target(stmt.target)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if item.optional_vars is not None:
                        target(item.optional_vars)
            for field in ("body", "orelse", "finalbody"):
                if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    block(getattr(stmt, field, []) or [])
            for handler in getattr(stmt, "handlers", []) or []:
                block(handler.body)

    block(tree.body)
    return names


def imported_names(code: str) -> set[str]:
    """The names among ``bound_names`` that only an ``import`` binds (a stub must never set them to None: a
    student's own ``import numpy as np`` earlier in the notebook would be undone)."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return set()
    imported, other = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {a.asname or a.name.split(".")[0] for a in node.names if a.name != "*"}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            other.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            other.add(node.name)
    return imported - other


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def identifiers(code: str) -> set[str]:
    """Every identifier-like word of ``code`` (comments and strings included: over-inclusive on purpose)."""
    return set(_IDENTIFIER.findall(code))


def _parses(code: str) -> bool:
    # IPython lines (%magic, !shell) are not Python; blank them so the rest can still be checked.
    plain = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.split("\n"))
    try:
        ast.parse(plain)
        return True
    except SyntaxError:
        return False


def stub_problem(solution_code: str, exercise_code: str) -> str | None:
    """A stubbed code cell that no longer parses (e.g. a function whose whole body was the solution) would
    stop the student's notebook at that cell; say so, unless the solution did not parse either."""
    if _parses(exercise_code) or not _parses(solution_code):
        return None
    return ("the cell does not parse once its solution is replaced by a stub; keep the solution region "
            "inside a block that still has a statement, e.g. leave the `return` outside the region")
