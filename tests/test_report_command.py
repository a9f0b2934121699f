"""``sonanalys report`` as a schedule runs it: a configuration file, the period in the forms
documents write it or ``auto``, a period the documents lack refused with a Swedish message,
its own exit code and nothing written, output names carrying municipality, year and period,
a log file per run, no progress bars off a terminal."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from small_notebooks import documents_frame
from sonanalys import paths
from sonanalys.report.periods import PeriodError, normalise

sys.path.insert(0, str(Path(__file__).parent))
from small_notebooks import small_notebooks
from test_report_folder import RUN


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("jan-aug", "jan-aug"),
        ("jan–aug", "jan-aug"),  # en dash
        ("Jan — Aug", "jan-aug"),
        ("januari–augusti", "jan-aug"),
        ("januari till augusti", "jan-aug"),
        ("T1", "jan-apr"),
        ("t2", "jan-aug"),
        ("T3", "jan-dec"),
        ("tertial 2", "jan-aug"),
        ("delår 2", "jan-aug"),
        ("Delår 1", "jan-apr"),
        ("helår", "jan-dec"),
        ("auto", "auto"),
    ],
)
def test_periods_in_the_forms_documents_write_them(written, period):
    assert normalise(written) == period


@pytest.mark.parametrize("written", ["vår", "T4", "aug-jan", "2023"])
def test_a_period_that_is_none_says_which_forms_are(written):
    with pytest.raises(PeriodError, match=r"skriv t\.ex\. jan-aug, jan–aug, januari–augusti, T2"):
        normalise(written)


def command(tmp_path: Path, config: str, *flags: str):
    """The command in a process of its own, as cron starts it (no terminal), on small
    notebooks; the configuration file in ``tmp_path``."""
    (tmp_path / "bilaga.toml").write_text(config, encoding="utf-8")
    src = tmp_path / "nb"
    if not src.exists():  # made once: a notebook written again is another notebook
        small_notebooks(src)
    cmd = [sys.executable, "-c", RUN, str(tmp_path / "ut"), str(src), "0",
           "--config", str(tmp_path / "bilaga.toml"), *flags]  # fmt: skip
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
    )


def test_a_period_the_documents_lack_writes_nothing_and_says_what_is_there(tmp_path):
    config = 'municipality = "Örebro"\nperiod = "tertial 1"\nyear = 2024\nreports = ["05"]\n'
    config += 'log_dir = "logg"\n'
    p = command(tmp_path, config)
    assert p.returncode == 3, p.stderr
    said = (
        "fel: dokumenten har inte perioden jan-apr för Örebro 2024; perioderna i dokumenten: "
        "Örebro 2023 jan-aug, Linköping 2018 jan-aug. Ingen rapport skrevs."
    )
    assert said in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "ut").exists()  # nothing written, not even the folder
    (log,) = (tmp_path / "logg").iterdir()  # but the run's log says why
    assert said in log.read_text("utf-8") and "slutkod 3" in log.read_text("utf-8")


def test_auto_takes_the_latest_period_and_names_the_files_by_it(tmp_path):
    config = (
        'municipality = "Örebro"\nperiod = "auto"\nreports = ["01", "05"]\n'
        'formats = ["html"]\nlog_dir = "logg"\nprofile = "intern"\n'
    )
    p = command(tmp_path, config)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "ut"
    names = sorted(f.name for f in out.glob("*.html"))
    assert names == [
        "01_placeringar_orebro_2023_jan-aug.html",
        "05_delarsrapport_orebro_2023_jan-aug.html",
        "index.html",
    ]
    assert not list(out.glob("*.xlsx"))  # formats: html only
    page = (out / "05_delarsrapport_orebro_2023_jan-aug.html").read_text("utf-8")
    assert "<td>Örebro</td>" in page and "<td>2023</td>" in page and "<td>jan-aug</td>" in page
    # no progress bar in a scheduled run's output, and a log of its own
    assert "notebook/s" not in p.stderr + p.stdout and "█" not in p.stderr + p.stdout
    (log,) = (tmp_path / "logg").iterdir()
    text = log.read_text("utf-8")
    assert "period: Örebro 2023 jan-aug" in text and "slutkod 0" in text
    assert f"logg: {log}" in p.stdout
    # a flag wins over the file
    p = command(tmp_path, config, "--period", "T2", "--only", "05")
    assert p.returncode == 0, p.stderr
    assert "05_delarsrapport_orebro_2023_jan-aug.html (oförändrad, behölls)" in p.stdout


def test_a_configuration_file_that_cannot_be_used_names_the_key(tmp_path):
    p = command(tmp_path, 'municipality = "Örebro"\nperiodd = "T2"\n')
    assert p.returncode == 2 and "okänd nyckel periodd" in p.stderr
    assert str(tmp_path / "bilaga.toml") in p.stderr and "Traceback" not in p.stderr
    p = command(tmp_path, 'formats = ["pdf"]\n')
    assert p.returncode == 2 and "formats måste ha html" in p.stderr
    p = command(tmp_path, 'period = "vår"\n')
    assert p.returncode == 2 and "okänd period 'vår'" in p.stderr


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (RuntimeError("oväntat"), 70, "fel: internt fel (RuntimeError: oväntat)"),
        (KeyboardInterrupt(), 130, "avbrutet: rapporterna i"),
        (PermissionError(13, "Permission denied", "/srv/tabeller"), 5, "kunde inte skriva "),
    ],
)
def test_a_failure_is_one_swedish_line_and_its_exit_code(tmp_path, monkeypatch, capsys, raised,
                                                          code, said):  # fmt: skip
    from sonanalys.cli import main
    from sonanalys.report import runner

    def fail(**_):
        raise raised

    monkeypatch.setattr(runner, "run_reports", fail)
    assert main(["report", "--out", str(tmp_path / "ut"), "--log-dir", str(tmp_path)]) == code
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err, err
    with pytest.raises(type(raised)):  # --debug: the whole traceback
        main(["report", "--out", str(tmp_path / "ut"), "--log-dir", str(tmp_path), "--debug"])


def test_an_own_folders_municipality_comes_from_itsdocuments_frame(tmp_path):
    from sonanalys.report.periods import PeriodMissing, own_municipality

    # the latest period's municipality, not the first named
    two = documents_frame(
        tmp_path / "a",
        [("a.txt", "Västerås", 2024, "jan-apr"), ("b.txt", "Eskilstuna", 2024, "jan-aug")],
    )
    assert own_municipality(two, None, None) == "Eskilstuna"
    assert own_municipality(two, "T1", None) == "Västerås"
    # no period anywhere: the one municipality the documents name
    plans = documents_frame(
        tmp_path / "b", [("p.docx", "Gävle", None, ""), ("q.txt", None, None, "")]
    )
    assert own_municipality(plans, None, None) == "Gävle"
    # several without a period, or none named: the run asks, it does not pick
    many = documents_frame(
        tmp_path / "c", [("p.txt", "Gävle", None, ""), ("q.txt", "Umeå", None, "")]
    )
    with pytest.raises(PeriodMissing, match=r"flera kommuner \(Gävle, Umeå\).*--municipality"):
        own_municipality(many, None, None)
    with pytest.raises(PeriodMissing, match="säger inte vilken kommun"):
        own_municipality(documents_frame(tmp_path / "d", [("x.txt", None, None, "")]), None, None)


def _report_on_goteborg_alone(tmp_path: Path, out: Path, only: str, *more: str):
    """`sonanalys report --only ONLY` over a folder holding Göteborg's delårsrapport (the
    corpus PDF) alone, no --municipality, no --period (unless ``more`` flags name them):
    the finished process."""
    docs = tmp_path / "dokument"
    docs.mkdir(exist_ok=True)
    pdf = (
        Path(__file__).parent
        / "corpus"
        / "pdf"
        / "goteborg_intraservice_delarsrapport_2026_mars.pdf"
    )
    (docs / pdf.name).write_bytes(pdf.read_bytes())
    cmd = [sys.executable, "-m", "sonanalys", "report", "--data", str(docs), "--out", str(out),
           "--only", only, "--log-dir", str(tmp_path / "logg"), *more]  # fmt: skip
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
    )


def test_a_report_over_an_own_folder_is_for_its_documents_not_the_embedded_ones(tmp_path):
    # Göteborg's delårsrapport (corpus PDF) alone, no --municipality, no --period: the
    # bilaga is Göteborg's latest period, never the notebooks' Örebro jan-aug 2023
    out = tmp_path / "ut"
    p = _report_on_goteborg_alone(tmp_path, out, "05")
    assert p.returncode == 0, p.stderr
    page = (out / "05_delarsrapport_goteborg_2026_jan-mar.html").read_text(encoding="utf-8")
    assert "Delårsrapport – bilaga: Göteborg, jan–mar 2026" in page
    assert "Örebro" not in page


def test_a_report_with_no_data_for_any_period_says_it_shows_none(tmp_path):
    """A new user's folder with Göteborg's delårsrapport alone: 01 has no placements for
    any period. The run said "Placeringar: Göteborg, jan–mar 2026 … (ok; visar jan–mar
    2026, inte den begärda perioden jan–mar 2026)", a contradiction (the title keeps the
    period asked, whose report it is; the page says it can show none). Now the run's
    lines and the index say it shows no period, and the run exits 1. Asked for no period,
    it is an empty report of no period, never said to be ok."""
    p = _report_on_goteborg_alone(tmp_path, tmp_path / "tom", "01")
    assert p.returncode == 1, p.stderr
    assert (
        "Placeringar: Göteborg, period okänd: "
        f"{tmp_path / 'tom' / '01_placeringar_goteborg_period-okand.html'} "
        "(TOM: underlaget har inga uppgifter för rapporten)"
    ) in p.stdout
    out = tmp_path / "ut"
    p = _report_on_goteborg_alone(tmp_path, out, "01", "--period", "jan-mar")
    assert p.returncode == 1, p.stderr
    assert "(visar ingen period, inte den begärda perioden jan–mar 2026)" in p.stdout
    assert "visar jan–mar 2026" not in p.stdout + p.stderr
    assert "Placeringar: Göteborg, jan–mar 2026 (visar ingen period, begärd jan–mar 2026)" in (
        p.stderr
    )
    index = (out / "index.html").read_text("utf-8")
    flag = "visar ingen period, inte den begärda jan–mar 2026"
    assert f'<span class="sn-error">{flag}</span>' in index
    page = (out / "01_placeringar_goteborg_2026_jan-mar.html").read_text("utf-8")
    assert "rapporten kan inte visa någon" in page


def test_a_report_without_figures_is_not_passed_as_ok(tmp_path):
    """A new user's folder with Sundsvall's delårsrapport (round two, dev_22) alone: 03 has
    no Kolada values for Sundsvall and 04 no plans, and both said "(ok)" while showing no
    table and no chart — empty reports that said ok. Now the run says they have no data,
    the index says so, and the run exits 1; 05, which shows the document's table, is ok.
    05's page said "Tabellens sista rad, None , är nämndens resultat" for a table with no
    bottom line (its summary says there is none), and its columns "budget jan-apr"."""
    docs = tmp_path / "dokument"
    docs.mkdir()
    src = (
        Path(__file__).parent
        / "corpus"
        / "round2"
        / "dev_22_sundsvall_delarsrapport_jan_apr_2018.txt"
    )
    (docs / src.name).write_bytes(src.read_bytes())
    out = tmp_path / "ut"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--data", str(docs), "--out", str(out),
           "--only", "03", "04", "05", "--log-dir", str(tmp_path / "logg")]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert p.returncode == 1, p.stderr
    lines = {line.split(":")[0].strip(): line for line in p.stdout.splitlines()}
    for title in ("Jämförelse med jämförelsegruppen", "Åtgärdsplan – uppföljning"):
        assert lines[title].endswith("(TOM: underlaget har inga uppgifter för rapporten)")
        assert "ok" not in lines[title].rpartition("(")[2]  # never read as in order
    assert lines["Delårsrapport – bilaga"].endswith("(ok); " + str(
        out / "05_delarsrapport_sundsvall_2018_jan-apr.xlsx"
    ))  # fmt: skip
    assert (
        "2 rapporter utan uppgifter (underlaget har inga för dem; sidan säger vad som saknas): "
        "Jämförelse med jämförelsegruppen: Sundsvall, period okänd; "
        "Åtgärdsplan – uppföljning: Sundsvall, period okänd"
    ) in p.stderr
    index = (out / "index.html").read_text("utf-8")
    flag = '<span class="sn-error">tom: underlaget har inga uppgifter för rapporten'
    assert index.count(flag) == 2
    page = (out / "05_delarsrapport_sundsvall_2018_jan-apr.html").read_text("utf-8")
    assert "Tabellens sista rad" not in page  # it named None
    assert "har ingen summarad som är hela nämndens resultat" in page
    assert "<th>budget jan–apr</th>" in page and "jan-apr</th>" not in page


def test_failed_reports_are_counted_in_swedish(tmp_path):
    """The summary ledning's mail shows said "2 notebook(s) misslyckades": now Swedish,
    in the reports' own word and number."""
    src = small_notebooks(tmp_path / "nb")
    for name in ("01_placeringar", "02_varddygn"):
        nb = nbformat.read(src / f"{name}.ipynb", as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('avsiktligt fel')"))
        nbformat.write(nb, src / f"{name}.ipynb")
    p = command(tmp_path, 'reports = ["01", "02", "05"]\n')
    assert p.returncode == 1, p.stderr
    assert "2 rapporter misslyckades: Placeringar: kommun och period okända; Vårddygn" in p.stderr
    assert "notebook" not in p.stderr + p.stdout
    p = command(tmp_path, 'reports = ["02", "05"]\n')
    assert p.returncode == 1 and "\n1 rapport misslyckades: Vårddygn" in p.stderr, p.stderr


def test_a_municipality_the_documents_lack_is_refused_before_anything_is_written(tmp_path):
    """A typo ("Örbro") made five empty reports that passed as ok. Now the command stops
    first, naming the municipalities the documents hold (exit 3: the documents lack what
    was asked); 03 may be about any of Kolada's municipalities."""
    p = command(tmp_path, 'municipality = "Örbro"\nreports = ["01", "05"]\nlog_dir = "logg"\n')
    assert p.returncode == 3, p.stderr
    said = (
        "fel: kommunen 'Örbro' finns inte i underlaget: dokumenten gäller Linköping, Örebro; "
        "ange en av dem med --municipality. Ingen rapport skrevs."
    )
    assert said in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "ut").exists()
    p = command(tmp_path, 'municipality = "Örbro"\nreports = ["03"]\n')
    assert p.returncode == 3 and "inte heller bland Koladas kommuner" in p.stderr, p.stderr
    # a name the documents hold, in another case, is theirs (and in the file names)
    p = command(tmp_path, 'municipality = "örebro"\nperiod = "T2"\nreports = ["05"]\n')
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "ut" / "05_delarsrapport_orebro_2023_jan-aug.html").exists()


