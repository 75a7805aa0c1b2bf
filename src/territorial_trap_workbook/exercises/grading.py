"""Grade filled-in exercise notebooks against the teacher's solution notebooks.

For each submission ``grade_paths``:

1. finds its solution notebook (by file name, else by the ``generated_from`` the exercise notebook records, else
   by its chapter number) in the teacher's ``solutions`` folder;
2. computes the expected values and points by running that solution (``answer_key.solution_key``) — never
   from the submission, its check cells or metadata, nor from the key installed with the package;
3. runs a copy of the submission in a sandbox (``sandbox``), takes every answer variable out of the kernel as
   plain data (``extract``) and judges it here, in the grading process (``feedback.judge``).

The student's own check cells give feedback while they work and count for nothing. Per exercise part the
status is a feedback status (``right``, ``close``, ``wrong``, ``not answered``, ``wrong type``, ``not finite``),
or ``not checked`` when the answer could not be read (the kernel died, the notebook ran past its limits, or the
variable is undefined after a cell raised). Written answers are ``manual``: they carry their nbgrader points
but count neither as right nor in the total.

Whose notebooks: a folder of folders (``roster/<student>/NN-name.ipynb``) is a class; a folder of notebooks
named like the solutions is one learner's; other notebooks are one student each, named after the file.
Other people's notebooks are only run in the sandbox (or with ``unsafe=True``); a learner's own notebooks run
without it when bubblewrap is missing, and the report says so.
"""
from __future__ import annotations

import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TextIO

from .extract import Missing, WrongType, new_nonce, read_answers
from .feedback import judge, wrong_type
from .generator import notebooks_in
from .parts import Part, PartsError, WrittenItem, read_parts
from .runner import RUN_DEAD, RUN_ERRORS, RUN_FAILED, RUN_OK, RUN_TIMEOUT  # noqa: F401 (RUN_ERRORS: for callers)
from .safe_text import for_terminal
from .sandbox import Limits, allow_runs, find_bwrap, kill_all, run_notebook, sandbox_problem
from .solution_key import SolutionError, solution_key

NOT_CHECKED = "not checked"
MANUAL = "manual"
RUN_INVALID = "not a notebook"
RUN_MISSING = "missing"
RUN_NO_SOLUTION = "no solution"
RUN_STATUSES = (RUN_OK, RUN_ERRORS, RUN_TIMEOUT, RUN_DEAD, RUN_FAILED, RUN_INVALID, RUN_MISSING, RUN_NO_SOLUTION)
INCOMPLETE_RUNS = (RUN_TIMEOUT, RUN_DEAD, RUN_FAILED, RUN_INVALID, RUN_MISSING, RUN_NO_SOLUTION)
MAX_NOTEBOOK_BYTES = 20_000_000

_ICONS = {"right": "✅", "close": "🔸", "wrong": "❌", "not answered": "⏳", "wrong type": "⚠️", "not finite": "⚠️",
          "unusable": "⚠️", "unknown part": "⚠️", NOT_CHECKED: "·", MANUAL: "✍️"}


class GradingError(Exception):
    """Grading cannot start (no solutions, no sandbox for other people's work, ...): one line for the user."""


class Interrupted(Exception):
    """Ctrl-C or SIGTERM: the runs in progress were stopped; ``reports`` holds the notebooks finished before."""

    def __init__(self, reports: list["NotebookReport"], signal_name: str = "interrupt"):
        super().__init__(signal_name)
        self.reports = reports
        self.signal_name = signal_name


@dataclass
class Submission:
    path: Path
    student: str


@dataclass
class ItemResult:
    status: str
    message: str = ""
    hint: str = ""
    points: float | None = 0
    possible: float = 0


@dataclass
class NotebookReport:
    path: Path
    student: str
    solution: str = ""
    run: str = RUN_OK
    detail: str = ""
    items: dict[str, ItemResult] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(r.points or 0 for r in self.items.values() if r.status != MANUAL)

    @property
    def possible(self) -> float:
        return sum(r.possible for r in self.items.values() if r.status != MANUAL)

    def lines(self) -> list[str]:
        t = for_terminal
        head = f"{t(self.path)} ({t(self.student)}): {_num(self.points)}/{_num(self.possible)} points"
        if self.run != RUN_OK:
            head += f" [{self.run}]"
        out = [head]
        if self.detail:
            out.append(f"  run: {t(self.detail)}")
        out += [f"  error: {t(e)}" for e in self.cell_errors]
        width = max((len(k) for k in self.items), default=0)
        for name, r in self.items.items():
            line = f"  {name:<{width}}  {_ICONS.get(r.status, '?')} {r.status}"
            if r.status == MANUAL:
                line += f" ({_num(r.possible)} points, marked by hand)"
            elif r.status not in ("right", "not answered") and r.message:
                line += f": {t(r.message)}"
            if r.status == "wrong" and r.hint:
                line += f" Hint: {t(r.hint)}"
            out.append(line)
        return out


