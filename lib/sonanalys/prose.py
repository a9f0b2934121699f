"""Numbers stated in running text: ``ett underskott på 57 mnkr``,
``från 91 individer i januari 2020``. A number is a value when its measure is stated:
printed with it (a unit), or named elsewhere in the sentence by a rule below; the
sentence is its row label. A bare number whose measure nothing states stays unread
(``Bilaga 2``, ``§ 22``, ``fyllt 18 år``, ``från 23 till 13``).

The rules where the sentence names the measure (:func:`sentence_units`):

* **the subject names it**: ``Antalet vårddygn var 82 999 under 2022`` (dygn),
  ``Vårddygnen var 82 999 år 2022``, ``Antalet placerade barn var 41`` (antal) — a clause
  whose subject is a count (``antalet …``, a counted noun, ``…dygnen``), a verb of being
  or amounting (``var``, ``uppgick till``, ``har i genomsnitt varit``, ``ökade med``) and
  the number; a currency printed with the number takes the subject's per-unit
  (``Kostnaden per vårddygn uppgick till 3 450 kr``: kr/dygn);
* **elided after a comparison**: ``37 ensamkommande mot budgeterade 46`` — the number
  after ``mot``, ``jämfört med``, ``att jämföra med``, ``av totalt``, ``varav``,
  ``därav``, ``respektive`` (or ``till`` after ``från``/``med``) takes the unit of the
  number just before it, when nothing but such words stands between (what that number
  counts may go on, ``109 barn och unga``, and a time may follow it, ``37 i juli``); a
  change in per cent lends its unit to no level (``ökade med 12 procent till 1 456``).

Either way nothing but the end of the clause, a time or a rate (``under 2022``, ``per
månad``, ``i juli``) may follow the number: ``41 år`` (an age), ``5 fler än``, ``3 kap``
keep it unread.

* **a list of counts**: ``18 boendeplatser inom den egna verksamheten, tre inom utsluss,
  och 15 inom familjehem`` — each item after a count, with the same preposition after its
  number, counts the same (:func:`_listed`);
* **a count listed by its parts** in the sentence after it, where the parts add up to it
  (:func:`enumeration`): ``… 29 barn och ungdomar …. 11 är asylsökande, 4 personer … och
  14 personer …``.

Counts written as words (``sju ungdomar``, ``tre miljoner kronor``, ``två procent``: two
to twenty and the tens, ``numparse.NUMBER_WORDS``) are read when a unit follows them as
it would a figure, or as a list's item; never ``en``/``ett``, never the second of two
alternatives (``fyra eller fem platser``), and a number word that states no count is
left without a report row (``de fyra områdena``, ``två år sedan``).

A number the rules do not read is said in the parse report when it is a value by its
look (:func:`unread_numbers`), and passed over when it is none (:func:`not_a_value`).

A sentence with no time of its own that continues the one before it in its paragraph
(beginning ``Och``, ``Dessutom``, ``Av dessa``, ``Därav`` …) takes that sentence's one
year (``year_source = previous_sentence``): ``Totalt under 2017 var det 109 barn … Och
totalt 21 vuxna var placerade``. A sentence naming any other time (a year, a month,
``i år``, ``förra året``, ``hittills``) keeps its own. A sentence with no time of its own
whose next sentence points back at it and holds no value of its own takes that sentence's
one year (``year_source = next_sentence``): ``Ett överskott på 4,2 miljoner kronor. Det är
resultatet för socialnämnden under 2013 …`` (:func:`year_from_next`).
A sentence naming no time but its heading's months and ``perioden`` under a heading that
names one year takes that year (``year_source = heading``): ``Budgetutfall januari-april
2015`` (:func:`heading_year`, :func:`in_section_time`).
"""

from __future__ import annotations

import re

from . import labels as L
from . import numparse as N
from . import units as U
from .model import Document, Heading, Paragraph
from .numparse import Quantity
from .readers.limits import MAX_SENTENCE_CHARS

