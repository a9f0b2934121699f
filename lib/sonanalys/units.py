"""The fixed unit vocabulary, and how units are recognised in cells and labels.

A unit printed right after a number (``186 mnkr``, ``1063kr/inv``) is read by
:data:`UNIT_AFTER_NUMBER`. A unit stated in a header, row label or caption
(``Belopp mnkr``, ``Effekt 2025, mnr``, ``antal/1000 inv 0-20 år``) is found by
:func:`unit_in_label`.
"""

from __future__ import annotations

import re

from .memo import per_document

#: The normalised units; every observation's ``unit`` is one of these or empty.
VOCABULARY = (
    "mdkr",
    "mnkr",
    "tkr",
    "kr",
    "kr/dygn",
    "tkr/dygn",
    "kr/inv",
    "kr/h",
    "kr/månad",
    "tkr/brukare",
    "antal",
    "procent",
    "per1000",
    "dagar",
    "dygn",
)

# Plain currencies, which a label may refine into a per-unit (kr -> kr/dygn).
CURRENCIES = {"kr": "kr", "tkr": "tkr", "mnkr": "mnkr", "mdkr": "mdkr"}
_PER_UNIT_CURRENCY = {
    "kr/dygn": "kr",
    "tkr/dygn": "tkr",
    "kr/inv": "kr",
    "kr/h": "kr",
    "kr/månad": "kr",
    "tkr/brukare": "tkr",
}

_W = r"(?![\wåäöÅÄÖ])"  # end of word, Swedish letters included

_COUNT_NOUNS = (
    r"st\.?|stycken|personer|individer|hushåll|platser|pl\.|pl|barn|ungdomar|ärenden|"
    r"årsarbetare|tjänster|papper|delar|anmälningar|utredningar|placeringar|brukare|"
    r"invånare|inv\.?|vuxna|unga|flyktingar|hyresgäster|elever|ensamkommande|"
    # a compound of a counted noun, maybe after an adjective, a participle or an
    # abbreviation, maybe in its definite form: "500 nya arbetsmarknadsplatser", "12
    # HVB-placeringar", "40 fler orosanmälningar", "36 avslutade ärenden", "20 LVM
    # utredningar", "de 36 ärendena", "26 fler insatser"
    r"(?:(?:nya|fler|färre|ytterligare|nyanlända|[a-zåäö]{2,}(?:ade|ande|ende|dda|da|na|ta|"
    r"iga|liga|ka)|(?-i:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,2}[A-ZÅÄÖ]))\s)?[\wåäöÅÄÖ-]*"
    r"(?:platser(?:na)?|ärenden(?:a)?|placeringar(?:na)?|anmälningar(?:na)?|"
    r"utredningar(?:na)?|hushåll(?:en)?|brukare(?:na)?|årsarbetare|punkter|flyktingar|"
    r"insatser(?:na)?|barn(?:en)?|ungdomar(?:na)?|vuxna|unga|personer(?:na)?|"
    r"individer(?:na)?|elever(?:na)?|"
    # people and homes a report counts: "11 tillståndssökande", "34 medarbetare", "34
    # anställda", "2 200 besökare", "1-2 boenden"
    r"sökande|medarbetare(?:na)?|anställda|besökare(?:na)?|boenden(?:a)?|"
    # families and foster homes a service has: "5 mentorsfamiljer och 13 länkfamiljer"
    r"familjer(?:na)?|familjehem(?:men)?)"
)

#: The unit of an amount per a unit the vocabulary has no name for (``550 tkr per
#: individ``, ``2 mnkr/plats``): never read as the plain currency (a per-unit amount is
#: no total), reported instead (``numparse``: :data:`numparse.PER_OTHER_REASON`).
PER_OTHER = "?/per"

