"""Wall time of the whole ``sonanalys report`` run beside a floor measured in the same run.

The floor is the same machinery — papermill (a kernel per notebook), nbconvert export,
our header/TOC, index and the folder swap — on as many trivial notebooks (a heading and
``1 + 1``) with the same names. The difference is the cost of our own analyses: loading
the frames, the computations and the charts.

A second floor is papermill and nbconvert alone, as the issue names them: each trivial
notebook executed by ``papermill.execute_notebook`` in a new kernel and exported by
nbconvert's HTML exporter without code, nothing of ours. The ratio is given against both.

The re-run is a second run with nothing changed (the reports are kept, see
``report_key``), as a share of the cold run.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/report_wall.py
[--jobs 1 2] [--repeat 3]``. Processed data are made first, so parsing is not counted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from sonanalys import paths
from sonanalys.pipeline import ensure_processed
from sonanalys.report.registry import NOTEBOOKS
from sonanalys.report.runner import run_reports


def trivial_notebooks(folder: Path) -> Path:
    for name in NOTEBOOKS:
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell(
            "processed_dir = None\nprofile = 'intern'\nmask_threshold = 5"
        )
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), params]
        nb.cells.append(nbformat.v4.new_code_cell("1 + 1"))
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def timed(out: Path, jobs: int, notebooks_dir: Path | None, force: bool = True) -> float:
    t0 = time.perf_counter()
    s = run_reports(
        out=out,
        jobs=jobs,
        notebooks_dir=notebooks_dir,
        run_date="2026-01-01",
        progress=False,
        force=force,  # a cold run: nothing kept from the previous one
    )
    secs = time.perf_counter() - t0
    if s.failed:
        raise SystemExit(f"notebook failed: {[r.name for r in s.failed]}")
    return secs


def bare_tools(folder: Path, out: Path) -> float:
    """papermill + nbconvert alone on the trivial notebooks, one after the other."""
    import papermill as pm
    from nbconvert import HTMLExporter

    out.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    for name in NOTEBOOKS:
        executed = out / f"{name}.ipynb"
        pm.execute_notebook(
            str(folder / f"{name}.ipynb"),
            str(executed),
            kernel_name="python3",
            progress_bar=False,
            extra_arguments=["--log-level=ERROR"],  # the kernel's start-up noise
        )
        exporter = HTMLExporter()
        exporter.exclude_input = True
        body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
        (out / f"{name}.html").write_text(body, encoding="utf-8")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ensure_processed([paths.RAW], paths.PROCESSED)
    n = len(NOTEBOOKS)
    print(f"sonanalys report: {n} notebookar, median av {args.repeat} körningar, sekunder")
    print(
        f"{'jobs':>4} {'rapporter':>10} {'golv':>8} {'kvot':>6} {'egna analyser':>14} "
        f"{'per notebook':>13} {'omkörning':>10} {'av kall':>8} {'pm+nbconvert':>13} {'kvot':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "trivial").mkdir()
        trivial = trivial_notebooks(tmp / "trivial")
        for jobs in args.jobs:
            full, floor, tools = [], [], []
            for _ in range(args.repeat):  # interleaved, so drift hits all alike
                full.append(timed(tmp / "full", jobs, None))
                floor.append(timed(tmp / "floor", jobs, trivial))
                if jobs == 1:  # the bare tools run one notebook at a time
                    tools.append(bare_tools(trivial, tmp / "tools"))
            f, g = statistics.median(full), statistics.median(floor)
            b = statistics.median(tools) if tools else None
            # nothing changed since the last run: every report is kept, none executed
            again = statistics.median(
                timed(tmp / "full", jobs, None, force=False) for _ in range(args.repeat)
            )
            bare = f"{b:>13.2f} {f / b:>5.1f}×" if b else f"{'':>13} {'':>6}"
            print(
                f"{jobs:>4} {f:>10.2f} {g:>8.2f} {f / g:>5.1f}× {f - g:>14.2f} "
                f"{(f - g) / n:>13.2f} {again:>10.2f} {100 * again / f:>7.1f}% {bare}"
            )


if __name__ == "__main__":
    main()
