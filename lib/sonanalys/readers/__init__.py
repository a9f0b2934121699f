"""Readers: a file on disk to a :class:`~sonanalys.model.Document` (its lines, with
pages and cells where the format has them), one reader per format.

``FORMATS`` is the registry, the one place that says which formats are read: each
:class:`Format` names its suffixes, its reader (``read(data, source) -> Document``)
and, where the format has one, the content check a misnamed file fails (a ``.pdf`` that
does not start with ``%PDF`` is refused, never read as something else). ``read(path)``
picks the format by suffix (``reader_for``), checks the content, and calls its reader.
A new format is one more ``Format`` here and its reader module. Bad input raises
:class:`~sonanalys.model.DocumentError` naming the file (and line, where there is one).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import detect
from ..model import Document, DocumentError
from . import limits
from .encoding import Note, decode, remove_invisible
from .limits import check_file_size, check_text
from .text import segment


def read_text(
    text: str,
    source: str,
    encoding: str = "utf-8",
    file_kind: str = "text",
    decoded: list[Note] | None = None,
) -> Document:
    """A document from text already decoded (``decoded``: what decoding it said of its
    lines, ``encoding.decode``)."""
    check_text(text, source)
    text, invisible = remove_invisible(text)
    lines = text.split("\n")
    blocks, footnotes = segment(lines)
    doc = Document(
        source=source,
        blocks=blocks,
        encoding=encoding,
        footnotes=footnotes,
        format=file_kind,
        lines=lines,
    )
    # said in the parse report
    doc.invisible = [*(decoded or ()), *invisible]  # type: ignore[attr-defined]
    return detect.describe(doc, file_kind)


def _text(data: bytes, source: str) -> Document:
    """Text as extracted from PDF/DOCX (``.txt``, ``.md``): its encoding found
    (``encoding.decode``), then the lines segmented into prose and tables by the layouts
    (``readers.layouts``)."""
    text, enc, decoded = decode(data, source)
    if not text.strip():
        raise DocumentError(source, "filen innehåller bara blanktecken")
    return read_text(text, source, enc, decoded=decoded)


def _pdf(data: bytes, source: str) -> Document:
    """A PDF's pages: lines from PDFium's characters, ruled tables from its lines."""
    from .pdf import read_pdf

    return read_pdf(data, source)


def _docx(data: bytes, source: str) -> Document:
    """A Word document: paragraphs and tables in document order."""
    from .docx import read_docx

    return read_docx(data, source)


def _csv(data: bytes, source: str) -> Document:
    """A CSV file: one sheet of cells as text."""
    from .sheet import read_csv

    return read_csv(data, source)


def _xlsx(data: bytes, source: str) -> Document:
    """A workbook: each sheet's cells as text (values and formulas)."""
    from .sheet import read_xlsx

    return read_xlsx(data, source)


def _xls(data: bytes, source: str) -> Document:
    """An Excel 97-2003 workbook; or, as many systems save their "Excel" exports, a web
    page, a CSV or an .xlsx given the name ``.xls``: read by what it is (as Excel opens
    them, after a warning), and said in the parse report."""
    from .sheet import read_xls

    if _starts_ole(data):
        return read_xls(data, source)
    kind, read_as = _xls_content(data)
    doc = read_as(data, source)
    doc.problems.append(("", 1, "", f"filen heter .xls men är {kind}; läst som {kind}"))
    return doc


def _starts_ole(data: bytes) -> bool:
    return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # a compound file


def _xls_content(data: bytes) -> tuple[str, Callable[[bytes, str], Document]]:
    """What a file named ``.xls`` that is no compound file holds, and its reader (the
    format's check, ``_looks_xls``, has refused anything else before)."""
    if data.startswith(b"PK\x03\x04"):
        return "en arbetsbok i .xlsx-format", _xlsx
    if _looks_html(data):
        return "en webbsida (HTML)", _html
    return "text med kolumner (CSV)", _csv


def _looks_xls(data: bytes) -> bool:
    """A compound file, a zip (an .xlsx), a web page, or text with a delimiter on its
    first line (no NUL byte at its start: text, not some other binary file)."""
    if _starts_ole(data) or data.startswith(b"PK\x03\x04") or _looks_html(data):
        return True
    head = data[:4096]
    first = head.split(b"\n", 1)[0]
    return b"\x00" not in head and any(d in first for d in (b";", b"\t", b","))


