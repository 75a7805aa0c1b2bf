"""Build the offline book: the student, instructor or self-study edition.

The source folders are never built in place. ``build_book`` stages them under ``_build/stage-<edition>/``
(beside the output folder when one is given), laid out like the repository so that relative links written in the chapters work both in Jupyter and in the
book::

    _build/stage-<edition>/
        book/                 the Sphinx source (a copy of book/): chapters, _config.yml, generated _toc.yml
            solutions/        instructor edition only: solutions/*.ipynb without nbgrader's marker
                              lines (solution_pages), built as pages
            _offline/_vendor/mathjax/   MathJax 3 (npm), copied to <site>/_vendor/mathjax/ (html_extra_path)
        exercises/            exercises/*.ipynb, outside the Sphinx source: never parsed, only downloadable
        solutions/            instructor edition only: the same notebooks, for {download} links

The self-study edition is the student edition plus what ``self_study.stage_self_study`` adds: its own exercise
notebooks (generated, with self-marking), the solution notebooks as downloads, a worked-solutions page per
chapter (``book/worked-solutions/``) and the links to both in each chapter's Practice section.

A chapter ``book/NN-name.ipynb`` therefore links its exercise notebook with
``{download}`\\`../exercises/NN-name.ipynb\\``` (the same path is right in the repository), and instructor-only
material goes in ``{only} instructor`` blocks (the edition is a Sphinx tag).

Sphinx runs in a child process (a clean interpreter per build) with ``-W --keep-going`` and nitpicky mode,
from scratch every time (an incremental build would not repeat the warnings of unchanged pages).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..chapters import CHAPTERS, Chapter
from ..guide import instructor_guide
from . import vendor
from .editions import EDITIONS
from .front_matter import FrontMatterError, citation_facts
from .solution_pages import write_solution_page
from .self_study import stage_self_study

PROJECT_ROOT = Path(__file__).resolve().parents[3]
# What the site needs from MathJax's es5/ folder: the tex-chtml combined component and everything it may load
# on demand (TeX extensions, CHTML fonts, the accessibility menu with its speech rule engine, SVG output if a
# reader switches renderer in the menu). The other combined components are left out.
MATHJAX_PARTS = ("tex-chtml.js", "a11y", "adaptors", "input", "output", "sre", "ui")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STAGE_IGNORE = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__", ".DS_Store")


class BookBuildError(RuntimeError):
    """Sphinx reported an error or a warning (warnings are errors in this book)."""


def _check_edition(edition: str) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}")
    return edition


def default_out_dir(edition: str, project_root: Path = PROJECT_ROOT) -> Path:
    return project_root / "_build" / ("html" if edition == "student" else f"html-{edition}")


def ensure_mathjax(project_root: Path = PROJECT_ROOT) -> Path:
    return vendor.ensure_mathjax(project_root)


# --- staging ---------------------------------------------------------------------------------------------
def _exists(source: Path, name: str) -> bool:
    return any((source / f"{name}{suffix}").is_file() for suffix in ("", ".md", ".ipynb"))


ROOT_PAGE = "intro"
REFERENCE_PAGES = ("glossary", "bibliography")


def staged_toc(book_dir: Path, edition: str, solutions: list[str],
               chapters: Sequence[Chapter] = CHAPTERS, worked: Sequence[str] = ()) -> dict[str, Any]:
    """The table of contents, generated from the chapter registry (``chapters.CHAPTERS``): start page, the
    chapters, the reference pages and, in the instructor edition, the guide and the solutions (in the
    self-study edition, the ``worked`` solutions pages). A page the registry names but the book lacks is an
    error, not a silent gap."""
    pages = [ROOT_PAGE, *(c.stem for c in chapters), *REFERENCE_PAGES]
    missing = [name for name in pages if not _exists(book_dir, name)]
    if missing:
        raise FileNotFoundError(f"the book's pages {missing} are missing from {book_dir} "
                                f"(the chapter list is src/territorial_trap_workbook/chapters.py)")
    toc: dict[str, Any] = {"format": "jb-book", "root": ROOT_PAGE, "parts": [
        {"caption": "Chapters", "numbered": False, "chapters": [{"file": c.stem} for c in chapters]},
        {"caption": "Reference", "chapters": [{"file": name} for name in REFERENCE_PAGES]},
    ]}
    if edition == "instructor":
        extra = [{"file": "instructor-guide"}] if _exists(book_dir, "instructor-guide") else []
        extra += [{"file": f"solutions/{name}"} for name in solutions]
        if extra:
            toc["parts"].append({"caption": "For instructors", "chapters": extra})
    if edition == "self-study" and worked:
        toc["parts"].append({"caption": "Worked solutions", "chapters": [{"file": page} for page in worked]})
    return toc


def stage_book(edition: str, project_root: Path = PROJECT_ROOT, stage: Path | None = None,
               chapters: Sequence[Chapter] = CHAPTERS, hub: tuple[str, str, str] | None = None) -> Path:
    """Copy the book and its companions into ``stage`` (default ``<root>/_build/stage-<edition>/``);
    return the Sphinx source folder inside it. ``hub`` = (hub address, exercise repository URL, branch), checked
    by ``hub.check_options``, gives every chapter page and the start page a launch link."""
    _check_edition(edition)
    book_src = project_root / "book"
    stage = stage or project_root / "_build" / f"stage-{edition}"
    if stage.exists():
        shutil.rmtree(stage)
    book = stage / "book"
    shutil.copytree(book_src, book, ignore=STAGE_IGNORE)
    # Downloadable notebooks, outside the Sphinx source (never parsed).
    (stage / "exercises").mkdir()
    for nb in sorted((project_root / "exercises").glob("*.ipynb")):
        shutil.copy2(nb, stage / "exercises" / nb.name)
    if (project_root / "pyproject.toml").is_file():
        build_wheel(project_root, stage / "dist")
    solutions: list[str] = []
    if edition == "instructor":
        (stage / "solutions").mkdir()
        (book / "solutions").mkdir(exist_ok=True)
        for nb in sorted((project_root / "solutions").glob("*.ipynb")):
            shutil.copy2(nb, stage / "solutions" / nb.name)  # the download keeps nbgrader's markers
            write_solution_page(nb, book / "solutions" / nb.name)  # the page does not
            solutions.append(nb.stem)
        if solutions:  # generated from the solutions' own metadata, never kept as a second copy
            (book / "instructor-guide.md").write_text(
                instructor_guide(project_root / "solutions"), encoding="utf8")
    else:  # nothing for instructors may reach the student stage, built or not
        for path in book.glob("instructor-guide.*"):
            path.unlink()
        if (book / "solutions").exists():
            shutil.rmtree(book / "solutions")

    worked = stage_self_study(project_root, stage, book, chapters) if edition == "self-study" else []

    (book / "_toc.yml").write_text(
        yaml.safe_dump(staged_toc(book, edition, solutions, chapters, worked), sort_keys=False), encoding="utf8")

    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf8"))
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["workbook_edition"] = edition
    if hub:
        sphinx_config["workbook_hub"] = {"url": hub[0], "repo": hub[1], "branch": hub[2]}
    sphinx_config["workbook_plotly_js"] = str(vendor.ensure_plotly_bundle(PROJECT_ROOT))
    try:  # version, date and authors for the title page, as {{ version }} etc.
        facts = citation_facts(project_root, config.get("author"))
    except FrontMatterError as err:
        raise BookBuildError(str(err)) from None
    if facts:
        sphinx_config["myst_substitutions"] = {**sphinx_config.get("myst_substitutions", {}), **facts}
    if edition != "student":
        config["title"] = f"{config.get('title', 'Workbook')} ({edition} edition)"
    (book / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf8")

    es5 = ensure_mathjax()  # one npm cache, the repository's, whichever project is staged
    target = book / "_offline" / "_vendor" / "mathjax"
    target.mkdir(parents=True)
    for part in MATHJAX_PARTS:
        src = es5 / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            shutil.copy2(src, target / part)
    return book


def build_wheel(project_root: Path, dest: Path) -> Path:
    """The package as a wheel, offered in the book's downloads (built offline from the installed tools).

    Built once per content of the package's sources (``_build/wheel-cache/<hash>/``) and copied: the three
    editions and the suite's builds offer the same wheel, and pip takes seconds per build."""
    dest.mkdir(parents=True, exist_ok=True)
    cache = project_root / "_build" / "wheel-cache" / _source_hash(project_root)
    if not (cache / wheel_name()).is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent) as fresh, tempfile.TemporaryDirectory() as scratch:
            cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                   "--wheel-dir", fresh, str(project_root)]
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=scratch,
                                  env={**os.environ, "PIP_NO_INDEX": "1"})
            if done.returncode != 0:
                raise BookBuildError(f"could not build the package wheel for the downloads:\n{done.stderr[-3000:]}")
            try:
                os.rename(fresh, cache)
            except OSError:  # a build running beside this one got there first: its wheel is the same
                pass
            else:
                os.mkdir(fresh)  # for TemporaryDirectory's clean-up
    shutil.copy2(cache / wheel_name(), dest / wheel_name())
    return dest / wheel_name()


