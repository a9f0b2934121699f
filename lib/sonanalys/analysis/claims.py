"""Claims: the sentences a report opens with, each built from the figures it states.

A :class:`Claim` carries its sentence in Swedish, the figure (as the table prints it, or
derived from printed figures, and then says how), the rows and columns it is read from
and their source lines. Before it is printed, a claim is checked against the document's
own prose where the document states the same quantity (the parser reads numbers in
sentences: ``observations`` rows with ``table == "text"``): agreement is shown as the
document's words; a disagreement is shown as a disagreement, never silently one side.

The key-figure box at the top of each report is the claims' figures as a table
(:func:`key_figure_table`), so every number a summary states stands in a table of the
page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..domain.common import MNKR_PER
from ..numparse import format_sv

PRINTED = "tryckt"
DERIVED = "beräknad"


@dataclass
class Evidence:
    """A sentence of the document that states the claim's quantity."""

    line: int
    sentence: str
    printed: str  # the number as printed (``81,5 mnkr``)
    agrees: bool
    # a round figure the document gives as such (``cirka 30 miljoner``, ``knappt 100
    # mnkr``): it states the quantity, not its digits, and is shown beside the table's
    approx: bool = False
    figure: float | None = None  # the table's figure it is compared with (else the claim's)
    page: int | None = None  # a PDF's page (its lines are counted per page)


def page_number(value) -> int | None:
    """A page cell as a number: None for none (a text document's row)."""
    return None if value is None or pd.isna(value) else int(value)


def page_of(row) -> int | None:
    """A row's page (a PDF's; None for a text document)."""
    return page_number(getattr(row, "page", None))


def at(page: int | None, lines: str) -> str:
    """``s. 11, rad 19`` for a PDF's page, ``rad 19`` else."""
    return f"s. {page}, rad {lines}" if page is not None else f"rad {lines}"


def line_runs(places: list[tuple[int | None, int]]) -> str:
    """Rows as a table's source column names them, runs of lines joined: ``rad 71–74,
    76–80``; in a PDF by page, ``s. 2, rad 4–6; s. 3, rad 1``."""
    by_page: dict[int | None, list[int]] = {}
    for p, x in sorted(set(places), key=lambda at: (at[0] or 0, at[1])):
        by_page.setdefault(p, []).append(x)
    parts = []
    for p, xs in by_page.items():
        runs: list[list[int]] = []
        for x in xs:
            if runs and x == runs[-1][-1] + 1:
                runs[-1].append(x)
            else:
                runs.append([x])
        text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)
        parts.append((f"s. {p}, " if p is not None else "") + "rad " + text)
    return "; ".join(parts)


def rows_at(t: pd.DataFrame) -> str:
    """Where rows ``t`` stand, as a source note names them: their lines in runs (``rad
    581–582, 584–585``, never one span over lines that are not theirs), a PDF's by page
    (``s. 10, rad 6–10``); '' for no rows."""
    return "" if t.empty else line_runs(pages_and_lines(t))


def pages_and_lines(t: pd.DataFrame) -> list[tuple[int | None, int]]:
    """Each row's (page, line): a PDF counts its lines per page (page None without
    pages, as :func:`line_runs` takes them)."""
    pages = t["page"] if "page" in t.columns else pd.Series(pd.NA, index=t.index)
    return [(page_number(p), int(x)) for p, x in zip(pages, t["line"], strict=True)]


def places(t: pd.DataFrame) -> list[tuple[int, int]]:
    """Each row's (page, line): a PDF counts its lines per page (page 0 without pages)."""
    return [(p or 0, x) for p, x in pages_and_lines(t)]


def span(t: pd.DataFrame) -> str:
    """The lines rows stand on, first to last in the document: ``691–699``, ``106``; in a
    PDF with the pages, ``s. 7, rad 56 – s. 8, rad 1`` (a note writes ``rad`` before a
    span without pages: :func:`where`)."""
    at = sorted(set(places(t)))
    (p0, l0), (p1, l1) = at[0], at[-1]
    if not p0 and not p1:
        return str(l0) if l0 == l1 else f"{l0}–{l1}"
    if p0 == p1:
        return f"s. {p0}, rad {l0}" + ("" if l0 == l1 else f"–{l1}")
    return f"s. {p0}, rad {l0} – s. {p1}, rad {l1}"


