"""Delårsrapport: budget, utfall, prognos and avvikelse per verksamhet, and the library's
own year-end forecast from the period's actuals, back-tested where the data allow."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..numparse import MONTHS

KIND_ORDER = ["bokslut", "budget", "utfall", "prognos", "avvikelse"]


def months_of(period: str) -> int | None:
    """Months in a period that starts in January (``jan-aug``: 8); None otherwise."""
    a, _, b = str(period).lower().partition("-")
    if MONTHS.get(a) != 1 or b not in MONTHS:
        return None
    return MONTHS[b]


def overview(budget: pd.DataFrame, municipality: str, year: int, period: str) -> pd.DataFrame:
    """One row per verksamhet of the document that reports ``year`` and ``period``:
    the year's budget, the period's utfall, the year's prognos and avvikelse (mnkr),
    from the first table holding period actuals."""
    b = budget[(budget["municipality"] == municipality) & (budget["doc_year"] == year)]
    act = b[(b["value_kind"] == "utfall") & (b["period"] == period) & (b["year"] == year)]
    if act.empty:
        return pd.DataFrame()
    src, tid = act["source"].iloc[0], act["table_id"].iloc[0]
    t = b[(b["source"] == src) & (b["table_id"] == tid)]
    if not (t["value_kind"] == "prognos").any():
        # a report may print actuals and the year's prognosis in two tables
        prog = b[(b["value_kind"] == "prognos") & (b["source"] == src)]
        if len(prog):
            t = pd.concat(
                [t, b[(b["source"] == src) & (b["table_id"] == prog["table_id"].iloc[0])]]
            )
    t = t[t["year"] == year]
    t = t.assign(col=t["value_kind"] + np.where(t["period"] == period, " " + period, ""))
    wide = t.pivot_table(index="verksamhet", columns="col", values="value_mnkr", aggfunc="first",
                         sort=False)  # fmt: skip
    order = [c for k in KIND_ORDER for c in wide.columns if c.split(" ")[0] == k]
    wide = wide[order]
    wide.attrs["source"] = src
    wide.attrs["lines"] = f"{int(t['line'].min())}–{int(t['line'].max())}"
    return wide


def proportional_forecast(
    budget: pd.DataFrame, municipality: str, year: int, period: str, months: int
) -> pd.DataFrame:
    """Year-end forecast per verksamhet from the period's actuals.

    With an earlier year that has both the same period's utfall and the full-year
    bokslut/utfall (``seasonal``), the forecast is actual ÷ that year's share; otherwise
    it is actual × 12 / months (``linjär``). Each row says which method it used. Back-test:
    the same method applied to the earlier year against its known outcome.
    """
    b = budget[(budget["municipality"] == municipality) & ~budget["is_total"]]
    act = b[(b["value_kind"] == "utfall") & (b["period"] == period)]
    full = b[b["value_kind"].isin(["bokslut", "utfall"]) & (b["period"] == "helår")]
    prog = b[(b["value_kind"] == "prognos") & (b["year"] == year) & (b["period"] == "helår")]
    rows = []
    for verk, g in act.groupby("verksamhet", sort=False):
        now = g[g["year"] == year]
        if now.empty:
            continue
        actual = float(now["value_mnkr"].iloc[0])
        earlier = g[g["year"] < year].sort_values("year")
        share, base_year, outcome = np.nan, None, np.nan
        for y in reversed(earlier["year"].tolist()):
            f = full[(full["verksamhet"] == verk) & (full["year"] == y)]
            if len(f) and float(f["value_mnkr"].iloc[0]) != 0:
                part = float(earlier[earlier["year"] == y]["value_mnkr"].iloc[0])
                outcome = float(f["value_mnkr"].iloc[0])
                share, base_year = part / outcome, int(y)
                break
        if base_year is not None and share > 0:
            forecast, method = actual / share, f"säsongsprofil {base_year}"
            backtest = part * 12 / months - outcome
        else:
            forecast, method, backtest = actual * 12 / months, "linjär", np.nan
        p = prog[prog["verksamhet"] == verk]
        rows.append(
            {
                "verksamhet": verk,
                "utfall_period": actual,
                "prognos_egen": round(forecast, 3),
                "metod": method,
                "prognos_forvaltning": float(p["value_mnkr"].iloc[0]) if len(p) else np.nan,
                "backtest_linjar_fel": round(backtest, 3) if backtest == backtest else np.nan,
            }
        )
    return pd.DataFrame(rows)
