"""What sonanalys writes is never read back as a document: a folder given to ``parse``
that holds its report pages, its workbooks or its processed frames beside the
municipality's documents reads the documents only, and says of each file of its own
that it was passed over (an info row naming the file). Read as documents, they would
feed the analysis's own figures back in as if they were the municipality's."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from sonanalys.observations import parse
from sonanalys.pipeline import process_to
from sonanalys.report.runner import run_reports

sys.path.insert(0, str(Path(__file__).parent))
from small_notebooks import small_notebooks

RAW = Path(__file__).parent.parent / "data" / "raw"
SEED = "000_reviderad_atgardsplan_2021_linkoping_son.txt"


def _rows(obs):
    return sorted(
        map(tuple, obs[["line", "row_label", "column_label", "value"]].astype(str).values)
    )


def _made(out: Path, suffix: str) -> Path:
    """The report 05's file (its name carries the run's municipality and period)."""
    (path,) = out.glob(f"05_delarsrapport*{suffix}")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A report run (its page and workbook) and a parse's processed folder."""
    tmp = tmp_path_factory.mktemp("own")
    out = tmp / "reports"
    notebooks = small_notebooks(tmp / "nb")
    nb_path = notebooks / "05_delarsrapport.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(  # a table, as the real reports show them: the report gets a workbook
        nbformat.v4.new_code_cell(
            "from sonanalys.report.present import show_table\n"
            "import pandas as pd\n"
            "show_table(pd.DataFrame({'Verksamhet': ['HVB', 'Familjehem'],\n"
            "                         'Budget 2025, mnkr': [12.5, 3.1]}), caption='Budget')"
        )
    )
    nbformat.write(nb, nb_path)
    run_reports(out=out, notebooks_dir=notebooks, only=["05"], progress=False,
                run_date="2026-12-07")  # fmt: skip
    processed = tmp / "processed"
    process_to([RAW / SEED], processed)
    return out, processed


def test_report_pages_and_workbooks_copied_beside_a_document_are_passed_over(made, tmp_path):
    out, processed = made
    folder = tmp_path / "dokument"
    folder.mkdir()
    shutil.copy(RAW / SEED, folder / SEED)
    # copied away from the folders whose manifests list them: their own marks say it
    shutil.copy(_made(out, ".html"), folder / "rapport.html")
    shutil.copy(_made(out, ".xlsx"), folder / "rapport.xlsx")
    shutil.copy(out / "index.html", folder / "index.html")
    shutil.copy(processed / "sonanalys.xlsx", folder / "tolkat.xlsx")
    shutil.copy(processed / "observations.csv", folder / "observationer.csv")
    got = parse([folder])
    assert [d.source for d in got.documents] == [SEED]
    assert not got.errors
    alone = parse([RAW / SEED])
    assert _rows(got.observations) == _rows(alone.observations)
    said = got.report[got.report["source"] != SEED]
    assert said["severity"].tolist() == ["info"] * 5
    assert dict(zip(said["source"], said["reason"], strict=True)) == {
        "index.html": "läses inte som dokument: index.html är en rapport skriven av sonanalys "
        '(<meta name="generator">) (analysens egna tal, inte kommunens)',
        "observationer.csv": "läses inte som dokument: observationer.csv har kolumnerna i "
        "sonanalys tabell observations (analysens egna tal, inte kommunens)",
        "rapport.html": "läses inte som dokument: rapport.html är en rapport skriven av "
        'sonanalys (<meta name="generator">) (analysens egna tal, inte kommunens)',
        "rapport.xlsx": "läses inte som dokument: rapport.xlsx är en arbetsbok skriven av "
        "sonanalys (egenskapen Program) (analysens egna tal, inte kommunens)",
        "tolkat.xlsx": "läses inte som dokument: tolkat.xlsx är en arbetsbok skriven av "
        "sonanalys (egenskapen Program) (analysens egna tal, inte kommunens)",
    }


def test_a_report_folder_and_a_processed_folder_inside_the_documents_are_passed_over(
    made, tmp_path
):
    out, processed = made
    folder = tmp_path / "dokument"
    folder.mkdir()
    shutil.copy(RAW / SEED, folder / SEED)
    shutil.copytree(out, folder / "rapporter")
    shutil.copytree(processed, folder / "processed")
    got = parse([folder])
    assert [d.source for d in got.documents] == [SEED]
    assert not got.errors
    said = got.report[got.report["source"] != SEED]
    assert set(said["severity"]) == {"info"}
    passed = set(said["source"])
    page, book = (f"rapporter/{_made(out, s).name}" for s in (".html", ".xlsx"))
    assert {page, book, "rapporter/index.html", "processed/sonanalys.xlsx",
            "processed/observations.csv", "processed/budget.csv"} <= passed  # fmt: skip
    assert "(manifest.json)" in said.set_index("source").at["processed/budget.csv", "reason"]


def test_a_workbook_of_the_municipality_is_still_read(tmp_path):
    # a workbook without the mark (as Excel or another program writes it) is a document
    from sonanalys import xlsx

    book = xlsx.Sheet(name="Budget", rows=[], header=["Verksamhet", "Budget 2025"],
                      columns=[["HVB", "Familjehem"], ["12,5", "3,1"]])  # fmt: skip
    p = tmp_path / "budget.xlsx"
    xlsx.write([book], p)
    got = parse([p])
    assert [d.source for d in got.documents] == ["budget.xlsx"]
    assert sorted(got.observations["value"]) == [3.1, 12.5]


def test_a_report_pdf_copied_out_of_its_folder_is_known_by_its_creator(made, tmp_path):
    """A report's PDF, copied out of its report folder (the manifest beside it said it was
    ours), was read as a municipality's document. Now each PDF the report run prints
    names sonanalys as its Creator (``report.pdf.mark_own``: an incremental update, the
    pages untouched) and ``parse`` passes it over wherever it lies; a PDF the same
    Chromium printed of a municipality's table (tests/corpus/printed) is still read."""
    import pypdfium2 as pdfium

    from sonanalys.report.pdf import html_to_pdf

    out, _ = made
    pdf = tmp_path / "bilaga.pdf"
    html_to_pdf([(_made(out, ".html"), pdf, "Delårsrapport – bilaga")])
    doc = pdfium.PdfDocument(pdf)
    assert doc.get_metadata_value("Creator").startswith("sonanalys")
    assert doc.get_metadata_value("Title").startswith("Delårsrapport – bilaga")  # the page's
    assert doc.get_metadata_value("Producer").startswith("Skia/PDF")
    assert len(doc) >= 1 and "Budget" in doc[0].get_textpage().get_text_range()
    doc.close()
    folder = tmp_path / "dokument"
    folder.mkdir()
    shutil.copy(RAW / SEED, folder / SEED)
    shutil.copy(pdf, folder / "bilaga_kopierad.pdf")
    printed = Path(__file__).parent / "corpus" / "printed" / "dev_11_vaxholm_egenavgifter_hvb.pdf"
    shutil.copy(printed, folder / printed.name)
    got = parse([folder])
    assert sorted(d.source for d in got.documents) == sorted([SEED, printed.name])
    said = got.report[got.report["source"] == "bilaga_kopierad.pdf"]
    assert said[["severity", "reason"]].values.tolist() == [[
        "info",
        "läses inte som dokument: bilaga_kopierad.pdf är en rapport skriven av sonanalys "
        "(PDF-egenskapen Skapare) (analysens egna tal, inte kommunens)",
    ]]  # fmt: skip
