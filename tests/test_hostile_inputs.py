"""Every public model function, called with hostile values, either returns a valid result or raises
ParameterError whose message names the argument as the caller spelled it and says what is allowed (issue 11).

For each public function of ``territorial_trap_workbook.models.*``: a valid baseline call (``BASELINE``), then
each of its arguments — named arguments and every declared parameter it accepts through ``**params`` — set in
turn to each value of ``HOSTILE`` (for sequence arguments also ``HOSTILE_ITEMS`` as their items). Count
arguments must also accept a NumPy integer and a whole float, and refuse 2.5 with a ParameterError. A value
just above a declared range must be printed exactly as given (repr), not rounded.
"""
from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import re
from fractions import Fraction

import numpy as np
import pytest

import territorial_trap_workbook.models as models_pkg
from territorial_trap_workbook.params import ParameterError, ParamSpace

HOSTILE = {
    "None": None, "True": True, "'0.5'": "0.5", "nan": math.nan, "inf": math.inf, "-inf": -math.inf,
    "10**400": 10 ** 400, "Fraction(10**400, 3)": Fraction(10 ** 400, 3), "[0.5]": [0.5], "{'a': 1}": {"a": 1},
    "-10**400": -(10 ** 400), "1e308*10": 1e308 * 10, "object()": object(), "2+0j": 2 + 0j,
}
HOSTILE_ITEMS = {
    "[None]": [None], "[True, False]": [True, False], "['0.5']": ["0.5"], "[nan]": [math.nan], "[inf]": [math.inf],
    "[10**400]": [10 ** 400], "[Fraction(10**400, 3)]": [Fraction(10 ** 400, 3)], "[[0.5]]": [[0.5]],
    "{'a': 1}": {"a": 1}, "{0: 0.5, 1: 0.6}": {0: 0.5, 1: 0.6}, "{0.5, 0.6}": {0.5, 0.6}, "'012'": "012",
    "[]": [], "b'01'": b"01",
}

# A valid call of every public function that needs arguments; functions taking only **params are called bare.
BASELINE = {
    "alliance.contributions": dict(incomes=(100, 20, 10), a=0.2),
    "alliance.leave_utility": dict(side=5),
    "attrition.concession_time": dict(v=0.5),
    "attrition.exhaustion_time": dict(budget=60, cost=2, fatigue=0.0),
    "attrition.mean_persistence": dict(value=0.5),
    "attrition.mixed_persistence": dict(t=1.0, value=0.5),
    "attrition.verdict_flip": dict(name="aid_fatigue"),
    "audience.credibility": dict(p=0.4, a=0.2, c_bar=0.8),
    "audience.resist_probability": dict(q=0.5, p=0.4, u_bar=0.8),
    "audience.stands_firm": dict(p=0.4, a=0.2, c=0.5),
    "audience.war_peak": dict(p=0.4, c_bar=0.8, u_bar=0.8),
    "bargaining.bargaining_range": dict(p=0.5, c_R=0.1, c_U=0.2),
    "bargaining.rubinstein_share": dict(delta_proposer=0.9, delta_responder=0.8),
    "capstone.audience_floor": dict(p=0.5, c_R=0.1, a=0.1),
    "capstone.deadlock_edge": dict(parameter="a"),
    "capstone.deadlock_share": dict(draws=5),
    "cascade.cascade_path": dict(thresholds=[0, 1, 2]),
    "cascade.discrete_cascade": dict(thresholds=[0, 1, 2]),
    "cascade.equilibria": dict(sigmas=[10.0, 12.0]),
    "cascade.response": dict(r=10.0),
    "ceasefire.balance_after": dict(p_U=0.5, g_R=0.05, g_U=0.03, pause=5.0),
    "ceasefire.cumulative_hazard": dict(t=2.0),
    "ceasefire.hazard": dict(t=2.0),
    "ceasefire.survival": dict(t=2.0),
    "ceasefire.risk_in_year": dict(year=1),
    "commitment.war_condition": dict(p1=0.7, p2=0.6, delta=0.9, c_D=0.05),
    "commitment.war_index": dict(p1=0.7, p2=0.6, delta=0.9, c_D=0.05),
    "commitment.war_index_other": dict(p1=0.7, p2=0.6, delta=0.9, c_R=0.05),
    "commitment.stationary_index": dict(p1=0.7, p2=0.6, delta=0.9, c_D=0.05),
    "escalation.constrained_curve": dict(demands=[0.5, 0.6]),
    "escalation.demand_curve": dict(demands=[0.5, 0.6]),
    "mediation.posteriors": dict(q=0.5, accuracy=0.8),
    "mediation.sweep_bias": dict(values={"q": 0.5}),
    "transitions.paths": dict(months=12),
    "winsets.breaking_rigidity": dict(p=0.5, c_R=0.1, c_U=0.2),
    "winsets.deal_curve": dict(rigidities=[0.1, 0.2]),
    "winsets.ratification_limits": dict(p=0.5, c_R=0.1, c_U=0.2, rigidity_R=0.1, rigidity_U=0.1),
    "winsets.whole_region_splits": dict(weights=[0.25, 0.25, 0.5]),
}
# Arguments that hold a sequence of numbers, and arguments that count something (whole numbers).
SEQUENCES = {"incomes", "thresholds", "sigmas", "demands", "rigidities", "weights"}
# Hostile values a sequence argument may accept (a one-item or empty list can be a valid input).
MAY_ACCEPT = {"[0.5]", "[]"}
# Arguments for which None means "the defaults" (besides those whose signature default is None).
NONE_MEANS_DEFAULTS = {("mediation.sweep_bias", "values")}
COUNTS = {"n", "steps", "months", "year", "n_points", "step", "second"}


