"""Tables that go on: a table continued after a page break without its header (a PDF
page, or page furniture such as ``Sida 3`` / ``4 (16)`` between the parts) is one table
with the one before it when their columns line up — the same layout, the same number of
columns, and no header of its own. Its rows then read under the first part's header,
and the join is said (parse report, info) at its first line."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Set

from . import labels as L
from .model import Block, Cell, Heading, Paragraph, Row, Table
from .structure import is_total_label

# page furniture between the parts: a page number, "Sida 3", "4 (16)", "3(16)", "Sida 3 av 16"
FURNITURE = re.compile(
    r"^\s*(?:sida\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|/\s*\d{1,3}|av\s*\d{1,3})?\s*$", re.I
)
# a running header or footer that ends in the page's mark ("Delårsrapport augusti 2023
# 3 (17)", "2016-05-03 1 (9)", "Tjänsteskrivelse Sida 2 av 5")
RUNNING_HEAD = re.compile(
    r"^(?=.*[^\W\d_]|.*\d-\d).{1,100}?\s(?:sida\s*\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*\(\s*\d{1,3}\s*\))\s*$",
    re.I,
)
_FURNITURE = FURNITURE
JOINED = "tabellen fortsätter efter sidbrytning utan rubrik: läses under rubriken ovan"
JOINED_REPEATED = "tabellen fortsätter efter sidbrytning under samma rubrik: läses som en tabell"
PAGE_MARK = "sidnummer vid sidbrytning i tabellen, inget värde"
HEADER_AGAIN = "tabellens rubrik upprepad efter sidbrytning, ingen rad"
PAGE_HEAD = "sidhuvud eller sidfot med sidnummer vid sidbrytning i tabellen, inget värde"
FURNITURE_LINE = "sidhuvud eller sidfot med sidnummer, inget värde"
SPLIT_ROW = "raden delad av sidbrytning: läses som en rad med raden ovan"
CARRIED = "tabellen saknar egen rubrik och har tabellens ovan kolumner: läses under dess rubrik"


def page_mark(line: str) -> str:
    """Why ``line`` is a page's furniture (``Sida 3``, ``3 (17)``, a page number alone, or
    a running header or footer ending in the page's mark); '' for any other line."""
    s = line.replace("\f", " ").strip()
    if FURNITURE.match(s):
        return PAGE_MARK
    return PAGE_HEAD if RUNNING_HEAD.match(s) else ""


_EDGE = 3  # a page's head and foot: its first and last lines with text, so many of each


def furniture_lines(lines: list[str], page_starts: list[int]) -> set[int]:
    """The lines (numbered from 1) that are a page's furniture: among the first or the
    last few lines with text of each page (``page_starts``: the first line of each), one
    that :func:`page_mark` names (``Årsrapport för 2024   8 (11)``, ``Sida 3 av 12``,
    ``BUDGETSKRIVELSE … SID 4 (25)``). A document without pages has none."""
    out: set[int] = set()
    if not page_starts:
        return out
    ends = [*page_starts[1:], len(lines) + 1]
    for start, end in zip(page_starts, ends, strict=True):
        filled = [n for n in range(start, end) if lines[n - 1].strip()]
        edge = filled[:_EDGE] + filled[-_EDGE:]
        out.update(n for n in edge if page_mark(lines[n - 1]))
    return out


def _width(t: Table) -> int:
    return max((len(r.cells) for r in t.rows), default=0)


def _furniture(b: Block) -> bool:
    return isinstance(b, Paragraph | Heading) and bool(page_mark(b.text))


