"""A table's cells to observations: one record per value, with its labels.

The rules, in the order they apply:

1. **Header rows** are the leading rows without values (years and periods such as
   ``2018``, ``Utfall 2022``, ``jan-aug 2023`` are header text). A second header row
   starts with an empty cell. A header cell with blanks to its right spans them.
2. **Label columns** (the stub) are the leading cells before the first value in
   most rows. A row whose leading cells are empty continues the row above and takes
   its labels (``\\tLSS 481`` under ``Antal pågående ärenden …``).
3. A row with only a label is a **section** (``Åtgärder ffa för vuxna``); a row that
   looks like the header again **restarts the header** (page breaks, repeated blocks).
4. A row labelled ``varav …``, ``- kvinnor``, ``Män`` **breaks down** the row above:
   its label is the parent's plus its own, its sex is read, and its unit is the
   parent's unless the cell prints one.
5. Each value's **unit** comes from the cell, else the column header, else the row
   label, else the stub header or caption; its **year** from the cell, else the row (a
   time column, ``Tidsaspekt``, or a label that is a year), else the column header,
   else the stub header or a caption that names a reporting period or one year.

``interpret`` applies them in named steps, one after another; its docstring lists them
and which rule goes in which.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import islice, pairwise

from . import labels as L
from . import numparse as N
from . import prose as P
from .memo import per_document
from .model import Cell, Document, Table
from .structure import PATH_SEP, StructRow, allowance, find_totals, is_total_label, root
from .units import refine

OBSERVATION_COLUMNS = [
    "source",
    "doc_type",
    "municipality",
    "doc_year",
    "doc_period",
    "page",
    "sheet",
    "table_id",
    "table",
    "section",
    "row_label",
    "category",
    "entity",
    "sex",
    "column_label",
    "year",
    "year_source",
    "period",
    "value_kind",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "line",
    "cell_text",
    "footnote",
    # the table's structure (``structure``): the row's printed order, its path and
    # depth in the row tree, whether it is a total, which rows it sums, the header cells
    # over the value's column, and whether the row is the table's bottom line
    "row_order",
    "row_path",
    "level",
    "is_total",
    "total_of",
    "column_path",
    "is_root",
]
CELL_COLUMNS = [
    "source",
    "page",
    "sheet",
    "table_id",
    "table",
    "section",
    "row_label",
    "column_label",
    "line",
    "text",
]
REPORT_COLUMNS = [
    "source",
    "page",
    "sheet",
    "line",
    "table_id",
    "table",
    "row_label",
    "column_label",
    "cell_text",
    "token",
    "reason",
    "severity",
]
# the processed folder's documents frame (pipeline.documents_frame)
DOCUMENT_COLUMNS = [
    "source", "title", "doc_type", "municipality", "doc_year", "doc_period", "observations"
]  # fmt: skip

_SIGN_APART = re.compile(r"^\s*([-−–])\s+(?=\d)")
_SIGN_GLUED = re.compile(r"^\s*[-−–]\d")
MINUS_APART = (
    "minustecken skilt från talet, så som tabellen skriver alla negativa tal: läst som minus"
)
# a cell that holds a sign, a space and one number, nothing else ("- 6 279")
_LONE_SIGN_APART = re.compile(r"^\s*[-−–]\s+\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*$")
MINUS_IN_CELL = (
    "minustecken skilt från talet, i en egen cell, och radens egen räkning går ihop bara "
    "med minus: läst som minus"
)

# patterns asked of every cell or row, compiled once (not looked up in re's cache each time)
_YEAR_FIRST_DATE = re.compile(r"\d{4}-")
_DIGITS = re.compile(r"\d+")
_CODE_DIGITS = re.compile(r"\d{2,10}")
_CODE_ALONE = re.compile(r"\s*\d{1,6}\s*")
_WORD2 = re.compile(r"[A-Za-zÅÄÖåäö]{2,}")
_WORD3 = re.compile(r"[A-Za-zÅÄÖåäö]{3,}")
_ROW_YEAR = re.compile(r"(?:år\s+)?((?:19|20)\d\d)", re.I)
_SENTENCE_GOES_ON = re.compile(r"[a-zåäö)]\.\s+[A-ZÅÄÖ]")
_DECIMALS = re.compile(r"[,.](\d+)")
_SAYS_ANTAL = re.compile(r"\bantal", re.IGNORECASE)


def _one_value(text: str) -> float | None:
    reading = N.reading_of(text)
    return reading.quantities[0].value if len(reading.quantities) == 1 else None


def _minus_proven(text: str, others: list[str]) -> bool:
    """A sign apart in a cell of its own (``- 6 279`` among ``-6 827``) is a minus only
    where the row's own arithmetic proves it: two other values of the row with which the
    number, negative, makes a sum or difference (``Utfall − Budget = Återstår``: −6 279 +
    6 827 = 548) that it does not make positive, to the last printed digit."""
    v = _one_value(_SIGN_APART.sub(r"\1", text, count=1))
    if v is None or v == 0:
        return False
    vals = [x for x in (_one_value(t) for t in others if t.strip()) if x is not None]
    decimals = len(text.split(",")[1]) if "," in text else 0
    tol = 10**-decimals * 1.01

    def holds(a: float) -> bool:
        return any(
            min(abs(a - x - y), abs(a + x - y), abs(x - a - y)) <= tol
            for i, x in enumerate(vals)
            for k, y in enumerate(vals)
            if i != k
        )

    return holds(v) and not holds(-v)


def _minus_by_sum(texts: list[str], j: int) -> bool:
    """A sign apart in a cell of its own (``texts[j]``, ``- 6 000``) is a minus where the
    row sums to one of its values only with it: a value right after a run of three or
    more of the row's values holding the cell (a total column over the columns before
    it: −5 900 − 6 100 − 6 000 − 3 900 = −21 900) equals their sum, to the last printed
    digit, with every sign apart in the run read as a minus, and with any one of them
    read as a plus does not; and the number as a plus makes no sum or difference with
    two of the row's other values (``Utfall − Budget = Avvikelse`` would read it so).
    Cells that hold anything but one number break a run."""
    vals: list[float | None] = []
    apart: list[bool] = []
    decimals = 0
    for t in texts:
        lone = bool(_LONE_SIGN_APART.match(t))
        v = _one_value(_SIGN_APART.sub(r"\1", t, count=1) if lone else t) if t.strip() else None
        vals.append(v)
        apart.append(lone)
        if "," in t:
            decimals = max(decimals, len(t.rsplit(",", 1)[1].strip()))
    tol = 10**-decimals * 0.51
    own = vals[j]
    a = -own if own is not None else None  # the number as a plus
    known = [v for m, v in enumerate(vals) if m != j and v is not None and not apart[m]]
    if a is None or any(
        min(abs(a - x - y), abs(a + x - y), abs(x - a - y)) <= tol
        for i, x in enumerate(known)
        for k, y in enumerate(known)
        if i != k
    ):
        return False
    for end in range(j + 1, len(vals)):
        total = vals[end]
        if total is None:
            continue
        for start in range(j, -1, -1):
            run = range(start, end)
            if any(vals[m] is None for m in run):
                break
            if len(run) < 3:
                continue
            s = sum(vals[m] for m in run)  # type: ignore[misc]
            if abs(s - total) <= tol and all(
                abs(s - 2 * vals[m] - total) > tol  # type: ignore[operator]
                for m in run
                if apart[m]
            ):
                return True
    return False


_PROSE_WORDS = 25  # a cell with more words than this (besides its numbers) is running text
# a month of a year as a long export writes it, "2011-12" (numparse reads it as a range
# of years where it can be one)
_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])")
_HEADER_TOKEN_KINDS = {
    N.YEAR,
    N.YEAR_RANGE,
    N.WEEK,
    N.QUARTER,
    N.MONTH,
    N.AGE_RANGE,
    N.INDEX_BASE,
}
# a percent sign glued to a number in a caption is that number's unit, never the table's
# ("Prognosrapport BUN Riktpunkt 33,3%": the share of the year passed, over amounts)
_OWN_PERCENT = re.compile(r"\d\s?%")
_CAPTION_PERIOD = re.compile(
    r"resultat|prognos|budget|utfall|bokslut|delår|helår|beläggning|redovisning",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Column:
    label: str = ""
    year: int | None = None
    period: str = ""
    value_kind: str = ""
    unit: str = ""
    is_time: bool = False

    @classmethod
    def from_label(cls, label: str) -> Column:
        return _column_of(label)


@per_document
def _column_of(label: str) -> Column:
    # a header repeats on every page of a long table, a label in every table
    return Column(
        label=label,
        year=L.year_of(label),
        period=L.period_of(label),
        value_kind=L.value_kind_of(label),
        unit=L.unit_of(label),
        is_time=L.is_time_column(label),
    )


@per_document
def _has_value(text: str) -> bool:
    return any(t.kind == N.VALUE for t in N.tokens(N.strip_tags(text)))


# a part of a year as a sub-header under it: terms, quarters, tertials
_SUB_PERIOD = re.compile(
    r"^(?:vt|ht)\s?'?(?:\d{2}|(?:19|20)\d{2})$"
    r"|^(?:kv(?:artal)?\.?|q|t|tertial)\s?[1-4](?:\s+'?(?:\d{2}|(?:19|20)\d{2}))?$"
    r"|^[1-4]:?[ae]\s+(?:kvartalet|tertialet)$",
    re.IGNORECASE,
)


@per_document
def _header_cell(text: str) -> bool:
    """Short text whose numbers are only years, periods or weeks (also ``VT 18``,
    ``HT 2019``, ``Kv 3``, ``T2``: parts of a year)."""
    t = L.clean(text)
    if not t or len(t) > 100 or len(t.split()) > 12:
        return False
    if _SUB_PERIOD.match(t.strip()):
        return True
    return all(
        tok.kind in _HEADER_TOKEN_KINDS
        or (tok.kind == N.DATE and not _YEAR_FIRST_DATE.match(tok.text))
        for tok in N.tokens(t)
    )


def _header_like(texts: list[str]) -> bool:
    return all(_header_cell(t) for t in texts[1:] if t.strip())


def _headerish(text: str) -> bool:
    """A cell that names a measure: a year, a value kind, a unit, a date word."""
    t = L.clean(text)
    return bool(
        L.years_in(t)
        or L.value_kind_of(t)
        or L.unit_of(t)
        or L.period_of(t)
        or re.search(r"datum|nummer|status|riktning|antal|belopp|tidsaspekt|kommentar", t, re.I)
    )


def _strip_digits(text: str) -> str:
    return _DIGITS.sub("", L.label_of_clean(text)).strip().lower()


def header_count(table: Table, texts: list[list[str]]) -> int:
    """How many leading rows are the header."""
    if not texts:
        return 0
    n = table.header_rows if table.header_rows is not None else 0
    if table.header_rows is None:
        if (
            (_header_like(texts[0]) and not _has_value_row(texts[0][1:]))
            or _period_codes(texts[0])
            or _numbered_names(texts)
        ):
            n = 1
        else:
            return 0
    caption_only = n >= 1 and not any(t.strip() for t in texts[n - 1][1:])
    while n < len(texts):
        row = texts[n]
        if n >= 1 and _names_row(texts, n):
            return n + 1
        filled = [t for t in row[1:] if t.strip()]
        if not filled or not _header_like(row) or _has_value_row(row[1:]):
            break
        if (
            row[0].strip()
            and not caption_only
            and not _under_groups(texts, n)
            and not _stub_goes_on(texts, n)
        ):
            break
        if len(filled) < 2 and not caption_only and not _goes_on_above(texts, n):
            break
        caption_only = False
        n += 1
    return n


_POINT_NUMBER = re.compile(r"^[-−]?\d+\.\d+$")
# an interval of such numbers, maybe with a marker after it (Folkhälsomyndigheten's
# confidence intervals: ``57.9 - 66.7  *``, ``22 - 48.5``, ``-0.1 - 1.1``, which the
# sheet reader marks as text with a leading ``'``)
_POINT_RANGE = re.compile(r"^'?[-−]?\d+(?:\.\d+)?\s*[-–]\s*[-−]?\d+(?:\.\d+)?(?:\s*\*+)?$")
_COMMA_NUMBER = re.compile(r"(?<![\d,])\d+,\d+(?![\d,])")
_GROUPING_POINTS = re.compile(r"\d\.\d{3}\.\d{3}")


def _decimal_points(texts: list[list[str]]) -> list[tuple[int, int]]:
    """The cells ``(row, column)`` of a table that writes every decimal number with a
    point and none with a comma (an export: ``4789.999859``, ``78.5``), when at least one
    point cannot group thousands (not three digits after it): the table's own convention,
    so each such point is a decimal point. Empty when the table does not write so."""
    found, unambiguous = [], False
    for i, row in enumerate(texts):
        for j, t in enumerate(row):
            s = t.strip()
            if _POINT_NUMBER.match(s):
                found.append((i, j))
                unambiguous = unambiguous or len(s.split(".")[1]) != 3
            elif "." in s and _POINT_RANGE.match(s):
                found.append((i, j))
                unambiguous = unambiguous or any(len(d) != 3 for d in re.findall(r"\.(\d+)", s))
            elif _GROUPING_POINTS.search(s) or (
                _COMMA_NUMBER.search(s) and j > 0 and not _is_wordy(s)
            ):
                # (a comma in a label's words is the label's: ``Frukt och grönsaker
                # högst 1,3 gånger/dag`` beside an export's ``57.9 - 66.7``)
                return []
    return found if unambiguous else []


# a figure in English form: a comma between thousands, maybe a decimal point
# (``3,983,166.42``, ``-76,838.05``, ``2,616``)
ENGLISH_FIGURE = re.compile(r"^[-−–]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
ENGLISH_FIGURES = (
    "engelsk sifferform: tabellen skriver sina tal med komma mellan tusental och punkt "
    "som decimaltecken (1,234.56), och inget på svenskt sätt; läses så"
)


def _english_figures(texts: list[list[str]]) -> list[tuple[int, int]]:
    """The cells ``(row, column)`` right of the first column of a table that writes
    every figure in English form (``3,983,166.42``, ``661.89``, ``0.00``) and none in
    Swedish (``12,5``, ``1 234``), when at least one figure settles it (a comma group and
    a decimal point, or two comma groups): there ``2,616`` is 2 616, never 2,616. A table
    where no figure settles it is left as it is (its figures said as unclear)."""
    found, settled = [], False
    for i, row in enumerate(texts):
        for j, t in enumerate(row[1:], start=1):
            s = t.strip()
            if ENGLISH_FIGURE.match(s):
                found.append((i, j))
                settled = settled or "." in s or s.count(",") >= 2
            elif _POINT_NUMBER.match(s):
                found.append((i, j))
            elif _swedish_figure(s):
                return []
    return found if settled else []


_SPACED = re.compile(r"\d[ \u00a0\u202f]\d{3}(?!\d)")


def _swedish_figure(s: str) -> bool:
    """A cell that prints a figure in Swedish form (``12,5``, ``1 234``, ``1.234.567``),
    not a label that mentions one (``högst 1,3 gånger/dag``)."""
    swedish = _COMMA_NUMBER.search(s) or _GROUPING_POINTS.search(s) or _SPACED.search(s)
    return swedish is not None and not _is_wordy(s)


_UNIT_ONLY = re.compile(
    r"^\(?\s*(?:tkr|mnkr|mkr|kr|msek|tsek|mn\s?kr|miljoner\s+kronor)\s*\)?$", re.I
)


def _under_groups(texts: list[list[str]], n: int) -> bool:
    """Header row ``n`` goes on although its first cell is filled: that cell is the
    table's unit (``(mnkr)``), or the row names the measures under the group headers
    above it — cells in more columns than the rows above fill (``Utgifter sedan
    projektets start`` over ``Total projektbudget``, ``Ack. Utfall``, ``Avvikelse``),
    at least half of them naming a year, a kind of figure or a unit."""
    first = L.clean(texts[n][0]).strip()
    if _UNIT_ONLY.match(first):
        return True
    cols = {j for j, t in enumerate(texts[n]) if j >= 1 and t.strip()}
    above = {j for row in texts[:n] for j, t in enumerate(row) if j >= 1 and t.strip()}
    if len(cols) < 2 or not above < cols:
        return False
    return 2 * sum(_headerish(texts[n][j]) for j in cols) >= len(cols)


def _stub_goes_on(texts: list[list[str]], n: int) -> bool:
    """Header row ``n``'s first cell continues the stub's header above it in lower case
    (``Verksamheternas nettokostnad`` / ``per nämnd, mnkr``), under a filled one: the
    header's second line, not a row of the table."""
    first = L.clean(texts[n][0]).strip()
    return first[:1].islower() and bool(texts[n - 1][0].strip())


