//! Envelopes: `seal` and `open` next to raw ring signing and verification on
//! the same key and the same number of signed bytes, so the cost of the
//! envelope machinery (JCS, base64url, JSON parsing, policy) is visible.
//!
//! Keys are fixed (RFC 8032 TEST 1 for Ed25519, RFC 7515 A.3 for P-256), so
//! runs are comparable; ECDSA signatures are randomized, so each run verifies
//! one signature made at start-up.

use chrono::{DateTime, Duration};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pmh_core::envelope::batch::open_many;
use pmh_core::envelope::{
    open, seal_draft, Algorithm, Draft, OpenOptions, ParticipantId, SealOptions, SigningKey,
    TrustStore, TrustedKey,
};
use ring::rand::SystemRandom;
use ring::signature::{
    EcdsaKeyPair, Ed25519KeyPair, UnparsedPublicKey, ECDSA_P256_SHA256_FIXED,
    ECDSA_P256_SHA256_FIXED_SIGNING, ED25519,
};
use serde_json::{json, Value};
use std::hint::black_box;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// base64url decoding (the bench avoids an extra dependency for three constants).
fn b64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        acc = (acc << 6) | u32::from(value(c));
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// PKCS#8 documents for the fixed keys.
fn fixed_pkcs8(alg: Algorithm) -> Vec<u8> {
    match alg {
        Algorithm::EdDSA => {
            let mut der = hex("302e020100300506032b657004220420");
            der.extend(hex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            ));
            der
        }
        Algorithm::ES256 => {
            // RFC 5915 ECPrivateKey inside PKCS#8, the template ring itself writes.
            let mut der =
                hex("308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420");
            der.extend(b64("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"));
            der.extend(hex("a144034200"));
            der.push(0x04);
            der.extend(b64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"));
            der.extend(b64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"));
            der
        }
    }
}

/// A realistic ~1 KiB payload: a few subsidy certificate-like records.
fn payload() -> Value {
    let records: Vec<Value> = (0..4)
        .map(|i| {
            json!({
                "payerNumber": "88134457", "recipientNumber": "1234566",
                "name": "山田 太郎", "kana": "ヤマダ タロウ", "birthDate": "2015-04-01",
                "validFrom": "2025-04-01", "validTo": "2026-03-31", "copaymentCap": 2500 + i,
                "institutions": ["3618010015"], "note": "bench record"
            })
        })
        .collect();
    json!({ "certificates": records })
}

fn bench_envelope(c: &mut Criterion) {
    let from = ParticipantId::parse("municipality:131016").unwrap();
    let to = ParticipantId::parse("hub:pmh").unwrap();
    let draft = Draft {
        id: "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
        message_type: "bench.payload".into(),
        from: from.clone(),
        to: to.clone(),
        issued_at: DateTime::parse_from_rfc3339("2025-04-01T09:00:00+09:00").unwrap(),
        expires_at: DateTime::parse_from_rfc3339("2025-04-01T10:00:00+09:00").unwrap(),
    };
    let payload = payload();
    let seal_options = SealOptions {
        allow_unknown_types: true,
        ..SealOptions::default()
    };
    let open_options = OpenOptions {
        now: Some(
            DateTime::parse_from_rfc3339("2025-04-01T09:30:00+09:00")
                .unwrap()
                .to_utc(),
        ),
        receiver: Some(&to),
        allow_unknown_types: true,
        ..OpenOptions::default()
    };
    let rng = SystemRandom::new();

    for alg in [Algorithm::EdDSA, Algorithm::ES256] {
        let pkcs8 = fixed_pkcs8(alg);
        let key = SigningKey::from_pkcs8_der(&pkcs8).unwrap();
        let mut trust = TrustStore::new();
        let nb = draft.issued_at - Duration::days(1);
        trust
            .add_key(
                &from,
                TrustedKey::new(key.public_key().to_jwk(), nb, nb + Duration::days(365)).unwrap(),
            )
            .unwrap();

        let envelope = seal_draft(&draft, &payload, &key, &seal_options).unwrap();
        let bytes = envelope.to_json_bytes();
        assert!(open(&bytes, &trust, &open_options).is_ok());
        // Raw ring on a message as long as the envelope's JWS signing input.
        let header_len = envelope.signature().split("..").next().unwrap().len();
        let jcs_len = pmh_core::canon::canonicalize(&{
            let mut v = envelope.to_json_value();
            v.as_object_mut().unwrap().remove("signature");
            v
        })
        .unwrap()
        .len();
        let message = vec![b'a'; header_len + 1 + jcs_len.div_ceil(3) * 4];
        let public = key.public_key().as_bytes().to_vec();

        let mut g = c.benchmark_group(format!("envelope {alg} ({} B envelope)", bytes.len()));
        g.throughput(Throughput::Elements(1));
        match alg {
            Algorithm::EdDSA => {
                let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8).unwrap();
                let sig = pair.sign(&message);
                g.bench_function("ring sign (raw)", |b| {
                    b.iter(|| black_box(pair.sign(black_box(&message))))
                });
                g.bench_function("ring verify (raw)", |b| {
                    let pk = UnparsedPublicKey::new(&ED25519, &public);
                    b.iter(|| black_box(pk.verify(black_box(&message), sig.as_ref())))
                });
            }
            Algorithm::ES256 => {
                let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8, &rng)
                    .unwrap();
                let sig = pair.sign(&rng, &message).unwrap();
                g.bench_function("ring sign (raw)", |b| {
                    b.iter(|| black_box(pair.sign(&rng, black_box(&message))))
                });
                g.bench_function("ring verify (raw)", |b| {
                    let pk = UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &public);
                    b.iter(|| black_box(pk.verify(black_box(&message), sig.as_ref())))
                });
            }
        }
        g.bench_function("seal", |b| {
            b.iter(|| {
                black_box(seal_draft(
                    black_box(&draft),
                    black_box(&payload),
                    &key,
                    &seal_options,
                ))
            })
        });
        g.bench_function("open", |b| {
            b.iter(|| black_box(open(black_box(&bytes), &trust, &open_options)))
        });
        g.finish();

        // Parallel batch: 1024 envelopes on all cores vs one by one.
        let batch: Vec<Vec<u8>> = (0..1024).map(|_| bytes.clone()).collect();
        let mut g = c.benchmark_group(format!("envelope {alg} batch"));
        g.throughput(Throughput::Elements(batch.len() as u64));
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("open", "sequential"), |b| {
            b.iter(|| {
                batch
                    .iter()
                    .filter(|e| open(e, &trust, &open_options).is_ok())
                    .count()
            })
        });
        g.bench_function(BenchmarkId::new("open", "open_many (rayon)"), |b| {
            b.iter(|| black_box(open_many(black_box(&batch), &trust, &open_options)))
        });
        g.finish();
    }
}

