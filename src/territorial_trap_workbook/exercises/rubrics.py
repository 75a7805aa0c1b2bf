"""Marking rubrics of written answers as data: the points a learner can tick off when marking their own work.

A rubric cell of a solution notebook (tag ``rubric``) is prose written for teachers::

    **Rubric (2 points).** 1 point: identifies the distance as ... . 1 point: explains the invariance ...
    No point for "because the model says so".

``parse_rubric`` splits it into *criteria* (each sentence that starts with ``1 point`` / ``2 points``, worth
that many points) and *notes* (sentences starting ``Half a point`` or ``No point``: how to mark a partial or a
wrong answer). A rubric with no such sentences is one criterion worth the whole. The criteria's points must
add up to the total in the heading: a rubric that does not is the author's mistake and is refused, naming
the notebook and exercise.

``encode``/``decode`` carry a chapter's rubrics inside a self-study notebook as one opaque string, so they are
not on screen before the learner has written an answer (``self_mark`` decodes them in the kernel). The
encoding hides nothing from a determined reader; it only keeps the rubric off the page until it is asked for.
"""
from __future__ import annotations

import base64
import json
import re
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

HEADING = re.compile(r"^\s*\*\*Rubric \((\d+(?:\.\d+)?) points?\)\.?\*\*\.?\s*", re.IGNORECASE)
# A criterion or note starts a sentence: at the start of the body or after a full stop.
STARTS = re.compile(r"(?:^|(?<=[.!?)\"”])\s+)(?=(?:\d+(?:\.\d+)?|Half a|No) points?\b)", re.IGNORECASE)
NOTE = re.compile(r"^(Half a|No) points?\b", re.IGNORECASE)
WORTH = re.compile(r"^(\d+(?:\.\d+)?) points?\b\s*(?:[:—–-]\s*)?", re.IGNORECASE)
FORMAT = 1


class RubricError(ValueError):
    """A rubric cell cannot be read as points to tick off (an author's mistake)."""


@dataclass(frozen=True)
class Criterion:
    points: float
    text: str


@dataclass(frozen=True)
class Rubric:
    exercise: str
    total: float
    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "total": self.total,
                "criteria": [asdict(c) for c in self.criteria], "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Any) -> "Rubric":
        try:
            criteria = tuple(Criterion(float(c["points"]), str(c["text"])) for c in data["criteria"])
            return cls(str(data["exercise"]), float(data["total"]), criteria, tuple(map(str, data["notes"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise RubricError(f"not a rubric record ({type(exc).__name__}: {exc})") from None


def _sentence(text: str) -> str:
    return " ".join(text.split()).strip()


def parse_rubric(text: str, exercise: str, where: str = "<rubric>") -> Rubric:
    """The criteria and notes of one rubric cell (see the module docstring)."""
    head = HEADING.match(text)
    if head is None:
        raise RubricError(f"{where}: the rubric of exercise {exercise} must start with '**Rubric (N points).**', "
                          f"not {text.strip()[:60]!r}")
    total = float(head.group(1))
    body = _sentence(text[head.end():])  # one line: a criterion may start after a line break
    criteria: list[Criterion] = []
    notes: list[str] = []
    pieces = [p for p in (_sentence(s) for s in STARTS.split(body)) if p]
    for index, piece in enumerate(pieces):
        worth = WORTH.match(piece)
        if worth:
            rest = piece[worth.end():]
            criteria.append(Criterion(float(worth.group(1)), rest[:1].upper() + rest[1:]))
        elif index == 0 and not NOTE.match(piece):  # a rubric that is one criterion worth the whole
            criteria.append(Criterion(total, piece))
        else:
            notes.append(piece)
    if not criteria:
        raise RubricError(f"{where}: the rubric of exercise {exercise} has no criterion to award points for")
    awarded = sum(c.points for c in criteria)
    if abs(awarded - total) > 1e-9:
        raise RubricError(f"{where}: the criteria of exercise {exercise}'s rubric add up to {awarded:g} points, "
                          f"but its heading says {total:g}")
    return Rubric(exercise, total, tuple(criteria), tuple(notes))


def encode(rubrics: list[Rubric]) -> str:
    blob = json.dumps({"format": FORMAT, "rubrics": [r.to_dict() for r in rubrics]}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    return base64.b64encode(zlib.compress(blob.encode("utf-8"), 9)).decode("ascii")


def decode(text: str) -> dict[str, Rubric]:
    """The rubrics of an ``encode`` string by exercise id; RubricError if it is not one."""
    try:
        data = json.loads(zlib.decompress(base64.b64decode(text.encode("ascii"), validate=True)))
    except (ValueError, TypeError, zlib.error, UnicodeError) as exc:
        raise RubricError(f"the rubrics could not be read ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("rubrics"), list):
        raise RubricError("the rubrics could not be read (unknown format)")
    rubrics = [Rubric.from_dict(r) for r in data["rubrics"]]
    return {r.exercise: r for r in rubrics}
