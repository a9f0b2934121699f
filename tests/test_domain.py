"""Domain frames on the real documents: whole tables compared value by value."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import RAW, SEEDS, pick
from tests.found import document

from sonanalys import domain
from sonanalys.domain import followup, schemas
from sonanalys.observations import parse
from sonanalys.pipeline import load, process, write_processed


@pytest.fixture(scope="module")
def frames(seeds_result):
    return domain.build(seeds_result.observations, seeds_result.cells)


MINUS = "\u2212"


def rows(df, cols, **kw):
    """The selected rows as a list of tuples, in the frame's order."""
    sel = (pick(df, **kw) if kw else df)[cols].astype(object)
    return [tuple(None if pd.isna(v) else v for v in r) for r in sel.itertuples(index=False)]


# --------------------------------------------------------------------------- atgarder


def test_atgarder_000_decided_table_whole(frames):
    a = frames["atgarder"]
    got = rows(
        a,
        ["measure", "level", "effect_kind", "year", "value_mnkr", "status", "line"],
        source=SEEDS["000"],
        table_id="T01",
    )
    assert got == [
        ("Akutboende", "åtgärd", "tidigare beslutad", 2021, 1.5, "Genomfört", 60),
        ("Team bo kvar", "åtgärd", "tidigare beslutad", 2021, 1.4, "Genomfört", 61),
        ("Reducering hyra beroendemottagningen", "åtgärd", "tidigare beslutad", 2021, 0.6,
         "Genomfört", 62),
        ("Ny upphandling stödboende för våldsutsatta kvinnor", "åtgärd", "tidigare beslutad",
         2021, 1.6, "Genomfört", 63),
        ("Avslutat uppdrag Barnhemsgatan", "åtgärd", "tidigare beslutad", 2021, 3.1,
         "Genomfört", 64),
        ("Summa", "summa", "tidigare beslutad", 2021, 8.1, "", 65),
    ]  # fmt: skip


def test_atgarder_000_revised_effects_range_and_area(frames):
    a = frames["atgarder"]
    (r,) = rows(
        a,
        ["area", "effect_kind", "year", "value_mnkr", "value_high_mnkr", "status"],
        source=SEEDS["000"],
        measure="Reducering av uppräknning i nya avtal samt verksam hetsuppdrag",
    )
    assert r == ("Generella", "reviderad", 2022, 0.5, 1.0, "Nytt förslag")
    # "Delårseffekt 1,75 mnkr (3,5 miljoner på helår)": both kept, the second marked
    got = rows(
        a,
        ["value_mnkr", "basis"],
        source=SEEDS["000"],
        measure="Samordning och effektivisering av arbetsinriktade insatser",
        effect_kind="reviderad",
    )
    assert got == [(1.75, "delår"), (3.5, "helår")]
    assert set(pick(a, source=SEEDS["000"], table_id="T02")["area"]) == {
        "Barn och unga",
        "Vuxna",
        "Generella",
    }


def test_atgarder_001_prose_blocks_whole(frames):
    got = rows(
        frames["atgarder"],
        ["measure", "level", "year", "value_mnkr", "qualifier", "area"],
        source=SEEDS["001"],
        table_id="T03",
    )
    assert got == [
        ("Akutboendeteam", "åtgärd", 2021, 1.5, "", "Vuxna"),
        ("Team bo kvar", "åtgärd", 2021, 1.4, "", "Vuxna"),
        ("Reducering hyra beroendemottagningen", "åtgärd", 2020, 0.6, "ca", "Vuxna"),
        ("Social samvaro och aktivitet", "åtgärd", 2023, 2.2, "", "Vuxna"),
        ("Ny upphandling stödboende för våldsutsatta kvinnor med missbruksproblematik",
         "åtgärd", 2021, 1.6, "", "Vuxna"),
        ("Summa", "summa", None, 7.3, "", "Vuxna"),
    ]  # fmt: skip


def test_atgarder_002_effect_table_whole(frames):
    t = pick(frames["atgarder"], source=SEEDS["002"], table_id="T05")
    wide = t.pivot_table(index="measure", columns="year", values="value_mnkr", sort=False)
    assert wide.to_dict("index") == {
        "Förändring av riktlinjer": {2024: 4.1, 2025: 8.0, 2026: 8.0, 2027: 8.0},
        "Boende och boendeformer": {2024: 8.3, 2025: 16.0, 2026: 31.1, 2027: 37.0},
        "Icke lagstadgad verksamhet": {2024: 5.4, 2025: 5.4, 2026: 8.3, 2027: 8.3},
        "Upphandling": {2024: 1.5, 2025: 1.5, 2026: 1.5, 2027: 1.5},
        "Totalt": {2024: 19.3, 2025: 30.9, 2026: 48.9, 2027: 54.8},
    }
    assert set(t["effect_kind"]) == {"planerad"}
    assert set(pick(frames["atgarder"], source=SEEDS["002"], table_id="T09")["level"]) == {
        "plan",
        "summa",
    }


def test_atgarder_004_decided_measures_listed_without_numbers(frames):
    t = pick(frames["atgarder"], source=SEEDS["004"])
    # every "Beslutad åtgärd" block of Bilaga 1 is a measure, numbers or not
    assert t["measure"].nunique() == 16
    assert t["value_mnkr"].isna().all()
    got = rows(
        t,
        ["decision_date", "diarienummer", "line"],
        measure="Utökning av nyktra boendeplatser för vuxna",
    )
    assert got == [("2023-05-24", "Soc 619/2023", 623)]
    got = rows(t, ["decision_date", "diarienummer"], measure="Särskilt kvalificerade…")
    assert got == [("2023-03-10", "Ks 249/2023 Soc 1267/2023")]
    assert pick(t, measure="Förändrad resurs som företrädare i domstol").shape[0] == 1
    assert not t["measure"].str.contains("Kommentar").any()


# ------------------------------------------------------------------- plan follow-up


def test_followup_reads_only_the_plans_measures(frames):
    """What a batched parse keeps of each batch's åtgärder until the end: the plans'
    measures, a part of the frame, from which the same follow-up comes."""
    a = frames["atgarder"]
    kept = followup.followup_rows(a)
    assert 0 < len(kept) < len(a) and len(kept.columns) < len(a.columns)
    assert set(kept["doc_type"]) == {"atgardsplan"} and set(kept["level"]) == {"åtgärd"}
    pd.testing.assert_frame_equal(followup.followup(kept), followup.followup(a))


