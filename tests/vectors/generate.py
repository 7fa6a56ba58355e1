#!/usr/bin/env python3
"""Generate the conformance vectors in tests/vectors/*.json.

The expected outcomes are computed here, independently of pmh:
- check digits with this file's own Luhn and mod-11 functions (MHLW 2-1 weights,
  総務省 municipality code, 総務省令第85号 My Number);
- era dates with this file's own era table and Python's datetime;
- RFC 8785 canonical bytes with the `rfc8785` package (Trail of Bits);
- Ed25519 envelopes signed with the `cryptography` package over `rfc8785` output;
- subsidy expectations written by hand from the rules in the reference notes.

So a vector that pmh fails is a disagreement between two implementations, not
a change pmh made to itself. Run with the project's venv:

    .venv/bin/python tests/vectors/generate.py

Deterministic: the random cases come from a fixed seed.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
rng = random.Random(20261121)


def write(name: str, description: str, cases: list[dict]) -> None:
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), f"duplicate case names in {name}"
    doc = {"description": description, "cases": cases}
    (HERE / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{name}.json: {len(cases)} cases")


# ---------------------------------------------------------------- identifiers

def luhn(payload: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return (10 - total % 10) % 10


def municipality_cd(five: str) -> int:
    r = sum(int(c) * w for c, w in zip(five, (6, 5, 4, 3, 2))) % 11
    return (11 - r) % 10


def municipality_remainder(five: str) -> int:
    return sum(int(c) * w for c, w in zip(five, (6, 5, 4, 3, 2))) % 11


def my_number_remainder(eleven: str) -> int:
    return sum(int(c) * w for c, w in zip(eleven, (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11


def my_number_cd(eleven: str) -> int:
    r = my_number_remainder(eleven)
    return 0 if r <= 1 else 11 - r


NATIONAL_LAW = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 38, 51, 52, 53, 54, 62, 66, 79]
LOCAL_LAW = [41, 43, 44, 45, 80, 81, 82, 83, 88, 89]


def digits(n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def pref() -> str:
    return f"{rng.randrange(1, 48):02d}"


def wrong(cd: int) -> int:
    return (cd + rng.randrange(1, 10)) % 10


def issue(code: str, severity: str = "error") -> dict:
    return {"code": code, "path": "", "severity": severity}


def ok(kind: str, normalized: str, issues: list | None = None) -> dict:
    return {"valid": True, "kind": kind, "normalized": normalized, "issues": issues or []}


def bad(kind: str | None, code: str) -> dict:
    return {"valid": False, "kind": kind, "normalized": None, "issues": [issue(code)]}


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) - ord("0") + 0xFF10) for c in s)


def id_cases() -> list[dict]:
    cases: list[dict] = []

    def add(name, inp, exp):
        cases.append({"name": name, "operation": "id.check", "input": inp, "expected": exp})

    for i in range(25):
        law = rng.choice(NATIONAL_LAW + LOCAL_LAW)
        p = f"{law:02d}{pref()}{digits(3)}"
        v = p + str(luhn(p))
        add(f"payer valid {i}", {"value": v, "kind": "payer"}, ok("payer", v))
        add(f"payer check digit {i}", {"value": p + str(wrong(luhn(p))), "kind": "payer"}, bad("payer", "ids.payer.check_digit"))
        add(f"payer guessed {i}", {"value": v}, ok("payer", v))
    for i, pf in enumerate(["00", "48", "99"]):
        p = f"54{pf}{digits(3)}"
        add(f"payer prefecture {pf}", {"value": p + str(luhn(p)), "kind": "payer"}, bad("payer", "ids.payer.prefecture"))
    for n in (7, 9):
        add(f"payer length {n}", {"value": digits(n), "kind": "payer"}, bad("payer", "ids.payer.length"))
    add("payer real mis-issued 88134458", {"value": "88134458", "kind": "payer"}, bad("payer", "ids.payer.check_digit"))
    add("payer corrected 88134457", {"value": "88134457", "kind": "payer"}, ok("payer", "88134457"))
    add("payer full-width", {"value": fullwidth("88134457"), "kind": "payer"},
        ok("payer", "88134457", [issue("ids.fullwidth_digits", "warning")]))

    for i in range(20):
        p = digits(6)
        v = p + str(luhn(p))
        add(f"recipient national valid {i}", {"value": v, "kind": "recipient", "rule": "national"}, ok("recipient", v))
        add(f"recipient national check digit {i}", {"value": p + str(wrong(luhn(p))), "kind": "recipient", "rule": "national"},
            bad("recipient", "ids.recipient.check_digit"))
    add("recipient PMH sample 0000002", {"value": "0000002", "kind": "recipient", "payer": "54016027"},
        bad("recipient", "ids.recipient.check_digit"))
    add("recipient ORCA sample 1234566", {"value": "1234566", "kind": "recipient", "payer": "54016027"}, ok("recipient", "1234566"))
    add("recipient local no check digit", {"value": "A0001234567", "kind": "recipient", "payer": "88134457"},
        ok("recipient", "A0001234567"))
    add("recipient local 30 chars", {"value": "X" * 30, "kind": "recipient", "rule": "local"}, ok("recipient", "X" * 30))
    add("recipient local 31 chars", {"value": "X" * 31, "kind": "recipient", "rule": "local"}, bad("recipient", "ids.recipient.length"))

    for i in range(15):
        p = f"{rng.choice(['01', '06', '31', '39', '63'])}{pref()}{digits(3)}"
        v = p + str(luhn(p))
        add(f"insurer 8 valid {i}", {"value": v, "kind": "insurer"}, ok("insurer", v))
        add(f"insurer 8 check digit {i}", {"value": p + str(wrong(luhn(p))), "kind": "insurer"}, bad("insurer", "ids.insurer.check_digit"))
        k = f"{pref()}{digits(3)}"
        kv = k + str(luhn(k))
        add(f"insurer kokuho valid {i}", {"value": kv, "kind": "insurer"}, ok("insurer", kv))
        add(f"insurer kokuho zero-padded {i}", {"value": "00" + kv, "kind": "insurer"}, ok("insurer", kv))
        add(f"insurer kokuho space-padded {i}", {"value": "  " + kv, "kind": "insurer"}, ok("insurer", kv))
    # 87654321: prefecture 65 does not exist, and the check digit is wrong too (both reported).
    add("insurer PMH sample 87654321", {"value": "87654321", "kind": "insurer"},
        {"valid": False, "kind": "insurer", "normalized": None,
         "issues": [issue("ids.insurer.prefecture"), issue("ids.insurer.check_digit")]})
    add("insurer 千葉県警 33120015", {"value": "33120015", "kind": "insurer"}, ok("insurer", "33120015"))

    for i in range(25):
        p = f"{pref()}{rng.choice('13456')}{digits(6)}"
        v = p + str(luhn(p))
        add(f"institution valid {i}", {"value": v, "kind": "institution"}, ok("institution", v))
        add(f"institution guessed {i}", {"value": v}, ok("institution", v))
        add(f"institution check digit {i}", {"value": p + str(wrong(luhn(p))), "kind": "institution"},
            bad("institution", "ids.institution.check_digit"))
    for t in "0279":
        p = f"13{t}{digits(6)}"
        add(f"institution score table {t}", {"value": p + str(luhn(p)), "kind": "institution"},
            bad("institution", "ids.institution.score_table"))
    add("institution 徳島大学病院", {"value": "3618010015", "kind": "institution"}, ok("institution", "3618010015"))
    add("institution 7-digit check alone", {"value": "3618010019", "kind": "institution"},
        bad("institution", "ids.institution.check_digit"))

    # Municipality codes, including both special remainders.
    found = {0: 0, 1: 0}
    i = 0
    while i < 30 or found[0] < 3 or found[1] < 3:
        five = f"{pref()}{digits(3)}"
        r = municipality_remainder(five)
        if i >= 30 and r not in (0, 1):
            continue
        if r in found:
            found[r] += 1
        v = five + str(municipality_cd(five))
        add(f"municipality valid {i} (remainder {r})", {"value": v, "kind": "municipality"}, ok("municipality", v))
        add(f"municipality check digit {i} (remainder {r})", {"value": five + str(wrong(municipality_cd(five))), "kind": "municipality"},
            bad("municipality", "ids.municipality.check_digit"))
        i += 1
    add("municipality 千代田区", {"value": "131016", "kind": "municipality"}, ok("municipality", "131016"))
    add("municipality 東京都", {"value": "130001", "kind": "municipality"}, ok("municipality", "130001"))
    add("municipality full-width", {"value": fullwidth("131016"), "kind": "municipality"},
        ok("municipality", "131016", [issue("ids.fullwidth_digits", "warning")]))

    found = {0: 0, 1: 0}
    i = 0
    while i < 30 or found[0] < 3 or found[1] < 3:
        eleven = digits(11)
        r = my_number_remainder(eleven)
        if i >= 30 and r not in (0, 1):
            continue
        if r in found:
            found[r] += 1
        v = eleven + str(my_number_cd(eleven))
        add(f"mynumber valid {i} (remainder {r})", {"value": v, "kind": "mynumber"}, ok("mynumber", "********" + v[-4:]))
        w = eleven + str(wrong(my_number_cd(eleven)))
        add(f"mynumber check digit {i} (remainder {r})", {"value": w, "kind": "mynumber"}, bad("mynumber", "ids.mynumber.check_digit"))
        i += 1
    add("mynumber PMH sample", {"value": "210987654321", "kind": "mynumber"}, bad("mynumber", "ids.mynumber.check_digit"))
    add("mynumber never guessed", {"value": "983205673214"}, bad(None, "ids.kind.unknown"))
    return cases


# ---------------------------------------------------------------- dates

ERAS = [  # name, letter, code, first day, year one
    ("明治", "M", 1, dt.date(1873, 1, 1), 1868),
    ("大正", "T", 2, dt.date(1912, 7, 30), 1912),
    ("昭和", "S", 3, dt.date(1926, 12, 25), 1926),
    ("平成", "H", 4, dt.date(1989, 1, 8), 1989),
    ("令和", "R", 5, dt.date(2019, 5, 1), 2019),
]


def convert(d: dt.date) -> dict:
    name, letter, code, _, year_one = [e for e in ERAS if e[3] <= d][-1]
    y = d.year - year_one + 1
    ytext = "元" if y == 1 else str(y)
    return {
        "iso": d.isoformat(),
        "era": name,
        "eraYear": y,
        "short": f"{letter}{y}.{d.month}.{d.day}",
        "kanji": f"{name}{ytext}年{d.month}月{d.day}日",
        "receipt": f"{code}{y:02d}{d.month:02d}{d.day:02d}",
        "fiscalYear": d.year if d.month >= 4 else d.year - 1,
    }


def date_cases() -> list[dict]:
    cases: list[dict] = []

    def add(name, value, exp):
        cases.append({"name": name, "operation": "date.convert", "input": {"value": value}, "expected": exp})

    start, end = dt.date(1873, 1, 1).toordinal(), dt.date(2100, 12, 31).toordinal()
    for i in range(60):
        d = dt.date.fromordinal(rng.randrange(start, end))
        c = convert(d)
        form = ["iso", "short", "kanji", "receipt"][i % 4]
        add(f"random {i} from {form}", c[form], c)
    for e in ERAS[1:]:
        first = e[3]
        before = first - dt.timedelta(days=1)
        add(f"{e[0]} first day", first.isoformat(), convert(first))
        add(f"day before {e[0]}", before.isoformat(), convert(before))
    for leap in (dt.date(2016, 2, 29), dt.date(2000, 2, 29), dt.date(2024, 2, 29)):
        add(f"leap day {leap}", convert(leap)["short"], convert(leap))
    add("元年 form", "令和元年5月1日", convert(dt.date(2019, 5, 1)))
    add("same-day 改元 明治45", "明治45年7月30日", convert(dt.date(1912, 7, 30)))
    add("same-day 改元 大正元", "大正元年7月30日", convert(dt.date(1912, 7, 30)))
    add("same-day 改元 大正15", "大正15年12月25日", convert(dt.date(1926, 12, 25)))
    add("zero-padded short", "R06.04.01", convert(dt.date(2024, 4, 1)))
    add("fiscal year boundary March", "2025-03-31", convert(dt.date(2025, 3, 31)))
    add("fiscal year boundary April", "2025-04-01", convert(dt.date(2025, 4, 1)))
    for value, code in [
        ("平成31年5月1日", "calendar.outside_era"),
        ("令和元年4月30日", "calendar.outside_era"),
        ("昭和64年1月8日", "calendar.outside_era"),
        ("R5.2.29", "calendar.invalid_date"),
        ("2023-02-29", "calendar.invalid_date"),
        ("令和6年13月1日", "calendar.invalid_date"),
        ("R0.5.1", "calendar.year_zero"),
        ("X6.4.1", "calendar.era_unknown"),
        ("6060401", "calendar.era_unknown"),
        ("yesterday", "calendar.format"),
    ]:
        add(f"rejected {value}", value, {"error": code})
    return cases


# ---------------------------------------------------------------- canonicalization

def random_value(depth: int = 0):
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randrange(-(2**53) + 1, 2**53)
    if kind == 3:
        return rng.choice([0.5, -1.25, 1e21, 1e-7, 123456789.125, 4.5, 2e-3, 1e30, -0.0, 5e-324, 1.7976931348623157e308,
                           rng.uniform(-1e6, 1e6), rng.uniform(-1, 1) * 10 ** rng.randrange(-30, 30)])
    if kind in (4, 5):
        alphabet = "aZ09 \"\\/\n\t\x01\x1f\u007fé€\u2028😀ｶﾀ漢字"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
    if kind in (6, 7):
        keys = ["a", "b", "B", "é", "€", "😀", "\ue000", "10", "1", "", "aa", "ａ"]
        return {rng.choice(keys) + str(rng.randrange(3)): random_value(depth + 1) for _ in range(rng.randrange(0, 5))}
    return [random_value(depth + 1) for _ in range(rng.randrange(0, 4))]


def canon_cases() -> list[dict]:
    cases: list[dict] = []

    def add(name, text, exp):
        cases.append({"name": name, "operation": "canonicalize", "input": {"json": text}, "expected": exp})

    for i in range(60):
        v = random_value()
        text = json.dumps(v, ensure_ascii=rng.random() < 0.5)
        add(f"random {i}", text, {"canonical": rfc8785.dumps(v).decode("utf-8")})
    rfc_sample = '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}'
    add("RFC 8785 3.2.2 sample", rfc_sample,
        {"canonical": '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'})
    for text, code in [
        ('{"a": 1, "a": 2}', "json.duplicate_key"),
        ('{"x": {"b": 1, "b": 1}}', "json.duplicate_key"),
        ('{"a": 1, "\\u0061": 2}', "json.duplicate_key"),
        ('"\\ud800"', "json.lone_surrogate"),
        ('["\\udc00x"]', "json.lone_surrogate"),
        ("1e400", "json.non_finite"),
        ("9007199254740993", "canon.unsafe_integer"),
        ("[1,]", "json.syntax"),
        ('{"a": 1} x', "json.syntax"),
    ]:
        add(f"rejected {text}", text, {"error": code})
    add("2^53 exactly", "9007199254740992", {"canonical": "9007199254740992"})
    add("surrogate pair is fine", '"\\ud83d\\ude00"', {"canonical": '"😀"'})
    add("UTF-16 key order", '{"\\ue000": 1, "\\ud83d\\ude00": 2, "a": 3}', {"canonical": '{"a":3,"😀":2,"\ue000":1}'})
    return cases


# ---------------------------------------------------------------- envelopes

def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


# RFC 8037 Appendix A.1 Ed25519 key (the seed `d`).
RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"


def seed_key(d_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(d_b64 + "=="))


def jwk_of(key: Ed25519PrivateKey) -> dict:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"crv": "Ed25519", "kty": "OKP", "x": b64u(raw)}


def kid_of(jwk: dict) -> str:
    return b64u(hashlib.sha256(rfc8785.dumps({k: jwk[k] for k in ("crv", "kty", "x")})).digest())


def pem_of(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def sign_envelope(env: dict, key: Ed25519PrivateKey, header: dict | None = None) -> dict:
    jwk = jwk_of(key)
    header = header or {"alg": "EdDSA", "kid": kid_of(jwk), "typ": "pmh+jws"}
    h = b64u(json.dumps(header, separators=(",", ":")).encode())
    body = {k: v for k, v in env.items() if k != "signature"}
    signing_input = f"{h}.{b64u(rfc8785.dumps(body))}".encode()
    out = dict(body)
    out["signature"] = f"{h}..{b64u(key.sign(signing_input))}"
    return out


def envelope_cases() -> list[dict]:
    cases: list[dict] = []
    city = seed_key(RFC8037_D)
    other = seed_key(b64u(hashlib.sha256(b"pmh other key").digest()))
    certs = json.loads((ROOT / "samples/subsidy/certificates.json").read_text(encoding="utf-8"))
    city_jwk, other_jwk = jwk_of(city), jwk_of(other)
    trust = {"participants": [
        {"id": "municipality:131016", "types": ["subsidy.certificate.register"], "keys": [
            {"kid": kid_of(city_jwk), "alg": "EdDSA", "jwk": city_jwk,
             "notBefore": "2024-01-01T00:00:00+09:00", "notAfter": "2026-01-01T00:00:00+09:00"}]},
        {"id": "institution:3618010015", "keys": [
            {"kid": kid_of(other_jwk), "alg": "EdDSA", "jwk": other_jwk,
             "notBefore": "2024-01-01T00:00:00+09:00", "notAfter": "2026-01-01T00:00:00+09:00",
             "revokedAt": "2024-06-01T00:00:00+09:00"}]},
    ]}
    base = {
        "version": 1,
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "type": "subsidy.certificate.register",
        "from": "municipality:131016",
        "to": "hub:pmh",
        "issuedAt": "2024-05-01T09:00:00+09:00",
        "expiresAt": "2024-05-01T10:00:00+09:00",
        "payload": {"certificates": [certs[0]]},
    }
    good = sign_envelope(base, city)
    now = "2024-05-01T09:30:00+09:00"
    cases.append({
        "name": "seal with the RFC 8037 key is byte-identical to Python's signature",
        "operation": "envelope.seal",
        "input": {"keyPem": pem_of(city), "id": base["id"], "type": base["type"], "from": base["from"], "to": base["to"],
                  "issuedAt": base["issuedAt"], "expiresAt": base["expiresAt"], "payload": base["payload"]},
        "expected": {"envelope": good},
    })

    def add(name, env, exp, **opts):
        inp = {"envelope": json.dumps(env, ensure_ascii=False) if not isinstance(env, str) else env,
               "trust": trust, "now": opts.pop("now", now)}
        inp.update(opts)
        cases.append({"name": name, "operation": "envelope.open", "input": inp, "expected": exp})

    accepted = {"ok": True, "id": base["id"], "type": base["type"], "from": base["from"], "to": base["to"],
                "payload": base["payload"]}
    add("valid envelope", good, accepted, receiver="hub:pmh")
    add("valid at the last second before expiry", good, accepted, now="2024-05-01T09:59:59+09:00")
    add("expired at expiresAt", good, {"error": "envelope.expired"}, now="2024-05-01T10:00:00+09:00")
    add("issued in the future beyond the skew", good, {"error": "envelope.not_yet_valid"}, now="2024-05-01T08:54:59+09:00")
    add("issued in the future within the skew", good, accepted, now="2024-05-01T08:55:00+09:00")
    add("wrong receiver", good, {"error": "envelope.wrong_recipient"}, receiver="hub:other")
    tampered = copy.deepcopy(good)
    tampered["payload"]["certificates"][0]["maxCopaymentAmount"]["monthlyCap"] = 20000
    add("payload changed after signing", tampered, {"error": "envelope.signature"})
    moved = copy.deepcopy(good)
    moved["to"] = "hub:other"
    add("routing changed after signing", moved, {"error": "envelope.signature"})
    add("signed by an unknown key", sign_envelope(base, seed_key(b64u(b"\x01" * 32))), {"error": "envelope.unknown_kid"})
    add("signed by another participant's key", sign_envelope(base, other), {"error": "envelope.wrong_sender"})
    hdr = {"alg": "EdDSA", "kid": kid_of(city_jwk), "typ": "pmh+jws", "jwk": city_jwk}
    add("header with an embedded jwk", sign_envelope(base, city, hdr), {"error": "envelope.header"})
    hdr = {"alg": "ES256", "kid": kid_of(city_jwk), "typ": "pmh+jws"}
    add("alg swapped to ES256 for an Ed25519 key", sign_envelope(base, city, hdr), {"error": "envelope.alg_mismatch"})
    hdr = {"alg": "none", "kid": kid_of(city_jwk), "typ": "pmh+jws"}
    add("alg none", sign_envelope(base, city, hdr), {"error": "envelope.header"})
    hdr = {"alg": "EdDSA", "kid": kid_of(city_jwk), "typ": "JWT"}
    add("wrong typ", sign_envelope(base, city, hdr), {"error": "envelope.header"})
    late_key = dict(base, issuedAt="2026-01-01T00:00:00+09:00", expiresAt="2026-01-01T01:00:00+09:00")
    add("issued after the key's notAfter", sign_envelope(late_key, city), {"error": "envelope.key_not_valid"},
        now="2026-01-01T00:30:00+09:00")
    clinic = dict(base, type="subsidy.copayment.record", **{"from": "institution:3618010015"}, payload={
        "payerNumber": "54136015", "month": "2024-05", "entry": {
            "id": "v-1", "date": "2024-05-10", "institutionCode": "3618010015", "setting": "outpatient",
            "totalCost": 30000, "copayDue": 6000, "charged": 6000}})
    add("key revoked before now", sign_envelope(clinic, other), {"error": "envelope.key_revoked"},
        now="2024-06-02T00:00:00+09:00")
    add("key revocation scheduled later", sign_envelope(clinic, other),
        {"ok": True, "id": base["id"], "type": "subsidy.copayment.record", "from": "institution:3618010015",
         "to": "hub:pmh", "payload": clinic["payload"]})
    not_allowed = dict(base, type="subsidy.copayment.record", payload=clinic["payload"])
    add("type the sender may not send", sign_envelope(not_allowed, city), {"error": "envelope.type_not_allowed"})
    bad_payload = dict(base, payload={"certificates": [dict(certs[0], myNumber="210987654321")]})
    add("payload fails its validator", sign_envelope(bad_payload, city), {"error": "envelope.payload_invalid"})
    dup = json.dumps(good, ensure_ascii=False).replace('"version": 1,', '"version": 1, "version": 1,', 1)
    add("duplicate member", dup, {"error": "envelope.json"})
    extra = dict(good, extra=1)
    add("extra member", extra, {"error": "envelope.structure"})
    v2 = sign_envelope(dict(base, version=2), city)
    add("version 2", v2, {"error": "envelope.structure"})
    no_offset = sign_envelope(dict(base, issuedAt="2024-05-01T09:00:00"), city)
    add("timestamp without offset", no_offset, {"error": "envelope.structure"})
    not_v4 = sign_envelope(dict(base, id="0f8fad5b-d9cb-169f-a165-70867728950e"), city)
    add("id not a UUID v4", not_v4, {"error": "envelope.structure"})
    bad_participant = sign_envelope(dict(base, **{"from": "municipality:131017"}), city)
    add("participant code with a bad check digit", bad_participant, {"error": "envelope.structure"})
    add("truncated", json.dumps(good)[:-20], {"error": "envelope.json"})
    add("not an object", "[]", {"error": "envelope.structure"})
    return cases


# ---------------------------------------------------------------- subsidy

def subsidy_cases() -> list[dict]:
    certs = json.loads((ROOT / "samples/subsidy/certificates.json").read_text(encoding="utf-8"))
    nanbyo = certs[0]
    cases: list[dict] = []

    def validate(name, data, ok_, issues, type_="subsidy.certificate"):
        cases.append({"name": name, "operation": "validate", "input": {"type": type_, "data": data},
                      "expected": {"ok": ok_, "issues": [{"code": c, "path": p, "severity": s} for c, p, s in issues]}})

    def mutate(**changes):
        c = copy.deepcopy(nanbyo)
        for path, value in changes.items():
            keys = path.split("__")
            target = c
            for k in keys[:-1]:
                target = target[k]
            if value is ...:
                del target[keys[-1]]
            else:
                target[keys[-1]] = value
        return c

    E, W = "error", "warning"
    validate("valid 指定難病 certificate", nanbyo, True, [])
    validate("valid マル子 certificate (half-width kana warning)", certs[1], True,
             [("subsidy.certificate.kana_halfwidth", "/basicFiveInfo/nameKana", W)])
    validate("valid 小児慢性 certificate", certs[2], True, [])
    for field in ["orgSpecificCertificateTypeId", "myNumber", "basicFiveInfo", "medicalSubsidyInsurerNumber",
                  "certificationName", "medicalSubsidyRecipientNumber", "isAlwaysReimbursement", "validFrom",
                  "validTo", "certificationDetail"]:
        validate(f"missing {field}", mutate(**{field: ...}), False, [("subsidy.certificate.required", f"/{field}", E)])
    for field in ["name", "nameKana", "address", "dateOfBirth", "sex"]:
        validate(f"missing basicFiveInfo.{field}", mutate(**{f"basicFiveInfo__{field}": ...}), False,
                 [("subsidy.certificate.required", f"/basicFiveInfo/{field}", E)])
    validate("My Number check digit", mutate(myNumber="983205673210"), False, [("ids.mynumber.check_digit", "/myNumber", E)])
    validate("My Number length", mutate(myNumber="98320567321"), False, [("ids.mynumber.length", "/myNumber", E)])
    validate("payer check digit", mutate(medicalSubsidyInsurerNumber="54136016"), False,
             [("ids.payer.check_digit", "/medicalSubsidyInsurerNumber", E)])
    validate("national recipient check digit", mutate(medicalSubsidyRecipientNumber="1234567"), False,
             [("ids.recipient.check_digit", "/medicalSubsidyRecipientNumber", E)])
    validate("sex 3", mutate(basicFiveInfo__sex="3"), False, [("subsidy.certificate.enum", "/basicFiveInfo/sex", E)])
    validate("isAlwaysReimbursement 2", mutate(isAlwaysReimbursement="2"), False,
             [("subsidy.certificate.enum", "/isAlwaysReimbursement", E)])
    validate("validFrom after validTo", mutate(validFrom="2025-04-01"), False, [("subsidy.certificate.valid_range", "/validFrom", E)])
    validate("one-day validity", mutate(validTo="2024-04-01"), True, [])
    validate("born on validTo", mutate(basicFiveInfo__dateOfBirth="2025-03-31"), True, [])
    validate("born the day after validTo", mutate(basicFiveInfo__dateOfBirth="2025-04-01"), False,
             [("subsidy.certificate.born_after_validity", "/basicFiveInfo/dateOfBirth", E)])
    validate("Feb 29 in a common year", mutate(basicFiveInfo__dateOfBirth="2023-02-29"), False,
             [("subsidy.certificate.date", "/basicFiveInfo/dateOfBirth", E)])
    validate("date with slashes", mutate(validTo="2025/03/31"), False, [("subsidy.certificate.date", "/validTo", E)])
    validate("kana in hiragana", mutate(basicFiveInfo__nameKana="みほん はなこ"), False,
             [("subsidy.certificate.kana", "/basicFiveInfo/nameKana", E)])
    validate("type id 51 characters", mutate(orgSpecificCertificateTypeId="A" * 51), False,
             [("subsidy.certificate.max_length", "/orgSpecificCertificateTypeId", E)])
    validate("type id not alphanumeric", mutate(orgSpecificCertificateTypeId="NAN-BYO"), False,
             [("subsidy.certificate.halfwidth_alnum", "/orgSpecificCertificateTypeId", E)])
    validate("additional conditions form", mutate(additionalConditions="01-1;02"), False,
             [("subsidy.certificate.additional_conditions", "/additionalConditions", E)])
    validate("designated institution check digit",
             mutate(designatedMedicalInstitutions=[{"institutionCode": "3618010019"}]), False,
             [("ids.institution.check_digit", "/designatedMedicalInstitutions/0/institutionCode", E)])
    validate("cap does not match the tier", mutate(maxCopaymentAmount__monthlyCap=20000), False,
             [("subsidy.scheme.cap_mismatch", "/maxCopaymentAmount/monthlyCap", E)])
    validate("上位所得 高額かつ長期 20,000", mutate(segment="高額かつ長期", incomeSegment="上位所得",
                                                maxCopaymentAmount__monthlyCap=20000), True, [])
    validate("ventilator 1,000", mutate(segment="人工呼吸器等装着", maxCopaymentAmount__monthlyCap=1000), True, [])
    validate("unknown tier", mutate(incomeSegment="中所得"), False, [("subsidy.scheme.income_segment_unknown", "/incomeSegment", E)])
    validate("rate 3割 for 指定難病", mutate(maxCopaymentAmount__copayRatePercent=30), False,
             [("subsidy.scheme.rate_mismatch", "/maxCopaymentAmount/copayRatePercent", E)])
    validate("unknown member", mutate(sex="1"), True, [("subsidy.certificate.unknown_field", "/sex", W)])
    validate("register: empty", {"certificates": []}, False, [("subsidy.register.empty", "/certificates", E)],
             type_="subsidy.certificate.register")
    validate("register: duplicate", {"certificates": [nanbyo, nanbyo]}, False,
             [("subsidy.register.duplicate", "/certificates/1", E)], type_="subsidy.certificate.register")
    validate("register: error path inside the list",
             {"certificates": [nanbyo, mutate(basicFiveInfo__sex="0", historyKey="2")]}, False,
             [("subsidy.certificate.enum", "/certificates/1/basicFiveInfo/sex", E)], type_="subsidy.certificate.register")

    def elig(name, cert, date, institution, eligible, settlement, reasons):
        cases.append({"name": name, "operation": "subsidy.eligibility",
                      "input": {"certificate": cert, "visit": {"date": date, "institutionCode": institution, "setting": "outpatient"}},
                      "expected": {"eligible": eligible, "settlement": settlement, "reasons": reasons}})

    elig("eligible on validTo", nanbyo, "2025-03-31", "3618010015", True, "window", [])
    elig("day after validTo", nanbyo, "2025-04-01", "3618010015", False, "none", ["subsidy.eligibility.expired"])
    elig("day before validFrom", nanbyo, "2024-03-31", "3618010015", False, "none", ["subsidy.eligibility.not_yet_valid"])
    elig("not a designated institution", nanbyo, "2024-05-01", "1310000011", False, "none", ["subsidy.eligibility.not_designated"])
    elig("deleted and expired", mutate(isDeleted="1"), "2025-04-01", "3618010015", False, "none",
         ["subsidy.eligibility.deleted", "subsidy.eligibility.expired"])
    elig("always reimbursement", certs[2], "2024-05-01", "1310000011", True, "reimbursement",
         ["subsidy.eligibility.always_reimbursement"])

    # Copayment worked examples, computed by hand (1点 = 10円; window amounts rounded to 10 yen).
    def copay(name, request, expected):
        cases.append({"name": name, "operation": "subsidy.copayment", "input": request, "expected": expected})

    def visit(vid, date, points, percent=30, institution="3618010015", setting="outpatient"):
        return {"id": vid, "date": date, "institutionCode": institution, "setting": setting, "points": points,
                "insuranceCopayPercent": percent}

    def ledger(entries):
        return [{"payerNumber": "54136015", "month": "2024-05", "cap": 10000, "entries": entries}]

    def entry(eid, date, total, due, charged, institution="3618010015"):
        return {"id": eid, "date": date, "institutionCode": institution, "setting": "outpatient",
                "totalCost": total, "copayDue": due, "charged": charged}

    copay("指定難病 first visit: 2割 under the cap",
          {"visit": visit("v-1", "2024-05-02", 2000), "certificates": [nanbyo]},
          {"totalCost": 20000, "insurerPays": 14000, "patientPays": 4000, "publicPays": [2000], "charged": [4000]})
    copay("指定難病 third visit reaches the cap",
          {"visit": visit("v-3", "2024-05-20", 2500), "certificates": [nanbyo],
           "ledgers": ledger([entry("v-1", "2024-05-02", 20000, 4000, 4000),
                              entry("v-2", "2024-05-10", 25000, 5000, 5000, "3648010019")])},
          {"totalCost": 25000, "insurerPays": 17500, "patientPays": 1000, "publicPays": [6500], "charged": [1000]})
    copay("指定難病 after the cap: 0",
          {"visit": visit("v-4", "2024-05-25", 1000), "certificates": [nanbyo],
           "ledgers": ledger([entry("v-1", "2024-05-02", 50000, 10000, 10000)])},
          {"totalCost": 10000, "insurerPays": 7000, "patientPays": 0, "publicPays": [3000], "charged": [0]})
    copay("rounding 4 yen down: 3割 of 12,340円 = 3,702 → 3,700",
          {"visit": visit("r-1", "2024-05-02", 1234, 30), "certificates": []},
          {"totalCost": 12340, "insurerPays": 8640, "patientPays": 3700, "publicPays": [], "charged": []})
    copay("rounding 5 yen up: 3割 of 12,350円 = 3,705 → 3,710",
          {"visit": visit("r-2", "2024-05-02", 1235, 30), "certificates": []},
          {"totalCost": 12350, "insurerPays": 8640, "patientPays": 3710, "publicPays": [], "charged": []})
    copay("マル子 200円 per visit",
          {"visit": visit("k-1", "2024-05-02", 500, 20, "1310000011"), "certificates": [certs[1]]},
          {"totalCost": 5000, "insurerPays": 4000, "patientPays": 200, "publicPays": [800], "charged": []})
    copay("visit the day after validTo: insurance copay only",
          {"visit": visit("x-1", "2025-04-01", 1000), "certificates": [nanbyo]},
          {"totalCost": 10000, "insurerPays": 7000, "patientPays": 3000, "publicPays": [0], "charged": []})
    return cases


# ---------------------------------------------------------------- checkup

def checkup_cases() -> list[dict]:
    cases: list[dict] = []
    result = json.loads((ROOT / "samples/checkup/result-3-4m.json").read_text(encoding="utf-8"))
    E, W = "error", "warning"

    def validate(name, data, ok_, issues, type_="checkup.result"):
        cases.append({"name": name, "operation": "validate", "input": {"type": type_, "data": data},
                      "expected": {"ok": ok_, "issues": [{"code": c, "path": p, "severity": s} for c, p, s in issues]}})

    def with_(base, **changes):
        c = copy.deepcopy(base)
        for path, value in changes.items():
            keys = path.split("__")
            t = c
            for k in keys[:-1]:
                t = t[k]
            if value is ...:
                del t[keys[-1]]
            else:
                t[keys[-1]] = value
        return c

    validate("3-4 month result", result, True, [])
    # 2023 survey, boys 3〜4か月未満: weight P3 5.22 kg, P97 7.84 kg; height P3 58.0, P97 65.9 cm.
    validate("weight at P3", with_(result, measurements__weightKg=5.22), True, [])
    validate("weight just below P3", with_(result, measurements__weightKg=5.21), True,
             [("checkup.result.growth_below_p3", "/measurements/weightKg", W)])
    validate("weight at P97", with_(result, measurements__weightKg=7.84), True, [])
    validate("weight just above P97", with_(result, measurements__weightKg=7.85), True,
             [("checkup.result.growth_above_p97", "/measurements/weightKg", W)])
    validate("height at P3", with_(result, measurements__heightCm=58.0), True, [])
    validate("height just below P3", with_(result, measurements__heightCm=57.9), True,
             [("checkup.result.growth_below_p3", "/measurements/heightCm", W)])
    validate("impossible weight", with_(result, measurements__weightKg=60), False,
             [("checkup.result.measurement_impossible", "/measurements/weightKg", E)])
    validate("impossible negative height", with_(result, measurements__heightCm=-1), False,
             [("checkup.result.measurement_impossible", "/measurements/heightCm", E)])
    validate("unknown judgement", with_(result, judgement="fine"), False,
             [("checkup.result.judgement_unknown", "/judgement", E)])
    validate("date not ISO", with_(result, date="2025/08/01"), False, [("checkup.date", "/date", E)])
    validate("unknown kind", with_(result, kind="infant-2m"), False, [("checkup.kind", "/kind", E)])

    # 1歳6か月児 (statutory): born 2022-10-15, 応当日 2024-04-15 (1y6m) and 2024-10-15 (2y):
    # "満1歳6か月を超え満2歳に達しない" = 2024-04-15 .. 2024-10-14 inclusive.
    toddler = {
        "kind": "toddler-18m", "date": "2024-06-01",
        "person": {"birthDate": "2022-10-15", "sex": "2"},
        "measurements": {"heightCm": 80.0, "weightKg": 10.2, "headCm": 46.5, "chestCm": 47.0},
        "birth": {"weightG": 2980, "gestationalWeeks": 39},
        "findings": {
            "nutrition": "none", "spineChest": "none", "skin": "none", "limbMotor": "none",
            "mentalDevelopment": "none", "speech": "present", "immunizationStatus": "none",
            "parentingIssues": "none", "otherDiseases": "none"
        },
        "dental": {"teeth": 16, "cariesTeeth": 0, "cariesType": "O1"},
        "judgement": "observation",
    }
    for date, inside in [("2024-04-14", False), ("2024-04-15", True), ("2024-10-14", True), ("2024-10-15", False)]:
        validate(f"1歳6か月 on {date}", with_(toddler, date=date), inside,
                 [] if inside else [("checkup.result.window", "/date", E)])
    validate("1歳6か月 without the dental item", with_(toddler, dental=...), False,
             [("checkup.result.mandatory_missing", "/dental", E)])
    return cases


# ---------------------------------------------------------------- immunization

def immunization_cases() -> list[dict]:
    """Worked by hand from reference §1–2 (legal ages: the day before the
    anniversary; N日以上 = +N+1 days; N月以上 = same day N months later).
    `expected` pins the doses of one vaccine (dose, routine, reasons) and,
    where stated, the series status and the next dose's earliest date."""
    cases: list[dict] = []
    born = "2024-04-15"  # reaches 6 months on 2024-10-14, 1 year on 2025-04-14, 2 years on 2026-04-14

    def ev(name, vaccine, doses, as_of, expected_doses, status=None, next_earliest=...):
        exp = {"doses": [{"dose": d, "routine": r, "reasons": rs} for d, r, rs in expected_doses]}
        if status is not None:
            exp["status"] = status
        if next_earliest is not ...:
            exp["nextEarliest"] = next_earliest
        cases.append({"name": name, "operation": "immunization.evaluate",
                      "input": {"history": {"birthDate": born, "sex": "2",
                                            "doses": [{"vaccine": v, "date": d} for v, d in doses]},
                                "asOf": as_of, "vaccine": vaccine},
                      "expected": exp})

    # MR 1期: 生後12月から生後24月に至るまで.
    ev("MR 1期 on the day 1 year is reached", "mr", [("mr", "2025-04-14")], "2025-05-01",
       [("stage1", True, [])])
    ev("MR 1期 one day too early", "mr", [("mr", "2025-04-13")], "2025-05-01",
       [("stage1", False, ["too_young"])], status="due", next_earliest="2025-04-14")
    ev("MR 1期 on the last day (24 months reached)", "mr", [("mr", "2026-04-14")], "2026-05-01",
       [("stage1", True, [])])
    ev("MR 1期 one day after the window", "mr", [("mr", "2026-04-15")], "2026-05-01",
       [("stage1", False, ["too_old"])])
    ev("MR due at 1 year", "mr", [], "2025-04-14", [], status="due", next_earliest="2025-04-14")
    ev("MR not yet eligible at 11 months", "mr", [], "2025-03-20", [], status="not_yet_eligible",
       next_earliest="2025-04-14")
    # BCG: 1歳に至るまで.
    ev("BCG on the last day", "bcg", [("bcg", "2025-04-14")], "2025-05-01", [("dose1", True, [])], status="complete")
    ev("BCG one day late", "bcg", [("bcg", "2025-04-15")], "2025-05-01", [("dose1", False, ["too_old"])])
    # B型肝炎: 2nd ≥27日 after the 1st (+28), 3rd ≥139日 after the 1st (+140).
    ev("HepB on time", "hepb", [("hepb", "2024-06-15"), ("hepb", "2024-07-13"), ("hepb", "2024-11-02")], "2025-05-01",
       [("dose1", True, []), ("dose2", True, []), ("dose3", True, [])], status="complete", next_earliest=None)
    ev("HepB 2nd dose one day too soon", "hepb", [("hepb", "2024-06-15"), ("hepb", "2024-07-12")], "2024-08-01",
       [("dose1", True, []), ("dose2", False, ["too_soon"])])
    ev("HepB 3rd dose one day too soon", "hepb", [("hepb", "2024-06-15"), ("hepb", "2024-07-13"), ("hepb", "2024-11-01")],
       "2024-12-01", [("dose1", True, []), ("dose2", True, []), ("dose3", False, ["too_soon"])])
    # 水痘: 生後12月から; 2nd ≥3月 after the 1st (same day 3 months later).
    ev("varicella 2nd dose on the day 3 months have passed", "varicella",
       [("varicella", "2025-04-14"), ("varicella", "2025-07-14")], "2025-08-01",
       [("dose1", True, []), ("dose2", True, [])], status="complete", next_earliest=None)
    ev("varicella 2nd dose one day too soon", "varicella",
       [("varicella", "2025-04-14"), ("varicella", "2025-07-13")], "2025-08-01",
       [("dose1", True, []), ("dose2", False, ["too_soon"])])
    # Injectable live → different injectable live: ≥27日 (next allowed +28).
    ev("varicella 27 days after MR: too soon", "varicella", [("mr", "2025-04-14"), ("varicella", "2025-05-11")],
       "2025-06-01", [("dose1", False, ["live_interval"])])
    ev("varicella 28 days after MR: fine", "varicella", [("mr", "2025-04-14"), ("varicella", "2025-05-12")],
       "2025-06-01", [("dose1", True, [])])
    ev("MR and varicella the same day: fine", "varicella", [("mr", "2025-04-14"), ("varicella", "2025-04-14")],
       "2025-06-01", [("dose1", True, [])])
    # 日本脳炎 1期初回: 生後6月から; 2nd ≥6日 after the 1st (+7).
    ev("JE one day before 6 months", "je", [("je", "2024-10-13")], "2024-11-01", [("primary1", False, ["too_young"])])
    ev("JE primary on time", "je", [("je", "2024-10-14"), ("je", "2024-10-21")], "2024-11-01",
       [("primary1", True, []), ("primary2", True, [])], next_earliest="2025-04-21")
    ev("JE 2nd primary one day too soon", "je", [("je", "2024-10-14"), ("je", "2024-10-20")], "2024-11-01",
       [("primary1", True, []), ("primary2", False, ["too_soon"])])
    return cases


if __name__ == "__main__":
    write("ids", "id.check: identifiers of every kind, check digits computed independently (incl. mod-11 remainders 0 and 1)", id_cases())
    write("dates", "date.convert: era forms and ISO dates, era boundaries, leap days, rejections", date_cases())
    write("canon", "canonicalize: RFC 8785 bytes computed with the independent rfc8785 package; strict-JSON rejections", canon_cases())
    write("envelopes", "envelope.seal / envelope.open: envelopes signed with Python's cryptography over rfc8785 output", envelope_cases())
    write("checkup", "validate checkup.result: growth bands at P3/P97, impossible values, statutory windows by one day", checkup_cases())
    write("immunization", "immunization.evaluate: routine or not, reasons, status and the next dose, worked by hand", immunization_cases())
    write("subsidy", "validate / subsidy.eligibility / subsidy.copayment: certificates, eligibility and worked copayment examples", subsidy_cases())
