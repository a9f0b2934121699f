"""Numbers in finished sentences that no rule reads (prose.unread_numbers): each one
that is a value by its look is said in the parse report at its line, with why; numbers
that are no values (references, names, ages, list and page numbers, section numbers,
clock times, phone numbers) are passed over, so the report stays worth reading. Real
sentences from the seeds and the corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import SEEDS
from tests.found import DOCUMENTS, needs, present

from sonanalys import numparse as N
from sonanalys import prose
from sonanalys.observations import parse

CORPUS = Path(__file__).parent / "corpus" / "text"
ROUND2 = Path(__file__).parent / "corpus" / "round2"
UNREAD = prose.UNREAD_IN_SENTENCE
MONTHS = prose.DURATION_IN_SENTENCE.format("månader")
HOURS = prose.DURATION_IN_SENTENCE.format("timmar")
PER_INDIVID = N.PER_OTHER_REASON.format("individ")


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
        # a footnote after a full stop the splitter kept (dev_05 as Word writes it)
        "Personer kan ha haft flera typer av insatser och kan därför här räknas flera "
        "gånger. 1 Andelen omhändertagna netto för personer 0-17 år är beräknad.",
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
            ("003", 204, "23", UNREAD),
            ("003", 204, "13", UNREAD),
            # "Däremot är utbetalningarna per hushåll drygt 500 kr högre per månad."
            ("003", 344, "500", N.PER_OTHER_REASON.format("hushåll")),
            ("004", 305, "45", MONTHS),
            # an amount per a unit the vocabulary has no name for: said, never read as tkr
            ("004", 305, "550", PER_INDIVID),  # "dvs ca 550 tkr per individ"
            ("004", 688, "45", MONTHS),
            ("004", 688, "550", PER_INDIVID),
        ]
    )
    assert set(said.severity) == {"warning"}
    # each row names its sentence, and the number stands in it
    assert all(t in s for t, s in zip(said.token, said.cell_text, strict=True))
    assert set(said.source) <= set(SEEDS.values())


def test_the_corpus_says_unread_values_and_passes_over_non_values():
    r = parse([CORPUS / "dev_07_hoor_github_oronmarkta_budgetposter.txt",
               ROUND2 / "dev_26_vasteras_ifn_verksamhetsplan_2015_atgarder.txt",
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


# ------------------------------------------------------------------ enumerations


def test_a_count_listed_by_its_parts_is_read_where_the_sum_proves_it(obs):
    """004 line 484: "I augusti 2023 fanns det totalt 29 barn och ungdomar inom
    verksamheten. 11 är asylsökande, 4 personer är anvisade enligt massflyktingar från
    Ukraina och 14 personer är kommunplacerade" (11 + 4 + 14 = 29); line 674: "… 36
    avslutade ärenden. 10 externt HVB, 4 internt HVB, 18 jourhem, 4 SiS-hem. Dessa
    fördelar sig på 17 behandling, 8 omsorg och 11 skydd från hot och våld …" (both lists
    add up to 36). Each part is a count with the words after it (past its counted noun
    and a verb) as its category, and of its total's time: 484's total is of August 2023
    (the sentence opens with it: year 2023, period augusti), 674's names no time."""
    text = obs[(obs["source"] == SEEDS["004"]) & (obs["table"] == "text")]
    got = sorted(
        (int(r.line), r.value, r.unit, r.category, r.year, r.period)
        for r in text.itertuples()
        if r.line in (484, 674)
    )
    got = sorted(got, key=str)
    assert got == sorted(
        [
            (484, 29.0, "antal", "", 2023, "augusti"),
            (484, 11.0, "antal", "asylsökande", 2023, "augusti"),
            (484, 4.0, "antal", "anvisade enligt massflyktingar från Ukraina", 2023, "augusti"),
            (484, 14.0, "antal", "kommunplacerade", 2023, "augusti"),
            (674, 36.0, "antal", "", None, ""),
            (674, 10.0, "antal", "externt HVB", None, ""),
            (674, 4.0, "antal", "internt HVB", None, ""),
            (674, 18.0, "antal", "jourhem", None, ""),
            (674, 4.0, "antal", "SiS-hem", None, ""),
            (674, 17.0, "antal", "behandling", None, ""),
            (674, 8.0, "antal", "omsorg", None, ""),
            (674, 11.0, "antal", "skydd från hot och våld", None, ""),
        ],
        key=str,
    )


