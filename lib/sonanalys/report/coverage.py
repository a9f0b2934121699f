"""Which documents of a run's folder the reports leave out, and why, in Swedish: a
document of another municipality than the reports', of a kind no report is about (an
årsbokslut the parser types ``other``), a delårsrapport without a period, or one no
report takes a figure from. The index lists them and the run's log names them, so a
document is never left out silently; a folder where no document can be reported on
stops the run (``unreportable``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# the kinds of document the reports are about (``observations.doc_type``)
KINDS = {
    "atgardsplan": "åtgärdsplan",
    "delarsrapport": "delårsrapport",
    "internbudget": "internbudget",
    "volymtabell": "volymtabell",
}
_KINDS_TEXT = "åtgärdsplan, delårsrapport, internbudget eller volymtabell"


@dataclass(frozen=True)
class LeftOut:
    """A document no report covers: its file, title and why (Swedish, in order)."""

    source: str
    title: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.source}: {'; '.join(self.reasons)}"


def documents(processed: str | Path | None) -> pd.DataFrame:
    """The ``documents`` frame of a processed folder (empty when there is none)."""
    path = Path(processed) / "documents.parquet" if processed else None
    if path is None or not path.exists():
        return pd.DataFrame(columns=["source", "title", "doc_type", "municipality",
                                     "doc_year", "doc_period"])  # fmt: skip
    return pd.read_parquet(path)


def _text(x) -> str:
    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x).strip()


def _own_reasons(d) -> list[str]:
    """What about the document itself keeps every report from it: its kind, a
    delårsrapport's missing period."""
    kind, period = _text(d.doc_type), _text(d.doc_period)
    out = []
    if kind not in KINDS:
        out.append(f"inte en sorts dokument som rapporterna redovisar ({_KINDS_TEXT})")
    if not period and (kind == "delarsrapport" or kind not in KINDS):
        year = d.doc_year
        out.append("anger ingen period" + ("" if pd.isna(year) else f" (bara året {int(year)})"))
    return out


def unreportable(processed: str | Path | None, municipality: str | None = None) -> list[LeftOut]:
    """Every document of the folder (of ``municipality``'s, when given), with why no
    report can be made from it, when none can: each is a delårsrapport without a period
    or of a kind no report is about and without a period (one of another kind that names
    its period, a monthly follow-up typed ``other``, may hold the period's figures). Empty
    when at least one document can be reported on (or there are none)."""
    docs = documents(processed)
    if municipality:
        mine = docs["municipality"].map(_text).str.casefold() == municipality.strip().casefold()
        docs = docs[mine]
    out = []
    for d in docs.itertuples():
        reasons = _own_reasons(d)
        if _text(d.doc_period) or not reasons:
            return []
        out.append(LeftOut(str(d.source), _text(d.title), tuple(reasons)))
    return out


def _cites(cited: list[str], source: str) -> bool:
    """Whether a report's cited documents (``page.cited_documents``: ``title
    (municipality, year; file)``) name the file."""
    return any(c.endswith(f"; {source})") or c.endswith(f"({source})") for c in cited)


def left_out(processed: str | Path | None, entries: list[dict]) -> list[LeftOut]:
    """The documents of the folder no report in ``entries`` (the report folder's
    manifest entries) cites, each with why: another municipality than the reports',
    no municipality, a kind no report is about, no period; else that no report takes a
    figure from it."""
    docs = documents(processed)
    cited = [c for e in entries for c in e.get("sources", [])]
    munis = sorted({m for e in entries if (m := _text((e.get("scope") or {}).get("municipality")))})
    out = []
    for d in docs.itertuples():
        source = str(d.source)
        if _cites(cited, source):
            continue
        reasons = []
        muni = _text(d.municipality)
        if not muni:
            reasons.append("anger inte vilken kommun det gäller")
        elif munis and muni.casefold() not in {m.casefold() for m in munis}:
            reasons.append(f"gäller {muni}; rapporterna gäller {' och '.join(munis)}")
        reasons += _own_reasons(d)
        if not reasons:  # of the reports' kind and municipality, but cited by none
            from ..analysis.claims import period_text

            about = ", ".join(x for x in (muni, period_text(_text(d.doc_period), d.doc_year)) if x)
            reasons.append(
                "ingen rapport bygger på det" + (f" (det gäller {about})" if about else "")
            )
        out.append(LeftOut(source, _text(d.title), tuple(reasons)))
    return out