#: A name that ends in its number (``Åk 7``, ``Åk. 9``, ``Grupp 1``, ``Konto 3000``,
#: ``Nivå 2b``): a word first, no word of amount, no currency.
_NUMBERED_NAME = re.compile(
    r"^(?!(?:ca|cirka|drygt|knappt|nästan|minst|högst|över|under|upp|totalt|summa|sek|kr"
    r"|tkr|mnkr|mkr|nr)\b)[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö-]*\.?\s+\d{1,6}[a-z]?$",
    re.IGNORECASE,
)


def _numbered_names(texts: list[list[str]]) -> bool:
    """The first row names its columns by numbered names (``Skola | Åk 7 | Åk 8 |
    Åk 9``, ``Verksamhet | Konto 3000 | Konto 4000``) over rows of bare numbers in
    those columns: a header, its numbers parts of the names, not a row of values. Two
    such cells at least, every filled cell right of the first one, and at least two rows
    below whose cells in those columns are numbers alone, none of them so named."""
    first = texts[0]
    cols = [j for j in range(1, len(first)) if first[j].strip()]
    if len(cols) < 2 or not all(_NUMBERED_NAME.match(first[j].strip()) for j in cols):
        return False
    bare = 0
    for row in texts[1:]:
        cells = [row[j].strip() for j in cols if j < len(row) and row[j].strip()]
        if any(_NUMBERED_NAME.match(t) for t in cells):
            return False
        if cells and all(_BARE_NUMBER.match(t) for t in cells):
            bare += 1
    return bare >= 2


_BARE_NUMBER = re.compile(r"^[-−–]?\s?\d[\d \u00a0\u202f]*(?:[,.]\d+)?\s?%?$")


def _period_codes(row: list[str]) -> bool:
    """A statistics export's header of period codes (``Kommun | 200701 | 200702 | …``,
    ``201001*``: with a footnote's stars): three or more cells right of the first that
    are each a year and a month or quarter as one number, rising but where a series
    starts again under a new definition, the other cells short text (``Kommun``)."""
    codes = [t.strip() for t in row[1:] if L.PERIOD_CODE.match(t.strip())]
    others = [t for t in row[1:] if t.strip() and not L.PERIOD_CODE.match(t.strip())]
    numbers = [int(c.rstrip("*")) for c in codes]
    rising = sum(a < b for a, b in pairwise(numbers))
    return (
        len(codes) >= 3
        and rising >= 0.9 * (len(codes) - 1)
        and all(_header_cell(t) for t in others)
    )


def _goes_on_above(texts: list[list[str]], n: int) -> bool:
    """Row ``n``'s one header cell continues the header cell above it: it begins in
    lower case under a filled cell (``Prognos-`` / ``avvikelse`` / ``mot budget``)."""
    cols = [j for j, t in enumerate(texts[n]) if t.strip()]
    if len(cols) != 1 or cols[0] == 0:
        return False
    j = cols[0]
    return texts[n][j].strip()[:1].islower() and bool(texts[n - 1][j].strip())


def _names_row(texts: list[list[str]], n: int) -> bool:
    """Row ``n`` names every column, under a row of groups and over the first values: an
    export's row of column names (Skolverket's ``Skola;Skol-enhetskod;…;Eng 5;Ma 1;Sv 1``
    under ``;;…;Andel elever med minst betyget E …`` repeated over the courses). Each
    cell, from the first to the last, is a distinct name: words, maybe ending in a short
    number that is the name's (``Eng 5``, ``Sv andraspr. 1``), or a header cell; the
    groups above stand over columns it names; the row below holds values."""
    row = [t.strip() for t in texts[n]]
    last = max((j for j, t in enumerate(row) if t), default=-1)
    names = row[: last + 1]
    if len(names) < 3 or not all(names) or len(set(names)) < len(names):
        return False
    for t in names:
        if not re.match(r"[A-Za-zÅÄÖåäö]", t):
            return False
        if re.search(r"\d", t) and not (_header_cell(t) or _NAME_WITH_NUMBER.match(t)):
            return False
    above = {j for j, t in enumerate(texts[n - 1]) if t.strip()}
    if not above or max(above) > last:
        return False
    return n + 1 < len(texts) and _has_value_row(texts[n + 1][1:])


def _has_value_row(cells: list[str]) -> bool:
    return any(_has_value(c) and not _header_cell(c) for c in cells if c.strip())


