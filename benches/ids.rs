//! Identifier checks: typed parsing of each kind, and the generic `ids::check`
//! (which also builds the JSON-ready result), next to a baseline that only
//! verifies the characters are ASCII digits.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pmh_core::ids::{self, CheckOptions, InstitutionCode, MunicipalityCode, MyNumber, PayerNumber};
use std::hint::black_box;

const PAYERS: [&str; 4] = ["88134457", "54136015", "52136017", "88134458"];

fn bench_ids(c: &mut Criterion) {
    let mut g = c.benchmark_group("ids");
    g.throughput(Throughput::Elements(PAYERS.len() as u64));
    g.bench_function("baseline: all ASCII digits", |b| {
        b.iter(|| {
            for p in PAYERS {
                black_box(black_box(p).bytes().all(|c| c.is_ascii_digit()));
            }
        })
    });
    g.bench_function("PayerNumber::parse", |b| {
        b.iter(|| {
            for p in PAYERS {
                let _ = black_box(PayerNumber::parse(black_box(p)));
            }
        })
    });
    g.bench_function("ids::check (payer, with result)", |b| {
        let options = CheckOptions::default();
        b.iter(|| {
            for p in PAYERS {
                black_box(ids::check(black_box(p), Some(ids::IdKind::Payer), &options));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("ids by kind");
    g.bench_function("InstitutionCode::parse", |b| {
        b.iter(|| black_box(InstitutionCode::parse(black_box("3618010015"))))
    });
    g.bench_function("MunicipalityCode::parse", |b| {
        b.iter(|| black_box(MunicipalityCode::parse(black_box("131016"))))
    });
    g.bench_function("MyNumber::parse", |b| {
        b.iter(|| black_box(MyNumber::parse(black_box("983205673214")).is_ok()))
    });
    g.bench_function("ids::check guessing the kind", |b| {
        let options = CheckOptions::default();
        b.iter(|| black_box(ids::check(black_box("3618010015"), None, &options)))
    });
    g.finish();
}

criterion_group!(benches, bench_ids);
criterion_main!(benches);
