"""The pipeline's disk edge: documents in ``data/raw`` → every frame in ``data/processed``.

``process`` is pure (paths in, frames out); ``write_processed`` is the only writer, each
file atomically; ``ensure_processed`` re-parses only when the inputs changed, judged by
a manifest of the inputs' names and SHA-256 (no timestamps, so re-runs are
byte-identical); ``load`` reads one frame back, checked against its schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .domain import FRAMES, Frames, build
from .export import write_workbook
from .io import atomic_write, read_frame, write_frame
from .observations import (
    UNSAID,
    Municipalities,
    ParseResult,
    document_problem,
    frame,
    iter_files,
    parse,
)
from .tables import REPORT_COLUMNS

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
DOCUMENT_COLUMNS = ["source", "title", "doc_type", "municipality", "doc_year", "observations"]
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
    rows = [
        {
            "source": d.source,
            "title": d.title,
            "doc_type": d.doc_type,
            "municipality": d.municipality,
            "doc_year": d.doc_year,
            "observations": int(counts.get(d.source, 0)),
        }
        for d in result.documents
    ]
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
    return Processed(result, build(result.observations, result.cells, docs))


def library_digest() -> str:
    """SHA-256 of the library's own source: processed frames made by other code (an
    upgrade, a fix to a reader) are stale, not only those made from other inputs."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def manifest(inputs: Iterable[str | Path], municipalities: Municipalities = UNSAID) -> dict:
    files, _ = iter_files(inputs)
    record = {
        "inputs": [{"name": f.name, "sha256": _sha256(f)} for f in files],
        "frames": list(ALL_FRAMES),
        "library": library_digest(),
    }
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
    out = Path(out)
    docs = documents_frame(p.result)
    written = write_frame(docs, out, "documents")
    written += write_frame(p.result.observations, out, "observations")
    written += write_frame(p.report, out, "parse_report")
    written += write_frame(p.result.cells, out, "cells")
    for name in FRAMES:
        written += write_frame(p.frames[name], out, name)
    sheets = {"documents": docs, "observations": p.result.observations}
    sheets["parse_report"] = p.report
    sheets.update({name: p.frames[name] for name in FRAMES})
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
    record = manifest(inputs, municipalities)
    # the digest of each frame as written: ``load`` knows these bytes were validated
    record["written"] = {
        n: _sha256(out / f"{n}.parquet") for n in ALL_FRAMES if (out / f"{n}.parquet").exists()
    }
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    path = out / MANIFEST
    atomic_write(path, lambda t: t.write_text(text, encoding="utf-8"))
    return [*written, path]


def is_current(
    inputs: Iterable[str | Path], out: Path, municipalities: Municipalities = UNSAID
) -> bool:
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


def ensure_processed(inputs: Iterable[str | Path] | None = None, out: Path | None = None) -> bool:
    """Parse and write when the processed data are missing or older than the inputs;
    True when it did."""
    inputs = list(inputs or [paths.RAW])
    out = Path(out or paths.PROCESSED)
    said = recorded_municipalities(out)
    if is_current(inputs, out, said):
        return False
    write_processed(process(inputs, municipalities=said), out, inputs, said)
    return True


def load(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """One processed frame: ``load("atgarder")``. Parses the embedded data first when
    ``data/processed`` is empty or stale (only for the default folders)."""
    if name not in ALL_FRAMES:
        raise KeyError(f"okänd tabell {name!r}; finns: {', '.join(ALL_FRAMES)}")
    if processed is None:
        ensure_processed()
        processed = paths.PROCESSED
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


def _as_written(processed: Path, name: str) -> bool:
    """The frame's file is byte for byte what ``write_processed`` wrote, and so already
    validated when it was built (``domain.build``)."""
    try:
        written = json.loads((processed / MANIFEST).read_text("utf-8")).get("written", {})
    except (OSError, ValueError, AttributeError):
        return False
    return written.get(name) == _sha256(processed / f"{name}.parquet")
