"""Whole tables printed on one line, as PDF-to-text transcripts (docplayer, 5dok, a copy
from a PDF viewer) give them: a caption, the header words, then ``label value value …
label value …``, with a negative glued to the cell before it (``-575,5-549,5-26,0``) and
empty cells dropped::

    Resultaträkning (mnkr) Utfall Årsbudget Resultat Utfall Utfall Verksamhetens
    intäkter 125,2 94,4 30,8 157,0 155,7 Verksamhetens kostnader -575,5-549,5-26,0 …

The rules, all general:

* **Values.** A value run is the numbers between two words. A sign glued to a number
  starts a new cell. The space between cells also groups thousands (``1 801,5``,
  ``20 000``): a group of three digits may go on the number before it, ``039`` starts
  none. In a table of decimals every number ends in its decimals (a bare ``0`` aside),
  which tells the cells apart; the table is as wide as its header names (header words
  and years), or as most rows (two at least) are long. In a table of whole numbers the
  header says how many values a row holds (its names: header words and years, as many
  as end the header): a run is read when one way to group it into no more numbers than
  that is left — by its digit groups, or by the total row (``Summa``) whose columns
  must add up; otherwise its words are reported, never a guessed grouping. A dash apart
  (``4,0 - 1,0 3,0``) is a sign or an empty cell: a minus where the row reads no other
  way (said as a repair), else the row is reported. A share (``-4,0 %``, ``39%``) is
  one cell; it stands only in a column of shares (``Avvikelse %``), and a column of
  shares is never summed. A line is tried with four numbers or more with a decimal
  comma, or eight digit runs and a header word.
* **Rows.** A row is a label (the words since the last run) followed by its run. Two
  labels printed one after the other before one run of twice the columns (``Centrala
  kostnader och administration Barn- och ungdomsvård 8,1 … 78,7 …``) are two rows in
  printed order, when the words split into exactly that many capitalised labels. The
  table ends at words that are running text (a sentence, a number with its unit, a
  number in another format, a label with a number the runs did not take: ``0-12 år``);
  the numbers of rows after that are reported, never dropped.
* **Columns.** The header is the words before the first label, ending in a header word
  (``Utfall``, ``Årsbudget``, ``Resultat``, a year …); its names are read right to left,
  one per capitalised word (lower-case words belong to the word before: ``Fsg av
  verksam.``; a year after a header word is its year: ``Budget 2015``), as many as the
  rows have values. A header name left over before them (a header word or a year) means
  more names than values: the table is not read. Group words over several columns
  (``Intäkter``, ``Kostnader``) are left out when that reading keeps more names the
  sums do not contradict. A column is a sum when it equals the columns since the
  previous sum (or the sums before it) in every full row, three rows at least, within
  rounding and exactly in most of them (whole numbers: 1 + 1 is 1 within rounding). A
  column named ``Summa``/``Totalt`` that is no sum says the printed order is wrong
  there: the columns between the proven sums around it get no name, and their values
  are reported.
* **Dropped cells.** A row with fewer values than columns is placed only where the
  table's own arithmetic proves it: the sums between columns must hold for the row
  (an empty cell adds nothing), and, where the table ends in a total row, every
  column's rows must add up to it (within half a unit per number added). A value whose
  column is the same in every placement that holds is read; any other is reported at
  its line with why (``kolumn kan inte avgöras: tomma celler utelämnade``), never
  guessed.

* **Pages.** A transcript prints each page on one line. A table that ends its page's
  line (only the page's foot after it: ``Nämnden, Månadsrapport 3(16)``) goes on when
  the next page's line starts, after its page number, with rows of as many values (one
  full row at least): one table, its rows at their own lines, its sums over both
  pages, and the join said (``tabellen fortsätter efter sidbrytning …``).

The text before and after the tables on the line stays a paragraph, read as prose.
Provenance is the line.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from ..continuation import JOINED
from ..model import Block, Cell, Paragraph, Row, Table
from ..structure import is_total_label

UNPLACED = "kolumn kan inte avgöras: tomma celler utelämnade"
UNNAMED = "kolumn kan inte avgöras: rubrikernas ordning motsägs av tabellens summor"
AMBIGUOUS = "tabell utskriven på en rad: talen kan läsas på flera sätt (siffergrupper)"
LEFT_OVER = (
    "tal i en tabell utskriven på en rad, efter tabellens sista läsbara rad: "
    "kolumnerna går inte att skilja åt, läses inte"
)
SIGN_APART = (
    "tecken skilt från talet läst som minus: som tom cell blir raden fler celler än "
    "kolumner eller går inte ihop med tabellens summor (tabell utskriven på en rad)"
)
TOO_MANY = "tabell utskriven på en rad: fler värden än kolumner, raden kan inte delas"

# numbers with a decimal comma: the cheap test before any parsing (a line needs four)
_CHEAP = re.compile(r"\d,\d")
_DIGIT_RUN = re.compile(r"\d+")
_ANY_HEADER_WORD = re.compile(
    r"(?<!\w)(?:Utfall|Budget|Årsbudget|Prognos|Bokslut|Avvikelse|Resultat|Plan|Summa|Totalt)"
    r"(?!\w)"
)
_DASH_APART = re.compile(r"[-−–] \d")
_DASHES = {"-", "−", "–"}
_ZERO = re.compile(r"[-−–+]? ?0")
_GROUPS = re.compile(r"[-−–+]? ?[1-9]\d{0,2}(?: \d{3})*")  # digit groups a group may go on
_LEADING_ZERO = re.compile(r"[-−–+]?0\d")
_PIECE = re.compile(r"[-−–+]?\d+(?:,\d+)?%?")
_GLUED = re.compile(r"^[-−–+]?\d+(?:,\d+)?%?(?:[-−–]\d+(?:,\d+)?%?)*$")
_SIGN = re.compile(r"^[-−–+]$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_HEADER_UNIT = re.compile(r"%|\(%\)|\((?:tkr|mnkr|mkr|kr|st|antal)\)|tkr|mnkr|mkr", re.I)
_UNIT_AFTER = re.compile(
    r"^\(?(?:mnkr|mkr|tkr|kr|miljoner|miljarder|procent|%|st|personer|dygn|år)\b", re.I
)
# words a label never ends in: running text ("… resultatet per den 30 november")
_FUNCTION_END = {
    "den", "det", "de", "på", "med", "till", "av", "för", "och", "i", "om", "är", "var",
    "ett", "en", "som", "från", "under", "efter", "mot", "vid", "cirka", "ca", "drygt",
    "knappt", "nästan", "uppgår", "blev", "blir", "visar", "har", "ökade", "minskade",
}  # fmt: skip
# a header word: the figure's kind or a period (capitalised in a header), or a year
_HEADER_WORD = re.compile(
    r"^(?:års|helårs|period|ack\.?|total|budget|prognos)?"
    r"(?:utfall|budget|prognos|bokslut|avvikelse|resultat|plan|förändring|differens|summa|"
    r"totalt|helår)(?:en|et|er|n)?(?:(?:19|20)\d\d)?$",
    re.IGNORECASE,
)
# words over a group of columns (the two sides of a result), not a column of their own
_GROUP_WORDS = {"intäkter", "kostnader"}
_MAX_LABEL_WORDS = 10
_MAX_READINGS = 64  # ways to group one run's digits, at most
_MAX_RUN = 400  # numbers in one run, at most (a few stacked rows of a wide table)
_MAX_PLACEMENTS = 50_000  # placements tried for the short rows, at most


@dataclass
class _Run:
    """A run of numbers between two words: its pieces (a glued sign splits a word)."""

    pieces: list[str]
    start: int  # index of its first word in the line's words
    end: int  # index after its last word
    unit_after: bool


@dataclass
class _Cand:
    label: list[str]  # the words since the last run
    run: _Run


# a row as found: its label, the ways its run reads (one, or several: digit groups; none:
# not read), and the run's words as printed
_Row = tuple[str, list[list[str]], list[str]]
_Alt = tuple[int, tuple[int, ...]]  # a way to read a row: (reading, the column of each value)


@dataclass
class _FlatTable:
    caption: str
    stub: str
    names: list[str | None]  # one per column; None: the sums say the name is not proven
    n: int = 0
    # the rows as found, each with its line, until they are placed (:func:`_place`)
    pending: list[tuple[_Row, int]] = field(default_factory=list)
    # label, a cell text per column (None: empty), the row's line
    rows: list[tuple[str, list[str | None], int]] = field(default_factory=list)
    warnings: list[tuple[str, str, int]] = field(default_factory=list)  # (token, why, line)
    repairs: list[tuple[str, str, int]] = field(default_factory=list)  # (text, what, line)
    start: int = 0  # first word of the caption
    end: int = 0  # after the last word of the last row
    decimal: bool = True
    line: int = 0  # the line of its header
    # on the next page's line it goes on: where its rows start (after the page number)
    # and end
    first_here: int = 0
    end_here: int = 0
    placed: bool = False


def _words(line: str) -> list[str]:
    return line.split()


def _is_piece_word(w: str) -> bool:
    return bool(_GLUED.match(w)) and not _YEAR.match(w)


def _split_glued(w: str) -> list[str] | None:
    """``2,4-1,9-1,9`` -> ``['2,4', '-1,9', '-1,9']``. A word with an inner sign is split
    when a piece has decimals and every inner piece does: the first and the last may be
    part of a digit group (``801,5-1`` ``000,0``: ``801,5`` and ``-1 000,0``); or, of
    whole numbers, when every piece is a digit group (one to three digits: ``120-1``
    ``820``). ``2016-06-03`` or ``0480-450950`` is no run."""
    pieces = _PIECE.findall(w)
    if len(pieces) < 2:
        return pieces
    if any("," in p for p in pieces):
        return pieces if all("," in p for p in pieces[1:-1]) else None
    return pieces if all(len(p.lstrip("-−–+")) <= 3 for p in pieces) else None


def _complete(x: str) -> bool:
    """A cell of a table of decimals: a number with its decimals, a zero printed bare, a
    share (``39 %``), or a dash for nothing."""
    return "," in x or x.endswith("%") or bool(_ZERO.fullmatch(x)) or x in _DASHES


def _groupings(pieces: list[str], decimal: bool, most: int | None) -> list[list[str]] | None:
    """Every way to join the pieces into numbers, where a piece of exactly three digits
    (no sign) may continue the number before it (``1 801,5``) and only the last piece of
    a number carries decimals; in a table of decimals every number ends in decimals;
    at most ``most`` numbers. None: more ways than are worth trying."""
    out: list[list[str]] = []
    if len(pieces) > _MAX_RUN:
        return None  # no row is that long: read none of it

    def rec(i: int, acc: list[str]) -> None:
        if len(out) > _MAX_READINGS or (most is not None and len(acc) > most):
            return
        if i == len(pieces):
            if not decimal or all(_complete(x) for x in acc):
                out.append(list(acc))
            return
        # a number starts here unless the one before is not complete (no decimals yet,
        # in a table of decimals) or this piece cannot start one (``039``: a group)
        if not (decimal and acc and not _complete(acc[-1])) and not _LEADING_ZERO.match(pieces[i]):
            acc.append(pieces[i])
            rec(i + 1, acc)
            acc.pop()
        if _DASH_APART.match(pieces[i]) and not (decimal and acc and not _complete(acc[-1])):
            # a dash apart is a sign, or a cell that says "nothing here" before a number
            acc.append(pieces[i][0])
            rest = pieces[i][2:]
            pieces[i] = rest
            rec(i, acc)
            pieces[i] = acc.pop() + " " + rest
        if acc and re.fullmatch(r"\d{3}(?:,\d+)?(?: ?%)?", pieces[i]):
            prev = acc[-1]
            if "," not in prev and _GROUPS.fullmatch(prev):
                acc[-1] = prev + " " + pieces[i]
                rec(i + 1, acc)
                acc[-1] = prev

    rec(0, [])
    return out if len(out) <= _MAX_READINGS else None


def _starts_run(words: list[str], i: int) -> bool:
    if _is_piece_word(words[i]):
        return True
    return bool(_SIGN.match(words[i])) and i + 1 < len(words) and _is_piece_word(words[i + 1])


def _sentence_end(w: str) -> bool:
    """A lower-case word that ends a sentence (``… i tabell.``), not an abbreviation."""
    return w.endswith((".", ":", ";")) and len(w) > 5 and w[:-1].isalpha() and w[0].islower()


def _scan(words: list[str]) -> list[_Run]:
    runs: list[_Run] = []
    i, n = 0, len(words)
    while i < n:
        if not _starts_run(words, i):
            i += 1
            continue
        start, pieces, ok = i, [], True
        while i < n:
            w = words[i]
            sign = ""
            if _SIGN.match(w) and i + 1 < n and _is_piece_word(words[i + 1]):
                sign, i = w, i + 1
                w = words[i]
            elif not _is_piece_word(w):
                break
            split = _split_glued(w)
            if split is None:
                ok = False
                split = [w]
            if sign:
                split[0] = sign + " " + split[0]
            i += 1
            if i < n and words[i] == "%" and not split[-1].endswith("%"):
                split[-1] += " %"  # a share: the sign is the cell's
                i += 1
            pieces.extend(split)
        if ok:
            unit = i < n and bool(_UNIT_AFTER.match(words[i]))
            runs.append(_Run(pieces, start, i, unit))
    return runs


def _decimals(text: str) -> int:
    text = text.rstrip("% ")
    return len(text.split(",", 1)[1]) if "," in text else 0


def _value(text: str) -> float:
    t = text.replace(" ", "").replace("%", "").replace("−", "-").replace("–", "-")
    return float(t.replace(",", "."))


def _is_header_word(w: str) -> bool:
    """``Utfall``, ``Årsbudget``, ``Budgetavvikelse``, ``Utfall2013``: capitalised."""
    return w[:1].isupper() and bool(_HEADER_WORD.match(w))


def _spans(words: list[str]) -> list[tuple[int, str]]:
    """The header's names: (first word's index, text). A capitalised word or a year
    starts one; lower-case words belong to the one before (and a lone letter a PDF split
    off joins its word: ``Summ a``); a year after a header word is that name's year
    (``Budget 2015``), a year after a year a name of its own."""
    spans: list[tuple[int, list[str]]] = []
    for i, w in enumerate(words):
        year = bool(_YEAR.match(w))
        if spans and not w[:1].isupper() and not year:
            last = spans[-1][1]
            if len(w) == 1 and w.isalpha() and len(last[-1]) >= 3:
                last[-1] += w  # "Summ a" -> "Summa"
            else:
                last.append(w)
        elif (
            spans
            and year
            and _is_header_word(spans[-1][1][0])
            and not any(_YEAR.match(x) for x in spans[-1][1])
        ):
            spans[-1][1].append(w)
        else:
            spans.append((i, [w]))
    return [(i, " ".join(ws)) for i, ws in spans]


def _segments(words: list[str]) -> list[str]:
    return [text for _, text in _spans(words)]


def _header_names(words: list[str]) -> int:
    """How many header names (header words and years) end ``words``."""
    spans = _spans(words)
    k = 0
    while k < len(spans) and _names_a_column(spans[len(spans) - 1 - k][1]):
        k += 1
    return k


def _names_a_column(seg: str) -> bool:
    """A header word or a year alone, or a header word with its year, period or share
    sign (``Budget 2015``, ``Utfall jan-aug``, ``Avvikelse %``) — not a caption with its
    unit (``Resultat (mnkr)``)."""
    words = seg.split()
    if len(words) == 1:
        return _is_header_word(words[0]) or bool(_YEAR.match(words[0]))
    return (
        len(words) == 2
        and _is_header_word(words[0])
        and bool(
            _YEAR.match(words[1])
            or re.fullmatch(r"[a-zåäö]{3}-[a-zåäö]{3}", words[1])
            or words[1] in ("%", "(%)")
        )
    )


def _label_ok(words: list[str]) -> bool:
    if not words or len(words) > _MAX_LABEL_WORDS:
        return False
    if not any(re.search(r"[A-Za-zÅÄÖåäö]{2}", w) for w in words):
        return False
    if words[-1].lower().strip(",") in _FUNCTION_END:
        return False
    if any(re.match(r"[-−–+]?\d", w) and not _YEAR.match(w) for w in words):
        return False  # numbers the runs did not take (``0-12``, ``3(16)``): not a label
    if any(_sentence_end(w) for w in words):
        return False  # a sentence ends inside ("… i tabell. Summa")
    return not _header_run(words)


def _header_run(words: list[str]) -> bool:
    """Two header words or more among a label's words: a new table's header."""
    return sum(_is_header_word(w) for w in words) >= 2


def _boundary(words: list[str]) -> int | None:
    """In the words before a table's first run, the index after the header's last word:
    the last capitalised header word or year with a label after it, and the unit or
    share sign that goes with it (``Avvikelse %``, ``Budget (tkr)``)."""
    for k in range(len(words) - 2, -1, -1):
        w = words[k]
        if _is_header_word(w) or _YEAR.match(w):
            k += 1
            while k < len(words) - 1 and _HEADER_UNIT.fullmatch(words[k]):
                k += 1
            return k
    return None


def find(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A line that prints one or more whole tables: the first table, which carries the
    line's blocks in printed order (its text before and after as paragraphs, the other
    tables) in ``line_blocks``; the next line. A table that ends its page's line (only
    the page's foot after it) goes on on the next page's line when that one starts with
    rows of as many values (after its page number): one table, read as one."""
    line = lines[i]
    if _cheap_out(line):
        return None
    words = _words(line)
    runs = _scan(words)
    found = _tables_in(words, runs, None, i + 1)
    if not found:
        return None
    pieces = [(words, runs, found, i + 1)]
    end = i + 1
    last = found[-1]
    if _page_foot(words[last.end :]):
        j = i + 1
        while j < len(lines) and j - i <= 2 and not lines[j].strip():
            j += 1
        if j < len(lines) and lines[j].strip():
            words_j = _words(lines[j])
            runs_j = _scan(words_j)
            more = _tables_in(words_j, runs_j, last, j + 1)
            if more and more[0] is last:
                pieces.append((words_j, runs_j, more[1:], j + 1))
                last.repairs.append(("", JOINED, j + 1))
                end = j + 1
    blocks: list[Block] = []
    for k, (w, r, tables, line_no) in enumerate(pieces):
        goes_on = last if k > 0 else None
        blocks += _blocks(w, r, tables, line_no, goes_on)
    first = next(b for b in blocks if isinstance(b, Table))
    first.line_blocks = blocks
    return first, end


