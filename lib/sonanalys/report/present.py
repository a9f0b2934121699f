"""Swedish presentation, resolved once: number format (CLDR sv via ``format_sv``),
a matplotlib style readable in print, tables with explicit missing values
and a source note, and masking of small person counts."""

from __future__ import annotations

import html
import re

import pandas as pd
from babel.dates import get_month_names
from matplotlib.ticker import FixedLocator, FuncFormatter

from ..numparse import format_sv

MISSING = "–"
MASK = ".."
# the "decimals" of a column of years or line numbers: whole numbers, never digit-grouped
PLAIN = "plain"
# CLDR's Swedish month names, resolved once (``jan.``, ``mars``, ``juni`` …; ``januari`` …)
MONTHS_SV = dict(get_month_names("abbreviated", locale="sv"))
MONTHS_SV_WIDE = dict(get_month_names("wide", locale="sv"))
MASK_NOTE = "..  = färre än {n} personer, eller beräknat ur sådana tal (röjandeskydd)"


def mask_note(shown: pd.DataFrame, threshold: int) -> str:
    """``MASK_NOTE`` for a table shown with ``..`` in it; ``""`` for one where nothing is
    masked (a note under it would explain a mark it does not have)."""
    masked = any(isinstance(v, str) and v == MASK for v in shown.to_numpy().ravel())
    return MASK_NOTE.format(n=threshold) if masked else ""


def wrap(text: str, width: int = 22) -> str:
    """A chart label over several lines instead of cut off."""
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def document_names(documents: pd.DataFrame) -> dict[str, str]:
    """File name → the name a reader knows the document by: its title and year
    (``Delårsrapport med prognos 2 2023``, ``Reviderad åtgärdsplan … (2021)``); the file
    name when the document has no title."""
    out = {}
    for d in documents.itertuples():
        title = str(d.title or "").strip()
        year = "" if pd.isna(d.doc_year) else str(int(d.doc_year))
        if not title:
            out[d.source] = d.source
        elif year and year in title:
            out[d.source] = title
        else:
            out[d.source] = f"{title} ({year})" if year else title
    return out


# What the reports set on top of seaborn's "whitegrid" theme, for print
_OURS = {
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "sans-serif"],
    "figure.figsize": (8, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.formatter.use_locale": False,
}


def use_style() -> None:
    """One look for every chart: seaborn's white grid with readable fonts and its
    colour-blind-safe palette ("colorblind"), and our print sizes."""
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind", rc=_OURS)


def sv_axis(ax, unit: str, axis: str = "y", decimals: int | None = None) -> None:
    """Swedish tick labels (``1 801,5``) and the unit in the axis label."""
    fmt = FuncFormatter(lambda v, _pos: format_sv(v, decimals))
    getattr(ax, f"{axis}axis").set_major_formatter(fmt)
    getattr(ax, f"set_{axis}label")(unit)


def year_axis(ax) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v)) if v == int(v) else ""))


def month_axis(ax, months=range(1, 13), axis: str = "x") -> None:
    """Month numbers on an axis shown as Swedish month names."""
    a = getattr(ax, f"{axis}axis")
    a.set_major_locator(FixedLocator(list(months)))
    a.set_major_formatter(FuncFormatter(lambda v, _p: MONTHS_SV.get(round(float(v)), "")))


