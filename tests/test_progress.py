"""A learner's progress: self-marks read from saved notebooks (nothing run), with the grading run's results.

Reports are stand-ins shaped like ``grading.NotebookReport`` (path, run, detail, items of status/hint), so the
summary is tested without a kernel; ``test_cli_progress`` runs the real command once on a learner's folder.
"""
from __future__ import annotations

import re

from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from territorial_trap_workbook.exercises import self_mark as sm
from territorial_trap_workbook.exercises.progress import chapter_progress, progress_lines, read_self_marks
from territorial_trap_workbook.exercises.rubrics import encode, parse_rubric

ANSWER = "The distance is the offsetting aid, and it does not move because the chance depends only on m_U."
RUBRIC = parse_rubric("**Rubric (2 points).** 1 point: names the aid. 1 point: explains why.", "10.3")


def _record(points=(1, 0.5), text=ANSWER, exercise="10.3"):
    sm.load_rubrics(encode([RUBRIC if exercise == "10.3" else parse_rubric(
        "**Rubric (2 points).** 1 point: a. 1 point: b.", exercise)]))
    try:
        return sm.self_mark(exercise, text, points=list(points))._repr_mimebundle_()
    finally:
        sm._rubrics.clear()


def _notebook(path: Path, *cells) -> Path:
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nbformat.write(nb, str(path))
    return path


def _marked_cell(bundle, exercise="10.3"):
    cell = nbformat.v4.new_code_cell(f'self_mark("{exercise}", {sm.text_variable(exercise)}, points=[1, 0.5])')
    cell.outputs = [nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)]
    return cell


def _text_cell(text=ANSWER, exercise="10.3"):
    return nbformat.v4.new_code_cell(f'{sm.text_variable(exercise)} = """{text}"""')


def test_a_saved_self_mark_is_read_without_running_the_notebook(tmp_path):
    path = _notebook(tmp_path / "10-economic-crippling.ipynb", _text_cell(), _marked_cell(_record()),
                     nbformat.v4.new_code_cell('self_mark("10.4", answer_10_4_text)'))
    marks = read_self_marks(path)
    assert marks.written == ["10.3", "10.4"] and set(marks.records) == {"10.3"}
    assert marks.records["10.3"]["awarded"] == 1.5 and marks.stale == set() and marks.ignored == []


def test_a_mark_made_before_the_answer_changed_is_reported_as_such(tmp_path):
    path = _notebook(tmp_path / "10-x.ipynb", _text_cell(ANSWER + " And a new sentence."), _marked_cell(_record()))
    assert read_self_marks(path).stale == {"10.3"}
    same = _notebook(tmp_path / "10-y.ipynb", _text_cell("  " + ANSWER.replace(" ", "\n")), _marked_cell(_record()))
    assert read_self_marks(same).stale == set()  # spacing and line breaks are not a change


@pytest.mark.parametrize("record", [
    {"format": 1, "exercise": "10.3", "points": [5], "possible": 2},
    {"format": 1, "exercise": "../../etc", "points": [1], "possible": 2},
    {"format": 1, "exercise": "10.3", "points": "all of them", "possible": 2},
])
def test_a_hand_edited_record_is_ignored_and_named(tmp_path, record):
    bundle = {"text/plain": "x", sm.RECORD_MIME: record}
    path = _notebook(tmp_path / "10-x.ipynb", _marked_cell(bundle))
    marks = read_self_marks(path)
    assert marks.records == {} and marks.ignored == ["cell 0"]


@pytest.mark.parametrize("content", ["not json", '{"cells": 3}', "[]", '{"cells": [1, "x", null]}', "\udcff"])
def test_an_unreadable_notebook_has_no_self_marks(tmp_path, content):
    path = tmp_path / "10-x.ipynb"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert read_self_marks(path).records == {}
    assert read_self_marks(tmp_path / "missing.ipynb").records == {}


def _item(status, hint=""):
    return SimpleNamespace(status=status, message="", hint=hint, possible=1)


