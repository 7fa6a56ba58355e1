"""Identifiers: pmh.check_id and the typed identifier classes."""

from __future__ import annotations

import pickle

import pytest

import pmh


def test_check_id_matches_cli_shape() -> None:
    assert pmh.check_id("88134457") == {
        "valid": True,
        "kind": "payer",
        "normalized": "88134457",
        "issues": [],
    }


def test_check_id_reports_issue_without_value() -> None:
    r = pmh.check_id("88134458")
    assert r["valid"] is False and r["kind"] == "payer"
    issue = r["issues"][0]
    assert issue["code"] == "ids.payer.check_digit"
    assert set(issue) == {"code", "path", "severity", "messageJa", "messageEn"}
    assert "88134458" not in issue["messageEn"]


def test_check_id_fullwidth_and_guess() -> None:
    r = pmh.check_id("１３１０１６")
    assert r["valid"] and r["kind"] == "municipality" and r["normalized"] == "131016"
    assert r["issues"][0]["code"] == "ids.fullwidth_digits"
    assert pmh.guess_id_kind("54016027") == "payer"
    assert pmh.guess_id_kind("983205673214") is None


def test_check_id_mynumber_masked() -> None:
    r = pmh.check_id("983205673214", "mynumber")
    assert r["valid"] and r["normalized"] == "********3214"
    assert pmh.check_id("983205673214")["valid"] is False  # never guessed


def test_check_id_recipient_rules() -> None:
    assert pmh.check_id("1234566", "recipient", payer="54136015")["valid"]
    assert not pmh.check_id("A-1", "recipient", payer="54136015")["valid"]
    assert pmh.check_id("A20240001", "recipient", rule="local")["valid"]
    assert pmh.check_id("A20240001", "recipient", payer=pmh.PayerNumber("88134457"))["valid"]
    with pytest.raises(pmh.IdentifierError):
        pmh.check_id("1234566", "recipient", payer="88134458")


def test_check_id_bad_arguments() -> None:
    with pytest.raises(ValueError):
        pmh.check_id("88134457", "passport")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pmh.check_id(88134457)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        pmh.check_id("1234566", "recipient", rule="regional")  # type: ignore[arg-type]


def test_lone_surrogate_identifier_is_just_invalid() -> None:
    r = pmh.check_id("8813445\udc80", "payer")
    assert not r["valid"]
    with pytest.raises(pmh.IdentifierError):
        pmh.PayerNumber("8813445\udc80")


def test_payer_number() -> None:
    p = pmh.PayerNumber("54136015")
    assert str(p) == "54136015" and repr(p) == "PayerNumber('54136015')"
    assert (p.law_code, p.prefecture, p.prefecture_name, p.agency, p.check_digit) == (
        54,
        13,
        "東京都",
        "601",
        5,
    )
    assert p.is_national and p.scheme
    assert not pmh.PayerNumber("88134457").is_national
    assert pmh.PayerNumber("８８１３４４５７") == pmh.PayerNumber("88134457")
    assert len({pmh.PayerNumber("88134457"), pmh.PayerNumber("88134457")}) == 1
    assert sorted([pmh.PayerNumber("88134457"), p]) == [p, pmh.PayerNumber("88134457")]


def test_identifier_error() -> None:
    with pytest.raises(pmh.IdentifierError) as info:
        pmh.PayerNumber("88134458")
    e = info.value
    assert e.code == "ids.payer.check_digit"
    assert isinstance(e, pmh.PmhError) and isinstance(e, ValueError)
    assert "88134458" not in str(e)
    with pytest.raises(pmh.IdentifierError) as info2:
        pmh.PayerNumber("1234")
    assert info2.value.code == "ids.payer.length"


def test_other_identifier_classes() -> None:
    ins = pmh.InsurerNumber("33120015")
    assert not ins.is_kokuho and ins.law_code == 33 and ins.check_digit == 5
    inst = pmh.InstitutionCode("3618010015")
    assert inst.prefecture == 36 and inst.score_table == 1 and len(inst.seven_digit_code) == 7
    mun = pmh.MunicipalityCode("131016")
    assert mun.prefecture == 13 and mun.jis_code == "13101" and not mun.is_prefecture
    rec = pmh.RecipientNumber("1234566")
    assert rec.rule == "national" and rec.check_digit == 6
    assert pmh.RecipientNumber("A20240001", rule="local").check_digit is None
    with pytest.raises(pmh.IdentifierError):
        pmh.RecipientNumber("1234567")
    with pytest.raises(pmh.IdentifierError):
        pmh.InstitutionCode("3618010016")


def test_mynumber_is_masked_everywhere() -> None:
    m = pmh.MyNumber("983205673214")
    assert str(m) == "********3214"
    assert repr(m) == "MyNumber('********3214')"
    assert m.masked == "********3214"
    assert m.expose() == "983205673214"
    assert "983205673214" not in f"{m} {m!r} {[m]} {({'n': m})}"
    assert m == pmh.MyNumber("983205673214")
    with pytest.raises(TypeError):
        pickle.dumps(m)
    with pytest.raises(pmh.IdentifierError) as info:
        pmh.MyNumber("210987654321")
    assert info.value.code == "ids.mynumber.check_digit"
    assert "210987654321" not in str(info.value) + repr(info.value)
