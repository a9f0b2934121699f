"""General header and value rules (issue 26 item 3), each on a small table printed the
way real exports and web pages print it: a CSV export with decimal points, indicator
names with digits in them, numbered row labels, terms under their years."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse


def _parse(tmp_path: Path, name: str, text: str, encoding: str = "utf-8"):
    d = tmp_path / "docs"
    d.mkdir(exist_ok=True)
    (d / name).write_bytes(text.encode(encoding))
    return parse([d])


KOLADA_EXPORT = (
    "Kommun;Nyckeltal;År;Visat Värde\n"
    "Eskilstuna;Kostnad individ- och familjeomsorg, kr/inv;2019;4789.999859\n"
    "Eskilstuna;Kostnad individ- och familjeomsorg, kr/inv;2020;4950.12\n"
    "Eskilstuna;Andel elever i åk. 9 som är behöriga, %;2020;78.5\n"
    "Eskilstuna;Invånare 21+ år, antal;2020;80123\n"
    "Linköping;Kostnad individ- och familjeomsorg, kr/inv;2019;5012.5\n"
)


def test_an_export_with_decimal_points_is_read_by_its_own_convention(tmp_path):
    # a Kolada-style CSV (cp1252, ';', decimal point with float noise): each point is a
    # decimal point, said once; the indicator's name is a label, its digits no values
    r = _parse(tmp_path, "kolada.csv", KOLADA_EXPORT, "cp1252")
    o = r.observations
    assert o["value"].tolist() == [4789.999859, 4950.12, 78.5, 80123.0, 5012.5]
    assert o["year"].tolist() == [2019, 2020, 2020, 2020, 2019]
    assert o["cell_text"].tolist() == ["4789.999859", "4950.12", "78.5", "80123", "5012.5"]
    assert o["row_label"].tolist()[2] == "Eskilstuna / Andel elever i åk. 9 som är behöriga, %"
    assert o["unit"].tolist() == ["kr/inv", "kr/inv", "procent", "antal", "kr/inv"]
    said = r.report[r.report["reason"].str.startswith("decimalpunkt")]
    assert said["line"].tolist() == [2]
    assert "alla 4 decimaltal med punkt" in said["reason"].iloc[0]


def test_a_value_that_looks_like_a_year_is_no_header_again(tmp_path):
    # Kolada's web export (cp1252, CRLF, 'Kommun/Landsting;Nyckeltal;År;Visat Värde', as
    # tests/corpus/found's kld_sthlm2.csv): a cost of 2 006 kr/inv in 1997 is a row of
    # the year column and a value, not a new header of the columns '1997' and '2006'
    text = (
        "Kommun/Landsting;Nyckeltal;År;Visat Värde\r\n"
        "Ekerö;Elever i åk. 9 med minst godkänt, andel (%);2012;93.617021\r\n"
        "Ekerö;Kostnad individ- och familjeomsorg, kr/inv;1996;2040\r\n"
        "Ekerö;Kostnad individ- och familjeomsorg, kr/inv;1997;2006\r\n"
        "Ekerö;Kostnad individ- och familjeomsorg, kr/inv;1998;1811.00014\r\n"
    )
    o = _parse(tmp_path, "kolada.csv", text, "cp1252").observations
    assert o["value"].tolist() == [93.617021, 2040, 2006, 1811.00014]
    assert o["year"].tolist() == [2012, 1996, 1997, 1998]
    assert set(o["column_label"]) == {"Visat Värde"}
    assert o["row_label"].tolist()[2] == "Ekerö / Kostnad individ- och familjeomsorg, kr/inv"


def test_a_web_exports_row_of_column_names_under_its_groups(tmp_path):
    # Skolverket's statistics CSV as its web site writes it: a title, a row of groups
    # over the course columns (empty over the others), the row of column names ('Eng 5',
    # 'Ma 1': names ending in their number), codes beside the names, '..' and '.' for
    # no value, and definitions of the columns under the table
    g = "Andel med minst E"
    text = (
        "Statistik från Skolverket\n\nValt läsår: 2023/24\n\n"
        f";;;;;;{g};{g};\n"
        "Skola;Skol-enhetskod;Kommun-kod;Huvudman orgnr;Program;Totalt antal;Eng 5;Ma 1;\n"
        "Norra gymnasiet;76860623;1384;2120001256;Vård- och omsorgsprogrammet;12;91,7;..;\n"
        "Norra gymnasiet;76860623;1384;2120001256;Nationella program;40;.;83,3;\n\n"
        "Rapportbeskrivning\n\n"
        "Totalt antal;Antalet avgångselever det valda läsåret, minst 2500 poäng.;\n"
        "Eng 5;Engelska 5 (100 poäng);\n"
        "Ma 1;Matematik 1a (100 poäng) för yrkesprogram alt Matematik 1b (100 poäng);\n"
        "Sv 1;Svenska 1 och Svenska som andra språk 1 (100 poäng);\n"
    )
    r = _parse(tmp_path, "skolverket.csv", text)
    o = r.observations
    assert o[["row_label", "column_label", "value"]].values.tolist() == [
        ["Norra gymnasiet / 76860623 / 1384 / 2120001256 / Vård- och omsorgsprogrammet",
         "Totalt antal", 12.0],
        ["Norra gymnasiet / 76860623 / 1384 / 2120001256 / Vård- och omsorgsprogrammet",
         f"{g} / Eng 5", 91.7],
        ["Norra gymnasiet / 76860623 / 1384 / 2120001256 / Nationella program",
         "Totalt antal", 40.0],
        ["Norra gymnasiet / 76860623 / 1384 / 2120001256 / Nationella program",
         f"{g} / Ma 1", 83.3],
    ]  # fmt: skip
    said = r.report.set_index("cell_text")["reason"]
    # '..' and '.' both say there is no value; the definitions' numbers are text
    assert said[".."] == said["."] == "uppgift saknas enligt cellen"
    assert set(r.report[r.report["line"] >= 12]["token"]) == {"2500", "5", "100", "1"}
    assert set(r.report[r.report["line"] >= 12]["reason"]) == {"tal i löptext utan enhet"}


def test_a_header_again_over_two_rows_keeps_its_groups(tmp_path):
    # a new block of the table under its header again, a group row over a row of years:
    # the years stay under 'Utfall' and 'Budget' (before, the years' row replaced the
    # groups, and the block's values lost their kind)
    text = (
        "| Verksamhet | Utfall | | Budget |\n|---|---|---|---|\n| | 2019 | 2020 | 2021 |\n"
        "| Barn | 120 | 130 | 140 |\n"
        "| Äldre | Utfall | | Budget |\n| | 2019 | 2020 | 2021 |\n| Hemtjänst | 50 | 60 | 70 |\n"
    )
    o = _parse(tmp_path, "t.md", text).observations
    home = o[o["row_label"] == "Hemtjänst"]
    assert home[["section", "column_label", "year", "value_kind", "value"]].values.tolist() == [
        ["Äldre", "Utfall / 2019", 2019, "utfall", 50.0],
        ["Äldre", "Utfall / 2020", 2020, "utfall", 60.0],
        ["Äldre", "Budget / 2021", 2021, "budget", 70.0],
    ]


def test_a_row_of_groups_over_a_header_again_is_its_first_row(tmp_path):
    # two tables one after the other with no title between (a sheet's blocks, an export):
    # the second's age bands stand over 'Antal | Andel' and are header, never age bands
    # said in the report with the counts left without their age
    text = "Enhet;2019;2020\nNorr;1;2\n;16-24 år;;25-29 år;\n;Antal;Andel;Antal;Andel\n"
    r = _parse(tmp_path, "t.csv", text + "Kvinnor;456;4,6;513;9,2\n")
    o = r.observations
    assert o[o["row_label"] == "Kvinnor"]["column_label"].tolist() == [
        "16-24 år / Antal", "16-24 år / Andel", "25-29 år / Antal", "25-29 år / Andel",
    ]  # fmt: skip
    assert r.report.empty


def test_a_point_that_may_group_thousands_alone_is_not_read_as_decimal(tmp_path):
    # only "1.640" and "2.500": a point before three digits may group thousands
    r = _parse(tmp_path, "t.csv", "Enhet;Kostnad\nA;1.640\nB;2.500\nC;3.125\n")
    assert r.observations.empty
    assert set(r.report["reason"]) == {
        "punkt i tal: decimaltecken eller tusentalsavgränsare är oklart"
    }


def test_numbered_row_labels_stay_labels(tmp_path):
    # ages 0, 1, 2 … under "Ålder", and the total the arithmetic proves
    r = _parse(
        tmp_path,
        "alder.csv",
        "Ålder;Kvinnor;Män\n0;12;14\n1;15;13\n2;11;17\n3;9;10\nTotalsumma;47;54\n",
    )
    o = r.observations
    assert o["row_label"].tolist() == ["0", "0", "1", "1", "2", "2", "3", "3"] + ["Totalsumma"] * 2
    assert o["value"].tolist() == [12, 14, 15, 13, 11, 17, 9, 10, 47, 54]
    tot = o[o["row_label"] == "Totalsumma"]
    assert tot["is_root"].all() and tot["total_of"].eq("0;1;2;3").all()


def test_terms_under_their_years_are_header_not_data(tmp_path):
    r = _parse(
        tmp_path,
        "a.txt",
        "Elever per termin\n\n| Skola | 2018 | | 2019 | |\n|---|---|---|---|---|\n"
        "| | VT 18 | HT 18 | VT 19 | HT 19 |\n| Norra | 120 | 130 | 125 | 128 |\n"
        "| Södra | 80 | 85 | 90 | 92 |\n",
    )
    o = r.observations
    assert o["value"].tolist() == [120, 130, 125, 128, 80, 85, 90, 92]
    assert o["column_label"].tolist()[:4] == [
        "2018 / VT 18", "2018 / HT 18", "2019 / VT 19", "2019 / HT 19",
    ]  # fmt: skip
    assert o["column_path"].tolist()[1] == "2018 › HT 18"
    assert o["year"].tolist()[:4] == [2018, 2018, 2019, 2019]
    assert o["period"].tolist()[:4] == ["vt", "ht", "vt", "ht"]


def test_quarters_and_tertials_are_periods():
    from sonanalys import labels as L

    assert [L.period_of(t) for t in ("2019 / Kv 3", "Q3 2020", "2019 / T2", "Tertial 1")] == [
        "kv 3", "kv 3", "tertial 2", "tertial 1",
    ]  # fmt: skip
    assert L.period_of("Ack Utfall / 2019") == ""


def test_signs_apart_and_glued_percent_in_a_spaced_table(tmp_path):
    # a web page's driftredovisning: "– 4 646" (every negative so), "1,7 %", Utfall2013
    r = _parse(
        tmp_path,
        "drift.txt",
        "Driftredovisning\n\n"
        "(tkr) Utfall2013 Förändring 2012/2013 Förändring 2012/2013 Budget 2013 Avvikelse\n"
        "Revision – 614 – 9 1,6 % – 620 6\n"
        "Överförmyndare – 819 50 – 5,7 % – 847 28\n"
        "Övriga förtroendevalda – 4 646 – 76 1,7 % – 4 937 291\n"
        "Mark och fastigheter 141 50 55,4 % – 14 155\n",
    )
    o = r.observations
    rev = o[o["row_label"] == "Revision"]
    assert rev["value"].tolist() == [-614, -9, 1.6, -620, 6]
    assert rev["column_label"].tolist() == [
        "Utfall 2013", "Förändring 2012/2013", "Förändring 2012/2013", "Budget 2013", "Avvikelse",
    ]  # fmt: skip
    assert o[o["row_label"] == "Övriga förtroendevalda"]["value"].tolist() == [
        -4646, -76, 1.7, -4937, 291,
    ]  # fmt: skip
    # "– 14 155": a sign and 14, then 155, by the table's convention (no dash stands
    # for an empty cell in it)
    assert o[o["row_label"] == "Mark och fastigheter"]["value"].tolist() == [
        141,
        50,
        55.4,
        -14,
        155,
    ]
    said = r.report[r.report["reason"].str.startswith("minustecken skilt")]
    assert len(said) == 10  # each negative, at its cell


def test_headers_one_per_line_and_rows_with_blank_lines_between(tmp_path):
    r = _parse(
        tmp_path,
        "budget.txt",
        "Netto, tkr\n\nBokslut 2009\n\nBudget 2010\n\nplan 2011\n\n"
        "TOTALT, DRIFT 227 608 242 876 248 528\n\nOförutsett - 4 830 4 971\n\n"
        "Nämnden 217 226 226\n\nSpecifikation av drift\n\n"
        "Personalkostnad 198 256 206 776 206 614\n",
    )
    o = r.observations
    assert o[o["row_label"] == "Oförutsett"]["value"].tolist() == [4830, 4971]
    assert o[o["row_label"] == "Oförutsett"]["year"].tolist() == [2010, 2011]
    assert o[o["row_label"] == "TOTALT, DRIFT"]["year"].tolist() == [2009, 2010, 2011]
    p = o[o["row_label"] == "Personalkostnad"]
    assert p["value"].tolist() == [198256, 206776, 206614]
    assert p["section"].tolist() == ["Specifikation av drift"] * 3
    assert set(o["unit"]) == {"tkr"}


def test_a_million_in_the_singular_is_mnkr(tmp_path):
    r = _parse(
        tmp_path,
        "t.txt",
        "Uppföljning\n\nUtfallet visar en negativ avvikelse med 1,1 miljon kronor mot budget.\n\n"
        "Kostnaden för förskolan har sjunkit med 1 miljon kronor.\n",
    )
    o = r.observations
    assert list(zip(o["value"], o["unit"], strict=True)) == [(1.1, "mnkr"), (1.0, "mnkr")]


def test_counted_people_and_points_in_prose_are_counts(tmp_path):
    r = _parse(
        tmp_path,
        "t.txt",
        "Uppföljning\n\nI juli fanns 37 ensamkommande i kommunens boenden.\n\n"
        "Hittills har 43 nyanlända flyktingar tagits emot och cirka 140 hyresgäster bor kvar.\n\n"
        "Nämnden lämnar en lista med 14 besparingspunkter.\n",
    )
    o = r.observations
    assert list(zip(o["value"], o["unit"], strict=True)) == [
        (37.0, "antal"), (43.0, "antal"), (140.0, "antal"), (14.0, "antal"),
    ]  # fmt: skip


def test_group_headers_over_a_row_of_years_in_columns(tmp_path):
    # pdftotext -layout: "Budget" over 2024, "Plan" over 2025 and 2026; "Ack Utfall"
    # (two words, one cell) over 2019 and 2018. Each year takes the name standing over it
    # (before: "Verksamhet / 2024", "Budget / 2025" — a plan read as a budget)
    r = _parse(
        tmp_path,
        "a.txt",
        "Driftbudget, mnkr\n\n"
        "Verksamhet          Budget        Plan\n"
        "                    2024     2025     2026\n"
        "Barn och unga       10,5     11,0     11,5\n"
        "Vuxna                5,0      5,2      5,4\n\n"
        "Nyckeltal\n\n"
        "Enhet            Ack Utfall   Ack Utfall   Budget\n"
        "                 2019         2018         2019\n"
        "HVB dygn         1 204        1 310        1 100\n"
        "Familjehem dygn  9 020        8 877        9 500\n",
    )
    o = r.observations
    bu = o[o["row_label"] == "Barn och unga"]
    assert bu["column_label"].tolist() == ["Budget / 2024", "Plan / 2025", "Plan / 2026"]
    assert bu["value_kind"].tolist() == ["budget", "plan", "plan"]
    assert bu["year"].tolist() == [2024, 2025, 2026]
    hvb = o[o["row_label"] == "HVB dygn"]
    assert hvb["column_label"].tolist() == [
        "Ack Utfall / 2019",
        "Ack Utfall / 2018",
        "Budget / 2019",
    ]
    assert hvb["value"].tolist() == [1204, 1310, 1100]
    assert hvb["value_kind"].tolist() == ["utfall", "utfall", "budget"]


def test_header_cells_run_together_on_a_web_page(tmp_path):
    # "Intäkter 2020Intäkter 2021…": each name with its year, split where the year ends
    r = _parse(
        tmp_path,
        "drift.txt",
        "Driftredovisning, mnkr\n\n"
        "Verksamhet Intäkter 2020Intäkter 2021Kostnader 2020Kostnader 2021\n"
        "Socialnämnd 12,5 13,1 -150,2 -155,0\n"
        "Kommunstyrelse 40,3 41,0 -210,7 -215,9\n"
        "Tekniska nämnden 88,1 90,4 -120,3 -119,8\n",
    )
    o = r.observations
    sn = o[o["row_label"] == "Socialnämnd"]
    assert sn["column_label"].tolist() == [
        "Intäkter 2020", "Intäkter 2021", "Kostnader 2020", "Kostnader 2021",
    ]  # fmt: skip
    assert sn["value"].tolist() == [12.5, 13.1, -150.2, -155.0]
    assert sn["year"].tolist() == [2020, 2021, 2020, 2021]
    assert len(o) == 12 and r.report.empty


def test_a_header_cells_lines_that_are_one_phrase_read_as_the_phrase(tmp_path):
    # Simrishamn's investment table as its PDF gives it (each line of a header cell a
    # row): "Utgifter sedan" / "projektets" / "start" is one phrase over three columns,
    # "Varav årets" / "investeringar" one over two; "Total" / "projektbudget" and
    # "Utfall" / "2025" stay parts (a kind of figure, a year), as "Utfall" / "intäkter"
    # / "period" (a measure, a period) does
    r = _parse(
        tmp_path,
        "inv.txt",
        "Investeringsredovisning\n\n"
        "Projekt (mnkr)\tUtgifter sedan\t\tVarav årets\t\n"
        "\tprojektets\t\tinvesteringar\t\n"
        "\tstart\t\t\t\n"
        "\tTotal\tAck.\tBudget 2025\tUtfall\n"
        "\tprojektbudget\tUtfall\t\t2025\n"
        "Ombyggnad Garvaren\t2,575\t2,340\t0,388\t0,153\n"
        "Ombyggnad Hafreborg\t3,124\t3,059\t0,539\t0,474\n\n"
        "Resultat per tjänst\n\n"
        "Tjänst\tUtfall\tUtfall\n"
        "\tintäkter\tkostnader\n"
        "\tperiod\tperiod\n"
        "Ekonomi\t20,5\t-13,7\n"
        "HR\t35,8\t-34,3\n",
    )
    o = r.observations
    garvaren = o[o["row_label"] == "Ombyggnad Garvaren"]
    assert garvaren["column_label"].tolist() == [
        "Utgifter sedan projektets start / Total / projektbudget",
        "Utgifter sedan projektets start / Ack. / Utfall",
        "Varav årets investeringar / Budget 2025",
        "Varav årets investeringar / Utfall / 2025",
    ]
    assert garvaren["value"].tolist() == [2.575, 2.34, 0.388, 0.153]
    hr = o[o["row_label"] == "HR"]
    assert hr["column_label"].tolist() == [
        "Utfall / intäkter / period",
        "Utfall / kostnader / period",
    ]


def test_a_line_that_goes_on_with_the_phrase_above_it():
    from sonanalys.tables import _goes_on_phrase

    assert _goes_on_phrase("Utfall perioden", "jämfört med")
    assert not _goes_on_phrase("Utfall perioden jämfört med samma period", "föregående år")
    assert not _goes_on_phrase("Bokslut", "fg år")  # a year, as 2024
    assert not _goes_on_phrase("Utfall", "intäkter")  # a measure
    assert not _goes_on_phrase("Utfall intäkter", "period")  # a period
    assert not _goes_on_phrase("Total", "projektbudget")  # a kind of figure
    assert not _goes_on_phrase("Budget 2025", "exkl moms")  # a year ends its part
    assert not _goes_on_phrase("Utfall", "Helår")  # not in lower case
    assert _goes_on_phrase("Avvikelse mot", "budget")  # the phrase is not done


def test_a_header_one_word_a_line_under_a_bracketed_unit_over_sections(tmp_path):
    # a web page's budget per nämnd (Sjöbo's Driftbudget 2025, tests/corpus/found): the
    # header one word a line under '(mnkr)', each cell's year on the line after its name,
    # a nämnd's name right under the header and between blocks, minus apart ('– 1,8')
    text = (
        "Driftbudget per nämnd\n\n"
        "(mnkr) Bokslut\n2023\nBudget\n2024\nPlan\n2025\n"
        "Kommunstyrelse\n"
        "Politisk verksamhet 8,8 8,2 8,5\n"
        "Räddningstjänst 16,4 16,9 17,5\n"
        "Summa 25,2 25,1 26,0\n\n"
        "Teknisk nämnd\n"
        "Politisk verksamhet 0,3 0,2 – 1,8\n"
        "Kulturverksamhet 1,1 1,6 1,8\n"
        "Summa 1,4 1,8 0,0\n"
        "Exploateringsverksamhet 1,7 – 4,0 3,6\n"
    )
    o = _parse(tmp_path, "budget.txt", text).observations
    assert set(o["column_label"]) == {"Bokslut 2023", "Budget 2024", "Plan 2025"}
    assert set(o["unit"]) == {"mnkr"}
    rows = o[o["row_label"] == "Politisk verksamhet"]
    assert rows[["section", "year", "value"]].values.tolist() == [
        ["Kommunstyrelse", 2023, 8.8],
        ["Kommunstyrelse", 2024, 8.2],
        ["Kommunstyrelse", 2025, 8.5],
        ["Teknisk nämnd", 2023, 0.3],
        ["Teknisk nämnd", 2024, 0.2],
        ["Teknisk nämnd", 2025, -1.8],
    ]
    assert not o["row_label"].isin(["Kommunstyrelse", "Teknisk nämnd"]).any()


def test_a_doubled_dash_says_there_is_no_value(tmp_path):
    # Socialstyrelsen's ekonomiskt bistånd per month as a region keeps it: a title, År |
    # Månad | two measures, and a month with '--' in both columns; before, '--' read as
    # nothing and the month's two cells were dropped unsaid
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tabell"
    ws.append(["Ekonomiskt bistånd, Dalarnas län"])
    ws.append(["År", "Månad", "Antal hushåll", "Utbetalt ekonomiskt bistånd tkr"])
    ws.append(["2016", "November", 3575, 24881])
    ws.append(["2016", "December", "--", "--"])
    ws.append(["2017", "Januari", 3666, 25789])
    d = tmp_path / "docs"
    d.mkdir()
    wb.save(d / "bistand.xlsx")
    r = parse([d])
    o = r.observations
    assert o[["row_label", "column_label", "year", "value", "unit"]].values.tolist() == [
        ["November", "Antal hushåll", 2016, 3575.0, "antal"],
        ["November", "Utbetalt ekonomiskt bistånd tkr", 2016, 24881.0, "tkr"],
        ["Januari", "Antal hushåll", 2017, 3666.0, "antal"],
        ["Januari", "Utbetalt ekonomiskt bistånd tkr", 2017, 25789.0, "tkr"],
    ]
    said = r.report[r.report["line"] == 4]
    assert said["cell_text"].tolist() == ["--", "--"]
    assert set(said["reason"]) == {"uppgift saknas enligt cellen"}


def test_a_web_tables_empty_cells_left_as_blank_lines(tmp_path):
    # a web page's table copied as text (Göteborg's driftredovisning 2019, tests/corpus/
    # found): blank lines where its empty cells were, between the header and a group's
    # name, between the name and its rows, and between one group's rows and the next
    # group's name. The rows read under the header, each group the section over its rows
    blank = "\n\n\n"
    text = (
        "Driftredovisning\n\n"
        "Belopp i mnkr Intäkter Kostnader Nettokostnader Kommunbidrag Årets resultat"
        + blank
        + "STADSDELSNÄMNDER"
        + blank
        + "Angered 426 -2 023 -1 597 1 597 0\n"
        "Lundby 360 -1 377 -1 017 1 013 -3"
        + blank
        + "NÄMNDER MED SÄRSKILD INRIKTNING"
        + blank
        + "Lokalnämnden 3 044 -2 918 126 -158 -31\n"
        "Kulturnämnden 139 -638 -499 502 3\n"
    )
    got = _parse(tmp_path, "drift.txt", text)
    o = got.observations
    angered = o[o["row_label"] == "Angered"]
    assert angered[["column_label", "value", "section"]].values.tolist() == [
        ["Intäkter", 426.0, "STADSDELSNÄMNDER"],
        ["Kostnader", -2023.0, "STADSDELSNÄMNDER"],
        ["Nettokostnader", -1597.0, "STADSDELSNÄMNDER"],
        ["Kommunbidrag", 1597.0, "STADSDELSNÄMNDER"],
        ["Årets resultat", 0.0, "STADSDELSNÄMNDER"],
    ]
    lokal = o[o["row_label"] == "Lokalnämnden"]
    assert lokal["value"].tolist() == [3044.0, -2918.0, 126.0, -158.0, -31.0]
    assert set(lokal["section"]) == {"NÄMNDER MED SÄRSKILD INRIKTNING"}
    assert len(o) == 20 and set(o["unit"]) == {"mnkr"}
    assert got.report[got.report["source"].str.endswith("drift.txt")].empty


def test_one_blank_line_still_ends_a_table(tmp_path):
    # one blank line is a paragraph's end, not a web page's empty cells: the rows under
    # it are no rows of the header above (said, never placed under it)
    text = (
        "Belopp i mnkr Intäkter Kostnader Nettokostnader\n\n"
        "Angered 426 -2 023 -1 597\n"
        "Lundby 360 -1 377 -1 017\n"
    )
    got = _parse(tmp_path, "drift.txt", text)
    assert not (got.observations["column_label"] == "Kostnader").any()
    assert "Angered 426 -2 023 -1 597" in set(got.report["cell_text"])


def test_a_numbered_heading_is_no_count(tmp_path):
    # a section's number and a nämnd's name (the nämnders rapportering of 5dok, tests/
    # corpus/found): no 2 antal barn, but the heading over the text below it; a sentence
    # with a count of children keeps its count
    text = (
        "Bilaga 1: Uppdragsuppföljning\n\n"
        "2 Barn- och ungdomsnämnden\n\n"
        "Nämnden prognostiserar ett underskott på 7,8 mnkr.\n\n"
        "3 Socialnämnden\n\n"
        "Under året placerades 12 barn i familjehem.\n"
    )
    o = _parse(tmp_path, "bilaga.txt", text).observations
    assert o[["value", "unit", "section"]].values.tolist() == [
        [7.8, "mnkr", "2 Barn- och ungdomsnämnden"],
        [12.0, "antal", "3 Socialnämnden"],
    ]


def test_a_web_tables_empty_cells_left_as_runs_of_spaces(tmp_path):
    # a web page's table whose empty cells are each a space, its cells joined by a space
    # (Burlöv's budget 2023, tests/corpus/found): a row of empty cells is a line of spaces,
    # two empty cells before the values are a run of five spaces, one after them a run of
    # two. The values go in the columns after the empty cells; a row that would split
    # into all five columns by its numbers alone ('1 796 1 796 1796' as 1 | 796 | 1 | 796
    # | 1796) is read by its runs too
    text = (
        "Ram (tkr) Bokslut 2021 Prognos 2022 Budget 2023 Plan 2024 Plan 2025\n"
        "Intäkter 190 057 56 048 56 470 56 470 56 470\n"
        "Kostnader -544 534 -413 927 -409 198 -411 851 -413 454\n" + " " * 11 + "\n"
        "Budget 2022     -353 075 -353 075 -353 075\n"
        "Förändringar:" + " " * 10 + "\n"
        "Yngre     1507 1 166 23\n"
        "LSS     1 796 1 796 1796\n"
        "Arbetsmarknad     -1 300 -1 300  \n"
    )
    got = _parse(tmp_path, "ram.txt", text)
    o = got.observations

    def row(label):
        r = o[o["row_label"] == label]
        return r[["column_label", "value"]].values.tolist()

    assert row("Budget 2022") == [
        ["Budget 2023", -353075.0],
        ["Plan 2024", -353075.0],
        ["Plan 2025", -353075.0],
    ]
    assert row("LSS") == [["Budget 2023", 1796.0], ["Plan 2024", 1796.0], ["Plan 2025", 1796.0]]
    assert row("Yngre") == [["Budget 2023", 1507.0], ["Plan 2024", 1166.0], ["Plan 2025", 23.0]]
    assert row("Arbetsmarknad") == [["Budget 2023", -1300.0], ["Plan 2024", -1300.0]]
    assert row("Intäkter")[0] == ["Bokslut 2021", 190057.0]
    assert set(o[o["row_label"] == "LSS"]["section"]) == {"Förändringar:"}
    assert got.report[got.report["severity"] == "warning"].empty


def test_runs_of_spaces_in_a_table_without_web_cells_change_nothing(tmp_path):
    # a row that reads across the columns by its numbers, in a table where no row needs
    # its runs: read as before, the run of spaces only a wider gap
    text = "Enhet Budget Utfall\nHemtjänst     1 200 1 300\nBoende 2 100 2 050\nLSS 900 950\n"
    o = _parse(tmp_path, "t.txt", text).observations
    assert o[o["row_label"] == "Hemtjänst"]["value"].tolist() == [1200.0, 1300.0]
