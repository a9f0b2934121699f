"""Paragraphs and headings in PDFs printed tighter than pdftotext's grid of 13-point
lines, and ruled tables that go on after a page break (readers/pdf.py): small PDFs set
the way a browser prints a page (10-point text shrunk to fit a wide table, a paragraph's
space under each paragraph and heading; a table broken over two pages), each read back
as its text."""

from __future__ import annotations

from pathlib import Path

from sonanalys.model import Paragraph
from sonanalys.observations import parse
from sonanalys.readers import read

FONT = 7.0  # points: 10-point text as a browser shrinks it to fit a wide table
PITCH = 8.0  # a paragraph's lines, baseline to baseline
SPACE = 7.0  # more between paragraphs and under a heading: a paragraph's space
X = 40.0


def _tight_report(path: Path) -> Path:
    """Three headings, each over a paragraph of three or four lines (a sentence with an
    amount in each), the heading and paragraphs a paragraph's space apart and never a
    blank line of the 13-point grid between them; a page number at the foot of the
    page, as far under the last line as the paragraphs are apart."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    blocks = [
        ["Analys av verksamhetens prognos"],
        [
            "Socialnämnden prognostiserar en negativ budgetavvikelse på 81,5 mnkr för 2023.",
            "Underskottet beror främst på placeringar av barn och unga samt av vuxna med",
            "missbruk, där behoven har ökat under året och kostnaderna för externa",
            "placeringar har stigit mer än budgeterat.",
        ],
        ["4.1 Enheternas delårsresultat och prognos"],
        [
            "Nämnden har ett underskott på 79,6 mnkr fram till och med augusti.",
            "Enheterna arbetar med åtgärder för att minska kostnaderna för externa köp",
            "av vård och behandling under hösten.",
        ],
        ["Nettokostnad 2022 - 2023"],
        [
            "Nämndens nettokostnad väntas öka med totalt 16 procent, vilket motsvarar",
            "98,8 mnkr, från 2022 till 2023. Ökningen beror främst på placeringar",
            "och på löneökningar.",
        ],
        [
            "12-stegsgruppen och KBT-gruppen har 8 platser var, de har dock inte",
            "varit fullt belagda hela månaden.",
        ],
        ["3 (17)"],
    ]
    y = 60.0
    for block in blocks:
        for line in block:
            pdf.text(X, y, line)
            y += PITCH
        y += SPACE
    pdf.output(str(path))
    return path


def test_paragraphs_and_headings_a_paragraphs_space_apart_are_apart(tmp_path):
    """Set tighter than 13 points a line, every step rounds to one line of the grid, so
    a paragraph, the numbered heading under it, the next paragraph, a heading with
    years and a paragraph that opens with a figure were one paragraph (004 printed on
    A4 and on 350 mm pages: 'Prognosen visar ett underskott på 81,5 mnkr. 4.1
    Enheternas delårsresultat och prognos', 'Nettokostnad 2022 – 2023 Nämndens
    nettokostnad …', '… till och med augusti. 12-stegsgruppen …'), the page number at
    its end. A line a paragraph's space under the one above (more white than between
    the region's lines by half a line) begins a block of its own."""
    path = _tight_report(tmp_path / "tight.pdf")
    blocks = [(type(b).__name__, b.text) for b in read(path).blocks]
    assert [t for kind, t in blocks if kind == "Heading"] == [
        "Analys av verksamhetens prognos",
        "4.1 Enheternas delårsresultat och prognos",
        "Nettokostnad 2022 - 2023",
    ]
    assert [t[:40] for kind, t in blocks if kind == "Paragraph"] == [
        "Socialnämnden prognostiserar en negativ ",
        "Nämnden har ett underskott på 79,6 mnkr ",
        "Nämndens nettokostnad väntas öka med tot",
        "12-stegsgruppen och KBT-gruppen har 8 pl",
        "3 (17)",
    ]
    obs = parse([path]).observations
    net = "Nettokostnad 2022 - 2023"
    got = [(o.section, o.row_label.split(",")[0], o.value) for o in obs.itertuples()]
    assert got == [
        (
            "Analys av verksamhetens prognos",
            "Socialnämnden prognostiserar en negativ budgetavvikelse på 81",
            81.5,
        ),
        (
            "4.1 Enheternas delårsresultat och prognos",
            "Nämnden har ett underskott på 79",
            79.6,
        ),
        (net, "Nämndens nettokostnad väntas öka med totalt 16 procent", 16.0),
        (net, "Nämndens nettokostnad väntas öka med totalt 16 procent", 98.8),
        (net, "12-stegsgruppen och KBT-gruppen har 8 platser var", 8.0),
    ]


def test_lines_set_with_wide_spacing_are_one_paragraph(tmp_path):
    """A paragraph set with wide spacing (7-point text, 12 points a line) has as much
    white between all its lines: none of them is apart (the white is measured against
    the region's own)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    lines = [
        "Nämnden har ett underskott på 79,6 mnkr fram till och med augusti.",
        "Enheterna arbetar med åtgärder för att minska kostnaderna för externa köp",
        "av vård och behandling under hösten, och uppföljningen sker varje",
        "månad i nämndens utskott.",
    ]
    for k, line in enumerate(lines):
        pdf.text(X, 60 + k * 12.0, line)
    path = tmp_path / "wide.pdf"
    pdf.output(str(path))
    doc = read(path)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [" ".join(lines)]


def _ruled_row(pdf, y: float, xs: list[float], cells: list[str], height: float = 14.0) -> float:
    """One row of a ruled table: every cell drawn, its text at the top left."""
    for k, text in enumerate(cells):
        pdf.rect(xs[k], y, xs[k + 1] - xs[k], height)
        if text:
            pdf.text(xs[k] + 2, y + 9, text)
    return y + height


def _plan_over_a_page_break(path: Path) -> Path:
    """A ruled plan table whose header row ends page 1 and whose body begins page 2 with
    a section row: its label in the first cell, the other cells drawn empty (as a
    browser prints a table broken over two pages)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=8)
    xs = [40.0, 220.0, 300.0, 380.0, 460.0]
    pdf.add_page()
    pdf.text(40, 700, "Tabell över nya förslag")
    _ruled_row(pdf, 740, xs, ["Förslag", "Effekt 2021", "Effekt 2022", "Status"])
    pdf.add_page()
    y = _ruled_row(pdf, 50, xs, ["Åtgärder inom barn och unga", "", "", ""])
    y = _ruled_row(pdf, y, xs, ["Gemensamt HVB", "0,5 mnkr", "1 mnkr", "Pågår"])
    y = _ruled_row(pdf, y, xs, ["Nya riktlinjer stöd vid umgänge", "", "0,5 mnkr", "Pågår"])
    _ruled_row(pdf, y, xs, ["Färre avrop av IHF", "3,0 mnkr", "", "Utgår"])
    pdf.output(str(path))
    return path


