"""Every notebook executed with papermill on the embedded data, the numbers it reports
checked, and each HTML report checked: no code, charts present, Swedish numbers,
parameters shown, nothing loaded from the network."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from sonanalys import paths
from sonanalys.report.registry import NOTEBOOKS
from sonanalys.report.runner import run_reports
from sonanalys.report.scope import declared, parameters

sys.path.insert(0, str(Path(__file__).parent))
from small_notebooks import small_notebooks

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(scope="module")
def run(reports_run):
    return reports_run


def text_of(page: str) -> str:
    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    page = re.sub(r'<span class="sn-nobr">(.*?)</span>', r"\1", page)  # inline: no space
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_committed_notebooks_are_stripped_with_parameters_cell():
    for name in NOTEBOOKS:
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        for c in nb.cells:
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None, name


def test_all_notebooks_run(run):
    assert [r.name for r in run.results] == list(NOTEBOOKS)
    assert run.failed == []
    for r in run.results:
        assert (run.out / "executed" / r.executed).exists()


def test_html_reports_have_no_code_and_are_offline(run):
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert "import sonanalys" not in page and "use_style()" not in page, r.name
        assert "mask_threshold = 5" not in page  # the parameters cell is not shown …
        assert "mask_threshold" in page  # … the parameters are, in the header
        assert not re.search(r"""(src|href)=["']https?://""", page), r.name
        assert 'src="data:image/png;base64,' in page, r.name  # charts embedded
        assert '<nav class="toc">' in page and "Innehåll" in page
        assert "Körd 2026-11-23" in page and "profil: <strong>ledning</strong>" in page


def test_placeringar_reports_the_documents_numbers(run):
    t = text_of((run.out / run.report("01").html).read_text(encoding="utf-8"))
    # persons per day 2022, total 425 and children 141 (004, line 529–530); the total
    # first, as the document prints it (it stood between barn and unga, by the alphabet)
    assert "År totalt barn unga vuxna 2017 343 133 138 72" in t
    assert "2022 425 141 151 122" in t
    assert "Trenden är en ökning med 11,9 personer per dygn och år" in t
    # the period the data hold beyond the last full year, named as that period (line 529)
    assert "jan–aug 2023 461 165 154 134" in t and "budget 2023 383 139 133 99" in t
    assert "År totalt barn unga vuxna 2018 45 6 3 36" in t  # the changes, in the same order
    # LVU/LVM counts are masked below 5 in the ledning profile; 233 is shown as is
    assert "233" in t and "Källa: 004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt" in t
    # the changes between years are computed from those lines, and say so
    assert (
        "Källa: beräknad ur 004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt, "
        "rad 529–532 (skillnaden mot året före)"
    ) in t


def test_varddygn_price_volume(run):
    t = text_of((run.out / run.report("02").html).read_text(encoding="utf-8"))
    assert f"98{NBSP}487" in t  # familjehem vårddygn 2019
    # the bridge starts and ends at the document's Total kostnad (004 line 534), with
    # volume and price at the reported 2 690 → 2 648 kr/dygn and 398 → 425 per day
    assert "Total kostnad 2021 307,2 tryckt" in t and "Total kostnad 2022 330,0 tryckt" in t
    volume = (425 - 398) * 365 * 2690 / 1e6
    price = (2648 - 2690) * 425 * 365 / 1e6
    rest = 330.0 - 307.2 - volume - price
    assert f"Volymeffekt {volume:.1f} beräknad".replace(".", ",") in t
    assert f"Priseffekt {MINUS}{abs(price):.1f} beräknad".replace(".", ",") in t
    assert f"Rest (ej förklarad av vårddygn och pris) {rest:.1f} beräknad".replace(".", ",") in t
    assert "fler/färre" not in t and "390,8" not in t


def test_r9_claims_only_what_it_checked_and_shows_ledning_no_commands(run):
    t = text_of((run.out / run.report("03").html).read_text(encoding="utf-8"))
    # only the internbudget's own figures (002 lines 580–582) are there: nothing confirmed
    assert "sonanalys" not in t and "fetch" not in t
    assert f"1{NBSP}063" in t and "761" in t and "stämmer" not in t
    assert "Inget av värdena är bekräftat mot Kolada" in t
    assert "Ingen av dokumentets 6 jämförelsesiffror är kontrollerad mot Kolada" in t
    assert t.count("ej kontrollerad enda källan är dokumentet självt") == 6
    assert "jämförelsen begränsas till de siffror dokumentet självt trycker" in t
    # the members are listed, so only their own values may be called missing
    assert "Gruppens medlemmar: Södertälje" in t and "medlemmar saknas" not in t
    assert "medlemmarnas egna värden är inte hämtade" in t
    assert "002_internbudget_2024_linkoping_son.txt rad 580–582" in t
    assert "Kolada, publicerat 2026-08-28, avser 2025" in t


def test_atgarder_waterfall_total(run):
    t = text_of((run.out / run.report("04").html).read_text(encoding="utf-8"))
    # 002's own Totalt for 2024 is 121,8 mnkr (Summering, line 527)
    assert "Summan av åtgärderna 2024 är 121,8 mnkr" in t


def test_delarsrapport_table(run):
    t = text_of((run.out / run.report("05").html).read_text(encoding="utf-8"))
    assert f"Myndighet {MINUS}125,7 {MINUS}80,0 {MINUS}79,5 {MINUS}125,1 0,5 0,6" in t
    assert "egen prognos" in t


