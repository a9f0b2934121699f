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


WIDTHS = (50.0, 150.0, 80.0, 80.0)


def _ruled(path: Path, second_header: bool = False) -> Path:
    """A ruled table (cell borders) of four columns, its header and two rows on page 1;
    on page 2 its last two rows, the first column (a code) empty, and no header — or,
    ``second_header``, a table of its own with a header in the same columns."""
    d = Pdf()

    def row(y: float, cells: tuple[str, ...]) -> None:
        d.pdf.set_xy(LABEL_X, y)
        for w, text in zip(WIDTHS, cells, strict=True):
            d.pdf.cell(w, 16, text, border=1, align="R" if text[:1].isdigit() and w == 80 else "L")

    d.page()
    d.left(LABEL_X, 50, "Investeringar, tkr")
    row(60, ("Kod", "Projekt", "Budget 2024", "Utfall 2024"))
    row(76, ("6289", "Utrustning", "1 000", "950"))
    row(92, ("6012", "Ombyggnad", "400", "380"))
    d.left(500, 820, "Sida 1 av 2")
    d.page()
    y = 40.0
    if second_header:
        row(y, ("Nr", "Lokal", "Yta 2024", "Hyra 2024"))
        y += 16
    row(y, ("", "Summa projekt", "1 400", "1 330"))
    row(y + 16, ("", "Reinvesteringar", "1 200", "1 100"))
    return d.save(path)


def test_a_ruled_table_goes_on_on_the_next_page_in_its_columns(tmp_path):
    o = parse([_ruled(tmp_path / "ruled.pdf")]).observations
    two = o[o["page"] == 2]
    assert two[["row_label", "column_label", "year", "value"]].astype(object).values.tolist() == [
        ["Summa projekt", "Budget 2024", 2024, 1400.0],
        ["Summa projekt", "Utfall 2024", 2024, 1330.0],
        ["Reinvesteringar", "Budget 2024", 2024, 1200.0],
        ["Reinvesteringar", "Utfall 2024", 2024, 1100.0],
    ]
    assert two["table_id"].nunique() == 1
    assert set(two["table_id"]) == set(o[o["page"] == 1]["table_id"])


def test_a_ruled_table_with_its_own_header_on_the_next_page_stays_its_own(tmp_path):
    o = parse([_ruled(tmp_path / "two.pdf", second_header=True)]).observations
    two = o[o["page"] == 2]
    assert set(two["column_label"]) == {"Yta 2024", "Hyra 2024"}
    assert not set(two["table_id"]) & set(o[o["page"] == 1]["table_id"])


def test_an_unruled_table_goes_on_with_a_column_its_rows_leave_empty(tmp_path):
    # page 1: header and two rows; page 2 (after 'Sida 1 av 2'): two rows whose
    # Avvikelse is empty: read in page 1's three columns, one table under its header
    d = Pdf()
    d.page()
    d.left(LABEL_X, 60, "Socialnämndens ekonomi i sammandrag, tkr.")
    d.left(LABEL_X, 760, "Verksamhet")
    for x1, name in zip(RIGHTS, ("Budget 2024", "Utfall 2024", "Avvikelse"), strict=True):
        d.right(x1, 760, name)
    for k, (label, *values) in enumerate(ROWS):
        d.left(LABEL_X, 775 + 15 * k, label)
        for x1, v in zip(RIGHTS, values, strict=True):
            d.right(x1, 775 + 15 * k, v)
    d.left(500, 825, "Sida 1 av 2")
    d.page()
    for k, (label, *values) in enumerate(
        [("Ekonomiskt bistånd", "5 000", "5 400"), ("Övrigt", "100", "200")]
    ):
        d.left(LABEL_X, 60 + 15 * k, label)
        for x1, v in zip(RIGHTS, values, strict=False):
            d.right(x1, 60 + 15 * k, v)
    o = parse([d.save(tmp_path / "tom.pdf")]).observations
    two = o[o["page"] == 2]
    assert two[["row_label", "column_label", "value"]].values.tolist() == [
        ["Ekonomiskt bistånd", "Budget 2024", 5000.0],
        ["Ekonomiskt bistånd", "Utfall 2024", 5400.0],
        ["Övrigt", "Budget 2024", 100.0],
        ["Övrigt", "Utfall 2024", 200.0],
    ]
    assert set(two["table_id"]) == set(o[o["page"] == 1]["table_id"])


