"""Bytes to text, or a clear refusal. Never mojibake in labels."""

from __future__ import annotations

import re

from ..model import DocumentError

_MOJIBAKE = re.compile("Ã[\u0080-\u00bf¤¥¶…„–—]|Ã¥|Ã¤|Ã¶|Ã…|Ã„|Ã–|Ã©")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


Note = tuple[int, str, str]  # (line, the line as read, the reason): said in the parse report


def decode(data: bytes, source: str) -> tuple[str, str, list[Note]]:
    """Return ``(text, encoding, notes)``: UTF-8 (with or without BOM), UTF-16 with
    BOM, or Windows-1252 / Latin-1. Refuses binary data and text already mangled by a
    wrong conversion, naming the file and the first bad line. Windows-1252's
    punctuation kept as C1 control characters (``0\x9620 år`` for ``0–20 år``: text
    once read as Latin-1 instead of Windows-1252, as some exports give it) is read as
    the Windows-1252 character it stands for, and each line where it was is in
    ``notes``."""
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
    # a double conversion first: its bytes include C1 controls (``Ã\x85`` for ``Å``),
    # which this names better than an unknown control would
    moji = _MOJIBAKE.search(text)
    repaired: list[Note] = []
    if moji and enc.startswith("utf-8"):
        text, repaired = _undo_double_conversion(text, moji.start())
        moji = _MOJIBAKE.search(text)
    if moji:
        raise _refused(
            source,
            text,
            moji.start(),
            f"texten är felkodad ({moji.group(0)!r} där å/ä/ö borde stå): filen har konverterats "
            "två gånger; spara om den som UTF-8",
        )
    text, notes = _cp1252_controls(text)
    notes = repaired + notes
    bad = _CONTROL.search(text)
    if bad:
        raise _refused(
            source,
            text,
            bad.start(),
            f"okänd teckenkodning eller binärdata (tecken U+{ord(bad.group(0)):04X}); "
            "spara filen som UTF-8",
        )
    return text, enc, notes


DOUBLE_CONVERSION_UNDONE = (
    "filen var konverterad två gånger (UTF-8 läst som {0} och sparad som UTF-8 igen, "
    "{1!r} där {2!r} ska stå): konverteringen vändes för hela filen, och varje rad gick "
    "att vända utan förlust; läst som {3}"
)


def _undo_double_conversion(text: str, at: int) -> tuple[str, list[Note]]:
    """``text`` as it was before it was read as Latin-1 (or Windows-1252) and saved as
    UTF-8 again, and one note naming the first line it changed; or ``text`` unchanged
    and no note where that is not provable: every character of the file must encode in
    that single-byte code and the bytes must be valid UTF-8 (a file with one line
    converted and one not is no double conversion undone, but refused)."""
    for single in ("latin-1", "cp1252"):
        try:
            mended = text.encode(single).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        line = text.count("\n", 0, at) + 1
        was = text.split("\n")[line - 1]
        now = mended.split("\n")[line - 1]
        bad, good = _first_difference(was, now)
        shown = " ".join(now.split())
        name = "Latin-1" if single == "latin-1" else "Windows-1252"
        why = DOUBLE_CONVERSION_UNDONE.format(name, bad, good, shown[:200])
        return mended, [(line, shown, why)]
    return text, []


def _first_difference(was: str, now: str) -> tuple[str, str]:
    """The first mangled character sequence of ``was`` and the character it stands for in
    ``now`` (``('Ã¥', 'å')``)."""
    i = 0
    while i < len(now) and i < len(was) and was[i] == now[i]:
        i += 1
    good = now[i : i + 1]
    return was[i : i + len(good.encode("utf-8"))], good


def _refused(source: str, text: str, at: int, why: str) -> DocumentError:
    """The file refused for ``why``, naming the line of the text's character ``at``."""
    return DocumentError(source, why, text.count("\n", 0, at) + 1)


# the C1 controls that stand for Windows-1252's printable characters (five of the 32
# bytes are not defined there: those stay controls, and refused)
_C1_CP1252 = {
    chr(b): bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_C1 = re.compile("[" + "".join(_C1_CP1252) + "]")
C1_READ_AS = "styrtecken läst som Windows-1252 ({0}): läst som {1}"


def _cp1252_controls(text: str) -> tuple[str, list[Note]]:
    """``text`` with each C1 control that Windows-1252 gives a character read as that
    character, and for each line where one stood: (line, the line as read, the reason
    naming them). Only where the text has no other control character: a file of
    controls is binary, refused as a whole."""
    if not _C1.search(text) or _CONTROL.search(_C1.sub("", text)):
        return text, []
    lines = text.split("\n")
    notes: list[Note] = []
    for n, line in enumerate(lines, start=1):
        found = sorted(set(_C1.findall(line)))
        if not found:
            continue
        mended = _C1.sub(lambda m: _C1_CP1252[m.group()], line)
        lines[n - 1] = mended
        said = ", ".join(f"U+{ord(c):04X} = {_C1_CP1252[c]}" for c in found)
        shown = " ".join(mended.split())
        notes.append((n, shown, C1_READ_AS.format(said, shown[:200])))
    return "\n".join(lines), notes


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # the codec's own English reason stays on the exception chain, not in the message
        why = (
            "filen slutar mitt i ett tecken (avkortad)"
            if "truncated" in exc.reason or "end of data" in exc.reason
            else "en byte som inte hör till kodningen"
        )
        raise DocumentError(
            source, f"texten är inte giltig {encoding}: {why}, vid byte {exc.start}"
        ) from exc


# Characters that print as nothing: zero-width space/joiners, word joiner, byte-order
# mark, soft hyphen, and the bidi marks and embeddings. Inside a number (`82\u200b999`)
# they would split it in two; there they are removed, and said.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_IN_NUMBER = re.compile(
    rf"(?<=\d)[{_INVISIBLE_CHARS}]+(?=[\d ,.%\u00a0\u202f])"  # after a digit
    rf"|[{_INVISIBLE_CHARS}]+(?=[-+\u2212\u2013]?\d)"  # before a number or its sign
)
INVISIBLE_REMOVED = "osynligt tecken inne i ett tal togs bort ({0}): läst som {1}"


def remove_invisible(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """``text`` without the invisible characters that stand in or at a number, and
    for each line where one stood: (line, the line as read, the reason naming them)."""
    if not _ANY_INVISIBLE.search(text):
        return text, []
    lines = text.split("\n")
    notes: list[tuple[int, str, str]] = []
    for n, line in enumerate(lines, start=1):
        if not _ANY_INVISIBLE.search(line):
            continue
        found = sorted({f"U+{ord(ch):04X}" for m in _IN_NUMBER.finditer(line) for ch in m.group()})
        if not found:
            continue
        clean = _IN_NUMBER.sub("", line)
        lines[n - 1] = clean
        shown = " ".join(clean.split())
        notes.append((n, shown, INVISIBLE_REMOVED.format(", ".join(found), shown[:200])))
    return "\n".join(lines), notes
