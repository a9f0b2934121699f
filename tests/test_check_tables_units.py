"""domain.checks.check_tables on documents whose table figures are none of them additive
(fees per day and per month, shares): nothing to check, never a crash. A folder with
only dev_11 printed as a PDF (its values in kr/dygn and kr/månad) stopped `sonanalys
parse` with KeyError: 'total_of' — a list of no keys selected no columns."""

from __future__ import annotations

from pathlib import Path

from sonanalys.domain.checks import check_tables
from sonanalys.observations import parse

PRINTED = Path(__file__).parent / "corpus" / "printed"


def test_a_document_without_additive_figures_has_no_table_checks():
    o = parse([PRINTED / "dev_11_vaxholm_egenavgifter_hvb.pdf"]).observations
    tables = o[o["table"] != "text"]
    assert len(tables) and set(tables["unit"]) <= {"kr/dygn", "kr/månad"}
    assert check_tables(o, set()).empty


def test_a_column_with_and_without_years_is_checked_not_a_crash():
    # Simrishamn's budgetskrivelse (its 26 pages): 'Investeringsutgift | 2027 1 000 tkr.
    # 2028 500 tkr. … totala … 5 000 tkr' gives one column values with a year and one
    # without; the groups' keys held 2027 beside '' and sorting them stopped `parse`
    # with TypeError: '<' not supported between instances of 'str' and 'int'
    import pandas as pd

    from sonanalys.domain.checks import check_totals

    rows = []
    for year, parts, total in (("", (100.0, 50.0), 150.0), (2027, (10.0, 5.0), 15.0)):
        for k, v in enumerate((*parts, total)):
            rows.append(
                {
                    "source": "b.pdf",
                    "table_id": "T01",
                    "table": "Investeringar",
                    "column_label": "Belopp",
                    "year_group": year,
                    "row_label": ["Ett", "Två", "Summa"][k],
                    "unit": "tkr",
                    "value": v,
                    "cell_text": str(v),
                    "line": k + 1 + (10 if year else 0),
                    "row_order": k,
                    "total_of": "0;1" if k == 2 else None,
                }
            )
    out = check_totals(pd.DataFrame(rows), "tabell", "value", ["column_label", "year_group"])
    assert out["status"].tolist() == ["ok", "ok"]


def _rows(labels_values, total_of=None):
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "source": "r.pdf",
                "table_id": "T03",
                "table": "",
                "column_label": "Ackumulerat",
                "year_group": "",
                "row_label": label,
                "unit": "",
                "value": v,
                "cell_text": f"{v:.3f}".replace(".", ","),
                "line": k + 1,
                "row_order": k,
                "total_of": (total_of or {}).get(k),
            }
            for k, (label, v) in enumerate(labels_values)
        ]
    )


def test_a_total_of_groups_printed_as_tables_of_their_own_is_no_alarm():
    # an accounting report's last group as a table: its own sum, then the sum of every
    # group's sum ('Summa intäkter'), the other groups in the tables before it
    from sonanalys.domain.checks import check_totals

    df = _rows(
        [
            ("3990 Övriga intäkter", 200.0),
            ("3999 Öresavrundning", 82.5),
            ("Summa övriga intäkter", 282.5),
            ("Summa intäkter", 4265.5),
        ]
    )
    out = check_totals(df, "tabell", "value", ["column_label", "year_group"])
    assert list(zip(out["total_label"], out["status"], strict=True)) == [
        ("Summa övriga intäkter", "ok")
    ]


def test_a_total_the_tree_proves_over_one_filled_group_is_still_checked():
    # the tree names two groups' sums; one is empty in this column, and the document's
    # figure is 0,003 off the other: a real difference, said
    from sonanalys.domain.checks import check_totals

    df = _rows(
        [
            ("Projekt A", 10.0),
            ("Projekt B", 5.127),
            ("Summa pågående projekt", 15.127),
            ("Summa investeringsprojekt", 15.13),
        ],
        total_of={2: "0;1", 3: "2"},
    )
    out = check_totals(df, "tabell", "value", ["column_label", "year_group"])
    assert list(zip(out["total_label"], out["status"], strict=True)) == [
        ("Summa pågående projekt", "ok"),
        ("Summa investeringsprojekt", "avvikelse"),
    ]
