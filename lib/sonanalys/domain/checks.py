"""Sum checks: a document's own totals (``Summa``, ``Totalt``, ``Nettokostnad``, and any
row the table's tree proves a total, ``Resultat`` over its parts) against the rows they
sum. A mismatch beyond rounding is flagged (status ``avvikelse``), never corrected: the
document is what it is, and the economist decides.

Which rows a total sums: within one table and one column (or effect kind and year), the
rows above it back to the previous total; when there are none (a total printed first, as
``Totalt antal i insats`` above ``Barn``, ``Unga``, ``Vuxna``), the rows below it up to
the next total or a change of unit. Breakdown rows (``varav``, ``- kvinnor``) are parts of
their parent and never summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..structure import allowance
from .common import MONEY_UNITS, is_total

COLUMNS = [
    "frame",
    "source",
    "table_id",
    "table",
    "group",
    "total_label",
    "line",
    "n_parts",
    "part_lines",
    "reported",
    "computed",
    "computed_high",
    "difference",
    "tolerance",
    "unit",
    "status",
    "note",
    "part_pages",  # the page of each of part_lines (a PDF counts its lines per page), or ''
    "page",  # the total's own page (of ``line``), or missing for a document without pages
]
STATUSES = ("ok", "avvikelse")
# a failing total that no turned sign, left-out or twice-counted row explains
NOT_ITS_ROWS = "dokumentets summa är inte radernas summa"
UNEXPLAINED = NOT_ITS_ROWS + "; ingen enskild rad förklarar skillnaden"


def _decimals(text: str) -> int:
    m = re.search(r"\d,(\d+)", text)
    return len(m.group(1)) if m else 0


def _is_part(label: str) -> bool:
    """A row a total can sum: not a breakdown of another row, not a year's level."""
    if re.fullmatch(r"(?:år\s+)?(?:19|20)\d\d", label.strip()):
        return False
    return " / " not in label or not re.search(
        r"/ (varav|därav|-|kvinnor|män|flickor|pojkar)", label, re.IGNORECASE
    )


@dataclass
class _Group:
    """One table's rows as plain lists: the per-candidate arithmetic runs on floats,
    not on pandas selections (a corpus has thousands of totals)."""

    values: list[float]
    highs: list[float]
    texts: list[str]
    factors: list[float]


def _tolerance(g: _Group, parts: list[int], t: int) -> float:
    """Rounding, as the row tree proves totals (:func:`structure.allowance`): half a unit
    of the total's last printed decimal plus half a unit of each part's."""
    texts = g.texts
    return allowance(_decimals(texts[t]), [_decimals(texts[i]) for i in parts]) * abs(g.factors[t])


def _compare(
    g: _Group, parts: list[int], t: int, signs: list[int] | None = None
) -> tuple[float, float, float, float]:
    """(computed, computed_high, tolerance, difference): the difference is 0 when the
    reported total lies within the parts' sum (low to high, for ranges) ± tolerance.
    ``signs`` (±1 per part) for a total printed as a difference of totals."""
    sg = signs or [1] * len(parts)
    lo = [g.values[i] * s if s > 0 else g.highs[i] * s for i, s in zip(parts, sg, strict=True)]
    hi = [g.highs[i] * s if s > 0 else g.values[i] * s for i, s in zip(parts, sg, strict=True)]
    computed = float(np.sum(np.array(lo, dtype=float)))
    computed_high = float(np.sum(np.array(hi, dtype=float)))
    reported = g.values[t]
    tol = _tolerance(g, parts, t)
    if reported < computed - tol:
        diff = reported - computed
    elif reported > computed_high + tol:
        diff = reported - computed_high
    else:
        diff = 0.0
    return computed, computed_high, tol, diff