def test_followup_keeps_nothing_between_documents(frames):
    """The measures' word stems were kept in two module-level lru_caches, across every
    document a process parsed; now each call of ``match_measures`` computes its names'
    stems itself, with the same follow-up, whatever ran before it."""
    a = frames["atgarder"]
    first = followup.followup(a)
    assert len(first) > 0
    followup.followup(a.iloc[::-1])  # another call, the measures in another order
    pd.testing.assert_frame_equal(followup.followup(a), first)
    assert not [n for n, v in vars(followup).items() if hasattr(v, "cache_info")]


def test_followup_matches_renamed_measures_and_lists_the_rest(frames):
    f = frames["atgarder_uppfoljning"]
    akut = pick(f, measure_earlier="Akutboendeteam")
    assert set(akut["measure_later"]) == {"Akutboende"}
    assert set(akut["status"]) == {"Genomfört"}
    assert rows(akut, ["plan", "effect_kind", "year", "value_mnkr", "line"]) == [
        ("tidigare", "planerad", 2021, 1.5, 385),
        ("senare", "tidigare beslutad", 2021, 1.5, 60),
    ]
    pairs = dict(
        zip(
            pick(f, match="matchad")["measure_earlier"],
            pick(f, match="matchad")["measure_later"],
            strict=True,
        )
    )
    assert pairs["Psykiatrisk hemtjänst"] == "Hemtjänst med inriktning mot psykiatri"
    vakans = [v for k, v in pairs.items() if k.startswith("Vakansprövning av tjänster")]
    assert vakans == ["Åtgärdsplan förvaltningen (tidig are förslag vakansprövning)"]
    # listed, not dropped: one measure only in 2020, several new in 2021
    assert set(pick(f, match="endast tidigare plan")["measure_earlier"]) == {
        "Reducering av föreningsbidrag"
    }
    assert "Försäljning av bostadsrätter" in set(
        pick(f, match="endast senare plan")["measure_later"]
    )
    measures_2020 = set(pick(frames["atgarder"], source=SEEDS["001"], level="åtgärd")["measure"])
    assert measures_2020 == set(f["measure_earlier"]) - {""}


def test_similarity_rules():
    assert followup.similarity("Akutboendeteam", "Akutboende") == 1.0
    assert followup.similarity("Reducering av föreningsbidrag", "Försäljning av bostadsrätter") < (
        followup.THRESHOLD
    )
    pairs = followup.match_measures(["A-plan x", "Gemensamt HVB"], ["Gemensamt HVB"])
    assert ("Gemensamt HVB", "Gemensamt HVB", 1.0) in pairs
    assert ("A-plan x", "", 0.0) in pairs


# --------------------------------------------------------------------------- checks


def test_sum_checks_on_the_documents_own_totals(frames):
    c = frames["checks"]
    (ok,) = rows(
        c, ["status", "reported", "computed", "n_parts"], source=SEEDS["001"], table_id="T01"
    )
    assert ok == ("ok", 23.5, 23.5, 8)
    # 003: the 2017 column's Summa (289 830 tkr) is not the sum of its rows (290 371 tkr)
    (bad,) = rows(
        c,
        ["status", "reported", "computed", "difference", "line"],
        source=SEEDS["003"],
        group="Redovisning 31/8 2017 | utfall | 2017 | jan-aug",
    )
    assert bad[0] == "avvikelse" and bad[4] == 320
    assert math.isclose(bad[1], 289.830) and math.isclose(bad[2], 290.371)
    assert math.isclose(bad[3], -0.541)
    # … and why: HVB vuxna prints 37 194 for 2017 where its own 2018 figure and change
    # give 51 194 − 14 541 = 36 653; with that the Summa adds up (checked by hand)
    (why,) = rows(c, ["note"], source=SEEDS["003"], line=320, status="avvikelse")
    nb = "\u00a0"
    assert why == (
        f"avviker från radens egen förändringskolumn: HVB vuxna (rad 314) 37{nb}194, men "
        f"51{nb}194 − 14{nb}541 = 36{nb}653; med det stämmer summan",
    )
    # 004: the second "Nettokostnad" sums Ensamkommande, the first (which leaves it
    # out) and the external care: three rows, by the table's tree (total_of)
    (net,) = rows(
        c,
        ["status", "reported", "n_parts"],
        source=SEEDS["004"],
        table_id="T13",
        line=324,
        group="Prognos helår, mnkr | prognos | 2023 | helår",
    )
    assert net == ("ok", -735.8, 3)
    # 000 line 106, "2022 17 mnkr": 2 (line 72) + 6 (76) + 1,5 (98) and the two costs
    # printed without a year in rows whose effects are all of 2022 ("Utökning … 2022",
    # "Kostnad delår ca 6 mnkr", line 77; "Merkostnader … 1,5 mnkr", line 93) — the
    # document adds up; it was a false alarm (9,5 against 17,0)
    (cost,) = rows(
        c,
        ["status", "part_lines", "computed", "note"],
        source=SEEDS["000"],
        group="genomförandekostnad | 2022",
    )
    assert cost[:3] == ("ok", "72, 76, 77, 93, 98", 17.0)
    assert cost[3].startswith("rad 77, 93 anger värdet utan år; räknat till 2022")
    (cost21,) = rows(c, ["status", "part_lines"], source=SEEDS["000"],
                     group="genomförandekostnad | 2021")  # fmt: skip
    assert cost21 == ("ok", "72, 76, 98")  # 0,5 + 4 + 0,7 = 5,2: the undated stay out
    # line 106's 51,1 of the earlier plan's reductions is not its column's sum: the 18
    # figures of lines 71–101 sum to 54,35 (checked by hand), and no single row left out or
    # counted twice explains the 3,25; the check says the document does not add up
    (earlier,) = rows(
        c,
        ["status", "n_parts", "reported", "computed", "note"],
        source=SEEDS["000"],
        group="tidigare beslutad | alla år",
    )
    assert earlier[:4] == ("avvikelse", 18, 51.1, 54.35)
    assert earlier[4] == (
        "dokumentets summa är inte radernas summa; ingen enskild rad förklarar skillnaden"
    )


