"""Hypothesis strategies drawn from the models' own declarations (no range is typed twice)."""
from __future__ import annotations

from hypothesis import strategies as st

from territorial_trap_workbook.params import Param, ParamSpace


def value_of(param: Param) -> st.SearchStrategy:
    if param.integer:
        return st.integers(int(param.lo), int(param.hi))
    return st.floats(param.lo, param.hi, allow_nan=False, allow_infinity=False)


def params_of(space: ParamSpace) -> st.SearchStrategy[dict]:
    """Complete parameter dicts from the declared ranges (joint conditions are left to the caller)."""
    return st.fixed_dictionaries({p.name: value_of(p) for p in space})


def bad_value_of(param: Param) -> st.SearchStrategy:
    """Values every check must refuse: out of range, not finite, or of the wrong type."""
    return st.one_of(
        st.floats(min_value=param.hi, exclude_min=True, allow_infinity=False).filter(lambda v: v > param.hi),
        st.floats(max_value=param.lo, exclude_max=True, allow_infinity=False).filter(lambda v: v < param.lo),
        st.sampled_from([float("nan"), float("inf"), float("-inf"), "0.5", None, True, [0.5], complex(0.5, 0)]),
    )