def test_no_key_for_kolada_max_age_the_report_never_fetches(tmp_path):
    p = command(tmp_path, "kolada_max_age = 7\n")
    assert p.returncode == 2 and "okänd nyckel kolada_max_age" in p.stderr
    assert "rapporten hämtar inget från Kolada" in p.stderr
    assert "sonanalys kolada fetch … --max-age DAGAR" in p.stderr


def test_a_report_that_cannot_show_the_period_asked_says_so_and_is_not_ok(tmp_path):
    """Issue 27: run for jan–aug 2023, 02 showed 2022 (the documents hold no vårddygn for
    jan–aug 2023) under the title "Örebro, 2022" and the box "senaste året i underlaget",
    and the run passed as ok. Now the page says at the top which period was asked, which
    is shown and why, the box names its year, the files are named by what is shown, and
    the run exits 1 — also when it is run again and the report is kept."""
    out = tmp_path / "ut"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--out", str(out), "--only", "01", "02",
           "--period", "jan–aug", "--year", "2023", "--date", "2026-12-07",
           "--log-dir", str(tmp_path / "logg")]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert p.returncode == 1, p.stderr
    assert (
        "1 rapport visar inte den begärda perioden (sidan säger vilken och varför): "
        "Vårddygn och kostnad per dygn: Örebro, 2022 (visar 2022, begärd jan–aug 2023)"
    ) in p.stderr
    assert "misslyckades" not in p.stderr
    assert "02_varddygn_orebro_2022.html (visar 2022, inte den begärda perioden" in p.stdout
    # --period without --municipality: the files carry the municipality all the same
    html_files = sorted(f.name for f in out.glob("*.html"))
    assert html_files == [
        "01_placeringar_orebro_2023_jan-aug.html",
        "02_varddygn_orebro_2022.html",
        "index.html",
    ]
    t2 = _text(out / "02_varddygn_orebro_2022.html")
    notice = (
        "Begärd period: jan–aug 2023. Rapporten visar 2022 , den senaste perioden med vårddygn "
        "i underlaget: dokumenten har inga vårddygn för jan–aug 2023."
    )
    assert notice in t2 and t2.index(notice) < t2.index("Nyckeltal: Örebro, 2022")
    assert "senaste året i underlaget" not in t2
    assert "Begärd period" not in _text(out / "01_placeringar_orebro_2023_jan-aug.html")
    index = (out / "index.html").read_text("utf-8")  # marked as a failed report is
    assert '<span class="sn-error">visar 2022, inte den begärda jan–aug 2023</span>' in index
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                           stdin=subprocess.DEVNULL)  # fmt: skip
    assert again.returncode == 1 and again.stdout.count("oförändrad, behölls") == 2, again.stdout
    assert "1 rapport visar inte den begärda perioden" in again.stderr
    assert sorted(f.name for f in out.glob("*.html")) == html_files