def test_a_ruled_table_going_on_with_a_section_row_reads_under_its_header(tmp_path):
    """The body's first row is its section row alone beside empty cells: it was given
    as a title line over the table (a lone cell, as a title drawn across a table is), so
    the body was a table of its own with no header, its amounts under no column. A
    first row whose label stands beside cells drawn empty is a row of the table: the
    body goes on under the header that ended page 1."""
    obs = parse([_plan_over_a_page_break(tmp_path / "plan.pdf")]).observations
    got = {(o.section, o.row_label, o.column_label, o.value) for o in obs.itertuples()}
    section = "Åtgärder inom barn och unga"
    assert got == {
        (section, "Gemensamt HVB", "Effekt 2021", 0.5),
        (section, "Gemensamt HVB", "Effekt 2022", 1.0),
        (section, "Nya riktlinjer stöd vid umgänge", "Effekt 2022", 0.5),
        (section, "Färre avrop av IHF", "Effekt 2021", 3.0),
    }


_PLAN_HEAD = ["Förslag", "Effekt 2021", "Effekt 2022", "Status"]
_PLAN_ROWS = [
    ["Gemensamt HVB", "0,5 mnkr", "1 mnkr", "Pågår"],
    ["Utreda möjligheten att ersätta familjehem", "", "", "Pågår"],
    ["Åtgärder för vuxna", "Effekt 2021", "Effekt 2022", "Status"],
    ["Nya riktlinjer för boendestöd", "0,5 mnkr", "1 mnkr", "Genomfört"],
    ["Social samvaro och aktivitet", "", "2,2 mnkr", "Pågår"],
]


