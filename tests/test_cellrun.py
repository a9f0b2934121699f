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
