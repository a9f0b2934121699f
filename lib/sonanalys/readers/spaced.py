"""Tables printed as space-separated text (pdftotext, web pages, spreadsheets saved as
text): each row is a label followed by numbers, and the space that separates the columns
also groups the thousands (``Bjuv 3 067 3 089 3 144``).

A row's number tokens are read as exactly N numbers, N being the header's column count
(a header of years, or words), by Swedish grouping: a number is one token, or a first
group of one to three digits followed by groups of exactly three (the last may carry
decimals). Where more than one reading fits, the other rows decide — each column's typical
magnitude — and where they do not, the row's numbers are not read: the row is kept with
its candidate readings for the parse report, never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from .. import labels as L
from .. import numparse as N
from .. import units as U
from ..continuation import (
    FURNITURE,
    HEADER_AGAIN,
    JOINED,
    JOINED_REPEATED,
    PAGE_HEAD,
    PAGE_MARK,
    page_mark,
)
from ..memo import MAX_ENTRIES, per_document, per_document_store
from ..model import Cell, Row, Table
from .lines import walks

# A unit printed after a number (``2 609 st``, ``12 400 tkr``): it ends that number, and
# the number with its unit is one value (never ``2`` and ``609``). Glued on by split_row.
_UNIT_WORDS = r"st\.?|stycken|kr|kronor|tkr|mnkr|mkr|mdkr|dygn|dagar|personer|platser"
_UNIT_WORD = re.compile(rf"^(?:{_UNIT_WORDS})$", re.IGNORECASE)
# the characters a _UNIT_WORD match may begin with: the words' first letters in either
# case, and the long s and the Kelvin sign, which ignore-case matching takes for s and k
_UNIT_FIRSTS = frozenset("sSkKtTmMdDpP\u017f\u212a")
_UNIT = rf"(?: ?(?:{_UNIT_WORDS}))?"  # glued too: "609st", "12tkr"
_FIRST = re.compile(r"^[-−–]?[1-9]\d{0,2}$")  # first group of a grouped number
_MIDDLE = re.compile(r"^\d{3}$")
_LAST = re.compile(rf"^\d{{3}}(?:,\d+)?(?:%|{_UNIT})$", re.IGNORECASE)
# one token; never 039
_SINGLE = re.compile(rf"^[-−–]?(?:0|[1-9]\d*)(?:,\d+)?(?:%|{_UNIT})$", re.IGNORECASE)
_UNIT_AT_END = re.compile(rf"(?<=\d) ?(?:{_UNIT_WORDS})$", re.IGNORECASE)
_MISSING = {"-", "–", "..", "…", "x"}
_SIGNS = {"-", "–", "−"}
_POINT = re.compile(r"^[-−–]?\d+\.\d+$")  # a decimal point
# a point that no grouping can explain (not three digits after it): a decimal point
_DECIMAL_POINT = re.compile(r"^([-−–]?\d+)\.(\d{1,2}|\d{4,})$")
_NOTE_HEADER = re.compile(r"^not(?:er)?\.?$", re.IGNORECASE)  # a note-reference column
_NOTE_REF = re.compile(r"^[1-9]\d?$")
_LABEL_NOTES = re.compile(r"\s((?:[1-9]\d?,\s*)+)$")  # "Personalkostnader 6," (6, 7 …)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_HAS_DIGIT = re.compile(r"\d")
MAX_CANDIDATES = 1000  # readings enumerated per row (a row has a few hundred at most)


# _SINGLE, _LAST or _POINT, in one match (none of _POINT's characters has a case)
_NUMBER_TOKEN = re.compile(f"{_SINGLE.pattern}|{_LAST.pattern}|{_POINT.pattern}", re.IGNORECASE)


def is_number_token(tok: str) -> bool:
    """A token that can be a number or a part of one (``067`` in ``3 067``)."""
    return _NUMBER_TOKEN.match(tok) is not None or tok in _MISSING


def splits(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """Every reading of ``tokens`` as exactly ``n`` numbers (each the tokens joined by a
    space), at most ``MAX_CANDIDATES``."""
    memo: dict[tuple[int, int], list[tuple[str, ...]]] = {}

    def go(i: int, k: int) -> list[tuple[str, ...]]:
        if (i, k) in memo:
            return memo[(i, k)]
        if i == len(tokens):
            return [()] if k == 0 else []
        if k == 0 or len(tokens) - i < k:
            return []
        out: list[tuple[str, ...]] = []
        tok = tokens[i]
        if tok in _MISSING or _SINGLE.match(tok):
            out += [(tok, *rest) for rest in go(i + 1, k - 1)]
        # a sign printed apart from its number ("– 4 646"): one more reading, kept with
        # its space, so that the table's own convention decides whether it is a minus
        sign = tok in _SIGNS and i + 1 < len(tokens) and tokens[i + 1][:1].isdigit()
        lead = i + 1 if sign else i
        if sign and _SINGLE.match(tokens[lead]):
            out += [(f"{tok} {tokens[lead]}", *rest) for rest in go(lead + 1, k - 1)]
        if _FIRST.match(tokens[lead]):
            j = lead + 1
            while j < len(tokens) and len(out) < MAX_CANDIDATES:
                if _LAST.match(tokens[j]):
                    out += [(" ".join(tokens[i : j + 1]), *rest) for rest in go(j + 1, k - 1)]
                if not _MIDDLE.match(tokens[j]):
                    break
                j += 1
        memo[(i, k)] = out[:MAX_CANDIDATES]
        return memo[(i, k)]

    return go(0, n)


def _magnitude(text: str) -> float | None:
    value = _value(text)
    return None if value is None else math.log10(abs(value) + 1)


@dataclass
class SpacedRow:
    label: str
    tokens: list[str]
    line: int
    candidates: list[tuple[str, ...]] = field(default_factory=list)
    chosen: tuple[str, ...] | None = None
    note: str = ""  # the note reference printed before the values ("1", "6, 7")
    # readings with and without a note reference, when the evidence did not decide
    note_readings: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # a web page's empty cells as runs of spaces around the values (``_empty_cells``):
    # the label before them, the empty cells before and after, and the value tokens
    gaps: tuple[str, int, int, tuple[str, ...]] | None = None
    web: bool = False  # its table leaves empty cells so: its runs decide its reading


def split_row(line: str) -> tuple[str, list[str]]:
    """The label (everything up to the trailing run of number tokens) and those tokens.
    A unit after a number goes with it (``609 st``): a number ends at its unit."""
    if _HAS_DIGIT.search(line) is None:
        # (most lines of prose) no number to glue a % or a unit onto, and a word without
        # a digit is a number token only as a missing-value mark: as _split_row reads it
        toks = line.split()
        k = len(toks)
        while k > 0 and toks[k - 1] in _MISSING:
            k -= 1
        return " ".join(toks[:k]), toks[k:]
    return _split_row(line)


def _split_row(line: str) -> tuple[str, list[str]]:
    """``split_row`` for any line, word by word."""
    toks: list[str] = []
    for tok in line.split():
        if tok == "%" and toks and is_number_token(toks[-1]) and toks[-1] not in _MISSING:
            toks[-1] += "%"  # "3,7 %": the percent sign apart from its number
        elif (
            tok[:1] in _UNIT_FIRSTS
            and _UNIT_WORD.match(tok)
            and toks
            and (_SINGLE.match(toks[-1]) or _LAST.match(toks[-1]))
            and not toks[-1].endswith("%")
            and not _UNIT_AT_END.search(toks[-1])
            and not _YEAR.match(toks[-1])  # "Antal 2020 st": a header's year, as before
        ):
            toks[-1] += " " + tok
        else:
            toks.append(tok)
    k = len(toks)
    while k > 0 and is_number_token(toks[k - 1]):
        k -= 1
    return " ".join(toks[:k]), toks[k:]


def _value(text: str) -> float | None:
    t = (
        _UNIT_AT_END.sub("", text)
        .replace(" ", "")
        .replace(",", ".")
        .replace("−", "-")
        .replace("–", "-")
        .rstrip("%")
    )
    try:
        return float(t)
    except ValueError:
        return None


def _adds_up(cand: tuple[str, ...], c: int) -> bool:
    vals = [_value(v) for v in cand]
    nums = [v for v in vals if v is not None]
    if len(nums) != len(vals):
        return False
    return abs(nums[c] - (sum(nums) - nums[c])) <= 0.5


def _total_column(rows: list[tuple[str, ...]]) -> int | None:
    """A column that is the sum of all the others in every given row (at least two rows),
    e.g. ``Samtliga``; None when there is none."""
    if len(rows) < 2:
        return None
    for c in range(len(rows[0])):
        if all(_adds_up(cand, c) for cand in rows):
            return c
    return None


def resolve(rows: list[SpacedRow], n: int, series: bool = False) -> None:
    """Choose each row's reading: the only one; else the only one whose total column adds
    up (a column that is the sum of the others in every unambiguous row); else the one
    closest to the columns' typical magnitudes (from unambiguous rows) — or, in a series
    (a header of years: each row one measure over time), to the row's own typical
    magnitude — when clearly closer than the next. Otherwise none: the row is reported,
    not guessed."""
    for r in rows:
        if r.web and r.gaps and not r.note_readings:
            _in_their_cells(r, n)  # its empty cells' runs place its values
            if r.candidates:
                continue
        r.candidates = [] if r.note_readings else splits(r.tokens, n)
        if not r.candidates and not r.note_readings and r.gaps:
            _in_their_cells(r, n)
        if not r.candidates and not r.note_readings:
            _count_in_label(r, n)
        if len(r.candidates) == 1:
            r.chosen = r.candidates[0]
    total = _total_column([r.chosen for r in rows if r.chosen]) if n >= 3 else None
    if total is not None:
        for r in rows:
            if r.chosen or len(r.candidates) < 2:
                continue
            adds_up = [c for c in r.candidates if _adds_up(c, total)]
            if len(adds_up) == 1:
                r.chosen = adds_up[0]
    _by_dash_convention(rows)
    if (
        n >= 3
        and any(not r.chosen and len(r.candidates) >= 2 for r in rows)
        and sum(len(r.candidates) for r in rows) <= _DIFFERENCE_READINGS
    ):
        _by_difference(rows, n)
    typical: list[list[float]] = [[] for _ in range(n)]
    for r in rows:
        if r.chosen:
            for c, v in enumerate(r.chosen):
                m = _magnitude(v)
                if m is not None:
                    typical[c].append(m)
    medians = [sorted(v)[len(v) // 2] if v else None for v in typical]
    sizes: dict[str, float | None] = {}  # each value's magnitude, asked once a table
    for r in rows:
        if r.chosen or len(r.candidates) < 2:
            continue
        scored = []
        for cand in r.candidates:
            mags = []
            for v in cand:
                if v not in sizes:
                    sizes[v] = _magnitude(v)
                mags.append(sizes[v])
            known = sorted(m for m in mags if m is not None)
            own = known[len(known) // 2] if known else None
            d = 0.0
            for c, m in enumerate(mags):
                # a series' rows are different measures: only the row's own size counts
                ref = own if series else medians[c]
                if m is not None and ref is not None:
                    d += abs(m - ref)
            scored.append((d, cand))
        scored.sort(key=lambda x: x[0])
        best, second = scored[0][0], scored[1][0]
        if second - best >= 1.0:  # an order of magnitude closer
            r.chosen = scored[0][1]


# a web page's row whose empty cells are single spaces, the cells joined by a space: the
# label, a run of 2k + 1 spaces before the values (k empty cells), the values, a run of
# 2t spaces after them (t empty cells)
_EMPTY_CELLS = re.compile(
    r"^\s*(?P<label>\S(?:.*?\S)?)(?P<lead> {3,})(?P<values>\S(?:.*\S)?)(?P<trail> *)$"
)


def _empty_cells(line: str) -> tuple[str, int, int, tuple[str, ...]] | None:
    """``(label, empty before, empty after, value tokens)`` of a row that leaves its empty
    cells as runs of spaces (``Budget 2022     -353 075 -353 075 -353 075``: two empty
    cells, then three values; ``Arbetsmarknadsåtgärder     -1 300 -1 300  ``: two, two
    values, one); None where the runs are not of that shape or the values hold another
    run of spaces or a word."""
    m = _EMPTY_CELLS.match(line.rstrip("\r\n"))
    if m is None:
        return None
    lead, trail = len(m.group("lead")), len(m.group("trail"))
    values = m.group("values")
    if lead % 2 != 1 or trail % 2 != 0 or "  " in values or not _LETTER.search(m.group("label")):
        return None
    tokens = tuple(values.split())
    if not all(is_number_token(t) for t in tokens):
        return None
    return m.group("label"), (lead - 1) // 2, trail // 2, tokens


def _gap_readings(r: SpacedRow, n: int) -> int:
    """How many ways the values of a row that leaves its empty cells as runs of spaces
    (``_empty_cells``) split into the ``n`` columns after them; 0 for any other row."""
    if r.gaps is None:
        return 0
    _, before, after, tokens = r.gaps
    m = n - before - after
    return len(splits(list(tokens), m)) if m >= 1 else 0


def _in_their_cells(r: SpacedRow, n: int) -> None:
    """A row that reads in no way across the ``n`` columns but leaves its empty cells as
    runs of spaces (``_empty_cells``): its values, split one way only, in the columns
    after the empty cells before them, its label the text before the run."""
    assert r.gaps is not None
    label, before, after, tokens = r.gaps
    m = n - before - after
    readings = splits(list(tokens), m) if m >= 1 else []
    if len(readings) != 1:
        return
    r.label = label
    r.candidates = [("",) * before + readings[0] + ("",) * after]
    r.chosen = r.candidates[0]


# the most readings a block's rows may have in all for ``_by_difference`` to weigh them
# (each relation is tried on each reading): a block of hundreds of readings gives no clear
# evidence and costs its reading time (the corpus's blocks where it decides have 43 at most)
_DIFFERENCE_READINGS = 200


def _tolerance(texts: tuple[str, ...]) -> float:
    """Half a unit of the last place the values print (``2 412``: 0,5; ``1,6``: 0,05),
    and a unit where a rounded difference may be one off: 1 or 0,1."""
    places = max((len(t.rsplit(",", 1)[1].rstrip("%")) for t in texts if "," in t), default=0)
    return 10.0**-places + 1e-9


def _by_difference(rows: list[SpacedRow], n: int) -> None:
    """A budget table's deviation column: one column the difference of two others in
    every row (``Budget | Periodutfall | Utfall_proc | Prognos | Avvikelse``, Avvikelse =
    Budget - Prognos). Where each row of the block has a reading that holds one such
    relation, the same for all, at least three of them with a value that is not zero, and
    no other relation holds so, a row with several readings takes the one reading that
    holds it; a row with none or several keeps them all (said, not guessed)."""
    # each row's readings as (values, tolerance), the rows with fewest readings first
    # (a relation fails soonest there; the order changes nothing else)
    readings: list[list[tuple[list[float], float]]] = []
    for r in rows:
        cands = [r.chosen] if r.chosen else r.candidates
        vals = []
        for cand in cands:
            got = [_value(t) for t in cand]
            if all(x is not None for x in got):
                vals.append(([float(x) for x in got if x is not None], _tolerance(cand)))
        if cands:
            if not vals:
                return  # a row with a reading that is no number (a dash): no evidence
            readings.append(vals)
    if len(readings) < 3:
        return
    readings.sort(key=len)

    found: list[tuple[int, int, int]] = []
    for a in range(n):
        for b in range(n):
            for c in range(b + 1, n):
                if a in (b, c):
                    continue
                nonzero = 0
                for vals in readings:
                    held = zero = False
                    for v, tol in vals:
                        if abs(v[a] - v[b] - v[c]) <= tol:
                            held = True
                            if v[a] or v[b] or v[c]:
                                zero = False
                                break
                            zero = True
                    if not held:
                        break
                    nonzero += not zero
                else:
                    if nonzero >= 3:
                        found.append((a, b, c))
                if len(found) > 1:
                    return  # two relations hold: neither is evidence
    if len(found) != 1:
        return
    a, b, c = found[0]
    for r in rows:
        if r.chosen or len(r.candidates) < 2:
            continue
        fit = []
        for cand in r.candidates:
            got = [_value(t) for t in cand]
            if all(x is not None for x in got):
                f = [float(x or 0) for x in got]
                if abs(f[a] - f[b] - f[c]) <= _tolerance(cand):
                    fit.append(cand)
        if len(fit) == 1:
            r.chosen = fit[0]


def _arithmetic_holds(rows: list[SpacedRow], n: int) -> bool:
    """Whether every row is read and the table's own arithmetic holds in the readings: a
    column the sum of the others (``_total_column``), or one the difference of two others,
    the same in every row, with three rows at least where it is not all zero."""
    chosen = [r.chosen for r in rows if r.chosen]
    if len(chosen) < len(rows) or len(chosen) < 3 or n < 3:
        return False
    if _total_column(chosen) is not None:
        return True
    read = [[_value(t) for t in c] for c in chosen]
    vals = [[v for v in row if v is not None] for row in read]
    if any(len(v) < n for v in vals):
        return False  # a dash: no value to add
    tols = [_tolerance(c) for c in chosen]
    for a in range(n):
        for b in range(n):
            for c in range(b + 1, n):
                if a in (b, c):
                    continue
                held = (abs(v[a] - v[b] - v[c]) <= tol for v, tol in zip(vals, tols, strict=True))
                if all(held) and sum(bool(v[a] or v[b] or v[c]) for v in vals) >= 3:
                    return True
    return False


def _confirmed_count(rows: list[SpacedRow], n: int) -> int:
    """The column count of a header of ``n`` names over rows of values where ``n`` makes
    the first name, the stub's own (``Verksamhet Budget 2023 Utfall 2023 Avvikelse``), a
    column of values: one less where the rows read in one column less, every one of them,
    and hold the table's own arithmetic (a column the sum or the difference of others)
    while the rows read in ``n`` columns do not. A cell printed without its thousands'
    space (``3135`` under ``3 158``) leaves fewer readings in ``n`` columns than in the
    right count, whose sums decide them (``673 | 235 | 670 100 | 3135`` was read, under
    ``Verksamhet``, for ``673 235 | 670 100 | 3135``)."""
    m = n - 1
    if len(rows) < 3 or any(not splits(r.tokens, m) for r in rows):
        return n

    def read_in(k: int) -> list[SpacedRow]:
        trial = [SpacedRow(r.label, list(r.tokens), r.line, gaps=r.gaps) for r in rows]
        resolve(trial, k)
        return trial

    if not _arithmetic_holds(read_in(m), m) or _arithmetic_holds(read_in(n), n):
        return n
    return m


# a sum row's label: Summa, Delsumma, Totalt … (letters set apart too: 'D e lsumma')
_SUM_LABEL = re.compile(r"^(?:del|sub)?(?:summa|totalt|total)", re.IGNORECASE)
PLACED_BY_SUM = "raden har färre värden än kolumner: placerade där summaraden under stämmer"


def _is_sum_row(r: SpacedRow) -> bool:
    return r.chosen is not None and _SUM_LABEL.match(r.label.replace(" ", "")) is not None


def _short_reading(r: SpacedRow, n: int) -> tuple[str, ...] | None:
    """The values of a row that reads in fewer columns than ``n`` one way only, at the
    fewest columns it reads in."""
    for k in range(1, n):
        got = splits(r.tokens, k)
        if got:
            return got[0] if len(got) == 1 else None
    return None


def _block_holds(block: list[tuple[float, ...]], total: tuple[float, ...], tol: float) -> bool:
    return all(abs(sum(row[c] for row in block) - total[c]) <= tol for c in range(len(total)))


def _place_by_sums(rows: list[SpacedRow], n: int) -> list[SpacedRow]:
    """A row with fewer values than columns (``Aktiveringstid 3 000`` under 2014 2015
    2016) placed where the table's own sum below it holds only so: a sum row
    (``Delsumma 12 000 26 500 22 400``) that equals, in every column, the rows right above
    it from some row on, this one's values in the columns tried and its other cells empty,
    the other rows all read. One placement only, or none (the row stays said). The rows
    placed, for the table to say."""
    placed: list[SpacedRow] = []
    for i, r in enumerate(rows):
        if r.chosen is not None or not r.tokens or r.note_readings or r.candidates:
            continue
        short = _short_reading(r, n)
        if short is None:
            continue
        below = next((k for k in range(i + 1, len(rows)) if _is_sum_row(rows[k])), None)
        if below is None:
            continue
        total = [_value(t) if t else 0.0 for t in rows[below].chosen or ()]
        if any(v is None for v in total):
            continue
        fits = []
        for cols in combinations(range(n), len(short)):
            cand = [""] * n
            for c, v in zip(cols, short, strict=True):
                cand[c] = v
            trial = tuple(cand)
            if _sum_holds(rows, i, below, trial, [float(v or 0) for v in total]):
                fits.append(trial)
        if len(fits) == 1:
            r.chosen = fits[0]
            r.candidates = fits
            placed.append(r)
    return placed


def _sum_holds(
    rows: list[SpacedRow], i: int, below: int, trial: tuple[str, ...], total: list[float]
) -> bool:
    """Whether the rows from some row on down to the sum row ``below``, row ``i`` read as
    ``trial``, add up to ``total`` in every column."""
    tol = _tolerance(rows[below].chosen or ()) * 0.5
    values: list[tuple[float, ...]] = []
    for k in range(below - 1, -1, -1):
        cells = trial if k == i else rows[k].chosen
        if cells is None:
            if rows[k].tokens:
                return False  # a row unread inside the block: no evidence
            continue  # a section's name
        got = [_value(t) if t else 0.0 for t in cells]
        if any(v is None for v in got):
            return False
        values.insert(0, tuple(float(v or 0) for v in got))
        if k <= i and _block_holds(values, tuple(total), tol):
            return True
    return False


def _count_in_label(r: SpacedRow, n: int) -> None:
    """A row that reads in no way with its units' numbers as values may name a count in
    its label (``Korttidsboende 12 platser 2 609 2 700``): read it with the numbers after
    the last unit as its values and the rest in its label, where that reads."""
    last = max((k for k, t in enumerate(r.tokens) if _UNIT_AT_END.search(t)), default=-1)
    if last < 0:
        return
    rest = r.tokens[last + 1 :]
    candidates = splits(rest, n) if rest else []
    if candidates:
        r.label = " ".join([r.label, *r.tokens[: last + 1]]).strip()
        r.tokens, r.candidates = rest, candidates


def _dash_kinds(cand: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether a reading uses a dash as an empty cell, and as a sign apart ("– 14")."""
    empty = any(v in _SIGNS for v in cand)
    apart = any(v[:1] in _SIGNS and v[1:2] == " " for v in cand)
    return empty, apart


