"""The print edition: PDFs made from a built site with headless Chromium and the book's print stylesheet.

``workbook pdf`` (``make pdf``) prints, from a built edition (default ``_build/html``) into its ``pdf/`` folder:

* ``NN-name.pdf``: each chapter, pages numbered "Page i of n", the chapter's name in the footer;
* ``NN-name-exercises.pdf``: each chapter's exercise sheet, made from ``exercises/NN-name.ipynb``: the
  questions and room to answer each part (a line for a number, boxes for true/false and choices, ruled space
  for a written answer), no code cells;
* ``territorial-trap-workbook.pdf``: the whole book: a title page, the contents with page numbers, the start
  page, every chapter and the reference pages, numbered through (``pdfunite`` joins the parts);

then adds links to them to the site's start page (the ``workbook-print-downloads`` block of ``book/intro.md``),
so that a site built with ``make site`` offers the PDFs among its downloads.

How a page is printed: Chromium (Debian's ``/usr/bin/chromium``, driven through playwright's DevTools
connection, offline: every request that is not a local file is refused) opens the built page at the width of
an A4 page's text (180 mm = 680 CSS px) with print media, waits until every figure is drawn and every formula
typeset, opens every folded block (``<details>``), and asks each explorer for its print layout
(``WorkbookExplorer.forPrint()`` in ``explorer.js``: default state, no sliders). The page size, margins and
page numbers come from ``@page`` rules of ``workbook-print.css``; a part of the book gets one more rule that
starts its page counter where the previous part ended.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..chapters import CHAPTERS, Chapter

CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: The text width of an A4 page with the print stylesheet's 15 mm side margins, in CSS px (96 per inch).
PRINT_WIDTH_PX = 680
PDF_DIR = "pdf"
BOOK_PDF = "territorial-trap-workbook.pdf"
REFERENCE_PAGES = ("glossary", "bibliography")
#: Where the start page offers the PDFs (an empty block in book/intro.md, filled when they were made).
DOWNLOADS_MARK = '<div class="workbook-print-downloads"></div>'
TIMEOUT_MS = 60_000

FIGURES_DRAWN = """() => {
  const divs = [...document.querySelectorAll('.workbook-plotly .plotly-graph-div')];
  return divs.every(gd => gd.classList.contains('js-plotly-plot') && gd._fullLayout
    && gd.querySelector('svg.main-svg')
    && (!gd.closest('.workbook-explorer') || gd.hasAttribute('data-fitted')));
}"""
MATHS_TYPESET = "() => [...document.querySelectorAll('.math')].every(m => m.querySelector('mjx-container'))"
PREPARE = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  // A values table too wide for half the page (many sliders and columns) prints in one column, wrapping.
  document.querySelectorAll('.explorer-values-scroll').forEach(box => {
    const table = box.querySelector('table');
    const style = getComputedStyle(box);
    const gap = parseFloat(style.columnGap) || 0, count = parseInt(style.columnCount) || 1;
    const column = (box.clientWidth - gap * (count - 1)) / count;
    // The table's own width, not its bounding box: a table split over two columns has a box spanning both.
    if (table && count > 1 && parseFloat(getComputedStyle(table).width) > column + 0.5) {
      box.classList.add('workbook-print-one-column');
    }
  });
  if (window.WorkbookExplorer && window.WorkbookExplorer.forPrint) { await window.WorkbookExplorer.forPrint(); }
  if (document.fonts) { await document.fonts.ready; }
  return document.querySelectorAll('.workbook-explorer').length;
}"""


class PrintError(RuntimeError):
    """The site, Chromium or poppler is missing, or a page could not be printed."""


@dataclass
class Printed:
    """One PDF written: its path, what it is (``chapter``, ``sheet``, ``book``), its title, pages and bytes."""

    path: Path
    kind: str
    title: str
    pages: int
    size: int
    figures: int = 0
    seconds: float = 0.0


@dataclass
class PrintRun:
    site: Path
    out: Path
    printed: list[Printed] = field(default_factory=list)

    def table(self) -> str:
        rows = ["| PDF | kind | pages | size (kB) | figures |", "|---|---|---:|---:|---:|"]
        rows += [f"| {p.path.name} | {p.kind} | {p.pages} | {p.size / 1024:.0f} | {p.figures} |" for p in self.printed]
        return "\n".join(rows)


# --- poppler ---------------------------------------------------------------------------------------------
def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise PrintError(f"{name} (Debian package poppler-utils) was not found: `make print-deps` installs it")
    return path


