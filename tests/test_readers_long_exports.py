"""Long exports: one value a row, the row named by key columns (the indicator, a
municipality's code and name, a sex) and dated by a year column, as Kolada's figures
are saved by the tools that fetch them and SCB's tables are downloaded. Real files of
Region Dalarna's follow-up (tests/corpus/found/README.md), and the rules each on its own."""

from __future__ import annotations

from pathlib import Path

from tests.found import document

from sonanalys.observations import parse

KPI = "Invånare 0-19 år i ekonomiskt utsatta hushåll, andel (%)"


def _parse(tmp_path: Path, name: str, text: str):
    d = tmp_path / "docs"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return parse([d])


def test_codes_and_names_beside_the_value_name_the_row():
    # kpi | municipality_id | year | value | municipality: the code (0001, written to
    # one length with leading zeros) and the name join the label, the year dates the
    # row; no code and no year is read as a value
    r = parse([document("region_dalarna_kolada_utsatthet.csv")])
    o = r.observations
    assert len(o) == 315 and set(o["column_label"]) == {"value"}
    first = o.iloc[0]
    assert first["row_label"] == f"{KPI} / 0001 / Region Stockholm"
    assert (first["year"], first["value"], first["unit"]) == (2007, 11.690542, "procent")
    dalarna = o[o["row_label"].str.endswith("0020 / Region Dalarna")]
    assert dalarna["year"].tolist() == list(range(2007, 2022))
    assert dalarna["value"].iloc[-1] == 9.738703
    assert not o["is_total"].any()


def test_a_year_column_in_the_stub_dates_the_row():
    # year | gender | municipality | the indicator (its header has an age band, 16-84 år:
    # a header all the same): the year leaves the label and dates the row
    o = parse([document("region_dalarna_kolada_tillit.csv")]).observations
    assert o["row_label"].tolist()[:3] == [
        "K / Region Dalarna", "M / Region Dalarna", "T / Region Dalarna",
    ]  # fmt: skip
    assert o["year"].tolist()[:3] == [2007, 2007, 2007]
    assert o["column_label"].iloc[0] == (
        "Invånare 16-84 år med avsaknad av tillit till andra, andel (%)"
    )
    assert o["value"].tolist()[-1] == 27.3


def test_na_says_no_data():
    # R writes NA where a value is missing: said, never read
    r = parse([document("region_dalarna_resande.csv")])
    said = r.report[r.report["reason"] == "uppgift saknas enligt cellen"]
    assert said["line"].tolist() == [2, 13]
    o = r.observations
    assert o[o["year"] == 2010]["value"].tolist() == [48.0]


def test_an_indicator_named_total_on_every_row_sums_nothing():
    # 'Total betesmark, hektar' on each year's row: records of one indicator, no totals,
    # none reported as a total that does not add up
    r = parse([document("region_dalarna_kolada_betesmark.csv")])
    o = r.observations
    assert o["year"].tolist() == list(range(2011, 2022))
    assert not o["is_total"].any()
    assert not r.report["reason"].str.startswith("summaraden").any()


def test_a_code_column_by_its_header(tmp_path):
    # Kommunkod beside the name, written without leading zeros: its header says it is
    # a code, not an amount
    r = _parse(
        tmp_path,
        "k.csv",
        "Kommun;Kommunkod;År;Nettokostnad\nÖrebro;1880;2022;4512\nLinköping;580;2022;3987\n",
    )
    o = r.observations
    assert o["row_label"].tolist() == ["Örebro / 1880", "Linköping / 580"]
    assert o["value"].tolist() == [4512.0, 3987.0]
    assert o["year"].tolist() == [2022, 2022]


def test_years_as_rows_keep_their_totals(tmp_path):
    # a year column alone in the stub is the row's label, and a Summa over the years
    # is still a total
    r = _parse(tmp_path, "y.csv", "År;Budget\n2023;100\n2024;120\nSumma;220\n")
    o = r.observations
    assert o["row_label"].tolist() == ["2023", "2024", "Summa"]
    assert o["is_total"].tolist() == [False, False, True]


