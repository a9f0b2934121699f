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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

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
    horizontal: list[Edge] = field(default_factory=list)  # straight edges: x0, top, x1, bottom
    vertical: list[Edge] = field(default_factory=list)
    width: float = 0.0  # the crop box's width and height as stored, before turning
    height: float = 0.0
    rotation: int = 0  # degrees the stored page is turned clockwise to read its text

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


class _Lean:
    """PDFium's functions that run per path segment or per word, called through
    untyped prototypes with plain addresses: pypdfium2's typed bindings check and
    convert every argument, which costs four times the call itself. Made from the
    typed functions' own addresses (public ``pypdfium2.raw``), once."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        vp, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float

        def lean(fn, restype, *argtypes):
            address = ctypes.cast(fn, vp).value
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        self.count_objects = lean(raw.FPDFPage_CountObjects, i, vp)
        self.get_object = lean(raw.FPDFPage_GetObject, vp, vp, i)
        self.form_count = lean(raw.FPDFFormObj_CountObjects, i, vp)
        self.form_object = lean(raw.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong)
        self.object_type = lean(raw.FPDFPageObj_GetType, i, vp)
        self.matrix = lean(raw.FPDFPageObj_GetMatrix, i, vp, vp)
        self.count_segments = lean(raw.FPDFPath_CountSegments, i, vp)
        self.segment = lean(raw.FPDFPath_GetPathSegment, vp, vp, i)
        self.point = lean(raw.FPDFPathSegment_GetPoint, i, vp, vp, vp)
        self.segment_type = lean(raw.FPDFPathSegment_GetType, i, vp)
        self.closed = lean(raw.FPDFPathSegment_GetClose, i, vp)
        self.count_rects = lean(raw.FPDFText_CountRects, i, vp, i, i)
        self.rect = lean(raw.FPDFText_GetRect, i, vp, i, vp, vp, vp, vp)
        self.font_size = lean(raw.FPDFText_GetFontSize, d, vp, i)
        self.char_angle = lean(raw.FPDFText_GetCharAngle, f, vp, i)
        self.FORM, self.PATH = raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH
        self.MOVETO, self.BEZIERTO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
        self.f_x, self.f_y = f(), f()
        self.d = [d() for _ in range(4)]
        self.d_refs = [ctypes.addressof(v) for v in self.d]
        self.m = raw.FS_MATRIX()
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
        if five is None:
            return None
        return five.unpack(ctypes.string_at(self.segment(obj, 0), five.size))

    def check(self, obj: int) -> struct.Struct | None:
        """Whether five points of a path (``obj``, five segments) read at once are what
        PDFium's calls give for them: the way to read them if so (``five``). Decided
        once, on the first such path whose points tell places apart (at least three
        different coordinates); until then None."""
        handles = [self.segment(obj, k) for k in range(5)]
        stride = (handles[1] or 0) - (handles[0] or 0)
        if (
            not handles[0]
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
        if list(five.unpack(ctypes.string_at(handles[0], five.size))) == expected:
            self.five, self.stride = five, stride
        return self.five

    @staticmethod
    def address(handle) -> int:
        # a NULL handle is None to ctypes: the integer 0 means the same to PDFium's calls
        return ctypes.cast(handle, ctypes.c_void_p).value or 0


_lean: _Lean | None = None


def _pdfium() -> _Lean:
    global _lean
    if _lean is None:
        _lean = _Lean()
    return _lean


def pages(data: bytes) -> Iterator[tuple[Page, object]]:
    """Each page of a PDF as (Page, its text page); the text page can split a run into
    characters (``chars``) while the document is open. Raises pypdfium2's PdfiumError
    for a file PDFium cannot open."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        for page in doc:
            try:
                textpage = page.get_textpage()
                try:
                    yield _page(page, textpage), textpage
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        doc.close()


