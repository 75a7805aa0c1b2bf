"""Exercise parts: what each auto-checked answer is, stored as data in the solution notebook.

An answer cell lists the parts it answers in its metadata::

    "workbook": {"parts": [
        {"part": "10.1a", "answer": "answer_10_1a", "type": "number", "precision": {"sig_figs": 3},
         "hint": "Ukraine's effort is τ·100·(1 − s) + A.", "points": 1}]}

* ``type`` is one of ``TYPES``; ``number``, ``interval`` and ``sequence`` need a ``precision`` (see
  ``precision``) and the question cell must state it in the same words; ``choice`` needs ``options``;
* the expected value is *not* stored: it is whatever the solution's answer cell computes into ``answer``;
* each part has exactly one check cell, a locked nbgrader test cell holding only ``check("10.1a", answer_10_1a)``
  with the part's points — the check cell names the part and the answer and nothing else.

Written answers (nbgrader cells that are both graded and solutions) are *manual* items: their points come from
nbgrader's metadata and they are named after their exercise, e.g. ``10.3 written``.
"""
from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from .precision import Precision, PrecisionError

TYPES = ("number", "bool", "choice", "interval", "sequence")
NEEDS_PRECISION = ("number", "interval", "sequence")
PART_ID = re.compile(r"^\d+\.\d+[a-z]?$")
FIELDS = {"part", "answer", "type", "precision", "hint", "points", "options"}
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


class PartsError(ValueError):
    """A solution notebook's parts, check cells or points do not fit together (an author's mistake)."""


@dataclass(frozen=True)
class Part:
    part: str
    answer: str
    type: str
    hint: str
    points: float
    precision: Precision | None = None
    options: tuple[str, ...] = ()

    @property
    def exercise(self) -> str:
        return self.part[:-1] if self.part[-1].isalpha() else self.part

    def to_spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"part": self.part, "answer": self.answer, "type": self.type, "hint": self.hint,
                                "points": self.points}
        if self.precision is not None:
            spec["precision"] = self.precision.to_spec()
        if self.options:
            spec["options"] = list(self.options)
        return spec

    @classmethod
    def from_spec(cls, spec: Any, where: str = "part") -> "Part":
        if not isinstance(spec, dict):
            raise PartsError(f"{where}: a part must be a mapping, not {type(spec).__name__}")
        pid = spec.get("part")
        if not isinstance(pid, str) or not PART_ID.match(pid):
            raise PartsError(f"{where}: part must be an id like '10.1' or '10.1a', not {pid!r}")
        where = f"{where} (part {pid})"
        unknown = sorted(set(spec) - FIELDS)
        if unknown:
            raise PartsError(f"{where}: unknown field {unknown[0]!r}; known: {', '.join(sorted(FIELDS))}")
        name = spec.get("answer")
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise PartsError(f"{where}: answer must be the name of a variable, not {name!r}")
        kind = spec.get("type")
        if kind not in TYPES:
            raise PartsError(f"{where}: type must be one of {', '.join(TYPES)}, not {kind!r}")
        hint = spec.get("hint")
        if not isinstance(hint, str) or not hint.strip():
            raise PartsError(f"{where}: hint must be a sentence that guides without giving the result")
        points = spec.get("points")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 < points <= 100:
            raise PartsError(f"{where}: points must be a number above 0, not {points!r}")
        precision = None
        if kind in NEEDS_PRECISION:
            try:
                precision = Precision.from_spec(spec.get("precision"), f"{where}: precision")
            except PrecisionError as exc:
                raise PartsError(str(exc)) from None
        elif "precision" in spec:
            raise PartsError(f"{where}: a {kind} answer has no precision")
        options: tuple[str, ...] = ()
        if kind == "choice":
            opts = spec.get("options")
            if (not isinstance(opts, list) or len(opts) < 2 or not all(isinstance(o, str) and o.strip() for o in opts)
                    or len({" ".join(o.casefold().split()) for o in opts}) != len(opts)):
                raise PartsError(f"{where}: options must be a list of at least two different strings")
            options = tuple(opts)
        elif "options" in spec:
            raise PartsError(f"{where}: only a choice has options")
        return cls(pid, name, kind, hint.strip(), points, precision, options)


@dataclass
class WrittenItem:
    """A written answer marked by hand."""

    name: str
    points: float


