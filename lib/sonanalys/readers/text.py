"""Text as extracted from PDF/DOCX, split into headings, paragraphs and tables.

The table layouts recognised:

* markdown pipe tables (``| a | b |``, usually with a ``|---|`` separator under the
  header; rows may lack the leading pipe);
* tab-separated rows (cells may carry HTML such as ``<b>``), which may be broken by
  blank lines or by footnote lines at a page break and go on with continuation rows;
* loose pdftotext tables (see :mod:`sonanalys.readers.plain`);
* space-separated rows under a header of years or column names, where the space that
  separates columns also groups thousands (see :mod:`sonanalys.readers.spaced`);
* one cell per line with blank lines between, as copied from a web page or a PDF (see
  :mod:`sonanalys.readers.cellrun`);
* label–value lists, one number a line under a caption (``Eskilstuna 8 077``), and
  lists of items with an amount and its unit last (``Stöd till … +2 mnkr``).

Which layouts are tried, in which order, which end a paragraph and which take the text
above as caption is said once, in :mod:`sonanalys.readers.layouts`.
"""

from __future__ import annotations

import re

from ..model import Block, Cell, Heading, Paragraph, Row, Table, join_fragments
from ..numparse import reading_of
from .layouts import Layout, by_facts, facts_going_on, facts_of, registry
from .lines import Lines
from .spaced import run_of_rows, splits

_FOOTNOTE = re.compile(r"^\s*(?P<mark>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<text>\S.*)$")
_MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*\*(?P<text>[^*].*?)\*\*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,}|={3,})\s*$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_TOC_DOTS = re.compile(r"\.{4,}\s*\S*$")
_TOC_HEADING = re.compile(r"^(?:\*\*)?innehåll(?:sförteckning)?", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–]\s|\d{1,2}[.)]\s)")
# asked of every line of prose (stripped: its last character)
_PUNCT_ENDS = tuple(".,;:!?")
_NUMBERED_HEADING = re.compile(r"\d+(?:\.\d+)*\s+[A-ZÅÄÖ]")
# a section's small number and its name, no other digit ("2 Barn- och ungdomsnämnden",
# "3.2 Placeringar")
_NUMBERED_NAME = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ][^\d]*$")
_PUNCT_DASH_ENDS = tuple(".,;:!?-–")
_DIGIT = re.compile(r"\d")
_SENTENCE_DONE_ENDS = tuple(".!?:)")
# a line's last run of numbers (``Politisk verksamhet 2 500 796 32 2 412 88``): each
# token a number (a sign apart or glued, a decimal comma, a percent sign)
_END_NUMBER_TOKEN = re.compile(r"^(?:[-−–+]?\d+(?:,\d+)?%?|[-−–])$")
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d\d$")
# a sentence that opens with its year, a word in lower case after it ('2018 upprättades')
_YEAR_OPENS = re.compile(r"(?:19|20)\d\d [a-zåäö]")
# the first character of a markdown heading (``#``) or a footnote's line (its mark), and
# of a rule (``---``)
_MARK_FIRST = frozenset("#⁰¹²³⁴⁵⁶⁷⁸⁹")
_RULE_FIRST = frozenset("-_*=")


def is_pipe(line: str) -> bool:
    """A pipe-table row: ``| a | b |``, or one without its leading pipe (``a | b |``)."""
    s = line.strip()
    return s.count("|") >= 2 and (s.startswith("|") or s.endswith("|"))


def is_tab(line: str) -> bool:
    return "\t" in line and line.strip() != ""


def split_pipe(line: str) -> list[str]:
    s = line.strip()
    parts = re.split(r"(?<!\\)\|", s)
    if parts and parts[0].strip() == "":
        parts = parts[1:]
    if parts and s.endswith("|") and parts[-1].strip() == "":
        parts = parts[:-1]
    return [p.strip() for p in parts]


def _is_heading_line(line: str, prev_blank: bool, next_blank: bool) -> bool:
    s = line.strip()
    if not s or not next_blank or len(s) > 90 or not prev_blank or _LIST_ITEM.match(s):
        return False
    if s.endswith(_PUNCT_ENDS) or "\t" in s or "|" in s:
        return False
    if not (s[0].isupper() or _NUMBERED_HEADING.match(s)):
        return False
    if len(s.split()) > 12:
        return False
    if _DIGIT.search(s) is None:
        return True
    # a numbered heading's number numbers the section, never a count of what its name
    # names ("2 Barn- och ungdomsnämnden" is no 2 antal barn)
    if _NUMBERED_NAME.match(s):
        return True
    # a line that ends in two numbers or more is a table's row, never a heading: a table
    # printed one row a paragraph (a web page's text) has each row between blank lines
    if _ends_in_numbers(s):
        return False
    # a line that states an amount is prose to read, not a heading (an amount's number
    # holds a digit)
    return not reading_of(s, require_unit=True).quantities


