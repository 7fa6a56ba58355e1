//! Subsidy certificate validation throughput, next to its baseline in the
//! same run: parsing the same certificate with serde_json (the least any
//! consumer of the JSON pays). Goal: over 500,000 certificates per second
//! per core for `validate_certificate` on a parsed value.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pmh_core::subsidy::{validate_certificate, ValidationOptions};
use serde_json::Value;
use std::hint::black_box;

const SAMPLES: &str = include_str!("../samples/subsidy/certificates.json");

fn bench_certificates(c: &mut Criterion) {
    let certs: Vec<Value> = serde_json::from_str(SAMPLES).expect("samples");
    let valid = certs[0].clone();
    let text = serde_json::to_string(&valid).unwrap();
    let options = ValidationOptions::default();

    let mut g = c.benchmark_group("subsidy certificate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("baseline: serde_json parse", |b| {
        b.iter(|| black_box(serde_json::from_str::<Value>(black_box(&text)).unwrap()))
    });
    g.bench_function("validate_certificate (valid, parsed)", |b| {
        b.iter(|| black_box(validate_certificate(black_box(&valid), &options)))
    });
    g.bench_function("validate_certificate (7 errors, parsed)", |b| {
        b.iter(|| black_box(validate_certificate(black_box(&certs[3]), &options)))
    });
    g.bench_function("parse + validate_certificate", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&text)).unwrap();
            black_box(validate_certificate(&v, &options))
        })
    });
    g.finish();
}

criterion_group!(benches, bench_certificates);
criterion_main!(benches);
