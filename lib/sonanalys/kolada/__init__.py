"""Kolada key figures: the API v3 client, comparison groups, the offline snapshot and
the comparisons the R9 notebook shows."""

from .client import BASE_URL, KoladaClient, KoladaError
from .compare import compare, crosscheck, gap_trend, index_to_group
from .groups import KPI_TITLES, POPULATION_KPI, group, groups, snapshot

__all__ = [
    "BASE_URL",
    "KPI_TITLES",
    "POPULATION_KPI",
    "KoladaClient",
    "KoladaError",
    "compare",
    "crosscheck",
    "gap_trend",
    "group",
    "groups",
    "index_to_group",
    "snapshot",
]
