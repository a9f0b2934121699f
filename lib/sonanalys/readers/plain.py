"""Tables that pdftotext left as loose lines.

A header line (``Förslag Kostnadsreducering Tidsaspekt``) is followed by records
whose label wraps over several lines, an amount (``4 mnkr``) and a time aspect
(``2021 (pga. utredningsarbete)``), ending with a ``Summa`` line::

    Systematisk uppföljning
    samt genom att matcha rätt
    insats

    4 mnkr 2021

    Akutboendeteam 1,5 mnkr 2021 (Dialog med
    Leanlink)

Each record becomes a row of three cells (label, amount, time), each cell
remembering the lines its text came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import numparse
from ..continuation import page_mark
from ..model import Cell, Row, Table, join_fragments

_HEADER_WORDS = {
    "förslag",
    "åtgärd",
    "åtgärder",
    "kostnadsreducering",
    "tidsaspekt",
    "effekt",
    "belopp",
    "besparing",
    "kostnad",
    "budget",
    "utfall",
    "prognos",
    "avvikelse",
    "status",
    "tidplan",
    "år",
    "helårseffekt",
    "verksamhet",
    "område",
    "insats",
    "beskrivning",
    "tidpunkt",
    "besparingar",
    "kostnadsminskning",
    "netto",
    "mnkr",
    "tkr",
}
_MONEY_WORDS = {
    "kostnadsreducering",
    "effekt",
    "belopp",
    "besparing",
    "besparingar",
    "kostnad",
    "budget",
    "utfall",
    "prognos",
    "avvikelse",
    "helårseffekt",
    "kostnadsminskning",
}
_TIME_WORDS = {"tidsaspekt", "tidplan", "tidpunkt", "år"}
_SUM = re.compile(r"^\s*(?:summa|totalt|total summa|total)\b", re.IGNORECASE)
_MONEY_UNITS = {"mnkr", "tkr", "kr", "mdkr"}
# "Summa 4, 0 mnkr": pdftotext split a decimal comma from its decimal
_SPLIT_DECIMAL = re.compile(r"(?<![\d,])(\d+), (\d{1,2}) ?(?=mnkr|tkr|mkr|kr\b|miljoner)")


_PUNCT_END = re.compile(r"[.,:;!?]$")
_YEAR = re.compile(r"(?:19|20)\d\d")


def header_columns(line: str) -> list[str] | None:
    """The columns of a loose-table header line, or None when the line is no such header."""
    # (the first word first: most lines begin with no header word; the year after a
    # header word is its own, so the first word must be a capitalised header word)
    first = line.split(None, 1)
    if not first or first[0].lower() not in _HEADER_WORDS or not first[0][0].isupper():
        return None
    words = line.split()
    if not 2 <= len(words) <= 8 or _PUNCT_END.search(line.strip()):
        return None
    cols: list[str] = []
    for w in words:
        if _YEAR.fullmatch(w) and cols:
            cols[-1] += " " + w
            continue
        if w.lower() not in _HEADER_WORDS or not w[0].isupper():
            return None
        cols.append(w)
    if len(cols) < 2 or not any(c.split()[0].lower() in _MONEY_WORDS for c in cols):
        return None
    return cols


def _money_spans(text: str) -> list[tuple[int, int]]:
    """Spans of amounts with a money unit in ``text``."""
    spans = []
    for tok in numparse.tokens(text):
        if tok.kind != numparse.VALUE:
            continue
        hit = numparse._units.unit_after(text, tok.end)
        if hit and hit[0] in _MONEY_UNITS:
            # "Ca 0,5 mnkr": the qualifier belongs to the amount, not to the label
            q = numparse._QUALIFIER_SUFFIX.search(text[: tok.start])
            whole_word = q is not None and (q.start() == 0 or not text[q.start() - 1].isalnum())
            spans.append((q.start() if q is not None and whole_word else tok.start, hit[1]))
    return spans


@dataclass
class _Piece:
    """Text collected for one cell, with the line of each fragment."""

    parts: list[tuple[str, int]] = field(default_factory=list)

    def add(self, text: str, line: int) -> None:
        text = text.strip()
        if text:
            self.parts.append((text, line))

    def cell(self, fallback_line: int) -> Cell:
        text, starts = join_fragments(self.parts)
        first = self.parts[0][1] if self.parts else fallback_line
        return Cell(text, first, starts)

    @property
    def text(self) -> str:
        return " ".join(t for t, _ in self.parts)


def _depth(text: str) -> int:
    return text.count("(") - text.count(")")


def _has_time(text: str) -> bool:
    return any(
        t.kind
        in (numparse.YEAR, numparse.QUARTER, numparse.MONTH, numparse.DATE, numparse.YEAR_RANGE)
        for t in numparse.tokens(text)
    )


def read_plain_table(lines: list[str], start: int, columns: list[str]) -> tuple[Table, int]:
    """Read the loose table whose header is ``lines[start]``; return it and the index of
    the first line after it. Lines are 0-based here, 1-based in the table."""
    amount_col = next(i for i, c in enumerate(columns) if c.split()[0].lower() in _MONEY_WORDS)
    has_time = any(c.split()[0].lower() in _TIME_WORDS for c in columns[amount_col + 1 :])
    header = Row([Cell(c, start + 1) for c in columns], start + 1)
    rows: list[Row] = [header]
    repairs: list[tuple[int, str, str]] = []

    label_pars: list[_Piece] = []  # finished label paragraphs of the record being read
    par = _Piece()  # current paragraph, before an amount is seen
    amount: _Piece | None = None
    trail = _Piece()  # time aspect and remarks after the amount
    depth = 0
    time_seen = False
    broke = False  # a blank line since the amount
    finished_sum = False
    i = start + 1

    def close() -> None:
        nonlocal amount, trail, depth, time_seen, broke, label_pars, par
        if amount is None:
            return
        label = _Piece([p for lp in label_pars for p in lp.parts])
        line = amount.parts[0][1] if amount.parts else i
        cells = [label.cell(line), amount.cell(line)]
        if has_time:
            cells.append(trail.cell(line))
        else:
            cells[1] = _Piece(amount.parts + trail.parts).cell(line)
        rows.append(Row(cells, cells[0].line))
        amount, trail, depth, time_seen, broke = None, _Piece(), 0, False, False
        label_pars, par = [], _Piece()

    while i < len(lines):
        raw = lines[i]
        lineno = i + 1
        mark = page_mark(raw) if raw.strip() and depth <= 0 else ""
        if mark and not _money_spans(raw):
            # a page's mark between the records ("3 (17)", "Sida 3", a running header
            # ending in one): a page break, as a blank line — never the next record's
            # label nor the last one's remark
            repairs.append((lineno, raw.replace("\f", "").strip(), mark))
            raw = ""
        if not raw.strip():
            if amount is not None:
                broke = True
                if depth <= 0 and (time_seen or not has_time):
                    was_sum = _SUM.match(label_pars[0].text if label_pars else "") is not None
                    close()
                    if was_sum:
                        finished_sum = True
            elif par.parts:
                label_pars.append(par)
                par = _Piece()
                par = _Piece()
            if finished_sum:
                break
            i += 1
            continue
        text = raw.strip()
        if (
            i + 1 < len(lines)
            and re.search(r"\d$", text)
            and re.match(r"\s*(?:mnkr|tkr|mkr|kr|miljoner)\b", lines[i + 1])
            and not _money_spans(text)
        ):
            # "… beslut, 3" / "mnkr": the unit wrapped onto the next line
            text = f"{text} {lines[i + 1].strip()}"
            i += 1
        fixed = _SPLIT_DECIMAL.sub(r"\1,\2 ", text)
        if fixed != text:
            repairs.append((lineno, text, "mellanslag efter decimalkomma lästes som decimaltal"))
            text = re.sub(r"\s+", " ", fixed)
        spans = _money_spans(text)
        if amount is not None:
            is_sum = bool(label_pars) and _SUM.match(label_pars[0].text) is not None
            waiting = has_time and not time_seen and not is_sum and len(trail.parts) < 3
            if not spans and (depth > 0 or waiting or not broke):
                trail.add(text, lineno)
                depth += _depth(text)
                time_seen = time_seen or _has_time(text)
                broke = False
                i += 1
                continue
            was_sum = bool(label_pars) and _SUM.match(label_pars[0].text) is not None
            close()
            if was_sum:
                break
        if not spans:
            if (
                _SUM.match(text) is None
                and len(par.parts) + sum(len(p.parts) for p in label_pars) >= 12
            ):
                break  # prose, not a table row: the table has ended
            par.add(text, lineno)
            i += 1
            continue
        s, e = spans[0]
        before, after = text[:s].strip(), text[e:].strip()
        if label_pars:
            # the label stood in paragraphs of its own: this paragraph is the amount cell
            amount = _Piece([*par.parts, (text[:e].strip(), lineno)])
        else:
            label_pars = [_Piece([*par.parts, *([(before, lineno)] if before else [])])]
            amount = _Piece([(text[s:e], lineno)])
        par = _Piece()
        trail = _Piece()
        trail.add(after, lineno)
        depth = _depth(after)
        time_seen = _has_time(after)
        broke = False
        i += 1
        if depth <= 0 and (not has_time or _SUM.match(label_pars[0].text if label_pars else "")):
            was_sum = _SUM.match(label_pars[0].text if label_pars else "") is not None
            close()
            if was_sum:
                break
    if amount is not None:
        close()
    table = Table(rows=rows, layout="plain", line=start + 1, header_rows=1, repairs=repairs)
    return table, i