def _cheap_out(line: str) -> bool:
    """Too few numbers on the line for a table of its own: the test before any parsing."""
    return len(line) < 40 or (
        len(_CHEAP.findall(line)) < 4
        and (len(_DIGIT_RUN.findall(line)) < 8 or not _ANY_HEADER_WORD.search(line))
    )


def _page_foot(words: list[str]) -> bool:
    """The words after a table are the page's foot (a few words, no numbers but its
    page mark: ``Nämnden, Månadsrapport 3(16)``), or nothing."""
    return len(words) <= 15 and not any(_starts_run(words, x) for x in range(len(words)))


def read_line(line: str, line_no: int) -> list[Block]:
    """The blocks one line prints: paragraphs and the tables in it, in order."""
    words = _words(line)
    runs = _scan(words)
    return _blocks(words, runs, _tables_in(words, runs, None, line_no), line_no, None)


def _blocks(
    words: list[str],
    runs: list[_Run],
    found: list[_FlatTable],
    line_no: int,
    goes_on: _FlatTable | None,
) -> list[Block]:
    """The line's blocks: its tables (placed and made ``Table``s once complete) and the
    text around them. ``goes_on``: a table from the line before that this line's first
    rows belong to (already in the blocks of that line)."""
    if not found and goes_on is None:
        return []
    covered = [(t.start, t.end) for t in found]
    if goes_on is not None:
        covered.append((0, goes_on.end_here))
    first = min(a for a, _ in covered)
    # numbers like a table's rows left outside the tables found (a row the table ended
    # at): the prose rules read numbers with a unit, so these are said here, never lost
    owners = ([goes_on] if goes_on is not None else []) + found
    for run in runs:
        if any(a <= run.start < b for a, b in covered) or run.unit_after or run.start < first:
            continue  # in a table, or before the first: a page's head ("3 1 Ekonomi …")
        if len(run.pieces) >= 2:
            owner = [t for t in owners if (0 if t is goes_on else t.start) <= run.start][-1]
            owner.warnings += [(w, LEFT_OVER, line_no) for w in words[run.start : run.end]]
    blocks: list[Block] = []
    pos = goes_on.end_here if goes_on is not None else 0
    if goes_on is not None and goes_on.first_here > 0:
        blocks.append(Paragraph(" ".join(words[: goes_on.first_here]), line_no))
    for flat in found:
        if flat.start > pos:
            blocks.append(Paragraph(" ".join(words[pos : flat.start]), line_no))
        blocks.append(_to_table(flat))
        pos = flat.end
    if pos < len(words):
        blocks.append(Paragraph(" ".join(words[pos:]), line_no))
    return blocks


