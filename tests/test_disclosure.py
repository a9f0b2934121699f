"""Statistical disclosure: in ledning reports, person counts below the threshold and
figures derived from them are masked, with a secondary check that a masked count cannot
be recomputed from a total and its other parts; intern reports show exact figures; the
report says which profile it uses."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from sonanalys.report.present import MASK, mask_changes, mask_small, totals_by_prefix
from sonanalys.report.runner import run_reports


def test_primary_suppression_keeps_zero_and_counts_at_the_threshold():
    df = pd.DataFrame({"a": [0, 1, 4, 5, None]})
    assert mask_small(df, ["a"], 5)["a"].tolist()[:4] == [0, MASK, MASK, 5]


def test_secondary_suppression_against_a_total_column():
    df = pd.DataFrame({"barn": [3, 20], "unga": [12, 2], "vuxna": [30, 40], "totalt": [45, 62]})
    out = mask_small(df, list(df.columns), 5)
    # row 0: barn 3 is masked; the smallest other part (unga 12) must go too,
    # or barn = 45 − 12 − 30
    assert out.iloc[0].tolist() == [MASK, MASK, 30, 45]
    assert out.iloc[1].tolist() == [MASK, MASK, 40, 62]  # unga 2, then the smaller barn 20


def test_secondary_suppression_against_a_total_row():
    # 004's LVM rows for 2017 (line 446–448): totalt 26, kvinnor 7, män 19
    df = pd.DataFrame(
        {2017: [26, 7, 19], 2019: [32, 18, 14]},
        index=["LVM, totalt", "LVM, kvinnor/flickor", "LVM, män/pojkar"],
    )
    totals = totals_by_prefix(df.index)
    assert totals == {"LVM, totalt": ["LVM, kvinnor/flickor", "LVM, män/pojkar"]}
    out = mask_small(df, [2017, 2019], 10, totals)
    assert out[2017].tolist() == [26, MASK, MASK]  # 7 < 10, and 19 = 26 − 7 must go
    assert out[2019].tolist() == [32, 18, 14]


def test_no_masked_cell_can_be_recomputed():
    # whatever the counts, a total with exactly one masked part never remains
    df = pd.DataFrame({"a": [1, 7, 2], "b": [8, 2, 9], "c": [9, 9, 3], "totalt": [18, 18, 14]})
    out = mask_small(df, list(df.columns), 5)
    for _, row in out.iterrows():
        assert sum(row[c] == MASK for c in "abc") != 1


def test_a_change_from_a_masked_count_is_masked():
    masked = pd.DataFrame({"barn": [10, MASK, 12]}, index=[2021, 2022, 2023], dtype=object)
    changes = pd.DataFrame({"barn": [-7.0, 9.0]}, index=[2022, 2023])
    assert mask_changes(masked, changes)["barn"].tolist() == [MASK, MASK]
    ok = pd.DataFrame({"barn": [10, 11, 12]}, index=[2021, 2022, 2023], dtype=object)
    assert mask_changes(ok, changes)["barn"].tolist() == [-7.0, 9.0]


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    page = re.sub(r'<span class="sn-nobr">(.*?)</span>', r"\1", page)  # inline: no space
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("profile", ["ledning", "intern"])
def test_reports_mask_by_profile_and_say_which(tmp_path, profile):
    s = run_reports(
        out=tmp_path / "r", only=["01"], mask_threshold=10, profile=profile, progress=False
    )
    t = _text((s.out / s.report("01").html).read_text(encoding="utf-8"))
    # 004 lines 446–448, LVM unique individuals jan–aug 2017–2023
    if profile == "ledning":
        assert "profil: ledning (personantal under 10 och tal beräknade ur dem visas som ..)" in t
        assert "LVM unika individer, kvinnor/flickor .. .. 18 10 11 13 .." in t
        assert "LVM unika individer, män/pojkar .. .. 14 19 18 15 .." in t
        assert "LVM unika individer, totalt 26 31 32 29 29 28 25" in t
        assert ".. = färre än 10 personer, eller beräknat ur sådana tal" in t
    else:
        assert "profil: intern (exakta tal" in t
        assert "LVM unika individer, kvinnor/flickor 7 9 18 10 11 13 9" in t
        assert "röjandeskydd" not in t


def test_charts_get_only_unmasked_figures():
    from sonanalys.report.present import unmasked

    long = pd.DataFrame({"year": [2021, 2021, 2022, 2022], "group": ["barn", "unga"] * 2,
                         "value": [3, 40, 12, 41]})  # fmt: skip
    shown = mask_small(long.pivot_table(index="year", columns="group", values="value"),
                       ["barn", "unga"], 5)  # fmt: skip
    assert unmasked(long, shown, "year", "group")["value"].tolist() == [40, 12, 41]
