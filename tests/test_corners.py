"""Nothing lost in the corners (#30): Word's tracked changes, content controls and
nested tables; invisible characters inside numbers; sources named by their path in the
folder given; duplicates by content read once and said once. Every file is built here."""

from __future__ import annotations

import os
from pathlib import Path

from sonanalys.observations import parse

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _obs(result):
    return [(x.row_label, x.column_label, x.value) for x in result.observations.itertuples()]


def _xml(fragment: str):
    from docx.oxml import parse_xml

    return parse_xml(f'<w:root xmlns:w="{W}">{fragment}</w:root>')[0]


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _cell(inner: str) -> str:
    return f"<w:tc><w:p>{inner}</w:p></w:tc>"


def _change(kind: str, inner: str, n: int) -> str:
    return (
        f'<w:{kind} w:id="{n}" w:author="Ekonom" w:date="2026-01-01T00:00:00Z">{inner}</w:{kind}>'
    )


def _word(tmp_path: Path, name: str, build) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Delårsrapport augusti 2023", 1)
    build(d)
    p = tmp_path / name
    d.save(p)
    return p


def _table(d, rows: list[list[str]]):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return t


def test_tracked_changes_are_read_as_accepted_and_said(tmp_path):
    def build(d):
        t = _table(d, [["Vårddygn", "Budget 2023"], ["Hemtjänst", "-120,5"]])
        tbl = t._tbl
        # a row inserted with tracking on: its text sits in w:ins, the row is marked
        ins_row = _xml(
            "<w:tr><w:trPr>" + _change("ins", "", 1) + "</w:trPr>"
            + _cell(_change("ins", _run("Familjehem"), 2))
            + _cell(_change("ins", _run("-140,2"), 3))
            + "</w:tr>"
        )  # fmt: skip
        tbl.append(ins_row)
        # a value changed with tracking on: the old one deleted, the new inserted
        changed = _xml(
            "<w:tr>" + _cell(_run("HVB"))
            + _cell(_change("del", _run("-99,0", deleted=True), 4)
                    + _change("ins", _run("-98,5"), 5))
            + "</w:tr>"
        )  # fmt: skip
        tbl.append(changed)
        # a row deleted with tracking on: it is not in the document as it reads
        gone = _xml(
            "<w:tr><w:trPr>" + _change("del", "", 6) + "</w:trPr>"
            + _cell(_change("del", _run("SiS", deleted=True), 7))
            + _cell(_change("del", _run("-7,0", deleted=True), 8))
            + "</w:tr>"
        )  # fmt: skip
        tbl.append(gone)

    result = parse([_word(tmp_path, "spårad.docx", build)])
    assert _obs(result) == [
        ("Hemtjänst", "Budget 2023", -120.5),
        ("Familjehem", "Budget 2023", -140.2),
        ("HVB", "Budget 2023", -98.5),
    ]
    said = result.report[result.report.reason.str.contains("spårade")]
    assert list(said.reason) == [
        "dokumentet har spårade ändringar som inte är godkända (3 infogade, 1 borttagna, "
        "1 infogade tabellrader, 1 borttagna tabellrader): läst som om alla vore godkända"
    ]
    assert list(said.severity) == ["warning"]


def test_a_table_inside_a_content_control_is_read(tmp_path):
    def build(d):
        t = _table(d, [["Placeringar", "2022", "2023"], ["HVB", "41", "38"]])
        tbl = t._tbl
        body = tbl.getparent()
        sdt = _xml("<w:sdt><w:sdtPr><w:alias w:val='Tabell'/></w:sdtPr><w:sdtContent/></w:sdt>")
        body.replace(tbl, sdt)
        sdt.find(f"{{{W}}}sdtContent").append(tbl)
        # and a paragraph whose amount sits in an inline content control
        p = d.add_paragraph("Underskottet är ")
        inline = _xml(
            "<w:sdt><w:sdtPr/><w:sdtContent>" + _run("29,6 mnkr") + "</w:sdtContent></w:sdt>"
        )
        p._p.append(inline)
        p.add_run(".")

    result = parse([_word(tmp_path, "kontroll.docx", build)])
    assert _obs(result) == [
        ("HVB", "2022", 41.0),
        ("HVB", "2023", 38.0),
        ("Underskottet är 29,6 mnkr.", "", 29.6),
    ]


