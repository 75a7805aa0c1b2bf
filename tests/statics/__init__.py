"""The comparative-statics register: one ``Claim`` per sentence of a chapter that says how something moves.

Rule (round-2 decisions, "Comparative statics"): every sentence of a chapter that says how a quantity moves
when a parameter moves ("rises with", "falls when", "widens", "higher … lower", "more likely") has an entry
here, with a property check over the model's declared ranges (its ``ParamSpace``), corners included — or the
entry states the region where the sentence holds and the check covers exactly that region.

One register file per chapter, ``tests/statics/chNN.py``, holding ``CLAIMS = [Claim(...), ...]``::

    Claim(12, "The chance of war rises with Russia's uncertainty",
          function=lambda **v: escalation.war_probability(**v), space=escalation.PARAMS,
          moved="c_bar", direction="rises", region={"c_R": (0.0, 0.0)})

* ``fragment``: a verbatim piece of the sentence (markup such as ``**`` and line breaks ignored); it must occur
  in the chapter's prose, and a flagged sentence is covered when a fragment occurs in it;
* ``function(**values)``: the quantity the sentence talks about, from the full dict of the space's values
  (a ``None`` or ``nan`` result means "not defined here" and that point is skipped);
* ``moved``: the parameter the sentence moves; ``direction``: ``rises`` / ``falls`` (never the other way along
  any sweep, and strictly somewhere along each sweep), ``non-decreasing`` / ``non-increasing`` (never the other
  way), or ``constant``;
* ``region``: ``{name: (lo, hi)}`` narrowing the declared ranges to where the sentence says it holds (say it in
  the chapter too); the default is the whole declared range;
* ``kind="not-a-statics-claim"`` with ``why=...``: a sentence the detector flags that claims no movement of a
  model quantity (a comparative about the world, a data statement, a question); no check is run.

The check: every other parameter on a grid of its range (ends, default and quartiles, thinned to the corners and
the default when there are many parameters), the moved parameter swept over its range at ``points`` values; a
point where the function raises ParameterError (every value is in range, so a joint constraint refused it) is skipped.

What the detector reads as a chapter's prose: its markdown cells (dropdowns and admonitions included, code blocks
not) and the titles, try-this lines and captions of the explorers the page shows.
"""
from __future__ import annotations

import functools
import importlib
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import nbformat
import numpy as np

from territorial_trap_workbook.params import ParameterError, ParamSpace

ROOT = Path(__file__).resolve().parents[2]
DIRECTIONS = ("rises", "falls", "non-decreasing", "non-increasing", "constant")
KINDS = ("statics", "not-a-statics-claim")

MOVEMENT = re.compile(
    r"\b(?:rises?|rising|rose|risen|falls?|falling|fell|fallen|increases?|increasing|increased|decreases?|"
    r"decreasing|decreased|grows?|growing|grew|grown|shrinks?|shrinking|shrank|shrunk|widens?|widening|widened|"
    r"narrows?|narrowing|narrowed|higher|lower|lowers|lowering|lowered|raises?|raising|raised|"
    r"(?:more|less) likely|likelier|declines?|declining|climbs?|climbing|postpones?|postponing)\b", re.I)


