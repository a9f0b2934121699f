"""The embedded documents printed as PDFs read as their text does
(``fixtures/printed_seeds/make.py``: the seeds set as Word prints them, their markup as
bold; ``fixtures/printed_plans``: 000 and 001 as printed last session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys import domain
from sonanalys.model import Table
from sonanalys.readers import read

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "printed_seeds"
PLAN_000 = "000_reviderad_atgardsplan_2021_linkoping_son"


@pytest.fixture(scope="module")
def seeds_parsed():
    from sonanalys.observations import parse

    return parse([SEEDS])


@pytest.fixture(scope="module")
def seeds_frames(seeds_parsed):
    return domain.build(seeds_parsed.observations, seeds_parsed.cells)


@pytest.fixture(scope="module")
def plans_frames():
    from sonanalys.observations import parse

    r = parse([FIXTURES / "printed_plans"])
    return domain.build(r.observations, r.cells)


def _revised(frames) -> dict[int, tuple[float, float, float]]:
    from sonanalys.analysis import atgarder as aa

    e = aa.effects_against_totals(frames["atgarder"], "Linköping")
    e = e[e["source"].str.startswith("000") & e["effect_kind"].eq("reviderad")]
    return {int(r.year): (r.printed, r.low, r.high) for r in e.itertuples()}


def test_a_ruled_tables_open_side_bounds_its_last_column():
    """000 on A4: the plan table's Status column stands past the page's text box, and
    Chromium draws no border right of it; its rules run on to where the column ends.
    Before, the grid ended at the last drawn vertical: the header had five cells and
    each row's status ('Pågår', 'Genomfört') was read as loose lines beside the table."""
    doc = read(SEEDS / f"{PLAN_000}.pdf")
    heads = [
        [c.text for c in b.rows[0].cells]
        for b in doc.blocks
        if isinstance(b, Table) and b.rows and b.rows[0].cells[0].text == "Förslag"
    ]
    assert heads == [
        [
            "Förslag",
            "Reviderat förslag netto effekt 2021",
            "Reviderat förslag netto effekt 2022",
            "Kostnadsreducering tidigare beslutad åtgärdsplan effekt 2021",
            "Kostnader för genomföra förslaget",
            "Status",
        ]
    ]
    lines = [str(ln) for ln in doc.lines]
    assert "Pågår" not in lines and "Status" not in lines


def test_a_row_split_by_a_page_break_stays_in_its_table(seeds_frames):
    """000 on A4: the row 'Nya riktlinjer vid erbjudande om plats i bostad med särskild
    service' (0,5 / 1 mnkr revised) is split by the break between pages 2 and 3, and
    Chromium draws no rule under its first part nor above its second. Before, its first
    part was read as a table of its own without a header, and the revised sums were
    11,5 and 20,5–21,0 mnkr against the printed 13 and 28,75; as text they are 13 and
    28,25–28,75."""
    assert _revised(seeds_frames) == {2021: (13.0, 13.0, 13.0), 2022: (28.75, 28.25, 28.75)}


def test_a_plan_printed_on_tall_pages_sums_to_its_printed_total(plans_frames):
    """000 on pages 350 mm tall (``printed_plans``): its plan table's continuation on
    page 3 has no rule above its first row (split by the break) and its last column no
    border; before, that row's values lost their columns ('planerad' 0,7 and 1,5 mnkr
    for 2021 and 2022, where the text has 'Kostnader för genomföra förslaget') and 04
    summed the revised measures to 12,5 against the printed 13,0."""
    from sonanalys.analysis import atgarder as aa

    assert _revised(plans_frames) == {2021: (13.0, 13.0, 13.0), 2022: (28.75, 28.25, 28.75)}
    e = aa.effects_against_totals(plans_frames["atgarder"], "Linköping")
    assert not (e["source"].str.startswith("000") & e["effect_kind"].eq("planerad")).any()


@pytest.fixture(scope="module")
def seeds_obs():
    from sonanalys.observations import parse

    return parse([SEEDS]).observations