def join_continued(
    blocks: list[Block], header_count, page_starts: list[int], split: Set[int] = frozenset()
) -> list[Table]:
    """The document's tables, each continuation joined to the table it goes on from (a
    new table; the document's own are not changed). ``header_count(table, texts)`` says
    how many leading rows are a table's header; ``page_starts`` the first line of each
    page (empty for text); ``split`` the lines the reader saw begin with the rest of a
    row a page break split (a PDF's ruled row left open at the break)."""
    out: list[Table] = []
    between: list[Block] = []
    said: set[str] = set()  # the texts before: a page's running head repeats one
    for b in blocks:
        if not isinstance(b, Table):
            if not between and out and (row := _sum_line_below(out[-1], b)) is not None:
                # (the block stays where it is: the next group's name after the sum line)
                out[-1] = dataclasses.replace(
                    out[-1],
                    rows=[*out[-1].rows, row],
                    repairs=[*out[-1].repairs, (row.line, row.cells[0].text, SUM_BELOW)],
                )
            between.append(b)
            continue
        prev = out[-1] if out else None
        if prev is not None and _goes_on(prev, b, between, header_count, page_starts):
            out[-1] = dataclasses.replace(
                prev,
                rows=prev.rows + _section_rows(between, _width(prev)) + b.rows,
                repairs=[*prev.repairs, (b.line, "", JOINED), *b.repairs],
                warnings=prev.warnings + b.warnings,
                notes=prev.notes + b.notes,
            )
        elif prev is not None and (
            n := _header_to_carry(prev, b, between, header_count, page_starts, said)
        ):
            out.append(
                dataclasses.replace(
                    b, rows=prev.rows[:n] + b.rows, repairs=[(b.line, "", CARRIED), *b.repairs]
                )
            )
        else:
            out.append(b)
        said.update(x.text for x in between if isinstance(x, Paragraph | Heading))
        between = []
    return [_rows_rejoined(t, page_starts, split) for t in out] if page_starts else out


SUM_BELOW = (
    "summaraden står för sig under tabellen, utanför dess kolumner: läses som tabellens "
    "sista rad, beloppen i dess värdekolumner"
)
# an amount as an accounting report prints it: ``3 967 240,30``, ``-780 465,35``, ``0,00``
_AMOUNT = re.compile(r"[-\u2212\u2013]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d{2}")
_APART = re.compile(r"\t|\s{2,}")


def _sum_line_below(t: Table, b: Block) -> Row | None:
    """The line right below a table that is its sum line set apart from its columns (an
    accounting report closes each group of accounts with ``Summa verksamhetsintäkter
    3 967 240,30  3 967 240,30  2 965 617,34``, printed apart from the columns and read
    as a paragraph, maybe glued to the next group's name on the line after; Hansa sets
    ``Summa RÖRELSEINTÄKTER    762 865,42`` alone between blank lines): a total's label
    and as many amounts, each apart, as the table's last row ends in. The row it is:
    the label first, the amounts in the value columns."""
    if not isinstance(b, Paragraph | Heading) or t.kind != "data" or not t.rows:
        return None
    first = b.text[: b.starts[1][0]] if isinstance(b, Paragraph) and len(b.starts) > 1 else b.text
    parts = [p for p in _APART.split(first.strip()) if p.strip()]
    if len(parts) < 2 or not all(_AMOUNT.fullmatch(p.strip()) for p in parts[1:]):
        return None
    label, amounts = parts[0].strip(), [p.strip() for p in parts[1:]]
    if any(ch.isdigit() for ch in label) or not is_total_label(label):
        return None
    width = _width(t)
    last = [c.text.strip() for c in t.rows[-1].cells]
    ends = 0
    while ends < len(last) and _AMOUNT.fullmatch(last[len(last) - 1 - ends]):
        ends += 1
    if ends != len(amounts) or width < ends + 1:
        return None
    cells = [label, *([""] * (width - 1 - ends)), *amounts]
    return Row([Cell(text, b.line) for text in cells], b.line)


def _section_at_foot(b: Block, page: int, page_starts: list[int]) -> bool:
    """A short title without figures at the foot of the page the table ends on, only
    page furniture after it (a PDF gives a table's section row that ends a page as a
    heading of its own, the rows it heads beginning the next page): the table's
    section row."""
    return (
        isinstance(b, Heading)
        and len(b.text) <= 100
        and not any(ch.isdigit() for ch in b.text)
        and _page(b.line, page_starts) == page
    )


