"""Words broken inside narrow PDF cells: a word wider than its ruled cell is broken where
the cell ends, with no hyphen (Simrishamn's budgetskrivelse, Word: 'Ombyggnad/
tillgängliggöran' / 'de Hafreborg'); a line that wraps at a space is two words. Word and
LibreOffice keep the space a line wraps at in the page's text ('Kommuninterna \\r\\n'),
so a line of one word that fills its cell and ends with no space ends inside the word
(readers.pdf_layout.WordBreaks). A browser's print keeps no such space: there the
two cannot be told apart and the line stays a word of its own."""

from __future__ import annotations

from pathlib import Path

from tests.pdf_build import raw_pdf

from sonanalys.readers import read

PAD = 3.0


def _ruled(path: Path, rows: list[tuple[list[str], str, float]]) -> Path:
    """One ruled table per row (fpdf): a label cell of the given lines, set at its left
    with ``PAD`` points of padding, ``extra`` points wider than its first line needs,
    and a value cell. A line's trailing space is written as given."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    top = 60.0
    for lines, value, extra in rows:
        width = pdf.get_string_width(lines[0].rstrip()) + 2 * PAD + extra
        height = 12.0 * len(lines) + 4
        pdf.rect(60, top, width, height)
        pdf.rect(60 + width, top, 60, height)
        for k, line in enumerate(lines):
            pdf.text(60 + PAD, top + 11 + 12 * k, line)
        pdf.text(60 + width + 60 - PAD - pdf.get_string_width(value), top + 11, value)
        top += height + 30
    pdf.output(str(path))
    return path


def _rows(path: Path) -> list[str]:
    return [line for line in read(path).lines if line.strip()]


def test_a_word_wider_than_its_cell_is_one_word_again(tmp_path):
    rows = [
        # broken where the cell ends: no space in the page's text at the break
        (["Ombyggnad/tillgängliggöran", "de Hafreborg"], "400", 0.5),
        # a word that fills its cell (an autofitted column's widest) and wraps at its
        # space, which the page's text keeps: two words
        (["Kommuninterna ", "bidrag"], "12", 0.5),
        # a word that ends its line far from the cell's right: never broken there
        (["Hyra", "lokaler"], "7", 40.0),
    ]
    assert _rows(_ruled(tmp_path / "word.pdf", rows)) == [
        "Ombyggnad/tillgängliggörande Hafreborg\t400",
        "Kommuninterna bidrag\t12",
        "Hyra lokaler\t7",
    ]


def test_a_page_that_keeps_no_space_at_its_wraps_tells_nothing(tmp_path):
    # as a browser prints: no line keeps its wrapping space, so a line of one word that
    # fills its cell may as well have wrapped at a space (dev_05 of the printed corpus:
    # 'Summa omhändertagna' / 'netto'); it is left a word of its own
    rows = [
        (["Ombyggnad/tillgängliggöran", "de Hafreborg"], "400", 0.5),
        (["Kommuninterna", "bidrag"], "12", 0.5),
    ]
    assert _rows(_ruled(tmp_path / "browser.pdf", rows)) == [
        "Ombyggnad/tillgängliggöran de Hafreborg\t400",
        "Kommuninterna bidrag\t12",
    ]


def test_a_conjunction_after_a_word_that_fills_its_cell_is_a_word_of_its_own(tmp_path):
    """000 printed on A4 landscape: 'familjehemsplaceringar' filled its line to the
    cell's edge with no space after it, so the line was taken to end inside a word and
    the next, 'och förebygga …', was glued to it ('familjehemsplaceringaroch'). The
    rest of a broken word is never a conjunction: 'och', 'eller' and 'samt' begin a
    word of their own; a broken word's rest is still joined ('…göran' / 'de')."""
    rows = [
        (["familjehemsplaceringar", "och förebygga HVB"], "6", 0.5),
        (["Ombyggnad/tillgängliggöran", "de Hafreborg"], "400", 0.5),
        # a line that keeps the space it wraps at: the page tells where words end
        (["Kommuninterna ", "bidrag"], "12", 0.5),
    ]
    assert _rows(_ruled(tmp_path / "and.pdf", rows)) == [
        "familjehemsplaceringar och förebygga HVB\t6",
        "Ombyggnad/tillgängliggörande Hafreborg\t400",
        "Kommuninterna bidrag\t12",
    ]


