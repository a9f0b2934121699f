"""Layouts economists receive, each on rows quoted from real documents (the lines #11
quotes from public delårsrapporter, budgets and statistics): code-prefixed labels, a
minus printed apart, glued and small-caps headers, a header over two lines in
space-separated text, a label–value list under its caption, counted nouns in prose."""

from __future__ import annotations

import pytest

from sonanalys.observations import parse
from sonanalys.tables import MINUS_APART


@pytest.fixture
def read(tmp_path):
    def go(name: str, text: str):
        (tmp_path / name).write_text(text, encoding="utf-8")
        r = parse([tmp_path / name])
        return r.observations, r.report

    return go


def test_a_code_before_the_label_belongs_to_the_label(read):
    obs, _ = read(
        "koder.txt",
        "Driftredovisning per verksamhet, tkr\n\n"
        "Verksamhet\tBudget 2018\tUtfall 2018\tAvvikelse\n"
        "100 Politisk verksamhet\t-12 500\t-12 100\t400\n"
        "551 Missbruksvård vuxna\t-109 250\t-111 000\t-1 750\n",
    )
    assert obs["row_label"].unique().tolist() == [
        "100 Politisk verksamhet",
        "551 Missbruksvård vuxna",
    ]
    assert 100.0 not in obs["value"].tolist() and 551.0 not in obs["value"].tolist()
    row = obs[obs["row_label"] == "551 Missbruksvård vuxna"]
    assert row["value"].tolist() == [-109250.0, -111000.0, -1750.0]


def test_a_code_column_is_part_of_the_labels(read):
    obs, _ = read(
        "kodkolumn.txt",
        "Konto\tVerksamhet\tBudget 2018\tUtfall 2018\n"
        "551\tMissbruksvård vuxna\t-109 250\t-111 000\n"
        "552\tBarn och unga\t-88 000\t-90 100\n",
    )
    assert obs["row_label"].unique().tolist() == [
        "551 / Missbruksvård vuxna",
        "552 / Barn och unga",
    ]
    assert obs["value"].tolist() == [-109250.0, -111000.0, -88000.0, -90100.0]


def test_a_minus_printed_apart_by_the_whole_table_is_a_minus(read):
    # "– 4 646": every negative of the table printed so, none glued
    obs, report = read(
        "minus.txt",
        "Resultaträkning, tkr\n\nPost\tUtfall 2019\tBudget 2019\tAvvikelse\n"
        "Intäkter\t10 135\t11 251\t– 1 116\n"
        "Kostnader\t– 4 646\t– 3 200\t– 1 446\n",
    )
    kost = obs[obs["row_label"] == "Kostnader"]
    assert kost["value"].tolist() == [-4646.0, -3200.0, -1446.0]
    said = report[report["reason"] == MINUS_APART]
    assert said["token"].tolist() == ["– 1 116", "– 4 646", "– 3 200", "– 1 446"]
    assert set(said["severity"]) == {"info"}


def test_a_stray_minus_apart_among_glued_ones_is_reported_not_read(read):
    # "- 6 279" among "-6 827": the table's convention is the glued sign; this one is
    # a warning, never a guess
    obs, report = read(
        "minus2.txt",
        "Post\tUtfall 2019\tBudget 2019\nKostnader\t-6 827\t- 6 279\nÖvrigt\t-1 200\t-1 100\n",
    )
    assert obs[obs["row_label"] == "Kostnader"]["value"].tolist() == [-6827.0]
    w = report[report["token"] == "- 6 279"]
    assert w["reason"].tolist() == ["tecken skilt från talet: oklart om minus"]
    assert w["severity"].tolist() == ["warning"]


def test_glued_and_small_caps_headers(read):
    obs, _ = read(
        "rubriker.txt",
        "Nettokostnad per verksamhet (mnkr)\n\nVerksamhet\tUtfall2013\tBudget2014\n"
        "Barn och unga\t120,5\t118,0\nTOTaLT, dRIFT\t200,6\t197,0\n",
    )
    assert obs["column_label"].unique().tolist() == ["Utfall 2013", "Budget 2014"]
    assert obs["year"].unique().tolist() == [2013, 2014]
    assert obs[obs["row_label"] == "TOTALT, DRIFT"]["value"].tolist() == [200.6, 197.0]


def test_a_space_separated_header_over_two_lines(read):
    # "Budget Budget Utfall" over "2018 jan-apr 2018 jan-apr 2018"
    obs, report = read(
        "tvaradig.txt",
        "Driftredovisning, tkr\n\nVerksamhet Budget Budget Utfall\n"
        "2018 jan-apr 2018 jan-apr 2018\n"
        "VÅRD FÖR VUXNA MED MISSBRUKSPROBLEM 6 579 2 193 2 310\n"
        "Intäkter 10 135 3 378 3 751\n",
    )
    row = obs[obs["row_label"] == "VÅRD FÖR VUXNA MED MISSBRUKSPROBLEM"]
    assert row["column_label"].tolist() == [
        "Budget / 2018",
        "Budget / jan-apr 2018",
        "Utfall / jan-apr 2018",
    ]
    assert row["value"].tolist() == [6579.0, 2193.0, 2310.0]
    assert set(row["period"]) >= {"jan-apr"}
    assert not (report["severity"] == "warning").any()


