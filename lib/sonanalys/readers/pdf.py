"""PDF files, read through PDFium (pypdfium2): the text of each page, and its ruled or
shaded tables as rows of cells, in reading order. ``line`` in the output is the line of
that extracted text on its page; ``page`` is the page number.

Tables are found where pdfplumber finds them, from the page's straight edges (its table
geometry is used on the edges PDFium gives); the text around them is laid out the way
``pdftotext -layout`` does, so columns of an unruled table stay apart."""

from __future__ import annotations

import dataclasses
import gc
import re
from bisect import bisect_right
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

from ..labels import continues_above
from ..model import Document, DocumentError, Paragraph
from . import pdf_layout
from .pdfium_page import Box, LazyVertical, Page, Run, TextPage, chars, pages
from .render import cell_text, laid_out_cells, tab_lines
from .ruling import tables_of_long

# PDFium's error codes (fpdfview.h) in the economists' words
_PDFIUM_ERRORS = {
    2: "filen kan inte öppnas",
    3: "PDF:en är skadad eller avkortad",
    4: "PDF:en är lösenordsskyddad; spara en kopia utan lösenord",
    5: "PDF:en är skyddad med en säkerhetshanterare som inte stöds",
    6: "en sida i PDF:en saknas eller är skadad",
}


def read_pdf(data: bytes, source: str) -> Document:
    from pypdfium2 import PdfiumError

    from . import _starts_pdf, read_text

    if not _starts_pdf(data):
        raise DocumentError(source, "inte en PDF (filen börjar inte med %PDF)")
    lines: list[str] = []
    page_starts: list[int] = []
    # the lines that begin with the rest of a ruled row a page break split
    split_rows: set[int] = set()

    def add(page_lines: list[str], split: int | None) -> None:
        page_starts.append(len(lines) + 1)
        if split is not None:
            split_rows.add(len(lines) + 1 + split)
        lines.extend(page_lines)
        lines.append("")

    # a page's lines wait for the next page: a header at its foot whose body begins the
    # next page goes there (pdf_layout.dangling_header, goes_on_under)
    held: tuple[list[str], list[str], list[Run], int | None] | None = None
    # a ruled table that ends a page gives its columns to one that begins the next
    joint: dict[str, Any] = {}
    # the white between a paragraph's lines, of a line's height, as the text so far
    # showed it (_paragraphs_apart)
    spacing: dict[str, float] = {}
    # the collector paused while the pages are read: a page's thousands of young tuples
    # (rectangles, edges, points, cells), freed by their counts when the page is done,
    # set off a collection every 700 made, each walking them for cycles there are none
    # of (three a read of a 26-page report). The objects left when the pages are read
    # are looked at once, by the first collection after
    collecting = gc.isenabled()
    gc.disable()
    try:
        for page, textpage in pages(data):
            carried: list[Run] = []
            if held is not None:
                whole, cut, tail, split = held
                if tail and pdf_layout.goes_on_under(tail, page.runs, page.vertical):
                    carried = pdf_layout.carried_above(tail, page.runs)
                add(cut if carried else whole, split)
            before = dict(spacing)
            whole = _page_lines(page, textpage, carried, joint=joint, spacing=spacing)
            split = joint.pop("split", None)
            tail = pdf_layout.dangling_header(page.runs, LazyVertical(page))
            if tail:
                cut = _page_lines(page, textpage, carried, tail, spacing=dict(before))
            else:
                cut = whole
            held = (whole, cut, tail, split)
        if held is not None:
            add(held[0], held[3])
    except PdfiumError as exc:
        why = _PDFIUM_ERRORS.get(getattr(exc, "err_code", None) or 0)
        raise DocumentError(source, why or f"PDF:en kan inte läsas ({exc})") from exc
    finally:
        if collecting:
            gc.enable()
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "PDF:en innehåller ingen text (skannad bild? kör OCR först)")
    doc = read_text("\n".join(lines), source, "pdf", file_kind="pdf")
    doc.page_starts = page_starts
    doc.split_rows = split_rows
    pdf_layout.captions_past_furniture(doc)
    pdf_layout.captions_above(doc)
    _hyphens_joined(doc)
    return doc


def _hyphens_joined(doc: Document) -> None:
    """A paragraph's word broken at a line end after its own hyphen (``4 SiS-`` /
    ``hem.``, as a browser breaks a compound where its hyphen stands) is one word, as
    printed: the next line goes on without a space when it begins in lower case and
    not with a conjunction (``barn-`` / ``och ungdomsvården`` keeps it), as a cell's
    lines are joined (``pdf_layout.join_lines``)."""
    for k, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph) and len(b.starts) > 1 and "- " in b.text:
            joined = _joined_at_hyphens(b.text, b.starts)
            if joined is not None:
                doc.blocks[k] = dataclasses.replace(b, text=joined[0], starts=joined[1])


