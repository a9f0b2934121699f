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
