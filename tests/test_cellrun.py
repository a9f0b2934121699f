"""Tables flattened to one cell per line (readers.cellrun), on real public excerpts in
tests/corpus: the header and the rows found from the rhythm of the cells, `..` reported
as missing, negatives and grouped thousands read, and the tables' ends found."""

from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys.observations import parse

CORPUS = Path(__file__).parent / "corpus" / "text"


@pytest.fixture(scope="module")
def parsed():
    r = parse([CORPUS / "dev_03_regionfakta_norrbotten_ekonomiskt_bistand.txt",
               CORPUS / "dev_09_ivo_hvb_stodboende_ensamkommande.txt"])  # fmt: skip
    return r.observations, r.report


def cell(obs, doc, row, col):
    o = obs[obs["source"].str.startswith(doc) & (obs["row_label"] == row)]
    return o[o["column_label"] == col]["value"].tolist()


def test_header_cells_and_rows(parsed):
    obs, _ = parsed
    # dev_03: header "Kommun/Region", "Bistånds-hushåll", … then "Luleå", "1 294", "71 520", …
    assert cell(obs, "dev_03", "Luleå", "Bistånds-hushåll") == [1294.0]
    assert cell(obs, "dev_03", "Luleå", "Utbetalt ekonomiskt bistånd (tkr)") == [71520.0]
    assert cell(obs, "dev_03", "Riket", "Utbetalt ekonomiskt bistånd (tkr)") == [11955560.0]
    first = obs[obs["source"].str.startswith("dev_03") & (obs["row_label"] == "Arjeplog")]
    assert first["line"].tolist()[:4] == [36, 38, 40, 42]  # 42, 1 350, 32 148, 491: own lines
    # the first table ends at "Riket"; "Källa: Socialstyrelsen" is no row
    assert not (obs["row_label"] == "Källa: Socialstyrelsen").any()


def test_years_as_header_cells_and_missing_values(parsed):
    obs, report = parsed
    boden = obs[obs["source"].str.startswith("dev_03") & (obs["row_label"] == "Boden")]
    series = boden[boden["year"].notna()].set_index("year")["value"].to_dict()
    assert series[2010] == 701.0 and series[2013] == 608.0 and series[2020] == 573.0
    assert 2012 not in series and 2019 not in series  # printed ".."
    missing = report[report["source"].str.startswith("dev_03") & (report["cell_text"] == "..")]
    assert missing["reason"].tolist() == ["uppgift saknas enligt cellen"] * 2


def test_negative_changes(parsed):
    obs, _ = parsed
    assert cell(obs, "dev_09", "Platser på HVB", "Förändring den senaste månaden") == [-1738.0]
    assert cell(obs, "dev_09", "Stödboenden", "Totalt antal") == [473.0]
    assert cell(obs, "dev_09", "Platser på stödboenden", "Totalt antal") == [6777.0]


def test_a_label_ending_in_an_abbreviation_is_a_row_not_a_sentence(tmp_path):
    # Västervik's driftsredovisning (round two, dev_21): "OF, omsorg & stöd,
    # funktionsneds." ends in a point, and its seven cells are numbers: a row, and the
    # rows after it are read too (they were neither read nor reported)
    src = (
        Path(__file__).parent / "corpus" / "round2" / "dev_21_vastervik_driftsredovisning_2020.txt"
    )
    (tmp_path / src.name).write_bytes(src.read_bytes())
    o = parse([tmp_path]).observations
    of = o[o["row_label"] == "OF, omsorg & stöd, funktionsneds."]
    assert of["value"].tolist() == [43.3, 44.4, -298.6, -304.5, -260.1, -263.4, 3.3]
    assert of["column_label"].tolist()[0] == "Intäkter 2019"
    assert int(o["line"].max()) == 410


