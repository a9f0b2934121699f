"""Key findings: the three to five sentences each report opens with, written from the
numbers (largest deviation, trend, what changed since the previous period). Each function
takes the frames its report reads and returns sentences in Swedish; a sentence is left
out when the data do not support it, and under the ``ledning`` profile no person count
below the masking threshold is stated.
"""

from __future__ import annotations

import pandas as pd

from ..numparse import format_sv
from . import care, claims, trends
from .atgarder import effects_by_year, status_class
from .budget import overview, root_line


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


def _fmt(v: float, decimals: int = 1) -> str:
    return format_sv(v, decimals)


def _same_period_last_year(
    budget: pd.DataFrame, source: str, year: int, period: str
) -> tuple[float, float, str, int] | None:
    """The bottom line of a table in the same document that prints the period's utfall
    for this year and the year before (``Ack utfall tom aug`` 2022 and 2023):
    (now, then, label, line)."""
    b = budget[(budget["source"] == source) & (budget["value_kind"] == "utfall")]
    b = b[b["period"] == period]
    for _tid, t in b.groupby("table_id", sort=False):
        if not ({year, year - 1} <= set(t["year"].dropna().astype(int))):
            continue
        line = root_line(t)
        if line is None:
            continue
        row = t[t["line"] == line]
        now, then = row[row["year"] == year], row[row["year"] == year - 1]
        if len(now) and len(then):
            return (
                float(now["value_mnkr"].iloc[0]),
                float(then["value_mnkr"].iloc[0]),
                str(row["verksamhet"].iloc[0]),
                line,
            )
    return None


