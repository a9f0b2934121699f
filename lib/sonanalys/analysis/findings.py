"""Key findings: the three to five sentences each report opens with, written from the
numbers (largest deviation, trend, what changed since the previous period). Each function
takes the frames its report reads and returns sentences in Swedish; a sentence is left
out when the data do not support it, and under the ``ledning`` profile no person count
below the masking threshold is stated.
"""

from __future__ import annotations

import re

import pandas as pd

from ..domain.common import MNKR_PER
from ..numparse import format_sv
from . import care, claims, trends
from .atgarder import plan_effects, status_class
from .budget import deviation_sign, overview, root_place, row_places


def _signed(x: float, decimals: int = 1) -> str:
    return ("+" if x > 0 else "") + format_sv(x, decimals)


def _agreeing(claim: claims.Claim, prose: pd.DataFrame | None, pattern: str) -> claims.Claim:
    """The document's sentences that state the claim's figure about the same thing
    (``pattern`` in the sentence): shown as the document's words."""
    if prose is None or prose.empty or claim.value is None:
        return claim
    for r in prose.itertuples():
        how = claims.stated(
            r.value, str(r.cell_text), getattr(r, "qualifier", ""), claim.value,
            sentence=str(r.row_label), per=claims.claim_per(claim.unit),
        )  # fmt: skip
        if how and re.search(pattern, str(r.row_label), re.IGNORECASE):
            claim.evidence.append(claims.Evidence(
                int(r.line), str(r.row_label), str(r.cell_text), True, how == "approx",
                page=claims.page_of(r),
            ))  # fmt: skip
    return claim


def _text_of(observations: pd.DataFrame | None, sources, units) -> pd.DataFrame | None:
    if observations is None or observations.empty:
        return None
    o = observations[(observations["table"] == "text") & observations["unit"].isin(units)]
    return o[o["source"].isin(set(sources))]


