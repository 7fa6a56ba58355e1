//! The C ABI's overhead: `pmh_envelope_seal` / `pmh_envelope_open` (the
//! `extern "C"` functions of libpmh, called from Rust exactly as C calls them)
//! next to the pmh-core Rust API on the same inputs, in the same run.
//!
//! Both sides do the same work from the same bytes: the Rust side parses the
//! payload and the participant ids, seals, and writes the envelope's JSON;
//! the C side adds what the boundary costs (pointer and UTF-8 checks, the
//! panic boundary, the last error, copying the result into a C string and
//! freeing it). For `open`, `pmh_envelope_open` also writes its result
//! (`{"kid","alg","envelope"}`) as JSON, so the Rust side is measured both
//! without ("open") and with ("open+json") that serialization.
//!
//! The key is fixed (RFC 8032 TEST 1), so runs are comparable. Goal: the C
//! ABI within 10% of the Rust API.

use std::ffi::c_char;
use std::hint::black_box;
use std::ptr;

use chrono::Duration;
use criterion::{criterion_group, criterion_main, Criterion};
use libpmh::envelope::{
    pmh_envelope_open, pmh_envelope_seal, pmh_signing_key, pmh_signing_key_free,
    pmh_signing_key_from_pkcs8, pmh_trust_store, pmh_trust_store_free, pmh_trust_store_from_json,
};
use libpmh::pmh_status;
use libpmh::string::pmh_string_free;
use pmh_core::envelope::{
    open, seal, Algorithm, OpenOptions, ParticipantId, SealOptions, SigningKey, TrustStore,
};
use serde_json::{json, Value};

const MESSAGE_TYPE: &str = "subsidy.certificate.register";
const FROM: &str = "hub:pmh";
const TO: &str = "institution:3618010015";
const TTL_SECONDS: u32 = 3600;

/// RFC 8032 TEST 1 as PKCS#8 (DER).
fn pkcs8() -> Vec<u8> {
    let hex = "302e020100300506032b657004220420\
               9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// A `subsidy.certificate.register` payload with the first sample
/// certificate (about 1 KiB; validated on seal and on open).
fn payload() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/subsidy/certificates.json"
    );
    let samples: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    serde_json::to_vec(&json!({"certificates": [samples[0].clone()]})).unwrap()
}

/// A C string returned by pmh, copied and freed.
fn take(p: *mut c_char) -> String {
    // SAFETY: `p` is a NUL-terminated string pmh returned with PMH_OK.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .unwrap()
        .to_owned();
    pmh_string_free(p);
    s
}

fn c_seal(key: *const pmh_signing_key, payload: &[u8]) -> (*mut c_char, usize) {
    let (mut out, mut len): (*mut c_char, usize) = (ptr::null_mut(), 0);
    let status = pmh_envelope_seal(
        key,
        MESSAGE_TYPE.as_ptr(),
        MESSAGE_TYPE.len(),
        FROM.as_ptr(),
        FROM.len(),
        TO.as_ptr(),
        TO.len(),
        payload.as_ptr(),
        payload.len(),
        TTL_SECONDS,
        0,
        &mut out,
        &mut len,
    );
    assert_eq!(status, pmh_status::PMH_OK);
    (out, len)
}

fn c_open(trust: *const pmh_trust_store, envelope: &[u8]) -> (*mut c_char, usize) {
    let (mut out, mut len): (*mut c_char, usize) = (ptr::null_mut(), 0);
    let status = pmh_envelope_open(
        trust,
        ptr::null(),
        TO.as_ptr(),
        TO.len(),
        envelope.as_ptr(),
        envelope.len(),
        0,
        &mut out,
        &mut len,
    );
    assert_eq!(status, pmh_status::PMH_OK);
    (out, len)
}

