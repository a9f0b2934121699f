"""What the domain frames share: provenance columns, money in mnkr, total rows, and
the years and periods a document leaves implicit ("Periodens budget", "Prognos helår")."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# every domain frame ends with these, so a value can be checked against its document
PROVENANCE = ["source", "page", "sheet", "table_id", "table", "line", "cell_text"]
# a value's place in its table's structure (tables.OBSERVATION_COLUMNS): carried into the
# frames the reports read; ``is_root`` marks the table's bottom line
STRUCTURE = ["row_order", "row_path", "level", "total_of", "column_path", "is_root"]
_STRUCTURE_DEFAULTS = {"row_path": "", "total_of": "", "column_path": "", "is_root": False}


def with_structure(obs: pd.DataFrame) -> pd.DataFrame:
    """``obs`` with the structure columns, as unknown (no order, no path, no root) where
    a frame was built without them."""
    missing = {c: _STRUCTURE_DEFAULTS.get(c, pd.NA) for c in STRUCTURE if c not in obs.columns}
    out = obs.assign(**missing) if missing else obs
    if "is_root" in out.columns and out["is_root"].dtype != bool:
        out = out.assign(
            is_root=out["is_root"]
            .astype("object")
            .where(out["is_root"].notna(), False)
            .astype(bool)
        )
    return out


def in_document_order(df: pd.DataFrame, *after: str) -> pd.DataFrame:
    """``df``'s rows in the order the documents print them: by source, page, line and
    table (then ``after``). A PDF counts its lines per page, so line 4 of page 2 comes
    after line 60 of page 1; a document without pages has an empty ``page``."""
    keys = ["source", "page", "line", "table_id", *after]
    if "page" not in df.columns:
        keys.remove("page")
    return df.sort_values(keys, kind="stable", na_position="first")


MNKR_PER = {"kr": 1e-6, "tkr": 1e-3, "mnkr": 1.0, "mdkr": 1e3}
MONEY_UNITS = tuple(MNKR_PER)

_TOTAL = re.compile(
    r"^(?:<b>)?\s*(summa|totalt|total|summering|nettokostnad(?:er)?|netto|s:a)\b(?!\s+antal)",
    re.IGNORECASE,
)
_MONTH_RANGE = re.compile(r"^[a-zåäö]{3}-[a-zåäö]{3}$")


def is_total(label: str) -> bool:
    """``Summa``, ``Totalt``, ``Summa totalt``, ``Nettokostnad`` — a row that sums others
    (``Totalt antal i insats`` is a measure and counts only by the rows it sums)."""
    return bool(_TOTAL.match(label.split(" / ")[-1].strip()))


def to_mnkr(value: pd.Series, unit: pd.Series) -> pd.Series:
    """Money in mnkr; NaN where the unit is not money."""
    factor = unit.map(MNKR_PER).astype("float64")
    return (value.astype("float64") * factor).round(9)


def document_period(obs: pd.DataFrame) -> pd.Series:
    """Per source, the reporting period its tables name most often (``jan-aug``), or ''."""
    ranges = obs.loc[
        obs["period"].str.fullmatch(_MONTH_RANGE.pattern, case=False, na=False),
        ["source", "period"],
    ]
    counts: dict[str, dict[str, int]] = {}  # per source, each period in the order first named
    for source, period in zip(ranges["source"], ranges["period"], strict=True):
        named = counts.setdefault(source, {})
        named[period] = named.get(period, 0) + 1
    # the most named; of two named as often, the first (``max`` keeps the first it meets)
    most = {source: max(named, key=named.__getitem__) for source, named in counts.items()}
    return pd.Series(most, dtype="object").sort_index()


# a column of the year before the document's: "Utfall fg år", "Bokslut föregående år"
_PREVIOUS_YEAR = re.compile(
    r"\b(?:fg|föreg)\.?\s*år\b|\bföregående\s+år\b|\bförra\s+året\b", re.IGNORECASE
)


def resolve_time(df: pd.DataFrame, full_year_kinds: tuple[str, ...]) -> pd.DataFrame:
    """Fill the year a document leaves implicit and name the period.

    - ``Periodens …`` (period ``perioden``) is the document's reporting period: the
      month range its tables name, else the months it says it reports on
      (``doc_period``: ``Delårsrapport mars 2026`` → ``jan-mar``), in the document's year.
    - A value without a year in a dated document (delårsrapport, internbudget) is of the
      document's year, or of the year before when its column says so (``Utfall fg år``,
      ``föregående år``); ``year_source`` then says ``dokument``.
    - A year's budget, prognos, bokslut or plan without a period is the full year (``helår``).
    """
    df = df.copy()
    periods = document_period(df)
    doc_period = df["source"].map(periods).astype("object").fillna("").astype(str)
    if "doc_period" in df:  # else the months the document says it reports on
        doc_period = doc_period.where(doc_period.ne(""), df["doc_period"].fillna(""))
    is_period = df["period"].eq("perioden")
    df.loc[is_period & doc_period.ne(""), "period"] = doc_period
    no_year = df["year"].isna() & df["doc_year"].notna()
    before = no_year & df["column_label"].str.contains(_PREVIOUS_YEAR, na=False)
    df.loc[no_year, "year"] = df.loc[no_year, "doc_year"]
    df.loc[before, "year"] = df.loc[before, "doc_year"] - 1
    df.loc[no_year, "year_source"] = "dokument"
    full = df["period"].eq("") & (
        df["value_kind"].isin(full_year_kinds) | df["year"].lt(df["doc_year"])
    )
    df.loc[full, "period"] = "helår"
    return df


def days_of(year, period) -> float:
    """Days of a period: a year's days for ``helår``, a month range's days in that year
    (``jan-aug`` 2023: 243), NaN when the period is not one of these (or no year)."""
    from ..numparse import MONTHS

    if pd.isna(year):
        return np.nan
    y = int(year)
    if period == "helår":
        return float((pd.Timestamp(y + 1, 1, 1) - pd.Timestamp(y, 1, 1)).days)
    if not _MONTH_RANGE.fullmatch(str(period).lower()):
        return np.nan
    a, b = str(period).lower().split("-")
    if a in MONTHS and b in MONTHS and MONTHS[a] <= MONTHS[b]:
        start = pd.Timestamp(y, MONTHS[a], 1)
        end = pd.Timestamp(y, MONTHS[b], 1) + pd.offsets.MonthEnd(0)
        return float((end - start).days + 1)
    return np.nan
