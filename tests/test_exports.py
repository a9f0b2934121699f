"""What an economist opens: safe CSV, workbooks (the parse's and each report's), the PDF
appendix, and documents from a folder of one's own kept apart from data/raw's frames —
tried with a hostile document whose labels are formulas and markup."""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from sonanalys import paths
from sonanalys.cli import main
from sonanalys.export import safe_text
from sonanalys.report.runner import run_reports

HOSTILE = """# Delårsrapport augusti 2025, Socialnämnden, Vimmerby kommun

## Driftsammandrag, mnkr

| Verksamhet | Budget 2025 | Utfall jan-aug 2025 | Prognos 2025 | Avvikelse |
|---|---|---|---|---|
| =HYPERLINK("http://example.invalid/x","klicka") | 10,0 | 6,0 | 9,5 | 0,5 |
| +SUM(A1:A9) | 20,0 | 14,0 | 21,0 | -1,0 |
| @SUM(A1:A2) | 5,0 | 3,0 | 5,0 | 0,0 |
| -2+3 | 1,0 | 1,0 | 1,0 | 0,0 |
| Köp & "övrigt" <b>x</b> | 2,0 | 1,0 | 2,0 | 0,0 |
| Summa | 38,0 | 25,0 | 38,5 | -0,5 |
"""
FORMULAS = [
    '=HYPERLINK("http://example.invalid/x","klicka")',
    "+SUM(A1:A9)",
    "@SUM(A1:A2)",
    "-2+3",
]
NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+46 13 20 00 00", "'+46 13 20 00 00"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-2+3", "'-2+3"),
        ("- kvinnor", "'- kvinnor"),
        ("-81.5", "-81.5"),  # a number stays a number
        ("-81,5", "-81,5"),
        ("-1 801", "-1 801"),
        ("Myndighet", "Myndighet"),
        ("", ""),
    ],
)
def test_safe_text(text, safe):
    assert safe_text(text) == safe


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, monkeypatch_module):
    """A hostile document in a folder of its own, parsed and reported with --data, while
    data/processed (here a copy in a temporary root) holds data/raw's frames."""
    root = tmp_path_factory.mktemp("root")
    processed = root / "processed"
    monkeypatch_module.setattr(paths, "PROCESSED", processed)
    assert main(["parse", str(paths.RAW), "--out", str(processed)]) == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in processed.iterdir()}
    docs = root / "dokument på nätverksdisken"
    docs.mkdir()
    (docs / "delarsrapport_vimmerby_2025.txt").write_text(HOSTILE, encoding="utf-8")
    assert main(["parse", "--data", str(docs)]) == 0
    out = root / "rapporter"
    args = ["report", "--data", str(docs), "--municipality", "Vimmerby", "--year", "2025"]
    args += ["--period", "jan-aug", "--only", "05", "--out", str(out), "--date", "2026-11-27"]
    assert main(args) == 0
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in processed.iterdir()
             if p.is_file()}  # fmt: skip
    return {
        "own": paths.processed_for(docs),
        "processed": processed,
        "unchanged": before == after,
        "out": out,
    }


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_data_folder_is_kept_apart_from_data_raw(hostile):
    assert hostile["unchanged"]  # data/processed's own files untouched
    own = hostile["own"]
    assert own.parent == hostile["processed"] / "mappar"
    assert re.fullmatch(r"dokument-på-nätverksdisken-[0-9a-f]{8}", own.name)
    docs = pd.read_parquet(own / "documents.parquet")
    assert docs[["source", "municipality", "doc_year"]].values.tolist() == [
        ["delarsrapport_vimmerby_2025.txt", "Vimmerby", 2025]
    ]


def test_hostile_labels_are_text_in_csv(hostile):
    csv = pd.read_csv(hostile["own"] / "observations.csv", dtype=str, keep_default_na=False)
    labels = set(csv["row_label"])
    for f in FORMULAS:
        assert "'" + f in labels and f not in labels
    assert 'Köp & "övrigt" x' in labels  # markup removed by the reader, text kept
    # the numbers are numbers, and the parquet keeps the exact text
    assert csv[csv["row_label"] == "'-2+3"]["value"].tolist() == ["1.0", "1.0", "1.0", "0.0"]
    obs = pd.read_parquet(hostile["own"] / "observations.parquet")
    assert set(FORMULAS) <= set(obs["row_label"])


