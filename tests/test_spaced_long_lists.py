"""A long list of short one-line paragraphs (a Word document's bullet list, a list of
names) is segmented in work that grows with its length, not with its square: the
layouts' walks down such a run (cellrun's run of one-line cells, a wrapped PDF header's
lines) are made once per run, not again from each line of it. Work is counted, not time:
the questions asked of the lines' text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonanalys import memo
from sonanalys.readers import cellrun, spaced
from sonanalys.readers.lines import Lines
from sonanalys.readers.text import segment

N = 2_000


class _Counted:
    """A compiled pattern whose ``match`` calls are counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.fullmatch(text)


@pytest.mark.parametrize(
    "item",
    [
        lambda k: f"Anna{'x' * (k % 7)} Svensson",  # a list of names
        lambda k: f"• Ny rutin för ansökan{'x' * (k % 7)}",  # a Word document's bullets
    ],
)
def test_a_long_list_of_one_line_paragraphs_is_read_in_linear_work(monkeypatch, item):
    lines = [x for k in range(N) for x in (item(k), "")]
    numeric = {"calls": 0}
    plain_numeric = cellrun._numeric

    def counted_numeric(text: str) -> bool:
        numeric["calls"] += 1
        return plain_numeric(text)

    header_token = _Counted(spaced._HEADER_TOKEN)
    header_line = _Counted(spaced._HEADER_LINE)
    monkeypatch.setattr(cellrun, "_numeric", counted_numeric)
    monkeypatch.setattr(spaced, "_HEADER_TOKEN", header_token)
    monkeypatch.setattr(spaced, "_HEADER_LINE", header_line)
    memo.forget()
    blocks, _ = segment(lines)
    # the list as it is: one block per item, on its own line
    assert [(b.text, b.line) for b in blocks] == [(item(k), 2 * k + 1) for k in range(N)]
    # a few questions per line (the old code asked 2 000 000 of each: every line below)
    assert numeric["calls"] < 10 * N
    assert header_token.calls + header_line.calls < 10 * N


def test_a_long_list_above_one_number_is_read_in_linear_work(monkeypatch):
    """A list of names, then one number: from each name, ``cellrun.read`` took the names
    above the number as a one-row table's caption and header, found too few rows, and did
    it again from the next name (2 000 names: 1,4 s). The same too few rows follow from
    each of them, and are found once."""
    names = [f"Anna{'x' * (k % 7)} Svensson" for k in range(N)]
    lines = [x for name in names for x in (name, "")] + ["42", ""]
    numeric = {"calls": 0}
    plain_numeric = cellrun._numeric

    def counted_numeric(text: str) -> bool:
        numeric["calls"] += 1
        return plain_numeric(text)

    monkeypatch.setattr(cellrun, "_numeric", counted_numeric)
    memo.forget()
    blocks, _ = segment(lines)
    assert [(b.text, b.line) for b in blocks] == [
        *((name, 2 * k + 1) for k, name in enumerate(names)),
        ("42", 2 * N + 1),
    ]
    assert numeric["calls"] < 10 * N  # the old code: about 2 000 000


def test_a_long_list_above_a_wrapped_header_is_read_in_linear_work(monkeypatch):
    """A list of names, then a wrapped header's line of a year and a row under it: from
    each name ``spaced._wrapped_header`` walked the names down to the header and read
    them all as its words (2 000 names: 4,4 s). The walk and what it reads are the same
    from each name down to the header, and are made once."""
    names = [f"Anna{'x' * (k % 7)} Svensson" for k in range(N)]
    lines = [x for name in names for x in (name, "")] + ["2024 Budget", "Kostnad 1 2", ""]
    header_token = _Counted(spaced._HEADER_TOKEN)
    header_line = _Counted(spaced._HEADER_LINE)
    cell_start = {"calls": 0}
    plain_cell_start = spaced._cell_start

    def counted_cell_start(word: str) -> bool:
        cell_start["calls"] += 1
        return plain_cell_start(word)

    monkeypatch.setattr(spaced, "_HEADER_TOKEN", header_token)
    monkeypatch.setattr(spaced, "_HEADER_LINE", header_line)
    monkeypatch.setattr(spaced, "_cell_start", counted_cell_start)
    memo.forget()
    blocks, _ = segment(lines)
    assert [(b.text, b.line) for b in blocks] == [
        *((name, 2 * k + 1) for k, name in enumerate(names)),
        ("2024 Budget Kostnad 1 2", 2 * N + 1),
    ]
    # a few questions per line (the old code asked about 4 000 000 of each)
    assert header_token.calls + header_line.calls < 10 * N
    assert cell_start["calls"] < 10 * N


