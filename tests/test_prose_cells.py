"""A table's cell of running text (a comment cell) is read by the same sentence rules as
the document's running text (prose.cell_reading, called from tables._values): a count
noun after a number, a subject that names the measure, a count listed by its parts, a
count in words. Values printed with a unit stay as the cell reads them; a number no rule
reads is still reported by the table ('tal i löptext utan enhet')."""

from __future__ import annotations

from tests.conftest import SEEDS, pick

from sonanalys import prose
from sonanalys.observations import parse

COMMENT = (
    "Uppdraget innehåller flera delar. Antalet placerade barn var 41 under 2022. 11 är "
    "asylsökande och 30 är kommunplacerade. Kostnaden blev 3 mnkr. Se bilaga 2."
)


def test_a_comment_cell_counts_families_as_the_running_text_would(obs, report):
    # 004 line 611, the comment cell of Beslutad åtgärd 2: "… I dagsläget finns 5
    # mentorsfamiljer och 13 länkfamiljer som får stöd av dessa." (the old code reported
    # both as 'tal i löptext utan enhet')
    rows = pick(obs, source=SEEDS["004"], line=611, table_id="T25")
    assert sorted((r.value, r.unit, r.row_label) for r in rows.itertuples()) == [
        (5.0, "antal", "Kommentar"),
        (13.0, "antal", "Kommentar"),
    ]
    assert pick(report, source=SEEDS["004"], line=611).empty


def test_a_comment_cell_reads_counts_in_words(obs):
    # 003 line 160 (Bedömning av måluppfyllelse): "Förvaltningen ska vid utgången av 2018
    # ha genomfört minst fem insatser …"; 004 line 614: "… (sju ärenden) … för dessa sju
    # ungdomar på ca 3,9 mnkr …"
    five = pick(obs, source=SEEDS["003"], line=160, value=5.0)
    assert [(r.unit, r.qualifier) for r in five.itertuples()] == [("antal", ">=")]
    seven = pick(obs, source=SEEDS["004"], line=614, value=7.0)
    assert list(seven.unit) == ["antal", "antal"]
    assert list(seven.table_id) == ["T25", "T25"]


def test_cell_reading_applies_the_sentence_rules():
    got = [
        (q.value, q.unit, q.category, q.year, COMMENT[q.start : q.end])
        for q in prose.cell_reading(COMMENT).quantities
    ]
    assert got == [
        (41.0, "antal", "", 2022, "41"),  # the subject names the count
        (11.0, "antal", "asylsökande", 2022, "11"),  # parts of the 41, of its year
        (30.0, "antal", "kommunplacerade", 2022, "30"),
        (3.0, "mnkr", "", None, "3 mnkr"),
        (2.0, "", "", None, "2"),  # no rule reads it: the table reports it
    ]


def test_a_table_comment_cell_is_read_and_its_unread_number_reported(write):
    doc = write(
        "plan.txt",
        "Åtgärdsplan 2022\n\n"
        "| Åtgärd | Effekt, mnkr |\n"
        "|---|---|\n"
        "| Hemmaplanslösningar | 1,5 |\n"
        f"| Kommentar | {COMMENT} Arbetet följs upp varje månad av nämnden och "
        "förvaltningen tillsammans. |\n",
    )
    result = parse([doc])
    o = result.observations
    comment = o[o["row_label"] == "Hemmaplanslösningar / Kommentar"]
    got = sorted((r.value, r.unit, r.category) for r in comment.itertuples())
    assert got == [
        (3.0, "mnkr", ""),
        (11.0, "antal", "asylsökande"),
        (30.0, "antal", "kommunplacerade"),
        (41.0, "antal", ""),
    ]
    said = result.report
    assert list(said["token"]) == ["2"] and set(said["reason"]) == {"tal i löptext utan enhet"}
