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

from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate, pairwise
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
    if not h or not v:
        return []
    h = [e for e in _join(_snap(h, 1), 0, 2) if e[2] - e[0] >= MIN_LENGTH]
    v = [e for e in _join(_snap(v, 0), 1, 3) if e[3] - e[1] >= MIN_LENGTH]
    return _cells_to_tables(_cells(_intersections(h, v)))


def _snap(edges: list[Edge], axis: int) -> set[Edge]:
    """Edges moved to the mean position of their cluster (``axis`` 0: x of vertical
    edges; 1: top of horizontal ones), each edge weighed as often as it is drawn;
    edges that then coincide are one. A cluster: positions in order, a new one where
    a position is more than SNAP past the one before."""
    ordered = sorted(edges, key=itemgetter(axis))
    at = [e[axis] for e in ordered]
    n = len(ordered)
    # a cluster begins where a position is not within SNAP of the one before
    starts = [0, *(k for k in range(1, n) if not at[k] <= at[k - 1] + SNAP), n]
    out: set[Edge] = set()
    for i, j in pairwise(starts):
        *_, total = accumulate(at[i:j])  # summed in order, as the mean always was
        m = total / (j - i)
        if axis == 0:
            out.update([(m, top, x1 + (m - x0), bottom) for x0, top, x1, bottom in ordered[i:j]])
        else:
            out.update([(x0, m, x1, bottom + (m - top)) for x0, top, x1, bottom in ordered[i:j]])
    return out


def _join(edges: set[Edge], lo: int, hi: int) -> list[Edge]:
    """Edges on one line (same position) that overlap or come within JOIN points become
    one. ``lo``/``hi``: the indices of the edge's start and end along its line."""
    pos = 1 if lo == 0 else 0  # a horizontal edge's line is its top, a vertical one's x
    out: list[Edge] = []
    line = None
    joined: list[float] = []
    for e in sorted(edges, key=itemgetter(pos, lo)):
        if e[pos] == line and e[lo] <= joined[hi] + JOIN:
            if e[hi] > joined[hi]:
                joined[hi] = e[hi]
            continue
        if joined:
            out.append((joined[0], joined[1], joined[2], joined[3]))
        joined = list(e)
        line = e[pos]
    if joined:
        out.append((joined[0], joined[1], joined[2], joined[3]))
    return out


# an intersection: the vertical and the horizontal edges through it (their indices),
# how far down the lowest of those vertical edges reaches and how far right the
# rightmost horizontal one
Crossing = list


def _intersections(h: list[Edge], v: list[Edge]) -> dict[tuple[float, float], Crossing]:
    """Each point where a vertical and a horizontal edge meet, with the edges through
    it: [vertical ones, horizontal ones, the lowest bottom, the rightmost end]. Edges
    are named by their index (vertical: in ``v``, horizontal: in ``h`` sorted by top)."""
    out: dict[tuple[float, float], Crossing] = {}
    hs = sorted(h, key=lambda e: (e[1], e[0]))
    tops = [e[1] for e in hs]
    tol = INTERSECTION
    n = len(hs)
    for vi, (x, vtop, _x1, vbottom) in enumerate(v):
        for k in range(bisect_left(tops, vtop - tol), n):
            x0, y, x1, _b = hs[k]
            if y - tol > vbottom:
                break
            if x0 - tol <= x <= x1 + tol:
                got = out.get((x, y))
                if got is None:
                    out[(x, y)] = [{vi}, {k}, vbottom, x1]
                else:
                    got[0].add(vi)
                    got[1].add(k)
                    if vbottom > got[2]:
                        got[2] = vbottom
                    if x1 > got[3]:
                        got[3] = x1
    return out


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
        vs, hs, bottom, right = points[pt]
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
            bv, bh, _, _ = points[b]
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