def _plan_going_on_under_a_row_of_text(path: Path, repeated: bool = False) -> Path:
    """A ruled plan table, its header and first row at the foot of page 1; page 2 goes
    on with a row of text alone (no amount: header-like), a section's own header row
    and two rows of amounts, as a browser prints 000 on A4 landscape; ``repeated``:
    page 2 begins with the header repeated, as Word repeats it on each page."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=8)
    xs = [40.0, 220.0, 300.0, 380.0, 460.0]
    pdf.add_page()
    pdf.text(40, 690, "Tabell över nya förslag")
    y = _ruled_row(pdf, 712, xs, _PLAN_HEAD)
    _ruled_row(pdf, y, xs, _PLAN_ROWS[0])
    pdf.add_page()
    y = _ruled_row(pdf, 50, xs, _PLAN_HEAD) if repeated else 50.0
    for row in _PLAN_ROWS[1:]:
        y = _ruled_row(pdf, y, xs, row)
    pdf.output(str(path))
    return path


def _keys(obs) -> set[tuple]:
    return {(o.row_label, o.column_label, o.year, o.value) for o in obs.itertuples()}


def test_a_ruled_table_going_on_under_a_row_of_text_keeps_its_header(tmp_path):
    """000 printed on A4 landscape: page 2 of a ruled table began with a row of text
    alone and a section's own header row, both taken for a new header stacked into one
    ('Utreda … / Åtgärder för vuxna | Pågår / Status'), so its amounts were named by
    the text of the row above them. Rows at the top of a table going on in the same
    columns are its header only when they repeat the header on the page before: they
    are its rows, and the table reads as its text does. A header repeated on page 2
    is a header still."""
    text = tmp_path / "plan.txt"
    text.write_text(
        "Tabell över nya förslag\n\n"
        + "\n".join("\t".join(r) for r in [_PLAN_HEAD, *_PLAN_ROWS])
        + "\n",
        encoding="utf-8",
    )
    want = _keys(parse([text]).observations)
    assert ("Nya riktlinjer för boendestöd", "Effekt 2021", 2021, 0.5) in want
    assert ("Social samvaro och aktivitet", "Effekt 2022", 2022, 2.2) in want
    for repeated in (False, True):
        pdf = _plan_going_on_under_a_row_of_text(tmp_path / f"plan{repeated}.pdf", repeated)
        assert _keys(parse([pdf]).observations) == want


def test_short_paragraphs_under_a_heading_are_each_apart(tmp_path):
    """004 printed: under 'Bilaga 3' and its heading, paragraphs of one or two lines
    each ('Öppenvårdsgrupperna har … 94 procent …', '12-stegsgruppen … 8 platser …'):
    more of the gaps between the region's lines are a paragraph's space than a line's,
    so their median was a paragraph's space, nothing stood apart and all of it was
    one paragraph under no heading. The white between lines of one paragraph is the
    region's smaller gaps (the lower quartile)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    blocks = [
        ["Bilaga 3"],
        ["Beläggning eget utförande"],
        [
            "Nämndens egna boenden har en total ackumulerad beläggning för perioden",
            "januari till augusti på 87 procent.",
        ],
        ["Gruppbehandling i öppenvård"],
        ["Öppenvårdsgrupperna har en total ackumulerad beläggning på 94 procent."],
        ["12-stegsgruppen och KBT-gruppen har 8 platser var, de har dock inte fullt."],
        [
            "Stödboende Vuxen har en ackumulerad beläggning på 78 procent, och HVB",
            "Ungdom har en beläggning på 90 procent till och med augusti.",
        ],
    ]
    y = 60.0
    for block in blocks:
        for line in block:
            pdf.text(X, y, line)
            y += PITCH
        y += SPACE
    path = tmp_path / "short.pdf"
    pdf.output(str(path))
    got = [(o.row_label, o.value) for o in parse([path]).observations.itertuples()]
    assert got == [
        (" ".join(blocks[2]), 87.0),
        (blocks[4][0], 94.0),
        (blocks[5][0], 8.0),
        (" ".join(blocks[6]), 78.0),
        (" ".join(blocks[6]), 90.0),
    ]


