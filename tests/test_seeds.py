"""Real values from the five real documents, checked by hand against the text."""

from __future__ import annotations

import math
import re

from tests.conftest import SEEDS, pick

from sonanalys import numparse


def vals(df):
    return sorted(df.value.tolist())


def only(df):
    assert len(df) == 1, df
    return df.iloc[0]


# ------------------------------------------------------------------ documents


def test_documents_are_detected(seeds_result):
    got = {d.source: (d.doc_type, d.municipality, d.doc_year) for d in seeds_result.documents}
    assert got == {
        SEEDS["000"]: ("atgardsplan", "Linköping", 2021),
        SEEDS["001"]: ("atgardsplan", "Linköping", 2020),
        SEEDS["002"]: ("internbudget", "Linköping", 2024),
        SEEDS["003"]: ("delarsrapport", "Linköping", 2018),
        SEEDS["004"]: ("delarsrapport", "Örebro", 2023),
    }


# ------------------------------------------------------------------ 000 tab tables with <b>


def test_000_decided_measures_table(obs):
    t = pick(obs, source=SEEDS["000"], table="Tabell över redan beslutade och genomförda förslag")
    assert [(r.row_label, r.value, r.unit, r.year, r.line) for r in t.itertuples()] == [
        ("Akutboende", 1.5, "mnkr", 2021, 60),
        ("Team bo kvar", 1.4, "mnkr", 2021, 61),
        ("Reducering hyra beroendemottagningen", 0.6, "mnkr", 2021, 62),
        ("Ny upphandling stödboende för våldsutsatta kvinnor", 1.6, "mnkr", 2021, 63),
        ("Avslutat uppdrag Barnhemsgatan", 3.1, "mnkr", 2021, 64),
        ("Summa", 8.1, "mnkr", 2021, 65),
    ]
    assert set(t.value_kind) == {"effekt"}


def test_000_revised_plan_hard_cells(obs):
    t = pick(
        obs,
        source=SEEDS["000"],
        table="Tabell över nya förslag samt revidering av beslut juni 2020",
    )
    umg = pick(t, row_label="Nya riktlinjer stöd vid umgänge (ej utlösa optioner)")
    assert {(r.column_label, r.value, r.qualifier) for r in umg.itertuples()} == {
        ("Reviderat förslag netto effekt 2022", 0.5, ""),
        ("Kostnadsreducering tidigare beslutad åtgärdsplan effekt 2021", 0.5, "ca"),
    }
    kost = pick(
        t,
        row_label="Utöka platser på stödboende för ungdomar 10 pl",
        column_label="Kostnader för genomföra förslaget",
    )
    assert [(r.value, r.year, r.qualifier) for r in kost.itertuples()] == [
        (4.0, 2021, "ca"),
        (6.0, 2022, ""),
    ]
    rng = only(pick(t, row_label="Reducering av uppräknning i nya avtal samt verksam hetsuppdrag"))
    assert (rng.value, rng.value_high, rng.unit, rng.year) == (0.5, 1.0, "mnkr", 2022)
    summa = pick(t, row_label="Summa")
    assert [(r.value, r.year) for r in summa.itertuples()] == [
        (13.0, 2021),
        (28.75, 2022),
        (51.1, None),
        (5.2, 2021),
        (17.0, 2022),
    ]
    # sections come from the bold row and from the header rows repeated mid-table
    assert set(t.section) == {
        "Åtgärder inom ffa Barn och unga",
        "Åtgärder ffa för vuxna",
        "Åtgärder som är generella",
    }
    assert (
        len(pick(t, section="Åtgärder ffa för vuxna", row_label="Nya riktlinjer för boendestöd"))
        == 3
    )
    status = only(pick(t, column_label="Status"))
    assert (status.value, status.year, status.unit) == (3.0, 2023, "mnkr")


# ------------------------------------------------------------------ 001 loose pdftotext tables


