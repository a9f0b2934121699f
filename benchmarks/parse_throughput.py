"""Parsing speed, each figure beside its floor, measured in the same run.

* text: ``parse()`` against a bare pass over the same bytes (a Swedish-number regex and a
  split on ``|`` and tab for every line), on N copies of the embedded documents;
* end to end: ``sonanalys parse`` (parse, domain frames, accounting, CSV/parquet/workbook)
  against ``parse()`` alone, serial and with ``--jobs``, with its peak memory: all its
  processes together (PSS) and the largest one;
* PDF: our PDF reader against pypdfium2's bare text extraction of the same file, for
  each PDF of ``--pdf-dir`` (by default a report as published and the printed seeds);
  and, beside it, against pypdfium2's extraction of the text and every character's box
  (``get_charbox``, a call a character: the least a reader of where text stands must
  learn, as pdfplumber's ``chars``), a first read, median of the ratios.

Floor and figure are timed alternately, so a noisy machine hits both alike: text best of
``--repeat``; each PDF ``--pdf-repeat`` times, read again and as a first read, with
medians and the range of the ratios, in wall and CPU time.
Prints figures; asserts nothing. Run:
``.venv/bin/python benchmarks/parse_throughput.py [--copies 10] [--repeat 3] [--only pdf]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sonanalys import paths
from sonanalys.observations import parse

NUM = re.compile(r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?")
SPLIT = re.compile(r"[|\t]")
_ROOT = Path(__file__).resolve().parents[1]
# the PDFs timed: a report as published (Göteborg's delårsrapport, set in a layout program:
# a text object a line) and the embedded documents as Chromium prints them (a text object
# a word or a few letters, as browsers and Word write PDFs: many more calls into PDFium)
PDFS = [_ROOT / "tests" / "corpus" / "pdf", _ROOT / "tests" / "fixtures" / "printed_seeds"]


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
            # each copy ends in its own number of empty lines: parse() reads a file whose
            # bytes equal another's once (a duplicate), so plain copies would time 5 files
            (folder / f"{i:03d}_{p.name}").write_bytes(p.read_bytes() + b"\n" * (i + 1))
    return folder


def forget_between_documents() -> None:
    """What the library keeps from one document to the next, dropped: the per-document
    memory (``memo.forget``, as ``parse`` does between documents) and any ``lru_cache``
    of the package (none of the readers keeps one now). A benchmark that reads one
    file over and over would otherwise measure a second read of the same lines."""
    from sonanalys import memo

    memo.forget()
    for name, module in list(sys.modules.items()):
        if name.startswith("sonanalys"):
            for value in vars(module).values():
                ours = getattr(value, "__module__", None) or ""
                if hasattr(value, "cache_clear") and ours.startswith("sonanalys"):
                    value.cache_clear()


def pdf_figures(repeat: int, folders: list[Path]) -> None:
    """Each PDF read ``repeat`` times, alternately with the floor (the file's bytes opened
    by pypdfium2 and every page's text taken out): a read again of the same file (the
    readers' caches warm, as in earlier sessions' figures), and a first read (what the
    library keeps between documents dropped before it, ``forget_between_documents``),
    which is what a user's run does with each of its documents. For each: the median
    ratio to the floor measured beside it and its range, in wall time and in this
    process's CPU time (less moved by the other processes on a shared machine)."""
    import statistics

    import pypdfium2 as pdfium

    from sonanalys.readers import read

    def timed(fn) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t0, time.process_time() - c0

    summary = []
    boxed_summary: list[tuple[float, str]] = []  # against the text and each character's box
    for pdf in [p for folder in folders for p in sorted(folder.glob("*.pdf"))]:
        data = pdf.read_bytes()

        def bare(data: bytes = data) -> None:
            doc = pdfium.PdfDocument(data)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()

        def boxed(data: bytes = data) -> None:
            doc = pdfium.PdfDocument(data)
            for page in doc:
                textpage = page.get_textpage()
                textpage.get_text_range()
                for i in range(textpage.count_chars()):
                    textpage.get_charbox(i)
            doc.close()

        def ours(pdf: Path = pdf) -> None:
            read(pdf)

        bare()  # warm: imports, the OS's file cache
        boxed()
        ours()
        floor, chars, again, first = [], [], [], []
        for _ in range(repeat):
            floor.append(timed(bare))
            chars.append(timed(boxed))
            again.append(timed(ours))
            forget_between_documents()
            first.append(timed(ours))
        pages = len(pdfium.PdfDocument(data))
        print(f"PDF {pdf.name}, {pages} sidor, {repeat} gånger växelvis med golvet:")
        for k, what in enumerate(["väggtid", "CPU-tid"]):
            f = [t[k] for t in floor]
            print(f"  {what}: pypdfium2 {statistics.median(f):.3f} s (bäst {min(f):.3f})")
            c = [t[k] for t in chars]
            mine = [t[k] for t in first]
            ratios = sorted(m / x for m, x in zip(mine, c, strict=True))
            print(
                f"    pypdfium2 med varje teckens ruta: {statistics.median(c):.3f} s; "
                f"sonanalys, första läsning = {statistics.median(ratios):4.2f}× den (median)"
            )
            if k == 1:
                boxed_summary.append((statistics.median(ratios), pdf.name))
            for name, runs in [("läst igen", again), ("första läsning", first)]:
                mine = [t[k] for t in runs]
                ratios = sorted(m / x for m, x in zip(mine, f, strict=True))
                print(
                    f"    sonanalys, {name}: {statistics.median(mine):.3f} s "
                    f"(bäst {min(mine):.3f}) = {statistics.median(ratios):4.2f}× golvet "
                    f"(median; {ratios[0]:.2f}–{ratios[-1]:.2f}; "
                    f"bäst mot bäst {min(mine) / min(f):.2f}×)"
                )
                if k == 1 and name == "första läsning":
                    summary.append((statistics.median(ratios), pdf.name, pages))
    if len(summary) > 1:
        print(
            "Första läsning, CPU-tid, median mot golvet (texten) "
            "och mot texten med varje teckens ruta:"
        )
        for (ratio, name, pages), (boxed_ratio, _name) in zip(summary, boxed_summary, strict=True):
            print(f"  {ratio:4.2f}×  {boxed_ratio:4.2f}×  {name} ({pages} sidor)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[10, 20])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf-repeat", type=int, default=31, help="reads of each PDF (alternately)")
    ap.add_argument("--only", choices=["text", "pdf"], help="one of the two parts")
    ap.add_argument(
        "--pdf-dir", type=Path, nargs="+", default=PDFS,
        help="folders of PDFs to time (default: the Göteborg PDF and the printed seeds)",
    )  # fmt: skip
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    if args.only != "pdf":
        text_figures(args.copies, args.repeat, cores)
    if args.only != "text":
        pdf_figures(args.pdf_repeat, args.pdf_dir)


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
