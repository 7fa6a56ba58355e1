//! Policy, tamper and known-answer tests for envelopes.

use super::*;
use crate::canon::{canonicalize, Limits};
use crate::validate::{Report, Rule};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

const N_MISSING: Rule = Rule::error("test.n.missing", "n がありません。", "n is missing.");

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// RFC 8032 §7.1 TEST 1 / RFC 8037 A.1 key, as PKCS#8 v1 (the form OpenSSL writes).
fn rfc8037_key() -> SigningKey {
    let mut der = hex("302e020100300506032b657004220420");
    der.extend(hex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    ));
    SigningKey::from_pkcs8_der(&der).unwrap()
}

struct Fx {
    ed: SigningKey,
    ec: SigningKey,
    other: SigningKey,
    sender: ParticipantId,
    receiver: ParticipantId,
    other_id: ParticipantId,
    trust: TrustStore,
    validators: Validators,
    now: DateTime<Utc>,
}

impl Fx {
    fn new() -> Fx {
        let ed = SigningKey::generate(Algorithm::EdDSA).unwrap();
        let ec = SigningKey::generate(Algorithm::ES256).unwrap();
        let other = SigningKey::generate(Algorithm::EdDSA).unwrap();
        let sender = ParticipantId::parse("municipality:131016").unwrap();
        let receiver = ParticipantId::parse("hub:pmh").unwrap();
        let other_id = ParticipantId::parse("institution:3618010015").unwrap();
        let (nb, na) = (
            ts("2025-01-01T00:00:00+09:00"),
            ts("2027-01-01T00:00:00+09:00"),
        );
        let mut trust = TrustStore::new();
        for (who, key) in [(&sender, &ed), (&sender, &ec), (&other_id, &other)] {
            trust
                .add_key(
                    who,
                    TrustedKey::new(key.public_key().to_jwk(), nb, na).unwrap(),
                )
                .unwrap();
        }
        trust.allow_types(&other_id, ["test.echo"]).unwrap();
        let mut validators = Validators::new();
        validators
            .register("test.echo", |p| {
                let mut r = Report::new();
                if !p.get("n").is_some_and(Value::is_number) {
                    r.push(&N_MISSING, "/n");
                }
                r
            })
            .unwrap();
        validators
            .register("test.other", |_| Report::new())
            .unwrap();
        Fx {
            ed,
            ec,
            other,
            sender,
            receiver,
            other_id,
            trust,
            validators,
            now: ts("2025-06-01T12:00:00Z").to_utc(),
        }
    }

    fn draft(&self) -> Draft {
        Draft {
            id: new_message_id().unwrap(),
            message_type: "test.echo".into(),
            from: self.sender.clone(),
            to: self.receiver.clone(),
            issued_at: ts("2025-06-01T20:55:00+09:00"),
            expires_at: ts("2025-06-01T22:00:00+09:00"),
        }
    }

    fn seal_opts(&self) -> SealOptions<'_> {
        SealOptions {
            validators: &self.validators,
            force: false,
            allow_unknown_types: false,
        }
    }

    fn open_opts(&self) -> OpenOptions<'_> {
        OpenOptions {
            now: Some(self.now),
            receiver: Some(&self.receiver),
            validators: &self.validators,
            ..OpenOptions::default()
        }
    }

    fn seal_with(&self, draft: &Draft, key: &SigningKey) -> Vec<u8> {
        seal_draft(
            draft,
            &json!({"n": 1, "name": "山田"}),
            key,
            &self.seal_opts(),
        )
        .unwrap()
        .to_json_bytes()
    }

    fn sealed(&self) -> Vec<u8> {
        self.seal_with(&self.draft(), &self.ed)
    }

    fn open(&self, bytes: &[u8]) -> Result<Verified<Envelope>, OpenError> {
        open(bytes, &self.trust, &self.open_opts())
    }

    fn code(&self, bytes: &[u8]) -> &'static str {
        self.open(bytes).map(|_| "ok").unwrap_or_else(|e| e.code())
    }
}

