"""``sonanalys report``: the command around ``runner.run_reports`` — a configuration file
(``config``), the period in the forms people write it (``periods``), a municipality or
period the documents lack refused before anything is written, a log file per run,
progress bars only on a terminal, and one exit code per kind of failure (``EXIT_*``; the
README lists them). The reports' files are named by the runner, by each notebook's scope."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from .. import exitcodes, paths

# one table of exit codes for every command (exitcodes.py; the README lists them)
EXIT_OK = exitcodes.OK
EXIT_FAILED = exitcodes.FAILED  # a report failed (its page says why) or a PDF was not made
EXIT_USAGE = exitcodes.USAGE  # an unknown flag or period, a configuration that cannot be used
EXIT_PERIOD = exitcodes.NO_PERIOD  # the documents lack the municipality or period asked for
EXIT_BUSY = exitcodes.BUSY  # another run writes to the report folder (waited --lock-wait)
EXIT_FOLDER = exitcodes.NOT_WRITABLE  # the report folder cannot be written (read-only, open)
EXIT_DISK_FULL = exitcodes.DISK_FULL  # the disk is full; the report folder as it was
EXIT_INTERNAL = exitcodes.INTERNAL  # a bug of ours: one message, the traceback with --debug
EXIT_INTERRUPTED = exitcodes.INTERRUPTED  # Ctrl-C: the report folder as it was

# what a flag left out means, when the configuration file does not say either
DEFAULTS: dict[str, Any] = {  # of mixed types, as the flags and the file give them
    "jobs": 1,
    "timeout": 600,
    "mask_threshold": 5,
    "profile": "ledning",
    "lock_wait": 3600.0,
    "out": None,  # paths.REPORTS
    "log_dir": None,  # paths.DATA / "logg"
}
# configuration key -> the flag's name (argparse's dest) where they differ
_FLAG = {"kpis": "kpi", "reports": "only"}


class RunLog:
    """What the command says, also written with the time to this run's log file."""

    def __init__(self, path: Path | None):
        self.path = path
        self._file = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115
            except OSError as exc:
                self.path = None
                print(f"varning: loggfilen {path} kan inte skrivas ({exc.strerror})",
                      file=sys.stderr)  # fmt: skip

    def _write(self, message: str) -> None:
        if self._file is not None:
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            for line in str(message).splitlines() or [""]:
                self._file.write(f"{stamp} {line}\n")
            self._file.flush()

    def out(self, message: str) -> None:
        print(message)
        self._write(message)

    def err(self, message: str) -> None:
        print(message, file=sys.stderr)
        self._write(message)

    def close(self, code: int) -> None:
        self._write(f"slutkod {code}")
        if self._file is not None:
            self._file.close()


def settings(args) -> dict:
    """The run's settings: the flags given, else the configuration file's, else the
    defaults."""
    from . import config

    given = {k: v for k, v in vars(args).items() if v is not None}
    merged = dict(DEFAULTS)
    if getattr(args, "config", None):
        for key, value in config.load(args.config).items():
            merged[_FLAG.get(key, key)] = value
    merged.update({k: v for k, v in given.items() if not (v is False and k in merged)})
    merged["pdf"] = bool(given.get("pdf")) or "pdf" in (merged.get("formats") or [])
    merged["workbook"] = "xlsx" in merged.get("formats", ["xlsx"])
    merged["out"] = merged.get("out") or str(paths.REPORTS)
    return merged


def run_command(args) -> int:
    from . import periods
    from .config import ConfigError

    try:
        s = settings(args)
    except ConfigError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    now = dt.datetime.now()
    log_dir = Path(s.get("log_dir") or paths.DATA / "logg")
    log = RunLog(log_dir / f"rapport-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log")
    log._write("sonanalys report " + " ".join(sys.argv[2:] if len(sys.argv) > 2 else []))
    code = EXIT_FAILED
    debug = bool(s.get("debug"))
    try:
        code = _run(s, log, periods)
    except KeyboardInterrupt:
        if debug:
            raise
        log.err(
            f"avbrutet: rapporterna i {s['out']} är som före körningen (en körning som "
            "avbröts medan filerna lades på plats återställs av nästa)"
        )
        code = EXIT_INTERRUPTED
    except OSError as exc:  # the documents' tables (parsed first) could not be written
        if debug:
            raise
        where = exc.filename or s.get("data") or paths.PROCESSED
        log.err(
            f"fel: kunde inte skriva {where} ({exc.strerror or exc}): frigör utrymme eller ge "
            "skrivrätt och kör igen; rapportmappen ändrades inte"
        )
        code = EXIT_DISK_FULL if exitcodes.is_disk_full(exc) else EXIT_FOLDER
    except Exception as exc:  # a bug of ours: one message, the traceback with --debug
        if debug:
            raise
        log.err(
            f"fel: internt fel ({type(exc).__name__}: {exc}); rapportmappen {s['out']} är som "
            "före körningen. Kör igen med --debug för hela felutskriften och skicka den gärna "
            "till utvecklarna"
        )
        code = EXIT_INTERNAL
    finally:
        log.close(code)
    return code


