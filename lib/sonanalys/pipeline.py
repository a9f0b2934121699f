"""The pipeline's disk edge: documents in ``data/raw`` → every frame in ``data/processed``.

``process`` is pure (paths in, frames out, all in memory, for the library);
``process_to`` is what ``sonanalys parse`` runs: documents are read one at a time (with
``jobs`` > 1, in worker processes), and a batch of documents' frames is built, accounted
and written here before the next batch is read, so memory stays flat however many
documents there are.
Both write through the same writers, each file atomically; ``ensure_processed`` re-parses
only when the inputs changed, judged by a manifest of the inputs' names and SHA-256 (no
timestamps, so re-runs are byte-identical); ``load`` reads one frame back, checked
against its schema.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .conservation import Accounting, account
from .domain import FRAMES, Frames, build
from .domain.followup import followup, followup_rows
from .export import write_workbook
from .io import FrameWriter, atomic_write, read_frame, release_memory
from .observations import (
    UNSAID,
    Municipalities,
    ParseResult,
    as_paths,
    document_problem,
    duplicate_problems,
    frame,
    iter_sources,
    parse,
    read_documents,
)
from .tables import CELL_COLUMNS, DOCUMENT_COLUMNS, OBSERVATION_COLUMNS, REPORT_COLUMNS

MANIFEST = "manifest.json"
WORKBOOK = "sonanalys.xlsx"
DESCRIPTIONS = {
    "documents": "ett dokument per rad: fil, titel, slag, kommun, år och antal tal",
    "observations": "ett tal per rad, så som det står i dokumentet, med fil och rad",
    "parse_report": "tal som inte blev observationer och dokument som inte kunde läsas, med skäl",
    "atgarder": "åtgärdsplanernas åtgärder: effekt per år i mnkr, status, beslut",
    "atgarder_uppfoljning": "en plans åtgärder matchade mot nästa plans",
    "budget": "budget, utfall, prognos och avvikelse per verksamhet",
    "placements": "personer i vård per dygn och placeringar per vårdform",
    "varddygn": "vårddygn och kostnad per vårddygn per vårdform",
    "volymer": "volymer (antal) per verksamhet och år",
    "indikatorer": "nämndindikatorer, med kommunens och jämförelsegruppens värden",
    "checks": "dokumentens egna summor mot raderna de summerar (ok/avvikelse)",
}
BASE_FRAMES = ("documents", "observations", "parse_report", "cells")
ALL_FRAMES = (*BASE_FRAMES, *FRAMES)


@dataclass
class Processed:
    result: ParseResult
    frames: Frames

    @property
    def report(self) -> pd.DataFrame:
        """The parse report with one warning row per expected table a document lacks."""
        if not self.frames.warnings:
            return self.result.report
        extra = frame(
            [document_problem(src, what, "warning") for src, what in self.frames.warnings],
            REPORT_COLUMNS,
        )
        return pd.concat([self.result.report, extra], ignore_index=True)


def documents_frame(result: ParseResult) -> pd.DataFrame:
    """One row per document read: its file, title, kind, municipality, report year and how
    many numbers became observations (reports name documents by title, not by file)."""
    counts = result.observations["source"].value_counts()
    return _documents([_document_row(d, int(counts.get(d.source, 0))) for d in result.documents])


def _document_row(doc, observations: int) -> dict:
    return {"source": doc.source, "title": doc.title, "doc_type": doc.doc_type,
            "municipality": doc.municipality, "doc_year": doc.doc_year,
            "doc_period": doc.doc_period, "observations": observations}  # fmt: skip


def _documents(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    df["doc_year"] = df["doc_year"].astype("Int64")
    df["observations"] = df["observations"].astype("int64")
    return df.sort_values("source", kind="stable").reset_index(drop=True)


def process(
    inputs: Iterable[str | Path],
    jobs: int = 1,
    progress: bool = False,
    municipalities: Municipalities = UNSAID,
) -> Processed:
    """Parse (``jobs`` worker processes; the same result for any number) and build the
    domain frames."""
    result = parse(inputs, jobs=jobs, progress=progress, municipalities=municipalities)
    docs = [(d.source, d.doc_type) for d in result.documents]
    return Processed(result, build(result.observations, result.cells, docs, report=result.report))


def library_digest() -> str:
    """SHA-256 of the library's own source: processed frames made by other code (an
    upgrade, a fix to a reader) are stale, not only those made from other inputs."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def manifest(
    inputs: Iterable[str | Path],
    municipalities: Municipalities = UNSAID,
    read: dict[str, str | None] | None = None,
) -> dict:
    """What a parse of ``inputs`` is made from: each document's source name and the
    SHA-256 of its bytes (``read``: as they were read by the parse, so a file edited
    meanwhile is parsed again next time; else as they are on disk now, None for a file
    that cannot be opened), the duplicates left out, the library's digest."""
    found, _, duplicates = iter_sources(inputs)
    hashes = read if read is not None else {s: _sha256_or_none(f) for f, s in found}
    record = {
        "inputs": [{"name": s, "sha256": hashes.get(s)} for _, s in found],
        "frames": list(ALL_FRAMES),
        "library": library_digest(),
    }
    if duplicates:
        record["duplicates"] = [{"name": s, "same_as": first} for s, first in duplicates]
    if municipalities:  # what the user said; a re-parse says it again
        record["municipalities"] = municipalities.as_dict()
    return record


