"""Whose report and which period: the scope a notebook resolves (``declare_scope``), carried
from the executed notebook to the report's title, its PDF footer and its index line; and
the notebooks' defaults taken from the documents, not hard-coded (issue 27)."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

from small_notebooks import documents_frame
from sonanalys.analysis.claims import Claim
from sonanalys.report import periods
from sonanalys.report.runner import run_reports
from sonanalys.report.scope import (
    SCOPE_MIME,
    declared,
    period_label,
    scope_of,
    scoped_title,
    years_text,
)

sys.path.insert(0, str(Path(__file__).parent))
from small_notebooks import small_notebooks


def test_the_period_as_reports_write_it():
    assert years_text([2024, 2025, 2026, 2027]) == "2024–2027"  # a plan's years
    assert years_text(["2022", 2022.0]) == "2022"
    assert years_text(["Plan", "totalt"]) == "" and period_label(None) == ""
    assert period_label("jan–aug 2023") == "jan–aug 2023" and period_label(2023) == "2023"
    # a key-figure box (01's claims): its latest period, never a budget's column, and
    # only its rows (a claim without a label is a sentence, not a key figure)
    box = [
        Claim("", 461, columns=["jan–aug 2023"], label="Personer per dygn, jan–aug 2023"),
        Claim("", 383, columns=["budget 2024"], label="Budget 2024, personer per dygn"),
        Claim("", 425, columns=["2022"], label="Personer per dygn, 2022"),
        Claim("Helåret 2025 …", 1, columns=["2025"]),
    ]
    assert period_label(box) == "jan–aug 2023"
    assert period_label(box[2:]) == "2022"
    assert period_label([Claim("", 1, columns=["prognos 2023"], label="x")]) == ""


def _executed(tmp_path: Path, outputs: list[dict], params: str = "", injected: str = ""):
    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    cells = [p]
    if injected:
        i = nbformat.v4.new_code_cell(injected)
        i.metadata["tags"] = ["injected-parameters"]
        cells.append(i)
    c = nbformat.v4.new_code_cell("declare_scope(...)")
    c.outputs = [nbformat.v4.new_output("display_data", data=d) for d in outputs]
    nb.cells = [*cells, c]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_title_is_the_scope_the_notebook_declared(tmp_path):
    scope = {"municipality": "Örebro", "period": "jan–aug 2023"}
    nb = _executed(tmp_path, [{SCOPE_MIME: scope, "text/html": ""}], "municipality = None")
    assert scoped_title("Placeringar", nb) == "Placeringar: Örebro, jan–aug 2023"
    assert declared(nbformat.read(nb, as_version=4)) == scope
    # the last declaration counts; the run's named period does not override the notebook's
    later = {"municipality": "Örebro", "period": "2022"}
    nb = _executed(
        tmp_path,
        [{SCOPE_MIME: scope, "text/html": ""}, {SCOPE_MIME: later, "text/html": ""}],
        "municipality = None",
        "year = 2023\nperiod = 'jan-aug'",
    )
    assert scoped_title("Vårddygn", nb) == "Vårddygn: Örebro, 2022"


def test_what_is_not_known_is_said_not_made_up(tmp_path):
    # declared without a period (an empty key-figure box), no period named: said unknown
    none = {"municipality": "Örebro", "period": ""}
    nb = _executed(tmp_path, [{SCOPE_MIME: none, "text/html": ""}], "municipality = None")
    assert scoped_title("Jämförelse", nb) == "Jämförelse: Örebro, period okänd"
    # the run named one: the report was made for it
    nb = _executed(
        tmp_path,
        [{SCOPE_MIME: none, "text/html": ""}],
        "municipality = None",
        "municipality = 'Linköping'\nyear = 2018\nperiod = 'jan-aug'",
    )
    assert scoped_title("Placeringar", nb) == "Placeringar: Örebro, jan–aug 2018"
    # nothing declared (the notebook stopped before its box): its parameters
    nb = _executed(tmp_path, [], "municipality = 'Gävle'\nyear = None\nperiod = None")
    assert scoped_title("Placeringar", nb) == "Placeringar: Gävle, period okänd"
    assert scope_of(nbformat.read(nb, as_version=4)) == ("Gävle", "")
    nb = _executed(tmp_path, [], "municipality = None")
    assert scoped_title("Placeringar", nb) == "Placeringar: kommun och period okända"


def test_a_report_of_its_own_periods_never_takes_the_runs(kit, tmp_path, monkeypatch):
    """03 (Kolada's years) and 04 (a plan's years) have periods of their own kind
    (``setup(…, run_period=False)``): one that found none — 03 for Örebro, whose documents
    print no R9 pairs, in a run for jan–aug 2023 — was titled and named with the run's
    period (``03_r9_orebro_2023_jan-aug``), a period it never looked at. Its period is
    said unknown; 01–05's own, run-period reports still take the run's."""
    import IPython.display

    shown: list[dict] = []
    monkeypatch.setattr(IPython.display, "display", lambda d, raw=False: shown.append(d))
    injected = "municipality = 'Örebro'\nyear = 2023\nperiod = 'jan-aug'"
    params = {"municipality": "Örebro", "year": 2023, "period": "jan-aug"}
    kit.setup(dict(params), run_period=False, kolada=True)
    kit.declare_scope("Örebro", None)  # 03's box without a year
    nb = _executed(tmp_path, shown[-1:], "municipality = None", injected)
    assert scoped_title("Jämförelse", nb) == "Jämförelse: Örebro, period okänd"
    kit.setup(dict(params))  # a report of the run's period: the run's, as before
    kit.declare_scope("Örebro", None)
    nb = _executed(tmp_path, shown[-1:], "municipality = None", injected)
    assert scoped_title("Placeringar", nb) == "Placeringar: Örebro, jan–aug 2023"
    kit.setup({})  # the embedded documents again, for the other tests


def test_the_runner_titles_each_report_by_the_scope_its_notebook_declared(tmp_path):
    """Stand-in notebooks: 04 declares a plan's years, 02 a municipality without a period,
    01 nothing: the titles, the index's lines and the workbooks say what each declared,
    and what is unknown."""
    nbs = small_notebooks(tmp_path / "nb")
    for name, call in (
        ("04_atgarder", "declare_scope('Västerås', [2024, 2025, 2026])"),
        ("02_varddygn", "declare_scope('Västerås', None)"),
    ):
        nb = nbformat.read(nbs / f"{name}.ipynb", as_version=4)
        nb.cells.append(
            nbformat.v4.new_code_cell(f"from sonanalys.notebook import declare_scope\n{call}")
        )
        nbformat.write(nb, nbs / f"{name}.ipynb")
    s = run_reports(
        out=tmp_path / "r",
        notebooks_dir=nbs,
        only=["01", "02", "04"],
        run_date="2026-12-07",
        progress=False,
    )
    assert s.failed == []
    titles = {r.name: r.title for r in s.results}
    assert titles == {
        "01_placeringar": "Placeringar: kommun och period okända",
        "02_varddygn": "Vårddygn och kostnad per dygn: Västerås, period okänd",
        "04_atgarder": "Åtgärdsplan – uppföljning: Västerås, 2024–2026",
    }
    index = html.unescape((s.out / "index.html").read_text(encoding="utf-8"))
    page = html.unescape((s.out / s.report("04").html).read_text(encoding="utf-8"))
    for title in titles.values():
        assert f">{title}</a>" in index
    assert "<h1>Åtgärdsplan – uppföljning: Västerås, 2024–2026</h1>" in page
    assert SCOPE_MIME not in page  # the declaration shows nothing on the page


def test_a_notebooks_municipality_is_that_of_its_own_rowsdocuments_frame(tmp_path):
    docs = documents_frame(
        tmp_path / "a",
        [
            ("plan.txt", "Västerås", 2024, ""),
            ("del.txt", "Eskilstuna", 2023, "jan-aug"),
            ("gammal.txt", "Västerås", 2018, "jan-aug"),
        ],
    )
    assert periods.own_municipality(docs, None, None) == "Eskilstuna"  # the latest period
    assert periods.own_municipality(docs, None, None, ["plan.txt"]) == "Västerås"
    assert periods.own_municipality(docs, None, 2018, ["plan.txt", "gammal.txt"]) == "Västerås"
    with pytest.raises(periods.PeriodMissing, match=r"säger inte.*; sätt municipality$"):
        periods.own_municipality(docs, None, None, [], ask="sätt municipality")
    assert periods.resolve("auto", None, "Västerås", docs, ["gammal.txt"])[:2] == (2018, "jan-aug")


@pytest.fixture(scope="module")
def kit():
    from sonanalys import notebook

    notebook.setup({})  # the embedded documents
    return notebook


def test_the_embedded_documents_decide_each_notebooks_default(kit):
    """004 is Örebro's, 000–003 Linköping's: each notebook's default is the municipality
    of the documents its rows come from (as the notebooks' setup cells ask)."""
    from sonanalys.domain.indikatorer import r9_pairs

    data = kit.current()
    assert kit.own_municipality(data.placements) == "Örebro"  # 01: latest period, 004
    assert kit.own_municipality(data.varddygn) == "Örebro"  # 02
    assert kit.own_municipality(r9_pairs(data.indikatorer)) == "Linköping"  # 03: 002
    atg = data.atgarder
    assert kit.own_municipality(atg[atg["year"].notna()]) == "Linköping"  # 04: 000–002
    assert kit.own_municipality(data.budget) == "Örebro"  # 05: 004, jan–aug 2023
    assert kit.own_municipality(data.budget, 2018, "jan-aug") == "Linköping"  # 003
    assert kit.own_period(data.budget, "Örebro") == (2023, "jan-aug")
    assert kit.own_period(data.budget, "Linköping") == (2018, "jan-aug")
    assert kit.own_period(data.budget, "Örebro", None, "T2") == (2023, "jan-aug")
    # a period the documents lack, named: kept, the notebook says what it cannot show
    assert kit.own_period(data.budget, "Örebro", 2021, "jan-apr") == (2021, "jan-apr")
    with pytest.raises(ValueError, match="Sätt year och period i parametercellen"):
        kit.own_period(atg[atg["year"].notna()], "Linköping")  # plans state no period
    # no rows of what the notebook is about: all its documents decide (here two
    # municipalities, and no period picks one for it)
    assert kit.own_municipality(data.placements.iloc[:0], 2023, "jan-aug") == "Örebro"
    with pytest.raises(ValueError, match=r"flera kommuner.*sätt municipality i parametercellen"):
        kit.own_municipality(data.budget.iloc[:0], 2024)
    # the notebooks ask it of the rows registry.OWN_ROWS names, as sonanalys report does
    # before anything is written (periods.unsettled): the same answers
    from sonanalys.report import periods
    from sonanalys.report.registry import OWN_ROWS

    assert {n: kit.report_municipality(n) for n in OWN_ROWS} == {
        "01_placeringar": "Örebro",
        "02_varddygn": "Örebro",
        "03_r9": "Linköping",
        "04_atgarder": "Linköping",
        "05_delarsrapport": "Örebro",
    }
    assert kit.report_municipality("05_delarsrapport", 2018, "jan-aug") == "Linköping"
    assert kit.report_municipality("04_atgarder", 2018, "jan-aug") == "Linköping"  # own years
    assert periods.unsettled(data.processed, list(OWN_ROWS), None, None) == []
    assert periods.unsettled(data.processed, ["05_delarsrapport"], 2024, None) == [
        ("05_delarsrapport", "dokumenten gäller flera kommuner (Linköping, Örebro); ange vilken "
         "rapporterna ska gälla med --municipality.")
    ]  # fmt: skip


def test_file_names_say_whose_and_which_period_safely_on_windows():
    """The part of a report's file names from its scope (#27): the same rule as a run for a
    period had (``orebro_2023_jan-aug``), now for every scope, and what is unknown said."""
    from sonanalys.report.scope import file_label, slug

    assert file_label("Örebro", "jan–aug 2023") == "orebro_2023_jan-aug"
    assert file_label("Örebro", "2022") == "orebro_2022"
    assert file_label("Linköping", "2024–2027") == "linkoping_2024-2027"  # a plan's years
    assert file_label("Göteborg", "jan–mar 2026") == "goteborg_2026_jan-mar"
    assert file_label("Örebro", "helåret 2023") == "orebro_2023_helaret"
    assert file_label("", "") == "kommun-okand_period-okand"
    assert file_label("Upplands Väsby", "") == "upplands-vasby_period-okand"
    # nothing Windows refuses in a name: no <>:"/\|?*, no trailing dot or blank
    for name in ("Malung-Sälen", 'a<b>c:d"e/f\\g|h?i*j.', " Åre. ", "Håbo/Knivsta"):
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug(name)), name
    assert slug("Malung-Sälen") == "malung-salen" and slug("jan–aug") == "jan-aug"


