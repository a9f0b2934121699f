"""Åtgärder: the measures of action plans, one row per measure × effect kind × year.

A table is an action-plan table when its values are effects (``Kostnadsreducering``,
``Effekt 2024``, ``Reviderat förslag netto effekt``, ``Kostnader för genomföra förslaget``)
or its caption names measures (``Beslutade åtgärder``) and its columns describe them (an
effect, a status, a decision date, a diarienummer: a caption that merely mentions a plan
over a budget's columns makes no measures table). Each of its rows is a measure, a
``Summa`` row, or — in a summary table or a row labelled by a year — a plan-level figure.
A measure without any effect in mnkr keeps one row with an empty value: it is listed,
never dropped.
"""

from __future__ import annotations

import re

import pandas as pd

from ..numparse import format_sv, read_cell
from .checks import check_totals, part_places, row_places
from .common import (
    MNKR_PER,
    PROVENANCE,
    STRUCTURE,
    in_document_order,
    is_total,
    to_mnkr,
    with_structure,
)

EFFECT_KINDS = (
    "planerad",
    "reviderad",
    "tidigare beslutad",
    "prognos",
    "beräknad total",
    "uppnådd",
    "genomförandekostnad",
)
LEVELS = ("åtgärd", "summa", "plan")
COLUMNS = [
    "municipality",
    "doc_type",
    "doc_year",
    "plan",
    "area",
    "section",
    "measure",
    "level",
    "effect_kind",
    "year",
    "value_mnkr",
    "value_high_mnkr",
    "qualifier",
    "basis",
    "unit",
    "status",
    "time_aspect",
    "decision_date",
    "diarienummer",
    "column_label",
    *PROVENANCE,
    # the structure columns; ``level`` names the measure's level here, so the row's
    # depth in its table is ``row_level``
    *[c if c != "level" else "row_level" for c in STRUCTURE],
]

_PLAN_CAPTION = re.compile(r"åtgärd|besparing|kostnadsreducering|förslag", re.IGNORECASE)
_SUMMARY_CAPTION = re.compile(r"^(summering|sammanställning|sammanfattning)", re.IGNORECASE)
_COMMENT = re.compile(r"(?:^|/ )(?:kommentar|beskrivning)\b:?$", re.IGNORECASE)
_AREAS = [
    (re.compile(r"barn och unga|\bbarn\b|ungdom|\bbou\b", re.I), "Barn och unga"),
    (re.compile(r"funktionsned|funktionshind|\blss\b", re.I), "Funktionshinder"),
    (re.compile(r"vuxna|missbruk|beroende", re.I), "Vuxna"),
    (re.compile(r"generell", re.I), "Generella"),
    (re.compile(r"förening", re.I), "Föreningsbidrag"),
    (re.compile(r"handläggning", re.I), "Handläggning"),
]
_TEXT_COLUMNS = {
    "status": re.compile(r"status", re.I),
    "time_aspect": re.compile(r"tidsaspekt", re.I),
    "decision_date": re.compile(r"beslut\w*-?\s*datum", re.I),
    "diarienummer": re.compile(r"diarie", re.I),
}


def effect_kind(column_label: str, value_kind: str) -> str:
    """Which effect a column holds, from its header (PDF-broken words are joined first:
    ``Revid erat försla g`` is ``Reviderat förslag``)."""
    c = re.sub(r"\s+", "", column_label.lower())
    if value_kind == "genomförandekostnad" or "genomför" in c:
        return "genomförandekostnad"
    if "uppnådd" in c or "uppnått" in c:
        return "uppnådd"
    if "tidigarebeslutad" in c:
        return "tidigare beslutad"
    if "revider" in c:
        return "reviderad"
    if "prognos" in c:
        return "prognos"
    if "beräknadtotal" in c:
        return "beräknad total"
    return "planerad"


_HELAR = re.compile(r"helår", re.IGNORECASE)
_DELAR = re.compile(r"delår", re.IGNORECASE)


def basis_of(cell_text: str, value: float) -> str:
    """``delår`` or ``helår`` when the words around the value say so
    (``Delårseffekt 1,75 mnkr (3,5 miljoner på helår)``), else ''."""
    for q in read_cell(cell_text).quantities:
        if q.value != value:
            continue
        before, after = cell_text[max(0, q.start - 20) : q.start], cell_text[q.end : q.end + 15]
        if _HELAR.search(after) or re.search(r"helår\w*\s*$", before, re.I):
            return "helår"
        if _DELAR.search(before):
            return "delår"
        return ""
    return ""


