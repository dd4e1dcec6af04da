"""Both notebooks run top to bottom, so they never rot.

The kernel is this very interpreter (a kernel spec written to a temporary
directory), so the test works on a fresh machine with no ``python3`` kernel
installed and never picks up some other environment's kernel.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_seeds_walkthrough.ipynb", "02_error_analysis.ipynb"]
KERNEL = "policy-extract-test"


@pytest.fixture(scope="module")
def kernel_manager_factory(tmp_path_factory):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    kdir = tmp_path_factory.mktemp("kernels") / KERNEL
    kdir.mkdir()
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "policy_extract tests", "language": "python",
            "env": {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}}
    (kdir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    ksm = KernelSpecManager(kernel_dirs=[str(kdir.parent)], ensure_native_kernel=False)

    def make() -> KernelManager:
        return KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm)

    return make


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name):
    """Outputs would go stale with every change to the library; CI regenerates them."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, kernel_manager_factory):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, km=kernel_manager_factory(), timeout=300, allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    text = "\n".join(o.get("text", "") for c in code for o in c.outputs
                     if o.get("output_type") == "stream" and o.get("name") == "stdout")
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert images, "the plot was not displayed"
    if name.startswith("01"):
        assert "policy_extract" in text and "QUANTITIES" in text  # the evaluation table
        for sid in ("000_d383a0f51c78c5f8", "004_1a7ddccc0057efbb"):
            assert f"{sid}.html" in text  # one page per seed was written
    else:
        assert "error rows" in text
