"""Readers on real files of each kind, built here with the libraries that write them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sonanalys
from sonanalys.model import DocumentError
from sonanalys.observations import parse


def _values(df):
    return {(r.row_label, r.column_label, r.value, r.unit) for r in df.itertuples()}


def test_docx_table_and_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Delårsrapport augusti 2024 Örebro kommun", level=1)
    d.add_paragraph("Örebro kommun redovisar ett underskott på 12,5 mnkr för perioden.")
    d.add_heading("Driftsammandrag", level=2)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ["Verksamhet", "Budget 2024, mnkr", "Prognos helår, mnkr"],
            ["Myndighet", "-125,7", "-125,1"],
            ["Summa", "1 801,5", "−81,5"],
        ]
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    p = tmp_path / "rapport.docx"
    d.save(p)
    doc = sonanalys.read(p)
    assert doc.doc_type == "delarsrapport"
    assert doc.municipality == "Örebro"
    obs = parse([p]).observations
    table = obs[obs.table != "text"]
    assert _values(table) == {
        ("Myndighet", "Budget 2024, mnkr", -125.7, "mnkr"),
        ("Myndighet", "Prognos helår, mnkr", -125.1, "mnkr"),
        ("Summa", "Budget 2024, mnkr", 1801.5, "mnkr"),
        ("Summa", "Prognos helår, mnkr", -81.5, "mnkr"),
    }
    # "Prognos helår" states no year and the parser does not guess one
    assert [None if y is pd.NA else y for y in table.year] == [2024, None, 2024, None]
    prose = obs[obs.table == "text"]
    assert list(prose.value) == [12.5] and list(prose.unit) == ["mnkr"]
    assert table.table.iloc[0] == "Driftsammandrag"


def test_pdf_with_ruled_table(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Volymtabell Linköpings kommun", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for row in [
            ["Volymmått", "Utfall 2022", "Budget 2023"],
            ["Antal aktualiseringar", "5 887", "6 432"],
            ["Antal inledda utredningar", "1 445", "1 348"],
        ]:
            r = table.row()
            for text in row:
                r.cell(text)
    pdf.add_page()
    pdf.cell(0, 10, "Kostnaden ökade till 186 mnkr 2019.", new_x="LMARGIN", new_y="NEXT")
    p = tmp_path / "volymer.pdf"
    pdf.output(str(p))
    obs = parse([p]).observations
    table = obs[obs.table != "text"]
    assert _values(table) == {
        ("Antal aktualiseringar", "Utfall 2022", 5887.0, "antal"),
        ("Antal aktualiseringar", "Budget 2023", 6432.0, "antal"),
        ("Antal inledda utredningar", "Utfall 2022", 1445.0, "antal"),
        ("Antal inledda utredningar", "Budget 2023", 1348.0, "antal"),
    }
    assert set(table.page) == {1}
    prose = obs[obs.table == "text"]
    assert list(prose.value) == [186.0] and list(prose.page) == [2] and list(prose.year) == [2019]


def test_xlsx_numbers_merged_header_and_formula(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Volymer"
    ws.append(["Volymer IFO"])
    ws.append([])
    ws.append(["Verksamhet", 2022, None, 2023, None])
    ws.append([None, "Utfall", "Budget", "Utfall", "Budget"])
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    ws.append(["Vårddygn HVB", 25863, 26000, 26387, 25000])
    ws.append(["Andel konsulentstödda", 0.39, 0.3, 0.29, 0.25])
    for c in ws[6][1:]:
        c.number_format = "0%"
    ws.append(["Summa", "=B5+B6", None, None, None])
    p = tmp_path / "volymer.xlsx"
    wb.save(p)
    res = parse([p])
    obs = res.observations
    got = {(r.row_label, r.column_label, r.year, r.value, r.unit) for r in obs.itertuples()}
    assert ("Vårddygn HVB", "2022 / Utfall", 2022, 25863.0, "dygn") in got
    assert ("Vårddygn HVB", "2023 / Budget", 2023, 25000.0, "dygn") in got
    assert ("Andel konsulentstödda", "2022 / Utfall", 2022, 39.0, "procent") in got
    assert ("Andel konsulentstödda", "2023 / Budget", 2023, 25.0, "procent") in got
    assert set(obs.sheet) == {"Volymer"}
    assert set(obs[obs.row_label == "Vårddygn HVB"].line) == {5}
    # the formula was never calculated: said, never guessed
    warn = res.report[res.report.severity == "warning"]
    assert list(warn.line) == [7] and "formel" in warn.reason.iloc[0]
    assert res.documents[0].doc_type == "volymtabell"


def test_csv_semicolon_swedish_numbers(write):
    p = write(
        "ekb.csv",
        "Kontoslag;Bokslut 2022, mnkr;Budget 2023, mnkr\nIntäkter;11,0;8,1\n"
        "Externa köp;-6,1;-8,1\nNettokostnad;4,5;-0,7\n",
    )
    obs = parse([p]).observations
    assert _values(obs) == {
        ("Intäkter", "Bokslut 2022, mnkr", 11.0, "mnkr"),
        ("Intäkter", "Budget 2023, mnkr", 8.1, "mnkr"),
        ("Externa köp", "Bokslut 2022, mnkr", -6.1, "mnkr"),
        ("Externa köp", "Budget 2023, mnkr", -8.1, "mnkr"),
        ("Nettokostnad", "Bokslut 2022, mnkr", 4.5, "mnkr"),
        ("Nettokostnad", "Budget 2023, mnkr", -0.7, "mnkr"),
    }
    assert sorted(obs.line.unique()) == [2, 3, 4]


TEXT = "Belopp mnkr\tBudget 2024\tPlan 2025\nVerksamhetens nettokostnader\t1 801\t1 785\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_encodings_read_without_mojibake(write, encoded):
    obs = parse([write("b.txt", encoded)]).observations
    assert list(obs.value) == [1801.0, 1785.0]
    assert set(obs.row_label) == {"Verksamhetens nettokostnader"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.txt", b"", "tom"),
        ("blank.txt", b"  \n\t \n", "blanktecken"),
        ("binar.txt", bytes(range(256)) * 4, "binär"),
        (
            "dubbel.txt",
            # one line converted twice, one not: no double conversion to undo
            (
                TEXT.replace("Verksamhetens", "Kostnad för åtgärd").encode().decode("latin-1")
                + "\nÅtgärd 12\n"
            ).encode("utf-8"),
            "felkodad",
        ),
        ("falsk.pdf", b"Detta ar ingen pdf", "inte en PDF"),
        ("avkortad.pdf", b"%PDF-1.4\n1 0 obj\n<<", "PDF"),
        ("avkortad.docx", b"PK\x03\x04trasig", "DOCX"),
        ("avkortad.xlsx", b"PK\x03\x04trasig", "XLSX"),
        ("bild.png", b"\x89PNG", "okänd filtyp"),
    ],
)
def test_bad_input_names_file(write, name, content, message):
    p = write(name, content)
    with pytest.raises(DocumentError) as err:
        sonanalys.read(p)
    assert name in str(err.value) and message in str(err.value)


def test_mojibake_error_names_line(write):
    # 'Vård' written right below: the file is not one double conversion to undo
    p = write("m.txt", "Rubrik\n\nKostnad fÃ¶r boende\t12\nVård\t3\n")
    with pytest.raises(DocumentError, match=r"m\.txt, rad 3"):
        sonanalys.read(p)


def test_parse_goes_on_after_a_bad_file(write, tmp_path):
    write("a.txt", TEXT)
    write("b.pdf", b"trasig")
    write("c.json", "{}")
    res = parse([tmp_path])
    assert len(res.documents) == 1 and len(res.observations) == 2
    assert len(res.errors) == 1 and "b.pdf" in res.errors[0]
    assert any(f.endswith("c.json") for f in res.skipped_files)
    err = res.report[res.report.severity == "error"]
    assert list(err.source) == ["b.pdf"]


def test_read_gives_tables_with_provenance():
    doc = sonanalys.read(
        sonanalys.paths.RAW / "003_delarsrapport_aug_2018_linkoping_socialnamnden.txt"
    )
    t = next(t for t in doc.tables if t.caption == "Prognos resultat 2018")
    assert t.layout == "tab"
    assert t.rows[1].cells[0].text == "Ekonomiskt bistånd" and t.rows[1].line == 327


def test_an_internal_error_names_the_file_and_the_others_are_read(write, monkeypatch):
    import importlib

    # the package exports a function of the module's name, so import the module itself
    mod = importlib.import_module("sonanalys.observations")

    good = write("bra.txt", "Vårddygn\t2022\nFamiljehem\t89 895\n")
    bad = write("trasig.txt", "Vårddygn\t2022\nHVB\t48 128\n")
    real = mod.read

    def flaky(path, *args):
        if path.name == "trasig.txt":
            raise RuntimeError("oväntat")
        return real(path, *args)

    monkeypatch.setattr(mod, "read", flaky)
    result = mod.parse([good, bad])
    assert result.errors == [
        "trasig.txt: internt fel när filen lästes (RuntimeError: oväntat); "
        "skicka gärna filen till utvecklarna"
    ]
    assert list(result.observations.value) == [89895.0]
    assert list(result.report.severity) == ["error"]


def test_pipe_rows_without_their_leading_pipe():
    # dev_11 (Vaxholm), version 2 of the page: "Måltider | 4 326 kr/mån (144 kr/dygn) |"
    from pathlib import Path

    doc = Path(__file__).parent / "corpus" / "text" / "dev_11_vaxholm_egenavgifter_hvb.txt"
    obs = parse([doc]).observations
    v2 = obs[obs["line"] == 52]
    assert v2["row_label"].tolist() == ["Måltider", "Måltider"]
    assert v2["column_label"].tolist() == ["Avgift", "Avgift"]
    assert v2["value"].tolist() == [4326.0, 144.0]
    assert v2["unit"].tolist()[1] == "kr/dygn"


def test_a_table_of_contents_on_one_line_is_page_numbers(tmp_path):
    # dev_01's flattened contents line: its numbers are page numbers, said as such
    from pathlib import Path

    doc = (
        Path(__file__).parent
        / "corpus"
        / "text"
        / "dev_01_upplandsvasby_manadsrapport_resultat.txt"
    )
    r = parse([doc])
    line7 = r.report[r.report["line"] == 7]
    assert line7["reason"].tolist() == ["innehållsförteckning: sidnummer är inga värden"]
    assert line7["severity"].tolist() == ["info"]
    assert r.observations[r.observations["line"] == 7].empty


@pytest.mark.parametrize(
    "opening, period",
    [
        ("Delårsrapport mars 2026", "jan-mar"),  # Göteborg's PDF, p. 1
        ("Delårsrapport per den 31 augusti 2018", "jan-aug"),  # 003
        ("Delårsrapport januari–augusti 2023", "jan-aug"),
        ("1 Månadsrapport november Social- och äldrenämnden", "jan-nov"),  # corpus dev_01
        ("Ekonomisk rapport efter maj 2016", "jan-maj"),  # corpus dev_02
        ("Tertialrapport 1 2025", "jan-apr"),
        ("Social- och omsorgsnämndens internbudget för 2024 med plan 2025-2029", ""),  # 002
        ("Reviderad åtgärdsplan social- och omsorgsnämnden 2021", ""),  # 000
        # prose, not a title: a month after "uppföljning" there says nothing of the period
        (
            "Nämnden gör en uppföljning av placeringarna i mars och april, med jämförelser mot "
            "föregående år och en bedömning av helåret",
            "",
        ),
    ],
)
def test_the_months_a_document_reports_on(opening, period):
    from sonanalys.readers import read_text

    doc = read_text(f"# {opening}\n\nText.\n", "rapport.txt")
    assert doc.doc_period == period


def test_a_running_header_above_the_title_is_not_the_title():
    from sonanalys.readers import read, read_text

    # Göteborg's PDF, p. 1: the running header "Nämnden för Intraservice" stands above
    # "Delårsrapport mars 2026-" / "nämnder och styrelser"
    doc = read(Path(__file__).parent / "corpus" / "pdf"
               / "goteborg_intraservice_delarsrapport_2026_mars.pdf")  # fmt: skip
    assert doc.title == "Delårsrapport mars 2026- nämnder och styrelser"
    text = "# Socialnämnden\n\nDelårsrapport augusti 2025 –\n\nVimmerby kommun\n\nText.\n"
    assert read_text(text, "v.txt").title == "Delårsrapport augusti 2025 – Vimmerby kommun"
    # a first heading that names the kind of document stays the title
    text = "# Internbudget 2024\n\nSocialnämnden\n\nDelårsrapport augusti 2023\n"
    assert read_text(text, "i.txt").title == "Internbudget 2024"


def test_a_cookie_banner_a_list_item_or_a_row_of_amounts_is_no_title():
    from sonanalys.readers import read_text

    # a web page's cookie banner (two sentences, a question) above the page's heading
    banner = (
        "Vi skulle vilja använda statistikkakor i syfte att löpande förbättra webbplatsen. "
        "Godkänner du det? Du kan när som helst ändra ditt val."
    )
    text = f"{banner}\n\n# Driftsredovisning\n\nNämnderna redovisar ett överskott.\n"
    assert read_text(text, "w.txt").title == "Driftsredovisning"
    # a search box's leftover list item
    text = "• No results found\n\n# Verksamhetsredovisning mars 2018\n\nText.\n"
    assert read_text(text, "e.txt").title == "Verksamhetsredovisning mars 2018"
    # an accounting report whose first line is a total row of amounts
    text = (
        "Summa RÖRELSEINTÄKTER 762 865,42\n\n# Resultaträkning 2025\n\n"
        "Årets resultat blev ett överskott.\n"
    )
    assert read_text(text, "r.txt").title == "Resultaträkning 2025"
    # a quote or a list item set off by a dash, then the heading
    text = "– Det här är oroväckande, säger ordföranden.\n\n# Månadsrapport mars\n\nText.\n"
    assert read_text(text, "q.txt").title == "Månadsrapport mars"
    # a news page's own headline with an amount, or a question, stays the title
    text = "Varför ökar kostnaderna för placeringar?\n\nNämnden har fler placerade barn.\n"
    assert read_text(text, "f.txt").title == "Varför ökar kostnaderna för placeringar?"
    text = "Delårsrapport 2022 godkänd, resultat 85,1 miljoner\n\nDet ekonomiska resultatet.\n"
    assert read_text(text, "l.txt").title == "Delårsrapport 2022 godkänd, resultat 85,1 miljoner"


def test_one_reader_per_format_from_the_registry(tmp_path):
    """readers.FORMATS is the one table of formats: every suffix read names one format,
    the suffix picks it (in any case), and a file named as a PDF without a PDF's content
    is refused by the format's content check before any reader runs."""
    from sonanalys import readers

    suffixes = [s for f in readers.FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) and set(suffixes) == readers.SUFFIXES
    assert readers.reader_for(".XLSM", "x").name == "xlsx"
    assert readers.reader_for(".md", "x").name == "text"
    with pytest.raises(DocumentError, match=r"okänd filtyp '\.odt'"):
        readers.reader_for(".odt", "rapport.odt")
    fake = tmp_path / "rapport.pdf"
    fake.write_text("Verksamhet | 2024\nHVB | 12\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="inte en PDF"):
        readers.read(fake)
    real = tmp_path / "rapport.txt"
    real.write_bytes(fake.read_bytes())
    doc = readers.read(real)
    assert doc.format == "text" and doc.source == "rapport.txt"