/// 100,000 envelopes (a small `subsidy.copayment.record` payload each):
/// one thread vs all cores, for sealing and for opening.
fn bench_batch_100k(c: &mut Criterion) {
    use pmh_core::envelope::batch::{seal_many, Route};
    const N: usize = 100_000;
    let from = ParticipantId::parse("institution:3618010015").unwrap();
    let to = ParticipantId::parse("hub:pmh").unwrap();
    let key = SigningKey::from_pkcs8_der(&fixed_pkcs8(Algorithm::EdDSA)).unwrap();
    let now = chrono::Utc::now().fixed_offset();
    let mut trust = TrustStore::new();
    trust
        .add_key(
            &from,
            TrustedKey::new(
                key.public_key().to_jwk(),
                now - Duration::days(1),
                now + Duration::days(1),
            )
            .unwrap(),
        )
        .unwrap();
    let payloads: Vec<Value> = (0..N)
        .map(|i| {
            json!({"payerNumber": "54136015", "month": "2024-05", "entry": {
                "id": format!("v-{i}"), "date": "2024-05-10", "institutionCode": "3618010015",
                "setting": "outpatient", "totalCost": 30000, "copayDue": 6000, "charged": 6000}})
        })
        .collect();
    let route = Route {
        message_type: "subsidy.copayment.record",
        from: &from,
        to: &to,
        ttl: Duration::hours(1),
    };
    let options = SealOptions::default();
    let envelopes: Vec<Vec<u8>> = seal_many(&payloads, &route, &key, &options)
        .into_iter()
        .map(|e| e.unwrap().to_json_bytes())
        .collect();
    let open_options = OpenOptions {
        receiver: Some(&to),
        ..OpenOptions::default()
    };
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();

    let mut g = c.benchmark_group("envelope EdDSA batch 100k");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(10);
    g.bench_function(BenchmarkId::new("seal_many", "1 thread"), |b| {
        b.iter(|| one_thread.install(|| black_box(seal_many(&payloads, &route, &key, &options))))
    });
    g.bench_function(BenchmarkId::new("seal_many", "all cores"), |b| {
        b.iter(|| black_box(seal_many(&payloads, &route, &key, &options)))
    });
    g.bench_function(BenchmarkId::new("open_many", "1 thread"), |b| {
        b.iter(|| one_thread.install(|| black_box(open_many(&envelopes, &trust, &open_options))))
    });
    g.bench_function(BenchmarkId::new("open_many", "all cores"), |b| {
        b.iter(|| black_box(open_many(&envelopes, &trust, &open_options)))
    });
    g.finish();
}

criterion_group!(benches, bench_envelope, bench_batch_100k);
criterion_main!(benches);
