"""Swedish numbers: reading them from text, and writing them back.

Everything a document prints is a string until this module reads it. The reader
never guesses: a token it cannot read with certainty is returned as a
:class:`Token` of a non-value kind with the reason, so the caller can report it.

Vocabulary of the module:

* :func:`parse_number` – one number, strictly (``"1 801,5"`` -> 1801.5), else ``ValueError``.
* :func:`scan` – every numeric token of a text, classified (value, year, date, …).
* :func:`read_cell` – the values of a table cell with their unit, qualifier,
  category/entity prefix, period and year, plus the tokens that are no values.
* :func:`format_sv` – CLDR ``sv`` formatting (``1 801,5`` with a no-break space).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from decimal import ROUND_HALF_UP
from decimal import Decimal as _Decimal

from babel.numbers import format_decimal, get_minus_sign_symbol

from . import units as _units
from .memo import per_document

# --------------------------------------------------------------------------------------
# Characters
# --------------------------------------------------------------------------------------

#: Thousands separators seen in Swedish documents: space, no-break, narrow no-break, thin.
GROUP_SPACES = " \u00a0\u202f\u2009"
_SP = "[ \u00a0\u202f\u2009]"
#: Minus signs: hyphen-minus, the real minus (CLDR sv), en dash.
MINUS = "-\u2212\u2013"
_MINUS_CLASS = "[-\u2212\u2013]"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

NO_DATA_MARKERS = {"-", "–", "—", "−", "..", ".", "…", "i u", "i.u", "i.u.", "iu", "u", "x.", "n/a"}
NO_DATA_MARKERS.add("na")  # NA: what R and other exports write where a value is missing
# a dash doubled or tripled, as statistics exports print it where there is no value
# (Socialstyrelsen's ekonomiskt bistånd per month: '--' in both columns of a month)
NO_DATA_MARKERS.update(a + b for a in "-–—−" for b in "-–—−")
NO_DATA_MARKERS.update(d * 3 for d in "-–—−")

MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mar": 3,
    "mars": 3,
    "apr": 4,
    "april": 4,
    "maj": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "augusti": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
#: the months' abbreviations, as labels.period_of writes one month
MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTHS_PATTERN = _MONTH_RE  #: the month names and abbreviations as one alternation, longest first

#: Whole numbers written as words that a sentence may count with (``sju ungdomar``,
#: ``tre miljoner kronor``): two to twenty and the tens. ``en``/``ett`` are never read
#: (far more often an article than a count), nor ``hundra``/``tusen`` (``ett hundratal``).
NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30,
    "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90,
}  # fmt: skip


def word_number(text: str) -> float | None:
    """The value of a text that begins with a number word (``sju ungdomar`` → 7), else
    None."""
    m = re.match(r"[^\W\d_]+", text.strip())
    n = NUMBER_WORDS.get(m.group(0).lower()) if m else None
    return float(n) if n is not None else None


QUALIFIERS = {
    "ca": "ca",
    "ca.": "ca",
    "c:a": "ca",
    "cirka": "ca",
    "circa": "ca",
    "ungefär": "ca",
    "omkring": "ca",
    "runt": "ca",
    "drygt": "drygt",
    "knappt": "knappt",
    "nästan": "knappt",
    "minst": ">=",
    "högst": "<=",
    "max": "<=",
    "över": ">",
    "mer än": ">",
    "fler än": ">",
    "färre än": "<",
    "mindre än": "<",
    "<": "<",
    ">": ">",
    "≤": "<=",
    "≥": ">=",
    "~": "ca",
    "≈": "ca",
}

VALUE_KIND_WORDS = {
    "bokslut": "bokslut",
    "budget": "budget",
    "utfall": "utfall",
    "prognos": "prognos",
    "avvikelse": "avvikelse",
    "plan": "plan",
    "målvärde": "målvärde",
    "effekt": "effekt",
    "resultat": "utfall",
}

# --------------------------------------------------------------------------------------
# Strict parsing of one number
# --------------------------------------------------------------------------------------

_STRICT = re.compile(
    rf"^(?P<sign>{_MINUS_CLASS}|\+)?\s?(?P<int>\d{{1,3}}(?:{_SP}\d{{3}})+|\d+)(?:,(?P<frac>\d+))?$"
)


def parse_number(text: str) -> float:
    """Read one Swedish number, e.g. ``"1 801"``, ``"-81,5"``, ``"−2,25"``, ``"25 863"``.

    Raises ``ValueError`` naming the text when it is not exactly one number:
    a decimal point, two decimal commas or a malformed digit group are refused,
    never guessed.
    """
    s = text.strip()
    m = _STRICT.match(s)
    if not m:
        raise ValueError(f"inte ett svenskt tal: {text!r}")
    return _to_float(m.group("sign"), m.group("int"), m.group("frac"))


_SP_RE = re.compile(_SP)


def _to_float(sign: str | None, integer: str, frac: str | None) -> float:
    digits = _SP_RE.sub("", integer) if len(integer) > 3 else integer
    value = float(f"{digits}.{frac}" if frac else digits)
    if sign and sign in MINUS:
        value = -value
    return value


LOCALE = "sv_SE"  # resolved once; CLDR's sv: group U+00A0, decimal comma, minus U+2212
_MINUS_SV = get_minus_sign_symbol(LOCALE)


def format_sv(value: float, decimals: int | None = None, *, unit: str = "") -> str:
    """Format a number as CLDR ``sv`` does: ``1 801,5`` (no-break space, decimal comma).

    ``decimals`` fixes the number of decimals; ``None`` prints as many as needed.
    ``NaN``/``None`` print as ``–`` so a missing value is always explicit.
    """
    if value is None or value != value:  # NaN
        return "–"
    if decimals is None:
        pattern = "#,##0.######"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    # half away from zero, as Excel shows the same number (−70,25 → −70,3; babel alone
    # rounds half to even): the number as Python prints it, rounded as a decimal
    step = _Decimal(1).scaleb(-(6 if decimals is None else decimals))
    exact = _Decimal(repr(float(value)))
    out = format_decimal(
        exact.quantize(step, rounding=ROUND_HALF_UP), format=pattern, locale=LOCALE
    )
    if out.startswith("-") and not re.search(r"[1-9]", out):
        out = out[1:]  # −0,004 rounds to 0,0: no minus on a zero
    if out.startswith("-"):  # babel writes a hyphen; CLDR's sv minus sign is U+2212
        out = _MINUS_SV + out[1:]
    return f"{out}\u00a0{unit}" if unit else out


# --------------------------------------------------------------------------------------
# Scanning text for numeric tokens
# --------------------------------------------------------------------------------------

#: Kinds of numeric token. Only ``value`` tokens can become observations.
VALUE = "value"
YEAR = "year"  # a bare year used as a reference: "Resultat 2023", "under 2021"
YEAR_RANGE = "year_range"  # "2025-2029"
AGE_RANGE = "age_range"  # "0-20 år"
DATE = "date"  # "2022-01-20", "31/8 2018"
DIARIE = "diarienummer"  # "Soc 1525/2020"
QUARTER = "quarter"  # "Q 3 2020", an SCB quarter code "2020K3" / "2020Q3"
MONTH = "month"  # a month of a year: "1996-07", an SCB month code "1987M01"
WEEK = "week"  # "v 36-38"
ORDINAL = "ordinal"  # "2:a kvartalet", "3:e året"
MALFORMED = "malformed"  # looks numeric but cannot be read with certainty
INDEX_BASE = "index_base"  # "1980=100": an index's base year and level

DENOMINATOR = "bas för ett mått (per …), inte ett värde"
_PER_BEFORE = re.compile(r"(?:^|(?<=\s))per\s+$", re.IGNORECASE)  # searched before a token
PER_OTHER_REASON = "belopp per {}: enheten finns inte i vokabulären, läses inte"
COMPARED_YEAR = "årtal som jämförs med (jämfört med, sedan, än, från … till), inte värdets år"
NOT_A_VALUE_REASONS = {
    YEAR: "årtal som hänvisning, inte ett värde",
    YEAR_RANGE: "årsintervall (period), inte ett värde",
    AGE_RANGE: "åldersintervall, inte ett värde",
    DATE: "datum, inte ett värde",
    DIARIE: "diarienummer, inte ett värde",
    QUARTER: "kvartal (tidsangivelse), inte ett värde",
    MONTH: "månad (tidsangivelse), inte ett värde",
    WEEK: "veckonummer (tidsangivelse), inte ett värde",
    ORDINAL: "ordningstal, inte ett värde",
    INDEX_BASE: "indexets basår (år = 100), inte ett värde",
}


def _filled_at_once(cls: type) -> type:
    """A frozen dataclass whose ``__init__`` writes its fields into the instance's dict
    at once: the one ``dataclass`` makes sets each field through ``object.__setattr__``
    (frozen), about 1,2 µs for a Token and 1,6 µs for a Quantity, and parse() makes some
    38 000 of them for 50 documents (4 % of its time). The same parameters, defaults and
    order, made from ``dataclasses.fields``; the class stays frozen, equal and hashed by
    its fields as before (only fields with a plain default or none are allowed)."""
    params, body, defaults = [], [], {}
    for f in fields(cls):
        if not f.init or f.kw_only is True or f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are filled at once")
        if f.default is MISSING:
            params.append(f.name)
        else:
            params.append(f"{f.name}=_default_{f.name}")
            defaults[f"_default_{f.name}"] = f.default
        body.append(f"    d[{f.name!r}] = {f.name}\n")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: a __post_init__ is not called here")
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{''.join(body)}"
    exec(source, defaults)  # (code made from the class's own field names)
    init = defaults["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


@_filled_at_once
@dataclass(frozen=True)
class Token:
    """One numeric token found in a text."""

    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    value_high: float | None = None  # upper bound of a range "0,5-1"
    denominator: float | None = None  # "5 av 5"
    year: int | None = None  # for YEAR / DATE / QUARTER / MONTH tokens
    period: str = ""  # a MONTH's month ("jul"), a quarter code's quarter ("kv 3")
    reason: str = ""  # for MALFORMED tokens


_NUM = (
    rf"(?P<{{p}}sign>{_MINUS_CLASS}|\+)?"
    rf"(?P<{{p}}int>\d{{{{1,3}}}}(?:{_SP}\d{{{{3}}}}(?!\d))+|\d+)"
    rf"(?:,(?P<{{p}}frac>\d+))?"
)


def _num(prefix: str) -> str:
    return _NUM.format(p=prefix)


# a number may not be glued to a word, a decimal or a slash; a minus glued to a comma after a
# word is the number's sign (``inom parantes,-12,5 mkr``: the comma ends the words)
_LEFT_OK = r"(?:(?<![\w.,/])|(?<=[^\W\d_],)(?=[-\u2212]\d))"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # an index's base, "KPI (1980=100)", "index, 2015 = 100": neither a value nor a year
    ("index_base", re.compile(r"(?<![\w/])(?:19|20)\d\d\s?=\s?100(?![\d,.])")),
    (DATE, re.compile(r"(?<![\w/])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")),
    # a month of a year as long exports write it (R, SCB's downloads): "1996-07"; a
    # 4-digit year and a month 01-12, so "2019-20" stays a range of years
    (MONTH, re.compile(r"(?<![\w/.,])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])(?![\d,\-\u2013/])")),
    # SCB's period codes: a month "1987M01", a quarter "2020K3" / "2020Q3"
    (
        "period_code",
        re.compile(
            r"(?<![\w/.,])(?P<y>(?:19|20)\d\d)(?:M(?P<m>0[1-9]|1[0-2])|[KQ](?P<q>[1-4]))(?![\w])"
        ),
    ),
    # a split year, "2024/2025" or "2024/25" (a school or fiscal year, a comparison)
    ("split_year", re.compile(r"(?<![\w/])(?P<a>(?:19|20)\d\d)/(?P<b>(?:19|20)?\d\d)(?![\d/])")),
    (
        DIARIE,
        re.compile(
            r"(?<![\w/])(?:(?:[A-ZÅÄÖ][a-zåäö]{1,4}|[A-ZÅÄÖ]{2,5})\.?\s?)?\d{1,5}\s?/\s?(?P<y>(?:19|20)\d\d)(?![\d/])"
        ),
    ),
    (
        DATE,
        re.compile(
            r"(?<![\w/,])(?P<d>[0-3]?\d)/(?P<m>1[0-2]|0?[1-9])(?:\s(?P<y>(?:19|20)\d\d))?(?![\d/])"
        ),
    ),
    (
        DATE,
        re.compile(
            rf"(?<![\w,.])(?P<d>[0-3]?\d)\s(?:{_MONTH_RE})\.?(?![\wåäö])(?:\s(?P<y>(?:19|20)\d\d))?(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        QUARTER,
        re.compile(r"(?<![\w])Q\s?(?P<q>[1-4])(?:\s?-\s?[1-4])?\s?(?P<y>(?:19|20)\d\d)?(?!\d)"),
    ),
    (
        WEEK,
        re.compile(r"(?<![\w])v(?:ecka)?\.?\s?\d{1,2}(?:\s?[-–]\s?\d{1,2})?(?!\d)", re.IGNORECASE),
    ),
    (ORDINAL, re.compile(r"(?<![\w,])\d{1,3}:[ae](?![\wåäö])")),
    (
        "range",
        re.compile(
            _LEFT_OK
            + _num("a")
            + r"(?:(?P<tight>[-–—])|(?P<spaced>\s[-–—]\s))"
            + rf"(?P<bint>\d{{1,3}}(?:{_SP}\d{{3}}(?!\d))+|\d+)"
            + r"(?:,(?P<bfrac>\d+))?(?![\d,])"
        ),
    ),
    ("number", re.compile(_LEFT_OK + _num("") + r"(?P<tail>(?:[.,]\d+)+)?(?![\d])")),
    # a number glued to a lowercase word before it ("till186 mnkr", a pdftotext artefact)
    ("glued", re.compile(r"(?<=[a-zåäö]{3})" + _num("") + r"(?![\d,.])")),
)

_YEAR_MIN, _YEAR_MAX = 1990, 2100


def _is_year_text(s: str) -> bool:
    if len(s) != 4 or s[:2] not in ("19", "20") or not s.isdigit():
        return False
    return _YEAR_MIN <= int(s) <= _YEAR_MAX


# Where a token can start: a digit, a sign before a digit, or the Q/v/V that opens a
# quarter, a week or a diarienummer's letters before a digit. Any other non-ASCII
# character is a candidate too and checked with str.isdigit(), so superscripts and
# other Unicode digits end an identifier exactly as a per-character loop would.
_CANDIDATE_ASCII = "0123456789+" + MINUS + "QvV"
_CANDIDATE = re.compile(
    r"[0-9]|[-+\u2212\u2013](?=\d)|[QvV](?=[A-Za-zÅÄÖåäö]{0,5}\.?\s?\d)"
    r"|[^\x00-\x7fåäöÅÄÖéÉüÜ\u2212\u2013]"
)


def scan(text: str) -> list[Token]:
    """Every numeric token in ``text``, left to right, classified by kind.

    Identifiers such as ``R9``, ``N35001`` or ``LSS481`` are not numbers and are
    passed over; superscript footnote markers (``¹⁰``) are not digits at all.
    """
    return list(_scan_kept(text))


# A case number after its label ("Dnr: 2015/24-IFN-041", "Dnr SN 2019/123", "Diarienummer
# KS 2020.0123"): the whole code, up to the next space, is one diarienummer — whatever
# digits, slashes, dots or dashes it holds. Looked for only where the label is.
_DNR_LABEL = re.compile(r"(?<![\wåäöÅÄÖ])(?:dnr|diarienr|diarienummer)\b", re.IGNORECASE)
_DNR_BEFORE = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:dnr|diarienr|diarienummer)\.?\s?:?\s{0,3}(?:[A-ZÅÄÖ]{1,6}[ .]?)?$",
    re.IGNORECASE,
)
_DNR_CODE = re.compile(r"\d[^\s,;)]*(?<![.:])")


def _case_number(text: str, pos: int) -> Token | None:
    """A diarienummer starting at ``pos`` where its label stands right before it."""
    if not _DNR_BEFORE.search(text, max(0, pos - 24), pos):
        return None
    m = _DNR_CODE.match(text, pos)
    if m is None:
        return None
    y = _YEAR_IN.search(m.group(0))
    year = int(y.group(0)) if y and _is_year_text(y.group(0)) else None
    return Token(DIARIE, m.start(), m.end(), m.group(0), year=year)


# A case number written year first after its series' letters ("SN 2019/123", "KS
# 2020.0123", "IFN 2015/24-041"); a split year after them ("LSS 2019/20") stays a period.
_SERIES_BEFORE = re.compile(r"(?<![\wÅÄÖåäö])[A-ZÅÄÖ]{2,5}\.?\s?$")
_YEAR_FIRST = re.compile(r"(?:19|20)\d\d(?:\s?/\s?(\d{1,6})|\.(\d{3,6}))(?:[-.]\w+)*(?![\d/])")


def _series_case_number(text: str, pos: int) -> Token | None:
    m = _YEAR_FIRST.match(text, pos)
    if m is None or not _SERIES_BEFORE.search(text, max(0, pos - 7), pos):
        return None
    year, after = int(text[pos : pos + 4]), m.group(1)
    if after and len(after) in (2, 4) and int(after) == (year + 1) % 10 ** len(after):
        return None  # a split year: a period, not a case
    return Token(DIARIE, m.start(), m.end(), m.group(0), year=year)


# The patterns a text can match at all, by what it holds: each but two needs a character
# a text without it cannot offer. Leaving out a pattern that cannot match changes
# nothing (the first that matches and makes a token wins, in the same order); it saves
# trying nine patterns at each number of a text that holds none of these characters.
_NEEDS = (
    "=",  # an index's base: 1980=100
    "-",  # an ISO date: 2022-01-20
    "-",  # a month of a year: 1996-07
    "MKQ",  # an SCB period code: 1987M01, 2020K3, 2020Q3
    "/",  # a split year: 2024/25
    "/",  # a diarienummer: Soc 1525/2020
    "/",  # a day and month: 31/8
    "",  # a day and a month's name: 31 aug
    "Q",  # a quarter: Q 3 2020
    "vV",  # a week: v 36, V. 12, vecka 3
    ":",  # an ordinal: 2:a
    "-\u2013\u2014",  # a range: 0,5-1
    "",  # a number
)
_TRIED: dict[tuple[bool, ...], tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _patterns_for(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``_PATTERNS[:-1]`` (all but the glued number), less those ``text`` cannot match."""
    hyphen = "-" in text
    key = (
        hyphen,
        "/" in text,
        "Q" in text,
        "v" in text or "V" in text,
        ":" in text,
        hyphen or "\u2013" in text or "\u2014" in text,
        "=" in text,
        "M" in text or "K" in text or "Q" in text,
    )
    tried = _TRIED.get(key)
    if tried is None:
        held = {"-": key[0], "/": key[1], "Q": key[2], "vV": key[3], ":": key[4]}
        held["-\u2013\u2014"] = key[5]
        held["="] = key[6]
        held["MKQ"] = key[7]
        tried = _TRIED[key] = tuple(
            p for p, need in zip(_PATTERNS[:-1], _NEEDS, strict=True) if not need or held[need]
        )
    return tried