def test_a_table_nested_in_a_cell_is_read_as_a_table(tmp_path):
    def build(d):
        outer = _table(d, [["Område", "Detaljer"], ["Barn och unga", ""]])
        cell = outer.cell(1, 1)
        inner = cell.add_table(rows=3, cols=2)
        for r, row in enumerate([["Vårdform", "Vårddygn 2022"], ["Familjehem", "82 999"],
                                  ["HVB", "49 263"]]):  # fmt: skip
            for c, text in enumerate(row):
                inner.cell(r, c).text = text

    result = parse([_word(tmp_path, "nastlad.docx", build)])
    assert set(result.observations.table) == {"Barn och unga / Detaljer"}
    assert _obs(result) == [
        ("Familjehem", "Vårddygn 2022", 82999.0),
        ("HVB", "Vårddygn 2022", 49263.0),
    ]


def test_invisible_characters_inside_numbers_are_removed_and_said(tmp_path):
    p = tmp_path / "osynligt.txt"
    p.write_text(
        "Vårddygn\t2021\t2022\n"
        "Familjehem\t82\u200b999\t89\u00a0895\n"
        "HVB\t\u200e-49 263\t48\u00ad128\n"
        "SiS\t1\u2060204\t1\u200d150\n",
        encoding="utf-8",
    )
    result = parse([p])
    assert _obs(result) == [
        ("Familjehem", "2021", 82999.0),
        ("Familjehem", "2022", 89895.0),
        ("HVB", "2021", -49263.0),
        ("HVB", "2022", 48128.0),
        ("SiS", "2021", 1204.0),
        ("SiS", "2022", 1150.0),
    ]
    rep = result.report
    assert [(int(x.line), x.reason, x.severity) for x in rep.itertuples()] == [
        (2, "osynligt tecken inne i ett tal togs bort (U+200B): läst som "
            "Familjehem 82999 89 895", "info"),
        (3, "osynligt tecken inne i ett tal togs bort (U+00AD, U+200E): läst som "
            "HVB -49 263 48128", "info"),
        (4, "osynligt tecken inne i ett tal togs bort (U+200D, U+2060): läst som "
            "SiS 1204 1150", "info"),
    ]  # fmt: skip


def test_invisible_characters_in_a_word_cell_and_a_workbook(tmp_path):
    import openpyxl

    def build(d):
        _table(d, [["Vårddygn", "2022"], ["Familjehem", "82\u200b999"]])

    wb = openpyxl.Workbook()
    wb.active.append(["Vårddygn", "2022"])
    wb.active.append(["HVB", "49\u00ad263"])
    wb.save(tmp_path / "bok.xlsx")
    result = parse([_word(tmp_path, "ord.docx", build), tmp_path / "bok.xlsx"])
    assert _obs(result) == [("Familjehem", "2022", 82999.0), ("HVB", "2022", 49263.0)]
    assert result.report.reason.str.startswith("osynligt tecken").sum() == 2


def test_sources_are_named_by_their_path_in_the_folder(tmp_path):
    for unit, value in (("ifo", "-120,5"), ("lss", "-31,7")):
        (tmp_path / unit).mkdir()
        (tmp_path / unit / "budget.txt").write_text(
            f"Budget 2023\n\nVerksamhet\tBudget 2023\n{unit.upper()}\t{value}\n", encoding="utf-8"
        )
    result = parse([tmp_path])
    assert [(d.source) for d in result.documents] == ["ifo/budget.txt", "lss/budget.txt"]
    assert list(zip(result.observations.source, result.observations.value, strict=True)) == [
        ("ifo/budget.txt", -120.5),
        ("lss/budget.txt", -31.7),
    ]
    # a file given by itself is named by its name
    alone = parse([tmp_path / "lss" / "budget.txt"])
    assert list(alone.observations.source) == ["budget.txt"]


def test_duplicates_by_content_are_read_once_and_said_once(tmp_path):
    text = "Vårddygn\t2022\nFamiljehem\t82 999\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "kopia").mkdir()
    (tmp_path / "kopia" / "a_kopia.txt").write_text(text, encoding="utf-8")
    os.symlink(tmp_path / "a.txt", tmp_path / "b_lank.txt")
    (tmp_path / "c.txt").write_text(text.replace("82 999", "82 998"), encoding="utf-8")
    result = parse([tmp_path])
    assert [d.source for d in result.documents] == ["a.txt", "c.txt"]
    assert list(result.observations.value) == [82999.0, 82998.0]
    rep = result.report
    assert [(x.source, x.reason, x.severity) for x in rep.itertuples()] == [
        ("b_lank.txt", "samma innehåll som a.txt: läses en gång, under det namnet", "info"),
        ("kopia/a_kopia.txt", "samma innehåll som a.txt: läses en gång, under det namnet",
         "info"),
    ]  # fmt: skip


