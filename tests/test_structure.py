"""Tables as structures: each value's row order, path and depth, which rows are totals
and which rows each total sums (proven by the table's own arithmetic), the root total
(the bottom line), on the embedded documents and on generated tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, pick
from sonanalys import domain
from sonanalys.numparse import format_sv
from sonanalys.observations import parse
from sonanalys.structure import StructRow, allowance, find_totals, is_total_label, root


def _rows(obs, source: str, first: int, last: int):
    o = obs[(obs["source"] == source) & obs["line"].between(first, last)]
    return o.drop_duplicates("line").set_index("line")


def test_orebro_result_table_root_is_the_bottom_line(obs):
    # data/raw/004…, lines 317–324: two rows "Nettokostnad". The first (322) sums the
    # own units without "Ensamkommande" (321) in every column (-311,8 ≈ -311,9; -361,7);
    # the bottom line (324) sums Ensamkommande, that subtotal and the external care
    # (4,5 - 311,9 - 329,7 = -637,1, exactly, in every column): the root
    t = _rows(obs, SEEDS["004"], 317, 324)
    assert t["row_order"].tolist() == list(range(8))
    assert t.loc[324, "is_total"] and t.loc[324, "is_root"]
    assert t.loc[324, "total_of"] == "4;5;6"
    assert t.loc[322, "is_total"] and not t.loc[322, "is_root"]
    assert t.loc[322, "total_of"] == "0;1;2;3"
    assert not t.loc[[317, 318, 319, 320, 321, 323], "is_total"].any()
    assert (t["level"] == 0).all()
    assert t.loc[324, "column_path"] == "Bokslut 2022, mnkr"


def test_a_total_that_does_not_add_up_is_reported(report):
    # 000 line 106: "Summa" of the plan's measures does not add up to them
    r = pick(report, source=SEEDS["000"], line=106)
    assert r["reason"].str.startswith("summaraden stämmer inte").tolist() == [True]
    assert pick(report, source=SEEDS["004"], line=322).empty


def test_budget_frame_names_the_root(seeds_result):
    frames = domain.build(seeds_result.observations, seeds_result.cells)
    b = frames["budget"]
    b = b[(b["source"] == SEEDS["004"]) & b["line"].between(317, 324)]
    roots = b[b["is_root"]]
    assert set(roots["line"]) == {324}
    dev = roots[(roots["value_kind"] == "avvikelse") & (roots["period"] == "helår")]
    assert dev["value_mnkr"].tolist() == [-81.5]
    # the subtotal is a total by its name, but no root
    assert b[b["line"] == 322]["is_total"].all()
    assert not b[b["line"] == 322]["is_root"].any()


def test_internbudget_summary_names_four_areas(seeds_result):
    # data/raw/002…, lines 522–527: a summary of four plans, each row equal to the
    # bottom line of one plan's own table: the plan's measures take its name as area
    frames = domain.build(seeds_result.observations, seeds_result.cells)
    a = frames["atgarder"]
    a = a[(a["source"] == SEEDS["002"]) & (a["level"] == "åtgärd") & a["line"].between(440, 510)]
    per_measure = a.drop_duplicates("measure").set_index("measure")["area"]
    assert len(per_measure) == 12
    assert sorted(per_measure.value_counts().tolist()) == [1, 3, 4, 4]
    assert "" not in set(per_measure)
    assert per_measure["Upphandling"] == "Beslutad åtgärdsplan för 2024-2027"
    assert per_measure["Omställning behov insatser"].endswith("socialtjänstens uppdrag")


def _write(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "docs"
    d.mkdir(exist_ok=True)
    (d / "budget.txt").write_text(text, encoding="utf-8")
    return d


def test_numbered_labels_stay_labels(tmp_path):
    # "Boende 1/2/3" name rows; the label column is no value column (issue 30)
    d = _write(
        tmp_path,
        "# Budgetuppföljning 2024\n\nResultat per boende, mnkr\n\n"
        "| Verksamhet | Budget 2024 | Utfall jan-aug 2024 |\n|---|---|---|\n"
        "| Boende 1 | -12,5 | -8,1 |\n| Boende 2 | -10,0 | -7,2 |\n"
        "| Boende 3 | -4,5 | -3,3 |\n| Summa | -27,0 | -18,6 |\n",
    )
    r = parse([d])
    o = r.observations
    assert o["row_label"].tolist() == [
        "Boende 1", "Boende 1", "Boende 2", "Boende 2", "Boende 3", "Boende 3", "Summa", "Summa",
    ]  # fmt: skip
    assert o["value"].tolist() == [-12.5, -8.1, -10.0, -7.2, -4.5, -3.3, -27.0, -18.6]
    b = domain.build(o, r.cells)["budget"]
    assert len(b) == 8
    assert b[b["is_root"]]["verksamhet"].unique().tolist() == ["Summa"]


def test_sections_children_and_running_totals(tmp_path):
    d = _write(
        tmp_path,
        "Resultat 2023, mnkr\n\n"
        "| Verksamhet | Budget 2023 | Utfall 2023 |\n|---|---|---|\n"
        "| Barn och unga | | |\n"
        "| Familjehem | 10,0 | 11,5 |\n"
        "| - varav kvinnor | 4,0 | 4,5 |\n"
        "| HVB | 20,0 | 19,0 |\n"
        "| Summa barn och unga | 30,0 | 30,5 |\n"
        "| Vuxna | | |\n"
        "| Missbruk | 5,0 | 6,0 |\n"
        "| Boende | 3,0 | 2,0 |\n"
        "| Summa vuxna | 8,0 | 8,0 |\n"
        "| Totalt | 38,0 | 38,5 |\n",
    )
    o = parse([d]).observations.drop_duplicates("line").set_index("row_label")
    assert o.loc["Familjehem", "row_path"] == "Barn och unga › Familjehem"
    assert o.loc["Familjehem", "level"] == 1
    assert o.loc["Familjehem / varav kvinnor", "level"] == 2
    assert o.loc["Familjehem / varav kvinnor", "row_path"] == (
        "Barn och unga › Familjehem › varav kvinnor"
    )
    order = o["row_order"].to_dict()
    assert o.loc["Summa barn och unga", "total_of"] == f"{order['Familjehem']};{order['HVB']}"
    assert o.loc["Summa vuxna", "total_of"] == f"{order['Missbruk']};{order['Boende']}"
    assert o.loc["Totalt", "total_of"] == (f"{order['Summa barn och unga']};{order['Summa vuxna']}")
    assert o["is_root"].sum() == 1 and o.loc["Totalt", "is_root"]
    assert (o.loc["Totalt", "level"], o.loc["Totalt", "row_path"]) == (0, "Totalt")
    assert o.loc["Summa vuxna", "row_path"] == "Vuxna › Summa vuxna"


@pytest.mark.parametrize(
    ("label", "total"),
    [("Summa", True), ("Totalt", True), ("Nämnden totalt", True), ("Nettokostnad", True),
     ("Summering", True), ("Totalt antal barn", False), ("Summa antal", False),
     ("Boende 1", False), ("Externa vård- och behandlingskostnader", False)],
)  # fmt: skip
def test_total_labels(label, total):
    assert is_total_label(label) is total


@st.composite
def trees(draw, top: int = 99999):
    """Sections of rows, each with its subtotal, and a grand total; values with one
    decimal so every sum is exact within the table's rounding, above zero so that a sum
    is never the empty sum."""
    n_sections = draw(st.integers(1, 4))
    n_cols = draw(st.integers(1, 4))
    rows: list[tuple[str, list[int] | None, list[float]]] = []  # label, parts, values
    subtotals = []
    for s in range(n_sections):
        n = draw(st.integers(1, 5))
        start = len(rows)
        cols = []
        for k in range(n):
            vals = [draw(st.integers(1, top)) / 10 for _ in range(n_cols)]
            rows.append((f"Enhet {chr(65 + s)}{k}", None, vals))
            cols.append(vals)
        total = [round(sum(c[j] for c in cols), 1) for j in range(n_cols)]
        rows.append((f"Summa område {chr(65 + s)}", list(range(start, start + n)), total))
        subtotals.append(len(rows) - 1)
    grand = [round(sum(rows[t][2][j] for t in subtotals), 1) for j in range(n_cols)]
    rows.append(("Totalt", subtotals, grand))
    return n_cols, rows


KINDS = ["Utfall", "Budget", "Prognos", "Plan"]


def _print(n_cols: int, rows, layout: str, path: Path) -> None:
    head = [f"Utfall {2020 + j}" for j in range(n_cols)]
    cells = [[label, *(format_sv(v, 1) for v in vals)] for label, _, vals in rows]
    if layout == "pdf":
        _print_pdf(["Verksamhet", *head], cells, path.with_suffix(".pdf"))
        return
    if layout == "pipe":
        lines = ["| Verksamhet | " + " | ".join(head) + " |", "|---" * (n_cols + 1) + "|"]
        lines += ["| " + " | ".join(c) + " |" for c in cells]
    elif layout == "tab":
        lines = ["\t" + "\t".join(head)] + ["\t".join(c) for c in cells]
    else:  # space-separated, a header of words (values below 1 000: no grouping)
        lines = ["Verksamhet " + " ".join(KINDS[:n_cols])] + [" ".join(c) for c in cells]
    text = "Resultat per område, mnkr\n\n" + "\n".join(lines) + "\n"
    path.with_suffix(".txt").write_text(text, encoding="utf-8")


def _print_pdf(head: list[str], cells: list[list[str]], path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=8)
    pdf.add_page()
    pdf.cell(0, 8, "Resultat per område, mnkr", new_x="LMARGIN", new_y="NEXT")
    xs = [15 + 45 * j for j in range(len(head) + 1)]
    y0, h = 25, 7
    rows = [head, *cells]
    for r in range(len(rows) + 1):
        pdf.line(xs[0], y0 + r * h, xs[-1], y0 + r * h)
    for x in xs:
        pdf.line(x, y0, x, y0 + len(rows) * h)
    for r, row in enumerate(rows):
        for x, t in zip(xs, row, strict=False):
            pdf.text(x + 2, y0 + r * h + 5, t)
    pdf.output(str(path))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), layout=st.sampled_from(["pipe", "tab", "spaced", "pdf"]))
def test_generated_row_trees_read_back(tmp_path, data, layout):
    # a table of sections, subtotals and a grand total, printed in a layout and read
    # back: the same rows in the same order, the same totals summing the same rows
    n_cols, rows = data.draw(trees(99999 if layout in ("pipe", "tab") else 499))
    d = tmp_path / f"gen_{layout}"
    d.mkdir(exist_ok=True)
    for f in d.iterdir():
        f.unlink()
    _print(n_cols, rows, layout, d / "resultat")
    o = parse([d]).observations.drop_duplicates("row_order").sort_values("row_order")
    assert o["row_order"].tolist() == list(range(len(rows)))
    for (label, parts, _), (_, got) in zip(rows, o.iterrows(), strict=True):
        assert got["row_label"] == label
        assert bool(got["is_total"]) == (parts is not None)
        if parts is not None:
            assert got["total_of"] == ";".join(map(str, parts)), label
    assert o["is_root"].tolist() == [False] * (len(rows) - 1) + [True]


def test_find_totals_does_not_guess_parts():
    rows = [
        StructRow(0, "A", "", False, {1: 1.0}, {1: 1}),
        StructRow(1, "B", "", False, {1: 2.0}, {1: 1}),
        StructRow(2, "Summa", "", False, {1: 9.0}, {1: 1}),
    ]
    assert find_totals(rows) == [2]
    assert rows[2].is_total and rows[2].parts == []
    assert root(rows) is None


def test_a_total_rounded_coarser_than_its_parts(tmp_path):
    # dev_08 (a flat transcript): "Kommunstyrelsen totalt 483,8 489,0 5,2" under four
    # sectors printed with two decimals (28,17 + 17,28 + 60,03 + 378,28 = 483,76;
    # 30,69 + 18,40 + 62,04 + 377,84 = 488,97; 2,52 + 1,11 + 2,01 - 0,44 = 5,20): the
    # total is rounded to its own one decimal (± 0,05) over parts of ± 0,005 each
    src = Path(__file__).parent / "corpus" / "text"
    src = src / "dev_08_okand_kommunstyrelsen_bokslut2012_driftsredovisning.txt"
    d = tmp_path / "docs"
    d.mkdir()
    (d / src.name).write_bytes(src.read_bytes())
    res = parse([d])
    o = res.observations
    o = o[o["table"].str.startswith("Sammanställning")].drop_duplicates("row_label")
    o = o.set_index("row_label")
    ks = o.loc["Kommunstyrelsen totalt"]
    assert ks["is_total"] and ks["is_root"] and ks["total_of"] == "0;1;2;3"
    assert o.loc["Sektorn för Välfärd", "row_order"] == 3
    assert not res.report["reason"].str.startswith("summaraden stämmer inte").any()


def test_allowance_of_printed_figures():
    # a total of one decimal over four parts of two: 0,05 + 4 × 0,005
    assert allowance(1, [2, 2, 2, 2]) == pytest.approx(0.07)
    # whole numbers: half a unit each, the total's included
    assert allowance(0, [0, 0, 0]) == pytest.approx(2.0)
    # a whole number among decimals is written short: read at the column's decimals
    assert allowance(0, [1]) == pytest.approx(0.1)
    assert allowance(1, [0, 1]) == pytest.approx(0.15)


def test_a_whole_number_among_decimals_proves_no_total(obs):
    # 000 line 90: "Hemtjänst med inriktning mot psykiatri  1 mnkr  3 mnkr", then
    # "Förändrat uppdrag personligt ombud" (3 mnkr in the second column) and
    # "Omställning …" (0,5 mnkr in the first). Read at its own decimals, "1 mnkr" is
    # 0,5–1,5 and would be "proven" the sum of the two rows below it (0,5; 3). In a
    # column of 0,5s it is 1,0: no total, no parts
    t = _rows(obs, SEEDS["000"], 88, 95)
    assert t.loc[90, "row_label"] == "Hemtjänst med inriktning mot psykiatri"
    assert not t["is_total"].any()
    assert (t["total_of"].fillna("") == "").all()
    rows = [
        StructRow(0, "A", "", False, {1: 1.0, 2: 3.0}, {1: 0, 2: 0}),
        StructRow(1, "B", "", False, {2: 3.0}, {2: 0}),
        StructRow(2, "C", "", False, {1: 0.5}, {1: 1}),
    ]
    assert find_totals(rows) == []
    assert not rows[0].is_total and rows[0].parts == []


def test_whole_numbers_within_the_allowance_but_not_needed_prove_no_total():
    # small counts, seven parts: the allowance is ± 4 (half a unit for each of eight
    # whole numbers), and 22 against 19, 26 against 23 lie within it. But the row
    # (1, 1) can be left out and the sums stand nearer (21, 25): these rows are not
    # shown to be the total's parts. Reported as a total without parts, never guessed
    vals = [(3, 2), (1, 7), (4, 1), (1, 1), (5, 2), (2, 8), (6, 5)]
    rows = [
        StructRow(k, f"R{k}", "", False, {1: float(a), 2: float(b)}, {1: 0, 2: 0})
        for k, (a, b) in enumerate(vals)
    ]
    rows.append(StructRow(7, "Summa", "", False, {1: 19.0, 2: 23.0}, {1: 0, 2: 0}))
    assert find_totals(rows) == [7]
    assert rows[7].is_total and rows[7].parts == []
    # the same rows with their true sums: proven, every row needed
    rows = [
        StructRow(k, f"R{k}", "", False, {1: float(a), 2: float(b)}, {1: 0, 2: 0})
        for k, (a, b) in enumerate(vals)
    ]
    rows.append(StructRow(7, "Summa", "", False, {1: 22.0, 2: 26.0}, {1: 0, 2: 0}))
    assert find_totals(rows) == []
    assert rows[7].parts == list(range(7))


def _ruled(pdf, y0: float, rows: list[tuple[str, ...]]) -> None:
    cols = (20, 80, 130, 180)
    for r in range(len(rows) + 1):
        pdf.line(cols[0], y0 + r * 10, cols[-1], y0 + r * 10)
    for x in cols:
        pdf.line(x, y0, x, y0 + len(rows) * 10)
    for r, row in enumerate(rows):
        for x, t in zip(cols, row, strict=False):
            pdf.text(x + 2, y0 + r * 10 + 7, t)


def test_a_table_that_goes_on_after_a_page_break_is_one_table(tmp_path):
    # page 1: the header and two rows; page 2: two more rows, no header; a page number
    # at the foot of each page. The rows of page 2 read under the header of page 1.
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 10, "Vårddygn per placeringsform", new_x="LMARGIN", new_y="NEXT")
    _ruled(pdf, 30, [("Placeringsform", "2022", "2023"), ("HVB", "48 128", "49 263"),
                     ("Familjehem", "89 895", "82 999")])  # fmt: skip
    pdf.text(100, 285, "1 (2)")
    pdf.add_page()
    _ruled(pdf, 20, [("Jourhem", "1 204", "1 310"), ("SiS", "3 020", "2 877")])
    pdf.text(100, 285, "2 (2)")
    d = tmp_path / "docs"
    d.mkdir()
    pdf.output(str(d / "vard.pdf"))
    r = parse([d])
    o = r.observations
    assert set(o["table_id"]) == {"T01"}
    cols = ["page", "line", "row_label", "column_label", "value"]
    got = list(o[cols].itertuples(index=False, name=None))
    assert got[4:] == [
        (2, 2, "Jourhem", "2022", 1204.0), (2, 2, "Jourhem", "2023", 1310.0),
        (2, 3, "SiS", "2022", 3020.0), (2, 3, "SiS", "2023", 2877.0),
    ]  # fmt: skip
    assert o["row_order"].tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    said = r.report[r.report["reason"].str.startswith("tabellen fortsätter")]
    assert (said["page"].tolist(), said["line"].tolist()) == ([2], [2])


def test_a_caption_of_one_year_dates_its_columns(tmp_path):
    # regionfakta: "Kommunala kostnader för individ- och familjeomsorg 2018" over a
    # one-year table; a caption with a date ("beslut juni 2020") dates nothing
    d = _write(
        tmp_path,
        "Kommunala kostnader för individ- och familjeomsorg 2018\n\n"
        "Kommun Kronor per invånare\nEskilstuna 8 077\nGnesta 2 626\nKatrineholm 3 904\n\n"
        "Förslag efter beslut juni 2020\n\n"
        "| Förslag | Effekt, mnkr |\n|---|---|\n| Vakanser | 2,0 |\n| Lokaler | 1,5 |\n",
    )
    o = parse([d]).observations
    kr = o[o["unit"] == "kr/inv"]
    assert kr["value"].tolist() == [8077, 2626, 3904]
    assert kr["year"].tolist() == [2018] * 3
    assert kr["year_source"].tolist() == ["caption"] * 3
    assert o[o["unit"] == "mnkr"]["year"].isna().all()


def test_a_total_printed_above_its_parts(tmp_path):
    # Gnesta's driftredovisning (round two, dev_17): each nämnd's row stands above its
    # units and is their sum in every column of amounts (the % column is not summed);
    # the last nämnd's units are cut off in the excerpt: no parts, no guess
    src = Path(__file__).parent / "corpus" / "round2" / "dev_17_gnesta_driftredovisning_2013.txt"
    d = tmp_path / "docs"
    d.mkdir()
    (d / src.name).write_bytes(src.read_bytes())
    o = parse([d]).observations.drop_duplicates("line").set_index("row_label")
    ks = o.loc["Kommunstyrelsen"]
    assert ks["is_total"] and ks["total_of"] == "9;10;11;12;13;14;15" and ks["level"] == 0
    assert o.loc["It-enheten", "row_path"] == "Kommunstyrelsen › It-enheten"
    assert o.loc["It-enheten", "level"] == 1
    assert o.loc["Kommungemensamma poster", "total_of"] == "1;2;3;4;5;6;7"
    bou = o.loc["Barn- och utbildningsnämnden"]
    assert not bou["is_total"] and bou["total_of"] == ""
    assert o.loc["Grundskola", "level"] == 0
    assert not o["is_root"].any()  # no bottom line in the excerpt
