"""Windows-1252's punctuation kept as C1 control characters (U+0080–U+009F) in
otherwise good text: read as the character it stands for, and said line by line;
a double conversion is undone where every line provably turns back, else named
as such; a control Windows-1252 has no character for
is refused as before."""

from __future__ import annotations

import pytest

from sonanalys import parse
from sonanalys.model import DocumentError
from sonanalys.readers import read
from sonanalys.readers.encoding import decode

# Kolada's own KPI descriptions carry these (``Antal barn och unga 0\x9620 år``)
C1_DASH = "\u0096"


def test_decode_reads_c1_as_windows_1252_and_says_where():
    data = f"Rubrik\nBarn 0{C1_DASH}20 år\n\u0093Citat\u0094 igen\n".encode()
    text, enc, notes = decode(data, "k.txt")
    assert enc == "utf-8"
    assert text == "Rubrik\nBarn 0–20 år\n“Citat” igen\n"
    assert [(n, shown) for n, shown, _ in notes] == [(2, "Barn 0–20 år"), (3, "“Citat” igen")]
    assert "U+0096 = –" in notes[0][2]
    assert "U+0093 = “" in notes[1][2] and "U+0094 = ”" in notes[1][2]


def test_text_without_c1_has_no_notes():
    text, _enc, notes = decode("Barn 0–20 år\n".encode(), "k.txt")
    assert text == "Barn 0–20 år\n" and notes == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("Barn \u0081 år\n".encode(), "U+0081"),  # no character in Windows-1252
        (f"Barn 0{C1_DASH}20 år\nett \u0007 klockslag\n".encode(), "U+0096"),
    ],
)
def test_other_controls_are_refused_as_before(data, code):
    with pytest.raises(DocumentError) as err:
        decode(data, "k.txt")
    assert f"okänd teckenkodning eller binärdata (tecken {code})" in str(err.value)


def test_a_double_conversion_is_undone_where_every_line_turns_back():
    # 'Ã\x85ret i Ã\x96rebro': UTF-8 read as Latin-1 and saved as UTF-8 again
    data = "Rubrik\nÅret i Örebro\nVård 12,5\n".encode().decode("latin-1").encode()
    text, enc, notes = decode(data, "k.txt")
    assert text == "Rubrik\nÅret i Örebro\nVård 12,5\n"
    assert enc == "utf-8"
    assert len(notes) == 1  # once for the file, at its first mangled line
    line, shown, why = notes[0]
    assert (line, shown) == (2, "Året i Örebro")
    assert why.startswith("filen var konverterad två gånger (UTF-8 läst som Latin-1")
    assert "'Ã\\x85' där 'Å' ska stå" in why


def test_a_double_conversion_through_windows_1252_is_undone():
    data = "Året i Örebro\n".encode().decode("cp1252").encode()  # 'Ã…ret i Ã–rebro'
    text, _enc, notes = decode(data, "k.txt")
    assert text == "Året i Örebro\n"
    assert "UTF-8 läst som Windows-1252" in notes[0][2]
    assert "'Ã…' där 'Å' ska stå" in notes[0][2]


@pytest.mark.parametrize(
    "data",
    [
        # one line converted twice, one line not: no single conversion turns both back
        ("Året".encode().decode("latin-1") + "\nÖrebro 12\n").encode(),
        # a character Latin-1 and Windows-1252 do not have ('€' beside 'Ã¥' in cp1252: no)
        ("Ã¥r \u20ac\u0081\n").encode(),
    ],
)
def test_a_double_conversion_not_provably_undone_is_refused(data):
    with pytest.raises(DocumentError) as err:
        decode(data, "k.txt")
    assert "texten är felkodad" in str(err.value)
    assert err.value.line == 1


def test_a_double_converted_csv_reads_as_the_original(tmp_path):
    rows = "År;Län;Antal\n2024;Dalarnas län;1 204\n2024;Gävleborgs län;987\n"
    good, bad = tmp_path / "a.csv", tmp_path / "b.csv"
    good.write_text(rows, encoding="utf-8")
    bad.write_bytes(rows.encode().decode("latin-1").encode())
    first, second = parse([good]), parse([bad])
    cols = ["row_label", "column_label", "value"]
    assert first.observations[cols].values.tolist() == second.observations[cols].values.tolist()
    assert sorted(second.observations.value) == [987.0, 1204.0]
    said = second.report[second.report.reason.str.startswith("filen var konverterad")]
    assert list(said.line) == [1]


def test_a_text_table_with_c1_is_read_and_reported(tmp_path):
    p = tmp_path / "volymer.txt"
    p.write_text(
        "Antal placerade barn\n\n"
        "| Åldersgrupp | 2022 | 2023 |\n"
        "|---|---|---|\n"
        f"| Barn 0{C1_DASH}12 år | 41 | 38 |\n"
        f"| Unga 13{C1_DASH}20 år | 57 | 62 |\n",
        encoding="utf-8",
    )
    result = parse([p])
    obs = result.observations
    got = sorted(zip(obs.row_label, obs.column_label, obs.value, obs.line, strict=True))
    assert got == [
        ("Barn 0–12 år", "2022", 41.0, 5),
        ("Barn 0–12 år", "2023", 38.0, 5),
        ("Unga 13–20 år", "2022", 57.0, 6),
        ("Unga 13–20 år", "2023", 62.0, 6),
    ]
    said = result.report[result.report.reason.str.startswith("styrtecken")]
    assert list(said.line) == [5, 6]
    assert set(said.severity) == {"info"}


def test_a_csv_with_c1_names_its_file_line(tmp_path):
    p = tmp_path / "kolada.csv"
    p.write_bytes(
        "Kommun;Nyckeltal;År;Värde\n"
        "Växjö;Kommunen;2022;1 801\n"
        f"Växjö;Barn 0{C1_DASH}20 år, antal;2023;1 812\n".encode()
    )
    result = parse([p])
    labels = set(result.observations.row_label)
    assert any("Barn 0–20 år" in label for label in labels)
    assert not any(C1_DASH in label for label in labels)
    said = result.report[result.report.reason.str.startswith("styrtecken")]
    assert list(said.line) == [3]
    assert "U+0096 = –" in said.reason.iloc[0]


def test_a_web_page_with_c1_names_its_file_line(tmp_path):
    p = tmp_path / "sida.html"
    p.write_bytes(
        "<html><body>\n<h1>Placeringar</h1>\n<table>\n"
        "<tr><th>Grupp</th><th>2023</th></tr>\n"
        f"<tr><td>Barn 0{C1_DASH}12 år</td><td>38</td></tr>\n"
        "</table>\n</body></html>\n".encode()
    )
    doc = read(p)
    assert "Barn 0–12 år" in "\n".join(doc.lines)
    result = parse([p])
    said = result.report[result.report.reason.str.startswith("styrtecken")]
    assert list(said.line) == [5]