def test_a_tables_caption_is_the_title_that_ends_the_paragraph_above_it(seeds_obs):
    """In a PDF a heading and the paragraph under it come without a blank line, so a
    table's caption ends the paragraph above it. 004 on A4, page 6: the result table
    stands under '4.1 Enheternas delårsresultat och prognos' (the heading, a paragraph,
    the caption); it was named after the last heading the segmentation saw, 'Särskild
    uppföljning av effektiviseringsåtgärd', as the next two tables were. 003: the year
    prognosis table's caption 'Prognos resultat 2018' gives 'Prognos helår' its year,
    as in the text (it was named 'Driftsammandrag' and had no year)."""
    o = seeds_obs
    d4 = o[o["source"].str.startswith("004") & o["row_label"].eq("Nettokostnad") & o["page"].eq(6)]
    assert set(d4["table"]) == {"4.1 Enheternas delårsresultat och prognos"}
    d3 = o[
        o["source"].str.startswith("003")
        & o["row_label"].eq("Ekonomiskt bistånd")
        & o["column_label"].eq("Prognos helår")
    ]
    assert d3[["table", "year", "year_source", "value"]].values.tolist() == [
        ["Prognos resultat 2018", 2018, "caption", 224615.0]
    ]


def test_orebros_bottom_line_on_the_pdf_is_the_root_total(seeds_obs):
    """004 printed on A4 (its markup set as bold, so the table fits the page): the result
    table's root is the second Nettokostnad (−81,5 mnkr against budget for the year,
    total of the first Nettokostnad and external care), not the first (+3,1), as in
    the text (lines 317–324)."""
    o = seeds_obs
    t = o[
        o["source"].str.startswith("004")
        & o["table"].eq("4.1 Enheternas delårsresultat och prognos")
        & o["column_label"].eq("Avvikelse Budget-Prognos helår, mnkr")
    ]
    roots = t[t["is_root"]]
    assert roots[["row_label", "value", "page"]].values.tolist() == [["Nettokostnad", -81.5, 6]]
    assert t[t["row_label"].eq("Nettokostnad")]["value"].tolist() == [3.1, -81.5]


def test_a_wrapped_label_set_at_its_cells_top_keeps_its_lines(seeds_obs):
    """003 on A4, the indicator table (unruled, cells aligned at the top): a line's
    baseline was taken a fifth of an em above the bottom of any phrase with a comma,
    where a comma reaches half as far down (a value '25,3' lifted its line). The rows'
    lines then stood as close as a cell's, and each label's second line went to the
    row below: 'antal/1000 inv 0-20 år Kostnad/vård dygn för familjehemsvård …' got
    1 974 and 'Invånare … i familjehem,' lost its unit's line."""
    o = seeds_obs
    o = o[o["source"].str.startswith("003") & o["page"].eq(2)]
    got = o.groupby("row_label", sort=False)["value"].apply(list).to_dict()
    invanare = (
        "Invånare 0-20 år placerade på institution eller i familjehem, antal/1000 inv 0-20 år"
    )
    assert got[invanare] == [25.3, 20.4, 13.7]
    assert got[
        "Kostnad/vård dygn för familjehemsvård av barn och unga 0-20 år, kr (genomsnitt)"
    ] == [1974.0]


def test_a_ruled_header_over_a_row_of_values_without_labels_names_its_columns(seeds_obs):
    """004 on A4, page 5: the budget changes are a ruled table of one header row over
    one row of amounts and no label column ('Aktuell budgetram 2023-05-30 | Tilläggsanslag
    … | Aktuell budgetram 2023-08-30' over '654 442 tkr | 115 tkr | … | 654 376 tkr').
    Given as tab lines, the tab layout read both rows as data and the five amounts had
    no column; as in the text, each is now under its header (the budget frame 2023)."""
    o = seeds_obs
    t = o[
        o["source"].str.startswith("004")
        & o["table"].eq("Budgetförändringar mot verksamhetsplanen")
    ]
    assert t[["column_label", "value", "value_kind"]].values.tolist() == [
        ["Aktuell budgetram 2023-05-30", 654442.0, "budget"],
        ["Tilläggsanslag lönerrevision kommunals avtal", 115.0, ""],
        ["Ombudgetering effektiviseringskrav", -103.0, ""],
        ["Rättning hyresindex", -78.0, ""],
        ["Aktuell budgetram 2023-08-30", 654376.0, "budget"],
    ]
    assert t["year"].tolist()[::4] == [2023, 2023]


