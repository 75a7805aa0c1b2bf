"""Shared helpers for the book tests: which built site to test, its pages, a small synthetic project,
and an offline headless Chromium.

Which site is tested (decided once per test session):

* ``WORKBOOK_BUILT_BOOK=<dir>``: that folder, a built site holding ``index.html`` (e.g. ``_build/html``);
* else ``WORKBOOK_BUILT=<dir>`` (what ``make test`` sets after building both editions): ``<dir>/html``;
* else the student edition is built afresh (``build_book("student", <tmp>/html)``, about 5 s) -- so a plain
  ``pytest tests/test_browser_static.py`` never tests a stale site.
"""
from __future__ import annotations

import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from territorial_trap_workbook.book.build import PROJECT_ROOT, build_book, staged_toc

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Pages Sphinx writes besides the toc's: the index (redirect to the root page), search and the general index.
EXTRA_PAGES = ("genindex", "search")
NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "_vendor"}


def _given_site() -> Path | None:
    if os.environ.get("WORKBOOK_BUILT_BOOK"):
        return Path(os.environ["WORKBOOK_BUILT_BOOK"]).resolve()
    if os.environ.get("WORKBOOK_BUILT"):
        return (Path(os.environ["WORKBOOK_BUILT"]) / "html").resolve()
    return None


_built: dict[str, Path] = {}


def built_site(tmp_path_factory) -> Path:
    """The student site under test (see the module docstring); built at most once per session."""
    if "site" not in _built:
        given = _given_site()
        if given is not None:
            if not (given / "index.html").is_file():
                pytest.fail(f"{given} is not a built book (no index.html); unset the variable or build it")
            _built["site"] = given
        else:
            _built["site"] = build_book("student", tmp_path_factory.mktemp("book") / "html")
    return _built["site"]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it (the index redirect excluded)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in NOT_PAGES or rel.as_posix() == "index.html":
            continue
        pages.append(rel.as_posix())
    return pages


@lru_cache(1)
def expected_pages() -> tuple[str, ...]:
    """The pages to test, known at collection time: those of the given site, or else those the student
    edition will have (its staged toc's existing entries plus Sphinx's own pages)."""
    given = _given_site()
    if given is not None and (given / "index.html").is_file():
        return tuple(site_pages(given))
    toc = staged_toc(PROJECT_ROOT / "book", "student", [])
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key, []))

    walk(toc)
    return tuple(sorted(f"{name}.html" for name in (*files, *EXTRA_PAGES)))


# --- a small synthetic project (no kernel needed) ----------------------------------------------------
@lru_cache(1)
def _figure_bundle() -> str:
    from territorial_trap_workbook.explorers.show import explorer_bundle
    from territorial_trap_workbook.figures.bargaining import EXPLORER

    bundle, _ = explorer_bundle(EXPLORER, live=False)
    # What a kernel adds next to the figure: a live widget view. The book must pick the plotly JSON.
    bundle["application/vnd.jupyter.widget-view+json"] = {
        "model_id": "0123456789abcdef0123456789abcdef", "version_major": 2, "version_minor": 0}
    return json.dumps(bundle)


def _figure_outputs() -> list[dict]:
    import nbformat

    return [nbformat.v4.new_output("display_data", data=json.loads(_figure_bundle()))]


def make_project(root: Path, chapter_extra: str = "") -> Path:
    """A project root like this repository's, with the real _config.yml/_toc.yml/references.bib and a
    one-chapter book: an intro, ``01-ultimatum.ipynb`` (a plotly explorer output, maths, a citation, an
    exercise download and an instructor-only link to its solution), one exercise and one solution."""
    import nbformat

    book = root / "book"
    book.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "references.bib", "bibliography.md"):
        shutil.copy2(PROJECT_ROOT / "book" / name, book / name)
    (book / "intro.md").write_text("# A test book\n\nInline maths $a + b$.\n", encoding="utf8")
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    chapter = nbformat.v4.new_notebook(metadata=kernel)
    chapter.cells = [
        nbformat.v4.new_markdown_cell(
            "# 1. The ultimatum\n\nThe share is $x^2$ ({cite}`fearon1995`).\n\n$$\nx = p + c_U\n$$\n\n"
            "Work through {download}`the exercise notebook <../exercises/01-ultimatum.ipynb>`.\n\n"
            "```{only} instructor\nINSTRUCTOR-ONLY: see {doc}`solutions/01-ultimatum`, "
            "[the worked solutions](solutions/01-ultimatum.ipynb) and "
            "{download}`the solution notebook <../solutions/01-ultimatum.ipynb>`.\n```\n" + chapter_extra),
        nbformat.v4.new_code_cell("show(EXPLORER)", execution_count=1, outputs=_figure_outputs()),
    ]
    nbformat.write(chapter, book / "01-ultimatum.ipynb")
    for folder, title in (("exercises", "Exercise"), ("solutions", "Solution")):
        (root / folder).mkdir()
        nb = nbformat.v4.new_notebook(metadata=kernel)
        if folder == "solutions":  # the instructor guide is generated from this metadata
            nb.metadata["workbook"] = {"chapter": 1, "teaching": {
                "lesson_plan": [["0–50 min", "Work through the chapter."]],
                "discussion_prompts": ["Is the threat credible?"], "misconceptions": ["Every threat binds."]}}
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}: the ultimatum\n\nCompute $y$.")]
        nbformat.write(nb, root / folder / "01-ultimatum.ipynb")
    return root


# --- the browser -------------------------------------------------------------------------------------
def chromium_or_skip():
    if not Path(CHROMIUM).exists():
        if os.environ.get("WORKBOOK_REQUIRE_BROWSER"):  # `make test` installs it: missing is a failure there
            pytest.fail(f"{CHROMIUM} missing although WORKBOOK_REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} missing: `make browser-deps` (apt-get install chromium) installs it")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def dumps(value) -> str:
    return json.dumps(value, indent=1, default=str)
