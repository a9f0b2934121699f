"""Command line: ``sonanalys parse PATH… --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .io import write_frame
from .observations import parse


def _cmd_parse(args: argparse.Namespace) -> int:
    inputs = args.paths or [paths.RAW]
    out = Path(args.out)
    result = parse(inputs)
    for f in result.skipped_files:
        print(
            f"hoppar över {f}: inte en dokumentfil (.txt .md .pdf .docx .xlsx .csv)",
            file=sys.stderr,
        )
    for e in result.errors:
        print(f"fel: {e}", file=sys.stderr)
    written = write_frame(result.observations, out, "observations")
    written += write_frame(result.report, out, "parse_report")
    warnings = int((result.report["severity"] == "warning").sum())
    print(
        f"{len(result.documents)} dokument, {len(result.observations)} observationer, "
        f"{len(result.report)} rader i parse_report ({warnings} varningar, "
        f"{len(result.errors)} fel) -> {out}"
    )
    for p in written:
        print(f"  {p}")
    return 1 if result.errors else 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sonanalys", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="läs dokument till observations.csv/.parquet och parse_report")
    p.add_argument("paths", nargs="*", help="filer eller mappar (standard: data/raw)")
    p.add_argument("--out", default=str(paths.PROCESSED), help="utmapp (standard: data/processed)")
    p.set_defaults(func=_cmd_parse)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