def placeringar_claims(
    placements: pd.DataFrame,
    municipality: str,
    mask_threshold: int = 5,
    profile: str = "ledning",
    year: int | None = None,
    period: str | None = None,
    observations: pd.DataFrame | None = None,
) -> list[claims.Claim]:
    """01's claims: the run's own period (or the latest the data hold) against the year's
    budget, the last full year and its change, the trend, the largest change of a group,
    LVU."""
    out: list[claims.Claim] = []
    small = (lambda v: 0 < v < mask_threshold) if profile == "ledning" else (lambda v: False)
    per_day = care.per_day_by_group(placements, municipality)
    if year is not None:  # the run's year: nothing after it
        per_day = per_day[per_day["year"] <= year]
    tot = per_day[per_day["group"] == "totalt"].sort_values("year")
    prose = _text_of(observations, placements["source"].unique(), ["antal"])
    unit = "personer per dygn"
    cur = care.current_period(placements, municipality, year, period)
    cur_tot = cur[cur["group"] == "totalt"]
    if len(cur_tot) and not small(float(cur_tot["value"].iloc[0])):
        r = cur_tot.iloc[0]
        pname = claims.period_text(r["period"], r["year"])
        value, budget = float(r["value"]), float(r["budget"])
        text = f"Under {pname} var i snitt {format_sv(value, 0)} personer per dygn i insats"
        c = claims.Claim(
            "", value, unit, claims.PRINTED, "", ["Totalt"], [pname], r["source"],
            [int(r["line"])], label=f"Personer per dygn, {pname}", decimals=0,
        )  # fmt: skip
        out.append(_agreeing(c, prose, r"per dygn|per dag|genomsnitt"))
        if budget == budget and not small(budget):
            diff = value - budget
            word = "över" if diff > 0 else "under"
            text += (
                f", {format_sv(abs(diff), 0)} {word} budgeten för {int(r['year'])} "
                f"({format_sv(budget, 0)})"
            )
            b = claims.Claim(
                "", budget, unit, claims.PRINTED, "", ["Totalt"], [f"budget {int(r['year'])}"],
                r["source"], [int(r["line"])], label=f"Budget {int(r['year'])}, personer per dygn",
                decimals=0,
            )  # fmt: skip
            out.append(_agreeing(b, prose, r"budget"))
            d = claims.Claim(
                "", diff, unit, claims.DERIVED,
                f"{format_sv(value, 0)} − {format_sv(budget, 0)}", ["Totalt"],
                [pname, f"budget {int(r['year'])}"], r["source"], [int(r["line"])],
                label=f"Skillnad mot budget, {pname}", decimals=0, bullet=False,
            )  # fmt: skip
            out.append(d)
            b.bullet = False
        c.text = text + "."
        if (
            len(tot)
            and int(tot["year"].iloc[-1]) < int(r["year"])
            and not small(float(tot["value"].iloc[-1]))
        ):
            last = tot.iloc[-1]
            ch = value - float(last["value"])
            c = claims.Claim(
                f"Det är {format_sv(abs(ch), 0)} {'fler' if ch > 0 else 'färre'} än snittet "
                f"för helåret {int(last['year'])} ({format_sv(last['value'], 0)}).",
                ch, unit, claims.DERIVED, f"{format_sv(value, 0)} − {format_sv(last['value'], 0)}",
                ["Totalt"], [pname, str(int(last["year"]))], r["source"], [int(r["line"])],
                decimals=0,
            )  # fmt: skip
            out.append(_agreeing(c, prose, r"ökning|minskning|jämförelse"))
    if len(tot) and not any(small(float(v)) for v in tot["value"].iloc[-2:]):
        last = tot.iloc[-1]
        text = f"Helåret {int(last['year'])} var i snitt {format_sv(last['value'], 0)} personer "
        text += "i vård per dygn"
        value = float(last["value"])
        if len(tot) >= 2:
            prev = tot.iloc[-2]
            change = value - float(prev["value"])
            text += f"; antalet {claims.change_words(change, 0, '')} från {int(prev['year'])}"
        out.append(claims.Claim(
            text + ".", value, unit, claims.PRINTED, "", ["Totalt"], [str(int(last["year"]))],
            str(last["source"]), [int(last["line"])], decimals=0,
        ))  # fmt: skip
        y = per_day[per_day["year"] == last["year"]]
        p = per_day[per_day["year"] == last["year"] - 1]
        diff = (
            (y.set_index("group")["value"] - p.set_index("group")["value"])
            .drop("totalt", errors="ignore")
            .dropna()
        )
        if len(diff) and diff.abs().max() > 0 and not any(small(v) for v in y["value"]):
            most, _ = claims.extreme(diff.abs(), 0)  # groups that changed as much: a tie
            g = most[0]
            if len(most) == 1:
                text = (f"Mest ändrades gruppen {g}: antalet "
                        f"{claims.change_words(diff[g], 0, '')} personer per dygn")  # fmt: skip
            else:
                text = (
                    "Lika mycket ändrades grupperna "
                    + claims.names_text(
                        [f"{m} (antalet {claims.change_words(diff[m], 0, '')})" for m in most]
                    )
                    + " personer per dygn"
                )
            out.append(claims.Claim(
                f"{text} från {int(last['year']) - 1} till {int(last['year'])}.",
                float(diff[g]), unit, claims.DERIVED, "skillnad mellan åren", list(most),
                decimals=0,
            ))  # fmt: skip
    if len(tot) >= 3:
        t = trends.linear_trend(tot["year"], tot["value"])
        slope, pv = float(t["slope"].iloc[0]), float(t["slope_p"].iloc[0])
        sure = "" if pv < 0.05 else "; men variationen mellan åren är så stor att trenden är osäker"
        direction = "ökat" if slope > 0 else "minskat"
        y0, y1 = int(tot["year"].iloc[0]), int(tot["year"].iloc[-1])
        out.append(claims.Claim(
            f"Från {y0} till {y1} har antalet i snitt {direction} med "
            f"{format_sv(abs(slope), 1)} personer per dygn och år (linjär trend){sure}.",
            slope, "personer per dygn och år", claims.DERIVED,
            f"linjär trend (minsta kvadrat) {y0}–{y1}", ["Totalt"], [f"{y0}–{y1}"],
            # the yearly totals it is fitted to: the key figure names their lines
            *((str(tot["source"].iloc[0]), sorted({int(x) for x in tot["line"]}))
              if tot["source"].nunique() == 1 else ("", [])),
            label=f"Trend {y0}–{y1}, personer per dygn och år",
        ))  # fmt: skip
    lv = care.lvu_lvm(placements, municipality)
    lvu = lv[(lv["sex"] == "") & lv["measure"].str.startswith("LVU")].sort_values("year")
    if len(lvu) >= 2 and not small(lvu["value"].iloc[-1]) and not small(lvu["value"].iloc[-2]):
        a, b = lvu.iloc[-2], lvu.iloc[-1]
        out.append(claims.Claim(
            f"Under {claims.period_text(b['period'], b['year'])} var {format_sv(b['value'], 0)} "
            f"unika individer placerade enligt LVU, mot {format_sv(a['value'], 0)} under "
            f"{claims.period_text(a['period'], a['year'])}.",
            float(b["value"]), "individer", claims.PRINTED, "", ["LVU"], [], str(b["source"]),
            [int(b["line"])], decimals=0,
        ))  # fmt: skip
    if not out:
        out.append(
            claims.Claim(f"Underlaget för {municipality} har inga uppgifter om placeringar.")
        )
    # a PDF's lines are counted per page: the key figures' sources name the page
    claims.add_pages(out, placements[placements["municipality"] == municipality])
    return out


