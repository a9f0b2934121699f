"""A document's text lines as ``text.segment`` hands them to the layouts, with what the
layouts learned while reading them.

A layout is asked at each line whether a table starts there (``Layout.find(lines, i)``);
some answers need a walk down the lines below (the run of one-line cells ``cellrun``
reads, the header lines a wrapped PDF header is made of). On a long run of such lines —
a Word document's bullet list, a list of names — the walk from each line covers the walk
from the line below it again, and the document's reading grows with the square of the
run. :class:`Lines` carries, for the lines being read, where such a walk went and what it
found (``walks``), so a walk is made once per run. It is the same list otherwise; a layout
given a plain list (a test, a caller of its own) walks as before.
"""

from __future__ import annotations

from typing import Any


class Lines(list[str]):
    """The lines of one text being segmented, and ``walks``: each layout's record of its
    last walk (keyed by the layout's own name), valid while the lines are not changed —
    ``segment`` never changes them."""

    __slots__ = ("walks",)

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.walks: dict[str, Any] = {}


def walks(lines: list[str]) -> dict[str, Any] | None:
    """The walks remembered for ``lines``, or None for a plain list."""
    return lines.walks if isinstance(lines, Lines) else None