def _ends_in_numbers(s: str) -> bool:
    """Whether ``s`` ends in two numbers or more, not all years, however its spaces group
    thousands (``Fritidsgårdar 6 700 2 180 33 6 667 33``); a run that reads as one number
    (``Nettoöverskott på 300 000``, a telephone number's ``57 181``) and ``Budget 2023
    2024`` (a header's years) do not."""
    toks = s.split()
    k = len(toks)
    while k > 0 and _END_NUMBER_TOKEN.match(toks[k - 1]):
        k -= 1
    run = toks[k:]
    if len(run) < 2 or all(_YEAR_TOKEN.match(t) or not _DIGIT.search(t) for t in run):
        return False
    return not splits(run, 1)


def _inline_heading(lines: list[str], i: int, first: bool, s: str) -> bool:
    """pdftotext prose: a short unpunctuated line after a finished sentence, followed by
    a sentence, is a heading (``Insatser för barn och unga``). The sentence begins in
    upper case or with its year (``2018 upprättades en IOP …``). ``s``: the line
    stripped."""
    if len(s) > 60 or len(s.split()) > 8 or s.endswith(_PUNCT_DASH_ENDS) or _LIST_ITEM.match(s):
        return False
    if not s[0].isupper() or _DIGIT.search(s):
        return False
    prev = lines[i - 1].strip() if i > 0 else ""
    if not first and not prev.endswith(_SENTENCE_DONE_ENDS):
        return False
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return bool(nxt) and (nxt[0].isupper() or bool(_YEAR_OPENS.match(nxt))) and len(nxt) > len(s)


def segment(lines: list[str]) -> tuple[list[Block], dict[str, str]]:
    """Split ``lines`` (no newlines) into blocks; return them and the footnotes found
    (marker -> text). Line numbers in blocks are 1-based."""
    lines = Lines(lines)  # the layouts' walks over it remembered while it is read
    blocks: list[Block] = []
    footnotes: dict[str, str] = {}
    n = len(lines)
    i = 0

    def blank(k: int) -> bool:
        return k < 0 or k >= n or not lines[k].strip()

    run_end = run_last = -1  # the run of non-blank lines being read (spaced.run_of_rows)
    while i < n:
        line = lines[i]
        mark = line.strip()[:1]  # (each pattern below begins with its mark, spaces before)
        if not mark or (mark in _RULE_FIRST and _RULE.match(line)):
            i += 1
            continue
        if i >= run_end:
            run_end, run_last = run_of_rows(lines, i)
        fm = _FOOTNOTE.match(line) if mark in _MARK_FIRST else None
        if fm and not is_tab(line) and not is_pipe(line):
            footnotes.setdefault(fm.group("mark"), fm.group("text").strip())
            blocks.append(Paragraph(line.strip(), i + 1))
            i += 1
            continue
        md = _MD_HEADING.match(line) if mark == "#" else None
        found, layout = None, None
        for layout in _BY_FACTS[facts_of(lines, i, run_end, run_last)]:
            if layout.after_headings and md:
                break
            found = layout.find(lines, i)
            if found:
                break
        if md and not found:
            blocks.append(Heading(md.group("text").strip(), i + 1, len(md.group("hashes"))))
            i += 1
            continue
        if found and layout is not None:
            table, i = found
            if table.line_blocks:  # tables inside one line, with the line's text around
                blocks.extend(table.line_blocks)
                table.line_blocks = []  # said once: the document holds no loop
                continue
            for _, text in table.notes:  # footnotes inside a table (a tab table's page break)
                m = _FOOTNOTE.match(text)
                if m:
                    footnotes.setdefault(m.group("mark"), m.group("text").strip())
            prev = blocks[-1] if blocks else None
            if layout.takes_caption and isinstance(prev, Paragraph | Heading):
                prev_end = max([prev.line] + [ln for _, ln in getattr(prev, "starts", ())])
                # the text right above names the table, unless it is running prose
                # (a double-spaced page: a paragraph two lines above)
                prose = isinstance(prev, Paragraph) and (
                    len(prev.text) > 150
                    or (prev.text.rstrip().endswith(".") and len(prev.text.split()) > 10)
                )
                if prev_end >= table.line - 2 and not prose:
                    table.caption = prev.text
            blocks.append(table)
            continue
        bold = _BOLD_LINE.match(line) if mark == "*" else None
        if bold and blank(i + 1):
            blocks.append(Heading(bold.group("text").strip(), i + 1, 0))
            i += 1
            continue
        if _is_heading_line(line, blank(i - 1), run_end == i + 1):  # (the line below blank)
            blocks.append(Heading(line.strip(), i + 1, 0))
            i += 1
            continue
        # a paragraph: consecutive lines up to a blank line or the start of something else
        start = first_line = i
        parts: list[tuple[str, int]] = []
        while i < n:
            s = lines[i].strip()
            if not s:
                break
            # (after a heading inside the run, its next line may start a table too; a
            # markdown heading or a footnote begins with its mark)
            if i > first_line and (
                (s[0] in _MARK_FIRST and (_MD_HEADING.match(lines[i]) or _FOOTNOTE.match(lines[i])))
                or _starts(lines, i, run_last > i)
            ):
                break
            if len(s) <= 60 and _inline_heading(lines, i, i == start, s):
                if parts:
                    break
                blocks.append(Heading(s, i + 1, 0))
                i += 1
                start = i
                continue
            parts.append((s, i + 1))
            i += 1
        if not parts:
            continue
        text, starts = join_fragments(parts)
        blocks.append(Paragraph(text, start + 1, starts))
    _set_captions(blocks)
    return blocks, footnotes