# what an amount may be per: a day, a person, a place, a time — not a year (``1 mnkr/år``
# is a year's amount) nor a date (``per den 31 augusti``, ``per mars``)
_PER_BASE = (
    r"(?:vård\s?)?dygn|dag(?:en)?|inv(?:ånare)?\.?|h|tim(?:me|mar)?|mån(?:ad|ader)?|"
    r"vecka|veckor|(?:års)?plats(?:er)?|(?:års)?placering(?:ar)?|person(?:er)?|"
    r"individ(?:er)?|barn(?:et)?|ungdom(?:ar)?|elev(?:er)?|hushåll(?:et)?|brukare(?:n)?|"
    r"ärende(?:n|t)?|årsarbetare|tjänst(?:er)?|sysselsatt|familj(?:er)?|familjehem(?:met)?|"
    r"deltagare(?:n)?|klient(?:er)?|insats(?:er)?|boende(?:n|t)?|vuxen|vuxna|"
    r"1[\s\u00a0\u202f]?000\s?inv\w*"
)
# what a label's amount is per, said apart from its currency ("Kostnad per brukare, tkr");
# not "per boende", "per verksamhet", "per område" … (a breakdown: "Resultat per boende")
_PER_BASE_IN_LABEL = (
    r"(?:vård\s?)?dygn|dag|inv(?:ånare)?\.?|h|tim(?:me)?|mån(?:ad)?|(?:års)?plats|"
    r"(?:års)?placering|person|individ|hushåll|brukare|elev|årsarbetare|deltagare|klient"
)
_CURRENCY = (
    r"mdkr|mnkr|mkr|mnr|miljon(?:er(?:na)?)?(?:\s(?:kronor|kr))?|milj\.?(?:\s?kr)?|"
    r"miljard(?:er(?:na)?)?(?:\s(?:kronor|kr))?|tkr|t\.\s?kr|tusen(?:tals)?\s(?:kronor|kr)|kr|kronor"
)

_SPACE_BEFORE_UNIT = r"[ \t\u00a0\u202f]{0,3}"
_UNITS_AFTER = (
    (r"tkr\s?(?:/\s?|per\s|\s)brukare", "tkr/brukare", _W),
    (r"tkr\s?(?:/\s?|per\s)(?:vård\s?)?dygn", "tkr/dygn", _W),
    (r"kr\s?/\s?inv(?:ånare)?|kr(?:onor)?\sper\sinvånare", "kr/inv", _W),
    (r"kr(?:onor)?\s?(?:/\s?|per\s)(?:vård\s?)?dygn", "kr/dygn", _W),
    (r"kr(?:onor)?\s?(?:/\s?|per\s)(?:h|tim(?:me)?)", "kr/h", _W),
    (r"kr(?:onor)?\s?(?:/\s?|per\s)mån(?:ad)?", "kr/månad", _W),
    # any other currency per a unit: after the per-units above, before the currencies
    (rf"(?:{_CURRENCY})\s?(?:/\s?|per\s+)(?:{_PER_BASE})", PER_OTHER, _W),
    (r"mnkr|mkr|mnr|miljon(?:er(?:na)?)?(?:\s(?:kronor|kr))?|milj\.?(?:\s?kr)?", "mnkr", _W),
    (r"mdkr|miljard(?:er(?:na)?)?(?:\s(?:kronor|kr))?", "mdkr", _W),
    (r"tkr|t\.\s?kr|tusen(?:tals)?\s(?:kronor|kr)", "tkr", _W),
    (r"kr|kronor", "kr", _W),
    (r":-", "kr", ""),
    (r"%", "procent", ""),
    (r"procent", "procent", _W),
    (r"(?:per|/)\s?1[\s\u00a0\u202f]?000\s?inv\w*|promille|‰", "per1000", ""),
    (r"(?:vård)?dygn", "dygn", _W),
    (r"dagar|dag", "dagar", _W),
    (_COUNT_NOUNS, "antal", _W),
)

#: Units that may follow a number, longest first. Each entry: (regex, unit).
UNIT_AFTER_NUMBER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(_SPACE_BEFORE_UNIT + r"(?:" + pattern + r")" + end, re.IGNORECASE), unit)
    for pattern, unit, end in _UNITS_AFTER
)
# The same rules as one pattern, tried in the same order: no rule begins with a space,
# so the spaces before the unit are taken alike by every rule and the first rule that
# matches wins, as in a loop over UNIT_AFTER_NUMBER.
_ANY_UNIT_AFTER = re.compile(
    _SPACE_BEFORE_UNIT
    + "(?:"
    + "|".join(f"(?P<u{i}>(?:{p}){end})" for i, (p, _, end) in enumerate(_UNITS_AFTER))
    + ")",
    re.IGNORECASE,
)
_UNIT_OF_GROUP = {f"u{i}": unit for i, (_, unit, _) in enumerate(_UNITS_AFTER)}

# The count nouns a label may count by (``Personer i vård``; see :func:`_counts`).
_COUNTED_IN_LABEL = (
    r"\bpersoner\b|\bindivider\b|\bhushåll\b|\bplatser\b|\banmälningar\b|\bärenden\b|"
    r"\bårsarbetare\b|\bårspersoner\b|\butredningar\b|\binvånare\b"
)