def _tables_in(
    words: list[str], runs: list[_Run], above: _FlatTable | None, line_no: int
) -> list[_FlatTable]:
    """The tables of a line, in order; with ``above``, first the rows this line goes on
    with under that table (``above`` itself then comes first in the list)."""
    found: list[_FlatTable] = []
    r = 0
    prev_end = 0
    if above is not None:
        went_on = _goes_on(words, runs, above, line_no)
        if went_on is None:
            return []
        found.append(above)
        prev_end, r = above.end_here, went_on
    while r < len(runs):
        t = _table_at(words, runs, r, prev_end, line_no)
        if t is None:
            r += 1
            continue
        flat, r_next = t
        found.append(flat)
        prev_end = flat.end
        r = r_next
    return found


def _goes_on(words: list[str], runs: list[_Run], above: _FlatTable, line_no: int) -> int | None:
    """The rows a page line starts with (after its page number), under the header of the
    table the line before ends with, as many values a row as it has columns: added to
    that table; the index of the run after them. None: the line starts otherwise."""
    r, pos = 0, 0
    if runs and runs[0].start == 0 and runs[0].end == 1 and re.fullmatch(r"\d{1,4}", words[0]):
        r, pos = 1, 1  # the page number
    cands = []
    k = r
    while k < len(runs):
        label = words[(runs[k - 1].end if k > r else pos) : runs[k].start]
        if not _label_ok(label) or runs[k].unit_after:
            break
        cands.append(_Cand(label, runs[k]))
        k += 1
    if not cands:
        return None
    rows, warnings, used = _rows_of_width(words, cands, above.decimal, above.n)
    if not any(len(rds) == 1 and len(rds[0]) == above.n for _, rds, _ in rows):
        return None  # not one row that reads as a full row of the table
    above.pending += [(row, line_no) for row in rows]
    above.warnings += [(tok, why, line_no) for tok, why in warnings]
    above.first_here, above.end_here = pos, cands[used - 1].run.end
    return r + used