def where(t: pd.DataFrame, by: str | None = None) -> str:
    """A source note's place for rows ``t``: ``rad 691–699``, a PDF's ``s. 6, rad 35 –
    s. 7, rad 4`` (a table over a page break). With ``by`` (``table_id``), each group's
    span in the order the rows come, joined by ``och``: a prognosis paired from a table
    of its own is named where it stands, never folded into one span with the first."""
    parts = [t] if by is None else [g for _, g in t.groupby(by, sort=False)]
    spans = [span(g) for g in parts if len(g)]
    return " och ".join(s if s.startswith("s. ") else f"rad {s}" for s in spans)


# words that make a printed figure a round one
APPROXIMATE = ("ca", "cirka", "knappt", "drygt", "ungefär", "omkring", "närmare", "runt")


# a figure for one unit, not a whole: "En årsplacering … beräknas ge en besparing på ca 1
# mnkr/år", "500 tkr per plats", "… per år och placering", "3 000 kr/dygn"
_UNITS = (
    r"(?:års)?(?:placering|plats|vårddygn|dygn|person|individ|ungdom|barn|brukare|ärende"
    r"|elev|hushåll|månad|årsarbetare|tjänst)"
)
PER_UNIT_TEXT = re.compile(
    rf"(?:\bper\b|/)\s*(?:år\s+och\s+)?(?P<per>{_UNITS})\b"
    rf"|\b(?:en|ett|varje)\s+(?P<one>{_UNITS})\b",
    re.IGNORECASE,
)


def unit_scope(sentence: str, printed: str) -> str:
    """The words that say what a figure is per: its own clause's words before it (after
    the last comma) and those after it up to the next comma, stop or number ("ca 1
    mnkr/år jämfört med …", "500 tkr per plats")."""
    at = sentence.find(printed)
    after = sentence[at + len(printed) :] if at >= 0 else ""
    after = re.split(r"[,.;:]|\d", after, maxsplit=1)[0]
    return re.split(r"[,;:]", _clause(sentence, printed))[-1] + " " + after


def _base_unit(word: str) -> str:
    """``vårddygn`` → ``dygn``, ``årsplacering`` → ``placering``, ``personer`` →
    ``person``: one name for the unit."""
    w = word.lower().removeprefix("års").removeprefix("vård")
    return next((u for u in ("person", "placering", "plats") if w.startswith(u)), w)


def per_unit(sentence: str, printed: str) -> str:
    """The unit the sentence gives figure ``printed`` per (``placering``, ``dygn``), or
    '' when it is a whole (a measure's effect, a nämnd's result)."""
    m = PER_UNIT_TEXT.search(unit_scope(sentence, printed))
    return _base_unit(m.group("per") or m.group("one")) if m else ""


def claim_per(unit: str) -> str:
    """The unit a claim's figure is per (``personer per dygn`` → ``dygn``; ``kr/dygn``
    → ``dygn``), '' for a whole (``mnkr``)."""
    m = re.search(r"(?:\bper\b|/)\s*(\w+)", str(unit or ""))
    return _base_unit(m.group(1)) if m else ""


def comparable(sentence: str, printed: str, per: str = "") -> bool:
    """Whether figure ``printed`` of ``sentence`` may state a claim's figure that is per
    ``per`` ('' for a whole): an amount per placement, place or day is never a whole's
    figure (a measure's effect, a result), whatever the numbers; one per a unit states
    only a figure per the same unit."""
    found = per_unit(sentence, printed)
    return not found or found == per


def stated(
    value: float,
    printed: str,
    qualifier: str,
    target: float,
    factor: float = 1.0,
    *,
    sentence: str,
    per: str = "",
):
    """Whether a figure the document prints in ``sentence`` states ``target`` (both in
    the same unit after ``factor``; ``target`` per ``per``, '' for a whole):
    ``"same"`` within its printed rounding (and on the right side of
    ``knappt``/``drygt``), ``"approx"`` for a round figure given as one (``cirka 30``
    of 28,75: within half the figure's last significant place, ``30`` → ±5), else
    ``""`` — also for a figure the sentence gives per another unit than ``target``'s
    (``comparable``: "En årsplacering … ca 1 mnkr/år" never states an effect of 1)."""
    if sentence and not comparable(sentence, printed, per):
        return ""
    q = str(qualifier or "").strip().lower()
    v, t = abs(float(value)) * factor, abs(float(target))
    decimals = _decimals(printed)
    tol = 0.5 * 10.0**-decimals * factor + 1e-9
    wrong_side = (q in ("knappt", "närmare") and t > v + 1e-9) or (q == "drygt" and t < v - 1e-9)
    if abs(v - t) <= tol and not wrong_side:
        return "same"
    if q in APPROXIMATE:
        digits = re.sub(r"\D", "", printed.split(",")[0])
        zeros = len(digits) - len(digits.rstrip("0")) if decimals == 0 and digits else 0
        place = 10.0 ** (zeros - decimals) * factor  # 30 → 10, 100 → 100, 2,5 → 0,1
        place = min(place, max(abs(v) * 0.1, 10.0**-decimals * factor))  # never above 10 %
        if abs(v - t) <= place / 2 + tol:
            return "approx"
    return ""


