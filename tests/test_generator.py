"""Exercise generator: markers replaced, names stubbed, deterministic, edited notebooks protected."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises.authoring import (
    ExerciseMetadataError, exercise_cell_metadata, exercise_metadata, nbgrader_metadata,
)
from territorial_trap_workbook.exercises.generator import (
    BACKED_UP, CODE_STUB, MARKDOWN_STUB, UNCHANGED, WRITTEN, EditedNotebookError, GeneratorError,
    assigned_names, cells_hash, check_in_sync, generate_all, generate_notebook, make_exercise, render,
)

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"
FIXTURE = FIXTURES / "01-fixture.ipynb"


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "solutions")
    return tmp_path


def _cells(path):
    return nbformat.read(str(path), as_version=4).cells


def _generate(repo, **kw):
    return generate_all(repo / "solutions", repo / "exercises", **kw)


def test_solution_code_is_replaced_by_stubs(repo):
    _generate(repo)
    cells = {c.id: c for c in _cells(repo / "exercises" / "01-fixture.ipynb")}
    # lower and upper are the solution's working names: no given code reads them, so the stub leaves them out
    assert cells["a1-1"].source == f"{CODE_STUB}\nwidth_1_1 = None"
    assert cells["a1-3"].source == f"{CODE_STUB}\nrange_1_3 = None\nempty_1_3 = None"
    text = (repo / "exercises" / "01-fixture.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text and "p - c_R, p + c_U\\n" not in text
    assert "upper - lower" not in text


def test_checks_kept_hidden_tests_removed(repo):
    _generate(repo)
    cells = {c.id: c for c in _cells(repo / "exercises" / "01-fixture.ipynb")}
    assert cells["c1-1"].source == 'check("1.1", width_1_1)'
    assert cells["c1-3a"].source == 'check("1.3a", range_1_3)'


@pytest.mark.parametrize("check_source", [
    'check("1.1", width_1_1, expected=0.25)',  # an expected value in the student's check cell
    'check_number(width_1_1, 0.25, name="1.1")',  # the old form, with the answer in it
    'check("1.1", width_1_1)\nprint(c_R + c_U)',  # anything besides the call
    'check("1.9", width_1_1)',  # a part no answer cell declares
    'check("1.1", lower)',  # the wrong answer variable
])
def test_check_cell_must_name_part_and_answer_only(check_source):
    sol = nbformat.read(str(FIXTURE), as_version=4)
    next(c for c in sol.cells if c.id == "c1-1").source = check_source
    with pytest.raises(GeneratorError, match=r"solutions/x.ipynb: cell 4"):
        make_exercise(sol, "solutions/x.ipynb")


def test_part_without_check_cell_or_with_other_points_is_refused():
    sol = nbformat.read(str(FIXTURE), as_version=4)
    sol.cells = [c for c in sol.cells if c.id != "c1-3b"]
    with pytest.raises(GeneratorError, match="part 1.3b has no check cell"):
        make_exercise(sol, "solutions/x.ipynb")
    sol = nbformat.read(str(FIXTURE), as_version=4)
    next(c for c in sol.cells if c.id == "c1-2").metadata["nbgrader"]["points"] = 3
    with pytest.raises(GeneratorError, match="points 3 differ from part 1.2's points 1"):
        make_exercise(sol, "solutions/x.ipynb")


def test_markdown_answer_blanked_and_rubric_dropped(repo):
    _generate(repo)
    cells = {c.id: c for c in _cells(repo / "exercises" / "01-fixture.ipynb")}
    assert cells["w1-4"].source == MARKDOWN_STUB
    assert "r1-4" not in cells
    assert "Rubric" not in (repo / "exercises" / "01-fixture.ipynb").read_text()


def test_outputs_cleared_metadata_kept_ids_stable(repo):
    sol = nbformat.read(str(repo / "solutions" / "01-fixture.ipynb"), as_version=4)
    sol.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello")]
    sol.cells[1].execution_count = 7
    sol.cells[1].metadata["execution"] = {"iopub.status.busy": "2024-01-01T00:00:00"}
    nbformat.write(sol, str(repo / "solutions" / "01-fixture.ipynb"))
    _generate(repo)
    ex = nbformat.read(str(repo / "exercises" / "01-fixture.ipynb"), as_version=4)
    nbformat.validate(ex)
    assert (ex.nbformat, ex.nbformat_minor) == (4, 5)
    code = [c for c in ex.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "execution" not in ex.cells[1].metadata
    assert ex.cells[1].metadata["nbgrader"]["locked"] is True
    assert [c.id for c in ex.cells] == [c.id for c in sol.cells if "rubric" not in c.metadata.get("tags", [])]
    wb = ex.metadata["workbook"]
    assert wb["generated_from"] == "solutions/01-fixture.ipynb"
    assert wb["source_hash"] == cells_hash(ex.cells)
    assert ex.metadata["kernelspec"]["name"] == "python3"


def test_deterministic_byte_identical(repo, tmp_path):
    _generate(repo)
    first = (repo / "exercises" / "01-fixture.ipynb").read_bytes()
    other = tmp_path / "other"
    shutil.copytree(repo / "solutions", other / "solutions")
    generate_all(other / "solutions", other / "exercises")
    assert (other / "exercises" / "01-fixture.ipynb").read_bytes() == first
    assert _generate(repo) == {repo / "exercises" / "01-fixture.ipynb": UNCHANGED}
    assert (repo / "exercises" / "01-fixture.ipynb").read_bytes() == first


def test_cells_without_ids_get_index_ids():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a")])
    del nb.cells[0]["id"]
    assert make_exercise(nb, "solutions/x.ipynb").cells[0].id == "cell-0"


def test_assigned_names():
    code = "a = 1\nb, (c, *d) = f()\ne: int = 2\nx.attr = 3\ny[0] = 4\nf += 1\nimport os\ndef g(): h = 1\na = 2"
    assert assigned_names(code) == ["a", "b", "c", "d", "e", "os", "g"]
    assert assigned_names("    k = 1\n    m = 2") == ["k", "m"]  # indented region
    assert assigned_names("if x:\n  ") == []  # does not parse: just the comment


def _stubbed(*sources: str) -> list[str]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    return [c.source for c in make_exercise(nb, "solutions/x.ipynb").cells]


def test_a_stub_never_sets_an_import_to_none():
    """A reviewer found ``np = None`` in exercise 8.3's stub: it undoes a student's own ``import numpy as np``."""
    src = _stubbed("import numpy as np", "### BEGIN SOLUTION\nimport numpy as np\nfrom math import exp as e\n"
                   "answer_1_1 = np.mean([1, 2])\n### END SOLUTION", 'check("1.1", answer_1_1)')[1]
    assert src == f"{CODE_STUB}\nanswer_1_1 = None"


def test_a_stub_names_only_what_the_given_code_reads():
    """The solution's working names would show its steps; a name a later given cell reads is kept, or the
    student's notebook would stop there with a NameError."""
    src = _stubbed("### BEGIN SOLUTION\ngrid = [1, 2]\ncrises = len(grid)\npeak = max(grid)\n"
                   "answer_1_2 = peak\n### END SOLUTION", "print(crises)  # given: the student's own count",
                   'check("1.2", answer_1_2)')[0]
    assert src == f"{CODE_STUB}\ncrises = None\nanswer_1_2 = None"


