from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys import paths
from sonanalys.observations import parse

RAW = paths.RAW
SEEDS = {
    "000": "000_reviderad_atgardsplan_2021_linkoping_son.txt",
    "001": "001_atgardsplan_2020_linkoping_son.txt",
    "002": "002_internbudget_2024_linkoping_son.txt",
    "003": "003_delarsrapport_aug_2018_linkoping_socialnamnden.txt",
    "004": "004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt",
}


@pytest.fixture(scope="session")
def seeds_result():
    return parse([RAW])


@pytest.fixture(scope="session")
def obs(seeds_result):
    """Observations with missing values as None, so rows compare as plain tuples."""
    df = seeds_result.observations.astype(object)
    return df.where(df.notna(), None)


@pytest.fixture(scope="session")
def report(seeds_result):
    return seeds_result.report


@pytest.fixture(scope="session")
def seed_lines():
    return {k: (RAW / v).read_text(encoding="utf-8").split("\n") for k, v in SEEDS.items()}


def pick(df, **kw):
    """Rows of ``df`` where each column equals (or, for strings ending in '…', starts with)
    the given value."""
    mask = None
    for col, val in kw.items():
        if isinstance(val, str) and val.endswith("…"):
            m = df[col].astype(str).str.startswith(val[:-1])
        else:
            m = df[col] == val
        mask = m if mask is None else mask & m
    return df[mask]


@pytest.fixture(scope="session")
def reports_run(tmp_path_factory):
    """Every notebook on the embedded data, once per test session (ledning profile)."""
    from sonanalys.report.runner import run_reports

    out = tmp_path_factory.mktemp("rep") / "reports"
    return run_reports(out=out, jobs=2, run_date="2026-11-23", progress=False)


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write