def needs_one_of(*words: str) -> re.Pattern[str]:
    """A pattern to search a lower-cased text (``text.lower()``) for any of ``words``:
    the quick test before an ignore-case pattern that cannot match a text without one of
    them, which fails far sooner than the pattern does (an ignore-case alternation has no
    first character to skip to and is tried at every position). The words are lower case
    and hold no ``i`` or ``s``: ignore-case matching also takes ``ı``, ``İ`` and ``ſ``
    for those two, which ``lower()`` leaves apart; for every other letter it takes what
    ``lower()`` makes of it, so the test never turns away a text the pattern matches."""
    for w in words:
        if not w or w != w.lower() or "i" in w or "s" in w:
            raise ValueError(f"not a word for needs_one_of: {w!r}")
    return re.compile("|".join(re.escape(w) for w in words))


# Label rules, in priority order: the first that matches decides. Each with the words
# (``needs_one_of``) of which any text it matches holds one, lower-cased: a rule is
# searched for only in a label that holds one of its words.
_LABEL_RULES_AND_WORDS = (
    # an amount per 1 000 inhabitants: no unit of the vocabulary (never a rate's)
    (rf"\b(?:{_CURRENCY})\s?(?:per|/)\s?1[\s\u00a0\u202f]?000\s?inv", "", "000"),
    (r"(?:per|av|/)\s?1[\s\u00a0\u202f]?000\s?inv|promille", "per1000", "000 prom"),
    (r"\btkr\s?(?:/|per)\s?(?:vård\s?)?dygn", "tkr/dygn", "dygn"),
    (r"(?:\bkr|\bkronor|kostnad\w*)\s?(?:/|per)\s?(?:vård\s?)?dygn", "kr/dygn", "dygn"),
    (r"\bkr\s?/\s?inv|\bkr(?:onor)?\sper\sinvånare", "kr/inv", "nv"),
    (r"\bkr(?:onor)?\s?(?:/|per\s)\s?(?:h|tim(?:me)?)\b", "kr/h", "kr"),
    (r"\bkr(?:onor)?\s?(?:/|per\s)\s?mån(?:ad)?\b", "kr/månad", "mån"),
    (r"tkr\s?(?:/|per|\s)\s?brukare", "tkr/brukare", "brukare"),
    # a currency per a unit the vocabulary has no name for ("tkr/plats", "mnkr per
    # individ"): no unit rather than the currency (a label path's " / " is no "per")
    (
        rf"\b(?:{_CURRENCY})(?:/|\s?/(?!\s)|\s?\bper\s)\s?(?:{_PER_BASE_IN_LABEL})\b",
        "",
        "kr mnr lj",  # a currency: kr, kronor, mnr, milj, miljon, miljard
    ),
    (r"(?:snitt|genomsnitt)\w*\s(?:antal\s)?per\s(?:dygn|dag)", "antal", "per"),
    (r"\b(?:mnkr|mkr|mnr|miljoner kronor|mdkr)\b", "mnkr", "kr mnr lj"),
    (r"\btkr\b|tusen(?:tals)? kronor", "tkr", "kr"),
    (r"%|\bprocent\b|\bandel(?:en)?\b", "procent", "% procent andel"),
    (r"\bkr\b|\bkronor\b", "kr", "kr"),
    (r"\bdagar\b", "dagar", "dagar"),
    # a cost without a stated currency: unknown, never "antal"
    (r"^\W*kostnad", "", "tnad"),
    (r"\b(?:vård)?dygn\b", "dygn", "dygn"),
    (
        r"\bantal(?:et)?\b|" + _COUNTED_IN_LABEL,
        "antal",
        # antal, personer, individer, hushåll, platser, anmälningar, ärenden,
        # årsarbetare, årspersoner, utredningar, invånare
        "antal per der håll plat anmäl ärenden arbetare utredn vånare",
    ),
)
_LABEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), u) for p, u, _ in _LABEL_RULES_AND_WORDS
)
_LABEL_RULE_WORDS = tuple(needs_one_of(*w.split()) for _, _, w in _LABEL_RULES_AND_WORDS)
_ANY_LABEL_WORD = needs_one_of(
    *sorted({x for _, _, w in _LABEL_RULES_AND_WORDS for x in w.split()})
)

