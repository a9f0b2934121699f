"""What a document is, whose it is and which year it reports: read from its content."""

from __future__ import annotations

import re
from collections import Counter

from .kolada.reference import municipality_names
from .labels import months_to, period_of
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

# every municipality's name (Kolada's 290, shipped in data/raw/kolada), found as a
# capitalised word (or one of the few two-word names) looked up in a set: one regex pass
# over the text, fast on big files. "Linköpings" (genitive) counts; "Region Stockholm"
# and "Stockholms län" do not.
_NAMES = frozenset(municipality_names("K"))
_WORD = re.compile(
    r"(?<![\wÅÄÖåäö-])(Region\s+)?"
    r"((?:Upplands|Östra|Lilla|Dals|Malung)[ -][A-ZÅÄÖ][a-zåäö]+|[A-ZÅÄÖ][a-zåäöéü]+)"
    r"(?![\wÅÄÖåäö-])(\s+län)?(\s+kommuns?\b)?"
)

# _WORD's matches, found faster: a pattern that opens on the capital every match opens
# on lets the regex engine skip to the next capital in C instead of trying _WORD's
# lookbehind at every character (Göteborg's 53 000 characters: 1,3 -> 0,3 ms). The
# capital is taken alone, then "egion " after an R or the rest of the name (the
# alternatives in _WORD's order, so the same match wins), and _words joins them back
# into _WORD's groups; tests/test_detect.py holds the two to the same answers.
_WORD_FAST = re.compile(
    r"([A-ZÅÄÖ])(?<![\wÅÄÖåäö-][A-ZÅÄÖ])"
    r"(?:(?<=R)(egion\s+)"
    r"((?:Upplands|Östra|Lilla|Dals|Malung)[ -][A-ZÅÄÖ][a-zåäö]+|[A-ZÅÄÖ][a-zåäöéü]+)"
    r"(?![\wÅÄÖåäö-])"
    r"|((?:(?<=U)pplands|(?<=Ö)stra|(?<=L)illa|(?<=D)als|(?<=M)alung)[ -][A-ZÅÄÖ][a-zåäö]+"
    r"|[a-zåäöéü]+)"
    r"(?![\wÅÄÖåäö-]))"
    r"(\s+län)?(\s+kommuns?\b)?"
)


def _words(text: str) -> Counter[tuple[str, str, str, str]]:
    """``Counter(_WORD.findall(text))``: each (prefix, word, län, kommun) with how often."""
    out: Counter[tuple[str, str, str, str]] = Counter()
    for (cap, egion, named, rest, lan, suffix), n in Counter(_WORD_FAST.findall(text)).items():
        if egion:
            out[(cap + egion, named, lan, suffix)] += n
        else:
            out[("", cap + rest, lan, suffix)] += n
    return out


_REGIONS = frozenset(municipality_names("L")) - {"Riket"}


def _counties(text: str) -> set[str]:
    """The counties and regions ``text`` names (``Norrbottens län``, ``Region Skåne``:
    Kolada's regions)."""
    out = set()
    for prefix, word, lan, _suffix in _words(text):
        if lan:
            out.add(f"{word} län")
        elif prefix and f"Region {word}" in _REGIONS:
            out.add(f"Region {word}")
    return out


# municipalities whose name is also an everyday word, capitalised at the start of a
# label ("Mark och fastigheter", "Berg och dal", "Vara"): such a word names the
# municipality only as "Mark kommun" / "Marks kommun" (or in the title)
_EVERYDAY = frozenset({"Mark", "Vara", "Berg", "Kil", "Boden", "Ale"})


def _mentions(text: str) -> tuple[Counter[str], set[str]]:
    """Each municipality named in ``text`` with how often, and those named "X kommun".
    The matches are counted in C (``findall``) and only the distinct ones looked up."""
    counts: Counter[str] = Counter()
    kommun: set[str] = set()
    for (prefix, word, lan, suffix), n in _words(text).items():
        if prefix or lan:
            continue
        name = word if word in _NAMES else word[:-1] if word.endswith("s") else ""
        if name in _NAMES:
            if name in _EVERYDAY and not suffix:
                continue
            counts[name] += n
            if suffix:
                kommun.add(name)
    return counts, kommun


def _opening_text(doc: Document, max_blocks: int = 12) -> str:
    texts = []
    for b in doc.blocks[:max_blocks]:
        if isinstance(b, Heading | Paragraph):
            texts.append(b.text)
    return "\n".join(texts)


# a "key: value" line (``source: http://…``, ``Källa: SCB``, ``Datum: 2023-09-12``) is a
# note about the document, not its title
_KEY_VALUE = re.compile(r"^[\wåäöÅÄÖ_-]{2,20}:\s")


