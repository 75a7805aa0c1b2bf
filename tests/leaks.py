"""Finding solution text where it must not be: the texts to look for, and a word-run index to look in.

``solution_texts`` lists what a graded class must never see, from every solution notebook: each solution
region (code and markdown, between the nbgrader markers) and each rubric cell. ``WordRuns`` indexes the words
of a body of text (built pages, notebooks, a wheel) so that a text is "found" when a run of ``RUN`` of its
words occurs there in order. Words are lower-case letters and digits only, so HTML, maths markup (``$\\tau$``
and ``\\(\\tau\\)``) and line breaks do not hide a copy. Twelve words: long enough that a hint or a chapter
sentence sharing a phrase with a model answer is not mistaken for it (eight were: "the chance depends on
Ukraine's effort only through ..." is both a hint and part of a model answer), short enough that a copy that
lost a role or a citation on the way is still found. A text shorter than that is looked for whole.

A model answer may share a sentence with its chapter (measured on the student edition: at most 12 % of a model
answer's runs occur in the built book). A text counts as *leaked* when at least ``LEAK_SHARE`` of its runs
occur: a copied cell or region is found whole (100 %), a shared sentence is not.
"""
from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path

import nbformat

from territorial_trap_workbook.exercises.markers import BEGIN_SOLUTION, END_SOLUTION

RUN = 12
LEAK_SHARE = 0.25
WORD = re.compile(r"[a-z0-9]+")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _regions(source: str) -> list[str]:
    out, region = [], None
    for line in source.split("\n"):
        if line.strip() == BEGIN_SOLUTION:
            region = []
        elif line.strip() == END_SOLUTION and region is not None:
            out.append("\n".join(region))
            region = None
        elif region is not None:
            region.append(line)
    return out


def solution_texts(solutions: Path) -> list[tuple[str, str]]:
    """``(label, text)`` for every solution region and rubric cell of the solution notebooks."""
    found = []
    for path in sorted(Path(solutions).glob("*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        for i, cell in enumerate(nb.cells):
            src = cell.source
            if "rubric" in cell.metadata.get("tags", []):
                found.append((f"{path.name} cell {i} (rubric)", src))
            for region in _regions(src):
                if len(words(region)) >= 3:  # `answer = False` alone says nothing
                    found.append((f"{path.name} cell {i} ({cell.cell_type} solution)", region))
    return found


class WordRuns:
    """The word runs of a body of text, to ask whether a text occurs in it."""

    def __init__(self) -> None:
        self._runs: set[int] = set()
        self._joined: list[str] = []

    def add(self, text: str) -> None:
        w = words(text)
        self._joined.append(" ".join(w))
        self._runs.update(hash(tuple(w[i:i + RUN])) for i in range(len(w) - RUN + 1))

    def share(self, text: str) -> float:
        """The fraction of ``text``'s runs that occur in the body (a short text: 1 if found whole, else 0)."""
        w = words(text)
        if len(w) < RUN:
            return 1.0 if self.found(text) else 0.0
        runs = [hash(tuple(w[i:i + RUN])) in self._runs for i in range(len(w) - RUN + 1)]
        return sum(runs) / len(runs)

    def leaked(self, text: str) -> bool:
        return self.share(text) >= LEAK_SHARE

    def found(self, text: str) -> str | None:
        """The first run of ``text`` that occurs in the body, or None."""
        w = words(text)
        if len(w) < RUN:
            whole = " ".join(w)
            return whole if any(f" {whole} " in f" {body} " for body in self._joined) else None
        for i in range(len(w) - RUN + 1):
            if hash(tuple(w[i:i + RUN])) in self._runs:
                return " ".join(w[i:i + RUN])
        return None


def page_text(markup: str) -> str:
    return html.unescape(TAGS.sub(" ", markup))


def _strings(value) -> list[str]:
    """Every string inside a JSON value (outputs and metadata hold text in nested mappings and lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def notebook_text(raw: str) -> str:
    """Every cell source, every output and all metadata of a notebook: a rubric could hide in any of them.
    Each cell's source is one text (a list of lines is joined); other strings are taken one by one."""
    nb = json.loads(raw)
    parts = _strings(nb.get("metadata", {}))
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        parts.append("".join(src) if isinstance(src, list) else src)
        parts += _strings(cell.get("metadata", {}))
        for out in cell.get("outputs", []):  # multi-line strings are stored as lists of lines: joined by "\n"
            parts += _strings(out.get("text", "")) + _strings(out.get("data", {}))
    return "\n".join(parts)


def site_corpus(site: Path) -> tuple[WordRuns, list[str]]:
    """Everything a reader can get from a built site: its pages' text, the page sources Sphinx offers
    (``_sources``), and every download — notebooks cell by cell, the wheel file by file. Returns the index
    and the list of files read."""
    runs, read = WordRuns(), []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            runs.add(page_text(path.read_text(encoding="utf8")))
        elif path.suffix == ".ipynb":
            runs.add(notebook_text(path.read_text(encoding="utf8")))
        elif path.suffix in (".md", ".txt") and rel.startswith("_sources/"):
            runs.add(path.read_text(encoding="utf8"))
        elif path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    if member.endswith((".py", ".json", ".csv", ".md", ".txt", ".js")):
                        runs.add(io.TextIOWrapper(wheel.open(member), encoding="utf8", errors="replace").read())
        else:
            continue
        read.append(rel)
    return runs, read
