#!/usr/bin/env python3
"""pmh vs the pure-Python way, on N subsidy certificates (default 10,000).

What a municipal integrator does today, in pure Python:
  validate  = jsonschema (Draft 2020-12) with a certificate schema (below),
  seal      = validate + RFC 8785 (``rfc8785``) + Ed25519 (``cryptography``) + json.dumps,
  open      = json.loads + RFC 8785 + Ed25519 verify + expiry/recipient checks + validate.
pmh does the same steps (and more: check digits, era dates, kana, one-pass
reports) in Rust. ``pmh.seal``/``pmh.open`` validate the payload too, so the
comparison is like for like. Batch = ``*_many`` (GIL released, all cores).

Run (release build first):
  .venv/bin/maturin develop --release -m pmh-py/Cargo.toml
  .venv/bin/python benches/python/bench_python.py [--n 10000]
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime as dt
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import jsonschema
import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

import pmh

ROOT = Path(__file__).resolve().parents[2]
SENDER, RECEIVER, TYPE = "municipality:131016", "hub:pmh", "subsidy.certificate.register"

DIGITS = {"type": "string", "pattern": "^[0-9]+$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
FLAG = {"type": "string", "enum": ["0", "1"]}
# A reasonable JSON Schema of a 受給者証 (PMH registration API fields).
CERTIFICATE_SCHEMA: Dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "orgSpecificCertificateTypeId", "myNumber", "basicFiveInfo", "medicalSubsidyInsurerNumber",
        "certificationName", "medicalSubsidyRecipientNumber", "isAlwaysReimbursement",
        "validFrom", "validTo",
    ],
    "additionalProperties": False,
    "properties": {
        "orgSpecificCertificateTypeId": {"type": "string", "pattern": "^[A-Za-z0-9]{1,30}$"},
        "myNumber": {"type": "string", "pattern": "^[0-9]{12}$"},
        "basicFiveInfo": {
            "type": "object",
            "required": ["name", "nameKana", "address", "dateOfBirth", "sex"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 100},
                "nameKana": {"type": "string", "pattern": "^[\u30a0-\u30ff\u3000 \uff66-\uff9f]+$"},
                "address": {"type": "string", "minLength": 1, "maxLength": 200},
                "dateOfBirth": DATE,
                "sex": {"type": "string", "enum": ["1", "2", "9"]},
            },
        },
        "isNotDisclosed": FLAG,
        "medicalSubsidyInsurerNumber": {"type": "string", "pattern": "^[0-9]{8}$"},
        "certificationName": {"type": "string", "minLength": 1, "maxLength": 100},
        "medicalSubsidyRecipientNumber": {"type": "string", "pattern": "^[A-Za-z0-9]{1,30}$"},
        "certificationSubKey": {"type": "string"},
        "segment": {"type": "string"},
        "incomeSegment": {"type": "string"},
        "additionalConditions": {"type": "string"},
        "designatedMedicalInstitutions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["institutionCode"],
                "properties": {
                    "institutionCode": {"type": "string", "pattern": "^[0-9]{10}$"},
                    "name": {"type": "string"},
                },
            },
        },
        "isAlwaysReimbursement": FLAG,
        "maxCopaymentAmount": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "exempt": {"type": "boolean"},
                "copayRatePercent": {"type": "integer", "minimum": 0, "maximum": 100},
                "perVisit": {"type": "integer", "minimum": 0},
                "perDay": {"type": "integer", "minimum": 0},
                "maxChargedVisitsPerMonth": {"type": "integer", "minimum": 0},
                "monthlyCap": {"type": "integer", "minimum": 0},
                "monthlyCapOutpatient": {"type": "integer", "minimum": 0},
                "monthlyCapInpatient": {"type": "integer", "minimum": 0},
                "meals": {"type": "string", "enum": ["covered", "half", "none", "notCovered"]},
            },
        },
        "validFrom": DATE,
        "validTo": DATE,
        "historyKey": {"type": "string"},
        "isDeleted": FLAG,
        "certificationDetail": {
            "type": "array",
            "items": {"type": "object", "properties": {"label": {"type": "string"}, "value": {"type": "string"}}},
        },
    },
}
REGISTER_SCHEMA = {
    "type": "object",
    "required": ["certificates"],
    "properties": {"certificates": {"type": "array", "items": CERTIFICATE_SCHEMA}},
}
VALIDATE_CERT = jsonschema.Draft202012Validator(CERTIFICATE_SCHEMA)
VALIDATE_REGISTER = jsonschema.Draft202012Validator(REGISTER_SCHEMA)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------- pure Python


def py_validate(cert: Dict[str, Any]) -> List[str]:
    return [e.message for e in VALIDATE_CERT.iter_errors(cert)]


def py_seal(payload: Dict[str, Any], priv: Ed25519PrivateKey, kid: str) -> str:
    errors = list(VALIDATE_REGISTER.iter_errors(payload))
    if errors:
        raise ValueError("invalid payload")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    env: Dict[str, Any] = {
        "version": 1, "id": str(uuid.uuid4()), "type": TYPE, "from": SENDER, "to": RECEIVER,
        "issuedAt": now.isoformat().replace("+00:00", "Z"),
        "expiresAt": (now + dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
        "payload": payload,
    }
    header = b64(rfc8785.dumps({"alg": "EdDSA", "kid": kid, "typ": "pmh+jws"}))
    signing_input = f"{header}.{b64(rfc8785.dumps(env))}".encode()
    env["signature"] = f"{header}..{b64(priv.sign(signing_input))}"
    return json.dumps(env, ensure_ascii=False, separators=(",", ":"))


def py_open(text: str, keys: Dict[str, Ed25519PublicKey]) -> Dict[str, Any]:
    env = json.loads(text)
    header_b64, _, sig_b64 = env.pop("signature").split(".")
    header = json.loads(b64d(header_b64))
    pub = keys[header["kid"]]
    signing_input = f"{header_b64}.{b64(rfc8785.dumps(env))}".encode()
    pub.verify(b64d(sig_b64), signing_input)  # raises InvalidSignature
    now = dt.datetime.now(dt.timezone.utc)
    if dt.datetime.fromisoformat(env["expiresAt"].replace("Z", "+00:00")) <= now:
        raise ValueError("expired")
    if env["to"] != RECEIVER:
        raise ValueError("wrong recipient")
    if list(VALIDATE_REGISTER.iter_errors(env["payload"])):
        raise ValueError("invalid payload")
    payload: Dict[str, Any] = env["payload"]
    return payload


# ---------------------------------------------------------------- harness


def timed(fn: Callable[[], Any], repeat: int) -> Tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="number of certificates")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    samples = json.loads((ROOT / "samples/subsidy/certificates.json").read_text(encoding="utf-8"))[:3]
    certs = []
    for i in range(args.n):
        c = copy.deepcopy(samples[i % 3])
        c["historyKey"] = f"H{i:08d}"
        certs.append(c)
    payloads = [{"certificates": [c]} for c in certs]

    # One Ed25519 key, shared by both sides (the same PKCS#8 document).
    key = pmh.SigningKey.generate("EdDSA")
    priv = serialization.load_pem_private_key(key.to_pkcs8_pem().encode(), password=None)
    assert isinstance(priv, Ed25519PrivateKey)
    keys = {key.kid: priv.public_key()}
    now = dt.datetime.now(dt.timezone.utc)
    trust = pmh.TrustStore()
    trust.add_key(SENDER, key, now - dt.timedelta(days=1), now + dt.timedelta(days=1))

    # Sanity: both sides agree and interoperate.
    assert all(pmh.validate("subsidy.certificate", c).ok for c in samples)
    assert all(not py_validate(c) for c in samples)
    assert pmh.open(py_seal(payloads[0], priv, key.kid), trust, recipient=RECEIVER).payload == payloads[0]
    sealed_pmh = [pmh.seal(p, type=TYPE, sender=SENDER, recipient=RECEIVER, key=key) for p in payloads[:3]]
    assert [py_open(s, keys) for s in sealed_pmh] == payloads[:3]

    r = args.repeat
    rows: List[Tuple[str, float, float, float]] = []

    t_py, _ = timed(lambda: [py_validate(c) for c in certs], r)
    t_pmh, _ = timed(lambda: [pmh.validate("subsidy.certificate", c) for c in certs], r)
    t_batch, _ = timed(lambda: pmh.validate_many("subsidy.certificate", certs), r)
    rows.append(("validate", t_py, t_pmh, t_batch))

    # The same certificates as JSON text lines (an NDJSON export read in binary
    # mode): the pure-Python way parses each with json.loads first; pmh parses
    # on all cores without the GIL.
    lines = [json.dumps(c, ensure_ascii=False).encode() for c in certs]
    t_py, _ = timed(lambda: [py_validate(json.loads(b)) for b in lines], r)
    t_pmh, _ = timed(lambda: [pmh.validate("subsidy.certificate", json.loads(b)) for b in lines], r)
    t_batch, _ = timed(lambda: pmh.validate_many("subsidy.certificate", lines), r)
    rows.append(("validate (JSON lines)", t_py, t_pmh, t_batch))

    t_py, py_sealed = timed(lambda: [py_seal(p, priv, key.kid) for p in payloads], r)
    t_pmh, pmh_sealed = timed(
        lambda: [pmh.seal(p, type=TYPE, sender=SENDER, recipient=RECEIVER, key=key) for p in payloads], r
    )
    t_batch, _ = timed(lambda: pmh.seal_many(payloads, type=TYPE, sender=SENDER, recipient=RECEIVER, key=key), r)
    rows.append(("seal", t_py, t_pmh, t_batch))

    t_py, _ = timed(lambda: [py_open(s, keys) for s in pmh_sealed], r)
    # .payload is read so that pmh, like json.loads, builds the Python dicts.
    t_pmh, _ = timed(lambda: [pmh.open(s, trust, recipient=RECEIVER).payload for s in pmh_sealed], r)
    t_batch, opened = timed(
        lambda: [v.payload for v in pmh.open_many(pmh_sealed, trust, recipient=RECEIVER)  # type: ignore[union-attr]
                 ], r
    )
    assert opened == payloads
    rows.append(("open", t_py, t_pmh, t_batch))

    n = args.n
    print(f"pmh {pmh.__version__}: {n:,} certificates, best of {r}, {os.cpu_count()} CPUs\n")
    head = f"{'operation':<22} {'pure Python':>12} {'pmh (1 thread)':>15} {'speed-up':>9} {'pmh batch':>11} {'batch vs 1':>11} {'batch vs Py':>12}"
    print(head)
    print("-" * len(head))
    for name, py, one, batch in rows:
        print(
            f"{name:<22} {py * 1e3:>10.0f}ms {one * 1e3:>13.0f}ms {py / one:>8.1f}x "
            f"{batch * 1e3:>9.0f}ms {one / batch:>10.1f}x {py / batch:>11.1f}x"
        )
    print("\nper item (µs): " + ", ".join(f"{nm} {py / n * 1e6:.0f} → {one / n * 1e6:.1f}" for nm, py, one, _ in rows))
    print("speed-up goal: ≥10× single-threaded")


if __name__ == "__main__":
    main()