def test_index_links_every_report(run):
    page = (run.out / "index.html").read_text(encoding="utf-8")
    for r in run.results:
        assert f'href="{r.html}"' in page
    # the documents the reports cite, by title (not only seed-style file names)
    t = text_of(page)
    assert "Delårsrapport med prognos 2 2023 (Örebro, 2023; 004_" in t
    assert "Reviderad åtgärdsplan social -och omsorgsnämnden (Linköping, 2021; 000_" in t


def test_a_failing_notebook_does_not_stop_the_others(tmp_path):
    src = tmp_path / "nb"
    src.mkdir()
    for name in NOTEBOOKS:
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        if name == "03_r9":
            nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('avsiktligt fel')"))
        nbformat.write(nb, src / f"{name}.ipynb")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "gammal.html").write_text("förra körningen", encoding="utf-8")
    (out / ".gitkeep").write_text("", encoding="utf-8")
    s = run_reports(out=out, notebooks_dir=src, only=["03_r9", "05"], progress=False)
    assert [r.name for r in s.failed] == ["03_r9"]
    assert "avsiktligt fel" in s.failed[0].error
    page = (out / s.report("03").html).read_text(encoding="utf-8")
    assert "kunde inte köras klart" in page
    assert (out / s.report("05").html).exists()
    assert (out / "gammal.html").exists()  # a file that is not a report's is left alone
    assert (out / ".gitkeep").exists()
    executed = json.loads((out / "executed" / s.report("03").executed).read_text(encoding="utf-8"))
    assert "avsiktligt fel" in json.dumps(executed)


def test_occupancy_by_month_with_swedish_month_names(run):
    t = text_of((run.out / run.report("05").html).read_text(encoding="utf-8"))
    # 004 line 704: HVB (Ungdom), Jan–Aug 2023
    assert "januari februari mars april maj juni juli augusti" in t
    assert "HVB (Ungdom) 94 90 99 105 101 88 73 73" in t
    assert "Beläggningsgrad per månad 2023, procent" in t


def test_month_axis_uses_cldr_swedish_names():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sonanalys.report.present import month_axis

    fig, ax = plt.subplots()
    ax.plot([1, 3, 6, 8], [1, 2, 3, 4])
    month_axis(ax, [1, 3, 6, 8])
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["jan.", "mars", "juni", "aug."]
    plt.close(fig)


@pytest.fixture(scope="module")
def linkoping(tmp_path_factory):
    out = tmp_path_factory.mktemp("repL") / "reports"
    return run_reports(
        out=out,
        municipality="Linköping",
        year=2018,
        period="jan-aug",
        jobs=2,
        run_date="2026-11-23",
        progress=False,
    )


def test_other_municipality_runs_and_says_what_it_cannot_do(linkoping):
    assert linkoping.failed == []
    page = lambda n: text_of((linkoping.out / linkoping.report(n).html).read_text(encoding="utf-8"))  # noqa: E731
    t1 = page("01_placeringar")
    assert "Underlaget för Linköping innehåller inga uppgifter om personer i vård per dygn" in t1
    assert "Underlaget för Linköping saknar uppgifter om LVU/LVM-placeringar" in t1
    # 003 line 78: 25,3 / 20,4 / 13,7 placed per 1 000 inv 0–20
    assert "2016 helår 25,3 2017 helår 20,4 2018 jan–aug 13,7" in t1
    t2 = page("02_varddygn")
    assert "Underlaget för Linköping räcker inte för en pris/volym-uppdelning" in t2
    assert f"1{NBSP}974" in t2 and f"2{NBSP}860" in t2  # 003 lines 79–80, 2016
    t5 = page("05_delarsrapport")
    # 003 line 311ff: Familjehem budget 67,1, utfall jan–aug 42,2, prognos 64,6 mnkr
    assert "Familjehem 67,1 42,2 64,6 2,5 2,5" in t5
    assert "Underlaget för Linköping har ingen beläggning per månad för 2018" in t5
    assert "kommun Linköping municipality" in t5 and "period jan-aug period" in t5  # parameters


def test_a_municipality_without_plans_or_kolada_values(tmp_path):
    s = run_reports(out=tmp_path / "r", municipality="Örebro", only=["03", "04"], progress=False)
    assert s.failed == []
    t3 = text_of((s.out / s.report("03").html).read_text(encoding="utf-8"))
    assert "Det finns inga värden för Örebro" in t3 and "sonanalys kolada fetch" not in t3
    t4 = text_of((s.out / s.report("04").html).read_text(encoding="utf-8"))
    assert "Åtgärderna för Örebro anger ingen effekt i mnkr per år" in t4


def test_two_report_runs_give_identical_files(tmp_path):
    out = tmp_path / "reports"

    def snapshot():
        # force: executed again, not kept from the first run (see the incremental test)
        run_reports(out=out, only=["01", "05"], run_date="2026-11-23", progress=False, force=True)
        return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first, second = snapshot(), snapshot()
    assert sorted(map(str, first)) == [
        ".sonanalys-lock",  # the folder's lock (empty; it stays)
        ".sonanalys-reports.json",
        "01_placeringar_orebro_2023_jan-aug.html",
        "01_placeringar_orebro_2023_jan-aug.xlsx",
        "05_delarsrapport_orebro_2023_jan-aug.html",
        "05_delarsrapport_orebro_2023_jan-aug.xlsx",
        "executed/01_placeringar_orebro_2023_jan-aug.ipynb",
        "executed/05_delarsrapport_orebro_2023_jan-aug.ipynb",
        "index.html",
    ]
    assert first == second


