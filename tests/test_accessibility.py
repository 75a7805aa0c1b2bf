"""Accessibility: an axe-core audit of every built page of every edition, opened offline from disk; a page whose
article is the student edition's (``student_twin``) is audited once, there. The audit runs inside the browser
suite (``test_browser_static``), on the laptop-width load it makes of every page anyway (``audit_content``):
one load per page and width, every check on it. This module holds the audit and the test of the audit itself.

axe-core (npm ``axe-core@4``, installed into ``.cache/npm-axe`` by ``make browser-deps`` or on first use) is
injected into each page once its figures are drawn and its maths typeset, and run on the book's own content only:
the article (``.bd-article``: chapter text, tables, figures, maths, exercises, bibliography, glossary), where no
*serious* or *critical* violation is allowed. The theme's chrome around it (navbar, sidebars, search and
colour-mode buttons, page table of contents: sphinx-book-theme, which we do not control) is not asserted on;
``benchmarks/run.py`` audits whole documents and records both counts in ``benchmarks/REPORT.md`` and
``benchmarks/accessibility.json``. Sphinx's search page has no article (all theme): nothing of it is audited here.
"""
from __future__ import annotations

import pytest

from browser_helpers import axe_audit, chromium_browser, dumps, open_page  # noqa: F401

BLOCKING = ("critical", "serious")
#: Sphinx's and the theme's own pages with no article: all of their content is the theme's.
THEME_PAGES = {"search.html"}
#: Known violations in content we generate but whose markup comes from a dependency, each (page, rule id) with
#: the reason. Each must still occur (strict): once fixed, the entry has to go.
# Known violations the book cannot fix yet, by (page, rule) with the reason; empty now that bibliography
# entries get role="listitem" (book/sphinx_ext.py).
KNOWN: dict[tuple[str, str], str] = {}


def blocking_violations(result: dict) -> list[dict]:
    """The serious and critical violations in the book's content, each with only its content nodes."""
    found = []
    for violation in result["violations"]:
        nodes = [n for n in violation["nodes"] if n["content"] and (n["impact"] or violation["impact"]) in BLOCKING]
        if nodes:
            found.append({"id": violation["id"], "impact": violation["impact"], "help": violation["help"],
                          "helpUrl": violation["helpUrl"],
                          "nodes": [{k: n[k] for k in ("target", "html", "summary")} for n in nodes]})
    return found


def audit_content(page, where: str) -> None:
    """Audit an opened page's content (called by the browser suite on its laptop-width load of every page, so
    each page is loaded once per width): no serious or critical violation beyond ``KNOWN``, and each known one
    still found."""
    page_name = where.split("/", 1)[1] if "/" in where else where
    if page_name not in THEME_PAGES:
        assert page.locator("main .bd-article").count() == 1, f"{where}: no article: has the theme changed?"
    found = blocking_violations(axe_audit(page, whole_document=False))
    known = {(name, rule) for name, rule in KNOWN if name == page_name}
    unexpected = [v for v in found if (page_name, v["id"]) not in known]
    assert not unexpected, f"{where}: serious or critical axe violations in the content: {dumps(unexpected)}"
    gone = known - {(page_name, v["id"]) for v in found}
    assert not gone, f"known violations no longer found (remove them from KNOWN): {sorted(gone)}"


PLANTED = """<!doctype html><html lang="en"><head><title>Planted</title></head><body>
<header><button class="chrome"><svg width="10" height="10"></svg></button></header>
<main><article class="bd-article"><h1>Planted</h1>
<p>An image without alt text: <img src="missing.png"></p>
<div role="img" aria-label="A figure"><button>Zoom</button></div>
</article></main></body></html>"""


def test_the_audit_finds_planted_violations(chromium_browser, tmp_path):
    """The machinery itself: axe is injected and runs, and failing nodes are sorted into content and chrome."""
    path = tmp_path / "planted.html"
    path.write_text(PLANTED, encoding="utf8")
    context = chromium_browser.new_context()
    try:
        offline = open_page(context, path)
        whole, content = axe_audit(offline.page), axe_audit(offline.page, whole_document=False)
    finally:
        context.close()
    for result in (whole, content):
        found = {v["id"]: v for v in blocking_violations(result)}
        assert {"image-alt", "nested-interactive"} <= set(found), dumps(result)
        assert result["counts"]["content"]["critical"] >= 1 and result["counts"]["content"]["serious"] >= 1
        assert "button-name" not in found
    # The nameless button sits outside the article: chrome, counted in a whole-document audit, never blocking.
    assert whole["counts"]["chrome"]["critical"] >= 1, dumps(whole["counts"])
    assert sum(content["counts"]["chrome"].values()) == 0, dumps(content["counts"])
