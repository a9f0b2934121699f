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
