"""What sonanalys writes, marked as its own, and found again when a folder given to
``parse`` holds it: a report page, a workbook, the processed frames. Read as documents
they would feed the analysis's own figures back in as if they were the municipality's,
so ``parse`` passes them over with an info row that says so (``own_file``).

The marks: a report page's ``<meta name="generator" content="sonanalys …">``; a
workbook's document property Program (``docProps/app.xml``'s ``Application``); a report
PDF's document information, Creator ``sonanalys …`` (``report.pdf.mark_own``); the
processed folder's ``manifest.json`` (the frames' CSV and parquet files and
``sonanalys.xlsx`` beside it) and the report folder's ``.sonanalys-reports.json`` (each
report's HTML, workbook and PDF); a CSV whose header is one of sonanalys's frames'
columns, wherever it was copied."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

NAME = "sonanalys"
try:  # the installed version (sonanalys.__version__; not imported: the package imports us)
    APPLICATION = f"{NAME} {version(NAME)}"  # a workbook's Program property
except PackageNotFoundError:  # pragma: no cover - run from a source tree, not installed
    APPLICATION = NAME
HTML_GENERATOR = f'<meta name="generator" content="{APPLICATION}">'
PROCESSED_MANIFEST = "manifest.json"  # pipeline.MANIFEST
REPORTS_MANIFEST = ".sonanalys-reports.json"  # report.index.MANIFEST

_GENERATOR = re.compile(
    rb"<meta\s[^>]*?(?:name\s*=\s*[\"']?generator[\"']?\s[^>]*?content\s*=\s*[\"']?sonanalys\b"
    rb"|content\s*=\s*[\"']?sonanalys\b[^>]*?\sname\s*=\s*[\"']?generator\b)",
    re.IGNORECASE,
)
_PDF_CREATOR = re.compile(
    rb"/Creator\s*(?:\(\s*sonanalys\b|<\s*FEFF\s*0073006F006E0061006E0061006C00790073)",
    re.IGNORECASE,
)
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>\s*sonanalys\b", re.IGNORECASE)
HEAD = 1 << 20  # where a page's mark is looked for (ours stands first in its head)
PASSED_OVER = "läses inte som dokument: {what} (analysens egna tal, inte kommunens)"


def own_file(path: Path, data: bytes) -> str | None:
    """Why the file at ``path`` (its bytes ``data``) is sonanalys's own output, in the
    parse report's words; None for a document."""
    path = Path(path)
    what = _in_own_folder(path) or _marked(path, data)
    return PASSED_OVER.format(what=what) if what else None


def _marked(path: Path, data: bytes) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") and _GENERATOR.search(data[:HEAD]):
        return f'{path.name} är en rapport skriven av sonanalys (<meta name="generator">)'
    if suffix in (".xlsx", ".xlsm") and _workbook_application(data):
        return f"{path.name} är en arbetsbok skriven av sonanalys (egenskapen Program)"
    if suffix == ".pdf" and _pdf_creator(data):
        return f"{path.name} är en rapport skriven av sonanalys (PDF-egenskapen Skapare)"
    if suffix == ".csv":
        frame = _frame_of_header(data)
        if frame:
            return f"{path.name} har kolumnerna i sonanalys tabell {frame}"
    return None


def _workbook_application(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return bool(_APPLICATION.search(z.read("docProps/app.xml")[:4096]))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False


def _pdf_creator(data: bytes) -> bool:
    """The PDF's document information names sonanalys as its Creator
    (``report.pdf.mark_own``): ``/Creator (sonanalys …)``, or the same as UTF-16 hex as a
    tool that saves the file again may write it. Read from the bytes, without opening
    the PDF (parse reads every PDF once, and only once)."""
    return data.startswith(b"%PDF") and bool(_PDF_CREATOR.search(data))


def _frame_of_header(data: bytes) -> str | None:
    first = data[:4096].split(b"\n", 1)[0].rstrip(b"\r")
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    try:
        header = tuple(first.decode("utf-8").split(","))
    except UnicodeDecodeError:
        return None
    return _frame_headers().get(header)


@lru_cache(maxsize=1)
def _frame_headers() -> dict[tuple[str, ...], str]:
    """Each frame ``parse`` writes, by its CSV header."""
    from .domain.schemas import SCHEMAS
    from .tables import CELL_COLUMNS, DOCUMENT_COLUMNS, OBSERVATION_COLUMNS, REPORT_COLUMNS

    out = {tuple(cols): name for name, cols in (
        ("documents", DOCUMENT_COLUMNS), ("observations", OBSERVATION_COLUMNS),
        ("parse_report", REPORT_COLUMNS), ("cells", CELL_COLUMNS),
    )}  # fmt: skip
    for name, schema in SCHEMAS.items():
        out[tuple(schema.columns)] = name
    return out


def _in_own_folder(path: Path) -> str | None:
    """The file is one a manifest beside it says sonanalys wrote."""
    folder = path.parent
    name = path.name
    processed = _json(folder / PROCESSED_MANIFEST)
    if isinstance(processed, dict) and "library" in processed and "frames" in processed:
        frames = processed.get("frames") or []
        ours = {f"{n}.{ext}" for n in frames if isinstance(n, str) for ext in ("csv", "parquet")}
        if name in ours or name == "sonanalys.xlsx":
            return f"{name} är tolkad data som sonanalys parse skrev ({PROCESSED_MANIFEST})"
    reports = _json(folder / REPORTS_MANIFEST)
    if isinstance(reports, list):
        made = {"index.html"}
        for e in reports:
            if isinstance(e, dict):
                made.update(str(e[k]) for k in ("html", "xlsx", "pdf") if e.get(k))
                made.update(str(f) for f in (e.get("files") or {}))
        if name in made:
            return f"{name} är en rapport som sonanalys report skrev ({REPORTS_MANIFEST})"
    return None


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
