"""Tables of a real PDF drawn with shaded cells (tests/corpus/pdf: Göteborgs Stad,
Intraservice, delårsrapport mars 2026): nested and spacer cells become one grid, labels
wrapped over several lines are one label, headers span and wrap, nothing is read twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys.observations import parse
from sonanalys.readers.pdf import grid

PDF = Path(__file__).parent / "corpus" / "pdf"


@pytest.fixture(scope="module")
def goteborg():
    r = parse([PDF])
    return r.observations, r.report


def values(obs, page, row, col):
    o = obs[(obs["page"] == page) & (obs["row_label"] == row) & (obs["column_label"] == col)]
    return o["value"].tolist()


def test_a_shaded_table_is_read_once_with_its_wrapped_labels(goteborg):
    obs, report = goteborg
    # p. 14: "- Kommunikation," / "ledning och styrning" is one row; its values stand in
    # an outer and an inner shaded cell, and are read once
    row = "- Kommunikation, ledning och styrning"
    assert values(obs, 14, row, "Utfall / kostnader / period") == [-22.1]
    assert values(obs, 14, "Total förvaltning och förändringsinitiativ", "Resultat period") == [
        27.9
    ]
    dm = "Digital infrastruktur, Demokrati- och Medborgarservice (DM)"  # over four lines
    assert values(obs, 14, dm, "Budget / kostnader / period") == [-7.8]
    p14 = obs[obs["page"] == 14]
    assert not p14.duplicated(["line", "row_label", "column_label"]).any()
    assert len(p14[p14["table_id"] == p14["table_id"].iloc[0]]) == 14 * 5  # 14 rows, 5 columns
    # the table's text is not read again below it
    assert not (report["reason"] == "tabellrad som inte lästes").any()


def test_header_cells_span_wrap_and_join_hyphenated_words(goteborg):
    obs, _ = goteborg
    # p. 11: "Period" and "Helår" each span four columns; "Avvik" / "else" stacked
    assert values(obs, 11, "Intäkter", "Period / Avvik / else") == [-2.1]
    assert values(obs, 11, "Intäkter", "Helår / Prognos") == [1513.3]
    # p. 14: "Resultat period" is not spanned by "kostnader" to its left: a row above
    # separates the columns
    assert values(obs, 14, "Totalt", "Resultat period") == [22.5]
    # p. 16: "Prognos-" / "avvikelse" / "mot budget" / "helår", one cell a line
    assert values(obs, 16, "Totalt", "Prognosavvikelse / mot budget / helår") == [0.0]
    assert values(obs, 16, "Totalt", "Prognos intäkter helår") == [-1633.7]  # as printed
    # p. 19: "2024/2025" in a header is a split year, not a value
    assert values(obs, 19, "Handläggare", "Förändring / åa / 2024/2025") == [23.4]


def test_grid_makes_columns_from_where_text_stands():
    # the cells of p. 14's "- Kommunikation," row as pdfplumber gives them: outer and
    # inner shaded cells with the same text, five-point borders as columns of their own
    rows = [
        [("Tjänster", (99, 101, 206, 139)), ("", (206, 101, 211, 139)),
         ("Utfall", (211, 101, 250, 115)), ("Resultat period", (312, 101, 369, 139))],
        [("- Kommunikation,", (105, 190, 200, 206)), ("24,5", (206, 190, 255, 217)),
         ("24,5", (211, 190, 250, 206)), ("2,4", (312, 190, 369, 217)),
         ("2,4", (318, 190, 363, 206))],
        [("ledning och styrning", (105, 206, 200, 217)), ("", (206, 206, 255, 217))],
    ]  # fmt: skip
    assert grid(rows) == [
        ["Tjänster", "Utfall", "Resultat period"],
        ["- Kommunikation, ledning och styrning", "24,5", "2,4"],
    ]