def test_indented_region_and_no_names():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "def f(x):\n    ### BEGIN SOLUTION\n    y = 2 * x\n    return y\n    ### END SOLUTION\n\n"
        "### BEGIN SOLUTION\nprint('hi')\n### END SOLUTION")])
    src = make_exercise(nb, "solutions/x.ipynb").cells[0].source
    # y is read by nothing the student is given: the body is a comment and ``pass``
    assert src == f"def f(x):\n    {CODE_STUB}\n    pass\n\n{CODE_STUB}"
    kept = _stubbed("def f(x):\n    ### BEGIN SOLUTION\n    y = 2 * x\n    ### END SOLUTION\n    return y")[0]
    assert kept == f"def f(x):\n    {CODE_STUB}\n    y = None\n    return y"


def test_nbgrader_solution_cell_without_markers_is_stubbed():
    cell = nbformat.v4.new_code_cell("answer = 42", metadata={"nbgrader": nbgrader_metadata("a", "answer")})
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert make_exercise(nb, "s/x.ipynb").cells[0].source == f"{CODE_STUB}\nanswer = None"


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION",
                                    "### BEGIN SOLUTION\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\n"])
def test_unbalanced_markers_are_an_error_naming_the_cell(source):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("t"), nbformat.v4.new_code_cell(source)])
    with pytest.raises(GeneratorError, match=r"solutions/x.ipynb: cell 1"):
        make_exercise(nb, "solutions/x.ipynb")


