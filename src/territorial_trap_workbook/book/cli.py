"""``workbook build``: build the offline book (student, instructor or self-study edition)."""
from __future__ import annotations

import argparse
import sys

from .editions import EDITIONS


def _build(args: argparse.Namespace) -> int:
    from ..exercises.generator import GeneratorError
    from ..exercises.sync import ExercisesOutOfSync, require_in_sync
    from .build import PROJECT_ROOT, BookBuildError, timed_build

    try:
        require_in_sync(PROJECT_ROOT)  # the book offers exercises/ for download: never a hand-edited one
    except (ExercisesOutOfSync, GeneratorError) as err:
        print(f"workbook build: {err}", file=sys.stderr)
        return 1
    try:
        out, seconds = timed_build(args.edition)
    except BookBuildError as err:
        print(f"workbook build: {err}", file=sys.stderr)
        return 1
    print(f"Built the {args.edition} edition in {seconds:.1f} s: {out / 'index.html'}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the offline book",
        description="Stage the book and build it offline with Jupyter Book 1 (warnings are errors) into "
                    "_build/html (student), _build/html-instructor or _build/html-self-study.")
    parser.add_argument("--edition", choices=EDITIONS, default="student",
                        help="student (default: for a graded class, no solutions), self-study (adds the "
                             "solutions, shown when asked for, and self-marking) or instructor (adds solutions, "
                             "rubrics and the instructor guide)")
    parser.set_defaults(func=_build, extra="author")