def test_a_row_that_names_its_own_sex_breaks_down_no_row_above():
    # MUCF's sheet Inläs: År | Län | Ålder | Bakgrund | Kön | Andel, a Totalt row after
    # each group: 'Kvinnor' on the row after a Totalt is that row's own, not its
    # breakdown ('Inrikes födda / Totalt / Kvinnor' was read for 'Utrikes födda')
    o = parse([document("region_dalarna_mucf_unga_2022.xlsx")]).observations
    o = o[o["sheet"] == "Inläs"]
    row = o[o["line"] == 6].iloc[0]
    assert (row["row_label"], row["sex"], row["value"]) == (
        "Dalarna / 16-24 år / Utrikes födda / Kvinnor",
        "K",
        0.094,
    )
    # every row: Län / Ålder / Bakgrund / Kön, its own four cells
    assert (o["row_label"].str.count(" / ") == 3).all()


def test_a_total_of_shares_alone_is_not_said_to_miss():
    # the Totalt rows of shares: nothing to sum, so no 'does not add up' is said
    r = parse([document("region_dalarna_mucf_unga_2022.xlsx")])
    assert not r.report["reason"].str.startswith("summaraden").any()


def test_a_name_after_its_code_and_an_age_band_name_the_row():
    # Försäkringskassan: '17 Värmlands län' is a name with its code (no value), and the
    # age band 'Samtliga 16-64 år' under Ålder is part of the row's name, not said as
    # an age band that is no value
    r = parse([document("region_dalarna_fk_ohalsotal_2024.xlsx")])
    o = r.observations
    assert o["row_label"].iloc[1] == (
        "17 Värmlands län / 17 Värmlands län / Samtliga 16-64 år / Kvinnor och män"
    )
    assert set(o["column_label"]) == {"Ohälsotalet"} and len(o) == 108
    assert r.report.empty


def test_a_month_column_gives_the_period():
    # År | Månad | Län …: the month '09' is the row's period (the month's abbreviation,
    # as labels.period_of writes one month), not the first part of its name
    o = parse([document("region_dalarna_fk_ohalsotal_2024.xlsx")]).observations
    first = o.iloc[0]
    assert (first["row_label"], first["year"], first["period"], first["value"]) == (
        "Riket / Riket / Samtliga 16-64 år / Kvinnor och män",
        2024,
        "sep",
        22.3,
    )
    # line 77: Gävleborg in March (month '03')
    row = o[o["line"] == 77].iloc[0]
    assert (row["row_label"].split(" / ")[0], row["period"], row["value"]) == (
        "21 Gävleborgs län",
        "mar",
        27.6,
    )
    assert not o["row_label"].str.match(r"\d\d / ").any()
    assert o["period"].value_counts().to_dict() == {
        m: 12 for m in ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep")
    }


def test_a_share_stored_as_a_fraction_is_no_percent():
    # MUCF's sheet Inläs: 'Andel' over 0.094 stored as a bare number (no % format); the
    # county sheets show the same share as 9,40 % (formatted 0.00%). A bare 0,094 under
    # 'Andel' is 9,4 % or 0,094 %: the file does not say which, so it is kept as printed
    # with no unit, never labelled procent (a hundredfold misstatement), and said once
    r = parse([document("region_dalarna_mucf_unga_2022.xlsx")])
    o = r.observations
    inlas = o[o["sheet"] == "Inläs"]
    row = inlas[inlas["line"] == 6].iloc[0]
    assert (row["value"], row["unit"]) == (0.094, "")
    assert set(inlas["unit"]) == {""} and len(inlas) == 54
    said = r.report[r.report["reason"].str.startswith("andel skriven som bråktal")]
    assert said[["sheet", "line", "column_label"]].values.tolist() == [["Inläs", 3, "Andel"]]
    # the formatted ones are per cent, as the format says
    dal = o[(o["sheet"] == "Dalarna") & (o["column_label"] == "16-24 år / Andel")]
    assert dal[dal["line"] == 6][["value", "unit"]].values.tolist() == [[9.4, "procent"]]


def test_a_share_in_per_cent_below_one_stays_per_cent(tmp_path):
    # the header says per cent in so many words: 0,4 is 0,4 % as it says
    text = "Kommun;Andel (%)\nA-stad;0,4\nB-by;0,7\n"
    o = _parse(tmp_path, "p.csv", text).observations
    assert o[["value", "unit"]].values.tolist() == [[0.4, "procent"], [0.7, "procent"]]
    # 'Andel' alone over shares of 0–100 is per cent as before
    text = "Kommun;Andel\nA-stad;12,5\nB-by;0,7\n"
    o = _parse(tmp_path, "q.csv", text).observations
    assert o[o["source"] == "q.csv"]["unit"].tolist() == ["procent", "procent"]


