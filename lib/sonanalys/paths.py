"""The project's paths, in one place (cookiecutter-data-science style).

Raw data are read-only; every stage writes below ``data/processed`` or ``reports``.
The root can be moved with the environment variable ``SONANALYS_ROOT``.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("SONANALYS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd().resolve()


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"


def processed_for(data_dir: str | Path) -> Path:
    """Where the frames parsed from the documents in ``data_dir`` go: ``data/processed``
    for ``data/raw``; for any other folder (a network share, last year's reports) a folder
    of its own, ``data/processed/mappar/<name>-<hash of its path>``, so frames of different
    folders never overwrite each other."""
    d = Path(data_dir).resolve()
    if d == RAW.resolve():
        return PROCESSED
    digest = hashlib.sha256(str(d).encode("utf-8")).hexdigest()[:8]
    slug = re.sub(r"[^\w-]+", "-", d.name).strip("-") or "mapp"
    return PROCESSED / "mappar" / f"{slug}-{digest}"
