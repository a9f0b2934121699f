"""What labels say: clean text, footnote markers, and the year, period, value kind
and unit stated in a column header, row label or caption."""

from __future__ import annotations

import html
import re

from .memo import per_document
from .numparse import _MONTH_RE, MONTHS, SUPERSCRIPTS, strip_tags
from .units import needs_one_of, unit_in_label

_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPTS}]+")
_MD_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")


_MARKUP_CHARS = re.compile(r"[<*&\\]")
_BR_AFTER_HYPHEN = re.compile(r"-\s*<br\s*/?>\s*", re.IGNORECASE)
_WS = re.compile(r"\s+")


@per_document
def clean(text: str) -> str:
    """Cell text without markup: HTML entities decoded (once), then HTML tags (``<b>``,
    ``<br>``, ``<p>``), markdown ``**bold**`` and escaped pipes taken away; whitespace
    collapsed. Footnote markers stay. Decoding first means no tag comes out of it, however
    often it is applied (``&amp;lt;img onerror=…&amp;gt;`` is the text ``&lt;img
    onerror=…&gt;``). Apply it once: a second pass decodes what the document printed as
    text (``label_of_clean`` takes a text already cleaned). The result is text, escaped
    wherever it meets HTML or Markdown (``report.present.say``, ``table_html``)."""
    if not text:
        return ""
    if not _MARKUP_CHARS.search(text):  # no markup to take away: only the whitespace
        return " ".join(text.split())  # the same as _WS.sub(" ", text).strip(), sooner
    s = html.unescape(text).replace("\\|", "|")
    s = _BR_AFTER_HYPHEN.sub("-", s)  # "jan-<br>aug" is "jan-aug"
    s = strip_tags(s)
    s = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), s)
    return " ".join(s.split())


def footnote_markers(text: str) -> list[str]:
    """The superscript footnote markers in a label (``'¹⁰'``)."""
    return _SUPERSCRIPT_RUN.findall(text)


def label_text(text: str) -> str:
    """A label as it should read in the data: markup, footnote markers and leading
    ``*`` (a footnote star) removed."""
    return label_of_clean(clean(text))


@per_document
def label_of_clean(text: str) -> str:
    """``label_text`` of a text ``clean`` has already made: cleaning is applied once,
    since a second pass would decode the entities a document printed as text
    (``&amp;lt;img&amp;gt;`` is the text ``&lt;img&gt;``, not a tag to take away)."""
    s = _SUPERSCRIPT_RUN.sub("", text)
    if "*" in s:
        s = _EDGE_STARS.sub("", s)
    if "19" in s or "20" in s:
        s = _GLUED_YEAR.sub(" ", s)  # "Utfall2013": the extraction glued two cells' words
    if _LOWER_BEFORE_CAPS.search(s) and _SMALL_CAPS.search(s):
        s = _SMALL_CAPS.sub(lambda m: m.group(0).upper(), s)
    return " ".join(s.split())


def continues_above(text: str) -> bool:
    """A label line that goes on from the line above: it begins in lower case or with
    ``(`` (``någon gång under året``, ``(SoL och/eller LVU)``, ``ledning och styrning``)."""
    return text[:1].islower() or text.startswith("(")


_EDGE_STARS = re.compile(r"^\*+\s*|\s*\*+$")
_GLUED_YEAR = re.compile(r"(?<=[a-zåäö])(?=(?:19|20)\d\d(?!\d))")
# a word set in small capitals that the extraction gave one lower-case letter (not its
# last, as in "IFOs"): "TOTaLT", "dRIFT"
_SMALL_CAPS = re.compile(
    r"(?<![\wåäöÅÄÖ])(?=[\wåäöÅÄÖ]{4,}(?![\wåäöÅÄÖ]))"
    r"[A-ZÅÄÖ]*[a-zåäö][A-ZÅÄÖ]{2,}(?![\wåäöÅÄÖ])"
)
_LOWER_BEFORE_CAPS = re.compile(r"[a-zåäö][A-ZÅÄÖ]{2}")  # what any such word holds: found sooner


