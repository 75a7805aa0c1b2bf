"""Take answers out of a kernel as plain data, and read them back in the grading process.

The grader appends one cell to the notebook it runs (``extraction_cell``). That cell prints a single line: a
fresh nonce followed by JSON ``{"answer_10_1a": {"value": 0.4}, "answer_10_1b": {"missing": true}, ...}``.
Inside the kernel only exact built-in or numpy types are converted (``int``, ``float``, ``str``, ``bool``,
``None``, numpy numbers and booleans, lists, tuples and 1-d numpy arrays of these); anything else — a
subclass of ``float`` or ``str`` included — is sent as ``{"wrong_type": "<type name>"}``, so no method the
student wrote runs while the answer is read.

The kernel is the student's: they can forge that line. Forging only replaces their own answers, and the
grading process trusts nothing in it but plain data: ``read_answers`` re-validates every value
(``plain``), caps sizes and falls back to "missing" for anything malformed. Right or wrong is then decided in
the grading process against expected values it computed itself.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

MAX_ITEMS = 10_000  # a list longer than this is not an answer to any exercise here
MAX_TEXT = 2_000
MAX_LINE = 5_000_000


@dataclass(frozen=True)
class Missing:
    """The answer variable is not defined in the kernel."""


@dataclass(frozen=True)
class WrongType:
    """The answer is not plain data; ``description`` names its type (student-chosen text: print it safely)."""

    description: str


def new_nonce() -> str:
    return "WORKBOOK-ANSWERS-" + secrets.token_hex(16) + ":"


_CELL = r'''
def _workbook_extract(names, nonce):
    import json as _json, sys as _sys
    np = _sys.modules.get("numpy")
    plain_types = (bool, int, float, str, type(None))

    def convert(v, depth):
        t = type(v)
        if t in plain_types:
            return v if t is not str or len(v) <= %(max_text)d else {"wrong_type": "a very long string"}
        if np is not None and t in (np.float64, np.float32, np.float16, np.int64, np.int32, np.int16, np.int8,
                                    np.uint64, np.uint32, np.uint16, np.uint8, np.bool_):
            return v.item()
        if np is not None and t is np.ndarray and v.ndim <= 1 and v.dtype.kind in "biuf" and v.size <= %(max_items)d:
            return v.item() if v.ndim == 0 else [convert(x, depth + 1) for x in v.tolist()]
        if t in (list, tuple) and depth < 3 and len(v) <= %(max_items)d:
            return [convert(x, depth + 1) for x in v]
        return {"wrong_type": "a value of type " + str(t.__name__)[:60]}

    g = get_ipython().user_ns
    out = {}
    for n in names:
        if n not in g:
            out[n] = {"missing": True}
            continue
        try:
            c = convert(g[n], 0)
        except Exception:
            c = {"wrong_type": "a value that could not be read"}
        out[n] = c if isinstance(c, dict) else {"value": c}
    print(nonce + _json.dumps(out))
_workbook_extract(%(names)r, %(nonce)r)
del _workbook_extract
'''


def extraction_cell(names: list[str], nonce: str) -> str:
    """The source of the cell the grader appends to a notebook it runs."""
    return _CELL % {"names": list(names), "nonce": nonce, "max_items": MAX_ITEMS, "max_text": MAX_TEXT}


def plain(value: Any, depth: int = 0) -> bool:
    """Is ``value`` (decoded from JSON) plain data an answer may be?"""
    if value is None or type(value) in (bool, int, str):
        return type(value) is not str or len(value) <= MAX_TEXT
    if type(value) is float:
        return True  # NaN and infinities are judged "not finite", not refused here
    if type(value) is list and depth < 3 and len(value) <= MAX_ITEMS:
        return all(plain(v, depth + 1) for v in value)
    return False


def read_answers(text: str, nonce: str, names: list[str]) -> dict[str, Any] | None:
    """Answers by name from the extraction cell's output, or None when no well-formed line is there."""
    for line in text.splitlines():
        if not line.startswith(nonce) or len(line) > MAX_LINE:
            continue
        try:
            data = json.loads(line[len(nonce):])
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        return {n: _one(data.get(n)) for n in names}
    return None


def _one(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return Missing()
    if "value" in entry:
        v = entry["value"]
        if plain(v):
            return v
        return WrongType("a value that is not plain data")
    if isinstance(entry.get("wrong_type"), str):
        return WrongType(entry["wrong_type"][:80])
    return Missing()
