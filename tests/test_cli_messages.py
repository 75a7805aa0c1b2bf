"""Careless command lines get one line saying what is wrong and what to do, never a traceback; and the
commands that publish (`workbook build`, `make lab`) never take a hand-edited exercises/ to students."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.book import build as book_build
from territorial_trap_workbook.book import cli as book_cli
from territorial_trap_workbook.cli import main
from territorial_trap_workbook.exercises.generator import generate_all

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "solutions"


def _one_line(capsys, *fragments):
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err + out, err
    for fragment in fragments:
        assert fragment in err
    return err


@pytest.fixture
def repo(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path / "solutions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_exercises_refuses_a_file_where_the_folder_goes(repo, capsys):
    (repo / "exercises").write_text("notes")
    assert main(["exercises"]) == 1
    _one_line(capsys, "exercises is a file, not a folder")
    assert (repo / "exercises").read_text() == "notes"


def test_exercises_refuses_a_dangling_symlink_where_the_folder_goes(repo, capsys):
    (repo / "exercises").symlink_to(repo / "gone")
    assert main(["exercises"]) == 1
    _one_line(capsys, "is a symbolic link to", "which does not exist")


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such notebook: "),
    (lambda p: p.mkdir(), "is a folder; name notebook files"),
    (lambda p: p.with_suffix(".txt").write_text("x"), "is not a notebook (.ipynb)"),
    (lambda p: p.write_text("{not json"), "is not a readable notebook"),
    (lambda p: p.write_text('{"cells": 3}'), "is not a readable notebook"),
])
def test_execute_names_a_bad_path_before_running_anything(tmp_path, capsys, make, message):
    path = tmp_path / "missing.ipynb"
    make(path)
    if message.startswith("is not a notebook"):
        path = path.with_suffix(".txt")
    assert main(["execute", str(path)]) == 2
    _one_line(capsys, message, str(path))


def test_build_refuses_an_edited_exercises_folder(repo, monkeypatch, capsys):
    generate_all(repo / "solutions", repo / "exercises")
    monkeypatch.setattr(book_build, "PROJECT_ROOT", repo)
    built = []
    for module in (book_build, book_cli):  # wherever the command looks it up, no real build runs here
        monkeypatch.setattr(module, "timed_build", lambda edition, **_: built.append(edition) or (repo, 0.1),
                            raising=False)
    assert main(["build"]) == 0 and built == ["student"]
    capsys.readouterr()
    nb = nbformat.read(str(repo / "exercises" / "01-fixture.ipynb"), as_version=4)
    nb.cells[3].source = "width_1_1 = 0.3  # teacher's scribble"
    nbformat.write(nb, str(repo / "exercises" / "01-fixture.ipynb"))
    assert main(["build", "--edition", "instructor"]) == 1 and built == ["student"]
    _one_line(capsys, "exercises/01-fixture.ipynb differs from what solutions/01-fixture.ipynb generates",
              "make exercises")
    (repo / "exercises" / "01-fixture.ipynb").unlink()
    assert main(["build"]) == 1
    _one_line(capsys, "exercises/01-fixture.ipynb is missing")


def test_make_lab_opens_a_git_ignored_working_copy_not_exercises():
    done = subprocess.run(["make", "-n", "--no-print-directory", "lab"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    commands = done.stdout.splitlines()
    assert any(c.endswith("workbook handout work --backup") for c in commands)
    lab = [c for c in commands if "jupyter lab" in c]
    assert len(lab) == 1 and "--ServerApp.root_dir=work" in lab[0] and "exercises" not in lab[0]
    assert "work/" in (ROOT / ".gitignore").read_text().splitlines()
