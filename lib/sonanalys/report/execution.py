"""Executing a notebook with papermill in a warm kernel (``kernels``), and the executed
copy kept for audit made a function of its inputs."""

from __future__ import annotations

from pathlib import Path

from .kernels import Kernels, execute

_TIMING = ("start_time", "end_time", "duration")


def normalise_executed(path: Path, final_path: Path) -> None:
    """Make the audit copy a function of its inputs: papermill's and the kernel's
    timestamps go (the run date is in the report's header) and the output path is
    the final one, not the temporary folder's — so two runs give identical files."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in _TIMING:
        pm_meta.pop(key, None)
    if pm_meta:
        pm_meta["output_path"] = str(final_path)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random one
        cell.metadata.pop("execution", None)
        for key in _TIMING:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, path)


def papermill_without_chdir() -> None:
    """Papermill's local file handler is one object for the whole process and chdirs into
    a remembered folder around every read and write; with notebooks run in threads, one
    thread's restore can leave the process in another folder (seen in a test: the working
    directory ended up elsewhere). Our paths are absolute, so the handler need not chdir:
    its folder stays None, which papermill's chdir treats as a no-op."""
    from papermill.iorw import papermill_io

    handler = papermill_io.get_handler("local")
    handler._cwd = None
    handler.cwd = lambda new_path=None: None


def execute_notebook(
    name, src_dir, tmp, params, timeout, kernels: Kernels, stem: str | None = None
) -> str:
    """Run one notebook in this worker's warm kernel into ``executed/STEM.ipynb``; the
    error, or ``""``."""
    src = Path(src_dir) / f"{name}.ipynb"
    return execute(src, tmp / "executed" / f"{stem or name}.ipynb", params, timeout, kernels)
