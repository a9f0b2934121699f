"""What a new user meets first, tried end to end: a folder with no documents, empty files,
the notebooks run by papermill on a period the documents do not hold."""

from __future__ import annotations

from sonanalys.cli import main


def _no_documents(folder):
    folder.mkdir()
    (folder / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "anteckning.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    return folder


def test_parse_of_a_folder_without_documents_fails_naming_it(tmp_path, capsys):
    # before: exit 0, "0 dokument", and empty frames written (over any earlier ones)
    folder = _no_documents(tmp_path / "Delår 2024")
    out = tmp_path / "out"
    assert main(["parse", "--data", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"fel: {folder}: inga dokument här (läser .csv .docx" in err
    assert "inget skrevs" in err
    assert "hoppar över" in err and "bild.png" in err and "anteckning.doc" in err
    assert not out.exists()


def test_report_of_a_folder_without_documents_says_so(tmp_path, capsys):
    # before: "dokumenten säger inte vilken kommun de gäller; ange den med --municipality",
    # exit 2: a municipality would not have helped
    folder = _no_documents(tmp_path / "Delår 2024")
    out = tmp_path / "rapporter"
    code = main(["report", "--data", str(folder), "--out", str(out),
                 "--log-dir", str(tmp_path / "logg")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert f"fel: {folder}: inga dokument här (läser .csv .docx" in err
    assert "Ingen rapport skrevs." in err and "--municipality" not in err
    assert not out.exists()


def test_two_empty_files_are_each_said_to_be_empty(tmp_path, capsys):
    # before: the second was "samma innehåll som tom.pdf" and its emptiness never said
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tom.pdf").write_bytes(b"")
    (folder / "tom.txt").write_bytes(b"")
    (folder / "a.txt").write_text("Belopp mnkr\tBudget 2024\nNetto\t1 801\n", encoding="utf-8")
    assert main(["parse", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "fel: tom.pdf: filen är tom" in err and "fel: tom.txt: filen är tom" in err
    assert "samma innehåll" not in err
