"""A small, fast writer of Excel workbooks (Office Open XML, SpreadsheetML): sheets of
text and numbers, a bold header row, number formats, column widths, a frozen header
and an autofilter — what our workbooks hold, and nothing else.

Each cell is written as one piece of XML text, a column at a time, so a corpus's
150 000 observations take about a second (a general writer's cell objects cost ten
times that). Text is always an inline string: a document's ``=HYPERLINK(…)`` is text,
never a formula, by construction. The file is the same bytes for the same sheets: no
timestamps, fixed zip entry dates."""

from __future__ import annotations

import io
import math
import numbers
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

# characters XML 1.0 cannot hold (the set openpyxl refuses), shown as U+FFFD
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
MAX_ROWS = 1_048_576
MAX_TEXT = 32_767  # characters Excel holds in a cell
_LEVEL = 1  # zlib's fastest: a sheet of repeated XML still shrinks tenfold

BOLD, TITLE = "bold", "title"  # the two text styles; other styles are number formats


@dataclass
class Sheet:
    """A sheet: ``columns`` of cell values (``None`` or ``""`` for an empty cell; ``str``,
    ``int`` or ``float``), each with an optional number format (``#,##0.0``); a header
    row in bold above them when ``header`` is given. ``rows`` are extra leading rows of
    ``(value, style)`` cells (a title, a source line). ``widths`` in characters.

    A big sheet gives its columns in slices instead: ``chunks`` yields the columns of
    consecutive row ranges, and ``n_rows`` says how many rows there are in all; only
    one slice is held at a time.

    A column whose cells each show their own decimals is given as a pair ``(values,
    formats)``: one number format (or ``None``: the column's) per cell, each of them
    among ``cell_formats``."""

    name: str
    columns: list[list] = field(default_factory=list)
    chunks: Callable[[], Iterable[list[list]]] | None = None
    n_rows: int | None = None
    n_cols: int | None = None
    header: list[str] | None = None
    formats: list[str | None] = field(default_factory=list)
    cell_formats: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    rows: list[list[tuple[object, str | None]]] = field(default_factory=list)
    freeze_header: bool = False
    autofilter: bool = False


def column_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:  # Excel would call the file damaged
        value = value[: MAX_TEXT - 1] + "…"
    value = escape(ILLEGAL.sub("\ufffd", value))
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _cell(ref: str, value: object, style: int) -> str:
    """Any value as a cell: missing ones (``None``, NaN, pandas' NA) as no cell, truth
    values as ``ja``/``nej``, numbers of any kind (numpy's too) as numbers, the rest
    as text."""
    s = f' s="{style}"' if style else ""
    if value is None or (isinstance(value, str) and not value):
        return ""
    if isinstance(value, bool | np.bool_):
        value = "ja" if value else "nej"
    elif isinstance(value, numbers.Integral):
        return f'<c r="{ref}"{s}><v>{int(value)}</v></c>'
    elif isinstance(value, numbers.Real):
        v = float(value)
        return f'<c r="{ref}"{s}><v>{v!r}</v></c>' if math.isfinite(v) else ""
    elif not isinstance(value, str):
        try:
            if value != value or value is pd.NA or value is pd.NaT:  # NaN-like, NA
                return ""
        except TypeError:  # pandas' NA refuses to be compared
            return ""
        value = str(value)
    return f'<c r="{ref}"{s} t="inlineStr"><is>{_text(value)}</is></c>'


# markup characters and characters XML cannot hold
_MARKUP = re.compile(r"[&<>\000-\010\013\014\016-\037]")


def _needs_care(text: str) -> bool:
    """A (non-empty) text that cannot go into a cell as it is: too long for Excel, with
    markup or a character XML cannot hold, or with a blank at either end (``_cell``)."""
    return (
        len(text) > MAX_TEXT
        or _MARKUP.search(text) is not None
        or text[0].isspace()
        or text[-1].isspace()
    )


def _kind(values: Sequence) -> type | None:
    """The one type of a column's values, missing ones (``None``) aside; for texts, only
    if none needs care (``_needs_care``). Each distinct text is looked at once: a column
    repeats its texts (sources, units, labels)."""
    kinds = set(map(type, values))  # of every value: 1 and True, 1 and 1.0 are equal
    kinds.discard(type(None))
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if kind is str:
        distinct = set(values)
        distinct.discard(None)
        distinct.discard("")
        if any(map(_needs_care, distinct)):
            return None
    return kind


