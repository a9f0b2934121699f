"""Unruled tables in PDFs read as structures (readers/pdf_layout.py): small PDFs set the
way Word, Excel and web pages print a table without cell borders — numbers
right-aligned, a rule under the header at most, labels wrapped in a narrow column with
their values at the top, middle or bottom of the cell, headers over several lines, a
section row, an empty cell — each read back as the table it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonanalys.observations import parse

FONT = 9.0  # points
LINE = 10.5  # a cell's lines, top to top
ROW = 15.0  # rows, top to top, when each has one line
LABEL_X = 40.0
RIGHTS = (200.0, 260.0, 320.0)  # the value columns' right edges


class Page:
    """Text placed at exact points (baselines), numbers right-aligned at a column's
    right edge, and horizontal rules; saved as a one-page PDF (fpdf2)."""

    def __init__(self, orientation: str = "P") -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation=orientation, unit="pt", format="A4")
        self.pdf.add_page()
        self.pdf.set_font("Helvetica", size=FONT)

    def left(self, x: float, y: float, text: str) -> None:
        self.pdf.text(x, y, text)

    def right(self, x1: float, y: float, text: str) -> None:
        self.pdf.text(x1 - self.pdf.get_string_width(text), y, text)

    def rule(self, y: float, x0: float = LABEL_X - 4, x1: float = RIGHTS[-1] + 4) -> None:
        self.pdf.set_line_width(0.5)
        self.pdf.line(x0, y, x1, y)

    def values(self, y: float, values: tuple[str, ...]) -> None:
        for x1, v in zip(RIGHTS, values, strict=False):
            if v:
                self.right(x1, y, v)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def _header(page: Page, y: float, names: tuple[str, ...], label: str = "Verksamhet") -> float:
    """A one-line header, left-aligned in each column, and a rule under it; the next
    baseline."""
    page.left(LABEL_X, y, label)
    for x1, name in zip(RIGHTS, names, strict=True):
        page.left(x1 - 55, y, name)
    page.rule(y + 4)
    return y + ROW


def _read(path: Path):
    r = parse([path])
    return r.observations, r.report


def _cells(obs) -> set[tuple[str, str, float]]:
    return {(o.row_label, o.column_label, o.value) for o in obs.itertuples()}


def _wrapped_table(path: Path, align: str) -> Path:
    """Three rows under ``Budget 2023 | Utfall 2023 | Avvikelse``; the second's label
    wrapped over two lines, its values at the cell's ``align``."""
    page = Page()
    page.left(LABEL_X, 60, "Nettokostnad per verksamhet, tkr")
    y = _header(page, 90, ("Budget 2023", "Utfall 2023", "Avvikelse"))
    page.left(LABEL_X, y, "Barn och unga")
    page.values(y, ("52 100", "55 300", "-3 200"))
    y += ROW
    page.left(LABEL_X, y, "Individ- och")
    page.left(LABEL_X, y + LINE, "familjeomsorg")
    at = {"top": y, "middle": y + LINE / 2, "bottom": y + LINE}[align]
    page.values(at, ("81 500", "89 895", "-8 395"))
    y += LINE + ROW
    page.left(LABEL_X, y, "Ekonomiskt bistånd")
    page.values(y, ("40 000", "38 750", "1 250"))
    page.left(LABEL_X, y + 40, "Källa: ekonomisystemet.")
    return page.save(path)


@pytest.mark.parametrize("align", ["top", "middle", "bottom"])
def test_a_wrapped_label_is_one_label_whichever_line_its_values_stand_on(tmp_path, align):
    obs, _ = _read(_wrapped_table(tmp_path / f"wrapped_{align}.pdf", align))
    assert _cells(obs) == {
        ("Barn och unga", "Budget 2023", 52100.0),
        ("Barn och unga", "Utfall 2023", 55300.0),
        ("Barn och unga", "Avvikelse", -3200.0),
        ("Individ- och familjeomsorg", "Budget 2023", 81500.0),
        ("Individ- och familjeomsorg", "Utfall 2023", 89895.0),
        ("Individ- och familjeomsorg", "Avvikelse", -8395.0),
        ("Ekonomiskt bistånd", "Budget 2023", 40000.0),
        ("Ekonomiskt bistånd", "Utfall 2023", 38750.0),
        ("Ekonomiskt bistånd", "Avvikelse", 1250.0),
    }
    assert set(obs["table_id"]) == {"T01"}  # one table, not pieces


