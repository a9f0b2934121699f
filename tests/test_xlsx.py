"""Our workbook writer, read back by openpyxl (what pandas uses) as an economist's Excel
would show it: numbers as numbers with their format, text as text, never a formula."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sonanalys import xlsx


def _book(sheets):
    return load_workbook(io.BytesIO(xlsx.to_bytes(sheets)))


def test_cells_read_back_as_written():
    sheet = xlsx.Sheet(
        name="volymer",
        header=["verksamhet", "år", "vårddygn", "not"],
        columns=[
            ["HVB", "Familjehem", " inledande blank", '=HYPERLINK("x")'],
            [2022, 2023, None, 2024],
            [48128.0, 1801.5, float("nan"), -0.5],
            ["a\x07b", "", True, "x" * 40_000],
        ],
        formats=[None, "0", "#,##0.0", None],
        widths=[20, 6, 12, 30],
        freeze_header=True,
        autofilter=True,
    )
    ws = _book([sheet])["volymer"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["verksamhet", "år", "vårddygn", "not"]
    assert rows[1][:3] == ["HVB", 2022, 48128.0]
    assert rows[2][:3] == ["Familjehem", 2023, 1801.5]
    assert rows[3][0] == " inledande blank"  # spaces kept
    assert rows[3][1] is None and rows[3][2] is None  # missing and NaN are empty cells
    assert rows[4][0] == '=HYPERLINK("x")' and ws["A5"].data_type == "s"  # text, not a formula
    assert rows[1][3] == "a\ufffdb"  # a character XML cannot hold is shown, not dropped
    assert rows[2][3] is None  # an empty text is an empty cell
    assert rows[3][3] == "ja"
    assert len(rows[4][3]) == 32_767 and rows[4][3].endswith("…")  # Excel's limit
    assert ws["B2"].number_format == "0" and ws["C3"].number_format == "#,##0.0"
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D5"
    assert ws.column_dimensions["A"].width == 20


def test_many_columns_and_names_excel_quotes():
    cols = [[i] for i in range(30)]
    sheet = xlsx.Sheet(name="Socialnämndens 'R9'", header=[f"k{i}" for i in range(30)],
                       columns=cols, autofilter=True)  # fmt: skip
    wb = _book([sheet])
    ws = wb["Socialnämndens 'R9'"]
    assert ws["AD2"].value == 29 and ws.auto_filter.ref == "A1:AD2"
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_leading_rows_and_styles():
    toc = xlsx.Sheet(
        name="Innehåll",
        rows=[[("Rubrik", xlsx.TITLE)], [("Källa: x.txt", None)], []],
        header=["blad", "rader"],
        columns=[["volymer"], [12]],
    )
    ws = _book([toc])["Innehåll"]
    assert list(ws.iter_rows(values_only=True)) == [
        ("Rubrik", None), ("Källa: x.txt", None), (None, None), ("blad", "rader"), ("volymer", 12)
    ]  # fmt: skip
    assert ws["A1"].font.sz == 13 and ws["A4"].font.b


@pytest.mark.parametrize("value", [1e-05, 1e16, -0.0, 123456789.125])
def test_numbers_keep_their_exact_value(value):
    ws = _book([xlsx.Sheet(name="t", columns=[[value]])])["t"]
    assert ws["A1"].value == value


def test_same_sheets_same_bytes():
    def sheets():
        return [xlsx.Sheet(name="a", header=["x"], columns=[[1.5, "två"]], formats=["#,##0.0"])]

    assert xlsx.to_bytes(sheets()) == xlsx.to_bytes(sheets())


def test_frame_writer_writes_parts_and_types_empty_columns_as_text(tmp_path):
    import pandas as pd

    from sonanalys.io import FrameWriter

    w = FrameWriter(tmp_path, "delar")
    w.append(pd.DataFrame({"etikett": pd.Series([], dtype=object),
                           "år": pd.array([], dtype="Int64")}))  # fmt: skip
    years = pd.array([2022, None], dtype="Int64")
    w.append(pd.DataFrame({"etikett": ["HVB", "=1+1"], "år": years}))
    assert not (tmp_path / "delar.parquet").exists()  # nothing in place before close
    w.close()
    back = pd.read_parquet(tmp_path / "delar.parquet")
    assert back["etikett"].tolist() == ["HVB", "=1+1"] and str(back["år"].dtype) == "Int64"
    assert (tmp_path / "delar.csv").read_text(encoding="utf-8") == "etikett,år\nHVB,2022\n'=1+1,\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    gone = FrameWriter(tmp_path, "avbruten")
    gone.append(pd.DataFrame({"a": [1]}))
    gone.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["delar.csv", "delar.parquet"]


def test_frame_writer_holds_only_the_rows_it_has_not_written(tmp_path, monkeypatch):
    """The rows left over after a row group is cut are a copy of their own: a slice
    would keep each whole part alive (a batch of documents' rows, in every writer)."""
    import pandas as pd
    import pyarrow as pa

    from sonanalys import io
    from sonanalys.io import FrameWriter

    monkeypatch.setattr(io, "ROW_GROUP", 1000)
    w = FrameWriter(tmp_path, "f")
    part = pd.DataFrame({"etikett": [f"en rad med lite text, nummer {i}" for i in range(2500)]})
    w.append(part)
    assert w._held_rows == 500
    held = sum(t.get_total_buffer_size() for t in w._held)
    whole = pa.Table.from_pandas(part, preserve_index=False).get_total_buffer_size()
    assert held < 0.3 * whole  # 500 of 2 500 rows
    w.close()
    assert pd.read_parquet(tmp_path / "f.parquet")["etikett"].tolist() == part["etikett"].tolist()


def test_frame_writer_files_do_not_depend_on_how_the_rows_came_in_parts(tmp_path, monkeypatch):
    """Parquet row groups are cut at every ``ROW_GROUP`` rows, not where a part ended, so
    one part or many (as batches of documents deliver them) give the same bytes."""
    import itertools

    import pandas as pd

    from sonanalys import io
    from sonanalys.io import FrameWriter

    monkeypatch.setattr(io, "ROW_GROUP", 7)
    df = pd.DataFrame({
        "etikett": [f"rad {i}" if i % 4 else "" for i in range(40)],
        "värde": [i * 1.5 if i % 3 else float("nan") for i in range(40)],
        "år": pd.array([2020 + i % 5 if i % 6 else None for i in range(40)], dtype="Int64"),
    })  # fmt: skip
    cuts = {"hel": [0, 40], "delar": [0, 3, 4, 15, 15, 29, 40], "rader": list(range(41))}
    for name, at in cuts.items():
        w = FrameWriter(tmp_path / name, "f")
        for a, b in itertools.pairwise(at):
            w.append(df.iloc[a:b].reset_index(drop=True))
        w.close()
    for ext in ("parquet", "csv"):
        whole = (tmp_path / "hel" / f"f.{ext}").read_bytes()
        for name in ("delar", "rader"):
            assert (tmp_path / name / f"f.{ext}").read_bytes() == whole, (name, ext)
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(tmp_path / "delar" / "f.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [7] * 5 + [5]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "rader" / "f.parquet"), df)


def _texts(alphabet: str):
    return st.one_of(st.none(), st.text(alphabet=st.sampled_from(list(alphabet)), max_size=5))


# blanks alone (where a text starts or ends is what counts), and markup and characters
# XML cannot hold among them
_NUMBERS = st.one_of(
    st.none(), st.floats(), st.integers(-(10**20), 10**20), st.booleans(), st.just("")
)
_COLUMNS = st.one_of(
    st.lists(_texts("ab å\n\r\t"), max_size=10),
    st.lists(_texts("ab å&<>\n\r\t\x07\x0b\ufffe"), max_size=10),
    st.lists(st.one_of(st.none(), st.floats()), max_size=10),  # NaN, ±inf among them
    st.lists(st.one_of(st.none(), st.integers(-(10**20), 10**20)), max_size=10),
    st.lists(_NUMBERS, max_size=10),  # mixed: truth values, ints, floats, texts
)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(_COLUMNS)
@example([" a", "b"])  # a blank at either end of the first, a middle or the last text
@example(["a ", "b"])
@example(["a", " b", "c"])
@example(["a", "b ", "c"])
@example(["a", "b\r"])
@example(["a", None, "", "b&c"])
@example([1.5, None, "", 2.0])  # an empty text among numbers
@example([1, True, None])  # a truth value among ints: ja/nej
@example([1.5, float("nan"), float("inf"), -0.0])
def test_a_column_at_once_equals_cell_by_cell(column):
    # a column of one kind (plain texts, floats, ints) is written in one go: the same
    # XML as cell by cell; any other column, and one with a text that needs care
    # (markup, a blank at either end), goes cell by cell. (A number format, style 4,
    # is given to numbers; a plain text has never carried it.)
    texts = any(isinstance(v, str) for v in column)
    for style in (0,) if texts else (0, 4):
        cell_by_cell = [xlsx._cell(f"C{r}", v, style) for r, v in enumerate(column, 7)]
        assert xlsx._column_cells("C", column, 7, style) == cell_by_cell


def test_a_long_text_in_a_column_of_texts_is_still_cut_to_excels_limit():
    column = ["HVB", "x" * 40_000, None]
    cells = xlsx._column_cells("A", column, 2, 0)
    assert cells == [xlsx._cell(f"A{r}", v, 0) for r, v in enumerate(column, 2)]
    assert "…" in cells[1] and len(cells[1]) < 32_900
