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

from tests.found import document

from sonanalys.observations import parse

SIMRISHAMN = "simrishamn_kfn_arsbokslut_2025_s12_s20_s32-35.pdf"


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
    obs = parse([document(SIMRISHAMN)]).observations
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


def _past_the_border(path: Path, spaces: bool = True) -> None:
    """A ruled table whose last row is one text object (PDFium gives it as one run)
    that goes on past the table's right border: its label, its value, and a number
    set beyond the border, in no cell. ``spaces``: each part ends in a space (else
    PDFium puts a space of its own, with no width, where the text jumps)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    w = pdf.get_string_width
    xs, h, y0 = [50, 170, 260], 18, 100
    for r in range(4):
        pdf.line(xs[0], y0 + r * h, xs[-1], y0 + r * h)
    for x in xs:
        pdf.line(x, y0, x, y0 + 3 * h)
    for r, (label, value) in enumerate([("Verksamhet", "Utfall 2024"), ("Familjehem", "82 999")]):
        pdf.text(xs[0] + 3, y0 + r * h + 12, label)
        pdf.text(xs[2] - 3 - w(value), y0 + r * h + 12, value)
    parts = ["HVB", "89 895", "-1 234"]
    if spaces:
        parts = [p + " " for p in parts[:2]] + parts[2:]
    # TJ moves right by its number / 1000 of the font size (10 points)
    to_value = (xs[2] - 3 - w("89 895")) - (xs[0] + 3 + w(parts[0]))
    past = xs[2] + 40 - (xs[2] - 3 + w(parts[1]) - w("89 895"))
    x, y = (xs[0] + 3) * pdf.k, (pdf.h - (y0 + 2 * h + 12)) * pdf.k
    tj = f"[({parts[0]}) {-to_value * 100:.0f} ({parts[1]}) {-past * 100:.0f} ({parts[2]})] TJ"
    pdf._out(f"BT {x:.2f} {y:.2f} Td {tj} ET")
    pdf.output(str(path))


def test_a_piece_of_a_cut_run_in_no_cell_is_read_around_the_table(tmp_path):
    # the run 'HVB 89 895 -1 234' is cut where the borders are drawn: 'HVB' and
    # '89 895' go to their cells, '-1 234' (past the table's right border) stands in
    # no cell; it was dropped without a word, now it is read after the table
    from sonanalys.readers import read

    p = tmp_path / "forbi.pdf"
    _past_the_border(p)
    lines = [x.strip() for x in read(p).lines]
    assert "HVB\t89 895" in lines
    assert "-1 234" in lines
    assert lines.index("-1 234") > lines.index("HVB\t89 895")
    # and the parse reports it (a number on a line of its own beside no label)
    report = parse([p]).report
    assert "-1 234" in report["token"].tolist()


def test_a_space_pdfium_puts_where_a_cut_run_jumps_does_not_split_a_number(tmp_path):
    # without spaces of its own, PDFium puts one (no width, lower than the digits)
    # where the text jumps to the value: sorted into the value's text after its
    # first digit, it read '8 9 895'
    from sonanalys.readers import read

    p = tmp_path / "hopp.pdf"
    _past_the_border(p, spaces=False)
    lines = [x.strip() for x in read(p).lines]
    assert "HVB\t89 895" in lines
    assert "-1 234" in lines
