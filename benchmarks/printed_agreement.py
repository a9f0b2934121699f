"""How far each seed printed as a PDF reads as its text version: the measure a PDF layout
change is judged by.

For each of the five embedded documents (``data/raw/00*.txt``) and each printing of it,
counts the observations the PDF gives that match the text's: the same row label, column
label, year, period and value (labels with their white space collapsed), taken as
multisets, so a value read twice in the text must be read twice in the PDF. Beside it,
the measures of the 04 report (``domain.build``'s ``atgarder``) the PDF names as the text
does. Printings:

- the PDFs kept in ``tests/fixtures/printed_seeds`` and ``tests/fixtures/printed_plans``
  (their page size as their ``make.py`` says; ``printed_plans`` sets inline markup as
  its characters, ``printed_seeds`` as bold and line breaks);
- with ``--print`` (needs Chromium): every seed printed by
  ``tests/fixtures/printed_seeds/make.py`` on A4, A4 landscape and pages 350 mm tall,
  into a temporary folder (``--keep DIR`` keeps them there and reads them again next time).

Measures whatever ``sonanalys`` is first on the path, so the same script gives the
figures before and after a change (``PYTHONPATH=<tree>/lib``). Prints figures, asserts
nothing. Run: ``.venv/bin/python benchmarks/printed_agreement.py [--print] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from types import ModuleType

import pandas as pd

from sonanalys import domain
from sonanalys.observations import parse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").glob("00*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"
SIZES = {"A4": "A4", "liggande": "A4 landscape", "350mm": "210mm 350mm"}
_WS = re.compile(r"\s+")

Key = tuple[str, str, object, object, object]


def _label(value: object) -> str:
    return _WS.sub(" ", str(value)).strip()


def keys(obs: pd.DataFrame) -> collections.Counter[Key]:
    """The observations as a multiset of (row, column, year, period, value)."""
    out: collections.Counter[Key] = collections.Counter()
    for r in obs.itertuples():
        out[(_label(r.row_label), _label(r.column_label), r.year, r.period, r.value)] += 1
    return out


def of_seed(frame: pd.DataFrame, stem: str) -> pd.DataFrame:
    return frame[frame["source"].astype(str).str.startswith(stem)]


def measures(frames: domain.Frames, stem: str) -> set[str]:
    a = frames["atgarder"]
    if "measure" not in a or a.empty:
        return set()
    return set(of_seed(a, stem)["measure"].astype(str))


class Reading:
    """One parse of a set of files: its observations and 04 measures, per seed."""

    def __init__(self, paths: list[Path]) -> None:
        r = parse(paths)
        self.obs = r.observations
        self.frames = domain.build(r.observations, r.cells)

    def of(self, stem: str) -> tuple[collections.Counter[Key], set[str]]:
        return keys(of_seed(self.obs, stem)), measures(self.frames, stem)


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_{path.parent.name}_make", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kept_fixtures() -> dict[str, dict[str, Path]]:
    """{printing: {seed stem: pdf}} of the PDFs kept in tests/fixtures."""
    seeds_make = _module(FIXTURES / "printed_seeds" / "make.py")
    plans_make = _module(FIXTURES / "printed_plans" / "make.py")
    out: dict[str, dict[str, Path]] = collections.defaultdict(dict)
    for name, (stem, size) in seeds_make.KEEP.items():
        out[f"printed_seeds {size}"][stem] = FIXTURES / "printed_seeds" / name
    for stem, (_k, size) in plans_make.PLANS.items():
        out[f"printed_plans {size}"][stem] = FIXTURES / "printed_plans" / f"{stem}.pdf"
    return dict(out)


def printed(keep: Path | None) -> dict[str, dict[str, Path]]:
    """{printing: {seed stem: pdf}}, every seed printed on each of SIZES."""
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        print("Chromium saknas: bara de sparade PDF-filerna mäts", file=sys.stderr)
        return {}
    base = keep or Path(tempfile.mkdtemp(prefix="printed_agreement_"))
    out: dict[str, dict[str, Path]] = {}
    for name, size in SIZES.items():
        folder = base / name
        if not all((folder / f"{s.stem}.pdf").is_file() for s in SEEDS):
            make = FIXTURES / "printed_seeds" / "make.py"
            subprocess.run([sys.executable, str(make), str(folder), size], check=True)
        out[f"utskrivna {name}"] = {s.stem: folder / f"{s.stem}.pdf" for s in SEEDS}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--print", action="store_true", help="print the seeds anew (Chromium)")
    ap.add_argument("--keep", type=Path, help="folder to print into and read from again")
    ap.add_argument(
        "--misses",
        metavar="PRINTING/DOC",
        action="append",
        default=[],
        help="list the observations that differ in printings and documents whose name"
        " holds this ('350mm/000', '004', 'liggande'); may be given more than once",
    )
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")

    text = Reading(SEEDS)
    printings = kept_fixtures()
    if args.print or args.keep:
        printings.update(printed(args.keep))
    print(f"{'utskrift':26} {'dok':4} {'observationer':>22} {'åtgärder':>16}")
    for printing, pdfs in printings.items():
        reading = Reading(sorted(pdfs.values()))
        for stem, _pdf in sorted(pdfs.items()):
            t_keys, t_meas = text.of(stem[:3])
            p_keys, p_meas = reading.of(stem[:3])
            same = sum((t_keys & p_keys).values())
            obs = f"{same}/{sum(t_keys.values())} (pdf {sum(p_keys.values())})"
            meas = f"{len(t_meas & p_meas)}/{len(t_meas)} (pdf {len(p_meas)})" if t_meas else "-"
            print(f"{printing:26} {stem[:3]:4} {obs:>22} {meas:>16}")
            if any(_wanted(w, printing, stem) for w in args.misses):
                print_misses(t_keys, p_keys)
    return 0


def _wanted(pattern: str, printing: str, stem: str) -> bool:
    where, _, doc = pattern.rpartition("/")
    if not where and not doc[:1].isdigit():
        where, doc = doc, ""
    return where in printing and stem.startswith(doc)


def print_misses(t_keys: collections.Counter[Key], p_keys: collections.Counter[Key]) -> None:
    """The observations only the text gives ('-') and only the PDF gives ('+'), by row."""
    rows = sorted(
        [("-", k, n) for k, n in (t_keys - p_keys).items()]
        + [("+", k, n) for k, n in (p_keys - t_keys).items()],
        key=lambda m: (m[1][0], m[1][1], str(m[1][2]), str(m[1][3]), m[0]),
    )
    for sign, (row, col, year, period, value), n in rows:
        times = f" x{n}" if n > 1 else ""
        print(f"    {sign} {row[:110]!s:110} | {col[:40]!s:40} | {year} {period} | {value}{times}")


if __name__ == "__main__":
    sys.exit(main())