def test_a_caption_under_its_heading_wrapped_over_two_lines_names_the_table(seeds_frames):
    """002 on A4, page 13: the summary of the four plans stands under its heading,
    wrapped over two lines ('… plan 2025-' / '2029'), and its caption on one line; the
    two came as one paragraph with no sentence's end before the caption, so the table
    kept an earlier plan's name and 04 took the four plans' sums for that plan's
    measures: 243,6 mnkr for 2024 against the printed 121,8 ('avviker'). As in the
    text, the totals now agree."""
    from sonanalys.analysis import atgarder as aa

    e = aa.effects_against_totals(seeds_frames["atgarder"], "Linköping")
    e = e[e["source"].str.startswith("002")]
    got = {int(r.year): (r.printed, r.low, r.note) for r in e.itertuples()}
    assert got == {
        2024: (121.8, 121.8, "stämmer"),
        2025: (166.1, 166.1, "stämmer"),
        2026: (184.1, 184.1, "stämmer"),
        2027: (190.0, 190.0, "stämmer"),
    }


def test_02s_sources_name_the_pdfs_pages(seeds_frames):
    """004 printed: a PDF counts its lines per page, and 02's key figures, its tables'
    notes, its computed cost per dygn and its price/volume bridge named lines alone
    ('rad 9', 'rad 4, 8, 9', '(rad 9 och 4)'), a place that is on every page. Now each
    names its page, as 01's, 03's and 05's do."""
    from sonanalys.analysis import care, claims, findings

    v, p = seeds_frames["varddygn"], seeds_frames["placements"]
    cs = [c for c in findings.varddygn_claims(v, p, "Örebro") if c.label]
    where = {c.label: c.where().split(".pdf, ")[1] for c in cs}
    assert where["Total kostnad 2022"] == "s. 10, rad 9"
    assert where["Kostnad per vårddygn 2022"] == "s. 10, rad 8"
    assert where["Kostnadsförändring 2021–2022"] == "s. 10, rad 4, 8, 9"
    assert all(w.startswith("s. ") for w in where.values()), where
    steps = care.price_volume_steps(care.cost_series(v, p, "Örebro"))
    assert steps.attrs["where"] == "s. 10, rad 4, 8–9"
    derived = v[(v["basis"] == "beräknad") & (v["year"] == 2022) & (v["period"] == "helår")]
    assert derived["derivation"].tolist() == [
        "330,0 mnkr / (425 personer × 365 dygn) (s. 10, rad 9 och 4)"
    ]
    vd = care.latest(v[(v["measure"] == "vårddygn") & (v["municipality"] == "Örebro")])
    assert claims.rows_at(vd) == "s. 11, rad 6–7, 9–10"


def test_04s_failed_sum_check_names_its_total_rows_page(seeds_frames):
    """000 printed: its Summa row (tidigare beslutad, 51,10 against the rows' 54,35)
    stands on line 18 of page 3, and 04's Kontroller said 'rad 18': a line on every
    page. Now the place is the page's (the summed rows already named theirs)."""
    from sonanalys.analysis import atgarder as aa

    a = seeds_frames["atgarder"]
    t = aa.checks_off(seeds_frames["checks"], a[a["municipality"] == "Linköping"])
    assert t["rad"].tolist() == ["s. 3, rad 18"]
    assert t["dokumentets summa"].tolist() == [51.1]
    assert "Gemensamt HVB (s. 2, rad 14)" in t["summerade rader"].iloc[0]