def _page(page, textpage) -> Page:
    left, bottom, right, top = page.get_bbox()  # the crop box, inherited or not
    text = textpage.get_text_range()
    rotation = _reading_turn(textpage, text, page.get_rotation() % 360)
    out = Page(left, top, width=right - left, height=top - bottom, rotation=rotation)
    out.runs = _runs(out, textpage, text)
    out.horizontal, out.vertical = _edges(page.raw, left, top)
    if rotation:
        h = [out.turned(e) for e in out.horizontal]
        v = [out.turned(e) for e in out.vertical]
        # a quarter turn makes the stored horizontal edges the shown vertical ones
        out.horizontal, out.vertical = (v, h) if rotation in (90, 270) else (h, v)
    return out


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
    tp = pdfium.address(textpage.raw)
    votes = [0, 0, 0, 0]
    for i in range(0, n, max(1, n // _SAMPLE)):
        if text[i].isspace():
            continue
        angle = pdfium.char_angle(tp, i)
        if angle >= 0:  # -1: PDFium could not tell
            # PDFium measures clockwise: text at 3π/2 reads after a quarter turn clockwise
            votes[-round(angle / _QUARTER) % 4] += 1
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


def _runs(page: Page, textpage, text: str) -> list[Run]:
    """The page's runs. The text page's text is split at its line breaks; a line that
    PDFium boxes as one rectangle is one run; a line of several (a table row, a word
    in another font) is split into words, each boxed on its own, and the words inside
    each rectangle make its run. Each character is in one run only. ``text``: the
    text page's text."""
    if len(text) != textpage.count_chars():  # characters outside the BMP: box each
        return _runs_by_char(page, textpage)
    pdfium = _pdfium()
    tp = pdfium.address(textpage.raw)
    count_rects, get_rect, font_size = pdfium.count_rects, pdfium.rect, pdfium.font_size
    dl, dt, dr, db = pdfium.d
    l_ref, t_ref, r_ref, b_ref = pdfium.d_refs
    x, y = page.left, page.top

    def rects(start: int, end: int) -> list[Box]:
        """PDFium's rectangles of the characters ``start`` up to ``end``, as boxes."""
        out = []
        for i in range(count_rects(tp, start, end - start)):
            get_rect(tp, i, l_ref, t_ref, r_ref, b_ref)
            out.append((dl.value - x, y - dt.value, dr.value - x, y - db.value))
        return out

    out: list[Run] = []
    for pos, end in _lines_of(text):
        line = text[pos:end]
        stripped = line.strip()
        if not stripped:
            continue
        s = pos + line.index(stripped[0])
        e = s + len(stripped)
        n = count_rects(tp, s, e - s)
        if n == 1:  # most lines: one rectangle, one run
            get_rect(tp, 0, l_ref, t_ref, r_ref, b_ref)
            out.append(
                Run(dl.value - x, y - dt.value, dr.value - x, y - db.value,
                    stripped.replace("\ufffe", "-"), s, e, False, font_size(tp, s))
            )  # fmt: skip
        elif n:
            boxes = rects(s, e)
            words = []
            for m in _WORD.finditer(text, s, e):
                box = _union(rects(m.start(), m.end()))
                if box is not None:
                    words.append((box, m.start(), m.end()))
            for rect in boxes:
                inside = [w for w in words if _centre_in(w[0], rect)]
                if inside:
                    ws, we = inside[0][1], inside[-1][2]
                    box = _union([rect] + [w[0] for w in inside])
                    assert box is not None  # the union holds rect at least
                    out.append(_run(box, text, ws, we, font_size(tp, ws)))
                    words = [w for w in words if w not in inside]
            for box, ws, we in words:  # a word no rectangle holds
                out.append(_run(box, text, ws, we, font_size(tp, ws)))
    if page.rotation:
        for run in out:
            run.x0, run.top, run.x1, run.bottom = page.turned((run.x0, run.top, run.x1, run.bottom))
    return out


def _run(box: Box, text: str, start: int, end: int, size: float) -> Run:
    x0, top, x1, bottom = box
    said = text[start:end].replace("\ufffe", "-")
    return Run(x0, top, x1, bottom, said, start, end, text[start - 1] == " ", size)


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    if len(boxes) == 1:
        return boxes[0]
    x0, top, x1, bottom = zip(*boxes, strict=True)
    return min(x0), min(top), max(x1), max(bottom)


def _centre_in(box: Box, rect: Box) -> bool:
    h, v = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return rect[0] - 0.5 <= h <= rect[2] + 0.5 and rect[1] - 0.5 <= v <= rect[3] + 0.5


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


def _edges(page_raw, left: float, top: float) -> tuple[list[Edge], list[Edge]]:
    """The straight edges of the page's path objects (forms included), horizontal and
    vertical, in points from the top left of the page as stored: an upright rectangle's
    four sides, and each segment of a subpath without curves that is level or upright
    (within 0,01 point; a slanted segment is no ruling)."""
    pdfium = _pdfium()
    segment, point, count_segments = pdfium.segment, pdfium.point, pdfium.count_segments
    object_type, segment_type, closed = pdfium.object_type, pdfium.segment_type, pdfium.closed
    FORM, MOVETO, BEZIERTO = pdfium.FORM, pdfium.MOVETO, pdfium.BEZIERTO
    m, x, y, matrix = pdfium.m, pdfium.f_x, pdfium.f_y, pdfium.matrix
    string_at = ctypes.string_at
    mr, xr, yr = ctypes.addressof(m), ctypes.addressof(x), ctypes.addressof(y)
    horizontal: list[Edge] = []
    vertical: list[Edge] = []

    def placed(obj: int, outer) -> tuple[float, ...]:
        """The object's matrix followed by ``outer`` (a form's placement)."""
        matrix(obj, mr)
        a, b, c, d, e, f = _MATRIX.unpack_from(m)
        A, B, C, D, E, F = outer
        return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                e * A + f * C + E, e * B + f * D + F)  # fmt: skip

    def walk(objects: list[int], outer) -> None:
        for obj in objects:
            n = count_segments(obj)  # -1: no path
            if n < 0:
                if object_type(obj) == FORM:
                    inner = [pdfium.form_object(obj, k) for k in range(pdfium.form_count(obj))]
                    walk(inner, placed(obj, outer))
                continue
            if outer is _IDENTITY:  # on the page itself, not in a form
                matrix(obj, mr)
                a, b, c, d, e, f = _MATRIX.unpack_from(m)
            else:
                a, b, c, d, e, f = placed(obj, outer)
            if n == 5 and b == 0 and c == 0:  # most often a rectangle (``re``)
                at_once = pdfium.five if pdfium.checked else pdfium.check(obj)
                five: Sequence[float]
                if at_once is not None:  # as five_points, written out
                    five = at_once.unpack(string_at(segment(obj, 0), at_once.size))
                else:
                    five = []
                    for k in range(5):
                        point(segment(obj, k), xr, yr)
                        five += (x.value, y.value)
                if _is_rectangle(*five):  # its opposite corners give its four sides
                    ax, ay = a * five[0] + e, d * five[1] + f
                    bx, by = a * five[4] + e, d * five[5] + f
                    x0, x1 = (ax, bx) if ax < bx else (bx, ax)
                    y0, y1 = (top - ay, top - by) if ay > by else (top - by, top - ay)
                    x0, x1 = x0 - left, x1 - left
                    horizontal.extend(((x0, y0, x1, y0), (x0, y1, x1, y1)))
                    vertical.extend(((x0, y0, x0, y1), (x1, y0, x1, y1)))
                    continue
            points: list[tuple[float, float]] = []
            curved = False
            last = None  # the segment before, whose close flag ends its subpath
            for k in range(n):
                seg = segment(obj, k)
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
                horizontal.append((min(ax, bx), ay, max(ax, bx), ay))
            elif abs(ax - bx) < 0.01:
                vertical.append((ax, min(ay, by), ax, max(ay, by)))

    page = pdfium.address(page_raw)
    walk([pdfium.get_object(page, k) for k in range(pdfium.count_objects(page))], _IDENTITY)
    return horizontal, vertical


_MATRIX = struct.Struct("=6f")  # FS_MATRIX: a, b, c, d, e, f as floats
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _is_rectangle(x0, y0, x1, y1, x2, y2, x3, y3, x4, y4) -> bool:
    """Five points that go round an upright rectangle back to the first: what ``re``
    draws. (Read without the segments' kinds, which cost a call each: a path that
    moves without drawing along exactly those corners would be taken as closed.)"""
    if x4 != x0 or y4 != y0:
        return False
    # four distinct corners of an upright rectangle: opposite corners differ in x and y
    if x0 == x2 or y0 == y2:
        return False
    across = y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    down = x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0
    return across or down
