"""An accounting system's result report (Konto | Benämning | Period | Ackumulerat |
Period fg år), as an economist prints one for a månadsrapport: accounts in groups, each
group under its name and closed by its sum line, the column header printed once over
the first group; a total printed without the account code its stub's other rows have.
Three rules it needed, on tables and a PDF built here (the real documents:
tests/corpus/found, Kalmar Nation's Resultatrapport and a samfällighet's Resultaträkning
printed by Hansa)."""

from __future__ import annotations

from pathlib import Path

from sonanalys.continuation import CARRIED
from sonanalys.observations import parse

PERIOD = ["Period", "Ackumulerat", "Period fg år"]


def _parse(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse([path])


def test_a_total_without_the_stubs_code_cell_stands_in_the_value_column(tmp_path):
    # 'Rörelseresultat | -17 599,93' has one cell fewer than 'Konto | Benämning |
    # Ackumulerat': its value stood in the Benämning column, read into the row's label
    # ('Rörelseresultat / -17 599,93') and never said. A page's foot beside its mark
    # ('Sida: 1') is no value
    res = _parse(
        tmp_path,
        "resultat.txt",
        "Resultaträkning\n\nKonto\tBenämning\tAckumulerat\n3800\tMedlemsavgifter\t731 961,00\n"
        "3810\tSlutreglering\t30 504,42\nSumma intäkter\t\t762 465,42\n"
        "Rörelseresultat\t-17 599,93\nSidfot\tSida: 1\n",
    )
    o = res.observations
    got = {r.row_label: (r.column_label, r.value) for r in o.itertuples()}
    assert got == {
        "3800 / Medlemsavgifter": ("Ackumulerat", 731961.0),
        "3810 / Slutreglering": ("Ackumulerat", 30504.42),
        "Summa intäkter": ("Ackumulerat", 762465.42),
        "Rörelseresultat": ("Ackumulerat", -17599.93),
    }
    said = res.report[res.report["line"] == 7]
    assert said["reason"].str.startswith("raden har färre celler än tabellen").tolist() == [True]


def test_a_short_row_of_as_many_values_as_value_columns(tmp_path):
    # three values beside a total's name in a table of two stub columns and three value
    # columns: they fill the three value columns, right-aligned, the code cell empty
    res = _parse(
        tmp_path,
        "rapport.txt",
        "Resultatrapport\n\nKonto\tBenämning\tPeriod\tAckumulerat\tPeriod fg år\n"
        "3900\tÖvriga intäkter\t118 657,44\t118 657,44\t17 106,00\n"
        "3911\tHyresintäkter\t10 500,00\t10 500,00\t7 800,00\n"
        "Summa övriga intäkter\t129 157,44\t129 157,44\t24 906,00\n",
    )
    o = res.observations
    total = o[o["row_label"] == "Summa övriga intäkter"]
    assert dict(zip(total["column_label"], total["value"], strict=True)) == {
        "Period": 129157.44,
        "Ackumulerat": 129157.44,
        "Period fg år": 24906.0,
    }


def test_a_period_column_of_amounts_is_a_value_column_a_period_of_years_dates_rows(tmp_path):
    # 'Period' over amounts is the period's figure (it was taken as a column that dates
    # its row, each amount said as a number in a time); 'Period' over years still dates
    # the row and is no value
    res = _parse(
        tmp_path,
        "period.txt",
        "Resultat\n\nKonto\tBenämning\tPeriod\tAckumulerat\n3005\tTerminsavgift\t556 091,68\t"
        "556 091,68\n3010\tFörsäljning\t885 792,69\t885 792,69\n",
    )
    o = res.observations
    assert sorted(o.loc[o["column_label"] == "Period", "value"]) == [556091.68, 885792.69]
    assert not res.report["reason"].eq("tal i tidsangivelse").any()
    dated = _parse(
        tmp_path,
        "atgarder.txt",
        "Åtgärder\n\nÅtgärd\tPeriod\tEffekt mnkr\nFärre placeringar\t2024\t1,5\n"
        "Egen regi\t2025\t2,0\n",
    ).observations
    assert sorted(zip(dated["year"], dated["value"], strict=True)) == [(2024, 1.5), (2025, 2.0)]
    assert "Period" not in set(dated["column_label"])


def _report_pdf(path: Path) -> Path:
    """Two groups of accounts under one header (fpdf, unruled, 9 points): each group's
    name, its rows (code, name, three amounts right-aligned under the header), its sum
    line."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("Helvetica", "", 9)
    anchors = [330.0, 420.0, 510.0]

    def right(x: float, y: float, s: str) -> None:
        pdf.text(x - pdf.get_string_width(s), y, s)

    groups = [
        (
            "Verksamhetsintäkter",
            [
                ("3010", "Försäljning", ["885 792,69", "885 792,69", "581 443,54"]),
                ("3020", "Avgifter", ["267 062,85", "267 062,85", "253 328,91"]),
            ],
            ("Summa verksamhetsintäkter", ["1 152 855,54", "1 152 855,54", "834 772,45"]),
        ),
        (
            "Övriga intäkter",
            [
                ("3900", "Övriga rörelseintäkter", ["118 657,44", "118 657,44", "17 106,00"]),
                ("3911", "Hyresintäkter", ["10 500,00", "10 500,00", "7 800,00"]),
            ],
            ("Summa övriga intäkter", ["129 157,44", "129 157,44", "24 906,00"]),
        ),
    ]
    pdf.add_page()
    pdf.text(40, 50, "Resultatrapport")
    y = 80.0
    for x, h in zip(anchors, PERIOD, strict=True):
        right(x, y, h)
    for name, rows, (total, sums) in groups:
        y += 26
        pdf.text(40, y, name)
        for code, label, values in rows:
            y += 13
            pdf.text(52, y, code)
            pdf.text(90, y, label)
            for x, v in zip(anchors, values, strict=True):
                right(x, y, v)
        y += 20
        pdf.text(40, y, total)
        for x, v in zip(anchors, sums, strict=True):
            right(x, y, v)
    pdf.output(str(path))
    return path


def test_a_group_without_a_header_of_its_own_reads_under_the_header_above(tmp_path):
    # the second group stands as a table of its own after the first group's sum line and
    # its name: it had no column names (and 'Period' dated rows: its amounts were said
    # as numbers in a time). Now both groups read under 'Period | Ackumulerat | Period
    # fg år', the second said so; the sum lines, set from the table's left edge over the
    # codes' column, were said unread and are read as the groups' totals since
    # pdf_layout._leading_code (test_pdf_account_totals)
    res = parse([_report_pdf(tmp_path / "resultatrapport.pdf")])
    o = res.observations
    second = o[o["row_label"] == "3911 / Hyresintäkter"]
    assert dict(zip(second["column_label"], second["value"], strict=True)) == {
        "Period": 10500.0,
        "Ackumulerat": 10500.0,
        "Period fg år": 7800.0,
    }
    assert set(o["column_label"]) == set(PERIOD) and len(o) == 18
    assert res.report["reason"].eq(CARRIED).sum() == 1
    totals = o[o["is_total"].astype(bool)]
    assert list(zip(totals["row_label"], totals["column_label"], totals["value"], strict=True)) == [
        ("Summa verksamhetsintäkter", "Period", 1152855.54),
        ("Summa verksamhetsintäkter", "Ackumulerat", 1152855.54),
        ("Summa verksamhetsintäkter", "Period fg år", 834772.45),
        ("Summa övriga intäkter", "Period", 129157.44),
        ("Summa övriga intäkter", "Ackumulerat", 129157.44),
        ("Summa övriga intäkter", "Period fg år", 24906.0),
    ]
    unread = res.report[res.report["reason"] == "tabellrad som inte lästes"]
    assert unread.empty


def test_a_sum_line_set_apart_below_its_group_reads_as_the_groups_last_row(tmp_path):
    # Hansa sets 'Summa RÖRELSEINTÄKTER' apart between blank lines, outside the
    # columns: a total's label and as many amounts as the table's rows end in. It was
    # taken for a heading and its amount said as unread; it is the table's last row
    from sonanalys.continuation import SUM_BELOW

    res = _parse(
        tmp_path,
        "hansa.txt",
        "Resultaträkning\n\nKonto\tBenämning\tAckumulerat\nRÖRELSEINTÄKTER\t\t\n"
        "3800\tMedlemsavgifter\t731 961,00\n3810\tSlutreglering\t30 504,42\n"
        "Summa övriga intäkter\t\t762 465,42\n\n\n"
        "Summa RÖRELSEINTÄKTER                       762 465,42\n\n"
        "RÖRELSEKOSTNADER\n\n6091\tVatten\t-149 469,00\n",
    )
    o = res.observations
    total = o[o["row_label"] == "Summa RÖRELSEINTÄKTER"]
    assert list(zip(total["line"], total["column_label"], total["value"], strict=True)) == [
        (10, "Ackumulerat", 762465.42)
    ]
    assert bool(total["is_total"].iloc[0])
    said = res.report[res.report["reason"] == SUM_BELOW]
    assert list(zip(said["line"], said["token"], strict=True)) == [(10, "Summa RÖRELSEINTÄKTER")]
    assert not res.report["reason"].str.startswith("belopp som ingen tabell").any()


def test_a_line_below_a_table_that_is_no_sum_line_stays_as_it_was(tmp_path):
    # a label that names no total, or fewer amounts than the rows end in: not the
    # table's row (said as before)
    res = _parse(
        tmp_path,
        "rapport.txt",
        "Resultatrapport\n\nKonto\tBenämning\tPeriod\tAckumulerat\n"
        "3900\tÖvriga intäkter\t118 657,44\t118 657,44\n"
        "3911\tHyresintäkter\t10 500,00\t10 500,00\n\n"
        "Summa övriga intäkter               129 157,44\n\n"
        "Nettoöverskott                129 157,44  129 157,44\n",
    )
    labels = set(res.observations["row_label"])
    assert labels == {"3900 / Övriga intäkter", "3911 / Hyresintäkter"}


def test_a_groups_sum_is_checked_over_every_account_whatever_its_name_says(tmp_path):
    # an account's name gives it a kind its column does not ('Förbrukning material':
    # förbrukning, 'Förändring lager': förändring); the table's tree sums it into its
    # group's sum, and the check sums the same rows: no false 'avvikelse'
    from sonanalys import domain

    res = _parse(
        tmp_path,
        "kostnader.txt",
        "Resultatrapport\n\nKonto\tBenämning\tPeriod\tAckumulerat\n"
        "5010\tHyra\t-246 597,00\t-246 597,00\n"
        "5460\tFörbrukning material\t-252 648,75\t-252 648,75\n"
        "4901\tFörändring lager\t-10 000,00\t-10 000,00\n"
        "Summa övriga externa kostnader\t\t-509 245,75\t-509 245,75\n",
    )
    assert set(res.observations["value_kind"]) >= {"förbrukning", "förändring"}
    c = domain.build(res.observations, res.cells)["checks"]
    assert list(zip(c["n_parts"], c["status"], strict=True)) == [(3, "ok"), (3, "ok")]
