"""Nothing lost, nothing invented: every run of digits in a table's body is an
observation or a parse-report row, and every observation's value is printed on its line
— 100 % on the seeds and on the bad-input corpus; and the check does see a loss."""

from __future__ import annotations

import re
from pathlib import Path

from sonanalys import paths
from sonanalys.conservation import AMOUNT_ALONE, account
from sonanalys.observations import parse

FILES = Path(__file__).parent / "badinput" / "files"


def test_seeds_account_for_every_number(seeds_result):
    acc = account(seeds_result)
    assert acc.digit_runs > 2000 and acc.observations > 1500  # the check has work to do
    assert acc.lost == [] and acc.not_printed == []
    assert acc.accounted_share == 1.0 and acc.printed_share == 1.0


def test_the_bad_input_corpus_accounts_for_every_number():
    acc = account(parse([FILES]))
    assert acc.digit_runs > 100
    assert acc.lost == [] and acc.not_printed == []


def test_a_dropped_observation_is_seen_as_lost():
    result = parse([FILES / "13_glued_tables.txt"])
    obs = result.observations
    drop = obs[(obs.line == 8) & (obs.value == 2648.0)].index
    result.observations = obs.drop(index=drop)
    acc = account(result)
    assert [(x["line"], x["text"], x["digits"]) for x in acc.lost] == [
        (8, "2 648", "2"),
        (8, "2 648", "648"),
    ]
    assert acc.accounted == acc.digit_runs - 2


def test_an_altered_value_is_seen_as_not_printed():
    result = parse([FILES / "16_mixed_units.txt"])
    result.observations.loc[result.observations.line == 5, "value"] = 25.0  # printed: 2,5
    acc = account(result)
    assert [(x["line"], x["cell_text"]) for x in acc.not_printed] == [(5, "2,5 mnkr")]


def test_a_missing_report_row_leaves_its_number_lost():
    # the cell outside the header is accounted for only by its report row
    result = parse([FILES / "11_ragged.txt"])
    result.report = result.report.iloc[0:0]
    acc = account(result)
    assert [(x["line"], x["digits"]) for x in acc.lost] == [(4, "99")]


def test_every_table_like_line_of_the_seeds_is_read():
    r = parse([paths.RAW])
    acc = account(r)
    assert (acc.lines_read, acc.table_lines) == (254, 254) and acc.unread == []
    assert not (r.report["reason"] == "tabellrad som inte lästes").any()


def test_a_table_line_no_reader_places_is_reported_with_its_text(tmp_path):
    # dev_10 (LKF resultaträkning) with its header line cut off, as a page copied from
    # its second line: no reader can place the rows (how many columns? a note column?),
    # and each line must be said, not dropped
    corpus = Path(__file__).parent / "corpus" / "text"
    lines = (corpus / "dev_10_lkf_lulea_resultatrakning_2018.txt").read_text("utf-8").splitlines()
    headless = [ln for ln in lines if not ln.startswith("Not ")]
    (tmp_path / "utan_rubrik.txt").write_text("\n".join(headless) + "\n", encoding="utf-8")
    r = parse([tmp_path])
    unread = r.report[r.report["reason"] == "tabellrad som inte lästes"]
    assert set(unread["severity"]) == {"warning"}
    text = dict(zip(unread["line"], unread["cell_text"], strict=True))
    assert text[11] == "Nettoomsättning 1 972 928"
    assert text[21] == "Personalkostnader 6, 7 -155 -143"
    assert text[24] == "-762 -763"  # the values of a wrapped label, on their own line
    assert r.observations.empty
    acc = account(r)
    assert [u["line"] for u in acc.unread] == unread["line"].tolist()
    assert len(acc.unread) == 20 and acc.lines_read == acc.table_lines - 20


