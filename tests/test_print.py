"""The print edition (``workbook pdf``, territorial_trap_workbook.book.pdf), read back with Debian's poppler tools.

Kept cheap: chapter 1 and its exercise sheet are printed once per session (about 20 s); ``make pdf`` prints
every chapter and the whole book. What a reader of the paper needs:

* the chapter's title is on its first page, and chapter 1 fits in 10 A4 pages (a browser's print of the
  screen layout gave 14, five of them a clipped evidence table);
* no word lies outside the page's text area (``pdftotext -bbox``): a table or figure too wide for the page
  would be cut at its edge;
* every figure of the page is printed: its title, its numbered caption and its drawing (the axis titles of the
  plot are text in the PDF), and no slider is left in the drawing;
* the exercise sheet holds every exercise's question and a place for every answer part, and no code.
"""
from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from browser_helpers import built_site
from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.chapters import CHAPTERS

CHAPTER = CHAPTERS[0]
MM = 72 / 25.4  # PDF points per millimetre
SIDE_MARGIN_MM = 15  # workbook-print.css: @page margin, left and right


def _need_tools() -> None:
    missing = [t for t in ("pdftotext", "pdfinfo", "pdfunite") if shutil.which(t) is None]
    if not Path("/usr/bin/chromium").exists():
        missing.append("/usr/bin/chromium")
    if missing:
        if os.environ.get("WORKBOOK_REQUIRE_BROWSER"):
            pytest.fail(f"{missing} missing although WORKBOOK_REQUIRE_BROWSER is set (make print-deps browser-deps)")
        pytest.skip(f"{missing} missing: `make print-deps browser-deps` installs poppler-utils and chromium")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    _need_tools()
    from territorial_trap_workbook.book.pdf import print_site

    site = built_site(tmp_path_factory, "student")
    out = tmp_path_factory.mktemp("pdf")
    # In its own thread: playwright's sync API refuses a thread whose asyncio loop is running, which is the case
    # on a test worker where the browser suite's Chromium (also sync playwright) is already open.
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(print_site, site, out, chapters=[CHAPTER], book=False, sheets=True, offer=False,
                          exercises=PROJECT_ROOT / "exercises",
                          log=lambda *_: None).result()
    kinds = {p.kind: p for p in run.printed}
    return site, kinds["chapter"], kinds["sheet"]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def word_boxes(pdf: Path) -> list[tuple[int, float, float, str, float, float, float, float]]:
    """(page, page width, page height, word, xMin, yMin, xMax, yMax) for every word, from ``pdftotext -bbox``."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.findall("x:word", ns):
            words.append((number, width, height, word.text or "", *(float(word.get(k)) for k in
                                                                     ("xMin", "yMin", "xMax", "yMax"))))
    return words


def outside_text_area(pdf: Path) -> list[str]:
    """Words not inside the page (any side) or reaching into the side margins (1 mm tolerance).

    MathJax draws a stretched symbol (a long bar or arrow over a formula) as one glyph scaled sideways; poppler
    reports such a one-character "word" with its unscaled box, wider than the page. A single character whose
    box is wider than the text area but centred in it is that, not text off the page."""
    bad = []
    for page, width, height, word, x0, y0, x1, y1 in word_boxes(pdf):
        left, right = (SIDE_MARGIN_MM - 1) * MM, width - (SIDE_MARGIN_MM - 1) * MM
        if len(word) == 1 and x1 - x0 > right - left and left < (x0 + x1) / 2 < right:
            continue
        if x0 < left or x1 > right or y0 < 0 or y1 > height:
            bad.append(f"page {page}: {word!r} at x {x0:.0f}-{x1:.0f}, y {y0:.0f}-{y1:.0f} "
                       f"(text area x {left:.0f}-{right:.0f}, page height {height:.0f})")
    return bad


def test_chapter_fits_in_ten_pages(printed):
    _, chapter, _ = printed
    assert chapter.pages <= 10, f"chapter 1 prints on {chapter.pages} A4 pages; at most 10 expected"


def test_chapter_is_titled(printed):
    _, chapter, _ = printed
    first_page = subprocess.run(["pdftotext", "-l", "1", "-layout", str(chapter.path), "-"], capture_output=True,
                                text=True, check=True).stdout
    title = f"{CHAPTER.number}. {CHAPTER.title}"
    assert " ".join(title.split()) in " ".join(first_page.split()), f"{title!r} is not on page 1 of {chapter.path.name}"
    info = subprocess.run(["pdfinfo", str(chapter.path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert f"Page 1 of {chapter.pages}" in first_page, "page numbers missing from the footer"


def test_no_text_outside_the_page(printed):
    _, chapter, sheet = printed
    for pdf in (chapter.path, sheet.path):
        bad = outside_text_area(pdf)
        assert not bad, f"{pdf.name}: {len(bad)} words outside the text area, e.g. " + "; ".join(bad[:8])


def test_every_figure_printed(printed):
    site, chapter, _ = printed
    page = (site / f"{CHAPTER.stem}.html").read_text(encoding="utf8")
    figures = re.findall(r'<figure class="workbook-explorer" id="figure-([\d-]+)"><p class="explorer-title">(.*?)</p>',
                         page)
    assert figures and chapter.figures == len(figures), (figures, chapter.figures)
    text = " ".join(pdf_text(chapter.path).split())
    for number, title in figures:
        label = f"Figure {number.replace('-', '.')}."
        assert label in text, f"{label} (caption) missing from {chapter.path.name}"
        assert " ".join(htmllib.unescape(title).split()) in text, f"figure title {title!r} missing"
    # The drawings: each explorer's axis titles are text of its SVG, and its sliders' labels are not.
    from territorial_trap_workbook.explorers.registry import all_explorers
    from territorial_trap_workbook.explorers.static import static_figure_json

    keys = re.findall(r'id="explorer-([^"]+)-\d+"', page)
    for key in keys:
        figure = static_figure_json(all_explorers()[key])
        layout = figure["layout"]
        titles = [layout[k]["title"]["text"] for k in layout if k.startswith(("xaxis", "yaxis"))
                  and isinstance(layout[k], dict) and (layout[k].get("title") or {}).get("text")]
        assert titles, f"explorer {key} has no axis title to look for"
        for axis_title in titles:
            words = re.sub(r"<[^>]+>", " ", axis_title).split()
            assert " ".join(words[:3]) in text, f"explorer {key}: axis title {axis_title!r} not printed"
        assert "Table of the values behind this figure" in text
    assert "In Jupyter every parameter has a live slider" not in text, "slider instructions printed"


def test_exercise_sheet(printed):
    _, _, sheet = printed
    nb = json.loads((PROJECT_ROOT / "exercises" / f"{CHAPTER.stem}.ipynb").read_text(encoding="utf8"))
    text = " ".join(pdf_text(sheet.path).split())
    exercises = [c["metadata"]["workbook"]["exercise"] for c in nb["cells"]
                 if (c.get("metadata", {}).get("workbook") or {}).get("exercise")]
    parts = [p["part"] for c in nb["cells"] for p in (c.get("metadata", {}).get("workbook") or {}).get("parts", [])]
    assert exercises and parts
    for number in exercises:
        assert f"Exercise {number}" in text, f"exercise {number} missing from {sheet.path.name}"
    for part in parts:
        assert f"Answer {part}" in text, f"no answer space for part {part} in {sheet.path.name}"
    written = sum(1 for c in nb["cells"] if str((c.get("metadata", {}).get("nbgrader") or {}).get("grade_id", ""))
                  .startswith("written"))
    assert text.count("Written answer") == written
    for code in ("check(", "YOUR CODE HERE", "import ", "= None"):
        assert code not in text, f"code ({code!r}) printed on the exercise sheet"


def test_pdf_command_rejects_unknown_chapter(capsys):
    from territorial_trap_workbook.cli import main

    assert main(["pdf", "--chapter", "99"]) == 2
    err = capsys.readouterr().err
    assert "no chapter 99" in err and "1 to" in err