@dataclass(frozen=True)
class Claim:
    chapter: int
    fragment: str
    function: Callable[..., Any] | None = None
    moved: str = ""
    direction: str = ""
    space: ParamSpace | None = None
    region: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    kind: str = "statics"
    why: str = ""
    points: int = 11
    max_sweeps: int = 300

    def problems_with_entry(self) -> list[str]:
        """What is wrong with the entry itself (before any check is run)."""
        out = []
        if self.kind not in KINDS:
            out.append(f"kind must be one of {KINDS}, not {self.kind!r}")
        if len(normalise(self.fragment)) < 12:
            out.append(f"fragment {self.fragment!r} is too short to identify a sentence")
        if self.kind == "not-a-statics-claim":
            if not self.why.strip():
                out.append("a not-a-statics-claim exemption must say why")
            return out
        if self.function is None or self.space is None:
            out.append("a statics claim needs a function and the model's ParamSpace")
        if self.direction not in DIRECTIONS:
            out.append(f"direction must be one of {DIRECTIONS}, not {self.direction!r}")
        if self.space is not None:
            for name in [self.moved, *self.region]:
                if name not in self.space.names:
                    out.append(f"{name!r} is not a parameter of the space ({', '.join(self.space.names)})")
            for name, (lo, hi) in self.region.items():
                if name in self.space.names:
                    p = self.space[name]
                    if not (p.lo <= lo <= hi <= p.hi):
                        out.append(f"region {name}: ({lo}, {hi}) is not inside the declared range "
                                   f"[{p.lo}, {p.hi}]")
        return out


def normalise(text: str) -> str:
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def _range(claim: Claim, name: str) -> tuple[float, float]:
    p = claim.space[name]
    return claim.region.get(name, (p.lo, p.hi))


def _values(claim: Claim, name: str, n: int) -> list[float]:
    p = claim.space[name]
    lo, hi = _range(claim, name)
    vals = set(np.linspace(lo, hi, n).tolist()) if hi > lo else {lo}
    if lo <= p.default <= hi:
        vals.add(p.default)
    if p.integer:
        vals = {float(round(v)) for v in vals}
    return sorted(vals)


def _other_grids(claim: Claim) -> list[dict[str, float]]:
    others = [n for n in claim.space.names if n != claim.moved]
    for n in (5, 3, 2):
        axes = [_values(claim, name, n) for name in others]
        if math.prod(len(a) for a in axes) <= claim.max_sweeps:
            return [dict(zip(others, combo)) for combo in itertools.product(*axes)]
    # many parameters: every corner is too many; corners at random (fixed seed), the all-low and all-high
    # corners and the defaults
    rng = np.random.default_rng(0)
    corners = [dict(zip(others, (_range(claim, o)[0] for o in others))),
               dict(zip(others, (_range(claim, o)[1] for o in others))),
               {o: min(max(claim.space[o].default, _range(claim, o)[0]), _range(claim, o)[1]) for o in others}]
    for _ in range(claim.max_sweeps - len(corners)):
        corners.append({o: _range(claim, o)[int(rng.integers(2))] for o in others})
    return corners


def _number(x: Any) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def check_claim(claim: Claim, limit: int = 3) -> list[str]:
    """Counterexamples to a statics claim over its region (empty: it holds everywhere checked)."""
    entry = claim.problems_with_entry()
    if entry or claim.kind != "statics":
        return entry
    lo, hi = _range(claim, claim.moved)
    sweep = np.linspace(lo, hi, claim.points).tolist()
    if claim.space[claim.moved].integer:
        sweep = sorted({float(round(v)) for v in sweep})
    failures: list[str] = []
    checked = 0
    for others in _other_grids(claim):
        xs, ys = [], []
        for x in sweep:
            try:
                y = _number(claim.function(**others, **{claim.moved: x}))
            except ParameterError:
                continue  # every value is inside its declared range: a joint corner the model excludes
            if y is not None:
                xs.append(x)
                ys.append(y)
        if len(ys) < 2:
            continue
        checked += 1
        problem = _direction_problem(claim.direction, xs, ys)
        if problem:
            where = ", ".join(f"{k}={v:g}" for k, v in others.items())
            failures.append(f"{problem} as {claim.moved} goes from {xs[0]:g} to {xs[-1]:g} (with {where})")
            if len(failures) >= limit:
                break
    if not checked and not failures:
        failures.append("the function is undefined on the whole region: nothing was checked")
    return failures


