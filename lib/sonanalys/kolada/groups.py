"""Comparison groups and the offline snapshot, both as data in ``data/raw/kolada``.

A comparison group is named by the user in one of three ways (``resolve_group``):
a group in ``groups.csv`` by its short name, title or Kolada id (``R9``, ``G96092``,
``Liknande kommuner IFO, Linköping, 2024``); any other Kolada group id, whose members are
asked of Kolada (or its cache); or a list of municipalities of one's own, by id or name
(``0580,0581,1880`` or ``Linköping,Norrköping``). Read as strings: ids keep their
leading zero."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..numparse import parse_number
from .reference import KOLADA_RAW, municipality_id, municipality_title

if TYPE_CHECKING:
    from .client import KoladaClient

# the population a per-inhabitant KPI is divided by (for gaps in mnkr and weighted means)
POPULATION_KPI = {
    "N35001": "N01951",  # missbruksvård vuxna, kr/inv (all inhabitants)
    "N35009": "N01951",
    "N35010": "N01951",
    "N35011": "N01951",
    "N35019": "N01951",
    "N33001": "N01951",
    "N33008": "N01951",
    "N33009": "N01951",  # öppna insatser barn och unga, kr/inv (all inhabitants)
    "N33010": "N01951",
    "N33002": "N01948",  # HVB barn och unga, kr/inv 0–20
    "N33022": "N01948",  # familje- och HVB-vård barn och unga, kr/inv 0–20
    "N33021": "N01948",  # öppna insatser barn och unga, kr/inv 0–20
}


def groups(path: str | Path | None = None) -> pd.DataFrame:
    """Every shipped group's members: ``group, group_id, group_title, municipality_id,
    municipality, source``."""
    p = Path(path) if path else KOLADA_RAW / "groups.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def group(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """A shipped group's member rows, by short name, Kolada id or title (any case)."""
    g = groups(path)
    key = name.strip().casefold()
    sel = g[
        (g["group"].str.casefold() == key)
        | (g["group_id"].str.casefold() == key)
        | (g["group_title"].str.casefold() == key)
    ]
    if sel.empty:
        known = ", ".join(sorted(set(g["group"])))
        raise KeyError(f"okänd jämförelsegrupp {name!r}; finns: {known} (data/raw/kolada)")
    return sel.reset_index(drop=True)


@dataclass(frozen=True)
class ComparisonGroup:
    """Who is compared: ``members`` (Kolada ids) and, for a Kolada group, its id, whose
    own value Kolada publishes as the members' unweighted mean."""

    name: str
    members: list[str]
    group_id: str = ""
    title: str = ""
    source: str = ""
    names: dict[str, str] = field(default_factory=dict)


_GROUP_ID = re.compile(r"^G\d+$", re.IGNORECASE)


def resolve_group(spec: str, client: KoladaClient | None = None) -> ComparisonGroup:
    """The comparison group ``spec`` names (see the module's doc). A Kolada group id
    that is not shipped needs ``client`` (its cache answers offline)."""
    s = spec.strip()
    shipped = groups()
    key = s.casefold()
    known = {*shipped["group"].str.casefold(), *shipped["group_id"].str.casefold()}
    known |= set(shipped["group_title"].str.casefold())
    if key not in known and ("," in s or re.fullmatch(r"\d{4}", s)):
        ids = [municipality_id(p) for p in s.split(",") if p.strip()]
        ids = list(dict.fromkeys(ids))
        return ComparisonGroup(
            name="egen grupp",
            members=ids,
            title=f"egen grupp ({len(ids)} kommuner)",
            source="egen lista",
            names={i: municipality_title(i) for i in ids},
        )
    if key not in known and _GROUP_ID.match(s) and client is not None:
        gid = s.upper()
        m = client.group_members(gid)
        if m.empty:
            raise KeyError(f"Kolada känner ingen grupp {gid!r} (eller den saknar medlemmar)")
        return ComparisonGroup(
            name=gid,
            members=list(m["municipality_id"]),
            group_id=gid,
            title=client.group_title(gid) or gid,
            source=f"Kolada /municipality_groups/{gid}",
            names=dict(zip(m["municipality_id"], m["municipality"], strict=True)),
        )
    g = group(s)
    return ComparisonGroup(
        name=g["group"].iloc[0],
        members=list(g["municipality_id"]),
        group_id=g["group_id"].iloc[0],
        title=g["group_title"].iloc[0],
        source=g["source"].iloc[0],
        names=dict(zip(g["municipality_id"], g["municipality"], strict=True)),
    )


def snapshot(path: str | Path | None = None) -> pd.DataFrame:
    """The offline snapshot: values a document prints with their Kolada id, each with
    the document and line it was copied from. Not a Kolada source: it cannot confirm
    the document it was copied from. Values are read as text by our own number reader."""
    p = Path(path) if path else KOLADA_RAW / "snapshot.csv"
    df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    df["value"] = [parse_number(v.replace(".", ",")) for v in df["value"]]
    df["year"] = df["year"].astype("int64")
    df["line"] = pd.array([int(x) if x else None for x in df["line"]], dtype="Int64")
    return df