def title_of(doc: Document) -> str:
    """The document's title: its first heading or short paragraph — unless that names no
    kind of document and a short line of the opening does (``Nämnden för Intraservice``,
    a running header, above ``Delårsrapport mars 2026-`` / ``nämnder och styrelser``:
    the title, joined where a hyphen or dash broke it)."""
    first = ""
    for b in doc.blocks:
        if _KEY_VALUE.match(b.text if isinstance(b, Heading | Paragraph) else ""):
            continue
        if isinstance(b, Heading | Paragraph) and _no_title(b.text):
            continue
        if isinstance(b, Heading) and len(b.text) > 8 and not re.match(r"(?i)innehåll", b.text):
            first = b.text
            break
        if isinstance(b, Paragraph) and 8 < len(b.text) < 200:
            first = b.text
            break
    if _kind_named(first):
        return first
    opening = [
        b for b in doc.blocks[:12]
        if isinstance(b, Heading | Paragraph) and not _KEY_VALUE.match(b.text)
    ]  # fmt: skip
    for k, b in enumerate(opening):
        text = b.text.strip()
        if 8 < len(text) <= _SHORT and not text.endswith(".") and _kind_named(text):
            if text.endswith(("-", "–")) and k + 1 < len(opening):
                text = f"{text} {opening[k + 1].text.strip()}"
            return text
    return first


# a report of a whole year, or the auditors' of it: named in the title or opening before
# any kind of ours, the document is that, not the delårsrapport or plan it speaks of (a
# revisionsberättelse reviews "delårsrapporten" many times over)
_YEAR_END = re.compile(
    r"(?<![\wåäö])(?:revisionsberättelse|årsredovisning|årsredogörelse|verksamhetsberättelse"
    r"|årsbokslut)",
    re.IGNORECASE,
)

_SHORT = 100  # characters: a line this short can be a title, not a sentence of prose

# what a web page or a PDF's first lines hold that names no document: a list item or a
# quote ("• No results found", "– Det här är oroväckande"), a table's row of amounts
# ("Summa verksamhetsintäkter 3 967 240,30 3 967 240,30", "Summa RÖRELSEINTÄKTER 762 865,42")
_NO_TITLE = re.compile(
    r"^\s*[•·▪◦]|^\s*[–—-]\s"
    r"|^(?:[Ss]umma|SUMMA|[Tt]otalt|TOTALT)\b.*\d,\d+\s*$"
    r"|\d,\d\d\b.*\d,\d\d\b"
)
# a web site's notice of its cookies ("Vi skulle vilja använda statistikkakor … Godkänner du
# det?", "Vi använder kakor …")
_COOKIES = re.compile(r"\b(?:kakor|cookies|statistikkakor)\b", re.IGNORECASE)


def _no_title(text: str) -> bool:
    """Whether ``text``, the first heading or short paragraph, is no title: ``_NO_TITLE``,
    or a site's notice of its cookies (``_COOKIES``)."""
    return bool(_NO_TITLE.search(text) or _COOKIES.search(text))


def _kind_named(text: str) -> str:
    """The first kind of document ``text`` names (``delarsrapport``…), or ''; ``other``
    where it names a year's own report (``_YEAR_END``) before that kind."""
    text = text or ""
    named = next(((kind, m) for kind, p in _TYPE_PATTERNS if (m := p.search(text))), None)
    year_end = _YEAR_END.search(text)
    if year_end and (named is None or year_end.start() < named[1].start()):
        return "other"
    return named[0] if named else ""


def doc_type(doc: Document, file_kind: str = "text") -> str:
    """atgardsplan, delarsrapport, internbudget, volymtabell or other; the title decides
    first, then the opening text, then what the whole document talks about most."""
    for text in (doc.title, _opening_text(doc)):
        kind = _kind_named(text)
        if kind:
            return kind
    if file_kind in ("xlsx", "xls", "csv"):
        return "volymtabell" if doc.tables else "other"
    full = " ".join(b.text for b in doc.blocks if isinstance(b, Heading | Paragraph))
    counts = {k: len(p.findall(full)) for k, p in _TYPE_PATTERNS}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else "other"


