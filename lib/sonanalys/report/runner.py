"""``sonanalys report``: parse if needed, execute the notebooks with papermill, export each
to self-contained HTML without code (with its tables as a workbook, and a PDF if asked),
and write an index.

A report folder is a set of reports, not one run: the notebooks run into a temporary
folder, and only then are their files put in place, report by report, each file
atomically; the reports a run did not make stay as they were, and the index lists every
report in the folder. One run at a time writes to a folder (``folder.folder_lock``).

The pieces: ``registry`` (the notebooks and their parameters), ``keys`` (what a report is
made from), ``execution`` (papermill in warm kernels, ``kernels``), ``page`` (the HTML),
``workbook``, ``index`` (manifest and index page), ``folder`` (lock, recovery, install).
Papermill gets a cell timeout and the ``python3`` kernel, i.e. the interpreter running the
command: one warm kernel per worker, reset before each notebook to the state of a new one
(``kernels.Kernels``).
"""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..io import share_mode
from ..pipeline import ensure_processed
from .execution import execute_notebook, normalise_executed, papermill_without_chdir
from .folder import JOURNAL, cannot_write, folder_lock, install, mark_run, recover
from .index import read_manifest
from .kernels import Kernels
from .keys import report_key, reusable, shared_inputs
from .page import export_html
from .registry import NOTEBOOKS, parameters_for, selected
from .scope import file_label, parameters, report_scope, run_period, title_for
from .workbook import write_tables


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
    removed: list[str] = field(default_factory=list)  # what the last pass took off its page
    key: str = ""  # digest of everything the report was made from (``report_key``)
    reused: bool = False  # inputs unchanged: the previous run's files were kept
    stem: str = ""  # its files' name: the notebook's, whose and which period (``output_stem``)
    # whose report and which period (``scope.report_scope``): ``municipality``, ``period``;
    # ``asked`` and ``covers`` (False) when it does not show the period the run asked for
    scope: dict = field(default_factory=dict)
    # the parameters this notebook was run with (``own_parameters``): the common ones and
    # only the extra ones it declares, as the manifest keeps them
    params: dict = field(default_factory=dict)
    # it shows no table and no chart: the documents hold nothing for it (its page says
    # what is missing); made, but empty, so the command exits non-zero
    empty: bool = False

    def __post_init__(self):
        self.stem = self.stem or self.name

    @property
    def other_period(self) -> bool:
        """It shows another period than the one the run asked for (its page says so)."""
        return self.scope.get("covers") is False


@dataclass
class RunSummary:
    out: Path
    results: list[NotebookResult] = field(default_factory=list)
    pdf_error: str = ""  # why PDFs asked for were not written (no browser)
    # the documents of the run's folder no report in the folder covers, with why
    # (``coverage.LeftOut``; the index lists them)
    left_out: list = field(default_factory=list)

    @property
    def failed(self) -> list[NotebookResult]:
        return [r for r in self.results if not r.ok]

    @property
    def reused(self) -> list[NotebookResult]:
        return [r for r in self.results if r.reused]

    @property
    def other_period(self) -> list[NotebookResult]:
        """Reports made, but of another period than the run asked for (their pages say
        which and why): not what was asked, so the command exits non-zero."""
        return [r for r in self.results if r.ok and r.other_period]

    @property
    def empty(self) -> list[NotebookResult]:
        """Reports made that show nothing (no table, no chart: the documents hold no data
        for them; their pages say what is missing), of the period asked: never passed as
        ok."""
        return [r for r in self.results if r.ok and r.empty and not r.other_period]

    def report(self, name: str) -> NotebookResult:
        """The result of the report whose notebook's name contains ``name`` (``"05"``)."""
        (found,) = [r for r in self.results if name in r.name]
        return found


def output_stem(name: str, scope: dict) -> str:
    """The name of a report's files: the notebook's, with whose and which period's it is
    (``05_delarsrapport_orebro_2023_jan-aug``, ``02_varddygn_orebro_2022``;
    ``scope.file_label``). The same report is the same name, run after run."""
    return f"{name}_{file_label(scope.get('municipality', ''), scope.get('period', ''))}"


def own_parameters(params: dict, src: Path, extra) -> dict:
    """The run's parameters for notebook ``src``: the common ones, and of the ``extra``
    ones only those its parameters cell declares. 03's ``comparison_group`` and ``kpis``
    are not given to 05, whose page listed them and for which papermill warned on stderr
    (a schedule's mail) of an unknown parameter."""
    import nbformat

    names = parameters(nbformat.read(str(src), as_version=4))
    return {k: v for k, v in params.items() if k in names or k not in extra}


def _export(name, title, tmp, params, run_date, out, error: str, workbook: bool):
    """An executed notebook's HTML page and workbook (while its kernel runs the next),
    named by the scope the notebook declared (``output_stem``)."""
    ran = tmp / "executed" / f"{name}.ipynb"
    if ran.exists():
        import nbformat

        scope = report_scope(nbformat.read(str(ran), as_version=4))
    else:  # it never ran: what the run asked for
        muni = params.get("municipality")
        scope = {"municipality": muni if isinstance(muni, str) else "",
                 "period": run_period(params)}  # fmt: skip
    stem = output_stem(name, scope)
    executed = tmp / "executed" / f"{stem}.ipynb"
    html_path = tmp / f"{stem}.html"
    xlsx = ""
    sources: list[str] = []  # the documents the page cites
    removed: list[str] = []  # what the last pass took off it
    empty = False
    if ran.exists():
        empty = not error and not shows_figures(ran)
        ran.replace(executed)
        normalise_executed(executed, out / "executed" / executed.name)
        title = title_for(title, scope["municipality"], scope["period"])
        page, sources, removed = export_html(executed, title, params, run_date, error)
        html_path.write_text(page, "utf-8")
        if workbook:
            xlsx = write_tables(executed, tmp / f"{stem}.xlsx", title, params, run_date)
    return NotebookResult(
        name,
        title,
        not error,
        error,
        html_path.name,
        executed.name,
        xlsx,
        sources=sources,
        removed=removed,
        stem=stem,
        scope=scope,
        params=params,
        empty=empty,
    )