def _run(s: dict, log: RunLog, periods) -> int:
    from ..observations import iter_files
    from ..pipeline import ensure_processed
    from .folder import ReportFolderBusy, ReportFolderError
    from .index import EMPTY_REASON
    from .registry import NOTEBOOKS, selected
    from .runner import run_reports

    debug = bool(s.get("debug"))
    data = s.get("data")
    if data and not Path(data).is_dir():  # as ``parse``: wrong use, nothing written
        what = "är ingen mapp" if Path(data).exists() else "finns inte"
        log.err(f"fel: {data} {what}. {periods.NOTHING_WRITTEN}")
        return EXIT_USAGE
    raw = Path(data) if data else paths.RAW
    if data and not iter_files([raw])[0]:
        from ..readers import SUFFIXES

        log.err(f"fel: {raw}: inga dokument här (läser {' '.join(sorted(SUFFIXES))}). "
                f"{periods.NOTHING_WRITTEN}")  # fmt: skip
        return EXIT_FAILED
    processed = paths.processed_for(data) if data else paths.PROCESSED
    unread: list[str] = []
    if not _only_kolada(s.get("only")):
        # a folder of documents no report is about (an årsbokslut typed 'other', a
        # delårsrapport without a period) gives no report: said per file, nothing written
        from .coverage import unreportable

        ensure_processed([raw], processed)
        for reason in (unread := _unread(processed)):  # never passed over in silence
            log.err(f"fel: {reason}")
        if none := unreportable(processed):
            log.err(_unreportable(f"inget dokument i {raw}", none, periods))
            return EXIT_PERIOD
    try:
        period = periods.normalise(s.get("period"))
    except periods.PeriodError as exc:
        log.err(f"fel: {exc}")
        return EXIT_USAGE
    municipality, year = s.get("municipality"), s.get("year")
    if municipality:
        ensure_processed([raw], processed)
        try:
            municipality = periods.held_municipality(
                municipality, processed, kolada=_uses_kolada(s.get("only"))
            )
        except periods.PeriodMissing as exc:
            log.err(f"fel: {exc}")
            return EXIT_PERIOD
        if not _only_kolada(s.get("only")):
            from .coverage import unreportable

            if none := unreportable(processed, municipality):
                where = f"inget av dokumenten för {municipality} i {raw}"
                log.err(_unreportable(where, none, periods))
                return EXIT_PERIOD
    if not municipality:
        # no municipality named: each report is for the municipality of the documents it
        # stands on (their latest period: ``notebook.own_municipality``), with --data as
        # without it, so the same documents give the same reports wherever they lie; a
        # folder of two municipalities gives each report the one it has data for, never
        # one picked for all (03 for Örebro, empty, beside Linköping's figures)
        ensure_processed([raw], processed)
        if data and not periods.municipalities(processed):
            log.err(
                "fel: dokumenten säger inte vilken kommun de gäller; ange den med "
                "--municipality (eller --municipality-for vid sonanalys parse). "
                + periods.NOTHING_WRITTEN
            )
            return EXIT_USAGE
    if period:
        # the documents first (parsed when they changed), to know their periods before
        # anything is written to the report folder
        ensure_processed([raw], processed)
        try:
            year, period, municipality = periods.resolve(period, year, municipality, processed)
        except periods.PeriodMissing as exc:
            log.err(f"fel: {exc}")
            return EXIT_PERIOD
        log._write(f"period: {municipality or '(notebookens kommun)'} {year} {period}")
    elif year:  # a year alone: one the documents (or their figures) are of
        ensure_processed([raw], processed)
        try:
            periods.held_year(year, municipality, processed)
        except periods.PeriodMissing as exc:
            log.err(f"fel: {exc}")
            return EXIT_PERIOD
    if not municipality:
        # each report's own municipality, as its notebook will ask it: one that cannot
        # tell (several municipalities, no period to choose) stops the run here, before
        # anything is written, instead of inside its notebook after the others ran
        ensure_processed([raw], processed)
        if found := periods.unsettled(processed, selected(s.get("only")), year, period):
            for line in periods.UnsettledMunicipality(found, NOTEBOOKS).lines:
                log.err(f"fel: {line}")  # the same reason said once, naming its reports
            log.err(periods.NOTHING_WRITTEN)
            return EXIT_USAGE
    kolada_cache = s.get("kolada_cache")
    try:
        summary = run_reports(
            out=s["out"],
            raw=raw,
            processed=processed,
            municipality=municipality,
            year=year,
            period=period,
            only=s.get("only"),
            jobs=s["jobs"],
            timeout=s["timeout"],
            mask_threshold=s["mask_threshold"],
            profile=s["profile"],
            run_date=s.get("date"),
            notebook_params={
                "comparison_group": s.get("group"),
                "kpis": s.get("kpi"),
                "kolada_cache": str(Path(kolada_cache).resolve()) if kolada_cache else None,
            },
            pdf=s["pdf"],
            lock_wait=s["lock_wait"],
            force=bool(s.get("force")),
            workbook=s["workbook"],
            progress=sys.stderr.isatty(),  # no progress bars in a cron job's log
            say=log.err,
        )
    except ReportFolderBusy as exc:
        if debug:
            raise
        log.err(f"fel: {exc}")
        return EXIT_BUSY
    except ReportFolderError as exc:
        if debug:
            raise
        log.err(f"fel: {exc}")
        return EXIT_DISK_FULL if exc.disk_full else EXIT_FOLDER
    for r in summary.results:
        # "ok" only for a report that is made and shows what was asked: an empty report,
        # or one of another period, says so instead (and the run exits non-zero)
        said = ["oförändrad, behölls"] if r.reused else [] if r.ok else [f"FEL: {r.error}"]
        if r.ok and r.other_period:
            said.append(f"visar {_shown(r)}, inte den begärda perioden {r.scope.get('asked')}")
        elif r.ok and r.empty:
            said.append(f"TOM: {EMPTY_REASON}")  # as FEL: …
        status = "; ".join(said) or "ok"
        also = ", ".join(str(summary.out / f) for f in (r.pdf, r.xlsx) if f)
        log.out(f"  {r.title}: {summary.out / r.html} ({status})" + (f"; {also}" if also else ""))
    for r in summary.results:
        if r.removed:
            log.err(
                f"varning: {r.name}: sista kontrollen tog bort {len(r.removed)} aktiva delar ur "
                f"sidan som rapporten inte själv lagt dit: {'; '.join(r.removed[:3])}"
            )
    for d in summary.left_out:  # never left out silently: the index lists them too
        log.out(f"  inte redovisat: {d}")
    log.out(f"index: {summary.out / 'index.html'}")
    if summary.reused:
        log.out(
            f"{len(summary.results) - len(summary.reused)} rapporter kördes, "
            f"{len(summary.reused)} var oförändrade och behölls (--force kör alla)"
        )
    if log.path is not None:
        log.out(f"logg: {log.path}")
    if summary.pdf_error:
        log.err(f"fel: {summary.pdf_error}")
        return EXIT_FAILED
    code = EXIT_OK
    if summary.failed:
        log.err(f"{_reports(len(summary.failed))} misslyckades: {_titles(summary.failed)}")
        code = EXIT_FAILED
    if summary.empty:
        # made, and true, but empty: a scheduled run must not pass it as ok
        log.err(
            f"{_reports(len(summary.empty))} utan uppgifter (underlaget har inga för "
            f"{'den' if len(summary.empty) == 1 else 'dem'}; sidan säger vad som saknas): "
            + _titles(summary.empty)
        )
        code = EXIT_FAILED
    if summary.other_period:
        # made, and true, but not what was asked: a scheduled run must not pass it as ok
        others = summary.other_period
        log.err(
            f"{_reports(len(others))} visar inte den begärda perioden (sidan säger vilken "
            "och varför): "
            + "; ".join(
                f"{r.title} (visar {_shown(r)}, begärd {r.scope.get('asked')})" for r in others
            )
        )
        code = EXIT_FAILED
    if unread:
        # the reports stand on the other documents: true, but not all that was asked
        log.err(
            f"{len(unread)} dokument kunde inte läsas (se fel: ovan); rapporterna bygger på "
            "de andra"
        )
        code = code or EXIT_FAILED
    return code