def test_whether_a_report_covers_the_period_asked():
    from sonanalys.report.scope import covers

    assert covers("", "2022")  # nothing asked
    assert covers("jan–aug 2023", "jan–aug 2023")
    assert not covers("jan–aug 2023", "2022")  # 02: the last full year, not the period asked
    assert not covers("jan–aug 2023", "")  # nothing shown
    assert covers("2023", "jan–aug 2023")  # a year alone: its latest period
    assert not covers("2023", "2022")
    assert not covers("jan–dec 2023", "jan–aug 2023")  # the whole year asked
    assert covers("jan–dec 2022", "2022") and covers("helåret 2022", "2022")
    assert covers("jan–aug", "jan–aug 2018")  # months asked without a year


def _declaring(nbs: Path, calls: dict[str, str]) -> None:
    for name, call in calls.items():
        nb = nbformat.read(nbs / f"{name}.ipynb", as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(call))
        nbformat.write(nb, nbs / f"{name}.ipynb")


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def test_every_reports_files_are_named_by_its_scope_and_stay_put(tmp_path):
    """Issue 27: with no period named the files carried neither municipality nor period,
    with --period but no --municipality no municipality (``01_placeringar_2023_jan-aug``).
    Now each report's files are named by the scope its notebook declared; an unchanged
    re-run writes the same names (no new file), and the names of an earlier version, or
    of a run of the same report that failed, give way to them — the index follows."""
    import json

    nbs = small_notebooks(tmp_path / "nb")
    fail = "raise RuntimeError('avsiktligt fel')"
    _declaring(nbs, {"01_placeringar": fail})
    out = tmp_path / "r"
    go = dict(out=out, notebooks_dir=nbs, only=["01", "02", "04"], progress=False)
    s = run_reports(**{**go, "only": ["01"]}, run_date="2026-12-07")
    # a report that failed before it declared anything: named by what is known
    assert (
        s.report("01").stem == "01_placeringar_kommun-okand_period-okand" and not s.report("01").ok
    )
    nbs = small_notebooks(tmp_path / "nb2")
    _declaring(nbs, {
        "01_placeringar": "from sonanalys.notebook import declare_scope\n"
                          "declare_scope('Örebro', 'jan–aug 2023')",
        "04_atgarder": "from sonanalys.notebook import declare_scope\n"
                       "declare_scope('Linköping', [2024, 2025, 2026, 2027])",
    })  # fmt: skip
    go["notebooks_dir"] = nbs
    s = run_reports(**go, run_date="2026-12-07")
    assert s.failed == []
    assert {r.name: r.stem for r in s.results} == {
        "01_placeringar": "01_placeringar_orebro_2023_jan-aug",
        "02_varddygn": "02_varddygn_kommun-okand_period-okand",  # declared nothing
        "04_atgarder": "04_atgarder_linkoping_2024-2027",
    }
    made = _files(out)
    assert [f for f in made if f.endswith(".html")] == [
        "01_placeringar_orebro_2023_jan-aug.html",  # the failed run's 01 is gone
        "02_varddygn_kommun-okand_period-okand.html",
        "04_atgarder_linkoping_2024-2027.html",
        "index.html",
    ]
    assert "executed/01_placeringar_orebro_2023_jan-aug.ipynb" in made
    index = (out / "index.html").read_text("utf-8")
    assert 'href="01_placeringar_orebro_2023_jan-aug.html"' in index
    assert "01_placeringar_kommun-okand" not in index
    # an unchanged re-run, also forced, writes no new file
    again = run_reports(**go, run_date="2026-12-07")
    assert [r.name for r in again.reused] == ["01_placeringar", "02_varddygn", "04_atgarder"]
    assert _files(out) == made
    run_reports(**go, run_date="2026-12-07", force=True)
    assert _files(out) == made
    # a folder an earlier version made: 01 as 01_placeringar.html, without a scope
    manifest = out / ".sonanalys-reports.json"
    entries = json.loads(manifest.read_text("utf-8"))
    for e in entries:
        if e["name"] == "01_placeringar":
            for kind in [k for k in ("html", "xlsx") if e[k]]:
                (out / e[kind]).rename(out / f"01_placeringar.{kind}")
                e[kind] = f"01_placeringar.{kind}"
            (out / "executed" / f"{e['stem']}.ipynb").rename(out / "executed/01_placeringar.ipynb")
            e["stem"] = "01_placeringar"
            del e["scope"], e["files"]
    manifest.write_text(json.dumps(entries), "utf-8")
    run_reports(**go, run_date="2026-12-07")
    assert _files(out) == made  # 01_placeringar.* gave way to the scoped names
    assert 'href="01_placeringar.html"' not in (out / "index.html").read_text("utf-8")