def test_hostile_labels_are_text_in_the_workbook(hostile):
    wb = load_workbook(hostile["own"] / "sonanalys.xlsx")
    assert wb.sheetnames[:4] == ["Innehåll", "documents", "observations", "parse_report"]
    ws = wb["observations"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    col = header.index("row_label")
    values = {}
    for row in ws.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)  # no formula anywhere
        values.setdefault(row[col].value, row)
    for f in FORMULAS:
        assert f in values and values[f][col].data_type == "s"
    # numbers are stored as numbers with a display format; years without grouping
    row = values["-2+3"]
    assert row[header.index("value")].value == 1.0
    assert row[header.index("value")].number_format == "#,##0.0"
    assert (
        row[header.index("year")].value == 2025 and row[header.index("year")].number_format == "0"
    )
    toc = [r for r in wb["Innehåll"].iter_rows(values_only=True)]
    assert (
        "observations",
        24,
        "ett tal per rad, så som det står i dokumentet, med fil och rad",
    ) in toc


def test_hostile_labels_are_escaped_in_the_report_and_its_workbook(hostile):
    # a run for a period names its files by municipality, year and period
    page = (hostile["out"] / "05_delarsrapport_vimmerby_2025_jan-aug.html").read_text("utf-8")
    assert '<th>=HYPERLINK("http://example.invalid/x","klicka")</th>' in page  # as text
    assert '<th>Köp &amp; "övrigt" x</th>' in page
    # the header names the document by title, municipality and year — also for a file
    # name that is not a seed's
    assert (
        "Datakällor: Delårsrapport augusti 2025, Socialnämnden, Vimmerby kommun "
        "(Vimmerby, 2025; delarsrapport_vimmerby_2025.txt)"
    ) in html.unescape(page)
    wb = load_workbook(hostile["out"] / "05_delarsrapport_vimmerby_2025_jan-aug.xlsx")
    cells = {c.value: c for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row}
    assert '=HYPERLINK("http://example.invalid/x","klicka")' in cells
    assert cells['=HYPERLINK("http://example.invalid/x","klicka")'].data_type == "s"
    assert 10.0 in cells  # the budget as a number


def test_table_html_escapes_document_text():
    from sonanalys.report.present import table_html

    df = pd.DataFrame({"<i>kolumn</i>": [1.5]}, index=["<script>alert(1)</script>"])
    page = table_html(df, 1, "<b>rubrik</b>", "<img src=x onerror=alert(2)>")
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;i&gt;kolumn" in page


def test_report_workbook_holds_the_tables_shown(reports_run):
    wb = load_workbook(reports_run.out / reports_run.report("05").xlsx)
    toc = list(wb["Innehåll"].iter_rows(values_only=True))
    sheets = {r[2]: r[0] for r in toc if r and r[0] and r[0] != "blad" and r[2]}
    assert next(iter(sheets)) == "Nyckeltal: Örebro, jan–aug 2023"  # the key figures first
    (name,) = [n for c, n in sheets.items() if c.startswith("Örebro: budget, utfall jan")]
    # the caption's colon is not allowed in a sheet name; no double space is left, and
    # the name ends at a whole word
    assert name.split(" ", 1)[1] == "Örebro budget, utfall jan–aug"
    ws = wb[name]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    # 004 line 319: Myndighet budget −125,7, prognos −125,1 (mnkr)
    assert rows["Myndighet"][1] == -125.7 and -125.1 in rows["Myndighet"]


def test_sheet_names_are_what_excel_accepts():
    from sonanalys.report.workbook import sheet_name

    taken: set[str] = set()
    assert sheet_name("Örebro: budget [mnkr]", 1, taken) == "1 Örebro budget mnkr"
    assert sheet_name("  ", 2, taken) == "2 Tabell"
    long = sheet_name("Kostnad per vårddygn / HVB och familjehem, kr", 12, taken)
    assert long == "12 Kostnad per vårddygn HVB och" and len(long) <= 31
    assert taken == {"1 Örebro budget mnkr", "2 Tabell", long}
    # cut after a whole word, never inside one ("… snitt per dy")
    assert sheet_name("Personer i vård, snitt per dygn och år", 3, taken) == (
        "3 Personer i vård, snitt per"
    )
    # Excel tells sheet names apart regardless of case
    assert sheet_name("tabell", 2, taken) == "2-2 tabell"