def _by_dash_convention(rows: list[SpacedRow]) -> None:
    """A dash is either an empty cell or a sign printed apart; the table's rows that read
    one way only show its convention. Where at least two rows print signs apart and none
    an empty dash (or the other way round), a row with both readings takes the one that
    follows the convention, when exactly one does."""
    kinds = [_dash_kinds(r.chosen) for r in rows if r.chosen]
    empties = sum(e for e, _ in kinds)
    aparts = sum(a for _, a in kinds)
    if empties and aparts:
        return
    for r in rows:
        if r.chosen or len(r.candidates) < 2:
            continue
        if aparts >= 2:
            fit = [c for c in r.candidates if not _dash_kinds(c)[0]]
        elif empties >= 2:
            fit = [c for c in r.candidates if not _dash_kinds(c)[1]]
        else:
            return
        if len(fit) == 1:
            r.chosen = fit[0]


def to_table(
    stub: str,
    header: list[str],
    rows: list[SpacedRow],
    header_line: int,
    second: tuple[list[str], int] | None = None,
) -> Table:
    """The rows as a table for ``tables.interpret``: a stub column for the labels, one
    column per header cell (and under it, with ``second``, a second header row and its
    line); a label without values keeps its label alone (a section). A row with values
    but no reading (its numbers split more than one way) is left out: its warning says
    it, and its label alone would stand as a section over the rows below it."""
    out = [Row([Cell(stub, header_line), *[Cell(h, header_line) for h in header]], header_line)]
    if second:
        names, line = second
        out.append(Row([Cell("", line), *[Cell(h, line) for h in names]], line))
    for r in rows:
        if r.chosen:
            cells = [Cell(r.label, r.line), *[Cell(v, r.line) for v in r.chosen]]
        elif r.tokens:
            continue  # said in the table's warnings, with its line and readings
        else:
            cells = [Cell(r.label, r.line)]
        out.append(Row(cells, r.line))
    return Table(rows=out, layout="spaced", line=header_line, header_rows=1 + bool(second))