@dataclass
class NotebookParts:
    parts: list[Part] = field(default_factory=list)
    written: list[WrittenItem] = field(default_factory=list)
    check_cells: dict[str, int] = field(default_factory=dict)  # part -> index of its check cell

    def by_id(self) -> dict[str, Part]:
        return {p.part: p for p in self.parts}


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _nbgrader(cell: Any) -> dict:
    meta = (cell.get("metadata") or {}).get("nbgrader") or {}
    return meta if isinstance(meta, dict) else {}


def is_check_cell(cell: Any) -> bool:
    nbg = _nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(nbg.get("grade")) and not nbg.get("solution")


def is_written_cell(cell: Any) -> bool:
    nbg = _nbgrader(cell)
    return bool(nbg.get("grade")) and bool(nbg.get("solution"))


def without_hidden_tests(source: str) -> str:
    out, hidden = [], False
    for line in source.split("\n"):
        s = line.strip()
        if s == HIDDEN_BEGIN:
            hidden = True
        elif s == HIDDEN_END:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out)


def check_call(source: str) -> tuple[str, str]:
    """``(part, answer name)`` of a check cell holding only ``check("10.1a", answer_10_1a)``; else PartsError."""
    shape = 'only check("<part>", <answer variable>)'
    try:
        tree = ast.parse(without_hidden_tests(source))
    except SyntaxError:
        raise PartsError(f"a check cell must hold {shape}; this one does not parse") from None
    body = tree.body
    call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"
            and not call.keywords and len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str) and isinstance(call.args[1], ast.Name)):
        raise PartsError(f"a check cell must hold {shape}, nothing else (no expected value, formula or hint)")
    return call.args[0].value, call.args[1].id


def read_parts(nb: Any, where: str = "<notebook>") -> NotebookParts:
    """The parts, check cells and written items of a solution notebook, validated against each other."""
    out = NotebookParts()
    seen: dict[str, str] = {}
    exercise = None
    written_count: dict[str, int] = {}
    for i, cell in enumerate(nb.get("cells", [])):
        meta = cell.get("metadata") or {}
        wb = meta.get("workbook") if isinstance(meta.get("workbook"), dict) else {}
        if isinstance(wb.get("exercise"), str):
            exercise = wb["exercise"]
        at = f"{where}: cell {i}"
        specs = wb.get("parts", [])
        if not isinstance(specs, list):
            raise PartsError(f"{at}: workbook.parts must be a list")
        for spec in specs:
            part = Part.from_spec(spec, at)
            if part.part in seen:
                raise PartsError(f"{at}: part {part.part} is declared twice")
            if part.answer in seen.values():
                raise PartsError(f"{at}: two parts store their answer in {part.answer}")
            if exercise is None or part.exercise != exercise:
                raise PartsError(f"{at}: part {part.part} is not a part of exercise {exercise}")
            seen[part.part] = part.answer
            out.parts.append(part)
        if is_check_cell(cell):
            try:
                pid, name = check_call(_source(cell))
            except PartsError as exc:
                raise PartsError(f"{at}: {exc}") from None
            if pid in out.check_cells:
                raise PartsError(f"{at}: part {pid} has a second check cell")
            out.check_cells[pid] = i
            _expect_points(cell, pid, name, out, at)
        elif is_written_cell(cell):
            owner = exercise or str(_nbgrader(cell).get("grade_id") or f"cell {i}")
            n = written_count[owner] = written_count.get(owner, 0) + 1
            label = f"{owner} written" + (f" {n}" if n > 1 else "")
            out.written.append(WrittenItem(label, _nbgrader(cell).get("points", 0)))
    missing = [p.part for p in out.parts if p.part not in out.check_cells]
    if missing:
        raise PartsError(f"{where}: part {missing[0]} has no check cell")
    return out


def _expect_points(cell: Any, pid: str, name: str, parts: NotebookParts, at: str) -> None:
    part = parts.by_id().get(pid)
    if part is None:
        raise PartsError(f"{at}: check cell for part {pid}, which no answer cell declares before it")
    if name != part.answer:
        raise PartsError(f"{at}: the check of part {pid} must name {part.answer}, not {name}")
    if _nbgrader(cell).get("points") != part.points:
        raise PartsError(f"{at}: nbgrader points {_nbgrader(cell).get('points')!r} differ from part {pid}'s "
                         f"points {part.points!r}")


def check_cell_source(part: Part) -> str:
    """The whole source of a part's check cell."""
    return f'check("{part.part}", {part.answer})'
