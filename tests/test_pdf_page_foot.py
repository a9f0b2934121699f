"""A page's foot (its running title and page number in the bottom margin) under a page
set in two columns of prose: the columns' last lines stand apart at the column gap as a
table's cells do, and the foot went on as the last row of that 'table', its page
number a value (Göteborg's Stadsrevisionens årsredogörelse 2022-2024, set in InDesign:
'Stadsrevisionens årsredogörelse 2022 | 17' under 'Mer om granskningen')."""

from __future__ import annotations

from pathlib import Path

from sonanalys.observations import parse
from sonanalys.readers import read

LEFT, RIGHT = 63.0, 304.0
PITCH = 15.0

TWO_COLUMNS = [
    (
        "Genomförandeplaner var ett utvecklingsområde",
        "Bedömning",
    ),
    (
        "För att synliggöra vilka behov barnet har och",
        "Stadsrevisionen vill understryka vikten av att",
    ),
    (
        "hur behoven ska tillgodoses ska vård- och",
        "nämnderna beaktar de utvecklingsområden som",
    ),
    (
        "genomförandeplaner upprättas. Granskningen",
        "identifierats för respektive nämnd.",
    ),
    (
        "visade att vårdplaner upprättats i enlighet",
        "Mer om granskningen",
    ),
    (
        "med gällande föreskrifter. Förvaltningarna",
        "Läs mer om granskningen i revisionsredogörel-",
    ),
    (
        "arbetar löpande för att göra barnet delaktigt.",
        "serna för de granskade nämnderna 2022.",
    ),
]


def _page(path: Path, foot_y: float = 815.0) -> Path:
    """A page of two columns of prose whose last lines stand 45 points above
    ``foot_y``, where the foot 'Årsredogörelse 2022' and the page number ``17`` stand
    at the right margin."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = foot_y - 45.0 - PITCH * (len(TWO_COLUMNS) - 1)
    for left, right in TWO_COLUMNS:
        pdf.text(LEFT, y, left)
        pdf.text(RIGHT, y, right)
        y += PITCH
    pdf.set_font("Helvetica", size=8)
    pdf.text(383.0, foot_y, "Årsredogörelse 2022")
    pdf.text(567.0, foot_y, "17")
    pdf.output(str(path))
    return path


def test_a_pages_foot_under_two_columns_of_prose_is_no_row_of_a_table(tmp_path):
    """The foot, below nine tenths of the page and more than two of its heights under
    the body, is the page's foot (``pdf._page_foot``): laid out on its own line, apart
    from the columns' lines, never a table's row; the page number is no value."""
    path = _page(tmp_path / "two_columns.pdf")
    doc = read(path)
    foot = [line for line in doc.lines if "Årsredogörelse 2022" in line]
    assert len(foot) == 1 and "\t" not in foot[0]
    assert foot[0].split() == ["Årsredogörelse", "2022", "17"]
    assert doc.lines[doc.lines.index(foot[0]) - 1] == ""  # apart from the body
    obs = parse([path]).observations
    assert 17.0 not in set(obs["value"])


def test_a_number_under_a_table_above_the_pages_margin_is_still_read(tmp_path):
    """The same page set higher, the line above the bottom margin (a total row apart
    under a table's last lines), is no page's foot: it goes with the lines above as
    before (its cells apart at the column gap, a tab line)."""
    path = _page(tmp_path / "high.pdf", foot_y=700.0)
    doc = read(path)
    line = next(x for x in doc.lines if "Årsredogörelse 2022" in x)
    assert line.split("\t") == ["Årsredogörelse 2022", "17"]
