"""Tables flattened to one cell per line, the cells apart by blank lines — what copying a
table from a web page or a PDF gives::

    Kommun/Region

    Bistånds-hushåll

    Utbetalt ekonomiskt bistånd (tkr)

    Arjeplog

    42

    1 350

The header is the cells before the first row; a row is a label and as many cells as the
first row has values. Header cells beyond the columns (a spanning caption above them) name
the table. The table ends where the rhythm breaks: a sentence, a blank-free paragraph, or a
row that, like the one after it, holds no number.
"""

from __future__ import annotations

import re

from ..continuation import HEADER_AGAIN, JOINED, JOINED_REPEATED, page_mark
from ..memo import per_document
from ..model import Cell, Row, Table
from ..numparse import is_no_data, tokens
from ..units import unit_in_label
from .lines import walks
from .spaced import _unglue_years, split_row

_SENTENCE = re.compile(r"[a-zåäö)]\.\s+[A-ZÅÄÖ]|[.!?]$")
MAX_CELL = 90


def _cells(lines: list[str], i: int) -> list[tuple[str, int]]:
    """The run of one-line cells from line ``i``: each a short line with a blank (or
    whitespace-only) line after it, up to the first line that is not such a cell."""
    out: list[tuple[str, int]] = []
    j = i
    n = len(lines)
    while j < n:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if len(s) > MAX_CELL or (j + 1 < n and lines[j + 1].strip()):
            break  # a long line, or a paragraph of several lines
        out.append((s, j + 1))
        j += 1
    return out


# the fewest cells ``read`` reads a table of: a header cell over the labels or a caption,
# a header cell over the values, and two rows of a label and a value
_FEWEST_CELLS = 6


def _too_few_cells(lines: list[str], i: int) -> bool:
    """Whether the run of one-line cells from line ``i`` (``_cells``) holds fewer than
    ``_FEWEST_CELLS``: ``read`` reads no table from such a run. Walks as ``_cells`` does,
    but only as far as that many cells: a long run is not walked to its end from each of
    its lines (each line is looked at from at most that many cells above it)."""
    count = 0
    j = i
    n = len(lines)
    while j < n:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if len(s) > MAX_CELL or (j + 1 < n and lines[j + 1].strip()):
            return True  # the run's end
        count += 1
        if count >= _FEWEST_CELLS:
            return False
        j += 1
    return True


@per_document  # asked of each cell again from each line above it in the run
def _numeric(text: str) -> bool:
    if is_no_data(text):
        return True
    if _SENTENCE.search(text):
        return False
    return any(t.kind == "value" for t in tokens(text))


def _sentence_label(row: list[tuple[str, int]]) -> bool:
    """A row's label that is a sentence, which ends the table. A short label ending in an
    abbreviation's point (``OF, omsorg & stöd, funktionsneds.``) with a number in every
    cell after it is a row's label, not a sentence."""
    label = row[0][0]
    if not _SENTENCE.search(label):
        return False
    abbreviated = len(label.split()) <= 8 and not re.search(r"[a-zåäö)]\.\s+[A-ZÅÄÖ]", label)
    return not (abbreviated and label.endswith(".") and all(_numeric(t) for t, _ in row[1:]))


def _page_mark(text: str) -> bool:
    """A page's mark that no value cell prints: ``Sida 3``, a running footer (a number
    alone or ``12 (17)`` may be a value, this year's and last year's)."""
    return bool(page_mark(text)) and re.search(r"[^\W\d_]", text) is not None


