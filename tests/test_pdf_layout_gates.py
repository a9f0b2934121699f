"""The cheap first looks in readers/pdf_layout.py that spare the page-layout work where
it cannot answer (``find`` before the lines are measured, the page's furniture before
its patterns, a table's captions before the document's furniture is collected,
``join_spanned`` before it looks for words broken at a cell's end): each says no only
where the full work would find nothing, and leaves every case it can answer to it."""

from __future__ import annotations

from sonanalys.model import Cell, Document, Heading, Paragraph, Row, Table
from sonanalys.readers import pdf_layout as PL
from sonanalys.readers.pdfium_page import Run

H = 9.0  # a line's height in points


def _line(y: float, *cells: tuple[float, str]) -> list[Run]:
    """One line's runs: each (left edge, text), about 5 points a character."""
    return [Run(x, y, x + 5.0 * len(t), y + H, t) for x, t in cells]


def _numbers(rows: list[tuple[str, str, str]], y0: float = 100.0) -> list[list[Run]]:
    """Lines of a label and two numbers right-aligned at 200 and 260."""
    out = []
    for k, (label, a, b) in enumerate(rows):
        y = y0 + 14.0 * k
        out.append(
            [
                Run(40.0, y, 40.0 + 5.0 * len(label), y + H, label),
                Run(200.0 - 5.0 * len(a), y, 200.0, y + H, a),
                Run(260.0 - 5.0 * len(b), y, 260.0, y + H, b),
            ]
        )
    return out


def test_numbers_on_two_lines_make_a_table_and_digits_in_words_do_not():
    table = _numbers([("Barn och unga", "52 100", "55 300"), ("Vuxna", "40 000", "38 750")])
    assert PL._number_lines(table)
    found = PL.find(table)
    assert [len(t.anchors) for t in found] == [2]
    # years and dates that begin lines at one place (what lets a region past the first
    # look) are words of sentences, not numbers: no table, and no lines measured
    prose = [
        _line(100.0, (40.0, "2023 ökade kostnaderna för placeringar")),
        _line(114.0, (40.0, "2024 minskade de igen efter åtgärder")),
    ]
    assert PL._numbers_line_up(prose)
    assert not PL._number_lines(prose)
    assert PL.find(prose) == []
    # numbers inside sentences' words: no line begins a number
    words = [
        _line(100.0, (40.0, "Utfallet blev 5 mnkr")),
        _line(114.0, (40.0, "Prognosen är 7 mnkr")),
    ]
    assert not PL._number_lines(words)
    assert PL.find(words) == []
    # a minus sign set as a run of its own begins the number
    signed = [
        [*_line(100.0 + 14.0 * k, (40.0, label)), Run(168.0, y, 173.0, y + H, "−"),
         Run(175.0, y, 200.0, y + H, value)]
        for k, (label, value) in enumerate([("Barn och unga", "3 200"), ("Vuxna", "1 250")])
        for y in [100.0 + 14.0 * k]
    ]  # fmt: skip
    assert PL._number_lines(signed)
    assert [t.anchors for t in PL.find(signed)] == [[200.0]]
    # a number on one line only: no column of numbers either way
    one = [table[0], _line(114.0, (40.0, "Källa: ekonomisystemet"))]
    assert not PL._number_lines(one)
    assert PL.find(one) == []


def test_a_page_mark_or_a_date_is_furniture_and_a_line_ending_otherwise_is_not():
    assert PL._furniture(_line(800.0, (500.0, "3 (17)")))
    assert PL._furniture(_line(800.0, (40.0, "Delårsrapport augusti 2023"), (500.0, "3 (17)")))
    assert PL._furniture(_line(800.0, (500.0, "2023-05-03 ")))
    assert PL._furniture(_line(800.0, (40.0, "Sida 4 av 12")))
    assert not PL._furniture(_line(800.0, (40.0, "Sida 4 av 12 Bilaga")))
    assert not PL._furniture(_line(800.0, (40.0, "Summa kostnader 2023:")))
    assert not PL._furniture(_line(800.0, (40.0, "Tabell 3"), (200.0, "Kostnader")))


def _doc(lines: list[str], page_starts: list[int], blocks: list) -> Document:
    return Document("x.pdf", blocks, format="pdf", page_starts=page_starts, lines=lines)


def _table(caption: str, line: int) -> Table:
    return Table([Row([Cell("Summa", line), Cell("1 801", line)], line)], "pdf", caption, line)


