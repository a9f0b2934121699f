"""Nothing lost, nothing invented — measured.

Two shares over a parse result:

- **accounted**: of every run of digits in a table's body cells right of the row labels
  (the ``cells`` frame: every value a table prints is in such a cell), the share that is
  accounted for — inside a number that became an observation from that cell, or a token
  that a parse-report row from that cell names, or a year that dates an observation of
  that table. Digit runs are found by a plain ``\\d+`` search, not by the parser's own
  tokenizer, so a number the tokenizer does not see is counted as lost.
- **lines**: of every line of a document that looks like a table row (two or more values,
  not a sentence, a heading, a table of contents or a page mark), the share with an
  observation or a parse-report row at it — whether or not a table was recognised there.
  A line outside the tables found that nothing was read from is itself reported, as
  ``tabellrad som inte lästes`` with its text.
- **printed**: of every observation, the share whose value is printed on its line of the
  document (the line's text, read again, holds a number equal to the value; or, where
  spaces both group thousands and separate columns, the observation's cell text stands on
  the line between spaces and reads as the value).

``account(result)`` returns both with the items that fail, so a user sees what was lost.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

import pandas as pd

from . import labels as L
from . import numparse as N
from . import tables as T
from .continuation import FURNITURE_LINE, furniture_lines
from .model import Document, Heading, Paragraph, Table
from .readers.cellrun import glued_numbers

_DIGITS = re.compile(r"(?<![A-Za-zÅÄÖåäö\d])\d+")
# a cell's digits that are a label's, not a value's: a code glued to a letter by a hyphen
# (``år T-1``, ``grundskola (f-9)``, as Kolada's KPI descriptions write them) and the
# base of a rate after a word and a slash (``antal/1000 inv``, ``döda/100 000 inv``),
# a school year (``åk. 9``, ``årskurs 9``)
_IN_LABEL = re.compile(
    r"(?<=[A-Za-zÅÄÖåäö]-)\d+(?!\d|[,.]\d)"
    r"|(?<=[A-Za-zÅÄÖåäö]/)\d+(?:[ \u00a0\u202f]\d{3})*(?=\s?[A-Za-zÅÄÖåäö]|\s*$)"
    r"|(?:(?<=\b[åÅ]k\. )|(?<=\b[åÅ]k )|(?<=\b[åÅ]rskurs ))\d{1,2}(?!\d)"  # a school year
)
_CELL_SPLIT = re.compile(r"\t|(?<!\\)\|")


@dataclass
class Accounting:
    digit_runs: int
    accounted: int
    observations: int
    printed: int
    lost: list[dict] = field(default_factory=list)  # digit runs not accounted for
    not_printed: list[dict] = field(default_factory=list)  # observations not on their line
    table_lines: int = 0  # lines that look like table rows, in the whole document
    lines_read: int = 0  # of those, lines with an observation or a report row
    unread: list[dict] = field(default_factory=list)  # table-like lines nothing was read from

    def __add__(self, other: Accounting) -> Accounting:
        """Two parts of a corpus (batches of documents) accounted together."""
        return Accounting(
            self.digit_runs + other.digit_runs,
            self.accounted + other.accounted,
            self.observations + other.observations,
            self.printed + other.printed,
            self.lost + other.lost,
            self.not_printed + other.not_printed,
            self.table_lines + other.table_lines,
            self.lines_read + other.lines_read,
            self.unread + other.unread,
        )

    @property
    def accounted_share(self) -> float:
        return self.accounted / self.digit_runs if self.digit_runs else 1.0

    @property
    def printed_share(self) -> float:
        return self.printed / self.observations if self.observations else 1.0

    @property
    def lines_share(self) -> float:
        return self.lines_read / self.table_lines if self.table_lines else 1.0


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _lists(*columns: pd.Series) -> list[list]:
    """The columns as Python lists, to be walked row by row (a pandas text column yields
    its values one boxed scalar at a time)."""
    return [c.tolist() for c in columns]


def _cell_key(df: pd.DataFrame, text_col: str) -> pd.Series:
    return df["source"] + "\x1f" + df["table_id"] + "\x1f" + df[text_col]


def account_cells(
    cells: pd.DataFrame, observations: pd.DataFrame, report: pd.DataFrame
) -> tuple[int, int, list[dict]]:
    """(digit runs, accounted, the lost ones) over the tables' body cells."""
    obs = observations[observations["table"] != "text"]
    values: dict[str, Counter] = defaultdict(Counter)
    for key, text, v, hi in zip(
        *_lists(_cell_key(obs, "cell_text"), obs["cell_text"], obs["value"], obs["value_high"]),
        strict=True,
    ):
        pair = (float(v), None if pd.isna(hi) else float(hi))
        values[key][pair] += 1
        read_as = _as_read(text) if isinstance(text, str) else text
        if read_as != text:
            # the grid cell holds the text as its table's convention read it
            # (tables._columns), the observation the text as printed
            values[key[: len(key) - len(text)] + read_as][pair] += 1
    tokens: dict[str, list[str]] = defaultdict(list)
    rep = report[report["table_id"] != ""]
    for key, tok in zip(*_lists(_cell_key(rep, "cell_text"), rep["token"]), strict=True):
        tokens[key].append(tok)
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    dated = obs[obs["year_source"].isin(["cell", "row"]) & obs["year"].notna()]
    for s, t, y in zip(*_lists(dated["source"], dated["table_id"], dated["year"]), strict=True):
        years[(s, t)].add(int(y))

    total = accounted = 0
    lost: list[dict] = []
    for key, s, t, text, line in zip(
        *_lists(
            _cell_key(cells, "text"), cells["source"], cells["table_id"], cells["text"],
            cells["line"],
        ),
        strict=True,
    ):  # fmt: skip
        plain = N.strip_tags(text)  # markup is not content
        runs = [m.span() for m in _DIGITS.finditer(plain)]
        if not runs:
            continue
        available = values.setdefault(key, Counter())
        covered: list[tuple[int, int]] = [m.span() for m in _IN_LABEL.finditer(plain)]
        for tok in N.tokens(plain):
            # a report row names the token, or the whole cell the token stands in
            ok = any(tok.text in r for r in tokens.get(key, []) if r)
            if not ok and tok.value is not None:
                for (v, hi), n in available.items():
                    if n > 0 and (_same(v, tok.value) or _same(hi, tok.value)):
                        available[(v, hi)] -= 1  # one observation accounts for one number
                        ok = True
                        break
            year = _period_year(tok)
            if not ok and year is not None:
                ok = year in years.get((s, t), set())
            if ok:
                covered.append((tok.start, tok.end))
        for a, b in runs:
            total += 1
            if any(x <= a and b <= y for x, y in covered):
                accounted += 1
            else:
                lost.append(
                    {"source": s, "table_id": t, "line": line, "text": text, "digits": plain[a:b]}
                )
    return total, accounted, lost