@dataclass
class Claim:
    """One sentence for ledning and the figures behind it."""

    text: str
    value: float | None = None  # the headline figure, signed as the table has it
    unit: str = ""
    kind: str = PRINTED  # PRINTED or DERIVED
    how: str = ""  # for a derived figure: from which printed figures
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    source: str = ""
    lines: list[int] = field(default_factory=list)
    label: str = ""  # its row in the key-figure box ('' = not a key figure)
    decimals: int = 1
    bullet: bool = True  # a sentence of the summary (else only a key figure)
    evidence: list[Evidence] = field(default_factory=list)
    quotes: int = 1  # how many of the document's agreeing sentences to quote
    page: int | None = None  # a PDF's page of ``lines``
    # a PDF's (page, line) of each of ``lines`` where they are on several pages
    # (:func:`add_pages`); empty otherwise
    places: list[tuple[int | None, int]] = field(default_factory=list)

    @property
    def disagreements(self) -> list[Evidence]:
        return [e for e in self.evidence if not e.agrees]

    def where(self) -> str:
        lines = sorted(set(self.lines))
        if not lines:
            return self.source
        if self.places and len({p for p, _ in self.places}) == 1:
            return f"{self.source}, {at(self.places[0][0], ', '.join(str(x) for x in lines))}"
        if self.places:
            return f"{self.source}, {line_runs(self.places).replace('; ', ', ')}"
        nums = ", ".join(str(x) for x in lines)
        return f"{self.source}, {at(self.page, nums)}"


def add_pages(cs: list[Claim], rows: pd.DataFrame) -> list[Claim]:
    """Each claim's lines with their pages where they are a PDF's (``rows``: the frame
    rows the claims are read from, with ``source``, ``line`` and ``page``), so its
    source names them (``s. 10, rad 4``) as the tables' notes do. A claim whose lines
    already have their page, or whose line stands on more than one page of ``rows`` (a
    PDF counts lines per page), is left as it is. Returns ``cs``."""
    if "page" not in rows.columns or rows.empty:
        return cs
    have = rows[rows["page"].notna()]
    pages: dict[tuple[str, int], set[int]] = {}
    for src, line, page in zip(have["source"], have["line"], have["page"], strict=True):
        pages.setdefault((str(src), int(line)), set()).add(int(page))
    for c in cs:
        if c.page is not None or c.places or not c.lines or not c.source:
            continue
        found = [pages.get((c.source, int(x)), set()) for x in c.lines]
        if all(len(p) == 1 for p in found):
            at_: list[tuple[int | None, int]] = [
                (next(iter(p)), int(x)) for p, x in zip(found, c.lines, strict=True)
            ]
            if len({p for p, _ in at_}) == 1:
                c.page = at_[0][0]
            else:
                c.places = at_
    return cs


def period_text(period: str, year) -> str:
    """``jan-aug`` 2023 → ``jan–aug 2023``; ``helår`` → ``helåret 2023``."""
    y = "" if year is None or pd.isna(year) else f" {int(year)}"
    p = str(period or "")
    if p in ("", "helår"):
        return f"helåret{y}" if p == "helår" else y.strip()
    return p.replace("-", "–") + y


def column_label(period: str, year) -> str:
    """A column of a year's figure: ``2022`` for the full year, ``jan–aug 2023`` for a
    part of it (never just ``2023``), ``budget 2023``/``prognos 2023`` for those."""
    y = "" if year is None or pd.isna(year) else str(int(year))
    p = str(period or "")
    if p in ("", "helår"):
        return y
    return period_text(p, year)


def mnkr(value: float, decimals: int = 1) -> str:
    return f"{format_sv(abs(value), decimals)} mnkr"