_SENTENCE_END = re.compile(r"[.:;!?]$")


@per_document
def _year_header(line: str) -> tuple[str, list[str]] | None:
    """``Kommun/Region 2011 2012 … 2021``, ``  1995 2000 2005`` or ``Not 2018 2017``: the
    stub text and the years (at least two, in order either way, at the end of the line)."""
    toks = line.split()
    k = len(toks)
    while k > 0 and _YEAR.match(toks[k - 1]):
        k -= 1
    years = toks[k:]
    order = [int(y) for y in years]
    # in order, either way: a financial statement prints this year first
    if len(years) < 2 or order not in (sorted(order), sorted(order, reverse=True)):
        return None
    stub = toks[:k]
    if len(stub) > 4 or any(re.search(r"\d", t) for t in stub):
        return None
    return " ".join(stub), years


@per_document
def _word_header(line: str) -> list[str] | None:
    """A line of column names (no numbers at its end, no sentence), its words joined into
    cells: a word in lower case, or after a word ending in a comma, belongs to the cell
    before it (``Äldre mfl``, ``Ind, fam``, ``Kronor per invånare``)."""
    s = line.strip()
    tail = split_row(s)[1]
    # a last name's year at the end is no value when the names carry years ("Intäkter
    # 2020Intäkter 2021…": a web page's cells run together); the names' years are
    # counted only then (the search is slow on a line of prose)
    if tail and not (
        len(tail) == 1
        and _YEARISH.match(tail[0])
        and len(_NAMED_YEAR.findall(_unglue_years(s))) >= 2
    ):
        return None
    if not s or len(s) > 100 or _SENTENCE_END.search(s) or len(s.split()) > 14:
        return None
    if not _LETTER.search(s):
        return None  # no word: no names ("-31,285,4", a web page's cells run together)
    cells: list[str] = []
    for tok in _unglue_years(s).split():
        if cells and (
            tok[0].islower()
            or cells[-1].endswith(",")
            # a year or a pair of years after a measure names that measure's year
            # ("Utfall 2013", "Förändring 2012/2013")
            # (any name but the stub's: "Intäkter 2020")
            or (
                _YEARISH.match(tok)
                and (L.value_kind_of(cells[-1]) or len(cells) >= 2)
                and not re.search(r"\d", cells[-1])
            )
        ):
            cells[-1] += " " + tok
        else:
            cells.append(tok)
    return cells


_YEARISH = re.compile(r"^(?:19|20)\d\d(?:[/–-](?:19|20)?\d\d)?$")
_LETTER = re.compile(r"[^\W\d_]")
# a web page's cells run together with no space between (``Socialnämnden11,80,0470,1``,
# ``149,4-32,72 903,2``): a number with a decimal comma glued to a word before it, or to
# a sign and a number after it. Where the cells begin cannot be read from the text
_RUN_TOGETHER = re.compile(r"[^\W\d_]\d{1,3}(?:[ \u00a0]\d{3})*,\d|\d,\d+[-−–]\d")
_NAMED_YEAR = re.compile(r"[^\W\d_]{3,} (?:19|20)\d\d\b")  # "Intäkter 2020"
_GLUED_YEAR = re.compile(r"\b([^\W\d_]{3,})((?:19|20)\d\d)(?=\b|[A-ZÅÄÖ])")
_YEAR_GLUED = re.compile(r"((?:19|20)\d\d)(?=[A-ZÅÄÖ][a-zåäö])")


def _unglue_years(text: str) -> str:
    """Header words glued to their years, as a web page's cells run together
    (``Utfall2013``, ``Intäkter 2020Intäkter 2021``): words and years apart."""
    if "19" not in text and "20" not in text:
        return text  # no year (both patterns begin one with 19 or 20): nothing glued
    return _GLUED_YEAR.sub(r"\1 \2", _YEAR_GLUED.sub(r"\1 ", text))


@per_document
def _data_row(line: str) -> tuple[str, list[str]] | None:
    label, tokens = split_row(line.strip())
    if not tokens or not re.search(r"[A-Za-zÅÄÖåäöÉé]", label):
        return None
    return label, tokens


_MISSING_ENDS = tuple(_MISSING)


def may_end_in_value(line: str) -> bool:
    """Whether ``split_row(line)`` can find any value tokens at the line's end: a cheap
    necessary condition, never False where ``split_row(line)[1]`` is not empty. The last
    of ``split_row``'s tokens is the line's last word, or the word before it with that
    last word glued on (a ``%`` or a unit word, glued only onto a number with a digit);
    a number token holds a digit or is a missing-value mark (``-``, ``x``, ``..``). So a
    line without a digit can end in a value only with a mark as its last word."""
    if _HAS_DIGIT.search(line) is None:
        return line.rstrip().endswith(_MISSING_ENDS) and line.rsplit(None, 1)[-1] in _MISSING
    last = line.rsplit(None, 1)[-1]
    return (
        _HAS_DIGIT.search(last) is not None
        or last in _MISSING
        or last == "%"
        or _UNIT_WORD.match(last) is not None
    )


def ends_in_value(line: str) -> bool:
    """Whether ``split_row(line)`` finds value tokens at the line's end, asked cheaply: a
    line without a digit only with a missing-value mark last (as ``may_end_in_value``
    says); else the last word alone, which is the last token unless it is a ``%`` or a
    unit glued onto the word before it (only then is the line split)."""
    if _HAS_DIGIT.search(line) is None:
        return line.rstrip().endswith(_MISSING_ENDS) and line.rsplit(None, 1)[-1] in _MISSING
    return _digit_line_ends_in_value(line)


def _digit_line_ends_in_value(line: str) -> bool:
    """``ends_in_value`` of a line known to hold a digit (its search not made again)."""
    last = line.rsplit(None, 1)[-1]
    if last == "%" or _UNIT_WORD.match(last):
        return bool(split_row(line)[1])
    return is_number_token(last)


def _ends(line: str) -> int:
    return 0 if not line or line.isspace() else 1 + ends_in_value(line)


# each line's answer (0 blank, 1 no value at its end, 2 ends in one: ``ends_in_value``),
# for the document
_ENDS_IN_VALUE: dict[str, int] = per_document_store()


def line_ends(line: str) -> int:
    """0 for a blank line, 2 for one that ends in a value (``ends_in_value``), else 1;
    kept for the document being read."""
    known = _ENDS_IN_VALUE
    try:
        return known[line]
    except KeyError:
        if len(known) >= MAX_ENTRIES:
            known.clear()
        ends = known[line] = _ends(line)
        return ends


def run_of_rows(lines: list[str], i: int) -> tuple[int, int]:
    """The run of non-blank lines that ``lines[i]`` begins or goes on: the index of the
    blank line (or the end) after it, and of its last line that ends in a value
    (``ends_in_value``), -1 when none does. Each line from ``i`` to the run's end is
    looked at once. A line of the run with no such line below it in the run is no
    header for ``read`` (``_rows_below``)."""
    known = _ENDS_IN_VALUE
    n = len(lines)
    last = -1
    k = i
    while k < n:
        line = lines[k]
        ends = known.get(line)  # (not try/except: on a first read most lines are new)
        if ends is None:
            if len(known) >= MAX_ENTRIES:
                known.clear()
            if not line or line.isspace():
                ends = 0
            elif _HAS_DIGIT.search(line) is None:  # (most lines of prose: ends_in_value's
                # first test, said here, the line searched for a digit once)
                ends = 1
                if line.rstrip().endswith(_MISSING_ENDS) and line.rsplit(None, 1)[-1] in _MISSING:
                    ends = 2
            else:
                ends = 1 + _digit_line_ends_in_value(line)
            known[line] = ends
        if ends == 0:
            break
        if ends == 2:
            last = k
        k += 1
    return k, last


# the furthest a first row stands below the header in ``_read``: four lines of a group
# repeated under each year (or a line of periods and two more header lines), then three
# label-only lines waiting for their values
_FIRST_ROW_WITHIN = 8


def _rows_below(lines: list[str], i: int) -> bool:
    """Whether two rows can stand under ``lines[i]`` for ``read``: it reads a table of
    two rows at least (three with one column), and each row it reads is a line whose
    ``split_row`` has value tokens (``ends_in_value``: a label and values, or values
    alone under a wrapped label). Its first row stands before the first blank line below
    the header (until a row is read, a blank line or a page's mark ends it). With only one
    line that may be a row there, the second must come after a page break passed over
    (``_over_page_break``), which is tried only at a blank line, a page's mark or a form
    feed after the first row, and passes a blank line only with a form feed in it, or a
    page's mark or running header (``page_mark``) after it. The first row stands at most
    ``_FIRST_ROW_WITHIN`` lines below the header, so that a long run of lines without a
    blank one is not searched from each of its lines (in all, each line is looked at from
    at most that many headers above it)."""
    known = _ENDS_IN_VALUE
    n = len(lines)
    first = -1  # the one line so far that may be a row
    k = i + 1
    while k < n:
        line = lines[k]
        try:
            ends = known[line]
        except KeyError:
            if len(known) >= MAX_ENTRIES:
                known.clear()
            ends = known[line] = _ends(line)
        if ends == 0:
            break  # a blank line
        if ends == 2:
            if first >= 0:
                return True
            first = k
        elif first < 0 and k - i >= _FIRST_ROW_WITHIN:
            return False  # no row this far below the header
        elif first >= 0 and ("\f" in line or _page_furniture(line)):
            return True  # a page break may be passed over here
        k += 1
    if first < 0:
        return False
    while k < n and not lines[k].strip():  # the blank lines after: a page break?
        if "\f" in lines[k]:
            return True
        k += 1
    return k < n and bool(_page_furniture(lines[k]) or page_mark(lines[k]))