def _as_read(text: str) -> str:
    """A figure as its table's convention read it (tables._columns): an export's decimal
    point (a number, or an interval ``57.9 - 66.7 *``) as a comma, an English figure
    (``3,983,166.42``) as a Swedish one."""
    if T.ENGLISH_FIGURE.match(text.strip()):
        return text.replace(",", "").replace(".", ",")
    if "," not in text and _POINT_DECIMAL.search(text):
        return _DECIMAL_POINT_IN.sub(",", text)
    return text


def _period_year(tok: N.Token) -> int | None:
    """The year a period token stands in: a year, a date's or a month's year, and the
    first year of a span (``2000-01``, as a long export writes January 2000, is as well
    the span 2000-2001: either way a period of the year 2000, never a value)."""
    if tok.year is not None:
        return tok.year
    if tok.kind == N.YEAR_RANGE:
        return int(tok.text[:4]) if tok.text[:4].isdigit() else None
    return None


def account_printed(
    observations: pd.DataFrame, documents: list[Document]
) -> tuple[int, int, list[dict]]:
    """(observations, printed at their line, the others)."""
    docs = {d.source: d for d in documents}
    cache: dict[tuple[str, int], list[float]] = {}
    total = printed = 0
    missing: list[dict] = []
    for rec in observations[["source", "page", "sheet", "line", "value", "cell_text"]].itertuples():
        doc = docs.get(rec.source)
        total += 1
        lines = doc.lines if doc else []
        if doc is None or not lines or pd.isna(rec.line):
            missing.append({**rec._asdict(), "why": "dokumentets rader saknas"})
            continue
        n = int(rec.line)
        if doc.page_starts:  # PDF pages / sheets: (part, line in part) back to a running line
            part = (
                doc.sheet_names.index(rec.sheet)
                if doc.sheet_names and rec.sheet in doc.sheet_names
                else (int(rec.page) - 1 if not pd.isna(rec.page) else 0)
            )
            n = doc.page_starts[part] + n - 1
        key = (rec.source, n)
        # a web page's line in the file: the text lines laid out from it (readers.html)
        here = "\t".join(lines[k - 1] for k in doc.text_lines(n) if 0 < k <= len(lines))
        if key not in cache:
            text = here
            found: list[float] = []
            for cell in _CELL_SPLIT.split(text):
                for tok in N.tokens(L.clean(cell)):
                    found.extend(v for v in (tok.value, tok.value_high) if v is not None)
            cache[key] = found
        if (
            any(_same(v, rec.value) for v in cache[key])
            or _stands_on_line(rec.cell_text, rec.value, here)
            or _word_on_line(rec.cell_text, rec.value, here)
            or _glued_on_line(rec.cell_text, here)
        ):
            printed += 1
        else:
            missing.append({**rec._asdict(), "why": f"rad {n} visar inte värdet"})
    return total, printed, missing


