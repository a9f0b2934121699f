"""Command line: ``sonanalys parse PATH… --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .pipeline import process, write_processed


def _cmd_parse(args: argparse.Namespace) -> int:
    inputs = args.paths or [paths.RAW]
    out = Path(args.out)
    processed = process(inputs)
    result = processed.result
    for f in result.skipped_files:
        print(
            f"hoppar över {f}: inte en dokumentfil (.txt .md .pdf .docx .xlsx .csv)",
            file=sys.stderr,
        )
    for e in result.errors:
        print(f"fel: {e}", file=sys.stderr)
    for w in processed.frames.warnings:
        print(f"varning: {w}", file=sys.stderr)
    written = write_processed(processed, out, inputs)
    report = processed.report
    warnings = int((report["severity"] == "warning").sum())
    checks = processed.frames["checks"]
    off = checks[checks["status"] != "ok"]
    print(
        f"{len(result.documents)} dokument, {len(result.observations)} observationer, "
        f"{len(report)} rader i parse_report ({warnings} varningar, "
        f"{len(result.errors)} fel) -> {out}"
    )
    frames = ", ".join(f"{k} {len(v)}" for k, v in processed.frames.frames.items())
    print(f"tabeller: {frames}")
    print(
        f"summakontroller: {len(checks) - len(off)} stämmer, {len(off)} avviker "
        "(se checks.csv: dokumentets egna summor mot raderna)"
    )
    for p in written:
        print(f"  {p}")
    return 1 if result.errors else 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sonanalys", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "parse",
        help="läs dokument till observations, parse_report och domäntabellerna (atgarder, …)",
    )
    p.add_argument("paths", nargs="*", help="filer eller mappar (standard: data/raw)")
    p.add_argument("--out", default=str(paths.PROCESSED), help="utmapp (standard: data/processed)")
    p.set_defaults(func=_cmd_parse)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
