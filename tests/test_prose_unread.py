"""Numbers in finished sentences that no rule reads (prose.unread_numbers): each one
that is a value by its look is said in the parse report at its line, with why; numbers
that are no values (references, names, ages, list and page numbers, section numbers,
clock times, phone numbers) are passed over, so the report stays worth reading. Real
sentences from the seeds and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SEEDS

from sonanalys import numparse as N
from sonanalys import prose
from sonanalys.observations import parse

CORPUS = Path(__file__).parent / "corpus" / "text"
UNREAD = prose.UNREAD_IN_SENTENCE
MONTHS = prose.DURATION_IN_SENTENCE.format("månader")
HOURS = prose.DURATION_IN_SENTENCE.format("timmar")


def unread(sentence: str, line_starts: frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    reading = prose.sentence_reading(sentence)
    return [(t, why) for _, t, why in prose.unread_numbers(sentence, reading, line_starts)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # values whose measure the sentence does not say (003 line 204, a stress index)
        (
            "Socialförvaltningens stressindex vid mätning i medarbetarenkäten har minskat "
            "från 23 till 13.",
            [("23", UNREAD), ("13", UNREAD)],
        ),
        # a length of time: no unit for it in the vocabulary (004 line 305, 001 line 556)
        (
            "För de ungdomar där insatsen bedömts haft betydande påverkan (sju ärenden), bedöms "
            "hypotetiskt placeringsinsatserna sammantaget förkortats med ca 45 månader.",
            [("45", MONTHS)],
        ),
        (
            "Flera personer har beslut om boendestöd överstigande 20 timmar i veckan.",
            [("20", HOURS)],
        ),
        # a mean score (Göteborg's delårsrapport p. 7)
        ("En majoritet (medelvärde 4,7) upplever att de kan säga ifrån.", [("4,7", UNREAD)]),
    ],
)
def test_a_value_no_rule_reads_is_said(sentence, expected):
    assert unread(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # references: an appendix, a section, a table, a column, a paragraph of a law
        "Status rörande de pågående åtgärderna redovisas i delårsrapportens bilaga 1.",
        "I avsnitt 3.2 sker uppföljning av de nämndmål som inte är direkt kopplade.",
        "Förvaltningen presenterar ekonomisk information i sin helhet i tabell 2.3.1 där.",
        "Dessutom länkar åren ihop sig: kolumn 1 i år N är identisk med kolumn 2 i år N−1.",
        "Frekvensen av LVM enligt 27 § och användandet av generella avtal har ökat.",
        "Enligt Barnkonventionen (artikel 3.1) ska barnets bästa komma i främsta rummet.",
        "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet.",
        # names: a report's, a system's, an address, a compound
        "Socialnämnden fastställer Delårsrapport med prognos 2 för 2023.",
        "Införande av Cosmic Link 2 systemet infördes hösten 2018.",
        "Förvaltningen flyttar till nya kontorslokaler på Drottninggatan 45, vilket kostar.",
        "12-stegsgruppen och KBT-gruppen har 8 platser var.",
        # ages, age bands, an adjective of years
        "Ungdomarna ska vara självförsörjande efter att man fyllt 18 år, vilket inte går.",
        "För personer som är under 65 år svarar nämnden även för stödet.",
        "I samband med att delar av 0-20 avtalet går ut på upphandling har timmar köpts.",
        "Bilaga 4 visar en 10 årig lokalförsörjningsplan.",
        # page marks, contents, clock times, phone numbers, years before 1900, rates' rules
        "3 (17)",
        "Nämndens ansvarsområde... 1 Sammanfattning... 1 Väsentliga mål... 2 Bilagor",
        "Möten förläggs mellan 8.30–16.00 för att underlätta för småbarnsföräldrar.",
        "Kristina Appert 2016-06-10 0480-450950 Ekonomisk rapport efter maj 2016.",
        "Kommunala kostnader för socialvård i fast pris (1949) per person efter kommuntyp.",
        "Fakturering sker till kund med 1/12 per månad oavsett när kostnaderna uppkommer.",
        "Centraliserad funktion för övervakning 7/24/365 för Intraservices tjänster.",
        # enumerations: "1) …, 2) …", and a number that begins the sentence as a heading's
        "De fyra områdena är: 1) Ledning, styrning och organisation, 2) Digital service.",
        "1 Andelen omhändertagna netto är beräknad per 1 000 invånare 0-17 år.",
    ],
)
def test_a_number_that_is_no_value_is_not_said(sentence):
    assert unread(sentence) == []


def test_a_list_number_at_a_line_start_is_no_value():
    # 002 lines 467-469: "1. Omställning …", "2. Hemmaplanslösningar …" joined into one
    # paragraph: "… unga 3." is a list's number, because it begins its line
    sentence = "Hemmaplanslösningar för barn och unga 3."
    assert unread(sentence) == [("3", UNREAD)]
    assert unread(sentence, frozenset({sentence.index("3")})) == []


def test_the_seeds_say_each_unread_value_in_their_sentences(report):
    said = report[report["table"] == "text"]
    got = sorted(
        (src[:3], int(line), tok, why)
        for src, line, tok, why in zip(said.source, said.line, said.token, said.reason, strict=True)
    )
    assert got == sorted(
        [
            ("001", 556, "20", HOURS),
            ("001", 557, "2-3", HOURS),
            ("002", 709, "1-2", UNREAD),  # "en tillökning av 1-2 boenden per år"
            ("003", 36, "11", UNREAD),  # "för 11 tillståndssökande"
            ("003", 204, "23", UNREAD),
            ("003", 204, "13", UNREAD),
            ("004", 305, "45", MONTHS),
            ("004", 484, "11", UNREAD),  # "11 är asylsökande"
            ("004", 504, "15", UNREAD),  # "och 15 inom familjehem"
            ("004", 543, "6", UNREAD),  # "mellan 6 upp till 16 tkr/dygn"
            ("004", 674, "10", UNREAD),  # "10 externt HVB, 4 internt HVB, …"
            ("004", 674, "4", UNREAD),
            ("004", 674, "18", UNREAD),
            ("004", 674, "4", UNREAD),
            ("004", 674, "17", UNREAD),  # "17 behandling, 8 omsorg och 11 skydd …"
            ("004", 674, "8", UNREAD),
            ("004", 674, "11", UNREAD),
            ("004", 688, "45", MONTHS),
        ]
    )
    assert set(said.severity) == {"warning"}
    # each row names its sentence, and the number stands in it
    assert all(t in s for t, s in zip(said.token, said.cell_text, strict=True))
    assert set(said.source) <= set(SEEDS.values())


def test_the_corpus_says_unread_values_and_passes_over_non_values():
    r = parse([CORPUS / "dev_07_hoor_github_oronmarkta_budgetposter.txt",
               CORPUS / "dev_26_vasteras_ifn_verksamhetsplan_2015_atgarder.txt",
               CORPUS / "dev_02_kalmar_ekonomisk_rapport_prognos.txt"])  # fmt: skip
    said = r.report[r.report["table"] == "text"]
    got = list(zip(said.source.str[:6], said.line, said.token, strict=True))
    # dev_07 line 16: five amounts in parentheses, with no unit in the sentence
    assert got == [
        ("dev_07", 16, "229 926"),
        ("dev_07", 16, "241 624"),
        ("dev_07", 16, "268 177"),
        ("dev_07", 16, "286 380"),
        ("dev_07", 16, "298 373"),
    ]  # dev_26's table of contents (page numbers) and dev_02's phone number are not said


def test_tokens_not_values_are_not_said():
    # a year, a date, a case number and a rate's base are never in the list
    s = "Under 2022, den 2022-03-01, enligt Soc 1525/2020, var kostnaden 4,5 per 1 000 invånare."
    assert unread(s) == []
    assert N.tokens(s)  # the sentence does print numbers
