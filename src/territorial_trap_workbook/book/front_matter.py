"""The facts on the book's title page -- authors, version, date -- from the files that own them.

The version is the package's ``__version__``; authors and release date come from the repository's
``CITATION.cff``, the file a reader's citation tool reads. ``workbook build`` hands them to MyST as
substitutions (``{{ version }}``, ``{{ release_date }}``, ``{{ authors }}``), so the title
page (``book/intro.md``) cannot drift from either. A ``CITATION.cff`` that disagrees with the package version
or with ``book/_config.yml``'s ``author`` stops the build with a message naming both values.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

CITATION_FILE = "CITATION.cff"


class FrontMatterError(ValueError):
    """CITATION.cff is missing a fact, or disagrees with the package or the book's configuration."""


def _authors(cff: dict[str, Any]) -> str:
    names = []
    for person in cff.get("authors") or []:
        if not isinstance(person, dict):
            continue
        name = person.get("name") or " ".join(p for p in (person.get("given-names"), person.get("family-names")) if p)
        if name:
            names.append(str(name))
    return ", ".join(names)


def citation_facts(project_root: Path, book_author: str | None = None) -> dict[str, str]:
    """``{version, release_date, authors}`` for the title page; ``{}`` when the project has no
    ``CITATION.cff`` (a bare test project, say). Raises :class:`FrontMatterError` on a disagreement."""
    from .. import __version__

    path = Path(project_root) / CITATION_FILE
    if not path.is_file():
        return {}
    try:
        cff = yaml.safe_load(path.read_text(encoding="utf8"))
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(cff, dict):
        raise FrontMatterError(f"{path}: expected a mapping of CFF fields")
    version = str(cff.get("version", ""))
    if version != __version__:
        raise FrontMatterError(f"{path}: version {version!r} differs from the package's __version__ "
                               f"{__version__!r}; update one of them")
    released = cff.get("date-released")
    try:
        released = _dt.date.fromisoformat(str(released))
    except ValueError:
        raise FrontMatterError(f"{path}: date-released {released!r} is not a date like 2026-12-01") from None
    authors = _authors(cff)
    if not authors:
        raise FrontMatterError(f"{path}: no authors")
    if book_author is not None and authors != book_author:
        raise FrontMatterError(f"{path}: authors {authors!r} differ from book/_config.yml's author "
                               f"{book_author!r}; the title page and the citation must name the same authors")
    return {
        "version": version,
        "release_date": released.strftime("%-d %B %Y"),
        "authors": authors,
    }
