"""Per-document memory for pure functions of a cell's text.

A document asks the same questions of the same text many times (is this cell a value?
a header? what unit does this label state?). :func:`per_document` keeps the answers of
a function of one string; :func:`forget` drops all of them between documents, so
memory stays bounded and no document's speed depends on another's. Only functions
whose answers are immutable (str, tuples of frozen dataclasses) may be wrapped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_STORES: list[dict] = []
_MAX = 50_000  # entries per function; a store that fills up starts over


def per_document(fn: Callable[[str], T]) -> Callable[[str], T]:
    store: dict[str, T] = {}
    _STORES.append(store)

    @functools.wraps(fn)
    def remembered(text: str) -> T:
        try:
            return store[text]
        except KeyError:
            pass
        if len(store) >= _MAX:
            store.clear()
        value = store[text] = fn(text)
        return value

    return remembered


def forget() -> None:
    """Drop what was kept for the document just read."""
    for store in _STORES:
        store.clear()