_STUB_WORDS = ["Investeringar", "och", "exploateringar", "Anna", "tkr", "2021", "x-"]
_KINDS = ["Budget", "Plan", "Utfall", "Period", "Prognos", "Anna"]
_YEARS = ["2019", "2020", "2021", "2022", "2019-2022", "2023-"]


@st.composite
def _wrapped_headers(draw) -> list[str]:
    """Lines of names, a header's stub words and cells (a kind, perhaps a word more, a
    year or a span broken after its hyphen) wrapped at random words, blank lines between
    some, and a row or a sentence under them: most of them headers, some not quite."""
    words = draw(st.lists(st.sampled_from(_STUB_WORDS), max_size=3))
    for _ in range(draw(st.integers(1, 4))):
        words.append(draw(st.sampled_from(_KINDS)))
        if draw(st.booleans()):
            words.append(draw(st.sampled_from(["och", "helår", "2021"])))
        year = draw(st.sampled_from(_YEARS))
        words += ["2019-", "2022"] if year == "2023-" else [year]
    lines: list[str] = []
    while words:
        take = draw(st.integers(1, 3))
        lines.append(" ".join(words[:take]))
        words = words[take:]
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
    names = draw(st.lists(st.sampled_from(["Anna Svensson", "Bo", "Budget", ""]), max_size=4))
    below = draw(st.sampled_from(["Kostnad 1 2", "Hyra 300 400 500", "en mening.", ""]))
    return [*names, *lines, below, ""]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_wrapped_headers(), st.randoms(use_true_random=False))
def test_a_remembered_header_walk_reads_as_a_walk_of_its_own(lines, rnd):
    """``_wrapped_header`` with the document's ``Lines`` (one walk remembered and read for
    each line it passed) reads at every line, asked in any order, what a walk from that
    line alone reads (``_read_wrapped``)."""
    memo.forget()
    remembered = Lines(lines)
    order = list(range(len(lines)))
    if rnd.random() < 0.5:
        rnd.shuffle(order)
    for i in order:
        assert spaced._wrapped_header(remembered, i) == spaced._wrapped_header(lines, i)
        assert spaced._wrapped_header(lines, i) == spaced._read_wrapped(lines, i)


def test_the_generated_headers_hold_headers():
    """The generator above writes real wrapped headers often, so the test compares
    readings, not only refusals."""
    found = 0

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(_wrapped_headers())
    def count(lines):
        nonlocal found
        memo.forget()
        found += any(spaced._read_wrapped(lines, i) for i in range(len(lines)))

    count()
    assert found >= 20


def test_a_year_joined_to_the_line_above_stands_alone_from_its_own_line():
    """From the first line the walk joins ``x-`` and ``2022`` (a span broken after its
    hyphen): no year before the first cell, a header. From the second line ``2022``
    stands alone, a year before the first cell: no header — remembered walk or not."""
    lines = ["Investeringar x-", "2022 Budget", "2019 Plan", "2020", "Kostnad 1 2", ""]
    memo.forget()
    remembered = Lines(lines)
    found = spaced._wrapped_header(remembered, 0)
    assert found == ("Investeringar x-2022", [("Budget 2019", 3), ("Plan 2020", 4)], 4)
    assert found == spaced._read_wrapped(lines, 0)
    assert spaced._wrapped_header(remembered, 1) is None
    assert spaced._read_wrapped(lines, 1) is None


_TOKEN_TEXT = st.text(st.sampled_from(list("aÅé19220-,./_x \u00a0\f\t")), max_size=14)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(_TOKEN_TEXT)
def test_a_line_of_header_tokens_in_one_match(text):
    """``_header_tokens``: one match over the line says what matching each of its words
    as a header token says."""
    s = text.strip()
    assert spaced._header_tokens(s) == all(spaced._HEADER_TOKEN.match(t) for t in s.split())
