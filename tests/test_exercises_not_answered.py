"""Exercises are not answered by their chapter (round-2 decisions, "Exercises answered by the text"): no
expected value equals, at the rounding the chapter prints, a number the chapter glues or shows in a worked
example or an answer, and no exercise reuses a worked example's inputs. How numbers are read and compared:
``tests/chapter_numbers.py``. Chapters not yet revised are listed in ``tests/revision_pending.py``."""
import pytest

from chapter_numbers import Expected, Shown, answered_by_text, reused_inputs, _calls
from revision_pending import chapter_params
from territorial_trap_workbook.exercises.precision import Precision


@pytest.mark.parametrize("chapter", chapter_params("answered"))
def test_no_exercise_is_answered_by_its_chapter(chapter):
    problems = answered_by_text(chapter.stem) + reused_inputs(chapter.stem)
    assert not problems, (f"chapter {chapter.number}: {len(problems)} exercise value(s) shown by the chapter or "
                          "worked-example inputs reused — change the exercise's inputs (prefer values off the "
                          "slider grid) so that its answer is new:\n" + "\n".join(problems))


SIG3 = Precision.from_spec({"sig_figs": 3})


def shown(text, where="test"):
    from chapter_numbers import _parse_printed
    return Shown(text, *_parse_printed(text), where=where)


@pytest.mark.parametrize("printed, expected, answers", [
    ("0.69", 0.6897, True),     # printed to 2 decimals, the same number
    ("0.632", 0.6316, True),
    ("45%", 0.45, True),        # a percentage of the same share
    ("0.4", 0.4, True),         # exactly the answer, even with one figure
    ("57.7", 57.68, True),
    ("0.5", 0.47, False),       # one figure: an input, not the answer
    ("0.70", 0.6897, False),
    ("2", 2.2, False),          # a small count
    ("2", 2.0, True),
    ("0.0", 0.0, False),        # zero is exempt
    ("120", 119.6, True),
])
def test_the_comparison_rounds_as_the_chapter_prints(printed, expected, answers):
    assert shown(printed).answers(Expected("1.1", expected, SIG3)) is answers


def test_a_glued_value_not_printed_answers_only_when_equal():
    hidden = Shown("0.123456", 0.123456, None, False, "glued x (not printed)")
    assert hidden.answers(Expected("1.1", 0.123456, SIG3))
    assert not hidden.answers(Expected("1.1", 0.1235, SIG3))


def test_reused_inputs_are_the_same_call_with_the_same_arguments():
    book = set(_calls("a = alliance.contributions((100, 20, 10), 0.2)\nw = alliance.wedge()"))
    assert "contributions((100, 20, 10), 0.2)" in book
    assert not set(_calls("alliance.wedge()")) & book        # the defaults are not a worked example
    assert not set(_calls("alliance.contributions((100, 80, 10), 0.3)")) & book
    assert set(_calls("x = alliance.contributions((100, 20, 10), 0.2).total")) & book
