"""A header whose top row is years (a browser's table of a delårsrapport's indicators:
'2016 | 2017 | 2018' over '| | Utfall per 31 aug. | Målvärde | Prognos', each its own
cell, the year set in the first of them): the last year heads the columns right of it
that have header text only in the row below, as the tab layout reads the text (003
printed: 'Prognos' without its year, 3 735 a value of no year)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse

LABEL = 40.0
ENDS = [260.0, 320.0, 380.0, 440.0, 500.0]  # each value column's right edge


def _right(pdf, end: float, y: float, text: str) -> None:
    pdf.text(end - pdf.get_string_width(text), y, text)


def _page(path: Path, lower: list[str]) -> Path:
    """Years over the first three columns, ``lower`` (one text per column, '' for none)
    under them, three rows of five values."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.text(LABEL, 60.0, "Socialnämndens indikatorer")
    for end, year in zip(ENDS, ["2016", "2017", "2018"], strict=False):
        _right(pdf, end, 60.0, year)
    for end, text in zip(ENDS, lower, strict=True):
        if text:
            _right(pdf, end, 71.0, text)
    rows = [
        ("Anmälningar om barn som far illa", ["3 331", "3 691", "2 490", "3 000", "3 735"]),
        ("Placerade barn per 1000 invånare", ["25,3", "20,4", "13,7", "15,0", "14,0"]),
        ("Hushåll med försörjningsstöd", ["2 108", "2 063", "2 000", "1 900", "1 950"]),
    ]
    y = 86.0
    for label, values in rows:
        pdf.text(LABEL, y, label)
        for end, v in zip(ENDS, values, strict=True):
            _right(pdf, end, y, v)
        y += 13.0
    pdf.output(str(path))
    return path


def _columns(path: Path) -> dict[float, tuple[str, object]]:
    obs = parse([path]).observations
    rows = obs[obs["row_label"].eq("Anmälningar om barn som far illa")]
    return {r.value: (r.column_label, r.year) for r in rows.itertuples()}


def test_the_last_year_heads_the_columns_named_only_below_it(tmp_path):
    path = _page(tmp_path / "years.pdf", ["", "", "Utfall", "Målvärde", "Prognos"])
    got = _columns(path)
    assert got[3735.0] == ("2018 / Prognos", 2018)
    assert got[3000.0] == ("2018 / Målvärde", 2018)
    assert got[2490.0] == ("2018 / Utfall", 2018)
    assert got[3331.0] == ("2016", 2016)


def test_columns_with_no_header_below_stay_without_the_year(tmp_path):
    """Columns right of the years with no header text on any line are not taken under
    the last year (nothing says they belong to it)."""
    path = _page(tmp_path / "bare.pdf", ["", "", "Utfall", "", ""])
    got = _columns(path)
    assert got[2490.0] == ("2018 / Utfall", 2018)
    assert "2018" not in str(got.get(3735.0, ("", None))[0])