def columns_from_header(
    header: list[list[str]],
    width: int,
    merged: list[set[int] | None] | None = None,
    empty: frozenset[int] = frozenset(),
) -> list[Column]:
    """Each column's label from the header rows, top to bottom, joined by `` / ``. A
    header cell spans the blank cells to its right (``Period`` over four columns) unless a
    row above separates them (``Utfall`` / ``Resultat period`` above ``kostnader`` and a
    blank). A word hyphen-split across rows (``Prognos-`` / ``avvikelse``) is one word, and
    so is a header word broken without a hyphen (``Avvik`` / ``else``); a row's text that
    goes on with the phrase above it is the one phrase (``_goes_on_phrase``). No span
    reaches into a column ``empty`` in every row of the table (a spacer column:
    ``Jordbruksmarkens`` does not span it to ``Folkmängd``). In a workbook that merges
    cells (``merged``: each header row's cells a merged cell covers, None for a row of a
    sheet that merges nothing) a header cell spans only the cells merged with it, or
    groups that repeat their names below (:func:`_repeated_groups`): text that runs on
    over blank cells is no span (``Medelantalet anställda (årspersoner)`` over one column
    of codes of its own)."""
    labels: list[list[str]] = [[] for _ in range(width)]
    shown: list[list[str]] = []  # each row's cells, spans filled in
    spans: list[set[int] | None] = []
    for h in range(len(header)):
        m = merged[h] if merged is not None else None
        spans.append(None if m is None else m | _repeated_groups(header, h, width))
    for h, row in enumerate(header):
        last = h == len(header) - 1
        carry = ""
        cells = []
        for j in range(width):
            t = L.label_of_clean(row[j]) if j < len(row) else ""
            if t:
                carry = t if j >= 1 else ""
            elif (
                j >= 1
                and not last
                and carry
                and j not in empty
                and _may_span(spans[h], j)
                and all(above[j] == above[j - 1] for above in shown)
            ):
                t = carry  # a spanning header cell applies to the blank cells to its right
            else:
                carry = ""  # a row above separates: the span ends there
            cells.append(t)
            if not t:
                continue
            if labels[j] and re.search(r"[a-zåäö]-$", labels[j][-1]) and t[:1].islower():
                labels[j][-1] = labels[j][-1][:-1] + t
            elif labels[j] and L.completes_word(labels[j][-1], t):
                labels[j][-1] += t  # a word broken without a hyphen (``Avvik`` / ``else``)
            elif labels[j] and _goes_on_phrase(labels[j][-1], t):
                labels[j][-1] += " " + t  # ``Utgifter sedan`` / ``projektets`` / ``start``
            else:
                labels[j].append(t)
        shown.append(cells)
    return [Column.from_label(" / ".join(parts)) for parts in labels]


def _may_span(spans: set[int] | None, j: int) -> bool:
    return spans is None or j in spans


def _repeated_groups(header: list[list[str]], h: int, width: int) -> set[int]:
    """The blank cells of header row ``h`` that its groups span by the row below: two
    groups or more over the same names (MUCF's ``16-24 år`` and ``25-29 år``, each over
    ``Antal | Andel``, not merged in the workbook). A run of blanks whose row below
    repeats no other run's names is text run on, no span."""
    if h + 1 >= len(header):
        return set()
    row, below = header[h], header[h + 1]

    def cell(r: list[str], j: int) -> str:
        return r[j].strip() if j < len(r) else ""

    runs: list[tuple[int, int]] = []  # (first, last) column of each cell and its blanks
    for j in range(1, width):
        if cell(row, j):
            runs.append((j, j))
        elif runs and runs[-1][1] == j - 1:
            runs[-1] = (runs[-1][0], j)
    names = [tuple(cell(below, j) for j in range(a, b + 1)) for a, b in runs]
    out: set[int] = set()
    for (a, b), n in zip(runs, names, strict=True):
        if b > a and all(n) and names.count(n) >= 2:
            out.update(range(a + 1, b + 1))
    return out


#: Words that, starting a header row's text, name a part of its own under the one above
#: (group › measure › year): what the amounts are (``Utfall`` / ``intäkter`` / ``period``).
_MEASURE_WORDS = frozenset({
    "intäkter", "intäkt", "kostnader", "kostnad", "resultat", "netto", "brutto",
    "nettokostnad", "nettokostnader", "bruttokostnad", "bruttokostnader", "kommunbidrag",
    "volym", "antal", "andel", "snitt", "summa", "totalt", "total", "åa", "årsarbetare",
})  # fmt: skip


#: A header line that ends mid-phrase, on a preposition or conjunction.
_MID_PHRASE = re.compile(
    r"\b(?:och|eller|samt|av|på|för|i|till|mot|med|per|sedan|jämfört|inkl|exkl|enligt|än"
    r"|om|under|efter|vid|från|utan)$",
    re.IGNORECASE,
)


def _goes_on_phrase(above: str, t: str) -> bool:
    """A header row's text in a column that goes on with the phrase above it, one cell's
    lines (``Utgifter sedan`` / ``projektets`` / ``start``, ``Utfall perioden`` /
    ``jämfört med`` / ``samma period``): it begins in lower case, its first word is no
    part of its own (a period, a kind of figure, a unit, a measure or a year: ``Utfall``
    / ``intäkter`` / ``period``, ``Total`` / ``projektbudget``, ``Ack åa`` / ``helår``,
    ``Bokslut`` / ``fg år``), and the text above ends in a word (a year or a closed
    bracket ends its part: ``Budget 2025`` / ``exkl moms``); or the text above ends
    mid-phrase, on a preposition or conjunction (``Avvikelse mot`` / ``budget``)."""
    if not t[:1].islower() or not above[-1:].isalpha():
        return False
    if _MID_PHRASE.search(above[-10:]):
        return True  # ``Avvikelse mot`` / ``budget``: the phrase is not done
    first = t.split()[0].rstrip(".,:")
    return not (
        L.period_of(first)
        or L.value_kind_of(first)
        or L.unit_of(first)
        or L.years_in(first)
        or first.lower() in _MEASURE_WORDS
        or first.lower() in ("fg", "föreg", "föregående")  # a year: ``Utfall`` / ``fg år``
    )


def stub_width(body: list[list[str]], width: int, columns: list[Column] | None = None) -> int:
    """How many leading columns hold labels: where most rows print their first value,
    but never past a column whose header names a year or a kind of figure. Zero when
    most rows print a value in their first cell."""
    rows = [r for r in body if any(t.strip() for t in r)]
    first_values = sum(
        _is_value_cell(r[0])
        and not _is_wordy(r[0])
        and not _CODED.match(r[0])
        and not _NUMBERED.match(r[0])
        and not _NAME_WITH_NUMBER.match(r[0].strip())  # ``Ma 1``, ``Sv 1``: names
        and not _ENUMERATED.match(r[0])  # ``3. Protokollsutdrag …``: a list item's number
        for r in rows
    )
    coded = sum(len(r) > 1 and _is_code(r[0]) and _is_name(r[1]) for r in rows)
    if (
        rows
        and first_values * 2 >= len(rows)
        and first_values > 0
        and coded * 2 < len(rows)
        and not _numbered_labels(rows, columns)
    ):
        return 0
    firsts = []
    codes = {j for j in range(1, width) if _code_column(rows, j, columns)}
    for row in rows:
        for j in range(1, len(row)):
            # (a name after its code, ``17 Värmlands län``, is a label: no value)
            if j not in codes and _is_value_cell(row[j]) and not _CODED.match(row[j]):
                firsts.append(j)
                break
    # as many rows print their first value in two columns: the first of them (a number
    # is never taken into a label by a tie)
    counts = Counter(firsts)
    k = min(j for j, n in counts.items() if n == max(counts.values())) if firsts else 1
    if columns:
        for j in range(1, min(k, len(columns))):
            c = columns[j]
            if (
                c.value_kind
                or c.period
                or c.is_time
                or (c.year is not None and not _names(rows, j))
            ):
                k = j
                break
    return max(1, min(k, width - 1))


def _names(rows: list[list[str]], j: int) -> bool:
    """Column ``j`` holds names, and only names: a letter in every filled cell, no
    number (``Jord- och skogsbruk`` under ``SNI2007_Grupp_namn``: a year in a header
    over names does not make them figures)."""
    filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
    return bool(filled) and all(
        re.search(r"[A-Za-zÅÄÖåäö]", t) and not re.search(r"\d", t) for t in filled
    )


#: A column header that names a key of a long export's rows (one value a row): who or
#: what the value is of (``municipality``, ``Kommun``, ``Region``, ``kpi``, ``Kön``).
_KEY_HEADER = re.compile(
    r"^(?:\w*kommun(?:namn)?|municipality(?:_name|_title)?|region(?:namn)?|län(?:snamn)?|lan"
    r"|geografi|område|stadsdel|kön|kon|gender|sex|kpi(?:_title)?|nyckeltal(?:snamn)?"
    r"|indikator|ålder|åldersgrupp|age|svar|svarsalternativ)$",
    re.IGNORECASE,
)
#: A column header that names a class or group the row falls in (``grupp``, ``klass``).
_CLASS_HEADER = re.compile(
    r"^(?:\w*grupp|klass|klassning|intervall|kategori|group|class|category)$", re.IGNORECASE
)
# a class's cell: a name, a range of whole numbers (``2-4``), an open class (``6+``,
# ``<2``, ``>= 6``) or a whole number that codes one
_CLASS_CELL = re.compile(
    r"\d{1,4}\s?[-\u2013]\s?\d{1,4}|\d{1,4}\s?\+|[<>\u2264\u2265]=?\s?\d{1,4}|\d{1,4}"
    r"|.*[A-Za-zÅÄÖåäö].*"
)
#: A column header that names a code (``municipality_id``, ``Kommunkod``, ``Knr``).
_CODE_HEADER = re.compile(
    r"(?:^|[_\s-])(?:id|kod|code|nr)$|^(?:kommunkod|kommunnummer|knr|länskod|regionkod)$"
    r"|\w(?:kod|nummer)$|(?:^|[_\s-])org\.?\s?nr$",
    re.IGNORECASE,
)


def _code_column(rows: list[list[str]], j: int, columns: list[Column] | None) -> bool:
    """Column ``j`` holds codes, not amounts: every filled cell digits alone, and its
    header names a code (``municipality_id``, ``Kommunkod``) or the codes are written
    to one length with leading zeros (``0001``, ``0180``, ``2480``): an amount is never
    printed so."""
    filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
    if len(filled) < 2 or not all(_CODE_DIGITS.fullmatch(t) for t in filled):
        return False
    head = columns[j].label.split(" / ")[-1] if columns and j < len(columns) else ""
    if head and _CODE_HEADER.search(head.strip()):
        return True
    return len({len(t) for t in filled}) == 1 and any(t.startswith("0") for t in filled)


