"""Figures first: scripts a reader does not need to see the figures load after every figure is drawn.

On a slow connection every byte fetched beside plotly.js delays the figures. The icon font script, MathJax,
the search index (with the search scripts that read it), the theme's deferred scripts (Bootstrap and the
pydata theme's, which only attach menus and the theme switcher), and the head scripts that only decorate a page
already parsed (Sphinx's doctools and search-term highlighting, the book theme's buttons, the copy button on
code cells with its clipboard library, the toggle buttons) are therefore not fetched while the page loads: their
``<script src>`` tags become inert placeholders, and a small loader at the end of the page inserts them, in
their original order, once every figure on the page has been drawn (at once on pages with no figure). All
of them work when loaded late: the icon script and MathJax process the document when they start, and the others
run their set-up at once when the document has already been parsed (each checks ``document.readyState``; the
browser tests check that search, maths and the page work with no console error). Stylesheets only those scripts
use (``LATER_STYLES``: the copy and toggle buttons') wait too: their ``<link>`` becomes
``rel="x-workbook-later"`` until the loader turns it back into a stylesheet. Kept early: ``documentation_options.js``
(inline scripts in the head set its fields) and sphinx-design's ``design-tabs.js`` (it sets tabs up only on the
``DOMContentLoaded`` event, which a late script misses).

The theme's icon font (Font Awesome's solid face, 156 kB that no compression shrinks) waits too: the header's
icons would make the browser fetch it beside plotly.js. A style in the head (``ICONS_LATER``) gives the icon
classes an ordinary font until the loader removes it, after the figures; the icons then appear. The rules that
give each of Font Awesome's ~1,900 icon classes its character (``.fa-bars:before{content:"\f0c9"}``, 86 kB of
the theme's 397 kB stylesheet, 17 kB of its 52 kB brotli) are of no use before that either: ``split_icon_css``
moves them out of the theme's stylesheet into ``ICON_CSS``, which each page links as a late stylesheet.

Run on ``build-finished`` over the written HTML files (Sphinx has no hook that sees the final script tags).
"""
from __future__ import annotations

import re
from pathlib import Path

#: File names of the scripts that wait for the figures.
LATER = ("fontawesome.js", "tex-chtml.js", "language_data.js", "searchtools.js", "searchindex.js", "bootstrap.js",
         "pydata-sphinx-theme.js", "doctools.js", "sphinx_highlight.js", "clipboard.min.js", "copybutton.js",
         "sphinx-book-theme.js", "togglebutton.js")
#: File names of the stylesheets that wait for the figures (the last one is made by ``split_icon_css``).
LATER_STYLES = ("copybutton.css", "togglebutton.css", "workbook-icons.css")
PLACEHOLDER_TYPE = "text/x-workbook-later"
PLACEHOLDER_REL = "x-workbook-later"
_SCRIPT = re.compile(r'<script\b([^>]*?)\bsrc="([^"]*)"([^>]*)>\s*</script>')
_STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>')
#: The theme's stylesheet, and where the icon rules taken out of it go (beside it, in ``_static/styles/``).
THEME_CSS = "pydata-sphinx-theme.css"
ICON_CSS = "workbook-icons.css"
# A whole rule (it follows the previous rule's brace) whose selectors are all icon classes' ::before and whose
# only declaration is the icon's character.
_ICON_RULE = re.compile(r'(?<=\})\.fa-[a-z0-9-]+::?before(?:,\.fa-[a-z0-9-]+::?before)*\{content:"[^"]*"\}')

ICONS_LATER_ID = "workbook-icons-later"
_ICON_CLASSES = (".fa", ".fas", ".far", ".fab", ".fa-solid", ".fa-regular", ".fa-brands")
# The theme also draws icons (admonition titles, download links, breadcrumbs, external links) with
# ``font: var(--fa-font-solid)`` on elements of its own: those variables are pointed at an ordinary font too.
_ICON_FONT_VARIABLES = ("--fa-font-solid", "--fa-font-regular", "--fa-font-brands")
ICONS_LATER = (f'<style id="{ICONS_LATER_ID}">'
               + ":root{" + ";".join(f"{v}:normal 400 1em/1 sans-serif!important" for v in _ICON_FONT_VARIABLES)
               + ";--fa-style-family-classic:sans-serif!important;--fa-style-family-brands:sans-serif!important}"
               + ",".join(f"{c},{c}::before" for c in _ICON_CLASSES)
               + "{font-family:sans-serif!important}</style>")

