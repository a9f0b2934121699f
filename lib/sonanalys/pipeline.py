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
from .domain.schemas import SCHEMAS
from .io import atomic_write, read_frame, write_frame
from .observations import ParseResult, document_problem, frame, iter_files, parse
from .tables import REPORT_COLUMNS

MANIFEST = "manifest.json"
BASE_FRAMES = ("observations", "parse_report", "cells")
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


def process(inputs: Iterable[str | Path]) -> Processed:
    result = parse(inputs)
    docs = [(d.source, d.doc_type) for d in result.documents]
    return Processed(result, build(result.observations, result.cells, docs))


def manifest(inputs: Iterable[str | Path]) -> dict:
    files, _ = iter_files(inputs)
    return {
        "inputs": [
            {"name": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()} for f in files
        ],
        "frames": list(ALL_FRAMES),
    }


def write_processed(p: Processed, out: Path, inputs: Iterable[str | Path]) -> list[Path]:
    out = Path(out)
    written = write_frame(p.result.observations, out, "observations")
    written += write_frame(p.report, out, "parse_report")
    written += write_frame(p.result.cells, out, "cells")
    for name in FRAMES:
        written += write_frame(p.frames[name], out, name)
    text = json.dumps(manifest(inputs), ensure_ascii=False, indent=2) + "\n"
    path = out / MANIFEST
    atomic_write(path, lambda t: t.write_text(text, encoding="utf-8"))
    return [*written, path]


def is_current(inputs: Iterable[str | Path], out: Path) -> bool:
    path = Path(out) / MANIFEST
    if not path.exists():
        return False
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    have = all((Path(out) / f"{n}.parquet").exists() for n in ALL_FRAMES)
    return have and old == manifest(inputs)


def ensure_processed(inputs: Iterable[str | Path] | None = None, out: Path | None = None) -> bool:
    """Parse and write when the processed data are missing or older than the inputs;
    True when it did."""
    inputs = list(inputs or [paths.RAW])
    out = Path(out or paths.PROCESSED)
    if is_current(inputs, out):
        return False
    write_processed(process(inputs), out, inputs)
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
    return SCHEMAS[name].validate(df) if name in SCHEMAS else df