def test_numbers_in_headings_column_labels_and_unitless_prose_are_said():
    """Every line that prints two or more numbers has a row at its line: a heading's
    numbers, a header row's column numbers and a sentence's numbers without a unit are
    no values, and are said as such (info), never passed over."""
    from sonanalys.conservation import IN_HEADING, IN_PROSE, IN_TABLE_HEADER
    from sonanalys.prose import UNREAD_IN_SENTENCE

    corpus = Path(__file__).parent / "corpus" / "text"
    r = parse([corpus])
    said = r.report[r.report["reason"].isin([IN_HEADING, IN_PROSE, IN_TABLE_HEADER])]
    rows = {(s, int(n)): why for s, n, why in zip(said.source, said.line, said.reason, strict=True)}
    # dev_13 (Stockholm): the header "Barn1 18-242 25-29 30-39 40-64 65- Samt-" holds
    # age bands (and a footnote glued to one), labels of the columns below
    assert rows[("dev_13_stockholmstad_bistandstagare_alder_2017.txt", 8)] == IN_TABLE_HEADER
    # the seeds: "Bilaga 4: 10-årig lokalförsörjningsplan 2024-2033" is a heading;
    # 003 line 204, a stress index "från 23 till 13" in a sentence, has no unit
    s = parse([paths.RAW]).report
    at = {(src[:3], int(n)): why for src, n, why in zip(s.source, s.line, s.reason, strict=True)
          if why in (IN_HEADING, IN_PROSE, IN_TABLE_HEADER)}  # fmt: skip
    assert at[("002", 130)] == IN_HEADING
    # 003 line 204's two numbers are each said as values no rule reads (prose.py)
    assert ("003", 204) not in at
    stress = s[s.source.str.startswith("003") & (s.line == 204)]
    assert list(zip(stress.token, stress.reason, stress.severity, strict=True)) == [
        ("23", UNREAD_IN_SENTENCE, "warning"),
        ("13", UNREAD_IN_SENTENCE, "warning"),
    ]
    assert set(s.loc[s.reason.isin([IN_HEADING, IN_PROSE]), "severity"]) == {"info"}
    # a line that already has an observation gets no extra row
    obs_lines = set(zip(r.observations.source, r.observations.line, strict=True))
    assert not {(src, n) for src, n in rows} & {(a, int(b)) for a, b in obs_lines}


def test_a_table_printed_on_one_line_has_a_row_per_number_it_does_not_read(tmp_path):
    # a table printed on one line of prose that the flat layout cannot read (no header
    # word names its columns): one of its numbers is read ("(mnkr)"), the others are said.
    # (dev_08's driftsredovisning, printed so, is read by readers.flat: test_flat)
    from sonanalys.conservation import FLATTENED

    doc = tmp_path / "bokslut.txt"
    doc.write_text(
        "Sammanställning av verksamheterna (mnkr) Tillväxtenheten 2,8 3,0 0,2 "
        "Verksamhetsstöd 1,7 1,8 0,1 Samhällsbyggnad 6,0 6,2 0,2 Välfärd "
        "7,8 7,4-0,4 Totalt 8,3 8,4 0,1 Nämnden redovisar ett resultat på 0,1 mnkr.\n",
        encoding="utf-8",
    )
    r = parse([doc])
    said = r.report[r.report["reason"] == FLATTENED]
    assert set(said["severity"]) == {"warning"} and set(said["line"]) == {1}
    tokens = said["token"].tolist()
    assert tokens[:3] == ["2,8", "3,0", "0,2"]  # Tillväxtenheten
    assert "7,4-0,4" in tokens  # a negative glued on: said as printed
    read = r.observations[r.observations["line"] == 1]
    assert len(tokens) + len(read) == 15  # every number of the line, once
    # the seeds print no table on one line
    assert not (parse([paths.RAW]).report["reason"] == FLATTENED).any()


def test_the_table_like_lines_are_found_once_and_come_back_with_the_document():
    # read in worker processes, each document comes back with its table-like lines, and
    # the accounting's pass over every document uses them: the same lines as found afresh
    import dataclasses

    from sonanalys.conservation import table_lines

    r = parse([paths.RAW], jobs=2)
    assert len(r.documents) == 5
    for doc in r.documents:
        assert doc.table_like is not None
        fresh = dataclasses.replace(doc, table_like=None)
        assert table_lines(doc, include_tables=True) == table_lines(fresh, include_tables=True)
        assert table_lines(doc) == table_lines(dataclasses.replace(doc, table_like=None))
    assert sum(len(table_lines(d, include_tables=True)) for d in r.documents) == 254


