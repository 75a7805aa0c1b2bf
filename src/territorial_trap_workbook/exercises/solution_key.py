"""Expected values, computed by running the solution notebooks.

``solution_key(path)`` runs a solution notebook without its check cells, takes every part's answer variable out
of the kernel as plain data (``extract``) and returns ``{part: (Part, expected)}``. It refuses a solution that
raises, leaves an answer undefined, or whose own answers would not be judged right — an author's mistake is
caught before any student sees it. ``workbook check`` calls it on the teacher's solutions for every grading run;
``workbook exercises`` calls it (through ``write_key``) to write the practice key (``answer_key``). Each
notebook's key entry records a hash of what its values depend on (its cells and parts, and the package's
models), so unchanged notebooks are not run again.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from .answer_key import FORMAT, KEY_FILE, read_key_file, render_key
from .extract import Missing, WrongType, new_nonce, read_answers
from .parts import Part, PartsError, read_parts
from .sandbox import Limits, run_notebook

PACKAGE = Path(__file__).resolve().parents[1]
_INPUTS = ("models", "data", "params.py")  # what the solutions' values are computed from


class SolutionError(ValueError):
    """A solution notebook cannot give expected values (it raises, or an answer is missing or unusable)."""


@lru_cache(maxsize=1)
def _package_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if path.suffix in (".py", ".csv") and rel.parts[0] in _INPUTS:
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def inputs_hash(nb: Any) -> str:
    """What a notebook's expected values depend on: its cells' sources, its parts and the package's models."""
    cells = [[c.get("cell_type"), "".join(c.get("source", "")),
              ((c.get("metadata") or {}).get("workbook") or {}).get("parts")] for c in nb.get("cells", [])]
    blob = json.dumps([cells, _package_hash()], sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def solution_key(path: Path, *, timeout: float = 120) -> dict[str, tuple[Part, Any]]:
    """Run a solution notebook (its check cells left out) and return every part with its expected value."""
    from .feedback import judge

    path = Path(path)
    try:
        nb = nbformat.read(str(path), as_version=4)
        parts = read_parts(nb, str(path))
    except PartsError:
        raise
    except Exception as exc:
        raise SolutionError(f"{path}: cannot read the solution notebook ({type(exc).__name__}: {exc})") from None
    names = [p.answer for p in parts.parts]
    nonce = new_nonce()
    result = run_notebook(nb, names, nonce, limits=Limits(cell_timeout=timeout), sandboxed=False,
                          skip=sorted(parts.check_cells.values()), cwd=path.parent.resolve())
    if result["run"] != "ok":
        errors = "; ".join(result["cell_errors"][:3])
        raise SolutionError(f"{path}: the solution did not run cleanly ({result['run']}: "
                            f"{result['detail'] or errors})")
    answers = read_answers(result["extraction"], nonce, names)
    if answers is None:
        raise SolutionError(f"{path}: the solution's answers could not be read")
    key: dict[str, tuple[Part, Any]] = {}
    for part in parts.parts:
        value = answers[part.answer]
        if isinstance(value, (Missing, WrongType)) or value is None:
            what = "not defined" if isinstance(value, Missing) else (
                value.description if isinstance(value, WrongType) else "None")
            raise SolutionError(f"{path}: part {part.part}: {part.answer} is {what}, not plain data")
        try:
            fb = judge(value, part, value)
        except ValueError as exc:
            raise SolutionError(f"{path}: part {part.part}: {exc}") from None
        if fb.status != "right":
            raise SolutionError(f"{path}: part {part.part}: the solution's own answer is judged {fb.status}")
        key[part.part] = (part, value)
    return key


def solution_keys(paths: list[Path], *, jobs: int = 2, timeout: float = 120) -> dict[Path, dict]:
    """``solution_key`` for several notebooks, ``jobs`` at a time."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {p: pool.submit(solution_key, p, timeout=timeout) for p in paths}
        return {p: f.result() for p, f in futures.items()}


# ------------------------------------------------------------------------------------ the packaged key
def _entry(key: dict[str, tuple[Part, Any]], inputs: str) -> dict[str, Any]:
    return {"inputs": inputs, "parts": [{**part.to_spec(), "expected": value} for part, value in key.values()]}


def build_key(solutions: list[Path], previous: dict[str, Any] | None = None, *, jobs: int = 2) -> dict[str, Any]:
    """The key document for these solution notebooks, reusing entries whose inputs did not change."""
    old = (previous or {}).get("notebooks", {}) if (previous or {}).get("format") == FORMAT else {}
    entries: dict[str, Any] = {}
    stale: dict[Path, str] = {}
    for path in solutions:
        inputs = inputs_hash(nbformat.read(str(path), as_version=4))
        if old.get(path.name, {}).get("inputs") == inputs:
            entries[path.name] = old[path.name]
        else:
            stale[path] = inputs
    for path, key in solution_keys(list(stale), jobs=jobs).items():
        entries[path.name] = _entry(key, stale[path])
    return {"format": FORMAT, "notebooks": {name: entries[name] for name in sorted(entries)}}


def write_key(solutions_dir: Path, path: Path = KEY_FILE, *, jobs: int = 2) -> bool:
    """Bring the key file up to date with ``solutions_dir``; True if its text changed."""
    from .generator import notebooks_in

    doc = build_key(notebooks_in(Path(solutions_dir)), read_key_file(path), jobs=jobs)
    text = render_key(doc)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def stale_notebooks(solutions_dir: Path, path: Path = KEY_FILE) -> list[str]:
    """Solution notebooks whose key entry is missing or was computed from other inputs (nothing is run)."""
    from .generator import notebooks_in

    doc = read_key_file(path) or {}
    entries = doc.get("notebooks", {}) if doc.get("format") == FORMAT else {}
    sols = notebooks_in(Path(solutions_dir))
    out = [p.name for p in sols
           if entries.get(p.name, {}).get("inputs") != inputs_hash(nbformat.read(str(p), as_version=4))]
    return out + sorted(set(entries) - {p.name for p in sols})