def test_a_header_over_several_lines_is_one_header_cell_per_column(tmp_path):
    # "Budget" / "jan-apr" / "2018" stacked in one column, "Utfall" / "jan-apr" / "2017"
    # in the next, "Prognos" / "helår" / "2018" in the last; the label column's header
    # stands on the bottom line
    page = Page()
    for k, words in enumerate((("Budget", "Utfall", "Prognos"), ("jan-apr", "jan-apr", "helår"))):
        for x1, w in zip(RIGHTS, words, strict=True):
            page.left(x1 - 55, 80 + k * LINE, w)
    page.left(LABEL_X, 80 + 2 * LINE, "mnkr")
    for x1, w in zip(RIGHTS, ("2018", "2017", "2018"), strict=True):
        page.left(x1 - 55, 80 + 2 * LINE, w)
    page.rule(80 + 2 * LINE + 4)
    y = 80 + 2 * LINE + ROW
    page.left(LABEL_X, y, "Kommunstyrelse")
    page.values(y, ("-257,8", "-168,6", "-638,3"))
    page.left(LABEL_X, y + ROW, "Socialnämnd")
    page.values(y + ROW, ("-301,2", "-290,4", "-910,0"))
    obs, _ = _read(page.save(tmp_path / "header.pdf"))
    got = {(o.row_label, o.column_label, o.year, o.value) for o in obs.itertuples()}
    # a kind, its period, its year: three parts, as a tab table's header rows read
    assert ("Kommunstyrelse", "Budget / jan-apr / 2018", 2018, -257.8) in got
    assert ("Kommunstyrelse", "Utfall / jan-apr / 2017", 2017, -168.6) in got
    assert ("Socialnämnd", "Prognos / helår / 2018", 2018, -910.0) in got
    assert len(got) == 6  # the header's years are no values, its lines no rows


def test_a_date_on_a_header_cells_next_line_goes_on_with_the_phrase_above(tmp_path):
    """003 printed (unruled, its columns narrow): 'Redovisning 31/8 2018' wraps after
    its first word, and a line that begins with a day and month was stacked as a part
    of its own ('Redovisning / 31/8 2018', the text's column is 'Redovisning 31/8
    2018'). A date that begins a header cell's line is the date of the phrase above it;
    a year alone under a kind stays a part of its own ('Budget / 2018')."""
    page = Page()
    heads = (("Redovisning", "31/8 2018"), ("Redovisning", "31/8 2017"), ("Budget", "2018"))
    for k in range(2):
        for x1, words in zip(RIGHTS, heads, strict=True):
            page.left(x1 - 55, 80 + k * LINE, words[k])
    page.left(LABEL_X, 80 + LINE, "tkr")
    page.rule(80 + LINE + 4)
    y = 80 + LINE + ROW
    page.left(LABEL_X, y, "Familjehem")
    page.values(y, ("42 194", "44 752", "63 000"))
    page.left(LABEL_X, y + ROW, "HVB unga")
    page.values(y + ROW, ("65 251", "50 658", "80 000"))
    obs, _ = _read(page.save(tmp_path / "dates.pdf"))
    assert {(o.row_label, o.column_label, o.year, o.value) for o in obs.itertuples()} == {
        ("Familjehem", "Redovisning 31/8 2018", 2018, 42194.0),
        ("Familjehem", "Redovisning 31/8 2017", 2017, 44752.0),
        ("Familjehem", "Budget / 2018", 2018, 63000.0),
        ("HVB unga", "Redovisning 31/8 2018", 2018, 65251.0),
        ("HVB unga", "Redovisning 31/8 2017", 2017, 50658.0),
        ("HVB unga", "Budget / 2018", 2018, 80000.0),
    }


def test_a_label_only_line_is_a_section_row_over_the_rows_below(tmp_path):
    page = Page()
    y = _header(page, 80, ("2022", "2023", "2024"), label="Placeringar")
    for label, vals in (
        ("Barn och unga", None),
        ("HVB", ("48 128", "49 263", "50 110")),
        ("Familjehem", ("89 895", "82 999", "80 004")),
        ("Vuxna", None),
        ("HVB", ("12 004", "11 870", "11 020")),
    ):
        page.left(LABEL_X, y, label)
        if vals:
            page.values(y, vals)
        y += ROW
    obs, _ = _read(page.save(tmp_path / "sections.pdf"))
    hvb = obs[obs["row_label"] == "HVB"]
    assert set(hvb["row_path"]) == {"Barn och unga › HVB", "Vuxna › HVB"}
    assert hvb[hvb["row_path"] == "Vuxna › HVB"]["value"].tolist() == [12004.0, 11870.0, 11020.0]
    assert set(obs["table_id"]) == {"T01"}


def test_an_empty_cell_stays_an_empty_column(tmp_path):
    # "Utfall 2020" not yet reported for one row: its other values stay in their columns
    page = Page()
    y = _header(page, 80, ("Budget 2020", "Utfall 2020", "Prognos 2020"))
    page.left(LABEL_X, y, "Individ- och familjeomsorg")
    page.values(y, ("120 400", "", "118 000"))
    page.left(LABEL_X, y + ROW, "Äldreomsorg")
    page.values(y + ROW, ("560 000", "548 200", "561 300"))
    obs, _ = _read(page.save(tmp_path / "empty.pdf"))
    ifo = obs[obs["row_label"] == "Individ- och familjeomsorg"]
    assert dict(zip(ifo["column_label"], ifo["value"], strict=True)) == {
        "Budget 2020": 120400.0,
        "Prognos 2020": 118000.0,
    }