def _text(path: Path) -> str:
    import html
    import re

    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", path.read_text("utf-8"), flags=re.S)
    page = re.sub(r'<span class="sn-nobr">(.*?)</span>', r"\1", page)  # inline: no space
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


# a document of a kind the reports are not about, of one year and no period: Gnesta's
# driftredovisning 2013 (the shared corpus's round two)
OTHER = Path(__file__).parent / "corpus" / "round2" / "dev_17_gnesta_driftredovisning_2013.txt"


def _report_on(tmp_path: Path, files: list[Path], *flags: str):
    """`sonanalys report` over a folder of ``files`` (no --municipality, no --period): the
    finished process."""
    docs = tmp_path / "dokument"
    docs.mkdir()
    for f in files:
        (docs / f.name).write_bytes(f.read_bytes())
    cmd = [sys.executable, "-m", "sonanalys", "report", "--data", str(docs), "--out",
           str(tmp_path / "ut"), "--log-dir", str(tmp_path / "logg"), *flags]  # fmt: skip
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL
    )


def test_a_folder_with_nothing_to_report_names_each_file_and_why(tmp_path):
    """A document of another kind with no period alone (Gnesta's driftredovisning; first
    seen with Simrishamn's årsbokslut of its kultur- och fritidsnämnd, typed 'other'): the
    run made five reports, four empty and 05 failed with papermill's
    'PapermillExecutionError: ValueError: dokumenten har inte någon period …'. Now it
    says which file cannot be reported and why, writes nothing and exits 3."""
    p = _report_on(tmp_path, [OTHER])
    assert p.returncode == 3, p.stdout + p.stderr
    said = (
        f"fel: inget dokument i {tmp_path / 'dokument'} kan redovisas i rapporterna:\n"
        f"  {OTHER.name}: inte en sorts dokument som rapporterna redovisar "
        "(åtgärdsplan, delårsrapport, internbudget eller volymtabell); anger ingen period "
        "(bara året 2013)\n"
    )
    assert said in p.stderr and "Ingen rapport skrevs." in p.stderr
    assert "Traceback" not in p.stderr and "Papermill" not in p.stderr
    assert not (tmp_path / "ut").exists()
    (log,) = (tmp_path / "logg").iterdir()
    assert OTHER.name in log.read_text("utf-8") and "slutkod 3" in log.read_text("utf-8")