def test_a_part_takes_its_total_s_year_and_its_name_after_its_noun():
    obs, _ = records(
        "Under 2022 fanns det 12 placerade barn. 5 barn var placerade i familjehem och 7 i HVB."
    )
    got = [(o["value"], o["category"], o["year"]) for o in obs]
    assert got == [
        (12.0, "", 2022),
        (5.0, "placerade i familjehem", 2022),
        (7.0, "i HVB", 2022),
    ]


def records(text: str) -> tuple[list, list]:
    from sonanalys.model import Document, Paragraph

    doc = Document(source="t.txt", blocks=[Paragraph(text, 1)])
    return prose.prose_records(doc)


def test_a_list_that_does_not_add_up_is_not_read():
    # 004 line 674 with one part changed: 10 + 4 + 18 + 3 = 35, not 36: no count is proven
    obs, rep = records(
        "En sammanställning har gjorts av 36 avslutade ärenden. "
        "10 externt HVB, 4 internt HVB, 18 jourhem, 3 SiS-hem."
    )
    assert [(o["value"], o["unit"]) for o in obs] == [(36.0, "antal")]
    assert [r["token"] for r in rep] == ["10", "4", "18", "3"]


def test_parts_of_a_count_of_another_paragraph_or_with_another_unit_are_not_read():
    # the total in the paragraph before: no sentence before in this paragraph
    obs, _ = records("10 externt HVB, 4 internt HVB, 18 jourhem, 4 SiS-hem.")
    assert obs == []
    # a sentence with an amount among its numbers is no list of the count's parts
    obs, _ = records("Det fanns 29 barn i verksamheten. 11 är asylsökande och 18 kostade 4,1 mnkr.")
    assert [(o["value"], o["unit"]) for o in obs] == [(29.0, "antal"), (4.1, "mnkr")]


# ------------------------------------------------------------------ counts in words


def test_counts_written_in_words_are_read_where_a_unit_follows(obs):
    """A number word with a unit after it, as a figure would have (``sju ungdomar``):
    the seeds' real sentences."""
    text = obs[obs["table"] == "text"]
    got = sorted(
        (src[:3], int(line), value, unit, printed)
        for src, line, value, unit, printed in zip(
            text.source, text.line, text.value, text.unit, text.cell_text, strict=True
        )
        if N.word_number(printed) is not None
    )
    assert got == sorted(
        [
            ("000", 136, 6.0, "antal", "Sex platser"),  # "Sex platser öppnade 1 april och
            ("000", 136, 4.0, "antal", "fyra platser"),  # ytterligare fyra platser …"
            ("000", 230, 3.0, "antal", "tre stycken"),  # "… tre stycken bostadsrätter"
            ("003", 44, 3.0, "antal", "tre delar"),  # "Tilläggsdirektivet omfattar tre delar"
            ("002", 415, 2.0, "antal", "två boenden"),
            ("004", 92, 9.0, "antal", "nio årsarbetare"),
            ("004", 92, 2.0, "antal", "två vakna nattmedarbetare"),
            ("004", 305, 7.0, "antal", "sju ärenden"),  # "(sju ärenden)"
            ("004", 305, 7.0, "antal", "sju ungdomar"),  # "för dessa sju ungdomar"
            ("004", 500, 6.0, "antal", "sex ungdomar"),  # "Under 2023 har sex ungdomar …"
            ("004", 500, 6.0, "antal", "sex ungdomar"),  # "… ytterligare sex ungdomar"
            ("004", 500, 4.0, "antal", "fyra ungdomar"),
            ("004", 504, 3.0, "antal", "tre"),  # a list's item: "tre inom utsluss"
            ("004", 682, 7.0, "antal", "sju ärenden"),
            ("004", 688, 7.0, "antal", "sju ungdomar"),
        ]
    )