def municipality(doc: Document) -> str:
    """The municipality the document speaks for (one of Kolada's 290 names): the one its
    title names; else the most mentioned, said at least twice and more than any other,
    unless the document lists many municipalities (a comparison or a county's table,
    where no one of them dominates: then the one county or region it names, ``Skåne län``,
    as such); else the only municipality the document names, or
    the one it names once as "X kommun" (``Socialnämnden, Vimmerby kommun``); else the one
    whose own e-mail or web address it gives (``…@kalmar.se``); '' when none of these."""
    in_title, _ = _mentions(doc.title or "")
    if len(in_title) == 1:
        return next(iter(in_title))
    texts = [b.text for b in doc.blocks if isinstance(b, Heading | Paragraph)]
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join(texts)
    counts, kommun = _mentions(text)
    ranked = counts.most_common(2)
    listing = len(counts) >= 5 and ranked[0][1] < 0.5 * sum(counts.values())
    if listing:
        # a county's table of its municipalities (and the county, and Riket): the
        # document speaks for the county it names, as such
        counties = _counties(text)
        return counties.pop() if len(counties) == 1 else ""
    if (
        ranked
        and ranked[0][1] >= 2
        and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
        and not listing
    ):
        return ranked[0][0]
    if len(counts) == 1:
        return ranked[0][0]
    if len(kommun) == 1:
        return next(iter(kommun))
    return _by_address(text)


def _fold(name: str) -> str:
    """A name as a municipality writes it in its web and e-mail addresses."""
    return name.lower().translate(str.maketrans("åäöéü", "aaoeu")).replace(" ", "").replace("-", "")


_DOMAINS = {_fold(n): n for n in _NAMES}
# the lookahead names the characters an address can open on, so the engine tries the
# rest only there (the same matches; Göteborg's text: 1,3 -> 0,5 ms)
_ADDRESS = re.compile(r"(?=[@wh])(?:@|\bwww\.|https?://)([a-z-]+)\.se\b", re.IGNORECASE)


def _by_address(text: str) -> str:
    """The municipality whose own address the document gives (``Kristina.Appert@kalmar.se``,
    ``www.upplandsvasby.se``), when it gives one municipality's only."""
    found = {
        name
        for d in _ADDRESS.findall(text)
        if (name := _DOMAINS.get(d.lower().replace("-", ""))) is not None
    }
    return found.pop() if len(found) == 1 else ""


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def report_year(doc: Document) -> int | None:
    """The year the document reports on: the year in its title, else the most frequent
    year in its headings."""
    ys = _YEAR.findall(doc.title or "")
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
        for y in _YEAR.findall(text)
    )
    return counts.most_common(1)[0][0] if counts else None


# a report named by the month it runs to: "Delårsrapport mars 2026", "Delårsrapport per
# 31 augusti", "Månadsuppföljning oktober"; "Tertialrapport 2"
_REPORT_WORD = re.compile(
    r"\b(?:delårs(?:rapport|bokslut|uppföljning)|månads(?:rapport|uppföljning)|uppföljning"
    r"|tertial(?:rapport|uppföljning)?)\b",
    re.IGNORECASE,
)
_MONTH_SPAN = re.compile(r"[a-zåäö]{3}-[a-zåäö]{3}|jan")  # months as period_of names them
_TERTIAL = re.compile(r"\btertial(?:rapport|uppföljning)?\s+([12])\b", re.IGNORECASE)


def report_period(doc: Document) -> str:
    """The months the document reports on (``jan-mar``): a month range its title or
    opening text names (``januari-augusti``, ``Efter augusti visar prognosen…``), else,
    in a line short enough to be a title, January up to the month that follows the name
    of the report (``Delårsrapport mars 2026``) or tertial 1 or 2; '' when it names none
    (a budget, a plan)."""
    for text in (doc.title, _opening_text(doc)):
        for line in (text or "").splitlines():
            p = period_of(line)
            if _MONTH_SPAN.fullmatch(p):
                return p
            if len(line) > _SHORT:  # prose: "en uppföljning av … i mars" is no title
                continue
            m = _REPORT_WORD.search(line)
            if m:
                for word in line[m.end() :].split()[:4]:  # "mars 2026", "per 31 augusti"
                    span = months_to(word) if not word[:1].isdigit() else ""
                    if span:
                        return span
            t = _TERTIAL.search(line)
            if t:
                return "jan-apr" if t.group(1) == "1" else "jan-aug"
    return ""


def describe(doc: Document, file_kind: str = "text") -> Document:
    """Fill in title, doc_type, municipality, doc_year and doc_period from the content."""
    doc.title = title_of(doc)
    doc.doc_type = doc_type(doc, file_kind)
    doc.municipality = municipality(doc)
    doc.doc_year = report_year(doc)
    doc.doc_period = report_period(doc)
    return doc


__all__ = ["DOC_TYPES", "describe", "doc_type", "municipality", "report_period", "report_year"]
