"""The cheap first tests the space-separated layouts ask before reading (readers.spaced):
``may_end_in_value`` (can a line end in values at all), ``_rows_below`` (``read``: two
lines under the header that may be rows, the second perhaps after a page break),
``read_list``'s first row, ``_no_stacked_start``
(``read_stacked``), ``_AMOUNT_END`` (``read_amounts``) and ``cellrun``'s
``_too_few_cells`` and ``_prose_first``. They are there for speed only:
each must be a necessary condition of what the full reading finds, so that no table is
lost. Checked here on every line of the real documents in tests/corpus and data/raw, on
every word of them as a line's last, and on generated lines: with the tests switched off,
each layout reads exactly the same at every line. ``split_row``'s fast way through a line
without a digit reads it as the word-by-word ``_split_row`` does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonanalys import memo, paths
from sonanalys.readers import cellrun, layouts, read, spaced
from sonanalys.readers import text as text_reader
from sonanalys.readers.lines import Lines
from sonanalys.readers.spaced import _split_row, may_end_in_value, split_row

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = [
    *sorted(paths.RAW.glob("*.txt")),
    *sorted((CORPUS / "text").glob("*.txt")),
    *sorted((CORPUS / "round2").glob("*.txt")),
    *sorted((CORPUS / "found" / "documents").glob("*.txt")),
    *sorted((CORPUS / "html").glob("*.html")),
    *sorted((CORPUS / "pdf").glob("*.pdf")),
    *sorted((CORPUS / "printed").glob("*.pdf")),  # the text excerpts as PDFs print them
    *sorted((CORPUS / "written").glob("*.docx")),
]


@pytest.fixture(scope="module")
def documents() -> dict[str, list[str]]:
    """Each document's lines as the layouts see them (``Document.lines``)."""
    out = {}
    for path in DOCUMENTS:
        memo.forget()
        out[path.name] = read(path).lines
    assert len(out) >= 90 and sum(len(v) for v in out.values()) > 8_000
    return out


def _endings(line: str) -> list[str]:
    """The line and each of its beginnings that ends at the end of a word: every word of
    it as a line's last, with the words before it."""
    return [line, *(line[: m.end()] for m in re.finditer(r"\S+", line))]


def test_may_end_in_value_whenever_split_row_finds_values(documents):
    seen = found = 0
    for lines in documents.values():
        for line in lines:
            for text in _endings(line):
                seen += 1
                if split_row(text)[1]:
                    found += 1
                    assert may_end_in_value(text), text
    assert found > 10_000 and seen > 70_000  # the corpus has many rows, and more prose


@pytest.mark.parametrize(
    "line",
    [
        "Hemtjänst 2 609 st",
        "Hemtjänst 2 609st",
        "Andel 3,7 %",
        "Kostnad 12 tkr",
        "Kostnad 12tkr",
        "Ej rapporterat x",
        "Ej rapporterat ..",
        "Ej rapporterat –",
        "Ej rapporterat -",
        "Ej rapporterat …",
        "1 801",
        "\u00a0-81,5\u00a0",
        "Sida 3\f",
    ],
)
def test_may_end_in_value_on_each_kind_of_last_token(line):
    assert split_row(line)[1]
    assert may_end_in_value(line)


def test_ends_in_value_is_split_rows_answer(documents):
    """``ends_in_value`` (the rows the layouts may read) says exactly whether ``split_row``
    finds values at the line's end, on every line of the corpus and every beginning of
    one (each word as a line's last)."""
    seen = found = 0
    for lines in documents.values():
        for line in lines:
            for text in _endings(line):
                seen += 1
                has = bool(split_row(text)[1])
                found += has
                assert spaced.ends_in_value(text) == has, text
    assert found > 10_000 and seen > 70_000


@pytest.mark.parametrize(
    "line",
    ["Kostnad 12 %", "Kostnad 12 % %", "Hemtjänst 2 609 st", "Antal 2020 st", "Text st",
     "Sida 3 (26)", "uppskattades till 2026.", "x %", "- st", "12tkr", "Andel 3,7%"],
)  # fmt: skip
def test_ends_in_value_with_a_unit_or_percent_last(line):
    assert spaced.ends_in_value(line) == bool(split_row(line)[1])


