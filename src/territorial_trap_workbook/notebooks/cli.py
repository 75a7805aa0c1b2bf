"""``workbook execute``: re-run every chapter and solution notebook and store its outputs."""
from __future__ import annotations

from pathlib import Path


def _run(args) -> int:
    from .execute import execute, notebooks_under

    root = Path.cwd()
    paths = [Path(p) for p in args.paths] or notebooks_under(root)
    if not paths:
        print("No notebooks found under book/ or solutions/ (run this from the repository root).")
        return 1
    total = 0.0
    for path in paths:
        seconds = execute(path, timeout=args.timeout)
        total += seconds
        print(f"executed {path} in {seconds:.1f} s")
    print(f"{len(paths)} notebooks in {total:.1f} s")
    return 0


def register(sub) -> None:
    cmd = sub.add_parser("execute", help="re-execute chapter and solution notebooks, storing clean outputs")
    cmd.add_argument("paths", nargs="*", help="notebooks to run (default: all under book/ and solutions/)")
    cmd.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    cmd.set_defaults(func=_run, extra="author")