LOADER = f"""<script>
(function () {{
  function loadLater() {{
    var icons = document.getElementById("{ICONS_LATER_ID}");
    if (icons) {{ icons.remove(); }}
    document.querySelectorAll('link[rel="{PLACEHOLDER_REL}"]').forEach(function (link) {{
      link.rel = "stylesheet";
    }});
    var waiting = document.querySelectorAll('script[type="{PLACEHOLDER_TYPE}"]');
    waiting.forEach(function (old) {{
      var s = document.createElement("script");
      s.src = old.getAttribute("data-src");
      s.async = false;  // keep their order: searchindex.js needs searchtools.js
      old.parentNode.replaceChild(s, old);
    }});
  }}
  function whenFiguresDrawn() {{
    Promise.all(window.WorkbookFiguresDrawn || []).then(loadLater, loadLater);
  }}
  if (document.readyState === "loading") {{
    document.addEventListener("DOMContentLoaded", whenFiguresDrawn);
  }} else {{ whenFiguresDrawn(); }}
}})();
</script>"""


def _later(match: re.Match) -> str:
    before, src, after = match.groups()
    name = src.split("?")[0].rsplit("/", 1)[-1]
    if name not in LATER:
        return match.group(0)
    attrs = re.sub(r'\b(defer|async)(="[^"]*")?', "", before + after)
    return f'<script type="{PLACEHOLDER_TYPE}" data-src="{src}"{attrs}></script>'


_PRELOAD = re.compile(r'<link\b[^>]*\brel="preload"[^>]*>\s*')
_PLOTLY_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]*_vendor/plotly/plotly\.min\.js[^"]*)"')


def _drop_later_preload(match: re.Match) -> str:
    href = re.search(r'\bhref="([^"]*)"', match.group(0))
    name = href.group(1).split("?")[0].rsplit("/", 1)[-1] if href else ""
    return "" if name in LATER else match.group(0)


def _later_style(match: re.Match) -> str:
    href = re.search(r'\bhref="([^"]*)"', match.group(0))
    name = href.group(1).split("?")[0].rsplit("/", 1)[-1] if href else ""
    return match.group(0).replace('rel="stylesheet"', f'rel="{PLACEHOLDER_REL}"') if name in LATER_STYLES \
        else match.group(0)


_THEME_LINK = re.compile(r'<link\b[^>]*\bhref="([^"]*)' + re.escape(THEME_CSS) + r'[^"]*"[^>]*>')


def _icon_link(match: re.Match) -> str:
    """After the theme's stylesheet link, a late link to the icon rules taken out of it (same folder)."""
    return match.group(0) + f'\n<link href="{match.group(1)}{ICON_CSS}" rel="{PLACEHOLDER_REL}" />'


def rewrite(html: str, icon_css: bool = False) -> str:
    """The page with the scripts and stylesheets that wait for the figures made inert, the loader that brings
    them, plotly.js asked for first; with ``icon_css`` (the site's theme stylesheet was split by
    ``split_icon_css``), a late link to the icon rules."""
    out = _SCRIPT.sub(_later, html)
    out = _STYLESHEET.sub(_later_style, out)
    if icon_css and ICON_CSS not in out:
        out = _THEME_LINK.sub(_icon_link, out, count=1)
    out = _PRELOAD.sub(_drop_later_preload, out)  # a preload would fetch them early all the same
    plotly = _PLOTLY_SRC.search(out)
    if plotly and "<head>" in out:  # ask for plotly.js first: the figures wait for nothing else
        out = out.replace("<head>", f'<head>\n<link rel="preload" as="script" href="{plotly.group(1)}" '
                                    f'fetchpriority="high">', 1)
    if out != html and "</body>" in out:
        out = out.replace("</body>", LOADER + "\n</body>", 1)
        if "</head>" in out:
            out = out.replace("</head>", ICONS_LATER + "\n</head>", 1)
    return out


def split_icon_css(styles: Path) -> bool:
    """Move the icon classes' character rules out of the theme's stylesheet in ``styles`` into ``ICON_CSS``
    beside it. True when ``ICON_CSS`` holds them (split now or by an earlier build of the same folder)."""
    theme, icons = styles / THEME_CSS, styles / ICON_CSS
    if not theme.is_file():
        return False
    css = theme.read_text(encoding="utf8")
    rules = _ICON_RULE.findall(css)
    if rules:
        icons.write_text("".join(rules) + "\n", encoding="utf8")
        theme.write_text(_ICON_RULE.sub("", css), encoding="utf8")
    return icons.is_file() and icons.stat().st_size > 0


def rewrite_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    icon_css = split_icon_css(Path(app.outdir) / "_static" / "styles")
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf8")
        new = rewrite(text, icon_css)
        if new != text:
            path.write_text(new, encoding="utf8")