def test_a_label_value_list_under_its_caption(read):
    obs, _ = read(
        "lista.txt",
        "Kostnad för ekonomiskt bistånd per invånare 2021, kr\n\n"
        "Eskilstuna 8 077\nVästerås 5 120\nÖrebro 6 335\nRiket 4 210\n",
    )
    assert obs["row_label"].tolist() == ["Eskilstuna", "Västerås", "Örebro", "Riket"]
    assert obs["value"].tolist() == [8077.0, 5120.0, 6335.0, 4210.0]
    assert obs["line"].tolist() == [3, 4, 5, 6]
    assert set(obs["table"]) == {"Kostnad för ekonomiskt bistånd per invånare 2021, kr"}


def test_prose_years_and_counted_nouns(read):
    obs, _ = read(
        "prosa.txt",
        "Socialnämnden, Vimmerby kommun\n\nEkonomiskt bistånd\n\n"
        "Nämnden beräknas göra ett underskott på ca 63 mnkr för år 2020. Under året har "
        "500 nya arbetsmarknadsplatser skapats och 14 åtgärder i 3 områden genomförts.\n",
    )
    got = sorted(zip(obs["value"], obs["unit"], obs["year"].astype(object), strict=True))
    assert got[0][:2] == (63.0, "mnkr") and got[0][2] == 2020
    assert got[1][:2] == (500.0, "antal")  # a counted noun: a count
    assert len(got) == 2  # "14 åtgärder i 3 områden" names no unit of a service
    assert set(obs["municipality"]) == {"Vimmerby"}


def test_a_sheet_with_two_tables_notes_and_numbers_stored_as_text(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IFO"
    for row in [
        ["Placeringar barn och unga, antal"],
        [],
        ["Placeringsform", "2022", "2023", "2024"],
        ["HVB", 41, 38, "35"],
        ["Familjehem", "1 120", "1 095", 1080],  # numbers stored as Swedish text
        ["Källa: verksamhetssystemet, uttag 2025-01-15"],
        [],
        ["Kostnad per vårddygn, kr"],
        [],
        ["Placeringsform", "2022", "2023", "2024"],
        ["HVB", "4 150,5", "4 380", "4 512,25"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "ifo.xlsx")
    r = parse([tmp_path])
    obs = r.observations
    first = obs[obs["table"] == "Placeringar barn och unga, antal"]
    assert first["value"].tolist() == [41.0, 38.0, 35.0, 1120.0, 1095.0, 1080.0]
    assert set(first["unit"]) == {"antal"}
    second = obs[obs["table"] == "Kostnad per vårddygn, kr"]
    assert second["value"].tolist() == [4150.5, 4380.0, 4512.25]
    assert set(second["unit"]) == {"kr/dygn"} and second["line"].tolist() == [11, 11, 11]
    assert set(obs["sheet"]) == {"IFO"} and r.report.empty


def test_a_footnote_mark_on_a_value(read):
    obs, report = read(
        "fotnot.txt",
        "Prognos per verksamhet, tkr\n\nVerksamhet\tBudget 2024\tPrognos 2024\tAvvikelse\n"
        "Barn och unga\t-52 000\t-52 400\t-400*\nVuxna\t-31 000\t-30 800\t200\n\n"
        "* Avser placeringar.\n",
    )
    cell = obs[(obs["row_label"] == "Barn och unga") & (obs["column_label"] == "Avvikelse")]
    assert cell["value"].tolist() == [-400.0] and cell["cell_text"].tolist() == ["-400*"]
    assert report.empty


def test_header_words_broken_over_two_rows():
    """A narrow column breaks a header word over two rows, with a hyphen or without one
    (``Avvik`` / ``else``): the column is named by the whole word. Two words stay two:
    ``Fg`` / ``prognos`` (an abbreviation), ``Utfall`` / ``period``."""
    from sonanalys.tables import columns_from_header

    header = [
        ["", "Period", "", "", "Helår", "", "Prognos-"],
        ["", "Utfall", "Avvik", "Bud", "Fg", "Utfall", "avvikelse"],
        ["", "period", "else", "get", "prognos", "", ""],
    ]
    labels = [c.label for c in columns_from_header(header, 7)]
    assert labels[1:] == [
        "Period / Utfall / period",
        "Period / Avvikelse",
        "Period / Budget",
        "Helår / Fg / prognos",
        "Helår / Utfall",
        "Prognosavvikelse",
    ]
