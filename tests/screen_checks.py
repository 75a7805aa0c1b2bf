"""What a person sees on a page, checked in the page itself (shared by the book's and the dashboard's browser tests).

Three checks, each one ``page.evaluate`` on a loaded page, each returning a list of problems in words:

* ``raw_markup``: source syntax left in the visible text (Markdown table rules, MyST roles and directives, code
  fences, nbgrader markers);
* ``too_wide``: a page wider than the screen, or content reaching past its right edge outside any element
  meant to scroll sideways (a table wrapper with ``overflow-x: auto``, a code block);
* ``figure_text``: the text boxes of each figure -- its title and read-out (HTML around the plot), legend, slider
  labels and current values, axis titles and tick labels -- overlapping each other or leaving the figure; axis
  text reaching into a slider's area (its rail, ticks and title: rotated category names under a bar chart ran
  into the first slider on a phone, and the slider drawn over them cut them off); and any text of a figure,
  data labels on bars included, drawn smaller than ``MIN_TEXT_PX`` (plotly shrinks a bar's label to fit the
  bar, down to an unreadable 4 px on a phone).
"""
from __future__ import annotations

import re

#: Source syntax a reader must never see. Each: (pattern, what it is).
RAW_MARKUP = (
    (re.compile(r"\|\s*:?-{3,}:?\s*\|"), "a Markdown table rule"),
    (re.compile(r"\{[a-z][\w-]*(?::[\w-]+)?\}`"), "a MyST role"),
    (re.compile(r"\{(?:admonition|dropdown|note|tip|warning|important|figure|code-cell|only|glue|math|exercise|"
                r"solution|toctree|bibliography|list-table|raw)\b[^}]*\}"), "a MyST directive"),
    (re.compile(r"```|~~~"), "a code fence"),
    (re.compile(r"^\s*:::", re.M), "a MyST colon fence"),
    (re.compile(r"\b(?:BEGIN|END) (?:SOLUTION|HIDDEN TESTS)\b"), "an nbgrader marker"),
)


def raw_markup(text: str) -> list[str]:
    """Every piece of source syntax in ``text``, with a little context."""
    found = []
    for pattern, what in RAW_MARKUP:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            found.append(f"{what}: …{text[start:match.end() + 30]!r}…")
    return found


def visible_text(page, selector: str = "main, body") -> str:
    """The text a reader sees in the first element matching ``selector`` (innerText: hidden elements left out)."""
    return page.evaluate("(sel) => { const el = document.querySelector(sel); return el ? el.innerText : ''; }",
                         selector)


# Content past the right edge of the screen: the document itself, and every element of the content that reaches
# past the viewport without an ancestor that scrolls sideways. Figures are left to FIGURE_TEXT; MathJax
# containers scroll by themselves.
TOO_WIDE = """(root) => {
  const width = window.innerWidth, out = [];
  const doc = document.documentElement.scrollWidth;
  if (doc > width + 1) out.push(`the page is ${doc} px wide on a ${width} px screen`);
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll') return true;
    }
    return false;
  };
  const scope = document.querySelector(root) || document.body;
  for (const el of scope.querySelectorAll('*')) {
    if (el.closest('.js-plotly-plot, mjx-container, .workbook-explorer')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 && !scrolls(el)) {
      const label = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      out.push(`${label} reaches ${Math.round(r.right)} px on a ${width} px screen: `
               + JSON.stringify((el.innerText || '').slice(0, 60)));
      if (out.length > 8) break;
    }
  }
  return out;
}"""


def too_wide(page, root: str = "article") -> list[str]:
    return page.evaluate(TOO_WIDE, root)