def test_a_justified_paragraph_is_no_table(tmp_path):
    # lines of running text that end at the right margin, two of them in a number: a
    # paragraph, not a column of a table
    page = Page()
    x1 = RIGHTS[-1]
    words = [
        ("Kostnaden för placeringar ökade under året och uppgick till", "48 128"),
        ("vilket är mer än budgeterat, främst på grund av fler vårddygn på", ""),
        ("HVB. Familjehemsvården minskade och kostade sammanlagt", "89 895"),
    ]
    for k, (text, number) in enumerate(words):
        y = 80 + k * LINE
        page.left(LABEL_X, y, text)
        if number:
            page.right(x1, y, number)
        else:
            page.right(x1, y, "institution.")
    from sonanalys.model import Table
    from sonanalys.readers import read

    doc = read(page.save(tmp_path / "prose.pdf"))
    assert not any(isinstance(b, Table) for b in doc.blocks)
    assert doc.lines[0].endswith("48 128") and doc.lines[2].endswith("89 895")


def test_long_labels_on_one_line_each_far_from_their_values_are_a_table(tmp_path):
    """003 printed on A4 landscape: the indicator table's label column is wide enough
    for each long label on one line (more than ten words), and it was taken for lines
    of running text ending in numbers. Labels that end well apart from values in
    several columns are a table's (a justified paragraph stays prose: the test above)."""
    page = Page("L")
    rights = (560.0, 620.0, 680.0)
    page.left(LABEL_X, 60, "Indikatorer")
    for x1, year in zip(rights, ("2016", "2017", "2018"), strict=True):
        page.right(x1, 60, year)
    page.right(rights[-1], 60 + LINE, "Utfall per 31")
    page.right(rights[-1] - 20, 60 + 2 * LINE, "aug.")
    page.rule(64 + 2 * LINE, x1=rights[-1] + 4)
    rows = (
        (
            "Invånare 0-20 år placerade på institution eller i familjehem, antal/1000 inv 0-20 år",
            ("25,3", "20,4", "13,7"),
        ),
        (
            "Ej återaktualiserade barn 0-12 år ett år efter avslutad utredning eller"
            " insats, andel (%)",
            ("86,0", "79,0", "87,0"),
        ),
        (
            "Ej återaktualiserade ungdomar 13-20 år ett år efter avslutad utredning"
            " eller insats, andel (%)",
            ("82,5", "84,0", "82,5"),
        ),
    )
    y = 64 + 2 * LINE + ROW
    for label, vals in rows:
        page.left(LABEL_X, y, label)
        for x1, v in zip(rights, vals, strict=True):
            page.right(x1, y, v)
        y += ROW
    obs, _ = _read(page.save(tmp_path / "wide.pdf"))
    got = {(o.row_label, o.column_label, o.value) for o in obs.itertuples()}
    heads = ("2016", "2017", "2018 / Utfall per 31 aug.")
    assert got == {(label, head, float(v.replace(",", "."))) for label, vals in rows
                   for head, v in zip(heads, vals, strict=True)}  # fmt: skip


@pytest.mark.parametrize("align", ["top", "bottom"])
def test_rows_set_without_space_between_them_join_a_label_by_its_words(tmp_path, align):
    # a Word table: no padding, so a cell's lines and the rows stand equally far apart;
    # the label's own words say where it goes on (lower case below, "och" at a line end)
    page = Page()
    y = _header(page, 80, ("Utfall 2022", "Utfall 2023", "Avvikelse"))
    lines = [
        ("Kansli- och", ("4 823", "4 799", "24")),
        ("nämndserviceenheten", None),
        ("Ekonomienheten", ("4 008", "4 626", "-618")),
        ("Barn- och", None),
        ("utbildningsnämnden", ("251 589", "242 858", "8 731")),
    ]
    if align == "bottom":  # the first row's values on its last line
        lines[0], lines[1] = ("Kansli- och", None), ("nämndserviceenheten", lines[0][1])
    for label, vals in lines:
        page.left(LABEL_X, y, label)
        if vals:
            page.values(y, vals)
        y += LINE
    obs, _ = _read(page.save(tmp_path / f"tight_{align}.pdf"))
    assert list(dict.fromkeys(obs["row_label"])) == [
        "Kansli- och nämndserviceenheten",
        "Ekonomienheten",
        "Barn- och utbildningsnämnden",
    ]
    assert obs[obs["row_label"] == "Ekonomienheten"]["value"].tolist() == [4008, 4626, -618]


