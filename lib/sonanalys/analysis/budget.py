"""Delårsrapport: budget, utfall, prognos and avvikelse per verksamhet, and the library's
own year-end forecast from the period's actuals, back-tested where the data allow."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..numparse import MONTHS
from . import claims

KIND_ORDER = ["bokslut", "budget", "utfall", "prognos", "avvikelse"]


def months_of(period: str) -> int | None:
    """Months in a period that starts in January (``jan-aug``: 8); None otherwise."""
    a, _, b = str(period).lower().partition("-")
    if MONTHS.get(a) != 1 or b not in MONTHS:
        return None
    return MONTHS[b]


def row_places(t: pd.DataFrame) -> list[tuple[int, int]]:
    """Each row's place, (page, line): a PDF counts its lines per page, so a table over a
    page break holds two rows on line 4 (page 0 for a document without pages)."""
    pages = t["page"] if "page" in t.columns else pd.Series(pd.NA, index=t.index)
    return [(0 if pd.isna(p) else int(p), int(x)) for p, x in zip(pages, t["line"], strict=True)]


def _order(t: pd.DataFrame) -> pd.Series:
    """A table's rows in printed order: ``row_order`` where the parser gives it, else the
    page and line."""
    if "row_order" in t.columns and t["row_order"].notna().all():
        return t["row_order"].astype("int64")
    return pd.Series([p * 1_000_000 + x for p, x in row_places(t)], index=t.index, dtype="int64")


def root_place(t: pd.DataFrame) -> tuple[int, int] | None:
    """The (page, line) of one table's bottom line: the row the parser marks as the
    table's root total (``is_root``), else the last total row in printed order; never the
    first row with a matching name. None when the table has no total."""
    if "is_root" in t.columns:
        root = t[t["is_root"].fillna(False).astype(bool)]
        if len(root):
            return row_places(root)[0]
    tot = t[t["is_total"].fillna(False).astype(bool)]
    if tot.empty:
        # no sum row: the last row is the bottom line when it names a result
        # (``Resultat``, ``Årets resultat``, ``Netto``)
        last = t.loc[[_order(t).idxmax()]] if len(t) else None
        if last is not None and _RESULT.match(str(last["verksamhet"].iloc[0]).split(" / ")[-1]):
            return row_places(last)[0]
        return None
    return row_places(tot.loc[[_order(tot).idxmax()]])[0]


def root_line(t: pd.DataFrame) -> int | None:
    """The line of one table's bottom line (:func:`root_place`)."""
    at = root_place(t)
    return None if at is None else at[1]


_RESULT = re.compile(r"^\s*(?:årets\s+|periodens\s+)?(?:resultat|netto)\b", re.IGNORECASE)


def deviation_sign(ov: pd.DataFrame, period: str | None = None) -> int:
    """How the table prints a deviation: +1 when avvikelse = prognos − budget (costs
    negative, or a result), −1 when avvikelse = budget − prognos (costs positive), read
    from the rows that print all three (the year's or the period's columns); else from
    the budget's sign."""
    votes = 0
    pairs = [("prognos", "budget", "avvikelse")]
    if period:
        pairs.append((f"utfall {period}", f"budget {period}", f"avvikelse {period}"))
    for a, b, d in pairs:
        if not {a, b, d} <= set(ov.columns):
            continue
        for x, y, z in zip(ov[a], ov[b], ov[d], strict=True):
            if x != x or y != y or z != z or abs(x - y) < 1e-9:
                continue
            if abs((x - y) - z) <= 0.15:
                votes += 1
            elif abs((y - x) - z) <= 0.15:
                votes -= 1
    if votes:
        return 1 if votes > 0 else -1
    return 0


def _row_names(t: pd.DataFrame, root: tuple[int, int] | None) -> dict[tuple[int, int], str]:
    """(page, line) → the name the overview shows: the row's label; a label printed twice
    (``Nettokostnad`` as a subtotal and as the bottom line) is told apart by the
    structure: the root keeps it with ``(totalt)``, another total gets ``, delsumma``."""
    rows = t.assign(_at=row_places(t)).drop_duplicates("_at").sort_values("_at")
    counts = rows["verksamhet"].value_counts()
    names: dict[tuple[int, int], str] = {}
    for at, label, total in zip(rows["_at"], rows["verksamhet"], rows["is_total"], strict=True):
        name = str(label)
        if counts[label] > 1:
            if at == root:
                name = f"{name} (totalt)"
            elif bool(total):
                name = f"{name}, delsumma"
        if name in names.values():
            name = f"{name} (s. {at[0]}, rad {at[1]})" if at[0] else f"{name} (rad {at[1]})"
        names[at] = name
    return names