def test_a_caption_past_the_running_foot_is_the_heading_above_it():
    lines = [
        "Kostnader per verksamhet",  # 1: a heading
        "text",
        "Delårsrapport augusti 2023 3 (17)",  # 3: the page's running foot
        "Tabell 3",  # 4, next page: a heading that ends in a digit, no page mark
        "Summa\t1 801",
        "Delårsrapport augusti 2023 4 (17)",  # 6: the foot, and a table's caption
        "Summa\t1 801",
    ]
    foot = Heading(lines[2], 3)
    late = Heading(lines[5], 6)
    t1, t2, t3 = _table(lines[2], 5), _table("Tabell 3", 5), _table(lines[5], 7)
    blocks = [Heading(lines[0], 1), Paragraph("text", 2), foot, t1, Heading(lines[3], 4), t2]
    doc = _doc(lines, [1, 4], [*blocks, late, t3])
    PL.captions_past_furniture(doc)
    assert t1.caption == "Kostnader per verksamhet"  # the foot passed over
    assert t2.caption == "Tabell 3"  # a heading that ends in a digit is a heading
    # line 6 is the last line of a page with text (page_starts [1, 4]): furniture too
    assert t3.caption == "Tabell 3"


def test_a_caption_is_kept_when_the_page_mark_stands_mid_page():
    # a line with a page mark that is none of a page's first or last three lines with
    # text is no furniture: a heading, and the caption it gives stays
    lines = ["a", "b", "c", "Se bilaga 2 (3)", "d", "e", "f", "g"]
    t = _table("Se bilaga 2 (3)", 5)
    doc = _doc(lines, [1], [Heading(lines[3], 4), t])
    PL.captions_past_furniture(doc)
    assert t.caption == "Se bilaga 2 (3)"


def test_a_mark_of_a_word_broken_at_a_cells_end_is_taken_away_and_a_soft_hyphen_kept():
    box = (0.0, 0.0, 50.0, 10.0)
    b2 = (50.0, 0.0, 90.0, 10.0)
    header = [("Tillgängliggöran" + PL.BREAK, box), ("Budget", b2)]
    under = [("de", (0.0, 10.0, 50.0, 20.0)), ("", (50.0, 10.0, 90.0, 20.0))]
    data = [("Ombyggnad" + PL.BREAK, (0.0, 20.0, 50.0, 30.0)), ("1 801", (50.0, 20.0, 90.0, 30.0))]
    out = PL.join_spanned([header, under, data])
    assert [[t for t, _ in row] for row in out] == [
        ["Tillgängliggörande", "Budget"],
        ["", ""],
        ["Ombyggnad", "1 801"],
    ]
    # no mark anywhere: the rows come back as they are; a soft hyphen inside a word is
    # the document's own text
    plain = [[("Ombygg\u00adnad", box), ("1 801", b2)], [("Vuxna", box), ("40", b2)]]
    assert PL.join_spanned(plain) == plain


def test_a_short_header_in_the_gap_spans_the_columns_it_is_centred_over():
    t = PL.Table(0, 3, value_left=150.0, label_right=100.0)
    cols = [(150.0, 200.0), (210.0, 260.0), (270.0, 320.0)]
    mid = PL.Phrase(199.0, 80.0, 211.0, 89.0, "2023")  # centred over the first two
    line = [mid]
    assert PL._centred_in_gap(mid, t, cols, line) == [0, 1]
    far = PL.Phrase(300.0, 80.0, 305.0, 89.0, "y")  # in no gap
    assert PL._centred_in_gap(far, t, cols, line) == []
    narrow = [(150.0, 200.0), (210.0, 260.0), (300.0, 310.0)]
    off = PL.Phrase(275.0, 80.0, 285.0, 89.0, "åå")  # in the second gap, centred over none
    assert PL._centred_in_gap(off, t, narrow, [off]) == []
    assert PL._centred_in_gap(mid, t, cols, ()) == []  # no line: a body's cell


def test_a_line_joins_its_next_without_a_space_only_after_a_word_and_its_hyphen():
    assert PL.join_lines(["Individ- och familje-", "omsorg"]) == "Individ- och familje-omsorg"
    assert PL.join_lines(["Barn-", "och unga"]) == "Barn- och unga"
    assert PL.join_lines(["Totalt -", "Summa"]) == "Totalt - Summa"  # a dash alone
    assert PL.join_lines(["Kostnad –", "intäkt"]) == "Kostnad – intäkt"
    assert PL.join_lines(["2023-", "2024"]) == "2023-2024"
    assert PL.join_header_lines(["Prognos-", "avvikelse", "2024"]) == "Prognos-avvikelse / 2024"
    assert PL.join_header_lines(["Budget -", "Utfall"]) == "Budget - / Utfall"


def test_a_header_date_wrapped_after_its_day_is_one_phrase():
    assert PL.join_header_lines(["Utfall", "per 31", "aug."]) == "Utfall per 31 aug."
    assert PL.join_header_lines(["Saldo 30", "juni 2024"]) == "Saldo 30 juni 2024"
    assert PL.join_header_lines(["Budget 2024", "augusti"]) == "Budget 2024 / augusti"
    assert PL.join_header_lines(["Utfall 31", "marknad"]) == "Utfall 31 / marknad"
