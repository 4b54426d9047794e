"""The analyst's notebook (examples/python/east_java_2020.ipynb) runs from top to bottom."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).parents[3]


def test_east_java_notebook_executes():
    nb = nbformat.read(ROOT / "examples" / "python" / "east_java_2020.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    text = "\n".join(
        out.get("text", "") or str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    # Indonesian explanations were produced, and a figure was drawn
    assert "Memenuhi syarat" in text and "Tidak memenuhi syarat" in text
    assert any(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    # no personal data in the outputs (the sample names are "Contoh ...")
    assert "Contoh" not in text
