"""pmh.subsidy (eligibility, copayment, cap ledger) and pmh.checkup."""

from __future__ import annotations

from typing import Any

import pytest

import pmh

VISIT = {
    "id": "v-1",
    "date": "2024-05-10",
    "institutionCode": "3618010015",
    "setting": "outpatient",
    "points": 3000,
    "insuranceCopayPercent": 30,
}


def test_validate_certificate(certificates: list[dict[str, Any]]) -> None:
    assert pmh.subsidy.validate_certificate(certificates[0]).ok
    assert not pmh.subsidy.validate_certificate(certificates[3]).ok
    assert pmh.subsidy.validate_certificate(certificates[3], lenient=True).error_count >= 1


def test_check_eligibility(certificates: list[dict[str, Any]]) -> None:
    ok = pmh.subsidy.check_eligibility(certificates[0], date="2024-05-01", institution_code="3618010015")
    assert ok == {"eligible": True, "settlement": "window", "reasons": []}
    late = pmh.subsidy.check_eligibility(
        certificates[0], date=__import__("datetime").date(2025, 4, 1), institution_code="3618010015"
    )
    assert not late["eligible"] and late["reasons"][0]["code"] == "subsidy.eligibility.expired"
    with pytest.raises(pmh.ValidationError) as info:
        pmh.subsidy.check_eligibility(certificates[3], date="2024-05-01", institution_code="3618010015")
    assert info.value.code == "subsidy.certificate.invalid" and info.value.issues
    with pytest.raises(ValueError):
        pmh.subsidy.check_eligibility(
            certificates[0], date="2024-05-01", institution_code="3618010015", setting="home"  # type: ignore[arg-type]
        )


def test_copayment_and_ledger(certificates: list[dict[str, Any]]) -> None:
    first = pmh.subsidy.compute_copayment(VISIT, [certificates[0]])
    assert (first["totalCost"], first["insuranceCopay"], first["patientPays"]) == (30000, 9000, 6000)
    ledger = pmh.subsidy.CapLedger("54136015", "2024-05", cap=10000)
    for record in first["ledgerEntries"]:
        assert ledger.apply(record)
        assert not ledger.apply(record)  # idempotent by id
    assert ledger.total_charged == 6000 and ledger.remaining("outpatient") == 4000 and len(ledger) == 1
    second = pmh.subsidy.compute_copayment(dict(VISIT, id="v-2", points=5000), [certificates[0]], ledgers=[ledger])
    assert second["patientPays"] == 4000  # capped at what is left of 10,000
    as_dict = ledger.to_dict()
    assert pmh.subsidy.CapLedger.from_dict(as_dict).to_dict() == as_dict
    assert ledger.records()[0]["entry"]["id"] == "v-1"
    assert (ledger.payer_number, ledger.month, ledger.over_cap) == ("54136015", "2024-05", 0)


def test_copayment_errors(certificates: list[dict[str, Any]]) -> None:
    with pytest.raises(pmh.SubsidyError) as info:
        pmh.subsidy.compute_copayment(dict(VISIT, points=-1), [certificates[0]])
    assert info.value.code.startswith("subsidy.copay")
    with pytest.raises(pmh.SubsidyError) as info2:
        pmh.subsidy.compute_copayment(dict(VISIT, unexpected=1), [certificates[0]])
    assert info2.value.code == "subsidy.copayment.shape"
    with pytest.raises(pmh.ValidationError) as info3:
        pmh.subsidy.compute_copayment(VISIT, [certificates[0], certificates[3]])
    assert all(i.path.startswith("/certificates/1/") for i in info3.value.issues)
    assert "210987654321" not in str(info3.value)
    with pytest.raises(pmh.SubsidyError):
        pmh.subsidy.CapLedger("54136015", "2024-13")


def test_checkup_validators_exist() -> None:
    for fn in (pmh.checkup.validate_result, pmh.checkup.validate_voucher, pmh.checkup.validate_questionnaire):
        report = fn({})
        assert isinstance(report, pmh.Report) and not report.ok
    report, derived = pmh.checkup.assess_result({})
    assert not report.ok and derived is None


def test_immunization_evaluate() -> None:
    import datetime as dt

    history = {"birthDate": "2024-04-15", "sex": "1", "doses": [{"vaccine": "bcg", "date": "2024-09-20"}]}
    e = pmh.immunization.evaluate(history, as_of=dt.date(2024, 10, 1))
    assert e["asOf"] == "2024-10-01"
    by_vaccine = {v["vaccine"]: v for v in e["vaccines"]}
    assert by_vaccine["bcg"]["status"] == "complete"
    assert by_vaccine["hpv"]["status"] == "not_applicable"
    assert pmh.immunization.evaluate(history)["asOf"]  # defaults to today (JST)
    assert pmh.immunization.validate_history(history).ok
    bad = {"birthDate": "2024-04-01", "doses": [{"vaccine": "flu", "date": "2024-13-01"}]}
    assert not pmh.immunization.validate_history(bad).ok
    with pytest.raises(pmh.ValidationError) as info:
        pmh.immunization.evaluate(bad, as_of="2024-10-01")
    assert info.value.issues and info.value.code == "immunization.history.invalid"
