"""A table whose header stands at the foot of one PDF page and whose body begins the next
(readers/pdf_layout.dangling_header, goes_on_under): one table when the header's cells
line up with the body's columns. dev_11 printed as a PDF (tests/corpus/printed) breaks
right under its header; small PDFs set with fpdf2 vary the rest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sonanalys.observations import parse

PRINTED = Path(__file__).parent / "corpus" / "printed"
FONT = 9.0
LABEL_X = 40.0
RIGHTS = (260.0, 330.0, 400.0)


class Pdf:
    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Helvetica", size=FONT)

    def page(self) -> None:
        self.pdf.add_page()

    def left(self, x: float, y: float, text: str) -> None:
        self.pdf.text(x, y, text)

    def right(self, x1: float, y: float, text: str) -> None:
        self.pdf.text(x1 - self.pdf.get_string_width(text), y, text)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


ROWS = [("Barn och unga", "12 500", "13 100", "-600"), ("Vuxna", "8 200", "8 000", "200")]


def _broken(path: Path, shift: float = 0.0, footer: str = "") -> Path:
    """Prose, then the header on page 1's last line; the body on page 2, its values
    ``shift`` points right of the header's columns."""
    d = Pdf()
    d.page()
    d.left(LABEL_X, 60, "Socialnämndens ekonomi i sammandrag, tkr.")
    d.left(LABEL_X, 790, "Verksamhet")
    for x1, name in zip(RIGHTS, ("Budget 2024", "Utfall 2024", "Avvikelse"), strict=True):
        d.right(x1, 790, name)
    if footer:
        d.left(500, 820, footer)
    d.page()
    y = 60.0
    for label, *values in ROWS:
        d.left(LABEL_X, y, label)
        for x1, v in zip(RIGHTS, values, strict=True):
            d.right(x1 + shift, y, v)
        y += 15
    return d.save(path)


def test_a_header_at_the_foot_of_a_page_heads_the_body_on_the_next(tmp_path):
    o = parse([_broken(tmp_path / "bruten.pdf", footer="Sida 1 av 2")]).observations
    t = o[o["table"] != "text"]
    assert t[["page", "row_label", "column_label", "year", "value"]].astype(
        object
    ).values.tolist() == [
        [2, "Barn och unga", "Budget 2024", 2024, 12500.0],
        [2, "Barn och unga", "Utfall 2024", 2024, 13100.0],
        [2, "Barn och unga", "Avvikelse", pd.NA, -600.0],
        [2, "Vuxna", "Budget 2024", 2024, 8200.0],
        [2, "Vuxna", "Utfall 2024", 2024, 8000.0],
        [2, "Vuxna", "Avvikelse", pd.NA, 200.0],
    ]


def test_a_line_at_the_foot_whose_cells_stand_apart_from_the_columns_stays(tmp_path):
    # the body's columns 40 points right of the line's cells: not its header
    o = parse([_broken(tmp_path / "annan.pdf", shift=40.0)]).observations
    t = o[o["table"] != "text"]
    assert not t["column_label"].fillna("").str.contains("2024").any()


def test_dev_11_printed_reads_its_second_version_under_its_header():
    # 'HVB - Missbruk | Avgift' is page 1's last line; the rows begin page 2
    o = parse([PRINTED / "dev_11_vaxholm_egenavgifter_hvb.pdf"]).observations
    two = o[(o["page"] == 2) & (o["table"] != "text")]
    assert two[["row_label", "column_label", "value", "unit"]].values.tolist() == [
        ["Egenavgift för vård och behandling, vuxna missbrukare", "Avgift", 80.0, "kr/dygn"],
        ["Måltider", "Avgift", 4326.0, "kr/månad"],
        ["Måltider", "Avgift", 144.0, "kr/dygn"],
        ["Omvårdnadsavgift", "Avgift", 2642.0, "kr/månad"],
        ["Omvårdnadsavgift", "Avgift", 88.0, "kr/dygn"],
        ["Bostadshyra hos vårdgivare", "Avgift", 2714.0, "kr/månad"],
    ]
