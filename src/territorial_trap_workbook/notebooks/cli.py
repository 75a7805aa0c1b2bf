"""``workbook execute``: re-run every chapter and solution notebook and store its outputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _path_problem(path: Path) -> str | None:
    if not path.exists():
        return f"no such notebook: {path}"
    if path.is_dir():
        return f"{path} is a folder; name notebook files (.ipynb), or none to run every notebook under book/ and solutions/"
    if path.suffix != ".ipynb":
        return f"{path} is not a notebook (.ipynb)"
    try:  # plain JSON here: this module is the core CLI's, nbformat belongs to the author extra
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"{path} is not a readable notebook ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return f"{path} is not a readable notebook (no list of cells)"
    return None


def _run(args) -> int:
    from .execute import execute, notebooks_under

    root = Path.cwd()
    paths = [Path(p) for p in args.paths] or notebooks_under(root)
    if not paths:
        print("No notebooks found under book/ or solutions/ (run this from the repository root).")
        return 1
    problems = [msg for msg in map(_path_problem, paths) if msg]
    if problems:  # checked before running any, so a typo in the last name does not cost a long run first
        print(f"workbook execute: {'; '.join(problems)}", file=sys.stderr)
        return 2
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