def test_a_row_split_by_a_page_break_with_its_label_above_the_break_is_one_row(tmp_path):
    """004 printed: a comment row ('Kommentar:' and its text in the next cell) split by
    a page break: its label and the text's first lines end page 1, the rest of the text
    begins page 2 in a row with no label. That rest was a row of its own ('80 %',
    '650 kr/dygn' under no label). A row with no label after a break, whose filled
    cells go on from the row above's text, is that row's rest: one row, as the text
    reads it."""
    from fpdf import FPDF

    head = ["Beslutad åtgärd", "Effekt 2023", "Beskriv effekt"]
    rows = [
        ["Lägenhetsboende", "0,5 mnkr", "Lägre kostnader"],
        ["Kommentar:", "Boendeformen används när skyddsbehovet är begränsat. Efter", ""],
        ["", "uppföljning: beräknat på 80 % beläggning kostar den 650 kr/dygn.", ""],
        ["Mer digital handläggning", "1,0 mnkr", "Mindre papper"],
    ]
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=7)
    xs = [40.0, 160.0, 420.0, 520.0]
    pdf.add_page()
    pdf.text(40, 690, "Bilaga 1: Beslutade åtgärder")
    y = _ruled_row(pdf, 712, xs, head)
    for row in rows[:2]:
        y = _ruled_row(pdf, y, xs, row)
    pdf.add_page()
    y = 50.0
    for row in rows[2:]:
        y = _ruled_row(pdf, y, xs, row)
    path = tmp_path / "split.pdf"
    pdf.output(str(path))
    text = tmp_path / "split.txt"
    whole = [rows[0], ["Kommentar:", f"{rows[1][1]} {rows[2][1]}", ""], rows[3]]
    text.write_text(
        "Bilaga 1: Beslutade åtgärder\n\n" + "\n".join("\t".join(r) for r in [head, *whole]) + "\n",
        encoding="utf-8",
    )
    want = _keys(parse([text]).observations)
    assert {(r, v) for r, c, _y, v in want if not c} == {
        ("Lägenhetsboende / Kommentar:", 80.0),
        ("Lägenhetsboende / Kommentar:", 650.0),
    }
    assert _keys(parse([path]).observations) == want


def test_a_word_broken_at_its_own_hyphen_at_a_line_end_is_one_word(tmp_path):
    """004 printed: a browser breaks 'SiS-hem' where its hyphen stands ('… 18 jourhem,
    4 SiS-' / 'hem. Dessa …'), and the paragraph's lines were joined with a space
    ('4 SiS- hem'), so the sentence was not the text's. A line that ends in a word's
    hyphen goes on without a space when the next begins in lower case; before a
    conjunction ('barn-' / 'och ungdomsvården') the space stays, as in a cell."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    lines = [
        "Av de 36 avslutade ärendena var 10 externt HVB, 18 jourhem och 4 SiS-",
        "hem. Bemanningen inom barn-",
        "och ungdomsvården ökade med 3 tjänster.",
    ]
    for k, line in enumerate(lines):
        pdf.text(X, 60 + k * PITCH, line)
    path = tmp_path / "hyphen.pdf"
    pdf.output(str(path))
    paragraphs = [b.text for b in read(path).blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "Av de 36 avslutade ärendena var 10 externt HVB, 18 jourhem och 4 SiS-hem."
        " Bemanningen inom barn- och ungdomsvården ökade med 3 tjänster."
    ]
    obs = parse([path]).observations
    assert set(obs["row_label"]) == {
        "Av de 36 avslutade ärendena var 10 externt HVB, 18 jourhem och 4 SiS-hem.",
        "Bemanningen inom barn- och ungdomsvården ökade med 3 tjänster.",
    }
    assert sorted(obs["value"]) == [3.0, 36.0]


_SPLIT_HEAD = ["Antal individer", "2021", "2022", "2023"]
_SPLIT_ROWS = [
    ["Asylsökande", "11", "10", "9"],
    ["Massflyktingar Ukraina, anvisade Örebro", "3", "3", "4"],
    ["därover flickor", "3", "3", "3"],
    ["därover pojkar", "0", "0", "1"],
]


def _open_row(pdf, y0: float, y1: float, xs: list[float], top: bool, bottom: bool) -> None:
    """A ruled row's rules from ``y0`` to ``y1``: its verticals, and its top and bottom
    rules only where asked (a row a page break splits has none at the break)."""
    for x in xs:
        pdf.line(x, y0, x, y1)
    for y, drawn in ((y0, top), (y1, bottom)):
        if drawn:
            pdf.line(xs[0], y, xs[-1], y)


def _split_at_the_break(path: Path, rule_over_rest: bool = False) -> Path:
    """A ruled table whose second row a page break splits, as a browser prints it: its
    label's first line and its values end page 1 in a row with no rule under it, the
    label's last line ('Örebro', a capital) begins page 2 in a row with no rule over
    it; ``rule_over_rest``: a rule drawn over it (a row of its own)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=8)
    xs = [40.0, 240.0, 300.0, 360.0, 420.0]
    pdf.add_page()
    pdf.text(40, 730, "Aktuella ärenden")
    y = _ruled_row(pdf, 740, xs, _SPLIT_HEAD)
    y = _ruled_row(pdf, y, xs, _SPLIT_ROWS[0])
    values = _SPLIT_ROWS[1][1:]
    for k, text in enumerate(["Massflyktingar Ukraina, anvisade", *values]):
        pdf.text(xs[k] + 2, y + 9, text)
    _open_row(pdf, y, y + 14, xs, top=True, bottom=False)
    pdf.add_page()
    pdf.text(xs[0] + 2, 59, "Örebro")
    _open_row(pdf, 50, 64, xs, top=rule_over_rest, bottom=True)
    y = 64.0
    for row in _SPLIT_ROWS[2:]:
        y = _ruled_row(pdf, y, xs, row)
    pdf.output(str(path))
    return path


