"""What a PDF page holds, read through PDFium (pypdfium2): its runs of text with their
boxes, and the straight edges of its drawn paths (ruling lines, cell borders, shaded
cells). Coordinates are points from the page's top left, as pdfplumber gives them:
``x0, top, x1, bottom`` — from the top left of the page turned the way its text reads:
a page stored turned and shown upright (``/Rotate``), or a wide table set sideways on a
portrait page, is read upright.

A run is what PDFium's text page calls a rectangle: characters on one line that stand
together (a cell's text, a line of prose). Reading runs, not characters, is what makes
this fast: a page has hundreds of runs and thousands of characters, and each call into
PDFium costs about as much as the work done with its answer."""

from __future__ import annotations

import ctypes
import math
import re
import struct
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

Box = tuple[float, float, float, float]
Edge = tuple[float, float, float, float]


@dataclass(slots=True)
class Run:
    """A run of text on one line, its box in page points from the top left, and the
    text page's indices of its characters (``start`` up to ``end``)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    start: int = -1
    end: int = -1
    spaced: bool = False  # a space stands before it in the text page's text
    size: float = 0.0  # its font size in points (0: not known)


@dataclass
class Page:
    left: float  # the crop box's left and top in PDF points (y up), for PDFium calls
    top: float
    runs: list[Run] = field(default_factory=list)
    width: float = 0.0  # the crop box's width and height as stored, before turning
    height: float = 0.0
    rotation: int = 0  # degrees the stored page is turned clockwise to read its text
    text: str = ""  # the text page's text, which runs' ``start`` and ``end`` index
    # the drawn paths' straight edges as read (``_edges``): upright rectangles as boxes
    # (x0, top, x1, bottom), four edges each, and the other paths' level and upright
    # segments, each with the number of rectangles drawn before it. ``horizontal`` and
    # ``vertical`` give the edges in the order drawn, made when first asked for (a
    # table's geometry needs only those a point long or more: ``ruling_edges``)
    rects: list[Box] = field(default_factory=list, repr=False)
    lines_h: list[tuple[int, Edge]] = field(default_factory=list, repr=False)
    lines_v: list[tuple[int, Edge]] = field(default_factory=list, repr=False)
    made: tuple[list[Edge], list[Edge]] | None = field(default=None, repr=False)

    @property
    def horizontal(self) -> list[Edge]:
        """The straight level edges (x0, top, x1, bottom: top == bottom), in the order
        drawn: a rectangle's top and bottom side, a path's level segments."""
        return self.edges()[0]

    @property
    def vertical(self) -> list[Edge]:
        """The straight upright edges (x0 == x1), in the order drawn: a rectangle's left
        and right side, a path's upright segments."""
        return self.edges()[1]

    def edges(self) -> tuple[list[Edge], list[Edge]]:
        if self.made is None:
            rects = self.rects
            h = _in_order(
                rects, self.lines_h, [((a, b, c, b), (a, d, c, d)) for a, b, c, d in rects]
            )
            v = _in_order(
                rects, self.lines_v, [((a, b, a, d), (c, b, c, d)) for a, b, c, d in rects]
            )
            self.made = h, v
        return self.made

    def set_edges(self, horizontal: list[Edge], vertical: list[Edge]) -> None:
        """The page's edges given as they are (a turned page's)."""
        self.made = horizontal, vertical
        self.rects, self.lines_h, self.lines_v = [], [], []

    def ruling_edges(self) -> tuple[list[Edge], list[Edge]]:
        """The horizontal and vertical edges at least a point long, those a table's
        geometry keeps (``ruling.tables``), in no set order (snapping and joining them
        does not depend on it): from the rectangles as read, without making every
        edge."""
        if self.made is not None:
            made_h, made_v = self.made
            return [e for e in made_h if e[2] - e[0] >= 1], [e for e in made_v if e[3] - e[1] >= 1]
        h: list[Edge] = []
        v: list[Edge] = []
        h_add, v_add = h.append, v.append
        for x0, top, x1, bottom in self.rects:  # as the edges' own lengths are measured
            if x1 - x0 >= 1:
                h_add((x0, top, x1, top))
                h_add((x0, bottom, x1, bottom))
            if bottom - top >= 1:
                v_add((x0, top, x0, bottom))
                v_add((x1, top, x1, bottom))
        h += [e for _k, e in self.lines_h if e[2] - e[0] >= 1]
        v += [e for _k, e in self.lines_v if e[3] - e[1] >= 1]
        return h, v

    def turned(self, box: Box) -> Box:
        """A box on the page as stored (points from its top left) on the page turned
        ``rotation`` degrees clockwise."""
        u0, v0, u1, v1 = box
        w, h = self.width, self.height
        if self.rotation == 90:  # the stored left edge comes to the top
            return h - v1, u0, h - v0, u1
        if self.rotation == 180:
            return w - u1, h - v1, w - u0, h - v0
        if self.rotation == 270:  # the stored right edge comes to the top
            return v0, w - u1, v1, w - u0
        return box