def read(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A space-separated table whose header is ``lines[i]``: the table and the index of
    the line after it; None when no such table starts here."""
    head = lines[i]
    if _SENTENCE_END.search(head.rstrip()) or i + 2 >= len(lines) or not lines[i + 1].strip():
        return None  # a sentence, or nothing under it: no header
    if not _rows_below(lines, i):
        return None  # no two lines under it can be its rows
    return _read(lines, i)


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# the blank lines at least that a web page's empty cells leave between a table's header
# and its rows, or between a block of rows and the group name over the next block (one
# blank line is a paragraph's end and still ends a table)
_GAP_BLANKS = 2


def read_gapped(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A space-separated table whose header is ``lines[i]`` and whose rows stand below it
    after blank lines, as a web page's table copied as text leaves its empty cells
    (``Belopp i mnkr Intäkter … Utgående eget kapital``, blank lines, ``STADSDELSNÄMNDER``,
    blank lines, ``Angered 426 -2 023 …``): read as ``read`` reads it with the rows right
    under the header, a group name alone between the blank lines the section over the
    rows below it (``_web_gap``). None unless two blank lines at least follow the header."""
    n = len(lines)
    if i + 3 >= n or lines[i + 1].strip() or lines[i + 2].strip():
        return None  # (cheap: most lines have text or one blank line below them)
    head = lines[i].strip()
    if not head or _SENTENCE_END.search(head) or _data_row(head) is not None:
        return None
    if _HAS_DIGIT.search(_ANY_YEAR.sub("", head)) or "\f" in lines[i] or page_mark(lines[i]):
        return None  # a number other than a year, or a page's mark: no header of names
    gap = _web_gap(lines, i + 1)
    if gap is None:
        return None
    return _read(lines, i, gap)


def _web_gap(lines: list[str], j: int) -> tuple[int, list[tuple[str, int]]] | None:
    """From the blank line ``lines[j]``: ``_GAP_BLANKS`` blank lines at least, at most one
    group name (``_group_name``) with blank lines after it, then a line that is a row (a
    label and values, no line of years). The row's index and the group name with its line
    number (none when there is no such name); None when the lines are not so."""
    n = len(lines)
    k = j
    while k < n and not lines[k].strip():
        k += 1
    if k - j < _GAP_BLANKS or k >= n or any("\f" in lines[b] for b in range(j, k)):
        return None  # (a page break is ``_over_page_break``'s)
    section: list[tuple[str, int]] = []
    s = lines[k].strip()
    if _data_row(s) is None:
        if not _group_name(s) or "\f" in lines[k]:
            return None
        section.append((s, k + 1))
        k += 1
        while k < n and not lines[k].strip():
            if "\f" in lines[k]:
                return None
            k += 1
        if k >= n:
            return None
    s = lines[k].strip()
    if _data_row(s) is None or _year_header(s) or _RUN_TOGETHER.search(s):
        return None
    return k, section


def _empty_row(line: str, years: tuple[str, list[str]] | None, names: list[str]) -> bool:
    """A line of spaces only, as many as a row of the header's cells, each a space, joined
    by spaces makes (``2c - 1`` for ``c`` cells, the stub's among them): a web page's row of
    empty cells."""
    if not line or line.strip() or "\f" in line:
        return False
    # (the stub's cell among the names, or one more, or its caption two names: ``Beslutad
    # ram (tkr)``)
    cells = {len(years[1]) + 1} if years else {len(names) - 1, len(names), len(names) + 1}
    return len(line.rstrip("\r\n")) in {2 * c - 1 for c in cells}


def _group_name(s: str) -> bool:
    """A group's name alone on its line (``STADSDELSNÄMNDER``, ``Nämnder med särskild
    inriktning``): a few words, no digit, no sentence."""
    return (
        0 < len(s) <= 60
        and len(s.split()) <= 6
        and _HAS_DIGIT.search(s) is None
        and _LETTER.search(s) is not None
        and _SENTENCE_END.search(s) is None
    )


def _reads_like(rows: list[SpacedRow], line: str) -> bool:
    """Whether ``line``'s values split into as many columns as the last row of ``rows``
    that has values does (some number of columns both read in)."""
    got = _data_row(line)
    last = next((r.tokens for r in reversed(rows) if r.tokens), None)
    if got is None or last is None:
        return False
    return any(splits(last, m) and splits(got[1], m) for m in range(1, len(last) + 1))


def _read(
    lines: list[str], i: int, gap: tuple[int, list[tuple[str, int]]] | None = None
) -> tuple[Table, int] | None:
    """``read`` without its cheap first test (``_rows_below``): the whole reading. With
    ``gap`` (``read_gapped``), the first row's index and the group name above it: the
    rows stand there, after blank lines, and the header is ``lines[i]`` alone."""
    head = lines[i]
    if _SENTENCE_END.search(head.rstrip()) or i + 2 >= len(lines):
        return None  # a sentence, or nothing under it: no header
    if not gap and not lines[i + 1].strip():
        return None  # nothing right under it: no header
    years = _year_header(head)
    words = None if years else _word_header(head)
    if not years and not words:
        return None
    if gap:
        return _read_rows(lines, i, gap[0], years, words, [], None, "", None, list(gap[1]))
    j = i + 1
    # under a line of years, lines that print the same group once per year name each
    # year's columns (``Totalt Per 1 000`` four times under four years)
    sub: list[list[str]] = []
    while years and j < len(lines) and j - i <= 4:
        group = _repeated_group(lines[j], len(years[1]))
        if group is None:
            break
        sub.append(group)
        j += 1
    # under a line of column names, a line of their years and periods (``Budget Budget
    # Utfall`` / ``2018 jan-apr 2018 jan-apr 2018``): each name's second header row
    got_periods = _periods_under(lines[j]) if words else None
    periods, stub_below = got_periods if got_periods else (None, "")
    # printed in columns (pdftotext -layout): each year goes with the name above it,
    # which may span several ("Budget" over 2024, "Plan" over 2025 and 2026)
    names: list[str] = words or []
    spans = _spans(names, head, periods, lines[j]) if periods and not stub_below else None
    if periods and (spans or len(periods) in (len(names) - 1, len(names))):
        j += 1
    else:
        periods, stub_below = None, ""
    # header lines that go on (``år år år liga``): words only, before the first data row
    while j < len(lines) and j - i <= 3 and lines[j].strip() and not _data_row(lines[j]):
        if _year_header(lines[j]):
            return None
        j += 1
    return _read_rows(lines, i, j, years, words, sub, periods, stub_below, spans, [])


def _read_rows(
    lines: list[str],
    i: int,
    j: int,
    years: tuple[str, list[str]] | None,
    words: list[str] | None,
    sub: list[list[str]],
    periods: list[str] | None,
    stub_below: str,
    spans: tuple[str, list[str]] | None,
    pending: list[tuple[str, int]],
) -> tuple[Table, int] | None:
    """``_read`` from its first row on: the header ``lines[i]`` read (``years`` or
    ``words``, with the lines under it that go on from it), the rows from ``lines[j]``,
    ``pending`` the label-only lines above it."""
    names: list[str] = words or []
    rows: list[SpacedRow] = []
    header_lines = {lines[k].strip() for k in range(i, j) if lines[k].strip()}
    header_lines -= {t for t, _ in pending}
    breaks: list[tuple[int, str, str]] = []  # page breaks passed over, said
    unsplit: list[tuple[int, str, str]] = []  # rows whose numbers do not stand last
    repeated: list[tuple[int, str, str]] = []  # the header again among the rows
    while j < len(lines):
        if rows and (not lines[j].strip() or _page_furniture(lines[j]) or "\f" in lines[j]):
            passed = _over_page_break(lines, j, header_lines, rows)
            if passed is not None:  # the table goes on after a page break
                j, said_here = passed
                breaks.extend(said_here)
                continue
        if not pending and not lines[j].strip() and sum(1 for r in rows if r.tokens) >= 2:
            # a web page's empty cells: blank lines, a group's name, blank lines, and rows
            # that read in the same columns go on a table of two rows at least
            # (``_web_gap``; so ``_rows_below`` stays a condition of every reading)
            gap = _web_gap(lines, j)
            if gap is not None and _reads_like(rows, lines[gap[0]]):
                j, pending = gap[0], list(gap[1])
                continue
        if rows and _empty_row(lines[j], years, names):
            j += 1  # a web page's row of empty cells, each a space: no row, no blank line
            continue
        if not lines[j].strip() or _page_furniture(lines[j]):
            break  # a page's mark is never a row ("Sida 3": no value 3)
        s = lines[j].strip()
        if _RUN_TOGETHER.search(s):
            break  # cells run together: no row of this table, no label of one
        if rows and not pending and s in header_lines:
            # the header printed again among the rows (a page break the text lost): no
            # row and no section over the rows below, said
            repeated.append((j + 1, s, HEADER_REPEATED))
            j += 1
            continue
        got = _data_row(lines[j])
        if got is None and pending and not split_row(s)[0] and not _year_header(s):
            # values alone on their line: the label wrapped, its last line is above
            got = "", split_row(s)[1]
            if _own_header(pending[-1][0], got[1], len(years[1]) if years else len(names)):
                break  # a table of its own under its own column names: not this one's row
        if got is None:
            if _year_header(s) or len(pending) >= 3 or split_row(s)[1]:
                break
            if rows and not pending and _numbers_not_last(s):
                # a row whose numbers do not stand last ("Antal beslut 2 609 st 2 700
                # st (prel)"): said, never a section over the rows below it
                unsplit.append((j + 1, s, NUMBERS_NOT_LAST))
                j += 1
                continue
            pending.append((s, j + 1))
            j += 1
            continue
        label, tokens = got
        if pending:
            coded = any(r.tokens and _CODE.match(r.label) for r in rows)
            sections, label = _settle(pending, label, coded)
            rows.extend(sections)
        pending = []
        rows.append(SpacedRow(label, tokens, j + 1, gaps=_empty_cells(lines[j])))
        j += 1
    end = j - len(pending)  # trailing label-only lines are not the table's
    data = [r for r in rows if r.tokens]
    said = _read_points(data)
    readable = [r for r in data if not any(_POINT.match(t) for t in r.tokens)]
    # a note-reference column ("Not") between the labels and the values
    stub_words = (years[0] if years else words[0] if words else "").split()
    notes = bool(stub_words) and _NOTE_HEADER.match(stub_words[-1]) is not None
    per_year = _sub_columns(sub)
    if years:
        n = len(years[1]) * len(per_year)
    elif periods:
        n = len(periods)
    elif notes:
        n = len(names) - 1
    else:
        # the stub may have one header cell, none, or two (``Typ av insats Grund till
        # insats Flickor Pojkar``: two label columns' names, then the values')
        two_stubs = (len(names) - 2,) if len(names) >= 4 else ()
        # a first name that is a value's (``Budget Periodutfall … Avvikelse``): no stub
        # header, a column for every name when the rows read so
        n = (_column_count(readable, (len(names),)) if L.value_kind_of(names[0]) else 0) or (
            _column_count(readable, (*two_stubs, len(names) - 1, len(names)))
        )
        if n == len(names) >= 4:
            # the stub's own name over a column of values: unless the table's arithmetic
            # says so, over the labels (``_confirmed_count``)
            n = _confirmed_count(readable, n)
    min_rows = 3 if n == 1 else 2
    if not n or len(data) < min_rows:
        return None
    if years:
        stub = years[0]
        header = [y for y in years[1] for _ in per_year]
    elif spans:
        stub, header = spans
    else:
        header = list(names)
        if len(header) == n + 1:
            stub, header = header[0], header[1:]
        elif len(header) == n:
            stub = ""
        elif len(header) == n + 2:
            stub, header = " / ".join(header[:2]), header[2:]
        else:
            return None
    if notes:
        stub = " ".join(stub_words[:-1])
        _place_notes(readable, n)
    if any(r.gaps and not splits(r.tokens, n) and _gap_readings(r, n) == 1 for r in readable):
        # a row that reads only with its empty cells as runs of spaces: the table leaves
        # them so, and every row's runs place its values (``_empty_cells``)
        for r in readable:
            r.web = r.gaps is not None
    for block in _blocks(rows):
        resolve(block, n, series=bool(years) and len(per_year) == 1)
    placed = _place_by_sums(rows, n)
    decided = [r for r in readable if r.chosen is not None or r.note_readings]
    if len(decided) * 2 < len(readable) or not readable:
        return None  # most rows do not read as this table: not one
    second = (
        (per_year * len(years[1]), i + 2)
        if sub and years
        else (periods, i + 2)
        if periods
        else None
    )
    table = to_table(stub, header, rows, i + 1, second)
    if periods and stub_below:
        table.rows[1].cells[0].text = stub_below  # the stub's header goes on below
    table.repairs.extend(said)
    table.repairs.extend(breaks)
    table.repairs.extend((r.line, " ".join(r.tokens), PLACED_BY_SUM) for r in placed)
    table.repairs.extend(r for r in repeated if r[0] < end + 1)
    table.warnings.extend(u for u in unsplit if u[0] < end + 1)
    for r in data:
        if r.note and r.chosen is not None:
            table.repairs.append(
                (r.line, r.note, f"notnummer {r.note}: hänvisning till en not, inget värde")
            )
        if r.note_readings:
            shown = " | ".join(
                (f"not {note}: " if note else "") + " / ".join(c) for note, c in r.note_readings
            )
            table.warnings.append(
                (r.line, " ".join(r.tokens), f"notnummer eller del av talet; möjliga: {shown}")
            )
        elif r.chosen is None:
            shown = " | ".join(" / ".join(c) for c in r.candidates[:4]) or "ingen"
            points = [t for t in r.tokens if _POINT.match(t)]
            if points:
                reason = (
                    f"decimalpunkt ({points[0]}): läses inte, punkten kan vara tusentals- "
                    "eller decimaltecken"
                )
            elif r.candidates:
                reason = f"tvetydig delning av {len(r.tokens)} tal i {n} kolumner; möjliga: {shown}"
            else:
                reason = f"raden går inte att dela i {n} kolumner med svensk tusentalsgruppering"
            table.warnings.append((r.line, " ".join(r.tokens), reason))
    return table, end


HEADER_REPEATED = "tabellens rubrikrad upprepad bland raderna, ingen rad"
NUMBERS_NOT_LAST = (
    "raden läses inte: talen står inte sist på raden, kolumnerna går inte att skilja åt"
)


def _numbers_not_last(line: str) -> bool:
    """A line inside a table that prints a run of two or more values (units between
    them at most) and a word or two after them (``2 609 st 2 700 st (prel)``) — not a
    section's name with numbers in it (``Insatser enligt 4 kap 1 § SoL``, ``Mål 1 och 2``)."""
    vals = [t for t in N.tokens(line) if t.kind in (N.VALUE, N.MALFORMED)]
    if len(vals) < 2 or len(line[vals[-1].end :].split()) > 2:
        return False
    return all(
        all(w == "%" or _UNIT_WORD.match(w) for w in line[a.end : b.start].split())
        for a, b in pairwise(vals)
    )


def _page_furniture(line: str) -> bool:
    """A page's number or mark standing alone (``Sida 3``, ``3 (17)``, ``3``)."""
    return FURNITURE.match(line.replace("\f", " ")) is not None


def _over_page_break(
    lines: list[str], j: int, header_lines: set[str], rows: list[SpacedRow]
) -> tuple[int, list[tuple[int, str, str]]] | None:
    """A table that goes on after a page break: from ``lines[j]``, blank lines, the page's
    furniture (``Sida 3``, ``3 (17)``, a page number alone, a running header or footer
    ending in the page's mark) and the table's own header printed again, then a row. The
    index of that row and what was passed over, each said (its line, text, why) — never a
    row, a section or a part of the next row's label. None without the signs of a page
    break (a form feed, a page mark, or a page number or running header with a blank line
    or a form feed beside it) or without a row after them."""
    n = len(lines)
    k = j
    said: list[tuple[int, str, str]] = []
    feed = blank = marked = repeated = False
    numbers = heads = 0
    while k < n:
        raw = lines[k]
        s = raw.strip()
        feed = feed or "\f" in raw
        if not s:
            blank = True
        elif _page_furniture(raw):
            if re.fullmatch(r"\d{1,3}", s):
                numbers += 1
            else:
                marked = True
            said.append((k + 1, s, PAGE_MARK))
        elif page_mark(raw) == PAGE_HEAD and _data_row(s) is None:
            heads += 1  # a running header or footer: with a blank line or a form feed
            said.append((k + 1, s, PAGE_HEAD))
        elif s in header_lines and (feed or marked or numbers or heads):
            repeated = True
            said.append((k + 1, s, HEADER_AGAIN))
        else:
            break
        k += 1
    if k == j or k >= n or not (feed or marked or ((numbers or heads) and blank)):
        return None
    s = lines[k].strip()
    row_at = k
    if (
        _data_row(s) is None
        and not split_row(s)[1]
        and len(s) <= 80
        and re.search(r"[^\W\d_]", s)
        and k + 1 < n
    ):
        row_at = k + 1  # a label that wraps: its first line, then the row with its values
    got = _data_row(lines[row_at])
    if got is None or _SENTENCE_END.search(s) or _year_header(lines[row_at].strip()):
        return None
    # the row reads with as many columns as the last row above the break
    last = next((r.tokens for r in reversed(rows) if r.tokens), None)
    if last is not None and not any(
        splits(last, m) and splits(got[1], m) for m in range(1, len(last) + 1)
    ):
        return None
    said.append((k + 1, "", JOINED_REPEATED if repeated else JOINED))
    return k, said


_PERIOD_WORD = re.compile(
    rf"^(?:{L._MONTH_RE})\.?(?:[-–](?:{L._MONTH_RE})\.?)?$|^(?:helår|delår|ack\.?|tertial\s?\d)$",
    re.IGNORECASE,
)


def _columns_at(line: str) -> list[tuple[str, float, int]]:
    """The cells of a line laid out in columns (two spaces or more between cells): each
    with its centre and start column."""
    return [
        (m.group(), (m.start() + m.end()) / 2, m.start())
        for m in re.finditer(r"\S+(?: \S+)*", line)
    ]


def _spans(
    words: list[str], head: str, periods: list[str], below: str
) -> tuple[str, list[str]] | None:
    """A header of names over a line of years printed in columns (pdftotext -layout):
    the stub (the cells left of the first year) and, for each year, the name standing
    nearest above it (``Budget`` over 2024, ``Plan`` over 2025 and 2026; ``Ack Utfall``
    over 2019). Only when both lines are laid out in columns (two spaces or more between
    cells, the years indented under the names), the years' cells are the periods read,
    and each name stands over at least one year; else None, and the names are taken one
    to a column as printed."""
    if "  " not in head.strip() or not below[:1].isspace():
        return None
    names, years = _columns_at(head), _columns_at(below)
    if [y for y, _, _ in years] != periods:
        return None
    first = years[0][2]
    stub = [t for t, _, a in names if a < first - 1]
    over_names = [(t, c) for t, c, a in names if a >= first - 1]
    if not over_names or len(over_names) > len(years):
        return None
    over = [min(over_names, key=lambda nc: abs(nc[1] - c))[0] for _, c, _ in years]
    if set(over) != {t for t, _ in over_names}:
        return None  # a name over no year: not this layout
    return " ".join(stub), over


_DIGIT = re.compile(r"\d")  # compiled once: tried on every word of every line under a header


def _periods_under(line: str) -> tuple[list[str], str] | None:
    """A second header line of years and periods (``2018 jan-apr 2018 jan-apr 2017``),
    perhaps after the rest of the stub's header (``per nämnd, mnkr``) and before a last
    column's second word (``avvikelse`` under ``Budget``): its cells and that stub text.
    None for any other line."""
    toks = line.split()
    k = 0
    while k < len(toks) and not _YEAR.match(toks[k]) and not _PERIOD_WORD.match(toks[k]):
        if _DIGIT.search(toks[k]):
            return None
        k += 1
    m = len(toks)
    while m > k and not _YEAR.match(toks[m - 1]) and not _PERIOD_WORD.match(toks[m - 1]):
        if _DIGIT.search(toks[m - 1]):
            return None
        m -= 1
    if k > 4 or len(toks) - m > 2:
        return None
    cells = _period_line(" ".join(toks[k:m]))
    if not cells:
        return None
    tail = " ".join(toks[m:])
    return [*cells, tail] if tail else cells, " ".join(toks[:k])


def _period_line(line: str) -> list[str] | None:
    """A header line of years and periods only (``2018 jan-apr 2018 jan-apr 2018``), as
    one cell per year: a period goes with the year after it. None for any other line."""
    toks = line.split()
    if not toks or not any(_YEAR.match(t) for t in toks):
        return None
    cells: list[list[str]] = [[]]
    for tok in toks:
        if _YEAR.match(tok):
            cells[-1].append(tok)
            cells.append([])
        elif _PERIOD_WORD.match(tok):
            cells[-1].append(tok)
        else:
            return None
    if cells[-1]:
        return None  # a period without its year
    return [" ".join(c) for c in cells[:-1]]


def _repeated_group(line: str, k: int) -> list[str] | None:
    """The cells of a header line that prints one group of words ``k`` times (``Totalt
    Per 1 000 Totalt Per 1 000 …``, ``invånare invånare …``), or None. A cell begins with
    a capitalised word; words in lower case and numbers go on the cell before."""
    toks = line.split()
    if k < 2 or not toks or len(toks) % k:
        return None
    g = len(toks) // k
    groups = [toks[x * g : (x + 1) * g] for x in range(k)]
    if any(grp != groups[0] for grp in groups) or not re.search(r"[^\W\d_]", line):
        return None
    cells: list[str] = []
    for tok in groups[0]:
        if cells and not tok[:1].isupper():
            cells[-1] += " " + tok
        else:
            cells.append(tok)
    return cells


def _sub_columns(lines: list[list[str]]) -> list[str]:
    """Each year's column names from the repeated header lines: the line with the most
    cells names the columns; a shorter line goes on under the last of them (a long name
    wraps, ``Per 1 000`` / ``invånare`` / ``0-21 år``). One unnamed column without such
    lines."""
    if not lines:
        return [""]
    widest = max(range(len(lines)), key=lambda k: len(lines[k]))
    names = list(lines[widest])
    for k, cells in enumerate(lines):
        if k != widest:
            for c, text in enumerate(cells, start=len(names) - len(cells)):
                names[c] += " " + text
    return names


# a row's code before its name (a project or account number: ``1241``, ``P-12``)
_CODE = re.compile(r"^(?:\d{3,8}|[A-ZÅÄÖ]{1,4}-?\d{1,6})\s")


def _settle(
    pending: list[tuple[str, int]], label: str, coded: bool = False
) -> tuple[list[SpacedRow], str]:
    """Label-only lines above a data row: the section rows they make and the row's label.
    A line that continues the one above joins it; when the data row's own label goes on
    from above (or it has none: its values stand alone), the last such group is the first
    part of its label. The groups before it are one section, its parts joined by `` / ``
    (``Barn och unga med insatser någon gång under året / Omhändertagna``). In a table
    whose rows begin with a code (``coded``: ``1237 Fordon hemtjänst 1 100 900 900``), a
    line that begins with one above a row that does not is that row's code and the first
    part of its name (``1241 Ombyggnad kök`` / ``Solgården 400 0 0``), never a section
    over the rows below."""
    groups: list[tuple[str, int]] = []
    for text, line in pending:
        if groups and L.continues_above(text):
            groups[-1] = (f"{groups[-1][0]} {text}", groups[-1][1])
        else:
            groups.append((text, line))
    if (
        not label
        or L.continues_above(label)
        or (coded and _CODE.match(groups[-1][0] + " ") and not _CODE.match(label + " "))
    ):
        label = " ".join(t for t in (groups.pop()[0], label) if t)
    if not groups:
        return [], label
    return [SpacedRow(" / ".join(t for t, _ in groups), [], groups[0][1])], label


def _blocks(rows: list[SpacedRow]) -> list[list[SpacedRow]]:
    """The data rows in blocks between label-only rows (``% av befolkningen`` above a
    second block of shares under the counts): each block's columns have their own sizes
    and totals, so each is resolved on its own evidence."""
    blocks: list[list[SpacedRow]] = [[]]
    for r in rows:
        if r.tokens:
            blocks[-1].append(r)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _read_points(rows: list[SpacedRow]) -> list[tuple[int, str, str]]:
    """A decimal point that no thousands grouping explains (``1.64``, ``9.5``: not three
    digits after it) is read as the decimal comma it stands for; each is said at its line.
    A row with ``1.640`` stays unread (the point may group thousands) and is reported."""
    said = []
    for r in rows:
        points = [tok for tok in r.tokens if _POINT.match(tok)]
        if not points or not all(_DECIMAL_POINT.match(tok) for tok in points):
            continue  # none, or one that may group thousands: the row is reported
        text = " ".join(r.tokens)
        r.tokens = [_DECIMAL_POINT.sub(r"\1,\2", tok) for tok in r.tokens]
        said.append((r.line, text, f"decimalpunkt läst som decimalkomma ({', '.join(points)})"))
    return said


def _note_options(r: SpacedRow, n: int) -> list[tuple[str, str, list[str]]]:
    """The row's readings as (label, note reference, value tokens) in a table with a note
    column: a note is one or two digits before the values, never signed; several are
    printed ``6, 7`` (the split line tokens leave ``6,`` on the label). Only readings
    that split into ``n`` values are kept."""
    m = _LABEL_NOTES.search(r.label)
    if m and r.tokens and _NOTE_REF.match(r.tokens[0]):
        label = r.label[: m.start()].strip()
        opts = [(label, f"{m.group(1).strip()} {r.tokens[0]}", r.tokens[1:])]
    else:
        opts = [(r.label, "", r.tokens)]
        if len(r.tokens) > n and _NOTE_REF.match(r.tokens[0]):
            opts.append((r.label, r.tokens[0], r.tokens[1:]))
    return [opt for opt in opts if splits(opt[2], n)]


def _place_notes(rows: list[SpacedRow], n: int) -> None:
    """Take each row's note reference off its values. Where a row reads both with and
    without one (``Nettoomsättning 1 972 928``: note 1 and 972, or 1 972), the notes'
    own order decides: notes are numbered down the table, so a note that is exactly the
    one missing between the note above and the note below is the reading. Otherwise both
    readings are kept for the parse report and the row is not read."""
    options = [_note_options(r, n) for r in rows]
    single = [len(opts) == 1 for opts in options]
    for r, opts in zip(rows, options, strict=True):
        if len(opts) == 1:
            r.label, r.note, r.tokens = opts[0]
    for i, (r, opts) in enumerate(zip(rows, options, strict=True)):
        if len(opts) < 2:
            continue
        prev = max((_last_note(rows[k].note) for k in range(i) if single[k]), default=0)
        below = (_first_note(rows[k].note) for k in range(i + 1, len(rows)) if single[k])
        nxt = next((b for b in below if b), None)
        note = int(opts[1][1])
        if note == prev + 1 and nxt == note + 1:
            r.label, r.note, r.tokens = opts[1]
        else:
            r.note_readings = [(nt, tuple(c)) for _, nt, toks in opts for c in splits(toks, n)]


def _last_note(note: str) -> int:
    return int(note.split(",")[-1]) if note else 0


def _first_note(note: str) -> int:
    return int(note.split(",")[0]) if note else 0


def read_list(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A list of labels with one number each (``Eskilstuna 8 077`` a line, at least three
    lines, a caption above with a blank line between): a table of one column. Each line
    must read as exactly one number by Swedish grouping; the list ends at the first line
    that does not. None when no such list starts at ``lines[i]``."""
    if not may_end_in_value(lines[i]):
        return None  # its first line is no row (a page's mark cannot start the list)
    rows: list[SpacedRow] = []
    breaks: list[tuple[int, str, str]] = []  # page marks passed over, said
    j = i
    while j < len(lines) and lines[j].strip():
        if page_mark(lines[j]):  # a page's mark is never a row ("Sida 3": no value 3)
            if not rows:
                break
            nxt = _data_row(lines[j + 1]) if j + 1 < len(lines) else None
            if nxt is None or len(splits(nxt[1], 1)) != 1:
                break
            breaks.append((j + 1, lines[j].replace("\f", "").strip(), page_mark(lines[j])))
            j += 1
            continue
        got = _data_row(lines[j])
        if got is None or _SENTENCE_END.search(lines[j].rstrip()):
            break
        label, tokens = got
        readings = splits(tokens, 1)
        if len(readings) != 1 or len(label) > 60:
            break
        rows.append(SpacedRow(label, tokens, j + 1, chosen=readings[0]))
        j += 1
    if len(rows) < 3:
        return None
    if _year_over_list(rows):
        # "Mått 2019" over the list: its header, the year of every value below (never
        # a value 2019)
        first = rows[0]
        table = to_table(first.label, [first.tokens[0]], rows[1:], first.line)
        table.repairs.extend(b for b in breaks if b[0] < rows[-1].line)
        return table, j
    table = to_table("", [""], rows, i + 1)
    table.rows = table.rows[1:]  # no header line: the caption names the list
    table.header_rows = 0
    table.repairs.extend(b for b in breaks if b[0] < rows[-1].line)
    return table, j


def _year_over_list(rows: list[SpacedRow]) -> bool:
    """The list's first line names its column: its one token is a year (``Mått 2019``,
    ``Kommun 2021``), no other line's value is a year, and its label is not a count's
    (``Invånare 2019`` may count 2019) — the header of the list, not a row."""
    first = rows[0]
    if len(first.tokens) != 1 or not _YEAR.match(first.tokens[0]):
        return False
    if any(len(r.tokens) == 1 and _YEAR.match(r.tokens[0]) for r in rows[1:]):
        return False
    return U.unit_in_label(first.label) not in ("antal", "dygn", "dagar")


def _column_count(rows: list[SpacedRow], header: tuple[int, ...] = ()) -> int:
    """The column count every row (or most) can be read with — one the header's cells
    give (``header``: with or without a label column) when such a count fits; among
    those, the one that leaves the fewest rows ambiguous. 0 when none fits most rows."""
    best, best_key = 0, None
    widest = max((len(r.tokens) for r in rows), default=0)
    counts_to_try = [n for n in header if 1 <= n <= widest]
    for n in counts_to_try or range(1, widest + 1):
        counts = [len(splits(r.tokens, n)) or _gap_readings(r, n) for r in rows]
        fit = sum(c > 0 for c in counts)
        if fit * 5 < len(rows) * 4:
            continue
        key = (fit, sum(c == 1 for c in counts), -n)
        if best_key is None or key > best_key:
            best, best_key = n, key
    return best


_STACKED_CELL = re.compile(r"^[^\W\d_][\w.\-/]*(?:\s+[^\W\d_][\w.\-/]*){0,2}\s+(?:19|20)\d\d$")


def _stacked_cell(line: str) -> bool:
    """A header cell alone on its line: a word or three and a year (``Bokslut 2009``,
    ``plan 2012``, ``Utfall jan-aug 2018``)."""
    s = line.strip()
    return len(s) <= 40 and _STACKED_CELL.match(s) is not None


def _no_stacked_start(first: str) -> bool:
    """Whether ``read_stacked`` surely finds no table at a line whose text is ``first``:
    a line of over 60 characters and more than four words is no header cell (40
    characters at most: ``_stacked_cell``), not the stub's own cell (four words at most),
    and not the first line of a wrapped header (60 at most: ``_wrapped_header``), one of
    which would have to begin there."""
    return len(first) > 60 and len(first.split(None, 4)) > 4  # (more than four words)


def read_stacked(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A table whose column headers stand one per line above the rows (pdftotext of a
    PDF table: ``Bokslut 2009`` / ``Budget 2010`` / … / ``plan 2013``, blank lines between),
    then rows of a label and space-separated numbers, blank lines between them too. A
    label alone between rows names a section (``Specifikation av drift``). The rows are
    read as exactly as many numbers as there are header cells, by Swedish grouping, as
    any space-separated table; the table ends at the first line that is neither a row
    nor a section followed by rows. The stub's own header cell may stand first (``Netto,
    tkr``: a few words without digits). None when no such table starts at ``lines[i]``."""
    n_lines = len(lines)
    header: list[tuple[str, int]] = []
    j = i
    stub = ""
    first = lines[i].strip()
    if _no_stacked_start(first):
        return None
    first_cell = _stacked_cell(first)
    if (
        first
        and not first_cell
        and len(first.split()) <= 4
        and _HAS_DIGIT.search(first) is None
        and not _SENTENCE_END.search(first)
    ):
        stub, j = first, i + 1
    # (a first line that is neither the stub's cell nor a header cell begins none)
    while (stub or first_cell or not first) and j < n_lines:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if not _stacked_cell(s):
            break
        header.append((s, j + 1))
        j += 1
    if len(header) < 2:
        wrapped = _wrapped_header(lines, i)
        if wrapped is None:
            return None
        stub, header, j = wrapped
    rows: list[SpacedRow] = []
    end = j
    pending: tuple[str, int] | None = None
    breaks: list[tuple[int, str, str]] = []  # page breaks passed over, said
    header_lines = {h for h, _ in header} | ({stub} if stub else set())
    while j < n_lines:
        s = lines[j].strip()
        if rows and not pending and (page_mark(lines[j]) or "\f" in lines[j]):
            passed = _over_page_break(lines, j, header_lines, rows)
            if passed is not None:  # the table goes on after a page break
                j, said_here = passed
                breaks.extend(said_here)
                continue
        if s and _page_furniture(lines[j]):
            break  # a page's mark is never a row
        if not s:
            j += 1
            continue
        got = _data_row(s)
        if got is not None and not _SENTENCE_END.search(s):
            if pending:
                rows.append(SpacedRow(pending[0], [], pending[1]))
                pending = None
            rows.append(SpacedRow(got[0], got[1], j + 1))
            j += 1
            end = j
            continue
        if pending or _SENTENCE_END.search(s) or len(s) > 60:
            break
        if not rows and not _section_above_row(lines, j):
            break  # (a section's name may stand right under the header, over a row)
        pending = (s, j + 1)
        j += 1
    data = [r for r in rows if r.tokens]
    n = len(header)
    if len(data) < 2:
        return None
    said = _read_points(data)
    for block in _blocks(rows):
        resolve(block, n, series=True)
    if sum(r.chosen is not None for r in data) * 2 < len(data):
        return None
    table = to_table(stub, [h for h, _ in header], rows, header[0][1])
    for cell, (_, line) in zip(table.rows[0].cells[1:], header, strict=True):
        cell.line = line
    if stub:
        table.rows[0].cells[0].line = i + 1
        table.line = i + 1
    table.repairs.extend(said)
    table.repairs.extend(b for b in breaks if b[0] <= end)
    for r in data:
        if r.chosen is None:
            shown = " | ".join(" / ".join(c) for c in r.candidates[:4]) or "ingen"
            reason = (
                f"tvetydig delning av {len(r.tokens)} tal i {n} kolumner; möjliga: {shown}"
                if r.candidates
                else f"raden går inte att dela i {n} kolumner med svensk tusentalsgruppering"
            )
            table.warnings.append((r.line, " ".join(r.tokens), reason))
    return table, end


# a word, or a year (broken), or a unit in brackets (``(mnkr)``: the stub's caption)
_ONE_TOKEN = r"(?:[^\W\d_][\w.\-/]*,?|(?:19|20)\d\d-?|\([^\W\d_]+\))"
_HEADER_TOKEN = re.compile(rf"^{_ONE_TOKEN}$")


# (the words of a line, each a _HEADER_TOKEN, whitespace between: none holds any)
_HEADER_LINE = re.compile(rf"{_ONE_TOKEN}(?:\s+{_ONE_TOKEN})*")


def _walk_line(s: str) -> bool:
    """A (stripped, non-blank) line a wrapped header's walk goes over: at most 60
    characters of words and years set one space apart (words set apart in columns are a
    laid-out header, not a wrapped one)."""
    return len(s) <= 60 and "  " not in s and "\t" not in s and _header_tokens(s)


def _header_tokens(s: str) -> bool:
    """Every word of the stripped line ``s`` a header token (``_HEADER_TOKEN``: a word,
    or a year perhaps broken after its hyphen), in one match over the line."""
    return not s or _HEADER_LINE.fullmatch(s) is not None


_YEAR_TOKEN = re.compile(r"^(?:19|20)\d\d(?:-(?:19|20)\d\d)?$")


def _cell_start(word: str) -> bool:
    """A word that begins a column's header cell: a kind of figure or a period
    (``Budget``, ``Plan``, ``Utfall``, ``Period``)."""
    return bool(L.value_kind_of(word)) or word.lower() in L.HEADER_WORDS


def _wrapped_header(lines: list[str], i: int) -> tuple[str, list[tuple[str, int]], int] | None:
    """A header whose cells wrap over lines, each line holding the end of one cell and
    the start of the next (a PDF's narrow header cells as text: ``Investeringar och
    exploateringar Budget`` / ``2019 Budget`` / ``2020 Budget`` / … / ``2022 Period
    2019-`` / ``2022`` / ``Plan`` / ``2023 Plan 2024``): the lines up to the first row,
    holding nothing but words and years set one space apart, a line after the first
    beginning with a year (the cell above goes on there), read as one text, are the
    stub's caption (the words before the first cell) and cells of a kind of figure or
    period, at most two more words and a year or span of years (``Budget 2019``,
    ``Period 2019-2022``).
    Every word must have its place, or it is no such header. Each cell's line is its
    year's. (stub, cells with their lines, the line after the header) or None.

    The walk over the header's lines ends at the same line from each line it passed, and
    what is read from a line of it is read from the words after that line's first: with
    the document's ``Lines`` the walk and what it read (``_HeaderWalk``) are remembered,
    so a long run of lines of words (a list of names, perhaps followed by a wrapped
    header and a row) is walked and read once, not again from each of its lines."""
    s = lines[i].strip()
    if s:
        if len(s) > 60 or _HEADER_TOKEN.match(s.split(None, 1)[0]) is None:
            return None  # the walk's first line is too long, or begins with no word or year
        k = i + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k >= len(lines) or not _walk_line(s) or not _walk_line(lines[k].strip()):
            return None  # the walk holds one line at most: none after its first
    remembered = walks(lines)
    if remembered is None:
        return _read_wrapped(lines, i)
    walk = remembered.get("wrapped_header")
    if walk is None or not walk.start <= i < walk.stop:
        walk = remembered["wrapped_header"] = _HeaderWalk(lines, i)
    return walk.header(lines, i)


def _header_walk(
    lines: list[str], i: int
) -> tuple[list[tuple[str, int]], dict[int, int], int, int]:
    """The walk from line ``i`` over the lines of words and years set one space apart:
    their words with their lines (1-based), the index of each line's first word, the
    line where the walk ends, and the last line after the walk's first line that
    begins with a year (-1 when none does)."""
    tokens: list[tuple[str, int]] = []
    firsts: dict[int, int] = {}
    j, seen = i, 0
    year_line = -1
    while j < len(lines):
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if not _walk_line(s):
            break
        parts = s.split()
        if seen > 0 and not _HAS_YEAR.search(s) and _section_above_row(lines, j):
            break  # a header's last line ends in its last cell's year: this names a section
        if seen > 0 and _YEAR_TOKEN.match(parts[0].rstrip("-")) is not None:
            year_line = j
        firsts[j] = len(tokens)
        tokens.extend((t, j + 1) for t in parts)
        seen += 1
        j += 1
    return tokens, firsts, j, year_line


def _joined(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The words with a span broken after its hyphen made whole (``2019-`` ``2022``)."""
    joined: list[tuple[str, int]] = []
    for t, ln in tokens:
        if joined and joined[-1][0].endswith("-") and _YEAR_TOKEN.match(t):
            joined[-1] = (joined[-1][0] + t, ln)
        else:
            joined.append((t, ln))
    return joined


def _cell_at(joined: list[tuple[str, int]], k: int) -> tuple[tuple[str, int], int] | None:
    """The header cell that begins at ``joined[k]``: a kind of figure or period, at most
    two more words and a year (the cell's text and the year's line), and where the next
    begins; None when no cell begins there."""
    if not _cell_start(joined[k][0]):
        return None
    end = next(
        (m for m in range(k + 1, min(k + 4, len(joined))) if _YEAR_TOKEN.match(joined[m][0])),
        None,
    )
    if end is None or any(_YEAR_TOKEN.match(t) or t.endswith("-") for t, _ in joined[k:end]):
        return None
    return (" ".join(t for t, _ in joined[k : end + 1]), joined[end][1]), end + 1


def _read_wrapped(lines: list[str], i: int) -> tuple[str, list[tuple[str, int]], int] | None:
    """``_wrapped_header`` read from ``lines[i]`` alone (a walk of its own)."""
    tokens, _, j, year_line = _header_walk(lines, i)
    top = i
    while top < j and not lines[top].strip():
        top += 1
    # a cell goes on onto the next line: a line after the first begins with its year
    if year_line <= top or j >= len(lines) or not _row_below(lines, j):
        return None
    return _header_of(_joined(tokens), j)


_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _section_above_row(lines: list[str], j: int) -> bool:
    """``lines[j]`` names a section (a few words, no digit, no sentence) and the next
    non-blank line below it is a row (``Kommunstyrelse`` over ``Räddningstjänst 16,4 …``),
    not a line of words and years (the header going on)."""
    s = lines[j].strip()
    if not s or len(s) > 60 or _HAS_DIGIT.search(s) or _SENTENCE_END.search(s):
        return False
    k = j + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k >= len(lines):
        return False
    below = lines[k].strip()
    # (a line of words and years goes on the header: ``Plan`` / ``2023 Plan 2024``)
    return _data_row(below) is not None and not _walk_line(below)


def _row_below(lines: list[str], j: int) -> bool:
    """A row at ``lines[j]``, right under a header, or a section's name over one."""
    return _data_row(lines[j].strip()) is not None or _section_above_row(lines, j)


def _header_of(
    joined: list[tuple[str, int]], j: int
) -> tuple[str, list[tuple[str, int]], int] | None:
    """The stub's caption and the cells of a wrapped header's words (``joined``), which
    end before line ``j``: every word before the first cell the caption's (no year among
    them), every word after it a cell's."""
    first = next((k for k, (t, _) in enumerate(joined) if _cell_start(t)), None)
    if first is None or any(_YEAR_TOKEN.match(t) for t, _ in joined[:first]):
        return None
    cells: list[tuple[str, int]] = []
    k = first
    while k < len(joined):
        cell = _cell_at(joined, k)
        if cell is None:
            return None
        cells.append(cell[0])
        k = cell[1]
    if len(cells) < 2:
        return None
    return " ".join(t for t, _ in joined[:first]), cells, j


class _HeaderWalk:
    """One walk of ``_wrapped_header`` over a document's lines and what it read, for each
    line it passed: the words from a line on are the walk's from that line's first word
    (``joined`` from there, but that word standing alone: a year the walk joined to a
    span before it), so the first cell from a line, the years before it and the cells
    from it are looked up, each found once for the walk."""

    def __init__(self, lines: list[str], i: int) -> None:
        self.start = i
        self.tokens, self.firsts, self.stop, self.year_line = _header_walk(lines, i)
        self.row_below: bool | None = None  # a row under the walk's last line (when asked)
        self.joined: list[tuple[str, int]] = []  # (the rest made when a header may be read)
        self.at: list[int] = []  # each word's place in ``joined``
        self.next_start: list[int] = []  # the first cell's start at or after each place
        self.years: list[int] = []  # how many years stand before each place
        self.cells: dict[int, list[tuple[str, int]] | None] = {}  # the cells from a place

    def _read(self) -> None:
        """The walk's words joined, with the places of cells' starts and of years."""
        for t, ln in self.tokens:
            if self.joined and self.joined[-1][0].endswith("-") and _YEAR_TOKEN.match(t):
                self.joined[-1] = (self.joined[-1][0] + t, ln)
            else:
                self.joined.append((t, ln))
            self.at.append(len(self.joined) - 1)
        n = len(self.joined)
        self.next_start = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.next_start[k] = k if _cell_start(self.joined[k][0]) else self.next_start[k + 1]
        self.years = [0] * (n + 1)
        for k, (t, _) in enumerate(self.joined):
            self.years[k + 1] = self.years[k] + (_YEAR_TOKEN.match(t) is not None)

    def header(self, lines: list[str], i: int) -> tuple[str, list[tuple[str, int]], int] | None:
        """What ``_read_wrapped(lines, i)`` reads, for a line ``i`` the walk passed."""
        top = i
        while top < self.stop and not lines[top].strip():
            top += 1
        if self.year_line <= top:
            return None  # no line below the first begins with a year
        if self.row_below is None:
            stop = self.stop
            self.row_below = stop < len(lines) and _row_below(lines, stop)
            if self.row_below:
                self._read()
        if not self.row_below:
            return None  # no row under the header
        g = self.firsts[top]
        k = self.at[g]
        if g > 0 and self.at[g - 1] == k:  # a year joined to the span above: alone here
            if _cell_start(self.tokens[g][0]):
                return _header_of(_joined(self.tokens[g:]), self.stop)
            return None  # (a year before the first cell, or no cell)
        first = self.next_start[k]
        if first == len(self.joined) or self.years[first] > self.years[k]:
            return None
        cells = self._cells_from(first)
        if cells is None or len(cells) < 2:
            return None
        return " ".join(t for t, _ in self.joined[k:first]), cells, self.stop

    def _cells_from(self, first: int) -> list[tuple[str, int]] | None:
        """The cells from ``joined[first]`` to the end, or None when a word there has no
        place in a cell; each place's answer kept (the cells from a later place are the
        same chain's tail)."""
        if first in self.cells:
            return self.cells[first]
        chain: list[int] = []
        cells: list[tuple[str, int]] = []
        k = first
        answer: list[tuple[str, int]] | None = cells
        while k < len(self.joined):
            if k in self.cells:
                rest = self.cells[k]
                answer = None if rest is None else cells + rest
                break
            cell = _cell_at(self.joined, k)
            if cell is None:
                answer = None
                break
            chain.append(k)
            cells.append(cell[0])
            k = cell[1]
        for m, place in enumerate(chain):
            self.cells[place] = None if answer is None else answer[m:]
        return self.cells[first] if chain else answer


def read_double_spaced(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A space-separated table printed with a blank line after every line (pdftotext and
    web transcripts of PDFs: ``Vård- och omsorgsnämnden 2014 2015 2016`` / blank / ``Ram
    året före 1 047 144 …`` / blank / …): read as ``read`` reads it without the blank
    lines, every line number kept. None when no such table starts at ``lines[i]``."""
    n = len(lines)
    if i + 2 >= n or lines[i + 1].strip() or not lines[i + 2].strip():
        return None
    if (
        i + 6 >= n
        or lines[i + 3].strip()
        or not lines[i + 4].strip()
        or lines[i + 5].strip()
        or not lines[i + 6].strip()
    ):
        return None  # fewer than four lines with a blank one between each (the cheapest test)
    words = _word_header(lines[i])
    if not (_year_header(lines[i]) or (words and len(words) >= 3)):
        return None  # a header of at least two value columns
    below = lines[i + 2]
    if not (
        _data_row(below) or (words and _periods_under(below)) or _labels_over_row(lines, i + 2)
    ):
        return None  # under the header: a row, the header's line of years, or labels over a row
    idx = [i]  # the lines read: every other line while a blank one stands between
    j = i + 1
    while j + 1 < n and not lines[j].strip() and lines[j + 1].strip():
        idx.append(j + 1)
        j += 2
    found = read([lines[k] for k in idx] + [""], 0)
    if found is None:
        return None
    table, end = found
    if end < 3:
        return None

    def at(line: int) -> int:  # a compact line number (1-based) to the document's
        return idx[line - 1] + 1

    for row in table.rows:
        row.line = at(row.line)
        for cell in row.cells:
            cell.line = at(cell.line)
    table.line = at(table.line)
    table.repairs = [(at(ln), t, w) for ln, t, w in table.repairs]
    table.warnings = [(at(ln), t, w) for ln, t, w in table.warnings]
    return table, idx[end - 1] + 1


def read_one_row(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A table of one row under its own column names (``Investeringar`` / ``Årsbudget
    Årsprognos Avvikelse`` / ``-8 000 -13 500 -5 500``; each line may stand a blank line
    apart, as a transcript of a PDF prints every line): ``lines[i]`` is a header of two
    names or more (``_word_header``), the next line with text a row whose values split
    one way only into as many columns as the names (values alone), or as many as the
    names after the stub's (a label and values). Values alone take as their label the
    name on the line right above the header (``Investeringar``: at most one blank line
    between, a few words, no digit, no sentence). None where a second row of as many
    values follows (a table for the other layouts), where values alone have no such
    name, or where the split is not the only one."""
    n = len(lines)
    if not lines[i].strip()[:1].isupper():
        return None  # a header of names begins with one ("3 Avskrivningar" is a heading)
    k = _next_text(lines, i + 1)
    if k is None or line_ends(lines[k]) != 2:
        return None  # (cheap: most lines have no row of values under them)
    names = _word_header(lines[i])
    if not names or len(names) < 2 or _SENTENCE_END.search(lines[i].rstrip()):
        return None
    row = lines[k].strip()
    label, tokens = split_row(row)
    if not tokens or _year_header(row) or _RUN_TOGETHER.search(row):
        return None
    after = _next_text(lines, k + 1)
    if after is not None and line_ends(lines[after]) == 2 and split_row(lines[after].strip())[1]:
        return None  # a second row: a table of more rows, not this layout's
    # values alone: one per name; beside a label, one per name after the stub's first
    # (``Verksamhet``), or per every name when the first is a value's (``Budget``)
    counts = (
        (len(names),)
        if not label
        else (len(names), len(names) - 1)
        if L.value_kind_of(names[0])
        else (len(names) - 1, len(names))
    )
    m = next((c for c in counts if c >= 1 and splits(tokens, c)), 0)
    readings = splits(tokens, m) if m else []
    if len(readings) != 1:
        return None  # no reading, or more than one: the numbers are said, never placed
    reading = readings[0]
    if m < 2:
        return None  # one value beside a line of words: no table ("… kommuntyp 1996")
    if not label:
        name = _name_above(lines, i)
        if name is None:
            return None
        label = name
    elif not re.search(r"[^\W\d_]", label):
        return None
    stub, header = ("", names) if m == len(names) else (names[0], names[1:])
    table = to_table(stub, header, [SpacedRow(label, tokens, k + 1, chosen=reading)], i + 1)
    return table, min(k + 1, n)


def _next_text(lines: list[str], j: int) -> int | None:
    """The index of the next line with text from ``lines[j]``, at most one blank line
    apart; None otherwise."""
    for k in (j, j + 1):
        if k >= len(lines):
            return None
        if lines[k].strip():
            return k
        if "\f" in lines[k]:
            return None
    return None


def _name_above(lines: list[str], i: int) -> str | None:
    """The name on the line right above the header ``lines[i]`` (one blank line may stand
    between): a few words, no digit, no sentence; None when there is none."""
    for k in (i - 1, i - 2):
        if k < 0:
            return None
        s = lines[k].strip()
        if s:
            return s if _group_name(s) and _data_row(s) is None else None
    return None


def _own_header(line: str, values: list[str], columns: int) -> bool:
    """Whether ``line`` names the columns of the values alone under it, as many as they
    read as and another count than the table above has (``Investeringar`` /
    ``Årsbudget Årsprognos Avvikelse`` / ``-8 000 -13 500 -5 500`` under a table of five
    columns): a small table of its own, whose values must not be split into the five."""
    names = _word_header(line)
    if not names or len(names) < 2 or len(names) == columns:
        return False
    return bool(splits(values, len(names)))


def _labels_over_row(lines: list[str], k: int) -> bool:
    """Whether ``lines[k]`` and at most one more line below it, each a blank line apart,
    are label-only lines (a few words, no digit, no sentence, not three names or more
    that may head a table themselves: ``BARN- OCH`` / ``UNGDOMSNÄMNDEN``) right over a
    data row, a blank line apart: a double-spaced table's first row whose label, or the
    section over it, wraps."""
    for m in (k, k + 2, k + 4):
        if m >= len(lines) or (m > k and lines[m - 1].strip()):
            return False
        s = lines[m].strip()
        if m > k and _data_row(s):
            return True
        if m == k + 4 or not s or _HAS_DIGIT.search(s) or _SENTENCE_END.search(s):
            return False
        if len(s.split()) > 6:
            return False
        names = _word_header(s)
        if names and len(names) >= 3:
            return False  # a line of names that may head the table itself
    return False


_AMOUNT_LINE = re.compile(
    r"^(?P<label>[^\W\d_].*?)\s+(?P<amount>[+\-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
    r"\s?(?:mnkr|mkr|miljoner(?:\s+kronor)?|tkr|t\.\s?kr|kr|kronor))\.?$",
    re.IGNORECASE,
)
# how every amount's unit in _AMOUNT_LINE ends (a full stop after it): a cheap first test
_AMOUNT_END = re.compile(r"(?:kr|kronor|miljoner)\.?$", re.IGNORECASE)


def read_amounts(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A list of items with an amount and its unit last on each line (``Stöd till
    ungdomsgaranti +2 mnkr``, ``Stöd till kvinnojouren +500 t.kr``), at least three
    lines in a row: a table of one column. A line without an amount between them (a
    short name: ``Kultur-, demokrati och fritidsnämnden``) is a section. None when no such
    list starts at ``lines[i]``."""
    s = lines[i].strip()
    # (a unit's match is at most nine characters long, at the end: searched there alone)
    if not _AMOUNT_END.search(s, max(0, len(s) - 9)):
        return None  # its first line ends in no unit of an amount: no such list
    rows: list[Row] = []
    j = i
    pending: Row | None = None
    while j < len(lines) and lines[j].strip():
        s = lines[j].strip()
        m = _AMOUNT_LINE.match(s)
        if m and len(m.group("label")) <= 80:
            if pending is not None:
                rows.append(pending)
                pending = None
            rows.append(Row([Cell(m.group("label"), j + 1), Cell(m.group("amount"), j + 1)], j + 1))
            j += 1
            continue
        if pending is not None or not rows or len(s.split()) > 6 or re.search(r"\d", s):
            break
        pending = Row([Cell(s, j + 1)], j + 1)
        j += 1
    valued = [r for r in rows if len(r.cells) == 2]
    if len(valued) < 3:
        return None
    end = valued[-1].line  # a trailing name without its amount is not the list's
    rows = [r for r in rows if r.line <= end]
    table = Table(rows=rows, layout="list", line=i + 1, header_rows=0)
    return table, end
