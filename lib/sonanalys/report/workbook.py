"""A report's workbook (``NAME.xlsx`` beside its HTML): the tables the report shows, as
numbers, one sheet per table, with each table's caption and source on the contents sheet
— the *underlag* an economist reworks."""

from __future__ import annotations

import re
from pathlib import Path


def report_tables(nb_path: Path) -> list[dict]:
    """The tables a report shows, as data (``present.show_table``'s bundle), in order."""
    import nbformat

    from .present import TABLE_MIME

    nb = nbformat.read(nb_path, as_version=4)
    return [
        out["data"][TABLE_MIME]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if TABLE_MIME in out.get("data", {})
    ]


def sheet_name(caption: str, n: int, taken: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\'``, at most 31 characters), numbered
    like the table; a character Excel forbids becomes a space, and spaces run together
    are one (``Örebro: budget`` → ``Örebro budget``)."""
    base = " ".join(re.sub(r"[\[\]:*?/\\']", " ", caption).split()) or "Tabell"
    name = f"{n} {base}"[:31].strip()
    while name in taken:
        name = f"{n}-{len(taken)} {base}"[:31].strip()
    taken.add(name)
    return name


def write_tables(nb_path: Path, path: Path, title: str, params: dict, run_date: str) -> str:
    """The report's tables as a workbook beside its HTML (one sheet per table, with
    caption and source on the contents sheet); '' when the report shows no table."""
    import pandas as pd

    from ..export import write_workbook

    tables = report_tables(nb_path)
    if not tables:
        return ""
    sheets, about, taken = {}, {}, set()
    for i, t in enumerate(tables, start=1):
        name = sheet_name(t.get("caption", ""), i, taken)
        sheets[name] = pd.DataFrame(t["rows"], columns=t["columns"])
        about[name] = " — ".join(
            x
            for x in (t.get("caption", ""), f"Källa: {t['source']}" if t.get("source") else "")
            if x
        )
    folders = ("processed_dir", "data_dir")  # not the reader's business
    shown = ", ".join(f"{k} {v}" for k, v in params.items() if k not in folders)
    write_workbook(
        path, sheets, about, title=f"{title}: underlag", source=f"körd {run_date}; {shown}"
    )
    return path.name