def sv(value, decimals: int | str | None = None, unit: str = "") -> str:
    """A value as the reports print it: ``1 801,5``; ``–`` when missing; with
    ``decimals=PLAIN`` a year or line number as is (``2022``, not ``2 022``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING  # pandas' missing values of nullable and date columns too
    if isinstance(value, float) and value != value:
        return MISSING
    if isinstance(value, str):
        return value
    if decimals == PLAIN or isinstance(decimals, str):
        return str(int(value))
    return format_sv(float(value), decimals, unit=unit)


# what makes Markdown run or link: HTML (``<img onerror>``, entities), links and images
# (``[text](javascript:…)``, ``![…](…)``), autolinks (``<javascript:…>``), and the backslash
# that would undo an escape
_MD_TEXT = str.maketrans(
    {"\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]"}
)


def md_text(text) -> str:
    """Text for Markdown, shown as the text it is: ``&``, ``<`` and ``>`` as entities (no
    HTML runs, no entity is decoded again), ``[``, ``]`` and ``\\`` escaped (a link or
    image in document text reads as written, never as a link). Emphasis (``**…**``) and
    lists stay Markdown."""
    return str(text).translate(_MD_TEXT)


def say(text: str) -> None:
    """Show ``text`` (Markdown: emphasis, lists) in the notebook and in its report, every
    character of it as text (``md_text``): a summary naming a document's row label never
    runs that label as markup."""
    from IPython.display import Markdown, display

    display(Markdown(md_text(text)))


# a cell's text that is a number or a range of numbers ('28,25–28,75'), masked or missing:
# right-aligned as the numbers are
_NUMBER_TEXT = re.compile(
    r"^(?:\.\.|–|[−-]?\d[\d\u00a0 ]*(?:,\d+)?(?:–[−-]?\d[\d\u00a0 ]*(?:,\d+)?)?)$"
)


# units of things counted: whole numbers in the documents, so whole numbers in every table
COUNT_UNITS = frozenset(
    {"antal", "st", "stycken", "person", "personer", "individer", "barn", "ärenden",
     "platser", "placeringar", "anmälningar", "dygn", "vårddygn"}
)  # fmt: skip


def is_count(unit) -> bool:
    """Whether ``unit`` counts things (``antal``, ``personer``, ``st``)."""
    return isinstance(unit, str) and unit.strip().lower() in COUNT_UNITS


def is_percent(unit) -> bool:
    """Whether ``unit`` is a share in percent (``%``, ``procent``, Kolada's ``andel av
    antal dagar (%)``)."""
    u = unit.strip().lower() if isinstance(unit, str) else ""
    return u.endswith("%") or u.endswith("(%)") or u == "procent" or u.endswith(" procent")


def cell_decimals(value, decimals, unit=None):
    """The decimals a cell is shown with: a whole number in a count unit without any
    (``137``, not ``137,0``), whatever the table's decimals; a share in percent that is
    not whole with one where the table asks for none (Kolada's N00945, 31,33 %: ``31,3``,
    not ``31``, in a table of KPIs whose kronor per invånare are whole); else the
    table's."""
    number = isinstance(value, int | float) and value == value
    if is_count(unit) and isinstance(decimals, int) and number and float(value).is_integer():
        return 0
    if is_percent(unit) and decimals == 0 and number and not float(value).is_integer():
        return 1
    return decimals


# a column of text is given a class by its cells' length, for the print CSS (page.CSS): a
# column of short words shrinks to its longest word; one with a cell of WORDY_CHARS or more
# (a plan's name, a file and line) is "sv-text", kept a readable width; one whose cells run
# PROSE_CHARS long on average (a plan's sentence about a measure, the rows a sum adds up)
# is "sv-prose" and keeps a wider share of the page
WORDY_CHARS = 40
PROSE_CHARS = 80
# a cell with a token (no space) this long (a file name; Swedish words stay shorter:
# "kostnadseffektiviseringar" is 25) is "sv-long": in print only such a cell breaks
# inside a token
LONG_TOKEN = 30


def _long_token(text: str) -> bool:
    """Whether a cell holds a token of ``LONG_TOKEN`` characters or more (a file name)."""
    return len(text) >= LONG_TOKEN and any(len(t) >= LONG_TOKEN for t in text.split())


# a place or a range (``rad 455–458``, ``s. 11``, ``28,25–28,75``): a browser may break a
# line after a range's dash or after ``rad``, and the printed report read "rad 455–" over
# "458"; each is kept on one line (``sn-nobr``: white-space nowrap)
_RANGE = re.compile(r"(?:\b(?:s\.|rad) )\d+(?:,\d+)?(?:–\d+(?:,\d+)?)?|\d+(?:,\d+)?–\d+(?:,\d+)?")


