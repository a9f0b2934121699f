"""`sonanalys parse`: files written, byte-identical on re-run, errors named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sonanalys import paths
from sonanalys.cli import main
from sonanalys.pipeline import ALL_FRAMES
from sonanalys.tables import OBSERVATION_COLUMNS, REPORT_COLUMNS


def test_parse_writes_contract_files(tmp_path, capsys):
    assert main(["parse", str(paths.RAW), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"{n}.{ext}" for n in ALL_FRAMES for ext in ("csv", "parquet")]
        + ["manifest.json", "sonanalys.xlsx"]
    )
    obs = pd.read_parquet(tmp_path / "observations.parquet")
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert list(pd.read_parquet(tmp_path / "parse_report.parquet").columns) == REPORT_COLUMNS
    # the CSV is read back as strings: our numbers stay exactly what the parquet holds
    csv = pd.read_csv(tmp_path / "observations.csv", dtype=str, keep_default_na=False)
    assert len(csv) == len(obs)
    assert [float(v) for v in csv.value] == obs.value.tolist()
    assert "5 dokument" in capsys.readouterr().out


@pytest.mark.parametrize("inputs", [paths.RAW, Path(__file__).parent / "badinput" / "files"])
def test_parse_is_byte_identical_on_rerun(tmp_path, inputs):
    a, b = tmp_path / "a", tmp_path / "b"
    main(["parse", str(inputs), "--out", str(a)])
    main(["parse", str(inputs), "--out", str(b)])
    names = sorted(p.name for p in a.iterdir())
    assert len(names) == 2 * len(ALL_FRAMES) + 2  # csv + parquet, manifest, workbook
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert not [p for p in a.iterdir() if p.name.endswith(".tmp")]


def test_parallel_parse_writes_the_same_bytes_as_serial(tmp_path):
    """Worker processes change only the speed: the seeds, the bad-input files (errors
    and all) and the corpus excerpts, read with one job and with three, give the same
    files, byte for byte."""
    import gc

    inputs = [paths.RAW, Path(__file__).parent / "badinput" / "files",
              Path(__file__).parent / "corpus" / "text"]  # fmt: skip
    a, b = tmp_path / "a", tmp_path / "b"
    main(["parse", *map(str, inputs), "--out", str(a), "--jobs", "1"])
    main(["parse", *map(str, inputs), "--out", str(b), "--jobs", "3"])
    # the objects frozen for the forked workers are collectable again
    assert gc.get_freeze_count() == 0
    names = sorted(p.name for p in a.iterdir())
    assert len(names) == 2 * len(ALL_FRAMES) + 2
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    docs = pd.read_parquet(b / "documents.parquet")
    assert len(docs) > 10 and docs["source"].is_monotonic_increasing


def test_parse_skips_other_files_and_fails_on_bad_documents(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Belopp mnkr\tBudget 2024\nNetto\t1 801\n", encoding="utf-8")
    (src / "bild.png").write_bytes(b"\x89PNG")
    (src / "trasig.docx").write_bytes(b"PK\x03\x04")
    code = main(["parse", str(src), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "bild.png" in err and "hoppar över" in err
    assert "trasig.docx" in err
    obs = pd.read_parquet(tmp_path / "out" / "observations.parquet")
    assert obs.value.tolist() == [1801.0]


def test_module_entry_point(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sonanalys",
            "parse",
            str(paths.RAW / "001_atgardsplan_2020_linkoping_son.txt"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 dokument" in out.stdout


def test_municipality_for_documents_that_never_say(tmp_path, capsys):
    """``--municipality`` fills in documents that name none; ``--municipality-for`` sets
    one file whatever it says; both are kept in manifest.json, so the re-parse a report
    run does (here: after the library changed) keeps them."""
    import json

    from sonanalys.pipeline import ensure_processed

    corpus = Path(__file__).parent / "corpus" / "text"
    out = tmp_path / "p"
    lulea = "dev_10_lkf_lulea_resultatrakning_2018.txt"  # names Luleå
    argv = ["parse", str(corpus), "--out", str(out), "--municipality", "vaxholm",
            "--municipality-for", f"{lulea}=2582"]  # fmt: skip
    assert main(argv) == 0

    def municipality_of() -> dict:
        docs = pd.read_parquet(out / "documents.parquet")
        return dict(zip(docs["source"], docs["municipality"], strict=True))

    said = municipality_of()
    assert said["dev_09_ivo_hvb_stodboende_ensamkommande.txt"] == "Vaxholm"  # named none
    assert said[lulea] == "Boden"  # the file's own setting wins over what it says
    assert said["dev_13_stockholmstad_bistandstagare_alder_2017.txt"] == "Stockholm"  # its own
    obs = pd.read_parquet(out / "observations.parquet")
    dev09 = obs[obs["source"] == "dev_09_ivo_hvb_stodboende_ensamkommande.txt"]
    assert len(dev09) > 0 and set(dev09["municipality"]) == {"Vaxholm"}
    record = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert record["municipalities"] == {
        "default": "Vaxholm",
        "files": {lulea: "Boden"},
    }
    # the library changes: the processed data are stale and parsed again, as they were told
    record["library"] = "older"
    (out / "manifest.json").write_text(json.dumps(record), encoding="utf-8")
    assert ensure_processed([corpus], out) is True
    assert municipality_of() == said


def test_an_unknown_municipality_is_refused_by_name(tmp_path):
    with pytest.raises(SystemExit, match="okänd kommun 'Atlantis'"):
        main(["parse", str(paths.RAW), "--out", str(tmp_path), "--municipality", "Atlantis"])
    with pytest.raises(SystemExit, match="FIL=KOMMUN"):
        main(["parse", str(paths.RAW), "--out", str(tmp_path), "--municipality-for", "x.txt"])


def test_a_municipality_for_a_file_not_read_is_said(tmp_path, capsys):
    argv = ["parse", str(paths.RAW), "--out", str(tmp_path),
            "--municipality-for", "data/raw/nope.txt=Boden"]  # fmt: skip
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (
        "inget läst dokument heter data/raw/nope.txt (ange filens namn, eller dess sökväg "
        "i mappen: undermapp/fil.txt)" in err
    )


def test_batches_of_documents_give_the_frames_of_one_pass(tmp_path, monkeypatch):
    """``sonanalys parse`` builds, accounts and writes a batch of documents at a time, so
    memory stays flat: in batches of a few hundred observations (many batches, with
    error files and corpus excerpts among them) every frame, the workbook's sheets and
    the accounting equal one pass over everything in memory."""
    from openpyxl import load_workbook

    from sonanalys import pipeline
    from sonanalys.conservation import account

    inputs = [paths.RAW, Path(__file__).parent / "badinput" / "files",
              Path(__file__).parent / "corpus" / "text"]  # fmt: skip
    whole = pipeline.process(inputs)
    pipeline.write_processed(whole, tmp_path / "whole", inputs)
    monkeypatch.setattr(pipeline, "BATCH_OBSERVATIONS", 300)
    done = pipeline.process_to(inputs, tmp_path / "batched", jobs=2)
    batches = pd.read_parquet(tmp_path / "batched" / "observations.parquet")
    assert len(whole.result.observations) > 6 * 300  # several batches
    for name in ALL_FRAMES:
        a = pd.read_parquet(tmp_path / "whole" / f"{name}.parquet")
        b = pd.read_parquet(tmp_path / "batched" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b, obj=name)
        csv = f"{name}.csv"
        assert (tmp_path / "whole" / csv).read_bytes() == (tmp_path / "batched" / csv).read_bytes()
    assert len(batches) == done.observations == len(whole.result.observations)
    book = {}
    for which in ("whole", "batched"):
        wb = load_workbook(tmp_path / which / "sonanalys.xlsx")
        book[which] = {n: list(wb[n].iter_rows(values_only=True)) for n in wb.sheetnames}
    assert book["whole"] == book["batched"]
    acc = account(whole.result)
    got = done.accounting
    assert (got.digit_runs, got.accounted, got.observations, got.printed) == (
        acc.digit_runs, acc.accounted, acc.observations, acc.printed)  # fmt: skip
    assert (got.table_lines, got.lines_read, got.unread) == (
        acc.table_lines, acc.lines_read, acc.unread)  # fmt: skip
    assert done.warnings == whole.frames.warnings
    assert done.errors == whole.result.errors and len(done.errors) > 0


@pytest.mark.parametrize(("env", "pool"), [(None, "system"), ("mimalloc", "mimalloc")])
def test_arrow_allocates_from_the_c_library_unless_told(env, pool):
    """Arrow's own allocator keeps what it frees, so a streaming run would grow with its
    largest batch; the package picks the C library's, which gives memory back. An
    explicit ARROW_DEFAULT_MEMORY_POOL wins."""
    environ = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if env:
        environ["ARROW_DEFAULT_MEMORY_POOL"] = env
    code = (
        "import sonanalys, pyarrow as pa\n"
        "from sonanalys.io import release_memory\n"
        "release_memory()\n"
        "print(pa.default_memory_pool().backend_name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == pool