def test_documents_left_out_of_a_mixed_folders_reports_are_named_with_why(tmp_path):
    """The embedded documents and Gnesta's driftredovisning in one folder: the reports are
    Örebro's (the latest period), and the index named neither the four documents of
    Linköping nor Gnesta's. Now the index and the run's lines and log say which
    documents no report covers and why, in Swedish."""
    seeds = sorted(Path(paths.RAW).glob("00*.txt"))
    p = _report_on(tmp_path, [*seeds, OTHER], "--only", "05")
    assert "Traceback" not in p.stderr
    index = (tmp_path / "ut" / "index.html").read_text("utf-8")
    assert "<h2>Dokument som inte redovisas</h2>" in index
    linkoping = "gäller Linköping; rapporterna gäller Örebro"
    for seed in seeds[:4]:  # 000–003: Linköping's
        assert f"{seed.name}: {linkoping}" in p.stdout
        assert f"<li>{seed.name} (" in index
    assert seeds[4].name not in index.split("Dokument som inte redovisas")[1]  # 004: reported
    other = (
        "gäller Gnesta; rapporterna gäller Örebro; inte en sorts dokument som "
        "rapporterna redovisar (åtgärdsplan, delårsrapport, internbudget eller volymtabell); "
        "anger ingen period (bara året 2013)"
    )
    assert f"  inte redovisat: {OTHER.name}: {other}" in p.stdout
    assert f"{other}</li>" in index
    (log,) = (tmp_path / "logg").iterdir()
    assert f"inte redovisat: {OTHER.name}" in log.read_text("utf-8")


