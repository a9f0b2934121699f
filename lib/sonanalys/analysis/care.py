"""Placements and care days: the series the notebooks plot, and the price/volume split
of a cost change."""

from __future__ import annotations

import pandas as pd

from . import claims


def latest(df: pd.DataFrame) -> pd.DataFrame:
    """Per (municipality, label, sex, year, period, value_kind), the figure from the most
    recent document (a later report may restate an earlier year)."""
    keys = ["municipality", "label", "sex", "year", "period", "value_kind"]
    keys = [k for k in keys if k in df.columns]
    return (
        df.sort_values(["doc_year", "source", "line"])
        .drop_duplicates(keys, keep="last")
        .reset_index(drop=True)
    )


def _page(df: pd.DataFrame) -> list[str]:
    """``["page"]`` where the frame has pages (a PDF counts its lines per page: a source
    note names them, ``claims.where``)."""
    return ["page"] if "page" in df.columns else []


def per_day_by_group(placements: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """Average persons in care per day, by group and year (full-year figures only)."""
    p = placements[
        (placements["municipality"] == municipality)
        & (placements["measure"] == "personer per dygn (snitt)")
        & (placements["value_kind"] == "")
        & (placements["period"] == "helår")
    ]
    p = latest(p)
    p = p.assign(group=p["group"].replace("", "totalt"))
    return p[["group", "year", "value", "source", "table_id", "line", *_page(p)]].sort_values(
        ["group", "year"]
    )


def current_period(
    placements: pd.DataFrame,
    municipality: str,
    year: int | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """Persons in care per day in a period shorter than the year (``jan-aug`` 2023) and the
    year's budget beside it, by group: the run's own period when given, else the latest
    such period the data hold (only when it is later than the last full year). Columns
    ``group``, ``year``, ``period``, ``value``, ``budget``, ``source``, ``line``; empty
    when the data hold no such period."""
    p = placements[
        (placements["municipality"] == municipality)
        & (placements["measure"] == "personer per dygn (snitt)")
    ]
    part = p[(p["value_kind"] == "") & ~p["period"].isin(["helår", ""])]
    if year is not None:
        part = part[part["year"] == year]
    if period:
        part = part[part["period"] == period]
    full = p[(p["value_kind"] == "") & (p["period"] == "helår")]
    if part.empty:
        return pd.DataFrame(columns=["group", "year", "period", "value", "budget", "source",
                                     "line", *_page(p)])  # fmt: skip
    part = latest(part)
    last = part.sort_values(["year", "doc_year"]).iloc[-1]
    y, per = int(last["year"]), str(last["period"])
    if year is None and len(full) and int(full["year"].max()) >= y:
        return current_period(placements.iloc[:0], municipality)
    part = part[(part["year"] == y) & (part["period"] == per)]
    bud = latest(p[(p["value_kind"] == "budget") & (p["year"] == y)])
    budget = dict(zip(bud["group"], bud["value"], strict=True))
    out = part.assign(
        group=part["group"].replace("", "totalt"),
        budget=[budget.get(g, float("nan")) for g in part["group"]],
    )
    cols = ["group", "year", "period", "value", "budget", "source", "line", *_page(out)]
    return out[cols].sort_values("group")


def lvu_lvm(placements: pd.DataFrame, municipality: str) -> pd.DataFrame:
    p = placements[
        (placements["municipality"] == municipality)
        & placements["measure"].isin(["LVU unika individer", "LVM unika individer"])
    ]
    p = latest(p)
    return p[["measure", "sex", "year", "period", "value", "source", "line", *_page(p)]]


def per_1000(placements: pd.DataFrame, municipality: str) -> pd.DataFrame:
    p = placements[
        (placements["municipality"] == municipality)
        & (placements["measure"] == "per 1 000 inv 0–20 år")
        & (placements["sex"] == "")
    ]
    p = latest(p)
    return p[["label", "year", "period", "value", "source", "line", *_page(p)]].sort_values("year")


def price_volume(days0: float, price0: float, days1: float, price1: float) -> dict[str, float]:
    """Split the cost change between two years into a volume effect (more dygn at the
    old price) and a price effect (the new price on the new dygn); they sum exactly to
    the change. Costs in kr."""
    cost0, cost1 = days0 * price0, days1 * price1
    volume = (days1 - days0) * price0
    price = (price1 - price0) * days1
    return {
        "cost0": cost0,
        "cost1": cost1,
        "change": cost1 - cost0,
        "volume_effect": volume,
        "price_effect": price,
    }


def cost_series(varddygn: pd.DataFrame, placements: pd.DataFrame, municipality: str):
    """Per year: persons per day (total), care days (persons × days of the year), cost per
    dygn as reported and as derived, and the document's own total cost (mnkr, NaN when
    the table gives none) — full-year figures, for the price/volume split."""
    vm = varddygn[
        (varddygn["municipality"] == municipality)
        & (varddygn["period"] == "helår")
        & (varddygn["value_kind"].isin(["", "utfall"]))
    ]
    v = vm[vm["measure"] == "kostnad per vårddygn"]
    per_day = per_day_by_group(placements, municipality)
    tot = per_day[per_day["group"] == "totalt"]
    total = tot.set_index("year")["value"]
    persons_line = tot.set_index("year")["line"]  # the volume's persons per day
    persons_page = tot.set_index("year")["page"] if "page" in tot else None
    # the price from the table that also gives the persons, so both measure the same care
    same = v[v["table_id"].isin(tot["table_id"]) & v["source"].isin(tot["source"])]
    v = same if len(same) else v
    rep = latest(v[v["basis"] == "rapporterad"].assign(label="rep"))
    der = latest(v[v["basis"] == "beräknad"].assign(label="der"))
    money = vm[(vm["measure"] == "total kostnad")]
    money = latest(money[money["source"].isin(rep["source"]) & money["table_id"].isin(
        rep["table_id"])].assign(label="cost"))  # fmt: skip
    years = sorted(set(rep["year"]) & set(total.index))
    page = claims.page_number
    rows = []
    for y in years:
        days_in_year = (pd.Timestamp(int(y) + 1, 1, 1) - pd.Timestamp(int(y), 1, 1)).days
        r = rep[rep["year"] == y]
        d = der[der["year"] == y]
        m = money[money["year"] == y]
        rows.append(
            {
                "year": int(y),
                "persons_per_day": float(total[y]),
                "dygn": float(total[y]) * days_in_year,
                "price_reported": float(r["value"].iloc[0]),
                "price_derived": float(d["value"].iloc[0]) if len(d) else float("nan"),
                "cost_mnkr": float(m["value"].iloc[0]) if len(m) else float("nan"),
                "cost_line": int(m["line"].iloc[0]) if len(m) else None,
                "source": r["source"].iloc[0],
                "line": int(r["line"].iloc[0]),
                "persons_line": int(persons_line[y]),
                # a PDF's pages of those lines (None for a text document)
                "cost_page": claims.pages_and_lines(m.head(1))[0][0] if len(m) else None,
                "page": claims.pages_and_lines(r.head(1))[0][0],
                "persons_page": None if persons_page is None else page(persons_page[y]),
            }
        )
    return pd.DataFrame(rows)


def _persons_places(a: pd.Series, b: pd.Series) -> set[tuple[int | None, int]]:
    """The (page, line) of the persons per day both years' care days are computed from
    (the volume's source; a PDF's page, None for a text document; none in a series made
    without them)."""
    return {
        (claims.page_number(r.get("persons_page")), int(r["persons_line"]))
        for r in (a, b)
        if pd.notna(r.get("persons_line"))
    }


def price_volume_steps(
    cost_series: pd.DataFrame, year_from: int | None = None, year_to: int | None = None
) -> pd.DataFrame:
    """The walk from one year's cost to another's in mnkr; the last two years by default.

    Where the document prints the total cost of both years (``Total kostnad``), the walk
    starts and ends at those figures: volume effect (the change in care days at the first
    year's reported price per dygn), price effect (the change in the reported price on
    the second year's care days), and the rest that the two do not explain (the reported
    price is not the document's cost over the care days, e.g. an unweighted mean) — the
    three derived steps sum exactly to the document's change. Without the document's
    total, the walk is care days × reported price, labelled as computed. Column ``typ``
    says which steps are the document's (``tryckt``) and which computed (``beräknad``).
    Empty with fewer than two years."""
    if len(cost_series) < 2:
        return pd.DataFrame(columns=["mnkr", "typ"])
    y0 = year_from or int(cost_series["year"].iloc[-2])
    y1 = year_to or int(cost_series["year"].iloc[-1])
    held = sorted({int(y) for y in cost_series["year"]})
    for name, y in (("year_from", y0), ("year_to", y1)):
        if y not in held:
            raise ValueError(
                f"{name} = {y}: underlaget har vårddygn och kostnad per dygn för "
                f"{', '.join(map(str, held))}; sätt year_from och year_to i parametercellen "
                "till två av dem (None: de två sista)"
            )
    a = cost_series[cost_series["year"] == y0].iloc[0]
    b = cost_series[cost_series["year"] == y1].iloc[0]
    pv = price_volume(a["dygn"], a["price_reported"], b["dygn"], b["price_reported"])
    volume, price = pv["volume_effect"] / 1e6, pv["price_effect"] / 1e6
    own = "cost_mnkr" in cost_series and a["cost_mnkr"] == a["cost_mnkr"]
    own = own and b["cost_mnkr"] == b["cost_mnkr"]
    if own:
        c0, c1 = float(a["cost_mnkr"]), float(b["cost_mnkr"])
        rest = (c1 - c0) - volume - price
        steps = pd.DataFrame(
            {
                "mnkr": [c0, volume, price, rest, c1],
                "typ": ["tryckt", "beräknad", "beräknad", "beräknad", "tryckt"],
            },
            index=[f"Total kostnad {y0}", "Volymeffekt", "Priseffekt",
                   "Rest (ej förklarad av vårddygn och pris)", f"Total kostnad {y1}"],
        )  # fmt: skip
        at = {
            (claims.page_number(a.get("cost_page")), int(a["cost_line"])),
            (claims.page_number(a.get("page")), int(a["line"])),
            *_persons_places(a, b),
        }
    else:
        steps = pd.DataFrame(
            {
                "mnkr": [pv["cost0"] / 1e6, volume, price, pv["cost1"] / 1e6],
                "typ": ["beräknad"] * 4,
            },
            index=[f"Beräknad kostnad {y0} (vårddygn × kostnad per dygn)", "Volymeffekt",
                   "Priseffekt", f"Beräknad kostnad {y1} (vårddygn × kostnad per dygn)"],
        )  # fmt: skip
        at = {(claims.page_number(a.get("page")), int(a["line"])), *_persons_places(a, b)}
    steps.index.name = "Steg"
    # the steps' (page, line)s: ``lines`` their lines, ``where`` as a source note names
    # them, a PDF's with their pages
    places = sorted(at, key=lambda x: (x[0] or 0, x[1]))
    steps.attrs.update(
        year_from=y0, year_to=y1, source=a["source"], line=int(a["line"]),
        lines=", ".join(str(x) for x in sorted({x for _, x in at})), own_total=bool(own),
        places=places, where=claims.line_runs(places),
    )  # fmt: skip
    return steps


def occupancy_by_month(
    indikatorer: pd.DataFrame, municipality: str, year: int | None = None
) -> pd.DataFrame:
    """Occupancy (beläggningsgrad, %) of the administration's own units by month in one
    year (``year``, else the latest the data have): one row per unit and month, from the
    most recent document that states it."""
    i = indikatorer[
        (indikatorer["municipality"] == municipality)
        & indikatorer["month"].notna()
        & (indikatorer["unit"] == "procent")
        & (indikatorer["area"] + " " + indikatorer["indicator"]).str.contains(
            "beläggning", case=False
        )
    ]
    if len(i):
        i = i[i["year"] == (year if year is not None else i["year"].max())]
    i = (
        i.sort_values(["doc_year", "source", "line"])
        .drop_duplicates(["indicator", "year", "month"], keep="last")
        .rename(columns={"indicator": "unit_name"})
    )
    cols = ["unit_name", "year", "month", "value", "source", "line"]
    if "page" in i.columns:  # a PDF's lines are per page: its source note names them
        cols.append("page")
    return i[cols].sort_values(["unit_name", "month"]).reset_index(drop=True)


def accumulated_occupancy(indikatorer: pd.DataFrame, occ: pd.DataFrame) -> pd.Series:
    """The document's own occupancy of each unit for the year so far (a column such as
    ``Ack 2023`` on the same row as the months of :func:`occupancy_by_month`: a percentage
    of that year without a month), by unit; its ``attrs["column"]`` is the document's
    column heading. Empty where a unit has none, or more than one, such figure: then no
    unit is ranked by a printed figure."""
    if occ.empty:
        return pd.Series(dtype="float64")
    year = occ["year"].max()
    rows = set(zip(occ["source"], occ["line"], strict=True))
    places = zip(indikatorer["source"], indikatorer["line"], strict=True)
    same_row = pd.Series([p in rows for p in places], index=indikatorer.index, dtype=bool)
    i = indikatorer[
        indikatorer["month"].isna()
        & (indikatorer["unit"] == "procent")
        & (indikatorer["year"] == year)
        & same_row
    ]
    per_unit = i.groupby("indicator")["value"]
    if i.empty or (per_unit.size() != 1).any() or i["column_label"].nunique() != 1:
        return pd.Series(dtype="float64")
    units = set(occ["unit_name"])
    out = per_unit.first()
    if set(out.index) != units:
        return pd.Series(dtype="float64")
    out = out.reindex(list(dict.fromkeys(occ["unit_name"])))
    out.attrs["column"] = str(i["column_label"].iloc[0])
    return out


def occupancy_extremes(occ: pd.DataFrame, accumulated: pd.Series) -> str:
    """Which of the units had the highest and the lowest occupancy, as a sentence: by the
    document's own figure for the year so far (:func:`accumulated_occupancy`) where every
    unit has one, else by the mean of the months (said to be computed). A row that sums
    the others (``Totalt``) is no unit; units of the same value as shown are named
    together (``lägst A och B, båda 78 %``)."""
    from ..domain.common import is_total
    from ..numparse import format_sv
    from .claims import each_text, extreme, names_text

    if occ.empty:
        return ""
    if len(accumulated):
        values = accumulated
        what = f"beläggning enligt dokumentets kolumn ”{accumulated.attrs['column']}”"
    else:
        values = occ.groupby("unit_name", sort=False)["value"].mean()
        what = "snittbeläggning (beräknad: ovägt medel av månaderna)"
    values = values[[not is_total(str(u)) for u in values.index]]
    if len(values) < 2:
        return ""
    hi, hi_v = extreme(values, 0, largest=True)
    lo, lo_v = extreme(values, 0, largest=False)

    def said(names: list, value: float) -> str:
        each = f"{each_text(len(names))} " if len(names) > 1 else ""
        return f"{names_text(names)}, {each}{format_sv(value, 0)} %"

    if len(hi) == len(values):
        return f"Alla boenden hade samma {what}: {format_sv(hi_v, 0)} %."
    return f"Högst {what} hade {said(hi, hi_v)}; lägst {said(lo, lo_v)}."