def _written_and_rubric(points, heading):
    answer = nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\nmodel answer\n### END SOLUTION",
                                           metadata={"nbgrader": nbgrader_metadata("written9_1", "written", points)})
    rubric = nbformat.v4.new_markdown_cell(f"**Rubric ({heading} points).** 1 point: a. {heading - 1} points: b.",
                                           metadata={"tags": ["rubric"]})
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("q"), answer, rubric])


def test_rubric_worth_other_points_than_its_written_answer_is_refused():
    """Review ch 1 r6: 1.3's answer was graded out of 1 point while its rubric awarded 2."""
    with pytest.raises(GeneratorError, match=r"s/x.ipynb: cell 2: the rubric is worth 3 points but the written "
                                             r"answer it marks \(cell 1\) has nbgrader points 2"):
        make_exercise(_written_and_rubric(2, 3), "s/x.ipynb")
    out = make_exercise(_written_and_rubric(3, 3), "s/x.ipynb")
    assert [c.source for c in out.cells][0] == "q" and len(out.cells) == 2  # the rubric is dropped


def test_solution_only_metadata_drops_cell():
    cells = [nbformat.v4.new_markdown_cell("keep"),
             nbformat.v4.new_markdown_cell("secret", metadata={"workbook": {"solution_only": True}}),
             nbformat.v4.new_markdown_cell("secret2", metadata={"tags": ["solution-only"]})]
    out = make_exercise(nbformat.v4.new_notebook(cells=cells), "s/x.ipynb")
    assert [c.source for c in out.cells] == ["keep"]


# ------------------------------------------------------------------------------------- protection
def _edit(path):
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[3].source = "width_1_1 = 0.25  # my answer"
    nbformat.write(nb, str(path))


def test_refuses_to_overwrite_edited_notebook(repo):
    _generate(repo)
    target = repo / "exercises" / "01-fixture.ipynb"
    _edit(target)
    edited = target.read_bytes()
    (repo / "solutions" / "01-fixture.ipynb").write_text(
        (repo / "solutions" / "01-fixture.ipynb").read_text().replace("A tiny solution", "A small solution"))
    with pytest.raises(EditedNotebookError, match="01-fixture.ipynb") as err:
        _generate(repo)
    assert err.value.paths == [target]
    assert target.read_bytes() == edited


