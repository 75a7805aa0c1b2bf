"""`workbook check` from the command line: bad options, empty folders, no sandbox, and stopping a run."""
from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from territorial_trap_workbook.exercises import cli, grading
from territorial_trap_workbook.exercises.grading import GradingError, Submission, choose_sandbox, collect

from grading_helpers import FIXTURES, RIGHT, needs_sandbox, submit

SOLUTION = "01-fixture.ipynb"


def parse(*argv):
    parser = argparse.ArgumentParser(prog="workbook")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["check", *argv])


@pytest.mark.parametrize("option, value", [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "-1"), ("--timeout", "0"), ("--timeout", "soon"),
    ("--cpu-time", "nan"), ("--memory", "1K"), ("--memory", "lots"), ("--jobs", "0"), ("--jobs", "2.5"),
])
def test_bad_options_get_one_clear_line(option, value, capsys):
    with pytest.raises(SystemExit) as stop:
        parse("x.ipynb", option, value)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: must be" in err and "Traceback" not in err


def test_fractional_timeout_and_sizes_are_accepted():
    args = parse("x.ipynb", "--timeout", "2.5", "--memory", "512M", "--cpu-time", "60")
    assert (args.timeout, args.memory, args.cpu_time) == (2.5, 512 * 1024**2, 60.0)


def test_no_notebooks_found_writes_nothing(tmp_path, capsys):
    (tmp_path / "roster" / "alice").mkdir(parents=True)
    args = parse(str(tmp_path / "roster"), "--solutions", str(FIXTURES), "--csv", str(tmp_path / "g.csv"),
                 "--no-progress")
    assert args.func(args) == 2
    captured = capsys.readouterr()
    assert "no notebooks found" in captured.err and "wrote" not in captured.out
    assert not (tmp_path / "g.csv").exists()


def test_missing_solutions_folder(tmp_path, capsys):
    args = parse(str(tmp_path), "--solutions", str(tmp_path / "nope"), "--no-progress")
    assert args.func(args) == 2
    assert "no solutions folder" in capsys.readouterr().err


def test_collect_finds_a_class_a_learner_and_loose_files(tmp_path):
    for who in ("alice", "bob", ".ipynb_checkpoints"):
        submit(tmp_path / "class" / who, {})
    submit(tmp_path / "mine", {})
    submit(tmp_path / "loose", {}, name="zoe.ipynb")
    found = collect([tmp_path / "class", tmp_path / "mine", tmp_path / "loose"], {SOLUTION})
    assert [(s.student, s.path.relative_to(tmp_path).as_posix()) for s in found] == [
        ("alice", "class/alice/01-fixture.ipynb"), ("bob", "class/bob/01-fixture.ipynb"),
        ("mine", "mine/01-fixture.ipynb"), ("zoe", "loose/zoe.ipynb")]


def test_without_a_sandbox_a_class_is_refused_and_a_learner_is_told(monkeypatch):
    monkeypatch.setattr(grading, "find_bwrap", lambda: None)
    class_ = [Submission(Path("a/01.ipynb"), "a"), Submission(Path("b/01.ipynb"), "b")]
    with pytest.raises(GradingError, match="refusing to run other people's notebooks without a sandbox"):
        choose_sandbox(class_, unsafe=False)
    sandboxed, notice = choose_sandbox(class_, unsafe=True)
    assert not sandboxed and notice.startswith("WARNING") and "WITHOUT a sandbox" in notice
    sandboxed, notice = choose_sandbox(class_[:1], unsafe=False)
    assert not sandboxed and "Checking your own notebooks without a sandbox" in notice


def test_a_learner_without_bubblewrap_still_gets_a_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(grading, "find_bwrap", lambda: None)
    path = submit(tmp_path / "me", RIGHT)
    args = parse(str(path), "--solutions", str(FIXTURES), "--no-progress", "--report")
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "without a sandbox" in out and "(me): 4/4 points" in out


# ------------------------------------------------------------------------------------ stopping a run
MARK = "4343.5"


def _running(mark: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if mark.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            pass
    return found


def _sigint_as_in_a_terminal() -> None:
    """Ctrl-C's signal as a teacher's shell delivers it: a process started with SIGINT ignored (an xdist worker
    after some modules, a background job) passes the ignore on, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@needs_sandbox
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_and_writes_a_partial_report(tmp_path, sig, code):
    """Slow-ish (about 10 s): a real `workbook check` process, stopped while a notebook hangs."""
    roster = tmp_path / "roster"
    submit(roster / "alice", RIGHT)
    hang = (f"import subprocess, time\nsubprocess.Popen(['sleep', '{MARK}'])\ntime.sleep(600)")
    submit(roster / "zed", {"a1-1": hang})
    grades = tmp_path / "grades.csv"
    proc = subprocess.Popen([sys.executable, "-m", "territorial_trap_workbook.cli", "check", str(roster),
                             "--solutions", str(FIXTURES), "--jobs", "1", "--timeout", "300", "--csv", str(grades),
                             "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_sigint_as_in_a_terminal)
    try:
        deadline = time.monotonic() + 120
        while not _running(MARK) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert _running(MARK), "the hanging notebook never started"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert "notebook(s) finished; the runs in progress were killed" in err
    assert f"wrote (partial) {grades}" in out
    with grades.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["student"] for r in rows] == ["alice"] and rows[0]["total"] == "4"
    time.sleep(0.5)
    assert _running(MARK) == []