def test_a_municipality_whose_documents_cannot_be_reported_stops_in_swedish(tmp_path):
    """The embedded documents and Gnesta's driftredovisning, run for Gnesta: four empty
    reports and 05 'FEL: PapermillExecutionError: ValueError: dokumenten har inte någon
    period för …' (seen with Simrishamn's årsbokslut). Now the run names Gnesta's one
    document and why, writes nothing and exits 3."""
    seeds = sorted(Path(paths.RAW).glob("00*.txt"))
    p = _report_on(tmp_path, [*seeds, OTHER], "--municipality", "gnesta")
    assert p.returncode == 3, p.stdout + p.stderr
    assert (
        f"fel: inget av dokumenten för Gnesta i {tmp_path / 'dokument'} kan redovisas i "
        f"rapporterna:\n  {OTHER.name}: inte en sorts dokument som rapporterna redovisar"
    ) in p.stderr
    assert "Traceback" not in p.stderr and not (tmp_path / "ut").exists()


def test_a_document_of_another_kind_that_names_its_period_is_not_refused(tmp_path):
    """Alingsås' monthly follow-up (round two, dev_23 as printed: typed 'other', period
    jan–mar 2020) may hold the period's figures: the run makes 05 for it. It has no table
    of budget, utfall and prognos, so 05 shows no figures and the run says so (TOM, exit
    1); 05 quotes the document's sentences with amounts (findings.without_table), so the
    document is 05's source, not one left out."""
    doc = (
        Path(__file__).parent
        / "corpus"
        / "printed"
        / "dev_23_alingsas_sn_uppfoljning_mars_2020.pdf"
    )
    p = _report_on(tmp_path, [doc], "--only", "05")
    assert p.returncode == 1, p.stdout + p.stderr  # made, empty: not passed as ok
    assert "Delårsrapport – bilaga: Alingsås, jan–mar 2020" in p.stdout
    assert "TOM: " in p.stdout and "inte redovisat" not in p.stdout
    (page,) = (tmp_path / "ut").glob("05_*.html")
    text = html.unescape(page.read_text("utf-8"))
    assert "Underlaget har ingen tabell med budget, utfall och prognos för Alingsås" in text
    assert "”Prognosen för 2020 uppgår till -7 000 tkr.” (s. 1, rad" in text


