"""Check filled-in exercise notebooks by running them, and report each exercise.

``grade_notebook(path)`` runs a copy of the notebook's cells in a fresh ``python3`` kernel (nbclient; the
working directory is the notebook's folder; stored outputs are cleared first and never read). Every feedback
check appends its result to a JSON-lines log named by ``WORKBOOK_FEEDBACK_LOG`` (see ``feedback``), which the
grader sets for the kernel, so results are collected wherever the check call sits in its cell and even when
the kernel dies later. Cells that raise do not stop the run (``allow_errors``); they are listed.

A notebook that is not a notebook (invalid JSON), hangs (a cell exceeds the per-cell timeout) or kills its
kernel (``os._exit``) gets a line in its report, and the other notebooks are still checked.

Per exercise the status is the feedback status (``right``, ``wrong``, ``not answered``, ``wrong type``,
``not finite``, ``unusable``), ``manual`` when all its cells ran and none has a check (a written answer, to be
marked by hand), or ``not checked`` when its check did not run (an error in its cells, or the run stopped
before them). The exercises expected in a notebook
come from its question cells' ``workbook`` metadata, plus any other check names seen in the log; a check
named ``1.3a`` or ``1.3b`` counts for exercise ``1.3`` when ``1.3`` is declared and they are not. When an
exercise has several checks, it is right only if all are; otherwise the first check that is not right is
reported.
"""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TextIO

import nbformat

from .authoring import exercise_metadata
from .feedback import LOG_ENV, MODE_ENV
from .generator import notebooks_in

NOT_CHECKED = "not checked"  # its check did not run: an error in its cells, or the run stopped before
MANUAL = "manual"  # its cells all ran without a check: a written answer, to be marked by hand
RUN_OK = "ok"
RUN_ERRORS = "cell errors"
RUN_TIMEOUT = "timeout"
RUN_DEAD = "kernel died"
RUN_INVALID = "not a notebook"
RUN_MISSING = "missing"
RUN_FAILED = "failed"
INCOMPLETE_RUNS = (RUN_TIMEOUT, RUN_DEAD, RUN_INVALID, RUN_MISSING, RUN_FAILED)

_ICONS = {"right": "✅", "wrong": "❌", "not answered": "⏳", "wrong type": "⚠️", "not finite": "⚠️",
          "unusable": "⚠️", NOT_CHECKED: "·", MANUAL: "✍️"}


@dataclass
class NotebookReport:
    path: Path
    run: str = RUN_OK
    detail: str = ""
    exercises: dict[str, dict[str, str]] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(1 for r in self.exercises.values() if r["status"] == "right")

    def lines(self) -> list[str]:
        head = f"{self.path}: {self.right}/{len(self.exercises)} right"
        if self.run != RUN_OK:
            head += f" [{self.run}]"
        out = [head]
        if self.detail:
            out.append(f"  run: {self.detail}")
        for err in self.cell_errors:
            out.append(f"  error: {err}")
        width = max((len(k) for k in self.exercises), default=0)
        for ex, r in self.exercises.items():
            status = r["status"]
            line = f"  {ex:<{width}}  {_ICONS.get(status, '?')} {status}"
            if status not in ("right", NOT_CHECKED, MANUAL, "not answered") and r.get("message"):
                line += f": {r['message']}"
            if status == "wrong" and r.get("hint"):
                line += f" Hint: {r['hint']}"
            out.append(line)
        return out