def test_sum_checks_know_the_structure_and_raise_no_false_alarm(frames):
    c = frames["checks"]
    c4 = c[(c["source"] == SEEDS["004"]) & (c["frame"] == "budget")]
    # T13 line 322 sums the own verksamheter without Ensamkommande (lines 317–320):
    # −11,5 −26,0 −113,4 −160,9 = −311,8 ≈ −311,9 (was a false alarm against −307,3)
    sub = pick(c4, line=322, group="Bokslut 2022, mnkr | bokslut | 2022 | helår")
    assert rows(sub, ["status", "part_lines", "note"]) == [
        ("ok", "317, 318, 319, 320", "summerar inte Ensamkommande")
    ]
    # T15 Netto (line 376) = Summa intäkter (367) + Summa kostnader (375), not kostnader
    # alone ("Netto −81,5 vs radernas summa −99,7" was false)
    net = pick(c4, line=376)
    assert set(net["part_lines"]) == {"367, 375"}
    # the change column: Netto +98,8 = kostnader +105,6 − intäkter +6,8
    (chg,) = rows(net[net["group"].str.contains("Förändring")], ["status", "note"])
    assert chg == ("ok", "summerad som −Summa intäkter +Summa kostnader")
    # what still fails is the document's own: intäkter's avvikelse 18,0 against its rows'
    # 22,5 (Övriga intäkter prints 17,4 where prognos − budget is 12,9), and Netto −81,5
    # against 18,0 + (−99,7) = −81,7; each names the rows it was compared with
    off = c4[c4["status"] != "ok"]
    assert sorted(zip(off["line"], off["part_lines"], strict=True)) == [
        (367, "363, 364, 365, 366"),
        (376, "367, 375"),
    ]
    from sonanalys.domain.checks import named

    # each explained by the rows' own columns: the document's figure that is off is named
    notes = dict(zip(off["line"], off["note"], strict=True))
    assert notes[367].endswith("Övriga intäkter (rad 366) 17,4, men prognos − budget = 12,9")
    assert notes[376].startswith("summaraden stämmer med sin egen prognos − budget")
    assert (
        f"Summa kostnader (rad 375) {MINUS}99,7, men prognos − budget = {MINUS}99,4" in notes[376]
    )
    n = named(off, frames["budget"], "verksamhet")
    assert set(n["parts"]) >= {"Summa intäkter (rad 367) + Summa kostnader (rad 375)"}


def test_sum_checks_follow_the_tree_where_the_parser_gives_it(frames):
    """With h26's columns (row_order, total_of), a total is compared with exactly the rows
    its tree names."""
    from sonanalys.domain import budget as db

    b = pick(frames["budget"], source=SEEDS["004"], table_id="T13")
    order = {line: i for i, line in enumerate(sorted(set(b["line"])))}
    tree = {322: "0;1;2;3", 324: "4;5;6"}  # 322 = 317–320; 324 = 321 + 322 + 323
    b = b.assign(
        row_order=b["line"].map(order).astype("Int64"),
        total_of=b["line"].map(tree).fillna(""),
    )
    c = db.check(b)
    root = pick(c, line=324, group="Budget 2023, mnkr | budget | 2023 | helår")
    assert rows(root, ["status", "part_lines", "reported"]) == [("ok", "321, 322, 323", -654.4)]
    sub = pick(c, line=322, group="Budget 2023, mnkr | budget | 2023 | helår")
    assert rows(sub, ["status", "part_lines", "note"]) == [
        ("ok", "317, 318, 319, 320", "summerar inte Ensamkommande")
    ]


GOTEBORG = Path("/work/shared/corpus/pdf/goteborg_intraservice_delarsrapport_2026_mars.pdf")


@pytest.mark.skipif(not GOTEBORG.exists(), reason="the shared corpus is not on this machine")
def test_sum_checks_take_a_total_the_tree_proves_whatever_its_name():
    """Göteborg's Resultatredovisning (p. 11): "Resultat" is named as no total, but the
    parse proves it the sum of Intäkter, Kostnader, Kommunbidrag and Kommuninterna bidrag
    (total_of 0;1;2;3). Each of its eight columns is checked against those rows (before,
    05's Kontroller said "0 stämmer, 0 avviker"); a figure changed in one column fails
    there, and the check names the rows it added."""
    from sonanalys.domain import budget as db
    from sonanalys.domain.checks import named

    r = parse([GOTEBORG])
    b = domain.build(r.observations, r.cells)["budget"]
    c = db.check(b)
    res = c[c["total_label"] == "Resultat"]
    assert len(res) == 8 and set(res["status"]) == {"ok"}
    assert set(res["part_lines"]) == {"16, 17, 18, 19"}
    got = dict(zip(res["group"].str.split(" | ", regex=False).str[0], res["reported"], strict=True))
    # 373,6 − 360,5 + 9,4 + 0 = 22,5; 375,7 − 382,1 + 9,4 = 3,0; −2,1 + 21,6 + 0 = 19,5
    assert got["Period / Utfall"] == 22.5 and got["Period / Budget"] == 3.0
    assert got["Period / Avvikelse"] == 19.5 and got["Helår / Prognos"] == 0.0
    # the period's utfall of Kostnader misprinted: that column fails, naming its rows
    wrong = b["verksamhet"].eq("Kostnader") & b["column_label"].eq("Period / Utfall")
    c2 = db.check(b.assign(value_mnkr=b["value_mnkr"].mask(wrong, -361.5)))
    off = c2[c2["status"] == "avvikelse"]
    assert list(off["group"].str.split(" | ", regex=False).str[0]) == ["Period / Utfall"]
    assert off["computed"].round(1).tolist() == [21.5]
    n = named(off, b, "verksamhet")
    assert n["parts"].tolist() == [  # the PDF's page 11: its lines are counted per page
        "Intäkter (s. 11, rad 16) + Kostnader (s. 11, rad 17) + Kommunbidrag (s. 11, rad 18) "
        "+ Kommuninterna bidrag (s. 11, rad 19)"
    ]


# --------------------------------------------------------------------------- budget


def test_budget_004_driftsammandrag_whole(frames):
    t = pick(frames["budget"], source=SEEDS["004"], table_id="T13")
    wide = t.pivot_table(
        index="verksamhet", columns="column_label", values="value_mnkr", sort=False
    )
    assert wide.loc["Myndighet"].to_dict() == {
        "Bokslut 2022, mnkr": -113.4,
        "Budget 2023, mnkr": -125.7,
        "Periodens budget, mnkr": -80.0,
        "Periodens utfall, mnkr": -79.5,
        "Periodens avvikelse, mnkr": 0.5,
        "Prognos helår, mnkr": -125.1,
        "Avvikelse Budget-Prognos helår, mnkr": 0.6,
    }
    assert len(t) == 8 * 7
    per = pick(t, verksamhet="Myndighet", column_label="Periodens utfall, mnkr")
    assert rows(per, ["value_kind", "year", "year_source", "period"]) == [
        ("utfall", 2023, "dokument", "jan-aug")
    ]
    prog = pick(t, verksamhet="Myndighet", column_label="Prognos helår, mnkr")
    assert rows(prog, ["value_kind", "year", "period"]) == [("prognos", 2023, "helår")]
    assert pick(t, line=324)["is_total"].all()


