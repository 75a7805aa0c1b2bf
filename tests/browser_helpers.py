"""Shared helpers for the book and browser tests: which built sites to test, their pages, a small synthetic
project, an offline headless Chromium (one per test process) and the axe-core audit.

Which sites are tested (decided once per test session):

* ``WORKBOOK_BUILT_BOOK=<dir>``: that folder is the student site (a built site holding ``index.html``, e.g.
  ``_build/html``); the instructor site is then built afresh;
* else ``WORKBOOK_BUILT=<dir>`` (what ``make test`` sets after building the three editions): ``<dir>/html``,
  ``<dir>/html-instructor`` and ``<dir>/html-self-study``;
* else each edition is built afresh (``build_book(edition, <tmp>/...)``, about 5-20 s each) -- so a plain
  ``pytest tests/test_browser_static.py`` never tests a stale site.

Browser test modules import the ``chromium_browser`` fixture: each xdist worker starts Chromium at most once.

A page of another edition whose article is the student edition's (for the self-study edition: once the two
solution links it adds to a chapter are taken out) is checked once, in the student edition (``student_twin``);
``tests/test_editions.py`` checks that every shared self-study page is such a twin.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from territorial_trap_workbook.book.build import PROJECT_ROOT, build_book, staged_toc
from territorial_trap_workbook.book.self_study import WORKED_DIR
from territorial_trap_workbook.chapters import CHAPTERS

#: The one chapter of the synthetic project (``make_project``); build it with ``chapters=SYNTHETIC_CHAPTERS``.
SYNTHETIC_CHAPTERS = CHAPTERS[:1]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EDITIONS = ("student", "instructor", "self-study")
SITE_DIRS = {"student": "html", "instructor": "html-instructor", "self-study": "html-self-study"}
# Pages Sphinx writes besides the toc's: the index (redirect to the root page), search and the general index.
EXTRA_PAGES = ("genindex", "search")
NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "_vendor"}
# axe-core from npm, in its own prefix: `npm install --no-save --prefix P pkg` removes every other package
# under P, so sharing .cache/npm with MathJax (which the book build installs there) would delete one or the other.
AXE_SPEC = "axe-core@4"
AXE_PREFIX = PROJECT_ROOT / ".cache" / "npm-axe"
AXE_JS = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"


def _given_site(edition: str = "student") -> Path | None:
    if edition == "student" and os.environ.get("WORKBOOK_BUILT_BOOK"):
        return Path(os.environ["WORKBOOK_BUILT_BOOK"]).resolve()
    if os.environ.get("WORKBOOK_BUILT"):
        return (Path(os.environ["WORKBOOK_BUILT"]) / SITE_DIRS[edition]).resolve()
    return None


_built: dict[str, Path] = {}


def built_site(tmp_path_factory, edition: str = "student") -> Path:
    """The site of one edition under test (see the module docstring); built at most once per process."""
    if edition not in _built:
        given = _given_site(edition)
        if given is not None:
            if not (given / "index.html").is_file():
                pytest.fail(f"{given} is not a built {edition} book (no index.html); unset the variable or build it")
            _built[edition] = given
        else:
            _built[edition] = build_book(edition, tmp_path_factory.mktemp(f"book-{edition}") / SITE_DIRS[edition])
    return _built[edition]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it (the index redirect excluded)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in NOT_PAGES or rel.as_posix() == "index.html":
            continue
        pages.append(rel.as_posix())
    return pages


@lru_cache(None)
def expected_pages(edition: str = "student") -> tuple[str, ...]:
    """The pages to test, known at collection time: those of the given site, or else those the edition will
    have (its staged toc's existing entries plus Sphinx's own pages; for the instructor edition also the
    generated guide and one page per solution notebook)."""
    given = _given_site(edition)
    if given is not None and (given / "index.html").is_file():
        return tuple(site_pages(given))
    solutions = sorted(p.stem for p in (PROJECT_ROOT / "solutions").glob("*.ipynb")) if edition == "instructor" else []
    worked = [f"{WORKED_DIR}/{c.stem}" for c in CHAPTERS] if edition == "self-study" else []
    toc = staged_toc(PROJECT_ROOT / "book", edition, solutions, worked=worked)
    files = [toc["root"]]
    if solutions:
        files.append("instructor-guide")  # generated at staging from the solutions' metadata

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
    return tuple(sorted({f"{name}.html" for name in (*files, *EXTRA_PAGES)}))


def edition_pages() -> list:
    """``pytest.param(edition, page)`` for every page of both editions (ids ``student/01-ultimatum.html``)."""
    return [pytest.param(edition, page, id=f"{edition}/{page}")
            for edition in EDITIONS for page in expected_pages(edition)]


# --- a small synthetic project (no kernel needed) ----------------------------------------------------
@lru_cache(1)
def _figure_bundle() -> str:
    from territorial_trap_workbook.explorers.bundle import explorer_bundle
    from territorial_trap_workbook.figures.bargaining import EXPLORER

    bundle, _ = explorer_bundle(EXPLORER, number="1.1", live=False)
    # What a kernel adds next to the figure: a live widget view. The book must pick the explorer reference.
    bundle["application/vnd.jupyter.widget-view+json"] = {
        "model_id": "0123456789abcdef0123456789abcdef", "version_major": 2, "version_minor": 0}
    return json.dumps(bundle)


def _figure_outputs() -> list[dict]:
    import nbformat

    return [nbformat.v4.new_output("display_data", data=json.loads(_figure_bundle()))]


def make_project(root: Path, chapter_extra: str = "") -> Path:
    """A project root like this repository's, with the real _config.yml/references.bib/reference pages and a
    one-chapter book: an intro, ``01-ultimatum.ipynb`` (a plotly explorer output, maths, a citation, an
    exercise download and an instructor-only link to its solution), one exercise and one solution."""
    import nbformat

    book = root / "book"
    book.mkdir(parents=True)
    for name in ("_config.yml", "references.bib", "bibliography.md", "glossary.md"):
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


_chromium: dict = {}


def _stop_chromium() -> None:
    browser, pw = _chromium.pop("browser", None), _chromium.pop("pw", None)
    if browser is not None:
        browser.close()
    if pw is not None:
        pw.stop()


@pytest.fixture(scope="module")
def chromium_browser(request):
    """One headless Chromium per test process (each xdist worker), shared by every browser test module that
    imports this fixture; stopped when the session ends."""
    if "browser" not in _chromium:
        sync_playwright = chromium_or_skip()
        pw = sync_playwright().start()
        _chromium["pw"] = pw
        _chromium["browser"] = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        request.session.addfinalizer(_stop_chromium)
    return _chromium["browser"]


class OfflinePage:
    """A page of a context in which every request that is not ``file:`` is aborted, recording what was
    blocked, which requests failed and every console error or uncaught page error."""

    def __init__(self, context):
        self.blocked, self.failed, self.errors = [], [], []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def problems(self) -> str:
        return (f"network requests: {dumps(self.blocked)}; failed requests: {dumps(self.failed)}; "
                f"console errors: {dumps(self.errors)}")

    def wait_for(self, script: str, what: str, arg=None, timeout: float = 15_000) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(script, arg=arg, timeout=timeout)
        except PlaywrightTimeout:
            pytest.fail(f"{self.page.url}: timed out waiting for {what}; {self.problems()}")

    def reset(self) -> None:
        """Forget what the previous page of this tab recorded (before the tab opens another page)."""
        for record in (self.blocked, self.failed, self.errors):
            record.clear()

    def close(self) -> None:
        self.page.close()


class Tab:
    """One tab of a browser context, navigated from page to page (``open``). Opening each page in the same tab
    instead of a fresh one lets Chromium keep its renderer process and the scripts it compiled (plotly.js,
    MathJax, the theme's): about a third less CPU per page load (4 chapter and 2 text pages: 16 -> 11 CPU s).
    Every page is still a fresh document with its own records (``OfflinePage.reset``). ``discard`` after a
    failure: the next page then gets a fresh tab."""

    def __init__(self, context):
        self.context, self.offline = context, None

    def open(self, path: Path, width: int | None = None) -> OfflinePage:
        if self.offline is None:
            self.offline = OfflinePage(self.context)
        else:
            self.offline.page.evaluate("() => 0")  # a round trip: events of the previous page are in before
            self.offline.reset()
        return open_page(self.context, path, width=width, offline=self.offline)

    def discard(self) -> None:
        if self.offline is not None:
            self.offline.close()
            self.offline = None


# Every figure div drawn by plotly.js (an SVG with traces), and every explorer fitted to its width by the page
# script.
FIGURES_DRAWN = """() => {
  const divs = [...document.querySelectorAll('.workbook-plotly .plotly-graph-div')];
  return divs.every(gd => gd.classList.contains('js-plotly-plot') && gd._fullLayout
    && gd.querySelector('svg.main-svg')
    && gd.querySelectorAll('.trace, .hm, .contour, .slice').length > 0
    && (!gd.closest('.workbook-explorer') || gd.hasAttribute('data-fitted')));
}"""
# Every .math element typeset by MathJax.
MATHS_TYPESET = """() => [...document.querySelectorAll('.math')].every(m => m.querySelector('mjx-container'))"""


def open_page(context, path: Path, width: int | None = None, offline: OfflinePage | None = None) -> OfflinePage:
    """Open a built page from disk, offline (on a screen ``width`` px wide if given), in a fresh tab or in the tab
    of ``offline``, and wait until its figures are drawn and fitted to the screen and its maths typeset."""
    page = offline if offline is not None else OfflinePage(context)
    if width is not None and page.page.viewport_size != {"width": width, "height": 900}:
        page.page.set_viewport_size({"width": width, "height": 900})
    page.page.goto(path.as_uri(), wait_until="load")
    if page.page.locator(".workbook-plotly .plotly-graph-div").count():
        page.wait_for(FIGURES_DRAWN, "every plotly figure to be drawn")
    page.wait_for(MATHS_TYPESET, "MathJax to typeset every .math element")
    return page


# --- accessibility: axe-core ---------------------------------------------------------------------------
#: What the book's own content is: the article of each page. The theme's chrome around it (navbar, sidebars,
#: search and colour-mode buttons, the page's table of contents) comes from sphinx-book-theme and is counted
#: in the report but not asserted on.
CONTENT_SELECTOR = ".bd-article"
IMPACTS = ("critical", "serious", "moderate", "minor")


def ensure_axe() -> Path:
    """axe-core's ``axe.min.js``, installed from npm into ``.cache/npm-axe`` if missing (under a lock, so
    parallel test workers do not install it twice at once)."""
    if AXE_JS.is_file():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"axe-core is needed for the accessibility audit and npm was not found; run "
                           f"`npm install --no-save --prefix {AXE_PREFIX} {AXE_SPEC}` (`make browser-deps`)")
    AXE_PREFIX.mkdir(parents=True, exist_ok=True)
    with open(AXE_PREFIX / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE_JS.is_file():
            cmd = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_PREFIX), AXE_SPEC]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0 or not AXE_JS.is_file():
                raise RuntimeError(f"`{' '.join(cmd)}` failed:\n{done.stdout}\n{done.stderr}")
    return AXE_JS


# Runs axe once (on the whole document, or only inside the content) and sorts every failing node into the book's
# content or the chrome.
AXE_RUN = """async ([content, onlyContent]) => {
  const context = onlyContent ? {include: [[content]]} : document;
  // preload: axe re-reads the page's stylesheets by XHR (for css-orientation-lock), which a file:// page refuses:
  // offline it only leaves failed requests behind (seen by the next page of a reused tab), so it is not tried there.
  const result = await axe.run(context, {resultTypes: ['violations'], preload: location.protocol !== 'file:'});
  const inContent = (target) => {
    const el = typeof target[0] === 'string' ? document.querySelector(target[0]) : null;
    return !!(el && el.closest(content));
  };
  return {version: axe.version, violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), impact: n.impact, content: inContent(n.target),
                              html: n.html.slice(0, 300), summary: (n.failureSummary || '').slice(0, 500)}))}))};
}"""


def axe_audit(page, whole_document: bool = True) -> dict:
    """Run axe-core on an opened page: on the whole document, or (``whole_document=False``, about twice as fast)
    only inside ``CONTENT_SELECTOR`` (a page without it then has nothing audited). Returns ``{"version",
    "violations": [...], "counts": {"content": {impact: n}, "chrome": {impact: n}}}``, counting failing nodes by
    impact inside and outside the content."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(ensure_axe()))
    if not whole_document and not page.locator(CONTENT_SELECTOR).count():
        result = {"version": page.evaluate("() => axe.version"), "violations": []}
    else:
        result = page.evaluate(AXE_RUN, [CONTENT_SELECTOR, not whole_document])
    counts = {"content": dict.fromkeys(IMPACTS, 0), "chrome": dict.fromkeys(IMPACTS, 0)}
    for violation in result["violations"]:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"] or "minor"
            counts["content" if node["content"] else "chrome"][impact] += 1
    result["counts"] = counts
    return result