def _direction_problem(direction: str, xs: list[float], ys: list[float]) -> str | None:
    tol = 1e-9 * max(1.0, max(abs(y) for y in ys))
    steps = list(zip(xs, ys, xs[1:], ys[1:]))
    up = [(x0, y0, x1, y1) for x0, y0, x1, y1 in steps if y1 > y0 + tol]
    down = [(x0, y0, x1, y1) for x0, y0, x1, y1 in steps if y1 < y0 - tol]
    fmt = "{:.4g} at {:g} → {:.4g} at {:g}"
    if direction in ("rises", "non-decreasing") and down:
        x0, y0, x1, y1 = down[0]
        return "falls: " + fmt.format(y0, x0, y1, x1)
    if direction in ("falls", "non-increasing") and up:
        x0, y0, x1, y1 = up[0]
        return "rises: " + fmt.format(y0, x0, y1, x1)
    if direction == "rises" and not ys[-1] > ys[0] + tol:
        return f"does not rise: {ys[0]:.4g} throughout"
    if direction == "falls" and not ys[-1] < ys[0] - tol:
        return f"does not fall: {ys[0]:.4g} throughout"
    if direction == "constant" and (up or down):
        x0, y0, x1, y1 = (up or down)[0]
        return "moves: " + fmt.format(y0, x0, y1, x1)
    return None


# ------------------------------------------------------------------------------------------- the prose
def _explorer_texts(nb: nbformat.NotebookNode) -> list[str]:
    from territorial_trap_workbook.explorers.registry import all_explorers

    keys = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            ref = out.get("data", {}).get("application/vnd.territorial-trap.explorer+json")
            if isinstance(ref, dict) and ref.get("explorer"):
                keys.append(ref["explorer"])
    explorers = all_explorers()
    texts = []
    for key in keys:
        spec = explorers.get(key)
        if spec is not None:
            texts += [spec.title, *spec.try_this, spec.caption]
    return [t for t in texts if t]


@functools.lru_cache(maxsize=None)
def chapter_sentences(chapter_stem: str) -> tuple[str, ...]:
    """Every sentence of the chapter's prose (see the module docstring for what counts)."""
    from numbers_in_prose import prose_blocks, sentences

    nb = nbformat.read(ROOT / "book" / f"{chapter_stem}.ipynb", as_version=4)
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for block in prose_blocks(cell.source):
                out += sentences(block)
    for text in _explorer_texts(nb):
        out += sentences(text)
    return tuple(out)


def movement_sentences(chapter_stem: str) -> list[str]:
    return [s for s in chapter_sentences(chapter_stem) if MOVEMENT.search(re.sub(r"\{[\w:]+\}`[^`]*`", "", s))]


def register(chapter: int) -> list[Claim]:
    module = importlib.import_module(f"statics.ch{chapter:02d}")
    claims = list(module.CLAIMS)
    wrong = [c for c in claims if c.chapter != chapter]
    if wrong:
        raise AssertionError(f"statics/ch{chapter:02d}.py holds claims of chapter(s) {sorted({c.chapter for c in wrong})}")
    return claims


def register_problems(chapter: int, chapter_stem: str) -> list[str]:
    """Everything the statics rule finds wrong in one chapter (empty: it passes)."""
    claims = register(chapter)
    problems = []
    text = [normalise(s) for s in chapter_sentences(chapter_stem)]
    whole = " ".join(text)
    for c in claims:
        if normalise(c.fragment) not in whole:
            problems.append(f"stale entry: the fragment «{c.fragment}» no longer occurs in chapter {chapter}; "
                            "update or remove it")
    fragments = [normalise(c.fragment) for c in claims]
    for s in movement_sentences(chapter_stem):
        if not any(f in normalise(s) for f in fragments):
            problems.append(f"no entry for: «{s}» — add a Claim(...) with a verbatim fragment of it to "
                            f"tests/statics/ch{chapter:02d}.py (or kind='not-a-statics-claim' with why=...)")
    for c in claims:
        for failure in check_claim(c):
            problems.append(f"claim «{c.fragment}» ({c.moved} → {c.direction}) fails: {failure}")
    return problems