def test_a_line_of_numbers_that_are_no_values_is_said_why(tmp_path):
    """A line outside the tables whose number-like tokens are all no values (ordinals,
    a case number, weeks, quarters) has a report row naming them, never passed over; a
    line with one such token, or with a value beside them, is left to the other rules."""
    corpus = Path(__file__).parent / "corpus" / "round2"
    r = parse([corpus / "dev_19_socialnamnden_budget_2011.txt",
               corpus / "dev_26_vasteras_ifn_verksamhetsplan_2015_atgarder.txt"])  # fmt: skip
    rep = r.report
    at = {(s[:6], int(n)): (why, sev)
          for s, n, why, sev in zip(rep.source, rep.line, rep.reason, rep.severity, strict=True)
          if "inget värde" in why and not why.startswith("tal i")}  # fmt: skip
    # dev_19 line 10: "Ordförande … (C) 1:e vice ordförande … (M) 2:e vice ordförande …"
    # dev_26 line 2: "Dnr: 2015/24-IFN-041 Sociala nämndernas förvaltning … Mars 2015"
    assert at == {
        ("dev_19", 10): ("ordningstal, inget värde", "info"),
        ("dev_26", 2): ("diarienummer, inget värde", "info"),
    }
    doc = tmp_path / "rader.txt"
    doc.write_text(
        "Sammanträde\n\n"
        "Ordförande Anna A (S) 1:e vice ordförande Bo B (M)\n\n"  # one ordinal: no row
        "Dnr SN 2019/123-45 Socialnämnden\n\n"
        "Uppföljning v 36-38 och v 40-42 Socialförvaltningen\n\n"
        "Hon var 1:e vice och sedan 2:e vice ordförande.\n",  # a sentence: no row
        encoding="utf-8",
    )
    rep = parse([doc]).report
    said = dict(zip(rep.line, rep.reason, strict=True))
    assert said == {5: "diarienummer, inget värde", 7: "veckonummer, inget värde"}


# The shared corpus tool's notion of a numeric line (shared/tools/numlines.py): two or
# more Swedish numbers that are not years standing alone, dates or times, on a line that
# is no sentence, table-of-contents row or page mark.
_NUMLINES_NUM = re.compile(
    r"(?<![\w,])[-−–]?\s?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\w])"
    r"|(?<![\w,.])[-−–]?\d+(?:,\d+)?(?![\w.])"
)
_NUMLINES_DATE = re.compile(
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[:.]\d\d\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b[A-Za-zåäö]{3,}-\d\d\b|\d+ ?[-–] ?\d+(?= ?år|-| |$)(?<! [-–] \d)|\d+-\d+"
)


def _numeric_line(line: str) -> bool:
    t = line.strip().strip("|").strip()
    if t.endswith((".", ":", ",")) or re.search(r"\.{4,}", t) or re.fullmatch(r"\d+ \(\d+\)", t):
        return False
    found = [
        re.sub(r"[\s\u00a0\u202f−–-]", "", m.group(0))
        for m in _NUMLINES_NUM.finditer(_NUMLINES_DATE.sub(" ", line))
    ]
    return sum(not re.fullmatch(r"(19|20)\d\d", s) for s in found) >= 2


def test_every_numeric_line_of_both_corpus_rounds_has_a_row():
    """Both rounds of the corpus: every line the corpus tool counts as numeric has an
    observation or a parse-report row at it (186 of 186; the last two were a line of
    names with ordinals and a case number's line, now said as no values)."""
    corpus = Path(__file__).parent / "corpus"
    files = sorted([*(corpus / "text").glob("*.txt"), *(corpus / "round2").glob("*.txt")])
    r = parse(files)
    seen = {
        (Path(s).name, int(n))
        for df in (r.observations, r.report)
        for s, n in zip(df["source"], df["line"], strict=True)
        if n == n and n is not None
    }
    numeric, missing = 0, []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if (line.lstrip().startswith("#") and n < 8) or not _numeric_line(line):
                continue
            numeric += 1
            if (f.name, n) not in seen:
                missing.append((f.name, n, line[:60]))
    assert missing == [] and numeric == 186


