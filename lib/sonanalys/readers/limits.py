"""Every bound on what one input may cost, in one place, each with its reason.

A hostile or broken file must never take the machine: a few kilobytes of spreadsheet
can declare a cell at ``XFD1048576`` (17 billion cells when read as a grid), a
megabyte of zip can unpack to gigabytes, and a pathological text can make a reader
slow. Each limit is far above the largest real document (the seeds and the corpus are
at most 1,4 MB as files, 3 500 lines, 40 cells wide, and parse in under a second each),
so a real document never meets one; when a file does, it is refused with a Swedish
message naming it and the limit, and the other documents are still read.

``SONANALYS_DOCUMENT_SECONDS`` (environment) raises or lowers the time budget.
"""

from __future__ import annotations

import os
import re
import zipfile

from ..model import DocumentError

MB = 1_000_000

# A document file as read from disk. The largest real document is 1,4 MB (a 26-page
# PDF); a 50 MB text file (hundreds of reports pasted together) is read whole (tested).
MAX_FILE_BYTES = 200 * MB

# One line of text. Running text on one line (a web page saved as text) reaches a few
# hundred thousand characters; a 1 MB line is read (tested). The longest real line is
# 1 917 characters.
MAX_LINE_CHARS = 5 * MB

# Numbers (runs of digits) in one document. Each becomes a row of a frame (about 0,3 ms
# and 3 kB each to interpret); the largest real document prints about 5 000, the 50 MB
# test file 30 000.
MAX_NUMBERS = 1_000_000

# A line's numbers times its length: each number's row carries its cell or line as
# text, so a long line full of numbers would copy itself once per number (a 1 MB line of
# 70 000 numbers: 70 GB). Real lines reach 0,2 million (181 numbers on 1 127
# characters); a 1 MB line of running text with two amounts is 2 million.
MAX_LINE_WEIGHT = 50 * MB
# The same summed over the document's lines (50 MB of text in all).
MAX_DOCUMENT_WEIGHT = 50 * MB

# A prose number's row label is its sentence; a "sentence" longer than this (a page of
# numbers without a full stop) gives each number only the text before it, up to this
# length. The longest real sentence with a number is 946 characters.
MAX_SENTENCE_CHARS = 2_000

# The parts of a .xlsx/.docx (a zip) together, unpacked, as the zip's directory declares
# them (the zip reader never unpacks more than is declared). A 100 000-row sheet of 20
# columns is about 60 MB unpacked; a zip bomb of 1 MB unpacks to 1 GB.
MAX_UNPACKED_BYTES = 300 * MB
# A part that unpacks to more than this many times its packed size is no document
# (XML compresses 5-20 times; a bomb thousands of times), once it is over 10 MB.
MAX_RATIO = 200
RATIO_FROM_BYTES = 10 * MB

# Cells of one workbook or CSV file read as a grid (rows x widest row, every sheet
# together): a sheet's extent, not only its filled cells, is read, and openpyxl holds
# each cell as an object (an .xlsx of 500 000 cells: 35 s and 620 MB to read). 100 000
# rows of 10 columns pass; a cell declared at XFD1048576 (17 billion) is refused before
# reading.
MAX_CELLS = 1_000_000

# Seconds to read and interpret one document. Real documents take under a second; a
# 50 MB text file about a minute on a slow laptop.
DOCUMENT_SECONDS = float(os.environ.get("SONANALYS_DOCUMENT_SECONDS", "") or 600)


class LimitExceeded(DocumentError):
    """A document over one of the limits above (a DocumentError: it names the file)."""


def _sv(n: float) -> str:
    from ..numparse import format_sv

    return format_sv(n, 0)


def check_file_size(size: int, source: str) -> None:
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(
            source,
            f"filen är {_sv(size / MB)} MB, över gränsen {_sv(MAX_FILE_BYTES / MB)} MB per "
            "dokument; dela upp den i mindre filer",
        )


_DIGITS = re.compile(r"\d+")


