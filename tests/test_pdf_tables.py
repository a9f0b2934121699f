"""Tables of a real PDF drawn with shaded cells (tests/corpus/pdf: Göteborgs Stad,
Intraservice, delårsrapport mars 2026): nested and spacer cells become one grid, labels
wrapped over several lines are one label, headers span and wrap, nothing is read twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys.observations import parse
from sonanalys.readers.pdf import grid

PDF = Path(__file__).parent / "corpus" / "pdf"


@pytest.fixture(scope="module")
def goteborg():
    r = parse([PDF])
    return r.observations, r.report


def values(obs, page, row, col):
    o = obs[(obs["page"] == page) & (obs["row_label"] == row) & (obs["column_label"] == col)]
    return o["value"].tolist()


def test_a_shaded_table_is_read_once_with_its_wrapped_labels(goteborg):
    obs, report = goteborg
    # p. 14: "- Kommunikation," / "ledning och styrning" is one row; its values stand in
    # an outer and an inner shaded cell, and are read once
    row = "- Kommunikation, ledning och styrning"
    assert values(obs, 14, row, "Utfall / kostnader / period") == [-22.1]
    assert values(obs, 14, "Total förvaltning och förändringsinitiativ", "Resultat period") == [
        27.9
    ]
    dm = "Digital infrastruktur, Demokrati- och Medborgarservice (DM)"  # over four lines
    assert values(obs, 14, dm, "Budget / kostnader / period") == [-7.8]
    p14 = obs[obs["page"] == 14]
    assert not p14.duplicated(["line", "row_label", "column_label"]).any()
    assert len(p14[p14["table_id"] == p14["table_id"].iloc[0]]) == 14 * 5  # 14 rows, 5 columns
    # the table's text is not read again below it
    assert not (report["reason"] == "tabellrad som inte lästes").any()


def test_header_cells_span_wrap_and_join_hyphenated_words(goteborg):
    obs, _ = goteborg
    # p. 11: "Period" and "Helår" each span four columns; "Avvik" / "else" stacked, one
    # word broken without a hyphen
    assert values(obs, 11, "Intäkter", "Period / Avvikelse") == [-2.1]
    assert values(obs, 11, "Intäkter", "Helår / Prognos") == [1513.3]
    # p. 14: "Resultat period" is not spanned by "kostnader" to its left: a row above
    # separates the columns
    assert values(obs, 14, "Totalt", "Resultat period") == [22.5]
    # p. 16: "Prognos-" / "avvikelse" / "mot budget" / "helår", one cell a line: one
    # phrase, then its period
    assert values(obs, 16, "Totalt", "Prognosavvikelse mot budget / helår") == [0.0]
    # p. 4: "Utfall perioden" / "jämfört med" / "samma period" is one phrase, then the
    # year it is compared with ("föregående år", as p. 11's "Utfall" / "fg år")
    long = "Utfall perioden jämfört med samma period / föregående år"
    assert values(obs, 4, "Personalkostnader", long) == [7.6]
    assert values(obs, 11, "Intäkter", "Period / Utfall / fg år") == [346.2]
    assert values(obs, 16, "Totalt", "Prognos intäkter helår") == [-1633.7]  # as printed
    # p. 19: "2024/2025" in a header is a split year, not a value
    assert values(obs, 19, "Handläggare", "Förändring / åa / 2024/2025") == [23.4]


def test_grid_makes_columns_from_where_text_stands():
    # the cells of p. 14's "- Kommunikation," row as pdfplumber gives them: outer and
    # inner shaded cells with the same text, five-point borders as columns of their own
    rows = [
        [("Tjänster", (99, 101, 206, 139)), ("", (206, 101, 211, 139)),
         ("Utfall", (211, 101, 250, 115)), ("Resultat period", (312, 101, 369, 139))],
        [("- Kommunikation,", (105, 190, 200, 206)), ("24,5", (206, 190, 255, 217)),
         ("24,5", (211, 190, 250, 206)), ("2,4", (312, 190, 369, 217)),
         ("2,4", (318, 190, 363, 206))],
        [("ledning och styrning", (105, 206, 200, 217)), ("", (206, 206, 255, 217))],
    ]  # fmt: skip
    assert grid(rows) == [
        ["Tjänster", "Utfall", "Resultat period"],
        ["- Kommunikation, ledning och styrning", "24,5", "2,4"],
    ]


# ------------------------------------------------------------- PDFium page reading


def _pdfplumber_cells(data: bytes) -> list[list[list[tuple]]]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[sorted(t.cells) for t in page.find_tables()] for page in pdf.pages]


def _same_cells(a: list[list[tuple]], b: list[list[tuple]]) -> bool:
    if len(a) != len(b):
        return False
    for ta, tb in zip(sorted(a), sorted(b), strict=True):
        if len(ta) != len(tb):
            return False
        for ca, cb in zip(ta, tb, strict=True):
            if max(abs(x - y) for x, y in zip(ca, cb, strict=True)) > 0.05:
                return False
    return True


def test_tables_are_found_where_pdfplumber_finds_them():
    # pdfplumber's own find_tables (pdfminer's objects) is the oracle for our reading
    # of PDFium's paths and our port of its table geometry: every page, every cell
    from sonanalys.readers.pdfium_page import pages
    from sonanalys.readers.ruling import tables

    data = (PDF / "goteborg_intraservice_delarsrapport_2026_mars.pdf").read_bytes()
    ours = [[sorted(t) for t in tables(p.horizontal, p.vertical)] for p, _tp in pages(data)]
    theirs = _pdfplumber_cells(data)
    assert len(ours) == len(theirs) == 26
    assert sum(len(t) for t in ours) >= 10  # the shaded tables are there to compare
    assert [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True), 1)
            if not _same_cells(a, b)] == []  # fmt: skip


def test_a_hyphen_at_a_line_end_stays_on_its_line():
    # PDFium joins "IT-" / "säkerhet" into one line and marks the hyphen U+FFFE
    from sonanalys.readers import read

    doc = read(PDF / "goteborg_intraservice_delarsrapport_2026_mars.pdf")
    texts = [p.text for p in doc.blocks if hasattr(p, "text")]
    assert not any("\ufffe" in t for t in texts)
    # the line break kept: 'IT-' ends its line, 'säkerhet' begins the next
    assert any(line.endswith('"Satsningar IT-') for line in doc.lines)
    # and the paragraph reads the compound as one word, as the document spells it
    assert any('"Satsningar IT-säkerhet"' in t for t in texts)


def _ruled_table_with_one_text_across_cells(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Vårddygn per placeringsform", new_x="LMARGIN", new_y="NEXT")
    y0 = 30
    for r in range(4):
        pdf.line(20, y0 + r * 10, 180, y0 + r * 10)
    for x in (20, 80, 130, 180):
        pdf.line(x, y0, x, y0 + 30)
    pdf.text(22, y0 + 7, "Placeringsform")
    pdf.text(82, y0 + 7, "2022")
    pdf.text(132, y0 + 7, "2023")

    def pad(s: str, x: float) -> str:  # spaces after s until x mm
        n = round((x - 22 - pdf.get_string_width(s)) / pdf.get_string_width(" "))
        return s + " " * n

    # one text object whose words stand in three cells
    pdf.text(22, y0 + 17, pad(pad("HVB", 82) + "48 128", 132) + "49 263")
    pdf.text(22, y0 + 27, "Familjehem")
    pdf.text(82, y0 + 27, "89 895")
    pdf.text(132, y0 + 27, "82 999")
    pdf.output(str(path))


def test_a_text_across_cell_borders_is_split_by_character(tmp_path):
    p = tmp_path / "varddygn.pdf"
    _ruled_table_with_one_text_across_cells(p)
    obs = parse([p]).observations
    got = {(r.row_label, r.column_label, r.value) for r in obs.itertuples()}
    assert got == {
        ("HVB", "2022", 48128.0), ("HVB", "2023", 49263.0),
        ("Familjehem", "2022", 89895.0), ("Familjehem", "2023", 82999.0),
    }  # fmt: skip


def test_a_password_protected_pdf_is_refused_with_the_reason(tmp_path):
    from fpdf import FPDF

    from sonanalys.model import DocumentError
    from sonanalys.readers import read

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Kostnaden ökade till 186 mnkr 2019.")
    pdf.set_encryption(owner_password="ägare", user_password="läsare")
    p = tmp_path / "skyddad.pdf"
    pdf.output(str(p))
    with pytest.raises(DocumentError) as err:
        read(p)
    assert str(err.value) == "skyddad.pdf: PDF:en är lösenordsskyddad; spara en kopia utan lösenord"


def test_characters_one_by_one_read_the_same_table(tmp_path):
    # the slow path, for pages whose text and character indices do not line up
    from sonanalys.readers import pdf as reader
    from sonanalys.readers.pdfium_page import _runs_by_char, pages

    p = tmp_path / "varddygn.pdf"
    _ruled_table_with_one_text_across_cells(p)
    for page, textpage in pages(p.read_bytes()):
        fast = reader._page_lines(page, textpage)
        page.runs = _runs_by_char(page, textpage)
        assert reader._page_lines(page, textpage) == fast
        assert "HVB\t48 128\t49 263" in fast


def test_text_in_a_table_frame_but_in_no_cell_is_still_read(tmp_path):
    # the bottom-right cell has no bottom edge, so no cell holds its text: it is read
    # as a line of its own, not dropped
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.line(20, 30, 180, 30)
    pdf.line(20, 40, 180, 40)
    pdf.line(20, 50, 100, 50)  # under the left column only
    for x in (20, 100, 180):
        pdf.line(x, 30, x, 50)
    pdf.text(22, 37, "Verksamhet")
    pdf.text(102, 37, "Utfall 2022")
    pdf.text(22, 47, "HVB")
    pdf.text(102, 47, "Kostnaden var 48 mnkr 2022.")
    p = tmp_path / "ofullstandig.pdf"
    pdf.output(str(p))
    from sonanalys.readers import read

    doc = read(p)
    assert any("Kostnaden var 48 mnkr 2022." in getattr(b, "text", "") for b in doc.blocks)
    obs = parse([p]).observations
    assert 48.0 in obs["value"].tolist()


def _turned_copy(src: Path, dst: Path, rotate: int, shown_upright: bool = True) -> None:
    """A copy of ``src`` whose pages are stored turned ``rotate`` degrees
    anticlockwise: shown upright by ``/Rotate`` (a landscape page stored sideways), or,
    without it, shown sideways (a table set sideways on its page)."""
    import pypdfium2 as pdfium

    turn = {  # the content's matrix on the turned page, exact (no cos(90°) residue)
        90: lambda w, h: ((h, w), (0, 1, -1, 0, h, 0)),
        180: lambda w, h: ((w, h), (-1, 0, 0, -1, w, h)),
        270: lambda w, h: ((h, w), (0, -1, 1, 0, 0, w)),
    }[rotate]
    source, out = pdfium.PdfDocument(str(src)), pdfium.PdfDocument.new()
    for i in range(len(source)):
        size, matrix = turn(*source[i].get_size())
        page = out.new_page(*size)
        content = source.page_as_xobject(i, out).as_pageobject()
        content.transform(pdfium.PdfMatrix(*matrix))
        page.insert_obj(content)
        page.gen_content()
        if shown_upright:
            page.set_rotation(rotate)
    out.save(str(dst))


def _lines_by_page(path: Path) -> list[list[str]]:
    from sonanalys.readers import pdf as reader
    from sonanalys.readers.pdfium_page import pages

    return [reader._page_lines(p, tp) for p, tp in pages(path.read_bytes())]


@pytest.mark.parametrize(
    "rotate, shown_upright", [(90, True), (180, True), (270, True), (90, False)]
)
def test_a_turned_page_reads_as_the_upright_page(tmp_path, rotate, shown_upright):
    # stored turned and shown upright by /Rotate (some producers store landscape pages
    # so), or a table set sideways on its page: read by the way its text stands
    src = PDF / "goteborg_intraservice_delarsrapport_2026_mars.pdf"
    turned = tmp_path / "turned.pdf"
    _turned_copy(src, turned, rotate, shown_upright)
    upright = _lines_by_page(src)
    assert any("Total förvaltning och förändringsinitiativ" in line for p in upright for line in p)
    assert _lines_by_page(turned) == upright  # all 26 pages, tables and text


def test_a_turned_table_split_by_character_reads_the_same(tmp_path):
    # a text across cell borders is split into characters, whose boxes turn too
    p, turned = tmp_path / "varddygn.pdf", tmp_path / "turned.pdf"
    _ruled_table_with_one_text_across_cells(p)
    _turned_copy(p, turned, 270)
    assert _lines_by_page(turned) == _lines_by_page(p)
    assert "HVB\t48 128\t49 263" in _lines_by_page(turned)[0]


def test_a_rectangle_read_at_once_is_what_pdfium_gives_point_by_point():
    # a five-segment path's points are read from PDFium's array of points in one copy
    # (pdfium_page._Lean.five_points): on every such path of the Göteborg PDF (2 900,
    # most of them shaded cells) they equal FPDFPathSegment_GetPoint's, and the edges
    # read with the copy equal those read point by point
    import ctypes

    import pypdfium2 as pdfium

    from sonanalys.readers import pdfium_page as pp

    lean = pp._pdfium()
    x, y = ctypes.c_float(), ctypes.c_float()
    doc = pdfium.PdfDocument(PDF / "goteborg_intraservice_delarsrapport_2026_mars.pdf")
    checked = 0
    for page in doc:
        handle = page.raw  # a ctypes pointer, as the lean calls take handles
        for k in range(lean.count_objects(handle)):
            obj = lean.get_object(handle, k)
            if lean.count_segments(obj) != 5:
                continue
            by_call: list[float] = []
            for s in range(5):
                lean.point(lean.segment(obj, s), ctypes.addressof(x), ctypes.addressof(y))
                by_call += (x.value, y.value)
            assert list(lean.five_points(obj) or ()) == by_call
            checked += 1
        left, _bottom, _right, top = page.get_bbox()
        at_once = pp._edges(page.raw, left, top)
        saved = lean.five
        try:
            lean.five = None  # as when the check fails: point by point
            assert pp._edges(page.raw, left, top) == at_once
        finally:
            lean.five = saved
    assert checked == 2900


def test_the_text_pages_lines_break_where_pdfium_breaks_them():
    # PDFium ends a line with \r\n (a lone \r or \n is read as a break too) and marks a
    # hyphen it joined across lines with U+FFFE, after which the line is broken again
    # (unless a break follows it); each line as (start, end) in the text page's text
    from sonanalys.readers.pdfium_page import _lines_of

    text = "a\r\nb\ufffe\r\nc\ufffed\re\nf"
    assert [text[s:e] for s, e in _lines_of(text)] == ["a", "b\ufffe", "c\ufffe", "d", "e", "f"]
    assert _lines_of(text) == [(0, 1), (3, 5), (7, 9), (9, 10), (11, 12), (13, 14)]
    assert _lines_of("x\r\ny\r\n") == [(0, 1), (3, 4), (6, 6)]  # every break a \r\n
    assert _lines_of("x\r\ny\rz") == [(0, 1), (3, 4), (5, 6)]
