"""Publishing guard: ``exercises/`` must be exactly what the generator makes of ``solutions/``.

``exercises/`` is generated. A teacher who edits it (say in JupyterLab) and then builds the book or hands
out would publish their scribbles to every student; ``workbook build`` and ``workbook handout`` call
``require_in_sync`` first. The comparison is the generator's own (``check_in_sync``: what it would write
today from ``solutions/``, outputs ignored), never a stored copy.
"""
from __future__ import annotations

from pathlib import Path

from .generator import check_in_sync


class ExercisesOutOfSync(RuntimeError):
    """``exercises/`` differs from what ``solutions/`` generates; the message names each file, on one line."""


def _problem(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if path.is_relative_to(root) else path
    solution = Path("solutions") / path.name
    if not path.exists():
        return f"{rel} is missing"
    if not (root / solution).exists():
        return f"{rel} has no solution notebook {solution}"
    return f"{rel} differs from what {solution} generates"


def require_in_sync(root: Path) -> None:
    """Raise ``ExercisesOutOfSync`` unless ``<root>/exercises`` is what ``<root>/solutions`` generates."""
    root = Path(root)
    stale = check_in_sync(root / "solutions", root / "exercises")
    if stale:
        listed = ", ".join(_problem(p, root) for p in stale)
        raise ExercisesOutOfSync(f"{listed}; exercises/ is generated: make changes in solutions/ and run "
                                 "`make exercises` (work on a copy: `make lab` opens one in work/)")