def test_a_duplicate_is_said_once_by_the_command_and_recorded(tmp_path, capsys):
    import json

    from sonanalys.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Vårddygn\t2022\nHVB\t49 263\n", encoding="utf-8")
    os.symlink(docs / "a.txt", docs / "b.txt")
    assert main(["parse", str(docs), "--out", str(tmp_path / "ut"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("b.txt") == 1
    assert "samma innehåll som a.txt: b.txt läses inte en gång till" in err
    manifest = json.loads((tmp_path / "ut" / "manifest.json").read_text("utf-8"))
    assert manifest["duplicates"] == [{"name": "b.txt", "same_as": "a.txt"}]
    assert [i["name"] for i in manifest["inputs"]] == ["a.txt"]


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"


def _text_box(paragraph: str) -> str:
    """A text box as Word writes it: a drawing, and the same box again as a VML shape
    for older readers."""
    box = f"<w:txbxContent><w:p>{_run(paragraph)}</w:p></w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{V}">'
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _part(d, name: str, kind: str, xml: str) -> None:
    """Add a notes part (footnotes or endnotes) to a python-docx document."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    ct = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    rt = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"
    part = Part(PackURI(name), ct, xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, rt)


def test_word_text_outside_the_runs_python_docx_reads_is_read(tmp_path):
    """A field's result (a table's =SUM(ABOVE) total), a text box (once, though Word
    stores it twice), footnotes, endnotes and the page header: all the document's text,
    none of it in python-docx's paragraph text."""

    def build(d):
        t = _table(d, [["Placeringar", "Kostnad 2023"], ["HVB", "41,5"], ["SiS", "12,0"],
                       ["Summa", ""]])  # fmt: skip
        total = t.cell(3, 1).paragraphs[0]._p
        total.append(_xml(f'<w:fldSimple w:instr=" =SUM(ABOVE) ">{_run("53,5")}</w:fldSimple>'))
        p = d.add_paragraph("Prognosen i korthet:")
        p._p.append(_xml(_text_box("Underskottet väntas bli 12,4 mnkr.")))
        ref = d.add_paragraph("Kostnaden för familjehem ökar")
        ref._p.append(_xml('<w:r><w:footnoteReference w:id="2"/></w:r>'))
        ref.add_run(".")
        ns = f'xmlns:w="{W}"'
        sep = f'<w:footnote w:type="separator" w:id="-1"><w:p>{_run("---")}</w:p></w:footnote>'
        note = f'<w:footnote w:id="2"><w:p>{_run("Vårddygnen var 82 999 dygn år 2022.")}</w:p>'
        _part(d, "/word/footnotes.xml", "footnote",
              f"<w:footnotes {ns}>{sep}{note}</w:footnote></w:footnotes>")  # fmt: skip
        end = f'<w:endnote w:id="1"><w:p>{_run("Beläggningen var 94 procent i januari.")}</w:p>'
        _part(d, "/word/endnotes.xml", "endnote",
              f"<w:endnotes {ns}>{end}</w:endnote></w:endnotes>")  # fmt: skip
        d.sections[0].header.paragraphs[0].text = "Socialnämnden, prognos 2: underskott 29,6 mnkr"

    path = _word(tmp_path, "ord.docx", build)
    result = parse([path])
    got = _obs(result)
    assert ("Summa", "Kostnad 2023", 53.5) in got
    box = [v for label, _, v in got if label.startswith("Underskottet väntas")]
    assert box == [12.4]  # read once, not once per way Word stores it
    assert any(label.startswith("Vårddygnen var") and v == 82999 for label, _, v in got)
    assert any(label.startswith("Beläggningen var") and v == 94 for label, _, v in got)
    assert any("29,6 mnkr" in label and v == 29.6 for label, _, v in got)
    # the body's lines keep their numbers: the notes and the header come after it
    lines = result.observations.set_index("row_label").line
    assert lines[lines.index.str.startswith("Vårddygnen")].iloc[0] > lines["Summa"]
