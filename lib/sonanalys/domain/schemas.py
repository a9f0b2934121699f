"""pandera schemas of the domain frames: the documented contract of each column.

Text columns are never null (an unknown is ``''``); years, lines and pages are nullable
integers; values are floats, NaN only where the frame says a value may be missing.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from . import atgarder, budget, care, checks, followup, indikatorer, volymer


@dataclasses.dataclass(frozen=True)
class _Str(pandas_engine.STRING):
    """pandas' text dtype, as pandera's ``str``, checked once per column. Pandera answers
    a column of exactly this dtype with one ``True`` per row and then builds an empty
    failure report and its message for it: most of the time a small frame's
    validation takes. The verdict is the same; a column of another dtype is still
    checked, and reported, by pandera itself."""

    def check(self, pandera_dtype, data_container=None):
        try:
            if pandas_engine.Engine.dtype(pandera_dtype).type == self.type:
                return True
        except TypeError:
            pass
        return super().check(pandera_dtype, data_container)


# pandera makes STRING a dataclass with its own decorator, which mypy does not see through:
# mypy takes DataType.__init__(dtype); the dataclass __init__ takes no argument
STR = _Str()  # type: ignore[call-arg]
TEXT = pa.Column(STR, nullable=False)
INT = pa.Column("Int64", nullable=True, coerce=True)
FLOAT = pa.Column("float64", nullable=True, coerce=True)
VALUE = pa.Column("float64", nullable=False, coerce=True)


def _text(allowed: tuple[str, ...] | None = None) -> pa.Column:
    return pa.Column(STR, pa.Check.isin(list(allowed)), nullable=False) if allowed else TEXT


def _prov() -> dict[str, pa.Column]:
    return {
        "source": pa.Column(STR, pa.Check.str_length(min_value=1), nullable=False),
        "page": INT,
        "sheet": TEXT,
        "table_id": TEXT,
        "table": TEXT,
        "line": pa.Column("Int64", pa.Check.ge(1), nullable=False, coerce=True),
        "cell_text": TEXT,
    }


def _structure() -> dict[str, pa.Column]:
    """A value's place in its table (tables.OBSERVATION_COLUMNS)."""
    return {
        "row_order": INT,
        "row_path": TEXT,
        "level": INT,
        "total_of": TEXT,
        "column_path": TEXT,
        "is_root": pa.Column(bool),
    }


def _doc() -> dict[str, pa.Column]:
    return {"municipality": TEXT, "doc_type": TEXT, "doc_year": INT}


def _schema(name: str, columns: list[str], spec: dict[str, pa.Column]) -> pa.DataFrameSchema:
    missing = [c for c in columns if c not in spec]
    if missing:  # a programming error: every column is documented
        raise AssertionError(f"schema {name} lacks {missing}")
    return pa.DataFrameSchema({c: spec[c] for c in columns}, strict=True, ordered=True, name=name)


