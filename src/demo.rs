//! `pmh demo`: the main job on bundled sample data.
//!
//! The whole story on bundled sample data with freshly generated keys:
//! identifiers and dates are checked; a municipality registers subsidy
//! certificates with the hub, a clinic and a pharmacy check eligibility and
//! charge visits against the monthly cap in signed envelopes; a forged and a
//! replayed envelope are refused; a child's vaccination questionnaire and
//! records travel to the municipality and the forecast shows what is due; a
//! 3-4 month checkup result returns to the municipality.

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
Keys are generated afresh on every run. Exit code 0 when every step of the
story went as expected.")]
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

/// The steps of the story, printed as they happen (or collected for `--json`).
pub struct Story {
    json: bool,
    steps: Vec<serde_json::Value>,
    failures: usize,
    section: String,
    seen: usize,
}

impl Story {
    fn new(json: bool) -> Story {
        Story {
            json,
            steps: Vec::new(),
            failures: 0,
            section: String::new(),
            seen: 0,
        }
    }

    fn steps_seen(&self) -> usize {
        self.seen
    }

    /// Starts a section of the story.
    pub fn section(&mut self, title: &str) {
        self.section = title.to_owned();
        if !self.json {
            println!();
            println!("{title}");
            println!("{}", "-".repeat(72));
        }
    }

    /// Records one step: who did what, the outcome, and whether it went as the story expects.
    pub fn step(
        &mut self,
        actor: &dyn std::fmt::Display,
        action: &str,
        outcome: &str,
        as_expected: bool,
    ) {
        self.seen += 1;
        if !as_expected {
            self.failures += 1;
        }
        if self.json {
            self.steps.push(serde_json::json!({
                "section": self.section, "actor": actor.to_string(), "action": action,
                "outcome": outcome, "asExpected": as_expected,
            }));
        } else {
            let mark = if as_expected { "OK " } else { "!! " };
            println!("{mark} [{actor}] {action}");
            println!("       → {outcome}");
        }
    }
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

    let mut story = Story::new(args.json);
    if args.json {
        let flows = run_flows(&mut story);
        let doc = serde_json::json!({
            "identifiers": id_results, "dates": date_results, "steps": story.steps,
            "error": flows.err(),
        });
        let ok = story.failures == 0 && doc["error"].is_null();
        return match output::print_pretty(&doc) {
            Ok(()) if ok => Status::Ok,
            Ok(()) => Status::Invalid,
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
    let flows = run_flows(&mut story);
    println!();
    println!(
        "summary: identifiers {valid_ids} valid / {} invalid; dates {valid_dates} valid / {} rejected; \
         story steps {} as expected / {} not",
        id_results.len() - valid_ids,
        date_results.len() - valid_dates,
        story.steps_seen() - story.failures,
        story.failures,
    );
    match flows {
        Err(e) => {
            eprintln!("pmh demo: the story stopped: {e}");
            Status::Invalid
        }
        Ok(()) if story.failures > 0 => Status::Invalid,
        Ok(()) => Status::Ok,
    }
}

/// The exchanges of the story, in order.
fn run_flows(story: &mut Story) -> Result<(), String> {
    crate::demo_subsidy::run(story)?;
    crate::demo_immunization::run(story)?;
    crate::demo_checkup::run(story)
}
