"""Tables from a page's straight edges: pdfplumber's table geometry (after Nurminen's
thesis and Tabula), with pdfplumber's default settings, on plain tuples.

Edges within 3 points of each other are snapped to their mean; edges on one line that
come within 3 points are joined; edges shorter than 3 points are dropped. Where a
vertical and a horizontal edge meet (within 3 points) is an intersection; a cell is the
smallest rectangle of four intersections joined by common edges; cells that share a
corner form a table. The results equal pdfplumber's ``find_tables`` cells (tested), at
a fraction of the cost: pdfplumber builds typing annotations in an inner function on
every comparison."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import accumulate, islice, pairwise
from operator import itemgetter

# an edge: (x0, top, x1, bottom); horizontal ones have top == bottom, vertical x0 == x1
Edge = tuple[float, float, float, float]
Cell = tuple[float, float, float, float]

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
INTERSECTION = 3.0


def tables(horizontal: list[Edge], vertical: list[Edge]) -> list[list[Cell]]:
    """The cells of each table, tables ordered top to bottom, then left to right; a
    lone cell is no table."""
    h = [e for e in horizontal if e[2] - e[0] >= 1]
    v = [e for e in vertical if e[3] - e[1] >= 1]
    return tables_of_long(h, v)


def tables_of_long(h: list[Edge], v: list[Edge]) -> list[list[Cell]]:
    """``tables`` of edges already at least a point long (those it keeps), in any order:
    snapping and joining give the same edges whatever order they come in."""
    if not h or not v:
        return []
    return _tables_of(_snap_join(h, 1), _snap_join(v, 0))


def _snap_join(edges: list[Edge], axis: int) -> list[Edge]:
    """Edges snapped and joined, those under MIN_LENGTH dropped; in order of their line
    (``axis`` 0: the x of vertical edges; 1: the top of horizontal ones), then of their
    start along it.

    Snapped: each edge moved to the mean position of its cluster, weighed as often as
    it is drawn; a cluster: positions in order, a new one where a position is more than
    SNAP past the one before. Joined: edges on one line that overlap or come within
    JOIN points are one. (Snapping moves an edge across its line only, so the edges of
    one cluster make one line, and are joined by where they start and end along it.)"""
    ordered = sorted(edges, key=itemgetter(axis))
    at = [e[axis] for e in ordered]
    n = len(ordered)
    # a cluster begins where a position is not within SNAP of the one before
    pairs = zip(range(1, n), at[:-1], at[1:], strict=True)
    starts = [0, *[k for k, a, b in pairs if not b <= a + SNAP], n]
    lo, hi = (0, 2) if axis == 1 else (1, 3)  # an edge's start and end along its line
    start_of = itemgetter(lo)
    out: list[Edge] = []
    add = out.append
    for i, j in pairwise(starts):
        if j - i == 1:  # one edge: at its own place (a number divided by 1 is itself)
            m, start, end = at[i], ordered[i][lo], ordered[i][hi]
            if end - start >= MIN_LENGTH:
                add((start, m, end, m) if axis == 1 else (m, start, m, end))
            continue
        *_, total = accumulate(at[i:j])  # summed in order, as the mean always was
        m = total / (j - i)
        # by where they start (in what order edges that start alike come does not
        # change where a joined edge starts or how far it reaches)
        line = sorted(ordered[i:j], key=start_of)
        start, end = line[0][lo], line[0][hi]
        for e in line:
            a = e[lo]
            if a <= end + JOIN:
                b = e[hi]
                if b > end:
                    end = b
                continue
            if end - start >= MIN_LENGTH:
                add((start, m, end, m) if axis == 1 else (m, start, m, end))
            start, end = a, e[hi]
        if end - start >= MIN_LENGTH:
            add((start, m, end, m) if axis == 1 else (m, start, m, end))
    return out


# an intersection: the vertical and the horizontal edges through it (their indices),
# how far down the lowest of those vertical edges reaches and how far right the
# rightmost horizontal one; then, for a point on one edge of each kind, its place:
# x, y, that vertical and that horizontal edge, and its index among the points of each
Crossing = list


def _intersections(h: list[Edge], v: list[Edge]) -> dict[tuple[float, float], Crossing]:
    """Each point where a vertical and a horizontal edge meet, with the edges through
    it: [vertical ones, horizontal ones, the lowest bottom, the rightmost end]. Edges
    are named by their index (vertical: in ``v``, horizontal: in ``h`` sorted by top)."""
    return _with_sets(_crossings(h, v)[0])


def _with_sets(points: dict[tuple[float, float], Crossing]) -> dict:
    """The points with their edges as sets (``_crossings`` makes them only for a point
    on two edges of a kind)."""
    for c in points.values():
        if c[0] is None:
            c[0], c[1] = {c[6]}, {c[7]}
    return points


def _crossings(h: list[Edge], v: list[Edge]):
    """``_intersections``, with the points on each edge in order along it (vertical
    edges': top to bottom; horizontal ones': left to right), each point given its
    place (``Crossing``); None for those when some point lies on two edges of a kind
    (collinear edges, apart, both within reach of it). The sets of edges through a
    point are made only for such points (None for the others: ``_with_sets``)."""
    out: dict[tuple[float, float], Crossing] = {}
    hs = sorted(h, key=lambda e: (e[1], e[0]))
    tol = INTERSECTION
    tops = [e[1] for e in hs]
    above = [y - tol for y in tops]  # ascending as tops are
    lefts = [e[0] - tol for e in hs]
    rights = [e[2] + tol for e in hs]
    on_v: list[list[Crossing]] = []
    on_h: list[list[Crossing]] = [[] for _ in hs]
    shared = False
    for vi, (x, vtop, _x1, vbottom) in enumerate(v):
        col: list[Crossing] = []
        # the horizontal edges within tol of the vertical one's span, top to bottom
        for k in range(bisect_left(tops, vtop - tol), bisect_right(above, vbottom)):
            if lefts[k] <= x <= rights[k]:
                y = tops[k]
                got = out.get((x, y))
                x1 = hs[k][2]
                if got is None:
                    # v is in order of x, so each horizontal edge's points come left
                    # to right, and hs in order of top: each vertical edge's top down
                    row = on_h[k]
                    got = [None, None, vbottom, x1, x, y, vi, k, len(col), len(row), len(out)]
                    out[(x, y)] = got
                    col.append(got)
                    row.append(got)
                else:
                    shared = True
                    if got[0] is None:
                        got[0], got[1] = {got[6]}, {got[7]}
                    got[0].add(vi)
                    got[1].add(k)
                    if vbottom > got[2]:
                        got[2] = vbottom
                    if x1 > got[3]:
                        got[3] = x1
        on_v.append(col)
    return out, None if shared else (on_v, on_h)


def _points(h: list[Edge], v: list[Edge]):
    """The points where a vertical and a horizontal edge meet when each lies on one edge
    of each kind: per vertical edge (in ``v``) its points top to bottom, per horizontal
    edge (``h`` sorted by top, then left) its points left to right, and each point by
    its two edges (``vi * len(h) + k``: a vertical edge's ``base`` plus a horizontal
    edge's index). A point: (x, y, its vertical edge's base, its horizontal edge's
    index, its index among that edge's points, its index in the order made: vertical
    edges by x, each top to bottom). The same points and order as ``_crossings``, with
    ints for keys instead of the points' coordinates. None where a point may lie on two
    edges of a kind (then ``_crossings``): two horizontal edges of one line both
    reaching a vertical edge at one height, or two vertical edges of one line (apart)
    whose points' heights overlap."""
    hs = sorted(h, key=_TOP_LEFT)
    tol = INTERSECTION
    n_h = len(hs)
    tops = [e[1] for e in hs]
    above = [y - tol for y in tops]  # ascending as tops are
    lefts = [e[0] - tol for e in hs]
    rights = [e[2] + tol for e in hs]
    on_v: list[list[tuple]] = []
    on_h: list[list[tuple]] = [[] for _ in hs]
    pairs: dict[int, tuple] = {}
    n = 0
    line_x = None  # the x of the vertical edges before, and their lowest point's y
    line_y = 0.0
    for vi, (x, vtop, _x1, vbottom) in enumerate(v):
        col: list[tuple] = []
        base = vi * n_h
        y = None
        for k in range(bisect_left(tops, vtop - tol), bisect_right(above, vbottom)):
            if lefts[k] <= x <= rights[k]:
                if tops[k] == y:
                    return None  # two horizontal edges of one line: the general way
                y = tops[k]
                row = on_h[k]
                pt = (x, y, base, k, len(row), n)
                n += 1
                pairs[base + k] = pt
                col.append(pt)
                row.append(pt)
        if col:
            if x == line_x:  # one line's edges come in order of where they start
                if col[0][1] <= line_y:
                    return None  # their points' heights overlap: the general way
            else:
                line_x = x
            line_y = col[-1][1]
        on_v.append(col)
    return on_v, on_h, pairs, n


