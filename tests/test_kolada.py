"""The Kolada client against a local HTTP server on loopback answering in Kolada's v3
shape (no mocking of requests), the groups and snapshot, and the comparisons."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd
import pytest

from kolada_server import LoopbackJSON
from sonanalys import domain
from sonanalys.cli import main
from sonanalys.domain.indikatorer import r9_pairs
from sonanalys.kolada import (
    KoladaClient,
    KoladaError,
    compare,
    crosscheck,
    gap_trend,
    group,
    index_to_group,
    snapshot,
)
from sonanalys.kolada.client import chunks


def _value(kpi, muni, year, value, gender="T"):
    return {
        "kpi": kpi,
        "municipality": muni,
        "period": year,
        "values": [
            {"gender": gender, "count": 1, "status": "", "value": value, "isdeleted": False}
        ],
    }


class Kolada(LoopbackJSON):
    """A scripted Kolada: ``routes`` maps a path (without query) to a list of responses
    served in turn (status, body, delay); every request is logged."""

    def __init__(self):
        self.routes: dict[str, list[tuple[int, dict | str, float]]] = {}
        super().__init__(self.answer)

    def answer(self, raw: str) -> tuple[int, dict | str, float]:
        path = urlparse(raw).path
        ids = [seg for seg in path.split("/") if "," in seg]
        if any(len(seg.split(",")) > 25 for seg in ids):
            return 422, {"error": "too many ids"}, 0
        queue = self.routes.get(raw) or self.routes.get(path)
        if not queue:
            return 404, {"error": "not found"}, 0
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def route(self, path, *responses):
        self.routes["/v3" + path] = list(responses)


@pytest.fixture
def kolada():
    k = Kolada()
    yield k
    k.close()


def client(k, tmp_path, **kw):
    kw = {"timeout": 2.0, "retries": 2, "backoff": 0.01, "min_interval": 0.0, **kw}
    return KoladaClient(base_url=k.url, cache_dir=tmp_path / "cache", **kw)


def test_paging_via_next_url_and_tidy_frame(kolada, tmp_path):
    page2 = f"{kolada.url}/data/kpi/N35001/municipality/0580/year/2021,2022?page=2"
    kolada.route(
        "/data/kpi/N35001/municipality/0580/year/2021,2022",
        (
            200,
            {"count": 2, "values": [_value("N35001", "0580", 2021, 701.0)], "next_url": page2},
            0,
        ),
    )
    kolada.routes[urlparse(page2).path + "?page=2"] = [
        (200, {"count": 2, "values": [_value("N35001", "0580", 2022, 761.0)]}, 0)
    ]
    c = client(kolada, tmp_path)
    df = c.data("N35001", ["0580"], [2021, 2022])
    assert df[["kpi", "municipality_id", "year", "gender", "value"]].values.tolist() == [
        ["N35001", "0580", 2021, "T", 701.0],
        ["N35001", "0580", 2022, "T", 761.0],
    ]
    assert c.requests_made == 2


def test_second_identical_call_makes_no_request(kolada, tmp_path):
    kolada.route(
        "/data/kpi/N33022/municipality/0580/year/2022",
        (200, {"count": 1, "values": [_value("N33022", "0580", 2022, 8605.0)]}, 0),
    )
    c = client(kolada, tmp_path)
    first = c.data(["N33022"], ["0580"], [2022])
    n = len(kolada.log)
    again = client(kolada, tmp_path).data(["N33022"], ["0580"], [2022])  # a fresh client too
    assert len(kolada.log) == n == 1
    pd.testing.assert_frame_equal(first, again)


def test_429_then_success_is_retried(kolada, tmp_path):
    kolada.route(
        "/data/kpi/N35001/municipality/0580/year/2022",
        (429, {"error": "slow down"}, 0),
        (200, {"count": 1, "values": [_value("N35001", "0580", 2022, 761.0)]}, 0),
    )
    c = client(kolada, tmp_path)
    assert c.data("N35001", "0580", 2022)["value"].tolist() == [761.0]
    assert c.requests_made == 2


def test_5xx_after_retries_fails_with_a_message(kolada, tmp_path):
    kolada.route("/data/kpi/N35001/municipality/0580/year/2022", (503, {"error": "down"}, 0))
    c = client(kolada, tmp_path)
    with pytest.raises(KoladaError, match="503 efter 3 försök"):
        c.data("N35001", "0580", 2022)
    assert c.requests_made == 3
    assert not list((tmp_path / "cache").glob("*.json"))  # an error is never cached


def test_slow_response_times_out(kolada, tmp_path):
    kolada.route(
        "/data/kpi/N35001/municipality/0580/year/2022",
        (200, {"count": 0, "values": []}, 1.5),
    )
    c = client(kolada, tmp_path, timeout=0.3, retries=1)
    with pytest.raises(KoladaError, match="inom 0,3 s"):
        c.data("N35001", "0580", 2022)


def test_more_than_25_ids_are_split_and_422_is_explained(kolada, tmp_path):
    munis = [f"{i:04d}" for i in range(1, 31)]
    first, second = ",".join(munis[:25]), ",".join(munis[25:])
    for seg, muni in ((first, "0001"), (second, "0030")):
        kolada.route(
            f"/data/kpi/N01951/municipality/{seg}/year/2022",
            (200, {"count": 1, "values": [_value("N01951", muni, 2022, 1000.0)]}, 0),
        )
    df = client(kolada, tmp_path).data("N01951", munis, 2022)
    assert df["municipality_id"].tolist() == ["0001", "0030"]
    assert [len(c) for c in chunks(munis)] == [25, 5]
    # a server that says 422 gets a clear error
    c = client(kolada, tmp_path)
    with pytest.raises(KoladaError, match="422"):
        c.get_json(f"{kolada.url}/data/kpi/N01951/municipality/{','.join(munis)}/year/2022")


def test_offline_without_cache_says_what_to_do(tmp_path):
    c = KoladaClient(base_url="http://127.0.0.1:9/v3", cache_dir=tmp_path, offline=True)
    with pytest.raises(KoladaError, match="kolada fetch"):
        c.data("N35001", "0580", 2022)
    c = KoladaClient(base_url="http://127.0.0.1:9/v3", cache_dir=tmp_path, retries=0)
    with pytest.raises(KoladaError, match="kan inte nås"):
        c.data("N35001", "0580", 2022)


def test_cli_fetch_then_show_offline(kolada, tmp_path, capsys):
    members = ",".join([*group("R9")["municipality_id"], "G96092"])
    kolada.route(
        f"/data/kpi/N35001/municipality/{members}/year/2022",
        (
            200,
            {
                "count": 2,
                "values": [
                    _value("N35001", "0580", 2022, 761.0),
                    _value("N35001", "G96092", 2022, 1063.0),
                ],
            },
            0,
        ),
    )
    args = ["--kpi", "N35001", "--group", "R9", "--years", "2022", "--base-url", kolada.url]
    args += ["--cache-dir", str(tmp_path / "c")]
    assert main(["kolada", "fetch", *args]) == 0
    assert main(["kolada", "show", *args]) == 0
    out = capsys.readouterr().out
    assert "1\u00a0063" in out and "Linköping (0580)" in out and "cache" in out


# -------------------------------------------------------------- snapshot, comparisons


def test_the_snapshot_cannot_confirm_the_document_it_was_copied_from(seeds_result):
    snap = snapshot()
    assert set(snap["kpi"]) == {"N35001", "N33022", "N33009"}
    assert snap["source"].str.startswith("002_internbudget").all()
    f = domain.build(seeds_result.observations, seeds_result.cells)
    cc = crosscheck(r9_pairs(f["indikatorer"]), snap, "0580", "G96092")
    assert len(cc) == 6 and set(cc["result"]) == {"ej kontrollerad"}
    assert set(cc["reason"]) == {"enda källan är dokumentet självt"}
    assert cc["kolada"].isna().all()


def test_crosscheck_against_fetched_values_can_confirm_and_can_fail(seeds_result):
    # the document's pairs (002 lines 580–582) against values as the client returns them
    # (no ``source`` column = fetched from Kolada). These values are a worked example, not
    # Kolada's: equal to the print for N35001, off for N33009, absent for N33022.
    f = domain.build(seeds_result.observations, seeds_result.cells)
    fetched = pd.DataFrame(
        [
            ("N35001", "0580", 2022, "T", 760.6),
            ("N35001", "G96092", 2022, "T", 1063.4),
            ("N33009", "0580", 2022, "T", 999.0),
            ("N33009", "G96092", 2022, "T", 913.0),
        ],
        columns=["kpi", "municipality_id", "year", "gender", "value"],
    )
    cc = crosscheck(r9_pairs(f["indikatorer"]), fetched, "0580", "G96092").set_index(
        ["kpi", "side"]
    )
    assert cc.loc[("N35001", "kommunen"), "result"] == "stämmer"  # 760,6 prints as 761
    assert cc.loc[("N35001", "gruppen"), "result"] == "stämmer"
    assert cc.loc[("N33009", "kommunen"), "result"] == "avviker"
    assert cc.loc[("N33009", "kommunen"), "reason"] == "Kolada: 999, dokumentet: 993"
    assert cc.loc[("N33009", "gruppen"), "result"] == "stämmer"
    assert set(cc.loc["N33022", "result"]) == {"ej kontrollerad"}
    assert set(cc.loc["N33022", "reason"]) == {
        "inget värde hämtat från Kolada för nyckeltalet och året"
    }


def test_compare_on_the_snapshot_gives_the_gap_to_kolada_group_value():
    c = compare(snapshot(), "0580", list(group("R9")["municipality_id"]), "G96092")
    got = c.set_index("kpi")[["value", "kolada_group_value", "gap_kolada", "n_members"]]
    assert got.loc["N35001"].tolist() == [761.0, 1063.0, -302.0, 1]
    assert got.loc["N33009"].tolist() == [993.0, 913.0, 80.0, 1]
    # with no members' values, the index is against Kolada's group value: 761/1063
    ix = index_to_group(c).set_index("kpi")
    assert ix.loc["N35001", "index"] == pytest.approx(761 / 1063 * 100)
    assert ix.loc["N35001", "reference"] == "Koladas gruppvärde"


def test_compare_mean_median_rank_and_gap_in_mnkr():
    # a worked example with round numbers (not Kolada data): three members, a population
    values = pd.DataFrame(
        [
            ("N35001", "A", 2022, "T", 800.0),
            ("N35001", "B", 2022, "T", 1000.0),
            ("N35001", "C", 2022, "T", 1200.0),
            ("N35001", "G", 2022, "T", 1000.0),
            ("N01951", "A", 2022, "T", 100_000.0),
            ("N35001", "A", 2023, "T", 900.0),
            ("N35001", "B", 2023, "T", 1000.0),
            ("N35001", "C", 2023, "T", 1400.0),
        ],
        columns=["kpi", "municipality_id", "year", "gender", "value"],
    )
    c = compare(values, "A", ["A", "B", "C"], group_id="G")
    r = c[c["year"] == 2022].iloc[0]
    assert (r["mean"], r["mean_excl"], r["median"], r["rank"]) == (1000.0, 1100.0, 1000.0, 1)
    assert (r["gap"], r["gap_pct"], r["gap_mnkr"], r["kolada_group_value"]) == (
        -200.0,
        -20.0,
        -20.0,
        1000.0,
    )
    assert r["gap_kolada"] == -200.0
    ix = index_to_group(c)
    assert ix["index"].tolist() == [80.0, pytest.approx(900 / (3300 / 3) * 100)]
    assert set(ix["reference"]) == {"medel av medlemmarna"}
    t = gap_trend(c).iloc[0]
    assert (t["first_gap"], t["last_gap"], t["n_years"]) == (-200.0, -200.0, 2)
    assert t["slope_per_year"] == pytest.approx(0.0)