def _table_at(
    words: list[str], runs: list[_Run], r: int, floor: int, line_no: int
) -> tuple[_FlatTable, int] | None:
    """A table whose first row's run is ``runs[r]``, and the index of the run after it."""
    before_start = runs[r - 1].end if r > 0 else 0
    before_start = max(before_start, floor)
    before = words[before_start : runs[r].start]
    b = _boundary(before)
    if b is None:
        return None
    first_label = before[b:]
    if not _label_ok(first_label) or runs[r].unit_after:
        return None
    cands = [_Cand(first_label, runs[r])]
    k = r + 1
    while k < len(runs):
        label = words[runs[k - 1].end : runs[k].start]
        if not _label_ok(label) or runs[k].unit_after:
            break
        cands.append(_Cand(label, runs[k]))
        k += 1
    # the table's number format: decimals or none
    decimal = sum(bool(_groupings(c.run.pieces, True, None)) for c in cands) * 2 > len(cands)
    header_words = before[:b]
    named = _header_names(header_words)  # header words and years ending the header
    if decimal:
        # as many values as the header names, or as most rows (two at least) hold
        lengths = []
        for c in cands:
            rds = _fit(c.run, decimal, None)
            if len(rds) == 1:
                lengths.append(len(rds[0]))
        widths = sorted(
            (x for x in set(lengths) if x >= 2 and lengths.count(x) >= 2),
            key=lambda x: (x != named, -lengths.count(x), -x),
        )
    else:
        # whole numbers: a space groups thousands or parts cells, so the header says how
        # many values a row holds
        widths = [named] if named >= 2 else []
    for n in widths:
        found = _table_of_width(words, cands, header_words, before_start, decimal, n, line_no)
        if found is not None:
            table, used = found
            return table, r + used
    return None


