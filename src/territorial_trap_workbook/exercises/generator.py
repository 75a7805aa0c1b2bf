"""Generate exercise notebooks from solution notebooks (one source), and never overwrite edited ones.

From each solution notebook ``solutions/NN-name.ipynb`` the generator writes ``exercises/NN-name.ipynb``:

* code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes ``# YOUR CODE HERE`` followed by
  ``<name> = None`` for each name the region binds (assignments, ``def``, ``for``, ``with ... as``; see
  ``markers.bound_names``) that the code a student is given reads -- the check cells' ``answer_…`` names and
  anything a later cell or the rest of the cell uses -- so the exercise notebook runs top to bottom and every
  check says "not answered yet". The solution's own working names are left out (listing them would show the
  solution's steps), and so are names only an ``import`` binds (``np = None`` would undo a student's own
  import); an indented region with no names left gets ``pass`` so its block still parses;
* a near-miss marker (``#### BEGIN SOLUTION``, ``### Begin Solution``), a tag ``Rubric`` or an attachment in
  a solution cell is refused (``markers.cell_problem``): it would otherwise copy solution text to students;
* code between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` is removed;
* check cells are copied as they are, and must hold only ``check("<part>", <answer>)`` for a part declared
  on an answer cell (``parts``): no expected value, formula or hint reaches the student's check cell;
* in markdown cells the region becomes ``*Write your answer here.*``;
* a cell with nbgrader ``solution: true`` but no markers is a solution as a whole (as in nbgrader);
* the intro cell (tag ``notebook-intro``) gets the exercise notebook's own title and text (``intro``);
* cells marked "solution only" (tag ``rubric`` or ``solution-only``, or ``workbook.solution_only: true``)
  are **dropped**: rubrics and model answers must not reach students, and an empty cell would only puzzle
  them;
* outputs are cleared, execution counts are ``None``, cell metadata is kept (nbgrader included) except the
  timing metadata ``execution``; each cell keeps its solution cell's id (or ``cell-<index>`` if it had none);
* notebook metadata is copied except ``workbook.teaching`` (lesson plan, misconceptions: instructor material);
  it gets ``workbook: {generated_from: "solutions/NN-name.ipynb", source_hash: ...}``,
  the hash of the generated cells' types and sources.

The output is nbformat 4.5 written by ``nbformat.writes`` (sorted keys), so the same input gives a
byte-identical file.

Protection: before writing, a target whose cells no longer match its recorded ``source_hash`` (someone
edited it) is not overwritten — ``EditedNotebookError`` names the file — unless ``force=True`` or
``backup=True`` (a copy ``name.YYYYmmdd-HHMMSS.bak.ipynb`` is kept next to it first). A target identical to
what would be written is left alone.
"""
from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, Iterable

import nbformat

from . import markers, rubrics
from .authoring import is_solution_only
from .files import write_text_atomic
from .markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION
from .intro import exercise_intro, is_intro
from .parts import PartsError, read_parts

CODE_STUB = "# YOUR CODE HERE"
MARKDOWN_STUB = "*Write your answer here.*"
DROPPED_CELL_METADATA = ("execution", "collapsed", "scrolled")
SOLUTION_ONLY_NOTEBOOK_METADATA = ("teaching",)  # workbook.teaching: lesson plan etc., for the instructor guide

WRITTEN = "written"
UNCHANGED = "unchanged"
BACKED_UP = "backed up and written"


class GeneratorError(ValueError):
    """A solution notebook cannot be turned into an exercise notebook (e.g. an unclosed marker)."""


class EditedNotebookError(RuntimeError):
    """Refusing to overwrite notebooks that were edited since they were generated or handed out."""

    def __init__(self, paths: Iterable[Path | str]):
        self.paths = [Path(p) for p in paths]
        names = "\n  ".join(str(p) for p in self.paths)
        super().__init__(
            f"refusing to overwrite {len(self.paths)} edited notebook(s):\n  {names}\n"
            "Their cells differ from the recorded source_hash. Use backup (keeps a timestamped copy) "
            "or force (discards the edits).")


