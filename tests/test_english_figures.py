"""A table that writes its figures in English form (``3,983,166.42``: a comma between
thousands, a decimal point), as a report written in Google Docs or an English
spreadsheet prints them: read by that convention where one figure settles it, and the
parse report says so once; where none settles it (``2,616`` alone is 2,616 or 2 616),
or where a Swedish figure stands beside them, nothing is guessed."""

from __future__ import annotations

from sonanalys.conservation import account
from sonanalys.observations import parse
from sonanalys.tables import ENGLISH_FIGURES


def test_english_figures_are_read_by_their_convention_and_said(write):
    r = parse(
        [
            write(
                "resultat.csv",
                (
                    "Resultaträkning;2025;2024\n"
                    "Nettoomsättning;3,983,166.42;2,976,617.24\n"
                    "Övriga rörelseintäkter;282,485.72;148,066.10\n"
                    "Övriga ränteintäkter;661.89;2,616\n"
                    "Övriga rörelsekostnader;-93.44;-3.55\n"
                ),
            )
        ]
    )
    o = r.observations
    got = dict(zip(zip(o["row_label"], o["year"], strict=True), o["value"], strict=True))
    assert got == {
        ("Nettoomsättning", 2025): 3983166.42,
        ("Nettoomsättning", 2024): 2976617.24,
        ("Övriga rörelseintäkter", 2025): 282485.72,
        ("Övriga rörelseintäkter", 2024): 148066.10,
        ("Övriga ränteintäkter", 2025): 661.89,
        ("Övriga ränteintäkter", 2024): 2616.0,  # settled by the table: 2 616
        ("Övriga rörelsekostnader", 2025): -93.44,
        ("Övriga rörelsekostnader", 2024): -3.55,
    }
    # the text as printed stays the observation's
    assert o["cell_text"].iloc[0] == "3,983,166.42"
    said = r.report[r.report["reason"] == ENGLISH_FIGURES]
    assert list(said["line"]) == [2]
    assert not r.report["reason"].str.contains("oklart|flera decimalkomman").any()
    acc = account(r)
    assert acc.lost == [] and acc.not_printed == []


def test_english_figures_no_figure_settles_are_not_guessed(write):
    # '2,616' and '1,234' alone: 2,616 in Swedish, or 2 616 in English; nothing says
    r = parse([write("resultat.csv", "Post;2025\nA;2,616\nB;1,234\n")])
    assert not (r.report["reason"] == ENGLISH_FIGURES).any()
    assert 2616.0 not in set(r.observations["value"])


def test_a_swedish_figure_beside_english_ones_leaves_the_table_as_it_is(write):
    r = parse([write("resultat.csv", "Post;2025;2024\nA;1,234.50;12,5\nB;3,983,166.42;7\n")])
    assert not (r.report["reason"] == ENGLISH_FIGURES).any()
    assert 1234.5 not in set(r.observations["value"])
    assert 3983166.42 not in set(r.observations["value"])
