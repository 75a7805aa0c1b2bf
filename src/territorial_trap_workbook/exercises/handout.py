"""Hand exercise notebooks out to a student folder outside the repository, without ever losing their work.

``handout(exercises_dir, dest)`` copies every exercise notebook into ``dest``. Each copy records the hash of
its cells (``workbook.source_hash``; the generator already writes it). Running ``handout`` again (e.g. after
the author fixed a typo) updates the copies the student has not edited and leaves alone a copy whose cells
no longer match its recorded hash — a student's answers — naming it in an ``EditedNotebookError`` (after the
other notebooks were updated). ``backup=True`` first keeps a timestamped copy
``name.YYYYmmdd-HHMMSS.bak.ipynb`` of each edited notebook, then updates it; ``force=True`` (for authors)
overwrites. Running a notebook (outputs only) does not count as editing it.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .generator import EditedNotebookError, cells_hash, notebooks_in, render, write_protected


def _handout_text(source: Path) -> str:
    nb = nbformat.read(str(source), as_version=4)
    wb = dict(nb.metadata.get("workbook", {}) or {})
    current = cells_hash(nb.cells)
    if wb.get("source_hash") == current:
        return source.read_text(encoding="utf-8")  # byte-for-byte the committed exercise notebook
    wb["source_hash"] = current  # a notebook written by hand: record the hash of what is handed out
    nb.metadata["workbook"] = wb
    return render(nb)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def handout(exercises_dir: str | Path, dest: str | Path, *, force: bool = False, backup: bool = False,
            repo_root: str | Path | None = None) -> dict[Path, str]:
    """Copy the exercise notebooks to ``dest``; returns ``{copy: "written" | "unchanged" | "backed up and
    written"}``. Raises ``EditedNotebookError`` naming the edited copies it did not overwrite."""
    exercises_dir, dest = Path(exercises_dir), Path(dest)
    sources = notebooks_in(exercises_dir) if exercises_dir.is_dir() else []
    if not sources:
        raise FileNotFoundError(f"no exercise notebooks in {exercises_dir} (run `workbook exercises` first)")
    if repo_root is not None and _inside(dest, Path(repo_root)):
        raise ValueError(f"{dest} is inside the repository {repo_root}; hand out to a folder outside it")
    dest.mkdir(parents=True, exist_ok=True)
    results: dict[Path, str] = {}
    refused: list[Path] = []
    for src in sources:
        target = dest / src.name
        try:
            results[target] = write_protected(target, _handout_text(src), force=force, backup=backup)
        except EditedNotebookError as err:
            refused.extend(err.paths)
    if refused:
        raise EditedNotebookError(refused)
    return results
