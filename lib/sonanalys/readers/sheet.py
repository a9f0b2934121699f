"""Spreadsheets: XLSX (openpyxl), XLS (xlrd) and CSV. Every sheet is read as rows of cells; ``line``
is the spreadsheet row and ``sheet`` the sheet name. Numbers stored as numbers are
written as exact Swedish strings, so the one number reader reads every value."""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib

from .. import memo
from ..model import Document, DocumentError
from . import limits
from .encoding import decode
from .limits import check_cells, check_zip, damaged_why
from .render import captions_above, cell_text, marked_header_rows, number_text, tab_lines


def _sheet_document(
    sheets: list[tuple[str, list[list[str]]]],
    source: str,
    kind: str,
    problems: list[tuple[str, int, str, str]],
    header_rows: list[set[int]] | None = None,
) -> Document:
    from . import read_text

    lines: list[str] = []
    starts: list[int] = []
    for _name, rows in sheets:
        starts.append(len(lines) + 1)
        lines.extend(tab_lines(rows, source))
        # a sheet ends its tables: a rule (no content) between sheets, never glued
        # across the blank line into the next sheet's table as one table
        lines.extend(["", "---"] if len(sheets) > 1 else [""])
    doc = read_text("\n".join(lines), source, kind, file_kind=kind)
    doc.page_starts = starts
    doc.sheet_names = [name for name, _ in sheets]
    doc.problems = problems
    captions_above(doc)
    if header_rows:  # each sheet's rows set as header -> the lines they are on
        marked_header_rows(
            doc,
            {start + r - 1 for start, rows in zip(starts, header_rows, strict=True) for r in rows},
        )
    return doc


def read_xlsx(data: bytes, source: str) -> Document:
    import openpyxl

    _check_workbook(data, source)
    problems: list[tuple[str, int, str, str]] = []
    try:
        try:
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        except KeyError:
            # a part the workbook refers to is missing (a drawing a tool left out): the
            # cells are read without it, and that is said
            data, missing = _without_missing_parts(data)
            if not missing:
                raise
            problems.append(
                (
                    "",
                    0,
                    ", ".join(missing),
                    "delar som arbetsboken hänvisar till saknas i filen (bilder, ritningar): "
                    "cellerna läses, de delarna inte",
                )
            )
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # the library's own English text stays on the exception chain, not in the message
        raise DocumentError(source, f"XLSX-filen kan inte läsas ({damaged_why(exc)})") from exc
    sheets: list[tuple[str, list[list[str]]]] = []
    heads: list[set[int]] = []  # per sheet, the rows set as a header
    spans: list[dict[int, set[int]]] = []  # per sheet, row -> columns a merge covers
    # the sheets' extents (rows x columns, empty cells inside them too) are what is read
    extent = sum(ws.max_row * ws.max_column for ws in values.worksheets)
    check_cells(extent, source, "arbetsbokens blad")
    for ws in values.worksheets:
        wf = formulas[ws.title]
        rows: list[list[str]] = []
        heads.append(_table_headers(ws))
        for r, row in enumerate(ws.iter_rows(), start=1):
            if r % 1024 == 0:
                memo.check_clock()
            out = []
            bold = 0  # the row's filled cells in bold; -1: one is not
            for cell in row:
                v = cell.value
                if v is not None and v != "" and bold >= 0:
                    bold = bold + 1 if cell.font is not None and cell.font.b else -1
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
            if bold > 0:
                heads[-1].add(r)
        kept, leads = _without_margin(rows)
        sheets.append((ws.title, kept))
        spans.append(_merged_right(ws, leads))
    if not any(any(c for c in row) for _, rows in sheets for row in rows):
        raise DocumentError(source, "arbetsboken innehåller inga värden")
    doc = _sheet_document(sheets, source, "xlsx", problems, heads)
    doc.merged = {
        start + r - 1: cols
        for start, sheet in zip(doc.page_starts, spans, strict=True)
        for r, cols in sheet.items()
    }
    return doc


