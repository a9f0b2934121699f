"""A report's key: the digest of everything it is made from. Equal keys, equal reports,
so a report whose key is unchanged is not run again (its previous files are kept)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from .. import paths


def _digest_files(h, folder: Path, pattern: str = "*") -> None:
    if not folder.is_dir():
        return
    for f in sorted(folder.rglob(pattern)):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())


def report_key(name: str, src_dir: Path, shared: str) -> str:
    """SHA-256 of everything a report is made from: the notebook's source and what every
    report of the run shares (``shared_inputs``). Equal keys, equal reports: the previous
    files are kept."""
    h = hashlib.sha256((Path(src_dir) / f"{name}.ipynb").read_bytes())
    h.update(shared.encode())
    return h.hexdigest()


def shared_inputs(params: dict, processed: Path, run_date: str | None) -> str:
    """Digest of what every report of a run is made from: its parameters, the processed
    frames (their digests as written), the library's source, the shipped Kolada reference
    data and the Kolada cache (03 reads it; a fetch re-runs every report, the safe side),
    the current year (03's default years end there) and a run date given explicitly.
    Computed once per run, not once per notebook."""
    from ..pipeline import MANIFEST as PROCESSED_MANIFEST
    from ..pipeline import library_digest

    h = hashlib.sha256()
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    try:
        written = json.loads((processed / PROCESSED_MANIFEST).read_text("utf-8"))["written"]
    except (OSError, ValueError, KeyError, TypeError):
        written = {"unknown": os.urandom(16).hex()}  # no digests: never reuse
    h.update(json.dumps(written, sort_keys=True).encode())
    h.update(library_digest().encode())
    _digest_files(h, paths.KOLADA_REF)
    cache = params.get("kolada_cache") or (paths.DATA / "external" / "kolada")
    _digest_files(h, Path(cache), "*.json")
    h.update(str(dt.date.today().year).encode())
    h.update((run_date or "").encode())
    return h.hexdigest()


def reusable(entry: dict | None, key: str, out: Path, pdf: bool) -> bool:
    """The folder holds this report, made from the same inputs, whole, without error and
    with the very files its entry was written with (their SHA-256): a file replaced by
    hand or left by a run that was killed means the report runs again."""
    from .folder import digest

    if not entry or entry.get("key") != key or not entry.get("ok") or not entry.get("html"):
        return False
    if pdf and not entry.get("pdf"):
        return False
    made: list[str] = [entry[k] for k in ("html", "xlsx", "pdf") if entry.get(k)]
    made.append(f"executed/{entry.get('stem') or entry['name']}.ipynb")
    files = entry.get("files")
    if not isinstance(files, dict) or set(files) != set(made):
        return False  # written by an earlier version: no digests to check against
    try:
        return all(digest(out / f) == files[f] for f in made)
    except OSError:
        return False
