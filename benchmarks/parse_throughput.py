"""Parse throughput on the embedded documents and on a corpus 100x their size.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/parse_throughput.py``
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from sonanalys import paths
from sonanalys.observations import parse


def measure(folder: Path, repeat: int = 3) -> tuple[float, int, int, int]:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = parse([folder])
        best = min(best, time.perf_counter() - t0)
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    tables = sum(len(d.tables) for d in res.documents)
    return best, size, tables, len(res.observations)


def report(name: str, folder: Path, repeat: int) -> None:
    secs, size, tables, n = measure(folder, repeat)
    print(
        f"{name:<22} {size / 1e6:8.2f} MB {tables:6d} tabeller {n:8d} observationer "
        f"{secs:8.3f} s  {size / 1e6 / secs:6.2f} MB/s  {tables / secs:8.0f} tabeller/s"
    )


def main() -> None:
    report("seeds (5 dokument)", paths.RAW, repeat=5)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for i in range(100):
            for p in paths.RAW.glob("*.txt"):
                shutil.copy(p, corpus / f"{i:03d}_{p.name}")
        report("100x seeds", corpus, repeat=1)


if __name__ == "__main__":
    main()