def read_xls(data: bytes, source: str) -> Document:
    """An Excel 97-2003 workbook (``.xls``, BIFF; xlrd) through the same sheet path as an
    ``.xlsx``: each cell as the text it holds, a number as the exact Swedish string
    ``number_text`` writes (a percent-formatted one with its ``%``), a date as
    ``YYYY-MM-DD``, a row whose filled cells are all bold as a header row, merged cells
    as spans. A formula's value is the one the file stored (an .xls always stores one);
    an error cell (``#DIV/0!``) is its text, said by the number reader."""
    from types import SimpleNamespace

    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd's own errors, or struct/index errors of a cut file
        # the library's English text stays on the exception chain, not in the message
        why = "krypterad (lösenordsskyddad)" if "encrypt" in str(exc).lower() else ""
        raise DocumentError(
            source, f"XLS-filen kan inte läsas ({why or damaged_why(exc)})"
        ) from exc
    try:
        sheets: list[tuple[str, list[list[str]]]] = []
        heads: list[set[int]] = []
        spans: list[dict[int, set[int]]] = []
        check_cells(
            sum(book.sheet_by_index(i).nrows * book.sheet_by_index(i).ncols
                for i in range(book.nsheets)),
            source,
            "arbetsbokens blad",
        )  # fmt: skip
        for i in range(book.nsheets):
            ws = book.sheet_by_index(i)
            rows: list[list[str]] = []
            heads.append(set())
            for r in range(ws.nrows):
                if r % 1024 == 1023:
                    memo.check_clock()
                out = []
                bold = 0  # the row's filled cells in bold; -1: one is not
                for c in range(ws.ncols):
                    text = _xls_cell(book, ws, r, c)
                    if text and bold >= 0:
                        font = book.font_list[book.xf_list[ws.cell_xf_index(r, c)].font_index]
                        bold = bold + 1 if font.weight >= 700 or font.bold else -1
                    out.append(text)
                rows.append(out)
                if bold > 0:
                    heads[-1].add(r + 1)
            kept, leads = _without_margin(rows)
            sheets.append((ws.name, kept))
            merged = [
                SimpleNamespace(min_row=rlo + 1, min_col=clo + 1, max_col=chi)
                for rlo, _rhi, clo, chi in ws.merged_cells
            ]
            spans.append(_merged_right(SimpleNamespace(merged_cells=merged), leads))
    finally:
        book.release_resources()
    if not any(any(c for c in row) for _, rows in sheets for row in rows):
        raise DocumentError(source, "arbetsboken innehåller inga värden")
    doc = _sheet_document(sheets, source, "xls", [], heads)
    doc.merged = {
        start + r - 1: cols
        for start, sheet in zip(doc.page_starts, spans, strict=True)
        for r, cols in sheet.items()
    }
    return doc


def _xls_cell(book, ws, r: int, c: int) -> str:
    """One .xls cell as text: a number never as the float xlrd gives (``number_text``:
    exact, Swedish, a percent-formatted one with ``%``)."""
    import xlrd

    kind, v = ws.cell_type(r, c), ws.cell_value(r, c)
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_BOOLEAN:
        return str(bool(v))
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(v, "#FEL")
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(v, book.datemode).strftime("%Y-%m-%d")
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            pass  # a date format on a number no date has: the number, as printed
    if kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        xf = book.xf_list[ws.cell_xf_index(r, c)]
        fmt = book.format_map.get(xf.format_key)
        number = int(v) if float(v).is_integer() and abs(v) < 2**53 else float(v)
        return number_text(number, percent="%" in (fmt.format_str if fmt else ""))
    return cell_text(v)


def _merged_right(ws, leads: list[int]) -> dict[int, set[int]]:
    """In a sheet that merges cells across columns, the cells each merged cell covers
    right of its first, in its top row (``Utfall`` merged over ``2019 | 2020``), by row
    (every row of the sheet, most with none): the columns as read (0-based, the block's
    margin taken off). Such a sheet's header cells span these, and only these. A sheet
    that merges nothing says nothing of spans: empty."""
    ranges = [r for r in getattr(ws, "merged_cells", None) or () if r.max_col > r.min_col]
    if not ranges:
        return {}
    out: dict[int, set[int]] = {r: set() for r in range(1, len(leads) + 1)}
    for rng in ranges:
        c0, r0, c1 = rng.min_col, rng.min_row, rng.max_col
        if r0 - 1 < len(leads):
            lead = leads[r0 - 1]
            out[r0].update(c - 1 - lead for c in range(c0 + 1, c1 + 1))
    return out