def test_001_loose_table_with_wrapped_labels_and_time_aspect(obs):
    t = pick(obs, source=SEEDS["001"], line=215)
    r = only(t)
    assert (r.row_label, r.value, r.unit, r.year, r.column_label) == (
        "Systematisk uppföljning samt genom att matcha rätt insats",
        4.0,
        "mnkr",
        2021,
        "Kostnadsreducering",
    )
    hvb = only(pick(obs, source=SEEDS["001"], row_label="Gemensamt HVB"))
    assert (hvb.value, hvb.year, hvb.period, hvb.line) == (1.0, 2020, "Q 3 2020", 225)
    viten = only(
        pick(
            obs,
            source=SEEDS["001"],
            row_label="Nya riktlinjer vid erbjudande av bostad med särskild service",
        )
    )
    assert (viten.value, viten.unit, viten.year, viten.line) == (3.0, "mnkr", 2021, 255)
    # two records on consecutive lines of one paragraph
    assert only(pick(obs, source=SEEDS["001"], row_label="Akutboendeteam")).value == 1.5
    assert only(pick(obs, source=SEEDS["001"], row_label="Team bo kvar")).line == 387
    fam = pick(
        obs,
        source=SEEDS["001"],
        row_label="Utreda möjligheten att ersätta konsulentstödda familjehem med kommunanställda",
    )
    assert {(r.value, r.unit, r.qualifier) for r in fam.itertuples()} == {
        (5.0, "antal", ""),
        (1.1, "mnkr", "ca"),
    }
    sums = pick(obs, source=SEEDS["001"], table_id="T0…", row_label="Summa…")
    assert vals(sums) == sorted([23.5, 4.0, 7.3, 9.75, 17.6, 0.75, 62.9])


def test_001_year_table(obs):
    t = pick(obs, source=SEEDS["001"], table="Kostnadsreducering per år")
    assert [(r.row_label, r.year, r.value) for r in t.itertuples()] == [
        ("2020", 2020, 8.0),
        ("2021", 2021, 59.2),
        ("2022", 2022, 60.7),
        ("2023", 2023, 62.9),
        ("2024", 2024, 62.9),
        ("Summa total helårseffekt", None, 62.9),
    ]


def test_001_prose_numbers(obs):
    prose = pick(obs, source=SEEDS["001"], table="text")
    hvb = pick(prose, row_label="Kostnaderna har för den samlade HVB verksamheten har ökat från…")
    assert [(r.value, r.year, r.line) for r in hvb.itertuples()] == [
        (138.0, 2017, 32),
        (172.0, 2018, 32),
        (186.0, 2019, 33),
    ]
    assert only(pick(prose, value=57.0, line=30)).unit == "mnkr"
    drygt = only(pick(prose, value=200.0))
    assert (drygt.qualifier, drygt.unit) == ("drygt", "mnkr")


# ------------------------------------------------------------------ 002 internbudget


def test_002_driftsammandrag(obs):
    t = pick(obs, source=SEEDS["002"], table="Driftsammandrag")
    summa = pick(t, row_label="Summa nämndens internbudget")
    assert [(r.year, r.value_kind, r.value) for r in summa.itertuples()] == [
        (2024, "budget", 1801.0),
        (2025, "plan", 1785.0),
        (2026, "plan", 1780.0),
        (2027, "plan", 1777.0),
        (2028, "plan", 1777.0),
        (2029, "plan", 1777.0),
    ]
    assert set(t.unit) == {"mnkr"}
    varav = pick(t, row_label="Summa nämndens internbudget / varav intäkter", year=2024)
    assert only(varav).value == -984.0
    assert vals(pick(t, row_label="Ofördelade kostnadsreduceringar")) == [-15.0, -9.0]
    assert only(pick(t, row_label="Nya gruppbostäder, ospecificerade", year=2026)).value == 13.0