def test_a_confidence_interval_is_a_value_pair_not_label_text():
    # Folkhälsomyndigheten's HLV as a region keeps it: År | Kommun | Kön | Frågeområde |
    # Fråga | Konfidensintervall | Svar | Andel | Källa, the interval as text with points
    # ('57.9 - 66.7  *'); the question 'Frukt och grönsaker högst 1,3 gånger/dag' has a
    # comma in its words, which is no decimal convention of the table
    r = parse([document("region_dalarna_fhm_hlv_2014_utdrag.xlsx")])
    o = r.observations
    row = o[(o["sheet"] == "Kommunjämförelse") & (o["line"] == 2)]
    label = "Avesta / Kvinna / Hälsa / Allmänt hälsotillstånd - Bra eller mycket bra hälsa"
    high = row["value_high"].fillna(-1)
    assert row.assign(value_high=high)[
        ["row_label", "column_label", "value", "value_high", "unit"]
    ].values.tolist() == [
        [f"{label} / Bra eller mycket bra hälsa", "Konfidensintervall", 57.9, 66.7, ""],
        [f"{label} / Bra eller mycket bra hälsa", "Andel", 62.0, -1, "procent"],
    ]
    assert not o["row_label"].str.contains(r"\d\.\d").any()
    fruit = o[(o["line"] == 15) & (o["column_label"] == "Konfidensintervall")].iloc[0]
    assert (fruit["value"], fruit["value_high"]) == (16.9, 24.2)
    assert (o["year"] == 2014).all()
    assert o["sheet"].value_counts().to_dict() == {"Kommunjämförelse": 120, "Ålder": 18}
    # sheet Ålder, line 563 of the whole sheet: an interval whose lower bound is below zero
    low = o[(o["sheet"] == "Ålder") & (o["line"] == 7)]
    assert low[["column_label", "value"]].values.tolist() == [
        ["Konfidensintervall", -0.1],
        ["Andel", 0.0],
    ]
    assert low["value_high"].iloc[0] == 1.1
    assert r.report["reason"].str.startswith("decimalpunkt").sum() == 2
    assert len(r.report) == 2


def test_kolada_web_export_reads_every_row_once():
    # Kolada's web export (kolada.se, 2012) as published: 1 177 rows, one value each,
    # under 'Visat Värde'; 19 values lie between 1990 and 2100 (Salem 2006: 2 096
    # kr/inv). Before, each such row was read as a new header (columns '2006', '2096')
    # and 995 rows under them were misread
    r = parse([document("kolada_webbexport_stockholms_lan_kld_sthlm2.csv")])
    o = r.observations
    assert len(o) == 1177 and o["line"].is_unique
    assert set(o["column_label"]) == {"Visat Värde"}
    assert o["unit"].value_counts().to_dict() == {"procent": 721, "kr/inv": 429, "dagar": 27}
    salem = o[(o["line"] == 551)].iloc[0]
    assert (salem["row_label"], salem["year"], salem["value"]) == (
        "Salem / Kostnad individ- och familjeomsorg, kr/inv",
        2006,
        2096.0,
    )
    assert r.report["reason"].tolist() == [
        "decimalpunkt: tabellen skriver alla 872 decimaltal med punkt och inget med komma "
        "(en export); punkten läses som decimaltecken"
    ]


