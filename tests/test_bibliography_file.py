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


def test_pybtex_looks_each_plugin_up_once_and_still_finds_it(monkeypatch):
    """The book's build registers ``bib_style`` and lets pybtex remember its entry-point lookups (each reads the
    metadata of every installed distribution; ~320 per build): the same lookup reaches importlib.metadata once,
    and both installed plugins and the one registered at run time are still found."""
    import importlib.metadata

    import pybtex.plugin
    from pybtex.plugin import find_plugin
    from pybtex.style.formatting.plain import Style as Plain

    from territorial_trap_workbook.book import bib_style

    asked = []

    def counting(**selection):
        asked.append(selection)
        return importlib.metadata.entry_points(**selection)

    monkeypatch.setattr(pybtex.plugin, "entry_points", counting)
    bib_style.register()
    assert find_plugin("pybtex.style.formatting", "plain") is Plain
    assert find_plugin("pybtex.style.formatting", "plain") is Plain
    assert find_plugin("pybtex.style.formatting", bib_style.NAME) is bib_style.WorkbookStyle
    assert asked.count({"group": "pybtex.style.formatting", "name": "plain"}) == 1, asked