def recorded_municipalities(out: Path) -> Municipalities:
    """The municipalities a parse into ``out`` was told (``parse --municipality``), so a
    re-parse for a report keeps them."""
    try:
        m = json.loads((Path(out) / MANIFEST).read_text("utf-8")).get("municipalities") or {}
        return Municipalities.from_dict(m)
    except (OSError, ValueError, AttributeError):
        return UNSAID


def write_processed(
    p: Processed,
    out: Path,
    inputs: Iterable[str | Path],
    municipalities: Municipalities = UNSAID,
) -> list[Path]:
    """Every frame of an in-memory ``process`` written to ``out``, with the workbook and
    the manifest, as one unit (``staged``)."""
    out = Path(out)
    frames = {
        "documents": documents_frame(p.result),
        "observations": p.result.observations,
        "parse_report": p.report,
        "cells": p.result.cells,
        **{name: p.frames[name] for name in FRAMES},
    }
    with staged(out) as stage:
        written: list[Path] = []
        for name in ALL_FRAMES:
            w = FrameWriter(stage, name)
            w.append(frames[name])
            written += w.close()
        written = _finish(stage, frames["documents"], inputs, municipalities, written)
    return [out / f.name for f in written]


def _finish(
    out: Path,
    docs: pd.DataFrame,
    inputs: Iterable[str | Path],
    municipalities: Municipalities,
    written: list[Path],
    read: dict[str, str | None] | None = None,
) -> list[Path]:
    """The workbook (read back from the frames' files, a slice at a time) and the
    manifest, after every frame is in place."""
    sheets: dict[str, pd.DataFrame | Path] = {"documents": docs}
    for name in ("observations", "parse_report", *FRAMES):
        sheets[name] = out / f"{name}.parquet"
    sources = ", ".join(docs["source"])
    written.append(
        write_workbook(
            out / WORKBOOK,
            sheets,
            DESCRIPTIONS,
            title="sonanalys: tolkade dokument",
            source=f"sonanalys parse av {sources}" if sources else "sonanalys parse",
        )
    )
    record = manifest(inputs, municipalities, read)
    # the digest of each frame as written: ``load`` knows these bytes were validated
    record["written"] = {
        n: _sha256(out / f"{n}.parquet") for n in ALL_FRAMES if (out / f"{n}.parquet").exists()
    }
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    path = out / MANIFEST
    atomic_write(path, lambda t: t.write_text(text, encoding="utf-8"))
    return [*written, path]


