"""The key sentences each report opens with, from the embedded documents' real numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from sonanalys import domain
from sonanalys.analysis import findings
from sonanalys.pipeline import documents_frame
from sonanalys.report.present import document_names, wrap

MINUS = "\u2212"


@pytest.fixture(scope="module")
def frames(seeds_result):
    return domain.build(seeds_result.observations, seeds_result.cells)


def test_placeringar(frames, seeds_result):
    obs = seeds_result.observations
    s = findings.placeringar(frames["placements"], "Örebro", 5, "ledning", 2023, "jan-aug", obs)
    # 004 line 529: jan–aug 2023 461 per day against a budget of 383; line 539 says 461
    assert s[0].startswith(
        "Under jan–aug 2023 var i snitt 461 personer per dygn i insats, 78 över budgeten för "
        "2023 (383). Förvaltningen skriver: ”Fram till och med aug har nämnden nämligen köpt "
        "insatser till i genomsnitt 461 personer per dygn"
    )
    # 461 − 425 (2022) = 36, as line 539 says
    assert s[1].startswith("Det är 36 fler än snittet för helåret 2022 (425).")
    assert "(rad 539)" in s[1]
    # 004 lines 529–532: persons per day 2021 398, 2022 425; unga 133 → 151
    assert (
        s[2]
        == "Helåret 2022 var i snitt 425 personer i vård per dygn; antalet ökade med 27 från 2021."
    )
    assert s[3] == (
        "Mest ändrades gruppen unga: antalet ökade med 18 personer per dygn från 2021 till 2022."
    )
    assert s[4].startswith("Från 2017 till 2022 har antalet i snitt ökat med 11,9 personer")
    assert "p =" not in " ".join(s) and "fler/färre" not in " ".join(s)
    # 004 line 443: LVU unika individer jan–aug 2022 198, jan–aug 2023 233
    assert s[5] == (
        "Under jan–aug 2023 var 233 unika individer placerade enligt LVU, mot 198 under "
        "jan–aug 2022."
    )
    # without the run's period: the latest period the data hold beyond the last full year
    assert findings.placeringar(frames["placements"], "Örebro")[0].startswith(
        "Under jan–aug 2023 var i snitt 461"
    )


def test_placeringar_states_no_masked_count(frames):
    masked = findings.placeringar(frames["placements"], "Örebro", 200, "ledning")
    assert not any("LVU" in x for x in masked)  # 198 < 200 would be masked
    exact = findings.placeringar(frames["placements"], "Örebro", 200, "intern")
    assert any("LVU" in x for x in exact)


def test_placeringar_key_figures_state_no_masked_count(frames):
    from sonanalys.analysis import claims

    # under ledning with a threshold of 400: the budget's 383 and 2021's 398 are masked
    cs = findings.placeringar_claims(
        frames["placements"], "Örebro", 400, "ledning", 2023, "jan-aug"
    )
    said = " ".join(c.text for c in cs) + " " + claims.key_figure_table(cs).to_string()
    assert "461" in said and "383" not in said and "398" not in said


def test_varddygn(frames):
    s = findings.varddygn(frames["varddygn"], frames["placements"], "Örebro")
    # the bridge ends at the document's own Total kostnad (004 line 534: 307,2 → 330,0),
    # not at persons × 365 × cost per dygn (390,8 → 410,8); the residual is shown
    assert s[-1] == (
        "Den totala kostnaden ökade med 22,8 mnkr från 2021 till 2022, från 307,2 mnkr till "
        "330,0 mnkr enligt dokumentet. Beräknat står antalet vårddygn (volym) för +26,5 mnkr, "
        f"kostnaden per dygn (pris) för {MINUS}6,5 mnkr och resten, +2,8 mnkr, förklaras "
        "inte av vårddygn och pris."
    )
    # the current period is named as the period it is (line 533: jan–aug 2023 2 982)
    assert f"2{chr(0xA0)}982 kr under jan–aug 2023" in s[1]


def test_delarsrapport(frames, seeds_result):
    obs = seeds_result.observations
    s = findings.delarsrapport(frames["budget"], "Örebro", 2023, "jan-aug", obs)
    # 004 line 324, the table's bottom line (not the subtotal at line 322, avvikelse +3,1):
    # prognos −735,8 against budget −654,4, an underskott of 81,5 mnkr, as lines 44,
    # 293 and 313 say
    assert s[0].startswith(
        "Prognosen för helåret 2023 visar ett underskott på 81,5 mnkr mot budget "
        f"(Nettokostnad, tabellens sista rad: prognos {MINUS}735,8 mnkr, budget "
        f"{MINUS}654,4 mnkr). Förvaltningen skriver: ”Efter augusti visar prognosen för "
        "2023 ett förväntat underskott på 81,5 mnkr.” (rad 44)."
    )
    assert "överskott mot budget: avvikelsen för Nettokostnad är 3,1" not in " ".join(s)
    # the period's result, line 324: −79,6; line 313 says so, line 283 says 29,6: shown
    assert s[1].startswith("Utfallet jan–aug 2023 visar ett underskott på 79,6 mnkr mot ")
    assert "(rad 313)" in s[1]
    assert "Dokumentet säger emot sig självt:** på rad 283" in s[1] and "29,6 mnkr" in s[1]
    assert s[2] == (
        "Störst underskott mot budget i prognosen har Externa vård- och "
        "behandlingskostnader: 84,6 mnkr."
    )
    # 4.2 (lines 363–376): Netto jan–aug −406,3 (2022) → −506,6 (2023); line 283 says
    # "knappt 100" (just under 100): a round figure, shown beside the table's 100,3, not
    # as the table's own words
    assert s[4] == (
        "Utfallet för jan–aug (netto) ökade med 100,3 mnkr från 2022 till 2023: från "
        "406,3 mnkr till 506,6 mnkr. Förvaltningen skriver, med ett avrundat tal: ”Utfallet "
        "är knappt 100 mnkr högre än för samma period 2022.” (rad 283); tabellen ger 100,3 mnkr."
    )
    # 003: a total's own breakdown ("… / varav kostnader") is no verksamhet; the forecast
    # is the prognosis table's bottom line (T05 line 336), as line 342 says
    t = findings.delarsrapport(frames["budget"], "Linköping", 2018, "jan-aug", obs)
    assert t[0].startswith("Prognosen för helåret 2018 visar ett underskott på 11,9 mnkr")
    assert "(rad 342)" in t[0]
    assert t[2] == "Störst underskott mot budget i prognosen har HVB unga: 11,0 mnkr."
    assert t[3] == "Störst överskott mot budget i prognosen har Familjehem: 2,5 mnkr."
    # each figure's source is the line it is printed on: the forecast stands in the
    # prognosis table (line 336, HVB unga's −11 000 on line 329), the period in T04 (320)
    cs = findings.delarsrapport_claims(frames["budget"], "Linköping", 2018, "jan-aug", obs)
    src = "003_delarsrapport_aug_2018_linkoping_socialnamnden.txt"
    assert [c.where() for c in cs if c.bullet][:3] == [
        f"{src}, rad 336",
        f"{src}, rad 320",
        f"{src}, rad 329",
    ]


def test_bottom_line_is_the_root_total_not_the_first_matching_name(frames):
    """With the parser's structure columns (is_root, row_order), the root is the row the
    tree marks; without them, the last total in printed order."""
    from sonanalys.analysis.budget import overview, root_line

    b = frames["budget"]
    t = b[b["source"].str.startswith("004") & (b["table_id"] == "T13")]
    assert root_line(t) == 324
    # a frame carrying h26's columns: the row marked is_root wins, whatever its place
    marked = t.assign(is_root=t["line"].eq(324), row_order=t["line"] - 317)
    assert root_line(marked) == 324
    swapped = t.assign(is_root=t["line"].eq(322), row_order=t["line"] - 317)
    assert root_line(swapped) == 322
    ov = overview(b, "Örebro", 2023, "jan-aug")
    assert ov.attrs["root"] == "Nettokostnad (totalt)"
    assert ov.loc["Nettokostnad (totalt)", "avvikelse"] == -81.5
    assert ov.loc["Nettokostnad, delsumma", "avvikelse"] == 3.1


def test_atgarder_names_the_plan_by_its_title(seeds_result, frames):
    names = document_names(documents_frame(seeds_result))
    s = findings.atgarder(frames["atgarder"], frames["atgarder_uppfoljning"], "Linköping", names)
    # 002 lines 523–527: the internbudget's four plans and its own Totalt per year
    assert s[0] == (
        "Social- och omsorgsnämndens internbudget för 2024 med plan för 2025-2029 har fyra "
        "planer med en sammanlagd effekt på 121,8 mnkr 2024 och 190,0 mnkr 2027 (12 "
        "åtgärder). 2024: Beslutad åtgärdsplan för 2024-2027 19,3 mnkr; Utökad åtgärdsplan "
        "för 2024-2027 - omställning av socialtjänstens uppdrag 23,0 mnkr; Utökad "
        "åtgärdsplan för 2024-2027 - hemmaplanslösningar barn och unga 32,0 mnkr; Utökad "
        "åtgärdsplan för 2024-2027 - effektivare verksamhet 47,5 mnkr."
    )
    assert names["000_reviderad_atgardsplan_2021_linkoping_son.txt"] == (
        "Reviderad åtgärdsplan social -och omsorgsnämnden (2021)"
    )


def test_plan_effects_and_waterfall_end_at_the_documents_total(frames):
    from sonanalys.analysis.atgarder import plan_effects, waterfall

    src = "002_internbudget_2024_linkoping_son.txt"
    eff = plan_effects(frames["atgarder"], src)
    assert len(eff) == 5 and eff.attrs["total"] == "tryckt"
    assert eff.loc["Totalt"].tolist() == [121.8, 166.1, 184.1, 190.0]  # line 527
    w = waterfall(frames["atgarder"], src, 2024)
    assert w["step"].str.len().gt(0).all()  # no unlabelled bar
    assert w["value"].tolist() == [19.3, 23.0, 32.0, 47.5, 121.8]
    # a plan without a summary of plans: its measures' sum, by area
    w0 = waterfall(frames["atgarder"], "000_reviderad_atgardsplan_2021_linkoping_son.txt", 2021)
    assert w0["step"].tolist() == ["Barn och unga", "Generella", "Vuxna", "Summa"]


def test_wrap_keeps_every_word():
    label = "Utökad åtgärdsplan - omställning av socialtjänstens uppdrag"
    assert wrap(label, 16).replace("\n", " ") == label
    assert max(len(x) for x in wrap(label, 16).split("\n")) <= 16


def test_prose_of_reads_units_of_any_string_dtype():
    """Luleå 2018 (corpus dev_10) failed: 'Can only string multiply by an integer'."""
    import pandas as pd

    from sonanalys.analysis.claims import prose_of

    o = pd.DataFrame(
        {
            "table": ["text", "text", "T1"],
            "source": ["a.txt"] * 3,
            "unit": pd.array(["mnkr", "tkr", "mnkr"], dtype="string[pyarrow]"),
            "value": [81.5, 138.0, 1.0],
        }
    )
    assert prose_of(o, "a.txt")["value_mnkr"].tolist() == [81.5, 0.138]
    # the corpus' case: a document with no money in its prose (an empty selection of
    # pandas' own string dtype, whose map stays a string)
    none = o.assign(unit=pd.array(["procent", "antal", "mnkr"], dtype="str"))
    assert prose_of(none, "a.txt").empty


def test_waterfall_chart_labels_every_bar_with_its_sign():
    import matplotlib

    matplotlib.use("Agg")
    from sonanalys.report.present import BETTER, NEUTRAL, WORSE, waterfall_chart

    fig = waterfall_chart(
        ["Total kostnad 2021", "Volymeffekt", "Priseffekt", "Rest", "Total kostnad 2022"],
        [307.2, 26.5, -6.5, 2.8, 330.0],
        [True, False, False, False, True],
        "Från kostnaden 2021 till 2022",
    )
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.texts]
    assert shown == ["307,2", "+26,5", f"{MINUS}6,5", "+2,8", "330,0"]
    assert [t.get_text() for t in ax.get_xticklabels()][1] == "Volymeffekt"
    colors = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colors == [c.lower() for c in (NEUTRAL, WORSE, BETTER, WORSE, NEUTRAL)]


def test_a_round_figure_is_shown_as_one():
    from sonanalys.analysis.claims import stated

    assert stated(13, "13 mnkr", "ca", 13.0, sentence="") == "same"
    assert stated(63, "63 mnkr", "ca", 62.9, sentence="") == "same"  # 001 line 680 of its 62,9
    # 000 line 19, "cirka 30 miljoner 2022", of its Summa 28,750: a round figure
    assert stated(30, "30 miljoner", "ca", 28.75, sentence="") == "approx"
    assert stated(30, "30 miljoner", "ca", 24.0, sentence="") == ""
    # 004 line 283, "knappt 100 mnkr" (just under 100), of the table's 100,3
    assert stated(100, "100 mnkr", "knappt", 100.3, sentence="") == "approx"
    assert stated(100, "100 mnkr", "", 100.3, sentence="") == "same"
    assert stated(31, "31 miljoner", "", 19.3, sentence="") == ""
    assert stated(500, "500 tkr", "ca", 0.5, 1e-3, sentence="") == "same"


def test_a_delarsrapports_measures_are_not_called_a_plan(seeds_result, frames):
    # 004 (a delårsrapport) lists 16 decided measures (lines 604–665) with no effect in
    # mnkr: Örebro's 04 said "Den senaste planen, Delårsrapport med prognos 2 2023, har 16
    # åtgärder." The document is no plan; the sentence says what it is
    a = frames["atgarder"]
    seed = "004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt"
    names = {seed: "Delårsrapport med prognos 2 2023"}
    said = findings.atgarder(a, frames["atgarder_uppfoljning"].iloc[:0], "Örebro", names)
    assert said[0] == (
        "Det senaste dokumentet med åtgärder, Delårsrapport med prognos 2 2023, har 16 åtgärder."
    )


def test_atgarder_claims_quote_the_plans_own_words(seeds_result, frames):
    """The plan document's own sentences about its effects stand beside the claim: 002
    line 529 (121,8 in 2024, 190 on full year) and 461 (the decided plan's 19,3); 000
    line 19 ("cirka 13 mnkr år 2021 samt cirka 30 miljoner 2022", its Summa 13 and
    28,750); 001 lines 658 and 680 (62,9; "ca 63")."""
    names = document_names(documents_frame(seeds_result))
    obs = seeds_result.observations
    a, u = frames["atgarder"], frames["atgarder_uppfoljning"]
    s = findings.atgarder(a, u, "Linköping", names, obs)
    assert (
        "Förvaltningen skriver: ”Totalt ska åtgärdsplanerna när de blir fullt genomförda ge "
        "121,8 miljoner effekt 2024 och med en helårseffekt på 190 miljoner kronor.” (rad 529)."
    ) in s[0]
    assert "ändras till 19,3 miljoner kronor" in s[0] and "(rad 461)" in s[0]
    # line 253's 31 mnkr is the original plan's 2024 effect: another quantity, not quoted
    assert "31 miljoner" not in s[0] and "säger emot" not in s[0]
    # the follow-up names the two plans it compares (not the four plans of 002)
    assert s[-1] == (
        "Av de 24 åtgärderna i den tidigare planen (”Åtgärdsplan med anledning av "
        "prognostiserat underskott för social och omsorgsnämnden vid bokslut 2020”) återfinns "
        "23 i den senare (”Reviderad åtgärdsplan social -och omsorgsnämnden (2021)”) och 1 "
        "finns bara i den tidigare; 8 är nya i den senare."
    )
    # 000 alone: its own Summa row (line 106: 13 and 28,750), never the measures' 28,25
    none = u.iloc[:0]
    s0 = findings.atgarder(a[a["source"] == SEEDS0], none, "Linköping", names, obs)
    assert s0[0] == (
        "Den senaste planen, Reviderad åtgärdsplan social -och omsorgsnämnden (2021), har 31 "
        "åtgärder med en effekt på 13,0 mnkr 2021 och 28,8 mnkr 2022. Förvaltningen skriver: "
        "”Nedanstående åtgärder beräknas ge effekter om cirka 13 mnkr år 2021 samt cirka 30 "
        "miljoner 2022.” (rad 19)."
    )
    # 001 alone: its own table of years (lines 691–699: 8,0 in 2020 … 62,9 in 2024)
    s1 = findings.atgarder(a[a["source"] == SEEDS1], none, "Linköping", names, obs)
    assert "24 åtgärder med en effekt på 8,0 mnkr 2020 och 62,9 mnkr 2024." in s1[0]
    assert "(rad 658)" in s1[0] and "(rad 680)" in s1[0]


SEEDS0 = "000_reviderad_atgardsplan_2021_linkoping_son.txt"
SEEDS1 = "001_atgardsplan_2020_linkoping_son.txt"


def test_plan_effects_are_the_documents_own_per_year(frames):
    from sonanalys.analysis.atgarder import plan_effects

    e0 = plan_effects(frames["atgarder"], SEEDS0)
    assert e0.attrs["total"] == "tryckt" and e0.attrs["lines"] == "106"
    assert e0.loc["Planens summa"].tolist() == [13.0, 28.75]
    e1 = plan_effects(frames["atgarder"], SEEDS1)
    assert e1.attrs["lines"] == "691–699"
    assert e1.loc["Planens effekt per år"].tolist() == [8.0, 59.2, 60.7, 62.9, 62.9]


def test_r9_findings_give_the_namnds_goal_in_its_own_words(frames):
    from sonanalys.analysis import benchmark as bm
    from sonanalys.domain.indikatorer import r9_pairs

    p = r9_pairs(frames["indikatorer"])
    # 002 line 582: 993 against R9's 913 where the goal is "samma nivå eller lägre"
    assert bm.goal_words(p, "N33009", 2022, 80.0) == (
        " Nämndens mål (rad 582): ”Kostnad (kr/inv) för öppna insatser barn och unga ska "
        "vara på samma nivå eller lägre som snittkostnaden för R9”; 2022 låg värdet högre, "
        "inte i linje med målet."
    )
    assert bm.goal_words(p, "N35001", 2022, -302.0).endswith(
        "2022 låg värdet lägre, i linje med målet."
    )
    assert bm.goal_words(p, "N35001", 2021, -302.0) == ""  # no goal for a year not printed


def test_plans_text_about_a_measures_effect_against_its_table(frames, seeds_result):
    """000's text under each measure's heading, held against the plan's table (checked by
    hand): line 158 "sammantaget 8 miljoner" is the two boendestöd measures' earlier
    effects, 4 + 4, and "0,5 mnkr för 2021" the revised 2021 effect; line 178 lowers
    Psykiatrisk hemtjänst's effect "till 2 mnkr för helår" from 2022 where the table has
    1 mnkr for 2022: another amount, said as such. 001 line 626's 350 000 kr is its
    föreningsbidrag reduction for 2020 (0,35 mnkr)."""
    from sonanalys.analysis import atgarder as aa

    t = aa.text_against_tables(frames["atgarder"], seeds_result.observations, "Linköping")
    cols = zip(t["measure"], t["where"], t["printed"], t["table"], t["verdict"], strict=True)
    got = {(w, p): (m, tab, v) for m, w, p, tab, v in cols}
    assert got[("rad 158", "8 miljoner")] == (
        "Nya riktlinjer för boendestöd; Riktlinjer för boendestöd med bas",
        "tidigare beslutad, summa: 8",
        aa.SAME,
    )
    assert got[("rad 158", "0,5 mnkr")][1:] == ("reviderad 2021: 0,5", aa.SAME)
    assert got[("rad 178", "2 mnkr")] == (
        "Hemtjänst med inriktning mot psykiatri",
        "reviderad 2022: 1; tidigare beslutad: 3",
        aa.OTHER,
    )
    assert got[("rad 626", "350 000 kr")] == (
        "Reducering av föreningsbidrag",
        "planerad 2020: 0,35",
        aa.SAME,
    )
    # not an effect: the flats' book value (line 226), today's share of the IOP (line 246)
    assert ("rad 226", "157 940 kronor") not in got and ("rad 246", "2 mnkr") not in got
    assert list(t["verdict"]).count(aa.OTHER) == 1


def test_effects_per_year_reconcile_with_the_plans_printed_totals(frames):
    """000's Summa row (line 106) prints 13 and 28,750 mnkr revised for 2021 and 2022;
    its measures sum to 13 and, with line 102's '0,5-1 mnkr', to 28,25–28,75 for 2022:
    the printed total is shown, the sum beside it as a range, and how they differ named
    (the old table showed 28,25 alone, under 'summa av åtgärderna'). 002's bottom line
    (line 527) prints 121,8 … 190,0, which its measures reach; 001's bottom line gives
    no year, so its sums are said to be computed."""
    from sonanalys.analysis import atgarder as aa

    e = aa.effects_against_totals(frames["atgarder"], "Linköping")
    got = {(s[:3], k, int(y)): r for s, k, y, r in
           zip(e["source"], e["effect_kind"], e["year"], e.itertuples(), strict=True)}  # fmt: skip
    r = got[("000", "reviderad", 2022)]
    assert (r.printed, r.line, r.low, r.high) == (28.75, 106, 28.25, 28.75)
    assert r.note == "tryckt summa = intervallets övre gräns (0,50 mnkr över den nedre)"
    r = got[("000", "reviderad", 2021)]
    assert (r.printed, r.low, r.high, r.difference, r.note) == (13.0, 13.0, 13.0, 0.0, "stämmer")
    assert [got[("002", "planerad", y)].printed for y in (2024, 2025, 2026, 2027)] == [
        121.8,
        166.1,
        184.1,
        190.0,
    ]
    assert all(got[("002", "planerad", y)].note == "stämmer" for y in range(2024, 2028))
    r = got[("001", "planerad", 2021)]
    assert pd.isna(r.printed) and r.low == 39.55 and r.note.endswith("summan är beräknad")
    # the 2021 'tidigare beslutad' Summa on line 65 totals one section, not the plan
    assert pd.isna(got[("000", "tidigare beslutad", 2021)].printed)


def test_an_amount_per_placement_is_not_the_measures_effect(frames, seeds_result):
    """000 line 128: 'En årsplacering på Fyrbylund beräknas ge en besparing på ca 1
    mnkr/år' is a saving per placement, not Gemensamt HVB's 2022 effect (1 mnkr by
    chance): not comparable, never 'samma belopp'. The same line's 'en ungdom placerad,
    vilket innebär en beräknad kostnadseffekt på ca 500 tkr 2021' is the measure's
    effect (its clause after the comma) and agrees with the table's 0,5."""
    from sonanalys.analysis import atgarder as aa

    t = aa.text_against_tables(frames["atgarder"], seeds_result.observations, "Linköping")
    got = dict(zip(zip(t["where"], t["printed"], strict=True), t["verdict"], strict=True))
    assert got[("rad 128", "1 mnkr")] == aa.PER_UNIT
    assert got[("rad 128", "500 tkr")] == aa.SAME
    assert list(t["verdict"]).count(aa.PER_UNIT) == 1


