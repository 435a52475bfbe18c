"""Every notebook in notebooks/ runs top to bottom on a demo store, and is stored without outputs."""

from pathlib import Path

import nbformat
import pytest

from trends import pipeline

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    return pipeline.demo_db(tmp_path_factory.mktemp("nb") / "demo.duckdb")


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"explore.ipynb", "alert_audit.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip the outputs"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, demo_store, monkeypatch, tmp_path):
    from nbclient import NotebookClient

    monkeypatch.setenv("TRENDS_DB", str(demo_store))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # the last cell of each notebook shows a table or a figure, i.e. the notebook got to the end with data
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert any(o.output_type in ("execute_result", "display_data") for o in last.outputs), path.name
