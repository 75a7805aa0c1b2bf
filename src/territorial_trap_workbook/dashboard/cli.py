"""``workbook dashboard CHAPTER``: the chapter's explorers as a code-free Voila page for a classroom."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

#: The checkout this package runs from (its book/ and .cache/), as for `workbook build`.
PROJECT_ROOT = Path(__file__).resolve().parents[3]



def _dashboard(args: argparse.Namespace) -> int:
    # The lab extra (nbformat, Voila) is imported when the command runs: `workbook --help` works on the core.
    from .notebook import DashboardError, chapters_named, write_dashboard
    from .serve import voila_command, voila_environment

    book = Path(args.book) if args.book else PROJECT_ROOT / "book"
    folder = Path(args.dir) if args.dir else PROJECT_ROOT / ".cache" / "dashboard"
    try:
        path = write_dashboard(chapters_named(args.chapters), book, folder)
    except DashboardError as err:
        print(f"workbook dashboard: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # --dir names a file, or a folder it may not write to
        print(f"workbook dashboard: cannot write the dashboard notebook into {folder}: {err.strerror or err}",
              file=sys.stderr)
        return 2
    if args.write_only:
        print(path)
        return 0
    cmd = voila_command(path, port=args.port, extra=args.voila_args)
    what = f"chapter {path.stem}" if path.suffix == ".ipynb" else "a list of the chapters (each opens its dashboard)"
    print(f"Serving {what} with Voila at http://localhost:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execvpe(cmd[0], cmd, voila_environment())  # Voila takes over this process: Ctrl-C reaches it directly


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "dashboard", help="serve a chapter's explorers as a classroom dashboard (Voila)",
        description="Write a notebook holding the chapter's explorers only (title, live sliders, read-out, "
                    "figure, caption and things to try; no code) and serve it with Voila, without opening a "
                    "browser and without loading anything from outside the server.")
    parser.add_argument("chapters", nargs="+", metavar="CHAPTER",
                        help="a chapter (07-precedent, 7 or precedent), several, or all (then the first page "
                             "lists them, each its own dashboard)")
    parser.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    parser.add_argument("--book", help="folder of the executed chapter pages (default: book/ of the project)")
    parser.add_argument("--dir", help="where to write the dashboard notebook (default: .cache/dashboard)")
    parser.add_argument("--write-only", action="store_true", help="write the notebook, print its path, serve nothing")
    parser.add_argument("--voila-args", nargs=argparse.REMAINDER, default=[],
                        help="everything after this goes to voila unchanged (e.g. --Voila.ip=0.0.0.0)")
    parser.set_defaults(func=_dashboard, extra="lab")