def placeringar(
    placements: pd.DataFrame,
    municipality: str,
    mask_threshold: int = 5,
    profile: str = "ledning",
    year: int | None = None,
    period: str | None = None,
    observations: pd.DataFrame | None = None,
) -> list[str]:
    """01's summary sentences (see :func:`placeringar_claims`)."""
    cs = placeringar_claims(placements, municipality, mask_threshold, profile, year, period,
                            observations)  # fmt: skip
    return [claims.render(c) for c in cs if c.bullet][:6]


def varddygn_claims(
    varddygn_: pd.DataFrame,
    placements: pd.DataFrame,
    municipality: str,
    year_from: int | None = None,
    year_to: int | None = None,
    year: int | None = None,
) -> list[claims.Claim]:
    """02's claims: the latest year's total cost and care days (the document's), the
    cost per dygn, the care days that changed most, and the price/volume bridge that
    ends at the document's own total cost. With ``year`` (the run's), nothing after it."""
    out: list[claims.Claim] = []
    v = varddygn_[varddygn_["municipality"] == municipality]
    if year is not None:
        v = v[v["year"] <= year]
        varddygn_ = varddygn_[varddygn_["year"] <= year]
    money = care.latest(v[v["measure"] == "total kostnad"]).sort_values("year")
    full = money[(money["period"] == "helår") & money["value_kind"].isin(["", "utfall"])]
    if len(full):
        last = full.iloc[-1]
        out.append(claims.Claim(
            "", float(last["value"]), "mnkr", claims.PRINTED, "", [str(last["label"])],
            [str(int(last["year"]))], str(last["source"]), [int(last["line"])],
            label=f"Total kostnad {int(last['year'])}", bullet=False,
            page=claims.page_of(last),
        ))  # fmt: skip
        for kind in ("prognos", "budget"):
            nxt = money[(money["value_kind"] == kind) & (money["year"] > last["year"])]
            if len(nxt):
                n = nxt.iloc[-1]
                out.append(claims.Claim(
                    "", float(n["value"]), "mnkr", claims.PRINTED, "", [str(n["label"])],
                    [f"{kind} {int(n['year'])}"], str(n["source"]), [int(n["line"])],
                    label=f"Total kostnad {int(n['year'])}, {kind}", bullet=False,
                    page=claims.page_of(n),
                ))  # fmt: skip
    d = care.latest(v[v["measure"] == "vårddygn"])
    if len(d):
        last_year = int(d["year"].max())
        now = d[d["year"] == last_year]
        for r in now.itertuples():
            out.append(claims.Claim(
                "", float(r.value), "dygn", claims.PRINTED, "", [str(r.label)],
                [str(last_year)], str(r.source), [int(r.line)],
                label=f"Vårddygn {claims.column_label(r.period, last_year)}: {r.label}",
                decimals=0, bullet=False, page=claims.page_of(r),
            ))  # fmt: skip
        nowv = now.set_index("label")["value"]
        before = d[d["year"] == last_year - 1].set_index("label")["value"]
        change = (nowv - before).dropna()
        if len(change):
            most, _ = claims.extreme(change.abs(), 0)  # rows that changed as much: a tie
            lab = most[0]
            if len(most) == 1:
                text = (f"Vårddygnen ändrades mest på raden ”{lab}”: de "
                        f"{claims.change_words(change[lab], 0, 'dygn')} från {last_year - 1} "
                        f"till {last_year}, till {format_sv(nowv[lab], 0)}.")  # fmt: skip
            else:
                text = (f"Vårddygnen ändrades lika mycket från {last_year - 1} till {last_year} "
                        "på raderna " + claims.names_text(
                            [f"”{m}” ({claims.change_words(change[m], 0, 'dygn')}, till "
                             f"{format_sv(nowv[m], 0)})" for m in most]) + ".")  # fmt: skip
            out.append(claims.Claim(
                text, float(change[lab]), "dygn", claims.DERIVED, "skillnad mellan åren",
                list(most), decimals=0,
            ))  # fmt: skip
    c = v[(v["measure"] == "kostnad per vårddygn") & v["value_kind"].isin(["", "utfall"])]
    rep = care.latest(c[c["basis"] == "rapporterad"]).sort_values(["year", "period"])
    rep_full = rep[rep["period"] == "helår"]
    parts = rep[(rep["period"] != "helår") & rep["period"].ne("")]
    if len(parts) and len(rep_full) and parts["year"].max() > rep_full["year"].max():
        # the series that holds the current period
        same = rep_full[rep_full["label"] == parts.iloc[-1]["label"]]
        rep_full = same if len(same) else rep_full
    if len(rep_full):
        last = rep_full.iloc[-1]
        text = (f"Kostnaden per vårddygn var {format_sv(last['value'], 0)} kr helåret "
                f"{int(last['year'])} enligt dokumentets rad ”{last['label']}”")  # fmt: skip
        part = rep[(rep["period"] != "helår") & (rep["year"] > last["year"])]
        part = part[part["label"] == last["label"]]
        if len(part):
            pr = part.iloc[-1]
            text += (f" och {format_sv(pr['value'], 0)} kr under "
                     f"{claims.period_text(pr['period'], pr['year'])}")  # fmt: skip
        out.append(claims.Claim(
            text + ".", float(last["value"]), "kr/dygn", claims.PRINTED, "",
            [str(last["label"])], [str(int(last["year"]))], str(last["source"]),
            [int(last["line"])], decimals=0,
            label=f"Kostnad per vårddygn {int(last['year'])}", page=claims.page_of(last),
        ))  # fmt: skip
    steps = care.price_volume_steps(
        care.cost_series(varddygn_, placements, municipality), year_from, year_to
    )
    if len(steps):
        y0, y1 = steps.attrs["year_from"], steps.attrs["year_to"]
        vals = steps["mnkr"].tolist()
        volume, price = vals[1], vals[2]
        if steps.attrs["own_total"]:
            c0, rest, c1 = vals[0], vals[3], vals[4]
            text = (
                f"Den totala kostnaden {claims.change_words(c1 - c0)} från {y0} till {y1}, "
                f"från {claims.mnkr(c0)} till {claims.mnkr(c1)} enligt dokumentet. Beräknat "
                f"står antalet vårddygn (volym) för {_signed(volume)} mnkr, kostnaden per "
                f"dygn (pris) för {_signed(price)} mnkr och resten, {_signed(rest)} mnkr, "
                "förklaras inte av vårddygn och pris."
            )
        else:
            c0, c1 = vals[0], vals[3]
            text = (
                f"Beräknad som vårddygn × kostnad per dygn {claims.change_words(c1 - c0)} "
                f"kostnaden från {y0} till {y1}: {_signed(volume)} mnkr av antalet vårddygn "
                f"(volym) och {_signed(price)} mnkr av kostnaden per dygn (pris). Dokumentet "
                "trycker ingen total kostnad att stämma av mot."
            )
        out.append(claims.Claim(
            text, c1 - c0, "mnkr", claims.DERIVED, f"{format_sv(c1, 1)} − {format_sv(c0, 1)}",
            ["Total kostnad"], [str(y0), str(y1)], steps.attrs["source"],
            [int(x) for x in steps.attrs["lines"].split(", ")],
            label=f"Kostnadsförändring {y0}–{y1}",
            places=[at for at in steps.attrs["places"] if at[0] is not None],
        ))  # fmt: skip
    if not out:
        out.append(claims.Claim(f"Underlaget för {municipality} har inga vårddygn."))
    return out


