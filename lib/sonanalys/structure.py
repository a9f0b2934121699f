"""A table's row tree: which rows are totals and which rows each total sums.

A total is proven by the table's own arithmetic: its value in each column equals the sum
of its parts' values within the table's rounding (:func:`allowance`: half a unit of the
total's last printed decimal plus half a unit of each part's, a whole number among
decimals read at the column's decimals), and every part is needed (without any one of
them the sum stands farther off: whole numbers within an allowance that grows with the
number of parts prove no parts). The parts tried, in order, for a row named as a total
(``Summa``, ``Totalt``, ``Nettokostnad`` …):

1. the rows right above it, back to the previous total or the start of its section;
2. the previous total and the rows between it and this one (a running total:
   ``Nettokostnad`` of the own units, then ``Externa …``, then ``Nettokostnad``);
3. the totals above it that no other total sums (a total of subtotals);
4. every row above it that is no total (a grand total over sections without subtotals);
5. the rows right below it, up to the next total or section (a total printed first);
6. the rows above it back to the previous total but one, when exactly one row leaves out
   makes every column add up (a subtotal that leaves a row outside it).

Before 2, the rows and totals above that no total sums yet are tried (a bottom line over
a subtotal, the row it left out and the rows after it).

The first set that adds up exactly is taken, else the first that adds up within rounding.

An unnamed row is a total only when it is the last row of its table or section and the
rows above it (at least two) add up to it. A named total that none of these sets adds up
to is kept as a total with no parts, and reported as a check — never given guessed parts.

The root total is the bottom line: the last total that no other total sums and whose
parts (followed down through the totals they name) cover every row above it that is no
total.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

TOTAL_LABEL = re.compile(
    r"^(?:<b>)?\s*(?:summa|totalt|total|summering|nettokostnad(?:er)?|netto|s:a|"
    r"sammanlagt)\b(?!\s+antal)"
    r"|\b(?:totalt|summa)$",
    re.IGNORECASE,
)
PATH_SEP = " › "


def is_total_label(label: str) -> bool:
    """``Summa``, ``Totalt``, ``Summa totalt``, ``Nettokostnad``, ``Nämnden totalt``."""
    return bool(TOTAL_LABEL.search(label.strip()))


@dataclass
class StructRow:
    """One value row of a table, as the row tree sees it."""

    order: int  # printed order within the table
    label: str
    section: str
    is_sub: bool  # breaks down the row above (``varav``, ``–``)
    values: dict[int, float] = field(default_factory=dict)  # column -> the cell's one value
    decimals: dict[int, int] = field(default_factory=dict)
    is_total: bool = False
    parts: list[int] = field(default_factory=list)  # indexes into the table's rows
    failed: list[int] = field(default_factory=list)  # columns where the proven sum fails
    total_of: str = ""  # the parts' printed orders, joined by ";"
    first: bool = False  # a total printed above its parts (a nämnd above its units)
    above: bool = False  # a total over rows of other sections: above the sections
    path: str = ""  # section › parent › row
    level: int = 0


def allowance(total_decimals: int, part_decimals: list[int]) -> float:
    """How far a printed total may stand from the sum of its printed parts by rounding
    alone: half a unit of the total's last decimal plus half a unit of each part's.

    A part is read at the finest decimals printed in its column (the total's included):
    a whole number among decimals is written short (``1 mnkr`` among ``0,5 mnkr`` is
    1,0, not 0,5–1,5). The total is read at its own decimals when it prints some (a
    total rounded coarser than its parts: ``483,8`` over parts that sum to 483,76),
    else at its parts'."""
    finest = max([total_decimals, *part_decimals])
    return 0.5 * 10.0 ** -(total_decimals or finest) + len(part_decimals) * 0.5 * 10.0**-finest


def _adds_up(
    parts: list[StructRow], total: StructRow, skip: frozenset[int] | set[int]
) -> tuple[int, list[int], bool]:
    """In how many columns ``parts`` sum to ``total`` — 0 unless they do in most of the
    columns they share, one of them not zero, and every part is needed — the columns
    where they do not, and whether the sums are exact (no rounding needed)."""
    ok, bad, exact = 0, [], True
    needed = [not any(p.values.get(j) for j in p.values if j not in skip) for p in parts]
    for j, t in total.values.items():
        if j in skip or not any(j in p.values for p in parts):
            continue
        s = sum(p.values.get(j, 0.0) for p in parts)
        tol = allowance(
            total.decimals.get(j, 0), [p.decimals.get(j, 0) for p in parts if j in p.values]
        )
        if abs(s - t) < tol - 1e-9 and (t != 0 or any(p.values.get(j) for p in parts)):
            ok += 1
            exact = exact and abs(s - t) < 1e-6 * max(1.0, abs(t))
            for x, p in enumerate(parts):
                # the part is needed here: without it the sum stands farther off
                needed[x] = needed[x] or abs(s - p.values.get(j, 0.0) - t) > abs(s - t) + 1e-9
        else:
            bad.append(j)
    nonzero = any(total.values.get(j) for j in total.values if j not in skip and j not in bad)
    # a sum that stands as near the total, or nearer, without one of its parts (a part
    # within the rounding allowed: whole numbers, many parts) does not prove that these
    # rows are the parts
    return (ok if ok > len(bad) and nonzero and all(needed) else 0), bad, exact


def find_totals(rows: list[StructRow], skip: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Mark each row's ``is_total``/``parts`` in place; return the indexes of named totals
    whose parts could not be proven. ``skip``: columns not summed (percentages).

    ``rows`` come as the table reader builds them: no row marked a total yet. Near-linear
    in rows × columns: what is known of the rows above (which are totals, which rows they
    sum, each section's rows since the last total) is kept as the search goes down, and a
    set of rows is summed row by row (:func:`_adds_up`, which decides) only when the
    table's column sums (:class:`_Columns`) leave it possible that it adds up."""
    unproven: list[int] = []
    named_at = [is_total_label(r.label) for r in rows]
    # the bounds pay for their arrays only on a long table: a short one (most tables of
    # a report) is summed row by row, with the same decisions (:class:`_NoBounds`)
    short = len(rows) * sum(len(r.values) for r in rows) <= _SHORT_TABLE
    cols: _Columns | _NoBounds = _NoBounds() if short else _Columns(rows, named_at)
    n = len(rows)
    next_row = [n] * (n + 1)  # the next row that is no sub-row, at or after each row
    for k in range(n - 1, -1, -1):
        next_row[k] = next_row[k + 1] if rows[k].is_sub else k
    above: list[int] = []  # the rows above that are no sub-rows
    prev_at = 0  # where the previous total stands in ``above``
    claimed: set[int] = set()  # every row a total above sums
    # the sets that grow with the table, summed as they change (never summed again for
    # each total): the rows above that no total sums, the totals among them, the rows
    # above that are no total
    free, free_tops, all_plain = cols.running(), cols.running(), cols.running()
    prev_total: int | None = None
    since: dict[str, list[int]] = {}  # each section's rows since the previous total
    for i, r in enumerate(rows):
        if r.is_sub:
            continue
        named = named_at[i]
        seen = since.get(r.section, ())
        candidates: list[list[int] | _Running | _Rows] = []
        block: list[int] = []  # the section's rows since the previous total, when asked
        if named:
            block = list(seen)
            candidates.append(block)
            # every row and total above that no total sums yet ("Nettokostnad" =
            # "Ensamkommande" + "Nettokostnad" of the rest + "Externa …")
            candidates.append(free)
            if prev_total is not None:
                candidates.append(above[prev_at:])
            if len(free_tops) >= 2:
                candidates.append(free_tops)
            if len(all_plain) >= 2 and len(all_plain) != len(block):  # (block ends plain)
                candidates.append(all_plain)
            below = []
            for k in range(i + 1, n):
                if rows[k].section != r.section or named_at[k]:
                    break
                if not rows[k].is_sub:
                    below.append(k)
            if len(below) >= 2:
                candidates.append(below)
        else:
            nxt = next_row[i + 1]
            last_of_section = nxt == n or rows[nxt].section != r.section
            if last_of_section and len(seen) >= 2:
                block = list(seen)
                candidates.append(block)
        fits: list[tuple[bool, int, list[int], list[int]]] = []
        first: list[int] = []
        if not named and not r.is_total and i not in claimed:
            bounds = cols if isinstance(cols, _Columns) else None
            first = _printed_first(rows, i, skip, bounds, named_at)
            if first:
                r.is_total, r.parts, r.first = True, first, True
        if not first:
            for c in candidates:
                if not len(c) or (not named and len(c) < 2):
                    continue
                if isinstance(c, _Running | _Rows):
                    if not c.may_add_up(i, skip):
                        continue  # proven by the column sums: _adds_up finds nothing
                    cand = c.rows()
                elif not cols.may_add_up(c, i, skip):
                    continue
                else:
                    cand = c
                good, bad, exact = _adds_up([rows[k] for k in cand], r, skip)
                # an unnamed row sums the rows above it in two columns, or is three rows' sum
                if good and (named or good >= 2 or len(cand) >= 3):
                    fits.append((not exact, len(fits), cand, bad))
            if not fits and named and len(block) >= 3:
                # a subtotal of all the rows above it but one ("Nettokostnad" of the own
                # units, "Ensamkommande" left out): only when exactly one row leaves so
                for k in cols.all_but_one(block, i, skip):
                    cand = [x for x in block if x != k]
                    good, bad, exact = _adds_up([rows[x] for x in cand], r, skip)
                    if good and not bad:
                        fits.append((not exact, len(fits), cand, bad))
                if len(fits) > 1:
                    fits = []
            if fits:  # the first set that adds up exactly, else the first within rounding
                _, _, cand, bad = min(fits)
                r.is_total, r.parts, r.failed = True, cand, bad
            elif named:
                r.is_total = True
                unproven.append(i)
        above.append(i)
        if i not in claimed:
            free.add(i)
        for k in r.parts:
            if k not in claimed:
                claimed.add(k)
                free.discard(k)
                free_tops.discard(k)
        if r.is_total:
            if i not in claimed:
                free_tops.add(i)
            prev_total, prev_at = i, len(above) - 1
            since = {}
        else:
            all_plain.add(i)
            since.setdefault(r.section, []).append(i)
    return unproven


class _Columns:
    """The table's values as arrays, for bounds that rule a set of rows out before it is
    summed row by row: each row's values (0 where it has none), whether it has one, and
    sums down the table. A bound rules out only what it proves with a margin far wider
    than the floating-point error of either sum (``_err``): the decisions stay those of
    :func:`_adds_up` and :func:`_run_adds_up`, on the same sums."""

    def __init__(self, rows: list[StructRow], named_at: list[bool]) -> None:
        keys = sorted({j for r in rows for j in r.values})
        self._rows = rows
        self.index = {j: c for c, j in enumerate(keys)}
        n, m = len(rows), len(keys)
        self.v = np.zeros((n, m))
        self.has = np.zeros((n, m), dtype=bool)
        for k, r in enumerate(rows):
            for j, x in r.values.items():
                self.v[k, self.index[j]] = x
                self.has[k, self.index[j]] = True
        self.nonzero = self.has & (self.v != 0)
        self.absv = np.abs(self.v)
        # a run of rows printed below a total (_printed_first) stops at a row of another
        # section or a named total: where each stretch of rows ends
        self.brk = [True] + [
            rows[k].section != rows[k - 1].section or named_at[k] for k in range(1, n)
        ]
        body = np.array([not r.is_sub for r in rows], dtype=bool)[:, None]
        zero = np.zeros((1, m))
        # sums of the rows that are no sub-rows above each row (row k's at k + 1)
        self.csum = np.vstack([zero, np.cumsum(np.where(body, self.v, 0.0), axis=0)])
        self.ccount = np.vstack([zero, np.cumsum(self.has & body, axis=0)])
        self.scale = self.absv.sum(axis=0)  # for the error margin
        self._runs: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    def _err(self, scale: np.ndarray, t: np.ndarray) -> np.ndarray:
        return 1e-9 * (scale + np.abs(t)) + 1e-9

    def _total(
        self, total: StructRow, skip: frozenset[int] | set[int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The columns summed in a total's row: their positions, the total's values, and
        half a unit of its decimals in each."""
        keys = [j for j in total.values if j not in skip]
        js = np.array([self.index[j] for j in keys], dtype=np.intp)
        t = np.array([total.values[j] for j in keys], dtype=float)
        unit = np.array([0.5 * 10.0 ** -total.decimals.get(j, 0) for j in keys])
        return js, t, unit

    def may_add_up(self, cand: list[int], i: int, skip: frozenset[int] | set[int]) -> bool:
        """False only when :func:`_adds_up` of these rows to row ``i`` is proven to find
        no columns that add up (fewer columns can add up than surely do not)."""
        js, t, unit = self._total(self._rows[i], skip)
        if not len(js):
            return True
        idx = np.array(cand, dtype=np.intp)
        v = self.v[np.ix_(idx, js)]
        s = v.sum(axis=0)
        cnt = self.has[np.ix_(idx, js)].sum(axis=0)
        nz = self.nonzero[np.ix_(idx, js)].any(axis=0)
        err = self._err(self.absv[np.ix_(idx, js)].sum(axis=0), t)
        return self._possible(s, cnt, nz, t, unit, err, need_all=False)

    @staticmethod
    def _possible(
        s: np.ndarray,
        cnt: np.ndarray,
        nz: np.ndarray,
        t: np.ndarray,
        unit: np.ndarray,
        err: np.ndarray,
        need_all: bool,
    ) -> bool:
        """Whether :func:`_adds_up` may find these sums adding up to ``t`` (``cnt``: how
        many parts have a value in each column, ``nz``: whether one is not zero): with
        ``need_all``, in every column compared; else in more columns than fail."""
        compared = cnt > 0
        # the allowance is at most half a unit of the total's decimals, once for the total
        # and once for each part (a part is read at least as finely as the total)
        off = np.abs(s - t) >= unit * (1 + cnt) + err
        sure_bad = compared & (off | ((t == 0) & ~nz))
        maybe = compared & ~sure_bad
        n_maybe, n_bad = int(maybe.sum()), int(sure_bad.sum())
        if need_all:
            return n_bad == 0 and n_maybe >= 1
        if n_maybe <= n_bad:
            return False
        # the total must be non-zero somewhere outside the columns that fail
        return bool(((t != 0) & ~sure_bad).any())

    def all_but_one(self, block: list[int], i: int, skip: frozenset[int] | set[int]) -> list[int]:
        """The rows of ``block`` without which the rest may add up to row ``i`` in every
        column compared (:func:`_adds_up` with no column failing), in block order."""
        js, t, unit = self._total(self._rows[i], skip)
        if not len(js):
            return list(block)
        idx = np.array(block, dtype=np.intp)
        v = self.v[np.ix_(idx, js)]
        has = self.has[np.ix_(idx, js)]
        nzm = self.nonzero[np.ix_(idx, js)]
        s = v.sum(axis=0) - v
        cnt = has.sum(axis=0) - has
        nz = (nzm.sum(axis=0) - nzm) > 0
        err = self._err(self.absv[np.ix_(idx, js)].sum(axis=0), t)
        return [
            k
            for x, k in enumerate(block)
            if self._possible(s[x], cnt[x], nz[x], t, unit, err, need_all=True)
        ]

    def beyond(self, i: int, keys: list[int]) -> Callable[[int, list[bool]], bool]:
        """For the run of rows below row ``i`` (:func:`_printed_first`): a test
        ``stop(k, compared)``, true when no run that ends below row ``k`` can add up to row
        ``i``: in a column where the run has values (``compared``), every such run's sum
        stands beyond the largest allowance it could have, above row ``i``'s value or
        below it. A run from row ``i + 1`` to row ``x - 1`` sums ``csum[x] - csum[i + 1]``
        over ``ccount[x] - ccount[i + 1]`` values, and its allowance is at most ``u`` (half
        a unit of row ``i``'s decimals) once and once more for each value; so it stands
        above the total by at least ``low[x] - low[i + 1] - t - u`` (``low = csum -
        u·ccount``) and below it by at least ``t - high[x] + high[i + 1] - u`` (``high =
        csum + u·ccount``). The least ``low`` and greatest ``high`` over the rest of the
        stretch bound every longer run, whatever the signs of its rows."""
        total = self._rows[i]
        js = np.array([self.index[j] for j in keys], dtype=np.intp)
        t = np.array([total.values[j] for j in keys], dtype=float)
        unit = np.array([0.5 * 10.0 ** -total.decimals.get(j, 0) for j in keys])
        err = self._err(self.scale[js], t)
        n = len(self._rows)
        # per allowance unit (mostly one): the columns, their bounds down the stretches,
        # and what of the distance is known at row i
        groups = []
        for u in sorted(set(unit.tolist())):
            sel = np.flatnonzero(unit == u)
            least, most = self._run_bounds(u)
            c, tu, e = js[sel], t[sel], err[sel]
            over = -(self.csum[i + 1, c] - u * self.ccount[i + 1, c]) - tu - u - e
            under = tu + (self.csum[i + 1, c] + u * self.ccount[i + 1, c]) - u - e
            groups.append((sel, c, least, most, over, under))

        def stop(k: int, compared: list[bool]) -> bool:
            if k + 1 >= n or self.brk[k + 1]:
                return False  # the stretch ends here: the run stops anyway
            seen = np.array(compared)
            for sel, c, least, most, over, under in groups:
                far = (least[k + 2, c] + over > 0) | (under - most[k + 2, c] > 0)
                if (far & seen[sel]).any():
                    return True
            return False

        return stop

    def running(self) -> _Running:
        """An empty set of this table's rows, its column sums kept as rows come and go."""
        return _Running(self)

    def _run_bounds(self, u: float) -> tuple[np.ndarray, np.ndarray]:
        """At each row position ``x``: the least of ``csum - u·ccount`` and the greatest of
        ``csum + u·ccount`` from ``x`` to the end of its stretch."""
        if u not in self._runs:
            least = self.csum - u * self.ccount
            most = self.csum + u * self.ccount
            for x in range(len(self._rows) - 1, 0, -1):
                if not self.brk[x]:  # row x goes on the stretch of row x - 1
                    np.minimum(least[x], least[x + 1], out=least[x])
                    np.maximum(most[x], most[x + 1], out=most[x])
            self._runs[u] = (least, most)
        return self._runs[u]


# a table whose rows times values are at most this is searched without the bounds of
# :class:`_Columns`: on so short a table their arrays cost more than they save (row by
# row the search may try each run of rows below each row: rows² × columns at worst)
_SHORT_TABLE = 1000


class _NoBounds:
    """:class:`_Columns` for a short table: no bound rules a set of rows out, so every
    set is summed row by row by :func:`_adds_up`, which decides as it does after the
    bounds (they rule out only sets it would find not adding up)."""

    def may_add_up(self, cand: list[int], i: int, skip: frozenset[int] | set[int]) -> bool:
        return True

    def all_but_one(self, block: list[int], i: int, skip: frozenset[int] | set[int]) -> list[int]:
        return list(block)

    def running(self) -> _Rows:
        return _Rows()


class _Rows:
    """:class:`_Running` without its sums: an ordered set of rows, each set possible."""

    def __init__(self) -> None:
        self._in: dict[int, None] = {}

    def __len__(self) -> int:
        return len(self._in)

    def add(self, k: int) -> None:
        self._in[k] = None

    def discard(self, k: int) -> None:
        self._in.pop(k, None)

    def rows(self) -> list[int]:
        return list(self._in)

    def may_add_up(self, i: int, skip: frozenset[int] | set[int]) -> bool:
        return True


class _Running:
    """A set of a table's rows that grows and shrinks as the totals search goes down (the
    rows above that no total sums yet …), with its sums in each column kept as rows are
    added and taken out, so that :meth:`may_add_up` costs one pass over the total's
    columns, not one over the set. The kept sums may differ from a fresh sum by float
    rounding of the additions and removals; the margin allowed for that error is that of
    the whole column (``_Columns.scale``, as :meth:`_Columns.beyond` allows), far wider,
    so a bound still rules out only what it proves (:func:`_adds_up` decides the rest).
    Rows keep their order: :meth:`rows` lists them as added, in the table's order."""

    def __init__(self, cols: _Columns) -> None:
        m = cols.v.shape[1]
        self._cols = cols
        self._in: dict[int, None] = {}  # an ordered set
        self._s = np.zeros(m)
        self._cnt = np.zeros(m)
        self._nz = np.zeros(m)

    def __len__(self) -> int:
        return len(self._in)

    def add(self, k: int) -> None:
        c = self._cols
        self._in[k] = None
        self._s += c.v[k]
        self._cnt += c.has[k]
        self._nz += c.nonzero[k]

    def discard(self, k: int) -> None:
        if k not in self._in:
            return
        c = self._cols
        del self._in[k]
        self._s -= c.v[k]
        self._cnt -= c.has[k]
        self._nz -= c.nonzero[k]

    def rows(self) -> list[int]:
        return list(self._in)  # added as the search goes down: in the table's order

    def may_add_up(self, i: int, skip: frozenset[int] | set[int]) -> bool:
        """As :meth:`_Columns.may_add_up` of these rows to row ``i``."""
        c = self._cols
        js, t, unit = c._total(c._rows[i], skip)
        if not len(js):
            return True
        err = c._err(c.scale[js], t)
        return c._possible(
            self._s[js], self._cnt[js], self._nz[js] > 0, t, unit, err, need_all=False
        )


def _printed_first(
    rows: list[StructRow],
    i: int,
    skip: frozenset[int] | set[int],
    columns: _Columns | None = None,
    named_at: list[bool] | None = None,
) -> list[int]:
    """An unnamed row that the rows right below it sum (``Kommunstyrelsen`` above its
    units, in every column of amounts): the shortest run of at least two rows below it,
    up to the next section, that adds up in two columns or more and in every column
    compared, exactly or within rounding. Several such runs, or none: no parts.

    The run stops growing as soon as no longer run can add up: when, in a column where it
    already has values, every longer run's sum is proven to stand beyond its allowance
    (:meth:`_Columns.beyond`, which holds whatever the signs of the rows below).
    ``named_at``: each row's :func:`is_total_label`, where the caller has them."""
    r = rows[i]
    run: list[int] = []
    found: list[list[int]] = []
    # the run's sums kept as it grows (as _adds_up sums them, in the same order), so a
    # long sheet (300 rows, 60 columns) is not summed again for every row it adds
    cols = [j for j in r.values if j not in skip]
    sums = dict.fromkeys(cols, 0.0)
    decs = dict.fromkeys(cols, 0)
    present = dict.fromkeys(cols, 0)  # how many of the run's rows have a value there
    nonzero_part = dict.fromkeys(cols, False)
    stop = columns.beyond(i, cols) if columns is not None and cols else None
    for k in range(i + 1, len(rows)):
        named = named_at[k] if named_at is not None else is_total_label(rows[k].label)
        if rows[k].section != r.section or named:
            break
        if rows[k].is_sub:
            continue
        run.append(k)
        p = rows[k]
        for j in cols:
            v = p.values.get(j, 0.0)
            sums[j] += v
            if j in p.values:
                present[j] += 1
                decs[j] = max(decs[j], p.decimals.get(j, 0))
            nonzero_part[j] = nonzero_part[j] or bool(p.values.get(j))
        if len(run) >= 2:
            good, bad = _run_adds_up(r, cols, sums, decs, present, nonzero_part)
            if good >= 2 and not bad:
                # (summed again, once, to see that every row of the run is needed)
                good, bad, _ = _adds_up([rows[x] for x in run], r, skip)
            if good >= 2 and not bad:
                found.append(list(run))
                if len(found) > 1:
                    return []
        if stop is not None and stop(k, [present[j] > 0 for j in cols]):
            break
    return found[0] if len(found) == 1 else []


def _run_adds_up(total, cols, sums, decs, present, nonzero_part) -> tuple[int, list[int]]:
    """:func:`_adds_up` over a run's kept sums (``decs``: the finest decimals of the
    run's values in each column, ``present``: how many values it has there), whether
    each part is needed not asked: (columns that add up, those that do not)."""
    ok, bad = 0, []
    for j in cols:
        if not present[j]:
            continue
        t = total.values[j]
        tol = allowance(total.decimals.get(j, 0), [decs[j]] * present[j])
        if abs(sums[j] - t) < tol - 1e-9 and (t != 0 or nonzero_part[j]):
            ok += 1
        else:
            bad.append(j)
    nonzero = any(total.values.get(j) for j in cols if j not in bad)
    return (ok if ok > len(bad) and nonzero else 0), bad


def root(rows: list[StructRow]) -> int | None:
    """The index of the table's bottom line, or None when no total covers the table."""
    claimed = {p for r in rows for p in r.parts}
    for i in range(len(rows) - 1, -1, -1):
        r = rows[i]
        if not r.is_total or i in claimed or not r.parts:
            continue
        covered: set[int] = set()
        stack = list(r.parts)
        while stack:
            k = stack.pop()
            if k in covered:
                continue
            covered.add(k)
            stack.extend(rows[k].parts)
        need = {k for k in range(i) if not rows[k].is_sub and not rows[k].is_total}
        return i if need <= covered else None
    return None
