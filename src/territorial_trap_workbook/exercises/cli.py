"""``workbook exercises``, ``workbook check`` and ``workbook handout``.

Folders are found relative to the current working directory, which must be the repository root (it holds
``solutions/``; ``exercises/`` is written next to it).
"""
from __future__ import annotations

import argparse
import os
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

    try:
        root = _repo_root()
        if args.check:
            stale = check_in_sync(root / "solutions", root / "exercises")
            for p in stale:
                print(f"out of sync: {p.relative_to(root)}")
            if stale:
                return _fail(f"{len(stale)} exercise notebook(s) differ from their solutions; "
                             "run `workbook exercises`")
            print("exercise notebooks are in sync with solutions/")
            return 0
        out = root / "exercises"
        if out.is_symlink() and not out.exists():
            return _fail(f"{out} is a symbolic link to {os.readlink(out)}, which does not exist; remove it, "
                         "and the exercise notebooks are written to a new exercises/ folder")
        if out.exists() and not out.is_dir():
            return _fail(f"{out} is a file, not a folder; move it away, and the exercise notebooks are written "
                         "to a new exercises/ folder")
        results = generate_all(root / "solutions", out, force=args.force, backup=args.backup)
    except (FileNotFoundError, GeneratorError, EditedNotebookError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename}: {exc.strerror}")
    for path, action in results.items():
        print(f"{action:>22}: {path.relative_to(root)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .grading import INCOMPLETE_RUNS, grade_paths

    if args.timeout <= 0:
        return _fail("--timeout must be positive", 2)
    reports = grade_paths(args.paths, timeout=args.timeout, csv_path=args.csv, progress=not args.no_progress)
    if not reports:
        return _fail("no notebooks found in " + ", ".join(map(str, args.paths)), 2)
    return 1 if any(r.run in INCOMPLETE_RUNS for r in reports) else 0


def cmd_handout(args: argparse.Namespace) -> int:
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

    p = subparsers.add_parser("check", help="run filled-in exercise notebooks and report each exercise",
                              description="Run notebooks (or folders of notebooks) and report each exercise: "
                                          "right, wrong (with hint), not answered. Exit code 1 if a notebook "
                                          "could not be run to the end.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="notebook or folder of notebooks")
    p.add_argument("--csv", metavar="OUT.csv", help="write the summary table (file × exercise) to a CSV file")
    p.add_argument("--timeout", type=float, default=30, metavar="S", help="per-cell timeout in seconds (30)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
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
