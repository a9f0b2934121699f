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
    ``1801.5`` -> ``"1801,5"``; a percent-formatted ``0.39`` -> ``"39%"``."""
    if isinstance(value, bool):
        return str(value)
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        d = d * 100
    s = format(d.normalize(), "f") if d != d.to_integral() else str(int(d))
    return s.replace(".", ",") + ("%" if percent else "")


def tab_lines(rows: list[list[str]]) -> list[str]:
    """Rows of cells as tab lines; a lone title cell outside a table stays plain text."""
    out: list[str] = []
    for i, row in enumerate(rows):
        while row and row[-1] == "":
            row = row[:-1]
        if not row:
            out.append("")
            continue
        prev_tab = i > 0 and out and "\t" in out[-1]
        if len(row) == 1 and not prev_tab:
            out.append(row[0])
        else:
            width = max(len(r) for r in rows)
            out.append("\t".join(row + [""] * (width - len(row))))
    return out