def shows_figures(nb_path: Path) -> bool:
    """Whether an executed notebook shows any table (``present.show_table``) or chart."""
    import nbformat

    from .present import TABLE_MIME

    nb = nbformat.read(str(nb_path), as_version=4)
    return any(
        TABLE_MIME in o.get("data", {}) or "image/png" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )


# how a caller of run_reports names the municipality (periods.own_municipality's ``ask``)
ASK_CALLER = "ange den med run_reports(municipality=...)."


def _say(message: str) -> None:
    print(message, file=sys.stderr)


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
    workbook: bool = True,
    say=None,
) -> RunSummary:
    """Run the notebooks into report folder ``out``. A report whose inputs are unchanged
    since the folder's last run of it (``report_key``) is not run again: its files stay
    and the summary marks it reused; ``force`` runs every report. Each report's files are
    named by whose and which period's it is, as its notebook resolved them
    (``output_stem``); ``workbook=False`` writes no ``.xlsx``; ``say`` gets what the run
    tells its user (stderr when not given). Without ``municipality``, a report whose rows
    are of several municipalities (no period deciding) or of none named raises
    ``periods.UnsettledMunicipality`` before anything is written."""
    say = say or _say
    # absolute paths: the kernels run in the notebooks folder, so a relative
    # processed_dir handed to them, or a relative output path, would point elsewhere
    out = Path(out or paths.REPORTS).resolve()
    processed = Path(processed or paths.PROCESSED).resolve()
    data_dir = Path(raw or paths.RAW).resolve()
    ensure_processed([data_dir], processed)
    names = selected(only)
    if not municipality:
        # each report's own municipality, as its notebook will ask it: one that cannot
        # tell stops the run here, before anything is written (as sonanalys report does)
        from . import periods

        if found := periods.unsettled(processed, names, year, period, ask=ASK_CALLER):
            raise periods.UnsettledMunicipality(found, NOTEBOOKS)
    params = parameters_for(
        municipality, year, period, processed, mask_threshold, profile, notebook_params, data_dir
    )
    given_date = run_date
    run_date = run_date or dt.date.today().isoformat()
    with folder_lock(out, wait=lock_wait, say=say):
        recover(out, say=say)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
            share_mode(tmp)
            mark_run(tmp, out)
            (tmp / "executed").mkdir()
        except OSError as exc:
            raise cannot_write(out.parent, exc) from exc
        src_dir = Path(notebooks_dir or paths.NOTEBOOKS).resolve()
        shared = shared_inputs({**params, "(workbook)": workbook}, processed, given_date)
        keys = {n: report_key(n, src_dir, shared) for n in names}
        # the folder's report of a notebook made from the very same inputs: its name is
        # known only once the notebook ran, so it is found by notebook and key
        before = {
            e["name"]: e
            for e in read_manifest(out).values()
            if e.get("name") in keys and e.get("key") == keys[e["name"]]
        }
        kept = {
            n: _kept(before[n], keys[n])
            for n in names
            if not force and reusable(before.get(n), keys[n], out, pdf)
        }
        kernels = Kernels(src_dir)
        to_run = len(names) - len(kept)
        if to_run:
            kernels.start_ahead(min(max(1, jobs), to_run))
            papermill_without_chdir()  # importing papermill costs seconds (jsonschema)
        try:
            # each worker runs notebooks in its kernel; a notebook's page and workbook are
            # made by an exporter meanwhile, so a kernel never waits for nbconvert
            with (
                ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
                ThreadPoolExecutor(max_workers=max(1, jobs)) as exporters,
            ):

                def run(n: str):
                    own = own_parameters(params, src_dir / f"{n}.ipynb", notebook_params or {})
                    error = execute_notebook(n, src_dir, tmp, own, timeout, kernels)
                    return exporters.submit(
                        _export, n, NOTEBOOKS[n], tmp, own, run_date, out, error, workbook
                    )

                futures = [pool.submit(run, n) for n in names if n not in kept]
                bar = None
                if progress and futures:
                    from tqdm import tqdm

                    bar = tqdm(total=len(futures), unit="rapport")
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
            left = install(results, tmp, out, params, run_date)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM):
                raise cannot_write(out, exc) from exc
            raise
        finally:
            kernels.close()
            if not (tmp / JOURNAL).exists():  # else the next run rolls it back
                shutil.rmtree(tmp, ignore_errors=True)
    return RunSummary(out, results, pdf_error, left)


def _kept(entry: dict, key: str) -> NotebookResult:
    stem = entry.get("stem") or entry["name"]
    return NotebookResult(
        entry["name"],
        entry.get("title", entry["name"]),
        True,
        html=entry["html"],
        executed=f"{stem}.ipynb",
        stem=stem,
        xlsx=entry.get("xlsx", ""),
        pdf=entry.get("pdf", ""),
        sources=entry.get("sources", []),
        key=key,
        reused=True,
        scope=entry.get("scope") or {},
        params=entry.get("params") or {},
        empty=bool(entry.get("empty")),
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
