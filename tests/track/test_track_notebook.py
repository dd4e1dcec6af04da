"""notebooks/03_targets_vs_outcomes.ipynb runs top to bottom (as tests/test_notebooks.py runs
the others: on this interpreter through a kernel spec in a temporary folder)."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

NB = ROOT / "notebooks" / "03_targets_vs_outcomes.ipynb"
KERNEL = "policy-extract-track-test"


def test_notebook_03_is_committed_without_outputs():
    nb = nbformat.read(NB, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]


def test_notebook_03_runs_top_to_bottom(tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    kdir = tmp_path / KERNEL
    kdir.mkdir()
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "policy_extract tests", "language": "python",
            "env": {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}}
    (kdir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path)], ensure_native_kernel=False)
    nb = nbformat.read(NB, as_version=4)
    client = nbclient.NotebookClient(
        nb, km=KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm), timeout=300,
        allow_errors=False, resources={"metadata": {"path": str(NB.parent)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    text = "\n".join(o.get("text", "") for c in code for o in c.outputs
                     if o.get("output_type") == "stream" and o.get("name") == "stdout")
    assert "长沙市" in text and "with a baseline from the other seed: 5" in text
    charts = [o for c in code for o in c.outputs
              if {"image/png", "image/svg+xml"} & set(o.get("data", {}))]
    assert len(charts) >= 5  # one per seed indicator with a baseline, and the GDP chart


def test_notebook_03_outside_the_repo_says_what_it_needs(tmp_path, monkeypatch):
    nb = json.loads(NB.read_text(encoding="utf-8"))
    cell = next("".join(c["source"]) for c in nb["cells"]
                if c["cell_type"] == "code" and "ROOT =" in "".join(c["source"]))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PE_REPO", raising=False)
    with pytest.raises(SystemExit, match="PE_REPO"):
        exec(cell, {})
    monkeypatch.setenv("PE_REPO", str(ROOT))
    ns: dict = {}
    exec(cell, ns)
    assert ns["ROOT"] == ROOT
