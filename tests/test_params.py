"""The parameter declaration: validation messages, grids and the generated table."""
import math

import pytest
from hypothesis import given

from territorial_trap_workbook.params import Param, ParameterError, ParamSpace
from territorial_trap_workbook.models import bargaining

from strategies import bad_value_of

P = Param("p", "Probability", "share", 0.0, 1.0, 0.05, 0.6, "A test parameter.")


@pytest.mark.parametrize("value, fragment", [
    (1.5, "out of range"), (-0.1, "out of range"), (math.nan, "not finite"), (math.inf, "not finite"),
    ("0.5", "of type str"), (None, "of type NoneType"), (True, "of type bool"),
])
def test_bad_values_are_named_with_the_allowed_range(value, fragment):
    with pytest.raises(ParameterError) as err:
        P.check(value)
    message = str(err.value)
    assert fragment in message and message.startswith("p = ") and "from 0 to 1" in message


@given(bad_value_of(P))
def test_every_bad_value_raises_parameter_error(value):
    with pytest.raises(ParameterError):
        P.check(value)


def test_unknown_names_are_refused():
    with pytest.raises(ParameterError, match="unknown parameter"):
        bargaining.PARAMS.validate(q=0.3)


def test_grid_has_at_most_21_values_and_contains_the_default():
    for space in (bargaining.PARAMS,):
        for param in space:
            grid = param.grid()
            assert 2 <= len(grid) <= 21
            assert any(abs(g - param.default) < 1e-9 for g in grid)
            assert grid.min() >= param.lo - 1e-12 and grid.max() <= param.hi + 1e-12


ROUND_SPACINGS = [m * 10.0 ** e for e in range(-4, 4) for m in (1, 2, 2.5, 5)]


def _round(values) -> bool:
    """All multiples of one round spacing (1, 2, 2.5 or 5 x 10^k): the smallest gap between them."""
    gap = round(min(b - a for a, b in zip(values, values[1:])), 9)
    return gap in {round(s, 9) for s in ROUND_SPACINGS} and all(abs(v / gap - round(v / gap)) < 1e-6 for v in values)


@pytest.mark.parametrize("lo, hi, step, default, steps, expected", [
    (1, 150, 1, 60, 21, [1, *range(10, 151, 10)]),            # not 1, 9, 17 ... 145
    (0, 10, 0.1, 1.6, 11, [0, 1, 1.6, *range(3, 11)]),        # the default takes its nearest neighbour's place
    (0, 0.05, 0.001, 0.005, 21, [i / 200 for i in range(11)]),
    (0.05, 0.95, 0.05, 0.8, 11, [0.05, *[i / 10 for i in range(1, 10)], 0.95]),
    (1, 12, 1, 4, 21, list(range(1, 13))),
])
def test_grid_falls_on_round_values_with_bounds_and_default(lo, hi, step, default, steps, expected):
    grid = Param("x", "X", "u", lo, hi, step, default, "m").grid(steps)
    assert list(grid) == pytest.approx(expected)


def test_every_static_slider_ticks_on_round_values():
    """What a reader sees under each static slider: round values apart from the bounds and the default."""
    from territorial_trap_workbook.explorers.registry import all_explorers
    from territorial_trap_workbook.explorers.static import plan

    for spec in all_explorers().values():
        the_plan = plan(spec)
        for name in the_plan.sliders:
            param = spec.space[name]
            inner = [v for v in the_plan.grids[name] if min(abs(v - param.lo), abs(v - param.hi),
                                                              abs(v - param.default)) > 1e-9]
            assert len(inner) < 3 or _round(inner), f"{spec.key}.{name}: slider values {the_plan.grids[name]}"


def test_grid_with_a_step_no_round_spacing_fits_still_has_the_bounds_default_and_few_values():
    grid = Param("x", "X", "u", 0, 10, 0.3, 0.9, "m").grid()
    assert 2 <= len(grid) <= 21 and grid[0] == 0 and 0.9 in list(grid) and all(0 <= g <= 10 for g in grid)


def test_declaration_rejects_a_default_outside_its_range():
    with pytest.raises(ValueError, match="default"):
        Param("x", "X", "u", 0, 1, 0.1, 2, "bad")


def test_joint_constraint_is_enforced():
    space = ParamSpace((P, Param("q", "Q", "share", 0, 1, 0.1, 0.2, "other")),
                       constraint=lambda v: "q must not exceed p" if v["q"] > v["p"] else None)
    with pytest.raises(ParameterError, match="q must not exceed p"):
        space.validate(p=0.1, q=0.5)


def test_table_is_generated_from_the_declaration():
    table = bargaining.PARAMS.table()
    assert list(table["Default"]) == [f"{p.default:g}" for p in bargaining.PARAMS]
    assert len(table) == len(bargaining.PARAMS.names)
    assert "illustrative" in set(table["Status"])