def _rows_of_width(
    words: list[str], cands: list[_Cand], decimal: bool, n: int
) -> tuple[list[_Row], list[tuple[str, str]], int]:
    """The rows the candidates give as ``n`` columns wide, the words said about them, and
    how many runs they take (up to a run in another number format)."""
    rows: list[_Row] = []
    warnings: list[tuple[str, str]] = []
    used = 0
    for c in cands:
        rds = _fit(c.run, decimal, n)
        if not rds:
            break  # another number format: the table ended before it
        printed = words[c.run.start : c.run.end]
        used += 1
        if len(rds) == 1 and len(rds[0]) > n:
            values, segs = rds[0], _segments(c.label)
            if len(values) % n == 0 and len(segs) == len(values) // n:
                for k, seg in enumerate(segs):
                    part = values[k * n : (k + 1) * n]
                    rows.append((seg, [part], part))
                continue
        fitting = [rd for rd in rds if len(rd) <= n]
        if not fitting:
            warnings += [(w, TOO_MANY) for w in printed]
        rows.append((" ".join(c.label), fitting, printed))  # none fitting: not read
    return rows, warnings, used


def _table_of_width(
    words: list[str],
    cands: list[_Cand],
    header_words: list[str],
    before_start: int,
    decimal: bool,
    n: int,
    line_no: int,
) -> tuple[_FlatTable, int] | None:
    """The table read as ``n`` columns wide (its rows not yet placed), and how many runs
    it takes; None when the rows or the header do not fit that width."""
    rows, warnings, used = _rows_of_width(words, cands, decimal, n)
    full = [rds[0] for _, rds, _ in rows if len(rds) == 1 and len(rds[0]) == n]
    if len(full) < 2:
        return None
    flat = _columns(header_words, full, n)
    if flat is None:
        return None
    names, stub, hstart = flat
    caption_start = _caption_start(header_words[:hstart])
    table = _FlatTable(
        caption=" ".join(header_words[caption_start:hstart]),
        stub=stub,
        names=names,
        n=n,
        pending=[(row, line_no) for row in rows],
        warnings=[(tok, why, line_no) for tok, why in warnings],
        start=before_start + caption_start,
        end=cands[used - 1].run.end,
        decimal=decimal,
        line=line_no,
    )
    return table, used