ATGARDER = _schema(
    "atgarder",
    atgarder.COLUMNS,
    {
        **_doc(),
        **_prov(),
        **{k if k != "level" else "row_level": v for k, v in _structure().items()},
        "plan": TEXT,
        "area": TEXT,
        "section": TEXT,
        "measure": pa.Column(STR, pa.Check.str_length(min_value=1), nullable=False),
        "level": _text(atgarder.LEVELS),
        "effect_kind": _text(("", *atgarder.EFFECT_KINDS)),
        "year": INT,
        "value_mnkr": FLOAT,
        "value_high_mnkr": FLOAT,
        "qualifier": TEXT,
        "basis": _text(("", "delår", "helår")),
        "unit": _text(("", "mnkr", "tkr", "kr", "mdkr")),
        "status": TEXT,
        "time_aspect": TEXT,
        "decision_date": TEXT,
        "diarienummer": TEXT,
        "column_label": TEXT,
    },
)
BUDGET = _schema(
    "budget",
    budget.COLUMNS,
    {
        **_doc(),
        **_prov(),
        **_structure(),
        "section": TEXT,
        "verksamhet": pa.Column(STR, pa.Check.str_length(min_value=1), nullable=False),
        "is_total": pa.Column(bool),
        "value_kind": _text(budget.VALUE_KINDS),
        "year": INT,
        "year_source": TEXT,
        "period": TEXT,
        "value_mnkr": VALUE,
        "value_tkr": VALUE,
        "unit": _text(("mnkr", "tkr", "kr", "mdkr")),
        "column_label": TEXT,
    },
)
_CARE = {
    **_doc(),
    **_prov(),
    "label": TEXT,
    "group": _text(care.GROUPS),
    "care_form": _text(care.CARE_FORMS),
    "sex": _text(("", "K", "M")),
    "year": INT,
    "period": TEXT,
    "value_kind": TEXT,
    "value": VALUE,
    "column_label": TEXT,
}
PLACEMENTS = _schema(
    "placements",
    care.PLACEMENT_COLUMNS,
    {
        **_CARE,
        "measure": _text(care.PLACEMENT_MEASURES),
        "unit": _text(("antal", "per1000")),
    },
)
VARDDYGN = _schema(
    "varddygn",
    care.VARDDYGN_COLUMNS,
    {
        **_CARE,
        "measure": _text(care.VARDDYGN_MEASURES),
        "basis": _text(care.BASES),
        "unit": _text(("dygn", "kr/dygn", "mnkr")),
        "derivation": TEXT,
        "reported": FLOAT,
        "difference": FLOAT,
    },
)
VOLYMER = _schema(
    "volymer",
    volymer.COLUMNS,
    {
        **_doc(),
        **_prov(),
        "section": TEXT,
        "measure": TEXT,
        "entity": TEXT,
        "group": _text(care.GROUPS),
        "sex": _text(("", "K", "M")),
        "year": INT,
        "period": TEXT,
        "value_kind": TEXT,
        "value": VALUE,
        "unit": _text(("antal",)),
        "column_label": TEXT,
    },
)
INDIKATORER = _schema(
    "indikatorer",
    indikatorer.COLUMNS,
    {
        **_doc(),
        **_prov(),
        "area": TEXT,
        "indicator": TEXT,
        "entity": TEXT,
        "is_comparison": pa.Column(bool),
        "kolada_id": pa.Column(STR, pa.Check.str_matches(r"^([NU]\d{5})?$"), nullable=False),
        "sex": _text(("", "K", "M")),
        "year": INT,
        "period": TEXT,
        "month": pa.Column("Int64", pa.Check.in_range(1, 12), nullable=True),
        "value_kind": TEXT,
        "value": VALUE,
        "qualifier": TEXT,
        "unit": TEXT,
        "column_label": TEXT,
        "footnote": TEXT,
    },
)
FOLLOWUP = _schema(
    "atgarder_uppfoljning",
    followup.COLUMNS,
    {
        "municipality": TEXT,
        "earlier_source": TEXT,
        "later_source": TEXT,
        "measure_earlier": TEXT,
        "measure_later": TEXT,
        "match": _text(followup.MATCHES),
        "similarity": pa.Column("float64", pa.Check.in_range(0, 1)),
        "status": TEXT,
        "plan": _text(("tidigare", "senare")),
        "effect_kind": TEXT,
        "year": INT,
        "value_mnkr": FLOAT,
        "source": TEXT,
        "line": pa.Column("Int64", nullable=False, coerce=True),
    },
)
CHECKS = _schema(
    "checks",
    checks.COLUMNS,
    {
        "frame": _text(("atgarder", "budget", "tabell")),
        "source": TEXT,
        "table_id": TEXT,
        "table": TEXT,
        "group": TEXT,
        "total_label": TEXT,
        "line": pa.Column("int64", pa.Check.ge(1)),
        "n_parts": pa.Column("int64", pa.Check.ge(1)),
        "part_lines": TEXT,
        "reported": VALUE,
        "computed": VALUE,
        "computed_high": VALUE,
        "difference": VALUE,
        "tolerance": VALUE,
        "unit": TEXT,
        "status": _text(checks.STATUSES),
        "note": TEXT,
        "part_pages": TEXT,
        "page": INT,
    },
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "atgarder": ATGARDER,
    "atgarder_uppfoljning": FOLLOWUP,
    "budget": BUDGET,
    "placements": PLACEMENTS,
    "varddygn": VARDDYGN,
    "volymer": VOLYMER,
    "indikatorer": INDIKATORER,
    "checks": CHECKS,
}


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The frame with its schema's columns in order and dtypes set (also when empty),
    then validated: a builder that breaks its contract fails here, loudly."""
    schema = SCHEMAS[name]
    columns = {}
    for col, spec in schema.columns.items():
        s = df[col] if col in df.columns else pd.Series(index=df.index, dtype="object")
        dtype = str(spec.dtype)
        if isinstance(spec.dtype, pandas_engine.STRING):  # an unknown text is ''
            if s.hasnans:
                s = s.astype("object").where(s.notna(), "")
            s = s.astype(dtype)
        elif dtype == "Int64":
            if s.dtype != "Int64":
                s = pd.array(s.astype("object").where(s.notna(), None), dtype="Int64")
        elif dtype == "bool":
            s = s.astype(bool)
        else:
            s = s.astype(dtype)
        columns[col] = s
    # one frame from all columns (a column at a time costs an insert each)
    out = pd.DataFrame(columns, index=df.index)
    return schema.validate(out.reset_index(drop=True))