def test_a_cells_lines_are_joined_as_printed():
    from sonanalys.readers.pdf_layout import join_lines

    assert join_lines(["Bistånds-", "hushåll"]) == "Bistånds-hushåll"
    assert join_lines(["Hässelby-", "Vällingby"]) == "Hässelby-Vällingby"
    assert join_lines(["Budgetav", "vikelse"]) == "Budgetavvikelse"  # no hyphen printed
    assert join_lines(["Utfall", "period"]) == "Utfall period"  # two words
    assert join_lines(["Barn-", "och unga"]) == "Barn- och unga"
    assert join_lines(["Förändring den senaste", "månaden"]) == "Förändring den senaste månaden"
    assert join_lines(["Intäkter", "2019"], " / ") == "Intäkter / 2019"
    assert (
        join_lines(["Avvikelse", "mot", "budget", "2020"], " / ") == "Avvikelse mot budget / 2020"
    )


def test_a_group_header_centred_over_columns_spans_them(tmp_path):
    # "Helår" centred over "Budget" and "Prognos", "Period" over "Utfall" alone
    page = Page()
    mid = (RIGHTS[0] + RIGHTS[2]) / 2  # the middle of the second and third columns
    page.left(mid - page.pdf.get_string_width("Helår") / 2, 80, "Helår")
    page.left(RIGHTS[0] - 55, 80, "Period")
    page.left(LABEL_X, 80 + LINE, "mnkr")
    for x1, w in zip(RIGHTS, ("Utfall", "Budget", "Prognos"), strict=True):
        page.left(x1 - 55, 80 + LINE, w)
    page.rule(80 + LINE + 4)
    y = 80 + LINE + ROW
    page.left(LABEL_X, y, "Intäkter")
    page.values(y, ("512,4", "1 513,3", "1 520,0"))
    page.left(LABEL_X, y + ROW, "Kostnader")
    page.values(y + ROW, ("-498,0", "-1 490,1", "-1 511,7"))
    obs, _ = _read(page.save(tmp_path / "group.pdf"))
    got = {(o.row_label, o.column_label): o.value for o in obs.itertuples()}
    assert got == {
        ("Intäkter", "Period / Utfall"): 512.4,
        ("Intäkter", "Helår / Budget"): 1513.3,
        ("Intäkter", "Helår / Prognos"): 1520.0,
        ("Kostnader", "Period / Utfall"): -498.0,
        ("Kostnader", "Helår / Budget"): -1490.1,
        ("Kostnader", "Helår / Prognos"): -1511.7,
    }


def test_a_note_right_under_the_table_is_no_row_of_it(tmp_path):
    # "Källa: …" one row's distance under the last row, in the label column: a note, not
    # the last row's label going on (it stands no closer than the rows do)
    from sonanalys.model import Table
    from sonanalys.readers import read

    page = Page()
    y = _header(page, 80, ("2022", "2023", "2024"), label="Vårddygn")
    for label, vals in (
        ("HVB", ("48 128", "49 263", "50 110")),
        ("Familjehem", ("89 895", "82 999", "80 004")),
    ):
        page.left(LABEL_X, y, label)
        page.values(y, vals)
        y += ROW
    page.left(LABEL_X, y, "Källa: verksamhetssystemet")
    doc = read(page.save(tmp_path / "note.pdf"))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.cells[0].text for r in table.rows] == ["Vårddygn", "HVB", "Familjehem"]
    texts = [getattr(b, "text", "") for b in doc.blocks if not isinstance(b, Table)]
    assert "Källa: verksamhetssystemet" in texts


def test_amounts_with_their_unit_stand_in_columns(tmp_path):
    # an action plan's effects printed with their unit ("1,5 mnkr"), right-aligned; the
    # first measure's text wrapped onto a second line under its values
    page = Page()
    y = _header(page, 80, ("Effekt 2024", "Effekt 2025", "Effekt 2026"), label="Åtgärd")
    page.left(LABEL_X, y, "Minskade placeringar")
    page.left(LABEL_X, y + LINE, "genom öppenvård")
    page.values(y, ("1,5 mnkr", "2,0 mnkr", "2,5 mnkr"))
    y += LINE + ROW
    page.left(LABEL_X, y, "Översyn av avtal")
    page.values(y, ("0,3 mnkr", "0,3 mnkr", ""))
    obs, _ = _read(page.save(tmp_path / "units.pdf"))
    got = {(o.row_label, o.year, o.value, o.unit) for o in obs.itertuples()}
    assert ("Minskade placeringar genom öppenvård", 2024, 1.5, "mnkr") in got
    assert ("Minskade placeringar genom öppenvård", 2026, 2.5, "mnkr") in got
    assert ("Översyn av avtal", 2025, 0.3, "mnkr") in got
    assert len(got) == 5


