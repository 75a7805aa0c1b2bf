"""Self-marking of written answers in a self-study notebook: the rubric after an answer, never a verdict.

The self-study edition's exercise notebooks (``self_study``) put each written answer in a code cell as text::

    answer_10_3_text = \"\"\"The distance is ...\"\"\"

and follow it with ``self_mark("10.3", answer_10_3_text)``:

* with no answer yet (empty, or fewer than ``MIN_WORDS`` words) it says so kindly and shows nothing of the
  rubric: the learner answers before seeing what is looked for;
* with an answer it shows the rubric's points as a checklist to compare against. It never reads or judges the
  prose: the marking is the learner's;
* ``self_mark("10.3", answer_10_3_text, points=[1, 0])`` records the learner's own mark (one number per rubric
  point, halves allowed) and shows it.

Where the record lives: the kernel cannot write the notebook's metadata (only the front end can, and no
extension is assumed), so the record is part of the cell's *output*, under the MIME type ``RECORD_MIME`` next
to the text the learner sees. Saving the notebook saves it; ``workbook check`` reads it from the file without
running anything (``progress``). The record holds the exercise, the points per criterion and a hash of the
answer text, so a mark made before the answer was rewritten can be told apart.

The rubrics arrive once per notebook through ``load_rubrics`` (an encoded string, see ``rubrics``), run in the
notebook's set-up. Nothing here raises for a learner's input: every mistake gets a message.
"""
from __future__ import annotations

import hashlib
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any

from .rubrics import Rubric, RubricError, decode

__all__ = ["self_mark", "load_rubrics", "text_variable", "RECORD_MIME", "MIN_WORDS"]

RECORD_MIME = "application/vnd.territorial-trap.selfmark+json"
RECORD_FORMAT = 1
MIN_WORDS = 10
STEP = 0.5  # the rubrics give half points for partial answers

_rubrics: dict[str, Rubric] = {}


def text_variable(exercise: str) -> str:
    """The name of a written answer's variable: ``10.3`` -> ``answer_10_3_text``."""
    return "answer_" + exercise.replace(".", "_") + "_text"


def answer_hash(text: str) -> str:
    """A hash of the answer's words (spacing and line breaks do not count)."""
    return "sha256:" + hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def load_rubrics(encoded: str) -> None:
    """Make a notebook's rubrics available to ``self_mark`` (the set-up cell of a self-study notebook)."""
    if not isinstance(encoded, str):
        raise TypeError("load_rubrics takes the encoded string written by the self-study generator")
    try:
        found = decode(encoded)
    except RubricError as exc:
        raise RubricError(f"{exc}: the set-up cell of this notebook was changed; download the notebook "
                          "again (or copy its set-up cell from a fresh copy)") from None
    _rubrics.clear()
    _rubrics.update(found)


@dataclass
class SelfMark:
    """What ``self_mark`` shows: ``status`` is ``refused``, ``rubric``, ``recorded`` or ``problem``."""

    exercise: str
    status: str
    markdown: str
    plain: str
    record: dict[str, Any] | None = field(default=None)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/markdown": self.markdown, "text/plain": self.plain}
        if self.record is not None:
            bundle[RECORD_MIME] = self.record
        return bundle

    def __repr__(self) -> str:
        return self.plain


def _problem(exercise: str, text: str) -> SelfMark:
    return SelfMark(exercise, "problem", f"⚠️ {text}", f"⚠️ {text}")


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _checklist(rubric: Rubric, points: list[float] | None = None) -> list[str]:
    """The rubric's criteria as a markdown checklist; with the learner's points, ticked where they gave any."""
    lines = []
    for i, c in enumerate(rubric.criteria):
        worth = f"{_num(c.points)} point{'s' if c.points != 1 else ''}"
        if points is None:
            lines.append(f"- [ ] ({worth}) {c.text}")
        else:
            lines.append(f"- [{'x' if points[i] > 0 else ' '}] {_num(points[i])} of {worth}: {c.text}")
    return lines


def _num(x: float) -> str:
    return f"{x:g}"


