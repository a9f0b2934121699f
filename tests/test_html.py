"""Saved web pages (readers/html.py): real pages' tables, as the municipalities publish
them, with the numbers of the round-two corpus's excerpts of the same pages
(tests/corpus/html/README.md), and the corners of bad HTML."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sonanalys.conservation import account
from sonanalys.factcheck import read_facts, score
from sonanalys.model import DocumentError
from sonanalys.observations import parse
from sonanalys.readers import SUFFIXES, read

CORPUS = Path(__file__).parent / "corpus"
PAGES = CORPUS / "html"
# each page and the round-two excerpt of the same page, whose hand-checked facts it must give
SAME_PAGE = {
    "helsingborg_sn_nyckeltal_2016.html": "dev_16_helsingborg_sn_nyckeltal.txt",
    "gnesta_driftredovisning_2013.html": "dev_17_gnesta_driftredovisning_2013.txt",
    "malmo_prognossakerhet_2015.html": "dev_18_malmo_prognossakerhet_2015.txt",
    "vastervik_driftsredovisning_2020.html": "dev_21_vastervik_driftsredovisning_2020.txt",
    "jarfalla_budgetforslag_v_2016_2017.html": "dev_27_jarfalla_budgetforslag_v_2016_2017.txt",
}


@pytest.fixture(scope="module")
def pages():
    return parse([PAGES])


def _obs(result, source: str, row: str, column: str) -> pd.DataFrame:
    o = result.observations
    return o[(o["source"] == source) & (o["row_label"] == row) & (o["column_label"] == column)]


def test_the_pages_give_the_facts_of_their_excerpts(pages):
    facts = read_facts(CORPUS / "facts_round2.csv")
    facts = facts[facts["doc"].isin(SAME_PAGE.values())].copy()
    facts["doc"] = facts["doc"].map({v: k for k, v in SAME_PAGE.items()})
    found = score(pages.observations, facts)
    per_doc = found.groupby("doc")["found"].agg(["sum", "size"])
    assert per_doc.to_dict("index") == {
        "gnesta_driftredovisning_2013.html": {"sum": 20, "size": 20},
        "helsingborg_sn_nyckeltal_2016.html": {"sum": 20, "size": 20},
        "malmo_prognossakerhet_2015.html": {"sum": 15, "size": 15},
        "vastervik_driftsredovisning_2020.html": {"sum": 13, "size": 13},
        "jarfalla_budgetforslag_v_2016_2017.html": {"sum": 9, "size": 9},  # list items
    }


def test_line_is_the_line_in_the_file(pages):
    src = "helsingborg_sn_nyckeltal_2016.html"
    o = _obs(pages, src, "Vårddygn i familjehem, antal", "2015")
    assert o["value"].tolist() == [59884.0]
    line = int(o["line"].iloc[0])
    html = (PAGES / src).read_text(encoding="utf-8").split("\n")
    assert html[line - 1].strip() == "<tr>"  # the row, its cells on the lines below it
    assert "Vårddygn i familjehem, antal" in html[line]
    assert "59&nbsp;884" in "".join(html[line : line + 4])
    # a page saved from Word (cp1252, CRLF): the row's line too
    src = "gnesta_driftredovisning_2013.html"
    g = _obs(pages, src, "Barn- och utbildningsnämnden", "Utfall 2013")
    gl = (PAGES / src).read_bytes().decode("cp1252").split("\r\n")
    assert g["value"].tolist() == [-251589.0]
    assert "Barn- och utbildningsnämnden" in gl[int(g["line"].iloc[0])]


def test_header_cells_are_cells_never_glued(pages):
    # as text, this page's header read "Intäkter 2019Intäkter 2020Kostnader 2019…"
    src = "vastervik_driftsredovisning_2020.html"
    o = pages.observations[pages.observations["source"] == src]
    cols = o[o["row_label"] == "Socialnämnd"][["column_label", "year", "value"]]
    assert cols.values.tolist() == [
        ["Intäkter 2019", 2019, 180.0],
        ["Intäkter 2020", 2020, 216.4],
        ["Kostnader 2019", 2019, -1074.0],
        ["Kostnader 2020", 2020, -1133.1],
        ["Nettokostnad 2020", 2020, -916.7],
        ["Budget 2020", 2020, -918.6],
        ["Avvikelse mot budget 2020", 2020, 1.9],
    ]
    assert set(o["table"]) == {"Driftsredovisning – Driftsredovisning, kommunen"}


def test_spans_a_group_header_over_its_columns_and_a_label_over_its_rows(pages):
    # Gnesta: "Förändring 2012/2013" spans tkr and % (colspan=2); "(tkr)", "Utfall 2013",
    # "Budget 2013" span both header rows (rowspan=2)
    src = "gnesta_driftredovisning_2013.html"
    tkr = _obs(pages, src, "Särskola", "Förändring 2012/2013 / tkr")
    pct = _obs(pages, src, "Särskola", "Förändring 2012/2013 / %")
    assert (tkr["value"].tolist(), tkr["unit"].tolist()) == ([7.0], ["tkr"])
    assert (pct["value"].tolist(), pct["unit"].tolist()) == ([-0.1], ["procent"])
    assert _obs(pages, src, "Särskola", "Budget-avvikelse")["value"].tolist() == [720.0]


def test_caption_and_entities_and_no_script(pages):
    src = "malmo_prognossakerhet_2015.html"
    o = pages.observations[pages.observations["source"] == src]
    eb = o[o["row_label"] == "Ekonomiskt bistånd"]  # printed &minus;11
    assert eb["value"].tolist() == [-11.0, -10.0, -1.0]
    assert set(o.loc[o["table"] != "text", "table"]) == {"Prognossäkerhet – PROGNOSAVVIKELSE, MKR"}
    # the sentences around the table are read as prose (the document's own numbers)
    prose = o[o["table"] == "text"]
    assert 563.0 in prose["value"].tolist() and 316.0 in prose["value"].tolist()
    # Helsingborg's page holds a script with "12345" and a menu with "2015": never read
    h = pages.observations[pages.observations["source"] == "helsingborg_sn_nyckeltal_2016.html"]
    assert 12345.0 not in h["value"].tolist()
    assert not h["row_label"].str.contains("Årsredovisning 2015").any()


def test_every_value_of_the_pages_is_accounted_for(pages):
    a = account(pages)
    assert a.digit_runs == a.accounted > 700
    assert a.table_lines == a.lines_read > 80  # every row read, found at its line in the file


def test_html_is_a_format_of_the_registry():
    assert {".html", ".htm"} <= SUFFIXES


def _page(tmp_path, body: str, name: str = "sida.html") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_cells_are_strings_never_guessed_numbers(tmp_path):
    p = _page(
        tmp_path,
        "<h2>Resultat 2023</h2>\n<table>\n<tr><th></th><th>Prognos 2023</th></tr>\n"
        "<tr><td>Nettokostnad</td><td>-81,5</td></tr>\n"
        "<tr><td>Summa kostnader</td><td>1&nbsp;801,5</td></tr>\n</table>\n",
    )
    o = parse([p]).observations
    assert o[["row_label", "value", "line"]].values.tolist() == [
        ["Nettokostnad", -81.5, 4],
        ["Summa kostnader", 1801.5, 5],
    ]


def test_bad_html_is_read_and_said(tmp_path):
    p = _page(
        tmp_path,
        "<p>Budget 2024\n<table>\n<tr><td>Familjehem<td>12,5\n"
        "stray text\n<tr><td colspan=x>HVB</td><td>7,0</td></tr>\n"
        "<td>SiS</td><td>3,0</td>\n",
    )
    r = parse([p])
    assert r.observations[["row_label", "value"]].values.tolist() == [
        ["Familjehem", 12.5],
        ["HVB", 7.0],
        ["SiS", 3.0],
    ]
    said = r.report[r.report["severity"] == "warning"][["line", "reason"]].values.tolist()
    assert [2, "tabellen slutar aldrig (</table> saknas): läst till filens slut"] in said
    assert [5, "colspan är inget tal: läst som 1"] in said
    assert any("utan <tr>" in why for _, why in said)


def test_a_page_without_text_or_without_markup_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="ingen text"):
        read(_page(tmp_path, "<html><script>var x = 1;</script></html>"))
    with pytest.raises(DocumentError, match="inte en webbsida"):
        read(_page(tmp_path, "Budget 2024 12,5 mnkr", "b.htm"))


def test_a_table_the_page_fills_by_script_is_said(tmp_path):
    # a saved page of a web app: the header in the file, the rows made by its script
    # (kentlundgren/AI, Bokslut_2025/driftsredovisning.html, in short): never silent
    p = _page(
        tmp_path,
        "<h1>Driftredovisning</h1>\n<table id='driftTable'>\n<thead><tr><th>Verksamheter (tkr)"
        "</th><th>Utfall 2025</th><th>Budget 2025</th></tr></thead>\n<tbody id='tableBody'>"
        "<!-- Data laddas via JavaScript --></tbody>\n</table>\n"
        "<script>let activityData = [{ name: 'Bibliotek', utfall: -13123 }];</script>\n",
    )
    r = parse([p])
    assert r.observations.empty
    said = r.report[r.report["severity"] == "warning"]
    assert said["line"].tolist() == [2]
    assert said["reason"].iloc[0].startswith("tabellen har rubriker men inga rader")


def test_an_everyday_word_is_no_municipality(tmp_path):
    # Gnesta's driftredovisning names no municipality; its row "Mark och fastigheter"
    # made it Mark's. "Marks kommun" still names Mark.
    assert read(PAGES / "gnesta_driftredovisning_2013.html").municipality == ""
    p = _page(tmp_path, "<h1>Budget 2024, Marks kommun</h1><p>Mark och exploatering 12,5 mnkr.</p>")
    assert read(p).municipality == "Mark"
    assert read(PAGES / "helsingborg_sn_nyckeltal_2016.html").municipality == "Helsingborg"


def test_a_section_row_of_th_under_a_header_without_thead_is_body(tmp_path):
    # Helsingborg's table without its <thead>: the years in <th>, then a section row of
    # one <th colspan=4>: a section of the body, not a second header row
    html = (PAGES / "helsingborg_sn_nyckeltal_2016.html").read_text(encoding="utf-8")
    p = _page(tmp_path, html.replace("<thead>", "").replace("</thead>", ""))
    o = parse([p]).observations
    row = o[o["row_label"] == "Vårddygn i familjehem, antal"]
    assert row[["column_label", "value"]].values.tolist() == [
        ["2014", 49831.0],
        ["2015", 59884.0],
        ["2016", 65209.0],
    ]
    assert set(row["section"]) == {"Volymer"}


def test_the_charset_a_page_declares_and_the_bytes_it_has(tmp_path):
    body = "<meta charset='iso-8859-1'><table><tr><th>Verksamhet</th><th>2024</th></tr>"
    body += "<tr><td>Försörjningsstöd</td><td>12,5</td></tr></table>"
    utf8 = tmp_path / "utf8.html"  # saved as UTF-8 under an old declaration
    utf8.write_bytes(body.encode("utf-8"))
    latin = tmp_path / "latin.html"  # as declared
    latin.write_bytes(body.encode("latin-1"))
    for p in (utf8, latin):
        o = parse([p]).observations
        assert o[["row_label", "value"]].values.tolist() == [["Försörjningsstöd", 12.5]]


def test_a_table_that_lays_out_the_page_is_the_page_not_data(tmp_path):
    # an older page: a table of two columns (a menu, the content), the content holding a
    # heading, sentences with amounts and a data table: the sentences are prose, each at
    # its own line, and the data table is a table captioned by the heading above it
    p = _page(
        tmp_path,
        "<table><tr><td><p>Meny</p><p>Start</p></td>\n<td><h1>Socialnämndens uppföljning</h1>\n"
        "<p>Socialnämnden prognostiserar ett underskott på 12,5 mnkr för 2024.</p>\n"
        "<table><tr><th>Verksamhet</th><th>Prognos 2024</th></tr>\n"
        "<tr><td>Barn och unga</td><td>-162,5</td></tr></table>\n</td></tr></table>\n",
    )
    o = parse([p]).observations
    assert o[["line", "table", "row_label", "value"]].values.tolist() == [
        [5, "Socialnämndens uppföljning", "Barn och unga", -162.5],
        [3, "text", "Socialnämnden prognostiserar ett underskott på 12,5 mnkr för 2024.", 12.5],
    ]


def test_the_caption_s_year_dates_the_table_not_the_heading_s(tmp_path):
    p = _page(
        tmp_path,
        "<h1>Årsredovisning 2020</h1>\n<table><caption>Driftredovisning 2019, tkr</caption>\n"
        "<tr><th>Nämnd</th><th>Budget</th><th>Utfall</th></tr>\n"
        "<tr><td>Socialnämnden</td><td>-812 300</td><td>-830 100</td></tr></table>\n",
    )
    o = parse([p]).observations
    assert o[["table", "column_label", "year", "value"]].values.tolist() == [
        ["Driftredovisning 2019, tkr", "Budget", 2019, -812300.0],
        ["Driftredovisning 2019, tkr", "Utfall", 2019, -830100.0],
    ]