def test_a_ruled_row_left_open_at_a_page_break_is_one_row_with_its_rest(tmp_path):
    """004 printed on pages 350 mm tall: a row whose label wraps over three lines
    ('Massflyktingar / Ukraina, anvisade / Örebro') split by the page break, its values
    and the label's first lines on page 1, 'Örebro' alone on page 2. The rest begins
    with a capital and the label above ends no phrase, so the text's signs said
    nothing and 'Örebro' became a section over the rows below, its row read as
    'Massflyktingar Ukraina, anvisade'. The page says it: no rule under the row at
    page 1's foot, none over its rest at page 2's head (``pdf._rest_of_split_row``).
    Drawn with a rule over it, 'Örebro' is a row of its own, as before."""
    text = tmp_path / "split.txt"
    text.write_text(
        "Aktuella ärenden\n\n"
        + "\n".join("\t".join(r) for r in [_SPLIT_HEAD, *_SPLIT_ROWS])
        + "\n",
        encoding="utf-8",
    )
    want = _keys(parse([text]).observations)
    assert ("Massflyktingar Ukraina, anvisade Örebro", "2023", 2023, 4.0) in want
    got = _keys(parse([_split_at_the_break(tmp_path / "split.pdf")]).observations)
    assert got == want
    closed = parse([_split_at_the_break(tmp_path / "closed.pdf", True)]).observations
    labels = set(closed["row_label"])
    assert "Massflyktingar Ukraina, anvisade" in labels
    assert "Massflyktingar Ukraina, anvisade Örebro" not in labels