def overview(budget: pd.DataFrame, municipality: str, year: int, period: str) -> pd.DataFrame:
    """One row per row of the document's table that reports ``year`` and ``period``, in
    printed order: the year's budget, the period's utfall, the year's prognos and
    avvikelse (mnkr), from the first table holding period actuals.

    ``attrs``: ``source``, ``lines``, ``where`` (the source note's place, with pages
    where the document has them: ``s. 6, rad 35 – s. 7, rad 4``), ``root`` (the name of
    the table's bottom line, see :func:`root_line`), ``totals`` (names of its total
    rows), ``line_of`` (name → line), ``cell_line`` ((name, column) → the line the
    figure is printed on: a prognosis paired from a table of its own has that table's
    line) and ``table`` (caption)."""
    b = budget[(budget["municipality"] == municipality) & (budget["doc_year"] == year)]
    act = b[(b["value_kind"] == "utfall") & (b["period"] == period) & (b["year"] == year)]
    if act.empty:
        return pd.DataFrame()
    src, tid = act["source"].iloc[0], act["table_id"].iloc[0]
    t = b[(b["source"] == src) & (b["table_id"] == tid)]
    root = root_place(t)
    names = _row_names(t, root)
    # the root row's own label (a PDF's line 4 may be another row on another page)
    root_label = (
        str(t.loc[[at == root for at in row_places(t)], "verksamhet"].iloc[0]) if root else None
    )
    t = t.assign(name=[names[at] for at in row_places(t)])
    if not (t["value_kind"] == "prognos").any():
        # a report may print actuals and the year's prognosis in two tables: the other
        # table's rows are paired by label, its bottom line with this one's
        prog = b[(b["value_kind"] == "prognos") & (b["source"] == src)]
        if len(prog):
            other = b[(b["source"] == src) & (b["table_id"] == prog["table_id"].iloc[0])]
            other_root = root_place(other)
            by_label: dict[str, str] = {}
            for at, label in zip(row_places(t), t["verksamhet"], strict=True):
                by_label.setdefault(label, names[at])
            oname = [
                names.get(root) if at == other_root and root is not None
                else by_label.get(label)
                for at, label in zip(row_places(other), other["verksamhet"], strict=True)
            ]  # fmt: skip
            other = other.assign(name=oname)
            t = pd.concat([t, other[other["name"].notna()]])
    t = t[t["year"] == year]
    t = t.assign(col=t["value_kind"] + np.where(t["period"] == period, " " + period, ""))
    wide = t.pivot_table(index="name", columns="col", values="value_mnkr", aggfunc="first",
                         sort=False)  # fmt: skip
    order = [c for k in KIND_ORDER for c in wide.columns if c.split(" ")[0] == k]
    wide = wide[order]
    ordered = [names[k] for k in sorted(names) if names[k] in wide.index]
    wide = wide.loc[ordered]
    wide.index.name = None
    total_at = set(row_places(t[t["is_total"].astype(bool)]))
    wide.attrs["source"] = src
    wide.attrs["table"] = str(t["table"].iloc[0])
    wide.attrs["lines"] = f"{int(t['line'].min())}–{int(t['line'].max())}"
    # the source note's place: pages named where the document has them (a table over a
    # page break, a prognosis paired from a table of its own: each table its own span)
    wide.attrs["where"] = claims.where(t, by="table_id")
    pages = t["page"].dropna().unique() if "page" in t else []
    wide.attrs["page"] = int(pages[0]) if len(pages) == 1 else None  # a PDF's lines are per page
    wide.attrs["root"] = names.get(root) if root is not None else None
    wide.attrs["root_label"] = root_label
    wide.attrs["totals"] = [names[k] for k in sorted(names) if k in total_at]
    wide.attrs["line_of"] = {v: k[1] for k, v in names.items()}
    # each shown row's pages: a table over a page break has no one page, but a row has
    pages_of: dict[str, set] = {}
    for n, p in zip(t["name"], t["page"] if "page" in t else [None] * len(t), strict=True):
        pages_of.setdefault(n, set()).add(None if pd.isna(p) else int(p))
    wide.attrs["pages_of"] = pages_of
    # where each shown figure is printed: the prognosis may stand in a table of its own
    wide.attrs["cell_line"] = {
        (n, c): int(x) for n, c, x in zip(t["name"], t["col"], t["line"], strict=True)
    }
    return wide


def _seasonal_share(
    act: pd.DataFrame, full: pd.DataFrame, src: str, tid: str, year: int
) -> tuple[float, int | None, float]:
    """The latest earlier year's period share (part ÷ outcome) for one row of table
    ``(src, tid)``, given that row's period actuals ``act`` and full-year outcomes
    ``full`` in every table: part and outcome from one table — this one, or one of
    another document — with the year and the outcome; (NaN, None, NaN) when there is
    none."""
    a = act[act["year"] < year]
    # (table, year) → the first value printed for it, as the frames order them
    part: dict[tuple, float] = {}
    for key in zip(a["source"], a["table_id"], a["year"], a["value_mnkr"], strict=True):
        part.setdefault(key[:3], key[3])
    outcomes: dict[tuple, float] = {}
    for key in zip(full["source"], full["table_id"], full["year"], full["value_mnkr"], strict=True):
        outcomes.setdefault(key[:3], key[3])
    others = {(s, t) for s, t, _ in part if s != src}
    tables = [(src, tid), *sorted(others)]
    best: tuple[float, int | None, float] = (np.nan, None, np.nan)
    for s, t in tables:
        years = {y for s2, t2, y in part if (s2, t2) == (s, t)}
        years &= {y for s2, t2, y in outcomes if (s2, t2) == (s, t)}
        for y in sorted(years, reverse=True):
            outcome = float(outcomes[s, t, y])
            if outcome != 0 and (best[1] is None or y > best[1]):
                best = (float(part[s, t, y]) / outcome, int(y), outcome)
                break
    return best