def test_an_amount_per_unit_never_states_a_wholes_figure_in_any_claim(seeds_result):
    """The per-unit rule is the claims' own (``claims.comparable``), not only 04's text
    check: an amount the document gives per placement, individual or day never agrees
    with (nor contradicts) a figure of a whole — a plan's effect, a period's cost — and
    one per a unit states only a figure per the same unit (01's persons per dygn)."""
    from sonanalys.analysis import claims

    obs = seeds_result.observations
    text = obs[obs["table"] == "text"]

    def sentence(src: str, line: int, printed: str) -> str:
        r = text[text["source"].str.startswith(src) & (text["line"] == line)]
        return str(r[r["cell_text"] == printed]["row_label"].iloc[0])

    # 004 line 305: "… minskad kostnad för dessa sju ungdomar på ca 3,9 mnkr, dvs ca 550
    # tkr per individ": the 3,9 is the whole, the 550 tkr is per individual
    s305 = sentence("004", 305, "3,9 mnkr")  # (the 550 tkr per individ is no observation)
    assert claims.per_unit(s305, "550 tkr") == "individ"
    assert claims.per_unit(s305, "3,9 mnkr") == ""
    assert claims.stated(550, "550 tkr", "ca", 0.55, 1e-3, sentence=s305) == ""
    assert claims.stated(550, "550 tkr", "ca", 0.55, 1e-3, sentence=s305,
                         per=claims.claim_per("tkr per individ")) == "same"  # fmt: skip
    assert claims.stated(3.9, "3,9 mnkr", "ca", 3.9, sentence=s305) == "same"
    # 004 line 539, "i genomsnitt 461 personer per dygn": 01's claim is per dygn too
    s539 = sentence("004", 539, "461 personer")
    per_dygn = claims.claim_per("personer per dygn")
    assert claims.stated(461, "461 personer", "", 461, sentence=s539, per=per_dygn) == "same"
    assert claims.stated(461, "461 personer", "", 461, sentence=s539) == ""
    for words, printed, unit in (("500 tkr per plats", "500 tkr", "plats"),
                                 ("0,2 mnkr per år och placering", "0,2 mnkr", "placering"),
                                 ("3 000 kr/dygn", "3 000 kr", "dygn")):  # fmt: skip
        assert claims.per_unit(words, printed) == unit
    assert not claims.per_unit("minskar kostnaden med 1 mnkr per år", "1 mnkr")

    # the plan's prose (check_plan_prose): 000 line 128, "En årsplacering på Fyrbylund
    # beräknas ge en besparing på ca 1 mnkr/år", is not an effect of 1 mnkr of the plan
    prose = claims.prose_of(obs, str(text[text["source"].str.startswith("000")]["source"].iloc[0]))
    c = claims.check_plan_prose(claims.Claim("", 1.0, "mnkr"), prose, 1.0, 2022, True)
    assert 128 not in [e.line for e in c.evidence]
    # a delårsrapport's (check_prose): 004 line 543, "en kostnad mellan 6 upp till 16
    # tkr/dygn", is no period figure of the nämnd's
    prose = claims.prose_of(obs, str(text[text["source"].str.startswith("004")]["source"].iloc[0]))
    c = claims.check_prose(claims.Claim("", 0.016, "mnkr"), prose, "period", False, [], [])
    assert 543 not in [e.line for e in c.evidence]


