"""Find numbers typed by hand in a chapter's prose (the "numbers in prose" rule, round-2 decisions).

Rule: every quantity that comes from data or a model is glued (``{glue:text}`chN_…```); years, dates, article and
document identifiers (Article 157, A/RES/68/262, ES-11/4), chapter/figure/example/exercise/objective numbers and
small counts of things named in the text may be typed.

What counts as prose: every markdown cell of ``book/NN-*.ipynb``, including the bodies of admonitions, dropdowns
(check-your-understanding answers) and ``{only}`` blocks; not code blocks, directive options, glue/cite/download
roles, inline code, link targets or URLs.

What is flagged in prose (outside maths):

* a decimal (0.45, 1.5) unless it numbers a figure, table, example, exercise, section, chapter, objective,
  question or part (Figure 2.1, Exercises 4.2 and 4.3);
* a percentage (2 %, 40%, 40 per cent) or a number with a currency (€5, US\\$3, \\$40) or a unit of magnitude or
  measure (5 million, 300 km);
* a whole number above 12 that is not a year (1000–2100), a day of a month (24 February, February 24), an
  identifier (Article 157, resolution 68/262, ES-11/4, F-16, paragraph 14, No. 33) or a numbered reference
  (chapter 13).

Whole numbers up to 12 are small counts and may be typed ("three sides", "2 actors", "period 1").

Maths (``$…$``, ``$$…$$``): formula constants are fine (1 − p, 2, ½, 0 and 1 as corners, exponents,
subscripts). A decimal (``p = 0.6``) or a whole number above 12 (``N = 100``) in maths is a model quantity and
is flagged like prose.

Words for numbers ("three", "a half") are not detected: they are allowed for small counts and the rule relies on
review for the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PROSE_DIRECTIVES = {"admonition", "note", "tip", "warning", "important", "dropdown", "seealso", "only", "hint",
                    "caution", "attention", "danger", "error", "epigraph", "sidebar", "margin", "topic", "aside",
                    "div", "card", "tab-item"}
MATH_DIRECTIVES = {"math"}
SMALL = 12

_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?.*?$\n(?P<body>.*?)^(?P=fence)\s*$",
                    re.M | re.S)
_ROLE = re.compile(r"\{(?:glue(?::\w+)?|cite(?::\w+)?|download|numref|ref|doc|eq|prf:ref)\}`[^`]*`")
_TERM = re.compile(r"\{(?:term|abbr|sub|sup)\}`([^`]*)`")
_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|doi:\S+|<[^>\n]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)

_NUMBER = re.compile(
    r"(?P<cur>(?:US\$|US\\\$|\\\$|[€£¥₴₽]|USD\s|EUR\s)\s?)?"
    r"(?<![\w/\-.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?![\w/]|\.\d|-\d)"
    r"(?P<unit>\s?%|\s(?:per\s?cent|percent|percentage points?|pp)\b)?")
_MAGNITUDE = re.compile(
    r"^\s*(?:-\s*)?(?:million|billion|trillion|thousand|hundred|bn|m\b|k\b|km|kilomet(?:re|er)s?|miles?|"
    r"square|sq|km²|hectares?|tonnes?|tons?|barrels?|bcm|cubic|GW|MW|TWh|kWh|dollars?|euros?|pounds?|"
    r"roubles?|rubles?|hryvnias?|USD|EUR|per\s?cent|percent)\b", re.I)
_REFERENCE = re.compile(
    r"(?:\b(?:figures?|fig\.|tables?|examples?|exercises?|sections?|chapters?|objectives?|questions?|parts?|"
    r"equations?|eq\.|steps?|periods?|rounds?|stages?|cases?|lines?|rows?|columns?|panels?)\s+"
    r"(?:\d+(?:\.\d+)*[a-z]?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*[–-]\s*|\s+to\s+))*)$", re.I)
_IDENTIFIER = re.compile(
    r"(?:\b(?:articles?|art\.|resolutions?|res\.|paragraphs?|para\.|paras\.|§|clauses?|protocols?|no\.|nos\.|"
    r"numbers?|laws?|decrees?|directives?|regulations?|conventions?|sessions?|codes?|items?|points?|"
    r"annex(?:es)?|page|pages|pp?\.|vol\.|volume|issue|ES|A/RES|S/RES|S/PV)\s*"
    r"(?:\d+(?:[./]\d+)*[a-z]?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*[–-]\s*))*)$", re.I)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_AFTER = re.compile(rf"^\s+(?:{_MONTHS})\b", re.I)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$", re.I)
_YEAR_BEFORE = re.compile(r"\b(?:1\d|20)\d\d\s*[–-]\s*$")
_HEADING_NUMBER = re.compile(r"^\s*#+\s*\d+(?:\.\d+)*\.?")
_SUBSCRIPT = re.compile(r"[_^](?:\{[^{}]*\}|\\?\w)")
_MATH_NUMBER = re.compile(r"(?<![\w.])\d*\.\d+|(?<![\w.])\d+")


@dataclass(frozen=True)
class Finding:
    number: str
    sentence: str
    where: str  # "prose" or "maths"

    def describe(self, chapter: int) -> str:
        return (f"chapter {chapter}: {self.number!r} typed in {self.where} in: «{self.sentence}» — glue it: "
                f"compute it in the first cell (glue(\"ch{chapter}_…\", value, display=False)) and write "
                f"{{glue:text}}`ch{chapter}_…` (format spec such as :.2f) in its place")


def prose_blocks(markdown: str) -> list[str]:
    """The prose of one markdown cell: text outside fences plus the bodies of prose directives."""
    markdown = _COMMENT.sub(" ", markdown)
    out: list[str] = []
    pos = 0
    for m in _FENCE.finditer(markdown):
        out.append(markdown[pos:m.start()])
        name = (m.group("name") or "").split(":")[0]
        body = m.group("body")
        if name in PROSE_DIRECTIVES:
            lines = body.splitlines()
            # directive options (":class: tip") lead the body; the admonition title is on the fence line
            out.append("\n".join(line for line in lines if not re.match(r"^:[\w-]+:", line)))
        elif name in MATH_DIRECTIVES:
            out.append(f"$${body}$$")
        pos = m.end()
    out.append(markdown[pos:])
    head_titles = [m.group(0) for m in re.finditer(r"^(?:`{3,}|:{3,})\{(?:admonition|dropdown)\}[^\n]*", markdown,
                                                   re.M)]
    out.extend(re.sub(r"^(?:`{3,}|:{3,})\{\w+\}\s*", "", t) + "." for t in head_titles)
    return [b for b in out if b.strip()]


def sentences(text: str) -> list[str]:
    """Split prose into sentences (paragraphs first; a full stop followed by a space and a capital or markup)."""
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        # protect maths from the sentence splitter
        out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*_({\[$“\"])", para) if s.strip())
    return out


def _clean(sentence: str) -> str:
    s = _HEADING_NUMBER.sub(" ", sentence)  # "# 13. Stalemate": the chapter's number
    s = _ROLE.sub(" ", s)
    s = _TERM.sub(r"\1", s)
    s = _CODE.sub(" ", s)
    s = _LINK_TARGET.sub("]", s)
    s = _URL.sub(" ", s)
    return s


def _math_findings(math: str) -> list[str]:
    m = re.sub(r"\\(?:text|mathrm|operatorname|label)\{[^{}]*\}", " ", math)
    m = _SUBSCRIPT.sub(" ", m)
    found = []
    for tok in _MATH_NUMBER.findall(m):
        if "." in tok:
            found.append(tok)
        elif int(tok) > SMALL:
            found.append(tok)
    return found


def _prose_findings(text: str) -> list[str]:
    found = []
    for m in _NUMBER.finditer(text):
        num, cur, unit = m.group("num"), m.group("cur"), m.group("unit")
        before, after = text[:m.start("num")], text[m.end():]
        if _REFERENCE.search(before) or _IDENTIFIER.search(before):
            continue
        if cur or unit or _MAGNITUDE.match(after):
            found.append(m.group(0).strip())
            continue
        if "." in num:
            found.append(num)
            continue
        value = int(num.replace(",", ""))
        if value <= SMALL:
            continue
        if len(num) == 4 and 1000 <= value <= 2100:
            continue  # a year
        if len(num) == 2 and _YEAR_BEFORE.search(before):
            continue  # the end of a range of years (2022–24)
        if value <= 31 and (_MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before)):
            continue  # a day of a month
        found.append(num)
    return found


def find_typed_numbers(markdown: str) -> list[Finding]:
    """Every number typed by hand in one markdown cell that should be glued."""
    findings = []
    for block in prose_blocks(markdown):
        for sentence in sentences(block):
            cleaned = _clean(sentence)
            maths = [*_DISPLAY_MATH.findall(cleaned)]
            cleaned = _DISPLAY_MATH.sub(" ", cleaned)
            maths += _INLINE_MATH.findall(cleaned)
            cleaned = _INLINE_MATH.sub(" ", cleaned)
            shown = sentence if len(sentence) <= 300 else sentence[:297] + "…"
            findings += [Finding(n, shown, "maths") for math in maths for n in _math_findings(math)]
            findings += [Finding(n, shown, "prose") for n in _prose_findings(cleaned)]
    return findings


def chapter_findings(path: Path) -> list[Finding]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [f for cell in nb.cells if cell.cell_type == "markdown" for f in find_typed_numbers(cell.source)]