def test_a_heading_that_shares_only_its_areas_words_names_no_measure(seeds_frames, seeds_parsed):
    """000 printed: the sentence on the IOP ('I dag är kommunens del 2 mnkr och förslaget
    är att IOP:n reduceras med 1 mnkr …', p. 6, line 19) stands under 'Genomlysning av
    barn och unga' there (its own heading not read as one), and 04 compared it with
    'Systematisk uppföljning … för barn och unga': 'samma belopp', by the area's words
    'barn' and 'unga' alone. Words of the plan's areas name no one measure."""
    from sonanalys.analysis import atgarder as aa

    t = aa.text_against_tables(seeds_frames["atgarder"], seeds_parsed.observations, "Linköping")
    assert not t["measure"].str.startswith("Systematisk uppföljning").any(), t


def _tables(path: Path) -> dict[str, list[list[str]]]:
    return {
        b.caption: [[c.text for c in r.cells] for r in b.rows]
        for b in read(path).blocks
        if isinstance(b, Table)
    }


def test_an_unruled_tables_cells_wrapped_over_lines_and_set_in_the_middle_are_one_row():
    """001 printed on A4 (``printed_plans``; unruled, a rule under the header, cells set
    in the middle): its first plan table's measures wrap over two to four lines, and a
    value on one line stands in the middle of its row, on a line of its own between
    the label's lines or with the first of them ('Översyn arbetssätt, skapa' /
    'kostnadsmedvetenhet kring' / '4 mnkr  2021' / 'placeringskostnader – kortare' /
    …); a time column's text set left and its years set right. Before, each such row
    was read as two or three (a label without values, values without a label), the
    years as a column of their own, and 04's check of the table's Summa said 16,5
    against the printed 23,5. The rows are now the text's, one each."""
    name = "001_atgardsplan_2020_linkoping_son"
    caption = "Utveckling och effektivisering av handläggningsprocessen"
    printed = _tables(FIXTURES / "printed_plans" / f"{name}.pdf")[caption]
    text = _tables(Path(__file__).parents[1] / "data" / "raw" / f"{name}.txt")[caption]
    assert printed == text
    assert printed[2] == [
        "Översyn arbetssätt, skapa kostnadsmedvetenhet kring placeringskostnader – kortare "
        "uppsägningstid och mellantvång",
        "4 mnkr",
        "2021",
    ]
    assert printed[3] == [
        "Gemensamt HVB",
        "1 mnkr",
        "(lägre kostnader och Q 3 2020 delfinansiering från Regionen)",
    ]


def test_a_text_cell_set_in_the_middle_above_the_first_rows_values_is_no_header():
    """001 printed on A4 (``printed_plans``), 'Insatser till vuxna, individ och
    familjeomsorg' at the foot of page 4: its amounts ('1,5 mnkr', 'Ca 0,6 mnkr') set
    left and of one width, its time column wrapped over two lines beside one-line
    labels, set in the middle, so the time column's first line stands above the first
    row's values ('2021 (Dialog med' / 'Akutboendeteam  1,5 mnkr' / 'Leanlink)').
    Before, no table was found there (the wrapped lines stood in no column), and the
    layouts read '2021 (Dialog med Akutboendeteam' as a measure and
    'beroendemottagningen 2023-01-01' as one time; then, found, that first line was
    taken for the header ('Tidsaspekt / 2021 (Dialog med'). Its rows on page 4 are now
    the text's."""
    name = "001_atgardsplan_2020_linkoping_son"
    caption = "Insatser till vuxna, individ och familjeomsorg"
    printed = _tables(FIXTURES / "printed_plans" / f"{name}.pdf")[caption]
    text = _tables(Path(__file__).parents[1] / "data" / "raw" / f"{name}.txt")[caption]
    assert printed[:5] == text[:5]
    assert printed[1] == ["Akutboendeteam", "1,5 mnkr", "2021 (Dialog med Leanlink)"]


def test_a_headers_second_row_under_its_years_names_the_columns(seeds_obs):
    """003 on A4, the indicator table (unruled, cells set at the top): a header of years
    ('2016  2017  2018') over a second row ('Utfall' / 'per 31' / 'aug.' wrapped in its
    column, 'Målvärde', 'Prognos'), then a section row. The years' line was the header
    alone and the second row's lines went to the first row of the body, so no value had
    a column: 'Invånare 0-20 år … antal/1000 inv' gave 25,3, 20,4 and 13,7 without a
    year (placements for 2018 three times). As in the text, each is now under its year,
    the third under '2018 / Utfall per 31 aug.' (a date wrapped after its day is one
    phrase)."""
    o = seeds_obs
    t = o[
        o["source"].str.startswith("003")
        & o["row_label"].str.startswith("Invånare 0-20 år placerade")
    ]
    assert t[["column_label", "year", "period", "value"]].values.tolist() == [
        ["2016", 2016, "", 25.3],
        ["2017", 2017, "", 20.4],
        ["2018 / Utfall per 31 aug.", 2018, "jan-aug", 13.7],
    ]