def _between_tables(path: Path, pitch: float) -> Path:
    """A heading and two paragraphs of a few lines, a ruled table, then between it and
    a second ruled table a heading, two one-line paragraphs and the second table's
    caption, each ``pitch`` points under the one above (the region shows no
    paragraph's line spacing of its own), as a browser prints 004 shrunk to fit a
    wide table."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=FONT)
    prose = [
        ["Beläggning i egen regi"],
        [
            "Nämndens egna boenden har en total ackumulerad beläggning för perioden",
            "januari till augusti på 87 procent. Boenden med kortare vistelsetid har",
            "lägre beläggningsgrad då personer inte kan flytta in och ut samma dag.",
        ],
        ["Behovet av dessa platser varierar även i större utsträckning mellan", "åren."],
    ]
    y = 60.0
    for block in prose:
        for line in block:
            pdf.text(X, y, line)
            y += PITCH
        y += SPACE
    y -= SPACE
    xs = [X, 200.0, 260.0, 320.0]
    y = _ruled_row(pdf, y + SPACE, xs, ["Beläggningsgrad %", "Jan", "Feb"], 10.0)
    y = _ruled_row(pdf, y, xs, ["Boende Vuxen", "88", "100"], 10.0)
    between = [
        "Gruppbehandling i öppenvård",
        "Öppenvårdsgrupperna har en total ackumulerad beläggning på 94 procent.",
        "12-stegsgruppen och KBT-gruppen har 8 platser var.",
        "Gruppbehandling i öppenvård",
    ]
    y += SPACE + PITCH
    for line in between:
        pdf.text(X, y, line)
        y += pitch
    y = _ruled_row(pdf, y - pitch + SPACE, xs, ["Beläggningsgrad %", "Jan", "Feb"], 10.0)
    _ruled_row(pdf, y, xs, ["Gruppbehandling Vuxen", "88", "100"], 10.0)
    pdf.output(str(path))
    return path


def test_one_line_paragraphs_between_tables_are_apart_by_the_documents_spacing(tmp_path):
    """004 printed (A4, 350 mm): between two ruled tables a heading, two one-line
    paragraphs and a caption, each a paragraph's space under the one above. The
    region's lines all stood alike, so it showed no line spacing to measure against,
    and the two paragraphs were one ('… 94 procent … augusti. 12-stegsgruppen …': the
    8 platser read with the first sentence as its label). The white between a
    paragraph's lines the document showed before (the prose above the first table)
    tells them apart. Lines set wider than those only by half a line (1,5 spacing)
    are one paragraph still."""
    doc = read(_between_tables(tmp_path / "apart.pdf", PITCH + SPACE))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "Öppenvårdsgrupperna har en total ackumulerad beläggning på 94 procent." in texts
    assert "12-stegsgruppen och KBT-gruppen har 8 platser var." in texts
    obs = parse([tmp_path / "apart.pdf"]).observations
    text = obs[obs["table"] == "text"]
    assert sorted(zip(text["row_label"], text["value"], strict=True))[:2] == [
        ("12-stegsgruppen och KBT-gruppen har 8 platser var.", 8.0),
        (
            "Nämndens egna boenden har en total ackumulerad beläggning för perioden"
            " januari till augusti på 87 procent.",
            87.0,
        ),
    ]
    assert ("Öppenvårdsgrupperna har en total ackumulerad beläggning på 94 procent.", 94.0) in set(
        zip(text["row_label"], text["value"], strict=True)
    )
    wide = read(_between_tables(tmp_path / "wide.pdf", 12.0))
    joined = [b.text for b in wide.blocks if isinstance(b, Paragraph)]
    assert not any(t.startswith("12-stegsgruppen") for t in joined)


def test_a_ruled_grid_beginning_with_a_comments_sentences_has_no_header_there():
    """004 printed on pages 350 mm tall: page 14's ruled table begins with the comment
    row of the measure above the break ('Kommentar:' and its sentences), then the next
    measure's header row. Both were stacked into one header ('Kommentar: / Beslutad
    åtgärd | Satsningen … / Besluts-datum'), so the comment's 15 mkr, 10 ärenden and
    1,3 mkr were read under no row. A first row whose cells hold sentences is a row,
    never a header (``pdf_layout.ruled_header``): the grid is its rows as tab lines."""
    from sonanalys.readers.pdf_layout import ruled_header, ruled_lines

    head = ["Beslutad åtgärd", "Besluts-datum", "Diarie-nummer", "Prognos effekt, mnkr"]
    rows = [
        [
            "Kommentar:",
            "Satsningen är finansierad med statsbidrag under 2023. Uppföljning pågår."
            " Beräkningen ger lägre placeringskostnader motsvarande totalt 15 mkr för 10"
            " ärenden. Borträknat personalkostnader blir effekten ca 1,3 mkr per ungdom.",
            "",
            "",
        ],
        head,
        ["Förändrad resurs som företrädare i domstol", "", "", ""],
        ["Kommentar:", "Den interna lösningen kostar 424 kr/h, en extern 2100 kr/h.", "", ""],
    ]
    assert ruled_header(rows) == 0
    assert ruled_lines(rows) == ["\t".join(r) for r in rows]
    # a header over its rows is one still
    assert ruled_header([head, *rows[2:]]) == 1
