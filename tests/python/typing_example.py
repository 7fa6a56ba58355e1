"""A typed usage example of pmh, checked with `mypy --strict` (not a test module).

Run: .venv/bin/python -m mypy --strict tests/python/typing_example.py
"""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional

import pmh


def register(certificates: List[dict[str, Any]], key: pmh.SigningKey) -> List[str]:
    reports = pmh.validate_many("subsidy.certificate", certificates)
    good = [c for c, r in zip(certificates, reports) if isinstance(r, pmh.Report) and r.ok]
    results = pmh.seal_many(
        [{"certificates": [c]} for c in good],
        type="subsidy.certificate.register",
        sender="municipality:131016",
        recipient="hub:pmh",
        key=key,
        ttl=dt.timedelta(minutes=30),
    )
    ok, failed = pmh.partition(results)
    for index, error in failed:
        print(index, error.code)
    return [text for _, text in ok]


def receive(texts: List[str], trust: pmh.TrustStore) -> List[dict[str, Any]]:
    guard = pmh.ReplayGuard()
    payloads: List[dict[str, Any]] = []
    for item in pmh.open_many(texts, trust, recipient="hub:pmh", replay_guard=guard):
        if isinstance(item, pmh.Verified):
            expires: dt.datetime = item.expires_at
            assert expires.tzinfo is not None
            payloads.append(item.payload)
        elif item.code in {"envelope.expired", "envelope.replayed"}:
            continue
    return payloads


def check(value: str) -> Optional[int]:
    result = pmh.check_id(value, "payer")
    if not result["valid"]:
        return None
    payer = pmh.PayerNumber(value)
    return payer.law_code


def one(envelope: str, trust: pmh.TrustStore) -> str:
    try:
        verified = pmh.open(envelope, trust, now=dt.datetime.now(dt.timezone.utc))
    except pmh.SignatureError:
        return "forged"
    except pmh.EnvelopeError as e:
        return e.code
    report = pmh.validate("subsidy.certificate.register", verified.payload)
    try:
        report.raise_for_errors()
    except pmh.ValidationError as e:
        return ",".join(f"{i.code}@{i.path}" for i in e.issues)
    canonical: bytes = pmh.canonicalize(verified.payload)
    return canonical.decode()


def main() -> None:
    key = pmh.SigningKey.generate("ES256")
    now = dt.datetime.now(dt.timezone.utc)
    trust = pmh.TrustStore()
    trust.add_key("municipality:131016", key, now, now + dt.timedelta(days=1))
    texts = register([], key)
    print(receive(texts, trust), check("88134457"), pmh.convert_date("R6.4.1")["iso"])
    mine: pmh.MyNumber = pmh.MyNumber("983205673214")
    print(mine.masked, pmh.subsidy.CapLedger("54136015", "2024-05", cap=10000).remaining("outpatient"))
    report, derived = pmh.checkup.assess_result({})
    print(report.ok, derived)


if __name__ == "__main__":
    main()