def _word_on_line(cell_text: str, value: float, line: str) -> bool:
    """A count written as a word (``sju ungdomar``, prose.py) whose word is on the line
    and is the value."""
    text = str(cell_text or "").strip()
    if _same(N.word_number(text), value):
        words = [text.split()[0]]
    else:  # a table's comment cell, read as running text ("minst fem insatser")
        words = [w for w in _LETTERS.findall(text) if _same(N.word_number(w), value)]
    return any(
        re.search(rf"(?<![\wåäö]){re.escape(word)}(?![\wåäö])", line, re.IGNORECASE) is not None
        for word in words
    )


_LETTERS = re.compile(r"[^\W\d_]+")


def _glued_on_line(cell_text: str, line: str) -> bool:
    """The cell's text is one of the numbers of a line whose cells ran together, as
    ``cellrun.read_glued`` splits it (``470,1`` in ``Socialnämnden11,80,0470,1248,6``)."""
    text = str(cell_text or "").strip()
    return bool(text) and "," in text and text in glued_numbers(line)


def _stands_on_line(cell_text: str, value: float, line: str) -> bool:
    """The cell's text is on the line as whole tokens (``3 067`` in ``Bjuv 3 067 3 089``)
    and reads as the value."""
    text = L.clean(str(cell_text or "")).strip()
    shown = re.sub(r"\s+", " ", L.clean(line))
    # a decimal point the reader read as the decimal comma (said in the parse report)
    forms = [text, text.replace(",", ".")] if re.fullmatch(r"[-−–]?\d+,\d+", text) else [text]
    if not text or not any(re.search(rf"(?<!\S){re.escape(f)}(?!\S)", shown) for f in forms):
        return False
    # the word minus before the number is its sign (prose.py: "minus 1,2 miljoner")
    sign = -1 if re.match(r"minus\s", text, re.IGNORECASE) else 1
    # an export's decimal point, read as its table's convention (tables._columns): as
    # the comma it stands for
    readings = [text, _as_read(text)]
    return any(
        _same(sign * v, value)
        for reading in readings
        for tok in N.tokens(reading)
        for v in (tok.value, tok.value_high)
        if v is not None
    )


