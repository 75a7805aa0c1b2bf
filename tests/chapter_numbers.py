"""What a chapter shows (numbers a reader can copy) and what its exercises expect, for the rule
"Exercises answered by the text" (round-2 decisions).

Shown numbers:

* every glued value, as the prose prints it: ``{glue:text}`name:spec``` is ``format(value, spec)``; a glued value
  the prose never prints is compared exactly (it is still "a number glued in its chapter");
* every number typed in the worked examples, in the check-your-understanding section and in any dropdown;
* not the explorer's values table (it lists every grid state).

A shown number answers an exercise when the expected value, rounded the way the chapter prints the number,
equals it and the printed number has at least two significant figures (0.6897 against a printed 0.69; 0.45
against a printed 45 %), or when it equals the expected value exactly (0.4 against a printed 0.4). A single-figure rounding (0.47 against a
printed input 0.5) does not answer an exercise. A whole number up to 12 printed without decimals is a small
count: only the same number answers. An expected value of 0 is exempt (every chapter shows a 0). Expected values
are the numbers of the answer key's ``number``, ``interval`` and ``sequence`` parts; ``bool`` and ``choice``
parts are exempt.

Worked examples' inputs: a model call in a solution's answer code with the same function and the same
non-empty arguments (written the same way) as a call in the book page's code is a reused worked example. A call
with no arguments (the defaults) is not counted: exercises may start from the defaults and change something.
"""
from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import nbformat

from territorial_trap_workbook.exercises.precision import Precision

ROOT = Path(__file__).resolve().parents[1]
KEY = ROOT / "src" / "territorial_trap_workbook" / "exercises" / "answer_key.json"
SMALL = 12

_GLUE_USE = re.compile(r"\{glue:text\}`(\w+)(?::([^`]*))?`")
_NUM = re.compile(r"(?<![\w.])(-?\d+(?:,\d{3})*(?:\.\d+)?)(\s?%)?(?![\w/])")
_FENCE = re.compile(r"^```\{(\w+)\}[^\n]*\n(.*?)^```\s*$", re.M | re.S)


@dataclass(frozen=True)
class Shown:
    text: str          # as printed ("0.69", "45%", "120")
    value: float       # printed value in printed units (45 for "45%")
    decimals: int | None  # None: compare exactly (a glued value the prose does not print)
    percent: bool
    where: str

    def answers(self, expected: "Expected") -> bool:
        e = expected.value
        if e == 0 or not math.isfinite(e):
            return False  # an answer of zero is "nothing": every chapter shows a 0 somewhere
        printed = self.value / 100 if self.percent else self.value
        if math.isclose(printed, e, rel_tol=1e-9, abs_tol=1e-12):
            return True
        if self.decimals is None:
            return False
        if self.decimals == 0 and not self.percent and abs(self.value) <= SMALL:
            return False  # a small count: only the same whole number answers it
        x = e * 100 if self.percent else e
        same_rounding = abs(round(x, self.decimals) - self.value) < 10 ** -(self.decimals + 3)
        return same_rounding and _sig_figs(self.text) >= 2


def _sig_figs(text: str) -> int:
    digits = re.sub(r"[^0-9]", "", text.split("e")[0]).lstrip("0")
    return len(digits)


def _parse_printed(text: str) -> tuple[float, int, bool] | None:
    m = re.fullmatch(r"\s*([−-]?[\d,]*\.?\d+)\s*(%?)\s*", text.replace("\u2212", "-"))
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    try:
        d = Decimal(digits)
    except InvalidOperation:
        return None
    decimals = max(0, -d.as_tuple().exponent)
    return float(d), decimals, bool(m.group(2))


def glued_values(page: Path) -> dict[str, object]:
    """name → value of every glue in the executed page (from the stored ``papermill.record`` outputs)."""
    nb = nbformat.read(page, as_version=4)
    values: dict[str, object] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            plain = out.get("data", {}).get("application/papermill.record/text/plain")
            if name is None or plain is None:
                continue
            m = re.fullmatch(r"(?:np\.\w+\()?(-?[\d.eE+-]+|inf|nan)\)?", plain.strip())
            try:
                values[name] = float(m.group(1)) if m else plain
            except ValueError:
                values[name] = plain
    return values