# A parse writes into a folder of its own inside ``out`` (same disk: moves are renames),
# named ``.parse-….tmp`` and holding ``.pid`` (the writing process). Complete — its
# manifest written last — it is installed: the old manifest is removed, every file
# moved into ``out``, the new manifest moved in last. So ``out`` holds either the
# previous parse with its manifest, or (killed while moving) files without a manifest,
# which nothing takes as current and which ``recover`` completes; a folder of a run that
# was killed before it was complete is removed by the next run.
_STAGE_PREFIX, _STAGE_SUFFIX, _PID = ".parse-", ".tmp", ".pid"


@contextlib.contextmanager
def staged(out: Path):
    """A new folder for one parse's files, installed into ``out`` when the block ends
    without error, removed when it fails (a full disk, an interrupt)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    recover(out)
    stage = Path(tempfile.mkdtemp(prefix=_STAGE_PREFIX, suffix=_STAGE_SUFFIX, dir=out))
    try:
        (stage / _PID).write_text(str(os.getpid()), encoding="utf-8")
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    # complete: should moving it in fail half-way (a file held open by another program),
    # the folder stays, and the next use completes it (``recover``)
    _install(stage, out)


def _install(stage: Path, out: Path) -> None:
    with _install_lock(out):
        if not (stage / MANIFEST).exists():  # installed meanwhile by another's recover
            return
        (out / MANIFEST).unlink(missing_ok=True)  # from here on the folder is not current
        for f in sorted(stage.iterdir()):
            if f.name not in (MANIFEST, _PID):
                os.replace(f, out / f.name)
        os.replace(stage / MANIFEST, out / MANIFEST)
    shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def _install_lock(out: Path):
    """One install at a time into ``out`` (two parses into one folder each install
    whole, the last one's files win): an operating-system lock on a file beside the
    folder, as the report folder's. Without one (a parent folder that cannot be
    written), installs go unlocked."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(out.with_name(f".{out.name}.parse.lock")), timeout=120)
    try:
        lock.acquire()
    except (OSError, Timeout):
        yield
        return
    try:
        yield
    finally:
        lock.release()


# temporary files of earlier versions, which wrote beside the frames
_OLD_TEMPORARY = re.compile(
    r"\.(?:(?:" + "|".join(ALL_FRAMES) + r")\.(?:csv|parquet)|manifest\.json|sonanalys\.xlsx)"
    r"\.[^/]*\.tmp"
)