_POINT_DECIMAL = re.compile(r"[-−–]?\d+\.\d+")
_DECIMAL_POINT_IN = re.compile(r"(?<=\d)\.(?=\d)")


# ---------------------------------------------------------------- whole-document lines

UNREAD = "tabellrad som inte lästes"
_TRAILING_NUMBER = re.compile(r"^(?:[-−–]?\d+(?:[.,]\d+)?%?|\.\.|-|–)$")


_TOKEN_SPLIT = re.compile(r"[\s|]+")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[A-Za-zÅÄÖåäö]{2,}")  # a word: two letters or more
_SENTENCE_MARK = re.compile(r"[\w)][.!?](\s|$)|[.!?:]$")
_PAGE_MARK = re.compile(r"\d+ \(\d+\)")


def _placed_lines(doc: Document) -> set[int]:
    """Lines already placed: in a table found (header rows too: their numbers are
    labels) or in a heading."""
    out: set[int] = set()
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.add(b.line)
        elif isinstance(b, Table):
            out.update(c.line for r in b.rows for c in r.cells)
            out.update(r.line for r in b.rows)
            out.update(line for line, _ in b.notes)
    return out


def _ends_in_numbers(text: str) -> bool:
    """The line ends in a run of two or more number tokens that are not years — a table
    row (``Vård (LVU) 399 2,0 378 1,8``), however its spaces group thousands. A sentence
    wrapped over lines (``2,5 mnkr och 3,1 mnkr under``) ends in words."""
    toks = [t for t in _TOKEN_SPLIT.split(text) if t]  # spaces, tabs, pipes between cells
    k = len(toks)
    while k > 0 and _TRAILING_NUMBER.match(toks[k - 1]):
        k -= 1
    return sum(not _YEAR_TOKEN.fullmatch(t) for t in toks[k:]) >= 2


def _prose_lines(doc: Document) -> set[int]:
    """Lines of paragraphs that read as prose (a dozen words or more, with a sentence)."""
    out: set[int] = set()
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            # (the words counted up to the twelfth: a long paragraph is not read through)
            words = sum(1 for _ in islice(_WORD.finditer(b.text), 12))
            if words >= 12 and _SENTENCE_MARK.search(b.text):
                out.add(b.line)
                out.update(line for _, line in b.starts)
    return out


def table_lines(doc: Document, include_tables: bool = False) -> list[tuple[int, str]]:
    """Every line that looks like a table row — two or more values (not years, dates,
    ranges), not a sentence, a table of contents or a page mark (``3 (17)``) — outside
    headings and (unless ``include_tables``) the tables found. In a prose paragraph only a
    line that ends in two or more numbers counts: a row is judged by its own line, not by
    the paragraph around it. The lines are looked for once per document (``table_like``)."""
    if doc.table_like is None:
        doc.table_like = _table_like(doc)
    skip = _placed_lines(doc) if not include_tables else set()
    return [(n, doc.lines[n - 1].strip()) for n in doc.table_like if n not in skip]


def _table_like(doc: Document) -> list[int]:
    """The numbers of the lines ``table_lines`` gives with ``include_tables``."""
    headings = {b.line for b in doc.blocks if isinstance(b, Heading)}
    # a page's running head or foot (a workbook's parts are sheets, not pages)
    headings |= furniture_lines(doc.lines, [] if doc.sheet_names else doc.page_starts)
    prose = _prose_lines(doc)
    out = []
    for n, text in enumerate(doc.lines, start=1):
        t = N.strip_tags(text).strip().strip("|").strip()
        if not t or n in headings or t.endswith((".", ":", ",")) or "...." in t:
            continue
        if _PAGE_MARK.fullmatch(t) or (t.startswith("#") and n < 8):
            continue  # a page mark; a file's own annotation lines
        # (a prose line counts only by its end: its tokens are not asked for)
        if _ends_in_numbers(t) or (
            n not in prose and sum(tok.kind == N.VALUE for tok in N.tokens(t)) >= 2
        ):
            out.append(n)
    return out