def test_may_end_in_value_is_no_digit_test():
    # it says no where no value can end the line (prose, a header of words)
    assert not may_end_in_value("Intäkterna ökar mellan åren, vilket till största del")
    assert not may_end_in_value("Mått/nyckeltal Utfall Prognos Utfall")
    assert not may_end_in_value("och ligger över målet på 85 %.")
    assert not may_end_in_value("   ")
    assert not split_row("Text med x-")[1] and not may_end_in_value("Text med x-")


_WORDS = st.sampled_from(
    ["3", "067", "1,5", "-4", "−12", "0", "039", "1.640", "9.5", "12tkr", "609st", "%", "st",
     "st.", "ST", "kr", "Kronor", "dygn", "x", "X", "-", "–", "..", "…", "2020", "2019/20",
     "Antal", "barn", "ſt", "kr.", "a1", "(2025)", "85%.", "år"]
)  # fmt: skip
_SPACE = st.sampled_from([" ", "  ", "\t", "\u00a0", "\f", "\u2009"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SPACE), max_size=8), _SPACE)
def test_may_end_in_value_on_generated_lines(words, end):
    line = "".join(w + s for w, s in words) + end
    if split_row(line)[1]:
        assert may_end_in_value(line)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SPACE), max_size=8), _SPACE)
def test_ends_in_value_on_generated_lines(words, end):
    line = "".join(w + s for w, s in words) + end
    assert spaced.ends_in_value(line) == bool(split_row(line)[1])


def test_split_row_reads_as_word_by_word(documents):
    lines = 0
    for doc in documents.values():
        for line in doc:
            for text in _endings(line):
                assert split_row(text) == _split_row(text), text
                lines += 1
    assert lines > 70_000


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SPACE), max_size=8), _SPACE)
def test_split_row_reads_generated_lines_as_word_by_word(words, end):
    line = "".join(w + s for w, s in words) + end
    assert split_row(line) == _split_row(line)


_HEAD = ["Kostnad 2022 2023", "Hemtjänst 1 200 1 300"]
_REST = ["Boende 2 400 2 500", "Övrigt 300 350", ""]


@pytest.mark.parametrize(
    "between",
    [["", "Sida 2", ""], ["\f"], ["", "\f", ""], ["", "Delårsrapport 2023 2 (9)", ""]],
)
def test_one_row_then_a_page_break(between):
    """One row above a page break (a form feed, a page's mark or running header among
    the blank lines): the table goes on below it, and ``_rows_below`` lets it be read."""
    lines = _HEAD + between + _REST
    found = spaced.read(lines, 0)
    assert found is not None and found == spaced._read(lines, 0)
    labels = [r.cells[0].text for r in found[0].rows]
    assert labels == ["Kostnad", "Hemtjänst", "Boende", "Övrigt"]


def test_one_row_then_its_header_again_after_a_form_feed():
    """The page break within the lines under the first row: the header printed again
    after a form feed, then a blank line and the rows of the next page."""
    lines = ["Verksamhet Budget Utfall", "Hemtjänst 1 200 1 300", "\fVerksamhet Budget Utfall"]
    lines += ["", *_REST]
    found = spaced.read(lines, 0)
    assert found is not None and found == spaced._read(lines, 0)
    assert [r.cells[0].text for r in found[0].rows][1:] == ["Hemtjänst", "Boende", "Övrigt"]


_DEEP = ["Kommun 2020 2021", "Totalt Totalt", "Per Per", "tusen tusen", "invånare invånare"]
_DEEP += ["Barn och unga", "med insatser", "i hemkommunen"]


