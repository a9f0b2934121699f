"""Saved web pages (``.html``, ``.htm``): a driftredovisning or a statistics page as the
browser shows it, read with the standard library's HTML parser (lenient, no network,
no scripts run).

- ``<table>``: a table, its cells as strings (never pandas' number guessing: ``-81,5``
  stays the text ``-81,5`` for the one number reader). ``<thead>`` rows, and leading rows
  of ``<th>`` cells only, are the header (given to the table reader as such); a
  ``colspan`` in a header row spreads the group over the columns it stands over, a span
  in the body leaves the other cells empty (a number is never copied: it would be read
  twice), and a ``rowspan`` label is repeated in the rows it spans. ``<tfoot>`` rows come
  last, as the browser shows them. A table inside a cell is read as a table of its own
  after the table it stands in (as in Word documents).
- the table's caption is its ``<caption>``, after the heading above it;
- text outside tables: headings (``<h1>``–``<h6>``), paragraphs, list items, each a line,
  so sentences with numbers are read as in any other format;
- ``script``, ``style``, ``nav``, ``noscript``, ``template``, ``svg``, ``iframe``, form
  controls and elements marked ``hidden`` are not content and are skipped;
- entities are decoded once (``&nbsp;`` is a space, as the page shows it).

Provenance: the ``line`` of every value is the line of the HTML file where its row
(``<tr>``) or paragraph starts, so an economist finds it in the file. Internally the page
is laid out as text lines (pipe tables, headings, paragraphs) for the layouts;
``Document.source_lines`` maps each of those lines to its line in the file.

Bad HTML is read as the browser would, and what was mended is said in the parse report
(a table that never ends, a cell outside a row, text between rows, a span that is no
number); a page with no text at all is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..labels import years_in
from ..model import Document, DocumentError
from .encoding import Note, decode

# not content: never read
_SKIP = {
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "select",
    "button",
    "textarea",
    "head",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "hr",
    "br",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_HEADING = re.compile(r"^h([1-6])$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
_DIGIT = re.compile(r"\d")
_SPLIT_WORD = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=[a-zåäö])")
_MAX_SPAN = 1000  # a span wider than this is a broken page, not a table
_NEVER_ENDS = "tabellen slutar aldrig (</table> saknas): läst till filens slut"


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_MARK = re.compile(r"\x01\d+:\d\x01|\x02\d+\x02")


@dataclass
class _Cell:
    line: int
    header: bool  # <th>
    colspan: int = 1
    rowspan: int = 1
    parts: list[str] = field(default_factory=list)
    layout: bool = False  # holds a heading or a table: the page's layout, not data

    @property
    def text(self) -> str:
        # a word hyphen-split over a line break in a cell (``Budget-<br>avvikelse``) is
        # one word, as the browser shows it
        raw = _MARK.sub("", "".join(self.parts))
        return _norm(_SPLIT_WORD.sub("-", raw))

    def blocks(self) -> list[tuple[str, int, int, str]]:
        """The cell's content as the page's blocks: ``("text", line, level, text)``
        (level > 0: a heading) and ``("table", line, index, "")`` (a table in it)."""
        out: list[tuple[str, int, int, str]] = []
        line, level = self.line, 0
        for piece in re.split(r"(\x01\d+:\d\x01|\x02\d+\x02)", "".join(self.parts)):
            if piece.startswith("\x01"):
                at, lv = piece.strip("\x01").split(":")
                line, level = int(at), int(lv)
            elif piece.startswith("\x02"):
                out.append(("table", line, int(piece.strip("\x02")), ""))
                level = 0
            else:
                for chunk in piece.split("\n"):
                    text = _norm(_SPLIT_WORD.sub("-", chunk))
                    if text:
                        out.append(("text", line, level, text))
        return out


@dataclass
class _Row:
    line: int
    part: str  # 'thead', 'tbody', 'tfoot'
    cells: list[_Cell] = field(default_factory=list)


@dataclass
class _Table:
    line: int
    heading: str  # the heading above it
    caption: list[str] = field(default_factory=list)
    caption_line: int = 0
    rows: list[_Row] = field(default_factory=list)
    part: str = "tbody"
    row: _Row | None = None
    cell: _Cell | None = None
    in_caption: bool = False
    inner: list[_Table] = field(default_factory=list)  # tables inside its cells


@dataclass
class _Block:
    kind: str  # 'heading', 'para', 'item', 'table'
    line: int
    text: str = ""
    level: int = 0
    table: _Table | None = None


class _Page(HTMLParser):
    """The page's blocks in reading order, and what was mended on the way."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.problems: list[tuple[int, str, str]] = []  # (line, text, what)
        self.title: list[str] = []
        self.title_line = 0
        self._in_title = False
        self._skip: list[str] = []  # the tag being skipped, once per nesting
        self._tables: list[_Table] = []
        self._text: list[str] = []
        self._text_line = 0
        self._kind = "para"
        self._level = 0
        self._heading = ""

    # ---- text outside tables -------------------------------------------------------
    def _flush(self) -> None:
        text = _norm("".join(self._text))
        if text:
            self.blocks.append(_Block(self._kind, self._text_line, text, self._level))
            if self._kind == "heading":
                self._heading = text
        self._text = []
        self._kind, self._level = "para", 0

    # ---- parser callbacks ----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "title" and not self._tables:  # in <head>, which is otherwise skipped
            self._in_title, self.title_line = True, line
            return
        if self._skip:
            if tag == self._skip[-1] and tag not in _VOID:
                self._skip.append(tag)
            return
        hidden = any(
            k == "hidden"
            or (k == "aria-hidden" and (v or "").lower() == "true")
            or (k == "style" and re.search(r"display\s*:\s*none", v or "", re.I))
            for k, v in attrs
        )
        if (tag in _SKIP or hidden) and tag not in _VOID:
            self._skip.append(tag)
            return
        if tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_tag(tag, attrs, line)
            return
        if self._tables:
            table = self._tables[-1]
            if tag in _BLOCK and tag != "body":
                # a block inside a cell: a line break, and where it starts (its line,
                # and a heading's level) should the table be the page's layout
                m = _HEADING.match(tag)
                level = m.group(1) if m else "0"
                self._add_table_text(table, f"\n\x01{line}:{level}\x01")
                if m and table.cell is not None:
                    table.cell.layout = True
            return
        if tag in _BLOCK:
            self._flush()
            m = _HEADING.match(tag)
            if m:
                self._kind, self._level = "heading", int(m.group(1))
            elif tag in ("li", "dt", "dd"):
                self._kind = "item"
            self._text_line = line

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag not in _SKIP:
            self.handle_starttag(tag, attrs)  # <br/>, <td/>: no content of their own
            if tag not in _VOID:
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_end(tag)
            return
        if self._tables:
            if tag in _BLOCK:  # a block ends: what follows is plain text again
                self._add_table_text(self._tables[-1], f"\n\x01{self.getpos()[0]}:0\x01")
            return
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._skip:
            return
        line = self.getpos()[0]
        if self._tables:
            table = self._tables[-1]
            if not self._add_table_text(table, data) and data.strip():
                # text between a table's rows: the browser shows it above the table
                self.problems.append(
                    (line, _norm(data), "text mellan tabellens rader: läst som text före tabellen")
                )
                self.blocks.insert(self._table_index(table), _Block("para", line, _norm(data)))
            return
        if not self._text:
            if not data.strip():
                return
            self._text_line = line + data[: len(data) - len(data.lstrip())].count("\n")
        self._text.append(data)

    # ---- tables --------------------------------------------------------------------
    def _table_index(self, table: _Table) -> int:
        outer = self._tables[0]
        for i, b in enumerate(self.blocks):
            if b.table is outer:
                return i
        return len(self.blocks)

    def _add_table_text(self, table: _Table, data: str) -> bool:
        if table.in_caption:
            table.caption.append(data)
            return True
        if table.cell is not None:
            table.cell.parts.append(data)
            return True
        return not data.strip()

    def _table_tag(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if tag == "table":
            if not self._tables:
                self._flush()
            table = _Table(line, self._heading)
            if self._tables:
                outer = self._tables[-1]
                if outer.cell is not None:  # where the table stands in the cell
                    outer.cell.parts.append(f"\n\x02{len(self._tables[0].inner)}\x02\n")
                    outer.cell.layout = True
                self._tables[0].inner.append(table)
            else:
                self.blocks.append(_Block("table", line, table=table))
            self._tables.append(table)
            return
        if not self._tables:  # a row or cell with no table around it
            self.problems.append(
                (line, f"<{tag}>", f"<{tag}> utanför en tabell: läst som en tabell")
            )
            self._table_tag("table", [], line)
        table = self._tables[-1]
        if tag == "caption":
            table.in_caption, table.caption_line = True, line
        elif tag in ("thead", "tbody", "tfoot"):
            self._end_row(table)
            table.part = tag
        elif tag == "tr":
            self._end_row(table)
            table.row = _Row(line, table.part)
        else:  # td, th
            table.cell = None
            if table.row is None:
                self.problems.append((line, f"<{tag}>", f"<{tag}> utan <tr>: läst som en egen rad"))
                table.row = _Row(line, table.part)
            cell = _Cell(line, tag == "th")
            for name, value in attrs:
                if name in ("colspan", "rowspan"):
                    span = _span(value)
                    if span is None:
                        self.problems.append(
                            (line, f'{name}="{value}"', f"{name} är inget tal: läst som 1")
                        )
                        span = 1
                    setattr(cell, name, span)
            table.row.cells.append(cell)
            table.cell = cell

    def _end_row(self, table: _Table) -> None:
        table.cell = None
        if table.row is not None:
            table.rows.append(table.row)
            table.row = None

    def _table_end(self, tag: str) -> None:
        if not self._tables:
            return  # a stray end tag: nothing to close
        table = self._tables[-1]
        if tag == "caption":
            table.in_caption = False
        elif tag in ("td", "th"):
            table.cell = None
        elif tag == "tr":
            self._end_row(table)
        elif tag in ("thead", "tbody", "tfoot"):
            self._end_row(table)
            table.part = "tbody"
        elif tag == "table":
            self._end_row(table)
            self._tables.pop()

    def finish(self) -> None:
        self.close()
        while self._tables:
            table = self._tables.pop()
            self._end_row(table)
            self.problems.append((table.line, "<table>", _NEVER_ENDS))
        self._flush()


def _span(value: str | None) -> int | None:
    m = re.fullmatch(r"\s*(\d+)\s*", value or "")
    if not m:
        return None
    return max(1, min(int(m.group(1)), _MAX_SPAN))


_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _heads(row: _Row) -> bool:
    """A row that reads as a header: its cells are ``<th>``, or two or more cells hold
    text and none a number other than a year (``Utfall 2013``, ``2012/2013``, ``%``)."""
    filled = [c for c in row.cells if c.text]
    if not filled:
        return False
    if all(c.header for c in filled):
        return True
    return len(filled) >= 2 and not any(_DIGIT.search(_YEARISH.sub("", c.text)) for c in filled)


def header_rows(order: list[_Row]) -> int:
    """How many rows head the table: its ``<thead>`` rows where it has them, else its
    leading rows that read as a header; 0 when every row would (left to the reader)."""
    if any(r.part == "thead" for r in order):
        n = 0
        while n < len(order) and order[n].part == "thead":
            n += 1
    else:
        n = 0
        while n < len(order) and _heads(order[n]) and not (n and _section(order[n])):
            n += 1
    return n if n < len(order) else 0


def _section(row: _Row) -> bool:
    """A row of one label in its first cell (``<th colspan=4>Ekonomi</th>``): under a
    header, a section of the body, never more header."""
    filled = [c for c in row.cells if c.text]
    return len(filled) == 1 and row.cells[0] is filled[0]


def grid(table: _Table) -> tuple[list[list[str]], list[int], int]:
    """A table's rows as cells of text, spans spread (``colspan`` in a header row: the
    group over each of its columns; ``rowspan``: a label repeated, a number never), the
    line of each row, and how many rows are header (0: not known)."""
    order = [r for r in table.rows if r.part != "tfoot"] + [
        r for r in table.rows if r.part == "tfoot"
    ]
    order = [r for r in order if r.cells]
    header = header_rows(order)
    rows: list[list[str]] = []
    lines: list[int] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) -> text a rowspan puts there
    for i, r in enumerate(order):
        out: dict[int, str] = {}
        col = 0
        for cell in r.cells:
            while (i, col) in pending:
                out[col] = pending.pop((i, col))
                col += 1
            text = cell.text
            spread = i < header  # a group header stands over each of its columns
            for dc in range(cell.colspan):
                out[col + dc] = text if dc == 0 or spread else ""
                for dr in range(1, cell.rowspan):
                    copy = not _DIGIT.search(text) and (dc == 0 or spread) and i + dr >= header
                    pending[(i + dr, col + dc)] = text if copy else ""
            col += cell.colspan
        for pr, pc in sorted(k for k in pending if k[0] == i):
            out[pc] = pending.pop((pr, pc))
        width = max(out) + 1 if out else 0
        rows.append([out.get(c, "") for c in range(width)])
        lines.append(r.line)
    return rows, lines, header


