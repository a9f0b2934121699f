"""A function over a list of items, in worker processes, the results in the items' order.

The order, not the finishing time, decides what the caller sees, so any number of
workers gives the same output. Only a window of items is in flight at a time (twice the
workers), so finished results wait in memory only while the caller catches up, never
for the whole list. With one job (or one item) everything runs in this process.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_order(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    progress: bool = False,
    counts: Sequence[int] | None = None,
) -> Iterator[R]:
    """``fn(item)`` for each item, in order, from ``jobs`` worker processes. ``fn`` must be
    picklable (a module-level function or a ``functools.partial`` of one). With
    ``progress``, a bar counts documents: ``counts[i]`` for item ``i`` (default one
    each), shown when there are more than five."""
    counts = list(counts) if counts is not None else [1] * len(items)
    bar = None
    if progress and sum(counts) > 5:
        from tqdm import tqdm

        bar = tqdm(total=sum(counts), unit="dokument", file=sys.stderr)
    try:
        if jobs <= 1 or len(items) < 2:
            for item, n in zip(items, counts, strict=True):
                yield fn(item)
                if bar is not None:
                    bar.update(n)
            return
        from concurrent.futures import ProcessPoolExecutor

        window = 2 * jobs
        with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
            pending: deque = deque()
            queue = iter(zip(items, counts, strict=True))
            for item, n in queue:
                pending.append((pool.submit(fn, item), n))
                if len(pending) >= window:
                    break
            while pending:
                future, n = pending.popleft()
                result = future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.append((pool.submit(fn, nxt[0]), nxt[1]))
                yield result
                if bar is not None:
                    bar.update(n)
    finally:
        if bar is not None:
            bar.close()
