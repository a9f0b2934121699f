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
  (its numbers are a table's, not one cell's text);
- text in wrappers python-docx passes over read as the text it is: a field's shown
  result (``w:fldSimple``: a table's ``=SUM(ABOVE)`` total, a date), smart tags, custom
  XML and bidirectional runs;
- a text box read where it is anchored, as paragraphs and tables of its own (Word stores
  it twice, as a drawing and as an old-style shape for old readers: read once);
- footnotes and endnotes, and the pages' headers and footers, read after the body under
  a heading of their own ("Fotnoter", "Slutnoter", "Sidhuvud och sidfot"), so the body's
  lines keep their numbers.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..model import Document, DocumentError
from .limits import check_zip, damaged_why
from .render import captions_above, cell_text, marked_header_rows, tab_lines

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
        # the library's own English text stays on the exception chain, not in the message
        raise DocumentError(source, f"DOCX-filen kan inte läsas ({damaged_why(exc)})") from exc
    body = document.element.body
    foot, end, margins = (
        notes(document, "footnote"),
        notes(document, "endnote"),
        headers_and_footers(document),
    )
    said = accept_changes(body, *foot, *end, *margins)
    lines: list[str] = []
    heads: set[int] = set()  # the lines of the rows Word marks as a table's header

    def table(t) -> None:
        n = header_rows(t, [[cell_text(c.text) for c in row.cells] for row in t.rows])
        n = merged_down(t, n)
        every = rows = grid(t, n)
        lines.append("")
        for _ in title_rows(t, every):  # the caption set as the table's first row
            lines.extend([rows[0][0], ""])
            rows, n = rows[1:], max(n - 1, 0)
        heads.update(range(len(lines) + 1, len(lines) + 1 + n))
        lines.extend(tab_lines(rows, source))
        lines.append("")
        for inner in t._tbl.iter(f"{_W}tbl"):  # tables in its cells, each on its own
            if inner is not t._tbl and _parent_table(inner) is t._tbl:
                # captioned by the cell it stands in: its row's label and column's header
                lines.extend(["", _place(t._tbl, inner, every), ""])
                table(DocxTable(inner, document))

    def walk(container) -> None:
        """The paragraphs and tables of the body, a text box, a note or a header."""
        for child in container.iterchildren():
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
                for box in text_boxes(child):
                    lines.append("")
                    walk(box)
                    lines.append("")
            elif tag == "tbl":
                table(DocxTable(child, document))

    walk(body)
    after = (("Fotnoter", foot), ("Slutnoter", end), ("Sidhuvud och sidfot", margins))
    for heading, parts in after:
        if parts:
            lines.extend(["", "## " + heading, ""])
            for part in parts:
                walk(part)
    if not any(line.strip() for line in lines):
        raise DocumentError(source, "DOCX-filen innehåller ingen text")
    doc = read_text("\n".join(lines), source, "docx", file_kind="docx")
    marked_header_rows(doc, heads)
    captions_above(doc)
    # no line: the changes are the document's, said once
    doc.problems = [*doc.problems, *(("", None, "", what) for what in said)]  # type: ignore[list-item]
    return doc


_DIGIT = re.compile(r"\d")


def grid(t, header: int) -> list[list[str]]:
    """A Word table's rows as cells of text, one a column of its grid, merged cells as
    a reader sees them (as web pages' spans are read): a cell merged over columns
    stands over each of them in a header row (``header``: the rows Word marks as header)
    and in its first column only in the body; a cell merged down rows is read in its
    first row, and its label (text without digits) also in each body row it spans, a
    number never twice; a row that starts after the grid's first column
    (``w:gridBefore``) leaves those cells empty, so its values stay under their
    columns."""
    from docx.table import _Cell

    out: list[list[str]] = []
    for i, row in enumerate(t.rows):
        cells = [""] * row.grid_cols_before
        for tc in row._tr.tc_lst:
            span = max(tc.grid_span, 1)
            if tc.vMerge == "continue":
                above = out[i - 1][len(cells)] if i and len(cells) < len(out[i - 1]) else ""
                text = above if i >= header and not _DIGIT.search(above) else ""
                cells.extend([text] + [""] * (span - 1))
                continue
            text = cell_text(_Cell(tc, t).text)
            cells.extend([text] * span if i < header else [text] + [""] * (span - 1))
        out.append(cells)
    return out


def merged_down(t, header: int) -> int:
    """The header rows with those a header cell is merged down into (``Netto, tkr``
    merged over two rows, the years in the second): a cell merged from the header down
    spans header rows, so they are header too."""
    if not header:
        return 0
    start: dict[int, int] = {}  # grid column -> the row its vertical merge began in
    end = header
    rows = list(t.rows)
    for i, row in enumerate(rows):
        col = row.grid_cols_before
        for tc in row._tr.tc_lst:
            if tc.vMerge == "restart":
                start[col] = i
            elif tc.vMerge == "continue":
                if start.get(col, header) < header:
                    end = max(end, i + 1)
            else:
                start.pop(col, None)
            col += max(tc.grid_span, 1)
    return end if end < len(rows) else header


def title_rows(t, rows: list[list[str]]) -> list[int]:
    """The leading rows of a Word table that are its title, not a row of it: one cell
    merged over every column of a table of two columns or more (``Tabell 3.
    Nettokostnad per verksamhet 2019`` over the header), before the rows that are the
    table (read as a caption paragraph above it, as one is read)."""
    width = max((len(r) for r in rows), default=0)
    out: list[int] = []
    for i, row in enumerate(t.rows):
        tcs = row._tr.tc_lst
        if width < 2 or i + 2 > len(rows) or len(tcs) != 1 or tcs[0].grid_span < width:
            break
        if not rows[i][0] or tcs[0].vMerge is not None:
            break
        out.append(i)
    return out


def header_rows(t, rows: list[list[str]]) -> int:
    """How many leading rows of a Word table are its header, as the document marks
    them: rows set to repeat as the header on each page (``w:tblHeader``), else leading
    rows whose text is all bold (at least one cell right of the first filled) over rows
    that are not, else the first row when the table's style formats it as a header and
    it holds no values (years and periods are no values) or has no label and names a
    column in words; 0 when the document does not say (left to the table reader)."""
    trs = list(t.rows)
    n = 0
    while n < len(trs) and _repeats(trs[n]._tr):
        n += 1
    if not n:
        while n < len(trs) and _bold_row(trs[n]) and any(c for c in rows[n][1:]):
            n += 1
    if not n and len(rows) > 1 and any(c for c in rows[0][1:]) and _styled_first_row(t):
        from ..tables import _has_value_row, _header_cell

        # a row of values is data, styled or not; but a row with no label of its own
        # that names a column in words (``| Barn1 | 18-242 | 25-29 | … | Samt-``: age
        # bands, which read as values, beside words) is the header the style marks
        unlabelled = not rows[0][0].strip() and any(_header_cell(c) for c in rows[0][1:])
        n = 0 if _has_value_row(rows[0][1:]) and not unlabelled else 1
    return n if n < len(rows) else 0


def _styled_first_row(t) -> bool:
    """The table's style formats its first row as a header (``w:tblStylePr
    w:type="firstRow"`` in the style or one it is based on) and the table has that
    formatting on (``w:tblLook``): Word's own way of setting a header row. (Word turns
    the look on for every table; a style like Table Grid formats no first row.)"""
    pr = t._tbl.tblPr
    look = pr.find(f"{_W}tblLook") if pr is not None else None
    if look is None:
        return False
    on = look.get(f"{_W}firstRow")
    if on is None:
        try:
            on = "1" if int(look.get(f"{_W}val", "0"), 16) & 0x0020 else "0"
        except ValueError:
            return False
    if on not in ("1", "true", "on"):
        return False
    try:
        style = t.style
    except (KeyError, ValueError, AttributeError):
        return False
    seen = 0
    while style is not None and seen < 10:
        for part in style._element.findall(f"{_W}tblStylePr"):
            if part.get(f"{_W}type") == "firstRow":
                return True
        style, seen = style.base_style, seen + 1
    return False


def _repeats(tr) -> bool:
    pr = tr.find(f"{_W}trPr")
    mark = pr.find(f"{_W}tblHeader") if pr is not None else None
    return mark is not None and mark.get(f"{_W}val", "true") not in ("false", "0", "off")


def _bold_row(row) -> bool:
    """Every run with text in the row's cells is bold (by the run or its style)."""
    seen = False
    for cell in dict.fromkeys(row.cells):  # a merged cell is listed once per column
        for p in cell.paragraphs:
            for run in p.runs:
                if not run.text.strip():
                    continue
                seen = True
                if not _bold(run, p):
                    return False
    return seen


def _bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for style in (run.style, paragraph.style):
        while style is not None:
            if style.font.bold is not None:
                return bool(style.font.bold)
            style = style.base_style
    return False


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = f"{_W}txbxContent"


def text_boxes(paragraph) -> list:
    """The text boxes anchored in a paragraph, each once: Word writes a text box both as
    a drawing (``mc:Choice``) and as a VML shape for older readers (``mc:Fallback``);
    a box inside another box is read with the box that holds it."""
    boxes = []
    for box in paragraph.iter(_TXBX):
        up = box.getparent()
        while up is not None and up is not paragraph:
            if up.tag in (f"{_MC}Fallback", _TXBX):
                break
            up = up.getparent()
        else:
            boxes.append(box)
    return boxes


def notes(document, kind: str) -> list:
    """The footnotes (``kind='footnote'``) or endnotes of the document, each a container
    of paragraphs, in the order the body refers to them; Word's separators left out."""
    from docx.oxml import parse_xml

    name = f"/word/{kind}s.xml"
    part = next((p for p in document.part.package.iter_parts() if p.partname == name), None)
    if part is None:
        return []
    root = getattr(part, "element", None)
    if root is None:
        root = parse_xml(part.blob)
    found = {
        n.get(f"{_W}id"): n
        for n in root.iter(f"{_W}{kind}")
        if n.get(f"{_W}type") in (None, "normal")
    }
    order = [r.get(f"{_W}id") for r in document.element.body.iter(f"{_W}{kind}Reference")]
    ids = list(dict.fromkeys(i for i in order if i in found))
    ids += [i for i in found if i not in ids]  # a note nothing refers to: still read
    return [found[i] for i in ids]


def headers_and_footers(document) -> list:
    """Each distinct header and footer of the document's sections (first page, even
    pages, the rest), as containers of paragraphs and tables; one shared by several
    sections read once."""
    seen: set[int] = set()
    out = []
    for section in document.sections:
        for hf in (
            section.first_page_header,
            section.header,
            section.even_page_header,
            section.first_page_footer,
            section.footer,
            section.even_page_footer,
        ):
            if hf.is_linked_to_previous:
                continue
            element = hf._element
            if id(element) not in seen:
                seen.add(id(element))
                out.append(element)
    return out


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
# wrappers whose runs python-docx's text passes over: a simple field's shown result (a
# table's =SUM(ABOVE), a date), a smart tag, custom XML, a bidirectional run
_WRAPPERS = {f"{_W}fldSimple", f"{_W}smartTag", f"{_W}customXml", f"{_W}dir", f"{_W}bdo"}


def accept_changes(*roots) -> list[str]:
    """Rewrite the document's XML (its body, notes, headers and footers: ``roots``) as it
    reads with every tracked change accepted, every content control opened up (``w:sdt``
    → the content it holds) and every wrapper python-docx does not read opened up; what
    was done, as sentences for the parse report."""
    counts = [0, 0, 0, 0]
    for body in roots:
        for i, n in enumerate(_accept(body)):
            counts[i] += n
    inserted, deleted, rows_in, rows_out = counts
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


def _accept(body) -> tuple[int, int, int, int]:
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
    for el in list(body.iter(*_WRAPPERS)):  # their text is the document's text
        if el.getparent() is not None:
            _unwrap(el, [c for c in el if not str(c.tag).endswith("Pr")])
    return inserted, deleted, rows_in, rows_out


def _unwrap(el, children) -> None:
    """Put ``children`` where ``el`` stands, and remove ``el``."""
    parent = el.getparent()
    at = parent.index(el)
    for i, child in enumerate(children):
        parent.insert(at + i, child)
    parent.remove(el)