def test_a_killed_run_leaves_the_previous_reports_intact(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("förra körningens index", encoding="utf-8")
    cmd = [sys.executable, "-m", "sonanalys", "report", "--out", str(out), "--only", "01"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".reports.*/executed/*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # kill it once the notebook is being executed
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert sorted(p.name for p in out.iterdir()) == [".sonanalys-lock", "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "förra körningens index"
    assert list(tmp_path.glob(".reports.*"))  # the killed run's temporary folder …
    # … and, on POSIX, its kernel's folder of sockets
    import tempfile

    sockets = list(Path(tempfile.gettempdir()).glob(f"sonanalys-kernel-{proc.pid}-*"))
    assert len(sockets) == (1 if os.name == "posix" else 0)
    s = run_reports(out=out, only=["05"], progress=False)
    assert not list(tmp_path.glob(".reports.*"))  # … are cleaned up by the next run
    assert not [f for f in sockets if f.exists()]
    assert (out / s.report("05").html).exists()


def test_a_run_killed_mid_swap_gets_its_previous_reports_back(tmp_path):
    from sonanalys.report.folder import recover

    out = tmp_path / "reports"
    aside = tmp_path / ".reports.old"
    aside.mkdir()
    (aside / "index.html").write_text("förra", encoding="utf-8")
    recover(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "förra"
    assert not aside.exists()


SV_NUMBER = re.compile(r"^[−]?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?(?: ?%)?$")


def test_every_number_in_report_tables_is_swedish(run):
    """Each numeric table cell reads as CLDR sv: no-break space between thousands,
    decimal comma, U+2212 minus; never ``1,801.5``, ``1801.5`` or ``-81,5``."""
    checked = plain = 0
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        for table in re.findall(r'<table class="sv-table">(.*?)</table>', page, flags=re.S):
            for attrs, cell in re.findall(r"<td([^>]*)>(.*?)</td>", table, flags=re.S):
                text = html.unescape(cell).strip()
                if 'class="sv-plain"' in attrs:  # a year or line number: 2022, never 2 022
                    assert re.fullmatch(r"\d+|–", text), (r.name, text)
                    plain += 1
                elif re.fullmatch(r"[−\-\d\s\u00a0.,%]+", text) and re.search(r"\d", text):
                    checked += 1
                    assert SV_NUMBER.match(text), (r.name, text)
            # headers' years are never digit-grouped: 2022, not 2 022 (a number in words,
            # "per 1 000 inv", is grouped as Swedish writes it)
            for th in re.findall(r"<th[^>]*>(.*?)</th>", table, flags=re.S):
                year = r"\b(?:1\u00a09|2\u00a00)\d{2}\b"
                assert not re.search(year, html.unescape(th)), (r.name, th)
    assert checked > 200 and plain > 0


def test_a_notebook_runs_from_any_working_directory(tmp_path):
    import papermill as pm

    out = tmp_path / "04.ipynb"
    pm.execute_notebook(
        str(paths.NOTEBOOKS / "04_atgarder.ipynb"),
        str(out),
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    assert "Summan av åtgärderna 2024 är" in out.read_text(encoding="utf-8")


def test_cli_report_with_a_relative_out_in_parallel(tmp_path, monkeypatch):
    """The README's main command: `--out reports` relative to the working directory,
    notebooks in parallel; the working directory is the same afterwards."""
    from sonanalys.cli import main

    monkeypatch.chdir(tmp_path)
    rc = main(["report", "--out", "rel", "--only", "01", "02", "04", "--jobs", "3"])
    assert rc == 0
    assert Path.cwd() == tmp_path
    assert sorted(p.name for p in (tmp_path / "rel" / "executed").iterdir()) == [
        "01_placeringar_orebro_2023_jan-aug.ipynb",
        "02_varddygn_orebro_2022.ipynb",
        "04_atgarder_linkoping_2024-2027.ipynb",
    ]


def test_intern_profile_says_how_to_fetch_what_is_missing(tmp_path):
    s = run_reports(
        out=tmp_path / "r", municipality="Örebro", only=["03"], profile="intern", progress=False
    )
    assert s.failed == []
    t3 = text_of((s.out / s.report("03").html).read_text(encoding="utf-8"))
    assert "Det finns inga värden för Örebro" in t3
    assert "sonanalys kolada fetch --kpi N35001 N33022 N33009 N01948 N01951 --group R9" in t3


def test_reports_open_with_findings_and_close_with_checks(run):
    first = {  # the summary's first sentence, from the documents' numbers
        "01_placeringar": "Sammanfattning ¶ Nyckeltal: Örebro, jan–aug 2023",
        "02_varddygn": "Sammanfattning ¶ Nyckeltal: Örebro, 2022",  # the year the box shows
        "03_r9": "Sammanfattning ¶ Linköping jämförs med Resultatnätverket R9",
        "04_atgarder": "Sammanfattning ¶ Nyckeltal: effekt per plan och år, mnkr",
        "05_delarsrapport": "Sammanfattning ¶ Nyckeltal: Örebro, jan–aug 2023",
    }
    for r in run.results:
        t = text_of((run.out / r.html).read_text(encoding="utf-8"))
        assert first[r.name] in t, r.name
    t4 = text_of((run.out / run.report("04").html).read_text(encoding="utf-8"))
    t5 = text_of((run.out / run.report("05").html).read_text(encoding="utf-8"))
    for t in (t4, t5):
        last = t.rindex("Kontroller")
        assert "Summor som inte stämmer" in t[last:]  # the sum checks close the report
        assert "Summor som inte stämmer" not in t[:last]
    # the bottom line (004 line 324), not the subtotal at line 322 (+3,1)
    assert "Prognosen för helåret 2023 visar ett underskott på 81,5 mnkr mot budget" in t5


def test_the_masking_note_stands_only_under_a_table_with_a_masked_figure(run):
    """01 said '..  = färre än 5 personer …' under the LVU/LVM table in the ledning
    profile even when no figure in it was masked (the embedded counts are all 5 or more)."""
    import pandas as pd

    from sonanalys.report.present import mask_note, mask_small

    counts = pd.DataFrame({"2022": [3, 12], "2023": [7, 9]})
    assert mask_note(mask_small(counts, ["2022", "2023"], 5), 5).startswith("..  = färre än 5")
    assert mask_note(mask_small(counts, ["2022", "2023"], 2), 2) == ""
    page = (run.out / run.report("01").html).read_text(encoding="utf-8")
    assert not re.search(r">\.\.</td>", page)  # nothing masked in 01 on the embedded data
    assert "röjandeskydd" not in text_of(page)


def test_atgarder_report_names_plans_by_title_and_areas_by_the_plans_headings(run):
    t = text_of((run.out / run.report("04").html).read_text(encoding="utf-8"))
    assert "Reviderad åtgärdsplan social -och omsorgsnämnden (2021) – planerad" in t
    # captions are not areas: they are counted under "ej angivet område"
    for caption in (
        "Tabell över redan beslutade och genomförda förslag 5",
        "Konsekvensbeskrivning 1",
    ):
        assert caption not in t
    assert "ej angivet område" in t
    # 002's four plans are areas: each is a row of the summary table that equals the
    # plan's bottom line (structure.py, atgarder._summarised_areas)
    assert "Beslutad åtgärdsplan för 2024-2027 4" in t
    # and the table says its rows are plans, each count with the lines it is counted on
    assert "Antal åtgärder per plan och status: Social- och omsorgsnämndens internbudget" in t
    assert "Plan ej angiven totalt rader Beslutad åtgärdsplan för 2024-2027 4 4 rad 455–458" in t
    assert "Antal åtgärder per område och status: Reviderad åtgärdsplan" in t
    assert "Vuxna 3 1 4 3 1 12 rad 83–87, 89–94, 98" in t


def test_forecast_has_one_table_per_source_table(run):
    t = text_of((run.out / run.report("05").html).read_text(encoding="utf-8"))
    a = t.index("Helårsprognos 2023, mnkr: 4.1 Enheternas delårsresultat och prognos")
    b = t.index("Helårsprognos 2023, mnkr: 4.2 Intäkts- och kostnadsutveckling")
    assert "Myndighet" in t[a:b] and "Personalkostnader" not in t[a:b]
    assert "Personalkostnader" in t[b : b + 3000]


def test_only_replaces_just_the_named_reports(tmp_path):
    out = tmp_path / "reports"
    first = run_reports(out=out, only=["05"], run_date="2026-11-23", progress=False, pdf=True)
    assert (out / "05_delarsrapport_orebro_2023_jan-aug.pdf").exists() and first.failed == []
    # the PDF: bookmarks from the headings (the title, then its sections), no parameter
    # names (the header's small print of them is for the screen)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(out / "05_delarsrapport_orebro_2023_jan-aug.pdf"))
    marks = [(b.level, b.get_title()) for b in pdf.get_toc()]
    # the title names whose report and which period it is (#27)
    # (Chromium's outline may drop a blank inside the heading: compared without blanks)
    title = "Delårsrapport – bilaga: Örebro, jan–aug 2023"
    first = (marks[0][0], marks[0][1].replace(" ", ""))
    assert first == (0, title.replace(" ", "")) and (1, "Sammanfattning") in marks, marks
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "mask_threshold" not in text and "maskeringsgräns" in text
    pdf.close()
    run_reports(out=out, only=["01"], run_date="2026-11-24", progress=False, pdf=True)
    # 01, run with no period named: its PDF's footer names whose and which period (#27)
    pdf = pdfium.PdfDocument(str(out / "01_placeringar_orebro_2023_jan-aug.pdf"))
    footer = pdf[0].get_textpage().get_text_range()
    assert "Placeringar: Örebro, jan–aug 2023" in footer and "Sida 1 av" in footer, footer
    pdf.close()
    # 05 is still there, with its PDF and workbook, from the first run
    for f in (
        "05_delarsrapport_orebro_2023_jan-aug.html",
        "05_delarsrapport_orebro_2023_jan-aug.pdf",
        "05_delarsrapport_orebro_2023_jan-aug.xlsx",
    ):
        assert (out / f).exists(), f
    assert (out / "01_placeringar_orebro_2023_jan-aug.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert (
        'href="01_placeringar_orebro_2023_jan-aug.html"' in index
        and 'href="05_delarsrapport_orebro_2023_jan-aug.html"' in index
    )
    assert "körd 2026-11-23" in index and "körd 2026-11-24" in index
    # 05 run again without --pdf: its old PDF would no longer match its HTML, so it goes
    run_reports(out=out, only=["05"], run_date="2026-11-25", progress=False)
    assert not (out / "05_delarsrapport_orebro_2023_jan-aug.pdf").exists()
    assert (out / "01_placeringar_orebro_2023_jan-aug.html").exists()
    assert not list(tmp_path.glob(".reports.*"))  # no temporary folder, no lock left


def test_two_runs_into_one_folder_keep_each_others_reports(tmp_path):
    out = tmp_path / "reports"
    cmd = [sys.executable, "-m", "sonanalys", "report", "--out", str(out), "--only", "01"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / ".reports.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / ".reports.lock").exists()
    second = run_reports(out=out, only=["05"], progress=False, lock_wait=300)  # waits
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert second.failed == []
    assert (out / "01_placeringar_orebro_2023_jan-aug.html").exists() and (
        out / "05_delarsrapport_orebro_2023_jan-aug.html"
    ).exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert (
        'href="01_placeringar_orebro_2023_jan-aug.html"' in index
        and 'href="05_delarsrapport_orebro_2023_jan-aug.html"' in index
    )


def test_papermill_never_changes_the_working_directory(tmp_path, monkeypatch):
    """Papermill's shared local handler chdirs around reads and writes; in threads that
    moved the process elsewhere. The report run turns that off (paths are absolute)."""
    from papermill.iorw import local_file_io_cwd, papermill_io

    from sonanalys.report.execution import papermill_without_chdir

    monkeypatch.chdir(tmp_path)
    papermill_without_chdir()
    moves: list[str] = []
    real_chdir = os.chdir
    monkeypatch.setattr(os, "chdir", lambda p: (moves.append(str(p)), real_chdir(p)))
    with local_file_io_cwd(str(paths.ROOT)):  # as execute_notebook does
        papermill_io.get_handler("local").read(str(paths.NOTEBOOKS / "01_placeringar.ipynb"))
    assert moves == [] and Path.cwd() == tmp_path


def test_a_cell_past_the_timeout_is_stopped_and_its_report_says_so(tmp_path):
    """A cell that runs past ``timeout`` is stopped (on a blocking client it never was:
    nbclient's event loop waited for output and never saw the timeout); the report shows
    what ran before it and says why it stopped, and the next report runs."""
    src = small_notebooks(tmp_path / "nb")
    nb = nbformat.read(src / "02_varddygn.ipynb", as_version=4)
    nb.cells += [
        nbformat.v4.new_code_cell("print('före')"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(600)"),
        nbformat.v4.new_code_cell("print('efter')"),
    ]
    nbformat.write(nb, src / "02_varddygn.ipynb")
    out = tmp_path / "reports"
    s = run_reports(out=out, notebooks_dir=src, only=["01", "02", "03"], progress=False, timeout=5)
    assert [r.name for r in s.failed] == ["02_varddygn"]
    assert s.failed[0].error == (
        "02_varddygn: en cell kördes längre än tidsgränsen (5 s per cell) och stoppades"
    )
    page = (out / s.report("02").html).read_text(encoding="utf-8")
    assert "kunde inte köras klart" in page and "tidsgränsen" in page
    assert "före" in page and "efter" not in page
    executed = nbformat.read(out / "executed" / s.report("02").executed, as_version=4)
    printed = [o.get("text") for c in executed.cells for o in c.get("outputs", [])]
    assert "före\n" in printed and "efter\n" not in printed
    assert (out / s.report("03").html).exists()


def test_a_kernel_that_does_not_answer_is_not_reported_as_a_cell_past_the_timeout(
    tmp_path, monkeypatch
):
    # the reset before a notebook waits for the kernel with a timeout of its own: when that
    # runs out, no cell ran too long, and the report must not say one did
    from sonanalys.report import kernels as K

    def silent(self):
        raise TimeoutError("Timeout waiting for output")

    monkeypatch.setattr(K.Kernels, "get", silent)
    src = small_notebooks(tmp_path / "nb") / "01_placeringar.ipynb"
    error = K.execute(src, tmp_path / "01.ipynb", {}, 5, K.Kernels(tmp_path))
    assert error == ("01_placeringar: kärnan svarade inte i tid (Timeout waiting for output)")


def test_an_unchanged_report_is_kept_and_a_changed_one_runs_again(tmp_path):
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    go = dict(out=out, notebooks_dir=src, only=["01", "02", "05"], progress=False)
    first = run_reports(**go)
    assert first.failed == [] and first.reused == []
    stamp = {p.name: p.stat().st_mtime_ns for p in out.rglob("0*")}
    again = run_reports(**go)
    assert [r.name for r in again.reused] == ["01_placeringar", "02_varddygn", "05_delarsrapport"]
    assert {p.name: p.stat().st_mtime_ns for p in out.rglob("0*")} == stamp  # untouched
    assert again.failed == []
    # the notebook's own source changed: only that report runs
    nb = nbformat.read(src / "02_varddygn.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("Ny text."))
    nbformat.write(nb, src / "02_varddygn.ipynb")
    edited = run_reports(**go)
    assert [r.name for r in edited.results if not r.reused] == ["02_varddygn"]
    assert "Ny text." in (out / edited.report("02").html).read_text(encoding="utf-8")
    # a parameter changed: every report it reaches runs
    masked = run_reports(**go, mask_threshold=3)
    assert masked.reused == [] and masked.failed == []
    # --force runs everything, and a failed report is never kept
    assert run_reports(**go, mask_threshold=3, force=True).reused == []
    entries = json.loads((out / ".sonanalys-reports.json").read_text(encoding="utf-8"))
    assert {e["name"] for e in entries} == {"01_placeringar", "02_varddygn", "05_delarsrapport"}
    assert all(len(e["key"]) == 64 for e in entries)


def test_other_processed_data_run_the_reports_again(tmp_path):
    """The key holds the digests of the processed frames: other documents, other reports."""
    from sonanalys.pipeline import process, write_processed

    src = small_notebooks(tmp_path / "nb")
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = sorted(paths.RAW.glob("000_*.txt"))[0]
    (raw / seed.name).write_bytes(seed.read_bytes())
    processed = tmp_path / "processed"
    write_processed(process([raw]), processed, [raw])
    go = dict(out=tmp_path / "reports", notebooks_dir=src, only=["05"], progress=False,
              raw=raw, processed=processed)  # fmt: skip
    assert run_reports(**go).reused == []
    assert [r.name for r in run_reports(**go).reused] == ["05_delarsrapport"]
    other = sorted(paths.RAW.glob("003_*.txt"))[0]
    (raw / other.name).write_bytes(other.read_bytes())  # a new document arrives
    assert run_reports(**go).reused == []


def test_cli_says_what_was_kept(tmp_path):
    out = tmp_path / "reports"
    src = small_notebooks(tmp_path / "nb")
    go = dict(out=out, notebooks_dir=src, only=["05"], progress=False)
    run_reports(**go)
    cmd = [sys.executable, "-m", "sonanalys", "report", "--out", str(out), "--only", "05"]
    # the CLI runs the real notebooks: a different source, so it runs; then it keeps it
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert "oförändrad, behölls" in second.stdout
    assert "0 rapporter kördes, 1 var oförändrade och behölls (--force kör alla)" in second.stdout
    forced = subprocess.run([*cmd, "--force"], capture_output=True, text=True, timeout=600)
    assert forced.returncode == 0 and "behölls" not in forced.stdout


def test_notebooks_share_a_warm_kernel_but_nothing_of_each_other(tmp_path, monkeypatch):
    """One kernel runs the notebooks one after another (the imports are paid once), and
    each notebook finds it as a new kernel would: no names, figures, settings or shown
    warnings of the notebook before, cells counted from 1; after a failure the next
    notebook gets a new kernel. A kernel's client is kept for all its notebooks (a new
    client waits about 0,2 s for the kernel's stray output to stop)."""
    from jupyter_client import KernelManager

    clients: list = []  # the kernel manager of every client made
    real_client = KernelManager.client
    monkeypatch.setattr(
        KernelManager, "client", lambda km, **kw: (clients.append(km), real_client(km, **kw))[1]
    )
    src = small_notebooks(tmp_path / "nb")
    probe = (
        "import os, warnings\nimport matplotlib as mpl, matplotlib.pyplot as plt, pandas as pd\n"
        "print('pid', os.getpid())\n"
        "print('left', 'leak' in globals(), len(plt.get_fignums()),"
        " pd.get_option('display.max_rows'), mpl.rcParams['lines.linewidth'])\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        "    warnings.simplefilter('default')\n"
        "    warnings.warn('en gång', UserWarning)\n"
        "print('warned', len(seen))\n"
        "leak = 1\nplt.figure()\npd.set_option('display.max_rows', 7)\n"
        "mpl.rcParams['lines.linewidth'] = 9\n"
    )
    for name in ("01_placeringar", "02_varddygn", "04_atgarder", "05_delarsrapport"):
        nb = nbformat.read(src / f"{name}.ipynb", as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(probe))
        if name == "02_varddygn":
            nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('avsiktligt fel')"))
        nbformat.write(nb, src / f"{name}.ipynb")
    out = tmp_path / "reports"
    s = run_reports(
        out=out,
        notebooks_dir=src,
        only=["01", "02", "04", "05"],
        progress=False,
        jobs=1,
        force=True,
    )
    assert [r.name for r in s.failed] == ["02_varddygn"]

    def printed(name: str) -> tuple[str, list[str], list[int]]:
        nb = nbformat.read(out / "executed" / s.report(name).executed, as_version=4)
        text = "".join(
            o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
        )
        assert "ERROR!" not in text  # IPython's history database ("Session/line number …")
        pid = re.search(r"pid (\d+)", text).group(1)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        return pid, re.findall(r"(?:left|warned) .*", text), counts

    fresh = ["left False 0 60 1.5", "warned 1"]
    first, after_failure, next_one = (
        printed("01_placeringar"),
        printed("04_atgarder"),
        printed("05_delarsrapport"),
    )
    assert first[1] == after_failure[1] == next_one[1] == fresh
    assert first[2] == next_one[2] == list(range(1, len(first[2]) + 1))
    assert after_failure[0] == next_one[0] != first[0]  # 02 failed: 04 got a new kernel
    # two kernels; a client per thread that uses one, not one per notebook: the first
    # kernel was warmed up by the thread that started it ahead, then ran 01 and 02 in the
    # worker; the second was started by the worker itself
    assert len(set(map(id, clients))) == 2 and len(clients) == 3


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets: POSIX only; TCP elsewhere")
def test_kernels_started_at_once_talk_over_sockets_in_private_folders(tmp_path):
    # over TCP a port picked for one kernel could be taken by a connection to another
    # starting at the same time ("Address already in use"); a kernel's own folder of
    # Unix sockets cannot be, and it is gone when the run ends
    from sonanalys.report.kernels import Kernels

    kernels = Kernels(tmp_path)
    kernels.start_ahead(3)
    try:
        started = [kernels._ready.get(timeout=180) for _ in range(3)]
        assert not [k for k in started if isinstance(k, Exception)], started
        folders = {os.path.dirname(k.km.connection_file) for k in started}
        assert len(folders) == 3
        for k in started:
            km = k.km
            assert km.transport == "ipc" and km.is_alive()
            assert os.path.basename(os.path.dirname(km.connection_file)).startswith(
                "sonanalys-kernel-"
            )
            assert len(f"{km.ip}-{max(km.ports)}") < 100  # a socket's path must be short
            k.run("x = 1 + 1")  # each answers
    finally:
        kernels.close()
    assert not [f for f in folders if os.path.exists(f)]


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets: POSIX only; TCP elsewhere")
def test_a_temporary_folder_too_long_for_a_socket_gives_tcp(tmp_path, monkeypatch):
    # a socket's path holds about 100 bytes (104 on macOS): under a long temporary
    # folder the kernels talk over TCP instead of failing to start
    import tempfile

    from sonanalys.report.kernels import Kernels

    long = tmp_path / ("x" * 90)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    kernels = Kernels(tmp_path)
    try:
        assert kernels._sockets() == {}
    finally:
        kernels.close()
    assert list(long.iterdir()) == []  # its folder is removed all the same
    monkeypatch.setattr(tempfile, "tempdir", None)  # the system's, short
    kernels = Kernels(tmp_path)
    try:
        assert kernels._sockets()["transport"] == "ipc"
    finally:
        kernels.close()


def test_report_workbooks_show_years_as_years_whole_sheet_names_and_swedish(run):
    """Issue 27: Swedish Excel showed the years of a report's workbook as "2 017" (#,##0)
    and cut sheet names mid-word at 31 characters; headers and truth values are Swedish."""
    from openpyxl import load_workbook

    from sonanalys.report.workbook import SWEDISH_HEADERS

    checked_years = 0
    for r in run.results:
        if not r.xlsx:
            continue
        wb = load_workbook(run.out / r.xlsx)
        contents = {row[0]: row[2] for row in wb["Innehåll"].iter_rows(values_only=True)}
        for ws in wb.worksheets[1:]:
            caption = " ".join(str(contents.get(ws.title) or "").split(" — ")[0].split())
            words = ws.title.split(" ", 1)[1].split() if " " in ws.title else []
            cleaned = re.sub(r"[\[\]:*?/\\']", " ", caption).split()[: len(words)]
            strip = ",;–-"
            assert [w.rstrip(strip) for w in words] == [w.rstrip(strip) for w in cleaned], (
                r.name,
                ws.title,
                caption,
            )  # whole words
            header = [c.value for c in ws[1]]
            english = {k for k, v in SWEDISH_HEADERS.items() if k != v}  # "period" is both
            assert not set(header) & english, (r.name, ws.title, header)
            for col, name in enumerate(header, start=1):
                if str(name).lower() != "år":
                    continue
                for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                    if isinstance(cell.value, int | float):  # a year, never "2 017"
                        assert "#" not in cell.number_format, (r.name, ws.title, cell.value)
                        checked_years += 1
            for row in ws.iter_rows(min_row=2, values_only=True):
                assert not any(isinstance(v, bool) for v in row), (r.name, ws.title)
        source = [row for row in wb["Innehåll"].iter_rows(values_only=True) if row[0]][1][0]
        assert "mask_threshold" not in source and "maskeringsgräns" in source, source
    assert checked_years >= 2


def test_pages_are_swedish_with_a_description_for_every_chart_and_the_title_once(run):
    """Issue 27: ``lang="en"`` and nbconvert's English alt placeholder on every chart; the
    title printed twice (the header's and the notebook's own first heading)."""
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert '<html lang="sv">' in page, r.name
        assert "No description has been provided" not in page, r.name
        alts = re.findall(r'<img[^>]*\balt="([^"]*)"', page)
        assert alts and all(a.startswith("Diagram") for a in alts), (r.name, alts)
        assert len(re.findall(r"<h1[\s>]", page)) == 1, r.name  # the header's, once


# the scope each report resolves over the embedded data, run with no period named: its
# documents' own municipality (004 is Örebro's, 000–003 Linköping's) and the latest period
# its key-figure box shows
SCOPES = {
    "01_placeringar": "Placeringar: Örebro, jan–aug 2023",  # 004 line 529
    "02_varddygn": "Vårddygn och kostnad per dygn: Örebro, 2022",  # total kostnad 2022
    "03_r9": "Jämförelse med jämförelsegruppen: Linköping, 2022",  # 002 lines 580–582
    "04_atgarder": "Åtgärdsplan – uppföljning: Linköping, 2024–2027",  # 002's four plans
    "05_delarsrapport": "Delårsrapport – bilaga: Örebro, jan–aug 2023",
}


def test_every_title_names_its_municipality_and_period(run):
    """Issue 27: nobody could tell whose report it was. Run with no period named (plain
    ``sonanalys report``), 01–04 were titled "Placeringar: Örebro" with no period, and 05
    carried its notebook's hard-coded default. Now every title — the page's, its header,
    the workbook's and the index's line — names the municipality and the period the
    notebook resolved (``declare_scope``); the page shows it once."""
    assert {r.name: r.title for r in run.results} == SCOPES
    index = (run.out / "index.html").read_text(encoding="utf-8")
    for r in run.results:
        page = (run.out / r.html).read_text(encoding="utf-8")
        assert f"<title>{html.escape(r.title)}</title>" in page
        assert f"<h1>{html.escape(r.title)}</h1>" in page
        assert len(re.findall(r"<h1[\s>]", page)) == 1, r.name
        assert f'<a href="{r.html}">{html.escape(r.title)}</a>' in index, r.name
        # the executed notebook carries the scope the title was made from
        nb = nbformat.read(run.out / "executed" / r.executed, as_version=4)
        muni, period = SCOPES[r.name].split(": ", 1)[1].split(", ")
        scope = declared(nb) or {}
        assert (scope["municipality"], scope["period"]) == (muni, period), r.name
        # 03 and 04 say that their periods are their own (never the run's)
        assert bool(scope.get("own_period")) == r.name.startswith(("03", "04")), r.name
        # and the notebook ran on no hard-coded default: none was named
        assert "municipality" not in parameters(nb) or parameters(nb)["municipality"] is None


def test_notebooks_take_their_documents_municipality_and_period_by_default():
    """Issue 27: 01–05 defaulted to a hard-coded Örebro or Linköping (05 also to 2023
    jan–aug); the defaults are now None, resolved from the documents in the notebook."""
    for name in NOTEBOOKS:
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        values = parameters(nb)
        assert values["municipality"] is None, name
        assert values["year"] is None and values["period"] is None, name
        code = "".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "Örebro" not in code and "Linköping" not in code, name
        assert "declare_scope(" in code, name


def test_tables_of_01_to_03_pass_their_units_and_counts_show_whole(run):
    """01–03 gave ``show_table`` no units (04/05 did): a count was whole only because the
    table's decimals were 0, which also cut a mean of persons per dygn (425,5) to 425.
    Now every table of 01–03 names its units (a count whole, a mean with its decimal;
    ``present.cell_decimals``), and 03's check of the document's figures names each
    KPI by its title and unit, not its code (*N35001, kommunen* said no unit)."""
    import ast

    for name in ("01_placeringar", "02_varddygn", "03_r9"):
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        calls = [
            node
            for c in nb.cells
            if c.cell_type == "code" and "show_table" in c.source
            for node in ast.walk(ast.parse(c.source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show_table"
        ]
        assert calls, name
        for call in calls:
            assert "units" in [k.arg for k in call.keywords], (name, ast.unparse(call)[:80])
    t01 = text_of((run.out / run.report("01").html).read_text(encoding="utf-8"))
    assert "jan–aug 2023 461 165 154 134" in t01  # 004 lines 529–532, persons per dygn
    assert "LVU unika individer, totalt 182 185 177 167 182 198 233" in t01
    t02 = text_of((run.out / run.report("02").html).read_text(encoding="utf-8"))
    assert f"Vårddygn, institutionsvård, HVB 55{NBSP}154 46{NBSP}936 49{NBSP}263 48{NBSP}128" in t02
    t03 = text_of((run.out / run.report("03").html).read_text(encoding="utf-8"))
    assert "Kostnad missbruksvård vuxna, kr/inv, kommunen 2022 761 – ej kontrollerad" in t03
    assert "N35001, kommunen" not in t03


def test_every_table_of_01_and_02_names_its_lines_and_prints_as_the_document(run):
    """Read as ledning reads them: 01's table of placed per 1 000 named its document but
    no line (004 line 593), its LVU table's header said "(jan-aug)" with a hyphen, and
    02's derivation said "330 mnkr" where the document and the rows above print 330,0."""
    t01 = text_of((run.out / run.report("01").html).read_text(encoding="utf-8"))
    assert "Unika individer (jan–aug) 2017" in t01
    assert "Källa: 004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt, rad 593" in t01
    # a number in the report's own words keeps its digits together: 1 000 with a no-break
    # space, never broken over two lines
    assert f"Placerade per 1{NBSP}000 invånare 0–20 år" in t01 and "per 1 000" not in t01
    t02 = text_of((run.out / run.report("02").html).read_text(encoding="utf-8"))
    assert "330,0 mnkr / (425 personer × 365 dygn) (rad 534 och 529)" in t02
    assert "330 mnkr /" not in t02


def test_a_pdfs_first_page_holds_the_summary_sentences(tmp_path):
    """05's PDF printed the key-figure box alone on page 1, half of it empty, and the
    Sammanfattning's sentences whole on page 2: JupyterLab's output area kept every
    Markdown output in one block that never breaks (its child: break-inside avoid-page
    and overflow hidden). Now text runs on across pages; a sentence keeps together."""
    import pypdfium2 as pdfium

    s = run_reports(out=tmp_path / "r", only=["05"], pdf=True, progress=False,
                    run_date="2026-12-07")  # fmt: skip
    assert s.failed == [] and not s.pdf_error
    pdf = pdfium.PdfDocument(s.out / s.report("05").pdf)
    first = pdf[0].get_textpage().get_text_range().replace("\r\n", " ").replace("\n", " ")
    assert "Nyckeltal: Örebro, jan–aug 2023" in first
    assert "Prognosen för helåret 2023 visar ett underskott på 81,5 mnkr mot budget" in first
    assert len(pdf) <= 6  # seven pages before


def test_a_share_in_percent_keeps_its_decimal_among_whole_kronor():
    """03's tables show every KPI with no decimals (kronor per invånare are whole); a KPI
    in percent (Kolada's N00945, the share of VAB days taken by men: Stockholm 2000,
    31,33 %, /work/shared/kolada/values_real.csv) showed as 31. Its unit now keeps one
    decimal; the kronor stay whole, a whole percentage stays whole."""
    import pandas as pd

    from sonanalys.analysis.benchmark import kpi_unit
    from sonanalys.report.present import table_html

    units = [kpi_unit("N00945"), kpi_unit("N33009"), "%"]
    assert units[:2] == ["andel av antal dagar (%)", "kr/inv"]
    t = pd.DataFrame({"kommunen": [31.32959689, 993.0, 40.0]}, index=["N00945", "N33009", "x"])
    cells = re.findall(r">([^<>]*)</td>", table_html(t, 0, units=units))
    assert cells == ["31,3", "993", "40"]
