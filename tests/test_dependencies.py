"""What each install holds: every import declared, each module importable with only the core and its extra,
a `workbook` command that names a missing extra in one line, and locks that agree with pyproject.toml.

The "only the core" environments are venvs whose site-packages link just the distributions the core (plus one
extra) requires, read from the installed metadata (``isolated_env``): no network and no second install.
"""
from __future__ import annotations

import ast
import functools
import json
import pkgutil
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import territorial_trap_workbook
from isolated_env import subset_venv
from territorial_trap_workbook import cli, extras

tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / extras.PACKAGE
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))["project"]
LOCKS = ROOT / "requirements"
# Loaded by building or executing notebooks; a student's core import must never pull them in.
AUTHOR_ONLY = ("sphinx", "jupyter_book", "myst_nb", "docutils", "yaml", "nbclient", "nbformat", "scipy",
               "jupyterlab", "voila", "ipykernel")


# --- what pyproject.toml declares ---------------------------------------------------------------------------
def declared(extra: str | None) -> set[str]:
    """Canonical distribution names of the core plus ``extra`` (self-references expanded)."""
    lines = list(PYPROJECT["dependencies"])
    todo = [extra] if extra else []
    while todo:
        for line in PYPROJECT["optional-dependencies"][todo.pop()]:
            req = Requirement(line)
            if canonicalize_name(req.name) == extras.DIST:
                todo += sorted(req.extras)
            else:
                lines.append(line)
    return {canonicalize_name(Requirement(line).name) for line in lines}


def modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(territorial_trap_workbook.__path__, extras.PACKAGE + "."))


def module_file(name: str) -> Path:
    rel = Path(*name.split(".")[1:])
    return SRC / rel / "__init__.py" if (SRC / rel).is_dir() else SRC / rel.with_suffix(".py")


def _optional(tree: ast.AST) -> set[int]:
    """ids of import nodes inside a ``try`` that catches ImportError: optional, used only when present."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in node.handlers):
            found |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return found


def imported_tops(path: Path) -> set[str]:
    """Top-level names of every absolute import in the file, at module level or inside a function (imports
    guarded by ``except ImportError`` are optional and left out)."""
    tree = ast.parse(path.read_text(encoding="utf8"))
    optional = _optional(tree)
    tops = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            tops |= {a.name.partition(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops.add(node.module.partition(".")[0])
    return tops - set(sys.stdlib_module_names) - {"__future__", extras.PACKAGE}


@functools.cache
def _providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def undeclared(files: list[Path], allowed: set[str], local: set[str] = frozenset()) -> list[str]:
    providers = _providers()
    problems = []
    for path in files:
        for top in sorted(imported_tops(path) - local):
            dists = {canonicalize_name(d) for d in providers.get(top, [])}
            if not dists & allowed:
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                problems.append(f"{where} imports {top} (from {sorted(dists) or 'nothing installed'})")
    return problems


def test_every_module_imports_only_what_its_extra_declares():
    problems = []
    for name in modules():
        extra = extras.extra_of(name)
        problems += [f"{p}; allowed: core{' + ' + extra if extra else ''}"
                     for p in undeclared([module_file(name)], declared(extra))]
    assert not problems, ("declare the distribution in pyproject.toml, or list the module's extra in "
                          "extras.MODULE_EXTRAS:\n" + "\n".join(problems))


def test_tests_and_benchmarks_import_only_declared_distributions():
    files = sorted((ROOT / "tests").glob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
    local = {p.stem for p in files} | {p.parent.name for p in (ROOT / "tests").glob("*/__init__.py")}
    problems = undeclared(files, declared("test"), local)
    assert not problems, "declare them in the test extra:\n" + "\n".join(problems)


def test_the_import_check_catches_an_undeclared_import(tmp_path):
    """The checker itself: yaml is declared for authors, not for the core; scipy only for tests."""
    module = tmp_path / "m.py"
    module.write_text("import yaml\nfrom scipy.special import ndtr\nimport numpy\n\ndef f():\n    import sphinx\n"
                      "try:\n    import brotli\nexcept ImportError:\n    pass\n", encoding="utf8")
    assert [p.split(" imports ")[1].split(" ")[0] for p in undeclared([module], declared(None))] == \
        ["scipy", "sphinx", "yaml"]
    assert [p.split(" imports ")[1].split(" ")[0] for p in undeclared([module], declared("author"))] == ["scipy"]
    assert undeclared([module], declared("test")) == []


def test_module_extras_name_existing_modules_and_declared_extras():
    names = set(modules()) | {extras.PACKAGE}
    assert [m for m in extras.MODULE_EXTRAS if m not in names] == []
    assert {e for e in extras.MODULE_EXTRAS.values() if e} <= set(PYPROJECT["optional-dependencies"])
    assert set(extras.EXTRAS) == set(PYPROJECT["optional-dependencies"])


def test_runtime_ranges_have_no_pins():
    """Users of the wheel get ranges; exact versions live in the locks."""
    lines = PYPROJECT["dependencies"] + [x for v in PYPROJECT["optional-dependencies"].values() for x in v]
    assert [line for line in lines if "==" in line] == []
    assert "scipy" not in declared(None) and "scipy" not in declared("author")


# --- environments holding only the core (plus one extra) ----------------------------------------------------
@pytest.fixture(scope="module")
def envs(tmp_path_factory):
    made: dict[str, Path] = {}

    def env(extra: str | None = None) -> Path:
        key = extra or "core"
        if key not in made:
            made[key] = subset_venv(tmp_path_factory.mktemp(key), {extra} if extra else set())
        return made[key]

    return env


IMPORT_ALL = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted({m.partition(".")[0] for m in sys.modules})))
"""


