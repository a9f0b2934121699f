"""The document model every reader produces: a document is headings, paragraphs and
tables, each piece knowing the line (and page or sheet) it was printed on."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


class DocumentError(ValueError):
    """Bad input: the message names the file (and line, where there is one)."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        where = f"{source}, rad {line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def join_fragments(parts: list[tuple[str, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join ``(text, line)`` fragments with spaces; return the text and, for each fragment,
    ``(offset, line)`` so a position in the text maps back to its source line."""
    text, starts, pos = "", [], 0
    for frag, line in parts:
        if text:
            text += " "
            pos += 1
        starts.append((pos, line))
        text += frag
        pos += len(frag)
    return text, tuple(starts)


@dataclass
class Cell:
    """A table cell as printed. ``starts`` maps character offsets of ``text`` to the
    source lines they were printed on, for cells that span lines."""

    text: str
    line: int
    starts: tuple[tuple[int, int], ...] = ()
    cut: bool = False  # the row was cut off inside this cell (a truncated file)

    def line_at(self, offset: int) -> int:
        if not self.starts:
            return self.line
        keys = [o for o, _ in self.starts]
        i = bisect_right(keys, offset) - 1
        return self.starts[max(i, 0)][1]


@dataclass
class Row:
    cells: list[Cell]
    line: int

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    layout: str  # 'pipe', 'tab', 'plain', 'sheet', 'pdf', 'docx'
    caption: str = ""
    line: int = 0
    header_rows: int | None = None  # known from the layout (markdown separator), else None
    kind: str = "data"  # 'data' or 'toc' (a table of contents: page numbers, no values)
    notes: list[tuple[int, str]] = field(default_factory=list)  # footnote lines inside
    page: int | None = None
    sheet: str = ""
    repairs: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, what)
    # (line, text, why): what the reader saw but would have to guess, e.g. a
    # space-separated row with two readings; reported as warnings, never read
    warnings: list[tuple[int, str, str]] = field(default_factory=list)
    # a layout that finds tables inside one line (``readers.flat``): the line's blocks in
    # printed order (its text as paragraphs, this table and any after it), else empty
    line_blocks: list[Heading | Paragraph | Table] = field(
        default_factory=list, repr=False, compare=False
    )

    @property
    def last_line(self) -> int:
        return max((c.line for r in self.rows for c in r.cells), default=self.line)

    def __repr__(self) -> str:
        caption = self.caption if len(self.caption) <= 60 else self.caption[:59] + "…"
        columns = max((len(r.cells) for r in self.rows), default=0)
        where = f"sida {self.page}, " if self.page else ""
        where = f"blad {self.sheet!r}, " if self.sheet else where
        return (
            f"<Table {caption!r}: {len(self.rows)} rader, {columns} kolumner, "
            f"{where}rad {self.line}–{self.last_line} ({self.layout})>"
        )


@dataclass
class Paragraph:
    text: str
    line: int
    starts: tuple[tuple[int, int], ...] = ()
    page: int | None = None

    def line_at(self, offset: int) -> int:
        return Cell(self.text, self.line, self.starts).line_at(offset)


@dataclass
class Heading:
    text: str
    line: int
    level: int = 0
    page: int | None = None


Block = Heading | Paragraph | Table


@dataclass
class Document:
    """One document as a reader saw it (``sonanalys.read(path)``): ``blocks`` in printed
    order — ``Heading``, ``Paragraph`` and ``Table``, each with the line (and page or
    sheet) it stands on; ``tables``, ``paragraphs`` and ``headings`` pick them out. What
    the reader found out about it: ``doc_type`` (``delarsrapport``, ``atgardsplan``,
    ``internbudget``, …, or ``other``), ``municipality``, ``doc_year``, ``doc_period``
    (``jan-aug``), ``title``; ``format`` is the file's kind, ``source`` its name.
    ``problems`` are the reader's warnings (sheet, row, text, what), reported with the
    parse. Its repr is one line; the text is in ``lines``."""

    source: str  # file name
    blocks: list[Block]
    encoding: str = "utf-8"
    footnotes: dict[str, str] = field(default_factory=dict)
    doc_type: str = "other"
    municipality: str = ""
    doc_year: int | None = None
    doc_period: str = ""  # the months it reports on (``jan-mar``), or '' (a budget, a plan)
    title: str = ""
    format: str = "text"  # 'text', 'pdf', 'docx', 'xlsx', 'xls', 'csv'
    page_starts: list[int] = field(default_factory=list)  # first line of each page or sheet
    # PDF: the lines that begin with the rest of a ruled row a page break split (no rule
    # under its part at the page's foot, none over its part at the next page's head)
    split_rows: set[int] = field(default_factory=set, repr=False)
    sheet_names: list[str] = field(default_factory=list)  # spreadsheets: the parts are sheets
    problems: list[tuple[str, int, str, str]] = field(default_factory=list)  # reader warnings
    # workbooks: the cells a merged cell covers right of its first, by line (the columns
    # of that line's cells), for every line of a sheet that merges cells across columns;
    # a line not in it (text, CSV, a sheet that merges nothing) says nothing of spans
    merged: dict[int, set[int]] = field(default_factory=dict, repr=False)
    lines: list[str] = field(default_factory=list, repr=False)  # the text lines are counted in
    # web pages: the line in the file each of ``lines`` comes from (``readers.html``); the
    # output's lines are these, the layouts and the accounting work on ``lines``
    source_lines: list[int] = field(default_factory=list, repr=False)
    _by_source: dict[int, list[int]] | None = field(default=None, repr=False, compare=False)
    # the lines that look like table rows (``conservation.table_lines``), found once when
    # the document is read and kept for the accounting; None: not looked for yet
    table_like: list[int] | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        said = ", ".join(
            str(x) for x in (self.doc_type, self.municipality, self.doc_year, self.doc_period) if x
        )
        return (
            f"<Document {self.source!r}: {said}; {len(self.tables)} tabeller, "
            f"{len(self.paragraphs)} stycken, {len(self.lines)} rader>"
        )

    def text_lines(self, line: int) -> list[int]:
        """The numbers of ``lines`` a line of the output stands for: itself, or for a web
        page the text lines laid out from that line of the file."""
        if not self.source_lines:
            return [line]
        if self._by_source is None:
            self._by_source = {}
            for n, at in enumerate(self.source_lines, start=1):
                self._by_source.setdefault(at, []).append(n)
        return self._by_source.get(line) or [line]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]