# --------------------------------------------------------------------------------------
# Years and periods
# --------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?!\d)")
# three to five capitals glued to the year's digits, a word of their own before them: a
# code and its version (``SNI2007_Grupp_namn``, ``SSYK2012``, ``KPI2020``), not the
# figures' year; two (``HT2019``, ``VT2020``, ``BU2024``) are a term or an abbreviation
# with its year, a word in lower case (``Utfall2013``) two cells glued, and so is a
# word of a heading set in capitals (``BUDGET2024``, ``PLAN2025``)
_CODE_BEFORE = re.compile(r"(?<![\wåäöÅÄÖ])(?!(?:PLAN|BUDG?|UTF|PROGN?|BOKS)$)[A-ZÅÄÖ]{3,5}$")
_MONTH_YY = re.compile(
    rf"(?<![\w])(?P<m>{_MONTH_RE})\.?\s?[-–]\s?(?P<yy>\d\d)(?!\d)", re.IGNORECASE
)
_MONTH_RANGE = re.compile(
    rf"(?<![\w])(?P<a>{_MONTH_RE})\.?\s*[-–]\s*(?P<b>{_MONTH_RE})(?![\wåäö])", re.IGNORECASE
)
_UP_TO_MONTH = re.compile(
    rf"(?:per\s+(?:den\s+)?\d{{1,2}}\s+|t\.?\s?o\.?\s?m\.?\s+|tom\s+|ack\.?(?:\s+\w+)*\s+|efter\s+|"
    rf"\d{{1,2}}/)(?P<m>{_MONTH_RE}|\d{{1,2}})(?![\wåäö])",
    re.IGNORECASE,
)
_WEEKS = re.compile(
    r"(?<![\w])v(?:ecka)?\.?\s?(\d{1,2})(?:\s?[-–]\s?(\d{1,2}))?(?!\d)", re.IGNORECASE
)
_MONTH_ONLY = re.compile(rf"^(?P<m>{_MONTH_RE})\.?$", re.IGNORECASE)
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w.isdigit():
        n = int(w)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(w)


def month_of(word: str) -> str:
    """The one month ``word`` names (``09``, ``9``, ``september``, ``sep.`` → ``sep``), or
    '' when it names none: a long export's ``Månad`` column."""
    m = _month_number(word.strip())
    return _MONTH_ABBR[m - 1] if m else ""


def months_to(word: str) -> str:
    """The months from January to the month ``word`` names (``augusti``, ``aug.``, ``8``
    → ``jan-aug``; ``januari`` → ``jan``), or '' when it names none."""
    m = _month_number(word)
    if not m:
        return ""
    return "jan" if m == 1 else f"jan-{_MONTH_ABBR[m - 1]}"


# a statistics export's period code as a whole label: ``200701`` (year and month or
# quarter, as a number), ``2007K1`` / ``2007Q1`` (quarter), ``2007M01`` (month)
# (footnote stars after it: ``201001**``, a series restarted under a new definition)
PERIOD_CODE = re.compile(r"^((?:19|20)\d\d)(?:0[1-9]|1[0-2])\**$")
_QUARTER_CODE = re.compile(r"^(?:19|20)\d\d\s?[KkQq]([1-4])$")
_MONTH_CODE = re.compile(r"^(?:19|20)\d\d\s?M(0[1-9]|1[0-2])$")


def years_in(text: str) -> list[int]:
    """The distinct years a label states, in order (``dec-14`` is 2014; a period code
    ``200701`` is 2007)."""
    code = PERIOD_CODE.match(text.strip())
    if code:
        return [int(code.group(1))]
    found: list[int] = []
    stripped = text
    if "-" in text or "\u2013" in text:  # a month and its year's two digits: "dec-14"
        for m in _MONTH_YY.finditer(text):
            found.append(2000 + int(m.group("yy")))
        stripped = _MONTH_YY.sub(" ", text)
    if "19" in stripped or "20" in stripped:
        for m in _YEAR.finditer(stripped):
            # (a code's capitals end right before the year, or before a newline there)
            if _CODE_BEFORE.search(stripped, max(0, m.start() - 6), m.start()):
                continue  # "SNI2007", "SSYK2012", "KPI2020": a classification's name, no year
            found.append(int(m.group(1)))
    out: list[int] = []
    for y in found:
        if y not in out:
            out.append(y)
    return out


def year_of(text: str) -> int | None:
    """The one year a label states, or None when it states none or several."""
    ys = years_in(text)
    return ys[0] if len(ys) == 1 else None


