"""Every sentence for ledning is a checked claim.

For every report rendered over the embedded data: each number in the Sammanfattning stands
in a table of the page, or is the difference of two numbers that do (a change, a gap);
the document's own words quoted beside a claim state the claim's figure; a chart carries
a Swedish description (alt metadata and a visible caption). The same rule is checked on
the claims 05 makes for every delårsrapport of the shared corpus."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from sonanalys import domain
from sonanalys.analysis import claims, findings
from sonanalys.analysis.budget import overview
from sonanalys.numparse import parse_number
from sonanalys.observations import parse
from sonanalys.report.present import CHART_DESCRIPTION_CLASS, KEY_FIGURES_CLASS

CORPUS = Path("/work/shared/corpus")
summary_of = claims.summary_text
table_numbers = claims.table_numbers
stated_numbers = claims.stated_numbers
stands_in = claims.stands_in


def _num(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _text(page: str) -> str:
    page = re.sub(r'<span class="sn-nobr">(.*?)</span>', r"\1", page)  # inline: no space
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _joined(x) -> str:
    return "".join(x) if isinstance(x, list) else x


def _decimals(text: str) -> int:
    m = re.search(r",(\d+)$", text)
    return len(m.group(1)) if m else 0


@pytest.fixture(scope="module")
def run(reports_run):
    return reports_run


def test_the_check_finds_a_number_that_stands_nowhere():
    page = (
        '<h2 id="Sammanfattning">Sammanfattning</h2><table><tr><td>−735,8</td><td>−654,4</td>'
        "</tr></table><p>Prognosen visar ett underskott på 81,4 mnkr (rad 324, 2023).</p>"
    )
    assert claims.unsupported_numbers(page) == []  # 735,8 − 654,4: a difference of two
    wrong = page.replace("81,4", "3,1")
    assert claims.unsupported_numbers(wrong) == ["3,1"]
    # any statement against a page: true and false ones
    assert claims.unsupported_in("Budgeten är −654,4 mnkr.", page) == []
    assert claims.unsupported_in("Prognosen är ett överskott på 3,1 mnkr.", page) == ["3,1"]


def test_every_number_in_every_summary_stands_in_a_table_of_the_page(run):
    checked = 0
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert claims.unsupported_numbers(page) == [], (r.name, summary_of(page))
        checked += len(stated_numbers(summary_of(page)))
    assert checked >= 25  # the summaries state figures, and every one was found


def test_the_summaries_state_the_documents_bottom_line(run):
    def summary(name):
        return summary_of((run.out / run.report(name).html).read_text(encoding="utf-8"))

    s5 = summary("05_delarsrapport")
    # 004 line 324 (not the subtotal at 322): an underskott of 81,5, as lines 44/293/313 say
    assert "Prognosen för helåret 2023 visar ett underskott på 81,5 mnkr mot budget" in s5
    assert "överskott på 3,1" not in s5
    # the period's result and the document's own words about it, a disagreement named
    assert "Utfallet jan–aug 2023 visar ett underskott på 79,6 mnkr mot periodens budget" in s5
    assert "säger emot sig självt" in s5 and "29,6 mnkr" in s5
    s1 = summary("01_placeringar")
    assert "Under jan–aug 2023 var i snitt 461 personer per dygn i insats, 78 över budgeten" in s1
    s2 = summary("02_varddygn")
    assert "från 307,2 mnkr till 330,0 mnkr enligt dokumentet" in s2
    s4 = summary("04_atgarder")
    assert "fyra planer" in s4
    for word in ("fler/färre", "p =", "backtest", "Rad i tabellen"):
        for name in ("01_placeringar", "02_varddygn", "04_atgarder", "05_delarsrapport"):
            assert word not in summary(name), (name, word)


def test_every_report_opens_with_its_key_figures(run):
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        box = page.find(f'class="sv-table {KEY_FIGURES_CLASS}"')
        assert page.count(KEY_FIGURES_CLASS) == 1, r.name
        # the box comes first under Sammanfattning, before the summary's sentences
        assert page.index('id="Sammanfattning"') < box < page.index("<li>", box), r.name


def test_no_page_echoes_a_value_of_its_code(run):
    """A cell's last expression is shown as Python prints it ('jan–aug 2023' under 05's
    summary): ledning's pages show only what the report says."""
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert not re.search(r"<pre>\s*(?:&#x27;|')", page), r.name


