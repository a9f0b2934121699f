"""The bad-input corpus (tests/badinput/files, rebuilt by tests/badinput/make.py): each
malformed or hostile input with exactly what the parser must make of it — a refusal
naming the file (and the line where there is one), or these observations and these
parse-report rows and no others. Two more inputs are too big to commit and are written
here: a 50 MB text file and a 1 MB line."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sonanalys.model import DocumentError
from sonanalys.observations import parse
from sonanalys.readers import read

HERE = Path(__file__).parent / "badinput"
FILES = HERE / "files"
_spec = importlib.util.spec_from_file_location("badinput_make", HERE / "make.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)


@dataclass
class Refused:
    """``read`` raises DocumentError: ``<file>[, rad N]: <message>``."""

    message: str
    line: int | None = None


@dataclass
class Read:
    """Observations as (line, row, column, entity, value, high, qualifier, unit) and
    report rows as (line, token, reason, severity) — exactly these."""

    obs: list[tuple] = field(default_factory=list)
    report: list[tuple] = field(default_factory=list)


CASES = {
    "01_empty.txt": Refused("filen är tom", line=None),
    "02_whitespace.txt": Refused("filen innehåller bara blanktecken", line=None),
    "03_binary.txt": Refused("binärfil (innehåller NUL-byte), inte text", line=1),
    "04_not_a_pdf.pdf": Refused("inte en PDF (filen börjar inte med %PDF)", line=None),
    "05_truncated.pdf": Refused("PDF:en är skadad eller avkortad", line=None),
    "06_truncated.docx": Refused(
        "DOCX-filen kan inte läsas (skadad eller avkortad: inte ett fullständigt zip-arkiv)",
        line=None,
    ),
    "07_truncated.xlsx": Refused(
        "XLSX-filen kan inte läsas (skadad eller avkortad: inte ett fullständigt zip-arkiv)",
        line=None,
    ),
    "08_utf16.txt": Read(
        obs=[
            (7, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (7, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2021", "", 49263.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2022", "", 48128.0, None, "", "dygn"),
        ],
        report=[],
    ),
    "09_cp1252.txt": Read(
        obs=[
            (7, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (7, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2021", "", 49263.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2022", "", 48128.0, None, "", "dygn"),
        ],
        report=[],
    ),
    "10_cut_mid_row.txt": Read(
        obs=[
            (5, "Myndighet", "Budget 2023", "", -125.7, None, "", "mnkr"),
            (5, "Myndighet", "Budget 2024", "", -130.2, None, "", "mnkr"),
            (6, "Barn och unga", "Budget 2023", "", -80.0, None, "", "mnkr"),
        ],
        report=[
            (
                6,
                "-8",
                "raden saknar avslutande | (avklippt?); sista cellen läses inte",
                "warning",
            ),
        ],
    ),
    "11_ragged.txt": Read(
        obs=[
            (4, "HVB barn", "2021", "", 12.0, None, "", "antal"),
            (4, "HVB barn", "2022", "", 15.0, None, "", "antal"),
            (5, "Familjehem barn", "2021", "", 140.0, None, "", "antal"),
            (6, "SiS unga", "2021", "", 6.0, None, "", "antal"),
            (6, "SiS unga", "2022", "", 7.0, None, "", "antal"),
        ],
        report=[
            (4, "99", "cellen står utanför rubrikens kolumner; värdet läses inte", "warning"),
        ],
    ),
    "12_header_only.txt": Read(
        obs=[],
        report=[],
    ),
    "13_glued_tables.txt": Read(
        obs=[
            (5, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (5, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (8, "Familjehem", "2021", "", 2690.0, None, "", "kr/dygn"),
            (8, "Familjehem", "2022", "", 2648.0, None, "", "kr/dygn"),
        ],
        report=[],
    ),
    "14_pipe_escaped.txt": Read(
        obs=[
            (5, "Vuxna | missbruk", "Utfall 2022, mnkr", "", -60.4, None, "", "mnkr"),
            (5, "Vuxna | missbruk", "Utfall 2023, mnkr", "", -64.9, None, "", "mnkr"),
            (6, "Barn och unga", "Utfall 2022, mnkr", "", -80.0, None, "", "mnkr"),
            (6, "Barn och unga", "Utfall 2023, mnkr", "", -79.5, None, "", "mnkr"),
        ],
        report=[],
    ),
    "15_two_decimal_commas.txt": Read(
        obs=[
            (4, "Myndighet", "Budget 2023", "", -125.7, None, "", "mnkr"),
        ],
        report=[
            (4, "-125,1,5", "flera decimalkomman", "warning"),
        ],
    ),
    "16_mixed_units.txt": Read(
        obs=[
            (4, "Vakansprövning", "Effekt 2021", "", 1800.0, None, "", "tkr"),
            (5, "Minskade HVB-placeringar", "Effekt 2021", "", 2.5, None, "", "mnkr"),
            (6, "Hemtagning", "Effekt 2021", "", 0.5, None, "ca", "mnkr"),
            (7, "Översyn av avtal", "Effekt 2021", "", 0.5, 1.0, "", "mnkr"),
        ],
        report=[],
    ),
    "17_wrong_group.txt": Read(
        obs=[
            (4, "Vårddygn HVB", "2024", "", 1801.0, None, "", "dygn"),
        ],
        report=[
            (4, "1 80 1", "siffergrupper av fel längd (tusentalsavgränsning?)", "warning"),
        ],
    ),
    "18_year_like_value.txt": Read(
        obs=[
            (4, "Familjehem", "2022", "", 2020.0, None, "", "kr/dygn"),
            (4, "Familjehem", "2023", "", 2115.0, None, "", "kr/dygn"),
        ],
        report=[],
    ),
    "19_no_data_cells.txt": Read(
        obs=[
            (4, "Placerade per 1000 inv 0-20 år", "2016", "", 25.3, None, "", "per1000"),
            (5, "Kostnad per vårddygn familjehem, kr", "2016", "", 1974.0, None, "", "kr/dygn"),
        ],
        report=[
            (4, "..", "uppgift saknas enligt cellen", "info"),
            (4, "-", "uppgift saknas enligt cellen", "info"),
            (5, "i u", "uppgift saknas enligt cellen", "info"),
            (5, "–", "uppgift saknas enligt cellen", "info"),
        ],
    ),
    "22_nested_tags.txt": Read(
        obs=[
            (4, "Vakansprövning", "Effekt 2021, mnkr", "", 1.5, None, "", "mnkr"),
            (5, "Summa", "Effekt 2021, mnkr", "", 1.5, None, "", "mnkr"),
        ],
        report=[],
    ),
    "23_merged_formula.xlsx": Read(
        obs=[
            (5, "Myndighet", "2023 / Budget", "", -125.7, None, "", "mnkr"),
            (5, "Myndighet", "2023 / Prognos", "", -125.1, None, "", "mnkr"),
            (6, "Barn och unga", "2023 / Budget", "", -80.0, None, "", "mnkr"),
            (6, "Barn och unga", "2023 / Prognos", "", -79.5, None, "", "mnkr"),
        ],
        report=[
            (
                7,
                "=B5+B6",
                "formel utan sparat värde: öppna och spara filen i Excel så att värdet räknas ut",
                "warning",
            ),
            (
                7,
                "=C5+C6",
                "formel utan sparat värde: öppna och spara filen i Excel så att värdet räknas ut",
                "warning",
            ),
        ],
    ),
    "24_repeated_header.txt": Read(
        obs=[
            (4, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (4, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (5, "Institutionsvård, HVB", "2021", "", 49263.0, None, "", "dygn"),
            (5, "Institutionsvård, HVB", "2022", "", 48128.0, None, "", "dygn"),
            (7, "Jourhem", "2021", "", 3150.0, None, "", "dygn"),
            (7, "Jourhem", "2022", "", 2874.0, None, "", "dygn"),
            (8, "SiS", "2021", "", 1204.0, None, "", "dygn"),
            (8, "SiS", "2022", "", 1577.0, None, "", "dygn"),
        ],
        report=[],
    ),
    # converted twice (its 'Ö' is 'Ã\x96'): every line turns back losslessly, so it is read
    # as it was written, and the parse report says so once, at the first mangled line
    "25_double_encoded.txt": Read(
        obs=[
            (7, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (7, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2021", "", 49263.0, None, "", "dygn"),
            (8, "Institutionsvård, HVB", "2022", "", 48128.0, None, "", "dygn"),
        ],
        report=[
            (
                1,
                "Delårsrapport augusti 2023 Örebro kommun Socialnämnden",
                "filen var konverterad två gånger (UTF-8 läst som Latin-1 och sparad som UTF-8 "
                "igen, 'Ã¥' där 'å' ska stå): konverteringen vändes för hela filen, och varje "
                "rad gick att vända utan förlust; läst som Delårsrapport augusti 2023 Örebro "
                "kommun Socialnämnden",
                "info",
            ),
        ],
    ),
    "26_nul_byte.txt": Refused("binärfil (innehåller NUL-byte), inte text", line=2),
    "27_separator_only.txt": Read(
        obs=[],
        report=[],
    ),
    "28_semicolon.csv": Read(
        obs=[
            (2, "Myndighet", "Budget 2023 mnkr", "", -125.7, None, "", "mnkr"),
            (2, "Myndighet", "Avvikelse 2023 mnkr", "", -81.5, None, "", "mnkr"),
            (3, "Barn och unga", "Budget 2023 mnkr", "", 1801.5, None, "", "mnkr"),
            (3, "Barn och unga", "Avvikelse 2023 mnkr", "", 0.5, None, "", "mnkr"),
        ],
        report=[],
    ),
    "29_minus_signs.txt": Read(
        obs=[
            (4, "Barn", "2022", "", -31.7, None, "", "mnkr"),
            (4, "Barn", "2023", "", -12.0, None, "", "mnkr"),
            (5, "Vuxna", "2022", "", 4.2, None, "", "mnkr"),
            (5, "Vuxna", "2023", "", -0.5, None, "", "mnkr"),
        ],
        report=[],
    ),
    "30_footnotes.txt": Read(
        obs=[
            (4, "Kostnad missbruksvård vuxna, kr/inv", "2022", "", 761.0, None, "", "kr/inv"),
            (4, "Kostnad missbruksvård vuxna, kr/inv", "2023", "", 780.0, None, "", "kr/inv"),
        ],
        report=[],
    ),
    "31_prose_without_units.txt": Read(
        obs=[
            (4, "Effekten beräknas till 4,5 mnkr under 2020.", "", "", 4.5, None, "", "mnkr"),
        ],
        # counts whose measure no rule reads ("14 åtgärder i 3 områden"): said, not read
        report=[
            (3, "14", "tal i löptext: meningen säger inte vad talet mäter, läses inte", "warning"),
            (3, "3", "tal i löptext: meningen säger inte vad talet mäter, läses inte", "warning"),
        ],
    ),
    "32_indicator_units.txt": Read(
        obs=[
            (4, "Andel vårddygn i egen regi", "Utfall 2022", "", 39.0, None, "", "procent"),
            (4, "Andel vårddygn i egen regi", "Mål 2024", "", 45.0, None, "", "procent"),
            (5, "Placerade per 1 000 inv 0-20 år", "Utfall 2022", "", 13.7, None, "", "per1000"),
            (5, "Placerade per 1 000 inv 0-20 år", "Mål 2024", "", 12.0, None, "", "per1000"),
            (6, "Kostnad missbruksvård", "Utfall 2022", "Linköping", 761.0, None, "", "kr/inv"),
            (6, "Kostnad missbruksvård", "Utfall 2022", "R9", 1063.0, None, "", "kr/inv"),
        ],
        report=[],
    ),
    "33_whole.pdf": Read(
        obs=[
            (4, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (4, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (5, "HVB", "2021", "", 49263.0, None, "", "dygn"),
            (5, "HVB", "2022", "", 48128.0, None, "", "dygn"),
        ],
        report=[],
    ),
    "34_ordinals.txt": Read(
        obs=[
            (4, "HVB 2:a kvartalet", "2022", "", 12.0, None, "", ""),
            (4, "HVB 2:a kvartalet", "2023", "", 15.0, None, "", ""),
            (5, "Familjehem 3:e kvartalet", "2022", "", 140.0, None, "", ""),
        ],
        report=[
            (5, "1:a", "ordningstal, inte ett värde", "info"),
        ],
    ),
    "35_merged.docx": Read(
        obs=[
            (6, "Myndighet", "2023 / Budget", "", -125.7, None, "", "mnkr"),
            (6, "Myndighet", "2023 / Prognos", "", -125.1, None, "", "mnkr"),
        ],
        report=[],
    ),
    "36_pipe_repeated_header.txt": Read(
        obs=[
            (5, "Familjehem", "2021", "", 82999.0, None, "", "dygn"),
            (5, "Familjehem", "2022", "", 89895.0, None, "", "dygn"),
            (7, "Jourhem", "2021", "", 3150.0, None, "", "dygn"),
            (7, "Jourhem", "2022", "", 2874.0, None, "", "dygn"),
        ],
        report=[],
    ),
}


def observed(result) -> tuple[list[tuple], list[tuple]]:
    o = [
        (
            int(x.line), x.row_label, x.column_label, x.entity, x.value,
            None if x.value_high != x.value_high else x.value_high, x.qualifier, x.unit,
        )
        for x in result.observations.itertuples()
    ]  # fmt: skip
    r = [(int(x.line), x.token, x.reason, x.severity) for x in result.report.itertuples()]
    return o, r


def test_the_corpus_is_complete_and_reproducible():
    assert sorted(p.name for p in FILES.iterdir()) == sorted(CASES)
    assert len(CASES) + 2 >= 30  # with the two written by the tests below
    for name, data in make.build().items():  # make.py gives the committed bytes
        assert (FILES / name).read_bytes() == data, name


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name):
    case, path = CASES[name], FILES / name
    if isinstance(case, Refused):
        with pytest.raises(DocumentError) as err:
            read(path)
        where = name if case.line is None else f"{name}, rad {case.line}"
        assert str(err.value) == f"{where}: {case.message}"
        assert err.value.line == case.line
        # parse goes on and records it as an error row naming the file
        result = parse([path])
        assert result.observations.empty
        assert list(result.report.severity) == ["error"]
        assert result.report.reason.iloc[0] == str(err.value)
    else:
        obs, report = observed(parse([path]))
        assert obs == case.obs
        assert report == case.report


def test_a_50_mb_text_file_is_read_whole(tmp_path):
    p = tmp_path / "stor.txt"
    p.write_bytes(b"Delarsrapport 2023\n\n" + make.big_text(50))
    assert p.stat().st_size >= 50_000_000
    result = parse([p])
    n = make.big_repeats(50)
    assert len(result.observations) == 4 * n  # every table's four values, no more
    assert result.report.empty
    assert sorted(set(result.observations.value)) == [48128.0, 49263.0, 82999.0, 89895.0]


def test_a_one_megabyte_line(tmp_path):
    p = tmp_path / "lang_rad.txt"
    p.write_bytes(make.long_line())
    assert max(map(len, p.read_text(encoding="utf-8").split("\n"))) > 1_000_000
    obs, report = observed(parse([p]))
    assert obs == [
        (3, "Underskottet är 29,6 mnkr.", "", "", 29.6, None, "", "mnkr"),
        (3, "Barn och unga avviker med -31,7 mnkr.", "", "", -31.7, None, "", "mnkr"),
    ]
    assert report == []


# the economist's message is Swedish throughout: the codec's, zip's and csv's own English
# ("truncated data", "File is not a zip file") stays on the exception chain
ENGLISH = ("truncated", "invalid", "zip file", "end of", "can't decode", "File is not")


@pytest.mark.parametrize(
    "name, data, message, line",
    [
        (
            "avkortad.txt",
            "\ufeffhej".encode("utf-16") + b"\x00",
            "texten är inte giltig utf-16: filen slutar mitt i ett tecken (avkortad), vid byte 10",
            None,
        ),
        (
            "halv.txt",
            b"\xff\xfeh\x00e\x00j\x00\x00\xd8a\x00",
            "texten är inte giltig utf-16: en byte som inte hör till kodningen, vid byte 8",
            None,
        ),
    ],
)
def test_a_refusal_is_swedish_throughout(tmp_path, name, data, message, line):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read(p)
    assert str(err.value) == f"{name}: {message}"
    assert not any(w in str(err.value) for w in ENGLISH)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if isinstance(c, Refused)])
def test_no_english_in_a_refusal(name):
    with pytest.raises(DocumentError) as err:
        read(FILES / name)
    message = str(err.value).split(": ", 1)[1]  # the file's own name may be English
    assert not any(w in message for w in ENGLISH)
