"""Whole tables printed on one line (readers.flat): the real lines of the flattened
transcripts in tests/corpus (dev_01, dev_08), lines that are no such table, and
generated tables printed flat and read back."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sonanalys.model import Paragraph, Table
from sonanalys.observations import parse
from sonanalys.readers.flat import (
    AMBIGUOUS,
    LEFT_OVER,
    SIGN_APART,
    UNNAMED,
    UNPLACED,
    read_line,
)

TEXT = Path(__file__).parent / "corpus" / "text"
DEV01 = TEXT / "dev_01_upplandsvasby_manadsrapport_resultat.txt"
DEV08 = TEXT / "dev_08_okand_kommunstyrelsen_bokslut2012_driftsredovisning.txt"


def _line(path: Path, n: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[n - 1]


def _grid(t: Table) -> dict[str, dict[str, str]]:
    """label -> column name -> cell text (the last row of a label wins)."""
    head = t.rows[0].texts
    return {r.texts[0]: dict(zip(head[1:], r.texts[1:], strict=True)) for r in t.rows[1:]}


def test_dev08_two_tables_on_one_line_with_glued_negatives():
    blocks = read_line(_line(DEV08, 9), 9)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph"]
    first, second = blocks[1], blocks[2]
    assert isinstance(first, Table) and isinstance(second, Table)
    assert first.caption == "Driftsredovisning Resultaträkning (mnkr)"
    assert first.rows[0].texts == ["", "Utfall", "Årsbudget", "Resultat", "Utfall", "Utfall"]
    # "-575,5-549,5-26,0-599,3-587,0": five cells
    kost = next(r for r in first.rows if r.texts[0] == "Verksamhetens kostnader")
    assert kost.texts[1:] == ["-575,5", "-549,5", "-26,0", "-599,3", "-587,0"]
    assert [r.texts[0] for r in first.rows[1:]][-1] == "Årets resultat"
    assert second.caption == "Sammanställning av Kommunstyrelsens verksamheter (mnkr)"
    assert second.rows[0].texts == ["Sektor/enhet", "Utfall", "Årsbudget", "Resultat"]
    assert _grid(second)["Sektorn för Välfärd"]["Resultat"] == "-0,44"  # "377,84-0,44"
    assert not first.warnings and not second.warnings
    # the text around the tables stays prose, at the same line
    assert isinstance(blocks[3], Paragraph) and blocks[3].line == 9
    assert blocks[3].text.startswith("Kommunstyrelsens verksamheter redovisar")


def test_dev08_read_through_the_parse_with_the_line_as_provenance():
    r = parse([DEV08])
    o = r.observations
    t = o[(o["table"] != "text") & (o["line"] == 9)]
    kost = t[t["row_label"] == "Verksamhetens kostnader"]
    assert kost["value"].tolist() == [-575.5, -549.5, -26.0, -599.3, -587.0]
    assert kost["column_label"].tolist() == ["Utfall", "Årsbudget", "Resultat", "Utfall", "Utfall"]
    assert set(t["unit"]) == {"mnkr"}  # from the caption "(mnkr)"
    netto = t[t["row_label"] == "Nettokostnader"]
    assert netto["is_total"].all()  # proven: intäkter + kostnader
    # the sentence after the tables is still read as prose
    prose = o[(o["table"] == "text") & o["row_label"].str.contains("positivt resultat på")]
    assert prose["value"].tolist() == [5.2]
    # nothing of the line left to the "not read" report
    assert not (r.report["reason"].str.startswith("tal i en tabell utskriven på en rad")).any()


def test_dev01_short_rows_are_placed_only_where_the_sums_prove_it():
    line = _line(DEV01, 9)
    blocks = read_line(line, 9)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    g = _grid(t)
    # "Intäkter"/"Kostnader" head groups; the cost columns' printed order ("Övr. kostn.
    # Summa Köp av verksam.") is contradicted by the sums: those columns get no name
    head = ["Verksamhet", "Kom. ers.", "Fsg av verksam.", "Övr. int.", "Summa", "Resultat"]
    assert t.rows[0].texts == head
    assert g["Äldreomsorg"] == {
        "Kom. ers.": "218,4", "Fsg av verksam.": "1,2", "Övr. int.": "46,1",
        "Summa": "265,7", "Resultat": "-13,0",
    }  # fmt: skip
    # "Ledning SOK 2,4 2,4-1,9-1,9 0,5": five values for eight columns. The sums prove
    # the Summa (2,4) and the Resultat (0,5); which income column holds the first 2,4
    # they do not prove (the column totals leave two placements): reported
    assert g["Ledning SOK"]["Resultat"] == "0,5" and g["Ledning SOK"]["Summa"] == "2,4"
    assert g["Ledning SOK"]["Kom. ers."] == ""
    unplaced = [(tok, why) for _, tok, why in t.warnings if why.startswith(UNPLACED)]
    assert ("2,4", f"{UNPLACED} (rad 'Ledning SOK': 5 värden, 8 kolumner)") in unplaced
    assert g["IFO: Buffert"]["Resultat"] == "2,3"
    # two labels, then two rows' values: the rows in printed order
    assert g["Centrala kostnader och administration"]["Resultat"] == "1,0"
    assert g["Barn- och ungdomsvård"]["Kom. ers."] == "78,7"
    assert g["Barn- och ungdomsvård"]["Resultat"] == "-12,8"
    assert g["Summa verksamheter"]["Kom. ers."] == "659,0"
    unnamed = [tok for _, tok, why in t.warnings if why.startswith(UNNAMED)]
    assert unnamed[-3:] == ["-610,9", "-255,3", "-866,2"]
    # nothing lost: every number of the table is read or reported, once
    part = line[line.index("Ledning SOK") : line.index("Kommentar")]
    printed = len(re.findall(r"\d+,\d", part))
    read = sum(bool(c) for r in t.rows[1:] for c in r.texts[1:])
    assert read + len(t.warnings) == printed == 85


def test_dev01_through_the_parse():
    r = parse([DEV01])
    o = r.observations
    t = o[o["table"] != "text"]
    res_col = t[t["column_label"] == "Resultat"]
    res = dict(zip(res_col["row_label"], res_col["value"], strict=True))
    assert res["Summa verksamheter"] == -13.9 and res["Ledning SOK"] == 0.5
    root = t[t["is_root"].astype(bool)]
    assert set(root["row_label"]) == {"Summa verksamheter"}
    said = r.report[r.report["reason"].str.startswith("kolumn kan inte avgöras")]
    assert set(said["line"]) == {9} and set(said["severity"]) == {"warning"}
    # the comment after the table is prose: "underskott mot budget med -13,0 mkr"
    prose = o[(o["table"] == "text") & o["row_label"].str.contains("underskott mot budget")]
    assert -13.0 in prose["value"].tolist()


def test_lines_that_are_no_table_on_one_line():
    # prose with amounts and their units (dev_01 line 11)
    assert read_line(_line(DEV01, 11), 11) == []
    # all labels first, then all values (dev_02): another layout, not read here
    dev02 = TEXT / "dev_02_kalmar_ekonomisk_rapport_prognos.txt"
    assert read_line(_line(dev02, 6), 6) == []
    # a whole document on one line of prose (round two, dev_28)
    round2 = Path(__file__).parent / "corpus" / "round2"
    dev28 = round2 / "dev_28_nacka_afn_tertialbokslut1_2016.txt"
    text = dev28.read_text(encoding="utf-8").split("\n")
    assert all(read_line(x, n) == [] for n, x in enumerate(text, 1))
    # numbers without a header word before them: no columns to name
    line = (
        "Sammanställning Tillväxtenheten 28,17 30,69 2,52 Sektorn för verksamhetsstöd "
        "17,28 18,40 1,11 Bilvård 60,03 62,04 2,01"
    )
    assert read_line(line, 1) == []


def test_a_digit_group_in_a_table_of_decimals():
    line = (
        "Tabell 2 Nettokostnad (tkr) Budget Utfall Avvikelse Familjehem 1 801,5 1 750,0 51,5 "
        "HVB 12 400,0 13 020,5 -620,5 Summa 14 201,5 14 770,5 -569,0 Kommentar följer."
    )
    t = next(b for b in read_line(line, 3) if isinstance(b, Table))
    assert _grid(t)["Familjehem"] == {"Budget": "1 801,5", "Utfall": "1 750,0", "Avvikelse": "51,5"}
    assert _grid(t)["Summa"]["Avvikelse"] == "-569,0"
    assert t.caption == "Nettokostnad (tkr)"


# ---------------------------------------------------------------------------------------
# generated tables printed flat and read back
# ---------------------------------------------------------------------------------------

NOUNS = ["Familjehem", "HVB", "Jourhem", "Öppenvård", "Myndighet", "Stödboende", "Ledning",
         "Utredning", "Placeringar", "Socialpsykiatri", "Familjerätt", "Behandling"]  # fmt: skip
TAILS = ["", "", "barn", "vuxna", "unga", "egen regi", "externt"]
NAMES = ["Budget", "Utfall", "Prognos", "Avvikelse", "Bokslut", "Årsbudget"]


def _sv(v: float, decimals: int = 1) -> str:
    whole, _, frac = f"{abs(v):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ("-" if v < 0 else "") + " ".join([whole, *groups]) + ("," + frac if frac else "")


@st.composite
def flat_tables(draw, drops: bool, decimals: int = 1):
    n_parts = draw(st.integers(2, 4))
    names = draw(st.permutations(NAMES))[:n_parts]
    summa = draw(st.booleans())
    n_rows = draw(st.integers(4, 7))
    labels = draw(
        st.lists(
            st.tuples(st.sampled_from(NOUNS), st.sampled_from(TAILS)),
            min_size=n_rows, max_size=n_rows, unique_by=lambda x: x[0],
        )
    )  # fmt: skip
    scale = 10**decimals
    value = st.integers(1, 999_999).map(lambda x: x / scale) | st.integers(-999_999, -1).map(
        lambda x: x / scale
    )
    rows = []
    for i, (noun, tail) in enumerate(labels):
        vals: list[float | None] = [draw(value) for _ in range(n_parts)]
        # dropped cells in some rows (never in the first three: they prove the sums)
        if drops and i >= 3 and draw(st.booleans()):
            k = draw(st.integers(1, n_parts - 1))
            for j in draw(st.permutations(range(n_parts)))[:k]:
                vals[j] = None
        if summa:
            vals.append(round(sum(v for v in vals if v is not None), decimals))
        rows.append((f"{noun} {tail}".strip(), vals))
    total = draw(st.booleans())
    if total:
        width = len(rows[0][1])
        sums = [round(sum(r[1][j] or 0.0 for r in rows), decimals) for j in range(width)]
        rows.append(("Summa totalt", sums))
    header = names + (["Summa"] if summa else [])
    return header, rows


def _run(cells: list[str]) -> str:
    """The cells as a transcript prints them: a negative glued to the cell before."""
    return cells[0] + "".join(c if c.startswith("-") else " " + c for c in cells[1:])


def _flatten(header: list[str], rows, decimals: int = 1) -> str:
    out = ["5 Ekonomi 2.1 Resultat per verksamhet (mnkr) Verksamhet", *header]
    for label, vals in rows:
        out += [label, _run([_sv(v, decimals) for v in vals if v is not None])]
    out.append("Nämnden redovisar ett resultat på 5,2 mnkr.")
    return " ".join(out)


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=flat_tables(drops=False))
def test_generated_tables_read_back_as_printed(case):
    header, rows = case
    blocks = read_line(_flatten(header, rows), 4)
    t = next(b for b in blocks if isinstance(b, Table))
    assert t.caption == "Resultat per verksamhet (mnkr)"
    assert t.rows[0].texts == ["Verksamhet", *header]
    assert [r.texts[0] for r in t.rows[1:]] == [label for label, _ in rows]
    for (_, vals), r in zip(rows, t.rows[1:], strict=True):
        assert r.texts[1:] == [_sv(v) for v in vals if v is not None]
    assert not t.warnings
    assert blocks[-1].text == "Nämnden redovisar ett resultat på 5,2 mnkr."


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=flat_tables(drops=True))
def test_generated_tables_with_dropped_cells_never_guess(case):
    # every value read stands in its own column; every other is reported; none lost
    header, rows = case
    blocks = read_line(_flatten(header, rows), 4)
    t = next(b for b in blocks if isinstance(b, Table))
    names = t.rows[0].texts[1:]
    assert set(names) <= set(header)
    by_label = {label: vals for label, vals in rows}
    read = 0
    for r in t.rows[1:]:
        vals = by_label[r.texts[0]]
        for name, text in zip(names, r.texts[1:], strict=True):
            if text:
                read += 1
                assert text == _sv(vals[header.index(name)]), (r.texts[0], name)
    printed = sum(v is not None for _, vals in rows for v in vals)
    assert read + len(t.warnings) == printed
    assert {why.split(" (")[0] for _, _, why in t.warnings} <= {UNPLACED, UNNAMED}


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=flat_tables(drops=False, decimals=0))
def test_generated_tables_of_whole_numbers_read_or_said(case):
    # whole numbers: "20 000 19 500 500" reads two ways into three columns. A row is read
    # when one way is left (by its digit groups, or by the total row); else its words
    # are reported, every one of them (and the rows after, where the table ends at a
    # run too long to try every way). Never a wrong value.
    header, rows = case
    line = _flatten(header, rows, 0)
    tables = [b for b in read_line(line, 4) if isinstance(b, Table)]
    if not tables:
        return  # fewer than two rows read one way: the line is left to the report
    t = tables[0]
    assert t.rows[0].texts == ["Verksamhet", *header]
    got = {r.texts[0]: r.texts[1:] for r in t.rows[1:]}
    said = [tok for _, tok, why in t.warnings if why in (AMBIGUOUS, LEFT_OVER)]
    assert len(said) == len(t.warnings)
    unread = []
    for label, vals in rows:
        cells = [_sv(v, 0) for v in vals]
        if label in got:
            assert got[label] == cells, label
        else:
            unread += _run(cells).split()
    assert said == unread


def test_rows_after_the_table_ends_are_said_not_lost():
    # the third row's run has whole numbers in a table of decimals: the table ends
    # before it, and its numbers (and the row after) are reported, never dropped
    line = (
        "Resultat (mnkr) Budget Utfall Avvikelse Familjehem 10,5 12,0 -1,5 HVB 20,0 "
        "19,0 1,0 Jourhem 5 6 -1 Stödboende 4,0 3,5 0,5"
    )
    blocks = read_line(line, 2)
    t = next(b for b in blocks if isinstance(b, Table))
    assert [r.texts[0] for r in t.rows[1:]] == ["Familjehem", "HVB"]
    said = [tok for _, tok, _ in t.warnings]
    assert said == ["5", "6", "-1", "4,0", "3,5", "0,5"]


def test_a_year_after_a_header_word_is_that_column_s_year():
    line = (
        "Nettokostnad per område (mnkr) Område Budget 2015 Utfall 2015 Avvikelse "
        "Barn och unga 45,3 47,1 -1,8 Vuxna 20,0 19,5 0,5 Ekonomiskt bistånd 30,2 31,0 -0,8"
    )
    t = next(b for b in read_line(line, 7) if isinstance(b, Table))
    assert t.rows[0].texts == ["Område", "Budget 2015", "Utfall 2015", "Avvikelse"]
    assert _grid(t)["Vuxna"] == {"Budget 2015": "20,0", "Utfall 2015": "19,5", "Avvikelse": "0,5"}
    # years alone are names of their own
    line = "Kostnad (mnkr) 2014 2015 2016 HVB 10,1 11,2 12,3 Familjehem 5,0 5,5 6,0"
    t = next(b for b in read_line(line, 8) if isinstance(b, Table))
    assert t.rows[0].texts == ["", "2014", "2015", "2016"]


def test_a_header_with_more_names_than_values_is_not_read():
    # four header names over rows of three values: which three go with the values the
    # line does not say (an empty column, or a dropped name): nothing read, all reported
    line = (
        "Resultat (mnkr) Budget Prognos Utfall Avvikelse Barn och unga 45,3 47,1 -1,8 "
        "Vuxna 20,0 19,5 0,5 Ekonomiskt bistånd 30,2 31,0 -0,8"
    )
    assert read_line(line, 2) == []


def test_a_table_of_whole_numbers_with_digit_groups():
    # the header says three values a row; "20 000 19 500 500" also reads as 20 000 /
    # 19 / 500 500: the total row leaves one way. Without it, the row is reported.
    head = "Nettokostnad (tkr) Område Budget 2015 Utfall 2015 Avvikelse "
    rows = (
        "Barn och unga 45 300 47 120-1 820 Vuxna 20 000 19 500 500 "
        "Ekonomiskt bistånd 30 200 31 000-800 "
    )
    tail = "Kommentar: underskottet beror på placeringar."
    whole = head + rows + "Summa 95 500 97 620-2 120 " + tail
    t = next(b for b in read_line(whole, 5) if isinstance(b, Table))
    g = _grid(t)
    assert g["Barn och unga"]["Avvikelse"] == "-1 820"  # "47 120-1 820"
    assert g["Vuxna"] == {"Budget 2015": "20 000", "Utfall 2015": "19 500", "Avvikelse": "500"}
    assert not t.warnings
    t = next(b for b in read_line(head + rows + tail, 5) if isinstance(b, Table))
    assert "Vuxna" not in _grid(t)
    assert [tok for _, tok, _ in t.warnings] == ["20", "000", "19", "500", "500"]
    assert {why for _, _, why in t.warnings} == {AMBIGUOUS}


def test_a_whole_number_row_with_a_dropped_cell_is_not_read_as_full():
    # "1 1 000" under three columns: 1 and 1 000 with a cell dropped ("000" starts no
    # number), not 1, 1 and 0; which two columns they stand in nothing says: reported.
    # "1 200 300" reads 1 / 200 / 300 or 1 200 / 300 (a cell dropped): reported too.
    line = (
        "Antal per boende Budget Utfall Prognos Familjehem 1 2 3 HVB 4 5 6 Jourhem 7 8 9 "
        "Öppenvård 1 1 000 Stödboende 1 200 300"
    )
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    assert [r.texts[0] for r in t.rows[1:]] == ["Familjehem", "HVB", "Jourhem"]
    said = [(tok, why == AMBIGUOUS or why.startswith(UNPLACED)) for _, tok, why in t.warnings]
    assert said == [("1", True), ("1 000", True), ("1", True), ("200", True), ("300", True)]
    assert [why == AMBIGUOUS for _, _, why in t.warnings] == [False, False, True, True, True]


def test_a_bare_zero_in_a_table_of_decimals():
    # "0" for zero among decimals is a number, and it continues no digit group
    line = (
        "Resultaträkning (mnkr) Utfall Årsbudget Resultat Kommunbidrag 489,0 489,0 0 "
        "Kapitalkostnad -33,5 -33,8 0,3 Årets resultat 5,2 0 5,2 Övrigt - 1 200,0 - 1 200,0 0"
    )
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    g = _grid(t)
    assert g["Kommunbidrag"]["Resultat"] == "0"
    assert g["Årets resultat"] == {"Utfall": "5,2", "Årsbudget": "0", "Resultat": "5,2"}
    assert g["Övrigt"]["Utfall"] == "-1 200,0"  # a sign apart, then digit groups


def test_a_dash_apart_is_a_sign_or_an_empty_cell():
    # "2,8 - 2,8" under three columns reads two ways: 2,8 and -2,8 (Summa left empty:
    # they add up to nothing), or 2,8, nothing and 2,8 — reported. "4,0 - 1,0 3,0" reads
    # one way: four cells are too many, so the dash is the sign (4,0 - 1,0 = 3,0).
    line = (
        "Resultat (mnkr) Verksamhet Intäkter Kostnader Summa Ledning 10,0 -8,0 2,0 "
        "Stab 5,0 -4,5 0,5 Nämnd 3,0 -1,0 2,0 Buffert 2,8 - 2,8 Central 4,0 - 1,0 3,0"
    )
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    g = _grid(t)
    assert g["Central"] == {"Intäkter": "4,0", "Kostnader": "-1,0", "Summa": "3,0"}
    assert [(text, what) for _, text, what in t.repairs] == [("- 1,0", SIGN_APART)]
    assert "Buffert" not in g
    assert [(tok, why) for _, tok, why in t.warnings] == [
        ("2,8", AMBIGUOUS), ("-", AMBIGUOUS), ("2,8", AMBIGUOUS)
    ]  # fmt: skip
    # with a total row the columns decide: Kostnader adds up only with nothing there
    total = " Summa totalt 24,8 -14,5 10,3"
    t = next(b for b in read_line(line + total, 1) if isinstance(b, Table))
    assert _grid(t)["Buffert"] == {"Intäkter": "2,8", "Kostnader": "-", "Summa": "2,8"}


def test_most_rows_short_the_header_says_the_width():
    # four rows of one value, three of two under a header of two names: two columns
    # (found by generated tables: the most common row length was taken for the width)
    line = (
        "Kostnad (mnkr) Budget Utfall Familjehem 0,1 0,1 HVB 0,2 0,2 Jourhem 0,3 0,3 "
        "Öppenvård 0,4 Myndighet 0,5 Stödboende 0,6 Ledning 0,7"
    )
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    assert t.rows[0].texts == ["", "Budget", "Utfall"]
    assert [tok for _, tok, _ in t.warnings] == ["0,4", "0,5", "0,6", "0,7"]
    assert {why.split(" (")[0] for _, _, why in t.warnings} == {UNPLACED}


def test_a_table_too_large_to_search_still_says_every_value():
    # 300 rows of 12 columns, half of them with cells dropped, and a total row: too many
    # placements to try; each value is read (full rows) or reported, none lost
    import random

    rnd = random.Random(2)
    rows, printed = [], 0
    for i in range(300):
        k = 12 if i % 2 == 0 else rnd.randint(1, 11)
        values = [f"{rnd.randint(1, 999)},{rnd.randint(0, 9)}" for _ in range(k)]
        printed += k
        rows.append(f"Rad{i} " + " ".join(values))
    line = "Tabell (mnkr) Verksamhet " + " ".join(["Utfall"] * 12) + " " + " ".join(rows)
    line += " Summa " + " ".join(["1,0"] * 12)
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    read = sum(bool(c) for r in t.rows[1:] for c in r.texts[1:])
    assert read + len(t.warnings) == printed + 12
    assert read == 151 * 12  # the full rows and the total row


def test_a_column_of_shares():
    # "Avvikelse %" is one header name; "-4,0 %", "-2,6%" and "-1 %" are cells of it. A
    # share stands in the column of shares only, and the total row's share is no sum.
    line = (
        "Driftredovisning (mnkr) Verksamhet Budget Utfall Avvikelse Avvikelse % Barn och "
        "unga 45,3 47,1 -1,8 -4,0 % Vuxna 20,0 19,5 0,5 2,5 % Ekonomiskt bistånd 30,2 "
        "31,0 -0,8 -2,6% Äldre 100,0 -1,0 -1 % Summa 195,5 97,6 -3,1 -1,6 % Kommentar följer."
    )
    t = next(b for b in read_line(line, 1) if isinstance(b, Table))
    assert t.rows[0].texts == ["Verksamhet", "Budget", "Utfall", "Avvikelse", "Avvikelse %"]
    g = _grid(t)
    assert g["Ekonomiskt bistånd"]["Avvikelse %"] == "-2,6%"
    # "100,0 -1,0 -1 %": the column sums say Utfall is the cell left empty
    assert g["Äldre"] == {
        "Budget": "100,0", "Utfall": "", "Avvikelse": "-1,0", "Avvikelse %": "-1 %"
    }  # fmt: skip
    assert not t.warnings


def test_the_document_holds_the_line_s_blocks_once():
    # the two tables of dev_08's line 9 and the text around them are blocks of the
    # document in printed order; no table keeps the line's blocks (no loop: a document
    # pickles for the worker processes and its tables compare)
    import pickle

    from sonanalys.readers import read_text

    doc = read_text(DEV08.read_text(encoding="utf-8"), DEV08.name)
    on9 = [b for b in doc.blocks if b.line == 9]
    assert [type(b).__name__ for b in on9] == ["Paragraph", "Table", "Table", "Paragraph"]
    assert all(not t.line_blocks for t in doc.tables)
    again = pickle.loads(pickle.dumps(doc))
    assert again.tables[1].rows[1].texts == doc.tables[1].rows[1].texts
    assert doc.tables[0] != doc.tables[1]


PAGES = (
    "3 Ekonomi 2.1 Resultat per verksamhet (mnkr) Verksamhet Budget Utfall Avvikelse "
    "Familjehem 10,5 12,0 -1,5 HVB 20,0 19,0 1,0 Jourhem 5,0 6,0 -1,0 Nämnden, "
    "Månadsrapport 3(16)\n"
    "\n"
    "4 Stödboende 4,0 3,5 0,5 Öppenvård 2,0 2,5 -0,5 Summa 41,5 43,0 -1,5 Kommentar: "
    "prognosen är osäker och beror på placeringar under hösten.\n"
)


def test_a_table_that_goes_on_on_the_next_page_s_line(tmp_path):
    # a transcript prints each page on one line: the table ends page 3 (only the page's
    # foot after it) and goes on at the start of page 4 (after its page number) with
    # rows of as many values. One table: its Summa sums the rows of both pages.
    doc = tmp_path / "rapport.txt"
    doc.write_text(PAGES, encoding="utf-8")
    r = parse([doc])
    o = r.observations
    t = o[o["table"] != "text"]
    assert set(t["table_id"]) == {"T01"}
    lines = dict(zip(t["row_label"], t["line"], strict=False))
    assert lines == {"Familjehem": 1, "HVB": 1, "Jourhem": 1, "Stödboende": 3,
                     "Öppenvård": 3, "Summa": 3}  # fmt: skip
    summa = t[t["row_label"] == "Summa"]
    assert summa["is_root"].all() and set(summa["total_of"]) == {"0;1;2;3;4"}
    joined = r.report[r.report["reason"].str.startswith("tabellen fortsätter")]
    assert joined["line"].tolist() == [3]
    # a page that starts with text goes on no table
    other = PAGES.replace("4 Stödboende", "4 Under hösten väntas Stödboende")
    doc.write_text(other, encoding="utf-8")
    t = parse([doc]).observations
    assert "Stödboende" not in set(t.loc[t["table"] != "text", "row_label"])


@settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=flat_tables(drops=True), cut=st.integers(1, 5))
def test_generated_tables_over_two_pages_read_as_on_one(case, cut):
    # the same table printed on one line, and over two page lines (cut after a row):
    # the same rows, cells and reports
    from sonanalys.readers.text import segment

    header, rows = case
    one = read_line(_flatten(header, rows), 1)
    cut = min(cut, len(rows) - 1)
    if all(None in vals for _, vals in rows[cut:]):
        return  # a page of short rows only goes on no table (it could be any text)
    page1 = _flatten(header, rows[:cut]).replace(" Nämnden redovisar ett resultat på", "")
    page1 = page1.replace(" 5,2 mnkr.", " Månadsrapport 3(16)")
    cells = [(label, _run([_sv(v) for v in vals if v is not None])) for label, vals in rows[cut:]]
    page2 = "4 " + " ".join(f"{label} {run}" for label, run in cells) + " Slut."
    blocks, _ = segment([page1, "", page2])
    two = [b for b in blocks if isinstance(b, Table)]
    first = next(b for b in one if isinstance(b, Table))
    if len(two) != 1:  # a first page too short to find the table on: nothing joined
        assert not any(b.line == 3 for b in two)
        return
    assert [r.texts for r in two[0].rows] == [r.texts for r in first.rows]
    assert [w[1:] for w in two[0].warnings] == [w[1:] for w in first.warnings]
    assert {r.line for r in two[0].rows[1 + cut :]} <= {3}