# A web page's table copied as text where not every cell kept a paragraph of its own
# (Västervik's driftsredovisning and noter 2021 as the stored pages give them,
# tests/corpus/found): the header's cells ran together on one line right above the
# first row's label, and a row's values are each a paragraph or the rest of the row on
# one line, the next label right under them.
RUN_TOGETHER = (
    "Driftsredovisning, kommunen\n\n"
    "mnkr Intäkter 2020Intäkter 2021Kostnader 2020Kostnader 2021Avvikelse mot budget 2021\n"
    "Kommunstyrelse\n\n281,9\n\n283,1\n\n-697,8\n\n-693,8\n\n4,4\n\n"
    "Samhällsbyggnad\n\n48,0\n\n48,3\n\n -165,3  -173,1 -13,2\n"
    "Kultur\n\n6,5\n\n 6,6  -59,3  -60,1  1,6\n"
    "Uttag ur resultatutjämningsfond   0,0   -8,7 8,7\n"
    "OF, omsorg & stöd, funktionsneds.\n\n44,4\n\n 43,8  -304,5  -308,4  3,2\n"
    "Miljö- och byggnadsnämnd\n\n15,3\n\n 15,0  -27,9  -29,3  1,1\n"
)


def test_a_header_run_together_above_rows_of_paragraphs_and_lines(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "drift.txt").write_text(RUN_TOGETHER, encoding="utf-8")
    r = parse([d])
    obs = r.observations
    assert cell(obs, "drift", "Kommunstyrelse", "Kostnader 2021") == [-693.8]
    assert cell(obs, "drift", "Samhällsbyggnad", "Intäkter 2021") == [48.3]
    assert cell(obs, "drift", "Samhällsbyggnad", "Kostnader 2021") == [-173.1]
    assert cell(obs, "drift", "Kultur", "Avvikelse mot budget 2021") == [1.6]
    # a label ending in an abbreviation's point is a row's label, not a sentence
    assert cell(obs, "drift", "OF, omsorg & stöd, funktionsneds.", "Kostnader 2020") == [-304.5]
    # after a row whose values do not fill the columns the table goes on
    assert cell(obs, "drift", "Miljö- och byggnadsnämnd", "Kostnader 2021") == [-29.3]
    assert set(obs[obs["row_label"] == "Kultur"]["year"]) == {2020, 2021}
    assert set(obs["unit"]) == {"mnkr"}
    # the row of three values under five columns is never guessed into columns: said
    assert not obs["row_label"].str.startswith("Uttag").any()
    unread = r.report[r.report["reason"] == "tabellrad som inte lästes"]
    assert unread["line"].tolist() == [28]


def test_columns_named_by_entity_and_balance_date(tmp_path):
    # noter: 'kommunen 2021-12-31 … koncernen 2020-12-31', '-' for no value, thousands
    # spaced or not ('2748,6' beside '2 690,0'), a heading with its note's number after
    text = (
        "1 Verksamhetens intäkter\n\n"
        "mnkr kommunen 2021-12-31 kommunen 2020-12-31 koncernen 2021-12-31 koncernen 2020-12-31\n"
        "Försäljningsintäkter\n\n11,2\n\n 15,4  55,5\n\n 105,6\n\n"
        "Avskrivning immateriella tillgångar\n\n -\n\n -  0,9  0,9\n"
        "Summa\n\n2748,6\n\n2 690,0 3006,7 2 906,4\n\n \n\n"
        "2 Verksamhetens kostnader\n\n"
    )
    d = tmp_path / "docs"
    d.mkdir()
    (d / "noter.txt").write_text(text, encoding="utf-8")
    r = parse([d])
    obs = r.observations
    assert cell(obs, "noter", "Försäljningsintäkter", "koncernen 2020-12-31") == [105.6]
    assert cell(obs, "noter", "Summa", "kommunen 2021-12-31") == [2748.6]
    assert cell(obs, "noter", "Summa", "koncernen 2021-12-31") == [3006.7]
    assert cell(obs, "noter", "Summa", "koncernen 2020-12-31") == [2906.4]
    assert cell(obs, "noter", "Avskrivning immateriella tillgångar", "koncernen 2021-12-31") == [
        0.9
    ]
    said = r.report[r.report["row_label"] == "Avskrivning immateriella tillgångar"]
    assert said["reason"].tolist() == ["uppgift saknas enligt cellen"] * 2
    assert set(obs[obs["row_label"] == "Summa"]["year"]) == {2020, 2021}
    assert not (obs["row_label"] == "2 Verksamhetens kostnader").any()


