"""What the comparison report (03) shows: which values it has and where they come from,
the municipality against its comparison group, and what it may claim.

The values are Kolada's, fetched into the cache (``sonanalys kolada fetch``), whenever
the cache holds any for the municipality; otherwise the figures the documents
themselves print with a Kolada id (the snapshot), which limit the comparison to the
municipality against the group's own value and can confirm nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..kolada import (
    POPULATION_KPI,
    ComparisonGroup,
    KoladaClient,
    compare,
    gap_trend,
    kpi_name,
    kpi_title,
    kpi_unit,
    publication_note,
    snapshot,
)
from ..numparse import format_sv
from . import claims

FROM_KOLADA = "kolada"
FROM_DOCUMENTS = "dokument"
NOTHING = "inga"


@dataclass
class ComparisonSource:
    """The values a comparison uses and what they are: ``kind`` is ``kolada`` (fetched),
    ``dokument`` (printed by the documents) or ``inga``; ``description`` says so, with the
    fetch dates, in Swedish for the report."""

    values: pd.DataFrame
    kind: str
    description: str


def document_values(pairs: pd.DataFrame, grp: ComparisonGroup, municipality_id: str):
    """The run's own documents' comparison pairs (``domain.indikatorer.r9_pairs`` of the
    municipality) as values in the snapshot's shape: the municipality's value and the
    group's, each with the document's file and line. Only pairs with a Kolada id and
    whose group is this comparison group (by name) count."""
    cols = ["kpi", "municipality_id", "year", "gender", "value", "source", "line", "page"]
    if pairs is None or pairs.empty or not grp.group_id:
        return pd.DataFrame(columns=cols)
    p = pairs[(pairs["kolada_id"] != "") & (pairs["group"].str.lower() == grp.name.lower())]
    pages = p["page"] if "page" in p.columns else pd.Series(pd.NA, index=p.index)
    rows = []
    for r, page in zip(p.itertuples(), pages, strict=True):
        for mid, value in ((municipality_id, r.value), (grp.group_id, r.group_value)):
            rows.append(
                [r.kolada_id, mid, int(r.year), "T", float(value), r.source, int(r.line), page]
            )
    df = pd.DataFrame(rows, columns=cols)
    df["line"] = pd.array(df["line"], dtype="Int64")
    df["page"] = pd.array(df["page"], dtype="Int64")  # a PDF's page (its lines are per page)
    return df


def comparison_values(
    kpis: list[str],
    grp: ComparisonGroup,
    municipality_id: str,
    years: range | list[int],
    cache_dir: str | Path | None = None,
    document_pairs: pd.DataFrame | None = None,
) -> ComparisonSource:
    """Kolada's values from the cache (no request is made), else the documents' own.

    ``document_pairs`` (the run's ``r9_pairs``) are the documents' own values: only the
    documents the report is run on, never the shipped snapshot of the embedded ones
    (a report over another folder shows nothing of ``data/raw``). Without it, the
    shipped snapshot (the embedded documents' pairs)."""
    ids = list(
        dict.fromkeys([*grp.members, municipality_id, *([grp.group_id] * bool(grp.group_id))])
    )
    pops = sorted({POPULATION_KPI[k] for k in kpis if k in POPULATION_KPI})
    client = KoladaClient(cache_dir=cache_dir, offline=True)
    stored = client.stored([*kpis, *pops], ids, years)
    own = stored[(stored["municipality_id"] == municipality_id) & stored["value"].notna()]
    if len(own):
        dates = sorted({d for d in stored["fetched"] if d})
        when = f"hämtat {dates[0]}" + (f"–{dates[-1]}" if len(dates) > 1 else "") if dates else ""
        return ComparisonSource(
            stored, FROM_KOLADA, f"Kolada (API v3){', ' + when if when else ''}"
        )
    snap = (
        snapshot()
        if document_pairs is None
        else document_values(document_pairs, grp, municipality_id)
    )
    snap = snap[snap["kpi"].isin(kpis) & snap["municipality_id"].isin(ids)]
    snap = snap[snap["year"].isin(list(years))]
    if snap[snap["municipality_id"] == municipality_id].empty:
        return ComparisonSource(snap, NOTHING, "inga värden: inget är hämtat från Kolada")
    lines = ", ".join(
        f"{src} {claims.where(g[g['line'].notna()])}" for src, g in snap.groupby("source")
    )
    return ComparisonSource(
        snap,
        FROM_DOCUMENTS,
        f"dokumentets egna uppgifter ({lines}); inga värden är hämtade från Kolada",
    )


def kpi_short(kpi: str) -> str:
    """Kolada's title alone (``Kostnad missbruksvård vuxna, kr/inv``), for a chart: the
    id only when the shipped metadata lack the title."""
    return kpi_title(kpi)


def kpi_label(kpi: str) -> str:
    """``N35001 Kostnad missbruksvård vuxna, kr/inv`` (Kolada's title, the id when the
    shipped metadata lack it)."""
    title = kpi_title(kpi)
    return kpi if title == kpi else f"{kpi} {title}"


def publication_notes(kpis: list[str], today: dt.date | None = None) -> list[str]:
    """One line per KPI on Kolada's publication (title, date, the year it covers)."""
    out = []
    for k in kpis:
        note = publication_note(k, today)
        if note:
            out.append(f"{kpi_label(k)}: {note}")
    return out


def fetch_command(kpis: list[str], group_spec: str, years: range | list[int]) -> str:
    """The command that fills the cache for this comparison (for the README and the
    intern profile; ledning's reports show no commands)."""
    ys = sorted(years)
    pops = sorted({POPULATION_KPI[k] for k in kpis if k in POPULATION_KPI})
    return (
        f"sonanalys kolada fetch --kpi {' '.join([*kpis, *pops])} --group {group_spec} "
        f"--years {ys[0]}-{ys[-1]}"
    )


def comparison(
    source: ComparisonSource, grp: ComparisonGroup, municipality_id: str
) -> pd.DataFrame:
    """``kolada.compare`` on the source's values, with each KPI's label and unit."""
    c = compare(source.values, municipality_id, grp.members, grp.group_id)
    c.insert(1, "label", [kpi_label(k) for k in c["kpi"]])
    c.insert(2, "unit", [kpi_unit(k) for k in c["kpi"]])
    return c


def key_figures(
    cmp: pd.DataFrame, source: ComparisonSource, grp: ComparisonGroup, municipality: str
) -> pd.DataFrame:
    """03's key figures: per KPI (its name) the latest year's value of the municipality
    and of the group (the members' unweighted mean where their values are there, else
    the group's own value), the difference, and where each value comes from (the
    document's line, Kolada with its fetch date, or missing)."""
    if cmp.empty:
        return pd.DataFrame()
    last = cmp[cmp["year"] == cmp["year"].max()]
    members = has_members(cmp)
    group = last["mean"] if members else last["kolada_group_value"]
    if members:
        group_note = "medel av medlemmarnas värden, hämtade " + last["members_fetched"].astype(str)
    elif "group_note" in last:
        group_note = last["group_note"]
    else:
        group_note = pd.Series(source.description, index=last.index)
    own_note = (
        list(last["value_note"]) if "value_note" in last else [source.description] * len(last)
    )
    out = pd.DataFrame(
        {
            "år": last["year"].astype(int).to_numpy(),
            municipality: last["value"].to_numpy(),
            grp.name + (" (ovägt medel)" if members else ""): group.to_numpy(),
            "skillnad": (last["value"] - group).to_numpy(),
            f"källa: {municipality}": own_note,
            f"källa: {grp.name}": list(group_note),
        },
        index=[kpi_short(k) for k in last["kpi"]],
    )
    out.index.name = "Nyckeltal"
    out.attrs["units"] = [kpi_unit(k) for k in last["kpi"]]  # a count KPI shows whole
    return out


def has_members(cmp: pd.DataFrame) -> bool:
    """Whether the members' own values are there (else only the group's value is)."""
    return bool(len(cmp)) and int(cmp["n_members"].max()) > 1


# a nämnd's goal against the group in its own words: "ska vara på samma nivå eller lägre
# som snittkostnaden för R9" (lower is the goal), "ska vara högre än" (higher is)
_GOAL_LOWER = re.compile(r"samma nivå eller lägre|lägre än|inte (?:högre|överstiga)", re.I)
_GOAL_HIGHER = re.compile(r"samma nivå eller högre|högre än|inte (?:lägre|understiga)", re.I)


def goal_words(pairs: pd.DataFrame | None, kpi: str, year: int, gap: float) -> str:
    """The document's own goal for a KPI against the group (its indicator's words and
    line), and whether the year's figure is on the goal's side: "Nämndens mål (rad 580):
    ”… ska vara på samma nivå eller lägre som snittkostnaden för R9”; 2022 låg
    kostnaden lägre, i linje med målet." '' when the document states no such goal."""
    if pairs is None or pairs.empty or "indicator" not in pairs:
        return ""
    p = pairs[(pairs["kolada_id"] == kpi) & (pairs["year"] == year)]
    if p.empty:
        return ""
    text = re.sub(r"\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", str(p["indicator"].iloc[0]).split(" / ")[-1])
    text = text.strip().rstrip(".")
    lower, higher = bool(_GOAL_LOWER.search(text)), bool(_GOAL_HIGHER.search(text))
    if lower == higher:
        return ""
    side = "lägre" if gap < 0 else ("högre" if gap > 0 else "på samma nivå")
    ok = gap <= 0 if lower else gap >= 0
    return (
        f" Nämndens mål ({claims.at(claims.page_of(p.iloc[0]), str(int(p['line'].iloc[0])))}):"
        f" ”{text}”; {year} låg värdet "
        f"{side}, {'i linje med målet' if ok else 'inte i linje med målet'}."
    )


def key_findings(
    cmp: pd.DataFrame,
    source: ComparisonSource,
    municipality: str,
    group_name: str,
    pairs: pd.DataFrame | None = None,
) -> list[str]:
    """Three to five sentences for ledning, written from the numbers; with ``pairs``
    (the documents' own comparisons, ``r9_pairs``) each KPI's goal in the document's own
    words beside its figure (:func:`goal_words`)."""
    if cmp.empty:
        return [f"Det finns inga värden för {municipality} att jämföra med {group_name}."]
    last = cmp[cmp["year"] == cmp["year"].max()]
    year = int(last["year"].iloc[0])
    out = []
    if has_members(cmp):
        for r in last.itertuples():
            unit = f" {r.unit}" if r.unit else ""
            side = "lägre" if r.gap < 0 else "högre"
            mnkr = (
                f", motsvarande {format_sv(abs(r.gap_mnkr), 1)} mnkr"
                if r.gap_mnkr == r.gap_mnkr
                else ""
            )
            out.append(
                f"{year} låg {municipality} {format_sv(abs(r.gap), 0)}{unit} "
                f"({format_sv(abs(r.gap_pct), 0)} %) {side} än det ovägda medlet i {group_name} "
                f"för {kpi_name(r.kpi).lower()}{mnkr}; rang {r.rank} av {r.n_ranked} "
                "(1 = lägst kostnad)." + goal_words(pairs, r.kpi, year, r.gap)
            )
        trend = gap_trend(cmp)
        for t in trend[trend["n_years"] >= 2].itertuples():
            direction = "minskat" if abs(t.last_gap) < abs(t.first_gap) else "ökat"
            out.append(
                f"Avståndet till gruppen för {t.kpi} har {direction} från "
                f"{format_sv(t.first_gap, 0)} ({t.first_year}) till "
                f"{format_sv(t.last_gap, 0)} ({t.last_year}), "
                f"{format_sv(t.slope_per_year, 0)} per år."
            )
    else:
        for r in last[last["kolada_group_value"].notna()].itertuples():
            unit = f" {r.unit}" if r.unit else ""
            gap = r.value - r.kolada_group_value
            side = "lägre" if gap < 0 else "högre"
            whose = "enligt dokumentet" if source.kind == FROM_DOCUMENTS else "enligt Kolada"
            out.append(
                f"{kpi_name(r.kpi)} {year}: {municipality} {format_sv(r.value, 0)}{unit}, "
                f"{format_sv(abs(gap), 0)}{unit} {side} än {group_name} "
                f"({format_sv(r.kolada_group_value, 0)}{unit}) {whose}."
                + goal_words(pairs, r.kpi, year, gap)
            )
    if source.kind != FROM_KOLADA:
        out.append(
            "Inget av värdena är bekräftat mot Kolada: jämförelsen bygger på dokumentets egna "
            "uppgifter, och medlemmarnas egna värden är inte hämtade."
        )
    return out[:5]


def crosscheck_summary(cc: pd.DataFrame) -> str:
    """One sentence on the document's own comparison pairs and what could be checked."""
    if cc.empty:
        return ""
    n = len(cc)
    counts = cc["result"].value_counts()
    ok, off = int(counts.get("stämmer", 0)), int(counts.get("avviker", 0))
    unchecked = int(counts.get("ej kontrollerad", 0))
    if unchecked == n:
        return (
            f"Ingen av dokumentets {n} jämförelsesiffror är kontrollerad mot Kolada: "
            "inga värden för dem är hämtade från Kolada."
        )
    parts = [f"{ok} stämmer med Kolada", f"{off} avviker"]
    if unchecked:
        parts.append(f"{unchecked} är inte kontrollerade")
    return f"Av dokumentets {n} jämförelsesiffror " + ", ".join(parts) + "."
