"""Comparison groups (R9, R12, your own) and the offline snapshot, both as data in
``data/raw/kolada``. Read as strings: municipality ids keep their leading zero."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from ..numparse import parse_number

KOLADA_RAW = paths.RAW / "kolada"

# the population a per-inhabitant KPI is divided by (for gaps in mnkr)
POPULATION_KPI = {
    "N35001": "N01951",  # missbruksvård vuxna, kr/inv (all inhabitants)
    "N33009": "N01951",  # öppna insatser barn och unga, kr/inv (all inhabitants)
    "N33022": "N01948",  # familje- och HVB-vård barn och unga, kr/inv 0–20
    "N33021": "N01948",  # öppna insatser barn och unga, kr/inv 0–20
}
KPI_TITLES = {
    "N35001": "Kostnad missbruksvård vuxna, kr/inv",
    "N33009": "Kostnad öppna insatser barn och unga, kr/inv",
    "N33022": "Kostnad familje- och HVB-vård barn och unga, kr/inv 0–20 år",
    "N33021": "Kostnad öppna insatser barn och unga, kr/inv 0–20 år",
    "N33818": "Barn och unga 0–20 år placerade, antal/1 000 inv 0–20 år",
    "N28013": "Kostnad LSS boende per brukare, kr",
    "N01951": "Invånare totalt, antal",
    "N01948": "Invånare 0–20 år, antal",
}


def groups(path: str | Path | None = None) -> pd.DataFrame:
    """Every group's members: ``group, group_id, group_title, municipality_id,
    municipality, source``."""
    p = Path(path) if path else KOLADA_RAW / "groups.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def group(name: str, path: str | Path | None = None) -> pd.DataFrame:
    g = groups(path)
    sel = g[(g["group"].str.lower() == name.lower()) | (g["group_id"] == name)]
    if sel.empty:
        known = ", ".join(sorted(set(g["group"])))
        raise KeyError(f"okänd jämförelsegrupp {name!r}; finns: {known} (data/raw/kolada)")
    return sel.reset_index(drop=True)


def snapshot(path: str | Path | None = None) -> pd.DataFrame:
    """The offline snapshot: real Kolada values with their source. Values are read as
    text and parsed by our own number reader."""
    p = Path(path) if path else KOLADA_RAW / "snapshot.csv"
    df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    df["value"] = [parse_number(v.replace(".", ",")) for v in df["value"]]
    df["year"] = df["year"].astype("int64")
    df["line"] = pd.array([int(x) if x else None for x in df["line"]], dtype="Int64")
    return df