def test_the_first_row_as_far_below_the_header_as_read_reads_it():
    """Four lines of a group repeated under each year, three label lines waiting for their
    values: the first row stands eight lines below the header, and is read; one label
    line more and no table is read, and ``_rows_below`` looks no further."""
    lines = [*_DEEP, "Stockholm 1 200 1 300", "Malmö 800 850", ""]
    found = spaced.read(lines, 0)
    assert found is not None and found == spaced._read(lines, 0)
    assert [r.cells[0].text for r in found[0].rows][-2:] == ["Stockholm", "Malmö"]
    lines = [*_DEEP, "en rad till", "Stockholm 1 200 1 300", "Malmö 800 850", ""]
    assert spaced._read(lines, 0) is None and not spaced._rows_below(lines, 0)


class _Counted(list):
    """A document's lines that count how many times a line is looked at."""

    looked = 0

    def __getitem__(self, k):
        self.looked += 1
        return super().__getitem__(k)


def test_rows_below_looks_a_few_lines_down_a_long_paragraph():
    # a long run of prose without a blank line (a Word document's paragraphs as lines):
    # asked at each of its lines, it must not read on to the run's end each time
    lines = _Counted(["Ord och mer text utan tal i en lång rad"] * 2000 + ["Värde 1", "Värde 2"])
    assert not spaced._rows_below(lines, 0)
    assert lines.looked <= spaced._FIRST_ROW_WITHIN
    lines.looked = 0
    assert spaced._rows_below(lines, 1995)  # the two rows below


def test_one_line_paragraphs_are_not_walked_to_their_end():
    # a page of one-sentence paragraphs, a blank line between (a Word document's text):
    # asked at each paragraph, neither the one-cell-per-line nor the double-spaced
    # reader reads on to the page's end (they did, from every paragraph: quadratic)
    text = "Det här är en mening i ett stycke, som slutar med en punkt."
    lines = _Counted([x for _ in range(2000) for x in (text, "")])
    # (at most the first six cells and the blank lines between, to know the run holds
    # enough cells for a table, then the first two cells for a value)
    assert cellrun.read(lines, 0) is None and lines.looked <= 30
    lines.looked = 0
    assert spaced.read_double_spaced(lines, 0) is None and lines.looked <= 12


def test_a_sentence_over_a_one_cell_per_line_table():
    """A caption sentence above the header cells is header (no table), but a sentence
    right before the first value is the first row's label."""
    cells = ["Kommun", "Antal", "Övriga kommuner i länet.", "1 200", "Lund", "300", "Ystad", "80"]
    lines = [x for c in cells for x in (c, "")]
    found = cellrun.read(lines, 0)
    assert found is not None and not cellrun._prose_first(lines, 0)
    assert [r.cells[0].text for r in found[0].rows][1] == "Övriga kommuner i länet."
    caption = ["Tabellen visar antalet.", "", *lines]
    assert cellrun.read(caption, 0) is None and cellrun._prose_first(caption, 0)


@pytest.mark.parametrize("between", [[""], ["", "Text"]])
def test_one_row_then_a_blank_line(between):
    lines = _HEAD + between + _REST
    assert not spaced._rows_below(lines, 0)
    assert spaced._read(lines, 0) is None  # one row is no table


def _every_reading(lines: list[str]) -> list:
    readers = [
        spaced.read,
        spaced.read_double_spaced,
        spaced.read_stacked,
        spaced.read_list,
        spaced.read_amounts,
        cellrun.read,
    ]
    return [[r(lines, i) for r in readers] for i in range(len(lines))]


def test_the_gates_change_no_reading(documents, monkeypatch):
    """At every line of every document, each layout finds the same table (or none) with
    its cheap first tests as without them."""
    gated = {}
    for name, lines in documents.items():
        memo.forget()
        gated[name] = _every_reading(lines)
    monkeypatch.setattr(spaced, "may_end_in_value", lambda line: True)
    monkeypatch.setattr(spaced, "ends_in_value", lambda line: True)
    monkeypatch.setattr(spaced, "_rows_below", lambda lines, i: True)
    monkeypatch.setattr(spaced, "_no_stacked_start", lambda first: False)
    monkeypatch.setattr(spaced, "_AMOUNT_END", re.compile(""))
    monkeypatch.setattr(cellrun, "_prose_first", lambda lines, i: False)
    monkeypatch.setattr(cellrun, "_too_few_cells", lambda lines, i: False)
    tables = 0
    for name, lines in documents.items():
        memo.forget()
        full = _every_reading(lines)
        for i, (a, b) in enumerate(zip(gated[name], full, strict=True)):
            assert a == b, (name, i + 1, lines[i])
            tables += sum(x is not None for x in b)
    assert tables > 100  # the documents hold tables of each of these layouts