def _num(x: float) -> str:
    return f"{x:g}"


def natural_key(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


# ----------------------------------------------------------------------------------------- collecting
def collect(paths: Iterable[str | Path], solution_names: set[str]) -> list[Submission]:
    """The submissions under ``paths``, each with the student it belongs to (see the module docstring)."""
    out: list[Submission] = []
    for p in map(Path, paths):
        if not p.is_dir():
            owner = p.resolve().parent.name if p.name in solution_names else p.stem
            out.append(Submission(p, owner))
            continue
        direct = notebooks_in(p)
        for nb in direct:
            out.append(Submission(nb, p.resolve().name if nb.name in solution_names else nb.stem))
        for sub in sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith(".")):
            out.extend(Submission(nb, sub.name) for nb in notebooks_in(sub))
    return out


def _read_notebook(path: Path) -> tuple[Any, str, str]:
    """(notebook, run status, detail): a notebook, or None with why it cannot be run."""
    import nbformat

    if not path.is_file():
        return None, RUN_MISSING, "no such file"
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, RUN_INVALID, f"larger than {MAX_NOTEBOOK_BYTES // 1_000_000} MB"
        text = path.read_text(encoding="utf-8")
        json.loads(text)  # first, for a precise message on broken JSON
        nb = nbformat.reads(text, as_version=4)
    except json.JSONDecodeError as exc:
        return None, RUN_INVALID, f"invalid JSON ({exc.msg}, line {exc.lineno})"
    except Exception as exc:  # unreadable bytes, or JSON that is not a notebook
        return None, RUN_INVALID, f"cannot read it as a notebook ({type(exc).__name__}: {_short(exc, 100)})"
    if not isinstance(nb.get("cells"), list):
        return None, RUN_INVALID, "no cells"
    return nb, RUN_OK, ""


