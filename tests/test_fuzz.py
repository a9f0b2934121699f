"""Fuzzing the parser with tables it has never seen: random Swedish numbers (three group
spaces, three minus signs, 0–2 decimals), labels, units, years, missing-value cells and
total rows, written in the three text layouts (pipe, tab, pdftotext's loose layout). The
parser must return exactly the numbers written, with their labels, years and units, and a
report row for every cell that says its figure is missing.

Derandomised (a fixed seed) with a small budget here; ``scripts/fuzz.py`` runs the same
properties with a larger budget and a random seed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import strategies as S
from sonanalys.observations import parse

FIXED = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def parse_text(tmp_path, text: str):
    p = tmp_path / "fuzz.txt"
    p.write_text(text, encoding="utf-8")
    return parse([p])


def check(case: S.Case, result) -> None:
    assert result.errors == []
    assert S.observed(result.observations) == case.expected, case.text
    assert S.reported_missing(result.report) == case.missing, case.text


@pytest.mark.parametrize("layout", ["pipe", "tab", "loose"])
def test_parser_returns_exactly_the_numbers_written(tmp_path, layout):
    strategy = {"pipe": S.pipe_tables, "tab": S.tab_tables, "loose": S.loose_tables}[layout]

    @FIXED
    @given(strategy())
    def prop(case):
        check(case, parse_text(tmp_path, case.text))

    prop()


def test_the_strategies_write_what_they_say():
    # one hand-checked example per layout, so a broken strategy cannot pass vacuously
    assert S.sv_number(-1801.5, 1, "\u00a0", "\u2212") == "\u22121\u00a0801,5"
    assert S.sv_number(2020.0, 0, " ", "-") == "2 020"
    assert S.sv_number(0.05, 2, " ", "-") == "0,05"
