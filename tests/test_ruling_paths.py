"""The ruling geometry's two ways to the tables agree: the fast one for points on one
edge of each kind (``ruling._tables_of``, by each edge's points in order, tables by
their cells' points joined) and the general one with the edges through each point as
sets (``ruling._cells``, ``ruling._cells_to_tables``), on random
ruled and shaded grids with snapping, joining, gaps and collinear edges apart, and on
every page of the Göteborg PDF."""

from __future__ import annotations

import random
from pathlib import Path

from sonanalys.readers import ruling

PDF = Path(__file__).parent / "corpus" / "pdf" / "goteborg_intraservice_delarsrapport_2026_mars.pdf"


def _edges(rnd: random.Random) -> tuple[list, list]:
    h: list = []
    v: list = []
    for _ in range(rnd.randint(1, 4)):  # grids: rows and columns, some lines short
        x0, y0 = rnd.uniform(0, 400), rnd.uniform(0, 600)
        dx = rnd.choice([0.5, 1, 2, 2.9, 3.1, 4, 20, 50])
        dy = rnd.choice([0.5, 1, 2.5, 3.5, 10, 15])
        xs = sorted(x0 + dx * k + rnd.choice([0, 0, 0, 0.3, -0.4, 1.7]) for k in range(8))
        ys = sorted(y0 + dy * k + rnd.choice([0, 0, 0, 0.2, -0.7, 2.2]) for k in range(8))
        xs, ys = xs[: rnd.randint(1, 8)], ys[: rnd.randint(1, 8)]
        for y in ys:
            a, b = sorted((rnd.choice(xs), rnd.choice(xs)))
            if rnd.random() < 0.5:
                a, b = xs[0], xs[-1]
            h.append((a + rnd.choice([0, 0, -1, 2.5]), y, b + rnd.choice([0, 0, 1, -2.5]), y))
        for x in xs:
            a, b = sorted((rnd.choice(ys), rnd.choice(ys)))
            if rnd.random() < 0.5:
                a, b = ys[0], ys[-1]
            v.append((x, a + rnd.choice([0, 0, -1, 2.5]), x, b + rnd.choice([0, 0, 1, -2.5])))
    for edges, vertical in ((h, False), (v, True)):
        for k in range(len(edges)):  # an edge cut in two, apart by 3-6 points
            x0, t, x1, b = edges[k]
            lo, hi = (t, b) if vertical else (x0, x1)
            if rnd.random() < 0.3 and hi - lo > 10:
                cut, gap = rnd.uniform(lo + 3, hi - 3), rnd.uniform(3.05, 5.9) / 2
                if vertical:
                    edges[k] = (x0, t, x1, cut - gap)
                    edges.append((x0, cut + gap, x1, b))
                else:
                    edges[k] = (x0, t, cut - gap, b)
                    edges.append((cut + gap, t, x1, b))
    for edges in (h, v):  # some drawn twice
        edges.extend(e for e in list(edges) if rnd.random() < 0.2)
        rnd.shuffle(edges)
    return h, v


def _snapped(h: list, v: list) -> tuple[list, list]:
    h = [e for e in h if e[2] - e[0] >= 1]
    v = [e for e in v if e[3] - e[1] >= 1]
    if not h or not v:  # as ruling.tables: no cells
        return [], []
    return ruling._snap_join(h, 1), ruling._snap_join(v, 0)


def _both(h: list, v: list) -> tuple[list, list]:
    h, v = _snapped(h, v)
    general = ruling._cells_to_tables(ruling._cells(ruling._intersections(h, v)))
    return ruling._tables_of(h, v), general


def test_the_fast_tables_are_the_general_ones_on_random_grids():
    rnd = random.Random(26)
    fast_used = shared = with_tables = 0
    for _ in range(1500):
        h, v = _edges(rnd)
        fast, general = _both(h, v)
        assert fast == general
        along = ruling._points(*_snapped(h, v))
        fast_used += along is not None
        shared += along is None
        with_tables += bool(general)
    # both ways were taken, on grids that have tables
    assert fast_used > 500 and shared > 50 and with_tables > 500


def test_the_fast_tables_are_the_general_ones_on_every_page_of_a_real_pdf():
    from sonanalys.readers.pdfium_page import pages

    cells = 0
    for page, _tp in pages(PDF.read_bytes()):
        fast, general = _both(page.horizontal, page.vertical)
        assert fast == general
        cells += sum(len(t) for t in fast)
    assert cells > 1000  # the shaded tables' cells


def test_the_long_edges_from_the_rectangles_are_those_tables_keeps():
    # Page.ruling_edges makes the edges a point long from the rectangles as read,
    # without every edge; the page's edges are made only when asked for
    from sonanalys.readers.pdfium_page import pages

    for page, _tp in pages(PDF.read_bytes()):
        h, v = page.ruling_edges()
        assert page.made is None  # not made to find the tables
        kept_h = [e for e in page.horizontal if e[2] - e[0] >= 1]
        kept_v = [e for e in page.vertical if e[3] - e[1] >= 1]
        assert sorted(h) == sorted(kept_h) and sorted(v) == sorted(kept_v)
        assert ruling.tables_of_long(h, v) == ruling.tables(page.horizontal, page.vertical)


def test_snapping_and_joining_do_not_depend_on_the_edges_order():
    rnd = random.Random(17)
    for _ in range(1500):
        h, v = _edges(rnd)
        shuffled_h, shuffled_v = h[:], v[:]
        rnd.shuffle(shuffled_h)
        rnd.shuffle(shuffled_v)
        assert ruling.tables(shuffled_h, shuffled_v) == ruling.tables(h, v)