def varddygn(
    varddygn_: pd.DataFrame,
    placements: pd.DataFrame,
    municipality: str,
    year_from: int | None = None,
    year_to: int | None = None,
    year: int | None = None,
) -> list[str]:
    """02's summary sentences (see :func:`varddygn_claims`)."""
    cs = varddygn_claims(varddygn_, placements, municipality, year_from, year_to, year)
    return [claims.render(c) for c in cs if c.bullet][:6]


_WORDS = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio"}


def atgarder_claims(
    atgarder_: pd.DataFrame,
    uppfoljning: pd.DataFrame,
    municipality: str,
    names: dict[str, str],
    observations: pd.DataFrame | None = None,
) -> list[claims.Claim]:
    """04's claims: the latest plan document's plans and their effect per year (the
    figures of :func:`plan_effects`, shown as the report's key figures), each checked
    against the document's own sentences about effects (``observations``), its
    measures' status, and the follow-up between plans, named."""
    a = atgarder_[atgarder_["municipality"] == municipality]
    if a.empty:
        return [claims.Claim(f"Underlaget för {municipality} innehåller inga åtgärdsplaner.")]
    out: list[claims.Claim] = []
    latest = a.sort_values("doc_year")["source"].iloc[-1]
    plan = a[(a["source"] == latest) & (a["level"] == "åtgärd")]
    n = plan["measure"].nunique()
    name = str(names.get(latest, latest)).strip().rstrip(".")
    # a delårsrapport's list of measures is no plan: the sentence says what it is
    types = set(a.loc[a["source"] == latest, "doc_type"]) if "doc_type" in a else set()
    latest_plan = (
        "Den senaste planen"
        if not types or types & {"atgardsplan", "internbudget"}
        else "Det senaste dokumentet med åtgärder"
    )
    eff = plan_effects(atgarder_, latest)
    if len(eff):
        years = [y for y in eff.columns if eff[y].notna().any()]
        y0, y1 = years[0], years[-1]
        parts = eff.drop("Totalt", errors="ignore")
        total = eff.loc["Totalt"] if "Totalt" in eff.index else parts.sum()
        lines = [int(x) for x in plan["line"].head(1)]
        if len(parts) > 1:
            listing = "; ".join(f"{p} {format_sv(parts.at[p, y0], 1)} mnkr" for p in parts.index
                                if parts.at[p, y0] == parts.at[p, y0])  # fmt: skip
            text = (
                f"{name} har {_WORDS.get(len(parts), len(parts))} planer med en sammanlagd "
                "effekt på "
                f"{claims.mnkr(total[y0])} {y0}"
                + (f" och {claims.mnkr(total[y1])} {y1}" if y1 != y0 else "")
                + f" ({n} åtgärder). {y0}: {listing}."
            )
        else:
            text = (
                f"{latest_plan}, {name}, har {n} åtgärder med en effekt på "
                f"{claims.mnkr(total[y0])} {y0}"
                + (f" och {claims.mnkr(total[y1])} {y1}" if y1 != y0 else "")
                + "."
            )
        kind = claims.PRINTED if eff.attrs.get("total") == "tryckt" else claims.DERIVED
        prose = _text_of(observations, [latest], list(MNKR_PER))
        c = claims.Claim(text, float(total[y0]), "mnkr", kind, "", ["Totalt"], [str(y0)],
                         latest, lines, quotes=3)  # fmt: skip
        claims.check_plan_prose(c, prose, float(total[y0]), y0, True)
        if y1 != y0:
            claims.check_plan_prose(c, prose, float(total[y1]), y1, True)
        if len(parts) > 1:
            for p in parts.index:
                claims.check_plan_prose(c, prose, float(parts.at[p, y0]), y0, False)
        out.append(c)
    else:
        out.append(claims.Claim(f"{latest_plan}, {name}, har {n} åtgärder."))
    statuses = plan.drop_duplicates("measure")["status"].map(status_class)
    done = int((statuses == "genomförd").sum())
    if (statuses != "ej angiven").any():
        out.append(claims.Claim(
            f"{done} av {n} åtgärder i den planen är genomförda enligt planens status."
        ))  # fmt: skip
    out += [claims.Claim(t) for t in followup_sentences(uppfoljning, municipality, names)]
    return out