def _joined_at_hyphens(text: str, starts: tuple) -> tuple[str, tuple] | None:
    """``text`` without the space after a hyphen that ends a line (``starts``: each
    line's offset and number) before a word that goes on, and ``starts`` moved with
    it; None where there is none."""
    parts: list[str] = []
    moved: list[tuple[int, int]] = []
    cut = shift = 0
    for off, line in starts:
        if (
            off >= 3
            and text[off - 2 : off] == "- "
            and text[off - 3].isalpha()
            and text[off : off + 1].islower()
            and not _CONJUNCTION.match(text[off:])
        ):
            parts.append(text[cut : off - 1])
            cut = off
            shift += 1
        moved.append((off - shift, line))
    if not shift:
        return None
    parts.append(text[cut:])
    return "".join(parts), tuple(moved)


_CONJUNCTION = re.compile(r"(?:och|eller|samt|som|till)\b")


def _page_lines(
    page: Page, textpage: TextPage, carried=(), drop=(), joint=None, spacing=None
) -> list[str]:
    """The page's text lines; ``carried``: runs of the previous page's header set above
    its first line; ``drop``: runs left out (a header carried to the next page);
    ``joint``: the columns of a ruled table that ended the previous page, for one that
    begins this page (and this page's, when a ruled table ends it)."""
    given = joint.pop("bands", None) if joint is not None else None
    # the rows of the table whose header it goes on under (its header found when asked)
    head = joint.pop("head", None) if joint is not None else None
    # an unruled table's columns of numbers, likewise
    first_cols = {"anchors": joint.pop("anchors", None)} if joint is not None else None
    # the previous page's last ruled table ended in a row left open at the page's foot
    open_foot = joint.pop("open_foot", False) if joint is not None else False
    out: list[str] = []
    top = 0.0
    runs = sorted(page.runs, key=_READING)
    if carried or drop:
        gone = {id(r) for r in drop}
        runs = sorted([*carried, *(r for r in runs if id(r) not in gone)], key=_READING)
    mids = [((r.top + r.bottom) / 2, r) for r in runs]  # as _mid
    edges_h, edges_v = page.ruling_edges()
    open_h, open_v = pdf_layout.open_sides(edges_h, edges_v)
    found = tables_of_long(edges_h + open_h, edges_v + open_v)
    spans = [(min(c[1] for c in cells), max(c[3] for c in cells)) for cells in found]
    for k, cells in enumerate(found):
        t_top, t_bottom = spans[k]
        if t_bottom <= top:
            continue  # inside a table already read (a shaded block drawn within it)
        held: list[Run] = []  # the title of a table beside this one, read with that table
        if t_top > top:
            above = [r for m, r in mids if top <= m < t_top]
            if len(found) > 1 and (held := pdf_layout.titles_beside(found, spans, k, above)):
                gone = {id(r) for r in held}
                above = [r for r in above if id(r) not in gone]
            out.extend(_text(above, top, first_cols, spacing))
        first_cols = None
        inside = [r for m, r in mids if t_top <= m < t_bottom]
        unplaced: list[Run] = []
        out.append("")
        first = given is not None and pdf_layout.only_furniture([r for m, r in mids if m < t_top])
        kept: list = []
        drawn = _cell_rows(page, textpage, cells, inside, unplaced)
        rows = grid(drawn, given if first else None, kept)
        goes_on = first and kept == given
        lines = _going_on(rows, head) if goes_on else pdf_layout.ruled_lines(rows)
        if lines and rows and _section_row_first(drawn, rows):
            lines[0] = "\t".join(rows[0])  # a row of the table, not a title over it
        if goes_on and open_foot and _rest_of_split_row(drawn, rows, lines, t_top, open_h):
            joint["split"] = len(out)
        out.extend(lines)
        if joint is not None and k == len(found) - 1:  # the page's last table
            last = pdf_layout.only_furniture([r for m, r in mids if m >= t_bottom])
            joint["bands"] = kept if last else None
            joint["head"] = (head if goes_on else rows) if last else None
            joint["open_foot"] = last and _open_at(t_bottom, open_h)
        out.append("")
        # text within the table's frame that no cell holds (an edge missing) is read
        # as the lines it stands on, never dropped
        out.extend(_text([*held, *unplaced] if held else unplaced, t_top, spacing=spacing))
        top = max(top, t_bottom)
    end_cols = first_cols if first_cols is not None else {} if joint is not None else None
    height = page.width if page.rotation % 180 else page.height
    out.extend(_text([r for m, r in mids if m >= top], top, end_cols, spacing, height))
    if joint is not None and end_cols and end_cols.get("ends"):
        joint["anchors"] = end_cols["ends"]
    return out