def test_the_summary_says_what_is_right_open_and_self_marked(tmp_path):
    ten = _notebook(tmp_path / "10-economic-crippling.ipynb", _text_cell(), _marked_cell(_record()))
    one = _notebook(tmp_path / "01-ultimatum.ipynb")
    reports = [
        SimpleNamespace(path=ten, run="ok", detail="", items={
            "10.1a": _item("right"), "10.1b": _item("wrong", "Use s = 0."), "10.2": _item("not answered"),
            "10.3 written": _item("manual"), "10.4 written": _item("manual")}),
        SimpleNamespace(path=one, run="timeout", detail="cell 4 ran longer than 30 s", items={
            "1.1": _item("not checked")}),
    ]
    text = "\n".join(progress_lines(reports))
    assert text.index("Chapter 1 — The ultimatum") < text.index("Chapter 10 — Economic crippling")
    assert "right: 1 of 3 parts (10.1a)" in text
    assert "not right yet: 10.1b (wrong — hint: Use s = 0.)" in text and "not answered yet: 10.2\n" in text
    assert "1.1 (not checked)" in text
    assert "written 10.3: self-marked 1.5 of 2 points" in text and "written 10.4: not self-marked yet" in text
    assert "the run did not finish (timeout: cell 4 ran longer than 30 s)" in text
    assert "In all: 1 of 4 computed parts right; 1 of 2 written answers self-marked (1.5 of 2 points" in text
    assert chapter_progress(reports[0]).marked == ["10.3"]


def test_workbook_check_on_a_learners_own_folder_sums_up_their_progress(tmp_path, monkeypatch, capsys):
    """The learner's command, as a self-study reader runs it: no solutions folder (the installed answer key
    gives the expected values), one computed answer right, one wrong, one written answer self-marked."""
    from territorial_trap_workbook.book.build import PROJECT_ROOT
    from territorial_trap_workbook.cli import main
    from territorial_trap_workbook.exercises.self_study import make_self_study, written_answers

    stem = "10-economic-crippling"
    solution = nbformat.read(str(PROJECT_ROOT / "solutions" / f"{stem}.ipynb"), as_version=4)
    nb = make_self_study(solution, f"solutions/{stem}.ipynb")
    cells = {c.get("id"): c for c in nb.cells}
    answer = next(c for c in nb.cells if "answer_10_1a = None" in c.source)
    # The right value from the installed key, not a call to the model: what 10.1 asks changes with the chapter
    # (it became a hand computation whose notebook no longer imports `contest`), the key follows it.
    from territorial_trap_workbook.exercises.answer_key import lookup
    right, wrong = lookup("10.1a")[1], lookup("10.1b")[1] * 3 + 1
    answer.source = f"answer_10_1a = {right!r}\nanswer_10_1b = {wrong!r}"
    first, second = written_answers(solution, stem)[:2]
    cells[second.cell_id].source = f'{sm.text_variable(second.exercise)} = """{ANSWER}"""'
    mark = cells[f"{second.cell_id}-self-mark"]
    mark.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data=_record(
        points=(1, 0.5), exercise=second.exercise))]
    folder = tmp_path / "my-notebooks"
    folder.mkdir()
    nbformat.write(nb, str(folder / f"{stem}.ipynb"))
    monkeypatch.chdir(tmp_path)  # no solutions/ here: a learner's folder
    assert main(["check", str(folder), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "expected values come from the answer key installed with the package" in out
    assert "Chapter 10 — Economic crippling and dependence on aid (10-economic-crippling.ipynb)" in out
    computed = re.search(r"right: 1 of (\d+) parts \(10\.1a\)", out)
    assert computed and "not right yet: 10.1b (wrong" in out, out
    assert f"In all: 1 of {computed[1]} computed parts right" in out
    assert f"written {first.exercise}: not self-marked yet" in out
    assert f"written {second.exercise}: self-marked 1.5 of 2 points" in out
    assert "points" not in out.split("In all")[0].split("Chapter 10")[0].replace("answer key", "")
