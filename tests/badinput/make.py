"""Rebuild the bad-input corpus in this folder. Deterministic: the same bytes every run.

Run: ``.venv/bin/python tests/badinput/make.py``. Each file is one malformed or hostile
input; ``tests/test_badinput.py`` holds what the parser must make of each. The 50 MB file
is not committed: the test writes it.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

HERE = Path(__file__).parent / "files"

PIPE = """Delårsrapport augusti 2023 Örebro kommun Socialnämnden

### Vårddygn

| Vårddygn                 | 2021    | 2022    |
|--------------------------|---------|---------|
| Familjehem               | 82 999  | 89 895  |
| Institutionsvård, HVB    | 49 263  | 48 128  |
"""

TEXT: dict[str, str | bytes] = {
    # 1–2 nothing to read
    "01_empty.txt": b"",
    "02_whitespace.txt": " \n\t\n   \r\n\n",
    # 8–9 encodings: the same table as UTF-16 and cp1252
    "08_utf16.txt": PIPE.encode("utf-16"),
    "09_cp1252.txt": PIPE.replace("Örebro", "Orebro").encode("cp1252"),
    # 10 a table cut off in the middle of a row (a document truncated mid-table)
    "10_cut_mid_row.txt": (
        "Internbudget 2024 Linköpings kommun\n\n"
        "| Verksamhet, mnkr | Budget 2023 | Budget 2024 |\n"
        "|---|---|---|\n"
        "| Myndighet | -125,7 | -130,2 |\n"
        "| Barn och unga | -80,0 | -8"
    ),
    # 11 ragged rows: one with a cell more than the header, one with a cell fewer
    "11_ragged.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Antal placerade\t2021\t2022\n"
        "HVB barn\t12\t15\t99\n"
        "Familjehem barn\t140\n"
        "SiS unga\t6\t7\n"
    ),
    # 12 a header with no body
    "12_header_only.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "| Verksamhet | Budget 2023 | Prognos 2023 |\n"
        "|---|---|---|\n\n"
        "Texten fortsätter utan tabell.\n"
    ),
    # 13 two pipe tables glued without a blank line
    "13_glued_tables.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "| Vårddygn | 2021 | 2022 |\n"
        "|---|---|---|\n"
        "| Familjehem | 82 999 | 89 895 |\n"
        "| Kostnad per vårddygn, kr | 2021 | 2022 |\n"
        "|---|---|---|\n"
        "| Familjehem | 2 690 | 2 648 |\n"
    ),
    # 14 an escaped pipe inside a label and a stray pipe after the row
    "14_pipe_escaped.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "| Verksamhet | Utfall 2022, mnkr | Utfall 2023, mnkr |\n"
        "|---|---|---|\n"
        "| Vuxna \\| missbruk | -60,4 | -64,9 |\n"
        "| Barn och unga | -80,0 | -79,5 | |\n"
    ),
    # 15 two decimal commas
    "15_two_decimal_commas.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Verksamhet, mnkr\tBudget 2023\tPrognos 2023\n"
        "Myndighet\t-125,7\t-125,1,5\n"
    ),
    # 16 mixed units in one column: each value keeps the unit its cell states
    "16_mixed_units.txt": (
        "Åtgärdsplan 2021 Linköpings kommun\n\n"
        "Åtgärd\tEffekt 2021\n"
        "Vakansprövning\t1 800 tkr\n"
        "Minskade HVB-placeringar\t2,5 mnkr\n"
        "Hemtagning\tCa 0,5 mnkr\n"
        "Översyn av avtal\t0,5-1 mnkr\n"
    ),
    # 17 a thousands group of the wrong length
    "17_wrong_group.txt": (
        "Internbudget 2024 Linköpings kommun\n\nVolymer\t2023\t2024\nVårddygn HVB\t1 80 1\t1 801\n"
    ),
    # 18 a value that looks like a year
    "18_year_like_value.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Kostnad per vårddygn, kr/dygn\t2022\t2023\n"
        "Familjehem\t2 020\t2 115\n"
    ),
    # 19 no-data cells: '..', '-', 'i u', '–'
    "19_no_data_cells.txt": (
        "Delårsrapport augusti 2018 Linköpings kommun\n\n"
        "Socialnämndens indikatorer\t2016\t2017\t2018\n"
        "Placerade per 1000 inv 0-20 år\t25,3\t..\t-\n"
        "Kostnad per vårddygn familjehem, kr\t1 974\ti u\t–\n"
    ),
    # 22 deeply nested HTML tags in a cell
    "22_nested_tags.txt": (
        "Reviderad åtgärdsplan 2021 Linköpings kommun\n\n"
        "<b>Åtgärd</b>\t<b>Effekt 2021, mnkr</b>\n"
        "Vakansprövning\t" + "<b><i><span>" * 300 + "1,5" + "</span></i></b>" * 300 + "\n"
        "<b>Summa</b>\t<b>1,5</b>\n"
    ),
    # 24 a header repeated after a page break (pdftotext's form feed)
    "24_repeated_header.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Vårddygn\t2021\t2022\n"
        "Familjehem\t82 999\t89 895\n"
        "Institutionsvård, HVB\t49 263\t48 128\n"
        "\f"
        "Vårddygn\t2021\t2022\n"
        "Jourhem\t3 150\t2 874\n"
        "SiS\t1 204\t1 577\n"
    ),
    # 25 mojibake: UTF-8 read as Latin-1 and saved again
    "25_double_encoded.txt": PIPE.encode("utf-8").decode("latin-1").encode("utf-8"),
    # 26 a NUL byte in a text file
    "26_nul_byte.txt": b"Delarsrapport 2023\n\x00\x00\nVarddygn\t2021\n",
    # 27 a separator row with no header and no body
    "27_separator_only.txt": "Delårsrapport augusti 2023 Örebro kommun\n\n|---|---|---|\n",
    # 28 a CSV in Excel's Swedish dialect, where pandas' defaults would give -815
    "28_semicolon.csv": (
        "Verksamhet;Budget 2023 mnkr;Avvikelse 2023 mnkr\n"
        "Myndighet;-125,7;-81,5\n"
        "Barn och unga;1 801,5;0,5\n"
    ),
    # 29 minus signs: U+2212, an en dash, and a plus sign
    "29_minus_signs.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Avvikelse, mnkr\t2022\t2023\n"
        "Barn\t\u221231,7\t\u201312,0\n"
        "Vuxna\t+4,2\t\u22120,5\n"
    ),
    # 30 footnote marks on values and labels
    "30_footnotes.txt": (
        "Internbudget 2024 Linköpings kommun\n\n"
        "Nämndindikatorer\t2022\t2023\n"
        "Kostnad missbruksvård vuxna, kr/inv¹\t761¹\t780²\n"
        "¹ Kolada N35001\n"
    ),
    # 31 text where a table should be: prose numbers without a unit are not values
    "31_prose_without_units.txt": (
        "Åtgärdsplan 2020 Linköpings kommun\n\n"
        "Nämnden beslutade den 12 mars 2020 om 14 åtgärder i 3 områden.\n"
        "Effekten beräknas till 4,5 mnkr under 2020.\n"
    ),
    # 32 percent signs, per-1000 rates and kr/inv in one indicator table
    "32_indicator_units.txt": (
        "Internbudget 2024 Linköpings kommun\n\n"
        "Nämndindikatorer\tUtfall 2022\tMål 2024\n"
        "Andel vårddygn i egen regi\t39%\t45 %\n"
        "Placerade per 1 000 inv 0-20 år\t13,7\t12\n"
        "Kostnad missbruksvård\tLinköping: 761 kr/inv R9: 1063kr/inv\t\n"
    ),
    # 34 Swedish ordinals in labels and in a value cell: never values
    "34_ordinals.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "Placeringar\t2022\t2023\n"
        "HVB 2:a kvartalet\t12\t15\n"
        "Familjehem 3:e kvartalet\t140\t1:a\n"
    ),
    # 36 a pipe table whose header comes again after a page break (pdf → markdown)
    "36_pipe_repeated_header.txt": (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        "| Vårddygn | 2021 | 2022 |\n|---|---|---|\n"
        "| Familjehem | 82 999 | 89 895 |\n"
        "| Vårddygn | 2021 | 2022 |\n"
        "| Jourhem | 3 150 | 2 874 |\n"
    ),
}


def long_line() -> bytes:
    """21: running text of about 1 MB on one line, with two amounts in it (written by
    the test, not committed)."""
    return (
        "Delårsrapport augusti 2023 Örebro kommun\n\n"
        + "Underskottet är 29,6 mnkr. "
        + "Verksamheten fortsätter som planerat utan avvikelser. " * 19_000
        + "Barn och unga avviker med -31,7 mnkr.\n"
    ).encode("utf-8")


def big_text(megabytes: float = 50) -> bytes:
    """20: a text file of ``megabytes`` MB — a small table, then running text, repeated
    (written by the test, not committed). Returns the bytes; each repeat holds the
    table's four values."""
    return big_unit() * big_repeats(megabytes)


