"""The text layouts a table is found in, in one place: the order they are tried in at a
line, which of them end a paragraph when they start inside it, and which take the
text right above them as their caption.

Each layout's ``find(lines, i)`` answers a table that starts at ``lines[i]`` and the
index of the line after it, or None. ``readers.text.segment`` walks the lines and asks
the layouts in this order; the first that finds a table wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Table
from . import cellrun, flat, plain, spaced

Find = Callable[[list[str], int], "tuple[Table, int] | None"]


@dataclass(frozen=True)
class Layout:
    name: str
    find: Find
    # a line where this layout starts ends the paragraph above it (cheap test)
    starts: Callable[[list[str], int], object] | None = None
    takes_caption: bool = False  # the text right above names the table
    # tried only on a line that is no markdown heading (``## Budget 2024``)
    after_headings: bool = True


def _plain(lines: list[str], i: int) -> tuple[Table, int] | None:
    cols = plain.header_columns(lines[i])
    if not cols:
        return None
    table, end = plain.read_plain_table(lines, i, cols)
    return (table, end) if len(table.rows) > 1 else None


def registry(read_pipe: Find, read_tab: Find, is_pipe, is_tab) -> tuple[Layout, ...]:
    """The layouts in the order they are tried (markup layouts first, then the
    whitespace layouts, the most specific before the most general)."""

    def pipe(lines: list[str], i: int) -> tuple[Table, int] | None:
        return read_pipe(lines, i) if is_pipe(lines[i]) else None

    def tab(lines: list[str], i: int) -> tuple[Table, int] | None:
        return read_tab(lines, i) if is_tab(lines[i]) else None

    return (
        Layout("pipe", pipe, starts=lambda lines, i: is_pipe(lines[i]), after_headings=False),
        Layout("tab", tab, starts=lambda lines, i: is_tab(lines[i]), after_headings=False),
        Layout("plain", _plain, starts=lambda lines, i: plain.header_columns(lines[i])),
        Layout("spaced", spaced.read, starts=spaced.read, takes_caption=True),
        Layout("double-spaced", spaced.read_double_spaced, takes_caption=True),
        Layout("stacked", spaced.read_stacked, takes_caption=True),
        Layout("cells", cellrun.read, takes_caption=True),
        Layout("list", spaced.read_list, takes_caption=True),
        Layout("amounts", spaced.read_amounts, takes_caption=True),
        # whole tables printed on one line (a PDF transcript): tried last, on long lines
        Layout("flat", flat.find),
    )
