"""Japanese era dates."""

from __future__ import annotations

import datetime as dt

import pytest

import pmh


def test_convert_date_forms() -> None:
    expected = {
        "iso": "2024-04-01",
        "era": "令和",
        "eraYear": 6,
        "short": "R6.4.1",
        "kanji": "令和6年4月1日",
        "receipt": "5060401",
        "fiscalYear": 2024,
    }
    for value in ("2024-04-01", "R6.4.1", "令和6年4月1日", "5060401", dt.date(2024, 4, 1)):
        assert pmh.convert_date(value) == expected
    assert pmh.convert_date(dt.datetime(2024, 4, 1, 23, 59))["iso"] == "2024-04-01"


def test_convert_date_errors() -> None:
    with pytest.raises(pmh.DateError) as info:
        pmh.convert_date("平成31年5月1日")
    assert info.value.code == "calendar.outside_era"
    assert isinstance(info.value, ValueError)
    with pytest.raises(pmh.DateError) as info2:
        pmh.convert_date("2023-02-29")
    assert info2.value.code == "calendar.invalid_date"
    with pytest.raises(TypeError):
        pmh.convert_date(20240401)  # type: ignore[arg-type]


def test_parse_format_fiscal_age() -> None:
    assert pmh.parse_date("R1.5.1") == dt.date(2019, 5, 1)
    assert pmh.calendar.parse("令和元年5月1日") == dt.date(2019, 5, 1)
    assert pmh.format_era(dt.date(1989, 1, 8), "kanji") == "平成元年1月8日"
    assert pmh.format_era("2019-04-30") == "H31.4.30"
    assert pmh.format_era("2024-04-01", "receipt") == "5060401"
    assert pmh.fiscal_year("2025-03-31") == 2024
    assert pmh.age_on("2020-04-01", "2021-03-31") == 1
    with pytest.raises(ValueError):
        pmh.age_on("2020-04-01", "2019-01-01")
    with pytest.raises(ValueError):
        pmh.format_era("2024-04-01", "long")  # type: ignore[arg-type]
