"""The ``workbook`` command: the everyday tasks of authors, teachers and students.

Each area registers its own subcommands (``register(subparsers)`` in its ``cli`` module), so this file
stays a table of contents.
"""
from __future__ import annotations

import argparse
import sys

from .book import cli as book_cli
from .dashboard import cli as dashboard_cli
from .exercises import cli as exercises_cli
from .notebooks import cli as notebooks_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for area in (book_cli, notebooks_cli, exercises_cli, dashboard_cli):
        area.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
