"""Comparative statics register (round-2 decisions, "Chapters"): every sentence that says how something moves
has an entry in ``tests/statics/chNN.py`` whose property check holds over the declared ranges (or the region the
entry states). How entries are written and checked: ``tests/statics/__init__.py``. Chapters not yet revised are
listed in ``tests/revision_pending.py``."""
import pytest

from revision_pending import chapter_params
from statics import Claim, check_claim, movement_sentences, register, register_problems
from territorial_trap_workbook.params import Param, ParamSpace


@pytest.mark.parametrize("chapter", chapter_params("statics"))
def test_statics_register(chapter):
    problems = register_problems(chapter.number, chapter.stem)
    assert not problems, f"chapter {chapter.number}: {len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("number", range(1, 14))
def test_every_register_entry_is_well_formed(number):
    """Malformed entries fail for every chapter, pending or not: a register is read by other helpers."""
    problems = [f"{c.fragment!r}: {p}" for c in register(number) for p in c.problems_with_entry()]
    assert not problems, problems


SPACE = ParamSpace((Param("x", "x", "", 0.0, 1.0, 0.1, 0.5, "x"), Param("y", "y", "", 0.0, 1.0, 0.1, 0.5, "y")))


def claim(function, direction, moved="x", **kw):
    return Claim(1, "a fragment long enough", function=function, space=SPACE, moved=moved, direction=direction,
                 **kw)


def test_a_true_claim_passes_and_a_false_one_fails():
    assert check_claim(claim(lambda x, y: x + y, "rises")) == []
    assert check_claim(claim(lambda x, y: -x * (1 + y), "falls")) == []
    assert check_claim(claim(lambda x, y: x - y, "rises", moved="y")) != []
    assert check_claim(claim(lambda x, y: y, "constant")) == []
    assert check_claim(claim(lambda x, y: x * y, "constant")) != []


def test_a_corner_where_the_claim_fails_is_found_unless_the_region_excludes_it():
    flat_at_zero = lambda x, y: x * y  # noqa: E731 — does not rise with x when y = 0
    failures = check_claim(claim(flat_at_zero, "rises"))
    assert failures and "y=0" in failures[0]
    assert check_claim(claim(flat_at_zero, "non-decreasing")) == []
    assert check_claim(claim(flat_at_zero, "rises", region={"y": (0.1, 1.0)})) == []


def test_a_bump_is_found():
    assert check_claim(claim(lambda x, y: (x - 0.5) ** 2, "rises")) != []


def test_entries_are_validated():
    assert "not a parameter" in " ".join(claim(lambda x, y: x, "rises", moved="z").problems_with_entry())
    assert "direction" in " ".join(claim(lambda x, y: x, "up").problems_with_entry())
    assert "say why" in " ".join(Claim(1, "a fragment long enough", kind="not-a-statics-claim")
                                 .problems_with_entry())
    assert "inside the declared range" in " ".join(
        claim(lambda x, y: x, "rises", region={"y": (0.5, 2.0)}).problems_with_entry())


def test_the_detector_flags_movement_sentences():
    from statics import MOVEMENT
    assert MOVEMENT.search("The chance of war rises with uncertainty.")
    assert MOVEMENT.search("Higher audience costs make a climb-down rarer.")
    assert MOVEMENT.search("A ceasefire postpones the next offensive.")
    assert not MOVEMENT.search("The model has three players.")


def test_the_seeded_false_claims_are_in_the_registers():
    fragments = {n: [c.fragment for c in register(n)] for n in (4, 11, 12)}
    # chapter 4 fixed the sentence (the price rises with Europe's resources above the level at which Europe gives
    # while the U.S. is in); its register keeps a checked claim about the price of the split
    assert any("price of the split" in f for f in fragments[4])
    # chapter 11 fixed the sentence (g* falls with p, v_G fixed, where p − c_R ≥ 0; c_R moves it either way); its
    # register keeps the checked claim about p
    assert any("expected share from fighting $p$ is lower" in f for f in fragments[11])
    assert any("rises with Russia's uncertainty" in f for f in fragments[12])
    assert any("postpones the next offensive" in f for f in fragments[12])
    assert movement_sentences("12-escalation")
