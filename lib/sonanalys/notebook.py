"""The notebook kit: everything a notebook needs, in one import.

::

    from sonanalys.notebook import *
    data = setup(globals())        # after the cell tagged ``parameters``

``setup`` reads the notebook's parameters (``data_dir``, ``processed_dir``, ``profile``,
``mask_threshold``), checks them, sets the charts' style and loads the data: the
documents in ``data_dir`` (None: the embedded ones, ``data/raw``), parsed when they
changed, or the frames ``sonanalys report`` parsed already (``processed_dir``). It
returns the ``Dataset`` and sets ``processed_dir`` to the frames' folder.

A ``municipality`` the parameters name must be one the documents name (any case; the
documents' spelling is put in its place), or with ``setup(globals(), kolada=True)`` (03)
one of Kolada's: else a ``ValueError`` in Swedish names the municipalities the documents
hold, and the notebook stops (papermill and ``sonanalys report`` exit non-zero) instead
of making an empty report. Where the parameters name none (None, the default), the
notebook takes its documents' own: ``own_municipality(rows)`` — that of the latest period
the documents of ``rows`` report on, else the one they name; ``own_period`` does the same
for a period.

Once its key-figure box is drawn, the notebook says whose report it is and which period it
covers with ``declare_scope`` (the report's title and file names name them). Where the
parameters asked for a period (``year``, ``period``) the report does not show, it says so
at that place in Swedish (which period was asked, which is shown and why) and the report
run exits non-zero; ``setup(globals(), run_period=False)`` is for a report whose period is
of its own kind (03: Kolada's years; 04: a plan's years), never the run's.

The import also gives ``load`` (a frame of the notebook's data by name, or a folder's
``Dataset``), ``say`` (Markdown into the notebook and the report), the report helpers of
``sonanalys.report.present`` (``show_table``, ``sv``, ``sv_axis``, ``year_axis``,
``mask_small``, …), ``display``, ``HTML``, ``Markdown``, ``plt`` and ``sonanalys``.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

import sonanalys

from .dataset import FRAME_NAMES, Dataset
from .report import present
from .report import scope as _scope

PROFILES = ("ledning", "intern")
DEFAULT_PROFILE = "ledning"

_data: Dataset | None = None  # the notebook's data, set by ``setup``
# the processed_dir ``setup`` set itself -> the data_dir it came from: run again after
# data_dir changed (in JupyterLab), setup loads the new folder, not the old frames
_derived: dict[str, object] = {}
# the period the parameters asked for, as reports write it ('' for none, or for a report
# whose period is of its own kind), set by ``setup``: ``declare_scope`` compares with it
_asked: dict[str, str] = {"period": "", "own": ""}


def setup(params: dict, run_period: bool = True, kolada: bool = False) -> Dataset:
    """Prepare a notebook from its parameters (pass ``globals()``): check ``profile``
    (``ledning``, the default, masks small person counts; ``intern`` shows them),
    set the charts' Swedish style, load the data — ``processed_dir`` when the report
    command gave it, else the documents in ``data_dir`` (None: the embedded ones) — and
    put the frames' folder in ``params["processed_dir"]``; check ``municipality`` against
    the documents (with ``kolada``, Kolada's municipalities too) and note the period the
    parameters ask for (``run_period=False``: the report's period is of its own kind, see
    the module). Returns the ``Dataset``."""
    global _data
    profile = params.get("profile", DEFAULT_PROFILE)
    if profile not in PROFILES:
        raise ValueError(
            f"okänd profil {profile!r}: ange 'ledning' (små personantal maskeras) "
            "eller 'intern' (exakta tal, inte för spridning)"
        )
    threshold = params.get("mask_threshold", 5)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise ValueError(f"mask_threshold ska vara ett heltal från 1, inte {threshold!r}")
    present.use_style()
    data_dir, processed_dir = params.get("data_dir"), params.get("processed_dir")
    if processed_dir and _derived.get(str(processed_dir), data_dir) == data_dir:
        data = Dataset.from_processed(processed_dir, data_dir)
    else:
        data = sonanalys.load(data_dir)
        _derived[str(data.processed)] = data_dir
    params["processed_dir"] = str(data.processed)
    _data = data
    _asked["period"] = _scope.run_period(params) if run_period else ""
    _asked["own"] = "" if run_period else "yes"  # a period of its own kind, never the run's
    muni = params.get("municipality")
    if muni is not None:
        params["municipality"] = _held(muni, data, kolada)
    if run_period:
        _held_period(params.get("year"), params.get("period"), params.get("municipality"), data)
    return data


def _held_period(year, period, muni: str | None, data: Dataset) -> None:
    """A Swedish ``ValueError`` when the documents hold nothing of the period the
    parameters ask for (papermill then exits non-zero, never with a report of another
    period that says ok): a named ``period`` must be one a document reports on (as
    ``sonanalys report`` checks it), a ``year`` alone one a document or a number is of.
    A period the documents hold but a report's data lack is the report's to say
    (``declare_scope``)."""
    from .report import periods

    if period is not None and str(period).strip():
        try:
            if periods.normalise(str(period)) == periods.AUTO:
                return
            periods.resolve(str(period), year, muni, data.processed)
        except periods.PeriodError as exc:
            raise ValueError(f"{exc}; sätt period i parametercellen") from None
        except periods.PeriodMissing as exc:
            why = str(exc).replace(periods.NOTHING_WRITTEN, "").strip()
            raise ValueError(f"{why} Sätt year och period i parametercellen.") from None
        return
    if year is None:
        return
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValueError(f"year ska vara ett årtal (2024) eller None, inte {year!r}")
    try:
        periods.held_year(year, muni, data.processed)
    except periods.PeriodMissing as exc:
        why = str(exc).replace(periods.NOTHING_WRITTEN, "").strip()
        raise ValueError(
            f"{why} Sätt year i parametercellen (None: den senaste perioden)."
        ) from None


def _held(muni, data: Dataset, kolada: bool) -> str:
    """``muni`` as the documents (or Kolada) write it; a Swedish ``ValueError`` naming the
    municipalities the documents hold when it is none of them."""
    from .report import periods

    if not isinstance(muni, str) or not muni.strip():
        raise ValueError(
            f"municipality ska vara en kommuns namn eller None (dokumentens egen), inte {muni!r}"
        )
    try:
        return periods.held_municipality(muni, data.processed, kolada=kolada, ask=_ASK_OTHER)
    except periods.PeriodMissing as exc:
        raise ValueError(str(exc)) from None


def declare_scope(municipality: str | None, when=None, missing: str = "uppgifter") -> str:
    """Say whose report this is and which period it covers (``when``: a period's text, a
    year, a plan's years, or the key-figure box's claims: their latest period); the
    report's title and file names name them. Where the parameters asked for a period the
    report does not cover, say so here in Swedish first: which period was asked, which
    is shown, and why (the documents have no ``missing`` for it); the report run then
    exits non-zero. Returns the period shown, as reports write it (for the box's
    caption)."""
    asked = _asked["period"]
    shown = _scope.period_label(when)
    if asked and not _scope.covers(asked, shown):
        say(_other_period(asked, shown, missing))
    return _Quiet(_scope.declare_scope(municipality, when, asked, own_period=bool(_asked["own"])))


class _Quiet(str):
    """A text that shows nothing as a cell's last value (IPython calls
    ``_ipython_display_`` instead of printing it): ``declare_scope(…)`` ending a cell never
    puts its period on the page as ``Out[…]: 'jan–aug 2023'``."""

    def _ipython_display_(self) -> None:
        return None


def _other_period(asked: str, shown: str, missing: str) -> str:
    """The Swedish notice of a report that does not show the period asked for."""
    if not shown:
        return (
            f"**Begärd period: {asked}.** Underlaget har inga {missing} för den perioden, "
            "och inte för någon annan period: rapporten kan inte visa någon."
        )
    return (
        f"**Begärd period: {asked}. Rapporten visar {shown}**, den senaste perioden med "
        f"{missing} i underlaget: dokumenten har inga {missing} för {asked}."
    )


def current() -> Dataset:
    """The notebook's data: what ``setup`` loaded, else the embedded documents."""
    global _data
    if _data is None:
        _data = sonanalys.load()
    return _data


