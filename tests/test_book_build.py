"""The book build: warnings fail it, editions differ as they should, and the site is small and offline.

Two kinds of site are checked: the real student book (see ``browser_helpers`` for which folder) and a
one-chapter synthetic project built here (a plotly explorer output, maths, an exercise download and an
instructor-only block), so the machinery is tested even while the real chapters are being written.
"""
from __future__ import annotations

import re

import pytest

from browser_helpers import SYNTHETIC_CHAPTERS, built_site, make_project, site_pages
from territorial_trap_workbook.book.build import PROJECT_ROOT as ROOT, BookBuildError, build_book
from territorial_trap_workbook.book.plotly_mime import ASSET_PATH
from territorial_trap_workbook.book.vendor import BUNDLE_TRACE_TYPES, bundle_trace_types, plotly_js_version

MAX_PAGE_BYTES = 1_000_000
SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc=\"([^\"]*)\"", re.I)
LINK_HREF = re.compile(r"<link[^>]*\bhref=\"([^\"]*)\"", re.I)
NETWORK = re.compile(r"^(https?:)?//|cdn", re.I)
PLOTLY_BANNER = re.compile(r"\* plotly\.js .*v\d")  # the licence banner at the top of every plotly.js bundle


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The synthetic project built in both editions: {edition: site folder}."""
    root = make_project(tmp_path_factory.mktemp("project"))
    return {edition: build_book(edition, project_root=root, chapters=SYNTHETIC_CHAPTERS) for edition in ("student", "instructor")}


def _offline_checks(site):
    pages = site_pages(site)
    assert pages, f"no pages in {site}"
    for name in pages:
        text = (site / name).read_text(encoding="utf8")
        size = len(text.encode())
        assert size < MAX_PAGE_BYTES, f"{name} is {size} bytes (plotly.js or widget state inlined?)"
        assert not PLOTLY_BANNER.search(text), f"{name} inlines plotly.js"
        for src in SCRIPT_SRC.findall(text):
            assert not NETWORK.search(src), f"{name} loads a script from the network: {src}"
        for href in LINK_HREF.findall(text):  # stylesheets, preloads, icons: all local
            assert not NETWORK.search(href), f"{name} links a network resource: {href}"
    copies = [p for p in site.rglob("*.js") if PLOTLY_BANNER.search(p.read_text(encoding="utf8", errors="ignore")[:400])]
    assert [p.relative_to(site).as_posix() for p in copies] == [ASSET_PATH], copies
    # The partial bundle (the trace types the figures draw) at the plotly package's plotly.js version, not the full one.
    banner = copies[0].read_text(encoding="utf8", errors="ignore")[:400]
    assert bundle_trace_types(copies[0]) == BUNDLE_TRACE_TYPES and f"v{plotly_js_version()}" in banner, banner


def test_every_figure_uses_only_trace_types_the_shipped_bundle_has():
    from territorial_trap_workbook.explorers.registry import all_explorers

    for key, spec in all_explorers().items():
        types = {trace.get("type", "scatter") for trace in spec.frame().traces}
        assert types <= set(BUNDLE_TRACE_TYPES), (
            f"{key} uses {types - set(BUNDLE_TRACE_TYPES)}, not in the plotly.js bundle the site ships "
            f"(book/vendor.py: BUNDLE_TRACE_TYPES)")


def test_unknown_edition_is_refused():
    with pytest.raises(ValueError, match="student.*instructor"):
        build_book("teacher")


def test_real_book_is_small_and_offline(site):
    _offline_checks(site)


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_synthetic_book_is_small_and_offline(synthetic, edition):
    site = synthetic[edition]
    _offline_checks(site)
    chapter = (site / "01-ultimatum.html").read_text(encoding="utf8")
    assert chapter.count('class="plotly-graph-div" role="img" aria-label="') == 1
    assert f'{ASSET_PATH}?v=' in chapter, "the chapter does not load the local plotly.js"
    assert "_vendor/mathjax/tex-chtml.js" in chapter
    assert "application/vnd.jupyter.widget" not in chapter and "require.js" not in chapter
    assert (site / "_vendor" / "mathjax" / "output" / "chtml" / "fonts").is_dir()
    assert not list((site / "_static").rglob("tex-chtml.js")), "MathJax must stay out of _static"


def test_editions_differ(synthetic):
    student, instructor = synthetic["student"], synthetic["instructor"]
    s_chapter = (student / "01-ultimatum.html").read_text(encoding="utf8")
    i_chapter = (instructor / "01-ultimatum.html").read_text(encoding="utf8")
    assert "INSTRUCTOR-ONLY" not in s_chapter and not (student / "solutions").exists()
    assert "INSTRUCTOR-ONLY" in i_chapter and 'href="solutions/01-ultimatum.html"' in i_chapter
    assert (instructor / "solutions" / "01-ultimatum.html").is_file()
    for site, chapter in ((student, s_chapter), (instructor, i_chapter)):
        link = re.search(r'href="(_downloads/[0-9a-f]+/01-ultimatum\.ipynb)"', chapter)
        assert link and (site / link.group(1)).is_file(), "exercise download missing"


def test_warnings_fail_the_build(tmp_path):
    """A broken reference and a figure naming an unknown explorer: each a warning, together one failed build that
    names both (``--keep-going`` reports every warning)."""
    import nbformat

    root = make_project(tmp_path, chapter_extra="\nSee {doc}`no-such-page`.\n")
    path = root / "book" / "01-ultimatum.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].outputs[0]["data"]["application/vnd.territorial-trap.explorer+json"]["explorer"] = "no-such-explorer"
    nbformat.write(nb, path)
    with pytest.raises(BookBuildError) as failure:
        build_book("student", project_root=root, chapters=SYNTHETIC_CHAPTERS)
    assert "no-such-page" in str(failure.value) and "'no-such-explorer'" in str(failure.value), str(failure.value)


def test_custom_out_dir_is_not_clobbered(tmp_path):
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        build_book("student", out_dir=precious, project_root=make_project(tmp_path / "p"),
                   chapters=SYNTHETIC_CHAPTERS)
    assert (precious / "notes.txt").read_text() == "keep me"


def test_plotly_figure_without_the_extension_fails_loudly(tmp_path):
    """The MIME plugin is active in every build of this environment (entry point); a build that has not
    enabled its Sphinx extension would ship no plotly.js, so it must stop with a clear message."""
    root = make_project(tmp_path)
    config = root / "book" / "_config.yml"
    text = config.read_text(encoding="utf8")
    config.write_text(text.replace("      - territorial_trap_workbook.book.plotly_mime\n", ""), encoding="utf8")
    assert config.read_text(encoding="utf8") != text
    with pytest.raises(BookBuildError, match="territorial_trap_workbook.book.plotly_mime"):
        build_book("student", project_root=root, chapters=SYNTHETIC_CHAPTERS)


def test_the_table_of_contents_comes_from_the_chapter_registry(tmp_path):
    """One chapter list: the toc is generated from ``chapters.CHAPTERS``, and a chapter the registry names but
    the book lacks stops the build with its name (no silent gap)."""
    from territorial_trap_workbook.book.build import staged_toc
    from territorial_trap_workbook.chapters import CHAPTERS

    toc = staged_toc(ROOT / "book", "student", [])
    assert [c["file"] for c in toc["parts"][0]["chapters"]] == [c.stem for c in CHAPTERS]
    root = make_project(tmp_path)
    with pytest.raises(FileNotFoundError, match="02-legal-rigidity"):
        staged_toc(root / "book", "student", [], CHAPTERS[:2])


def test_every_chapter_has_its_evidence_table_and_nothing_else():
    from territorial_trap_workbook.chapters import CHAPTERS
    from territorial_trap_workbook.data import CHAPTER_EVIDENCE

    assert sorted(CHAPTER_EVIDENCE) == [c.number for c in CHAPTERS]