IN_CONTENTS = "innehållsförteckning: sidnummer är inga värden"
_CONTENTS = re.compile(r"\binnehåll(sförteckning)?\b", re.IGNORECASE)
_LEADER_NUMBER = re.compile(r"(?:\.{3,}|…)\s*\d")  # "Sammanfattning... 1"


def contents_lines(doc: Document) -> list[tuple[int, str]]:
    """Lines of a table of contents flattened onto one line (``2 Innehållsförteckning
    1 Ekonomi … 2(16)``, ``Innehåll Nämndens ansvarsområde... 1 Sammanfattning... 1``):
    their numbers are page numbers. A line that says ``Innehåll`` alone is one when two
    of its numbers stand after dot leaders."""
    # one pass, most documents have none: first without the regex (its case-blind \b
    # search is slow over a whole text); "nnehåll" in lower case is in every text the
    # regex matches (none of its letters has another case the regex takes but lower()
    # does not give, as ſ for s and ı for i would)
    whole = "\n".join(doc.lines)
    if "nnehåll" not in whole.lower() or not _CONTENTS.search(whole):
        return []
    return [
        (n, N.strip_tags(text).strip())
        for n, text in enumerate(doc.lines, start=1)
        if _is_contents(text) and sum(t.kind == N.VALUE for t in N.tokens(text)) >= 2
    ]


def _is_contents(text: str) -> bool:
    return any(
        m.group(1) or len(_LEADER_NUMBER.findall(text)) >= 2 for m in _CONTENTS.finditer(text)
    )


FLATTENED = "tal i en tabell utskriven på en rad: kolumnerna går inte att skilja åt, läses inte"


def flattened_numbers(doc: Document, observations: list[dict]) -> list[tuple[int, str, str]]:
    """(line, line text, number) for each number not read on a line outside the tables
    that prints eight or more, two side by side in two places at least (rows: not a
    sentence's, not a contents list's), and reads fewer than half of them: a whole table
    printed on one line (``… Verksamhetens intäkter 125,2 94,4 30,8 157,0 155,7 Verksamhetens
    kostnader …``), as some PDF transcripts give it. Each such number is said, one row
    each, never passed over because another number of its line was read."""
    placed = _placed_lines(doc)
    read: dict[int, Counter] = defaultdict(Counter)
    for o in observations:
        if o.get("line") is not None and o.get("value") is not None:
            read[int(o["line"])][float(o["value"])] += 1
    out = []
    for n, text in enumerate(doc.lines, start=1):
        if n in placed or len(_DIGIT_RUN.findall(text)) < 8:
            continue  # fewer than eight runs of digits: fewer than eight numbers, at once
        values = [t for t in N.tokens(text) if t.kind in _NUMERIC]  # glued ones too
        if len(values) < 8 or _rows_of_numbers(text, values) < 2:
            continue
        left = read.get(n, Counter()).copy()
        unread = []
        for t in values:
            if t.value is not None and left[t.value] > 0:
                left[t.value] -= 1
            else:
                unread.append(t.text)
        if len(unread) * 2 > len(values):
            out += [(n, N.strip_tags(text).strip(), tok) for tok in unread]
    return out


_DIGIT_RUN = re.compile(r"\d+")  # each number prints one run of digits or more


def _rows_of_numbers(text: str, values: list[N.Token]) -> int:
    """How many runs of two numbers or more, only spaces between them, ``text`` prints:
    a table's rows (``Tillväxtenheten 2,8 3,0 0,2 Verksamhetsstöd 1,7 1,8 0,1``), where a
    sentence's numbers stand one by one among its words or apart by ``/`` (``(229 926 /
    241 624 / 268 177)``) and a contents list's page numbers one after each heading."""
    rows = length = 0
    for before, t in zip((None, *values), values, strict=False):
        if before is not None and not text[before.end : t.start].strip():
            length += 1
            rows += length == 2
        else:
            length = 1
    return rows


