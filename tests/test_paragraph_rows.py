"""Tables whose rows are each a paragraph, as a site that stores a PDF's text gives them
(5dok's copy of a nämnd's prognosrapport: every line between blank lines), and web pages
whose cells run together: the rules found on real documents of tests/corpus/found
(okand_bun_prognosrapport_april_5dok.txt, helsingborg_driftsredovisning_2016_webb.txt),
each on a table built here."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse
from sonanalys.readers.cellrun import GLUED, GLUED_UNREAD
from sonanalys.readers.spaced import HEADER_REPEATED

HEADER = "Budget Periodutfall Utfall_proc Prognos apr Avvikelse"


def _parse(tmp_path: Path, text: str, name: str = "rapport.txt"):
    d = tmp_path / "docs"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return parse([d])


def _double_spaced(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def _row(o, label: str) -> list[tuple[str, float]]:
    rows = o[o["row_label"] == label]
    return list(zip(rows["column_label"], rows["value"], strict=True))


def test_a_table_printed_one_row_a_paragraph_reads_with_labels_over_its_first_row(tmp_path):
    # each row between blank lines; the nämnd's name wraps over two lines between the
    # header and the first row, and a label wraps over two paragraphs ('Barn- och' /
    # 'utbildningskontoret 25 938 …'). The rows were taken as headings and lost unsaid.
    # Netto's eleven digit groups split so in one way only where Avvikelse = Budget -
    # Prognos apr, as in the two rows under it
    r = _parse(
        tmp_path,
        _double_spaced(
            [
                "Prognosrapport BUN Riktpunkt 33,3%",
                HEADER,
                "BARN- OCH",
                "UNGDOMSNÄMNDEN",
                "Netto 1 562 700 521 810 33 1 570 543 -7 843",
                "- varav kostnader 1 739 519 577 987 33 1 747 436 -7 917",
                "- varav intäkter -176 819 -56 177 32 -176 893 74",
                "Netto per",
                "verksamhetsområde",
                "Politisk verksamhet 2 500 796 32 2 412 88",
                "Fritidsgårdar 6 700 2 180 33 6 667 33",
                "Öppen förskola 5 598 214 4 5 644 -46",
                "Barn- och",
                "utbildningskontoret 25 938 10 547 41 25 934 4",
                "Grundsärskola 43 175 12 640 29 41 320 1 855",
            ]
        ),
    )
    o = r.observations
    names = ["Budget", "Periodutfall", "Utfall_proc", "Prognos apr", "Avvikelse"]

    def named(values: list[int]) -> list[tuple[str, int]]:
        return list(zip(names, values, strict=True))

    assert _row(o, "Politisk verksamhet") == named([2500, 796, 32, 2412, 88])
    assert _row(o, "Öppen förskola") == named([5598, 214, 4, 5644, -46])
    assert _row(o, "Barn- och utbildningskontoret") == named([25938, 10547, 41, 25934, 4])
    assert _row(o, "Netto") == named([1562700, 521810, 33, 1570543, -7843])
    # '33,3%' in the caption is that number's own unit, never the table's
    assert set(o[o["row_label"] == "Netto"]["unit"]) == {""}
    assert not (r.report["reason"] == "tabellrad som inte lästes").any()


def test_a_line_that_ends_in_numbers_is_no_heading(tmp_path):
    # a row alone between blank lines, in no table: said as a table row not read (it was
    # a heading, its numbers in neither the observations nor the report); a heading that
    # ends in one number grouped by a space stays a heading
    r = _parse(
        tmp_path,
        _double_spaced(
            [
                "Nettoöverskott på 300 000",
                "Årets budgetprognos för socialnämnden är 300 000 kronor.",
                "Fritidsgårdar 6 700 2 180 33 6 667 33",
            ]
        ),
    )
    said = r.report[r.report["reason"] == "tabellrad som inte lästes"]
    assert said["cell_text"].tolist() == ["Fritidsgårdar 6 700 2 180 33 6 667 33"]
    assert r.observations["section"].tolist() == ["Nettoöverskott på 300 000"]


def test_a_deviation_column_decides_how_a_rows_numbers_split(tmp_path):
    # Avvikelse = Budget - Prognos in every row: '32 909 36 148 110 26 494 6 415' reads
    # one way only so (32 909 | 36 148 | 110 | 26 494 | 6 415); before, it was said as
    # ambiguous and its label stood as a section over the rows below it
    body = [
        "Fritidsgårdar -1 240 110 -9 -1 242 2",
        "Öppen förskola -57 -641 1 117 -57 0",
        "Förskola 5 315 4 052 76 7 570 -2 254",
        "Fritidshem -37 180 -11 683 31 -36 084 -1 096",
        "Förskoleklass 3 218 1 403 44 2 595 623",
        "Grundskola 32 909 36 148 110 26 494 6 415",
        "Grundsärskola -2 965 -1 451 49 -3 905 940",
        "Övriga verksamheter 0 282 0 0 0",
        "Diff/felkonteringar 0 4 0 13 -13",
    ]
    text = "Prognos per verksamhet\n\n" + HEADER + "\nNetto per\nverksamhetsområde\n"
    r = _parse(tmp_path, text + "\n".join(body) + "\n")
    o = r.observations
    assert [v for _, v in _row(o, "Grundskola")] == [32909, 36148, 110, 26494, 6415]
    assert set(o["section"]) == {""}
    assert not r.report["reason"].str.startswith("tvetydig").any()


def test_a_header_printed_again_among_the_rows_is_no_row_and_no_section(tmp_path):
    r = _parse(
        tmp_path,
        _double_spaced(
            [
                HEADER,
                "Politisk verksamhet 2 500 796 32 2 412 88",
                "Fritidsgårdar 6 700 2 180 33 6 667 33",
                HEADER,
                "Förskola 5 315 4 052 76 7 570 -2 254",
                "Förskoleklass 3 218 1 403 44 2 595 623",
            ]
        ),
    )
    o = r.observations
    assert [v for _, v in _row(o, "Förskola")] == [5315, 4052, 76, 7570, -2254]
    assert set(o["section"]) == {""}
    said = r.report[r.report["reason"] == HEADER_REPEATED]
    assert said[["line", "cell_text"]].values.tolist() == [[7, HEADER]]


def test_values_under_their_own_column_names_are_no_row_of_the_table_above(tmp_path):
    # 'Investeringar' / 'Årsbudget Årsprognos Avvikelse' / '-8 000 -13 500 -5 500' under a
    # table of five columns: a small table of its own; its three values were split into
    # the five (-8 000, -13, 500, -5, 500) under the names above, then said and not read.
    # Now read as a table of one row under its own names, the name above it its label
    # (spaced.read_one_row)
    r = _parse(
        tmp_path,
        _double_spaced(
            [
                HEADER,
                "Politisk verksamhet 2 500 796 32 2 412 88",
                "Fritidsgårdar 6 700 2 180 33 6 667 33",
                "Investeringar",
                "Årsbudget Årsprognos Avvikelse",
                "-8 000 -13 500 -5 500",
            ]
        ),
    )
    o = r.observations
    row = o[o["line"] == 11]
    assert row[["row_label", "column_label", "value"]].values.tolist() == [
        ["Investeringar", "Årsbudget", -8000.0],
        ["Investeringar", "Årsprognos", -13500.0],
        ["Investeringar", "Avvikelse", -5500.0],
    ]
    assert len(o[o["row_label"] == "Fritidsgårdar"]) == 5
    assert r.report[r.report["line"] == 11].empty


def test_a_one_row_table_with_its_label_in_the_row(tmp_path):
    # the row names itself: a stub's name first in the header, or none
    text = "Budgetram\n\nVerksamhet Budget 2024 Prognos 2024\nFörsörjningsstöd 41 200 44 900\n"
    o = _parse(tmp_path, text).observations
    assert o[["row_label", "column_label", "value"]].values.tolist() == [
        ["Försörjningsstöd", "Budget 2024", 41200.0],
        ["Försörjningsstöd", "Prognos 2024", 44900.0],
    ]


def test_no_one_row_table_without_a_name_or_a_second_value(tmp_path):
    # values alone with no name above the header, and one value beside a line of words,
    # are no table of one row (the numbers are said, never placed)
    text = (
        "Det här är en mening om budgeten.\n"
        "Årsbudget Årsprognos Avvikelse\n"
        "-8 000 -13 500 -5 500\n\n"
        "Kommunal statistik 1871-2010\n\n"
        "Kostnader för socialvård per person 1996\n"
    )
    r = _parse(tmp_path, text)
    assert not (r.observations["column_label"] == "Årsprognos").any()
    assert (r.report["cell_text"] == "-8 000 -13 500 -5 500").any()
    assert not (r.observations["value"] == 1996).any()


def test_cells_run_together_are_said_not_read_under_a_header_of_digits(tmp_path):
    # a web page's table as the search index stores it: each row's cells run together
    # ('Stadsbyggnadsnämnden24,6-8,0523,2304,0'), the rest of the row on the lines
    # below. '-31,285,4' (two cells run together) was taken as a header of one column
    # name and '-795,6' read under it; a line with no word names no column
    r = _parse(
        tmp_path,
        "Driftsredovisning 2016, mnkr\n"
        "Barn- och utbildningsnämnden149,4-32,72 903,2536,1-3 503,2\n"
        "-31,285,4\n"
        "Vård- och omsorgsnämnden39,8-24,91 619,5251,1\n"
        "-1 898,5\n"
        "-3,011,9\n"
        "Stadsbyggnadsnämnden24,6-8,0523,2304,0\n"
        "-795,6\n"
        "39,556,1\n"
        "Arbetsmarknadsnämnden56,2-5,5460,2195,7\n"
        "-653,3\n"
        "8,158,8\n",
    )
    assert r.observations.empty
    assert set(r.report["line"]) >= {4, 5, 8, 11}


GLUED_TABLE = (
    "Driftsredovisning 2016, mnkr\n"
    "\n"
    " Ingående\n"
    "redovisat\n"
    "resultat 1)\n"
    "Disposition av\n"
    "resultat\n"
    "\n"
    "Kommunbidrag 2)\n"
    "\n"
    "Intäkter\n"
    "Kostnader\n"
    "Årets resultat\n"
    "Utgående\n"
    "redovisat\n"
    "resultat\n"
    "Nämnder\n"
    "Barn- och utbildningsnämnden149,4-32,72 903,2536,1-3 503,2\n"
    "-31,285,4\n"
    "Socialnämnden11,80,0470,1248,6\n"
    "-697,0\n"
    "21,633,4\n"
    "Valnämnden2,90,00,30,0-0,30,13,0\n"
    "Summa nämnder163,9-32,73 373,6785,0-4 200,5\n"
    "-9,6121,6\n"
)


def test_cells_run_together_read_with_one_decimal_each_under_the_header_above(tmp_path):
    # Helsingborg's driftsredovisning as the search index stores the page: the header's
    # seven cells a line or three each above the first row (a line in lower case goes on
    # the cell above), every row's cells run together, each value with one decimal, the
    # rest of the row on the lines below. With one decimal to every value, a run splits
    # one way only; each row is said as read so (info)
    r = _parse(tmp_path, GLUED_TABLE)
    o = r.observations
    social = o[o["row_label"] == "Socialnämnden"]
    assert social[["column_label", "value", "line"]].values.tolist() == [
        ["Ingående redovisat resultat 1)", 11.8, 20],
        ["Disposition av resultat", 0.0, 20],
        ["Kommunbidrag 2)", 470.1, 20],
        ["Intäkter", 248.6, 20],
        ["Kostnader", -697.0, 21],
        ["Årets resultat", 21.6, 22],
        ["Utgående redovisat resultat", 33.4, 22],
    ]
    assert set(social["unit"]) == {"mnkr"} and set(social["year"]) == {2016}
    assert set(social["section"]) == {"Nämnder"}
    bun = o[o["row_label"] == "Barn- och utbildningsnämnden"]["value"].tolist()
    assert bun == [149.4, -32.7, 2903.2, 536.1, -3503.2, -31.2, 85.4]
    assert o[o["row_label"] == "Valnämnden"]["value"].tolist() == [
        2.9, 0.0, 0.3, 0.0, -0.3, 0.1, 3.0
    ]  # fmt: skip
    said = r.report[r.report["reason"] == GLUED]
    assert said["line"].tolist() == [18, 20, 23, 24]


def test_a_glued_row_that_gives_another_count_of_values_is_said_not_read(tmp_path):
    # the same table with a row whose run gives six values, not seven: never fitted
    text = GLUED_TABLE.replace("Valnämnden2,90,00,30,0-0,30,13,0", "Valnämnden2,90,00,30,0-0,30,1")
    r = _parse(tmp_path, text)
    assert not (r.observations["row_label"] == "Valnämnden").any()
    said = r.report[r.report["reason"] == GLUED_UNREAD]
    assert said["line"].tolist() == [23]
