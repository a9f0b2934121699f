"""Budget: driftsammandrag and prognosis tables — one row per verksamhet × value kind ×
year × period, in mnkr (and tkr), whatever unit the document printed."""

from __future__ import annotations

import pandas as pd

from .checks import check_totals
from .common import (
    MNKR_PER,
    MONEY_UNITS,
    PROVENANCE,
    STRUCTURE,
    is_total,
    resolve_time,
    to_mnkr,
    with_structure,
)

VALUE_KINDS = (
    "bokslut",
    "budget",
    "utfall",
    "prognos",
    "föregående prognos",
    "avvikelse",
    "plan",
    "förändring",
    "förbrukning",
)
FULL_YEAR_KINDS = ("bokslut", "budget", "prognos", "föregående prognos", "plan", "avvikelse")
COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "section",
    "verksamhet",
    "is_total",
    "value_kind",
    "year",
    "year_source",
    "period",
    "value_mnkr",
    "value_tkr",
    "unit",
    "column_label",
    *PROVENANCE,
    *STRUCTURE,
]


def build(obs: pd.DataFrame) -> pd.DataFrame:
    """Money values of a known kind (utfall, budget, prognos …) outside action plans."""
    if obs.empty:
        return pd.DataFrame(columns=COLUMNS)
    o = obs[obs["unit"].isin(MONEY_UNITS) & obs["value_kind"].isin(VALUE_KINDS)]
    o = with_structure(o[o["table"].ne("text")])
    o = resolve_time(o, FULL_YEAR_KINDS)
    mnkr = to_mnkr(o["value"], o["unit"])
    df = o.assign(
        # a table without row labels is about the whole nämnd: its caption names it
        verksamhet=o["row_label"].where(o["row_label"].ne(""), o["table"]),
        # a total by the table's arithmetic or by its name
        is_total=o["row_label"].map(is_total).astype(bool)
        | o.get("is_total", pd.Series(False, index=o.index)).fillna(False).astype(bool),
        value_mnkr=mnkr,
        value_tkr=(mnkr * 1000).round(6),
    )
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["doc_year"] = pd.array(df["doc_year"], dtype="Int64")
    df = df.sort_values(["source", "line", "table_id"], kind="stable")
    return df[COLUMNS].reset_index(drop=True)


def check(budget: pd.DataFrame) -> pd.DataFrame:
    """Each table's own totals against its rows, per column (value kind, year, period)."""
    df = budget.assign(
        row_label=budget["verksamhet"], _factor=budget["unit"].map(MNKR_PER).fillna(1.0)
    )
    df = df.assign(year_group=df["year"].astype("object").map(lambda y: "" if pd.isna(y) else y))
    return check_totals(
        df, "budget", "value_mnkr", ["column_label", "value_kind", "year_group", "period"]
    )