_DIGIT = re.compile(r"\d")
# a sentence ends at its point before a capital, or before a digit after a word of three
# letters or more or a year (``… från Socialstyrelsen. 19 400 var placerade …``, ``… 4 mnkr
# under 2023. 25 procent …``): not after an abbreviation that a number follows (``resp.
# 5``, ``kap. 4``, ``dec. 2023``)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"”*]*[A-ZÅÄÖ])"
    r"|(?:(?<=[^\W\d_]{3}[.!?])|(?<=(?<!\d)(?:19|20)\d\d[.!?]))\s+(?=\d)"
)
_BEFORE_A_NUMBER = frozenset({
    "resp", "kap", "sid", "jfr", "avd", "ung", "tel", "ref", "art", "dnr", "inkl", "exkl",
    "mom", "bil", "tab", "fig", "ordf", "prop", "bet", "vol", "uppl", "ang", "enl", "milj",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
    "tim", "min", "sek",
})  # fmt: skip
_LAST_WORD = re.compile(r"([^\W\d_]+)[.!?]$")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the break ``m`` of ``_SENTENCE_END`` ends a sentence: before a digit, the
    word before the point is no abbreviation of those a number follows."""
    if not text[m.end() : m.end() + 1].isdigit():
        return True
    word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
    return word is None or word.group(1).lower() not in _BEFORE_A_NUMBER


def sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of a paragraph."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if not _ends_sentence(text, m):
            continue
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


# --------------------------------------------------------------------------------------
# The measure named by a clause's subject
# --------------------------------------------------------------------------------------

_W = r"[^\W\d_]"  # a letter (Swedish ones too)
_COUNTED = (
    r"placeringar(?:na)?|anmälningar(?:na)?|ärenden(?:a)?|utredningar(?:na)?|hushåll(?:en)?|"
    r"personer(?:na)?|individer(?:na)?|brukare(?:na)?|barn(?:en)?|ungdomar(?:na)?|vuxna|"
    r"platser(?:na)?|elever(?:na)?|invånare(?:na)?|insatser(?:na)?"
)
# the head of a subject that is a count: "antalet …", "medelantalet …", "det totala
# antalet …", "vårddygnen", "HVB-placeringarna", "Orosanmälningarna", "Vuxna med extern
# insats"
_SUBJECT_HEAD = (
    r"(?:det\s+(?:totala|genomsnittliga|sammanlagda)\s+|totala\s+|totalt\s+|sammanlagt\s+|"
    r"genomsnittligt\s+|motsvarande\s+)?"
    rf"(?:(?:medel|snitt)?antal(?:et)?|{_W}*[-]?(?:dygn(?:en)?)|(?:{_W}+-?)?(?:{_COUNTED}))"
)
_SUBJECT = rf"(?P<subject>{_SUBJECT_HEAD}(?![\wåäö])(?:\s+[^\s,;:()]+){{0,10}}?)"
_ADVERB = (
    r"(?:i\s+(?:genomsnitt|snitt)|igenomsnitt|totalt|sammanlagt|endast|bara|hela|ca\.?|"
    r"cirka|c:a|drygt|knappt|nästan|omkring|runt|under\s+(?:året|perioden|(?:19|20)\d\d)|"
    r"år\s+(?:19|20)\d\d|(?:19|20)\d\d|"
    # a time: "vid årets slut", "i december 2022", "per den 31 december"
    r"vid\s+(?:årets|periodens|månadens)\s+(?:slut|utgång)|"
    rf"i\s+(?:{N.MONTHS_PATTERN})(?:\s+(?:19|20)\d\d)?|"
    rf"per\s+(?:den\s+)?[0-3]?\d\s+(?:{N.MONTHS_PATTERN})(?:\s+(?:19|20)\d\d)?)"
)
_BE = (
    r"(?:var|är|blev|blir|varit|blivit|"
    rf"uppg(?:ick|år|ått)\s+(?:{_ADVERB}\s+)*till|"
    r"l(?:åg|igger|egat)\s+på|landade\s+på|"
    r"(?:ökade|ökat|minskade|minskat|steg|stigit|sjönk|sjunkit)\s+(?:till|med|från)|"
    r"beräknas\s+(?:till|bli|uppgå\s+till)|budgeterades\s+(?:till|vara))"
)
_CLAUSE_START = r"(?:^|[;:(–]\s*|,\s+|\b(?:och|men|samt|medan)\s+)"
_LEAD = r"(?:(?:under|år|i|för|vid|per|totalt|sammanlagt)\s+[^\s,;]+(?:\s+[^\s,;]+){0,3}?\s+)"
# straight order: "Antalet vårddygn var", "Vuxna med extern insats har i genomsnitt varit"
_STRAIGHT = re.compile(
    rf"{_CLAUSE_START}{_LEAD}?{_SUBJECT}\s+(?:(?:har|hade)\s+)?(?:{_ADVERB}\s+)*{_BE}"
    rf"\s+(?:{_ADVERB}\s+)*$",
    re.IGNORECASE,
)
# a label and its value inside a sentence: "Antal placerade barn: 41"
_LABELLED = re.compile(rf"(?:^|[;(–]\s*|,\s+){_SUBJECT}\s*:\s*$", re.IGNORECASE)
# inverted (a time first): "Under 2022 var antalet vårddygn", "År 2022 uppgick antalet
# vårddygn till", "Under 2022 har antalet vårddygn varit"
_INVERTED = re.compile(
    rf"{_CLAUSE_START}{_LEAD}(?:var|är|blev|uppgick|uppgår|låg|ligger|har|hade)\s+"
    rf"{_SUBJECT}\s+(?:(?:varit|uppgått|legat|blivit)\s+)?(?:(?:till|på)\s+)?"
    rf"(?:{_ADVERB}\s+)*$",
    re.IGNORECASE,
)
# any subject, for a currency its subject makes a per-unit ("Kostnaden per vårddygn
# uppgick till 3 450 kr": kr/dygn)
_ANY_SUBJECT = re.compile(
    rf"{_CLAUSE_START}{_LEAD}?(?P<subject>{_W}[^,;:()]{{0,80}}?)\s+(?:(?:har|hade)\s+)?"
    rf"(?:{_ADVERB}\s+)*{_BE}\s+(?:{_ADVERB}\s+)*$",
    re.IGNORECASE,
)
_NOT_A_COUNT = re.compile(
    r"kostnad|\bkr\b|kronor|belopp|procent|andel|%|tkr|mnkr|miljon|medel\b|pris|ålder|tid\b",
    re.IGNORECASE,
)


def _subject_measure(before: str) -> tuple[str, str] | None:
    """``(subject, unit)`` when the text before a number ends in a clause whose subject
    names a count and whose verb says the number is it."""
    m = _STRAIGHT.search(before) or _INVERTED.search(before) or _LABELLED.search(before)
    if m is None:
        return None
    subject = m.group("subject")
    if any(t.kind in (N.VALUE, N.MALFORMED) for t in N.tokens(subject)):
        return None  # another number in the subject: what is counted is not clear
    return subject, _count_unit(subject)


def _count_unit(subject: str) -> str:
    """The unit of a count the subject names: ``dygn`` for days of care (``Antalet
    vårddygn``, ``Vårddygnen``; not ``… per dygn``), ``dagar``, else ``antal``; '' when it
    names money, a share, a price, an age or a time (``Antalet … kostnad``)."""
    if _NOT_A_COUNT.search(subject):
        return ""
    if re.search(r"(?<!per\s)(?<![\wåäö])[\wåäö-]*dygn(?:en)?\b", subject, re.IGNORECASE):
        return "dygn"
    if re.search(r"\bdagar(?:na)?\b", subject, re.IGNORECASE):
        return "dagar"
    return "antal"


# --------------------------------------------------------------------------------------
# A unit elided after a comparison
# --------------------------------------------------------------------------------------

_ELIDED = re.compile(
    # what the first number counts may go on ("109 barn och unga"), and a time may
    # stand after it ("37 i juli"), before the comparison
    r"(?:\s+(?:och|samt)\s+[^\W\d_]+)?"
    rf"(?:\s+(?:i|under|vid)\s+(?:{N.MONTHS_PATTERN}|året|perioden)(?:\s+(?:19|20)\d\d)?"
    r"|\s+(?:(?:under|i)\s+)?(?:år\s+)?(?:19|20)\d\d)?"
    r"\s*,?\s*(?:mot|jämfört\s+(?:med|mot)|i\s+jämförelse\s+med|att\s+jämföra\s+med|"
    r"jmf\.?\s*med|jfr\.?\s*med|"
    r"av\s+totalt|av\s+sammanlagt|varav|därav|respektive|(?P<to>till))\s+"
    r"(?:(?:budgeterade|budgeterat|planerade|planerat|beräknade|beräknat|prognostiserade|"
    r"prognostiserat|förväntade|förväntat|väntade|totalt|sammanlagt|ca\.?|cirka|c:a|"
    r"drygt|knappt|nästan|omkring|runt|endast|bara)\s+){0,2}",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\b(?:från|med)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def _elided_unit(text: str, prev: N.Quantity, unit: str, q: N.Quantity) -> bool:
    """The number ``q`` stands right after ``prev`` (read with ``unit``) and a word of
    comparison: it counts the same thing."""
    m = _ELIDED.fullmatch(text, prev.end, q.start)
    if m is None:
        return False
    if m.group("to") and not _FROM_BEFORE.search(text, max(0, prev.start - 30), prev.start):
        return False  # "till" only in "från 41 barn till 45", "med 3 barn till 38"
    if unit in _SHARES and _CHANGE_BEFORE.search(text, max(0, prev.start - 30), prev.start):
        # a change in per cent is compared with a level: "ökade med 12 procent till 1 456",
        # "ökade med 12 procent jämfört med 1 300": the level is no share
        return False
    return bool(unit)


_SHARES = {"procent", "per1000"}
_CHANGE_BEFORE = re.compile(r"\b(?:med|på)\s+(?:\S+\s+)?$", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# What may follow a number read by a rule
# --------------------------------------------------------------------------------------

_MONTHS = N.MONTHS_PATTERN
_AFTER_OK = re.compile(
    r"\s*(?:$|[.,;:!?()\]–]|\s-\s|"
    r"(?:år|året)\s+(?:19|20)\d\d\b|(?:19|20)\d\d\b|"
    r"året\s+(?:innan|före|efter)|(?:förra|föregående)\s+(?:året|år|månaden|perioden)|"
    r"sedan\s+(?:år\s+)?(?:19|20)\d\d\b|"
    r"(?:under|vid|per|i|till|för|t\.\s?o\.\s?m\.?|tom|jämfört|mot|vilket|varav|"
    r"därav|och|men|samt|respektive|som|medan|enligt|hittills|totalt|sammanlagt)(?![\wåäö]))",
    re.IGNORECASE,
)


_AND_NUMBER = re.compile(
    r"\s*(?:och|respektive|eller|till|[-–])\s+(?:ca\.?\s+|cirka\s+)?"
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?",
    re.IGNORECASE,
)


def _nothing_after(text: str, q: N.Quantity) -> bool:
    """Only the clause's end, a time, a rate or a conjunction follows ``q``: no noun that
    would be its own measure (``41 år``: an age; ``5 fler``; ``3 kap``) — nor after the
    number a conjunction joins to it (``12 och 14 år``: ages)."""
    if _AFTER_OK.match(text, q.end) is None:
        return False
    joined = _AND_NUMBER.match(text, q.end)
    if joined is None:
        return True
    return _AFTER_OK.match(text, joined.end()) is not None or bool(U.unit_after(text, joined.end()))


# --------------------------------------------------------------------------------------
# A sentence's values
# --------------------------------------------------------------------------------------


_REACH = 240  # characters before a number where its clause's subject and verb may stand


def sentence_units(sentence: str) -> dict[int, str]:
    """The units the sentence states for its numbers elsewhere than right after them:
    ``{offset of the number: unit}`` (offsets in ``numparse.strip_tags(sentence)``),
    for bare numbers whose measure a rule above finds, and for a currency that its
    subject makes a per-unit (``kr`` → ``kr/dygn``). Empty for most sentences."""
    return _units_and_words(sentence)[0]


def _units_and_words(sentence: str) -> tuple[dict[int, str], list[N.Quantity]]:
    """:func:`sentence_units`, and the counts the sentence writes in words
    (:func:`_word_quantities`) with their units."""
    text = N.strip_tags(sentence)
    out: dict[int, str] = {}
    words = _word_quantities(text)
    if not words and not _DIGIT.search(text):
        return out, []
    in_words = {w.start for w in words}
    read_words: list[N.Quantity] = []
    prev: N.Quantity | None = None
    prev_unit = ""
    ordered = sorted([*N.reading_of(sentence).quantities, *words], key=lambda q: q.start)
    for i, q in enumerate(ordered):
        unit = q.unit
        if q.start in in_words:  # a number word: its unit printed after it, or a list's
            if not unit and prev is not None and _listed(text, prev, prev_unit, q):
                unit = prev_unit
            if unit:
                read_words.append(Quantity(**{**q.__dict__, "unit": unit}))
            prev, prev_unit = q, unit
            continue
        begin = prev.end if prev is not None else 0
        before = text[max(begin, q.start - _REACH) : q.start].replace("*", "")
        if q.start - _REACH > begin:
            before = "\x00" + before  # cut: no clause begins where the cut is
        if unit in U.CURRENCIES:
            subject = _ANY_SUBJECT.search(before)
            per = U.unit_in_label(subject.group("subject")) if subject else ""
            if per and U.refine(unit, per) != unit:
                unit = out[q.start] = U.refine(unit, per)
            elif U.per_unit_of(unit, _clause_around(text, before, q)) != unit:
                # its clause says it is per a unit ("Däremot är utbetalningarna per hushåll
                # drygt 500 kr högre per månad"): that per-unit, or reported where the
                # vocabulary has none
                unit = out[q.start] = U.per_unit_of(unit, _clause_around(text, before, q))
        elif not unit and not q.category and not q.entity and _placed_people(text, before, q):
            unit = out[q.start] = "antal"  # "Av de 8 300 som var placerade på HVB"
        elif (
            not unit
            and not q.category
            and not q.entity
            and _money_elided(text, before, prev_unit, q)
        ):
            unit = out[q.start] = prev_unit  # "345 miljoner i kostnader … och har budget på 325"
        elif not unit and not q.category and not q.entity and _MORE_OF.match(text, q.end):
            unit = out[q.start] = "antal"  # "748 fler män än kvinnor"
        elif not unit and not q.category and not q.entity and _fewer_than(text, prev, prev_unit, q):
            unit = out[q.start] = prev_unit  # "18 700 barn …, vilket är cirka 700 färre"
        elif not unit and not q.category and not q.entity and _nothing_after(text, q):
            found = _subject_measure(before)
            if found and found[1]:
                unit = out[q.start] = found[1]
            elif prev is not None and _elided_unit(text, prev, prev_unit, q):
                unit = out[q.start] = prev_unit
        if not unit and not q.category and not q.entity and i + 1 < len(ordered):
            # "5,0 respektive 4,6 procent": the unit printed after the second of a pair
            # is the first's too
            nxt = ordered[i + 1]
            if (
                nxt.unit
                and nxt.start not in in_words
                and (_RESPECTIVE.fullmatch(text, q.end, nxt.start) or _from_to(text, q, nxt))
            ):
                unit = out[q.start] = nxt.unit
        listed = prev is not None and (
            _listed(text, prev, prev_unit, q) or _subset(text, prev, prev_unit, q)
        )
        if not unit and not q.category and not q.entity and listed:
            unit = out[q.start] = prev_unit
        prev, prev_unit = q, unit
    return out, read_words


# "de 8 300 som var placerade", "de 12 som är inskrivna": the people a number counts,
# named by what was done to them in the relative clause after it
# the verb and what was done to the people counted: "var placerade", "är inskrivna"
_WAS_DONE = (
    r"(?:var|är|blev|har\s+varit|hade\s+varit)\s+(?:[^\W\d_]+\s+)?"
    r"(?:placerade|familjehemsplacerade|kommunplacerade|inskrivna|anvisade|omhändertagna{})\b"
)
_PLACED_AFTER = re.compile(r"\s+som\s+" + _WAS_DONE.format("|folkbokförda"), re.IGNORECASE)
_THE_PLURAL = re.compile(r"(?:^|\s)de\s+$", re.IGNORECASE)
# "19 400 var placerade i familjehem": the sentence opens on the number, its verb says
# what was done to the people it counts
# (not "folkbokförda": "2 300 var folkbokförda i …" opens on no count of people placed)
_PLACED_OPENING = re.compile(r"\s+" + _WAS_DONE.format(""), re.IGNORECASE)


def _placed_people(text: str, before: str, q: N.Quantity) -> bool:
    """The number stands after ``de`` and before a relative clause saying its people were
    placed, enrolled or assigned (``Av de 8 300 som var placerade på HVB``), or opens its
    sentence before such a verb (``19 400 var placerade i familjehem``): it counts them."""
    if not before.strip():
        return _PLACED_OPENING.match(text, q.end) is not None
    return _THE_PLURAL.search(before) is not None and _PLACED_AFTER.match(text, q.end) is not None


# "…, vilket är cirka 700 färre än ett år tidigare": how many fewer or more of what the
# count before it counts
_WHICH_IS = re.compile(
    r",\s*(?:vilket|det|som)\s+(?:är|var|blir|blev|innebär)\s+"
    r"(?:(?:hela|cirka|ca\.?|c:a|drygt|knappt|nästan|omkring|runt|ungefär)\s+)?$",
    re.IGNORECASE,
)
_FEWER_MORE = re.compile(r"\s+(?:färre|fler)(?![\wåäö])", re.IGNORECASE)


# an amount of money named right before a bare number ("och har budget på 325",
# "prognosen är 12"): the sentence's amount before it gave the unit it leaves out
_MONEY_NAMED = re.compile(
    r"(?<![\wåäö])(?:budget(?:en|ram(?:en)?)?|ram(?:en)?|prognos(?:en)?|utfall(?:et)?|"
    r"kostnad(?:en|erna)?|intäkt(?:en|erna)?|resultat(?:et)?|underskott(?:et)?|"
    r"överskott(?:et)?)\s+(?:på|om|är|var|blev|blir|till|landar\s+på|landade\s+på|"
    r"uppgår\s+till|uppgick\s+till)\s+(?:(?:ca\.?|cirka|drygt|knappt|nästan|omkring|runt)\s+)?$",
    re.IGNORECASE,
)


def _money_elided(text: str, before: str, unit: str, q: N.Quantity) -> bool:
    """``q`` is a bare amount whose clause names what money it is (``budget på``,
    ``prognosen är``), the value before it in the sentence is an amount of a currency,
    and only the clause's end or a time follows it: it is in that currency."""
    if unit not in U.CURRENCIES or "\x00" in before:
        return False
    return _MONEY_NAMED.search(before) is not None and _nothing_after(text, q)


