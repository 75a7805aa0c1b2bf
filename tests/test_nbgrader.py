"""nbgrader compatibility: its own student-version preprocessors on a solution notebook, and autograder mode.

nbgrader runs its tests in the student's kernel, so a determined student can defeat them (README); the simple
``set_mode("report")`` line cannot.

nbgrader's ``generate_assignment`` pipeline (minus the database and header steps) runs through plain nbconvert.
nbgrader knows nothing of the ``rubric`` tag: the shipped course configuration (deploy/nbgrader/nbgrader_config.py)
adds ``ClearRubric`` to nbgrader's own ``generate_assignment``, which is run here as nbgrader runs it.
"""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import NotebookExporter
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import (
    CheckCellMetadata, ClearHiddenTests, ClearMarkScheme, ClearOutput, ClearSolutions, ComputeChecksums, LockCells,
)

from territorial_trap_workbook.exercises.authoring import NBGRADER_ROLES, nbgrader_metadata
from territorial_trap_workbook.exercises.answer_key import KEY_ENV
from territorial_trap_workbook.exercises.feedback import MODE_ENV
from territorial_trap_workbook.exercises.generator import make_exercise

FIXTURE = Path(__file__).parent / "fixtures" / "solutions" / "01-fixture.ipynb"


def _student_version(nb):
    exporter = NotebookExporter()
    for pp in (LockCells, ClearSolutions, ClearOutput, CheckCellMetadata, ComputeChecksums, ClearHiddenTests,
               ClearMarkScheme, ComputeChecksums, CheckCellMetadata):
        exporter.register_preprocessor(pp(), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={})
    return nbformat.reads(body, as_version=4)


def test_nbgrader_generates_student_version_of_a_solution_notebook():
    sol = nbformat.read(str(FIXTURE), as_version=4)
    MetadataValidator().validate_nb(sol)
    student = _student_version(sol)
    text = nbformat.writes(student)
    assert "BEGIN SOLUTION" not in text and "upper - lower" not in text and "HIDDEN TESTS" not in text
    assert "Because fighting destroys value" not in text  # the written model answer
    cells = {c.id: c for c in student.cells}
    assert "raise NotImplementedError()" in cells["a1-1"].source
    for check in ("c1-1", "c1-2", "c1-3a", "c1-3b"):  # public checks are kept, locked, checksummed
        assert cells[check].source.startswith('check("')
        assert cells[check].metadata["nbgrader"]["locked"] is True
        assert "checksum" in cells[check].metadata["nbgrader"]
    assert "assert abs(width_1_1" not in cells["c1-1"].source


def test_our_generator_and_nbgrader_remove_the_same_solutions():
    sol = nbformat.read(str(FIXTURE), as_version=4)
    ours = {c.id: c.source for c in make_exercise(sol, "solutions/01-fixture.ipynb").cells}
    theirs = {c.id: c.source for c in _student_version(sol).cells}
    changed_ours = {cid for cid, src in ours.items() if src != next(c.source for c in sol.cells if c.id == cid)}
    changed_theirs = {cid for cid, src in theirs.items() if src != next(c.source for c in sol.cells if c.id == cid)}
    assert changed_ours == changed_theirs == {"a1-1", "c1-1", "a1-2", "a1-3", "w1-4"}


@pytest.mark.parametrize("role", NBGRADER_ROLES)
def test_nbgrader_metadata_helper_is_valid_for_nbgrader(role):
    cell_type = "markdown" if role in ("written", "task") else "code"
    meta = nbgrader_metadata(f"id-{role}", role, points=2)
    cell = nbformat.from_dict({"cell_type": cell_type, "source": "x", "metadata": {"nbgrader": meta}, "id": "c"})
    MetadataValidator().validate_cell(cell)
    assert meta["schema_version"] == 3
    assert ("points" in meta) == (role in ("check", "written", "task"))


def test_nbgrader_metadata_rejects_bad_input():
    with pytest.raises(ValueError):
        nbgrader_metadata("x", "check")  # no points
    with pytest.raises(ValueError):
        nbgrader_metadata("has space", "answer")
    with pytest.raises(ValueError):
        nbgrader_metadata("x", "grade")