fn rust_seal(key: &SigningKey, payload: &[u8]) -> String {
    let value: Value = serde_json::from_slice(payload).unwrap();
    let from = ParticipantId::parse(FROM).unwrap();
    let to = ParticipantId::parse(TO).unwrap();
    let ttl = Duration::seconds(i64::from(TTL_SECONDS));
    seal(
        &value,
        MESSAGE_TYPE,
        &from,
        &to,
        ttl,
        key,
        &SealOptions::default(),
    )
    .unwrap()
    .to_json_string()
}

fn bench_ffi(c: &mut Criterion) {
    let der = pkcs8();
    let payload = payload();

    // The same key on both sides.
    let rust_key = SigningKey::from_pkcs8(&der).unwrap();
    let mut c_key: *mut pmh_signing_key = ptr::null_mut();
    assert_eq!(
        pmh_signing_key_from_pkcs8(der.as_ptr(), der.len(), &mut c_key),
        pmh_status::PMH_OK
    );
    assert_eq!(rust_key.algorithm(), Algorithm::EdDSA);

    // One trust store document, loaded by both sides.
    let trust_json = json!({"participants": [{"id": FROM, "types": [MESSAGE_TYPE], "keys": [{
        "kid": rust_key.kid(), "alg": "EdDSA", "jwk": rust_key.public_key().to_jwk().to_value(),
        "notBefore": "2000-01-01T00:00:00Z", "notAfter": "2100-01-01T00:00:00Z"}]}]})
    .to_string();
    let rust_trust = TrustStore::from_json(trust_json.as_bytes()).unwrap();
    let mut c_trust: *mut pmh_trust_store = ptr::null_mut();
    assert_eq!(
        pmh_trust_store_from_json(trust_json.as_ptr(), trust_json.len(), &mut c_trust),
        pmh_status::PMH_OK
    );

    // One envelope, opened by both sides.
    let envelope = rust_seal(&rust_key, &payload).into_bytes();
    let to = ParticipantId::parse(TO).unwrap();
    let (opened, _) = c_open(c_trust, &envelope);
    let c_result: Value = serde_json::from_str(&take(opened)).unwrap();
    let verified = open(
        &envelope,
        &rust_trust,
        &OpenOptions {
            receiver: Some(&to),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    assert_eq!(c_result["envelope"], verified.to_json_value());

    let mut g = c.benchmark_group("ffi/seal");
    g.bench_function("rust", |b| {
        b.iter(|| black_box(rust_seal(black_box(&rust_key), black_box(&payload))))
    });
    g.bench_function("c_abi", |b| {
        b.iter(|| {
            let (out, len) = c_seal(black_box(c_key), black_box(&payload));
            black_box(len);
            pmh_string_free(out);
        })
    });
    g.finish();

    let mut g = c.benchmark_group("ffi/open");
    g.bench_function("rust", |b| {
        b.iter(|| {
            let to = ParticipantId::parse(black_box(TO)).unwrap();
            let options = OpenOptions {
                receiver: Some(&to),
                ..OpenOptions::default()
            };
            black_box(open(black_box(&envelope), &rust_trust, &options).unwrap())
        })
    });
    g.bench_function("rust+json", |b| {
        b.iter(|| {
            let to = ParticipantId::parse(black_box(TO)).unwrap();
            let options = OpenOptions {
                receiver: Some(&to),
                ..OpenOptions::default()
            };
            let v = open(black_box(&envelope), &rust_trust, &options).unwrap();
            let result = json!({
                "kid": v.kid(),
                "alg": v.algorithm().as_str(),
                "envelope": v.to_json_value(),
            });
            black_box(result.to_string())
        })
    });
    g.bench_function("c_abi", |b| {
        b.iter(|| {
            let (out, len) = c_open(black_box(c_trust), black_box(&envelope));
            black_box(len);
            pmh_string_free(out);
        })
    });
    g.finish();

    pmh_trust_store_free(c_trust);
    pmh_signing_key_free(c_key);
}

criterion_group!(benches, bench_ffi);
criterion_main!(benches);