def _row_index(body: list[list[str]], columns: list[Column]) -> bool:
    """The first column is the row index an export wrote beside its data (R's
    ``write.csv``, pandas' ``to_csv``): no header (or ``Unnamed: 0``), and the rows
    numbered 1, 2, 3 … (or 0, 1, 2 …) down the table, three at least."""
    head = columns[0].label.strip().lower() if columns else ""
    if head not in ("", "unnamed: 0"):
        return False
    firsts = [r[0].strip() for r in body if r and any(t.strip() for t in r)]
    if len(firsts) < 3 or not all(re.fullmatch(r"\d{1,7}", t) for t in firsts):
        return False
    start = int(firsts[0])
    return start in (0, 1) and all(int(t) == start + n for n, t in enumerate(firsts))


def key_columns(body: list[list[str]], columns: list[Column], k: int) -> list[int]:
    """The columns right of the stub that name the row rather than hold its values, in
    a long export (one value a row: ``kpi | municipality_id | year | value |
    municipality``): codes (:func:`_code_column`), cells under a header that names
    who or what the value is of (``municipality``, ``Kommun``, ``Kön``, ``Ålder``), each
    a name (letters in it) or a whole number that codes one (``Kon`` 1, ages), and
    classes under a header that names one (``grupp``: ``2-4``, ``6+``). Their text joins
    the row's label; none is read as a value."""
    out = []
    for j in range(k, len(columns)):
        head = columns[j].label.split(" / ")[-1].strip()
        filled = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
        if not filled or columns[j].is_time:
            continue
        if (
            _code_column(body, j, columns)
            or (
                _KEY_HEADER.match(head)
                and all(
                    re.search(r"[A-Za-zÅÄÖåäö]", t) or re.fullmatch(r"\d{1,4}", t) for t in filled
                )
            )
            or _names_with_numbers(filled, columns[j])
            or (_CLASS_HEADER.match(head) and all(_CLASS_CELL.fullmatch(t) for t in filled))
        ):
            out.append(j)
    return out


# a name that ends in its number, as a survey or a group is named (``Åk 9``, ``Gymnasiet
# år 2``, ``Grupp 3a``): a word first, no word of amount, the number last and short
_NAME_WITH_NUMBER = re.compile(
    r"^(?!(?:ca|cirka|drygt|knappt|nästan|minst|högst|över|under|upp|totalt|summa|"
    r"plus|minus)\b)[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö.-]*(?:\s+[A-Za-zÅÄÖåäö.-]+)*"
    r"\s+(?:nr\.?\s*)?\d{1,2}[a-z]?$",
    re.IGNORECASE,
)


def _names_with_numbers(filled: list[str], col: Column) -> bool:
    """A column right of the first values whose cells are names, one at least a name that
    ends in its number (``Undersökning``: ``Åk 9``, ``Gymnasiet år 2``): the number is the
    name's, never a value (``Åk 9`` was read as 9). Its header names no figure (no kind,
    unit or year), no cell states a unit."""
    if not filled or col.value_kind or col.unit or col.year is not None or col.is_time:
        return False
    numbered = 0
    for t in filled:
        if not re.search(r"\d", t):
            if not re.match(r"[A-Za-zÅÄÖåäö]", t):
                return False
            continue
        if not _NAME_WITH_NUMBER.match(t) or L.unit_of(t):
            return False
        numbered += 1
    return numbered > 0


_LABEL_HEADER = re.compile(
    r"ålder|konto|\bkod\b|\bnr\b|nummer|ansvar|objekt|\bid\b|verksamhet|löpnummer", re.I
)


def _numbered_labels(rows: list[list[str]], columns: list[Column] | None) -> bool:
    """A first column of whole numbers that name the rows (ages 0, 1, 2 … ``Totalsumma``;
    account codes): its header says so (``Ålder``, ``Konto``), or the numbers count up
    one by one down the table (at least three). Then it is the label column."""
    firsts = [r[0].strip() for r in rows if r and r[0].strip()]
    ints = [int(f) for f in firsts if re.fullmatch(r"\d{1,6}", f)]
    if len(ints) < 3 or len(ints) * 2 < len(firsts) or len(rows[0]) < 2:
        return False
    head = columns[0].label if columns else ""
    if head and _LABEL_HEADER.search(head):
        return True
    return all(b - a == 1 for a, b in pairwise(ints))


