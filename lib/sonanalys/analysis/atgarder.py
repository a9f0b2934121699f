"""Action plans: measures by area and status, planned against revised effect, and the
walk from the plans' parts to their total."""

from __future__ import annotations

import re

import pandas as pd

# a plan's own status words, in a few classes for a summary (the frame keeps the text)
STATUS_CLASSES = (
    ("genomförd", r"genomf"),
    ("utgår", r"utg[åa]"),
    ("nytt förslag", r"nytt\s+förslag|^ny\b"),
    ("pågår/utreds", r"pågår|utredning|utreds|påbörja"),
)


# a measure whose plan names no area for it (the frame keeps '')
NO_AREA = "ej angivet område"


def _area_label(area: pd.Series) -> pd.Series:
    return area.where(area != "", NO_AREA)


def _no_area_last(index: pd.Index) -> list:
    return [a for a in index if a != NO_AREA] + [a for a in index if a == NO_AREA]


def status_class(text: str) -> str:
    """``Genomfört Resultat 2022`` → genomförd; ``Utredning pågår`` → pågår/utreds;
    ``''`` → ej angiven; anything else → övrigt."""
    t = text.strip()
    if not t:
        return "ej angiven"
    for name, pattern in STATUS_CLASSES:
        if re.search(pattern, t, re.IGNORECASE):
            return name
    return "övrigt"


def by_area_status(atgarder: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """Measures per document, area and status class (one count per measure)."""
    a = atgarder[(atgarder["municipality"] == municipality) & (atgarder["level"] == "åtgärd")]
    m = a.drop_duplicates(["source", "measure"])
    m = m.assign(status=[status_class(t) for t in m["status"]], area=_area_label(m["area"]))
    return (
        m.groupby(["source", "plan", "area", "status"], sort=True)
        .size()
        .rename("antal")
        .reset_index()
    )


def status_tables(atgarder: pd.DataFrame, municipality: str) -> dict[str, pd.DataFrame]:
    """Per plan document: measures by area (rows) and status class (columns, in the
    order of ``STATUS_CLASSES``, then övrigt and ej angiven) with a ``totalt`` column.
    Each table's ``attrs["plan"]`` is the plan's name."""
    order = [name for name, _ in STATUS_CLASSES] + ["övrigt", "ej angiven"]
    out: dict[str, pd.DataFrame] = {}
    for src, part in by_area_status(atgarder, municipality).groupby("source", sort=True):
        t = part.pivot_table(
            index="area", columns="status", values="antal", aggfunc="sum", fill_value=0
        )
        t = t[[c for c in order if c in t.columns]].loc[_no_area_last(t.index)]
        t.columns.name = None
        t["totalt"] = t.sum(axis=1)
        t.index.name = "Område"
        t.attrs["plan"] = part["plan"].iloc[0]
        out[src] = t
    return out


def effects_by_year(atgarder: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """Sum of measure effects (mnkr) per plan document, effect kind and year — measures
    only (no Summa rows, no part-year restatements), so nothing is counted twice."""
    a = atgarder[
        (atgarder["municipality"] == municipality)
        & (atgarder["level"] == "åtgärd")
        & atgarder["value_mnkr"].notna()
        & atgarder["year"].notna()
        & (atgarder["basis"] != "helår")
        & (atgarder["effect_kind"] != "genomförandekostnad")
    ]
    return (
        a.groupby(["source", "effect_kind", "year"], sort=True)["value_mnkr"]
        .sum()
        .round(3)
        .reset_index()
    )


def waterfall(atgarder: pd.DataFrame, source: str, year: int) -> pd.DataFrame:
    """Steps from zero to the plan's total effect in ``year``, one step per area (the
    planned or revised effect of that document), ending with the total."""
    a = atgarder[
        (atgarder["source"] == source)
        & (atgarder["level"] == "åtgärd")
        & (atgarder["year"] == year)
        & atgarder["effect_kind"].isin(["planerad", "reviderad"])
        & (atgarder["basis"] != "helår")
    ]
    steps = a.assign(area=_area_label(a["area"])).groupby("area", sort=True)["value_mnkr"]
    steps = steps.sum().round(3)
    steps = steps.loc[_no_area_last(steps.index)]
    df = pd.DataFrame({"step": steps.index, "value": steps.to_numpy()})
    df["end"] = df["value"].cumsum()
    df["start"] = df["end"] - df["value"]
    total = pd.DataFrame(
        {
            "step": ["Summa"],
            "value": [df["value"].sum()],
            "start": [0.0],
            "end": [df["value"].sum()],
        }
    )
    return pd.concat([df, total], ignore_index=True)