def _over_page_break(
    cells: list[tuple[str, int]], k: int, header: list[tuple[str, int]], n: int, coded: bool
) -> tuple[int, list[tuple[int, str, str]]] | None:
    """A table that goes on after a page break: at ``cells[k]`` the page's furniture
    (``Sida 3``, ``3 (17)``), perhaps the table's header again, then a row. The index of
    that row and what was passed over (line, text, why), each said — never a row's label;
    None when no row follows."""
    said: list[tuple[int, str, str]] = []
    while k < len(cells) and page_mark(cells[k][0]):
        said.append((cells[k][1], cells[k][0], page_mark(cells[k][0])))
        k += 1
    names = [t for t, _ in header if t]
    again = [t for t, _ in cells[k : k + len(names)]] == names
    if again:
        said += [(ln, t, HEADER_AGAIN) for t, ln in cells[k : k + len(names)]]
        k += len(names)
    row = cells[k : k + n + 1]
    if coded and _coded_row(cells, k, n):
        pass  # a row with its code
    elif (
        len(row) < n + 1
        or _numeric(row[0][0])
        or _sentence_label(row)
        or not any(_numeric(t) for t, _ in row[1:])
    ):
        return None
    said.append((row[0][1], "", JOINED_REPEATED if again else JOINED))
    return k, said


# a row's code (a project or account number) in a column of its own before the names
_CODE_CELL = re.compile(r"^\d{3,8}$")


def _coded_row(cells: list[tuple[str, int]], k: int, n: int) -> bool:
    """A row at ``cells[k]`` that begins with a code, then a name, then ``n`` values."""
    row = cells[k : k + n + 2]
    return (
        len(row) == n + 2
        and _CODE_CELL.match(row[0][0]) is not None
        and not _numeric(row[1][0])
        and all(_numeric(t) for t, _ in row[2:])
    )


def _code_column(cells: list[tuple[str, int]], first: int) -> bool:
    """The first number of the table is a row's code, not a value: a code cell
    (``1234``), then a name, then values (``Ombyggnad Hagagården`` / ``1 200``)."""
    return (
        _CODE_CELL.match(cells[first][0]) is not None
        and first + 2 < len(cells)
        and not _numeric(cells[first + 1][0])
        and _numeric(cells[first + 2][0])
    )


def _prose_first(lines: list[str], i: int) -> bool:
    """Whether ``read`` surely finds no table at ``lines[i]`` because a sentence stands
    among the cells before the first row's label: ``read``'s header is every cell before
    that label (the first value's cell, or the one before it), and a sentence in it is no
    header. Walks the run of cells as ``_cells`` does, but only up to the first value's
    cell, or to the cell after the first sentence (a sentence may be the first row's
    label): so a page of one-line paragraphs is not walked to its end from each of them.
    A run without a value is no table either.

    The walk's answer holds for every line it passed before its first sentence (or before
    its end, when it found neither a sentence nor a value: a list of names or a Word
    document's bullet list): from such a line the walk goes over the same cells to the
    same end. With the document's ``Lines`` that answer is remembered, so a long run is
    walked once, not again from each of its lines."""
    remembered = walks(lines)
    if remembered is not None:
        last = remembered.get("cellrun")
        if last is not None and last[0] <= i < last[1]:
            return bool(last[2])
    sentence, sentence_line = -1, -1
    n = len(lines)
    j, k = i, 0  # the line, and the cell's index in the run
    answer, upto = True, n  # the answer, and the line up to which it holds
    while j < n:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if len(s) > MAX_CELL or (j + 1 < n and lines[j + 1].strip()):
            upto = j  # the run's end, as _cells ends it: no value in the run
            break
        if _numeric(s):
            answer = False
            upto = sentence_line + 1 if sentence >= 0 else j + 1
            break
        if sentence >= 0:  # the cell after the sentence is no value: the sentence is
            upto = sentence_line + 1  # header (a walk from below it starts without it)
            break
        if _SENTENCE.search(s):
            sentence, sentence_line = k, j
        j += 1
        k += 1
    if remembered is not None:
        remembered["cellrun"] = (i, upto, answer)
    return answer


