"""A venv holding only some of the installed distributions: what a user with the core, or core plus one extra,
would have, without a network or a second install.

``subset_venv(dest, extras)`` creates a venv without pip and symlinks into its site-packages the files of this
package and of every distribution its core (plus ``extras``) requires, transitively, as read from the installed
metadata. Nothing else is importable there, and ``importlib.metadata`` sees only those distributions.
"""
from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DIST = "territorial-trap-workbook"
#: Distributions the locks leave out on purpose (and `make` keeps out at install): a requirement naming one is
#: not followed (jupyter-events asks for rfc3987-syntax through jsonschema's format-nongpl extra).
EXCLUDES = Path(__file__).resolve().parents[1] / "requirements" / "excludes.txt"


def _excluded() -> set[str]:
    lines = EXCLUDES.read_text(encoding="utf8").splitlines() if EXCLUDES.is_file() else []
    return {canonicalize_name(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def _installed() -> dict[str, metadata.Distribution]:
    """The distributions in this venv's site-packages (not egg-info folders a source tree may hold)."""
    site = Path(metadata.distribution(DIST).locate_file(""))
    return {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions(path=[str(site)])}


def _requires(dist: metadata.Distribution, extras: set[str]) -> list[Requirement]:
    out = []
    for line in dist.requires or []:
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
            out.append(req)
    return out


def closure(extras: set[str]) -> set[str]:
    """Canonical names of this package and every distribution it needs with ``extras``."""
    installed, excluded = _installed(), _excluded()
    seen: dict[str, set[str]] = {}
    todo = [(DIST, set(extras))]
    while todo:
        name, wanted = todo.pop()
        key = canonicalize_name(name)
        if key in excluded or (key in seen and wanted <= seen[key]):
            continue
        seen[key] = seen.get(key, set()) | wanted
        dist = installed[key]
        todo += [(req.name, set(req.extras)) for req in _requires(dist, seen[key])]
    return set(seen)


def _files_by_top() -> dict[str, dict[str, list[str]]]:
    """For each installed distribution, its site-packages files grouped by first path component."""
    out: dict[str, dict[str, list[str]]] = {}
    for name, dist in _installed().items():
        tops: dict[str, list[str]] = defaultdict(list)
        for f in dist.files or []:
            if f.parts and f.parts[0] != "..":
                tops[f.parts[0]].append(str(f))
        out[name] = tops
    return out


def site_packages(venv: Path) -> Path:
    return next(venv.glob("lib/python3*/site-packages"))


def subset_venv(dest: Path, extras: set[str] = frozenset()) -> Path:
    """A venv at ``dest`` whose site-packages holds only the core (plus ``extras``); returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dest)], check=True)
    source = Path(metadata.distribution(DIST).locate_file(""))
    target = site_packages(dest)
    keep = closure(set(extras))
    files = _files_by_top()
    owners: dict[str, set[str]] = defaultdict(set)
    for name, tops in files.items():
        for top in tops:
            owners[top].add(name)
    for name in keep:
        for top, paths in files[name].items():
            if (target / top).exists() or (target / top).is_symlink():
                continue
            if owners[top] <= keep:  # nobody outside the subset shares it: link it whole
                (target / top).symlink_to(source / top)
                continue
            for path in (p for n in owners[top] & keep for p in files[n][top]):  # a shared namespace folder
                link = target / path
                if not link.exists():
                    link.parent.mkdir(parents=True, exist_ok=True)
                    link.symlink_to(source / path)
    return dest / "bin" / "python"
