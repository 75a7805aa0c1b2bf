"""A learner's progress, chapter by chapter: what is right, what is still open, which written answers they marked.

``workbook check --progress FOLDER`` grades a learner's own notebooks (``grading``) and hands the reports here.
Computed answers come from the grading run — against the solutions when there are any (``--solutions`` or
``./solutions``), else against the answer key installed with the package (``installed_keys``: the values the
learner's own check cells use; fine for practice, never for a grade). Self-marks are read from the notebook
files as saved, without running anything: ``self_mark(..., points=[...])`` stores its record in the cell's output under
``self_mark.RECORD_MIME`` (the kernel cannot write notebook metadata). A record is trusted only as far as it
is well-formed (``self_mark.read_record``); a record made before the answer text was last changed is reported
as such, since the learner may want to mark the new text again.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..chapters import CHAPTERS
from .safe_text import for_terminal
from .self_mark import RECORD_MIME, answer_hash, read_record, text_variable

RIGHT = "right"
MANUAL = "manual"
SELF_MARK_CALL = re.compile(r"""self_mark\(\s*["'](\d+\.\d+[a-z]?)["']""")


@dataclass
class SelfMarks:
    """The self-marks stored in one notebook file."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # exercise -> record (the last one)
    stale: set[str] = field(default_factory=set)  # marked before the answer text last changed
    written: list[str] = field(default_factory=list)  # exercises with a written answer (a self_mark cell or a
    #                                                   graded nbgrader answer cell), in order
    ignored: list[str] = field(default_factory=list)  # cells whose record could not be read


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _answer_texts(cells: list[Any]) -> dict[str, str]:
    """The written answers as the notebook holds them: ``answer_N_k_text = "..."`` (the last assignment)."""
    texts: dict[str, str] = {}
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:
            continue
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                texts[node.targets[0].id] = node.value.value
    return texts


def read_self_marks(path: str | Path) -> SelfMarks:
    """The self-marks of a notebook file (an unreadable file has none)."""
    marks = SelfMarks()
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = nb["cells"] if isinstance(nb, dict) and isinstance(nb.get("cells"), list) else []
    except (OSError, ValueError, UnicodeDecodeError):
        return marks
    cells = [c for c in cells if isinstance(c, dict)]
    exercise = None
    for i, cell in enumerate(cells):
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        wb, nbg = meta.get("workbook"), meta.get("nbgrader")
        if isinstance(wb, dict) and isinstance(wb.get("exercise"), str):
            exercise = wb["exercise"]
        found = SELF_MARK_CALL.findall(_source(cell)) if cell.get("cell_type") == "code" else []
        if isinstance(nbg, dict) and nbg.get("grade") and nbg.get("solution") and exercise:
            found.append(exercise)  # a student-edition notebook: a written answer with no self_mark
        for ex in found:
            if ex not in marks.written:
                marks.written.append(ex)
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs") or []:
            data = output.get("data") if isinstance(output, dict) else None
            if not isinstance(data, dict) or RECORD_MIME not in data:
                continue
            record = read_record(data[RECORD_MIME])
            if record is None:
                marks.ignored.append(f"cell {i}")
            else:
                marks.records[record["exercise"]] = record
    texts = _answer_texts(cells)
    for exercise, record in marks.records.items():
        text = texts.get(text_variable(exercise))
        if text is not None and record["answer_sha256"] and record["answer_sha256"] != answer_hash(text):
            marks.stale.add(exercise)
    return marks


def _num(x: float) -> str:
    return f"{x:g}"


def _chapter_title(path: Path) -> str:
    match = re.match(r"(\d+)-", path.name)
    chapter = next((c for c in CHAPTERS if match and c.number == int(match.group(1))), None)
    return f"Chapter {chapter.number} — {chapter.title}" if chapter else for_terminal(path.stem)


@dataclass
class ChapterProgress:
    path: Path
    title: str
    right: list[str]
    open: list[str]  # answered but not right yet, each with its status (and hint)
    unanswered: list[str]
    written: list[str]
    marks: SelfMarks
    note: str = ""

    @property
    def marked(self) -> list[str]:
        return [ex for ex in self.written if ex in self.marks.records]

    def lines(self) -> list[str]:
        t = for_terminal  # file names and messages may carry control characters
        out = [f"{self.title} ({t(self.path.name)})"]
        if self.note:
            out.append(f"  {t(self.note)}")
        total = len(self.right) + len(self.open) + len(self.unanswered)
        if total:
            out.append(f"  right: {len(self.right)} of {total} parts" + (f" ({', '.join(self.right)})" if self.right else ""))
        if self.open:
            out.append("  not right yet: " + t("; ".join(self.open)))
        if self.unanswered:
            out.append("  not answered yet: " + ", ".join(self.unanswered))
        for ex in self.written:
            record = self.marks.records.get(ex)
            if record is None:
                out.append(f"  written {ex}: not self-marked yet")
            else:
                line = f"  written {ex}: self-marked {_num(record['awarded'])} of {_num(record['possible'])} points"
                if ex in self.marks.stale:
                    line += " (before your last change to the answer: mark it again?)"
                out.append(line)
        for cell in self.marks.ignored:
            out.append(f"  note: an unreadable self-mark in {cell} was ignored")
        return out


def chapter_progress(report: Any) -> ChapterProgress:
    """One notebook's progress from its grading report (``grading.NotebookReport``) and its saved self-marks."""
    path = Path(report.path)
    right: list[str] = []
    still_open: list[str] = []
    unanswered: list[str] = []
    written: list[str] = []
    for name, item in report.items.items():
        if item.status == MANUAL:
            exercise = name.split()[0]
            if exercise not in written:
                written.append(exercise)
        elif item.status == RIGHT:
            right.append(name)
        elif item.status == "not answered":
            unanswered.append(name)
        else:
            hint = f" — hint: {item.hint}" if item.status == "wrong" and item.hint else ""
            still_open.append(f"{name} ({item.status}{hint})")
    marks = read_self_marks(path)
    for exercise in marks.written:  # the grader knows no written answer when it used the installed key
        if exercise not in written:
            written.append(exercise)
    note = ""
    if report.run != "ok":
        note = f"the run did not finish ({report.run}{': ' + report.detail if report.detail else ''})"
    return ChapterProgress(path, _chapter_title(path), right, still_open, unanswered, written, marks, note)


def progress_lines(reports: Iterable[Any]) -> list[str]:
    """The per-chapter summary of a learner's notebooks, then the totals."""
    chapters = sorted((chapter_progress(r) for r in reports), key=lambda c: c.path.name)
    out = ["Your progress, chapter by chapter:", ""]
    for chapter in chapters:
        out += chapter.lines() + [""]
    right = sum(len(c.right) for c in chapters)
    parts = right + sum(len(c.open) + len(c.unanswered) for c in chapters)
    written = sum(len(c.written) for c in chapters)
    marked = [c.marks.records[ex] for c in chapters for ex in c.marked]
    line = f"In all: {right} of {parts} computed parts right; {len(marked)} of {written} written answers self-marked"
    if marked:
        line += (f" ({_num(sum(r['awarded'] for r in marked))} of {_num(sum(r['possible'] for r in marked))} points, "
                 "by your own marking)")
    out.append(line + ".")
    return out


def installed_keys() -> dict[str, Any]:
    """``grading.SolutionKey`` per solution notebook name, from the answer key installed with the package (or
    ``WORKBOOK_ANSWER_KEY``): expected values without solution notebooks, for a learner's progress only."""
    import os

    from .answer_key import FORMAT, KEY_ENV, KEY_FILE, read_key_file
    from .grading import GradingError, SolutionKey
    from .parts import Part, PartsError

    path = Path(os.environ.get(KEY_ENV) or KEY_FILE)
    doc = read_key_file(path)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("notebooks"), dict):
        raise GradingError(f"the installed answer key {path} is missing or unreadable: reinstall the package, or "
                           "give the solution notebooks with --solutions")
    keys = {}
    try:
        for name, entry in doc["notebooks"].items():
            parts = {}
            for spec in entry.get("parts", []):
                spec = dict(spec)
                expected = spec.pop("expected")
                part = Part.from_spec(spec, str(path))
                parts[part.part] = (part, expected)
            keys[name] = SolutionKey(name, parts, [])
    except (PartsError, KeyError, TypeError, AttributeError) as exc:
        raise GradingError(f"the installed answer key {path} is damaged ({exc}): reinstall the package") from None
    return keys
