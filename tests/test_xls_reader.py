"""Excel 97-2003 workbooks (.xls), read through the same sheet path as .xlsx: built byte
by byte in the test (tests/xls_build.py), never with a writer library."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.styles import Font
from tests.xls_build import BOLD, DATE, PERCENT, workbook

from sonanalys import parse
from sonanalys.model import DocumentError
from sonanalys.readers import read

ROWS = [
    [("Driftredovisning, tkr", BOLD)],  # merged over the table's three columns
    [("Verksamhet", BOLD), ("Budget 2024", BOLD), ("Utfall", BOLD)],
    ["Barn och unga", 1801.5, 12.830000000000002],  # a sum as a spreadsheet stores it
    ["Vuxna", 20000, (0.39, PERCENT)],
    ["Försörjningsstöd", -575.5, 48128],
    ["Uppdaterad", (45292, DATE), None],  # 2024-01-01 in the 1900 date system
]


def _as_xlsx(path):
    """The same sheet as an .xlsx, as Excel would save it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    for r, row in enumerate(ROWS, start=1):
        for c, cell in enumerate(row, start=1):
            value, style = cell if isinstance(cell, tuple) else (cell, 0)
            if value is None:
                continue
            x = ws.cell(row=r, column=c, value=dt.date(2024, 1, 1) if style == DATE else value)
            if style == BOLD:
                x.font = Font(bold=True)
            elif style == PERCENT:
                x.number_format = "0%"
    ws.merge_cells("A1:C1")
    wb.save(path)


def test_an_xls_reads_as_the_same_workbook_saved_as_xlsx(tmp_path):
    xls = tmp_path / "budget.xls"
    xls.write_bytes(workbook({"Budget": ROWS}, merged={"Budget": [(0, 0, 0, 2)]}))
    _as_xlsx(tmp_path / "budget.xlsx")
    old, new = read(tmp_path / "budget.xlsx"), read(xls)
    assert new.lines == old.lines
    assert new.lines[:6] == [
        "Driftredovisning, tkr",
        "Verksamhet\tBudget 2024\tUtfall",
        "Barn och unga\t1801,5\t12,83",  # exact Swedish strings, never the float's digits
        "Vuxna\t20000\t39%",
        "Försörjningsstöd\t-575,5\t48128",
        "Uppdaterad\t2024-01-01\t",
    ]
    assert new.sheet_names == old.sheet_names == ["Budget"]
    header_rows = [(b.line, b.header_rows) for b in new.blocks if hasattr(b, "header_rows")]
    assert header_rows == [(b.line, b.header_rows) for b in old.blocks if hasattr(b, "header_rows")]
    assert new.merged == old.merged and new.merged[1] == {1, 2}  # the title's merged cells
    both = parse([xls, tmp_path / "budget.xlsx"])
    assert sorted(set(both.observations.doc_type)) == ["volymtabell"]  # a sheet's kind
    obs = both.observations[both.observations.source == "budget.xls"]
    got = sorted(zip(obs.row_label, obs.column_label, obs.value, obs.unit, strict=True))
    assert got == [
        ("Barn och unga", "Budget 2024", 1801.5, "tkr"),  # the title's unit
        ("Barn och unga", "Utfall", 12.83, "tkr"),
        ("Försörjningsstöd", "Budget 2024", -575.5, "tkr"),
        ("Försörjningsstöd", "Utfall", 48128.0, "tkr"),
        ("Vuxna", "Budget 2024", 20000.0, "tkr"),
        ("Vuxna", "Utfall", 39.0, "procent"),
    ]
    assert set(obs.sheet) == {"Budget"} and set(obs.source) == {"budget.xls"}