def _unread(processed: Path) -> list[str]:
    """Why each document of the folder could not be read at all (a broken, empty or
    password-protected file: ``parse_report``'s errors without a line), file first."""
    import pandas as pd

    path = Path(processed) / "parse_report.parquet"
    if not path.exists():
        return []
    rows = pd.read_parquet(path, columns=["line", "reason", "severity"])
    return [str(r) for r in rows.loc[(rows["severity"] == "error") & rows["line"].isna(), "reason"]]


def _unreportable(where: str, none, periods) -> str:
    """The message for a folder none of whose documents (``coverage.unreportable``) a
    report can be made from: each file and why."""
    return (
        f"fel: {where} kan redovisas i rapporterna:\n"
        + "".join(f"  {d}\n" for d in none)
        + "Rapporterna bygger på åtgärdsplaner, delårsrapporter (med sin period), "
        "internbudgetar och volymtabeller. " + periods.NOTHING_WRITTEN
    )


def _reports(n: int) -> str:
    """``1 rapport``, ``2 rapporter``."""
    return f"{n} rapport" if n == 1 else f"{n} rapporter"


def _titles(results) -> str:
    return "; ".join(r.title for r in results)


def _shown(r) -> str:
    from .scope import shown_period

    return shown_period(r.scope)


def _only_kolada(only) -> bool:
    """Whether every report the run makes compares Kolada's values (03), which need no
    document of the folder."""
    from .registry import KOLADA_REPORTS, selected

    names = selected(only)
    return bool(names) and all(n in KOLADA_REPORTS for n in names)


def _uses_kolada(only) -> bool:
    """Whether the run makes a report that may be about a municipality the documents do
    not name (03 compares any of Kolada's municipalities with its group)."""
    from .registry import KOLADA_REPORTS, selected

    names = selected(only)
    return any(n in KOLADA_REPORTS for n in names)