# A table flattened to one cell per line with no blank line between (a PDF's text as a
# document site stores it: Socialstyrelsen's placements of children 2014 as studylib
# gives them, tests/corpus/found): the header's cells, then each row's label and its
# values, a line each (readers.cellrun.read_packed)
PACKED = (
    "Placeringar\n\n"
    "Under året placerades fler barn i familjehem än tidigare, främst i de yngre åldrarna.\n"
    "Tabell 2. Placerade barn efter insats under 2023\n"
    "Antal barn\n"
    "Åldersgrupp\nFamiljehem\nHVB\n"
    "0–6 år\n120\n15\n"
    "7–12 år\n98\n22\n"
    "13–17 år\n1 143\n87\n"
    "1 361\n124\nTotalt\n"
    "Källa: nämndens verksamhetssystem\n"
)


def _observed(tmp_path, text):
    p = tmp_path / "packed.txt"
    p.write_text(text, encoding="utf-8")
    r = parse([p])
    return r.observations, r.report


def test_a_table_one_cell_a_line_without_blank_lines(tmp_path):
    o, report = _observed(tmp_path, PACKED)
    got = o[o["table"].str.startswith("Tabell 2.", na=False)]
    assert got[["row_label", "column_label", "value"]].values.tolist() == [
        ["0–6 år", "Familjehem", 120.0], ["0–6 år", "HVB", 15.0],
        ["7–12 år", "Familjehem", 98.0], ["7–12 år", "HVB", 22.0],
        ["13–17 år", "Familjehem", 1143.0], ["13–17 år", "HVB", 87.0],
        # the total's values stand before its label: read as its row, and said
        ["Totalt", "Familjehem", 1361.0], ["Totalt", "HVB", 124.0],
    ]  # fmt: skip
    # the caption opens on the table's number over the lines above the header: its year
    assert set(got["year"]) == {2023}
    assert set(got["unit"]) == {"antal"}
    said = report[report["reason"] == "radens namn står efter dess värden: läses som en rad"]
    assert said["line"].tolist() == [20]


def test_a_header_name_broken_around_the_others_is_the_last_columns(tmp_path):
    # 'Omedelbart omhändertagande' / 'Åldersgrupp' / 'SoL-vård' / 'LVU-vård' / 'enligt LVU':
    # the tall cell's first line before the others, its last after them, in lower case
    text = PACKED.replace(
        "Åldersgrupp\nFamiljehem\nHVB\n", "Placerade på HVB\nÅldersgrupp\nFamiljehem\nenligt SoL\n"
    )
    o, report = _observed(tmp_path, text)
    cols = o[o["row_label"] == "0–6 år"]["column_label"].tolist()
    assert cols == ["Familjehem", "Placerade på HVB enligt SoL"]
    said = report[report["reason"].str.startswith("kolumnrubrik i två rader")]
    assert said["cell_text"].tolist() == ["enligt SoL"]


def test_a_row_with_a_value_too_many_is_not_read_into_the_columns(tmp_path):
    # '13–17 år' with three values under two columns: neither it nor a row after it is
    # read (its values are said), the rows above it are
    text = PACKED.replace("13–17 år\n1 143\n87\n", "13–17 år\n1 143\n87\n5\n")
    o, report = _observed(tmp_path, text)
    assert sorted(set(o[o["table"].str.startswith("Tabell 2.", na=False)]["row_label"])) == [
        "0–6 år", "7–12 år",
    ]  # fmt: skip
    assert not (o["value"] == 1143.0).any()
    said = report[report["reason"].str.startswith("raden har fler värden")]
    # its values and the run of values after them, up to the next label, each said
    assert said[["line", "cell_text"]].values.tolist() == [
        [16, "1 143"], [17, "87"], [18, "5"], [19, "1 361"], [20, "124"],
    ]  # fmt: skip


def test_short_lines_of_prose_and_names_are_no_packed_table(tmp_path):
    # a list of names, then a line of one number: no table (fewer than two rows)
    text = "Ledamöter\n\nAnna Andersson\nBo Berg\nCecilia Ek\n12\n\nSlut.\n"
    o, _ = _observed(tmp_path, text)
    assert o.empty or not o["table"].str.startswith("Ledamöter", na=False).any()
