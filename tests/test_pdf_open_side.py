"""A table printed wider than the text box under a narrower one on the same page: the
wide one's last column has no right border (Chromium leaves it out) and its rules end
2,5 points right of the narrow one's drawn right side (004 printed on A4: 'Beskriv
förväntad effekt' and its cells under 'Bilaga 1: Beslutade åtgärder' fell out of the
table, read as loose lines after it, so 'Förändrad resurs som företrädare i domstol'
lost its only value and the comment under it lost its row)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.readers import read

NARROW = [55.0, 132.5, 254.0, 357.0, 462.0, 543.0]  # drawn on every side
WIDE = [55.0, 158.0, 258.0, 357.0, 460.0]  # and the rules run on to 545.5, no side there
WIDE_END = 545.5
HEADER = ["Beslutad åtgärd", "Besluts-datum", "Diarie-nummer", "Effekt, mnkr", "Beskriv"]


def _row(pdf, y0: float, y1: float, xs: list[float], cells: list[str], end: float | None) -> None:
    """One row: a rule above and below from the first x to ``end`` (or the last x),
    sides at ``xs``; each cell's text at its top left."""
    right = end if end is not None else xs[-1]
    pdf.line(xs[0], y0, right, y0)
    pdf.line(xs[0], y1, right, y1)
    for x in xs:
        pdf.line(x, y0, x, y1)
    for k, text in enumerate(cells):
        if text:
            pdf.text(xs[k] + 3.0, y0 + 12.0, text)


def _page(path: Path, wide_end: float = WIDE_END) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    y = 60.0
    first = ["Särskilt kvalificerade", "2023-03-10", "Ks 249/2023", "", "Bättre stöd"]
    for cells in (HEADER, first):
        _row(pdf, y, y + 30.0, NARROW, cells, None)
        y += 30.0
    pdf.text(55.0, y + 20.0, "Bilaga 1: Beslutade åtgärder")
    y += 40.0
    rows = [HEADER, ["Förändrad resurs", "", "", "", "Lärande i organisationen"]]
    for cells in rows:
        _row(pdf, y, y + 30.0, WIDE, cells, wide_end)
        y += 30.0
    pdf.output(str(path))
    return path


def test_the_wide_tables_last_column_is_read_in_its_rows(tmp_path):
    """The rules of the wide table, from its drawn left side to 545,5 where no side of
    its own is drawn and the narrow table's side (543) spans no rule of it, end its
    last column there (``pdf_layout._past_drawn_side``): 'Beskriv' and 'Lärande i
    organisationen' stand in their rows."""
    lines = read(_page(tmp_path / "two_tables.pdf")).lines
    assert "Förändrad resurs\t\t\t\tLärande i organisationen" in lines
    assert lines.count("\t".join(HEADER)) == 2
    assert not any(line.strip() == "Lärande i organisationen" for line in lines)


def test_rules_ending_at_the_narrow_tables_side_add_no_column(tmp_path):
    """The wide table's rules ending where the narrow one's side stands (within a
    line's width) are drawn as one page's tables: no side is added, and the last
    column's text, outside any cell, is read as loose text as before."""
    lines = read(_page(tmp_path / "same_end.pdf", wide_end=543.5)).lines
    assert "Förändrad resurs\t\t\t\tLärande i organisationen" not in lines
    assert any("Lärande i organisationen" in line for line in lines)