# "748 fler män än kvinnor", "17 fler kvinnor": how many more or fewer of the people
# (or things counted) named right after
_MORE_OF = re.compile(
    rf"\s+(?:färre|fler)\s+(?:män|kvinnor|pojkar|flickor|{_COUNTED})(?![\wåäö])", re.IGNORECASE
)


def _fewer_than(text: str, prev: N.Quantity | None, unit: str, q: N.Quantity) -> bool:
    """``q`` says how many fewer or more there are of what the count before it in its
    sentence counts (``6 000 barn … under 2021, vilket är hela 2 300 färre än ett år
    tidigare``): a clause ``vilket är`` opens right before it and ``färre``/``fler``
    follows it."""
    if prev is None or unit != "antal" or _FEWER_MORE.match(text, q.end) is None:
        return False
    return _WHICH_IS.search(text, prev.end, q.start) is not None


# "från 10,5 till runt 10,7 miljarder kronor": the unit after the second of a span is
# the first's too
_FROM = re.compile(
    r"(?<![\wåäö])från\s+(?:(?:ca\.?|cirka|drygt|knappt|nästan|omkring|runt)\s+)?$", re.I
)
# (the first number's time may stand between: "från 0,9 föregående år till 1,3 procent")
_TO = re.compile(
    r"(?:\s+(?:(?:år\s+)?(?:19|20)\d\d|(?:föregående|förra)\s+år(?:et)?|året\s+innan))?"
    r"\s+till\s+(?:(?:ca\.?|cirka|drygt|knappt|nästan|omkring|runt)\s+)?",
    re.I,
)


def _from_to(text: str, q: N.Quantity, nxt: N.Quantity) -> bool:
    """``q`` opens a span ``från q till nxt`` whose second number prints the unit."""
    return _TO.fullmatch(text, q.end, nxt.start) is not None and (
        _FROM.search(text, max(0, q.start - 20), q.start) is not None
    )


# "5,0 respektive 4,6 procent", "7,1 jämfört med 5,8 procent": a pair of one measure
_RESPECTIVE = re.compile(
    r"\s+(?:respektive|jämfört\s+med|i\s+jämförelse\s+med)\s+(?:ca\.?\s+|cirka\s+)?",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–]\s")
_CLAUSE_END = re.compile(r"[,;:.()]|\s[-–]\s|\d")


def _clause_around(text: str, before: str, q: N.Quantity) -> str:
    """The words of ``q``'s clause: those before it back to a comma or the number before,
    and those after it up to a comma, a stop or another number."""
    head = _CLAUSE_BREAK.split(before)[-1]
    end = _CLAUSE_END.search(text, q.end)
    return head + " " + text[q.end : end.start() if end else len(text)]


# --------------------------------------------------------------------------------------
# Counts written in words; the items of a list of counts
# --------------------------------------------------------------------------------------

# A number word standing alone: ``(?<![\wåäö-])(?P<word>två|tre|…|nittio)(?![\wåäö-])``
# with IGNORECASE (the words of numparse.NUMBER_WORDS), written so that the engine skips
# in C to the letters a word opens on. Ignore-case matching tries a pattern at every
# character of the text (CPython's re finds no first characters to skip to where case is
# ignored), and the search runs over all running text (every paragraph without a digit,
# every sentence with one): 8 % of parse() on data/raw. Here each letter is the class of
# the characters ignore-case matching takes for it (``_CASES``: those and the letter's
# upper case, checked against every code point in tests/test_prose_unread.py), the match
# opens on one of the words' first letters, the lookbehind after it asks that no word
# character or hyphen stands before it (``[\wåäö-]`` is ``[\w-]``, with or without
# case), and each first letter goes on with its own words. Only a whole run of word
# characters can match, so the alternatives' order decides nothing.
_CASES = {"i": "iIİı", "s": "sSſ", "å": "åÅ\u212b"}  # (the Kelvin sign's k is in no word)


def _cased(text: str) -> str:
    return "".join(f"[{_CASES.get(ch, ch + ch.upper())}]" for ch in text)


_FIRSTS = "".join(dict.fromkeys(w[0] for w in N.NUMBER_WORDS))  # t f s å n e a
_WORD_NUMBER = re.compile(
    r"(?P<word>["
    + "".join(_CASES.get(f, f + f.upper()) for f in _FIRSTS)
    + r"](?<![\w-].)(?:"
    + "|".join(
        f"(?<={_cased(f)})(?:" + "|".join(_cased(w[1:]) for w in N.NUMBER_WORDS if w[0] == f) + ")"
        for f in _FIRSTS
    )
    + r"))(?![\w-])"
)
_LIST_PREP = r"(?:inom|i|på|hos|vid|utanför)"
_AS_ITEM = re.compile(rf"\s+{_LIST_PREP}\s")
_ALTERNATIVE_BEFORE = re.compile(r"(?:\d|[^\W\d_]+)\s+(?:eller|till|[-–])\s+$", re.IGNORECASE)