def test_skolverkets_web_export_reads_under_its_column_names():
    # the header's last row names every column ('Eng 5' … 'Gymnarb.') under a row of
    # groups; codes and names beside the values name the row; '..' and '.' are said
    r = parse([document("skolverket_slutbetyg_gymnasiet_kungsbacka_2023_24_utdrag.csv")])
    o = r.observations
    # every data row but the four with no value at all (Beda Hallbergs, Ekonomiprogrammet),
    # and the prose line 41 ('färre än 10 elever')
    assert set(o["line"]) == (set(range(8, 36)) - {27, 28, 29, 30}) | {41}
    row = o[o["line"] == 25]  # Aranäsgymnasiet Enhet 6, Naturvetenskapsprogrammet
    assert row["row_label"].iloc[0] == (
        "Aranäsgymnasiet Enhet 6 / 15567070 / Kungsbacka / 1384 / Kommunal / "
        "Kungsbacka kommun / 2120001256 / Naturvetenskapsprogrammet"
    )
    assert [c.split(" / ")[-1] for c in row["column_label"]] == [
        "Totalt antal", "Andel (%) med examen", "Andel (%) med grundl. behörighet",
        "GBP för elever med examen eller studiebevis", "GBP för elever med examen",
        "Eng 5", "Historia 1", "Idrott 1", "Ma 1", "Re 1", "Sam 1", "Sv 1", "Gymnarb.",
    ]  # fmt: skip
    assert row["value"].tolist() == [
        58, 93.1, 93.1, 15.8, 16.3, 100, 96.6, 100, 100, 100, 98.3, 100, 100,
    ]  # fmt: skip
    said = r.report[r.report["line"] == 25]
    assert said["cell_text"].tolist() == ["..", "..", ".", ".."]
    assert set(said["reason"]) == {"uppgift saknas enligt cellen"}
    # the definitions under the table give no values ('Engelska 5 (100 poäng)')
    assert not (o["line"] >= 43).any()
    # the description's 'färre än 10 elever' is a bound, never the count 10
    bound = o[o["line"] == 41].iloc[0]
    assert (bound["value"], bound["qualifier"]) == (10.0, "<")


def _workbook(path: Path, rows: list[list], merges: tuple[str, ...] = ()) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_a_workbooks_header_spans_what_it_merges_or_its_groups_repeat(tmp_path):
    # Region Dalarna's working workbook (sheet 'Näringsliv, LMK'): 'Medelantalet anställda
    # (årspersoner)' stands over OV2 alone, its text running on over the blank cells above
    # OV4 … OV9; 'Tusentals kronor' is tkr (it was kr: a thousandfold)
    d = tmp_path / "docs"
    d.mkdir()
    _workbook(
        d / "lmk.xlsx",
        [
            ["Dalarnas län"],
            ["Tusentals kronor (om inget annat anges)"],
            [],
            [None, None, None, "Antal arbetsställen", "Medelantalet anställda (årspersoner)"],
            ["År", "Led", "RR1", "OV1", "OV2", "OV8", "OV9"],
            [2008, "Primärproduktion", 845327, 885, 275, 888369, 322544],
            [2009, "Primärproduktion", 762579, 852, 285, 791688, 242469],
        ],
        merges=("A1:C1",),  # the sheet merges cells (its title): spans are its merges
    )
    # a sheet that merges nothing: a span never crosses a column empty in every row
    # (sheet 'Mark kommun': 'Jordbruksmarkens' is no group over 'Folkmängd')
    _workbook(
        d / "mark.xlsx",
        [
            [None, "Åkermark", "Jordbruksmarkens", None, None],
            [None, "hektar", "del av landarealen", None, "Folkmängd"],
            [None, "2019", "Procent", None, "2018"],
            ["2021 VANSBRO", 2598, "1,9", None, 6807],
            ["2080 FALUN", 5582, "3,1", None, 58923],
        ],
    )
    # a group merged over its two columns; two groups not merged over the same names
    _workbook(
        d / "grupper.xlsx",
        [
            [None, "Utfall", None, "Budget"],
            [None, "2019", "2020", "2021"],
            ["Barn och unga", 120, 130, 140],
        ],
        merges=("B1:C1",),
    )
    _workbook(
        d / "mucf.xlsx",
        [
            [None, "16-24 år", None, "25-29 år", None],
            [None, "Antal", "Andel", "Antal", "Andel"],
            ["Kvinnor", 456, "4,6", 513, "9,2"],
        ],
    )
    o = parse([d]).observations
    lmk = o[o["source"] == "lmk.xlsx"]
    first = lmk[lmk["line"] == lmk["line"].min()]
    assert first[["column_label", "year", "value", "unit"]].values.tolist() == [
        ["RR1", 2008, 845327.0, "tkr"],
        ["Antal arbetsställen / OV1", 2008, 885.0, "antal"],
        ["Medelantalet anställda (årspersoner) / OV2", 2008, 275.0, "antal"],
        ["OV8", 2008, 888369.0, "tkr"],
        ["OV9", 2008, 322544.0, "tkr"],
    ]
    mark = o[(o["source"] == "mark.xlsx") & (o["row_label"] == "2080 FALUN")]
    assert mark["column_label"].tolist() == [
        "Åkermark hektar / 2019", "Jordbruksmarkens del av landarealen / Procent",
        "Folkmängd / 2018",
    ]  # fmt: skip
    g = o[o["source"] == "grupper.xlsx"]
    assert g["column_label"].tolist() == ["Utfall / 2019", "Utfall / 2020", "Budget / 2021"]
    m = o[o["source"] == "mucf.xlsx"]
    assert m["column_label"].tolist() == [
        "16-24 år / Antal", "16-24 år / Andel", "25-29 år / Antal", "25-29 år / Andel",
    ]  # fmt: skip


