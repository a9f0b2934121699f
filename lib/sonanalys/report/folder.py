"""The report folder: one run at a time writes to it (``folder_lock``), a run's reports go
in as one unit (``install``), and a killed run is undone by the next (``recover``).

The lock is an operating-system lock (``filelock``: ``flock`` on Linux and macOS,
``msvcrt.locking`` on Windows) on ``.sonanalys-lock`` inside the folder: the system
releases it when its process ends, however it ends, so a lock whose holder is gone is
never waited for. Beside the folder, ``.NAME.lock`` says who holds it (process id, host,
start time); it is removed when the run ends. Found at the start of a run that got the
lock — left by a run that was killed, empty, or naming a process id now used by another
program — it is taken over, and said.

A run's files are put in place under a journal: first the files they replace are kept
aside (hard links, copies where the file system has none) and the journal is written,
then the new files go in with the manifest and ``index.html`` last, and only then is
the journal removed. A run killed before that point is rolled back by the next run
(``recover``): every file goes back to what it was, so HTML, workbook, PDF, executed
notebook and index are always those of one run. The manifest keeps each file's SHA-256,
so a report whose files are not the ones its entry was written with is run again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import json
import os
import shutil
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from ..io import atomic_write, share_mode
from .index import MANIFEST, index_page, read_manifest
from .kernels import process_alive
from .registry import HIDDEN_PARAMS

if TYPE_CHECKING:
    from .runner import NotebookResult

LOCK_FILE = ".sonanalys-lock"  # inside the folder: the operating system's lock
PID_MARKER = ".sonanalys-report.pid"  # in a run's temporary folder: whose it is
JOURNAL = "journal.json"  # in a run's temporary folder while its files go in
PREVIOUS = "previous"  # … beside the files they replace, kept until it is done


class ReportFolderBusy(RuntimeError):
    """Another run is writing to the same report folder; the message names it, the lock
    and what to do."""


class ReportFolderError(RuntimeError):
    """The report folder cannot be written (read-only, full disk, a file held open by
    another program); the message names the path and what to do. ``disk_full`` tells the
    command which exit code it is (exitcodes.DISK_FULL or NOT_WRITABLE)."""

    def __init__(self, message: str, disk_full: bool = False) -> None:
        super().__init__(message)
        self.disk_full = disk_full


def holder_file(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _holder(path: Path) -> dict | None:
    """What ``.NAME.lock`` says about the run holding the folder; None when there is no
    such file, ``{}`` when it is empty or unreadable."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        other = json.loads(text)
    except ValueError:
        return {}
    return other if isinstance(other, dict) else {}


def _who(other: dict | None) -> str:
    if not other or not other.get("pid"):
        return "okänd körning"
    host = f" på {other['host']}" if other.get("host") else ""
    started = f", startad {other['started']}" if other.get("started") else ""
    return f"pid {other['pid']}{host}{started}"


def _taken_over(path: Path, other: dict) -> str:
    if not other:
        why = "den var tom eller oläslig"
    elif other.get("host") not in (None, socket.gethostname()):
        why = f"körningen ({_who(other)}) håller inte längre låset"
    elif isinstance(other.get("pid"), int) and process_alive(other["pid"]):
        why = (
            f"processen {other['pid']} finns men är inte den körningen (numret har "
            "återanvänts) och håller inte låset"
        )
    else:
        why = f"körningen ({_who(other)}) avslutades utan att släppa den"
    return f"tar över låsfilen {path}: {why}"


def cannot_write(path: Path, exc: OSError) -> ReportFolderError:
    """The Swedish message for a folder or file that cannot be written."""
    import errno

    where = Path(exc.filename) if getattr(exc, "filename", None) else path
    if exc.errno == errno.ENOSPC:
        what = f"disken är full ({where}); frigör utrymme och kör igen"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        what = (
            f"{where} kan inte skrivas (skrivskyddad eller utan skrivrätt för dig); "
            "ge skrivrätt eller välj en annan mapp med --out"
        )
    elif exc.errno == errno.EBUSY or getattr(exc, "winerror", None) in (32, 33):
        what = f"{where} är öppen i ett annat program; stäng den och kör igen"
    else:
        what = f"{where} kan inte skrivas: {exc.strerror or exc}"
    return ReportFolderError(f"rapportmappen {path}: {what}", disk_full=exc.errno == errno.ENOSPC)


