"""``workbook build``: build the offline book (student, instructor or self-study edition); ``workbook pdf``:
print a built book to PDF."""
from __future__ import annotations

import argparse
import sys

from .editions import EDITIONS


def _build(args: argparse.Namespace) -> int:
    from ..exercises.generator import GeneratorError
    from ..exercises.sync import ExercisesOutOfSync, require_in_sync
    from ..hub import HubOptionError, check_options
    from .build import PROJECT_ROOT, BookBuildError, timed_build

    try:
        hub = check_options(args.hub_url, args.hub_repo, args.hub_branch)
    except HubOptionError as err:
        print(f"workbook build: {err}", file=sys.stderr)
        return 2
    try:
        require_in_sync(PROJECT_ROOT)  # the book offers exercises/ for download: never a hand-edited one
    except (ExercisesOutOfSync, GeneratorError) as err:
        print(f"workbook build: {err}", file=sys.stderr)
        return 1
    try:
        out, seconds = timed_build(args.edition, hub=hub)
    except BookBuildError as err:
        print(f"workbook build: {err}", file=sys.stderr)
        return 1
    print(f"Built the {args.edition} edition in {seconds:.1f} s: {out / 'index.html'}"
          + (f" (launch links to {hub[0]}, exercises from {hub[1]} on {hub[2]})" if hub else ""))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..chapters import CHAPTERS
    from .build import PROJECT_ROOT, default_out_dir
    from .pdf import PrintError, print_site

    site = Path(args.site) if args.site else default_out_dir(args.edition)
    wanted = set(args.chapter or [])
    unknown = wanted - {c.number for c in CHAPTERS}
    if unknown:
        print(f"workbook pdf: no chapter {', '.join(map(str, sorted(unknown)))}; chapters are 1 to "
              f"{len(CHAPTERS)}", file=sys.stderr)
        return 2
    chapters = [c for c in CHAPTERS if not wanted or c.number in wanted]
    book = not wanted and not args.no_book
    try:
        print(f"Printing {site} ...")
        run = print_site(site, chapters=chapters, exercises=Path(args.exercises) if args.exercises
                         else PROJECT_ROOT / "exercises", book=book, sheets=not args.no_sheets)
    except PrintError as err:
        print(f"workbook pdf: {err}", file=sys.stderr)
        return 1
    print(run.table())
    print(f"Wrote {len(run.printed)} PDFs to {run.out}")
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
    parser.add_argument("--hub-url", help="a course hub's address (https://hub.example.edu): every chapter page "
                        "and the start page then offer a launch link opening the exercise there (needs --hub-repo)")
    parser.add_argument("--hub-repo", help="the URL of the exercise repository the hub pulls with nbgitpuller "
                        "(`workbook hub-repo` prepares it)")
    parser.add_argument("--hub-branch", default=None, help="that repository's branch (default main)")
    parser.set_defaults(func=_build, extra="author")

    pdf = subparsers.add_parser(
        "pdf", help="print a built book to PDF (the book, each chapter, exercise sheets)",
        description="From a built site (default: the edition's _build folder), with headless Chromium and the "
                    "book's print stylesheet: an A4 PDF of the whole book, one per chapter and a printable "
                    "exercise sheet per chapter, written to the site's pdf/ folder and offered on its start page.")
    pdf.add_argument("--edition", choices=EDITIONS, default="student", help="which built edition to print")
    pdf.add_argument("--site", help="the built site to print (a folder holding index.html)")
    pdf.add_argument("--chapter", type=int, action="append", metavar="N",
                     help="print only chapter N (repeatable); the whole-book PDF is then not made")
    pdf.add_argument("--no-book", action="store_true", help="do not make the whole-book PDF")
    pdf.add_argument("--no-sheets", action="store_true", help="do not make the exercise sheets")
    pdf.add_argument("--exercises", help="the folder of exercise notebooks for the sheets (default exercises/)")
    pdf.set_defaults(func=_pdf, extra="print")
