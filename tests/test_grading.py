"""Grading runs submissions (right, partly right, empty, broken, hanging, crashing) and reports each one."""
from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises import cli
from territorial_trap_workbook.exercises.generator import generate_all
from territorial_trap_workbook.exercises.grading import (
    MANUAL, NOT_CHECKED, RUN_DEAD, RUN_ERRORS, RUN_INVALID, RUN_OK, RUN_TIMEOUT, exercise_of, grade_notebook,
    grade_paths,
)

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"
TIMEOUT = 3


def _exercise_nb(tmp: Path) -> nbformat.NotebookNode:
    generate_all(FIXTURES, tmp / "exercises")
    return nbformat.read(str(tmp / "exercises" / "01-fixture.ipynb"), as_version=4)


def _answer(nb, cell_id, source):
    cell = next(c for c in nb.cells if c.id == cell_id)
    cell.source = source


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    subs = tmp / "submissions"
    subs.mkdir()
    base = _exercise_nb(tmp)

    def submit(name, answers, *, stored_output=False):
        nb = nbformat.from_dict(base)
        for cid, src in answers.items():
            _answer(nb, cid, src)
        if stored_output:  # a forged "right" output must be ignored: the grader runs the notebook itself
            cell = next(c for c in nb.cells if c.id == "c1-1")
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "✅ Exercise 1.1: right."})]
        nbformat.write(nb, str(subs / name))

    submit("alice.ipynb", {"a1-1": "width_1_1 = (p + c_U) - (p - c_R)", "a1-2": "end_1_2 = ' Upper'",
                           "a1-3": "range_1_3 = (0.5, 0.75)\nempty_1_3 = False",
                           "w1-4": "War destroys value, so both prefer a split."})
    submit("bob.ipynb", {"a1-1": "width_1_1 = 0.3", "a1-2": "end_1_2 = 'lower'",
                         "a1-3": "range_1_3 = (0.5, 0.75)\nempty_1_3 = 'no'"}, stored_output=True)
    submit("carol.ipynb", {})
    submit("dave.ipynb", {"a1-1": "width_1_1 = 0.25", "a1-2": "import time\ntime.sleep(60)"})
    submit("erin.ipynb", {"a1-1": "width_1_1 = 0.25", "a1-2": "import os\nos._exit(1)"})
    submit("frank.ipynb", {"a1-1": "width_1_1 = 1 / 0", "a1-3": "range_1_3 = [0.5, 0.75]\nempty_1_3 = False"})
    (subs / "gina.ipynb").write_text('{"cells": [', encoding="utf-8")
    (subs / "helen.ipynb").write_text('{"just": "json"}', encoding="utf-8")
    lines: list[str] = []

    class Out:
        def write(self, s):
            lines.append(s)

        def flush(self):
            pass

    csv_path = tmp / "out" / "summary.csv"
    reports = grade_paths([subs], timeout=TIMEOUT, csv_path=csv_path, out=Out(), progress=False)
    return {r.path.name: r for r in reports}, "".join(lines), csv_path


def test_every_submission_gets_a_report_and_the_run_goes_on(graded):
    reports, _, _ = graded
    assert sorted(reports) == ["alice.ipynb", "bob.ipynb", "carol.ipynb", "dave.ipynb", "erin.ipynb",
                               "frank.ipynb", "gina.ipynb", "helen.ipynb"]
    assert {n: r.run for n, r in reports.items()} == {
        "alice.ipynb": RUN_OK, "bob.ipynb": RUN_OK, "carol.ipynb": RUN_OK, "dave.ipynb": RUN_TIMEOUT,
        "erin.ipynb": RUN_DEAD, "frank.ipynb": RUN_ERRORS, "gina.ipynb": RUN_INVALID, "helen.ipynb": RUN_INVALID}


def _statuses(report):
    return {ex: r["status"] for ex, r in report.exercises.items()}


def test_right_submission(graded):
    reports, _, _ = graded
    assert _statuses(reports["alice.ipynb"]) == {"1.1": "right", "1.2": "right", "1.3": "right", "1.4": MANUAL}
    assert reports["alice.ipynb"].right == 3


def test_partly_right_submission_reports_hints(graded):
    reports, text, _ = graded
    bob = reports["bob.ipynb"]
    assert _statuses(bob) == {"1.1": "wrong", "1.2": "wrong", "1.3": "wrong type", "1.4": MANUAL}
    assert ("1.1  ❌ wrong: not right yet — your answer 0.3 is too high. Hint: The width is the upper end "
            "minus the lower end: (p + c_U) − (p − c_R).") in text
    assert "1.3  ⚠️ wrong type: wrong type — your answer is a string ('no'); True or False" in text