def test_002_volumes_with_split_cells_and_page_break(obs):
    t = pick(obs, source=SEEDS["002"], table="Volymutveckling")
    dygn = pick(t, row_label="Antal barn och unga i dygnsvård (IFO/LSS/FH/SoL) ackumulerat")
    assert [(r.category, r.year, r.value_kind, r.value, r.line) for r in dygn.itertuples()] == [
        ("IFO", 2022, "utfall", 454.0, 271),
        ("IFO", 2023, "budget", 470.0, 271),
        ("IFO", 2024, "budget", 470.0, 271),
        ("LSS", 2022, "utfall", 11.0, 279),
        ("LSS", 2023, "budget", 13.0, 279),
        ("LSS", 2024, "budget", 13.0, 279),
        ("FH/SoL", 2022, "utfall", 1.0, 280),
    ]  # "FH/SoL IU": no data, no observation
    vuxna = pick(
        t, row_label="Antal pågående ärenden inom IFO/LSS/FH SoL för vuxna ackumulerat", year=2022
    )
    assert {(r.category, r.value) for r in vuxna.itertuples()} == {
        ("IFO", 1201.0),
        ("LSS", 1243.0),
        ("FH/SoL", 1564.0),
    }
    akt = only(pick(t, row_label="Antal aktualiseringar 0-20 år ackumulerat", year=2022))
    assert (akt.value, akt.unit, akt.footnote) == (
        5887.0,
        "antal",
        "QlikSense aktualiseringar anmälan, annat sätt, ansökan, 0-20 nya under perioden",
    )
    assert len(t) == 49


def test_002_action_plan_effects(obs):
    t = pick(obs, source=SEEDS["002"], table="Utökad åtgärdsplan - effektivare verksamhet")
    assert [(r.year, r.value) for r in pick(t, row_label="Totalt").itertuples()] == [
        (2024, 47.5),
        (2025, 68.2),
        (2026, 68.2),
        (2027, 68.2),
    ]
    # "6,0 | - | - | -": the dashes are no data, never zero
    assert only(pick(t, row_label="Förändring / sen verkställighet boenden")).value == 6.0
    summ = pick(obs, source=SEEDS["002"], table="Summering av åtgärdsplaner…", row_label="Totalt")
    assert vals(summ) == [121.8, 166.1, 184.1, 190.0]
    assert set(summ.unit) == {"mnkr"}  # "Effekt 2024, mnr"


def test_002_r9_pairs_with_kolada_ids(obs):
    t = pick(obs, source=SEEDS["002"], row_label="Hållbar ekonomi / Kostnad (…")
    got = {(r.entity, r.value, r.unit, r.year, r.footnote) for r in t.itertuples()}
    assert got == {
        ("Linköping", 761.0, "kr/inv", 2022, "Kolada ID N35001"),
        ("R9", 1063.0, "kr/inv", 2022, "Kolada ID N35001"),
        ("Linköping", 8605.0, "kr/inv", 2022, "Kolada ID N33022"),
        ("R9", 9260.0, "kr/inv", 2022, "Kolada ID N33022"),
        ("Linköping", 993.0, "kr/inv", 2022, "Kolada ID N33009"),
        ("R9", 913.0, "kr/inv", 2022, "Kolada ID N33009"),
    }
    lss = pick(obs, source=SEEDS["002"], row_label="Hållbar ekonomi / Kostnaderna för boende…")
    assert {(r.entity, r.value, r.unit) for r in lss.itertuples()} == {
        ("Linköping", 1189.0, "tkr/brukare"),
        ("R9", 1157.0, "tkr/brukare"),
    }


def test_002_indicators_other_cells(obs):
    src = pick(obs, source=SEEDS["002"])
    utr = pick(src, line=596)
    assert {(r.category, r.year, r.value, r.unit) for r in utr.itertuples()} == {
        ("IFO", 2022, 120.0, "dagar"),
        ("LSS", 2022, 259.0, "dagar"),
        ("IFO", 2023, 117.0, "dagar"),
        ("LSS", 2023, 205.0, "dagar"),
    }
    dygn = pick(src, line=597)
    assert [(r.year, r.value, r.unit) for r in dygn.itertuples()] == [
        (2022, 25863.0, "dygn"),
        (2023, 26387.0, "dygn"),
    ]
    aug = only(pick(src, line=559, year=2023))
    assert (aug.value, aug.unit, aug.period) == (53.0, "procent", "Augusti 2023")
    men = only(pick(src, line=610))
    assert (men.sex, men.value, men.unit) == ("M", 7.4, "procent")
    assert men.row_label.endswith("/ Total sjukfrånvaro,% / Män")
    # "i u", "i.u": no data, no observation, no report
    assert pick(src, line=615).empty and pick(src, line=616).empty
    staff = only(pick(src, line=695, year=2024))
    assert (staff.value, staff.qualifier) == (1500.0, "<")


