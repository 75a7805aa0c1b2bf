"""Where a yes/no property of a model changes along one parameter: a scan, then bisection.

Shared by :func:`.attrition.verdict_flip` (where the simulation's verdict changes) and
:func:`.capstone.deadlock_edge` (where the ratifiable range closes). Neither property is a continuous function
with a sign one could hand to a root finder (NumPy has none and SciPy is not a core dependency), only a test
that is true on one side of the switch and false on the other; bisection on that test is all either needs.

A helper module, not a model: its functions take a Python callable and are called only by the models, so the
hostile-input probe of public model functions leaves this module out (its name starts with an underscore).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable


def first_change(changed: Callable[[float], bool], start: float,
                 points: Iterable[float]) -> tuple[float, float] | None:
    """Walk ``points`` (ordered away from ``start``) and return ``(inner, outer)``: the last point where
    ``changed`` was false (``start`` if none) and the first where it is true; ``None`` if it never is."""
    inner = start
    for x in points:
        if changed(x):
            return inner, x
        inner = x
    return None


def bisect_change(changed: Callable[[float], bool], inner: float, outer: float, *,
                  iterations: int = 60, tol: float = 0.0) -> tuple[float, float]:
    """Narrow a bracket where ``changed(inner)`` is false and ``changed(outer)`` is true.

    Halves the bracket ``iterations`` times, or until its width is at most ``tol``, keeping the two ends on
    their own sides, and returns the final ``(inner, outer)``; the caller picks the end (or the midpoint) it
    reports.
    """
    for _ in range(iterations):
        mid = (inner + outer) / 2
        if changed(mid):
            outer = mid
        else:
            inner = mid
        if abs(outer - inner) <= tol:
            break
    return inner, outer