def test_a_regions_working_workbook_in_thousands_of_kronor():
    o = parse(
        [document("region_dalarna_jordbruksverket_regionalstatistik_utdrag.xlsx")]
    ).observations
    lmk = o[(o["sheet"] == "Näringsliv, LMK") & (o["line"] == 6)]
    assert lmk[["column_label", "value", "unit"]].values.tolist()[:2] == [
        ["RR1", 845327.0, "tkr"],
        ["RR2", 43043.0, "tkr"],
    ]
    assert lmk[lmk["column_label"].str.startswith("OV")]["column_label"].tolist() == [
        "OV8",
        "OV9",
    ]
    assert set(o[o["sheet"] == "Mark kommun"]["column_label"].str.split(" / ").str[0]) == {
        "Åkermark hektar", "Betesmark hektar", "Jordbruksmark hektar", "Landareal hektar",
        "Jordbruksmarkens del av landarealen", "Folkmängd",
    }  # fmt: skip


def test_an_intervals_marker_is_kept_on_its_value():
    # '57.9 - 66.7  *': the star after the interval marks the value (in HLV, a difference
    # the workbook itself does not explain): it stays on the observation, never dropped
    o = parse([document("region_dalarna_fhm_hlv_2014_utdrag.xlsx")]).observations
    ci = o[o["column_label"] == "Konfidensintervall"]
    starred = ci[ci["cell_text"].str.contains(r"\*")]
    assert len(starred) == 21
    assert set(starred["footnote"]) == {"markering '*' vid talet; dokumentet förklarar den inte"}
    assert (ci[~ci["cell_text"].str.contains(r"\*")]["footnote"] == "").all()
    first = starred.iloc[0]
    assert (first["line"], first["value"], first["value_high"]) == (2, 57.9, 66.7)


def test_a_marker_glued_to_a_value_takes_the_documents_note(tmp_path):
    # Örebro's 'Arbetsmängdsmätning' (data/raw/004, line 428): '119%*' with the note
    # '\*Resultat saknas …' under the table; a marker nothing explains is said so
    text = (
        "| Enhet | v 9-11 | v 20-22 |\n|---|---|---|\n"
        "| Myndighetsutövning | 119%* | 122% |\n| Öppenvård | 101% | 97%** |\n\n"
        "\\*Resultat saknas eller påverkas av att enheter avstått mätningen.\n"
    )
    o = _parse(tmp_path, "a.md", text).observations
    assert o["value"].tolist() == [119, 122, 101, 97]
    assert o["footnote"].tolist() == [
        "Resultat saknas eller påverkas av att enheter avstått mätningen.",
        "",
        "",
        "markering '**' vid talet; dokumentet förklarar den inte",
    ]


def test_a_workbook_naming_a_part_it_does_not_hold_is_read_and_said():
    r = parse([document("region_dalarna_overrep_chefer_2008.xlsx")])
    said = r.report[r.report["reason"].str.startswith("delar som arbetsboken")]
    assert said["cell_text"].tolist() == ["xl/drawings/drawing1.xml, xl/drawings/vmlDrawing1.vml"]
    o = r.observations
    # (Kon 1: the sex as a code, under a key header: part of the row's name, no value)
    assert set(o["column_label"]) == {"andel_man", "andel_chef_man", "overrep"}
    first = o[o["column_label"] == "andel_man"].iloc[0]
    assert (first["row_label"], first["year"], first["value"]) == (
        "G01 / Jord- och skogsbruk / 1",
        2008,
        0.813098022538805,
    )


