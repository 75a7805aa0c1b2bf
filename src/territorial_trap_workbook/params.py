"""Parameters declared once, used everywhere.

A model declares each of its parameters exactly once as a :class:`Param`. That declaration then drives
validation of every call, the live ipywidgets sliders, the static plotly slider grid, the hypothesis
strategies of the property tests and the parameter table printed in the chapter. A range is never typed twice.
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:  # pandas is imported where a table is made: models and sliders do not need it
    import pandas as pd


class ParameterError(ValueError):
    """A parameter value is missing, of the wrong type, not finite, or outside its declared range."""


@dataclass(frozen=True)
class Param:
    """One model parameter: how a reader sees it and which values are allowed.

    ``lo`` and ``hi`` are inclusive bounds. ``step`` is the slider step (and the spacing of the static grid).
    ``illustrative`` marks a value the book does not take from a source but sets for teaching.
    """

    name: str
    label: str
    unit: str
    lo: float
    hi: float
    step: float
    default: float
    meaning: str
    symbol: str = ""
    illustrative: bool = True
    integer: bool = False

    def __post_init__(self) -> None:
        if not (self.lo < self.hi):
            raise ValueError(f"{self.name}: lo ({self.lo}) must be below hi ({self.hi})")
        if not (self.lo <= self.default <= self.hi):
            raise ValueError(f"{self.name}: default {self.default} outside [{self.lo}, {self.hi}]")
        if self.step <= 0 or self.step > self.hi - self.lo:
            raise ValueError(f"{self.name}: step {self.step} must be positive and fit the range")

    @property
    def allowed(self) -> str:
        kind = "a whole number" if self.integer else "a finite number"
        return f"{kind} from {_fmt(self.lo)} to {_fmt(self.hi)}"

    def check(self, value: Any, name: str | None = None) -> float:
        """Return ``value`` as a float (or int) if it is allowed, else raise :class:`ParameterError`.

        ``name`` is the argument as the caller spelled it (default: the declared name); the message names it and
        prints the value exactly as given (never rounded).
        """
        kind = type(value)
        if kind is float or kind is int:  # the common case, checked fast (a slider move validates every value)
            try:
                x = float(value)
            except OverflowError:
                x = math.nan  # 10**400: the full check below says what is wrong
            if self.lo <= x <= self.hi:  # False for nan
                if not self.integer:
                    return x
                if x == round(x):
                    return int(round(x))
        name = name or self.name
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ParameterError(
                f"{name} = {_short_repr(value)} is of type {type(value).__name__}; "
                f"allowed: {self.allowed}"
            )
        try:
            as_float = float(value)
        except (OverflowError, ValueError, TypeError):  # 10**400, Fraction(10**400, 3): beyond any float
            raise ParameterError(f"{name} = {_short_repr(value)} is out of range; allowed: {self.allowed}") from None
        if not math.isfinite(as_float):
            raise ParameterError(f"{name} = {_exact(value, as_float)} is not finite; allowed: {self.allowed}")
        if as_float < self.lo or as_float > self.hi:
            raise ParameterError(f"{name} = {_exact(value, as_float)} is out of range; allowed: {self.allowed}")
        if self.integer:
            if as_float != round(as_float):
                raise ParameterError(f"{name} = {_exact(value, as_float)} is not whole; allowed: {self.allowed}")
            return int(round(as_float))
        return as_float

    def grid(self, max_steps: int = 21) -> np.ndarray:
        """Values for a static slider: at most ``max_steps`` of them, on round numbers so that its tick labels read
        0, 5, 10 ... rather than 1, 9, 17 ....

        The grid is every multiple of the smallest round spacing (1, 2, 2.5 or 5 times a power of ten, and a
        multiple of the declared step) that fits, plus both bounds and the default: the figure's opening state
        appears on every slider. A default off the round values takes the place of its nearest neighbour when
        that is what makes the grid fit.
        """
        for spacing in _round_spacings(self.step, self.hi - self.lo):
            first, last = math.ceil(self.lo / spacing - 1e-9), math.floor(self.hi / spacing + 1e-9)
            values = {round(k * spacing, 10) for k in range(first, last + 1)} | {round(self.lo, 10), round(self.hi, 10)}
            default = round(self.default, 10)
            if default not in values and len(values) + 1 > max_steps:
                inner = sorted(values - {round(self.lo, 10), round(self.hi, 10)}, key=lambda v: abs(v - default))
                if len(values) > max_steps or not inner:
                    continue
                values.discard(inner[0])
            values.add(default)
            if len(values) <= max_steps:
                return np.array(sorted(values))
        return self._thinned_grid(max_steps)

    def _thinned_grid(self, max_steps: int) -> np.ndarray:
        """For a step no round spacing is a multiple of (0.3, say): every k-th step from ``lo``, and the default."""
        n = int(round((self.hi - self.lo) / self.step)) + 1
        values = self.lo + self.step * np.arange(n)
        values = values[values <= self.hi + 1e-12]
        if len(values) > max_steps:
            values = values[::math.ceil((len(values) - 1) / (max_steps - 1))]
        values = np.unique(np.round(np.append(values, self.default), 10))
        if len(values) > max_steps:  # adding the default overflowed: drop the grid point nearest to it
            others = values[values != round(self.default, 10)]
            values = values[values != others[np.argmin(np.abs(others - self.default))]]
        return values


def _round_spacings(step: float, span: float):
    """1, 2, 2.5 and 5 times powers of ten, from the declared step up to the whole range, that are multiples
    of the step (so every grid value is a value the live slider can take too)."""
    for exponent in range(-8, 9):
        for mantissa in (1, 2, 2.5, 5):
            spacing = mantissa * 10.0 ** exponent
            ratio = spacing / step
            if spacing >= step * (1 - 1e-9) and spacing <= span * (1 + 1e-9) and abs(ratio - round(ratio)) < 1e-6:
                yield spacing


@dataclass(frozen=True)
class ParamSpace:
    """An ordered set of :class:`Param` with an optional joint constraint.

    ``constraint`` receives the validated values and returns an error message (the constraint is violated)
    or ``None``. It documents corners that the model excludes instead of solving.
    """

    params: tuple[Param, ...]
    constraint: Callable[[Mapping[str, float]], str | None] | None = None
    constraint_doc: str = ""
    _index: dict[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate parameter names in {names}")
        object.__setattr__(self, "_index", {p.name: p for p in self.params})

    def __getitem__(self, name: str) -> Param:
        return self._index[name]

    def __iter__(self):
        return iter(self.params)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.params]

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def validate(self, values: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, float]:
        """Return a complete, checked parameter dict: defaults filled in, every value checked.

        Raises :class:`ParameterError` naming the parameter, the value and what is allowed.
        """
        given = dict(values or {}, **kwargs)
        unknown = sorted(set(given) - set(self._index))
        if unknown:
            raise ParameterError(f"unknown parameter(s) {unknown}; allowed names: {self.names}")
        checked = {p.name: p.check(given.get(p.name, p.default)) for p in self.params}
        if self.constraint is not None:
            problem = self.constraint(checked)
            if problem:
                raise ParameterError(problem)
        return checked

    def table(self) -> pd.DataFrame:
        """The chapter's parameter table, generated from the declaration."""
        import pandas as pd

        return pd.DataFrame(
            {
                "Parameter": [p.label + (f" ({p.symbol})" if p.symbol else "") for p in self.params],
                "Unit": [p.unit for p in self.params],
                "Range": [f"{_fmt(p.lo)} to {_fmt(p.hi)}" for p in self.params],
                "Step": [_fmt(p.step) for p in self.params],
                "Default": [_fmt(p.default) for p in self.params],
                "Status": ["illustrative" if p.illustrative else "from a source" for p in self.params],
                "Meaning": [p.meaning for p in self.params],
            }
        )

    def table_html(self) -> str:
        """The parameter table as HTML (a notebook output: myst-nb renders Markdown outputs as CommonMark, which
        has no tables)."""
        text = self.table().to_html(index=False, border=0, classes="workbook-params")
        if self.constraint_doc:
            text += f"<p><em>Joint condition:</em> {html.escape(self.constraint_doc)}</p>"
        return text

    def table_markdown(self) -> str:
        frame = self.table()
        head = "| " + " | ".join(frame.columns) + " |"
        rule = "|" + "---|" * len(frame.columns)
        rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
        text = "\n".join([head, rule, *rows])
        if self.constraint_doc:
            text += f"\n\nJoint condition: {self.constraint_doc}"
        return text


