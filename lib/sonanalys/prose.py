"""Numbers stated in running text: ``ett underskott på 57 mnkr``,
``från 91 individer i januari 2020``. Only numbers printed with a unit are values;
the sentence is their row label."""

from __future__ import annotations

import re

from . import labels as L
from . import numparse as N
from .model import Document, Heading, Paragraph
from .readers.limits import MAX_SENTENCE_CHARS

_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”*]*[A-ZÅÄÖ])")


def sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of a paragraph."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def prose_observations(doc: Document) -> list[dict]:
    obs: list[dict] = []
    section = ""
    for block in doc.blocks:
        if isinstance(block, Heading):
            section = L.label_text(block.text)
            continue
        if not isinstance(block, Paragraph):
            continue
        if not _DIGIT.search(block.text):
            continue
        for offset, sentence in sentences(block.text):
            if not _DIGIT.search(sentence):
                continue  # no number, nothing to read (most of a long text)
            reading = N.reading_of(sentence, require_unit=True)
            long = len(sentence) > MAX_SENTENCE_CHARS
            label = L.label_text(sentence) if not long else ""
            for q in reading.quantities:
                if long:  # no sentence: each number keeps the text before it (limits)
                    start = max(0, q.end - MAX_SENTENCE_CHARS)
                    label = "…" * (start > 0) + L.label_text(sentence[start : q.end])
                obs.append(
                    {
                        "source": doc.source,
                        "doc_type": doc.doc_type,
                        "municipality": doc.municipality,
                        "doc_year": doc.doc_year,
                        "doc_period": doc.doc_period,
                        "page": block.page,
                        "sheet": "",
                        "table_id": "",
                        "table": "text",
                        "section": section,
                        "row_label": label,
                        "category": q.category,
                        "entity": q.entity,
                        "sex": "",
                        "column_label": "",
                        "year": q.year,
                        "year_source": "cell" if q.year is not None else "",
                        "period": q.period,
                        "value_kind": q.value_kind,
                        "value": q.value,
                        "value_high": q.value_high,
                        "qualifier": q.qualifier,
                        "unit": q.unit,
                        "line": block.line_at(offset + q.start),
                        "cell_text": q.text,
                        "footnote": "",
                    }
                )
    return obs
