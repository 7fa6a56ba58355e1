//! Immunization evaluation throughput (goal: over 200,000 full child
//! histories per second per core), next to its baseline: deserializing the
//! same history with serde_json (what any consumer pays before evaluating).
//!
//! Inputs: the bundled 12-month sample history, and a complete childhood
//! (every A類 series through 2種混合 and 日本脳炎2期, 33 doses) evaluated at 13.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pmh_core::immunization::{evaluate, evaluate_json, History};
use serde_json::Value;
use std::hint::black_box;

const HISTORY_12M: &str = include_str!("../samples/immunization/history-12m.json");
const FULL_CHILDHOOD: &str = r#"{
  "birthDate": "2012-04-15", "sex": "2",
  "doses": [
    {"vaccine": "hib", "date": "2012-06-15"}, {"vaccine": "hib", "date": "2012-07-13"},
    {"vaccine": "hib", "date": "2012-08-10"}, {"vaccine": "hib", "date": "2013-04-20"},
    {"vaccine": "pcv", "product": "pcv7", "date": "2012-06-15"}, {"vaccine": "pcv", "product": "pcv7", "date": "2012-07-13"},
    {"vaccine": "pcv", "product": "pcv7", "date": "2012-08-10"}, {"vaccine": "pcv", "product": "pcv13", "date": "2013-04-20"},
    {"vaccine": "dpt-ipv", "date": "2012-07-13"}, {"vaccine": "dpt-ipv", "date": "2012-08-10"},
    {"vaccine": "dpt-ipv", "date": "2012-09-07"}, {"vaccine": "dpt-ipv", "date": "2013-09-20"},
    {"vaccine": "bcg", "date": "2012-09-20"},
    {"vaccine": "mr", "date": "2013-04-20"}, {"vaccine": "mr", "date": "2018-05-10"},
    {"vaccine": "varicella", "date": "2014-10-10"}, {"vaccine": "varicella", "date": "2015-04-10"},
    {"vaccine": "je", "date": "2015-05-10"}, {"vaccine": "je", "date": "2015-06-07"},
    {"vaccine": "je", "date": "2016-05-15"}, {"vaccine": "je", "date": "2021-05-20"},
    {"vaccine": "dt", "date": "2023-05-20"},
    {"vaccine": "hpv", "product": "silgard9", "date": "2024-05-20"}, {"vaccine": "hpv", "product": "silgard9", "date": "2024-11-20"},
    {"vaccine": "influenza-elderly", "date": "2024-11-20"},
    {"vaccine": "hepb", "date": "2012-06-15"}, {"vaccine": "hepb", "date": "2012-07-13"}, {"vaccine": "hepb", "date": "2012-12-01"},
    {"vaccine": "rota", "product": "rotarix", "date": "2012-06-15"}, {"vaccine": "rota", "product": "rotarix", "date": "2012-07-13"},
    {"vaccine": "covid19", "date": "2022-10-10"}, {"vaccine": "zoster", "date": "2024-10-10"},
    {"vaccine": "pneumococcal-elderly", "date": "2024-10-10"}
  ]
}"#;

fn bench(c: &mut Criterion) {
    for (name, text, as_of) in [
        ("12m", HISTORY_12M, "2025-04-20"),
        ("full_childhood", FULL_CHILDHOOD, "2025-04-20"),
    ] {
        let as_of = as_of.parse().unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        let history: History = serde_json::from_str(text).unwrap();
        assert!(evaluate_json(&value, as_of).is_ok());
        let mut g = c.benchmark_group(format!("immunization_{name}"));
        g.throughput(Throughput::Elements(1));
        g.bench_function("baseline_serde_json_parse_history", |b| {
            b.iter(|| serde_json::from_str::<History>(black_box(text)).unwrap())
        });
        g.bench_function("evaluate", |b| {
            b.iter(|| evaluate(black_box(&history), black_box(as_of)))
        });
        g.bench_function("validate_and_evaluate_json", |b| {
            b.iter(|| evaluate_json(black_box(&value), black_box(as_of)).unwrap())
        });
        g.bench_function("evaluate_and_serialize", |b| {
            b.iter(|| serde_json::to_vec(&evaluate(black_box(&history), black_box(as_of))).unwrap())
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