def load(
    what: str | os.PathLike | None = None, processed: str | os.PathLike | None = None
) -> Dataset | pd.DataFrame:
    """``load("budget")``: a frame of the notebook's data (what ``setup`` loaded);
    ``load(folder)``: the ``Dataset`` of another folder, as ``sonanalys.load``."""
    if isinstance(what, str) and what in FRAME_NAMES and not Path(what).exists():
        return sonanalys.load(what, processed) if processed else current().frame(what)
    return sonanalys.load(what, processed)


# how a notebook is told to name another municipality
_ASK_OTHER = (
    "sätt municipality i parametercellen till en av dem, eller None för dokumentens egen "
    "(med papermill: -p municipality NAMN; med sonanalys report: --municipality NAMN)"
)
# how a notebook is told to name the municipality itself
_ASK_MUNICIPALITY = (
    "sätt municipality i parametercellen (med papermill: -p municipality NAMN; med "
    "sonanalys report: --municipality NAMN)"
)


def own_municipality(rows: pd.DataFrame, year: int | None = None, period: str | None = None) -> str:
    """The municipality a notebook reports on when its parameters name none: that of the
    documents ``rows`` come from (the rows the report is about; all the notebook's
    documents when there are none) — of the latest period they report on (of ``period``
    and ``year`` when given), else the one they name. A ``ValueError`` in Swedish when
    they name none, or several without a latest period: the notebook never picks one."""
    from .report import periods

    try:
        return periods.own_municipality(
            current().processed, period, year, periods.sources_of(rows), ask=_ASK_MUNICIPALITY
        )
    except periods.PeriodMissing as exc:
        raise ValueError(str(exc)) from exc


