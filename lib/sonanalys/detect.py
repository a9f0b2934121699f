"""What a document is, whose it is and which year it reports: read from its content."""

from __future__ import annotations

import re
from collections import Counter

from .model import Document, Heading, Paragraph

DOC_TYPES = ("atgardsplan", "delarsrapport", "internbudget", "volymtabell", "other")

_TYPE_PATTERNS = (
    ("delarsrapport", re.compile(r"delårsrapport|delårsbokslut|delårsuppföljning", re.IGNORECASE)),
    (
        "internbudget",
        re.compile(
            r"internbudget|verksamhetsplan och budget|budget\s+\d{4}\s+med\s+plan", re.IGNORECASE
        ),
    ),
    ("atgardsplan", re.compile(r"åtgärdsplan", re.IGNORECASE)),
    ("volymtabell", re.compile(r"volymmått|volymtabell|volymer|volymuppföljning", re.IGNORECASE)),
)

# Municipalities the project meets most; any other is found by "X kommun".
KNOWN_MUNICIPALITIES = (
    "Linköping",
    "Örebro",
    "Norrköping",
    "Uppsala",
    "Västerås",
    "Eskilstuna",
    "Jönköping",
    "Gävle",
    "Södertälje",
    "Lund",
    "Helsingborg",
    "Umeå",
    "Stockholm",
    "Göteborg",
    "Malmö",
    "Borås",
    "Sundsvall",
    "Växjö",
    "Karlstad",
    "Halmstad",
)
_KOMMUN = re.compile(r"\b(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?)\s+kommuns?\b")


def _opening_text(doc: Document, max_blocks: int = 12) -> str:
    texts = []
    for b in doc.blocks[:max_blocks]:
        if isinstance(b, Heading | Paragraph):
            texts.append(b.text)
    return "\n".join(texts)


def title_of(doc: Document) -> str:
    for b in doc.blocks:
        if isinstance(b, Heading) and len(b.text) > 8 and not re.match(r"(?i)innehåll", b.text):
            return b.text
        if isinstance(b, Paragraph) and 8 < len(b.text) < 200:
            return b.text
    return ""


def doc_type(doc: Document, file_kind: str = "text") -> str:
    """atgardsplan, delarsrapport, internbudget, volymtabell or other; the title decides
    first, then the opening text, then what the whole document talks about most."""
    for text in (doc.title, _opening_text(doc)):
        for kind, pattern in _TYPE_PATTERNS:
            if pattern.search(text or ""):
                return kind
    if file_kind in ("xlsx", "csv"):
        return "volymtabell" if doc.tables else "other"
    full = " ".join(b.text for b in doc.blocks if isinstance(b, Heading | Paragraph))
    counts = {k: len(p.findall(full)) for k, p in _TYPE_PATTERNS}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 3 else "other"


_NOT_NAMES = {
    "En",
    "Ett",
    "Den",
    "Det",
    "Denna",
    "Detta",
    "Varje",
    "Vår",
    "Vilken",
    "Hela",
    "Samma",
    "Egen",
    "Egna",
    "Annan",
    "Andra",
    "Övrig",
    "Övriga",
    "Alla",
    "Ingen",
    "Sveriges",
    "Sverige",
    "Större",
    "Mindre",
    "Stor",
    "Liten",
    "Ny",
    "Nya",
    "Berörd",
    "Berörda",
    "Aktuell",
    "Vilka",
}


_KNOWN = re.compile(
    r"\b("
    + "|".join(sorted(map(re.escape, KNOWN_MUNICIPALITIES), key=len, reverse=True))
    + r")s?\b"
)


def municipality(doc: Document) -> str:
    """The municipality the document speaks for: the most mentioned known municipality,
    else the most frequent 'X kommun'; '' when neither is said twice."""
    texts = [b.text for b in doc.blocks if isinstance(b, Heading | Paragraph)]
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    full = "\n".join(texts)
    # one pass over the text for all names (a loop of findall per name is slow on big files)
    known = Counter(m.group(1) for m in _KNOWN.finditer(full))
    name, n = known.most_common(1)[0] if known else ("", 0)
    if n >= 2:
        return name
    counts: Counter[str] = Counter()
    for m in _KOMMUN.finditer(full):
        found = m.group("name")
        if found in _NOT_NAMES:
            continue
        if found.endswith("s") and re.search(rf"\b{re.escape(found[:-1])}\b", full):
            found = found[:-1]
        counts[found] += 1
    if not counts:
        return ""
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else ""


def report_year(doc: Document) -> int | None:
    """The year the document reports on: the year in its title, else the most frequent
    year in its headings."""
    ys = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", doc.title or "")
    if ys:
        # "internbudget för 2024 med plan för 2025-2029" -> 2024; the first year is the report's
        return int(ys[0])
    # no year in the title: the year the document mentions most
    counts = Counter(
        int(y)
        for b in doc.blocks
        for text in (
            [b.text]
            if isinstance(b, Heading | Paragraph)
            else [c.text for r in b.rows for c in r.cells]
        )
        for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    )
    return counts.most_common(1)[0][0] if counts else None


def describe(doc: Document, file_kind: str = "text") -> Document:
    """Fill in title, doc_type, municipality and doc_year from the content."""
    doc.title = title_of(doc)
    doc.doc_type = doc_type(doc, file_kind)
    doc.municipality = municipality(doc)
    doc.doc_year = report_year(doc)
    return doc


__all__ = ["DOC_TYPES", "describe", "doc_type", "municipality", "report_year"]