_PART_OF_YEAR = re.compile(
    r"^(?:(?P<term>vt|ht)\s?'?(?:\d{2}|(?:19|20)\d{2})?"
    r"|(?:kv(?:artal)?\.?|q)\s?(?P<q>[1-4])(?:\s+'?(?:\d{2}|(?:19|20)\d{2}))?"
    r"|(?:t|tertial)\s?(?P<t>[1-3])(?:\s+'?(?:\d{2}|(?:19|20)\d{2}))?)$",
    re.IGNORECASE,
)


def period_of(text: str) -> str:
    """The period a label states, normalised: ``jan-aug``, ``helår``, ``dec``,
    ``v 36-38``, ``2022-2023``, ``perioden``; '' when none."""
    t = clean(text)
    # each ignore-case search below only where the text holds what its match needs: a
    # dash between months or before a year's two digits, "helår", a v for a week
    low, dash = t.lower(), "-" in t or "\u2013" in t
    m = _MONTH_RANGE.search(t) if dash else None
    if m:
        a, b = _month_number(m.group("a")), _month_number(m.group("b"))
        if a and b:
            return f"{_MONTH_ABBR[a - 1]}-{_MONTH_ABBR[b - 1]}"
    m = _UP_TO_MONTH.search(t)
    if m and (span := months_to(m.group("m"))):
        return span
    if "helår" in low:
        return "helår"
    m = _MONTH_YY.search(t) if dash else None
    if m and (month := _month_number(m.group("m"))):
        return _MONTH_ABBR[month - 1]
    m = _WEEKS.search(t) if "v" in low else None
    if m:
        return f"v {m.group(1)}-{m.group(2)}" if m.group(2) else f"v {m.group(1)}"
    last = t.split(" / ")[-1].strip()
    m = _QUARTER_CODE.match(last)
    if m:
        return f"kv {m.group(1)}"
    m = _MONTH_CODE.match(last)
    if m:
        return _MONTH_ABBR[int(m.group(1)) - 1]
    m = _MONTH_ONLY.match(last)
    if m and (month := _month_number(m.group("m"))):
        return _MONTH_ABBR[month - 1]
    m = _PART_OF_YEAR.match(last)
    if m:  # a sub-header under its year: a term, a quarter, a tertial
        term, quarter, tertial = m.group("term"), m.group("q"), m.group("t")
        if term:
            return term.lower()
        return f"kv {quarter}" if quarter else f"tertial {tertial}"
    ys = years_in(t)
    if len(ys) == 2 and re.search(r"(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d", t):
        return f"{ys[0]}-{ys[1]}"
    if "per" in low and _THE_PERIOD.search(t):
        return "perioden"
    return ""


# the report's period: "Periodens utfall", "Utfall perioden", "Resultat period",
# "Motsvarande period föregående år", a header "Period" over its columns (``Period /
# Utfall``) as "Helår" is over the year's
_THE_PERIOD = re.compile(r"\bperiod(?:en|ens)?\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# Value kinds
# --------------------------------------------------------------------------------------

# Each with the words (``units.needs_one_of``) of which any text it matches holds one,
# lower-cased: a kind is searched for only in a label that holds one of its words.
_VALUE_KINDS_AND_WORDS = (
    # also "Budgetavvikelse", and broken over two lines in a PDF cell ("Budgetav vikelse")
    (r"avvik|av\s+vikelser?\b", "avvikelse", "avv kel"),
    (r"\bförändring\b", "förändring", "förändr"),
    (r"\bförbr(?:\.|ukning)", "förbrukning", "förbr"),
    (r"kostnad\w*\s+för\s+(?:att\s+)?genomföra", "genomförandekostnad", "genomföra"),
    # the forecast before this one (``Fg prognos``, ``Fg`` / ``prognos``)
    (r"\b(?:fg|föreg(?:ående)?)\.?\s*(?:/\s*)?prognos", "föregående prognos", "progno"),
    (r"\bprognos|\bbedömning\b", "prognos", "progno bedömn"),
    (r"\bmålvärde", "målvärde", "målvärde"),
    (r"\bbokslut", "bokslut", "bok"),
    (r"\butfall|\bredovisning\b|\back\.?\b|\bresultat\b", "utfall", "utfall redov ack ultat"),
    (r"\bbudget|budget\b", "budget", "budget"),  # also "Årsbudget", "Helårsbudget"
    (r"\bplan\b", "plan", "plan"),
    (
        r"\beffekt(?:en|er|erna)?\b|\bkostnadsreducering|\bbesparing",
        "effekt",
        "effekt reducer par",  # effekt, kostnadsreducering, besparing
    ),
)
_VALUE_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), k) for p, k, _ in _VALUE_KINDS_AND_WORDS
)
_VALUE_KIND_WORDS = tuple(needs_one_of(*w.split()) for _, _, w in _VALUE_KINDS_AND_WORDS)
_ANY_VALUE_KIND_WORD = needs_one_of(
    *sorted({x for _, _, w in _VALUE_KINDS_AND_WORDS for x in w.split()})
)


