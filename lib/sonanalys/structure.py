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
from dataclasses import dataclass, field

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
    whose parts could not be proven. ``skip``: columns not summed (percentages)."""
    unproven: list[int] = []
    for i, r in enumerate(rows):
        if r.is_sub:
            continue
        named = is_total_label(r.label)
        above = [k for k in range(i) if not rows[k].is_sub]
        prev_total = max((k for k in above if rows[k].is_total), default=None)
        block = [
            k
            for k in above
            if (prev_total is None or k > prev_total) and rows[k].section == r.section
        ]
        candidates: list[list[int]] = []
        claimed = {p for k in above if rows[k].is_total for p in rows[k].parts}
        if named:
            candidates.append(block)
            # every row and total above that no total sums yet ("Nettokostnad" =
            # "Ensamkommande" + "Nettokostnad" of the rest + "Externa …")
            candidates.append([k for k in above if k not in claimed])
            if prev_total is not None:
                between = [k for k in above if k > prev_total]
                candidates.append([prev_total, *between])
            tops = [k for k in above if rows[k].is_total and k not in claimed]
            if len(tops) >= 2:
                candidates.append(tops)
            plain = [k for k in above if not rows[k].is_total]
            if len(plain) >= 2 and plain != block:
                candidates.append(plain)
            below = []
            for k in range(i + 1, len(rows)):
                if rows[k].section != r.section or is_total_label(rows[k].label):
                    break
                if not rows[k].is_sub:
                    below.append(k)
            if len(below) >= 2:
                candidates.append(below)
        else:
            nxt = next((k for k in range(i + 1, len(rows)) if not rows[k].is_sub), None)
            last_of_section = nxt is None or rows[nxt].section != r.section
            if last_of_section and len(block) >= 2:
                candidates.append(block)
        fits: list[tuple[bool, int, list[int], list[int]]] = []
        if not named and not r.is_total and i not in _claimed(rows):
            first = _printed_first(rows, i, skip)
            if first:
                r.is_total, r.parts, r.first = True, first, True
                continue
        for cand in candidates:
            if not cand or (not named and len(cand) < 2):
                continue
            good, bad, exact = _adds_up([rows[k] for k in cand], r, skip)
            # an unnamed row sums the rows above it in two columns, or is three rows' sum
            if good and (named or good >= 2 or len(cand) >= 3):
                fits.append((not exact, len(fits), cand, bad))
        if not fits and named and len(block) >= 3:
            # a subtotal of all the rows above it but one ("Nettokostnad" of the own
            # units, "Ensamkommande" left out): only when exactly one row leaves so
            for k in block:
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
    return unproven


def _claimed(rows: list[StructRow]) -> set[int]:
    return {p for r in rows for p in r.parts}


def _printed_first(rows: list[StructRow], i: int, skip: frozenset[int] | set[int]) -> list[int]:
    """An unnamed row that the rows right below it sum (``Kommunstyrelsen`` above its
    units, in every column of amounts): the shortest run of at least two rows below it,
    up to the next section, that adds up in two columns or more and in every column
    compared, exactly or within rounding. Several such runs, or none: no parts."""
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
    for k in range(i + 1, len(rows)):
        if rows[k].section != r.section or is_total_label(rows[k].label):
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
        if len(run) < 2:
            continue
        good, bad = _run_adds_up(r, cols, sums, decs, present, nonzero_part)
        if good >= 2 and not bad:
            # (summed again, once, to see that every row of the run is needed)
            good, bad, _ = _adds_up([rows[x] for x in run], r, skip)
        if good >= 2 and not bad:
            found.append(list(run))
            if len(found) > 1:
                return []
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