def test_a_range_of_numbers_is_aligned_as_numbers():
    """The computed sum as a range ('28,25–28,75') stands right, as the numbers above and
    below it do; words stand left."""
    from sonanalys.report.present import table_html

    html = table_html(pd.DataFrame({"summa": ["28,25–28,75", 13.0, "stämmer"]}), 2)
    assert '<td style="text-align:right">28,25–28,75</td>' in html
    assert '<td style="text-align:right">13,00</td>' in html
    assert '<td style="text-align:left">stämmer</td>' in html


def test_a_table_with_pandas_missing_values_shows_them_as_missing():
    """A frame straight from ``sonanalys.load`` has nullable columns (Int64, string):
    their missing values are ``pd.NA``, which ``float()`` refuses. An economist showing
    such rows in a notebook got a TypeError; now they show as "–" like NaN."""
    import pandas as pd

    from sonanalys.report.present import MISSING, sv, table_html

    df = pd.DataFrame(
        {"år": pd.array([2022, None], dtype="Int64"), "mnkr": pd.array([1.5, None], "Float64")},
        index=["HVB", "SiS"],
    )
    html = table_html(df, {"år": "plain", "mnkr": 1})
    assert sv(pd.NA) == MISSING and sv(pd.NaT) == MISSING
    assert html.count(MISSING) >= 2 and "2022" in html and "1,5" in html