def _needs_hold(lines: list[str]) -> tuple[int, int, int]:
    """At every line of ``lines``, each layout whose needs do not hold there
    (``layouts.facts_of``, and ``facts_going_on`` inside a paragraph) finds no table and
    ends no paragraph. (lines looked at, layouts not asked, tables found)"""
    lines = Lines(lines)
    looked = skipped = found = 0
    run_end = run_last = -1
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if i >= run_end:
            run_end, run_last = spaced.run_of_rows(lines, i)
        looked += 1
        facts = layouts.facts_of(lines, i, run_end, run_last)
        going_on = i > 0 and lines[i - 1].strip()
        on = layouts.facts_going_on(line, run_last > i) if going_on else layouts.ALL_FACTS
        for lay in text_reader.LAYOUTS:
            if lay.needs & facts != lay.needs:
                skipped += 1
                assert lay.find(lines, i) is None, (lay.name, i + 1, line)
                assert not (lay.starts and lay.starts(lines, i)), (lay.name, i + 1, line)
            elif lay.find(lines, i) is not None:
                found += 1
            if lay.starts and lay.needs & on != lay.needs:
                assert not lay.starts(lines, i), (lay.name, i + 1, line)
    return looked, skipped, found


def test_each_layout_finds_nothing_where_its_needs_fail(documents):
    """``Layout.needs``: a layout is not asked at a line without the facts it needs
    (readers.layouts), so each must be a necessary condition of its finding a table (or
    of ending a paragraph): checked at every line of every document, the layouts asked
    everywhere."""
    looked = skipped = found = 0
    for lines in documents.values():
        memo.forget()
        a, b, c = _needs_hold(lines)
        looked, skipped, found = looked + a, skipped + b, found + c
    assert looked > 5_000 and skipped > 20_000 and found > 300


_LINE_WORDS = st.sampled_from(
    ["Budget", "Utfall", "Prognos", "2023", "2024", "1 200", "3", "-", "x", "..", "12,5", "%",
     "tkr", "mnkr", "kr", "st", "Hemtjänst", "barn", "och", "unga", "|", "\t", "Sida", "(3)",
     "Summa", "Kommun", "+2", "t.kr", "miljoner", "kronor.", "Totalt", "text.", "jan-aug"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LINE_WORDS, max_size=12).map(" ".join), min_size=1, max_size=14))
def test_needs_hold_on_generated_lines(lines):
    memo.forget()
    _needs_hold(lines)


@pytest.mark.parametrize(
    "lines",
    [
        # a wrapped header whose second line is long (53 characters)
        ["Investeringar och exploateringar Budget",
         "2019 Budget 2020 Budget 2021 Plan 2022 Plan 2023 Plan", "2024",
         "Hyra 100 200 300 400 500 600", "Lön 1 2 3 4 5 6", ""],
        # the stub's cell, then header cells one a line, the first of 36 characters
        ["Netto, tkr", "", "Bokslut verksamhetsåret jan-dec 2009", "",
         "Budget 2010", "", "Hyra 100 200", "", "Lön 1 2", ""],
    ],
)  # fmt: skip
def test_a_stacked_header_with_long_lines_is_asked_for(lines):
    """``read_stacked``'s need (``layouts.STACK_HEAD``) at the limits of its lines: the
    table is read, and the need holds at its first line."""
    memo.forget()
    lines = Lines(lines)
    assert spaced.read_stacked(lines, 0) is not None
    run_end, run_last = spaced.run_of_rows(lines, 0)
    assert layouts.facts_of(lines, 0, run_end, run_last) & layouts.STACK_HEAD
    _needs_hold(lines)