def test_an_exports_row_index_names_nothing():
    # R's write.csv: "" | År | Undersökning | andel | Boendekommun, the index 1, 2, 3 …:
    # the survey and the municipality name the row, the index does not
    o = parse([document("region_dalarna_lupp_unga_andel.csv")]).observations
    assert len(o) == 95
    assert o["row_label"].tolist()[:2] == ["Gymnasiet / Dalarna", "Högstadiet / Dalarna"]
    last = o.iloc[-1]
    assert (last["row_label"], last["year"], last["value"]) == (
        "Högstadiet / Älvdalens kommun",
        2021,
        24.5,
    )


def test_a_numbered_first_column_with_a_header_stays_a_label(tmp_path):
    # 'Nr' over 1, 2, 3: the document's own numbering, kept in the label
    text = "Nr;Åtgärd;Belopp\n1;Minska HVB;2\n2;Fler familjehem;3\n3;Egen regi;4\n"
    r = _parse(tmp_path, "n.csv", text)
    assert r.observations["row_label"].tolist() == [
        "1 / Minska HVB", "2 / Fler familjehem", "3 / Egen regi",
    ]  # fmt: skip


def test_a_code_glued_to_its_version_is_no_year():
    # SCB's headers as the region saved them: 'SNI2007_Grupp_koder', 'SNI2007_Grupp_namn'
    # name the classification SNI 2007, not the year of the figures (2008, in 'Ar')
    from sonanalys.labels import years_in
    from sonanalys.readers import read

    doc = read(document("region_dalarna_overrep_chefer_2008.xlsx"))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[:2] == ["SNI2007_Grupp_koder", "SNI2007_Grupp_namn"]
    assert [years_in(h) for h in header[:2]] == [[], []]
    # other codes glued to their version: no year; a term, an abbreviation, a word in
    # lower case or a heading in capitals glued to its year: the year
    assert [years_in(t) for t in ("SSYK2012", "KPI2020", "NUTS2016", "ICD10")] == [[]] * 4
    assert [years_in(t) for t in ("HT2019", "BU2024", "Utfall2013", "BUDGET2024", "PLAN2025")] == [
        [2019], [2024], [2013], [2024], [2025],
    ]  # fmt: skip


def test_a_column_of_names_with_numbers_is_no_value_column(tmp_path):
    # The LUPP export's shape (År | Undersökning | andel | Boendekommun) with the surveys
    # named as LUPP names them ('Högstadiet åk 8', 'Gymnasiet år 2'; the region's file
    # says 'Högstadiet', 'Gymnasiet'): built here, no real file at hand names them so.
    # The name's number was read as a value (8, 2, no unit); the column names the row
    text = (
        "År;Undersökning;andel;Boendekommun\n"
        "2015;Gymnasiet år 2;19,8;Dalarna\n"
        "2015;Högstadiet åk 8;23,4;Dalarna\n"
        "2018;Gymnasiet år 2;22,9;Dalarna\n"
    )
    r = _parse(tmp_path, "lupp.csv", text)
    o = r.observations
    assert o[["row_label", "column_label", "year", "value"]].values.tolist() == [
        ["Gymnasiet år 2 / Dalarna", "andel", 2015, 19.8],
        ["Högstadiet åk 8 / Dalarna", "andel", 2015, 23.4],
        ["Gymnasiet år 2 / Dalarna", "andel", 2018, 22.9],
    ]
    # a column of amounts with a word before each ('Ca 5', 'Totalt 12') stays values
    text = "Kommun;Antal\nA-stad;Ca 5\nB-by;Ca 7\n"
    o = _parse(tmp_path, "ca.csv", text).observations
    assert o[o["source"] == "ca.csv"]["value"].tolist() == [5.0, 7.0]


def test_a_year_month_is_a_month_of_its_year_not_a_range(tmp_path):
    # R's tidy workbooks of SCB and NIER series (Region Dalarna's konjunkturbarometern and
    # smahuspriser, shapes rebuilt here): a Period column '1996-07' beside a year column
    # 'ar'. The year-month was reported as a range of years, and the row's period was
    # the year; it is July 1996. '2011-12' reads as the years 2011-2012 too: beside the
    # year column that gives the row 2011 it is December
    text = (
        "Indikator;Period;Barometerindikatorn;ar;manad_long\n"
        "Hushåll;2011-11;98,5;2011;november\n"
        "Hushåll;2011-12;96,4;2011;december\n"
        "Hushåll;2012-01;97,0;2012;januari\n"
    )
    r = _parse(tmp_path, "konjunktur.csv", text)
    assert r.observations[["row_label", "year", "period", "value"]].values.tolist() == [
        ["Hushåll", 2011, "nov", 98.5],
        ["Hushåll", 2011, "dec", 96.4],
        ["Hushåll", 2012, "jan", 97.0],
    ]
    assert r.report.empty
    # the year column before the period column: the month stays the period
    text = "region;Medelpris;ar;Period\nSverige;731;1997;1997-04\nDalarna;512;1997;1997-05\n"
    o = _parse(tmp_path, "smahus.csv", text).observations
    o = o[o["source"] == "smahus.csv"]
    assert o[["row_label", "year", "period"]].values.tolist() == [
        ["Sverige", 1997, "apr"],
        ["Dalarna", 1997, "maj"],
    ]