def read(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A one-cell-per-line table whose first header cell is ``lines[i]``: the table and
    the index of the line after it; None when none starts here."""
    if i + 1 >= len(lines) or lines[i + 1].strip() or not lines[i].strip():
        return None
    if _too_few_cells(lines, i):
        return None  # (the first test that reads no cell's text)
    remembered = walks(lines)
    if remembered is not None:
        few = remembered.get("cellrun.read")
        if few is not None and few[0] <= i <= few[1]:
            return None  # (see below: too few rows after the same header)
    if _prose_first(lines, i):
        return None
    cells = _cells(lines, i)
    if len(cells) < _FEWEST_CELLS or _numeric(cells[0][0]):
        return None
    first = next((k for k, (t, _) in enumerate(cells) if _numeric(t)), None)
    if first is None or first < 2:
        return None
    coded = _code_column(cells, first)
    lead = 2 if coded else 1  # label cells per row: a code and a name, or a name
    n = 0  # values per row: the numeric cells after the first row's label
    at = first + 2 if coded else first
    while (
        at + n < len(cells)
        and _numeric(cells[at + n][0])
        and not _page_mark(cells[at + n][0])
        and not (coded and _code_column(cells, at + n))  # the next row's code
    ):
        n += 1
    if coded and (n == 0 or not _coded_row(cells, at + n, n)):
        coded, lead, n = False, 1, 0  # no second row with a code: the number was a value
        while (
            first + n < len(cells)
            and _numeric(cells[first + n][0])
            and not _page_mark(cells[first + n][0])
        ):
            n += 1
    label_at = first - 1 if not coded else first
    header = cells[:label_at]
    if len(header) < n + lead - 1 or any(_SENTENCE.search(t) for t, _ in header):
        return None
    caption_cells, header = header[: len(header) - n - lead], header[-(n + lead) :]
    if len(header) == n + lead - 1:  # no header over the labels
        header = [("", header[0][1]), *header]
    rows: list[list[tuple[str, int]]] = []
    breaks: list[tuple[int, str, str]] = []  # page breaks passed over, said
    k = label_at
    while k < len(cells):
        if rows and page_mark(cells[k][0]):
            passed = _over_page_break(cells, k, header, n, coded)
            if passed is None:
                break
            k, said = passed
            breaks.extend(said)
            continue
        if coded and _CODE_CELL.match(cells[k][0]):
            row = cells[k : k + n + 2]  # a code, a name and the values
            if len(row) < n + 2 or _numeric(row[1][0]) or _sentence_label(row[1:]):
                break
            rows.append(row)
            k += n + 2
            continue
        row = cells[k : k + n + 1]
        if len(row) < n + 1 or _numeric(row[0][0]) or _sentence_label(row):
            break
        if coded:  # a row without a code of its own (Summa): its code cell is empty
            row = [("", row[0][1]), *row]
        if not any(_numeric(t) for t, _ in row[1:]):
            after = cells[k + n + 1 : k + 2 * n + 2]
            if len(after) < n + 1 or not any(_numeric(t) for t, _ in after[1:]):
                break
        rows.append(row)
        k += n + 1
    if sum(any(_numeric(t) for t, _ in r[lead:]) for r in rows) < 2:
        if remembered is not None and label_at >= n + lead:
            # From each line of the run down to the header's first cell the same values,
            # header and rows are read (all counted from the first value's cell; a read
            # from lower down has a shorter caption and may stop before, at a sentence):
            # too few rows again. A list of names above one number is not read as this
            # table's caption from each of its lines.
            remembered["cellrun.read"] = (i, cells[label_at - n - lead][1] - 1, 0)
        return None
    head_line = header[0][1] if header[0][0] else header[1][1]
    table = Table(
        rows=[Row([Cell(t, ln) for t, ln in header], head_line)]
        + [Row([Cell(t, ln) for t, ln in r], r[0][1]) for r in rows],
        layout="cells",
        line=head_line,
        header_rows=1,
    )
    table.repairs.extend(breaks)
    if caption_cells:
        table.caption = " ".join(t for t, _ in caption_cells)
    last = rows[-1][-1][1]
    return table, last  # the index after the last cell's line


# A web page's table copied as text where its cells did not all keep a line of their own:
# the header's cells run together on one line above the first row's label (``mnkr Intäkter
# 2020Intäkter 2021…``, ``mnkr kommunen 2021-12-31 kommunen 2020-12-31 …``), and a row's
# values each a paragraph, or several on one line (the rest of the row), the next row's
# label right under them::
#
#     mnkr Intäkter 2020Intäkter 2021Kostnader 2020 …
#     Kommunstyrelse
#
#     281,9
#
#     283,1  -697,8  -693,8 …
#     Kultur
#
# A header cell is a name ending in its year or date; a unit before the first (``mnkr``)
# is the header over the labels. A row is a label and as many values as the header names;
# a row with other than that many values (``Uttag ur resultatutjämningsfond 0,0 0,0 -8,7
# 8,7`` under seven columns) is not read — its line is reported, never guessed into
# columns — and the table goes on. A label without values, or a sentence, ends the table.

_DATED_END = re.compile(
    r"^(?:19|20)\d\d(?:-[01]\d-[0-3]\d|[/–-](?:19|20)?\d\d)?$"  # 2021, 2021-12-31, 2012/2013
)


def dated_header(line: str) -> list[str] | None:
    """The cells of a header line whose cells ran together, each a name ending in its year
    or date, the first perhaps after the table's unit (the stub's cell, else ``""``);
    None for any other line."""
    words = _unglue_years(line.strip()).split()
    cells: list[list[str]] = []
    cur: list[str] = []
    for w in words:
        cur.append(w)
        if _DATED_END.match(w):
            cells.append(cur)
            cur = []
    if cur or len(cells) < 2 or any(len(c) < 2 for c in cells):
        return None  # words after the last year, a year alone, or fewer than two cells
    if any(re.search(r"\d", w) for c in cells for w in c[:-1]):
        return None  # a number among a name's words: a row, not a header
    stub = ""
    first = cells[0]
    if len(first) > 2 and unit_in_label(first[0]) and not unit_in_label(" ".join(first[1:])):
        stub, cells[0] = first[0], first[1:]
    return [stub] + [" ".join(c) for c in cells]


def _value_cells(text: str) -> list[str] | None:
    """The cells of a line that holds nothing but values (numbers, and marks of no value
    such as ``-``), each a cell; None when anything else stands on it."""
    s = text.strip()
    if not s:
        return None
    out: list[tuple[int, str]] = []
    taken = [False] * len(s)
    for t in tokens(s):
        if t.kind != "value":
            return None
        out.append((t.start, t.text))
        for k in range(t.start, t.end):
            taken[k] = True
    rest = "".join(" " if taken[k] else ch for k, ch in enumerate(s))
    pos = 0
    for piece in rest.split():
        at = rest.index(piece, pos)
        pos = at + len(piece)
        if not is_no_data(piece):
            return None
        out.append((at, piece))
    return [t for _, t in sorted(out)] if out else None


def read_headed(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A table whose header's cells ran together on ``lines[i]``, right above the first
    row's label, its rows' cells a paragraph each or several on a line (see above): the
    table and the index of the line after it; None when none starts here."""
    n_lines = len(lines)
    if i + 2 >= n_lines or not lines[i + 1].strip() or lines[i + 2].strip():
        return None  # the first row's label, alone on its line, must follow the header
    line = lines[i]
    if "19" not in line and "20" not in line:
        return None
    header = dated_header(line)
    if header is None:
        return None
    n = len(header) - 1
    # the cells below, in order: (is a label, text, line)
    items: list[tuple[bool, str, int]] = []
    j = i + 1
    while j < n_lines:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        values = _value_cells(s)
        if values is not None:
            if not items:
                return None
            items.extend((False, v, j + 1) for v in values)
            j += 1
            continue
        if len(s) > MAX_CELL or (_SENTENCE.search(s) and not _abbreviated(s)):
            break
        # a label, with the rest of its row on its line perhaps
        label, toks = split_label(s)
        if items and items[-1][0]:
            break  # a label under a label without values: the table has ended
        if toks is None:
            if j + 1 < n_lines and lines[j + 1].strip() and _value_cells(lines[j + 1]) is None:
                break  # a paragraph of several lines
            items.append((True, s, j + 1))
        else:
            items.append((True, label, j + 1))
            items.extend((False, v, j + 1) for v in toks)
        j += 1
    rows: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for is_label, text, ln in [*items, (True, "", -1)]:
        if not is_label:
            current.append((text, ln))
            continue
        if current:
            if len(current) == 1:
                break  # a label without values ends the table
            if len(current) == n + 1:
                rows.append(current)
            # else: a row whose values do not fill the columns, left unread (reported)
        current = [(text, ln)]
    if len(rows) < 2:
        return None
    head_line = i + 1
    table = Table(
        rows=[Row([Cell(t, head_line) for t in header], head_line)]
        + [Row([Cell(t, ln) for t, ln in r], r[0][1]) for r in rows],
        layout="cells",
        line=head_line,
        header_rows=1,
    )
    return table, rows[-1][-1][1]


