"""One folder of documents as a dataset: ``sonanalys.load(folder)``.

The documents are parsed once into the folder's processed frames, the same files and
the same content cache as ``sonanalys parse --data FOLDER`` (``pipeline.ensure_processed``:
parsed again only when a document or the library changed); the dataset reads each frame
from there when it is first asked for::

    data = sonanalys.load("C:/Users/ekonom/delarsrapporter")
    data                      # a few lines: documents, rows per frame, checks, errors
    data.budget               # a domain frame (pandas DataFrame)
    data["varddygn"]          # the same by name
    data.checks, data.parse_report, data.observations, data.documents

Code is English (names of functions, attributes and parameters); what a user reads —
messages, reports, the dataset's summary — is Swedish. The frames keep their file names
(``atgarder``, ``varddygn``: the domain's own words).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import paths
from .numparse import format_sv
from .observations import Municipalities, iter_files
from .pipeline import (
    ALL_FRAMES,
    DESCRIPTIONS,
    is_current,
    process_to,
    recorded_municipalities,
)
from .pipeline import load as load_frame
from .readers import SUFFIXES

FRAME_NAMES = ALL_FRAMES  # documents, observations, parse_report, cells, then the domain frames
_DESCRIPTIONS = {**DESCRIPTIONS, "cells": "varje tabellcell som text, med fil och rad"}


def _frame_property(name: str) -> property:
    def get(self: Dataset) -> pd.DataFrame:
        return self.frame(name)

    get.__name__ = name
    return property(get, doc=f"``{name}``: {_DESCRIPTIONS.get(name, name)}.")


class Dataset:
    """The frames of one folder's documents, each read when first asked for (and then
    kept): ``observations``, ``documents``, ``parse_report`` (what produced no value, and
    documents that could not be read), ``cells`` and every domain frame (``atgarder``,
    ``atgarder_uppfoljning``, ``budget``, ``placements``, ``varddygn``, ``volymer``,
    ``indikatorer``) and ``checks`` (the documents' own totals against their rows).

    Made by ``sonanalys.load(folder)``; ``Dataset.from_processed(dir)`` opens frames a
    parse already wrote (``sonanalys parse --out dir``) without parsing anything.
    ``folder`` is the documents' folder (None when unknown), ``processed`` the folder the
    frames are in.
    """

    def __init__(self, processed: str | Path, folder: str | Path | None = None):
        self.processed = Path(processed)
        self.folder = Path(folder) if folder is not None else None
        self._frames: dict[str, pd.DataFrame] = {}

    @classmethod
    def from_processed(cls, processed: str | Path, folder: str | Path | None = None) -> Dataset:
        """The frames a parse wrote to ``processed``, as they are (nothing is parsed)."""
        processed = Path(processed)
        if not (processed / "documents.parquet").exists():
            raise FileNotFoundError(
                f"{processed}: inga tolkade tabeller här; kör `sonanalys parse --out {processed}`"
                " eller sonanalys.load(mappen med dokumenten)"
            )
        return cls(processed, folder)

    names = FRAME_NAMES

    def frame(self, name: str) -> pd.DataFrame:
        """One frame by name (``"budget"``), checked against its schema when its file is
        not the one the parse wrote. The same object is returned each time."""
        if name not in FRAME_NAMES:
            raise KeyError(f"okänd tabell {name!r}; finns: {', '.join(FRAME_NAMES)}")
        if name not in self._frames:
            self._frames[name] = load_frame(name, self.processed)
        return self._frames[name]

    __getitem__ = frame

    def __contains__(self, name: object) -> bool:
        return name in FRAME_NAMES

    def __iter__(self):
        return iter(FRAME_NAMES)

    documents = _frame_property("documents")
    observations = _frame_property("observations")
    parse_report = _frame_property("parse_report")
    cells = _frame_property("cells")
    atgarder = _frame_property("atgarder")
    atgarder_uppfoljning = _frame_property("atgarder_uppfoljning")
    budget = _frame_property("budget")
    placements = _frame_property("placements")
    varddygn = _frame_property("varddygn")
    volymer = _frame_property("volymer")
    indikatorer = _frame_property("indikatorer")
    checks = _frame_property("checks")

    @property
    def errors(self) -> pd.DataFrame:
        """The parse report's rows of severity ``error``: documents that could not be read
        (file, line where there is one, and why)."""
        report = self.parse_report
        return report[report["severity"] == "error"]

    def rows(self, name: str) -> int:
        """How many rows frame ``name`` has, from its file's metadata (nothing is read)."""
        if name in self._frames:
            return len(self._frames[name])
        import pyarrow.parquet as pq

        return int(pq.read_metadata(self.processed / f"{name}.parquet").num_rows)

    def __repr__(self) -> str:
        try:
            docs = self.documents
            n = lambda k: format_sv(self.rows(k), 0)  # noqa: E731
            checks = self.checks
            off = int((checks["status"] != "ok").sum())
            errors = len(self.errors)
        except (OSError, KeyError, ValueError) as exc:
            return f"<Dataset {self.processed}: kan inte läsas ({exc})>"
        where = f" ur {self.folder}" if self.folder is not None else ""
        filled = [f"{k} {n(k)}" for k in FRAME_NAMES[4:] if k != "checks" and self.rows(k)]
        empty = [k for k in FRAME_NAMES[4:] if k != "checks" and not self.rows(k)]
        lines = [
            f"<Dataset: {format_sv(len(docs), 0)} dokument{where}",
            f"  observations {n('observations')}, parse_report {n('parse_report')}"
            f" ({errors} fel), checks {format_sv(len(checks), 0)} ({off} avviker)",
            "  tabeller: " + (", ".join(filled) or "inga rader"),
        ]
        if empty:
            lines.append("  tomma: " + ", ".join(empty))
        return "\n".join(lines) + ">"


def load(
    folder: str | os.PathLike | None = None,
    processed: str | os.PathLike | None = None,
    *,
    municipality: str | None = None,
    jobs: int = 1,
) -> Dataset | pd.DataFrame:
    """The documents in ``folder`` (a str or Path: one folder, or one file) as a
    ``Dataset``: ``sonanalys.load("delarsrapporter").budget``. ``None``: the embedded
    documents, ``data/raw``.

    The frames are parsed into ``processed`` (default: ``data/processed`` for
    ``data/raw``, else ``data/processed/mappar/<name>-<hash>``, where
    ``sonanalys parse --data FOLDER`` puts them) and parsed again only when a document
    or the library changed, judged by the documents' SHA-256: the second ``load`` of an
    unchanged folder reads the files the first wrote. ``municipality`` names the
    municipality of documents that do not say it (as ``parse --municipality``);
    ``jobs`` > 1 reads documents in that many processes.

    The older form ``load("budget")`` — a frame's name, not a folder — still returns that
    one frame of the embedded data (or of the frames in ``processed``).
    """
    if isinstance(folder, str) and folder in FRAME_NAMES and not Path(folder).exists():
        return load_frame(folder, Path(processed) if processed is not None else None)
    folder = Path(folder) if folder is not None else paths.RAW
    if not folder.exists():
        raise FileNotFoundError(f"{folder}: mappen finns inte")
    files, _ = iter_files([folder])
    if not files:
        kinds = " ".join(sorted(SUFFIXES))
        raise ValueError(f"{folder}: inga dokument här (läser {kinds})")
    out = Path(processed) if processed is not None else paths.processed_for(folder)
    said = Municipalities.of(municipality) if municipality else recorded_municipalities(out)
    if not is_current([folder], out, said):  # the command's cache: ``ensure_processed``
        process_to([folder], out, jobs=jobs, municipalities=said)
    return Dataset(out, folder)