def test_a_running_text_line_with_a_value_beside_an_ordinal_or_a_case_number_is_said(tmp_path):
    """A line of running text (no sentence's end) that prints one number without a unit
    beside an ordinal, a week or a case number prints two numbers to the corpus tool; it
    is said at its line (``tal i löptext utan enhet``), never passed over — before, only
    lines with two values or none were said."""
    lines = [
        "Under det 3:e kvartalet hade vi ungefär 45 och det var fler än vi trodde",
        "Vi följer upp vecka v 36 och räknar 45 i gruppen som är inskriven nu",
        "Ärendet Dnr 2015/24 gäller 45 i gruppen och ska avgöras i nämnden nu",
    ]
    doc = tmp_path / "t.txt"
    doc.write_text("Uppföljning\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    assert all(_numeric_line(line) for line in lines)  # the corpus tool counts each
    rep = parse([doc]).report
    said = list(zip(rep.line, rep.token, rep.reason, strict=True))
    # the 45 of each line is said as a value no rule reads (prose.py); the ordinal, the
    # week and the case number are no values and are not
    why = "tal i löptext: meningen säger inte vad talet mäter, läses inte"
    assert said == [(3, "45", why), (5, "45", why), (7, "45", why)]


def test_a_table_on_one_line_is_found_whatever_its_numbers_digits(tmp_path):
    # the gate counts numbers: a table whose every number has two digits or more on each
    # side of its comma is found as well as one with one-digit parts. The old gate,
    # (?:\d\D+){7}\d, asked for six one-digit runs of digits in a row and missed it
    from sonanalys.conservation import FLATTENED

    doc = tmp_path / "bokslut.txt"
    doc.write_text(
        "Sammanställning av verksamheterna (mnkr) Tillväxtenheten 12,80 13,05 10,25 "
        "Verksamhetsstöd 11,70 11,85 10,15 Samhällsbyggnad 16,05 16,20 10,15 Totalt "
        "40,55 41,10 30,55 Nämnden redovisar ett resultat på 30,55 mnkr.\n",
        encoding="utf-8",
    )
    r = parse([doc])
    said = r.report[r.report["reason"] == FLATTENED]
    assert set(said["line"]) == {1}
    assert said["token"].tolist()[:3] == ["12,80", "13,05", "10,25"]
    read = r.observations[r.observations["line"] == 1]
    assert len(said) + len(read) == 13  # every number of the line, once


def test_a_sentence_or_a_contents_line_with_many_numbers_is_no_table(tmp_path):
    # eight numbers or more on a line are a table printed on it only when they stand in
    # rows, two or more side by side more than once: a sentence's amounts apart by '/'
    # (dev_07's docx and xlsx paragraph, read as a whole line) are said by the prose
    # rules; a contents line's page numbers after dot leaders are page numbers (dev_26's
    # 'Innehåll', said as a table before)
    from sonanalys.conservation import FLATTENED, IN_CONTENTS

    doc = tmp_path / "plan.txt"
    doc.write_text(
        "Innehåll Nämndens ansvarsområde... 1 Sammanfattning... 1 Mål och åtaganden... 1 "
        "Uppföljning... 2 Internkontrollplan... 2 Planerad utveckling... 3 "
        "Vuxen missbruk... 14 Boende... 18 Bilagor... 21\n\n"
        "Ta alltid kolumn 2. Kolumn 2:s värde stämmer mot budgeten för samma år (229 926 / "
        "241 624 / 268 177 / 286 380 / 298 373). Kolumn 1 i år N är kolumn 2 i år N-1.\n",
        encoding="utf-8",
    )
    rep = parse([doc]).report
    assert not (rep["reason"] == FLATTENED).any()
    assert rep[rep["reason"] == IN_CONTENTS]["line"].tolist() == [1]
    prose = rep[rep["line"] == 3]
    assert prose["token"].tolist() == ["229 926", "241 624", "268 177", "286 380", "298 373"]


def test_an_exports_decimal_points_stand_on_their_lines(tmp_path):
    """A CSV that writes every decimal with a point (Kolada's export, R's write.csv) is
    read by its own convention (tables._columns); its values are printed on their lines
    as the export prints them, and an altered one is still seen."""
    p = tmp_path / "export.csv"
    p.write_text(
        "Variabelkod,Kommun,År,Värde\n"
        "N20014,Ale,1998,4842.79531235\n"
        "N20014,Ale,1999,5752.0\n"
        "N20014,Alingsås,1998,6421.25\n",
        encoding="utf-8",
    )
    result = parse([p])
    assert sorted(result.observations.value) == [4842.79531235, 5752.0, 6421.25]
    acc = account(result)
    assert acc.observations == 3 and acc.not_printed == []
    assert acc.lost == [] and acc.digit_runs == acc.accounted == 9  # years and values
    obs = result.observations
    result.observations = obs[obs.line != 3]  # 1999's row dropped: its year and value lost
    lost = [(x["line"], x["digits"]) for x in account(result).lost]
    assert lost == [(3, "1999"), (3, "5752"), (3, "0")]
    result.observations = obs
    result.observations.loc[result.observations.line == 4, "value"] = 642125.0
    assert [(x["line"], x["cell_text"]) for x in account(result).not_printed] == [(4, "6421.25")]


def test_an_amount_alone_on_its_line_is_said_not_passed_over(tmp_path):
    """A total set apart between blank lines, read as a heading: its one amount (decimals,
    a thousands' space) is said as a value left unread, a warning; a heading's own small
    number and a unit's "per 1 000 invånare" are not amounts."""
    p = tmp_path / "resultat.txt"
    p.write_text(
        "2 Resultaträkning 2025\n\n"
        "Konto  Benämning              Ackumulerat\n\n"
        "3010   Försäljning            700 000,00\n"
        "3020   Övriga intäkter         62 865,42\n\n"
        "Summa RÖRELSEINTÄKTER      762 865,42\n\n"
        "Kostnad per 1 000 invånare\n\n"
        "Nettoöverskott på 300 000\n",
        encoding="utf-8",
    )
    result = parse([p])
    alone = result.report[result.report.reason == AMOUNT_ALONE]
    assert list(zip(alone.line, alone.severity, strict=True)) == [
        (8, "warning"),
        (12, "warning"),
    ]
    assert not (result.report.line == 1).any() and not (result.report.line == 10).any()
    acc = account(result)
    assert acc.lost == []


def test_an_exports_interval_with_decimal_points_is_accounted_for(tmp_path):
    # an export writing every decimal with a point, a confidence interval among them
    # (``57.9 - 66.7 *``): the grid holds the commas it was read as, the observation
    # the text as printed; both numbers of the interval are the observation's
    p = tmp_path / "hlv.csv"
    p.write_text(
        "Kommun;Fråga;Konfidensintervall;Andel\n"
        "Avesta;Fetma;57.9 - 66.7 *;62.5\n"
        "Borlänge;Fetma;13.4 - 20.3;17.1\n",
        encoding="utf-8",
    )
    r = parse([p])
    interval = r.observations[r.observations.column_label == "Konfidensintervall"]
    assert list(zip(interval.value, interval.value_high, strict=True)) == [
        (57.9, 66.7),
        (13.4, 20.3),
    ]
    acc = account(r)
    assert acc.digit_runs == 12 and acc.lost == []


def test_a_long_exports_month_column_is_a_period_not_lost(tmp_path):
    # ``2000-01`` is January 2000 as a long export writes it, and as well the span
    # 2000-2001: either way a period of the year its row is dated by, never a value
    p = tmp_path / "barometer.csv"
    p.write_text(
        "Indikator;Period;Värde;ar;manad\n"
        "Barometern;1999-12;86,4;1999;december\n"
        "Barometern;2000-01;88,7;2000;januari\n"
        "Barometern;2001-02;90,1;2001;februari\n",
        encoding="utf-8",
    )
    r = parse([p])
    assert list(r.observations.value) == [86.4, 88.7, 90.1]
    assert list(r.observations.year) == [1999, 2000, 2001]
    acc = account(r)
    assert acc.digit_runs == 15 and acc.lost == []


def test_a_kpi_descriptions_rate_bases_and_codes_are_no_lost_values(tmp_path):
    # Kolada's KPI list as R saves it: the short names and descriptions are body cells;
    # a rate's base (``antal/1000 inv``), a relative year (``år T-1``), a school year
    # (``åk. 9``) are the label's, while a number said in the text stays said
    p = tmp_path / "kpi.csv"
    p.write_text(
        '"","Kortnamn","Beskrivning","Kod"\n'
        '"1","Årsarbetare totalt, antal/1000 inv","Antal årsarbetare dividerat med antal '
        'invånare totalt, dividerat med 1000. Avser år T-1.","N00001"\n'
        '"2","Anställda vid bibliotek, antal/10 000 inv","Antal anställda per 10 000 '
        'invånare, avser år T-1.","N00002"\n'
        '"3","Elever i åk. 9 med godkänt, andel (%)","Elever i åk. 9 som nått målen i '
        'alla ämnen, andel av eleverna i grundskola (f-9).","N00003"\n',
        encoding="utf-8",
    )
    r = parse([p])
    assert r.observations.empty  # ``antal/10 000 inv``'s ``000`` is no value 0
    acc = account(r)
    assert acc.digit_runs >= 6
    assert [(x["line"], x["digits"]) for x in acc.lost] == []
