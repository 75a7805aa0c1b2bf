"""``workbook dashboard CHAPTER``: the chapter's explorers as a code-free Voila page for a classroom."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .notebook import DashboardError, chapters_named, write_dashboard
from .serve import voila_command, voila_environment


def _dashboard(args: argparse.Namespace) -> int:
    from ..book.build import PROJECT_ROOT

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
    print(f"Serving {path.name} with Voila on port {args.port} (Ctrl-C stops it)", flush=True)
    os.execvpe(cmd[0], cmd, voila_environment())  # Voila takes over this process: Ctrl-C reaches it directly


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "dashboard", help="serve a chapter's explorers as a classroom dashboard (Voila)",
        description="Write a notebook holding the chapter's explorers only (title, live sliders, read-out, "
                    "figure, caption and things to try; no code) and serve it with Voila, without opening a "
                    "browser and without loading anything from outside the server.")
    parser.add_argument("chapters", nargs="+", metavar="CHAPTER",
                        help="a chapter (07-precedent, 7 or precedent), several (one page), or all")
    parser.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    parser.add_argument("--book", help="folder of the executed chapter pages (default: book/ of the project)")
    parser.add_argument("--dir", help="where to write the dashboard notebook (default: .cache/dashboard)")
    parser.add_argument("--write-only", action="store_true", help="write the notebook, print its path, serve nothing")
    parser.add_argument("--voila-args", nargs=argparse.REMAINDER, default=[],
                        help="everything after this goes to voila unchanged (e.g. --Voila.ip=0.0.0.0)")
    parser.set_defaults(func=_dashboard)
