"""A line's words placed in PDFium's rectangles: the search used for lines of many
rectangles (``_by_rectangle_sorted``) gives what asking every word at every rectangle
(``_by_rectangle``) gives, on lines made up here: rectangles finer than words, coarser,
overlapping, words no rectangle holds, and sides that are not numbers."""

from __future__ import annotations

import math
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.pdf_build import raw_pdf

from sonanalys.readers import pdfium_page
from sonanalys.readers.pdfium_page import (
    _by_rectangle,
    _by_rectangle_sorted,
    _held_by_own_letter,
    _words_of_letters,
)

_X = st.floats(min_value=0, max_value=600, allow_nan=False)
_Y = st.floats(min_value=90, max_value=110, allow_nan=False)


@st.composite
def _boxes(draw) -> list[tuple[float, float, float, float]]:
    out = []
    for _ in range(draw(st.integers(1, 40))):
        x0, top = draw(_X), draw(_Y)
        out.append((x0, top, x0 + draw(st.floats(0, 80)), top + draw(st.floats(0, 12))))
    return out


@st.composite
def _words(draw) -> list[tuple]:
    out = []
    for k in range(draw(st.integers(0, 30))):
        mx, my = draw(_X), draw(_Y)
        out.append(((mx - 2, my - 4, mx + 2, my + 4), 10 * k, 10 * k + 5, mx, my))
    return out


def _both(boxes, words):
    rest_a, rest_b = list(words), list(words)
    a = list(_by_rectangle(boxes, rest_a))
    b = list(_by_rectangle_sorted(boxes, rest_b))
    return (a, rest_a), (b, rest_b)


@settings(max_examples=300, deadline=None)
@given(_boxes(), _words())
def test_the_search_places_words_as_asking_each_rectangle_does(boxes, words):
    plain, searched = _both(boxes, words)
    assert searched == plain


def test_a_word_goes_to_the_first_rectangle_that_holds_it():
    boxes = [(0.0, 100.0, 50.0, 110.0), (10.0, 100.0, 30.0, 110.0), (60.0, 100.0, 90.0, 110.0)]
    words = [
        ((18, 101, 22, 109), 0, 4, 20.0, 105.0),  # in the first two: the first takes it
        ((70, 101, 80, 109), 5, 9, 75.0, 105.0),
        ((200, 101, 210, 109), 10, 14, 205.0, 105.0),  # in none
    ]
    (plain, _rest_a), (searched, rest_b) = _both(boxes, words)
    assert searched == plain
    assert [box for box, _ in searched] == [boxes[0], boxes[2]]
    assert rest_b == [words[2]]


def test_a_side_that_is_no_number_is_placed_as_before():
    boxes = [(math.nan, 100.0, 50.0, 110.0), (0.0, 100.0, 50.0, 110.0)]
    words = [((18, 101, 22, 109), 0, 4, 20.0, 105.0)]
    (plain, _), (searched, _) = _both(boxes, words)
    assert searched == plain == [(boxes[1], [words[0]])]


def test_sides_infinite_both_ways_are_placed_as_before():
    boxes = [(-math.inf, 100.0, math.inf, 110.0), (0.0, 100.0, 50.0, 110.0)]
    words = [((18, 101, 22, 109), 0, 4, 20.0, 105.0)]
    (plain, _), (searched, _) = _both(boxes, words)
    assert searched == plain == [(boxes[0], [words[0]])]


# A line whose every letter is a text object of its own (as a browser prints): its words'
# boxes from the line's rectangles, one a letter, as PDFium gives each word's own


@st.composite
def _letter_line(draw):
    """A line's text (words between runs of spaces) and a box per letter."""
    words = draw(st.lists(st.text("abcÅ1-,", min_size=1, max_size=6), min_size=1, max_size=8))
    gaps = [" " * draw(st.integers(1, 3)) for _ in words[1:]]
    text = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    boxes = []
    for _ in range(len(text) - text.count(" ")):
        x0, top = draw(_X), draw(_Y)
        boxes.append((x0, top, x0 + draw(st.floats(0.01, 9)), top + draw(st.floats(0.01, 12))))
    return text, boxes


