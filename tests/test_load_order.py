"""Figures first: the page rewrite that makes non-essential scripts wait for the figures."""
from territorial_trap_workbook.book.load_order import (ICON_CSS, ICONS_LATER, ICONS_LATER_ID, LOADER, PLACEHOLDER_REL,
                                                       PLACEHOLDER_TYPE, THEME_CSS, rewrite, split_icon_css)

PAGE = """<html><head>
<link rel="preload" as="script" href="_static/scripts/bootstrap.js?digest=1" />
<link rel="preload" as="font" href="_static/fonts/x.woff2" />
<link href="_static/styles/pydata-sphinx-theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="_static/copybutton.css?v=5" />
<link rel="stylesheet" type="text/css" href="_static/sphinx-design.min.css?v=6" />
<script defer src="_static/scripts/fontawesome.js?digest=1"></script>
<script src="_static/documentation_options.js?v=1"></script>
<script src="_static/doctools.js?v=2"></script>
<script data-sd-tabs-storage-prefix="sphinx-design-tab-id-" src="_static/design-tabs.js?v=7"></script>
<script defer="defer" src="_static/../_vendor/mathjax/tex-chtml.js?v=3"></script>
<script src="_static/../_vendor/plotly/plotly.min.js?v=4"></script>
<script src="searchindex.js"></script>
</head><body><p>x</p></body></html>"""


def test_late_scripts_become_placeholders_in_order_and_plotly_is_asked_for_first():
    out = rewrite(PAGE)
    late = [f'data-src="{src}"' for src in ("_static/scripts/fontawesome.js?digest=1", "_static/doctools.js?v=2",
                                            "_static/../_vendor/mathjax/tex-chtml.js?v=3", "searchindex.js")]
    positions = [out.index(tag) for tag in late]
    assert positions == sorted(positions)
    assert out.count(f'<script type="{PLACEHOLDER_TYPE}"') == 4
    assert 'defer' not in out.split('data-src="_static/scripts/fontawesome.js')[0].rsplit("<script", 1)[1]
    # Needed early, left alone: the head's inline scripts set DOCUMENTATION_OPTIONS' fields, and design-tabs.js
    # sets tabs up only on DOMContentLoaded, which a late script would miss.
    assert '<script src="_static/documentation_options.js?v=1"></script>' in out
    assert 'src="_static/design-tabs.js?v=7"></script>' in out
    assert 'href="_static/scripts/bootstrap.js' not in out  # its preload would fetch it early anyway
    assert 'href="_static/fonts/x.woff2"' in out
    head = out.split("<head>", 1)[1]
    assert head.lstrip().startswith('<link rel="preload" as="script" href="_static/../_vendor/plotly/plotly.min.js?v=4"')
    assert out.index(LOADER) < out.index("</body>")


def test_a_page_with_nothing_to_delay_is_unchanged():
    page = '<html><head><script src="_static/documentation_options.js"></script></head><body></body></html>'
    assert rewrite(page) == page


def test_the_icon_font_waits_for_the_figures():
    """Until the loader runs, the icon classes use an ordinary font, so the browser does not fetch the icon font
    (156 kB) beside plotly.js; the loader removes that style once the figures are drawn."""
    out = rewrite(PAGE)
    head = out.split("</head>", 1)[0]
    assert ICONS_LATER in head and ".fa-solid::before" in ICONS_LATER
    assert f'getElementById("{ICONS_LATER_ID}")' in LOADER and ".remove()" in LOADER


def test_stylesheets_only_late_scripts_use_wait_too():
    out = rewrite(PAGE)
    assert f'<link rel="{PLACEHOLDER_REL}" type="text/css" href="_static/copybutton.css?v=5" />' in out
    assert '<link rel="stylesheet" type="text/css" href="_static/sphinx-design.min.css?v=6" />' in out
    assert f"querySelectorAll('link[rel=\"{PLACEHOLDER_REL}\"]')" in LOADER and 'rel = "stylesheet"' in LOADER


def test_icon_rules_leave_the_theme_stylesheet_for_a_late_one(tmp_path):
    """The icon classes' characters are not needed before the icon font, which waits for the figures: they move
    to a stylesheet of their own, linked late from every page; every other rule stays, and a rule that only
    ends in an icon selector is left whole."""
    theme = (':root{--x:1}.fa-0:before{content:"\\30 "}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
             '.btn .fa-x:before{content:"x"}.fa-spin{animation:a 2s}.fa-solid,.fas{font-weight:900}'
             '.fa-regular::before{content:"y"}@media print{.a{b:c}}')
    (tmp_path / THEME_CSS).write_text(theme, encoding="utf8")
    assert split_icon_css(tmp_path)
    icons = (tmp_path / ICON_CSS).read_text(encoding="utf8")
    left = (tmp_path / THEME_CSS).read_text(encoding="utf8")
    assert icons.strip() == ('.fa-0:before{content:"\\30 "}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
                             '.fa-regular::before{content:"y"}')
    assert left == (':root{--x:1}.btn .fa-x:before{content:"x"}.fa-spin{animation:a 2s}.fa-solid,.fas{font-weight:900}'
                    '@media print{.a{b:c}}')
    assert split_icon_css(tmp_path) and (tmp_path / ICON_CSS).read_text(encoding="utf8") == icons  # built again
    out = rewrite(PAGE, icon_css=True)
    link = f'<link href="_static/styles/{ICON_CSS}" rel="{PLACEHOLDER_REL}" />'
    assert out.count(link) == 1 and out.index(link) > out.index(THEME_CSS)
    assert ICON_CSS not in rewrite(PAGE)