def test_budget_003_tkr_normalised_to_mnkr(frames):
    t = pick(frames["budget"], source=SEEDS["003"], table_id="T04", verksamhet="HVB unga")
    got = rows(t, ["column_label", "value_kind", "year", "period", "value_tkr", "value_mnkr"])
    assert got == [
        ("Redovisning 31/8 2018", "utfall", 2018, "jan-aug", 65251.0, 65.251),
        ("Redovisning 31/8 2017", "utfall", 2017, "jan-aug", 50658.0, 50.658),
        ("Förändring", "förändring", 2018, "", 14593.0, 14.593),
        ("Avvik. mot periodiserad budget* 31/8 2018", "avvikelse", 2018, "jan-aug", -10968.0,
         -10.968),
    ]  # fmt: skip
    assert set(t["unit"]) == {"tkr"}


def test_budget_columns_of_the_period_and_of_the_year_before():
    # Göteborg's PDF p. 11: "Period" over utfall/budget/avvikelse/utfall fg år, "Helår"
    # over prognos/fg prognos/budget/bokslut fg år. "fg år" is the year before the
    # document's; "Fg prognos" is the forecast before this one, not a second forecast.
    # No table names the period's months: "Delårsrapport mars 2026" on p. 1 does
    r = parse([Path(__file__).parent / "corpus" / "pdf"])
    built = domain.build(r.observations, r.cells)
    b = built["budget"]
    got = rows(b, ["column_label", "value_kind", "year", "year_source", "period", "value_mnkr"],
               verksamhet="Intäkter", page=11)  # fmt: skip
    assert got == [
        ("Period / Utfall", "utfall", 2026, "dokument", "jan-mar", 373.6),
        ("Period / Budget", "budget", 2026, "dokument", "jan-mar", 375.7),
        ("Period / Avvikelse", "avvikelse", 2026, "dokument", "jan-mar", -2.1),
        ("Period / Utfall / fg år", "utfall", 2025, "dokument", "jan-mar", 346.2),
        ("Helår / Prognos", "prognos", 2026, "dokument", "helår", 1513.3),
        ("Helår / Fg / prognos", "föregående prognos", 2026, "dokument", "helår", 1506.8),
        ("Helår / Budget", "budget", 2026, "dokument", "helår", 1506.8),
        ("Helår / Bokslut / fg år", "bokslut", 2025, "dokument", "helår", 1413.5),
    ]
    # p. 6, staff: "Aktuell period (ack sedan årets början)" 197,7, "Motsvarande period
    # föregående år" 188,7, "Prognos 2026" 750, "Utfall 2025" 733,8
    v = built["volymer"]
    staff = rows(v, ["year", "period", "value"], measure="Antal årsarbetare")
    assert staff == [
        (2026, "jan-mar", 197.7), (2025, "jan-mar", 188.7),
        (2026, "helår", 750.0), (2025, "helår", 733.8),
    ]  # fmt: skip


# -------------------------------------------------------------- placements, vårddygn


def test_placements_004_lvu_lvm_whole(frames):
    t = pick(frames["placements"], source=SEEDS["004"], table_id="T18")
    wide = t.pivot_table(index=["measure", "sex"], columns="year", values="value", sort=False)
    years = range(2017, 2024)
    printed = {
        ("LVU unika individer", ""): [182, 185, 177, 167, 182, 198, 233],
        ("LVU unika individer", "K"): [97, 100, 96, 87, 102, 109, 130],
        ("LVU unika individer", "M"): [85, 85, 81, 80, 80, 89, 103],
        ("LVM unika individer", ""): [26, 31, 32, 29, 29, 28, 25],
        ("LVM unika individer", "K"): [7, 9, 18, 10, 11, 13, 9],
        ("LVM unika individer", "M"): [19, 22, 14, 19, 18, 15, 16],
    }
    assert wide.to_dict("index") == {
        k: dict(zip(years, v, strict=True)) for k, v in printed.items()
    }
    assert set(t["period"]) == {"jan-aug"}
    assert set(pick(t, measure="LVU unika individer")["group"]) == {"barn och unga"}


def test_placements_per_day_and_per_1000(frames):
    p = frames["placements"]
    got = rows(
        p,
        ["group", "year", "value"],
        source=SEEDS["004"],
        measure="personer per dygn (snitt)",
        column_label="2017",
    )
    assert got == [("", 2017, 343.0), ("barn", 2017, 133.0), ("unga", 2017, 138.0),
                   ("vuxna", 2017, 72.0)]  # fmt: skip
    got = rows(p, ["year", "period", "value"], source=SEEDS["003"], measure="per 1 000…")
    assert got == [(2016, "helår", 25.3), (2017, "helår", 20.4), (2018, "jan-aug", 13.7)]


def test_varddygn_reported_and_derived(frames):
    v = frames["varddygn"]
    got = rows(v, ["year", "value"], source=SEEDS["004"], label="Vårddygn, institutionsvård, HVB")
    assert got == [(2019, 55154.0), (2020, 46936.0), (2021, 49263.0), (2022, 48128.0)]
    assert set(pick(v, label="Vårddygn, institutionsvård, HVB")["care_form"]) == {"HVB/institution"}
    (d,) = rows(
        v,
        ["value", "reported", "difference", "derivation"],
        source=SEEDS["004"],
        basis="beräknad",
        year=2022,
    )
    # 330,0 mnkr / (425 personer × 365 dygn) = 2 127,3 kr/dygn beside the printed 2 648
    assert d[0] == 2127.3 and d[1] == 2648.0 and d[2] == -520.7
    # the figures as the document prints them: 330,0 (02's table said "330 mnkr" among
    # 237,5, 279,6 …)
    assert d[3] == "330,0 mnkr / (425 personer × 365 dygn) (rad 534 och 529)"
    leap = pick(v, basis="beräknad", year=2020)
    assert "366 dygn" in leap["derivation"].iloc[0]


# ------------------------------------------------------------- volymer, indikatorer


def test_volymer_split_cells_keep_their_entity(frames):
    got = rows(
        frames["volymer"],
        ["entity", "value_kind", "year", "value"],
        source=SEEDS["002"],
        measure="Antal pågående ärenden inom IFO/LSS/FHSoL för barn och unga ackumulerat",
        year=2022,
    )
    assert got == [
        ("IFO", "utfall", 2022, 2173.0),
        ("LSS", "utfall", 2022, 481.0),
        ("FH/SoL", "utfall", 2022, 67.0),
    ]