def _open_at(y: float, open_h: list[tuple]) -> bool:
    """A side of a ruled table at ``y`` is one the page leaves undrawn (``open_h``: the
    rules ``pdf_layout.open_sides`` closed it with)."""
    return any(abs(e[1] - y) <= 1.0 for e in open_h)


def _rest_of_split_row(
    drawn: list[list[tuple]], rows: list[list[str]], lines: list[str], top: float, open_h
) -> bool:
    """A ruled table that goes on at the page's head from one that ended the page before
    in a row left open (no rule under it) begins with that row's rest: its first drawn
    row is open above (no rule over it), holds text, and is the table's first line."""
    if not (rows and lines and drawn and _open_at(top, open_h)):
        return False
    first = [box for text, box in drawn[0] if text and box is not None]
    return bool(first) and lines[0] == "\t".join(rows[0])


def _going_on(rows: list[list[str]], above: list[list[str]] | None) -> list[str]:
    """The lines of a ruled table that goes on from the page before (in its columns):
    rows at its top that look like a header are its header only when they repeat the
    header of the table it goes on from (``above``: that table's rows), as Word repeats
    it on each page; else they are its rows, as its text reads them (a row of text
    alone and a section's own header row, ``Åtgärder för vuxna | Reviderat förslag 2021
    | …``), and the table goes on under the header it has."""
    n = pdf_layout.ruled_header(rows)
    if n and above is not None and rows[:n] != above[: pdf_layout.ruled_header(above)]:
        return tab_lines(rows)
    return pdf_layout.ruled_lines(rows)


def _section_row_first(drawn: list[list[tuple]], rows: list[list[str]]) -> bool:
    """The table's first row holds its label alone beside cells drawn empty (a section
    row, as a ruled table that goes on after a page break begins with one): a row of
    the table, not a title over it, which is one cell drawn across the table."""
    if len(rows[0]) < 2 or any(rows[0][1:]) or not rows[0][0]:
        return False
    first = next((row for row in drawn if any(text for text, _box in row)), None)
    if first is None:
        return False
    filled = [box for text, box in first if text and box is not None]
    empty = [box for text, box in first if not text and box is not None]
    return len(filled) == 1 and bool(empty)


_READING = attrgetter("top", "x0")
_TOP = attrgetter("top")
_X0 = attrgetter("x0")


def _mid(run: Run) -> float:
    return (run.top + run.bottom) / 2


def _cell_rows(page: Page, textpage: TextPage, cells, runs: list[Run], unplaced: list[Run]):
    """A table's rows as pdfplumber's ``Table.rows`` gives them (a row per distinct cell
    top; a column per distinct cell left, ``None`` where a row has no cell there), each
    cell with its text: the runs whose middle lies in it. A run that crosses a cell's
    border is cut where a line drawn on the page passes through it (two cells' texts
    PDFium gave as one run), each piece going to the cell its middle lies in; a run no
    drawn line passes through is not cut. The borders are snapped (edges within 3
    points moved to their mean), so a Word table's padding boxes and a table above can
    move a border several points into a cell's text, which cut by the border read
    '56 945' as '56 94' | '5'. A run in no cell is cut into its characters, each going
    to the cell it lies in; runs in no cell at all go to ``unplaced``. Never is a word
    or a number cut whose characters run on across the cut with normal spacing
    (``_words``): it goes whole to the cell its middle lies in."""
    xs = sorted({c[0] for c in cells})
    rows = [{c[0]: c for c in group} for _top, group in groupby(sorted(cells, key=_TOP_LEFT), _Y)]
    texts: dict[tuple, list[Run]] = {}
    cell_of = _CellIndex(cells).cell_of
    drawn: list | None = None  # the page's vertical edges by the table, when needed
    for run in runs:
        home = cell_of(run)
        if home is not None and run.x0 >= home[0] - 2 and run.x1 <= home[2] + 2:
            texts.setdefault(home, []).append(run)
            continue
        if drawn is None:
            drawn = _drawn_verticals(page, cells)
        cuts = _cuts(run, drawn)
        if home is not None and not cuts:
            texts.setdefault(home, []).append(run)
            continue
        # a space PDFium puts in where the text jumps has no box (no width or height):
        # it would be sorted into a piece's text wherever its corner falls ('8 9 895');
        # the gaps say where the spaces are
        split = [c for c in chars(page, textpage, run) if not _boxless_space(c)]
        pieces = _words(_pieces(split, cuts) if cuts else [[ch] for ch in split], run)
        homes = [cell_of(p[0] if len(p) == 1 else _box(p)) for p in pieces]
        if all(h is None for h in homes):
            unplaced.append(run)
            continue
        for piece, home in zip(pieces, homes, strict=True):
            if home is not None:
                texts.setdefault(home, []).extend(piece)
            elif (alone := _piece_run(piece, run)) is not None:
                unplaced.append(alone)  # past the table's border: read around it
    pdf_layout.settle_spanning(rows, texts)
    held = texts.get
    breaks = pdf_layout.WordBreaks(page.text, texts)
    return [
        [
            _NO_CELL if (cell := row.get(x)) is None
            else ((_cell_text(got, cell, breaks) if (got := held(cell)) else ""), cell)
            for x in xs
        ]
        for row in rows
    ]  # fmt: skip


