"""Interop: pmh envelopes are plain JWS (RFC 7515, detached content) over RFC 8785.

Verified here with independent implementations only: Python ``cryptography``
for Ed25519 / ECDSA P-256 and the ``rfc8785`` package for JCS.

1. pmh generates keys and seals; Python verifies.
2. Python generates keys, builds the trust store and seals; ``pmh open`` accepts
   it and rejects a tampered copy.
3. The Ed25519 envelope pinned in the Rust tests is reproduced byte for byte.

The binary comes from ``PMH_BIN``, else ``target/release/pmh``, else
``target/debug/pmh`` (build it first: ``cargo build``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

ROOT = Path(__file__).resolve().parents[2]
SENDER = "municipality:131016"
RECEIVER = "hub:pmh"
MESSAGE_TYPE = "test.interop"


def pmh_bin() -> Path:
    env = os.environ.get("PMH_BIN")
    if env:
        return Path(env)
    for candidate in (ROOT / "target/release/pmh", ROOT / "target/debug/pmh"):
        if candidate.exists():
            return candidate
    pytest.skip("pmh binary not built (cargo build) and PMH_BIN not set")


def run_pmh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(pmh_bin()), *args], capture_output=True, text=True, timeout=60, check=False
    )


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def thumbprint(jwk: dict) -> str:
    """RFC 7638: SHA-256 over the required members, sorted, no whitespace."""
    required = {"OKP": ("crv", "kty", "x"), "EC": ("crv", "kty", "x", "y")}[jwk["kty"]]
    members = {k: jwk[k] for k in required}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return b64u(hashlib.sha256(canonical.encode("utf-8")).digest())


def public_jwk(public_key) -> dict:
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64u(raw)}
    numbers = public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64u(numbers.x.to_bytes(32, "big")),
        "y": b64u(numbers.y.to_bytes(32, "big")),
    }


def verify_jose(public_key, alg: str, signing_input: bytes, signature: bytes) -> None:
    """Raises InvalidSignature unless the JOSE signature is valid."""
    if alg == "EdDSA":
        public_key.verify(signature, signing_input)
    else:
        assert len(signature) == 64, "ES256 signatures are fixed-width r||s"
        r = int.from_bytes(signature[:32], "big")
        s = int.from_bytes(signature[32:], "big")
        public_key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))


def sign_jose(private_key, alg: str, signing_input: bytes) -> bytes:
    if alg == "EdDSA":
        return private_key.sign(signing_input)
    r, s = decode_dss_signature(private_key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def python_seal(envelope: dict, private_key, alg: str, kid: str) -> dict:
    header = json.dumps({"alg": alg, "kid": kid, "typ": "pmh+jws"}, separators=(",", ":"))
    header_b64 = b64u(header.encode("utf-8"))
    signing_input = header_b64 + "." + b64u(rfc8785.dumps(envelope))
    signature = sign_jose(private_key, alg, signing_input.encode("ascii"))
    return {**envelope, "signature": header_b64 + ".." + b64u(signature)}


def rfc3339(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


# --------------------------------------------------------------------- pmh -> Python


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
@pytest.mark.parametrize("key_name", ["key.pem", "key.p8"])
def test_pmh_sealed_envelope_verifies_in_python(tmp_path: Path, alg: str, key_name: str) -> None:
    key_path, jwk_path = tmp_path / key_name, tmp_path / "pub.json"
    gen = run_pmh("keygen", "--alg", alg, "--out", str(key_path), "--jwk", str(jwk_path))
    assert gen.returncode == 0, gen.stdout + gen.stderr
    jwk = json.loads(jwk_path.read_text())
    assert json.loads(gen.stdout)["kid"] == jwk["kid"] == thumbprint(jwk)

    # The private key is standard PKCS#8 that cryptography reads, matching the JWK.
    key_bytes = key_path.read_bytes()
    if key_name.endswith(".pem"):
        private_key = serialization.load_pem_private_key(key_bytes, password=None)
    else:
        private_key = serialization.load_der_private_key(key_bytes, password=None)
    assert public_jwk(private_key.public_key()) == {
        k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y")
    }

    payload = {"name": "山田 太郎", "amount": 1.5, "big": 1e21, "tiny": 1e-7, "list": [3, "\u2028", None]}
    payload_path = tmp_path / "payload.json"
    payload_path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    sealed = run_pmh(
        "seal", "--key", str(key_path), "--type", MESSAGE_TYPE, "--from", SENDER,
        "--to", RECEIVER, "--ttl", "10m", "--allow-unknown-type", str(payload_path),
    )
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    envelope = json.loads(sealed.stdout)

    assert set(envelope) == {
        "version", "id", "type", "from", "to", "issuedAt", "expiresAt", "payload", "signature",
    }
    assert envelope["version"] == 1
    assert uuid.UUID(envelope["id"]).version == 4
    assert envelope["payload"] == payload
    issued = dt.datetime.fromisoformat(envelope["issuedAt"].replace("Z", "+00:00"))
    expires = dt.datetime.fromisoformat(envelope["expiresAt"].replace("Z", "+00:00"))
    assert issued.tzinfo is not None and expires - issued == dt.timedelta(minutes=10)

    header_b64, empty, sig_b64 = envelope["signature"].split(".")
    assert empty == "", "detached payload (RFC 7515 Appendix F)"
    header = json.loads(b64u_decode(header_b64))
    assert header == {"alg": alg, "kid": jwk["kid"], "typ": "pmh+jws"}

    unsigned = {k: v for k, v in envelope.items() if k != "signature"}
    signing_input = (header_b64 + "." + b64u(rfc8785.dumps(unsigned))).encode("ascii")
    public_key = private_key.public_key()
    verify_jose(public_key, alg, signing_input, b64u_decode(sig_b64))

    tampered = dict(unsigned, payload={**payload, "amount": 2})
    tampered_input = (header_b64 + "." + b64u(rfc8785.dumps(tampered))).encode("ascii")
    with pytest.raises(InvalidSignature):
        verify_jose(public_key, alg, tampered_input, b64u_decode(sig_b64))


# --------------------------------------------------------------------- Python -> pmh


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
def test_python_sealed_envelope_opens_in_pmh(tmp_path: Path, alg: str) -> None:
    if alg == "EdDSA":
        private_key = ed25519.Ed25519PrivateKey.generate()
    else:
        private_key = ec.generate_private_key(ec.SECP256R1())
    jwk = public_jwk(private_key.public_key())
    kid = thumbprint(jwk)

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    jst = dt.timezone(dt.timedelta(hours=9))
    trust = {
        "participants": [
            {
                "id": SENDER,
                "name": "千代田区",
                "types": [MESSAGE_TYPE],
                "keys": [
                    {
                        "kid": kid,
                        "alg": alg,
                        "jwk": jwk,
                        "notBefore": rfc3339(now - dt.timedelta(days=1)),
                        "notAfter": rfc3339(now + dt.timedelta(days=365)),
                    }
                ],
            }
        ]
    }
    trust_path = tmp_path / "trust.json"
    trust_path.write_text(json.dumps(trust, ensure_ascii=False), encoding="utf-8")

    envelope = python_seal(
        {
            "version": 1,
            "id": str(uuid.uuid4()),
            "type": MESSAGE_TYPE,
            "from": SENDER,
            "to": RECEIVER,
            "issuedAt": rfc3339(now.astimezone(jst)),
            "expiresAt": rfc3339((now + dt.timedelta(minutes=30)).astimezone(jst)),
            "payload": {"氏名": "山田 花子", "z": [1, 2.5, {"b": True, "a": None}], "€": "\u00e9"},
        },
        private_key,
        alg,
        kid,
    )
    good = tmp_path / "envelope.json"
    # Pretty-printed with non-ASCII escaped: JCS makes the byte form irrelevant.
    good.write_text(json.dumps(envelope, indent=2, ensure_ascii=True))

    opened = run_pmh(
        "open", "--trust", str(trust_path), "--to", RECEIVER, "--allow-unknown-type", str(good)
    )
    assert opened.returncode == 0, opened.stdout + opened.stderr
    result = json.loads(opened.stdout)
    assert result["ok"] is True
    assert result["envelope"]["payload"] == envelope["payload"]

    tampered = dict(envelope, payload={**envelope["payload"], "氏名": "山田 太郎"})
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(tampered, ensure_ascii=False), encoding="utf-8")
    refused = run_pmh(
        "open", "--trust", str(trust_path), "--to", RECEIVER, "--allow-unknown-type", str(bad)
    )
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert json.loads(refused.stdout)["error"]["code"] == "envelope.signature"

    # Another receiver refuses it too.
    other = run_pmh(
        "open", "--trust", str(trust_path), "--to", "hub:other", "--allow-unknown-type", str(good)
    )
    assert other.returncode == 1
    assert json.loads(other.stdout)["error"]["code"] == "envelope.wrong_recipient"


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
def test_python_pkcs8_key_seals_in_pmh(tmp_path: Path, alg: str) -> None:
    """PKCS#8 written by cryptography/OpenSSL (v1 for Ed25519) loads in pmh."""
    if alg == "EdDSA":
        private_key = ed25519.Ed25519PrivateKey.generate()
    else:
        private_key = ec.generate_private_key(ec.SECP256R1())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_path = tmp_path / "key.pem"
    key_path.write_bytes(pem)
    payload_path = tmp_path / "payload.json"
    payload_path.write_text('{"n": 1}')
    sealed = run_pmh(
        "seal", "--key", str(key_path), "--type", MESSAGE_TYPE, "--from", SENDER,
        "--to", RECEIVER, "--allow-unknown-type", str(payload_path),
    )
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    envelope = json.loads(sealed.stdout)
    header_b64, _, sig_b64 = envelope["signature"].split(".")
    assert json.loads(b64u_decode(header_b64))["kid"] == thumbprint(public_jwk(private_key.public_key()))
    unsigned = {k: v for k, v in envelope.items() if k != "signature"}
    signing_input = (header_b64 + "." + b64u(rfc8785.dumps(unsigned))).encode("ascii")
    verify_jose(private_key.public_key(), alg, signing_input, b64u_decode(sig_b64))


