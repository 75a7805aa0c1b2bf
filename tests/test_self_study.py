"""Self-study notebooks and self-marking: rubrics after an answer is written, never a verdict on prose.

* every solution notebook's rubrics parse into points; a malformed rubric is refused with its notebook;
* the self-study exercise notebook of every chapter: each written answer is a text cell followed by a
  ``self_mark`` cell, the rubrics travel encoded in one folded set-up cell, and no model answer is in it;
* ``self_mark`` refuses before an answer is written, shows the rubric after, and records a self-mark only
  from valid points; hostile inputs get a message, never a traceback;
* one self-study notebook runs in a real kernel, and the record it stores is read back without running it.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest

from leaks import WordRuns, notebook_text
from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.chapters import CHAPTERS
from territorial_trap_workbook.exercises import self_mark as sm
from territorial_trap_workbook.exercises.generator import GeneratorError
from territorial_trap_workbook.exercises.markers import BEGIN_SOLUTION, END_SOLUTION
from territorial_trap_workbook.exercises.rubrics import RubricError, decode, encode, parse_rubric
from territorial_trap_workbook.exercises.self_study import SETUP_ID, make_self_study, written_answers

SOLUTIONS = PROJECT_ROOT / "solutions"
RUBRIC_10_3 = ("**Rubric (2 points).** 1 point: identifies the distance as the aid that restores the chance\n"
               "(or writes $\\tau Y s$). 1 point: explains the invariance. No point for \"because the model says so\".")
ANSWER = "The distance is the offsetting aid, and it does not move because the chance depends only on m_U."


def _solution(stem: str):
    return nbformat.read(str(SOLUTIONS / f"{stem}.ipynb"), as_version=4)


def _region_text(source: str) -> str:
    return source.split(BEGIN_SOLUTION, 1)[1].split(END_SOLUTION, 1)[0] if BEGIN_SOLUTION in source else source


# --- rubrics ---------------------------------------------------------------------------------------------
def test_a_rubric_becomes_points_to_tick_off():
    rubric = parse_rubric(RUBRIC_10_3, "10.3")
    assert rubric.total == 2 and [c.points for c in rubric.criteria] == [1, 1]
    assert rubric.criteria[0].text.startswith("Identifies the distance") and "$\\tau Y s$" in rubric.criteria[0].text
    assert rubric.notes == ('No point for "because the model says so".',)
    single = parse_rubric("**Rubric (1 point).** States that the threshold lies below 0.1 and interprets it.", "13.5")
    assert [(c.points, c.text) for c in single.criteria] == [(1, "States that the threshold lies below 0.1 and "
                                                                 "interprets it.")]
    assert decode(encode([rubric, single])) == {"10.3": rubric, "13.5": single}


@pytest.mark.parametrize("text, problem", [
    ("1 point: no heading.", "must start with"),
    ("**Rubric (3 points).** 1 point: one. 1 point: two.", "add up to 2 points, but its heading says 3"),
    ("**Rubric (2 points).** No point for anything.", "no criterion"),
    ("**Rubric (2 points).** Says something. 1 point: and more.", "add up to 3"),
])
def test_a_malformed_rubric_is_refused(text, problem):
    with pytest.raises(RubricError, match=re.escape(problem)):
        parse_rubric(text, "9.9", "solutions/09-x.ipynb: cell 4")


@pytest.mark.parametrize("blob", ["", "not base64!", encode([])[:-4], "eJzLSM3JyQcABiwCFQ=="])
def test_a_damaged_rubric_string_is_refused_by_name(blob):
    with pytest.raises(RubricError, match="could not be read"):
        decode(blob)


# --- the self-study notebooks --------------------------------------------------------------------------
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.stem)
def test_every_chapter_has_a_self_study_notebook_with_self_marking(chapter):
    solution = _solution(chapter.stem)
    written = written_answers(solution, chapter.stem)
    assert written, f"{chapter.stem} has no written answer to self-mark"
    nb = make_self_study(solution, f"solutions/{chapter.stem}.ipynb")
    nbformat.validate(nb)
    cells = nb.cells
    ids = [c.get("id") for c in cells]
    setup = cells[ids.index(SETUP_ID)]
    assert setup.metadata["jupyter"]["source_hidden"] is True
    assert ids.index(SETUP_ID) == 1 + next(i for i, c in enumerate(cells) if c.cell_type == "code")
    encoded = re.search(r'load_rubrics\("([^"]+)"\)', setup.source).group(1)
    rubric_cells = [c for c in solution.cells if "rubric" in c.metadata.get("tags", [])]
    assert decode(encoded) == {w.exercise: parse_rubric(c.source, w.exercise)
                               for w, c in zip(written, rubric_cells)}
    for w in written:
        text_cell = cells[ids.index(w.cell_id)]
        mark_cell = cells[ids.index(w.cell_id) + 1]
        assert text_cell.cell_type == "code" and re.search(rf'^{sm.text_variable(w.exercise)} = """\n\n"""$',
                                                           text_cell.source, re.M), text_cell.source
        assert mark_cell.source == f'self_mark("{w.exercise}", {sm.text_variable(w.exercise)})'
    whole = nbformat.writes(nb)
    assert "markdown cell below" not in whole and "### BEGIN" not in whole and '"rubric"' not in whole
    # No model answer and no rubric in plain text (see ``leaks``).
    body = WordRuns()
    body.add(notebook_text(whole))
    for label, text in solution_texts_of(solution):
        if "code solution" not in label:
            assert body.found(text) is None, (chapter.stem, label, body.found(text))


def solution_texts_of(solution):
    """The model answers and rubrics of one solution notebook."""
    texts = []
    for i, cell in enumerate(solution.cells):
        nbg = cell.metadata.get("nbgrader", {})
        if "rubric" in cell.metadata.get("tags", []):
            texts.append((f"cell {i} rubric", cell.source))
        elif cell.cell_type == "markdown" and nbg.get("solution"):
            texts.append((f"cell {i} model answer", _region_text(cell.source)))
    return texts


def _mini_solution(*extra_cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("## Exercise 1.1\n\nExplain in the markdown cell below.",
                                              metadata={"workbook": {"exercise": "1.1", "kind": "compute",
                                                                     "assesses": "a", "minutes": 1}}),
                *extra_cells]
    for i, c in enumerate(nb.cells):
        c["id"] = f"c{i}"
    return nb


def _written(text="The model answer."):
    return nbformat.v4.new_markdown_cell(f"{BEGIN_SOLUTION}\n{text}\n{END_SOLUTION}", metadata={"nbgrader": {
        "grade": True, "solution": True, "locked": False, "task": False, "points": 2, "grade_id": "w",
        "schema_version": 3}})


def _rubric(text=RUBRIC_10_3):
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["rubric"]})


@pytest.mark.parametrize("cells, problem", [
    ((_written(),), "has no rubric cell"),
    ((_rubric(),), "a rubric with no written answer"),
    ((_written(), _rubric(), _rubric()), "a rubric with no written answer"),
    ((_written(), _rubric(), _written(), _rubric()), "second written answer"),
    ((_written(), _rubric("**Rubric (5 points).** 1 point: a.")), "add up to 1 points, but its heading says 5"),
])
def test_a_solution_the_self_study_notebook_cannot_mark_is_refused(cells, problem):
    with pytest.raises(GeneratorError, match=re.escape(problem)):
        make_self_study(_mini_solution(*copy.deepcopy(cells)), "solutions/01-x.ipynb")


# --- self_mark in the kernel (called directly: it is plain Python) -----------------------------------------
@pytest.fixture
def loaded():
    rubric = parse_rubric(RUBRIC_10_3, "10.3")
    sm.load_rubrics(encode([rubric]))
    yield rubric
    sm._rubrics.clear()


@pytest.mark.parametrize("text", ["", "   \n  ", "I do not know yet.", "one two three four five six seven eight nine"])
def test_self_mark_refuses_before_an_answer_is_written_and_shows_no_rubric(loaded, text):
    shown = sm.self_mark("10.3", text)
    assert shown.status == "refused"
    bundle = shown._repr_mimebundle_()
    assert "Write your answer to 10.3 first" in bundle["text/markdown"] and sm.RECORD_MIME not in bundle
    for criterion in loaded.criteria:
        assert criterion.text[:30] not in bundle["text/markdown"] + bundle["text/plain"]


def test_self_mark_shows_the_rubric_once_an_answer_is_written_and_marks_nothing(loaded):
    shown = sm.self_mark("10.3", ANSWER)
    assert shown.status == "rubric"
    text = shown._repr_mimebundle_()["text/markdown"]
    for criterion in loaded.criteria:
        assert f"- [ ] (1 point) {criterion.text}" in text
    assert 'No point for "because the model says so".' in text
    assert "Nothing here has read or marked your text" in text
    assert 'self_mark("10.3", answer_10_3_text, points=[0, 0])' in text
    assert not re.search(r"\b(right|correct|wrong)\b", text, re.I)
    assert sm.RECORD_MIME not in shown._repr_mimebundle_()


def test_self_mark_records_the_learners_own_mark(loaded):
    shown = sm.self_mark("10.3", ANSWER, points=[1, 0.5])
    bundle = shown._repr_mimebundle_()
    assert shown.status == "recorded" and "1.5 of 2 points" in bundle["text/markdown"]
    assert "has not marked your text" in bundle["text/markdown"]
    record = bundle[sm.RECORD_MIME]
    assert record == {"format": 1, "exercise": "10.3", "points": [1.0, 0.5], "awarded": 1.5, "possible": 2.0,
                      "answer_sha256": sm.answer_hash(ANSWER)}
    assert sm.read_record(record)["awarded"] == 1.5
    assert sm.answer_hash(ANSWER) == sm.answer_hash("  " + ANSWER.replace(" ", "\n  ") + "\n")


@pytest.mark.parametrize("points, problem", [
    (1, "a list of 2 numbers"), ("1, 0", "a list of 2 numbers"), ([1], "your list has 1 item"),
    ([1, 0, 0], "your list has 3 items"), ([2, 0], "from 0 to 1, not 2"), ([-1, 0], "from 0 to 1, not -1"),
    ([float("nan"), 0], "not nan"), ([True, 0], "not a bool"), (["1", 0], "not a str"), ([0.3, 0], "half point"),
    ([None, 0], "not None"), ({1: 1, 2: 0}, "a list of 2 numbers"),
])
def test_self_mark_refuses_points_it_cannot_record(loaded, points, problem):
    shown = sm.self_mark("10.3", ANSWER, points=points)
    bundle = shown._repr_mimebundle_()
    assert shown.status == "problem" and problem in bundle["text/plain"], bundle["text/plain"]
    assert sm.RECORD_MIME not in bundle


def test_self_mark_does_not_record_a_mark_for_an_unwritten_answer(loaded):
    shown = sm.self_mark("10.3", "", points=[1, 1])
    assert shown.status == "refused" and sm.RECORD_MIME not in shown._repr_mimebundle_()


@pytest.mark.parametrize("exercise, text, problem", [
    ("10.9", ANSWER, "no written answer '10.9' in this notebook; its written answers are 10.3"),
    (10.3, ANSWER, "no written answer 10.3"),
    ("10.3", None, "should be text between the triple quotes of `answer_10_3_text`, not None"),
    ("10.3", ["a list"], "not a list"),
])
def test_self_mark_explains_a_careless_call(loaded, exercise, text, problem):
    shown = sm.self_mark(exercise, text)
    assert shown.status == "problem" and problem in shown.plain, shown.plain


def test_self_mark_before_the_set_up_says_to_run_it():
    sm._rubrics.clear()
    assert "run the notebook's cells from the top" in sm.self_mark("10.3", ANSWER).plain


def test_a_changed_set_up_cell_is_named_when_loading():
    with pytest.raises(RubricError, match="set-up cell of this notebook was changed"):
        sm.load_rubrics("garbage")


@pytest.mark.parametrize("record", [
    None, [], {"format": 2}, {"format": 1, "exercise": "x", "points": [1], "possible": 2},
    {"format": 1, "exercise": "1.1", "points": [3], "possible": 2},
    {"format": 1, "exercise": "1.1", "points": [True], "possible": 2},
    {"format": 1, "exercise": "1.1", "points": [], "possible": 2},
    {"format": 1, "exercise": "1.1", "points": [float("inf")], "possible": 2},
    {"format": 1, "exercise": "1.1", "points": [1], "possible": "2"},
])
def test_a_hand_edited_record_is_not_read(record):
    assert sm.read_record(record) is None


# --- one notebook in a real kernel -------------------------------------------------------------------------
def test_a_self_study_notebook_runs_refuses_then_shows_then_records(tmp_path):
    from nbclient import NotebookClient

    chapter = CHAPTERS[9]
    nb = make_self_study(_solution(chapter.stem), f"solutions/{chapter.stem}.ipynb")
    ids = [c.get("id") for c in nb.cells]
    written = written_answers(_solution(chapter.stem), chapter.stem)
    first, second = written[0], written[1]
    # The first answer is left unwritten, then written in a cell after its self_mark cell, which asks again.
    later = nbformat.v4.new_code_cell(f'{sm.text_variable(first.exercise)} = """{ANSWER}"""\n'
                                      f'self_mark("{first.exercise}", {sm.text_variable(first.exercise)})')
    later["id"] = "written-later"
    nb.cells.insert(ids.index(first.cell_id) + 2, later)
    points = [1] + [0] * (len(second.rubric.criteria) - 1)  # one point, whatever the rubric's length
    nb.cells[ids.index(second.cell_id) + 1].source = f'{sm.text_variable(second.exercise)} = """{ANSWER}"""'
    nb.cells[ids.index(second.cell_id) + 2].source = (f'self_mark("{second.exercise}", '
                                                     f'{sm.text_variable(second.exercise)}, points={points})')
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, errors
    shown = {c.get("id"): "".join(o.get("data", {}).get("text/markdown", "") for o in c.outputs)
             for c in nb.cells if c.cell_type == "code"}
    criterion = first.rubric.criteria[0].text
    assert "Write your answer to" in shown[f"{first.cell_id}-self-mark"]
    assert criterion not in shown[f"{first.cell_id}-self-mark"]
    assert criterion in shown["written-later"]
    assert f"1 of {second.rubric.total:g} points" in shown[f"{second.cell_id}-self-mark"]
    path = tmp_path / f"{chapter.stem}.ipynb"
    nbformat.write(nb, str(path))
    records = [o["data"][sm.RECORD_MIME] for c in nbformat.read(str(path), as_version=4).cells
               if c.cell_type == "code" for o in c.outputs if sm.RECORD_MIME in o.get("data", {})]
    assert [sm.read_record(r)["exercise"] for r in records] == [second.exercise]
