"""The only module that writes files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
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
    w = FrameWriter(Path(out_dir), name)
    w.append(df)
    return w.close()


ROW_GROUP = 4_096  # rows in each parquet row group but the last (a writer holds fewer)


class FrameWriter:
    """``name.csv`` and ``name.parquet`` written a part at a time (one batch of
    documents' rows), so a frame need never be whole in memory: each part is appended
    to the CSV at once, and the parquet file gets row groups of ``ROW_GROUP`` rows
    whatever the parts, so its bytes depend on the rows only, not on how they were cut
    into parts. Both files appear at ``close``, atomically; until then they are
    temporary files beside them (removed by ``discard``). The first part sets the
    columns and their types; a column with no value yet is text."""

    def __init__(self, out_dir: Path, name: str):
        self.out_dir, self.name = Path(out_dir), name
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._tmp: dict[str, Path] = {}
        for ext in ("csv", "parquet"):
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.{ext}.", suffix=".tmp", dir=self.out_dir)
            os.close(fd)
            self._tmp[ext] = Path(tmp)
        self._schema = None
        self._parquet: Any = None  # a pyarrow ParquetWriter once the first part came
        self._held: list = []  # parquet rows not yet in a row group (fewer than ROW_GROUP)
        self._held_rows = 0
        self.rows = 0

    def append(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .export import safe_csv_frame

        first = self._schema is None
        if first:
            found = pa.Schema.from_pandas(df, preserve_index=False)
            fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f
                      for f in found]  # fmt: skip
            self._schema = pa.schema(fields, metadata=found.metadata)
            self._parquet = pq.ParquetWriter(self._tmp["parquet"], self._schema)
        self._held.append(pa.Table.from_pandas(df, schema=self._schema, preserve_index=False))
        self._held_rows += len(df)
        if self._held_rows >= ROW_GROUP:
            held = pa.concat_tables(self._held)
            whole = self._held_rows - self._held_rows % ROW_GROUP
            self._write_groups(held.slice(0, whole))
            # the rest copied out: a slice would keep every part's whole buffers alive
            rest = held.take(pa.array(range(whole, self._held_rows), pa.int64()))
            self._held, self._held_rows = [rest], self._held_rows - whole
        safe_csv_frame(df).to_csv(
            self._tmp["csv"], index=False, encoding="utf-8", lineterminator="\n",
            mode="w" if first else "a", header=first,
        )  # fmt: skip
        self.rows += len(df)

    def _write_groups(self, table) -> None:
        # contiguous columns: the file's pages must not depend on where parts were joined
        self._parquet.write_table(table.combine_chunks(), row_group_size=ROW_GROUP)

    def close(self) -> list[Path]:
        """Put both files in place; their paths. (At least one part must be appended:
        it says the columns.)"""
        try:
            if self._parquet is not None:
                import pyarrow as pa

                if self._held_rows or not self.rows:  # the last rows; or an empty frame
                    self._write_groups(pa.concat_tables(self._held))
                self._held = []
                self._parquet.close()
            done = []
            for ext in ("csv", "parquet"):
                final = self.out_dir / f"{self.name}.{ext}"
                share_mode(self._tmp[ext])
                os.replace(self._tmp[ext], final)
                done.append(final)
            return done
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the temporary files, whatever state the writer is in: closing a
        parquet writer on a full disk raises again, and must not keep them."""
        try:
            if self._parquet is not None:
                parquet, self._parquet = self._parquet, None
                parquet.close()
        except Exception:
            pass
        finally:
            for tmp in self._tmp.values():
                tmp.unlink(missing_ok=True)


def read_frame(out_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(Path(out_dir) / f"{name}.parquet")


def release_memory() -> None:
    """Give the memory freed by a finished batch back to the system. Arrow's pool and
    the C library keep freed pages for reuse; without this a streaming run grows with
    its largest batch and with fragmentation, not with what it holds. (The package
    sets Arrow to the C library's allocator, see ``sonanalys/__init__``.)"""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    _malloc_trim()


def _malloc_trim() -> None:
    trim = _c_malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _c_malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
