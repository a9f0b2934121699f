"""A long list of short one-line paragraphs (a Word document's bullet list, a list of
names) is segmented in work that grows with its length, not with its square: the
layouts' walks down such a run (cellrun's run of one-line cells, a wrapped PDF header's
lines) are made once per run, not again from each line of it. Work is counted, not time:
the questions asked of the lines' text."""

from __future__ import annotations

import re

import pytest

from sonanalys import memo
from sonanalys.readers import cellrun, spaced
from sonanalys.readers.text import segment

N = 2_000


class _Counted:
    """A compiled pattern whose ``match`` calls are counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text)


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
    monkeypatch.setattr(cellrun, "_numeric", counted_numeric)
    monkeypatch.setattr(spaced, "_HEADER_TOKEN", header_token)
    memo.forget()
    blocks, _ = segment(lines)
    # the list as it is: one block per item, on its own line
    assert [(b.text, b.line) for b in blocks] == [(item(k), 2 * k + 1) for k in range(N)]
    # a few questions per line (the old code asked 2 000 000 of each: every line below)
    assert numeric["calls"] < 10 * N
    assert header_token.calls < 10 * N


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