def test_every_chart_has_a_swedish_description(run):
    charts = 0
    for r in run.results:
        nb = json.loads((run.out / "executed" / r.executed).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            outputs = cell.get("outputs", [])
            for i, o in enumerate(outputs):
                if "image/png" not in o.get("data", {}):
                    continue
                charts += 1
                alt = o.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert alt.startswith("Diagram: ") and len(alt) > 40, (r.name, alt)
                assert _joined(o["data"]["text/plain"]) == alt
                caption = _joined(outputs[i + 1]["data"]["text/html"])
                assert CHART_DESCRIPTION_CLASS in caption and html.escape(alt) in caption
        page = (run.out / r.html).read_text(encoding="utf-8")
        images = page.count('src="data:image/png;base64,')
        assert page.count(f'class="{CHART_DESCRIPTION_CLASS}"') == images, r.name
    assert charts >= 6


def test_claims_quote_only_sentences_that_state_their_figure(seeds_result):
    frames = domain.build(seeds_result.observations, seeds_result.cells)
    obs = seeds_result.observations
    cs = findings.delarsrapport_claims(frames["budget"], "Örebro", 2023, "jan-aug", obs)
    cs += findings.placeringar_claims(frames["placements"], "Örebro", 5, "ledning", 2023,
                                      "jan-aug", obs)  # fmt: skip
    quoted = 0
    for c in cs:
        for e in c.evidence:
            v = _num(re.sub(r"[^\d,−-]", "", e.printed.split(" ")[0]))
            assert v is not None, e
            same = abs(abs(v) - abs(c.value)) <= 0.5 * 10.0 ** -_decimals(e.printed) + 0.05
            assert same == e.agrees, (c.text, e)
            quoted += 1
    assert quoted >= 6


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not on this machine")
def test_delarsrapport_claims_over_the_corpus_stand_in_their_tables():
    """Every delårsrapport of the corpus with period actuals: each figure a claim states is
    the overview table's or the key figures', or the difference of two of them."""
    r = parse([CORPUS / "text", CORPUS / "pdf"])
    frames = domain.build(r.observations, r.cells)
    b = frames["budget"]
    runs = b[(b["value_kind"] == "utfall") & (b["year"] == b["doc_year"])]
    runs = runs[runs["period"].str.fullmatch(r"[a-zåäö]{3}-[a-zåäö]{3}", na=False)]
    cases = runs[["municipality", "doc_year", "period"]].drop_duplicates()
    checked = 0
    for m, y, p in cases.itertuples(index=False):
        ov = overview(b, m, int(y), p)
        if ov.empty:
            continue
        cs = findings.delarsrapport_claims(b, m, int(y), p, r.observations)
        numbers = [abs(float(v)) for v in ov.to_numpy().ravel() if v == v]
        numbers += [abs(float(v)) for v in claims.key_figure_table(cs)["värde"]]
        numbers += [abs(float(v)) for v in b[b["source"] == ov.attrs["source"]]["value_mnkr"]]
        for c in cs:
            if not c.bullet:
                continue
            for printed, value in stated_numbers(c.text):
                assert stands_in(value, printed, numbers), (m, y, p, printed, c.text)
                checked += 1
    # today only Göteborg's delårsrapport (jan–mar 2026) has the period's actuals in a table
    # of its municipality and year: its surplus of 19,5 mnkr against the period's budget
    assert checked >= 5
    gbg = findings.delarsrapport_claims(b, "Göteborg", 2026, "jan-mar", r.observations)
    assert any("ett överskott på 19,5 mnkr mot periodens budget" in c.text for c in gbg)


@pytest.fixture(scope="module")
def gbg(tmp_path_factory):
    """Every report over a folder holding only Göteborg's delårsrapport (jan–mar 2026)."""
    import shutil

    from sonanalys.report.runner import run_reports

    if not CORPUS.exists():
        pytest.skip("the shared corpus is not on this machine")
    tmp_path = tmp_path_factory.mktemp("gbg")
    folder = tmp_path / "gbg"
    folder.mkdir()
    shutil.copy(CORPUS / "pdf" / "goteborg_intraservice_delarsrapport_2026_mars.pdf", folder)
    s = run_reports(
        out=tmp_path / "rep",
        municipality="Göteborg",
        year=2026,
        period="jan-mar",
        raw=folder,
        processed=tmp_path / "processed",
        progress=False,
        run_date="2026-11-23",
        jobs=2,
    )
    s.folder, s.processed = folder, tmp_path / "processed"
    return s


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not on this machine")
def test_reports_over_a_folder_of_the_corpus_show_only_its_data(gbg, tmp_path):
    """Göteborg's delårsrapport (jan–mar 2026) in a folder of its own: every report renders,
    every summary number stands in its page's tables, 05 states the period's surplus and
    the forecast from the table's bottom line, and nothing of data/raw shows."""
    from sonanalys.report.runner import run_reports

    s, folder = gbg, gbg.folder
    assert s.failed == [], s.failed and s.failed[0].error
    for r in s.results:
        page = (s.out / r.html).read_text(encoding="utf-8")
        assert claims.unsupported_numbers(page) == [], (r.name, summary_of(page))
        for seed in ("000_", "001_", "002_internbudget", "003_", "004_delarsrapport", "rad 580"):
            assert seed not in page, (r.name, seed)
        if r.name != "03_r9":  # 03 lists R9's members, Linköping and Örebro among them
            assert "Linköping" not in page and "Örebro" not in page, r.name
    s5 = summary_of((s.out / s.report("05").html).read_text(encoding="utf-8"))
    assert "Utfallet jan–mar 2026 visar ett överskott på 19,5 mnkr mot periodens budget" in s5
    assert "Prognosen för helåret 2026 visar ett resultat i nivå med budget" in s5
    # a PDF's lines are counted per page: the document's words and its table are found
    # on p. 11 ("rad 19" alone is on each of its 26 pages)
    assert "(s. 11, rad 30)" in s5
    page5 = _text((s.out / s.report("05").html).read_text(encoding="utf-8"))
    assert "goteborg_intraservice_delarsrapport_2026_mars.pdf, s. 11, rad 16–20" in page5
    assert "goteborg_intraservice_delarsrapport_2026_mars.pdf, s. 11, rad 16–19" in page5
    # 03 for Linköping over that folder: the embedded internbudget's R9 figures (002 lines
    # 580–582: 761 against 1 063 kr/inv) are not this folder's and do not show
    s3 = run_reports(
        out=tmp_path / "rep3",
        municipality="Linköping",
        only=["03"],
        raw=folder,
        processed=gbg.processed,
        progress=False,
        run_date="2026-11-23",
    )
    page = (s3.out / s3.report("03").html).read_text(encoding="utf-8")
    assert "002_internbudget" not in page and f"1{chr(0xA0)}063" not in page
    assert "Det finns inga värden för Linköping att jämföra med R9" in _text(page)


def test_every_title_names_its_municipality_and_period(run):
    titles = {r.name: r.title for r in run.results}
    assert titles["05_delarsrapport"] == "Delårsrapport – bilaga: Örebro, jan–aug 2023"
    assert titles["01_placeringar"] == "Placeringar: Örebro, jan–aug 2023"
    assert titles["03_r9"].endswith(": Linköping, 2022")
    assert titles["04_atgarder"].endswith(": Linköping, 2024–2027")
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert f"<h1>{html.escape(r.title)}</h1>" in page and page.count("<h1") == 1, r.name
        assert f"<title>{html.escape(r.title)}</title>" in page
    index = (run.out / "index.html").read_text(encoding="utf-8")
    assert "Delårsrapport – bilaga: Örebro, jan–aug 2023" in html.unescape(index)


def test_a_difference_of_two_rounded_figures_is_allowed_their_rounding():
    # 003 line 320: 320 864 and 289 830 tkr, shown 320,9 and 289,8; the change 31,034
    # shows as 31,0 though 320,9 − 289,8 = 31,1
    page = "<table><tr><td>320,9</td><td>289,8</td></tr></table>"
    assert claims.unsupported_in("Utfallet ökade med 31,0 mnkr.", page) == []
    assert claims.unsupported_in("Utfallet ökade med 31,3 mnkr.", page) == ["31,3"]


def test_linkoping_2018_delarsrapport_states_its_bottom_line(tmp_path):
    """003: the prognosis in a table of its own (T05, bottom line 336), the actuals in T04
    (bottom line 320); every summary number stands in the page's tables."""
    from sonanalys.report.runner import run_reports

    s = run_reports(
        out=tmp_path / "rep",
        municipality="Linköping",
        year=2018,
        period="jan-aug",
        only=["05"],
        progress=False,
        run_date="2026-11-23",
    )
    assert s.failed == []
    page = (s.out / s.results[0].html).read_text(encoding="utf-8")
    assert claims.unsupported_numbers(page) == [], summary_of(page)
    text = summary_of(page)
    assert "Prognosen för helåret 2018 visar ett underskott på 11,9 mnkr mot budget" in text
    assert "”Prognos för året visar ett underskott med 11,9 mnkr.” (rad 342)" in text
    assert "Utfallet jan–aug 2018 visar ett underskott på 10,9 mnkr mot periodens budget" in text


# ------------------------------------------------------------------------------------
# a list of true and false statements about the documents, held against the reports
# ------------------------------------------------------------------------------------

# (report, statement, whether it holds): true ones the reports must make or imply, false
# ones they must never make. Each was checked by hand against the document (file, line).
# fmt: off
STATEMENTS = [
    # 004 (Örebro, delårsrapport jan–aug 2023): the bottom line, line 324, and lines 44/313
    ("05", "Prognosen för helåret 2023 visar ett underskott på 81,5 mnkr mot budget.", True),
    ("05", "Nämndens budget för 2023 är 654,4 mnkr och prognosen 735,8 mnkr.", True),
    ("05", "Nämnden har ett underskott på 79,6 mnkr mot periodens budget jan–aug 2023.", True),
    ("05", "Utfallet jan–aug ökade med 100,3 mnkr från 2022 till 2023.", True),
    ("05", "Störst underskott mot budget har Externa vård- och behandlingskostnader, "
           "84,6 mnkr.", True),
    # the sentence: a subtotal's deviation (line 322) called the forecast
    ("05", "Prognosen för 2023 visar ett överskott mot budget: avvikelsen för Nettokostnad "
           "är 3,1 mnkr.", False),
    ("05", "Prognosen för helåret 2023 visar ett överskott på 81,5 mnkr mot budget.", False),
    ("05", "Prognosen för helåret 2023 visar ett underskott på 3,1 mnkr mot budget.", False),
    # line 283's 29,6 is the document contradicting its own table (79,6)
    ("05", "Periodens underskott är 29,6 mnkr.", False),
    ("05", "Underskottet i prognosen för 2023 uppgår till 81,5 mnkr.", True),
    ("05", "Överskottet i prognosen för 2023 uppgår till 81,5 mnkr.", False),
    ("05", "Utfallet jan–aug minskade med 100,3 mnkr från 2022 till 2023.", False),
    # a sign printed is the table's: the deviation is −81,5, the forecast −735,8
    ("05", "Prognosens avvikelse mot budget är −81,5 mnkr.", True),
    ("05", "Prognosens avvikelse mot budget är +81,5 mnkr.", False),
    ("05", "Prognosen för 2023 är +735,8 mnkr.", False),
    # 004 lines 529–537: persons per day, jan–aug 2023 against the budget
    ("01", "Under jan–aug 2023 var i snitt 461 personer per dygn i insats, 78 över "
           "budgeten (383).", True),
    ("01", "Antalet ökade med 36 personer per dygn jämfört med helåret 2022 (425).", True),
    ("01", "Under jan–aug 2023 var i snitt 461 personer per dygn i insats, 78 under "
           "budgeten.", False),
    ("01", "Antalet minskade med 36 personer per dygn från 2022.", False),
    # 004 line 529: Total kostnad 307,2 (2021) → 330,0 (2022); never the 390,8 → 410,8 of
    # persons × 365 × cost per dygn, never +20,0 called the cost's change
    ("02", "Den totala kostnaden ökade med 22,8 mnkr från 2021 till 2022, från 307,2 mnkr "
           "till 330,0 mnkr.", True),
    ("02", "Kostnaden ökade från 390,8 mnkr 2021 till 410,8 mnkr 2022.", False),
    ("02", "Kostnaden ökade med 20,0 mnkr från 2021 till 2022.", False),
    ("02", "Den totala kostnaden minskade med 22,8 mnkr från 2021 till 2022.", False),
    # the bridge: volume +26,5, price −6,5, a rest of +2,8 (computed, 004 line 529)
    ("02", "Beräknat stod volymen för +26,5 mnkr och priset för −6,5 mnkr.", True),
    ("02", "Beräknat stod priset för +6,5 mnkr av kostnadsökningen.", False),
    # 002 lines 580–582: Linköping against R9, 2022, as the internbudget prints them
    ("03", "Linköpings kostnad för missbruksvård vuxna var 761 kr/inv 2022, 302 kr/inv "
           "lägre än R9 (1 063 kr/inv).", True),
    ("03", "Kostnaden för öppna insatser barn och unga var 80 kr/inv högre än R9 2022.", True),
    ("03", "Linköpings kostnad för missbruksvård vuxna var 302 kr/inv högre än R9.", False),
    ("03", "Kostnaden för familje- och HVB barn och unga låg 655 kr/inv högre än R9.", False),
    # 002 lines 523–529: the four plans and their total, as the document states them
    ("04", "Åtgärdsplanerna ger sammanlagt 121,8 mnkr 2024 och 190,0 mnkr 2027.", True),
    ("04", "Den beslutade åtgärdsplanen ger 19,3 mnkr 2024.", True),
    ("04", "Åtgärdsplanernas effekt minskade med 121,8 mnkr.", False),
    ("04", "Planerna ger sammanlagt 128,8 mnkr 2024.", False),
]

GBG_STATEMENTS = [
    # Göteborg's delårsrapport, p. 11: Resultat 22,5 against the period's budget 3,0
    ("05", "Utfallet jan–mar 2026 visar ett överskott på 19,5 mnkr mot periodens budget.", True),
    ("05", "Resultatet för jan–mar ökade med 13,9 mnkr från 2025 till 2026.", True),
    ("05", "Göteborg visar ett underskott på 19,5 mnkr för perioden.", False),
    ("05", "Prognosen för helåret 2026 visar ett underskott på 19,5 mnkr.", False),
    # intäkter's change from the year before (346,2 → 373,6) is no result against budget
    ("05", "Intäkterna var 27,4 mnkr högre än budget för perioden.", False),
]
# fmt: on


def _page_of(run, report: str) -> str:
    (r,) = [r for r in run.results if r.name.startswith(report)]
    return (run.out / r.html).read_text(encoding="utf-8")


@pytest.mark.parametrize(("report", "statement", "true"), STATEMENTS)
def test_statements_about_the_embedded_documents(run, report, statement, true):
    holds, why = claims.statement_holds(statement, _page_of(run, report))
    assert holds == true, (report, statement, why)


@pytest.mark.parametrize(("report", "statement", "true"), GBG_STATEMENTS)
def test_statements_about_goteborgs_delarsrapport(gbg, report, statement, true):
    holds, why = claims.statement_holds(statement, _page_of(gbg, report))
    assert holds == true, (report, statement, why)


def test_a_signed_figure_must_stand_with_its_sign():
    page = "<table><tr><td>−81,5</td><td>−735,8</td><td>−654,4</td><td>26,5</td></tr></table>"
    assert claims.wrong_signs("Avvikelsen är −81,5 mnkr, volymen +26,5 mnkr.", page) == []
    assert claims.wrong_signs("Avvikelsen är +81,5 mnkr.", page) == ["+81,5"]
    # unsigned figures and ranges are the other checks' (a difference of two may be 81,4)
    assert claims.wrong_signs("Avvikelsen är 81,4 mnkr 2017-2022, 0-20 år.", page) == []


def test_the_statement_check_reads_directions():
    text = (
        "Prognosen visar ett underskott på 81,5 mnkr mot budget (prognos −735,8, budget "
        "2023 −654,4). Prognosen för 2023 visar ett överskott mot budget: avvikelsen för "
        "Nettokostnad är 3,1 mnkr. Störst underskott har Externa vård: 84,6 mnkr. Det är 36 "
        "fler än 2022; 78 över budgeten; 302 kr/inv 0-20 år lägre än R9. Förvaltningen "
        "skriver: ”ett underskott på 29,6 mnkr” (rad 283)."
    )
    assert claims.direction_pairs(text) == {
        (81.5, -1), (3.1, 1), (84.6, -1), (36.0, 1), (78.0, 1), (302.0, -1)
    }  # fmt: skip
    # a word's other forms say the same
    forms = (
        "Underskottet uppgår till 81,5 mnkr. Ökningen var 22,8 mnkr. Resultatet försämrades "
        "med 3,1 mnkr. En negativ avvikelse på 79,6 mnkr. Kostnaderna minskar med 2 mnkr."
    )
    assert claims.direction_pairs(forms) == {
        (81.5, -1), (22.8, 1), (3.1, -1), (79.6, -1), (2.0, -1)
    }  # fmt: skip


def test_no_kontroller_row_is_a_false_alarm(run, gbg):
    """The sum checks that fail on each page are the documents' own errors, checked by
    hand: 004's Övriga intäkter (17,4 where prognos − budget is 12,9) and Summa
    kostnader (−99,7 where it is −99,4), 000's earlier plan's 51,1 against its 18 figures'
    54,35; Göteborg's Resultat row is checked in each of its eight columns, and its
    p. 16 Totalt's turned sign is found."""
    t5 = _text(_page_of(run, "05"))
    # 004's driftsammandrag (46 and 2) and its other tables with a proven total (29 and
    # 3): Aktuella ärenden's TOTALT (line 498) is 137, 281 and 130 in Dec 2014, 2016, 2018
    # where Asylsökande + Kommunplacerade are 41 + 94, 174 + 105 and 24 + 104 (checked by
    # hand; the other years add up)
    assert "75 stämmer, 5 avviker" in t5
    assert "Övriga intäkter (rad 366) 17,4, men prognos − budget = 12,9" in t5
    # counts whole, as the document prints them (was '137,0' … '135,0')
    assert "Asylsökande (rad 489) + Kommunplacerade (rad 495) 135 2 " in t5
    assert "137 Asylsökande" in t5 and "135,0" not in t5
    t4 = _text(_page_of(run, "04"))
    assert "31 stämmer, 1 avviker" in t4
    assert "ingen enskild rad förklarar skillnaden" in t4
    assert "genomförandekostnad | 2022" not in t4  # 000 line 106's 17 mnkr adds up
    g5 = _text(_page_of(gbg, "05"))
    # Resultat (p. 11) in its eight columns, and the other tables' totals: p. 16's Totalt
    # of Prognos intäkter helår is printed −1 633,7 where its rows sum to 1 633,7
    assert "37 stämmer, 1 avviker" in g5
    assert "summaraden har motsatt tecken mot radernas summa" in g5
    assert "Total förvaltning och förändringsinitiativ (s. 16, rad 14)" in g5


def test_a_ranking_names_every_value_tied_at_the_top_or_bottom():
    # a bar chart's message: two bars of 78 % are both lowest, as shown
    from sonanalys.report.present import describe_bars

    said = describe_bars(["HVB", "Stödboende Ungdom", "Stödboende Vuxen"], [90, 78.25, 77.875], "%")
    assert said == "högst HVB, 90 %; lägst Stödboende Ungdom och Stödboende Vuxen, båda 78 %"
    assert describe_bars(["a", "b"], [32.0, 32.04], "mnkr", 1) == "a och b: båda 32,0 mnkr"
    assert describe_bars(["a", "b", "c"], [1, 2, 3], "mnkr", 1) == (
        "högst c, 3,0 mnkr; lägst a, 1,0 mnkr"
    )
    # the deficit and the surplus of 05's summary: two rows of the same printed deviation
    import pandas as pd

    most, v = claims.extreme(pd.Series({"A": -1.2, "B": -1.24, "C": 3.0}), 1, largest=False)
    assert (most, v) == (["A", "B"], -1.24)


def test_05_ranks_its_units_by_the_documents_own_occupancy_and_says_the_tie(run):
    # 004 lines 704–708: Ack 2023 is 90, 78, 78 and 100 for the four units (the Totalt row
    # is their unweighted mean, no unit); Stödboende Ungdom and Vuxen share the lowest
    text = _text(_page_of(run, "05"))
    assert (
        "Högst beläggning enligt dokumentets kolumn ”Ack 2023” hade Referensbostad (Vuxen), "
        "100 %; lägst Stödboende Ungdom och Stödboende Vuxen, båda 78 %." in text
    )
    assert "lägst Stödboende Vuxen (78 %)" not in text
    # the printed figure the sentence ranks by stands in the table
    assert re.search(r"Ack 2023</th>", _page_of(run, "05"))
