"""The answer key installed with the package, for practice feedback in the students' kernels.

``workbook exercises`` writes ``answer_key.json`` next to this module from the solution notebooks (see
``solution_key``); the students' ``check("10.1a", answer_10_1a)`` cells read it through ``lookup``. It ships with
the package, so a student who looks can find it: it is for practice only, and grades never use it.
``WORKBOOK_ANSWER_KEY=/path/key.json`` makes ``lookup`` read another key (authors previewing a chapter, tests).

Reading the key needs only ``json``: a check cell must answer at once, in any kernel.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .parts import Part

KEY_FILE = Path(__file__).with_name("answer_key.json")
KEY_ENV = "WORKBOOK_ANSWER_KEY"
FORMAT = 1


def render_key(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_key_file(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --------------------------------------------------------------------------------------------- lookup
@lru_cache(maxsize=4)
def _index(path: str) -> dict[str, tuple[Part, Any]]:
    doc = read_key_file(Path(path))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"the answer key {path} is missing or not a workbook answer key; "
                         "run `workbook exercises` to write it")
    index: dict[str, tuple[Part, Any]] = {}
    for entry in doc.get("notebooks", {}).values():
        for spec in entry.get("parts", []):
            spec = dict(spec)
            expected = spec.pop("expected")
            part = Part.from_spec(spec, path)
            index[part.part] = (part, expected)
    return index


def lookup(part: Any) -> tuple[Part, Any]:
    """The part's specification and expected value from the installed key (or ``WORKBOOK_ANSWER_KEY``)."""
    path = os.environ.get(KEY_ENV) or str(KEY_FILE)
    index = _index(path)
    if not isinstance(part, str) or part not in index:
        known = ", ".join(sorted(index)[:6])
        raise ValueError(f"unknown exercise part {part!r} in the answer key {path} (known parts: {known}, ...)")
    return index[part]