def test_a_municipality_the_documents_do_not_hold_stops_the_notebook(kit):
    """``setup`` took any municipality: a typo ("Örbro") made an empty report that ran
    fine. Now it is a Swedish error naming the municipalities the documents hold; a name
    they hold in another case is written as they write it; 03 (``kolada=True``) also
    takes a municipality of Kolada's."""
    with pytest.raises(ValueError) as bad:
        kit.setup({"municipality": "Örbro"})
    assert str(bad.value) == (
        "kommunen 'Örbro' finns inte i underlaget: dokumenten gäller Linköping, Örebro; sätt "
        "municipality i parametercellen till en av dem, eller None för dokumentens egen (med "
        "papermill: -p municipality NAMN; med sonanalys report: --municipality NAMN)"
    )
    with pytest.raises(ValueError, match="inte heller bland Koladas kommuner"):
        kit.setup({"municipality": "Örbro"}, kolada=True)
    with pytest.raises(ValueError, match="Arboga' finns inte i underlaget"):
        kit.setup({"municipality": "Arboga"})
    params = {"municipality": "Arboga"}
    kit.setup(params, kolada=True)
    assert params["municipality"] == "Arboga"
    params = {"municipality": " örebro"}
    kit.setup(params)
    assert params["municipality"] == "Örebro"
    with pytest.raises(ValueError, match="municipality ska vara en kommuns namn"):
        kit.setup({"municipality": 1880})
    kit.setup({})  # the embedded documents again, for the other tests


