"""PDF files, read with pdfplumber: the text of each page, and its ruled tables as rows
of cells, in reading order. ``line`` in the output is the line of that extracted text on
its page; ``page`` is the page number."""

from __future__ import annotations

import io
import re

from ..labels import continues_above
from ..model import Document, DocumentError
from .render import cell_text, tab_lines


def read_pdf(data: bytes, source: str) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    from . import read_text

    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentError(source, "inte en PDF (filen börjar inte med %PDF)")
    lines: list[str] = []
    page_starts: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page_starts.append(len(lines) + 1)
                lines.extend(_page_lines(page))
                lines.append("")
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(source, f"PDF:en kan inte läsas ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds for damaged files
        raise DocumentError(
            source, f"PDF:en är skadad eller avkortad ({type(exc).__name__})"
        ) from exc
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "PDF:en innehåller ingen text (skannad bild? kör OCR först)")
    doc = read_text("\n".join(lines), source, "pdf", file_kind="pdf")
    doc.page_starts = page_starts
    return doc


def _page_lines(page) -> list[str]:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    out: list[str] = []
    top = 0.0
    for t in tables:
        _x0, t_top, _x1, t_bottom = t.bbox
        if t_bottom <= top:
            continue  # inside a table already read (a shaded block drawn within it)
        if t_top > top:
            out.extend(_text(page, top, t_top))
        rows = grid(
            [[(cell_text(x), c) for x, c in zip(texts, row.cells, strict=True)]
             for texts, row in zip(t.extract(), t.rows, strict=True)]
        )  # fmt: skip
        out.append("")
        out.extend(tab_lines(rows))
        out.append("")
        top = max(top, t_bottom)
    out.extend(_text(page, top, page.height))
    return out


Box = tuple[float, float, float, float]


def grid(rows: list[list[tuple[str, Box | None]]]) -> list[list[str]]:
    """A found table's cells (text and box) as rows of columns. Tables drawn with shaded
    cells give nested and spacer cells (a cell's text inside an outer cell of the same
    text, five-point borders as columns), so the columns are rebuilt from where text
    stands: each column is a band of x, made from the narrowest cells first; a cell
    belongs to the band it covers, and a cell that spans several bands (a header over
    two columns) to the first of them, blank to its right. A row whose only text is a
    label that goes on from the label above (``ledning och styrning`` under ``-
    Kommunikation,``) is joined to it."""
    cells = [
        (r, text, box)
        for r, row in enumerate(rows)
        for text, box in row
        if text and box is not None
    ]
    bands: list[tuple[float, float]] = []
    for _r, _text, (x0, _t, x1, _b) in sorted(cells, key=lambda c: c[2][2] - c[2][0]):
        if not any(_covers((x0, x1), b) for b in bands):
            bands.append((x0, x1))
    bands.sort()
    out: list[list[str]] = [[""] * len(bands) for _ in rows]
    for r, text, (x0, _t, x1, _b) in sorted(cells, key=lambda c: (c[0], c[2][0])):
        k = next(k for k, b in enumerate(bands) if _covers((x0, x1), b))
        if out[r][k] and out[r][k] != text:
            out[r][k] += " " + text
        elif not out[r][k]:
            out[r][k] = text
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


def _covers(cell: tuple[float, float], band: tuple[float, float]) -> bool:
    """The cell covers at least half the band, and the band half the narrower of them."""
    overlap = min(cell[1], band[1]) - max(cell[0], band[0])
    return overlap > 0 and overlap >= 0.5 * (band[1] - band[0])


def _goes_on(label: str, line: str) -> bool:
    """``line`` continues ``label``: it begins in lower case or with ``(``, or the label
    stops mid-phrase (a comma, ``och``, a hyphen)."""
    return continues_above(line) or re.search(r"(?:,|\boch|\beller|-)$", label.strip()) is not None


def _text(page, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    region = page.crop((0, top, page.width, bottom), strict=False)
    # layout=True keeps the gaps between columns of an unruled table (as pdftotext
    # -layout does), so the loose-table reader can split them; plain extraction joins
    # "Familjehem 82 999 89 895" into one run of words and the numbers into prose
    text = region.extract_text(layout=True) or ""
    lines = [line.rstrip() for line in text.split("\n")]
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):  # at most one blank line in a row
            out.append(line[indent:])
    while out and not out[-1]:
        out.pop()
    return columns_to_tabs(out)


_GAP = re.compile(r"\S(?: {2,}|\t)\S")
_NUMBER_CELL = re.compile(r"^[−–+-]?\d[\d ,.%]*(?:\s*[a-zåäö/]+)?$", re.IGNORECASE)


def columns_to_tabs(lines: list[str]) -> list[str]:
    """An unruled table laid out with spaces (``Familjehem   82 999   89 895``) becomes
    tab-separated lines, which the tab reader knows: a run of two or more lines that
    each split into two or more cells at gaps of two or more spaces (single blank lines
    between them, which layout extraction leaves between rows, are dropped), where some
    line has a number cell. Single spaces stay (``82 999`` is one number)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        rows: list[int] = []
        j = i
        while j < len(lines):
            if _GAP.search(lines[j].strip()):
                rows.append(j)
                j += 1
            elif not lines[j].strip() and rows and j + 1 < len(lines):
                if not _GAP.search(lines[j + 1].strip()):
                    break
                j += 1
            else:
                break
        block = [re.split(r" {2,}|\t", lines[k].strip()) for k in rows]
        numeric = any(_NUMBER_CELL.match(c) for cells in block for c in cells[1:])
        if len(rows) >= 2 and numeric:
            out.extend("\t".join(cells) for cells in block)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out