def tokens(text: str) -> tuple[Token, ...]:
    """``scan`` for the package's own code, which only looks: the same tuple for the
    same text within a document."""
    return _scan_kept(text)


@per_document
def _scan_kept(text: str) -> tuple[Token, ...]:
    return tuple(_scan(text))


def _scan(text: str) -> list[Token]:
    found: list[Token] = []
    n = len(text)
    find = _CANDIDATE.search
    # a case number may follow its label (each of the labels holds "nr" or "mer")
    low = text.lower()
    labelled = ("nr" in low or "mer" in low) and _DNR_LABEL.search(text) is not None
    coded = "/" in text or "." in text  # a case number written year first may stand here
    patterns = _patterns_for(text)
    m0 = find(text)
    while m0 is not None:
        pos = m0.start()
        ch = text[pos]
        if ch not in _CANDIDATE_ASCII and not ch.isdigit():
            m0 = find(text, pos + 1)
            continue
        if ch.isdigit() and pos > 1 and text[pos - 1] in "-–" and text[pos - 2].isalpha():
            # "dec-14", "LSS-11": part of a word, not a negative number
            while pos < n and text[pos].isalnum():
                pos += 1
            m0 = find(text, pos)
            continue
        if ch.isdigit() and pos > 0 and (text[pos - 1].isalpha() or text[pos - 1] == "_"):
            # part of an identifier (R9, N35001) unless a lowercase word is glued on
            m = _PATTERNS[-1][1].match(text, pos)
            if m and _units.unit_after(text, m.end()):
                found.append(_number_token(m, text))
                m0 = find(text, m.end())
                continue
            while pos < n and (text[pos].isalnum()):
                pos += 1
            m0 = find(text, pos)
            continue
        token = _case_number(text, pos) if labelled and ch.isdigit() else None
        if token is None and coded and ch in "12":
            token = _series_case_number(text, pos)
        for kind, pattern in patterns if token is None else ():
            m = pattern.match(text, pos)
            if not m:
                continue
            token = _make_token(kind, m, text)
            if token is not None:
                break
        if token is None:
            # a number no pattern reads here (``10 000`` glued to a word by a slash: a
            # rate's base, ``antal/10 000 inv``) is passed over whole, its groups with it:
            # its last group alone (``000``) is no number of its own
            m0 = find(text, _grouped_end(text, pos) if ch.isdigit() else pos + 1)
            continue
        found.append(token)
        m0 = find(text, token.end)
    if len(found) > 1 and "+ " in text:
        found = _signs_apart(text, found)
    return _flag_broken_groups(text, found) if len(found) > 1 else found


