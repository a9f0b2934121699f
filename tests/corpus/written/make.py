"""The text corpus written as Word documents and Excel workbooks, the way economists'
documents hold their tables: each table the text reader finds in an excerpt as a Word
table (``.docx``, python-docx) and as cells of a workbook (``.xlsx``, openpyxl), each
heading and paragraph as such.

These are not documents as published: they are the corpus's real tables and sentences
set in Word and Excel, so the Word and spreadsheet readers can be measured on many real
tables against the same hand-checked facts (``../facts.csv``, ``../facts_round2.csv``)
the text reader is (``tests/test_written_corpus.py``). They vary as such files do, by
the excerpt's place in the list (``k``):

Word: headings in Heading styles; the caption a paragraph above the table, in the
Caption style or bold; table styles (a grid, or a style with a shaded header row),
the header rows marked to repeat on each page and set in bold, or, in every third
document, neither: the header formatted by the table style's first row alone (as most
Word tables are); in every fourth document the caption is
the table's first row, one cell merged over all columns; in two documents of three a header of
``Utfall 2019 | Utfall 2020`` set as ``Utfall`` in one cell merged over the columns
and the years in the row under it (the label column's header merged down both rows),
and a group repeated over its columns in a header of two rows or more (``2010 | 2010``
over ``Totalt | Per 1 000 invånare``) set as one merged cell.

Excel: one sheet per table, or every table on one sheet with blank rows between; in
two workbooks of five the tables begin in column B (a margin column A); a title row
above each table (its caption, else the heading before it); numbers stored as
numbers with a number format (stored as ``#,##0.0``, as Excel stores the format a
Swedish Excel shows as ``# ##0,0``; percentages as fractions with ``0%``), or, in every
fourth workbook, stored as the text the document prints (as an export from a business
system does); years in header cells as numbers; the same merged group headers as in
Word, in two documents of three (not all the same ones); a ``Summa`` / ``Totalt`` row
whose value is the exact sum of the rows above it written as a ``SUM`` formula.
openpyxl writes a formula without the value Excel caches with it; Excel saves both,
so the value each formula shows (the printed total, which the rows add up to) is
written into the sheet's XML as its cached value afterwards (``cache_values``), as
Excel would have saved it. A total
that does not add up exactly as printed (rounded figures) is stored as its number.

Prose is kept (a workbook: one cell a row), so the facts stated in sentences can be found
as in the text. The excerpts' annotation lines (``# source:``, ``# note:`` …) are headings
in Word and the workbook's properties (description) in Excel, where a workbook says what
it is, not cells. Rebuild:

    python tests/corpus/written/make.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = (HERE.parent / "text", HERE.parent / "round2")
STRETCH = ("dev_01", "dev_02", "dev_08")  # one-line tables: no table to write
NUMBER = re.compile(r"^([−\-–+]?)\s?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(,\d+)?\s?(%?)$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
GROUPED = re.compile(r"^(\D+?)\s+((?:19|20)\d\d(?:/\d\d(?:\d\d)?)?)$")  # 'Utfall 2019'
ANNOTATION = re.compile(r"^(source|municipality|doc_type|note):\s*")  # the corpus's own lines
TOTAL = re.compile(r"^(summa|totalt?a?|s:a)\b", re.I)
SAVED = dt.datetime(2026, 12, 7, 0, 0, 0)  # the files' date, so a rebuild is byte-identical
STYLES = ("Table Grid", "Light Grid Accent 1", "Medium Shading 1 Accent 1", "Light List Accent 1")


def number(text: str) -> tuple[Decimal, bool, int] | None:
    """A printed number as (value, percent, decimals), or None."""
    m = NUMBER.match(text.strip())
    if not m:
        return None
    sign, whole, frac, pct = m.groups()
    digits = re.sub(r"\s", "", whole) + ("." + frac[1:] if frac else "")
    try:
        d = Decimal(digits)
    except InvalidOperation:
        return None
    if sign in ("−", "-", "–"):
        d = -d
    return d, bool(pct), len(frac) - 1 if frac else 0


def blocks(path: Path):
    from sonanalys.readers import read

    return read(path).blocks


def header_and_body(t) -> tuple[list[list[str]], list[list[str]]]:
    rows = [[c.text for c in r.cells] for r in t.rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    from sonanalys.tables import header_count

    head = header_count(t, rows)  # the rows the text reader reads as the header
    return rows[:head], rows[head:]


def grouped(header: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int]]] | None:
    """``Utfall 2019 | Utfall 2020`` as two rows (``Utfall`` over the years), or a
    header of two rows or more whose top row repeats a group over its columns as one
    cell, with the spans of the groups (first, last column) in the top row; None when
    no two neighbours share a group."""
    if len(header) > 1:  # '2010 | 2010' over 'Totalt | Per 1 000': one cell over both
        top, spans, i = list(header[0]), [], 0
        while i < len(top):
            j = i
            while top[i] and j + 1 < len(top) and top[j + 1] == top[i]:
                j += 1
            if j > i:
                spans.append((i, j))
                top[i + 1 : j + 1] = [""] * (j - i)
            i = j + 1
        return ([top, *header[1:]], spans) if spans else None
    if len(header) != 1:
        return None
    cells = header[0]
    parts = [GROUPED.match(c) for c in cells]
    spans, i = [], 0
    while i < len(cells):
        j = i
        m = parts[i]
        while m and j + 1 < len(cells) and parts[j + 1] and parts[j + 1].group(1) == m.group(1):
            j += 1
        if j > i:
            spans.append((i, j))
        i = j + 1
    if not spans:
        return None
    top, bottom = list(cells), [""] * len(cells)
    for a, b in spans:
        for c in range(a, b + 1):
            top[c] = parts[a].group(1) if c == a else ""
            bottom[c] = parts[c].group(2)
    return [top, bottom], spans


def groups_of(blocks_):
    """The blocks as groups, each the prose before a table and the table (the prose
    after the last table a group of its own)."""
    from sonanalys.model import Table

    out, current = [], []
    for b in blocks_:
        current.append(b)
        if isinstance(b, Table):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def docx_bytes(path: Path, k: int) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from sonanalys.model import Heading, Paragraph, Table

    d = docx.Document()
    said = ""  # the last heading or paragraph written
    for b in blocks(path):
        if isinstance(b, Heading):
            text = b.text.lstrip("#").strip()
            level = max(1, min(b.level or 2, 3))
            d.add_heading(text, level=level)
            said = text
        elif isinstance(b, Paragraph):
            d.add_paragraph(b.text)
            said = b.text
        elif isinstance(b, Table):
            caption = b.caption if b.caption and b.caption != said else ""  # printed once
            in_table = bool(caption) and k % 4 == 3  # the table's first row, merged
            if caption and not in_table:
                if k % 2:
                    d.add_paragraph(b.caption, style="Caption")
                else:
                    d.add_paragraph().add_run(b.caption).bold = True
            header, body = header_and_body(b)
            regroup = grouped(header) if k % 3 != 1 else None
            spans: list[tuple[int, int]] = []
            if regroup:
                header, spans = regroup
            width = len((header + body)[0])
            table = d.add_table(rows=in_table + len(header) + len(body), cols=width)
            plain = k % 3 == 2  # the header set by the table style's first row alone
            table.style = d.styles["Light Shading Accent 1" if plain else STYLES[k % len(STYLES)]]
            if in_table:
                title = table.cell(0, 0).merge(table.cell(0, width - 1))
                title.paragraphs[0].add_run(caption).bold = True
                header = [[""] * width, *header]  # the rows below move one down
            for i, row in enumerate(header + body):
                if in_table and i == 0:
                    continue
                cells = table.rows[i].cells
                for c, text in enumerate(row):
                    p = cells[c].paragraphs[0]
                    run = p.add_run(text)
                    if i < len(header) and not plain:
                        run.bold = True
                    if number(text) or (i < len(header) and YEAR.match(text)):
                        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for i in range(0 if plain else len(header)):  # header rows repeat on each page
                tr_pr = table.rows[i]._tr.get_or_add_trPr()
                mark = OxmlElement("w:tblHeader")
                mark.set(qn("w:val"), "true")
                tr_pr.append(mark)
            top_row = int(in_table)  # the group row
            for a, z in spans:  # the group's cell over its columns
                table.cell(top_row, a).merge(table.cell(top_row, z))
            if spans:  # columns without a group: one cell over both rows
                covered = {c for a, z in spans for c in range(a, z + 1)}
                for c in range(width):
                    if c not in covered:
                        top, low = table.cell(top_row, c), table.cell(top_row + 1, c)
                        if not low.text:
                            top.merge(low)
    d.core_properties.created = d.core_properties.modified = SAVED
    out = io.BytesIO()
    d.save(out)
    return stable(out.getvalue())


def _title(group) -> str:
    from sonanalys.model import Heading, Table

    t = group[-1]
    if isinstance(t, Table) and t.caption:
        return t.caption
    heads = [b for b in group if isinstance(b, Heading)]
    return heads[-1].text.lstrip("#").strip() if heads else ""


def xlsx_bytes(path: Path, k: int) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from sonanalys.model import Heading, Paragraph, Table

    as_text = k % 4 == 3  # an export that stores what it prints
    off = 1 if k % 5 in (0, 3) else 0  # tables from column B (a margin column A)
    per_sheet = k % 2 == 0
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    row = 1
    notes = []  # the corpus's annotation lines: the workbook's properties, not cells
    cached: dict[tuple[str, str], str] = {}  # (sheet, cell) -> the value Excel shows
    groups = groups_of(blocks(path))
    for g, group in enumerate(groups):
        table = group[-1] if isinstance(group[-1], Table) else None
        if per_sheet and g and table is not None:
            ws = wb.create_sheet(f"Tabell {g + 1}")
            row = 1
        title = _title(group) if table is not None else ""
        for b in group[:-1] if table is not None else group:
            text = b.text.lstrip("#").strip() if isinstance(b, Heading) else getattr(b, "text", "")
            if text == title:
                continue  # written as the table's title row
            if isinstance(b, Heading) and ANNOTATION.match(text):
                notes.append(text)
                continue
            if isinstance(b, Heading | Paragraph) and text:
                ws.cell(row, 1, text).font = Font(bold=isinstance(b, Heading))
                row += 2
        if table is None:
            continue
        if title:
            ws.cell(row, 1 + off, title).font = Font(bold=True, size=12)
            row += 2
        header, body = header_and_body(table)
        regroup = grouped(header) if k % 3 != 2 else None
        spans: list[tuple[int, int]] = []
        if regroup:
            header, spans = regroup
        for r, cells in enumerate(header):
            for c, text in enumerate(cells):
                if not text:
                    continue
                cell = ws.cell(row + r, c + 1 + off, int(text) if YEAR.match(text) else text)
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center" if spans and r == 0 else None)
        for a, z in spans:
            ws.merge_cells(
                start_row=row, start_column=a + 1 + off, end_row=row, end_column=z + 1 + off
            )
        if spans:
            covered = {c for a, z in spans for c in range(a, z + 1)}
            for c in range(len(header[0])):
                if c not in covered and not header[1][c]:
                    at_c = c + 1 + off
                    ws.merge_cells(
                        start_row=row, start_column=at_c, end_row=row + 1, end_column=at_c
                    )
        first = row + len(header)
        since = first  # the first row a total may sum
        for r, cells in enumerate(body):
            at = first + r
            label = cells[0]
            for c, text in enumerate(cells):
                if not text:
                    continue
                col = c + 1 + off
                n = None if as_text or c == 0 else number(text)
                if n is None:
                    ws.cell(at, col, text)
                    continue
                value, pct, decimals = n
                letter = openpyxl.utils.get_column_letter(col)
                parts = summed(ws, col, off + 1, since, at, value) if TOTAL.match(label) else None
                if parts and not pct:
                    if parts == list(range(parts[0], at)):
                        ws.cell(at, col, f"=SUM({letter}{parts[0]}:{letter}{at - 1})")
                    else:
                        refs = ",".join(f"{letter}{x}" for x in parts)
                        ws.cell(at, col, f"=SUM({refs})")
                    cached[(ws.title, f"{letter}{at}")] = str(value)
                else:
                    v: float | int = float(value / 100 if pct else value)
                    if v == int(v) and not decimals and not pct:
                        v = int(v)
                    ws.cell(at, col, v)
                cell = ws.cell(at, col)
                if pct:
                    cell.number_format = "0%" if not decimals else "0." + "0" * decimals + "%"
                else:
                    cell.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
            if TOTAL.match(label):
                since = at + 1
        row = first + len(body) + 2
    wb.properties.description = "\n".join(notes)
    wb.properties.title = path.stem
    wb.properties.created = wb.properties.modified = SAVED
    out = io.BytesIO()
    wb.save(out)
    return stable(cache_values(out.getvalue(), wb, cached))


def summed(ws, column: int, labels: int, since: int, at: int, value: Decimal) -> list[int] | None:
    """The rows of the longest run of two or more number cells right above row ``at``
    (from row ``since`` on; a ``därav`` row is a part of the row above, not summed)
    that adds up to ``value`` exactly, or None."""
    total, rows, found = Decimal(0), [], None
    for x in range(at - 1, since - 1, -1):
        v = ws.cell(x, column).value
        if re.match(r"(därav|varav)\b", str(ws.cell(x, labels).value or ""), re.I):
            continue
        if not isinstance(v, int | float) or isinstance(v, bool):
            break
        total += Decimal(str(v))
        rows.append(x)
        if total == value and len(rows) >= 2:
            found = sorted(rows)
    return found


def cache_values(data: bytes, wb, cached: dict[tuple[str, str], str]) -> bytes:
    """Write each formula's value into the sheet XML as Excel caches it
    (``<c r="B7"><f>SUM(B2:B6)</f><v>1801.5</v></c>``): openpyxl writes the formula
    alone."""
    if not cached:
        return data
    index = {ws.title: i + 1 for i, ws in enumerate(wb.worksheets)}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            for (sheet, ref), value in cached.items():
                if info.filename != f"xl/worksheets/sheet{index[sheet]}.xml":
                    continue
                pat = re.compile(
                    rb'(<c r="' + ref.encode() + rb'"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?'
                )
                shown = b"<v>" + value.encode() + b"</v>"
                blob, n = pat.subn(rb"\1\2" + shown, blob)
                assert n == 1, (sheet, ref)
            dst.writestr(info, blob)
    return out.getvalue()


def stable(data: bytes) -> bytes:
    """The same file each time it is made: every part of the zip, and the file's
    last-saved date, dated ``SAVED``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = zipfile.ZipInfo(info.filename, SAVED.timetuple()[:6])
            part.compress_type = zipfile.ZIP_DEFLATED
            blob = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl dates it when it saves
                when = SAVED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when, blob)
            dst.writestr(part, blob)
    return out.getvalue()


def main() -> int:
    found = sorted(p for d in TEXTS for p in d.glob("dev_*.txt"))
    sources = [p for p in found if not p.name.startswith(STRETCH)]
    for k, path in enumerate(sources):
        (HERE / f"{path.stem}.docx").write_bytes(docx_bytes(path, k))
        (HERE / f"{path.stem}.xlsx").write_bytes(xlsx_bytes(path, k))
        print(path.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
