"""book/references.bib is one file that every chapter helper appends to; a merge that drops a closing brace makes
the whole book fail to build. Checked here in a second, without a build."""
from __future__ import annotations

import re

from pybtex.database import parse_string

from territorial_trap_workbook.book.build import PROJECT_ROOT

BIB = PROJECT_ROOT / "book" / "references.bib"


def test_every_entry_parses_on_its_own():
    text = BIB.read_text(encoding="utf8")
    starts = [m.start() for m in re.finditer(r"^@\w+\{", text, re.M)]
    assert starts, "no entries"
    for begin, end in zip(starts, [*starts[1:], len(text)]):
        chunk = text[begin:end]
        assert chunk.rstrip().endswith("}"), f"entry not closed before the next one: {chunk[:60]!r}"
        assert len(parse_string(chunk, "bibtex").entries) == 1, chunk[:60]


def test_keys_are_unique():
    keys = re.findall(r"^@\w+\{([^,]+),", BIB.read_text(encoding="utf8"), re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
