"""Key findings: the three to five sentences each report opens with, written from the
numbers (largest deviation, trend, what changed since the previous period). Each function
takes the frames its report reads and returns sentences in Swedish; a sentence is left
out when the data do not support it, and under the ``ledning`` profile no person count
below the masking threshold is stated.
"""

from __future__ import annotations

import pandas as pd

from ..numparse import format_sv
from . import care, trends
from .atgarder import effects_by_year, status_class
from .budget import overview


def _signed(x: float, decimals: int = 1) -> str:
    return ("+" if x > 0 else "") + format_sv(x, decimals)


def placeringar(
    placements: pd.DataFrame, municipality: str, mask_threshold: int = 5, profile: str = "ledning"
) -> list[str]:
    """Persons in care per day: the latest level and change, the trend, LVU."""
    out: list[str] = []
    small = (lambda v: 0 < v < mask_threshold) if profile == "ledning" else (lambda v: False)
    per_day = care.per_day_by_group(placements, municipality)
    tot = per_day[per_day["group"] == "totalt"].sort_values("year")
    if len(tot):
        last = tot.iloc[-1]
        s = f"{int(last['year'])} var i snitt {format_sv(last['value'], 0)} personer i vård"
        s += " per dygn"
        if len(tot) >= 2:
            prev = tot.iloc[-2]
            change = last["value"] - prev["value"]
            word = "fler" if change > 0 else "färre"
            s += f", {format_sv(abs(change), 0)} {word} än {int(prev['year'])}" if change else ""
        out.append(s + ".")
        y = per_day[per_day["year"] == last["year"]]
        p = per_day[per_day["year"] == last["year"] - 1]
        diff = (
            (y.set_index("group")["value"] - p.set_index("group")["value"])
            .drop("totalt", errors="ignore")
            .dropna()
        )
        if len(diff) and diff.abs().max() > 0 and not any(small(v) for v in y["value"]):
            g = diff.abs().idxmax()
            out.append(f"Störst förändring i gruppen {g}: {_signed(diff[g], 0)} personer per dygn.")
    if len(tot) >= 3:
        t = trends.linear_trend(tot["year"], tot["value"])
        slope, p = float(t["slope"].iloc[0]), float(t["slope_p"].iloc[0])
        sure = "statistiskt säkerställd" if p < 0.05 else "inte statistiskt säkerställd"
        out.append(
            f"Trenden {int(tot['year'].iloc[0])}–{int(tot['year'].iloc[-1])} är "
            f"{format_sv(slope, 1)} personer per dygn och år ({sure}, p = {format_sv(p, 3)})."
        )
    lv = care.lvu_lvm(placements, municipality)
    lvu = lv[(lv["sex"] == "") & lv["measure"].str.startswith("LVU")].sort_values("year")
    if len(lvu) >= 2 and not small(lvu["value"].iloc[-1]) and not small(lvu["value"].iloc[-2]):
        a, b = lvu.iloc[-2], lvu.iloc[-1]
        out.append(
            f"{format_sv(b['value'], 0)} unika individer var placerade enligt LVU "
            f"{int(b['year'])} ({b['period']}), mot {format_sv(a['value'], 0)} {int(a['year'])}."
        )
    if not out:
        out.append(f"Underlaget för {municipality} har inga uppgifter om placeringar.")
    return out[:5]


def varddygn(
    varddygn_: pd.DataFrame,
    placements: pd.DataFrame,
    municipality: str,
    year_from: int | None = None,
    year_to: int | None = None,
) -> list[str]:
    """Care days by care form, the cost per day, and the price/volume split."""
    out: list[str] = []
    v = varddygn_[varddygn_["municipality"] == municipality]
    d = care.latest(v[v["measure"] == "vårddygn"])
    if len(d):
        last_year = int(d["year"].max())
        now = d[d["year"] == last_year].set_index("label")["value"]
        before = d[d["year"] == last_year - 1].set_index("label")["value"]
        change = (now - before).dropna()
        if len(change):
            lab = change.abs().idxmax()
            out.append(
                f"Vårddygnen för {lab} ändrades mest {last_year - 1}–{last_year}: "
                f"{_signed(change[lab], 0)} dygn, till {format_sv(now[lab], 0)}."
            )
    c = v[(v["measure"] == "kostnad per vårddygn") & v["value_kind"].isin(["", "utfall"])]
    rep = care.latest(c[c["basis"] == "rapporterad"]).sort_values("year")
    if len(rep):
        last = rep.iloc[-1]
        out.append(
            f"Kostnaden per vårddygn för {last['label']} var {format_sv(last['value'], 0)} "
            f"kr {int(last['year'])} enligt dokumentet."
        )
    steps = care.price_volume_steps(
        care.cost_series(varddygn_, placements, municipality), year_from, year_to
    )
    if len(steps):
        cost0, volume, price, cost1 = steps["mnkr"]
        out.append(
            f"Mellan {steps.attrs['year_from']} och {steps.attrs['year_to']} ändrades "
            f"kostnaden med {_signed(cost1 - cost0)} mnkr: {_signed(volume)} mnkr av antalet "
            f"vårddygn (volym) och {_signed(price)} mnkr av priset per dygn."
        )
    if not out:
        out.append(f"Underlaget för {municipality} har inga vårddygn.")
    return out[:5]


