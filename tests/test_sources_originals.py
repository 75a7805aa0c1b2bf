"""Each source row names the original publisher's document well enough for a reader to find it.

The rule (issue 11, round-2 decisions "Evidence"): the *source* is the original publisher's document, named by
an identifier (UN symbol, DOI, report number, law number) or its address on the publisher's own site; the copy
actually read is recorded separately. A mirror, re-publisher or document-sharing site may be the copy read
(labelled as such), never the original.

Rows that do not meet it yet are listed in ``ORIGINAL_PENDING`` and ``ORIGINAL_ON_RELAY``: their tests are strict
xfails, so a row that gets fixed turns its test red until its id is removed (the lists can only shrink). Never add
an id: fix the row instead (read the publisher's page through the `search` tool, or record the identifier).
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from territorial_trap_workbook.data import sources

# Re-publishers, mirrors, aggregators and document-sharing sites seen in this project's copies read. Honest as a
# copy read (when the row says what it is); never the original's address.
RELAY_DOMAINS = frozenset({
    "askwikinow.com", "review.clateway.com", "eurasiagulf.org", "menafn.com", "devdiscourse.com",
    "breakinglatest.news", "insiderpaper.com", "studylib.net", "vdocuments.site", "thefreelibrary.com",
    "paperzz.com", "docslib.org", "latestly.com", "myc.news", "euglobal.news", "english-tools.ganp.jp",
    "before-war-after.com", "marketscreener.com", "christianindex.org", "essanews.com", "9colonne.it",
    "digitalscoopindia.com", "diplomaticdictionary.com", "news.yahoo.com",
})

# Rows whose original has neither identifier nor address today (2026-12-02).
ORIGINAL_PENDING = frozenset({
    "afp_isw_2025",
    "newtimes_unga_2022",
    "uaposition_2022", "ap_unga_2022", "cnn_us_framework_2025",
    "us_28_point_2025",
})

# Rows whose original's address is a relay's page today.
ORIGINAL_ON_RELAY = frozenset({"devdiscourse_fop", "riotimes_fop"})


def _domain(address: str) -> str:
    host = urlparse(address).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def on_relay(address: str) -> bool:
    host = _domain(address)
    return any(host == d or host.endswith("." + d) for d in RELAY_DOMAINS)


ROWS = sources().fillna("").to_dict("records")


def _params(pending: frozenset[str], rule: str) -> list:
    unknown = pending - {r["source_id"] for r in ROWS}
    assert not unknown, f"{sorted(unknown)} are listed as pending {rule} but are not in sources.csv: remove them"
    return [pytest.param(r, id=r["source_id"], marks=pytest.mark.xfail(
        strict=True, reason=f"{r['source_id']} is pending ({rule}); remove it from the list once fixed"))
        if r["source_id"] in pending else pytest.param(r, id=r["source_id"]) for r in ROWS]


@pytest.mark.parametrize("row", _params(ORIGINAL_PENDING, "original named"))
def test_original_is_named_by_identifier_or_address(row):
    assert row["identifier"].strip() or row["url"].strip(), (
        f"source {row['source_id']} ({row['publisher']}, {row['title']!r}): give the original's identifier (UN "
        "symbol, DOI, report or law number) or its address on the publisher's own site; the copy read stays in "
        "copy_read/copy_url")


@pytest.mark.parametrize("row", _params(ORIGINAL_ON_RELAY, "original not on a relay"))
def test_original_address_is_not_a_relay(row):
    assert not on_relay(row["url"]), (
        f"source {row['source_id']}: its original's address {row['url']} is a re-publisher or mirror; put the "
        "publisher's own address in url and this one in copy_url")


@pytest.mark.parametrize("row", [r for r in ROWS if on_relay(r["copy_url"])], ids=lambda r: r["source_id"])
def test_a_copy_read_on_a_relay_says_so(row):
    words = (row["copy_read"] + " " + row["accessed"]).lower()
    assert any(w in words for w in ("mirror", "relay", "republish", "re-publish", "reproduc", "document-sharing",
                                    "quoted by", "quoting", "as quoted", "copy of", "reprint", "summary",
                                    "not reachable")), (
        f"source {row['source_id']}: the copy read is on {_domain(row['copy_url'])}, a re-publisher: say so in "
        "copy_read or accessed (e.g. 'a mirror of …; the original was not reachable from here')")


@pytest.mark.parametrize("address, relay", [
    ("https://menafn.com/1108726615/x", True), ("https://www.breakinglatest.news/a", True),
    ("https://review.clateway.com/wiki/x", True), ("https://www.reuters.com/world/x", False),
    ("https://www.un.org/press/en/2014/ga11493.doc.htm", False), ("", False),
])
def test_relay_detector(address, relay):
    assert on_relay(address) is relay