def _column_cells(letter: str, values: Sequence, first_row: int, style: int) -> list[str]:
    """One column's cells as XML: a column of one kind (``_kind``) at once, any other
    cell by cell, the common cases without a call per cell."""
    s = f' s="{style}"' if style else ""
    isfinite = math.isfinite
    kind = _kind(values)
    if kind is str:
        return [f'<c r="{letter}{r}" t="inlineStr"><is><t>{v}</t></is></c>' if v else ""
                for r, v in enumerate(values, first_row)]  # fmt: skip
    if kind is float:
        return [f'<c r="{letter}{r}"{s}><v>{v!r}</v></c>' if v is not None and isfinite(v)
                else "" for r, v in enumerate(values, first_row)]  # fmt: skip
    if kind is int:
        return [f'<c r="{letter}{r}"{s}><v>{v}</v></c>' if v is not None else ""
                for r, v in enumerate(values, first_row)]  # fmt: skip
    out: list[str] = []
    append = out.append
    for r, v in enumerate(values, first_row):
        t = type(v)
        if t is str:
            if not v:
                append("")
            elif not _needs_care(v):
                append(f'<c r="{letter}{r}" t="inlineStr"><is><t>{v}</t></is></c>')
            else:
                append(_cell(f"{letter}{r}", v, style))
        elif v is None:
            append("")
        elif t is float:
            append(f'<c r="{letter}{r}"{s}><v>{v!r}</v></c>' if isfinite(v) else "")
        elif t is int:
            append(f'<c r="{letter}{r}"{s}><v>{v}</v></c>')
        else:
            append(_cell(f"{letter}{r}", v, style))
    return out


def _styled_cells(
    letter: str, values: Sequence, first_row: int, styles: Sequence[int]
) -> list[str]:
    """One column's cells as XML, each number with its own style (a per-cell format)."""
    isfinite = math.isfinite
    out: list[str] = []
    append = out.append
    for r, v, st in zip(range(first_row, first_row + len(values)), values, styles, strict=True):
        t = type(v)
        if v is None:
            append("")
        elif t is float:
            s = f' s="{st}"' if st else ""
            append(f'<c r="{letter}{r}"{s}><v>{v!r}</v></c>' if isfinite(v) else "")
        elif t is int:
            s = f' s="{st}"' if st else ""
            append(f'<c r="{letter}{r}"{s}><v>{v}</v></c>')
        else:
            append(_cell(f"{letter}{r}", v, st))
    return out