_NO_CELL = ("", None)
_TOP_LEFT = itemgetter(1, 0)
_Y = itemgetter(1)


def _drawn_verticals(page: Page, cells) -> list:
    """The page's vertical edges, as drawn (not snapped), that reach into the table."""
    top = min(c[1] for c in cells)
    bottom = max(c[3] for c in cells)
    return [e for e in page.vertical if e[1] < bottom and e[3] > top]


def _cuts(run: Run, drawn: list) -> list[float]:
    """Where drawn vertical edges pass through ``run`` (more than 2 points within its
    ends, beside its middle), left to right: borders between cells whose texts PDFium
    gave as one run."""
    v = (run.top + run.bottom) / 2
    lo, hi = run.x0 + 2, run.x1 - 2
    return sorted({e[0] for e in drawn if lo < e[0] < hi and e[1] <= v <= e[3]})


def _pieces(split: list[Run], cuts: list[float]) -> list[list[Run]]:
    """A run's characters in the pieces the ``cuts`` make (by each one's middle)."""
    out: dict[int, list[Run]] = {}
    for ch in split:
        out.setdefault(bisect_right(cuts, (ch.x0 + ch.x1) / 2), []).append(ch)
    return [out[k] for k in sorted(out)]


_RUNS_ON = 0.3  # of the font size: more space than a word's characters leave


def _words(pieces: list[list[Run]], run: Run) -> list[list[Run]]:
    """The pieces with those joined whose characters run on across the cut between
    them with normal spacing: a word's letters or a number's digits and the spaces
    between its groups, whose (loose) boxes abut, are never cut, whatever line is drawn
    between them ('1 256 945' set wider than its cell, across the border on its right).
    Two cells' texts PDFium gave as one run stand apart by more than a space."""
    if len(pieces) < 2:
        return pieces
    gap = _RUNS_ON * (run.size or run.bottom - run.top)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if piece[0].x0 - out[-1][-1].x1 < gap:
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


def _boxless_space(ch: Run) -> bool:
    return (ch.x1 - ch.x0 < 0.01 or ch.bottom - ch.top < 0.01) and not ch.text.strip()


def _piece_run(piece: list[Run], run: Run) -> Run | None:
    """A piece of ``run`` (its characters, left to right) as a run of its own, its
    spaces at either end left out; None for a piece of spaces only."""
    i, j = 0, len(piece)
    while i < j and not piece[i].text.strip():
        i += 1
    while j > i and not piece[j - 1].text.strip():
        j -= 1
    if i == j:
        return None
    kept = piece[i:j]
    box = _box(kept)
    text = "".join(c.text for c in kept)
    spaced = i > 0 or (kept[0].start > run.start and run.text[kept[0].start - run.start - 1] == " ")
    return Run(
        box.x0, box.top, box.x1, box.bottom, text, kept[0].start, kept[-1].end, spaced, run.size
    )


def _box(piece: list[Run]) -> Run:
    return Run(
        min(c.x0 for c in piece),
        min(c.top for c in piece),
        max(c.x1 for c in piece),
        max(c.bottom for c in piece),
        "",
    )


