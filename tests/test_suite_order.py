"""The order `make test` hands scopes to its workers (``conftest.scope_order``): the slowest first, so that no
long test is left to run alone at the end."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import SCOPE_SECONDS, scope_order, suite_scope

ROOT = Path(__file__).resolve().parents[1]


def test_every_timed_scope_still_exists():
    """A renamed module or class would silently fall back to the default estimate: each listed scope is a test
    module of this folder, and a class scope names a class in it."""
    for scope in SCOPE_SECONDS:
        module, _, cls = scope.partition("::")
        path = ROOT / module
        assert path.is_file(), f"{scope}: no {module}"
        if cls:
            assert re.search(rf"^class {re.escape(cls)}\b", path.read_text(encoding="utf8"), re.M), \
                f"{scope}: no class {cls} in {module}"


def test_slow_scopes_go_first_and_scopes_stay_whole():
    ids = ["tests/test_params.py::test_a", "tests/test_params.py::test_b[1]",
           "tests/test_browser_live.py::TestVoila::test_keyboard_slider_redraws_the_model",
           "book/01-ultimatum.ipynb::Cell 0", "book/01-ultimatum.ipynb::Cell 1",
           "tests/test_hub.py::test_student_on_a_real_hub", "tests/test_params.py::test_c"]
    ordered = scope_order(ids)
    assert sorted(ordered) == sorted(ids)
    assert [suite_scope(n) for n in ordered] == [
        "tests/test_hub.py", "tests/test_browser_live.py::TestVoila", "book/01-ultimatum.ipynb",
        "book/01-ultimatum.ipynb", "tests/test_params.py", "tests/test_params.py", "tests/test_params.py"]
    assert ordered[-3:] == ["tests/test_params.py::test_a", "tests/test_params.py::test_b[1]",
                            "tests/test_params.py::test_c"]
