"""The municipality against its comparison group, per KPI and year.

Kolada's group value (e.g. G96092) is the members' unweighted mean; ``count`` on that
value is the number of members behind it. The columns computed here say what they are:
``mean`` (unweighted, the members with a value — Kolada's definition, so the
municipality is in it only when it is a member), ``mean_excl`` (the members without the
municipality), ``weighted_mean`` (weighted by each member's population of the KPI's
denominator, N01951 or N01948; NaN unless every member's population is there),
``median``, ``min``, ``max``; ``rank`` is 1 for the lowest value (the lowest cost) among
the members and the municipality, ``n_ranked`` how many were ranked. The gap in mnkr is
our own computation: the kr/inv gap times the municipality's population of the KPI's
denominator ("at the group mean the cost would be X mnkr lower"). ``gap_kolada`` is the
gap to Kolada's own group value — all there is when only the municipality and the group
are known.

Every row also says where its numbers come from (``provenance``): ``value_origin`` is
``kolada`` (fetched; ``value_fetched`` the date), ``dokument`` (printed by a document:
the snapshot, ``value_note`` names file and line) or ``saknas`` (no value: Kolada's
``Missing``, or nothing at all); ``value_note`` says it in Swedish for a report. The same
for Kolada's own group value (``group_*``); ``members_fetched`` gives the fetch dates of the
members' values behind the mean, median and rank.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .groups import POPULATION_KPI

COLUMNS = [
    "kpi",
    "year",
    "municipality_id",
    "value",
    "n_members",
    "mean",
    "mean_excl",
    "weighted_mean",
    "median",
    "min",
    "max",
    "rank",
    "n_ranked",
    "kolada_group_value",
    "kolada_group_count",
    "gap_kolada",
    "gap",
    "gap_pct",
    "population",
    "gap_mnkr",
    "value_origin",
    "value_fetched",
    "value_note",
    "group_origin",
    "group_fetched",
    "group_note",
    "members_fetched",
]
ORIGINS = ("kolada", "dokument", "saknas")


def provenance(values: pd.DataFrame) -> pd.DataFrame:
    """``values`` with ``origin`` (``kolada``, ``dokument`` or ``saknas``), ``fetched``
    (the fetch date of a Kolada value, '' otherwise) and ``note`` (Swedish: ``Kolada,
    hämtat 2026-11-27``; ``dokumentet 002_internbudget.txt rad 580``; ``saknas i Kolada
    (hämtat 2026-11-27)``). A row with a ``source`` (the snapshot) is the document's; any
    other row counts as fetched from Kolada, as in ``crosscheck``."""
    out = values.copy()
    n = len(out)
    source = (
        out["source"].fillna("").astype(str)
        if "source" in out
        else pd.Series([""] * n, index=out.index)
    )
    fetched = (
        out["fetched"].fillna("").astype(str)
        if "fetched" in out
        else pd.Series([""] * n, index=out.index)
    )
    line = out["line"] if "line" in out else pd.Series([None] * n, index=out.index)
    page = out["page"] if "page" in out else pd.Series([None] * n, index=out.index)
    has = out["value"].notna()
    origin, date, note = [], [], []
    for src, f, ln, pg, ok in zip(source, fetched, line, page, has, strict=True):
        if src:
            origin.append("dokument" if ok else "saknas")
            date.append("")
            # a PDF's lines are per page: its page is part of the place
            at = f"rad {int(ln)}" if pd.isna(pg) else f"s. {int(pg)}, rad {int(ln)}"
            where = f"{src} {at}" if pd.notna(ln) else src
            note.append(f"dokumentet {where}" if ok else f"saknas i dokumentet {where}")
        elif ok:
            origin.append("kolada")
            date.append(f)
            note.append(f"Kolada, hämtat {f}" if f else "Kolada")
        else:
            origin.append("saknas")
            date.append(f)
            note.append(f"saknas i Kolada (hämtat {f})" if f else "saknas i Kolada")
    out["origin"], out["fetched"], out["note"] = origin, date, note
    return out


def _span(dates) -> str:
    d = sorted({x for x in dates if x})
    return "" if not d else d[0] if len(d) == 1 else f"{d[0]}–{d[-1]}"


def _nan_round(x: float, digits: int = 6) -> float:
    return round(x, digits) if x == x else np.nan


def compare(
    values: pd.DataFrame,
    municipality_id: str,
    members: list[str],
    group_id: str = "",
    gender: str = "T",
    keep_missing: bool = False,
) -> pd.DataFrame:
    """``values``: tidy Kolada data (kpi, municipality_id, year, gender, value, and
    ``count`` where Kolada gave it; ``fetched`` or ``source``/``line`` for provenance) for
    the members and the municipality, optionally the group id and the population KPIs
    (N01951, N01948). One row per KPI and year with the municipality's value; with
    ``keep_missing`` also the KPIs and years where it has none (``value`` NaN,
    ``value_origin`` ``saknas``, no rank) when any value of the group is there."""
    allv = provenance(values[values["gender"] == gender])
    v = allv[allv["value"].notna()]
    populations = set(POPULATION_KPI.values())
    pop = v[v["kpi"].isin(populations)].set_index(["kpi", "year", "municipality_id"])["value"]
    pool = [*members, municipality_id] if municipality_id not in members else list(members)
    ids = [*pool, *([group_id] if group_id else [])]
    out: list[dict] = []
    for (kpi, year), ga in allv[allv["municipality_id"].isin(ids)].groupby(["kpi", "year"]):
        if kpi in populations:
            continue
        g = ga[ga["value"].notna() & ga["municipality_id"].isin(pool)]
        own_rows = ga[ga["municipality_id"] == municipality_id]
        own = own_rows[own_rows["value"].notna()]
        if own.empty and not (keep_missing and ga["value"].notna().any()):
            continue
        x = float(own["value"].iloc[0]) if len(own) else np.nan
        prov = own.iloc[0] if len(own) else (own_rows.iloc[0] if len(own_rows) else None)
        mem = g[g["municipality_id"].isin(members)]
        vals = mem["value"].astype(float)
        others = mem[mem["municipality_id"] != municipality_id]["value"].astype(float)
        ranked = g["value"].astype(float)
        mean = float(vals.mean()) if len(vals) else np.nan
        kga = ga[ga["municipality_id"] == group_id] if group_id else ga.iloc[0:0]
        kg = kga[kga["value"].notna()]
        gprov = kg.iloc[0] if len(kg) else (kga.iloc[0] if len(kga) else None)
        pkpi = POPULATION_KPI.get(kpi, "")
        weights = [pop.get((pkpi, year, m), np.nan) for m in mem["municipality_id"]]
        weighted = (
            float(np.average(vals, weights=weights))
            if len(vals) and not np.isnan(weights).any()
            else np.nan
        )
        population = float(pop.get((pkpi, year, municipality_id), np.nan))
        gap = x - mean
        kcount = kg["count"].iloc[0] if len(kg) and "count" in kg else np.nan
        out.append(
            {
                "kpi": kpi,
                "year": int(year),
                "municipality_id": municipality_id,
                "value": x,
                "n_members": len(vals),
                "mean": _nan_round(mean),
                "mean_excl": _nan_round(float(others.mean())) if len(others) else np.nan,
                "weighted_mean": _nan_round(weighted),
                "median": float(vals.median()) if len(vals) else np.nan,
                "min": float(vals.min()) if len(vals) else np.nan,
                "max": float(vals.max()) if len(vals) else np.nan,
                "rank": int((ranked < x).sum() + 1) if x == x else np.nan,
                "n_ranked": len(ranked),
                "kolada_group_value": float(kg["value"].iloc[0]) if len(kg) else np.nan,
                "kolada_group_count": float(kcount) if kcount == kcount else np.nan,
                "gap_kolada": round(x - float(kg["value"].iloc[0]), 6) if len(kg) else np.nan,
                "gap": _nan_round(gap),
                "gap_pct": _nan_round(100 * gap / mean) if mean else np.nan,
                "population": population,
                "gap_mnkr": _nan_round(gap * population / 1e6),
                "value_origin": prov["origin"] if prov is not None else "saknas",
                "value_fetched": prov["fetched"] if prov is not None else "",
                "value_note": prov["note"] if prov is not None else "saknas",
                "group_origin": gprov["origin"] if gprov is not None else "saknas",
                "group_fetched": gprov["fetched"] if gprov is not None else "",
                "group_note": gprov["note"] if gprov is not None else "saknas",
                "members_fetched": _span(mem["fetched"]),
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def index_to_group(comparison: pd.DataFrame) -> pd.DataFrame:
    """The municipality as a percentage of the group (100 = the group's level), per KPI
    and year: against the members' unweighted mean where the members' values are there,
    else against Kolada's own group value. ``reference`` says which."""
    c = comparison
    use_mean = c["mean"].notna() & (c["n_members"] > 1)
    ref = c["mean"].where(use_mean, c["kolada_group_value"])
    out = pd.DataFrame(
        {
            "kpi": c["kpi"],
            "year": c["year"],
            "value": c["value"],
            "group_level": ref,
            "reference": np.where(use_mean, "medel av medlemmarna", "Koladas gruppvärde"),
            "index": (c["value"] / ref * 100).round(6),
        }
    )
    return out[ref.notna()].reset_index(drop=True)


def gap_trend(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per KPI: the least-squares slope of the gap (kr/inv per year) over the years
    compared, with the first and last gap; NaN slope with fewer than two years."""
    rows = []
    for kpi, g in comparison.sort_values("year").groupby("kpi"):
        slope = (
            float(np.polyfit(g["year"].astype(float), g["gap"].astype(float), 1)[0])
            if len(g) >= 2
            else np.nan
        )
        rows.append(
            {
                "kpi": kpi,
                "first_year": int(g["year"].iloc[0]),
                "last_year": int(g["year"].iloc[-1]),
                "n_years": len(g),
                "first_gap": float(g["gap"].iloc[0]),
                "last_gap": float(g["gap"].iloc[-1]),
                "slope_per_year": round(slope, 6) if slope == slope else np.nan,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "kpi", "first_year", "last_year", "n_years", "first_gap", "last_gap",
            "slope_per_year",
        ],
    )  # fmt: skip


CROSSCHECK_RESULTS = ("stämmer", "avviker", "ej kontrollerad")


def crosscheck(pairs: pd.DataFrame, values: pd.DataFrame, municipality_id: str, group_id: str):
    """The comparison pairs a document prints (the municipality and the group) against
    values from another source: one row per pair and side with ``result`` ``stämmer``
    (equal at the printed precision, ±0,5), ``avviker``, or ``ej kontrollerad`` and the
    ``reason``. A value whose ``source`` is the pair's own document (the snapshot is
    copied from the documents) cannot confirm it and is never used for the check; rows
    without a ``source`` column or with an empty one count as fetched from Kolada.
    ``kolada_fetched`` is the fetch date of the Kolada value used ('' when none or
    unknown)."""
    rows = []
    has_source = "source" in values.columns
    for r in pairs[pairs["kolada_id"] != ""].itertuples():
        for side, mid, printed in (
            ("kommunen", municipality_id, r.value),
            ("gruppen", group_id, r.group_value),
        ):
            k = values[
                (values["kpi"] == r.kolada_id)
                & (values["year"] == r.year)
                & (values["municipality_id"] == mid)
                & (values["gender"] == "T")
                & values["value"].notna()
            ]
            own = k["source"].eq(r.source) if has_source else pd.Series(False, index=k.index)
            other = k[~own]
            fetched = ""
            if len(other):
                kolada = float(other["value"].iloc[0])
                if "fetched" in other:
                    fetched = str(other["fetched"].iloc[0] or "")
                ok = abs(kolada - float(printed)) <= 0.5
                result = "stämmer" if ok else "avviker"
                reason = "" if ok else f"Kolada: {kolada:g}, dokumentet: {float(printed):g}"
            else:
                kolada = np.nan
                result = "ej kontrollerad"
                reason = (
                    "enda källan är dokumentet självt"
                    if own.any()
                    else "inget värde hämtat från Kolada för nyckeltalet och året"
                )
            rows.append(
                {
                    "kpi": r.kolada_id,
                    "year": int(r.year),
                    "side": side,
                    "municipality_id": mid,
                    "printed": float(printed),
                    "kolada": kolada,
                    "kolada_fetched": fetched,
                    "result": result,
                    "reason": reason,
                    "source": r.source,
                    "line": int(r.line),
                }
            )
    return pd.DataFrame(rows)
