"""Kolada key figures: the API v3 client, comparison groups, the shipped reference data
(municipalities, KPI metadata), the offline snapshot and the comparisons the 03 notebook
shows."""

from .client import BASE_URL, MAX_AGE_DAYS, KoladaClient, KoladaError, RefreshResult
from .compare import CROSSCHECK_RESULTS, compare, crosscheck, gap_trend, index_to_group
from .groups import POPULATION_KPI, ComparisonGroup, group, groups, resolve_group, snapshot
from .reference import (
    kpi_metadata,
    kpi_name,
    kpi_title,
    kpi_unit,
    municipalities,
    municipality_id,
    municipality_names,
    municipality_title,
    publication_note,
)

__all__ = [
    "BASE_URL",
    "CROSSCHECK_RESULTS",
    "MAX_AGE_DAYS",
    "POPULATION_KPI",
    "ComparisonGroup",
    "KoladaClient",
    "KoladaError",
    "RefreshResult",
    "compare",
    "crosscheck",
    "gap_trend",
    "group",
    "groups",
    "index_to_group",
    "kpi_metadata",
    "kpi_name",
    "kpi_title",
    "kpi_unit",
    "municipalities",
    "municipality_id",
    "municipality_names",
    "municipality_title",
    "publication_note",
    "resolve_group",
    "snapshot",
]