_GROUPED_RUN = re.compile(rf"\d+(?:{_SP}\d{{3}}(?![\d,.]\d))*")


def _grouped_end(text: str, pos: int) -> int:
    """Where the run of digits at ``pos`` ends, with the groups of three spaced after it."""
    m = _GROUPED_RUN.match(text, pos)
    return m.end() if m else pos + 1


# an amount ends right before a sign: a number, or a number and its unit
_AMOUNT_END = re.compile(r"\d(?:\s?(?:mnkr|mkr|mdkr|tkr|kr|procent|%|st))?$")


def _signs_apart(text: str, found: list[Token]) -> list[Token]:
    """A text that prints a plus apart before an amount (``+ 2,5 mnkr``) prints its
    minus apart too: there a dash standing apart between two amounts (``3,7 mnkr - 0,5
    mnkr``) is the sign of the amount after it, never a dash of the sentence. Without a
    plus apart (``Underskottet – 0,5 mnkr – beror på``) a dash stays a dash."""
    if not any(t.kind == VALUE and text[max(0, t.start - 2) : t.start] == "+ " for t in found):
        return found
    out = []
    for t in found:
        if (
            t.kind == VALUE
            and t.value is not None
            and t.value > 0
            and t.start >= 3
            and text[t.start - 2 : t.start] in ("- ", "\u2212 ", "\u2013 ")
            and text[t.start - 3].isspace()
            and _AMOUNT_END.search(text, 0, t.start - 3)
        ):
            t = Token(VALUE, t.start - 2, t.end, text[t.start - 2 : t.end], value=-t.value)
        out.append(t)
    return out


