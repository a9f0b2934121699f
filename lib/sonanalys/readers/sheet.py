"""Spreadsheets: XLSX (openpyxl) and CSV. Every sheet is read as rows of cells; ``line``
is the spreadsheet row and ``sheet`` the sheet name. Numbers stored as numbers are
written as exact Swedish strings, so the one number reader reads every value."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from ..model import Document, DocumentError
from .encoding import decode
from .render import cell_text, number_text, tab_lines


def _sheet_document(
    sheets: list[tuple[str, list[list[str]]]],
    source: str,
    kind: str,
    problems: list[tuple[str, int, str, str]],
) -> Document:
    from . import read_text

    lines: list[str] = []
    starts: list[int] = []
    for _name, rows in sheets:
        starts.append(len(lines) + 1)
        lines.extend(tab_lines(rows))
        lines.append("")
    doc = read_text("\n".join(lines), source, kind, file_kind=kind)
    doc.page_starts = starts
    doc.sheet_names = [name for name, _ in sheets]
    doc.problems = problems
    return doc


def read_xlsx(data: bytes, source: str) -> Document:
    import openpyxl

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            source, f"XLSX-filen kan inte läsas (skadad eller avkortad: {exc})"
        ) from exc
    sheets: list[tuple[str, list[list[str]]]] = []
    problems: list[tuple[str, int, str, str]] = []
    for ws in values.worksheets:
        wf = formulas[ws.title]
        rows: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            out = []
            for cell in row:
                v = cell.value
                if v is None:
                    f = wf.cell(row=cell.row, column=cell.column).value
                    if isinstance(f, str) and f.startswith("="):
                        problems.append(
                            (
                                ws.title,
                                r,
                                f,
                                "formel utan sparat värde: öppna och spara "
                                "filen i Excel så att värdet räknas ut",
                            )
                        )
                    out.append("")
                elif isinstance(v, bool):
                    out.append(str(v))
                elif isinstance(v, int | float):
                    out.append(number_text(v, percent="%" in (cell.number_format or "")))
                elif isinstance(v, dt.datetime | dt.date):
                    out.append(v.strftime("%Y-%m-%d"))
                else:
                    out.append(cell_text(v))
            rows.append(out)
        sheets.append((ws.title, rows))
    if not any(any(c for c in row) for _, rows in sheets for row in rows):
        raise DocumentError(source, "arbetsboken innehåller inga värden")
    return _sheet_document(sheets, source, "xlsx", problems)


def read_csv(data: bytes, source: str) -> Document:
    text, _enc = decode(data, source)
    if not text.strip():
        raise DocumentError(source, "filen är tom")
    delimiter = _delimiter(text)
    dialect = csv.excel
    rows = [
        [cell_text(c) for c in row]
        for row in csv.reader(io.StringIO(text), dialect, delimiter=delimiter)
    ]
    return _sheet_document([(source, rows)], source, "csv", [])


def _delimiter(text: str) -> str:
    """``;`` or tab when every line splits the same way (Swedish CSV: the comma is the
    decimal sign), else ``,``. Never the csv sniffer, which takes ``11,0`` for two cells."""
    lines = [ln for ln in text.split("\n")[:50] if ln.strip()]
    for d in (";", "\t", ","):
        counts = {len(next(csv.reader([ln], delimiter=d))) for ln in lines}
        if len(counts) == 1 and counts.pop() > 1:
            return d
    for d in (";", "\t"):
        if any(d in ln for ln in lines):
            return d
    return ","
