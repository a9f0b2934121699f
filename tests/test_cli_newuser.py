"""What a new user meets first, tried end to end: a folder with no documents, empty files,
the notebooks run by papermill on a period the documents do not hold."""

from __future__ import annotations

import re

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


def test_a_folder_that_is_not_there_is_wrong_use_for_parse_and_report_alike(tmp_path, capsys):
    # before: `parse MAPP` wrote empty frames over the earlier ones and exited 7 (a file
    # that could not be opened), `parse --data MAPP` exited 1, `report --data MAPP` 2
    gone, out = tmp_path / "Delår 2025", tmp_path / "out"
    runs = [
        ["parse", str(gone), "--out", str(out)],
        ["parse", "--data", str(gone), "--out", str(out)],
        ["report", "--data", str(gone), "--out", str(out), "--log-dir", str(tmp_path / "l")],
    ]
    for args in runs:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert f"fel: {gone} finns inte" in err, err
        assert not out.exists()
    a_file = tmp_path / "bilaga.txt"
    a_file.write_text("Örebro kommun\n", encoding="utf-8")
    for args in (
        ["parse", "--data", str(a_file), "--out", str(out)],
        ["report", "--data", str(a_file), "--out", str(out), "--log-dir", str(tmp_path / "l")],
    ):
        assert main(args) == 2, args
        assert f"fel: {a_file} är ingen mapp" in capsys.readouterr().err
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


def _params(**given):
    return {"municipality": None, "year": None, "period": None, "data_dir": None,
            "profile": "ledning", "mask_threshold": 5, "processed_dir": None, **given}  # fmt: skip


def test_a_notebook_stops_on_a_period_the_documents_do_not_hold():
    # before: setup accepted it, and 05 run by papermill for jan–aug 2030 exited 0 with a
    # report of nothing for that period
    import pytest

    from sonanalys.notebook import setup

    with pytest.raises(ValueError) as err:
        setup(_params(municipality="örebro", year=2030, period="januari–augusti"))
    assert str(err.value) == (
        "dokumenten har inte perioden jan-aug för Örebro 2030; perioderna i dokumenten: "
        "Örebro 2023 jan-aug, Linköping 2018 jan-aug. Sätt year och period i parametercellen."
    )
    with pytest.raises(ValueError) as err:
        setup(_params(municipality="Örebro", year=2030))
    assert str(err.value).startswith(
        "dokumenten har inga uppgifter för 2030 för Örebro; åren i dokumenten för Örebro: "
    )
    assert str(err.value).endswith(". Sätt year i parametercellen (None: den senaste perioden).")
    with pytest.raises(ValueError, match="okänd period 'augusti-januari'"):
        setup(_params(period="augusti-januari"))
    # held: the period, a year alone, a year of the figures only (2019 is no document's
    # year), the latest; and a report whose period is its own (04: the plans' years)
    setup(_params(municipality="Örebro", year=2023, period="jan-aug"))
    setup(_params(year=2019))
    setup(_params(period="auto"))
    setup(_params(year=2030), run_period=False)