def recover(out: Path) -> None:
    """After a parse into ``out`` that was killed: a complete folder it left (its
    manifest written) is installed, an incomplete one removed, with the temporary
    files of earlier versions; folders of a parse still running are left alone."""
    out = Path(out)
    try:
        entries = list(out.iterdir()) if out.is_dir() else []
    except OSError:
        return
    for d in sorted(entries):
        if d.is_dir() and d.name.startswith(_STAGE_PREFIX) and d.name.endswith(_STAGE_SUFFIX):
            try:
                pid = int((d / _PID).read_text("utf-8").strip())
            except (OSError, ValueError):
                pid = None
            if pid is not None and _alive(pid):
                continue
            try:
                if (d / MANIFEST).exists():
                    _install(d, out)
                else:
                    shutil.rmtree(d, ignore_errors=True)
            except OSError:
                pass  # a read-only folder: the parse itself says so
        elif d.is_file() and _OLD_TEMPORARY.fullmatch(d.name):
            d.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (psutil, a JupyterLab dependency: ``os.kill(pid, 0)``
    would end the process on Windows)."""
    if pid == os.getpid():
        return True
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - psutil comes with jupyterlab
        return os.name == "nt" or _posix_alive(pid)
    return psutil.pid_exists(pid)


def _posix_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


BATCH_OBSERVATIONS = 10_000  # a batch's observations before its frames are built and written


@dataclass
class Summary:
    """What ``process_to`` did, for the command line to say."""

    documents: pd.DataFrame  # the documents frame
    errors: list[str]
    skipped_files: list[str]
    observations: int
    report_rows: int
    report_warnings: int
    frame_rows: dict[str, int]
    checks_off: int
    warnings: list[tuple[str, str]]  # (source, an expected table that is missing)
    accounting: Accounting
    written: list[Path]
    duplicates: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    unopened: list[str] = dataclasses.field(default_factory=list)  # files not opened


def process_to(
    inputs: Iterable[str | Path] | str | Path,
    out: Path,
    jobs: int = 1,
    progress: bool = False,
    municipalities: Municipalities = UNSAID,
) -> Summary:
    """Parse, build, account and write every frame to ``out``, a batch of documents at a
    time (``BATCH_OBSERVATIONS``): the files equal ``write_processed(process(...))``'s in
    content, for any number of ``jobs``. Only what spans documents is kept to the end:
    the plans' measures (a plan is followed up in the next plan) and the sum checks.
    Every file is written into a folder of its own and moved into ``out`` only when all
    are complete, the manifest last (``staged``); a run that fails or is killed leaves
    ``out`` as it was. A str or Path is one input (never its characters)."""
    given: list[str | Path] = list(as_paths(inputs))
    out = Path(out)
    with staged(out) as stage:
        summary = _process_into(given, stage, jobs, progress, municipalities)
    summary.written = [out / f.name for f in summary.written]
    return summary


def _process_into(
    inputs: list[str | Path],
    out: Path,
    jobs: int,
    progress: bool,
    municipalities: Municipalities,
) -> Summary:
    files, skipped, duplicates = iter_sources(inputs)
    per_batch = tuple(n for n in FRAMES if n not in _SPANNING)
    writers = {n: FrameWriter(out, n) for n in ("observations", "cells", "parse_report",
                                                 *per_batch)}  # fmt: skip
    kept: dict[str, list[pd.DataFrame]] = {"plans": [], "checks": []}  # to the end
    acc = Accounting(0, 0, 0, 0)
    report_warnings = 0
    infos: list[dict] = []
    errors: list[str] = []
    unopened: list[str] = []
    hashes: dict[str, str | None] = {}  # each document's bytes as read
    warnings: list[tuple[str, str]] = []
    batch: list[tuple] = []

    def flush() -> None:
        nonlocal acc, report_warnings
        docs = [d for d, *_ in batch if d is not None]
        result = ParseResult(
            frame([x for _, o, _, _ in batch for x in o], OBSERVATION_COLUMNS),
            frame([x for _, _, r, _ in batch for x in r], REPORT_COLUMNS),
            docs,
            cells=frame([x for _, _, _, c in batch for x in c], CELL_COLUMNS),
        )
        batch.clear()  # the records are in the frames now
        built = build(
            result.observations,
            result.cells,
            [(d.source, d.doc_type) for d in docs],
            with_followup=False,  # made once at the end, from every batch's plans
            report=result.report,
        )
        acc = acc + account(result)
        report_warnings += int((result.report["severity"] == "warning").sum())
        writers["observations"].append(result.observations)
        writers["cells"].append(result.cells)
        writers["parse_report"].append(result.report)
        for name in per_batch:
            writers[name].append(built[name])
        kept["plans"].append(followup_rows(built["atgarder"]))
        kept["checks"].append(built["checks"])
        warnings.extend(built.warnings)
        release_memory()

    try:
        n_obs, flushed = 0, False
        if duplicates:
            batch.append((None, [], duplicate_problems(duplicates), []))
        for res in read_documents(files, jobs, progress, municipalities):
            doc, o, r, c, error = res
            hashes[res.source] = res.sha256
            if res.unopened:
                unopened.append(error)
            if doc is not None:
                infos.append(_document_row(doc, len(o)))
            elif error:  # else a file of our own, passed over (an info row)
                errors.append(error)
            batch.append((doc, o, r, c))
            n_obs += len(o)
            if n_obs >= BATCH_OBSERVATIONS:
                flush()
                n_obs, flushed = 0, True
        if batch or not flushed:
            flush()  # the last batch; with no documents, empty frames of the right shape
        writers["parse_report"].append(
            frame([document_problem(s, w, "warning") for s, w in warnings], REPORT_COLUMNS)
        )
        written: list[Path] = []
        for w in writers.values():
            written += w.close()
        release_memory()
        last = _spanning_frames(kept["plans"], kept["checks"])
        for name, df in last.items():
            w = FrameWriter(out, name)
            w.append(df)
            written += w.close()
    except BaseException:
        for w in writers.values():
            w.discard()
        raise
    docs_df = _documents(infos)
    w = FrameWriter(out, "documents")
    w.append(docs_df)
    written = w.close() + written
    written = _finish(out, docs_df, inputs, municipalities, written, hashes)
    rows = {n: writers[n].rows for n in per_batch} | {n: len(df) for n, df in last.items()}
    return Summary(
        documents=docs_df,
        errors=errors,
        skipped_files=skipped,
        observations=writers["observations"].rows,
        report_rows=writers["parse_report"].rows,
        report_warnings=report_warnings + len(warnings),
        frame_rows={n: rows[n] for n in FRAMES},
        checks_off=int((last["checks"]["status"] != "ok").sum()),
        warnings=warnings,
        accounting=acc,
        written=written,
        duplicates=duplicates,
        unopened=unopened,
    )


# frames that span documents: built at the end from every batch's parts
_SPANNING = ("atgarder_uppfoljning", "checks")


def _spanning_frames(
    plans: list[pd.DataFrame], checks: list[pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """The frames that span documents, from every batch's parts: the follow-up of the
    plans' measures (``followup_rows``) over the whole corpus, and the sum checks in
    ``build``'s order (all åtgärder checks, then all budget checks)."""
    from .domain.schemas import conform

    c = pd.concat(checks, ignore_index=True)
    order = {"atgarder": 0, "budget": 1}
    c = c.sort_values(
        "frame", key=lambda f: f.map(order).fillna(2), kind="stable", ignore_index=True
    )
    follow = followup(pd.concat(plans, ignore_index=True))
    return {"atgarder_uppfoljning": conform(follow, "atgarder_uppfoljning"), "checks": c}