def test_scb_period_codes_give_their_year_and_period(tmp_path):
    # SCB's month and quarter codes in a key column: '1987M01', '2020K3' (also '2020Q3')
    # gave no year and stayed in the row's name
    text = "region;månad;Antal\nRiket;1987M01;12\nRiket;1987M02;14\nDalarna;1987M01;2\n"
    o = _parse(tmp_path, "m.csv", text).observations
    assert o[["row_label", "year", "period", "value"]].values.tolist() == [
        ["Riket", 1987, "jan", 12.0],
        ["Riket", 1987, "feb", 14.0],
        ["Dalarna", 1987, "jan", 2.0],
    ]
    text = "region;kvartal;Antal\nRiket;2020K3;12\nRiket;2020Q4;14\nDalarna;2021K1;2\n"
    o = _parse(tmp_path, "q.csv", text).observations
    o = o[o["source"] == "q.csv"]
    assert o[["row_label", "year", "period"]].values.tolist() == [
        ["Riket", 2020, "kv 3"],
        ["Riket", 2020, "kv 4"],
        ["Dalarna", 2021, "kv 1"],
    ]


def test_a_header_that_names_an_index_base_is_the_header(tmp_path):
    # SCB's KPIF as R writes it (Region Dalarna's KPI.xlsx, shape rebuilt here): the
    # header names the index's base ('KPIF, index, 1987=100'). The base year made the
    # row no header: the column names were empty, the header's names were reported as
    # index bases and the year column 'ar' was read as a value (1987)
    text = (
        "månad;KPIF, index, 1987=100;KPIF;ar;Period\n"
        "2023M01;250,1;6,1;2023;2023-01\n"
        "2023M02;252,4;6,3;2023;2023-02\n"
    )
    r = _parse(tmp_path, "kpi.csv", text)
    o = r.observations
    assert o[["row_label", "column_label", "year", "period", "value"]].values.tolist() == [
        ["2023M01", "KPIF, index, 1987=100", 2023, "jan", 250.1],
        ["2023M01", "KPIF", 2023, "jan", 6.1],
        ["2023M02", "KPIF, index, 1987=100", 2023, "feb", 252.4],
        ["2023M02", "KPIF", 2023, "feb", 6.3],
    ]
    assert r.report.empty


def test_a_class_under_a_header_that_names_one_names_the_row(tmp_path):
    # SCB's unemployment by municipality as R writes it (Region Dalarna's
    # arbetsloshet_kommun.xlsx, shape rebuilt here): a class of the value ('2-4', '4-6',
    # '6+') in a column 'grupp' after the value. The class was read as a value (2 to 4,
    # and 6); it names the row. The municipality's code '2021' (Vansbro) stays its code,
    # and the month code '2026M04' dates the row
    text = (
        "region_kod;region;tabellinnehåll;månad;value;grupp\n"
        "2021;Vansbro;arbetslöshet;2026M04;3;2-4\n"
        "2081;Borlänge;arbetslöshet;2026M04;5,9;4-6\n"
        "2084;Avesta;arbetslöshet;2026M04;6;6+\n"
    )
    r = _parse(tmp_path, "arbetsloshet.csv", text)
    o = r.observations
    assert o[["row_label", "column_label", "year", "period", "value"]].values.tolist() == [
        ["2021 / Vansbro / arbetslöshet / 2-4", "value", 2026, "apr", 3.0],
        ["2081 / Borlänge / arbetslöshet / 4-6", "value", 2026, "apr", 5.9],
        ["2084 / Avesta / arbetslöshet / 6+", "value", 2026, "apr", 6.0],
    ]
    assert r.report.empty