def page_count(pdf: Path) -> int:
    done = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.M)
    if match is None:
        raise PrintError(f"pdfinfo could not read the page count of {pdf}:\n{done.stdout}{done.stderr}")
    return int(match.group(1))


def unite(parts: Sequence[Path], target: Path) -> None:
    done = subprocess.run([_tool("pdfunite"), *map(str, parts), str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PrintError(f"pdfunite could not join {len(parts)} PDFs into {target}: {done.stderr.strip()}")


# --- the browser -----------------------------------------------------------------------------------------
def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_rules(label: str, first_page: int | None = None, numbered: bool = True) -> str:
    """Extra ``@page`` rules for one printed document: its name in the footer; in a part of the book, the
    number of its first page (so the parts number through) and no "of n"."""
    rules = [f"@page {{ @bottom-left {{ content: {_css_string(label)}; font: 8.5pt/1 system-ui, sans-serif; "
             f"color: #444; }} }}"]
    if first_page is not None:
        rules.append('@page { @bottom-center { content: "Page " counter(page); } }')
        rules.append(f"@page :first {{ counter-increment: page {first_page}; }}")
    if not numbered:
        rules.append("@page { @bottom-center { content: none; } @bottom-left { content: none; } }")
    return "\n".join(rules)


class Printer:
    """One headless Chromium (through playwright) for a whole print run; use as a context manager."""

    def __init__(self, chromium: str = CHROMIUM):
        if not Path(chromium).exists():
            raise PrintError(f"Chromium was not found at {chromium}: `make browser-deps` (apt-get install "
                             f"chromium) installs it, or set WORKBOOK_CHROMIUM to another Chromium")
        self.chromium = chromium
        self.blocked: list[str] = []

    def __enter__(self) -> "Printer":
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=self.chromium, args=CHROMIUM_ARGS)
        self._context = self._browser.new_context(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
        return self

    def __exit__(self, *exc) -> None:
        self._context.close()
        self._browser.close()
        self._pw.stop()

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path):
        """Open a built page ready for print: figures drawn in their print layout, maths typeset, folded blocks
        open. Returns the playwright page and how many explorers it holds."""
        page = self._context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", self._route)
        page.emulate_media(media="print")
        page.goto(path.as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        try:
            page.wait_for_function(FIGURES_DRAWN, timeout=TIMEOUT_MS)
            page.wait_for_function(MATHS_TYPESET, timeout=TIMEOUT_MS)
            figures = page.evaluate(PREPARE)
        except Exception as err:  # a timeout or a script error: say which page and what the page reported
            page.close()
            raise PrintError(f"{path.name} did not get ready for print ({err}); page errors: {errors}") from None
        if errors:
            page.close()
            raise PrintError(f"{path.name}: the page reported errors while preparing for print: {errors}")
        return page, figures

    def pdf(self, page, target: Path, extra_css: str = "") -> int:
        handle = page.add_style_tag(content=extra_css) if extra_css else None
        target.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        if handle is not None:
            handle.evaluate("el => el.remove()")
        return page_count(target)


# --- generated pages: title, contents, exercise sheets --------------------------------------------------
def _site_page(site: Path, folder: Path, name: str, title: str, body: str, maths: bool = False) -> Path:
    """A generated page (title, contents, exercise sheet) in a scratch folder, never in the site (tests that
    read the site may run meanwhile), using the site's stylesheets and MathJax by their file addresses."""
    base = site.as_uri()
    css = "".join(f'<link rel="stylesheet" href="{base}/_static/{sheet}">' for sheet in (
        "styles/theme.css", "styles/bootstrap.css", "styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css",
        "workbook-pages.css", "workbook-print.css") if (site / "_static" / sheet).is_file())
    mathjax = ('<script>window.MathJax = {tex: {inlineMath: [["\\\\(", "\\\\)"]]}};</script>'
               f'<script defer src="{base}/_vendor/mathjax/tex-chtml.js"></script>') if maths else ""
    path = folder / f"{name}.html"
    path.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{css}'
        f"<style>{PRINT_PAGE_CSS}</style>{mathjax}</head><body><main class='bd-article print-generated'>{body}"
        f"</main></body></html>", encoding="utf8")
    return path


PRINT_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 10.5pt; line-height: 1.45; }
.print-title { padding-top: 55mm; text-align: left; }
.print-title h1 { font-size: 28pt; margin-bottom: 4mm; }
.print-title .subtitle { font-size: 14pt; margin-bottom: 25mm; }
.print-title dl { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 6mm; }
.print-title dt { font-weight: 600; }
.print-title dd { margin: 0; }
.print-contents ol { list-style: none; padding: 0; }
.print-contents li { display: flex; gap: 2mm; margin: 1.6mm 0; }
.print-contents li .dots { flex: 1; border-bottom: 1px dotted #777; margin-bottom: 1.2mm; }
.sheet-head { display: flex; gap: 8mm; margin: 3mm 0 5mm; }
.sheet-head span { flex: 1; border-bottom: 1px solid #000; padding-top: 6mm; font-size: 9pt; }
.sheet-note { font-size: 9pt; color: #333; }
.exercise { break-inside: auto; margin-top: 5mm; }
.exercise h2 { font-size: 13pt; break-after: avoid; }
.answer { break-inside: avoid; margin: 3mm 0 4mm; padding: 2mm 3mm; border: 1px solid #555; border-radius: 1mm; }
.answer .label { font-weight: 600; }
.answer .rule { display: block; border-bottom: 1px solid #000; height: 8mm; }
.answer .lines { display: block; height: 64mm;
  background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.5mm, #999 7.5mm, #999 8mm); }
.answer .box { display: inline-block; width: 3.5mm; height: 3.5mm; border: 1px solid #000; margin: 0 1.5mm 0 5mm;
  vertical-align: -0.5mm; }
.answer .precision { font-size: 9pt; color: #333; }
"""


def _title_page(site: Path, folder: Path, book_title: str, edition_note: str) -> Path:
    intro = (site / "intro.html").read_text(encoding="utf8") if (site / "intro.html").is_file() else ""
    facts = re.search(r'<div class="workbook-title-facts[^"]*">\s*(<dl.*?</dl>)', intro, re.S)
    body = (f'<section class="print-title"><h1>{html.escape(book_title)}</h1>'
            f'<p class="subtitle">{html.escape(edition_note)}</p>{facts.group(1) if facts else ""}</section>')
    return _site_page(site, folder, "title", book_title, body)


def _contents_page(site: Path, folder: Path, entries: list[tuple[str, int]]) -> Path:
    items = "".join(f'<li><span>{html.escape(title)}</span><span class="dots"></span><span>{page}</span></li>'
                    for title, page in entries)
    return _site_page(site, folder, "contents", "Contents",
                      f'<section class="print-contents"><h1>Contents</h1><ol>{items}</ol></section>')


_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
_ANSWER_NAME = re.compile(r"`answer_(\d+)_(\d+)([a-z]?)`")


def _markdown(text: str) -> str:
    """Markdown to HTML (markdown-it-py, CommonMark plus tables); inline ``$...$`` maths is kept whole for
    MathJax, and a notebook's variable name ``answer_1_2`` reads as "answer 1.2" on paper."""
    from markdown_it import MarkdownIt

    maths: list[str] = []

    def hold(match: re.Match) -> str:
        maths.append(match.group(1))
        return f"WBMATH{len(maths) - 1}X"

    text = _ANSWER_NAME.sub(lambda m: f"answer {m.group(1)}.{m.group(2)}{m.group(3)}", text)
    rendered = MarkdownIt("commonmark").enable("table").render(_MATH.sub(hold, text))
    return re.sub(r"WBMATH(\d+)X",
                  lambda m: f'<span class="math">\\({html.escape(maths[int(m.group(1))])}\\)</span>', rendered)


def _precision(part: dict) -> str:
    precision = part.get("precision") or {}
    if "sig_figs" in precision:
        return f"to {precision['sig_figs']} significant figures"
    if "decimals" in precision:
        return f"to {precision['decimals']} decimal places"
    if "within" in precision:
        return f"within {precision['within']}"
    if precision.get("whole"):
        return "a whole number"
    return ""


def _answer_space(part: dict) -> str:
    name = html.escape(str(part.get("part", "")))
    kind = part.get("type", "number")
    note = _precision(part)
    note_html = f' <span class="precision">({html.escape(note)})</span>' if note else ""
    if kind == "bool":
        space = '<span class="box"></span>True<span class="box"></span>False'
    elif kind == "choice":
        space = "".join(f'<span class="box"></span>{html.escape(str(o))}' for o in part.get("options") or [])
    elif kind == "interval":
        space = 'from <span class="rule" style="display:inline-block;width:35mm;height:6mm"></span> to ' \
                '<span class="rule" style="display:inline-block;width:35mm;height:6mm"></span>'
    else:  # number, sequence
        space = '<span class="rule"></span>'
    return f'<div class="answer"><span class="label">Answer {name}</span>{note_html} {space}</div>'


def exercise_sheet_html(notebook: Path) -> tuple[str, str]:
    """The title and body of one chapter's exercise sheet: the notebook's questions, room to answer each part
    of each answer cell and ruled space for each written answer; no code."""
    nb = json.loads(notebook.read_text(encoding="utf8"))
    title, body = notebook.stem, []
    for cell in nb.get("cells", []):
        source = "".join(cell.get("source", ""))
        meta = cell.get("metadata", {})
        wb = meta.get("workbook") or {}
        grade_id = (meta.get("nbgrader") or {}).get("grade_id", "")
        if "notebook-intro" in (meta.get("tags") or []):
            heading = re.search(r"^#\s+(.+)$", source, re.M)
            if heading:
                title = re.sub(r":\s*exercises\s*$", "", heading.group(1).strip()) + ": exercise sheet"
            continue
        if cell.get("cell_type") == "markdown" and wb.get("exercise"):
            body.append(f'<section class="exercise">{_markdown(source)}')
            body.append("</section>")
        elif cell.get("cell_type") == "code" and wb.get("parts"):
            body.insert(len(body) - 1, "".join(_answer_space(p) for p in wb["parts"]))
        elif cell.get("cell_type") == "markdown" and str(grade_id).startswith("written"):
            body.insert(len(body) - 1, '<div class="answer"><span class="label">Written answer</span>'
                                       '<span class="lines"></span></div>')
    head = (f"<h1>{html.escape(title)}</h1>"
            '<div class="sheet-head"><span>Name</span><span>Class</span><span>Date</span></div>'
            '<p class="sheet-note">Write your answers on this sheet. The exercise notebook of the same name runs '
            'the same exercises in Jupyter and checks each computed answer.</p>')
    return title, head + "".join(body)


# --- the run ---------------------------------------------------------------------------------------------
def _chapter_title(site: Path, chapter: Chapter) -> str:
    return f"{chapter.number}. {chapter.title}"


def _page_title(site: Path, name: str) -> str:
    text = (site / f"{name}.html").read_text(encoding="utf8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).replace("#", "").strip() if h1 else name


def _book_title(site: Path) -> str:
    text = (site / "intro.html").read_text(encoding="utf8") if (site / "intro.html").is_file() else ""
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    if not title:
        return "The Territorial Trap: a workbook"
    parts = html.unescape(title.group(1)).split(" \u2014 ")
    return parts[-1].strip() if len(parts) > 1 else parts[0].strip()


def print_site(site: Path, out: Path | None = None, *, chapters: Sequence[Chapter] = CHAPTERS,
               exercises: Path | None = None, book: bool = True, sheets: bool = True,
               offer: bool = True, log=print) -> PrintRun:
    """Print a built site (see the module docstring). ``chapters`` limits which chapters (and sheets) are
    printed; ``book`` also makes the whole book (every chapter must then be printed); ``offer`` links the PDFs
    from the site's start page."""
    site = Path(site).resolve()
    if not (site / "index.html").is_file():
        raise PrintError(f"{site} is not a built book (no index.html): build it first (`make book`)")
    out = Path(out).resolve() if out else site / PDF_DIR
    exercises = Path(exercises) if exercises else site.parents[1] / "exercises"
    missing = [c.stem for c in chapters if not (site / f"{c.stem}.html").is_file()]
    if missing:
        raise PrintError(f"the built site {site} has no page for {', '.join(missing)}")
    if sheets and not exercises.is_dir():
        raise PrintError(f"no exercises folder at {exercises}: pass the folder of the exercise notebooks")
    _tool("pdfinfo"), _tool("pdfunite")  # poppler first: fail before Chromium starts when it is missing
    out.mkdir(parents=True, exist_ok=True)
    run = PrintRun(site, out)
    generated: list[Path] = []
    scratch = Path(tempfile.mkdtemp(prefix="workbook-pdf-"))
    try:
        with Printer() as printer:
            parts: list[Path] = []
            contents: list[tuple[str, int]] = []
            next_page = 3  # the title page is 1 and the contents 2

            def book_part(page, name: str, label: str) -> None:
                nonlocal next_page
                target = scratch / f"{len(parts) + 10:03d}-{name}.pdf"
                pages = printer.pdf(page, target, page_rules(label, next_page))
                contents.append((label, next_page))
                parts.append(target)
                next_page += pages

            if book:
                page, _ = printer.open(site / "intro.html")
                book_part(page, "intro", _page_title(site, "intro"))
                page.close()
            for chapter in chapters:
                start = time.perf_counter()
                page, figures = printer.open(site / f"{chapter.stem}.html")
                label = _chapter_title(site, chapter)
                target = out / f"{chapter.stem}.pdf"
                pages = printer.pdf(page, target, page_rules(label))
                if book:
                    book_part(page, chapter.stem, label)
                page.close()
                run.printed.append(Printed(target, "chapter", label, pages, target.stat().st_size, figures,
                                           time.perf_counter() - start))
                log(f"  {target.name}: {pages} pages, {target.stat().st_size / 1024:.0f} kB")
            if book:
                for name in REFERENCE_PAGES:
                    if (site / f"{name}.html").is_file():
                        page, _ = printer.open(site / f"{name}.html")
                        book_part(page, name, _page_title(site, name))
                        page.close()
                title = _book_title(site)
                generated.append(_title_page(site, scratch, title, "Print edition"))
                page, _ = printer.open(generated[-1])
                printer.pdf(page, scratch / "001-title.pdf", page_rules("", numbered=False))
                page.close()
                generated.append(_contents_page(site, scratch, contents))
                page, _ = printer.open(generated[-1])
                if printer.pdf(page, scratch / "002-contents.pdf", page_rules(title, 2)) != 1:
                    raise PrintError("the contents took more than one page: the page numbers would be off")
                page.close()
                target = out / BOOK_PDF
                unite([scratch / "001-title.pdf", scratch / "002-contents.pdf", *parts], target)
                run.printed.append(Printed(target, "book", title, page_count(target), target.stat().st_size))
                log(f"  {target.name}: {run.printed[-1].pages} pages, {target.stat().st_size / 1024:.0f} kB")
            for chapter in chapters if sheets else ():
                notebook = exercises / f"{chapter.stem}.ipynb"
                if not notebook.is_file():
                    raise PrintError(f"no exercise notebook {notebook} for chapter {chapter.number}")
                title, body = exercise_sheet_html(notebook)
                generated.append(_site_page(site, scratch, f"sheet-{chapter.stem}", title, body, maths=True))
                page, _ = printer.open(generated[-1])
                target = out / f"{chapter.stem}-exercises.pdf"
                pages = printer.pdf(page, target, page_rules(title))
                page.close()
                run.printed.append(Printed(target, "sheet", title, pages, target.stat().st_size))
                log(f"  {target.name}: {pages} pages, {target.stat().st_size / 1024:.0f} kB")
            if printer.blocked:
                raise PrintError(f"pages asked for network resources while printing: {printer.blocked[:5]}")
    finally:
        for path in generated:
            path.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    if offer:
        offer_downloads(site, out, run.printed)
    return run


def offer_downloads(site: Path, out: Path, printed: Iterable[Printed]) -> bool:
    """Fill the start page's print-downloads block with links to the PDFs (True when the page had the block)."""
    intro = site / "intro.html"
    if not intro.is_file():
        return False
    text = intro.read_text(encoding="utf8")
    if DOWNLOADS_MARK not in text:
        return False
    printed = list(printed)
    try:
        rel = out.relative_to(site).as_posix()
    except ValueError:
        return False  # PDFs written outside the site cannot be offered by it

    def link(p: Printed) -> str:
        return (f'<a class="reference download" href="{rel}/{p.path.name}" download>{html.escape(p.path.name)}</a> '
                f'({p.pages} pages, {p.size / 1024:.0f} kB)')

    items = []
    book = [p for p in printed if p.kind == "book"]
    if book:
        items.append(f"<li><p>The whole book: {link(book[0])}</p></li>")
    sheets = {p.path.name.removesuffix("-exercises.pdf"): p for p in printed if p.kind == "sheet"}
    for p in (p for p in printed if p.kind == "chapter"):
        sheet = sheets.get(p.path.stem)
        items.append(f"<li><p>{html.escape(p.title)}: {link(p)}"
                     + (f"; exercise sheet {link(sheet)}" if sheet else "") + "</p></li>")
    block = (f'<div class="workbook-print-downloads"><p>Printable PDFs (A4):</p><ul class="simple">'
             f'{"".join(items)}</ul></div>')
    intro.write_text(text.replace(DOWNLOADS_MARK, block, 1), encoding="utf8")
    return True
