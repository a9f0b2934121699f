"""The project's paths, in one place (cookiecutter-data-science style).

Raw data are read-only; every stage writes below ``data/processed`` or ``reports``.
The root can be moved with the environment variable ``SONANALYS_ROOT``; outside a checkout
(an installed wheel) it is the current folder.

What the library itself needs to run — Kolada's reference data (``KOLADA_REF``) and the
notebooks the reports are made from (``NOTEBOOKS``) — ships inside the package: the wheel's
build copies ``data/raw/kolada`` and ``notebooks`` into ``sonanalys/_data`` (``setup.py``),
and they are found through ``importlib.resources``. Run from a checkout (an editable install
or ``PYTHONPATH=lib``) the package holds no copy and the checkout's own files are used.
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib import resources
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
REPORTS = ROOT / "reports"


def package_data(name: str) -> Path | None:
    """The folder ``name`` of the data shipped in the installed package
    (``sonanalys/_data/<name>``), or ``None`` when the package holds none (a checkout)."""
    found = resources.files("sonanalys") / "_data" / name
    # pip installs a wheel unpacked, so the resource is a real folder (a zipped package
    # is not supported: papermill and pandas need paths)
    return Path(str(found)) if isinstance(found, Path) and found.is_dir() else None


# the package's own copy first (an installed wheel), else the checkout's
KOLADA_REF = package_data("kolada") or RAW / "kolada"
NOTEBOOKS = package_data("notebooks") or ROOT / "notebooks"


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