def test_a_row_split_by_a_page_break_is_one_row(seeds_obs, seeds_parsed):
    """000 on A4: the break between pages 2 and 3 splits the plan table's row 'Nya
    riktlinjer vid erbjudande om plats i' / 'bostad med särskild service' (its
    Kostnadsreducering cell too: '3 mnkr reducering av kostnader för' / 'obelagda
    platser samt viten …'). The table already went on (c1091c7), but as two rows: the
    values under a label cut off mid-phrase ('… om plats i') and a row of text alone.
    A first row after a break whose label goes on from the row above (lower case, or
    the label above stops on a preposition) and holds no value is that row's rest; the
    join is said in the parse report."""
    o = seeds_obs
    t = o[o["source"].str.startswith("000") & o["row_label"].str.startswith("Nya riktlinjer vid")]
    assert t[["row_label", "column_label", "value"]].values.tolist() == [
        [
            "Nya riktlinjer vid erbjudande om plats i bostad med särskild service",
            column,
            value,
        ]
        for column, value in (
            ("Reviderat förslag netto effekt 2021", 0.5),
            ("Reviderat förslag netto effekt 2022", 1.0),
            ("Kostnadsreducering tidigare beslutad åtgärdsplan", 3.0),
        )
    ]
    r = seeds_parsed.report
    said = r[r["source"].str.startswith("000") & r["reason"].str.startswith("raden delad")]
    assert said[["page", "line", "cell_text"]].values.tolist() == [
        [3, 2, "bostad med särskild service"]
    ]


def test_04s_status_table_counts_a_split_row_once(seeds_frames):
    """000 printed on A4: the row the page break splits was two measures ('Nya
    riktlinjer vid erbjudande om plats i' and 'bostad med särskild service'), so 04's
    table of measures by area and status counted 13 for Vuxna against the text's 12."""
    from sonanalys.analysis import atgarder as aa

    t = aa.by_area_status(seeds_frames["atgarder"], "Linköping")
    t = t[t["source"].str.startswith("000")]
    assert t.groupby("area")[t.columns[-1]].sum().to_dict() == {
        "Barn och unga": 9,
        "Generella": 5,
        "Vuxna": 12,
        "ej angivet område": 5,
    }


def test_a_heading_over_a_sentence_that_opens_with_its_year_is_a_heading(seeds_obs):
    """000 printed on A4, page 6: 'Reducera IOP- människor i social utsatthet' over
    '2018 upprättades en IOP …' was read as the paragraph's first line (the next line
    began with no capital), so the IOP's 2 mnkr and 1 mnkr (line 19) stood in the
    section 'Genomlysning av barn och unga' above; in the text they stand under the
    heading."""
    o = seeds_obs[
        seeds_obs["source"].str.startswith("000")
        & seeds_obs["row_label"].str.contains("IOP:n reduceras", regex=False)
    ]
    assert o[["page", "line", "section", "value"]].values.tolist() == [
        [6, 24, "Reducera IOP- människor i social utsatthet", 2.0],
        [6, 24, "Reducera IOP- människor i social utsatthet", 1.0],
    ]