def _prognosis_rows(prog: pd.DataFrame, src: str, tid: str) -> pd.DataFrame:
    here = prog[(prog["source"] == src) & (prog["table_id"] == tid)]
    if len(here):
        return here
    doc = prog[prog["source"] == src]
    return doc[doc["table_id"] == doc["table_id"].iloc[0]] if len(doc) else doc


def proportional_forecast(
    budget: pd.DataFrame, municipality: str, year: int, period: str, months: int
) -> pd.DataFrame:
    """Year-end forecast per verksamhet (or kontogrupp) from the period's actuals, one row
    per row of the source table that prints them: ``table_id`` and ``table`` (its caption)
    keep verksamheter and kontogrupper in the tables they came from.

    With an earlier year that has both the same period's utfall and the full-year
    bokslut/utfall (``seasonal``), the forecast is actual ÷ that year's share; otherwise
    it is actual × 12 / months (``linjär``). Each row says which method it used. Back-test
    (``backtest_fel``): the method used, applied to its base year (that year's period
    actual over the share of a year before it) against the base year's known outcome;
    ``backtest_not`` says which years, or why there is none (the linear method is used
    exactly when no earlier year has both figures). The earlier
    year's part and outcome come from one table: the same table, or a table with the same
    row in another document (last year's report) — never another table of the same
    document, whose rows may cover another scope. The administration's prognosis is the
    one the same table prints; a table that prints none takes the same row of the
    document's first table with a prognosis (as ``overview`` pairs them), else none.
    """
    used = ["source", "table_id", "table", "verksamhet", "value_kind", "period", "year",
            "value_mnkr", "line", "page"]  # fmt: skip
    if "page" not in budget:
        budget = budget.assign(page=pd.NA)
    # the columns used, not the frame's twenty-odd: every row filter copies each column
    b = budget.loc[(budget["municipality"] == municipality) & ~budget["is_total"], used]
    act = b[(b["value_kind"] == "utfall") & (b["period"] == period)]
    full = b[b["value_kind"].isin(["bokslut", "utfall"]) & (b["period"] == "helår")]
    prog = b[(b["value_kind"] == "prognos") & (b["year"] == year) & (b["period"] == "helår")]

    out = []
    now_rows = act[act["year"] == year]
    # each row's actuals and outcomes, and each table's prognoses, looked up once
    act_of = dict(list(act.groupby("verksamhet", sort=False)))
    full_of = dict(list(full.groupby("verksamhet", sort=False)))
    prog_of: dict[tuple[str, str], pd.DataFrame] = {}
    for (src, tid, verk), now in now_rows.groupby(["source", "table_id", "verksamhet"], sort=False):
        actual = float(now["value_mnkr"].iloc[0])
        share, base_year, outcome = _seasonal_share(
            act_of[verk], full_of.get(verk, full.iloc[:0]), src, tid, year
        )
        if base_year is not None and share > 0:
            part = share * outcome
            forecast, method = actual / share, f"säsongsprofil {base_year}"
            # the method used, applied to its base year: that year's part over the share
            # of a year before it, against the base year's known outcome
            share0, year0, _ = _seasonal_share(
                act_of[verk], full_of.get(verk, full.iloc[:0]), src, tid, base_year
            )
            if year0 is not None and share0 > 0:
                backtest = part / share0 - outcome
                note = f"säsongsprofil {year0} på {base_year}"
            else:
                backtest = np.nan
                note = f"inget år före {base_year} med både periodens utfall och helår"
        else:
            forecast, method, backtest = actual * 12 / months, "linjär", np.nan
            note = "inget tidigare år med både periodens utfall och helår"
        if (src, tid) not in prog_of:
            prog_of[src, tid] = _prognosis_rows(prog, src, tid)
        p = prog_of[src, tid]
        p = p[p["verksamhet"] == verk]
        out.append(
            {
                "source": src,
                "table_id": tid,
                "table": now["table"].iloc[0],
                "verksamhet": verk,
                "utfall_period": actual,
                "prognos_egen": round(forecast, 3),
                "metod": method,
                "prognos_forvaltning": float(p["value_mnkr"].iloc[0]) if len(p) else np.nan,
                "backtest_fel": round(backtest, 3) if backtest == backtest else np.nan,
                "backtest_not": note,
                "line": int(now["line"].iloc[0]),
                "page": now["page"].iloc[0],  # a PDF's page (its lines are per page)
            }
        )
    return pd.DataFrame(out)