def test_one_kept_space_among_many_bare_wraps_tells_nothing(tmp_path):
    """004 printed: on a browser's page one line of a cell kept the space it wraps at
    (its source had two: 'innan  nya'), which took the page for one that keeps them
    all, so header words that fill their cells were glued to the next line
    ('Prognoseffekt', 'Beräknadtotal') and measures' names too
    ('Socialnämndensom'). A page whose sentences wrap with no space dozens of times for
    each space kept tells nothing."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    width = pdf.get_string_width("Prognos") + 2 * PAD + 0.5
    pdf.rect(60, 60, width, 28)
    pdf.rect(60 + width, 60, 60, 28)
    pdf.text(60 + PAD, 71, "Prognos")
    pdf.text(60 + PAD, 83, "effekt")
    pdf.text(60 + width + 60 - PAD - pdf.get_string_width("1,5"), 71, "1,5")
    y = 120.0
    for k in range(12):  # running text wrapped as a browser wraps it: no space kept
        pdf.text(60, y, f"placeringen ska vara billigare än innan {k} och det")
        y += 12
    pdf.text(60, y, "nya arbetssättet gäller från hösten ")  # the one space kept
    pdf.text(60, y + 12, "och framåt.")
    path = tmp_path / "browser_wraps.pdf"
    pdf.output(str(path))
    assert "Prognos effekt\t1,5" in _rows(path)


def _text_object(x: float, y: float, text: str) -> bytes:
    """Text at (x, y) (PDF points, y up) set as a browser sets it: 16-point glyphs
    scaled by half."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return (
        b"BT /F1 16 Tf 0.5 0 0 0.5 %.2f %.2f Tm (" % (x, y)
        + escaped.encode("cp1252")
        + b") Tj ET\n"
    )


def test_a_hyphen_the_page_keeps_a_space_after_ends_a_word_of_its_own(tmp_path):
    """000 printed by a browser: 'Revidera IOP- människor i utsatthet' wrapped after
    'IOP- '; the browser sets the hyphen and the space after it as one text object, and
    the page's text keeps the space with no line break ('IOP- människor'). The hyphen
    at the line end was taken for a compound's, broken there ('IOP-människor'). Where
    the page's text has the space after the hyphen, the next line follows with it; a
    compound broken at its hyphen ('Bistånds-' / 'hushåll') is one word still."""
    rows = [  # (label lines as text objects, value), each row 22 points tall
        ([[(61.0, "Revidera IOP"), (104.0, "- ")], [(61.0, "människor i utsatthet")]], "0,5"),
        ([[(61.0, "Bistånds-")], [(61.0, "hushåll med barn")]], "1,0"),
    ]
    content = b"0.5 w\n"
    top = 760.0
    content += b"60 %.2f 150 16 re S 210 %.2f 60 16 re S\n" % (top, top)
    content += _text_object(62.0, top + 5, "Förslag") + _text_object(222.0, top + 5, "Effekt 2021")
    for lines, value in rows:
        top -= 22
        content += b"60 %.2f 150 22 re S 210 %.2f 60 22 re S\n" % (top, top)
        for k, line in enumerate(lines):
            for x, text in line:
                content += _text_object(x, top + 13 - 9.5 * k, text)
        content += _text_object(250.0, top + 13, value)
    path = tmp_path / "hyphen.pdf"
    path.write_bytes(raw_pdf(content))
    assert _rows(path) == [
        "Förslag\tEffekt 2021",
        "Revidera IOP- människor i utsatthet\t0,5",
        "Bistånds-hushåll med barn\t1,0",
    ]