def test_pdf_appendix(tmp_path):
    import pypdfium2 as pdfium

    s = run_reports(
        out=tmp_path / "r", only=["05"], pdf=True, progress=False, run_date="2026-11-27"
    )
    assert s.failed == [] and s.pdf_error == ""
    pdf = pdfium.PdfDocument(str(tmp_path / "r" / s.report("05").pdf))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) >= 2
    assert "Delårsrapport – bilaga" in text and "Sida 1 av" in text
    assert f"{MINUS}125,7" in text  # Swedish numbers, minus sign and all
    w, h = pdf[0].get_size()
    assert w == pytest.approx(595.3, abs=2) and h == pytest.approx(841.9, abs=2)  # A4, points
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert 'href="05_delarsrapport_orebro_2023_jan-aug.pdf"' in index
    assert 'href="05_delarsrapport_orebro_2023_jan-aug.xlsx"' in index


def test_pdf_without_a_browser_says_how_and_keeps_the_html(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SONANALYS_CHROMIUM", str(tmp_path / "ingen-chromium"))
    code = main(["report", "--only", "05", "--pdf", "--out", str(tmp_path / "r")])
    assert code == 1
    assert "Chromium saknas" in capsys.readouterr().err
    assert (tmp_path / "r" / "05_delarsrapport_orebro_2023_jan-aug.html").exists()
    assert not (tmp_path / "r" / "05_delarsrapport_orebro_2023_jan-aug.pdf").exists()


def test_written_files_are_readable_by_colleagues(tmp_path):
    assert main(["parse", str(paths.RAW), "--out", str(tmp_path / "p")]) == 0
    import os

    umask = os.umask(0)
    os.umask(umask)
    for p in (tmp_path / "p").iterdir():
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask, p.name


def test_safe_csv_frame_equals_safe_text_per_cell():
    """Text columns are tested at once and only cells that begin like a formula are
    looked at one by one: the result must be safe_text's, cell by cell, for text and
    mixed columns alike (a negative number stays, ``-x`` is quoted, missing stays)."""
    from sonanalys.export import safe_csv_frame

    texts = ["=1+1", "-5", "-x", "", None, "ok", "+3", "@a", "\tq", "\rq", "-1 801,5", "a=b"]
    df = pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "mixed": pd.Series(["=x", 1, None, "-y", "z", 2.5, *texts[6:]], dtype=object),
            "number": [1.0] * len(texts),
        }
    )
    out = safe_csv_frame(df)
    expected = df.copy()
    for c in ("text", "mixed"):
        expected[c] = df[c].map(safe_text)
    pd.testing.assert_frame_equal(out, expected)
    assert out["text"].tolist()[:4] == ["'=1+1", "-5", "'-x", ""]
    assert df["text"].iloc[0] == "=1+1"  # the frame given is not changed


def test_a_columns_values_as_the_workbook_writer_takes_them():
    """Every kind of missing value is an empty cell (None), whatever the column's type;
    the rest keep their type: text as str, nullable integers as Python ints, floats with
    NaN (an empty cell to the writer), truth values."""
    import numpy as np

    from sonanalys.export import _python_values

    cases = [
        (pd.Series(["a", None, "c"], dtype="str"), ["a", None, "c"]),  # missing as NaN
        (pd.Series(["a", pd.NA, "c"], dtype="string"), ["a", None, "c"]),  # missing as NA
        (pd.Series([1, pd.NA, 3], dtype="Int64"), [1, None, 3]),
        (pd.Series(["a", np.nan, None, 2], dtype="object"), ["a", None, None, 2]),
        (pd.Series([True, pd.NA], dtype="boolean"), [True, None]),
        (pd.Series([True, False]), [True, False]),
        (pd.Series([7, 8], dtype="int64"), [7, 8]),
    ]
    for series, expected in cases:
        got = _python_values(series)
        assert got == expected, series.dtype
        assert [type(v) for v in got] == [type(v) for v in expected], series.dtype
    floats = _python_values(pd.Series([1.5, np.nan]))
    assert floats[0] == 1.5 and floats[1] != floats[1]  # NaN: the writer leaves the cell empty


