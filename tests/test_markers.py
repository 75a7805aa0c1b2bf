"""An author's slip must never hand solution text to students: near-miss markers, tag variants and attachments
in solution cells are refused (naming notebook, cell and line); every name a region binds is stubbed."""
from __future__ import annotations

import ast

import nbformat
import pytest

from territorial_trap_workbook.cli import main
from territorial_trap_workbook.exercises.authoring import nbgrader_metadata
from territorial_trap_workbook.exercises.generator import CODE_STUB, GeneratorError, make_exercise
from territorial_trap_workbook.exercises.markers import bound_names

SECRET = "secret_formula_42"
ANSWER = {"nbgrader": nbgrader_metadata("a1", "answer")}
WRITTEN = {"nbgrader": nbgrader_metadata("w1", "written", points=1)}
PNG = {"a.png": {"image/png": "iVBORw0KGgo="}}


def _notebook(*cells):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Exercise"), *cells])


def _code(source, metadata=None, cell_id="ans"):
    cell = nbformat.v4.new_code_cell(source, metadata=metadata or {})
    cell["id"] = cell_id
    return cell


def _markdown(source, metadata=None, attachments=None, cell_id="ans"):
    cell = nbformat.v4.new_markdown_cell(source, metadata=metadata or {})
    cell["id"] = cell_id
    if attachments:
        cell["attachments"] = attachments
    return cell


NEAR_MISSES = ["#### BEGIN SOLUTION", "###BEGIN SOLUTION", "### Begin Solution", "# BEGIN SOLUTION",
               "### BEGIN  SOLUTION", "### begin solution ###", "### BEGIN HIDDEN TEST", "### END SOLUTIONS"]


@pytest.mark.parametrize("metadata", [None, ANSWER], ids=["plain", "nbgrader"])
@pytest.mark.parametrize("marker", NEAR_MISSES)
def test_near_miss_marker_in_code_is_refused_naming_notebook_cell_and_line(marker, metadata):
    nb = _notebook(_code(f"x = 1\n{marker}\nanswer = {SECRET}\n### END SOLUTION", metadata))
    with pytest.raises(GeneratorError) as err:
        make_exercise(nb, "solutions/05-x.ipynb")
    message = str(err.value)
    assert message.startswith("solutions/05-x.ipynb: cell 1 (id ans): line 2:")
    assert repr(marker.strip()) in message and "\n" not in message


@pytest.mark.parametrize("marker", ["#### BEGIN SOLUTION", "### Begin Solution"])
def test_near_miss_marker_says_the_right_spelling(marker):
    with pytest.raises(GeneratorError, match="write '### BEGIN SOLUTION' exactly"):
        make_exercise(_notebook(_code(f"{marker}\nx = 1\n### END SOLUTION")), "s/x.ipynb")


@pytest.mark.parametrize("source", [
    f"Because {SECRET}.\n### begin solution\nmore", f"x = 1  ### BEGIN SOLUTION\n{SECRET}",
    f"=== BEGIN MARK SCHEME ===\n{SECRET}\n=== END MARK SCHEME ==="])
def test_near_misses_in_markdown_inline_and_mark_schemes_are_refused(source):
    with pytest.raises(GeneratorError, match=r"cell 1 \(id ans\): line"):
        make_exercise(_notebook(_markdown(source, WRITTEN)), "s/x.ipynb")


@pytest.mark.parametrize("tag", ["Rubric", "RUBRIC", " rubric", "rubrics", "Solution-Only", "solution_only"])
def test_solution_only_tag_variants_are_refused(tag):
    nb = _notebook(_markdown(f"Rubric: {SECRET}", {"tags": [tag]}))
    with pytest.raises(GeneratorError, match=rf"cell 1 \(id ans\): tag {tag!r} is not recognised"):
        make_exercise(nb, "s/x.ipynb")


@pytest.mark.parametrize("workbook, problem", [
    ({"solution-only": True}, "workbook.solution-only is not recognised"),
    ({"Solution_Only": True}, "workbook.Solution_Only is not recognised"),
    ({"solution_only": "yes"}, "must be true or false"),
])
def test_solution_only_metadata_variants_are_refused(workbook, problem):
    with pytest.raises(GeneratorError, match=problem):
        make_exercise(_notebook(_markdown(SECRET, {"workbook": workbook})), "s/x.ipynb")


def test_exact_tag_still_drops_the_cell():
    out = make_exercise(_notebook(_markdown(SECRET, {"tags": ["rubric"]})), "s/x.ipynb")
    assert SECRET not in nbformat.writes(out)