def test_a_short_line_before_a_sentence_opening_with_a_year_is_a_heading():
    """The rule behind the test above, on lines as the PDF reader gives them: the
    sentence under a heading may open with its year; a line of years or a year with a
    figure after it opens no sentence."""
    from sonanalys.model import Heading, Paragraph
    from sonanalys.readers.text import segment

    done = "Vilka förutsättningar finns för att ge stöd på hemmaplan."
    blocks, _ = segment(
        [
            done,
            "Reducera IOP- människor i social utsatthet",
            "2018 upprättades en IOP (idéburet offentligt partnerskap) med Stadsmissionen.",
        ]
    )
    assert [(type(b), b.text) for b in blocks] == [
        (Paragraph, done),
        (Heading, "Reducera IOP- människor i social utsatthet"),
        (
            Paragraph,
            "2018 upprättades en IOP (idéburet offentligt partnerskap) med Stadsmissionen.",
        ),
    ]
    for nxt in ("2018 2019 2020 2021 2022 2023 2024 2025 2026", "2018: 4 mnkr, 2019: 5 mnkr i"):
        blocks, _ = segment([done, "Reducera IOP- människor i social utsatthet", nxt])
        assert not any(isinstance(b, Heading) for b in blocks), (nxt, blocks)


def test_a_text_cell_wrapped_over_three_lines_stays_in_its_row(seeds_obs):
    """003 on A4, the indicator table (unruled, cells set at the top): the section row
    'Individ & familjeomsorg, barn, unga, vuxna' holds 'Siffra där det är möjligt' in
    its last column, wrapped over three lines; the third ('möjligt') stands nearer the
    next section row's label ('Social barn och ungdomsvård') than the first line of
    its own cell, and went there: two section rows of text, so that section was no
    section and the six indicators under it stood in none. As in the text, the wrapped
    cell is one, and 'Social barn och ungdomsvård' heads the rows under it."""
    tables = _tables(SEEDS / "003_delarsrapport_aug_2018_linkoping_socialnamnden.pdf")
    rows = tables["Indikatorer"]
    assert rows[1:3] == [
        ["Individ & familjeomsorg, barn, unga, vuxna", "", "", "", "", "Siffra där det är möjligt"],
        ["Social barn och ungdomsvård", "", "", "", "", ""],
    ]
    o = seeds_obs
    t = o[o["source"].str.startswith("003") & o["row_label"].str.startswith("Anmälningar till")]
    assert t[["section", "column_label", "value"]].values.tolist() == [
        ["Social barn och ungdomsvård", "2016", 3331.0],
        ["Social barn och ungdomsvård", "2017", 3691.0],
        ["Social barn och ungdomsvård", "2018 / Utfall per 31 aug.", 2490.0],
        # the year over 'Utfall per 31 aug.', 'Målvärde' and 'Prognos', as the text
        # reads it (pdf_layout._last_year_over_the_rest)
        ["Social barn och ungdomsvård", "2018 / Prognos", 3735.0],
    ]


def test_a_banded_tables_first_row_under_its_header_is_a_row_and_its_time_column_a_column():
    """001 printed on A4 (``printed_plans``), 'Insatser för barn och unga' on page 5
    (unruled, cells set in the middle): the time column's text wraps beside labels of
    two and three lines ('Reducering av årsarbetare,' / '0,65 mnkr' / 'brottsförebyggande
    brobyggare', with '2021 (Dialog med' / 'Leanlink)' beside the label's lines), and
    the first row's amount is in a text cell ('Reducering av kostnader på' / 'HVB, ca
    5,0 mnkr'). Before, its column was found on one line only ('Från Q 3 2020': lines
    that also hold a label did not count), so the table broke off after 'Färre avrop
    …' and the rest was read as spaced lines (0,65 and 9,75 in running text, 5 and 1,1
    of one paragraph); with the column, the first row (a band apart from the header,
    text in the label column) was taken into the header. The table is now the text's,
    row for row, each amount under 'Kostnadsreducering' with its time."""
    name = "001_atgardsplan_2020_linkoping_son"
    caption = "Insatser för barn och unga"
    printed = _tables(FIXTURES / "printed_plans" / f"{name}.pdf")[caption]
    text = _tables(Path(__file__).parents[1] / "data" / "raw" / f"{name}.txt")[caption]
    assert printed == text
    assert printed[3] == [
        "Reducering av årsarbetare, brottsförebyggande brobyggare",
        "0,65 mnkr",
        "2021 (Dialog med Leanlink)",
    ]


