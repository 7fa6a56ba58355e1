//! Checkup result validation throughput, next to its baseline: parsing the same
//! result with serde_json (what any consumer pays before validating).
//!
//! Inputs are the bundled 3–4 month sample result (with its embedded voucher)
//! and a complete 3-year result; "today" is fixed so runs are comparable.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pmh_core::checkup::{
    assess_result, result_to_fhir, validate_result_with, CheckupOptions, CheckupResult,
};
use serde_json::Value;
use std::hint::black_box;

const RESULT_3_4M: &str = include_str!("../samples/checkup/result-3-4m.json");
const RESULT_3Y: &str = r#"{
  "kind": "child-3y", "date": "2024-09-01",
  "person": {"birthDate": "2021-06-01", "sex": "1"},
  "measurements": {"heightCm": 95.0, "weightKg": 14.0, "headCm": 49.5},
  "findings": {"nutrition": "none", "spineChest": "none", "skin": "none", "eyes": "none", "earNoseThroat": "none",
    "limbMotor": "none", "mentalDevelopment": "none", "speech": "none", "immunizationStatus": "none",
    "parentingIssues": "none", "otherDiseases": "none"},
  "dental": {"teeth": 20, "cariesTeeth": 2, "cariesType": "A"},
  "vision": {"acuityRight": 0.6, "acuityLeft": 0.5, "result": "pass"},
  "hearing": {"result": "pass", "method": "whisper"},
  "urine": {"protein": "-", "glucose": "-", "occultBlood": "-"},
  "judgement": "no-abnormality"
}"#;

fn bench(c: &mut Criterion) {
    let options =
        CheckupOptions::default().with_today(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    for (name, text) in [("3-4m", RESULT_3_4M), ("3y", RESULT_3Y)] {
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(validate_result_with(&value, &options).is_ok());
        let mut g = c.benchmark_group(format!("checkup_result_{name}"));
        g.throughput(Throughput::Elements(1));
        g.bench_function("baseline_serde_json_parse", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(text)).unwrap())
        });
        g.bench_function("validate", |b| {
            b.iter(|| validate_result_with(black_box(&value), &options))
        });
        g.bench_function("parse_and_validate", |b| {
            b.iter(|| {
                let v: Value = serde_json::from_str(black_box(text)).unwrap();
                validate_result_with(&v, &options)
            })
        });
        g.bench_function("assess_with_derived", |b| {
            b.iter(|| assess_result(black_box(&value), &options))
        });
        let typed = CheckupResult::from_value(&value, &options).unwrap();
        g.bench_function("fhir_bundle", |b| {
            b.iter(|| result_to_fhir(black_box(&typed), "Patient/1"))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