_OF_NUMBER = re.compile(rf"\s+av\s+({_num('d')})(?![\d,])")  # "3 av 12"
_SHORT_GROUP = re.compile(r"[-−–]?\d{1,3}")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")


def _number_token(m: re.Match[str], text: str) -> Token:
    value = _to_float(m.group("sign"), m.group("int"), m.group("frac"))
    return Token(VALUE, m.start(), m.end(), m.group(0), value=value)


def _make_token(kind: str, m: re.Match[str], text: str) -> Token | None:
    s = m.group(0)
    if kind == "index_base":
        if _units.unit_after(text, m.end()):
            return None  # "2015 = 100 tkr": an amount of the year, no index
        return Token(INDEX_BASE, m.start(), m.end(), s)
    if kind == DATE:
        y = m.groupdict().get("y")
        if "/" in s and not y and not re.search(r"\s", s):
            # "4/8" is a day/month only where a year or month context makes it one;
            # alone it is ambiguous (a fraction?) — report it rather than read it.
            return Token(MALFORMED, m.start(), m.end(), s, reason="oklart om datum eller bråk")
        return Token(DATE, m.start(), m.end(), s, year=int(y) if y else None)
    if kind == DIARIE:
        return Token(DIARIE, m.start(), m.end(), s, year=int(m.group("y")))
    if kind == MONTH:
        y, mm = int(m.group("y")), int(m.group("m"))
        if mm == (y + 1) % 100:
            return None  # "2011-12": as well the years 2011-2012: other kinds decide
        return Token(MONTH, m.start(), m.end(), s, year=y, period=MONTH_ABBR[mm - 1])
    if kind == "period_code":
        y = int(m.group("y"))
        if m.group("q"):
            return Token(QUARTER, m.start(), m.end(), s, year=y, period=f"kv {m.group('q')}")
        return Token(MONTH, m.start(), m.end(), s, year=y, period=MONTH_ABBR[int(m.group("m")) - 1])
    if kind == "split_year":
        a, b = m.group("a"), m.group("b")
        if int(b) != (int(a) + 1) % (100 if len(b) == 2 else 10_000):
            return None  # "2021/2020", "2020/1525": no year that runs on — other kinds decide
        return Token(YEAR_RANGE, m.start(), m.end(), s)
    if kind == QUARTER:
        y = m.group("y")
        return Token(QUARTER, m.start(), m.end(), s, year=int(y) if y else None)
    if kind == ORDINAL:
        return Token(ORDINAL, m.start(), m.end(), s)
    if kind == WEEK:
        if not re.match(r"v(?:ecka)?\.?\s?\d", s, re.IGNORECASE):
            return None
        return Token(WEEK, m.start(), m.end(), s)
    if kind == "range":
        if m.group("asign") and m.group("asign") not in "-\u2212\u2013":
            return None
        a = _to_float(m.group("asign"), m.group("aint"), m.group("afrac"))
        b = _to_float(None, m.group("bint"), m.group("bfrac"))
        a_txt = m.group("aint") + ("," + m.group("afrac") if m.group("afrac") else "")
        b_txt = m.group("bint") + ("," + m.group("bfrac") if m.group("bfrac") else "")
        if _is_year_text(a_txt) and _is_year_text(b_txt) and 0 < b - a <= 15:
            return Token(YEAR_RANGE, m.start(), m.end(), s)
        if _is_year_text(a_txt) and len(b_txt) == 2 and not m.group("asign"):
            # "2022-23": a year range written short
            return Token(YEAR_RANGE, m.start(), m.end(), s)
        after = text[m.end() : m.end() + 8]
        if re.match(r"\s?(?:år|års|åringar)(?![\wåäö])", after) and b <= 120 and a < b:
            return Token(AGE_RANGE, m.start(), m.end(), s)
        if a > b and not m.group("asign"):
            # "2 -6" or "10-3" is no range: two numbers, or a typo. Do not guess.
            if m.group("spaced"):
                return None
            return Token(MALFORMED, m.start(), m.end(), s, reason="intervall med fallande gränser")
        return Token(VALUE, m.start(), m.end(), s, value=a, value_high=b)
    # a single number
    tail = m.group("tail")
    if tail:
        if tail.startswith(",") or tail.count(",") + (1 if m.group("frac") else 0) > 1:
            return Token(MALFORMED, m.start(), m.end(), s, reason="flera decimalkomman")
        if "." in tail:
            # "3.5" or "1.801": decimal point or thousands dot? Either reading is a guess.
            return Token(
                MALFORMED,
                m.start(),
                m.end(),
                s,
                reason="punkt i tal: decimaltecken eller tusentalsavgränsare är oklart",
            )
    int_txt = m.group("int")
    value = _to_float(m.group("sign"), int_txt, m.group("frac"))
    if not m.group("sign") and not m.group("frac") and _is_year_text(int_txt):
        return Token(YEAR, m.start(), m.end(), s, value=value, year=int(int_txt))
    # "3 av 12": only where whitespace follows (looking for "av" in the whole text
    # for each number made a long line of numbers quadratic)
    av = _OF_NUMBER.match(text, m.end()) if text[m.end() : m.end() + 1].isspace() else None
    if av:
        den = _to_float(av.group("dsign"), av.group("dint"), av.group("dfrac"))
        return Token(VALUE, m.start(), av.end(), s + av.group(0), value=value, denominator=den)
    return Token(VALUE, m.start(), m.end(), s, value=value)


