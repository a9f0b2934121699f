"""A table that goes on after a page break is one table: the page's furniture (``Sida 2``,
``2 (5)``, a page number alone, a form feed) and the header printed again are passed over
and said, never a row, a section or a part of the next row's label; a row's code (a
project number) stays with its own row.

Real tables of the corpus (tests/corpus, sources in its README) are cut by a page break as
pdftotext prints one, and must read as they read whole: the same rows, labels, paths,
values and totals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sonanalys.continuation import HEADER_AGAIN, JOINED, JOINED_REPEATED, PAGE_HEAD, PAGE_MARK
from sonanalys.observations import parse

CORPUS = Path(__file__).parent / "corpus"
SAID = {PAGE_MARK, PAGE_HEAD, HEADER_AGAIN, JOINED, JOINED_REPEATED}


def _signature(obs: pd.DataFrame) -> list[tuple]:
    cols = ["row_label", "row_path", "column_label", "year", "value", "is_total", "total_of"]
    return sorted(
        tuple("" if pd.isna(v) else v for v in rec)
        for rec in obs[cols].itertuples(index=False, name=None)
    )


def _broken(lines: list[str], at: int, how: str, header: list[str]) -> list[str]:
    """The document with a page break before line ``at`` (1-based), printed ``how``."""
    before, after = lines[: at - 1], lines[at - 1 :]
    if how == "blank, Sida, blank":
        return [*before, "", "Sida 2", "", *after]
    if how == "page mark, form feed":
        return [*before, "2 (5)", "\f" + after[0], *after[1:]]
    if how == "page number alone, blank":
        return [*before, "2", "", *after]
    if how == "blank, running footer, blank":
        return [*before, "", "Socialnämnden, delårsrapport augusti 2023 2 (5)", "", *after]
    if how == "every other line: form feed, header again":  # a double-spaced table
        return [*before, "\f3 (5)", "", *(x for h in header for x in (h, "")), *after]
    if how == "every other line: Sida":
        return [*before, "Sida 3", "", *after]
    if how == "form feed, header again":
        return [*before, "\f3 (5)", *header, *after]
    raise AssertionError(how)


# (document, line of a body row the break goes before, the header's lines, ways to break)
_SPACED = [
    "blank, Sida, blank",
    "page mark, form feed",
    "page number alone, blank",
    "blank, running footer, blank",
]
CASES = [
    # a list of 36 municipalities, one value each, under "Kommun/Region Kronor per invånare"
    ("text/dev_04_regionfakta_skane_ifo_kostnad.txt", 32, [16], _SPACED),
    # Gnesta's driftredovisning: signs apart ("– 37 264"), a percent column, sections
    ("round2/dev_17_gnesta_driftredovisning_2013.txt", 18, [9], _SPACED),
    # SCB: upper-case groups, "därav" sub-rows and TOTALA KOSTNADER below the break
    ("round2/dev_14_scb_ifo_kostnader.txt", 17, [11], [*_SPACED, "form feed, header again"]),
    # headers one per line ("Bokslut 2009" / … / "plan 2013"), rows apart by blank lines
    (
        "round2/dev_19_socialnamnden_budget_2011.txt",
        36,
        [],
        ["blank, Sida, blank", "blank, running footer, blank"],
    ),
    # a table printed with a blank line after every line, its header over two lines
    (
        "round2/dev_22_sundsvall_delarsrapport_jan_apr_2018.txt",
        50,
        [44, 46],
        ["every other line: Sida", "every other line: form feed, header again"],
    ),
    # one cell per line (regionfakta): the break before a row's label cell
    ("text/dev_03_regionfakta_norrbotten_ekonomiskt_bistand.txt", 44, [], ["blank, Sida, blank"]),
    (
        "text/dev_03_regionfakta_norrbotten_ekonomiskt_bistand.txt",
        104,
        [],
        ["blank, Sida, blank", "blank, running footer, blank"],
    ),
]


@pytest.mark.parametrize(
    ("doc", "at", "header", "how"),
    [(d, a, h, how) for d, a, h, hows in CASES for how in hows],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_a_real_table_cut_by_a_page_break_reads_as_it_reads_whole(tmp_path, doc, at, header, how):
    lines = (CORPUS / doc).read_text(encoding="utf-8").split("\n")
    whole = parse([CORPUS / doc])
    head = [lines[h - 1] for h in header]
    cut = tmp_path / Path(doc).name
    cut.write_text("\n".join(_broken(lines, at, how, head)), encoding="utf-8")
    broken = parse([cut])
    assert _signature(broken.observations) == _signature(whole.observations)
    # what the break added is said, and only that: no row left unread, no new warning
    rep, was = broken.report, whole.report
    added = rep[rep["reason"].isin(SAID)]
    assert {PAGE_MARK, PAGE_HEAD} & set(added["reason"]) and (
        {JOINED, JOINED_REPEATED} & set(added["reason"])
    )
    assert set(added["severity"]) == {"info"}
    rest = rep[~rep["reason"].isin(SAID)]
    assert sorted(rest["reason"]) == sorted(was["reason"])
    # the furniture is no label anywhere
    for label in [*broken.observations["row_label"], *broken.observations["row_path"]]:
        assert "Sida" not in label and "(5)" not in label and not label.startswith("2 ")
        assert "delårsrapport" not in label


INVESTMENTS = (
    "Investeringsbudget 2020–2022, tkr\n\n"
    "Projekt Benämning Budget 2020 Plan 2021 Plan 2022\n"
    "1234 Ombyggnad Hagagården 1 200 2 000 500\n"
    "1235 Inventarier nytt LSS-boende 800 0 0\n"
    "1236 Larm och passersystem 350 350 350\n"
    "1237 Fordon hemtjänst 1 100 900 900\n"
    "{break}"
    "Solgården 400 0 0\n"
    "1242 Möbler gruppbostad 250 0 0\n"
    "Summa 4 100 3 250 1 750\n"
)


@pytest.mark.parametrize(
    "page_break",
    [
        "1241 Ombyggnad kök\nSida 3\n\n",  # the next project's number and name, then the break
        "Sida 3\n\n1241 Ombyggnad kök\n",  # the break, then the project's number and name
        "1241 Ombyggnad kök\n3 (17)\n\f",
    ],
)
def test_a_project_number_stays_with_its_own_row_across_a_page_break(tmp_path, page_break):
    (tmp_path / "inv.txt").write_text(INVESTMENTS.format(**{"break": page_break}), "utf-8")
    r = parse([tmp_path])
    obs = r.observations
    budget = obs[obs["column_label"] == "Budget 2020"]
    labels = dict(zip(budget["row_label"], budget["row_path"], strict=True))
    # the wrapped name is one row's label; it is no section over the rows below it
    assert labels["1241 Ombyggnad kök Solgården"] == "1241 Ombyggnad kök Solgården"
    assert labels["1242 Möbler gruppbostad"] == "1242 Möbler gruppbostad"
    assert budget["value"].tolist() == [1200, 800, 350, 1100, 400, 250, 4100]
    # the total sums all six projects, on both pages
    total = budget[budget["row_label"] == "Summa"]
    assert total["is_total"].tolist() == [True] and total["total_of"].tolist() == ["0;1;2;3;4;5"]
    assert not (r.report["severity"] == "warning").any()
    assert set(r.report["reason"]) == {PAGE_MARK, JOINED}


def test_a_blank_line_without_a_page_break_still_ends_a_table(tmp_path):
    # rows under no header after a blank line, with no page mark or form feed between:
    # not this table's (they are said as unread lines, never joined by guess)
    text = INVESTMENTS.format(**{"break": "\n"}).replace("Solgården 400 0 0", "1241 Kök 400 0 0")
    (tmp_path / "inv.txt").write_text(text, encoding="utf-8")
    r = parse([tmp_path])
    obs = r.observations
    assert not (obs["row_label"] == "1241 Kök").any()
    unread = r.report[r.report["reason"] == "tabellrad som inte lästes"]
    assert unread["line"].tolist() == [9, 10, 11]


def test_a_page_break_inside_a_table_of_cells_with_its_header_again(tmp_path):
    cells = [
        "Hushåll med ekonomiskt bistånd", "Kommun", "Hushåll", "Beslut",
        "Eskilstuna", "8 077", "2 609", "Norrköping", "1 200", "310",
        "\f4 (17)", "Kommun", "Hushåll", "Beslut",
        "Motala", "12", "1 001", "Linköping", "1 500", "700",
        "Summa", "10 789", "4 620", "Källa: egen sammanställning.",
    ]  # fmt: skip
    (tmp_path / "c.txt").write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    r = parse([tmp_path])
    obs = r.observations
    got = {(a, b): v for a, b, v in zip(obs.row_label, obs.column_label, obs.value, strict=True)}
    assert got[("Motala", "Beslut")] == 1001 and got[("Summa", "Hushåll")] == 10789
    assert obs.loc[obs.row_label == "Summa", "total_of"].tolist() == ["0;1;2;3", "0;1;2;3"]
    said = r.report[r.report["reason"].isin(SAID)]
    assert said["reason"].tolist() == [PAGE_MARK, *[HEADER_AGAIN] * 3, JOINED_REPEATED]
    assert said["line"].tolist() == [21, 23, 25, 27, 29]


def _investment_pdf(path: Path, ruled: bool = True) -> None:
    """Two pages of an investment budget (fpdf), ruled or laid out with spaces only: a
    project-number column, the header on page 1 only, 'Sida N (2)' at each page's foot,
    Summa without a number."""
    from fpdf import FPDF

    pages = [
        [("1234", "Ombyggnad Hagagården", "1 200", "2 000", "500"),
         ("1235", "Inventarier nytt LSS-boende", "800", "0", "0"),
         ("1236", "Larm och passersystem", "350", "350", "350"),
         ("1237", "Fordon hemtjänst", "1 100", "900", "900")],
        [("1238", "Välfärdsteknik", "600", "600", "600"),
         ("1239", "IT-stöd socialtjänst", "300", "300", "0"),
         ("1240", "Möbler gruppbostad", "250", "0", "0"),
         ("", "Summa", "4 600", "4 150", "2 350")],
    ]  # fmt: skip
    widths = [20, 70, 30, 30, 30]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", "", 10)

    def row(cells):
        for w, c in zip(widths, cells, strict=True):
            pdf.cell(w, 7, c, border=int(ruled), align="R" if w == 30 else "L")
        pdf.ln(7)

    for no, rows in enumerate(pages, start=1):
        pdf.add_page()
        if no == 1:
            pdf.cell(0, 10, "Investeringsbudget 2020-2022, tkr")
            pdf.ln(12)
            row(("Projekt", "Benämning", "Budget 2020", "Plan 2021", "Plan 2022"))
        for r in rows:
            row(r)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Sida {no} (2)", align="R")
    pdf.output(str(path))


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_project_number_is_not_glued_onto_the_next_row_after_a_page_break(tmp_path, ruled):
    # the table goes on on page 2 without its header; its Summa row has no project
    # number: it must not take 1240 from the row above ("1240 / Summa"), and unruled,
    # its values must stay under their columns (was "Summa / 4 600" with 4 150 under
    # Budget 2020)
    _investment_pdf(tmp_path / "investeringar.pdf", ruled)
    r = parse([tmp_path])
    obs = r.observations
    budget = obs[obs["column_label"] == "Budget 2020"]
    assert budget["row_label"].tolist()[-2:] == ["1240 / Möbler gruppbostad", "Summa"]
    assert budget["page"].tolist() == [1, 1, 1, 1, 2, 2, 2, 2]
    total = budget[budget["row_label"] == "Summa"]
    assert total["row_path"].tolist() == ["Summa"] and total["value"].tolist() == [4600]
    assert total["total_of"].tolist() == ["0;1;2;3;4;5;6"]  # all seven projects, both pages
    assert JOINED in set(r.report["reason"])


def test_a_code_column_is_never_filled_down_but_a_grouping_column_is(tmp_path):
    (tmp_path / "koder.txt").write_text(
        "Konto\tVerksamhet\tBudget 2024\tPlan 2025\n"
        "551\tMissbruksvård vuxna\t-109 250\t-110 000\n"
        "552\tBarn och unga\t-80 100\t-81 000\n"
        "553\tFamiljerätt\t-5 200\t-5 300\n"
        "\tSumma\t-194 550\t-196 300\n",
        encoding="utf-8",
    )
    (tmp_path / "grupper.txt").write_text(
        "Ålder\tKön\tAntal 2023\tAntal 2024\n"
        "0-12 år\tFlickor\t120\t130\n"
        "\tPojkar\t140\t150\n"
        "13-17 år\tFlickor\t90\t95\n"
        "\tPojkar\t110\t115\n",
        encoding="utf-8",
    )
    obs = parse([tmp_path]).observations
    labels = dict.fromkeys(obs["row_label"])
    assert "Summa" in labels and "553 / Summa" not in labels
    assert "0-12 år / Pojkar" in labels and "13-17 år / Pojkar" in labels


def test_laid_out_cells_keep_an_empty_leading_cell():
    from sonanalys.readers.render import laid_out_cells

    rows = laid_out_cells(
        [
            "1240    Möbler gruppbostad                  250          0           0",
            "        Summa                              4 600       4 150      2 350",
            "  därav inventarier                          100          0           0",
        ]
    )
    assert rows[1] == ["", "Summa", "4 600", "4 150", "2 350"]
    assert rows[2][0] == "därav inventarier"  # as many cells as the widest: as printed


_PLAN = (
    "Förslag Kostnadsreducering Tidsaspekt\n\n"
    "Systematisk uppföljning\nsamt genom att matcha rätt\ninsats\n\n4 mnkr 2021\n\n"
    "Akutboendeteam 1,5 mnkr 2021 (Dialog med\nLeanlink)\n"
    "{break}"
    "Färre externa placeringar 2 mnkr 2022\n\n"
    "Hemmaplanslösningar 0,5 mnkr 2021\n\nSumma 8 mnkr\n"
)


@pytest.mark.parametrize(
    "page_break",
    ["\n3 (17)\n\n", "\f3 (17)\n", "\nSida 3\n\n", "\nÅtgärdsplan SON 2021 3 (17)\n\n"],
)
def test_a_page_mark_between_an_action_plans_records_is_no_label(tmp_path, page_break):
    # an åtgärdsplan's loose records (readers/plain) over a page break: the page's mark
    # was the next record's label ("3 (17)": 2 mnkr) or the last one's remark
    (tmp_path / "plan.txt").write_text(_PLAN.format(**{"break": page_break}), "utf-8")
    r = parse([tmp_path])
    obs = r.observations
    assert obs["row_label"].tolist() == [
        "Systematisk uppföljning samt genom att matcha rätt insats",
        "Akutboendeteam",
        "Färre externa placeringar",
        "Hemmaplanslösningar",
        "Summa",
    ]
    assert obs["value"].tolist() == [4, 1.5, 2, 0.5, 8]
    assert obs["total_of"].tolist()[-1] == "0;1;2;3"
    rep = r.report
    assert rep["reason"].tolist() in ([PAGE_MARK], [PAGE_HEAD])
    assert rep["severity"].tolist() == ["info"]


def test_a_running_footer_between_two_parts_of_a_tab_table_joins_them(tmp_path):
    (tmp_path / "t.txt").write_text(
        "Konto\tVerksamhet\tBudget 2024\tPlan 2025\n"
        "551\tMissbruksvård vuxna\t-109 250\t-110 000\n"
        "552\tBarn och unga\t-80 100\t-81 000\n\n"
        "Socialnämnden, internbudget 2024 4 (12)\n\n"
        "553\tFamiljerätt\t-5 200\t-5 300\n"
        "\tSumma\t-194 550\t-196 300\n",
        encoding="utf-8",
    )
    r = parse([tmp_path])
    obs = r.observations
    total = obs[(obs["row_label"] == "Summa") & (obs["column_label"] == "Budget 2024")]
    assert total["total_of"].tolist() == ["0;1;2"]  # the rows of both pages
    assert JOINED in set(r.report["reason"])


def test_a_code_column_in_a_table_of_cells_stays_with_its_rows_across_a_page_break(tmp_path):
    # one cell per line, as a web page's or a PDF's investment table is copied: each
    # project's number stands on the line above its name; before, the first number was
    # taken for a value of the header ('Plan 2021' = 1234) and the table read no further
    cells = [
        "Investeringsbudget 2020-2022, tkr", "Projekt", "Benämning", "Budget 2020", "Plan 2021",
        "1234", "Ombyggnad Hagagården", "1 200", "2 000",
        "1235", "Inventarier LSS-boende", "800", "0",
        "Sida 3",
        "1238", "Välfärdsteknik", "600", "600",
        "Summa", "2 600", "2 600",
        "Källa: egen sammanställning.",
    ]  # fmt: skip
    (tmp_path / "c.txt").write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    r = parse([tmp_path])
    obs = r.observations
    budget = obs[obs["column_label"] == "Budget 2020"]
    assert budget["row_label"].tolist() == [
        "1234 / Ombyggnad Hagagården",
        "1235 / Inventarier LSS-boende",
        "1238 / Välfärdsteknik",
        "Summa",
    ]
    assert budget["value"].tolist() == [1200, 800, 600, 2600]
    assert budget["total_of"].tolist()[-1] == "0;1;2"
    assert not (r.report["severity"] == "warning").any()


def test_a_list_of_cells_with_four_digit_values_has_no_code_column(tmp_path):
    # one value per row: "1234" after a name is a value, as the rows below show
    cells = ["Kommun", "Hushåll", "Arjeplog", "1234", "Arvidsjaur", "4093", "Boden", "573",
             "Gällivare", "2 210", "Källa: SCB."]  # fmt: skip
    (tmp_path / "c.txt").write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    obs = parse([tmp_path]).observations
    assert dict(zip(obs["row_label"], obs["value"], strict=True)) == {
        "Arjeplog": 1234, "Arvidsjaur": 4093, "Boden": 573, "Gällivare": 2210,
    }  # fmt: skip


def test_an_unruled_pdf_header_without_a_stub_cell_keeps_its_columns(tmp_path):
    # a header printed over the value columns only (nothing over the labels): before, its
    # cells moved left onto the label column, and every value stood under the next
    # column's name (77 800 under 'Plan 2021', 81 900 lost)
    from fpdf import FPDF

    rows = [("", "Budget 2020", "Plan 2021", "Plan 2022"),
            ("Individ- och familjeomsorg", "12 400", "13 100", "13 500"),
            ("Äldreomsorg", "45 300", "46 100", "47 000"),
            ("Funktionshinder", "20 100", "21 000", "21 400"),
            ("Summa", "77 800", "80 200", "81 900")]  # fmt: skip
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 10, "Driftbudget, tkr")
    pdf.ln(12)
    pdf.set_font("Helvetica", "", 10)
    for r in rows:
        for w, c in zip([70, 30, 30, 30], r, strict=True):
            pdf.cell(w, 7, c, align="R" if w == 30 else "L")
        pdf.ln(7)
    pdf.output(str(tmp_path / "drift.pdf"))
    obs = parse([tmp_path]).observations
    total = obs[obs["row_label"] == "Summa"]
    assert dict(zip(total["column_label"], total["value"], strict=True)) == {
        "Budget 2020": 77800, "Plan 2021": 80200, "Plan 2022": 81900,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a one-value list with the page's mark between its rows: passed over, said
        ("Hushåll med ekonomiskt bistånd\n\nEskilstuna 8 077\nNorrköping 2 609\nSida 3\n"
         "Linköping 1 200\nMotala 310\n", [5]),
        # ... or after its last row: the list ends there
        ("Hushåll med ekonomiskt bistånd\n\nEskilstuna 8 077\nNorrköping 2 609\n"
         "Linköping 1 200\nMotala 310\nSida 3\n", []),
        # a space-separated table ending at the page's mark
        ("Kommun Hushåll\nEskilstuna 8 077\nNorrköping 2 609\nLinköping 1 200\nMotala 310\n"
         "Sida 3\n", []),
    ],
)  # fmt: skip
def test_a_page_mark_is_never_a_row_with_a_value(tmp_path, text, said):
    # before, 'Sida 3' was a row 'Sida' with the value 3: an invented observation
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    r = parse([tmp_path])
    obs = r.observations
    assert obs["row_label"].tolist() == ["Eskilstuna", "Norrköping", "Linköping", "Motala"]
    assert r.report.loc[r.report["reason"] == PAGE_MARK, "line"].tolist() == said
