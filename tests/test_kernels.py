"""The reports' own kernel: no other ``python3`` kernel spec can take a run over, and a
kernel that cannot start is a Swedish message naming it."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest

from sonanalys.report import kernels as K
from sonanalys.report.runner import run_reports


def _foreign_python3(folder):
    """A ``python3`` kernel spec of another installation that cannot start (an Anaconda
    removed since), as Jupyter would find it on ``JUPYTER_PATH``."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [str(folder / "anaconda3" / "bin" / "python"), "-m", "ipykernel_launcher"]
    (spec / "kernel.json").write_text(
        json.dumps(
            {"argv": [*argv, "-f", "{connection_file}"], "display_name": "Python 3",
             "language": "python"}
        ),
        "utf-8",
    )  # fmt: skip
    return folder


def test_a_foreign_python3_kernel_spec_does_not_change_a_report(tmp_path, monkeypatch):
    from jupyter_client.kernelspec import KernelSpecManager

    go = dict(only=["04_atgarder"], run_date="2026-01-01", progress=False, force=True)
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    before = run_reports(out=tmp_path / "a", **go)
    assert before.failed == []

    monkeypatch.setenv("JUPYTER_PATH", str(_foreign_python3(tmp_path / "jupyter")))
    # Jupyter itself now finds the foreign spec under the name "python3" …
    found = KernelSpecManager().get_kernel_spec("python3")
    assert found.argv[0].startswith(str(tmp_path / "jupyter"))
    # … and the report is the same, byte for byte
    after = run_reports(out=tmp_path / "b", **go)
    assert after.failed == []
    page = (tmp_path / "a" / before.report("04").html).read_bytes()
    assert page == (tmp_path / "b" / after.report("04").html).read_bytes()
    assert "Summan av åtgärderna 2024 är".encode() in page


def test_the_kernel_is_ours_on_this_interpreter():
    spec = K.kernel_spec()
    assert spec.argv[0] == sys.executable and spec.language == "python"
    specs = K._kernel_specs()
    assert list(specs.find_kernel_specs()) == ["sonanalys"]
    with pytest.raises(Exception, match="python3"):
        specs.get_kernel_spec("python3")


def _notebook(folder):
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "nb.ipynb")
    return folder / "nb.ipynb"


def test_a_kernel_that_cannot_start_is_a_swedish_message_naming_it(tmp_path, monkeypatch):
    real = K.kernel_spec

    def missing():
        spec = real()
        spec.argv = [str(tmp_path / "borta" / "python"), *spec.argv[1:]]
        return spec

    monkeypatch.setattr(K, "kernel_spec", missing)
    src = _notebook(tmp_path / "nb")
    kernels = K.Kernels(tmp_path)
    try:
        error = K.execute(src, tmp_path / "out.ipynb", {}, 30, kernels)
    finally:
        kernels.close()
    assert error.startswith(f"Kärnan sonanalys ({sys.executable}) kunde inte startas: ")
    assert "borta" in error
    assert "\x1b" not in error and "{'" not in error


def test_a_kernel_that_cannot_be_prepared_is_a_swedish_message_without_escapes(
    tmp_path, monkeypatch
):
    # before: "kärnan kunde inte förberedas: {'status': 'error', …, 'traceback': ['\x1b[0;31m…"
    monkeypatch.setattr(K, "_WARM_UP", "import en_modul_som_saknas")
    src = _notebook(tmp_path / "nb")
    kernels = K.Kernels(tmp_path)
    try:
        error = K.execute(src, tmp_path / "out.ipynb", {}, 30, kernels)
    finally:
        kernels.close()
    assert error == (
        f"Kärnan sonanalys ({sys.executable}) kunde inte förberedas: "
        "ModuleNotFoundError: No module named 'en_modul_som_saknas'"
    )


def test_process_alive_asks_without_ending_anything():
    import os
    import subprocess

    assert K.process_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not K.process_alive(child.pid)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert K.process_alive(sleeper.pid)
        assert sleeper.poll() is None  # asked, not ended (os.kill ends it on Windows)
    finally:
        sleeper.kill()
        sleeper.wait()