def _flag_broken_groups(text: str, tokens: list[Token]) -> list[Token]:
    """``1 80 1``: digit groups of the wrong length are no number we can read."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        j = i
        while (
            j + 1 < len(tokens)
            and tokens[j].kind == VALUE
            and tokens[j + 1].kind in (VALUE, YEAR)
            and tokens[j].value_high is None
            and tokens[j + 1].value_high is None
            and "," not in tokens[j].text
            and _SP_RE.fullmatch(text[tokens[j].end : tokens[j + 1].start] or "x")
            and _SHORT_GROUP.fullmatch(tokens[j].text.split()[-1])
            and not _units.unit_after(text, tokens[j].end)
            and len(tokens[j + 1].text.lstrip("-−–").split(",")[0].replace(" ", "")) != 3
        ):
            j += 1
        if j > i:
            span = text[t.start : tokens[j].end]
            out.append(
                Token(
                    MALFORMED,
                    t.start,
                    tokens[j].end,
                    span,
                    reason="siffergrupper av fel längd (tusentalsavgränsning?)",
                )
            )
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out


# A row's code: a project, account or case number standing in a label column
# (``1234``, ``P-12``, ``KS-0123``), an identifier and never a value.
_CODE = re.compile(r"^(?:\d{2,8}|[A-ZÅÄÖ]{1,4}-?\d{1,6})$")


def code_columns(rows: list[list[str]]) -> set[int]:
    """The columns of ``rows`` (label cells) that hold each row's own code: filled in
    at least two rows of three, every filled cell a code, no two alike (``1238`` /
    ``1239`` / ``1240``). A row that leaves such a cell empty has no code (``Summa``) —
    it never takes the code of the row above, as a grouping column's empty cells take
    their group's name (``0`` over ``Kvinnor`` and ``Män``: filled in one row of two)."""
    out: set[int] = set()
    width = max((len(r) for r in rows), default=0)
    labelled = sum(any(t.strip() for t in r) for r in rows)
    for j in range(width):
        filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        often = len(filled) >= 2 and len(filled) * 3 >= labelled * 2
        if often and len(set(filled)) == len(filled) and all(_CODE.match(t) for t in filled):
            out.add(j)
    return out


# --------------------------------------------------------------------------------------
# Reading a cell
# --------------------------------------------------------------------------------------


@_filled_at_once
@dataclass(frozen=True)
class Quantity:
    """A value printed in a cell, with everything the cell says about it."""

    value: float
    value_high: float | None = None
    unit: str = ""  # normalised unit printed with the number, '' if none
    unit_text: str = ""  # the unit as printed
    qualifier: str = ""  # 'ca', 'drygt', '<', 'av 5' …
    category: str = ""  # 'IFO', 'LSS', 'FH/SoL' …
    entity: str = ""  # 'Linköping', 'R9' …
    period: str = ""  # 'Augusti 2023' …
    value_kind: str = ""  # 'prognos' when the cell says "Prognos 376,6"
    year: int | None = None  # a year the cell itself assigns ("2021 5,2 mnkr")
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Skip:
    """A numeric token that produced no value, and why."""

    text: str
    reason: str
    severity: str  # 'info' (not a value, by rule) or 'warning' (could not be read)
    start: int = 0


@dataclass
class Reading:
    quantities: list[Quantity] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # year references left unassigned
    no_data: bool = False


