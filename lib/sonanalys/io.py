"""The only module that writes files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_frame(df: pd.DataFrame, out_dir: Path, name: str) -> list[Path]:
    """Write ``name.csv`` (UTF-8, comma, decimal point) and ``name.parquet``."""
    csv_path, pq_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    atomic_write(
        csv_path, lambda p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n")
    )
    atomic_write(pq_path, lambda p: df.to_parquet(p, index=False, engine="pyarrow"))
    return [csv_path, pq_path]


def read_frame(out_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(Path(out_dir) / f"{name}.parquet")
