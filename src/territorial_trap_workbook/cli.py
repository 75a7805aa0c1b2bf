"""The ``workbook`` command: the everyday tasks of authors, teachers and students.

Each area registers its own subcommands (``register(subparsers)`` in its ``cli`` module), so this file
stays a table of contents. The area modules import only the standard library at load time, so ``workbook``
runs on the core install; a subcommand that needs an optional extra declares it (``set_defaults(extra=...)``)
and, when the extra is missing, the user gets one line naming it and how to install it, not a traceback.
"""
from __future__ import annotations

import argparse
import sys

from . import extras, hub
from .book import cli as book_cli
from .dashboard import cli as dashboard_cli
from .exercises import cli as exercises_cli
from .notebooks import cli as notebooks_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for area in (book_cli, notebooks_cli, exercises_cli, dashboard_cli, hub):
        area.register(sub)
    args = parser.parse_args(argv)
    extra = getattr(args, "extra", None)
    gone = extras.missing(extra) if extra else []
    if not gone:
        try:
            return int(args.func(args) or 0)
        except ModuleNotFoundError as err:
            # Installed metadata can be absent (run from a source tree) or wrong (an extra half removed).
            if not extra or not err.name or err.name.partition(".")[0] == extras.PACKAGE:
                raise
            gone = [err.name.partition(".")[0]]
    print(extras.needs_message(args.command, extra, gone), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