def _section_rows(between: list[Block], width: int) -> list[Row]:
    """The headings between two parts of a table (``_section_at_foot``) as its section
    rows: the title in the first cell, the others empty."""
    return [
        Row([Cell(b.text, b.line), *(Cell("", b.line) for _ in range(width - 1))], b.line)
        for b in between
        if isinstance(b, Heading) and not _furniture(b)
    ]


def _header_to_carry(
    prev: Table, t: Table, between: list[Block], header_count, page_starts, said: set[str]
) -> int:
    """How many header rows of ``prev`` the table ``t`` reads under, 0 for none. In a PDF
    an accounting report's groups (``Försäljningsintäkter``, ``Personalkostnader``) stand
    as tables of their own, each under its group's name and after the group above's sum
    line, with the column header printed once over the first group (``Period |
    Ackumulerat | Period fg år``): a table with no header of its own, of the same layout
    and as many columns (three or more) as the table above it on the same or the next
    page, with at most three short lines and no sentence between them (and the page's
    running head: :func:`_running_head`), goes on under that header, as its own table (its
    group's name stays its caption)."""
    if not page_starts or prev.kind != "data" or t.kind != "data" or prev.layout != t.layout:
        return 0
    if not prev.rows or not t.rows or _width(prev) != _width(t) or _width(t) < 3:
        return 0
    if not 0 <= _page(t.line, page_starts) - _page(prev.last_line, page_starts) <= 1:
        return 0
    between = [b for b in between if not _running_head(b, said)]
    if len(between) > 3 or not all(_short_line(b) for b in between):
        return 0
    texts = [[L.clean(c.text) for c in r.cells] for r in t.rows]
    if header_count(t, texts) != 0:
        return 0
    n: int = header_count(prev, [[L.clean(c.text) for c in r.cells] for r in prev.rows])
    return n if 0 < n < len(prev.rows) else 0


def _running_head(b: Block, said: set[str]) -> bool:
    """A page's running head: a text said before on an earlier page, alone or followed
    by the column header printed again under it (a head of 40 characters at least)."""
    if not isinstance(b, Paragraph | Heading):
        return False
    return b.text in said or any(len(x) >= 40 and b.text.startswith(x) for x in said)


_SENTENCE = re.compile(r"[a-zåäö]{2}[.!?](?:\s|$)")


def _short_line(b: Block) -> bool:
    """A group's name, a sum line or a page's furniture between two parts of a report
    (at most 200 characters, no sentence)."""
    return (
        isinstance(b, Paragraph | Heading) and len(b.text) <= 200 and not _SENTENCE.search(b.text)
    )


def _rows_rejoined(t: Table, page_starts: list[int], split: Set[int] = frozenset()) -> Table:
    """The table with each row a page break split (``_split_row``, or a row the reader
    saw split: ``split``) as one row."""
    rows = t.rows
    repairs = t.repairs
    k = _next_split(rows, 1, page_starts, split)
    while k is not None:
        if rows is t.rows:
            rows, repairs = list(rows), list(repairs)
        repairs.append((rows[k].line, rows[k].cells[0].text, SPLIT_ROW))
        rows[k - 1 : k + 1] = [_joined(rows[k - 1], rows[k])]
        k = _next_split(rows, k, page_starts, split)
    return t if rows is t.rows else dataclasses.replace(t, rows=rows, repairs=repairs)


def _next_split(
    rows: list[Row], start: int, page_starts: list[int], split: Set[int] = frozenset()
) -> int | None:
    """The first row from ``start`` on that is the rest of the row above it, split by
    a page break; None for none."""
    for k in range(start, len(rows)):
        broken = _page(rows[k].line, page_starts) > _page(rows[k - 1].line, page_starts)
        if not broken:
            continue
        if _split_row(rows[k - 1], rows[k]) or (
            rows[k].line in split and _parts_fit(rows[k - 1], rows[k])
        ):
            return k
    return None


def _parts_fit(last: Row, first: Row) -> bool:
    """The two parts of a row a page break split join cell by cell: no column holds a
    value in one part and text in the other (a number is never glued to a word)."""
    for a, b in zip(last.cells, first.cells, strict=False):
        x, y = a.text.strip(), b.text.strip()
        if x and y and (_VALUE.match(x) or _VALUE.match(y)):
            return False
    return True


