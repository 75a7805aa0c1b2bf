"""Re-execute the committed notebooks deterministically.

* cells run in the notebook's own folder, in order, with a fixed hash seed;
* no widget state is written (FigureWidget state would embed the whole of plotly.js in the file);
* live widget views are dropped from the stored outputs: their model ids are random and, without a kernel,
  they can only show an error — the static plotly figure in the same bundle is what a saved notebook shows;
* execution timings and counts are normalised so a re-run without a real change makes no diff.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FOLDERS = ("book", "solutions")


def notebooks_under(root: Path, folders=FOLDERS) -> list[Path]:
    return sorted(p for f in folders for p in (root / f).glob("*.ipynb"))


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)  # authoring detail of the MyST source, not part of the notebook
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        kept = []
        for out in cell.get("outputs", []):
            if "data" in out:
                out["data"].pop(WIDGET_MIME, None)
                if not out["data"]:
                    continue
            if "execution_count" in out:
                out["execution_count"] = count
            kept.append(out)
        cell.outputs = kept
    return nb


def execute(path: Path, timeout: int = 300) -> float:
    """Execute one notebook in place; return the seconds it took."""
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(clean(nb), path)
    return time.perf_counter() - start