def _candidates(labels: list[str], units: list[str], totals: list[int], n: int) -> list[list[int]]:
    """The readings of which rows the n-th total sums, most usual first."""
    t = totals[n]
    lo = totals[n - 1] + 1 if n else 0
    between = [i for i in range(lo, t) if _is_part(labels[i])]
    candidates = [between]
    if n:
        # a running total: the previous total plus the rows since
        # ("Nettokostnad" = "Nettokostnad" + "Externa vård-…")
        candidates.append([totals[n - 1], *between])
        # a total of totals ("Nettokostnad" = "Summa intäkter" + "Summa kostnader")
        if not between:
            candidates.append(totals[:n])
        # a grand total of every row above, past the subtotals
        candidates.append([i for i in range(t) if i not in totals and _is_part(labels[i])])
    elif not between:
        # a total printed first sums the rows below it, up to a total or a change of unit
        below = []
        for i in range(t + 1, len(labels)):
            if is_total(labels[i]) or units[i] != units[t]:
                break
            if _is_part(labels[i]):
                below.append(i)
        candidates.append(below)
    return [c for c in candidates if c]


def _parts(
    g: _Group,
    labels: list[str],
    units: list[str],
    totals: list[int],
    n: int,
    tree: list | None,
    orders: list | None,
) -> tuple[list[int], list[int] | None, str]:
    """Which rows the n-th total sums: (parts, signs or None, note).

    The table's tree first (``total_of``: the ``row_order`` of the rows it sums), where
    the parser gives it. Else the usual readings (:func:`_candidates`), the first that
    adds up; a total of two totals may be their difference (``Netto`` = kostnader −
    intäkter in a column of changes); rows between a subtotal and its parts may be left
    out of it when exactly one such row makes the sum add up (``Nettokostnad`` of the
    own verksamheter without ``Ensamkommande``), and the note names it. When nothing
    adds up, the reading closest to the printed total, so a failing check compares with
    the rows that nearly sum it and names them."""
    t = totals[n]
    if tree is not None and orders is not None and not _missing(tree[t]):
        text = str(tree[t] or "").strip()
        want = {int(float(x)) for x in re.findall(r"\d+(?:\.0)?", text)}
        if want:
            parts = [i for i, o in enumerate(orders) if o is not None and not _missing(o)
                     and int(o) in want]  # fmt: skip
            if parts:
                # a total of two totals may be their difference in this column (a
                # column of changes); a row between the parts left out is named
                if _compare(g, parts, t)[3] != 0.0 and len(parts) == 2:
                    for signs in ([1, -1], [-1, 1]):
                        if all(i in totals for i in parts) and _compare(g, parts, t, signs)[3] == 0:
                            return parts, signs, ""
                gaps = [i for i in range(min(parts), t) if i not in parts and i not in totals]
                note = f"summerar inte {labels[gaps[0]]}" if len(gaps) == 1 else ""
                return parts, None, note
    candidates = _candidates(labels, units, totals, n)
    if not candidates:
        return [], None, ""
    tried: list[tuple[list[int], list[int] | None, str]] = [(c, None, "") for c in candidates]
    for c in candidates:
        if len(c) == 2 and all(i in totals for i in c):
            tried += [(c, [1, -1], ""), (c, [-1, 1], "")]
    for reading in tried:
        if _compare(g, reading[0], t, reading[1])[3] == 0.0:
            return reading
    between = candidates[0] if candidates[0] and max(candidates[0]) < t else []
    if len(between) >= 3:
        fits = [j for j in between if _compare(g, [i for i in between if i != j], t)[3] == 0.0]
        if len(fits) == 1:
            j = fits[0]
            return [i for i in between if i != j], None, f"summerar inte {labels[j]}"
    return min(tried, key=lambda c: abs(_compare(g, c[0], t, c[1])[3]))