class _Handle(ctypes.c_void_p):
    """A PDFium handle as a call gives it back, kept a ctypes pointer (a subclass of
    ``c_void_p`` is not turned into an int), so that it goes to the next call as is."""


class _Lean:
    """PDFium's functions that run per path, per line or per word, called through lean
    prototypes: pypdfium2's typed bindings check and convert every argument, which
    costs four times the call itself. Made from the typed functions' own addresses
    (public ``pypdfium2.raw``), once. They keep the GIL (``PYFUNCTYPE``): each call is
    a fraction of a microsecond, and releasing and taking the lock again cost a fifth
    of that (PDFium is not thread-safe anyway: pypdfium2 is never used from two threads
    at once).

    The calls made for every object and every line of a page (``bare``) declare no
    argument types, which halves their cost: ctypes passes a ctypes pointer (a page's
    or text page's ``raw``, a ``_Handle``, a ``byref``) as a pointer and a Python int as
    a C int, so their handles and out-parameters must be ctypes objects, never ints
    (an address as an int would be cut to 32 bits). The rest (``typed``) take
    addresses as ints."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        vp, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float

        def typed(fn, restype, *argtypes):
            address = ctypes.cast(fn, vp).value
            return ctypes.PYFUNCTYPE(restype, *argtypes)(address)

        def bare(fn, restype):  # arguments: ctypes pointers and C ints only
            return typed(fn, restype)

        self.count_objects = bare(raw.FPDFPage_CountObjects, i)  # (page)
        self.get_object = bare(raw.FPDFPage_GetObject, _Handle)  # (page, index)
        self.form_count = typed(raw.FPDFFormObj_CountObjects, i, vp)
        self.form_object = typed(raw.FPDFFormObj_GetObject, _Handle, vp, ctypes.c_ulong)
        self.object_type = bare(raw.FPDFPageObj_GetType, i)  # (object)
        self.matrix = bare(raw.FPDFPageObj_GetMatrix, i)  # (object, byref(FS_MATRIX))
        self.count_segments = bare(raw.FPDFPath_CountSegments, i)  # (path)
        self.segment = bare(raw.FPDFPath_GetPathSegment, vp)  # (path, index): an int
        self.point = typed(raw.FPDFPathSegment_GetPoint, i, vp, vp, vp)
        self.segment_type = typed(raw.FPDFPathSegment_GetType, i, vp)
        self.closed = typed(raw.FPDFPathSegment_GetClose, i, vp)
        self.count_rects = bare(raw.FPDFText_CountRects, i)  # (text page, start, count)
        self.rect = bare(raw.FPDFText_GetRect, i)  # (text page, index, 4 × byref(double))
        self.font_size = bare(raw.FPDFText_GetFontSize, d)  # (text page, index)
        self.char_angle = bare(raw.FPDFText_GetCharAngle, f)  # (text page, index)
        self.count_chars = bare(raw.FPDFText_CountChars, i)  # (text page)
        self.is_generated = bare(raw.FPDFText_IsGenerated, i)  # (text page, index)
        self.text_index = bare(raw.FPDFText_GetTextIndexFromCharIndex, i)  # (text page, index)
        self.get_text = typed(raw.FPDFText_GetText, i, vp, i, i, vp)  # (.., buffer address)
        self.FORM, self.PATH = raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH
        self.MOVETO, self.BEZIERTO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
        self.f_x, self.f_y = f(), f()
        self.d = (d * 4)()  # left, top, right, bottom of a text rectangle
        self.d_refs = [ctypes.byref(self.d, 8 * k) for k in range(4)]
        self.m = raw.FS_MATRIX()
        self.m_ref = ctypes.byref(self.m)
        # the process's memory as one buffer, for struct to read PDFium's arrays in
        # place (as ``ctypes.string_at`` copies them out, without the copy); only read
        # where PDFium's own handles point, as checked below. Should ctypes refuse
        # such a buffer, None: every path is read point by point
        self.memory: memoryview | None
        try:
            self.memory = memoryview((ctypes.c_char * sys.maxsize).from_address(0))
        except (OverflowError, ValueError, MemoryError, TypeError):
            self.memory = None
        # the five points of a path, read at once (``five_points``); None until checked
        self.five: struct.Struct | None = None
        self.stride = 0
        self.checked = False

    def five_points(self, obj: int) -> tuple[float, ...] | None:
        """The x and y of a five-segment path's points, read at once: x0, y0, … x4, y4.

        A path's segment handles point into its array of points (PDFium's
        ``CFX_Path::Point``: x and y as floats, then the segment's kind), so the five are
        read from the first handle in one copy instead of ten calls. That this holds for
        the PDFium loaded is checked on the first five-segment path met, against
        ``FPDFPathSegment_GetPoint`` for every point; if it does not hold, None (the
        caller reads point by point, as for any other path)."""
        five = self.five if self.checked else self.check(obj)
        if five is None or self.memory is None:
            return None
        return five.unpack_from(self.memory, self.segment(obj, 0))

    def check(self, obj: int) -> struct.Struct | None:
        """Whether five points of a path (``obj``, five segments) read at once are what
        PDFium's calls give for them: the way to read them if so (``five``). Decided
        once, on the first such path whose points tell places apart (at least three
        different coordinates); until then None."""
        handles = [self.segment(obj, k) for k in range(5)]
        stride = (handles[1] or 0) - (handles[0] or 0)
        if (
            self.memory is None
            or not handles[0]
            or stride < 8
            or any(h != handles[0] + k * stride for k, h in enumerate(handles))
        ):
            self.checked = True  # not an array of points: read point by point
            return None
        five = struct.Struct("=" + ("ff" + "x" * (stride - 8)) * 4 + "ff")
        xr, yr = ctypes.addressof(self.f_x), ctypes.addressof(self.f_y)
        expected: list[float] = []
        for h in handles:
            if not self.point(h, xr, yr):
                return None
            expected += (self.f_x.value, self.f_y.value)
        if len(set(expected)) < 3:
            return None  # too alike to tell a right reading from a wrong one: the next
        self.checked = True
        if list(five.unpack_from(self.memory, handles[0])) == expected:
            self.five, self.stride = five, stride
        return self.five


_lean: _Lean | None = None


def _pdfium() -> _Lean:
    global _lean
    if _lean is None:
        _lean = _Lean()
    return _lean


def pages(data: bytes) -> Iterator[tuple[Page, TextPage]]:
    """Each page of a PDF as (Page, its text page); the text page can split a run into
    characters (``chars``) until the next batch of pages is loaded. Raises pypdfium2's
    PdfiumError for a file PDFium cannot open, and for a page it cannot load once the
    pages before it have been read.

    The pages and text pages are loaded and closed with PDFium's own calls (as
    pypdfium2's ``PdfPage`` and ``PdfTextPage`` load and close them), not as
    pypdfium2's helper objects, which attach a finalizer and register with their parent
    each: a sixteenth of the time it takes to load them. They are loaded ``_BATCH`` at a
    time, each batch before any of its pages is read, and closed together after: PDFium
    loading pages one after the other, and the reader reading them one after the other,
    each runs with its own code and data in the processor's caches, where loading a page
    between the reading of two costs both (a tenth of the loading's time, and of the
    reading's). A batch holds its pages' memory at once (about half a megabyte a page of
    a 26-page report)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(data)
    try:
        handle = doc.raw
        count = len(doc)
        for first in range(0, count, _BATCH):
            loaded: list[tuple] = []  # (page, text page) handles, loaded
            failed: Exception | None = None  # raised once the pages before are read
            try:
                for index in range(first, min(count, first + _BATCH)):
                    page = raw.FPDF_LoadPage(handle, index)
                    if not page:
                        failed = pdfium.PdfiumError("Failed to load page.")
                        break
                    text = raw.FPDFText_LoadPage(page)
                    if not text:
                        raw.FPDF_ClosePage(page)
                        failed = pdfium.PdfiumError("Failed to load text page.")
                        break
                    loaded.append((page, text))
                for page, text in loaded:
                    textpage = TextPage(text)
                    yield _page(page, textpage), textpage
                if failed is not None:
                    raise failed
            finally:
                for page, text in loaded:  # in pypdfium2's order: the text page first
                    raw.FPDFText_ClosePage(text)
                    raw.FPDF_ClosePage(page)
    finally:
        doc.close()


_BATCH = 16  # pages loaded at a time (``pages``)


class TextPage:
    """A page's text page (``raw``: PDFium's handle), open while its page is read. Its
    reading methods are pypdfium2's ``PdfTextPage``'s own, so its text and boxes are
    what that helper gives."""

    __slots__ = ("_as_parameter_", "_count", "raw")

    def __init__(self, raw) -> None:
        self.raw = raw
        self._as_parameter_ = raw  # what ctypes passes for it to PDFium's calls
        self._count = -1  # its number of characters, once asked (``count_chars``)

    def count_chars(self) -> int:
        """Its number of characters (asked of PDFium once: the text page's characters
        do not change while it is open); raises PdfiumError as pypdfium2 does where
        PDFium cannot tell."""
        n = self._count
        if n < 0:
            n = _pdfium().count_chars(self.raw)
            if n == -1:
                raise _error("Failed to get character count.")
            self._count = n
        return n

    def text(self) -> str:
        """The page's whole text: ``get_text_range()`` (pypdfium2's), into a buffer of
        this call's own instead of a ctypes array type made for each page's length. Where
        the text begins or ends with characters the text leaves out (PDFium gives no
        text index for them), pypdfium2's own way."""
        pdfium = _pdfium()
        tp = self.raw
        n = pdfium.count_chars(tp)
        if n >= 0:
            self._count = n
        if n <= 0:
            return self.get_text_range()
        first, last = pdfium.text_index(tp, 0), pdfium.text_index(tp, n - 1)
        size = last + 2 - first  # (pypdfium2's in_count: the NUL terminator included)
        if first == -1 or last == -1 or size < 1:
            return self.get_text_range()
        buffer = bytearray(2 * size)
        written = pdfium.get_text(tp, 0, n, ctypes.addressof(ctypes.c_char.from_buffer(buffer)))
        if written > size:
            return self.get_text_range()  # (pypdfium2 asserts)
        units = len(range(size)[: written - 1])  # as a slice [:written - 1] of the units
        return buffer[: 2 * units].decode("utf-16-le", errors="ignore")

    def get_text_range(self, index: int = 0, count: int = -1) -> str:
        from pypdfium2 import PdfTextPage

        return PdfTextPage.get_text_range(self, index, count)

    def _get_active_text_range(self, *args):  # what get_text_range calls on its page
        from pypdfium2 import PdfTextPage

        return PdfTextPage._get_active_text_range(self, *args)

    def get_charbox(self, index: int, loose: bool = False) -> tuple[float, ...]:
        from pypdfium2 import PdfTextPage

        return PdfTextPage.get_charbox(self, index, loose)


def _page(page, textpage: TextPage) -> Page:
    """``page``: PDFium's page handle."""
    import pypdfium2.raw as raw

    box = raw.FS_RECTF()  # the crop box, inherited or not (pypdfium2's get_bbox)
    if not raw.FPDF_GetPageBoundingBox(page, box):
        raise _error("Failed to get page bounding box.")
    left, bottom, right, top = box.left, box.bottom, box.right, box.top
    turn = raw.FPDFPage_GetRotation(page)  # in quarter turns (pypdfium2's get_rotation)
    if turn == -1:
        raise _error("Failed to get page rotation.")
    text = textpage.text()
    rotation = _reading_turn(textpage, text, 90 * turn % 360)
    out = Page(left, top, width=right - left, height=top - bottom, rotation=rotation)
    out.runs = _runs(out, textpage, text)
    out.text = text
    out.rects, out.lines_h, out.lines_v = _edges(page, left, top)
    if rotation:
        h = [out.turned(e) for e in out.horizontal]
        v = [out.turned(e) for e in out.vertical]
        # a quarter turn makes the stored horizontal edges the shown vertical ones
        out.set_edges(*((v, h) if rotation in (90, 270) else (h, v)))
    return out


def _in_order(rects: list[Box], lines: list[tuple[int, Edge]], sides: list) -> list[Edge]:
    """Edges in the order drawn: each rectangle's two ``sides`` (in order), with the
    ``lines`` (each after the number of rectangles it follows) between them."""
    if not lines:
        return [e for pair in sides for e in pair]
    out: list[Edge] = []
    k = 0
    for before, edge in lines:
        for pair in sides[k:before]:
            out += pair
        k = max(k, before)
        out.append(edge)
    for pair in sides[k:]:
        out += pair
    return out


class LazyVertical:
    """A page's vertical edges, made only when walked (a look that seldom needs them)."""

    __slots__ = ("page",)

    def __init__(self, page: Page) -> None:
        self.page = page

    def __iter__(self) -> Iterator[Edge]:
        return iter(self.page.vertical)


def _error(message: str) -> Exception:
    from pypdfium2 import PdfiumError

    return PdfiumError(message)


_QUARTER = math.pi / 2
_SAMPLE = 64  # characters per page whose angle is looked at


def _reading_turn(textpage, text: str, shown: int) -> int:
    """How many degrees clockwise the stored page must turn for its text to read left
    to right: the angle most of its characters stand at, in quarter turns (a sample of
    them). A page stored turned and shown upright has its text turned as much as its
    ``/Rotate``; a table set sideways on a portrait page has its text turned and no
    ``/Rotate``. A page without text keeps its ``/Rotate`` (``shown``)."""
    n = textpage.count_chars()
    if len(text) != n:  # characters outside the BMP: indices do not line up; rare
        return shown
    pdfium = _pdfium()
    tp = textpage.raw
    votes = [0, 0, 0, 0]
    char_angle = pdfium.char_angle
    sample = range(0, n, max(1, n // _SAMPLE))
    left = len(sample)  # characters of the sample not yet looked at
    given = 0  # votes given
    for i in sample:
        left -= 1
        if text[i].isspace():
            continue
        angle = char_angle(tp, i)
        if angle >= 0:  # -1: PDFium could not tell
            # PDFium measures clockwise: text at 3π/2 reads after a quarter turn clockwise
            q = -round(angle / _QUARTER) % 4
            votes[q] += 1
            given += 1
            # decided once the other angles' votes together and the rest of the
            # sample cannot catch up with this one
            if 2 * votes[q] > left + given:
                break
    if not any(votes):
        return shown
    return 90 * max(range(4), key=lambda q: (votes[q], q == 0))


# PDFium joins a word hyphenated at a line's end to the next line and marks the
# hyphen U+FFFE; the line is broken there again, the hyphen kept
_BREAK = re.compile(r"\r\n?|\n|\ufffe")
_WORD = re.compile(r"[^ ]+")


def _lines_of(text: str) -> list[tuple[int, int]]:
    """Where each line of the text page's text begins and ends: broken at ``\r\n``,
    ``\r`` and ``\n``, and right after a U+FFFE (unless a line break follows it)."""
    if "\ufffe" not in text and text.count("\r") == text.count("\n") == text.count("\r\n"):
        out = []  # every break a \r\n, as PDFium writes them: split at once
        pos = 0
        for line in text.split("\r\n"):
            end = pos + len(line)
            out.append((pos, end))
            pos = end + 2
        return out
    out = []
    pos = 0
    n = len(text)
    for m in _BREAK.finditer(text):
        if m.group() == "\ufffe":
            end = m.end()
            if end < n and text[end] in "\r\n":
                continue  # the line ends at the break that follows
            out.append((pos, end))
            pos = end
        else:
            out.append((pos, m.start()))
            pos = m.end()
    out.append((pos, n))
    return out


def _lines_at(text: str) -> Iterable[tuple[int, str]]:
    """Each line of the text page's text with where it begins (``_lines_of``)."""
    if "\ufffe" not in text and text.count("\r") == text.count("\n") == text.count("\r\n"):
        lines = text.split("\r\n")  # every break a \r\n, as PDFium writes them
        # where each begins: the lengths before it, each with its break (one more
        # start than lines: the end's)
        return zip(accumulate([len(x) + 2 for x in lines], initial=0), lines, strict=False)
    return [(pos, text[pos:end]) for pos, end in _lines_of(text)]


def _runs(page: Page, textpage, text: str) -> list[Run]:
    """The page's runs. The text page's text is split at its line breaks; a line that
    PDFium boxes as one rectangle is one run; a line of several (a table row, a word
    in another font) is split into words, each boxed on its own, and the words inside
    each rectangle make its run. Each character is in one run only. ``text``: the
    text page's text."""
    if len(text) != textpage.count_chars():  # characters outside the BMP: box each
        return _runs_by_char(page, textpage)
    pdfium = _pdfium()
    tp = textpage.raw
    count_rects, get_rect, font_size = pdfium.count_rects, pdfium.rect, pdfium.font_size
    l_ref, t_ref, r_ref, b_ref = pdfium.d_refs
    unpack, got = _RECT.unpack_from, pdfium.d  # the rectangle get_rect writes
    x, y = page.left, page.top
    hyphens = "\ufffe" in text

    def counted(n: int) -> list[Box]:
        """The ``n`` rectangles the last ``count_rects`` found (PDFium keeps them for
        ``FPDFText_GetRect``), as boxes."""
        out = []
        for i in range(n):
            get_rect(tp, i, l_ref, t_ref, r_ref, b_ref)
            rl, rt, rr, rb = unpack(got)
            out.append((rl - x, y - rt, rr - x, y - rb))
        return out

    out: list[Run] = []
    add = out.append
    for pos, line in _lines_at(text):
        stripped = line.strip()
        if not stripped:
            continue
        s = pos + line.index(stripped[0])
        e = s + len(stripped)
        n = count_rects(tp, s, e - s)
        if n == 1:  # most lines: one rectangle, one run
            get_rect(tp, 0, l_ref, t_ref, r_ref, b_ref)
            rl, rt, rr, rb = unpack(got)
            if hyphens:
                stripped = stripped.replace("\ufffe", "-")
            add(Run(rl - x, y - rt, rr - x, y - rb, stripped, s, e, False, font_size(tp, s)))
        elif n:
            boxes = counted(n)  # the line's rectangles, counted above
            # each word's box, start, end and middle: from the line's rectangles where
            # each letter is one, else asked of PDFium word by word
            held = None  # the rectangle each word goes to, where each holds one word
            if n == e - s - text.count(" ", s, e) and _spaces_generated(tp, text, s, e):
                words = _words_of_letters(text, s, e, boxes)
                held = _held_by_own_letter(boxes, words)
            else:
                words = []
                words_add = words.append
                for m in _WORD.finditer(text, s, e):
                    ws, we = m.span()
                    k = count_rects(tp, ws, we - ws)
                    if k < 1:
                        continue  # no box: not a word of the page's
                    get_rect(tp, 0, l_ref, t_ref, r_ref, b_ref)
                    rl, rt, rr, rb = unpack(got)
                    b0, b1, b2, b3 = rl - x, y - rt, rr - x, y - rb
                    for i in range(1, k):  # a word of several rectangles: their union (as
                        # min and max take it: the first least and greatest kept)
                        get_rect(tp, i, l_ref, t_ref, r_ref, b_ref)
                        rl, rt, rr, rb = unpack(got)
                        if rl - x < b0:
                            b0 = rl - x
                        if y - rt < b1:
                            b1 = y - rt
                        if rr - x > b2:
                            b2 = rr - x
                        if y - rb > b3:
                            b3 = y - rb
                    words_add(((b0, b1, b2, b3), ws, we, (b0 + b2) / 2, (b1 + b3) / 2))
            if held is not None:  # each word a run of its own, as ``placed`` gives it
                pairs: Iterable[tuple[Box, list[tuple]]] = [
                    (boxes[k], [w]) for k, w in zip(held, words, strict=True)
                ]
                words = []  # none left over
            else:
                placed = _by_rectangle if len(boxes) * len(words) <= _FEW else _by_rectangle_sorted
                pairs = placed(boxes, words)
            for (x0, top, x1, bottom), inside in pairs:
                for w in inside:  # the run's box: the rectangle's and its words'
                    b0, b1, b2, b3 = w[0]
                    if b0 < x0:
                        x0 = b0
                    if b1 < top:
                        top = b1
                    if b2 > x1:
                        x1 = b2
                    if b3 > bottom:
                        bottom = b3
                ws, we = inside[0][1], inside[-1][2]
                said = text[ws:we]
                if hyphens:
                    said = said.replace("\ufffe", "-")
                add(Run(x0, top, x1, bottom, said, ws, we, text[ws - 1] == " ", font_size(tp, ws)))
            for box, ws, we, _h, _v in words:  # a word no rectangle holds (placed took
                # the others out)
                add(_run(box, text, ws, we, font_size(tp, ws)))
    if page.rotation:
        for run in out:
            run.x0, run.top, run.x1, run.bottom = page.turned((run.x0, run.top, run.x1, run.bottom))
    return out


def _spaces_generated(tp, text: str, s: int, e: int) -> bool:
    """Every space of the text page's text from ``s`` to ``e`` is one PDFium put there
    (a gap between two text objects), none a character of the page's."""
    is_generated = _pdfium().is_generated
    k = text.find(" ", s, e)
    while k >= 0:
        if is_generated(tp, k) != 1:
            return False
        k = text.find(" ", k + 1, e)
    return True


def _words_of_letters(text: str, s: int, e: int, boxes: list[Box]) -> list[tuple]:
    """The words of a line from ``s`` to ``e`` (box, start, end, middle x, middle y) whose
    every character is a rectangle of its own (``boxes``, in order): a line with as
    many rectangles as characters that are not spaces, and no space but those PDFium
    put between text objects, as a browser sets each letter or few letters as a text
    object of its own. PDFium makes a rectangle of each run of characters of one text
    object, spaces it put there and characters without a box left out; so a rectangle
    holds one character at least, and as many rectangles as characters means one
    each. A word's box is its characters' rectangles' union, as PDFium gives the
    word's own rectangles (the same boxes, taken in the same order): without asking
    PDFium for them word by word."""
    words: list[tuple] = []
    k = 0
    for m in _WORD.finditer(text, s, e):
        ws, we = m.span()
        b0, b1, b2, b3 = boxes[k]
        for c0, c1, c2, c3 in boxes[k + 1 : k + we - ws]:  # as the union in ``_runs``
            if c0 < b0:
                b0 = c0
            if c1 < b1:
                b1 = c1
            if c2 > b2:
                b2 = c2
            if c3 > b3:
                b3 = c3
        k += we - ws
        words.append(((b0, b1, b2, b3), ws, we, (b0 + b2) / 2, (b1 + b3) / 2))
    return words


def _held_by_own_letter(boxes: list[Box], words: list[tuple]) -> list[int] | None:
    """For a line whose every letter is a rectangle (``boxes``; ``words`` from
    ``_words_of_letters``): the rectangle each word goes to in ``_by_rectangle`` (the
    first, in PDFium's order, that holds its middle within half a point), where that is
    one of the word's own letters for every word; else None (the caller places them as
    any line). Then each rectangle holds one word, in the words' order, and no word is
    left over. A word's own letters come after every rectangle of the words before
    it, so it is shown that none of those holds its middle by their right sides: the
    furthest right of them, padded, stands left of the middle. Checked in x alone
    (a rectangle that reaches the middle but not its height makes it None too)."""
    out: list[int] = []
    k = 0  # the word's first letter
    reach = -math.inf  # the words' before: their right side furthest right, padded
    for (_b0, _b1, b2, _b3), ws, we, mx, my in words:
        if not reach < mx:  # (a middle not a number: None too)
            return None
        end = k + we - ws
        for j in range(k, end):
            x0, top, x1, bottom = boxes[j]
            if x0 - 0.5 <= mx <= x1 + 0.5 and top - 0.5 <= my <= bottom + 0.5:
                out.append(j)
                break
        else:
            return None
        k = end
        # the word's rectangles' furthest right: its box's (a letter's right side that
        # is not a number holds no middle; one before it not a number: the middle is not)
        if b2 + 0.5 > reach:
            reach = b2 + 0.5
    return out


def _by_rectangle(boxes: list[Box], words: list[tuple]) -> Iterator[tuple[Box, list[tuple]]]:
    """Each rectangle of a line (in PDFium's order) with the words whose middle lies in
    it, within half a point (``words``: box, start, end, middle x, middle y; in order),
    each word given to the first such rectangle only; a rectangle that holds none is
    left out. The words no rectangle holds are left in ``words``, the others taken out."""
    for x0, top, x1, bottom in boxes:
        r0, r1, r2, r3 = x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5
        inside = [w for w in words if r0 <= w[3] <= r2 and r1 <= w[4] <= r3]
        if not inside:
            continue
        if len(inside) < len(words):  # the others wait for the next rectangles
            words[:] = [w for w in words if not (r0 <= w[3] <= r2 and r1 <= w[4] <= r3)]
        else:
            words.clear()
        yield (x0, top, x1, bottom), inside
        if not words:
            return


_FEW = 64  # rectangles times words of a line that ``_by_rectangle`` compares one by one


def _by_rectangle_sorted(boxes: list[Box], words: list[tuple]) -> Iterator[tuple[Box, list[tuple]]]:
    """``_by_rectangle``, for a line of many rectangles and words (a PDF that sets each
    word, or each few letters, as a text object of its own: a browser's, Word's). A word
    goes to the first rectangle, in PDFium's order, that holds its middle (which is what
    ``_by_rectangle`` gives it: each rectangle takes the words still left inside it), so
    each word looks for it among the rectangles whose left side lies at most the widest
    rectangle's width left of its middle (bisected among them sorted by their left), not
    every rectangle asking every word."""
    lefts = [b[0] - 0.5 for b in boxes]  # the sides as ``_by_rectangle`` pads them
    rights = [b[2] + 0.5 for b in boxes]
    # a side not a number (their sum is then none either, as it is for sides infinite
    # both ways): no order to search, each rectangle asks every word
    sides = sum(lefts) + sum(rights)
    if sides != sides or any(w[3] != w[3] for w in words):
        yield from _by_rectangle(boxes, words)
        return
    widest = max([r - left for left, r in zip(lefts, rights, strict=True)])
    order = sorted(range(len(boxes)), key=lefts.__getitem__)
    by_left = [lefts[k] for k in order]
    held: dict[int, list[tuple]] = {}
    rest: list[tuple] = []
    for w in words:
        mx, my = w[3], w[4]
        # a rectangle whose left lies further left than the widest's width (and a point,
        # for rounding) ends before the middle
        reach = mx - widest - 1.0
        first = -1
        j = bisect_right(by_left, mx) - 1  # the last whose left is at or left of the middle
        while j >= 0 and by_left[j] >= reach:
            k = order[j]
            if (first < 0 or k < first) and rights[k] >= mx:
                b = boxes[k]
                if b[1] - 0.5 <= my <= b[3] + 0.5:
                    first = k
            j -= 1
        if first < 0:
            rest.append(w)
        else:
            held.setdefault(first, []).append(w)
    words[:] = rest
    for k in sorted(held):
        yield boxes[k], held[k]


def _run(box: Box, text: str, start: int, end: int, size: float) -> Run:
    x0, top, x1, bottom = box
    said = text[start:end].replace("\ufffe", "-")
    return Run(x0, top, x1, bottom, said, start, end, text[start - 1] == " ", size)


def _runs_by_char(page: Page, textpage) -> list[Run]:
    """Every character as its own run, for a page whose text and character indices do
    not line up (characters outside the BMP), which the fast path relies on."""
    out: list[Run] = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch.strip():
            out.append(_char(page, textpage, i, ch))
    return out


def chars(page: Page, textpage, run: Run) -> list[Run]:
    """A run split into its characters, each with its box (for a run that crosses a
    cell border)."""
    if run.start < 0 or run.end - run.start <= 1 or len(run.text) != run.end - run.start:
        return [run]
    return [_char(page, textpage, i, run.text[i - run.start]) for i in range(run.start, run.end)]


def _char(page: Page, textpage, i: int, ch: str) -> Run:
    x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
    box = page.turned((x0 - page.left, page.top - y1, x1 - page.left, page.top - y0))
    return Run(*box, ch, i, i + 1)


def _edges(page_raw, left: float, top: float):
    """The straight edges of the page's path objects (forms included), in points from
    the top left of the page as stored: each upright rectangle as its box (x0, top, x1,
    bottom: its four sides), and each segment of a subpath without curves that is level
    or upright (within 0,01 point; a slanted segment is no ruling), horizontal and
    vertical, each with the number of rectangles drawn before it (``Page.rects``,
    ``lines_h``, ``lines_v``)."""
    pdfium = _pdfium()
    segment, point, count_segments = pdfium.segment, pdfium.point, pdfium.count_segments
    object_type, segment_type, closed = pdfium.object_type, pdfium.segment_type, pdfium.closed
    FORM, PATH, MOVETO, BEZIERTO = pdfium.FORM, pdfium.PATH, pdfium.MOVETO, pdfium.BEZIERTO
    m, x, y, matrix = pdfium.m, pdfium.f_x, pdfium.f_y, pdfium.matrix
    # the memory read in place; empty when ctypes refused it (then no path is read so)
    memory, unpack_matrix = pdfium.memory or memoryview(b""), _MATRIX.unpack_from
    mr, xr, yr = pdfium.m_ref, ctypes.addressof(x), ctypes.addressof(y)
    rects: list[Box] = []
    horizontal: list[tuple[int, Edge]] = []
    vertical: list[tuple[int, Edge]] = []

    def placed(obj: int, outer) -> tuple[float, ...]:
        """The object's matrix followed by ``outer`` (a form's placement)."""
        matrix(obj, mr)
        a, b, c, d, e, f = unpack_matrix(m)
        A, B, C, D, E, F = outer
        return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                e * A + f * C + E, e * B + f * D + F)  # fmt: skip

    # the five points of a rectangle read at once (``_Lean.five_points``) once checked
    at_once = pdfium.five if pdfium.checked else None
    r_add = rects.append

    def walk(container: int, count, get, outer) -> None:
        nonlocal at_once
        # objects seen that are paths, and that are not (text, images, forms): each
        # object is asked first what the most seen so far were, so that a page of
        # drawn cells asks a path only its segments (-1: no path) and one of words set
        # one a text object (a browser's or Word's PDF) asks a word only its type
        paths = others = 0
        for k in range(count(container)):
            obj = get(container, k)
            if others > paths:
                kind = object_type(obj)
                if kind != PATH:
                    others += 1
                    if kind == FORM:
                        walk(obj, pdfium.form_count, pdfium.form_object, placed(obj, outer))  # noqa: F821
                    continue
                n = count_segments(obj)
            else:
                n = count_segments(obj)  # -1: no path
                if n < 0:
                    others += 1
                    if object_type(obj) == FORM:
                        walk(obj, pdfium.form_count, pdfium.form_object, placed(obj, outer))  # noqa: F821
                    continue
            paths += 1
            if outer is _IDENTITY:  # on the page itself, not in a form
                matrix(obj, mr)
                a, b, c, d, e, f = unpack_matrix(m)
            else:
                a, b, c, d, e, f = placed(obj, outer)
            if n == 5 and b == 0 and c == 0:  # most often a rectangle (``re``)
                if at_once is None and not pdfium.checked:
                    at_once = pdfium.check(obj)
                if at_once is not None:  # as five_points, written out
                    x0, y0, x1, y1, x2, y2, x3, y3, x4, y4 = at_once.unpack_from(
                        memory, segment(obj, 0)
                    )
                else:
                    five: list[float] = []
                    for s in range(5):
                        point(segment(obj, s), xr, yr)
                        five += (x.value, y.value)
                    x0, y0, x1, y1, x2, y2, x3, y3, x4, y4 = five
                # five points that go round an upright rectangle back to the first
                # (what ``re`` draws; read without the segments' kinds, which cost a
                # call each: a path that moves without drawing along exactly those
                # corners would be taken as closed); four distinct corners: opposite
                # ones differ in x and y. Its opposite corners give its four sides
                if (
                    x4 == x0
                    and y4 == y0
                    and x0 != x2
                    and y0 != y2
                    and (
                        (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
                        or (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                    )
                ):
                    ax = a * x0 + e
                    bx = a * x2 + e
                    ay = d * y0 + f
                    by = d * y2 + f
                    if ax < bx:
                        u0 = ax - left
                        u1 = bx - left
                    else:
                        u0 = bx - left
                        u1 = ax - left
                    if ay > by:
                        v0 = top - ay
                        v1 = top - by
                    else:
                        v0 = top - by
                        v1 = top - ay
                    r_add((u0, v0, u1, v1))  # its sides: Page.horizontal, vertical
                    continue
            points: list[tuple[float, float]] = []
            curved = False
            last = None  # the segment before, whose close flag ends its subpath
            for s in range(n):
                seg = segment(obj, s)
                step = segment_type(seg)
                if step == MOVETO and points:
                    if closed(last) and points[0] != points[-1]:
                        points.append(points[0])
                    if len(points) > 1 and not curved:
                        sides(points)
                    points, curved = [], False
                point(seg, xr, yr)
                px, py = x.value, y.value
                points.append((a * px + c * py + e, b * px + d * py + f))
                curved = curved or step == BEZIERTO
                last = seg
            if points and closed(last) and points[0] != points[-1]:
                points.append(points[0])
            if len(points) > 1 and not curved:
                sides(points)

    def sides(points: list[tuple[float, float]]) -> None:
        for (ax, ay), (bx, by) in pairwise(points):
            ax, bx, ay, by = ax - left, bx - left, top - ay, top - by
            if abs(ay - by) < 0.01:  # a slanted segment is no ruling
                horizontal.append((len(rects), (min(ax, bx), ay, max(ax, bx), ay)))
            elif abs(ax - bx) < 0.01:
                vertical.append((len(rects), (ax, min(ay, by), ax, max(ay, by))))

    walk(page_raw, pdfium.count_objects, pdfium.get_object, _IDENTITY)
    del walk  # (it calls itself: its cell kept it, and all it holds, for the collector)
    return rects, horizontal, vertical


_MATRIX = struct.Struct("=6f")  # FS_MATRIX: a, b, c, d, e, f as floats
_RECT = struct.Struct("=4d")  # FPDFText_GetRect's left, top, right, bottom (``_Lean.d``)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