def test_indikatorer_r9_pairs_with_kolada_ids(frames):
    from sonanalys.domain.indikatorer import r9_pairs

    got = rows(
        r9_pairs(frames["indikatorer"]), ["kolada_id", "year", "unit", "value", "group_value"]
    )
    assert got == [
        ("N35001", 2022, "kr/inv", 761.0, 1063.0),
        ("N33022", 2022, "kr/inv", 8605.0, 9260.0),
        ("N33009", 2022, "kr/inv", 993.0, 913.0),
        ("", 2022, "tkr/brukare", 1189.0, 1157.0),
    ]


def test_indikatorer_r9_pairs_only_within_one_page(frames):
    # a PDF counts its lines per page: 002's line 580 (Linköping 761 kr/inv, R9 1 063)
    # as a PDF would give it, once with both values on page 3 (a pair), once with the R9
    # value on page 5, line 580 (another place: no pair). Before, values were paired by
    # (source, line) alone, and the page-3 value took page 5's R9 value as its own
    from sonanalys.domain.indikatorer import r9_pairs

    i = frames["indikatorer"]
    line = i[(i["source"] == SEEDS["002"]) & (i["line"] == 580)]
    assert sorted(line["value"]) == [761.0, 1063.0]
    same = line.assign(page=3)
    apart = line.assign(page=[3 if own else 5 for own in ~line["is_comparison"]])
    assert r9_pairs(apart).empty
    together = r9_pairs(same)
    assert rows(together, ["page", "line", "value", "group_value"]) == [(3, 580, 761.0, 1063.0)]


def test_indikatorer_occupancy_by_month(frames):
    t = pick(
        frames["indikatorer"],
        source=SEEDS["004"],
        indicator="Totalt (ovägt medelvärde)",
        unit="procent",
    )
    t = t[t["month"].notna()]
    by_month = dict(zip(t["month"].astype(int), t["value"], strict=True))
    assert by_month == {1: 86, 2: 85, 3: 90, 4: 85, 5: 90, 6: 88, 7: 84, 8: 85}


# ---------------------------------------------------------- contract and pipeline


def test_every_frame_matches_its_schema_and_has_provenance(frames):
    for name, df in frames.frames.items():
        schemas.SCHEMAS[name].validate(df)
        assert len(df), name
        assert {"source", "line"} <= set(df.columns), name


def test_missing_expected_table_is_a_warning(tmp_path):
    doc = tmp_path / "delarsrapport.txt"
    doc.write_text(
        "Delårsrapport augusti 2023\nSocialnämnden, Örebro kommun\n\n"
        "Nämnden redovisar ett underskott.\n",
        encoding="utf-8",
    )
    p = process([doc])
    assert (
        "delarsrapport.txt",
        "dokumenttypen delarsrapport brukar ha driftsammandrag (budget, utfall, prognos), "
        "men ingen hittades",
    ) in p.frames.warnings
    warn = p.report[p.report["severity"] == "warning"]
    assert set(warn["source"]) == {"delarsrapport.txt"}
    assert "driftsammandrag" in " ".join(warn["reason"])


def test_load_reads_back_and_validates(tmp_path):
    inputs = [RAW / SEEDS["000"]]
    write_processed(process(inputs), tmp_path, inputs)
    a = load("atgarder", tmp_path)
    assert pick(a, measure="Akutboende")["value_mnkr"].tolist() == [1.5]
    with pytest.raises(KeyError, match="okänd tabell"):
        load("nope", tmp_path)
    with pytest.raises(FileNotFoundError, match="sonanalys parse"):
        load("budget", tmp_path / "empty")


def test_load_validates_a_frame_changed_after_writing(tmp_path):
    """Frames as written were validated when built and are read without pandera; a file
    changed since (by hand, by another tool) is checked against its schema again."""
    import pandera.errors

    inputs = [RAW / SEEDS["000"]]
    write_processed(process(inputs), tmp_path, inputs)
    a = load("atgarder", tmp_path)
    a.loc[a.index[0], "source"] = ""  # a value its schema refuses
    a.to_parquet(tmp_path / "atgarder.parquet", index=False)
    with pytest.raises(pandera.errors.SchemaError):
        load("atgarder", tmp_path)


def test_frame_names_follow_the_schemas():
    from sonanalys.domain.schemas import SCHEMAS

    assert tuple(SCHEMAS) == domain.FRAMES


def test_domain_frames_are_deterministic():
    a = parse([RAW])
    b = parse([RAW])
    fa = domain.build(a.observations, a.cells)
    fb = domain.build(b.observations, b.cells)
    for name in fa.frames:
        pd.testing.assert_frame_equal(fa[name], fb[name])


def test_price_volume_split_on_the_documents_figures(frames):
    from sonanalys.analysis import care

    cs = care.cost_series(frames["varddygn"], frames["placements"], "Örebro")
    # 004 line 529/533: 398 → 425 persons per day, 2 690 → 2 648 kr/dygn
    assert cs[cs["year"] == 2022][["persons_per_day", "price_reported"]].values.tolist() == [
        [425.0, 2648.0]
    ]
    # the document's own Total kostnad, line 534: 307,2 (2021), 330,0 (2022)
    assert cs.set_index("year").loc[[2021, 2022], "cost_mnkr"].tolist() == [307.2, 330.0]
    steps = care.price_volume_steps(cs, 2021, 2022)
    cost0, volume, price, rest, cost1 = steps["mnkr"]
    assert (cost0, cost1) == (307.2, 330.0)
    assert steps["typ"].tolist() == ["tryckt", "beräknad", "beräknad", "beräknad", "tryckt"]
    assert volume == pytest.approx((425 - 398) * 365 * 2690 / 1e6)
    assert price == pytest.approx((2648 - 2690) * 425 * 365 / 1e6)
    assert cost0 + volume + price + rest == pytest.approx(cost1)
    assert rest == pytest.approx(22.8 - volume - price)
    # its source names every line it is computed from: the volume's persons per day (529)
    # too, not only the price (533) and the total (534), as before
    assert steps.attrs["lines"] == "529, 533, 534"
    # without the document's total: care days × reported price, labelled as computed
    bare = care.price_volume_steps(cs.drop(columns=["cost_mnkr"]), 2021, 2022)
    c0, _v, _p, _c1 = bare["mnkr"]
    assert c0 == pytest.approx(398 * 365 * 2690 / 1e6) and set(bare["typ"]) == {"beräknad"}
    assert bare.index[0].startswith("Beräknad kostnad 2021")
    assert care.price_volume_steps(cs.head(1)).empty
    # one source of the places: the lines are those of the (page, line)s, a text
    # document's without pages
    assert steps.attrs["places"] == [(None, 529), (None, 533), (None, 534)]
    assert steps.attrs["where"] == "rad 529, 533–534"