def _short(text: Any, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


def match_solution(path: Path, nb: Any, solutions: dict[str, Path]) -> Path | None:
    """The solution a submission answers: same file name, else its recorded ``generated_from``, else the
    only solution with the same chapter number. (A lie here only makes the student's answers wrong.)"""
    if path.name in solutions:
        return solutions[path.name]
    wb = (nb.get("metadata") or {}).get("workbook") if nb is not None else None
    source = wb.get("generated_from") if isinstance(wb, dict) else None
    if isinstance(source, str) and Path(source).name in solutions:
        return solutions[Path(source).name]
    chapter = re.match(r"(\d+)-", path.name)
    same = [s for name, s in solutions.items() if chapter and name.startswith(chapter.group(0))]
    return same[0] if len(same) == 1 else None


# ------------------------------------------------------------------------------------------- judging
@dataclass
class SolutionKey:
    name: str
    parts: dict[str, tuple[Part, Any]]
    written: list[WrittenItem]


def load_solution(path: Path, timeout: float) -> SolutionKey:
    import nbformat

    try:
        written = read_parts(nbformat.read(str(path), as_version=4), str(path)).written
        return SolutionKey(path.name, solution_key(path, timeout=timeout), written)
    except (SolutionError, PartsError, OSError) as exc:
        raise GradingError(f"cannot use the solution notebook {path}: {exc}") from None


def judge_run(report: NotebookReport, key: SolutionKey, result: dict[str, Any] | None, nonce: str) -> None:
    """Fill ``report`` from a runner's results (None: the notebook could not be run at all)."""
    names = [part.answer for part, _ in key.parts.values()]
    answers = None
    if result is not None:
        report.run, report.detail, report.cell_errors = result["run"], result["detail"], result["cell_errors"]
        answers = read_answers(result["extraction"], nonce, names)
    troubled = result is None or bool(result["cell_errors"] or result["timed_out"])
    for pid, (part, expected) in key.parts.items():
        value = Missing() if answers is None else answers[part.answer]
        if answers is None:
            item = ItemResult(NOT_CHECKED, "the answers could not be read from this run", part.hint)
        elif isinstance(value, Missing):
            item = (ItemResult(NOT_CHECKED, f"{part.answer} is not defined: a cell before it raised an error "
                                            "or was interrupted", part.hint) if troubled else
                    ItemResult("not answered", f"{part.answer} is not defined: was its cell deleted?", part.hint))
        elif isinstance(value, WrongType):
            fb = wrong_type(part, value.description)
            item = ItemResult(fb.status, fb.message, fb.hint)
        else:
            fb = judge(value, part, expected)
            item = ItemResult(fb.status, fb.message, fb.hint)
        item.possible = part.points
        item.points = part.points if item.status == "right" else 0
        report.items[pid] = item
    for w in key.written:
        report.items[w.name] = ItemResult(MANUAL, points=None, possible=w.points)


# ------------------------------------------------------------------------------------------- running
def choose_sandbox(submissions: list[Submission], unsafe: bool) -> tuple[bool, str]:
    """(sandboxed, notice) — or GradingError when other people's notebooks would run unprotected."""
    problem = sandbox_problem(find_bwrap())
    if problem is None:
        return True, ""
    if unsafe:
        return False, (f"WARNING: {problem}. Running the notebooks WITHOUT a sandbox (--unsafe): they run with "
                       "your rights and can read, change or delete your files.")
    if len({s.student for s in submissions}) <= 1:
        return False, (f"note: {problem}. Checking your own notebooks without a sandbox: they run with your "
                       "rights.")
    raise GradingError(f"refusing to run other people's notebooks without a sandbox: {problem}. Install "
                       "bubblewrap, or pass --unsafe if you trust every notebook.")


def solutions_in(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise GradingError(f"no solutions folder at {folder}: run from the repository root or give --solutions")
    found = {p.name: p for p in notebooks_in(folder)}
    if not found:
        raise GradingError(f"no solution notebooks in {folder}")
    return found


def grade_paths(paths: Iterable[str | Path], *, solutions: str | Path | None, limits: Limits = Limits(),
                jobs: int = 2, unsafe: bool = False, out: TextIO | None = None, progress: bool = True,
                keys: dict[str, SolutionKey] | None = None, echo: bool = True) -> list[NotebookReport]:
    """Grade notebooks, folders of notebooks and class folders; print each report, then a summary.

    ``keys`` (by solution file name) stands in for running ``solutions``: a learner's progress report uses the
    installed answer key (``progress.installed_keys``), never a grade. ``echo=False`` prints no report and no
    summary (the caller prints its own), only the sandbox notice.

    Raises GradingError before running anything when grading cannot start, and Interrupted (with the reports
    finished so far) on Ctrl-C or SIGTERM, after stopping every run in progress."""
    from tqdm.auto import tqdm

    out = out or sys.stdout
    sols = {name: Path(name) for name in keys} if keys is not None else solutions_in(Path(solutions))
    subs = collect(paths, set(sols))
    if not subs:
        raise GradingError("no notebooks found in " + ", ".join(for_terminal(p) for p in paths))
    sandboxed, notice = choose_sandbox(subs, unsafe)
    if notice:
        print(notice, file=out)
    prepared = []
    for sub in subs:
        nb, run, detail = _read_notebook(sub.path)
        sol = match_solution(sub.path, nb, sols)
        prepared.append((sub, nb, run, detail, sol))
    needed = sorted({sol for *_, sol in prepared if sol is not None})
    reports: dict[int, NotebookReport] = {}
    bar = tqdm(total=len(needed) + len(prepared), desc="checking", unit="notebook", disable=not progress,
               file=sys.stderr)
    allow_runs()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        loaded: dict[Path, SolutionKey] = {}
        if keys is not None:
            loaded = {path: keys[path.name] for path in needed}
            bar.update(len(needed))
        for path, fut in [(s, pool.submit(load_solution, s, max(limits.cell_timeout, 120)))
                          for s in needed if s not in loaded]:
            loaded[path] = fut.result()
            bar.update()
        futures = {pool.submit(_grade_one, sub, nb, run, detail, loaded.get(sol), sandboxed, limits): i
                   for i, (sub, nb, run, detail, sol) in enumerate(prepared)}
        for fut in as_completed(futures):
            report = fut.result()
            reports[futures[fut]] = report
            bar.update()
            if echo:
                bar.write("\n".join(report.lines()), file=out)
    except KeyboardInterrupt as exc:
        kill_all()  # before waiting for the workers: each is waiting for its run to end
        pool.shutdown(wait=True, cancel_futures=True)
        raise Interrupted([reports[i] for i in sorted(reports)], str(exc) or "interrupt") from None
    except BaseException:
        kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        bar.close()
    done = [reports[i] for i in sorted(reports)]
    if len(done) > 1 and echo:
        print("\n" + summary_table(done), file=out)
    return done


def _grade_one(sub: Submission, nb: Any, run: str, detail: str, key: SolutionKey | None, sandboxed: bool,
               limits: Limits) -> NotebookReport:
    report = NotebookReport(sub.path, sub.student, key.name if key else "")
    if key is None:
        report.run = run if nb is None else RUN_NO_SOLUTION
        report.detail = detail if nb is None else "no solution notebook matches it (name it like the solution)"
        return report
    if nb is None:
        report.run, report.detail = run, detail
        judge_run(report, key, None, "")
        return report
    nonce = new_nonce()
    result = run_notebook(nb, [p.answer for p, _ in key.parts.values()], nonce, limits=limits, sandboxed=sandboxed)
    judge_run(report, key, result, nonce)
    return report


def summary_table(reports: list[NotebookReport]) -> str:
    header = ["student", "notebook", "run", "points", "of"]
    rows = [[for_terminal(r.student), for_terminal(r.path.name), r.run, _num(r.points), _num(r.possible)]
            for r in reports]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    fmt = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])
