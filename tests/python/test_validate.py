"""pmh.validate and the Report / Issue classes."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import pmh


def test_valid_certificates(certificates: list[dict[str, Any]]) -> None:
    for cert in certificates[:3]:
        report = pmh.validate("subsidy.certificate", cert)
        assert report.ok and report.error_count == 0
        report.raise_for_errors()  # no-op


def test_invalid_certificate_reports_everything(certificates: list[dict[str, Any]]) -> None:
    report = pmh.validate("subsidy.certificate", certificates[3])
    assert not report.ok and report.error_count == len(report.errors) >= 5
    issue = report.issues[0]
    assert isinstance(issue, pmh.Issue)
    assert issue.severity == "error" and issue.is_error
    assert issue.code and issue.path.startswith("/") and issue.message_ja and issue.message_en
    assert report.has("ids.mynumber.check_digit", "/myNumber")
    assert report.has("ids.mynumber.check_digit") and not report.has("x.y")
    d = report.to_dict()
    assert d["ok"] is False and d["errors"] == report.error_count and len(d["issues"]) == len(report)
    assert d["issues"][0] == issue.to_dict()
    assert set(issue.to_dict()) == {"code", "path", "severity", "messageJa", "messageEn"}
    assert repr(report).startswith("Report(ok=False, errors=")
    assert repr(issue).startswith("Issue(code=")


def test_raise_for_errors(certificates: list[dict[str, Any]]) -> None:
    report = pmh.validate("subsidy.certificate", certificates[3])
    with pytest.raises(pmh.ValidationError) as info:
        report.raise_for_errors()
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, pmh.PmhError)
    assert e.report == report and e.issues == report.issues
    assert "/myNumber" in str(e) and "ids.mynumber.check_digit" in str(e)
    # No personal data in the message.
    for secret in ("210987654321", "見本 誤子", "2025-04-02"):
        assert secret not in str(e) and secret not in repr(e)
    # Catchable as a ValueError, and picklable (batch scripts use multiprocessing).
    with pytest.raises(ValueError):
        report.raise_for_errors()
    e2 = pickle.loads(pickle.dumps(pmh.ValidationError("m", "c")))
    assert (e2.message, e2.code, e2.report) == ("m", "c", None)


def test_warnings_keep_report_ok(certificates: list[dict[str, Any]]) -> None:
    report = pmh.validate("subsidy.certificate", certificates[1])
    assert report.ok and report.warning_count == 1
    assert report.warnings[0].severity == "warning"


def test_message_types_and_unknown_type(certificates: list[dict[str, Any]]) -> None:
    assert "subsidy.certificate" in pmh.types()
    assert "subsidy.certificate.register" in pmh.types()
    ok = pmh.validate("subsidy.certificate.register", {"certificates": certificates[:3]})
    assert ok.ok
    bad = pmh.validate("subsidy.certificate.register", {"certificates": certificates[2:]})
    assert bad.has("ids.mynumber.check_digit", "/certificates/1/myNumber")
    with pytest.raises(pmh.UnknownTypeError) as info:
        pmh.validate("no.such.type", {})
    assert info.value.code == "validate.unknown_type" and isinstance(info.value, ValueError)


def test_non_object_and_unconvertible_data() -> None:
    assert not pmh.validate("subsidy.certificate", []).ok
    with pytest.raises(pmh.CanonicalizationError):
        pmh.validate("subsidy.certificate", {"x": float("nan")})
    with pytest.raises(pmh.UnsupportedTypeError):
        pmh.validate("subsidy.certificate", {"x": {1, 2}})