def natural_key(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def _short(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _read_log(path: Path) -> list[dict[str, str]]:
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict) and isinstance(rec.get("exercise"), str) and isinstance(rec.get("status"), str):
            records.append(rec)
    return records


def exercise_of(check_name: str, exercises: list[str]) -> str:
    """The exercise a check belongs to: itself if declared, else a declared id it extends with letters
    (checks ``1.3a`` and ``1.3b`` belong to exercise ``1.3``), else itself."""
    if check_name in exercises:
        return check_name
    for ex in exercises:
        rest = check_name[len(ex):]
        if check_name.startswith(ex) and rest.isalpha():
            return ex
    return check_name


def grade_notebook(path: str | Path, *, timeout: float = 30, kernel_name: str = "python3",
                   startup_timeout: float = 60) -> NotebookReport:
    """Run one notebook and report its exercises (never raises for a bad notebook)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    report = NotebookReport(path)
    if not path.exists():
        report.run, report.detail = RUN_MISSING, "no such file"
        return report
    try:
        text = path.read_text(encoding="utf-8")
        json.loads(text)  # first, for a precise message on broken JSON
        nb = nbformat.reads(text, as_version=4)
    except json.JSONDecodeError as exc:
        report.run, report.detail = RUN_INVALID, f"invalid JSON ({exc.msg}, line {exc.lineno})"
        return report
    except Exception as exc:  # unreadable bytes, or JSON that is not a notebook
        report.run, report.detail = RUN_INVALID, f"cannot read it as a notebook ({type(exc).__name__}: {_short(exc, 100)})"
        return report
    if not isinstance(nb.get("cells"), list):
        report.run, report.detail = RUN_INVALID, "no cells"
        return report

    try:
        expected = [e["id"] for e in exercise_metadata(nb)]
    except Exception as exc:  # malformed metadata: still grade what the checks report
        expected = []
        report.detail = f"exercise metadata ignored: {_short(exc, 120)}"

    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None

    fd, log_name = tempfile.mkstemp(prefix="workbook-feedback-", suffix=".jsonl")
    os.close(fd)
    log = Path(log_name)
    current = {"index": None}

    def on_cell_start(cell: Any, cell_index: int) -> None:
        current["index"] = cell_index

    env = dict(os.environ)
    env[LOG_ENV] = str(log)
    env[MODE_ENV] = "report"
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, allow_errors=True,
                            startup_timeout=startup_timeout, on_cell_start=on_cell_start,
                            shutdown_kernel="immediate",  # results are already in the log
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    try:
        # The kernel's own stderr (shutdown noise after a timeout, transport warnings) is not the student's.
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        report.run = RUN_TIMEOUT
        report.detail = (f"cell {current['index']} ran longer than {timeout:g} s; "
                         "it and the cells after it were not run")
    except DeadKernelError:
        report.run = RUN_DEAD
        report.detail = f"the kernel died in cell {current['index']}; the cells after it were not run"
    except Exception as exc:
        report.run = RUN_FAILED
        report.detail = f"the run failed ({type(exc).__name__}: {_short(exc, 120)})"

    stopped = current["index"] if report.run in (RUN_TIMEOUT, RUN_DEAD) else None
    error_cells: set[int] = set()
    for i, cell in enumerate(nb.cells):
        if i == stopped:  # the interrupt of a timed-out cell is reported above, not as the student's error
            continue
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if out.get("output_type") == "error":
                error_cells.add(i)
                report.cell_errors.append(f"cell {i}: {out.get('ename')}: {_short(out.get('evalue', ''), 120)}")
    if report.cell_errors and report.run == RUN_OK:
        report.run = RUN_ERRORS

    records = _read_log(log)
    try:
        log.unlink()
    except OSError:
        pass
    # Each declared exercise owns the cells from its question cell to the next question cell.
    starts = [(i, c["metadata"]["workbook"]["exercise"]) for i, c in enumerate(nb.cells)
              if isinstance(c.get("metadata", {}).get("workbook"), dict)
              and c["metadata"]["workbook"].get("exercise") in expected]
    sections = {ex: (i, starts[k + 1][0] if k + 1 < len(starts) else len(nb.cells))
                for k, (i, ex) in enumerate(starts)}
    ran_to = len(nb.cells) if report.run in (RUN_OK, RUN_ERRORS) else (current["index"] or 0)
    for rec in records:
        rec["exercise"] = exercise_of(rec["exercise"], expected)
    names = list(expected) + [r["exercise"] for r in records if r["exercise"] not in expected]
    for name in dict.fromkeys(names):
        mine = [r for r in records if r["exercise"] == name]
        if not mine:
            lo, hi = sections.get(name, (0, len(nb.cells)))
            untouched = hi <= ran_to and not any(lo <= i < hi for i in error_cells)
            status = MANUAL if name in sections and untouched else NOT_CHECKED
            report.exercises[name] = {"status": status, "message": "", "hint": ""}
            continue
        bad = [r for r in mine if r["status"] != "right"]
        pick = bad[0] if bad else mine[-1]
        report.exercises[name] = {k: str(pick.get(k, "")) for k in ("status", "message", "hint")}
    return report


def collect_notebooks(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders expanded to their notebooks (sorted, no backups or checkpoints)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(notebooks_in(p))
        else:
            out.append(p)
    return out


def summary_rows(reports: list[NotebookReport]) -> tuple[list[str], list[list[str]]]:
    exercises = sorted({ex for r in reports for ex in r.exercises}, key=natural_key)
    header = ["file", "run", "right", "total", *exercises]
    rows = []
    for r in reports:
        rows.append([str(r.path), r.run, str(r.right), str(len(r.exercises)),
                     *[r.exercises.get(ex, {}).get("status", "") for ex in exercises]])
    return header, rows


def format_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def write_csv(reports: list[NotebookReport], csv_path: str | Path) -> Path:
    header, rows = summary_rows(reports)
    csv_path = Path(csv_path)
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return csv_path


def grade_paths(paths: Iterable[str | Path], *, timeout: float = 30, csv_path: str | Path | None = None,
                out: TextIO | None = None, progress: bool = True,
                kernel_name: str = "python3") -> list[NotebookReport]:
    """Grade notebooks and folders of notebooks; print each report, then a summary table (several files)."""
    from tqdm.auto import tqdm

    out = out or sys.stdout
    notebooks = collect_notebooks(paths)
    reports: list[NotebookReport] = []
    bar = tqdm(notebooks, desc="checking", unit="notebook", disable=not progress, file=sys.stderr)
    for nb_path in bar:
        bar.set_postfix_str(nb_path.name)
        report = grade_notebook(nb_path, timeout=timeout, kernel_name=kernel_name)
        reports.append(report)
        bar.write("\n".join(report.lines()), file=out)
    bar.close()
    if len(reports) > 1:
        header, rows = summary_rows(reports)
        print("\n" + format_table(header, rows), file=out)
    if csv_path is not None:
        written = write_csv(reports, csv_path)
        print(f"\nwrote {written}", file=out)
    return reports