#: What goes into the wheel: a change to any of these builds a new one.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src")


def _source_hash(project_root: Path) -> str:
    digest = hashlib.sha256()
    for name in WHEEL_SOURCES:
        top = project_root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
                digest.update(str(path.relative_to(project_root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def wheel_name() -> str:
    from .. import __version__
    return f"territorial_trap_workbook-{__version__}-py3-none-any.whl"


# --- building --------------------------------------------------------------------------------------------
def _prepare_out_dir(out_dir: Path, default: bool) -> None:
    if out_dir.exists():
        if default or (out_dir / ".buildinfo").is_file() or not any(out_dir.iterdir()):
            shutil.rmtree(out_dir)  # always a fresh site: no pages left over from removed chapters
        else:
            raise FileExistsError(f"{out_dir} exists and is not a previous book build; refusing to overwrite it")


def build_book(edition: str = "student", out_dir: Path | None = None, *,
               project_root: Path | None = None, chapters: Sequence[Chapter] = CHAPTERS,
               hub: tuple[str, str, str] | None = None) -> Path:
    """Stage and build one edition; return the folder of the built site (open its ``index.html``).

    Raises ``ValueError`` for an unknown edition and :class:`BookBuildError` when Sphinx reports any warning
    or error. ``project_root`` (the folder holding ``book/``, ``exercises/``, ``solutions/``) defaults to this
    repository.
    """
    _check_edition(edition)
    root = Path(project_root).resolve() if project_root else PROJECT_ROOT
    default = out_dir is None
    out = default_out_dir(edition, root) if default else Path(out_dir).resolve()
    # The stage sits beside the site (<root>/_build/stage-<edition> for the default site), so builds into
    # different folders -- parallel test workers, say -- never share one.
    source = stage_book(edition, root, out.parent / f"stage-{edition}", chapters, hub)
    _prepare_out_dir(out, default)
    doctrees = source.parent / ".doctrees"
    cmd = [sys.executable, "-m", "territorial_trap_workbook.book._sphinx_run",
           str(source), str(out), str(doctrees)]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=source, env=env)
    if done.returncode != 0:
        report = ANSI.sub("", done.stderr.strip() or done.stdout[-4000:])
        raise BookBuildError(f"the {edition} edition did not build cleanly (warnings are errors):\n{report}")
    if not (out / "index.html").is_file():
        raise BookBuildError(f"Sphinx finished but {out / 'index.html'} is missing:\n{done.stdout[-4000:]}")
    _restore_solution_downloads(source.parent, out)
    return out


def _restore_solution_downloads(stage: Path, out: Path) -> None:
    """A solution page's download button serves the notebook Sphinx read, which has no nbgrader markers
    (``solution_pages``); serve the repository's notebook instead, which nbgrader can use."""
    served = out / "_sources" / "solutions"
    for nb in sorted((stage / "solutions").glob("*.ipynb")) if served.is_dir() else []:
        shutil.copy2(nb, served / nb.name)


def timed_build(edition: str = "student", out_dir: Path | None = None,
                hub: tuple[str, str, str] | None = None) -> tuple[Path, float]:
    start = time.perf_counter()
    out = build_book(edition, out_dir, hub=hub)
    return out, time.perf_counter() - start
