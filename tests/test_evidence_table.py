"""The evidence table as a reader sees it (``evidence_table_html``): sources as named links, proper names
capitalised, no internal ids, a box that scrolls sideways on a phone, and careless or hostile input refused."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from territorial_trap_workbook.data import (
    TABLES, DataError, evidence, evidence_table_html, load, table_for_chapter, us_share_of_allocations,
)
from territorial_trap_workbook.data.labels import MEASURE_LABELS
from test_data import _edit, folder  # noqa: F401  (the writable copy of the shipped CSVs)

# Names a reader expects capitalised; each is searched for in lower case as a whole word.
PROPER_NAMES = ("russia", "russian", "ukraine", "ukrainian", "europe", "european", "crimea", "crimean", "kremlin",
                "nato", "gdp", "kakhovka", "donetsk", "luhansk", "kherson", "zaporizhzhia", "donbas", "putin",
                "china", "brazil", "kiel", "sipri", "january", "february", "jan", "feb")
SOURCE_ID = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")  # how source ids are spelt (kiel_2024_02)


class _Page(HTMLParser):
    """Visible text and links of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.outside_links: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self.attrs_of: dict[str, list[dict]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attrs_of.setdefault(tag, []).append(dict(attrs))
        if tag == "a":
            self._href, self._link_text = dict(attrs).get("href", ""), []

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append((self._href, "".join(self._link_text)))
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)
        else:
            self.outside_links.append(data)


def _problems(html: str) -> list[str]:
    page = _Page(html)
    text = " ".join(page.text)
    found = []
    for href, label in page.links:
        if not href.startswith(("http://", "https://")):
            found.append(f"link to {href!r}")
        if re.search(r"https?://|www\.", label) or label.strip() == href:
            found.append(f"bare address as link text: {label!r}")
    if re.search(r"https?://|www\.", " ".join(page.outside_links)):
        found.append("an address printed as text")
    for name in PROPER_NAMES:
        for m in re.finditer(rf"\b{name}\b", text):
            found.append(f"lower-case {name!r}: …{text[max(0, m.start() - 30):m.end() + 10]}…")
    found += [f"source id {sid!r} shown to readers" for sid in SOURCE_ID.findall(text)]
    return found


@pytest.mark.parametrize("chapter", range(1, 14))
def test_chapter_table_names_its_sources_and_capitalises_names(chapter):
    html = evidence_table_html(chapter)
    assert _problems(html) == []
    page = _Page(html)
    rows = len(page.attrs_of.get("tr", [])) - 1
    assert rows > 0 and len(page.links) >= rows, "every row's source is a link"


def test_capstone_frame_from_evidence_renders_too():
    frame = pd.concat([evidence("documents", topic="legal"), evidence("control", entity="Ukraine")], ignore_index=True)
    assert _problems(evidence_table_html(frame)) == []


def test_the_table_scrolls_sideways_in_a_focusable_labelled_box():
    page = _Page(evidence_table_html(1))
    box = next(a for a in page.attrs_of["div"] if a.get("class") == "workbook-evidence-scroll")
    assert box["role"] == "region" and box["tabindex"] == "0" and box["aria-label"]
    assert "overflow-x:auto" in box["style"]
    headers = [a.get("scope") for a in page.attrs_of["th"]]
    assert headers and set(headers) == {"col"}


def test_a_source_id_in_a_note_becomes_a_link_named_by_its_publisher():
    html = evidence_table_html(5)  # the canal rows' notes name tass_canal_2022
    assert "tass_canal_2022" not in html
    assert re.search(r'\(<a href="https://tass\.com/[^"]+">TASS</a>\)', html)


def test_the_checker_itself_catches_each_defect():
    """The problems the table had before: each must be reported."""
    assert _problems('<td><a href="https://x.org/a">https://x.org/a</a></td>')
    assert _problems("<td>Donetsk: russian held share of area</td>")
    assert _problems("<td>see https://x.org/a</td>")
    assert _problems("<td>per saba_sipri_2025</td>")


def test_every_measure_has_a_reader_facing_label():
    measures = set(us_share_of_allocations()["measure"])
    for name, layout in TABLES.items():
        if "measure" in layout.columns:
            measures |= set(load(name)["measure"])
    assert sorted(measures - set(MEASURE_LABELS)) == []
    for label in MEASURE_LABELS.values():
        assert "_" not in label and not _problems(f"<td>{label}</td>"), label