# a label that begins with its account or activity code: "100 Politisk verksamhet"
# a list item: its number, a full stop or a bracket, then its words ("3. Protokollsutdrag
# GSN 2024-03-26 §", "2) Granskning av …"): the number counts the items, it is no value
_ENUMERATED = re.compile(r"^\s*\d{1,2}[.)]\s+[A-Za-zÅÄÖåäö]")
# a paragraph's number after its sign, set apart in a column of its own ("Protokollsutdrag
# GSN 2024-03-26 §" | "59"): a reference, never a value
_PARAGRAPH_SIGN = re.compile(r"§\s*$")
_PARAGRAPH_NUMBER = re.compile(r"\s*\d{1,4}\s*")
# a year after a label that ends in one's name, set apart in a column of its own
# ("Granskning av grundskolenämnden verksamhetsåret" | "2024"): the label's year as it
# goes on, or a count of 2 024 written unspaced; which, the table does not say
_YEAR_NAMED = re.compile(r"året\s*$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"\s*(?:19|20)\d\d\s*")
_CODED = re.compile(r"^\s*\d{1,6}\s+[A-ZÅÄÖ][a-zåäö]")
# a label that ends in its number ("Boende 1", "Område 2", "Grupp 3a", "Summa område 4"):
# a name, not a value — a word of three letters or more first, no unit, no word of
# amount (a sum's word right before the number: "Summa 12" is a sum's value)
_NUMBERED = re.compile(
    r"^\s*(?!(?:ca|cirka|drygt|knappt|nästan|minst|högst|över|under|upp)\b)"
    r"(?!(?:totalt|summa)\s+(?:nr\.?\s*)?\d)"
    r"[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö-]{2,}(?:\s+[A-Za-zÅÄÖåäö-]+)*\s+(?:nr\.?\s*)?\d{1,3}[a-z]?\s*$",
    re.IGNORECASE,
)


def _is_code(text: str) -> bool:
    """A code alone in its cell (``551``), the first column of a code + name stub."""
    return _CODE_ALONE.fullmatch(text) is not None


def _is_name(text: str) -> bool:
    return bool(re.match(r"\s*[A-ZÅÄÖa-zåäö]", text)) and not _has_value(text)


def _is_wordy(text: str) -> bool:
    """A label that mentions a number (``Placerade per 1000 inv 0-20 år``): three or
    more words of three letters or more."""
    return sum(1 for _ in islice(_WORD3.finditer(text), 3)) >= 3  # (up to the third)


def text_columns(body: list[list[str]], width: int, k: int) -> frozenset[int]:
    """The columns right of the stub ``k`` whose cells are running text: a label-and-text
    table (``Vilket fokusområde stödjer projektet? | Fokusområde 3 Kunskap, livslångt
    lärande``), the text often one line to a row as Word prints it; a column of comments
    (``Oförändrat``, ``Ökning med ca 20–30 medarbetare``). Every cell of the column that
    holds a number is wordy (:func:`_is_wordy`): no number stands as a cell of its own
    or with a word or two (``2 063 hushåll``, ``4 300 kr/mån``, ``Ca 0,5 mnkr``). Its numbers
    are not cell values: those printed with a unit are read as in a sentence, a bare one
    (``Fokusområde 3``, ``artikel 6``, ``(6289)``) is said in the report, never a value."""
    out = set()
    for j in range(k, width):
        filled = [r[j] for r in body if j < len(r) and r[j].strip()]
        numbers = [t for t in filled if _has_value(t)]
        if numbers and (all(_is_wordy(t) for t in numbers) or _definitions(filled, numbers)):
            out.add(j)
    return frozenset(out)


def _definitions(filled: list[str], numbers: list[str]) -> bool:
    """A column of definitions: two of three cells sentences, and a short cell that holds
    a number names it with a word (``Engelska 5 (100 poäng)`` under Skolverket's ``Eng 5``):
    no number stands alone in it."""
    return (
        len(filled) >= 3
        and 3 * sum(_is_wordy(t) for t in filled) >= 2 * len(filled)
        and all(re.search(r"[A-Za-zÅÄÖåäö]{3,}", t) for t in numbers)
    )


@per_document
def _is_value_cell(text: str) -> bool:
    return bool(text.strip()) and _has_value(text) and not _header_cell(text)


def interpret(
    table: Table, doc: Document, table_no: int, cells_out: list[dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """Observations and parse-report rows for one table. With ``cells_out``, every
    non-empty body cell right of the labels is also appended there as text with its
    labels (``Status``, ``Besluts-datum``: what the domain layer reads besides numbers).

    The steps, one after another (a new rule goes in the step whose contract it is):

    1. :func:`_notes` — what the layout said about the table (repairs, warnings, a
       table of contents) into the report;
    2. :func:`_columns` — the grid: header rows, the columns they name, the stub, what
       dates or measures the whole table;
    3. :func:`_rows` — each body row: a header again, a section, or a value row with
       its labels, place in the row tree, footnote and date;
    4. :func:`_values` — each cell of a value row: read, or reported with why not;
    5. :func:`_record` — each value read: one observation with its unit and year;
    6. :func:`_row_tree` — totals and the rows they sum, the root total;
    7. :func:`_deviations` — a result column that is the difference of two columns.
    """
    out = _Out(doc, f"T{table_no:02d}", table, cells_out)
    if not _notes(out, table):
        return out.obs, out.report
    grid = _columns(out, table)
    rows, blocks = _rows(grid, doc)
    for row in rows:
        _values(out, grid, row)
    _fractions(out)
    _row_tree(_tree_blocks(blocks, rows), out.obs, out.obs_rows, out.percent, out.rep)
    _deviations(out, rows)
    return out.obs, out.report


class _Out:
    """One table's output as it is built: its observations (each with its row in the
    row tree), its parse-report rows and the body cells asked for. Every row carries
    the table's source, page, sheet and id, and its caption as known when the row is
    written (a caption row in the header replaces the layout's caption)."""

    def __init__(self, doc: Document, table_id: str, table: Table, cells: list[dict] | None):
        self.doc = doc
        self.base = {
            "source": doc.source,
            "page": table.page,
            "sheet": table.sheet,
            "table_id": table_id,
        }
        self.caption = L.label_text(table.caption)
        self.obs: list[dict] = []
        self.obs_rows: list[StructRow] = []  # each observation's row
        # each observation's column, and whether its kind is the column's
        self.obs_cols: list[tuple[int, bool]] = []
        self.percent: set[int] = set()  # columns of percentages: never summed
        # the observations whose 'procent' a header gave a bare number (no % printed, no
        # percent format), by the header: ('column', j, label) or ('row', i, label)
        self.shares: dict[tuple[str, int, str], list[int]] = {}
        self.report: list[dict] = []
        self.cells = cells
        self.mark_notes: dict[str, str] = {}  # a value's marker -> what the document says
        # the format gives each cell (pipe, tab: Word, PDF rulings, web pages, sheets):
        # a sign alone before the one number of a cell can only be that number's
        self.own_cells = table.layout in ("pipe", "tab", "sheet", "docx", "pdf")

    def rep(
        self,
        line: int,
        cell_text: str,
        token: str,
        reason: str,
        severity: str,
        row_label: str = "",
        column_label: str = "",
    ) -> None:
        """One parse-report row: what was not read (or read with a note), where and why."""
        self.report.append(
            {
                **self.base,
                "line": line,
                "table": self.caption,
                "row_label": row_label,
                "column_label": column_label,
                "cell_text": cell_text,
                "token": token,
                "reason": reason,
                "severity": severity,
            }
        )


def _notes(out: _Out, table: Table) -> bool:
    """Step 1: the layout's repairs (info) and warnings into the report; a table of
    contents is reported as such. True when the table has rows to read."""
    for line, text, what in table.repairs:
        out.rep(line, text, text, what, "info")
    for line, text, why in table.warnings:
        out.rep(line, text, text, why, "warning")
    if table.kind == "toc":
        out.rep(table.line, "", "", "innehållsförteckning: sidnummer är inga värden", "info")
        return False
    return bool(table.rows)


@dataclass
class _Grid:
    """A table as the row and value steps read it (made by :func:`_columns`)."""

    cells: list[list[Cell]]  # every row padded with empty cells to ``width``
    texts: list[list[str]]  # the cells' cleaned texts (an export's decimal points as commas)
    printed: dict[tuple[int, int], str]  # (row, column) -> the text as printed, where changed
    width: int
    header_width: int  # cells right of this stand under no header
    has_header: bool
    columns: list[Column]  # what the header says over each column
    body: list[int]  # the rows under the header
    k: int  # the stub: the leading label columns
    index: bool  # the first column is a row index an export wrote (1, 2, 3 …, no header)
    keys: list[int]  # columns right of the stub that name the row too (:func:`key_columns`)
    stub_unit: str  # the stub header's or caption's unit
    stub_year: int | None  # a reporting period named in the stub header
    caption_year: int | None  # a reporting period, or one year alone, in the caption
    minus_apart: bool  # the table's convention: every negative with its sign apart
    text_columns: frozenset[int] = frozenset()  # columns of running text (:func:`text_columns`)
    empty: frozenset[int] = frozenset()  # columns empty in every row of the table


def _columns(out: _Out, table: Table) -> _Grid:
    """Step 2: the grid. Cells padded to one width and cleaned; a table that writes every
    decimal number with a point (an export) read by its own convention, and said; the
    header rows counted (:func:`header_count`) and their columns named
    (:func:`columns_from_header`); the stub's width (:func:`stub_width`); a caption row
    in the header becomes the caption; the unit and year the stub header or the caption
    give every column that names none; the table's convention for minus signs."""
    width = max(len(r.cells) for r in table.rows)
    cells: list[list[Cell]] = [
        r.cells + [Cell("", r.line)] * (width - len(r.cells)) for r in table.rows
    ]
    texts = [[L.clean(c.text) for c in row] for row in cells]
    points = _decimal_points(texts)
    english = [] if points else _english_figures(texts)
    if points:
        i0, j0 = points[0]
        out.rep(
            cells[i0][j0].line,
            texts[i0][j0],
            texts[i0][j0],
            f"decimalpunkt: tabellen skriver alla {len(points)} decimaltal med punkt och inget "
            "med komma (en export); punkten läses som decimaltecken",
            "info",
        )
        printed = {(i, j): texts[i][j] for i, j in points}
        for i, j in points:
            texts[i][j] = texts[i][j].replace(".", ",")
    elif english:
        i0, j0 = english[0]
        out.rep(cells[i0][j0].line, texts[i0][j0], texts[i0][j0], ENGLISH_FIGURES, "info")
        printed = {(i, j): texts[i][j] for i, j in english}
        for i, j in english:
            texts[i][j] = texts[i][j].replace(",", "").replace(".", ",")
    else:
        printed = {}
    nh = header_count(table, texts)
    if table.header_rows is None:
        # the header found is the table's: its numbers are said as header numbers
        # (conservation.numbers_not_values), as a header the file marks
        table.header_rows = nh
    header = texts[:nh]
    header_width = max((len(r.cells) for r in table.rows[:nh]), default=width)
    caption = out.caption
    caption_row = header and not any(t.strip() for t in header[0][1:]) and header[0][0].strip()
    if caption_row and (re.match(r"(?i)tabell\b", header[0][0]) or not caption):
        caption = L.label_of_clean(header[0][0])
    merged = [out.doc.merged.get(r.line) for r in table.rows[:nh]]
    empty = frozenset(j for j in range(width) if not any(row[j].strip() for row in texts))
    columns = columns_from_header(header, width, merged, empty)
    body = list(range(nh, len(texts)))
    columns = _amounts_not_times(columns, [texts[i] for i in body])
    k = stub_width([texts[i] for i in body], width, columns)
    k = _short_rows_aligned(out, table, texts, cells, body, width, columns, k)
    keys = key_columns([texts[i] for i in body], columns, k) if nh else []
    index = nh > 0 and _row_index([texts[i] for i in body], columns)
    if index:  # (an index names nothing: the names beside it name the row)
        keys += [
            j for j in range(k, width) if j not in keys and _names([texts[i] for i in body], j)
        ]
        keys.sort()
    stub = " / ".join(c.label for c in columns[:k] if c.label)
    stub_unit = L.unit_of(stub) or L.unit_of(_OWN_PERCENT.sub(" ", caption))
    stub_year = L.year_of(stub) if stub and _CAPTION_PERIOD.search(stub) else None
    # a caption that names a reporting period, or one year alone ("… under 2021 fick
    # vård"), dates the columns that name none
    one_year = (
        len(set(L.years_in(caption))) == 1
        and not re.search(r"\d{4}\s*[-–/]\s*\d", caption)
        and not re.search(rf"(?:{L._MONTH_RE})\.?\s+(?:19|20)\d\d", caption, re.IGNORECASE)
    )  # (not a date: "beslut juni 2020")
    caption_year = L.year_of(caption) if _CAPTION_PERIOD.search(caption) or one_year else None
    if header and not caption:
        caption = stub
    out.caption = caption
    # a table that prints every negative with its sign apart ("– 4 646") and none glued
    # ("-6 827"): its convention, so such a sign is a minus (said at each cell)
    signed = [t for i in body for t in texts[i][k:] if t[:1] in "-−–"]
    apart = sum(bool(_SIGN_APART.match(t)) for t in signed)
    glued = sum(bool(_SIGN_GLUED.match(t)) for t in signed)
    return _Grid(
        cells=cells,
        texts=texts,
        printed=printed,
        width=width,
        header_width=header_width,
        has_header=bool(nh),
        columns=columns,
        body=body,
        k=k,
        index=index,
        keys=keys,
        stub_unit=stub_unit,
        stub_year=stub_year,
        caption_year=caption_year,
        minus_apart=apart >= 2 and glued == 0,
        text_columns=text_columns([texts[i] for i in body], width, k),
        empty=empty,
    )


_AMOUNT_SHAPE = re.compile(r"\d[ \u00a0]\d{3}(?!\d)|\d,\d")
_TIME_KINDS = (N.YEAR, N.YEAR_RANGE, N.DATE, N.MONTH, N.QUARTER, N.WEEK)


def _amounts_not_times(columns: list[Column], body: list[list[str]]) -> list[Column]:
    """A column whose header names a time (``Period``) but whose cells are amounts
    (``556 091,68``, ``-2 213 718,70``: figures alone, none a year, date or period, one at
    least with decimals or thousands) is the period's figure, as an accounting report's
    ``Period | Ackumulerat | Period fg år`` prints it: a value column, never one that
    dates its row."""
    out = list(columns)
    for j, col in enumerate(columns):
        if not col.is_time:
            continue
        filled = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
        if (
            filled
            and all(_is_value_cell(t) and not _WORD2.search(t) for t in filled)
            and not any(tok.kind in _TIME_KINDS for t in filled for tok in N.tokens(t))
            and any(_AMOUNT_SHAPE.search(t) for t in filled)
        ):
            out[j] = replace(col, is_time=False)
    return out


def _short_rows_aligned(
    out: _Out,
    table: Table,
    texts: list[list[str]],
    cells: list[list[Cell]],
    body: list[int],
    width: int,
    columns: list[Column],
    k: int,
) -> int:
    """The short rows (:func:`_short_rows`) moved, in ``texts`` and ``cells``, to stand
    with their values in the value columns, each said; the stub's width answered. The
    stub is the one the table's full rows have (the short rows' values, standing in the
    stub as printed, would narrow it), and it must stay so with the rows moved."""
    full = [texts[i] for i in body if len(table.rows[i].cells) == width]
    stub = stub_width(full, width, columns) if full and len(full) < len(body) else k
    short = _short_rows(table, texts, body, width, stub)
    if not short:
        return k
    moved = {i: _right_aligned(texts[i], width, stub) for i in short}
    if stub_width([moved.get(i, texts[i]) for i in body], width, columns) != stub:
        return k
    values = width - stub
    for i in short:
        texts[i] = moved[i]
        cells[i] = _right_aligned(cells[i], width, stub, Cell("", cells[i][0].line))
        out.rep(
            cells[i][0].line,
            " | ".join(t for t in texts[i] if t.strip()),
            texts[i][0],
            f"raden har färre celler än tabellen (namnet och {values} "
            f"{'värde' if values == 1 else 'värden'}, inga fler namnceller): "
            f"{'värdet läses' if values == 1 else 'värdena läses'} i tabellens "
            f"{'värdekolumn' if values == 1 else f'{values} värdekolumner'}",
            "info",
        )
    return stub


def _short_rows(
    table: Table, texts: list[list[str]], body: list[int], width: int, k: int
) -> list[int]:
    """The body rows printed with fewer cells than the table whose name and values fill
    exactly the row's name cell and the table's value columns (a total without the
    account code or rank the stub's other cells hold: ``Summa rörelsekostnader |
    -780 465,35`` under ``Konto | Benämning | Ackumulerat``). Such a row's values stand in
    the stub as printed; they belong in the value columns, right-aligned: no other
    reading fills every value column (a row with fewer values than value columns is
    left as it is)."""
    out = []
    for i in body:
        n = len(table.rows[i].cells)
        row = texts[i]
        if k < 2 or n - 1 != width - k:  # (so n < width: the row is short)
            continue
        if not row[0].strip() or _is_value_cell(row[0]) or any(t.strip() for t in row[n:]):
            continue
        # (a figure alone in each: a page mark beside a foot's name, ``Sida: 1``, is none)
        if all(_is_value_cell(t) and not _WORD2.search(t) for t in row[1:n]):
            out.append(i)
    return out


def _right_aligned(row: list, width: int, k: int, empty=""):
    """``row``'s name, the other stub cells empty, then its last ``width - k`` cells as
    printed: a short row's values in the value columns (:func:`_short_rows`)."""
    return [row[0], *([empty] * (k - 1)), *row[1 : 1 + width - k]]


@dataclass
class _Row:
    """A value row as the value step reads it (made by :func:`_rows`)."""

    i: int  # index into the grid's rows
    srow: StructRow  # its place in the row tree (the value step fills its values)
    columns: list[Column]  # the header in force over it
    section: str
    label: str  # its labels joined with " / " (a breakdown: the parent's and its own)
    unit: str  # the unit its label names
    section_unit: str
    sex: str
    footnote: str
    path: str  # section › parent › row
    level: int
    year: int | None  # the year its label or its time column names
    year_source: str
    period: str  # the period its time column names
    kind: str  # the value kind its label names
    consumed: dict[int, set[int]]  # column -> starts of the tokens its time column used
    consumed_year: bool  # its year is from a time column (in the stub or right of it)


_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_ITEM_MARK = re.compile(r"\s*[-–]\s*[^\W\d_]")  # a row marked as an item: "- Ekonomi"
_MONTH_HEADER = re.compile(r"^\s*(?:månad|manad|month|mån)\s*$", re.IGNORECASE)


def _again_shaped(row_texts: list[str], columns: list[Column], width: int) -> bool:
    """A body row shaped as a header: no values, two cells or more right of the first,
    each a header cell, and no year under a header that dates the rows."""
    nonfirst = [j for j in range(1, width) if row_texts[j].strip()]
    return (
        not any(_has_value(row_texts[j]) for j in range(1, width))
        and len(nonfirst) >= 2
        and _header_like(row_texts)
        and not _dated_row(row_texts, columns)
    )


def _header_again(row_texts: list[str], columns: list[Column], width: int) -> bool:
    """A header again (a page break, a new block of the same table): shaped as a header
    and, of its cells, half at least name a measure (a year, a kind of figure, a unit) or
    repeat the names of the columns so far."""
    if not _again_shaped(row_texts, columns, width):
        return False
    shaped = [row_texts[j] for j in range(1, width) if row_texts[j].strip()]
    names = {_strip_digits(c.label.split(" / ")[-1]) for c in columns}
    same = sum(_strip_digits(t) in names for t in shaped)
    return sum(_headerish(t) for t in shaped) * 2 >= len(shaped) or same * 2 >= len(shaped)


def _dated_row(row_texts: list[str], columns: list[Column]) -> bool:
    """The row has a year in a column whose header says it dates the rows (``År``,
    ``Tidsaspekt``): a body row, never the header again (which repeats ``År`` there)."""
    return any(
        j < len(columns) and columns[j].is_time and bool(L.years_in(t))
        for j, t in enumerate(row_texts)
    )


def _rows(g: _Grid, doc: Document) -> tuple[list[_Row], list[list[StructRow]]]:
    """Step 3: the body rows in printed order (every non-empty row counts in
    ``row_order``). A row like the header again restarts the header and a block of the
    row tree (its first cell may name a new section); a label alone is a section (or,
    between a row and its breakdown, introduces the breakdown); any other row is a value
    row: its labels (empty leading cells continue the row above), a breakdown's parent
    (``varav``, ``–``, ``Män``), its path and level, its footnotes, and the year or
    period its label or its time column (``Tidsaspekt``) names. Answers the value rows
    and the row tree's blocks."""
    texts, width, k = g.texts, g.width, g.k
    columns = g.columns
    rows: list[_Row] = []
    section = ""
    prev_labels = [""] * k
    codes = N.code_columns([texts[i][: k - 1] for i in g.body]) if k > 1 else set()
    parent: tuple[str, str, list[str]] | None = None  # (label, unit, path)
    items = False  # the section's rows are marked as its items ("- Ekonomi")
    # the row tree: the value rows of each block (a header again starts a block)
    order = -1
    blocks: list[list[StructRow]] = [[]]
    again: list[tuple[int, list[str]]] = []  # a header again's rows so far (line, texts)
    for i in g.body:
        row_texts, row_cells = texts[i], g.cells[i]
        if not any(t.strip() for t in row_texts):
            continue
        order += 1
        first = row_texts[0]
        header_before, again = again, []
        nonfirst = [j for j in range(1, width) if row_texts[j].strip()]
        values_here = any(_has_value(row_texts[j]) for j in range(1, width))

        # a header again (a page break, or a new block of the same table); never a row
        # with a year under a header that dates the rows (``År``): that year is the row's
        # own, and the year-like figure beside it a value (Kolada's ``1997;2006``)
        if _again_shaped(row_texts, columns, width):
            below = next((x for x in g.body if x > i and any(t.strip() for t in texts[x])), None)
            if _header_again(row_texts, columns, width) or (
                # a row of groups right above the header again whose names repeat under
                # each group (``16-24 år``, ``25-29 år`` over ``Antal | Andel`` each): the
                # header's first row
                below is not None
                and _header_again(texts[below], columns, width)
                and bool(_repeated_groups([row_texts, texts[below]], 0, width))
            ):
                stub_before = columns[0].label.split(" / ")[-1] if columns else ""
                again = [*header_before, (row_cells[0].line, row_texts)]
                if header_before:  # a header again over rows: its groups over their names
                    columns = columns_from_header(
                        [t for _, t in again],
                        width,
                        [doc.merged.get(line) for line, _ in again],
                        g.empty,
                    )
                else:
                    columns = [Column.from_label(L.label_of_clean(t)) for t in row_texts]
                # its first cell names a new section, unless it repeats the stub's own
                # header ("Beslutad åtgärd 2" after "Beslutad åtgärd 1")
                if first.strip() and _strip_digits(first) != _strip_digits(stub_before):
                    section = L.label_of_clean(first)
                elif first.strip():
                    section = ""
                parent = None
                prev_labels = [""] * k
                blocks.append([])
                continue
        # a section label alone on its row (with a one-column stub; in a wider stub such
        # a row is a label without values)
        if first.strip() and not values_here and len(nonfirst) <= 1 and k > 1:
            prev_labels = [first] + [""] * (k - 1)
            continue
        if (
            first.strip()
            and not values_here
            and nonfirst in ([], [1])
            and not (
                nonfirst
                and (N.tokens(row_texts[nonfirst[0]]) or N.is_no_data(row_texts[nonfirst[0]]))
            )
        ):
            # a section: a label alone. A text in a far column ("Beskriv förväntad
            # effekt") makes it a row, and so does a lone "-": a row without its figure.
            # A label alone between a row and its breakdown ("p.g.a." between "LVU: …"
            # and "– pga. …" rows) introduces that breakdown: the row stays the parent
            nxt = next(
                (texts[x] for x in g.body if x > i and any(t.strip() for t in texts[x])), None
            )
            if parent is not None and nxt is not None and nxt[0].strip() and L.sub_row(nxt[0])[0]:
                continue
            section = L.label_of_clean(first)
            parent = None
            items = False
            prev_labels = [""] * k
            continue

        # labels, continuing the row above where the leading cells are empty
        labels = list(row_texts[:k])
        first_filled = next((j for j, t in enumerate(labels) if t.strip()), None)
        if first_filled is None:
            labels = list(prev_labels)
        elif first_filled > 0:  # (a row's code is its own: never the row above's)
            # nor, for a total, the row above's rank, code or flag ('20 | N | 6016' over
            # 'Summa investeringsbudget'): a total takes only a group's name from above
            total = is_total_label(labels[first_filled])
            labels[:first_filled] = [
                ""
                if j in codes or (total and not _NAMED.search(prev_labels[j]))
                else prev_labels[j]
                for j in range(first_filled)
            ]
        prev_labels = labels
        raw_labels = [c.text for c in row_cells[:k]]
        own_cell = next((t for t in reversed(row_texts[:k]) if t.strip()), "")
        is_sub, own, sex = L.sub_row(own_cell) if own_cell else (False, "", "")
        if is_sub and sum(bool(t.strip()) for t in row_texts[:k]) >= 2:
            # a row that names itself in its own stub cells (``Dalarna | 16-24 år |
            # Utrikes födda | Kvinnor``) breaks down no row above: its sex is its own;
            # nor does a row below break it down (``0-12 år | Flickor`` then
            # `` | Pojkar``: the age carried down names Pojkar, not Flickor)
            parent = None
        # a section whose rows are marked as its items (``Gemensamma tjänster`` over
        # ``- Ekonomi``, ``- HR``) ends at the first row after them that is not: that row
        # and those below stand beside the section (``Digital infrastruktur``, ``Totalt``)
        dashed = _ITEM_MARK.match(own_cell) is not None
        if section and parent is None and dashed:
            items = True
        elif items and not dashed:
            section, items = "", False
        parts = [L.label_of_clean(t) for t in labels if t.strip()]
        # a long export's time column in the stub (``year | municipality | value``): it
        # dates the row, and the rest of the stub names it
        stub_year = None
        for j, t in enumerate(labels):
            m = _BARE_YEAR.fullmatch(t.strip())
            named = len(parts) > 1 or any(row_texts[jj].strip() for jj in g.keys)
            if m and j < len(columns) and columns[j].is_time and named:
                stub_year = int(m.group(0))
                parts.remove(L.label_of_clean(t))
                break
        # a long export's month column in the stub (``År | Månad | Län | …``, ``09``): the
        # month is the row's period, not part of its name
        month = ""
        # a period code in the stub (``Riket | 2020K3``, ``1987M01``, ``1996-07``) beside
        # what names the row: its year and period date the row
        for t in labels if stub_year is None and len(parts) > 1 else ():
            toks = N.tokens(t.strip())
            if len(toks) == 1 and toks[0].period and toks[0].text == t.strip():
                stub_year, month = toks[0].year, toks[0].period
                parts.remove(L.label_of_clean(t))
                break
        for j, t in enumerate(labels if not month else ()):
            if j < len(columns) and _MONTH_HEADER.match(columns[j].label) and len(parts) > 1:
                month = L.month_of(t)
                if month:
                    parts.remove(L.label_of_clean(t))
                    break
        parts += [L.label_of_clean(row_texts[j]) for j in g.keys if row_texts[j].strip()]
        if g.index and len(parts) > 1 and labels[0].strip():
            parts.remove(L.label_of_clean(labels[0]))  # the export's row number
        joined = " / ".join(parts)
        if is_sub and parent is not None:
            row_label = f"{parent[0]} / {own}"
            row_unit = parent[1] or L.unit_of(own)
            path = [*parent[2], own]
        else:
            row_label = joined
            row_unit = L.unit_of(joined)
            path = parts
            if not is_sub:
                parent = (row_label, row_unit, parts)
        srow = StructRow(order, row_label, section, is_sub and parent is not None)
        row_path = PATH_SEP.join(p for p in [section, *path] if p)
        row_level = bool(section) + max(len(path) - 1, 0)
        srow.path, srow.level = row_path, row_level
        blocks[-1].append(srow)
        markers = [m for t in raw_labels for m in L.footnote_markers(t)]
        if first_filled is None or (first_filled or 0) > 0:
            markers = markers or [m for t in prev_labels for m in L.footnote_markers(t)]
        footnote = "; ".join(doc.footnotes[m] for m in dict.fromkeys(markers) if m in doc.footnotes)
        row_year_m = _ROW_YEAR.fullmatch(L.label_of_clean(row_label))
        row_year = int(row_year_m.group(1)) if row_year_m else stub_year
        row_year_source = "row" if row_year else ""
        row_period = month

        # a time column ("Tidsaspekt") dates the whole row
        consumed: dict[int, set[int]] = {}
        fine = False  # the period read is a month or a quarter (``1996-07``, ``2020K3``)
        for j in range(k, width):
            col = columns[j] if j < len(columns) else Column()
            if col.is_time and row_texts[j].strip():
                for tok in N.tokens(row_texts[j]):
                    if tok.kind in (N.YEAR, N.QUARTER, N.DATE, N.MONTH) and tok.year:
                        consumed.setdefault(j, set()).add(tok.start)
                        if tok.kind == N.YEAR and fine and tok.year == row_year:
                            break  # the year of a month or quarter already read: no finer
                        row_year, row_year_source = tok.year, "row"
                        row_period = tok.period or tok.text
                        fine = bool(tok.period)
                        break
        if not fine and row_year is not None:
            # "2011-12" reads as the years 2011-2012 too; beside a year column that gives
            # the row 2011, it is December of it
            for j in range(k, min(width, len(columns))):
                m = _YEAR_MONTH.fullmatch(row_texts[j].strip()) if columns[j].is_time else None
                if m and int(m.group(1)) == row_year:
                    consumed.setdefault(j, set()).add(row_texts[j].index(m.group(0)))
                    row_period = N.MONTH_ABBR[int(m.group(2)) - 1]
                    break
        rows.append(
            _Row(
                i=i,
                srow=srow,
                columns=columns,
                section=section,
                label=row_label,
                unit=row_unit,
                section_unit=L.unit_of(section) if section else "",
                sex=sex,
                footnote=footnote,
                path=row_path,
                level=row_level,
                year=row_year,
                year_source=row_year_source,
                period=row_period,
                kind=L.value_kind_of(row_label),
                consumed=consumed,
                consumed_year=bool(consumed) or (stub_year is not None and not row_year_m),
            )
        )
    return rows, blocks


PARAGRAPH_NUMBER = "paragrafnummer (efter §), inte ett värde"
YEAR_AFTER_LABEL = (
    "ett årtal efter en etikett som slutar på ”året”: etikettens år eller ett antal; "
    "läses inte som värde"
)


def _values(out: _Out, g: _Grid, row: _Row) -> None:
    """Step 4: each non-empty cell right of the stub in a value row. Asked for, the cell
    goes to ``out.cells`` as text. Not read, and reported with why: a cell under no
    header, a cell cut off, the references in a time column, a cell that says no data,
    numbers in running text without a unit. A minus sign apart is read as the table's
    convention (said). A cell of one value gives the row tree its value; every quantity
    read becomes a record (:func:`_record`)."""
    row_texts, row_cells = g.texts[row.i], g.cells[row.i]
    row_label, srow, consumed = row.label, row.srow, row.consumed
    for j in range(g.k, g.width):
        text = row_texts[j]
        if not text.strip() or j in g.keys:  # (a key names the row: in its label)
            continue
        col = row.columns[j] if j < len(row.columns) else Column()
        cell = row_cells[j]
        if out.cells is not None:
            out.cells.append(
                {
                    **out.base,
                    "table": out.caption,
                    "section": row.section,
                    "row_label": row_label,
                    "column_label": col.label,
                    "line": cell.line,
                    "text": text,
                }
            )
        if j >= g.header_width and g.has_header:
            # no header says what it is: reported with its text, never read as a value
            out.rep(
                cell.line,
                text,
                text,
                "cellen står utanför rubrikens kolumner; värdet läses inte",
                "warning" if N.tokens(text) else "info",
                row_label,
            )
            continue
        if cell.cut:
            out.rep(
                cell.line,
                text,
                text,
                "raden saknar avslutande | (avklippt?); sista cellen läses inte",
                "warning",
                row_label,
                col.label,
            )
            continue
        if col.is_time:
            # a time column dates the row; its other numbers are references
            for tok in N.tokens(text):
                if tok.start not in consumed.get(j, set()):
                    reason = N.NOT_A_VALUE_REASONS.get(tok.kind, "tal i tidsangivelse")
                    out.rep(
                        cell.line_at(tok.start),
                        text,
                        tok.text,
                        reason,
                        "info",
                        row_label,
                        col.label,
                    )
            continue
        if g.minus_apart and _SIGN_APART.match(text):
            out.rep(cell.line, text, text, MINUS_APART, "info", row_label, col.label)
            text = _SIGN_APART.sub(r"\1", text, count=1)
        elif _LONE_SIGN_APART.match(text) and (
            (
                out.own_cells
                and _minus_proven(
                    text, [t for jj, t in enumerate(row_texts) if jj >= g.k and jj != j]
                )
            )
            or _minus_by_sum(row_texts[g.k :], j - g.k)
        ):
            out.rep(cell.line, text, text, MINUS_IN_CELL, "info", row_label, col.label)
            text = _SIGN_APART.sub(r"\1", text, count=1)
        if j > 0 and _PARAGRAPH_SIGN.search(row_texts[j - 1]) and _PARAGRAPH_NUMBER.fullmatch(text):
            out.rep(cell.line, text, text, PARAGRAPH_NUMBER, "info", row_label, col.label)
            continue
        if (
            j > 0
            and not col.unit
            and _YEAR_NAMED.search(row_texts[j - 1])
            and _BARE_YEAR.fullmatch(text)
        ):
            out.rep(cell.line, text, text, YEAR_AFTER_LABEL, "warning", row_label, col.label)
            continue
        reading = N.reading_of(text)
        if reading.no_data:
            out.rep(
                cell.line,
                text,
                text,
                "uppgift saknas enligt cellen",
                "info",
                row_label,
                col.label,
            )
            continue
        # (the words counted up to one past _PROSE_WORDS: all that is asked of them)
        words = sum(1 for _ in islice(_WORD2.finditer(text), _PROSE_WORDS + 1))
        prose = words > _PROSE_WORDS or (words > 8 and _SENTENCE_GOES_ON.search(text) is not None)
        running = j in g.text_columns  # a text column: its bare numbers are no values
        if prose or running:  # its sentences read as the document's running text is (prose.py)
            reading = P.cell_reading(text)
        if len(reading.quantities) == 1 and not prose and not running:
            q0 = reading.quantities[0]
            srow.values[j] = q0.value
            m_dec = _DECIMALS.search(q0.text)
            srow.decimals[j] = len(m_dec.group(1)) if m_dec else 0
        for s in reading.skipped:
            if s.start in consumed.get(j, set()):
                continue
            out.rep(cell.line_at(s.start), text, s.text, s.reason, s.severity, row_label, col.label)
        for q in reading.quantities:
            if (prose or running) and not q.unit:
                out.rep(
                    cell.line_at(q.start),
                    text,
                    q.text,
                    "tal i löptext utan enhet",
                    "info",
                    row_label,
                    col.label,
                )
                continue
            _record(out, g, row, j, cell, text, col, q, prose)


# a header that states per cent in so many words (``Andel (%)``, ``procent``): its bare
# numbers are per cent as it says, even below 1 (``0,4`` %)
_SAYS_PERCENT = re.compile(r"%|procent|\bpct\b|\bpercent", re.IGNORECASE)


def _fractions(out: _Out) -> None:
    """A share stored as a fraction: a header says ``Andel`` (no ``%``, no ``procent``, nor
    does the caption or the section) over bare numbers, none printed with ``%`` nor
    formatted as a percentage, every one within 0–1 and one at least a decimal between
    them (``0,094``, the share of a sheet that the workbook's other sheets show as
    ``9,40 %``). Nothing in the file says whether
    ``0,094`` is a fraction (9,4 %) or 0,094 %: the value is kept as printed with no unit,
    never as ``procent``, and the report says so once per column (or row)."""
    for (kind, _, label), idxs in out.shares.items():
        obs = [out.obs[i] for i in idxs]
        # (the header, the caption or a section may say it: ``Andel`` under ``(%)``)
        if any(_SAYS_PERCENT.search(t) for t in (label, out.caption, obs[0]["section"])):
            continue
        values = [v for o in obs for v in (o["value"], o["value_high"]) if v is not None]
        if not all(0 <= v <= 1 for v in values) or not any(0 < v < 1 for v in values):
            continue
        for o in obs:
            o["unit"] = ""
        first = obs[0]
        out.rep(
            first["line"],
            first["cell_text"],
            first["cell_text"],
            f"andel skriven som bråktal: {'kolumnens' if kind == 'column' else 'radens'} "
            f"{len(obs)} tal ligger alla mellan 0 och 1 utan procenttecken eller procentformat; "
            "läses som de står, utan enhet (inte procent: filen visar inte om 0,094 är 9,4 % "
            "eller 0,094 %)",
            "warning",
            first["row_label"] if kind == "row" else "",
            first["column_label"],
        )


_MARK_AFTER = re.compile(rf"\s*(\*+|[{N.SUPERSCRIPTS}]+)\s*$")
_MARK_END = re.compile(rf"(\*+|[{N.SUPERSCRIPTS}]+)$")


def _cell_mark(text: str, q: N.Quantity) -> str:
    """A marker the cell prints after its value: glued (``119%*``, ``12³``) or alone at
    the cell's end (Folkhälsomyndigheten's interval ``57.9 - 66.7  *``)."""
    m = _MARK_END.search(q.text) or _MARK_AFTER.match(text, q.end)
    return m.group(1) if m else ""


def _mark_note(doc: Document, mark: str) -> str:
    """What the document says a marker means: its footnote, or a paragraph that begins
    with the marker (``*Resultat saknas …`` under the table); else that it says nothing."""
    if mark in doc.footnotes:
        return doc.footnotes[mark]
    for p in doc.paragraphs:
        t = p.text.strip().lstrip("\\")
        if t.startswith(mark) and t[len(mark) :][:1] not in ("", "*", *N.SUPERSCRIPTS):
            rest = t[len(mark) :].strip()
            if re.match(r"[^\W\d_]", rest):
                return rest
    return f"markering '{mark}' vid talet; dokumentet förklarar den inte"


def _with_mark(out: _Out, footnote: str, text: str, q: N.Quantity) -> str:
    """The row's footnote and the value's own marker, never dropped: what the document
    says the marker means, or that it says nothing."""
    mark = _cell_mark(text, q)
    if not mark:
        return footnote
    notes = out.mark_notes
    if mark not in notes:
        notes[mark] = _mark_note(out.doc, mark)
    if not footnote or footnote == notes[mark]:
        return notes[mark]
    return f"{footnote}; {notes[mark]}"


def _record(
    out: _Out,
    g: _Grid,
    row: _Row,
    j: int,
    cell: Cell,
    text: str,
    col: Column,
    q: N.Quantity,
    prose: bool,
) -> None:
    """Step 5: one observation for quantity ``q`` of cell ``j`` in ``row``. Its **unit**
    from the cell, else the column, else the row label (a row that only counts, under a
    section or stub that names a unit, takes theirs), else the section or stub or
    caption; its **year** from the cell, else the row (its label or time column), else
    the column, else the stub header, else the caption. A number in running text
    (``prose``) takes nothing from the column or the row's kind."""
    ccol = Column() if prose else col
    row_label, row_unit = row.label, row.unit
    weak_row = (
        row_unit == "antal"
        and (row.section_unit or g.stub_unit)
        and not _SAYS_ANTAL.search(row_label)
        and not _unit_in_brackets(row_label)
    )  # "Insatser för personer …" in a mnkr table; "Arbetad tid (årsarbetare)" counts
    # a section that names a unit ("% av befolkningen") is its rows' unit
    # unless the column or the row names one
    outer_unit = row.section_unit or g.stub_unit
    context_unit = ccol.unit or (outer_unit if weak_row else row_unit) or outer_unit
    unit = refine(q.unit, context_unit) if q.unit else context_unit
    if q.year is not None:
        year, ysrc = q.year, "cell"
    elif row.year is not None and row.year_source == "row":
        year, ysrc = row.year, "row"
    elif ccol.year is not None:
        year, ysrc = ccol.year, "column"
    elif g.stub_year is not None:
        year, ysrc = g.stub_year, "caption"
    elif g.caption_year is not None and not prose:
        year, ysrc = g.caption_year, "caption"
    else:
        year, ysrc = None, ""
    if unit == "procent":
        out.percent.add(j)
        if not q.unit and not prose:
            if ccol.unit == "procent":
                out.shares.setdefault(("column", j, col.label), []).append(len(out.obs))
            elif row_unit == "procent" and not weak_row:
                out.shares.setdefault(("row", row.srow.order, row_label), []).append(len(out.obs))
    doc = out.doc
    out.obs_rows.append(row.srow)
    out.obs_cols.append((j, not q.value_kind and bool(ccol.value_kind)))
    out.obs.append(
        {
            **out.base,
            "doc_type": doc.doc_type,
            "municipality": doc.municipality,
            "doc_year": doc.doc_year,
            "doc_period": doc.doc_period,
            "table": out.caption,
            "section": row.section,
            "row_label": row_label,
            "category": q.category,
            "entity": q.entity,
            "sex": row.sex,
            "column_label": "" if prose else col.label,
            "year": year,
            "year_source": ysrc,
            "period": q.period or ccol.period or row.period,
            "value_kind": q.value_kind or ccol.value_kind or ("" if prose else row.kind),
            "value": q.value,
            "value_high": q.value_high,
            "qualifier": q.qualifier,
            "unit": unit,
            "line": cell.line_at(q.start),
            "cell_text": g.printed.get((row.i, j), text),
            "footnote": _with_mark(out, row.footnote, text, q),
            "row_order": row.srow.order,
            "row_path": row.path,
            "level": row.level,
            "is_total": False,
            "total_of": "",
            "column_path": "" if prose else PATH_SEP.join(col.label.split(" / ")),
            "is_root": False,
        }
    )


def _tree_blocks(blocks: list[list[StructRow]], rows: list[_Row]) -> list[list[StructRow]]:
    """The blocks that have a row tree: not the records of a long export, where one
    label stands on rows of different years, each dated by its own time column
    (``Total betesmark, hektar | 2011 | 11908``, ``… | 2012 | 10584``): such rows sum
    nothing, whatever their label says."""
    dated: dict[int, tuple[str, int]] = {
        id(r.srow): (r.label, r.year) for r in rows if r.year is not None and r.consumed_year
    }
    out = []
    for block in blocks:
        years: dict[str, set[int]] = {}
        for sr in block:
            if id(sr) in dated:
                label, year = dated[id(sr)]
                years.setdefault(label, set()).add(year)
        if not any(len(y) >= 2 for y in years.values()):
            out.append(block)
    return out


def _row_tree(blocks, obs, obs_rows, percent, rep) -> None:
    """Totals and the parts they sum, proven by the table's own arithmetic; a named total
    that does not add up is reported. The bottom line of each block is its root."""
    roots: set[int] = set()
    first_line: dict[int, int] = {}  # a row's first line among the observations
    for rows in blocks:
        unproven = find_totals(rows, percent)
        if unproven and not first_line:  # once, in one pass: never a pass per total
            for o, sr in zip(obs, obs_rows, strict=True):
                if id(sr) not in first_line or o["line"] < first_line[id(sr)]:
                    first_line[id(sr)] = o["line"]
        for i in unproven:
            r = rows[i]
            if not any(j not in percent for j in r.values):
                continue  # shares alone (or no value): nothing summed, nothing to say
            rep(
                first_line.get(id(r), 0),
                r.label,
                r.label,
                "summaraden stämmer inte med raderna ovan eller under den; "
                "läses som summa utan angivna delar",
                "info",
                r.label,
            )
        for r in rows:
            r.total_of = ";".join(str(rows[k].order) for k in r.parts)
            # a total over rows of other sections stands above the sections
            r.above = any(rows[k].section != r.section for k in r.parts)
            if r.first:  # its parts stand under it in the row tree
                for k in r.parts:
                    rows[k].path = f"{r.path}{PATH_SEP}{rows[k].label}"
                    rows[k].level = r.level + 1
        top = root(rows)
        if top is not None:
            roots.add(id(rows[top]))
    for o, r in zip(obs, obs_rows, strict=True):
        o["row_path"], o["level"] = r.path, r.level
        if r.is_total:
            o["is_total"] = True
            o["total_of"] = r.total_of
            o["is_root"] = id(r) in roots
            if r.above:
                o["level"] = 0
                o["row_path"] = r.label


def _result_only(label: str) -> bool:
    """A header whose kind only the word ``Resultat`` gives (``Resultat``, ``Resultat
    period``): read as utfall, it may be a deviation the table computes."""
    return L.value_kind_of(label) == "utfall" and not L.value_kind_of(
        re.sub(r"\bresultat\b", "", label, flags=re.IGNORECASE)
    )


def _deviations(out: _Out, rows: list[_Row]) -> None:
    """Step 7: a column the header calls a result (``Resultat``, read as utfall) that the
    table's own arithmetic shows to be the difference of two of its columns is a
    deviation: in every row with a value in it (three rows at least) it equals one
    column less another, within their rounding (:func:`structure.allowance`), and the
    column subtracted is not zero throughout (dev_08: ``Utfall`` 125,2 − ``Årsbudget``
    94,4 = ``Resultat`` 30,8). Its values take the kind avvikelse, and the report says
    of which columns. A result that is a sum (income and negative costs: ``Resultat
    period`` = 20,5 + −13,7) or that no pair of columns gives stays as its header says."""
    blocks: dict[int, list[_Row]] = {}
    for row in rows:
        blocks.setdefault(id(row.columns), []).append(row)
    for block in blocks.values():
        columns = block[0].columns
        for j, col in enumerate(columns):
            if not _result_only(col.label) or j in out.percent:
                continue
            have = [r.srow for r in block if j in r.srow.values]
            if len(have) < 3:
                continue
            pair = _difference_of(have, j, len(columns), out.percent)
            if pair is None:
                continue
            a, b = (columns[x].label for x in pair)
            ids = {id(r) for r in have}
            changed = False
            for k, o in enumerate(out.obs):
                jj, from_column = out.obs_cols[k]
                if jj == j and from_column and id(out.obs_rows[k]) in ids:
                    o["value_kind"] = "avvikelse"
                    changed = True
            if changed:
                first = next(o for k, o in enumerate(out.obs) if out.obs_cols[k][0] == j)
                out.rep(
                    first["line"],
                    col.label,
                    col.label,
                    f"kolumnen '{col.label}' är '{a}' minus '{b}' på varje rad (tabellens "
                    "egen räkning): läses som avvikelse",
                    "info",
                    "",
                    col.label,
                )


def _difference_of(
    have: list[StructRow], j: int, width: int, skip: set[int]
) -> tuple[int, int] | None:
    """The first pair of columns (a, b) with ``a − b`` = column ``j`` in every row of
    ``have``, neither zero throughout; None when no pair gives it."""
    for a in range(width):
        for b in range(width):
            if len({a, b, j}) < 3 or a in skip or b in skip:
                continue
            if not any(r.values.get(b) for r in have) or not any(r.values.get(a) for r in have):
                continue
            if all(
                a in r.values
                and b in r.values
                and abs(r.values[a] - r.values[b] - r.values[j])
                < allowance(r.decimals.get(j, 0), [r.decimals.get(a, 0), r.decimals.get(b, 0)])
                - 1e-9
                for r in have
            ):
                return a, b
    return None


def _unit_in_brackets(label: str) -> bool:
    """A row label that ends by naming what it counts in brackets, as a unit is stated:
    "Arbetad tid (årsarbetare)" under "Belopp i tkr" counts årsarbetare."""
    m = re.search(r"\(([^()]+)\)\W*$", label)
    return m is not None and L.unit_of(m.group(1)) == "antal"


_NAMED = re.compile(r"[^\W\d_]{2}")  # a name: two letters in a row