def test_a_rows_page_and_line_are_read_in_one_place():
    # claims.pages_and_lines is what places, rows_at and care's price/volume source read
    # a row's page and line with: a PDF's page, None for a row without one
    from sonanalys.analysis import claims

    pdf = pd.DataFrame({"page": [7, 7, 8, pd.NA], "line": [56, 57, 1, 3]})
    text = pd.DataFrame({"line": [691, 692, 699]})
    assert claims.pages_and_lines(pdf) == [(7, 56), (7, 57), (8, 1), (None, 3)]
    assert claims.places(pdf) == [(7, 56), (7, 57), (8, 1), (0, 3)]
    assert claims.pages_and_lines(text) == [(None, 691), (None, 692), (None, 699)]
    assert claims.rows_at(text) == "rad 691–692, 699"
    assert claims.rows_at(pdf.head(3)) == "s. 7, rad 56–57; s. 8, rad 1"
    assert claims.rows_at(text.head(0)) == ""
    assert claims.page_number(pd.NA) is None and claims.page_number(8.0) == 8


def test_status_classes_of_the_plans_own_words():
    from sonanalys.analysis.atgarder import status_class

    assert [
        status_class(t)
        for t in [
            "Genomfört Resultat 2022",
            "Upphandling genomförd",
            "Utredning pågår",
            "Under utredning",
            "Nytt förslag Effekt 2023 3 mnkr Utrednings uppdrag",
            "Utgår",
            "övriga utgång",
            "2023 (avtalsbundet)",
            "",
        ]
    ] == [
        "genomförd",
        "genomförd",
        "pågår/utreds",
        "pågår/utreds",
        "nytt förslag",
        "utgår",
        "utgår",
        "övrigt",
        "ej angiven",
    ]


def test_status_tables_per_plan(frames):
    from sonanalys.analysis.atgarder import status_tables

    tables = status_tables(frames["atgarder"], "Linköping")
    t = tables[SEEDS["000"]]
    counts = ["genomförd", "utgår", "nytt förslag", "pågår/utreds", "övrigt", "totalt"]
    assert list(t.columns) == [*counts, "rader"]
    # 000's revised plan: 31 measures; Vuxna has 3 done, 1 dropped, 4 new, 3 ongoing, 1 other
    assert t.loc["Vuxna", counts].tolist() == [3, 1, 4, 3, 1, 12]
    assert t.loc["Barn och unga", counts].tolist() == [0, 2, 1, 6, 0, 9]
    assert int(t["totalt"].sum()) == 31
    # each count's provenance: the lines its measures stand on (000 l. 71–80 less 75, a
    # blank line; Vuxna's twelve on 83–87, 89–94 and 98)
    assert t.loc["Barn och unga", "rader"] == "rad 71–74, 76–80"
    assert t.loc["Vuxna", "rader"] == "rad 83–87, 89–94, 98"
    assert t.index.name == "Område" and t.attrs["rows"] == "område"
    assert list(tables[SEEDS["001"]].columns) == ["ej angiven", "totalt", "rader"]
    # 002's areas are the plans its summary table sums (l. 523–526): its rows are named
    # plans, not areas, each with its measures' lines
    t2 = tables[SEEDS["002"]]
    assert t2.index.name == "Plan" and t2.attrs["rows"] == "plan"
    assert t2.loc["Beslutad åtgärdsplan för 2024-2027"].tolist() == [4, 4, "rad 455–458"]
    assert (
        t2.loc["Utökad åtgärdsplan för 2024-2027 - hemmaplanslösningar barn och unga", "rader"]
        == "rad 488"
    )


def test_line_runs_join_consecutive_lines_and_name_pdf_pages():
    from sonanalys.analysis.atgarder import line_runs

    assert line_runs([(None, 5), (None, 3), (None, 4), (None, 9)]) == "rad 3–5, 9"
    assert line_runs([(3, 1), (2, 4), (2, 5), (2, 6)]) == "s. 2, rad 4–6; s. 3, rad 1"


def test_occupancy_by_month_picks_one_year(frames):
    from sonanalys.analysis.care import occupancy_by_month

    occ = occupancy_by_month(frames["indikatorer"], "Örebro")
    assert set(occ["year"]) == {2023}  # the latest year the data have
    hvb = occ[occ["unit_name"] == "HVB (Ungdom)"]
    # 004 line 704: Jan–Aug 2023
    assert hvb["value"].tolist() == [94, 90, 99, 105, 101, 88, 73, 73]
    assert hvb["month"].tolist() == list(range(1, 9))
    assert occupancy_by_month(frames["indikatorer"], "Örebro", 2019).empty
    assert occupancy_by_month(frames["indikatorer"], "Linköping").empty


def test_atgarder_areas_come_from_the_plans_own_area_headings(frames):
    a = frames["atgarder"]
    areas = {src: set(pick(a, source=SEEDS[src])["area"]) for src in ("000", "001", "002", "004")}
    # section rows and captions that name an area of the administration …
    assert areas["000"] == {"Barn och unga", "Vuxna", "Generella", ""}
    assert areas["001"] == {
        "Barn och unga", "Funktionshinder", "Föreningsbidrag", "Handläggning", "Vuxna", "",
    }  # fmt: skip
    # … never a caption that names none: 000's "Tabell över redan beslutade och genomförda
    # förslag", 001's "Konsekvensbeskrivning", 002's "Beslutad åtgärdsplan för 2024-2027"
    assert pick(a, source=SEEDS["000"], table="Tabell över redan beslutade…")["area"].eq("").all()
    assert pick(a, source=SEEDS["001"], table="Konsekvensbeskrivning")["area"].eq("").all()
    # 002's four plans are each one row of its summary table (lines 522–527), the row
    # equal to the plan's bottom line: that row names the plan's area
    assert areas["002"] == {
        "Beslutad åtgärdsplan för 2024-2027",
        "Utökad åtgärdsplan för 2024-2027 - omställning av socialtjänstens uppdrag",
        "Utökad åtgärdsplan för 2024-2027 - hemmaplanslösningar barn och unga",
        "Utökad åtgärdsplan för 2024-2027 - effektivare verksamhet",
        "",
    }
    assert areas["004"] == {""}


