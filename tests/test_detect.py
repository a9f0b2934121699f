"""detect's fast municipality scan gives exactly the answers of the plain pattern."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from sonanalys import detect
from sonanalys.readers import read

ROOT = Path(__file__).resolve().parents[1]

# the address pattern as it was written before its lookahead (the reference)
_ADDRESS_PLAIN = re.compile(r"(?:@|\bwww\.|https?://)([a-z-]+)\.se\b", re.IGNORECASE)

_PIECES = [
    "Region", "Region ", "Region\n", "Skåne", "Upplands", "Upplands Väsby", "Upplands-Bro",
    "Östra Göinge", "Lilla Edet", "Dals-Ed", "Malung-Sälen", "Göteborgs", "Göteborg",
    "Linköpings", "Vimmerby", "Mark", "Marks", " kommun", " kommuns", " kommunsx", " län",
    "Norrbottens", "Stockholms", "Riket", "Region Stockholm", " ", "  ", "\n", "-", "_", "1",
    "2024", "é", "ü", "Éa", "Ål", "ÖÄ", "a", "x", "s", "Rr", "R", "U", "Ö", "L", "D", "M",
    "@", "www.", "http://", "https://", "kalmar", ".se", ".SE", "Upplandsvasby", "WWW.",
    "egion", "pplands", "stra", "illa", "als", "alung", "Göinge", "-Ed", "P", "Å",
]  # fmt: skip


def _strings(n: int) -> list[str]:
    rnd = random.Random(26)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 9))) for _ in range(n)]


def test_the_fast_scan_finds_what_the_plain_pattern_finds():
    """Every (prefix, name, län, kommun) _WORD.findall gives, as often, on names at every
    edge the pattern has (a region, a two-word name, a genitive, a hyphen or word
    character next to the name) and on a real document's text."""
    doc = read(ROOT / "tests/corpus/pdf/goteborg_intraservice_delarsrapport_2026_mars.pdf")
    text = "\n".join(getattr(b, "text", "") for b in doc.blocks)
    found = 0
    for s in [text, *_strings(20_000)]:
        plain = Counter(detect._WORD.findall(s))
        assert detect._words(s) == plain, s
        assert detect._ADDRESS.findall(s) == _ADDRESS_PLAIN.findall(s), s
        found += len(plain)
    assert found > 5_000  # the strings do hold names


def test_goteborg_is_described_as_before():
    doc = read(ROOT / "tests/corpus/pdf/goteborg_intraservice_delarsrapport_2026_mars.pdf")
    assert (doc.doc_type, doc.municipality, doc.doc_year, doc.doc_period) == (
        "delarsrapport",
        "Göteborg",
        2026,
        "jan-mar",
    )
    assert detect._words("Region Skåne och Upplands Väsby kommun, Göteborgs stad") == Counter(
        {
            ("Region ", "Skåne", "", ""): 1,
            ("", "Upplands Väsby", "", " kommun"): 1,
            ("", "Göteborgs", "", ""): 1,
        }
    )


def _doc(tmp_path: Path, text: str):
    p = tmp_path / "dokument.txt"
    p.write_text(text, encoding="utf-8")
    return read(p)


_REVIEW = (
    "Kommunfullmäktige\n\nHandling 2025 nr 68\n\n"
    "{kind} avseende Exempelstads verksamheter under 2024\n\n"
    "Revisorerna har granskat styrelsens och nämndernas verksamhet.\n\n"
    "Vi har granskat delårsrapporten per augusti. Delårsrapporten är upprättad enligt lag.\n\n"
    "Resultatet i delårsrapporten är förenligt med målen. Delårsrapport och årsbokslut.\n"
)


def test_a_year_end_report_that_reviews_delarsrapporter_is_not_one(tmp_path):
    """A revisionsberättelse (or årsredovisning …) named in its opening speaks of the
    delårsrapport many times; it is not one: the count of the kinds it names does not
    make it one. Without that name in the opening, the count still decides."""
    for kind in ("Revisionsberättelse", "Årsredogörelse", "Verksamhetsberättelse"):
        assert _doc(tmp_path, _REVIEW.format(kind=kind)).doc_type == "other", kind
    assert _doc(tmp_path, _REVIEW.format(kind="Granskning")).doc_type == "delarsrapport"


def test_a_delarsrapport_that_names_the_arsredovisning_stays_one(tmp_path):
    text = (
        "Delårsrapport januari–augusti 2024\n\n"
        "Socialnämnden, Exempelstad\n\n"
        "Jämfört med årsredovisningen för 2023 har kostnaderna ökat.\n"
    )
    assert _doc(tmp_path, text).doc_type == "delarsrapport"