def dumps(value) -> str:
    return json.dumps(value, indent=1, default=str)


# --- pages an edition shares with the student edition ----------------------------------------------------
ARTICLE = re.compile(r'<article class="bd-article".*?</article>', re.S)
# The two items the self-study edition adds after each chapter's exercise download (book/self_study.py).
SELF_STUDY_ITEMS = re.compile(r"<li><p>(?:Solution notebook|Worked solutions):.*?</li>\n", re.S)
# The one list the instructor edition adds after each chapter's exercise download (the ``{only} instructor``
# block of step 4 in CONTRIBUTING.md): a link to the chapter's solution page, tested by test_editions.
INSTRUCTOR_ITEMS = re.compile(r'<ul class="simple">\n<li><p>Solutions: <a class="reference internal" '
                              r'href="solutions/[^"]+\.html">.*?</li>\n</ul>\n', re.S)
EDITION_ITEMS = {"self-study": SELF_STUDY_ITEMS, "instructor": INSTRUCTOR_ITEMS}


def article(path: Path, edition: str = "student") -> str | None:
    """The page's article (its content without the site's navigation), without the solution links the
    self-study and instructor editions add to each chapter, so that a chapter compares equal to the student's."""
    match = ARTICLE.search(path.read_text(encoding="utf8"))
    if match is None:
        return None
    items = EDITION_ITEMS.get(edition)
    return items.sub("", match.group(0)) if items else match.group(0)


