"""The report folder's manifest (``.sonanalys-reports.json``: every report in the folder,
with the run that made it) and its ``index.html``."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..ours import HTML_GENERATOR
from .page import CSS
from .registry import NOTEBOOKS, PARAM_LABELS, param_value
from .sanitise import sanitise
from .scope import shown_period

# a report with no table and no chart, in the index and the run's lines
EMPTY_REASON = "underlaget har inga uppgifter för rapporten"
EMPTY = f"tom: {EMPTY_REASON}"

MANIFEST = ".sonanalys-reports.json"


def index_page(entries: list[dict], left_out=()) -> str:
    """``index.html`` for every report in the folder (the manifest's entries, in the
    notebooks' order), each with its PDF and workbook, the run that made it, its
    parameters and any error; the documents they cite, and those of the run's folder
    that no report covers, each with why (``coverage.left_out``)."""

    def item(e: dict) -> str:
        links = [
            f'<a href="{html.escape(f)}">{label}</a>'
            for f, label in ((e.get("pdf"), "PDF"), (e.get("xlsx"), "underlag i Excel"))
            if f
        ]
        # what a reader of the index needs beside the title (whose report, which
        # period): when it ran and for whom (the profile); the run's other parameters
        # (municipality, year, period as asked, 03's group and key-figure codes) are in
        # each report's own header, not here
        profile = (e.get("params") or {}).get("profile")
        about = f"körd {e.get('run_date', '')}" + (
            f"; {PARAM_LABELS['profile']} {param_value(profile)}" if profile else ""
        )
        scope = e.get("scope") or {}
        # a report made but not as asked is marked as a failed one is (the run exits
        # non-zero for it), never passed as in order in the meta line: its page says why
        if not e.get("ok"):
            flag = f"fel: {e['error']}"
        elif scope.get("covers") is False:  # the page says which period and why
            flag = f"visar {shown_period(scope)}, inte den begärda {scope.get('asked', '')}"
        elif e.get("empty"):  # the page says what is missing
            flag = EMPTY
        else:
            flag = ""
        return (
            f'<li><a href="{html.escape(e["html"])}">{html.escape(e["title"])}</a>'
            + (f" ({', '.join(links)})" if links else "")
            + f' <span class="sn-meta">— {html.escape(about)}</span>'
            + (f' <span class="sn-error">{html.escape(flag)}</span>' if flag else "")
            + "</li>"
        )

    order = {n: i for i, n in enumerate(NOTEBOOKS)}
    entries = sorted(
        entries, key=lambda e: (order.get(e["name"], len(order)), e.get("stem") or e["name"])
    )
    cited = list(dict.fromkeys(s for e in entries for s in e.get("sources", [])))
    dates = sorted({e.get("run_date", "") for e in entries})
    head = (
        '<div class="sn-header"><h1>Socialförvaltningens ekonomirapporter</h1>'
        f'<div class="sn-meta"><p>Rapporter körda {html.escape(", ".join(dates) or "–")}</p>'
        f"<p>Datakällor: {'; '.join(html.escape(c) for c in cited) or '–'}</p></div></div>"
    )
    items = "".join(item(e) for e in entries)
    left = "".join(
        f"<li>{html.escape(d.source)}"
        + (f" ({html.escape(d.title)})" if d.title else "")
        + f": {html.escape('; '.join(d.reasons))}</li>"
        for d in left_out
    )
    if left:
        left = (
            '<div class="sn-header sn-left-out"><h2>Dokument som inte redovisas</h2>'
            "<p>Dokumenten i underlaget som ingen rapport ovan bygger på, och varför:</p>"
            f"<ul>{left}</ul></div>"
        )
    page = (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">{HTML_GENERATOR}'
        f"<title>Rapporter</title>{CSS}</head><body>{head}"
        f'<div class="sn-header"><h2>Rapporter</h2><ul>{items}</ul></div>{left}</body></html>'
    )
    return sanitise(page, frozenset())[0]  # no script of any kind on the index


def read_manifest(out: Path) -> dict[str, dict]:
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        return {e.get("stem") or e["name"]: e for e in json.loads(path.read_text("utf-8"))}
    except (ValueError, KeyError, TypeError):
        return {}