def test_counts_are_whole_numbers_in_every_table(frames):
    """004 (Örebro) prints its placements' TOTALT as 137 against rows summing to 135: a
    count, shown '137' and '2' wherever a table's decimals are for mnkr (05's Kontroller
    printed '137,0'); the same table's mnkr rows keep their decimals, and a count that is
    not whole (a mean) keeps its own."""
    from sonanalys.report.present import table_html

    c = frames["checks"]
    c = c[(c["status"] != "ok") & (c["unit"] == "antal")].head(1)
    assert (c["reported"].iloc[0], c["difference"].iloc[0]) == (137.0, 2.0)
    t = pd.DataFrame(
        {"dokumentets summa": [c["reported"].iloc[0], 18.0, 2.5], "skillnad": [2.0, -4.5, 0.5]},
        index=["TOTALT", "Summa intäkter", "snitt"],
    )
    html = table_html(t, 1, units=["antal", "mnkr", "personer"])
    cells = re.findall(r">([^<>]*)</td>", html)
    assert cells == ["137", "2", "18,0", "\u22124,5", "2,5", "0,5"]
    t.attrs["units"] = "st"
    assert re.findall(r">([^<>]*)</td>", table_html(t, 1))[:2] == ["137", "2"]


PRINTED_PLANS = Path(__file__).parent / "fixtures" / "printed_plans"