def keep_ranges(escaped: str) -> str:
    """``escaped`` (HTML-escaped text) with each place (``rad 455–458``, ``s. 11``) and
    range of numbers in a ``sn-nobr`` span, so no line breaks inside it; the text itself
    unchanged."""
    return _RANGE.sub(lambda m: f'<span class="sn-nobr">{m.group(0)}</span>', escaped)


def text_class(column: pd.Series) -> str:
    """``sv-prose``, ``sv-text`` or ``""`` for a column, by its text cells' length."""
    lengths = [len(v) for v in column if isinstance(v, str)]
    if not lengths or max(lengths) < WORDY_CHARS:
        return ""
    return "sv-prose" if sum(lengths) / len(lengths) >= PROSE_CHARS else "sv-text"


def table_html(
    df: pd.DataFrame,
    decimals: dict | int | None = None,
    caption: str = "",
    source: str = "",
    index: bool = True,
    classes: tuple[str, ...] = (),
    units=None,
) -> str:
    """An HTML table with Swedish numbers, ``–`` for missing, ``..`` kept as masked,
    a caption and a source note (great_tables' habit). ``units`` (one for the table, or
    one per row; else ``df.attrs["units"]``) lets ``cell_decimals`` show counts whole."""
    cols = list(df.columns)
    units = df.attrs.get("units") if units is None else units
    row_units = [units] * len(df) if units is None or isinstance(units, str) else list(units)

    def dec(c, idx=None, pos=None, v=None):
        # a dict may name one cell as (row, column): a key-figure box mixes units
        d = decimals.get((idx, c), decimals.get(c)) if isinstance(decimals, dict) else decimals
        return d if pos is None else cell_decimals(v, d, row_units[pos])

    kinds = {c: text_class(df[c]) for c in cols}
    head = "".join(
        (f'<th class="{kinds[c]}">' if kinds.get(c) else "<th>") + f"{html.escape(str(c))}</th>"
        for c in ([df.index.name or ""] if index else []) + cols
    )
    body = []
    for pos, (idx, row) in enumerate(df.iterrows()):
        cells = [f"<th>{html.escape(str(idx))}</th>"] if index else []
        for c in cols:
            v = row[c]
            text = sv(v, dec(c, idx, pos, v)) if not isinstance(v, str) else v
            align = "left" if isinstance(v, str) and not _NUMBER_TEXT.match(v) else "right"
            kind = [
                *(["sv-plain"] if dec(c, idx) == PLAIN and not isinstance(v, str) else []),
                *([kinds[c]] if kinds[c] else []),
                *(["sv-long"] if _long_token(text) else []),
            ]
            attr = f' class="{" ".join(kind)}"' if kind else ""
            # a right-aligned cell (a number, a range of them) never breaks in print
            shown = keep_ranges(html.escape(text)) if align == "left" else html.escape(text)
            cells.append(f'<td{attr} style="text-align:{align}">{shown}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    note = f'<p class="source-note">Källa: {keep_ranges(html.escape(source))}</p>' if source else ""
    return (
        f'<table class="{html.escape(" ".join(["sv-table", *classes]))}">{cap}'
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


# the same table as data, beside its HTML in one output: nbconvert shows the HTML, the
# report run puts the data in NAME.xlsx (the "underlag" an economist reworks)
TABLE_MIME = "application/vnd.sonanalys.table+json"


def _json_value(v):
    if v is None or v is pd.NA:
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, float) and v != v:  # NaN: missing
        return None
    return v if isinstance(v, int | float | str | bool) else str(v)


def shown_decimals(
    df: pd.DataFrame, decimals: dict | int | None = None, index: bool = True, units=None
) -> list[list]:
    """Per row and column, the decimals ``table_html`` shows a number with (an int,
    ``PLAIN`` for a year, ``None``: as many as it has), ``None`` for text and for the
    index: the report's workbook shows each number as its page does."""
    units = df.attrs.get("units") if units is None else units
    row_units = [units] * len(df) if units is None or isinstance(units, str) else list(units)
    out = []
    for pos, (idx, row) in enumerate(df.iterrows()):
        shown: list = [None] if index else []
        for c in df.columns:
            v = row[c]
            d = decimals.get((idx, c), decimals.get(c)) if isinstance(decimals, dict) else decimals
            shown.append(None if isinstance(v, str) else cell_decimals(v, d, row_units[pos]))
        out.append(shown)
    return out


def table_data(
    df: pd.DataFrame,
    caption: str = "",
    source: str = "",
    index: bool = True,
    decimals: dict | int | None = None,
    units=None,
) -> dict:
    """The table as JSON-able data: caption, source, columns and rows (numbers as
    numbers, masked counts as ``..``, missing as null), and per cell the decimals the
    page shows it with (``shown_decimals``)."""
    cols = ([str(df.index.name or "")] if index else []) + [str(c) for c in df.columns]
    rows = [
        ([_json_value(idx)] if index else []) + [_json_value(v) for v in row]
        for idx, row in zip(df.index, df.itertuples(index=False), strict=True)
    ]
    return {
        "caption": caption,
        "source": source,
        "columns": cols,
        "rows": rows,
        "decimals": shown_decimals(df, decimals, index, units),
    }


def show_table(
    df: pd.DataFrame,
    decimals: dict | int | None = None,
    caption: str = "",
    source: str = "",
    index: bool = True,
    classes: tuple[str, ...] = (),
    units=None,
) -> None:
    """Display ``table_html`` in a notebook, with the table's data for the report's
    workbook alongside."""
    from IPython.display import display

    bundle = {
        "text/html": table_html(df, decimals, caption, source, index, classes, units),
        TABLE_MIME: table_data(df, caption, source, index, decimals, units),
    }
    display(bundle, raw=True)


def mask_small(
    df: pd.DataFrame,
    columns: list[str],
    threshold: int = 5,
    totals: dict | None = None,
) -> pd.DataFrame:
    """Person counts below ``threshold`` (and above 0) become ``..``.

    Secondary suppression, so a masked count cannot be recomputed from a total and its
    other parts: where a total is shown — a column named ``totalt`` (parts: the other
    columns) or a row given in ``totals`` as ``{total_row: [part_rows]}`` — and exactly
    one part is masked, the smallest other part is masked too. Repeated until nothing
    changes. Returns object columns (numbers and ``..``)."""
    out = df.copy().astype({c: object for c in columns})
    for i, row in df.iterrows():
        for c in columns:
            if pd.notna(row[c]) and 0 < float(row[c]) < threshold:
                out.at[i, c] = MASK
    total_col = next((c for c in columns if str(c).lower() == "totalt"), None)
    groups: list[list[tuple]] = []  # each: the cells (row, column) of the parts of a total
    if total_col is not None:
        parts = [c for c in columns if c != total_col]
        groups += [[(i, c) for c in parts] for i in df.index]
    for _total, part_rows in (totals or {}).items():
        groups += [[(r, c) for r in part_rows if r in df.index] for c in columns]
    changed = True
    while changed:
        changed = False
        for cells in groups:
            masked = [rc for rc in cells if out.at[rc] == MASK]
            rest = [rc for rc in cells if out.at[rc] != MASK and pd.notna(df.at[rc])]
            if len(masked) == 1 and rest:
                out.at[min(rest, key=lambda rc: float(df.at[rc]))] = MASK
                changed = True
    return out


def unmasked(long: pd.DataFrame, shown: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """The rows of a long frame whose figure is not masked in ``shown`` (its pivot on
    ``row`` × ``column``): what a chart or a trend fit may use."""
    keep = [
        not (isinstance(v, str) and v == MASK)
        for v in (shown.at[r, c] for r, c in zip(long[row], long[column], strict=True))
    ]
    return long[keep]


def mask_changes(masked: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """A change between two rows (years) of ``masked`` is masked where either end is:
    a figure derived from a masked count is masked too. Both frames share columns; the
    rows of ``changes`` are a subset of those of ``masked`` in the same order."""
    out = changes.astype(object).copy()
    order = list(masked.index)
    for i in changes.index:
        pos = order.index(i)
        prev = order[pos - 1] if pos > 0 else None
        for c in changes.columns:
            ends = [masked.at[i, c]] + ([masked.at[prev, c]] if prev is not None else [])
            if any(isinstance(v, str) and v == MASK for v in ends):
                out.at[i, c] = MASK
    return out


def totals_by_prefix(index, total_word: str = "totalt") -> dict:
    """``{"LVU, totalt": ["LVU, kvinnor/flickor", "LVU, män/pojkar"]}`` from row labels
    ``<prefix>, <part>``: the rows a total row sums, for :func:`mask_small`."""
    out: dict = {}
    labels = [str(x) for x in index]
    for lab in labels:
        prefix, _, part = lab.rpartition(", ")
        if part == total_word and prefix:
            out[lab] = [x for x in labels if x != lab and x.rpartition(", ")[0] == prefix]
    return out


# --------------------------------------------------------------------------------------
# charts: a Swedish description (what it shows and its main message) with every chart
# --------------------------------------------------------------------------------------

#: the metadata key the description rides in, as Jupyter's own image outputs carry alt
#: text (``output.metadata["image/png"]["alt"]``; nbconvert's classic template reads it)
CHART_DESCRIPTION_CLASS = "sn-chart-description"
#: the class of the key-figure box that opens each report (a table, for the workbook too)
KEY_FIGURES_CLASS = "sn-key-figures"

# colour-blind-safe pair for a direction (Okabe–Ito blue and vermilion): never the
# only sign of it — bars also carry a sign or a word
BETTER = "#0072B2"
WORSE = "#D55E00"
NEUTRAL = "#999999"


def chart_description(what: str, message: str) -> str:
    """``Diagram: <what it shows>. <its main message>``."""
    what, message = what.strip().rstrip("."), message.strip()
    if message and not message.endswith("."):
        message += "."
    return f"Diagram: {what}." + (f" {message}" if message else "")


def show_chart(fig, description: str) -> None:
    """Display a chart with its Swedish description: as the image output's alt text
    (``metadata["image/png"]["alt"]`` and ``text/plain`` of the same output) and as a
    visible caption under it (``<p class="sn-chart-description">``)."""
    import base64
    import io

    import matplotlib.pyplot as plt
    from IPython.display import display

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    png = base64.b64encode(buf.getvalue()).decode("ascii")
    display(
        {"image/png": png, "text/plain": description},
        raw=True,
        metadata={"image/png": {"alt": description}},
    )
    display(
        {
            "text/html": f'<p class="{CHART_DESCRIPTION_CLASS}">{html.escape(description)}</p>',
            "text/plain": description,
        },
        raw=True,
    )


def _num(v, decimals: int = 0) -> str:
    return sv(float(v), decimals)


def describe_lines(
    df: pd.DataFrame, x: str, y: str, group: str | None, unit: str, decimals: int = 0
) -> str:
    """The main message of a line chart: each series from its first to its last point
    (``totalt: från 343 (2017) till 425 (2022)``)."""
    parts = []
    groups = df.groupby(group, sort=False) if group else [("", df)]
    for g, s in groups:
        s = s.sort_values(x)
        if s.empty:
            continue
        a, b = s.iloc[0], s.iloc[-1]
        xa = a[x] if isinstance(a[x], str) else int(a[x])
        xb = b[x] if isinstance(b[x], str) else int(b[x])
        name = f"{g}: " if g != "" else ""
        if len(s) == 1:
            parts.append(f"{name}{_num(a[y], decimals)} {unit} ({xa})")
        else:
            parts.append(
                f"{name}från {_num(a[y], decimals)} ({xa}) till {_num(b[y], decimals)} "
                f"({xb}) {unit}"
            )
    return "; ".join(parts)


def describe_bars(labels, values, unit: str, decimals: int = 0) -> str:
    """The main message of a bar chart: the largest and the smallest bar, as shown
    (``decimals``); bars of the same shown value are named together (``högst A och B,
    båda 47,5 mnkr``), and bars all of one value are said to be (``A och B: båda 32,0
    mnkr``)."""
    from ..analysis.claims import each_text, extreme, names_text

    pairs = [(str(lab), float(v)) for lab, v in zip(labels, values, strict=True) if v == v]
    if not pairs:
        return "inga värden"
    s = pd.Series([v for _, v in pairs], index=[lab for lab, _ in pairs], dtype="float64")
    s = s.groupby(level=0, sort=False).first()  # one bar per label
    hi, hi_v = extreme(s, decimals, largest=True)
    lo, lo_v = extreme(s, decimals, largest=False)

    def said(names: list, value: float) -> str:
        each = f"{each_text(len(names))} " if len(names) > 1 else ""
        return f"{names_text(names)}, {each}{_num(value, decimals)} {unit}".rstrip()

    if len(hi) == len(s):  # every bar of one value (as shown)
        if len(s) == 1:
            return f"{hi[0]}: {_num(hi_v, decimals)} {unit}".rstrip()
        return f"{names_text(hi)}: {each_text(len(s))} {_num(hi_v, decimals)} {unit}".rstrip()
    return f"högst {said(hi, hi_v)}; lägst {said(lo, lo_v)}"


def waterfall_chart(labels, values, is_total, title: str, unit: str = "mnkr",
                    up_is_worse: bool = True, decimals: int = 1):  # fmt: skip
    """A waterfall: totals as grey bars from zero, steps from the running level, each bar
    labelled with its value (steps with their sign) and its step's name under it; a step
    up is ``WORSE`` (a cost) or ``BETTER`` (a saving) — the sign says it too. Returns the
    figure (show it with :func:`show_chart`)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5))
    level, bottoms, heights, colors, texts = 0.0, [], [], [], []
    for v, total in zip(values, is_total, strict=True):
        v = float(v)
        if total:
            bottoms.append(0.0)
            heights.append(v)
            colors.append(NEUTRAL)
            texts.append(sv(v, decimals))
            level = v
            continue
        bottoms.append(level if v >= 0 else level + v)
        heights.append(abs(v))
        up = WORSE if up_is_worse else BETTER
        colors.append(up if v > 0 else (BETTER if up_is_worse else WORSE))
        texts.append(("+" if v > 0 else "") + sv(v, decimals))
        level += v
    bars = ax.bar(range(len(heights)), heights, bottom=bottoms, color=colors)
    ax.bar_label(bars, labels=texts, padding=2)
    ax.set_xticks(range(len(heights)), [wrap(s, 16) for s in labels], fontsize=9)
    sv_axis(ax, unit, decimals=0)
    ax.set_title(wrap(title, 70))
    return fig


def index_chart(labels, values, title: str, axis_label: str):
    """Horizontal bars of a municipality in percent of its group (the group = 100): a bar
    at or under 100 ``BETTER``, over it ``WORSE`` and hatched, the 100 line drawn, and each
    bar labelled with its index, its difference in percent and the word (``93 (−7 %,
    lägre)``), set right of both its bar and the 100 line on a white ground, so neither
    the line nor a grid line runs through a label. Returns the figure (show it with
    :func:`show_chart`)."""
    import matplotlib.pyplot as plt

    vals = [float(v) for v in values]
    fig, ax = plt.subplots(figsize=(9, 0.9 * len(vals) + 1.5))
    bars = ax.barh(
        list(labels),
        vals,
        color=[BETTER if v <= 100 else WORSE for v in vals],
        hatch=["" if v <= 100 else "//" for v in vals],
    )
    ax.axvline(100, color="black", lw=1)
    top = max([*vals, 100.0])
    for bar, v in zip(bars, vals, strict=True):
        word = (
            f"{sv(v, 0)} (samma nivå)"
            if round(v) == 100
            else f"{sv(v, 0)} ({'−' if v < 100 else '+'}{sv(abs(v - 100), 0)} %, "
            f"{'lägre' if v < 100 else 'högre'})"
        )
        ax.text(max(v, 100.0) + top * 0.015, bar.get_y() + bar.get_height() / 2, word,
                va="center", ha="left", bbox={"facecolor": "white", "edgecolor": "none",
                                              "pad": 1.5})  # fmt: skip
    ax.set_xlim(0, max(top * 1.45, 130.0))
    sv_axis(ax, axis_label, axis="x", decimals=0)
    ax.invert_yaxis()
    ax.set_title(title)
    return fig