def test_a_checks_parts_are_named_by_page_and_line(tmp_path):
    # a budget table over a page break: its Summa (page 2) sums rows on page 1 (lines
    # 4-7) and page 2 (lines 2-4). Line 4 is a row on both pages: each part is named by
    # its own page and line (checks.part_pages), never by the first row of that line
    # (before: '1240 / Möbler gruppbostad' was named as '1234 / Ombyggnad Hagagården')
    from sonanalys import domain
    from sonanalys.domain.checks import named
    from test_spaced_pagebreak import _investment_pdf

    _investment_pdf(tmp_path / "investeringar.pdf")
    r = parse([tmp_path])
    frames = domain.build(r.observations, r.cells)
    c = frames["checks"]
    c = c[c["group"].str.startswith("Budget")]
    assert c[["part_lines", "part_pages", "status"]].values.tolist() == [
        ["4, 5, 6, 7, 2, 3, 4", "1, 1, 1, 1, 2, 2, 2", "ok"]
    ]
    parts = named(c, frames["budget"], "verksamhet")["parts"].iloc[0].split(" + ")
    assert parts[0] == "1234 / Ombyggnad Hagagården (s. 1, rad 4)"
    assert parts[-1] == "1240 / Möbler gruppbostad (s. 2, rad 4)"


def _ruled_pages(path: Path, header: tuple[str, ...], pages: list) -> Path:
    """A ruled driftredovisning (fpdf) whose rows run over ``pages``: its title and
    ``header`` on page 1 only, a page mark at each page's foot."""
    from fpdf import FPDF

    widths = [70] + [35] * (len(header) - 1)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", "", 10)

    def row(cells):
        for w, c in zip(widths, cells, strict=True):
            pdf.cell(w, 7, c, border=1, align="L" if w == 70 else "R")
        pdf.ln(7)

    for no, rows in enumerate(pages, start=1):
        pdf.add_page()
        if no == 1:
            pdf.cell(0, 10, "Driftredovisning 2024, tkr")
            pdf.ln(12)
            row(header)
        for r in rows:
            row(r)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Sida {no} (2)", align="R")
    pdf.output(str(path))
    return path


def _drift_pdf(path: Path, last: str = "Avvikelse 2024") -> Path:
    """A driftredovisning over a page break (fpdf, ruled, the header on page 1 only):
    Budget, Prognos and Avvikelse per verksamhet, tkr; Summa at the foot of page 2.
    Öppenvård (page 2, line 4) prints an avvikelse of 800 where budget − prognos is 500;
    Individ- och familjeomsorg on line 4 of page 1 prints its own (−4 000)."""
    pages = [
        [("Individ- och familjeomsorg", "100 000", "104 000", "-4 000"),
         ("Försörjningsstöd", "50 000", "52 000", "-2 000"),
         ("Missbruksvård vuxna", "30 000", "29 000", "1 000"),
         ("Barn och unga", "40 000", "41 000", "-1 000")],
        [("Familjehem", "20 000", "21 000", "-1 000"),
         ("HVB", "15 000", "18 000", "-3 000"),
         ("Öppenvård", "10 000", "9 500", "800"),
         ("Summa", "265 000", "274 500", "-9 500")],
    ]  # fmt: skip
    return _ruled_pages(path, ("Verksamhet", "Budget 2024", "Prognos 2024", last), pages)


def test_a_deviation_note_names_the_row_on_its_own_page(tmp_path):
    # the Avvikelse column's Summa (−9 500, page 2 line 5) is not its rows' sum (−9 200):
    # the row that prints a deviation not its own prognos − budget is Öppenvård, line 4
    # of page 2; line 4 of page 1 (Individ- och familjeomsorg) holds its own. Rows are
    # looked up by page and line (before, by line alone: page 1's rows were taken for
    # page 2's, and the note said nothing of Öppenvård)
    from sonanalys import domain

    r = parse([_drift_pdf(tmp_path / "drift.pdf")])
    c = domain.build(r.observations, r.cells)["checks"]
    dev = c[c["group"].str.startswith("Avvikelse")]
    assert dev[["line", "page", "part_lines", "part_pages", "status"]].values.tolist() == [
        [5, 2, "4, 5, 6, 7, 2, 3, 4", "1, 1, 1, 1, 2, 2, 2", "avvikelse"]
    ]
    assert dev["note"].tolist() == [
        "summaraden stämmer med sin egen prognos − budget; avviker från radens egna "
        "kolumner: Öppenvård (s. 2, rad 4) 0,8, men prognos − budget = \u22120,5"
    ]
    assert set(c.loc[c["group"].str.startswith(("Budget", "Prognos")), "status"]) == {"ok"}


