"""Test-wide settings.

Hypothesis runs derandomised: the same examples on every run and every machine, so a clean clone in CI
sees exactly what the last local run saw (set HYPOTHESIS_PROFILE=explore for fresh random examples while
developing). No deadline: a loaded 2-core CI machine must not turn slow examples into failures.
"""
import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURE_SOLUTIONS = Path(__file__).parent / "fixtures" / "solutions"


@pytest.fixture(scope="session")
def fixture_key(tmp_path_factory):
    """The fixture solution's answer key, computed once per session by running it (one kernel): the path of a
    key file for ``WORKBOOK_ANSWER_KEY`` and the key document."""
    from territorial_trap_workbook.exercises.answer_key import render_key
    from territorial_trap_workbook.exercises.solution_key import build_key

    doc = build_key(sorted(FIXTURE_SOLUTIONS.glob("*.ipynb")))
    path = tmp_path_factory.mktemp("key") / "fixture-key.json"
    path.write_text(render_key(doc), encoding="utf-8")
    return path, doc