def test_own_forecast_keeps_each_source_table_apart(frames):
    from sonanalys.analysis.budget import proportional_forecast

    f = proportional_forecast(frames["budget"], "Örebro", 2023, "jan-aug", 8)
    by = f.set_index(["table_id", "verksamhet"])
    # 004 prints verksamheter (4.1, T13) and kontogrupper (4.2, T15) in two tables
    assert set(f[f["table_id"] == "T13"]["verksamhet"]) >= {"Myndighet", "Eget utförande"}
    assert "Personalkostnader" not in set(f[f["table_id"] == "T13"]["verksamhet"])
    # T15 Personalkostnader (line 369): bokslut 2022 −310,6, jan–aug 2022 −201,0,
    # jan–aug 2023 −225,4, prognos −347,7: the seasonal share of its own table
    r = by.loc[("T15", "Personalkostnader")]
    assert (r["metod"], r["prognos_forvaltning"], r["line"]) == ("säsongsprofil 2022", -347.7, 369)
    assert r["prognos_egen"] == pytest.approx(-225.4 / (-201.0 / -310.6), abs=5e-4)
    # T19 is a part of the nämnd (4.3.2): its own prognosis, never T15's outcome for a share
    r = by.loc[("T19", "Personalkostnader")]
    assert (r["metod"], r["prognos_forvaltning"]) == ("linjär", -286.1)
    assert r["prognos_egen"] == pytest.approx(-182.6 * 12 / 8)
    # T21 prints no prognosis and the document's prognosis table has no such row: empty
    assert math.isnan(by.loc[("T21", "Personalkostnader"), "prognos_forvaltning"])
    # 003 prints actuals (T04) and the prognosis in another table: paired as in overview
    g = proportional_forecast(frames["budget"], "Linköping", 2018, "jan-aug", 8)
    assert g.set_index("verksamhet").loc["Familjehem", "prognos_forvaltning"] == 64.598


def test_a_rate_per_1000_is_called_0_20_only_when_its_age_band_is():
    # the seeds print "antal/1000 inv 0-20 år"; Stockholm's table (dev_05) prints its
    # rates per 1 000 invånare 0-21 år: not the 0–20 measure
    from pathlib import Path

    from sonanalys.domain import build
    from sonanalys.observations import parse

    corpus = (
        Path(__file__).parent
        / "corpus"
        / "text"
        / "dev_05_stockholmstad_omhandertagna_barn_unga.txt"
    )
    r = parse([corpus])
    p = build(r.observations, r.cells)["placements"]
    rates = p[p["unit"] == "per1000"]
    assert len(rates) == 32 and set(rates["measure"]) == {"per 1 000 inv, annan ålder"}
    r = parse([RAW])
    p = build(r.observations, r.cells)["placements"]
    assert set(p[p["unit"] == "per1000"]["measure"]) == {"per 1 000 inv 0–20 år"}


def test_text_columns_are_checked_as_pandera_checks_str_once_per_column():
    """The schemas' text dtype gives pandera's own verdicts (a text column passes, and so
    does an object column of strings; numbers and nulls fail) but answers a column of
    exactly pandas' text dtype with one truth value, not one per row."""
    import pandera.errors
    import pandera.pandas as pa
    from pandera.engines.pandas_engine import Engine

    from sonanalys.domain.schemas import STR, TEXT

    text = pd.Series(["HVB", ""]).astype(str)
    assert STR.check(Engine.dtype(text.dtype), text) is True
    cases = {
        "text": (text, True),
        "object": (pd.Series(["HVB", "SiS"], dtype=object), True),
        "numbers": (pd.Series([1, 2]), False),
        "null": (pd.Series(["HVB", None], dtype=object), False),
    }
    for s, ok in cases.values():
        for column in (TEXT, pa.Column(str, nullable=False)):  # ours and pandera's
            schema = pa.DataFrameSchema({"c": column})
            if ok:
                schema.validate(pd.DataFrame({"c": s}))
            else:
                with pytest.raises(pandera.errors.SchemaError):
                    schema.validate(pd.DataFrame({"c": s}))


@pytest.mark.parametrize(
    ("year", "period", "days"),
    [(2024, "helår", 366), (2023, "helår", 365), (2023, "jan-aug", 243), (2024, "jan-feb", 60),
     (2023, "aug-jan", None), (2023, "perioden", None), (pd.NA, "helår", None)],
)  # fmt: skip
def test_days_of_a_period(year, period, days):
    """The days a cost per care day is derived over: a year's, or a month range's in that
    year; none for a backwards range, an unnamed period or no year."""
    from sonanalys.domain.common import days_of

    got = days_of(year, period)
    assert math.isnan(got) if days is None else got == days, got


def test_conform_writes_an_unknown_text_as_empty():
    """Text columns are never null: a builder's missing text (None, NaN, a column it did
    not make) becomes '', in pandas' text dtype; a number column keeps its NaN."""
    from sonanalys.domain.checks import COLUMNS
    from sonanalys.domain.schemas import conform

    row = {c: "" for c in COLUMNS} | {"frame": "budget", "source": "a.txt", "line": 3,
           "n_parts": 2, "reported": 5.0, "computed": 5.0, "computed_high": 5.0,
           "difference": 0.0, "tolerance": 0.05, "status": "ok", "page": None}  # fmt: skip
    df = pd.DataFrame([row | {"group": None, "note": float("nan")}]).drop(columns="unit")
    out = conform(df, "checks")
    assert out.loc[0, ["group", "note", "unit"]].tolist() == ["", "", ""]
    assert str(out["group"].dtype) == str(conform(pd.DataFrame([row]), "checks")["group"].dtype)


def test_document_period_is_the_most_named_month_range_first_named_among_equals(seeds_result):
    """``document_period`` counts in plain dicts; it must answer as pandas'
    ``value_counts`` does: the period named most often, and of two named as often the one
    named first. Random sources and periods, ties frequent; and the seeds' answer."""
    from sonanalys.domain.common import document_period

    def by_value_counts(obs: pd.DataFrame) -> dict:
        ranges = obs[obs["period"].str.fullmatch(r"[a-zåäö]{3}-[a-zåäö]{3}", case=False)]
        counted = ranges.groupby("source")["period"].agg(lambda s: s.value_counts().index[0])
        return counted.to_dict()

    periods = st.sampled_from(["jan-aug", "jan-apr", "Jan-Mar", "helår", "", "perioden", "jan-au"])
    sources = st.sampled_from(["a.txt", "b.pdf", "c.docx"])

    @settings(max_examples=300, derandomize=True, deadline=None, database=None)
    @given(st.lists(st.tuples(sources, periods), max_size=40))
    def check(rows):
        obs = pd.DataFrame(rows, columns=["source", "period"], dtype="object")
        assert document_period(obs).to_dict() == by_value_counts(obs)

    check()
    assert document_period(seeds_result.observations).to_dict() == {
        "003_delarsrapport_aug_2018_linkoping_socialnamnden.txt": "jan-aug",
        "004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt": "jan-aug",
    }