def _html(data: bytes, source: str) -> Document:
    """A saved web page: its tables as tables, the text around them as paragraphs."""
    from .html import read_html

    return read_html(data, source)


def _looks_html(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<html" in head or b"<table" in head


def _starts_pdf(data: bytes) -> bool:
    """``data.lstrip().startswith(b"%PDF")`` without a copy of the file (lstrip copies
    all of it after any leading whitespace)."""
    return _PDF_HEAD.match(data) is not None


_PDF_HEAD = re.compile(rb"[ \t\n\r\x0b\x0c]*%PDF")  # bytes.strip's whitespace, then %PDF


@dataclass(frozen=True)
class Format:
    """One format the parser reads: a file's bytes to a Document."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str], Document]  # (data, source) -> Document
    # the content a file of this format has; a file named so without it is refused
    looks_like: Callable[[bytes], bool] | None = None
    not_it: str = ""  # the refusal's words


FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".md", ".markdown"), _text),
    Format("pdf", (".pdf",), _pdf, _starts_pdf, "inte en PDF (filen börjar inte med %PDF)"),
    Format("docx", (".docx",), _docx),
    Format("xlsx", (".xlsx", ".xlsm"), _xlsx),
    Format(
        "xls",
        (".xls",),
        _xls,
        _looks_xls,
        "inte en Excel 97–2003-arbetsbok (.xls) fast den heter så, och inte heller en webbsida, "
        "CSV eller .xlsx med fel filändelse",
    ),
    Format("csv", (".csv",), _csv),
    Format(
        "html",
        (".html", ".htm"),
        _html,
        _looks_html,
        "inte en webbsida (ingen HTML-tagg i filens början)",
    ),
)

_BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
TEXT_SUFFIXES = {s for f in FORMATS if f.name == "text" for s in f.suffixes}
SUFFIXES = set(_BY_SUFFIX)


def reader_for(suffix: str, source: str) -> Format:
    """The format a file's suffix names; an unknown suffix is refused, naming the
    suffixes that are read."""
    fmt = _BY_SUFFIX.get(suffix.lower())
    if fmt is None:
        raise DocumentError(source, f"okänd filtyp {suffix!r}; läser {', '.join(sorted(SUFFIXES))}")
    return fmt


def read(path: str | Path, source: str | None = None, data: bytes | None = None) -> Document:
    """Read one document. Raises :class:`DocumentError` for unreadable input.
    ``source`` names it (default: the file's name); ``data`` are its bytes when the
    caller has read them already (to hash exactly what was read)."""
    p = Path(path)
    source = source or p.name
    suffix = p.suffix.lower()
    if data is None:
        if not p.exists():
            raise DocumentError(source, f"filen finns inte: {p}")
        if p.is_dir():
            raise DocumentError(source, "är en mapp, inte ett dokument")
        fmt = reader_for(suffix, source)
        data = read_bytes(p, source)
    else:
        fmt = reader_for(suffix, source)
    if not data:
        raise DocumentError(source, "filen är tom")
    if data.isspace():  # (not data.strip(), which copied the whole file when it ends in a newline)
        raise DocumentError(source, "filen innehåller bara blanktecken")
    if fmt.looks_like is not None and not fmt.looks_like(data):
        raise DocumentError(source, fmt.not_it)
    return fmt.read(data, source)


def read_bytes(path: Path, source: str) -> bytes:
    """A document's bytes, refused over ``limits.MAX_FILE_BYTES`` before they are read
    (and never more than that read, should the file grow meanwhile). Its size is asked
    for first, one byte more than that (asking for the limit's 200 MB made a buffer of
    that size each time: 0,3 ms), and the rest read only if more came than it said."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        check_file_size(size, source)
        want = min(size, limits.MAX_FILE_BYTES) + 1
        data = fh.read(want)
        if len(data) == want and want <= limits.MAX_FILE_BYTES:  # it grew meanwhile
            data += fh.read(limits.MAX_FILE_BYTES + 1 - want)
    check_file_size(len(data), source)
    return data


__all__ = ["FORMATS", "SUFFIXES", "Document", "DocumentError", "Format", "read", "read_text"]