def test_each_number_in_the_workbook_shows_the_decimals_it_was_printed_with(tmp_path):
    """A column's numbers each keep the decimals the document printed: Sundsvall's
    delårsrapport jan–apr 2018 (line 48) prints 'Kommunstyrelse -686,9', and shown
    beside a plan's '28,750 mnkr' it was '-686,900' (the column's most decimals)."""
    from sonanalys.export import write_workbook

    obs = pd.DataFrame(
        {
            "cell_text": ["-686,9", "28,750 mnkr", "1 801", "0,5-1 mnkr", "1 500 tkr", "0,0"],
            "value": [-686.9, 28.75, 1801.0, 0.5, 1.5, 0.0],
            "value_high": [None, None, None, 1.0, None, None],
            "year": [2018, 2021, 2023, 2024, 2024, 2024],
        }
    )
    write_workbook(tmp_path / "s.xlsx", {"observations": obs})
    ws = load_workbook(tmp_path / "s.xlsx")["observations"]
    cells = [(r[1].value, r[1].number_format, r[2].value, r[2].number_format, r[3].number_format)
             for r in ws.iter_rows(min_row=2)]  # fmt: skip
    assert all(c.data_type == "n" for r in ws.iter_rows(min_row=2) for c in r[1:])
    assert cells == [
        (-686.9, "#,##0.0", None, "General", "0"),
        (28.75, "#,##0.000", None, "General", "0"),  # as printed: 28,750
        (1801, "#,##0", None, "General", "0"),
        (0.5, "#,##0.0", 1, "#,##0", "0"),  # a range: each end as printed
        (1.5, "#,##0.0", None, "General", "0"),  # converted from tkr: its own decimals
        (0, "#,##0.0", None, "General", "0"),
    ]


def test_the_seeds_workbook_shows_their_numbers_as_printed(hostile):
    # data/raw's observations: 000's '1,5 mnkr' and '1 mnkr', 04's '28,750 mnkr'
    ws = load_workbook(hostile["processed"] / "sonanalys.xlsx")["observations"]
    header = [c.value for c in ws[1]]
    v, t = header.index("value"), header.index("cell_text")
    shown = {}
    for row in ws.iter_rows(min_row=2):
        assert row[v].data_type == "n"
        shown.setdefault(row[t].value, (row[v].value, row[v].number_format))
    assert shown["1,5 mnkr"] == (1.5, "#,##0.0")
    assert shown["1 mnkr"] == (1, "#,##0")
    assert shown["0,65 mnkr"] == (0.65, "#,##0.00")
    assert shown["28,750 mnkr"] == (28.75, "#,##0.000")


def test_a_report_workbook_shows_what_its_page_shows(tmp_path):
    """05's 'egen prognos (beräknad)' 1525.371 mnkr shows '1 525,4' on the page: the
    workbook keeps the value and shows it with the page's one decimal."""
    from sonanalys.export import write_workbook
    from sonanalys.report.present import PLAIN, table_data

    df = pd.DataFrame(
        {"År": [2023, 2023], "egen prognos (beräknad)": [1525.371, -3.25], "antal": [137, 12]},
        index=pd.Index(["Barn och unga", "Myndighet"], name="Verksamhet"),
    )
    t = table_data(df, decimals={"egen prognos (beräknad)": 1, "antal": 0, "År": PLAIN})
    sheet = pd.DataFrame(t["rows"], columns=t["columns"])
    write_workbook(tmp_path / "r.xlsx", {"t": sheet}, shown={"t": t["decimals"]})
    ws = load_workbook(tmp_path / "r.xlsx")["t"]
    rows = [[(c.value, c.number_format) for c in r] for r in ws.iter_rows(min_row=2)]
    assert rows == [
        [("Barn och unga", "General"), (2023, "0"), (1525.371, "#,##0.0"), (137, "#,##0")],
        [("Myndighet", "General"), (2023, "0"), (-3.25, "#,##0.0"), (12, "#,##0")],
    ]
