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


# --- the order in which `make test` hands work to its two workers ----------------------------------------------
# `--dist loadscope` gives a worker a whole module (or test class) at a time. pytest-xdist's default order puts
# the scopes with the most tests first, so the slowest scopes -- each a single long test (the hub, the two Voila
# servers, JupyterLab) -- went last, and one worker ran them alone for minutes while the other was idle. `make
# test` passes `--no-loadscope-reorder` and each worker orders its collection here instead: longest first (the
# longest-processing-time rule), from the seconds each scope took in a timed run of the suite (junit XML of
# `make test`, 2 workers, a loaded 2-core machine; only their order matters; the six browser_static classes from
# a run of that module alone, 2 workers, as loaded, after one tab per class and one small-screen load per page).
# A scope not listed is estimated at SECONDS_PER_TEST per test (the mean of the unlisted ones), a notebook
# (nbval) at SECONDS_PER_NOTEBOOK.
SCOPE_SECONDS = {
    "tests/test_browser_static.py::TestStudentEdition": 287,
    "tests/test_hub.py": 210,
    "tests/test_browser_static.py::TestStudentEditionSmallScreens": 201,
    "tests/test_grading.py": 198,
    "tests/test_browser_live.py::TestVoila": 198,
    "tests/test_browser_live.py::TestVoilaLaterChapters": 192,
    "tests/test_book_build.py": 160,
    "tests/test_check_cli.py": 147,
    "tests/test_browser_static.py::TestSelfStudyEdition": 101,
    "tests/test_dependencies.py": 87,
    "tests/test_browser_live.py::TestJupyterLab": 85,
    "tests/test_model_rival_track.py": 78,
    "tests/test_statics_register.py": 77,
    "tests/test_execute.py": 58,
    "tests/test_browser_static.py::TestInstructorEdition": 51,
    "tests/test_model_contest.py": 50,
    "tests/test_browser_static.py::TestInstructorEditionSmallScreens": 34,
    "tests/test_model_ceasefire.py": 32,
    "tests/test_model_attrition.py": 30,
    "tests/test_nbgrader.py": 30,
    "tests/test_browser_static.py::TestSelfStudyEditionSmallScreens": 28,
    "tests/test_model_mediation.py": 28,
    "tests/test_self_study.py": 22,
    "tests/test_notebook_inventory.py": 21,
    "tests/test_print.py": 20,
}
SECONDS_PER_TEST = 0.1
#: A chapter notebook under nbval (its kernel and the imports of its first cell): 25-38 s in that run; an
#: exercise or solution notebook 4-8 s.
SECONDS_PER_NOTEBOOK = {"book": 30, "other": 6}


def suite_scope(nodeid: str) -> str:
    """The unit `--dist loadscope` hands to one worker: the node id up to its last ``::`` (module or class)."""
    return nodeid.rsplit("::", 1)[0]


def scope_order(nodeids: list[str]) -> list[str]:
    """``nodeids`` with whole scopes ordered by their expected seconds, longest first (stable otherwise)."""
    counts: dict[str, int] = {}
    for nodeid in nodeids:
        counts[suite_scope(nodeid)] = counts.get(suite_scope(nodeid), 0) + 1

    def seconds(scope: str) -> float:
        if scope in SCOPE_SECONDS:
            return SCOPE_SECONDS[scope]
        if scope.endswith(".ipynb"):
            return SECONDS_PER_NOTEBOOK["book" if scope.startswith("book/") else "other"]
        return SECONDS_PER_TEST * counts[scope]

    first_seen = {scope: i for i, scope in reversed(list(enumerate(suite_scope(n) for n in nodeids)))}
    return sorted(nodeids, key=lambda n: (-seconds(suite_scope(n)), first_seen[suite_scope(n)]))


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER") and not config.getoption("loadscopereorder", True):
        position = {nodeid: i for i, nodeid in enumerate(scope_order([item.nodeid for item in items]))}
        items.sort(key=lambda item: position[item.nodeid])