_TOP_LEFT = itemgetter(1, 0)


def _tables_of(h: list[Edge], v: list[Edge]) -> list[list[Cell]]:
    """``_cells_to_tables(_cells(...))`` of the intersections of ``h`` and ``v``. Where
    each point lies on one vertical and one horizontal edge (almost always:
    ``_points``), the points below one that are joined to it are those after it on its
    vertical edge, the points right of it those after it on its horizontal edge, and the
    corner of two is joined to both when it lies on the vertical edge of the one and the
    horizontal edge of the other: the same cells, found without sets; and cells that
    share a corner share its point, so the tables are the cells grouped by their points
    joined."""
    along = _points(h, v)
    if along is None:
        return _cells_to_tables(_cells(_intersections(h, v)))
    on_v, on_h, pairs, n = along
    get = pairs.get
    parent = list(range(n))  # each point's, by its index
    found: list[tuple[Cell, int]] = []
    for col in on_v:  # by x
        for at in range(len(col) - 1):  # top to bottom; the last point has none below
            pt = col[at]
            row = on_h[pt[3]]
            j = pt[4] + 1
            if j == len(row):
                continue  # nothing right of it
            first = row[j]  # the point right of it, most often the cell's corner
            base = first[2]
            for b in islice(col, at + 1, None):
                kb = b[3]
                c = get(base + kb)  # the point on r's vertical edge and b's horizontal
                if c is not None:
                    r = first
                else:
                    for r in islice(row, j + 1, None):
                        c = get(r[2] + kb)
                        if c is not None:
                            break
                    else:
                        continue
                found.append(((pt[0], pt[1], r[0], b[1]), pt[5]))
                # its four corners' points joined (roots found with paths halved)
                a = pt[5]
                while parent[a] != a:
                    parent[a] = parent[parent[a]]
                    a = parent[a]
                for q in (r[5], b[5], c[5]):
                    while parent[q] != q:
                        parent[q] = parent[parent[q]]
                        q = parent[q]
                    if q != a:
                        parent[q] = a
                break
    found.sort()  # in order of the points, as _cells gives them (one cell a point)
    groups: dict[int, list[Cell]] = {}
    for cell, a in found:
        while parent[a] != a:
            a = parent[a]
        groups.setdefault(a, []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _cells(points: dict[tuple[float, float], Crossing]) -> list[Cell]:
    """For each intersection (left to right, top to bottom), the smallest cell with it
    as top left corner: a point below it and one right of it, each joined to it by an
    edge, and the corner they make joined to both. (Joined: they share an edge.)"""
    ordered = sorted(points)
    column: dict[float, list] = defaultdict(list)  # points of one x, top to bottom
    row: dict[float, list] = defaultdict(list)  # points of one y, left to right
    at: dict[tuple[float, float], tuple[int, int]] = {}
    for p in ordered:
        col, line = column[p[0]], row[p[1]]
        at[p] = (len(col), len(line))
        col.append(p)
        line.append(p)

    out: list[Cell] = []
    for pt in ordered:
        x, y = pt
        i, j = at[pt]
        vs, hs, bottom, right = points[pt][:4]
        # a point joined to pt lies on one of its edges: no further than they reach
        lowest = bottom + INTERSECTION
        rightmost = right + INTERSECTION
        col, line = column[x], row[y]
        # the points right of pt joined to it, found as they are needed: the first
        # one most often makes the cell, and a table's rows are long
        rights: list = []
        scan, end = j + 1, len(line)
        cell = None
        for k in range(i + 1, len(col)):
            b = col[k]
            if b[1] > lowest:
                break
            bv, bh = points[b][:2]
            if vs.isdisjoint(bv):
                continue
            q = 0
            while True:
                if q < len(rights):
                    r = rights[q]
                else:
                    r = None
                    while scan < end:
                        s = line[scan]
                        scan += 1
                        if s[0] > rightmost:
                            scan = end
                            break
                        if not hs.isdisjoint(points[s][1]):
                            rights.append(s)
                            r = s
                            break
                    if r is None:
                        break
                q += 1
                corner = (r[0], b[1])
                c = points.get(corner)
                if c is not None and not c[0].isdisjoint(points[r][0]) and not c[1].isdisjoint(bh):
                    cell = (x, y, corner[0], corner[1])
                    break
            if cell or not rights:
                break  # found; or nothing right of pt is joined to it: no cell
        if cell:
            out.append(cell)
    return out


def _cells_to_tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables: cells that share a corner, directly or through other
    cells, form one table (what pdfplumber's passes over the cells arrive at)."""
    parent = list(range(len(cells)))
    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j == i:
                continue
            a, b = i, j  # their roots, each path halved on the way
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            while parent[b] != b:
                parent[b] = parent[parent[b]]
                b = parent[b]
            parent[a] = b
    groups: dict[int, list[Cell]] = defaultdict(list)
    for i, cell in enumerate(cells):
        r = i
        while parent[r] != r:
            r = parent[r]
        groups[r].append(cell)
    found = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in found if len(t) > 1]
