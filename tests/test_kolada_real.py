"""The Kolada client against a loopback server answering from real saved v3 output
(tests/kolada_server.py), comparison groups as data and as a parameter, the shipped
reference data, and the comparison report end to end on real values."""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pytest

from kolada_server import RealKolada
from sonanalys import detect, kolada
from sonanalys.cli import main
from sonanalys.kolada import KoladaClient, compare, gap_trend, resolve_group
from sonanalys.kolada.client import KPI_COLUMNS
from sonanalys.model import Document, Heading, Paragraph

NBSP = "\u00a0"
MINUS = "\u2212"
# Arboga (1984) and the seven municipalities of Kolada's "Liknande kommuner
# socioekonomi, Arboga" whose real values rKolada saved (values_real.csv)
ARBOGA = "1984"
ARBOGA_GROUP = ["0319", "0562", "0687", "1082", "1083", "1885", "2084"]


@pytest.fixture
def real():
    k = RealKolada()
    yield k
    k.close()


def client(k, tmp_path, **kw):
    kw = {"timeout": 5.0, "retries": 1, "backoff": 0.01, "min_interval": 0.0, **kw}
    return KoladaClient(base_url=k.url, cache_dir=tmp_path / "cache", **kw)


# ------------------------------------------------------------------ real shapes


@pytest.mark.parametrize("shape", ["object", "values"])
def test_group_members_in_the_real_shape(tmp_path, shape):
    k = RealKolada(group_shape=shape)
    try:
        m = client(k, tmp_path).group_members("G96092")
    finally:
        k.close()
    assert len(m) == 9
    assert m.set_index("municipality_id")["municipality"].to_dict() == {
        "0181": "Södertälje",
        "0380": "Uppsala",
        "0484": "Eskilstuna",
        "0580": "Linköping",
        "0581": "Norrköping",
        "0680": "Jönköping",
        "1880": "Örebro",
        "1980": "Västerås",
        "2180": "Gävle",
    }


def test_group_search_listing_and_title(real, tmp_path):
    c = client(real, tmp_path)
    g = c.groups("Liknande kommuner IFO")
    assert g.values.tolist() == [["G36573", "Liknande kommuner IFO, Linköping, 2024", 7]]
    assert c.group_title("G36573") == "Liknande kommuner IFO, Linköping, 2024"


def test_municipalities_in_the_real_shape(real, tmp_path):
    m = client(real, tmp_path).municipalities()
    assert len(m) == 312
    assert m["type"].value_counts().to_dict() == {"K": 290, "L": 22}
    assert m.set_index("id").loc["0580", "title"] == "Linköping"
    assert m.set_index("id").loc["0000", "title"] == "Riket"


def test_kpi_metadata_in_v3_columns(real, tmp_path):
    k = client(real, tmp_path).kpis()
    assert list(k.columns) == KPI_COLUMNS
    row = k.set_index("id").loc["N35001"]
    assert row["title"] == "Kostnad missbruksvård vuxna, kr/inv"
    assert row["auspice"] == "T" and not row["is_divided_by_gender"]
    assert bool(k.set_index("id").loc["N01951", "is_divided_by_gender"]) is True
    assert (row["publication_date"], row["publ_period"]) == ("2026-08-28", "2025")


def test_data_in_the_real_shape_with_paging(tmp_path):
    k = RealKolada(per_page=5)  # the 12 real Arboga values of N03703 over three pages
    try:
        c = client(k, tmp_path)
        df = c.data("N03703", ARBOGA, range(2012, 2024))
    finally:
        k.close()
    assert len(df) == 12 and c.requests_made == 3
    assert df.set_index("year").loc[2019, "value"] == 820.0
    assert df["municipality"].iloc[0] == "Arboga"  # the name from the shipped reference
    assert set(df["status"]) == {""} and set(df["count"]) == {1.0}


def test_missing_and_deleted_values(real, tmp_path):
    # v3's "Missing" (value null) is NaN, never 0; deleted rows and values are left out
    real.data += [
        {
            "kpi": "N03703",
            "municipality": "0319",
            "period": 2024,
            "values": [{"gender": "T", "count": 0, "status": "Missing", "value": None}],
        },
        {
            "kpi": "N03703",
            "municipality": "0562",
            "period": 2024,
            "isdeleted": True,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 1.0}],
        },
        {
            "kpi": "N03703",
            "municipality": "0687",
            "period": 2024,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 2.0, "isdeleted": True}],
        },
    ]
    df = client(real, tmp_path).data("N03703", ["0319", "0562", "0687"], 2024)
    assert df["municipality_id"].tolist() == ["0319"]
    assert math.isnan(df["value"].iloc[0]) and df["status"].iloc[0] == "Missing"