def _fit(run: _Run, decimal: bool, n: int | None) -> list[list[str]]:
    """The readings of a run that fit the table: every number with decimals in a table
    of decimals; no more numbers than columns (a row with empty cells dropped has
    fewer), unless no reading has so few (whole rows printed after their labels, in a
    table of decimals). None fit: []."""
    out = _groupings(run.pieces, decimal, None if decimal else n) or []
    if n is not None and len(out) > 1:
        out = [rd for rd in out if len(rd) <= n] or out
    return out


def _caption_start(words: list[str]) -> int:
    """The caption: the words after the last number or sentence end before the header,
    at most eight."""
    k = len(words)
    while k > 0 and len(words) - k < 8:
        w = words[k - 1]
        if re.search(r"\d", w) or (w.endswith((".", ":")) and not w[:1].isupper()):
            break
        k -= 1
    return k


def _columns(
    header_words: list[str], full: list[list[str]], n: int
) -> tuple[list[str | None], str, int] | None:
    """The column names (right to left from the header's end), the stub header, and
    where the header starts in ``header_words``. None when the header has too few
    names."""
    spans = _spans(header_words)
    segs = [text for _, text in spans]
    starts = [i for i, _ in spans]
    totals = _total_columns([[_num(x) for x in v] for v in full], n)
    best: tuple[int, int, list[str | None], int] | None = None
    for skip_groups in (False, True):
        picked: list[int] = []
        k = len(segs) - 1
        while k >= 0 and len(picked) < n:
            if skip_groups and segs[k].lower() in _GROUP_WORDS:
                k -= 1
                continue
            picked.append(k)
            k -= 1
        if len(picked) < n:
            continue
        # a header name left over before them: more names than the rows have values
        rest = [x for x in range(k + 1) if not (skip_groups and segs[x].lower() in _GROUP_WORDS)]
        if rest and _names_a_column(segs[rest[-1]]):
            continue
        picked.reverse()
        names: list[str | None] = [segs[x] for x in picked]
        trusted = _trust(names, totals)
        score = sum(x is not None for x in trusted)
        if best is None or score > best[0]:
            best = (score, int(skip_groups), trusted, picked[0])
    if best is None or best[0] == 0:
        return None
    _, _, names, first = best
    stub = ""
    hstart = starts[first]
    before = segs[first - 1] if first > 0 else ""
    if (
        before
        and " " not in before
        and not re.search(r"\d", before)
        and (before.lower() not in _GROUP_WORDS)
    ):
        stub = before
        hstart = starts[first - 1]
    return names, stub, hstart


Num = tuple[float, float]  # a printed number: its value and half a unit of its last digit


def _num(text: str) -> Num:
    if text in _DASHES:
        return 0.0, 0.0  # nothing printed: adds nothing
    return _value(text), 0.5 * 10.0 ** -_decimals(text)


def _adds_up(total: Num, parts: list[Num]) -> bool:
    """Within the rounding of every number involved."""
    tol = total[1] + sum(h for _, h in parts)
    return abs(sum(v for v, _ in parts) - total[0]) < tol - 1e-9