# ------------------------------------------------------------------ 003 delårsrapport 2018


def test_003_driftsammandrag_tkr(obs):
    t = pick(obs, source=SEEDS["003"], table="Prognos resultat 2018")
    hvb = pick(t, row_label="HVB unga")
    assert [(r.column_label, r.year, r.value_kind, r.value, r.unit) for r in hvb.itertuples()] == [
        ("Prognos helår", 2018, "prognos", 92424.0, "tkr"),
        ("Budget 2018", 2018, "budget", 81424.0, "tkr"),
        ("Avvikelse", 2018, "avvikelse", -11000.0, "tkr"),
        ("Bokslut 2017", 2017, "bokslut", 78377.0, "tkr"),
    ]
    kost = only(
        pick(t, row_label="Summa nettokostnader, tkr / varav kostnader", value_kind="bokslut")
    )
    assert kost.value == -810652.0
    per = pick(obs, source=SEEDS["003"], table="Resultat 31 augusti 2018", row_label="Summa")
    assert [(r.year, r.period, r.value_kind, r.value) for r in per.itertuples()] == [
        (2018, "jan-aug", "utfall", 320864.0),
        (2017, "jan-aug", "utfall", 289830.0),
        (2018, "", "förändring", 31034.0),
        (2018, "jan-aug", "avvikelse", -10944.0),
    ]


def test_003_indicators_two_row_spanning_header(obs):
    t = pick(obs, source=SEEDS["003"], table_id="T02")
    anm = pick(t, row_label="Anmälningar till socialtjänsten om barn som far illa")
    assert [(r.column_label, r.year, r.value) for r in anm.itertuples()] == [
        ("2016", 2016, 3331.0),
        ("2017", 2017, 3691.0),
        ("2018 / Utfall per 31 aug.", 2018, 2490.0),
        ("2018 / Prognos", 2018, 3735.0),
    ]
    fam = only(t[t.row_label.str.startswith("Kostnad/vård dygn för familjehemsvård")])
    assert (fam.value, fam.unit, fam.year) == (1974.0, "kr/dygn", 2016)
    inst = only(t[t.row_label.str.startswith("Invånare 0-20 år placerade") & (t.year == 2018)])
    assert (inst.value, inst.unit, inst.period) == (13.7, "per1000", "jan-aug")
    assert set(t.section) >= {"Social barn och ungdomsvård", "Ekonomiskt bistånd"}
    cost = only(t[t.row_label.str.startswith("Kostnad för utbetalt ekonomiskt bistånd")])
    assert (cost.value, cost.unit) == (63869.0, "")  # no currency printed: unit left unsaid


# ------------------------------------------------------------------ 004 Örebro, pipe tables


def test_004_drift_and_two_row_headers(obs):
    src = pick(obs, source=SEEDS["004"])
    net = pick(src, line=324)
    assert [(r.column_label, r.value) for r in net.itertuples()] == [
        ("Bokslut 2022, mnkr", -637.1),
        ("Budget 2023, mnkr", -654.4),
        ("Periodens budget, mnkr", -427.0),
        ("Periodens utfall, mnkr", -506.6),
        ("Periodens avvikelse, mnkr", -79.6),
        ("Prognos helår, mnkr", -735.8),
        ("Avvikelse Budget-Prognos helår, mnkr", -81.5),
    ]
    tot = pick(src, line=355)
    assert [(r.column_label, r.year, r.value) for r in tot.itertuples()][-3:] == [
        ("2023 / Prognos Helår (Juli)", 2023, -733053.0),
        ("2023 / Prognos Helår (Aug)", 2023, -735827.0),
        ("2023 / Avvikelse Prognos-budget", 2023, -81451.0),
    ]
    pct = only(pick(src, line=366, column_label="Förändring 2022-2023 / %"))
    assert (pct.value, pct.unit, pct.period) == (400.0, "procent", "2022-2023")
    # "551 Missbruksvård vuxna": the activity code is the label's, never a value (it
    # was read as a value in a "Verksamhetsgrupp" column, the rows left without labels)
    codes = pick(src, line=351)
    assert set(codes["row_label"]) == {"551 Missbruksvård vuxna"}
    assert 551.0 not in codes["value"].tolist()
    assert only(pick(codes, column_label="2022 / Bokslut")).value == -109250.0
    assert set(tot["row_label"]) == {"Total kostnad"}


