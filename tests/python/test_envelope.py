"""Signed envelopes: keys, trust stores, seal and open, and every refusal code."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest

import pmh
from conftest import RECEIVER, REGISTER, SENDER

PING = "test.ping"


def _seal(key: Any, payload: dict[str, Any] | None = None, **kw: Any) -> str:
    kw.setdefault("allow_unknown_types", True)
    return pmh.seal(
        payload if payload is not None else {"n": 1},
        type=kw.pop("type", PING),
        sender=kw.pop("sender", SENDER),
        recipient=kw.pop("recipient", RECEIVER),
        key=key,
        **kw,
    )


# ------------------------------------------------------------------ keys


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
def test_signing_key_round_trip(alg: str) -> None:
    k = pmh.SigningKey.generate(alg)  # type: ignore[arg-type]
    assert k.algorithm == alg
    pem = k.to_pkcs8_pem()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----")
    k2 = pmh.SigningKey.from_pkcs8_pem(pem)
    assert k2.kid == k.kid
    assert pmh.SigningKey.from_pkcs8_der(k.to_pkcs8_der()).kid == k.kid
    jwk = k.public_jwk()
    assert "d" not in jwk
    assert jwk["kty"] == ("OKP" if alg == "EdDSA" else "EC")


def test_signing_key_repr_has_no_key_material(key: Any) -> None:
    r = repr(key)
    assert r == f"SigningKey(algorithm='EdDSA', kid='{key.kid}')"
    body = "".join(key.to_pkcs8_pem().splitlines()[1:-1])
    assert body not in r and body[:16] not in r
    with pytest.raises(TypeError):
        __import__("pickle").dumps(key)


def test_signing_key_errors() -> None:
    with pytest.raises(pmh.InvalidKeyError) as info:
        pmh.SigningKey.generate("RS256")  # type: ignore[arg-type]
    assert info.value.code == "key.unsupported_algorithm"
    with pytest.raises(pmh.InvalidKeyError) as info2:
        pmh.SigningKey.from_pkcs8_pem("not a pem")
    assert info2.value.code in {"key.pem", "key.pkcs8"}
    with pytest.raises(pmh.InvalidKeyError):
        pmh.SigningKey.from_pkcs8_der(b"\x30\x00")


def test_interop_with_cryptography(key: Any) -> None:
    from cryptography.hazmat.primitives import serialization

    priv = serialization.load_pem_private_key(key.to_pkcs8_pem().encode(), password=None)
    raw = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    import base64

    assert base64.urlsafe_b64encode(raw).rstrip(b"=").decode() == key.public_jwk()["x"]


# ------------------------------------------------------------------ trust store


def test_trust_store_forms(key: Any, trust: Any, now: dt.datetime) -> None:
    d = trust.to_dict()
    assert d["participants"][0]["id"] == SENDER
    assert d["participants"][0]["keys"][0]["kid"] == key.kid
    from_json = pmh.TrustStore.from_json(trust.to_json())
    from_dict = pmh.TrustStore.from_dict(d)
    assert from_json.to_dict() == from_dict.to_dict() == d
    assert trust.participants() == [SENDER] and len(trust) == 1
    assert "TrustStore(participants=1, keys=1)" == repr(trust)
    entry = key.trust_entry(now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    assert entry["kid"] == key.kid and entry["alg"] == "EdDSA"
    env = _seal(key)
    # open() accepts a TrustStore, a dict or JSON text.
    for t in (trust, d, trust.to_json()):
        assert pmh.open(env, t, recipient=RECEIVER, allow_unknown_types=True).payload == {"n": 1}


def test_trust_store_errors(key: Any, now: dt.datetime) -> None:
    with pytest.raises(pmh.TrustStoreError) as info:
        pmh.TrustStore.from_json('{"participants": [], "extra": 1}')
    assert info.value.code == "trust.structure"
    with pytest.raises(pmh.TrustStoreError) as info2:
        pmh.TrustStore.from_json('{"participants": [], "participants": []}')
    assert info2.value.code == "trust.json"
    store = pmh.TrustStore()
    with pytest.raises(ValueError):
        store.add_key(SENDER, key, now, now - dt.timedelta(days=1))
    with pytest.raises(ValueError):  # naive datetimes are ambiguous
        store.add_key(SENDER, key, dt.datetime(2025, 1, 1), dt.datetime(2026, 1, 1))
    with pytest.raises(pmh.IdentifierError) as info3:
        store.add_key("clinic:1", key, now, now + dt.timedelta(days=1))
    assert info3.value.code == "participant.syntax"


# ------------------------------------------------------------------ seal / open


def test_seal_and_open(key: Any, trust: Any, certificates: list[dict[str, Any]]) -> None:
    payload = {"certificates": certificates[:3]}
    text = pmh.seal(
        payload, type=REGISTER, sender=SENDER, recipient=RECEIVER, key=key, ttl=dt.timedelta(minutes=5)
    )
    env = json.loads(text)
    assert env["type"] == REGISTER and env["from"] == SENDER and env["to"] == RECEIVER
    v = pmh.open(text, trust, recipient=RECEIVER)
    assert isinstance(v, pmh.Verified)
    assert v.payload == payload
    assert v.payload is v.payload  # one object, converted once
    assert (v.type, v.sender, v.recipient, v.id) == (REGISTER, SENDER, RECEIVER, env["id"])
    assert uuid.UUID(v.id).version == 4
    assert v.issued_at.tzinfo is not None and v.expires_at - v.issued_at == dt.timedelta(minutes=5)
    assert v.kid == key.kid and v.algorithm == "EdDSA"
    assert v.to_dict() == env
    assert "certificates" not in repr(v) and "983205673214" not in repr(v)
    # bytes and dict input
    assert pmh.open(text.encode(), trust).id == v.id
    assert pmh.open(env, trust).id == v.id


def test_seal_ttl_forms_and_explicit_draft(key: Any, trust: Any) -> None:
    for ttl in (60, 60.0, dt.timedelta(seconds=60)):
        env = json.loads(_seal(key, ttl=ttl))
        issued = dt.datetime.fromisoformat(env["issuedAt"].replace("Z", "+00:00"))
        expires = dt.datetime.fromisoformat(env["expiresAt"].replace("Z", "+00:00"))
        assert expires - issued == dt.timedelta(seconds=60)
    for bad in (0, -5, dt.timedelta(0)):
        with pytest.raises(ValueError):
            _seal(key, ttl=bad)
    with pytest.raises(TypeError):
        _seal(key, ttl="1h")
    fixed = dict(
        id="0f8fad5b-d9cb-469f-a165-70867728950e",
        issued_at=dt.datetime(2025, 4, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        ttl=3600,
    )
    a, b = _seal(key, **fixed), _seal(key, **fixed)
    assert a == b  # Ed25519 is deterministic
    assert '"issuedAt":"2025-04-01T09:00:00+09:00"' in a
    now = dt.datetime(2025, 4, 1, 0, 30, tzinfo=dt.timezone.utc)
    store = pmh.TrustStore()
    store.add_key(SENDER, key, "2025-01-01T00:00:00+09:00", "2026-01-01T00:00:00+09:00")
    assert pmh.open(a, store, now=now, allow_unknown_types=True).expires_at == dt.datetime(
        2025, 4, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )


def test_open_refusals_have_codes(key: Any, trust: Any, now: dt.datetime) -> None:
    text = _seal(key)

    def code(**kw: Any) -> str:
        with pytest.raises(pmh.EnvelopeError) as info:
            pmh.open(kw.pop("env", text), kw.pop("trust", trust), allow_unknown_types=True, **kw)
        assert isinstance(info.value, pmh.PmhError)
        return info.value.code

    assert code(recipient="hub:other") == "envelope.wrong_recipient"
    assert code(now=now + dt.timedelta(days=2)) == "envelope.expired"
    assert code(now=now - dt.timedelta(hours=2)) == "envelope.not_yet_valid"
    assert code(trust=pmh.TrustStore()) == "envelope.unknown_kid"
    guard = pmh.ReplayGuard()
    pmh.open(text, trust, replay_guard=guard, allow_unknown_types=True)
    assert len(guard) == 1
    assert code(replay_guard=guard) == "envelope.replayed"
    assert code(env="{}") == "envelope.structure"
    assert code(env="not json") == "envelope.json"
    assert code(env=text, max_bytes=10) == "envelope.too_large"


def test_unknown_type_requires_flag(key: Any, trust: Any) -> None:
    with pytest.raises(pmh.EnvelopeError) as info:
        pmh.seal({"n": 1}, type=PING, sender=SENDER, recipient=RECEIVER, key=key)
    assert info.value.code == "envelope.unknown_type"
    text = _seal(key)
    with pytest.raises(pmh.EnvelopeError) as info2:
        pmh.open(text, trust)
    assert info2.value.code == "envelope.unknown_type"


def test_tampering_is_a_signature_error(key: Any, trust: Any) -> None:
    env = json.loads(_seal(key, {"amount": 100}))
    env["payload"]["amount"] = 101
    with pytest.raises(pmh.SignatureError) as info:
        pmh.open(env, trust, allow_unknown_types=True)
    assert info.value.code == "envelope.signature"
    assert isinstance(info.value, pmh.EnvelopeError)


def test_revoked_key(now: dt.datetime) -> None:
    k = pmh.SigningKey.generate("ES256")
    store = pmh.TrustStore()
    store.add_key(SENDER, k, now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    text = _seal(k)
    assert pmh.open(text, store, allow_unknown_types=True).algorithm == "ES256"
    store.revoke(k.kid, now - dt.timedelta(hours=1))
    with pytest.raises(pmh.EnvelopeError) as info:
        pmh.open(text, store, allow_unknown_types=True)
    assert info.value.code == "envelope.key_revoked"


def test_type_not_allowed(key: Any, now: dt.datetime) -> None:
    store = pmh.TrustStore()
    store.add_key(SENDER, key, now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    store.allow_types(SENDER, ["test.other"])
    with pytest.raises(pmh.EnvelopeError) as info:
        pmh.open(_seal(key), store, allow_unknown_types=True)
    assert info.value.code == "envelope.type_not_allowed"


def test_invalid_payload(key: Any, certificates: list[dict[str, Any]]) -> None:
    with pytest.raises(pmh.ValidationError) as info:
        pmh.seal(
            {"certificates": [certificates[3]]}, type=REGISTER, sender=SENDER, recipient=RECEIVER, key=key
        )
    e = info.value
    assert isinstance(e, pmh.PayloadInvalidError) and isinstance(e, pmh.EnvelopeError)
    assert e.code == "envelope.payload_invalid"
    assert e.report is not None and not e.report.ok
    assert {i.path for i in e.issues} >= {"/certificates/0/myNumber"}
    assert "210987654321" not in str(e) and "見本 誤子" not in str(e)
    forced = pmh.seal(
        {"certificates": [certificates[3]]},
        type=REGISTER,
        sender=SENDER,
        recipient=RECEIVER,
        key=key,
        force=True,
    )
    assert json.loads(forced)["type"] == REGISTER


def test_argument_errors(key: Any, trust: Any) -> None:
    with pytest.raises(pmh.IdentifierError) as info:
        _seal(key, sender="clinic:1")
    assert info.value.code == "participant.syntax"
    with pytest.raises(pmh.EnvelopeError) as info2:
        _seal(key, type="Bad Type")
    assert info2.value.code == "envelope.structure"
    with pytest.raises(pmh.CanonicalizationError):
        _seal(key, {"n": 2**64})
    with pytest.raises(pmh.UnsupportedTypeError):
        pmh.open(12, trust)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        pmh.open(_seal(key), trust, now=dt.datetime(2025, 1, 1))  # naive


def test_replay_guard_prune(key: Any, trust: Any, now: dt.datetime) -> None:
    guard = pmh.ReplayGuard(capacity=1)
    pmh.open(_seal(key, ttl=60), trust, replay_guard=guard, allow_unknown_types=True)
    with pytest.raises(pmh.EnvelopeError) as info:
        pmh.open(_seal(key), trust, replay_guard=guard, allow_unknown_types=True)
    assert info.value.code == "envelope.replay_full"
    guard.prune(now + dt.timedelta(hours=1))
    assert len(guard) == 0 and repr(guard) == "ReplayGuard(len=0)"