# ----------------------------------------------------------------------------------------- hashing
def cells_hash(cells: Iterable[Any]) -> str:
    """Hash of the cells' types and sources (not outputs, not metadata)."""
    data = [[c.get("cell_type", ""), _source(c)] for c in cells]
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def recorded_hash(nb: Any) -> str | None:
    wb = nb.get("metadata", {}).get("workbook", {})
    return wb.get("source_hash") if isinstance(wb, dict) else None


def is_edited(path: Path) -> bool:
    """True if the notebook at ``path`` cannot be shown to match its recorded hash (unreadable counts)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        rec = recorded_hash(nb)
        return rec is None or rec != cells_hash(nb.get("cells", []))
    except (OSError, ValueError, AttributeError, TypeError):
        return True


# --------------------------------------------------------------------------------------- transform
def assigned_names(code: str) -> list[str]:
    """Names a solution region binds (see ``markers.bound_names``); [] if it does not parse."""
    return markers.bound_names(code)


def _given_code(source: str) -> str:
    """A code cell as the student gets it, less its solution and hidden-test regions (for ``_needed_names``)."""
    kept, inside = [], False
    for line in source.split("\n"):
        s = line.strip()
        if s in (BEGIN_SOLUTION, BEGIN_HIDDEN):
            inside = True
        elif s in (END_SOLUTION, END_HIDDEN):
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def _needed_names(cells: Iterable[Any]) -> set[str]:
    """Identifiers the code a student is given reads: the stubs must define these and need no other name."""
    needed: set[str] = set()
    for cell in cells:
        nbg = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if cell.get("cell_type") == "code" and not is_solution_only(cell) and not (
                nbg.get("solution") and not _has_markers(_source(cell))):
            needed |= markers.identifiers(_given_code(_source(cell)))
    return needed


def _replace_regions(source: str, cell_type: str, where: str, needed: set[str] | None = None) -> str:
    lines = source.split("\n")
    out: list[str] = []
    region: list[str] | None = None
    region_kind = ""
    indent = ""
    for lineno, line in enumerate(lines, 1):
        s = line.strip()
        if s in (BEGIN_SOLUTION, BEGIN_HIDDEN):
            if region is not None:
                raise GeneratorError(f"{where}: line {lineno}: {s!r} inside an open {region_kind!r} region")
            region, region_kind = [], s
            indent = line[: len(line) - len(line.lstrip())]
            continue
        if s in (END_SOLUTION, END_HIDDEN):
            expected_end = END_SOLUTION if region_kind == BEGIN_SOLUTION else END_HIDDEN
            if region is None or s != expected_end:
                raise GeneratorError(f"{where}: line {lineno}: {s!r} without a matching begin marker")
            if region_kind == BEGIN_SOLUTION:
                out.extend(_stub(region, cell_type, indent, needed))
            region = None
            continue
        if region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise GeneratorError(f"{where}: {region_kind!r} is never closed")
    result = "\n".join(out)
    problem = markers.stub_problem(source, result) if cell_type == "code" else None
    if problem:
        raise GeneratorError(f"{where}: {problem}")
    return result


def _stub(region: list[str], cell_type: str, indent: str, needed: set[str] | None = None) -> list[str]:
    if cell_type == "markdown":
        return [MARKDOWN_STUB]
    code = "\n".join(region)
    imported = markers.imported_names(code)
    names = [n for n in assigned_names(code) if n not in imported
             and (needed is None or n.startswith("answer") or n in needed)]
    # An indented region is a block's body (a function's, say): it needs a statement after the comment.
    filler = [f"{indent}pass"] if indent and not names else []
    return [indent + CODE_STUB] + [f"{indent}{n} = None" for n in names] + filler


def _has_markers(source: str) -> bool:
    return any(line.strip() in (BEGIN_SOLUTION, BEGIN_HIDDEN, END_SOLUTION, END_HIDDEN) for line in source.split("\n"))


def _student_intro(source: str, where: str) -> str:
    """The exercise notebook's own title and intro in place of the teacher's (see ``intro``)."""
    try:
        return exercise_intro(source, where)
    except ValueError as exc:
        raise GeneratorError(str(exc)) from None


def _check_rubric_points(cells: list, generated_from: str) -> None:
    """A rubric's heading and the nbgrader points of the written answer it marks must agree: a teacher marks by
    the rubric, nbgrader and the gradebook total by the points, so a mismatch grades the answer out of the wrong
    total (the written answer is the last graded ``solution`` cell before the rubric)."""
    written = None
    for i, cell in enumerate(cells):
        nbg = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if nbg.get("grade") and nbg.get("solution"):
            written = (i, nbg.get("points"))
        if "rubric" not in (cell.get("metadata", {}).get("tags") or []):
            continue
        head = rubrics.HEADING.match(_source(cell))
        if head is None or written is None:
            continue  # a malformed rubric is the rubric parser's to name; one with no answer cell marks nothing
        total = float(head.group(1))
        if not isinstance(written[1], (int, float)) or abs(float(written[1]) - total) > 1e-9:
            raise GeneratorError(f"{generated_from}: cell {i}: the rubric is worth {total:g} points but the written "
                                 f"answer it marks (cell {written[0]}) has nbgrader points {written[1]!r}: make them "
                                 f"equal")
        written = None


def make_exercise(solution: nbformat.NotebookNode, generated_from: str) -> nbformat.NotebookNode:
    """The exercise notebook for a solution notebook (pure function; see the module docstring)."""
    cells = []
    needed = _needed_names(solution.cells)
    for i, cell in enumerate(solution.cells):
        where = f"{generated_from}: cell {i}"
        problem = markers.cell_problem(cell)
        if problem:
            raise GeneratorError(f"{where} (id {cell.get('id', '?')}): {problem}")
        if is_solution_only(cell):
            continue
        src = _source(cell)
        ctype = cell.cell_type
        nbg = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if is_intro(cell):
            src = _student_intro(src, where)
        if ctype in ("code", "markdown"):
            if _has_markers(src):
                src = _replace_regions(src, ctype, where, needed)
            elif nbg.get("solution"):
                src = _replace_regions(f"{BEGIN_SOLUTION}\n{src}\n{END_SOLUTION}", ctype, where, needed)
        meta = {k: copy.deepcopy(v) for k, v in cell.get("metadata", {}).items() if k not in DROPPED_CELL_METADATA}
        cid = cell.get("id") or f"cell-{i}"
        if ctype == "code":
            new = nbformat.v4.new_code_cell(source=src, metadata=meta)
        elif ctype == "markdown":
            new = nbformat.v4.new_markdown_cell(source=src, metadata=meta)
            if cell.get("attachments"):
                new["attachments"] = copy.deepcopy(cell["attachments"])
        else:
            new = nbformat.v4.new_raw_cell(source=src, metadata=meta)
        new["id"] = cid
        cells.append(new)
    _check_rubric_points(solution.cells, generated_from)
    try:  # each check cell must be only check("<part>", <answer>), matching a declared part
        read_parts(solution, generated_from)
    except PartsError as exc:
        raise GeneratorError(str(exc)) from None
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat, nb.nbformat_minor = 4, 5
    meta = copy.deepcopy(dict(solution.get("metadata", {})))
    wb = {k: v for k, v in dict(meta.get("workbook", {}) or {}).items() if k not in SOLUTION_ONLY_NOTEBOOK_METADATA}
    wb.update(generated_from=generated_from, source_hash=cells_hash(cells))
    meta["workbook"] = wb
    nb.metadata = nbformat.from_dict(meta)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The exact text written to disk (nbformat's JSON, sorted keys, trailing newline)."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


# ------------------------------------------------------------------------------------------ writing
def backup_path(target: Path, now: _dt.datetime | None = None) -> Path:
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem = target.name[: -len(".ipynb")] if target.name.endswith(".ipynb") else target.name
    candidate = target.with_name(f"{stem}.{stamp}.bak.ipynb")
    n = 1
    while candidate.exists():
        candidate = target.with_name(f"{stem}.{stamp}-{n}.bak.ipynb")
        n += 1
    return candidate


def plan_write(target: Path, text: str, *, force: bool = False, backup: bool = False) -> str:
    """What ``write_protected`` would do: UNCHANGED, WRITTEN, BACKED_UP, or "refuse"."""
    target = Path(target)
    if not target.exists():
        return WRITTEN
    try:
        if target.read_text(encoding="utf-8") == text:
            return UNCHANGED
    except (OSError, UnicodeDecodeError):
        pass
    if not is_edited(target):
        return WRITTEN
    if backup:
        return BACKED_UP
    return WRITTEN if force else "refuse"


def write_protected(target: Path, text: str, *, force: bool = False, backup: bool = False) -> str:
    """Write ``text`` to ``target`` unless that would lose edits; returns what was done."""
    target = Path(target)
    action = plan_write(target, text, force=force, backup=backup)
    if action == "refuse":
        raise EditedNotebookError([target])
    if action == UNCHANGED:
        return UNCHANGED
    if action == BACKED_UP:
        shutil.copy2(target, backup_path(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, text)
    return action


# ------------------------------------------------------------------------------------------- batch
def notebooks_in(folder: Path) -> list[Path]:
    """The notebooks of a folder (sorted; no checkpoints, no backups)."""
    return sorted(p for p in Path(folder).glob("*.ipynb")
                  if not p.name.endswith(".bak.ipynb") and not p.name.startswith("."))


def _generated_from(solution: Path, target: Path) -> str:
    """``<solutions folder name>/<file name>``, e.g. ``solutions/01-bargaining.ipynb`` (location-independent)."""
    solution = Path(solution)
    return f"{solution.resolve().parent.name}/{solution.name}"


def exercise_text(solution: Path, target: Path) -> str:
    try:
        nb = nbformat.read(str(solution), as_version=4)
    except Exception as exc:
        raise GeneratorError(f"{solution}: cannot read the solution notebook: {exc}") from exc
    return render(make_exercise(nb, _generated_from(solution, target)))


def generate_notebook(solution: Path, target: Path, *, force: bool = False, backup: bool = False) -> str:
    """Generate one exercise notebook; returns UNCHANGED, WRITTEN or BACKED_UP."""
    return write_protected(Path(target), exercise_text(Path(solution), Path(target)), force=force, backup=backup)


def generate_all(solutions_dir: Path, exercises_dir: Path, force: bool = False,
                 backup: bool = False) -> dict[Path, str]:
    """Generate every exercise notebook. Edited targets are all named in one ``EditedNotebookError``
    (after the others were written) unless ``force`` or ``backup``."""
    solutions_dir, exercises_dir = Path(solutions_dir), Path(exercises_dir)
    if not solutions_dir.is_dir():
        raise FileNotFoundError(f"no solutions folder at {solutions_dir}")
    results: dict[Path, str] = {}
    refused: list[Path] = []
    for sol in notebooks_in(solutions_dir):
        target = exercises_dir / sol.name
        try:
            results[target] = generate_notebook(sol, target, force=force, backup=backup)
        except EditedNotebookError as err:
            refused.extend(err.paths)
    if refused:
        raise EditedNotebookError(refused)
    return results


def _comparable(nb: Any) -> Any:
    cells = [(c.get("cell_type"), _source(c),
              {k: v for k, v in (c.get("metadata") or {}).items() if k not in DROPPED_CELL_METADATA})
             for c in nb.get("cells", [])]
    return cells, (nb.get("metadata") or {}).get("workbook")


def check_in_sync(solutions_dir: Path, exercises_dir: Path) -> list[Path]:
    """Exercise notebooks that differ from what the generator would write (cell types, sources, cell
    metadata and the ``workbook`` notebook metadata; outputs ignored), are missing, or were generated from
    a solution that no longer exists."""
    solutions_dir, exercises_dir = Path(solutions_dir), Path(exercises_dir)
    out: list[Path] = []
    expected_names = set()
    for sol in notebooks_in(solutions_dir):
        target = exercises_dir / sol.name
        expected_names.add(sol.name)
        if not target.exists():
            out.append(target)
            continue
        want = json.loads(exercise_text(sol, target))
        try:
            have = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            out.append(target)
            continue
        if _comparable(want) != _comparable(have):
            out.append(target)
    if exercises_dir.is_dir():
        for ex in notebooks_in(exercises_dir):
            if ex.name in expected_names:
                continue
            try:
                wb = json.loads(ex.read_text(encoding="utf-8")).get("metadata", {}).get("workbook", {})
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(wb, dict) and "generated_from" in wb:
                out.append(ex)
    return sorted(out)
