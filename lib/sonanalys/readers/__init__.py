"""Readers: a file on disk to a :class:`~sonanalys.model.Document`.

``read(path)`` picks the reader by extension: ``.txt``/``.md`` (text as extracted
from PDF/DOCX), ``.pdf``, ``.docx``, ``.xlsx``, ``.csv``. Bad input raises
:class:`~sonanalys.model.DocumentError` naming the file (and line, where there is one).
"""

from __future__ import annotations

from pathlib import Path

from .. import detect
from ..model import Document, DocumentError
from .encoding import decode
from .text import segment

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".xlsx", ".xlsm", ".csv"}


def read_text(text: str, source: str, encoding: str = "utf-8", file_kind: str = "text") -> Document:
    """A document from text already decoded."""
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
    return detect.describe(doc, file_kind)


def read(path: str | Path) -> Document:
    """Read one document. Raises :class:`DocumentError` for unreadable input."""
    p = Path(path)
    source = p.name
    suffix = p.suffix.lower()
    if not p.exists():
        raise DocumentError(source, f"filen finns inte: {p}")
    if p.is_dir():
        raise DocumentError(source, "är en mapp, inte ett dokument")
    if suffix not in SUFFIXES:
        raise DocumentError(source, f"okänd filtyp {suffix!r}; läser {', '.join(sorted(SUFFIXES))}")
    data = p.read_bytes()
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


__all__ = ["SUFFIXES", "Document", "DocumentError", "read", "read_text"]