def test_a_failing_notebook_is_its_swedish_message_and_its_name(tmp_path):
    # a notebook stopped by its own check (setup's ValueError, in Swedish) is said with
    # that message alone and the notebook's name; the run still exits non-zero. Before:
    # 'FEL: PapermillExecutionError: ValueError: kommunen …' on the run's line, the page
    # and the index. An unexpected error keeps its kind, said as unexpected
    src = small_notebooks(tmp_path / "nb")
    said = "kommunen 'Örbro' finns inte i underlaget: dokumenten gäller Linköping, Örebro"
    for name, cell in (
        ("05_delarsrapport", f"raise ValueError({said!r})"),
        ("01_placeringar", "{}['x']"),
    ):
        nb = nbformat.read(src / f"{name}.ipynb", as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(cell))
        nbformat.write(nb, src / f"{name}.ipynb")
    p = command(tmp_path, 'reports = ["01", "05"]\n')
    assert p.returncode != 0, p.stdout
    assert f"(FEL: 05_delarsrapport: {said})" in p.stdout, p.stdout
    assert "(FEL: 01_placeringar: oväntat fel (KeyError: 'x'))" in p.stdout
    pages = [f.read_text("utf-8") for f in (tmp_path / "ut").glob("*.html")]
    shown = html.escape(f"05_delarsrapport: {said}")
    assert any(shown in page for page in pages), pages
    for text in (p.stdout, p.stderr, *pages):
        assert "PapermillExecutionError" not in text and "ValueError" not in text