def _run(nb, env_extra, cwd):
    from nbclient import NotebookClient

    env = {**os.environ, **env_extra}
    client = NotebookClient(nb, timeout=30, kernel_name="python3", allow_errors=True,
                            shutdown_kernel="immediate", resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)
    return [c.id for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error" and o.ename == "AssertionError"]


def test_autograder_mode_validates_solution_and_fails_blank_exercise(tmp_path, fixture_key):
    """nbgrader's ``validate`` and ``validate --invert``: with WORKBOOK_FEEDBACK=raise the solution passes every
    check, and the generated exercise notebook fails every check cell (with AssertionError, not a crash)."""
    env = {MODE_ENV: "raise", KEY_ENV: str(fixture_key[0])}
    sol = nbformat.read(str(FIXTURE), as_version=4)
    exercise = make_exercise(sol, "solutions/01-fixture.ipynb")
    assert _run(sol, env, tmp_path) == []
    assert _run(exercise, env, tmp_path) == ["c1-1", "c1-2", "c1-3a", "c1-3b"]


def test_set_mode_report_in_an_answer_cell_does_not_change_the_nbgrader_grade(tmp_path, fixture_key):
    """The issue's attack: one line in an answer cell scored 6/6 under nbgrader where the honest copy scored 0."""
    env = {MODE_ENV: "raise", KEY_ENV: str(fixture_key[0])}
    exercise = make_exercise(nbformat.read(str(FIXTURE), as_version=4), "solutions/01-fixture.ipynb")
    answer = next(c for c in exercise.cells if c.id == "a1-1")
    answer.source = ("from territorial_trap_workbook.exercises.feedback import set_mode\nset_mode('report')\n"
                     "import os\nos.environ.pop('WORKBOOK_FEEDBACK', None)\nwidth_1_1 = 0.3")
    assert _run(exercise, env, tmp_path) == ["c1-1", "c1-2", "c1-3a", "c1-3b"]


# ------------------------------------------------------------------------------------- rubrics through nbgrader
DEPLOY_CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "nbgrader" / "nbgrader_config.py"


def _generate_assignment(course, nb, config_file=DEPLOY_CONFIG):
    """nbgrader's GenerateAssignment converter with a course configuration file, as `nbgrader generate_assignment
    ps1 --no-db` runs it (no database: it needs the alembic command); returns the released notebook."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    (course / "source" / "ps1").mkdir(parents=True)
    nbformat.write(nb, str(course / "source" / "ps1" / "01-fixture.ipynb"))
    cfg = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config() if config_file else Config()
    cfg.CourseDirectory.root = str(course)
    cfg.CourseDirectory.assignment_id = "ps1"
    cfg.GenerateAssignment.no_database = True
    cfg.SaveCells.enabled = False  # what --no-db sets
    GenerateAssignment(coursedir=CourseDirectory(config=cfg), config=cfg).start()
    return nbformat.read(str(course / "release" / "ps1" / "01-fixture.ipynb"), as_version=4)


def _rubric(nb):
    return next(c.source for c in nb.cells if "rubric" in c.metadata.get("tags", []))


def test_generate_assignment_with_the_shipped_config_releases_no_rubric(tmp_path):
    sol = nbformat.read(str(FIXTURE), as_version=4)
    released = _generate_assignment(tmp_path / "course", sol)
    text = nbformat.writes(released)
    assert _rubric(sol) not in text and "Rubric" not in text
    assert "raise NotImplementedError()" in text and "upper - lower" not in text  # nbgrader's own steps ran
    assert [c.id for c in released.cells] == [c.id for c in make_exercise(sol, "s/x.ipynb").cells]
    plain = _generate_assignment(tmp_path / "plain", sol, config_file=None)
    assert _rubric(sol) in nbformat.writes(plain)  # without the configuration nbgrader releases it


def test_generate_assignment_refuses_a_mistyped_marker(tmp_path):
    from nbgrader.converters.base import NbGraderException

    sol = nbformat.read(str(FIXTURE), as_version=4)
    sol.cells[3].source = sol.cells[3].source.replace("### BEGIN SOLUTION", "#### BEGIN SOLUTION")
    with pytest.raises(NbGraderException):
        _generate_assignment(tmp_path / "course", sol)
    assert not (tmp_path / "course" / "release" / "ps1" / "01-fixture.ipynb").exists()


def test_clear_rubric_refuses_a_rubric_cell_nbgrader_grades():
    from territorial_trap_workbook.exercises.nbgrader_rubric import ClearRubric, RubricCellError

    cell = nbformat.v4.new_markdown_cell("Rubric", metadata={"tags": ["rubric"],
                                                             "nbgrader": nbgrader_metadata("t", "task", points=1)})
    with pytest.raises(RubricCellError, match="cell 0 .* is solution-only but nbgrader grades it"):
        ClearRubric().preprocess(nbformat.v4.new_notebook(cells=[cell]), {})