def _total_columns(full: list[list[Num]], n: int) -> dict[int, list[int]]:
    """The columns that are sums in every full row: column -> the columns it sums (the
    columns since the previous sum, or the sums before it not yet summed)."""
    out: dict[int, list[int]] = {}
    if len(full) < 3:  # two rows could add up by chance
        return out
    last = -1
    open_totals: list[int] = []
    for j in range(1, n):
        cands = []
        run = list(range(last + 1, j))
        if len(run) >= 2:
            cands.append(run)
        if len(open_totals) >= 2 or (open_totals and len(run) >= 1):
            cands.append(open_totals + run)
        if len(open_totals) >= 2:
            cands.append(list(open_totals))
        for parts in cands:
            if _sums(full, j, parts):
                out[j] = parts
                summed = set(parts)
                open_totals = [t for t in open_totals if t not in summed] + [j]
                last = j
                break
    return out


def _sums(rows: list[list[Num]], j: int, parts: list[int]) -> bool:
    """Column ``j`` is the sum of ``parts`` in every row within rounding, and exactly in
    most of them (small whole numbers add up within rounding by chance: 1 + 1 ≈ 1)."""
    if not all(_adds_up(v[j], [v[p] for p in parts]) for v in rows):
        return False
    exact = sum(abs(sum(v[p][0] for p in parts) - v[j][0]) < 1e-6 for v in rows)
    return exact * 2 > len(rows) and any(v[j][0] != 0 for v in rows)


def _trust(names: list[str | None], totals: dict[int, list[int]]) -> list[str | None]:
    """The names the sums do not contradict: a column named as a sum (``Summa``,
    ``Totalt``) that is no sum in the rows says the printed order is wrong between the
    proven sums around it; those columns lose their names."""
    out = list(names)
    bounds = sorted(totals)
    for j, name in enumerate(names):
        if name is None or not is_total_label(name) or j in totals:
            continue
        lo = max((b for b in bounds if b < j), default=-1)
        hi = min((b for b in bounds if b > j), default=len(names) - 1)
        for x in range(lo + 1, hi + 1):
            out[x] = None
    return out


def _place(table: _FlatTable) -> None:
    """Each row's values in their columns: a full row as printed; a short one where the
    sums prove it (see the module's doc), its other values reported. A run read more
    ways than one (digit groups) is read where the total row leaves one way."""
    if table.placed:
        return
    table.placed = True
    rows = [row for row, _ in table.pending]
    lines = [line for _, line in table.pending]
    n = table.n
    full = [rds[0] for _, rds, _ in rows if len(rds) == 1 and len(rds[0]) == n]
    totals = _total_columns([[_num(x) for x in v] for v in full], n)
    # without sums between columns or a total row, no short row can be placed: its ways
    # are not tried (every value of it reported)
    total_row = is_total_label(rows[-1][0]) and len(rows[-1][1]) == 1
    tries = _MAX_PLACEMENTS * 2 if totals or total_row else 0  # ways tried, at most
    # a share (``39 %``) stands in a column of shares, an amount in one of amounts
    shares = [all(v[j].endswith("%") for v in full) for j in range(n)]
    amounts = [not any(v[j].endswith("%") for v in full) for j in range(n)]
    alts: list[list[_Alt]] = []
    for _, rds, _ in rows:
        a: list[_Alt] = []
        for ri, rd in enumerate(rds):
            nums = [_num(x) for x in rd]
            if len(rd) == n:
                a.append((ri, tuple(range(n))))
                continue
            tries -= math.comb(n, len(rd))
            if tries < 0:
                a = []  # too many ways to try: not placed, reported
                break
            a += [
                (ri, pos)
                for pos in itertools.combinations(range(n), len(rd))
                if all(
                    not (shares[p] and not x.endswith("%")) and not (amounts[p] and x.endswith("%"))
                    for p, x in zip(pos, rd, strict=True)
                )
                and _row_holds(dict(zip(pos, nums, strict=True)), totals)
            ]
            if len(a) > _MAX_PLACEMENTS:
                a = []  # too many ways to try: not placed, reported
                break
        alts.append(a)
    kept = _by_column_total(rows, alts, n)
    for (label, rds, printed), good, line in zip(rows, kept, lines, strict=True):
        cells: list[str | None] = [None] * n
        if len(rds) > 1:
            maps = {tuple(zip(pos, rds[ri], strict=True)) for ri, pos in good}
            if len(maps) != 1:
                table.warnings += [(w, AMBIGUOUS, line) for w in printed]
            else:
                for col, x in maps.pop():
                    if table.names[col] is None:
                        table.warnings.append((x, f"{UNNAMED} (rad {label!r})", line))
                    else:
                        cells[col] = _signed(table, x, line)
        elif rds:
            v = rds[0]
            for idx, x in enumerate(v):
                cols = {pos[idx] for _, pos in good}
                if len(cols) != 1:
                    why = f"{UNPLACED} (rad {label!r}: {len(v)} värden, {n} kolumner)"
                    table.warnings.append((x, why, line))
                    continue
                col = cols.pop()
                if table.names[col] is None:
                    table.warnings.append((x, f"{UNNAMED} (rad {label!r})", line))
                else:
                    cells[col] = _signed(table, x, line)
        table.rows.append((label, cells, line))


def _signed(table: _FlatTable, x: str, line: int) -> str:
    """A dash apart that only a minus can be (the row reads no other way): the number
    with its sign, and said."""
    if not _DASH_APART.match(x):
        return x
    table.repairs.append((x, SIGN_APART, line))
    return "-" + x[2:]