def test_numbers_set_left_aligned_stand_in_their_columns(tmp_path):
    # a Word table's default: every cell left-aligned, numbers too; a label wrapped
    # with its values on its first line
    page = Page()
    y = _header(page, 80, ("Budget 2024", "Utfall 2024", "Avvikelse"))
    rows = [
        ("Individ- och", ("120 400", "131 250", "-10 850")),
        ("familjeomsorg", None),
        ("Äldreomsorg", ("560 000", "548 200", "11 800")),
        ("LSS", ("98 500", "99 010", "-510")),
    ]
    for label, vals in rows:
        page.left(LABEL_X, y, label)
        for x1, v in zip(RIGHTS, vals or (), strict=False):
            page.left(x1 - 55, y, v)  # where the column begins, as its header
        y += LINE if vals and label == "Individ- och" else ROW
    obs, _ = _read(page.save(tmp_path / "left.pdf"))
    got = {(o.row_label, o.column_label): o.value for o in obs.itertuples()}
    assert got[("Individ- och familjeomsorg", "Utfall 2024")] == 131250
    assert got[("Individ- och familjeomsorg", "Avvikelse")] == -10850
    assert got[("LSS", "Avvikelse")] == -510
    assert len(got) == 9


def test_a_column_of_comments_beside_the_numbers_is_a_column(tmp_path):
    # "Kommentar" set left beside the numbers; one comment wrapped onto a second line,
    # which goes with its row (never dropped); the numbers stay apart from the text
    from sonanalys.model import Table
    from sonanalys.readers import read

    page = Page()
    y = _header(page, 80, ("Budget", "Prognos", "Avvikelse"))
    page.left(340, 80, "Kommentar")
    for label, vals, comment in (
        ("Barn och unga", ("52 100", "55 300", "-3 200"), ("Fler placeringar", "än budgeterat")),
        ("Vuxna", ("40 000", "38 750", "1 250"), ()),
        ("Ekonomiskt bistånd", ("61 000", "64 200", "-3 200"), ("Fler hushåll",)),
    ):
        page.left(LABEL_X, y, label)
        page.values(y, vals)
        for k, text in enumerate(comment):
            page.left(340, y + k * LINE, text)
        y += ROW + (LINE if len(comment) > 1 else 0)
    path = page.save(tmp_path / "comments.pdf")
    (table,) = [b for b in read(path).blocks if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Verksamhet", "Budget", "Prognos", "Avvikelse", "Kommentar"],
        ["Barn och unga", "52 100", "55 300", "-3 200", "Fler placeringar än budgeterat"],
        ["Vuxna", "40 000", "38 750", "1 250", ""],
        ["Ekonomiskt bistånd", "61 000", "64 200", "-3 200", "Fler hushåll"],
    ]
    obs, _ = _read(path)
    assert obs[obs["column_label"] == "Avvikelse"]["value"].tolist() == [-3200, 1250, -3200]


def test_a_column_of_amounts_in_words_set_left_keeps_each_cell(tmp_path):
    # a fee table as a web page prints it: amounts with their unit set left in the
    # second column, one cell of text, one amount wrapped with its per-day figure
    from sonanalys.model import Table
    from sonanalys.readers import read

    page = Page()
    x = 220.0
    page.left(LABEL_X, 80, "HVB - Missbruk")
    page.left(x, 80, "Avgift")
    page.rule(84)
    y = 80 + ROW
    for label, cell in (
        ("Egenavgift för vård", ("80 kr/dygn",)),
        ("Stöd och omvårdnadsboende", ("Vuxna (SoL, LVM, LPT)",)),
        ("Måltider", ("4 300 kr/mån (143", "kr/dygn)")),
        ("Bostadshyra hos vårdgivare", ("2 645 kr/mån",)),
    ):
        page.left(LABEL_X, y, label)
        for k, text in enumerate(cell):
            page.left(x, y + k * LINE, text)
        y += ROW + LINE * (len(cell) - 1)
    path = page.save(tmp_path / "fees.pdf")
    (table,) = [b for b in read(path).blocks if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["HVB - Missbruk", "Avgift"],
        ["Egenavgift för vård", "80 kr/dygn"],
        ["Stöd och omvårdnadsboende", "Vuxna (SoL, LVM, LPT)"],
        ["Måltider", "4 300 kr/mån (143 kr/dygn)"],
        ["Bostadshyra hos vårdgivare", "2 645 kr/mån"],
    ]


# ------------------------------------------------------------- generated tables

WORDS = ["Familjehem", "HVB", "Jourhem", "Öppenvård", "Myndighet", "Stödboende", "Utredning",
         "bistånd", "barn", "unga", "vuxna", "missbruk", "insatser", "boende", "Kontaktfamilj",
         "Hemtjänst", "Familjerätt", "Behandling", "relation"]  # fmt: skip
KINDS = ["Budget", "Utfall", "Prognos", "Bokslut"]
WIDE = (220.0, 300.0, 380.0)  # columns as wide as a header of a word and a year needs


def _sv(value: int) -> str:
    s = f"{abs(value):,}".replace(",", " ")
    return ("-" if value < 0 else "") + s


