"""The report folder: one run at a time writes to it (``folder_lock``), a killed run is
cleaned up after (``recover``), and a run's reports are put in place (``install``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..io import atomic_write, share_mode
from .index import MANIFEST, index_page, read_manifest
from .kernels import process_alive
from .registry import HIDDEN_PARAMS

if TYPE_CHECKING:
    from .runner import NotebookResult


def install(results: list[NotebookResult], tmp: Path, out: Path, params: dict, run_date: str):
    """Put this run's reports into ``out``, report by report, each file atomically:
    the files of a report run now replace that report's files (a PDF or workbook it no
    longer has is removed); every other report, and any file that is not a report's,
    stays. Then the manifest and ``index.html`` list every report in the folder. A result
    whose files are not all in place afterwards is marked failed."""
    (out / "executed").mkdir(parents=True, exist_ok=True)
    share_mode(out)
    share_mode(out / "executed")
    manifest = read_manifest(out)
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
            "params": {k: v for k, v in params.items() if k not in HIDDEN_PARAMS},
            "key": r.key,
        }
    # reports removed by hand leave the index
    entries = [e for e in manifest.values() if (out / e["html"]).exists()]
    text = json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(out / MANIFEST, lambda t: t.write_text(text, encoding="utf-8"))
    page = index_page(entries)
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


PID_MARKER = ".sonanalys-report.pid"


def recover(out: Path) -> None:
    """Clean up after a run that was killed: if it died mid-swap (the old reports moved
    aside, the new not yet in), the previous reports go back; temporary folders of runs
    whose process is gone are removed (a run still going is left alone)."""
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists():
        os.replace(old, out)
    for d in out.parent.glob(f".{out.name}.*"):
        marker = d / PID_MARKER
        if d.is_dir() and marker.exists():
            pid = marker.read_text("utf-8").strip()
            if pid.isdigit() and not process_alive(int(pid)):
                shutil.rmtree(d, ignore_errors=True)