def test_a_bold_row_is_an_xls_tables_header(tmp_path):
    # bold by the font's weight, as Excel writes it: the row is set as the table's header,
    # as an .xlsx's bold row is; the same row not bold is left to the layouts
    def header_rows(bold: bool) -> list:
        st = BOLD if bold else 0
        rows = [[("Verksamhet", st), ("Utfall", st), ("Budget", st)], ["HVB", 60, 50]]
        xls = tmp_path / f"{bold}.xls"
        xls.write_bytes(workbook({"V": rows}))
        return [(b.line, b.header_rows) for b in read(xls).blocks if hasattr(b, "header_rows")]

    assert header_rows(True) == [(1, 1)]
    assert header_rows(False) == [(1, None)]


def test_an_xls_of_two_sheets_with_the_1904_date_system(tmp_path):
    xls = tmp_path / "två blad.xls"
    xls.write_bytes(
        workbook(
            {"Barn": [["Insats", "Antal"], ["HVB", 12]], "Vuxna": [["Datum", (43830, DATE)]]},
            date_1904=True,
        )
    )
    doc = read(xls)
    assert doc.sheet_names == ["Barn", "Vuxna"]
    assert doc.lines[doc.page_starts[1] - 1] == "Datum\t2024-01-01"  # 43 830 days from 1904


def test_an_xls_that_is_none_or_is_cut_is_said_in_swedish(tmp_path):
    fake = tmp_path / "gammal.xls"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # an image given the wrong name
    with pytest.raises(DocumentError, match=r"inte en Excel 97–2003-arbetsbok"):
        read(fake)
    cut = tmp_path / "avkortad.xls"
    cut.write_bytes(workbook({"Blad1": [["HVB", 12]]})[:1100])
    with pytest.raises(DocumentError, match=r"XLS-filen kan inte läsas \(skadad"):
        read(cut)
    empty = tmp_path / "tom.xls"
    empty.write_bytes(workbook({"Blad1": []}))
    with pytest.raises(DocumentError, match="arbetsboken innehåller inga värden"):
        read(empty)


MISNAMED = {
    # what many systems save as their "Excel" export: a web page, Swedish CSV, tab text
    "webbsida": (
        "<html><body><table><tr><th>Verksamhet</th><th>Budget 2024</th></tr>"
        "<tr><td>HVB</td><td>-81,5</td></tr></table></body></html>"
    ).encode("cp1252"),
    "csv": "Verksamhet;Budget 2024\nHVB;-81,5\nFamiljehem;1 801,5\n".encode("cp1252"),
    "tab": b"Verksamhet\tBudget 2024\nHVB\t-81,5\nFamiljehem\t1 801,5\n",
}


@pytest.mark.parametrize("kind", sorted(MISNAMED))
def test_an_export_saved_as_xls_that_is_a_web_page_or_text_is_read_and_said(tmp_path, kind):
    """A file named .xls that is no Excel 97-2003 workbook but a web page or a CSV (as
    Excel opens it, after a warning) is read by what it is, and the parse report says so.
    On the old code it was refused ('inte en Excel 97–2003-arbetsbok')."""
    xls = tmp_path / f"export_{kind}.xls"
    xls.write_bytes(MISNAMED[kind])
    result = parse([xls])
    obs = result.observations
    hvb = obs[obs.row_label.eq("HVB")]
    assert list(hvb.value) == [-81.5] and list(hvb.year) == [2024]
    said = result.report[result.report.source.eq(xls.name)]
    assert said.reason.str.startswith("filen heter .xls men är ").sum() == 1


def test_an_xlsx_saved_as_xls_reads_as_the_xlsx(tmp_path):
    _as_xlsx(tmp_path / "budget.xlsx")
    named = tmp_path / "budget.xls"
    named.write_bytes((tmp_path / "budget.xlsx").read_bytes())
    as_xlsx = read(tmp_path / "budget.xlsx")
    assert [b.line for b in read(named).blocks] == [b.line for b in as_xlsx.blocks]
    said = parse([named]).report
    assert list(said.reason[said.reason.str.startswith("filen heter .xls")]) == [
        "filen heter .xls men är en arbetsbok i .xlsx-format; läst som en arbetsbok i .xlsx-format"
    ]