# --------------------------------------------------------------------- pinned vector


def test_pinned_rust_vector_reproduced_in_python() -> None:
    """Same key (RFC 8032 TEST 1), id, times and payload as the Rust test
    `ed25519_envelope_bytes_are_pinned`: Ed25519 is deterministic, so Python's
    signature over rfc8785's bytes must be the pinned one."""
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    private_key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    jwk = public_jwk(private_key.public_key())
    assert thumbprint(jwk) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"  # RFC 8037 A.3
    envelope = python_seal(
        {
            "version": 1,
            "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "type": "test.echo",
            "from": "municipality:131016",
            "to": "hub:pmh",
            "issuedAt": "2025-04-01T09:00:00+09:00",
            "expiresAt": "2025-04-01T10:00:00+09:00",
            "payload": {"name": "山田 太郎", "n": 1.5},
        },
        private_key,
        "EdDSA",
        thumbprint(jwk),
    )
    assert envelope["signature"].split("..")[1] == (
        "1GnU_z7Sv3wrTz-8IB4m4yKtyIrA8IU6XzJzFYIZtraK0mit0h1yhjHhoVEzKU9NWE1yoHR5mQz0lXaHHc2KCA"
    )


# --------------------------------------------------------------------- NDJSON streams


def test_ndjson_stream_seal_then_open(tmp_path: Path) -> None:
    """`pmh seal --ndjson` / `pmh open --ndjson`: one result per line, a bad line
    loses nothing else, and a replayed id in the stream is refused."""
    key_path, jwk_path = tmp_path / "key.pem", tmp_path / "pub.json"
    assert run_pmh("keygen", "--out", str(key_path), "--jwk", str(jwk_path)).returncode == 0
    jwk = json.loads(jwk_path.read_text())
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    trust = {"participants": [{"id": SENDER, "keys": [{
        "kid": jwk["kid"], "alg": "EdDSA", "jwk": {k: jwk[k] for k in ("kty", "crv", "x")},
        "notBefore": rfc3339(now - dt.timedelta(days=1)),
        "notAfter": rfc3339(now + dt.timedelta(days=1)),
    }]}]}
    trust_path = tmp_path / "trust.json"
    trust_path.write_text(json.dumps(trust))

    payloads = tmp_path / "payloads.ndjson"
    payloads.write_text('{"n": 1}\n{"n": 2, "n": 3}\n{"n": 4}\n')
    sealed = run_pmh(
        "seal", "--ndjson", "--key", str(key_path), "--type", MESSAGE_TYPE, "--from", SENDER,
        "--to", RECEIVER, "--allow-unknown-type", str(payloads),
    )
    assert sealed.returncode == 1  # one payload refused
    lines = [json.loads(line) for line in sealed.stdout.splitlines()]
    assert lines[1] == {"ok": False, "line": 2, "error": {
        "code": "json.duplicate_key", "message": lines[1]["error"]["message"]}}
    assert [line["payload"]["n"] for line in (lines[0], lines[2])] == [1, 4]

    envelopes = tmp_path / "envelopes.ndjson"
    envelopes.write_text(
        "\n".join(json.dumps(e) for e in (lines[0], lines[2], lines[0])) + "\n"
    )
    opened = run_pmh(
        "open", "--ndjson", "--trust", str(trust_path), "--allow-unknown-type", str(envelopes)
    )
    results = [json.loads(line) for line in opened.stdout.splitlines()]
    assert [r["ok"] for r in results] == [True, True, False]
    assert results[2]["error"]["code"] == "envelope.replayed"
    assert opened.returncode == 1