class _Styles:
    """The workbook's cell styles: 1 bold, 2 title, then one per number format."""

    def __init__(self, formats: list[str]):
        self.formats = formats
        self.index = {BOLD: 1, TITLE: 2} | {f: 3 + i for i, f in enumerate(formats)}

    def xml(self) -> str:
        num_fmts = "".join(
            f'<numFmt numFmtId="{164 + i}" formatCode="{escape(f, {chr(34): "&quot;"})}"/>'
            for i, f in enumerate(self.formats)
        )
        plain = 'fillId="0" borderId="0" xfId="0"'
        xfs = [f'<xf numFmtId="0" fontId="0" {plain}/>',
               f'<xf numFmtId="0" fontId="1" {plain} applyFont="1"/>',
               f'<xf numFmtId="0" fontId="2" {plain} applyFont="1"/>']  # fmt: skip
        xfs += [
            f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/>'
            for i in range(len(self.formats))
        ]
        return (
            _XML + f'<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(self.formats)}">{num_fmts}</numFmts>' if self.formats else "")
            + '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )  # fmt: skip


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def _sheet_xml(sheet: Sheet, styles: _Styles, selected: bool) -> tuple[Iterator[str], str]:
    """The sheet's XML, in pieces, and its data range (``A1:F120``)."""
    n_cols = max(sheet.n_cols or len(sheet.columns), len(sheet.header or []),
                 max((len(r) for r in sheet.rows), default=0))  # fmt: skip
    letters = [column_letter(j) for j in range(max(n_cols, 1))]
    head: list[str] = []
    r = 0
    for lead in sheet.rows:
        r += 1
        cells = "".join(
            _cell(f"{letters[j]}{r}", v, styles.index.get(st, 0) if st else 0)
            for j, (v, st) in enumerate(lead)
        )
        head.append(f'<row r="{r}">{cells}</row>' if cells else "")
    top = r + 1
    if sheet.header is not None:
        r += 1
        bold = styles.index[BOLD]
        cells = "".join(_cell(f"{letters[j]}{r}", h, bold) for j, h in enumerate(sheet.header))
        head.append(f'<row r="{r}">{cells}</row>')
    first = r + 1
    if sheet.chunks is None:
        n_rows = max((len(c) for c in sheet.columns), default=0)
        chunks: Callable[[], Iterable[list[list]]] = lambda: [sheet.columns]  # noqa: E731
    else:
        n_rows, chunks = sheet.n_rows or 0, sheet.chunks
    styled = [
        styles.index[f] if j < len(sheet.formats) and (f := sheet.formats[j]) else 0
        for j in range(n_cols)
    ]
    last = first + n_rows - 1 if n_rows else r
    ref = f"A{top}:{letters[n_cols - 1]}{max(last, top)}"
    pane = (
        f'<pane ySplit="{top}" topLeftCell="A{top + 1}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="A{top + 1}" sqref="A{top + 1}"/>'
        if sheet.freeze_header
        else ""
    )
    widths = "".join(
        f'<col min="{j + 1}" max="{j + 1}" width="{w:g}" customWidth="1"/>'
        for j, w in enumerate(sheet.widths)
    )

    def pieces() -> Iterator[str]:
        yield (
            _XML + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<dimension ref="A1:{letters[n_cols - 1]}{max(last, 1)}"/>'
            f'<sheetViews><sheetView{" tabSelected=" + chr(34) + "1" + chr(34) if selected else ""}'
            f' workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{widths}</cols>" if widths else "")
            + "<sheetData>" + "".join(head)
        )  # fmt: skip
        row = first
        for columns in chunks():
            cells = [
                _column_cells(letters[j], values, row, styled[j])
                if not isinstance(values, tuple)
                else _styled_cells(
                    letters[j],
                    values[0],
                    row,
                    [styles.index[f] if f else styled[j] for f in values[1]],
                )
                for j, values in enumerate(columns)
            ]
            n = max((len(c) for c in cells), default=0)
            yield "".join(
                f'<row r="{row + k}">{"".join(c)}</row>'
                for k, c in enumerate(zip(*cells, strict=True))
            )
            row += n
        if row - first != n_rows:
            raise ValueError(f"bladet {sheet.name}: {row - first} rader, väntade {n_rows}")
        yield (
            "</sheetData>"
            + (f'<autoFilter ref="{ref}"/>' if sheet.autofilter else "")
            + "</worksheet>"
        )

    return pieces(), ref


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def write(sheets: list[Sheet], target: str | Path | BinaryIO, application: str = "") -> None:
    """The workbook, written to ``target`` (a path or a binary file), one sheet slice at
    a time; ``application`` is its document property Program (``docProps/app.xml``),
    which sonanalys sets on what it writes (``ours``)."""
    names = [ILLEGAL.sub("", s.name)[:31] for s in sheets]
    formats = sorted({f for s in sheets for f in [*s.formats, *s.cell_formats] if f})
    styles = _Styles(formats)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as z:

        def put(name: str, pieces: Iterable[str]) -> None:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            # ZipFile.open takes the level from this private attribute only (Python 3.11-3.12)
            info._compresslevel = _LEVEL  # type: ignore[attr-defined]
            with z.open(info, "w", force_zip64=True) as f:
                for piece in pieces:
                    f.write(piece.encode("utf-8"))

        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            f'ContentType="{ct}.worksheet+xml"/>'
            for i in range(len(sheets))
        )
        put("[Content_Types].xml", [
            _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            + (f'<Override PartName="/docProps/app.xml" ContentType="{_APP_TYPE}"/>'
               if application else "")
            + f"{overrides}</Types>"])  # fmt: skip
        app_rel = (
            f'<Relationship Id="rId2" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            if application
            else ""
        )
        put("_rels/.rels", [
            _XML + f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f"{app_rel}</Relationships>"])  # fmt: skip
        if application:
            put("docProps/app.xml", [
                _XML + f'<Properties xmlns="{_APP}"><Application>{escape(application)}'
                "</Application></Properties>"])  # fmt: skip
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets))
        )
        rels += (
            f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        )
        put(
            "xl/_rels/workbook.xml.rels",
            [_XML + f'<Relationships xmlns="{_PKG}">{rels}</Relationships>'],
        )
        put("xl/styles.xml", [styles.xml()])
        defined = []
        for i, (sheet, name) in enumerate(zip(sheets, names, strict=True)):
            pieces, ref = _sheet_xml(sheet, styles, selected=i == 0)
            put(f"xl/worksheets/sheet{i + 1}.xml", pieces)
            if sheet.autofilter:
                absolute = re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", ref)
                defined.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                    f"{escape(_quoted(name))}!{absolute}</definedName>"
                )
        sheet_list = "".join(
            f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, n in enumerate(names)
        )
        put("xl/workbook.xml", [
            _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheet_list}</sheets>'
            + (f"<definedNames>{''.join(defined)}</definedNames>" if defined else "")
            + "</workbook>"])  # fmt: skip


def to_bytes(sheets: list[Sheet]) -> bytes:
    """The workbook's bytes (for a small workbook, or a test)."""
    out = io.BytesIO()
    write(sheets, out)
    return out.getvalue()