def followup_sentences(
    uppfoljning: pd.DataFrame, municipality: str, names: dict[str, str]
) -> list[str]:
    """Per pair of plans followed up, which plans and how their measures carried over:
    "Av de 24 åtgärderna i den tidigare planen (”…”) återfinns 23 i den senare (”…”) …"."""
    out = []
    m = uppfoljning[uppfoljning["municipality"] == municipality]
    for (early, later), pair in m.groupby(["earlier_source", "later_source"], sort=False):
        k = pair.drop_duplicates(["measure_earlier", "measure_later"])["match"].value_counts()
        first, then = (str(names.get(x, x)).strip().rstrip(".") for x in (early, later))
        out.append(
            f"Av de {k.get('matchad', 0) + k.get('endast tidigare plan', 0)} åtgärderna i "
            f"den tidigare planen (”{first}”) återfinns {k.get('matchad', 0)} i den senare "
            f"(”{then}”) och {k.get('endast tidigare plan', 0)} finns bara i den tidigare; "
            f"{k.get('endast senare plan', 0)} är nya i den senare."
        )
    return out


def atgarder(
    atgarder_: pd.DataFrame,
    uppfoljning: pd.DataFrame,
    municipality: str,
    names: dict[str, str],
    observations: pd.DataFrame | None = None,
) -> list[str]:
    """04's summary sentences (see :func:`atgarder_claims`)."""
    cs = atgarder_claims(atgarder_, uppfoljning, municipality, names, observations)
    return [claims.render(c) for c in cs]


