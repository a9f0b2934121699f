"""The unit a row label states: a count noun that names whom a service or an area is
for ("Stöd för personer med funktionsnedsättning") is no unit; a label that counts
("Antal personer", "Personer i vård", "placerade barn, antal") still is."""

from __future__ import annotations

from pathlib import Path

import pytest

from sonanalys.observations import parse
from sonanalys.units import unit_in_label

TEXT = Path(__file__).parent / "corpus" / "text"
DEV01 = TEXT / "dev_01_upplandsvasby_manadsrapport_resultat.txt"


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Stöd för personer med funktionsnedsättning", ""),
        ("Insatser för äldre personer", ""),
        ("Ekonomiskt bistånd till hushåll", ""),
        ("Ekonomiskt bistånd per invånare", ""),
        ("Antal personer", "antal"),
        ("Personer i vård", "antal"),
        ("placerade barn, antal", "antal"),
        ("Hushåll med ekonomiskt bistånd", "antal"),
        ("Antal hushåll med ekonomiskt bistånd", "antal"),
        ("Boende för personer med funktionsnedsättning, antal platser", "antal"),
        ("Nya ärenden", "antal"),
        ("Barn (snitt per dygn)", "antal"),  # (004 line 530: its own rule)
    ],
)
def test_unit_in_label(label, unit):
    assert unit_in_label(label) == unit


def test_a_service_for_persons_in_an_amount_table_is_not_counted(tmp_path):
    # dev_01 line 9 (a flat transcript): "Stöd för personer med funktionsnedsättning
    # 257,6 15,5 273,1 … 1,4" among "Äldreomsorg", "Beroende" … in a table of amounts
    # that states no unit: its values take no unit, as its neighbours' (they were "antal")
    d = tmp_path / "docs"
    d.mkdir()
    (d / DEV01.name).write_bytes(DEV01.read_bytes())
    o = parse([d]).observations
    o = o[o["table"].str.startswith("Resultat per verksamhet")]
    stod = o[o["row_label"] == "Stöd för personer med funktionsnedsättning"]
    assert stod["value"].tolist() == [257.6, 15.5, 273.1, 1.4]
    assert set(stod["unit"]) == {""}
    assert set(o["unit"]) == {""}