def run_in(python: Path, code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_core_modules_import_and_run_with_only_the_core(envs, tmp_path):
    """Every core module imports, a model, a live and a static explorer, a table and a check run, and nothing
    of the book build, notebook execution or JupyterLab is loaded."""
    core = [m for m in modules() if extras.extra_of(m) is None]
    assert {f"{extras.PACKAGE}.models.cascade", f"{extras.PACKAGE}.exercises.feedback", f"{extras.PACKAGE}.cli",
            f"{extras.PACKAGE}.params", f"{extras.PACKAGE}.explorers.live"} <= set(core)
    smoke = IMPORT_ALL.replace("print(", """
from territorial_trap_workbook.exercises.feedback import check_number
from territorial_trap_workbook.explorers.live import LiveExplorer
from territorial_trap_workbook.explorers.static import static_figure_json
from territorial_trap_workbook.figures.bargaining import EXPLORER
from territorial_trap_workbook.data import table_for_chapter
from territorial_trap_workbook.models import cascade
LiveExplorer(EXPLORER); static_figure_json(EXPLORER); EXPLORER.space.table_html(); table_for_chapter(1)
assert len(cascade.equilibria([1.0, 20.0])) == 2
assert check_number(0.5, 0.5, name="smoke").status == "right"
print(""", 1)
    done = run_in(envs(), smoke, *core, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert loaded & set(AUTHOR_ONLY) == set()


def test_figures_params_and_models_load_no_widget_or_table_stack(envs, tmp_path):
    """A figure builder, the parameter declarations and the models need neither ipywidgets nor pandas."""
    names = [m for m in modules() if m.startswith((f"{extras.PACKAGE}.figures", f"{extras.PACKAGE}.models"))]
    done = run_in(envs(), IMPORT_ALL, f"{extras.PACKAGE}.params", *names, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert loaded & {"ipywidgets", "pandas", "anywidget", *AUTHOR_ONLY} == set()


@pytest.mark.parametrize("extra", ["author", "grading", "lab"])
def test_extra_modules_import_with_the_core_and_their_extra(envs, extra, tmp_path):
    names = [m for m in modules() if extras.extra_of(m) == extra]
    assert names
    done = run_in(envs(extra), IMPORT_ALL, *names, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]


COMMANDS = [(["build"], "author"), (["execute"], "author"), (["exercises", "--check"], "author"),
            (["check", "x.ipynb"], "grading"), (["handout", "dest"], "lab")]


@pytest.mark.parametrize("argv, extra", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_command_without_its_extra_prints_one_line(envs, argv, extra, tmp_path):
    """On the core install each command that needs an extra says which, and how to install it: no traceback."""
    done = run_in(envs(), "import sys; from territorial_trap_workbook.cli import main; sys.exit(main())", *argv,
                  cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    head, _, tail = lines[0].partition(" (")
    assert head == f"workbook {argv[0]} needs the '{extra}' extra"
    names, _, hint = tail.partition(" not installed): ")
    assert hint == f"pip install 'territorial-trap-workbook[{extra}]'"
    # all of the extra's distributions are named (none is in the core), read from the installed metadata
    assert {canonicalize_name(n) for n in names.split(", ")} == declared(extra) - declared(None)


def test_help_works_on_the_core(envs, tmp_path):
    done = run_in(envs(), "import sys; from territorial_trap_workbook.cli import main; sys.exit(main())",
                  "build", "--help", cwd=tmp_path)
    assert done.returncode == 0 and "student" in done.stdout and "instructor" in done.stdout, done.stderr


def test_module_missing_although_metadata_says_installed(monkeypatch, capsys):
    """The fallback: a third-party import fails at run time -> the same one line; our own bug still raises."""
    from territorial_trap_workbook.book import cli as book_cli

    monkeypatch.setattr(extras, "missing", lambda extra: [])

    def broken(args):
        raise ModuleNotFoundError("No module named 'sphinx'", name="sphinx.util")

    monkeypatch.setattr(book_cli, "_build", broken)
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err == ("workbook build needs the 'author' extra (sphinx not installed): "
                   "pip install 'territorial-trap-workbook[author]'\n")

    def own_bug(args):
        raise ModuleNotFoundError("No module named 'territorial_trap_workbook.nope'",
                                  name="territorial_trap_workbook.nope")

    monkeypatch.setattr(book_cli, "_build", own_bug)
    with pytest.raises(ModuleNotFoundError):
        cli.main(["build"])


# --- the locks ----------------------------------------------------------------------------------------------
def pins(lock: str) -> dict[str, str]:
    text = (LOCKS / lock).read_text(encoding="utf8")
    return {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def test_book_lock_is_the_test_lock_restricted_to_the_build():
    book, test = pins("book.lock"), pins("test.lock")
    assert {name: (v, test.get(name)) for name, v in book.items() if test.get(name) != v} == {}
    assert declared("author") - {extras.DIST} <= set(book)
    assert declared("test") - {extras.DIST} <= set(test)
    tools = {"pytest", "pytest-xdist", "hypothesis", "playwright", "nbval", "nbgrader", "scipy", "jupyterlab",
             "voila"}
    assert tools & set(book) == set()


def test_locks_pin_the_versions_the_stored_outputs_depend_on():
    test = pins("test.lock")
    assert {"plotly", "pandas", "numpy", "jupyter-book", "myst-nb", "sphinx"} <= set(test)
    assert "make lock" in (LOCKS / "test.lock").read_text(encoding="utf8").splitlines()[1]


def excluded() -> set[str]:
    """The distributions requirements/excludes.txt leaves out of both locks."""
    lines = (LOCKS / "excludes.txt").read_text(encoding="utf8").splitlines()
    return {canonicalize_name(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def test_every_install_from_a_lock_keeps_the_excluded_packages_out():
    """``uv pip install -r LOCK`` resolves the pins' own dependencies again: without ``--excludes`` a package the
    locks leave out on purpose (rfc3987-syntax, ~2 s of CPU in every process importing jsonschema) came back
    with jupyter-events, which asks for it. Every Makefile install that reads a lock passes the excludes file,
    and no lock pins an excluded package."""
    assert excluded(), "requirements/excludes.txt names no package"
    makefile = (ROOT / "Makefile").read_text(encoding="utf8").replace("\\\n", " ")
    variables = dict(re.findall(r"^(\w+)\s*:?=\s*(.*)$", makefile, re.M))
    assert variables.get("EXCLUDES") == "requirements/excludes.txt", variables.get("EXCLUDES")
    installs = [line for line in makefile.splitlines()
                if re.search(r"(\$\(INSTALL\)|pip install).*\$\((TEST_LOCK|BOOK_LOCK)\)", line)]
    assert len(installs) >= 3, installs  # the book lock, the test lock, the hub's environment
    for line in installs:
        command = line.replace("$(INSTALL)", variables["INSTALL"])
        assert "--excludes $(EXCLUDES)" in command, f"an install from a lock without the excludes: {line.strip()}"
    for lock in ("test.lock", "book.lock"):
        assert not excluded() & set(pins(lock)), f"{lock} pins {excluded() & set(pins(lock))}"