@pytest.fixture(scope="module")
def printed_plans():
    """000 and 001 printed as PDFs (``fixtures/printed_plans/make.py``): their lines
    are counted per page."""
    from sonanalys.observations import parse

    r = parse([PRINTED_PLANS])
    return domain.build(r.observations, r.cells)


def test_a_pdf_plans_bottom_line_is_its_tables_root_not_the_highest_line(printed_plans):
    """In 000 printed on tall pages, the plan's Summa (13 and 28,75 mnkr revised for 2021
    and 2022) stands on page 3, line 9, and the first table's Summa (8,1 mnkr 'tidigare
    beslutad' 2021, the root of one section's table) on page 1, line 72. The old rule,
    the highest line with a total's name, took line 72 as the plan's bottom line: it
    said the plan prints 8,1 for 2021 against measures of 26,35 ('avviker … −18,25') and
    no revised total at all."""
    from sonanalys.analysis import atgarder as aa

    e = aa.effects_against_totals(printed_plans["atgarder"], "Linköping")
    got = {(s[:3], k, int(y)): r for s, k, y, r in
           zip(e["source"], e["effect_kind"], e["year"], e.itertuples(), strict=True)}  # fmt: skip
    r = got[("000", "reviderad", 2021)]
    assert (r.printed, r.page, r.line) == (13.0, 3, 9)
    assert got[("000", "reviderad", 2022)].printed == 28.75
    assert pd.isna(got[("000", "tidigare beslutad", 2021)].printed)
    # the table's 'rad' column names the page
    assert aa.line_places(e[e["effect_kind"].eq("reviderad")]) == ["s. 3, rad 9"] * 2