# a count noun after a preposition names whom a service or an area is for ("Stöd för
# personer med funktionsnedsättning", "Bistånd till hushåll", "Kostnad per invånare"),
# maybe over one word ("för äldre personer"): no count
_NAMED_FOR = re.compile(
    r"\b(?:för|till|med|åt|hos|inom|om|mot|vid|utan|från|av|bland|kring|per)\s+"
    r"(?:[\wåäöÅÄÖ-]+\s+)?$",
    re.IGNORECASE,
)
_COUNT_NOUN_IN_LABEL = re.compile(_COUNTED_IN_LABEL, re.IGNORECASE)
_COUNT_RULE = _LABEL_RULES[-1][0]  # antal or a count noun
_ANTAL = re.compile(r"\bantal(?:et)?\b", re.IGNORECASE)


def _counts(text: str) -> bool:
    """A label that counts: it says ``antal``, or a count noun stands in it other than
    after a preposition ("Personer i vård", "Hushåll med bistånd", "Nya ärenden")."""
    if _ANTAL.search(text):
        return True
    return any(
        not _NAMED_FOR.search(text, 0, m.start()) for m in _COUNT_NOUN_IN_LABEL.finditer(text)
    )


def unit_after(text: str, pos: int) -> tuple[str, int, str] | None:
    """Return ``(unit, end, printed)`` for a unit printed at ``text[pos:]``, else None."""
    m = _ANY_UNIT_AFTER.match(text, pos)
    if m is None:
        return None
    group = m.lastgroup
    assert group is not None  # every alternative of the pattern is a named group
    return _UNIT_OF_GROUP[group], m.end(), m.group(0).strip()


@per_document
def unit_in_label(text: str) -> str:
    """The unit a header, row label or caption states, or '' when it states none."""
    low = text.lower()
    if not text or not _ANY_LABEL_WORD.search(low):
        return ""  # most labels: none of the rules' words
    for (pattern, unit), words in zip(_LABEL_RULES, _LABEL_RULE_WORDS, strict=True):
        if words.search(low) and pattern.search(text):
            if not unit or (pattern is _COUNT_RULE and not _counts(text)):
                return ""
            if unit == "mnkr" and re.search(r"\bmdkr\b", text, re.IGNORECASE):
                return "mdkr"
            if unit == "kr/dygn" and re.search(r"\btkr\b", text, re.IGNORECASE):
                return "tkr/dygn"  # "Kostnad per vårddygn, tkr"
            if unit in CURRENCIES:
                return _per_unit_of(unit, text)
            return unit
    return ""


_PER_IN_LABEL = re.compile(rf"\bper\s+(?P<base>{_PER_BASE_IN_LABEL})(?![\wåäö])", re.IGNORECASE)
_PER_UNITS = (
    (r"(?:vård\s?)?dygn", {"kr": "kr/dygn", "tkr": "tkr/dygn"}),
    (r"inv", {"kr": "kr/inv"}),
    (r"h$|tim", {"kr": "kr/h"}),
    (r"mån", {"kr": "kr/månad"}),
    (r"brukare", {"tkr": "tkr/brukare"}),
)


def per_unit_of(currency: str, text: str) -> str:
    """The unit of an amount in ``currency`` whose label or clause ``text`` says what it
    is per apart from it: the vocabulary's per-unit (``Kostnaden per vårddygn`` + kr →
    kr/dygn), :data:`PER_OTHER` + ``":"`` + the word where the vocabulary has none
    (``utbetalningarna per hushåll`` + kr), else the currency."""
    unit = _per_unit_of(currency, text)
    if unit:
        return unit
    m = _PER_IN_LABEL.search(text)
    return f"{PER_OTHER}:{m.group('base')}" if m else currency


def _per_unit_of(currency: str, text: str) -> str:
    """A label that states a currency and, apart from it, what the amount is per
    (``Kostnad per brukare, tkr``): that per-unit, or '' when the vocabulary has none
    (``Kostnad per placering, tkr`` is no amount in tkr)."""
    m = _PER_IN_LABEL.search(text)
    if m is None:
        return currency
    base = m.group("base").lower()
    for pattern, by_currency in _PER_UNITS:
        if re.match(pattern, base):
            return by_currency.get(currency, "")
    return ""


def refine(cell_unit: str, context_unit: str) -> str:
    """Combine a unit printed in a cell with the unit its labels state.

    A cell says ``2 486 kr`` under a label ``kostnad per vårddygn``: the value is
    kr/dygn. A per-unit in the label refines a plain currency in the cell when the
    currencies agree; otherwise the cell wins.
    """
    if not cell_unit:
        return context_unit
    if cell_unit in CURRENCIES and _PER_UNIT_CURRENCY.get(context_unit) == cell_unit:
        return context_unit
    return cell_unit