def report_municipality(report: str, year: int | None = None, period: str | None = None) -> str:
    """``own_municipality`` of the rows ``report`` (``"01_placeringar"``) stands on, as
    ``registry.OWN_ROWS`` names them — the same question ``sonanalys report`` asks of
    every report before anything is written; ``year`` and ``period`` narrow them only
    for a report of the run's period."""
    from .report.registry import OWN_ROWS

    rows_of, by_period = OWN_ROWS[report]
    rows = rows_of(current())
    return own_municipality(rows, year, period) if by_period else own_municipality(rows)


def named_most(documents: pd.DataFrame) -> str:
    """The municipality most of ``documents`` name (``00_kom_igang``'s default), those
    that name none not counted; a Swedish ``ValueError`` when none names one, or when
    two are named by equally many: the notebook never picks one."""
    names = documents["municipality"].fillna("").astype(str).str.strip()
    counts = names[names != ""].value_counts()
    if counts.empty:
        raise ValueError(f"inget av dokumenten säger vilken kommun det gäller; {_ASK_MUNICIPALITY}")
    top = sorted(counts[counts == counts.iloc[0]].index)
    if len(top) > 1:
        raise ValueError(f"lika många dokument gäller {', '.join(top)}; {_ASK_MUNICIPALITY}")
    return top[0]


def own_period(
    rows: pd.DataFrame, municipality: str, year: int | None = None, period: str | None = None
) -> tuple[int | None, str | None]:
    """``(year, period)`` a notebook reports on: with no ``period``, the latest one the
    documents of ``rows`` report on for ``municipality`` (``(2023, "jan-aug")``; a
    ``ValueError`` in Swedish when they report on none); a named period in the frames'
    form (``jan–aug`` → ``jan-aug``, ``T2``), with the latest year holding it when no
    ``year`` is given (as given when the documents lack it: the notebook says what it
    cannot show)."""
    from .report import periods

    try:
        sources = periods.sources_of(rows)
        y, p, _ = periods.resolve(
            period or periods.AUTO, year, municipality, current().processed, sources
        )
    except periods.PeriodMissing as exc:
        if period:
            return year, periods.normalise(period)
        why = str(exc).replace(periods.NOTHING_WRITTEN, "").strip()
        raise ValueError(f"{why} Sätt year och period i parametercellen.") from exc
    return y, p


def say(text: str) -> None:
    """Show ``text`` (Markdown) in the notebook and in its report."""
    display(Markdown(text))


def by_year(rows: pd.DataFrame, value: str = "value_mnkr") -> pd.DataFrame:
    """Rows of a frame with ``year`` (one verksamhet of ``budget``, say) as a table: a
    row per year, a column per value kind and period (``utfall jan-aug``; the kind alone
    when every row has one period). The same value printed twice (in two tables or two
    documents) is counted once; two different values for one year and column are a
    ``ValueError`` naming their files and lines: the table never adds them up or picks
    one."""
    kinds = rows["value_kind"].replace("", "värde") if "value_kind" in rows else "värde"
    column = kinds
    if "period" in rows and rows["period"].nunique() > 1:
        column = kinds + " " + rows["period"]
    long = rows.assign(_column=column).dropna(subset=[value])
    long = long.drop_duplicates(["year", "_column", value])
    clash = long[long.duplicated(["year", "_column"], keep=False)]
    if len(clash):
        (year, column), first = next(iter(clash.groupby(["year", "_column"], sort=False)))
        where = "; ".join(
            f"{r.source} rad {r.line}: {present.sv(getattr(r, value))}" for r in first.itertuples()
        )
        cells = clash.groupby(["year", "_column"]).ngroups
        more = f" (och {cells - 1} fler år och kolumner)" if cells > 1 else ""
        raise ValueError(
            f"olika värden för {column} {year}: {where}{more}; välj en tabell "
            "(source, table_id) eller en rad (line)"
        )
    table = long.pivot(index="year", columns="_column", values=value)
    table = table[list(long["_column"].unique())]  # the columns in the documents' order
    table.index.name, table.columns.name = "År", None
    return table


