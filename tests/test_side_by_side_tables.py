"""Two unruled tables side by side on one page (an årsredovisning's two columns, a
delårsrapport's key figures): counts of placed children on the left, cost per vårddygn
on the right, each with its own title and the same years over its columns. Read as one
table before, the right table's amounts stood in the left table's rows and took its
unit ('HVB 2023: 4 850 antal'), or, once the titles were read, the left table's counts
took 'kr/dygn'. Now each is its own table under its own title
(pdf_layout._side_by_side, _apart, _caption)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse

LEFT = (
    "Antal placerade barn",
    [("HVB", "12", "15"), ("Familjehem", "48", "51"), ("Totalt", "60", "66")],
)
RIGHT = ("Kostnad per vårddygn, kr", [("HVB", "4 850", "5 120"), ("Familjehem", "1 050", "1 110")])


def _page(path: Path, tables: list[tuple[float, str, list, list[str]]]) -> Path:
    """Unruled tables (fpdf, 9 pt): each at its left edge with its title, a header row and
    its rows, values right-aligned in two columns."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    for x0, title, rows, heads in tables:
        pdf.text(x0, 60, title)
        y = 78.0
        anchors = [x0 + 170, x0 + 230]
        for x, h in zip(anchors, heads, strict=True):
            pdf.text(x - pdf.get_string_width(h), y, h)
        for label, *values in rows:
            y += 13
            pdf.text(x0, y, label)
            for x, v in zip(anchors, values, strict=True):
                pdf.text(x - pdf.get_string_width(v), y, v)
    pdf.output(str(path))
    return path


def test_two_tables_side_by_side_are_two_tables(tmp_path):
    years = ["2023", "2024"]
    path = _page(tmp_path / "nyckeltal.pdf", [(40, *LEFT, years), (310, *RIGHT, years)])
    o = parse([path]).observations
    got = o[["table", "row_label", "year", "value", "unit"]].astype(object).values.tolist()
    assert got == [
        ["Antal placerade barn", "HVB", 2023, 12.0, "antal"],
        ["Antal placerade barn", "HVB", 2024, 15.0, "antal"],
        ["Antal placerade barn", "Familjehem", 2023, 48.0, "antal"],
        ["Antal placerade barn", "Familjehem", 2024, 51.0, "antal"],
        ["Antal placerade barn", "Totalt", 2023, 60.0, "antal"],
        ["Antal placerade barn", "Totalt", 2024, 66.0, "antal"],
        ["Kostnad per vårddygn, kr", "HVB", 2023, 4850.0, "kr/dygn"],
        ["Kostnad per vårddygn, kr", "HVB", 2024, 5120.0, "kr/dygn"],
        ["Kostnad per vårddygn, kr", "Familjehem", 2023, 1050.0, "kr/dygn"],
        ["Kostnad per vårddygn, kr", "Familjehem", 2024, 1110.0, "kr/dygn"],
    ]


def test_a_column_of_text_between_numbers_stays_a_column(tmp_path):
    # 'Status' between an amount and an effect: its texts are no labels of the rows on
    # the left and its column no repeat of the left columns' headers, so one table
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    y = 78.0
    cols = [(200, "Belopp", "r"), (230, "Status", "l"), (380, "Effekt 2025", "r")]
    for x, h, how in cols:
        pdf.text(x - pdf.get_string_width(h) if how == "r" else x, y, h)
    for label, amount, status, effect in [
        ("Färre externa placeringar", "2 000", "Pågår", "1 500"),
        ("Egen öppenvård", "800", "Klar", "800"),
        ("Hemmaplanslösningar", "1 200", "Pågår", "600"),
    ]:
        y += 13
        pdf.text(40, y, label)
        for (x, _h, how), v in zip(cols, (amount, status, effect), strict=True):
            pdf.text(x - pdf.get_string_width(v) if how == "r" else x, y, v)
    path = tmp_path / "atgarder.pdf"
    pdf.output(str(path))
    o = parse([path]).observations
    row = o[o["row_label"] == "Egen öppenvård"]
    assert row[["column_label", "value"]].values.tolist() == [
        ["Belopp", 800.0],
        ["Effekt 2025", 800.0],
    ]


def test_two_titles_over_tables_of_other_columns_begin_two_tables(tmp_path):
    # the right table heads other columns (Budget | Utfall) and other rows: its title on
    # the line of titles, where its labels begin, tells it apart
    right = (
        "Kostnad, tkr",
        [("Institutionsvård", "18 000", "22 140"), ("Öppenvård", "9 000", "8 210")],
    )
    path = _page(
        tmp_path / "nyckeltal.pdf",
        [(40, *LEFT, ["2023", "2024"]), (310, *right, ["Budget", "Utfall"])],
    )
    o = parse([path]).observations
    costs = o[o["table"] == "Kostnad, tkr"]
    assert costs[["row_label", "column_label", "value", "unit"]].values.tolist() == [
        ["Institutionsvård", "Budget", 18000.0, "tkr"],
        ["Institutionsvård", "Utfall", 22140.0, "tkr"],
        ["Öppenvård", "Budget", 9000.0, "tkr"],
        ["Öppenvård", "Utfall", 8210.0, "tkr"],
    ]
    counts = o[o["table"] == "Antal placerade barn"]
    assert set(counts["row_label"]) == {"HVB", "Familjehem", "Totalt"}
    assert set(counts["unit"]) == {"antal"}


def test_ruled_tables_side_by_side_keep_their_own_titles(tmp_path):
    # two ruled tables side by side under their titles: each was read, but the line of
    # both titles titled both, so the counts took 'tkr' from 'Kostnad, tkr'
    # (pdf_layout.titles_beside)
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)

    def table(x0: float, title: str, rows: list[list[str]]) -> None:
        pdf.text(x0, 60, title)
        xs = [x0, x0 + 110, x0 + 165, x0 + 220]
        y = 68.0
        for r in rows:
            for k, c in enumerate(r):
                pdf.rect(xs[k], y, xs[k + 1] - xs[k], 15)
                x = xs[k] + 3 if k == 0 else xs[k + 1] - 3 - pdf.get_string_width(c)
                pdf.text(x, y + 11, c)
            y += 15

    table(40, LEFT[0], [["", "2023", "2024"], *([label, *v] for label, *v in LEFT[1])])
    costs = [("Institutionsvård", "18 000", "22 140"), ("Öppenvård", "9 000", "8 210")]
    table(300, "Kostnad, tkr", [["", "Budget", "Utfall"], *([label, *v] for label, *v in costs)])
    path = tmp_path / "ruled.pdf"
    pdf.output(str(path))
    o = parse([path]).observations
    assert o.groupby("table")["unit"].agg(set).to_dict() == {
        "Antal placerade barn": {"antal"},
        "Kostnad, tkr": {"tkr"},
    }
    costs = o[o["table"] == "Kostnad, tkr"]
    assert costs[["row_label", "column_label", "value"]].values.tolist() == [
        ["Institutionsvård", "Budget", 18000.0],
        ["Institutionsvård", "Utfall", 22140.0],
        ["Öppenvård", "Budget", 9000.0],
        ["Öppenvård", "Utfall", 8210.0],
    ]