def _fmt(x: float) -> str:
    return f"{x:g}"


def _exact(value: Any, as_float: float) -> str:
    """The value as given, to every digit: 1.0000001 stays 1.0000001 (a whole number prints as one)."""
    if isinstance(value, numbers.Integral):
        return _short_repr(int(value))
    return repr(as_float)


def whole_number(value: Any, name: str, lo: int, hi: int) -> int:
    """A count argument (``n``, ``steps``, ``months``): a whole number from ``lo`` to ``hi``.

    Accepts Python and NumPy integers and whole floats (``41.0``); refuses ``True``, ``2.5``, strings and the rest
    with a :class:`ParameterError` naming ``name``.
    """
    allowed = f"a whole number from {lo} to {hi}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{name} = {_short_repr(value)} is of type {type(value).__name__}; allowed: {allowed}")
    try:
        as_float = float(value)
    except (OverflowError, ValueError, TypeError):
        raise ParameterError(f"{name} = {_short_repr(value)} is out of range; allowed: {allowed}") from None
    if not math.isfinite(as_float) or as_float != round(as_float):
        raise ParameterError(f"{name} = {_exact(value, as_float)} is not a whole number; allowed: {allowed}")
    if not lo <= as_float <= hi:
        raise ParameterError(f"{name} = {_exact(value, as_float)} is out of range; allowed: {allowed}")
    return int(round(as_float))


def number_list(values: Any, name: str, param: "Param", lo_len: int = 1, hi_len: int = 1000) -> list[float]:
    """A sequence argument (``rigidities``, ``demands``): a list or tuple (or 1-D array) of ``lo_len`` to
    ``hi_len`` numbers, each allowed by ``param``; the message names ``name[i]`` for a bad item."""
    allowed = f"a list of {lo_len} to {hi_len} numbers, each {param.allowed}"
    if isinstance(values, np.ndarray) and values.ndim == 1:
        if values.dtype.kind in "fiu" and lo_len <= values.size <= hi_len and not param.integer:
            x = values.astype(float)
            bad = ~(np.isfinite(x) & (x >= param.lo) & (x <= param.hi))
            if not bad.any():  # the figures' fast path: a float grid, checked at once
                return x.tolist()
            i = int(np.argmax(bad))
            param.check(values[i].item(), f"{name}[{i}]")
        values = values.tolist()
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise ParameterError(f"{name} = {_short_repr(values)} is of type {type(values).__name__}; allowed: {allowed}")
    if not lo_len <= len(values) <= hi_len:
        raise ParameterError(f"{name} has {len(values)} items; allowed: {allowed}")
    return [param.check(v, f"{name}[{i}]") for i, v in enumerate(values)]


def _short_repr(value: Any, limit: int = 40) -> str:
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real message
        text = f"<unprintable {type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def names_of(spaces: Iterable[ParamSpace]) -> list[str]:
    return [name for space in spaces for name in space.names]