def test_stored_reads_the_cache_whatever_was_asked(real, tmp_path):
    c = client(real, tmp_path)
    c.data(["N03702", "N03703"], [ARBOGA, *ARBOGA_GROUP], range(2012, 2024))
    n = len(real.log)
    offline = KoladaClient(base_url=real.url, cache_dir=tmp_path / "cache", offline=True)
    got = offline.stored(["N03703"], [ARBOGA, "0319"], [2019, 2020])
    assert len(real.log) == n  # no request
    assert got[["municipality_id", "year", "value"]].values.tolist() == [
        ["0319", 2019, 1113.0],
        ["0319", 2020, 1137.0],
        [ARBOGA, 2019, 820.0],
        [ARBOGA, 2020, 790.0],
    ]
    assert set(got["fetched"]) == {pd.Timestamp.today().date().isoformat()}


# ------------------------------------------------------------------ groups


def test_comparison_groups_by_name_title_id_and_own_list(real, tmp_path):
    r9 = resolve_group("R9")
    assert (r9.group_id, len(r9.members)) == ("G96092", 9)
    assert resolve_group("g96092").members == r9.members
    ifo = resolve_group("Liknande kommuner IFO, Linköping, 2024")
    assert ifo.group_id == "G36573" and "0580" not in ifo.members and len(ifo.members) == 7
    own = resolve_group("0580,Norrköping, 1880")
    assert own.members == ["0580", "0581", "1880"] and own.group_id == ""
    assert own.names["1880"] == "Örebro"
    with pytest.raises(KeyError, match="Ankeborg"):
        resolve_group("0580,Ankeborg")
    # a Kolada group that is not shipped is asked of Kolada; without a client it is unknown
    with pytest.raises(KeyError, match="okänd jämförelsegrupp"):
        resolve_group("G99999")
    real.groups.append(
        {
            "id": "G99999",
            "title": "Testgrupp",
            "members": [{"member_id": "1984", "member_title": "Arboga"}],
        }
    )
    g = resolve_group("G99999", client(real, tmp_path))
    assert (g.title, g.members, g.names) == ("Testgrupp", ["1984"], {"1984": "Arboga"})


def test_reference_data_shipped_and_used():
    assert len(kolada.municipalities()) == 312
    assert len(kolada.municipality_names("K")) == 290
    assert kolada.municipality_id("linköping") == "0580"
    assert kolada.kpi_title("N33022") == "Kostnad familje- och HVB barn och unga, kr/inv 0-20 år"
    assert kolada.kpi_unit("N33022") == "kr/inv 0-20 år"
    assert kolada.kpi_unit("N03702") == "1000 kr/invånare"
    import datetime as dt

    assert (
        kolada.publication_note("N35001", dt.date(2026, 11, 27))
        == "Kolada, publicerat 2026-08-28, avser 2025"
    )
    assert (
        kolada.publication_note("N35001", dt.date(2026, 8, 1))
        == "Kolada, nästa publicering 2026-08-28, avser 2025"
    )


def _doc(title: str, *texts: str) -> Document:
    doc = Document(source="x.txt", blocks=[Heading(title, 1, 1)])
    doc.blocks += [Paragraph(t, i + 2) for i, t in enumerate(texts)]
    doc.title = title
    return doc


def test_document_municipality_from_the_shipped_list():
    # one clear mention of any of the 290
    doc = _doc("Delårsrapport augusti 2024", "Socialnämnden, Vimmerby kommun")
    assert detect.municipality(doc) == "Vimmerby"
    # a county's table naming its municipalities speaks for none of them
    towns = ["Boden", "Boden", "Luleå", "Piteå", "Kiruna", "Arjeplog", "Älvsbyn", "Kalix"]
    assert detect.municipality(_doc("Ekonomiskt bistånd 2020", *towns)) == ""
    # the title decides; "Region Stockholm" is not Stockholm
    doc = _doc("Socialnämnden Linköping, internbudget", "Region Stockholm", "Region Stockholm")
    assert detect.municipality(doc) == "Linköping"


# ------------------------------------------------------------------ CLI


def test_cli_fetch_shows_a_summary_naming_what_is_missing(real, tmp_path, capsys):
    args = ["--kpi", "N03702", "N03703", "--group", ",".join([ARBOGA, *ARBOGA_GROUP])]
    args += ["--years", "2022-2024", "--base-url", real.url, "--cache-dir", str(tmp_path / "c")]
    assert main(["kolada", "fetch", *args]) == 0
    out = capsys.readouterr().out
    # 2 KPIs × 8 municipalities × 3 years = 48; the saved data end in 2023: 2024 is missing
    assert "2 nyckeltal × 8 kommuner/grupper × 3 år (2022–2024): 32 värden, 16 saknas" in out
    assert "1 anrop till Kolada, 0 svar ur cachen" in out
    assert "saknas: N03702 Arboga (1984) 2024" in out
    assert main(["kolada", "fetch", *args]) == 0
    assert "0 anrop till Kolada, 1 svar ur cachen" in capsys.readouterr().out
    assert main(["kolada", "show", *args]) == 0
    shown = capsys.readouterr().out
    assert "Arboga (1984)" in shown and f"1{NBSP}113" not in shown  # 2019 not asked
    assert "källa: Kolada, cache" in shown


