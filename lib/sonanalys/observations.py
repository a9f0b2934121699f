"""Documents to tidy observations (one row per printed value) and the parse report
(every numeric token that produced no value, with file, line and reason)."""

from __future__ import annotations

import functools
import gc
import os
import sys
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import memo
from .conservation import (
    AMOUNT_ALONE,
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
from .ours import own_file
from .prose import prose_records
from .readers import SUFFIXES, read
from .tables import CELL_COLUMNS, OBSERVATION_COLUMNS, REPORT_COLUMNS, header_count, interpret

_INT_COLUMNS = ("doc_year", "page", "year", "line", "row_order", "level")
_BOOL_COLUMNS = ("is_total", "is_root")
# folders of reference data beside the documents (Kolada groups and snapshot), not documents
REFERENCE_DIRS = {"kolada"}
_FLOAT_COLUMNS = ("value", "value_high")


@dataclass
class ParseResult:
    """What ``parse`` read: ``observations`` (one row per printed value), ``report`` (the
    parse report: what produced no value, with file, line and why), ``documents`` (the
    ``Document`` of each file read), ``errors`` (files that could not be read),
    ``skipped_files`` (not documents, by extension) and ``cells`` (every table cell as
    text)."""

    observations: pd.DataFrame
    report: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # documents that could not be read
    skipped_files: list[str] = field(default_factory=list)  # not documents, by extension
    cells: pd.DataFrame | None = None  # every body cell of every table, as text

    def __repr__(self) -> str:
        from .numparse import format_sv

        n = lambda x: format_sv(len(x), 0)  # noqa: E731
        return (
            f"<ParseResult: {n(self.documents)} dokument, {n(self.observations)} "
            f"observationer, {n(self.report)} rader i parse_report, {n(self.errors)} fel>"
        )


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


_WHOLE_LINE = {FLATTENED, IN_CONTENTS, UNREAD}


def document_records(
    doc: Document, cells: list[dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """Observation and report records of one document, in document order; with
    ``cells``, the tables' body cells as text are appended there."""
    obs: list[dict] = []
    report: list[dict] = []
    own_cells: list[dict] = []
    # a table goes on across a PDF's pages, never across a workbook's sheets
    pages = [] if doc.sheet_names else doc.page_starts
    tables = join_continued(doc.blocks, header_count, pages, doc.split_rows)
    for no, table in enumerate(tables, start=1):
        o, r = interpret(table, doc, no, own_cells)
        obs.extend(o)
        report.extend(r)
    text_obs, text_unread = prose_records(doc)
    obs.extend(text_obs)
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
    # a sentence's number no rule reads, unless its line is said whole above (a table
    # row, a table of contents, a flattened table)
    whole = {int(r["line"]) for r in report if r["reason"] in _WHOLE_LINE}
    for rec in text_unread:
        if rec["line"] not in whole:
            report.append(rec)
            seen.add(rec["line"])
    for n, text, reason in numbers_not_values(doc, seen):
        level = "warning" if reason == AMOUNT_ALONE else "info"  # a value left unread
        report.append(document_problem(doc.source, reason, level, n, "", text))
    for n, text, reason in getattr(doc, "invisible", ()):  # readers.encoding
        report.append(document_problem(doc.source, reason, "info", n, "", text))
    if cells is not None:
        cells.extend(own_cells)
    if doc.page_starts:
        for rec in obs + report + own_cells:
            _to_part_line(rec, doc)
    if doc.source_lines:  # a web page: the line in the file, not in its laid-out text
        for rec in obs + report + own_cells:
            line = rec.get("line")
            if line is not None and 0 < line <= len(doc.source_lines):
                rec["line"] = doc.source_lines[line - 1]
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
        elif isinstance(df[c].dtype, pd.StringDtype):
            # already text (pandas inferred it): only its missing cells become '', the
            # same column as the round trip below gives, at half the cost of parse()'s
            # frames (no second array of the strings built)
            df[c] = df[c].fillna("")
        else:
            df[c] = df[c].astype("object").where(df[c].notna(), "").astype(str)
    return df


def as_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> list[Path]:
    """``paths`` as a list of paths: a str or Path is one path (never its characters)."""
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    return [Path(p) for p in paths]


def iter_files(paths: Iterable[str | Path] | str | Path) -> tuple[list[Path], list[str]]:
    """Documents under ``paths`` (files, or folders searched recursively, except the
    reference-data folder ``kolada/``), sorted by name, and the files passed over because
    their extension is not a document's. A str or Path is one path."""
    found, skipped, _ = iter_sources(paths)
    return [f for f, _ in found], skipped


def iter_sources(
    paths: Iterable[str | Path] | str | Path,
) -> tuple[list[tuple[Path, str]], list[str], list[tuple[str, str]]]:
    """``iter_files`` with each document's source name — its path relative to the
    folder given (``ifo/budget.txt`` and ``lss/budget.txt`` are two sources), or the
    file's name when a file is given — and without duplicates: a file whose content
    (or, through a link, whose file) is one already listed is left out and returned
    as (its source, the source it duplicates), to be said once and read once."""
    import hashlib

    found: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for p in as_paths(paths):
        candidates = (
            sorted(
                [
                    q
                    for q in p.rglob("*")
                    if q.is_file() and not set(q.relative_to(p).parts[:-1]) & REFERENCE_DIRS
                ]
                + _unlisted(p)
            )
            if p.is_dir()
            else [p]
        )
        for q in candidates:
            if q.name.startswith(".") or (q.name.lower() == "readme.md" and p.is_dir()):
                continue
            if p.is_dir() and q.is_dir():  # a folder that could not be listed: said
                found.append((q, q.relative_to(p).as_posix() + "/"))
                continue
            if q.suffix.lower() in SUFFIXES or not p.is_dir():
                found.append((q, q.relative_to(p).as_posix() if p.is_dir() else q.name))
            else:
                skipped.append(str(q))
    # duplicates: the same file through a link, or files of the same size and bytes
    unique: list[tuple[Path, str]] = []
    duplicates: list[tuple[str, str]] = []
    by_real: dict[Path, str] = {}
    by_size: dict[int, list[tuple[Path, str]]] = {}
    for q, source in found:
        try:
            real, size = q.resolve(), q.stat().st_size
        except OSError:  # unreadable or gone: read_document says so
            unique.append((q, source))
            continue
        if real in by_real:
            duplicates.append((source, by_real[real]))
            continue
        by_real[real] = source
        if size:  # two empty files are each said to be empty, never one the other's copy
            by_size.setdefault(size, []).append((q, source))
        unique.append((q, source))
    same: dict[str, str] = {}  # source -> the first source with its bytes
    for group in by_size.values():
        if len(group) < 2:
            continue
        first: dict[str, str] = {}
        for q, source in group:
            try:
                digest = hashlib.sha256(q.read_bytes()).hexdigest()
            except OSError:
                continue
            if digest in first:
                same[source] = first[digest]
            else:
                first[digest] = source
    if same:
        duplicates += [(s, same[s]) for _, s in unique if s in same]
        unique = [(q, s) for q, s in unique if s not in same]
    return unique, skipped, duplicates


def _unlisted(folder: Path) -> list[Path]:
    """Folders under ``folder`` that could not be listed (no permission): their
    documents would be passed over without a word (``rglob`` skips them silently)."""
    import os

    failed: list[Path] = []

    def note(exc: OSError) -> None:
        if exc.filename:
            failed.append(Path(exc.filename))

    for _ in os.walk(folder, onerror=note):
        pass
    return [
        d
        for d in failed
        if d != folder
        and not any(part.startswith(".") for part in d.relative_to(folder).parts)
        and not set(d.relative_to(folder).parts) & REFERENCE_DIRS
    ]


DUPLICATE = "samma innehåll som {0}: läses en gång, under det namnet"


def duplicate_problems(duplicates: list[tuple[str, str]]) -> list[dict]:
    """One ``info`` row per file left out as a duplicate (``iter_sources``)."""
    return [document_problem(s, DUPLICATE.format(first), "info") for s, first in duplicates]


@dataclass(frozen=True)
class Municipalities:
    """Which municipality documents speak for where they do not say it themselves:
    ``default`` for every document in which none was detected, ``files`` (file name →
    municipality) for named files whatever they say. Names are Kolada's (``municipality``
    checks them)."""

    default: str = ""
    files: tuple[tuple[str, str], ...] = ()

    def for_document(self, source: str, detected: str) -> str:
        files = dict(self.files)  # a file named by its source, or by its name alone
        named = files.get(source) or files.get(source.rsplit("/", 1)[-1])
        return named or detected or self.default

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


class DocumentRead(tuple):
    """``read_document``'s (document, observations, report, cells, error), with the
    document's ``source`` name and the SHA-256 of the bytes that were read (None when
    the file could not be opened): a manifest records what was parsed, not what the
    file holds later."""

    source: str = ""
    sha256: str | None = None
    unopened: bool = False  # the file could not be opened (permissions, I/O)

    def __new__(cls, items, source: str = "", sha256: str | None = None, unopened=False):
        self = super().__new__(cls, items)
        self.source, self.sha256, self.unopened = source, sha256, unopened
        return self

    def __reduce__(self):  # to and from worker processes
        return (DocumentRead, (tuple(self), self.source, self.sha256, self.unopened))


def read_document(
    f: Path | tuple[Path, str], municipalities: Municipalities = UNSAID
) -> DocumentRead:
    """One file, read and interpreted: (document, observations, report, cells, error).
    A file that cannot be read gives no document, one report row and the error text; a
    file sonanalys wrote (``ours.own_file``) no document, one info row and no error.
    ``f`` is a path, or (path, source name) as ``iter_sources`` gives them."""
    import hashlib

    from .readers import read_bytes
    from .readers.limits import end_document, start_document

    f, source = f if isinstance(f, tuple) else (f, Path(f).name)
    sha = None
    start_document(source)
    try:
        try:
            data = read_bytes(f, source)
        except OSError as exc:
            msg = str(Unopened(source, f, exc))
            return DocumentRead(
                (None, [], [document_problem(source, msg, "error")], [], msg),
                source,
                None,
                unopened=True,
            )
        sha = hashlib.sha256(data).hexdigest()
        own = own_file(f, data)
        if own:  # a report, workbook or frame sonanalys wrote: passed over, said
            return DocumentRead((None, [], [document_problem(source, own, "info")], [], ""),
                                source, sha)  # fmt: skip
        doc = read(f, source, data)
        doc.municipality = municipalities.for_document(doc.source, doc.municipality)
        cells: list[dict] = []
        o, r = document_records(doc, cells)
    except DocumentError as exc:
        problem = document_problem(source, str(exc), "error", exc.line)
        return DocumentRead((None, [], [problem], [], str(exc)), source, sha)
    except Exception as exc:  # a bug of ours: name the file, read the others
        msg = (
            f"{source}: internt fel när filen lästes ({type(exc).__name__}: {exc}); "
            "skicka gärna filen till utvecklarna"
        )
        return DocumentRead(
            (None, [], [document_problem(source, msg, "error")], [], msg), source, sha
        )
    finally:
        memo.forget()
        end_document()
    return DocumentRead((doc, o, r, cells, ""), source, sha)


class Unopened(DocumentError):
    """A file that could not be opened at all (no read permission, an I/O error)."""

    def __init__(self, source: str, path: Path, exc: OSError):
        if Path(path).is_dir():
            super().__init__(
                source,
                f"mappen kunde inte läsas (ingen läsrätt): {path}; dess dokument lästes inte. "
                "Ge dig själv läsrätt till mappen (eller flytta den ur mappen) och kör igen",
            )
            return
        if isinstance(exc, PermissionError):
            why, todo = "ingen läsrätt", "ge dig själv läsrätt till filen"
        elif isinstance(exc, FileNotFoundError):
            why, todo = "den finns inte längre", "kontrollera mappen"
        else:
            why, todo = exc.strerror or type(exc).__name__, "kontrollera filen och disken"
        super().__init__(
            source,
            f"filen kunde inte öppnas ({why}): {path}; {todo} (eller ta bort den ur "
            "mappen) och kör igen",
        )


def read_documents(files: list, jobs: int, progress: bool, municipalities: Municipalities):
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
    paths: Iterable[str | Path] | str | Path,
    jobs: int = 1,
    progress: bool = False,
    municipalities: Municipalities = UNSAID,
) -> ParseResult:
    """Read every document under ``paths``: a folder or file (str or Path; a str is one
    path), or a list of them; folders are searched recursively. A document that cannot
    be read is named in ``errors`` and in the report (severity ``error``); the others
    are still read.
    ``jobs`` > 1 reads documents in that many worker processes; the result is the same.
    ``municipalities`` names the municipality of documents that do not say it."""
    files, skipped, duplicates = iter_sources(paths)
    obs: list[dict] = []
    report: list[dict] = []
    cells: list[dict] = []
    docs: list[Document] = []
    errors: list[str] = []
    report += duplicate_problems(duplicates)
    for doc, o, r, c, error in read_documents(files, jobs, progress, municipalities):
        if doc is not None:
            docs.append(doc)
        elif error:  # else a file of our own, passed over
            errors.append(error)
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
    """Tidy observations of the documents under ``paths`` (a folder or file, str or Path,
    or a list of them), one row per printed value; see the README for the columns."""
    return parse(paths).observations
