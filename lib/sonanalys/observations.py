"""Documents to tidy observations (one row per printed value) and the parse report
(every numeric token that produced no value, with file, line and reason)."""

from __future__ import annotations

import functools
import gc
import sys
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import memo
from .conservation import (
    FLATTENED,
    IN_CONTENTS,
    UNREAD,
    contents_lines,
    flattened_numbers,
    numbers_not_values,
    table_lines,
)
from .continuation import join_continued
from .model import Document, DocumentError
from .prose import prose_observations
from .readers import SUFFIXES, read
from .tables import CELL_COLUMNS, OBSERVATION_COLUMNS, REPORT_COLUMNS, header_count, interpret

_INT_COLUMNS = ("doc_year", "page", "year", "line", "row_order", "level")
_BOOL_COLUMNS = ("is_total", "is_root")
# folders of reference data beside the documents (Kolada groups and snapshot), not documents
REFERENCE_DIRS = {"kolada"}
_FLOAT_COLUMNS = ("value", "value_high")


@dataclass
class ParseResult:
    observations: pd.DataFrame
    report: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # documents that could not be read
    skipped_files: list[str] = field(default_factory=list)  # not documents, by extension
    cells: pd.DataFrame | None = None  # every body cell of every table, as text


def document_problem(
    source: str,
    reason: str,
    severity: str,
    line: int | None = None,
    sheet: str = "",
    text: str = "",
) -> dict:
    """A parse-report row about a document rather than a cell: unreadable, a spreadsheet
    problem, a missing table."""
    return {
        "source": source,
        "page": None,
        "sheet": sheet,
        "line": line,
        "table_id": "",
        "table": "",
        "row_label": "",
        "column_label": "",
        "cell_text": text,
        "token": text,
        "reason": reason,
        "severity": severity,
    }


def document_records(
    doc: Document, cells: list[dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """Observation and report records of one document, in document order; with
    ``cells``, the tables' body cells as text are appended there."""
    obs: list[dict] = []
    report: list[dict] = []
    own_cells: list[dict] = []
    tables = join_continued(doc.blocks, header_count, doc.page_starts)
    for no, table in enumerate(tables, start=1):
        o, r = interpret(table, doc, no, own_cells)
        obs.extend(o)
        report.extend(r)
    obs.extend(prose_observations(doc))
    for n, text, token in flattened_numbers(doc, obs):
        rec = document_problem(doc.source, FLATTENED, "warning", n, "", text)
        report.append({**rec, "token": token})
    seen = {int(r["line"]) for r in obs + report if r.get("line") is not None}
    for n, text in contents_lines(doc):
        if n not in seen:
            report.append(document_problem(doc.source, IN_CONTENTS, "info", n, "", text))
            seen.add(n)
    for n, text in table_lines(doc):
        if n not in seen:  # a table-like line no reader placed: said, never dropped
            report.append(document_problem(doc.source, UNREAD, "warning", n, "", text))
            seen.add(n)
    for n, text, reason in numbers_not_values(doc, seen):
        report.append(document_problem(doc.source, reason, "info", n, "", text))
    if cells is not None:
        cells.extend(own_cells)
    if doc.page_starts:
        for rec in obs + report + own_cells:
            _to_part_line(rec, doc)
    for sheet, row, text, what in doc.problems:
        report.append(document_problem(doc.source, what, "warning", row, sheet, text))
    return obs, report


def _to_part_line(rec: dict, doc: Document) -> None:
    """PDF: the running line becomes (page, line on the page); spreadsheets: (sheet, row)."""
    line = rec.get("line")
    if line is None:
        return
    p = max(bisect_right(doc.page_starts, line) - 1, 0)
    rec["line"] = line - doc.page_starts[p] + 1
    if doc.sheet_names:
        rec["page"] = None
        rec["sheet"] = doc.sheet_names[p]
    else:
        rec["page"] = p + 1


def frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=columns)
    for c in columns:
        if c in _INT_COLUMNS:
            df[c] = pd.array(df[c].astype("object").where(df[c].notna(), None), dtype="Int64")
        elif c in _BOOL_COLUMNS:
            df[c] = df[c].astype("object").where(df[c].notna(), False).astype(bool)
        elif c in _FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="raise").astype("float64")
        else:
            df[c] = df[c].astype("object").where(df[c].notna(), "").astype(str)
    return df


def iter_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Documents under ``paths`` (files, or folders searched recursively, except the
    reference-data folder ``kolada/``), sorted by name, and the files passed over because
    their extension is not a document's."""
    files: list[Path] = []
    skipped: list[str] = []
    for p in map(Path, paths):
        candidates = (
            sorted(
                q
                for q in p.rglob("*")
                if q.is_file() and not set(q.relative_to(p).parts[:-1]) & REFERENCE_DIRS
            )
            if p.is_dir()
            else [p]
        )
        for q in candidates:
            if q.name.startswith(".") or (q.name.lower() == "readme.md" and p.is_dir()):
                continue
            if q.suffix.lower() in SUFFIXES or not p.is_dir():
                files.append(q)
            else:
                skipped.append(str(q))
    return files, skipped


