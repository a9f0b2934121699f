"""An accounting system's result report printed as a PDF (a web application's report
printed by Chrome; Hansa through Acrobat): accounts with their codes in a column of
their own ('3005  Terminsavgift'), each group closed by its total set from the table's
left edge, over the codes' column ('Summa verksamhetsintäkter'), and a result set
apart under the last total by a blank line. The totals were taken for running text
crossing the codes' column, or for a line of their own, and left unread (Kalmar
Nation's Resultatrapport 2025: 13/15 facts; a samfällighet's Resultaträkning by Hansa:
'Summa RÖRELSEINTÄKTER 762 865,42' alone between blank lines)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse

LEFT, CODE, NAME = 53.0, 72.0, 105.0
ENDS = [394.0, 469.0, 543.0]
PITCH = 13.5


def _right(pdf, end: float, y: float, text: str) -> None:
    pdf.text(end - pdf.get_string_width(text), y, text)


def _report(path: Path, apart: float = 32.0) -> Path:
    """Two groups of accounts, each under its name and closed by its total, and a
    result ``apart`` points under the last total."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    for end, text in zip(ENDS, ["Period", "Ackumulerat", "Period fg år"], strict=True):
        _right(pdf, end, 80.0, text)
    y = 100.0
    groups = [
        (
            "Verksamhetsintäkter",
            [
                ("3005", "Terminsavgift", "556 091,68", "556 091,68", "481 158,42"),
                ("3010", "Food - Main", "885 792,69", "885 792,69", "581 443,54"),
                ("3011", "Food - snacks", "49 181,69", "49 181,69", "43 484,25"),
            ],
            ("Summa verksamhetsintäkter", "1 491 066,06", "1 491 066,06", "1 106 086,21"),
        ),
        (
            "Försäljningsintäkter",
            [
                ("3691", "Marknadsbidrag", "14 756,00", "14 756,00", "10 000,00"),
                ("3695", "Printing", "94,00", "94,00", "200,00"),
            ],
            ("Summa försäljningsintäkter", "14 850,00", "14 850,00", "10 200,00"),
        ),
    ]
    for name, accounts, total in groups:
        pdf.text(LEFT, y, name)
        y += PITCH
        for code, label, *values in accounts:
            pdf.text(CODE, y, code)
            pdf.text(NAME, y, label)
            for end, v in zip(ENDS, values, strict=True):
                _right(pdf, end, y, v)
            y += PITCH
        pdf.text(LEFT, y, total[0])
        for end, v in zip(ENDS, total[1:], strict=True):
            _right(pdf, end, y, v)
        y += PITCH + 8.0
    y += apart - PITCH - 8.0
    pdf.text(LEFT, y, "Summa intäkter")
    for end, v in zip(ENDS, ["1 505 916,06", "1 505 916,06", "1 116 286,21"], strict=True):
        _right(pdf, end, y, v)
    pdf.output(str(path))
    return path


def _values(path: Path) -> dict[str, dict[str, float]]:
    obs = parse([path]).observations
    out: dict[str, dict[str, float]] = {}
    for r in obs.itertuples():
        out.setdefault(str(r.row_label), {})[str(r.column_label)] = r.value
    return out


def test_totals_over_the_codes_column_and_a_result_set_apart_are_rows(tmp_path):
    """Once two rows begin with a code, a total's label over the codes' column is no
    running text (``pdf_layout._leading_code``); a line of a label and values on the
    last row's columns, a blank line under it, is a total set apart
    (``pdf_layout._fills``): each read under the header, as the accounts are."""
    got = _values(_report(tmp_path / "report.pdf"))
    assert got["3005 / Terminsavgift"]["Period"] == 556091.68
    assert got["Summa verksamhetsintäkter"] == {
        "Period": 1491066.06,
        "Ackumulerat": 1491066.06,
        "Period fg år": 1106086.21,
    }
    assert got["Summa försäljningsintäkter"]["Period fg år"] == 10200.0
    assert got["Summa intäkter"]["Ackumulerat"] == 1505916.06


def test_values_set_apart_off_the_last_rows_columns_are_no_total(tmp_path):
    """A line set apart as the result is, with a number off the last row's columns as
    well as on them (a chart's labels under a table: 'Procent 4060 37 29 31'), is not
    taken into the table as a total set apart: none of its numbers is read under the
    table's header."""
    from fpdf import FPDF

    path = _report(tmp_path / "chart.pdf", apart=32.0)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    for end, text in zip(ENDS, ["Period", "Ackumulerat", "Period fg år"], strict=True):
        _right(pdf, end, 80.0, text)
    y = 100.0
    for k in range(3):
        pdf.text(CODE, y, f"30{k}5")
        pdf.text(NAME, y, f"Konto {k}")
        for end in ENDS:
            _right(pdf, end, y, f"{k + 1}0,00")
        y += PITCH
    pdf.text(LEFT, y, "Summa konton")
    for end in ENDS:
        _right(pdf, end, y, "60,00")
    y += PITCH + 16.0  # a blank line under the total, as a total set apart stands
    pdf.text(LEFT, y, "Procent")
    for x, v in ((300.0, "4060"), (ENDS[0], "37"), (ENDS[1], "29"), (ENDS[2], "31")):
        _right(pdf, x, y, v)
    pdf.output(str(path))
    obs = parse([path]).observations
    triples = {(str(r.row_label), str(r.column_label), r.value) for r in obs.itertuples()}
    assert ("Konto 2", "Period fg år", 30.0) in triples
    assert ("Summa konton", "Ackumulerat", 60.0) in triples
    assert not {4060.0, 37.0, 29.0, 31.0} & set(obs["value"])