def test_papermill_exits_non_zero_on_a_period_the_documents_do_not_hold(tmp_path):
    import subprocess
    import sys

    from sonanalys import paths

    out = tmp_path / "05.ipynb"
    p = subprocess.run(
        [sys.executable, "-m", "papermill", str(paths.NOTEBOOKS / "05_delarsrapport.ipynb"),
         str(out), "-k", "python3", "-p", "municipality", "Örebro", "-p", "year", "2030",
         "-p", "period", "jan-aug", "--no-progress-bar"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert p.returncode == 1
    assert "dokumenten har inte perioden jan-aug för Örebro 2030" in p.stderr


def test_the_start_here_notebook_takes_the_municipality_documents_name(tmp_path):
    # before: 00_kom_igang took the mode of documents.municipality, '' where most documents
    # name none (Falun's and Ludvika's here), showed ', .' rows and stopped in its last
    # cell on a KeyError: "okänd kommun ''"
    import shutil

    import nbformat
    import papermill as pm

    from sonanalys import paths

    corpus = paths.ROOT / "tests" / "corpus" / "round2"
    folder = tmp_path / "mina"
    folder.mkdir()
    for name in ("dev_21_vastervik_driftsredovisning_2020.txt",
                 "dev_24_falun_besparingar_socialforvaltningen.txt",
                 "dev_29_ludvika_social_valfard_prognos_2018.txt"):  # fmt: skip
        shutil.copy(corpus / name, folder)
    out = tmp_path / "00.ipynb"
    try:
        pm.execute_notebook(
            str(paths.NOTEBOOKS / "00_kom_igang.ipynb"), str(out), kernel_name="python3",
            parameters={"data_dir": str(folder), "kolada_cache": str(tmp_path / "kolada")},
            cwd=str(tmp_path), progress_bar=False,
        )  # fmt: skip
    finally:
        shutil.rmtree(paths.processed_for(folder), ignore_errors=True)
    html = "\n".join(
        str(o.get("data", {}).get("text/html", ""))
        for c in nbformat.read(out, as_version=4).cells
        for o in c.get("outputs", [])
    )
    assert re.search(r"<caption>[^<]+, Västervik, mnkr</caption>", html), html[-3000:]
    assert "<caption>Västervik mot R9</caption>" in html


def test_the_municipality_most_documents_name_is_never_a_pick():
    import pandas as pd
    import pytest

    from sonanalys.notebook import named_most

    docs = lambda *m: pd.DataFrame({"municipality": list(m)})  # noqa: E731
    assert named_most(docs("", None, "", "Västervik")) == "Västervik"
    assert named_most(docs("Linköping", "Örebro", "Linköping")) == "Linköping"
    with pytest.raises(ValueError, match=r"^lika många dokument gäller Nacka, Växjö; sätt munic"):
        named_most(docs("Växjö", "Nacka", ""))
    with pytest.raises(ValueError, match=r"^inget av dokumenten säger vilken kommun det gäller"):
        named_most(docs("", None))


def test_parse_draws_no_progress_bar_into_a_log(tmp_path, capsys):
    # before: more than five documents drew tqdm's bar on stderr also when it was a file
    # (a cron job's mail, the Task Scheduler's log): '\r 17%|█▋ | 1/6 [00:00<…]'
    import shutil

    from sonanalys import paths

    folder = tmp_path / "in"
    shutil.copytree(paths.ROOT / "tests" / "corpus" / "text", folder)
    assert len(list(folder.glob("*.txt"))) > 5
    assert main(["parse", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "dokument/s" not in err and "█" not in err and "\r" not in err


def test_setup_makes_a_venv_whose_python_is_gone_again(tmp_path):
    # before: a .venv whose python no longer runs (its Python uninstalled or replaced:
    # Windows' "No Python at ...", exit 103) was kept, and every later step failed with it;
    # the README's advice for a broken environment, run setup again, did not help
    import os
    import shutil
    import subprocess

    from sonanalys import paths

    root = tmp_path / "sonanalys"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(paths.ROOT / "scripts" / "setup.sh", root / "scripts")
    log = tmp_path / "log"
    broken = root / ".venv" / "bin" / "python"
    broken.parent.mkdir(parents=True)
    broken.write_text("#!/bin/sh\necho 'No Python at C:\\Python311\\python.exe' >&2\nexit 103\n")
    broken.chmod(0o755)
    (root / ".venv" / "old").write_text("")
    python = tmp_path / "python3"  # makes a .venv whose python logs its arguments
    python.write_text(
        "#!/bin/sh\nmkdir -p .venv/bin\n"
        f"printf '#!/bin/sh\\necho venv \"$*\" >> {log}\\n' > .venv/bin/python\n"
        f'chmod +x .venv/bin/python\necho made "$*" >> {log}\n'
    )
    python.chmod(0o755)
    p = subprocess.run(["bash", "scripts/setup.sh"], cwd=root, capture_output=True, text=True,
                       env={**os.environ, "PYTHON": str(python)})  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert log.read_text().splitlines() == [
        "made -m venv .venv",
        "venv -m pip install --quiet --upgrade pip",
        "venv -m pip install --quiet -e . -c constraints.txt",  # a user's: no [dev]
    ]
    assert not (root / ".venv" / "old").exists()


def test_the_windows_steps_are_judged_by_exit_code_not_stderr():
    # Windows PowerShell 5.1 under "Stop" ends a script on a program's first stderr line
    # when the output is redirected (pip's notices, parse's warnings); a step must run
    # with "Continue" and judge the exit code, and a program that cannot start stop it
    from sonanalys import paths

    for script in sorted((paths.ROOT / "scripts").glob("*.ps1")):
        text = script.read_text("utf-8")
        step = text[text.index("function Step {") :].split("\n}\n", 1)[0]
        assert '$ErrorActionPreference = "Continue"' in step, script.name
        assert "try { & $cmd @rest } catch {" in step and "exit 1" in step, script.name
        assert text.isascii(), script.name  # 5.1 reads a file without BOM as ANSI


def test_a_document_without_numbers_is_named(tmp_path, capsys):
    # before: a workbook of text only was read, gave nothing, and nothing said so
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    wb = openpyxl.Workbook()
    wb.active.append(["Verksamhet", "Kommentar"])
    wb.active.append(["HVB", "inga siffror här"])
    wb.save(folder / "utan_tal.xlsx")
    (folder / "a.txt").write_text("Belopp mnkr\tBudget 2024\nNetto\t1 801\n", encoding="utf-8")
    assert main(["parse", str(folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "obs: utan_tal.xlsx: dokumentet gav inga tal (" in err
    assert "a.txt" not in err


def test_report_for_a_year_the_documents_lack_stops_before_writing(tmp_path, capsys):
    # before: a year alone was not checked; each report ran, failed in its notebook and
    # was written as 'FEL: PapermillExecutionError: ValueError: …', exit 1
    out = tmp_path / "rapporter"
    code = main(["report", "--year", "2030", "--municipality", "örebro", "--only", "05",
                 "--out", str(out), "--log-dir", str(tmp_path / "logg")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("fel: dokumenten har inga uppgifter för 2030 för Örebro; åren i ")
    assert err.rstrip().endswith(". Ingen rapport skrevs.")
    assert not out.exists()


def test_score_finds_the_frames_of_a_folder_by_its_name(tmp_path, capsys):
    # before: score knew only --processed, so a folder's facts needed the hashed name
    # data/processed/mappar/<name>-<hash>; and a fact's document not parsed there was
    # silently 0 of N
    import shutil

    from sonanalys import paths

    folder = tmp_path / "Delår 2020"
    folder.mkdir()
    doc = "dev_21_vastervik_driftsredovisning_2020.txt"
    shutil.copy(paths.ROOT / "tests" / "corpus" / "round2" / doc, folder)
    facts = tmp_path / "fakta.csv"
    facts.write_text(
        "doc,kind,row_pattern,col_pattern,year,value\n"
        f"{doc},table,socialnämnd,intäkter,2020,216.4\n"
        "finns_inte.txt,table,Summa,,2020,1.0\n",
        encoding="utf-8",
    )
    try:
        assert main(["parse", "--data", str(folder)]) == 0
        capsys.readouterr()
        assert main(["score", str(facts), "--data", str(folder), "--min-share", "50"]) == 0
    finally:
        shutil.rmtree(paths.processed_for(folder), ignore_errors=True)
    out, err = capsys.readouterr()
    assert f"{doc}: 1 av 1" in out and "1 av 2 fakta hittade (50,0 %)" in out
    assert "varning: finns_inte.txt: inget dokument med det namnet i " in err


def test_report_names_a_document_it_could_not_read_and_exits_1(tmp_path, capsys):
    # before: `report --data` over Göteborg's delårsrapport and two PDFs that could not be
    # read (not a PDF; password-protected) said nothing of them and exited 0
    from pathlib import Path

    folder = tmp_path / "dokument"
    folder.mkdir()
    pdf = (
        Path(__file__).parent
        / "corpus"
        / "pdf"
        / "goteborg_intraservice_delarsrapport_2026_mars.pdf"
    )
    (folder / pdf.name).write_bytes(pdf.read_bytes())
    (folder / "trasig.pdf").write_bytes(b"\x00\x01 inte en pdf")
    out = tmp_path / "rapporter"
    code = main(["report", "--data", str(folder), "--only", "05", "--out", str(out),
                 "--log-dir", str(tmp_path / "logg")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert "fel: trasig.pdf: inte en PDF (filen börjar inte med %PDF)" in captured.err
    assert "1 dokument kunde inte läsas (se fel: ovan); rapporterna bygger på de andra" in (
        captured.err
    )
    assert "05_delarsrapport_goteborg_2026_jan-mar.html (ok)" in captured.out


def test_a_year_parameter_the_data_lack_is_a_swedish_error():
    # before: 02 with year_from = 2030 stopped on pandas' IndexError ('single positional
    # indexer is out-of-bounds'); 04 with waterfall_year = 2099 drew a waterfall of nothing
    # and said 'Summan av åtgärderna 2099 är 0,0 mnkr', a sum the plan never gives
    import pytest

    import sonanalys
    from sonanalys.analysis import care

    data = sonanalys.load()
    series = care.cost_series(data.varddygn, data.placements, "Örebro")
    years = ", ".join(str(int(y)) for y in sorted(set(series["year"])))
    with pytest.raises(ValueError) as err:
        care.price_volume_steps(series, 2030)
    assert str(err.value) == (
        f"year_from = 2030: underlaget har vårddygn och kostnad per dygn för {years}; sätt "
        "year_from och year_to i parametercellen till två av dem (None: de två sista)"
    )
    assert not care.price_volume_steps(series).empty


def test_04_stops_on_a_waterfall_year_the_plan_lacks(tmp_path):
    import subprocess
    import sys

    from sonanalys import paths

    p = subprocess.run(
        [sys.executable, "-m", "papermill", str(paths.NOTEBOOKS / "04_atgarder.ipynb"),
         str(tmp_path / "04.ipynb"), "-k", "python3", "-p", "waterfall_year", "2099",
         "--no-progress-bar"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert p.returncode == 1
    assert "waterfall_year = 2099: den senaste planen har effekter för 2024, 2025" in p.stderr