def _unexplained(
    g: _Group, parts: list[int], t: int, signs, labels: list[str], lines: list[int]
) -> str:
    """What a failing total's figures say, in words: the sign turned, one row left out or
    counted twice, or none of these (the document's total is not its rows' sum)."""
    reported, tol = g.values[t], _tolerance(g, parts, t)
    computed = _compare(g, parts, t, signs)[0]
    if reported != 0 and abs(reported + computed) <= tol:
        return "summaraden har motsatt tecken mot radernas summa"
    for k, p in enumerate(parts):
        rest = [q for q in parts if q != p]
        sg = [s for q, s in zip(parts, signs, strict=True) if q != p] if signs else None
        if rest and _compare(g, rest, t, sg)[3] == 0.0:
            return f"summan stämmer utan {labels[p]} (rad {lines[k]})"
        if abs(reported - computed - g.values[p]) <= tol:
            return f"summan stämmer om {labels[p]} (rad {lines[k]}) räknas två gånger"
    return UNEXPLAINED


def _sums(total_of) -> bool:
    """Whether the tree's ``total_of`` names rows (the row is a proven total)."""
    return not _missing(total_of) and bool(re.search(r"\d", str(total_of)))


def _sums_groups_elsewhere(parts: list[int], totals: list[int], tree: list | None, t: int) -> bool:
    """A total whose only reading is one other total of the table, and which is not that
    total, where the table's tree does not say which rows it sums: it sums groups the
    table does not hold. An accounting report prints each group
    of accounts with its sum as a table of its own (``Summa verksamhetsintäkter``,
    ``Summa försäljningsintäkter``, then ``Summa övriga intäkter`` and ``Summa intäkter``
    under the last group): ``Summa intäkter`` is the sum of the three groups' sums, of
    which this table holds one. Nothing to check here, and no alarm. (Where the tree
    names the rows, the check stands: a sum of two groups, one empty in a column.)"""
    proven = tree is not None and _sums(tree[t])
    return len(parts) == 1 and parts[0] in totals and not proven


def _sort_key(key: tuple) -> tuple:
    """Group keys in pandas' order (``groupby(sort=True, dropna=False)``): missing last;
    in a column that holds numbers and text alike (a year beside a period's name), the
    numbers first, never a comparison of a number with a text."""
    return tuple(
        (2, 0, "") if _missing(k) else (0, k, "") if isinstance(k, int | float) else (1, 0, k)
        for k in key
    )


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT


def check_totals(
    df: pd.DataFrame,
    frame: str,
    value: str,
    group: list[str],
    label: str = "row_label",
    high: str | None = None,
) -> pd.DataFrame:
    """One row per total row found in ``df`` (grouped by ``group``, ordered by line). The
    frame is read into plain lists once; the groups and their arithmetic run on those."""
    out: list[dict] = []
    keys = ["source", "table_id", *group]
    # a PDF counts its lines per page: a table that goes on over a page break is in
    # order by page, then line (its rows on page 3 after those on page 2)
    order = ["page", "line"] if "page" in df.columns else ["line"]
    d = df.sort_values(order, kind="stable", na_position="first")
    wanted = {*keys, label, "unit", value, "cell_text", "line", "table", *order}
    # the table's tree where the parser gives it: which rows each total sums
    if "total_of" in d.columns and "row_order" in d.columns:
        wanted |= {"total_of", "row_order"}
    col = {c: d[c].tolist() for c in wanted}
    vals_all = d[value].astype(float).tolist()
    highs_all = d[high].astype(float).fillna(d[value]).tolist() if high else vals_all
    factors_all = d["_factor"].astype(float).tolist() if "_factor" in d.columns else None
    members: dict[tuple, list[int]] = {}
    # a row holds one value per column: a row's second value under the same column's name
    # is another column (three "Utfall" columns whose years the document left out), and
    # goes to a group of its own (the last key: 0 for the first, 1 for the second …)
    seen: dict[tuple, int] = {}
    for i, key in enumerate(zip(*(col[k] for k in keys), strict=True)):
        if not _missing(col[value][i]):
            k = tuple(None if _missing(x) else x for x in key)
            # (a row is its page and line: a PDF counts its lines per page, and page 2's
            # Summa on line 5 is another row than page 1's)
            page = page_of(col["page"][i]) if "page" in col else None
            row = (k, page, col["line"][i], col[label][i])
            n = seen[row] = seen.get(row, -1) + 1
            members.setdefault((*k, n), []).append(i)
    for key in sorted(members, key=_sort_key):
        idx = members[key]
        labels = [col[label][i] for i in idx]
        units = [col["unit"][i] for i in idx]
        vals = [vals_all[i] for i in idx]
        rows = _Group(
            vals,
            [highs_all[i] for i in idx],
            [col["cell_text"][i] for i in idx],
            [factors_all[i] for i in idx] if factors_all else [1.0] * len(vals),
        )
        tree = [col["total_of"][i] for i in idx] if "total_of" in col else None
        orders = [col["row_order"][i] for i in idx] if "row_order" in col else None
        # a total by its name, or by the table's tree: a row the parse proved to sum
        # others (``Resultat`` over Intäkter, Kostnader, Kommunbidrag) whatever its name
        totals = [
            i
            for i, lab in enumerate(labels)
            if is_total(lab) or (tree is not None and _sums(tree[i]))
        ]
        for n, t in enumerate(totals):
            parts, signs, note = _parts(rows, labels, units, totals, n, tree, orders)
            if not parts:
                continue
            computed, computed_high, tol, diff = _compare(rows, parts, t, signs)
            if diff != 0.0 and _sums_groups_elsewhere(parts, totals, tree, t):
                continue
            if signs and any(x < 0 for x in signs):
                pairs = zip(parts, signs, strict=True)
                terms = [("−" if x < 0 else "+") + labels[p] for p, x in pairs]
                note = "summerad som " + " ".join(terms).lstrip("+")
            if diff != 0.0 and not note:
                lines = [int(col["line"][idx[x]]) for x in parts]
                note = _unexplained(rows, parts, t, signs, labels, lines)
            r = idx[t]
            pages = [col["page"][idx[x]] for x in parts] if "page" in col else []
            out.append(
                {
                    "frame": frame,
                    "source": key[0],
                    "table_id": key[1],
                    "table": col["table"][r],
                    "group": " | ".join(str(k) for k in key[2:-1] if k is not None and k != "")
                    + (f" ({key[-1] + 1})" if key[-1] else ""),
                    "total_label": col[label][r],
                    "line": int(col["line"][r]),
                    "n_parts": len(parts),
                    "part_lines": ", ".join(str(int(col["line"][idx[x]])) for x in parts),
                    "reported": float(vals_all[r]),
                    "computed": round(computed, 9) + 0.0,  # never −0,0
                    "computed_high": round(computed_high, 9) + 0.0,
                    "difference": round(diff, 9),
                    "tolerance": round(tol, 9),
                    "unit": col["unit"][r],
                    "status": "ok" if diff == 0.0 else "avvikelse",
                    "note": note,
                    "part_pages": ""
                    if all(_missing(p) for p in pages)
                    else ", ".join("" if _missing(p) else str(int(p)) for p in pages),
                    "page": None
                    if "page" not in col or _missing(col["page"][r])
                    else int(col["page"][r]),
                }
            )
    res = pd.DataFrame(out, columns=COLUMNS)
    res["line"] = res["line"].astype("int64")
    res["n_parts"] = res["n_parts"].astype("int64")
    res["page"] = pd.array(res["page"], dtype="Int64")
    for c in ("reported", "computed", "computed_high", "difference", "tolerance"):
        res[c] = res[c].astype("float64")
    return res