IN_HEADING = "tal i rubrik, inget värde"
IN_SECTION = "tal i avsnittsrubrik i tabellen, inget värde"
IN_TABLE_HEADER = "tal i tabellhuvud, del av kolumnrubriken, inget värde"
IN_PROSE = "tal i löptext utan enhet"
AMOUNT_ALONE = "belopp som ingen tabell eller mening bär (en rad för sig): läses inte"
_NUMERIC = (N.VALUE, N.MALFORMED)
# a number printed as an amount: decimals, a thousands' space or a sign (a heading's
# own numbers are small whole ones: "2 Barn- och ungdomsnämnden", "Prognos 1")
_PER = re.compile(r"(?<![\wåäö])per\s+$", re.IGNORECASE)  # "per 1 000 invånare": a unit's
_AMOUNT = re.compile(r"\d,\d|\d[ \u00a0\u202f]\d{3}(?!\d)|^[-\u2212\u2013+]\s?\d")


def numbers_not_values(doc: Document, seen: set[int]) -> list[tuple[int, str, str]]:
    """(line, text, reason) for each line of a heading, a table's header rows, a section's
    name inside a table or running text that prints two or more numbers (not years,
    dates, ranges), does not end a sentence, and has no observation or report row yet
    (``seen``): numbers that are part of a title, a column label or text without a unit.
    Said at their line, never silently passed over — the same lines ``table_lines`` would
    count, had they not been placed."""
    kinds: dict[int, str] = {}
    for b in doc.blocks:
        if isinstance(b, Heading):
            kinds[b.line] = IN_HEADING
        elif isinstance(b, Table):
            for r in b.rows[: b.header_rows or 0]:
                kinds.setdefault(r.line, IN_TABLE_HEADER)
            for r in b.rows[b.header_rows or 0 :]:
                # a label alone over the rows below (``Insatser enligt 4 kap 1 § SoL``)
                filled = [c for c in r.cells if c.text.strip()]
                if len(filled) == 1 and not filled[0].starts and len(filled[0].text) <= 100:
                    kinds.setdefault(r.line, IN_SECTION)
        elif isinstance(b, Paragraph):
            for n in (b.line, *(line for _, line in b.starts)):
                kinds.setdefault(n, IN_PROSE)
    for n in furniture_lines(doc.lines, [] if doc.sheet_names else doc.page_starts):
        if n in kinds and kinds[n] in (IN_HEADING, IN_PROSE):
            kinds[n] = FURNITURE_LINE  # a page's running head or foot: "Årsrapport 2 (11)"
    out = []
    for n, reason in sorted(kinds.items()):
        if n in seen or not 0 < n <= len(doc.lines):
            continue
        text = N.strip_tags(doc.lines[n - 1]).strip()
        if text.endswith((".", ":", ",")) or re.search(r"\.{4,}", text):
            continue  # a sentence (its numbers are read by the prose rules), a contents line
        if re.fullmatch(r"\d+ \(\d+\)", text):
            continue  # a page mark
        if text.startswith("#") and n < 8 and reason == IN_HEADING:
            continue  # a file's own annotation lines
        toks = N.tokens(text)
        numeric = sum(t.kind in _NUMERIC for t in toks)
        if numeric >= 2 or (numeric == 1 and _look_alike_runs(toks)[0] >= 1):
            # two numbers, or one beside an ordinal, a week or a case number ("det 3:e
            # kvartalet … 45"): a line that prints two, said as the block's numbers
            out.append((n, text, reason))
        elif numeric == 1 and any(
            t.kind in _NUMERIC and _AMOUNT.search(t.text) and not _PER.search(text, 0, t.start)
            for t in toks
        ):
            # one number printed as an amount (decimals, a thousands' space, a sign):
            # a value no reader placed ("Summa RÖRELSEINTÄKTER 762 865,42" alone between
            # blank lines, taken for a heading), said as such
            out.append((n, text, AMOUNT_ALONE))
        elif numeric == 0:
            named = not_value_kinds(text, toks)
            if named:
                out.append((n, text, named))
    return out