def test_a_folder_of_two_municipalities_gives_each_report_the_one_it_has_data_for(tmp_path):
    """The embedded documents (Linköping's plans and internbudget, Örebro's delårsrapport)
    copied to a folder under other names: `--data` made 03 and 04 for Örebro (the latest
    period's municipality, picked for every report), 03 empty ('period okänd') and 04 of
    Örebro's undated measures, while `sonanalys report` without --data made both for
    Linköping, which has their data. The same documents now give the same reports: each
    report is for the municipality of the documents it stands on."""
    from tests.conftest import RAW

    docs = tmp_path / "två kommuner"
    docs.mkdir()
    for i, f in enumerate(sorted(RAW.glob("*.txt"))):
        (docs / f"dokument {i}.txt").write_bytes(f.read_bytes())  # no municipality in names
    out = tmp_path / "ut"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--data", str(docs), "--out", str(out),
           "--only", "03", "04", "--log-dir", str(tmp_path / "logg")]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in out.glob("*.html")) == [
        "03_r9_linkoping_2022.html",
        "04_atgarder_linkoping_2024-2027.html",
        "index.html",
    ]
    assert "Örebro, period okänd" not in p.stdout + p.stderr


def test_04_of_measures_without_years_names_its_documents_period(tmp_path):
    """Örebro's measures (004, Bilaga 1: Beslutade åtgärder, lines 604–665) give no
    effect per year, and 04's title said 'Örebro, period okänd' though the delårsrapport
    is of jan–aug 2023: the title now names the document's own period."""
    out = tmp_path / "ut"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--municipality", "Örebro", "--out",
           str(out), "--only", "04", "--log-dir", str(tmp_path / "logg")]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    page = (out / "04_atgarder_orebro_2023_jan-aug.html").read_text("utf-8")
    assert "<title>Åtgärdsplan – uppföljning: Örebro, jan–aug 2023</title>" in page
    assert "period okänd" not in page


