"""Small stand-ins for the tests of the report runner: notebooks that each load one
frame and print a number from it, so a run takes seconds, not the real analyses' time;
and a processed folder's documents frame, which says whose and which period each
document is."""

from __future__ import annotations

from pathlib import Path

import nbformat

from sonanalys.report.registry import NOTEBOOKS


def small_notebooks(folder: Path, wait_for: Path | None = None) -> Path:
    """Each report as a notebook that loads one frame and prints a number from it, and
    shows it as a table (a report without figures is empty, see ``runner.shows_figures``); with
    ``wait_for``, 05 says it started (``wait_for``.started) and then sleeps while the file
    ``wait_for`` exists."""
    folder.mkdir(exist_ok=True)
    for name in NOTEBOOKS:
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell(
            "processed_dir = None\nprofile = 'intern'\nmask_threshold = 5\nkpis = None"
        )
        params.metadata["tags"] = ["parameters"]
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# {name}"),
            params,
            nbformat.v4.new_code_cell(
                "import sonanalys\nlen(sonanalys.load('budget', processed_dir)), mask_threshold"
            ),
            # a report shows figures: one with no table and no chart is empty (exit 1)
            nbformat.v4.new_code_cell(
                "import pandas as pd\nfrom sonanalys.report.present import show_table\n"
                "rows = len(sonanalys.load('budget', processed_dir))\n"
                "show_table(pd.DataFrame({'rader': [rows]}), 0, 'Budgetrader')"
            ),
        ]
        if wait_for is not None and name == "05_delarsrapport":
            flag = str(wait_for)
            nb.cells.append(
                nbformat.v4.new_code_cell(
                    f"import os, time\nif os.path.exists({flag!r}):\n"
                    f"    open({flag + '.started'!r}, 'w').close()\n"
                    f"    while os.path.exists({flag!r}):\n        time.sleep(0.1)"
                )
            )
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def documents_frame(folder: Path, rows: list[tuple]) -> Path:
    """``folder`` with a ``documents.parquet`` of ``rows``: (source, municipality,
    doc_year, doc_period) each, as a parse writes it."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=["source", "municipality", "doc_year", "doc_period"]).astype(
        {"doc_year": "Int64"}
    ).to_parquet(folder / "documents.parquet")
    return folder
