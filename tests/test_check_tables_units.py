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