# letters that ignore-case matching takes for another (``_WORD_NUMBER`` finds ``ſex`` as
# ``sex``) and that lower-casing leaves as they are: each as the letter it stands for
_AS_LETTER = str.maketrans({"ſ": "s", "ı": "i", "\u0307": None})


def _number_word(word: str) -> float | None:
    """The value of a number word as ``_WORD_NUMBER`` found it, in any case and with the
    letters ignore-case matching takes for others (``ſex``, ``SJU``, ``nİo``: İ lowers
    to i and a combining dot); None for a word that is none."""
    key = word.lower()
    if key in ("en", "ett"):
        return 1.0  # (only where _ONE_OF_A_MAGNITUDE found it)
    value = N.NUMBER_WORDS.get(key)
    if value is None:
        value = N.NUMBER_WORDS.get(key.translate(_AS_LETTER))
    return None if value is None else float(value)


# "en miljon kronor", "ett tusen": the article is the number one where a magnitude of
# money follows it in the singular (never "en verksamhet", "ett år")
_ONE_OF_A_MAGNITUDE = re.compile(
    r"(?<![\w-])(?P<word>[Ee]n|[Ee]tt)(?=\s+(?:miljon|miljard|tusen)(?![\wåäö]))"
)


def _number_words(text: str) -> list[re.Match[str]]:
    """The number words of ``text`` (``_WORD_NUMBER``) and the ones of ``_ONE_OF_A_MAGNITUDE``,
    in order."""
    found = list(_WORD_NUMBER.finditer(text))
    if "milj" in text or "tusen" in text:
        found += _ONE_OF_A_MAGNITUDE.finditer(text)
        found.sort(key=lambda m: m.start())
    return found


def _has_number_word(text: str) -> bool:
    """Whether ``text`` holds a number word of ``_number_words``."""
    if _WORD_NUMBER.search(text):
        return True
    return ("milj" in text or "tusen" in text) and _ONE_OF_A_MAGNITUDE.search(text) is not None


def _word_quantities(text: str) -> list[N.Quantity]:
    """The number words of a sentence (``numparse.NUMBER_WORDS``) that count: with a unit
    printed after them as after a figure (``sju ungdomar``, ``två årsarbetare``, ``tre
    miljoner kronor``, ``två procent``), or, unit still '', standing as a list's item
    (``tre inom utsluss``: :func:`_listed` decides). Never the second of two alternatives
    (``fyra eller fem platser``: a bound, not a count)."""
    out = []
    for m in _number_words(text):
        if _ALTERNATIVE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        value = _number_word(m.group("word"))
        if value is None:
            continue
        after = U.unit_after(text, m.end())
        if after is not None and after[0] == U.PER_OTHER:
            continue  # "tre tkr per plats": an amount per a unit we lack, no count
        if after is not None:
            unit, end, printed = after
            qm = N.QUALIFIER_BEFORE.search(text, max(0, m.start() - 12), m.start())
            out.append(
                Quantity(
                    value,
                    unit=unit,
                    unit_text=printed,
                    qualifier=N.QUALIFIERS[qm.group("q").lower()] if qm else "",  # "minst fem"
                    text=text[m.start() : end],
                    start=m.start(),
                    end=end,
                )
            )
        elif _AS_ITEM.match(text, m.end()):
            out.append(Quantity(value, text=m.group(0), start=m.start(), end=m.end()))
    return out


_LIST_GAP = re.compile(
    rf"\s+(?P<prep>{_LIST_PREP})\s+[^,;:.()\d]{{1,60}}?"
    r"(?:\s*,\s*(?:(?:och|samt)\s+)?|\s+(?:och|samt)\s+)",
    re.IGNORECASE,
)


_SUBSET = re.compile(r"\s*,?\s*(?:varav|därav)\s+", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"\s*(?:år|års|månader|månad|veckor|vecka|dagar|dag|timmar|timme)(?![\wåäö])", re.IGNORECASE
)


def _subset(text: str, prev: N.Quantity, unit: str, q: N.Quantity) -> bool:
    """``q`` follows a count and ``varav``/``därav`` alone, and what follows ``q`` names
    the part (``totalt 34 medarbetare varav 24 yrkesrevisorer``): a part of the count,
    counted the same — not a time (``varav 3 år``). Where nothing follows, the
    comparison rule (:func:`_elided_unit`) reads it already."""
    if unit != "antal" or _SUBSET.fullmatch(text, prev.end, q.start) is None:
        return False
    return _TIME_AFTER.match(text, q.end) is None


def _listed(text: str, prev: N.Quantity, unit: str, q: N.Quantity) -> bool:
    """``q`` is the next item of a list whose items name where each count is, and the
    item before (``prev``) is a count: ``18 boendeplatser inom den egna verksamheten, tre
    inom utsluss, och 15 inom familjehem`` — the same preposition after each number."""
    if unit != "antal":
        return False
    m = _LIST_GAP.fullmatch(text, prev.end, q.start)
    if m is None:
        return False
    return re.match(rf"\s+{m.group('prep')}\s", text[q.end : q.end + 20], re.IGNORECASE) is not None


