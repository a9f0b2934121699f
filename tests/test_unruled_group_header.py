"""A group header in a row of its own over an unruled table, as Excel prints a header
centred across two columns: '2023' over 'Budget | Utfall', '2024' over 'Budget |
Prognos' (the shape of a delårsrapport's placement costs). The group row stands as far
above the header row as the body's rows stand apart, and each year stands in the gap
between its two columns' numbers, reaching into neither (pdf_layout._header's row pitch,
pdf_layout._centred_in_gap). Before, the year row was left out of the header (it stood
farther than the lines of one header cell) and the two Budget columns had no year."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse
from sonanalys.readers import read

ROWS = [
    ("HVB", ["18,0", "22,1", "18,5", "25,4"]),
    ("Familjehem", ["21,0", "19,9", "21,5", "20,3"]),
    ("Summa", ["39,0", "42,0", "40,0", "45,7"]),
]


def _table(
    path: Path, groups: list[tuple[str, int, int]], heads: list[str], size: float = 9
) -> Path:
    """An unruled table (fpdf, ``size`` points, rows 13 points apart): ``groups`` (text,
    first and last column) centred over their columns in a row 13 points above
    ``heads``."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", size)
    anchors = [260.0, 330.0, 420.0, 490.0]

    def right(x: float, y: float, s: str) -> None:
        pdf.text(x - pdf.get_string_width(s), y, s)

    pdf.text(40, 60, "Placeringar, kostnad (mnkr)")
    y = 90.0
    for text, a, b in groups:
        left = anchors[a] - pdf.get_string_width("22,1")
        mid = (left + anchors[b]) / 2
        pdf.text(mid - pdf.get_string_width(text) / 2, y, text)
    y += 13
    for x, h in zip(anchors, heads, strict=True):
        right(x, y, h)
    for label, values in ROWS:
        y += 13
        pdf.text(40, y, label)
        for x, v in zip(anchors, values, strict=True):
            right(x, y, v)
    pdf.output(str(path))
    return path


def test_years_centred_over_pairs_of_columns_head_both(tmp_path):
    # each year in the gap between its pair's numbers (9 pt: the group row stood close
    # enough before too; '2023' went to Utfall alone, Budget had no year)
    path = _table(
        tmp_path / "placeringar.pdf",
        [("2023", 0, 1), ("2024", 2, 3)],
        ["Budget", "Utfall", "Budget", "Prognos"],
    )
    o = parse([path]).observations
    summa = o[o["row_label"] == "Summa"]
    assert summa[["column_label", "year", "value"]].astype(object).values.tolist() == [
        ["2023 / Budget", 2023, 39.0],
        ["2023 / Utfall", 2023, 42.0],
        ["2024 / Budget", 2024, 40.0],
        ["2024 / Prognos", 2024, 45.7],
    ]


def test_a_group_row_as_far_above_as_the_rows_stand_apart_is_header(tmp_path):
    # 8 pt, rows 13 points apart: the group row stands farther above the header row than
    # the lines of one header cell (1,45 em), as far as the body's rows stand apart (it
    # was left out before); centred in the middle gap, it heads the widest run of columns
    # centred there, all four
    path = _table(
        tmp_path / "helar.pdf",
        [("Helår 2024", 0, 3)],
        ["Budget", "Utfall", "Budget", "Prognos"],
        size=8,
    )
    lines = [ln for ln in read(path).lines if ln.strip()]
    assert lines[1] == (
        "\tHelår 2024 / Budget\tHelår 2024 / Utfall\tHelår 2024 / Budget\tHelår 2024 / Prognos"
    )
