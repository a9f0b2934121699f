"""Bytes to text, or a clear refusal. Never mojibake in labels."""

from __future__ import annotations

import re

from ..model import DocumentError

_MOJIBAKE = re.compile("Ã[\u0080-\u00bf¤¥¶…„–—]|Ã¥|Ã¤|Ã¶|Ã…|Ã„|Ã–|Ã©")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)``: UTF-8 (with or without BOM), UTF-16 with BOM, or
    Windows-1252 / Latin-1. Refuses binary data and text already mangled by a wrong
    conversion, naming the file and the first bad line."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = _strict(data[3:], "utf-8", source), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = _strict(data, "utf-16", source), "utf-16"
    else:
        nul = data.find(b"\x00", 0, 65536)
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise DocumentError(source, "binärfil (innehåller NUL-byte), inte text", line)
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, enc = data.decode("latin-1"), "latin-1"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DocumentError(
            source,
            f"okänd teckenkodning eller binärdata (tecken U+{ord(bad.group(0)):04X}); "
            "spara filen som UTF-8",
            line,
        )
    moji = _MOJIBAKE.search(text)
    if moji:
        line = text.count("\n", 0, moji.start()) + 1
        raise DocumentError(
            source,
            f"texten är felkodad ({moji.group(0)!r} där å/ä/ö borde stå): filen har konverterats "
            "två gånger; spara om den som UTF-8",
            line,
        )
    return text, enc


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source, f"ogiltig {encoding}: {exc.reason} vid byte {exc.start}"
        ) from exc
