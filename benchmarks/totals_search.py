"""CPU time of ``parse()`` on sheets where the row tree (``structure.find_totals``) is
most of the work: the real workbook of Tillväxtanalys (290 rows × about 60 columns of
quarterly counts) and two generated budget workbooks of 1 000 rows × 40 columns (a label
and 39 amounts): one of units under each area's ``Summa`` (some areas' nämnd row printed
above its units, some subtotals that miss by a unit, a ``Totalt`` over the areas), and
one of units with no subtotal, a ``Totalt`` at the foot (every unnamed row might be a
total printed above the rows below it: the search the quadratic code did for each); and
one where every third row is a ``Summa`` that its rows do not add up to (each an
unproven total, tried against sets of rows that grow with the sheet, and reported).

Measures whatever ``sonanalys`` is first on the path, so the same script gives the
figures before and after a change (``PYTHONPATH=<tree>/lib``). ``time.process_time`` of
the best of the repeats; prints figures, asserts nothing. Run:
``.venv/bin/python benchmarks/totals_search.py [--rows 1000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from sonanalys.observations import parse

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = (
    ROOT / "tests/corpus/found/documents/tillvaxtanalys_nystartade_foretag_kvartal_2007_2021.xlsx"
)


def budget_workbook(path: Path, rows: int, cols: int = 40, areas_of: int = 20) -> Path:
    """A budget of ``rows`` rows: areas of 5–``areas_of`` units, each closed by its
    ``Summa`` (``areas_of=0``: units only, no subtotals)."""
    rng = random.Random(26)
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget 2025, tkr"])
    ws.append(["Verksamhet", *(f"Konto {3000 + 10 * j}" for j in range(cols - 1))])
    for cell in ws[2]:
        cell.font = Font(bold=True)  # the header row, as a workbook marks it
    body: list[list] = []
    areas: list[list[int]] = []
    area = 0
    while len(body) < rows - 1:
        area += 1
        size = rng.randint(5, areas_of) if areas_of else rows - 1
        units = [[rng.randint(-900, 9000) for _ in range(cols - 1)] for _ in range(size)]
        if not areas_of:
            body += [[f"Enhet {u}", *vals] for u, vals in enumerate(units)]
            areas.append([sum(c) for c in zip(*units, strict=True)])
            break
        sums = [sum(c) for c in zip(*units, strict=True)]
        if rng.random() < 0.25:  # the nämnd above its units
            body.append([f"Nämnd {area}", *sums])
        body += [[f"Enhet {area}.{u}", *vals] for u, vals in enumerate(units)]
        if rng.random() < 0.15:  # a subtotal that misses by a unit
            sums = [sums[0] + 1, *sums[1:]]
        body.append([f"Summa område {area}", *sums])
        areas.append(sums)
    body = body[: rows - 1]
    body.append(["Totalt", *(sum(c) for c in zip(*areas, strict=True))])
    for row in body:
        ws.append(row)
    wb.save(path)
    return path


def _letters(k: int) -> str:
    """A, B, … Z, AA, AB …: a name without digits (read the same by every version)."""
    out = ""
    k += 1
    while k:
        k, m = divmod(k - 1, 26)
        out = chr(65 + m) + out
    return out


def unproven_workbook(path: Path, rows: int, cols: int = 40) -> Path:
    """A budget of ``rows`` rows, every third a ``Summa del …`` that does not add up."""
    rng = random.Random(26)
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget 2025, tkr"])
    ws.append(["Verksamhet", *(f"Konto {3000 + 10 * j}" for j in range(cols - 1))])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for k in range(rows):
        name = f"Summa del {_letters(k)}" if k % 3 == 2 else f"Enhet {k}"
        ws.append([name, *(rng.randint(-900, 9000) for _ in range(cols - 1))])
    wb.save(path)
    return path


def cpu(paths: list[Path], repeat: int) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(repeat):
        t = time.process_time()
        n = len(parse(paths).observations)
        best = min(best, time.process_time() - t)
    return best, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if WORKBOOK.exists():  # a copy of another repository's file, not committed
        t, n = cpu([WORKBOOK], a.repeat)
        print(f"Tillväxtanalys workbook (290 × ~60): {t:.2f} s CPU, {n} observations")
    else:
        print(f"Tillväxtanalys workbook: not at hand ({WORKBOOK.name}, tests/found.py)")
    for areas_of, what in ((20, "areas with subtotals"), (0, "units only, Totalt")):
        with tempfile.TemporaryDirectory() as d:
            path = budget_workbook(Path(d) / "budget.xlsx", a.rows, areas_of=areas_of)
            t, n = cpu([path], a.repeat)
        print(f"generated budget ({a.rows} × 40, {what}): {t:.2f} s CPU, {n} observations")
    with tempfile.TemporaryDirectory() as d:
        t, n = cpu([unproven_workbook(Path(d) / "budget.xlsx", a.rows)], a.repeat)
    print(
        f"generated budget ({a.rows} × 40, every third a Summa that does not add up): "
        f"{t:.2f} s CPU, {n} observations"
    )


if __name__ == "__main__":
    main()
