"""The real documents of tests/corpus/found (its README names each one's source).

Documents copied from other public repositories are not committed: only the facts
checked by hand in them (facts.csv) and their sources are. A test that reads such a
document asks for it here and is skipped, saying why, where the copy is not at hand;
put the copies named in the README in ``tests/corpus/found/documents`` to run them.
The documents whose text came from a stored web page are committed and always read."""

from __future__ import annotations

from pathlib import Path

import pytest

FOUND = Path(__file__).parent / "corpus" / "found"
DOCUMENTS = FOUND / "documents"
# committed: text as the stored pages give it (README.md)
COMMITTED = (
    "okand_investeringsbudget_2022_plan_2023_2024.txt",
    "skolverket_slutbetyg_gymnasiet_kungsbacka_2023_24_utdrag.csv",
    "vastervik_driftsredovisning_2021_webb.txt",
    "vastervik_noter_2021_webb.txt",
    "grastorp_arsredovisning_2019_nothanvisningar_webb.txt",
    "grastorp_driftredovisning_2019_webb.txt",
    "osteraker_sn_tjansteutlatande_budget_2020.txt",
    "ekero_verksamhetsredovisning_mars_2018.txt",
    "tibro_socialnamnden_budgetprognos_2014.txt",
    "skovde_socialnamnden_resultat_2013.txt",
    "sjobo_driftbudget_2025_webb.txt",
    "vastervik_driftsredovisning_2020_webb.txt",
    "malmo_delarsrapport_2015_budgetutfall_jan_apr_webb.txt",
    "malmo_delarsrapport_2016_budgetutfall_jan_aug_webb.txt",
    "okand_bun_prognosrapport_april_5dok.txt",
    "helsingborg_driftsredovisning_2016_webb.txt",
    "falkenberg_ks_manadsuppfoljning_prognos_november_2014.txt",
    "goteborg_driftredovisning_2019_webb.txt",
    "vimmerby_socialnamnden_bokslut_2021_webb.txt",
    "nykoping_socialnamnden_budget_2023_webb.txt",
    "falkoping_socialnamnden_atgarder_2024_webb.txt",
    "familjehemmet_familjehemsplacerade_2020_webb.txt",
    "ljusdal_delarsrapport_2022_webb.txt",
    "stockholm_driftredovisning_2022_webb.txt",
    "burlov_socialnamnden_budget_2023_webb.txt",
    "regionfakta_sodermanland_ekonomiskt_bistand_2020_webb.txt",
    "nykoping_vard_och_omsorgsnamnden_budget_2023_webb.txt",
    "vastgotabladet_social_och_omvardnadsnamnden_2020_webb.txt",
    "socialstyrelsen_barn_och_unga_insatser_2014_studylib.txt",
    "frilagt_socialnamnden_sparpaket_2023_webb.txt",
    "barometern_kalmar_socialnamnden_prognos_webb.txt",
    "familjehemmet_familjehemsplacerade_2021_webb.txt",
    "stockholm_storstadsjamforelse_nyckeltal_2017_webb.txt",
    "enkoping_socialnamnden_delarsrapport_april_2019_webb.txt",
    "krokom_socialnamnden_budget_2020_webb.txt",
    "aftonbladet_ekonomiskt_bistand_riket_2017_webb.txt",
    "svd_ekonomiskt_bistand_riket_2020_webb.txt",
)


def document(name: str) -> Path:
    """The found document ``name``; the test is skipped where it is not at hand."""
    needs(name)
    return DOCUMENTS / name


def needs(*names: str) -> None:
    """Skip the test unless every named document is at hand (a committed one always is)."""
    missing = [n for n in names if not (DOCUMENTS / n).exists()]
    for name in missing:
        assert name not in COMMITTED, f"{name} is committed but missing"
    if missing:
        pytest.skip(
            f"{', '.join(missing)}: not in the repository (a copy of another repository's "
            "file; tests/corpus/found/README.md names its source)"
        )


def present() -> list[str]:
    """The found documents at hand, by name."""
    return sorted(p.name for p in DOCUMENTS.iterdir() if p.is_file())
