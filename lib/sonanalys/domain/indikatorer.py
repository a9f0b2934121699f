"""Indikatorer: nämndindikatorer and målvärden, the R9 pairs (the municipality's value
and the R9 average side by side, with the Kolada id from the footnote) and occupancy
(beläggning) by month."""

from __future__ import annotations

import re

import pandas as pd

from ..numparse import MONTHS
from .common import PROVENANCE, in_document_order, resolve_time

COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "area",
    "indicator",
    "entity",
    "is_comparison",
    "kolada_id",
    "sex",
    "year",
    "period",
    "month",
    "value_kind",
    "value",
    "qualifier",
    "unit",
    "column_label",
    "footnote",
    *PROVENANCE,
]

_INDICATOR_TABLE = re.compile(
    r"indikator|nämndmål|\bmål\b|målområde|målvärde|måluppfyllelse|nyckeltal|beläggning|"
    r"kommunövergripande|sammandrag",
    re.IGNORECASE,
)
_KOLADA_ID = re.compile(r"\b([NU]\d{5})\b")
_GROUP_ENTITIES = re.compile(r"^(?:R9|R12|riket|länet|snitt|genomsnitt|medel)", re.IGNORECASE)
# a goal's wording: what shall be, not what was ("Förvaltningen ska … ha genomfört minst
# fem insatser", "Minst 80 % av brukarna ska uppleva delaktighet")
_SHALL = re.compile(r"(?<![\wåäö])(?:ska|skall|bör)(?![\wåäö])", re.IGNORECASE)


def is_target(cell_text: str, value: float, unit: str) -> bool:
    """Whether ``value`` is a target: the sentence of ``cell_text`` it is read from
    states what shall be (``ska``, ``skall``, ``bör``), so a ``minst``/``högst`` in it
    bounds a goal, not an outcome. False when no sentence of the cell gives the value."""
    from ..numparse import strip_tags
    from ..prose import sentence_reading, sentences

    for _, sentence in sentences(strip_tags(cell_text)):
        reading = sentence_reading(sentence)
        if any(q.value == value and q.unit in (unit, "") for q in reading.quantities):
            return bool(_SHALL.search(sentence))
    return False


def build(obs: pd.DataFrame) -> pd.DataFrame:
    """Every value of an indicator table, and every value compared with a group
    (an entity such as ``R9`` in the cell). A value whose column names no kind and whose
    sentence states a goal (:func:`is_target`) is a ``målvärde``; its ``qualifier``
    (``>=`` for ``minst``) says which side of it the goal is."""
    if obs.empty:
        return pd.DataFrame(columns=COLUMNS)
    o = obs[obs["table"].ne("text")]
    in_table = (o["table"] + " " + o["section"]).str.contains(_INDICATOR_TABLE)
    compared = o["entity"].ne("")
    keep = (in_table | compared) & ~o["value_kind"].isin(["effekt", "genomförandekostnad"])
    keep &= ~o["unit"].isin(["mnkr", "tkr", "mdkr"]) | compared
    o = o[keep]
    o = resolve_time(o, ())
    kolada = (o["footnote"] + " " + o["row_label"]).str.extract(_KOLADA_ID, expand=False)
    month = o["period"].str.lower().map(MONTHS)
    entity = o["entity"].where(o["entity"].ne(""), o["municipality"])
    df = o.assign(
        area=o["section"].where(o["section"].ne(""), o["table"]),
        indicator=o["row_label"],
        entity=entity,
        is_comparison=entity.str.contains(_GROUP_ENTITIES),
        kolada_id=kolada.fillna(""),
        month=pd.array(month, dtype="Int64"),
    )
    # a value whose column names no kind, in a sentence stating a goal, is the goal's
    # target value (003 line 160: "… ska … ha genomfört minst fem insatser")
    unnamed = df["value_kind"].eq("") & ~df["is_comparison"]
    target = [
        is_target(t, v, u) if n else False
        for t, v, u, n in zip(df["cell_text"], df["value"], df["unit"], unnamed, strict=True)
    ]
    df.loc[pd.Series(target, index=df.index, dtype=bool), "value_kind"] = "målvärde"
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["doc_year"] = pd.array(df["doc_year"], dtype="Int64")
    df = in_document_order(df)
    return df[COLUMNS].reset_index(drop=True)


def r9_pairs(indikatorer: pd.DataFrame) -> pd.DataFrame:
    """The municipality's value beside the comparison group's, one row per indicator
    and year (``Linköping: 761 kr/inv R9: 1063 kr/inv``): two values pair when they
    stand on one line of one page (a PDF counts its lines per page: line 12 of page 3
    and line 12 of page 5 are two places). ``page`` is missing for a text document."""
    i = indikatorer.assign(page=indikatorer["page"] if "page" in indikatorer.columns else pd.NA)
    i = i.assign(_page=i["page"].astype("Int64").fillna(0))  # 0: no pages
    place = ["source", "_page", "line"]
    pairs = i[i.groupby(place)["is_comparison"].transform("any")]
    own = pairs[~pairs["is_comparison"]]
    grp = pairs[pairs["is_comparison"]]
    keys = [*place, "indicator", "kolada_id", "year", "unit"]
    out = own.merge(grp[[*keys, "entity", "value"]], on=keys, suffixes=("", "_group"))
    out = out.rename(
        columns={
            "entity": "municipality_name",
            "entity_group": "group",
            "value_group": "group_value",
        }
    )
    out["gap"] = out["value"] - out["group_value"]
    cols = [
        "municipality", "indicator", "kolada_id", "year", "unit", "value", "group",
        "group_value", "gap", "source", "line", "page",
    ]  # fmt: skip
    out = out[cols].reset_index(drop=True)
    out["page"] = pd.array(out["page"], dtype="Int64")
    return out