@per_document
def value_kind_of(text: str) -> str:
    """What kind of figure a column holds: bokslut, budget, utfall, prognos, föregående
    prognos, avvikelse, plan, målvärde, effekt, förändring, förbrukning,
    genomförandekostnad; '' if unsaid."""
    low = text.lower()
    if not _ANY_VALUE_KIND_WORD.search(low):
        return ""  # most labels: none of the kinds' words
    for (pattern, kind), words in zip(_VALUE_KINDS, _VALUE_KIND_WORDS, strict=True):
        if words.search(low) and pattern.search(text):
            return kind
    return ""


#: Words of column headers that a narrow column breaks over two rows without a hyphen
#: (``Avvik`` / ``else``): the figures' kinds and periods.
HEADER_WORDS = frozenset({
    "avvikelse", "avvikelser", "budgetavvikelse", "prognosavvikelse", "prognos",
    "helårsprognos", "budget", "utfall", "bokslut", "förändring", "förbrukning",
    "ackumulerat", "ackumulerad", "helår", "period", "perioden", "periodens", "differens",
    "målvärde", "jämförelse",
})  # fmt: skip


def completes_word(before: str, after: str) -> bool:
    """``after`` (a header row's text) finishes the last word of ``before`` (the row
    above's) into a header word: ``Avvik`` + ``else``. Not ``Fg`` + ``prognos`` or
    ``Utfall`` + ``period``, which are two words."""
    if not before[-1:].isalpha() or not after[:1].islower() or " " in after.strip():
        return False
    return (before.rsplit(" ", 1)[-1] + after.strip()).lower() in HEADER_WORDS


#: Column headers that hold a time aspect rather than values ("Tidsaspekt").
_TIME_COLUMN = re.compile(
    r"^(?:tidsaspekt|tidplan|tidpunkt|period|när|tid|år|årtal|ar|year|genomförande\s?tid)$",
    re.IGNORECASE,
)


def is_time_column(label: str) -> bool:
    """A column that dates its row (``Tidsaspekt``, ``… / År``) — not a figure whose last
    header row says which period it covers (``Utfall / intäkter / period``)."""
    *above, last = label_of_clean(label).split(" / ")
    return bool(_TIME_COLUMN.match(last.strip())) and not any(value_kind_of(a) for a in above)


# --------------------------------------------------------------------------------------
# Sub-rows: "varav …", "- kvinnor", "Män"
# --------------------------------------------------------------------------------------

_SUB = re.compile(
    r"^(?:[-–]\s+|varav\b|därav\b|därover\b|därutöver\b|därtill\b|kommentar\s*:?$)", re.IGNORECASE
)
_SEX = re.compile(
    r"^(?:[-–]\s*)?(?:varav\s+|därav\s+|därover\s+)?(?:andel\s+)?"
    r"(?P<sex>flickor/kvinnor|pojkar/män|kvinnor/flickor|män/pojkar|kvinnor|män|flickor|pojkar)"
    r"\s*(?:\(.*\))?$",
    re.IGNORECASE,
)


def sub_row(label: str) -> tuple[bool, str, str]:
    """Whether a row label (a cell text ``clean`` has made) breaks down the row above
    it, its own label, and its sex.

    ``'- andel flickor/kvinnor'`` -> ``(True, 'andel flickor/kvinnor', 'K')``;
    ``'varav PM3/digitalisering'`` -> ``(True, 'varav PM3/digitalisering', '')``.
    """
    t = label_of_clean(label)
    m = _SEX.match(t)
    own = re.sub(r"^[-–]\s*", "", t)
    if m:
        s = m.group("sex").lower()
        return True, own, "K" if s.startswith(("kvinn", "flick")) else "M"
    if _SUB.match(t):
        return True, own, ""
    return False, t, ""


def unit_of(text: str) -> str:
    return unit_in_label(clean(text))