def _fmt(v: float, decimals: int = 1) -> str:
    return format_sv(v, decimals)


def _same_period_last_year(
    budget: pd.DataFrame, source: str, year: int, period: str
) -> tuple[float, float, str, int, int | None] | None:
    """The bottom line of a table in the same document that prints the period's utfall
    for this year and the year before (``Ack utfall tom aug`` 2022 and 2023):
    (now, then, label, line, page)."""
    b = budget[(budget["source"] == source) & (budget["value_kind"] == "utfall")]
    b = b[b["period"] == period]
    for _tid, t in b.groupby("table_id", sort=False):
        if not ({year, year - 1} <= set(t["year"].dropna().astype(int))):
            continue
        at = root_place(t)
        if at is None:
            continue
        line = at[1]
        row = t[[p == at for p in row_places(t)]]
        now, then = row[row["year"] == year], row[row["year"] == year - 1]
        if len(now) and len(then):
            return (
                float(now["value_mnkr"].iloc[0]),
                float(then["value_mnkr"].iloc[0]),
                str(row["verksamhet"].iloc[0]),
                line,
                claims.page_of(row.iloc[0]),
            )
    return None


# quoted sentences of running text at most, when a period's document has no table
_QUOTED = 8


def without_table(
    observations: pd.DataFrame | None, municipality: str, year: int, period: str
) -> list[claims.Claim]:
    """05's summary when no table of the period holds its utfall: that no such table is
    in the documents, and, where documents of that municipality and period are (a
    monthly follow-up written as prose), which, with their sentences that state an
    amount quoted as written, each with its line: never read into a result or a sign
    (``budgeterat underskott om 518 tkr`` is −518 only by its words)."""
    pname = claims.period_text(period, year)
    o = observations if observations is not None else pd.DataFrame()
    if not o.empty:
        o = o[(o["municipality"] == municipality) & (o["doc_period"].fillna("") == (period or ""))]
        o = o[pd.to_numeric(o["doc_year"], errors="coerce") == year]
    if o.empty:
        return [claims.Claim(f"Underlaget har ingen delårsrapport för {municipality} {pname}.")]
    out = []
    for src, rows in o.groupby("source", sort=False):
        prose = claims.prose_of(rows, str(src))
        said = prose.drop_duplicates(["line", "row_label"]) if len(prose) else prose
        lead = (
            f"Underlaget har ingen tabell med budget, utfall och prognos för {municipality} "
            f"{pname}; därför visas inga tal per verksamhet och inget resultat. Dokumentet "
            f"för perioden är {src}"
        )
        if said.empty:
            out.append(claims.Claim(lead + "; det anger inga belopp i löptext.", source=str(src)))
            continue
        more = len(said) - _QUOTED
        out.append(claims.Claim(
            lead + ". Dess belopp i löptext, ordagrant"
            + (f" (de {_QUOTED} första av {len(said)} meningar)" if more > 0 else "") + ":",
            source=str(src),
        ))  # fmt: skip
        for r in said.head(_QUOTED).itertuples():
            page = claims.page_of(r)
            out.append(claims.Claim(
                f"”{str(r.row_label).strip()}” ({claims.at(page, str(int(r.line)))})",
                source=str(src), lines=[int(r.line)], page=page,
            ))  # fmt: skip
    return out


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
        return without_table(observations, municipality, year, period)
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

    cell_line = ov.attrs.get("cell_line", {})

    def lines(row, cols) -> list[int]:
        """The lines the row's figures in ``cols`` are printed on (else the row's)."""
        got = sorted({cell_line[row, c] for c in cols if (row, c) in cell_line})
        return got or [line_of[row]]

    label = str(ov.attrs["root_label"]) if root else ""
    bud, prog, dev = value(root, "budget"), value(root, "prognos"), value(root, "avvikelse")
    if root and prog is not None and bud is not None:
        kind, how = claims.PRINTED, ""
        if dev is None:  # no deviation column: as the table's own deviations are signed
            sign = deviation_sign(ov, period) or (1 if bud < 0 else -1)
            dev = (prog - bud) * sign
            kind, how = claims.DERIVED, f"prognos {_fmt(prog)} mot budget {_fmt(bud)}"
        c = claims.Claim(
            f"Prognosen för helåret {year} visar {claims.result_words(dev)} "
            f"({label}, tabellens sista rad: prognos {_fmt(prog)} mnkr, budget "
            f"{_fmt(bud)} mnkr).",
            dev, "mnkr", kind, how, [root], ["avvikelse", "prognos", "budget"], src,
            lines(root, ["avvikelse", "prognos", "budget"]),
            label=f"Prognos helåret {year} mot budget",
        )  # fmt: skip
        out.append(claims.check_prose(c, prose, "prognos", True, other_rows,
                                      others("avvikelse", root)))  # fmt: skip
        c = claims.Claim(
            "", prog, "mnkr", claims.PRINTED, "", [root], ["prognos"], src,
            lines(root, ["prognos"]),
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
                sign = deviation_sign(ov, period) or (1 if pbud < 0 else -1)
                pdev = (act - pbud) * sign
                kind, how = claims.DERIVED, f"utfall {_fmt(act)} mot budget {_fmt(pbud)}"
            tail = (f": utfall {_fmt(act)} mnkr, periodens budget {_fmt(pbud)} mnkr"
                    if pbud is not None else f" (utfall {_fmt(act)} mnkr)")  # fmt: skip
            c = claims.Claim(
                f"Utfallet {pname} visar {claims.result_words(pdev, against='periodens budget')}"
                f"{tail}.",
                pdev, "mnkr", kind, how, [root], [f"avvikelse {period}", f"utfall {period}"],
                src, lines(root, [f"avvikelse {period}", f"utfall {period}", f"budget {period}"]),
                label=f"Resultat {pname} mot periodens budget",
            )  # fmt: skip
            out.append(claims.check_prose(c, prose, "period", True, other_rows,
                                          others(f"avvikelse {period}", root)))  # fmt: skip
        c = claims.Claim(
            "", act, "mnkr", claims.PRINTED, "", [root], [f"utfall {period}"], src,
            lines(root, [f"utfall {period}"]), label=f"Utfall {pname}, {label.lower()}",
            bullet=False,
        )  # fmt: skip
        out.append(c)
    if "avvikelse" in ov.columns:
        totals = set(ov.attrs["totals"])
        parts = ov["avvikelse"].dropna()
        parts = parts[~parts.index.isin(totals)]
        for largest, word in ((False, "underskott"), (True, "överskott")):
            # rows of the same deviation as printed (one decimal) are named together
            most, most_v = claims.extreme(parts, 1, largest=largest)
            if not most or not (most_v > 0 if largest else most_v < 0):
                continue
            each = f"{claims.each_text(len(most))} " if len(most) > 1 else ""
            out.append(claims.Claim(
                f"Störst {word} mot budget i prognosen har {claims.names_text(most)}: "
                f"{each}{claims.mnkr(most_v)}.",
                float(most_v), "mnkr", claims.PRINTED, "", list(most), ["avvikelse"], src,
                sorted({n for r in most for n in lines(r, ["avvikelse"])}),
            ))  # fmt: skip
    if root is None:
        out.insert(0, claims.Claim(
            f"Tabellen {ov.attrs['table']} ({src}) har ingen summarad som är hela nämndens "
            "resultat; rapporten anger därför inget resultat eller prognos för helheten."
        ))  # fmt: skip
    page = ov.attrs.get("page")
    pages_of = ov.attrs.get("pages_of", {})
    for c in out:  # the overview table's claims: a PDF's lines are counted per page
        # a table over a page break: the page of the claim's rows, where they share one
        on = set().union(*(pages_of.get(r, {None}) for r in c.rows)) if c.rows else {None}
        c.page = page if page is not None else (next(iter(on)) if len(on) == 1 else None)
    prev = _same_period_last_year(budget, src, year, period)
    if prev:
        now, then, plabel, pline, ppage = prev
        ppname = claims.period_text(period, year - 1)
        change = abs(now) - abs(then) if now * then > 0 else now - then
        out.append(claims.Claim(
            "", then, "mnkr", claims.PRINTED, "", [plabel], [f"utfall {period} {year - 1}"],
            src, [pline], label=f"Utfall {ppname}, {plabel.lower()}", bullet=False,
            page=ppage,
        ))  # fmt: skip
        short = str(period).replace("-", "–")
        c = claims.Claim(
            f"Utfallet för {short} ({plabel.lower()}) {claims.change_words(change)} från "
            f"{year - 1} till {year}: från {claims.mnkr(then)} till {claims.mnkr(now)}.",
            change, "mnkr", claims.DERIVED, f"{_fmt(abs(now))} − {_fmt(abs(then))}",
            [plabel], [f"utfall {period} {year}", f"utfall {period} {year - 1}"], src, [pline],
            page=ppage,
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