_ABBREV = re.compile(
    r"^(?=(?:.*[A-ZÅÄÖ]){2})[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*(?:\s?/\s?[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*)*$"
)
_PERIOD_PREFIX = re.compile(
    rf"(?P<period>(?:{_MONTH_RE})\.?(?:\s*[-–]\s*(?:{_MONTH_RE})\.?)?(?:\s(?:19|20)\d\d)?)\s*:\s*$",
    re.IGNORECASE,
)
_NAME_PREFIX = re.compile(
    r"(?P<name>[A-ZÅÄÖ][\wÅÄÖåäö]*(?:\s?/\s?[A-ZÅÄÖ][\wÅÄÖåäö]*)?)\s*(?P<colon>:)?\s*$"
)
_QUALIFIER_SUFFIX = re.compile(
    r"(?P<q>ca\.?|c:a|cirka|circa|ungefär|omkring|drygt|knappt|nästan|minst|högst|max|över"
    r"|(?:mer|fler|färre|mindre) än|[<>≤≥~≈])\s*$",
    re.IGNORECASE,
)
QUALIFIER_BEFORE = _QUALIFIER_SUFFIX  #: a qualifier ending the text before a number: ``minst``
_QUALIFIER_LONGEST = len("mindre än")  # the longest a qualifier can be (spaces after it aside)


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_BLANKS = re.compile(r"[ \t]+")
_WS = re.compile(r"\s+")


def strip_tags(text: str) -> str:
    """Remove HTML tags (``<b>``, ``<br>``, ``<p>``) a converter left; a tag is a space."""
    if "<" not in text:
        return text
    return _BLANKS.sub(" ", _TAG.sub(" ", text)).strip()


# what a marker begins with, in either case: a text that lower() makes a marker begins
# with one of these (İ, which lower() makes an i and a combining dot, makes none)
_NO_DATA_FIRST = "".join(sorted({c for m in NO_DATA_MARKERS for c in (m[0], m[0].upper())}))


def is_no_data(text: str) -> bool:
    """``-``, ``i u``, ``i.u``, ``IU``, ``..`` or empty: the cell says there is no value."""
    u = text.strip().strip("*")
    if u and u[0] not in _NO_DATA_FIRST:  # no marker begins so: most cells, at once
        return False
    if len(u) > 4 and len(u[:5].split()) == 1:  # five characters, no space: longer than any
        return False
    t = _WS.sub(" ", u).lower()
    return t == "" or t in NO_DATA_MARKERS or t == "iu"


def read_cell(text: str, *, require_unit: bool = False) -> Reading:
    """Read every value a cell prints, e.g.

    * ``"1 801"`` -> 1801
    * ``"Ca 0,5 mnkr"`` -> 0.5 mnkr, qualifier ``ca``
    * ``"0,5-1 mnkr"`` -> 0.5 to 1 mnkr
    * ``"IFO 1 201"`` -> 1201, category ``IFO``
    * ``"Linköping: 761 kr/inv R9: 1063kr/inv"`` -> two values, entities Linköping and R9
    * ``"2021 5,2 mnkr 2022 17 mnkr"`` -> 5.2 (year 2021) and 17 (year 2022)

    Tokens that are no value (years as references, dates, diarienummer) and tokens
    that cannot be read are returned in ``skipped`` with the reason.

    ``require_unit`` (for running text) keeps only values printed with a unit; a bare
    number in a sentence ("Bilaga 2", "§ 22") is no observation.
    """
    r = reading_of(text, require_unit=require_unit)
    return Reading(list(r.quantities), list(r.skipped), list(r.years), r.no_data)


def reading_of(text: str, *, require_unit: bool = False) -> Reading:
    """``read_cell`` for the package's own code, which only looks at the reading: the
    same object for the same text within a document, never to be changed."""
    return (_read_unit_kept if require_unit else _read_kept)(text)


def reading_with_units(text: str, units: tuple[tuple[int, str], ...]) -> Reading:
    """``reading_of(text, require_unit=True)`` where the numbers starting at the given
    offsets take the given unit (their sentence names it elsewhere: ``Antalet vårddygn
    var 82 999``, ``37 ensamkommande mot budgeterade 46``): kept as values with it, and
    the years assigned among the values so kept, as for units printed after them."""
    return _read(text, require_unit=True, supplied=dict(units))


@per_document
def _read_kept(text: str) -> Reading:
    # a cell's text recurs within a document: ``0``, ``-``, the same figure in two tables
    return _read(text, require_unit=False)


@per_document
def _read_unit_kept(text: str) -> Reading:
    return _read(text, require_unit=True)


def _read(text: str, *, require_unit: bool, supplied: dict[int, str] | None = None) -> Reading:
    reading = Reading()
    text = strip_tags(text)
    if is_no_data(text):
        reading.no_data = True
        return reading
    found = tokens(text)
    quantities: list[Quantity] = []
    years: list[Token] = []
    prev_end = 0
    for tok in found:
        if tok.kind == VALUE and (
            tok.start < prev_end or _PER_BEFORE.search(text, max(0, tok.start - 12), tok.start)
        ):
            # the base of a rate ("4,5 per 1 000 invånare", "beräknad per 1 000 invånare")
            reading.skipped.append(Skip(tok.text, DENOMINATOR, "info", tok.start))
        elif tok.kind == VALUE:
            quantities.append(_quantity(text, tok, prev_end))
            prev_end = quantities[-1].end
        elif tok.kind == YEAR:
            years.append(tok)
        elif tok.kind == MALFORMED:
            reading.skipped.append(Skip(tok.text, tok.reason, "warning", tok.start))
        else:
            reading.skipped.append(Skip(tok.text, NOT_A_VALUE_REASONS[tok.kind], "info", tok.start))

    # A bare year that is the whole value of the cell ("2061" in a count column,
    # "IFO 2080") is a value, not a reference.
    if not quantities and len(years) == 1:
        y = years[0]
        rest = (text[: y.start] + text[y.end :]).strip()
        if rest == "" or _ABBREV.match(rest.rstrip(":").strip()):
            quantities.append(
                _quantity(text, Token(VALUE, y.start, y.end, y.text, value=y.value), 0)
            )
            years = []

    if supplied:
        quantities = [
            Quantity(**{**q.__dict__, "unit": supplied[q.start]}) if q.start in supplied else q
            for q in quantities
        ]
    quantities = _between(text, quantities)
    # an amount per a unit the vocabulary has no name for ("550 tkr per individ") is no
    # amount of its currency: reported, never read as one
    # (a sentence may say what per apart from the unit: PER_OTHER + ":" + the base word)
    for q in [q for q in quantities if q.unit.startswith(_units.PER_OTHER)]:
        base = q.unit.partition(":")[2] or re.split(r"/|\bper\b", q.unit_text, maxsplit=1)[-1]
        reading.skipped.append(
            Skip(q.text, PER_OTHER_REASON.format(base.strip()), "warning", q.start)
        )
    quantities = [q for q in quantities if not q.unit.startswith(_units.PER_OTHER)]
    every = quantities
    if require_unit:
        quantities = [q for q in quantities if q.unit]
    # a year a value is compared with or counted from ("jämfört med 2022", "sedan 2016",
    # "högre än för samma period 2022", "från 2022 till 2023") dates no value here
    if years and _COMPARISON_WORD.search(text.lower()):
        compared = [y for y in years if _compared(text, y)]
        years = [y for y in years if y not in compared]
        # the value printed in brackets right after the year compared with is that
        # year's: "fler deltagare (541 st) än 2024 (446 st)"
        bracketed = _bracketed_after(text, every, compared)
        if bracketed:
            every = [bracketed.get(id(q), q) for q in every]
            quantities = [bracketed.get(id(q), q) for q in quantities]
            dating = {b.year for b in bracketed.values()}
            compared = [y for y in compared if y.year not in dating]
        for y in compared:
            reading.skipped.append(Skip(y.text, COMPARED_YEAR, "info", y.start))
    # a year that belongs to a period prefix ("Augusti 2023: 53 %") is used up by it
    years = [
        y
        for y in years
        if not any(q.period and q.start > y.start and y.end <= q.start for q in quantities)
    ]
    if quantities and _SIGN_APART.fullmatch(text, 0, quantities[0].start):
        reading.skipped.append(
            Skip(
                text[: quantities[0].end].strip(),
                "tecken skilt från talet: oklart om minus",
                "warning",
            )
        )
        quantities = quantities[1:]
    if len(every) > len(quantities) and require_unit:
        # the years go to the numbers they stand nearest, values or not: "ökade med 12
        # procent jämfört med 1 300 år 2021" — 2021 is the 1 300's, never the 12 %'s
        pool = [q for q in every if not q.unit or q in quantities]
        pool, years = _assign_years(text, pool, years)
        quantities = [q for q in pool if q.unit]
    else:
        quantities, years = _assign_years(text, quantities, years)
    for y in years:
        reading.skipped.append(Skip(y.text, NOT_A_VALUE_REASONS[YEAR], "info", y.start))
        if y.year is not None:  # always, for a YEAR token
            reading.years.append(y.year)
    reading.quantities = quantities
    return reading


