"""``sonanalys report``: parse if needed, execute the notebooks with papermill, export each
to self-contained HTML without code (with its tables as a workbook, and a PDF if asked),
and write an index.

A report folder is a set of reports, not one run: the notebooks run into a temporary
folder, and only then are their files put in place, report by report, each file
atomically; the reports a run did not make stay as they were, and the index lists every
report in the folder. One run at a time writes to a folder (``folder_lock``).

nbconvert's defaults are not what ledning needs, so: inputs and prompts are excluded
(``exclude_input``; papermill's report mode alone does not hide code), the injected- and
default-parameter cells are dropped (the parameters are shown in the header instead),
every CDN URL (require.js, MathJax, jQuery, widgets, mermaid) is blanked so a report opens
offline, and a table of contents is built from the headings. Papermill gets a cell
timeout and the ``python3`` kernel, i.e. the interpreter running the command: one warm
kernel per worker, reset before each notebook to the state of a new one (``kernels.Kernels``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..io import atomic_write, share_mode
from ..pipeline import ensure_processed
from .kernels import Kernels, execute, process_alive

NOTEBOOKS: dict[str, str] = {
    "01_placeringar": "Placeringar",
    "02_varddygn": "Vårddygn och kostnad per dygn",
    "03_r9": "R9-jämförelse",
    "04_atgarder": "Åtgärdsplan – uppföljning",
    "05_delarsrapport": "Delårsrapport – bilaga",
}
PROFILES = {
    "ledning": "personantal under {n} och tal beräknade ur dem visas som ..",
    "intern": "exakta tal, även små personantal; inte för spridning",
}
CDN_TRAITS = (
    "mathjax_url",
    "require_js_url",
    "jquery_url",
    "jupyter_widgets_base_url",
    "widget_renderer_url",
    "mermaid_js_url",
    "mermaid_layout_elk_js_url",
)
_CSS = """
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;}
.sn-header{max-width:1100px;margin:1.5em auto 0;padding:0 1em;}
.sn-header h1{margin-bottom:.2em}
.sn-meta{color:#444;font-size:.95em}
.sn-meta table{border-collapse:collapse;margin:.5em 0}
.sn-meta td,.sn-meta th{padding:.15em .8em .15em 0;text-align:left}
.sn-meta td.sn-param{color:#999;font-size:.8em;font-family:monospace}
.jp-RenderedHTMLCommon table.sv-table tbody th,table.sv-table tbody th{text-align:left}
nav.toc{background:#f6f6f6;border:1px solid #ddd;padding:.6em 1.2em;margin:1em 0}
nav.toc ul{margin:.2em 0;padding-left:1.2em}
table.sv-table{border-collapse:collapse;margin:.8em 0;font-variant-numeric:tabular-nums}
table.sv-table th,table.sv-table td{border-bottom:1px solid #ddd;padding:.25em .6em}
table.sv-table caption{caption-side:top;text-align:left;font-weight:bold;padding:.3em 0}
p.source-note{font-size:.85em;color:#555;margin-top:0}
.sn-error{background:#fee;border:1px solid #c00;padding:.5em 1em}
@media print{
  nav.toc{display:none}
  tr,img,.jp-OutputArea-output{break-inside:avoid}
  thead{display:table-header-group}
  h1,h2,h3{break-after:avoid}
  body{font-size:10pt}
}
</style>
"""


@dataclass
class NotebookResult:
    name: str
    title: str
    ok: bool
    error: str = ""
    html: str = ""
    executed: str = ""
    xlsx: str = ""
    pdf: str = ""
    sources: list[str] = field(default_factory=list)  # the documents it cites
    key: str = ""  # digest of everything the report was made from (``report_key``)
    reused: bool = False  # inputs unchanged: the previous run's files were kept


@dataclass
class RunSummary:
    out: Path
    results: list[NotebookResult] = field(default_factory=list)
    pdf_error: str = ""  # why PDFs asked for were not written (no browser)

    @property
    def failed(self) -> list[NotebookResult]:
        return [r for r in self.results if not r.ok]

    @property
    def reused(self) -> list[NotebookResult]:
        return [r for r in self.results if r.reused]


def parameters_for(
    municipality: str | None,
    year: int | None,
    period: str | None,
    processed: Path,
    mask_threshold: int,
    profile: str,
    extra: dict | None = None,
) -> dict:
    """The parameters every notebook gets, and ``extra`` ones for the notebooks that
    have them (``comparison_group``, ``kpis``, ``kolada_cache`` for 03)."""
    params: dict = {
        "processed_dir": str(processed),
        "mask_threshold": mask_threshold,
        "profile": profile,
    }
    if municipality:
        params["municipality"] = municipality
    if year:
        params["year"] = year
    if period:
        params["period"] = period
    params.update({k: v for k, v in (extra or {}).items() if v is not None})
    return params


def _digest_files(h, folder: Path, pattern: str = "*") -> None:
    if not folder.is_dir():
        return
    for f in sorted(folder.rglob(pattern)):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())


def report_key(name: str, src_dir: Path, shared: str) -> str:
    """SHA-256 of everything a report is made from: the notebook's source and what every
    report of the run shares (``shared_inputs``). Equal keys, equal reports: the previous
    files are kept."""
    h = hashlib.sha256((Path(src_dir) / f"{name}.ipynb").read_bytes())
    h.update(shared.encode())
    return h.hexdigest()


def shared_inputs(params: dict, processed: Path, run_date: str | None) -> str:
    """Digest of what every report of a run is made from: its parameters, the processed
    frames (their digests as written), the library's source, the shipped Kolada reference
    data and the Kolada cache (03 reads it; a fetch re-runs every report, the safe side),
    the current year (03's default years end there) and a run date given explicitly.
    Computed once per run, not once per notebook."""
    from ..pipeline import MANIFEST as PROCESSED_MANIFEST
    from ..pipeline import library_digest

    h = hashlib.sha256()
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    try:
        written = json.loads((processed / PROCESSED_MANIFEST).read_text("utf-8"))["written"]
    except (OSError, ValueError, KeyError, TypeError):
        written = {"unknown": os.urandom(16).hex()}  # no digests: never reuse
    h.update(json.dumps(written, sort_keys=True).encode())
    h.update(library_digest().encode())
    _digest_files(h, paths.KOLADA_REF)
    cache = params.get("kolada_cache") or (paths.DATA / "external" / "kolada")
    _digest_files(h, Path(cache), "*.json")
    h.update(str(dt.date.today().year).encode())
    h.update((run_date or "").encode())
    return h.hexdigest()


def _reusable(entry: dict | None, key: str, out: Path, pdf: bool) -> bool:
    """The folder holds this report, made from the same inputs, whole and without error."""
    if not entry or entry.get("key") != key or not entry.get("ok"):
        return False
    if pdf and not entry.get("pdf"):
        return False
    files = [entry.get(k) for k in ("html", "xlsx", "pdf") if entry.get(k)]
    files.append(f"executed/{entry['name']}.ipynb")
    return bool(entry.get("html")) and all((out / f).exists() for f in files)


def _exporter():
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="lab")
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    for trait in CDN_TRAITS:
        if exp.has_trait(trait):
            setattr(exp, trait, "")
    return exp


def _toc(body: str) -> tuple[str, str]:
    """Give every h1–h3 an id (nbconvert's own where present) and list them."""
    items: list[tuple[int, str, str]] = []
    seen: set[str] = set()

    def repl(m: re.Match) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2), m.group(3)
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        idm = re.search(r'id="([^"]+)"', attrs)
        hid = idm.group(1) if idm else re.sub(r"[^\w-]+", "-", text).strip("-") or "rubrik"
        base, n = hid, 2
        while hid in seen and not idm:
            hid, n = f"{base}-{n}", n + 1
        seen.add(hid)
        items.append((level, hid, text))
        new_attrs = attrs if idm else f'{attrs} id="{hid}"'
        return f"<h{level}{new_attrs}>{inner}</h{level}>"

    body = re.sub(r"<h([1-3])([^>]*)>(.*?)</h\1>", repl, body, flags=re.S)
    lis = "".join(
        f'<li style="margin-left:{(lv - 1) * 1.2}em"><a href="#{html.escape(h)}">'
        f"{html.escape(t)}</a></li>"
        for lv, h, t in items
    )
    return body, f'<nav class="toc"><strong>Innehåll</strong><ul>{lis}</ul></nav>'


# the parameters in the header, in the reader's words (the name a scheduled run sets is
# shown beside, small); folders are not the reader's business
PARAM_LABELS = {
    "municipality": "kommun",
    "year": "år",
    "period": "period",
    "profile": "profil",
    "mask_threshold": "maskeringsgräns (personer)",
    "comparison_group": "jämförelsegrupp",
    "kpis": "nyckeltal",
    "years": "år i jämförelsen",
}
_HIDDEN_PARAMS = {"processed_dir", "kolada_cache"}


def _param_value(v) -> str:
    return ", ".join(str(x) for x in v) if isinstance(v, list | tuple) else str(v)


def _header(title: str, params: dict, run_date: str, sources: list[str], error: str) -> str:
    shown = {k: v for k, v in params.items() if k not in _HIDDEN_PARAMS}
    rows = "".join(
        f"<tr><th>{html.escape(PARAM_LABELS.get(k, k))}</th>"
        f"<td>{html.escape(_param_value(v))}</td>"
        f'<td class="sn-param">{html.escape(k)}</td></tr>'
        for k, v in shown.items()
    )
    err = (
        f'<div class="sn-error"><strong>Rapporten kunde inte köras klart:</strong> '
        f"{html.escape(error)}</div>"
        if error
        else ""
    )
    src = "; ".join(html.escape(s) for s in sources) or "–"
    profile = str(params.get("profile", ""))
    about = PROFILES.get(profile, "").format(n=params.get("mask_threshold", ""))
    return (
        f'<div class="sn-header"><h1>{html.escape(title)}</h1><div class="sn-meta">'
        f"<p>Körd {html.escape(run_date)} · profil: <strong>{html.escape(profile)}</strong>"
        + (f" ({html.escape(about)})" if about else "")
        + f"</p><table><tbody>{rows}</tbody></table><p>Datakällor: {src}</p></div>{err}"
    )


def cited_documents(body: str, processed_dir: str | None) -> list[str]:
    """The documents a report cites (their file names appear in its source notes), each
    as ``title (municipality, year; file)``, from the processed ``documents`` frame."""
    path = Path(processed_dir or paths.PROCESSED) / "documents.parquet"
    if not path.exists():
        return []
    import pandas as pd

    docs = pd.read_parquet(path)
    text = html.unescape(body)
    out = []
    for d in docs.itertuples():
        if d.source not in text:
            continue
        where = ", ".join(str(x) for x in (d.municipality, d.doc_year) if pd.notna(x) and x != "")
        label = d.title or d.source
        out.append(f"{label} ({where}; {d.source})" if where else f"{label} ({d.source})")
    return out


def export_html(
    nb_path: Path, title: str, params: dict, run_date: str, error: str = ""
) -> tuple[str, list[str]]:
    """The report page and the documents it cites."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    nb.cells = [
        c
        for c in nb.cells
        if not {"parameters", "injected-parameters"} & set(c.get("metadata", {}).get("tags", []))
    ]
    body, _ = _exporter().from_notebook_node(nb)
    sources = cited_documents(body, params.get("processed_dir"))
    inner = re.search(r"<body[^>]*>(.*)</body>", body, flags=re.S)
    content = inner.group(1) if inner else body
    content, toc = _toc(content)
    head = _header(title, params, run_date, sources, error)
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", body, flags=re.S)
    page = page.replace("</head>", _CSS + "</head>", 1)
    page = re.sub(
        r"(<body[^>]*>)(.*)(</body>)",
        lambda m: m.group(1) + head + toc + content + m.group(3),
        page,
        count=1,
        flags=re.S,
    )
    return page, sources


_TIMING = ("start_time", "end_time", "duration")


def normalise_executed(path: Path, final_path: Path) -> None:
    """Make the audit copy a function of its inputs: papermill's and the kernel's
    timestamps go (the run date is in the report's header) and the output path is
    the final one, not the temporary folder's — so two runs give identical files."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in _TIMING:
        pm_meta.pop(key, None)
    if pm_meta:
        pm_meta["output_path"] = str(final_path)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random one
        cell.metadata.pop("execution", None)
        for key in _TIMING:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, path)


def _papermill_without_chdir() -> None:
    """Papermill's local file handler is one object for the whole process and chdirs into
    a remembered folder around every read and write; with notebooks run in threads, one
    thread's restore can leave the process in another folder (seen in a test: the working
    directory ended up elsewhere). Our paths are absolute, so the handler need not chdir:
    its folder stays None, which papermill's chdir treats as a no-op."""
    from papermill.iorw import papermill_io

    handler = papermill_io.get_handler("local")
    handler._cwd = None
    handler.cwd = lambda new_path=None: None


def _execute(name, src_dir, tmp, params, timeout, kernels: Kernels) -> str:
    """Run one notebook in this worker's warm kernel; the error, or ``""``."""
    src = Path(src_dir) / f"{name}.ipynb"
    return execute(src, tmp / "executed" / f"{name}.ipynb", params, timeout, kernels)


def _export(name, title, tmp, params, run_date, out, error: str) -> NotebookResult:
    """An executed notebook's HTML page and workbook (while its kernel runs the next)."""
    executed = tmp / "executed" / f"{name}.ipynb"
    html_path = tmp / f"{name}.html"
    xlsx, sources = "", []
    if executed.exists():
        normalise_executed(executed, out / "executed" / executed.name)
        page, sources = export_html(executed, title, params, run_date, error)
        html_path.write_text(page, "utf-8")
        xlsx = write_tables(executed, tmp / f"{name}.xlsx", title, params, run_date)
    return NotebookResult(
        name, title, not error, error, html_path.name, executed.name, xlsx, sources=sources
    )


def report_tables(nb_path: Path) -> list[dict]:
    """The tables a report shows, as data (``present.show_table``'s bundle), in order."""
    import nbformat

    from .present import TABLE_MIME

    nb = nbformat.read(nb_path, as_version=4)
    return [
        out["data"][TABLE_MIME]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if TABLE_MIME in out.get("data", {})
    ]


def _sheet_name(caption: str, n: int, taken: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\'``, at most 31 characters), numbered
    like the table; a character Excel forbids becomes a space, and spaces run together
    are one (``Örebro: budget`` → ``Örebro budget``)."""
    base = " ".join(re.sub(r"[\[\]:*?/\\']", " ", caption).split()) or "Tabell"
    name = f"{n} {base}"[:31].strip()
    while name in taken:
        name = f"{n}-{len(taken)} {base}"[:31].strip()
    taken.add(name)
    return name


def write_tables(nb_path: Path, path: Path, title: str, params: dict, run_date: str) -> str:
    """The report's tables as a workbook beside its HTML (one sheet per table, with
    caption and source on the contents sheet); '' when the report shows no table."""
    import pandas as pd

    from ..export import write_workbook

    tables = report_tables(nb_path)
    if not tables:
        return ""
    sheets, about, taken = {}, {}, set()
    for i, t in enumerate(tables, start=1):
        name = _sheet_name(t.get("caption", ""), i, taken)
        sheets[name] = pd.DataFrame(t["rows"], columns=t["columns"])
        about[name] = " — ".join(
            x
            for x in (t.get("caption", ""), f"Källa: {t['source']}" if t.get("source") else "")
            if x
        )
    shown = ", ".join(f"{k} {v}" for k, v in params.items() if k != "processed_dir")
    write_workbook(
        path, sheets, about, title=f"{title}: underlag", source=f"körd {run_date}; {shown}"
    )
    return path.name


MANIFEST = ".sonanalys-reports.json"


def _index(entries: list[dict]) -> str:
    """``index.html`` for every report in the folder (the manifest's entries, in the
    notebooks' order), each with its PDF and workbook, the run that made it, its
    parameters and any error; the documents they cite."""

    def item(e: dict) -> str:
        links = [
            f'<a href="{html.escape(f)}">{label}</a>'
            for f, label in ((e.get("pdf"), "PDF"), (e.get("xlsx"), "underlag i Excel"))
            if f
        ]
        shown = ", ".join(
            f"{PARAM_LABELS.get(k, k)} {_param_value(v)}"
            for k, v in e.get("params", {}).items()
            if k not in _HIDDEN_PARAMS | {"mask_threshold"}
        )
        about = f"körd {e.get('run_date', '')}" + (f"; {shown}" if shown else "")
        return (
            f'<li><a href="{html.escape(e["html"])}">{html.escape(e["title"])}</a>'
            + (f" ({', '.join(links)})" if links else "")
            + f' <span class="sn-meta">— {html.escape(about)}</span>'
            + (
                ""
                if e.get("ok")
                else f' <span class="sn-error">fel: {html.escape(e["error"])}</span>'
            )
            + "</li>"
        )

    order = {n: i for i, n in enumerate(NOTEBOOKS)}
    entries = sorted(entries, key=lambda e: order.get(e["name"], len(order)))
    cited = list(dict.fromkeys(s for e in entries for s in e.get("sources", [])))
    dates = sorted({e.get("run_date", "") for e in entries})
    head = (
        '<div class="sn-header"><h1>Socialförvaltningens ekonomirapporter</h1>'
        f'<div class="sn-meta"><p>Rapporter körda {html.escape(", ".join(dates) or "–")}</p>'
        f"<p>Datakällor: {'; '.join(html.escape(c) for c in cited) or '–'}</p></div></div>"
    )
    items = "".join(item(e) for e in entries)
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>Rapporter</title>{_CSS}</head><body>{head}"
        f'<div class="sn-header"><h2>Rapporter</h2><ul>{items}</ul></div></body></html>'
    )


def _read_manifest(out: Path) -> dict[str, dict]:
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        return {e["name"]: e for e in json.loads(path.read_text("utf-8"))}
    except (ValueError, KeyError, TypeError):
        return {}


def install(results: list[NotebookResult], tmp: Path, out: Path, params: dict, run_date: str):
    """Put this run's reports into ``out``, report by report, each file atomically:
    the files of a report run now replace that report's files (a PDF or workbook it no
    longer has is removed); every other report, and any file that is not a report's,
    stays. Then the manifest and ``index.html`` list every report in the folder. A result
    whose files are not all in place afterwards is marked failed."""
    (out / "executed").mkdir(parents=True, exist_ok=True)
    share_mode(out)
    share_mode(out / "executed")
    manifest = _read_manifest(out)
    for r in results:
        if r.reused:  # its files and its entry stay as they are
            continue
        stem = r.name
        for kind in ("html", "xlsx", "pdf"):
            src, dst = tmp / f"{stem}.{kind}", out / f"{stem}.{kind}"
            if src.exists():
                os.replace(src, dst)
            else:
                dst.unlink(missing_ok=True)
        if (tmp / "executed" / f"{stem}.ipynb").exists():
            os.replace(tmp / "executed" / f"{stem}.ipynb", out / "executed" / f"{stem}.ipynb")
        missing = [f for f in (r.html, r.xlsx, r.pdf) if f and not (out / f).exists()]
        if missing:
            lost = f"filen saknas efter körningen: {', '.join(missing)}"
            r.ok, r.error = False, f"{r.error}; {lost}" if r.error else lost
        manifest[r.name] = {
            "name": r.name,
            "title": r.title,
            "html": r.html,
            "xlsx": r.xlsx,
            "pdf": r.pdf,
            "ok": r.ok,
            "error": r.error,
            "sources": r.sources,
            "run_date": run_date,
            "params": {k: v for k, v in params.items() if k not in _HIDDEN_PARAMS},
            "key": r.key,
        }
    # reports removed by hand leave the index
    entries = [e for e in manifest.values() if (out / e["html"]).exists()]
    text = json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(out / MANIFEST, lambda t: t.write_text(text, encoding="utf-8"))
    page = _index(entries)
    atomic_write(out / "index.html", lambda t: t.write_text(page, encoding="utf-8"))


class ReportFolderBusy(RuntimeError):
    """Another run is writing to the same report folder; the message names it."""


@contextlib.contextmanager
def folder_lock(out: Path, wait: float = 3600.0, say=print):
    """One run at a time per report folder: a lock file beside the folder holds the
    running process's id and start time. A second run waits for it (saying which run it
    waits for) up to ``wait`` seconds, then stops with ``ReportFolderBusy``; a lock left
    by a process that is gone is taken over."""
    lock = out.with_name(f".{out.name}.lock")
    me = json.dumps(
        {"pid": os.getpid(), "started": dt.datetime.now().isoformat(timespec="seconds")}
    )
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                other = json.loads(lock.read_text("utf-8") or "{}")
            except (OSError, ValueError):
                other = {}
            pid = other.get("pid")
            if isinstance(pid, int) and not process_alive(pid):
                lock.unlink(missing_ok=True)  # its run is gone
                continue
            who = f"pid {pid}, startad {other.get('started', '?')}"
            if time.monotonic() >= deadline:
                raise ReportFolderBusy(
                    f"en annan körning ({who}) skriver till {out}; försök igen när den är klar"
                ) from None
            if not told:
                say(f"väntar på en annan körning ({who}) som skriver till {out} …")
                told = True
            time.sleep(0.2)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(me)
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


_PID = ".sonanalys-report.pid"


def recover(out: Path) -> None:
    """Clean up after a run that was killed: if it died mid-swap (the old reports moved
    aside, the new not yet in), the previous reports go back; temporary folders of runs
    whose process is gone are removed (a run still going is left alone)."""
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists():
        os.replace(old, out)
    for d in out.parent.glob(f".{out.name}.*"):
        marker = d / _PID
        if d.is_dir() and marker.exists():
            pid = marker.read_text("utf-8").strip()
            if pid.isdigit() and not process_alive(int(pid)):
                shutil.rmtree(d, ignore_errors=True)


def run_reports(
    out: str | Path | None = None,
    municipality: str | None = None,
    year: int | None = None,
    period: str | None = None,
    only: list[str] | None = None,
    jobs: int = 1,
    timeout: int = 600,
    mask_threshold: int = 5,
    profile: str = "ledning",
    run_date: str | None = None,
    notebooks_dir: str | Path | None = None,
    raw: str | Path | None = None,
    processed: str | Path | None = None,
    progress: bool = True,
    notebook_params: dict | None = None,
    pdf: bool = False,
    lock_wait: float = 3600.0,
    force: bool = False,
) -> RunSummary:
    """Run the notebooks into report folder ``out``. A report whose inputs are unchanged
    since the folder's last run of it (``report_key``) is not run again: its files stay
    and the summary marks it reused; ``force`` runs every report."""
    # absolute paths: the kernels run in the notebooks folder, so a relative
    # processed_dir handed to them, or a relative output path, would point elsewhere
    out = Path(out or paths.REPORTS).resolve()
    processed = Path(processed or paths.PROCESSED).resolve()
    ensure_processed([Path(raw or paths.RAW)], processed)
    names = [n for n in NOTEBOOKS if not only or any(o in n for o in only)]
    params = parameters_for(
        municipality, year, period, processed, mask_threshold, profile, notebook_params
    )
    given_date = run_date
    run_date = run_date or dt.date.today().isoformat()
    out.mkdir(parents=True, exist_ok=True)
    with folder_lock(out, wait=lock_wait, say=lambda m: print(m, file=sys.stderr)):
        recover(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        share_mode(tmp)
        (tmp / _PID).write_text(str(os.getpid()), "utf-8")
        (tmp / "executed").mkdir()
        src_dir = Path(notebooks_dir or paths.NOTEBOOKS).resolve()
        shared = shared_inputs(params, processed, given_date)
        keys = {n: report_key(n, src_dir, shared) for n in names}
        before = _read_manifest(out)
        kept = {
            n: _kept(before[n], keys[n])
            for n in names
            if not force and _reusable(before.get(n), keys[n], out, pdf)
        }
        kernels = Kernels(src_dir)
        to_run = len(names) - len(kept)
        if to_run:
            kernels.start_ahead(min(max(1, jobs), to_run))
            _papermill_without_chdir()  # importing papermill costs seconds (jsonschema)
        try:
            # each worker runs notebooks in its kernel; a notebook's page and workbook are
            # made by an exporter meanwhile, so a kernel never waits for nbconvert
            with (
                ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
                ThreadPoolExecutor(max_workers=max(1, jobs)) as exporters,
            ):

                def run(n: str):
                    error = _execute(n, src_dir, tmp, params, timeout, kernels)
                    return exporters.submit(
                        _export, n, NOTEBOOKS[n], tmp, params, run_date, out, error
                    )

                futures = [pool.submit(run, n) for n in names if n not in kept]
                bar = None
                if progress and futures:
                    from tqdm import tqdm

                    bar = tqdm(total=len(futures), unit="notebook")
                exports = []
                for f in futures:
                    exports.append(f.result())
                    if bar is not None:
                        exports[-1].add_done_callback(lambda _done: bar.update())
                for e in exports:
                    e.result()
                if bar is not None:
                    bar.close()
                ran = {r.name: r for r in (f.result() for f in exports)}
            for r in ran.values():
                r.key = keys[r.name]
            pdf_error = _print_pdfs(list(ran.values()), tmp) if pdf and ran else ""
            results = [kept[n] if n in kept else ran[n] for n in names]
            install(results, tmp, out, params, run_date)
        finally:
            kernels.close()
            shutil.rmtree(tmp, ignore_errors=True)
    return RunSummary(out, results, pdf_error)


def _kept(entry: dict, key: str) -> NotebookResult:
    return NotebookResult(
        entry["name"],
        entry.get("title", entry["name"]),
        True,
        html=entry["html"],
        executed=f"{entry['name']}.ipynb",
        xlsx=entry.get("xlsx", ""),
        pdf=entry.get("pdf", ""),
        sources=entry.get("sources", []),
        key=key,
        reused=True,
    )


def _print_pdfs(results: list[NotebookResult], folder: Path) -> str:
    """``NAME.pdf`` beside each report's HTML; the reason when there is no browser."""
    from .pdf import NoBrowserError, html_to_pdf

    jobs = [(folder / r.html, folder / f"{Path(r.html).stem}.pdf", r.title) for r in results]
    try:
        html_to_pdf(jobs)
    except NoBrowserError as exc:
        return str(exc)
    for r in results:
        r.pdf = f"{Path(r.html).stem}.pdf"
    return ""