# labels a table repeats per measure or comment: not an area of the administration
_NOT_AREA = re.compile(
    r"^(?:(?:beslutad|föreslagen|ny)\s+)?åtgärd(?:\s+(?:nr\.?\s*)?\d+)?:?$|^kommentar:?$",
    re.IGNORECASE,
)


def area_of(section: str, caption: str) -> str:
    """The area of the administration a measure belongs to, from the plan's own area
    heading: a section row inside the table (``Åtgärder ffa för vuxna`` → Vuxna; an
    unknown heading as printed), else a caption that names an area (``Insatser för barn
    och unga``). A caption that names none (``Tabell över redan beslutade …``,
    ``Konsekvensbeskrivning``, ``Beslutad åtgärdsplan för 2024-2027``) is no area: ''."""
    section = "" if _NOT_AREA.match(section.strip()) else section.strip()
    for text in (section, caption):
        for pattern, area in _AREAS:
            if pattern.search(text):
                return area
    return section


# a column that describes measures: their effect, status, decision date, diarienummer or
# time aspect (``Beslutad budget 2024`` is a budget's column, not a measure's)
_MEASURE_COLUMN = re.compile(r"effekt|status|tidsaspekt|beslut\w*-?\s*datum|diarie", re.IGNORECASE)


def _plan_tables(obs: pd.DataFrame, cells: pd.DataFrame) -> set[tuple[str, str]]:
    """(source, table id) of the measures tables: those whose values are effects, and
    those whose caption names measures and whose columns describe them
    (``_MEASURE_COLUMN``). A caption alone does not make one: a budget table captioned
    ``Förslag till budget efter åtgärdsplanen`` is no plan's measures."""
    by_value = obs[obs["value_kind"].isin(["effekt", "genomförandekostnad"])]
    keys = set(zip(by_value["source"], by_value["table_id"], strict=True))
    named = cells[cells["table"].str.contains(_PLAN_CAPTION, na=False)]
    named = named[named["column_label"].str.contains(_MEASURE_COLUMN, na=False)]
    keys |= set(zip(named["source"], named["table_id"], strict=True))
    return keys


def _in(df: pd.DataFrame, keys: set[tuple[str, str]]) -> pd.Series:
    """Which rows belong to a table of ``keys`` (source, table id). The columns are
    walked as lists: a text column yields a boxed value at a time."""
    pairs = zip(df["source"].tolist(), df["table_id"].tolist(), strict=True)
    return pd.Series([k in keys for k in pairs], index=df.index, dtype=bool)


def _level(row_label: str, caption: str) -> str:
    if is_total(row_label):
        return "summa"
    if _SUMMARY_CAPTION.search(caption) or re.fullmatch(r"(?:år\s+)?(19|20)\d\d", row_label):
        return "plan"
    return "åtgärd"