def test_004_external_care_per_day(obs):
    t = pick(obs, source=SEEDS["004"], table="4.3.4 Externa vård- och behandlingskostnader")
    cost = pick(t, row_label="Genomsnittlig kostnad (kronor per dygn)")
    assert [(r.year, r.value, r.unit) for r in cost.itertuples()][:7] == [
        (2017, 2610.0, "kr/dygn"),
        (2018, 2225.0, "kr/dygn"),
        (2019, 2486.0, "kr/dygn"),
        (2020, 2611.0, "kr/dygn"),
        (2021, 2690.0, "kr/dygn"),
        (2022, 2648.0, "kr/dygn"),
        (2023, 2648.0, "kr/dygn"),
    ]
    prog = only(pick(t, row_label="Total kostnad (mnkr)", column_label="jan-aug 2023"))
    assert (prog.value, prog.value_kind, prog.unit) == (376.6, "prognos", "mnkr")
    barn = only(pick(t, row_label="Barn (snitt per dygn)", column_label="jan-aug 2023"))
    assert (barn.value, barn.unit, barn.period) == (165.0, "antal", "jan-aug")


def test_004_lvu_lvm_by_sex(obs):
    src = pick(obs, source=SEEDS["004"], table="Placeringar enligt LVU och LVM")
    girls = pick(src, row_label="Antal unika individer i placering enl LVU / varav flickor")
    assert set(girls.sex) == {"K"} and only(pick(girls, year=2023)).value == 130.0
    men = only(
        pick(src, row_label="Antal unika individer i placering enl LVM / varav män", year=2019)
    )
    assert (men.value, men.sex, men.period) == (14.0, "M", "jan-aug")


def test_004_five_years_sub_rows_take_parent_units(obs):
    t = pick(obs, source=SEEDS["004"], table="5. Fem år i sammandrag")
    vd = pick(t, row_label="Genomsnittlig kostnad per vårddygn (ovägt medelvärde) (exkl ensamk.)")
    assert [(r.year, r.value, r.unit) for r in vd.itertuples()] == [
        (2019, 2486.0, "kr/dygn"),
        (2020, 2686.0, "kr/dygn"),
        (2021, 2690.0, "kr/dygn"),
        (2022, 2648.0, "kr/dygn"),
    ]
    rate = t[
        t.row_label.str.endswith("andel flickor/kvinnor")
        & t.row_label.str.startswith("Invånare 0–20 år utredda")
    ]
    assert set(rate.unit) == {"per1000"} and set(rate.sex) == {"K"}
    share = t[
        t.row_label.str.startswith("Institutionsvård antal unika placeringar") & (t.sex == "K")
    ]
    assert set(share.unit) == {"procent"} and vals(share) == [40.0, 40.0, 40.0, 42.0]
    hvb = pick(t, row_label="Vårddygn, institutionsvård, HVB")
    assert vals(hvb) == [46936.0, 48128.0, 49263.0, 55154.0] and set(hvb.unit) == {"dygn"}
    assert pick(
        t, row_label="Antal externa dygn i familjehemsvård barn (exkl. Ensamk.)", year=2019
    ).empty


def test_004_occupancy_by_month_and_ekb_counts(obs):
    bel = pick(
        obs, source=SEEDS["004"], table="Beläggning eget utförande", row_label="HVB (Ungdom)"
    )
    assert [(r.column_label, r.period, r.value, r.unit) for r in bel.itertuples()][:3] == [
        ("Platser", "", 29.0, "antal"),
        ("Jan", "jan", 94.0, "procent"),
        ("Feb", "feb", 90.0, "procent"),
    ]
    ekb = pick(obs, source=SEEDS["004"], table="Aktuella ärenden", row_label="TOTALT")
    assert [(r.year, r.period, r.value) for r in ekb.itertuples()][:2] == [
        (2014, "dec", 137.0),
        (2015, "dec", 383.0),
    ]
    ram = pick(obs, source=SEEDS["004"], line=279)
    assert vals(ram) == [-103.0, -78.0, 115.0, 654376.0, 654442.0] and set(ram.unit) == {"tkr"}


