"""The classroom dashboard without a browser: which chapters and explorers, the notebook it writes, the command
it runs (the browser test in test_browser_live serves it)."""
import os
import subprocess
import sys

import nbformat
import pytest

from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.chapters import CHAPTERS
from territorial_trap_workbook.cli import main
from territorial_trap_workbook.dashboard import serve
from territorial_trap_workbook.dashboard.notebook import (DashboardError, chapter_named, chapters_named,
                                                          dashboard_notebook, explorers_of)
from territorial_trap_workbook.explorers.registry import all_explorers

BOOK = PROJECT_ROOT / "book"


@pytest.mark.parametrize("name", ["7", "07", "07-precedent", "precedent", " 7 "])
def test_a_chapter_is_named_by_stem_number_or_slug(name):
    assert chapter_named(name).stem == "07-precedent"


@pytest.mark.parametrize("name", ["99", "0", "", "../book/07-precedent", "07-precedent.ipynb", "Precedent", "7.1"])
def test_an_unknown_chapter_is_refused_naming_the_allowed_ones(name):
    with pytest.raises(DashboardError, match="allowed: all, or one of 01-ultimatum"):
        chapter_named(name)


def test_all_is_every_chapter_and_repeats_count_once():
    assert chapters_named(["all"]) == list(CHAPTERS)
    assert [c.number for c in chapters_named(["7", "07-precedent", "1"])] == [7, 1]
    with pytest.raises(DashboardError, match="name a chapter"):
        chapters_named([])


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.stem)
def test_each_chapter_shows_the_explorers_of_its_page(chapter):
    found = explorers_of(chapter, BOOK)
    assert found and all(key in all_explorers() for key, _ in found)
    assert [number for _, number in found] == [f"{chapter.number}.{i}" for i in range(1, len(found) + 1)]


def test_the_notebook_holds_headings_and_one_line_per_explorer_only():
    nb = dashboard_notebook([chapter_named("7")], BOOK)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == ["from territorial_trap_workbook.dashboard import present",
                    "present('cascade', '7.1')", "present('cascade-sigma', '7.2')"]
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown == ["# Chapter 7. Precedent: Pandora's box as a cascade"]


def test_a_page_without_stored_explorers_is_refused(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("show(X)")]),
                   tmp_path / "07-precedent.ipynb")
    with pytest.raises(DashboardError, match="stores no explorer output: run `workbook execute"):
        explorers_of(chapter_named("7"), tmp_path)
    with pytest.raises(DashboardError, match="does not exist"):
        explorers_of(chapter_named("1"), tmp_path)


def test_voila_is_told_no_browser_no_code_our_template_and_root_only_as_root(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    cmd = serve.voila_command(tmp_path / "x.ipynb", port=9999)
    assert {"--no-browser", "--strip_sources=True", "--template=workbook", "--port=9999"} <= set(cmd)
    assert "--ServerApp.allow_root=True" not in cmd
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert "--ServerApp.allow_root=True" in serve.voila_command(tmp_path / "x.ipynb")


def test_the_template_is_found_first_and_links_nothing_outside():
    env = serve.voila_environment({"JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(serve.TEMPLATE_ROOT), "/elsewhere"]
    template = serve.TEMPLATE_ROOT / "voila" / "templates" / serve.TEMPLATE
    assert (template / "conf.json").is_file()
    assert "://" not in (template / "index.html.j2").read_text(), "the dashboard template must load nothing outside"


def test_command_line_refuses_bad_input_without_a_traceback(tmp_path, capsys):
    assert main(["dashboard", "99", "--write-only", "--dir", str(tmp_path)]) == 2
    assert "no chapter named '99'" in capsys.readouterr().err
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["dashboard", "7", "--write-only", "--dir", str(blocker)]) == 2
    assert "cannot write the dashboard notebook" in capsys.readouterr().err
    assert main(["dashboard", "7", "--write-only", "--dir", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "07-precedent.ipynb").is_file()


def test_make_targets_run_the_dashboard_and_pass_allow_root_only_as_root():
    def dry(*args):
        return subprocess.run(["make", "-n", "-C", str(PROJECT_ROOT), "-o", f"{sys.prefix}/.installed",
                               f"VENV={sys.prefix}", *args], capture_output=True, text=True, check=True).stdout

    assert "dashboard 7 --port 8866" in dry("voila", "CHAPTER=7")
    assert ("--allow-root" in dry("lab")) == (os.geteuid() == 0)
