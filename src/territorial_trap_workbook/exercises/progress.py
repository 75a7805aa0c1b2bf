"""A learner's progress, chapter by chapter: what is right, what is still open, which written answers they marked.

``workbook check --progress FOLDER`` grades a learner's own notebooks (``grading``) and hands the reports here.
Computed answers come from the grading run; self-marks are read from the notebook files as saved, without
running anything: ``self_mark(..., points=[...])`` stores its record in the cell's output under
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
from .self_mark import RECORD_MIME, answer_hash, read_record, text_variable

RIGHT = "right"
MANUAL = "manual"
SELF_MARK_CALL = re.compile(r"""self_mark\(\s*["'](\d+\.\d+[a-z]?)["']""")


@dataclass
class SelfMarks:
    """The self-marks stored in one notebook file."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # exercise -> record (the last one)
    stale: set[str] = field(default_factory=set)  # marked before the answer text last changed
    asked: list[str] = field(default_factory=list)  # exercises with a self_mark cell, in order
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
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        for exercise in SELF_MARK_CALL.findall(_source(cell)):
            if exercise not in marks.asked:
                marks.asked.append(exercise)
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
    return f"Chapter {chapter.number} — {chapter.title}" if chapter else path.stem


@dataclass
class ChapterProgress:
    path: Path
    title: str
    right: list[str]
    open: list[str]
    written: list[str]
    marks: SelfMarks
    note: str = ""

    @property
    def marked(self) -> list[str]:
        return [ex for ex in self.written if ex in self.marks.records]

    def lines(self) -> list[str]:
        head = f"{self.title} ({self.path.name})"
        out = [head]
        if self.note:
            out.append(f"  {self.note}")
        total = len(self.right) + len(self.open)
        if total:
            out.append(f"  right: {len(self.right)} of {total} parts" + (f" ({', '.join(self.right)})" if self.right else ""))
            out.append("  still open: " + ("; ".join(self.open) if self.open else "nothing"))
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
    right, still_open, written = [], [], []
    for name, item in report.items.items():
        if item.status == MANUAL:
            exercise = name.split()[0]
            if exercise not in written:
                written.append(exercise)
        elif item.status == RIGHT:
            right.append(name)
        else:
            hint = f" — hint: {item.hint}" if item.status == "wrong" and item.hint else ""
            still_open.append(f"{name} ({item.status}{hint})")
    marks = read_self_marks(path)
    for exercise in marks.asked:  # a self-study notebook's written answers, in case the grader knows none
        if exercise not in written:
            written.append(exercise)
    note = ""
    if report.run != "ok":
        note = f"the run did not finish ({report.run}{': ' + report.detail if report.detail else ''})"
    return ChapterProgress(path, _chapter_title(path), right, still_open, written, marks, note)


def progress_lines(reports: Iterable[Any]) -> list[str]:
    """The per-chapter summary of a learner's notebooks, then the totals."""
    chapters = sorted((chapter_progress(r) for r in reports), key=lambda c: c.path.name)
    out = ["Your progress, chapter by chapter:", ""]
    for chapter in chapters:
        out += chapter.lines() + [""]
    right = sum(len(c.right) for c in chapters)
    parts = right + sum(len(c.open) for c in chapters)
    written = sum(len(c.written) for c in chapters)
    marked = [c.marks.records[ex] for c in chapters for ex in c.marked]
    out.append(f"In all: {right} of {parts} computed parts right; {len(marked)} of {written} written answers "
               f"self-marked ({_num(sum(r['awarded'] for r in marked))} of {_num(sum(r['possible'] for r in marked))} "
               "points, by your own marking).")
    return out
