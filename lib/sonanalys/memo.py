"""Per-document memory for pure functions of a cell's text, and the document's clock.

A document asks the same questions of the same text many times (is this cell a value?
a header? what unit does this label state?). :func:`per_document` keeps the answers of
a function of one string; :func:`forget` drops all of them between documents, so
memory stays bounded and no document's speed depends on another's. Only functions
whose answers are immutable (str, tuples of frozen dataclasses) may be wrapped.

Every question a reader or interpreter asks passes through here, so this is also where
a document's time budget (``readers.limits.DOCUMENT_SECONDS``) is checked: each answer
not yet remembered first looks at the clock (:func:`check_clock`).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_STORES: list[dict] = []
_MAX = 50_000  # entries per function; a store that fills up starts over
MAX_ENTRIES = _MAX

_deadline: float | None = None  # when the document being read is over its budget
_source = ""
_seconds = 0.0


def per_document(fn: Callable[[str], T]) -> Callable[[str], T]:
    store: dict[str, T] = {}
    _STORES.append(store)

    @functools.wraps(fn)
    def remembered(text: str) -> T:
        if text in store:  # not try/except: about half the questions are new, and a
            return store[text]  # KeyError raised and caught costs more than a second look
        if _deadline is not None and time.monotonic() > _deadline:
            check_clock()
        if len(store) >= _MAX:
            store.clear()
        value = store[text] = fn(text)
        return value

    return remembered


def per_document_store() -> dict:
    """A dict for answers kept for the document being read, emptied by :func:`forget`
    with the others: for a loop too hot for a call per question. The caller starts it
    over when it holds ``MAX_ENTRIES``, as :func:`per_document` does."""
    store: dict = {}
    _STORES.append(store)
    return store


def forget() -> None:
    """Drop what was kept for the document just read."""
    for store in _STORES:
        store.clear()


def start_clock(source: str, seconds: float) -> None:
    """Start the time budget of the document ``source``: ``check_clock`` raises once
    ``seconds`` have passed, until ``stop_clock``."""
    global _deadline, _source, _seconds
    _deadline, _source, _seconds = time.monotonic() + seconds, source, seconds


def stop_clock() -> None:
    global _deadline
    _deadline = None


def check_clock() -> None:
    """Raise ``readers.limits.LimitExceeded`` (a DocumentError naming the file) when
    the document being read is over its time budget."""
    if _deadline is not None and time.monotonic() > _deadline:
        from .readers.limits import over_time

        stop_clock()
        raise over_time(_source, _seconds)