@st.composite
def _tables(draw):
    ncols = draw(st.integers(2, 3))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=ncols, max_size=ncols, unique=True))
    year = draw(st.integers(2015, 2025))
    stacked = draw(st.booleans())  # "Budget" over "2023", or "Budget 2023" on one line
    nrows = draw(st.integers(2, 5))
    labels = draw(
        st.lists(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True),
            min_size=nrows,
            max_size=nrows,
            unique_by=lambda w: " ".join(w),
        )
    )
    value = st.one_of(st.integers(-999, 999), st.integers(10_000, 999_999))
    values = [
        draw(
            st.lists(st.one_of(value, st.none()), min_size=ncols, max_size=ncols).filter(
                lambda r: any(v is not None for v in r)
            )
        )
        for _ in range(nrows)
    ]
    for j in range(ncols):  # every column has numbers on two rows at least
        for i in (0, 1):
            if values[i][j] is None:
                values[i][j] = draw(value)
    align = draw(st.sampled_from(["top", "middle", "bottom"]))
    left_aligned = draw(st.booleans())
    sections = draw(st.sets(st.integers(0, nrows - 1), max_size=2))
    pitch = draw(st.sampled_from([13.0, 15.0, 19.0]))  # rows apart by little or more padding
    return kinds, year, stacked, labels, values, align, left_aligned, sections, pitch


@settings(max_examples=30, deadline=None, derandomize=True)
@given(table=_tables())
def test_a_generated_table_printed_as_a_pdf_reads_back_cell_for_cell(tmp_path_factory, table):
    kinds, year, stacked, labels, values, align, left_aligned, sections, pitch = table
    page = Page()
    head = [(k, str(year)) if stacked else (f"{k} {year}",) for k in kinds]
    top = 80.0
    page.left(LABEL_X, top + LINE * (len(head[0]) - 1), "Verksamhet")
    for x1, lines in zip(WIDE, head, strict=False):
        for k, text in enumerate(lines):
            page.left(x1 - 65, top + k * LINE, text)
    y = top + LINE * (len(head[0]) - 1) + pitch
    page.rule(y - pitch + 4, x1=WIDE[-1] + 4)
    for i, (words, row) in enumerate(zip(labels, values, strict=True)):
        if i in sections:  # a section row over the rows below it
            page.left(LABEL_X, y, f"Område {i + 1}")
            y += pitch
        parts = [" ".join(words[:2]), " ".join(words[2:])] if len(words) > 2 else [" ".join(words)]
        for k, part in enumerate(parts):
            page.left(LABEL_X, y + k * LINE, part)
        span = LINE * (len(parts) - 1)
        at = {"top": y, "middle": y + span / 2, "bottom": y + span}[align]
        for x1, v in zip(WIDE, row, strict=False):
            if v is not None:
                if left_aligned:
                    page.left(x1 - 65, at, _sv(v))
                else:
                    page.right(x1, at, _sv(v))
        y += span + pitch
    path = page.save(tmp_path_factory.mktemp("gen") / "table.pdf")
    obs = parse([path]).observations
    got = {(o.row_label, o.column_label, o.value) for o in obs.itertuples()}
    want = {
        (" ".join(words), " / ".join(lines), float(v))
        for words, row in zip(labels, values, strict=True)
        for lines, v in zip(head, row, strict=False)
        if v is not None
    }
    assert got == want
    section, under = "", {}
    for i, words in enumerate(labels):  # each row under the section printed above it
        section = f"Område {i + 1}" if i in sections else section
        under[" ".join(words)] = section
    for o in obs.itertuples():
        assert o.row_path.startswith(f"{under[o.row_label]} › ") or not under[o.row_label]


def _split_word_header(page: Page, y: float) -> float:
    """``Budget`` / ``Utfall`` / ``Budgetav`` + ``vikelse``: a header word a narrow
    column breaks over two lines without a hyphen; the next baseline."""
    page.left(LABEL_X, y, "Verksamhet")
    for x1, w in zip(RIGHTS, ("Budget", "Utfall", "Budgetav"), strict=True):
        page.left(x1 - 40, y, w)
    page.left(RIGHTS[2] - 40, y + LINE, "vikelse")
    page.rule(y + LINE + 4)
    return y + LINE + ROW


def test_a_header_word_split_over_two_lines_is_one_word(tmp_path):
    # Göteborg's "Budgetav" / "vikelse" (p. 14) read "Budgetav vikelse"
    page = Page()
    y = _split_word_header(page, 80)
    page.left(LABEL_X, y, "Ekonomi")
    page.values(y, ("-20,7", "-13,7", "7,0"))
    page.left(LABEL_X, y + ROW, "HR")
    page.values(y + ROW, ("-36,2", "-34,3", "1,9"))
    obs, _ = _read(page.save(tmp_path / "split.pdf"))
    assert ("Ekonomi", "Budgetavvikelse", 7.0) in _cells(obs)
    assert set(obs["column_label"]) == {"Budget", "Utfall", "Budgetavvikelse"}