def test_a_rows_first_line_at_a_pages_top_is_no_header_when_the_next_goes_on_from_it():
    """001 printed on A4 (``printed_plans``): 'Insatser till vuxna, individ och
    familjeomsorg' goes on at the top of page 5 with a row whose label and time wrap
    over three lines, set in the middle ('Ny upphandling stödboende för' + '2021 (nytt
    avtal från' / 'våldsutsatta kvinnor med' + 1,6 mnkr / 'missbruksproblematik'), no
    header repeated. Its first line was taken for the header (it has a label), so the
    row lost its first words and the time its first line ('2021-04-01) Full effekt
    helår 2022'). A line right above the first row, a line apart, whose label the row's
    goes on from (lower case) is the row's. The table is now the text's, row for
    row."""
    name = "001_atgardsplan_2020_linkoping_son"
    caption = "Insatser till vuxna, individ och familjeomsorg"
    printed = _tables(FIXTURES / "printed_plans" / f"{name}.pdf")[caption]
    text = _tables(Path(__file__).parents[1] / "data" / "raw" / f"{name}.txt")[caption]
    assert printed == text
    assert printed[5] == [
        "Ny upphandling stödboende för våldsutsatta kvinnor med missbruksproblematik",
        "1,6 mnkr",
        "2021 (nytt avtal från 2021-04-01) Full effekt helår 2022",
    ]


def test_rows_apart_are_measured_where_their_labels_stand():
    """001 printed on A4 (``printed_plans``), 'Insatser för funktionsnedsatta' (unruled,
    cells set in the middle): its one-line rows 'Psykiatrisk hemtjänst  3 mnkr' and
    'Förändrat uppdrag' / 'personligt ombud' (3 mnkr set between the two lines) stand
    21 pt apart by the lines' baselines (the second line's pulled down by its value)
    but 15 pt by where their labels stand, so the rows' spacing was taken as 21 pt and
    'Översyn av' / 'verksamheter/avtal' and 'Förändrat uppdrag' / 'Barnhemsgatan, ny'
    (15 pt apart) were one cell: 'Översyn av verksamheter/avtal Förändrat uppdrag'
    with 8,5 mnkr, 'Barnhemsgatan, ny boendeform stödboende' with 3,1 mnkr. The rows'
    spacing is now the nearer of the two measures, and the table is the text's."""
    name = "001_atgardsplan_2020_linkoping_son"
    caption = "Insatser för funktionsnedsatta"
    printed = _tables(FIXTURES / "printed_plans" / f"{name}.pdf")[caption]
    text = _tables(Path(__file__).parents[1] / "data" / "raw" / f"{name}.txt")[caption]
    assert printed == text
    assert printed[1:3] == [
        ["Översyn av verksamheter/avtal", "8,5 mnkr", "2021 (Dialog med Leanlink)"],
        [
            "Förändrat uppdrag Barnhemsgatan, ny boendeform stödboende",
            "3,1 mnkr",
            "Q 4 2020 (Uppsägning av samverkansöverenskommelse med Regionen)",
        ],
    ]


def test_a_header_cell_wrapped_before_its_noun_is_one_phrase(seeds_obs):
    """003 on A4, the result table (unruled): 'Avvik. mot periodiserad budget* 31/8
    2018' wraps before 'budget*', a kind of figure, and was stacked as two parts
    ('Avvik. mot periodiserad / budget* 31/8 2018'); the text names the column as one
    phrase."""
    o = seeds_obs
    t = o[o["source"].str.startswith("003") & o["row_label"].eq("HVB unga")]
    t = t[t["column_label"].str.startswith("Avvik. mot")]
    assert t[["column_label", "year", "period", "value"]].values.tolist() == [
        ["Avvik. mot periodiserad budget* 31/8 2018", 2018, "jan-aug", -10968.0]
    ]


def test_numbers_set_left_under_their_headers_are_in_their_columns(seeds_obs):
    """003 on A4, the forecast table (unruled): the italic 'varav' rows are set left in
    their columns, the header and the other rows' numbers right; they stood in columns
    of their own, each value under the column left of its own."""
    o = seeds_obs
    t = o[o["source"].str.startswith("003") & o["row_label"].str.endswith("varav kostnader")]
    assert t[["column_label", "value"]].values.tolist() == [
        ["Prognos helår", -665169.0],
        ["Budget 2018", -625328.0],
        ["Avvikelse", -42241.0],
        ["Bokslut 2017", -810652.0],
    ]