def _subtotals_pdf(path: Path) -> Path:
    """A drift table over a page break whose pages each end in a 'Summa' on line 6
    (page 1: two rows under the title and header; page 2: four rows)."""
    pages = [
        [("Individ- och familjeomsorg", "100 000", "104 000"),
         ("Försörjningsstöd", "50 000", "52 000"),
         ("Summa", "150 000", "156 000")],
        [("Familjehem", "20 000", "21 000"),
         ("HVB", "15 000", "18 000"),
         ("Öppenvård", "10 000", "9 500"),
         ("Jourhem", "5 000", "5 500"),
         ("Summa", "50 000", "54 000")],
    ]  # fmt: skip
    return _ruled_pages(path, ("Verksamhet", "Budget 2024", "Prognos 2024"), pages)


def test_each_pages_summa_on_the_same_line_is_checked(tmp_path):
    # page 1's Summa and page 2's are both on line 6: two rows, each checked against its
    # own page's rows (before, page 2's was taken for a second value of page 1's row,
    # put in a group of its own with no parts, and never checked)
    from sonanalys import domain

    r = parse([_subtotals_pdf(tmp_path / "drift.pdf")])
    c = domain.build(r.observations, r.cells)["checks"]
    got = c[["group", "page", "line", "part_lines", "part_pages", "reported", "status"]]
    assert got.values.tolist() == [
        ["Budget 2024 | budget | 2024 | helår", 1, 6, "4, 5", "1, 1", 150.0, "ok"],
        ["Budget 2024 | budget | 2024 | helår", 2, 6, "2, 3, 4, 5", "2, 2, 2, 2", 50.0, "ok"],
        ["Prognos 2024 | prognos | 2024 | helår", 1, 6, "4, 5", "1, 1", 156.0, "ok"],
        ["Prognos 2024 | prognos | 2024 | helår", 2, 6, "2, 3, 4, 5", "2, 2, 2, 2", 54.0, "ok"],
    ]


def test_an_undated_value_is_named_only_under_its_own_pages_total():
    # an action plan's rows as the atgarder frame holds them (page, line): on page 1, B
    # (line 4) prints its cost without a year, counted in 2022 (its effect's year); page
    # 2's total sums C and D (lines 3 and 4 of page 2). Only page 1's total says so:
    # before, rows were matched by line alone and page 2's total named 'rad 4' too
    from sonanalys.domain import atgarder

    rows = [
        (1, 3, "A", "åtgärd", "effekt", 2022, 2.0),
        (1, 3, "A", "åtgärd", "genomförandekostnad", 2022, 1.0),
        (1, 4, "B", "åtgärd", "effekt", 2022, 1.0),
        (1, 4, "B", "åtgärd", "genomförandekostnad", None, 0.5),
        (1, 5, "Summa", "summa", "effekt", 2022, 3.0),
        (1, 5, "Summa", "summa", "genomförandekostnad", 2022, 1.5),
        (2, 3, "C", "åtgärd", "genomförandekostnad", 2022, 2.0),
        (2, 4, "D", "åtgärd", "genomförandekostnad", 2022, 3.0),
        (2, 5, "Summa", "summa", "genomförandekostnad", 2022, 5.0),
    ]
    df = pd.DataFrame(
        rows, columns=["page", "line", "measure", "level", "effect_kind", "year", "value_mnkr"]
    ).assign(source="plan.pdf", table_id="T01", table="Åtgärdsplan", unit="mnkr", basis="",
             value_high_mnkr=float("nan"))  # fmt: skip
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["cell_text"] = df["value_mnkr"].map(lambda v: f"{v:g}".replace(".", ","))
    c = atgarder.check(df)
    cost = c[c["group"] == "genomförandekostnad | 2022"]
    assert cost[["page", "part_lines", "part_pages", "status"]].values.tolist() == [
        [1, "3, 4", "1, 1", "ok"],
        [2, "3, 4", "2, 2", "ok"],
    ]
    assert cost["note"].tolist() == [
        "s. 1, rad 4 anger värdet utan år; räknat till 2022, det år radens övriga effekter gäller",
        "",
    ]


