"""The only module that writes files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once: os.umask sets the process's mask, which threads writing at once would race on
_UMASK = _umask()


def share_mode(path: Path) -> None:
    """Give a file or folder made private by ``tempfile`` the ordinary mode (0666 or
    0777 less the umask), so colleagues can open what is written on a shared folder."""
    os.chmod(path, (0o777 if Path(path).is_dir() else 0o666) & ~_UMASK)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place.
    The file gets the ordinary mode (0666 less the umask), not mkstemp's private 0600, so
    colleagues can open it on a shared folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        share_mode(tmp_path)
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_frame(df: pd.DataFrame, out_dir: Path, name: str) -> list[Path]:
    """Write ``name.csv`` (UTF-8, comma, decimal point; text a spreadsheet would run as a
    formula is prefixed with ``'``, see ``export``) and ``name.parquet`` (exact)."""
    from .export import safe_csv_frame

    csv_path, pq_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    safe = safe_csv_frame(df)
    atomic_write(
        csv_path, lambda p: safe.to_csv(p, index=False, encoding="utf-8", lineterminator="\n")
    )
    atomic_write(pq_path, lambda p: df.to_parquet(p, index=False, engine="pyarrow"))
    return [csv_path, pq_path]


def read_frame(out_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(Path(out_dir) / f"{name}.parquet")
