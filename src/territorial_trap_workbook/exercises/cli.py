"""``workbook exercises``, ``workbook check`` and ``workbook handout``.

Folders are found relative to the current working directory, which must be the repository root (it holds
``solutions/``; ``exercises/`` is written next to it).
"""
from __future__ import annotations

import argparse
import math
import os
import re
import signal
import sys
from pathlib import Path


def _repo_root() -> Path:
    root = Path.cwd()
    if not (root / "solutions").is_dir():
        raise FileNotFoundError(
            f"no solutions/ folder in {root}: run this command from the repository root")
    return root


def _fail(message: str, code: int = 1) -> int:
    print(f"workbook: {message}", file=sys.stderr)
    return code


def cmd_exercises(args: argparse.Namespace) -> int:
    from .generator import EditedNotebookError, GeneratorError, check_in_sync, generate_all
    from .answer_key import KEY_FILE
    from .solution_key import SolutionError, stale_notebooks, write_key
    from .parts import PartsError

    try:
        root = _repo_root()
        own_key = KEY_FILE.resolve().is_relative_to(root.resolve())
        if args.check:
            stale = check_in_sync(root / "solutions", root / "exercises")
            for p in stale:
                print(f"out of sync: {p.relative_to(root)}")
            old_key = stale_notebooks(root / "solutions", KEY_FILE) if own_key else []
            for name in old_key:
                print(f"answer key out of date: {name}")
            if stale or old_key:
                return _fail(f"{len(stale)} exercise notebook(s) and {len(old_key)} answer-key entries differ "
                             "from their solutions; run `workbook exercises`")
            print("exercise notebooks and the answer key are in sync with solutions/")
            return 0
        out = root / "exercises"
        if out.is_symlink() and not out.exists():
            return _fail(f"{out} is a symbolic link to {os.readlink(out)}, which does not exist; remove it, "
                         "and the exercise notebooks are written to a new exercises/ folder")
        if out.exists() and not out.is_dir():
            return _fail(f"{out} is a file, not a folder; move it away, and the exercise notebooks are written "
                         "to a new exercises/ folder")
        results = generate_all(root / "solutions", out, force=args.force, backup=args.backup)
        for path, action in results.items():
            print(f"{action:>22}: {path.relative_to(root)}")
        if own_key:
            changed = write_key(root / "solutions", KEY_FILE)
            print(f"{'written' if changed else 'unchanged':>22}: {KEY_FILE.relative_to(root.resolve())}")
        else:
            print(f"answer key not written: the package is not installed from {root} ({KEY_FILE})")
    except (FileNotFoundError, GeneratorError, EditedNotebookError, SolutionError, PartsError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename}: {exc.strerror}")
    return 0


def positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above zero (``2.5`` is fine)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, like 30 or 2.5, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds, not {text!r}")
    return value