def result_words(value: float, decimals: int = 1, against: str = "budget") -> str:
    """A deviation as ledning writes it: ``ett underskott på 81,5 mnkr mot budget``
    (negative), ``ett överskott på 3,1 mnkr mot budget``, ``ett resultat i nivå med
    budget`` (0 as printed)."""
    if format_sv(abs(value), decimals) == format_sv(0.0, decimals):
        return f"ett resultat i nivå med {against}"
    word = "ett underskott" if value < 0 else "ett överskott"
    return f"{word} på {mnkr(value, decimals)} mot {against}"


def names_text(names) -> str:
    """``A``, ``A och B``, ``A, B och C``: names as a sentence lists them."""
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def extreme(values: pd.Series, decimals: int, largest: bool = True) -> tuple[list, float]:
    """The labels of the largest (else the smallest) value of ``values`` and that value:
    every label whose value is the same as shown (``decimals``), so a tie is said as a tie
    (``lägst A och B, båda 78 %``), never one of two equal values named as if it alone
    were the lowest. NaN is passed over; ``([], nan)`` when nothing is left."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return [], float("nan")
    best = float(v.max() if largest else v.min())
    shown = format_sv(best, decimals)
    return [k for k, x in v.items() if format_sv(float(x), decimals) == shown], best


def each_text(n: int) -> str:
    """``båda`` for two, ``alla tre``/``alla 4`` for more: what a tie's value is of."""
    words = {3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio"}
    return "båda" if n == 2 else f"alla {words.get(n, n)}"


def change_words(value: float, decimals: int = 1, unit: str = "mnkr") -> str:
    """``ökade med 22,8 mnkr`` / ``minskade med …`` / ``var oförändrad``."""
    if format_sv(abs(value), decimals) == format_sv(0.0, decimals):
        return "var oförändrad"
    verb = "ökade" if value > 0 else "minskade"
    return f"{verb} med {format_sv(abs(value), decimals)} {unit}".rstrip()


# ------------------------------------------------------------------------------------
# the document's own words
# ------------------------------------------------------------------------------------

_FORECAST = re.compile(
    r"prognos|prognostiser|helår|årets slut|året slut|vid årsskiftet|bedömning", re.I
)
_PERIOD = re.compile(r"period|hittills|fram till|till och med|\bt\.?o\.?m\b|delår|ackumulera", re.I)
_DEVIATION = re.compile(r"underskott|överskott|avvikelse|mot budget|i balans", re.I)
_DEFICIT = re.compile(r"underskott|negativ", re.I)
_SURPLUS = re.compile(r"överskott|positiv", re.I)
_WHOLE = re.compile(r"nämnd|förvaltning", re.I)
_NUMBER_START = re.compile(r"[-−–]?\d")


def prose_of(observations: pd.DataFrame, source: str) -> pd.DataFrame:
    """The document's numbers in running text with a money unit, in mnkr."""
    if observations is None or observations.empty:
        return pd.DataFrame()
    o = observations[(observations["table"] == "text") & (observations["source"] == source)]
    o = o[o["unit"].isin(list(MNKR_PER))]
    factor = [MNKR_PER[str(u)] for u in o["unit"]]
    return o.assign(value_mnkr=o["value"].astype("float64").to_numpy() * factor)


def _decimals(text: str) -> int:
    m = re.search(r"\d,(\d+)", text)
    return len(m.group(1)) if m else 0


def _clause(sentence: str, printed: str) -> str:
    """The words before a number back to the number before it: what the number is."""
    at = sentence.find(printed)
    if at < 0:
        return sentence
    before = sentence[:at]
    nums = list(re.finditer(r"\d[\d\s\u00a0]*(?:,\d+)?\s*(?:mnkr|tkr|kr|procent|%)", before))
    return before[nums[-1].end() :] if nums else before


def _kind(sentence: str, printed: str) -> str:
    """``prognos``, ``period`` or '' (not known) for a number in a sentence."""
    clause = _clause(sentence, printed)
    for text in (clause, sentence):
        f, p = bool(_FORECAST.search(text)), bool(_PERIOD.search(text))
        if f != p:
            return "prognos" if f else "period"
    return ""


def _sign(sentence: str, printed: str, value: float) -> int:
    clause = _clause(sentence, printed)
    if value < 0:
        return -1
    d, s = bool(_DEFICIT.search(clause)), bool(_SURPLUS.search(clause))
    if d != s:
        return -1 if d else 1
    return 0


def row_stems(labels) -> list[str]:
    """Words that name a row of the document's tables (``extern``, ``myndighet``): a
    sentence with one of them is about that row, not the whole nämnd."""
    stems = set()
    for label in labels:
        first = str(label).split(" / ")[0].strip().lower()
        words = re.findall(r"[a-zåäö]+", first)
        if not words:
            continue
        # the first word names the row when it is a word of its own (``extern``,
        # ``myndighet``); else the whole label (``eget utförande``, ``köp av verksamhet``)
        stems.add(words[0][:6] if len(words[0]) >= 5 else " ".join(words))
    generic = ("nettok", "summa", "total", "netto", "nämnd", "social", "budget", "progno",
               "utfall", "avvike", "period", "result", "bokslu", "delår")  # fmt: skip
    return sorted(x for x in stems if not x.startswith(generic))


def check_prose(
    claim: Claim,
    prose: pd.DataFrame,
    kind: str,
    deviation: bool,
    other_rows: list[str],
    other_values: list[float],
) -> Claim:
    """Fill ``claim.evidence`` with the document's sentences about the same quantity.

    ``kind`` is ``prognos`` (the year's forecast) or ``period`` (the period's result);
    ``deviation`` whether the claim is a deviation against budget (else a level).
    A sentence agrees when it states the claim's figure (within the printed rounding;
    for a deviation with the same sign). It disagrees when it speaks of the nämnd as a
    whole (no other row of the tables named, in the sentence or its section), of the
    same kind, with a figure no row of the table has in that column. Anything else is
    about something else and left out."""
    if prose is None or prose.empty or claim.value is None:
        return claim
    stems = row_stems(other_rows)
    target = abs(float(claim.value))
    seen: set[tuple[int, str]] = set()
    for r in prose.itertuples():
        sentence, printed = str(r.row_label), str(r.cell_text)
        if (int(r.line), printed) in seen:
            continue
        low = f"{sentence} | {getattr(r, 'section', '')}".lower()
        if any(s in low for s in stems):
            continue
        if _kind(sentence, printed) != kind or not comparable(sentence, printed):
            continue  # of another kind, or an amount per unit: not the nämnd's figure
        is_dev = bool(_DEVIATION.search(_clause(sentence, printed)))
        if is_dev != deviation:
            continue
        value = abs(float(r.value_mnkr))
        tol = 0.5 * 10.0 ** -_decimals(printed) * MNKR_PER.get(r.unit, 1.0) + 0.05 + 1e-9
        how = stated(r.value, printed, getattr(r, "qualifier", ""), target,
                     MNKR_PER.get(r.unit, 1.0), sentence=sentence)  # fmt: skip
        same = bool(how) or abs(value - target) <= tol
        sign = _sign(sentence, printed, float(r.value)) if deviation else 0
        want = -1 if float(claim.value) < 0 else 1
        seen.add((int(r.line), printed))
        if same and (sign in (0, want)):
            claim.evidence.append(
                Evidence(int(r.line), sentence, printed, True, how == "approx", page=page_of(r))
            )
            continue
        if not _WHOLE.search(sentence):
            continue  # not plainly about the nämnd as a whole
        if not same and any(abs(value - abs(v)) <= tol for v in other_values):
            continue  # another row's figure: about that row
        claim.evidence.append(Evidence(int(r.line), sentence, printed, False, page=page_of(r)))
    return claim


# ------------------------------------------------------------------------------------
# rendering
# ------------------------------------------------------------------------------------


def _quote(e: Evidence) -> str:
    return f"”{e.sentence.strip()}” ({at(e.page, str(e.line))})"


def render(claim: Claim) -> str:
    """The claim's sentence, the document's words where they agree (a round figure
    beside the table's: "med ett avrundat tal"), and a disagreement named as such."""
    out = claim.text

    def shown(e: Evidence) -> str:
        v = e.figure if e.figure is not None else claim.value
        return f"{format_sv(abs(v), claim.decimals)} {claim.unit}" if v is not None else ""

    quoted: set[int] = set()
    for e in [e for e in claim.evidence if e.agrees]:
        if e.line in quoted or len(quoted) >= claim.quotes:
            continue
        quoted.add(e.line)
        if e.approx:
            out += (
                f" Förvaltningen skriver, med ett avrundat tal: {_quote(e)}; tabellen ger "
                f"{shown(e)}."
            )
        else:
            out += f" Förvaltningen skriver: {_quote(e)}."
    for e in claim.disagreements:
        out += (
            f" **Dokumentet säger emot sig självt:** på {at(e.page, str(e.line))} står "
            f"”{e.sentence.strip()}”, men tabellen ger {shown(e)}."
        )
    return out


# an action plan's sentence about effects (``beräknas ge effekter om cirka 13 mnkr``,
# ``ska åtgärdsplanerna … ge 121,8 miljoner effekt 2024``), and one about all of them
_EFFECT_WORDS = re.compile(
    r"effekt|åtgärd|minska\w*\s+kostnad|kostnadsreduc|reducera|besparing|sparåtgärd", re.I
)
_ALL_MEASURES = re.compile(
    r"\btotalt\b|sammanlag|sammantag|\båtgärderna\b|åtgärdsplanerna|\bplanerna\b|"
    r"nedanstående åtgärder|\btotal summa\b",
    re.I,
)


def check_plan_prose(
    claim: Claim, prose: pd.DataFrame | None, figure: float, year, whole: bool
) -> Claim:
    """Add to ``claim.evidence`` the plan document's sentences about an effect that state
    ``figure`` (mnkr) of ``year``: a sentence naming another year is about that year; one
    naming none may state any (``helårseffekt på 190 miljoner``). A round figure given as
    one (``cirka 30 miljoner 2022`` of 28,75) is shown beside the table's. For a figure of
    the whole plan (``whole``), a sentence about all the measures (``Totalt``,
    ``sammanlagt``, ``Nedanstående åtgärder``) that names the same year with another
    figure is a disagreement."""
    if prose is None or prose.empty or figure is None or figure != figure:
        return claim
    seen = {(e.line, e.printed) for e in claim.evidence}
    for r in prose.itertuples():
        sentence, printed = str(r.row_label), str(r.cell_text)
        if (int(r.line), printed) in seen or not _EFFECT_WORDS.search(sentence):
            continue
        if not comparable(sentence, printed):
            continue  # an amount per placement, place or day: not the plan's effect
        y = getattr(r, "year", None)
        named = y is not None and not pd.isna(y)
        if y is not None and named and year is not None and int(y) != int(year):
            continue
        factor = MNKR_PER.get(str(r.unit), 1.0)
        how = stated(r.value, printed, getattr(r, "qualifier", ""), figure, factor,
                     sentence=sentence)  # fmt: skip
        if how:
            seen.add((int(r.line), printed))
            claim.evidence.append(Evidence(
                int(r.line), sentence, printed, True, how == "approx", float(figure), page_of(r)
            ))  # fmt: skip
        elif whole and named and _ALL_MEASURES.search(sentence) and float(r.value) > 0:
            seen.add((int(r.line), printed))
            claim.evidence.append(
                Evidence(int(r.line), sentence, printed, False, figure=float(figure),
                         page=page_of(r))
            )  # fmt: skip
    return claim


def markdown(claims: list[Claim]) -> str:
    return "\n".join(f"- {render(c)}" for c in claims if c.bullet)


def key_figure_table(claims: list[Claim]) -> pd.DataFrame:
    """The key-figure box: one row per claim that has a label — the figure, its unit,
    whether it is printed or derived (and how), and where it is printed."""
    rows = []
    for c in claims:
        if not c.label or c.value is None:
            continue
        if c.disagreements:
            words = "avviker: " + "; ".join(
                f"{at(e.page, str(e.line))}: {e.printed}" for e in c.disagreements
            )
        elif c.evidence:
            e = c.evidence[0]
            words = f"{'avrundat' if e.approx else 'ja'}, {at(e.page, str(e.line))}: {e.printed}"
        else:
            words = "–"
        rows.append(
            {
                "Nyckeltal": c.label,
                "värde": float(c.value),  # rounded where shown, half away from zero
                "enhet": c.unit,
                "underlag": c.kind + (f": {c.how}" if c.how else ""),
                "i dokumentets text": words,
                "källa": c.where(),
            }
        )
    df = pd.DataFrame(rows, columns=["Nyckeltal", "värde", "enhet", "underlag",
                                     "i dokumentets text", "källa"])  # fmt: skip
    return df.set_index("Nyckeltal")


def show_key_figures(claims: list[Claim], caption: str) -> None:
    """Display the key-figure box (a table with its data for the workbook)."""
    from ..report.present import KEY_FIGURES_CLASS, show_table

    t = key_figure_table(claims)
    if len(t):
        decimals: dict = {(c.label, "värde"): c.decimals for c in claims if c.label}
        show_table(t, decimals, caption, classes=(KEY_FIGURES_CLASS,), units=list(t["enhet"]))


# ------------------------------------------------------------------------------------
# the statement check: a page's summary against its tables
# ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w,])[−-]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?![\w,])")
_QUOTED = re.compile(r"”[^”]*”")
_LINE_REF = re.compile(r"\brad(?:erna)? \d+(?:[–-]\d+)?(?:, \d+)*")
_FILE = re.compile(r"\b\S+\.(?:txt|pdf|docx|xlsx|csv|md)\b")
# dates (2026-08-28), ranges of years or ages (2017–2022, 0-20 år): no figures
_RANGE = re.compile(r"\d{4}-\d\d-\d\d|\d+[-–]\d+")


def _number(text: str) -> float | None:
    from ..numparse import parse_number

    try:
        return parse_number(text)
    except ValueError:
        return None


def _plain(fragment: str) -> str:
    import html as _html

    fragment = re.sub(r"<table.*?</table>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def summary_text(page: str) -> str:
    """A report page's Sammanfattning in words (its tables left out)."""
    start = page.find('id="Sammanfattning"')
    if start < 0:
        return ""
    end = page.find("<h2", start + 10)
    return _plain(page[start : end if end > 0 else None])


def table_numbers(page: str) -> list[float]:
    """Every number in a table cell of the page (absolute values)."""
    import html as _html

    out = []
    for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page, flags=re.S):
        v = _number(_html.unescape(re.sub(r"<[^>]+>", "", cell)).strip())
        if v is not None:
            out.append(abs(float(v)))
    return out


def stated_numbers(text: str) -> list[tuple[str, float]]:
    """The figures a summary states in its own words (printed text, absolute value): not
    the document's quoted words, line numbers, file names, dates, ranges or years."""
    t = _QUOTED.sub(" ", text)
    t = _FILE.sub(" ", t)
    t = _LINE_REF.sub(" ", t)
    t = _RANGE.sub(" ", t)
    out = []
    for m in _NUMBER.finditer(t):
        printed = m.group(0)
        if re.fullmatch(r"(?:19|20)\d\d", printed):
            continue  # a year
        v = _number(printed)
        if v is not None:
            out.append((printed, abs(float(v))))
    return out


def stands_in(value: float, printed: str, numbers: list[float]) -> bool:
    """Whether a stated figure is one of ``numbers`` or the difference of two of them,
    within the rounding of its printed decimals."""
    import itertools

    tol = 0.5 * 10.0 ** -_decimals(printed) + 1e-9
    distinct = sorted(set(numbers))
    if any(abs(value - n) <= tol for n in distinct):
        return True
    # a difference of two rounded figures: each of the three may be off by half a unit
    slack = 3 * tol
    return any(abs(value - abs(a - b)) <= slack for a, b in itertools.combinations(distinct, 2))


def unsupported_in(text: str, page: str) -> list[str]:
    """The figures a statement (any Swedish text) states that stand in none of the page's
    tables and are no difference of two that do ([] when every one does)."""
    numbers = table_numbers(page)
    return [p for p, v in stated_numbers(text) if not stands_in(v, p, numbers)]


def unsupported_numbers(page: str) -> list[str]:
    """The figures a report page's Sammanfattning states that stand in none of its tables
    and are no difference of two that do ([] when every one does)."""
    return unsupported_in(summary_text(page), page)


# ------------------------------------------------------------------------------------
# statements: a sentence about a document, held against a report page
# ------------------------------------------------------------------------------------

_FIG = r"[−-]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
# a figure's direction as ledning reads it: a word before it ("ett underskott på 81,5",
# "ökade med 22,8", "överskott mot budget: avvikelsen … är 3,1") or after it ("80 kr/inv
# högre än", "78 över budgeten", "36 fler")
# (a word's stem → its direction; any ending: underskottet, ökningen, minskar, försämrats)
_DIRECTION_BEFORE = {"underskott": -1, "överskott": 1, "ökade": 1, "ökat": 1, "ökar": 1,
                     "ökning": 1, "minskade": -1, "minskat": -1, "minskar": -1,
                     "minskning": -1, "förbättr": 1, "försämr": -1, "negativ": -1,
                     "positiv": 1}  # fmt: skip
_DIRECTION_AFTER = {"högre": 1, "lägre": -1, "fler": 1, "färre": -1, "bättre": 1,
                    "sämre": -1, "över": 1, "under": -1}  # fmt: skip
_BEFORE_WORD = re.compile(rf"\b({'|'.join(_DIRECTION_BEFORE)})\w*", re.I)
_FIGURE = re.compile(rf"(?<![\w,]){_FIG}(?![\w,])")
_AFTER_WORD = re.compile(
    rf"(?<![\w,])({_FIG})(?:\s+[^\s\d]+){{0,2}}?(?:\s+\d+-\d+\s+år)?\s+"
    r"(högre|lägre|fler|färre|bättre|sämre|(?:över|under)(?=\s+budget))\b",
    re.I,
)


def direction_pairs(text: str) -> set[tuple[float, int]]:
    """(figure, +1 or −1) for each figure a text gives a direction: the first figure
    after a word of direction in its sentence (years skipped), or a figure followed by
    one. The document's quoted words, file names and line references are left out."""
    t = _LINE_REF.sub(" ", _FILE.sub(" ", _QUOTED.sub(" ", text)))
    out: set[tuple[float, int]] = set()
    for sentence in re.split(r"(?<=[.;])\s+", t):
        for m in _BEFORE_WORD.finditer(sentence):
            for f in _FIGURE.finditer(sentence, m.end()):
                if re.fullmatch(r"(?:19|20)\d\d", f.group(0)):
                    continue
                if _BEFORE_WORD.search(sentence, m.end(), f.start()):
                    break  # another word of direction first: the figure is its
                v = _number(f.group(0))
                if v is not None:
                    out.add((round(abs(float(v)), 6), _DIRECTION_BEFORE[m.group(1).lower()]))
                break
        for m in _AFTER_WORD.finditer(sentence):
            v = _number(m.group(1))
            if v is not None:
                out.add((round(abs(float(v)), 6), _DIRECTION_AFTER[m.group(2).lower()]))
    return out


def _signed_table_numbers(page: str) -> list[float]:
    """Every number in a table cell of the page, with its sign."""
    import html as _html

    out = []
    for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page, flags=re.S):
        v = _number(_html.unescape(re.sub(r"<[^>]+>", "", cell)).strip())
        if v is not None:
            out.append(float(v))
    return out