def delarsrapport_claims(
    budget: pd.DataFrame,
    municipality: str,
    year: int,
    period: str,
    observations: pd.DataFrame | None = None,
) -> list[claims.Claim]:
    """05's claims: the year's forecast against budget and the period's result, both from
    the table's bottom line (its root total), each checked against the administration's
    own words; the rows with the largest deficit and surplus; the period against the
    same period a year earlier."""
    ov = overview(budget, municipality, year, period)
    if ov.empty:
        return [claims.Claim(f"Underlaget har ingen delårsrapport för {municipality} "
                             f"{claims.period_text(period, year)}.")]  # fmt: skip
    src, root = ov.attrs["source"], ov.attrs["root"]
    line_of = ov.attrs["line_of"]
    b = budget[(budget["source"] == src) & (budget["municipality"] == municipality)]
    prose = claims.prose_of(observations, src) if observations is not None else None
    other_rows = sorted(set(b.loc[~b["is_total"].astype(bool), "verksamhet"]))
    pname = claims.period_text(period, year)
    out: list[claims.Claim] = []

    def value(row, col):
        if row is None or col not in ov.columns or row not in ov.index:
            return None
        v = ov.at[row, col]
        return None if pd.isna(v) else float(v)

    def others(col, row):
        vals = b["value_mnkr"].dropna().astype(float).tolist()
        own = value(row, col)
        return [v for v in vals if own is None or abs(abs(v) - abs(own)) > 1e-9]

    label = str(b.loc[b["line"] == line_of.get(root, -1), "verksamhet"].iloc[0]) if root else ""
    bud, prog, dev = value(root, "budget"), value(root, "prognos"), value(root, "avvikelse")
    if root and prog is not None and bud is not None:
        kind, how = claims.PRINTED, ""
        if dev is None:  # no deviation column: budget − prognos, as costs are signed
            dev = (bud - prog) * (1 if bud >= 0 else -1)
            kind, how = claims.DERIVED, f"prognos {_fmt(prog)} mot budget {_fmt(bud)}"
        c = claims.Claim(
            f"Prognosen för helåret {year} visar {claims.result_words(dev)} mot budget "
            f"({label}, tabellens sista rad: prognos {_fmt(prog)} mnkr, budget "
            f"{_fmt(bud)} mnkr).",
            dev, "mnkr", kind, how, [root], ["avvikelse", "prognos", "budget"], src,
            [line_of[root]], label=f"Prognos helåret {year} mot budget",
        )  # fmt: skip
        out.append(claims.check_prose(c, prose, "prognos", True, other_rows,
                                      others("avvikelse", root)))  # fmt: skip
        c = claims.Claim(
            "", prog, "mnkr", claims.PRINTED, "", [root], ["prognos"], src, [line_of[root]],
            label=f"Prognos helåret {year}, {label.lower()}", bullet=False,
        )  # fmt: skip
        out.append(claims.check_prose(c, prose, "prognos", False, other_rows,
                                      others("prognos", root)))  # fmt: skip
    act, pbud = value(root, f"utfall {period}"), value(root, f"budget {period}")
    pdev = value(root, f"avvikelse {period}")
    if root and act is not None:
        if pbud is not None or pdev is not None:
            kind, how = claims.PRINTED, ""
            if pdev is None:
                pdev = (pbud - act) * (1 if pbud >= 0 else -1)
                kind, how = claims.DERIVED, f"utfall {_fmt(act)} mot budget {_fmt(pbud)}"
            tail = (f": utfall {_fmt(act)} mnkr, periodens budget {_fmt(pbud)} mnkr"
                    if pbud is not None else f" (utfall {_fmt(act)} mnkr)")  # fmt: skip
            c = claims.Claim(
                f"Utfallet {pname} visar {claims.result_words(pdev)} mot periodens budget"
                f"{tail}.",
                pdev, "mnkr", kind, how, [root], [f"avvikelse {period}", f"utfall {period}"],
                src, [line_of[root]], label=f"Resultat {pname} mot periodens budget",
            )  # fmt: skip
            out.append(claims.check_prose(c, prose, "period", True, other_rows,
                                          others(f"avvikelse {period}", root)))  # fmt: skip
        c = claims.Claim(
            "", act, "mnkr", claims.PRINTED, "", [root], [f"utfall {period}"], src,
            [line_of[root]], label=f"Utfall {pname}, {label.lower()}", bullet=False,
        )  # fmt: skip
        out.append(c)
    if "avvikelse" in ov.columns:
        totals = set(ov.attrs["totals"])
        parts = ov["avvikelse"].dropna()
        parts = parts[~parts.index.isin(totals)]
        if len(parts) and parts.min() < 0:
            r = parts.idxmin()
            out.append(claims.Claim(
                f"Störst underskott mot budget i prognosen har {r}: {claims.mnkr(parts[r])}.",
                float(parts[r]), "mnkr", claims.PRINTED, "", [r], ["avvikelse"], src,
                [line_of[r]],
            ))  # fmt: skip
        if len(parts) and parts.max() > 0:
            r = parts.idxmax()
            out.append(claims.Claim(
                f"Störst överskott mot budget i prognosen har {r}: {claims.mnkr(parts[r])}.",
                float(parts[r]), "mnkr", claims.PRINTED, "", [r], ["avvikelse"], src,
                [line_of[r]],
            ))  # fmt: skip
    prev = _same_period_last_year(budget, src, year, period)
    if prev:
        now, then, plabel, pline = prev
        ppname = claims.period_text(period, year - 1)
        change = abs(now) - abs(then) if now * then > 0 else now - then
        out.append(claims.Claim(
            "", then, "mnkr", claims.PRINTED, "", [plabel], [f"utfall {period} {year - 1}"],
            src, [pline], label=f"Utfall {ppname}, {plabel.lower()}", bullet=False,
        ))  # fmt: skip
        short = str(period).replace("-", "–")
        c = claims.Claim(
            f"Utfallet för {short} ({plabel.lower()}) {claims.change_words(change)} från "
            f"{year - 1} till {year}: från {claims.mnkr(then)} till {claims.mnkr(now)}.",
            change, "mnkr", claims.DERIVED, f"{_fmt(abs(now))} − {_fmt(abs(then))}",
            [plabel], [f"utfall {period} {year}", f"utfall {period} {year - 1}"], src, [pline],
        )  # fmt: skip
        out.append(claims.check_prose(c, prose, "period", False, other_rows,
                                      b["value_mnkr"].dropna().tolist()))  # fmt: skip
    return out


def delarsrapport(
    budget: pd.DataFrame,
    municipality: str,
    year: int,
    period: str,
    observations: pd.DataFrame | None = None,
) -> list[str]:
    """05's summary sentences (see :func:`delarsrapport_claims`)."""
    cs = delarsrapport_claims(budget, municipality, year, period, observations)
    return [claims.render(c) for c in cs if c.bullet][:6]