def test_reports_of_two_municipalities_no_period_decides_stop_before_anything_is_written(
    tmp_path,
):
    """Two åtgärdsplaner of one year, one said to be Örebro's at parse time: 04's rows are
    of Linköping and Örebro and no period chooses between them. The run stopped inside
    04's notebook (exit 1) with a report 'kommun och period okända' and an index written;
    now it stops before anything is written, naming both, and exits 2 (wrong use: the
    run must name the municipality)."""
    from tests.conftest import RAW

    docs = tmp_path / "planer"
    docs.mkdir()
    plan = (RAW / "001_atgardsplan_2020_linkoping_son.txt").read_bytes()
    (docs / "plan a.txt").write_bytes(plan)
    (docs / "plan b.txt").write_bytes(plan + b"Sista raden.\n")  # not a duplicate
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    parse = [sys.executable, "-m", "sonanalys", "parse", "--data", str(docs),
             "--municipality-for", "plan b.txt=Örebro"]  # fmt: skip
    p = subprocess.run(parse, capture_output=True, text=True, timeout=600, env=env)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "ut"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--data", str(docs), "--out", str(out),
           "--only", "01", "04", "--log-dir", str(tmp_path / "logg")]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env)
    assert p.returncode == 2, p.stderr
    assert p.stderr.splitlines() == [
        "fel: Placeringar (01_placeringar), Åtgärdsplan – uppföljning (04_atgarder): "
        "dokumenten gäller flera kommuner (Linköping, Örebro); ange vilken rapporterna ska "
        "gälla med --municipality.",
        "Ingen rapport skrevs.",
    ]
    assert not out.exists()
    # named, the run makes the report
    named = [*cmd[:-4], "04", "--log-dir", str(tmp_path / "logg"), "--municipality", "Örebro"]
    p = subprocess.run(named, capture_output=True, text=True, timeout=900, env=env)
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in out.glob("*.html")) == ["04_atgarder_orebro_2020-2024.html",
                                                         "index.html"]  # fmt: skip


def test_run_reports_in_python_stops_before_anything_is_written(tmp_path):
    """The same stop for a caller of ``run_reports`` (a notebook or a script of the
    economist's own): it stopped inside 04's notebook after the others ran and wrote their
    reports; now it raises before the report folder is made, naming each report, why, and
    how to name the municipality in Python."""
    from tests.conftest import RAW

    from sonanalys.report import periods
    from sonanalys.report.runner import run_reports

    docs = tmp_path / "planer"
    docs.mkdir()
    plan = (RAW / "001_atgardsplan_2020_linkoping_son.txt").read_bytes()
    (docs / "plan a.txt").write_bytes(plan)
    (docs / "plan b.txt").write_bytes(plan + b"Sista raden.\n")  # not a duplicate
    processed = tmp_path / "tolkat"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "sonanalys", "parse", "--data", str(docs), "--out",
           str(processed), "--municipality-for", "plan b.txt=Örebro"]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "ut"
    with pytest.raises(periods.UnsettledMunicipality) as got:
        run_reports(out=out, raw=docs, processed=processed, only=["01", "04"], progress=False)
    assert got.value.found == [
        ("01_placeringar", "dokumenten gäller flera kommuner (Linköping, Örebro); "
         "ange den med run_reports(municipality=...)."),
        ("04_atgarder", "dokumenten gäller flera kommuner (Linköping, Örebro); "
         "ange den med run_reports(municipality=...)."),
    ]  # fmt: skip
    assert str(got.value) == (
        "Placeringar (01_placeringar), Åtgärdsplan – uppföljning (04_atgarder): dokumenten "
        "gäller flera kommuner (Linköping, Örebro); ange den med "
        "run_reports(municipality=...). Ingen rapport skrevs."
    )
    assert not out.exists()
