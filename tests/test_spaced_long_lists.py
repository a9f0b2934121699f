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
