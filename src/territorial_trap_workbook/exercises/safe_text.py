"""Text chosen by students (folder and file names, answers, error messages) made safe to show and to export.

* terminal: control and format characters (ANSI escapes, carriage returns, bidirectional overrides) are shown
  as visible escapes such as ``\\x1b``, so a name cannot recolour, hide or rewrite the teacher's terminal;
* CSV: besides that, a cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading apostrophe, so ``=HYPERLINK(...)`` stays text.
"""
from __future__ import annotations

import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: object) -> str:
    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def for_csv(text: object) -> str:
    raw = str(text)
    if raw.startswith(FORMULA_STARTS) and not _is_number(raw):
        raw = "'" + raw
    return for_terminal(raw)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
