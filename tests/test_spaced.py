"""Space-separated tables (readers.spaced) on real public excerpts in tests/corpus (sources in
its README): every number read by Swedish grouping, the readings chosen by evidence (the
only one, the row sums, magnitudes), and what cannot be decided reported, never guessed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sonanalys.observations import parse
from sonanalys.readers.spaced import splits

CORPUS = Path(__file__).parent / "corpus" / "text"


def test_a_unit_ends_its_number():
    from sonanalys.readers.spaced import split_row

    label, toks = split_row("Hemtjänst 2 609 st 12 400")
    assert (label, toks) == ("Hemtjänst", ["2", "609 st", "12", "400"])
    assert splits(toks, 2) == [("2 609 st", "12 400")]  # never "2 609 12" and "400"
    assert split_row("Antal 2020 st") == ("Antal 2020 st", [])  # a year is no count
    # a unit glued to its number, as PDF transcripts print it
    label, toks = split_row("Hemtjänst 2 609st 12tkr")
    assert (label, splits(toks, 2)) == ("Hemtjänst", [("2 609st", "12tkr")])


def test_splits_by_swedish_grouping():
    assert splits(["3", "067", "3", "089", "-"], 3) == [("3 067", "3 089", "-")]
    assert splits(["320,25", "612,18", "1342,82"], 3) == [("320,25", "612,18", "1342,82")]
    # a note number before the values: two readings, both kept for the evidence to decide
    assert set(splits(["1", "972", "928"], 2)) == {("1", "972 928"), ("1 972", "928")}
    assert splits(["3", "039"], 2) == []  # 039 alone is never a number
    assert splits(["1", "80", "1"], 1) == []  # a group of two digits is no group


@pytest.fixture(scope="module")
def corpus():
    r = parse([CORPUS])
    return r.observations, r.report


def value(obs, doc, row, col=None, year=None):
    o = obs[obs["source"].str.startswith(doc) & (obs["row_label"] == row)]
    if col is not None:
        o = o[o["column_label"] == col]
    if year is not None:
        o = o[o["year"] == year]
    return o["value"].tolist()


def test_year_header_series_and_missing_cells(corpus):
    obs, report = corpus
    # dev_04: "Bjuv 3 067 3 089 … 6 127 -" under "Kommun/Region 2011 … 2021"
    assert value(obs, "dev_04", "Bjuv", year=2011) == [3067.0]
    assert value(obs, "dev_04", "Bjuv", year=2020) == [6127.0]
    assert value(obs, "dev_04", "Bjuv", year=2021) == []
    bjuv = report[report["source"].str.startswith("dev_04") & (report["cell_text"] == "-")]
    assert set(bjuv["reason"]) == {"uppgift saknas enligt cellen"} and len(bjuv) == 2
    assert value(obs, "dev_04", "Helsingborg", year=2011) == [5004.0]


def test_label_value_list(corpus):
    obs, _ = corpus
    # "Kommun/Region Kronor per invånare" / "Malmö 9 670" / "Skåne län 4 130"
    assert value(obs, "dev_04", "Malmö", "Kronor per invånare") == [9670.0]
    assert value(obs, "dev_04", "Skåne län", "Kronor per invånare") == [4130.0]
    assert value(obs, "dev_04", "Östra Göinge", "Kronor per invånare") == [4613.0]


def test_word_header_with_multiword_columns(corpus):
    obs, _ = corpus
    # dev_06: "Kommuntyp Barnomsorg Äldre mfl Ind, fam Särskilda Summa"
    assert value(obs, "dev_06", "Storstad", "Summa") == [1342.82]
    assert value(obs, "dev_06", "Förortskommun", "Ind, fam") == [139.26]
    assert value(obs, "dev_06", "Övriga större kommuner", "Äldre mfl") == [678.25]


def test_row_sums_decide_a_split(corpus):
    obs, _ = corpus
    # dev_13: "Västerort 3 039 1 151 496 1 139 2 952 218 8 995" has 15 readings as 7
    # numbers; only one adds up to the last column (Samtliga), as every unambiguous row does
    got = obs[obs["source"].str.startswith("dev_13") & (obs["line"] == 10)]
    assert got["value"].tolist() == [3039.0, 1151.0, 496.0, 1139.0, 2952.0, 218.0, 8995.0]
    assert value(obs, "dev_13", "Hela staden3", "Samt-") == [25228.0, 2.7]


def test_a_series_row_is_decided_by_its_own_size(corpus):
    obs, _ = corpus
    # dev_12: "Ekonomiskt bistånd1 (tkr) 1 178 666 1 197 028 … 927 975" under six years
    row = obs[obs["source"].str.startswith("dev_12") & (obs["line"] == 8)]
    assert row["value"].tolist() == [1178666.0, 1197028.0, 1142467.0, 966886.0, 894735.0, 927975.0]
    assert row["year"].tolist() == [1995, 2000, 2005, 2010, 2016, 2017]


def test_a_decimal_point_that_may_group_thousands_is_reported_not_read(tmp_path):
    # dev_12's rows with a point before three digits: "1.640" is 1,64 or 1 640
    (tmp_path / "t.txt").write_text(
        "Hushåll\n\n  1995 2000\nBiståndshushåll 41 219 29 901\n"
        "Genomsnittlig hushållsstorlek 1.640 1.79\nBiståndstagare 67 742 53 591\n",
        encoding="utf-8",
    )
    r = parse([tmp_path])
    w = r.report[r.report["line"] == 5]
    assert w["severity"].tolist() == ["warning"]
    assert w["reason"].iloc[0].startswith("decimalpunkt (1.640): läses inte")
    assert r.observations[r.observations["line"] == 5].empty
    assert r.observations[r.observations["line"] == 6]["value"].tolist() == [67742.0, 53591.0]


def test_an_undecided_split_is_a_warning_with_the_candidates_and_no_value(tmp_path):
    # an invented table: two unambiguous rows, one whose two readings the columns'
    # sizes do not tell apart
    (tmp_path / "t.txt").write_text(
        "Enheter och kostnader\n\nEnhet Antal Kostnad\nA 5 100\nB 7 200\nC 12 345 678\n",
        encoding="utf-8",
    )
    r = parse([tmp_path])
    c = r.report[r.report["line"] == 6]
    assert c["severity"].tolist() == ["warning"]
    assert c["reason"].iloc[0] == (
        "tvetydig delning av 3 tal i 2 kolumner; möjliga: 12 / 345 678 | 12 345 / 678"
    )
    assert c["source"].iloc[0] == "t.txt"
    assert r.observations[r.observations["line"] == 6].empty
    assert r.observations[r.observations["row_label"] == "B"]["value"].tolist() == [7.0, 200.0]


@pytest.mark.parametrize("spacing", ["\n", "\n\n"], ids=["spaced", "double-spaced"])
def test_an_undecided_row_is_no_section_over_the_rows_below(tmp_path, spacing):
    # the undecided row stands between rows (before, its label alone stood as the
    # section over D and E, its values said only as numbers): said with its line and
    # readings, and the rows below it stand under no section
    lines = ["Enhet Antal Kostnad", "A 5 100", "B 7 200", "C 12 345 678", "D 9 400", "E 6 300"]
    (tmp_path / "t.txt").write_text(
        "Enheter och kostnader\n\n" + spacing.join(lines) + "\n", encoding="utf-8"
    )
    r = parse([tmp_path])
    o = r.observations
    assert o[["row_label", "section", "value"]].values.tolist() == [
        ["A", "", 5.0],
        ["A", "", 100.0],
        ["B", "", 7.0],
        ["B", "", 200.0],
        ["D", "", 9.0],
        ["D", "", 400.0],
        ["E", "", 6.0],
        ["E", "", 300.0],
    ]
    c = r.report[r.report["cell_text"] == "12 345 678"]
    line = 6 if spacing == "\n" else 9
    assert c[["line", "severity"]].values.tolist() == [[line, "warning"]]
    assert c["reason"].iloc[0].startswith("tvetydig delning av 3 tal i 2 kolumner")


def test_a_row_that_does_not_split_is_no_section_in_a_real_document(tmp_path):
    # round two's dev_33 (a budget's ramtabell, a blank line after each row): the row
    # 'Aktiveringstid 3 000', one figure under three years, is no section; before, its
    # label stood as the section over 'Delsumma' and 'Summa rambudget' below it. It was
    # said unread; it is placed in 2014, where the Delsumma under it holds, and said so
    # (test_a_short_row_is_placed_where_the_sum_below_holds)
    name = "dev_33_okand_von_budget2014_ramtabell.txt"
    (tmp_path / name).write_bytes((CORPUS.parent / "round2" / name).read_bytes())
    r = parse([tmp_path])
    o = r.observations
    sums = o[o["row_label"].isin(["D e lsumma", "S umma ra mbudge t"])]
    assert len(sums) == 6 and set(sums["section"]) == {""}
    said = r.report[r.report["line"] == 27]
    assert said[["cell_text", "severity"]].values.tolist() == [["3 000", "info"]]
    assert o[o["line"] == 27]["value"].tolist() == [3000.0]


def test_a_note_column_is_taken_off_the_values(corpus):
    # dev_10 (LKF resultaträkning, "Not 2018 2017"): a note reference stands between the
    # label and the two years, the years run backwards, labels wrap onto a values-only line
    obs, report = corpus
    doc = "dev_10"
    assert value(obs, doc, "Summa intäkter", year=2018) == [1022.0]  # 1 022, no note
    assert value(obs, doc, "Övriga intäkter", year=2017) == [28.0]  # note 2, 44, 28
    assert value(obs, doc, "Personalkostnader", year=2018) == [-155.0]  # notes "6, 7"
    assert value(obs, doc, "Summa rörelsens kostnader", year=2017) == [-763.0]
    assert value(obs, doc, "Resultat före skatt", year=2018) == [192.0]
    # "1 972 928": note 1 and 972, or 1 972 and 928 — the notes run 1, 2, 3 … down the
    # table and the row below has note 2, so this row's note is 1
    assert value(obs, doc, "Nettoomsättning", year=2018) == [972.0]
    d = obs[obs["source"].str.startswith(doc)]
    assert set(d["unit"]) == {"mnkr"}  # "(MKR)" in the caption
    assert d[d["row_label"] == "Nettoomsättning"]["line"].tolist() == [12, 12]
    notes = report[report["source"].str.startswith(doc) & report["reason"].str.startswith("not")]
    assert dict(zip(notes["line"], notes["token"], strict=True))[22] == "6, 7"
    assert len(notes) == 11 and set(notes["severity"]) == {"info"}


def test_a_note_reading_the_order_does_not_decide_is_reported(tmp_path):
    # the same rows, but the row below carries note 3: "1 972 928" may be note 1 and
    # 972 or 1 972 — nothing tells, so it is a warning with both readings and no value
    (tmp_path / "r.txt").write_text(
        "Resultaträkning\n\nNot 2018 2017\nNettoomsättning 1 972 928\n"
        "Övriga intäkter 3 44 28\nSumma intäkter 1 022 964\n",
        encoding="utf-8",
    )
    r = parse([tmp_path])
    w = r.report[r.report["line"] == 4]
    assert w["severity"].tolist() == ["warning"]
    assert w["reason"].iloc[0] == (
        "notnummer eller del av talet; möjliga: 1 / 972 928 | 1 972 / 928 | not 1: 972 / 928"
    )
    assert r.observations[r.observations["line"] == 4].empty
    assert r.observations[r.observations["row_label"] == "Summa intäkter"]["value"].tolist() == [
        1022.0,
        964.0,
    ]


def test_a_decimal_point_no_grouping_explains_is_read_and_said(corpus):
    # dev_12: "1.64" cannot group thousands (two digits after the point): a decimal point
    obs, report = corpus
    assert value(obs, "dev_12", "Genomsnittlig hushållsstorlek", year=1995) == [1.64]
    assert value(obs, "dev_12", "Biståndstagare, % av folkmängden", year=2017) == [2.7]
    r = report[report["source"].str.startswith("dev_12") & (report["line"] == 14)]
    assert r["reason"].tolist() == [
        "decimalpunkt läst som decimalkomma (1.64, 1.79, 1.82, 1.77, 1.69, 1.69)"
    ]
    assert r["severity"].tolist() == ["info"]


def test_a_block_under_a_section_is_resolved_on_its_own_and_takes_its_unit(corpus):
    # dev_13: counts, then "% av befolkningen" and the same districts as shares
    obs, _ = corpus
    d = obs[obs["source"].str.startswith("dev_13")]
    kista = d[d["row_label"] == "Rinkeby-Kista"]
    assert kista[kista["column_label"] == "Barn1"]["value"].tolist() == [1298.0, 10.8]
    assert kista[kista["column_label"] == "Barn1"]["unit"].tolist() == ["antal", "procent"]
    assert value(obs, "dev_13", "Västerort", col="Samt-") == [8995.0, 3.7]


def test_a_header_of_years_with_the_same_columns_under_each(corpus):
    # dev_05: "2010 2011 2012 2013" over "Totalt Per 1 000" ×4, "invånare" ×4, "0-21 år" ×4
    obs, report = corpus
    d = obs[obs["source"].str.startswith("dev_05")]
    row = d[d["line"] == 15]  # Omedelbart omhändertagna (LVU) 137 0,7 143 0,7 …
    assert row["column_label"].tolist()[:2] == [
        "2010 / Totalt",
        "2010 / Per 1 000 invånare 0-21 år",
    ]
    assert row["value"].tolist() == [137.0, 0.7, 143.0, 0.7, 150.0, 0.7, 159.0, 0.7]
    assert row["year"].tolist() == [2010, 2010, 2011, 2011, 2012, 2012, 2013, 2013]
    assert set(row[row["column_label"].str.contains("Per 1 000")]["unit"]) == {"per1000"}
    # "Summa omhändertagna netto" / "(SoL och/eller LVU) 1 382 …": one label; the two
    # blocks ("någon gång under året", "som påbörjats under året") are their sections
    summa = d[d["row_label"] == "Summa omhändertagna netto (SoL och/eller LVU)"]
    assert summa[summa["column_label"] == "2013 / Totalt"]["value"].tolist() == [2087.0, 698.0]
    assert summa["section"].str.contains("någon gång under året").sum() == 8
    # "därav 0-17 år1 988": the footnote mark is glued to the label, 988 is the value
    sub = d[(d["line"] == 19) & (d["column_label"] == "2010 / Totalt")]
    assert sub["value"].tolist() == [988.0]
    header = report[report["source"].str.startswith("dev_05") & (report["line"] == 8)]
    assert header["reason"].tolist() == ["tal i tabellhuvud, del av kolumnrubriken, inget värde"]


# "N st" is one count in every text layout: the unit ends the number, and the number with
# its unit is one value (a web page's volume table gave 2 and 609 for "2 609 st")
_COUNTS = {  # layout -> (document, {(row, column or year): value})
    "spaced, year header": (
        "Verksamhetsmått\n\n"
        "Mått 2019 2020 2021\n"
        "Hushåll med ekonomiskt bistånd 2 609 st 2 700 st 12 st\n"
        "Placerade barn 1 200 st 1 310 st 1 400 st\n"
        "Beslut om insats 310 st 2 040 st 1 001 st\n",
        {
            ("Hushåll med ekonomiskt bistånd", "2019"): 2609,
            ("Hushåll med ekonomiskt bistånd", "2021"): 12,
            ("Beslut om insats", "2020"): 2040,
        },
    ),
    # counts beside amounts: "2 609 st 12 400" is 2 609 and 12 400, not 2 609 12 and 400
    "spaced, word header": (
        "Verksamhet Antal Kostnad\n"
        "Hemtjänst 2 609 st 12 400\n"
        "Boende 1 200 st 13 100\n"
        "Dagverksamhet 310 st 1 310\n",
        {
            ("Hemtjänst", "Antal"): 2609,
            ("Hemtjänst", "Kostnad"): 12400,
            ("Dagverksamhet", "Kostnad"): 1310,
        },
    ),
    # a count in a row's label stays in the label when the row reads no other way
    "spaced, count in a label": (
        "Verksamhet 2019 2020\n"
        "Korttidsboende 12 platser 2 609 2 700\n"
        "Hemtjänst 1 200 1 310\n"
        "Antal beslut 310 st 2 040 st\n",
        {
            ("Korttidsboende 12 platser", "2019"): 2609,
            ("Hemtjänst", "2020"): 1310,
            ("Antal beslut", "2020"): 2040,
        },
    ),
    "list": (
        "Hushåll med ekonomiskt bistånd\n\n"
        "Eskilstuna 8 077 st\nNorrköping 2 609 st\nLinköping 1 200 st\nMotala 310 st\n",
        {("Norrköping", ""): 2609, ("Motala", ""): 310},
    ),
    "stacked": (
        "Volymer\n\nAntal\n\nUtfall 2019\n\nBudget 2020\n\n"
        "Hemtjänst 2 609 st 2 700 st\n\nBoende 1 200 st 1 310 st\n\nDagverksamhet 310 st 400 st\n",
        {("Hemtjänst", "Utfall 2019"): 2609, ("Boende", "Budget 2020"): 1310},
    ),
    "double-spaced": (
        "Volymer\n\nVerksamhet 2019 2020\n\nHemtjänst 2 609 st 2 700 st\n\n"
        "Boende 1 200 st 1 310 st\n\nDagverksamhet 310 st 400 st\n\nVård 5 st 7 st\n",
        {("Hemtjänst", "2019"): 2609, ("Boende", "2020"): 1310},
    ),
    "cells": (
        "Kommun\n\nHushåll\n\nBeslut\n\nEskilstuna\n\n8 077 st\n\n2 609 st\n\n"
        "Norrköping\n\n1 200 st\n\n310 st\n\nMotala\n\n12 st\n\n1 001 st\n\nKälla: egen.\n",
        {("Eskilstuna", "Beslut"): 2609, ("Motala", "Beslut"): 1001},
    ),
    "pipe": (
        "| Verksamhet | 2019 | 2020 |\n|---|---|---|\n| Hemtjänst | 2 609 st | 2 700 st |\n"
        "| Boende | 1 200 st | 1 310 st |\n",
        {("Hemtjänst", "2019"): 2609, ("Boende", "2020"): 1310},
    ),
    "tab": (
        "Verksamhet\t2019\t2020\nHemtjänst\t2 609 st\t2 700 st\nBoende\t1 200 st\t1 310 st\n",
        {("Hemtjänst", "2019"): 2609, ("Boende", "2020"): 1310},
    ),
    "plain": (
        "Förslag Effekt Tidsaspekt\n\nFärre placeringar på HVB\n\n"
        "4 mnkr 2021 (2 609 st\nvårddygn färre)\n\nSumma 4 mnkr\n",
        {("Färre placeringar på HVB", "Effekt"): 4},
    ),
}


@pytest.mark.parametrize("layout", sorted(_COUNTS))
def test_a_count_with_st_is_one_number_in_every_layout(tmp_path, layout):
    text, expected = _COUNTS[layout]
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    r = parse([tmp_path])
    obs = r.observations
    got = {}
    for row, col, year, v, unit, cell in zip(
        obs.row_label, obs.column_label, obs.year, obs.value, obs.unit, obs.cell_text, strict=True
    ):
        key = col if col else ("" if pd.isna(year) else str(int(year)))
        got[(row, key)] = v
        if cell.endswith(" st"):
            assert unit == "antal"
    for k, v in expected.items():
        assert got.get(k) == v, (k, got)
    # never a number of the count's digits alone, and no row left unread
    assert not ({2.0, 609.0, 8.0, 77.0} & set(obs.value))
    assert not (r.report["severity"] == "warning").any()
    if layout == "plain":  # the count in the remark is one token, said as such
        said = r.report[r.report["reason"] == "tal i tidsangivelse"]
        assert said["token"].tolist() == ["2 609"]


def test_a_row_whose_numbers_do_not_stand_last_is_said_never_a_section(tmp_path):
    # "(prel)" after the values: no reading splits the row, and it is no section's name
    # over the rows below (its numbers were lost, unsaid, and every later row's path
    # began with it); a section's name with a law reference stays a section
    (tmp_path / "t.txt").write_text(
        "Nyckeltal\n\nMått 2019 2020\n"
        "Kostnad tkr 12 400 13 100\n"
        "Antal beslut 2 609 st 2 700 st (prel)\n"
        "Vårddygn 1 200 1 310\n"
        "Insatser enligt 4 kap 1 § SoL\n"
        "Platser 40 42\n"
        "Plats i boende 30 35\n",
        encoding="utf-8",
    )
    r = parse([tmp_path])
    obs = r.observations
    paths = dict(zip(obs["row_label"], obs["row_path"], strict=False))
    assert paths["Vårddygn"] == "Vårddygn"
    assert paths["Platser"] == "Insatser enligt 4 kap 1 § SoL › Platser"
    rep = r.report.set_index("line")
    assert rep.loc[5, "severity"] == "warning" and "talen står inte sist" in rep.loc[5, "reason"]
    assert rep.loc[7, "reason"] == "tal i avsnittsrubrik i tabellen, inget värde"
    assert rep.loc[7, "severity"] == "info"


@pytest.mark.parametrize("stub", ["Mått", "Kommun", "Verksamhet"])
def test_a_year_over_a_list_of_one_value_each_is_its_header(tmp_path, stub):
    # "Mått 2019" over a label–value list: the year of every value, never a value 2019
    # (before: a row "Mått" with the value 2019, the values below undated)
    (tmp_path / "t.txt").write_text(
        f"Nyckeltal\n\n{stub} 2019\nKostnad tkr 12 400\nAntal beslut 2 609\nVårddygn 1 200\n",
        encoding="utf-8",
    )
    obs = parse([tmp_path]).observations
    assert obs["row_label"].tolist() == ["Kostnad tkr", "Antal beslut", "Vårddygn"]
    assert obs["value"].tolist() == [12400.0, 2609.0, 1200.0]
    assert obs["year"].tolist() == [2019, 2019, 2019] and set(obs["line"]) == {4, 5, 6}


@pytest.mark.parametrize(
    "lines",
    [
        # a count may be a year's digits: the first line is a row of the list
        ["Invånare 2019", "Platser 40", "Vårddygn 1 200"],
        # every line a year's digits: a column of such values
        ["Bjuv 2011", "Höör 2015", "Åstorp 2017"],
    ],
)
def test_a_count_of_a_years_digits_at_the_top_of_a_list_stays_a_value(tmp_path, lines):
    (tmp_path / "t.txt").write_text("Antal\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    obs = parse([tmp_path]).observations
    assert obs["row_label"].tolist()[0] == lines[0].split()[0]
    assert obs["value"].tolist()[0] == 2019.0 if lines[0].endswith("2019") else 2011.0


# A web table whose cells lost a thousands' space here and there (a page's text as stored):
# '3135' beside '3 158'. Read in four columns the rows split one way each, under the
# stub's own name 'Verksamhet' (673 | 235 | 670 100 | 3135): wrong, every one of them.
# In three, the table's own arithmetic (Avvikelse = Budget - Utfall in every row) decides
# each row, and the stub's name stays over the labels (spaced._confirmed_count).
GLUED_CELL = (
    "Driftredovisning socialnämnden (tkr)\n\n"
    "Verksamhet Budget 2023 Utfall 2023 Avvikelse\n"
    "Barn och unga 673 235 670 100 3135\n"
    "Vuxna 12 345 12 000 345\n"
    "Försörjningsstöd 45 678 46 000 -322\n"
    "Summa 731 258 728 100 3 158\n"
)


def _read_text(tmp_path, text):
    p = tmp_path / "drift.txt"
    p.write_text(text, encoding="utf-8")
    return parse([p]).observations


def test_a_cell_without_its_thousands_space_leaves_the_stub_over_the_labels(tmp_path):
    o = _read_text(tmp_path, GLUED_CELL)
    assert set(o["column_label"]) == {"Budget 2023", "Utfall 2023", "Avvikelse"}
    barn = o[o["row_label"] == "Barn och unga"]
    assert barn["value"].tolist() == [673235.0, 670100.0, 3135.0]
    assert o[o["row_label"] == "Vuxna"]["value"].tolist() == [12345.0, 12000.0, 345.0]
    assert o[o["row_label"] == "Summa"]["value"].tolist() == [731258.0, 728100.0, 3158.0]


def test_the_count_changes_only_where_the_arithmetic_holds_in_it_alone():
    from sonanalys.readers.spaced import SpacedRow, _confirmed_count, split_row

    def rows(text):
        lines = text.splitlines()[3:]
        return [SpacedRow(*split_row(s), line=k) for k, s in enumerate(lines)]

    assert _confirmed_count(rows(GLUED_CELL), 4) == 3
    # no column the difference or sum of others in three columns: the count stays
    broken = GLUED_CELL.replace("3135", "4135").replace("-322", "-122").replace("3 158", "4 558")
    assert _confirmed_count(rows(broken), 4) == 4
    # rows that do not all read in three columns: the count stays
    assert _confirmed_count(rows(GLUED_CELL + "Övrigt 1 2 3 4\n"), 4) == 4


# A budget frame whose one-off item fills one year only ('Aktiveringstid 3 000' under
# 2014 2015 2016): round two's dev_33. The Delsumma under it holds in every column only
# with the 3 000 in 2014 (12 000 = 8 700 + 300 + 3 000; 26 500 = 8 800 + 17 700): placed
# there and said (spaced._place_by_sums); where two places hold it, it stays said.
SHORT_ROW = (
    "Vård- och omsorgsnämnden 2014 2015 2016\n\n"
    "Ram året före 1 047 144 1 080 087 1 128 189\n\n"
    "Generell uppräkning 20 943 21 602 22 563\n\n"
    "Kompensation för förändrat antal äldre 8 700 8 800 5 400\n\n"
    "Nytt vårdboende 300 17 700 17 000\n\n"
    "Aktiveringstid 3 000\n\n"
    "Delsumma 12 000 26 500 22 400\n"
)


def test_a_short_row_is_placed_where_the_sum_below_holds(tmp_path):
    text = SHORT_ROW.replace("\n\n", "\n")
    p = tmp_path / "ram.txt"
    p.write_text(text, encoding="utf-8")
    r = parse([p])
    o = r.observations
    akt = o[o["row_label"] == "Aktiveringstid"]
    assert akt[["column_label", "value"]].values.tolist() == [["2014", 3000.0]]
    said = r.report[r.report["reason"].str.startswith("raden har färre värden än kolumner")]
    assert said["cell_text"].tolist() == ["3 000"]
    # two places where the sum holds (2015 and 2016 the same): not placed, said unread
    same = text.replace("17 700 17 000", "17 700 17 700").replace("22 400", "26 500")
    same = same.replace("8 700 8 800 5 400", "8 700 8 800 8 800").replace(
        "Aktiveringstid 3 000", "Aktiveringstid 0"
    )
    p.write_text(same.replace("Nytt vårdboende 300", "Nytt vårdboende 3 300"), encoding="utf-8")
    r = parse([p])
    assert (r.observations["row_label"] == "Aktiveringstid").sum() == 0
    assert (r.report["cell_text"] == "0").any()


def test_the_real_budget_frame_places_its_one_off_item():
    doc = Path(__file__).parent / "corpus" / "round2" / "dev_33_okand_von_budget2014_ramtabell.txt"
    o = parse([doc]).observations
    akt = o[o["row_label"] == "Aktiveringstid"]
    assert akt[["year", "value"]].values.tolist() == [[2014, 3000.0]]


def test_a_cell_that_lost_its_thousands_space_reads_as_its_value(tmp_path):
    # '673235' where the page printed 673 235 (its space lost, as a web page's text loses
    # a no-break space), in a column of spaced thousands: a run of four digits or more
    # neither continues a group nor is continued by one, so its cell's edges are fixed and
    # the row splits one way, whichever column it stands in
    for before, after in (("673 235 670 100", "673235 670 100"), ("670 100 3 135", "670100 3 135")):
        o = _read_text(tmp_path, GLUED_CELL.replace("3135", "3 135").replace(before, after))
        barn = o[o["row_label"] == "Barn och unga"]
        assert barn[["column_label", "value"]].values.tolist() == [
            ["Budget 2023", 673235.0],
            ["Utfall 2023", 670100.0],
            ["Avvikelse", 3135.0],
        ]