# a cell that holds a value: a number, with its sign and unit
_VALUE = re.compile(r"^[−–+-]?\s?\d[\d \u00a0\u202f]*(?:[,.]\d+)?\s?(?:%|[a-zåäö./]{0,8})$")
_MID_PHRASE = re.compile(r"(?:,|\b(?:och|eller|samt|av|på|för|i|till|med|om|vid))$")


def _split_row(last: Row, first: Row) -> bool:
    """The first row after a page break is the rest of the row the page ended with
    (a row split by the break, as Word and browsers print it): its label goes on from
    that row's (it begins in lower case, or the label above stops mid-phrase), and none
    of its cells holds a value, only text that goes on; or it has no label and its
    cells go on from that row's (``_cells_go_on``)."""
    label, above = first.cells[0].text.strip(), last.cells[0].text.strip()
    if not above:
        return False
    if not label:
        return _cells_go_on(last, first)
    if not (L.continues_above(label) or _MID_PHRASE.search(above)):
        return False
    return not any(_VALUE.match(c.text.strip()) for c in first.cells[1:] if c.text.strip())


def _cells_go_on(last: Row, first: Row) -> bool:
    """A row with no label after a page break is the rest of the row above when every
    cell it fills goes on from that row's cell (text there, no value: a comment's text
    broken by the page, ``… Efter`` / ``uppföljning. Samtliga …``), one of them in lower
    case or after a cell that stops mid-sentence."""
    filled = [
        (a.text.strip(), b.text.strip()) for a, b in zip(last.cells, first.cells, strict=False)
    ]
    filled = [(a, b) for a, b in filled[1:] if b]
    if not filled or any(not a or _VALUE.match(b) for a, b in filled):
        return False
    return any(L.continues_above(b) or a[-1:] not in ".!?:" for a, b in filled)


def _joined(last: Row, first: Row) -> Row:
    """The two parts of a split row as one: each cell's text, then its rest."""
    cells = []
    for a, b in zip(last.cells, first.cells, strict=False):
        if not b.text.strip():
            cells.append(a)
        elif not a.text.strip():
            cells.append(b)
        else:
            starts = (*(a.starts or ((0, a.line),)), (len(a.text) + 1, b.line))
            cells.append(dataclasses.replace(a, text=f"{a.text} {b.text}", starts=starts))
    return Row(cells + last.cells[len(cells) :], last.line)


def _page(line: int, page_starts: list[int]) -> int:
    return bisect_right(page_starts, line) - 1


def _same_layout(prev: Table, t: Table, page_starts: list[int]) -> bool:
    """The same layout; in a PDF, whose reader gives a table with a header it found as
    a pipe table and the part after a page break as tab lines, either of those two."""
    if prev.layout == t.layout:
        return True
    return bool(page_starts) and {prev.layout, t.layout} <= {"pipe", "tab"}


def _goes_on(prev: Table, t: Table, between: list[Block], header_count, page_starts) -> bool:
    if prev.kind != "data" or t.kind != "data" or not _same_layout(prev, t, page_starts):
        return False
    if not prev.rows or not t.rows or _width(prev) != _width(t) or _width(t) < 2:
        return False
    if page_starts:  # a PDF: the next page, only page furniture or short lines between
        page = _page(prev.last_line, page_starts)
        if _page(t.line, page_starts) != page + 1:
            return False
        if len(between) > 3 or not all(
            _furniture(b)
            or (isinstance(b, Paragraph) and len(b.text) <= 100)
            or (_section_at_foot(b, page, page_starts) and all(map(_furniture, between[k + 1 :])))
            for k, b in enumerate(between)
        ):
            return False
    elif not between or not all(_furniture(b) for b in between):
        return False
    texts = [[L.clean(c.text) for c in r.cells] for r in t.rows]
    first = [[L.clean(c.text) for c in r.cells] for r in prev.rows]
    return header_count(t, texts) == 0 and header_count(prev, first) > 0
