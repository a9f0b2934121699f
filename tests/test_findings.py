"""The key sentences each report opens with, from the embedded documents' real numbers."""

from __future__ import annotations

import pytest

from sonanalys import domain
from sonanalys.analysis import findings
from sonanalys.pipeline import documents_frame
from sonanalys.report.present import document_names, wrap

MINUS = "\u2212"


@pytest.fixture(scope="module")
def frames(seeds_result):
    return domain.build(seeds_result.observations, seeds_result.cells)


def test_placeringar(frames):
    s = findings.placeringar(frames["placements"], "Örebro", 5, "ledning")
    # 004 lines 529–532: persons per day 2021 398, 2022 425; unga 133 → 151
    assert s[0] == "2022 var i snitt 425 personer i vård per dygn, 27 fler än 2021."
    assert s[1] == "Störst förändring i gruppen unga: +18 personer per dygn."
    assert s[2] == (
        "Trenden 2017–2022 är 11,9 personer per dygn och år "
        "(inte statistiskt säkerställd, p = 0,067)."
    )
    # 004 line 443: LVU unika individer 2022 198, 2023 (jan–aug) 233
    assert s[3] == "233 unika individer var placerade enligt LVU 2023 (jan-aug), mot 198 2022."


def test_placeringar_states_no_masked_count(frames):
    masked = findings.placeringar(frames["placements"], "Örebro", 200, "ledning")
    assert not any("LVU" in x for x in masked)  # 198 < 200 would be masked
    exact = findings.placeringar(frames["placements"], "Örebro", 200, "intern")
    assert any("LVU" in x for x in exact)


def test_varddygn(frames):
    s = findings.varddygn(frames["varddygn"], frames["placements"], "Örebro")
    assert s[-1] == (
        f"Mellan 2021 och 2022 ändrades kostnaden med +20,0 mnkr: +26,5 mnkr av antalet "
        f"vårddygn (volym) och {MINUS}6,5 mnkr av priset per dygn."
    )


def test_delarsrapport(frames):
    s = findings.delarsrapport(frames["budget"], "Örebro", 2023, "jan-aug")
    # 004 lines 317–324: Nettokostnad avvikelse 3,1; Externa vård- och behandling −84,6
    assert s[0] == (
        "Prognosen för 2023 visar ett överskott mot budget: avvikelsen för Nettokostnad är "
        "3,1 mnkr."
    )
    assert s[1] == f"Störst underskott: Externa vård- och behandlingskostnader, {MINUS}84,6 mnkr."
    # 003: a total's own breakdown ("… / varav kostnader") is no verksamhet
    t = findings.delarsrapport(frames["budget"], "Linköping", 2018, "jan-aug")
    assert t[1] == f"Störst underskott: HVB unga, {MINUS}11,0 mnkr."
    assert t[2] == "Störst överskott: Familjehem, 2,5 mnkr."


def test_atgarder_names_the_plan_by_its_title(seeds_result, frames):
    names = document_names(documents_frame(seeds_result))
    s = findings.atgarder(frames["atgarder"], frames["atgarder_uppfoljning"], "Linköping", names)
    assert s[0] == (
        "Den senaste planen, Social- och omsorgsnämndens internbudget för 2024 med plan för "
        "2025-2029, har 12 åtgärder med en effekt på 121,8 mnkr 2024."
    )
    assert names["000_reviderad_atgardsplan_2021_linkoping_son.txt"] == (
        "Reviderad åtgärdsplan social -och omsorgsnämnden (2021)"
    )


def test_wrap_keeps_every_word():
    label = "Utökad åtgärdsplan - omställning av socialtjänstens uppdrag"
    assert wrap(label, 16).replace("\n", " ") == label
    assert max(len(x) for x in wrap(label, 16).split("\n")) <= 16