_SIGN_APART = re.compile(rf"\s*{_MINUS_CLASS}\s+")  # a sign set apart before the first value
# The words that compare a value with another, a year or an amount (``jämfört med 2022``,
# ``lägre än budget``, ``i jämförelse med``, ``jmf med``, ``mot``, ``samma nivå som``):
# said once here for the three questions asked of them — is a year the base of a
# comparison (:func:`_compared`), what times does a sentence name of its own once those
# years are set aside (:func:`without_compared_years`), does a sentence compare at all
# (``prose._COMPARES``)
COMPARING = (
    r"jämfört(?:\s+(?:med|mot))?|(?:i\s+)?jämförelse(?:\s+med)?|att\s+jämföra\s+med|"
    r"jmf\.?(?:\s*med)?|jfr\.?(?:\s*med)?|än|samma\s+(?:\w+\s+)?som|lika\s+\w+\s+som|"
    # "mot", not where it says which way things go ("går mot ett underskott")
    r"(?<!går\s)(?<!gå\s)(?<!gick\s)(?<!pekar\s)(?<!pekade\s)(?<!tyder\s)mot"
)
# the words of a comparison or a span (and sedan, från), in a lower-cased text: where none
# stands, no year is compared (_compared needs one)
_COMPARISON_WORD = _units.needs_one_of(
    "jämf", "jmf", "jfr", "än", "mot", "amma", "ka", "edan", "från"
)
_COMPARED_BEFORE = re.compile(
    rf"(?<![\wåäö])(?:{COMPARING}|sedan)\s+"
    r"(?:(?:under|för|i|år|helår(?:et)?|samma|motsvarande|period(?:en)?|slutet|början|"
    r"utgången|av|året|hela|bokslut(?:et)?|utfall(?:et)?|budget(?:en)?|prognos(?:en)?)\s+){0,4}$",
    re.IGNORECASE,
)
_SPAN_FROM = re.compile(r"\bfrån\s+(?:år\s+)?$", re.IGNORECASE)
_SPAN_TO = re.compile(r"\s+till\s+(?:år\s+)?(?:19|20)\d\d(?!\d)", re.IGNORECASE)
_SPAN_TO_BEFORE = re.compile(
    r"\bfrån\s+(?:år\s+)?(?:19|20)\d\d\s+till\s+(?:år\s+)?$", re.IGNORECASE
)


_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def _bracketed_after(
    text: str, quantities: list[Quantity], years: list[Token]
) -> dict[int, Quantity]:
    """``{id(q): q dated}`` for each undated value that opens a bracket right after one
    of ``years`` (``än 2024 (446 st)``)."""
    out: dict[int, Quantity] = {}
    for y in years:
        for q in quantities:
            if q.year is None and _OPEN_BRACKET.fullmatch(text, y.end, q.start):
                out[id(q)] = Quantity(**{**q.__dict__, "year": y.year})
    return out


def without_compared_years(text: str) -> str:
    """``text`` without each year it compares with and the words that compare it
    (``jämfört med 2022``, ``lägre än för samma period 2022``, ``sedan 2019``): what is
    left names the times that are the text's own."""
    if not _COMPARISON_WORD.search(text.lower()):
        return text
    parts, pos = [], 0
    for t in tokens(text):
        if t.kind != YEAR or t.start < pos:
            continue
        start = max(pos, t.start - 60)
        m = _COMPARED_BEFORE.search(text[start : t.start])
        if m is None:
            continue
        parts.append(text[pos : start + m.start()])
        pos = t.end
    return " ".join([*parts, text[pos:]]) if parts else text


def _compared(text: str, y: Token) -> bool:
    """A year that is the base of a comparison or one end of a span of years: after
    ``jämfört med``, ``sedan``, ``än`` (a few words such as ``samma period`` between), or
    ``från 2022 till 2023``."""
    before = text[max(0, y.start - 60) : y.start]
    if _COMPARED_BEFORE.search(before):
        return True
    if _SPAN_FROM.search(before) and _SPAN_TO.match(text, y.end):
        return True
    return bool(_SPAN_TO_BEFORE.search(text[max(0, y.start - 40) : y.start]))


