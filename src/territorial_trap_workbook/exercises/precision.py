"""The precision a numeric question asks for, and whether an answer meets it.

A question states its precision in words, and the check uses the same words (``Precision.phrase``):

* ``{"sig_figs": 3}`` — "to 3 significant figures": right when the answer is within half a unit of the third
  significant figure of the exact value, so the correctly rounded answer and any more precise one are right;
* ``{"decimals": 2}`` — "to 2 decimal places": the same with the unit 0.01;
* ``{"within": 0.03}`` — "to within 0.03" (reading a figure): right when no further than 0.03 from the exact value;
* ``{"whole": true}`` — "as a whole number" (a count): right only when equal.

An answer that is the exact value rounded or cut off one place too early (0.94 or 0.93 for 0.9351 at 3
significant figures), or cut off instead of rounded (0.935 for 0.9358), is *close*: the feedback asks for the stated precision instead of
saying "too high". ``within`` and ``whole`` have
no such band: a reading is inside its tolerance or not, and a count is exact.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

KINDS = ("sig_figs", "decimals", "within", "whole")
RIGHT, CLOSE, HIGH, LOW = "right", "close", "too high", "too low"
_SLACK = 1e-9  # relative slack on a tolerance, so that a correctly rounded answer is never lost to float error


class PrecisionError(ValueError):
    """A part's precision is malformed, or cannot be applied to its exact value (an author's mistake)."""


@dataclass(frozen=True)
class Precision:
    kind: str
    value: float

    @classmethod
    def from_spec(cls, spec: Any, where: str = "precision") -> "Precision":
        """Read one of ``{"sig_figs": n}``, ``{"decimals": n}``, ``{"within": t}``, ``{"whole": true}``."""
        if not isinstance(spec, dict):
            raise PrecisionError(f"{where} must be a mapping like {{'sig_figs': 3}}, not {spec!r}")
        given = [k for k in KINDS if k in spec]
        if len(given) != 1 or len(spec) != 1:
            raise PrecisionError(f"{where} must have exactly one of {', '.join(KINDS)}; got {sorted(spec)}")
        kind = given[0]
        value = spec[kind]
        if kind == "whole":
            if value is not True:
                raise PrecisionError(f"{where}.whole must be true, not {value!r}")
            return cls(kind, 1)
        if kind in ("sig_figs", "decimals"):
            low = 1 if kind == "sig_figs" else 0
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 12:
                raise PrecisionError(f"{where}.{kind} must be a whole number from {low} to 12, not {value!r}")
            return cls(kind, value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (math.isfinite(value) and value > 0):
            raise PrecisionError(f"{where}.within must be a positive finite number, not {value!r}")
        return cls(kind, float(value))

    def to_spec(self) -> dict[str, Any]:
        return {self.kind: True if self.kind == "whole" else self.value}

    @property
    def phrase(self) -> str:
        """How a question states the precision; the feedback uses the same words."""
        if self.kind == "sig_figs":
            return f"to {int(self.value)} significant figure{'s' if self.value != 1 else ''}"
        if self.kind == "decimals":
            n = int(self.value)
            return f"to {n} decimal place{'s' if n != 1 else ''}"
        if self.kind == "within":
            return f"to within {self.value:g}"
        return "as a whole number"

    def unit(self, expected: float) -> float:
        """The size of one unit in the last place asked for, for this exact value."""
        if self.kind == "sig_figs":
            if expected == 0:
                raise PrecisionError("an exact value of 0 has no significant figures: ask for decimal places")
            return 10.0 ** (math.floor(math.log10(abs(expected))) - int(self.value) + 1)
        if self.kind == "decimals":
            return 10.0 ** -int(self.value)
        return 0.0

    def check_expected(self, expected: float) -> None:
        """Raise PrecisionError if this precision cannot judge answers for ``expected``."""
        self.unit(expected)

    def verdict(self, x: float, expected: float) -> str:
        """RIGHT, CLOSE, HIGH or LOW for a finite answer ``x``."""
        diff = abs(x - expected)
        if self.kind == "whole":
            ok = diff <= _SLACK * max(1.0, abs(expected))
        elif self.kind == "within":
            ok = diff <= self.value * (1 + _SLACK)
        else:
            u = self.unit(expected)
            ok = diff <= 0.5 * u * (1 + _SLACK)
            if not ok and self._rounded_too_coarsely(x, expected, u):
                return CLOSE
        if ok:
            return RIGHT
        return HIGH if x > expected else LOW

    @staticmethod
    def _rounded_too_coarsely(x: float, expected: float, u: float) -> bool:
        """Is ``x`` the exact value cut off at the place asked for, or rounded or cut one place too early?"""
        for step in (u, 10 * u):
            q = abs(expected) / step
            for digits in (math.floor(q + 0.5), math.floor(q)):  # rounded, cut off
                candidate = math.copysign(digits * step, expected)
                if digits and abs(x - candidate) <= 1e-6 * step:
                    return True
        return False