def public_functions():
    for info in pkgutil.iter_modules(models_pkg.__path__):
        if info.name.startswith("_"):
            continue  # a helper module for the models (models/_search.py), not a model
        module = importlib.import_module(f"{models_pkg.__name__}.{info.name}")
        for name, f in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and f.__module__ == module.__name__:
                yield f"{info.name}.{name}", module, f


FUNCTIONS = {key: (module, f) for key, module, f in public_functions()}


def declared_names(module) -> list[str]:
    names = []
    for value in vars(module).values():
        if isinstance(value, ParamSpace):
            names += [n for n in value.names if n not in names]
    return names


def declared_param(module, name):
    for value in vars(module).values():
        if isinstance(value, ParamSpace) and name in value.names:
            return value[name]
    return None


def arguments(key: str) -> list[str]:
    """The names a caller can spell: named arguments, and the declared parameters accepted through **params."""
    module, f = FUNCTIONS[key]
    base = BASELINE.get(key, {})
    sig = inspect.signature(f)
    names = [n for n, p in sig.parameters.items() if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]
    if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
        for name in declared_names(module):
            if name in names:
                continue
            try:
                f(**{**base, name: declared_param(module, name).default})
            except ParameterError:
                continue  # not a parameter of this function
            names.append(name)
    return names


def problem(f, kwargs: dict, name: str, label: str, *, must_succeed=False, exact=None,
            may_accept=False) -> str | None:
    try:
        f(**kwargs)
    except ParameterError as e:
        message = str(e)
        if must_succeed:
            return f"{name}={label}: refused ({message[:120]})"
        if not re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", message):
            return f"{name}={label}: the message does not name {name!r}: {message[:160]}"
        if "allowed" not in message and "must be" not in message:
            return f"{name}={label}: the message does not say what is allowed: {message[:160]}"
        if exact is not None and exact not in message:
            return f"{name}={label}: the message rounds the value (expected {exact}): {message[:160]}"
        return None
    except Exception as e:  # noqa: BLE001 — the point of the probe
        return f"{name}={label}: raw {type(e).__name__}: {str(e)[:120]}"
    if must_succeed or may_accept:
        return None
    return f"{name}={label}: accepted (a valid result for a value that is not allowed)"