def test_the_delarsrapport_overview_keeps_each_pages_rows_and_its_bottom_line(tmp_path):
    # 05's overview of a table over a page break: lines 4 and 5 hold a row on each page
    # (Individ- och familjeomsorg and Öppenvård; Försörjningsstöd and Summa). Each row is
    # its own, in printed order, and the bottom line is Summa (before, rows were keyed by
    # line: Öppenvård and Summa were lost in page 1's rows, and the overview called
    # Försörjningsstöd the table's bottom line)
    from sonanalys import domain
    from sonanalys.analysis.budget import overview

    pdf = _drift_pdf(tmp_path / "drift.pdf", last="Utfall jan-aug 2024")
    r = parse([pdf])
    b = domain.build(r.observations, r.cells)["budget"]
    ov = overview(b, "", 2024, "jan-aug")
    assert ov.index.tolist() == [
        "Individ- och familjeomsorg", "Försörjningsstöd", "Missbruksvård vuxna",
        "Barn och unga", "Familjehem", "HVB", "Öppenvård", "Summa",
    ]  # fmt: skip
    assert ov.loc["Öppenvård", ["budget", "prognos"]].tolist() == [10.0, 9.5]
    assert ov.loc["Summa", ["budget", "utfall jan-aug", "prognos"]].tolist() == [
        265.0, -9.5, 274.5
    ]  # fmt: skip
    assert (ov.attrs["root"], ov.attrs["root_label"], ov.attrs["totals"]) == (
        "Summa", "Summa", ["Summa"]
    )  # fmt: skip
    # its claims cite the bottom line by its own page (the table has no one page)
    from sonanalys.analysis import findings

    said = findings.delarsrapport_claims(b, "", 2024, "jan-aug", r.observations)
    assert said[0].text.startswith("Prognosen för helåret 2024 visar ett underskott på 9,5")
    assert {c.where() for c in said} == {"drift.pdf, s. 2, rad 5"}


def _corner(path: Path) -> Path:
    """A ruled table (fpdf) whose header row stands alone at the foot of page 1, its
    first cell (over the labels) drawn and empty; its rows on page 2."""
    d = Pdf()
    widths = (200.0, 90.0, 90.0)

    def row(y: float, cells: tuple[str, ...]) -> None:
        d.pdf.set_xy(LABEL_X, y)
        for w, text in zip(widths, cells, strict=True):
            d.pdf.cell(w, 16, text, border=1, align="L" if w == 200 else "R")

    d.page()
    d.left(LABEL_X, 60, "Utökad åtgärdsplan, mnkr")
    row(790, ("", "Effekt 2024", "Effekt 2025"))
    d.page()
    row(40, ("Omställning behov insatser", "15,0", "20,0"))
    row(56, ("Minskade placeringar", "3,0", "5,0"))
    row(72, ("Totalt", "18,0", "25,0"))
    return d.save(path)


def test_a_ruled_header_alone_at_a_pages_foot_keeps_its_empty_corner(tmp_path):
    """The header's first cell is drawn and empty and no row stands under it on its
    page: the grid made columns only where text stood, so the header had two cells over
    rows of three on the next page, and each row's first amount went under 'Effekt
    2025' and its second had no column (002 on pages 350 mm tall, 004 in landscape:
    8 and 39 more observations as in the text). The corner stays a column."""
    o = parse([_corner(tmp_path / "corner.pdf")]).observations
    got = o[["row_label", "column_label", "year", "value"]].astype(object).values.tolist()
    assert got == [
        ["Omställning behov insatser", "Effekt 2024", 2024, 15.0],
        ["Omställning behov insatser", "Effekt 2025", 2025, 20.0],
        ["Minskade placeringar", "Effekt 2024", 2024, 3.0],
        ["Minskade placeringar", "Effekt 2025", 2025, 5.0],
        ["Totalt", "Effekt 2024", 2024, 18.0],
        ["Totalt", "Effekt 2025", 2025, 25.0],
    ]