def test_a_ruled_header_cells_split_word_is_one_word(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    xs, ys = (40, 160, 220, 280), (60, 86, 102, 118)
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    pdf.text(42, 70, "Tjänster")
    pdf.text(162, 70, "Budget")
    pdf.text(222, 70, "Avvik")
    pdf.text(222, 81, "else")
    for y, row in zip(ys[1:], (("Ekonomi", "-20,7", "7,0"), ("HR", "-36,2", "1,9")), strict=False):
        for x, text in zip(xs, row, strict=False):
            pdf.text(x + 2, y + 11, text)
    pdf.output(str(tmp_path / "ruled_split.pdf"))
    obs, _ = _read(tmp_path / "ruled_split.pdf")
    assert ("Ekonomi", "Avvikelse", 7.0) in _cells(obs)
    assert set(obs["column_label"]) == {"Budget", "Avvikelse"}


def test_a_header_cells_lines_are_one_phrase_or_stacked_parts(tmp_path):
    # "Utfall" / "sedan" / "start" is one phrase; "Utfall" / "intäkter" / "period" a
    # kind, a measure and a period; "Diff mot" / "budget" / "2020" a phrase left open
    # on "mot", then a year (before: "Utfall intäkter period")
    page = Page()
    stacks = (
        ("Utfall", "sedan", "start"),
        ("Utfall", "intäkter", "period"),
        ("Diff mot", "budget", "2020"),
    )
    for x1, lines in zip(RIGHTS, stacks, strict=True):
        for k, w in enumerate(lines):
            page.left(x1 - 55, 80 + k * LINE, w)
    page.left(LABEL_X, 80 + 2 * LINE, "Projekt")
    page.rule(80 + 2 * LINE + 4)
    y = 80 + 2 * LINE + ROW
    page.left(LABEL_X, y, "Ombyggnad Garvaren")
    page.values(y, ("2,575", "0,153", "0,235"))
    page.left(LABEL_X, y + ROW, "Ny teknik bowlinghall")
    page.values(y + ROW, ("3,000", "2,117", "0,884"))
    obs, _ = _read(page.save(tmp_path / "phrases.pdf"))
    row = obs[obs["row_label"] == "Ombyggnad Garvaren"]
    assert row["column_label"].tolist() == [
        "Utfall sedan start",
        "Utfall / intäkter / period",
        "Diff mot budget / 2020",
    ]
    assert row["value"].tolist() == [2.575, 0.153, 0.235]


def test_a_header_line_left_open_on_an_adjective_goes_on_with_its_noun(tmp_path):
    """003 printed: 'Avvik. mot periodiserad budget* 31/8 2018' wraps before 'budget*',
    a kind of figure, which began a part of its own ('Avvik. mot periodiserad /
    budget* 31/8 2018'). A line that ends on a preposition and an adjective or
    participle waits for its noun: the next line, in lower case, goes on with it. A
    kind under a phrase that is done stays a part of its own ('Utfall / budget')."""
    page = Page()
    rights = (200.0, 260.0, 400.0)
    stacks = (("Utfall", "budget"), ("Förändring",), ("Avvik. mot periodiserad", "budget* 2018"))
    for x1, lines in zip(rights, stacks, strict=True):
        for k, w in enumerate(lines):
            page.right(x1, 80 + k * LINE, w)
    page.left(LABEL_X, 80 + LINE, "Verksamhet")
    page.rule(80 + LINE + 4, x1=rights[-1] + 4)
    y = 80 + LINE + ROW
    for label, vals in (
        ("Familjehem", ("42 194", "-2 558", "2 538")),
        ("Barnahus", ("374", "312", "0")),
    ):
        page.left(LABEL_X, y, label)
        for x1, v in zip(rights, vals, strict=True):
            page.right(x1, y, v)
        y += ROW
    obs, _ = _read(page.save(tmp_path / "open.pdf"))
    row = obs[obs["row_label"] == "Familjehem"]
    assert row["column_label"].tolist() == [
        "Utfall / budget",
        "Förändring",
        "Avvik. mot periodiserad budget* 2018",
    ]
    assert row["value"].tolist() == [42194.0, -2558.0, 2538.0]


def test_numbers_set_left_under_a_header_set_right_stand_in_its_column(tmp_path):
    """003 printed: the 'varav kostnader' and 'varav intäkter' rows (italic markup, so
    a browser sets them left as text) begin where their column's header begins, while
    the header and the other rows' numbers are set right. They were read as columns of
    their own, left of their headers' (every value under the column before it). A
    column of numbers with no header ending on it, each number beginning where a header
    that ends on another column begins, is that header's column."""
    page = Page()
    rights = (220.0, 340.0)
    heads = ("Prognos för helåret 2018", "Budget för helåret 2018")
    lefts = [x1 - page.pdf.get_string_width(h) for x1, h in zip(rights, heads, strict=True)]
    page.left(LABEL_X, 80, "Verksamhet")
    for x1, h in zip(rights, heads, strict=True):
        page.right(x1, 80, h)
    page.rule(84, x1=rights[-1] + 4)
    rows = (
        ("Familjehem", ("4 598", "7 098"), False),
        ("Barnahus", ("562", "562"), False),
        ("Summa", ("5 169", "3 269"), False),
        ("varav kostnader", ("-665", "-625"), True),
        ("varav intäkter", ("-190", "-159"), True),
    )
    y = 84 + ROW
    for label, vals, left in rows:
        page.left(LABEL_X, y, label)
        for x0, x1, v in zip(lefts, rights, vals, strict=True):
            if left:
                page.left(x0, y, v)
            else:
                page.right(x1, y, v)
        y += ROW
    obs, _ = _read(page.save(tmp_path / "left.pdf"))
    text = tmp_path / "left.txt"
    lines = ["\t".join(("Verksamhet", *heads)), *("\t".join((r[0], *r[1])) for r in rows)]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    want, _ = _read(text)
    assert _cells(obs) == _cells(want)
    assert ("Summa / varav kostnader", "Prognos för helåret 2018", -665.0) in _cells(obs)
    assert ("Summa / varav intäkter", "Budget för helåret 2018", -159.0) in _cells(obs)


def test_a_ruled_row_of_text_values_that_repeats_the_rows_below_is_no_header(tmp_path):
    """002 printed: a ruled indicator table's first row holds its values as text
    ('IFO 120 LSS 259', 'Minska'), no cell a number, so it was stacked into the header
    ('2022 / IFO 120 LSS 259', 'Riktning 2024 / Minska') and the rows below it were
    named by it. A row after the first whose cell says what a row below says in the
    same column ('Minska' over 'Minska') is a row of the table: the header ends above
    it, as the text reads it."""
    from fpdf import FPDF

    rows = [
        ("Nämndindikator", "2022", "2023", "Riktning 2024"),
        ("Utredningstid, antal dagar", "IFO 120 LSS 259", "IFO 117 LSS 205", "Minska"),
        ("Antal dygn i dygnsplaceringar", "25 863", "26 387", "Minska"),
        ("Antalet anmälda brott", "0", "2", "Öka"),
    ]
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    xs = (40, 200, 290, 380, 470)
    ys = tuple(60 + 16 * k for k in range(len(rows) + 1))
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y, row in zip(ys, rows, strict=False):
        for x, text in zip(xs, row, strict=False):
            pdf.text(x + 2, y + 11, text)
    pdf.output(str(tmp_path / "text_values.pdf"))
    obs, _ = _read(tmp_path / "text_values.pdf")
    text = tmp_path / "text_values.txt"
    text.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    want, _ = _read(text)
    assert ("Antal dygn i dygnsplaceringar", "2022", 25863.0) in _cells(want)
    assert _cells(obs) == _cells(want)


def test_a_section_row_over_a_row_whose_values_stand_higher_stays_a_row(tmp_path):
    """003 printed (A4, landscape, 350 mm): 'Ekonomiskt bistånd', a section row, stood
    a little closer over the next row than rows stand (11,7 points, rows 12,3 apart,
    a cell's lines 9,5), and that row's values a little higher than its label, which
    pulled the line's baseline nearer still: the section was read as the first line of
    the row's label ('Ekonomiskt bistånd Kostnad för …'). Where each line's label
    stands decides, and a line is a cell's line only when it stands nearer than
    halfway from the cells' line pitch to the rows' spacing."""
    page = Page()
    page.left(LABEL_X, 60, "Indikatorer, kr")
    y = _header(page, 90, ("Budget 2023", "Utfall 2023", "Avvikelse"))
    row, line = 12.3, 9.5
    page.left(LABEL_X, y, "Barn och unga")
    page.values(y, ("120", "130", "-10"))
    y += row
    page.left(LABEL_X, y, "Vuxna")
    page.values(y, ("200", "190", "10"))
    y += row
    page.left(LABEL_X, y, "Stöd till personer med")
    page.values(y, ("300", "310", "-10"))
    page.left(LABEL_X, y + line, "funktionsnedsättning")
    y += line + row
    page.left(LABEL_X, y, "Ekonomiskt bistånd")
    y += 11.7
    page.left(LABEL_X, y, "Kostnad för utbetalt bistånd per")
    page.values(y - 1.7, ("400", "420", "-20"))
    page.left(LABEL_X, y + line, "hushåll")
    obs, _report = _read(page.save(tmp_path / "section.pdf"))
    got = {(o.section, o.row_label, o.column_label, o.value) for o in obs.itertuples()}
    assert ("", "Stöd till personer med funktionsnedsättning", "Utfall 2023", 310.0) in got
    assert {(s, r, v) for s, r, c, v in got if c == "Budget 2023"} == {
        ("", "Barn och unga", 120.0),
        ("", "Vuxna", 200.0),
        ("", "Stöd till personer med funktionsnedsättning", 300.0),
        ("Ekonomiskt bistånd", "Kostnad för utbetalt bistånd per hushåll", 400.0),
    }