def test_empty_submission_is_not_answered(graded):
    reports, text, _ = graded
    assert _statuses(reports["carol.ipynb"]) == {"1.1": "not answered", "1.2": "not answered",
                                                 "1.3": "not answered", "1.4": MANUAL}
    assert "carol.ipynb: 0/4 right\n" in text


def test_hanging_cell_times_out(graded):
    reports, text, _ = graded
    dave = reports["dave.ipynb"]
    assert _statuses(dave) == {"1.1": "right", "1.2": NOT_CHECKED, "1.3": NOT_CHECKED, "1.4": NOT_CHECKED}
    assert f"dave.ipynb: 1/4 right [timeout]\n  run: cell 6 ran longer than {TIMEOUT} s;" in text
    assert not dave.cell_errors


def test_kernel_crash(graded):
    reports, text, _ = graded
    erin = reports["erin.ipynb"]
    assert _statuses(erin)["1.1"] == "right" and _statuses(erin)["1.2"] == NOT_CHECKED
    assert "erin.ipynb: 1/4 right [kernel died]\n  run: the kernel died in cell 6" in text


def test_cell_errors_are_listed_and_later_cells_still_run(graded):
    reports, text, _ = graded
    frank = reports["frank.ipynb"]
    assert frank.cell_errors == ["cell 3: ZeroDivisionError: division by zero",
                                 "cell 4: NameError: name 'width_1_1' is not defined"]
    assert _statuses(frank) == {"1.1": NOT_CHECKED, "1.2": "not answered", "1.3": "right", "1.4": MANUAL}
    assert "  error: cell 3: ZeroDivisionError: division by zero" in text


def test_not_a_notebook(graded):
    reports, text, _ = graded
    assert reports["gina.ipynb"].detail.startswith("invalid JSON (")
    assert "gina.ipynb: 0/0 right [not a notebook]\n  run: invalid JSON (" in text
    assert reports["helen.ipynb"].detail.startswith("cannot read it as a notebook")


def test_summary_table_and_csv(graded):
    reports, text, csv_path = graded
    assert "file" in text and "1.1" in text and f"wrote {csv_path}" in text
    with csv_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_name = {Path(r["file"]).name: r for r in rows}
    assert list(rows[0]) == ["file", "run", "right", "total", "1.1", "1.2", "1.3", "1.4"]
    assert [Path(r["file"]).name for r in rows] == sorted(by_name)
    assert {k: by_name["alice.ipynb"][k] for k in ("run", "right", "total", "1.1", "1.4")} == {
        "run": "ok", "right": "3", "total": "4", "1.1": "right", "1.4": "manual"}
    assert by_name["bob.ipynb"]["1.1"] == "wrong"
    assert by_name["dave.ipynb"]["run"] == "timeout" and by_name["dave.ipynb"]["1.2"] == "not checked"
    assert by_name["erin.ipynb"]["run"] == "kernel died"
    assert by_name["gina.ipynb"]["run"] == "not a notebook" and by_name["gina.ipynb"]["1.1"] == ""


def test_exercise_of():
    assert exercise_of("1.3a", ["1.3"]) == "1.3"
    assert exercise_of("1.3", ["1.3"]) == "1.3"
    assert exercise_of("1.31", ["1.3"]) == "1.31"
    assert exercise_of("2.1", ["1.3"]) == "2.1"


def test_missing_file_reported(tmp_path):
    assert grade_notebook(tmp_path / "nope.ipynb").run == "missing"


def test_cli_check_exit_codes(tmp_path, capsys):
    nb = _exercise_nb(tmp_path)
    shutil.rmtree(tmp_path / "exercises")
    path = tmp_path / "one.ipynb"
    nbformat.write(nb, str(path))
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["check", str(path), "--csv", str(tmp_path / "s.csv"), "--timeout", "20",
                              "--no-progress"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "one.ipynb: 0/4 right" in out and (tmp_path / "s.csv").exists()
    bad = tmp_path / "bad.ipynb"
    bad.write_text("nope")
    args = parser.parse_args(["check", str(bad), "--no-progress"])
    assert args.func(args) == 1
    args = parser.parse_args(["check", str(tmp_path / "empty-folder"), "--no-progress"])
    (tmp_path / "empty-folder").mkdir()
    assert args.func(args) == 2
