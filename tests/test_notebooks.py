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


def _root_cell(name: str) -> str:
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"]
                if c["cell_type"] == "code" and "ROOT =" in "".join(c["source"]))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_outside_the_repo_says_what_it_needs(name, tmp_path, monkeypatch):
    """A notebook copied elsewhere names PE_REPO in one line (it used to die on StopIteration)."""
    cell = _root_cell(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PE_REPO", raising=False)
    with pytest.raises(SystemExit) as exc:
        exec(cell, {})
    msg = str(exc.value)
    assert "PE_REPO" in msg and "\n" not in msg
    monkeypatch.setenv("PE_REPO", str(ROOT))
    ns: dict = {}
    exec(cell, ns)
    assert ns["ROOT"] == ROOT
    monkeypatch.setenv("PE_REPO", str(tmp_path))  # set, but not the repository: said so
    with pytest.raises(SystemExit, match="PE_REPO"):
        exec(cell, {})


def test_readme_notebook_commands_are_installed_by_the_dev_extra():
    """Every ``jupyter X`` the README tells users to run comes with ``pip install -e ".[dev]"``."""
    import re
    import tomllib
    from importlib.metadata import PackageNotFoundError, distribution

    tools = {"nbconvert": "nbconvert", "execute": "nbclient", "lab": "jupyterlab",
             "notebook": "notebook"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subs = re.findall(r"^\s*jupyter ([\w-]+)", readme, re.M)
    assert subs, "the README gives no command to run the notebooks"
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = {re.split(r"[<>=\[ ;]", r)[0].lower().replace("_", "-")
           for r in dev["project"]["optional-dependencies"]["dev"]}
    for sub in subs:
        dist = tools[sub]
        assert dist in dev, f"jupyter {sub}: add {dist} to the dev extra"
        try:
            distribution(dist)
        except PackageNotFoundError:
            pytest.fail(f"jupyter {sub} needs {dist}, not installed: pip install -e '.[dev]'")
    if "nbconvert" in subs:  # --execute runs the notebook on a kernel: ipykernel provides it
        assert {"nbclient", "ipykernel"} <= dev


def test_notebook_02_plot_uses_a_cjk_font_with_fallbacks():
    """Cause names hold Chinese (元): the plot must ask for CJK fonts, the first installed wins."""
    import ast

    import matplotlib
    from matplotlib import font_manager

    nb = json.loads((NOTEBOOKS / "02_error_analysis.ipynb").read_text(encoding="utf-8"))
    src = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    # the notebook's font statements (and their imports), run here as they run there
    keep = ("CJK", "plt.rcParams", "import matplotlib.pyplot")
    setup = "\n".join(seg for st in ast.parse(src).body
                      if (seg := ast.get_source_segment(src, st)).startswith(keep))
    with matplotlib.rc_context():
        ns: dict = {}
        exec(setup, ns)
        fams = matplotlib.rcParams["font.sans-serif"]
        assert matplotlib.rcParams["font.family"] == ["sans-serif"]
        assert fams[:4] == ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
                            "Microsoft YaHei"] and len(fams) > 4
        # the font actually chosen draws 元 wherever a CJK font is installed (a fresh scan:
        # matplotlib's cached font list predates fonts installed later)
        fm = font_manager.FontManager()
        if not {f.name for f in fm.ttflist} & set(fams[:-1]):
            pytest.skip("no CJK font installed (apt-get install -y fonts-noto-cjk)")
        from matplotlib.ft2font import FT2Font

        path = fm.findfont(font_manager.FontProperties(family=fams), fallback_to_default=False)
        assert FT2Font(path).get_char_index(ord("元")), path