def test_a_misspelt_municipality_fails_a_papermill_run(tmp_path):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from sonanalys import paths

    with pytest.raises(PapermillExecutionError) as failed:
        pm.execute_notebook(
            str(paths.NOTEBOOKS / "01_placeringar.ipynb"),
            str(tmp_path / "01.ipynb"),
            parameters={"municipality": "Örbro"},
            kernel_name="python3",
            progress_bar=False,
        )
    assert "kommunen 'Örbro' finns inte i underlaget: dokumenten gäller Linköping, Örebro" in str(
        failed.value
    )


def test_declare_scope_ending_a_cell_puts_nothing_on_the_page(tmp_path):
    """The kit's declare_scope returns the period shown (for the box's caption); as a
    cell's last line it printed it on the page (05 showed 'jan–aug 2023')."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from sonanalys.notebook import declare_scope\ndeclare_scope('Örebro', 'jan–aug 2023')"
        ),
        nbformat.v4.new_code_cell("x = declare_scope('Örebro', 2022)\nx + ' ok'"),
    ]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    first = nb.cells[0].outputs
    assert [o.output_type for o in first] == ["display_data"]  # the scope alone, no result
    assert set(first[0]["data"]) == {SCOPE_MIME, "text/html"}
    # it is the period's text all the same
    assert nb.cells[1].outputs[-1]["data"]["text/plain"] == "'2022 ok'"


def test_a_notebook_gets_only_the_extra_parameters_it_declares(tmp_path):
    """``--group``/``--kpi`` (03's) went to every notebook: papermill warned on stderr of
    an unknown parameter for each of the others (a schedule's mail) and 05's page listed
    *jämförelsegrupp* among its parameters. Now a notebook gets the common parameters and
    only the extra ones its parameters cell declares (the small notebooks declare ``kpis``,
    not ``comparison_group``)."""
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    extra = {"comparison_group": "R12", "kpis": ["N35001"]}
    s = run_reports(out=out, notebooks_dir=src, only=["05"], progress=False, notebook_params=extra)
    assert s.failed == []
    r = s.report("05")
    ran = nbformat.read(out / "executed" / f"{r.stem}.ipynb", as_version=4)
    injected = "".join(
        c.source for c in ran.cells if "injected-parameters" in c.metadata.get("tags", [])
    )
    assert 'kpis = ["N35001"]' in injected and "comparison_group" not in injected
    assert "profile" in injected and "processed_dir" in injected  # the common ones, always
    page = (out / r.html).read_text(encoding="utf-8")
    assert "jämförelsegrupp" not in page and "N35001" in page
    # the folder's manifest keeps the notebook's own parameters, not the run's (it listed
    # 03's comparison_group under 05), and the index line says no parameter code at all
    entry = json.loads((out / ".sonanalys-reports.json").read_text("utf-8"))[0]
    assert entry["params"]["kpis"] == ["N35001"] and "comparison_group" not in entry["params"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "R12" not in index and "N35001" not in index and "jämförelsegrupp" not in index
    assert "profil ledning" in index
