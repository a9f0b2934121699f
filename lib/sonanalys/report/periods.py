"""The period a report is run for, in the forms documents and people write it, and whether
the documents hold it.

``normalise`` turns ``jan–aug`` (any dash), ``januari–augusti``, ``T1``–``T3``,
``tertial 2``, ``delår 2`` and ``helår`` into the form the frames use (``jan-aug``;
``helår`` and ``T3`` are ``jan-dec``); ``auto`` stays ``auto``. ``resolve`` checks the
period against the documents (their ``doc_period`` and ``doc_year``) and, for ``auto``,
picks the latest one; when the documents lack it, ``PeriodMissing`` names what they hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..numparse import MONTHS

MONTH_ABBR = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
AUTO = "auto"
# tertial N (and the N:th delårsrapport, the usual rhythm): January to its last month
_TERTIAL_END = {1: 4, 2: 8, 3: 12}
_DASHES = re.compile(r"\s*[-‐‑‒–—―−]\s*|\s+(?:till|t\.?o\.?m\.?)\s+")
_NUMBERED = re.compile(
    r"^(?:t|tertial|delår|delårsrapport|delarsrapport|delar)\s*([1-3])$", re.IGNORECASE
)


class PeriodError(ValueError):
    """A period that is not one: the message says which forms are."""


class PeriodMissing(RuntimeError):
    """The documents do not hold the period a report is run for; the message names the
    periods they hold."""


def _month(word: str) -> int | None:
    return MONTHS.get(word.strip().lower().rstrip("."))


def normalise(text: str | None) -> str | None:
    """``jan-aug`` for every way of writing January to August; ``auto``; None for none."""
    if text is None or not str(text).strip():
        return None
    t = " ".join(str(text).split()).lower()
    if t == AUTO:
        return AUTO
    if t in ("helår", "helar", "helåret", "år", "jan-dec"):
        return "jan-dec"
    m = _NUMBERED.match(t.replace(":", ""))
    if m:
        return f"jan-{MONTH_ABBR[_TERTIAL_END[int(m.group(1))] - 1]}"
    parts = _DASHES.split(t)
    if len(parts) == 2 and all(parts):
        a, b = _month(parts[0]), _month(parts[1])
        if a and b and a <= b:
            return MONTH_ABBR[a - 1] if a == b else f"{MONTH_ABBR[a - 1]}-{MONTH_ABBR[b - 1]}"
    if len(parts) == 1 and (month := _month(t)):
        return MONTH_ABBR[month - 1]
    raise PeriodError(
        f"okänd period {text!r}: skriv t.ex. jan-aug, jan–aug, januari–augusti, T2, "
        "tertial 2, delår 2, helår eller auto (den senaste perioden i dokumenten)"
    )


def _end_month(period: str) -> int:
    last = period.rpartition("-")[2]
    return _month(last) or 0


@dataclass(frozen=True)
class Held:
    """A period a document reports on."""

    municipality: str
    year: int
    period: str

    def __str__(self) -> str:
        return f"{self.municipality} {self.year} {self.period}".strip()


def _documents(processed: Path, sources=None):
    """The ``documents`` frame of ``processed`` (of the files ``sources`` when given)."""
    import pandas as pd

    path = Path(processed) / "documents.parquet"
    docs = pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=["source"])
    if sources is not None:
        docs = docs[docs["source"].isin(set(sources))]
    return docs


def held(processed: Path, sources=None) -> list[Held]:
    """The periods the documents report on (``documents`` frame: ``doc_period``,
    ``doc_year``), latest first; of the files ``sources`` when given (the documents a
    notebook's rows come from)."""
    import pandas as pd

    docs = _documents(processed, sources)
    if docs.empty:
        return []
    out = set()
    for d in docs.itertuples():
        if not d.doc_period or pd.isna(d.doc_year):
            continue
        muni = "" if pd.isna(d.municipality) else str(d.municipality or "")
        out.add(Held(muni, int(d.doc_year), str(d.doc_period)))
    return sorted(out, key=lambda h: (-h.year, -_end_month(h.period), h.municipality))


def resolve(
    period: str | None,
    year: int | None,
    municipality: str | None,
    processed: Path,
    sources=None,
) -> tuple[int | None, str | None, str | None]:
    """``(year, period, municipality)`` the run is for: the period normalised, checked
    against the documents (the files ``sources`` when given), ``auto`` replaced by the
    latest one they hold (for the municipality when given; the municipality too when
    not, if one document has it); the year, when not given, the latest year holding the
    period. ``PeriodMissing`` when they do not hold it."""
    p = normalise(period)
    if p is None:
        return year, None, municipality
    there = held(processed, sources)
    mine = [h for h in there if not municipality or _same(h.municipality, municipality)]
    if p == AUTO:
        if year:
            mine = [h for h in mine if h.year == year]
        if not mine:
            raise PeriodMissing(_missing("någon period", year, municipality, there))
        latest = [h for h in mine if (h.year, _end_month(h.period)) == (mine[0].year,
                  _end_month(mine[0].period))]  # fmt: skip
        munis = sorted({h.municipality for h in latest})
        if not municipality and len(munis) > 1:
            raise PeriodMissing(
                f"den senaste perioden ({latest[0].year} {latest[0].period}) finns för flera "
                f"kommuner ({', '.join(munis)}); ange vilken med --municipality"
            )
        chosen = latest[0]
        return chosen.year, chosen.period, municipality or chosen.municipality or None
    match = [h for h in mine if h.period == p and (not year or h.year == year)]
    if not match:
        raise PeriodMissing(_missing(f"perioden {p}", year, municipality, there))
    return year or match[0].year, p, municipality


# how a run is told to name the municipality itself (a notebook says it otherwise)
ASK_MUNICIPALITY = "ange den med --municipality"
NOTHING_WRITTEN = "Ingen rapport skrevs."


def own_municipality(
    processed: Path,
    period: str | None,
    year: int | None,
    sources=None,
    ask: str = ASK_MUNICIPALITY,
) -> str:
    """The municipality a folder's reports are for when the run names none: the one of
    the latest period the documents hold (of ``period`` and ``year`` when given), else the
    one the documents name; with ``sources``, of those documents only (a notebook's own:
    the files its rows come from). ``PeriodMissing`` (a Swedish message: ``ask`` says how
    to name one) when they name none, or several without a latest period."""
    import pandas as pd

    p = normalise(period)
    there = [
        h
        for h in held(processed, sources)
        if h.municipality and (p in (None, AUTO) or h.period == p) and (not year or h.year == year)
    ]
    if there:
        latest = {h.municipality for h in there if (h.year, _end_month(h.period))
                  == (there[0].year, _end_month(there[0].period))}  # fmt: skip
        if len(latest) == 1:
            return latest.pop()
        names = sorted(latest)
    else:
        docs = _documents(processed, sources)
        col = docs["municipality"] if "municipality" in docs else pd.Series(dtype=object)
        names = sorted({str(m) for m in col.dropna() if str(m).strip()})
        if len(names) == 1:
            return names[0]
    cli = ask == ASK_MUNICIPALITY
    if not names:
        tail = " (eller --municipality-for vid sonanalys parse). " + NOTHING_WRITTEN
        raise PeriodMissing(
            f"dokumenten säger inte vilken kommun de gäller; {ask}" + (tail if cli else "")
        )
    which = "ange vilken rapporterna ska gälla med --municipality. " + NOTHING_WRITTEN
    raise PeriodMissing(
        f"dokumenten gäller flera kommuner ({', '.join(names)}); " + (which if cli else ask)
    )


def sources_of(rows) -> list[str] | None:
    """The files ``rows`` come from; None (every document) when there are no rows: a
    folder without what a report is about is still its documents' municipality's, and
    the report says what it lacks."""
    found = sorted({str(s) for s in rows["source"].dropna()}) if "source" in rows else []
    return found or None


def unsettled(
    processed: Path,
    reports: list[str],
    year: int | None,
    period: str | None,
    ask: str = ASK_MUNICIPALITY,
) -> list[tuple[str, str]]:
    """``(report, why)`` for each of ``reports`` that cannot tell its municipality when
    the run names none: its rows (``registry.OWN_ROWS``) are of several municipalities
    and no period decides between them, or their documents name none. Asked, as each
    notebook asks it (``notebook.report_municipality``), before anything is written;
    ``ask`` says how to name one (``own_municipality``)."""
    from ..dataset import Dataset
    from .registry import OWN_ROWS

    data = Dataset.from_processed(processed)
    out = []
    for report in reports:
        rows_of, by_period = OWN_ROWS[report]
        try:
            own_municipality(
                processed,
                period if by_period else None,
                year if by_period else None,
                sources_of(rows_of(data)),
                ask,
            )
        except PeriodMissing as exc:
            out.append((report, str(exc).replace(NOTHING_WRITTEN, "").strip()))
    return out


class UnsettledMunicipality(PeriodMissing):
    """Reports that cannot tell their municipality (``unsettled``): ``found`` holds
    ``(report, why)``; the message says each reason once, naming its reports."""

    def __init__(self, found: list[tuple[str, str]], titles: dict[str, str]) -> None:
        self.found = found
        whys = {why: [r for r, w in found if w == why] for _, why in found}
        self.lines = [
            f"{', '.join(f'{titles.get(r, r)} ({r})' for r in reports)}: {why}"
            for why, reports in whys.items()
        ]
        super().__init__(" ".join([*self.lines, NOTHING_WRITTEN]))


def municipalities(processed: Path, sources=None) -> list[str]:
    """The municipalities the documents name (``documents`` frame), sorted."""
    docs = _documents(processed, sources)
    col = docs.get("municipality", [])
    return sorted({str(m).strip() for m in col if isinstance(m, str) and m.strip()})


def held_municipality(
    name: str, processed: Path, sources=None, kolada: bool = False, ask: str = ""
) -> str:
    """``name`` as the documents write it (``örebro`` → ``Örebro``), when they name it;
    with ``kolada``, also a municipality of Kolada's list (as Kolada writes it: a report
    comparing it with its group needs no document of its own). ``PeriodMissing`` in
    Swedish naming the municipalities the documents hold when neither has it (a typo:
    ``Örbro``), so a run never makes an empty report for it; ``ask`` says how to name
    another (a flag, a notebook's parameter)."""
    held_names = municipalities(processed, sources)
    for m in held_names:
        if _same(m, name):
            return m
    if kolada:
        from ..kolada.reference import municipality_id, municipality_title

        try:
            return municipality_title(municipality_id(name))
        except KeyError:
            pass
    have = ", ".join(held_names) or "ingen (inget dokument anger sin kommun)"
    also = "; inte heller bland Koladas kommuner" if kolada else ""
    return_to = ask or "ange en av dem med --municipality. " + NOTHING_WRITTEN
    raise PeriodMissing(
        f"kommunen {name.strip()!r} finns inte i underlaget{also}: dokumenten gäller "
        f"{have}; {return_to}"
    )


def held_year(year: int, municipality: str | None, processed: Path) -> None:
    """``PeriodMissing`` when no document (of ``municipality``, when given) is of ``year``
    and no figure of theirs is for it: a year asked for alone that the documents lack,
    named with the years they hold (``2015–2018, 2020``)."""
    import pandas as pd

    years: set[int] = set()
    for name, column in (("documents", "doc_year"), ("observations", "year")):
        path = Path(processed) / f"{name}.parquet"
        if not path.exists():
            continue
        rows = pd.read_parquet(path, columns=["municipality", column])
        if municipality:
            rows = rows[rows["municipality"].fillna("").map(lambda m: _same(m, municipality))]
        years |= {int(y) for y in pd.to_numeric(rows[column], errors="coerce").dropna()}
    if year in years:
        return
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    have = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "inga"
    whose = f" för {municipality}" if municipality else ""
    raise PeriodMissing(
        f"dokumenten har inga uppgifter för {year}{whose}; åren i dokumenten{whose}: {have}. "
        + NOTHING_WRITTEN
    )


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _missing(what: str, year, municipality, there: list[Held]) -> str:
    whose = " ".join(str(x) for x in (municipality, year) if x)
    have = ", ".join(str(h) for h in there) or "inga (inget dokument anger sin period)"
    return (
        f"dokumenten har inte {what}{' för ' + whose if whose else ''}; "
        f"perioderna i dokumenten: {have}. Ingen rapport skrevs."
    )