def unread(res: pd.DataFrame, report: pd.DataFrame | None) -> pd.DataFrame:
    """A failing total that no single row explains, where a row it spans has a value the
    parse report says could not be read (a warning in the same source and table, between
    the total's parts and the total, in the check's column or in no column named): the
    note names that cell instead, since the rows' sum is then not known — Stadsrevisionen
    2023's Summa kostnader for Budget 2023 over Övriga kostnader printed '-7 73'."""
    if report is None or report.empty or res.empty:
        return res
    bad = res.index[(res["status"] == "avvikelse") & (res["note"] == UNEXPLAINED)]
    rep = report[(report["severity"] == "warning") & report["table_id"].fillna("").ne("")]
    if not len(bad) or rep.empty:
        return res
    cells: dict[tuple, list[tuple]] = {}
    for r in rep.itertuples():
        label = str(r.row_label or "")
        if not _is_part(label) or is_total(label):
            continue  # a breakdown or a total of its own is no part of the sum
        cells.setdefault((r.source, r.table_id), []).append(
            (page_of(r.page), int(r.line), label, str(r.column_label or ""), str(r.cell_text))
        )
    res = res.copy()
    for i in bad:
        row = res.loc[i]
        total = (page_of(row["page"]), int(row["line"]))
        places = [total, *part_places(row["part_lines"], row["part_pages"])]
        paged = all(p is not None for p, _ in places)
        if not paged and any(p is not None for p, _ in places):
            continue  # pages for some rows only: where the rows are is not known
        # where a row is, in order: page then line (a document without pages: line)
        at = [(p or 0, x) for p, x in places]
        lo, hi = min(at), max(at)
        group = [g.strip() for g in str(row["group"]).split("|")]
        columns = {*group, *(re.sub(r" \(\d+\)$", "", g) for g in group)}
        said = [
            f"{label} ({place(page, line)}) '{text}'".lstrip()
            for page, line, label, column, text in cells.get((row["source"], row["table_id"]), [])
            if (not column or column in columns)
            and (page is not None) == paged
            and lo <= (page or 0, line) <= hi
        ]
        if said:
            res.at[i, "note"] = NOT_ITS_ROWS + "; en del kunde inte läsas: " + "; ".join(said)
    return res


def page_of(v) -> int | None:
    """A row's page as a key: ``None`` for a document without pages."""
    return None if _missing(v) else int(v)


def place(page: int | None, line: int) -> str:
    """Where a row is, as a note says it: ``s. 2, rad 4`` in a PDF (which counts its lines
    per page), ``rad 4`` in a document without pages."""
    return f"s. {page}, rad {line}" if page is not None else f"rad {line}"


def row_places(rows: pd.DataFrame) -> list[tuple[int | None, int]]:
    """Each row's (page, line), its place in its document: a PDF counts its lines per
    page, so line 4 of page 2 is another row than line 4 of page 1."""
    pages = rows["page"] if "page" in rows else pd.Series(pd.NA, index=rows.index)
    return [(page_of(p), int(x)) for p, x in zip(pages, rows["line"], strict=True)]


def part_places(part_lines, part_pages) -> list[tuple[int | None, int]]:
    """The (page, line) of each part of a check, from its ``part_lines`` and
    ``part_pages`` (read back from a CSV, an empty ``part_pages`` is NaN)."""
    lines = [int(x) for x in str(part_lines).split(",") if x.strip()]
    on = "" if _missing(part_pages) else str(part_pages)
    given = [int(x) if x.strip() else None for x in on.split(",")]
    pages = given if len(given) == len(lines) else [None] * len(lines)
    return list(zip(pages, lines, strict=True))