def build(obs: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The atgarder frame from observations and the tables' text cells."""
    keys = _plan_tables(obs, cells)
    if not keys:
        return pd.DataFrame(columns=COLUMNS)
    o = with_structure(obs[_in(obs, keys) & obs["unit"].isin(["mnkr", "tkr", "kr", "mdkr"])])
    o = o.rename(columns={"level": "row_level"})
    o = o[~o["row_label"].str.contains(_COMMENT) & o["row_label"].ne("")]
    rows = o.assign(
        value_mnkr=to_mnkr(o["value"], o["unit"]),
        value_high_mnkr=to_mnkr(o["value_high"], o["unit"]),
        effect_kind=[
            effect_kind(c, k) for c, k in zip(o["column_label"], o["value_kind"], strict=True)
        ],
        basis=[basis_of(t, v) for t, v in zip(o["cell_text"], o["value"], strict=True)],
    )

    c = cells[_in(cells, keys)]
    c = c[~c["row_label"].str.contains(_COMMENT) & c["row_label"].ne("")]
    key = ["source", "table_id", "row_label"]
    attrs = c[key].drop_duplicates().set_index(key)
    for name, pattern in _TEXT_COLUMNS.items():
        col = c[c["column_label"].str.contains(pattern)]
        col = col.assign(text=col["text"].str.replace(r"\s+", " ", regex=True).str.strip())
        attrs[name] = col.groupby(key, sort=False)["text"].agg(" ".join)
    attrs = attrs.fillna("").reset_index()

    # measures with no effect in money still get a row
    have = set(zip(rows["source"], rows["table_id"], rows["row_label"], strict=True))
    first = c.groupby(key, sort=False).first().reset_index()
    bare = first[
        [
            k not in have
            for k in zip(first["source"], first["table_id"], first["row_label"], strict=True)
        ]
    ]
    meta = obs.drop_duplicates("source").set_index("source")[
        ["doc_type", "municipality", "doc_year"]
    ]
    bare = bare.assign(
        doc_type=bare["source"].map(meta["doc_type"]),
        municipality=bare["source"].map(meta["municipality"]),
        doc_year=bare["source"].map(meta["doc_year"]),
        column_label="",
        effect_kind="",
        year=pd.NA,
        value_mnkr=float("nan"),
        value_high_mnkr=float("nan"),
        qualifier="",
        basis="",
        unit="",
        cell_text="",
    )
    bare = with_structure(bare).rename(columns={"level": "row_level"})
    rows = pd.concat([rows, bare[[c for c in rows.columns if c in bare.columns]]])
    rows = rows.merge(attrs, on=key, how="left")
    for name in _TEXT_COLUMNS:
        rows[name] = rows[name].fillna("")
    rows["plan"] = rows["table"]
    rows["measure"] = rows["row_label"]
    rows["area"] = [area_of(s, t) for s, t in zip(rows["section"], rows["table"], strict=True)]
    rows["level"] = [_level(r, t) for r, t in zip(rows["row_label"], rows["table"], strict=True)]
    rows["area"] = _summarised_areas(rows)
    rows["year"] = pd.array(rows["year"], dtype="Int64")
    rows["doc_year"] = pd.array(rows["doc_year"], dtype="Int64")
    rows = in_document_order(rows)
    return rows[COLUMNS].reset_index(drop=True)


def _effects(df: pd.DataFrame) -> dict[tuple, float]:
    v = df[df["value_mnkr"].notna()]
    return {
        (k, y): round(float(x), 6)
        for k, y, x in zip(
            v["effect_kind"], v["year"].astype("object"), v["value_mnkr"], strict=True
        )
    }


def _summarised_areas(rows: pd.DataFrame) -> pd.Series:
    """A plan summed up in a row of another table of the same document (``Summering av
    åtgärdsplaner``: one row per plan) is an area named by that row: the row whose effects
    equal, year by year, the plan table's bottom line (its root total). The row itself
    and every measure of the plan take its label. Where no such row is found, or more
    than one matches, the area stays as the plan's own headings give it."""
    area = rows["area"].copy()
    if "is_root" not in rows.columns or not rows["is_root"].any():
        return area
    for _, doc in rows.groupby("source", sort=False):
        roots = doc[doc["is_root"]]
        for table_id, root_rows in roots.groupby("table_id", sort=False):
            want = _effects(root_rows)
            if len(want) < 1:
                continue
            others = doc[
                (doc["table_id"] != table_id) & ~doc["is_root"] & (doc["level"] != "summa")
            ]
            hits = [
                label
                for (_, label), r in others.groupby(["table_id", "row_label"], sort=False)
                if _effects(r) == want
            ]
            if len(hits) != 1:
                continue
            label = hits[0]
            area.loc[doc.index[doc["table_id"].eq(table_id).to_numpy()]] = label
            area.loc[doc.index[doc["row_label"].eq(label).to_numpy()]] = label
    return area


def check(atgarder: pd.DataFrame) -> pd.DataFrame:
    """Each plan's ``Summa``/``Totalt`` rows against its measures, per effect kind and
    year; a total printed without a year sums its column over all years."""
    df = atgarder[atgarder["value_mnkr"].notna()].copy()
    # "1,75 mnkr (3,5 miljoner på helår)": the full-year figure restates the part-year one
    same_cell = df.duplicated(["source", "line", "cell_text", "effect_kind", "year"], keep=False)
    df = df[~(same_cell & df["basis"].eq("helår"))]
    no_year_total = df[(df["level"] == "summa") & df["year"].isna()]
    undated = set(
        zip(
            no_year_total["source"],
            no_year_total["table_id"],
            no_year_total["effect_kind"],
            strict=True,
        )
    )
    key = pd.Series(
        list(zip(df["source"], df["table_id"], df["effect_kind"], strict=True)), index=df.index
    )
    df["year_group"] = df["year"].astype("object").where(~key.isin(undated), "alla år")
    # a value printed without a year, in a row whose dated effects all fall in one year, is
    # of that year ("Utökning … 2022": effekt 2022 "Delårseffekt 5 mnkr", kostnad "Kostnad
    # delår ca 6 mnkr"): the table's dated total counts it there, and the note says so
    row = list(zip(df["source"], df["table_id"], df["measure"], strict=True))
    years: dict[tuple, set] = {}
    for r, y in zip(row, df["year"], strict=True):
        if not pd.isna(y):
            years.setdefault(r, set()).add(int(y))
    one = pd.Series([next(iter(years[r])) if len(years.get(r, ())) == 1 else None for r in row],
                    index=df.index, dtype="object")  # fmt: skip
    inferred = df["year"].isna() & ~key.isin(undated) & one.notna() & df["level"].eq("åtgärd")
    df.loc[inferred, "year_group"] = one[inferred]
    df["_row_year"] = inferred
    df["year_group"] = df["year_group"].map(lambda y: "" if pd.isna(y) else str(y))
    df["_factor"] = df["unit"].map(MNKR_PER).fillna(1.0)
    res = check_totals(
        df, "atgarder", "value_mnkr", ["effect_kind", "year_group"], "measure", "value_high_mnkr"
    )
    return _note_undated(res, df)


def _note_undated(res: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """Where a dated total differs, name the same table's values printed without a year:
    the document may count them in that year. Where a dated total counts values printed
    without a year (by their row's year), name them."""
    notes = []
    by_row_year = df[df["_row_year"]]
    # a row is where it stands: a PDF counts its lines per page (line 4 of page 2 is
    # another row than line 4 of page 1)
    at_places = pd.Series(row_places(by_row_year), index=by_row_year.index, dtype="object")
    for r in res.itertuples():
        note = r.note
        places = set(part_places(r.part_lines, getattr(r, "part_pages", "")))
        kind, _, year = r.group.partition(" | ")
        inferred = by_row_year[
            (by_row_year["source"] == r.source)
            & (by_row_year["table_id"] == r.table_id)
            & (by_row_year["effect_kind"] == kind)
            & (by_row_year["year_group"] == year)
            & at_places.isin(places)
        ]
        if len(inferred):
            named = _lines(row_places(inferred))
            note = (
                f"{named} anger värdet utan år; räknat till {year}, det år radens övriga "
                "effekter gäller"
            )
            notes.append(note)
            continue
        if r.status == "avvikelse" and r.group.split(" | ")[-1] not in ("", "alla år"):
            kind = r.group.split(" | ")[0]
            u = df[
                (df["source"] == r.source)
                & (df["table_id"] == r.table_id)
                & (df["effect_kind"] == kind)
                & df["year"].isna()
                & ~df["_row_year"]
                & (df["level"] == "åtgärd")
            ]
            if len(u):
                total = float(u["value_mnkr"].sum())
                at = _lines(row_places(u))
                fits = abs(r.computed + total - r.reported) <= r.tolerance
                note = f"{len(u)} värden utan år ({at}) summerar {format_sv(total)} mnkr" + (
                    "; med dem stämmer summan" if fits else ""
                )
                note += f"; {r.note}" if r.note and not fits else ""
        notes.append(note)
    return res.assign(note=notes)


def _lines(places: list[tuple[int | None, int]]) -> str:
    """Rows as a note names them: ``rad 77, 93``; in a PDF by page, ``s. 2, rad 4, 6;
    s. 3, rad 1``."""
    if all(p is None for p, _ in places):
        return "rad " + ", ".join(str(x) for _, x in places)
    by_page: dict[int | None, list[int]] = {}
    for p, x in sorted(places, key=lambda at: (at[0] or 0, at[1])):
        by_page.setdefault(p, []).append(x)
    return "; ".join(
        (f"s. {p}, " if p is not None else "") + "rad " + ", ".join(str(x) for x in xs)
        for p, xs in by_page.items()
    )
