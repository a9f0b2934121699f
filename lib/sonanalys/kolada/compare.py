"""The municipality against its comparison group, per KPI and year.

Kolada's group value (e.g. G96092) is an unweighted mean that includes the municipality
itself. The columns computed here say what they are: ``mean`` (unweighted, members with a
value, municipality included — Kolada's definition), ``mean_excl`` (without the
municipality), ``median``; ``rank`` is 1 for the lowest value. The gap in mnkr is our own
computation: the kr/inv gap times the municipality's population of the KPI's denominator
("at the group mean the cost would be X mnkr lower"). ``gap_kolada`` is the gap to Kolada's
own group value — all there is when only the municipality and the group are known (the
snapshot of what a document prints).
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
    "median",
    "min",
    "max",
    "rank",
    "kolada_group_value",
    "gap_kolada",
    "gap",
    "gap_pct",
    "population",
    "gap_mnkr",
]


def compare(
    values: pd.DataFrame,
    municipality_id: str,
    members: list[str],
    group_id: str = "",
    gender: str = "T",
) -> pd.DataFrame:
    """``values``: tidy Kolada data (kpi, municipality_id, year, gender, value) for the
    members, optionally the group id and the population KPIs (N01951, N01948)."""
    v = values[(values["gender"] == gender) & values["value"].notna()]
    pop = v[v["kpi"].isin(set(POPULATION_KPI.values()))]
    out: list[dict] = []
    for (kpi, year), g in v[v["municipality_id"].isin(members)].groupby(["kpi", "year"]):
        if kpi in POPULATION_KPI.values():
            continue
        own = g[g["municipality_id"] == municipality_id]["value"]
        if own.empty:
            continue
        x = float(own.iloc[0])
        vals = g["value"].astype(float)
        others = g[g["municipality_id"] != municipality_id]["value"].astype(float)
        mean = float(vals.mean())
        kg = v[(v["kpi"] == kpi) & (v["year"] == year) & (v["municipality_id"] == group_id)]
        p = pop[
            (pop["kpi"] == POPULATION_KPI.get(kpi, ""))
            & (pop["year"] == year)
            & (pop["municipality_id"] == municipality_id)
        ]["value"]
        population = float(p.iloc[0]) if len(p) else np.nan
        gap = x - mean
        out.append(
            {
                "kpi": kpi,
                "year": int(year),
                "municipality_id": municipality_id,
                "value": x,
                "n_members": len(vals),
                "mean": round(mean, 6),
                "mean_excl": round(float(others.mean()), 6) if len(others) else np.nan,
                "median": float(vals.median()),
                "min": float(vals.min()),
                "max": float(vals.max()),
                "rank": int((vals < x).sum() + 1),
                "kolada_group_value": float(kg["value"].iloc[0]) if len(kg) else np.nan,
                "gap_kolada": round(x - float(kg["value"].iloc[0]), 6) if len(kg) else np.nan,
                "gap": round(gap, 6),
                "gap_pct": round(100 * gap / mean, 6) if mean else np.nan,
                "population": population,
                "gap_mnkr": round(gap * population / 1e6, 6)
                if population == population
                else np.nan,
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


def crosscheck(pairs: pd.DataFrame, values: pd.DataFrame, municipality_id: str, group_id: str):
    """The R9 pairs a document prints against Kolada values (fetched or the snapshot):
    one row per pair and side, with ``match`` True/False, or ``missing`` when the values
    lack that KPI and year."""
    rows = []
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
            ]["value"]
            kolada = float(k.iloc[0]) if len(k) else np.nan
            rows.append(
                {
                    "kpi": r.kolada_id,
                    "year": int(r.year),
                    "side": side,
                    "municipality_id": mid,
                    "printed": float(printed),
                    "kolada": kolada,
                    "result": "saknas"
                    if np.isnan(kolada)
                    else ("stämmer" if round(kolada) == round(printed) else "avviker"),
                    "source": r.source,
                    "line": int(r.line),
                }
            )
    return pd.DataFrame(rows)