def _quantity(text: str, tok: Token, prev_end: int) -> Quantity:
    unit, unit_text, end = "", "", tok.end
    hit = _units.unit_after(text, tok.end)
    if hit:
        unit, end, unit_text = hit
    # markers glued on the right ("119%*") end the quantity
    while end < len(text) and text[end] in "*" + SUPERSCRIPTS:
        end += 1
    before = text[prev_end : tok.start]
    qualifier = ""
    # a qualifier is at most nine characters ("mindre än") before the spaces at the end
    qm = _QUALIFIER_SUFFIX.search(before, max(0, len(before.rstrip()) - _QUALIFIER_LONGEST))
    if qm:
        qualifier = QUALIFIERS[qm.group("q").lower()]
        before = before[: qm.start()]
    if tok.denominator is not None:
        qualifier = (qualifier + " " if qualifier else "") + f"av {format_sv(tok.denominator)}"
    category = entity = period = value_kind = ""
    year: int | None = None
    # a period prefix ends in a colon ("Augusti 2023: 53 %")
    pm = _PERIOD_PREFIX.search(before) if before.rstrip().endswith(":") else None
    if pm:
        period = _WS.sub(" ", pm.group("period")).strip()
        ym = _YEAR_IN.search(period)
        if ym:
            year = int(ym.group(0))
    else:
        nm = _NAME_PREFIX.search(before)
        if nm:
            name = re.sub(r"\s*/\s*", "/", nm.group("name"))
            preceding = before[: nm.start()].strip()
            standalone = (
                preceding == ""
                or preceding.endswith((")", ",", ";"))
                or bool(re.search(r"\d\s*\S*$", preceding))
            )
            if name.lower() in VALUE_KIND_WORDS and not nm.group("colon"):
                value_kind = VALUE_KIND_WORDS[name.lower()]
            elif _ABBREV.match(name) and standalone:
                category = name
            elif nm.group("colon") and standalone:
                entity = name
    return Quantity(
        value=tok.value if tok.value is not None else float("nan"),
        value_high=tok.value_high,
        unit=unit,
        unit_text=unit_text,
        qualifier=qualifier,
        category=category,
        entity=entity,
        period=period,
        value_kind=value_kind,
        year=year,
        text=text[tok.start : end],
        start=tok.start,
        end=end,
    )


_BETWEEN = re.compile(r"(?<![\wåäö])mellan\s+$", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+(?:och|till|upp\s+till)\s+", re.IGNORECASE)


def _between(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """``mellan 6 upp till 16 tkr/dygn``, ``mellan 5 och 10 mnkr``: a range, as ``6-16
    tkr/dygn`` (the bare low bound takes the high bound's unit)."""
    if len(quantities) < 2 or "ellan" not in text:
        return quantities
    out: list[Quantity] = []
    i = 0
    while i < len(quantities):
        low = quantities[i]
        high = quantities[i + 1] if i + 1 < len(quantities) else None
        if (
            high is not None
            and not low.unit
            and high.unit
            and low.value_high is None
            and high.value_high is None
            and low.value < high.value
            and _BETWEEN.search(text, max(0, low.start - 10), low.start)
            and _BETWEEN_AND.fullmatch(text, low.end, high.start)
        ):
            out.append(
                Quantity(
                    **{
                        **high.__dict__,
                        "value": low.value,
                        "value_high": high.value,
                        "qualifier": low.qualifier or high.qualifier,
                        "text": text[low.start : high.end],
                        "start": low.start,
                    }
                )
            )
            i += 2
            continue
        out.append(low)
        i += 1
    return out


# a comma before a word, a semicolon, a colon or a dash apart: clauses apart (a decimal
# comma stands between digits)
_CLAUSE_APART = re.compile(r",\s|[;:]|\s[-–]\s")


def _text_between(text: str, q: Quantity, y: Token) -> str:
    """The text between the value ``q`` and the year ``y``, whichever comes first."""
    return text[q.end : y.start] if q.end <= y.start else text[y.end : q.start]


def _assign_years(
    text: str, quantities: list[Quantity], years: list[Token]
) -> tuple[list[Quantity], list[Token]]:
    """Give each year reference in a cell to the value it dates, where that is unambiguous.

    ``2021 5,2 mnkr 2022 17 mnkr`` and ``0,5 mnkr 2021, 2 mnkr 2022`` pair in order
    (the first token tells whether years lead or follow). One year and several
    values: the nearest value takes it. Anything else is left unassigned.
    """
    if not years or not quantities:
        return quantities, years
    free = [q for q in quantities if q.year is None]
    if not free:
        return quantities, years
    assigned: dict[int, int | None] = {}  # quantity index -> year (a YEAR token's, set)
    used: set[int] = set()
    if len(years) == len(free) and len(free) > 1:
        for q, y in zip(free, years, strict=True):
            assigned[quantities.index(q)] = y.year
        used = set(range(len(years)))
    elif len(years) == 1:
        y = years[0]
        # the nearest value of the year's own clause: "6 000 barn var placerade under
        # 2021, vilket är 2 300 färre" — 2021 is the 6 000's, not the 2 300's after the
        # comma, however near
        own = [q for q in free if not _CLAUSE_APART.search(_text_between(text, q, y))]
        best = min(own or free, key=lambda q: min(abs(q.start - y.end), abs(y.start - q.end)))
        assigned[quantities.index(best)] = y.year
        used = {0}
    elif len(years) == len(free):  # one and one
        assigned[quantities.index(free[0])] = years[0].year
        used = {0}
    if not assigned and len(years) > 1:
        assigned, used = _leading_years(text, quantities, years)
    out = [
        q if i not in assigned else Quantity(**{**q.__dict__, "year": assigned[i]})
        for i, q in enumerate(quantities)
    ]
    return out, [y for i, y in enumerate(years) if i not in used]


# a year that opens its clause as its time, a verb and at most two words before the value:
# "År 2014 fick 28 700 barn …", "Under 2014 var drygt 22 300 barn …"
_TIME_OPENS = re.compile(r"(?:^|[\s(])(?:år|under(?:\s+år)?)\s+$", re.IGNORECASE)
_VERB_THEN = re.compile(r"\s+(?:[^\W\d_]+\s+){1,3}")


def _leading_years(
    text: str, quantities: list[Quantity], years: list[Token]
) -> tuple[dict[int, int | None], set[int]]:
    """Where several years leave the values of a text undated, each value a year opens
    the clause of (``År 2014 fick 28 700 barn``) takes it: ``(assigned, used)`` as in
    :func:`_assign_years`."""
    assigned: dict[int, int | None] = {}
    used: set[int] = set()
    for k, y in enumerate(years):
        if not _TIME_OPENS.search(text, max(0, y.start - 12), y.start):
            continue
        for i, q in enumerate(quantities):
            if q.year is None and i not in assigned and _VERB_THEN.fullmatch(text, y.end, q.start):
                assigned[i] = y.year
                used.add(k)
                break
    return assigned, used
