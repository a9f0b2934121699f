"""A ruled PDF table whose snapped cell borders stand inside its cells' text: edges
within 3 points are moved to their mean (pdfplumber's snapping), so a Word table's
padding boxes and a table above it with a border a few points to the left pull a
border into the numbers set flush right in their cells. Such text is cut only where a
line is drawn through it, never by a snapped border (a wrong value is worse than a
missing one: '56 945' was read as '56 94' and '5', and '62 014' under the next year as
'5 62 014')."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from sonanalys.observations import parse

FOUND = Path(__file__).parent / "corpus" / "found" / "documents"
SIMRISHAMN = FOUND / "simrishamn_kfn_arsbokslut_2025_s12_s20_s32-35.pdf"


def _two_tables(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pad = 1.0  # a Word table's padding box, 1 mm inside each border
    h = 8

    def table(y0: float, xs: list[float], rows: list[list[str]]) -> None:
        for r in range(len(rows) + 1):
            pdf.line(xs[0], y0 + r * h, xs[-1], y0 + r * h)
        for x in xs:
            pdf.line(x, y0, x, y0 + h * len(rows))
        for a, b in pairwise(xs):
            for r in range(len(rows)):
                pdf.rect(a + pad, y0 + r * h + pad, b - a - 2 * pad, h - 2 * pad)
        for r, row in enumerate(rows):
            pdf.text(xs[0] + 1.5, y0 + r * h + 5.5, row[0])
            for k, text in enumerate(row[1:], start=2):  # numbers flush right
                pdf.text(xs[k] - pad - pdf.get_string_width(text), y0 + r * h + 5.5, text)

    # a table of nine rows whose second border stands 3 mm left of the one below: the
    # chain of edges 1 mm apart snaps the lower table's border to 129,6 mm
    bidrag = [[f"Bidrag {k}", str(30 + k), str(40 + k)] for k in range(1, 10)]
    table(20, [20, 80, 129, 160], [["Antal", "2023", "2024"], *bidrag])
    pdf.text(20, 105, "Museiverksamhet")
    besokare = [["Besökare", "Bokslut 2023", "Bokslut 2024", "Bokslut 2025"]]
    table(110, [20, 80, 106, 132, 158], [*besokare, ["Museet", "60 000", "56 945", "62 014"]])
    pdf.output(str(path))


def test_a_snapped_border_inside_a_cells_text_does_not_cut_it(tmp_path):
    p = tmp_path / "besokare.pdf"
    _two_tables(p)
    obs = parse([p]).observations
    museet = obs[obs["row_label"] == "Museet"]
    got = sorted(zip(museet["year"].astype(int), museet["value"], strict=True))
    assert got == [(2023, 60000.0), (2024, 56945.0), (2025, 62014.0)]
    # the table above is read as before
    bidrag = obs[obs["row_label"] == "Bidrag 9"]
    assert sorted(zip(bidrag["year"].astype(int), bidrag["value"], strict=True)) == [
        (2023, 39.0), (2024, 49.0),
    ]  # fmt: skip


def test_simrishamns_visitors_under_their_years():
    # SID 33: the table of grants above pulls the visitor table's border 6 points left
    obs = parse([SIMRISHAMN]).observations
    row = obs[obs["row_label"] == "Österlens museum"]
    got = sorted(zip(row["year"].astype(int), row["value"], strict=True))
    assert got == [(2022, 62225.0), (2023, 60000.0), (2024, 56945.0), (2025, 62014.0)]


def _overflowing(path: Path) -> None:
    """A ruled table whose first value is wider than its cell: set from its cell's
    left, it runs on across the border drawn on its right, through its digits (the
    next value set flush right in its wider cell)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    xs, h, y0 = [20, 80, 92, 130], 8, 30
    rows = [["Besökare", "2023", "2024"], ["Museet", "1 256 945", "1 301 002"]]
    for r in range(len(rows) + 1):
        pdf.line(xs[0], y0 + r * h, xs[-1], y0 + r * h)
    for x in xs:
        pdf.line(x, y0, x, y0 + h * len(rows))
    for r, row in enumerate(rows):
        pdf.text(xs[0] + 1, y0 + r * h + 5.5, row[0])
        pdf.text(xs[1] + 1, y0 + r * h + 5.5, row[1])
        pdf.text(xs[3] - 1 - pdf.get_string_width(row[2]), y0 + r * h + 5.5, row[2])
    pdf.output(str(path))


def test_a_drawn_border_through_a_number_does_not_cut_it(tmp_path):
    # '1 256 945' runs on across the border on its right with its normal spacing: cut
    # there, it read '1 256 9' under 2023 and '45' before 2024's '1 301 002'
    p = tmp_path / "smal.pdf"
    _overflowing(p)
    obs = parse([p]).observations
    museet = obs[obs["row_label"] == "Museet"]
    got = sorted(zip(museet["year"].astype(int), museet["value"], strict=True))
    assert got == [(2023, 1256945.0), (2024, 1301002.0)]
