"""Action plans: measures by area and status, planned against revised effect, and the
walk from the plans' parts to their total."""

from __future__ import annotations

import re

import pandas as pd

from . import claims

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


def _measures(atgarder: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """One row per measure (its first row), with its area label and status class."""
    a = atgarder[(atgarder["municipality"] == municipality) & (atgarder["level"] == "åtgärd")]
    m = a.drop_duplicates(["source", "measure"])
    return m.assign(status=[status_class(t) for t in m["status"]], area=_area_label(m["area"]))


def by_area_status(atgarder: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """Measures per document, area and status class (one count per measure)."""
    return (
        _measures(atgarder, municipality)
        .groupby(["source", "plan", "area", "status"], sort=True)
        .size()
        .rename("antal")
        .reset_index()
    )


def line_runs(places: list[tuple[int | None, int]]) -> str:
    """Rows as a table's source column names them (:func:`claims.line_runs`): ``rad
    71–74, 76–80``; in a PDF by page, ``s. 2, rad 4–6; s. 3, rad 1``."""
    return claims.line_runs(places)


def areas_are_plans(atgarder: pd.DataFrame, source: str, areas) -> bool:
    """Whether a document's areas are its plans: each named area is the label of a row
    of level ``plan`` in the same document (002's ``Summering av åtgärdsplaner`` names the
    plans it sums, and domain.atgarder gives each plan's measures that row's label)."""
    named = {a for a in areas if a != NO_AREA}
    doc = atgarder[(atgarder["source"] == source) & (atgarder["level"] == "plan")]
    return bool(named) and named <= set(doc["measure"])


def status_tables(atgarder: pd.DataFrame, municipality: str) -> dict[str, pd.DataFrame]:
    """Per plan document: measures by area (rows) and status class (columns, in the
    order of ``STATUS_CLASSES``, then övrigt and ej angiven) with a ``totalt`` column and
    the lines the row's measures stand on (``rader``, the counts' provenance). Each
    table's ``attrs["plan"]`` is the plan's name and ``attrs["rows"]`` what its rows are:
    ``område``, or ``plan`` where the document's areas are the plans it sums up
    (``areas_are_plans``); the index is named so (``Område`` or ``Plan``)."""
    from ..domain.checks import row_places

    order = [name for name, _ in STATUS_CLASSES] + ["övrigt", "ej angiven"]
    out: dict[str, pd.DataFrame] = {}
    for src, part in _measures(atgarder, municipality).groupby("source", sort=True):
        t = part.pivot_table(
            index="area", columns="status", values="measure", aggfunc="size", fill_value=0
        )
        t = t[[c for c in order if c in t.columns]].loc[_no_area_last(t.index)]
        t.columns.name = None
        t["totalt"] = t.sum(axis=1)
        t["rader"] = [line_runs(row_places(part[part["area"] == a])) for a in t.index]
        rows = "plan" if areas_are_plans(atgarder, str(src), t.index) else "område"
        t.index.name = rows.capitalize()
        t.attrs["plan"] = part["plan"].iloc[0]
        t.attrs["rows"] = rows
        out[str(src)] = t
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


def effects_against_totals(atgarder: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """``effects_by_year`` held against each plan's own printed total: per plan document,
    effect kind and year, the measures' sum (``low``; ``high`` the sum at the top of each
    range, ``0,5-1 mnkr``, equal to ``low`` where no measure is a range), the total the
    document prints on its bottom line for that kind and year (``printed``, its ``page``
    and ``line``; missing where the bottom line gives none for the year: see
    :func:`bottom_line`), ``difference`` (printed −
    low, where no range), and ``note``: how the two agree, in words. A printed total
    is never replaced by the sum, and a sum is never shown as if printed."""
    from ..numparse import format_sv

    base = atgarder[
        (atgarder["municipality"] == municipality)
        & atgarder["value_mnkr"].notna()
        & atgarder["year"].notna()
        & (atgarder["basis"] != "helår")
        & (atgarder["effect_kind"] != "genomförandekostnad")
    ]
    m = base[base["level"] == "åtgärd"]
    m = m.assign(high=m["value_high_mnkr"].fillna(m["value_mnkr"]))
    keys = ["source", "effect_kind", "year"]
    out = m.groupby(keys, sort=True).agg(low=("value_mnkr", "sum"), high=("high", "sum"))
    out = out.round(3).reset_index()
    mine = atgarder[atgarder["municipality"] == municipality]
    lines = [bottom_line(doc) for _, doc in mine.groupby("source", sort=True)]
    bottom = pd.concat(lines) if lines else mine.iloc[:0]
    bottom = bottom[bottom["year"].notna() & bottom["value_mnkr"].notna()]
    bottom = bottom.assign(page=bottom["page"].astype("Int64"))
    bottom = bottom.groupby(keys)[["value_mnkr", "page", "line"]].first().reset_index()
    out = out.merge(bottom.rename(columns={"value_mnkr": "printed"}), on=keys, how="left")

    def amount(v: float) -> str:
        return format_sv(float(v), 2)

    diff, notes = [], []
    for low, high, printed in zip(out["low"], out["high"], out["printed"], strict=True):
        ranged = high - low > 0.0005
        if pd.isna(printed):
            diff.append(float("nan"))
            notes.append("planens totalrad anger inget belopp för året: summan är beräknad")
            continue
        d = round(float(printed) - low, 3)
        diff.append(float("nan") if ranged else d)
        if not ranged:
            notes.append("stämmer" if abs(d) < 0.0005 else
                         f"avviker: tryckt − beräknad = {amount(d)} mnkr")  # fmt: skip
        elif abs(printed - high) < 0.0005:
            notes.append(f"tryckt summa = intervallets övre gräns ({amount(d)} mnkr "
                         "över den nedre)")  # fmt: skip
        elif low - 0.0005 <= printed <= high + 0.0005:
            notes.append(f"tryckt summa inom intervallet ({amount(d)} mnkr över den nedre)")
        else:
            out_by = printed - high if printed > high else d
            notes.append(f"avviker: tryckt summa utanför intervallet ({amount(out_by)} mnkr)")
    out["difference"], out["note"] = diff, notes
    return out[[*keys, "printed", "page", "line", "low", "high", "difference", "note"]]


def _places(t: pd.DataFrame) -> list[tuple[int, int]]:
    """Each row's (page, line) (:func:`claims.places`)."""
    return claims.places(t)


def _span(t: pd.DataFrame) -> str:
    """The lines rows stand on (:func:`claims.span`)."""
    return claims.span(t)


def _where(span: str) -> str:
    """A source note's place: ``rad 691–699``, or a PDF's ``s. 7, rad 56 – s. 8, rad 1``
    (:func:`_span`)."""
    return span if span.startswith("s. ") else f"rad {span}"


def line_places(t: pd.DataFrame) -> list:
    """Each row's place as a table's ``rad`` column shows it: the line (``106``), in a
    PDF with its page (``s. 3, rad 9``); None where the row has no line."""
    pages = t["page"] if "page" in t.columns else pd.Series(pd.NA, index=t.index)
    return [
        None if pd.isna(x) else int(x) if pd.isna(p) else f"s. {int(p)}, rad {int(x)}"
        for p, x in zip(pages, t["line"], strict=True)
    ]


def _table_bottom(t: pd.DataFrame) -> pd.DataFrame:
    """One table's bottom line: the rows the parser marks as the table's root total
    (``is_root``), else its last total row (``level == "summa"``) in printed order
    (``row_order``, else page and line); empty when the table has no total."""
    root = t[t["is_root"].fillna(False).astype(bool)] if "is_root" in t.columns else t.iloc[:0]
    if len(root):
        return root
    tot = t[t["level"] == "summa"]
    if tot.empty:
        return tot
    if "row_order" in tot.columns and tot["row_order"].notna().all():
        return tot[tot["row_order"] == tot["row_order"].max()]
    places = _places(tot)
    last = max(places)
    return tot[[at == last for at in places]]


def bottom_line(doc: pd.DataFrame) -> pd.DataFrame:
    """A plan document's bottom line (its rows: one per effect kind and year): of each
    table, its root total from the table's structure (:func:`_table_bottom`), never the
    highest line with a total's name; of the document's tables, the one whose bottom
    line stands last in the document (page, then line: a PDF counts its lines per page).
    Empty when no table has a total."""
    bottoms = [_table_bottom(t) for _, t in doc.groupby("table_id", sort=False)]
    bottoms = [b for b in bottoms if len(b)]
    if not bottoms:
        return doc.iloc[:0]
    return max(bottoms, key=lambda b: max(_places(b)))


def _plans_total(a: pd.DataFrame, plans: pd.DataFrame) -> pd.DataFrame:
    """The document's own total of its named plans: the root total of the table that
    names them, else the first total row printed after them (page, then line)."""
    own = a[a["table_id"].isin(set(plans["table_id"]))]
    root = own[own["is_root"].fillna(False).astype(bool)] if "is_root" in own.columns else own
    if "is_root" in own.columns and len(root):
        return root
    last = max(_places(plans))
    sums = a[a["level"] == "summa"]
    after = [at for at in _places(sums) if at > last]
    if not after:
        return sums.iloc[:0]
    first = min(after)
    return sums[[at == first for at in _places(sums)]]


def plan_effects(atgarder: pd.DataFrame, source: str) -> pd.DataFrame:
    """Each plan's effect per year (mnkr) in one document: rows are the plans the document
    names in its own summary table (``level == "plan"``: an internbudget's four plans),
    else the document itself: its own effect per year where it prints one (a table of
    years, or its dated Summa row; ``attrs["total"]`` ``tryckt``), else the sum of its
    measures' planned or revised effect (``beräknad``); a ``Totalt`` row is the
    document's own total where it prints one after its plans (``tryckt``), else their sum
    (``beräknad``). ``attrs["lines"]``: the lines it is read from (``691–699``; in a PDF
    ``s. 7, rad 56 – s. 8, rad 1``), ``attrs["where"]`` the same for a source note
    (``rad 691–699``)."""
    a = atgarder[(atgarder["source"] == source) & atgarder["year"].notna()]
    a = a[a["effect_kind"].isin(["planerad", "reviderad"]) & (a["basis"] != "helår")]
    plans = a[(a["level"] == "plan") & ~a["measure"].str.fullmatch(r"\s*(?:19|20)\d\d\s*")]
    kind = "beräknad"
    if len(plans):
        t = plans.pivot_table(index="measure", columns="year", values="value_mnkr",
                              aggfunc="first", sort=False)  # fmt: skip
        after = _plans_total(a, plans)
        if len(after):
            t.loc["Totalt"] = after.set_index("year")["value_mnkr"]
            kind = "tryckt"
        else:
            t.loc["Totalt"] = t.sum()
    else:
        printed = _printed_per_year(a)
        if printed is not None:
            t, kind = printed, "tryckt"
            t.columns = [int(c) for c in t.columns]
            t.index.name = "Plan"
            t.attrs["total"] = kind
            t.attrs["lines"] = printed.attrs["lines"]
            t.attrs["where"] = _where(printed.attrs["lines"])
            return t
        m = a[a["level"] == "åtgärd"]
        if m.empty:
            return pd.DataFrame()
        t = m.groupby("year")["value_mnkr"].sum().round(3).to_frame("Planens åtgärder").T
    t.columns = [int(c) for c in t.columns]
    t.index.name = "Plan"
    t.attrs["total"] = kind
    t.attrs["lines"] = _span(a)
    t.attrs["where"] = _where(t.attrs["lines"])
    return t


def _printed_per_year(a: pd.DataFrame) -> pd.DataFrame | None:
    """The plan's effect per year as the document prints it, where it does: a table of
    years (``2020 8,0 mnkr`` … ``2024 62,9 mnkr``: the effect the measures reach each
    year), else its dated ``Summa`` row (``13 mnkr`` 2021, ``28,750 mnkr`` 2022), the
    revised figures before the planned. ``None`` when it prints neither (then the
    measures are summed)."""
    years = a[(a["level"] == "plan") & a["measure"].str.fullmatch(r"\s*(?:19|20)\d\d\s*")]
    if len(years):
        row = years.groupby("year")["value_mnkr"].first().to_frame("Planens effekt per år").T
        row.attrs["lines"] = _span(years)
        return row
    for kind in ("reviderad", "planerad"):
        sums = a[(a["level"] == "summa") & (a["effect_kind"] == kind)]
        if len(sums):
            last = bottom_line(sums)  # the plan's bottom line, of this kind
            row = last.groupby("year")["value_mnkr"].first().to_frame("Planens summa").T
            row.attrs["lines"] = _span(last)
            return row
    return None


def waterfall(atgarder: pd.DataFrame, source: str, year: int) -> pd.DataFrame:
    """Steps from zero to the plan's total effect in ``year``, ending with the total.

    Where the document names its plans (``plan_effects``), one step per plan, ending at
    the document's own total; else one step per area (the planned or revised effect of
    that document), ending at their sum. Every step has a label (``step``)."""
    plans = plan_effects(atgarder, source)
    if len(plans) > 1 and year in plans.columns:
        col = plans[year].dropna()
        parts = col.drop("Totalt", errors="ignore")
        df = pd.DataFrame({"step": parts.index, "value": parts.to_numpy()})
        df["end"] = df["value"].cumsum()
        df["start"] = df["end"] - df["value"]
        total = float(col.get("Totalt", parts.sum()))
        return pd.concat(
            [df, pd.DataFrame({"step": ["Totalt"], "value": [total], "start": [0.0],
                               "end": [total]})],
            ignore_index=True,
        )  # fmt: skip
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


# a sentence's figure is an effect: "beräknas ge en besparing på ca 1 mnkr", "sänker
# effekten till 2 mnkr", "kostnadseffektiviseringar på 3 mnkr", "reducera budget med …"
_EFFECT_TEXT = re.compile(
    r"effekt|besparing|kostnadsreduc|reducer|minska\w*\s+kostnad|sänk", re.IGNORECASE
)
# what a comparison of the text with the table found
SAME, ROUND, OTHER = "samma belopp", "avrundat samma belopp", "annat belopp än tabellen"
PER_UNIT = "ej jämförbart: belopp per enhet, inte åtgärdens effekt"


def _names_measure(heading: str, measure: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether a section heading names a measure: one contains the other, or they share
    two or more word stems and most of the heading's, one of them the measure's own (not
    in ``common``: stems that several of the plan's measures share, such as an area's
    ``barn``, ``unga``). A heading "Genomlysning av barn och unga" names no measure of
    the area Barn och unga by those words alone."""
    from ..domain.followup import _compact, _stems

    h, m = _compact(heading), _compact(measure)
    if not h or not m:
        return False
    if h in m or m in h:
        return True
    shared = _stems(heading) & _stems(measure)
    return len(shared) >= 2 and len(shared) >= 0.6 * len(_stems(heading)) and bool(shared - common)


def _common_stems(measures, areas=()) -> frozenset[str]:
    """The word stems that say no one measure: those two or more of ``measures`` share,
    and those of the plan's ``areas`` (``Barn och unga``: ``barn``, ``unga``)."""
    from collections import Counter

    from ..domain.followup import _stems

    counts = Counter(s for m in set(measures) for s in _stems(str(m)))
    of_areas = {s for area in set(areas) for s in _stems(str(area))}
    return frozenset({s for s, n in counts.items() if n >= 2} | of_areas)


def _amount(v: float) -> str:
    from ..numparse import format_sv

    text = format_sv(v, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def text_against_tables(
    atgarder: pd.DataFrame, observations: pd.DataFrame | None, municipality: str
) -> pd.DataFrame:
    """Each amount a plan states in its text about a measure's effect (a sentence under
    the measure's own heading: "Riktlinjer för boendestöd … årseffekt på detta mer hamnar
    på 0,5 mnkr för 2021"), beside the plan's table figures for that measure: the same
    amount (which effect and year), a round figure of it, or another amount (and the
    table's). A heading that names two measures is compared with each and with their sum
    ("sammantaget 8 miljoner" = 4 + 4). Only a figure said to be an effect is compared
    (its clause, or its sentence when that states only the one figure)."""
    from ..domain.common import MNKR_PER
    from ..domain.followup import similarity
    from . import claims

    cols = ["source", "plan", "measure", "where", "sentence", "printed", "table", "verdict"]
    rows: list[list] = []
    if observations is None or observations.empty:
        return pd.DataFrame(columns=cols)
    plans = atgarder[
        (atgarder["municipality"] == municipality)
        & (atgarder["level"] == "åtgärd")
        & atgarder["value_mnkr"].notna()
    ]
    text = observations[
        (observations["table"] == "text") & observations["unit"].isin(list(MNKR_PER))
    ]
    for src, a in plans.groupby("source", sort=True):
        o = text[text["source"] == src]
        if o.empty:
            continue
        # figures per printed line: a PDF counts its lines per page
        figures = o.groupby(["page", "line"], dropna=False)["cell_text"].transform("size")
        measures = list(dict.fromkeys(a["measure"]))
        common = _common_stems(measures, a["area"])
        for r, n in zip(o.itertuples(), figures, strict=True):
            sentence, printed = str(r.row_label), str(r.cell_text)
            said = claims._clause(sentence, printed)
            if not (_EFFECT_TEXT.search(said) or (n == 1 and _EFFECT_TEXT.search(sentence))):
                continue
            named = [m for m in measures if _names_measure(str(r.section), m, common)]
            if not named:
                continue
            score = {m: similarity(str(r.section), m) for m in named}
            named = [m for m in named if score[m] == max(score.values())]
            t = a[a["measure"].isin(named)]
            year = None if pd.isna(r.year) else int(r.year)
            if year is not None:
                t = t[t["year"].isna() | (t["year"] == year)]
            if t.empty:
                continue

            def what(kind, y) -> str:
                return f"{kind} {'' if pd.isna(y) else int(y)}".strip()

            single = [(float(v), what(k, y), m) for v, k, y, m in
                      zip(t["value_mnkr"], t["effect_kind"], t["year"], t["measure"],
                          strict=True)]  # fmt: skip
            sums = []
            if len(named) > 1:
                by = [t["effect_kind"], t["year"].astype("object").fillna("")]
                for (k, y), g in t.groupby(by, sort=False):
                    if g["measure"].nunique() > 1:
                        both = "; ".join(dict.fromkeys(g["measure"]))
                        total = float(g["value_mnkr"].sum())
                        sums.append((total, what(k, y or None) + ", summa", both))
            factor = MNKR_PER[str(r.unit)]
            value = abs(float(r.value)) * factor
            verdict, measure = OTHER, "; ".join(named)
            shown = "; ".join(f"{w}: {_amount(v)}" for v, w, _m in single)
            # an amount per placement, place or day is not the measure's effect: never
            # called the same amount, whatever the figures
            # (claims.comparable, the rule every claim's comparison obeys)
            per_unit = not claims.comparable(sentence, printed)
            for v, w, m in (
                [] if per_unit else sorted(single + sums, key=lambda c: abs(abs(c[0]) - value))
            ):
                how = claims.stated(r.value, printed, getattr(r, "qualifier", ""), v, factor,
                                    sentence=sentence)  # fmt: skip
                if how:
                    verdict = SAME if how == "same" else ROUND
                    shown, measure = f"{w}: {_amount(v)}", m
                    break
            if per_unit:
                verdict = PER_UNIT
            where = claims.at(claims.page_of(r), str(int(r.line)))
            rows.append([src, str(a["plan"].iloc[0]), measure, where, sentence, printed,
                         shown, verdict])  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def plan_period(effects: pd.DataFrame, source: str, documents: pd.DataFrame) -> str:
    """The period a report on the plans of ``source`` covers, as the reports write it:
    the years of the plan's effects (``plan_effects``' columns: ``2024–2027``); where its
    measures give no effect per year, the period the document itself reports on
    (``documents``' ``doc_period`` and ``doc_year``: a delårsrapport's measures are of
    ``jan–aug 2023``), else the document's year. '' when the document gives none."""
    from .claims import period_text

    years = sorted({int(y) for y in effects.columns if pd.api.types.is_number(y) and y == y})
    if years:
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    doc = documents[documents["source"] == source]
    if doc.empty or pd.isna(doc["doc_year"].iloc[0]):
        return ""
    year = int(doc["doc_year"].iloc[0])
    period = doc["doc_period"].iloc[0] if "doc_period" in doc.columns else ""
    period = "" if pd.isna(period) else str(period)
    return period_text(period, year) if period not in ("", "helår", "jan-dec") else str(year)


def checks_off(checks: pd.DataFrame, atgarder: pd.DataFrame) -> pd.DataFrame:
    """04's table of the plans' sum checks that do not add up (``checks`` of the frame
    ``atgarder`` for the documents of ``atgarder``' rows, status not ok): per total row,
    its column, the document's sum, the rows it was compared with (named, each with its
    place), their sum, the difference, the total's place — a PDF's with its page (``s. 3,
    rad 18``), as its lines are counted per page — and why. Its ``attrs``: ``units`` and
    ``sources`` for the table's note."""
    from ..domain.checks import named

    c = checks[(checks["frame"] == "atgarder") & checks["source"].isin(atgarder["source"])]
    off = c[c["status"] != "ok"]
    cols = ["kolumn", "dokumentets summa", "summerade rader", "radernas summa", "skillnad",
            "rad", "förklaring"]  # fmt: skip
    if off.empty:
        t = pd.DataFrame(columns=cols)
        t.attrs.update(units=[], sources=[])
        return t
    off = named(off, atgarder, "measure")
    groups = off["group"].str.replace(" | ", ", ", regex=False)
    off = off.assign(group=groups, line=line_places(off))
    t = off.set_index("total_label")[
        ["group", "reported", "parts", "computed", "difference", "line", "note"]
    ]
    t.columns = cols
    t.index.name = "Summarad"
    t.attrs.update(units=off["unit"].tolist(), sources=sorted(set(off["source"])))
    return t