def test_counts_and_amounts_in_words_in_the_corpus():
    r = parse([ROUND2 / "dev_33_okand_von_budget2014_ramtabell.txt",
               ROUND2 / "dev_28_nacka_afn_tertialbokslut1_2016.txt"])  # fmt: skip
    text = r.observations[r.observations["table"] == "text"]
    words = text[[N.word_number(t) is not None for t in text.cell_text]]
    got = sorted(zip(words.source.str[:6], words.value, words.unit, words.cell_text, strict=True))
    assert got == [
        # "Sju personer har fått bostad hos privatpersoner och fyra personer …"
        ("dev_28", 4.0, "antal", "fyra personer"),
        ("dev_28", 7.0, "antal", "Sju personer"),
        # "en generell uppräkning med två procent", "… på två procent enligt …",
        # "ett öronmärkt anslag på tre miljoner kronor"
        ("dev_33", 2.0, "procent", "två procent"),
        ("dev_33", 2.0, "procent", "två procent"),
        ("dev_33", 3.0, "mnkr", "tre miljoner kronor"),
    ]
    # each is found again on its line (conservation's printed share)
    from sonanalys.conservation import account

    assert not [x for x in account(r).not_printed if N.word_number(str(x["cell_text"]))]


@pytest.mark.parametrize(
    "sentence",
    [
        "För två år sedan fick vi 272 000 kronor från Migrationsverket.",  # no unit: år
        "De fyra områdena är ledning, service, arkitektur och data.",  # no unit
        "Det blir fyra eller fem platser till hösten.",  # a bound, not a count
        "Det finns en plats och ett ärende kvar.",  # en, ett: articles
        "I sju av de 14 ärendena har insatsen bidragit.",  # "sju av": not read (14 is)
        # a list's items must name where each count is with the same word: "i", not "inom"
        "I augusti fanns 18 boendeplatser inom den egna verksamheten, tre i utsluss.",
    ],
)
def test_number_words_that_state_no_count_are_not_read(sentence):
    words = [q for q in prose.sentence_reading(sentence).quantities if not q.text[:1].isdigit()]
    assert words == []


def test_a_list_of_counts_gives_its_unit_to_its_items():
    # 004 line 504, as printed: 18 + tre + 15 with "inom" after each
    s = (
        "I augusti fanns det totalt 18 boendeplatser inom den egna verksamheten, tre inom "
        "utsluss, och 15 inom familjehem."
    )
    assert [(q.value, q.unit) for q in prose.sentence_reading(s).quantities] == [
        (18.0, "antal"),
        (3.0, "antal"),
        (15.0, "antal"),
    ]
    # an amount's list is not a count's: not read as one
    s = "Kostnaden var 18 mnkr inom IFO, 3 inom LSS."
    assert [(q.value, q.unit) for q in prose.sentence_reading(s).quantities] == [(18.0, "mnkr")]


def test_people_and_homes_a_report_counts_are_counts(obs):
    """units' counted nouns include sökande, medarbetare, anställda, besökare and boenden:
    003 line 36 "utbetalning av LMA för 11 tillståndssökande", 002 line 709 "en tillökning
    av 1-2 boenden per år" (said as unread before)."""
    text = obs[obs["table"] == "text"]
    got = {
        (src[:3], int(line)): (value, high, unit)
        for src, line, value, high, unit in zip(
            text.source, text.line, text.value, text.value_high, text.unit, strict=True
        )
        if (src[:3], int(line)) in {("003", 36), ("002", 709)}
    }
    assert got == {("003", 36): (11.0, None, "antal"), ("002", 709): (1.0, 2.0, "antal")}


SR22 = "goteborg_stadsrevisionen_arsrapport_2022_s9_s11_s12.pdf"
SIMRISHAMN = "simrishamn_kfn_arsbokslut_2025_s12_s20_s32-35.pdf"


def test_staff_and_visitors_in_a_found_annual_report():
    # Göteborg's stadsrevision, årsrapport 2022 p. 2, and Simrishamn's årsbokslut 2025
    names = [n for n in present() if n.startswith(("goteborg_stadsrev", "simrish"))]
    needs(SR22, SIMRISHAMN)
    docs = [DOCUMENTS / n for n in names]
    r = parse(docs)
    text = r.observations[r.observations["table"] == "text"]
    got = set(zip(text.value, text.unit, text.cell_text, strict=True))
    assert {
        (34.0, "antal", "34 medarbetare"),  # "totalt 34 medarbetare varav 24 yrkesrevisorer"
        (34.0, "antal", "34 anställda"),  # "Vid utgången av 2022 var det totalt 34 anställda."
        (4.0, "antal", "fyra nya medarbetare"),
        (2200.0, "antal", "2 200 besökare"),  # "med fler än 2 200 besökare i veckan"
        # "varav 24 yrkesrevisorer": a part of the 34, counted the same (prose._subset)
        (24.0, "antal", "24"),
    } <= got
    # "4 nya medarbetare till kontoret, varav 4 utgjordes …": words between count and
    # varav; no rule reads it, and it is said
    said = r.report[r.report["table"] == "text"]
    assert ("4", 4) in set(zip(said.token, said.line, strict=True))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Totalt 34 medarbetare varav 24 yrkesrevisorer.", [(34.0, "antal"), (24.0, "antal")]),
        ("Det fanns 12 barn, varav 3 år gamla.", [(12.0, "antal")]),  # a time: not read
        ("Det kostade 12 mnkr varav 3 konsulter.", [(12.0, "mnkr")]),  # an amount's: not
    ],
)
def test_a_part_of_a_count_after_varav(sentence, expected):
    assert [(q.value, q.unit) for q in prose.sentence_reading(sentence).quantities] == expected


