"""The reports a run can make (notebook registry), the parameters every notebook gets,
and their names in the reader's words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..dataset import Dataset

NOTEBOOKS: dict[str, str] = {
    "01_placeringar": "Placeringar",
    "02_varddygn": "Vårddygn och kostnad per dygn",
    "03_r9": "Jämförelse med jämförelsegruppen",  # the notebook's own heading: R9 or another
    "04_atgarder": "Åtgärdsplan – uppföljning",
    "05_delarsrapport": "Delårsrapport – bilaga",
}


def selected(only: list[str] | None) -> list[str]:
    """The reports a run makes: those whose names hold one of ``only`` (all without)."""
    return [n for n in NOTEBOOKS if not only or any(o in n for o in only)]


def _atgarder_with_years(data: Dataset) -> pd.DataFrame:
    a = data.atgarder
    return a[a["year"].notna()]  # the plans' effects per year


def _r9_pairs(data: Dataset) -> pd.DataFrame:
    from ..domain.indikatorer import r9_pairs

    return r9_pairs(data.indikatorer)


# The rows whose documents decide a report's municipality when the run names none
# (``notebook.report_municipality``), and whether the run's year and period narrow them
# (not for 03 and 04: their periods are of their own kind). Read by each notebook and by
# ``sonanalys report``, which asks it of every report before anything is written.
OWN_ROWS: dict[str, tuple[Callable[[Dataset], pd.DataFrame], bool]] = {
    "01_placeringar": (lambda data: data.placements, True),
    "02_varddygn": (lambda data: data.varddygn, True),
    "03_r9": (_r9_pairs, False),
    "04_atgarder": (_atgarder_with_years, False),
    "05_delarsrapport": (lambda data: data.budget, True),
}

# the reports that may be about a municipality the documents do not name: 03 compares any
# of Kolada's municipalities with its group (values from the Kolada cache)
KOLADA_REPORTS = frozenset({"03_r9"})
PROFILES = {
    "ledning": "personantal under {n} och tal beräknade ur dem visas som ..",
    "intern": "exakta tal, även små personantal; inte för spridning",
}

# the parameters in the header, in the reader's words (the name a scheduled run sets is
# shown beside, small); folders are not the reader's business
PARAM_LABELS = {
    "municipality": "kommun",
    "year": "år",
    "period": "period",
    "profile": "profil",
    "mask_threshold": "maskeringsgräns (personer)",
    "comparison_group": "jämförelsegrupp",
    "kpis": "nyckeltal",
    "years": "år i jämförelsen",
}
HIDDEN_PARAMS = {"processed_dir", "data_dir", "kolada_cache"}


def param_value(v) -> str:
    return ", ".join(str(x) for x in v) if isinstance(v, list | tuple) else str(v)


def parameters_for(
    municipality: str | None,
    year: int | None,
    period: str | None,
    processed: Path,
    mask_threshold: int,
    profile: str,
    extra: dict | None = None,
    data_dir: Path | None = None,
) -> dict:
    """The parameters every notebook gets, and ``extra`` ones for the notebooks that
    have them (``comparison_group``, ``kpis``, ``kolada_cache`` for 03). ``data_dir``
    is the documents' folder, ``processed`` the frames parsed from it (the notebook kit
    reads these, without parsing again)."""
    params: dict = {
        "processed_dir": str(processed),
        "mask_threshold": mask_threshold,
        "profile": profile,
    }
    if data_dir is not None:
        params["data_dir"] = str(data_dir)
    if municipality:
        params["municipality"] = municipality
    if year:
        params["year"] = year
    if period:
        params["period"] = period
    params.update({k: v for k, v in (extra or {}).items() if v is not None})
    return params
