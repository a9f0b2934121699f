"""Readers: a file on disk to a :class:`~sonanalys.model.Document`.

``read(path)`` picks the reader by extension: ``.txt``/``.md`` (text as extracted
from PDF/DOCX), ``.pdf``, ``.docx``, ``.xlsx``, ``.csv``. Bad input raises
:class:`~sonanalys.model.DocumentError` naming the file (and line, where there is one).
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import detect
from ..model import Document, DocumentError
from . import limits
from .encoding import decode, remove_invisible
from .limits import check_file_size, check_text
from .text import segment

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".xlsx", ".xlsm", ".csv"}


def read_text(text: str, source: str, encoding: str = "utf-8", file_kind: str = "text") -> Document:
    """A document from text already decoded."""
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
    doc.invisible = invisible  # type: ignore[attr-defined]  # said in the parse report
    return detect.describe(doc, file_kind)


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
        if suffix not in SUFFIXES:
            raise DocumentError(
                source, f"okänd filtyp {suffix!r}; läser {', '.join(sorted(SUFFIXES))}"
            )
        data = read_bytes(p, source)
    elif suffix not in SUFFIXES:
        raise DocumentError(source, f"okänd filtyp {suffix!r}; läser {', '.join(sorted(SUFFIXES))}")
    if not data:
        raise DocumentError(source, "filen är tom")
    if not data.strip():
        raise DocumentError(source, "filen innehåller bara blanktecken")
    if suffix in TEXT_SUFFIXES:
        text, enc = decode(data, source)
        if not text.strip():
            raise DocumentError(source, "filen innehåller bara blanktecken")
        return read_text(text, source, enc)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(data, source)
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(data, source)
    if suffix == ".csv":
        from .sheet import read_csv

        return read_csv(data, source)
    from .sheet import read_xlsx

    return read_xlsx(data, source)


def read_bytes(path: Path, source: str) -> bytes:
    """A document's bytes, refused over ``limits.MAX_FILE_BYTES`` before they are read
    (and never more than that read, should the file grow meanwhile)."""
    with open(path, "rb") as fh:
        check_file_size(os.fstat(fh.fileno()).st_size, source)
        data = fh.read(limits.MAX_FILE_BYTES + 1)
    check_file_size(len(data), source)
    return data


__all__ = ["SUFFIXES", "Document", "DocumentError", "read", "read_text"]