_SIGNED = re.compile(r"(?<![\w,])([+−-])\s?(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)(?![\w,])")


def wrong_signs(statement: str, page: str) -> list[str]:
    """The figures a statement prints with a sign (``+81,5``, ``−81,5``) that no table cell
    of the page holds with that sign (a signed figure is the table's own, not a difference
    of two: those have both signs)."""
    t = _LINE_REF.sub(" ", _FILE.sub(" ", _QUOTED.sub(" ", statement)))
    t = _RANGE.sub(" ", t)
    numbers = sorted(set(_signed_table_numbers(page)))
    out = []
    for m in _SIGNED.finditer(t):
        v = _number(m.group(2))
        if v is None:
            continue
        value = -float(v) if m.group(1) in "−-" else float(v)
        tol = 0.5 * 10.0 ** -_decimals(m.group(2)) + 1e-9
        if not any(abs(value - n) <= tol for n in numbers):
            out.append(m.group(0))
    return out


def statement_holds(statement: str, page: str) -> tuple[bool, str]:
    """Whether a report page bears out a statement (Swedish, about the document): every
    figure it states stands in a table of the page or is the difference of two that do
    (:func:`unsupported_in`), a figure printed with a sign (``+81,5``) stands there with
    that sign (:func:`wrong_signs`), and every figure it gives a direction (underskott/överskott,
    ökade/minskade, högre/lägre …) the page's Sammanfattning states with the same
    direction. (False, why) else: a wrong sign, a subtotal's figure where the summary
    states the bottom line's, a cost the page does not print."""
    bad = unsupported_in(statement, page)
    if bad:
        return False, "står inte i sidans tabeller: " + ", ".join(bad)
    signs = wrong_signs(statement, page)
    if signs:
        return False, "fel tecken mot sidans tabeller: " + ", ".join(signs)
    said = direction_pairs(summary_text(page))
    for value, sign in sorted(direction_pairs(statement)):
        if (value, sign) not in said:
            why = "motsatt riktning" if (value, -sign) in said else "sägs inte i sammanfattningen"
            return False, f"{format_sv(value, 1)}: {why}"
    return True, ""