# the indicator table's columns: where each cell begins, where it ends
IND_LEFTS = (250.0, 320.0, 390.0)
IND_RIGHTS = (300.0, 370.0, 440.0)
_INDICATORS_HEAD = ["Socialnämndens indikatorer", "2016", "2017", "2018"]
_INDICATORS_PAGE1 = [
    ["Invånare placerade, antal/1000 inv", "25,3", "20,4", "13,7"],
    ["Kostnad för familjehemsvård, kr", "1 974", "-", "-"],
    ["Anmälningar om barn som far illa", "3 331", "3 691", "2 490"],
]
_INDICATORS_SECTION = "Missbruksvård och beroendevård"
_INDICATORS_PAGE2 = [
    ["Ej återaktualiserade vuxna, andel (%)", "45", "66", "-"],
    ["Kostnad för ekonomiskt bistånd per hushåll", "63 869", "-", "-"],
    ["Väntetid i antal dagar, medelvärde", "19", "20", "17"],
    ["Vuxna med långvarigt bistånd, andel (%)", "37", "-", "-"],
]


def _indicator_row(d: Pdf, y: float, cells: list[str]) -> None:
    """A row as a browser prints a table whose numbers are set right and whose empty
    cells hold a dash set left (the dash not taken for a number)."""
    d.left(LABEL_X, y, cells[0])
    for k, v in enumerate(cells[1:]):
        if v == "-":
            d.left(IND_LEFTS[k], y, v)
        else:
            d.right(IND_RIGHTS[k], y, v)


def _indicators(path: Path) -> Path:
    """003 printed on A4 landscape: an unruled table of indicators whose page 1 ends
    with a section row, its rows going on at page 2's head without the header."""
    d = Pdf()
    d.page()
    d.left(LABEL_X, 680, "Indikatorer")
    y = 700.0
    d.left(LABEL_X, y, _INDICATORS_HEAD[0])
    for k, h in enumerate(_INDICATORS_HEAD[1:]):
        d.left(IND_LEFTS[k], y, h)
    for cells in _INDICATORS_PAGE1:
        y += 15
        _indicator_row(d, y, cells)
    d.left(LABEL_X, y + 15, _INDICATORS_SECTION)
    d.page()
    y = 60.0
    for cells in _INDICATORS_PAGE2:
        _indicator_row(d, y, cells)
        y += 15
    return d.save(path)


def _facts(obs: pd.DataFrame) -> set[tuple]:
    return {
        (o.section, o.row_label, o.column_label, o.year, o.value)
        for o in obs[obs["table"] != "text"].itertuples()
    }


def test_a_table_going_on_after_a_section_row_at_a_pages_foot_keeps_its_columns(tmp_path):
    """003 printed on A4 landscape: page 2 goes on with rows whose empty cells hold a
    dash set left where the column's numbers are set right, under no header. The dashes
    made columns of their own ('45 | | 66 | -'), so the part was not the table above,
    and the section row at page 1's foot (read as a heading) stood between the parts:
    ten values under no year. A column of dashes alone that shares no row with the
    numbers of the column right of it is that column's (its empty cells); a short
    title without figures at the foot of the page a table ends on, only furniture
    after it, is its section row, the rows on the next page under it."""
    text = tmp_path / "indikatorer.txt"
    text.write_text(
        "Indikatorer\n\n"
        + "\n".join(
            "\t".join(r)
            for r in [
                _INDICATORS_HEAD,
                *_INDICATORS_PAGE1,
                [_INDICATORS_SECTION, "", "", ""],
                *_INDICATORS_PAGE2,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    want = _facts(parse([text]).observations)
    assert (_INDICATORS_SECTION, "Väntetid i antal dagar, medelvärde", "2017", 2017, 20.0) in want
    assert ("", "Anmälningar om barn som far illa", "2018", 2018, 2490.0) in want
    got = _facts(parse([_indicators(tmp_path / "indikatorer.pdf")]).observations)
    assert got == want