@dataclass(frozen=True)
class Municipalities:
    """Which municipality documents speak for where they do not say it themselves:
    ``default`` for every document in which none was detected, ``files`` (file name →
    municipality) for named files whatever they say. Names are Kolada's (``municipality``
    checks them)."""

    default: str = ""
    files: tuple[tuple[str, str], ...] = ()

    def for_document(self, source: str, detected: str) -> str:
        return dict(self.files).get(source) or detected or self.default

    def as_dict(self) -> dict:
        return {"default": self.default, "files": dict(self.files)} if self else {}

    @classmethod
    def from_dict(cls, d: dict) -> Municipalities:
        """The inverse of ``as_dict`` (names as recorded, not checked again)."""
        return cls(d.get("default", ""), tuple(sorted(d.get("files", {}).items())))

    def __bool__(self) -> bool:
        return bool(self.default or self.files)

    @classmethod
    def of(cls, default: str | None = None, files: dict[str, str] | None = None):
        from .kolada.reference import municipality_id, municipality_title

        def name(s: str) -> str:  # KeyError naming an unknown municipality
            return municipality_title(municipality_id(s))

        return cls(
            name(default) if default else "",
            tuple(sorted((f, name(m)) for f, m in (files or {}).items())),
        )


UNSAID = Municipalities()  # documents say their municipality themselves, or none


def read_document(
    f: Path, municipalities: Municipalities = UNSAID
) -> tuple[Document | None, list[dict], list[dict], list[dict], str]:
    """One file, read and interpreted: (document, observations, report, cells, error).
    A file that cannot be read gives no document, one report row and the error text."""
    try:
        doc = read(f)
        doc.municipality = municipalities.for_document(doc.source, doc.municipality)
        cells: list[dict] = []
        o, r = document_records(doc, cells)
    except DocumentError as exc:
        return None, [], [document_problem(f.name, str(exc), "error", exc.line)], [], str(exc)
    except Exception as exc:  # a bug of ours: name the file, read the others
        msg = (
            f"{f.name}: internt fel när filen lästes ({type(exc).__name__}: {exc}); "
            "skicka gärna filen till utvecklarna"
        )
        return None, [], [document_problem(f.name, msg, "error")], [], msg
    finally:
        memo.forget()
    return doc, o, r, cells, ""


def read_documents(files: list[Path], jobs: int, progress: bool, municipalities: Municipalities):
    """Each file's ``read_document``, in the files' order, from ``jobs`` worker processes
    (one: in this process). The order, not the finishing time, decides the output, so
    any number of jobs gives the same frames."""
    bar, frozen = None, False
    if progress and len(files) > 5:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="dokument", file=sys.stderr)
    try:
        if jobs <= 1 or len(files) < 2:
            for f in files:
                yield read_document(f, municipalities)
                if bar is not None:
                    bar.update()
            return
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor

        # a window of files in flight, so finished documents wait in memory only while
        # the caller catches up, never the whole corpus
        window = 2 * jobs
        # the workers are forked from this process: with its objects frozen, their
        # garbage collector never writes to the pages they share with it, so a worker
        # copies only what it touches (its own memory 32 -> 12 MB)
        gc.collect()
        gc.freeze()
        frozen = True
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            read_one = functools.partial(read_document, municipalities=municipalities)
            pending: deque = deque()
            queue = iter(files)
            for f in queue:
                pending.append(pool.submit(read_one, f))
                if len(pending) >= window:
                    break
            while pending:
                res = pending.popleft().result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.append(pool.submit(read_one, nxt))
                yield res
                if bar is not None:
                    bar.update()
    finally:
        if frozen:
            gc.unfreeze()
        if bar is not None:
            bar.close()


def parse(
    paths: Iterable[str | Path],
    jobs: int = 1,
    progress: bool = False,
    municipalities: Municipalities = UNSAID,
) -> ParseResult:
    """Read every document under ``paths``. A document that cannot be read is named in
    ``errors`` and in the report (severity ``error``); the others are still read.
    ``jobs`` > 1 reads documents in that many worker processes; the result is the same.
    ``municipalities`` names the municipality of documents that do not say it."""
    files, skipped = iter_files(paths)
    obs: list[dict] = []
    report: list[dict] = []
    cells: list[dict] = []
    docs: list[Document] = []
    errors: list[str] = []
    for doc, o, r, c, error in read_documents(files, jobs, progress, municipalities):
        if doc is None:
            errors.append(error)
        else:
            docs.append(doc)
        cells.extend(c)
        obs.extend(o)
        report.extend(r)
    return ParseResult(
        frame(obs, OBSERVATION_COLUMNS),
        frame(report, REPORT_COLUMNS),
        docs,
        errors,
        skipped,
        frame(cells, CELL_COLUMNS),
    )


def observations(paths: Iterable[str | Path] | str | Path) -> pd.DataFrame:
    """Tidy observations of the documents under ``paths`` (see the README for columns)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return parse(paths).observations
