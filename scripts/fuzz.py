"""The parser's fuzz properties (tests/test_fuzz.py) with a larger budget and a random
seed. Prints what it ran; on a failure, hypothesis prints the smallest failing table.

Run: ``.venv/bin/python scripts/fuzz.py [--examples 5000] [--seed N]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings

import strategies as S
from sonanalys.observations import parse


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=5000, help="per layout")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    run_seed = args.seed if args.seed is not None else int(time.time())
    print(f"seed {run_seed}, {args.examples} tabeller per layout")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        for name, strategy in (
            ("pipe", S.pipe_tables()),
            ("tab", S.tab_tables()),
            ("loose", S.loose_tables()),
        ):

            @seed(run_seed)
            @settings(
                max_examples=args.examples,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow],
            )
            @given(strategy)
            def prop(case):
                path.write_text(case.text, encoding="utf-8")
                r = parse([path])
                assert r.errors == []
                assert S.observed(r.observations) == case.expected, case.text
                assert S.reported_missing(r.report) == case.missing, case.text

            t0 = time.perf_counter()
            try:
                prop()
                print(f"{name:<6} ok     {time.perf_counter() - t0:6.1f} s")
            except AssertionError as exc:
                failed += 1
                print(f"{name:<6} FEL    {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
