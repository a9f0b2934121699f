"""Hostile and oversized inputs, built here as the probe of #30 built them: each must be
refused with a Swedish message naming the file (and line), or read in bounded time and
memory. The costly reads run in a child process with a memory cap and a watchdog (a
hang or an explosion fails the test, never the machine); no test measures speed."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from sonanalys.model import DocumentError
from sonanalys.observations import parse

NBSP = "\u00a0"
WATCHDOG = 120  # seconds: a read that has not finished by then hangs
MEMORY = 3 * 1024**3  # address space of the child: an exploding read fails


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def child(code: str, env: dict | None = None) -> str:
    """Run ``code`` in a child Python with the memory cap; its stdout. A child that
    fails, runs out of memory or outlives the watchdog fails the test."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=WATCHDOG,
        preexec_fn=_cap,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


READ = """
import sys
from sonanalys.model import DocumentError
from sonanalys.readers import read
try:
    read(sys.argv[1] if len(sys.argv) > 1 else {path!r})
    print("läst")
except DocumentError as exc:
    print(exc)
"""


def refusal(path: Path, env: dict | None = None) -> str:
    return child(READ.format(path=str(path)), env).strip()


def test_a_workbook_declaring_a_cell_at_xfd1048576_is_refused_before_it_is_read(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "Vårddygn", 2022, "HVB", 48128
    ws["XFD1048576"] = 1
    p = tmp_path / "langt_bort.xlsx"
    wb.save(p)
    assert p.stat().st_size < 10_000
    assert refusal(p) == (
        f"langt_bort.xlsx: arbetsbokens blad spänner över 17{NBSP}179{NBSP}869{NBSP}184 celler "
        f"(rader × kolumner), över gränsen 1{NBSP}000{NBSP}000; ta bort tomma rader och "
        "kolumner längst ut eller dela upp filen"
    )


def _bomb(path: Path, megabytes: int) -> None:
    """A real workbook whose sheet holds ``megabytes`` MB of blanks between its tags:
    about a thousandth of that as a file."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Vårddygn"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                blanks = b" " * (1 << 24)
                for _ in range(megabytes * 1_000_000 // len(blanks)):
                    part.write(blanks)
                part.write(tail)


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    p = tmp_path / "bomb.xlsx"
    _bomb(p, 600)
    assert p.stat().st_size < 1_500_000
    said = refusal(p)
    assert said.startswith(
        "bomb.xlsx: XLSX-filens del xl/worksheets/sheet1.xml packas upp till 587 MB från"
    ), said
    assert said.endswith(
        "(mer än 200 gånger): filen är ingen vanlig arbetsbok eller Word-fil och läses inte"
    )


def test_a_sheet_of_100_000_rows_is_laid_out_in_one_pass():
    out = child(
        """
        from sonanalys.readers.render import tab_lines
        rows = [["Verksamhet", "2022", "2023"]] + [[f"Enhet {i}", str(i)] for i in range(100_000)]
        lines = tab_lines(rows)
        print(len(lines), repr(lines[1]), repr(lines[-1]))
        """
    )
    assert out.split()[0] == "100001"
    assert out.strip().endswith("'Enhet 0\\t0\\t' 'Enhet 99999\\t99999\\t'")


def test_a_csv_wider_than_the_cell_limit_is_refused_naming_it(tmp_path):
    # one row of 40 000 cells over 100 rows: 4 million cells once padded to a grid
    p = tmp_path / "bred.csv"
    p.write_text(";".join(["1"] * 40_000) + "\n" + "a;1\n" * 100, encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        from sonanalys.readers import read

        read(p)
    assert str(err.value) == (
        f"bred.csv: filen spänner över 4{NBSP}040{NBSP}000 celler (rader × kolumner), över "
        f"gränsen 1{NBSP}000{NBSP}000; ta bort tomma rader och kolumner längst ut eller dela "
        "upp filen"
    )


def test_a_megabyte_line_of_numbers_is_refused_naming_its_line(tmp_path):
    # the probe's case: a 1 MB line of numbers took 60 s on one core (numparse looked
    # for "av" in the whole text once per number), and each number's row would copy it
    p = tmp_path / "siffror.txt"
    p.write_text("Delårsrapport 2023\n\n" + "1 234 mnkr " * 95_000 + "\n", encoding="utf-8")
    assert refusal(p) == (
        f"siffror.txt, rad 3: raden har 190{NBSP}000 tal på 1{NBSP}045{NBSP}000 tecken: för "
        "mycket text att upprepa för varje tal; dela raden i kortare rader eller meningar"
    )


def test_numbers_in_a_megabyte_of_text_are_scanned_in_one_pass():
    out = child(
        """
        from sonanalys import numparse as N
        tokens = N.scan("1 234 mnkr " * 95_000)
        print(len(tokens), tokens[-1].value)
        """
    )
    assert out.split() == ["95000", "1234.0"]


def test_a_paragraph_of_numbers_without_a_full_stop_keeps_each_label_short(tmp_path):
    # 5 000 lines of one "sentence": each number's row label would be all of it (1 GB)
    p = tmp_path / "utan_punkt.txt"
    p.write_text(
        "Delårsrapport 2023\n\n" + "kostnaden ökade med 1 234 mnkr och\n" * 5_000,
        encoding="utf-8",
    )
    out = child(
        f"""
        from sonanalys.observations import parse
        r = parse([{str(p)!r}])
        o = r.observations
        print(len(o), o.row_label.str.len().max(), o.row_label.iloc[-1][-30:], r.errors)
        """
    )
    n, longest, *rest = out.split(maxsplit=2)
    assert int(n) == 5_000
    assert 1_900 < int(longest) <= 2_001  # "…" and the text before the number
    assert rest[0].strip() == "kostnaden ökade med 1 234 mnkr []"


def test_a_document_over_its_time_budget_is_refused_and_the_others_are_read(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "badinput_make", Path(__file__).parent / "badinput" / "make.py"
    )
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    (tmp_path / "stor.txt").write_bytes(b"Delarsrapport 2023\n\n" + make.big_text(4))
    (tmp_path / "liten.txt").write_text("Vårddygn\t2022\nHVB\t48 128\n", encoding="utf-8")
    out = child(
        f"""
        from sonanalys.observations import parse
        r = parse([{str(tmp_path)!r}])
        print(list(r.observations.value))
        print(r.errors)
        """,
        env={"SONANALYS_DOCUMENT_SECONDS": "0.2"},
    )
    values, errors = out.strip().split("\n")
    assert values == "[48128.0]"
    assert errors == (
        "['stor.txt: tolkningen tog mer än 0,2 sekunder (gränsen per dokument) och avbröts; "
        "dela upp dokumentet, eller höj gränsen med miljövariabeln SONANALYS_DOCUMENT_SECONDS']"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from sonanalys.readers import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2 * limits.MB)
    p = tmp_path / "stor.txt"
    p.write_bytes(b"Vardddygn 2022\n" * 400_000)
    result = parse([p])
    assert result.errors == [
        "stor.txt: filen är 6 MB, över gränsen 2 MB per dokument; dela upp den i mindre filer"
    ]


def test_a_file_that_grows_while_it_is_read_is_read_whole_up_to_the_limit(tmp_path, monkeypatch):
    # read_bytes asks for the size the file had, plus one byte: a file grown since is
    # read on, and one grown past the limit is still refused (never more read than it)
    from types import SimpleNamespace

    import sonanalys.readers as readers
    from sonanalys.readers import limits, read_bytes

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2 * limits.MB)
    p = tmp_path / "vaxer.txt"

    def said(size):  # os.fstat as the reader sees it: the size the file had
        fstat = SimpleNamespace(fstat=lambda fd: SimpleNamespace(st_size=size))
        monkeypatch.setattr(readers, "os", fstat)

    p.write_bytes("Vårddygn 2022\n".encode() * 100_000)  # 1,5 MB
    said(10)
    assert read_bytes(p, "vaxer.txt") == p.read_bytes()
    p.write_bytes("Vårddygn 2022\n".encode() * 400_000)  # 6 MB
    with pytest.raises(DocumentError, match="över gränsen 2 MB"):
        read_bytes(p, "vaxer.txt")


def test_the_count_of_numbers_is_exact_where_the_lines_lengths_do_not_settle_it(monkeypatch):
    # check_text skips counting when the lengths alone keep every count within its
    # limit; where they do not, it counts: a guard on that shortcut's edges
    from sonanalys.readers import limits

    monkeypatch.setattr(limits, "MAX_NUMBERS", 10)
    limits.check_text("a b c d e f g h i j k l m n\n", "ord.txt")  # 28 characters, no number
    limits.check_text("1 2 3 4 5 6 7 8 9 10 a b c\n", "tio.txt")  # ten numbers
    with pytest.raises(DocumentError, match="dokumentet har 11 tal, över gränsen 10"):
        limits.check_text("1 2 3 4 5 6 7 8 9 10 11\n", "elva.txt")
    monkeypatch.setattr(limits, "MAX_NUMBERS", 1_000_000)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_WEIGHT", 100)
    limits.check_text("x" * 40 + "\n" + "y" * 40 + " 1\n", "vikt.txt")  # weight 42
    with pytest.raises(DocumentError, match="för många tal på för långa rader"):
        limits.check_text("1 " * 20 + "\n" + "2 " * 20 + "\n", "vikt.txt")  # 2 × 20 × 40


def test_a_line_over_the_length_limit_is_refused_naming_its_line(tmp_path):
    p = tmp_path / "rad.txt"
    p.write_bytes(b"Rubrik\n\n" + b"x" * 5_000_001 + b"\n")
    with pytest.raises(DocumentError) as err:
        from sonanalys.readers import read

        read(p)
    assert str(err.value) == (
        f"rad.txt, rad 3: raden är 5{NBSP}000{NBSP}001 tecken lång, över gränsen "
        f"5{NBSP}000{NBSP}000 tecken per rad; filen är troligen ingen text"
    )


def test_the_real_documents_are_far_within_every_limit():
    from sonanalys.readers import limits

    root = Path(__file__).parents[1]
    docs = [*(root / "data" / "raw").glob("*.*"), *(root / "tests" / "corpus").rglob("*.*")]
    docs = [d for d in docs if d.suffix in (".txt", ".pdf") and d.name != "README.md"]
    assert len(docs) >= 19
    for d in docs:
        assert d.stat().st_size * 20 < limits.MAX_FILE_BYTES
        if d.suffix == ".txt":
            text = d.read_text(encoding="utf-8")
            limits.check_text(text, d.name)
            assert max(map(len, text.split("\n"))) * 100 < limits.MAX_LINE_CHARS


def test_a_csv_cell_longer_than_csvs_default_limit_is_read(tmp_path):
    # csv's own limit is 131 072 characters a field: past it, an "internal error"
    p = tmp_path / "lang_cell.csv"
    p.write_text('Verksamhet;2022\nHVB;"' + "x" * 200_000 + '"\nSiS;12\n', encoding="utf-8")
    result = parse([p])
    assert result.errors == []
    assert list(result.observations.value) == [12.0]


def test_a_workbook_with_too_many_cells_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch):
    import openpyxl

    from sonanalys.readers import limits, read

    wb = openpyxl.Workbook()
    for r in range(30):
        wb.active.append([f"Enhet {r}", r, r + 1, r + 2])
    p = tmp_path / "manga.xlsx"
    wb.save(p)
    monkeypatch.setattr(limits, "MAX_CELLS", 100)

    def never(*args, **kwargs):
        raise AssertionError("openpyxl read the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(DocumentError) as err:
        read(p)
    assert str(err.value) == (
        "manga.xlsx: arbetsbokens blad har 120 celler, över "
        "gränsen 100; ta bort tomma rader och kolumner längst ut eller dela upp filen"
    )