def _markdown(page: Path) -> str:
    nb = nbformat.read(page, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _sections(markdown: str, *headings: str) -> str:
    parts = re.split(r"^(## .*)$", markdown, flags=re.M)
    return "\n".join(parts[i + 1] for i in range(1, len(parts) - 1, 2) if parts[i].strip() in headings)


def shown_numbers(page: Path) -> list[Shown]:
    markdown = _markdown(page)
    values = glued_values(page)
    shown: list[Shown] = []
    printed_names = set()
    for name, spec in _GLUE_USE.findall(markdown):
        value = values.get(name)
        if not isinstance(value, float):
            continue
        printed_names.add(name)
        try:
            text = format(value, spec) if spec else repr(value)
        except (ValueError, TypeError):
            continue
        parsed = _parse_printed(text)
        if parsed:
            shown.append(Shown(text, *parsed, where=f"glued {name} (printed {text})"))
    for name, value in values.items():
        if isinstance(value, float) and name not in printed_names:
            shown.append(Shown(repr(value), value, None, False, where=f"glued {name} (not printed)"))
    typed = _sections(markdown, "## Worked examples", "## Check your understanding")
    typed += "\n".join(body for kind, body in _FENCE.findall(markdown) if kind == "dropdown")
    typed = re.sub(r"\{[\w:]+\}`[^`]*`", " ", typed)
    for m in _NUM.finditer(typed):
        parsed = _parse_printed(m.group(1) + (m.group(2) or ""))
        if parsed:
            context = " ".join(typed[max(0, m.start() - 60):m.end() + 20].split())
            shown.append(Shown(m.group(0), *parsed, where=f"typed in the worked examples or answers: «…{context}…»"))
    return shown


@dataclass(frozen=True)
class Expected:
    part: str
    value: float
    precision: Precision | None


def expected_numbers(chapter_stem: str) -> list[Expected]:
    doc = json.loads(KEY.read_text(encoding="utf-8"))
    entry = doc["notebooks"].get(f"{chapter_stem}.ipynb", {"parts": []})
    out = []
    for part in entry["parts"]:
        if part["type"] not in ("number", "interval", "sequence"):
            continue
        expected = part["expected"]
        values = expected if isinstance(expected, list) else [expected]
        precision = Precision.from_spec(part["precision"]) if part.get("precision") else None
        out += [Expected(part["part"], float(v), precision) for v in values
                if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return out


def answered_by_text(chapter_stem: str) -> list[str]:
    """One line per exercise value that the chapter shows."""
    shown = shown_numbers(ROOT / "book" / f"{chapter_stem}.ipynb")
    lines = []
    for e in expected_numbers(chapter_stem):
        for s in shown:
            if s.answers(e):
                lines.append(f"exercise {e.part}: expected {e.value:.6g} is shown by the chapter as {s.text} — "
                             f"{s.where}")
                break
    return lines


def _calls(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (node.args or node.keywords) and isinstance(node.func, ast.Attribute):
            kwargs = sorted((k.arg or "**", ast.unparse(k.value)) for k in node.keywords)
            args = [ast.unparse(a) for a in node.args]
            out.append(f"{node.func.attr}({', '.join([*args, *(f'{k}={v}' for k, v in kwargs)])})")
    return out


def _code(path: Path, solutions_only: bool) -> str:
    nb = nbformat.read(path, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    if solutions_only:
        cells = [re.search(r"### BEGIN SOLUTION(.*?)### END SOLUTION", c, re.S).group(1) for c in cells
                 if "### BEGIN SOLUTION" in c]
    return "\n".join(cells)


def reused_inputs(chapter_stem: str) -> list[str]:
    """Model calls of the worked examples that an exercise's solution repeats with the same arguments."""
    book = set(_calls(_code(ROOT / "book" / f"{chapter_stem}.ipynb", False)))
    solution = ROOT / "solutions" / f"{chapter_stem}.ipynb"
    if not solution.exists():
        return []
    nb = nbformat.read(solution, as_version=4)
    exercise = "?"
    lines = []
    for cell in nb.cells:
        exercise = cell.metadata.get("workbook", {}).get("exercise", exercise)
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            body = re.search(r"### BEGIN SOLUTION(.*?)### END SOLUTION", cell.source, re.S)
            for call in _calls(body.group(1) if body else ""):
                if call in book:
                    lines.append(f"exercise {exercise}: its solution calls {call}, as the chapter's worked "
                                 f"examples do — change the inputs")
    return lines