class _CellIndex:
    """The cell a run's middle lies in: the first such cell in the table's order (cells
    may nest). The cells are kept in bands of height ``BAND``, each band holding, in
    order, the cells that reach into it, so a run is looked up among its band's cells
    only; any cell that holds the point reaches into the point's band."""

    BAND = 24.0

    def __init__(self, cells: list) -> None:
        self.bands: dict[int, list] = {}
        band, size = self.bands.setdefault, self.BAND
        for c in cells:
            first, last = int(c[1] // size), int(c[3] // size)
            if first == last:
                band(first, []).append(c)
            else:
                for b in range(first, last + 1):
                    band(b, []).append(c)

    def cell_of(self, run: Run) -> tuple | None:
        h = (run.x0 + run.x1) / 2
        v = (run.top + run.bottom) / 2
        for c in self.bands.get(int(v // self.BAND), ()):
            if c[0] <= h < c[2] and c[1] <= v < c[3]:
                return c
        return None


def _cell_text(runs: list[Run], cell: tuple, breaks: pdf_layout.WordBreaks) -> str:
    """A ruled cell's text: its lines joined (``pdf_layout.join_lines``), a line that
    ends inside a word marked so (``breaks``, ``pdf_layout.BREAK``)."""
    if len(runs) == 1:  # as _line_text gives a lone run's text
        text = runs[0].text
        text = text.strip() if len(text) > 1 else text
        if breaks and breaks.ends(runs, text, cell):
            text += pdf_layout.BREAK
    else:
        lines = _lines(runs)
        parts = [_line_text(line) for line in lines]
        if breaks:
            mark, ends = pdf_layout.BREAK, breaks.ends
            parts = [
                t + mark if ends(ln, t, cell) else t for ln, t in zip(lines, parts, strict=True)
            ]
        for k in range(len(parts) - 1):  # a line with one below it, ending in a hyphen
            if parts[k].endswith("-") and breaks.spaced_hyphen(lines[k]):
                parts[k] += pdf_layout.SPACED
        text = pdf_layout.join_lines(parts)
    if "\t" in text or "\n" in text or "\r" in text:
        return cell_text(text)
    return text.strip()  # what cell_text leaves of a text without breaks


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into lines, each left to right: a run whose middle lies above the
    lowest bottom of the line so far belongs to it (a full stop's small box on the
    baseline included), else it begins the next line."""
    out: list[list[Run]] = []
    bottom = float("-inf")
    for run in sorted(runs, key=_TOP):
        if not out or (run.top + run.bottom) / 2 > bottom:
            out.append([run])
            bottom = run.bottom
            continue
        out[-1].append(run)
        bottom = max(bottom, run.bottom)
    return [line if len(line) == 1 else sorted(line, key=_X0) for line in out]


def _line_text(line: list[Run], density: float = 0.0) -> str:
    """A line's runs as text. Runs that touch (a character split from its run, a font
    change within a word) are joined as they stand; runs a word space apart (up to 0,75
    of the font size: justified text spreads its words) get one space; a run further
    apart stands at its own column (``x0 / density`` characters in, as ``pdftotext
    -layout`` places text), at least two spaces after the text before it, so the gap
    between columns of an unruled table survives; a font size PDFium gives as 1
    (InDesign's text scaled by its matrix) is taken as the run's height. With
    ``density`` 0 every gap is one space (a cell's text)."""
    out = ""
    prev: Run | None = None
    for run in line:
        text = run.text.strip() if len(run.text) > 1 else run.text
        if prev is None:
            out = " " * round(run.x0 / density) if density else ""
        else:
            gap = run.x0 - prev.x1
            em = max(run.size, prev.size) or max(run.bottom - run.top, 1.0)
            if em < 0.5 * (run.bottom - run.top):  # a size of 1 scaled by the text matrix
                em = run.bottom - run.top
            if gap <= 0.1 * em:
                if run.spaced and not out.endswith(" "):
                    out += " "
            elif gap <= 0.75 * em or not density:
                if not out.endswith(" ") and not text.startswith(" "):
                    out += " "
            else:
                out = out.rstrip()
                out += " " * max(2, round(run.x0 / density) - len(out))
        out += text
        prev = run
    return out


_X_DENSITY = 7.25  # points per character, as pdfplumber's layout
_Y_DENSITY = 13.0  # points per line


def _text(
    runs: list[Run],
    origin: float,
    cols: dict | None = None,
    spacing: dict | None = None,
    foot: float = 0.0,
) -> list[str]:
    """Runs outside tables as laid-out lines, placed on pdfplumber's grid of lines
    (line ``round((top - origin) / 13)``, so a wide gap leaves a blank line); at most
    one blank line in a row; the common indent removed; unruled tables made tab lines
    (``columns_to_tabs``). ``cols``: an unruled table's columns from the page before
    for the region's first table, and this region's last table's (``ends``);
    ``spacing``: the white between a paragraph's lines as the document's text before
    showed it (``_paragraphs_apart``); ``foot``: the page's height when the region ends
    the page, so its last line may be the page's foot (``_page_foot``), which no table
    takes as a row."""
    lines: list[str] = []
    placed = 0
    groups = _lines(runs)
    at: list[int] = []  # each group's line in ``lines``
    spans: list[tuple[float, float, bool]] = []  # each group's top, bottom, one phrase
    for i, line in enumerate(groups):
        if len(line) == 1:  # as _line_text lays out a lone run
            run = line[0]
            top, bottom = run.top, run.bottom
            text = run.text
            text = text.strip() if len(text) > 1 else text
            text = (" " * round(run.x0 / _X_DENSITY) + text).rstrip()
            phrase = True
        else:
            top = min(r.top for r in line)
            bottom = max(r.bottom for r in line)
            text = _line_text(line, _X_DENSITY).rstrip()
            phrase = "  " not in text.lstrip()  # no column gap (_line_text's two spaces)
        step = max(int(i > 0), round((top - origin) / _Y_DENSITY) - placed)
        placed += step
        if step > 1 and lines and lines[-1]:
            lines.append("")
        at.append(len(lines))
        lines.append(text)
        spans.append((top, bottom, phrase))
    if len(groups) > 3 and (apart := _paragraphs_apart(spans, spacing)):
        lines, at = _blank_before(lines, at, apart)
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    out = [line[indent:] for line in lines] if indent else lines
    kept: list[str] = []  # the page's foot, set apart from every table
    if foot and len(groups) > 2 and _page_foot(spans, out[at[-1]], foot):
        blank = not out[at[-1] - 1]  # a blank line above it, as laid out
        out, kept, groups = out[: at[-1]], out[at[-1] :], groups[:-1]
    found = pdf_layout.find(groups) if len(groups) > 1 else []
    if found and cols is not None:
        pdf_layout.join_columns(found, groups, cols)
    if found:  # unruled tables found from where their text stands: read as such
        out = _with_tables(out, at, found)
    while out and not out[-1]:
        out.pop()
    out = columns_to_tabs(out) if not found else out
    return [*out, *([""] if blank and out else []), *kept] if kept else out


# a page's foot or head: its number alone in a cell (``17``, ``Sida 3``, ``3 (17)``) at
# either end of the line, the running title in the other (``Årsredogörelse 2022   17``,
# ``18   Årsredogörelse 2022``), set apart with two spaces or more
_PAGE_FOOT = re.compile(
    r"^\s*(?:(?:sida\s*)?\d{1,3}(?:\s*\(\s*\d{1,3}\s*\))? {2,}\S.*"
    r"|\S.*? {2,}(?:sida\s*)?\d{1,3}(?:\s*\(\s*\d{1,3}\s*\))?)\s*$",
    re.IGNORECASE,
)
_FOOT_APART = 2.0  # the white above the page's foot, in its own heights
_FOOT_MARGIN = 0.9  # of the page's height: the foot stands below it


def _page_foot(spans: list[tuple[float, float, bool]], text: str, height: float) -> bool:
    """The region's last line is the page's foot: its page number and running title
    apart (``_PAGE_FOOT``), in the page's bottom margin (below nine tenths of its
    height), set below the body by more white than two of its own heights. A
    two-column page's last lines are apart at the column gap as a table's cells are,
    so without this the foot went on as the last row of a table and its page number
    became a value."""
    top, bottom, _one = spans[-1]
    if top < _FOOT_MARGIN * height or top - spans[-2][1] <= _FOOT_APART * (bottom - top):
        return False
    return _PAGE_FOOT.match(text) is not None


_PARAGRAPH_GAP = 0.5  # of a line's height, more white than between a paragraph's lines


def _paragraphs_apart(spans: list[tuple[float, float, bool]], spacing=None) -> list[int]:
    """The lines (by index; ``spans``: each line's top, bottom and whether it is one
    phrase) that stand a paragraph's space below the line above: both lines running
    text (one phrase, no column gap), the white between them (the line above's bottom
    to this one's top) wider than between the region's lines of running text (their
    median; or, where paragraphs of a line or two follow each other and most gaps are
    a paragraph's space, the median of the gaps half a line smaller than that, when
    they are a quarter of the gaps or more) by half a line's height (theirs), so a
    heading, a paragraph or a page
    number that follows another without the 13-point grid leaving a blank line (text
    set smaller or tighter than pdftotext's grid, a browser's print shrunk to fit a
    wide table, a note in small print above a heading) is still apart from it. Lines
    set with more leading (1,5 or double spacing) have more white between them all,
    and so need as much more. A region whose lines all stand alike (one-line
    paragraphs, a heading and a caption between two tables) shows no paragraph's line
    spacing of its own: there the document's (``spacing["white"]``, of a line's
    height, kept from the last region that showed both) tells a paragraph's space,
    when every gap is three quarters of a line wider than it."""
    white: list[tuple[int, float]] = []
    heights: list[float] = []
    above_bottom, above_phrase = spans[0][1], spans[0][2]
    for i in range(1, len(spans)):
        top, bottom, phrase = spans[i]
        if phrase and above_phrase:
            white.append((i, top - above_bottom))
            heights.append(bottom - top)
        above_bottom, above_phrase = bottom, phrase
    if len(white) < 3:
        return []
    gaps = sorted(w for _i, w in white)
    height = sorted(heights)[len(heights) // 2]
    half = _PARAGRAPH_GAP * height
    usual = gaps[len(gaps) // 2]
    # paragraphs of a line or two each: most gaps a paragraph's space, the lines of
    # one paragraph the smaller ones, a quarter of them or more, half a line closer
    closer = [w for w in gaps if w < usual - half]
    if len(closer) >= 2 and 4 * len(closer) >= len(gaps):
        usual = closer[len(closer) // 2]
    apart = [i for i, w in white if w >= usual + half]
    if spacing is not None:
        if apart:
            spacing["white"] = usual / height
        elif (known := spacing.get("white")) is not None and gaps[0] >= (
            known + _ALIKE_APART
        ) * height:
            return [i for i, _w in white]
    return apart


_ALIKE_APART = 0.75  # of a line's height: a paragraph's space past the document's lines


def _blank_before(lines: list[str], at: list[int], apart: list[int]) -> tuple[list, list]:
    """``lines`` with a blank line before each group of ``apart`` (by index; ``at``:
    each group's line) that has none above it already, and ``at`` moved with them."""
    out: list[str] = []
    moved: list[int] = []
    k = 0
    for i in apart:
        pos = at[i]
        if pos == 0 or not lines[pos - 1]:
            continue
        out.extend(lines[k:pos])
        out.append("")
        k = pos
        moved.append(i)
    out.extend(lines[k:])
    if not moved:
        return lines, at
    new_at = list(at)
    for n, i in enumerate(moved):
        end = moved[n + 1] if n + 1 < len(moved) else len(at)
        for j in range(i, end):
            new_at[j] = at[j] + n + 1
    return out, new_at


def _with_tables(out: list[str], at: list[int], found: list) -> list[str]:
    """The laid-out lines with each found table's lines put in place of the lines it
    covers; the text between tables made tab lines as before (``columns_to_tabs``)."""
    done: list[str] = []
    k = 0
    for t in found:
        done.extend(columns_to_tabs(out[k : at[t.first]]))
        if done and done[-1]:
            done.append("")
        done.extend(pdf_layout.table_lines(t))
        done.append("")
        k = at[t.end - 1] + 1
    done.extend(columns_to_tabs(out[k:]))
    return done


def grid(
    rows: list[list[tuple[str, Box | None]]], given: list | None = None, kept: list | None = None
) -> list[list[str]]:
    """A found table's cells (text and box) as rows of columns. Tables drawn with shaded
    cells give nested and spacer cells (a cell's text inside an outer cell of the same
    text, five-point borders as columns), so the columns are rebuilt from where text
    stands: each column is a band of x, made from the narrowest cells first; a cell
    belongs to the band it covers, and a cell that spans several bands (a header over
    two columns) to the first of them, blank to its right; ``given`` bands (a table
    going on from the page before) are kept when every cell stands in one of them, and
    the bands used are put in ``kept``. A row whose only text is a
    label that goes on from the label above (``ledning och styrning`` under ``-
    Kommunikation,``) is joined to it."""
    rows = pdf_layout.join_spanned(rows)
    cells = [
        (r, text, box)
        for r, row in enumerate(rows)
        for text, box in row
        if text and box is not None
    ]
    bands: list[tuple[float, float]] = []
    widths = [box[2] - box[0] for _r, _text, box in cells]
    seen: set[tuple[float, float]] = set()  # a column's cells: one span, asked once
    for k in sorted(range(len(cells)), key=widths.__getitem__):  # narrowest first
        x0, _t, x1, _b = cells[k][2]
        if (x0, x1) not in seen:
            seen.add((x0, x1))
            if _band_of(x0, x1, bands) < 0:
                bands.append((x0, x1))
    bands.sort()
    if bands:
        # a drawn cell left of every column, empty on every row (the corner over the
        # labels of a header whose body goes on on the next page) is a column still
        corner = [box for row in rows for text, box in row if not text.strip() and box is not None]
        left = min(corner, key=_LEFT, default=None)
        if left is not None and left[2] <= bands[0][0] + 2 and left[2] - left[0] > _CORNER:
            bands.insert(0, (left[0], left[2]))
    if given:
        placed = [(r, _band_of(x0, x1, given)) for r, _t, (x0, _t0, x1, _b) in cells]
        if all(k >= 0 for _r, k in placed) and len(set(placed)) == len(placed):
            bands = given  # every cell in one of them, no two cells of a row in one
    if kept is not None:
        kept[:] = bands
    out: list[list[str]] = [[""] * len(bands) for _ in rows]
    lefts = [(r, box[0]) for r, _text, box in cells]
    band_of: dict[tuple[float, float], int] = {}
    for i in sorted(range(len(cells)), key=lefts.__getitem__):  # by row, then left
        r, text, (x0, _t, x1, _b) = cells[i]
        k = band_of.get((x0, x1), -1)
        if k < 0:  # a cell covers the band it made, at least
            k = band_of[x0, x1] = _band_of(x0, x1, bands)
        row = out[r]
        if row[k] and row[k] != text:
            row[k] += " " + text
        elif not row[k]:
            row[k] = text
    joined: list[list[str]] = []
    for row in out:
        filled = [k for k, t in enumerate(row) if t]
        if not filled:
            continue
        above = joined[-1] if joined else None
        if above is not None and filled == [0] and above[0] and _goes_on(above[0], row[0]):
            above[0] += " " + row[0]
            continue
        joined.append(row)
    return joined


_LEFT = itemgetter(0)
_CORNER = 20.0  # points: wider than a spacer between a shaded table's cells


def _band_of(x0: float, x1: float, bands: list[tuple[float, float]]) -> int:
    """The first of ``bands`` the cell from ``x0`` to ``x1`` covers, -1 for none: their
    overlap is at least half the band."""
    for k, (b0, b1) in enumerate(bands):
        overlap = (x1 if x1 <= b1 else b1) - (x0 if x0 >= b0 else b0)
        if overlap > 0 and overlap >= 0.5 * (b1 - b0):
            return k
    return -1


def _goes_on(label: str, line: str) -> bool:
    """``line`` continues ``label``: it begins in lower case or with ``(``, or the label
    stops mid-phrase (a comma, ``och``, a hyphen)."""
    # (its last six characters searched: the longest ending and the one before it)
    return continues_above(line) or _MID_PHRASE.search(label.strip()[-6:]) is not None


_MID_PHRASE = re.compile(r"(?:,|\boch|\beller|-)$")


_GAP = re.compile(r"\S(?: {2,}|\t)\S")
_NUMBER_CELL = re.compile(r"^[−–+-]?\d[\d ,.%]*(?:\s*[a-zåäö/]+)?$", re.IGNORECASE)


def columns_to_tabs(lines: list[str]) -> list[str]:
    """An unruled table laid out with spaces (``Familjehem   82 999   89 895``) becomes
    tab-separated lines, which the tab reader knows: a run of two or more lines that
    each split into two or more cells at gaps of two or more spaces (single blank lines
    between them, which layout extraction leaves between rows, are dropped), where some
    line has a number cell. Single spaces stay (``82 999`` is one number)."""
    out: list[str] = []
    # each line: whether it has a gap between cells (a match needs two spaces or a tab
    # within the stripped line: a laid-out line's indent alone asks no search)
    gaps = [("  " in x or "\t" in x) and _GAP.search(x) is not None for x in map(str.strip, lines)]
    i = 0
    while i < len(lines):
        if not gaps[i]:  # no gap: no row of a table begins here (most lines)
            out.append(lines[i])
            i += 1
            continue
        rows: list[int] = []
        j = i
        while j < len(lines):
            if gaps[j]:
                rows.append(j)
                j += 1
            elif rows and j + 1 < len(lines) and not lines[j].strip():
                if not gaps[j + 1]:
                    break
                j += 1
            else:
                break
        if len(rows) >= 2:
            block = laid_out_cells([lines[k].replace("\t", "  ") for k in rows])
        else:
            block = []  # one line is no table: its cells are not needed
        if block and any(_NUMBER_CELL.match(c) for cells in block for c in cells[1:]):
            out.extend("\t".join(cells) for cells in block)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out
