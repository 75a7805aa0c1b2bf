"""Hand-outs: a student's folder is brought up to date again and again, every run says what it did to each
notebook, and no careless sequence of runs loses a student's work."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.cli import main
from territorial_trap_workbook.exercises.generator import cells_hash, generate_all
from territorial_trap_workbook.exercises.handout import (
    ADDED, ALREADY_BESIDE, KEPT, NEW_BESIDE, NOT_UPDATED, PROBLEM, REPLACED, UP_TO_DATE, UPDATED, HandoutError,
    handout, summary,
)

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"
ONE, TWO = "01-fixture.ipynb", "02-other.ipynb"


@pytest.fixture
def repo(tmp_path):
    """A repository with two exercise notebooks generated from the fixture solution."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES, root / "solutions")
    shutil.copy(root / "solutions" / ONE, root / "solutions" / TWO)
    generate_all(root / "solutions", root / "exercises")
    return root


@pytest.fixture
def dest(repo, tmp_path):
    """A student's folder after the first hand-out."""
    folder = tmp_path / "student"
    handout(repo / "exercises", folder)
    return folder


def _actions(outcomes):
    return {o.path.name: o.action for o in outcomes}


def _student_edit(path: Path, text="width_1_1 = 0.25  # mine"):
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[3].source = text
    nbformat.write(nb, str(path))