def student_twin(site: Path, page_name: str, edition: str, tmp_path_factory) -> bool:
    """True when the student edition has this page with the same article (see ``article``): a check of the
    article's content already ran there."""
    if edition == "student":
        return False
    student = built_site(tmp_path_factory, "student") / page_name
    return student.is_file() and article(student) == article(site / page_name, edition)


# --- one built edition, page by page (shared by the static-page and accessibility tests) -----------------
def pytest_generate_tests(metafunc):
    """Test modules import this hook: ``page_name`` runs over the edition's expected pages, ``width`` over the
    class's screen widths."""
    if "page_name" in metafunc.fixturenames:
        metafunc.parametrize("page_name", expected_pages(metafunc.cls.edition))
    if "width" in metafunc.fixturenames:
        metafunc.parametrize("width", metafunc.cls.widths)


class EditionPages:
    """Base of a test class for one edition: its built site and one browser context for its pages."""

    edition: str

    @pytest.fixture(scope="class")
    @classmethod
    def site(cls, tmp_path_factory):
        return built_site(tmp_path_factory, cls.edition)

    @pytest.fixture(scope="class")
    @classmethod
    def context(cls, chromium_browser):
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        yield context
        context.close()

    @pytest.fixture(scope="class")
    @classmethod
    def tab(cls, context):
        tab = Tab(context)
        yield tab
        tab.discard()
