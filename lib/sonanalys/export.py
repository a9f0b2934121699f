"""What an economist opens: CSV that a spreadsheet cannot run, and Excel workbooks.

**Safe CSV** (OWASP's CSV-injection guidance): a text field that begins with ``=``, ``+``,
``@``, a tab or a carriage return — or with ``-`` and is not a number — is written with a
leading ``'``, so Excel and LibreOffice show it as text instead of running it as a
formula. Numbers are untouched; the parquet files keep the exact text.

**Workbooks** (openpyxl): one sheet per frame after a first sheet ``Innehåll`` that says what
each sheet holds and where it came from; numbers stored as numbers with a display format
that Excel renders in the reader's locale (Swedish Excel: ``1 801,5``), years and line
numbers without digit grouping, text always stored as text (never a formula), the header
row frozen, an autofilter, column widths from the content. Byte-identical on the same
input: the workbook's own timestamps are fixed.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .io import atomic_write
from .numparse import parse_number

_DANGEROUS_START = ("=", "+", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_576
# columns whose numbers are years, line or page numbers: shown as 2022, never 2 022
PLAIN_COLUMNS = re.compile(
    r"^(year|doc_year|line|page|first_year|last_year|år|rad|sida|n_.*|rank|count)$"
)
_FIXED_TIME = "2000-01-01T00:00:00Z"


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        pass
    try:
        parse_number(text)
        return True
    except ValueError:
        return False


def safe_text(value: object) -> object:
    """``value`` made safe for a CSV a spreadsheet opens (see the module's doc)."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_DANGEROUS_START) or (value.startswith("-") and not _is_number(value)):
        return "'" + value
    return value


def safe_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell made safe; numeric columns as they are."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(safe_text)
    return out


def _cell_value(v: object) -> object:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float | np.floating) and math.isnan(v):
        return None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_ | bool):
        return "ja" if v else "nej"
    return v


def _number_format(name: str, s: pd.Series) -> str | None:
    if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return None
    if PLAIN_COLUMNS.match(str(name)):
        return "0"
    vals = pd.to_numeric(s, errors="coerce").dropna()
    decimals = 0
    for v in vals.head(2000):
        text = f"{float(v):.6f}".rstrip("0")
        decimals = max(decimals, len(text.split(".")[1]) if "." in text else 0)
    decimals = min(decimals, 3)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _sheet(wb, title: str, df: pd.DataFrame) -> int:
    """One frame as a sheet; returns the number of rows written (Excel's limit holds)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    cols = [str(c) for c in df.columns]
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    rows = df.head(EXCEL_MAX_ROWS - 1)
    formats = {i: _number_format(c, rows[c]) for i, c in enumerate(rows.columns)}
    widths = [len(c) for c in cols]
    for r_idx, row in enumerate(rows.itertuples(index=False), start=2):
        for c_idx, v in enumerate(row):
            v = _cell_value(v)
            if v is None:
                continue
            cell = ws.cell(row=r_idx, column=c_idx + 1)
            if isinstance(v, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
                cell.data_type = "s"  # openpyxl would take "=…" for a formula
            else:
                cell.value = v
                if formats[c_idx]:
                    cell.number_format = formats[c_idx]
            if r_idx < 500:
                widths[c_idx] = max(widths[c_idx], len(str(v)))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 8), 60)
    ws.freeze_panes = "A2"
    if len(cols):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"
    return len(rows)


def _reproducible(data: bytes) -> bytes:
    """The workbook's zip with fixed entry times and fixed created/modified dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + _FIXED_TIME.encode() + rb"\g<3>",
                    body,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


def write_workbook(
    path: Path,
    sheets: Mapping[str, pd.DataFrame],
    descriptions: Mapping[str, str] | None = None,
    title: str = "",
    source: str = "",
) -> Path:
    """``sheets`` (name → frame) as one workbook at ``path``, with a first sheet
    ``Innehåll``: what each sheet holds, its rows, and where it came from."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    toc = wb.active
    toc.title = "Innehåll"
    toc.append([title or "Innehåll"])
    toc["A1"].font = Font(bold=True, size=13)
    if source:
        toc.append([f"Källa: {source}"])
    toc.append([])
    toc.append(["blad", "rader", "innehåll"])
    for cell in toc[toc.max_row]:
        cell.font = Font(bold=True)
    for name, df in sheets.items():
        n = _sheet(wb, name, df)
        what = (descriptions or {}).get(name, "")
        if n < len(df):
            what += f" (bara de första {n} av {len(df)} raderna: Excels gräns; se parquet-filen)"
        toc.append([name[:31], n, what])
        for cell in toc[toc.max_row]:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    toc.column_dimensions["A"].width = 24
    toc.column_dimensions["B"].width = 8
    toc.column_dimensions["C"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    data = _reproducible(buf.getvalue())
    atomic_write(Path(path), lambda p: p.write_bytes(data))
    return Path(path)