@contextlib.contextmanager
def folder_lock(out: Path, wait: float = 3600.0, say=print):
    """One run at a time per report folder (see the module). A second run waits for the
    first, saying which run it waits for, up to ``wait`` seconds, then stops with
    ``ReportFolderBusy``; a lock whose holder is gone is taken over, and said."""
    from filelock import FileLock, Timeout

    info = holder_file(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(out / LOCK_FILE))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            other = _holder(info)
            say(
                f"väntar på en annan körning ({_who(other)}) som skriver till {out} "
                f"(låsfil {info}) …"
            )
            try:
                lock.acquire(timeout=max(0.0, wait), poll_interval=0.2)
            except Timeout:
                raise ReportFolderBusy(
                    f"en annan körning ({_who(_holder(info) or other)}) skriver till {out} "
                    f"(låsfil {info}); vänta tills den är klar och kör igen, eller vänta "
                    f"längre med --lock-wait (nu {wait:g} s)"
                ) from None
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    try:
        left = _holder(info)
        if left is not None:
            say(_taken_over(info, left))
        me = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": _user(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
        }
        text = json.dumps(me, ensure_ascii=False)
        try:
            atomic_write(info, lambda t: t.write_text(text, encoding="utf-8"))
        except OSError as exc:
            raise cannot_write(out, exc) from exc
        try:
            yield
        finally:
            info.unlink(missing_ok=True)
    finally:
        lock.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def roll_back(tmp: Path, out: Path) -> bool:
    """Undo a run's install from its journal: each file it touched goes back to what it
    was. Idempotent, so a run killed while rolling back is rolled back again. False when
    there is nothing to undo (no journal: nothing was moved, or all of it was done)."""
    journal = tmp / JOURNAL
    try:
        files = json.loads(journal.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    for rel, existed in files.items():
        dst, kept = out / rel, tmp / PREVIOUS / rel
        if existed:
            if kept.exists():
                os.replace(kept, dst)
        else:
            dst.unlink(missing_ok=True)
    journal.unlink()
    return True


def install(
    results: list[NotebookResult], tmp: Path, out: Path, params: dict, run_date: str
) -> list:
    """Put this run's reports into ``out`` as one unit (see the module): the files of a
    report run now replace that report's files (a PDF or workbook it no longer has is
    removed); every other report, and any file that is not a report's, stays. The
    manifest and ``index.html`` list every report in the folder. A result whose files
    were not all made is marked failed. On an error the folder is put back as it was and
    ``ReportFolderError`` says why. Returns the documents of the run's folder that no
    report in the folder covers, with why (``coverage.left_out``; the index lists them)."""
    from .coverage import left_out

    try:
        (out / "executed").mkdir(parents=True, exist_ok=True)
        share_mode(out)
        share_mode(out / "executed")
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    manifest = read_manifest(out)
    moves: dict[str, Path | None] = {}  # file in out (relative) -> its new file (None: goes)
    for r in results:
        if r.reused:  # its files and its entry stay as they are
            continue
        # the notebook's own parameters (03's group and key figures are not 05's)
        shown = {k: v for k, v in (r.params or params).items() if k not in HIDDEN_PARAMS}
        stem = r.stem
        for old in superseded(manifest, r.name, stem, shown):
            for rel in _files_of(manifest.pop(old)):
                moves.setdefault(rel, None)
        for rel in (f"{stem}.html", f"{stem}.xlsx", f"{stem}.pdf", f"executed/{stem}.ipynb"):
            moves[rel] = tmp / rel if (tmp / rel).exists() else None
        missing = [f for f in (r.html, r.xlsx, r.pdf) if f and moves.get(f) is None]
        if missing:
            lost = f"filen saknas efter körningen: {', '.join(missing)}"
            r.ok, r.error = False, f"{r.error}; {lost}" if r.error else lost
        made = [r.html, r.xlsx, r.pdf, f"executed/{stem}.ipynb"]
        manifest[stem] = {
            "name": r.name,
            "stem": stem,
            "title": r.title,
            "html": r.html,
            "xlsx": r.xlsx,
            "pdf": r.pdf,
            "ok": r.ok,
            "error": r.error,
            "sources": r.sources,
            "run_date": run_date,
            "params": shown,
            "scope": r.scope,
            "empty": r.empty,
            "key": r.key,
            "files": {f: digest(p) for f in made if f and (p := moves.get(f)) is not None},
        }

    def present(rel: str) -> bool:
        return moves[rel] is not None if rel in moves else (out / rel).exists()

    # reports removed by hand leave the index
    entries = [e for e in manifest.values() if e.get("html") and present(e["html"])]
    left = left_out(params.get("processed_dir"), entries)
    commit = tmp / "commit"
    try:
        commit.mkdir()
        text = json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (commit / MANIFEST).write_text(text, encoding="utf-8")
        (commit / "index.html").write_text(index_page(entries, left), encoding="utf-8")
        for f in commit.iterdir():
            share_mode(f)
    except OSError as exc:
        raise cannot_write(tmp, exc) from exc
    moves[MANIFEST] = commit / MANIFEST
    moves["index.html"] = commit / "index.html"
    _commit(moves, tmp, out)
    return left


def _same_params(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def superseded(manifest: dict[str, dict], name: str, stem: str, params: dict) -> list[str]:
    """The folder's reports that notebook ``name``'s new report (files ``stem``, made with
    ``params``) replaces besides its own name: those of the same notebook and the same
    parameters that failed (a failed run named by what it knew) or were named by an
    earlier version (no scope in their entry: ``01_placeringar``, or without the
    municipality). A report of another period stays: the folder is a set of reports."""
    return [
        s
        for s, e in manifest.items()
        if s != stem
        and e.get("name") == name
        and (not e.get("ok") or "scope" not in e)
        and _same_params(e.get("params") or {}, params)
    ]


def _files_of(entry: dict) -> list[str]:
    stem = entry.get("stem") or entry.get("name", "")
    found = [entry[k] for k in ("html", "xlsx", "pdf") if entry.get(k)]
    return [*found, f"executed/{stem}.ipynb"] if stem else found


def _commit(moves: dict[str, Path | None], tmp: Path, out: Path) -> None:
    existed = {rel: (out / rel).exists() for rel in moves}
    try:
        for rel, there in existed.items():
            if there:
                _link_or_copy(out / rel, tmp / PREVIOUS / rel)
        text = json.dumps({"out": str(out), "files": existed}, ensure_ascii=False)
        atomic_write(tmp / JOURNAL, lambda t: t.write_text(text, encoding="utf-8"))
    except OSError as exc:  # nothing in out was touched yet
        raise cannot_write(out, exc) from exc
    try:
        # the reports' files first, the manifest and the index last
        for rel, src in moves.items():
            if src is None:
                (out / rel).unlink(missing_ok=True)
            else:
                os.replace(src, out / rel)
    except OSError as exc:
        roll_back(tmp, out)
        raise cannot_write(out, exc) from exc
    (tmp / JOURNAL).unlink()  # done: from here on the new reports are the folder's


def recover(out: Path, say=print) -> None:
    """Undo and clean up after runs into ``out`` that were killed (called holding the
    folder's lock, so no other run into it is going): a run killed while its files went
    in is rolled back, and every temporary folder of a run that is gone is removed."""
    old = out.with_name(f".{out.name}.old")  # an earlier version swapped whole folders
    if old.exists() and not out.exists():
        os.replace(old, out)
    for d in out.parent.glob(f".{out.name}.*"):
        marker = d / PID_MARKER
        if not (d.is_dir() and marker.exists()):
            continue
        try:
            mark = json.loads(marker.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(mark, int):  # an earlier version's marker: the process id alone
            mark = {"pid": mark}
        if not isinstance(mark, dict):
            continue
        if mark.get("out") not in (None, str(out)):
            continue  # another folder's run (``reports.2023`` beside ``reports``)
        pid = mark.get("pid")
        if mark.get("out") is None and isinstance(pid, int) and pid > 0 and process_alive(pid):
            continue
        if roll_back(d, out):
            say(
                f"en tidigare körning (pid {mark.get('pid', '?')}) avbröts medan den lade "
                f"sina filer i {out}; rapporterna där är återställda till vad de var före den"
            )
        shutil.rmtree(d, ignore_errors=True)


def mark_run(tmp: Path, out: Path) -> None:
    """Mark a temporary folder as this run's, for ``recover``."""
    text = json.dumps({"pid": os.getpid(), "out": str(out)})
    (tmp / PID_MARKER).write_text(text, "utf-8")
