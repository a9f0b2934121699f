"""Kolada's reference data as shipped in ``data/raw/kolada`` (real v3 rows, with their
sources in that folder's README): the 312 municipalities and regions, and KPI metadata.
Everything is read as text: ids keep their leading zero."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .. import paths

KOLADA_RAW = paths.KOLADA_REF  # the shipped reference data (paths.py)


def _read(name: str, path: str | Path | None) -> pd.DataFrame:
    p = Path(path) if path else KOLADA_RAW / name
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


@cache
def _municipalities() -> pd.DataFrame:
    return _read("municipalities.csv", None)


def municipalities(path: str | Path | None = None) -> pd.DataFrame:
    """``id, title, type``: 290 municipalities (``K``), 21 regions and ``0000 Riket``
    (``L``)."""
    return _read("municipalities.csv", path) if path else _municipalities().copy()


def municipality_names(kind: str = "K") -> list[str]:
    """The names of every municipality (``K``) or region (``L``)."""
    m = _municipalities()
    return m.loc[m["type"] == kind, "title"].tolist()


def municipality_id(name_or_id: str) -> str:
    """The Kolada id of a municipality or region given by name (any case) or id;
    ``KeyError`` naming the input when there is none."""
    s = str(name_or_id).strip()
    m = _municipalities()
    if s in set(m["id"]):
        return s
    hit = m[m["title"].str.casefold() == s.casefold()]
    if hit.empty:
        raise KeyError(f"okänd kommun {s!r}: inte bland Koladas 312 kommuner och regioner")
    return str(hit["id"].iloc[0])


def municipality_title(municipality_id_: str) -> str:
    """The name for an id; the id itself when unknown (a group id, for instance)."""
    m = _municipalities()
    hit = m.loc[m["id"] == municipality_id_, "title"]
    return str(hit.iloc[0]) if len(hit) else municipality_id_


@cache
def _kpis() -> pd.DataFrame:
    return _read("kpi_metadata.csv", None)


def kpi_metadata(path: str | Path | None = None) -> pd.DataFrame:
    """The KPI rows as v3 gives them (``id, title, description, is_divided_by_gender,
    municipality_type, auspice, operating_area, perspective, prel_publication_date,
    publication_date, publ_period, has_ou_data``)."""
    return _read("kpi_metadata.csv", path) if path else _kpis().copy()


def _kpi_row(kpi: str) -> dict[str, str] | None:
    k = _kpis()
    hit = k[k["id"] == kpi]
    return hit.iloc[0].to_dict() if len(hit) else None


def kpi_title(kpi: str) -> str:
    """Kolada's title of the KPI, or the id alone when the metadata do not hold it."""
    row = _kpi_row(kpi)
    return row["title"] if row else kpi


# the unit Kolada writes at the end of a title: ", kr/inv", " kr/inv 0-20 år", "(%)", ", antal"
_UNIT = re.compile(
    r"(?:,\s*|\s)(?P<unit>(?:\d+\s)?kr/\S+(?:\s+\d+-\d+\s+år)?|antal(?:/.*)?|andel.*|\(%\))\s*$",
    re.IGNORECASE,
)


def kpi_unit(kpi: str) -> str:
    """The unit at the end of the KPI's title (``kr/inv``, ``kr/inv 0-20 år``, ``antal``,
    ``%``, ``1000 kr/invånare``); '' when the title states none."""
    m = _UNIT.search(kpi_title(kpi))
    if not m:
        return ""
    unit = m.group("unit")
    return "%" if unit == "(%)" else unit


def kpi_name(kpi: str) -> str:
    """The KPI's title without its unit (``Kostnad missbruksvård vuxna``), for prose."""
    title = kpi_title(kpi)
    m = _UNIT.search(title)
    return title[: m.start()].strip() if m else title


def publication_note(kpi: str, today: dt.date | None = None) -> str:
    """What Kolada says of the KPI's publication: ``Kolada, publicerat 2026-08-28, avser
    2025`` — or, when the date lies ahead, the next publication; '' when unknown."""
    row = _kpi_row(kpi)
    if not row or not row.get("publication_date"):
        return ""
    date, period = row["publication_date"], row.get("publ_period", "")
    avser = f", avser {period}" if period else ""
    if dt.date.fromisoformat(date) > (today or dt.date.today()):
        return f"Kolada, nästa publicering {date}{avser}"
    return f"Kolada, publicerat {date}{avser}"
