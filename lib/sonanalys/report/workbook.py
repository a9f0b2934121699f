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


def _whole_words(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word's end (a first word longer
    than that is cut), without a trailing comma or dash."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;–-")


def sheet_name(caption: str, n: int, taken: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\'``, at most 31 characters), numbered
    like the table; a character Excel forbids becomes a space, and spaces run together
    are one (``Örebro: budget`` → ``Örebro budget``); a caption too long is cut after its
    last whole word (the whole caption is on the contents sheet). Names are told apart as
    Excel does, regardless of case."""
    base = " ".join(re.sub(r"[\[\]:*?/\\']", " ", caption).split()) or "Tabell"
    name = _whole_words(f"{n} {base}", 31)
    k = 2
    while name.casefold() in {t.casefold() for t in taken}:
        prefix = f"{n}-{k} "
        name = prefix + _whole_words(base, 31 - len(prefix))
        k += 1
    taken.add(name)
    return name


# the report workbooks speak Swedish, as economists pivot them: a table's column named
# in the data's English gets its Swedish name, a truth value is ja or nej
SWEDISH_HEADERS = {
    "municipality": "kommun",
    "municipality_id": "kommun-id",
    "value": "värde",
    "year": "år",
    "period": "period",
    "source": "källa",
    "line": "rad",
    "page": "sida",
    "unit": "enhet",
    "kpi": "nyckeltal",
    "label": "benämning",
    "status": "status",
    "area": "område",
    "doc_year": "dokumentets år",
    "value_kind": "värdeslag",
    "row_label": "rad i tabellen",
    "column_label": "kolumn",
    "gender": "kön",
}


def _swedish(df):
    import pandas as pd

    df = df.rename(columns={c: SWEDISH_HEADERS.get(str(c), c) for c in df.columns})
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_bool_dtype(s) or (
            s.dtype == object
            and s.map(lambda v: isinstance(v, bool) or v is None).all()
            and s.map(lambda v: isinstance(v, bool)).any()
        ):
            df[c] = s.map(lambda v: None if v is None else ("ja" if v else "nej"))
    return df


def write_tables(nb_path: Path, path: Path, title: str, params: dict, run_date: str) -> str:
    """The report's tables as a workbook beside its HTML (one sheet per table, with
    caption and source on the contents sheet); '' when the report shows no table.
    Headers and truth values in Swedish (``SWEDISH_HEADERS``, ja/nej); years as years."""
    import pandas as pd

    from ..export import write_workbook
    from .registry import HIDDEN_PARAMS, PARAM_LABELS, param_value

    tables = report_tables(nb_path)
    if not tables:
        return ""
    sheets: dict[str, pd.DataFrame] = {}
    about: dict[str, str] = {}
    shown: dict[str, list[list]] = {}  # per cell, the decimals the page shows
    taken: set[str] = set()
    for i, t in enumerate(tables, start=1):
        name = sheet_name(t.get("caption", ""), i, taken)
        sheets[name] = _swedish(pd.DataFrame(t["rows"], columns=t["columns"]))
        if t.get("decimals"):
            shown[name] = t["decimals"]
        about[name] = " — ".join(
            x
            for x in (t.get("caption", ""), f"Källa: {t['source']}" if t.get("source") else "")
            if x
        )
    params_shown = ", ".join(
        f"{PARAM_LABELS.get(k, k)} {param_value(v)}"
        for k, v in params.items()
        if k not in HIDDEN_PARAMS  # folders are not the reader's business
    )
    write_workbook(
        path,
        sheets,
        about,
        title=f"{title}: underlag",
        source=f"körd {run_date}; {params_shown}",
        shown=shown,
    )
    return path.name
