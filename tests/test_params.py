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
