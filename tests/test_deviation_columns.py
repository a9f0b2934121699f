"""A column the header calls "Resultat" is read as utfall, unless the table's own
arithmetic shows it to be the difference of two of its columns: then it is a deviation
(avvikelse), and the report says of which columns. A result that is a sum (income plus
negative costs) and a row "Årets resultat" stay as their headers say."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse

TEXT = Path(__file__).parent / "corpus" / "text"
DEV01 = TEXT / "dev_01_upplandsvasby_manadsrapport_resultat.txt"
DEV08 = TEXT / "dev_08_okand_kommunstyrelsen_bokslut2012_driftsredovisning.txt"


def _parse(tmp_path: Path, *sources: Path, text: str = ""):
    d = tmp_path / "docs"
    d.mkdir()
    for src in sources:
        (d / src.name).write_bytes(src.read_bytes())
    if text:
        (d / "resultat.txt").write_text(text, encoding="utf-8")
    return parse([d])


def _kinds(o, table_id: str, column: str) -> dict[str, str]:
    t = o[(o["table_id"] == table_id) & (o["column_label"] == column)]
    return dict(zip(t["row_label"], t["value_kind"], strict=True))


def test_dev08_resultat_is_utfall_less_budget(tmp_path):
    # dev_08 line 9, "Resultaträkning (mnkr) Utfall Årsbudget Resultat …": 125,2 − 94,4
    # = 30,8; −575,5 − (−549,5) = −26,0; −450,3 − (−455,1) = 4,8 printed 4,9 (within
    # rounding) … and "Sektor/enhet Utfall Årsbudget Resultat": 30,69 − 28,17 = 2,52 …,
    # budget less outcome there. Both "Resultat" columns are deviations
    res = _parse(tmp_path, DEV08)
    o = res.observations
    o = o[o["source"] == DEV08.name]
    t01 = _kinds(o, "T01", "Resultat")
    assert len(t01) == 7 and set(t01.values()) == {"avvikelse"}
    t02 = _kinds(o, "T02", "Resultat")
    assert len(t02) == 5 and set(t02.values()) == {"avvikelse"}
    # the row "Årets resultat" is a row: its outcome utfall, its budget budget
    row = o[(o["table_id"] == "T01") & (o["row_label"] == "Årets resultat")]
    assert row["value_kind"].tolist() == ["utfall", "budget", "avvikelse", "utfall", "utfall"]
    assert row["value"].tolist() == [5.2, 0.0, 5.2, 2.0, 1.1]
    assert set(_kinds(o, "T02", "Årsbudget").values()) == {"budget"}
    said = res.report[res.report["reason"].str.startswith("kolumnen 'Resultat' är")]
    assert said["reason"].str.extract(r"är '(\w+)' minus '(\w+)'").values.tolist() == [
        ["Utfall", "Årsbudget"],
        ["Årsbudget", "Utfall"],
    ]


def test_a_result_that_is_a_sum_stays_utfall(tmp_path):
    # intäkter plus (negative) kostnader, as Göteborg's "Resultat period" and dev_01's
    # "Resultat" (2,4 − 1,9 = 0,5): the period's result, no deviation
    res = _parse(
        tmp_path,
        DEV01,
        text="Resultat per verksamhet 2024, mnkr\n\n"
        "| Verksamhet | Intäkter | Kostnader | Resultat |\n|---|---|---|---|\n"
        "| Barn och unga | 20,5 | -13,7 | 6,8 |\n"
        "| Vuxna | 7,7 | -7,5 | 0,2 |\n"
        "| Ekonomiskt bistånd | 7,6 | -6,9 | 0,7 |\n"
        "| Summa | 35,8 | -28,1 | 7,7 |\n",
    )
    o = res.observations
    own = o[o["source"] == "resultat.txt"]
    assert set(_kinds(own, "T01", "Resultat").values()) == {"utfall"}
    dev01 = o[(o["source"] == DEV01.name) & (o["column_label"] == "Resultat")]
    assert len(dev01) == 13 and set(dev01["value_kind"]) == {"utfall"}
    assert not res.report["reason"].str.startswith("kolumnen 'Resultat' är").any()


def test_a_resultatrakning_keeps_its_result_rows(tmp_path):
    # a resultaträkning: "Årets resultat" is a row, its columns years
    res = _parse(
        tmp_path,
        text="Resultaträkning, mnkr\n\n"
        "| Post | Utfall 2022 | Utfall 2023 |\n|---|---|---|\n"
        "| Verksamhetens intäkter | 125,2 | 130,1 |\n"
        "| Verksamhetens kostnader | -575,5 | -590,2 |\n"
        "| Verksamhetens nettokostnader | -450,3 | -460,1 |\n"
        "| Kommunbidrag | 455,0 | 462,0 |\n"
        "| Årets resultat | 4,7 | 1,9 |\n",
    )
    o = res.observations
    row = o[o["row_label"] == "Årets resultat"]
    assert row["value_kind"].tolist() == ["utfall", "utfall"]
    assert set(o["value_kind"]) == {"utfall"}


def test_kinds_of_compound_and_broken_headers():
    from sonanalys.labels import value_kind_of

    assert value_kind_of("Årsbudget") == "budget"  # dev_08
    assert value_kind_of("Helårsbudget 2024") == "budget"
    assert value_kind_of("Budgetavvikelse") == "avvikelse"
    # a PDF cell that breaks the word over two lines (Göteborg's T07)
    assert value_kind_of("Budgetav vikelse") == "avvikelse"
    assert value_kind_of("Ombudgetering") == ""


def test_goteborg_budget_deviation_broken_over_two_lines(tmp_path):
    # Göteborg's delårsrapport, "Resultatuppföljning … period": the header cell
    # "Budgetav"/"vikelse" (broken without a hyphen) reads "Budgetavvikelse"; its
    # figures are the costs' deviation (−13,7 − (−20,7) = 7,0 for Ekonomi; 26,1 in
    # all), not a budget
    src = (
        Path(__file__).parent
        / "corpus"
        / "pdf"
        / "goteborg_intraservice_delarsrapport_2026_mars.pdf"
    )
    o = _parse(tmp_path, src).observations
    t = o[o["column_label"] == "Budgetavvikelse"]
    assert len(t) == 14 and set(t["value_kind"]) == {"avvikelse"}
    assert t[t["row_label"] == "Totalt"]["value"].tolist() == [26.1]
    assert t[t["row_label"].str.endswith("Ekonomi")]["value"].tolist() == [7.0]
