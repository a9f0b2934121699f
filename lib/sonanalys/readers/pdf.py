"""PDF files, read with pdfplumber: the text of each page, and its ruled tables as rows
of cells, in reading order. ``line`` in the output is the line of that extracted text on
its page; ``page`` is the page number."""

from __future__ import annotations

import io

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
        if t_top > top:
            out.extend(_text(page, top, t_top))
        rows = [[cell_text(c) for c in row] for row in t.extract()]
        out.append("")
        out.extend(tab_lines(rows))
        out.append("")
        top = t_bottom
    out.extend(_text(page, top, page.height))
    return out


def _text(page, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    region = page.crop((0, top, page.width, bottom), strict=False)
    text = region.extract_text() or ""
    return text.split("\n")
