"""Budget: driftsammandrag and prognosis tables — one row per verksamhet × value kind ×
year × period, in mnkr (and tkr), whatever unit the document printed."""

from __future__ import annotations

import pandas as pd

from ..numparse import format_sv
from .checks import UNEXPLAINED, check_totals, page_of, part_places, place, row_places
from .common import (
    MNKR_PER,
    MONEY_UNITS,
    PROVENANCE,
    STRUCTURE,
    in_document_order,
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
    df = in_document_order(df)
    return df[COLUMNS].reset_index(drop=True)


def check(budget: pd.DataFrame) -> pd.DataFrame:
    """Each table's own totals against its rows, per column (value kind, year, period)."""
    df = budget.assign(
        row_label=budget["verksamhet"], _factor=budget["unit"].map(MNKR_PER).fillna(1.0)
    )
    df = df.assign(year_group=df["year"].astype("object").map(lambda y: "" if pd.isna(y) else y))
    res = check_totals(
        df, "budget", "value_mnkr", ["column_label", "value_kind", "year_group", "period"]
    )
    return _explain_changes(_explain_deviations(res, budget), budget)


def _explain_deviations(res: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """A deviation column's total that does not add up, explained by each row's own
    columns: which of the rows involved (the total and its parts) prints a deviation that
    is not its own prognos (or utfall) minus budget. The check is not changed, only said:
    "Summa kostnader (rad 375) −99,7, men prognos − budget = −99,4"."""
    bad = res.index[(res["status"] == "avvikelse") & res["group"].str.contains(r"\| avvikelse \|")]
    if not len(bad):
        return res
    b = budget[budget["value_mnkr"].notna()]
    # a row is where it stands: a PDF counts its lines per page, so a table over a page
    # break holds another row on the same line of the next page
    pages = b["page"] if "page" in b else pd.Series(pd.NA, index=b.index)
    cell: dict[tuple, float] = {}
    labels: dict[tuple, str] = {}
    for r, page in zip(b.itertuples(), pages, strict=True):
        year = None if pd.isna(r.year) else int(r.year)
        at = (r.source, r.table_id, page_of(page), int(r.line))
        cell.setdefault((*at, r.value_kind, year, r.period), float(r.value_mnkr))
        labels[at] = str(r.verksamhet)
    res = res.copy()
    for i in bad:
        row = res.loc[i]
        _col, _kind, year_text, period = (x.strip() for x in str(row["group"]).split("|"))
        year = int(year_text) if year_text.isdigit() else None
        actual = "prognos" if period == "helår" else "utfall"
        total = (page_of(row["page"]) if "page" in row else None, int(row["line"]))
        places = [total, *part_places(row["part_lines"], row.get("part_pages", ""))]
        own, off = [], []
        for page, line in places:
            key = (row["source"], row["table_id"], page, line)
            a, bud = (
                cell.get((*key, actual, year, period)),
                cell.get((*key, "budget", year, period)),
            )
            dev = cell.get((*key, "avvikelse", year, period))
            if a is None or bud is None or dev is None:
                continue
            # the table's own sign: prognos − budget, or budget − prognos
            fits = [d for d in (a - bud, bud - a) if abs(d - dev) <= 0.15]
            if fits:
                own.append((page, line))
            else:
                off.append(
                    f"{labels[key]} ({place(page, line)}) {format_sv(dev, 1)}, men {actual} − "
                    f"budget = {format_sv(a - bud, 1)}"
                )
        if off:
            note = "avviker från radens egna kolumner: " + "; ".join(off)
            if total in own:
                note = "summaraden stämmer med sin egen " + actual + " − budget; " + note
            kept = "" if row["note"] == UNEXPLAINED else str(row["note"])  # now explained
            res.at[i, "note"] = (kept + "; " if kept else "") + note
    return res


def _explain_changes(res: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """A year's column whose total does not add up, in a table with a change column
    (``Förändring`` = this year − last year): the rows whose figure is not the other
    year's minus (or plus) the change, while the total's own row is. The check is not
    changed, only said: "HVB vuxna (rad 314) 37 194, men 51 194 − 14 541 = 36 653"."""
    bad = res.index[(res["status"] == "avvikelse") & (res["note"].isin(["", UNEXPLAINED]))]
    if not len(bad):
        return res
    res = res.copy()
    for i in bad:
        note = _change_note(res.loc[i], budget)
        if note:
            res.at[i, "note"] = note
    return res


def _change_note(row: pd.Series, budget: pd.DataFrame) -> str:
    t = budget[(budget["source"] == row["source"]) & (budget["table_id"] == row["table_id"])]
    t = t[t["value_mnkr"].notna()]
    this = t[t["column_label"] == str(row["group"]).split(" | ")[0]]
    change = t[t["value_kind"] == "förändring"]
    if this.empty or change.empty or this["year"].isna().all():
        return ""
    kind, year = this["value_kind"].iloc[0], int(this["year"].dropna().iloc[0])
    other = t[(t["value_kind"] == kind) & t["year"].notna() & (t["year"] != year)]
    if other.empty or other["column_label"].nunique() != 1:
        return ""
    later = int(other["year"].iloc[0]) > year  # the change is later − this
    # each row by its page and line (a PDF counts its lines per page)
    v = dict(zip(row_places(this), this["value_mnkr"], strict=True))
    o = dict(zip(row_places(other), other["value_mnkr"], strict=True))
    c = dict(zip(row_places(change), change["value_mnkr"], strict=True))
    labels = dict(zip(row_places(this), this["verksamhet"], strict=True))
    # this year's figure from the other year's and the change
    expected = {x: (o[x] - c[x] if later else o[x] + c[x]) for x in v if x in o and x in c}
    unit = str(row["unit"])
    factor = MNKR_PER.get(unit, 1.0)
    tol = 1.5 * float(row["tolerance"]) / max(int(row["n_parts"]) + 1, 1)
    total = (page_of(row["page"]) if "page" in row else None, int(row["line"]))
    parts = part_places(row["part_lines"], row.get("part_pages", ""))
    if total not in expected or abs(expected[total] - v[total]) > tol:
        return ""  # the total's own row does not hold the relation: nothing to say
    off = [x for x in parts if x in expected and abs(expected[x] - v[x]) > tol]
    if not off:
        return ""
    decimals = 0 if unit == "tkr" else 1
    sign = "−" if later else "+"
    words = [
        f"{labels[x]} ({place(*x)}) {format_sv(v[x] / factor, decimals)}, men "
        f"{format_sv(o[x] / factor, decimals)} {sign} {format_sv(abs(c[x]) / factor, decimals)}"
        f" = {format_sv(expected[x] / factor, decimals)}"
        for x in off
    ]
    note = "avviker från radens egen förändringskolumn: " + "; ".join(words)
    if abs(sum(expected[x] - v[x] for x in off) - float(row["difference"])) <= 2 * tol:
        note += "; med det stämmer summan"
    return note
