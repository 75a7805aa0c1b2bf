"""Chapters not yet revised to each chapter rule (the list can only shrink).

Each rule test (``test_numbers_in_prose.py``, ``test_exercises_not_answered.py``,
``test_objectives_assessed.py``, ``test_statics_register.py``) is parametrised per chapter with
:func:`chapter_params`. A chapter listed under a rule is expected to fail that rule: its test is
``xfail(strict=True)``, so the day the chapter passes, the test turns red (XPASS) until its number is removed
here. Remove your chapter's number when you have revised it; never add one.
"""
from __future__ import annotations

import pytest

from territorial_trap_workbook.chapters import CHAPTERS

PENDING: dict[str, set[int]] = {
    # every quantity from data or a model is glued (tests/test_numbers_in_prose.py)
    "numbers": set(),
    # every sentence that says how something moves has a Claim in tests/statics/chNN.py
    # (tests/test_statics_register.py)
    "statics": set(),
    # no exercise's expected value is shown by the chapter (tests/test_exercises_not_answered.py)
    "answered": set(),
    # every learning objective is assessed by an exercise (tests/test_objectives_assessed.py)
    "objectives": set(),
}

RULES = tuple(PENDING)


def chapter_params(rule: str) -> list:
    """One ``pytest.param(chapter)`` per chapter, ``xfail(strict=True)`` for those still pending ``rule``."""
    if rule not in PENDING:
        raise KeyError(f"unknown rule {rule!r}; the rules are {', '.join(RULES)}")
    params = []
    for chapter in CHAPTERS:
        marks = ()
        if chapter.number in PENDING[rule]:
            marks = pytest.mark.xfail(
                strict=True,
                reason=f"chapter {chapter.number} is pending the {rule!r} rule (tests/revision_pending.py); "
                       f"once it passes, remove {chapter.number} from PENDING[{rule!r}]")
        params.append(pytest.param(chapter, id=f"ch{chapter.number:02d}", marks=marks))
    return params
