"""A numbered list is no table of values: a list item's number (``3. Protokollsutdrag``)
counts the items, a paragraph's number after ``§`` is a reference, and a year after a
label that ends in ``året`` is said, not read. A table whose measures are numbered keeps
its labels and reads its amounts."""

from __future__ import annotations

from sonanalys.observations import parse
from sonanalys.tables import PARAGRAPH_NUMBER, YEAR_AFTER_LABEL


def test_a_list_of_documents_gives_no_values(write):
    # a revisionsberättelse's "Handlingar", set with tab stops as Word prints them
    result = parse(
        [
            write(
                "dokument.txt",
                (
                    "Revisorernas granskning\n\n"
                    "Handlingar\n"
                    "1. Grundskoleförvaltningens tjänsteutlåtande, daterat 2025-03-26\n"
                    "2. Granskning av grundskolenämnden verksamhetsåret        2024\n"
                    "3. Protokollsutdrag GSN 2024-03-26 §                       59\n"
                    "4. Protokollsutdrag GSN 2024-05-21 §                       99\n\n"
                    "Nämnden har tagit del av handlingarna.\n"
                ),
            )
        ]
    )
    assert result.observations.empty  # (2, 3, 4, 2024, 59 and 99 were values)
    said = result.report.set_index("line")["reason"]
    assert said[6] == said[7] == PARAGRAPH_NUMBER
    assert said[5] == YEAR_AFTER_LABEL


def test_numbered_measures_keep_their_labels_and_amounts(write):
    result = parse(
        [
            write(
                "dokument.txt",
                (
                    "Åtgärder 2024\n\n"
                    "Åtgärd                                   Effekt 2024\n"
                    "1. Minskade externa placeringar          -2,0\n"
                    "2. Hemmaplanslösningar                   -1,5\n"
                    "3. Översyn av bemanning                  -0,8\n"
                    "Summa                                    -4,3\n\n"
                    "Beloppen är i mnkr.\n"
                ),
            )
        ]
    )
    obs = result.observations
    # the items' numbers were read as values (1, 2, 3) and the labels lost
    assert list(zip(obs.row_label, obs.value, strict=True)) == [
        ("1. Minskade externa placeringar", -2.0),
        ("2. Hemmaplanslösningar", -1.5),
        ("3. Översyn av bemanning", -0.8),
        ("Summa", -4.3),
    ]


def test_a_paragraph_number_in_a_table_of_amounts_is_a_reference(write):
    # a decision's paragraph set apart beside amounts: the amounts read, the § not
    result = parse(
        [
            write(
                "dokument.txt",
                (
                    "Beslut                         Belopp, mnkr\n"
                    "Ramökning, KF 2024-03-26 §     59\n"
                    "Kompensation pensioner         90\n"
                    "Kulturskolan                   10\n"
                ),
            )
        ]
    )
    obs = result.observations
    assert list(zip(obs.row_label, obs.value, strict=True)) == [
        ("Kompensation pensioner", 90.0),
        ("Kulturskolan", 10.0),
    ]
    assert (result.report.reason == PARAGRAPH_NUMBER).sum() == 1