def test_pdf_plan_frames_are_in_page_and_line_order(printed_plans):
    """A PDF counts its lines per page: 001's table of years runs from page 7, lines
    68–71, to page 8, line 1, and the frame, once sorted by line alone, began with page
    8's rows; the plan's effect per year names its lines by page."""
    from sonanalys.analysis.atgarder import plan_effects

    a = printed_plans["atgarder"]
    for _, doc in a.groupby("source"):
        places = list(zip(doc["page"].astype(int), doc["line"].astype(int), strict=True))
        assert places == sorted(places)
    src = "001_atgardsplan_2020_linkoping_son.pdf"
    e1 = plan_effects(a, src)
    assert e1.loc["Planens effekt per år"].tolist() == [8.0, 59.2, 60.7, 62.9, 62.9]
    assert e1.attrs["lines"] == "s. 7, rad 68 – s. 8, rad 1"
    assert e1.attrs["where"] == "s. 7, rad 68 – s. 8, rad 1"
    e0 = plan_effects(a, "000_reviderad_atgardsplan_2021_linkoping_son.pdf")
    assert e0.attrs["where"] == "s. 3, rad 9"
    assert plan_effects(a, src).attrs["total"] == "tryckt"


def test_a_pdf_plans_text_is_held_against_its_table_line_by_page(printed_plans):
    """04's 'planens text' check counts the figures a printed line holds, and a PDF counts
    its lines per page: 001 printed, page 7 line 19 ('… ytterligare 350 000 kr outnyttjade
    medel …', one figure) was counted with other pages' lines 16 as holding more, and
    its sentence was never compared. The text version compares it (line 626: the same
    amount as the table's 0,35 mnkr for 'Reducering av föreningsbidrag')."""
    from sonanalys.analysis import atgarder as aa
    from sonanalys.observations import parse

    obs = parse([PRINTED_PLANS]).observations
    t = aa.text_against_tables(printed_plans["atgarder"], obs, "Linköping")
    row = t[
        (t["source"] == "001_atgardsplan_2020_linkoping_son.pdf") & (t["where"] == "s. 7, rad 19")
    ]
    assert row[["measure", "printed", "verdict"]].values.tolist() == [
        ["Reducering av föreningsbidrag", "350 000 kr", aa.SAME]
    ]


