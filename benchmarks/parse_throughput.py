"""Parsing speed, each figure beside its floor, measured in the same run.

* text: ``parse()`` against a bare pass over the same bytes (a Swedish-number regex and a
  split on ``|`` and tab for every line), on N copies of the embedded documents;
* end to end: ``sonanalys parse`` (parse, domain frames, accounting, CSV/parquet/workbook)
  against ``parse()`` alone, serial and with ``--jobs``, with its peak memory: all its
  processes together (PSS) and the largest one;
* PDF: our PDF reader against pypdfium2's bare text extraction of the same file.

Floor and figure are timed alternately, so a noisy machine hits both alike: text best of
``--repeat``; each PDF ``--pdf-repeat`` times, with medians and the range of the ratios.
Prints figures; asserts nothing. Run:
``.venv/bin/python benchmarks/parse_throughput.py [--copies 10] [--repeat 3] [--only pdf]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sonanalys import paths
from sonanalys.observations import parse

NUM = re.compile(r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?")
SPLIT = re.compile(r"[|\t]")
PDF = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pdf"


def bare_pass(folder: Path) -> None:
    for f in sorted(folder.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            NUM.findall(line)
            SPLIT.split(line)


def best(fn, repeat: int) -> float:
    t = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def alternate(a, b, repeat: int) -> tuple[float, float]:
    ta = tb = float("inf")
    for _ in range(repeat):
        ta = min(ta, best(a, 1))
        tb = min(tb, best(b, 1))
    return ta, tb


def cli_run(folder: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds of ``sonanalys parse`` in its own process; the peak memory (MB) of the
    whole run, its process and the workers together (proportional set size, so pages
    the forked workers share are counted once); and the largest single process's peak
    resident size. Both sampled every 20 ms. (Not ``ru_maxrss``: Linux carries it
    across ``exec``, so the command would report this benchmark's own size.)"""
    import psutil

    code = (
        "import sys, time\n"
        "from sonanalys.cli import main\n"
        "t0 = time.perf_counter()\n"
        f"main(['parse', {str(folder)!r}, '--out', {str(out)!r}, '--jobs', '{jobs}'])\n"
        "print('BENCH', time.perf_counter() - t0, file=sys.stderr)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)  # fmt: skip
    root, peak, single = psutil.Process(run.pid), 0, 0
    while run.poll() is None:
        total = 0
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # a worker that just ended
                mem = proc.memory_full_info()
                total += mem.pss
                single = max(single, mem.rss)
        peak = max(peak, total)
        time.sleep(0.02)
    err = run.stderr.read() if run.stderr else ""
    if run.returncode:
        raise SystemExit(f"sonanalys parse failed:\n{err}")
    _, secs = [x for x in err.splitlines() if x.startswith("BENCH")][-1].split()
    return float(secs), peak / 2**20, single / 2**20


def corpus(tmp: Path, copies: int) -> Path:
    folder = tmp / f"x{copies}"
    folder.mkdir()
    for i in range(copies):
        for p in sorted(paths.RAW.glob("*.txt")):
            shutil.copy(p, folder / f"{i:03d}_{p.name}")
    return folder


def pdf_figures(repeat: int) -> None:
    """Each PDF read ``repeat`` times, alternately with the floor (the file's bytes opened
    by pypdfium2 and every page's text taken out): the best and the median of each, and
    the median and range of the ratio of each read to the floor measured beside it."""
    import statistics

    import pypdfium2 as pdfium

    from sonanalys.readers import read

    for pdf in sorted(PDF.glob("*.pdf")):
        data = pdf.read_bytes()

        def bare(data: bytes = data) -> None:
            doc = pdfium.PdfDocument(data)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()

        floors, ours = [], []
        bare()  # warm: imports, the OS's file cache
        read(pdf)
        for _ in range(repeat):
            floors.append(best(bare, 1))
            ours.append(best(lambda pdf=pdf: read(pdf), 1))
        ratios = sorted(o / f for o, f in zip(ours, floors, strict=True))
        pages = len(pdfium.PdfDocument(data))
        floor, mine = statistics.median(floors), statistics.median(ours)
        print(
            f"PDF {pdf.name[:40]:<40} {pages:3d} sidor, {repeat} gånger växelvis: "
            f"pypdfium2 {floor:6.3f} s (bäst {min(floors):.3f}), "
            f"sonanalys {mine:6.3f} s (bäst {min(ours):.3f}; {pages / mine:5.1f} sidor/s) = "
            f"{statistics.median(ratios):4.2f}× golvet (median; {ratios[0]:.2f}–{ratios[-1]:.2f}; "
            f"bäst mot bäst {min(ours) / min(floors):.2f}×)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[10, 20])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf-repeat", type=int, default=31, help="reads of each PDF (alternately)")
    ap.add_argument("--only", choices=["text", "pdf"], help="one of the two parts")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    if args.only != "pdf":
        text_figures(args.copies, args.repeat, cores)
    if args.only != "text":
        pdf_figures(args.pdf_repeat)


def text_figures(copies_list: list[int], repeat: int, cores: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for copies in copies_list:
            folder = corpus(tmp, copies)
            mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
            floor, ours = alternate(lambda f=folder: bare_pass(f), lambda f=folder: parse([f]),
                                    repeat)  # fmt: skip
            print(
                f"text, {copies * 5} dokument ({mb:.1f} MB): golv {floor:.3f} s "
                f"({mb / floor:.1f} MB/s), parse() {ours:.3f} s ({mb / ours:.2f} MB/s) "
                f"= {ours / floor:.1f}× golvet"
            )
            for jobs in sorted({1, cores}):
                secs, peak, single = cli_run(folder, tmp / f"out{copies}-{jobs}", jobs)
                print(
                    f"  sonanalys parse --jobs {jobs}: {secs:.2f} s = {secs / ours:.1f}× parse(), "
                    f"toppminne {peak:.0f} MB alla processer ({peak / mb:.0f}× indata), "
                    f"största process {single:.0f} MB"
                )


if __name__ == "__main__":
    main()