def _row_holds(cells: dict[int, Num], totals: dict[int, list[int]]) -> bool:
    """Every sum between columns holds for a row placed so (an empty cell adds 0)."""
    zero = (0.0, 0.0)
    for j, parts in totals.items():
        if j not in cells and not any(p in cells for p in parts):
            continue
        if not _adds_up(cells.get(j, zero), [cells.get(p, zero) for p in parts]):
            return False
    return True


def _by_column_total(rows: list[_Row], alts: list[list[_Alt]], n: int) -> list[list[_Alt]]:
    """Where the table's last row is a total of the rows above it in every column, each
    row's ways to be read (reading, columns) that make every column add up (within the
    rounding of every number added); else every row's ways as they are."""
    if (
        len(rows) < 3
        or not is_total_label(rows[-1][0])
        or len(alts[-1]) != 1
        or len(rows[-1][1][0]) != n
        or any(not a for a in alts[:-1])
    ):
        return alts
    nums = [[[_num(x) for x in rd] for rd in rds] for _, rds, _ in rows]
    total = nums[-1][0]
    summed = [j for j in range(n) if not rows[-1][1][0][j].endswith("%")]  # shares: not
    short = [i for i in range(len(rows) - 1) if len(alts[i]) > 1]
    if sum(len(alts[i]) for i in short) > _MAX_PLACEMENTS // 2:
        return alts  # too many ways to search: no proof from the total row
    base = [0.0] * n
    base_tol = [t[1] for t in total]
    for i in range(len(rows) - 1):
        if i not in short:
            ri, pos = alts[i][0]
            for p, (val, half) in zip(pos, nums[i][ri], strict=True):
                base[p] += val
                base_tol[p] += half
    # each short row's ways as (column, value, half a unit) added; a column is checked as
    # soon as no row after can add to it
    adds = [
        [[(p, *nums[i][ri][x]) for x, p in enumerate(pos)] for ri, pos in alts[i]] for i in short
    ]
    # what the rows from k on can still add to each column, at least and at most (and
    # the rounding they can bring): a branch that cannot reach a total is cut
    lo = [[0.0] * n for _ in range(len(short) + 1)]
    hi = [[0.0] * n for _ in range(len(short) + 1)]
    halves = [[0.0] * n for _ in range(len(short) + 1)]
    for k in range(len(short) - 1, -1, -1):
        least, most, widest = [math.inf] * n, [-math.inf] * n, [0.0] * n
        for way in adds[k]:
            vec, hv = [0.0] * n, [0.0] * n
            for p, v, h in way:
                vec[p] += v
                hv[p] += h
            for j in range(n):
                least[j] = min(least[j], vec[j])
                most[j] = max(most[j], vec[j])
                widest[j] = max(widest[j], hv[j])
        for j in range(n):
            lo[k][j] = lo[k + 1][j] + least[j]
            hi[k][j] = hi[k + 1][j] + most[j]
            halves[k][j] = halves[k + 1][j] + widest[j]
    sums, tol = base, base_tol
    good: list[tuple[_Alt, ...]] = []
    chosen: list[_Alt] = []
    budget = [_MAX_PLACEMENTS]

    def reachable(k: int) -> bool:
        for j in summed:
            t = tol[j] + halves[k][j] - 1e-9
            if sums[j] + lo[k][j] >= total[j][0] + t or sums[j] + hi[k][j] <= total[j][0] - t:
                return False
        return True

    def search(k: int) -> bool:
        """False when the search is too large to finish."""
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if k == len(short):
            if all(abs(sums[j] - total[j][0]) < tol[j] - 1e-9 for j in summed):
                good.append(tuple(chosen))
            return len(good) <= 10_000
        for way, alt in zip(adds[k], alts[short[k]], strict=True):
            for p, val, half in way:
                sums[p] += val
                tol[p] += half
            ok = reachable(k + 1)
            if ok:
                chosen.append(alt)
                done = search(k + 1)
                chosen.pop()
            for p, val, half in way:
                sums[p] -= val
                tol[p] -= half
            if ok and not done:
                return False
        return True

    if not search(0):
        return alts
    if not good:
        return alts
    out = list(alts)
    for k, i in enumerate(short):
        out[i] = sorted({combo[k] for combo in good})
    return out


def _to_table(flat: _FlatTable) -> Table:
    """The table as the layouts give one: a header row (at the header's line), then each
    row read, each cell at its own line."""
    _place(flat)
    keep = [j for j, name in enumerate(flat.names) if name is not None]
    at = flat.line
    names = [Cell(flat.names[j] or "", at) for j in keep]
    rows = [Row([Cell(flat.stub, at), *names], at)]
    for label, cells, line in flat.rows:
        texts = [cells[j] or "" for j in keep] if cells else [""] * len(keep)
        if not any(texts):
            continue  # nothing of the row is read: its values are in the warnings
        rows.append(Row([Cell(label, line)] + [Cell(t, line) for t in texts], line))
    table = Table(rows=rows, layout="flat", caption=flat.caption, line=at, header_rows=1)
    table.warnings = [(line, token, why) for token, why, line in flat.warnings]
    table.repairs = [(line, text, what) for text, what, line in flat.repairs]
    return table