def test_a_period_without_a_table_quotes_its_documents_amounts_never_reads_them():
    """Alingsås's monthly follow-up for jan–mar 2020 (round two, dev_23) is prose only. 05
    said "Underlaget har ingen delårsrapport för Alingsås jan–mar 2020", while the one
    document of that period states the period's utfall, budget, avvikelse and the year's
    prognos. Now the summary says there is no table with budget, utfall and prognos,
    names the document, and quotes its sentences with amounts as written, each with its
    line; none is read into a result (the budget's sign is in its word: "budgeterat
    underskott om 518 tkr")."""
    from sonanalys.observations import parse

    corpus = Path(__file__).parent / "corpus" / "round2"
    obs = parse([corpus / "dev_23_alingsas_sn_uppfoljning_mars_2020.txt"]).observations
    budget = pd.DataFrame(columns=["municipality", "doc_year", "value_kind", "period", "year"])
    cs = findings.delarsrapport_claims(budget, "Alingsås", 2020, "jan-mar", obs)
    said = [c.text for c in cs]
    src = "dev_23_alingsas_sn_uppfoljning_mars_2020.txt"
    assert said == [
        "Underlaget har ingen tabell med budget, utfall och prognos för Alingsås jan–mar 2020; "
        f"därför visas inga tal per verksamhet och inget resultat. Dokumentet för perioden är "
        f"{src}. Dess belopp i löptext, ordagrant:",
        "”Socialnämnden redovisar ett ackumulerat utfall om -3 593 tkr per mars 2020 och har "
        "för samma period ett budgeterat underskott om 518 tkr.” (rad 24)",
        "”Budgetavvikelsen uppgår för perioden till -3 075 tkr och med hänsyn till den upplupna "
        "semesterlönen om 1 451 tkr uppgår det reella underskottet för perioden till drygt "
        "1 600 tkr.” (rad 24)",
        "”Prognosen för 2020 uppgår till -7 000 tkr.” (rad 26)",
    ]
    assert all(c.value is None and not c.label for c in cs)  # no key figure, no result
    assert [c.lines for c in cs] == [[], [24], [24], [26]]
    # another period, or another municipality: no document of it, as before
    for m, y, p in [("Alingsås", 2020, "jan-apr"), ("Alingsås", 2019, "jan-mar"),
                    ("Kalmar", 2020, "jan-mar")]:  # fmt: skip
        cs = findings.delarsrapport_claims(budget, m, y, p, obs)
        assert [c.text for c in cs] == [
            f"Underlaget har ingen delårsrapport för {m} {p.replace('-', '–')} {y}."
        ]
