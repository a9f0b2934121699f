"""A tiny Excel 97-2003 workbook (.xls, BIFF8 in a compound file) built byte by byte,
for the .xls reader's tests: no writer library (xlwt is unmaintained), only the records
a reader needs (Microsoft's [MS-XLS] and [MS-CFB]): per sheet its numbers, texts,
booleans, errors and merged ranges; fonts (one bold), cell formats (a percent, a date)
and the date system. What it cannot build it does not try to: no strings table, no
formulas, one stream in regular sectors (padded past the 4 096-byte mini-stream cutoff)."""

from __future__ import annotations

import struct

# cell styles (XF indexes): 0 plain, 1 bold, 2 percent (builtin format 10: 0.00%), 3 date
# (builtin format 14: m/d/yy, a date to a reader)
PLAIN, BOLD, PERCENT, DATE = 0, 1, 2, 3


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _text(s: str, lenlen: int) -> bytes:
    raw = s.encode("utf-16-le")  # always stored as 16-bit characters (flag 1)
    return struct.pack("<B" if lenlen == 1 else "<H", len(s)) + b"\x01" + raw


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _font(bold: bool) -> bytes:
    weight = 700 if bold else 400
    # bold by its weight alone, as [MS-XLS] has it (the flags' first bit is unused there)
    body = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, weight, 0, 0, 0, 0, 0)
    return _record(0x0031, body + _text("Arial", 1))


def _xf(font: int, fmt: int, style: bool) -> bytes:
    kind = 0xFFF5 if style else 0x0001  # a style XF; a cell XF of parent style 0
    return _record(0x00E0, struct.pack("<HHHBBBBIiH", font, fmt, kind, 0x20, 0, 0, 0, 0, 0, 0))


def _cell(row: int, col: int, value: object, xf: int) -> bytes:
    if isinstance(value, bool):
        return _record(0x0205, struct.pack("<HHHBB", row, col, xf, int(value), 0))
    if isinstance(value, int | float):
        return _record(0x0203, struct.pack("<HHHd", row, col, xf, float(value)))
    if isinstance(value, str) and value.startswith("#"):  # an error cell: #DIV/0! is 7
        code = {"#NULL!": 0, "#DIV/0!": 7, "#VALUE!": 15, "#REF!": 23, "#N/A": 42}[value]
        return _record(0x0205, struct.pack("<HHHBB", row, col, xf, code, 1))
    return _record(0x0204, struct.pack("<HHH", row, col, xf) + _text(str(value), 2))


def workbook(sheets: dict[str, list[list]], merged: dict[str, list[tuple]] | None = None,
             date_1904: bool = False) -> bytes:  # fmt: skip
    """The bytes of an .xls of ``sheets`` (name -> rows of cells; a cell is a value, or
    ``(value, style)`` with a style above; ``None`` for no cell), ``merged`` ranges per
    sheet as (first row, last row, first column, last column), 0-based."""
    fonts = _font(False) + _font(True) + _font(False) + _font(False)  # index 4 is skipped
    xfs = b"".join(_xf(0, 0, True) for _ in range(16))  # the 16 style XFs Excel writes
    xfs += _xf(0, 0, False) + _xf(1, 0, False) + _xf(0, 10, False) + _xf(0, 14, False)
    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    head += _record(0x0022, struct.pack("<H", int(date_1904))) + fonts + xfs
    bodies = []
    for name, rows in sheets.items():
        body = _bof(0x0010)
        width = max((len(r) for r in rows), default=0)
        body += _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                value, style = cell if isinstance(cell, tuple) else (cell, PLAIN)
                if value is not None:
                    body += _cell(r, c, value, 16 + style)
        ranges = (merged or {}).get(name, [])
        if ranges:
            body += _record(0x00E5, struct.pack("<H", len(ranges))
                            + b"".join(struct.pack("<HHHH", *m) for m in ranges))  # fmt: skip
        bodies.append(body + _record(0x000A, b""))
    sheet_records = [_text(name, 1) for name in sheets]
    size_of_sheets = sum(4 + 6 + len(t) for t in sheet_records)
    pos = len(head) + size_of_sheets + 4  # after the globals' EOF
    globals_ = head
    for text, body in zip(sheet_records, bodies, strict=True):
        globals_ += _record(0x0085, struct.pack("<IBB", pos, 0, 0) + text)
        pos += len(body)
    stream = globals_ + _record(0x000A, b"") + b"".join(bodies)
    return _compound(stream)


def _compound(stream: bytes) -> bytes:
    """``stream`` as the one stream 'Workbook' of a compound file (version 3, 512-byte
    sectors): sector 0 the allocation table, 1 the directory, 2… the stream."""
    data = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    size = len(data)  # at the cutoff or over: in regular sectors, never the mini stream
    n = len(data) // 512
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fat_sector, end] + [3 + i for i in range(n - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0,
                          4096, end, 0, end, 0)  # fmt: skip
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108  # the FAT is sector 0

    def entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
        raw = (name.encode("utf-16-le") + b"\0\0") if name else b""
        links = struct.pack("<HBBIII", len(raw), kind, 1, free, free, child)
        rest = bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", start, length)
        return raw.ljust(64, b"\0") + links + rest

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 2, size)
    directory += entry("", 0, free, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + directory + data