def big_unit() -> bytes:
    table = (
        "| Vårddygn | 2021 | 2022 |\n|---|---|---|\n"
        "| Familjehem | 82 999 | 89 895 |\n| HVB | 49 263 | 48 128 |\n\n"
    )
    prose = "Verksamheten fortsätter enligt plan utan avvikelser under perioden.\n" * 10 + "\n"
    return (table + prose * 20).encode("utf-8")


def big_repeats(megabytes: float) -> int:
    return int(megabytes * 1e6 / len(big_unit())) + 1


def binary_garbage() -> bytes:
    rnd = random.Random(6)
    return bytes(rnd.randrange(256) for _ in range(4096))


def a_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(__import__("datetime").datetime(2026, 1, 1))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Delårsrapport augusti 2023 Örebro kommun", new_x="LMARGIN", new_y="NEXT")
    rows = (("Vårddygn", "2021", "2022"), ("Familjehem", "82 999", "89 895"))
    for label, a, b in (*rows, ("HVB", "49 263", "48 128")):
        pdf.cell(60, 8, label)
        pdf.cell(40, 8, a)
        pdf.cell(40, 8, b, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def a_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Delårsrapport augusti 2023 Örebro kommun")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Vårddygn", "2022"
    t.cell(1, 0).text, t.cell(1, 1).text = "Familjehem", "89 895"
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def merged_docx() -> bytes:
    """35: a Word table whose header cell spans two columns (gridSpan)."""
    import docx

    d = docx.Document()
    d.add_paragraph("Delårsrapport augusti 2023 Örebro kommun")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "Verksamhet, mnkr"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "2023"
    t.cell(1, 1).text, t.cell(1, 2).text = "Budget", "Prognos"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "Myndighet", "-125,7", "-125,1"
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def merged_and_formula_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Driftsammandrag"
    ws["A1"] = "Delårsrapport augusti 2023 Örebro kommun"
    ws["A3"] = "Verksamhet, mnkr"
    ws["B3"] = "2023"
    ws.merge_cells("B3:C3")  # one header over two columns
    ws["B4"], ws["C4"] = "Budget", "Prognos"
    ws["A5"], ws["B5"], ws["C5"] = "Myndighet", -125.7, -125.1
    ws["A6"], ws["B6"], ws["C6"] = "Barn och unga", -80.0, -79.5
    ws["A7"], ws["B7"], ws["C7"] = "Summa", "=B5+B6", "=C5+C6"  # never calculated
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so the file is the same every build."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", body)
            z.writestr(fixed, body)
    return out.getvalue()


def build() -> dict[str, bytes]:
    files = {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in TEXT.items()}
    pdf, docx_, xlsx = a_pdf(), a_docx(), merged_and_formula_xlsx()
    files |= {
        "03_binary.txt": binary_garbage(),
        "04_not_a_pdf.pdf": b"Delarsrapport 2023\nDet har ar text, inte PDF.\n",
        "05_truncated.pdf": pdf[: len(pdf) // 2],
        "06_truncated.docx": docx_[: len(docx_) // 2],
        "07_truncated.xlsx": xlsx[: len(xlsx) // 2],
        "23_merged_formula.xlsx": xlsx,
        "33_whole.pdf": pdf,
        "35_merged.docx": merged_docx(),
    }
    return dict(sorted(files.items()))


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for old in HERE.iterdir():
        old.unlink()
    for name, data in build().items():
        (HERE / name).write_bytes(data)
    print(f"{len(build())} filer i {HERE}")


if __name__ == "__main__":
    main()
