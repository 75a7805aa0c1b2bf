"""Export grades: one row per student for a gradebook, and one row per item for the teacher's review.

``write_gradebook`` (``workbook check --csv``): columns ``student``, one per auto-checked exercise part (``3.2a``
and ``3.2b`` apart) holding the points earned, one per written answer (``3.3 written``, left empty for the
teacher), then ``total`` (auto-checked points earned), ``possible`` (auto-checked points available) and
``notes`` (runs that did not finish, parts not checked, written answers to mark). Moodle's and Canvas's CSV
grade imports map ``student`` to a user and any numeric column to a grade item.

``write_details`` (``--details``): student, notebook, item, status, points, possible, message, hint.

Every cell goes through ``safe_text.for_csv``: student-chosen text cannot become a spreadsheet formula.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .grading import MANUAL, NOT_CHECKED, RUN_OK, NotebookReport, natural_key
from .safe_text import for_csv


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def gradebook_rows(reports: list[NotebookReport]) -> tuple[list[str], list[list[str]]]:
    items = sorted({name for r in reports for name in r.items}, key=natural_key)
    students: dict[str, list[NotebookReport]] = {}
    for r in reports:
        students.setdefault(r.student, []).append(r)
    header = ["student", *items, "total", "possible", "notes"]
    rows = []
    for student in sorted(students, key=natural_key):
        cells: dict[str, str] = {}
        total = possible = 0.0
        notes: list[str] = []
        for r in students[student]:
            if r.run != RUN_OK:
                notes.append(f"{r.path.name}: {r.run}")
            for name, item in r.items.items():
                if name in cells:
                    notes.append(f"{name} answered twice; {r.path.name} not counted")
                    continue
                if item.status == MANUAL:
                    cells[name] = ""
                    continue
                cells[name] = _num(item.points)
                total += item.points or 0
                possible += item.possible
            unchecked = [n for n, i in r.items.items() if i.status == NOT_CHECKED]
            if unchecked:
                notes.append(f"not checked: {', '.join(unchecked)}")
        manual = sum(1 for r in students[student] for i in r.items.values() if i.status == MANUAL)
        if manual:
            notes.append(f"{manual} written answer{'s' if manual != 1 else ''} to mark")
        rows.append([student, *(cells.get(name, "") for name in items), _num(total), _num(possible),
                     "; ".join(notes)])
    return header, rows


def _write(path: str | Path, header: list[str], rows: list[list[str]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([for_csv(h) for h in header])
        w.writerows([[for_csv(c) for c in row] for row in rows])
    return path


def write_gradebook(reports: list[NotebookReport], path: str | Path) -> Path:
    return _write(path, *gradebook_rows(reports))


def write_details(reports: list[NotebookReport], path: str | Path) -> Path:
    header = ["student", "notebook", "item", "status", "points", "possible", "message", "hint"]
    rows = [[r.student, str(r.path), name, i.status, _num(i.points), _num(i.possible), i.message, i.hint]
            for r in reports for name, i in r.items.items()]
    rows += [[r.student, str(r.path), "", r.run, "", "", r.detail, ""] for r in reports if not r.items]
    return _write(path, header, rows)
