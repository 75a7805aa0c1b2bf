"""nbval sees every notebook, and every chapter and solution notebook is stored with its outputs."""
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("book", "exercises", "solutions")


def notebooks(folder):
    return sorted((ROOT / folder).glob("*.ipynb"))


def test_there_are_notebooks_in_every_folder():
    for folder in FOLDERS:
        assert notebooks(folder), f"no notebooks in {folder}/"


@pytest.mark.parametrize("path", notebooks("book") + notebooks("solutions"), ids=lambda p: p.name)
def test_chapter_and_solution_notebooks_are_stored_executed(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cells"
    assert all(c.execution_count for c in code), f"{path.name} has unexecuted cells"
    assert any(c.outputs for c in code), f"{path.name} has no outputs"
    assert "widgets" not in nb.metadata, f"{path.name} stores widget state"


def test_nbval_collects_every_notebook():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "--nbval", "-p", "no:cacheprovider",
         *FOLDERS],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if ".ipynb::" in line}
    on_disk = {str(p.relative_to(ROOT)) for f in FOLDERS for p in notebooks(f)}
    assert collected == on_disk, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.parametrize("path", [p for f in FOLDERS for p in notebooks(f)], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_committed_notebook_is_small_enough_to_review(path):
    """Figures are stored as explorer references, not as every precomputed state (CONTRIBUTING, issue 9)."""
    size = path.stat().st_size
    assert size <= 100_000, f"{path.name} is {size} bytes; a committed notebook stays at or under 100 kB"
    assert "application/vnd.plotly.v1+json" not in path.read_text(encoding="utf8"), f"{path.name} stores plotly JSON"