def test_unedited_but_stale_notebook_is_updated(repo):
    _generate(repo)
    target = repo / "exercises" / "01-fixture.ipynb"
    nb = nbformat.read(str(target), as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran it")]  # outputs are not edits
    nbformat.write(nb, str(target))
    sol = repo / "solutions" / "01-fixture.ipynb"
    sol.write_text(sol.read_text().replace("A tiny solution", "A small solution"))
    assert _generate(repo) == {target: WRITTEN}
    assert "A small solution" in target.read_text()


def test_backup_keeps_a_timestamped_copy(repo):
    _generate(repo)
    target = repo / "exercises" / "01-fixture.ipynb"
    _edit(target)
    edited = target.read_bytes()
    assert _generate(repo, backup=True) == {target: BACKED_UP}
    backups = list((repo / "exercises").glob("01-fixture.*.bak.ipynb"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert backups[0].name[len("01-fixture."):-len(".bak.ipynb")].replace("-", "").isdigit()
    assert "my answer" not in target.read_text()
    assert _generate(repo) == {target: UNCHANGED}  # backups are not notebooks to generate or compare


def test_force_overwrites_without_backup(repo):
    _generate(repo)
    target = repo / "exercises" / "01-fixture.ipynb"
    _edit(target)
    assert _generate(repo, force=True) == {target: WRITTEN}
    assert "my answer" not in target.read_text()
    assert not list((repo / "exercises").glob("*.bak.ipynb"))


def test_unreadable_target_counts_as_edited(repo):
    target = repo / "exercises" / "01-fixture.ipynb"
    target.parent.mkdir()
    target.write_text("not json")
    with pytest.raises(EditedNotebookError):
        generate_notebook(repo / "solutions" / "01-fixture.ipynb", target)
    assert target.read_text() == "not json"


# ------------------------------------------------------------------------------------- in sync
def test_check_in_sync(repo):
    ex = repo / "exercises"
    assert check_in_sync(repo / "solutions", ex) == [ex / "01-fixture.ipynb"]  # missing
    _generate(repo)
    assert check_in_sync(repo / "solutions", ex) == []
    nb = nbformat.read(str(ex / "01-fixture.ipynb"), as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="x")]
    nbformat.write(nb, str(ex / "01-fixture.ipynb"))
    assert check_in_sync(repo / "solutions", ex) == []  # outputs do not matter
    nb.cells[2].metadata["tags"] = ["new"]
    nbformat.write(nb, str(ex / "01-fixture.ipynb"))
    assert check_in_sync(repo / "solutions", ex) == [ex / "01-fixture.ipynb"]  # metadata does
    _generate(repo, force=True)
    shutil.copy(ex / "01-fixture.ipynb", ex / "02-orphan.ipynb")
    assert check_in_sync(repo / "solutions", ex) == [ex / "02-orphan.ipynb"]


def test_committed_exercise_notebooks_are_in_sync():
    """The repository's exercises/ are exactly what the generator makes of solutions/."""
    root = Path(__file__).resolve().parents[1]
    stale = check_in_sync(root / "solutions", root / "exercises")
    assert not stale, f"run `workbook exercises`: out of sync: {[str(p) for p in stale]}"


def test_committed_exercise_notebooks_are_clean():
    """A student gets a notebook with no outputs and no execution counts: a helper once committed an executed
    exercises/08 (its 'not answered yet' outputs), which the in-sync comparison, blind to outputs, let through."""
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "exercises").glob("[0-9][0-9]-*.ipynb")):
        code = [c for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]
        executed = [c.get("id") for c in code if c.get("outputs") or c.get("execution_count") is not None]
        assert not executed, f"{path.name}: cells {executed} carry outputs: run `workbook exercises --force`"


def test_render_is_what_is_written(repo):
    _generate(repo)
    target = repo / "exercises" / "01-fixture.ipynb"
    assert render(nbformat.read(str(target), as_version=4)) == target.read_text()


# ------------------------------------------------------------------------------------- metadata
def test_exercise_metadata_of_fixture():
    meta = exercise_metadata(FIXTURE)
    assert [m["id"] for m in meta] == ["1.1", "1.2", "1.3", "1.4"]
    assert meta[0] == {"id": "1.1", "kind": "compute", "minutes": 5, "cell_id": "q1-1",
                       "assesses": "computing the width of the bargaining range from the two costs"}


@pytest.mark.parametrize("entry, field", [
    ({"exercise": "one", "kind": "compute", "assesses": "x", "minutes": 5}, "exercise"),
    ({"exercise": "1.1", "kind": "essay", "assesses": "x", "minutes": 5}, "kind"),
    ({"exercise": "1.1", "kind": "compute", "assesses": " ", "minutes": 5}, "assesses"),
    ({"exercise": "1.1", "kind": "compute", "assesses": "x", "minutes": 0}, "minutes"),
    ({"exercise": "1.1", "kind": "compute", "assesses": "x", "minutes": True}, "minutes"),
    ({"exercise": "1.1", "kind": "compute", "assesses": "x", "minutes": 5, "points": 1}, "points"),
])
def test_exercise_metadata_errors_name_notebook_and_field(tmp_path, entry, field):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("q", metadata={"workbook": entry})])
    path = tmp_path / "03-bad.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(ExerciseMetadataError, match=rf"03-bad.ipynb: cell 0: workbook.{field} "):
        exercise_metadata(path)