# The text boxes of every figure. A box: {what, text, l, t, r, b}. The figure's own box is the plot div (the
# SVG) for SVG text, and the <figure> element (when there is one) for its HTML title and read-out.
FIGURE_TEXT = """() => {
  // The size a text is drawn at: its font size times the scale of every transform above it (plotly shrinks a
  // bar's label with a scale() transform, leaving its font-size as set).
  const drawnSize = (el) => {
    const size = parseFloat(getComputedStyle(el).fontSize) || 0;
    const m = el.getScreenCTM ? el.getScreenCTM() : null;
    return m ? size * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : size;
  };
  const box = (el, what) => {
    const r = el.getBoundingClientRect();
    const text = (el.textContent || '').trim();
    if (!text || r.width === 0 || r.height === 0) return null;
    if (getComputedStyle(el).visibility === 'hidden' || getComputedStyle(el).display === 'none') return null;
    return {what: what, text: text.slice(0, 50), l: r.left, t: r.top, r: r.right, b: r.bottom,
            size: drawnSize(el)};
  };
  const pick = (root, selector, what) => [...root.querySelectorAll(selector)].map(e => box(e, what)).filter(Boolean);
  return [...document.querySelectorAll('.js-plotly-plot')].map((gd, index) => {
    const holder = gd.closest('figure') || gd;
    const svgBoxes = [
      ...pick(gd, '.g-gtitle text', 'title'),
      ...pick(gd, '.legend .traces text', 'legend entry'),
      ...pick(gd, '.slider-current-value', 'slider label'),
      // plotly 2 draws a slider's title and current value as a text.slider-label outside its tick-label group
      ...[...gd.querySelectorAll('g.slider-group > text.slider-label')].filter(e => !e.closest('.slider-label-group'))
        .map(e => box(e, 'slider label')).filter(Boolean),
      ...pick(gd, '.slider-label-group text', 'slider tick label'),
      ...pick(gd, '[class^="g-x"][class$="title"] text, [class^="g-y"][class$="title"] text', 'axis title'),
      ...pick(gd, '.xtick text, .ytick text, [class*="x2tick"] text, [class*="y2tick"] text', 'axis tick label'),
      ...pick(gd, '.annotation-text', 'annotation'),
    ];
    const htmlBoxes = holder === gd ? [] : [
      ...pick(holder, '.explorer-title', 'title'),
      ...pick(holder, '.explorer-readout', 'read-out'),
      ...pick(holder, 'figcaption', 'caption'),
    ];
    // The plot areas (one per subplot): no text may sit on one.
    const areas = [...gd.querySelectorAll('.draglayer .nsewdrag')].map(r => {
      const b = r.getBoundingClientRect();
      return {what: 'plot area', text: r.getAttribute('data-subplot') || '', l: b.left, t: b.top, r: b.right, b: b.bottom};
    }).filter(a => a.r > a.l && a.b > a.t);
    // Each slider's area (rail, ticks and its labels): no axis text may reach into one.
    const sliders = [...gd.querySelectorAll('g.slider-group')].map((s, i) => {
      const b = s.getBoundingClientRect();
      return {what: 'slider', text: String(i + 1), l: b.left, t: b.top, r: b.right, b: b.bottom};
    }).filter(a => a.r > a.l && a.b > a.t);
    // Text drawn with the data (bar labels, text markers): checked for its size and for staying in the figure.
    const dataText = pick(gd, '.trace text, .bartext, .textpoint text', 'data label');
    const g = gd.getBoundingClientRect(), h = holder.getBoundingClientRect();
    return {index: index, id: gd.id, svg: svgBoxes, html: htmlBoxes, areas: areas, sliders: sliders,
            data: dataText,
            plot: {l: g.left, t: g.top, r: g.right, b: g.bottom},
            holder: {l: h.left, t: h.top, r: h.right, b: h.bottom}, screen: window.innerWidth};
  });
}"""

TOLERANCE = 1.0  # px: anti-aliased glyph edges may touch
#: The smallest text a figure may draw, in CSS px: the book's smallest figure font is the phone legend's 12 px;
#: 10 px is the floor below which print and screen typography guides call text hard to read.
MIN_TEXT_PX = 10.0


def _overlap(a: dict, b: dict) -> bool:
    return (min(a["r"], b["r"]) - max(a["l"], b["l"]) > TOLERANCE
            and min(a["b"], b["b"]) - max(a["t"], b["t"]) > TOLERANCE)


def _inside(a: dict, outer: dict) -> bool:
    return (a["l"] >= outer["l"] - TOLERANCE and a["r"] <= outer["r"] + TOLERANCE
            and a["t"] >= outer["t"] - TOLERANCE and a["b"] <= outer["b"] + TOLERANCE)


def _name(box: dict) -> str:
    return f"{box['what']} {box['text']!r}"


def figure_problems(figure: dict) -> list[str]:
    """Overlapping or escaping text boxes of one figure (the dict FIGURE_TEXT returns for it)."""
    problems = []
    screen = {"l": 0, "r": figure["screen"], "t": float("-inf"), "b": float("inf")}
    svg = figure["svg"]
    for box in svg:
        if not _inside(box, figure["plot"]):
            problems.append(f"{_name(box)} leaves the figure")
    for box in figure["html"]:
        if not _inside(box, figure["holder"]) or not _inside(box, screen):
            problems.append(f"{_name(box)} leaves the figure or the screen")
    if not _inside(figure["plot"], screen):
        problems.append(f"the plot ({figure['plot']['l']:.0f}-{figure['plot']['r']:.0f} px) is wider than the screen")
    everything = svg + figure["html"]
    for i, a in enumerate(everything):
        for b in everything[i + 1:]:
            if _overlap(a, b):
                problems.append(f"{_name(a)} overlaps {_name(b)}")
    for box in svg:
        for area in figure.get("areas", []):
            if box["what"] != "annotation" and _overlap(box, area):
                problems.append(f"{_name(box)} sits on a plot area")
    for box in svg:
        if box["what"].startswith("axis"):
            for slider in figure.get("sliders", []):
                if _overlap(box, slider):
                    problems.append(f"{_name(box)} reaches into slider {slider['text']}'s area")
    for box in figure.get("data", []):
        if not _inside(box, figure["plot"]):
            problems.append(f"{_name(box)} leaves the figure")
    for box in svg + figure.get("data", []):
        if box.get("size") is not None and box["size"] < MIN_TEXT_PX:
            problems.append(f"{_name(box)} is drawn at {box['size']:.1f} px, below {MIN_TEXT_PX:.0f} px")
    return [f"figure {figure['index'] + 1} ({figure['id']}): {p}" for p in problems]


def figure_text(page) -> list[str]:
    problems = []
    for figure in page.evaluate(FIGURE_TEXT):
        problems += figure_problems(figure)
    return problems
