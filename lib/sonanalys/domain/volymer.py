"""Volymer: volume measures of the verksamhet — aktualiseringar, inledda utredningar,
pågående ärenden (split by IFO/LSS/FH SoL where the document splits them), beslut om
boende, daglig verksamhet, boendestöd — by year and value kind (utfall, budget, plan)."""

from __future__ import annotations

import re

import pandas as pd

from .care import group_of
from .common import PROVENANCE, in_document_order, resolve_time

COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "section",
    "measure",
    "entity",
    "group",
    "sex",
    "year",
    "period",
    "value_kind",
    "value",
    "unit",
    "column_label",
    *PROVENANCE,
]

_VOLUME = re.compile(
    r"aktualiser|utredning|ärende|beslut om|daglig verksamhet|boendestöd|anmälning|"
    r"ansökning|ansökan|öppenvårdsinsats|i dygnsvård|hushåll|biståndsmottagare",
    re.IGNORECASE,
)


def build(obs: pd.DataFrame) -> pd.DataFrame:
    """Counts (unit ``antal``) whose label names a volume, or any count in a table whose
    caption or section says ``volym``."""
    if obs.empty:
        return pd.DataFrame(columns=COLUMNS)
    o = obs[obs["unit"].eq("antal") & obs["table"].ne("text")]
    named = o["row_label"].str.contains(_VOLUME) | o["table"].str.contains(_VOLUME)
    in_volume_table = (o["table"] + " " + o["section"]).str.contains(r"(?i)volym")
    o = o[(named | in_volume_table) & ~o["row_label"].str.contains(r"(?i)\bandel\b")]
    o = resolve_time(o, ("budget", "plan", "prognos"))
    df = o.assign(
        measure=o["row_label"],
        entity=o["category"].where(o["category"].ne(""), o["entity"]),
        group=[group_of(t) for t in o["row_label"]],
    )
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["doc_year"] = pd.array(df["doc_year"], dtype="Int64")
    df = in_document_order(df)
    return df[COLUMNS].reset_index(drop=True)
