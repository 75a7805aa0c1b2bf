"""Hand exercise notebooks out to a student's folder, again and again, without ever losing their work.

``handout(exercises_dir, dest)`` brings each exercise notebook into ``dest`` and returns one ``Outcome`` per
notebook saying exactly what it did. Every copy records the hash of the cells it was handed out with
(``workbook.source_hash``), which tells, on the next run, whether the student changed the cells (running a
notebook changes only outputs: that is not editing) and whether the author's version is newer:

==========================  ==============================  =================================================
the student's copy          the author's version            what happens
==========================  ==============================  =================================================
missing                     any                             added
unedited                    same cells                      left alone (outputs kept): up to date
unedited                    newer                           updated (its outputs are cleared, and it says so)
edited                      same cells as handed out        kept: nothing new for it
edited                      newer                           kept; not updated (the run fails and says so)
edited, ``backup=True``     newer                           kept where it is; the new version is written
                                                            beside it as ``NAME.new-YYYYmmdd-HHMMSS.ipynb``
edited, ``force=True``      newer                           replaced; the student's copy is saved first as
                                                            ``NAME.YYYYmmdd-HHMMSS.bak.ipynb``
==========================  ==============================  =================================================

A new version already put beside an edited copy counts as handed out, so later runs succeed. Nothing a
student wrote is ever deleted or overwritten without a copy kept. ``summary(outcomes)`` words the outcomes
for the terminal, e.g. "kept your edited 01-ultimatum.ipynb; everything else is up to date".
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .files import write_text_atomic
from .generator import backup_path, cells_hash, notebooks_in, recorded_hash, render

WORK_FOLDER = "work"  # the git-ignored working copy inside the repository that `make lab` opens

ADDED = "added"
UPDATED = "updated"
UP_TO_DATE = "up to date"
KEPT = "kept"
NEW_BESIDE = "new version beside"
ALREADY_BESIDE = "new version already beside"
NOT_UPDATED = "not updated"
REPLACED = "replaced"
PROBLEM = "left alone"


class HandoutError(ValueError):
    """The hand-out cannot start (bad destination, no exercise notebooks); the message is one line."""


@dataclass(frozen=True)
class Outcome:
    path: Path  # the student's copy
    action: str
    other: Path | None = None  # the new version beside it, or the saved copy of theirs
    had_outputs: bool = False
    detail: str = ""

    @property
    def refused(self) -> bool:
        """True when the student's folder does not have this notebook's current version anywhere."""
        return self.action in (NOT_UPDATED, PROBLEM)

    def sentence(self) -> str:
        name = self.path.name
        other = self.other.name if self.other else ""
        return {
            ADDED: f"added {name}",
            UPDATED: f"updated {name} to the new version (it had not been edited)"
                     + ("; its outputs were cleared: run it again" if self.had_outputs else ""),
            UP_TO_DATE: f"{name} is up to date",
            KEPT: f"kept your edited {name}",
            NEW_BESIDE: f"kept your edited {name}; its new version is beside it as {other}",
            ALREADY_BESIDE: f"kept your edited {name}; its new version is already beside it as {other}",
            NOT_UPDATED: f"did not update your edited {name}, which has a new version: "
                         "run again with --backup to get it beside yours",
            REPLACED: f"replaced your edited {name} with the new version (--force); yours is saved as {other}",
            PROBLEM: f"left {name} alone: {self.detail}",
        }[self.action]


def summary(outcomes: list[Outcome]) -> list[str]:
    """Lines for the terminal: what changed, notebook by notebook; the up-to-date ones counted together."""
    notable = [o.sentence() for o in outcomes if o.action != UP_TO_DATE]
    fresh = len(outcomes) - len(notable)
    if not notable:
        return [f"all {fresh} notebooks are up to date" if fresh != 1 else outcomes[0].sentence()]
    if not fresh:
        return notable
    if len(notable) == 1:
        return [f"{notable[0]}; everything else is up to date"]
    return notable + ["everything else is up to date"]


# ------------------------------------------------------------------------------------------------ reading
def _handout_text(source: Path) -> str:
    try:
        nb = nbformat.read(str(source), as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise HandoutError(f"{source}: cannot read the exercise notebook ({exc})") from exc
    wb = dict(nb.metadata.get("workbook", {}) or {})
    current = cells_hash(nb.cells)
    if wb.get("source_hash") == current:
        return source.read_text(encoding="utf-8")  # byte-for-byte the committed exercise notebook
    wb["source_hash"] = current  # a notebook written by hand: record the hash of what is handed out
    nb.metadata["workbook"] = wb
    return render(nb)


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("cells"), list) else None


def _has_outputs(nb: dict) -> bool:
    return any(c.get("outputs") for c in nb["cells"] if isinstance(c, dict))


def beside_path(target: Path, now: _dt.datetime | None = None) -> Path:
    """Where the new version of an edited notebook goes: ``NAME.new-YYYYmmdd-HHMMSS.ipynb`` beside it."""
    stem = target.name[: -len(".ipynb")]
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate, n = target.with_name(f"{stem}.new-{stamp}.ipynb"), 1
    while candidate.exists() or candidate.is_symlink():
        candidate, n = target.with_name(f"{stem}.new-{stamp}-{n}.ipynb"), n + 1
    return candidate


def _already_beside(target: Path, new_hash: str) -> Path | None:
    stem = target.name[: -len(".ipynb")]
    for candidate in sorted(target.parent.glob(f"{stem}.new-*.ipynb")):
        nb = _read_json(candidate)
        # recorded, not current, cells: a student who moved to the new version and works in it is covered
        if nb is not None and recorded_hash(nb) == new_hash:
            return candidate
    return None


# ------------------------------------------------------------------------------------------------ deciding
def _bring(target: Path, text: str, *, force: bool, backup: bool) -> Outcome:
    """Bring one notebook up to date in the student's folder (see the module docstring's table)."""
    if target.is_symlink() and not target.exists():
        return Outcome(target, PROBLEM, detail=f"it is a symbolic link to {os.readlink(target)}, which is missing")
    if target.exists() and not target.is_file():
        return Outcome(target, PROBLEM, detail="it is a folder, not a notebook")
    if not target.exists():
        write_text_atomic(target, text)
        return Outcome(target, ADDED)
    try:
        if target.read_text(encoding="utf-8") == text:
            return Outcome(target, UP_TO_DATE)
    except (OSError, UnicodeDecodeError):
        pass
    new_hash = cells_hash(json.loads(text)["cells"])
    copy = _read_json(target)
    cells = cells_hash(copy["cells"]) if copy is not None else None
    recorded = recorded_hash(copy) if copy is not None else None
    if cells == new_hash:
        return Outcome(target, UP_TO_DATE)  # same cells: keep the student's outputs
    if copy is not None and recorded == cells:  # not edited since it was handed out
        write_text_atomic(target, text)
        return Outcome(target, UPDATED, had_outputs=_has_outputs(copy))
    if recorded == new_hash:
        return Outcome(target, KEPT)
    beside = _already_beside(target, new_hash)
    if beside is not None:
        return Outcome(target, ALREADY_BESIDE, other=beside)
    if backup:
        beside = beside_path(target)
        write_text_atomic(beside, text)
        return Outcome(target, NEW_BESIDE, other=beside)
    if force:
        saved = backup_path(target)
        shutil.copy2(target, saved)
        write_text_atomic(target, text)
        return Outcome(target, REPLACED, other=saved)
    return Outcome(target, NOT_UPDATED)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check_destination(dest: Path, repo_root: Path | None = None) -> None:
    """Refuse, in one line, a destination that is not (and cannot become) a folder for hand-outs."""
    if dest.is_symlink() and not dest.exists():
        raise HandoutError(f"{dest} is a symbolic link to {os.readlink(dest)}, which does not exist; "
                           "give a folder (it is created if missing)")
    if dest.exists() and not dest.is_dir():
        raise HandoutError(f"{dest} is a file, not a folder; give a folder (it is created if missing)")
    if repo_root is not None and _inside(dest, repo_root) and not _inside(dest, repo_root / WORK_FOLDER):
        raise HandoutError(f"{dest} is inside the repository {repo_root}; hand out to a folder outside it, "
                           f"or to its git-ignored {WORK_FOLDER}/ folder (what `make lab` opens)")


def handout(exercises_dir: str | Path, dest: str | Path, *, force: bool = False, backup: bool = False,
            repo_root: str | Path | None = None) -> list[Outcome]:
    """Bring every exercise notebook into ``dest``; returns what was done, notebook by notebook.

    Raises ``HandoutError`` (nothing written) for a destination that is a file, a dangling symbolic link or
    inside the repository (except its ``work/`` folder), or when there are no exercise notebooks."""
    exercises_dir, dest = Path(exercises_dir), Path(dest)
    sources = notebooks_in(exercises_dir) if exercises_dir.is_dir() else []
    if not sources:
        raise HandoutError(f"no exercise notebooks in {exercises_dir} (run `workbook exercises` first)")
    check_destination(dest, Path(repo_root) if repo_root is not None else None)
    texts = {src.name: _handout_text(src) for src in sources}  # read them all before writing anything
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HandoutError(f"cannot create the folder {dest}: {exc.strerror}") from exc
    outcomes = []
    for name, text in texts.items():
        target = dest / name
        try:
            outcomes.append(_bring(target, text, force=force, backup=backup))
        except OSError as exc:
            outcomes.append(Outcome(target, PROBLEM, detail=f"{exc.strerror} ({exc.filename})"))
    return outcomes