def test_duplicate_exercise_id(tmp_path):
    m = exercise_cell_metadata("1.1", "compute", "x", 3)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a", metadata=m),
                                         nbformat.v4.new_markdown_cell("b", metadata=json.loads(json.dumps(m)))])
    with pytest.raises(ExerciseMetadataError, match="cell 1: workbook.exercise '1.1' already used by cell 0"):
        exercise_metadata(nb)


def test_teaching_metadata_stays_in_the_solution():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a")],
                                  metadata={"workbook": {"chapter": 1, "teaching": {"misconceptions": ["x"]}}})
    wb = make_exercise(nb, "solutions/x.ipynb").metadata["workbook"]
    assert wb["chapter"] == 1 and "teaching" not in wb


# ------------------------------------------------------------------------------------------ the intro cell
REPO = Path(__file__).resolve().parents[1]


def _intro_notebook(source: str) -> nbformat.NotebookNode:
    intro = nbformat.v4.new_markdown_cell(source, metadata={"tags": ["notebook-intro"]})
    return nbformat.v4.new_notebook(cells=[intro, nbformat.v4.new_markdown_cell("## Exercise 1.1")])


def test_intro_cell_gets_the_exercise_title_and_text():
    nb = _intro_notebook("# Chapter 4 — The pressure valve: solutions\n\nFor teachers: model answers follow.")
    cell = make_exercise(nb, "solutions/04-x.ipynb").cells[0]
    assert cell.source.startswith("# Chapter 4 — The pressure valve: exercises\n\n")
    assert "For teachers" not in cell.source and "your teacher reads and marks them" in cell.source
    assert "its check marks your first\n  answer only" in cell.source  # a prediction is not found by retrying
    assert make_exercise(nb, "solutions/04-x.ipynb").cells[1].source == "## Exercise 1.1"  # others untouched


@pytest.mark.parametrize("source", ["Chapter 4: solutions", "# Chapter 4 — Solutions for teachers", "",
                                    "# Chapter 4: solutions and more"])
def test_intro_cell_without_a_solutions_title_is_refused_naming_the_notebook(source):
    with pytest.raises(GeneratorError, match=r"solutions/04-x.ipynb: cell 0: .*notebook-intro"):
        make_exercise(_intro_notebook(source), "solutions/04-x.ipynb")


def test_intro_audiences():
    from territorial_trap_workbook.exercises.intro import exercise_intro

    self_study = exercise_intro("# Chapter 1 — X: solutions", "w", audience="self-study")
    assert "mark it yourself" in self_study and "teacher reads" not in self_study
    with pytest.raises(ValueError, match="audience must be one of student, self-study"):
        exercise_intro("# Chapter 1 — X: solutions", "w", audience="teacher")


@pytest.mark.parametrize("path", sorted((REPO / "exercises").glob("*.ipynb")), ids=lambda p: p.stem)
def test_exercise_notebook_titles_itself_and_promises_nothing_it_cannot_keep(path):
    """Each committed exercise notebook opens with its own title; nothing in it says that something compares
    written answers with a model answer or rubric (a student's notebook holds neither)."""
    cells = _cells(path)
    title = cells[0].source.split("\n", 1)[0]
    assert title.startswith("# Chapter ") and title.endswith(": exercises"), title
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown").lower()
    assert "solutions" not in text.split("\n", 1)[0]
    for promise in ("model answer", "rubric"):
        assert promise not in text, f"{path.name} says {promise!r}"
    # "compared with" alone is ordinary prose (8.4 compares a clause's price with the Kherson withdrawal)
    compared = re.search(r"(answers?|written|work)\b[^.]{0,40}\bcompared with", text)
    assert not compared, f"{path.name} says {compared.group(0)!r}"