def atgarder(
    atgarder_: pd.DataFrame, uppfoljning: pd.DataFrame, municipality: str, names: dict[str, str]
) -> list[str]:
    """The latest plan's size and effect, its measures' status, and the follow-up."""
    a = atgarder_[atgarder_["municipality"] == municipality]
    if a.empty:
        return [f"Underlaget för {municipality} innehåller inga åtgärdsplaner."]
    out: list[str] = []
    latest = a.sort_values("doc_year")["source"].iloc[-1]
    plan = a[(a["source"] == latest) & (a["level"] == "åtgärd")]
    n = plan["measure"].nunique()
    e = effects_by_year(atgarder_, municipality)
    e = e[(e["source"] == latest) & e["effect_kind"].isin(["planerad", "reviderad"])]
    name = names.get(latest, latest)
    if len(e):
        first = e.sort_values("year").iloc[0]
        out.append(
            f"Den senaste planen, {name}, har {n} åtgärder med en effekt på "
            f"{format_sv(first['value_mnkr'], 1)} mnkr {int(first['year'])}."
        )
    else:
        out.append(f"Den senaste planen, {name}, har {n} åtgärder.")
    statuses = plan.drop_duplicates("measure")["status"].map(status_class)
    done = int((statuses == "genomförd").sum())
    if (statuses != "ej angiven").any():
        out.append(f"{done} av {n} åtgärder i den planen är genomförda enligt planens status.")
    m = uppfoljning[uppfoljning["municipality"] == municipality]
    if len(m):
        k = m.drop_duplicates(["measure_earlier", "measure_later"])["match"].value_counts()
        out.append(
            f"Mellan planerna återfinns {k.get('matchad', 0)} åtgärder i den senare planen, "
            f"{k.get('endast tidigare plan', 0)} finns bara i den tidigare och "
            f"{k.get('endast senare plan', 0)} är nya."
        )
    return out[:5]


def delarsrapport(budget: pd.DataFrame, municipality: str, year: int, period: str) -> list[str]:
    """The year's deviation, the largest deficit and surplus, and the period's actuals
    against the same period a year earlier."""
    ov = overview(budget, municipality, year, period)
    if ov.empty:
        return [f"Underlaget har ingen delårsrapport för {municipality} {year}, {period}."]
    out: list[str] = []
    src = ov.attrs["source"]
    b = budget[(budget["source"] == src) & (budget["municipality"] == municipality)]
    totals = set(b[b["is_total"]]["verksamhet"])
    if "avvikelse" in ov.columns:
        dev = ov["avvikelse"].dropna()
        tot = dev[dev.index.isin(totals)]
        # a total's own breakdown ("Summa nettokostnader / varav kostnader") is no part
        part_of_total = [any(str(i).startswith(f"{t} / ") for t in totals) for i in dev.index]
        parts = dev[~dev.index.isin(totals) & ~pd.Series(part_of_total, index=dev.index)]
        if len(tot):
            label, value = tot.index[0], float(tot.iloc[0])
            word = "ett överskott" if value > 0 else "ett underskott" if value < 0 else "balans"
            out.append(
                f"Prognosen för {year} visar {word} mot budget: avvikelsen för {label} är "
                f"{format_sv(value, 1)} mnkr."
            )
        if len(parts) and parts.min() < 0:
            out.append(f"Störst underskott: {parts.idxmin()}, {format_sv(parts.min(), 1)} mnkr.")
        if len(parts) and parts.max() > 0:
            out.append(f"Störst överskott: {parts.idxmax()}, {format_sv(parts.max(), 1)} mnkr.")
    col = f"utfall {period}"
    prev = b[(b["value_kind"] == "utfall") & (b["period"] == period) & (b["year"] == year - 1)]
    if col in ov.columns and len(prev):
        now = ov[col].dropna()
        then = prev.drop_duplicates("verksamhet").set_index("verksamhet")["value_mnkr"]
        both = (now - then).dropna()
        both = both[both.index.isin(totals)] if both.index.isin(totals).any() else both
        if len(both):
            label = both.abs().idxmax()
            out.append(
                f"Utfallet {period} {year} för {label} är {format_sv(now[label], 1)} mnkr, "
                f"{_signed(both[label])} mnkr mot samma period {year - 1}."
            )
    return out[:5]
