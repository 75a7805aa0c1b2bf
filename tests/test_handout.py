"""Hand-outs: copies for a student, updated on re-run, never overwriting the student's edits."""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.exercises import cli
from territorial_trap_workbook.exercises.generator import (
    BACKED_UP, UNCHANGED, WRITTEN, EditedNotebookError, cells_hash, generate_all,
)
from territorial_trap_workbook.exercises.handout import handout

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES, root / "solutions")
    generate_all(root / "solutions", root / "exercises")
    return root


def _student_edit(path: Path, text="width_1_1 = 0.25  # mine"):
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[3].source = text
    nbformat.write(nb, str(path))


def _author_fix(repo: Path):
    for sol in (repo / "solutions").glob("*.ipynb"):
        sol.write_text(sol.read_text().replace("A tiny solution", "A small solution"))
    generate_all(repo / "solutions", repo / "exercises")


def test_first_handout_copies_byte_for_byte(repo, tmp_path):
    dest = tmp_path / "student"
    assert handout(repo / "exercises", dest) == {dest / "01-fixture.ipynb": WRITTEN}
    assert (dest / "01-fixture.ipynb").read_bytes() == (repo / "exercises" / "01-fixture.ipynb").read_bytes()
    assert handout(repo / "exercises", dest) == {dest / "01-fixture.ipynb": UNCHANGED}


def test_rerun_updates_unedited_copies(repo, tmp_path):
    dest = tmp_path / "student"
    handout(repo / "exercises", dest)
    nb = nbformat.read(str(dest / "01-fixture.ipynb"), as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran")]  # running is not editing
    nbformat.write(nb, str(dest / "01-fixture.ipynb"))
    _author_fix(repo)
    assert handout(repo / "exercises", dest) == {dest / "01-fixture.ipynb": WRITTEN}
    assert "A small solution" in (dest / "01-fixture.ipynb").read_text()


def test_rerun_never_overwrites_student_edits(repo, tmp_path):
    dest = tmp_path / "student"
    handout(repo / "exercises", dest)
    _student_edit(dest / "01-fixture.ipynb")
    mine = (dest / "01-fixture.ipynb").read_bytes()
    _author_fix(repo)
    with pytest.raises(EditedNotebookError, match="01-fixture.ipynb") as err:
        handout(repo / "exercises", dest)
    assert err.value.paths == [dest / "01-fixture.ipynb"]
    assert (dest / "01-fixture.ipynb").read_bytes() == mine


def test_other_notebooks_are_still_updated_when_one_is_refused(repo, tmp_path):
    shutil.copy(repo / "solutions" / "01-fixture.ipynb", repo / "solutions" / "02-other.ipynb")
    generate_all(repo / "solutions", repo / "exercises")
    dest = tmp_path / "student"
    handout(repo / "exercises", dest)
    _student_edit(dest / "01-fixture.ipynb")
    _author_fix(repo)
    with pytest.raises(EditedNotebookError) as err:
        handout(repo / "exercises", dest)
    assert [p.name for p in err.value.paths] == ["01-fixture.ipynb"]
    assert "A small solution" in (dest / "02-other.ipynb").read_text()  # the unedited one got the fix
    assert "# mine" in (dest / "01-fixture.ipynb").read_text()


def test_backup_and_force(repo, tmp_path):
    dest = tmp_path / "student"
    handout(repo / "exercises", dest)
    _student_edit(dest / "01-fixture.ipynb")
    mine = (dest / "01-fixture.ipynb").read_bytes()
    assert handout(repo / "exercises", dest, backup=True) == {dest / "01-fixture.ipynb": BACKED_UP}
    (backup,) = dest.glob("01-fixture.*.bak.ipynb")
    assert backup.read_bytes() == mine
    assert "# mine" not in (dest / "01-fixture.ipynb").read_text()
    _student_edit(dest / "01-fixture.ipynb")
    assert handout(repo / "exercises", dest, force=True) == {dest / "01-fixture.ipynb": WRITTEN}
    assert "# mine" not in (dest / "01-fixture.ipynb").read_text()
    assert len(list(dest.glob("*.bak.ipynb"))) == 1


def test_hand_written_exercise_gets_a_recorded_hash(tmp_path):
    ex = tmp_path / "exercises"
    ex.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = None")])
    nbformat.write(nb, str(ex / "09-hand.ipynb"))
    handout(ex, tmp_path / "s")
    copied = nbformat.read(str(tmp_path / "s" / "09-hand.ipynb"), as_version=4)
    assert copied.metadata["workbook"]["source_hash"] == cells_hash(copied.cells)
    assert handout(ex, tmp_path / "s") == {tmp_path / "s" / "09-hand.ipynb": UNCHANGED}


def test_refuses_destination_inside_repo_and_empty_source(repo, tmp_path):
    with pytest.raises(ValueError, match="inside the repository"):
        handout(repo / "exercises", repo / "student", repo_root=repo)
    with pytest.raises(FileNotFoundError, match="no exercise notebooks"):
        handout(tmp_path / "nothing", tmp_path / "s")


def _run(argv):
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_handout_and_exercises(repo, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(repo)
    dest = tmp_path / "student"
    assert _run(["handout", str(dest)]) == 0
    _student_edit(dest / "01-fixture.ipynb")
    _author_fix(repo)
    assert _run(["handout", str(dest)]) == 1
    assert "01-fixture.ipynb" in capsys.readouterr().err
    assert _run(["handout", str(dest), "--backup"]) == 0
    assert len(list(dest.glob("*.bak.ipynb"))) == 1
    assert _run(["handout", str(repo / "inside")]) == 1
    with pytest.raises(SystemExit):
        _run(["handout", str(dest), "--backup", "--force"])

    assert _run(["exercises", "--check"]) == 0
    _student_edit(repo / "exercises" / "01-fixture.ipynb")
    assert _run(["exercises", "--check"]) == 1
    assert _run(["exercises"]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert _run(["exercises", "--force"]) == 0
    assert _run(["exercises", "--check"]) == 0


def test_cli_needs_solutions_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert _run(["exercises"]) == 1
    assert "no solutions/ folder" in capsys.readouterr().err
    assert _run(["handout", str(tmp_path / "x")]) == 1