def _without_margin(rows: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    """The sheet's rows without the columns left of a block's content (a table, a title,
    a note: rows between blank rows), when that block begins right of column A (set from
    column B, a margin column A): empty in each of the block's rows, they are no column
    of it, and a title in B would otherwise read as a row of two cells. Empty columns
    inside a block stay. Also, for each row, how many columns were taken off."""
    out: list[list[str]] = []
    leads: list[int] = []
    block: list[list[str]] = []
    for r in [*rows, []]:
        if any(r):
            block.append(r)
            continue
        lead = min((next(i for i, c in enumerate(b) if c) for b in block), default=0)
        out.extend(b[lead:] for b in block)
        leads.extend([lead] * len(block))
        block = []
        out.append(r)
        leads.append(0)
    return out[:-1], leads[:-1]


def _table_headers(ws) -> set[int]:
    """The header rows of the sheet's Excel tables (Format as Table: ``headerRowCount``
    rows at the top of each table's range)."""
    from openpyxl.utils.cell import range_boundaries

    rows: set[int] = set()
    for t in getattr(ws, "tables", {}).values():
        try:
            _c0, r0, _c1, _r1 = range_boundaries(t.ref)
        except (TypeError, ValueError):
            continue
        count = t.headerRowCount if t.headerRowCount is not None else 1
        rows.update(range(r0, r0 + count))
    return rows


_CELL = re.compile(rb"<(?:\w{1,8}:)?c[\s>/]")


_REL = re.compile(rb"<Relationship\b[^>]*?/>")
_TARGET = re.compile(rb'Target="([^"]*)"')
_PICTURE = re.compile(rb'Type="[^"]*/(?:drawing|vmlDrawing|image|chart|printerSettings)"')


def _without_missing_parts(data: bytes) -> tuple[bytes, list[str]]:
    """The workbook with every relationship to a picture part (a drawing, image, chart or
    printer setting) that is not in the file taken out (a ``.rels`` entry naming
    ``../drawings/drawing1.xml`` that a tool dropped), and the parts missing. External
    targets, and parts that hold cells or strings, are left as they are."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        missing: list[str] = []
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in archive.infolist():
                part = archive.read(info)
                if info.filename.endswith(".rels"):
                    base = posixpath.dirname(posixpath.dirname(info.filename))

                    def keep(m: re.Match[bytes], base: str = base) -> bytes:
                        rel = m.group(0)
                        t = _TARGET.search(rel)
                        if t is None or b'TargetMode="External"' in rel or not _PICTURE.search(rel):
                            return rel  # (a missing part with cells or strings stays an error)
                        target = t.group(1).decode("utf-8", "replace")
                        path = (
                            target.lstrip("/")
                            if target.startswith("/")
                            else posixpath.normpath(posixpath.join(base, target))
                        )
                        if path in names:
                            return rel
                        missing.append(path)
                        return b""

                    part = _REL.sub(keep, part)
                new.writestr(info, part)
    return out.getvalue(), sorted(set(missing))


def _check_workbook(data: bytes, source: str) -> None:
    """Before openpyxl reads anything: the parts' unpacked sizes (``check_zip``), and
    the cells the sheets hold, counted in a stream over each sheet's XML (openpyxl
    would hold each as an object), against ``limits.MAX_CELLS``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # openpyxl says what is wrong with it
    with archive:
        check_zip(archive, source, "XLSX")
        cells = 0
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            try:
                with archive.open(info) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        memo.check_clock()
                        block = tail + chunk
                        # a tag cut at the chunk's end is counted with the next chunk
                        cut = block.rfind(b"<")
                        if cut >= 0 and len(block) - cut < 64:
                            cells += len(_CELL.findall(block, 0, cut))
                            tail = block[cut:]
                        else:
                            cells += len(_CELL.findall(block))
                            tail = b""
                    cells += len(_CELL.findall(tail))
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
                return  # a damaged part: openpyxl's own message
            check_cells(cells, source, "arbetsbokens blad", grid=False)


def read_csv(data: bytes, source: str) -> Document:
    text, _enc, decoded = decode(data, source)
    if not text.strip():
        raise DocumentError(source, "filen är tom")
    # a cell may be as long as a line may (limits), not only csv's default 131 072
    previous = csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_LINE_CHARS))
    reader = None
    try:
        delimiter = _delimiter(text)
        dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter)
        rows = [[cell_text(c) for c in row] for row in reader]
    except csv.Error as exc:  # a quoted cell that never ends, and the like
        # csv's own English text stays on the exception chain, not in the message
        why = (
            "en cell är längre än vad som läses"
            if "field larger" in str(exc)
            else "ett citattecken som aldrig avslutas, eller tecken som inte hör till en cell"
        )
        line = reader.line_num if reader is not None else None  # None: in _delimiter
        raise DocumentError(source, f"CSV-filen kan inte läsas ({why})", line) from exc
    finally:
        csv.field_size_limit(previous)
    # what decoding said of a line of the file (a row, where no cell spans lines)
    said = [("", line, shown, what) for line, shown, what in decoded]
    return _sheet_document([(source, rows)], source, "csv", said)


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
