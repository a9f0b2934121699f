"""Hypothesis strategies that write tables in the three text layouts the parser reads —
markdown pipe tables, tab-separated tables (with ``<b>`` tags), and pdftotext's loose
åtgärdsplan tables — from random Swedish numbers, labels, units and years, together with
exactly the observations the parser must return for them.

Used by ``tests/test_fuzz.py`` (a fixed seed and a small budget) and by
``scripts/fuzz.py`` (a larger budget).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from hypothesis import strategies as st

# row labels as documents print them; none is a total, a sub-row or a section word
WORDS = [
    "Familjehem", "HVB", "Jourhem", "Öppenvård", "Myndighet", "Stödboende", "Utredning",
    "Ekonomiskt", "bistånd", "barn", "unga", "vuxna", "missbruk", "konsulentstött", "egen",
    "regi", "insatser", "boende", "Skyddat", "Kontaktfamilj", "Placeringar", "Hemtjänst",
    "Socialpsykiatri", "Familjerätt", "Behandling", "Våld", "i", "nära", "relation",
]  # fmt: skip
UNITS = {"mnkr": "mnkr", "tkr": "tkr", "antal": "antal", "kr/dygn": "kr/dygn", "%": "procent"}
# what a label may end with: an age range, a law, an ordinal — part of the label, not a value
LABEL_TAILS = ["", "", "", " 0-12 år", " 13-17 år", " 18-20 år", " (LVU)", " 2:a kvartalet"]
FOOTNOTES = ["", "", "", "", "¹", "²", "*"]
KINDS = ["", "Budget", "Utfall", "Prognos"]
SPACES = [" ", "\u00a0", "\u202f"]
MINUS = ["-", "\u2212", "\u2013"]


@dataclass(frozen=True)
class Expected:
    row_label: str
    column_label: str
    year: int
    value: float
    unit: str
    value_high: float | None = None  # a range "0,5-1"
    qualifier: str = ""  # "ca"


@dataclass(frozen=True)
class Case:
    layout: str
    text: str
    expected: frozenset[Expected]
    missing: int = 0  # cells that say the figure is missing: one report row each


def _missing(values) -> int:
    return sum(v is None and t.strip() != "" for row in values for v, t in row)


def sv_number(value: float, decimals: int, space: str, minus: str) -> str:
    """``-1 801,5`` with the given group space and minus sign."""
    digits = f"{abs(value):.{decimals}f}"
    whole, _, frac = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = space.join(groups) + ("," + frac if frac else "")
    return (minus if value < 0 else "") + text


@st.composite
def numbers(draw, allow_negative: bool = True) -> tuple[float, str]:
    decimals = draw(st.sampled_from([0, 0, 1, 2]))
    whole = draw(st.integers(0, 9_999_999))
    frac = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    value = whole + frac / 10**decimals if decimals else float(whole)
    if allow_negative and draw(st.booleans()) and value != 0:
        value = -value
    text = sv_number(value, decimals, draw(st.sampled_from(SPACES)), draw(st.sampled_from(MINUS)))
    return round(value, decimals), text


@st.composite
def labels(draw, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        label = " ".join(words) + draw(st.sampled_from(LABEL_TAILS))
        label = label[0].upper() + label[1:]
        if label not in out and label.split()[0] not in ("I",):
            out.append(label)
    return out


@st.composite
def grid(draw):
    """Labels, column headers (a year each), a unit and the cells: a value, or a cell
    that says the figure is missing (``-``, ``..``, ``i u``) or is empty; perhaps a
    ``Summa`` row last; the unit in the stub header or printed in every value cell."""
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 5))
    first = draw(st.integers(2015, 2026))
    kind = draw(st.sampled_from(KINDS))
    years = [first + j for j in range(n_cols)]
    headers = [f"{kind} {y}".strip() for y in years]
    unit = draw(st.sampled_from(sorted(UNITS)))
    unit_in_cells = unit != "antal" and draw(st.booleans())
    rows = draw(labels(n_rows))
    if draw(st.booleans()):
        rows.append("Summa")
    values = []
    for _ in rows:
        row = []
        for _ in years:
            gap = draw(st.sampled_from([None] * 8 + ["-", "..", "i u", ""]))
            if gap is not None:
                row.append((None, gap))
                continue
            if unit == "%":
                pct = draw(st.integers(0, 100))
                v, t = float(pct), str(pct)
            else:
                v, t = draw(numbers(allow_negative=unit in ("mnkr", "tkr")))
            shape = draw(st.sampled_from(["plain"] * 8 + ["ca", "range"]))
            if shape == "ca" and unit in ("mnkr", "tkr"):
                v, t = (v, "ca", None), f"Ca {t}"
            elif shape == "range" and unit in ("mnkr", "tkr"):
                lo, lo_t = draw(numbers(allow_negative=False))
                hi, hi_t = draw(numbers(allow_negative=False).filter(lambda n, lo=lo: n[0] > lo))
                v, t = (lo, "", hi), f"{lo_t}-{hi_t}"
            elif not unit_in_cells:
                t += draw(st.sampled_from(FOOTNOTES))
            row.append((v, f"{t} {unit}" if unit_in_cells else t))
        values.append(row)
    if all(v is None for row in values for v, _t in row):
        values[0][0] = (1.0, f"1 {unit}" if unit_in_cells else "1")
    stub = "Verksamhet" if unit_in_cells else f"Verksamhet, {unit}"
    if unit == "%" and not unit_in_cells:
        stub = "Andel, %"
    return rows, headers, years, unit, values, stub


def _expected(rows, headers, years, unit, values) -> frozenset[Expected]:
    out = set()
    for r, vals in zip(rows, values, strict=True):
        for h, y, (v, _t) in zip(headers, years, vals, strict=True):
            if isinstance(v, tuple):  # (low, qualifier, high)
                out.add(Expected(r, h, y, v[0], UNITS[unit], v[2], v[1]))
            elif v is not None:
                out.add(Expected(r, h, y, v, UNITS[unit]))
    return frozenset(out)


TITLE = "Delårsrapport augusti 2023 Örebro kommun\n\n"


@st.composite
def pipe_tables(draw) -> Case:
    rows, headers, years, unit, values, stub = draw(grid())
    lines = [
        "| " + " | ".join([stub, *headers]) + " |",
        "|" + "|".join(["---"] * (len(headers) + 1)) + "|",
    ]
    for r, vals in zip(rows, values, strict=True):
        lines.append("| " + " | ".join([r, *(t for _v, t in vals)]) + " |")
    text = TITLE + "### Ekonomi\n\n" + "\n".join(lines) + "\n"
    return Case("pipe", text, _expected(rows, headers, years, unit, values), _missing(values))


@st.composite
def tab_tables(draw) -> Case:
    rows, headers, years, unit, values, stub = draw(grid())
    bold = draw(st.booleans())
    b = (lambda s: f"<b>{s}</b>") if bold else (lambda s: s)
    lines = ["\t".join([b(stub), *map(b, headers)])]
    for r, vals in zip(rows, values, strict=True):
        lines.append("\t".join([r, *(t for _v, t in vals)]))
    text = TITLE + "Ekonomi\n\n" + "\n".join(lines) + "\n"
    return Case("tab", text, _expected(rows, headers, years, unit, values), _missing(values))


@st.composite
def loose_tables(draw) -> Case:
    """pdftotext's åtgärdsplan layout: a header line, then records of a label (perhaps
    wrapped over lines), an amount in mnkr and the year it takes effect."""
    n = draw(st.integers(1, 6))
    rows = draw(labels(n))
    out = ["Förslag Kostnadsreducering Tidsaspekt", ""]
    expected = set()
    for r in rows:
        value, text = draw(numbers(allow_negative=False))
        high, qualifier = None, ""
        shape = draw(st.sampled_from(["plain"] * 4 + ["ca", "range"]))
        if shape == "ca":
            text, qualifier = f"Ca {text}", "ca"
        elif shape == "range":
            high, high_text = draw(
                numbers(allow_negative=False).filter(lambda n, v=value: n[0] > v)
            )
            text = f"{text}-{high_text}"
        year = draw(st.integers(2019, 2026))
        words = r.split()
        cut = draw(st.integers(1, len(words)))
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if rest:
            out += [first, rest, "", f"{text} mnkr {year}", ""]
        else:
            out += [f"{first} {text} mnkr {year}", ""]
        expected.add(Expected(r, "Kostnadsreducering", year, value, "mnkr", high, qualifier))
    text = "Åtgärdsplan 2020 Linköpings kommun\n\n" + "\n".join(out) + "\n"
    return Case("loose", text, frozenset(expected))


def any_layout():
    return st.one_of(pipe_tables(), tab_tables(), loose_tables())


def reported_missing(report) -> int:
    return int((report["reason"] == "uppgift saknas enligt cellen").sum())


def observed(obs) -> frozenset[Expected]:
    t = obs[obs["table"] != "text"]
    return frozenset(
        Expected(
            r.row_label,
            r.column_label,
            -1 if pd.isna(r.year) else int(r.year),
            r.value,
            r.unit,
            None if pd.isna(r.value_high) else r.value_high,
            r.qualifier,
        )
        for r in t.itertuples()
    )
