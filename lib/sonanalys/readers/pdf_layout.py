"""Unruled tables on a PDF page, found from where their text stands, and read as
structures: what Word, Excel and web pages print when a table has no cell borders (a
rule under the header at most).

The steps, each a function below:

1. ``phrases``: each line's runs as cells of text — runs apart by less than a word gap
   are one phrase (``Politisk verksamhet``, ``1 033``);
2. ``anchors``: the page's columns of numbers — right-aligned numbers whose right edges
   line up on two lines or more;
3. ``find``: a table is a stretch of lines with numbers on those anchors; label-only
   lines between them (a section, a wrapped label's other line) and lines of the header
   above the first data row belong to it, a line of running text or a wide gap ends it;
4. ``header``: the header lines, each phrase put in the column it stands over (a phrase
   over several columns' numbers spans them), stacked per column into one header cell
   (``Intäkter`` / ``2019`` → ``Intäkter / 2019``; ``Förändring den senaste`` /
   ``månaden`` → one phrase);
5. ``rows``: a label wrapped over several lines is one label whichever of its lines its
   values stand on (top, middle or bottom of the cell): the lines of one cell stand
   closer than the rows do; a label-only line that belongs to no values is a section row
   (kept, so the row tree has its parent); a column a row leaves empty stays empty.

The table is given to the text layouts as a pipe table whose separator says where the
header ends, as the HTML reader does; a table without a header as tab lines."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from operator import attrgetter, itemgetter
from statistics import median

from ..continuation import furniture_lines, page_mark
from ..labels import completes_word, continues_above
from .pdfium_page import Run
from .render import tab_lines

# a value as printed in a cell: 1 033, -81,5, – 614, 3,7 %, 39%, 2,5 mnkr, 144 kr/dygn
_NUMBER = re.compile(
    r"^[−–+-]?\s?\d[\d \u00a0\u202f]*(?:[,.]\d+)?\s?"
    r"(?:%|(?:mnkr|mkr|tkr|t\.kr|kr|st)(?:/[a-zåäö]+)?)?$"
)
_EMPTY = re.compile(r"^(?:[−–-]|\.\.?|i u)$")  # an empty value: a dash, "..", "i u"
# a header's number: a year, a span of years, a period
_YEAR = re.compile(r"^(?:19|20)\d\d(?:\s?[/–-]\s?(?:(?:19|20)?\d\d))?$")
_CONJUNCTION = re.compile(r"^(?:och|eller|samt)\b")
_GOES_ON = re.compile(r"(?:,|\boch|\beller|\bsamt|\bav|\bpå|\bför|\bi|\btill|/)$")
# a phrase left open at a line end: a preposition and an adjective or participle whose
# noun begins the next line (``Avvik. mot periodiserad`` / ``budget*``)
_OPEN_ATTRIBUTE = re.compile(
    r"\b(?:mot|med|enligt|för|till|från|av|än)\s+\w+(?:ad|ade|ande|ende|ig|iga|isk|iska)$",
    re.IGNORECASE,
)
_WORD_HYPHEN = re.compile(r"\w-$")  # a line that ends in a word and a hyphen
_LETTER_HYPHEN = re.compile(r"[a-zåäöA-ZÅÄÖ]-$")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# a date wrapped after its day: the day ends a line, its month begins the next
_DAY = re.compile(r"(?:^|\s)(?:[1-9]|[12]\d|3[01])$")
# a day and month that begin a header cell's line: the date of the phrase above it
_DAY_MONTH = re.compile(r"(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])(?:\s|$)")
_MONTH = re.compile(
    r"(?:jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?"
    r"|sept?(?:ember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s|$)",
    re.IGNORECASE,
)

#: Put after a cell line's text where the line ends inside a word: a word wider than its
#: cell, broken where the cell ends with no hyphen (``Ombyggnad/tillgängliggöran`` /
#: ``de Hafreborg``); ``join_lines`` joins the next line to it without a space. A soft
#: hyphen, as it means just that; ``join_spanned`` takes away any left over.
BREAK = "\u00ad"
#: Put after a cell line's text that ends in a hyphen the page's text keeps a space after
#: (``IOP- människor``: a hyphen that ends a word of its own, not a compound's hyphen at
#: a line end); ``join_lines`` joins the next line to it with the space. A word joiner,
#: never left at a cell's end (only lines with one below are marked).
SPACED = "\u2060"
_WORD_FILLS = 0.6  # of the font size: less room than one more character would need

ALIGN = 2.0  # points: right edges within this stand in one column
MIN_LINES = 2  # numbers on an anchor on at least this many lines


@dataclass(eq=False)
class Phrase:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def number(self) -> bool:
        return _NUMBER.match(self.text) is not None

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(eq=False)
class Line:
    index: int  # the line's place among the region's lines
    phrases: list[Phrase]
    top: float
    bottom: float
    base: float = 0.0  # its baseline (estimated): where lines are measured from
    pos: int = 0  # its place in the list of lines with text


@dataclass
class Table:
    """A table found: the lines it covers (``first`` up to ``end``), its header lines
    and body lines, and its columns of numbers (right edges, left to right)."""

    first: int
    end: int
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    anchors: list[float] = field(default_factory=list)
    value_left: float = 0.0  # where the value columns begin: left of it, labels
    label_right: float = 0.0  # where the body's labels end
    stub_split: float | None = None  # a code column left of the labels ends here
    text_columns: list[tuple[float, float]] = field(default_factory=list)  # left, right
    caption: list[str] = field(default_factory=list)  # its own title, when beside another
    em: float = 0.0  # the text's size in points
    # a column of numbers whose text begins left of its numbers: its anchor, that left
    lefts: dict[float, float] = field(default_factory=dict)
    # numbers set left under a header set right (``_set_left_under``): where they end,
    # the anchor of the header's column
    merged: dict[float, float] = field(default_factory=dict)


# ---------------------------------------------------------------- 1. phrases


def phrases(runs: list[Run]) -> list[Phrase]:
    """A line's runs (left to right) as phrases: runs nearer than most of the line's
    height (a word space, a thousands space) are one phrase; a wider gap begins a cell."""
    out: list[Phrase] = []
    height = median(r.bottom - r.top for r in runs) if runs else 0.0
    for run in runs:
        text = run.text.strip()
        if not text:
            continue
        last = out[-1] if out else None
        if last is not None and run.x0 - last.x1 <= 0.9 * height:
            sep = "" if run.x0 - last.x1 <= 0.1 * height and not run.spaced else " "
            last.text = (last.text + sep + text).strip()
            last.x1 = max(last.x1, run.x1)
            last.top = min(last.top, run.top)
            last.bottom = max(last.bottom, run.bottom)
        else:
            out.append(Phrase(run.x0, run.top, run.x1, run.bottom, text))
    return out


_DESCENDER = re.compile(r"[gjpqyQ()\[\]{}]")
_SHALLOW = re.compile(r"[,;/]")  # below the baseline by half as much as a g (0,1 em)
_TALL = re.compile(r"[A-ZÅÄÖ0-9bdfhklt]")


def _descent(text: str, em: float) -> float:
    """How far a phrase's glyphs reach below its baseline: a ``g`` or ``(`` a fifth of
    an em, a comma or slash half as far."""
    if _DESCENDER.search(text):
        return 0.22 * em
    return 0.1 * em if _SHALLOW.search(text) else 0.0


def _lines(groups: list[list[Run]]) -> tuple[list[Line], float]:
    """The region's lines as phrases, each with its baseline, and the text's em (its
    size in points). A run's box is its glyphs' box: its bottom is the baseline unless a
    letter reaches below it (``g``, ``j``, ``(``; a comma or slash by half as much), so
    lines are measured baseline to baseline, whatever letters they hold."""
    out = []
    for i, runs in enumerate(groups):
        ps = phrases(runs)
        if ps:
            out.append(Line(i, ps, min(p.top for p in ps), max(p.bottom for p in ps)))
            out[-1].pos = len(out) - 1
    tall = [
        p.bottom - p.top
        for ln in out
        for p in ln.phrases
        if _TALL.search(p.text) and not _DESCENDER.search(p.text)
    ]
    cap = median(tall) if tall else median(ln.bottom - ln.top for ln in out) if out else 1.0
    em = max(cap / 0.72, 1.0)
    for ln in out:
        ln.base = median(p.bottom - _descent(p.text, em) for p in ln.phrases)
    return out, em


# ---------------------------------------------------------------- 2. anchors


def anchors(lines: list[Line]) -> list[float]:
    """Right edges shared by numbers on at least ``MIN_LINES`` lines: the columns of
    right-aligned numbers."""
    edges = sorted((p.x1, ln.index) for ln in lines for p in ln.phrases if p.number)
    out: list[float] = []
    group: list[tuple[float, int]] = []
    for edge in [*edges, (float("inf"), -1)]:
        if group and edge[0] - group[-1][0] > ALIGN:
            if len({i for _, i in group}) >= MIN_LINES:
                out.append(median(x for x, _ in group))
            group = []
        group.append(edge)
    return out


def _snap_left_aligned(lines: list[Line]) -> list[float]:
    """Numbers set left-aligned in their column (a Word table's default): numbers whose
    left edges line up are one column; when two lines or more of them end elsewhere
    than the right edge most of them share (else than the widest), or every number
    ending at that edge begins here too, each gets that edge, so the column is found as
    a right-aligned one is. (A right-aligned column's numbers that begin at one place
    also end at one place; a header's number that happens to begin there is one line,
    and stays.) Answers where each such column begins: text
    that begins there stands in it (``Vuxna (SoL, LVM, LPT)`` among fees)."""
    right = anchors(lines)
    found: list[float] = []  # where each left-aligned column begins
    starts = sorted(
        ((p.x0, ln.index, p) for ln in lines for p in ln.phrases if p.number),
        key=lambda e: e[0],
    )
    group: list[tuple[float, int, Phrase]] = []
    for entry in [*starts, None]:
        if group and (entry is None or entry[0] - group[-1][0] > ALIGN):
            on = [a for _x, _i, p in group if (a := _on(p, right)) is not None]
            target = max(set(on), key=on.count) if on else max(p.x1 for _x, _i, p in group)
            off = [(i, p) for _x, i, p in group if abs(p.x1 - target) > ALIGN]
            lines_off = len({i for i, _p in off}) + (0 if on else 1)  # none on an edge: all are
            if not off and len({i for _x, i, _p in group}) >= MIN_LINES:
                # numbers of one width, set left or right: text that begins where they
                # begin stands in their column ('Ca 0,6 mnkr' among '1,5 mnkr')
                found.append(min(x for x, _i, _p in group))
            if off and on and _begin_together(lines, target, group):
                lines_off = MIN_LINES  # every number ending there begins here too
            if lines_off >= MIN_LINES:
                for _i, p in off:
                    p.x1 = target
                found.append(min(x for x, _i, _p in group))
            group = []
        if entry is not None:
            group.append(entry)
    return found


def _begin_together(lines: list[Line], edge: float, group: list) -> bool:
    """Every number that ends at ``edge`` begins where the numbers of ``group`` begin:
    the numbers ending together are of one width in a column set left, not a column set
    right (whose numbers of other widths begin elsewhere)."""
    lo = min(x for x, _i, _p in group) - ALIGN
    hi = max(x for x, _i, _p in group) + ALIGN
    return all(
        lo <= p.x0 <= hi
        for ln in lines
        for p in ln.phrases
        if p.number and abs(p.x1 - edge) <= ALIGN
    )


def _on(p: Phrase, edges: list[float]) -> float | None:
    for a in edges:
        if abs(p.x1 - a) <= ALIGN:
            return a
    return None


# ---------------------------------------------------------------- 3. find


def _is_year(text: str) -> bool:
    return _YEAR.match(text.strip()) is not None


def _values(line: Line, edges: list[float]) -> list[Phrase]:
    """The line's numbers that stand on an anchor."""
    return [p for p in line.phrases if p.number and _on(p, edges) is not None]


def _crosses(p: Phrase, edges: list[float], value_left: float) -> bool:
    """Text from the label column running over a column of numbers: running text."""
    return p.x0 < value_left - ALIGN and any(p.x1 > a + ALIGN for a in edges)


def find(groups: list[list[Run]], whole: bool = True) -> list[Table]:
    """The unruled tables among a page region's lines (``groups``: runs per line, in
    reading order), each with its header and body lines; two tables side by side are
    two tables (``_apart``; ``whole``: not yet looked for)."""
    if not _number_lines(groups) or not _numbers_line_up(groups):
        return []  # no column of numbers (most regions of prose): nothing more is made
    lines, em = _lines(groups)
    left_set = _snap_left_aligned(lines)
    edges = anchors(lines)
    if not edges:
        return []
    starts = sorted([*_text_columns(lines, edges), *left_set])
    data = [bool(_values(ln, edges)) for ln in lines]
    out: list[Table] = []
    k = 0
    while k < len(lines):
        if not data[k]:
            k += 1
            continue
        t = _body(lines, data, k, edges, em, starts)
        if t is None:
            k += 1
            continue
        _header(lines, t, em)
        if t.header and len(t.anchors) > 1:
            _set_left_under(t)
        if (
            sum(bool(_values(ln, t.anchors)) for ln in t.body) >= 2
            and not _prose(t)
            and not _toc(t)
        ):
            out.append(t)
        k = t.body[-1].pos + 1
    return _apart(out, groups) if whole else out


def _apart(found: list[Table], groups: list[list[Run]]) -> list[Table]:
    """Each table that is two tables side by side (``_side_by_side``) read as two: the
    region's runs left of where the second begins, and from there on, each read on its
    own; both cover the same lines, the left one first."""
    out: list[Table] = []
    for t in found:
        x = _side_by_side(t)
        if x is None:
            out.append(t)
            continue
        cut = x - ALIGN
        parts: list[Table] = []
        for side in (
            [[r for r in g if r.x0 < cut] for g in groups],
            [[r for r in g if r.x0 >= cut] for g in groups],
        ):
            found_here = [p for p in find(side, whole=False) if p.first < t.end and p.end > t.first]
            if found_here:
                _caption(found_here[0], side)
            parts.extend(found_here)
        if len(parts) < 2:
            out.append(t)
            continue
        first, end = min(p.first for p in parts), max(p.end for p in parts)
        for p in parts:  # each covers the lines of both, so neither's lines are read twice
            p.first, p.end = first, end
        out.extend(parts)
    return out


def _caption(t: Table, side: list[list[Run]]) -> None:
    """A table beside another takes its own title: the line of text right above it on
    its side (no number in it, as close as 2,6 em), which it covers."""
    lines, em = _lines(side)
    top = (t.header[0] if t.header else t.body[0]).pos
    if top == 0:
        return
    ln, below = lines[top - 1], lines[top]
    if below.base - ln.base <= 2.6 * em and not any(p.number for p in ln.phrases):
        t.caption = [" ".join(p.text for p in ln.phrases)]
        t.first = ln.index


def _side_by_side(t: Table) -> float | None:
    """Where a second table begins beside this one, if it does: a column of text (its
    labels) with columns of numbers left of it and right of it, beginning two rows or
    more that have numbers right of it, whose columns repeat the headers of the columns
    left of it (``2023 | 2024`` twice) or whose labels repeat the labels left of it
    (``HVB``, ``Familjehem``). A column of text between numbers that is neither (a
    ``Status`` between ``Budget`` and ``Prognos``) stays a column of the table."""
    for x0, _x1 in t.text_columns:
        left = [a for a in t.anchors if a < x0]
        right = [a for a in t.anchors if a > x0]
        if not left or not right:
            continue
        labels = [
            next(q.text for q in ln.phrases if abs(q.x0 - x0) <= ALIGN)
            for ln in t.body
            if any(abs(q.x0 - x0) <= ALIGN and not q.number for q in ln.phrases)
            and any(q.number and q.x0 > x0 for q in ln.phrases)
        ]
        if len(labels) < MIN_LINES:
            continue
        heads = [p for ln in t.header for p in ln.phrases]

        def over(cols: list[float], heads: list[Phrase] = heads) -> list[str]:
            return [p.text for a in cols for p in heads if abs(p.x1 - a) <= ALIGN]

        own = {
            p.text
            for ln in t.body
            for p in ln.phrases
            if not p.number and p.x1 < t.value_left - ALIGN
        }
        if (over(left) and over(left) == over(right)) or len(own.intersection(labels)) >= 2:
            return x0
        if len(set(labels)) == len(labels) and _two_titles(t, x0):
            return x0
    return None


def _two_titles(t: Table, x0: float) -> bool:
    """A header line of two titles, no more: one where the table's labels begin, one
    where the column of text at ``x0`` begins (``Antal placerade barn`` and
    ``Kostnad, tkr``), above a line of the left columns' headers."""
    left = min((p.x0 for ln in t.body for p in ln.phrases), default=0.0)
    for k, ln in enumerate(t.header[:-1]):
        ps = ln.phrases
        if (
            len(ps) == 2
            and not any(p.number for p in ps)
            and abs(ps[0].x0 - left) <= ALIGN
            and abs(ps[1].x0 - x0) <= ALIGN
        ):
            return any(p.x0 > ps[0].x1 and p.x1 < x0 for q in t.header[k + 1 :] for p in q.phrases)
    return False


_UNIT_ENDS = ("%", "kr", "st", "dygn", "mån")


def _numbers_line_up(groups: list[list[Run]]) -> bool:
    """A cheap look before the phrases are made: runs ending in a digit on two lines
    whose right edges meet (within a point or so). Most regions of prose have none."""
    ends: dict[int, int] = {}
    starts: dict[int, int] = {}
    for i, runs in enumerate(groups):
        for r in runs:
            t = r.text.strip()
            if t and (t[-1].isdigit() or t.endswith(_UNIT_ENDS)):
                key = round(r.x1)
                if any(ends.get(k, i) != i for k in (key - 2, key - 1, key, key + 1, key + 2)):
                    return True
                ends[key] = i
            if t and (t[0].isdigit() or (t[0] in "+-−–" and t[1:2].strip()[:1].isdigit())):
                key = round(r.x0)  # numbers set left-aligned
                if any(starts.get(k, i) != i for k in (key - 2, key - 1, key, key + 1, key + 2)):
                    return True
                starts[key] = i
    return False


_SIGNS = "+-−–"


def _number_lines(groups: list[list[Run]]) -> bool:
    """Numbers (phrases that are one) on ``MIN_LINES`` lines or more: else no column of
    them is found (``anchors``), however they stand. A phrase begins as its first run
    does, and a number with a digit or a sign: a line none of whose runs begins so has
    none, and its phrases are not made for this."""
    n = 0
    for runs in groups:
        for r in runs:  # (``str.isdigit`` takes in every digit ``_NUMBER``'s ``\d`` does)
            t = r.text.strip()
            if t and (t[0].isdigit() or t[0] in _SIGNS):
                break
        else:
            continue
        if any(p.number for p in phrases(runs)):
            n += 1
            if n >= MIN_LINES:
                return True
    return False


def _table_edges(body: list[Line], edges: list[float]) -> list[float]:
    used: dict[float, int] = {}
    for ln in body:
        for p in _values(ln, edges):
            a = _on(p, edges)
            assert a is not None
            used[a] = used.get(a, 0) + 1
    return sorted(a for a, n in used.items() if n >= MIN_LINES or len(body) < MIN_LINES)


def _body(lines, data, k, edges, em, starts) -> Table | None:
    """The body that begins at data line ``k``: data lines and the label-only lines
    between them, while the lines stand as close as a table's rows."""
    first = lines[k]
    left = min(p.x0 for p in _values(first, edges))
    # a code that begins the rows ('3005  Terminsavgift'): once two rows begin so, a
    # total row's label set from the table's left edge over the codes' column is no
    # running text ('Summa verksamhetsintäkter' under the accounts)
    code = _leading_code(first, edges)
    over = [a for a in edges if a != code] if code is not None else edges
    over_left = min((p.x0 for p in _values(first, over)), default=left)
    coded = int(code is not None)
    body = [first]
    j = k + 1
    gaps: list[float] = []
    while j < len(lines):
        ln = lines[j]
        gap = ln.base - body[-1].base
        limit = max(2.2 * em, 1.9 * median(gaps)) if gaps else 2.6 * em
        if gap > limit and not (gaps and gap <= _SET_APART * median(gaps) and _fills(ln, body)):
            break
        if data[j]:
            by_codes = coded >= 2
            if any(
                _crosses(p, over, over_left) if by_codes else _crosses(p, edges, left)
                for p in ln.phrases
            ):
                break
            left = min(left, *(p.x0 for p in _values(ln, edges)))
            if code is not None:
                over_left = min([over_left, *(p.x0 for p in _values(ln, over))])
                coded += _leading_code(ln, edges) == code
            numbers = [p for p in ln.phrases if p.number]
            e, x = (over, over_left) if by_codes else (edges, left)
            if _not_a_row(ln, e, x, starts, ignore=numbers):
                break  # text beside the numbers that stands in no column (a second column of text)
        elif _not_a_row(ln, edges, left, starts):
            break
        gaps.append(gap)
        body.append(ln)
        j += 1
    _drop_trailing_text(lines, data, body)
    t = Table(first=first.index, end=body[-1].index + 1, body=body, em=em)
    t.anchors = _table_edges(body, edges)
    if not t.anchors:
        return None
    t.anchors = sorted(t.anchors + _lone_columns(body, t.anchors))
    codes = _code_column(body, t.anchors)
    if codes is not None:
        t.anchors.remove(codes)
        if not t.anchors:
            return None
    t.value_left = min(p.x0 for ln in body for p in _values(ln, t.anchors))
    numeric = _columns(t)
    for x0 in starts:
        ends = [p.x1 for ln in body for p in ln.phrases if abs(p.x0 - x0) <= ALIGN]
        if ends and x0 > t.value_left and not any(lo - ALIGN <= x0 <= a for lo, a in numeric):
            x1 = max(ends)
            own = next((a for lo, a in numeric if x0 < lo < x1 <= a + ALIGN), None)
            if own is None:
                own = _dashes_set_left(body, x0, x1, numeric)
            if own is not None:  # text set left in a column whose numbers are set right
                t.lefts[own] = x0
            else:
                t.text_columns.append((x0, x1))  # not where a column of numbers begins
    return t


_SET_APART = 2.5  # of the rows' spacing: a total row set apart by a blank line stands so


def _fills(ln: Line, body: list[Line]) -> bool:
    """``ln`` is a label and values on the columns of numbers the body's last row
    fills, each of them, and on no other (a total set apart under its rows by a blank
    line: 'Summa RÖRELSEINTÄKTER 762 865,42', 'Över-/underskott efter finansiella
    poster' under 'Summa finansiella kostnader'; a chart's labels under its axis' are
    elsewhere)."""
    if len(ln.phrases) < 2 or ln.phrases[0].number:
        return False
    ends = [p.x1 for p in ln.phrases if p.number]
    cols = [p.x1 for p in body[-1].phrases if p.number]
    return (
        len(ends) == len(cols) > 0
        and len(ln.phrases) == len(ends) + 1
        and all(abs(e - c) <= ALIGN for e, c in zip(ends, cols, strict=True))
    )


def _leading_code(ln: Line, edges: list[float]) -> float | None:
    """The anchor of a whole number that begins ``ln`` on the first column of numbers,
    followed by text (an account's or project's code: ``3005  Terminsavgift``)."""
    ps = ln.phrases
    if len(ps) < 2 or ps[1].number or not re.fullmatch(r"\d+", ps[0].text):
        return None
    at = _on(ps[0], edges)
    return at if at is not None and at == edges[0] else None


def _dashes_set_left(
    body: list[Line], x0: float, x1: float, numeric: list[tuple[float, float]]
) -> float | None:
    """A column of dashes alone (no figure: ``-``), set left where the column of numbers
    right of it sets its numbers right (a browser's print of a table whose empty cells
    hold a dash, the dash not taken for a number): that column (its anchor), when no
    row holds both a dash here and a number there, so the dashes stand in its empty
    cells; a dash on two lines at least. None for any other text."""
    nxt = next(((lo, a) for lo, a in numeric if lo > x1), None)
    if nxt is None:
        return None
    dashes: set[int] = set()
    for ln in body:
        for p in ln.phrases:
            if abs(p.x0 - x0) <= ALIGN:
                if p.text.strip() not in _DASHES:
                    return None
                dashes.add(ln.index)
    if len(dashes) < MIN_LINES:
        return None
    a = nxt[1]
    for ln in body:
        if ln.index in dashes and any(p.number and abs(p.x1 - a) <= ALIGN for p in ln.phrases):
            return None
    return a


_DASHES = frozenset("-–—−")


def _code_column(body: list[Line], edges: list[float]) -> float | None:
    """The first column of numbers when it holds codes that name the rows (project or
    account numbers: ``1234  Ombyggnad Hagagården``): whole numbers that begin their
    lines, each followed by a label's text."""
    first = edges[0]
    lines = [ln for ln in body if ln.phrases and _on(ln.phrases[0], [first]) is not None]
    coded = [
        ln
        for ln in lines
        if ln.phrases[0].number
        and re.fullmatch(r"\d+", ln.phrases[0].text)
        and len(ln.phrases) > 1
        and not ln.phrases[1].number
    ]
    return first if len(coded) >= 2 and len(coded) * 3 >= len(lines) * 2 else None


def _text_columns(lines: list[Line], edges: list[float]) -> list[float]:
    """Columns of text beside the numbers (``Kommentar``, ``Status``): text phrases right
    of a line's number that begin at one place on two lines or more."""
    xs = sorted(
        (p.x0, ln.index)
        for ln in lines
        if (vals := _values(ln, edges))
        for p in ln.phrases
        if not p.number and p.x0 > min(v.x1 for v in vals)
    )
    # a text cell wrapped over lines beside a row's values (the row's cells set in the
    # middle or at the top): its lines right above or below a line of values hold text
    # right of the first column of numbers (beside the label's own lines, or alone)
    data = {ln.pos for ln in lines if _values(ln, edges)}
    first = min(edges)
    xs = sorted(
        [
            *xs,
            *(
                (right[0].x0, ln.index)
                for ln in lines
                if (ln.pos - 1 in data or ln.pos + 1 in data)
                and ln.pos not in data
                and not any(p.number for p in ln.phrases)
                and (right := [p for p in ln.phrases if p.x0 > first + ALIGN])
            ),
        ]
    )
    out: list[float] = []
    group: list[tuple[float, int]] = []
    for entry in [*xs, None]:
        if group and (entry is None or entry[0] - group[-1][0] > ALIGN):
            if len({i for _x, i in group}) >= MIN_LINES:
                out.append(min(x for x, _i in group))
            group = []
        if entry is not None:
            group.append(entry)
    return out


def _lone_columns(body: list[Line], edges: list[float]) -> list[float]:
    """Columns with a number on one line only (the other rows leave the cell empty):
    numbers on a data line that stand in no column found, apart from every column's
    numbers."""
    cols = [
        (
            min(
                (p.x0 for ln in body for p in ln.phrases if p.number and abs(p.x1 - a) <= ALIGN),
                default=a,
            ),
            a,
        )
        for a in edges
    ]
    out: list[float] = []
    for ln in body:
        if not _values(ln, edges):
            continue
        for p in ln.phrases[1:]:
            if (
                p.number
                and _on(p, edges) is None
                and _on(p, out) is None
                and p.x0 > min(a for _, a in cols) - ALIGN
                and all(p.x1 < lo - ALIGN or p.x0 > a + ALIGN for lo, a in cols)
            ):
                out.append(p.x1)
    return out


def _prose(t: Table) -> bool:
    """Lines of running text that happen to end in numbers at the margin: the
    labels are long (a table's labels are short, or wrapped in a narrow column), unless
    every row's label stands well apart from its values in two columns of numbers or
    more (``_labels_apart``: long labels on one line each in a wide label column, as a
    table printed across a landscape page sets them)."""
    data = [ln for ln in t.body if _values(ln, t.anchors)]
    words = [len(_label_text(ln, t).split()) for ln in data]
    return bool(words) and median(words) > 10 and not _labels_apart(data, t)


_APART = 3.0  # of the font size: more white than justified running text leaves


def _labels_apart(data: list[Line], t: Table) -> bool:
    """Two columns of numbers or more, and on each data line white of ``_APART`` em or
    more between its label's end and its first value: a line of running text that ends
    in numbers has its words a space apart, however it is justified."""
    if len(t.anchors) < 2:
        return False
    gap = _APART * t.em
    for ln in data:
        values = _values(ln, t.anchors)
        ends = [p.x1 for p in ln.phrases if _is_label(p, t)]
        if not ends or min(v.x0 for v in values) - max(ends) < gap:
            return False
    return True


def _drop_trailing_text(lines: list[Line], data: list[bool], body: list[Line]) -> None:
    """Label-only lines after the last data line are the last row's label going on
    below its values only when closer than the rows stand (or, rows set without space,
    when the text goes on in lower case): a caption or a note below the table is not."""
    after = None
    while len(body) > 1 and not data[body[-1].pos]:
        after = body.pop()
    if after is None:
        return
    k = body[-1].pos
    nxt = lines[k + 1]
    rows = [b.base - a.base for a, b in pairwise(body) if data[a.pos] and data[b.pos]]
    pitches = [b.base - a.base for a, b in pairwise(body)]
    pitch = nxt.base - body[-1].base
    text = " ".join(p.text for p in nxt.phrases)
    if rows and (pitch < min(rows) - 1.0 or (pitch <= min(rows) + 0.5 and continues_above(text))):
        body.append(nxt)
    elif pitches and pitch <= min(pitches) + 0.5 and pitch < max(pitches) - 1.0:
        body.append(nxt)  # as close as a cell's lines stand, closer than its rows


_LEADERS = re.compile(r"(?:\. ?){4,}")


def _toc(t: Table) -> bool:
    """A table of contents or an index: page numbers after leader dots (left to the
    layouts, which know it as such)."""
    return any(_LEADERS.search(p.text) for ln in t.body for p in ln.phrases)


def _not_a_row(
    ln: Line,
    edges: list[float],
    left: float,
    starts: Sequence[float] = (),
    ignore: Sequence[Phrase] = (),
) -> bool:
    """A line that cannot be a table's row: text from the label column that runs on
    where the values stand (running text, a justified paragraph's line), or text right
    of the labels that does not stand within one column (``ignore``: its values)."""
    if any(p.x0 < left - ALIGN and p.x1 > left + ALIGN for p in ln.phrases):
        return True
    return not all(
        _under_column(p, edges, starts)
        for p in ln.phrases
        if p.x0 >= left - ALIGN and all(p is not v for v in ignore)
    )


def _under_column(p: Phrase, edges: list[float], starts: Sequence[float] = ()) -> bool:
    """A text phrase right of the labels stands within one column of numbers (a text
    cell in a value column, a wrapped comment), not across them, or begins where a
    column of text begins (``starts``: a comment column beside the numbers)."""
    if any(abs(p.x0 - x) <= ALIGN for x in starts):
        return True
    spans = [a for a in edges if p.x0 - ALIGN <= a]
    return bool(spans) and p.x1 <= spans[0] + ALIGN


# ---------------------------------------------------------------- 4. header


def _header(lines: list[Line], t: Table, em: float) -> None:
    """The header: data-looking lines at the top of the body that hold only years (a
    header of years set right-aligned), and the lines right above the body that stand
    in its columns, up to a wider gap or a line of running text."""
    while len(t.body) > 1 and (vals := _values(t.body[0], t.anchors)):
        if not all(_is_year(p.text) for p in vals):
            break
        t.header.append(t.body.pop(0))  # amounts are printed with a space: 2 015
    if t.header:
        # under a header of years, its second row's lines: text over the value columns
        # alone, no label and no value, before the first row ('Utfall' / 'per 31' /
        # 'aug.' beside 'Målvärde' and 'Prognos' under '2018')
        while (
            len(t.body) > 1
            and t.body[0].base - t.header[-1].base <= 2.6 * em
            and not _values(t.body[0], t.anchors)
            and not any(p.x1 < t.value_left - ALIGN for p in t.body[0].phrases)
        ):
            t.header.append(t.body.pop(0))
    t.label_right = max(
        (p.x1 for ln in t.body for p in ln.phrases if p.x1 < t.value_left - ALIGN),
        default=t.value_left - ALIGN,
    )
    t.stub_split = _stub_split(t)
    pos = (t.header[0] if t.header else t.body[0]).pos
    below = lines[pos]
    above: list[Line] = []
    limit = 2.6 * em
    # a header's rows stand as close as the lines of one cell, or as the body's rows (a
    # group header in a row of its own: a year over Budget | Utfall)
    pitch = _row_pitch(t.body)
    close = max(1.45 * em, pitch + 0.5)
    # rows read as bands (cells wrapped, set apart by padding): text of the first row
    # set in its middle or at its foot stands above the first line of values, a line
    # apart from the row's lines below it, where the header stands farther; a line with
    # a label is the row's when the row's label goes on from it (lower case: a row at a
    # page's top with no header repeated, 'Ny upphandling stödboende för' /
    # 'våldsutsatta kvinnor med')
    line = banded = _banded(t) if not t.header else None
    lead: list[Line] = []
    start = pos - 1
    if banded is None and not t.header and pos > 0 and _wraps_around(t, lines[pos - 1], em):
        lead.append(lines[pos - 1])  # the first row's label's first line
        below, start = lines[pos - 1], pos - 2
    for j in range(start, max(pos - 8, -1), -1):
        ln = lines[j]
        if (
            line is not None
            and not above
            and below.base - ln.base < line + _PADDING
            and not any(p.number for p in ln.phrases)
            and (
                not any(_is_label(p, t) for p in ln.phrases)
                or continues_above(_label_text(below, t))
            )
        ):
            lead.insert(0, ln)
            below = ln
            continue
        line = None
        if below.base - ln.base > limit:
            break
        if any(_crosses(p, t.anchors, t.value_left) for p in ln.phrases):
            break
        if any(p.number and not _is_year(p.text) for p in _values(ln, t.anchors)):
            break  # a value where the values stand: the row of another table
        above.append(ln)
        below = ln
        if not all(_is_label(p, t) for p in ln.phrases):
            limit = close  # the lines of one header stand close
    if banded is not None and not lead and len(above) > 1:
        # rows read as bands: the header is one band; a band under it with text in the
        # label column is the first row, its amount in a text cell ('Reducering av
        # kostnader på' / 'HVB, ca 5,0 mnkr'), where no value stands
        bands: list[list[Line]] = [[above[0]]]
        for a, b in pairwise(above):
            if a.base - b.base < banded + _PADDING:
                bands[-1].append(b)
            else:
                bands.append([b])
        while len(bands) > 1 and any(_is_label(p, t) for ln in bands[0] for p in ln.phrases):
            lead[:0] = reversed(bands.pop(0))
        above = [ln for band in bands for ln in band]
    # a header stands over the value columns: label-column lines alone above it are a
    # caption, and between it and the body, section rows
    while above and all(_is_label(p, t) for p in above[-1].phrases):
        above.pop()
    sections: list[Line] = []
    while above and all(_is_label(p, t) for p in above[0].phrases):
        sections.insert(0, above.pop(0))
    if above:
        t.body[:0] = sections
    t.body[:0] = lead
    t.header = [*reversed(above), *t.header]
    if t.header or lead:
        t.first = (t.header or lead)[0].index


def _wraps_around(t: Table, ln: Line, em: float) -> bool:
    """``ln``, right above the body, is the first line of its first row's label, the
    row's values set in the middle of its height (a browser's cells are): the body's
    first line holds values and no label, the next the label going on (lower case),
    and it stands a line under ``ln`` (nearer than a header's rows stand to the body:
    'Ny upphandling stödboende för våldsutsatta kvinnor' / '1,6 mnkr' / 'med
    missbruksproblematik' at a page's top, no header repeated)."""
    if len(t.body) < 2 or _label_text(t.body[0], t) or not _label_text(ln, t):
        return False
    going_on = _label_text(t.body[1], t)
    if not going_on or not continues_above(going_on) or any(p.number for p in ln.phrases):
        return False
    return _label_base(t.body[1], t) - _label_base(ln, t) < 1.45 * em


def _set_left_under(t: Table) -> None:
    """Numbers set left in a column whose header and other numbers are set right (a
    cell's markup kept it from being taken for a number: 003's italic ``varav
    kostnader`` rows as a browser prints them): a column of numbers with no header of
    its own whose every number begins where a header begins that ends on another
    column's anchor is that column (``Table.merged``)."""
    heads = [p for ln in t.header for p in ln.phrases if not _is_label(p, t)]
    own = [a for a in t.anchors if any(abs(p.x1 - a) <= ALIGN for p in heads)]
    if not own:
        return
    for a in t.anchors:
        if a in own:
            continue
        lefts = [p.x0 for ln in t.body for p in ln.phrases if p.number and abs(p.x1 - a) <= ALIGN]
        head = next(
            (h for h in heads if h.x0 < a and all(abs(x - h.x0) <= ALIGN for x in lefts)), None
        )
        if lefts and head is not None:
            b = next((b for b in own if abs(head.x1 - b) <= ALIGN), None)
            if b is not None:
                t.merged[a] = b


def _row_pitch(body: list[Line]) -> float:
    """The distance two rows of values next to each other stand apart, each on one line
    (the least), or 0 where no two such rows meet (rows of wrapped cells)."""
    return min(
        (
            b.base - a.base
            for a, b in pairwise(body)
            if any(p.number for p in a.phrases) and any(p.number for p in b.phrases)
        ),
        default=0.0,
    )


# ---------------------------------------------------------------- 5. cells


def _columns(t: Table) -> list[tuple[float, float]]:
    """Each value column's extent: from its widest number's left edge to its anchor; a
    column of text from where its text begins to where its widest ends."""
    out = []
    for a in t.anchors:
        if a in t.merged:
            continue  # its numbers stand in the column of their header
        lefts = [p.x0 for ln in t.body for p in ln.phrases if p.number and abs(p.x1 - a) <= ALIGN]
        out.append((min(lefts, default=a) if a not in t.lefts else t.lefts[a], a))
    if t.text_columns:
        out = sorted([*out, *t.text_columns], key=lambda c: c[1])
    return out


def _column_of(
    p: Phrase, t: Table, cols: list[tuple[float, float]], line: Sequence[Phrase] = ()
) -> list[int]:
    """The value columns a phrase stands in: the one whose anchor it ends on, else those
    whose numbers it covers for the most part (a header over several columns spans
    them, or is centred over them: ``_centred_over``, ``_centred_in_gap``; ``line``:
    the header line's phrases), else the one its middle stands in; a number set left
    under its header, that header's (``Table.merged``)."""
    for end, a in t.merged.items():
        if abs(p.x1 - end) <= ALIGN and p.number:
            return [next(j for j, (_l, b) in enumerate(cols) if b == a)]
    for j, (_l, a) in enumerate(cols):
        if abs(p.x1 - a) <= ALIGN:
            return [j]
    for j, col in enumerate(cols):
        if abs(p.x0 - col[0]) <= ALIGN:
            return [j]  # text set left in its column, as a column of text or numbers is
    covered = [
        j
        for j, (lo, a) in enumerate(cols)
        if a > lo and min(p.x1, a) - max(p.x0, lo) >= 0.5 * (a - lo)
    ]
    if len(covered) > 1:
        return covered
    centred = _centred_over(p, t, cols) or _centred_in_gap(p, t, cols, line)
    if centred:
        return centred
    for j, (_l, a) in enumerate(cols):
        prev = cols[j - 1][1] if j else t.value_left - ALIGN
        if prev < p.mid <= a + ALIGN:
            return [j]
    return [len(cols) - 1] if p.mid > cols[-1][1] else [0]


def _centred_over(p: Phrase, t: Table, cols: list[tuple[float, float]]) -> list[int]:
    """The columns a group header is centred over (``Helår`` over ``Budget`` and
    ``Prognos``): it reaches into two columns or more, each from the anchor before it to
    its own, and its middle is the middle of their numbers."""
    starts = [t.label_right, *(a for _l, a in cols[:-1])]
    over = [
        j
        for j, (lo, (_l, a)) in enumerate(zip(starts, cols, strict=True))
        if min(p.x1, a) > max(p.x0, lo)
    ]
    if len(over) < 2 or any(abs(p.x0 - lo) <= ALIGN for lo, _a in cols):
        return []  # a header set left in its column, as its numbers are
    left, right = cols[over[0]][0], cols[over[-1]][1]
    return over if abs(p.mid - (left + right) / 2) <= 0.15 * (right - left) else []


def _centred_in_gap(
    p: Phrase, t: Table, cols: list[tuple[float, float]], line: Sequence[Phrase]
) -> list[int]:
    """The columns a short group header is centred over when it stands in the gap
    between two columns' numbers, reaching into neither (``2023`` over ``Budget`` and
    ``Utfall``, centred across them as Excel sets it): of the runs of columns on each
    side of the gap whose numbers' middle is its middle, the widest whose columns have
    no header text of their own on its line or above it (a group header tops the
    headers of its columns; a column's own header set left of its numbers, ``Totalt``
    / ``antal`` beside ``Förändring den senaste``, or its second line, ``Budget`` /
    ``2020``, is not one)."""
    if not line:
        return []
    j = next(
        (
            j
            for j in range(len(cols) - 1)
            if p.x0 >= cols[j][1] - ALIGN and p.x1 <= cols[j + 1][0] + ALIGN
        ),
        None,
    )
    if j is None:
        return []
    centred = [  # the runs of columns whose numbers' middle is its middle
        (a, b)
        for a in range(j + 1)
        for b in range(j + 1, len(cols))
        if abs(p.mid - (cols[a][0] + cols[b][1]) / 2) <= 0.15 * (cols[b][1] - cols[a][0])
    ]
    if not centred:
        return []  # (the other headers' columns asked only where one is)
    k = next((i for i, ln in enumerate(t.header) if ln.phrases is line), len(t.header))
    taken: set[int] = set()  # columns with header text on the line or above it
    for ln in [*t.header[:k], *(t.header[k : k + 1] if k < len(t.header) else [])]:
        for q in ln.phrases:
            if q is not p and not _is_label(q, t):
                taken.update(_column_of(q, t, cols))
    best: list[int] = []
    for a, b in centred:
        if taken.intersection(range(a, b + 1)):
            continue
        if b - a + 1 > len(best):
            best = list(range(a, b + 1))
    return best


def _is_label(p: Phrase, t: Table) -> bool:
    """The phrase stands in the label column: it ends before the values begin and, in
    the header, begins within the body's labels (a header over a wide value column
    may begin left of its numbers)."""
    return (
        p.x0 < t.value_left - ALIGN
        and p.x1 < t.value_left + ALIGN
        and (not t.label_right or p.x0 <= t.label_right)
    )


def join_header_lines(parts: list[str]) -> str:
    """A header cell's lines as its label, as ``tables.columns_from_header`` joins the
    rows of a header: words split at a line end joined as ``join_lines`` joins them, a
    line that goes on with the phrase above it after a space (``Utgifter sedan`` /
    ``projektets`` / ``start``; a line that begins with a day and month is the date of
    the phrase above: ``Redovisning`` / ``31/8 2018``; a line in lower case under a
    preposition and an adjective, the noun they wait for: ``Avvik. mot periodiserad`` /
    ``budget*``), each part of its own after
    `` / `` (a period, a kind of figure, a measure, a year: ``Utfall`` / ``intäkter`` /
    ``period``)."""
    from ..tables import _goes_on_phrase

    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif (out[-1] == "-" and _WORD_HYPHEN.search(out[-2:])) or completes_word(out[-40:], part):
            out = join_lines([out, part])
        elif (
            part.startswith("(")
            or _GOES_ON.search(out[-6:])
            or _goes_on_phrase(out, part)
            or (part[:1].islower() and _OPEN_ATTRIBUTE.search(out[-40:]) is not None)
            or (_MONTH.match(part) and _DAY.search(out[-3:]))  # ``per 31`` / ``aug.``
            or (_DAY_MONTH.match(part) and out[-1:].isalpha())  # ``Redovisning`` / ``31/8``
        ):
            out += " " + part
        else:
            out += " / " + part
    return out


def join_lines(parts: list[str], sep: str = " ") -> str:
    """A cell's lines as one text: a word broken at a hyphen at a line end is one
    word with its hyphen, as printed (``Bistånds-`` / ``hushåll``, ``Hässelby-`` /
    ``Vällingby``), unless the next line begins with a conjunction (``Barn-`` / ``och
    unga``); a header word a narrow cell breaks without a hyphen is one word
    (``Budgetav`` / ``vikelse``: ``labels.completes_word``); a line that goes on in
    lower case follows with a space; a line that ends inside a word (marked ``BREAK``:
    ``WordBreaks``) is joined to a next line in lower case without one (not to a
    conjunction, a word of its own); else
    ``sep``."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # (the tests look at the end of the text only: searching the whole of a long
        # cell's text for each of its lines took as long as reading it)
        if out.endswith(SPACED):  # a hyphen the page keeps a space after (``WordBreaks``)
            out = out[:-1] + " " + part
            continue
        if out.endswith(BREAK):  # the line above ends inside a word (``WordBreaks``)
            out = out[:-1]
            if part[:1].islower() and not _CONJUNCTION.match(part):
                out += part  # ``Ombyggnad/tillgängliggöran`` / ``de Hafreborg``
                continue  # (a conjunction is a word of its own: ``…placeringar`` / ``och``)
        if not out:
            out = part
        elif out[-1] == "-" and _LETTER_HYPHEN.search(out[-2:]) and _CONJUNCTION.match(part):
            out += " " + part  # ``Barn-`` / ``och ungdom``
        elif out[-1] == "-" and _WORD_HYPHEN.search(out[-2:]):
            out += part  # ``Bistånds-`` / ``hushåll``, ``Hässelby-`` / ``Vällingby``
        elif completes_word(out[-40:], part):
            out += part  # ``Budgetav`` / ``vikelse``, ``Avvik`` / ``else``
        elif continues_above(part) or _GOES_ON.search(out[-6:]):  # a word and the one before
            out += " " + part
        else:
            out += sep + part
    return out


def header_cells(t: Table) -> list[str]:
    """One header cell per column (the label column first): each column's header lines
    top to bottom, a line that goes on from the one above joined to it, distinct lines
    joined by `` / `` (group › measure › year)."""
    cols = _columns(t)
    stacks: list[list[str]] = [[] for _ in cols]
    for k, ln in enumerate(t.header):
        row: list[list[str]] = [[] for _ in cols]
        for p in ln.phrases:
            if not _is_label(p, t):
                for j in _column_of(p, t, cols, ln.phrases):
                    row[j].append(p.text)
        if not any(stacks):
            _last_year_over_the_rest(row, ln, t, t.header[k + 1 :], cols)
        for j, texts in enumerate(row):
            if texts:
                stacks[j].append(" ".join(texts))
    return [*_stub_cells(t.header, t, " / "), *(join_header_lines(s) for s in stacks)]


def _last_year_over_the_rest(
    row: list[list[str]], ln: Line, t: Table, lower: list[Line], cols: list
) -> None:
    """A header's top row of years (two or more, ``2016 2017 2018``) whose columns end
    before the table's: the last year stands over the columns right of it that have
    header text only on the lines below ('2018' over 'Utfall per 31 aug.', 'Målvärde',
    'Prognos', each its own cell of a browser's table, the year set left in the first),
    as the tab layout reads a year over empty cells of its row."""
    values = [p for p in ln.phrases if not _is_label(p, t)]
    if len(values) < 2 or not all(_is_year(p.text) for p in values):
        return
    last = max(j for j, texts in enumerate(row) if texts)
    if last == len(cols) - 1:
        return
    below: set[int] = set()
    for low in lower:
        for p in low.phrases:
            if not _is_label(p, t):
                below.update(_column_of(p, t, cols, low.phrases))
    rest = range(last + 1, len(cols))
    if all(j in below for j in rest):
        for j in rest:
            row[j].append(row[last][-1])


@dataclass
class _Row:
    label: list[Line] = field(default_factory=list)  # the lines its label stands on
    values: Line | None = None  # the line its values stand on
    more: list[Line] = field(default_factory=list)  # its text in value columns, wrapped

    @property
    def top(self) -> float:
        return min(ln.base for ln in [*self.label, *([self.values] if self.values else [])])


def _label_text(ln: Line, t: Table) -> str:
    return " ".join(p.text for p in ln.phrases if _is_label(p, t))


def _stub_split(t: Table) -> float | None:
    """Where the label column splits in two (a code, then a name): most data lines
    hold two label phrases, the second beginning at one place."""
    data = [ln for ln in t.body if _values(ln, t.anchors)]
    seconds = [
        ps[1].x0 for ln in data if len(ps := [p for p in ln.phrases if _is_label(p, t)]) == 2
    ]
    if len(seconds) < 2 or len(seconds) * 2 < len(data):
        return None
    return median(seconds) - ALIGN


def _stub_cells(lines: list[Line], t: Table, sep: str = " ", row: bool = False) -> list[str]:
    """The label cells of a row (or the header) from its lines: one, or a code and a
    name when the label column is split; a row's label that runs from the codes'
    column over into the names' and is no code ('Summa verksamhetsintäkter' under
    '3005  Terminsavgift') is a name, its code cell empty."""
    parts: list[list[str]] = [[], []]
    split = t.stub_split
    for ln in lines:
        texts: list[list[str]] = [[], []]
        for p in ln.phrases:
            if _is_label(p, t):
                name = split is not None and (
                    p.x0 >= split or (row and p.x1 > split + ALIGN and not p.text.isdigit())
                )
                texts[int(name)].append(p.text)
        for k in (0, 1):
            if texts[k]:
                parts[k].append(" ".join(texts[k]))
    cells = [join_lines(parts[0], sep), join_lines(parts[1], sep)]
    return cells if t.stub_split is not None else [join_lines(parts[0] + parts[1], sep)]


def rows(t: Table) -> list[_Row]:
    """The body's rows: label lines that stand closer than rows do are one cell; the
    values on a line within a cell's lines (or on its first or last) are that cell's
    row; a cell with no values is a section row, unless its text plainly goes on from
    the row above or into the row below (rows set without space between them)."""
    data = [ln for ln in t.body if _values(ln, t.anchors)]
    labelled = [ln for ln in t.body if _label_text(ln, t)]
    # the rows' spacing: two data lines with labels, one right under the other, the
    # nearer of where the lines and where their labels stand (a value set in the middle
    # of a row of two lines pulls its line's baseline down)
    apart = [
        min(b.base - a.base, _label_base(b, t) - _label_base(a, t))
        for a, b in pairwise(t.body)
        if a in data and b in data and a in labelled and b in labelled
    ]
    row_gap = min(apart) if apart else None
    if row_gap is None and (banded := _banded_rows(t, data, labelled)) is not None:
        return _join_loose(banded, t)
    if row_gap is None:  # no two such rows: of two kinds of spacing, the wider is the rows'
        pitches = sorted(b.base - a.base for a, b in pairwise(t.body))
        wider = [g for g in pitches if g > pitches[0] + 1.5] if pitches else []
        row_gap = wider[0] if wider else None
    cells: list[list[Line]] = []
    # where each line's label stands: values set apart from the label on its line do
    # not move it nearer the line above or below
    bases = [_label_base(ln, t) for ln in labelled]
    within = _within_cell(bases, row_gap)
    for k, ln in enumerate(labelled):
        if cells and within is not None and bases[k] - bases[k - 1] < within:
            cells[-1].append(ln)
        else:
            cells.append([ln])
    out: list[_Row] = []
    for cell in cells:
        mine = [ln for ln in data if ln in cell]
        if not mine:
            top, bottom = cell[0].base, cell[-1].base
            mine = [ln for ln in data if ln not in labelled and top < ln.base < bottom]
        out.extend(_split(cell, mine, t))
    placed = {id(r.values) for r in out if r.values is not None}
    for ln in data:
        if id(ln) not in placed:
            out.append(_Row([], ln))  # values with no label
    out.sort(key=lambda r: r.top)
    out = _join_loose(out, t)
    _place_the_rest(t, out, data, labelled)
    return out


def _within_cell(bases: list[float], row_gap: float | None) -> float | None:
    """How near a line stands under the one above to be a line of its cell: nearer
    than rows stand (``row_gap``, less a point), and nearer than halfway from a cell's
    line pitch (the nearest two label lines stand, not less than half a row apart) to
    the rows' spacing, so a line set a little closer than rows (a label's descender,
    values set higher) is a row still. None: no spacing known."""
    if row_gap is None:
        return None
    limit = row_gap - 1.0
    pitch = min(
        (g for a, b in pairwise(bases) if 0.5 * row_gap <= (g := b - a) < limit), default=None
    )
    return limit if pitch is None else min(limit, (pitch + row_gap) / 2)


def _label_base(ln: Line, t: Table) -> float:
    """Where a line's label stands (its baseline), whatever values share the line: a
    value set in the middle of a taller row stands half a line lower than the label
    line it is read with."""
    labels = [p for p in ln.phrases if _is_label(p, t)]
    if not labels or len(labels) == len(ln.phrases):
        return ln.base
    return median(p.bottom - _descent(p.text, t.em or ln.bottom - ln.top) for p in labels)


_PADDING = 2.5  # points: rows set apart by a cell's padding stand farther than a line


def _spacing(t: Table, labelled: list[Line]) -> tuple[float, float, dict] | None:
    """A line's pitch and the rows' spacing, from where the labels' lines stand (and
    where each stands, by its id), when they stand at two spacings: a line apart
    within a cell (give or take what a baseline's estimate is off by), farther between
    rows; None when they do not."""
    if len(labelled) < 2:
        return None
    lead = [_label_base(ln, t) for ln in labelled]
    gaps = sorted(b - a for a, b in pairwise(lead))
    wider = [g for g in gaps if g > gaps[0] + _PADDING]
    if not wider or gaps[0] <= 0:
        return None
    return gaps[0], wider[0], {id(ln): b for ln, b in zip(labelled, lead, strict=True)}


def _banded(t: Table) -> float | None:
    """A line's pitch when the body's rows are read as bands (``_banded_rows``): no
    one-line row of values right under another, its labels' lines at two spacings."""
    data = [ln for ln in t.body if _values(ln, t.anchors)]
    labelled = [ln for ln in t.body if _label_text(ln, t)]
    if any(
        a in data and b in data and a in labelled and b in labelled for a, b in pairwise(t.body)
    ):
        return None
    spacing = _spacing(t, labelled)
    return spacing[0] if spacing is not None else None


def _banded_rows(t: Table, data: list[Line], labelled: list[Line]) -> list[_Row] | None:
    """Rows of wrapped cells set apart by space, none of them a one-line row right
    under another (so no two rows' lines say how far rows stand): the lines of one
    cell stand a line apart, the rows farther (a cell's padding), so the body's lines
    fall into bands of lines a line apart, one band a row, whichever of its lines each
    column's text stands on (top, middle or bottom of the row: values set in the
    middle of a label over two lines stand on a line of their own between the label's
    lines). A label's line is measured where its label stands. None (not read so)
    when the label lines do not stand at two spacings, one a line and one wider, or a
    band holds two labelled rows of values."""
    spacing = _spacing(t, labelled)
    if spacing is None:
        return None
    _pitch, row_gap, where = spacing
    bands: list[list[Line]] = []
    last = 0.0
    for ln in t.body:
        base = where.get(id(ln), ln.base)
        if bands and base - last < row_gap - 1.0:
            bands[-1].append(ln)
        else:
            bands.append([ln])
        last = base
    out: list[_Row] = []
    known = {id(ln) for ln in labelled}
    values = {id(ln) for ln in data}
    for band in bands:
        label = [ln for ln in band if id(ln) in known]
        if sum(id(ln) in values for ln in label) > 1:
            return None  # two rows of values, each with its label: not one row
        if any(b - a >= row_gap - 1.0 for a, b in pairwise(where[id(ln)] for ln in label)):
            return None  # (a label's lines a row apart, values between them)
        vals = [ln for ln in band if id(ln) in values]
        first = next((ln for ln in vals if id(ln) in known), vals[0] if vals else None)
        more = [ln for ln in band if ln is not first and id(ln) not in known]
        out.append(_Row(label, first, more))
    return out


def _place_the_rest(t: Table, out: list[_Row], data: list[Line], labelled: list[Line]) -> None:
    """Lines with text in value columns only (a text cell wrapped onto a second line)
    go with the row whose lines stand nearest (the one above when equally near): never
    dropped. A cell wrapped over three lines or more goes on in its column: a line
    placed so counts for its row when the next one under it stands in the same column
    ('Siffra där' / 'det är' / 'möjligt', the last nearer the next row's label than the
    first line of its own cell)."""
    known = {id(ln) for ln in [*data, *labelled]}

    def same_column(a: Line, b: Line) -> bool:
        return any(p.x0 < q.x1 and q.x0 < p.x1 for p in a.phrases for q in b.phrases)

    for ln in t.body:
        if id(ln) in known or not out:
            continue
        near = min(
            out,
            key=lambda r: (
                min(
                    abs(ln.base - x.base) + (0.01 if x.base > ln.base else 0)
                    for x in [
                        *r.label,
                        *([r.values] if r.values else []),
                        *(m for m in r.more if same_column(m, ln)),
                    ]
                )
                if r.label or r.values
                else float("inf")
            ),
        )
        near.more.append(ln)


def _split(cell: list[Line], values: list[Line], t: Table) -> list[_Row]:
    if len(values) <= 1:
        return [_Row(cell, values[0] if values else None)]
    # cells run together (no space between rows): each data line with a label begins
    # a row; label-only lines go with the data line above them
    out: list[_Row] = []
    for ln in cell:
        if ln in values or not out:
            out.append(_Row([ln], ln if ln in values else None))
        else:
            out[-1].label.append(ln)
    rest = [v for v in values if all(r.values is not v for r in out)]
    for v in rest:
        near = min(out, key=lambda r: abs(r.top - v.base))
        if near.values is None:
            near.values = v
        else:
            out.append(_Row([], v))
    return out


def _join_loose(out: list[_Row], t: Table) -> list[_Row]:
    """A label-only row whose text goes on from the row above (lower case) is that row's
    label's last line; one that stops mid-phrase (``Barn- och``) begins the label of the
    row below. Else it stays: a section row."""
    k = 0
    while k < len(out):
        r = out[k]
        if r.values is None and r.label:
            text = " ".join(_label_text(ln, t) for ln in r.label)
            if k > 0 and continues_above(text) and out[k - 1].label:
                out[k - 1].label.extend(r.label)
                del out[k]
                continue
            if (
                k + 1 < len(out)
                and out[k + 1].values is not None
                and (_LETTER_HYPHEN.search(text) or _GOES_ON.search(text))
            ):
                out[k + 1].label[:0] = r.label
                del out[k]
                continue
        k += 1
    return out


def table_lines(t: Table) -> list[str]:
    """The table as text lines for the layouts: a pipe table with its header as one row
    and a separator under it, or tab lines when it has no header."""
    cols = _columns(t)
    stub = 1 if t.stub_split is None else 2
    width = len(cols) + stub
    body: list[list[str]] = []
    for r in rows(t):
        cells = [""] * width
        cells[:stub] = _stub_cells(r.label, t, row=True)
        seen = [*r.label, *([r.values] if r.values and r.values not in r.label else []), *r.more]
        for ln in sorted(seen, key=lambda x: x.top):
            for p in ln.phrases:
                if not _is_label(p, t):
                    j = _column_of(p, t, cols)[0] + stub
                    cells[j] = f"{cells[j]} {p.text}".strip()
        body.append(cells)
    caption = [*t.caption, ""] if t.caption else []
    if not t.header:
        return [*caption, *("\t".join(c) for c in body)]
    return [*caption, *_with_header(header_cells(t), body)]


def _with_header(head: list[str], body: list[list[str]]) -> list[str]:
    """A table with its header as one row: tab lines when the tab layout takes that row
    (and only it) for the header, as it mostly does; else a pipe table whose separator
    says where the header ends (a header with a number in its words: ``Per 1 000
    invånare``)."""
    from ..model import Cell, Row
    from ..model import Table as Grid
    from ..tables import header_count

    rows = [head, *body]
    grid = Grid([Row([Cell(c, k) for c in r], k) for k, r in enumerate(rows)], "tab")
    if header_count(grid, rows) == 1:
        return ["\t".join(r) for r in rows]
    width = len(head)
    return [_pipe(head), "|" + "---|" * width, *(_pipe(c) for c in body)]


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


# ---------------------------------------------------------------- ruled tables


def ruled_header(rows: list[list[str]]) -> int:
    """How many leading rows of a ruled table's grid are its header: rows with text
    over the value columns and no value there (a year or a period is header), up to the
    first row with a value or a row with its label alone (a section), or a row after the
    first that repeats a cell of the rows below in its column (``_said_below``: a row of
    text values, ``IFO 120 LSS 259 | Minska`` over ``25 863 | Minska``). A first row
    whose cells hold sentences (a comment's, ``_sentences``) begins the body: none."""
    n = 0
    for row in rows:
        over = [c.strip() for c in row[1:] if c.strip()]
        if not over or any(_NUMBER.match(c) and not _is_year(c) for c in over):
            break
        if n == 0 and any(_sentences(c) for c in over):
            return 0  # a comment's sentences first (``Kommentar: | Satsningen är …``): rows
        n += 1
    if n >= len(rows):
        return 0
    if n > 1:  # a row that says what the rows below it say, in their columns, is one of them
        n = next((k for k in range(1, n) if _said_below(rows[k], rows[n:])), n)
    return n


def _sentences(cell: str) -> bool:
    """A cell that holds running text, two sentences or more (a full stop inside it
    and at its end, eight words or more): never a header's words."""
    return cell.endswith(".") and ". " in cell[:-1] and cell.count(" ") >= 7


def _said_below(row: list[str], body: list[list[str]]) -> bool:
    """A cell of ``row`` past its label holds a text that a row of ``body`` holds in the
    same column (``Minska`` over ``Minska``): a header's words are not its rows'."""
    for j, c in enumerate(row[1:], 1):
        c = c.strip()
        if c and any(j < len(r) and r[j].strip() == c for r in body):
            return True
    return False


def ruled_lines(rows: list[list[str]]) -> list[str]:
    """A ruled table's grid as text lines: tab lines, as the tab layout reads them; but
    a header over several rows that the tab layout would take for data (a label cell in
    its second row, a number inside a header's words: ``Per 1 000 invånare``) is stacked
    into one header row (spans and split words as the layouts join them) and given as a
    pipe table whose separator says where the header ends; so is a header of one row
    over rows without labels, values in every cell (``Aktuell budgetram 2023-05-30 | …``
    over ``654 442 tkr | 115 tkr | …``), which the tab layout reads as two rows of data."""
    n = ruled_header(rows)
    if n < 1 or (n == 1 and not all(_NUMBER.match(r[0].strip()) for r in rows[1:] if r)):
        return tab_lines(rows)
    from ..model import Table as Grid
    from ..tables import columns_from_header, header_count

    width = max(len(r) for r in rows)
    # header_count reads the texts and what the table's layout knows of its header
    # (nothing, here): a table without cells is enough to ask it
    if header_count(Grid([], "tab"), rows) >= n:
        return tab_lines(rows)  # the tab layout reads this header as it stands
    head = [c.label for c in columns_from_header(rows[:n], width)]
    return _with_header(head, [r + [""] * (width - len(r)) for r in rows[n:]])


_CELL_TOP = itemgetter(1)  # of a cell's box (x0, top, x1, bottom)


def settle_spanning(rows: list[dict], texts: dict) -> None:
    """A cell drawn over several of a ruled table's rows whose text stands within one
    lower row is put in that row (``rows``: per row, its cells by left edge; ``texts``:
    each cell's runs). Word draws a row's spacing as a row of its own in some columns
    and not in others, so a value cell can begin a row above its label's cell
    (Göteborg's "Belopp i tkr | 2022": the 2022 column's cells begin a thin row higher),
    and read by its top it would be a row above its label. Only a row whose own cells
    hold no text gives its cells away (a header whose other cells stack their lines row
    by row keeps its centred cells where they begin), and a cell whose text crosses a
    row's border (a label centred over two rows) stays in its first row."""
    tops = [min(map(_CELL_TOP, row.values())) for row in rows]
    held_by = texts.get
    for i, row in enumerate(rows[:-1]):
        below = tops[i + 1] + 0.5
        if any(held_by(c) for c in row.values() if c[3] <= below):
            continue  # the row's own cells hold text: a row of the table as printed
        for x, cell in list(row.items()):
            if cell[3] <= below:
                continue  # within its row
            held = texts.get(cell)
            if not held:
                continue
            top = min(r.top for r in held)
            bottom = max(r.bottom for r in held)
            j = i
            while j + 1 < len(tops) and tops[j + 1] <= top:
                j += 1
            if j == i or x in rows[j] or cell[3] < tops[j] + 0.5:
                continue
            if j + 1 < len(tops) and bottom > tops[j + 1] + 0.5:
                continue  # crosses into the row below: not within one row
            del row[x]
            rows[j][x] = cell


# ---------------------------------------------------------------- over a page break


def _page_rows(runs: list[Run]) -> list[list[Run]]:
    """A page's runs as lines, top to bottom, each left to right (a run whose middle
    lies above the line's lowest bottom so far belongs to it)."""
    out: list[list[Run]] = []
    bottom = float("-inf")
    for run in sorted(runs, key=_TOP):
        if not run.text.strip():
            continue
        if not out or (run.top + run.bottom) / 2 > bottom:
            out.append([run])
            bottom = run.bottom
            continue
        out[-1].append(run)
        bottom = max(bottom, run.bottom)
    return [line if len(line) == 1 else sorted(line, key=_X0) for line in out]


_X0 = attrgetter("x0")


def _furniture(line: list[Run]) -> bool:
    text = " ".join(r.text.strip() for r in line).strip()
    if not _ends_as_a_mark(text):
        return False
    return bool(page_mark(text)) or _DATE.fullmatch(text) is not None


def _ends_as_a_mark(text: str) -> bool:
    """``text`` (stripped) can be a page's mark or a date: it ends in a digit or in
    ``)`` (``3 (17)``), as each ``page_mark`` names does; a cheap look before its
    patterns."""
    return bool(text) and (text[-1].isdigit() or text[-1] == ")")


def _ruled(line: list[Run], vertical: Iterable) -> bool:
    """A drawn vertical line passes the line's height: it stands in a ruled table."""
    top = min(r.top for r in line)
    bottom = max(r.bottom for r in line)
    return any(e[1] < bottom and e[3] > top for e in vertical)


def _body_lines(rows: list[list[Run]], from_end: bool) -> list[list[Run]]:
    """The page's lines without its furniture at the foot (or at the head): page marks,
    a date, and the lines set apart beyond a wide gap at the page's edge."""
    seq = list(reversed(rows)) if from_end else list(rows)
    while seq and _furniture(seq[0]):
        seq.pop(0)
    return list(reversed(seq)) if from_end else seq


def _header_like(ps: list[Phrase]) -> bool:
    return len(ps) >= 2 and not any(p.number and not _is_year(p.text) for p in ps)


_TOP = attrgetter("top")
_FOOT = 32  # runs: more than the last line and the furniture below it hold


def dangling_header(runs: list[Run], vertical: Iterable) -> list[Run]:
    """The runs of a page's last line when it can be the header of a table that goes on
    over the page (its body on the next page, ``goes_on_under``): two cells or more set
    apart, no value among them (a year may stand there), outside any ruled table; page
    furniture below it (``3 (17)``, a date) is passed over. Empty for any other page."""
    if len(runs) > _FOOT:  # the page's foot: its last runs by height are enough
        runs = sorted(runs, key=_TOP)[-_FOOT:]  # (a sort in C: cheaper than a heap here)
    rows = _body_lines(_page_rows(runs), from_end=True)
    if len(rows) < 2:
        return []
    last = rows[-1]
    if len(last) < 2:
        return []  # one run makes one phrase at most: no header of two cells
    ps = phrases(last)
    if not _header_like(ps) or _ruled(last, vertical):
        return []
    return last


def goes_on_under(tail: list[Run], runs: list[Run], vertical: list) -> bool:
    """The next page begins with the body of the table whose header ``tail`` is (the
    previous page's ``dangling_header``): its first line holds a value (no header of its
    own), it stands in no ruled table, and each of the header's cells lines up with a
    column of the body's first lines — the first over the labels (their left edges
    meet), each other one over a column (left or right edges meet, or its middle stands
    within a cell of the column)."""
    rows = _body_lines(_page_rows(runs), from_end=False)
    if not rows or _ruled(rows[0], vertical):
        return False
    block = [phrases(line) for line in rows[:6]]
    first = block[0]
    if len(first) < 2 or not any(p.number and not _is_year(p.text) for p in first[1:]):
        return False
    head = phrases(tail)
    if abs(head[0].x0 - first[0].x0) > ALIGN + 1:
        return False
    cells = [p for ps in block for p in ps[1:]]
    return all(
        any(
            abs(h.x0 - c.x0) <= ALIGN + 1
            or abs(h.x1 - c.x1) <= ALIGN + 1
            or c.x0 - ALIGN <= h.mid <= c.x1 + ALIGN
            for c in cells
        )
        for h in head[1:]
    )


def carried_above(tail: list[Run], runs: list[Run]) -> list[Run]:
    """The previous page's header runs moved to stand one line above the page's first
    line, where its body begins (their text page indices dropped: they are not this
    page's characters)."""
    from dataclasses import replace

    top = min(r.top for r in runs if r.text.strip())
    t_top = min(r.top for r in tail)
    height = max(r.bottom for r in tail) - t_top
    shift = top - 1.4 * height - t_top
    return [replace(r, top=r.top + shift, bottom=r.bottom + shift, start=-1, end=-1) for r in tail]


class WordBreaks:
    """Where a ruled table's cell lines end inside a word: a word wider than its cell is
    broken where the cell ends (Word breaks ``Ombyggnad/tillgängliggörande`` as
    ``Ombyggnad/tillgängliggöran`` / ``de``). Told only on a page whose text keeps the
    space at which a line wraps (Word and LibreOffice write ``Kommuninterna \r\n``): a
    line that ends with no space is then broken inside a word. A browser's print keeps
    no such space, so there nothing tells the two apart (false, and asked nothing); a
    space it keeps where its source had two (``innan  nya``) is no sign
    (``_keeps_wrap_spaces``)."""

    __slots__ = ("_pad", "page", "text", "texts")

    def __init__(self, page_text: str, texts: dict) -> None:
        self.text = page_text
        self.page = page_text if _keeps_wrap_spaces(page_text) else ""
        self.texts = texts  # each cell's runs
        self._pad: float | None = None

    def spaced_hyphen(self, line: list[Run]) -> bool:
        """A cell's line that ends in a hyphen (``Revidera IOP-``) has a space after it
        in the page's text and no line break (``IOP- människor``): the printer kept the
        space its source had there, so the hyphen ends a word of its own (a word left
        for the next to complete, ``IOP- och LSS-``) and the next line follows it with
        the space. A compound broken at its own hyphen has none (``Bistånds-\r\n``)."""
        last = line[-1]
        page, end = self.text, last.end
        return (
            0 < end < len(page) - 1
            and page[end] == " "
            and page[end + 1] not in "\r\n"
            and page[last.start : end] == last.text
        )

    def __bool__(self) -> bool:
        return bool(self.page)

    def pad(self) -> float:
        """The cells' padding: the least distance from a cell's left border to its
        text, what a left-aligned text keeps; a text over its border (a border snapped
        into it) tells nothing."""
        if self._pad is None:
            pads = (min(r.x0 for r in runs) - c[0] for c, runs in self.texts.items() if runs)
            self._pad = min((p for p in pads if p >= 0), default=0.0)
        return self._pad

    def ends(self, line: list[Run], text: str, cell: tuple) -> bool:
        """A line of ``cell`` (its runs and text) ends inside a word: one word (ending
        in a letter: never a number, nor a word broken at its hyphen) set at the cell's
        left, reaching its right (less room left than one more character needs,
        ``_WORD_FILLS`` of the font size), that the page's text ends with no space. A
        word that fills its cell (as an autofitted column's widest word does) and wraps
        there keeps its space."""
        if " " in text or len(text) < 2 or not text[-1].isalpha():
            return False  # (a cell's line text comes stripped)
        last = line[-1]
        page, end = self.page, last.end
        if not (
            0 < end < len(page) and page[end] in "\r\n" and page[last.start : end] == last.text
        ):
            return False  # the text goes on after it on its line, or after a space
        height = last.bottom - last.top
        em = last.size if last.size >= 0.5 * height else height
        pad = self.pad()
        # room left, or centred or right-aligned (a letter's own side space, ``S`` more
        # than ``P``, within 0,15 em): not broken by the cell's edge
        return (
            cell[2] - pad - last.x1 < _WORD_FILLS * em and line[0].x0 - cell[0] <= pad + 0.15 * em
        )


_WRAP_BARE = re.compile(r"[a-zåäö,]\r\n[a-zåäö]")  # a sentence wrapped with no space


def _keeps_wrap_spaces(text: str) -> bool:
    """The page's text keeps the space at which its lines wrap: some line ends so, and
    most line ends do (Word and LibreOffice, every line of running text), or no more
    than four times as many sentences wrap with none (a browser's print keeps one
    where its source had two spaces, and wraps dozens of sentences with none: 1
    against 77 on a page of 004 printed)."""
    kept = text.count(" \r\n")
    if not kept:
        return False
    if 2 * kept >= text.count("\r\n"):
        return True
    return 4 * kept >= len(_WRAP_BARE.findall(text))


def titles_beside(found: list, spans: list, k: int, above: list[Run]) -> list[Run]:
    """Of the runs right above ruled table ``k`` (``found``: the page's ruled tables as
    their cells, ``spans``: each one's top and bottom), those that title another table
    beside it: within that table's width, no farther above it than a title stands
    (``_TITLE_GAP``). Its text stands within the frame of table ``k`` and is read after
    it (where no cell of ``k`` holds it), so its title is read there too, not as part of
    the title of ``k`` (``Antal placerade barn`` and ``Kostnad, tkr`` side by side are
    two titles)."""
    top, bottom = spans[k]
    out: list[Run] = []
    x0 = x1 = 0.0
    for j, (o_top, o_bottom) in enumerate(spans):
        if j == k or o_top >= bottom or o_bottom <= top:
            continue  # not beside it: above or below
        if x0 == x1:
            x0, x1 = min(c[0] for c in found[k]), max(c[2] for c in found[k])
        other = found[j]
        o_x0, o_x1 = min(c[0] for c in other), max(c[2] for c in other)
        if o_x0 < x1 and o_x1 > x0:
            continue  # over or under it
        out.extend(
            r
            for r in above
            if r.x0 >= o_x0 - ALIGN and r.x1 <= o_x1 + ALIGN and o_top - r.bottom <= _TITLE_GAP
        )
    return out


_TITLE_GAP = 30.0  # points: a table's title stands no farther above it


def join_spanned(rows: list[list[tuple]]) -> list[list[tuple]]:
    """A ruled table's rows (each a list of (text, box) per column) with a row of text
    alone joined to the data row above it when a cell drawn from that row reaches down
    over it: one printed row whose label wraps onto a second line, drawn (Word's shading
    per line) as two rows of cells in some columns and one tall cell in others. The
    texts are joined column by column (``Utrustning uppstart`` /
    ``Korsavadsanläggningen``); so is a lone label's line that goes on in lower case in
    any column. A row with a value of its own is a row (a label cell drawn over several
    rows of values stays theirs), and header rows (no value above) stand as they are."""
    out: list[list[tuple]] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and len(prev) == len(row) and _spanned_onto(prev, row):
            out[-1] = [
                (join_lines([a, b]) if a and b else a or b, box_a if box_a is not None else box_b)
                for (a, box_a), (b, box_b) in zip(prev, row, strict=True)
            ]
            continue
        out.append(row)
    if BREAK not in "".join(map(_TEXT, chain.from_iterable(out))):
        return out  # no line ends inside a word (joining lines never adds a mark)
    for prev, row in pairwise(out):  # header rows: a word broken at its cell's end
        if any(_NUMBER.match(t) and not _is_year(t) for t, _ in [*prev, *row] if t):
            break  # the header ends where the first value stands
        if len(prev) != len(row):
            continue
        for k, ((a, box_a), (b, box_b)) in enumerate(zip(prev, row, strict=True)):
            if a.endswith(BREAK) and b[:1].islower() and " " not in b:
                prev[k], row[k] = (a[:-1] + b, box_a), ("", box_b)  # ``Pri`` / ``o``
    for row in out:  # a word broken at a cell's end that no line below goes on
        for k, (text, box) in enumerate(row):
            if text.endswith(BREAK):
                row[k] = (text[:-1], box)
    return out


_TEXT = itemgetter(0)  # a cell's text, of its (text, box)


def _spanned_onto(prev: list[tuple], row: list[tuple]) -> bool:
    texts = list(filter(None, map(_TEXT, row)))
    if not texts or len(texts) > 2 or any(_NUMBER.match(t) for t in texts):
        return False  # (a data row, or a header row of many cells: never a wrap)
    if not any(_NUMBER.match(t) and not _is_year(t) for t in filter(None, map(_TEXT, prev))):
        return False
    filled = [k for k, (t, _) in enumerate(row) if t]
    if len(filled) == 1 and continues_above(row[filled[0]][0]):
        above = prev[filled[0]][0]
        if above and not _NUMBER.match(above):
            return True  # the label above goes on in lower case ('investeringsprojekt')
    tops = [box[1] for _, box in row if box is not None]
    if not tops:
        return False
    top = min(tops)
    return any(box is not None and box[3] > top + 0.5 for _, box in prev)


def only_furniture(runs: list[Run]) -> bool:
    """No text among ``runs`` but page furniture (``SID 3 (25)``, ``4 (16)``, a date, a
    running header or footer that ends in the page's mark): a few lines at most."""
    if len(runs) > _FOOT // 2:
        return False
    return all(_furniture(line) for line in _page_rows(runs))


def join_columns(found: list[Table], groups: list[list[Run]], cols: dict) -> None:
    """An unruled table that begins a page without a header (only page furniture above
    it) takes the columns of numbers of the one that ended the page before
    (``cols["anchors"]``) when each of its own stands on one of them: a column its rows
    leave empty stays a column, so it goes on as the same table (``continuation``).
    The region's last table, when only page furniture follows it, gives its columns
    (``cols["ends"]``)."""
    given = cols.get("anchors")
    t = found[0]
    if (
        given
        and not t.header
        and len(given) > len(t.anchors)
        and all(any(abs(a - g) <= ALIGN for g in given) for a in t.anchors)
        and only_furniture([r for g in groups[: t.first] for r in g])
    ):
        t.anchors = sorted(given)
    last = found[-1]
    if only_furniture([r for g in groups[last.end :] for r in g]):
        cols["ends"] = list(last.anchors)


def open_sides(h: list[tuple], v: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """The sides a ruled table leaves undrawn at the page's outer rules, as edges
    (horizontal, vertical): three or more rules, each from a drawn edge across them, go
    on past every edge across them to one end. A row that a page break splits is drawn
    so (no rule under its part at the page's foot, none above its part at the next
    page's head), so is a table printed wider than its page's text box (Chromium leaves
    the last column's right border out) and a Word table whose outer side borders are
    off: the cells end where the rules end. Rules that begin at no edge across them (a
    table ruled under its rows alone) add nothing. Only the page's outermost ends are
    asked (four maxima and minima; the rules are walked only where one is open). A
    side drawn within a snap of the rules' end (another table's, narrower by less than
    three points) closes only the rules whose height it spans (``_past_drawn_side``)."""
    if len(v) < 3 or len(h) < 3:
        return [], []
    add_h = []
    foot, head = max(map(itemgetter(3), v)), min(map(itemgetter(1), v))
    ys = list(map(itemgetter(1), h))
    for end, beyond in ((foot, max(ys) < foot - 3.0), (head, min(ys) > head + 3.0)):
        if beyond and (at := _ends_at(v, ys, end, 1)):
            lo, hi = min(at), max(at)
            # the closing rule runs as wide as the rules that end in the table's columns
            right = max([e[2] for e in h if lo - 3.0 <= e[0] <= hi + 3.0] + [hi])
            left = min([e[0] for e in h if lo - 3.0 <= e[2] <= hi + 3.0] + [lo])
            add_h.append((left, end, right, end))
    hh = [*h, *add_h]
    add_v = []
    right, left = max(map(itemgetter(2), hh)), min(map(itemgetter(0), hh))
    xs = list(map(itemgetter(0), v))
    x1, x0 = max(xs), min(xs)
    for end, past in ((right, right - x1), (left, x0 - left)):
        # past the outermost drawn side: by more than a snap, every rule there is open;
        # by more than a line's width, the rules no side drawn there reaches
        rules = hh if past > 3.0 else _past_drawn_side(hh, v, end) if past > 1.0 else []
        if rules and (at := _ends_at(rules, xs, end, 0)):
            add_v.append((end, min(at), end, max(at)))
    return add_h, add_v


def _past_drawn_side(h: list[tuple], v: list[tuple], end: float) -> list:
    """The rules of ``h`` whose height no side drawn near ``end`` (the page's outermost
    x of its rules) spans: two tables on a page, the one printed wider than the text
    box (Chromium leaves its last column's right border out) ending within a snap of
    the other's drawn side, its rules running on past that side by more than a line's
    width."""
    near = sorted((e[1], e[3]) for e in v if abs(e[0] - end) <= 3.0)
    spans: list[list[float]] = []
    for a, b in near:  # the heights the drawn side spans, joined where they touch
        if spans and a <= spans[-1][1] + 3.0:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [e for e in h if not any(a - 3.0 <= e[1] <= b + 3.0 for a, b in spans)]


def _ends_at(rules: list[tuple], across: list[float], end: float, axis: int) -> list[float]:
    """The positions of the ``rules`` (axis 0: horizontal, 1: vertical) that end at
    ``end`` and begin at an edge across them (at one of ``across``), if three or more."""
    at = sorted(across)

    def drawn(p: float) -> bool:
        i = bisect_left(at, p - 3.0)
        return i < len(at) and at[i] <= p + 3.0

    a, b = (0, 2) if axis == 0 else (1, 3)
    out = [
        e[1 - axis]
        for e in rules
        if e[b] - e[a] > 6.0
        and ((abs(e[b] - end) <= 3.0 and drawn(e[a])) or (abs(e[a] - end) <= 3.0 and drawn(e[b])))
    ]
    return out if len(out) >= 3 else []


def captions_past_furniture(doc) -> None:
    """A table's caption is the nearest heading above it that is not the page's running
    head or foot (``continuation.furniture_lines``): ``BUDGETSKRIVELSE … SID 4 (25)`` at
    the foot of the page before names no table."""
    from ..model import Heading, Table

    lines = doc.lines
    furniture: set[int] | None = None  # made only for a heading that can be furniture
    heading, passed = "", set()
    for b in doc.blocks:
        if isinstance(b, Heading):
            n = b.line
            if 1 <= n <= len(lines) and not (
                _ends_as_a_mark(lines[n - 1].strip()) and page_mark(lines[n - 1])
            ):
                heading = b.text  # no page mark: never a page's furniture
                continue
            if furniture is None:
                furniture = furniture_lines(lines, doc.page_starts)
            if n in furniture:
                passed.add(b.text)
            else:
                heading = b.text
        elif isinstance(b, Table) and b.caption and b.caption in passed:
            b.caption = heading


_SENTENCE_END = (".", "!", "?", ":", ";")


def captions_above(doc) -> None:
    """A table's caption is the title set right above it. In a PDF a heading and the
    paragraph under it come as lines without a blank between them, so the title a
    table stands under (Word's caption style, a bold line, the section's heading said
    again under its first paragraph) ends the paragraph above the table instead of
    standing as a heading. It is taken when it is the paragraph's last line, within two
    lines of the table, begins with a capital or a digit, is no running prose (as the
    text layouts judge the text above a table: at most 150 characters, and not a
    sentence of more than ten words), and the text before it is none, ends a sentence,
    or holds the same title as a line of its own (a heading said again as the caption).
    Otherwise the table keeps the nearest heading (``text._set_captions``)."""
    from ..model import Paragraph, Table

    prev = None
    for b in doc.blocks:
        if isinstance(b, Table) and isinstance(prev, Paragraph) and prev.starts:
            offset, line = prev.starts[-1]
            title = prev.text[offset:].strip()
            before = prev.text[:offset].strip()
            if (
                b.line - 2 <= line < b.line
                and 0 < len(title) <= 150
                and (title[0].isupper() or title[0].isdigit())
                and not (title.endswith(".") and len(title.split()) > 10)
                and "\t" not in title
                and (
                    not before
                    or before.endswith(_SENTENCE_END)
                    or _said_before(prev, title)
                    or _ends_a_sentence_then(before, title)
                )
            ):
                b.caption = title
        prev = b


def _ends_a_sentence_then(before: str, title: str) -> bool:
    """Whether ``before`` ends with ``title`` again, spaces aside (a heading wrapped over
    two lines comes joined as ``plan 2025- 2029``, its caption on one line as
    ``2025-2029``), after nothing or a sentence's end."""
    want = "".join(title.split())
    if not want or not "".join(before.split()).endswith(want):
        return False
    k, n = len(before), len(want)
    while n:
        k -= 1
        if not before[k].isspace():
            n -= 1
    rest = before[:k].strip()
    return not rest or rest.endswith(_SENTENCE_END)


def _said_before(p, title: str) -> bool:
    """Whether one of the paragraph's lines before its last is ``title`` itself."""
    cuts = [o for o, _ in p.starts]
    return any(p.text[a:b].strip() == title for a, b in pairwise(cuts))