def chart(table: pd.DataFrame, title: str, unit: str) -> None:
    """A line per column of ``table`` over its index (years), with Swedish numbers on
    the axis and a Swedish description under it (also the image's alt text); says so
    when there is nothing to draw."""
    shown = table.dropna(how="all", axis=1)
    if shown.empty:
        say(f"Inget att rita: *{title}* har inga värden.")
        return
    fig, ax = plt.subplots()
    for column in shown.columns:
        s = shown[column].dropna()
        ax.plot(s.index, s.values, marker="o", label=present.wrap(str(column), 30))
    present.sv_axis(ax, unit)
    present.year_axis(ax)
    ax.set_xlabel("år")
    ax.set_title(present.wrap(title, 70))
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    long = shown.rename_axis("year").reset_index().melt("year", var_name="series").dropna()
    message = present.describe_lines(long, "year", "value", "series", unit, decimals=1)
    present.show_chart(fig, present.chart_description(title, message))


def against_group(
    municipality: str,
    group: str = "R9",
    kpis: list[str] | tuple[str, ...] = ("N35001", "N33022", "N33009"),
    years: list[int] | None = None,
    kolada_cache: str | Path | None = None,
    data: Dataset | None = None,
) -> pd.DataFrame:
    """``municipality`` against a comparison group (``R9``, ``R12``, a Kolada group id,
    ``"0580,0581"``) on Kolada key figures: a table with the municipality's value, the
    group's unweighted mean and the difference per key figure and year. The values are
    Kolada's from the cache (``sonanalys kolada fetch``; no request is made), else the
    comparisons the documents of ``data`` (the notebook's) print themselves — never
    those of other documents; ``attrs["source"]`` says which, and the command that
    fetches Kolada's."""
    import datetime as dt

    from . import kolada
    from .analysis import benchmark
    from .domain.indikatorer import r9_pairs

    years = list(years or range(2015, dt.date.today().year + 1))
    client = kolada.KoladaClient(cache_dir=kolada_cache, offline=True)
    grp = kolada.resolve_group(group, client)
    muni_id = kolada.municipality_id(municipality)
    pairs = r9_pairs((data or current()).indikatorer)
    pairs = pairs[pairs["municipality"] == municipality]
    source = benchmark.comparison_values(
        list(kpis), grp, muni_id, years, kolada_cache, document_pairs=pairs
    )
    cmp = benchmark.comparison(source, grp, muni_id)
    members = cmp["n_members"] > 1 if len(cmp) else pd.Series(dtype=bool)
    group_value = cmp["mean"].where(members, cmp["kolada_group_value"])
    table = pd.DataFrame(
        {
            "år": cmp["year"],
            municipality: cmp["value"],
            f"{grp.name} (ovägt medel)": group_value,
            "skillnad": cmp["value"] - group_value,
        }
    )
    table.index = pd.Index(cmp["label"], name="Nyckeltal")
    fetch = benchmark.fetch_command(list(kpis), group, years)
    table.attrs["source"] = f"{source.description}; hämta värden med: {fetch}"
    return table


# the report helpers, as ``sonanalys.report.present`` has them (its own functions and
# constants), so a helper added there is here too
_PRESENT = sorted(
    name
    for name, obj in vars(present).items()
    if not name.startswith("_")
    and (getattr(obj, "__module__", None) == present.__name__ or name.isupper())
)
globals().update({name: getattr(present, name) for name in _PRESENT})
if hasattr(present, "say"):  # the report edge's own, where it has one
    say = present.say

__all__ = [
    "HTML",
    "Markdown",
    "display",
    "plt",
    "pd",
    "sonanalys",
    "Dataset",
    "setup",
    "load",
    "say",
    "by_year",
    "chart",
    "against_group",
    "own_municipality",
    "report_municipality",
    "named_most",
    "own_period",
    "declare_scope",
    *_PRESENT,
]