_OPENING_YEAR = re.compile(
    r"[\"”*\s]*(?:[–-]\s*)?"  # (a quote's dash: "– För 2019 har vi …")
    rf"(?:under|år|för|i\s+(?:{N.MONTHS_PATTERN}))\s+(?:år\s+)?(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


def sentence_reading(sentence: str) -> N.Reading:
    """The values of a sentence: numbers printed with a unit, and those whose unit the
    sentence names elsewhere (:func:`sentence_units`)."""
    units, words = _units_and_words(sentence)
    if not _DIGIT.search(sentence) and not words:
        return N.Reading()
    if not units:
        # every value of the sentence's reading printed with its unit: keeping only such
        # values leaves it as it is (numparse._read decides nothing else by
        # require_unit), so it is not read a second time
        every = N.reading_of(sentence)
        if all(q.unit for q in every.quantities):
            reading = every
        else:
            reading = N.reading_of(sentence, require_unit=True)
    else:
        reading = N.reading_with_units(sentence, tuple(sorted(units.items())))
    reading = _in_opening_month(sentence, reading)
    # (after the opening month: a value the sentence's year reaches keeps no month)
    reading = _its_year_to_all(sentence, reading)
    reading = _restated_year(sentence, reading)
    reading = _minus_in_words(sentence, reading)
    if not words:
        return reading
    # the time a sentence opens with (``Under 2023 har sex ungdomar …``) dates its counts
    # in words; any other year (``… enligt beslut i juni 2013``) dates none of them
    opening = _OPENING_YEAR.match(N.strip_tags(sentence))
    if opening and len(reading.years) == 1 and int(opening.group("year")) == reading.years[0]:
        year = reading.years[0]
        words = [Quantity(**{**w.__dict__, "year": year}) for w in words]
    quantities = sorted([*reading.quantities, *words], key=lambda q: q.start)
    return N.Reading(quantities, list(reading.skipped), list(reading.years), reading.no_data)


# the word minus right before a number is its sign ("IFO visar minus 1,2 miljoner",
# "prognosen med minus 0,4 mnkr"); after an amount it subtracts ("5 mnkr minus 2 mnkr")
_MINUS_WORD = re.compile(r"(?<![\wåäö])minus\s+$", re.IGNORECASE)
_AMOUNT_END = re.compile(r"\d(?:\s*%|\s*[^\W\d_]{1,6}\.?)?$")


# A sentence that compares or spans times: its values may be of other times than the one
# year it names (``ökade till 5 mnkr jämfört med 4 mnkr``, ``sedan 2019``, ``i fjol``)
_OTHER_TIMES = re.compile(
    r"(?<![\wåäö])(?:än|jämfört|jämförelse|jmf|jfr|mot|sedan|från|före|efter|innan|"
    r"föregående|förra|tidigare|fjol|fjolårets|senaste|åren|kommande|nästa|framöver|"
    r"(?:hel)?årseffekt\w*|samma\s+(?:\w+\s+)?som|lika\s+\w+\s+som)"
    r"(?![\wåäö])",
    re.IGNORECASE,
)


def _its_year_to_all(sentence: str, reading: N.Reading) -> N.Reading:
    """A sentence naming one year as its time dates each of its values that has none,
    where it compares no times and every value dated has that year: ``I februari 2022
    uppgick ungdomsarbetslösheten … till 13,1 procent, vilket var långt över
    riksgenomsnittet på 8,9 procent`` (the year went to the 13,1 alone, the nearest)."""
    if all(q.year is not None for q in reading.quantities):
        return reading
    year = sentence_year(sentence, reading)
    if year is None or any(q.year not in (None, year) for q in reading.quantities):
        return reading
    if _OTHER_TIMES.search(sentence):
        return reading
    inserted = _inserted_clauses(N.strip_tags(sentence), year)
    quantities = [
        q
        if q.year is not None or (inserted and not any(a <= q.start < b for a, b in inserted))
        else Quantity(**{**q.__dict__, "year": year})
        for q in reading.quantities
    ]
    years = [y for y in reading.years if y != year]
    return N.Reading(quantities, list(reading.skipped), years, reading.no_data)


# a relative clause set in by commas: "Placeringsbudgeten …, som visade ett överskott på
# 1,5 miljoner kronor 2022, dras ned med 303 000 kronor"
_CLAUSE_EDGE = re.compile(r",\s|[;:]|\s[-–]\s")
_RELATIVE_OPENING = re.compile(r"\s*(?:som|vilket|vilka|där|då)(?![\wåäö])", re.IGNORECASE)


def _inserted_clauses(text: str, year: int) -> list[tuple[int, int]]:
    """The spans of the relative clauses (``, som …,``) that hold the year ``year`` where
    it is printed, when every place it is printed is inside one: its time is theirs, not
    the sentence's; [] when it stands anywhere else too."""
    edges = [0, *(m.end() for m in _CLAUSE_EDGE.finditer(text)), len(text)]
    spans = []
    for t in N.tokens(text):
        if t.kind != N.YEAR or t.year != year:
            continue
        a = max(e for e in edges if e <= t.start)
        b = min((e for e in edges if e > t.end), default=len(text))
        if a == 0 or not _RELATIVE_OPENING.match(text, a):
            return []
        spans.append((a, b))
    return spans


# "67,8 mkr 2014, dvs. ett budgetöverskott som är 5 mkr bättre än vid delårsbokslutet":
# the clause after "dvs." says what the value before it means, of the same year
_RESTATES = re.compile(
    r"(?:\s+(?:år\s+)?(?P<year>(?:19|20)\d\d))?\s*,\s*(?:dvs\.?|d\.v\.s\.?|det\s+vill\s+säga|"
    r"vilket\s+(?:innebär|motsvarar))\s+[^\d.;:]*",
    re.IGNORECASE,
)


def _restated_year(sentence: str, reading: N.Reading) -> N.Reading:
    """A value in a clause that says what the dated value right before it means (``…,
    dvs. …``, ``…, vilket innebär …``) takes that value's year, where no other number
    stands between."""
    if (
        "dvs" not in sentence
        and "d.v.s" not in sentence
        and "vill" not in sentence
        and ("vilket" not in sentence)
    ):
        return reading  # (no such clause: most sentences, asked cheaply)
    if not any(q.year is None for q in reading.quantities):
        return reading
    text = N.strip_tags(sentence)
    quantities = list(reading.quantities)
    changed = False
    for i in range(1, len(quantities)):
        p, q = quantities[i - 1], quantities[i]
        if q.year is not None or p.year is None:
            continue
        m = _RESTATES.fullmatch(text, p.end, q.start)
        if m is None or (m.group("year") and int(m.group("year")) != p.year):
            continue
        quantities[i] = Quantity(**{**q.__dict__, "year": p.year})
        changed = True
    if not changed:
        return reading
    return N.Reading(quantities, list(reading.skipped), list(reading.years), reading.no_data)


def _minus_in_words(sentence: str, reading: N.Reading) -> N.Reading:
    """Each value the word ``minus`` is printed right before, negative, its cell text
    with the word (``minus 1,2 miljoner``); not after an amount, where it subtracts."""
    if "inus" not in sentence:
        return reading
    quantities = []
    changed = False
    for q in reading.quantities:
        m = _MINUS_WORD.search(sentence, 0, q.start)
        if m is not None and q.value > 0 and not _AMOUNT_END.search(sentence[: m.start()].rstrip()):
            high = -q.value_high if q.value_high is not None else None
            word = sentence[m.start() : q.start]
            q = Quantity(
                **{**q.__dict__, "value": -q.value, "value_high": high, "text": word + q.text}
            )
            changed = True
        quantities.append(q)
    if not changed:
        return reading
    return N.Reading(quantities, list(reading.skipped), list(reading.years), reading.no_data)


_OPENING_MONTH = re.compile(
    rf"[\"”*\s]*(?:i|under)\s+(?P<month>{N.MONTHS_PATTERN})\s+(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


def _in_opening_month(sentence: str, reading: N.Reading) -> N.Reading:
    """A sentence that opens with a month (``I augusti 2023 fanns det totalt 29 barn
    …``) gives its values of that year the month as their period (``augusti``), as a
    table's month column does (``aug``)."""
    m = _OPENING_MONTH.match(N.strip_tags(sentence))
    if m is None or not reading.quantities:
        return reading
    year, month = int(m.group("year")), m.group("month").lower()
    quantities = [
        Quantity(**{**q.__dict__, "period": month})
        if q.year == year and not q.period and q.start >= m.end()
        else q
        for q in reading.quantities
    ]
    return N.Reading(quantities, list(reading.skipped), list(reading.years), reading.no_data)


# --------------------------------------------------------------------------------------
# A year carried into a sentence that continues the one before
# --------------------------------------------------------------------------------------

_CONTINUES = re.compile(
    r"^[\"”*\s]*(?:[–-]\s*)?(?:och|dessutom|därtill|därutöver|utöver\s+(?:detta|det|dessa)|"
    r"av\s+(?:dessa|dem|de)|därav|varav|bland\s+(?:dessa|dem)|samtidigt|likaså)(?![\wåäö])",
    re.IGNORECASE,
)
_OTHER_TIME = re.compile(
    rf"(?<![\wåäö])(?:år|året|årets|åren|års|fjol|fjolårets|{_MONTHS}|vår(?:en)?|"
    r"höst(?:en)?|sommar(?:en)?|vinter(?:n)?|kvartal\w*|tertial\w*|halvår\w*|delår\w*|"
    r"månad\w*|vecka|veckor|veckan|dag|dagen|idag|nu|numera|närvarande|hittills|framöver|"
    r"tidigare|senare|innan|sedan|efter|nästa|kommande|förra|föregående|senaste|prognos\w*|"
    r"period\w*)(?![\wåäö])",
    re.IGNORECASE,
)
_TIME_KINDS = {N.YEAR, N.YEAR_RANGE, N.DATE, N.QUARTER, N.MONTH, N.WEEK, N.DIARIE}


_TIME_OF_YEAR = re.compile(
    rf"(?:\bunder|\bår|\bför|\bhelåret|\bi\s+(?:{N.MONTHS_PATTERN})|"
    r"\bt\.?\s?o\.?\s?m\.?\s+\w+)\s+(?:år\s+)?$",
    re.IGNORECASE,
)


def sentence_year(sentence: str, reading: N.Reading) -> int | None:
    """The one year a sentence speaks of: that of its dated values, and of a time it names
    without a value (``Under 2017 ökade …``, ``för år 2020``) — not a year it refers to
    (``beslut från 2015``, ``lag (2015:…)``); None when it names none or several."""
    dated = {q.year for q in reading.quantities if q.year is not None}
    years = dated | set(reading.years)
    if len(years) != 1:
        return None
    year = years.pop()
    if year in dated:
        return year
    text = N.strip_tags(sentence)
    timed = any(
        t.kind == N.YEAR
        and t.year == year
        and _TIME_OF_YEAR.search(text, max(0, t.start - 30), t.start)
        for t in N.tokens(text)
    )
    return year if timed else None


def continues_without_time(sentence: str) -> bool:
    """The sentence goes on from the one before (``Och …``, ``Dessutom …``, ``Av dessa
    …``) and names no time of its own."""
    if not _CONTINUES.search(sentence):
        return False
    return names_no_time(sentence)


def names_no_time(sentence: str) -> bool:
    """The sentence names no time: no year, date, quarter or week, and no word of time
    (``i år``, ``förra året``, ``hittills``, ``prognosen`` …)."""
    if any(t.kind in _TIME_KINDS for t in N.tokens(sentence)):
        return False
    return _OTHER_TIME.search(sentence) is None


# The sentence after says what the values before it are, and when: ``Ett överskott på
# 4,2 miljoner kronor utifrån budget. Det är resultatet för socialnämnden under 2013 …``.
# ``Det är`` / ``Detta var`` points back at the sentence before; a sentence after it that
# does not (``Under 2013 ökade kostnaderna.``) may speak of something else, and dates none.
_NAMES_THE_ONE_BEFORE = re.compile(
    r"^[\"”*\s]*(?:det|detta)\s+(?:är|var|blev)(?![\wåäö])", re.IGNORECASE
)


# A sentence that compares (``Det är lägre än för 2012``, ``Det är samma nivå som under
# 2012``) names the year it is compared with, not its own (numparse.COMPARING).
_COMPARES = re.compile(rf"(?<![\wåäö])(?:{N.COMPARING})(?![\wåäö])", re.IGNORECASE)


def year_from_next(
    sentence: str, reading: N.Reading, nxt: str, nxt_reading: N.Reading
) -> int | None:
    """The year the next sentence gives a sentence whose values have none: when the
    sentence names no time of its own, and the next one points back at it (``Det är
    resultatet … under 2013``), holds no value of its own (a value there would own its
    year: ``Det är 0,5 mnkr mer än 2012``), compares with nothing (``Det är lägre än för
    2012``) and names one year as a time."""
    if not _NAMES_THE_ONE_BEFORE.search(nxt) or nxt_reading.quantities:
        return None
    if _COMPARES.search(nxt):
        return None
    if all(q.year is not None for q in reading.quantities) or not names_no_time(sentence):
        return None
    return sentence_year(nxt, nxt_reading)


# "Motsvarande siffror/andelar …": the sentence gives the figures of another time
# for those of the sentence before it
_CORRESPONDING = re.compile(r"(?<![\wåäö])motsvarande(?![\wåäö])", re.IGNORECASE)


def year_before_the_other(
    sentence: str, reading: N.Reading, previous: int, nxt: str, nxt_reading: N.Reading
) -> int | None:
    """The year of the sentence before, ``previous``, for a sentence whose values have
    none and that names no time, where the sentence after gives the corresponding
    figures of another year: ``Under 2021 var 18 700 barn … placerade …. Fördelningen
    … har jämnat ut sig till 51 procent pojkar och 49 procent flickor. 2020 var
    motsvarande siffror 53 procent …`` — the 51 is of 2021, the paragraph's year, since
    2020's figures are said apart."""
    if all(q.year is not None for q in reading.quantities) or not names_no_time(sentence):
        return None
    if _CORRESPONDING.search(nxt) is None:
        return None
    other = sentence_year(nxt, nxt_reading)
    return previous if other is not None and other != previous else None


# The year of a section's heading: ``Budgetutfall januari-april 2015``, ``Prognos för
# 2018``, ``Vård- och omsorgsnämnden - Budget 2014`` date the values of the sentences under
# them that name no time of their own. A heading naming two years, a range
# (``Verksamhetsplan 2019-2021``), a date or a comparison dates nothing.
_HEADING_COMPARES = re.compile(
    r"(?<![\wåäö])(?:jämfört|jmf|jfr|mot|än|sedan|från)(?![\wåäö])", re.I
)


# a line of a text file's header, ``# note: …``, ``# source: …`` (a lower-case key and a
# colon, read as a markdown heading): it describes the file, and is no section's time
_HEADER_KEY = re.compile(r"[a-z][a-z_]{1,20}:\s")


def heading_year(heading: str) -> int | None:
    """The one year a heading names, as a time of the section under it; None when it
    names none, several, a range or a date, or compares (``Jämfört med 2012``), and for a
    line of the file's header (``note: … 2020 …``)."""
    if _HEADER_KEY.match(heading):
        return None
    toks = [t for t in N.tokens(heading) if t.kind in _TIME_KINDS]
    if len(toks) != 1 or toks[0].kind != N.YEAR or _HEADING_COMPARES.search(heading):
        return None
    return toks[0].year


_MONTH_WORD = re.compile(rf"(?<![\wåäö])(?:{_MONTHS})(?![\wåäö])", re.IGNORECASE)
_THE_PERIOD = re.compile(r"(?<![\wåäö])perioden(?![\wåäö])", re.IGNORECASE)


def in_section_time(sentence: str, heading: str) -> bool:
    """The sentence names no time but the one its heading names: none at all, or only
    ``perioden`` and months its heading names too (``Det budgeterade resultatet för
    perioden januari-april …`` under ``Budgetutfall januari-april 2015``); a year it
    compares with is no time of its own (``Budgetramen fastställdes till 292 miljoner
    kronor, en ökning med 14 miljoner kronor jämfört med 2022`` under ``Socialnämndens
    budget för 2023``)."""
    if _DIGIT.search(sentence):
        # a year the sentence compares its value with (``en ökning med 14 miljoner kronor
        # jämfört med 2022``, ``lägre än 2022``) is not the time of its values
        sentence = N.without_compared_years(sentence)
    if names_no_time(sentence):
        return True
    months = {m.group(0).lower() for m in _MONTH_WORD.finditer(heading)}
    if not months:
        return False
    rest = _MONTH_WORD.sub(lambda m: " " if m.group(0).lower() in months else m.group(0), sentence)
    return names_no_time(_THE_PERIOD.sub(" ", rest))


# "i år": the year the document speaks of, when nothing else names a time
_THIS_YEAR = re.compile(r"(?<![\wåäö])i\s+år(?![\wåäö]|\s+(?:19|20)\d\d)", re.IGNORECASE)


_TITLE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a year planned for, not the one written in: "Budget 2020", "Verksamhetsplan för 2021",
# "2019-2021"
_PLANNED_YEAR = re.compile(
    r"(?:budget|plan)\w*\s+(?:för\s+)?(?:år\s+)?(?:19|20)\d\d|"
    r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d",
    re.IGNORECASE,
)


def _title_year(doc: Document) -> int | None:
    """The document's year where its title names it first (``Verksamhetsberättelse
    2025``, a web page's ``date 2019-12 …``): the year ``i år`` is; None where the year
    is only the one its text names most, and for a budget or a plan, whose title names
    the year planned for (``Budget 2020`` speaks of 2019 as ``i år``)."""
    if doc.doc_year is None or not doc.title or doc.doc_type == "internbudget":
        return None
    m = _TITLE_YEAR.search(doc.title)
    if m is None or int(m.group(0)) != doc.doc_year or _PLANNED_YEAR.search(doc.title):
        return None
    return doc.doc_year


def this_year(sentence: str, reading: N.Reading, q: Quantity) -> bool:
    """The sentence names ``i år`` as its only time (a year it compares with aside), no
    year of its own, and ``q`` stands before any comparison: ``I år hade verksamheten
    fler deltagare (541 st) än 2024 (446 st)`` — the 541 is of the document's year."""
    if "år" not in sentence or reading.years:
        return False
    text = N.strip_tags(sentence)
    m = _THIS_YEAR.search(text)
    if m is None:
        return False
    rest = text[: m.start()] + " " + text[m.end() :]
    if _DIGIT.search(rest):
        rest = N.without_compared_years(rest)
    if not names_no_time(rest):
        return False
    comparison = _COMPARES.search(text)
    return comparison is None or q.start < comparison.start()


# --------------------------------------------------------------------------------------
# Observations
# --------------------------------------------------------------------------------------


def cell_reading(text: str) -> N.Reading:
    """A table cell of running text (a comment cell) read as :func:`prose_records` reads
    a paragraph: ``N.reading_of(text)``, where each bare number a sentence rule reads
    (a count noun after it, a subject, a list's parts, a number word) takes that rule's
    unit, category and year. Values printed with a unit stay as the cell reads them; a
    number no rule reads stays bare (the table reports it). Offsets in
    ``numparse.strip_tags(text)``."""
    base = N.reading_of(text)
    plain = N.strip_tags(text)
    by_start: dict[int, Quantity] = {}
    totals: list[Quantity] = []
    for offset, sentence in sentences(plain):
        if not _DIGIT.search(sentence) and not _has_number_word(sentence):
            totals = []
            continue
        reading = sentence_reading(sentence)
        listed = enumeration(sentence, reading, totals, frozenset())
        if listed is not None:
            reading, totals = listed
        else:
            totals = [q for q in reading.quantities if q.unit == "antal"]
        for q in reading.quantities:
            by_start[offset + q.start] = Quantity(
                **{**q.__dict__, "start": offset + q.start, "end": offset + q.end}
            )
    if not by_start:
        return base
    printed = {q.start for q in base.quantities}
    quantities = []
    for q in base.quantities:
        p = by_start.get(q.start)
        if q.unit or p is None or not p.unit:
            quantities.append(q)
            continue
        # its sentence's year, not one the whole cell's reading gave it
        change = {"unit": p.unit, "category": q.category or p.category, "year": p.year}
        quantities.append(Quantity(**{**q.__dict__, **change}))
    # counts written as words ("sju ungdomar"): no figure of the cell's own reading
    words = [p for start, p in by_start.items() if start not in printed and p.unit]
    if words:
        quantities = sorted([*quantities, *words], key=lambda q: q.start)
    return N.Reading(quantities, list(base.skipped), list(base.years), base.no_data)


def prose_observations(doc: Document) -> list[dict]:
    """The values of the document's running text (:func:`prose_records`' first part)."""
    return prose_records(doc)[0]


def prose_records(doc: Document) -> tuple[list[dict], list[dict]]:
    """Observations of the document's running text, and parse-report rows for the
    numbers its sentences print that no rule reads and that are values by their look
    (:func:`unread_numbers`)."""
    obs: list[dict] = []
    report: list[dict] = []
    section = ""
    section_year: int | None = None  # the one year the section's heading names
    title_year = _title_year(doc)  # the year 'i år' is
    for block in doc.blocks:
        if isinstance(block, Heading):
            section = L.label_text(block.text)
            section_year = heading_year(section)
            continue
        if not isinstance(block, Paragraph):
            continue
        if not _DIGIT.search(block.text) and not _has_number_word(block.text):
            continue
        year_before: int | None = None  # the year of the sentence before, in this paragraph
        totals: list[Quantity] = []  # the counts of the sentence before, in this paragraph
        line_starts = {0, *(o for o, _ in block.starts)}
        parts = sentences(block.text)
        readings: dict[int, N.Reading] = {}  # a sentence read ahead, for the one before it
        for i, (offset, sentence) in enumerate(parts):
            if not _DIGIT.search(sentence) and not _has_number_word(sentence):
                totals = []
                # no number, nothing to read (most of a long text); a year goes on
                # past it only where it goes on from the sentence before, timeless
                if not continues_without_time(sentence):
                    year_before = None
                continue
            reading = readings.pop(i, None) or sentence_reading(sentence)
            starts = frozenset(o - offset for o in line_starts if o >= offset)
            listed = enumeration(sentence, reading, totals, starts)
            if listed is not None:
                reading, totals = listed
            else:
                totals = [q for q in reading.quantities if q.unit == "antal"]
            previous = year_before
            carried = year_before if continues_without_time(sentence) else None
            year_before = carried if carried is not None else sentence_year(sentence, reading)
            source = "previous_sentence"
            if carried is None and reading.quantities and i + 1 < len(parts):
                nxt = parts[i + 1][1]
                if _NAMES_THE_ONE_BEFORE.search(nxt) and _DIGIT.search(nxt):
                    readings[i + 1] = sentence_reading(nxt)
                    carried = year_from_next(sentence, reading, nxt, readings[i + 1])
                    source = "next_sentence"
                elif previous is not None and "otsvarande" in nxt and _DIGIT.search(nxt):
                    readings[i + 1] = sentence_reading(nxt)
                    carried = year_before_the_other(
                        sentence, reading, previous, nxt, readings[i + 1]
                    )
                    if carried is not None:
                        year_before = carried
            long = len(sentence) > MAX_SENTENCE_CHARS
            unread = unread_numbers(sentence, reading, starts)
            # (the sentence as a label only where a row is written: most sentences with
            # a number give none)
            label = L.label_text(sentence) if not long and (unread or reading.quantities) else ""
            for start, number, reason in unread:
                report.append(
                    {
                        "source": doc.source,
                        "page": block.page,
                        "sheet": "",
                        "line": block.line_at(offset + start),
                        "table_id": "",
                        "table": "text",
                        "row_label": label or L.label_text(sentence[:MAX_SENTENCE_CHARS]),
                        "column_label": "",
                        "cell_text": label or L.label_text(sentence[:MAX_SENTENCE_CHARS]),
                        "token": number,
                        "reason": reason,
                        "severity": "warning",
                    }
                )
            # the heading's year, for the values the sentence leaves undated (asked once
            # a sentence: a long one is scanned once, not once a number)
            heading_year_here: int | None = None
            if (
                section_year is not None
                and carried is None
                and any(q.year is None for q in reading.quantities)
                and in_section_time(sentence, section)
            ):
                heading_year_here = section_year
            for q in reading.quantities:
                if long:  # no sentence: each number keeps the text before it (limits)
                    start = max(0, q.end - MAX_SENTENCE_CHARS)
                    label = "…" * (start > 0) + L.label_text(sentence[start : q.end])
                year, year_source = q.year, "cell" if q.year is not None else ""
                if year is None and carried is not None:
                    year, year_source = carried, source
                elif year is None and heading_year_here is not None:
                    year, year_source = heading_year_here, "heading"
                elif year is None and title_year and this_year(sentence, reading, q):
                    year, year_source = title_year, "document"
                obs.append(
                    {
                        "source": doc.source,
                        "doc_type": doc.doc_type,
                        "municipality": doc.municipality,
                        "doc_year": doc.doc_year,
                        "doc_period": doc.doc_period,
                        "page": block.page,
                        "sheet": "",
                        "table_id": "",
                        "table": "text",
                        "section": section,
                        "row_label": label,
                        "category": q.category,
                        "entity": q.entity,
                        "sex": "",
                        "column_label": "",
                        "year": year,
                        "year_source": year_source,
                        "period": q.period,
                        "value_kind": q.value_kind,
                        "value": q.value,
                        "value_high": q.value_high,
                        "qualifier": q.qualifier,
                        "unit": q.unit,
                        "line": block.line_at(offset + q.start),
                        "cell_text": q.text,
                        "footnote": "",
                    }
                )
    return obs, report


# --------------------------------------------------------------------------------------
# Numbers a sentence prints that no rule reads: reported, or passed over as no value
# --------------------------------------------------------------------------------------

_PER_OTHER = N.PER_OTHER_REASON.split("{}")[0]
UNREAD_IN_SENTENCE = "tal i löptext: meningen säger inte vad talet mäter, läses inte"
DURATION_IN_SENTENCE = "tidslängd i löptext ({}): ingen enhet för tid, läses inte"

# What a bare number in a sentence is when it is no value (said here, never reported: a
# report that lists every section number and page mark is one nobody reads):
# a reference ("bilaga 2", "avsnitt 3.2", "kolumn 2", "§ 22", "LVU 2 §", "3 kap"), a
# number inside a name ("prognos 2", "Cosmic Link 2", "Drottninggatan 45",
# "12-stegsgruppen"), an age ("fyllt 18 år", "personer som är 65 år"), a list's or a
# footnote's number ("1.", "2)", "1 Andelen …" at a line's start), a page mark ("3 (17)"),
# a table of contents, a section number ("2.3.1"), a clock time ("8.30–16.00"), a phone
# number, a postcode, a law's number ("(1980:620)"), a year before 1900 ("1871-2010").
_REFERENCE_BEFORE = re.compile(
    r"(?<![\wåäö])(?:bilag(?:a|an|orna)|avsnitt(?:et)?|kapitel|kap\.?|tabell(?:en)?|"
    r"figur(?:en)?|diagram(?:met)?|kolumn(?:en)?|rad(?:en)?|sid(?:an|a)?\.?|s\.|"
    r"artikel|punkt(?:en)?|nr\.?|nummer|§|paragraf(?:en)?|mom\.?|prognos|delår|"
    r"delårsrapport|tertial(?:bokslut|rapport)?|kvartal|etapp|fas|steg|klass|version|"
    r"nivå|åtgärd|beslutade\s+åtgärder|område|mål|uppdrag|bild|not|fotnot|ärende|"
    r"lag|lagen|(?-i:[A-ZÅÄÖ]{2,6}))\s*$",
    re.IGNORECASE,
)
_LAW_AFTER = re.compile(r"\s*(?:[a-z]\s*)?(?:§|kap\b|kap\.|st\b|st\.|p\b|p\.)", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"(?<![\wåäö])(?:fyllt|fyller|fyllde|från|under|över|upp\s+till|mellan|till|är|var|"
    r"blir|ålder(?:n)?|åldern\s+av|äldre\s+än|yngre\s+än|och|eller|[-–])\s*$",
    re.IGNORECASE,
)
_YEARS_AFTER = re.compile(r"\s*(?:[-–]\s*)?(?:år|års)(?![\wåäö])", re.IGNORECASE)
_AGED_AFTER = re.compile(r"\s*[-–]?\s*(?:årig|åring)", re.IGNORECASE)  # "10 årig", "5-åringar"
_CONTENTS_BEFORE = re.compile(r"(?:\.{3,}|…)\s*$")  # "Sammanfattning... 1"
_AGE_BAND = re.compile(r"(?<![\d,])0\s?[-–]\s?\d{1,2}(?!\d|,\d)")  # "0-20", "0- 20": ages
_FORMULA = re.compile(r"(?<![\wåäö])[A-Za-z][-−+*/]$")  # "år N−1"

_NAME_BEFORE = re.compile(r"(?<![\wåäö])[A-ZÅÄÖ][a-zåäöé]+\s*$")
_STREET_BEFORE = re.compile(
    r"(?:gatan|vägen|gränd|torget|torg|plan|backe|backen|allén|stigen|leden|platsen)\s*$",
    re.IGNORECASE,
)
_COMPOUND_AFTER = re.compile(r"-?(?:[a-zåäö]+-)?[a-zåäö]")  # "12-stegsgruppen", "10-årig"
_PAGE_MARK = re.compile(r"\d+\s?\(\d+\)")
_CONTENTS_DOTS = re.compile(r"\.{4,}|…{2,}")
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+")
_CLOCK = re.compile(r"(?<!\d)(?:kl\.?\s*)?[0-2]?\d[.:][0-5]\d(?:\s?[-–]\s?[0-2]?\d[.:][0-5]\d)?")
_PHONE = re.compile(r"(?<![\d-])0\d{1,3}\s?[-–]\s?\d{2,3}(?:[ \u00a0]?\d{2,3}){1,3}(?!\d)")
_POSTCODE = re.compile(r"(?<!\d)\d{3}\s\d{2}(?=\s+[A-ZÅÄÖ])")
_SFS = re.compile(r"\(?(?:19|20|18)\d\d:\d+\)?")
_LIST_MARK_AFTER = re.compile(r"[.)](?:\s|$)")
_FOOTNOTE_AFTER = re.compile(r"\s+[A-ZÅÄÖ][a-zåäö]")
_DURATION_AFTER = re.compile(
    r"\s*(?:(?:hela|ca|cirka)\s+)?(?P<unit>månader|månad|veckor|vecka|timmar|timme|"
    r"minuter|minut|år)(?![\wåäö])",
    re.IGNORECASE,
)


def _span_covers(pattern: re.Pattern[str], text: str, tok: N.Token) -> bool:
    return any(
        m.start() <= tok.start and tok.end <= m.end()
        for m in pattern.finditer(text, max(0, tok.start - 40), min(len(text), tok.end + 40))
    )


def not_a_value(text: str, tok: N.Token, line_start: bool) -> bool:
    """The bare number ``tok`` of the sentence ``text`` is no value by the rules above
    (``line_start``: it begins one of the document's lines)."""
    return bool(no_value_kind(text, tok, line_start))


def no_value_kind(text: str, tok: N.Token, line_start: bool) -> str:
    """What kind of no value the bare number ``tok`` of ``text`` is (``reference``,
    ``name``, ``age``, ``list number`` …), '' for a value by its look."""
    t = tok.text.strip()
    before, after = text[max(0, tok.start - 40) : tok.start], text[tok.end : tok.end + 40]
    if not re.search(r"[^\W\d_]", text):
        return "number alone"  # a sentence of digits alone: a page or list number, "(1)"
    if re.fullmatch(r"1\d{3}|20\d\d", t) or re.fullmatch(r"1[89]\d\d\s?[-–]\s?(?:19|20)\d\d", t):
        return "year"  # one the tokenizer did not see as one: "(1949)", "1871-2010"
    if "/" in t or after.startswith("/") or before.endswith("/"):
        return "slashed"  # a date ("4/8"), a rate's rule ("1/12 per månad"), "7/24/365"
    if _CONTENTS_DOTS.search(text) or _PAGE_MARK.fullmatch(t) or _CONTENTS_BEFORE.search(before):
        return "contents or page mark"
    for pattern, kind in _SPANS:
        if _span_covers(pattern, text, tok):
            return kind
    if _SECTION_NUMBER.fullmatch(t):
        return "section number"  # "2.3.1", "1.1" (a decimal is printed with a comma)
    if _LAW_AFTER.match(after) or _REFERENCE_BEFORE.search(before):
        return "reference"
    if _STREET_BEFORE.search(before) or _COMPOUND_AFTER.match(after) or _FORMULA.search(before):
        return "name"  # an address, a compound ("12-stegsgruppen"), a formula ("N−1")
    if _AGED_AFTER.match(after):
        return "age"  # "10 årig"
    if _YEARS_AFTER.match(after) and (_AGE_BEFORE.search(before) or tok.value_high is not None):
        return "age"  # an age, an age band: "fyllt 18 år"
    name = _NAME_BEFORE.search(text, max(0, tok.start - 40), tok.start)
    if (
        name
        and text[: name.start()].strip(' *"”•-–')
        and not re.search(r"[.:;!?]\s*$", text[: name.start()])
    ):
        return "name"  # after a capitalised word inside the sentence
    # a list's, a heading's or a footnote's number: "2) Digital service", "1." or "1
    # Andelen …" at a line's or a sentence's start (after a full stop the splitter kept)
    first = (
        line_start
        or not text[: tok.start].strip()
        or re.search(r"[.!?]\s+$", text[max(0, tok.start - 5) : tok.start]) is not None
    )
    listed = bool(
        re.fullmatch(r"\d{1,2}(?: \d{1,2})?", t)
        and (
            (after.startswith(")") and "(" not in before[-3:] and re.match(r"\)\s+\w", after))
            or (first and (_LIST_MARK_AFTER.match(after) or _FOOTNOTE_AFTER.match(after)))
        )
    )
    return "list number" if listed else ""


_SPANS = (
    (_PAGE_MARK, "contents or page mark"),
    (_CLOCK, "clock time"),
    (_PHONE, "phone number"),
    (_POSTCODE, "postcode"),
    (_SFS, "reference"),
    (_AGE_BAND, "age"),
)


def unread_numbers(
    sentence: str, reading: N.Reading, line_starts: frozenset[int] = frozenset()
) -> list[tuple[int, str, str]]:
    """``(offset, number, reason)`` for each number the sentence prints that ``reading``
    did not read and that is a value by its look — not one of the kinds above, not a year,
    date or case number, not a rate's base (``per 1 000``). Offsets in
    ``numparse.strip_tags(sentence)``; ``line_starts`` are the offsets there that begin
    one of the document's lines."""
    text = N.strip_tags(sentence)
    read = {q.start for q in reading.quantities}
    bases = {s.start for s in reading.skipped if s.reason == N.DENOMINATOR}
    per_other = {s.start: s.reason for s in reading.skipped if s.reason.startswith(_PER_OTHER)}
    out = []
    for tok in N.tokens(text):
        if tok.kind not in (N.VALUE, N.MALFORMED) or tok.start in read or tok.start in bases:
            continue
        if any(q.start <= tok.start < q.end for q in reading.quantities):
            continue  # inside a value read ("5 av 5")
        if tok.start in per_other:  # "550 tkr per individ": an amount per a unit we lack
            out.append((tok.start, tok.text, per_other[tok.start]))
            continue
        if not_a_value(text, tok, tok.start in line_starts):
            continue
        d = _DURATION_AFTER.match(text, tok.end)
        reason = DURATION_IN_SENTENCE.format(d.group("unit").lower()) if d else UNREAD_IN_SENTENCE
        out.append((tok.start, tok.text, reason))
    return out


# --------------------------------------------------------------------------------------
# A count listed by its parts in the sentence after it
# --------------------------------------------------------------------------------------

_PARTS_BEGIN = re.compile(r"[.:]\s+(?=\d)")
_PART_NAME = re.compile(
    r"\s+(?:(?:är|var|blev|har)\s+)?(?P<name>[^\s,;.()\d][^,;.()\d]{0,59}?)"
    r"(?=\s*(?:[,;.()]|\s[-–]\s|$)|\s+(?:och|samt)\s+\d)",
    re.IGNORECASE,
)


def enumeration(
    sentence: str, reading: N.Reading, totals: list[Quantity], line_starts: frozenset[int]
) -> tuple[N.Reading, list[Quantity]] | None:
    """A sentence that lists a count of the sentence before by its parts: ``… totalt 29
    barn och ungdomar inom verksamheten. 11 är asylsökande, 4 personer är anvisade … och
    14 personer är kommunplacerade`` (11 + 4 + 14 = 29), ``… 36 avslutade ärenden. 10
    externt HVB, 4 internt HVB, 18 jourhem, 4 SiS-hem.`` Its bare numbers are counts of
    the same measure (``antal``), each with what follows it as its category
    (``asylsökande``, ``externt HVB``) — only when the document's own sum proves it: two
    parts or more, whole numbers, every number of the sentence a part (no other unit,
    nothing that could not be read), adding up to a count of the sentence before (or to
    the total that sentence's own parts were proven against). Returns the sentence's
    reading with them, and the totals the next sentence may list; None otherwise."""
    unread = unread_numbers(sentence, reading, line_starts)
    if not unread or any(why != UNREAD_IN_SENTENCE for _, _, why in unread):
        return None
    text = N.strip_tags(sentence)
    by_start = {t.start: t for t in N.tokens(text)}
    bare = [by_start[start] for start, _, _ in unread]
    if any(t.kind != N.VALUE or t.value_high is not None or t.value is None for t in bare):
        return None
    if any(not float(t.value or 0).is_integer() for t in bare):
        return None
    # the parts may follow their total in the same sentence, after a full stop or a colon
    # that the sentence splitter kept (``… 29 barn och ungdomar inom verksamheten. 11 är
    # asylsökande …``: no capital after it)
    first = min(t.start for t in bare)
    cut = max((m.end() for m in _PARTS_BEGIN.finditer(text, 0, first + 1)), default=0)
    head = [q for q in reading.quantities if q.end <= cut]
    tail = [q for q in reading.quantities if q.start >= cut]
    if len(head) + len(tail) != len(reading.quantities) or any(q.unit != "antal" for q in tail):
        return None
    if head:
        # the total's clause read alone: its year is its own ("… var 41 under 2022. 11 är
        # …": the whole sentence's reading gave 2022 to the bare 11 nearest it)
        own = {q.start: q for q in sentence_reading(text[:cut]).quantities}
        head = [own.get(q.start, q) for q in head]
    totals = [*totals, *(q for q in head if q.unit == "antal")]
    parts = [q.value for q in tail] + [float(t.value or 0) for t in bare]
    total = next((t for t in totals if len(parts) >= 2 and abs(sum(parts) - t.value) < 1e-9), None)
    if total is None:
        return None
    units = {**sentence_units(sentence), **{t.start: "antal" for t in bare}}
    listed = _in_opening_month(
        sentence, N.reading_with_units(sentence, tuple(sorted(units.items())))
    )
    # each part is named by the words after it, past its counted noun and a verb ("11 är
    # asylsökande", "4 personer är anvisade enligt massflyktingar från Ukraina", "10
    # externt HVB"), and is of its total's time where it names none ("I augusti 2023
    # fanns det totalt 29 barn …": the parts too)
    parts_at = {t.start for t in bare} | {q.start for q in tail}
    read_before = {q.start: q for q in [*tail, *head]}
    quantities = []
    for q in listed.quantities:
        if q.start in read_before:
            # as the sentence read it: a year of the total's clause dates the total, never
            # the bare part the new reading finds nearest to it ("… 41 under 2022. 11 är …")
            q = read_before[q.start]
        elif q.start in parts_at:
            q = Quantity(**{**q.__dict__, "year": None})
        if q.start in parts_at:
            change: dict = {}
            if not q.category:
                m = _PART_NAME.match(text, q.end)
                change["category"] = m.group("name").strip() if m else ""
            if q.year is None and total.year is not None:
                change["year"] = total.year
                if not q.period:
                    change["period"] = total.period
            q = Quantity(**{**q.__dict__, **change})
        quantities.append(q)
    out = N.Reading(quantities, list(listed.skipped), list(listed.years), listed.no_data)
    return out, [total, *quantities]