def _points(value: Any, rubric: Rubric) -> list[float] | str:
    """The learner's points as floats, or a message saying what is wrong with them."""
    n = len(rubric.criteria)
    example = ", ".join(_num(c.points) if i == 0 else "0" for i, c in enumerate(rubric.criteria))
    shape = f"a list of {n} number{'s' if n != 1 else ''}, one per point of the rubric, e.g. points=[{example}]"
    if not isinstance(value, (list, tuple)):
        return f"your points should be {shape}; you gave {_describe(value)}."
    if len(value) != n:
        return f"your points should be {shape}; your list has {len(value)} item{'s' if len(value) != 1 else ''}."
    out = []
    for i, (p, c) in enumerate(zip(value, rubric.criteria), 1):
        if isinstance(p, bool) or not isinstance(p, numbers.Real):
            return f"point {i} should be a number from 0 to {_num(c.points)}, not {_describe(p)}."
        p = float(p)
        if not math.isfinite(p) or not 0 <= p <= c.points:
            return f"point {i} should be a number from 0 to {_num(c.points)}, not {p:g}."
        if abs(p / STEP - round(p / STEP)) > 1e-9:
            return f"point {i} should be a whole or half point (0, 0.5, 1, ...), not {p:g}."
        out.append(p)
    return out


def self_mark(exercise: Any, text: Any, points: Any = None) -> SelfMark:
    """Show the rubric of a written answer once one is written, or record the learner's own mark."""
    if not _rubrics:
        return _problem(str(exercise), "The rubrics are not loaded: run the notebook's cells from the top "
                                       "(its set-up cell loads them), then this cell again.")
    if not isinstance(exercise, str) or exercise not in _rubrics:
        known = ", ".join(sorted(_rubrics))
        return _problem(str(exercise), f"There is no written answer {exercise!r} in this notebook; its written "
                                       f"answers are {known}.")
    rubric = _rubrics[exercise]
    variable = text_variable(exercise)
    if not isinstance(text, str):
        return _problem(exercise, f"Your answer to {exercise} should be text between the triple quotes of "
                                  f"`{variable}`, not {_describe(text)}.")
    words = word_count(text)
    if words < MIN_WORDS:
        have = "nothing yet" if words == 0 else f"{words} word{'s' if words != 1 else ''} so far"
        message = (f"Write your answer to {exercise} first: put it between the triple quotes of `{variable}` "
                   f"(at least {MIN_WORDS} words; you have {have}), run that cell, then this one again. The rubric "
                   "appears once you have written an answer, so that you answer before you see what is looked for.")
        return SelfMark(exercise, "refused", f"✍️ {message}", f"✍️ {message}")
    head = (f"Exercise {exercise}: mark your own answer ({_num(rubric.total)} "
            f"point{'s' if rubric.total != 1 else ''})")
    disclaimer = ("Nothing here has read or marked your text: compare it with each point of the rubric and "
                  "decide yourself.")
    if points is None:
        example = ", ".join("0" for _ in rubric.criteria)
        lines = [f"📝 **{head}.** {disclaimer}", "", *_checklist(rubric)]
        lines += ["", *(f"*{note}*" for note in rubric.notes)] if rubric.notes else []
        lines += ["", f"To record your mark, give one number per point (halves allowed): "
                      f"`self_mark(\"{exercise}\", {variable}, points=[{example}])`. "
                      "The chapter's worked solutions in the book show a model answer."]
        markdown = "\n".join(lines)
        return SelfMark(exercise, "rubric", markdown, _plain(markdown))
    given = _points(points, rubric)
    if isinstance(given, str):
        return _problem(exercise, f"Exercise {exercise}: {given}")
    awarded = sum(given)
    record = {"format": RECORD_FORMAT, "exercise": exercise, "points": given, "awarded": awarded,
              "possible": rubric.total, "answer_sha256": answer_hash(text)}
    lines = [f"✅ **Your self-mark for {exercise}: {_num(awarded)} of {_num(rubric.total)} points.** It is your "
             "own marking: the workbook has not marked your text. Save the notebook to keep it; "
             "`workbook check` on your folder lists it in your progress.", "", *_checklist(rubric, given)]
    markdown = "\n".join(lines)
    return SelfMark(exercise, "recorded", markdown, _plain(markdown), record)


def _plain(markdown: str) -> str:
    return markdown.replace("**", "").replace("`", "")


def read_record(data: Any) -> dict[str, Any] | None:
    """A stored self-mark record checked field by field (a notebook file may have been edited by hand);
    None if it is not a usable record."""
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        return None
    exercise, given, possible = data.get("exercise"), data.get("points"), data.get("possible")
    if not (isinstance(exercise, str) and re.fullmatch(r"\d+\.\d+[a-z]?", exercise)):
        return None
    if not (isinstance(possible, (int, float)) and not isinstance(possible, bool) and 0 < possible <= 100):
        return None
    if not (isinstance(given, list) and given and all(
            isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p) and p >= 0 for p in given)):
        return None
    awarded = float(sum(given))
    if awarded > possible:
        return None
    sha = data.get("answer_sha256")
    return {"exercise": exercise, "points": [float(p) for p in given], "awarded": awarded,
            "possible": float(possible), "answer_sha256": sha if isinstance(sha, str) else None}