def _pipe(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def render(page: _Page) -> tuple[list[str], list[int], list[tuple[int, str]]]:
    """The page as text lines for the layouts, each line's line in the file, and for each
    table (in the order the layouts meet them) its first text line and caption."""
    lines: list[str] = []
    at: list[int] = []
    captions: list[tuple[int, str]] = []

    def put(text: str, line: int) -> None:
        lines.append(text)
        at.append(line)

    def blank() -> None:
        if lines and lines[-1] != "":
            put("", at[-1])

    title = _norm("".join(page.title))
    headings = {b.text for b in page.blocks if b.kind == "heading"}
    if title and title not in headings:
        put("# " + title, page.title_line)
        blank()
    prev = ""
    for b in page.blocks:
        if b.kind == "table" and b.table is not None:
            _Emit(b.table, put, blank, captions, lines, page.problems).all()
            prev = "table"
            continue
        if b.kind == "heading":
            blank()
            put("#" * b.level + " " + b.text, b.line)
            blank()
        elif b.kind == "item":
            if prev != "item":
                blank()
            put(b.text, b.line)
        else:
            blank()
            put(b.text, b.line)
            blank()
        prev = b.kind
    return lines, at, captions


class _Emit:
    """A top-level table and the tables inside its cells, as text lines: a layout table
    as the page's blocks (headings, paragraphs, its tables where they stand), a data
    table as a pipe table, the tables in a data table's cells after it."""

    def __init__(self, top: _Table, put, blank, captions, lines, problems) -> None:
        self.top, self.put, self.blank = top, put, blank
        self.captions, self.lines, self.problems = captions, lines, problems
        self.done: set[int] = set()
        self.heading = top.heading

    def all(self) -> None:
        self.table(self.top)
        for n, t in enumerate(self.top.inner):
            if n not in self.done:
                self.done.add(n)
                self.table(t)

    def table(self, t: _Table) -> None:
        if _is_layout(t):  # the page's columns: its cells are the page's blocks
            for row in t.rows:
                for cell in row.cells:
                    for kind, line, n, text in cell.blocks():
                        self.block(kind, line, n, text)
            return
        self.blank()
        if t is not self.top:
            t.heading = self.heading
        _table_lines(t, self.put, self.blank, self.captions, self.lines, self.problems)

    def block(self, kind: str, line: int, n: int, text: str) -> None:
        if kind == "table":
            if n < len(self.top.inner) and n not in self.done:
                self.done.add(n)
                self.table(self.top.inner[n])
            return
        self.blank()
        if n:  # a heading
            self.put("#" * n + " " + text, line)
            self.heading = text
        else:
            self.put(text, line)
        self.blank()


def _is_layout(t: _Table) -> bool:
    """A table that lays out the page rather than holding data: three columns at most,
    and a cell that holds a heading or another table (a menu beside the content)."""
    width = max((sum(c.colspan for c in r.cells) for r in t.rows), default=0)
    return width <= 3 and any(c.layout for r in t.rows for c in r.cells)


_NO_BODY = (
    "tabellen har rubriker men inga rader: sidan fyller den troligen med ett skript när "
    "den visas; spara sidan som webbläsaren visar den (eller skriv ut den som PDF) och läs igen"
)


def _table_lines(
    t: _Table, put, blank, captions: list[tuple[int, str]], lines: list[str], problems
) -> None:
    rows, row_lines, header = grid(t)
    if not any(any(c for c in r) for r in rows):
        return
    body = [
        r for r in t.rows if r.part != "thead" and any(c.text and not c.header for c in r.cells)
    ]
    if not body:  # headers only: the data were never in the saved file
        head = " | ".join(c for r in rows for c in r if c)
        problems.append((t.line, head, _NO_BODY))
    caption = _norm("".join(t.caption))
    if caption:
        put("###### " + caption, t.caption_line or t.line)
        blank()
    width = max(len(r) for r in rows)
    first = len(lines) + 1
    for i, (cells, line) in enumerate(zip(rows, row_lines, strict=True)):
        if not any(cells):
            continue
        put(_pipe(cells, width), line)
        if header and i == header - 1:
            put("|" + "---|" * width, line)
    blank()
    parts = [t.heading] if t.heading and t.heading != caption else []
    if (
        caption
        and parts
        and years_in(caption)
        and set(years_in(t.heading)) - set(years_in(caption))
    ):
        parts = []  # the caption's year dates the table, not another year of the heading's
    full = " – ".join([*parts, caption] if caption else parts)
    captions.append((first, full))


def _charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _decode(data: bytes, source: str) -> tuple[str, str, list[Note]]:
    """The page's text: bytes that are valid UTF-8 are UTF-8 (a page saved as UTF-8
    under an old ``charset=iso-8859-1`` would otherwise read ``Ã¥`` for ``å``); else the
    charset the page declares; else found from the bytes, as for any text file."""
    declared = _charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(declared), declared, []
            except (LookupError, UnicodeDecodeError):
                pass  # the declaration is wrong: found from the bytes
    return decode(data, source)


def read_html(data: bytes, source: str) -> Document:
    from . import read_text

    text, enc, decoded = _decode(data, source)
    page = _Page()
    page.feed(text)
    page.finish()
    lines, at, captions = render(page)
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "webbsidan innehåller ingen text (bara skript eller bilder?)")
    doc = read_text("\n".join(lines), source, enc, file_kind="html")
    doc.source_lines = at
    by_line = dict(captions)
    for table in doc.tables:
        if by_line.get(table.line):
            table.caption = by_line[table.line]
    # what decoding said names lines of the file, as the page's own problems do
    said = [*decoded, *page.problems]
    doc.problems = [*doc.problems, *(("", line, text, what) for line, text, what in said)]
    return doc
