"""A line's words placed in PDFium's rectangles: the search used for lines of many
rectangles (``_by_rectangle_sorted``) gives what asking every word at every rectangle
(``_by_rectangle``) gives, on lines made up here: rectangles finer than words, coarser,
overlapping, words no rectangle holds, and sides that are not numbers."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from sonanalys.readers.pdfium_page import _by_rectangle, _by_rectangle_sorted

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