_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def memory_size(text: str) -> int:
    """An argparse type: a size like ``2G``, ``512M`` or a number of bytes; at least 256M."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"must be a size like 2G or 512M, not {text!r}")
    size = int(float(match.group(1)) * _UNITS[match.group(2).upper()])
    if size < 256 * 1024**2:
        raise argparse.ArgumentTypeError(f"must be at least 256M (a Python kernel needs that much), not {text!r}")
    return size


def job_count(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 64, not {text!r}")
    return int(text)


def _raise_interrupt(signum, frame):  # SIGTERM stops a run like Ctrl-C does
    raise KeyboardInterrupt(signal.Signals(signum).name)


def cmd_check(args: argparse.Namespace) -> int:
    from .gradebook import write_details, write_gradebook
    from .grading import INCOMPLETE_RUNS, GradingError, Interrupted, grade_paths
    from .sandbox import Limits

    limits = Limits(cell_timeout=args.timeout, cpu_seconds=math.ceil(args.cpu_time), memory_bytes=args.memory)
    solutions = Path(args.solutions) if args.solutions else Path.cwd() / "solutions"
    try:
        solutions, keys, summary = _learner_mode(args, solutions)
    except GradingError as exc:
        return _fail(str(exc), 2)
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous = None
    code = 0
    try:
        reports = grade_paths(args.paths, solutions=solutions, limits=limits, jobs=args.jobs, unsafe=args.unsafe,
                              progress=not args.no_progress, keys=keys, echo=not summary)
        code = 1 if any(r.run in INCOMPLETE_RUNS for r in reports) else 0
    except GradingError as exc:
        return _fail(str(exc), 2)
    except Interrupted as exc:
        reports = exc.reports
        code = 143 if exc.signal_name == "SIGTERM" else 130
        print(f"\nstopped by {'SIGTERM' if code == 143 else 'Ctrl-C'}: {len(reports)} notebook(s) finished; "
              "the runs in progress were killed", file=sys.stderr)
    except KeyboardInterrupt:
        return _fail("stopped before any notebook was run", 130)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    partial = " (partial)" if code >= 130 else ""
    if summary:
        from .progress import progress_lines

        print("\n".join(progress_lines(reports)))
    if args.csv:
        print(f"wrote{partial} {write_gradebook(reports, args.csv)}")
    if args.details:
        print(f"wrote{partial} {write_details(reports, args.details)}")
    return code


def _learner_mode(args: argparse.Namespace, solutions: Path):
    """(solutions, keys, summary). One learner's own notebooks get the per-chapter progress summary (unless
    --report, --csv or --details ask for the grading report), and may be checked against the answer key
    installed with the package when there are no solution notebooks: a learner has none. Several students'
    notebooks are graded against solution notebooks only."""
    from ..chapters import CHAPTERS
    from .grading import collect, solutions_in
    from .progress import installed_keys

    have_solutions = bool(args.solutions) or solutions.is_dir()
    names = set(solutions_in(solutions)) if have_solutions else {f"{c.stem}.ipynb" for c in CHAPTERS}
    one_learner = len({s.student for s in collect(args.paths, names)}) == 1
    summary = one_learner and not (args.report or args.csv or args.details)
    if have_solutions or not one_learner:  # other people's work is graded against solution notebooks only
        return solutions, None, summary
    keys = installed_keys()
    print("note: no solutions folder here, so the expected values come from the answer key installed with the "
          "package (the ones your check cells use): fine for practice, not a grade.")
    return solutions, keys, summary


def cmd_handout(args: argparse.Namespace) -> int:
    from .generator import GeneratorError
    from .handout import HandoutError, handout, summary
    from .sync import ExercisesOutOfSync, require_in_sync

    try:
        root = _repo_root()
        require_in_sync(root)  # never hand out scribbles made in the generated exercises/
        outcomes = handout(root / "exercises", Path(args.dest), force=args.force, backup=args.backup,
                           repo_root=root)
    except (FileNotFoundError, HandoutError, GeneratorError, ExercisesOutOfSync) as exc:
        return _fail(str(exc))
    print(f"{args.dest}:")
    for line in summary(outcomes):
        print(f"  {line}")
    refused = sum(o.refused for o in outcomes)
    if refused:
        return _fail(f"{refused} notebook(s) in {args.dest} are not at the new version (see above)")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("exercises", help="generate exercises/ from solutions/",
                              description="Generate exercise notebooks from solution notebooks. Notebooks "
                                          "edited since they were generated are not overwritten.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--force", action="store_true", help="overwrite edited exercise notebooks")
    g.add_argument("--backup", action="store_true", help="keep a timestamped copy of edited ones, then overwrite")
    g.add_argument("--check", action="store_true", help="only report exercise notebooks that are out of sync")
    p.set_defaults(func=cmd_exercises, extra="author")

    p = subparsers.add_parser(
        "check", help="grade filled-in exercise notebooks against the solutions",
        description="Run notebooks, folders of notebooks or a class folder (roster/<student>/NN-name.ipynb), "
                    "each in a sandbox (bubblewrap), and grade every exercise part against expected values "
                    "computed from the solution notebooks. One learner's own notebooks get a summary per "
                    "chapter instead: what is right, what is still open, which written answers they have "
                    "self-marked (read from the saved notebooks); without solution notebooks it uses the answer "
                    "key installed with the package. Exit code 1 if a notebook could not be run to the "
                    "end, 2 if grading could not start, 130/143 if stopped by Ctrl-C/SIGTERM.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="notebook, folder of notebooks, or class folder")
    p.add_argument("--solutions", metavar="DIR", help="the solution notebooks to grade against (./solutions)")
    p.add_argument("--csv", metavar="OUT.csv", help="gradebook: one row per student, one column per part")
    p.add_argument("--details", metavar="OUT.csv", help="one row per student, notebook and part, with messages")
    p.add_argument("--timeout", type=positive_seconds, default=30.0, metavar="S",
                   help="per-cell time limit in seconds (30)")
    p.add_argument("--cpu-time", type=positive_seconds, default=120.0, metavar="S",
                   help="CPU-time limit per notebook in seconds (120)")
    p.add_argument("--memory", type=memory_size, default=2 * 1024**3, metavar="SIZE",
                   help="memory limit per process, e.g. 2G or 512M (2G)")
    p.add_argument("--jobs", type=job_count, default=2, metavar="N", help="notebooks run at once (2)")
    p.add_argument("--unsafe", action="store_true",
                   help="run other people's notebooks even when no sandbox is available (never for a class)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--report", action="store_true",
                   help="one learner's notebooks: the grading report per notebook instead of the progress summary")
    p.set_defaults(func=cmd_check, extra="grading")

    p = subparsers.add_parser("handout", help="copy exercise notebooks to a student folder",
                              description="Bring the exercise notebooks into DEST (outside the repository, or "
                                          "its git-ignored work/ folder) and say what was done to each. "
                                          "Notebooks the student edited are never overwritten.")
    p.add_argument("dest", metavar="DEST")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--backup", action="store_true",
                   help="for an edited notebook with a new version, put the new version beside it "
                        "(NAME.new-DATE.ipynb); the student's file stays as it is")
    g.add_argument("--force", action="store_true",
                   help="replace edited notebooks with the new version, saving the student's as NAME.DATE.bak.ipynb")
    p.set_defaults(func=cmd_handout, extra="lab")