def probe(key: str) -> list[str]:
    module, f = FUNCTIONS[key]
    base = BASELINE.get(key, {})
    f(**base)  # the baseline itself must be valid
    problems = []
    for name in arguments(key):
        values = dict(HOSTILE)
        if name in SEQUENCES:
            values.update(HOSTILE_ITEMS)
        sig_param = inspect.signature(f).parameters.get(name)
        none_ok = (key, name) in NONE_MEANS_DEFAULTS or (sig_param is not None and sig_param.default is None)
        for label, value in values.items():
            may_accept = (name in SEQUENCES and label in MAY_ACCEPT) or (value is None and none_ok)
            p = problem(f, {**base, name: value}, name, label, may_accept=may_accept)
            if p:
                problems.append(p)
        param = declared_param(module, name)
        sig_default = inspect.signature(f).parameters.get(name)
        start = base.get(name, param.default if param is not None else getattr(sig_default, "default", None))
        is_count = name in COUNTS or (param is not None and param.integer)
        if is_count and isinstance(start, (int, float)) and not isinstance(start, bool):
            for label, value in ((f"numpy.int64({int(start)})", np.int64(int(start))),
                                 (f"{float(start)!r}", float(start))):
                p = problem(f, {**base, name: value}, name, label, must_succeed=True)
                if p:
                    problems.append(p)
            p = problem(f, {**base, name: int(start) + 0.5}, name, repr(int(start) + 0.5))
            if p:
                problems.append(p)
        if param is not None and not param.integer and name not in base:
            above = float(np.nextafter(param.hi, math.inf)) + abs(param.hi) * 1e-7 + 1e-7
            p = problem(f, {**base, name: above}, name, repr(above), exact=repr(above), may_accept=True)
            if p:
                problems.append(p)
    return problems


@pytest.mark.parametrize("key", sorted(FUNCTIONS))
def test_hostile_values_get_a_clear_parameter_error(key):
    problems = probe(key)
    assert not problems, f"{key}: {len(problems)} problem(s):\n" + "\n".join(problems)


def test_every_function_with_required_arguments_has_a_baseline():
    missing = [key for key, (_, f) in FUNCTIONS.items()
               if any(p.default is p.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                      for p in inspect.signature(f).parameters.values()) and key not in BASELINE]
    assert not missing, f"add a valid call to BASELINE for {missing}"


def test_messages_print_values_exactly():
    """1.0000001 is not "1" (issue 11): range and joint-condition messages print the value as given."""
    from territorial_trap_workbook.models import bargaining, mediation

    with pytest.raises(ParameterError, match=r"^p = 1\.0000001 is out of range; allowed: "):
        bargaining.solve(p=1.0000001)
    with pytest.raises(ParameterError, match=r"aid = 0\.2000002 exceeds p = 0\.2000001"):
        mediation.apply_leverage(p=0.2000001, aid=0.2000002)


def test_counts_and_sequences_are_checked_by_name():
    from territorial_trap_workbook.models import cascade, escalation, mediation, winsets

    assert cascade.iterate(steps=np.int64(3)) == cascade.iterate(steps=3.0) == cascade.iterate(steps=3)
    with pytest.raises(ParameterError, match=r"^steps = 2\.5 is not a whole number"):
        cascade.iterate(steps=2.5)
    with pytest.raises(ParameterError, match=r"^thresholds"):
        cascade.discrete_cascade({"a": 1})
    with pytest.raises(ParameterError, match=r"^demands\[0\] = True is of type bool"):
        escalation.demand_curve([True])
    with pytest.raises(ParameterError, match=r"^rigidities = None"):
        winsets.deal_curve(None)
    with pytest.raises(ParameterError, match=r"^values = \[0\.5\] is of type list"):
        mediation.sweep_bias([0.5])
    with pytest.raises(ParameterError, match=r"^budget = 10{400}|^budget = 1000"):
        from territorial_trap_workbook.models import attrition
        attrition.exhaustion_time(10 ** 400, 1.0, 0.0)