def _abbreviated(label: str) -> bool:
    """A short label ending in an abbreviation's point (``OF, omsorg & stöd,
    funktionsneds.``), no sentence: as ``_sentence_label`` says of a row's label."""
    return (
        label.endswith(".")
        and len(label.split()) <= 8
        and not re.search(r"[a-zåäö)]\.\s+[A-ZÅÄÖ]", label)
    )


def split_label(text: str) -> tuple[str, list[str] | None]:
    """A label and the values after it on its line (``Uttag ur resultatutjämningsfond
    0,0 0,0 -8,7 8,7``), or the text and None when no values end it."""
    label, toks = split_row(text)
    if not toks or not label:
        return text, None
    values = _value_cells(text[len(label) :]) if text.startswith(label) else None
    if values is None:
        return text, None
    return label, values


# A web page's table as a text extraction gives it, each row's cells run together with no
# space between, every value with one decimal (``Socialnämnden11,80,0470,1248,6`` /
# ``-697,0`` / ``21,633,4``: 11,8 · 0,0 · 470,1 · 248,6 · −697,0 · 21,6 · 33,4), the
# header's cells a line or a few each above the first row. With one decimal to every
# value a run splits one way only: a number ends at its decimal digit.
_ONE_DECIMAL = re.compile(r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*,\d")
# a word with a number of one decimal glued to it: where such a row may begin (cheap)
_GLUED_START = re.compile(r"[^\W\d_][-−–]?\d{1,3}(?:[ \u00a0]\d{3})*,\d")
_GLUED_LABEL = re.compile(r"^(?P<label>\D*[^\W\d_])(?P<nums>[-−–]?\d.*)$")
_FOOTNOTE_MARK = re.compile(r"\s\d\)$")  # "resultat 1)": a header cell's note mark
GLUED = (
    "cellerna har skrivits ihop utan mellanrum: läses med en decimal per värde, så som "
    "varje rad i tabellen skriver dem"
)
GLUED_UNREAD = (
    "cellerna har skrivits ihop utan mellanrum och raden ger inte lika många värden med en "
    "decimal som tabellen har kolumner: läses inte"
)


def _one_decimal_run(text: str) -> list[str] | None:
    """The numbers of one decimal ``text`` is made of, run together or apart; None when
    anything else stands in it."""
    s = text.strip()
    out: list[str] = []
    pos = 0
    while pos < len(s):
        if s[pos] in " \u00a0":
            pos += 1
            continue
        m = _ONE_DECIMAL.match(s, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
    return out or None


def glued_numbers(line: str) -> list[str]:
    """The numbers of a line of a table whose cells ran together, as ``read_glued`` reads
    them: after a label glued to them, or alone on their line; [] for any other line."""
    s = line.strip()
    got = _glued_row(s)
    if got is not None:
        return got[1]
    return _one_decimal_run(s) or []


def glued_starts(lines: list[str], i: int) -> bool:
    """Whether a row of cells run together may begin at ``lines[i]`` (cheap)."""
    s = lines[i].strip()
    # (a glued number holds a decimal comma: a line without one is not searched)
    return bool(s[:1].isupper() and "," in s and _GLUED_START.search(s))


def _glued_row(s: str) -> tuple[str, list[str]] | None:
    """A label with its numbers glued on (``Kulturnämnden10,7-3,5175,935,6``): the label
    and the numbers; None unless the rest after the label is all numbers of one decimal,
    at least two, glued to the label."""
    m = _GLUED_LABEL.match(s)
    if m is None:
        return None
    nums = _one_decimal_run(m.group("nums"))
    if nums is None or len(nums) < 2:
        return None
    return m.group("label").strip(), nums


def _name_line(s: str) -> bool:
    """A short line of words that may be a header cell's (``resultat 1)``: a note mark)."""
    return (
        len(s) <= 40 and not _SENTENCE.search(s) and not re.search(r"\d", _FOOTNOTE_MARK.sub("", s))
    )


def _name_goes_on_above(lines: list[str], above: int) -> bool:
    """Whether the line right above a header found (no blank line between) is a name
    too: the header does not end there, the cells were counted from too low."""
    return above >= 0 and bool(lines[above].strip()) and _name_line(lines[above].strip())


def _header_above(lines: list[str], i: int, k: int) -> tuple[list[tuple[str, int]], int] | None:
    """The ``k`` header cells above ``lines[i]``, each one line or a few (a line that
    begins in lower case goes on the cell above it: ``Ingående`` / ``redovisat`` /
    ``resultat 1)``), blank lines between cells or not; and the index of the line above
    them. None when the lines above do not make ``k`` cells of names."""
    cells: list[tuple[str, int]] = []
    parts: list[str] = []
    j = i - 1
    while j >= 0 and len(cells) < k:
        s = lines[j].strip()
        if not s:
            j -= 1
            continue
        if not _name_line(s):
            return None
        parts.insert(0, s)
        if len(parts) > 3:
            return None
        if not s[0].islower():
            cells.insert(0, (" ".join(parts), j + 1))
            parts = []
        j -= 1
    if len(cells) < k or parts:
        return None
    return cells, j


def read_glued(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A table whose rows' cells ran together (see above), its first row at ``lines[i]``:
    the table, its header the ``k`` cells above the first row (``k`` the first row's
    values) and its caption the line above them, and the index of the line after it. A
    row that does not give ``k`` values is said, never read. None when no such table
    starts here."""
    if not glued_starts(lines, i):
        return None
    first = _glued_row(lines[i].strip())
    if first is None:
        return None
    n_lines = len(lines)
    # label, values with their lines, line, text
    rows: list[tuple[str, list[tuple[str, int]], int, str]] = []
    sections: list[tuple[str, int]] = []
    j = i
    while j < n_lines:
        s = lines[j].strip()
        got = _glued_row(s) if s else None
        if got is None:
            if s and not re.search(r"\d", s) and len(s) <= 60 and not _SENTENCE.search(s):
                nxt = lines[j + 1].strip() if j + 1 < n_lines else ""
                if rows and _glued_row(nxt) is not None:
                    sections.append((s, j + 1))  # a section's name over the rows below
                    j += 1
                    continue
            break
        label, nums = got
        values = [(v, j + 1) for v in nums]
        text = s
        start = j
        j += 1
        while j < n_lines:
            more = _one_decimal_run(lines[j]) if lines[j].strip() else None
            if more is None:
                break
            values.extend((v, j + 1) for v in more)
            text += " / " + lines[j].strip()
            j += 1
        rows.append((label, values, start + 1, text))
    k = len(rows[0][1])
    good = [r for r in rows if len(r[1]) == k]
    if k < 2 or len(good) < 2:
        return None
    got_header = _header_above(lines, i, k)
    if got_header is None or _name_goes_on_above(lines, got_header[1]):
        # the line right above the first row may name a section, the header above it
        s = lines[i - 1].strip() if i > 0 else ""
        below_header = _header_above(lines, i - 1, k) if s and _name_line(s) else None
        if below_header is None or _name_goes_on_above(lines, below_header[1]):
            return None
        got_header = below_header
        sections.insert(0, (s, i))
    header, above = got_header
    head_line = header[0][1]
    caption = ""
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above >= 0:
        s = lines[above].strip()
        if len(s) <= 90 and not _SENTENCE.search(s):
            caption = s
    out = [Row([Cell("", head_line), *[Cell(t, ln) for t, ln in header]], head_line)]
    placed = sorted(
        [(ln, [Cell(name, ln)]) for name, ln in sections]
        + [
            (ln, [Cell(label, ln), *[Cell(v, at) for v, at in values]])
            for label, values, ln, _ in good
        ]
    )
    out.extend(Row(cells, ln) for ln, cells in placed)
    table = Table(rows=out, layout="cells", line=head_line, header_rows=1)
    table.caption = caption
    table.repairs.extend((ln, text, GLUED) for _, _, ln, text in good)
    table.warnings.extend((ln, text, GLUED_UNREAD) for _, v, ln, text in rows if len(v) != k)
    return table, j


# A table flattened to one cell per line with no blank line between its cells — the text
# of a PDF where every cell is a line of its own (a PDF viewer's or a converter's text)::
#
#     Omedelbart omhändertagande
#     Åldersgrupp
#     SoL-vård
#     LVU-vård
#     enligt LVU
#     0–3 år
#     1 417
#     595
#     397
#     …
#     22 333
#     6 983
#     2 636
#     Totalt
#
# The header is the short lines without a digit above the first row's label; a row is a
# label and as many lines of one number each as the first row has. The header names the
# stub and each column, or each column only; a header with one line more than that, its
# last line in lower case, is a name broken around the others (the text gives a tall
# cell's first line before the other cells and its last after them): that name joined is
# the last column's, and said. A total's values may stand before its label (``Totalt``
# after the three counts), read as its row and said. The table ends where the rhythm
# breaks; fewer than two rows read is no table.

_PACKED_LINE = 60  # a header cell's or a label's line, at most (stripped)
_PACKED_HEAD = 8  # header lines at most, the stub's included, above the first row's label
_ONE_NUMBER = re.compile(
    r"^[-−–+]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?: ?%)?$|^[-−–+]?\d+(?:,\d+)?$"
)
_DIGIT = re.compile(r"\d")
_TOTAL_LABEL = re.compile(
    r"^(?:totalt|total|summa|samtliga|summa totalt|totalsumma)$", re.IGNORECASE
)
SPLIT_HEADER_NAME = (
    "kolumnrubrik i två rader runt de andra rubrikerna: raderna förenade, läst som sista "
    "kolumnens namn"
)
LABEL_AFTER_VALUES = "radens namn står efter dess värden: läses som en rad"
TOO_MANY_VALUES = (
    "raden har fler värden än tabellens kolumner: läses inte, tabellen slutar före den"
)


def _one_value(text: str) -> bool:
    """A line that is one number alone (``1 417``, ``-3,5``, ``12 %``) or a no-data mark."""
    return _ONE_NUMBER.match(text) is not None or (text in ("-", "–", "..", "…"))


def _packed_label(text: str) -> bool:
    return (
        bool(text)
        and len(text) <= _PACKED_LINE
        and not _one_value(text)
        and not _SENTENCE.search(text)
    )


def _values_at(lines: list[str], k: int, n: int) -> list[tuple[str, int]] | None:
    """The ``n`` lines from ``lines[k]`` when each is one value alone."""
    if k + n > len(lines):
        return None
    got = [(lines[m].strip(), m + 1) for m in range(k, k + n)]
    return got if all(_one_value(t) for t, _ in got) else None


def read_packed(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A one-cell-per-line table with no blank lines whose header's first cell is
    ``lines[i]`` (see above): the table and the index of the line after it."""
    first = lines[i].strip()
    if (
        not first
        or len(first) > _PACKED_LINE
        or not first[0].isupper()
        or _DIGIT.search(first)
        or _SENTENCE.search(first)
    ):
        return None
    n_lines = len(lines)
    j = i + 1
    while j < n_lines and j - i <= _PACKED_HEAD:
        t = lines[j].strip()
        if _one_value(t):
            break
        if not t or len(t) > _PACKED_LINE or _SENTENCE.search(t) or _DIGIT.search(lines[j - 1]):
            return None  # (a header cell holds no digit; a label may, the line above a value)
        j += 1
    else:
        return None
    label_at = j - 1
    if label_at <= i:
        return None
    n = 0
    while j + n < n_lines and _one_value(lines[j + n].strip()):
        n += 1
    if n < 2:
        return None
    head = [(lines[k].strip(), k + 1) for k in range(i, label_at)]
    repairs: list[tuple[int, str, str]] = []
    warnings: list[tuple[int, str, str]] = []
    if len(head) == n + 1:
        header = head
    elif len(head) == n:
        header = [("", head[0][1]), *head]
    elif len(head) == n + 2 and head[-1][0][:1].islower():
        (top, top_line), (bottom, bottom_line) = head[0], head[-1]
        header = [*head[1:-1], (f"{top} {bottom}", top_line)]
        repairs.append((bottom_line, bottom, SPLIT_HEADER_NAME))
    else:
        return None
    rows: list[list[tuple[str, int]]] = []
    k = label_at
    while k < n_lines:
        label = lines[k].strip()
        values = _values_at(lines, k + 1, n) if _packed_label(label) else None
        if values is not None:
            rows.append([(label, k + 1), *values])
            k += n + 1
            continue
        values = _values_at(lines, k, n) if rows else None
        after = lines[k + n].strip() if values is not None and k + n < n_lines else ""
        if values is not None and _TOTAL_LABEL.match(after):
            rows.append([(after, k + n + 1), *values])
            repairs.append((k + n + 1, after, LABEL_AFTER_VALUES))
            k += n + 1
        elif rows and _one_value(label):
            # a value more than the row's columns: the row above is not of this table's
            # rhythm, its values and those after them said, never read into the columns
            dropped = rows.pop()
            m = k
            while m < n_lines and _one_value(lines[m].strip()):
                m += 1
            warnings.extend(
                (ln, text, TOO_MANY_VALUES)
                for text, ln in [*dropped[1:], *((lines[x].strip(), x + 1) for x in range(k, m))]
            )
            k = dropped[0][1] - 1
        break
    if len(rows) < 2:
        return None
    table = Table(
        rows=[Row([Cell(t, ln) for t, ln in header], i + 1)]
        + [Row([Cell(t, ln) for t, ln in r], r[0][1]) for r in rows],
        layout="cells",
        line=i + 1,
        header_rows=1,
    )
    table.repairs.extend(repairs)
    table.warnings.extend(warnings)
    caption = _caption_above(lines, i)
    if caption:
        table.caption = caption
    return table, k


_CAPTION_START = re.compile(r"^(?:Tabell|Tab\.)\s*\d+[.:]?\s")
_CAPTION_LINES = 4


def _caption_above(lines: list[str], i: int) -> str:
    """The table's caption where it opens on its number right above the header, over a few
    lines (``Tabell 1. Barn och unga som …`` / ``eller insats …`` / ``Antal barn efter …``):
    those lines joined; '' where no such line stands within ``_CAPTION_LINES`` above."""
    k = i - 1
    while k >= 0 and i - k <= _CAPTION_LINES and lines[k].strip():
        if _CAPTION_START.match(lines[k].strip()):
            return " ".join(lines[m].strip() for m in range(k, i))
        k -= 1
    return ""