def _student_run(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran it")]
    nbformat.write(nb, str(path))


def _author_fix(repo: Path, old="A tiny solution", new="A small solution"):
    for sol in (repo / "solutions").glob("*.ipynb"):
        sol.write_text(sol.read_text().replace(old, new))
    generate_all(repo / "solutions", repo / "exercises")


def _cli(repo, monkeypatch, *argv):
    monkeypatch.chdir(repo)
    return main(["handout", *map(str, argv)])


# ------------------------------------------------------------------------------------------ first and re-runs
def test_first_handout_copies_byte_for_byte_and_a_rerun_changes_nothing(repo, tmp_path):
    folder = tmp_path / "student"
    assert _actions(handout(repo / "exercises", folder)) == {ONE: ADDED, TWO: ADDED}
    assert (folder / ONE).read_bytes() == (repo / "exercises" / ONE).read_bytes()
    again = handout(repo / "exercises", folder)
    assert _actions(again) == {ONE: UP_TO_DATE, TWO: UP_TO_DATE}
    assert summary(again) == ["all 2 notebooks are up to date"]


def test_second_handout_with_nothing_new_keeps_edits_and_outputs_and_exits_0(repo, dest, monkeypatch, capsys):
    _student_edit(dest / ONE)
    _student_run(dest / TWO)
    before = {n: (dest / n).read_bytes() for n in (ONE, TWO)}
    assert _cli(repo, monkeypatch, dest) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == [f"  kept your edited {ONE}; everything else is up to date"]
    assert err == "" and "source_hash" not in out
    assert {n: (dest / n).read_bytes() for n in (ONE, TWO)} == before  # the run's outputs are kept too


def test_unedited_copy_is_updated_and_says_its_outputs_were_cleared(repo, dest):
    _student_run(dest / TWO)
    _author_fix(repo)
    outcomes = handout(repo / "exercises", dest)
    assert _actions(outcomes) == {ONE: UPDATED, TWO: UPDATED}
    assert "A small solution" in (dest / TWO).read_text()
    assert summary(outcomes) == [f"updated {ONE} to the new version (it had not been edited)",
                                 f"updated {TWO} to the new version (it had not been edited); its outputs were "
                                 "cleared: run it again"]


def test_edited_copy_with_a_new_version_is_not_touched_and_the_run_says_what_it_did(repo, dest, monkeypatch,
                                                                                     capsys):
    _student_edit(dest / ONE)
    mine = (dest / ONE).read_bytes()
    (dest / TWO).unlink()  # the student deleted it
    _author_fix(repo)
    assert _cli(repo, monkeypatch, dest) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == [
        f"  did not update your edited {ONE}, which has a new version: run again with --backup to get it beside "
        "yours", f"  added {TWO}"]
    assert err.count("\n") == 1 and "1 notebook(s)" in err
    assert (dest / ONE).read_bytes() == mine


# ------------------------------------------------------------------------------------------ --backup, --force
def test_backup_leaves_the_students_file_in_place_and_puts_the_new_version_beside_it(repo, dest):
    _student_edit(dest / ONE)
    mine = (dest / ONE).read_bytes()
    _author_fix(repo)
    (outcome, _) = handout(repo / "exercises", dest, backup=True)
    assert outcome.action == NEW_BESIDE and outcome.other.name.startswith("01-fixture.new-")
    assert (dest / ONE).read_bytes() == mine
    assert outcome.other.read_bytes() == (repo / "exercises" / ONE).read_bytes()
    assert outcome.sentence() == f"kept your edited {ONE}; its new version is beside it as {outcome.other.name}"
    # later runs, plain or --backup, know the new version is there: success, and no second copy
    for kw in ({}, {"backup": True}):
        assert _actions(handout(repo / "exercises", dest, **kw))[ONE] == ALREADY_BESIDE
    assert len(list(dest.glob("01-fixture.new-*"))) == 1 and (dest / ONE).read_bytes() == mine


def test_working_in_the_new_version_then_another_update_keeps_both(repo, dest):
    _student_edit(dest / ONE)
    _author_fix(repo)
    (beside, _) = (o.other for o in handout(repo / "exercises", dest, backup=True))
    _student_edit(beside, "width_1_1 = 0.5  # moved to the new version")
    assert _actions(handout(repo / "exercises", dest))[ONE] == ALREADY_BESIDE  # edited, still counts
    worked = beside.read_bytes()
    _author_fix(repo, "A small solution", "A third solution")
    assert _actions(handout(repo / "exercises", dest))[ONE] == NOT_UPDATED
    third = handout(repo / "exercises", dest, backup=True)[0].other
    assert "A third solution" in third.read_text() and beside.read_bytes() == worked
    assert "# mine" in (dest / ONE).read_text()


def test_force_saves_the_students_copy_before_replacing_it(repo, dest):
    _student_edit(dest / ONE)
    mine = (dest / ONE).read_bytes()
    _author_fix(repo)
    outcome = handout(repo / "exercises", dest, force=True)[0]
    assert outcome.action == REPLACED and outcome.other.name.endswith(".bak.ipynb")
    assert outcome.other.read_bytes() == mine
    assert "# mine" not in (dest / ONE).read_text()
    assert _actions(handout(repo / "exercises", dest, force=True)) == {ONE: UP_TO_DATE, TWO: UP_TO_DATE}
    assert len(list(dest.glob("*.bak.ipynb"))) == 1


def test_damaged_or_foreign_copies_count_as_edited(repo, dest):
    (dest / ONE).write_text("my notes, not a notebook")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("mine = 1")]), str(dest / TWO))
    before = {n: (dest / n).read_bytes() for n in (ONE, TWO)}
    _author_fix(repo)
    assert _actions(handout(repo / "exercises", dest)) == {ONE: NOT_UPDATED, TWO: NOT_UPDATED}
    assert {n: (dest / n).read_bytes() for n in (ONE, TWO)} == before


def test_edited_copy_equal_to_the_new_version_is_up_to_date(repo, dest):
    _author_fix(repo)
    new = nbformat.read(str(repo / "exercises" / ONE), as_version=4)
    nb = nbformat.read(str(dest / ONE), as_version=4)
    nb.cells = new.cells
    nbformat.write(nb, str(dest / ONE))
    assert _actions(handout(repo / "exercises", dest))[ONE] == UP_TO_DATE


def test_a_folder_in_the_way_is_left_alone_and_reported(repo, dest, monkeypatch, capsys):
    (dest / ONE).unlink()
    (dest / ONE).mkdir()
    assert _cli(repo, monkeypatch, dest) == 1
    assert f"left {ONE} alone: it is a folder, not a notebook" in capsys.readouterr().out
    assert _actions(handout(repo / "exercises", dest))[ONE] == PROBLEM