fn to_value(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn to_bytes(v: &Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

/// Re-signs `env` (a JSON value) with `key` under an arbitrary protected header,
/// as an attacker holding `key` would.
fn resign(env: &Value, header: &Value, key: &SigningKey) -> Vec<u8> {
    let mut env = env.clone();
    env.as_object_mut().unwrap().remove("signature");
    let h = b64e(header.to_string().as_bytes());
    let input = signing_input(&h, &canonicalize(&env).unwrap());
    let sig = key.sign(input.as_bytes()).unwrap();
    env["signature"] = json!(format!("{h}..{}", b64e(&sig)));
    to_bytes(&env)
}

fn header_for(key: &SigningKey) -> Value {
    json!({"alg": key.algorithm().as_str(), "kid": key.kid(), "typ": "pmh+jws"})
}

// ---------------------------------------------------------------- round trips

#[test]
fn round_trip_both_algorithms() {
    let fx = Fx::new();
    for key in [&fx.ed, &fx.ec] {
        let draft = fx.draft();
        let bytes = fx.seal_with(&draft, key);
        let v = fx.open(&bytes).unwrap();
        assert_eq!(v.id(), draft.id);
        assert_eq!(v.kid(), key.kid());
        assert_eq!(v.algorithm(), key.algorithm());
        assert_eq!(v.from(), &fx.sender);
        assert_eq!(v.to(), &fx.receiver);
        assert_eq!(v.message_type(), "test.echo");
        assert_eq!(v.issued_at(), draft.issued_at);
        assert_eq!(v.payload(), &json!({"n": 1, "name": "山田"}));
        // What open returns serializes to what was sent.
        assert_eq!(serde_json::to_vec(&v).unwrap(), bytes);
        assert_eq!(v.into_payload()["n"], 1);
    }
}

#[test]
fn envelope_has_the_specified_shape() {
    let fx = Fx::new();
    let v = to_value(&fx.sealed());
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, MEMBERS);
    let sig = v["signature"].as_str().unwrap();
    let (h, s) = sig.split_once("..").unwrap();
    assert_eq!(
        b64d(h).unwrap(),
        format!(
            r#"{{"alg":"EdDSA","kid":"{}","typ":"pmh+jws"}}"#,
            fx.ed.kid()
        )
        .as_bytes()
    );
    assert_eq!(b64d(s).unwrap().len(), 64);
    // The signature is exactly a JWS over b64(header).b64(JCS(envelope - signature)).
    let mut unsigned = v.clone();
    unsigned.as_object_mut().unwrap().remove("signature");
    let input = format!("{h}.{}", b64e(&canonicalize(&unsigned).unwrap()));
    assert!(fx
        .ed
        .public_key()
        .verify(input.as_bytes(), &b64d(s).unwrap()));
}

#[test]
fn es256_signatures_are_randomized_but_both_verify() {
    let fx = Fx::new();
    let d = fx.draft();
    let (a, b) = (fx.seal_with(&d, &fx.ec), fx.seal_with(&d, &fx.ec));
    assert_ne!(a, b);
    assert_eq!(fx.code(&a), "ok");
    assert_eq!(fx.code(&b), "ok");
}

#[test]
fn ed25519_envelope_bytes_are_pinned() {
    // Fixed key (RFC 8032 TEST 1), id and times: Ed25519 is deterministic, so
    // these bytes must never change. Any change breaks every deployed verifier.
    let key = rfc8037_key();
    let draft = Draft {
        id: "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
        message_type: "test.echo".into(),
        from: ParticipantId::parse("municipality:131016").unwrap(),
        to: ParticipantId::parse("hub:pmh").unwrap(),
        issued_at: ts("2025-04-01T09:00:00+09:00"),
        expires_at: ts("2025-04-01T10:00:00+09:00"),
    };
    let options = SealOptions {
        allow_unknown_types: true,
        ..SealOptions::default()
    };
    let env = seal_draft(
        &draft,
        &json!({"name": "山田 太郎", "n": 1.50}),
        &key,
        &options,
    )
    .unwrap();
    let expected = concat!(
        r#"{"version":1,"id":"0f8fad5b-d9cb-469f-a165-70867728950e","type":"test.echo","#,
        r#""from":"municipality:131016","to":"hub:pmh","issuedAt":"2025-04-01T09:00:00+09:00","#,
        r#""expiresAt":"2025-04-01T10:00:00+09:00","payload":{"name":"山田 太郎","n":1.5},"#,
        r#""signature":"eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJwbWgrandzIn0.."#,
        "PINNED",
        r#""}"#
    );
    let got = env.to_json_string();
    let (prefix, _) = expected.split_once("PINNED").unwrap();
    assert!(got.starts_with(prefix), "{got}");
    assert_eq!(got, expected.replace("PINNED", PINNED_SIG), "{got}");
}

/// Cross-checked independently: Python `cryptography` Ed25519 over `rfc8785`
/// output gives the same signature (tests/python/test_envelope_interop.py).
const PINNED_SIG: &str =
    "1GnU_z7Sv3wrTz-8IB4m4yKtyIrA8IU6XzJzFYIZtraK0mit0h1yhjHhoVEzKU9NWE1yoHR5mQz0lXaHHc2KCA";

// ---------------------------------------------------------------- RFC vectors

#[test]
fn rfc8037_appendix_a() {
    let key = rfc8037_key();
    let jwk = Jwk::from_value(&json!({
        "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    }))
    .unwrap();
    assert_eq!(key.public_key().to_jwk(), jwk);
    assert_eq!(
        jwk.thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
    // A.4: sign "Example of Ed25519 signing" under {"alg":"EdDSA"}.
    assert_eq!(b64e(br#"{"alg":"EdDSA"}"#), "eyJhbGciOiJFZERTQSJ9");
    assert_eq!(
        b64e(b"Example of Ed25519 signing"),
        "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    );
    let input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    let sig = key.sign(input.as_bytes()).unwrap();
    assert_eq!(
        b64e(&sig),
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    );
    assert_eq!(
        sig,
        hex("860c98d2297f3060a33f42739672d61b53cf3adefed3d3c672f320dc021b411e9d59b8628dc351e248b88b29468e0e41855b0fb7d83bb15be902bfccb8cd0a02")
    );
    // A.5: verification with the public JWK.
    let public = PublicKey::from_jwk(&jwk).unwrap();
    assert!(public.verify(input.as_bytes(), &sig));
    assert!(!public.verify(
        b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmC",
        &sig
    ));
}

#[test]
fn rfc7515_appendix_a3_es256_verifies() {
    let jwk = Jwk::from_value(&json!({
        "kty": "EC", "crv": "P-256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
    }))
    .unwrap();
    let key = PublicKey::from_jwk(&jwk).unwrap();
    assert_eq!(key.algorithm(), Algorithm::ES256);
    assert_eq!(b64e(br#"{"alg":"ES256"}"#), "eyJhbGciOiJFUzI1NiJ9");
    let input = concat!(
        "eyJhbGciOiJFUzI1NiJ9.",
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    );
    let sig = b64d(
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
    )
    .unwrap();
    assert_eq!(sig.len(), 64);
    assert!(key.verify(input.as_bytes(), &sig));
    let mut bad = sig.clone();
    bad[63] ^= 1;
    assert!(!key.verify(input.as_bytes(), &bad));
}

// ---------------------------------------------------------------- rejections, in policy order

#[test]
fn too_large_and_too_deep() {
    let fx = Fx::new();
    let bytes = fx.sealed();
    let small = OpenOptions {
        limits: Limits {
            max_bytes: bytes.len() - 1,
            max_depth: 64,
        },
        ..fx.open_opts()
    };
    assert_eq!(
        open(&bytes, &fx.trust, &small).unwrap_err().code(),
        "envelope.too_large"
    );
    let exact = OpenOptions {
        limits: Limits {
            max_bytes: bytes.len(),
            max_depth: 64,
        },
        ..fx.open_opts()
    };
    assert!(open(&bytes, &fx.trust, &exact).is_ok());
    let huge = vec![b' '; (1 << 20) + 1];
    assert_eq!(fx.code(&huge), "envelope.too_large");
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert_eq!(fx.code(deep.as_bytes()), "envelope.too_deep");
    // A payload nested deeper than the limit, even when signed, is refused.
    let mut payload = json!(1);
    for _ in 0..70 {
        payload = json!({ "a": payload });
    }
    let env = seal_draft(
        &fx.draft(),
        &json!({"n": 1, "deep": payload}),
        &fx.ed,
        &fx.seal_opts(),
    )
    .unwrap();
    assert_eq!(fx.code(&env.to_json_bytes()), "envelope.too_deep");
}

#[test]
fn strict_json() {
    let fx = Fx::new();
    let text = String::from_utf8(fx.sealed()).unwrap();
    // Duplicate member: a second "to" appended (what a lax parser would keep).
    let dup = text.replacen(r#""version":1"#, r#""version":1,"to":"hub:evil""#, 1);
    let e = fx.open(dup.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "envelope.json");
    assert_eq!(e, OpenError::Json("json.duplicate_key"));
    let dup_in_payload = text.replacen(r#""n":1"#, r#""n":1,"n":2"#, 1);
    assert_eq!(fx.code(dup_in_payload.as_bytes()), "envelope.json");
    let mut bad_utf8 = text.clone().into_bytes();
    let pos = text.find("山田").unwrap();
    bad_utf8[pos] = 0xff;
    assert_eq!(
        fx.open(&bad_utf8).unwrap_err(),
        OpenError::Json("json.invalid_utf8")
    );
    assert_eq!(fx.code(b"{"), "envelope.json");
    assert_eq!(fx.code(format!("{text} x").as_bytes()), "envelope.json");
    assert_eq!(fx.code(b""), "envelope.json");
}

#[test]
fn structure() {
    let fx = Fx::new();
    let good = to_value(&fx.sealed());
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutation)> = vec![
        ("not object", Box::new(|v| *v = json!([1]))),
        (
            "missing",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("expiresAt");
            }),
        ),
        ("extra", Box::new(|v| v["note"] = json!("x"))),
        ("version 2", Box::new(|v| v["version"] = json!(2))),
        ("version string", Box::new(|v| v["version"] = json!("1"))),
        ("version float", Box::new(|v| v["version"] = json!(1.0))),
        ("id not uuid", Box::new(|v| v["id"] = json!("123"))),
        (
            "id v1",
            Box::new(|v| v["id"] = json!("c232ab00-9414-11ec-b3c8-9f6bdeced846")),
        ),
        (
            "id simple form",
            Box::new(|v| v["id"] = json!("0f8fad5bd9cb469fa16570867728950e")),
        ),
        ("type", Box::new(|v| v["type"] = json!("Test"))),
        (
            "from",
            Box::new(|v| v["from"] = json!("municipality:131017")),
        ),
        ("to", Box::new(|v| v["to"] = json!("hub:../x"))),
        (
            "issuedAt no offset",
            Box::new(|v| v["issuedAt"] = json!("2025-06-01T20:55:00")),
        ),
        (
            "issuedAt space",
            Box::new(|v| v["issuedAt"] = json!("2025-06-01 20:55:00Z")),
        ),
        (
            "expiresAt date only",
            Box::new(|v| v["expiresAt"] = json!("2025-06-02")),
        ),
        (
            "expires before issued",
            Box::new(|v| v["expiresAt"] = json!("2025-06-01T20:00:00+09:00")),
        ),
        (
            "expires equal issued",
            Box::new(|v| v["expiresAt"] = json!("2025-06-01T11:55:00Z")),
        ),
        ("payload array", Box::new(|v| v["payload"] = json!([1]))),
        ("payload null", Box::new(|v| v["payload"] = Value::Null)),
        ("signature number", Box::new(|v| v["signature"] = json!(1))),
    ];
    for (name, mutate) in cases {
        let mut v = good.clone();
        mutate(&mut v);
        assert_eq!(fx.code(&to_bytes(&v)), "envelope.structure", "{name}");
    }
}

#[test]
fn header() {
    let fx = Fx::new();
    let good = to_value(&fx.sealed());
    let sig = good["signature"].as_str().unwrap().to_owned();
    let (h, s) = sig.split_once("..").unwrap();
    let with_sig = |jws: String| {
        let mut v = good.clone();
        v["signature"] = json!(jws);
        to_bytes(&v)
    };
    // Not detached / not compact.
    assert_eq!(
        fx.code(&with_sig(format!("{h}.eyJ9.{s}"))),
        "envelope.header"
    );
    assert_eq!(fx.code(&with_sig(format!("{h}.{s}"))), "envelope.header");
    assert_eq!(fx.code(&with_sig(format!("{h}...{s}"))), "envelope.header");
    assert_eq!(fx.code(&with_sig(format!("..{s}"))), "envelope.header");
    assert_eq!(fx.code(&with_sig(format!("{h}.."))), "envelope.header");
    assert_eq!(fx.code(&with_sig(format!("{h}=..{s}"))), "envelope.header");
    // Header parameters beyond alg/kid/typ, even correctly signed by the real key.
    let kid = fx.ed.kid();
    let jwk = fx.ed.public_key().to_jwk().to_value();
    for extra in [
        json!({"jwk": jwk}),
        json!({"jku": "https://evil.example/jwks.json"}),
        json!({"x5c": ["MIIB"]}),
        json!({"crit": ["b64"], "b64": false}),
        json!({"b64": true}),
        json!({"crit": ["exp"]}),
    ] {
        let mut header = header_for(&fx.ed);
        for (k, v) in extra.as_object().unwrap() {
            header[k] = v.clone();
        }
        assert_eq!(
            fx.code(&resign(&good, &header, &fx.ed)),
            "envelope.header",
            "{extra}"
        );
    }
    for header in [
        json!({"alg": "EdDSA", "kid": kid}),
        json!({"alg": "EdDSA", "kid": kid, "typ": "JWT"}),
        json!({"alg": "none", "kid": kid, "typ": "pmh+jws"}),
        json!({"alg": "HS256", "kid": kid, "typ": "pmh+jws"}),
        json!({"alg": "eddsa", "kid": kid, "typ": "pmh+jws"}),
        json!({"alg": "EdDSA", "kid": "", "typ": "pmh+jws"}),
        json!({"alg": "EdDSA", "kid": 7, "typ": "pmh+jws"}),
        json!([1]),
    ] {
        assert_eq!(
            fx.code(&resign(&good, &header, &fx.ed)),
            "envelope.header",
            "{header}"
        );
    }
    // Duplicate member inside the protected header.
    let dup = format!(r#"{{"alg":"EdDSA","alg":"EdDSA","kid":"{kid}","typ":"pmh+jws"}}"#);
    assert_eq!(
        fx.code(&with_sig(format!("{}..{s}", b64e(dup.as_bytes())))),
        "envelope.header"
    );
}

#[test]
fn unknown_kid_is_an_opaque_lookup() {
    let fx = Fx::new();
    let good = to_value(&fx.sealed());
    let stranger = SigningKey::generate(Algorithm::EdDSA).unwrap();
    assert_eq!(
        fx.code(&resign(&good, &header_for(&stranger), &stranger)),
        "envelope.unknown_kid"
    );
    for kid in [
        "../../etc/passwd",
        "https://evil.example/key",
        "' OR 1=1 --",
    ] {
        let header = json!({"alg": "EdDSA", "kid": kid, "typ": "pmh+jws"});
        assert_eq!(
            fx.code(&resign(&good, &header, &fx.ed)),
            "envelope.unknown_kid",
            "{kid}"
        );
    }
}

#[test]
fn alg_swapped_with_the_same_kid() {
    let fx = Fx::new();
    let good = to_value(&fx.sealed());
    // EdDSA key's kid with alg ES256, signed by the ES256 key: no confusion.
    let header = json!({"alg": "ES256", "kid": fx.ed.kid(), "typ": "pmh+jws"});
    assert_eq!(
        fx.code(&resign(&good, &header, &fx.ec)),
        "envelope.alg_mismatch"
    );
    let header = json!({"alg": "EdDSA", "kid": fx.ec.kid(), "typ": "pmh+jws"});
    assert_eq!(
        fx.code(&resign(&good, &header, &fx.ed)),
        "envelope.alg_mismatch"
    );
}

#[test]
fn signature_tampering() {
    let fx = Fx::new();
    for key in [&fx.ed, &fx.ec] {
        let good = to_value(&fx.seal_with(&fx.draft(), key));
        let sig = good["signature"].as_str().unwrap().to_owned();
        let (h, s) = sig.split_once("..").unwrap();
        let with = |f: &dyn Fn(&mut Value)| {
            let mut v = good.clone();
            f(&mut v);
            fx.code(&to_bytes(&v))
        };
        assert_eq!(
            with(&|v| v["payload"]["n"] = json!(2)),
            "envelope.signature"
        );
        assert_eq!(
            with(&|v| v["payload"]["name"] = json!("山田 ")),
            "envelope.signature"
        );
        assert_eq!(
            with(&|v| v["expiresAt"] = json!("2025-06-01T23:00:00+09:00")),
            "envelope.signature"
        );
        assert_eq!(
            with(&|v| v["id"] = json!(new_message_id().unwrap().to_string())),
            "envelope.signature"
        );
        // Same instant written differently is a different signed text.
        assert_eq!(
            with(&|v| v["issuedAt"] = json!("2025-06-01T11:55:00Z")),
            "envelope.signature"
        );
        // Header changed but still well-formed (member order): the signed text changes.
        let reordered = format!(
            r#"{{"kid":"{}","alg":"{}","typ":"pmh+jws"}}"#,
            key.kid(),
            key.algorithm()
        );
        let jws = format!("{}..{s}", b64e(reordered.as_bytes()));
        assert_eq!(with(&|v| v["signature"] = json!(jws)), "envelope.signature");
        // Truncated, extended, flipped, garbage.
        let raw = b64d(s).unwrap();
        let truncated = format!("{h}..{}", b64e(&raw[..63]));
        assert_eq!(
            with(&|v| v["signature"] = json!(truncated)),
            "envelope.signature"
        );
        let short_text = format!("{h}..{}", &s[..s.len() - 2]);
        assert_eq!(
            with(&|v| v["signature"] = json!(short_text)),
            "envelope.signature"
        );
        let mut longer = raw.clone();
        longer.push(0);
        let extended = format!("{h}..{}", b64e(&longer));
        assert_eq!(
            with(&|v| v["signature"] = json!(extended)),
            "envelope.signature"
        );
        let mut flipped = raw.clone();
        flipped[10] ^= 0x80;
        let flipped = format!("{h}..{}", b64e(&flipped));
        assert_eq!(
            with(&|v| v["signature"] = json!(flipped)),
            "envelope.signature"
        );
        let garbage = format!("{h}..!!!!");
        assert_eq!(
            with(&|v| v["signature"] = json!(garbage)),
            "envelope.signature"
        );
        // Member order and whitespace are not signed (JCS), so re-serializing is fine.
        let pretty = serde_json::to_vec_pretty(&good).unwrap();
        assert_eq!(fx.code(&pretty), "ok");
    }
}

#[test]
fn wrong_sender() {
    let fx = Fx::new();
    // Signed by another participant's (trusted) key while claiming to be from the sender.
    assert_eq!(
        fx.code(&fx.seal_with(&fx.draft(), &fx.other)),
        "envelope.wrong_sender"
    );
    // The other participant's own envelopes are fine.
    let d = Draft {
        from: fx.other_id.clone(),
        ..fx.draft()
    };
    assert_eq!(fx.code(&fx.seal_with(&d, &fx.other)), "ok");
}

#[test]
fn key_validity_window() {
    let fx = Fx::new();
    let mut trust = TrustStore::new();
    let key = TrustedKey::new(
        fx.ed.public_key().to_jwk(),
        ts("2025-06-01T12:00:00Z"),
        ts("2025-06-01T13:00:00Z"),
    )
    .unwrap();
    trust.add_key(&fx.sender, key).unwrap();
    let at = |issued: &str, expires: &str, now: &str| {
        let d = Draft {
            issued_at: ts(issued),
            expires_at: ts(expires),
            ..fx.draft()
        };
        let opts = OpenOptions {
            now: Some(ts(now).to_utc()),
            ..fx.open_opts()
        };
        open(&fx.seal_with(&d, &fx.ed), &trust, &opts)
            .map(|_| "ok")
            .unwrap_or_else(|e| e.code())
    };
    // Before notBefore.
    assert_eq!(
        at(
            "2025-06-01T11:59:59Z",
            "2025-06-01T14:00:00Z",
            "2025-06-01T12:00:00Z"
        ),
        "envelope.key_not_valid"
    );
    // notBefore inclusive.
    assert_eq!(
        at(
            "2025-06-01T12:00:00Z",
            "2025-06-01T14:00:00Z",
            "2025-06-01T12:00:00Z"
        ),
        "ok"
    );
    // notAfter exclusive.
    assert_eq!(
        at(
            "2025-06-01T13:00:00Z",
            "2025-06-01T14:00:00Z",
            "2025-06-01T13:00:00Z"
        ),
        "envelope.key_not_valid"
    );
    // Issued inside the window, opened after notAfter while unexpired: accepted (rotation overlap).
    assert_eq!(
        at(
            "2025-06-01T12:59:00Z",
            "2025-06-01T14:00:00Z",
            "2025-06-01T13:30:00Z"
        ),
        "ok"
    );
}

#[test]
fn revoked_keys() {
    let fx = Fx::new();
    let revoked_at = |at: &str| {
        let mut trust = fx.trust.clone();
        trust.revoke(fx.ed.kid(), ts(at)).unwrap();
        open(&fx.sealed(), &trust, &fx.open_opts())
            .map(|_| "ok")
            .unwrap_or_else(|e| e.code())
    };
    // issuedAt = 11:55Z, now = 12:00Z.
    assert_eq!(
        revoked_at("2025-06-01T11:00:00Z"),
        "envelope.key_revoked",
        "revoked before issue"
    );
    assert_eq!(
        revoked_at("2025-06-01T11:55:00Z"),
        "envelope.key_revoked",
        "revoked at issue"
    );
    assert_eq!(
        revoked_at("2025-06-01T11:58:00Z"),
        "envelope.key_revoked",
        "revoked after issue, before now"
    );
    assert_eq!(
        revoked_at("2025-06-01T12:00:00Z"),
        "envelope.key_revoked",
        "revoked exactly now"
    );
    assert_eq!(
        revoked_at("2025-06-01T12:30:00Z"),
        "ok",
        "scheduled revocation"
    );
}

#[test]
fn issued_in_the_future() {
    let fx = Fx::new();
    let at = |issued: &str, skew: Duration| {
        let d = Draft {
            issued_at: ts(issued),
            expires_at: ts("2025-06-01T14:00:00Z"),
            ..fx.draft()
        };
        let opts = OpenOptions {
            clock_skew: skew,
            ..fx.open_opts()
        };
        open(&fx.seal_with(&d, &fx.ed), &fx.trust, &opts)
            .map(|_| "ok")
            .unwrap_or_else(|e| e.code())
    };
    // now = 12:00Z, default skew 5 minutes.
    assert_eq!(at("2025-06-01T12:04:59Z", Duration::minutes(5)), "ok");
    assert_eq!(at("2025-06-01T12:05:00Z", Duration::minutes(5)), "ok");
    assert_eq!(
        at("2025-06-01T12:05:01Z", Duration::minutes(5)),
        "envelope.not_yet_valid"
    );
    assert_eq!(
        at("2025-06-01T21:30:00+09:00", Duration::minutes(5)),
        "envelope.not_yet_valid"
    );
    assert_eq!(
        at("2025-06-01T12:00:01Z", Duration::zero()),
        "envelope.not_yet_valid"
    );
    assert_eq!(OpenOptions::default().clock_skew, Duration::minutes(5));
}

#[test]
fn expired() {
    let fx = Fx::new();
    let at = |expires: &str| {
        let d = Draft {
            expires_at: ts(expires),
            ..fx.draft()
        };
        fx.code(&fx.seal_with(&d, &fx.ed))
    };
    assert_eq!(at("2025-06-01T11:59:59Z"), "envelope.expired");
    assert_eq!(at("2025-06-01T12:00:00Z"), "envelope.expired");
    assert_eq!(at("2025-06-01T12:00:01Z"), "ok");
}

#[test]
fn wrong_recipient() {
    let fx = Fx::new();
    let d = Draft {
        to: fx.other_id.clone(),
        ..fx.draft()
    };
    let bytes = fx.seal_with(&d, &fx.ed);
    assert_eq!(fx.code(&bytes), "envelope.wrong_recipient");
    let anyone = OpenOptions {
        receiver: None,
        ..fx.open_opts()
    };
    assert!(open(&bytes, &fx.trust, &anyone).is_ok());
}

#[test]
fn type_not_allowed() {
    let fx = Fx::new();
    // other_id may only send test.echo.
    let d = Draft {
        from: fx.other_id.clone(),
        message_type: "test.other".into(),
        ..fx.draft()
    };
    assert_eq!(
        fx.code(&fx.seal_with(&d, &fx.other)),
        "envelope.type_not_allowed"
    );
    // The sender has no restriction.
    let d = Draft {
        message_type: "test.other".into(),
        ..fx.draft()
    };
    assert_eq!(fx.code(&fx.seal_with(&d, &fx.ed)), "ok");
}

#[test]
fn replay() {
    let fx = Fx::new();
    let guard = ReplayGuard::new();
    let opts = OpenOptions {
        replay_guard: Some(&guard),
        ..fx.open_opts()
    };
    let bytes = fx.sealed();
    assert!(open(&bytes, &fx.trust, &opts).is_ok());
    assert_eq!(
        open(&bytes, &fx.trust, &opts).unwrap_err().code(),
        "envelope.replayed"
    );
    // Re-serialized (different bytes, same id) is still a replay.
    let pretty = serde_json::to_vec_pretty(&to_value(&bytes)).unwrap();
    assert_eq!(
        open(&pretty, &fx.trust, &opts).unwrap_err().code(),
        "envelope.replayed"
    );
    // A failed open does not consume the id.
    let fresh = fx.sealed();
    let wrong_to = OpenOptions {
        receiver: Some(&fx.other_id),
        ..opts
    };
    assert!(open(&fresh, &fx.trust, &wrong_to).is_err());
    assert!(open(&fresh, &fx.trust, &opts).is_ok());
    assert_eq!(guard.len(), 2);
    let full = ReplayGuard::with_capacity(0);
    let opts = OpenOptions {
        replay_guard: Some(&full),
        ..fx.open_opts()
    };
    assert_eq!(
        open(&fx.sealed(), &fx.trust, &opts).unwrap_err().code(),
        "envelope.replay_full"
    );
}

#[test]
fn unknown_type_and_invalid_payload() {
    let fx = Fx::new();
    let unknown = Draft {
        message_type: "test.unknown".into(),
        ..fx.draft()
    };
    let lax = SealOptions {
        allow_unknown_types: true,
        ..fx.seal_opts()
    };
    let bytes = seal_draft(&unknown, &json!({}), &fx.ed, &lax)
        .unwrap()
        .to_json_bytes();
    assert_eq!(fx.code(&bytes), "envelope.unknown_type");
    let allow = OpenOptions {
        allow_unknown_types: true,
        ..fx.open_opts()
    };
    assert!(open(&bytes, &fx.trust, &allow).is_ok());

    let forced = SealOptions {
        force: true,
        ..fx.seal_opts()
    };
    let bytes = seal_draft(&fx.draft(), &json!({"n": "one"}), &fx.ed, &forced)
        .unwrap()
        .to_json_bytes();
    let err = fx.open(&bytes).unwrap_err();
    assert_eq!(err.code(), "envelope.payload_invalid");
    assert!(err.report().unwrap().has_at("test.n.missing", "/n"));
    let as_json = serde_json::to_value(&err).unwrap();
    assert_eq!(as_json["code"], "envelope.payload_invalid");
    assert_eq!(as_json["report"]["issues"][0]["code"], "test.n.missing");
    // allow_unknown_types never skips the validator of a known type.
    assert_eq!(
        open(&bytes, &fx.trust, &allow).unwrap_err().code(),
        "envelope.payload_invalid"
    );
}

#[test]
fn seal_refusals() {
    let fx = Fx::new();
    let so = fx.seal_opts();
    let code =
        |d: &Draft, p: Value, o: &SealOptions<'_>| seal_draft(d, &p, &fx.ed, o).unwrap_err().code();
    let e = seal_draft(&fx.draft(), &json!({"x": 1}), &fx.ed, &so).unwrap_err();
    assert_eq!(e.code(), "envelope.payload_invalid");
    assert!(e.report().unwrap().has("test.n.missing"));
    let unknown = Draft {
        message_type: "test.unknown".into(),
        ..fx.draft()
    };
    assert_eq!(code(&unknown, json!({}), &so), "envelope.unknown_type");
    // force does not allow unknown types.
    assert_eq!(
        code(&unknown, json!({}), &SealOptions { force: true, ..so }),
        "envelope.unknown_type"
    );
    assert_eq!(code(&fx.draft(), json!([1]), &so), "envelope.structure");
    assert_eq!(
        code(
            &Draft {
                message_type: "X".into(),
                ..fx.draft()
            },
            json!({"n": 1}),
            &so
        ),
        "envelope.structure"
    );
    assert_eq!(
        code(
            &Draft {
                id: uuid::Uuid::nil(),
                ..fx.draft()
            },
            json!({"n": 1}),
            &so
        ),
        "envelope.structure"
    );
    let d = fx.draft();
    assert_eq!(
        code(
            &Draft {
                expires_at: d.issued_at,
                ..d.clone()
            },
            json!({"n": 1}),
            &so
        ),
        "envelope.structure"
    );
    assert_eq!(
        code(&d, json!({"n": 9_007_199_254_740_993u64}), &so),
        "envelope.canon"
    );
    // The default options know no test types.
    let e = seal(
        &json!({}),
        "test.echo",
        &fx.sender,
        &fx.receiver,
        Duration::hours(1),
        &fx.ed,
        &SealOptions::default(),
    );
    assert_eq!(e.unwrap_err().code(), "envelope.unknown_type");
}

#[test]
fn seal_now_opens_now() {
    let fx = Fx::new();
    let mut trust = TrustStore::new();
    let now = Utc::now().fixed_offset();
    trust
        .add_key(
            &fx.sender,
            TrustedKey::new(
                fx.ec.public_key().to_jwk(),
                now - Duration::hours(1),
                now + Duration::hours(1),
            )
            .unwrap(),
        )
        .unwrap();
    let env = seal(
        &json!({"n": 1}),
        "test.echo",
        &fx.sender,
        &fx.receiver,
        Duration::minutes(1),
        &fx.ec,
        &fx.seal_opts(),
    )
    .unwrap();
    let opts = OpenOptions {
        now: None,
        ..fx.open_opts()
    };
    assert!(open(&env.to_json_bytes(), &trust, &opts).is_ok());
    assert!(env.issued_at().timestamp_subsec_nanos() == 0);
    assert!(format!("{env:?}").contains("test.echo"));
    assert!(!format!("{env:?}").contains("山田"));
}

#[test]
fn errors_never_echo_input() {
    let fx = Fx::new();
    let mut v = to_value(&fx.sealed());
    v["from"] = json!("hub:SECRET-VALUE");
    let e = fx.open(&to_bytes(&v)).unwrap_err();
    assert!(!e.to_string().contains("SECRET"), "{e}");
    let mut v = to_value(&fx.sealed());
    v["payload"]["name"] = json!("SECRET");
    let e = fx.open(&to_bytes(&v)).unwrap_err();
    assert!(!e.to_string().contains("SECRET") && !format!("{e:?}").contains("SECRET"));
}

#[test]
fn mutated_inputs_never_panic() {
    let fx = Fx::new();
    let bytes = fx.sealed();
    let guard = ReplayGuard::new();
    let opts = OpenOptions {
        replay_guard: Some(&guard),
        ..fx.open_opts()
    };
    let mut accepted = 0;
    for i in 0..bytes.len() {
        for b in [b'"', b'{', b'0', b'.', 0xff, b'\\'] {
            let mut m = bytes.clone();
            m[i] = b;
            if open(&m, &fx.trust, &opts).is_ok() {
                accepted += 1;
            }
        }
        let _ = open(&bytes[..i], &fx.trust, &opts);
    }
    // Only whitespace-equivalent mutations could pass; none of these are.
    assert!(accepted <= 1, "{accepted}");
}

#[test]
fn batch_open_and_seal_preserve_order() {
    use super::batch::{open_many, open_ndjson, seal_ndjson, Route};
    let fx = Fx::new();
    let good: Vec<Vec<u8>> = (0..50).map(|_| fx.sealed()).collect();
    let mut inputs = good.clone();
    inputs.insert(7, b"{}".to_vec());
    let results = open_many(&inputs, &fx.trust, &fx.open_opts());
    assert_eq!(results.len(), 51);
    assert_eq!(
        results[7].as_ref().unwrap_err().code(),
        "envelope.structure"
    );
    assert_eq!(
        results[8].as_ref().unwrap().id(),
        to_value(&good[7])["id"]
            .as_str()
            .unwrap()
            .parse::<uuid::Uuid>()
            .unwrap()
    );

    // NDJSON, chunk size 4 so several chunks run; a bad line in the middle.
    let mut ndjson = Vec::new();
    for (i, g) in good.iter().enumerate() {
        if i == 10 {
            ndjson.extend_from_slice(b"garbage\r\n\n");
        }
        ndjson.extend_from_slice(g);
        ndjson.push(b'\n');
    }
    let guard = ReplayGuard::new();
    let opts = OpenOptions {
        replay_guard: Some(&guard),
        ..fx.open_opts()
    };
    let mut out = Vec::new();
    let s = open_ndjson(&ndjson[..], &mut out, &fx.trust, &opts, 4).unwrap();
    assert_eq!((s.lines, s.ok, s.failed), (51, 50, 1));
    let lines: Vec<Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(to_value)
        .collect();
    assert_eq!(lines.len(), 51);
    assert_eq!(lines[10]["ok"], false);
    assert_eq!(lines[10]["line"], 11);
    assert_eq!(lines[10]["error"]["code"], "envelope.json");
    assert_eq!(lines[11]["line"], 13, "blank line 12 skipped but counted");
    assert_eq!(lines[11]["envelope"]["id"], to_value(&good[10])["id"]);
    // Replaying the whole stream fails every line.
    let mut out2 = Vec::new();
    let s = open_ndjson(&ndjson[..], &mut out2, &fx.trust, &opts, 1024).unwrap();
    assert_eq!(s.ok, 0);

    // Oversize line is skipped, not buffered, and the rest still opens.
    let small = OpenOptions {
        limits: Limits {
            max_bytes: good[0].len() + 1,
            max_depth: 64,
        },
        ..fx.open_opts()
    };
    let mut input = vec![b'x'; good[0].len() * 3];
    input.push(b'\n');
    input.extend_from_slice(&good[0]);
    let mut out3 = Vec::new();
    let s = open_ndjson(&input[..], &mut out3, &fx.trust, &small, 2).unwrap();
    assert_eq!((s.ok, s.failed), (1, 1));
    assert!(String::from_utf8(out3)
        .unwrap()
        .contains("envelope.too_large"));

    // Seal a stream, then open the result.
    let route = Route {
        message_type: "test.echo",
        from: &fx.sender,
        to: &fx.receiver,
        ttl: Duration::hours(1),
    };
    let payloads = "{\"n\":1}\n{\"x\":1}\n[1]\n{\"n\":3}\n";
    let mut sealed = Vec::new();
    let s = seal_ndjson(
        payloads.as_bytes(),
        &mut sealed,
        &route,
        &fx.ec,
        &fx.seal_opts(),
        2,
    )
    .unwrap();
    assert_eq!((s.ok, s.failed), (2, 2));
    let lines: Vec<Value> = sealed
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(to_value)
        .collect();
    assert_eq!(lines[1]["error"]["code"], "envelope.payload_invalid");
    assert_eq!(lines[2]["error"]["code"], "envelope.structure");
    assert_eq!(lines[3]["payload"]["n"], 3);
    let mut trust = TrustStore::new();
    let now = Utc::now().fixed_offset();
    trust
        .add_key(
            &fx.sender,
            TrustedKey::new(
                fx.ec.public_key().to_jwk(),
                now - Duration::hours(1),
                now + Duration::hours(1),
            )
            .unwrap(),
        )
        .unwrap();
    let opts = OpenOptions {
        now: None,
        ..fx.open_opts()
    };
    let mut opened = Vec::new();
    let s = open_ndjson(&sealed[..], &mut opened, &trust, &opts, 3).unwrap();
    assert_eq!((s.ok, s.failed), (2, 2));
}

#[test]
fn timestamps_are_strict_rfc3339() {
    for ok in [
        "2025-06-01T12:00:00Z",
        "2025-06-01T12:00:00+09:00",
        "2025-06-01T12:00:00.123456789-05:30",
    ] {
        assert!(parse_timestamp(ok).is_some(), "{ok}");
    }
    for bad in [
        "2025-06-01T12:00:00",
        "2025-06-01 12:00:00Z",
        "2025-06-01t12:00:00z",
        "2025-06-01T12:00:00.Z",
        "2025-06-01T12:00:00.1234567890Z",
        "2025-06-01T12:00:00+0900",
        "2025-06-01T25:00:00Z",
        "2025-02-30T12:00:00Z",
        "２０２５-06-01T12:00:00Z",
        "",
    ] {
        assert!(parse_timestamp(bad).is_none(), "{bad}");
    }
}

#[test]
fn verified_payload_is_only_on_verified() {
    // Compile-time property, documented here: `Envelope` has no payload accessor;
    // `Verified<Envelope>` does. This test just exercises the accessors.
    let fx = Fx::new();
    let v = fx.open(&fx.sealed()).unwrap();
    let inner: &Envelope = v.get();
    assert_eq!(inner.payload_value(), v.payload());
    let env = v.into_inner();
    assert_eq!(env.to_json_value()["payload"]["n"], 1);
    let _ = (&fx.other, &fx.other_id);
}

/// Sealing writes the JCS signing input member by member: it must equal the
/// RFC 8785 form of the whole envelope without `signature`, whatever the
/// payload holds (keys that sort differently in UTF-16 and code points,
/// escapes, numbers, nesting), and the text must parse back to the same value.
#[test]
fn sealed_signing_input_is_the_jcs_of_the_envelope() {
    let key = rfc8037_key();
    let payloads = [
        json!({}),
        json!({"\u{e000}": 1, "\u{1f600}": 2, "a": [1.5, -0.0, 1e21, "\"\\\n\u{1}"], "B": {"z": null, "y": true}}),
        json!({"certificates": [{"name": "山田 太郎", "n": 9007199254740991_i64, "x": 0.1}]}),
    ];
    for payload in payloads {
        let draft = Draft {
            id: "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
            message_type: "test.payload".into(),
            from: ParticipantId::parse("hub:a").unwrap(),
            to: ParticipantId::parse("hub:b").unwrap(),
            issued_at: ts("2025-04-01T09:00:00+09:00"),
            expires_at: ts("2025-04-01T10:00:00+09:00"),
        };
        let options = SealOptions {
            allow_unknown_types: true,
            ..SealOptions::default()
        };
        let sealed = seal_draft(&draft, &payload, &key, &options).unwrap();
        let value = to_value(&sealed.to_json_bytes());
        assert_eq!(value["payload"], payload);
        assert_eq!(sealed.to_json_value(), value);
        // Re-signing the parsed envelope the slow way gives the same bytes (Ed25519 is deterministic).
        let again = resign(&value, &header_for(&key), &key);
        assert_eq!(to_value(&again)["signature"], value["signature"]);
        assert_eq!(sealed.signature(), value["signature"].as_str().unwrap());
    }
}
