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
import unicodedata
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


def declare_scope(
    municipality: str | None, when=None, asked: str = "", own_period: bool = False
) -> str:
    """Say whose report this is and which period it covers (see :func:`period_label` for
    ``when``): the report's title and file names name them. ``asked``: the period the run
    asked this report for (``jan–aug 2023``; '' when none, or when the report's period is
    of its own kind: Kolada's years, a plan's); when the report does not cover it
    (:func:`covers`), the declaration says so and the report runner exits non-zero.
    ``own_period``: the report's period is of its own kind, so a period it could not
    resolve is never the run's. Shows nothing on the page; returns the period, as the
    reports write it."""
    from IPython.display import display

    shown = period_label(when)
    data: dict = {"municipality": str(municipality or "").strip(), "period": shown}
    if asked:
        data.update(asked=asked, covers=covers(asked, shown))
    if own_period:
        data["own_period"] = True
    display({SCOPE_MIME: data, "text/html": ""}, raw=True)
    return shown


def _parts(text: str) -> tuple[str, int | None] | None:
    """``("jan–aug", 2023)`` of ``jan–aug 2023``; a whole year (``2022``, ``helåret
    2022``, ``jan–dec 2022``) is ``("jan–dec", 2022)``; months alone have no year. None
    when the text is no such period."""
    t = text.strip().replace("-", "–")
    m = re.fullmatch(r"(?:helåret )?(\d{4})", t)
    if m:
        return "jan–dec", int(m.group(1))
    m = re.fullmatch(r"([a-zåäö]{3}(?:–[a-zåäö]{3})?)(?: (\d{4}))?", t)
    if m:
        return m.group(1), int(m.group(2)) if m.group(2) else None
    return None


def covers(asked: str, shown: str) -> bool:
    """Whether a report showing the period ``shown`` covers the period ``asked`` (both as
    reports write them): the same months of the same year (``jan–aug 2023``; a whole year
    is ``2022``, ``helåret 2022`` or ``jan–dec 2022``); a year alone asked (``2023``, a run
    naming no period) is covered by any period of that year; months asked without a year,
    by those months of any year. Nothing asked is always covered; nothing shown never
    covers a period asked."""
    asked, shown = asked.strip(), shown.strip()
    if not asked:
        return True
    s = _parts(shown)
    if re.fullmatch(r"\d{4}", asked):
        return s is not None and s[1] == int(asked)
    a = _parts(asked)
    if a is None or s is None:
        return asked == shown
    return a[0] == s[0] and (a[1] is None or a[1] == s[1])


def declared(nb) -> dict | None:
    """The scope an executed notebook declared last, or None: its ``municipality`` and
    ``period``, and where the run asked for a period, ``asked`` and ``covers``."""
    found: dict | None = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get(SCOPE_MIME) if hasattr(out, "get") else None
            if isinstance(data, dict):
                found = {
                    "municipality": str(data.get("municipality") or ""),
                    "period": str(data.get("period") or ""),
                }
                if data.get("asked"):
                    found["asked"] = str(data["asked"])
                    found["covers"] = bool(data.get("covers"))
                if data.get("own_period"):
                    found["own_period"] = True
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
    declared no period (its box is empty, or it stopped before), the period the run named
    — unless its period is of its own kind (03's Kolada years, 04's plan years: never the
    run's); where it declared nothing, its municipality parameter. '' for what is not
    known."""
    found = report_scope(nb)
    return found["municipality"], found["period"]


def report_scope(nb) -> dict:
    """An executed notebook's scope (:func:`scope_of`) as a dict: ``municipality`` and
    ``period``; where the run asked for a period it does not cover, ``asked`` (that
    period) and ``covers`` (False)."""
    values = parameters(nb)
    given = declared(nb) or {}
    muni = given.get("municipality") or values.get("municipality") or ""
    found = {
        "municipality": str(muni) if isinstance(muni, str) else "",
        "period": given.get("period") or ("" if given.get("own_period") else run_period(values)),
    }
    if given.get("asked") and not given.get("covers"):
        # the period it shows ('' when none: the title keeps the period asked, whose
        # report it is; the run's messages say it shows none)
        found.update(asked=given["asked"], covers=False, shown=given.get("period") or "")
    return found


def shown_period(scope: dict) -> str:
    """The period a report shows, as the run's messages say it: ``ingen period`` for a
    report whose data hold none (its title names the period asked)."""
    return str(scope.get("shown", scope.get("period")) or "ingen period")


def title_for(title: str, municipality: str, period: str) -> str:
    """``Placeringar: Örebro, jan–aug 2023``; what is not known is said, never made up."""
    if not municipality and not period:
        return f"{title}: kommun och period okända"
    return f"{title}: {municipality or UNKNOWN_MUNICIPALITY}, {period or UNKNOWN_PERIOD}"


def scoped_title(title: str, nb_path) -> str:
    """A report's title with whose and which period it is (``Placeringar: Örebro, jan–aug
    2023``), from the executed notebook (:func:`scope_of`); what is not known is said
    (``… : Örebro, period okänd``), never made up."""
    import nbformat

    nb = nbformat.read(str(nb_path), as_version=4)
    return title_for(title, *scope_of(nb))


def slug(text: str) -> str:
    """A file-name part: lower case ASCII letters, digits and ``-`` (``Örebro`` →
    ``orebro``, ``jan–aug`` → ``jan-aug``): safe on Windows (no reserved character, no
    trailing dot or blank) and the same on every system."""
    words = re.sub(r"[\W_]+", " ", str(text))  # a dash of any kind, a slash: a break
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_label(municipality: str, period: str) -> str:
    """The part of a report's file names that says whose and which period's it is, from
    its scope: ``orebro_2023_jan-aug`` (``jan–aug 2023``), ``orebro_2022``,
    ``linkoping_2024-2027`` (a plan's years); what is not known is said
    (``kommun-okand``, ``period-okand``), so a name always carries both."""
    muni = slug(municipality) or "kommun-okand"
    p = str(period or "").strip()
    m = re.fullmatch(r"(.*?)\s*(\d{4}(?:\s*[–-]\s*\d{4})?)", p)
    when = f"{slug(m.group(2))}_{slug(m.group(1))}" if m and m.group(1) else slug(p)
    return f"{muni}_{when or 'period-okand'}"
