"""Sum checks: a document's own totals (``Summa``, ``Totalt``, ``Nettokostnad``) against
the rows they sum. A mismatch beyond rounding is flagged (status ``avvikelse``), never
corrected: the document is what it is, and the economist decides.

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

from .common import is_total

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
]
STATUSES = ("ok", "avvikelse")


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
    """Rounding: half a unit of the last printed decimal per figure involved."""
    decimals = max(_decimals(g.texts[i]) for i in [*parts, t])
    return 0.5 * 10.0**-decimals * (len(parts) + 1) * abs(g.factors[t])


def _compare(g: _Group, parts: list[int], t: int) -> tuple[float, float, float, float]:
    """(computed, computed_high, tolerance, difference): the difference is 0 when the
    reported total lies within the parts' sum (low to high, for ranges) ± tolerance."""
    computed = float(np.sum(np.array([g.values[i] for i in parts], dtype=float)))
    computed_high = float(np.sum(np.array([g.highs[i] for i in parts], dtype=float)))
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


def _sort_key(key: tuple) -> tuple:
    """Group keys in pandas' order (``groupby(sort=True, dropna=False)``): missing last."""
    return tuple((1, "") if _missing(k) else (0, k) for k in key)


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
    d = df.sort_values("line", kind="stable")
    col = {c: d[c].tolist() for c in {*keys, label, "unit", value, "cell_text", "line", "table"}}
    vals_all = d[value].astype(float).tolist()
    highs_all = d[high].astype(float).fillna(d[value]).tolist() if high else vals_all
    factors_all = d["_factor"].astype(float).tolist() if "_factor" in d.columns else None
    members: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(col[k] for k in keys), strict=True)):
        if not _missing(col[value][i]):
            members.setdefault(tuple(None if _missing(k) else k for k in key), []).append(i)
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
        totals = [i for i, lab in enumerate(labels) if is_total(lab)]
        for n, t in enumerate(totals):
            candidates = _candidates(labels, units, totals, n)
            if not candidates:
                continue
            fitting = [c for c in candidates if _compare(rows, c, t)[3] == 0.0]
            parts = fitting[0] if fitting else candidates[0]
            computed, computed_high, tol, diff = _compare(rows, parts, t)
            r = idx[t]
            out.append(
                {
                    "frame": frame,
                    "source": key[0],
                    "table_id": key[1],
                    "table": col["table"][r],
                    "group": " | ".join(str(k) for k in key[2:] if k is not None and k != ""),
                    "total_label": col[label][r],
                    "line": int(col["line"][r]),
                    "n_parts": len(parts),
                    "part_lines": ", ".join(str(int(col["line"][idx[x]])) for x in parts),
                    "reported": float(vals_all[r]),
                    "computed": round(computed, 9),
                    "computed_high": round(computed_high, 9),
                    "difference": round(diff, 9),
                    "tolerance": round(tol, 9),
                    "unit": col["unit"][r],
                    "status": "ok" if diff == 0.0 else "avvikelse",
                    "note": "",
                }
            )
    res = pd.DataFrame(out, columns=COLUMNS)
    res["line"] = res["line"].astype("int64")
    res["n_parts"] = res["n_parts"].astype("int64")
    for c in ("reported", "computed", "computed_high", "difference", "tolerance"):
        res[c] = res[c].astype("float64")
    return res
