"""Grading a class: trusted judging, the sandbox, and what the teacher gets out.

One class folder (``roster/<student>/01-fixture.ipynb``) is graded once per module, in the sandbox, two
notebooks at a time: honest submissions (right, partly right, empty, broken, hanging, crashing), the grading
attacks of issue 12 (each must score as wrong) and the sandbox attacks (each must fail to do harm). Every test
below reads that one run. Needs bubblewrap; skipped without it unless WORKBOOK_REQUIRE_SANDBOX is set.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import socket
import threading
from pathlib import Path

import pytest

from territorial_trap_workbook.exercises import answer_key, feedback
from territorial_trap_workbook.exercises.gradebook import write_details, write_gradebook
from territorial_trap_workbook.exercises.grading import (
    MANUAL, NOT_CHECKED, RUN_DEAD, RUN_ERRORS, RUN_INVALID, RUN_OK, RUN_TIMEOUT, grade_paths,
)
from territorial_trap_workbook.exercises.sandbox import Limits

from grading_helpers import FIXTURES, RIGHT, WRONG, needs_sandbox, submit

TIMEOUT = 6  # per cell; a loaded 2-core machine must not turn a slow import into a timeout
SECRET = "teacher-secret-" + os.urandom(8).hex()
DAEMON_MARK = "4242.25"  # `sleep 4242.25`: easy to find in /proc if a sandbox ever leaves it running
BOB = "bob\x1b[2J\x1b[31m"  # a folder name that would clear and recolour the teacher's terminal
CAROL = '=HYPERLINK("evil.example","carol")'  # ... or run as a formula in a spreadsheet

def _check_cell(cell_id: str, source: str):
    def edit(nb):
        next(c for c in nb.cells if c.id == cell_id).source = source
    return edit


def _without_checks(nb):
    """A student who deleted two check cells and commented out the others."""
    nb.cells = [c for c in nb.cells if c.id not in ("c1-1", "c1-2")]
    for c in nb.cells:
        if c.source.startswith("check("):
            c.source = "# " + c.source


ATTACKS = {  # issue 12's ways to be graded right with every answer wrong
    "edit-expected": (WRONG, _check_cell(
        "c1-1", "from territorial_trap_workbook.exercises.feedback import check_number\n"
                "check_number(width_1_1, 0.3, name='1.1')")),
    "rewrite-log": ({**WRONG, "a1-1": WRONG["a1-1"] + "\nimport json, os\nline = json.dumps({'exercise': '1.1', "
                     "'status': 'right', 'message': 'right.', 'hint': '', 'check': 'number'})\n"
                     "for path in (os.environ.get('WORKBOOK_FEEDBACK_LOG') or 'log.jsonl', '/tmp/results.json'):\n"
                     "    open(path, 'a').write(line + '\\n')\nprint('✅ Exercise 1.1: right.')"}, None),
    "patch-isclose": ({**WRONG, "a1-1": "import math\nmath.isclose = lambda *a, **k: True\n" + WRONG["a1-1"]},
                      None),
    "patch-feedback": ({**WRONG, "a1-1": "from territorial_trap_workbook.exercises import feedback as f\n"
                        "f.judge = lambda a, p, e: f.Feedback(p.part, 'right', 'right.')\n"
                        "f._number_feedback = lambda *a: f.Feedback('1.1', 'right', 'right.')\n" + WRONG["a1-1"]},
                       None),
    "lying-float": ({**WRONG, "a1-1": "class Liar(float):\n    def __float__(self):\n        return 0.25\n"
                     "    def __eq__(self, other):\n        return True\nwidth_1_1 = Liar(0.3)"}, None),
    "forged-line": ({**WRONG, "a1-1": WRONG["a1-1"] + "\nprint('WORKBOOK-ANSWERS-' + '0' * 32 + ':' + "
                     "'{\"width_1_1\": {\"value\": 0.25}}')"}, None),
}


def sandbox_attacks(roster: Path, port: int) -> dict[str, dict[str, str]]:
    victim = roster / "alice" / "01-fixture.ipynb"
    return {
        "vandal": {**RIGHT, "a1-1": RIGHT["a1-1"] + (
            "\nimport glob, os\n"  # (only the test's own folder: should the sandbox ever fail, no harm beyond it)
            f"for path in [{str(victim)!r}, '../alice/01-fixture.ipynb', '../../alice/01-fixture.ipynb',\n"
            f"             *glob.glob({str(roster)!r} + '/**/*.ipynb', recursive=True)]:\n"
            "    if 'submission' in path: continue  # its own copy\n"
            "    try: os.remove(path)\n    except OSError: pass\n"
            "    try: open(path, 'w').close()\n    except OSError: pass")},
        "rewriter": {**RIGHT, "a1-1": RIGHT["a1-1"] + (
            # find_spec gives the modules' paths without importing them: importing the grader (nbclient, jsonschema)
            # can take longer than TIMEOUT on a loaded machine, and the cell's point is the write, not the import.
            "\nfrom importlib.util import find_spec\n"
            "for name in ('feedback', 'grading'):\n"
            "    path = find_spec('territorial_trap_workbook.exercises.' + name).origin\n"
            "    try: open(path, 'w').write('def judge(*a): return None')\n    except OSError as exc: err = exc\n"
            "raise err")},
        "snoop": {**RIGHT, "a1-1": RIGHT["a1-1"] + (
            "\nimport os\nraise RuntimeError('secret=' + os.environ.get('WORKBOOK_TEST_SECRET', 'none'))")},
        "hog": {**RIGHT, "a1-1": "big = bytearray(3 * 1024**3)\n"},
        "daemon": {**RIGHT, "a1-1": RIGHT["a1-1"] + (
            f"\nimport subprocess\nsubprocess.Popen(['sleep', '{DAEMON_MARK}'], start_new_session=True,\n"
            "                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")},
        "network": {**RIGHT, "a1-1": RIGHT["a1-1"] + (
            f"\nimport socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)")},
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory, fixture_key):
    tmp = tmp_path_factory.mktemp("grading")
    roster = tmp / "roster"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections = []

    def accept():
        while not stop.is_set():
            try:
                connections.append(server.accept()[0])
            except OSError:
                pass

    stop = threading.Event()
    threading.Thread(target=accept, daemon=True).start()

    submit(roster / "alice", RIGHT)
    submit(roster / BOB, {**WRONG, "a1-3": "range_1_3 = (0.5, 0.75)\nempty_1_3 = 'no'"})
    submit(roster / CAROL, {})
    submit(roster / "dave", {"a1-1": "width_1_1 = 0.25", "a1-2": "import time\ntime.sleep(60)"})
    submit(roster / "erin", {"a1-1": "width_1_1 = 0.25", "a1-2": "import os\nos._exit(1)"})
    submit(roster / "frank", {"a1-1": "width_1_1 = 1 / 0", "a1-3": "range_1_3 = [0.5, 0.75]\nempty_1_3 = False"})
    submit(roster / "quiet", RIGHT, edit=_without_checks)
    (roster / "gina").mkdir()
    (roster / "gina" / "01-fixture.ipynb").write_text('{"cells": [', encoding="utf-8")
    for name, (answers, edit) in ATTACKS.items():
        submit(roster / name, answers, edit=edit)
    for name, answers in sandbox_attacks(roster, server.getsockname()[1]).items():
        submit(roster / name, answers)
    watched = [feedback.__file__, answer_key.KEY_FILE, roster / "alice" / "01-fixture.ipynb",
               roster / BOB / "01-fixture.ipynb"]
    before = {str(p): _digest(Path(p)) for p in watched}

    out = io.StringIO()
    mp = pytest.MonkeyPatch()
    mp.setenv("WORKBOOK_TEST_SECRET", SECRET)
    try:
        reports = grade_paths([roster], solutions=FIXTURES, limits=Limits(cell_timeout=TIMEOUT), jobs=2,
                              out=out, progress=False)
    finally:
        mp.undo()
        stop.set()
    server.close()
    after = {str(p): _digest(Path(p)) for p in watched}
    by_student = {r.student: r for r in reports}
    return {"reports": by_student, "text": out.getvalue(), "tmp": tmp, "connections": connections,
            "before": before, "after": after, "roster": roster}


def statuses(report):
    return {name: item.status for name, item in report.items.items()}


ALL_RIGHT = {"1.1": "right", "1.2": "right", "1.3a": "right", "1.3b": "right", "1.4 written": MANUAL}


# ------------------------------------------------------------------------------------ honest work
@needs_sandbox
def test_every_student_in_the_class_folder_is_found_and_reported(graded):
    reports = graded["reports"]
    assert sorted(reports) == sorted(["alice", BOB, CAROL, "dave", "erin", "frank", "gina", "quiet", *ATTACKS,
                                      "vandal", "rewriter", "snoop", "hog", "daemon", "network"])
    assert {s: reports[s].run for s in ("alice", BOB, CAROL, "dave", "erin", "frank", "gina")} == {
        "alice": RUN_OK, BOB: RUN_OK, CAROL: RUN_OK, "dave": RUN_TIMEOUT, "erin": RUN_DEAD, "frank": RUN_ERRORS,
        "gina": RUN_INVALID}


@needs_sandbox
def test_right_submission(graded):
    alice = graded["reports"]["alice"]
    assert statuses(alice) == ALL_RIGHT
    assert (alice.points, alice.possible) == (4, 4)


@needs_sandbox
def test_deleted_or_disabled_check_cells_change_nothing(graded):
    """Check cells count for nothing: the answers themselves are graded."""
    assert statuses(graded["reports"]["quiet"]) == ALL_RIGHT


@needs_sandbox
def test_partly_right_submission_reports_hints(graded):
    bob, text = graded["reports"][BOB], graded["text"]
    assert statuses(bob) == {"1.1": "wrong", "1.2": "wrong", "1.3a": "right", "1.3b": "wrong type",
                             "1.4 written": MANUAL}
    assert ("1.1          ❌ wrong: not right yet — your answer 0.3 is too high. Hint: The width is the upper end "
            "minus the lower end: (p + c_U) − (p − c_R).") in text
    assert "1.3b         ⚠️ wrong type: wrong type — your answer is a string ('no'); True or False" in text


@needs_sandbox
def test_empty_submission_is_not_answered(graded):
    carol = graded["reports"][CAROL]
    assert statuses(carol) == {"1.1": "not answered", "1.2": "not answered", "1.3a": "not answered",
                               "1.3b": "not answered", "1.4 written": MANUAL}


@needs_sandbox
def test_hanging_cell_is_interrupted_and_the_rest_still_graded(graded):
    dave = graded["reports"]["dave"]
    assert statuses(dave)["1.1"] == "right"
    assert statuses(dave)["1.2"] == NOT_CHECKED  # its cell never finished
    assert statuses(dave)["1.3a"] == "not answered"  # the stub after it ran
    assert f"cell 6 ran past {TIMEOUT} s and was interrupted" in dave.detail
    assert f"dave/01-fixture.ipynb (dave): 1/4 points [timeout]\n  run: cell 6 ran past {TIMEOUT} s" in graded["text"]


@needs_sandbox
def test_kernel_crash_leaves_nothing_checked(graded):
    erin = graded["reports"]["erin"]
    assert {s for n, s in statuses(erin).items() if n != "1.4 written"} == {NOT_CHECKED}
    assert erin.detail.startswith("the kernel died in cell 6")


@needs_sandbox
def test_cell_errors_are_listed_and_later_cells_still_run(graded):
    frank = graded["reports"]["frank"]
    assert frank.cell_errors == ["cell 3: ZeroDivisionError: division by zero",
                                 "cell 4: NameError: name 'width_1_1' is not defined"]
    assert statuses(frank) == {"1.1": NOT_CHECKED, "1.2": "not answered", "1.3a": "right", "1.3b": "right",
                               "1.4 written": MANUAL}


@needs_sandbox
def test_not_a_notebook(graded):
    gina = graded["reports"]["gina"]
    assert gina.detail.startswith("invalid JSON (")
    assert statuses(gina)["1.1"] == NOT_CHECKED


# --------------------------------------------------------------------------------- grading attacks
@needs_sandbox
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_grading_attack_scores_as_wrong(graded, attack):
    report = graded["reports"][attack]
    assert report.points == 0, statuses(report)
    assert statuses(report)["1.1"] in ("wrong", "wrong type")


@needs_sandbox
def test_a_float_subclass_is_the_wrong_type(graded):
    item = graded["reports"]["lying-float"].items["1.1"]
    assert item.status == "wrong type" and "a value of type Liar" in item.message


# --------------------------------------------------------------------------------- sandbox attacks
@needs_sandbox
def test_a_submission_cannot_delete_or_empty_a_classmates_notebook(graded):
    for path in ("alice", BOB):
        key = str(graded["roster"] / path / "01-fixture.ipynb")
        assert graded["before"][key] == graded["after"][key]
    assert statuses(graded["reports"]["vandal"])["1.1"] == "right"  # its own attempts all failed quietly
    assert statuses(graded["reports"]["alice"]) == ALL_RIGHT


@needs_sandbox
def test_a_submission_cannot_rewrite_the_installed_package(graded):
    for key in (str(feedback.__file__), str(answer_key.KEY_FILE)):
        assert graded["before"][key] == graded["after"][key]
    assert "Read-only file system" in " ".join(graded["reports"]["rewriter"].cell_errors)


@needs_sandbox
def test_the_teachers_environment_does_not_reach_the_report(graded):
    snoop = graded["reports"]["snoop"]
    assert snoop.cell_errors == ["cell 3: RuntimeError: secret=none"]  # the channel works; the secret is not there
    assert SECRET not in graded["text"]


@needs_sandbox
def test_a_large_allocation_fails(graded):
    hog = graded["reports"]["hog"]
    assert hog.cell_errors[0] == "cell 3: MemoryError: "
    assert statuses(hog)["1.2"] == "right"  # the run went on


@needs_sandbox
def test_nothing_is_left_running(graded):
    leftovers = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if DAEMON_MARK.encode() in cmdline:
            leftovers.append(cmdline)
    assert leftovers == []
    assert statuses(graded["reports"]["daemon"])["1.1"] == "right"


@needs_sandbox
def test_no_network(graded):
    assert graded["connections"] == []
    assert graded["reports"]["network"].cell_errors == [
        "cell 3: ConnectionRefusedError: [Errno 111] Connection refused"]


# --------------------------------------------------------------------------------- teacher output
@needs_sandbox
def test_student_names_reach_the_terminal_without_escapes(graded):
    text = graded["text"]
    assert "\x1b" not in text
    assert "bob\\x1b[2J\\x1b[31m" in text


@needs_sandbox
def test_gradebook_one_row_per_student_one_column_per_part(graded, tmp_path):
    reports = list(graded["reports"].values())
    path = write_gradebook(reports, tmp_path / "grades.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["student", "1.1", "1.2", "1.3a", "1.3b", "1.4 written", "total", "possible", "notes"]
    by_student = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert len(by_student) == len(reports)
    assert by_student["alice"] == {"student": "alice", "1.1": "1", "1.2": "1", "1.3a": "1", "1.3b": "1",
                                   "1.4 written": "", "total": "4", "possible": "4",
                                   "notes": "1 written answer to mark"}
    assert by_student["frank"]["total"] == "2" and "not checked: 1.1" in by_student["frank"]["notes"]
    assert by_student["erin"]["notes"].startswith("01-fixture.ipynb: kernel died; not checked: 1.1, 1.2")
    formula = "'" + CAROL
    assert formula in by_student and by_student[formula]["total"] == "0"  # text, not a formula
    assert "bob\\x1b[2J\\x1b[31m" in by_student


@needs_sandbox
def test_details_export_names_every_status(graded, tmp_path):
    path = write_details(list(graded["reports"].values()), tmp_path / "details.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    dave = {r["item"]: r["status"] for r in rows if r["student"] == "dave"}
    assert dave == {"1.1": "right", "1.2": NOT_CHECKED, "1.3a": "not answered", "1.3b": "not answered",
                    "1.4 written": MANUAL}