def _neither(result) -> list[tuple[str, int, str]]:
    """Numbers of the documents' sentences that are neither an observation at their line,
    nor a report row's token there, nor a kind of no value (``prose.no_value_kind``)."""
    from sonanalys.model import Paragraph

    obs, rep = result.observations, result.report
    read = {(s, p, int(n), float(v)) for s, p, n, v in
            zip(obs.source, obs.page.fillna(0), obs.line, obs.value, strict=True)}  # fmt: skip
    read |= {(s, p, int(n), float(v)) for s, p, n, v in
             zip(obs.source, obs.page.fillna(0), obs.line, obs.value_high, strict=True)
             if v == v and v is not None}  # fmt: skip
    said: dict[tuple, list[str]] = {}
    for s, p, n, t in zip(rep.source, rep.page.fillna(0), rep.line, rep.token, strict=True):
        if n == n and n is not None:
            said.setdefault((s, p, int(n)), []).append(str(t))
    out = []
    for doc in result.documents:
        for b in doc.blocks:
            if not isinstance(b, Paragraph):
                continue
            starts = {0, *(o for o, _ in b.starts)}
            for off, sentence in prose.sentences(b.text):
                text = N.strip_tags(sentence)
                bases = {
                    x.start
                    for x in prose.sentence_reading(sentence).skipped
                    if x.reason == N.DENOMINATOR
                }
                for t in N.tokens(text):
                    if t.kind not in (N.VALUE, N.MALFORMED) or t.start in bases:
                        continue
                    line, page = b.line_at(off + t.start), 0
                    if doc.page_starts:
                        from bisect import bisect_right

                        k = max(bisect_right(doc.page_starts, line) - 1, 0)
                        line, page = line - doc.page_starts[k] + 1, k + 1
                    at = (doc.source, page, line)
                    if t.value is not None and (*at, float(t.value)) in read:
                        continue
                    # the word minus before it is its sign (prose._minus_in_words)
                    minus = re.search(r"minus\s+$", text[: t.start], re.IGNORECASE)
                    if t.value is not None and minus and (*at, -float(t.value)) in read:
                        continue
                    if any(t.text in r for r in said.get(at, [])):
                        continue
                    if prose.no_value_kind(text, t, off + t.start in starts):
                        continue
                    out.append((doc.source, line, t.text))
    return out


def test_every_number_of_the_seeds_sentences_is_read_said_or_no_value(seeds_result):
    """#26: every number of a finished sentence is an observation at its line, a report
    row's token there, or a kind of no value — none is silently dropped."""
    assert _neither(seeds_result) == []


def test_every_number_of_round_twos_sentences_is_read_said_or_no_value():
    assert _neither(parse([ROUND2])) == []


def test_a_count_in_words_takes_the_year_its_sentence_opens_with(obs):
    # 004 line 500: "Under 2023 har sex ungdomar tagits emot som ankomstkommun …"
    text = obs[(obs["source"] == SEEDS["004"]) & (obs["table"] == "text") & (obs["line"] == 500)]
    got = sorted(zip(text.cell_text, text.year.astype(object), text.year_source, strict=True))
    assert ("sex ungdomar", 2023, "cell") in got
    # dev_33 line 15: "För åren 2015-2016 finns en uppräkning på två procent enligt
    # kommunfullmäktiges beslut i juni 2013": 2013 is the decision's, not the two per cent's
    r = parse([ROUND2 / "dev_33_okand_von_budget2014_ramtabell.txt"]).observations
    words = r[(r["table"] == "text") & (r["cell_text"] == "två procent")]
    assert len(words) == 2 and words["year"].isna().all()
