"""What the built pages say: solution pages without nbgrader's markers, a bibliography listed the way the text
cites it with its capitals intact, and a title page (with CITATION.cff) a reader can cite the book from.

The sites are the ones ``browser_helpers.built_site`` gives (``make test`` builds both editions first)."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import yaml
from pybtex.database import parse_file

from browser_helpers import SYNTHETIC_CHAPTERS, built_site, make_project
from territorial_trap_workbook import __version__
from territorial_trap_workbook.book.build import PROJECT_ROOT, BookBuildError, stage_book
from territorial_trap_workbook.book.solution_pages import MODEL_ANSWER_LABEL, page_source

CONFIG = yaml.safe_load((PROJECT_ROOT / "book" / "_config.yml").read_text(encoding="utf8"))
CITATION = PROJECT_ROOT / "CITATION.cff"
TAG = re.compile(r"<[^>]+>")
MARKER = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)")


def _text(fragment: str, tag_sep: str = "") -> str:
    return " ".join(html.unescape(TAG.sub(tag_sep, fragment)).split())


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return built_site(tmp_path_factory, "student")


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    return built_site(tmp_path_factory, "instructor")


# --- solution pages (instructor edition) ------------------------------------------------------------------
def test_solution_pages_show_no_nbgrader_markers(instructor):
    pages = sorted((instructor / "solutions").glob("*.html"))
    assert len(pages) == len(list((PROJECT_ROOT / "solutions").glob("*.ipynb"))) > 0
    for page in pages:
        text = page.read_text(encoding="utf8")
        assert not MARKER.search(text), f"{page.name}: {MARKER.search(text).group(0)}"  # body and page contents
        assert text.count(MODEL_ANSWER_LABEL.strip("*")) >= 1, f"{page.name}: no model answer labelled"


def test_solution_downloads_keep_the_markers_nbgrader_needs(instructor):
    """The page's download button serves the repository's notebook, markers and all."""
    for nb in sorted((PROJECT_ROOT / "solutions").glob("*.ipynb")):
        served = instructor / "_sources" / "solutions" / nb.name
        assert served.read_bytes() == nb.read_bytes(), f"{served} is not the repository's {nb.name}"
    page = (instructor / "solutions" / "01-ultimatum.html").read_text(encoding="utf8")
    assert 'href="../_sources/solutions/01-ultimatum.ipynb"' in page


@pytest.mark.parametrize("cell_type, source, page", [
    ("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "x = 1"),
    ("code", "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION", "def f():\n    return 1"),
    ("code", "check(x)\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS", "check(x)\nassert x"),
    ("markdown", "### BEGIN SOLUTION\nBecause p > c.\n### END SOLUTION", f"{MODEL_ANSWER_LABEL}\n\nBecause p > c."),
    ("markdown", "## Exercise 1.1\n\nCompute x.", "## Exercise 1.1\n\nCompute x."),
])
def test_page_source_drops_marker_lines(cell_type, source, page):
    assert page_source(source, cell_type) == page


# --- the bibliography -------------------------------------------------------------------------------------
def _bibliography(site):
    page = (site / "bibliography.html").read_text(encoding="utf8")
    entries = re.findall(r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label">(.*?)</span></span>\s*<p>(.*?)</p>',
                         page, re.S)
    return {cid: (_text(label).strip("[] "), _text(body)) for cid, label, body in entries}


def test_bibliography_labels_are_the_in_text_author_year_form(student):
    entries = _bibliography(student)
    assert len(entries) > 20
    cited = {}
    for page in student.glob("*.html"):
        for cid, shown in re.findall(r'href="bibliography\.html#([^"]+)"[^>]*>(.*?)</a>', page.read_text("utf8")):
            cited.setdefault(cid, set()).add(_text(shown))
    assert cited, "no citations found in the chapters"
    for cid, forms in cited.items():
        assert forms == {entries[cid][0]}, f"cited as {forms}, listed as {entries[cid][0]!r}"
    assert "Fearon, 1995" in {label for label, _ in entries.values()}


def test_bibliography_keeps_every_title_as_written(student):
    """Each listed entry shows its .bib title with the capitals as written (BibTeX styles lower-case them)."""
    bib = parse_file(str(PROJECT_ROOT / "book" / "references.bib"))
    titles = [e.fields["title"].replace("{", "").replace("}", "").replace("\\&", "&") for e in bib.entries.values()]
    listed = [body for _, body in _bibliography(student).values()]
    for body in listed:
        assert any(title in body for title in titles), f"no .bib title as written in {body!r}"
    every = " ".join(listed)
    for must in ("Kremlin", "First World War", "Cold War", "Markov", "International Mediation"):
        assert must in every, must


# --- title page, header and CITATION.cff ------------------------------------------------------------------
def _cff():
    return yaml.safe_load(CITATION.read_text(encoding="utf8"))


def test_citation_cff_matches_the_package_and_the_book():
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    assert str(cff["version"]) == __version__
    assert [a["name"] for a in cff["authors"]] == [CONFIG["author"]] == ["The Territorial Trap Workbook contributors"]
    assert cff["title"] == CONFIG["title"]
    dt.date.fromisoformat(str(cff["date-released"]))
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}


def test_title_page_names_authors_version_date_licence_and_how_to_cite(student):
    page = _text((student / "intro.html").read_text(encoding="utf8"), tag_sep=" ")
    released = dt.date.fromisoformat(str(_cff()["date-released"])).strftime("%-d %B %Y")
    for fact in (f"Authors {CONFIG['author']}", f"Version {__version__}, released {released}",
                 "CC BY 4.0", "MIT", "How to cite", "CITATION.cff"):
        assert fact in page, fact
    assert "{{" not in page and "The workbook authors" not in page


def test_no_header_bar_with_a_second_search_box(student):
    page = (student / "intro.html").read_text(encoding="utf8")
    header = re.search(r'<header id="pst-header"[^>]*>(.*?)</header>', page, re.S)
    assert header is None or not header.group(1).strip(), "the top bar has content again"
    assert page.count("search-button-field") == 1, "one search box (the sidebar's)"


def test_a_citation_file_that_disagrees_stops_the_build(tmp_path):
    root = make_project(tmp_path / "project")
    text = CITATION.read_text(encoding="utf8")
    for wrong, says in ((text.replace(f'"{__version__}"', '"9.9.9"'), "version '9.9.9' differs"),
                        (text.replace("Workbook contributors", "Workbook team"), "authors .* differ"),
                        (text.replace("date-released:", "date-released: soon #"), "is not a date"),
                        ("authors: [", "not valid YAML")):
        (root / "CITATION.cff").write_text(wrong, encoding="utf8")
        with pytest.raises(BookBuildError, match=says):
            stage_book("student", root, tmp_path / "stage", SYNTHETIC_CHAPTERS)


# --- evidence tables: rendered from the package when the book is built ------------------------------------------
def test_every_chapter_page_shows_its_current_evidence_table(student):
    """A notebook stores only a reference to its chapter's table (``show_evidence``); the page must show the
    package's current table, whole (chapters 1 and 13 still display a table they compose in the page)."""
    import json

    from territorial_trap_workbook.data import evidence_table_html
    from territorial_trap_workbook.explorers.evidence import EVIDENCE_MIME

    referenced = 0
    for notebook in sorted((PROJECT_ROOT / "book").glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf8"))["cells"]
        refs = [out["data"][EVIDENCE_MIME] for c in cells for out in c.get("outputs", [])
                if EVIDENCE_MIME in out.get("data", {})]
        page = (student / f"{notebook.stem}.html").read_text(encoding="utf8")
        for ref in refs:
            referenced += 1
            table = evidence_table_html(ref["chapter"])
            assert table in page, f"{notebook.stem}: the page does not show chapter {ref['chapter']}'s current table"
        assert page.count('class="workbook-evidence-table"') == max(1, len(refs)), notebook.stem
    assert referenced >= 11, f"only {referenced} chapters reference their evidence table"
