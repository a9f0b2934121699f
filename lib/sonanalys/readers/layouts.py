"""The text layouts a table is found in, in one place: the order they are tried in at a
line, which of them end a paragraph when they start inside it, which take the text right
above them as their caption, and what each needs to see at the line it starts at.

Each layout's ``find(lines, i)`` answers a table that starts at ``lines[i]`` and the
index of the line after it, or None. ``readers.text.segment`` walks the lines and asks
the layouts in this order; the first that finds a table wins.

Most lines are running prose, where every layout finds nothing, each for its own reason
after its own first tests. What such a line lacks is cheap to see once for all of them:
a few facts of the line (:func:`facts_of`), each a character test or a look at the run
of non-blank lines it stands in — a ``|`` or a tab in it, a capital first, a digit, room
for a stacked header (at most 60 characters or four words, and a value at its end or a
short line below it), whether it or a line below it before the next blank
line ends in a value (``spaced.ends_in_value``), whether the line below it is
blank. Each layout names the facts it cannot find a table without (``Layout.needs``),
proven by its own reading, and is asked only at lines where they hold; a line of running
prose (a long line that goes on in the line below, no digit in it, no value at the end
of it or of a line below it) is asked of no layout but the markup ones. That each need
is a necessary condition is checked at every line of the corpus, with the layouts asked
everywhere (``tests/test_spaced_gates.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Table
from . import cellrun, flat, plain, spaced

Find = Callable[[list[str], int], "tuple[Table, int] | None"]

# The facts of a line a layout may need (bits of ``Layout.needs`` and of ``facts_of``):
PIPE = 1  # a ``|`` in the line
TAB = 2  # a tab in the line
CAPITAL = 4  # its first word begins with a capital letter
# stripped, at most 60 characters or at most four words, and it ends in a value or the
# next non-blank line below it has at most 60 characters: a stacked header may begin here
STACK_HEAD = 8
DIGIT = 16  # a digit in it
VALUE_HERE = 32  # it ends in a value (``spaced.ends_in_value``)
VALUE_BELOW = 64  # so does a line below it, before the next blank line
BLANK_BELOW = 128  # the line below it is blank, or there is none
ALL_FACTS = 255

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Layout:
    name: str
    find: Find
    # a line where this layout starts ends the paragraph above it (cheap test)
    starts: Callable[[list[str], int], object] | None = None
    takes_caption: bool = False  # the text right above names the table
    # tried only on a line that is no markdown heading (``## Budget 2024``)
    after_headings: bool = True
    # the facts (bits above) without which it finds no table at a line: asked only where
    # they all hold
    needs: int = 0


def facts_of(lines: list[str], i: int, run_end: int, run_last: int) -> int:
    """The facts (bits) of ``lines[i]``, a line of the run of non-blank lines that ends
    before ``run_end`` and whose last line that ends in a value is ``run_last``
    (``spaced.run_of_rows``)."""
    line = lines[i]
    facts = 0
    if "|" in line:
        facts |= PIPE
    if "\t" in line:
        facts |= TAB
    s = line.strip()
    if s[:1].isupper():
        facts |= CAPITAL
    if _DIGIT.search(line) is not None:
        facts |= DIGIT
    if spaced.line_ends(line) == 2:
        facts |= VALUE_HERE
    if not spaced._no_stacked_start(s) and (facts & VALUE_HERE or _short_below(lines, i)):
        facts |= STACK_HEAD
    if run_last > i:
        facts |= VALUE_BELOW
    if run_end == i + 1:
        facts |= BLANK_BELOW
    return facts


def _short_below(lines: list[str], i: int) -> bool:
    """The first non-blank line below ``lines[i]`` has at most 60 characters (stripped)."""
    k = i + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and len(lines[k].strip()) <= 60


def facts_going_on(line: str, value_below: bool) -> int:
    """The facts of a line that goes on a paragraph (the line above it is not blank;
    ``value_below``: a line below it before the next blank line ends in a value) as far
    as the layouts that end a paragraph need them (``Layout.starts``): the others are
    taken to hold."""
    facts = ALL_FACTS & ~(PIPE | TAB | CAPITAL | VALUE_BELOW)
    if "|" in line:
        facts |= PIPE
    if "\t" in line:
        facts |= TAB
    if line.lstrip()[:1].isupper():
        facts |= CAPITAL
    if value_below:
        facts |= VALUE_BELOW
    return facts


def by_facts(layouts: tuple[Layout, ...]) -> tuple[tuple[Layout, ...], ...]:
    """For each set of facts (its bits as the index), the layouts, in their order, whose
    needs hold there."""
    return tuple(
        tuple(lay for lay in layouts if lay.needs & facts == lay.needs)
        for facts in range(ALL_FACTS + 1)
    )


def _plain(lines: list[str], i: int) -> tuple[Table, int] | None:
    cols = plain.header_columns(lines[i])
    if not cols:
        return None
    table, end = plain.read_plain_table(lines, i, cols)
    return (table, end) if len(table.rows) > 1 else None


def registry(read_pipe: Find, read_tab: Find, is_pipe, is_tab) -> tuple[Layout, ...]:
    """The layouts in the order they are tried (markup layouts first, then the
    whitespace layouts, the most specific before the most general), each with what it
    needs at its first line, and why."""

    def pipe(lines: list[str], i: int) -> tuple[Table, int] | None:
        return read_pipe(lines, i) if is_pipe(lines[i]) else None

    def tab(lines: list[str], i: int) -> tuple[Table, int] | None:
        return read_tab(lines, i) if is_tab(lines[i]) else None

    return (
        # (two pipes in its first line; a tab in its first line)
        Layout(
            "pipe",
            pipe,
            starts=lambda lines, i: is_pipe(lines[i]),
            after_headings=False,
            needs=PIPE,
        ),
        Layout(
            "tab", tab, starts=lambda lines, i: is_tab(lines[i]), after_headings=False, needs=TAB
        ),
        # (a header of two to eight capitalised header words: ``plain.header_columns``)
        Layout(
            "plain",
            _plain,
            starts=lambda lines, i: plain.header_columns(lines[i]),
            needs=CAPITAL,
        ),
        # (two rows under its header before the first blank line: ``spaced._rows_below``)
        Layout("spaced", spaced.read, starts=spaced.read, takes_caption=True, needs=VALUE_BELOW),
        # (a blank line after every line)
        Layout("double-spaced", spaced.read_double_spaced, takes_caption=True, needs=BLANK_BELOW),
        # (two blank lines under its header, a web page's empty cells: ``spaced.read_gapped``)
        Layout("gapped", spaced.read_gapped, takes_caption=True, needs=BLANK_BELOW),
        # (a header cell, the stub's cell or a wrapped header's first line: at most 60
        # characters or four words, ``spaced._no_stacked_start``; a header cell ends in a
        # year; under the stub's cell the first header cell, of at most 40 characters; a
        # wrapped header's second line, of at most 60: ``spaced._wrapped_header``)
        Layout("stacked", spaced.read_stacked, takes_caption=True, needs=STACK_HEAD),
        # (each cell alone on its line, a blank line after it)
        Layout("cells", cellrun.read, takes_caption=True, needs=BLANK_BELOW),
        # (each cell alone on its line, no blank line between: the header's first cell a
        # capitalised line of at most 60 characters without a digit, a short line under it:
        # ``cellrun.read_packed``; its caption, the lines above from ``Tabell 1.`` on, it
        # finds itself: the paragraph above it runs on from prose)
        Layout(
            "cells-packed",
            cellrun.read_packed,
            starts=cellrun.read_packed,
            needs=CAPITAL | STACK_HEAD,
        ),
        # (a header line of names ending in years or dates, the first row's label right
        # under it: ``cellrun.read_headed``)
        Layout("cells-headed", cellrun.read_headed, takes_caption=True, needs=DIGIT),
        # (a capitalised label with a number of one decimal glued to it: the first row of
        # a table whose cells ran together, ``cellrun.glued_starts``; its header and
        # caption above it)
        Layout(
            "glued",
            cellrun.read_glued,
            starts=cellrun.glued_starts,
            needs=DIGIT | CAPITAL,
        ),
        # (three rows or more, one a line, before the first blank line: its first line and
        # two below it end in a value)
        Layout("list", spaced.read_list, takes_caption=True, needs=VALUE_HERE | VALUE_BELOW),
        # (its first line is an item with its amount: ``spaced._AMOUNT_LINE``)
        Layout("amounts", spaced.read_amounts, takes_caption=True, needs=DIGIT),
        # (a header of names and one row of as many values under it, at most one blank
        # line apart: ``spaced.read_one_row``)
        Layout("one-row", spaced.read_one_row, takes_caption=True, needs=CAPITAL),
        # whole tables printed on one line (a PDF transcript): tried last, on long lines
        # (numbers in it: ``flat._cheap_out``)
        Layout("flat", flat.find, needs=DIGIT),
    )