# ------------------------------------------------------------------ end to end


def test_compare_on_real_values_against_a_hand_computation(real, tmp_path):
    c = client(real, tmp_path)
    values = c.data(["N03702", "N03703"], [ARBOGA, *ARBOGA_GROUP], [2019, 2020])
    cmp = compare(values, ARBOGA, ARBOGA_GROUP).set_index(["kpi", "year"])
    r = cmp.loc[("N03703", 2019)]
    # members 2019: 1113, 987, 854, 1004, 807, 840, 835 (sum 6 440); Arboga 820
    assert r["mean"] == 6440 / 7 == 920.0
    assert r["mean_excl"] == 920.0  # Arboga is not a member of its own group
    assert (r["median"], r["min"], r["max"]) == (854.0, 807.0, 1113.0)
    assert (r["rank"], r["n_ranked"], r["n_members"]) == (2, 8, 7)  # only 807 is lower
    assert r["gap"] == -100.0 and r["gap_pct"] == pytest.approx(-100 / 920 * 100)
    assert math.isnan(r["weighted_mean"])  # no population fetched: not guessed
    r = cmp.loc[("N03703", 2020)]
    # members 2020: 1137, 928, 849, 1011, 977, 914, 898 (sum 6 714); Arboga 790, lowest
    assert r["mean"] == pytest.approx(6714 / 7)
    assert (r["median"], r["rank"]) == (928.0, 1)
    t = gap_trend(cmp.reset_index()).set_index("kpi").loc["N03703"]
    assert t["slope_per_year"] == pytest.approx((790 - 6714 / 7) - (820 - 920))
    # with Arboga in the list, the mean includes it and mean_excl does not
    incl = compare(values, ARBOGA, [ARBOGA, *ARBOGA_GROUP]).set_index(["kpi", "year"])
    assert incl.loc[("N03703", 2019), "mean"] == (6440 + 820) / 8
    assert incl.loc[("N03703", 2019), "mean_excl"] == 920.0


def test_population_weighted_mean_and_gap_in_mnkr():
    # a worked example (not Kolada's values): two members with populations
    v = pd.DataFrame(
        [
            ("N35001", "A", 2022, "T", 1000.0, 1.0),
            ("N35001", "B", 2022, "T", 400.0, 1.0),
            ("N35001", "G", 2022, "T", 700.0, 2.0),
            ("N01951", "A", 2022, "T", 100_000.0, 1.0),
            ("N01951", "B", 2022, "T", 300_000.0, 1.0),
        ],
        columns=["kpi", "municipality_id", "year", "gender", "value", "count"],
    )
    r = compare(v, "A", ["A", "B"], "G").iloc[0]
    assert r["weighted_mean"] == (1000 * 100_000 + 400 * 300_000) / 400_000 == 550.0
    assert (r["mean"], r["kolada_group_value"], r["kolada_group_count"]) == (700.0, 700.0, 2.0)
    assert r["gap_mnkr"] == 300 * 100_000 / 1e6


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    page = re.sub(r'<span class="sn-nobr">(.*?)</span>', r"\1", page)  # inline: no space
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_comparison_report_on_real_fetched_values(real, tmp_path):
    from sonanalys.report.runner import run_reports

    cache = tmp_path / "kolada"
    args = ["--kpi", "N03702", "N03703", "--group", ",".join(ARBOGA_GROUP)]
    args += ["--municipality", "Arboga", "--years", "2019-2020"]
    args += ["--base-url", real.url, "--cache-dir", str(cache)]
    assert main(["kolada", "fetch", *args]) == 0
    s = run_reports(
        out=tmp_path / "rep",
        municipality="Arboga",
        only=["03"],
        progress=False,
        run_date="2026-11-27",
        notebook_params={
            "comparison_group": ",".join(ARBOGA_GROUP),
            "kpis": ["N03702", "N03703"],
            "years": [2019, 2020],
            "kolada_cache": str(cache),
        },
    )
    assert s.failed == [], s.failed and s.failed[0].error
    t = _text((s.out / s.report("03").html).read_text(encoding="utf-8"))
    # the row for N03703 2019: Arboga 820, mean 920, mean excl 920, no weighted mean,
    # median 854, min 807, max 1 113, rank 2 of 8, gap −100 = −10,9 %
    row = f"2019 820 920 920 – 854 807 1{NBSP}113 2 8 {MINUS}100 {MINUS}10,9 –"
    assert row in t
    assert "Källa: Kolada (API v3), hämtat" in t
    assert "sonanalys kolada fetch" not in t  # ledning: no commands
    assert "rang 1 av 8 (1 = lägst kostnad)" in t  # 2020: Arboga lowest
    assert "Gapets trend" in t
