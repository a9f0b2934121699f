"""DOCX files, read with python-docx: paragraphs (headings by style) and tables, in
document order. ``line`` is the line of the extracted text (one line per paragraph and
per table row).

Word's corners are read as the document reads, never lost silently:
- tracked changes as if accepted (insertions kept, deletions dropped, a moved text at
  its new place, an inserted table row kept and a deleted one dropped), and said in
  the parse report;
- content controls (``w:sdt``: a form field, a building block, a table inside one) read
  as the text and tables they hold;
- a table inside a table cell read as a table of its own after the table it stands in
  (its numbers are a table's, not one cell's text).
"""

from __future__ import annotations

import io
import zipfile

from ..model import Document, DocumentError
from .limits import check_zip
from .render import cell_text, tab_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, source: str) -> Document:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    from . import read_text

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, source, "DOCX")
    except zipfile.BadZipFile:
        pass  # python-docx says what is wrong with it
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            source, f"DOCX-filen kan inte läsas (skadad eller avkortad: {exc})"
        ) from exc
    body = document.element.body
    said = accept_changes(body)
    lines: list[str] = []

    def table(t) -> None:
        rows = [[cell_text(c.text) for c in row.cells] for row in t.rows]
        lines.append("")
        lines.extend(tab_lines(rows, source))
        lines.append("")
        for inner in t._tbl.iter(f"{_W}tbl"):  # tables in its cells, each on its own
            if inner is not t._tbl and _parent_table(inner) is t._tbl:
                # captioned by the cell it stands in: its row's label and column's header
                lines.extend(["", _place(t._tbl, inner, rows), ""])
                table(DocxTable(inner, document))

    for child in body.iterchildren():
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
            table(DocxTable(child, document))
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "DOCX-filen innehåller ingen text")
    doc = read_text("\n".join(lines), source, "docx", file_kind="docx")
    # no line: the changes are the document's, said once
    doc.problems = [*doc.problems, *(("", None, "", what) for what in said)]  # type: ignore[list-item]
    return doc


def _place(outer, inner, rows: list[list[str]]) -> str:
    """``row label / column header`` of the cell of ``outer`` that holds ``inner``."""
    tc = inner.getparent()
    while tc is not None and tc.tag != f"{_W}tc":
        tc = tc.getparent()
    tr = tc.getparent() if tc is not None else None
    trs = [r for r in outer.iter(f"{_W}tr") if _parent_table(r) is outer]
    r = trs.index(tr) if tr in trs else -1
    c = [x for x in tr if x.tag == f"{_W}tc"].index(tc) if tr is not None else -1
    label = rows[r][0] if 0 <= r < len(rows) and rows[r] else ""
    header = rows[0][c] if rows and 0 <= c < len(rows[0]) and r > 0 else ""
    return " / ".join(x for x in (label, header) if x) or "Tabell i en tabellcell"


def _parent_table(tbl):
    p = tbl.getparent()
    while p is not None and p.tag != f"{_W}tbl":
        p = p.getparent()
    return p


_DROP = {f"{_W}del", f"{_W}moveFrom"}  # tracked deletions: not in the accepted text
_KEEP = {f"{_W}ins", f"{_W}moveTo"}  # tracked insertions: their content stays
_SDT = f"{_W}sdt"


def accept_changes(body) -> list[str]:
    """Rewrite the document's XML as it reads with every tracked change accepted and
    every content control opened up (``w:sdt`` → the content it holds); what was done,
    as sentences for the parse report."""
    inserted = deleted = rows_in = rows_out = 0
    for el in list(body.iter(f"{_W}del")):  # a deleted table row: the whole row goes
        parent = el.getparent()
        if parent is not None and parent.tag == f"{_W}trPr":
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
                rows_out += 1
    for el in list(body.iter(*_DROP)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == f"{_W}rPr":  # a deleted paragraph mark: the text stays
            parent.remove(el)
            continue
        parent.remove(el)
        deleted += 1
    for el in list(body.iter(*_KEEP)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in (f"{_W}trPr", f"{_W}rPr"):  # an inserted row or paragraph mark
            rows_in += parent.tag == f"{_W}trPr"
            parent.remove(el)
            continue
        _unwrap(el, list(el))
        inserted += 1
    for el in list(body.iter(_SDT)):
        parent = el.getparent()
        if parent is None:
            continue
        content = el.find(f"{_W}sdtContent")
        _unwrap(el, list(content) if content is not None else [])
    said = []
    if inserted or deleted or rows_in or rows_out:
        parts = [
            f"{n} {what}"
            for n, what in (
                (inserted, "infogade"),
                (deleted, "borttagna"),
                (rows_in, "infogade tabellrader"),
                (rows_out, "borttagna tabellrader"),
            )
            if n
        ]
        said.append(
            "dokumentet har spårade ändringar som inte är godkända ("
            + ", ".join(parts)
            + "): läst som om alla vore godkända"
        )
    return said  # content controls are ordinary (forms): read, not said


def _unwrap(el, children) -> None:
    """Put ``children`` where ``el`` stands, and remove ``el``."""
    parent = el.getparent()
    at = parent.index(el)
    for i, child in enumerate(children):
        parent.insert(at + i, child)
    parent.remove(el)
