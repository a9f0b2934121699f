"""DOCX files, read with python-docx: paragraphs (headings by style) and tables, in
document order. ``line`` is the line of the extracted text (one line per paragraph and
per table row)."""

from __future__ import annotations

import io
import zipfile

from ..model import Document, DocumentError
from .render import cell_text, tab_lines


def read_docx(data: bytes, source: str) -> Document:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    from . import read_text

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            source, f"DOCX-filen kan inte läsas (skadad eller avkortad: {exc})"
        ) from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = DocxParagraph(child, document)
            text = cell_text(p.text)
            style = (p.style.name or "").lower() if p.style is not None else ""
            if text and (style.startswith(("heading", "rubrik")) or style == "title"):
                level = "".join(ch for ch in style if ch.isdigit()) or "1"
                lines.extend(["", "#" * min(int(level), 6) + " " + text, ""])
            else:
                lines.extend([text, ""] if text else [""])
        elif tag == "tbl":
            t = DocxTable(child, document)
            rows = [[cell_text(c.text) for c in row.cells] for row in t.rows]
            lines.append("")
            lines.extend(tab_lines(rows))
            lines.append("")
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "DOCX-filen innehåller ingen text")
    return read_text("\n".join(lines), source, "docx", file_kind="docx")
