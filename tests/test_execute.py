"""Re-execution stores clean, deterministic outputs."""
import nbformat

from territorial_trap_workbook.notebooks.execute import WIDGET_MIME, clean, execute


def _notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from territorial_trap_workbook.explorers import show\n"
                                  "from territorial_trap_workbook.figures.bargaining import EXPLORER\n"
                                  "show(EXPLORER)"),
        nbformat.v4.new_code_cell("print(1 + 1)"),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    return path


def test_execution_is_deterministic_and_stores_no_widget_state(tmp_path):
    path = _notebook(tmp_path)
    execute(path)
    first = path.read_text()
    execute(path)
    assert path.read_text() == first
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata
    assert WIDGET_MIME not in first
    # The figure is stored as a reference to its explorer, never as plotly JSON with every state.
    assert "application/vnd.territorial-trap.explorer+json" in first
    assert "application/vnd.plotly.v1+json" not in first
    assert [c.execution_count for c in nb.cells] == [1, 2]


def test_clean_drops_widget_views_and_timings():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata["execution"] = {"iopub.status.busy": "2026"}
    cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_MIME: {"model_id": "a"}})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {"state": {}}
    out = clean(nb)
    assert out.cells[0].outputs == [] and "execution" not in out.cells[0].metadata
    assert "widgets" not in out.metadata