def test_a_ruled_row_of_text_values_is_no_header(seeds_obs):
    """002 on A4, the goal table under 'En organisation med hög produktivitet och
    effektivitet': its first row's values are text ('IFO 120 LSS 259', 'Minska') and
    were stacked into the header ('2022 / IFO 120 LSS 259'). The row repeats 'Minska'
    of the row below it in the same column: a row, so the columns are named by the
    header alone, as in the text."""
    o = seeds_obs
    t = o[
        o["source"].str.startswith("002")
        & o["row_label"].str.contains("Minskat antal dygn i dygnsplaceringar")
    ]
    assert t[["column_label", "year", "value"]].values.tolist() == [
        ["2022", 2022, 25863.0],
        ["2023", 2023, 26387.0],
    ]


def test_a_browsers_page_keeping_one_wrap_space_glues_no_words(seeds_frames):
    """004 on A4, the bilaga of decided measures: one cell line on its pages kept the
    space it wraps at, and the page was taken for one that keeps them all, so lines
    that filled their cells were glued to the next ('Socialnämndensom',
    'boendeplatserför'): three measures' names were not the text's."""
    a = seeds_frames["atgarder"]
    names = set(a[a["source"].str.startswith("004")]["measure"].astype(str))
    assert {
        "Identifiera insatser från Socialnämnden som kan utföras i kommunal respektive"
        " extern regi.",
        "Kartlägga förutsättningarna för intern HVB-verksamhet för yngre barn och ungdomar",
        "Utökning av nyktra boendeplatser för vuxna",
    } <= names
    assert not any("Socialnämndensom" in n or "platserför" in n for n in names)


def test_a_hyphen_kept_with_its_space_at_a_cells_line_end_keeps_the_space(seeds_obs):
    """000 on A4: 'Revidera IOP- människor i utsatthet' wraps after 'IOP- ', the page's
    text keeping the space ('IOP- människor'); it was read 'IOP-människor', as a
    compound broken at its hyphen (``pdf_layout.WordBreaks.spaced_hyphen``)."""
    o = seeds_obs
    t = o[o["source"].str.startswith("000") & o["row_label"].str.startswith("Revidera IOP")]
    assert t[["row_label", "column_label", "value"]].values.tolist() == [
        [
            "Revidera IOP- människor i utsatthet, (färre individer som omfattas av IOPn)",
            column,
            value,
        ]
        for column, value in (
            ("Reviderat förslag netto effekt 2021", 0.5),
            ("Reviderat förslag netto effekt 2022", 1.0),
        )
    ]


def test_a_wide_tables_open_side_beside_a_narrower_tables_drawn_side(seeds_obs, seeds_frames):
    """004 on A4, the bilaga of decided measures: a page holding the end of one measure's
    table (its right side drawn at 543) and the next measures' table, printed wider
    (its rules run on to 545,5, no side drawn there). The drawn side, within a snap of
    the rules' end, kept the wide table's side from being closed: its last column
    ('Beskriv förväntad effekt', 'Lärande i organisationen, …') was read as loose lines,
    so the comment under 'Förändrad resurs som företrädare i domstol' lost its row and
    two measures their effects (``pdf_layout._past_drawn_side``)."""
    o = seeds_obs
    o = o[o["source"].str.startswith("004") & o["row_label"].str.endswith("Kommentar:")]
    comment = o[o["value"].isin([424.0, 2100.0])]
    assert list(comment["row_label"]) == 2 * [
        "Förändrad resurs som företrädare i domstol / Kommentar:"
    ]
    a = seeds_frames["atgarder"]
    effects = a[a["source"].str.startswith("004") & a["measure"].str.startswith("Förändrad")]
    assert {
        "Förändrad resurs som företrädare i domstol",
        "Förändrad placeringssamordning, införande av digital tjänst",
    } <= set(effects["measure"].astype(str))