# ------------------------------------------------------------------ guarantees


def test_every_value_is_printed_at_its_line(obs, seed_lines):
    key = {v: k for k, v in SEEDS.items()}
    missing = []
    for r in obs.itertuples():
        line = seed_lines[key[r.source]][r.line - 1]
        tokens = [
            t for cell in re.split(r"[\t|]", line) for t in numparse.scan(numparse.strip_tags(cell))
        ]
        printed = {t.value for t in tokens if t.value is not None}
        printed |= {t.value_high for t in tokens if t.value_high is not None}
        # a count written as a word in a sentence ("sju ungdomar"): the word on the line,
        # or in the table's comment cell it was read from ("minst fem insatser")
        words = {numparse.word_number(w) for w in re.findall(r"[^\W\d_]+", line)}
        in_cell = {numparse.word_number(w) for w in re.findall(r"[^\W\d_]+", r.cell_text)}
        printed |= {w for w in words if w is not None and (r.table == "text" or w in in_cell)}
        # the word minus before a number is its sign ("prognosen med minus 0,4 mnkr")
        if str(r.cell_text).lower().startswith("minus "):
            printed |= {-p for p in printed}
        if not any(math.isclose(r.value, p) for p in printed):
            missing.append((r.source, r.line, r.value, line[:80]))
    assert missing == []


def test_parse_report_of_seeds_lists_only_non_values(report):
    # the one kind of warning: a number in a sentence that no rule reads (prose.py,
    # tests/test_prose_unread.py lists them), and an amount per a unit the vocabulary has
    # no name for ("550 tkr per individ", in a sentence and in a table's comment cell);
    # everything else is no value, by rule
    warned = report[report.severity == "warning"]
    per_other = {numparse.PER_OTHER_REASON.format(b) for b in ("individ", "hushåll")}
    assert set(warned[~warned.reason.isin(per_other)].table) == {"text"}
    assert set(warned.reason) <= {
        "tal i löptext: meningen säger inte vad talet mäter, läses inte",
        "tidslängd i löptext (timmar): ingen enhet för tid, läses inte",
        "tidslängd i löptext (månader): ingen enhet för tid, läses inte",
        *per_other,
    }
    report = report[report.severity != "warning"]
    assert set(report.severity) == {"info"}
    reasons = set(report.reason)
    assert reasons <= {
        "datum, inte ett värde",
        "diarienummer, inte ett värde",
        "årtal som hänvisning, inte ett värde",
        "årtal som jämförs med (jämfört med, sedan, än, från … till), inte värdets år",
        "åldersintervall, inte ett värde",
        "innehållsförteckning: sidnummer är inga värden",
        "tal i löptext utan enhet",
        "tal i rubrik, inget värde",
        "tal i tabellhuvud, del av kolumnrubriken, inget värde",
        "mellanslag efter decimalkomma lästes som decimaltal",
        "uppgift saknas enligt cellen",
        # a named total its rows do not add up to (structure.find_totals)
        "summaraden stämmer inte med raderna ovan eller under den; "
        "läses som summa utan angivna delar",
    }
    # 003 line 79: "1 974 - - - -" — 2016 has a value, the four dashes are reported as such
    dashes = report[(report.source == SEEDS["003"]) & (report.line == 79)]
    assert list(dashes.token) == ["-", "-", "-", "-"]
    assert set(dashes.reason) == {"uppgift saknas enligt cellen"}


def test_no_page_numbers_from_tables_of_contents(obs):
    assert pick(obs, source=SEEDS["002"], line=111).empty  # "Ekonomi.....	9"
    assert pick(obs, source=SEEDS["004"], line=17).empty


def test_units_are_from_the_vocabulary(obs):
    from sonanalys.units import VOCABULARY

    assert set(obs.unit) <= set(VOCABULARY) | {""}
    # the seeds use the core units, so a broken unit rule shows here
    assert {
        "mnkr",
        "tkr",
        "kr/dygn",
        "kr/inv",
        "tkr/brukare",
        "antal",
        "procent",
        "per1000",
        "dagar",
        "dygn",
    } <= set(obs.unit)