@pytest.mark.parametrize("cell", [
    _markdown(f"![fig](attachment:a.png) {SECRET}", WRITTEN, PNG),
    _markdown(f"Question\n### BEGIN SOLUTION\n![fig](attachment:a.png)\n{SECRET}\n### END SOLUTION", None, PNG),
], ids=["nbgrader-solution-cell", "solution-region"])
def test_attachment_in_a_solution_cell_is_refused(cell):
    with pytest.raises(GeneratorError, match=r"cell 1 \(id ans\): attachment\(s\) a.png in a cell with a solution"):
        make_exercise(_notebook(cell), "s/x.ipynb")


def test_attachment_in_an_ordinary_cell_is_kept():
    out = make_exercise(_notebook(_markdown("![map](attachment:a.png)", None, PNG)), "s/x.ipynb")
    assert out.cells[1]["attachments"] == PNG


def test_raw_cell_cannot_hold_a_solution():
    raw = nbformat.v4.new_raw_cell(f"### BEGIN SOLUTION\n{SECRET}\n### END SOLUTION")
    with pytest.raises(GeneratorError, match="a raw cell cannot hold a solution"):
        make_exercise(_notebook(raw), "s/x.ipynb")


def test_cli_refuses_and_writes_nothing_secret(tmp_path, monkeypatch, capsys):
    """End to end: `workbook exercises` exits 1 with one line, and no exercise file holds the secret."""
    (tmp_path / "solutions").mkdir()
    nbformat.write(_notebook(_code(f"#### BEGIN SOLUTION\nx = {SECRET}\n### END SOLUTION")),
                   str(tmp_path / "solutions" / "01-x.ipynb"))
    monkeypatch.chdir(tmp_path)
    assert main(["exercises"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "01-x.ipynb: cell 1" in err and "Traceback" not in err
    assert not any(SECRET in p.read_text() for p in tmp_path.rglob("exercises/*"))


# ------------------------------------------------------------------------------------------------------ stubs
def test_bound_names_cover_def_import_for_with_and_tuples():
    code = ("import numpy as np\nimport os.path\nfrom math import sqrt as root, pi\nfrom cmath import *\n"
            "def share(p):\n    inner = 1\n    return p\nclass Model:\n    field = 2\n"
            "for i, (j, k) in enumerate([]):\n    total = i\nwith open('f') as fh, open('g') as (a, b):\n    text = 1\n"
            "if True:\n    flag = 1\nelse:\n    other = 2\ntry:\n    tried = 1\nexcept ValueError:\n    handled = 1\n"
            "while False:\n    looped = 1\nlo, hi = 1, 2")
    assert bound_names(code) == ["np", "os", "root", "pi", "share", "Model", "i", "j", "k", "total", "fh", "a", "b",
                                 "text", "flag", "other", "tried", "handled", "looped", "lo", "hi"]


def test_every_bound_name_the_given_code_reads_is_stubbed_in_the_exercise():
    """Every kind of binding is found (def, for, assignment); the stub keeps those a given cell reads and never
    an import (see test_generator for why)."""
    src = (f"### BEGIN SOLUTION\nimport math\ndef width(lo, hi):\n    return hi - lo\n"
           f"for step in range(3):\n    last = step\n### END SOLUTION")
    nb = _notebook(_code(src), _code("print(width(0, 1), step, last, math.pi)", cell_id="given"))
    out = make_exercise(nb, "s/x.ipynb").cells[1].source
    assert out == f"{CODE_STUB}\nwidth = None\nstep = None\nlast = None"


@pytest.mark.parametrize("source, stub", [
    ("def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
     f"def f(x):\n    {CODE_STUB}\n    pass"),
    ("class A:\n    def f(self):\n        ### BEGIN SOLUTION\n        return 1\n        ### END SOLUTION\n    g = 2",
     f"class A:\n    def f(self):\n        {CODE_STUB}\n        pass\n    g = 2"),
    ("def f(x):\n    ### BEGIN SOLUTION\n    import math\n    y = math.sqrt(x)\n    ### END SOLUTION\n    return y",
     f"def f(x):\n    {CODE_STUB}\n    y = None\n    return y"),
])
def test_regions_indented_inside_a_function_still_parse(source, stub):
    out = make_exercise(_notebook(_code(source)), "s/x.ipynb").cells[1].source
    assert out == stub
    ast.parse(out)


def test_a_stub_that_breaks_the_cell_is_refused():
    source = "def f(x):\n### BEGIN SOLUTION\n    return 2 * x\n### END SOLUTION"  # marker outside the body
    with pytest.raises(GeneratorError, match="cell 1: the cell does not parse once its solution is replaced"):
        make_exercise(_notebook(_code(source)), "s/x.ipynb")