# The not-value kinds whose digits look like numbers to a reader ("1:e", "v 36-38",
# "Dnr: 2015/24-IFN-041"); years, dates and ranges do not make a line look like a row.
_LOOK_LIKE_NUMBERS = {
    N.ORDINAL: "ordningstal",
    N.DIARIE: "diarienummer",
    N.WEEK: "veckonummer",
    N.QUARTER: "kvartal",
}


def _look_alike_runs(toks: tuple[N.Token, ...]) -> tuple[int, list[str]]:
    """The runs of digits (years aside) in tokens that look like numbers and are none,
    and the names of their kinds in order."""
    kinds: list[str] = []
    runs = 0
    for t in toks:
        if t.kind not in _LOOK_LIKE_NUMBERS:
            continue
        digits = [d for d in _DIGITS.findall(t.text) if not _YEAR_TOKEN.fullmatch(d)]
        if digits:
            runs += len(digits)
            if _LOOK_LIKE_NUMBERS[t.kind] not in kinds:
                kinds.append(_LOOK_LIKE_NUMBERS[t.kind])
    return runs, kinds


def not_value_kinds(text: str, toks: tuple[N.Token, ...]) -> str:
    """Why a line none of whose tokens is a value prints numbers all the same: ``1:e vice
    ordförande … 2:e vice ordförande`` or ``Dnr: 2015/24-IFN-041`` shows two or more runs of
    digits (years aside) in tokens the parser classes as no values. The reason names those
    kinds (``ordningstal, inget värde``); '' for a line that shows fewer."""
    runs, kinds = _look_alike_runs(toks)
    if runs < 2:
        return ""
    names = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " och " + kinds[-1]
    return f"{names}, inget värde"


def account_lines(observations: pd.DataFrame, report: pd.DataFrame, documents: list[Document]):
    """(table-like lines, those with an observation or a parse-report row at them other
    than ``tabellrad som inte lästes``, the others as records)."""
    seen: dict[str, set[int]] = defaultdict(set)
    read = report[report["reason"] != UNREAD]
    docs = {d.source: d for d in documents}
    for df in (observations, read):
        for src, page, sheet, line in zip(
            *_lists(df["source"], df["page"], df["sheet"], df["line"]), strict=True
        ):
            if pd.isna(line):
                continue
            doc = docs.get(src)
            n = int(line)
            if doc is not None and doc.page_starts:
                part = (
                    doc.sheet_names.index(sheet)
                    if doc.sheet_names and sheet in doc.sheet_names
                    else (int(page) - 1 if not pd.isna(page) else 0)
                )
                n = doc.page_starts[part] + n - 1
            seen[src].update(doc.text_lines(n) if doc is not None else (n,))
    total = accounted = 0
    unread: list[dict] = []
    for doc in documents:
        headers = {r.line for t in doc.tables for r in t.rows[: t.header_rows or 0]}
        for n, text in table_lines(doc, include_tables=True):
            total += 1
            if n in seen[doc.source] or n in headers:
                accounted += 1
            else:
                unread.append({"source": doc.source, "line": n, "text": text})
    return total, accounted, unread


def account(result) -> Accounting:
    """Both shares over a :class:`~sonanalys.observations.ParseResult`."""
    runs, ok, lost = account_cells(result.cells, result.observations, result.report)
    n, printed, not_printed = account_printed(result.observations, result.documents)
    lines, read, unread = account_lines(result.observations, result.report, result.documents)
    return Accounting(runs, ok, n, printed, lost, not_printed, lines, read, unread)
