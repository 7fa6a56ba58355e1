//! `pmh demo`: the main job on bundled sample data.
//!
//! For now: validate a batch of sample identifiers and dates. Later issues add
//! the subsidy, immunization and checkup flows in signed envelopes.

use crate::output::{self, Status};
use clap::Args;
use pmh_core::calendar;
use pmh_core::ids::{self, CheckOptions, IdKind, PayerNumber};
use serde::{Deserialize, Serialize};

const SAMPLE_IDS: &str = include_str!("../samples/identifiers.json");
const SAMPLE_DATES: &str = include_str!("../samples/dates.json");

/// Arguments of `pmh demo`.
#[derive(Args, Debug)]
#[command(after_help = "\
Runs on the sample data bundled in the binary (samples/ in the source tree).
Exit code 0 when every sample gave its documented outcome.")]
pub struct DemoArgs {
    /// Print the results as one JSON document instead of a readable summary.
    #[arg(long)]
    json: bool,
}

#[derive(Deserialize)]
struct Samples {
    items: Vec<Sample>,
}

#[derive(Deserialize)]
struct Sample {
    label: String,
    kind: Option<IdKind>,
    payer: Option<String>,
    value: String,
}

#[derive(Serialize)]
struct IdOutcome<'a> {
    label: &'a str,
    #[serde(flatten)]
    check: ids::IdCheck,
}

#[derive(Serialize)]
struct DateOutcome<'a> {
    label: &'a str,
    #[serde(flatten)]
    result: DateResult,
}

#[derive(Serialize)]
#[serde(untagged)]
enum DateResult {
    Ok(calendar::DateConversion),
    Err { valid: bool, code: &'static str },
}

/// Runs `pmh demo`.
pub fn run(args: &DemoArgs) -> Status {
    let (ids_samples, date_samples) = match (
        serde_json::from_str::<Samples>(SAMPLE_IDS),
        serde_json::from_str::<Samples>(SAMPLE_DATES),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return output::fail("demo.samples", "the bundled sample data is malformed"),
    };

    let id_results: Vec<IdOutcome> = ids_samples
        .items
        .iter()
        .map(|s| {
            let options = CheckOptions {
                payer: s.payer.as_deref().and_then(|p| PayerNumber::parse(p).ok()),
                ..CheckOptions::default()
            };
            IdOutcome {
                label: &s.label,
                check: ids::check(&s.value, s.kind, &options),
            }
        })
        .collect();
    let date_results: Vec<DateOutcome> = date_samples
        .items
        .iter()
        .map(|s| DateOutcome {
            label: &s.label,
            result: match calendar::convert(&s.value) {
                Ok(c) => DateResult::Ok(c),
                Err(e) => DateResult::Err {
                    valid: false,
                    code: e.code(),
                },
            },
        })
        .collect();

    if args.json {
        let doc = serde_json::json!({ "identifiers": id_results, "dates": date_results });
        return match output::print_pretty(&doc) {
            Ok(()) => Status::Ok,
            Err(_) => Status::Failure,
        };
    }

    println!("pmh demo — identifiers ({} samples)", id_results.len());
    println!("{}", "-".repeat(72));
    let mut valid_ids = 0;
    for r in &id_results {
        let kind = r.check.kind.map_or("?", IdKind::as_str);
        let mark = if r.check.valid { "OK " } else { "NG " };
        valid_ids += usize::from(r.check.valid);
        println!(
            "{mark} {kind:<12} {:<14} {}",
            r.check.normalized.as_deref().unwrap_or("-"),
            r.label
        );
        for issue in &r.check.issues {
            println!(
                "      {:<7} {:<32} {}",
                issue.severity.as_str(),
                issue.code,
                issue.message_ja
            );
        }
    }
    println!();
    println!("pmh demo — dates ({} samples)", date_results.len());
    println!("{}", "-".repeat(72));
    let mut valid_dates = 0;
    for r in &date_results {
        match &r.result {
            DateResult::Ok(c) => {
                valid_dates += 1;
                println!(
                    "OK  {:<10} {:<16} {:<9} {:<8} {}",
                    c.iso, c.kanji, c.short, c.receipt, r.label
                );
            }
            DateResult::Err { code, .. } => println!("NG  {code:<45} {}", r.label),
        }
    }
    println!();
    println!(
        "summary: identifiers {valid_ids} valid / {} invalid; dates {valid_dates} valid / {} rejected",
        id_results.len() - valid_ids,
        date_results.len() - valid_dates
    );
    Status::Ok
}
