"""Child process of ``build_book``: one Jupyter Book 1 / Sphinx HTML build, warnings as errors.

Usage: ``python -m territorial_trap_workbook.book._sphinx_run SOURCE OUTDIR DOCTREES``.
The same as ``jupyter-book build SOURCE -W -n --keep-going --all``, but with the output and doctree folders
given exactly (one pair per edition).
"""
from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    source, outdir, doctrees = (Path(a) for a in argv)
    from jupyter_book.sphinx import build_sphinx

    result = build_sphinx(
        source, outdir,
        doctreedir=doctrees,
        noconfig=True,
        path_config=source / "_config.yml",
        confoverrides={
            "external_toc_path": (source / "_toc.yml").as_posix(),
            "latex_individualpages": False,
            "nitpicky": True,
        },
        builder="html",
        warningiserror=True,
        keep_going=True,
        freshenv=True,
        force_all=True,
    )
    if isinstance(result, BaseException):
        return 2
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
