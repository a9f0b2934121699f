"""Helpers for readers of binary formats: cells to the tab layout the text reader knows."""

from __future__ import annotations

import re
from decimal import Decimal


def cell_text(value: object) -> str:
    """A cell's text on one line (a tab or newline inside a cell is a space)."""
    if value is None:
        return ""
    return re.sub(r"[\t\r\n]+", " ", str(value)).strip()


def number_text(value: float | int, percent: bool = False) -> str:
    """A spreadsheet number as a Swedish string that reads back exactly:
    ``1801.5`` -> ``"1801,5"``; a percent-formatted ``0.39`` -> ``"39%"``. A float to
    the 15 significant digits a spreadsheet holds and shows (Excel's precision): a sum
    stored as ``12.830000000000002`` is the ``12,83`` the sheet shows, its last binary
    digits no figure of the document."""
    if isinstance(value, bool):
        return str(value)
    d = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    if percent:
        d = d * 100
    s = format(d.normalize(), "f") if d != d.to_integral() else str(int(d))
    return s.replace(".", ",") + ("%" if percent else "")


def tab_lines(rows: list[list[str]], source: str = "") -> list[str]:
    """Rows of cells as tab lines, each padded to the widest row; a lone title cell
    outside a table stays plain text. Linear in the cells: the widest row is measured
    once (a 100 000-row sheet), and a grid over ``limits.MAX_CELLS`` is refused before
    it is padded (``source`` names the file in that message)."""
    from .. import memo
    from .limits import check_cells

    width = max((len(r) for r in rows), default=0)
    check_cells(width * len(rows), source)
    out: list[str] = []
    for i, row in enumerate(rows):
        if i % 1024 == 0:
            memo.check_clock()
        n = len(row)
        while n and row[n - 1] == "":
            n -= 1
        row = row[:n]
        if not row:
            out.append("")
            continue
        prev_tab = i > 0 and out and "\t" in out[-1]
        if len(row) == 1 and not prev_tab:
            out.append(row[0])
        else:
            out.append("\t".join(row + [""] * (width - len(row))))
    return out


def marked_header_rows(doc, marked: set[int]) -> None:
    """Tables whose leading rows the file marks as header (Word's repeated header rows,
    bold rows over rows that are not, an Excel table's header row): ``marked`` holds
    those rows' lines. Each table the layouts found whose first rows are marked (a row
    with an amount beside its label is data however it is set: a bold total at the top),
    and not all of its rows, is given that many ``header_rows`` (as a markdown separator
    gives them); a table whose header the layouts already know is left as it is."""
    from ..model import Table

    if not marked:
        return
    for b in doc.blocks:
        if not isinstance(b, Table) or b.header_rows is not None or not b.rows:
            continue
        n = 0
        while n < len(b.rows) and b.rows[n].line in marked and not _amounts(b.rows[n]):
            n += 1
        if 0 < n < len(b.rows):
            b.header_rows = n


def captions_above(doc, gap: int = 3) -> None:
    """A Word or Excel table's caption is the text right above it (a caption paragraph,
    a workbook's title row), only blank lines between (``gap``: the lines from the text
    to the table's first row), unless that text is running prose; as the text layouts
    that take a caption read it, before the nearest heading above."""
    from ..model import Paragraph, Table

    prev = None
    for b in doc.blocks:
        if isinstance(b, Table) and isinstance(prev, Paragraph) and b.rows:
            end = max([prev.line] + [ln for _, ln in prev.starts])
            text = prev.text.strip()
            prose = len(text) > 150 or (text.endswith(".") and len(text.split()) > 10)
            if b.rows[0].line - gap <= end < b.rows[0].line and not prose:
                b.caption = text
        prev = b


_AMOUNT = re.compile(r"^[−\-–+]?\s?\d[\d\s\u00a0]*(?:[,.]\d+)?\s?%?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _amounts(row) -> bool:
    """A row with an amount beside its label (``TOTALT, DRIFT | 227 608 | …``): data,
    however it is set (a bold total at the top of a table), never a header row."""
    return any(_AMOUNT.match(t := c.text.strip()) and not _YEAR.match(t) for c in row.cells[1:])


_CELL_AT = re.compile(r"\S+(?: \S+)*")  # a cell of a laid-out line: single spaces inside


def laid_out_cells(lines: list[str]) -> list[list[str]]:
    """The cells of laid-out table lines (cells apart by two spaces or more). A row that
    begins right of where the widest row's first cells end, with fewer cells than it,
    left those cells empty (``        Summa   4 600   4 150`` under ``1240  Möbler  250
    0``: no project number): they are kept as empty cells, so its values stay under their
    columns instead of moving left."""
    found = [[(m.start(), m.end(), m.group()) for m in _CELL_AT.finditer(x)] for x in lines]
    widest = max(found, key=len, default=[])
    out: list[list[str]] = []
    for cells in found:
        lead = 0
        if cells and len(cells) < len(widest):
            lead = sum(end < cells[0][0] for _, end, _ in widest)
            lead = min(lead, len(widest) - len(cells))
        out.append([""] * lead + [t for _, _, t in cells])
    return out