def check_text(text: str, source: str) -> None:
    """Refuse a text with a line over ``MAX_LINE_CHARS``, a line (or the whole text)
    whose numbers would copy it over ``MAX_LINE_WEIGHT`` (``MAX_DOCUMENT_WEIGHT``), or
    more than ``MAX_NUMBERS`` numbers; a line is named by its number. One pass, and
    none when the lines' lengths alone keep every count within its limit: a line of
    ``n`` characters holds at most ``(n + 1) // 2`` numbers (two are apart by a
    non-digit), so its weight is at most ``n * (n + 1) // 2`` (a 26-page PDF's 925 lines:
    0,9 ms of searching for digits, for a text far within the limits)."""
    lengths = [len(line) for line in text.split("\n")]
    longest = max(lengths)
    if (
        longest <= MAX_LINE_CHARS
        and longest * (longest + 1) // 2 <= MAX_LINE_WEIGHT
        and sum((n + 1) // 2 for n in lengths) <= MAX_NUMBERS
        and sum(n * (n + 1) // 2 for n in lengths) <= MAX_DOCUMENT_WEIGHT
    ):
        return
    numbers = weight = 0
    for no, line in enumerate(text.split("\n"), start=1):
        n = len(line)
        if n > MAX_LINE_CHARS:
            raise LimitExceeded(
                source,
                f"raden är {_sv(n)} tecken lång, över gränsen {_sv(MAX_LINE_CHARS)} tecken "
                "per rad; filen är troligen ingen text",
                no,
            )
        k = len(_DIGITS.findall(line))
        numbers += k
        weight += k * n
        if k * n > MAX_LINE_WEIGHT:
            raise LimitExceeded(
                source,
                f"raden har {_sv(k)} tal på {_sv(n)} tecken: för mycket text att upprepa för "
                "varje tal; dela raden i kortare rader eller meningar",
                no,
            )
    if numbers > MAX_NUMBERS:
        raise LimitExceeded(
            source,
            f"dokumentet har {_sv(numbers)} tal, över gränsen {_sv(MAX_NUMBERS)} per dokument; "
            "dela upp det i mindre filer",
        )
    if weight > MAX_DOCUMENT_WEIGHT:
        raise LimitExceeded(
            source,
            "dokumentets rader har för många tal på för långa rader (varje tal upprepar sin "
            "rad); dela långa rader i kortare",
        )


def check_zip(archive: zipfile.ZipFile, source: str, kind: str) -> None:
    """Refuse an .xlsx/.docx whose parts unpack to more than the limits, before any
    part is unpacked (from the sizes the zip's directory declares, which bound what
    the zip reader will unpack)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise LimitExceeded(
                source,
                f"{kind}-filens del {info.filename} packas upp till {_sv(info.file_size / MB)} "
                f"MB från {_sv(info.compress_size / 1000)} kB (mer än {MAX_RATIO} gånger): "
                "filen är ingen vanlig arbetsbok eller Word-fil och läses inte",
            )
    if total > MAX_UNPACKED_BYTES:
        raise LimitExceeded(
            source,
            f"{kind}-filen packas upp till {_sv(total / MB)} MB, över gränsen "
            f"{_sv(MAX_UNPACKED_BYTES / MB)} MB; dela upp den i mindre filer",
        )


def check_cells(cells: int, source: str, what: str = "", grid: bool = True) -> None:
    """Refuse over ``MAX_CELLS``: a grid's extent (rows × columns), or (``grid`` False)
    the cells a workbook's sheets hold."""
    if cells > MAX_CELLS:
        size = (
            f"spänner över {_sv(cells)} celler (rader × kolumner)"
            if grid
            else (f"har {_sv(cells)} celler")
        )
        raise LimitExceeded(
            source,
            f"{what or 'filen'} {size}, över gränsen {_sv(MAX_CELLS)}; ta bort tomma rader "
            "och kolumner längst ut eller dela upp filen",
        )


def start_document(source: str) -> None:
    """Start the clock of one document's budget (``DOCUMENT_SECONDS``); the clock
    lives in ``memo``, which every reader and interpreter passes through."""
    from .. import memo

    memo.start_clock(source, DOCUMENT_SECONDS)


def end_document() -> None:
    from .. import memo

    memo.stop_clock()


def check_time() -> None:
    """Raise when the document being read is over its time budget."""
    from .. import memo

    memo.check_clock()


def over_time(source: str, seconds: float) -> LimitExceeded:
    from ..numparse import format_sv

    return LimitExceeded(
        source,
        f"tolkningen tog mer än {format_sv(seconds)} sekunder (gränsen per dokument) och "
        "avbröts; dela upp dokumentet, eller höj gränsen med miljövariabeln "
        "SONANALYS_DOCUMENT_SECONDS",
    )


def damaged_why(exc: Exception) -> str:
    """Why an .xlsx/.docx cannot be opened, in Swedish, for its message (the zip or XML
    library's own English text stays on the exception chain, never in the message)."""
    if isinstance(exc, zipfile.BadZipFile):
        return "skadad eller avkortad: inte ett fullständigt zip-arkiv"
    if isinstance(exc, KeyError):
        return "skadad: en del som filen behöver saknas i arkivet"
    return "skadad: innehållet går inte att tolka"