def _union(boxes):
    return (
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_letter_line(), st.integers(0, 5))
def test_a_words_box_is_the_union_of_its_letters(line, lead):
    text, boxes = line
    page = "x" * lead + text + "\r\n"  # the line as it stands in the page's text
    words = _words_of_letters(page, lead, lead + len(text), boxes)
    letters = iter(boxes)
    expected = []
    for m in re.finditer(r"[^ ]+", text):
        own = [next(letters) for _ in m.group()]
        b = _union(own)
        start, end = lead + m.start(), lead + m.end()
        expected.append((b, start, end, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
    assert words == expected


@st.composite
def _printed_line(draw):
    """A line's text and a box a letter set left to right, as a browser prints it: each
    letter after the one before, now and then overlapping it or set higher or lower, a
    word space or a column's gap between words."""
    words = draw(st.lists(st.text("abcÅ1-,", min_size=1, max_size=6), min_size=1, max_size=8))
    text = " ".join(words)
    boxes = []
    x = draw(st.floats(0, 50))
    for word in words:
        for _ in word:
            x += draw(st.sampled_from([0.0, 0.0, 0.0, -0.3, -4.0, 0.4]))  # kerned, overlapping
            w = draw(st.floats(0.5, 8))
            top = 100.0 + draw(st.sampled_from([0.0, 0.0, 0.0, -3.0, 6.0]))  # raised, lowered
            boxes.append((x, top, x + w, top + 10.0))
            x += w
        x += draw(st.sampled_from([2.5, 2.8, 0.2, 30.0]))
    return text, boxes


@settings(max_examples=500, deadline=None)
@given(st.one_of(_printed_line(), _letter_line()))
def test_words_held_by_their_own_letters_are_placed_as_each_rectangle_asked(line):
    """Where every word's middle lies in one of its own letters and in no letter before
    them, the rectangles ``_held_by_own_letter`` names are those ``_by_rectangle`` gives
    the words, each one word, in order, none left over; else it names none."""
    text, boxes = line
    words = _words_of_letters(text + "\r\n", 0, len(text), boxes)
    held = _held_by_own_letter(boxes, words)
    rest = list(words)
    placed = list(_by_rectangle(boxes, rest))
    if held is not None:
        assert placed == [(boxes[k], [w]) for k, w in zip(held, words, strict=True)]
        assert rest == []


def test_a_letter_before_a_word_that_reaches_its_middle_leaves_it_to_the_search():
    # 'ab' and 'c': the a's box reaches over c's middle (a letter set wide, then back)
    boxes = [(0.0, 100.0, 30.0, 110.0), (10.0, 100.0, 14.0, 110.0), (20.0, 100.0, 24.0, 110.0)]
    words = _words_of_letters("ab c\r\n", 0, 4, boxes)
    assert _held_by_own_letter(boxes, words) is None
    rest = list(words)
    # the search gives c to a's rectangle, not its own
    assert [box for box, _ in _by_rectangle(boxes, rest)] == [boxes[0]]
    # set apart, each word is held by its own letters
    apart = [(0.0, 100.0, 4.0, 110.0), (4.0, 100.0, 8.0, 110.0), (20.0, 100.0, 24.0, 110.0)]
    assert _held_by_own_letter(apart, _words_of_letters("ab c\r\n", 0, 4, apart)) == [0, 2]


def _letters_pdf(path: Path, lines: list[list[str]], spaced: int = -1) -> Path:
    """Each letter shown by a text operator of its own in one text block, placed from
    the one before (a text object a letter, as a browser prints: ``12.9 0 Td <0048>
    Tj``), words a space's width apart and a row's cells 24 points apart; Helvetica's
    widths from fpdf2's metrics, given in the font as well. Row ``spaced`` shows each
    word's last letter together with the space after it (a space of the page's own, in
    that letter's text object)."""
    from fpdf import FPDF

    metrics = FPDF(unit="pt")
    metrics.add_page()
    metrics.set_font("Helvetica", "", 10)
    shows = []
    for k, cells in enumerate(lines):
        shows.append(b"1 0 0 1 60 %d Tm" % (780 - 16 * k))
        step = 0.0  # from the letter before to this one
        for cell in cells:
            for word in cell.split(" "):
                for j, ch in enumerate(word):
                    own = ch + " " if k == spaced and j == len(word) - 1 else ch
                    letter = own.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
                    shows.append(b"%.4f 0 Td (" % step + letter + b") Tj")
                    step = metrics.get_string_width(own)
                step += 0 if k == spaced else metrics.get_string_width(" ")
            step += 24
    content = b"BT /F1 10 Tf\n" + b"\n".join(shows) + b"\nET"
    # the widths the letters were placed by, so that PDFium's boxes meet end to end
    cw = metrics.current_font.cw
    widths = b" ".join(
        b"%d" % cw.get(bytes([c]).decode("cp1252", errors="replace"), 0) for c in range(32, 256)
    )
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        b"/FirstChar 32 /LastChar 255 /Widths [%s] >>" % widths
    )
    path.write_bytes(raw_pdf(content, font))
    return path


def test_a_page_set_letter_by_letter_reads_as_asking_each_word(tmp_path, monkeypatch):
    """The page's runs, their boxes and text, are what asking PDFium for each word's
    rectangles gives; and the letters' own path is the one taken."""
    pdf = _letters_pdf(
        tmp_path / "bokstaver.pdf",
        [
            ["Nettokostnad per verksamhet i mnkr, utfall och prognos för helåret 2023"],
            ["Barn och unga", "1 801,5", "-81,5"],
            ["Ekonomiskt bistånd", "12", "-3,2"],
            ["Summa", "1 813,5", "-84,7"],
            ["Varav köpt vård", "1 402,5", "-80,1"],  # its spaces the page's own
        ],
        spaced=4,
    )
    data = pdf.read_bytes()

    def runs() -> list:
        return [
            [(r.x0, r.top, r.x1, r.bottom, r.text, r.start, r.end, r.spaced) for r in page.runs]
            for page, _tp in pdfium_page.pages(data)
        ]

    taken = []
    real = pdfium_page._words_of_letters
    monkeypatch.setattr(pdfium_page, "_words_of_letters", lambda *a: taken.append(a[1]) or real(*a))
    held = []
    own = pdfium_page._held_by_own_letter
    monkeypatch.setattr(
        pdfium_page, "_held_by_own_letter", lambda *a: held.append(own(*a)) or held[-1]
    )
    by_letters = runs()
    # every line of letters but the one whose spaces are the page's own (in a text
    # object with a letter, its rectangle wider than the word); each of their words
    # held by its own letters, so made a run without the search
    assert len(taken) == 4
    assert len(held) == 4 and None not in held
    monkeypatch.setattr(pdfium_page, "_spaces_generated", lambda *a: False)
    asked = runs()
    assert by_letters == asked
    texts = [r[4] for r in by_letters[0]]
    assert texts[:3] == ["Nettokostnad", "per", "verksamhet"]
    assert "Barn" in texts and "801,5" in texts and "-81,5" in texts and "-84,7" in texts