# --- careless and hostile input ------------------------------------------------------------------------
def test_a_measure_without_a_label_is_named_with_where_labels_live(folder):  # noqa: F811
    _edit(folder, "control", 1, measure="brand_new_measure")
    with pytest.raises(DataError, match=r"control\.csv: measure 'brand_new_measure' has no reader-facing label.*labels\.py"):
        evidence_table_html(1, folder=folder)


def test_markup_in_the_data_is_shown_as_text_not_run(folder):  # noqa: F811
    _edit(folder, "control", 1, note='<script>alert(1)</script> & "quoted"')
    html = evidence_table_html(1, folder=folder)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html


@pytest.mark.parametrize("bad", ["1", 1.0, True, None, [1]])
def test_anything_but_a_chapter_or_a_frame_is_refused(bad):
    with pytest.raises(TypeError, match="chapter number or an evidence frame"):
        evidence_table_html(bad)


def test_unknown_chapter_and_a_frame_without_the_columns_are_refused():
    with pytest.raises(KeyError, match="no chapter 99"):
        evidence_table_html(99)
    with pytest.raises(ValueError, match=r"not an evidence frame: columns \['Address'"):
        evidence_table_html(evidence("control").drop(columns=["Address"]))


def test_the_copy_read_is_shown_beside_the_original(folder):  # noqa: F811
    """A source read through a copy names the original (with its identifier) and, apart, the copy read."""
    ids = [line.split(",", 1)[0] for line in (folder / "sources.csv").read_text(encoding="utf-8").splitlines()]
    row = ids.index("ukrcensus_zap")  # a source chapter 1's table shows (the header is line 0, data rows from 1)
    _edit(folder, "sources", row, identifier="doc. 123", copy_read="a library copy", copy_url="https://copy.example/1")
    html = evidence_table_html(table_for_chapter(1, folder), folder)
    assert "doc. 123" in html
    assert re.search(r'<br>Copy read: <a href="https://copy\.example/1">a library copy</a>', html)
    assert _problems(html) == []


def test_show_evidence_stores_a_reference_and_shows_the_table_live():
    """The stored bundle is the chapter number and a plain-text line; the live view (a widget, dropped by
    ``workbook execute``) holds the same table the book renders."""
    from territorial_trap_workbook.explorers.evidence import EVIDENCE_MIME, WIDGET_MIME, evidence_bundle

    bundle = evidence_bundle(3)
    assert bundle[EVIDENCE_MIME] == {"chapter": 3}
    assert "chapter 3" in bundle["text/plain"] and "<" not in bundle["text/plain"]
    assert WIDGET_MIME in bundle
    assert set(evidence_bundle(3, live=False)) == {EVIDENCE_MIME, "text/plain"}


@pytest.mark.parametrize("bad", [0, 99, "3", 3.0, True, None])
def test_show_evidence_names_what_it_takes(bad):
    from territorial_trap_workbook.explorers.evidence import evidence_bundle

    with pytest.raises(ValueError, match="show_evidence takes a chapter number"):
        evidence_bundle(bad, live=False)


@pytest.mark.parametrize("ref", [{"chapter": 99}, {"chapter": "3"}, {}, "[]"])
def test_the_book_warns_on_a_reference_to_no_table(ref):
    """A warning fails the book's build (``-W``): a notebook naming no real table is caught, not shown empty."""
    from territorial_trap_workbook.book.evidence_mime import evidence_html

    class Logger:
        warnings: list[str] = []

        def warning(self, message, **_):
            self.warnings.append(message)

    class Renderer:
        logger = Logger()

    assert "Missing evidence table" in evidence_html(ref, Renderer())
    assert Renderer.logger.warnings and "evidence table" in Renderer.logger.warnings[-1]
    assert evidence_html({"chapter": 5}, Renderer()) == evidence_table_html(5)


def test_chapter_2_dates_its_control_claim_at_the_annexation():
    """Chapter 2 says none of the four regions was wholly under Russian control when they were written into Russian
    law (review r9, defect 3): its own table must hold a control row dated at the treaties (30 Sep 2022), not rely on
    chapter 1's later control data."""
    from territorial_trap_workbook.data import table_for_chapter

    table = table_for_chapter(2)
    rows = table[table["Item"].str.contains("Institute for the Study of War", regex=False)]
    assert len(rows) == 1, "chapter 2's table should hold ISW's assessment of 30 September 2022"
    assert str(rows.iloc[0]["Refers to"]) == "2022-09-30"
    assert "none of the four claimed regions was wholly under Russian control" in rows.iloc[0]["Item"]