def is_current(
    inputs: Iterable[str | Path], out: Path, municipalities: Municipalities = UNSAID
) -> bool:
    recover(Path(out))  # a parse killed while installing its files is completed first
    path = Path(out) / MANIFEST
    if not path.exists():
        return False
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    have = all((Path(out) / f"{n}.parquet").exists() for n in ALL_FRAMES)
    old.pop("written", None)
    return have and old == manifest(inputs, municipalities)


def ensure_processed(
    inputs: Iterable[str | Path] | str | Path | None = None, out: Path | None = None
) -> bool:
    """Parse and write when the processed data are missing or older than the inputs;
    True when it did."""
    inputs = as_paths(inputs or [paths.RAW])
    out = Path(out or paths.PROCESSED)
    said = recorded_municipalities(out)
    if is_current(inputs, out, said):
        return False
    process_to(inputs, out, municipalities=said)
    return True


def load(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """One processed frame: ``load("atgarder")``. Parses the embedded data first when
    ``data/processed`` is empty or stale (only for the default folders)."""
    if name not in ALL_FRAMES:
        raise KeyError(f"okänd tabell {name!r}; finns: {', '.join(ALL_FRAMES)}")
    if processed is None:
        ensure_processed()
        processed = paths.PROCESSED
    recover(Path(processed))
    path = Path(processed) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} saknas: kör `sonanalys parse --out {processed}` först")
    df = read_frame(Path(processed), name)
    if name not in FRAMES or _as_written(Path(processed), name):
        return df
    from .domain.schemas import SCHEMAS  # a frame changed since it was written: check it

    return SCHEMAS[name].validate(df)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sha256_or_none(path: Path) -> str | None:
    try:
        return _sha256(path)
    except OSError:
        return None


def _as_written(processed: Path, name: str) -> bool:
    """The frame's file is byte for byte what ``write_processed`` wrote, and so already
    validated when it was built (``domain.build``)."""
    try:
        written = json.loads((processed / MANIFEST).read_text("utf-8")).get("written", {})
    except (OSError, ValueError, AttributeError):
        return False
    return written.get(name) == _sha256(processed / f"{name}.parquet")