def test_hand_written_exercise_gets_a_recorded_hash(tmp_path):
    ex = tmp_path / "exercises"
    ex.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = None")]), str(ex / "09-hand.ipynb"))
    handout(ex, tmp_path / "s")
    copied = nbformat.read(str(tmp_path / "s" / "09-hand.ipynb"), as_version=4)
    assert copied.metadata["workbook"]["source_hash"] == cells_hash(copied.cells)
    assert _actions(handout(ex, tmp_path / "s")) == {"09-hand.ipynb": UP_TO_DATE}


def test_edited_copy_with_nothing_new_is_kept(dest, repo):
    _student_edit(dest / ONE)
    outcomes = handout(repo / "exercises", dest)
    assert _actions(outcomes) == {ONE: KEPT, TWO: UP_TO_DATE}


# ------------------------------------------------------------------------------------------ permissions
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_handout_files_respect_the_umask(repo, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        handout(repo / "exercises", tmp_path / "class")
        _author_fix(repo)
        _student_edit(tmp_path / "class" / ONE)
        handout(repo / "exercises", tmp_path / "class", backup=True)
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "class").iterdir()}
    assert len(modes) == 3 and set(modes.values()) == {mode}, modes


def test_an_updated_file_keeps_the_mode_it_had(repo, dest):
    os.chmod(dest / TWO, 0o640)
    _author_fix(repo)
    assert _actions(handout(repo / "exercises", dest))[TWO] == UPDATED
    assert stat.S_IMODE((dest / TWO).stat().st_mode) == 0o640


# ------------------------------------------------------------------------------------------ refusals
def test_refusals_are_one_line_and_write_nothing(repo, tmp_path, monkeypatch, capsys):
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    dangling = tmp_path / "link"
    dangling.symlink_to(tmp_path / "gone")
    for dest, message in ((afile, "is a file, not a folder"), (dangling, "which does not exist"),
                          (repo / "inside", "is inside the repository")):
        assert _cli(repo, monkeypatch, dest) == 1
        out, err = capsys.readouterr()
        assert message in err and err.count("\n") == 1 and "Traceback" not in err and out == ""
    assert afile.read_text() == "x" and not (tmp_path / "gone").exists() and not (repo / "inside").exists()
    with pytest.raises(HandoutError, match="no exercise notebooks"):
        handout(tmp_path / "nothing", tmp_path / "s")


def test_work_folder_inside_the_repository_is_allowed(repo, monkeypatch, capsys):
    assert _cli(repo, monkeypatch, "work") == 0
    assert sorted(p.name for p in (repo / "work").iterdir()) == [ONE, TWO]


def test_an_edited_exercises_folder_is_not_handed_out(repo, tmp_path, monkeypatch, capsys):
    """A teacher's scribble in the generated exercises/ never reaches students."""
    _student_edit(repo / "exercises" / ONE, "width_1_1 = 0.3  # teacher's scribble")
    assert _cli(repo, monkeypatch, tmp_path / "class") == 1
    err = capsys.readouterr().err
    assert f"exercises/{ONE} differs from what solutions/{ONE} generates" in err and "make exercises" in err
    assert err.count("\n") == 1 and not (tmp_path / "class").exists()


def test_backup_and_force_are_exclusive(repo, dest, monkeypatch):
    with pytest.raises(SystemExit):
        _cli(repo, monkeypatch, dest, "--backup", "--force")


def test_cli_needs_solutions_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["handout", str(tmp_path / "x")]) == 1
    assert "no solutions/ folder" in capsys.readouterr().err


def test_cli_exercises_check_refuse_and_force(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo)
    assert main(["exercises", "--check"]) == 0
    _student_edit(repo / "exercises" / ONE)
    assert main(["exercises", "--check"]) == 1
    assert main(["exercises"]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert main(["exercises", "--force"]) == 0
    assert main(["exercises", "--check"]) == 0