@pytest.mark.skipif(not GOTEBORG.exists(), reason="the shared corpus is not on this machine")
def test_every_other_table_whose_tree_proves_a_total_is_checked(frames):
    """Tables no frame holds are checked by their tree too (frame ``tabell``), in their
    own unit: Göteborg's p. 16 prints the Totalt of Prognos intäkter helår as −1 633,7
    where its eight rows sum to 1 633,7 (facts.csv: a sign error of the source); 004's
    Aktuella ärenden (line 498) totals 137, 281, 130 where its rows give 135, 279, 128
    (Dec 2014, 2016, 2018; the other eleven columns add up). Shares are never summed."""
    r = parse([GOTEBORG])
    c = domain.build(r.observations, r.cells)["checks"]
    t = c[c["frame"] == "tabell"]
    off = t[t["status"] == "avvikelse"]
    # line 22 of p. 16: 'Överförd verksamhet' / 'till SLK' / '- kommunbidrag' is one cell
    # of the row above it, read as one row since session 16 (it was 23)
    assert rows(off, ["table_id", "line", "reported", "computed", "note"]) == [
        ("T08", 22, -1633.7, 1633.7, "summaraden har motsatt tecken mot radernas summa")
    ]
    assert (t["status"] == "ok").sum() == 29
    assert not t["unit"].isin(["procent", "%"]).any()
    s = frames["checks"]
    s = s[(s["frame"] == "tabell") & (s["status"] == "avvikelse")]
    assert rows(s, ["table_id", "line", "reported", "computed"]) == [
        ("T20", 498, 137.0, 135.0), ("T20", 498, 281.0, 279.0), ("T20", 498, 130.0, 128.0)
    ]  # fmt: skip


CORPUS_TEXT = Path("/work/shared/corpus/text")


@pytest.mark.skipif(not CORPUS_TEXT.exists(), reason="the shared corpus is not on this machine")
def test_a_rows_second_value_under_the_same_column_name_is_another_column():
    """dev_08 prints three columns named "Utfall" (the transcript lost their years):
    each is checked on its own — Nettokostnader −450,3 = 125,2 − 575,5, −442,3 = 157,0
    − 599,3, −431,4 ≈ 155,7 − 587,0 — not their three figures against all nine parts
    (three false alarms before: −450,3 against −1 323,9). dev_01's table printed on one
    line is not checked by its sums (the reader placed its values by them)."""
    r = parse([CORPUS_TEXT / "dev_08_okand_kommunstyrelsen_bokslut2012_driftsredovisning.txt",
               CORPUS_TEXT / "dev_01_upplandsvasby_manadsrapport_resultat.txt"])  # fmt: skip
    c = domain.build(r.observations, r.cells)["checks"]
    net = c[c["total_label"] == "Nettokostnader"]
    assert set(net["status"]) == {"ok"}
    utfall = net[net["group"].str.startswith("Utfall | ")]
    assert rows(utfall, ["group", "reported"]) == [
        ("Utfall | utfall | 2012", -450.3),
        ("Utfall | utfall | 2012 (2)", -442.3),
        ("Utfall | utfall | 2012 (3)", -431.4),
    ]
    assert not c["source"].str.startswith("dev_01").any()


def test_pdf_frames_are_in_page_and_line_order():
    """A PDF counts its lines per page, so the frames are in (page, line) order: the
    budget frame of Simrishamn's årsbokslut (pages 1–4) and investment budget (two
    pages) were sorted by line alone, which mixed the pages' rows."""
    r = parse(
        [
            document("simrishamn_kfn_arsbokslut_2025_s12_s20_s32-35.pdf"),
            document("simrishamn_kfn_budgetskrivelse_investeringar_2027_2031_s3_s5.pdf"),
        ]
    )
    budget = domain.build(r.observations, r.cells)["budget"]
    assert budget["source"].nunique() == 2
    for _, doc in budget.groupby("source"):
        assert doc["page"].nunique() > 1
        places = list(zip(doc["page"].astype(int), doc["line"].astype(int), strict=True))
        assert places == sorted(places)


def test_indikatorer_a_goals_minst_is_a_target_not_an_outcome(frames):
    """003 (Linköping's delårsrapport, aug 2018), the indicators of its goals: line 160
    'Förvaltningen ska vid utgången av 2018 ha genomfört minst fem insatser …' gives the
    target 5 (at least), not an outcome 5; so do line 147's 'Minst 80 % av brukarna ska
    uppleva delaktighet' and line 158's 'Mentorskonceptet ska tillämpas till 100 %'.
    Line 153's 'I 2,2 % är det särskilt beaktat', under 'Utfall per 31 aug.', stays an
    outcome."""
    i = frames["indikatorer"]
    doc = i[i["source"] == SEEDS["003"]].set_index("line")
    assert (doc.at[160, "value"], doc.at[160, "unit"]) == (5.0, "antal")
    assert (doc.at[160, "value_kind"], doc.at[160, "qualifier"]) == ("målvärde", ">=")
    assert (doc.at[147, "value"], doc.at[147, "value_kind"]) == (80.0, "målvärde")
    assert doc.at[147, "qualifier"] == ">="
    assert (doc.at[158, "value"], doc.at[158, "value_kind"]) == (100.0, "målvärde")
    assert (doc.at[153, "value"], doc.at[153, "value_kind"]) == (2.2, "utfall")


def test_a_table_that_only_mentions_a_plan_in_its_caption_is_no_measures_table(tmp_path):
    """A measures table is one whose columns describe measures (an effect, a status, a
    decision date, a diarienummer, a time aspect): a budget table whose caption mentions
    a plan ('Förslag till budget', 'efter åtgärdsplanen') and whose column says
    'Beslutad budget' is no plan's measures; 04 took its rows as measures."""
    doc = tmp_path / "internbudget_2024_testby.txt"
    doc.write_text(
        "Testby kommun\nSocialnämndens internbudget 2024\n\n"
        "Tabell 1: Förslag till budget 2024 efter åtgärdsplanen\n\n"
        "| Verksamhet | Budget 2023, mnkr | Beslutad budget 2024, mnkr |\n"
        "|---|---|---|\n"
        "| Barn och unga | 120,0 | 125,5 |\n"
        "| Vuxna | 80,0 | 82,0 |\n"
        "| Summa | 200,0 | 207,5 |\n\n"
        "Tabell 2: Beslutade åtgärder\n\n"
        "| Åtgärd | Beslutsdatum | Diarienummer | Status |\n"
        "|---|---|---|---|\n"
        "| Färre externa placeringar | 2024-02-01 | Soc 12/2024 | Pågår |\n",
        encoding="utf-8",
    )
    res = parse([doc])
    a = domain.build(res.observations, res.cells)["atgarder"]
    assert sorted(set(a["measure"])) == ["Färre externa placeringar"]
    assert a["status"].tolist() == ["Pågår"]
