"""Whose report it is and which period it covers, as the notebook resolved it.

A notebook knows its scope once its key-figure box is drawn: the municipality and the
latest period the box shows (``jan–aug 2023``, ``2022``, a plan's ``2024–2027``). It says so
with :func:`declare_scope`, an output the page does not show (an empty HTML part) carrying
the scope as data (``SCOPE_MIME``); the report runner reads it from the executed notebook
(:func:`declared`) and puts it in the title — the page's header, its PDF's footer and its
line in the index (:func:`scoped_title`). Nothing is guessed: a notebook that declared no
period, and a run that named none, gets a title saying the period is unknown.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Iterable

SCOPE_MIME = "application/vnd.sonanalys.scope+json"
UNKNOWN_PERIOD = "period okänd"
UNKNOWN_MUNICIPALITY = "kommun okänd"

_MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# a column of a key figure as the reports write it: ``2022`` or ``jan–aug 2023``
_PERIOD_COLUMN = re.compile(r"^(?:([a-zåäö]{3})[–-]([a-zåäö]{3}) )?(\d{4})$")


def years_text(years: Iterable) -> str:
    """``2024–2027`` for the years of a plan, ``2022`` for one; '' for none."""
    found = sorted({int(y) for y in years if _is_year(y)})
    if not found:
        return ""
    return str(found[0]) if found[0] == found[-1] else f"{found[0]}–{found[-1]}"


def _is_year(y) -> bool:
    try:
        v = float(y)
    except (TypeError, ValueError):
        return False
    return v == v and v == int(v) and 1900 <= v <= 2200


def latest_of_claims(claims) -> str:
    """The latest period a key-figure box shows: of its rows (claims with a ``label``),
    the latest column that is a period (``jan–aug 2023`` after ``2022``; a budget's or a
    forecast's column is not a period the report covers). '' when none is."""
    best: tuple[int, int, str] | None = None
    for c in claims:
        if not getattr(c, "label", ""):
            continue
        for col in getattr(c, "columns", []):
            m = _PERIOD_COLUMN.match(str(col).strip())
            if not m:
                continue
            end = _MONTHS.index(m.group(2)) + 1 if m.group(2) in _MONTHS else 12
            key = (int(m.group(3)), end, str(col).strip().replace("-", "–"))
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else ""


def period_label(when) -> str:
    """The period as the reports write it, from what a notebook has at hand: a text
    (``jan–aug 2023``, kept), a year, years (a plan's span), the claims of a key-figure
    box (their latest period); '' when there is none."""
    if when is None:
        return ""
    if isinstance(when, str):
        return when.strip()
    if _is_year(when) and not isinstance(when, bool):
        return str(int(float(when)))
    items = list(when)
    if items and all(hasattr(c, "columns") and hasattr(c, "label") for c in items):
        return latest_of_claims(items)
    return years_text(items)


def declare_scope(municipality: str | None, when=None) -> None:
    """Say whose report this is and which period it covers (see :func:`period_label` for
    ``when``): the report's title names them. Shows nothing on the page."""
    from IPython.display import display

    data = {"municipality": str(municipality or "").strip(), "period": period_label(when)}
    display({SCOPE_MIME: data, "text/html": ""}, raw=True)


def declared(nb) -> dict | None:
    """The scope an executed notebook declared last, or None."""
    found = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get(SCOPE_MIME) if hasattr(out, "get") else None
            if isinstance(data, dict):
                found = {
                    "municipality": str(data.get("municipality") or ""),
                    "period": str(data.get("period") or ""),
                }
    return found


def parameters(nb) -> dict:
    """The notebook's parameters: its ``parameters`` cell, then what papermill injected
    (literal values only)."""
    values: dict = {}
    for tag in ("parameters", "injected-parameters"):
        for c in nb.cells:
            if c.cell_type != "code" or tag not in c.get("metadata", {}).get("tags", []):
                continue
            try:
                body = ast.parse(c.source).body
            except SyntaxError:
                continue
            for node in body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                    if isinstance(target, ast.Name):
                        with contextlib.suppress(ValueError):
                            values[target.id] = ast.literal_eval(node.value)
    return values


def run_period(values: dict) -> str:
    """The period a run named (its ``year`` and ``period`` parameters), as reports write
    it; '' when it named none."""
    from ..analysis.claims import period_text

    year, period = values.get("year"), values.get("period")
    if not isinstance(year, int) or isinstance(year, bool):
        year = None
    if not (isinstance(period, str) and re.fullmatch(r"[a-zåäö]{3}(-[a-zåäö]{3})?|helår", period)):
        period = None
    return period_text(period, year) if period else (str(year) if year else "")


def scope_of(nb) -> tuple[str, str]:
    """``(municipality, period)`` of an executed notebook: what it declared; where it
    declared no period (its box is empty, or it stopped before), the period the run named;
    where it declared nothing, its municipality parameter. '' for what is not known."""
    values = parameters(nb)
    given = declared(nb) or {}
    muni = given.get("municipality") or values.get("municipality") or ""
    period = given.get("period") or run_period(values)
    return (str(muni) if isinstance(muni, str) else ""), period


def scoped_title(title: str, nb_path) -> str:
    """A report's title with whose and which period it is (``Placeringar: Örebro, jan–aug
    2023``), from the executed notebook (:func:`scope_of`); what is not known is said
    (``… : Örebro, period okänd``), never made up."""
    import nbformat

    nb = nbformat.read(str(nb_path), as_version=4)
    muni, period = scope_of(nb)
    if not muni and not period:
        return f"{title}: kommun och period okända"
    return f"{title}: {muni or UNKNOWN_MUNICIPALITY}, {period or UNKNOWN_PERIOD}"