def _starts(lines: list[str], i: int, value_below: bool) -> bool:
    """Whether a layout that ends a paragraph starts at ``lines[i]`` (``Layout.starts``,
    asked in the layouts' order), a line that goes on a paragraph; ``value_below``: a
    line below it in its paragraph ends in a value. Only the layouts whose needs hold
    there are asked (``layouts.facts_going_on``). A loop, not ``any()``: no generator
    made per line."""
    for starts in _STARTS_BY_FACTS[facts_going_on(lines[i], value_below)]:
        if starts(lines, i):
            return True
    return False


def _read_pipe(lines: list[str], i: int) -> tuple[Table, int]:
    """A markdown pipe table. A second separator row after body rows means a second table
    glued to the first (no blank line between): the row above it is that table's header,
    and this table ends before it. A row that does not end in ``|`` where the header does
    was cut off (a truncated file): its last cell is marked ``cut``."""
    start = i
    rows: list[Row] = []
    header_rows: int | None = None
    closed = lines[i].rstrip().endswith("|")
    while i < len(lines) and is_pipe(lines[i]):
        cells = split_pipe(lines[i])
        if (
            cells
            and all(_SEPARATOR_CELL.match(c) or c == "" for c in cells)
            and any(_SEPARATOR_CELL.match(c) for c in cells)
        ):
            if header_rows is None:
                header_rows = len(rows)
            elif len(rows) - header_rows >= 2:  # glued: the last row heads the next table
                rows.pop()
                return Table(rows, "pipe", line=start + 1, header_rows=header_rows), i - 1
            i += 1
            continue
        row = Row([Cell(c, i + 1) for c in cells], i + 1)
        if closed and row.cells and not lines[i].rstrip().endswith("|"):
            row.cells[-1].cut = True
        rows.append(row)
        i += 1
    return Table(rows=rows, layout="pipe", line=start + 1, header_rows=header_rows), i


def _find_tab(lines: list[str], i: int) -> tuple[Table, int]:
    table, end, _ = _read_tab(lines, i)
    return table, end


def _read_tab(lines: list[str], i: int) -> tuple[Table, int, list[int]]:
    """A tab table, glued across blank lines, and across footnote lines when the rows
    after them continue the table (their first cell is empty)."""
    start = i
    rows: list[Row] = []
    notes: list[int] = []
    n = len(lines)
    while i < n:
        if is_tab(lines[i]):
            cells = lines[i].split("\t")
            rows.append(Row([Cell(c.strip(), i + 1) for c in cells], i + 1))
            i += 1
            continue
        k, pending = i, []
        while k < n and (not lines[k].strip() or _FOOTNOTE.match(lines[k])):
            if lines[k].strip():
                pending.append(k)
            k += 1
        if k < n and k > i and is_tab(lines[k]) and (not pending or lines[k].startswith("\t")):
            notes.extend(pending)
            i = k
            continue
        break
    table = Table(rows=rows, layout="tab", line=start + 1)
    table.notes = [(k + 1, lines[k].strip()) for k in notes]
    firsts = [r.cells[0].text for r in rows if r.cells and r.cells[0].text]
    # (leader dots hold four dots: only such a label is searched, most of a table's none)
    dotted = [f for f in firsts if "...." in f and _TOC_DOTS.search(f)]
    if firsts and len(dotted) >= max(2, len(firsts) // 2):
        table.kind = "toc"
    return table, i, notes


def _set_captions(blocks: list[Block]) -> None:
    """A table's caption is the nearest heading above it; a table of contents is one
    whose heading says so or whose labels end in leader dots."""
    heading = ""
    for b in blocks:
        if isinstance(b, Heading):
            heading = b.text
        elif isinstance(b, Table):
            if not b.caption:
                b.caption = heading
            if _TOC_HEADING.match(heading.strip()):
                b.kind = "toc"
            firsts = [r.cells[0].text for r in b.rows if r.cells and r.cells[0].text]
            if firsts and len([f for f in firsts if "...." in f]) >= max(2, len(firsts) // 2):
                b.kind = "toc"


# the layouts, in the order they are tried at a line (readers/layouts.py)
LAYOUTS: tuple[Layout, ...] = registry(_read_pipe, _find_tab, is_pipe, is_tab)
# for each set of facts a line may have (its bits as the index: layouts.facts_of), the
# layouts that may start there, and those of them that end a paragraph
_BY_FACTS = by_facts(LAYOUTS)
_STARTS_BY_FACTS = tuple(tuple(lay.starts for lay in lays if lay.starts) for lays in _BY_FACTS)
