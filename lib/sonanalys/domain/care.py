"""Persons in care (placements) and care days (vårddygn) with cost per dygn.

Both read the labels economists write, not file layouts: the group (``Barn``, ``Unga``,
``Vuxna``, ``0–20 år``), the care form (``HVB``, ``familjehem``, ``konsulentstödda
familjehem``, ``jourhem``, ``SiS``, ``skyddat boende``) and the measure (unique persons,
average persons per day, per 1 000 inv 0–20, LVU/LVM individuals, care days, cost per dygn).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..numparse import format_sv
from .common import MNKR_PER, PROVENANCE, days_of, in_document_order, resolve_time

GROUPS = ("0–20 år", "barn och unga", "barn", "unga", "vuxna", "")
CARE_FORMS = (
    "konsulentstött familjehem",
    "jourhem",
    "familjehem",
    "HVB/institution",
    "SiS",
    "skyddat boende",
    "stödboende",
    "alla vårdformer",
)
PLACEMENT_MEASURES = (
    "LVU unika individer",
    "LVM unika individer",
    "per 1 000 inv 0–20 år",
    "per 1 000 inv, annan ålder",  # a rate whose age band is not 0–20 (or is not said)
    "personer per dygn (snitt)",
    "unika personer",
    "antal",
)
VARDDYGN_MEASURES = ("vårddygn", "kostnad per vårddygn", "total kostnad")
BASES = ("rapporterad", "beräknad")

_IN_CARE = re.compile(
    r"placer|i insats|dygnsvård|familjehem|\bhvb\b|institution|jourhem|\bsis\b|"
    r"\blv[um]\b|skyddat boende|i vård\b|vård- och behandling|extern\w* vård",
    re.IGNORECASE,
)
_NOT_PLACEMENT = re.compile(
    r"ärende|utred|anmäl|aktualiser|ansök|platser|beläggning|öppenvård|kostnad|"
    r"(?<!per )\bdygn\b|vårddygn|anställd|årsarbet|kommunplacer",
    re.IGNORECASE,
)
_GROUP_RULES = [
    (re.compile(r"0\s*[-–]\s*20", re.I), "0–20 år"),
    (re.compile(r"barn\s+och\s+(unga|ungdom)|barn-\s*och\s+unga", re.I), "barn och unga"),
    (re.compile(r"\bbarn\b", re.I), "barn"),
    (re.compile(r"\bunga\b|ungdom", re.I), "unga"),
    (re.compile(r"vuxn|vuxen|\b21\+|\blvm\b", re.I), "vuxna"),
    (re.compile(r"\blvu\b", re.I), "barn och unga"),
]
_FORM_RULES = [
    (re.compile(r"konsulent", re.I), "konsulentstött familjehem"),
    (re.compile(r"jourhem", re.I), "jourhem"),
    (re.compile(r"institution\w* eller i familjehem", re.I), "alla vårdformer"),
    (re.compile(r"familjehem", re.I), "familjehem"),
    (re.compile(r"\bhvb\b|institution", re.I), "HVB/institution"),
    (re.compile(r"\bsis\b|statens institution", re.I), "SiS"),
    (re.compile(r"skyddat boende", re.I), "skyddat boende"),
    (re.compile(r"stödboende", re.I), "stödboende"),
]

PLACEMENT_COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "label",
    "group",
    "care_form",
    "measure",
    "sex",
    "year",
    "period",
    "value_kind",
    "value",
    "unit",
    "column_label",
    *PROVENANCE,
]
VARDDYGN_COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "label",
    "group",
    "care_form",
    "measure",
    "basis",
    "year",
    "period",
    "value_kind",
    "value",
    "unit",
    "derivation",
    "reported",
    "difference",
    "column_label",
    *PROVENANCE,
]


def group_of(text: str) -> str:
    for pattern, group in _GROUP_RULES:
        if pattern.search(text):
            return group
    return ""


def care_form_of(text: str) -> str:
    """The care form a label names; a label naming several (``HVB, skyddat boende,
    familjehem, SiS``) or none is about all forms. Only the row label's own words count
    when it names any; else the section's and caption's."""
    for part in text.split(" | "):
        forms = {form for pattern, form in _FORM_RULES if pattern.search(part)}
        if len(forms) == 1:
            return forms.pop()
        if forms:
            return "alla vårdformer"
    return "alla vårdformer"


def _context(df: pd.DataFrame) -> pd.Series:
    return df["row_label"] + " | " + df["section"] + " | " + df["table"]


_AGE_0_20 = re.compile(r"\b0\s?[-–]\s?20\b")


def _placement_measure(label: str, unit: str, column: str = "") -> str:
    if unit == "per1000":
        # the age band the label or the column states: "0-21 år" is not 0–20
        if _AGE_0_20.search(label) or _AGE_0_20.search(column):
            return "per 1 000 inv 0–20 år"
        return "per 1 000 inv, annan ålder"
    if re.search(r"\blvu\b", label, re.I) and re.search(r"unik|individ", label, re.I):
        return "LVU unika individer"
    if re.search(r"\blvm\b", label, re.I) and re.search(r"unik|individ", label, re.I):
        return "LVM unika individer"
    if re.search(r"per dygn|snitt|genomsnitt", label, re.I):
        return "personer per dygn (snitt)"
    if re.search(r"unik", label, re.I):
        return "unika personer"
    return "antal"


def placements(obs: pd.DataFrame) -> pd.DataFrame:
    """Persons in care: counts and rates whose labels name care."""
    if obs.empty:
        return pd.DataFrame(columns=PLACEMENT_COLUMNS)
    o = obs[obs["unit"].isin(["antal", "per1000"]) & obs["table"].ne("text")]
    o = o[o["row_label"].str.contains(_IN_CARE) | o["table"].str.contains(_IN_CARE)]
    o = o[~o["row_label"].str.contains(_NOT_PLACEMENT)]
    o = o[~o["table"].str.contains(r"(?i)beläggning|platser")]
    o = o[~o["row_label"].str.contains(r"(?i)andel|befolkning|invånare totalt")]
    o = resolve_time(o, ())
    labels = o["row_label"]
    ctx = _context(o)
    df = o.assign(
        label=labels,
        group=[group_of(t) for t in labels.str.split(" / ").str[0]],
        care_form=[care_form_of(t) for t in ctx],
        measure=[
            _placement_measure(t, u, c)
            for t, u, c in zip(labels, o["unit"], o["column_label"].fillna(""), strict=True)
        ],
    )
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["doc_year"] = pd.array(df["doc_year"], dtype="Int64")
    df = in_document_order(df)
    return df[PLACEMENT_COLUMNS].reset_index(drop=True)


def _persons_per_day(label: str) -> bool:
    return bool(re.search(r"(snitt|genomsnitt)\w* per dygn|per dygn.*snitt", label, re.I))


def varddygn(obs: pd.DataFrame) -> pd.DataFrame:
    """Care days and cost per care day, as reported and as derived, and the total cost
    (mnkr) of a table that gives persons per day and a cost per dygn.

    Derived: a table's total cost (``Total kostnad``, mnkr) over its persons in care per
    day (``Totalt antal i insats (snitt per dygn)``) times the days of the cost's period,
    in the same column. Each derived row names its inputs (``derivation``) and carries the
    reported figure of that column and the difference.
    """
    o = obs[obs["table"].ne("text")]
    if o.empty:
        return pd.DataFrame(columns=VARDDYGN_COLUMNS)
    o = resolve_time(o, ("budget", "prognos", "bokslut", "plan"))
    days = o[o["unit"].eq("dygn") & o["row_label"].str.contains(r"(?i)dygn")]
    cost = o[o["unit"].eq("kr/dygn") & ~o["row_label"].str.contains(r"(?i)kommentar")]
    rows = pd.concat(
        [
            days.assign(measure="vårddygn", basis="rapporterad"),
            cost.assign(measure="kostnad per vårddygn", basis="rapporterad"),
        ]
    )
    derived = _derived(o, cost)
    rows = pd.concat([rows, derived]) if len(derived) else rows
    ctx = _context(rows)
    rows = rows.assign(
        label=rows["row_label"],
        group=[group_of(t) for t in rows["row_label"]],
        care_form=[care_form_of(t) for t in ctx],
    )
    for c in ("derivation",):
        rows[c] = rows[c].fillna("") if c in rows else ""
    for c in ("reported", "difference"):
        rows[c] = rows[c].astype("float64") if c in rows else np.nan
    rows["year"] = pd.array(rows["year"], dtype="Int64")
    rows["doc_year"] = pd.array(rows["doc_year"], dtype="Int64")
    rows = in_document_order(rows, "basis")
    return rows[VARDDYGN_COLUMNS].reset_index(drop=True)


def _derived(o: pd.DataFrame, reported_cost: pd.DataFrame) -> pd.DataFrame:
    out = []
    money = o[o["unit"].isin(list(MNKR_PER)) & o["row_label"].str.contains(r"(?i)total\w* kostnad")]
    persons = o[
        o["row_label"].map(_persons_per_day)
        & o["row_label"].str.contains(r"(?i)^total")
        & o["unit"].eq("antal")
    ]
    # each table column's money, persons and reported cost, as plain records: a
    # DataFrame per group costs more than the arithmetic
    money_in, persons_in, cost_in = (_by_column(df) for df in (money, persons, reported_cost))
    for key in sorted(money_in):
        ms, ps = money_in[key], persons_in.get(key)
        if len(ms) != 1 or ps is None or len(ps) != 1:
            continue
        m, p = ms[0], ps[0]
        period = "helår" if m["value_kind"] in ("prognos", "budget", "bokslut") else m["period"]
        nd = days_of(m["year"], period)
        if np.isnan(nd) or p["value"] == 0:
            continue
        kr = m["value"] * MNKR_PER[m["unit"]] * 1e6
        value = round(kr / (p["value"] * nd), 1)
        rep = cost_in.get(key)
        reported = float(rep[0]["value"]) if rep is not None and len(rep) == 1 else np.nan
        # the table's own total cost beside the price it gives: what a price/volume
        # bridge starts and ends at
        out.append(
            {
                **m,
                "measure": "total kostnad",
                "basis": "rapporterad",
                "value": round(m["value"] * MNKR_PER[m["unit"]], 9),
                "unit": "mnkr",
                "period": period,
                "derivation": "",
                "reported": np.nan,
                "difference": np.nan,
            }
        )
        out.append(
            {
                **m,
                "row_label": f"{m['row_label']} / ({p['row_label']} × dygn)",
                "measure": "kostnad per vårddygn",
                "basis": "beräknad",
                "value": value,
                "unit": "kr/dygn",
                "period": period,
                "derivation": (
                    f"{_as_printed(m)} {m['unit']} / ({_as_printed(p)} "
                    f"personer × {int(nd)} dygn) ({_two_places(m, p)})"
                ),
                "reported": reported,
                "difference": round(value - reported, 1) if not np.isnan(reported) else np.nan,
            }
        )
    return pd.DataFrame(out)


def _two_places(a: dict, b: dict) -> str:
    """Where two records stand: ``rad 534 och 529``; a PDF's with the page (``s. 10, rad
    9 och 4``, or each its own: ``s. 10, rad 9 och s. 11, rad 2``), as its lines are
    counted per page."""

    def page(rec: dict):
        v = rec.get("page")
        return None if v is None or pd.isna(v) else int(v)

    pa, pb = page(a), page(b)
    if pa is None and pb is None:
        return f"rad {a['line']} och {b['line']}"
    if pa == pb:
        return f"s. {pa}, rad {a['line']} och {b['line']}"
    where = [f"s. {q}, rad {r['line']}" if q is not None else f"rad {r['line']}"
             for q, r in ((pa, a), (pb, b))]  # fmt: skip
    return " och ".join(where)


def _as_printed(rec: dict) -> str:
    """A cell's value with the decimals its document printed (``330,0``, not ``330``)."""
    m = re.search(r"\d,(\d+)", str(rec.get("cell_text") or ""))
    return format_sv(rec["value"], len(m.group(1)) if m else None)


def _by_column(df: pd.DataFrame) -> dict[tuple[str, str, str], list[dict]]:
    """The frame's rows as records, by (source, table_id, column_label)."""
    out: dict[tuple[str, str, str], list[dict]] = {}
    for rec in df.to_dict("records"):
        out.setdefault((rec["source"], rec["table_id"], rec["column_label"]), []).append(rec)
    return out
