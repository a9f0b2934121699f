"""Score a parse against hand-checked facts: how many of the numbers an economist checked
by hand in the documents did the parser read, with the right labels and year?

A facts file is CSV with the columns ``doc,kind,row_pattern,col_pattern,year,value``
(``unit`` and ``note`` may follow; the shared corpus's format). A fact holds when an
observation of ``doc`` (its file name) has

- a row label — with its category and entity appended — matching ``row_pattern`` (a
  regular expression, case-insensitive, searched anywhere in the label),
- a column label matching ``col_pattern``, when one is given,
- the ``year``, when one is given,
- the ``value`` (to 1e-6 relative, or 0.001 absolute; a decimal point, sign as printed).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

FACT_COLUMNS = ["doc", "kind", "row_pattern", "col_pattern", "year", "value"]


def read_facts(path: str | Path) -> pd.DataFrame:
    """The facts of a CSV file, as text (values are read here, with a decimal point, as the
    format says); a missing column or an unreadable value names the file and line."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f, restkey="_more")  # a note may hold unquoted commas
        missing = [c for c in FACT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: kolumner saknas: {', '.join(missing)}")
        rows = [{c: (row.get(c) or "") for c in reader.fieldnames or []} for row in reader]
    facts = pd.DataFrame(rows, columns=reader.fieldnames, dtype=str)
    for i, f in enumerate(facts.itertuples(index=False), start=2):  # line 1: the header
        try:
            float(f.value)
            if f.year.strip():
                int(f.year)
        except ValueError:
            raise ValueError(
                f"{path}, rad {i}: värdet {f.value!r} eller året {f.year!r} går inte att läsa "
                "(decimalpunkt, inga tusentalsavgränsare)"
            ) from None
        for col in ("row_pattern", "col_pattern"):
            try:
                re.compile(getattr(f, col))
            except re.error as exc:
                raise ValueError(
                    f"{path}, rad {i}: {col} är inget reguljärt uttryck ({exc})"
                ) from None
    return facts


def score(observations: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The facts with a column ``found`` (bool): does some observation hold the fact."""
    obs = observations.copy()
    obs["doc"] = obs["source"].astype(str).str.replace("\\", "/").str.rsplit("/", n=1).str[-1]
    text = {c: obs[c].fillna("").astype(str) for c in ("row_label", "category", "entity")}
    obs["_label"] = text["row_label"]
    for c in ("category", "entity"):
        obs["_label"] += text[c].map(lambda t: f" {t}" if t else "")
    obs["_col"] = obs["column_label"].fillna("").astype(str)
    obs["_value"] = pd.to_numeric(obs["value"], errors="coerce")
    obs["_year"] = pd.to_numeric(obs["year"], errors="coerce")
    by_doc = dict(tuple(obs.groupby("doc")))
    found = []
    for f in facts.itertuples(index=False):
        o = by_doc.get(f.doc)
        if o is None:
            found.append(False)
            continue
        v = float(f.value)
        ok = (o["_value"] - v).abs() <= max(1e-3, 1e-6 * abs(v))
        if str(f.year).strip():
            ok &= o["_year"] == int(f.year)
        ok &= o["_label"].str.contains(f.row_pattern, flags=re.IGNORECASE, regex=True)
        if str(f.col_pattern).strip():
            ok &= o["_col"].str.contains(f.col_pattern, flags=re.IGNORECASE, regex=True)
        found.append(bool(ok.any()))
    return facts.assign(found=found)


def per_document(scored: pd.DataFrame) -> pd.DataFrame:
    """Facts found and facts checked, per document."""
    return (
        scored.groupby("doc", sort=True)["found"]
        .agg(fakta="size", hittade="sum")
        .reset_index()
        .rename(columns={"doc": "dokument"})
    )
