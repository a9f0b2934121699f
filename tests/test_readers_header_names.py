"""A header that names its columns with numbered names (``Åk 7``, ``Grupp 1``, ``Konto
3000``) over rows of bare numbers: the first row is the header and its numbers are part
of the names, said as header numbers, never read as a row of values."""

from __future__ import annotations

from pathlib import Path

from tests.found import document

from sonanalys.conservation import IN_TABLE_HEADER
from sonanalys.observations import parse


def _parse(tmp_path: Path, name: str, text: str):
    d = tmp_path / "docs"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return parse([d])


def test_school_years_as_column_names(tmp_path):
    r = _parse(tmp_path, "ak.csv", "Skola;Åk 7;Åk 8;Åk 9\nNorra;120;130;125\nSödra;80;85;90\n")
    o = r.observations
    assert o["row_label"].tolist() == ["Norra"] * 3 + ["Södra"] * 3
    assert o["column_label"].tolist() == ["Åk 7", "Åk 8", "Åk 9"] * 2
    assert o["value"].tolist() == [120, 130, 125, 80, 85, 90]
    said = r.report[r.report["reason"] == IN_TABLE_HEADER]
    assert said["line"].tolist() == [1]


def test_accounts_as_column_names(tmp_path):
    r = _parse(
        tmp_path,
        "konto.csv",
        "Verksamhet;Konto 3000;Konto 4000\nHVB;120;130\nFamiljehem;80;85\nSumma;200;215\n",
    )
    o = r.observations
    assert o["column_label"].tolist()[:2] == ["Konto 3000", "Konto 4000"]
    assert 3000 not in o["value"].tolist()
    assert o[o["row_label"] == "Summa"]["is_root"].all()


def test_a_first_row_of_amounts_with_units_stays_data(tmp_path):
    # '120 tkr' is an amount with its unit, not a name: the row is data
    r = _parse(tmp_path, "u.csv", "Kostnad;120 tkr;130 tkr\nHVB;100;110\nSiS;20;20\n")
    assert 120 in r.observations["value"].tolist()


def test_numbered_rows_below_are_no_header(tmp_path):
    # the same names in the rows below (a list of groups, not a header over numbers)
    r = _parse(tmp_path, "g.csv", "Enhet;Grupp 1;Grupp 2\nA;Grupp 3;Grupp 4\nB;5;6\n")
    assert "Grupp 1" not in r.observations["column_label"].tolist()


def test_period_codes_in_a_header_are_said():
    # Tillväxtanalys' header of period codes (200701 …): header, and now said as such
    r = parse([document("tillvaxtanalys_nystartade_foretag_kvartal_2007_2021.xlsx")])
    said = r.report[r.report["reason"] == IN_TABLE_HEADER]
    assert sorted(zip(said["sheet"], said["line"], strict=True)) == [("Kommun", 1), ("Län", 1)]


def test_numbered_subtotals_are_labels(tmp_path):
    # a summary of the areas' subtotals ('Summa område 1' …) and their total: names
    # that end in a number, not values (a sum's word right before a number, 'Summa 12',
    # is one)
    r = _parse(
        tmp_path,
        "s.csv",
        "Verksamhet;Budget 2025;Utfall 2025\nSumma område 1;120;118\n"
        "Summa område 2;80;85\nSumma område 3;40;39\nTotalt;240;242\n",
    )
    o = r.observations
    assert o["row_label"].tolist()[::2] == [
        "Summa område 1", "Summa område 2", "Summa område 3", "Totalt",
    ]  # fmt: skip
    assert o["value"].tolist() == [120, 118, 80, 85, 40, 39, 240, 242]
    top = o[o["row_label"] == "Totalt"]
    assert top["is_root"].all() and top["total_of"].eq("0;1;2").all()