def named(checks: pd.DataFrame, frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """``checks`` with ``parts``: the labels of the rows each total was compared with
    (from ``frame``, by source, table, page and line), so a failing check names its rows."""
    names: dict[tuple, str] = {}
    pages = frame["page"] if "page" in frame else pd.Series(pd.NA, index=frame.index)
    for src, tid, line, lab, page in zip(
        frame["source"], frame["table_id"], frame["line"], frame[label], pages, strict=True
    ):
        # a PDF's lines are counted per page: the page is part of where a row is, and
        # line 3 of page 2 is another row than line 3 of page 3
        p = page_of(page)
        at = place(p, int(line))
        names.setdefault((src, tid, p, int(line)), f"{lab} ({at})")
        names.setdefault((src, tid, None, int(line)), f"{lab} ({at})")  # no page given
    parts = []
    part_pages = checks["part_pages"] if "part_pages" in checks else [""] * len(checks)
    for src, tid, lines, on in zip(checks["source"], checks["table_id"], checks["part_lines"],
                                   part_pages, strict=True):  # fmt: skip
        parts.append(
            " + ".join(
                names.get((src, tid, p, n), f"? ({place(p, n)})") for p, n in part_places(lines, on)
            )
        )
    return checks.assign(parts=parts)


# units whose figures add up (a share, a rate or an average does not)
ADDITIVE_UNITS = ("", "antal", "st", "personer", "dygn", *MONEY_UNITS)


def _kinds_of_the_tree(o: pd.DataFrame) -> pd.Series:
    """Each value's kind as the check groups it: the kind of the total the table's tree
    sums it into. A row's own name may give it a kind (``5460 Förbrukning material``:
    förbrukning, ``4901 Förändring beer``: förändring) that its column does not; the
    tree proved it a part of its group's sum (``Summa övriga externa kostnader``), and
    the check sums the same rows, not the rows of one kind only."""
    kind = o["value_kind"].astype("object").copy()
    where = o["source"] + "\x1f" + o["table_id"] + "\x1f" + o["column_label"].fillna("")
    summing = o["total_of"].map(_sums)
    with_totals = set(where[summing])
    for _, column in o[where.isin(with_totals)].groupby(where, sort=False):
        g = column[summing[column.index]]
        at: dict[int, list] = {}
        for order, j in zip(column["row_order"], column.index, strict=True):
            at.setdefault(int(order), []).append(j)
        # the outermost total first (printed last): its parts take its kind, then theirs
        for i in sorted(g.index, key=lambda i: -o.at[i, "row_order"]):
            for part in re.findall(r"\d+", str(o.at[i, "total_of"])):
                for j in at.get(int(part), ()):
                    kind.at[j] = kind.at[i]
    return kind


def check_tables(observations: pd.DataFrame, covered: set[tuple[str, str]]) -> pd.DataFrame:
    """The totals of every other table (frame ``tabell``): each table the frames do not
    hold (``covered``: their (source, table_id)) whose tree proves a total, per column,
    in its own unit — Göteborg's "Resultatuppföljning … helår" prints its Totalt of
    Prognos intäkter as −1 633,7 where its rows sum to 1 633,7. Only figures that add up
    (counts, money, a unit not printed); not shares, rates or averages; not a table
    printed on one line (its columns were placed by its sums)."""
    if observations is None or observations.empty or "total_of" not in observations:
        return pd.DataFrame(columns=COLUMNS)
    o = observations[(observations["table"] != "text") & observations["value"].notna()]
    o = o[o["unit"].fillna("").isin(ADDITIVE_UNITS)]
    keys = list(zip(o["source"], o["table_id"], strict=True))
    # a boolean Series, never a bare list: an empty list would select no columns
    o = o[pd.Series([k not in covered for k in keys], index=o.index, dtype=bool)]
    proven = o["total_of"].map(_sums)
    tables = set(zip(o.loc[proven, "source"], o.loc[proven, "table_id"], strict=True))
    # a table printed on one line (its rows share a line): the reader placed its values in
    # columns by the very sums a check would test, so its sums prove nothing either way
    shape = o.groupby(["source", "table_id"]).agg(rows=("row_label", "nunique"),
                                                  lines=("line", "nunique"))  # fmt: skip
    tables -= set(shape.index[shape["lines"] < shape["rows"]])
    o = o[[k in tables for k in zip(o["source"], o["table_id"], strict=True)]]
    if o.empty:
        return pd.DataFrame(columns=COLUMNS)
    o = o.assign(
        value=o["value"].astype("float64"),
        year_group=o["year"].astype("object").map(lambda y: "" if pd.isna(y) else int(y)),
        value_kind=_kinds_of_the_tree(o),
    )
    group = ["column_label", "value_kind", "year_group", "period", "entity", "sex", "unit"]
    return check_totals(o, "tabell", "value", [g for g in group if g in o], high="value_high")
