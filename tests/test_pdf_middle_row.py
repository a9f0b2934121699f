"""A browser sets a table cell's text in the middle of its row (``vertical-align:
middle``): a row whose label wraps over two lines has its one-line amount between the
label's lines. At a page's top, with no header repeated, the label's first line stood
right above the first line of values and was read as the table's header (001 printed
on A4 landscape: 'Ny upphandling stödboende för våldsutsatta kvinnor | | 2021 (nytt
avtal …)' a header, '1,6 mnkr' a row without label)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.readers import read

LABEL, AMOUNT, TEXT = 66.0, 407.0, 558.0


def _page(path: Path, second: str) -> Path:
    """A landscape page opening with a table's last two rows: a label over two lines
    (the second ``second``) with its amount between them and a text cell over two
    lines, then 'Summa'; a heading and a paragraph under it."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4", orientation="L")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(LABEL, 64.0, "Ny upphandling stödboende för våldsutsatta kvinnor")
    pdf.text(TEXT, 64.0, "2021 (nytt avtal från 2021-04-01)")
    pdf.text(AMOUNT, 71.0, "1,6 mnkr")
    pdf.text(LABEL, 78.0, second)
    pdf.text(TEXT, 78.0, "Full effekt helår 2022")
    pdf.text(LABEL, 96.0, "Summa")
    pdf.text(AMOUNT - 1.0, 96.0, "7,3 mnkr")
    pdf.text(58.0, 124.0, "Konsekvensbeskrivning")
    pdf.text(58.0, 140.0, "Föreslagna effektiviseringar påverkar inte utbudet för medborgaren.")
    pdf.output(str(path))
    return path


def test_a_label_wrapped_around_its_middle_set_amount_is_one_row(tmp_path):
    """The label's first line, its going on a line under it in lower case with the
    values between, is the first row's (``pdf_layout._wraps_around``): one row with
    its amount and its text cell, no header."""
    lines = read(_page(tmp_path / "middle.pdf", "med missbruksproblematik")).lines
    assert (
        "Ny upphandling stödboende för våldsutsatta kvinnor med missbruksproblematik"
        "\t1,6 mnkr\t2021 (nytt avtal från 2021-04-01) Full effekt helår 2022"
    ) in lines
    assert "Summa\t7,3 mnkr\t" in lines
    assert not any(line.startswith("|") for line in lines)


def test_a_line_over_a_row_that_does_not_go_on_from_it_stays_over_it(tmp_path):
    """When the line under the amount begins a label of its own (upper case), the line
    above is not read into that row: it stays where it was read before (a header)."""
    lines = read(_page(tmp_path / "apart.pdf", "Med missbruksproblematik")).lines
    assert not any(
        line.startswith("Ny upphandling stödboende för våldsutsatta kvinnor Med") for line in lines
    )
