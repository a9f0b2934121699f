"""Source notes and pairings name a PDF's pages: a PDF counts its lines per page, so a
line number alone is no place (05's overview over a page break, a prognosis paired from
a table on another page)."""

from __future__ import annotations

from pathlib import Path

from sonanalys import domain
from sonanalys.analysis import claims
from sonanalys.analysis.budget import overview, proportional_forecast
from sonanalys.observations import parse
from test_page_break_header import _drift_pdf


def _budget(pdf: Path):
    r = parse([pdf])
    return domain.build(r.observations, r.cells)["budget"]


def test_the_overviews_source_note_names_both_pages_of_a_table_over_a_page_break(tmp_path):
    # the drift table runs from page 1, line 4 (Individ- och familjeomsorg) to page 2,
    # line 5 (Summa); before, the note said 'rad 2–7' (lines of both pages, min to max)
    b = _budget(_drift_pdf(tmp_path / "drift.pdf", last="Utfall jan-aug 2024"))
    ov = overview(b, "", 2024, "jan-aug")
    assert ov.attrs["where"] == "s. 1, rad 4 – s. 2, rad 5"
    # the own forecast's table (05) names its rows' pages the same way
    f = proportional_forecast(b, "", 2024, "jan-aug", 8)
    assert claims.where(f) == "s. 1, rad 4 – s. 2, rad 4"


def _two_tables_pdf(path: Path) -> Path:
    """Budget and utfall jan–aug on page 1, the year's prognosis in a table of its own on
    page 2 (fpdf, ruled)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", "", 10)

    def table(title, header, rows):
        pdf.cell(0, 10, title)
        pdf.ln(12)
        for cells in (header, *rows):
            for i, c in enumerate(cells):
                pdf.cell(70 if i == 0 else 40, 7, c, border=1, align="L" if i == 0 else "R")
            pdf.ln(7)

    pdf.add_page()
    table("Driftredovisning 2024, tkr", ("Verksamhet", "Budget 2024", "Utfall jan-aug 2024"),
          [("Familjehem", "20 000", "14 000"), ("HVB", "15 000", "11 000"),
           ("Summa", "35 000", "25 000")])  # fmt: skip
    pdf.add_page()
    for _ in range(3):
        pdf.ln(10)
    table("Prognos 2024, tkr", ("Verksamhet", "Prognos 2024"),
          [("Familjehem", "21 000"), ("HVB", "17 000"), ("Summa", "38 000")])  # fmt: skip
    pdf.output(str(path))
    return path


def test_a_prognosis_paired_from_another_page_is_named_where_it_stands(tmp_path):
    b = _budget(_two_tables_pdf(tmp_path / "two.pdf"))
    ov = overview(b, "", 2024, "jan-aug")
    assert ov.loc["HVB", ["budget", "utfall jan-aug", "prognos"]].tolist() == [15.0, 11.0, 17.0]
    # each table its own span, never one span from page 1 over page 2's lines
    assert ov.attrs["where"] == "s. 1, rad 4–6 och s. 2, rad 4–6"


def test_the_documents_own_comparison_names_its_page():
    # 002's R9 pairs (lines 580–582) as a PDF would give them, on page 3: 03's source note,
    # each value's note and the nämnd's goal name the page (before, 'rad 580' alone: in a
    # PDF every page has a line 580's like)
    from tests.conftest import SEEDS

    from sonanalys.analysis.benchmark import document_values, goal_words
    from sonanalys.domain.indikatorer import r9_pairs
    from sonanalys.kolada.compare import provenance
    from sonanalys.kolada.groups import ComparisonGroup

    r = parse([Path(__file__).parent.parent / "data" / "raw" / SEEDS["002"]])
    i = domain.build(r.observations, r.cells)["indikatorer"].assign(page=3)
    pairs = r9_pairs(i)
    grp = ComparisonGroup("R9", ["0580"], group_id="G96092")
    values = document_values(pairs, grp, "0580")
    assert values["page"].tolist() == [3] * 6
    assert set(provenance(values)["note"]) == {
        f"dokumentet {SEEDS['002']} s. 3, rad {n}" for n in (580, 581, 582)
    }
    assert goal_words(pairs, "N35001", 2022, -302.0).startswith(" Nämndens mål (s. 3, rad 580): ")


def test_placements_source_notes_keep_a_pdfs_page():
    # 01's tables: 004's persons per day (lines 529–532), LVU/LVM (443–448) and per 1 000
    # (593) as a PDF would give them, on page 2: each frame keeps the page, so 01's notes
    # say 's. 2, rad 529–532' (before, the frames dropped it and the notes said 'rad …')
    from tests.conftest import SEEDS

    from sonanalys.analysis import care

    r = parse([Path(__file__).parent.parent / "data" / "raw" / SEEDS["004"]])
    p = domain.build(r.observations, r.cells)["placements"].assign(page=2)
    per_day = care.per_day_by_group(p, "Örebro")
    cur = care.current_period(p, "Örebro")
    assert claims.where(per_day) == "s. 2, rad 529–532"
    assert claims.where(cur) == "s. 2, rad 529–532"
    assert claims.where(care.lvu_lvm(p, "Örebro")) == "s. 2, rad 443–448"
    assert claims.where(care.per_1000(p, "Örebro")) == "s. 2, rad 593"
