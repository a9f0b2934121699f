"""One's own folder in two lines: ``sonanalys.load(folder)`` on real corpus documents
copied into a folder of their own, as an economist would; ``parse`` of a str reads that
one folder; short reprs; the notebook kit and the notebooks' parameters and setup."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import sonanalys
from sonanalys import paths
from sonanalys.dataset import Dataset

CORPUS = Path("/work/shared/corpus/text")
VASTERVIK = "dev_21_vastervik_driftsredovisning_2020.txt"
HELSINGBORG = "dev_16_helsingborg_sn_nyckeltal.txt"
NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("0[0-9]_*.ipynb"))
KIT_CALL = ("from sonanalys.notebook import *", "data = setup(globals())")
COMMON_PARAMETERS = {
    "municipality", "year", "period", "data_dir", "profile", "mask_threshold", "processed_dir"
}  # fmt: skip


def own_folder(root: Path) -> Path:
    """Two shared-corpus documents copied into a folder, as an economist would."""
    folder = root / "mina dokument"
    folder.mkdir()
    for name in (VASTERVIK, HELSINGBORG):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    f = own_folder(tmp_path_factory.mktemp("eget"))
    yield f
    shutil.rmtree(paths.processed_for(f), ignore_errors=True)  # the cache load made


@pytest.fixture(scope="module")
def data(folder):
    return sonanalys.load(str(folder))


def test_load_gives_the_folders_frames_with_their_rows(data, folder):
    assert isinstance(data, Dataset)
    assert data.processed == paths.processed_for(folder)  # where `parse --data` puts them
    docs = data.documents.set_index("source")
    assert sorted(docs.index) == [HELSINGBORG, VASTERVIK]
    assert docs.loc[VASTERVIK, "municipality"] == "Västervik"
    assert docs.loc[HELSINGBORG, "municipality"] == "Helsingborg"
    # Västervik's driftsredovisning 2020: Individ- och familjeomsorg, budget -77,6 mnkr
    # (line 312) and avvikelse -12,1 (line 314)
    b = data.budget
    ifo = b[(b["verksamhet"] == "Individ- och familjeomsorg") & (b["year"] == 2020)]
    got = {r.value_kind: (r.value_mnkr, r.line) for r in ifo.itertuples()}
    assert got == {"budget": (-77.6, 312), "avvikelse": (-12.1, 314)}
    # Helsingborg's nyckeltal: Vårddygn i familjehem 49 831, 59 884, 65 209 (line 21)
    v = data["varddygn"]
    fh = v[v["label"] == "Vårddygn i familjehem, antal"].sort_values("year")
    assert fh[["year", "value"]].values.tolist() == [[2014, 49831], [2015, 59884], [2016, 65209]]
    assert set(fh["line"]) == {21} and set(fh["source"]) == {HELSINGBORG}
    assert len(data.indikatorer) and len(data.observations) and len(data.errors) == 0
    assert data.checks is data.frame("checks")  # read once, then kept
    assert data.atgarder.empty and list(data.atgarder.columns)  # empty, with its columns


def test_load_is_cached_by_content_like_the_command(data, folder, monkeypatch):
    import sonanalys.dataset as ds

    def parse_again(*a, **k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(ds, "process_to", parse_again)
    again = sonanalys.load(folder)  # a Path this time: the same dataset
    assert again.processed == data.processed
    assert again.budget.equals(data.budget)
    (folder / VASTERVIK).write_text(
        (CORPUS / VASTERVIK).read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    with pytest.raises(AssertionError, match="parsed again"):
        sonanalys.load(folder)  # a document changed: parsed again
    shutil.copy(CORPUS / VASTERVIK, folder / VASTERVIK)


def test_load_names_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="finns inte"):
        sonanalys.load(tmp_path / "saknas")
    (tmp_path / "tom").mkdir()
    (tmp_path / "tom" / "bild.png").write_bytes(b"\x89PNG")
    with pytest.raises(ValueError, match="inga dokument"):
        sonanalys.load(tmp_path / "tom")
    with pytest.raises(KeyError, match="okänd tabell"):
        Dataset(tmp_path).frame("budgetar")


def test_the_older_form_load_of_a_frame_name_still_works(data):
    frame = sonanalys.load("budget", data.processed)
    assert isinstance(frame, pd.DataFrame) and frame.equals(data.budget)


def test_parse_of_a_str_reads_that_one_folder(tmp_path, monkeypatch):
    """A str is one path: "mine" is the folder, never "m", "i", "n", "e" (nor "/" the
    whole disk)."""
    own_folder(tmp_path)
    shutil.copy(CORPUS / "dev_03_regionfakta_norrbotten_ekonomiskt_bistand.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = sonanalys.parse("mina dokument")
    assert sorted(d.source for d in result.documents) == [HELSINGBORG, VASTERVIK]
    assert result.errors == [] and result.skipped_files == []
    assert set(result.observations["source"]) == {HELSINGBORG, VASTERVIK}
    assert sonanalys.observations("mina dokument").equals(result.observations)
    assert [d.source for d in sonanalys.parse(Path("mina dokument") / VASTERVIK).documents] == [
        VASTERVIK
    ]
    from sonanalys.pipeline import ensure_processed, process_to

    done = process_to("mina dokument", tmp_path / "ut")  # what the command runs
    assert sorted(done.documents["source"]) == [HELSINGBORG, VASTERVIK] and not done.errors
    assert ensure_processed("mina dokument", tmp_path / "ut") is False  # current: the same


def test_reprs_are_a_line_or_a_few(data):
    doc = sonanalys.read(paths.RAW / "004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt")
    assert repr(doc) == (
        "<Document '004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt': "
        f"delarsrapport, Örebro, 2023, jan-aug; {len(doc.tables)} tabeller, "
        f"{len(doc.paragraphs)} stycken, {len(doc.lines)} rader>"
    )
    for table in doc.tables:  # a line each, the caption cut at 60 characters
        text = repr(table)
        assert text.startswith("<Table '") and "\n" not in text and len(text) < 140, text
        assert text.endswith(
            f": {len(table.rows)} rader, {max(len(r.cells) for r in table.rows)} kolumner, "
            f"rad {table.line}–{table.last_line} ({table.layout})>"
        )
    result = sonanalys.parse(paths.RAW / "004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt")
    assert repr(result).startswith("<ParseResult: 1 dokument, ") and len(repr(result)) < 120
    text = repr(data)
    assert len(text.splitlines()) <= 5 and len(text) < 600, text
    assert text.startswith("<Dataset: 2 dokument ur ")
    assert f"budget {len(data.budget)}" in text and f"varddygn {len(data.varddygn)}" in text
    assert "tomma: atgarder, atgarder_uppfoljning, placements, volymer" in text


def test_public_names_have_docstrings():
    for name in sonanalys.__all__:
        assert (getattr(sonanalys, name).__doc__ or "").strip(), name
    for name in ("budget", "checks", "parse_report", "observations"):
        assert getattr(Dataset, name).__doc__, name


# the notebook kit


def test_the_kit_sets_up_a_notebook_on_a_folder(data, folder, monkeypatch):
    import sonanalys.notebook as kit

    params = {"data_dir": str(folder), "profile": "ledning", "mask_threshold": 5}
    got = kit.setup(params)
    assert got.processed == data.processed and params["processed_dir"] == str(data.processed)
    assert kit.load("budget").equals(data.budget)  # a frame of the notebook's data
    assert isinstance(kit.load(folder), Dataset)  # a folder: its dataset
    # data_dir changed and setup run again (JupyterLab): the new folder, not the old one
    params["data_dir"] = None
    assert kit.setup(params).processed == paths.PROCESSED
    # the report command hands over the frames it parsed: nothing is parsed again
    given = {"data_dir": str(folder), "processed_dir": str(data.processed), "profile": "intern"}
    with monkeypatch.context() as m:
        m.setattr(sonanalys, "load", lambda *a, **k: pytest.fail("parsed or loaded again"))
        again = kit.setup(given)
    assert again.varddygn.equals(data.varddygn)
    for bad in ({"profile": "alla"}, {"mask_threshold": 0}):
        with pytest.raises(ValueError, match=r"profil|mask_threshold"):
            kit.setup({"data_dir": str(folder), **bad})
    names = set(kit.__all__)
    assert {"setup", "load", "say", "show_table", "sv", "sv_axis", "plt", "display"} <= names


def test_against_group_uses_only_the_notebooks_own_documents(folder):
    """Without fetched Kolada values, the comparison is what the notebook's documents
    print: the embedded internbudget's N35001 for Linköping (761 against R9's 1 063,
    line 580) over the embedded data, nothing over a folder that lacks it."""
    import sonanalys.notebook as kit

    empty = {"kolada_cache": str(folder.parent / "kolada")}  # nothing fetched
    kit.setup({})
    own = kit.against_group("Linköping", "R9", ["N35001"], [2022], **empty)
    assert own[["år", "Linköping", "R9 (ovägt medel)", "skillnad"]].values.tolist() == [
        [2022, 761.0, 1063.0, -302.0]
    ]
    assert "002_internbudget_2024_linkoping_son.txt rad 580" in own.attrs["source"]
    kit.setup({"data_dir": str(folder)})
    other = kit.against_group("Linköping", "R9", ["N35001"], [2022], **empty)
    assert other.empty and other.attrs["source"].startswith("inga värden")


def _parameters(nb) -> dict:
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    return {
        t.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def _setup_cells(nb) -> list[str]:
    """The code cells between the parameters cell and the first heading after it."""
    i = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    out = []
    for c in nb.cells[i + 1 :]:
        if c.cell_type == "markdown":
            break
        out.append(c.source)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_takes_data_dir_and_defaults_to_ledning(path):
    params = _parameters(nbformat.read(path, as_version=4))
    assert set(params) >= COMMON_PARAMETERS, COMMON_PARAMETERS - set(params)
    assert params["data_dir"] is None and params["processed_dir"] is None
    assert params["profile"] == "ledning" and params["mask_threshold"] == 5


def test_no_notebook_repeats_setup_code():
    setups = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        cells = _setup_cells(nb)
        first, call = cells[0].splitlines()[:2]
        # the kit's one call, with a notebook's own options (03: Kolada's years)
        kit = re.fullmatch(r"data = setup\(globals\(\)(?:, \w+=\w+)*\)(?:  #.*)?", call)
        assert len(cells) == 1 and first == KIT_CALL[0] and kit, path.name
        setups[path.stem] = {
            line.strip() for line in cells[0].splitlines()[2:] if line.strip()
        } - set(KIT_CALL)
        for c in nb.cells:
            if c.cell_type == "code":
                for repeated in ("def say", "def load", "use_style()", "import matplotlib"):
                    assert repeated not in c.source, (path.name, repeated)
    for a, b in itertools.combinations(setups, 2):
        shared = setups[a] & setups[b]
        assert len(shared) <= 2, (a, b, shared)
    assert len(setups) >= 6


def test_the_start_here_notebook_runs_on_ones_own_folder(folder, tmp_path):
    """``00_kom_igang`` top to bottom with papermill against the folder (its
    ``data_dir``), as an economist would: frames, one verksamhet by year, a chart, and
    the comparison with R9, which says that nothing is fetched from Kolada."""
    import papermill as pm

    out = tmp_path / "00.ipynb"
    pm.execute_notebook(
        str(paths.NOTEBOOKS / "00_kom_igang.ipynb"),
        str(out),
        parameters={
            "data_dir": str(folder),
            "municipality": "Västervik",
            "verksamhet": "Individ- och familjeomsorg",
            "kolada_cache": str(tmp_path / "kolada"),  # empty: nothing fetched
        },
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<Dataset: 2 dokument ur " in text and str(folder) in text
    assert VASTERVIK in html and HELSINGBORG in html  # the documents
    # the verksamhet by year, as Västervik's driftsredovisning prints it (lines 312, 314)
    assert (
        "<caption>Individ- och familjeomsorg, Västervik, mnkr</caption><thead><tr><th>År</th>"
        "<th>budget</th><th>avvikelse</th></tr></thead><tbody><tr><th>2020</th>"
        '<td style="text-align:right">\u221277,6</td><td style="text-align:right">\u221212,1</td>'
    ) in html
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1  # the chart
    assert "<caption>Västervik mot R9</caption>" in html
    assert "inga värden: inget är hämtat från Kolada" in html
    assert (paths.processed_for(folder) / "manifest.json").exists()  # load's own cache


def test_the_report_command_hands_the_notebooks_the_folder_it_parsed(folder, data, tmp_path):
    """``sonanalys report --data FOLDER``: the notebooks get ``data_dir`` and the frames
    parsed from it (``processed_dir``); the page names neither folder."""
    from sonanalys.report.runner import run_reports

    out = tmp_path / "rapporter"
    s = run_reports(
        out=out, raw=folder, processed=data.processed, municipality="Västervik", only=["04"],
        progress=False,
    )  # fmt: skip
    assert not s.failed, [r.error for r in s.failed]
    executed = nbformat.read(out / "executed" / s.report("04").executed, as_version=4)
    cell = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert f'data_dir = "{folder.resolve()}"' in cell.source
    assert f'processed_dir = "{data.processed.resolve()}"' in cell.source
    page = (out / s.report("04").html).read_text(encoding="utf-8")
    assert "Västervik" in page and str(folder) not in page and "data_dir" not in page


def test_ledning_is_the_default_profile_everywhere():
    """A report from JupyterLab, papermill or the command masks small person counts
    unless ``intern`` is asked for (the notebooks defaulted to ``intern``)."""
    import inspect

    import sonanalys.notebook as kit
    from sonanalys.report.command import DEFAULTS
    from sonanalys.report.runner import run_reports

    assert DEFAULTS["profile"] == "ledning"
    assert inspect.signature(run_reports).parameters["profile"].default == "ledning"
    assert kit.DEFAULT_PROFILE == "ledning"
    for path in NOTEBOOKS:
        assert _parameters(nbformat.read(path, as_version=4))["profile"] == "ledning", path
